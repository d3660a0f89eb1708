package functions

import (
	"math/rand"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// Math, bitwise and try_* arithmetic functions. Spark computes its
// transcendental functions with java.lang.Math/StrictMath and prints all
// 17 digits; where fdlibm's last bit differs from libm's (exp, the logs)
// the call goes to the Go ports in internal/udf.

func init() {
	Register(
		&Def{Name: "pi", MinArgs: 0, MaxArgs: 0, Resolve: fixed(types.Double, false), Lower: tmpl("pi()"), Pretty: noParens("PI"), Group: "math"},
		&Def{Name: "e", MinArgs: 0, MaxArgs: 0, Resolve: fixed(types.Double, false), Lower: tmpl("CAST(2.718281828459045 AS DOUBLE)"), Pretty: noParens("E"), Group: "math"},
		unaryMath("acos", "(CASE WHEN abs($1) > 1 OR isnan($1) THEN CAST('NaN' AS DOUBLE) ELSE acos($1) END)"),
		unaryMath("asin", "(CASE WHEN abs($1) > 1 OR isnan($1) THEN CAST('NaN' AS DOUBLE) ELSE asin($1) END)"),
		unaryMath("atan", "atan($1)"),
		unaryMath("acosh", "(CASE WHEN isnan($1) OR $1 * $1 - 1.0 < 0 THEN CAST('NaN' AS DOUBLE) ELSE ember_ln($1 + sqrt($1 * $1 - 1.0)) END)"),
		// Spark 4.2's asinh is odd-symmetric and correctly rounded where
		// log(x + sqrt(x*x + 1)) is not: libm's asinh matches it.
		unaryMath("asinh", "asinh($1)"),
		unaryMath("atanh", "(0.5 * (ember_log1p($1) - ember_log1p(- $1)))"),
		unaryMath("sin", "(CASE WHEN isinf($1) OR isnan($1) THEN CAST('NaN' AS DOUBLE) ELSE sin($1) END)"),
		unaryMath("cos", "(CASE WHEN isinf($1) OR isnan($1) THEN CAST('NaN' AS DOUBLE) ELSE cos($1) END)"),
		unaryMath("tan", "(CASE WHEN isinf($1) OR isnan($1) THEN CAST('NaN' AS DOUBLE) ELSE tan($1) END)"),
		unaryMath("cot", "(CASE WHEN isinf($1) OR isnan($1) THEN CAST('NaN' AS DOUBLE) ELSE ember_div(1.0, tan($1)) END)"),
		unaryMath("csc", "(CASE WHEN isinf($1) OR isnan($1) THEN CAST('NaN' AS DOUBLE) ELSE ember_div(1.0, sin($1)) END)"),
		unaryMath("sec", "(CASE WHEN isinf($1) OR isnan($1) THEN CAST('NaN' AS DOUBLE) ELSE ember_div(1.0, cos($1)) END)"),
		unaryMath("sinh", "ember_sinh($1)"),
		unaryMath("cosh", "ember_cosh($1)"),
		unaryMath("tanh", "ember_tanh($1)"),
		unaryMath("degrees", "($1 * CAST(57.29577951308232 AS DOUBLE))"),
		unaryMath("radians", "($1 * CAST(0.017453292519943295 AS DOUBLE))"),
		unaryMath("expm1", "ember_expm1($1)"),
		&Def{Name: "log1p", MinArgs: 1, MaxArgs: 1, Resolve: doubleFn, Lower: tmpl("(CASE WHEN $1 <= -1.0 THEN NULL ELSE ember_log1p($1) END)"), Pretty: upperName("LOG1P"), Group: "math"},
		&Def{Name: "rint", MinArgs: 1, MaxArgs: 1, Resolve: doubleFn, Lower: tmpl("ember_rint($1)"), Group: "math"},
		&Def{Name: "atan2", MinArgs: 2, MaxArgs: 2, Resolve: doubleFn, Lower: tmpl("atan2($1 + 0.0, $2 + 0.0)"), Pretty: upperName("ATAN2"), Group: "math"},
		&Def{Name: "hypot", MinArgs: 2, MaxArgs: 2, Resolve: doubleFn, Lower: tmpl("ember_hypot($1, $2)"), Pretty: upperName("HYPOT"), Group: "math"},
		&Def{Name: "factorial", MinArgs: 1, MaxArgs: 1, Resolve: resolveFactorial, Lower: tmpl("(CASE WHEN $1 < 0 OR $1 > 20 THEN NULL ELSE CAST(factorial($1) AS BIGINT) END)"), Group: "math"},
		&Def{Name: "bin", MinArgs: 1, MaxArgs: 1, Resolve: resolveBin, Lower: tmpl("ember_bin($1)"), Group: "math"},
		&Def{Name: "conv", MinArgs: 3, MaxArgs: 3, Resolve: resolveConv, Lower: lowerConv, Group: "math"},
		&Def{Name: "width_bucket", MinArgs: 4, MaxArgs: 4, Resolve: resolveWidthBucket, Lower: tmpl("ember_width_bucket($1, $2, $3, $4)"), Since: "3.1.0", Group: "math"},
		&Def{Name: "bit_count", MinArgs: 1, MaxArgs: 1, Resolve: resolveBitCount, Lower: lowerBitCount, Since: "3.0.0", Group: "bitwise"},
		&Def{Name: "bit_get", Aliases: []string{"getbit"}, MinArgs: 2, MaxArgs: 2, Resolve: resolveBitGet, Lower: lowerBitGet, Since: "3.2.0", Group: "bitwise", ShowAlias: true},
		&Def{Name: "nullifzero", MinArgs: 1, MaxArgs: 1, Resolve: resolveNullIfZero, Lower: tmpl("nullif($1, 0)"), Since: "4.0.0", Group: "conditional"},
		&Def{Name: "zeroifnull", MinArgs: 1, MaxArgs: 1, Resolve: resolveZeroIfNull, Lower: lowerZeroIfNull, Since: "4.0.0", Group: "conditional"},
		tryArith("try_add", "+"),
		tryArith("try_subtract", "-"),
		tryArith("try_multiply", "*"),
		tryArith("try_divide", "/"),
		tryArith("try_mod", "%"),
		&Def{Name: "rand", Aliases: []string{"random"}, MinArgs: 0, MaxArgs: 1, Resolve: resolveRand, Lower: lowerRand("ember_rand"), Pretty: prettySeeded, Group: "math", ShowAlias: true},
		&Def{Name: "randn", MinArgs: 0, MaxArgs: 1, Resolve: resolveRand, Lower: lowerRand("ember_randn"), Pretty: prettySeeded, Group: "math"},
		&Def{Name: "uniform", MinArgs: 2, MaxArgs: 3, Resolve: resolveUniform, Lower: lowerUniform, Pretty: prettySeeded, Since: "4.0.0", Group: "math"},
		&Def{Name: "randstr", MinArgs: 1, MaxArgs: 2, Resolve: resolveRandStr, Lower: lowerRandStr, Pretty: prettySeeded, Since: "4.0.0", Group: "string"},
	)
	Macros = append(Macros, math2Macros...)
}

var math2Macros = []string{
	// 1/x as Java divides doubles: x = 0 gives a signed infinity (or NaN).
	`CREATE OR REPLACE MACRO ember_div(a, b) AS (CASE WHEN b = 0 THEN (CASE WHEN a = 0 OR isnan(a) THEN CAST('NaN' AS DOUBLE) WHEN (a > 0) = (CAST(b AS VARCHAR) NOT LIKE '-%') THEN CAST('Infinity' AS DOUBLE) ELSE CAST('-Infinity' AS DOUBLE) END) ELSE a / b END)`,
	// Long.toBinaryString: two's complement digits without leading zeros.
	`CREATE OR REPLACE MACRO ember_bin(x) AS (CASE WHEN x = 0 THEN '0' ELSE ltrim(bin(CAST(x AS BIGINT)), '0') END)`,
	`CREATE OR REPLACE MACRO ember_width_bucket(v, lo, hi, n) AS (CASE
		WHEN n <= 0 OR n = 9223372036854775807 OR isnan(v) OR lo = hi OR isnan(lo) OR isinf(lo) OR isnan(hi) OR isinf(hi) THEN NULL
		WHEN lo < hi THEN (CASE WHEN v < lo THEN 0 WHEN v >= hi THEN n + 1 ELSE CAST(trunc(CAST(n AS DOUBLE) * (v - lo) / (hi - lo)) AS BIGINT) + 1 END)
		ELSE (CASE WHEN v > lo THEN 0 WHEN v <= hi THEN n + 1 ELSE CAST(trunc(CAST(n AS DOUBLE) * (lo - v) / (lo - hi)) AS BIGINT) + 1 END) END)`,
}

func unaryMath(name, lower string) *Def {
	return &Def{Name: name, MinArgs: 1, MaxArgs: 1, Resolve: doubleFn, Lower: tmpl(lower), Pretty: upperName(strings.ToUpper(name)), Group: "math"}
}

func resolveFactorial(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	t := numericOperand(args[0], types.Int)
	if !types.IsIntegral(t) {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"INT\"", args[0])
	}
	return []logical.Expr{ImplicitCast(args[0], types.Int)}, types.Long, true, nil
}

func resolveBin(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	t := numericOperand(args[0], types.Long)
	if !types.IsNumeric(t) {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"BIGINT\"", args[0])
	}
	return []logical.Expr{ImplicitCast(args[0], types.Long)}, types.String, args[0].Nullable(), nil
}

func resolveConv(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out := []logical.Expr{ImplicitCast(args[0], types.String), ImplicitCast(args[1], types.Int), ImplicitCast(args[2], types.Int)}
	return out, types.String, true, nil
}

func lowerConv(c *LowerCtx, _ *logical.Call, args []string) (string, error) {
	return "ember_conv(" + args[0] + ", " + args[1] + ", " + args[2] + ", " + strconv.FormatBool(c.ANSI) + ")", nil
}

func resolveWidthBucket(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out := make([]logical.Expr, 4)
	for i, a := range args {
		want := types.DataType(types.Double)
		if i == 3 {
			want = types.Long
		}
		t := numericOperand(a, want)
		if !types.IsNumeric(t) {
			return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), i+1, "\""+strings.ToUpper(want.SimpleString())+"\"", a)
		}
		out[i] = ImplicitCast(a, want)
	}
	return out, types.Long, true, nil
}

func resolveBitCount(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	t := args[0].Type()
	if !types.IsIntegral(t) && t.Kind() != types.KindBoolean && t.Kind() != types.KindNull {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "(\"INTEGRAL\" or \"BOOLEAN\")", args[0])
	}
	return args, types.Int, args[0].Nullable(), nil
}

func lowerBitCount(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	if call.Args[0].Type().Kind() == types.KindBoolean {
		return "CAST(" + args[0] + " AS INTEGER)", nil
	}
	// Java widens to long first: bit_count of a negative byte counts 64 bits.
	return "CAST(bit_count(CAST(" + args[0] + " AS BIGINT)) AS INTEGER)", nil
}

func resolveBitGet(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	t := args[0].Type()
	if t.Kind() == types.KindNull {
		t = types.Long
	}
	if !types.IsIntegral(t) {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"INTEGRAL\"", args[0])
	}
	if pt := numericOperand(args[1], types.Int); !types.IsIntegral(pt) {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 2, "\"INT\"", args[1])
	}
	return []logical.Expr{ImplicitCast(args[0], t), ImplicitCast(args[1], types.Int)}, types.Byte, anyNullable(args), nil
}

func lowerBitGet(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	bits := integralBits(call.Args[0].Type())
	fn := "bit_get"
	if call.Pretty != "" && strings.HasPrefix(call.Pretty, "getbit") {
		fn = "getbit"
	}
	// The position is spliced into the raised message (its last param).
	raise := RaiseSQL("INVALID_PARAMETER_VALUE.BIT_POSITION_RANGE", "parameter", "`pos`", "functionName", "`"+fn+"`", "upper", strconv.Itoa(bits), "invalidValue", "")
	raise = strings.TrimSuffix(raise, "')") + "' || CAST(" + args[1] + " AS VARCHAR))"
	return "(CASE WHEN " + args[1] + " < 0 OR " + args[1] + " >= " + strconv.Itoa(bits) + " THEN " + raise +
		" ELSE CAST((CAST(" + args[0] + " AS BIGINT) >> " + args[1] + ") & 1 AS TINYINT) END)", nil
}

func resolveNullIfZero(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	t := args[0].Type()
	if t.Kind() == types.KindNull {
		t = types.Int
	}
	if !types.IsNumeric(t) {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"NUMERIC\"", args[0])
	}
	return []logical.Expr{ImplicitCast(args[0], t)}, t, true, nil
}

func resolveZeroIfNull(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out, t, _, err := resolveNullIfZero(c, name, args)
	return out, t, false, err
}

func lowerZeroIfNull(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	return "coalesce(" + args[0] + ", CAST(0 AS " + mustDuck(call.T) + "))", nil
}

// tryArith is try_add & co: the operator's typing, NULL instead of an
// overflow or a division by zero.
func tryArith(name, op string) *Def {
	resolve := func(c *Ctx, n string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		d, _ := Lookup(op)
		out, t, _, err := d.Resolve(&Ctx{ANSI: true, TimeZone: c.TimeZone}, op, args)
		if err != nil {
			calendar := args[0].Type().Kind() == types.KindCalendarInterval || args[1].Type().Kind() == types.KindCalendarInterval
			if calendar && (op == "*" || op == "/") {
				// Calendar interval scaling is complete: its errors are Spark's.
				return nil, nil, false, err
			}
			if isInterval(args[0].Type()) || isInterval(args[1].Type()) {
				// Spark's interval arithmetic that the operator lacks here.
				return nil, nil, false, sparkerr.Unsupported(name + " of " + strings.ToUpper(args[0].Type().SimpleString()) + " and " + strings.ToUpper(args[1].Type().SimpleString()))
			}
			return nil, nil, false, err
		}
		return out, t, true, nil
	}
	lower := func(c *LowerCtx, call *logical.Call, args []string) (string, error) {
		if s, ok := lowerCalendarScale(op, call, args, CalScaleTry); ok {
			return s, nil
		}
		if s, ok := lowerCalendarAdd(op, call, args, CalScaleTry); ok {
			return s, nil
		}
		if call.T.Kind() == types.KindDate && call.Args[1].Type().Kind() == types.KindCalendarInterval {
			// Spark adds under ANSI (a time part fails) and gives NULL.
			return "(CASE WHEN ember_interval_micros(" + args[1] + ") = 0 THEN CAST(" + args[0] + " " + op + " " + args[1] + " AS DATE) END)", nil
		}
		if s, ok := lowerIntervalArith(op, call, args, true); ok {
			return s, nil
		}
		d, _ := Lookup(op)
		quietCtx := *c
		quietCtx.ANSI = false
		quiet := &quietCtx
		if bits := integralBits(call.T); bits > 0 && (op == "+" || op == "-" || op == "*") {
			r := "(CAST(" + args[0] + " AS HUGEINT) " + op + " CAST(" + args[1] + " AS HUGEINT))"
			lo := "-(CAST(1 AS HUGEINT) << " + strconv.Itoa(bits-1) + ")"
			hi := "((CAST(1 AS HUGEINT) << " + strconv.Itoa(bits-1) + ") - 1)"
			return "(CASE WHEN " + r + " BETWEEN " + lo + " AND " + hi + " THEN CAST(" + r + " AS " + mustDuck(call.T) + ") END)", nil
		}
		s, err := d.Lower(quiet, call, args)
		if err != nil {
			return "", err
		}
		switch call.T.Kind() {
		case types.KindDouble, types.KindFloat:
			return s, nil
		}
		// Decimal overflow, date and interval overflow: NULL.
		return "try(" + s + ")", nil
	}
	return &Def{Name: name, MinArgs: 2, MaxArgs: 2, Resolve: resolve, Lower: lower, Since: "3.2.0", Group: "math"}
}

// Seeded random functions. A seed left out is drawn at analysis, as
// Spark does, and marked by an empty literal text so the column name
// hides it.

var randNonce atomic.Int64

func init() { randNonce.Store(time.Now().UnixNano()) }

func seedArg(name string, args []logical.Expr, i int) (logical.Expr, error) {
	if len(args) <= i {
		return &logical.Lit{T: types.Long, V: rand.Int63(), Text: ""}, nil
	}
	e := args[i]
	if c, ok := e.(*logical.Cast); ok {
		if cl, ok := c.Child.(*logical.Lit); ok && cl.V == nil {
			// CAST(NULL AS INT): a null seed, which Spark reads as 0.
			return &logical.Lit{T: types.Null, V: nil, Text: e.SQL()}, nil
		}
	}
	l, ok := e.(*logical.Lit)
	if !ok || !(types.IsIntegral(l.T) || l.T.Kind() == types.KindNull) {
		if !ok {
			return nil, sparkerr.Newf("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "sqlExpr", "\""+DefaultPretty(name, args, false)+"\"", "inputName", "`seed`", "inputType", "integer", "inputExpr", "\""+args[i].SQL()+"\"")
		}
		return nil, typeMismatch(DefaultPretty(name, args, false), i+1, "(\"INT\" or \"BIGINT\")", args[i])
	}
	return l, nil
}

func prettySeeded(name string, args []logical.Expr, d bool) string {
	shown := args
	if n := len(args); n > 0 {
		if l, ok := args[n-1].(*logical.Lit); ok && l.Text == "" {
			shown = args[:n-1]
		}
	}
	if name == "random" {
		name = "rand"
	}
	return DefaultPretty(name, shown, d)
}

func resolveRand(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	s, err := seedArg(name, args, 0)
	if err != nil {
		return nil, nil, false, err
	}
	return []logical.Expr{s}, types.Double, false, nil
}

func seedSQL(call *logical.Call, i int, rendered string) string {
	if l, ok := call.Args[i].(*logical.Lit); ok && l.V == nil {
		return "CAST(0 AS BIGINT)"
	}
	return "CAST(" + rendered + " AS BIGINT)"
}

// NewNonce returns a number unique to one lowered call of a seeded
// generator (its per-execution state is kept under it).
func NewNonce() string { return nonce() }

func nonce() string { return strconv.FormatInt(randNonce.Add(1), 10) }

func lowerRand(f string) LowerFunc {
	return func(c *LowerCtx, call *logical.Call, args []string) (string, error) {
		if c != nil && c.Position != nil {
			// ember_rand_at(seed, partition, position, nonce)
			return f + "_at(" + seedSQL(call, 0, args[0]) + ", " + c.Position.Partition + ", " + c.Position.Pos + ", " + nonce() + ")", nil
		}
		return f + "(" + seedSQL(call, 0, args[0]) + ", " + nonce() + ")", nil
	}
}

// PositionalRandom reports whether e calls rand, randn, uniform,
// spark_partition_id or monotonically_increasing_id, whose values depend
// on the row's place in Spark's partition layout.
func PositionalRandom(e logical.Expr) bool {
	return logical.Any(e, func(x logical.Expr) bool {
		c, ok := x.(*logical.Call)
		return ok && (c.Fn == "rand" || c.Fn == "random" || c.Fn == "randn" || c.Fn == "uniform" ||
			c.Fn == "spark_partition_id" || c.Fn == "monotonically_increasing_id")
	})
}

func resolveUniform(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	for i, what := range []string{"min", "max"} {
		if _, ok := args[i].(*logical.Lit); !ok {
			return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "sqlExpr", "\""+DefaultPretty(name, args, false)+"\"", "inputName", "`"+what+"`", "inputType", "integer or floating-point", "inputExpr", "\""+args[i].SQL()+"\"")
		}
		if t := args[i].Type(); !types.IsNumeric(t) && t.Kind() != types.KindNull {
			return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), i+1, "\"NUMERIC\"", args[i])
		}
	}
	s, err := seedArg(name, args, 2)
	if err != nil {
		return nil, nil, false, err
	}
	l, r := args[0].Type(), args[1].Type()
	var t types.DataType
	switch {
	case l.Kind() == types.KindNull || r.Kind() == types.KindNull || s.Type().Kind() == types.KindNull:
		t = types.Null
	case types.IsIntegral(l) && types.IsIntegral(r):
		t = l
		if integralBits(r) > integralBits(l) {
			t = r
		}
	case l.Kind() == types.KindDouble || r.Kind() == types.KindDouble:
		t = types.Double
	case l.Kind() == types.KindFloat || r.Kind() == types.KindFloat:
		t = types.Float
	case l.Kind() == types.KindDecimal && r.Kind() == types.KindDecimal:
		ld, rd := l.(types.Decimal), r.(types.Decimal)
		t = rd
		if ld.Precision-ld.Scale >= rd.Precision-rd.Scale && ld.Scale >= rd.Scale {
			t = ld
		}
	case r.Kind() == types.KindDecimal:
		t = r
	default:
		t = l
	}
	return []logical.Expr{args[0], args[1], s}, t, t.Kind() == types.KindNull, nil
}

func lowerUniform(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	if call.T.Kind() == types.KindNull {
		return "NULL", nil
	}
	lo, hi := "CAST("+args[0]+" AS DOUBLE)", "CAST("+args[1]+" AS DOUBLE)"
	draw := "ember_rand(" + seedSQL(call, 2, args[2]) + ", " + nonce() + ")"
	if c != nil && c.Position != nil {
		draw = "ember_rand_at(" + seedSQL(call, 2, args[2]) + ", " + c.Position.Partition + ", " + c.Position.Pos + ", " + nonce() + ")"
	}
	v := "(" + lo + " + (" + hi + " - " + lo + ") * " + draw + ")"
	switch {
	case types.IsIntegral(call.T):
		// Spark casts the double to the integral type, truncating.
		return "CAST(trunc(" + v + ") AS " + mustDuck(call.T) + ")", nil
	case call.T.Kind() == types.KindDouble:
		return v, nil
	}
	d, _ := call.T.(types.Decimal)
	raise := RaiseSQL("NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION", "precision", strconv.Itoa(d.Precision), "scale", strconv.Itoa(d.Scale), "config", "\"spark.sql.ansi.enabled\"", "value", "")
	raise = strings.TrimSuffix(raise, "')") + "' || CAST(u AS VARCHAR))"
	// A lambda binds the drawn value once.
	return "list_transform([" + v + "], u -> coalesce(TRY_CAST(u AS " + mustDuck(call.T) + "), " + raise + "))[1]", nil
}

func resolveRandStr(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	l, ok := args[0].(*logical.Lit)
	if !ok {
		return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "sqlExpr", "\""+DefaultPretty(name, args, false)+"\"", "inputName", "`length`", "inputType", "integer", "inputExpr", "\""+args[0].SQL()+"\"")
	}
	if k := l.T.Kind(); k != types.KindInt && k != types.KindShort && k != types.KindByte {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"INT\"", args[0])
	}
	if n, _ := logical.IntValue(l.V); n < 0 {
		return nil, nil, false, sparkerr.Newf("INVALID_PARAMETER_VALUE.LENGTH", "parameter", "`length`", "functionName", "`randstr`", "length", strconv.FormatInt(n, 10))
	}
	s, err := seedArg(name, args, 1)
	if err != nil {
		return nil, nil, false, err
	}
	return []logical.Expr{args[0], s}, types.String, false, nil
}

func lowerRandStr(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	return "ember_randstr(CAST(" + args[0] + " AS INTEGER), " + seedSQL(call, 1, args[1]) + ", " + nonce() + ")", nil
}

// resolveRoundScale types ceil(x, scale) / floor(x, scale): x as a
// decimal, rounded to a constant scale (Spark's RoundCeil/RoundFloor).
func resolveRoundScale(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	l, ok := args[1].(*logical.Lit)
	if !ok || !types.IsIntegral(l.T) || l.V == nil || integralBits(l.T) > 32 {
		return nil, nil, false, sparkerr.Newf("NON_FOLDABLE_ARGUMENT", "funcName", "`"+strings.ToLower(name)+"`", "paramName", "`scale`", "paramType", "\"INT\"")
	}
	scale := litInt(l)
	t := numericOperand(args[0], types.Double)
	d, ok := types.DecimalOf(t)
	if !ok {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"DECIMAL\"", args[0])
	}
	var rt types.Decimal
	if scale >= 0 {
		ns := min(scale, d.Scale)
		rt = types.BoundedDecimal(d.Precision-d.Scale+ns+1, ns)
	} else {
		rt = types.BoundedDecimal(max(d.Precision-d.Scale+1, 1-scale), 0)
	}
	return []logical.Expr{ImplicitCast(args[0], d), ImplicitCast(args[1], types.Int)}, rt, true, nil
}

func lowerRoundScale(mode string) LowerFunc {
	return func(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
		return "CAST(ember_round_dec(CAST(" + args[0] + " AS VARCHAR), " + args[1] + ", '" + mode + "') AS " + mustDuck(call.T) + ")", nil
	}
}

// prettyRoundScale names ceil/floor with a scale as called, lower case.
func prettyRoundScale(one PrettyFunc) PrettyFunc {
	return func(name string, args []logical.Expr, d bool) string {
		if len(args) == 2 {
			return DefaultPretty(name, args, d)
		}
		return one(name, args, d)
	}
}
