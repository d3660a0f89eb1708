package udf

import (
	"bytes"
	"compress/bzip2"
	"compress/gzip"
	"database/sql/driver"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/antchfx/xmlquery"
	"github.com/antchfx/xpath"
	"github.com/duckdb/duckdb-go/v2"

	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/types"
)

// Spark's xpath family: XPath 1.0 evaluated over an XML string.
// ember_xpath_<kind>(xml VARCHAR, path VARCHAR): an empty document or path
// gives NULL; a malformed document or path fails the query the way Spark
// does. The numeric kinds evaluate number(path) and narrow the double as
// Java does.

func init() {
	str := T(duckdb.TYPE_VARCHAR)
	in := []duckdb.TypeInfo{str, str}
	reg := func(kind string, out duckdb.TypeInfo, conv func(r xpathResult) any) {
		Register(Func{Name: "ember_xpath_" + kind, Overloads: []duckdb.ScalarFunc{Scalar{
			In: in, Out: out,
			Fn: func(args []driver.Value) (any, error) {
				r, ok, err := evalXPath(args[0].(string), args[1].(string))
				if err != nil || !ok {
					return nil, err
				}
				return conv(r), nil
			},
		}}})
	}
	reg("string", str, func(r xpathResult) any { return r.str() })
	reg("boolean", T(duckdb.TYPE_BOOLEAN), func(r xpathResult) any { return r.boolean() })
	reg("double", T(duckdb.TYPE_DOUBLE), func(r xpathResult) any { return r.number() })
	reg("float", T(duckdb.TYPE_FLOAT), func(r xpathResult) any { return float32(r.number()) })
	reg("int", T(duckdb.TYPE_INTEGER), func(r xpathResult) any { return functions.JavaDoubleToInt(r.number()) })
	reg("short", T(duckdb.TYPE_SMALLINT), func(r xpathResult) any { return int16(functions.JavaDoubleToInt(r.number())) })
	reg("long", T(duckdb.TYPE_BIGINT), func(r xpathResult) any { return functions.JavaDoubleToLong(r.number()) })

	Register(Func{Name: "ember_xpath_list", Overloads: []duckdb.ScalarFunc{Scalar{
		In: in, Out: List(str),
		Fn: func(args []driver.Value) (any, error) {
			path := args[1].(string)
			r, ok, err := evalXPath(args[0].(string), path)
			if err != nil || !ok {
				return nil, err
			}
			it, isNodes := r.v.(*xpath.NodeIterator)
			if !isNodes {
				return nil, sparkRuntimeError("Invalid XML document: com.sun.org.apache.xpath.internal.XPathException: Can not convert #" + xpathTypeName(r.v) + " to a NodeList!")
			}
			out := []any{}
			for it.MoveNext() {
				nav := it.Current()
				if nav.NodeType() == xpath.ElementNode || nav.NodeType() == xpath.RootNode {
					out = append(out, nil)
					continue
				}
				out = append(out, nodeValue(nav))
			}
			return out, nil
		},
	}}})
}

type xpathResult struct{ v any }

// str is XPath's string(): the string value of the first node of a node
// set, numbers in XPath's canonical form.
func (r xpathResult) str() string {
	switch x := r.v.(type) {
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return xpathNumberString(x)
	case *xpath.NodeIterator:
		if x.MoveNext() {
			return nodeValue(x.Current())
		}
	}
	return ""
}

func (r xpathResult) boolean() bool {
	switch x := r.v.(type) {
	case string:
		return x != ""
	case bool:
		return x
	case float64:
		return x != 0 && !math.IsNaN(x)
	case *xpath.NodeIterator:
		return x.MoveNext()
	}
	return false
}

func (r xpathResult) number() float64 {
	switch x := r.v.(type) {
	case float64:
		return x
	case bool:
		if x {
			return 1
		}
		return 0
	}
	return xpathParseNumber(r.str())
}

func xpathTypeName(v any) string {
	switch v.(type) {
	case float64:
		return "NUMBER"
	case bool:
		return "BOOLEAN"
	}
	return "STRING"
}

// nodeValue is a node's value; CDATA sections count as text.
func nodeValue(nav xpath.NodeNavigator) string {
	if n, ok := nav.(*xmlquery.NodeNavigator); ok {
		if c := n.Current(); c.Type == xmlquery.CharDataNode {
			return c.Data
		}
	}
	return nav.Value()
}

// xpathParseNumber is XPath 1.0's number() of a string: optional
// whitespace, an optional minus, digits with an optional fraction; no
// exponent, no plus sign. Anything else is NaN.
func xpathParseNumber(s string) float64 {
	t := strings.Trim(s, " \t\r\n")
	body := strings.TrimPrefix(t, "-")
	if body == "" || body == "." {
		return math.NaN()
	}
	dot := false
	for _, c := range body {
		switch {
		case c == '.' && !dot:
			dot = true
		case c >= '0' && c <= '9':
		default:
			return math.NaN()
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return math.NaN()
	}
	return f
}

// xpathNumberString renders a number as XPath's string() does.
func xpathNumberString(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == math.Trunc(f) && math.Abs(f) < 1e18:
		return strconv.FormatInt(int64(f), 10)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

var (
	xpathMu    sync.Mutex
	xpathCache = map[string]*xpath.Expr{}
)

func compileXPath(path string) (*xpath.Expr, error) {
	xpathMu.Lock()
	defer xpathMu.Unlock()
	if e, ok := xpathCache[path]; ok {
		return e, nil
	}
	e, err := xpath.Compile(path)
	if err != nil {
		return nil, err
	}
	if len(xpathCache) > 256 {
		xpathCache = map[string]*xpath.Expr{}
	}
	xpathCache[path] = e
	return e, nil
}

// evalXPath evaluates path over doc; ok is false when Spark answers NULL
// (an empty document or path).
func evalXPath(doc, path string) (xpathResult, bool, error) {
	if doc == "" || path == "" {
		return xpathResult{}, false, nil
	}
	expr, err := compileXPath(path)
	if err != nil {
		return xpathResult{}, false, sparkRuntimeError("Invalid XPath '" + path + "'" + err.Error())
	}
	// Spark reports a document its parser rejects as a failure to load
	// the expression.
	if err := checkWellFormed(doc); err != nil {
		return xpathResult{}, false, sparkRuntimeError("Error loading expression '" + path + "'")
	}
	root, err := xmlquery.Parse(strings.NewReader(doc))
	if err != nil {
		return xpathResult{}, false, sparkRuntimeError("Error loading expression '" + path + "'")
	}
	return xpathResult{expr.Evaluate(xmlquery.CreateXPathNavigator(root))}, true, nil
}

// checkWellFormed rejects what a strict XML parser rejects: unbalanced
// tags, no root element or several of them.
func checkWellFormed(doc string) error {
	d := xml.NewDecoder(strings.NewReader(doc))
	depth, roots := 0, 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 0 && strings.TrimSpace(string(t)) != "" {
				return errors.New("content is not allowed in prolog")
			}
		}
	}
	switch {
	case roots == 0:
		return errors.New("premature end of file")
	case roots > 1:
		return errors.New("the markup in the document following the root element must be well-formed")
	}
	return nil
}

// sparkRuntimeError fails the query with a java.lang.RuntimeException
// carrying msg, as Spark's XPath functions do (they raise no error class).
// The marker format is functions.RaiseSQL's, which the engine decodes.
func sparkRuntimeError(msg string) error {
	msg = strings.ReplaceAll(msg, "\n", " ")
	return errors.New(errorMarker + "\x1fmessage=" + msg + "\x1f@java=java.lang.RuntimeException")
}

// ember_xml_to_json(doc, schema[, options]) is from_xml's first step: the
// row as JSON shaped by the schema (NULL for a malformed document).
// ember_xml_status(doc, schema, options) classifies a record as the XML
// reader's modes need it (functions.XMLRecordOK, ...Malformed, ...BadValue).
func init() {
	str := T(duckdb.TYPE_VARCHAR)
	toJSON := func(args []driver.Value) (any, error) {
		t, err := xmlSchema(args[1].(string))
		if err != nil {
			return nil, err
		}
		o := functions.DefaultXMLOptions()
		if len(args) > 2 {
			if o, err = xmlOptions(args[2].(string)); err != nil {
				return nil, err
			}
		}
		j, status := functions.XMLRecordJSON(args[0].(string), t, o)
		if status == functions.XMLRecordMalformed {
			return nil, nil
		}
		return j, nil
	}
	Register(Func{Name: "ember_xml_to_json", Overloads: []duckdb.ScalarFunc{
		Scalar{In: []duckdb.TypeInfo{str, str}, Out: str, Fn: toJSON},
		Scalar{In: []duckdb.TypeInfo{str, str, str}, Out: str, Fn: toJSON},
	}})
	Register(Func{Name: "ember_xml_status", Overloads: []duckdb.ScalarFunc{Scalar{
		In: []duckdb.TypeInfo{str, str, str}, Out: tInt,
		Fn: func(args []driver.Value) (any, error) {
			t, err := xmlSchema(args[1].(string))
			if err != nil {
				return nil, err
			}
			o, err := xmlOptions(args[2].(string))
			if err != nil {
				return nil, err
			}
			_, status := functions.XMLRecordJSON(args[0].(string), t, o)
			return int32(status), nil
		},
	}}})
	// ember_xml_render(tree, schema, options, tag, depth): a row as the XML
	// writer and to_xml write it (tree from functions.XMLTreeSQL).
	Register(Func{Name: "ember_xml_render", Overloads: []duckdb.ScalarFunc{Scalar{
		In: []duckdb.TypeInfo{str, str, str, str, tInt}, Out: str,
		Fn: func(args []driver.Value) (any, error) {
			t, err := xmlSchema(args[1].(string))
			if err != nil {
				return nil, err
			}
			st, ok := t.(types.Struct)
			if !ok {
				return nil, fmt.Errorf("ember_xml_render: %s is not a struct type", args[1])
			}
			o, err := xmlOptions(args[2].(string))
			if err != nil {
				return nil, err
			}
			tree, err := functions.DecodeXMLTree(args[0].(string))
			if err != nil {
				return nil, fmt.Errorf("ember_xml_render: %w", err)
			}
			return functions.RenderXMLRow(tree, st, o, args[3].(string), int(args[4].(int32))), nil
		},
	}}})
	// ember_xml_records(content, path, rowTag): the records of an XML file
	// (decompressed by its extension); a file that is not well-formed adds
	// its whole text as a last, malformed record, as Spark reports it.
	Register(Func{Name: "ember_xml_records", Overloads: []duckdb.ScalarFunc{Scalar{
		In: []duckdb.TypeInfo{tBlob, str, str}, Out: List(str),
		Fn: func(args []driver.Value) (any, error) {
			doc, err := xmlFileBytes(args[0], args[1].(string))
			if err != nil {
				return nil, err
			}
			recs, ok := functions.XMLRecords(doc, args[2].(string))
			out := make([]any, 0, len(recs)+1)
			for _, r := range recs {
				out = append(out, r)
			}
			if !ok {
				out = append(out, string(doc))
			}
			return out, nil
		},
	}}})
	// ember_xml_file_text(content, path): a file's (decompressed) text.
	Register(Func{Name: "ember_xml_file_text", Overloads: []duckdb.ScalarFunc{Scalar{
		In: []duckdb.TypeInfo{tBlob, str}, Out: str,
		Fn: func(args []driver.Value) (any, error) {
			doc, err := xmlFileBytes(args[0], args[1].(string))
			if err != nil {
				return nil, err
			}
			return string(doc), nil
		},
	}}})
}

// xmlFileBytes is a file's content, gunzipped or bunzipped by extension.
func xmlFileBytes(content driver.Value, path string) ([]byte, error) {
	var b []byte
	switch v := content.(type) {
	case []byte:
		b = v
	case string:
		b = []byte(v)
	}
	var r io.Reader
	switch {
	case strings.HasSuffix(path, ".gz"):
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	case strings.HasSuffix(path, ".bz2"):
		r = bzip2.NewReader(bytes.NewReader(b))
	default:
		return functions.XMLFileText(b), nil
	}
	out, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return functions.XMLFileText(out), nil
}

var (
	xmlOptMu    sync.Mutex
	xmlOptCache = map[string]functions.XMLOptions{}
)

func xmlOptions(s string) (functions.XMLOptions, error) {
	xmlOptMu.Lock()
	defer xmlOptMu.Unlock()
	if o, ok := xmlOptCache[s]; ok {
		return o, nil
	}
	o, err := functions.DecodeXMLOptions(s)
	if err != nil {
		return o, err
	}
	if len(xmlOptCache) > 64 {
		xmlOptCache = map[string]functions.XMLOptions{}
	}
	xmlOptCache[s] = o
	return o, nil
}

var (
	xmlSchemaMu    sync.Mutex
	xmlSchemaCache = map[string]types.DataType{}
)

func xmlSchema(s string) (types.DataType, error) {
	xmlSchemaMu.Lock()
	defer xmlSchemaMu.Unlock()
	if t, ok := xmlSchemaCache[s]; ok {
		return t, nil
	}
	t, err := functions.ParseSchemaText(s)
	if err != nil {
		return nil, err
	}
	if len(xmlSchemaCache) > 64 {
		xmlSchemaCache = map[string]types.DataType{}
	}
	xmlSchemaCache[s] = t
	return t, nil
}
