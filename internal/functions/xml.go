package functions

import (
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// XML functions. The xpath family evaluates XPath 1.0 in Go
// (internal/udf/xml.go: ember_xpath_<kind>). from_xml converts the
// document to JSON shaped by the schema in Go (ember_xml_to_json, using
// XMLRecordJSON below) and reuses DuckDB's json_transform; schema_of_xml
// infers at analysis; to_xml turns the row's values into their text in SQL
// (XMLTreeSQL) and lays out the elements in Go (ember_xml_render,
// RenderXMLRow), exactly as the XML data source writes rows
// (xmlsource.go).

func init() {
	x := func(name, kind string, t types.DataType) *Def {
		return &Def{Name: name, MinArgs: 2, MaxArgs: 2, Resolve: resolveXPath(t), Lower: fn("ember_xpath_" + kind), Group: "xml"}
	}
	Register(
		x("xpath", "list", types.Array{Elem: types.String, ContainsNull: true}),
		x("xpath_string", "string", types.String),
		x("xpath_boolean", "boolean", types.Boolean),
		x("xpath_double", "double", types.Double),
		x("xpath_number", "double", types.Double),
		x("xpath_float", "float", types.Float),
		x("xpath_int", "int", types.Int),
		x("xpath_long", "long", types.Long),
		x("xpath_short", "short", types.Short),
		&Def{Name: "schema_of_xml", MinArgs: 1, MaxArgs: 2, Resolve: resolveSchemaOf("xml"), Lower: lowerSchemaOf, Pretty: prettyFirstArg, Group: "xml"},
		&Def{Name: "from_xml", MinArgs: 2, MaxArgs: 3, Resolve: resolveFromXML, Lower: lowerFromXML, Pretty: prettyFirstArg, Group: "xml"},
		&Def{Name: "to_xml", MinArgs: 1, MaxArgs: 2, Resolve: resolveToXML, Lower: lowerToXML, Pretty: prettyFirstArg, Group: "xml"},
	)
}

func resolveXPath(t types.DataType) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		for i, a := range args {
			if !types.IsStringLike(a.Type()) && a.Type().Kind() != types.KindNull {
				return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), i+1, "\"STRING\"", a)
			}
		}
		return []logical.Expr{ImplicitCast(args[0], types.String), ImplicitCast(args[1], types.String)}, t, true, nil
	}
}

// xmlNode is a parsed element.
type xmlNode struct {
	name     string
	attrs    []xml.Attr
	children []*xmlNode
	text     strings.Builder
	// inner is the element's content as written (children included).
	inner string
}

// parseXMLRow parses a document into its root element.
func parseXMLRow(doc string) (*xmlNode, error) {
	d := xml.NewDecoder(strings.NewReader(doc))
	d.CharsetReader = xmlCharsetAsIs
	var stack []*xmlNode
	var starts []int64
	var root *xmlNode
	for {
		off := d.InputOffset()
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &xmlNode{name: t.Name.Local, attrs: t.Attr}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			} else if root == nil {
				root = n
			}
			stack = append(stack, n)
			starts = append(starts, d.InputOffset())
		case xml.EndElement:
			n, st := stack[len(stack)-1], starts[len(starts)-1]
			if st <= off && int(off) <= len(doc) {
				n.inner = doc[st:off]
			}
			stack, starts = stack[:len(stack)-1], starts[:len(starts)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(t)
			}
		}
	}
	if root == nil || len(stack) != 0 {
		return nil, errors.New("malformed XML document")
	}
	return root, nil
}

// inferXMLSchema is schema_of_xml: the row element's children (and
// attributes, prefixed _) as fields; repeated children are arrays.
func inferXMLSchema(s string, opts map[string]string) (types.DataType, error) {
	o, err := ParseXMLOptions("schema_of_xml", opts, XMLForFunction)
	if err != nil {
		return nil, err
	}
	st, ok := InferXMLRecord(s, o)
	if !ok {
		// A malformed document is a corrupt record (PERMISSIVE).
		name := opts["columnnameofcorruptrecord"]
		if name == "" {
			name = "_corrupt_record"
		}
		return types.Struct{Fields: []types.Field{{Name: name, Type: types.String, Nullable: true}}}, nil
	}
	return canonicalJSONType(st), nil
}

// InferXMLRecord infers the struct type of one XML record (its root
// element's attributes and children, or its text as the value tag); the
// type may still hold NULL for empty values (CanonicalJSONType closes it).
// ok is false for a malformed record.
func InferXMLRecord(doc string, o XMLOptions) (types.Struct, bool) {
	root, err := parseXMLRow(doc)
	if err != nil {
		return types.Struct{}, false
	}
	t := inferXMLElement(root, o)
	st, isStruct := t.(types.Struct)
	if !isStruct {
		st = types.Struct{Fields: []types.Field{{Name: o.ValueTag, Type: t, Nullable: true}}}
	}
	return st, true
}

// MergeXMLTypes is the common type of two inferred XML types.
func MergeXMLTypes(a, b types.DataType, o XMLOptions) types.DataType { return mergeXML(a, b, o) }

// xmlAttrs are an element's attributes without namespace declarations.
func xmlAttrs(n *xmlNode) []xml.Attr {
	out := n.attrs[:0:0]
	for _, a := range n.attrs {
		if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" {
			continue
		}
		out = append(out, a)
	}
	return out
}

func inferXMLElement(n *xmlNode, o XMLOptions) types.DataType {
	var fields []types.Field
	if !o.ExcludeAttrs {
		for _, a := range xmlAttrs(n) {
			fields = append(fields, types.Field{Name: o.AttrPrefix + a.Name.Local, Type: inferXMLText(a.Value, o), Nullable: true})
		}
	}
	text := n.text.String()
	if len(n.children) == 0 && len(fields) == 0 {
		return inferXMLText(text, o)
	}
	counts := map[string]int{}
	for _, c := range n.children {
		counts[c.name]++
	}
	var st types.DataType = types.Struct{Fields: fields}
	for _, c := range n.children {
		ct := inferXMLElement(c, o)
		if counts[c.name] > 1 {
			ct = types.Array{Elem: ct, ContainsNull: true}
		}
		st = mergeXML(st, types.Struct{Fields: []types.Field{{Name: c.name, Type: ct, Nullable: true}}}, o)
	}
	if strings.TrimSpace(text) != "" {
		st = mergeXML(st, types.Struct{Fields: []types.Field{{Name: o.ValueTag, Type: inferXMLText(text, o), Nullable: true}}}, o)
	}
	out := st.(types.Struct)
	sort.SliceStable(out.Fields, func(i, j int) bool { return out.Fields[i].Name < out.Fields[j].Name })
	return out
}

// inferXMLText is the type Spark's XML inference gives a text value.
// The null value is not null here: Spark infers its text like any other.
func inferXMLText(raw string, o XMLOptions) types.DataType {
	v := o.text(raw)
	if v == "" {
		return types.Null
	}
	if o.NoInfer {
		return types.String
	}
	switch {
	case csvIntRe.MatchString(v):
		if _, err := strconv.ParseInt(strings.TrimPrefix(v, "+"), 10, 64); err == nil {
			return types.Long
		}
		return types.Double
	case csvNumRe.MatchString(v) && !strings.ContainsAny(v[len(v)-1:], "dDfF"):
		return types.Double
	case strings.EqualFold(v, "true") || strings.EqualFold(v, "false"):
		return types.Boolean
	case o.isDate(v):
		return types.Date
	case o.isTimestamp(v):
		return types.Timestamp
	}
	return types.String
}

// isDate reports whether v is a date (dateFormat, or yyyy-MM-dd).
func (o XMLOptions) isDate(v string) bool {
	_, ok := o.datetimeText(v, types.KindDate)
	return ok
}

// isTimestamp reports whether v is a timestamp (timestampFormat, or the
// ISO forms Spark parses by default).
func (o XMLOptions) isTimestamp(v string) bool {
	_, ok := o.datetimeText(v, types.KindTimestamp)
	return ok
}

// xmlISOTimestampRe is Spark's default timestamp form once a datetime
// pattern option turns its lenient fallback parsing off.
var xmlISOTimestampRe = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?$`)

// datetimeText is a date or timestamp value as text DuckDB casts (ok
// false when it is not one).
func (o XMLOptions) datetimeText(v string, k types.Kind) (string, bool) {
	pattern := o.TimestampFormat
	if k == types.KindDate {
		pattern = o.DateFormat
	}
	if pattern == "" || JavaDatetimeParser == nil {
		switch {
		case k == types.KindDate:
			return v, csvDateRe.MatchString(v)
		case o.DateFormat != "" && JavaDatetimeParser != nil:
			// Setting a pattern turns Spark's lenient fallback off.
			return v, xmlISOTimestampRe.MatchString(v)
		}
		return v, csvTsRe.MatchString(v) || csvDateRe.MatchString(v)
	}
	t, ok, err := JavaDatetimeParser(v, pattern)
	if !ok || err != nil {
		return "", false
	}
	if k == types.KindDate {
		return t.Format("2006-01-02"), true
	}
	return t.Format("2006-01-02 15:04:05.999999"), true
}

// mergeXML is Spark's XML type merge: numbers widen, a date meets a
// timestamp as a timestamp, structs merge by field name (sorted), an array
// absorbs a single value of its element type, a struct with a value tag
// absorbs a plain value, and anything else becomes a string.
func mergeXML(a, b types.DataType, o XMLOptions) types.DataType {
	if types.Equal(a, b) {
		return a
	}
	if a.Kind() == types.KindNull {
		return b
	}
	if b.Kind() == types.KindNull {
		return a
	}
	xa, aArr := a.(types.Array)
	xb, bArr := b.(types.Array)
	switch {
	case aArr && bArr:
		return types.Array{Elem: mergeXML(xa.Elem, xb.Elem, o), ContainsNull: true}
	case aArr:
		return types.Array{Elem: mergeXML(xa.Elem, b, o), ContainsNull: true}
	case bArr:
		return types.Array{Elem: mergeXML(a, xb.Elem, o), ContainsNull: true}
	}
	sa, aSt := a.(types.Struct)
	sb, bSt := b.(types.Struct)
	switch {
	case aSt && bSt:
		byName := map[string]int{}
		fs := append([]types.Field(nil), sa.Fields...)
		for i, f := range fs {
			byName[f.Name] = i
		}
		for _, f := range sb.Fields {
			if i, ok := byName[f.Name]; ok {
				fs[i].Type = mergeXML(fs[i].Type, f.Type, o)
				continue
			}
			byName[f.Name] = len(fs)
			fs = append(fs, f)
		}
		sort.SliceStable(fs, func(i, j int) bool { return fs[i].Name < fs[j].Name })
		return types.Struct{Fields: fs}
	case aSt || bSt:
		st, other := sa, b
		if bSt {
			st, other = sb, a
		}
		for i, f := range st.Fields {
			if f.Name == o.ValueTag {
				fs := append([]types.Field(nil), st.Fields...)
				fs[i].Type = mergeXML(f.Type, other, o)
				return types.Struct{Fields: fs}
			}
		}
		return types.String
	}
	ka, kb := a.Kind(), b.Kind()
	isNum := func(k types.Kind) bool { return k == types.KindLong || k == types.KindDouble || k == types.KindDecimal }
	if isNum(ka) && isNum(kb) {
		if ka == types.KindDouble || kb == types.KindDouble {
			return types.Double
		}
		da, _ := types.DecimalOf(a)
		db, _ := types.DecimalOf(b)
		return types.WiderDecimal(da, db)
	}
	if (ka == types.KindDate || ka == types.KindTimestamp) && (kb == types.KindDate || kb == types.KindTimestamp) {
		return types.Timestamp
	}
	return types.String
}

// ParseSchemaText reads a from_json/from_xml schema string as the
// nullable type the functions produce.
func ParseSchemaText(s string) (types.DataType, error) {
	t, err := parseJSONSchema(s)
	if err != nil {
		return nil, err
	}
	return asNullable(t), nil
}

// XML record conversion results.
const (
	XMLRecordOK        = iota
	XMLRecordMalformed // not well-formed XML
	XMLRecordBadValue  // well-formed, but a value does not convert to its field's type
)

// XMLToJSON converts an XML row to JSON shaped by the struct type t, for
// json_transform; ok is false for a malformed document.
func XMLToJSON(doc string, t types.DataType) (string, bool) {
	j, st := XMLRecordJSON(doc, t, DefaultXMLOptions())
	return j, st != XMLRecordMalformed
}

// XMLRecordJSON converts an XML record to JSON shaped by the struct type
// t, for json_transform, and reports whether the record was malformed or
// held a value its field's type cannot hold (that value is null).
func XMLRecordJSON(doc string, t types.DataType, o XMLOptions) (string, int) {
	root, err := parseXMLRow(doc)
	if err != nil {
		return "", XMLRecordMalformed
	}
	st, ok := t.(types.Struct)
	if !ok {
		c := &xmlConv{o: o}
		c.value(root, t)
		return c.b.String(), xmlStatus(c.bad)
	}
	// Spark converts a record's fields in document order and, at the first
	// value that does not convert, keeps what it converted before: that
	// field and the fields whose elements come after it are null.
	frags := make([]string, len(st.Fields))
	pos := make([]int, len(st.Fields))
	failed := make([]bool, len(st.Fields))
	badPos := -1
	for i, f := range st.Fields {
		c := &xmlConv{o: o}
		c.field(root, f)
		frags[i], pos[i], failed[i] = c.b.String(), xmlFieldPos(root, f, o), c.bad
		if c.bad && (badPos < 0 || pos[i] < badPos) {
			badPos = pos[i]
		}
	}
	var b strings.Builder
	b.WriteByte('{')
	for i, f := range st.Fields {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(jsonQuote(f.Name))
		b.WriteByte(':')
		if badPos >= 0 && (failed[i] || pos[i] > badPos) {
			b.WriteString("null")
			continue
		}
		b.WriteString(frags[i])
	}
	b.WriteByte('}')
	return b.String(), xmlStatus(badPos >= 0)
}

func xmlStatus(bad bool) int {
	if bad {
		return XMLRecordBadValue
	}
	return XMLRecordOK
}

// xmlFieldPos is where a field's value starts in its record, in document
// order: attributes first, then child elements, then the element's text.
func xmlFieldPos(n *xmlNode, f types.Field, o XMLOptions) int {
	attrs := xmlAttrs(n)
	if f.Name == o.ValueTag {
		return len(attrs) + len(n.children)
	}
	if o.isAttrField(f.Name) && !o.ExcludeAttrs {
		for i, a := range attrs {
			if a.Name.Local == f.Name[len(o.AttrPrefix):] {
				return i
			}
		}
	}
	for i, ch := range n.children {
		if ch.name == f.Name {
			return len(attrs) + i
		}
	}
	return len(attrs) + len(n.children)
}

type xmlConv struct {
	b   strings.Builder
	o   XMLOptions
	bad bool
}

func (c *xmlConv) value(n *xmlNode, t types.DataType) {
	switch tt := t.(type) {
	case types.Struct:
		c.b.WriteByte('{')
		for i, f := range tt.Fields {
			if i > 0 {
				c.b.WriteByte(',')
			}
			c.b.WriteString(jsonQuote(f.Name))
			c.b.WriteByte(':')
			c.field(n, f)
		}
		c.b.WriteByte('}')
		return
	case types.Array:
		c.b.WriteByte('[')
		c.value(n, tt.Elem)
		c.b.WriteByte(']')
		return
	}
	if len(n.children) > 0 && types.IsStringLike(t) {
		// A string field holding elements reads their markup.
		c.leaf(n.inner, t, true)
		return
	}
	c.leaf(n.text.String(), t, true)
}

func (c *xmlConv) field(n *xmlNode, f types.Field) {
	if f.Name == c.o.ValueTag {
		text := n.text.String()
		if strings.TrimSpace(text) == "" {
			c.b.WriteString("null")
			return
		}
		c.leaf(text, f.Type, true)
		return
	}
	if c.o.isAttrField(f.Name) && !c.o.ExcludeAttrs {
		for _, a := range xmlAttrs(n) {
			if a.Name.Local == f.Name[len(c.o.AttrPrefix):] {
				c.leaf(a.Value, f.Type, false)
				return
			}
		}
	}
	var matches []*xmlNode
	for _, ch := range n.children {
		if ch.name == f.Name {
			matches = append(matches, ch)
		}
	}
	if len(matches) == 0 {
		c.b.WriteString("null")
		return
	}
	if at, ok := f.Type.(types.Array); ok {
		c.b.WriteByte('[')
		for i, m := range matches {
			if i > 0 {
				c.b.WriteByte(',')
			}
			c.value(m, at.Elem)
		}
		c.b.WriteByte(']')
		return
	}
	c.value(matches[len(matches)-1], f.Type)
}

// leaf writes a text value converted to t; element is false for
// attribute values.
func (c *xmlConv) leaf(raw string, t types.DataType, element bool) {
	if c.o.isNull(raw) {
		c.b.WriteString("null")
		return
	}
	v := c.o.text(raw)
	if c.o.isNull(v) {
		c.b.WriteString("null")
		return
	}
	if t.Kind() == types.KindString || t.Kind() == types.KindChar || t.Kind() == types.KindVarchar {
		c.b.WriteString(jsonQuote(v))
		return
	}
	tv := strings.TrimSpace(v)
	if tv == "" {
		c.b.WriteString("null")
		return
	}
	ok := false
	switch t.Kind() {
	case types.KindByte, types.KindShort, types.KindInt, types.KindLong:
		bits := map[types.Kind]int{types.KindByte: 8, types.KindShort: 16, types.KindInt: 32, types.KindLong: 64}[t.Kind()]
		if _, err := strconv.ParseInt(strings.TrimPrefix(tv, "+"), 10, bits); err == nil {
			c.b.WriteString(strings.TrimPrefix(tv, "+"))
			return
		}
	case types.KindFloat, types.KindDouble, types.KindDecimal:
		if csvNumRe.MatchString(tv) {
			c.b.WriteString(strings.TrimRight(strings.TrimPrefix(tv, "+"), "dDfF"))
			return
		}
	case types.KindBoolean:
		if strings.EqualFold(tv, "true") || strings.EqualFold(tv, "false") {
			c.b.WriteString(strings.ToLower(tv))
			return
		}
	case types.KindDate, types.KindTimestamp, types.KindTimestampNTZ:
		tv, ok = c.o.datetimeText(tv, t.Kind())
	default:
		// Types XML does not convert (binary, maps) read as null.
		c.b.WriteString("null")
		return
	}
	if ok {
		c.b.WriteString(jsonQuote(tv))
		return
	}
	c.bad = true
	c.b.WriteString("null")
}

func resolveFromXML(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if !types.IsStringLike(args[0].Type()) && args[0].Type().Kind() != types.KindNull {
		return nil, nil, false, typeMismatch(prettyFirstArg(name, args, false), 1, "\"STRING\"", args[0])
	}
	s, isStr, err := schemaArgText(args[1])
	if err != nil {
		return nil, nil, false, err
	}
	if !isStr {
		return nil, nil, false, sparkerr.Newf("INVALID_SCHEMA.NON_STRING_LITERAL", "inputSchema", "\""+args[1].SQL()+"\"")
	}
	o := DefaultXMLOptions()
	if len(args) == 3 {
		opts, err := literalOptions(name, args[2])
		if err != nil {
			return nil, nil, false, err
		}
		if o, err = ParseXMLOptions(name, opts, XMLForFunction); err != nil {
			return nil, nil, false, err
		}
	}
	t, err := ParseSchemaText(s)
	if err != nil {
		return nil, nil, false, err
	}
	if _, ok := t.(types.Struct); !ok {
		return nil, nil, false, sparkerr.Newf("INVALID_SCHEMA.NON_STRUCT_TYPE", "inputSchema", "\""+s+"\"", "dataType", "\""+SparkTypeSQL(t)+"\"")
	}
	if _, err := duckJSONStructure(t); err != nil {
		return nil, nil, false, err
	}
	enc := o.Encode()
	return []logical.Expr{ImplicitCast(args[0], types.String), &logical.Lit{T: types.String, V: s, Text: s}, &logical.Lit{T: types.String, V: enc, Text: QuoteString(enc)}}, t, true, nil
}

func lowerFromXML(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	structure, err := duckJSONStructure(call.T)
	if err != nil {
		return "", err
	}
	dt, err := DuckType(call.T)
	if err != nil {
		return "", err
	}
	j := "ember_xml_to_json(" + strings.Join(args, ", ") + ")"
	return "TRY_CAST(json_transform(" + j + ", " + QuoteString(structure) + ") AS " + dt + ")", nil
}

func resolveToXML(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if args[0].Type().Kind() == types.KindNull {
		return args, types.String, true, nil
	}
	st, ok := args[0].Type().(types.Struct)
	if !ok {
		return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "sqlExpr", "\""+prettyFirstArg(name, args, false)+"\"",
			"paramIndex", "first", "requiredType", "\"STRUCT\"", "inputSql", "\""+args[0].SQL()+"\"", "inputType", "\""+strings.ToUpper(args[0].Type().SimpleString())+"\"")
	}
	_, o, err := toXMLOptions(args)
	if err != nil {
		return nil, nil, false, err
	}
	if _, err := XMLTreeSQL(&LowerCtx{TimeZone: "UTC"}, "x", st, o); err != nil {
		return nil, nil, false, err
	}
	// Spark declares to_xml nullable whatever its input.
	return args, types.String, true, nil
}

// toXMLOptions reads to_xml's options: the row tag (default ROW) and the
// writer options.
func toXMLOptions(args []logical.Expr) (string, XMLOptions, error) {
	if len(args) < 2 {
		return "ROW", DefaultXMLOptions(), nil
	}
	opts, err := literalOptions("to_xml", args[1])
	if err != nil {
		return "", XMLOptions{}, err
	}
	o, err := ParseXMLOptions("to_xml", opts, XMLForWrite)
	if err != nil {
		return "", XMLOptions{}, err
	}
	tag := "ROW"
	if v, ok := opts["rowtag"]; ok {
		tag = v
	}
	return tag, o, nil
}

func lowerToXML(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	tag, o, err := toXMLOptions(call.Args)
	if err != nil {
		return "", err
	}
	st, ok := call.Args[0].Type().(types.Struct)
	if !ok {
		return "CAST(NULL AS VARCHAR)", nil
	}
	return XMLRenderSQL(c, args[0], st, o, tag, 0)
}

// XMLRenderSQL is the SQL rendering struct value x as an XML element named
// tag, indented as at depth (Spark's XML writer puts rows at depth 1 under
// the root tag); NULL when x is NULL.
func XMLRenderSQL(c *LowerCtx, x string, st types.Struct, o XMLOptions, tag string, depth int) (string, error) {
	tree, err := XMLTreeSQL(c, x, st, o)
	if err != nil {
		return "", err
	}
	schema := SparkTypeSQL(st)
	return "ember_xml_render(" + tree + ", " + QuoteString(schema) + ", " + QuoteString(o.Encode()) + ", " + QuoteString(tag) + ", " + strconv.Itoa(depth) + ")", nil
}

// XMLTreeSQL renders a value as JSON text for ember_xml_render: structs as
// arrays of their fields' values, arrays as arrays, maps as arrays of
// [key, value] pairs, and every leaf as the string Spark's XML writer
// writes for it; NULL stays null.
func XMLTreeSQL(c *LowerCtx, x string, t types.DataType, o XMLOptions) (string, error) {
	return xmlTreeSQL(c, x, t, o, 0)
}

func xmlTreeSQL(c *LowerCtx, x string, t types.DataType, o XMLOptions, depth int) (string, error) {
	v := "__xt" + strconv.Itoa(depth)
	orNull := func(s string) string { return "coalesce(" + s + ", 'null')" }
	switch tt := t.(type) {
	case types.Struct:
		if len(tt.Fields) == 0 {
			return "(CASE WHEN " + x + " IS NULL THEN NULL ELSE '[]' END)", nil
		}
		parts := make([]string, len(tt.Fields))
		for i, f := range tt.Fields {
			inner, err := xmlTreeSQL(c, "struct_extract_at("+x+", "+strconv.Itoa(i+1)+")", f.Type, o, depth+1)
			if err != nil {
				return "", err
			}
			parts[i] = orNull(inner)
		}
		return "(CASE WHEN " + x + " IS NULL THEN NULL ELSE '[' || concat_ws(',', " + strings.Join(parts, ", ") + ") || ']' END)", nil
	case types.Array:
		inner, err := xmlTreeSQL(c, v, tt.Elem, o, depth+1)
		if err != nil {
			return "", err
		}
		return "(CASE WHEN " + x + " IS NULL THEN NULL ELSE '[' || array_to_string(list_transform(" + x + ", lambda " + v + ": " + orNull(inner) + "), ',') || ']' END)", nil
	case types.Map:
		key, err := xmlTreeSQL(c, v+".key", tt.Key, o, depth+1)
		if err != nil {
			return "", err
		}
		val, err := xmlTreeSQL(c, v+".value", tt.Value, o, depth+1)
		if err != nil {
			return "", err
		}
		return "(CASE WHEN " + x + " IS NULL THEN NULL ELSE '[' || array_to_string(list_transform(map_entries(" + x + "), lambda " + v + ": '[' || " + orNull(key) + " || ',' || " + orNull(val) + " || ']'), ',') || ']' END)", nil
	}
	text, err := xmlLeafTextSQL(c, x, t, o)
	if err != nil {
		return "", err
	}
	return "CAST(to_json(" + text + ") AS VARCHAR)", nil
}

// xmlLeafTextSQL is the text Spark's XML writer writes for a leaf value
// (its default dateFormat and timestampFormat).
func xmlLeafTextSQL(c *LowerCtx, x string, t types.DataType, o XMLOptions) (string, error) {
	switch {
	case t.Kind() == types.KindDate && o.DateFormat != "":
		f, err := JavaToStrftime(o.DateFormat)
		if err != nil {
			return "", err
		}
		return "strftime(" + x + ", " + QuoteString(f) + ")", nil
	case t.Kind() == types.KindTimestamp && o.TimestampFormat != "":
		f, err := JavaToStrftime(o.TimestampFormat)
		if err != nil {
			return "", err
		}
		return "strftime(timezone(" + c.ZoneSQL() + ", " + x + "), " + QuoteString(f) + ")", nil
	}
	switch t.Kind() {
	case types.KindNull:
		return "CAST(NULL AS VARCHAR)", nil
	case types.KindString, types.KindChar, types.KindVarchar:
		return "CAST(" + x + " AS VARCHAR)", nil
	case types.KindBoolean, types.KindByte, types.KindShort, types.KindInt, types.KindLong, types.KindDecimal:
		return "CAST(" + x + " AS VARCHAR)", nil
	case types.KindFloat, types.KindDouble:
		return "(CASE WHEN isnan(" + x + ") THEN 'NaN' WHEN isinf(" + x + ") THEN (CASE WHEN " + x + " > 0 THEN 'Infinity' ELSE '-Infinity' END) " +
			"WHEN " + x + " = 0 AND CAST(" + x + " AS VARCHAR) LIKE '-%' THEN '-0.0' ELSE " + javaDoubleText(x, t) + " END)", nil
	case types.KindDate:
		return "strftime(" + x + ", '%Y-%m-%d')", nil
	case types.KindTimestamp:
		// yyyy-MM-dd'T'HH:mm:ss.SSSXXX in the session time zone.
		local := "timezone(" + c.ZoneSQL() + ", " + x + ")"
		off := "CAST(round((epoch(" + local + ") - epoch(" + x + ")) / 60) AS BIGINT)"
		offText := "(CASE WHEN " + off + " = 0 THEN 'Z' ELSE (CASE WHEN " + off + " < 0 THEN '-' ELSE '+' END) || lpad(CAST(abs(" + off + ") // 60 AS VARCHAR), 2, '0') || ':' || lpad(CAST(abs(" + off + ") % 60 AS VARCHAR), 2, '0') END)"
		return "(strftime(" + local + ", '%Y-%m-%dT%H:%M:%S.%g') || " + offText + ")", nil
	case types.KindTimestampNTZ:
		return "strftime(" + x + ", '%Y-%m-%dT%H:%M:%S.%g')", nil
	case types.KindBinary:
		// Spark writes the byte array's pretty form: [01 0A FF].
		return "('[' || rtrim(regexp_replace(hex(" + x + "), '(..)', '\\1 ', 'g')) || ']')", nil
	}
	return "", sparkerr.Unsupported("XML of " + t.SimpleString() + " values")
}
