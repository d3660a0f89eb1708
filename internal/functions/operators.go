package functions

import (
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// Arithmetic, comparison, logical and predicate operators. Connect and our
// SQL parser both send them as functions named by their operator symbol.

func init() {
	Register(
		&Def{Name: "+", MinArgs: 2, MaxArgs: 2, Resolve: resolveArith("+"), Lower: lowerArith("+"), Pretty: prettyDateArith("+", "date_add"), Group: "operator"},
		// With one argument "-" is SQL's unary minus: negative(a), named (- a).
		&Def{Name: "-", MinArgs: 1, MaxArgs: 2, Resolve: unaryOr(resolveNumericUnary, resolveArith("-")), Lower: lowerMinus,
			Pretty: func(name string, args []logical.Expr, d bool) string {
				if len(args) == 1 {
					return prefix("-")(name, args, d)
				}
				return prettyDateArith("-", "date_sub")(name, args, d)
			}, Group: "operator"},
		&Def{Name: "*", MinArgs: 2, MaxArgs: 2, Resolve: resolveArith("*"), Lower: lowerArith("*"), Pretty: prettyCalendarScale("*"), Group: "operator"},
		&Def{Name: "/", MinArgs: 2, MaxArgs: 2, Resolve: resolveDivide, Lower: lowerDivide, Pretty: prettyCalendarScale("/"), Group: "operator"},
		// mod(a, b) is named mod(a, b); a % b is (a % b).
		&Def{Name: "%", Aliases: []string{"mod"}, MinArgs: 2, MaxArgs: 2, Resolve: resolveArith("%"), Lower: lowerArith("%"), Pretty: prettyMod, Group: "operator", ShowAlias: true},
		&Def{Name: "negative", MinArgs: 1, MaxArgs: 1, Resolve: resolveNumericUnary, Lower: tmpl("(- $1)"), Group: "operator"},
		&Def{Name: "positive", MinArgs: 1, MaxArgs: 1, Resolve: resolveNumericUnary, Lower: tmpl("$1"), Pretty: prefix("+"), Group: "operator"},
		&Def{Name: "==", Aliases: []string{"="}, MinArgs: 2, MaxArgs: 2, Resolve: resolveCompare, Lower: tmpl("($1 = $2)"), Pretty: infix("="), Group: "predicate", Exact: true},
		&Def{Name: "<", MinArgs: 2, MaxArgs: 2, Resolve: resolveCompare, Lower: tmpl("($1 < $2)"), Pretty: infix("<"), Group: "predicate", Exact: true},
		&Def{Name: "<=", MinArgs: 2, MaxArgs: 2, Resolve: resolveCompare, Lower: tmpl("($1 <= $2)"), Pretty: infix("<="), Group: "predicate", Exact: true},
		&Def{Name: ">", MinArgs: 2, MaxArgs: 2, Resolve: resolveCompare, Lower: tmpl("($1 > $2)"), Pretty: infix(">"), Group: "predicate", Exact: true},
		&Def{Name: ">=", MinArgs: 2, MaxArgs: 2, Resolve: resolveCompare, Lower: tmpl("($1 >= $2)"), Pretty: infix(">="), Group: "predicate", Exact: true},
		&Def{Name: "<=>", Aliases: []string{"equal_null"}, MinArgs: 2, MaxArgs: 2, Resolve: nonNull(resolveCompare), Lower: tmpl("($1 IS NOT DISTINCT FROM $2)"), Pretty: infixUnlessAlias("<=>"), Group: "predicate", Exact: true, ShowAlias: true},
		&Def{Name: "!=", Aliases: []string{"<>"}, MinArgs: 2, MaxArgs: 2, Resolve: resolveCompare, Lower: tmpl("($1 <> $2)"), Pretty: notEq, Group: "predicate", Exact: true},
		&Def{Name: "and", MinArgs: 2, MaxArgs: 2, Resolve: resolveBoolean, Lower: tmpl("($1 AND $2)"), Pretty: infix("AND"), Group: "predicate", Exact: true},
		&Def{Name: "or", MinArgs: 2, MaxArgs: 2, Resolve: resolveBoolean, Lower: tmpl("($1 OR $2)"), Pretty: infix("OR"), Group: "predicate", Exact: true},
		&Def{Name: "not", Aliases: []string{"!"}, MinArgs: 1, MaxArgs: 1, Resolve: resolveBoolean, Lower: tmpl("(NOT $1)"), Pretty: prefixParen("NOT "), Group: "predicate", Exact: true},
		&Def{Name: "isnull", MinArgs: 1, MaxArgs: 1, Resolve: resolveIsNull, Lower: tmpl("($1 IS NULL)"), Pretty: postfix(" IS NULL"), Group: "predicate", Exact: true},
		&Def{Name: "isnotnull", MinArgs: 1, MaxArgs: 1, Resolve: resolveIsNull, Lower: tmpl("($1 IS NOT NULL)"), Pretty: postfix(" IS NOT NULL"), Group: "predicate", Exact: true},
		&Def{Name: "isnan", MinArgs: 1, MaxArgs: 1, Resolve: resolveIsNaN, Lower: tmpl("coalesce(isnan($1), false)"), Group: "predicate"},
		&Def{Name: "in", MinArgs: 1, MaxArgs: -1, Resolve: resolveIn, Lower: lowerIn, Pretty: prettyIn, Group: "predicate"},
		&Def{Name: "&", MinArgs: 2, MaxArgs: 2, Resolve: resolveArith("&"), Lower: tmpl("($1 & $2)"), Pretty: infix("&"), Group: "bitwise"},
		&Def{Name: "|", MinArgs: 2, MaxArgs: 2, Resolve: resolveArith("|"), Lower: tmpl("($1 | $2)"), Pretty: infix("|"), Group: "bitwise"},
		&Def{Name: "^", MinArgs: 2, MaxArgs: 2, Resolve: resolveArith("^"), Lower: tmpl("xor($1, $2)"), Pretty: infix("^"), Group: "bitwise"},
		&Def{Name: "~", Aliases: []string{"bitwise_not"}, MinArgs: 1, MaxArgs: 1, Resolve: resolveNumericUnary, Lower: tmpl("(~ $1)"), Pretty: prefixTight("~"), Group: "bitwise"},
		// between(v, lo, hi) is how Spark 4 parses v BETWEEN lo AND hi.
		&Def{Name: "between", MinArgs: 3, MaxArgs: 3, Resolve: resolveBetween, Lower: tmpl("($1 BETWEEN $2 AND $3)"), Since: "4.0.0", Group: "predicate", Exact: true},
	)
}

// prettyDateArith names date +/- days the way Spark rewrites it:
// date_add(d, n) / date_sub(d, n).
func prettyDateArith(op, fn string) PrettyFunc {
	return func(name string, args []logical.Expr, d bool) string {
		if args[0].Type().Kind() == types.KindDate && types.IsIntegral(args[1].Type()) {
			return DefaultPretty(fn, args, d)
		}
		if len(args) == 2 && args[0].Type().Kind() == types.KindDate && args[1].Type().Kind() == types.KindCalendarInterval {
			// Spark's date_add_interval prints without parentheses.
			return args[0].SQL() + " " + op + " " + args[1].SQL()
		}
		return infix(op)(name, args, d)
	}
}

func prettyMod(name string, args []logical.Expr, d bool) string {
	return infixUnlessAlias("%")(name, args, d)
}

// infixUnlessAlias renders the operator form (a op b) unless the function
// was called by a word alias (mod(a, b), equal_null(a, b)); use with
// ShowAlias.
func infixUnlessAlias(op string) PrettyFunc {
	return func(name string, args []logical.Expr, d bool) string {
		if name != op {
			return DefaultPretty(name, args, d)
		}
		return infix(op)(name, args, d)
	}
}

// prefixTight renders ~a as Spark does (no space, no parentheses).
func prefixTight(op string) PrettyFunc {
	return func(_ string, args []logical.Expr, _ bool) string { return op + args[0].SQL() }
}

func infix(op string) PrettyFunc {
	return func(_ string, args []logical.Expr, _ bool) string {
		return "(" + args[0].SQL() + " " + op + " " + args[1].SQL() + ")"
	}
}

func notEq(_ string, args []logical.Expr, _ bool) string {
	return "(NOT (" + args[0].SQL() + " = " + args[1].SQL() + "))"
}

func prefix(op string) PrettyFunc {
	return func(_ string, args []logical.Expr, _ bool) string { return "(" + op + " " + args[0].SQL() + ")" }
}

func prefixParen(op string) PrettyFunc {
	return func(_ string, args []logical.Expr, _ bool) string { return "(" + op + args[0].SQL() + ")" }
}

func postfix(op string) PrettyFunc {
	return func(_ string, args []logical.Expr, _ bool) string { return "(" + args[0].SQL() + op + ")" }
}

func nonNull(r ResolveFunc) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		a, t, _, err := r(c, name, args)
		return a, t, false, err
	}
}

// numericOperand converts string/null operands the way Spark's implicit
// casts do for arithmetic.
func numericOperand(e logical.Expr, other types.DataType) types.DataType {
	t := e.Type()
	switch {
	case t.Kind() == types.KindNull:
		if types.IsNumeric(other) {
			return other
		}
		return types.Double
	case types.IsStringLike(t):
		if types.IsIntegral(other) {
			return types.Long
		}
		return types.Double
	}
	return t
}

// arithOperand is numericOperand with the mode-dependent rules for
// strings: under ANSI a string next to an integral operand becomes BIGINT,
// in legacy mode it becomes DOUBLE (Spark's PromoteStrings).
func arithOperand(c *Ctx, e logical.Expr, other types.DataType) types.DataType {
	if !c.ANSI && types.IsStringLike(e.Type()) {
		return types.Double
	}
	return numericOperand(e, other)
}

func arithSQL(op string, args []logical.Expr) string {
	return "(" + args[0].SQL() + " " + op + " " + args[1].SQL() + ")"
}

// literalDecimal is the decimal type Spark gives an integral literal in
// decimal arithmetic: just enough digits for its value (DECIMAL(1,0) for 2),
// not the type's full range.
func literalDecimal(e logical.Expr) (types.Decimal, bool) {
	l, ok := e.(*logical.Lit)
	if !ok || l.V == nil || !types.IsIntegral(l.T) {
		return types.Decimal{}, false
	}
	var v int64
	switch x := l.V.(type) {
	case int8:
		v = int64(x)
	case int16:
		v = int64(x)
	case int32:
		v = int64(x)
	case int64:
		v = x
	default:
		return types.Decimal{}, false
	}
	digits := len(strconv.FormatInt(v, 10))
	if v < 0 {
		digits--
	}
	return types.Decimal{Precision: digits, Scale: 0}, true
}

// decimalOperand casts an operand of decimal arithmetic to d. A cast that
// cannot hold every value of the operand's type is nullable, as in Spark.
func decimalOperand(e logical.Expr, d types.Decimal) logical.Expr {
	if types.Equal(e.Type(), d) {
		return e
	}
	full, ok := types.DecimalOf(e.Type())
	fits := ok && d.Precision-d.Scale >= full.Precision-full.Scale && d.Scale >= full.Scale
	return &logical.Cast{Child: e, To: d, Mode: logical.Legacy, Implicit: true, Null: e.Nullable() || !fits}
}

func resolveArith(op string) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		l, r := args[0], args[1]
		if c.ANSI && types.IsStringLike(l.Type()) && types.IsStringLike(r.Type()) && op != "&" && op != "|" && op != "^" {
			// ANSI has no implicit numeric type for two strings.
			return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE",
				"sqlExpr", "\""+arithSQL(op, args)+"\"",
				"operator", "`"+op+"`",
				"type", "(\"NUMERIC\" or \"INTERVAL DAY TO SECOND\" or \"INTERVAL YEAR TO MONTH\" or \"INTERVAL\")",
				"actualDataType", "\"STRING\"")
		}
		lt := arithOperand(c, l, r.Type())
		rt := arithOperand(c, r, lt)
		bitwise := op == "&" || op == "|" || op == "^"
		if !types.IsNumeric(lt) || !types.IsNumeric(rt) || (bitwise && (!types.IsIntegral(lt) || !types.IsIntegral(rt))) {
			if ca, ct, ok, err := resolveCalendarScale(op, l, r); ok {
				return ca, ct, l.Nullable() || r.Nullable(), err
			}
			if (op == "+" || op == "-") && l.Type().Kind() == types.KindCalendarInterval && r.Type().Kind() == types.KindCalendarInterval {
				// Overflow is NULL without ANSI mode.
				return []logical.Expr{l, r}, types.CalendarInterval, l.Nullable() || r.Nullable() || !c.ANSI, nil
			}
			if ia, it, ok, err := resolveIntervalArith(op, l, r); ok {
				return ia, it, l.Nullable() || r.Nullable(), err
			}
			if dt, ok := dateArith(op, l, r); ok {
				return dt.args, dt.t, l.Nullable() || r.Nullable(), nil
			}
			if !types.Equal(l.Type(), r.Type()) {
				return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
					"sqlExpr", "\""+arithSQL(op, args)+"\"",
					"left", "\""+strings.ToUpper(l.Type().SimpleString())+"\"",
					"right", "\""+strings.ToUpper(r.Type().SimpleString())+"\"")
			}
			req := "(\"NUMERIC\" or \"INTERVAL DAY TO SECOND\" or \"INTERVAL YEAR TO MONTH\" or \"INTERVAL\")"
			if bitwise {
				req = "\"INTEGRAL\""
			}
			return nil, nil, false, typeMismatch(arithSQL(op, args), 1, req, l)
		}
		var t types.DataType
		if lt.Kind() == types.KindDecimal || rt.Kind() == types.KindDecimal {
			if lt.Kind() == types.KindFloat || lt.Kind() == types.KindDouble || rt.Kind() == types.KindFloat || rt.Kind() == types.KindDouble {
				t = types.Double
				lt, rt = t, t
			} else {
				d1, _ := types.DecimalOf(lt)
				d2, _ := types.DecimalOf(rt)
				if ld, ok := literalDecimal(l); ok && lt.Kind() != types.KindDecimal {
					d1 = ld
				}
				if rd, ok := literalDecimal(r); ok && rt.Kind() != types.KindDecimal {
					d2 = rd
				}
				t = decimalArith(op, d1, d2)
				// Legacy mode turns a decimal overflow into NULL.
				nullable := l.Nullable() || r.Nullable() || op == "%" || !c.ANSI
				nl, nr := decimalOperand(l, d1), decimalOperand(r, d2)
				return []logical.Expr{nl, nr}, t, nullable || nl.Nullable() || nr.Nullable(), nil
			}
		} else {
			w, _ := types.TightestCommonType(lt, rt)
			if c.ANSI && !bitwise && (lt.Kind() == types.KindFloat && types.IsIntegral(rt) || rt.Kind() == types.KindFloat && types.IsIntegral(lt)) {
				// ANSI never converts an integral value to FLOAT implicitly
				// (it could lose digits): FLOAT op integral is DOUBLE.
				w = types.Double
			}
			t, lt, rt = w, w, w
		}
		nullable := l.Nullable() || r.Nullable() || op == "%"
		return []logical.Expr{ImplicitCast(l, lt), ImplicitCast(r, rt)}, t, nullable, nil
	}
}

type dateArithResult struct {
	args []logical.Expr
	t    types.DataType
}

// dateArith handles date +/- integer days (Spark's DateAdd/DateSub via +/-).
func dateArith(op string, l, r logical.Expr) (dateArithResult, bool) {
	if (op == "+" || op == "-") && l.Type().Kind() == types.KindDate && types.IsIntegral(r.Type()) {
		return dateArithResult{[]logical.Expr{l, ImplicitCast(r, types.Int)}, types.Date}, true
	}
	if op == "-" && l.Type().Kind() == types.KindDate && r.Type().Kind() == types.KindDate {
		return dateArithResult{[]logical.Expr{l, r}, types.DayTimeInterval{Start: types.DayField, End: types.DayField}}, true
	}
	if op == "+" && isInterval(l.Type()) && (types.IsDatetime(r.Type())) {
		l, r = r, l
	}
	if (op == "+" || op == "-") && l.Type().Kind() == types.KindDate && r.Type().Kind() == types.KindCalendarInterval {
		// date ± calendar interval stays a date (Spark's DateAddInterval).
		return dateArithResult{[]logical.Expr{l, r}, types.Date}, true
	}
	if (op == "+" || op == "-") && types.IsDatetime(l.Type()) && isInterval(r.Type()) {
		// date ± day or year-month interval stays a date; anything with a
		// time part (or a timestamp) gives a timestamp.
		switch it := r.Type().(type) {
		case types.DayTimeInterval:
			if l.Type().Kind() == types.KindDate && it.Start == types.DayField && it.End == types.DayField {
				return dateArithResult{[]logical.Expr{l, r}, types.Date}, true
			}
		case types.YearMonthInterval:
			if l.Type().Kind() == types.KindDate {
				return dateArithResult{[]logical.Expr{l, r}, types.Date}, true
			}
		}
		t := l.Type()
		if t.Kind() == types.KindDate {
			t = types.Timestamp
		}
		return dateArithResult{[]logical.Expr{ImplicitCast(l, t), r}, t}, true
	}
	return dateArithResult{}, false
}

// decimalArith applies Spark's result precision/scale rules.
func decimalArith(op string, a, b types.Decimal) types.Decimal {
	p1, s1, p2, s2 := a.Precision, a.Scale, b.Precision, b.Scale
	switch op {
	case "+", "-":
		s := max(s1, s2)
		return types.AdjustedDecimal(max(p1-s1, p2-s2)+s+1, s)
	case "*":
		return types.AdjustedDecimal(p1+p2+1, s1+s2)
	case "%":
		s := max(s1, s2)
		return types.AdjustedDecimal(min(p1-s1, p2-s2)+s, s)
	case "/":
		s := max(6, s1+p2+1)
		return types.AdjustedDecimal(p1-s1+s2+s, s)
	}
	return types.WiderDecimal(a, b)
}

func lowerArith(op string) LowerFunc {
	return func(c *LowerCtx, call *logical.Call, args []string) (string, error) {
		if s, ok := lowerCalendarScale(op, call, args, calScaleMode(c)); ok {
			return s, nil
		}
		if s, ok := lowerCalendarAdd(op, call, args, calScaleMode(c)); ok {
			return s, nil
		}
		if s, ok := lowerIntervalArith(op, call, args, false); ok {
			return s, nil
		}
		if call.T.Kind() == types.KindDate && len(call.Args) == 2 && call.Args[1].Type().Kind() == types.KindCalendarInterval {
			return lowerDateAddInterval(c, op, args), nil
		}
		if call.T.Kind() == types.KindDate {
			if op == "+" {
				return "CAST(" + args[0] + " + " + args[1] + " AS DATE)", nil
			}
			return "CAST(" + args[0] + " - " + args[1] + " AS DATE)", nil
		}
		if call.T.Kind() == types.KindDayTimeInterval {
			return "to_days(CAST(" + args[0] + " - " + args[1] + " AS INTEGER))", nil
		}
		if op == "%" {
			return remGuard(c, args, "("+args[0]+" % "+args[1]+")"), nil
		}
		if !c.ANSI && integralBits(call.T) > 0 && (op == "+" || op == "-" || op == "*") {
			// Without ANSI mode integer overflow wraps around.
			return wrapIntegral("(CAST("+args[0]+" AS HUGEINT) "+op+" "+args[1]+")", call.T), nil
		}
		if d, ok := call.T.(types.Decimal); ok && !c.ANSI && !ExactDecimalArith(call) {
			// Without ANSI mode a decimal result that does not fit its
			// type is NULL (an exact result always fits).
			return "TRY_CAST(try(" + args[0] + " " + op + " " + args[1] + ") AS DECIMAL(" + itoa(d.Precision) + "," + itoa(d.Scale) + "))", nil
		}
		return "(" + args[0] + " " + op + " " + args[1] + ")", nil
	}
}

func divGuard(c *LowerCtx, args []string, expr string) string {
	onZero := "NULL"
	if c.ANSI {
		onZero = RaiseSQL("DIVIDE_BY_ZERO", "config", "\"spark.sql.ansi.enabled\"")
	}
	return "(CASE WHEN " + args[1] + " = 0 THEN " + onZero + " ELSE " + expr + " END)"
}

func resolveDivide(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	l, r := args[0], args[1]
	if ca, ct, ok, err := resolveCalendarScale("/", l, r); ok {
		// Division by zero is NULL (without ANSI mode).
		return ca, ct, true, err
	}
	if ia, it, ok, err := resolveIntervalArith("/", l, r); ok {
		return ia, it, l.Nullable() || r.Nullable(), err
	}
	lt := arithOperand(c, l, types.Double)
	rt := arithOperand(c, r, types.Double)
	if !types.IsNumeric(lt) || !types.IsNumeric(rt) {
		return nil, nil, false, typeMismatch(arithSQL("/", args), 1, "(\"DOUBLE\" or \"DECIMAL\")", l)
	}
	if (lt.Kind() == types.KindDecimal || rt.Kind() == types.KindDecimal) &&
		lt.Kind() != types.KindFloat && lt.Kind() != types.KindDouble && rt.Kind() != types.KindFloat && rt.Kind() != types.KindDouble {
		d1, _ := types.DecimalOf(lt)
		d2, _ := types.DecimalOf(rt)
		if ld, ok := literalDecimal(l); ok && lt.Kind() != types.KindDecimal {
			d1 = ld
		}
		if rd, ok := literalDecimal(r); ok && rt.Kind() != types.KindDecimal {
			d2 = rd
		}
		return []logical.Expr{decimalOperand(l, d1), decimalOperand(r, d2)}, decimalArith("/", d1, d2), true, nil
	}
	return []logical.Expr{ImplicitCast(l, types.Double), ImplicitCast(r, types.Double)}, types.Double, true, nil
}

func lowerDivide(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	if s, ok := lowerCalendarScale("/", call, args, calScaleMode(c)); ok {
		return s, nil
	}
	if s, ok := lowerIntervalArith("/", call, args, false); ok {
		return s, nil
	}
	if d, ok := call.T.(types.Decimal); ok {
		// DuckDB divides decimals in double precision: divide exactly,
		// rounding as Spark does (see udf/decimal_div.go).
		return divGuard(c, args, decimalDiv(args[0], args[1], d.Scale, d.Scale)), nil
	}
	return divGuard(c, args, "("+args[0]+" / "+args[1]+")"), nil
}

func resolveNumericUnary(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	t := numericOperand(args[0], types.Double)
	if !types.IsNumeric(t) && !isInterval(t) {
		return nil, nil, false, typeMismatch(name+"("+args[0].SQL()+")", 1, "(\"NUMERIC\" or \"INTERVAL\")", args[0])
	}
	return []logical.Expr{ImplicitCast(args[0], t)}, t, args[0].Nullable(), nil
}

func isInterval(t types.DataType) bool {
	switch t.Kind() {
	case types.KindDayTimeInterval, types.KindYearMonthInterval, types.KindCalendarInterval:
		return true
	}
	return false
}

// comparisonType is Spark's findCommonTypeForBinaryComparison plus wider types.
func comparisonType(a, b types.DataType) (types.DataType, bool) {
	switch {
	case types.IsStringLike(a) && types.IsStringLike(b):
		return types.String, true
	case types.IsStringLike(a) && b.Kind() != types.KindNull && isAtomicType(b):
		return b, true
	case types.IsStringLike(b) && a.Kind() != types.KindNull && isAtomicType(a):
		return a, true
	}
	return types.WiderType(a, b)
}

func isAtomicType(t types.DataType) bool {
	switch t.Kind() {
	case types.KindArray, types.KindMap, types.KindStruct, types.KindVariant:
		return false
	}
	return true
}

func resolveCompare(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	for _, a := range args {
		if ContainsVariant(a.Type()) {
			op := name
			if op == "==" {
				op = "="
			}
			return nil, nil, false, orderingTypeError(arithSQL(op, args), op, a.Type())
		}
	}
	t, ok := comparisonType(args[0].Type(), args[1].Type())
	if !ok {
		op := name
		if op == "==" {
			op = "="
		}
		return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
			"sqlExpr", "\""+arithSQL(op, args)+"\"",
			"left", "\""+strings.ToUpper(args[0].Type().SimpleString())+"\"",
			"right", "\""+strings.ToUpper(args[1].Type().SimpleString())+"\"")
	}
	return []logical.Expr{ImplicitCast(args[0], t), ImplicitCast(args[1], t)}, types.Boolean, anyNullable(args), nil
}

func resolveBoolean(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out := make([]logical.Expr, len(args))
	for i, a := range args {
		switch a.Type().Kind() {
		case types.KindBoolean:
			out[i] = a
		case types.KindNull:
			out[i] = ImplicitCast(a, types.Boolean)
		default:
			var sqlExpr string
			if len(args) == 1 {
				sqlExpr = "(NOT " + a.SQL() + ")"
			} else {
				sqlExpr = arithSQL(strings.ToUpper(name), args)
			}
			return nil, nil, false, typeMismatch(sqlExpr, i+1, "\"BOOLEAN\"", a)
		}
	}
	return out, types.Boolean, anyNullable(args), nil
}

func resolveIsNull(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	return args, types.Boolean, false, nil
}

func resolveIsNaN(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	t := args[0].Type()
	if t.Kind() != types.KindDouble && t.Kind() != types.KindFloat && t.Kind() != types.KindNull {
		return []logical.Expr{ImplicitCast(args[0], types.Double)}, types.Boolean, false, nil
	}
	return []logical.Expr{ImplicitCast(args[0], types.Double)}, types.Boolean, false, nil
}

func resolveIn(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	t := args[0].Type()
	for _, a := range args[1:] {
		w, ok := comparisonType(t, a.Type())
		if !ok {
			return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.DATA_DIFF_TYPES",
				"sqlExpr", "\""+prettyIn("in", args, false)+"\"", "functionName", "`in`",
				"dataType", "["+strings.ToUpper(t.SimpleString())+", "+strings.ToUpper(a.Type().SimpleString())+"]")
		}
		t = w
	}
	out := make([]logical.Expr, len(args))
	for i, a := range args {
		out[i] = ImplicitCast(a, t)
	}
	return out, types.Boolean, anyNullable(args), nil
}

func lowerIn(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	if len(args) == 1 {
		return "false", nil
	}
	return "(" + args[0] + " IN (" + strings.Join(args[1:], ", ") + "))", nil
}

func prettyIn(_ string, args []logical.Expr, _ bool) string {
	parts := make([]string, len(args)-1)
	for i, a := range args[1:] {
		parts[i] = a.SQL()
	}
	return "(" + args[0].SQL() + " IN (" + strings.Join(parts, ", ") + "))"
}

func itoa(i int) string { return strconv.Itoa(i) }

// resolveBetween types between(v, lo, hi): v >= lo AND v <= hi, compared
// in one common type.
func resolveBetween(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	t := args[0].Type()
	for _, a := range args[1:] {
		w, ok := comparisonType(t, a.Type())
		if !ok {
			return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
				"sqlExpr", "\""+DefaultPretty(name, args, false)+"\"",
				"left", "\""+strings.ToUpper(t.SimpleString())+"\"",
				"right", "\""+strings.ToUpper(a.Type().SimpleString())+"\"")
		}
		t = w
	}
	out := make([]logical.Expr, len(args))
	for i, a := range args {
		out[i] = ImplicitCast(a, t)
	}
	return out, types.Boolean, anyNullable(args), nil
}

// decimalDiv is the exact quotient of two decimal (or integer) SQL
// expressions, rounded half up at scale 38, then mid, then scale, as a
// DECIMAL(38, scale); NULL for a zero divisor.
func decimalDiv(a, b string, mid, scale int) string {
	return DecimalDivName(scale) + "(" + a + ", " + b + ", CAST(" + itoa(mid) + " AS INTEGER))"
}

// DecimalDivName is the DuckDB function (internal/udf) dividing exactly
// to a DECIMAL(38, s).
func DecimalDivName(s int) string { return "ember_decimal_div_" + itoa(s) }

// unaryOr resolves a one-argument call with unary and others with binary.
func unaryOr(unary, binary ResolveFunc) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		if len(args) == 1 {
			return unary(c, name, args)
		}
		return binary(c, name, args)
	}
}

func lowerMinus(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	if len(args) == 1 {
		d, _ := Lookup("negative")
		return d.Lower(c, call, args)
	}
	return lowerArith("-")(c, call, args)
}
