package functions

import (
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sql"
	"github.com/emberdb/ember/internal/types"
)

// JSON functions, lowered to DuckDB's json extension (bundled with the
// embedded DuckDB). json_tuple is a generator: the analyzer rewrites it to
// inline(array(named_struct('c0', get_json_object(json, '$['f']'), ...))).

func init() {
	Register(
		&Def{Name: "get_json_object", MinArgs: 2, MaxArgs: 2, Resolve: resolveGetJSONObject, Lower: lowerGetJSONObject, Group: "json"},
		&Def{Name: "to_json", MinArgs: 1, MaxArgs: 2, Resolve: resolveToJSON, Lower: lowerToJSON, Pretty: prettyFirstArg, Group: "json"},
		&Def{Name: "from_json", MinArgs: 2, MaxArgs: 3, Resolve: resolveFromJSON, Lower: lowerFromJSON, Pretty: prettyFirstArg, Group: "json"},
	)
}

// prettyFirstArg names a call by its first argument only, as Spark does for
// to_json/from_json (the schema and options are not shown).
func prettyFirstArg(name string, args []logical.Expr, d bool) string {
	return DefaultPretty(name, args[:1], d)
}

func resolveGetJSONObject(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	return []logical.Expr{ImplicitCast(args[0], types.String), ImplicitCast(args[1], types.String)}, types.String, true, nil
}

// sparkJSONPath converts Spark's JSONPath subset ($, .name, ['name'], [n],
// [*], .*) to a DuckDB JSON path; ok is false for paths Spark rejects (the
// result is then NULL). wild reports a wildcard step.
func sparkJSONPath(p string) (duck string, wild, ok bool) {
	if !strings.HasPrefix(p, "$") {
		return "", false, false
	}
	var b strings.Builder
	b.WriteString("$")
	i := 1
	for i < len(p) {
		switch {
		case strings.HasPrefix(p[i:], "['"):
			end := strings.Index(p[i+2:], "']")
			if end < 0 {
				return "", false, false
			}
			b.WriteString(".")
			b.WriteString(duckPathKey(p[i+2 : i+2+end]))
			i += 2 + end + 2
		case strings.HasPrefix(p[i:], "[*]"):
			b.WriteString("[*]")
			wild = true
			i += 3
		case p[i] == '[':
			end := strings.IndexByte(p[i:], ']')
			if end < 0 {
				return "", false, false
			}
			n, err := strconv.Atoi(p[i+1 : i+end])
			if err != nil || n < 0 {
				return "", false, false
			}
			b.WriteString("[" + strconv.Itoa(n) + "]")
			i += end + 1
		case p[i] == '.':
			j := i + 1
			for j < len(p) && p[j] != '.' && p[j] != '[' {
				j++
			}
			key := p[i+1 : j]
			if key == "" {
				return "", false, false
			}
			if key == "*" {
				b.WriteString(".*")
				wild = true
			} else {
				b.WriteString(".")
				b.WriteString(duckPathKey(key))
			}
			i = j
		default:
			return "", false, false
		}
	}
	return b.String(), wild, true
}

func duckPathKey(k string) string {
	return `"` + strings.ReplaceAll(k, `"`, `\"`) + `"`
}

func lowerGetJSONObject(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	j := args[0]
	if l, ok := call.Args[1].(*logical.Lit); ok {
		s, isStr := l.V.(string)
		if !isStr {
			return "CAST(NULL AS VARCHAR)", nil
		}
		path, wild, ok := sparkJSONPath(strings.TrimSpace(s))
		if !ok {
			return "CAST(NULL AS VARCHAR)", nil
		}
		if !wild {
			return "(CASE WHEN json_valid(" + j + ") THEN json_extract_string(" + j + ", " + QuoteString(path) + ") END)", nil
		}
		// A wildcard yields the single match itself, several as a JSON array.
		l := "json_extract(" + j + ", " + QuoteString(path) + ")"
		return "(CASE WHEN json_valid(" + j + ") THEN (CASE len(" + l + ") WHEN 0 THEN NULL WHEN 1 THEN CAST(" + l + "[1] AS VARCHAR) ELSE CAST(to_json(" + l + ") AS VARCHAR) END) END)", nil
	}
	return "(CASE WHEN json_valid(" + j + ") THEN json_extract_string(" + j + ", " + args[1] + ") END)", nil
}

func resolveToJSON(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	switch args[0].Type().Kind() {
	case types.KindStruct, types.KindMap, types.KindArray, types.KindVariant:
	default:
		return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.INVALID_JSON_SCHEMA", "sqlExpr", "\""+prettyFirstArg(name, args, false)+"\"", "schema", "\""+strings.ToUpper(args[0].Type().SimpleString())+"\"")
	}
	if len(args) == 2 && !emptyOptions(args[1]) {
		g, err := toJSONOptions(&LowerCtx{}, args[1])
		if err != nil {
			return nil, nil, false, err
		}
		if args[0].Type().Kind() == types.KindVariant && g.customized() {
			return nil, nil, false, sparkerr.Unsupported("to_json options of a VARIANT")
		}
		if _, err := g.text("x", args[0].Type(), 0, 0); err != nil {
			return nil, nil, false, err
		}
		return args[:2], types.String, true, nil
	}
	if _, err := jsonText(&LowerCtx{}, "x", args[0].Type(), 0); err != nil {
		return nil, nil, false, err
	}
	return args[:1], types.String, true, nil
}

// jsonGen renders Spark's JSON text of values (to_json and the JSON
// writer's options): dateFormat, timestampFormat, timestampNTZFormat and
// timeZone for datetimes, ignoreNullFields, and pretty (Jackson's default
// pretty printer: objects indented by two spaces per level, arrays
// inline).
type jsonGen struct {
	c                      *LowerCtx
	dateFmt, tsFmt, ntzFmt string // Java patterns; "" is Spark's default
	zone                   string // the timeZone option; "" is the session's
	keepNulls              bool   // ignoreNullFields=false
	pretty                 bool
	asciiOnly              bool // writeNonAsciiCharacterAsCodePoint: \uXXXX escapes
}

func (g *jsonGen) customized() bool {
	return g.dateFmt != "" || g.tsFmt != "" || g.ntzFmt != "" || g.zone != "" || g.keepNulls || g.pretty || g.asciiOnly
}

// toJSONOptions reads to_json's options. Options that only concern
// reading or files are ignored, as Spark does.
func toJSONOptions(c *LowerCtx, e logical.Expr) (*jsonGen, error) {
	opts, err := literalOptions("to_json", e)
	if err != nil {
		return nil, err
	}
	g := &jsonGen{c: c}
	boolOpt := func(k string, def bool) (bool, error) {
		v, ok := opts[strings.ToLower(k)]
		if !ok {
			return def, nil
		}
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return false, sparkerr.Unclassified(sparkerr.IllegalArgument, "For input string: \""+v+"\"")
	}
	if g.pretty, err = boolOpt("pretty", false); err != nil {
		return nil, err
	}
	ignoreNulls, err := boolOpt("ignoreNullFields", true)
	if err != nil {
		return nil, err
	}
	g.keepNulls = !ignoreNulls
	if g.asciiOnly, err = boolOpt("writeNonAsciiCharacterAsCodePoint", false); err != nil {
		return nil, err
	}
	for key, dst := range map[string]*string{"dateformat": &g.dateFmt, "timestampformat": &g.tsFmt, "timestampntzformat": &g.ntzFmt} {
		if v, ok := opts[key]; ok {
			if _, err := CompileJavaPattern(v, false); err != nil {
				return nil, err
			}
			*dst = v
		}
	}
	if v, ok := opts["timezone"]; ok {
		if _, err := LoadZone(v); err != nil {
			e := sparkerr.Newf("INVALID_TIMEZONE", "timeZone", v)
			// Spark 3.5 raises java.time's own exception.
			e.Text35, e.JavaClass35 = "Unknown time-zone ID: "+v, "java.time.DateTimeException"
			return nil, e
		}
		g.zone = v
	}
	return g, nil
}

// emptyOptions reports an options argument with no entries (map()).
func emptyOptions(e logical.Expr) bool {
	if c, ok := e.(*logical.Call); ok && c.Fn == "map" && len(c.Args) == 0 {
		return true
	}
	return false
}

func lowerToJSON(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	if call.Args[0].Type().Kind() == types.KindVariant {
		return "ember_variant_to_json(" + args[0] + ", " + tzLit(c) + ")", nil
	}
	if len(call.Args) == 2 {
		g, err := toJSONOptions(c, call.Args[1])
		if err != nil {
			return "", err
		}
		s, err := g.text(args[0], call.Args[0].Type(), 0, 0)
		if err != nil || !g.asciiOnly {
			return s, err
		}
		// Every non-ASCII character of JSON text is inside a string.
		return "ember_json_ascii(" + s + ")", nil
	}
	return jsonText(c, args[0], call.Args[0].Type(), 0)
}

// jsonText renders a DuckDB expression producing Spark's compact JSON text
// (Jackson generator) of a value of type t; NULL when the value is NULL.
// Struct fields that are NULL are omitted; NULL array elements and map
// values are written as null.
func jsonText(c *LowerCtx, x string, t types.DataType, depth int) (string, error) {
	return (&jsonGen{c: c}).text(x, t, depth, 0)
}

// text renders the JSON of x (of type t); depth numbers lambda variables,
// level is the object nesting of pretty printing.
func (g *jsonGen) text(x string, t types.DataType, depth, level int) (string, error) {
	c := g.c
	v := "__j" + strconv.Itoa(depth)
	orNull := func(s string) string { return "coalesce(" + s + ", 'null')" }
	indent := func(l int) string { return "\n" + strings.Repeat("  ", l) }
	// object wraps the SQL of its joined entries (possibly '') in braces.
	object := func(entries string) string {
		if !g.pretty {
			return "'{' || " + entries + " || '}'"
		}
		// No entries (all fields omitted) print as { }.
		return "coalesce(" + QuoteString("{"+indent(level+1)) + " || nullif(" + entries + ", '') || " + QuoteString(indent(level)+"}") + ", '{ }')"
	}
	entrySep, keySep, elemSep := ",", ":", ","
	if g.pretty {
		entrySep, keySep, elemSep = ","+indent(level+1), " : ", ", "
	}
	switch tt := t.(type) {
	case types.Struct:
		if len(tt.Fields) == 0 {
			return "(CASE WHEN " + x + " IS NULL THEN NULL ELSE " + object("''") + " END)", nil
		}
		parts := make([]string, len(tt.Fields))
		for i, f := range tt.Fields {
			inner, err := g.text("struct_extract_at("+x+", "+itoa(i+1)+")", f.Type, depth+1, level+1)
			if err != nil {
				return "", err
			}
			if g.keepNulls {
				inner = orNull(inner)
			}
			parts[i] = QuoteString(jsonQuote(f.Name)+keySep) + " || " + inner
		}
		return "(CASE WHEN " + x + " IS NULL THEN NULL ELSE " + object("concat_ws("+QuoteString(entrySep)+", "+strings.Join(parts, ", ")+")") + " END)", nil
	case types.Array:
		inner, err := g.text(v, tt.Elem, depth+1, level)
		if err != nil {
			return "", err
		}
		joined := "array_to_string(list_transform(" + x + ", lambda " + v + ": " + orNull(inner) + "), " + QuoteString(elemSep) + ")"
		if g.pretty {
			return "(CASE WHEN " + x + " IS NULL THEN NULL WHEN len(" + x + ") = 0 THEN '[ ]' ELSE '[ ' || " + joined + " || ' ]' END)", nil
		}
		return "(CASE WHEN " + x + " IS NULL THEN NULL ELSE '[' || " + joined + " || ']' END)", nil
	case types.Map:
		key, err := g.text(v+".key", tt.Key, depth+1, level+1)
		if err != nil {
			return "", err
		}
		if tt.Key.Kind() != types.KindString {
			ks, err := castToString(c, v+".key", tt.Key)
			if err != nil {
				return "", err
			}
			key = "CAST(to_json(" + ks + ") AS VARCHAR)"
		}
		val, err := g.text(v+".value", tt.Value, depth+1, level+1)
		if err != nil {
			return "", err
		}
		entries := "array_to_string(list_transform(map_entries(" + x + "), lambda " + v + ": " + key + " || " + QuoteString(keySep) + " || " + orNull(val) + "), " + QuoteString(entrySep) + ")"
		return "(CASE WHEN " + x + " IS NULL THEN NULL ELSE " + object(entries) + " END)", nil
	}
	quoted := func(s string) string { return "CAST(to_json(" + s + ") AS VARCHAR)" }
	switch t.Kind() {
	case types.KindDate:
		if g.dateFmt != "" {
			return quoted("ember_format_datetime(epoch_us(CAST(" + x + " AS TIMESTAMP)), " + QuoteString(g.dateFmt) + ", 'UTC')"), nil
		}
	case types.KindTimestamp:
		if g.tsFmt != "" || g.zone != "" {
			f := g.tsFmt
			if f == "" {
				f = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"
			}
			zone := tzLit(c)
			if g.zone != "" {
				zone = QuoteString(g.zone)
			}
			return quoted("ember_format_datetime(epoch_us(" + x + "), " + QuoteString(f) + ", " + zone + ")"), nil
		}
	case types.KindTimestampNTZ:
		if g.ntzFmt != "" {
			return quoted("ember_format_datetime(epoch_us(" + x + "), " + QuoteString(g.ntzFmt) + ", 'UTC')"), nil
		}
	}
	switch t.Kind() {
	case types.KindNull:
		return "CAST(NULL AS VARCHAR)", nil
	case types.KindBoolean, types.KindByte, types.KindShort, types.KindInt, types.KindLong, types.KindDecimal:
		return "CAST(" + x + " AS VARCHAR)", nil
	case types.KindFloat, types.KindDouble:
		// Jackson writes non-finite numbers as strings.
		return "(CASE WHEN isnan(" + x + ") THEN '\"NaN\"' WHEN isinf(" + x + ") THEN (CASE WHEN " + x + " > 0 THEN '\"Infinity\"' ELSE '\"-Infinity\"' END) ELSE " + javaDoubleText(x, t) + " END)", nil
	case types.KindString, types.KindChar, types.KindVarchar:
		return "CAST(to_json(CAST(" + x + " AS VARCHAR)) AS VARCHAR)", nil
	case types.KindDate:
		return "('\"' || strftime(" + x + ", '%Y-%m-%d') || '\"')", nil
	case types.KindTimestamp:
		// yyyy-MM-dd'T'HH:mm:ss.SSSXXX in the session time zone.
		local := "timezone(" + c.ZoneSQL() + ", " + x + ")"
		off := "CAST(round((epoch(" + local + ") - epoch(" + x + ")) / 60) AS BIGINT)"
		offText := "(CASE WHEN " + off + " = 0 THEN 'Z' ELSE (CASE WHEN " + off + " < 0 THEN '-' ELSE '+' END) || lpad(CAST(abs(" + off + ") // 60 AS VARCHAR), 2, '0') || ':' || lpad(CAST(abs(" + off + ") % 60 AS VARCHAR), 2, '0') END)"
		return "('\"' || strftime(" + local + ", '%Y-%m-%dT%H:%M:%S.%g') || " + offText + " || '\"')", nil
	case types.KindTimestampNTZ:
		return "('\"' || strftime(" + x + ", '%Y-%m-%dT%H:%M:%S.%g') || '\"')", nil
	case types.KindBinary:
		return "('\"' || to_base64(" + x + ") || '\"')", nil
	case types.KindVariant:
		return "ember_variant_to_json(" + x + ", " + QuoteString(c.TimeZone) + ")", nil
	}
	return "", sparkerr.Unsupported("to_json of " + t.SimpleString())
}

// jsonQuote renders s as a JSON string literal.
func jsonQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 {
				b.WriteString(`\u00`)
				b.WriteString(strconv.FormatInt(int64(r)>>4, 16))
				b.WriteString(strconv.FormatInt(int64(r)&15, 16))
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

func resolveFromJSON(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	s, isStr, err := schemaArgText(args[1])
	if err != nil {
		return nil, nil, false, err
	}
	if !isStr {
		return nil, nil, false, sparkerr.Newf("INVALID_SCHEMA.NON_STRING_LITERAL", "inputSchema", "\""+args[1].SQL()+"\"")
	}
	if len(args) == 3 {
		if _, err := fromJSONOptions(args[2]); err != nil {
			return nil, nil, false, err
		}
	}
	t, err := parseJSONSchema(s)
	if err != nil {
		return nil, nil, false, err
	}
	t = asNullable(t)
	if _, err := duckJSONStructure(t); err != nil {
		return nil, nil, false, err
	}
	out := []logical.Expr{ImplicitCast(args[0], types.String), &logical.Lit{T: types.String, V: s, Text: s}}
	if len(args) == 3 {
		out = append(out, args[2])
	}
	return out, t, true, nil
}

// fromJSONOptions checks from_json's options: the parser leniencies are
// honoured, PERMISSIVE is the only mode; anything else is refused.
func fromJSONOptions(e logical.Expr) (JSONOptions, error) {
	opts, err := literalOptions("from_json", e)
	if err != nil {
		return JSONOptions{}, err
	}
	for k, v := range opts {
		switch k {
		case "allowsinglequotes", "allowunquotedfieldnames":
		case "mode":
			if !strings.EqualFold(v, "PERMISSIVE") {
				return JSONOptions{}, sparkerr.Unsupported("from_json option mode=" + v)
			}
		default:
			return JSONOptions{}, sparkerr.Unsupported("from_json option " + k)
		}
	}
	return jsonOptionsOf(opts), nil
}

// parseJSONSchema reads from_json's schema: Spark's JSON form or DDL.
func parseJSONSchema(s string) (types.DataType, error) {
	t := strings.TrimSpace(s)
	if strings.HasPrefix(t, "{") {
		return types.ParseJSON(t)
	}
	if st, err := sql.ParseTableSchema(t); err == nil {
		return st, nil
	}
	dt, err := sql.ParseDataType(t)
	if err != nil {
		return nil, sparkerr.Newf("INVALID_SCHEMA.PARSE_ERROR", "inputSchema", "\""+s+"\"", "reason", err.Error())
	}
	return dt, nil
}

func asNullable(t types.DataType) types.DataType {
	switch x := t.(type) {
	case types.Struct:
		fs := make([]types.Field, len(x.Fields))
		for i, f := range x.Fields {
			fs[i] = f
			fs[i].Type = asNullable(f.Type)
			fs[i].Nullable = true
		}
		return types.Struct{Fields: fs}
	case types.Array:
		return types.Array{Elem: asNullable(x.Elem), ContainsNull: true}
	case types.Map:
		return types.Map{Key: asNullable(x.Key), Value: asNullable(x.Value), ValueContainsNull: true}
	}
	return t
}

// duckJSONStructure renders the structure argument of DuckDB's
// json_transform for a Spark type.
func duckJSONStructure(t types.DataType) (string, error) {
	switch x := t.(type) {
	case types.Struct:
		parts := make([]string, len(x.Fields))
		for i, f := range x.Fields {
			s, err := duckJSONStructure(f.Type)
			if err != nil {
				return "", err
			}
			parts[i] = jsonQuote(f.Name) + ":" + s
		}
		return "{" + strings.Join(parts, ",") + "}", nil
	case types.Array:
		s, err := duckJSONStructure(x.Elem)
		if err != nil {
			return "", err
		}
		return "[" + s + "]", nil
	}
	switch t.Kind() {
	case types.KindDayTimeInterval, types.KindYearMonthInterval, types.KindCalendarInterval, types.KindBinary, types.KindNull:
		return "", sparkerr.Unsupported("from_json to " + t.SimpleString())
	}
	d, err := DuckType(t)
	if err != nil {
		return "", err
	}
	return jsonQuote(d), nil
}

func lowerFromJSON(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	structure, err := duckJSONStructure(call.T)
	if err != nil {
		return "", err
	}
	dt, err := DuckType(call.T)
	if err != nil {
		return "", err
	}
	o := DefaultJSONOptions
	if len(call.Args) == 3 {
		if o, err = fromJSONOptions(call.Args[2]); err != nil {
			return "", err
		}
	}
	// Documents DuckDB rejects go through the lenient Go reader, which
	// accepts what Spark's options allow and answers strict JSON (or NULL).
	j := "(CASE WHEN json_valid(" + args[0] + ") THEN " + args[0] + " ELSE ember_json_strict(" + args[0] + ", " +
		strconv.FormatBool(o.SingleQuotes) + ", " + strconv.FormatBool(o.UnquotedNames) + ") END)"
	top := "OBJECT"
	switch call.T.Kind() {
	case types.KindArray:
		top = "ARRAY"
	case types.KindStruct, types.KindMap:
	default:
		return "(CASE WHEN json_valid(" + j + ") THEN TRY_CAST(json_transform(" + j + ", " + QuoteString(structure) + ") AS " + dt + ") END)", nil
	}
	// PERMISSIVE: malformed input gives a struct of NULLs (NULL for others).
	bad := "NULL"
	if st, ok := call.T.(types.Struct); ok {
		parts := make([]string, len(st.Fields))
		for i, f := range st.Fields {
			fd, err := DuckType(f.Type)
			if err != nil {
				return "", err
			}
			parts[i] = QuoteIdent(f.Name) + " := CAST(NULL AS " + fd + ")"
		}
		bad = "struct_pack(" + strings.Join(parts, ", ") + ")"
	}
	return "(CASE WHEN " + args[0] + " IS NULL THEN NULL WHEN json_valid(" + j + ") AND json_type(" + j + ") = " + QuoteString(top) +
		" THEN TRY_CAST(json_transform(" + j + ", " + QuoteString(structure) + ") AS " + dt + ") ELSE " + bad + " END)", nil
}

// javaDoubleText renders a finite float/double like Java's toString
// without subqueries (ember_double_str cannot run inside a lambda): plain
// for 1e-3 <= |x| < 1e7, else d.dddE±n.
func javaDoubleText(x string, t types.DataType) string {
	v := "CAST(" + x + " AS VARCHAR)"
	if t.Kind() == types.KindFloat {
		v = "CAST(CAST(" + x + " AS FLOAT) AS VARCHAR)"
	}
	withFrac := func(s string) string {
		return "(CASE WHEN " + s + " LIKE '%.%' THEN " + s + " ELSE " + s + " || '.0' END)"
	}
	e := "CAST(floor(log10(abs(" + x + "))) AS INTEGER)"
	m := "CAST(CAST(" + x + " / pow(10, " + e + ") AS DOUBLE) AS VARCHAR)"
	return "(CASE WHEN " + x + " = 0 THEN (CASE WHEN " + v + " LIKE '-%' THEN '-0.0' ELSE '0.0' END)" +
		" WHEN abs(" + x + ") >= 1e-3 AND abs(" + x + ") < 1e7 THEN " + withFrac(v) +
		" ELSE " + withFrac(m) + " || 'E' || CAST(" + e + " AS VARCHAR) END)"
}

// JSONASCII escapes every non-ASCII character of s as \uXXXX (uppercase
// hex; UTF-16 surrogate pairs beyond the BMP), as Jackson's ESCAPE_NON_ASCII
// writes them.
func JSONASCII(s string) string {
	var b strings.Builder
	const hexd = "0123456789ABCDEF"
	unit := func(u uint16) {
		b.WriteString(`\u`)
		b.WriteByte(hexd[u>>12&15])
		b.WriteByte(hexd[u>>8&15])
		b.WriteByte(hexd[u>>4&15])
		b.WriteByte(hexd[u&15])
	}
	for _, r := range s {
		switch {
		case r < 0x80:
			b.WriteRune(r)
		case r > 0xFFFF:
			r -= 0x10000
			unit(uint16(0xD800 + (r >> 10)))
			unit(uint16(0xDC00 + (r & 0x3FF)))
		default:
			unit(uint16(r))
		}
	}
	return b.String()
}
