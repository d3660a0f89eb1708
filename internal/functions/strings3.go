package functions

import (
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/numfmt"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// String, binary, URL, number-format and regular-expression functions:
// btrim, chr, elt, encode/decode, find_in_set, format_number, overlay,
// mask, quote, sentences, split_part, substring_index, to_binary, unbase64,
// unhex, url_*, parse_url, to_char, to_number, regexp_*, bit_length, the
// UTF-8 validators, collation and AES. Functions needing Java's exact
// behaviour call Go functions of internal/udf (ember_*).

func init() {
	Register(
		&Def{Name: "btrim", MinArgs: 1, MaxArgs: 2, Resolve: stringFn(types.String), Lower: lowerBtrim, Group: "string"},
		&Def{Name: "chr", Aliases: []string{"char"}, MinArgs: 1, MaxArgs: 1, Resolve: resolveChr, Lower: tmpl("(CASE WHEN $1 IS NULL THEN NULL WHEN $1 < 0 THEN '' ELSE chr(CAST($1 % 256 AS INTEGER)) END)"), Group: "string", ShowAlias: true},
		&Def{Name: "elt", MinArgs: 2, MaxArgs: -1, Resolve: resolveElt, Lower: lowerElt, Group: "string"},
		&Def{Name: "encode", MinArgs: 2, MaxArgs: 2, Resolve: resolveEncode, Lower: fn("ember_encode"), Group: "string"},
		&Def{Name: "decode", MinArgs: 2, MaxArgs: -1, Resolve: resolveDecode, Lower: lowerDecode, Group: "string"},
		&Def{Name: "find_in_set", MinArgs: 2, MaxArgs: 2, Resolve: stringFn(types.Int), Lower: tmpl("(CASE WHEN $1 IS NULL OR $2 IS NULL THEN NULL WHEN contains($1, ',') THEN 0 ELSE CAST(coalesce(list_position(string_split($2, ','), $1), 0) AS INTEGER) END)"), Group: "string"},
		&Def{Name: "format_number", MinArgs: 2, MaxArgs: 2, Resolve: resolveFormatNumber, Lower: lowerFormatNumber, Group: "string"},
		&Def{Name: "overlay", MinArgs: 3, MaxArgs: 4, Resolve: resolveOverlay, Lower: lowerOverlay, Group: "string"},
		&Def{Name: "mask", MinArgs: 1, MaxArgs: 5, Resolve: resolveMask, Lower: fn("ember_mask"), Group: "string"},
		&Def{Name: "quote", MinArgs: 1, MaxArgs: 1, Resolve: nullableStringFn, Lower: tmpl(`(CASE WHEN $1 IS NULL THEN NULL ELSE '''' || replace($1, '''', '\''') || '''' END)`), Group: "string"},
		&Def{Name: "sentences", MinArgs: 1, MaxArgs: 3, Resolve: resolveSentences, Lower: tmpl("ember_sentences($1)"), Group: "string"},
		&Def{Name: "split_part", MinArgs: 3, MaxArgs: 3, Resolve: resolveSplitPart, Lower: lowerSplitPart, Group: "string"},
		&Def{Name: "substring_index", MinArgs: 3, MaxArgs: 3, Resolve: resolveSubstringIndex, Lower: lowerSubstringIndex, Group: "string"},
		&Def{Name: "to_binary", MinArgs: 1, MaxArgs: 2, Resolve: resolveToBinary, Lower: lowerToBinary(false), Group: "string"},
		&Def{Name: "try_to_binary", MinArgs: 1, MaxArgs: 2, Resolve: resolveToBinary, Lower: lowerToBinary(true), Group: "string"},
		&Def{Name: "unbase64", MinArgs: 1, MaxArgs: 1, Resolve: stringFn(types.Binary), Lower: tmpl("ember_unbase64($1, 0)"), Group: "string"},
		&Def{Name: "unhex", MinArgs: 1, MaxArgs: 1, Resolve: nullableResult(stringFn(types.Binary)), Lower: tmpl("ember_unhex($1, false)"), Group: "string"},
		&Def{Name: "url_encode", MinArgs: 1, MaxArgs: 1, Resolve: nullableStringFn, Lower: fn("ember_url_encode"), Group: "url"},
		&Def{Name: "url_decode", MinArgs: 1, MaxArgs: 1, Resolve: nullableStringFn, Lower: tmpl("ember_url_decode($1, true)"), Group: "url"},
		&Def{Name: "try_url_decode", MinArgs: 1, MaxArgs: 1, Resolve: nullableStringFn, Lower: tmpl("ember_url_decode($1, false)"), Group: "url"},
		&Def{Name: "parse_url", MinArgs: 2, MaxArgs: 3, Resolve: nullableStringFn, Lower: lowerParseURL(false), Group: "url"},
		&Def{Name: "try_parse_url", MinArgs: 2, MaxArgs: 3, Resolve: nullableStringFn, Lower: lowerParseURL(true), Group: "url"},
		&Def{Name: "to_char", Aliases: []string{"to_varchar"}, MinArgs: 2, MaxArgs: 2, Resolve: resolveToChar, Lower: lowerToChar, Pretty: prettyToChar, Group: "string", ShowAlias: true},
		&Def{Name: "to_number", MinArgs: 2, MaxArgs: 2, Resolve: resolveToNumber, Lower: lowerToNumber(false), Group: "string"},
		&Def{Name: "try_to_number", MinArgs: 2, MaxArgs: 2, Resolve: resolveToNumber, Lower: lowerToNumber(true), Group: "string"},
		&Def{Name: "regexp_count", MinArgs: 2, MaxArgs: 2, Resolve: stringFn(types.Int), Lower: fn("ember_regexp_count"), Group: "string"},
		&Def{Name: "regexp_extract_all", MinArgs: 2, MaxArgs: 3, Resolve: resolveRegexpGroup(types.Array{Elem: types.String, ContainsNull: true}), Lower: fn("ember_regexp_extract_all"), Group: "string"},
		&Def{Name: "regexp_instr", MinArgs: 2, MaxArgs: 3, Resolve: resolveRegexpInstr, Lower: tmpl("ember_regexp_instr($1, $2)"), Group: "string"},
		&Def{Name: "regexp_substr", MinArgs: 2, MaxArgs: 2, Resolve: nullableResult(stringFn(types.String)), Lower: fn("ember_regexp_substr"), Group: "string"},
		&Def{Name: "bit_length", MinArgs: 1, MaxArgs: 1, Resolve: resolveOctetLength, Lower: lowerBitLength, Group: "string"},
		&Def{Name: "is_valid_utf8", MinArgs: 1, MaxArgs: 1, Resolve: nullableResult(stringFn(types.Boolean)), Lower: tmpl("($1 IS NOT NULL OR NULL)"), Group: "string"},
		&Def{Name: "make_valid_utf8", MinArgs: 1, MaxArgs: 1, Resolve: nullableStringFn, Lower: tmpl("$1"), Group: "string"},
		&Def{Name: "validate_utf8", MinArgs: 1, MaxArgs: 1, Resolve: nullableStringFn, Lower: tmpl("$1"), Group: "string"},
		&Def{Name: "try_validate_utf8", MinArgs: 1, MaxArgs: 1, Resolve: nullableStringFn, Lower: tmpl("$1"), Group: "string"},
		&Def{Name: "collation", MinArgs: 1, MaxArgs: 1, Resolve: resolveCollation, Lower: tmpl("'SYSTEM.BUILTIN.UTF8_BINARY'"), Group: "string"},
		&Def{Name: "aes_encrypt", MinArgs: 2, MaxArgs: 6, Resolve: resolveAES(6), Lower: fn("ember_aes_encrypt"), Group: "misc"},
		&Def{Name: "aes_decrypt", MinArgs: 2, MaxArgs: 5, Resolve: resolveAES(5), Lower: lowerAESDecrypt(true), Group: "misc"},
		&Def{Name: "try_aes_decrypt", MinArgs: 2, MaxArgs: 5, Resolve: resolveAES(5), Lower: lowerAESDecrypt(false), Group: "misc"},
	)
}

func strLit(s string) *logical.Lit { return &logical.Lit{T: types.String, V: s, Text: s} }
func intLit(n int) *logical.Lit {
	return &logical.Lit{T: types.Int, V: int32(n), Text: strconv.Itoa(n)}
}

// nullableResult marks a function's result nullable whatever its inputs.
func nullableResult(r ResolveFunc) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		out, t, _, err := r(c, name, args)
		return out, t, true, err
	}
}

var nullableStringFn = nullableResult(stringFn(types.String))

// raiseDyn is RaiseSQL with parameter values computed by SQL expressions.
func raiseDyn(class string, kv ...string) string {
	parts := []string{QuoteString(ErrorMarker + class)}
	for i := 0; i+1 < len(kv); i += 2 {
		parts = append(parts, QuoteString("\x1f"+kv[i]+"="), "CAST("+kv[i+1]+" AS VARCHAR)")
	}
	return "error(" + strings.Join(parts, " || ") + ")"
}

// --- trim ---------------------------------------------------------------------

// lowerTrimSpark: trim/ltrim/rtrim take (trimStr, str) in their two
// argument form, as Spark's SQL functions do; one argument trims spaces.
func lowerTrimSpark(f string) LowerFunc {
	return func(_ *LowerCtx, _ *logical.Call, args []string) (string, error) {
		if len(args) == 1 {
			return f + "(" + args[0] + ", ' ')", nil
		}
		return f + "(" + args[1] + ", " + args[0] + ")", nil
	}
}

// prettyTrim names a trim with a trim string TRIM(BOTH|LEADING|TRAILING t FROM s).
func prettyTrim(side string) PrettyFunc {
	return func(name string, args []logical.Expr, d bool) string {
		if len(args) == 2 {
			return "TRIM(" + side + " " + args[0].SQL() + " FROM " + args[1].SQL() + ")"
		}
		return DefaultPretty(name, args, d)
	}
}

func lowerBtrim(_ *LowerCtx, _ *logical.Call, args []string) (string, error) {
	if len(args) == 1 {
		return "trim(" + args[0] + ", ' ')", nil
	}
	return "trim(" + args[0] + ", " + args[1] + ")", nil
}

// --- like / contains on binary -------------------------------------------------

func lowerLike(op string) LowerFunc {
	return func(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
		esc := `'\'`
		if pat, ok := litString(call.Args[1]); ok && len(call.Args) == 2 && !strings.Contains(pat, `\`) {
			// Without a backslash the escape changes nothing, and DuckDB
			// only turns LIKE into its fast prefix/contains/suffix
			// matchers when there is no ESCAPE clause.
			return "(" + args[0] + " " + op + " " + args[1] + ")", nil
		}
		if len(call.Args) == 3 {
			s, ok := litString(call.Args[2])
			if !ok || len([]rune(s)) != 1 {
				return "", sparkerr.Unsupported(strings.ToLower(op) + " with an escape that is not a one-character literal")
			}
			esc = QuoteString(s)
		}
		return "(" + args[0] + " " + op + " " + args[1] + " ESCAPE " + esc + ")", nil
	}
}

// prettyIlike leaves the escape out of the name, as Spark does.
func prettyIlike(name string, args []logical.Expr, d bool) string {
	return DefaultPretty(name, args[:2], d)
}

func prettyLike(name string, args []logical.Expr, d bool) string {
	s := args[0].SQL() + " LIKE " + args[1].SQL()
	if len(args) == 3 {
		e, _ := litString(args[2])
		s += " ESCAPE '" + e + "'"
	}
	return s
}

// resolveBinPredicate: contains/startswith/endswith on strings, or on
// binary when either side is binary (the other is cast to binary).
func resolveBinPredicate(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if args[0].Type().Kind() == types.KindBinary || args[1].Type().Kind() == types.KindBinary {
		out, _, _, err := binaryFn(types.Boolean)(c, name, args)
		return out, types.Boolean, true, err
	}
	return predicateFn(c, name, args)
}

func lowerBinPredicate(op, duck string) LowerFunc {
	return func(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
		if call.Args[0].Type().Kind() == types.KindBinary {
			return "ember_bytes_pred(" + args[0] + ", " + args[1] + ", '" + op + "')", nil
		}
		return duck + "(" + args[0] + ", " + args[1] + ")", nil
	}
}

// --- chr, elt, encode/decode -----------------------------------------------------

func resolveChr(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	a := args[0]
	if !types.IsNumeric(a.Type()) && !types.IsStringLike(a.Type()) && a.Type().Kind() != types.KindNull {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"BIGINT\"", a)
	}
	return []logical.Expr{ImplicitCast(a, types.Long)}, types.String, a.Nullable(), nil
}

func resolveElt(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	idx := args[0]
	if !types.IsIntegral(idx.Type()) && idx.Type().Kind() != types.KindNull && !types.IsStringLike(idx.Type()) {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"INT\"", idx)
	}
	out := []logical.Expr{ImplicitCast(idx, types.Int)}
	var t types.DataType = types.String
	if allBinary(args[1:]) {
		t = types.Binary
	}
	for i, a := range args[1:] {
		if t.Kind() == types.KindString && !isAtomicType(a.Type()) {
			return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), i+2, "(\"STRING\" or \"BINARY\")", a)
		}
		out = append(out, ImplicitCast(a, t))
	}
	return out, t, true, nil
}

func lowerElt(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	n := len(args) - 1
	var b strings.Builder
	b.WriteString("(CASE WHEN " + args[0] + " IS NULL THEN NULL")
	for i := 1; i <= n; i++ {
		b.WriteString(" WHEN " + args[0] + " = " + strconv.Itoa(i) + " THEN " + args[i])
	}
	if c.ANSI {
		b.WriteString(" ELSE " + raiseDyn("INVALID_ARRAY_INDEX", "indexValue", args[0], "arraySize", strconv.Itoa(n)))
	}
	b.WriteString(" END)")
	return b.String(), nil
}

func resolveEncode(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out, _, _, err := stringFn(types.Binary)(c, name, args)
	return out, types.Binary, true, err
}

// decode(bin, charset) decodes bytes; decode(expr, search, result, ...
// [, default]) is the CASE-like form.
func resolveDecode(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if len(args) == 2 {
		out, _, _, err := binaryFn(types.String)(c, name, args[:1])
		if err != nil {
			return nil, nil, false, err
		}
		return append(out, ImplicitCast(args[1], types.String)), types.String, true, nil
	}
	if len(args) < 3 {
		return nil, nil, false, wrongArgs(name, &Def{MinArgs: 3, MaxArgs: -1}, len(args))
	}
	var results []logical.Expr
	for i := 2; i < len(args); i += 2 {
		results = append(results, args[i])
	}
	if len(args)%2 == 0 {
		results = append(results, args[len(args)-1])
	}
	_, rt, err := commonType(name, results)
	if err != nil {
		return nil, nil, false, err
	}
	var keys []logical.Expr
	keys = append(keys, args[0])
	for i := 1; i+1 < len(args); i += 2 {
		keys = append(keys, args[i])
	}
	_, kt, err := commonType(name, keys)
	if err != nil {
		return nil, nil, false, err
	}
	out := make([]logical.Expr, len(args))
	out[0] = ImplicitCast(args[0], kt)
	for i := 1; i < len(args); i++ {
		if i%2 == 1 && i+1 < len(args) {
			out[i] = ImplicitCast(args[i], kt)
		} else {
			out[i] = ImplicitCast(args[i], rt)
		}
	}
	nullable := len(args)%2 == 1
	for _, r := range results {
		nullable = nullable || r.Nullable()
	}
	return out, rt, nullable, nil
}

func lowerDecode(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	if len(args) == 2 {
		return "ember_decode(" + args[0] + ", " + args[1] + ")", nil
	}
	var b strings.Builder
	b.WriteString("(CASE")
	for i := 1; i+1 < len(args); i += 2 {
		b.WriteString(" WHEN " + args[0] + " IS NOT DISTINCT FROM " + args[i] + " THEN " + args[i+1])
	}
	if len(args)%2 == 0 {
		b.WriteString(" ELSE " + args[len(args)-1])
	}
	b.WriteString(" END)")
	return b.String(), nil
}

// --- format_number, to_char, to_number -----------------------------------------

// numberText renders a numeric value as decimal text for the number
// formatting functions.
func numberText(arg string, t types.DataType) string {
	if t.Kind() == types.KindFloat {
		return "CAST(CAST(" + arg + " AS DOUBLE) AS VARCHAR)"
	}
	return "CAST(" + arg + " AS VARCHAR)"
}

func resolveFormatNumber(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	x := args[0]
	if !types.IsNumeric(x.Type()) && x.Type().Kind() != types.KindNull {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"NUMERIC\"", x)
	}
	d := args[1]
	switch {
	case types.IsIntegral(d.Type()):
		d = ImplicitCast(d, types.Int)
	case types.IsStringLike(d.Type()) || d.Type().Kind() == types.KindNull:
		d = ImplicitCast(d, types.String)
	default:
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 2, "(\"INT\" or \"STRING\")", d)
	}
	return []logical.Expr{x, d}, types.String, true, nil
}

func lowerFormatNumber(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	return "ember_format_number(" + numberText(args[0], call.Args[0].Type()) + ", " + args[1] + ")", nil
}

func formatLiteral(name string, e logical.Expr) (string, *numfmt.Format, error) {
	f, ok := litString(e)
	if !ok {
		return "", nil, sparkerr.Newf("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
			"sqlExpr", "\""+name+"\"", "inputName", "`format`", "inputType", "\"STRING\"", "inputExpr", "\""+e.SQL()+"\"")
	}
	fm, ferr := numfmt.Parse(f)
	if ferr != nil {
		return "", nil, sparkerr.Newf("INVALID_FORMAT."+ferr.Sub, ferr.Params...)
	}
	return f, fm, nil
}

func resolveToChar(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	x := args[0]
	switch k := x.Type().Kind(); {
	case k == types.KindDate || k == types.KindTimestamp || k == types.KindTimestampNTZ:
		out, t, _, err := resolveDateFormat(c, name, args)
		return out, t, x.Nullable() || args[1].Nullable(), err
	case k == types.KindBinary:
		f, ok := litString(args[1])
		if !ok {
			return nil, nil, false, sparkerr.Unsupported("to_char of binary with a non-literal format")
		}
		switch strings.ToLower(f) {
		case "hex", "base64", "utf-8", "utf8":
		default:
			return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.INVALID_ARG_VALUE",
				"sqlExpr", "\""+DefaultPretty(name, args, false)+"\"", "inputName", "fmt",
				"requireType", "case-insensitive \"STRING\"", "validValues", "'hex', 'base64', 'utf-8', 'utf8'", "inputValue", "'"+f+"'")
		}
		return []logical.Expr{x, args[1]}, types.String, x.Nullable() || strings.HasPrefix(strings.ToLower(f), "utf"), nil
	case types.IsNumeric(x.Type()) || k == types.KindNull:
		if _, _, err := formatLiteral(DefaultPretty(name, args, false), args[1]); err != nil {
			return nil, nil, false, err
		}
		return []logical.Expr{x, ImplicitCast(args[1], types.String)}, types.String, x.Nullable() || k == types.KindFloat || k == types.KindDouble, nil
	}
	return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"DECIMAL\"", x)
}

func prettyToChar(name string, args []logical.Expr, d bool) string {
	switch args[0].Type().Kind() {
	case types.KindTimestamp:
		a := args[0]
		if cst, ok := a.(*logical.Cast); ok && cst.Implicit {
			a = cst.Child
		}
		return "date_format(" + a.SQL() + ", " + args[1].SQL() + ")"
	case types.KindBinary:
		f, _ := litString(args[1])
		switch strings.ToLower(f) {
		case "hex":
			return "hex(" + args[0].SQL() + ")"
		case "base64":
			return "base64(" + args[0].SQL() + ")"
		}
		return "decode(" + args[0].SQL() + ", " + args[1].SQL() + ")"
	}
	return DefaultPretty(name, args, d)
}

func lowerToChar(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	switch call.Args[0].Type().Kind() {
	case types.KindTimestamp:
		return lowerDateFormat(c, call, args)
	case types.KindBinary:
		f, _ := litString(call.Args[1])
		switch strings.ToLower(f) {
		case "hex":
			return "hex(" + args[0] + ")", nil
		case "base64":
			return "to_base64(" + args[0] + ")", nil
		}
		return "ember_decode(" + args[0] + ", 'utf-8')", nil
	}
	// Spark casts a float to decimal through its shortest decimal text.
	return "ember_to_char_number(CAST(" + args[0] + " AS VARCHAR), " + args[1] + ")", nil
}

func resolveToNumber(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out, _, n, err := stringFn(types.String)(c, name, args)
	if err != nil {
		return nil, nil, false, err
	}
	_, fm, err := formatLiteral(DefaultPretty(name, args, false), args[1])
	if err != nil {
		return nil, nil, false, err
	}
	p, s := fm.Precision, fm.Scale
	if p > 38 {
		return nil, nil, false, sparkerr.Newf("DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", "precision", strconv.Itoa(p), "maxPrecision", "38")
	}
	return out, types.Decimal{Precision: p, Scale: s}, n || strings.HasPrefix(name, "try_"), nil
}

func lowerToNumber(try bool) LowerFunc {
	return func(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
		dt, err := DuckType(call.T)
		if err != nil {
			return "", err
		}
		return "CAST(ember_to_number(" + args[0] + ", " + args[1] + ", " + strconv.FormatBool(!try) + ") AS " + dt + ")", nil
	}
}

// --- overlay, mask, sentences, split_part, substring_index ------------------------

func resolveOverlay(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if len(args) == 3 {
		args = append(args, intLit(-1))
	}
	var t types.DataType = types.String
	if args[0].Type().Kind() == types.KindBinary && args[1].Type().Kind() == types.KindBinary {
		t = types.Binary
	}
	out := []logical.Expr{ImplicitCast(args[0], t), ImplicitCast(args[1], t), ImplicitCast(args[2], types.Int), ImplicitCast(args[3], types.Int)}
	return out, t, anyNullable(args), nil
}

func lowerOverlay(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	in, rep, pos, l := args[0], args[1], args[2], args[3]
	if call.T.Kind() == types.KindBinary {
		// Work on the hex digits: two per byte.
		h := func(x string) string { return "hex(" + x + ")" }
		n := "(CASE WHEN " + l + " < 0 THEN octet_length(" + rep + ") ELSE " + l + " END)"
		s := "(ember_substring(" + h(in) + ", 1, 2 * (" + pos + " - 1)) || " + h(rep) + " || ember_substring(" + h(in) + ", 2 * (" + pos + " + " + n + ") - 1, 2147483647))"
		return "unhex(" + s + ")", nil
	}
	n := "(CASE WHEN " + l + " < 0 THEN length(" + rep + ") ELSE " + l + " END)"
	return "(ember_substring(" + in + ", 1, " + pos + " - 1) || " + rep + " || ember_substring(" + in + ", " + pos + " + " + n + ", 2147483647))", nil
}

func resolveMask(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	defaults := []string{"X", "x", "n"}
	for len(args) < 5 {
		if i := len(args) - 1; i < 3 {
			args = append(args, strLit(defaults[i]))
		} else {
			args = append(args, &logical.Lit{T: types.String, V: nil, Text: "NULL"})
		}
	}
	out := []logical.Expr{ImplicitCast(args[0], types.String)}
	for i, a := range args[1:] {
		if !isNullLit(a) {
			s, ok := litString(a)
			if !ok {
				return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
					"sqlExpr", "\""+DefaultPretty(name, args, false)+"\"", "inputName", "`"+[]string{"upperChar", "lowerChar", "digitChar", "otherChar"}[i]+"`", "inputType", "\"STRING\"", "inputExpr", "\""+a.SQL()+"\"")
			}
			if len([]rune(s)) != 1 {
				return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.INPUT_SIZE_NOT_ONE",
					"sqlExpr", "\""+DefaultPretty(name, args, false)+"\"", "exprName", []string{"upperChar", "lowerChar", "digitChar", "otherChar"}[i])
			}
		}
		out = append(out, ImplicitCast(a, types.String))
	}
	return out, types.String, true, nil
}

func resolveSentences(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	for len(args) < 3 {
		args = append(args, strLit(""))
	}
	out, _, _, err := stringFn(types.String)(c, name, args)
	if err != nil {
		return nil, nil, false, err
	}
	return out, types.Array{Elem: types.Array{Elem: types.String, ContainsNull: false}, ContainsNull: false}, true, nil
}

func resolveSplitPart(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out, _, _, err := stringFn(types.String)(c, name, args[:2])
	if err != nil {
		return nil, nil, false, err
	}
	return append(out, ImplicitCast(args[2], types.Int)), types.String, true, nil
}

func lowerSplitPart(_ *LowerCtx, _ *logical.Call, args []string) (string, error) {
	s, d, n := args[0], args[1], args[2]
	return "(CASE WHEN " + s + " IS NULL OR " + d + " IS NULL OR " + n + " IS NULL THEN NULL" +
		" WHEN " + n + " = 0 THEN " + RaiseSQL("INVALID_INDEX_OF_ZERO", JavaKey, sparkerr.RuntimeException) +
		" WHEN " + d + " = '' THEN (CASE WHEN " + n + " IN (1, -1) THEN " + s + " ELSE '' END)" +
		" ELSE coalesce(list_extract(string_split(" + s + ", " + d + "), " + n + "), '') END)", nil
}

func resolveSubstringIndex(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out, _, n, err := stringFn(types.String)(c, name, args[:2])
	if err != nil {
		return nil, nil, false, err
	}
	return append(out, ImplicitCast(args[2], types.Int)), types.String, n || args[2].Nullable(), nil
}

func lowerSubstringIndex(_ *LowerCtx, _ *logical.Call, args []string) (string, error) {
	s, d, n := args[0], args[1], args[2]
	parts := "string_split(" + s + ", " + d + ")"
	return "(CASE WHEN " + s + " IS NULL OR " + d + " IS NULL OR " + n + " IS NULL THEN NULL" +
		" WHEN " + n + " = 0 OR " + d + " = '' THEN ''" +
		" WHEN " + n + " > 0 THEN array_to_string(" + parts + "[1:" + n + "], " + d + ")" +
		" ELSE array_to_string(" + parts + "[greatest(len(" + parts + ") + " + n + " + 1, 1):], " + d + ") END)", nil
}

// --- to_binary, regexp, bit_length, collation, parse_url -------------------------

func resolveToBinary(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out, _, n, err := stringFn(types.String)(c, name, args)
	if err != nil {
		return nil, nil, false, err
	}
	if len(args) == 2 {
		f, ok := litString(args[1])
		if !ok && !isNullLit(args[1]) {
			return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
				"sqlExpr", "\""+DefaultPretty(name, args, false)+"\"", "inputName", "`fmt`", "inputType", "\"STRING\"", "inputExpr", "\""+args[1].SQL()+"\"")
		}
		switch strings.ToLower(f) {
		case "hex", "utf-8", "utf8", "base64":
		default:
			if !isNullLit(args[1]) {
				return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.INVALID_ARG_VALUE",
					"sqlExpr", "\""+DefaultPretty(name, args, false)+"\"", "inputName", "fmt",
					"requireType", "case-insensitive \"STRING\"", "validValues", "'hex', 'utf-8', 'utf8', or 'base64'", "inputValue", "'"+f+"'")
			}
		}
	}
	f := "hex"
	if len(args) == 2 {
		f, _ = litString(args[1])
		f = strings.ToLower(f)
	}
	return out, types.Binary, n || f != "base64" || strings.HasPrefix(name, "try_"), nil
}

func lowerToBinary(try bool) LowerFunc {
	return func(c *LowerCtx, call *logical.Call, args []string) (string, error) {
		f := "hex"
		if len(call.Args) == 2 {
			if isNullLit(call.Args[1]) {
				return "CAST(NULL AS BLOB)", nil
			}
			f, _ = litString(call.Args[1])
			f = strings.ToLower(f)
		}
		// Malformed input fails whatever the ANSI mode; try_to_binary gives NULL.
		fail := !try
		switch f {
		case "utf-8", "utf8":
			return "encode(" + args[0] + ")", nil
		case "base64":
			mode := "2"
			if fail {
				mode = "1"
			}
			return "ember_unbase64(" + args[0] + ", " + mode + ")", nil
		}
		return "ember_unhex(" + args[0] + ", " + strconv.FormatBool(fail) + ")", nil
	}
}

func resolveRegexpGroup(t types.DataType) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		if len(args) == 2 {
			args = append(args, intLit(1))
		}
		out, _, n, err := stringFn(t)(c, name, args[:2])
		if err != nil {
			return nil, nil, false, err
		}
		return append(out, ImplicitCast(args[2], types.Int)), t, n || args[2].Nullable(), nil
	}
}

func resolveRegexpInstr(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if len(args) == 2 {
		args = append(args, intLit(0))
	}
	out, _, n, err := stringFn(types.Int)(c, name, args[:2])
	if err != nil {
		return nil, nil, false, err
	}
	return append(out, ImplicitCast(args[2], types.Int)), types.Int, n, nil
}

func lowerBitLength(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	if call.Args[0].Type().Kind() == types.KindBinary {
		return "CAST(octet_length(" + args[0] + ") * 8 AS INTEGER)", nil
	}
	return "CAST(octet_length(encode(" + args[0] + ")) * 8 AS INTEGER)", nil
}

func resolveCollation(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if !types.IsStringLike(args[0].Type()) {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"STRING\"", args[0])
	}
	return args, types.String, false, nil
}

func lowerParseURL(try bool) LowerFunc {
	return func(c *LowerCtx, _ *logical.Call, args []string) (string, error) {
		fail := strconv.FormatBool(!try && c.ANSI)
		return "ember_parse_url(" + strings.Join(args, ", ") + ", " + fail + ")", nil
	}
}

// --- AES ---------------------------------------------------------------------------

// resolveAES types aes_encrypt (n = 6: input, key, mode, padding, iv, aad)
// and aes_decrypt (n = 5: input, key, mode, padding, aad), filling Spark's
// defaults (GCM, DEFAULT, empty iv and aad) so they show in names.
func resolveAES(n int) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		defaults := []logical.Expr{strLit("GCM"), strLit("DEFAULT"), strLit(""), strLit("")}
		for len(args) < n {
			args = append(args, defaults[len(args)-2])
		}
		out := make([]logical.Expr, n)
		for i, a := range args {
			binary := i < 2 || i >= 4
			k := a.Type().Kind()
			switch {
			case binary && (k == types.KindBinary || types.IsStringLike(a.Type()) || k == types.KindNull):
				out[i] = ImplicitCast(a, types.Binary)
			case !binary && (types.IsStringLike(a.Type()) || k == types.KindNull):
				out[i] = ImplicitCast(a, types.String)
			default:
				want := "\"BINARY\""
				if !binary {
					want = "\"STRING\""
				}
				return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), i+1, want, a)
			}
		}
		return out, types.Binary, true, nil
	}
}

func lowerAESDecrypt(fail bool) LowerFunc {
	return func(_ *LowerCtx, _ *logical.Call, args []string) (string, error) {
		return "ember_aes_decrypt(" + strings.Join(args, ", ") + ", " + strconv.FormatBool(fail) + ")", nil
	}
}

// lowerFormatStringRuntime renders format_string/printf with a format only
// known at run time: ember_format_string (internal/udf) applies Java's
// Formatter to arguments tagged with their type class.
func lowerFormatStringRuntime(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	parts := []string{args[0]}
	for i, a := range args[1:] {
		t := call.Args[i+1].Type()
		tag := "s"
		switch t.Kind() {
		case types.KindByte, types.KindShort, types.KindInt:
			tag = "i"
		case types.KindLong:
			tag = "l"
		case types.KindFloat, types.KindDouble, types.KindDecimal:
			tag = "f"
		case types.KindBoolean:
			tag = "b"
		case types.KindNull:
			parts = append(parts, "CAST(NULL AS VARCHAR)")
			continue
		}
		s, err := castToString(c, a, t)
		if err != nil {
			return "", err
		}
		if tag == "f" {
			s = "CAST(" + a + " AS VARCHAR)"
		}
		parts = append(parts, "('"+tag+"' || "+s+")")
	}
	return "ember_format_string(" + strings.Join(parts, ", ") + ")", nil
}
