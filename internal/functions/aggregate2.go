package functions

import (
	"math"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// More aggregate functions: Spark's statistics (corr, covariances,
// regressions, skewness, kurtosis), product, bitwise folds, mode, listagg,
// top-k max_by/min_by, try_sum/try_avg.
//
// The statistics are folded in Go (internal/udf/aggregates.go) over the
// group's values collected in input order, with Spark's streaming update
// formulas: DuckDB's built-ins use other formulas and edge-case rules.
// Lowerings never use FILTER themselves (the engine appends a call's own
// FILTER clause); rows are skipped with CASE inside the aggregate instead.
// Kinds of the statistics computed by ember_moment and ember_pairstat
// (internal/udf evaluates them by these values).
const (
	MomentSkewness = 3
	MomentKurtosis = 4
)

const (
	PairCorr = iota + 1
	PairCorrDenominator
	PairCovarPop
	PairCovarSamp
	PairRegrSlope
	PairRegrIntercept
	PairRegrR2
	PairRegrSXX
	PairRegrSYY
	PairRegrSXY
)

func init() {
	agg := func(d *Def) *Def { d.Kind = logical.Agg; d.Group = "agg"; return d }
	pair := func(name string, kind int, since string) *Def {
		return agg(&Def{Name: name, MinArgs: 2, MaxArgs: 2, Resolve: resolvePairStat, Lower: lowerPairStat(kind), Since: since})
	}
	Register(
		pair("corr", PairCorr, "1.6.0"),
		pair("covar_pop", PairCovarPop, "2.0.0"),
		pair("covar_samp", PairCovarSamp, "2.0.0"),
		pair("regr_slope", PairRegrSlope, "3.4.0"),
		pair("regr_intercept", PairRegrIntercept, "3.4.0"),
		pair("regr_r2", PairRegrR2, "3.3.0"),
		pair("regr_sxx", PairRegrSXX, "3.4.0"),
		pair("regr_syy", PairRegrSYY, "3.4.0"),
		pair("regr_sxy", PairRegrSXY, "3.4.0"),
		agg(&Def{Name: "regr_count", MinArgs: 2, MaxArgs: 2, Resolve: resolveRegrCount, Lower: tmpl("count(CASE WHEN $1 IS NOT NULL AND $2 IS NOT NULL THEN 1 END)"), Since: "3.3.0"}),
		agg(&Def{Name: "regr_avgx", MinArgs: 2, MaxArgs: 2, Resolve: resolveRegrAvg(1), Lower: lowerRegrAvg(1), Since: "3.3.0"}),
		agg(&Def{Name: "regr_avgy", MinArgs: 2, MaxArgs: 2, Resolve: resolveRegrAvg(0), Lower: lowerRegrAvg(0), Since: "3.3.0"}),
		agg(&Def{Name: "skewness", MinArgs: 1, MaxArgs: 1, Resolve: toDouble, Lower: lowerMoment(MomentSkewness), Since: "1.6.0"}),
		agg(&Def{Name: "kurtosis", MinArgs: 1, MaxArgs: 1, Resolve: toDouble, Lower: lowerMoment(MomentKurtosis), Since: "1.6.0"}),
		agg(&Def{Name: "product", MinArgs: 1, MaxArgs: 1, Resolve: toDouble, Lower: fn("product"), Since: "3.2.0"}),
		agg(&Def{Name: "bit_and", MinArgs: 1, MaxArgs: 1, Resolve: resolveBitAgg, Lower: fn("bit_and"), Since: "3.0.0"}),
		agg(&Def{Name: "bit_or", MinArgs: 1, MaxArgs: 1, Resolve: resolveBitAgg, Lower: fn("bit_or"), Since: "3.0.0"}),
		agg(&Def{Name: "bit_xor", MinArgs: 1, MaxArgs: 1, Resolve: resolveBitAgg, Lower: fn("bit_xor"), Since: "3.0.0"}),
		agg(&Def{Name: "mode", MinArgs: 1, MaxArgs: 2, Resolve: resolveMode, Lower: lowerMode, Pretty: prettyMode, Since: "3.4.0"}),
		agg(&Def{Name: "listagg", MinArgs: 1, MaxArgs: 2, Resolve: resolveListAgg, Lower: lowerListAgg, Since: "4.0.0"}),
		agg(&Def{Name: "string_agg", MinArgs: 1, MaxArgs: 2, Resolve: resolveListAgg, Lower: lowerListAgg, Since: "4.0.0"}),
		agg(&Def{Name: "max_by", MinArgs: 2, MaxArgs: 3, Resolve: resolveArgExtreme, Lower: lowerArgExtreme("arg_max"), Since: "3.0.0"}),
		agg(&Def{Name: "min_by", MinArgs: 2, MaxArgs: 3, Resolve: resolveArgExtreme, Lower: lowerArgExtreme("arg_min"), Since: "3.0.0"}),
		agg(&Def{Name: "approx_count_distinct", MinArgs: 1, MaxArgs: 2, Resolve: resolveApproxCountDistinct, Lower: lowerApproxCountDistinct, Pretty: firstArgOnly, Since: "2.1.0"}),
		agg(&Def{Name: "try_sum", MinArgs: 1, MaxArgs: 1, Resolve: resolveSum, Lower: lowerTrySum, Since: "3.3.0"}),
		agg(&Def{Name: "try_avg", MinArgs: 1, MaxArgs: 1, Resolve: resolveAvg, Lower: lowerTryAvg, Since: "3.3.0"}),
	)
}

// resolvePairStat casts both arguments to DOUBLE (Spark's implicit casts:
// strings and numbers only).
func resolvePairStat(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out := make([]logical.Expr, 2)
	for i, a := range args {
		t := numericOperand(a, types.Double)
		if !types.IsNumeric(t) {
			return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), i+1, "\"DOUBLE\"", a)
		}
		out[i] = ImplicitCast(a, types.Double)
	}
	return out, types.Double, true, nil
}

// pairList collects the non-null (y, x) pairs of a group in input order.
func pairList(y, x string) string {
	return "list(CASE WHEN " + y + " IS NOT NULL AND " + x + " IS NOT NULL THEN {'y': " + y + ", 'x': " + x + "} END)"
}

func lowerPairStat(kind int) LowerFunc {
	return func(c *LowerCtx, call *logical.Call, args []string) (string, error) {
		var l string
		switch kind {
		case PairCorr, PairCovarPop, PairCovarSamp:
			// corr(x, y) and covariances are symmetric in Spark's fold
			// only up to rounding: keep Spark's (x, y) roles.
			l = pairList(args[1], args[0])
		default:
			l = pairList(args[0], args[1])
		}
		l = c.Agg(l)
		stat := "ember_pairstat(" + l + ", " + strconv.Itoa(kind) + ")"
		if kind != PairCorr {
			return stat, nil
		}
		// A constant x or y divides by zero: Spark raises it under ANSI
		// and gives NULL otherwise.
		onZero := "NULL"
		if c.ANSI {
			onZero = RaiseSQL("DIVIDE_BY_ZERO", "config", "\"spark.sql.ansi.enabled\"")
		}
		return "(CASE WHEN ember_pairstat(" + l + ", " + strconv.Itoa(PairCorrDenominator) + ") = 0 THEN " + onZero + " ELSE " + stat + " END)", nil
	}
}

func resolveRegrCount(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	for i, a := range args {
		if !types.IsNumeric(numericOperand(a, types.Double)) {
			return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), i+1, "\"NUMERIC\"", a)
		}
	}
	return args, types.Long, false, nil
}

// resolveRegrAvg types regr_avgx/regr_avgy like avg of the chosen
// argument (a decimal stays decimal).
func resolveRegrAvg(which int) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		for i, a := range args {
			if !types.IsNumeric(numericOperand(a, types.Double)) {
				return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), i+1, "\"NUMERIC\"", a)
			}
		}
		_, t, _, err := resolveAvg(c, name, args[which:which+1])
		if err != nil {
			return nil, nil, false, err
		}
		out := append([]logical.Expr{}, args...)
		if _, dec := t.(types.Decimal); !dec {
			out[which] = ImplicitCast(args[which], types.Double)
		}
		return out, t, true, nil
	}
}

func lowerRegrAvg(which int) LowerFunc {
	return func(c *LowerCtx, call *logical.Call, args []string) (string, error) {
		v := "CASE WHEN " + args[0] + " IS NOT NULL AND " + args[1] + " IS NOT NULL THEN " + args[which] + " END"
		// avg of the chosen argument: lowerAvg reads its type.
		avg := *call
		avg.Args = []logical.Expr{call.Args[which]}
		return lowerAvg(c, &avg, []string{v})
	}
}

func lowerMoment(kind int) LowerFunc {
	return func(c *LowerCtx, _ *logical.Call, args []string) (string, error) {
		return "ember_moment(" + c.Agg("list("+args[0]+")") + ", " + strconv.Itoa(kind) + ")", nil
	}
}

func resolveBitAgg(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	t := args[0].Type()
	if t.Kind() == types.KindNull {
		return []logical.Expr{ImplicitCast(args[0], types.Long)}, types.Long, true, nil
	}
	if !types.IsIntegral(t) {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"INTEGRAL\"", args[0])
	}
	return args, t, true, nil
}

// --- mode --------------------------------------------------------------------

func resolveMode(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if len(args) == 2 {
		l, ok := args[1].(*logical.Lit)
		if !ok || (l.V != nil && l.T.Kind() != types.KindBoolean) {
			return nil, nil, false, sparkerr.Newf("NON_FOLDABLE_ARGUMENT", "funcName", "`mode`", "paramName", "`deterministic`", "paramType", "\"BOOLEAN\"")
		}
	}
	return args, args[0].Type(), true, nil
}

func modeDeterministic(args []logical.Expr) bool {
	if len(args) < 2 {
		return false
	}
	l, ok := args[1].(*logical.Lit)
	return ok && l.V == true
}

// prettyMode: Spark names the deterministic form after its WITHIN GROUP
// spelling (with the ordering it prints reversed).
func prettyMode(name string, args []logical.Expr, distinct bool) string {
	if modeDeterministic(args) {
		return "mode() WITHIN GROUP (ORDER BY " + args[0].SQL() + " DESC)"
	}
	return DefaultPretty(name, args[:1], distinct)
}

// lowerMode: the most frequent non-null value; among equally frequent
// values the smallest. (Spark's non-deterministic form may pick any of
// them; the deterministic form picks the smallest.)
func lowerMode(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	return "(list_sort(list_transform(map_entries(" + c.Agg("histogram("+args[0]+")") + "), lambda e: {'c': -e.value, 'k': e.key}))[1]).k", nil
}

// --- listagg / string_agg ---------------------------------------------------------

func resolveListAgg(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	x := args[0]
	rt := types.DataType(types.String)
	if x.Type().Kind() == types.KindBinary {
		rt = types.Binary
	} else {
		x = ImplicitCast(x, types.String)
	}
	var d logical.Expr = &logical.Lit{T: types.Null, V: nil, Text: "NULL"}
	if len(args) == 2 {
		d = args[1]
		if _, ok := d.(*logical.Lit); !ok {
			return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "sqlExpr", "\""+DefaultPretty(name, args, false)+"\"",
				"inputName", "`delimiter`", "inputType", "\"STRING\"", "inputExpr", "\""+d.SQL()+"\"")
		}
		dk := d.Type().Kind()
		if dk != types.KindNull {
			if (dk == types.KindBinary) != (rt.Kind() == types.KindBinary) {
				xt, dt := strings.ToUpper(args[0].Type().SimpleString()), strings.ToUpper(d.Type().SimpleString())
				if rt.Kind() != types.KindBinary {
					xt = "STRING"
				}
				return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.DATA_DIFF_TYPES", "sqlExpr", "\""+DefaultPretty(name, args, false)+"\"",
					"functionName", "`"+name+"`", "dataType", "(\""+xt+"\" or \""+dt+"\")")
			}
			if dk != types.KindBinary {
				d = ImplicitCast(d, types.String)
			}
		}
	}
	return []logical.Expr{x, d}, rt, true, nil
}

func lowerListAgg(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	x, d := args[0], args[1]
	distinct := ""
	if call.Distinct {
		distinct = "DISTINCT "
	}
	if isNullLit(call.Args[1]) {
		d = "''"
		if call.T.Kind() == types.KindBinary {
			d = "''::BLOB"
		}
	}
	if call.T.Kind() == types.KindBinary {
		// DuckDB's string_agg is for text: fold the blobs.
		return "list_reduce(list(" + distinct + x + ") FILTER (WHERE " + x + " IS NOT NULL), lambda a, b: a || " + d + " || b)", nil
	}
	return "string_agg(" + distinct + x + ", " + d + ")", nil
}

// --- max_by / min_by ------------------------------------------------------------

func resolveArgExtreme(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if len(args) == 2 {
		return args, args[0].Type(), true, nil
	}
	sqlExpr := "\"" + DefaultPretty(name, args, false) + "\""
	l, ok := args[2].(*logical.Lit)
	if !ok || !types.IsIntegral(l.T) {
		return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "sqlExpr", sqlExpr,
			"inputName", "k", "inputType", "int", "inputExpr", args[2].SQL())
	}
	k, _ := strconv.ParseInt(l.SQL(), 10, 64)
	if k < 1 || k > 100000 {
		return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "sqlExpr", sqlExpr,
			"exprName", "`k`", "valueRange", "[1, 100000]", "currentValue", strconv.FormatInt(k, 10))
	}
	return args, types.Array{Elem: args[0].Type(), ContainsNull: true}, true, nil
}

// lowerArgExtreme: rows whose ordering value is NULL are skipped; a NULL
// value of the row picked is kept (wrapped in a struct for DuckDB, whose
// arg_max would skip it).
func lowerArgExtreme(f string) LowerFunc {
	return func(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
		if len(args) == 2 {
			return f + "_null(" + args[0] + ", " + args[1] + ")", nil
		}
		return "list_transform(" + f + "({'v': " + args[0] + "}, " + args[1] + ", " + args[2] + "), lambda s: s.v)", nil
	}
}

// --- try_sum / try_avg ------------------------------------------------------------

// lowerTrySum: NULL instead of an overflow of the result type.
func lowerTrySum(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	s := "sum(" + args[0] + ")"
	if c.Over != "" {
		s = c.Agg(s)
	}
	switch t := call.T.(type) {
	case types.Decimal:
		// The integral digits of the exact sum must fit the result type.
		digits := "length(split_part(CAST(abs(" + s + ") AS VARCHAR), '.', 1))"
		return "(CASE WHEN " + digits + " > " + itoa(t.Precision-t.Scale) + " THEN NULL ELSE " + s + " END)", nil
	}
	if types.IsIntegral(call.T) {
		return "(CASE WHEN " + s + " BETWEEN -9223372036854775808 AND 9223372036854775807 THEN CAST(" + s + " AS BIGINT) END)", nil
	}
	return s, nil
}

// lowerTryAvg: NULL when the sum or the average overflows the decimal
// result type.
func lowerTryAvg(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	if d, ok := call.T.(types.Decimal); ok {
		return "TRY_CAST(TRY_CAST(" + c.Agg("sum("+args[0]+")") + " AS DECIMAL(38," + itoa(d.Scale) + ")) / " + c.Agg("count("+args[0]+")") + " AS DECIMAL(" + itoa(d.Precision) + "," + itoa(d.Scale) + "))", nil
	}
	return "avg(" + args[0] + ")", nil
}

// --- approx_count_distinct ----------------------------------------------------------

// resolveApproxCountDistinct fills the default relative standard
// deviation (0.05) and checks it gives HLL++ at least 4 index bits.
func resolveApproxCountDistinct(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if _, err := xxhashSQL("x", args[0].Type(), "42"); err != nil {
		return nil, nil, false, err
	}
	if len(args) == 2 {
		l, ok := args[1].(*logical.Lit)
		if !ok || l.V == nil {
			return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "sqlExpr", "\""+DefaultPretty(name, args, false)+"\"",
				"inputName", "`relativeSD`", "inputType", "\"DOUBLE\"", "inputExpr", "\""+args[1].SQL()+"\"")
		}
		if !types.IsNumeric(l.T) {
			return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 2, "\"DOUBLE\"", args[1])
		}
	}
	p := hllPrecision(hllRSD(args))
	if p < 4 {
		// Spark's HLL++ requires at least 4 index bits when the function
		// is built, and reports the failed build.
		return nil, nil, false, sparkerr.Newf("FAILED_FUNCTION_CALL", "funcName", sparkerr.QuoteID(name))
	}
	return args, types.Long, false, nil
}

// hllRSD is the relative standard deviation of a resolved call.
func hllRSD(args []logical.Expr) float64 {
	if len(args) < 2 {
		return 0.05
	}
	f, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSuffix(args[1].SQL(), "D"), "BD"), 64)
	return f
}

func hllPrecision(rsd float64) int {
	return int(math.Ceil(2 * math.Log(1.106/rsd) / math.Log(2)))
}

func lowerApproxCountDistinct(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	h, err := xxhashSQL(args[0], call.Args[0].Type(), "42")
	if err != nil {
		return "", err
	}
	p := strconv.Itoa(hllPrecision(hllRSD(call.Args)))
	return "coalesce(ember_hllpp(" + c.Agg("list("+h+")") + ", " + p + "), 0)", nil
}

// xxhashSQL renders Spark's xxHash64 of x (of type t) with the given
// seed, through ember_xxh64; a struct hashes its fields in order, each
// seeded with the previous hash (a NULL field leaves it unchanged).
func xxhashSQL(x string, t types.DataType, seed string) (string, error) {
	call := func(v string) string { return "ember_xxh64(" + v + ", " + seed + ")" }
	switch tt := t.(type) {
	case types.Struct:
		h := seed
		for _, f := range tt.Fields {
			fx := "struct_extract(" + x + ", " + QuoteString(f.Name) + ")"
			fh, err := xxhashSQL(fx, f.Type, h)
			if err != nil {
				return "", err
			}
			h = "coalesce(" + fh + ", " + h + ")"
		}
		return "CASE WHEN " + x + " IS NOT NULL THEN " + h + " END", nil
	case types.Decimal:
		if tt.Precision <= 18 {
			return call("CAST(" + x + " * " + "1" + strings.Repeat("0", tt.Scale) + " AS BIGINT)"), nil
		}
	}
	switch t.Kind() {
	case types.KindBoolean:
		return call("CAST(" + x + " AS INTEGER)"), nil
	case types.KindByte, types.KindShort, types.KindInt:
		return call("CAST(" + x + " AS INTEGER)"), nil
	case types.KindDate:
		return call("CAST(" + x + " - DATE '1970-01-01' AS INTEGER)"), nil
	case types.KindLong:
		return call("CAST(" + x + " AS BIGINT)"), nil
	case types.KindTimestamp, types.KindTimestampNTZ:
		return call("epoch_us(" + x + ")"), nil
	case types.KindFloat:
		return call("CAST(" + x + " AS FLOAT)"), nil
	case types.KindDouble:
		return call("CAST(" + x + " AS DOUBLE)"), nil
	case types.KindString:
		return call("CAST(" + x + " AS VARCHAR)"), nil
	case types.KindBinary:
		return call(x), nil
	case types.KindNull:
		return "CAST(NULL AS BIGINT)", nil
	}
	return "", sparkerr.Unsupported("approx_count_distinct of " + strings.ToUpper(t.SimpleString()))
}
