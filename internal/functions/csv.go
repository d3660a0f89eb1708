package functions

import (
	"math/big"
	"regexp"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// CSV functions. Splitting and quoting a record is Go (internal/udf/csv.go:
// ember_csv_split, ember_csv_join); converting fields is SQL here.

func init() {
	Register(
		&Def{Name: "from_csv", MinArgs: 2, MaxArgs: 3, Resolve: resolveFromCSV, Lower: lowerFromCSV, Pretty: prettyFirstArg, Group: "csv"},
		&Def{Name: "to_csv", MinArgs: 1, MaxArgs: 2, Resolve: resolveToCSV, Lower: lowerToCSV, Pretty: prettyFirstArg, Group: "csv"},
		&Def{Name: "schema_of_csv", MinArgs: 1, MaxArgs: 2, Resolve: resolveSchemaOf("csv"), Lower: lowerSchemaOf, Pretty: prettyFirstArg, Group: "csv"},
	)
}

// csvOptions are the CSV options Ember honours.
type csvOptions struct {
	sep, quote, escape      string
	ignoreLeading, ignoreTr bool
}

// parseCSVOptions reads literal options; write selects the defaults of
// to_csv (which trims values) over those of from_csv.
func parseCSVOptions(fn string, e logical.Expr, write bool) (csvOptions, error) {
	o := csvOptions{sep: ",", quote: "\"", escape: "\\", ignoreLeading: write, ignoreTr: write}
	if e == nil {
		return o, nil
	}
	opts, err := literalOptions(fn, e)
	if err != nil {
		return o, err
	}
	for k, v := range opts {
		switch k {
		case "sep", "delimiter":
			if v == "\\t" {
				v = "\t"
			}
			if len([]rune(v)) != 1 {
				return o, sparkerr.Unsupported(fn + " option " + k + " of more than one character")
			}
			o.sep = v
		case "quote":
			if len([]rune(v)) > 1 {
				return o, sparkerr.Unsupported(fn + " option quote of more than one character")
			}
			o.quote = v
		case "escape":
			if len([]rune(v)) > 1 {
				return o, sparkerr.Unsupported(fn + " option escape of more than one character")
			}
			o.escape = v
		case "ignoreleadingwhitespace":
			o.ignoreLeading = strings.EqualFold(v, "true")
		case "ignoretrailingwhitespace":
			o.ignoreTr = strings.EqualFold(v, "true")
		case "mode":
			if !strings.EqualFold(v, "PERMISSIVE") {
				return o, sparkerr.Unsupported(fn + " option mode=" + v)
			}
		default:
			return o, sparkerr.Unsupported(fn + " option " + k)
		}
	}
	return o, nil
}

func (o csvOptions) sqlArgs() string {
	return QuoteString(o.sep) + ", " + QuoteString(o.quote) + ", " + QuoteString(o.escape) + ", " +
		strconv.FormatBool(o.ignoreLeading) + ", " + strconv.FormatBool(o.ignoreTr)
}

func resolveFromCSV(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
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
	var opt logical.Expr
	if len(args) == 3 {
		opt = args[2]
	}
	if _, err := parseCSVOptions(name, opt, false); err != nil {
		return nil, nil, false, err
	}
	t, err := parseJSONSchema(s)
	if err != nil {
		return nil, nil, false, err
	}
	st, ok := t.(types.Struct)
	if !ok {
		return nil, nil, false, sparkerr.Newf("INVALID_SCHEMA.NON_STRUCT_TYPE", "inputSchema", "\""+s+"\"", "dataType", "\""+SparkTypeSQL(t)+"\"")
	}
	st = asNullable(st).(types.Struct)
	for _, f := range st.Fields {
		if _, err := csvFieldSQL("x", f.Type); err != nil {
			return nil, nil, false, err
		}
	}
	out := []logical.Expr{ImplicitCast(args[0], types.String), &logical.Lit{T: types.String, V: s, Text: s}}
	if opt != nil {
		out = append(out, opt)
	}
	// NULL only for NULL text: a malformed record gives a struct of NULLs.
	return out, st, args[0].Nullable(), nil
}

// csvFieldSQL converts the text v of one CSV field to type t as Spark's
// CSV parser does; values it cannot convert are NULL (PERMISSIVE).
func csvFieldSQL(v string, t types.DataType) (string, error) {
	match := func(re, then string) string {
		return "(CASE WHEN regexp_full_match(" + v + ", " + QuoteString(re) + ") THEN " + then + " END)"
	}
	d, err := DuckType(t)
	if err != nil {
		return "", err
	}
	switch t.Kind() {
	case types.KindString, types.KindChar, types.KindVarchar:
		return v, nil
	case types.KindByte, types.KindShort, types.KindInt, types.KindLong:
		return match(`[+-]?[0-9]+`, "TRY_CAST("+v+" AS "+d+")"), nil
	case types.KindDecimal:
		return match(`[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?`, "TRY_CAST("+v+" AS "+d+")"), nil
	case types.KindFloat, types.KindDouble:
		return "(CASE WHEN trim(" + v + ") IN ('NaN', 'Infinity', '+Infinity', '-Infinity', 'Inf', '-Inf') THEN TRY_CAST(replace(replace(trim(" + v + "), 'Infinity', 'inf'), 'Inf', 'inf') AS " + d + ")" +
			" WHEN regexp_full_match(trim(" + v + "), '[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?[dDfF]?') THEN TRY_CAST(rtrim(trim(" + v + "), 'dDfF') AS " + d + ") END)", nil
	case types.KindBoolean:
		return "(CASE lower(" + v + ") WHEN 'true' THEN true WHEN 'false' THEN false END)", nil
	case types.KindDate:
		return match(`[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}`, "TRY_CAST("+v+" AS DATE)"), nil
	}
	return "", sparkerr.Unsupported("from_csv to " + t.SimpleString())
}

func lowerFromCSV(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	var opt logical.Expr
	if len(call.Args) == 3 {
		opt = call.Args[2]
	}
	o, err := parseCSVOptions("from_csv", opt, false)
	if err != nil {
		return "", err
	}
	st := call.T.(types.Struct)
	l := "ember_csv_split(" + args[0] + ", " + o.sqlArgs() + ")"
	v := "__csv"
	parts := make([]string, len(st.Fields))
	for i, f := range st.Fields {
		s, err := csvFieldSQL(v+"["+strconv.Itoa(i+1)+"]", f.Type)
		if err != nil {
			return "", err
		}
		parts[i] = QuoteIdent(f.Name) + " := " + s
	}
	// The split list is bound once through a one-element list_transform.
	return "(CASE WHEN " + args[0] + " IS NULL THEN NULL ELSE list_transform([" + l + "], lambda " + v + ": struct_pack(" + strings.Join(parts, ", ") + "))[1] END)", nil
}

func resolveToCSV(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if args[0].Type().Kind() == types.KindNull {
		return args, types.String, true, nil
	}
	st, ok := args[0].Type().(types.Struct)
	if !ok {
		return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.UNSUPPORTED_INPUT_TYPE", "sqlExpr", "\""+prettyFirstArg(name, args, false)+"\"",
			"functionName", sparkerr.QuoteID(name), "dataType", "\""+strings.ToUpper(args[0].Type().SimpleString())+"\"")
	}
	var opt logical.Expr
	if len(args) == 2 {
		opt = args[1]
	}
	if _, err := parseCSVOptions(name, opt, true); err != nil {
		return nil, nil, false, err
	}
	for _, f := range st.Fields {
		if _, err := csvText(&LowerCtx{TimeZone: "UTC"}, "x", f.Type); err != nil {
			return nil, nil, false, err
		}
	}
	// Spark declares to_csv nullable whatever its input.
	return args, types.String, true, nil
}

// csvText renders one value as to_csv writes it.
func csvText(c *LowerCtx, x string, t types.DataType) (string, error) {
	switch t.Kind() {
	case types.KindDate, types.KindTimestamp, types.KindTimestampNTZ:
		j, err := jsonText(c, x, t, 0)
		if err != nil {
			return "", err
		}
		return "trim(" + j + ", '\"')", nil
	case types.KindFloat, types.KindDouble:
		return castToString(c, x, t)
	}
	return valueText(c, x, t, 0)
}

// valueText is Spark's cast of a value to string, nested types included
// ([1, 2], {k -> 1}, {1, null}); usable inside lambdas.
func valueText(c *LowerCtx, x string, t types.DataType, depth int) (string, error) {
	v := "__t" + strconv.Itoa(depth)
	orNull := func(s string) string { return "coalesce(" + s + ", 'null')" }
	switch tt := t.(type) {
	case types.Array:
		e, err := valueText(c, v, tt.Elem, depth+1)
		if err != nil {
			return "", err
		}
		return "('[' || array_to_string(list_transform(" + x + ", lambda " + v + ": " + orNull(e) + "), ', ') || ']')", nil
	case types.Map:
		k, err := valueText(c, v+".key", tt.Key, depth+1)
		if err != nil {
			return "", err
		}
		val, err := valueText(c, v+".value", tt.Value, depth+1)
		if err != nil {
			return "", err
		}
		return "('{' || array_to_string(list_transform(map_entries(" + x + "), lambda " + v + ": " + k + " || ' -> ' || " + orNull(val) + "), ', ') || '}')", nil
	case types.Struct:
		parts := make([]string, len(tt.Fields))
		for i, f := range tt.Fields {
			s, err := valueText(c, "struct_extract_at("+x+", "+strconv.Itoa(i+1)+")", f.Type, depth+1)
			if err != nil {
				return "", err
			}
			parts[i] = orNull(s)
		}
		return "('{' || concat_ws(', ', " + strings.Join(parts, ", ") + ") || '}')", nil
	}
	switch t.Kind() {
	case types.KindFloat, types.KindDouble:
		return "(CASE WHEN isnan(" + x + ") THEN 'NaN' WHEN isinf(" + x + ") THEN (CASE WHEN " + x + " > 0 THEN 'Infinity' ELSE '-Infinity' END) ELSE " + javaDoubleText(x, t) + " END)", nil
	case types.KindBinary:
		return "", sparkerr.Unsupported("to_csv of binary")
	case types.KindNull:
		return "CAST(NULL AS VARCHAR)", nil
	}
	return castToString(c, x, t)
}

func lowerToCSV(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	var opt logical.Expr
	if len(call.Args) == 2 {
		opt = call.Args[1]
	}
	o, err := parseCSVOptions("to_csv", opt, true)
	if err != nil {
		return "", err
	}
	st, ok := call.Args[0].Type().(types.Struct)
	if !ok {
		return "CAST(NULL AS VARCHAR)", nil
	}
	parts := make([]string, len(st.Fields))
	for i, f := range st.Fields {
		s, err := csvText(c, "struct_extract_at("+args[0]+", "+strconv.Itoa(i+1)+")", f.Type)
		if err != nil {
			return "", err
		}
		parts[i] = s
	}
	return "(CASE WHEN " + args[0] + " IS NULL THEN NULL ELSE ember_csv_join([" + strings.Join(parts, ", ") + "]::VARCHAR[], " + o.sqlArgs() + ") END)", nil
}

// SplitCSVRecord splits one CSV record into fields; empty unquoted fields
// are nil (Spark's default nullValue).
func SplitCSVRecord(s string, sep, quote, escape rune, trimLeading, trimTrailing bool) []*string {
	var out []*string
	rs := []rune(s)
	i := 0
	for {
		var b strings.Builder
		quoted := false
		for i < len(rs) && trimLeading && (rs[i] == ' ' || rs[i] == '\t') && rs[i] != sep {
			i++
		}
		if i < len(rs) && quote != 0 && rs[i] == quote {
			quoted = true
			i++
			for i < len(rs) {
				c := rs[i]
				if escape != 0 && c == escape && i+1 < len(rs) && (rs[i+1] == quote || rs[i+1] == escape) {
					b.WriteRune(rs[i+1])
					i += 2
					continue
				}
				if c == quote {
					i++
					break
				}
				b.WriteRune(c)
				i++
			}
			// Anything after the closing quote up to the separator is kept.
			for i < len(rs) && rs[i] != sep {
				b.WriteRune(rs[i])
				i++
			}
		} else {
			for i < len(rs) && rs[i] != sep {
				b.WriteRune(rs[i])
				i++
			}
		}
		f := b.String()
		if trimTrailing && !quoted {
			f = strings.TrimRight(f, " \t")
		}
		if f == "" && !quoted {
			out = append(out, nil)
		} else {
			out = append(out, &f)
		}
		if i >= len(rs) {
			return out
		}
		i++ // the separator
	}
}

// JoinCSVRecord renders fields as one CSV record, quoting the fields that
// need it as to_csv does.
func JoinCSVRecord(fields []*string, sep, quote, escape rune, trimLeading, trimTrailing bool) string {
	var b strings.Builder
	for i, f := range fields {
		if i > 0 {
			b.WriteRune(sep)
		}
		if f == nil {
			continue
		}
		v := *f
		if trimLeading {
			v = strings.TrimLeft(v, " \t")
		}
		if trimTrailing {
			v = strings.TrimRight(v, " \t")
		}
		need := v == "" || strings.ContainsRune(v, sep) || strings.ContainsAny(v, "\r\n") || quote != 0 && strings.ContainsRune(v, quote)
		if !need {
			b.WriteString(v)
			continue
		}
		b.WriteRune(quote)
		for _, c := range v {
			if c == quote && escape != 0 {
				b.WriteRune(escape)
			}
			b.WriteRune(c)
		}
		b.WriteRune(quote)
	}
	return b.String()
}

var (
	csvIntRe  = regexp.MustCompile(`^[+-]?[0-9]+$`)
	csvNumRe  = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?[dDfF]?$`)
	csvDateRe = regexp.MustCompile(`^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$`)
	csvTsRe   = regexp.MustCompile(`^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}[ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?$`)
)

// inferCSVSchema is schema_of_csv: each field's type as Spark's CSV
// inference finds it (int, bigint, decimal for long integers, double,
// boolean, date, timestamp, else string), named _c0, _c1...
func inferCSVSchema(s string, opts map[string]string) (types.DataType, error) {
	o := csvOptions{sep: ",", quote: "\"", escape: "\\"}
	for k, v := range opts {
		switch k {
		case "sep", "delimiter":
			if v == "\\t" {
				v = "\t"
			}
			o.sep = v
		case "quote":
			o.quote = v
		case "escape":
			o.escape = v
		default:
			return nil, sparkerr.Unsupported("schema_of_csv option " + k)
		}
	}
	first := func(s string) rune {
		if s == "" {
			return 0
		}
		return []rune(s)[0]
	}
	fields := SplitCSVRecord(s, first(o.sep), first(o.quote), first(o.escape), false, false)
	st := types.Struct{}
	for i, f := range fields {
		var t types.DataType = types.String
		if f != nil {
			t = inferCSVField(*f)
		}
		st.Fields = append(st.Fields, types.Field{Name: "_c" + strconv.Itoa(i), Type: t, Nullable: true})
	}
	return st, nil
}

func inferCSVField(v string) types.DataType {
	switch {
	case csvIntRe.MatchString(v):
		if n, ok := new(big.Int).SetString(strings.TrimPrefix(v, "+"), 10); ok {
			switch {
			case n.IsInt64() && n.Int64() >= -1<<31 && n.Int64() < 1<<31:
				return types.Int
			case n.IsInt64():
				return types.Long
			}
			digits := len(strings.TrimLeft(n.String(), "-"))
			if digits <= 38 {
				return types.Decimal{Precision: digits, Scale: 0}
			}
		}
		return types.Double
	case csvNumRe.MatchString(strings.TrimSpace(v)):
		return types.Double
	case strings.TrimSpace(v) == "NaN" || strings.TrimSpace(v) == "Infinity" || strings.TrimSpace(v) == "-Infinity":
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
