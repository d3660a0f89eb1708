package functions

import (
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// Conditional, string, math and date/time basics.

func init() {
	Register(
		// conditional
		&Def{Name: "when", MinArgs: 2, MaxArgs: -1, Resolve: resolveWhen, Lower: lowerWhen, Pretty: prettyWhen, Group: "conditional"},
		&Def{Name: "coalesce", MinArgs: 1, MaxArgs: -1, Resolve: resolveCoalesce, Lower: fn("coalesce"), Group: "conditional"},
		&Def{Name: "nvl", Aliases: []string{"ifnull"}, MinArgs: 2, MaxArgs: 2, Resolve: resolveCoalesce, Lower: fn("coalesce"), Group: "conditional", ShowAlias: true},
		&Def{Name: "nullif", MinArgs: 2, MaxArgs: 2, Resolve: resolveNullIf, Lower: lowerNullIf, Group: "conditional"},
		&Def{Name: "if", MinArgs: 3, MaxArgs: 3, Resolve: resolveIf, Lower: tmpl("(CASE WHEN $1 THEN $2 ELSE $3 END)"), Pretty: prettyIf, Group: "conditional"},
		&Def{Name: "nvl2", MinArgs: 3, MaxArgs: 3, Resolve: resolveNvl2, Lower: tmpl("(CASE WHEN $1 IS NOT NULL THEN $2 ELSE $3 END)"), Group: "conditional"},
		&Def{Name: "nanvl", MinArgs: 2, MaxArgs: 2, Resolve: resolveNanvl, Lower: tmpl("(CASE WHEN isnan($1) THEN $2 ELSE $1 END)"), Group: "conditional"},
		&Def{Name: "greatest", MinArgs: 2, MaxArgs: -1, Resolve: resolveCoalesce, Lower: fn("greatest"), Group: "conditional"},
		&Def{Name: "least", MinArgs: 2, MaxArgs: -1, Resolve: resolveCoalesce, Lower: fn("least"), Group: "conditional"},

		// string
		&Def{Name: "upper", Aliases: []string{"ucase"}, MinArgs: 1, MaxArgs: 1, Resolve: stringFn(types.String), Lower: fn("upper"), Group: "string", ShowAlias: true},
		&Def{Name: "lower", Aliases: []string{"lcase"}, MinArgs: 1, MaxArgs: 1, Resolve: stringFn(types.String), Lower: fn("lower"), Group: "string", ShowAlias: true},
		&Def{Name: "length", Aliases: []string{"char_length", "character_length", "len"}, MinArgs: 1, MaxArgs: 1, Resolve: resolveLength, Lower: lowerLength, Group: "string", ShowAlias: true},
		&Def{Name: "trim", MinArgs: 1, MaxArgs: 2, Resolve: stringFn(types.String), Lower: lowerTrimSpark("trim"), Pretty: prettyTrim("BOTH"), Group: "string"},
		&Def{Name: "ltrim", MinArgs: 1, MaxArgs: 2, Resolve: stringFn(types.String), Lower: lowerTrimSpark("ltrim"), Pretty: prettyTrim("LEADING"), Group: "string"},
		&Def{Name: "rtrim", MinArgs: 1, MaxArgs: 2, Resolve: stringFn(types.String), Lower: lowerTrimSpark("rtrim"), Pretty: prettyTrim("TRAILING"), Group: "string"},
		&Def{Name: "concat", MinArgs: 0, MaxArgs: -1, Resolve: resolveConcat, Lower: lowerConcat, Group: "string"},
		&Def{Name: "concat_ws", MinArgs: 1, MaxArgs: -1, Resolve: stringFnNonNullSep, Lower: fn("concat_ws"), Group: "string"},
		&Def{Name: "substring", Aliases: []string{"substr"}, MinArgs: 2, MaxArgs: 3, Resolve: resolveSubstring, Lower: lowerSubstring, Group: "string", ShowAlias: true},
		&Def{Name: "split", MinArgs: 2, MaxArgs: 3, Resolve: resolveSplit, Lower: lowerSplit, Group: "string"},
		&Def{Name: "regexp_extract", MinArgs: 2, MaxArgs: 3, Resolve: resolveRegexpExtract, Lower: lowerRegexpExtract, Group: "string"},
		&Def{Name: "regexp_replace", MinArgs: 3, MaxArgs: 4, Resolve: resolveRegexpReplace, Lower: lowerRegexpReplace, Group: "string"},
		&Def{Name: "like", MinArgs: 2, MaxArgs: 3, Resolve: predicateFn, Lower: lowerLike("LIKE"), Pretty: prettyLike, Group: "predicate"},
		&Def{Name: "ilike", MinArgs: 2, MaxArgs: 3, Resolve: predicateFn, Lower: lowerLike("ILIKE"), Pretty: prettyIlike, Group: "predicate"},
		&Def{Name: "rlike", Aliases: []string{"regexp", "regexp_like"}, MinArgs: 2, MaxArgs: 2, Resolve: predicateFn, Lower: tmpl("regexp_matches($1, $2)"), Pretty: upperCalled, Group: "predicate", ShowAlias: true},
		&Def{Name: "contains", MinArgs: 2, MaxArgs: 2, Resolve: resolveBinPredicate, Lower: lowerBinPredicate("contains", "contains"), Group: "string"},
		&Def{Name: "startswith", MinArgs: 2, MaxArgs: 2, Resolve: resolveBinPredicate, Lower: lowerBinPredicate("startswith", "starts_with"), Group: "string"},
		&Def{Name: "endswith", MinArgs: 2, MaxArgs: 2, Resolve: resolveBinPredicate, Lower: lowerBinPredicate("endswith", "ends_with"), Group: "string"},
		&Def{Name: "lpad", MinArgs: 2, MaxArgs: 3, Resolve: resolvePad, Lower: lowerPad("lpad"), Group: "string"},
		&Def{Name: "rpad", MinArgs: 2, MaxArgs: 3, Resolve: resolvePad, Lower: lowerPad("rpad"), Group: "string"},
		&Def{Name: "repeat", MinArgs: 2, MaxArgs: 2, Resolve: resolveStrInt, Lower: fn("repeat"), Group: "string"},
		&Def{Name: "reverse", MinArgs: 1, MaxArgs: 1, Resolve: resolveReverse, Lower: lowerReverse, Group: "string"},
		&Def{Name: "initcap", MinArgs: 1, MaxArgs: 1, Resolve: stringFn(types.String), Lower: tmpl("array_to_string(list_transform(string_split($1, ' '), w -> upper(w[1]) || lower(w[2:])), ' ')"), Group: "string"},

		// math
		&Def{Name: "abs", MinArgs: 1, MaxArgs: 1, Resolve: resolveNumericUnary, Lower: lowerAbs, Group: "math"},
		&Def{Name: "round", MinArgs: 1, MaxArgs: 2, Resolve: resolveRound, Lower: lowerRound("round"), Group: "math"},
		&Def{Name: "bround", MinArgs: 1, MaxArgs: 2, Resolve: resolveRound, Lower: lowerRound("round_even"), Group: "math"},
		&Def{Name: "floor", MinArgs: 1, MaxArgs: 2, Resolve: resolveFloorCeil, Lower: lowerFloorCeil("floor"), Pretty: prettyRoundScale(upperName("FLOOR")), Group: "math"},
		&Def{Name: "ceil", Aliases: []string{"ceiling"}, MinArgs: 1, MaxArgs: 2, Resolve: resolveFloorCeil, Lower: lowerFloorCeil("ceil"), Pretty: prettyRoundScale(upperUnlessAlias("ceil", "CEIL")), Group: "math", ShowAlias: true},
		&Def{Name: "power", Aliases: []string{"pow"}, MinArgs: 2, MaxArgs: 2, Resolve: doubleFn, Lower: fn("pow"), Pretty: upperUnlessAlias("power", "POWER"), Group: "math", ShowAlias: true},
		&Def{Name: "sqrt", MinArgs: 1, MaxArgs: 1, Resolve: doubleFn, Lower: tmpl("(CASE WHEN $1 < 0 THEN 'NaN'::DOUBLE ELSE sqrt($1) END)"), Pretty: upperName("SQRT"), Group: "math"},
		&Def{Name: "exp", MinArgs: 1, MaxArgs: 1, Resolve: doubleFn, Lower: fn("ember_exp"), Pretty: upperName("EXP"), Group: "math"},
		&Def{Name: "ln", MinArgs: 1, MaxArgs: 1, Resolve: doubleFn, Lower: tmpl("(CASE WHEN $1 <= 0 THEN NULL ELSE ember_ln($1) END)"), Group: "math"},
		&Def{Name: "log", MinArgs: 1, MaxArgs: 2, Resolve: doubleFn, Lower: lowerLog, Pretty: prettyLog, Group: "math"},
		&Def{Name: "log10", MinArgs: 1, MaxArgs: 1, Resolve: doubleFn, Lower: tmpl("(CASE WHEN $1 <= 0 THEN NULL ELSE ember_log10($1) END)"), Pretty: upperName("LOG10"), Group: "math"},
		&Def{Name: "log2", MinArgs: 1, MaxArgs: 1, Resolve: doubleFn, Lower: tmpl("(CASE WHEN $1 <= 0 THEN NULL ELSE ember_ln($1) / ember_ln(2.0) END)"), Pretty: upperName("LOG2"), Group: "math"},
		&Def{Name: "signum", Aliases: []string{"sign"}, MinArgs: 1, MaxArgs: 1, Resolve: doubleFn, Lower: tmpl("(CASE WHEN isnan($1) OR $1 = 0 THEN $1 ELSE CAST(sign($1) AS DOUBLE) END)"), Pretty: upperUnlessAlias("signum", "SIGNUM"), Group: "math", ShowAlias: true},
		&Def{Name: "pmod", MinArgs: 2, MaxArgs: 2, Resolve: resolveArith("%"), Lower: lowerPmod, Group: "math"},

		// date/time basics
		&Def{Name: "current_date", Aliases: []string{"curdate"}, MinArgs: 0, MaxArgs: 0, Resolve: fixed(types.Date, false), Lower: tmplTZ("CAST(timezone(%TZ%, current_timestamp) AS DATE)"), Pretty: noParens("current_date"), Group: "datetime"},
		&Def{Name: "current_timestamp", Aliases: []string{"now"}, MinArgs: 0, MaxArgs: 0, Resolve: fixed(types.Timestamp, false), Lower: tmpl("current_timestamp"), Pretty: calledNoArgs, Group: "datetime", ShowAlias: true},
		&Def{Name: "year", MinArgs: 1, MaxArgs: 1, Resolve: datePart, Lower: lowerDatePart("year"), Group: "datetime"},
		&Def{Name: "quarter", MinArgs: 1, MaxArgs: 1, Resolve: datePart, Lower: lowerDatePart("quarter"), Group: "datetime"},
		&Def{Name: "month", MinArgs: 1, MaxArgs: 1, Resolve: datePart, Lower: lowerDatePart("month"), Group: "datetime"},
		&Def{Name: "day", Aliases: []string{"dayofmonth"}, MinArgs: 1, MaxArgs: 1, Resolve: datePart, Lower: lowerDatePart("day"), Group: "datetime", ShowAlias: true},
		&Def{Name: "dayofweek", MinArgs: 1, MaxArgs: 1, Resolve: datePart, Lower: lowerDatePartExpr("(dayofweek(%s) + 1)"), Group: "datetime"},
		&Def{Name: "dayofyear", MinArgs: 1, MaxArgs: 1, Resolve: datePart, Lower: lowerDatePart("dayofyear"), Group: "datetime"},
		&Def{Name: "weekofyear", MinArgs: 1, MaxArgs: 1, Resolve: datePart, Lower: lowerDatePart("weekofyear"), Group: "datetime"},
		&Def{Name: "hour", MinArgs: 1, MaxArgs: 1, Resolve: timePart, Lower: lowerTimePart("hour"), Group: "datetime"},
		&Def{Name: "minute", MinArgs: 1, MaxArgs: 1, Resolve: timePart, Lower: lowerTimePart("minute"), Group: "datetime"},
		&Def{Name: "second", MinArgs: 1, MaxArgs: 1, Resolve: timePart, Lower: lowerTimePart("second"), Group: "datetime"},
		&Def{Name: "to_date", MinArgs: 1, MaxArgs: 2, Resolve: resolveToDate, Lower: lowerToDate, Group: "datetime"},
		&Def{Name: "to_timestamp", MinArgs: 1, MaxArgs: 2, Resolve: resolveToTimestamp, Lower: lowerToTimestamp, Group: "datetime"},
		&Def{Name: "date_add", Aliases: []string{"dateadd"}, MinArgs: 2, MaxArgs: 2, Resolve: resolveDateAdd, Lower: tmpl("CAST($1 + $2 AS DATE)"), Group: "datetime"},
		&Def{Name: "date_sub", MinArgs: 2, MaxArgs: 2, Resolve: resolveDateAdd, Lower: tmpl("CAST($1 - $2 AS DATE)"), Group: "datetime"},
		&Def{Name: "datediff", MinArgs: 2, MaxArgs: 2, Resolve: resolveDateDiff, Lower: tmpl("CAST($1 - $2 AS INTEGER)"), Group: "datetime"},
		&Def{Name: "add_months", MinArgs: 2, MaxArgs: 2, Resolve: resolveDateAdd, Lower: tmpl("CAST($1 + to_months($2) AS DATE)"), Group: "datetime"},
		&Def{Name: "last_day", MinArgs: 1, MaxArgs: 1, Resolve: datePartDate, Lower: tmpl("last_day($1)"), Group: "datetime"},
		&Def{Name: "date_format", MinArgs: 2, MaxArgs: 2, Resolve: resolveDateFormat, Lower: lowerDateFormat, Group: "datetime"},
	)
}

func tmplTZ(t string) LowerFunc {
	return func(c *LowerCtx, _ *logical.Call, args []string) (string, error) {
		return strings.ReplaceAll(strings.ReplaceAll(t, "%TZID%", QuoteString(c.TimeZone)), "%TZ%", c.ZoneSQL()), nil
	}
}

func noParens(n string) PrettyFunc {
	return func(string, []logical.Expr, bool) string { return n + "()" }
}

func upperName(n string) PrettyFunc {
	return func(_ string, args []logical.Expr, d bool) string { return DefaultPretty(n, args, d) }
}

// upperCalled shows the name the function was called by in upper case
// (RLIKE, REGEXP, REGEXP_LIKE); use with ShowAlias.
func upperCalled(name string, args []logical.Expr, d bool) string {
	return DefaultPretty(strings.ToUpper(name), args, d)
}

// upperUnlessAlias shows the canonical name in Spark's upper-case form
// (POWER) and an alias as called (pow); use with ShowAlias.
func upperUnlessAlias(canonical, upper string) PrettyFunc {
	return func(name string, args []logical.Expr, d bool) string {
		if name == canonical {
			return DefaultPretty(upper, args, d)
		}
		return DefaultPretty(name, args, d)
	}
}

// calledNoArgs renders a niladic function as called: now(), current_timestamp().
func calledNoArgs(name string, _ []logical.Expr, _ bool) string { return name + "()" }

func prettyBinaryWord(w string) PrettyFunc {
	return func(_ string, args []logical.Expr, _ bool) string {
		return args[0].SQL() + " " + w + " " + args[1].SQL()
	}
}

// commonType finds the wider type of all args and casts them to it.
func commonType(name string, args []logical.Expr) ([]logical.Expr, types.DataType, error) {
	var t types.DataType = types.Null
	for _, a := range args {
		w, ok := types.WiderType(t, a.Type())
		if !ok {
			parts := make([]string, len(args))
			for i, x := range args {
				parts[i] = strings.ToUpper(x.Type().SimpleString())
			}
			return nil, nil, sparkerr.Newf("DATATYPE_MISMATCH.DATA_DIFF_TYPES",
				"sqlExpr", "\""+DefaultPretty(name, args, false)+"\"", "functionName", sparkerr.QuoteID(name),
				"dataType", "("+strings.Join(parts, " or ")+")")
		}
		t = w
	}
	out := make([]logical.Expr, len(args))
	for i, a := range args {
		out[i] = ImplicitCast(a, t)
	}
	return out, t, nil
}

func resolveCoalesce(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out, t, err := commonType(name, args)
	if err != nil {
		return nil, nil, false, err
	}
	nullable := true
	if name == "coalesce" || name == "nvl" || name == "ifnull" {
		nullable = true
		for _, a := range args {
			if !a.Nullable() {
				nullable = false
			}
		}
	} else {
		nullable = anyNullable(args)
		if strings.EqualFold(name, "greatest") || strings.EqualFold(name, "least") {
			nullable = true
			for _, a := range args {
				if !a.Nullable() {
					nullable = false
				}
			}
		}
	}
	return out, t, nullable, nil
}

// resolveNullIf: nullif(a, b) is if(a = b, NULL, a), so it has a's type;
// the comparison happens in the common type.
func resolveNullIf(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	t, ok := comparisonType(args[0].Type(), args[1].Type())
	if !ok {
		t = args[0].Type()
	}
	return []logical.Expr{ImplicitCast(args[0], t), ImplicitCast(args[1], t)}, args[0].Type(), true, nil
}

func lowerNullIf(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	if types.Equal(call.Args[0].Type(), call.T) {
		return "nullif(" + args[0] + ", " + args[1] + ")", nil
	}
	dt, err := DuckType(call.T)
	if err != nil {
		return "", err
	}
	return "CAST(nullif(" + args[0] + ", " + args[1] + ") AS " + dt + ")", nil
}

func resolveWhen(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	n := len(args)
	var values []logical.Expr
	for i := 0; i+1 < n; i += 2 {
		values = append(values, args[i+1])
	}
	if n%2 == 1 {
		values = append(values, args[n-1])
	}
	_, t, err := commonType("when", values)
	if err != nil {
		return nil, nil, false, err
	}
	out := make([]logical.Expr, n)
	nullable := n%2 == 0
	for i := 0; i < n; i++ {
		isCond := i%2 == 0 && i+1 < n
		if isCond {
			out[i] = ImplicitCast(args[i], types.Boolean)
		} else {
			out[i] = ImplicitCast(args[i], t)
			if args[i].Nullable() {
				nullable = true
			}
		}
	}
	return out, t, nullable, nil
}

func lowerWhen(_ *LowerCtx, _ *logical.Call, args []string) (string, error) {
	var b strings.Builder
	b.WriteString("(CASE")
	n := len(args)
	for i := 0; i+1 < n; i += 2 {
		b.WriteString(" WHEN " + args[i] + " THEN " + args[i+1])
	}
	if n%2 == 1 {
		b.WriteString(" ELSE " + args[n-1])
	}
	b.WriteString(" END)")
	return b.String(), nil
}

func prettyWhen(_ string, args []logical.Expr, _ bool) string {
	var b strings.Builder
	b.WriteString("CASE")
	n := len(args)
	for i := 0; i+1 < n; i += 2 {
		b.WriteString(" WHEN " + args[i].SQL() + " THEN " + args[i+1].SQL())
	}
	if n%2 == 1 {
		b.WriteString(" ELSE " + args[n-1].SQL())
	}
	b.WriteString(" END")
	return b.String()
}

func resolveIf(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out, t, err := commonType("if", args[1:])
	if err != nil {
		return nil, nil, false, err
	}
	return append([]logical.Expr{ImplicitCast(args[0], types.Boolean)}, out...), t, args[1].Nullable() || args[2].Nullable(), nil
}

func prettyIf(_ string, args []logical.Expr, _ bool) string {
	return "(IF(" + args[0].SQL() + ", " + args[1].SQL() + ", " + args[2].SQL() + "))"
}

func resolveNvl2(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out, t, err := commonType("nvl2", args[1:])
	if err != nil {
		return nil, nil, false, err
	}
	return append([]logical.Expr{args[0]}, out...), t, args[1].Nullable() || args[2].Nullable(), nil
}

// stringFn casts every argument to string (Spark's implicit cast for
// string functions) and returns t.
func stringFn(t types.DataType) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		out := make([]logical.Expr, len(args))
		for i, a := range args {
			if types.IsStringLike(a.Type()) || a.Type().Kind() == types.KindNull || isAtomicType(a.Type()) && a.Type().Kind() != types.KindBinary {
				out[i] = ImplicitCast(a, types.String)
			} else {
				return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), i+1, "\"STRING\"", a)
			}
		}
		return out, t, anyNullable(args), nil
	}
}

func stringFnNonNullSep(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out, t, _, err := stringFn(types.String)(c, name, args)
	return out, t, args[0].Nullable(), err
}

func predicateFn(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out, _, n, err := stringFn(types.Boolean)(c, name, args)
	return out, types.Boolean, n, err
}

func resolveLength(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if args[0].Type().Kind() == types.KindBinary {
		return args, types.Int, args[0].Nullable(), nil
	}
	out, _, n, err := stringFn(types.Int)(c, name, args)
	return out, types.Int, n, err
}

func lowerLength(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	if call.Args[0].Type().Kind() == types.KindBinary {
		return "octet_length(" + args[0] + ")", nil
	}
	return "length(" + args[0] + ")", nil
}

func resolveConcat(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if len(args) > 0 && args[0].Type().Kind() == types.KindArray {
		out, t, err := commonType(name, args)
		return out, t, anyNullable(args), err
	}
	if len(args) > 0 && allBinary(args) {
		return args, types.Binary, anyNullable(args), nil
	}
	return stringFn(types.String)(c, name, args)
}

func allBinary(args []logical.Expr) bool {
	for _, a := range args {
		if a.Type().Kind() != types.KindBinary {
			return false
		}
	}
	return true
}

func lowerConcat(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	if len(args) == 0 {
		return "''", nil
	}
	if call.T.Kind() == types.KindArray {
		return "(CASE WHEN " + nullCheck(args) + " THEN NULL ELSE list_concat(" + strings.Join(args, ", ") + ") END)", nil
	}
	// Spark's concat is NULL if any argument is NULL.
	return "(" + strings.Join(args, " || ") + ")", nil
}

func nullCheck(args []string) string {
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = a + " IS NULL"
	}
	return strings.Join(parts, " OR ")
}

func resolveSubstring(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out := make([]logical.Expr, len(args))
	rt := types.DataType(types.String)
	if args[0].Type().Kind() == types.KindBinary {
		out[0] = args[0]
		rt = types.Binary
	} else {
		out[0] = ImplicitCast(args[0], types.String)
	}
	for i := 1; i < len(args); i++ {
		out[i] = ImplicitCast(args[i], types.Int)
	}
	if len(args) == 2 {
		// Spark shows the default length: substring(s, 2, 2147483647).
		out = append(out, &logical.Lit{T: types.Int, V: int32(2147483647), Text: "2147483647"})
	}
	return out, rt, anyNullable(args), nil
}

func lowerSubstring(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	// Spark: pos 0 behaves like 1; negative pos counts from the end; length
	// defaults to "to the end".
	l := "2147483647"
	if len(args) == 3 {
		l = args[2]
	}
	return "ember_substring(" + args[0] + ", " + args[1] + ", " + l + ")", nil
}

func resolveSplit(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out := []logical.Expr{ImplicitCast(args[0], types.String), ImplicitCast(args[1], types.String)}
	if len(args) == 3 {
		out = append(out, ImplicitCast(args[2], types.Int))
	} else {
		out = append(out, &logical.Lit{T: types.Int, V: int32(-1), Text: "-1"})
	}
	return out, types.Array{Elem: types.String, ContainsNull: false}, anyNullable(args), nil
}

func lowerSplit(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	// Spark's limit semantics and split('') = [""] (see strings2.go).
	return lowerSplitSpark(args), nil
}

func resolveRegexpExtract(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out := []logical.Expr{ImplicitCast(args[0], types.String), ImplicitCast(args[1], types.String)}
	if len(args) == 3 {
		out = append(out, ImplicitCast(args[2], types.Int))
	}
	return out, types.String, anyNullable(args), nil
}

func lowerRegexpExtract(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	idx := "1"
	if len(args) == 3 {
		idx = args[2]
	}
	return "regexp_extract(" + args[0] + ", " + args[1] + ", " + idx + ")", nil
}

func lowerRegexpReplace(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	if l, ok := call.Args[3].(*logical.Lit); !ok || litInt(l) != 1 {
		return "", sparkerr.Unsupported("regexp_replace with a position other than 1")
	}
	// Java replacement strings refer to groups as $1; RE2 uses \1.
	repl := "regexp_replace(" + args[2] + `, '\$(\d)', '\\\1', 'g')`
	return "regexp_replace(" + args[0] + ", " + args[1] + ", " + repl + ", 'g')", nil
}

// resolveRegexpReplace fills the default position 1 (shown in names).
func resolveRegexpReplace(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if len(args) == 3 {
		args = append(args, &logical.Lit{T: types.Int, V: int32(1), Text: "1"})
	}
	out, t, n, err := stringFn(types.String)(c, name, args[:3])
	if err != nil {
		return nil, nil, false, err
	}
	return append(out, ImplicitCast(args[3], types.Int)), t, n, nil
}

func resolvePad(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out := []logical.Expr{ImplicitCast(args[0], types.String), ImplicitCast(args[1], types.Int)}
	if len(args) == 3 {
		out = append(out, ImplicitCast(args[2], types.String))
	}
	return out, types.String, anyNullable(args), nil
}

func lowerPad(f string) LowerFunc {
	return func(_ *LowerCtx, _ *logical.Call, args []string) (string, error) {
		pad := "' '"
		if len(args) == 3 {
			pad = args[2]
		}
		return "(CASE WHEN " + args[1] + " <= 0 THEN '' ELSE " + f + "(" + args[0] + ", " + args[1] + ", " + pad + ") END)", nil
	}
}

func resolveStrInt(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	return []logical.Expr{ImplicitCast(args[0], types.String), ImplicitCast(args[1], types.Int)}, types.String, anyNullable(args), nil
}

func doubleFn(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out := make([]logical.Expr, len(args))
	for i, a := range args {
		t := numericOperand(a, types.Double)
		if !types.IsNumeric(t) {
			return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), i+1, "\"DOUBLE\"", a)
		}
		out[i] = ImplicitCast(a, types.Double)
	}
	// Spark's one-argument math functions (and LOG) are always nullable;
	// POWER is nullable only when an input is.
	nullable := len(args) == 1 || anyNullable(args)
	switch strings.ToLower(name) {
	case "ln", "log", "log10", "log2", "sqrt":
		nullable = true
	}
	return out, types.Double, nullable, nil
}

func lowerLog(_ *LowerCtx, _ *logical.Call, args []string) (string, error) {
	if len(args) == 1 {
		return "(CASE WHEN " + args[0] + " <= 0 THEN NULL ELSE ember_ln(" + args[0] + ") END)", nil
	}
	return "(CASE WHEN " + args[0] + " <= 0 OR " + args[1] + " <= 0 THEN NULL ELSE ember_ln(" + args[1] + ") / ember_ln(" + args[0] + ") END)", nil
}

func prettyLog(_ string, args []logical.Expr, d bool) string {
	if len(args) == 1 {
		return DefaultPretty("ln", args, d)
	}
	return DefaultPretty("LOG", args, d)
}

func resolveRound(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	t := numericOperand(args[0], types.Double)
	if !types.IsNumeric(t) {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"NUMERIC\"", args[0])
	}
	scale := 0
	out := []logical.Expr{ImplicitCast(args[0], t)}
	if len(args) == 2 {
		l, ok := args[1].(*logical.Lit)
		if !ok {
			return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "sqlExpr", DefaultPretty(name, args, false), "inputName", "`scale`", "inputType", "\"INT\"", "inputExpr", "\""+args[1].SQL()+"\"")
		}
		scale = litInt(l)
		out = append(out, ImplicitCast(args[1], types.Int))
	} else {
		out = append(out, &logical.Lit{T: types.Int, V: int32(0), Text: "0"})
	}
	rt := t
	if d, ok := t.(types.Decimal); ok {
		// Spark: precision p - s + max(scale,0) + 1 (bounded), scale max(scale, 0).
		ns := max(min(scale, d.Scale), 0)
		rt = types.BoundedDecimal(d.Precision-d.Scale+ns+1, ns)
	}
	// round and bround are always nullable in Spark.
	return out, rt, true, nil
}

func lowerRound(f string) LowerFunc {
	return func(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
		if types.IsIntegral(call.T) {
			// Rounding integers to a negative scale; positive scales are no-ops.
			return "CAST(" + f + "(CAST(" + args[0] + " AS DOUBLE), " + args[1] + ") AS " + mustDuck(call.T) + ")", nil
		}
		if call.T.Kind() == types.KindDouble || call.T.Kind() == types.KindFloat {
			if f == "round" {
				// HALF_UP on the decimal representation, as Spark does for doubles.
				return "CAST(round(CAST(" + args[0] + " AS DECIMAL(38,18)), " + args[1] + ") AS DOUBLE)", nil
			}
			// Spark rounds through BigDecimal, which has no negative zero.
			return "(" + f + "(" + args[0] + ", " + args[1] + ") + 0.0)", nil
		}
		return f + "(" + args[0] + ", " + args[1] + ")", nil
	}
}

func mustDuck(t types.DataType) string {
	s, err := DuckType(t)
	if err != nil {
		return "VARCHAR"
	}
	return s
}

func resolveFloorCeil(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	t := numericOperand(args[0], types.Double)
	if !types.IsNumeric(t) {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"NUMERIC\"", args[0])
	}
	if len(args) == 2 {
		return resolveRoundScale(c, name, args)
	}
	// FLOOR and CEIL are always nullable in Spark.
	switch {
	case t.Kind() == types.KindDecimal:
		d := t.(types.Decimal)
		if d.Scale == 0 {
			return args, d, true, nil
		}
		return args, types.BoundedDecimal(d.Precision-d.Scale+1, 0), true, nil
	case types.IsIntegral(t):
		return []logical.Expr{ImplicitCast(args[0], types.Long)}, types.Long, true, nil
	}
	return []logical.Expr{ImplicitCast(args[0], types.Double)}, types.Long, true, nil
}

func lowerFloorCeil(f string) LowerFunc {
	return func(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
		if len(args) == 2 {
			return lowerRoundScale(f)(nil, call, args)
		}
		return f + "(" + args[0] + ")", nil
	}
}

func lowerPmod(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	// Java's pmod: r = a % n; r < 0 ? (r + n) % n : r.
	r := "(" + args[0] + " % " + args[1] + ")"
	return remGuard(c, args, "(CASE WHEN "+r+" < 0 THEN ("+r+" + "+args[1]+") % "+args[1]+" ELSE "+r+" END)"), nil
}

func datePart(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	a := args[0]
	switch a.Type().Kind() {
	case types.KindDate:
	case types.KindTimestamp, types.KindTimestampNTZ, types.KindString, types.KindNull:
		a = ImplicitCast(a, types.Date)
	default:
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"DATE\"", a)
	}
	return []logical.Expr{a}, types.Int, args[0].Nullable() || types.IsStringLike(args[0].Type()), nil
}

func datePartDate(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out, _, n, err := datePart(c, name, args)
	return out, types.Date, n, err
}

func lowerDatePart(part string) LowerFunc {
	return func(_ *LowerCtx, _ *logical.Call, args []string) (string, error) {
		return "CAST(" + part + "(" + args[0] + ") AS INTEGER)", nil
	}
}

func lowerDatePartExpr(f string) LowerFunc {
	return func(_ *LowerCtx, _ *logical.Call, args []string) (string, error) {
		return "CAST(" + strings.ReplaceAll(f, "%s", args[0]) + " AS INTEGER)", nil
	}
}

func timePart(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	a := args[0]
	switch a.Type().Kind() {
	case types.KindTimestamp, types.KindTimestampNTZ, types.KindTime:
	case types.KindDate, types.KindString, types.KindNull:
		a = ImplicitCast(a, types.Timestamp)
	default:
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"TIMESTAMP\"", a)
	}
	// Only a string input can fail to convert; Spark's TIME parts are
	// always nullable.
	return []logical.Expr{a}, types.Int, args[0].Nullable() || types.IsStringLike(args[0].Type()) || a.Type().Kind() == types.KindTime, nil
}

func lowerTimePart(part string) LowerFunc {
	return func(c *LowerCtx, call *logical.Call, args []string) (string, error) {
		v := args[0]
		if call.Args[0].Type().Kind() == types.KindTimestamp {
			v = "timezone(" + c.ZoneSQL() + ", " + v + ")"
		}
		return "CAST(" + part + "(" + v + ") AS INTEGER)", nil
	}
}

func resolveToDate(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if len(args) == 1 {
		// A cast to DATE: only parsing a string can fail.
		k := args[0].Type().Kind()
		nullable := args[0].Nullable() || (k != types.KindTimestamp && k != types.KindTimestampNTZ && k != types.KindDate)
		return []logical.Expr{args[0]}, types.Date, nullable, nil
	}
	return []logical.Expr{ImplicitCast(args[0], types.String), castTo(args[1], types.String)}, types.Date, true, nil
}

func lowerToDate(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	if len(args) == 1 {
		from := call.Args[0].Type()
		if types.IsStringLike(from) {
			return "TRY_CAST(trim(" + args[0] + ") AS DATE)", nil
		}
		return CastSQL(c, args[0], from, types.Date, logical.Legacy)
	}
	if isNullLit(call.Args[1]) {
		return "CAST(NULL AS DATE)", nil
	}
	p, err := parsedOrRaise(c, call.Args[1], args[0], args[1], "try_to_date")
	if err != nil {
		return "", err
	}
	return "CAST(" + p + " AS DATE)", nil
}

func resolveToTimestamp(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if len(args) == 1 {
		return []logical.Expr{args[0]}, types.Timestamp, true, nil
	}
	return []logical.Expr{ImplicitCast(args[0], types.String), castTo(args[1], types.String)}, types.Timestamp, true, nil
}

func lowerToTimestamp(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	if len(args) == 1 {
		from := call.Args[0].Type()
		if types.IsStringLike(from) {
			return "timezone(" + c.ZoneSQL() + ", TRY_CAST(trim(" + args[0] + ") AS TIMESTAMP))", nil
		}
		return CastSQL(c, args[0], from, types.Timestamp, logical.Legacy)
	}
	if isNullLit(call.Args[1]) {
		return "CAST(NULL AS TIMESTAMPTZ)", nil
	}
	p, err := parsedOrRaise(c, call.Args[1], args[0], args[1], "try_to_timestamp")
	if err != nil {
		return "", err
	}
	return fromLocal(c, p), nil
}

func resolveDateAdd(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	return []logical.Expr{ImplicitCast(args[0], types.Date), ImplicitCast(args[1], types.Int)}, types.Date, anyNullable(args) || types.IsStringLike(args[0].Type()), nil
}

func resolveDateDiff(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	return []logical.Expr{ImplicitCast(args[0], types.Date), ImplicitCast(args[1], types.Date)}, types.Int, anyNullable(args) || types.IsStringLike(args[0].Type()) || types.IsStringLike(args[1].Type()), nil
}

func resolveDateFormat(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	a := args[0]
	if a.Type().Kind() != types.KindTimestamp {
		a = ImplicitCast(a, types.Timestamp)
	}
	out := []logical.Expr{a, castTo(args[1], types.String)}
	return out, types.String, anyNullable(out), nil
}

func lowerDateFormat(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	if isNullLit(call.Args[1]) {
		return "CAST(NULL AS VARCHAR)", nil
	}
	return formatSQL(c, call.Args[1], args[0], args[1], false)
}

// JavaToStrftime converts a Java DateTimeFormatter pattern (as Spark uses)
// to a DuckDB strftime/strptime pattern for the common letters.
func JavaToStrftime(p string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(p); {
		ch := p[i]
		if ch == '\'' {
			j := strings.IndexByte(p[i+1:], '\'')
			if j < 0 {
				return "", sparkerr.Newf("INVALID_PARAMETER_VALUE.PATTERN", "parameter", "`format`", "functionName", "`date_format`", "value", "'"+p+"'")
			}
			lit := p[i+1 : i+1+j]
			if lit == "" {
				b.WriteByte('\'')
			} else {
				b.WriteString(strings.ReplaceAll(lit, "%", "%%"))
			}
			i += j + 2
			continue
		}
		if !(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z') {
			if ch == '%' {
				b.WriteString("%%")
			} else {
				b.WriteByte(ch)
			}
			i++
			continue
		}
		n := 1
		for i+n < len(p) && p[i+n] == ch {
			n++
		}
		i += n
		switch {
		case ch == 'y' && n == 2:
			b.WriteString("%y")
		case ch == 'y' || ch == 'u':
			b.WriteString("%Y")
		case ch == 'M' && n == 1:
			b.WriteString("%-m")
		case ch == 'M' && n == 2:
			b.WriteString("%m")
		case ch == 'M' && n == 3:
			b.WriteString("%b")
		case ch == 'M':
			b.WriteString("%B")
		case ch == 'd' && n == 1:
			b.WriteString("%-d")
		case ch == 'd':
			b.WriteString("%d")
		case ch == 'D':
			b.WriteString("%j")
		case ch == 'H' && n == 1:
			b.WriteString("%-H")
		case ch == 'H':
			b.WriteString("%H")
		case ch == 'h' && n == 1:
			b.WriteString("%-I")
		case ch == 'h':
			b.WriteString("%I")
		case ch == 'm' && n == 1:
			b.WriteString("%-M")
		case ch == 'm':
			b.WriteString("%M")
		case ch == 's' && n == 1:
			b.WriteString("%-S")
		case ch == 's':
			b.WriteString("%S")
		case ch == 'S' && n <= 3:
			b.WriteString("%g")
		case ch == 'S':
			b.WriteString("%f")
		case ch == 'a':
			b.WriteString("%p")
		case ch == 'E' && n <= 3:
			b.WriteString("%a")
		case ch == 'E':
			b.WriteString("%A")
		case ch == 'z' || ch == 'Z' || ch == 'X' || ch == 'x':
			b.WriteString("%z")
		default:
			return "", sparkerr.Unsupported("datetime pattern letter '" + string(ch) + "'")
		}
	}
	return b.String(), nil
}

func resolveNanvl(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	t := types.DataType(types.Double)
	if args[0].Type().Kind() == types.KindFloat && args[1].Type().Kind() == types.KindFloat {
		t = types.Float
	}
	return []logical.Expr{ImplicitCast(args[0], t), ImplicitCast(args[1], t)}, t, anyNullable(args), nil
}

func litInt(l *logical.Lit) int { n, _ := logical.IntValue(l.V); return int(n) }

// resolveReverse: reverse reverses strings and arrays.
func resolveReverse(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if k := args[0].Type().Kind(); k == types.KindArray || k == types.KindBinary {
		return args, args[0].Type(), args[0].Nullable(), nil
	}
	return stringFn(types.String)(c, name, args)
}

func lowerReverse(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	if call.T.Kind() == types.KindArray {
		return "list_reverse(" + args[0] + ")", nil
	}
	if call.T.Kind() == types.KindBinary {
		// byte order reversed, through the hex digits of each byte
		return "unhex(array_to_string(list_reverse(list_transform(range(octet_length(" + args[0] + ")), lambda __b: substr(hex(" + args[0] + "), 2 * __b + 1, 2))), ''))", nil
	}
	return "reverse(" + args[0] + ")", nil
}
