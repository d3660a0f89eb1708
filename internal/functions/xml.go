package functions

import (
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// XML functions. The xpath family evaluates XPath 1.0 in Go
// (internal/udf/xml.go: ember_xpath_<kind>). from_xml converts the
// document to JSON shaped by the schema in Go (ember_xml_to_json, using
// XMLToJSON below) and reuses DuckDB's json_transform; schema_of_xml
// infers at analysis; to_xml renders in SQL.

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
}

// parseXMLRow parses a document into its root element.
func parseXMLRow(doc string) (*xmlNode, error) {
	d := xml.NewDecoder(strings.NewReader(doc))
	var stack []*xmlNode
	var root *xmlNode
	for {
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
		case xml.EndElement:
			stack = stack[:len(stack)-1]
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

type xmlOptions struct{ excludeAttrs bool }

func xmlOptionsOf(fn string, opts map[string]string) (xmlOptions, error) {
	var o xmlOptions
	for k, v := range opts {
		switch k {
		case "excludeattribute":
			o.excludeAttrs = strings.EqualFold(v, "true")
		case "rowtag", "mode":
			if k == "mode" && !strings.EqualFold(v, "PERMISSIVE") {
				return o, sparkerr.Unsupported(fn + " option mode=" + v)
			}
		default:
			return o, sparkerr.Unsupported(fn + " option " + k)
		}
	}
	return o, nil
}

// inferXMLSchema is schema_of_xml: the row element's children (and
// attributes, prefixed _) as fields; repeated children are arrays.
func inferXMLSchema(s string, opts map[string]string) (types.DataType, error) {
	o, err := xmlOptionsOf("schema_of_xml", opts)
	if err != nil {
		return nil, err
	}
	root, err := parseXMLRow(s)
	if err != nil {
		return nil, sparkerr.Unclassified("java.lang.RuntimeException", "Failed to infer the schema of XML: "+err.Error())
	}
	t := inferXMLElement(root, o)
	st, ok := t.(types.Struct)
	if !ok {
		st = types.Struct{Fields: []types.Field{{Name: "_VALUE", Type: t, Nullable: true}}}
	}
	return canonicalJSONType(st), nil
}

func inferXMLElement(n *xmlNode, o xmlOptions) types.DataType {
	var fields []types.Field
	if !o.excludeAttrs {
		for _, a := range n.attrs {
			fields = append(fields, types.Field{Name: "_" + a.Name.Local, Type: inferXMLText(a.Value), Nullable: true})
		}
	}
	text := strings.TrimSpace(n.text.String())
	if len(n.children) == 0 && len(fields) == 0 {
		if text == "" {
			return types.Null
		}
		return inferXMLText(text)
	}
	counts := map[string]int{}
	for _, c := range n.children {
		counts[c.name]++
	}
	st := types.Struct{Fields: fields}
	for _, c := range n.children {
		var ct types.DataType = inferXMLElement(c, o)
		if counts[c.name] > 1 {
			ct = types.Array{Elem: ct, ContainsNull: true}
		}
		st = mergeInferred(st, types.Struct{Fields: []types.Field{{Name: c.name, Type: ct, Nullable: true}}}).(types.Struct)
	}
	if text != "" {
		st = mergeInferred(st, types.Struct{Fields: []types.Field{{Name: "_VALUE", Type: inferXMLText(text), Nullable: true}}}).(types.Struct)
	}
	if len(st.Fields) > 0 {
		st = mergeInferred(st, types.Struct{Fields: st.Fields[:1]}).(types.Struct) // sorts
	}
	return st
}

func inferXMLText(v string) types.DataType {
	v = strings.TrimSpace(v)
	switch {
	case v == "":
		return types.Null
	case csvIntRe.MatchString(v):
		if _, err := strconv.ParseInt(strings.TrimPrefix(v, "+"), 10, 64); err == nil {
			return types.Long
		}
		return inferCSVField(v)
	case csvNumRe.MatchString(v):
		return types.Double
	case strings.EqualFold(v, "true") || strings.EqualFold(v, "false"):
		return types.Boolean
	case csvDateRe.MatchString(v):
		return types.Date
	case csvTsRe.MatchString(v):
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

// XMLToJSON converts an XML row to JSON shaped by the struct type t, for
// json_transform; ok is false for a malformed document.
func XMLToJSON(doc string, t types.DataType) (string, bool) {
	root, err := parseXMLRow(doc)
	if err != nil {
		return "", false
	}
	var b strings.Builder
	xmlValueJSON(&b, root, t)
	return b.String(), true
}

func xmlValueJSON(b *strings.Builder, n *xmlNode, t types.DataType) {
	switch tt := t.(type) {
	case types.Struct:
		b.WriteByte('{')
		for i, f := range tt.Fields {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(jsonQuote(f.Name))
			b.WriteByte(':')
			xmlFieldJSON(b, n, f)
		}
		b.WriteByte('}')
		return
	case types.Array:
		b.WriteByte('[')
		xmlValueJSON(b, n, tt.Elem)
		b.WriteByte(']')
		return
	}
	xmlLeafJSON(b, n.text.String(), t)
}

func xmlFieldJSON(b *strings.Builder, n *xmlNode, f types.Field) {
	if f.Name == "_VALUE" {
		xmlLeafJSON(b, n.text.String(), f.Type)
		return
	}
	if strings.HasPrefix(f.Name, "_") {
		for _, a := range n.attrs {
			if a.Name.Local == f.Name[1:] {
				xmlLeafJSON(b, a.Value, f.Type)
				return
			}
		}
	}
	var matches []*xmlNode
	for _, c := range n.children {
		if c.name == f.Name {
			matches = append(matches, c)
		}
	}
	if len(matches) == 0 {
		b.WriteString("null")
		return
	}
	if at, ok := f.Type.(types.Array); ok {
		b.WriteByte('[')
		for i, m := range matches {
			if i > 0 {
				b.WriteByte(',')
			}
			xmlValueJSON(b, m, at.Elem)
		}
		b.WriteByte(']')
		return
	}
	xmlValueJSON(b, matches[len(matches)-1], f.Type)
}

func xmlLeafJSON(b *strings.Builder, text string, t types.DataType) {
	v := strings.TrimSpace(text)
	switch t.Kind() {
	case types.KindByte, types.KindShort, types.KindInt, types.KindLong:
		if _, err := strconv.ParseInt(strings.TrimPrefix(v, "+"), 10, 64); err == nil {
			b.WriteString(strings.TrimPrefix(v, "+"))
			return
		}
	case types.KindFloat, types.KindDouble, types.KindDecimal:
		if csvNumRe.MatchString(v) {
			b.WriteString(strings.TrimRight(strings.TrimPrefix(v, "+"), "dDfF"))
			return
		}
	case types.KindBoolean:
		if strings.EqualFold(v, "true") || strings.EqualFold(v, "false") {
			b.WriteString(strings.ToLower(v))
			return
		}
	case types.KindString, types.KindChar, types.KindVarchar, types.KindDate, types.KindTimestamp, types.KindTimestampNTZ:
		if v != "" || t.Kind() == types.KindString {
			b.WriteString(jsonQuote(v))
			return
		}
	}
	b.WriteString("null")
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
	if len(args) == 3 {
		opts, err := literalOptions(name, args[2])
		if err != nil {
			return nil, nil, false, err
		}
		if _, err := xmlOptionsOf(name, opts); err != nil {
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
	return []logical.Expr{ImplicitCast(args[0], types.String), &logical.Lit{T: types.String, V: s, Text: s}}, t, true, nil
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
	j := "ember_xml_to_json(" + args[0] + ", " + args[1] + ")"
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
	if _, err := toXMLRowTag(args); err != nil {
		return nil, nil, false, err
	}
	if _, err := xmlFieldsSQL(&LowerCtx{TimeZone: "UTC"}, "x", st, 1); err != nil {
		return nil, nil, false, err
	}
	// Spark declares to_xml nullable whatever its input.
	return args, types.String, true, nil
}

func toXMLRowTag(args []logical.Expr) (string, error) {
	if len(args) < 2 {
		return "ROW", nil
	}
	opts, err := literalOptions("to_xml", args[1])
	if err != nil {
		return "", err
	}
	tag := "ROW"
	for k, v := range opts {
		switch k {
		case "rowtag":
			tag = v
		default:
			return "", sparkerr.Unsupported("to_xml option " + k)
		}
	}
	return tag, nil
}

func lowerToXML(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	tag, err := toXMLRowTag(call.Args)
	if err != nil {
		return "", err
	}
	st, ok := call.Args[0].Type().(types.Struct)
	if !ok {
		return "CAST(NULL AS VARCHAR)", nil
	}
	body, err := xmlFieldsSQL(c, args[0], st, 1)
	if err != nil {
		return "", err
	}
	return "(CASE WHEN " + args[0] + " IS NULL THEN NULL ELSE " + QuoteString("<"+tag+">\n") + " || " + body + " || " + QuoteString("</"+tag+">") + " END)", nil
}

// xmlFieldsSQL renders the fields of struct x as indented XML elements,
// each ending with a newline; NULL fields are left out.
func xmlFieldsSQL(c *LowerCtx, x string, st types.Struct, depth int) (string, error) {
	parts := make([]string, 0, len(st.Fields))
	for i, f := range st.Fields {
		if strings.HasPrefix(f.Name, "_") {
			return "", sparkerr.Unsupported("to_xml of attribute fields (" + f.Name + ")")
		}
		s, err := xmlElementSQL(c, "struct_extract_at("+x+", "+strconv.Itoa(i+1)+")", f.Name, f.Type, depth)
		if err != nil {
			return "", err
		}
		parts = append(parts, "coalesce("+s+", '')")
	}
	if len(parts) == 0 {
		return "''", nil
	}
	return "(" + strings.Join(parts, " || ") + ")", nil
}

func xmlElementSQL(c *LowerCtx, x, name string, t types.DataType, depth int) (string, error) {
	indent := strings.Repeat("    ", depth)
	open, close := QuoteString(indent+"<"+name+">"), QuoteString("</"+name+">\n")
	switch tt := t.(type) {
	case types.Struct:
		inner, err := xmlFieldsSQL(c, x, tt, depth+1)
		if err != nil {
			return "", err
		}
		return "(CASE WHEN " + x + " IS NOT NULL THEN " + QuoteString(indent+"<"+name+">\n") + " || " + inner + " || " + QuoteString(indent) + " || " + close + " END)", nil
	case types.Array:
		v := "__x" + strconv.Itoa(depth)
		inner, err := xmlElementSQL(c, v, name, tt.Elem, depth)
		if err != nil {
			return "", err
		}
		return "array_to_string(list_transform(" + x + ", lambda " + v + ": coalesce(" + inner + ", '')), '')", nil
	case types.Map:
		return "", sparkerr.Unsupported("to_xml of map fields")
	}
	switch t.Kind() {
	case types.KindTimestamp, types.KindTimestampNTZ, types.KindBinary:
		return "", sparkerr.Unsupported("to_xml of " + t.SimpleString())
	}
	text, err := valueText(c, x, t, depth)
	if err != nil {
		return "", err
	}
	esc := "replace(replace(replace(" + text + ", '&', '&amp;'), '<', '&lt;'), '>', '&gt;')"
	return "(" + open + " || " + esc + " || " + close + ")", nil
}
