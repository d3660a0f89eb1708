package functions

import (
	"math"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// histogram_numeric and count_min_sketch: aggregates whose state Spark
// keeps in a Java object (NumericHistogram, CountMinSketchImpl). Both
// lower to a DuckDB list of the group's values in input order finished by
// a Go function of internal/udf (ember_histogram, ember_cms_agg), which
// rebuilds Spark's state exactly: the histogram per partition of Spark's
// reference setup (see LowerCtx.InputPartitions), the sketch with Spark's
// hashing and serialization.

func init() {
	agg := func(d *Def) *Def { d.Kind = logical.Agg; d.Group = "agg"; return d }
	Register(
		agg(&Def{Name: "histogram_numeric", MinArgs: 2, MaxArgs: 2, Resolve: resolveHistogram, Lower: lowerHistogram, Since: "3.3.0"}),
		agg(&Def{Name: "count_min_sketch", MinArgs: 3, MaxArgs: 4, Resolve: resolveCountMinSketch, Lower: lowerCountMinSketch, Since: "2.2.0"}),
	)
}

// PartitionSensitive reports whether the aggregate fn's result depends on
// the partitioning of its input (the engine then numbers the input rows
// for LowerCtx.PartitionOf).
func PartitionSensitive(fn string) bool { return strings.EqualFold(fn, "histogram_numeric") }

// constValue evaluates a constant argument: a literal, or casts of one.
// foldable is false for anything else (a column, a function call).
func constValue(e logical.Expr) (v any, foldable bool) {
	switch x := e.(type) {
	case *logical.Lit:
		return x.V, true
	case *logical.Cast:
		v, ok := constValue(x.Child)
		if !ok || v == nil {
			return nil, ok
		}
		f, ok := numberOf(v)
		if !ok {
			return nil, false
		}
		switch {
		case types.IsIntegral(x.To):
			return int64(f), true
		case x.To.Kind() == types.KindDouble || x.To.Kind() == types.KindFloat:
			return f, true
		}
		return nil, false
	}
	return nil, false
}

// numberOf reads a constant as a float64 (numbers, decimals, numeric
// strings).
func numberOf(v any) (float64, bool) {
	if n, ok := logical.IntValue(v); ok {
		return float64(n), true
	}
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f, err == nil
	case plan.DecimalValue:
		f, err := strconv.ParseFloat(x.Unscaled, 64)
		return f / math.Pow10(x.Scale), err == nil
	case *plan.DecimalValue:
		f, err := strconv.ParseFloat(x.Unscaled, 64)
		return f / math.Pow10(x.Scale), err == nil
	}
	return 0, false
}

// --- histogram_numeric ------------------------------------------------------

const histInputTypes = `("NUMERIC" or "DATE" or "TIMESTAMP" or "TIMESTAMP_NTZ" or "INTERVAL YEAR TO MONTH" or "INTERVAL DAY TO SECOND")`

func resolveHistogram(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	x, nb := args[0], args[1]
	sqlExpr := "\"" + DefaultPretty(name, args, false) + "\""
	switch t := x.Type(); t.Kind() {
	case types.KindString, types.KindNull:
		x = ImplicitCast(x, types.Double)
	case types.KindDate, types.KindTimestamp, types.KindTimestampNTZ:
	case types.KindYearMonthInterval, types.KindDayTimeInterval:
		return nil, nil, false, sparkerr.Unsupported("histogram_numeric of intervals")
	default:
		if !types.IsNumeric(t) {
			return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, histInputTypes, args[0])
		}
	}
	switch k := nb.Type().Kind(); {
	case types.IsNumeric(nb.Type()), k == types.KindString, k == types.KindNull:
	default:
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 2, "\"INT\"", nb)
	}
	v, foldable := constValue(nb)
	if !foldable {
		return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "sqlExpr", sqlExpr,
			"inputName", "`nb`", "inputType", "\"INT\"", "inputExpr", "\""+nb.SQL()+"\"")
	}
	if v == nil {
		return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.UNEXPECTED_NULL", "sqlExpr", sqlExpr, "exprName", "nb")
	}
	f, ok := numberOf(v)
	if !ok {
		return nil, nil, false, sparkerr.Unsupported("histogram_numeric with a bin count of type " + nb.Type().SimpleString())
	}
	n := int32(f)
	if n < 2 {
		return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "sqlExpr", sqlExpr,
			"exprName", "nb", "valueRange", "[2, 2147483647]", "currentValue", strconv.Itoa(int(n)))
	}
	// The bin count is passed on as a plain INT literal; the column name
	// keeps the argument as written (DefaultPretty of the original).
	out := []logical.Expr{x, &logical.Lit{T: types.Int, V: n, Text: nb.SQL()}}
	bin := types.Struct{Fields: []types.Field{
		{Name: "x", Type: x.Type(), Nullable: true},
		{Name: "y", Type: types.Double, Nullable: true},
	}}
	return out, types.Array{Elem: bin, ContainsNull: true}, true, nil
}

// lowerHistogram folds the values as doubles and converts each bin's
// centre back to the input type as Spark does (truncating for integral,
// date and timestamp types).
func lowerHistogram(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	t := call.Args[0].Type()
	v := args[0]
	switch t.Kind() {
	case types.KindDate:
		v = "(" + v + " - DATE '1970-01-01')"
	case types.KindTimestamp, types.KindTimestampNTZ:
		v = "epoch_us(" + v + ")"
	}
	parts := c.InputPartitions
	if parts <= 0 {
		parts = 2
	}
	// Each value goes with its row's Spark partition when the engine
	// numbered the rows; otherwise (a window) the group's rows are split
	// into equal consecutive runs.
	p := "NULL"
	if c.PartitionOf != "" && c.Over == "" {
		p = c.PartitionOf
	}
	h := "ember_histogram(" + c.Agg("list({'v': CAST("+v+" AS DOUBLE), 'p': CAST("+p+" AS INTEGER)})") + ", " + args[1] + ", " + strconv.Itoa(parts) + ")"

	var x string
	switch t.Kind() {
	case types.KindDouble:
		return h, nil
	case types.KindByte, types.KindShort, types.KindInt, types.KindLong:
		dt, _ := DuckType(t)
		x = "CAST(trunc(b.x) AS " + dt + ")"
	case types.KindFloat:
		x = "CAST(b.x AS FLOAT)"
	case types.KindDecimal:
		dt, _ := DuckType(t)
		x = "CAST(b.x AS " + dt + ")"
	case types.KindDate:
		x = "CAST(DATE '1970-01-01' + CAST(trunc(b.x) AS INTEGER) AS DATE)"
	case types.KindTimestamp:
		x = "make_timestamptz(CAST(trunc(b.x) AS BIGINT))"
	case types.KindTimestampNTZ:
		x = "make_timestamp(CAST(trunc(b.x) AS BIGINT))"
	default:
		return "", sparkerr.Unsupported("histogram_numeric of " + t.SimpleString())
	}
	return "list_transform(" + h + ", lambda b: {'x': " + x + ", 'y': b.y})", nil
}

// --- count_min_sketch ---------------------------------------------------------

func resolveCountMinSketch(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	pretty := DefaultPretty(name, args, false)
	sqlExpr := "\"" + pretty + "\""
	if len(args) == 3 {
		// Spark's SQL signature requires the seed; the DataFrame API
		// without one draws a random seed, which no answer can match.
		return nil, nil, false, sparkerr.Unsupported("count_min_sketch without a seed")
	}
	x := args[0]
	switch t := x.Type(); {
	case types.IsIntegral(t):
		x = ImplicitCast(x, types.Long)
	case t.Kind() == types.KindString, t.Kind() == types.KindBinary:
	case t.Kind() == types.KindNull:
		x = ImplicitCast(x, types.Long)
	default:
		return nil, nil, false, typeMismatch(pretty, 1, `("INTEGRAL" or "STRING" or "BINARY")`, args[0])
	}
	for i := 1; i <= 2; i++ {
		if args[i].Type().Kind() != types.KindDouble {
			return nil, nil, false, typeMismatch(pretty, i+1, "\"DOUBLE\"", args[i])
		}
	}
	if k := args[3].Type().Kind(); k != types.KindInt && k != types.KindLong {
		return nil, nil, false, typeMismatch(pretty, 4, "\"INT\"", args[3])
	}
	names := []string{"", "eps", "confidence", "seed"}
	vals := make([]any, 4)
	for i := 1; i <= 3; i++ {
		v, ok := constValue(args[i])
		if !ok {
			return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "sqlExpr", sqlExpr,
				"inputName", "`"+names[i]+"`", "inputType", "\""+strings.ToUpper(args[i].Type().SimpleString())+"\"", "inputExpr", "\""+args[i].SQL()+"\"")
		}
		vals[i] = v
	}
	for i := 1; i <= 3; i++ {
		if vals[i] == nil {
			return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.UNEXPECTED_NULL", "sqlExpr", sqlExpr, "exprName", names[i])
		}
	}
	eps, _ := numberOf(vals[1])
	conf, _ := numberOf(vals[2])
	if !(eps > 0) {
		return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "sqlExpr", sqlExpr, "exprName", "eps",
			"valueRange", "(0.0, 1.7976931348623157E308]", "currentValue", types.JavaFloatString(eps, 64)+"D")
	}
	if !(conf > 0 && conf < 1) {
		return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "sqlExpr", sqlExpr, "exprName", "confidence",
			"valueRange", "(0.0, 1.0]", "currentValue", types.JavaFloatString(conf, 64)+"D")
	}
	// A BIGINT seed keeps its low 32 bits, as Spark narrows it.
	seed, _ := logical.IntValue(vals[3])
	out := []logical.Expr{x,
		&logical.Lit{T: types.Double, V: eps, Text: args[1].SQL()},
		&logical.Lit{T: types.Double, V: conf, Text: args[2].SQL()},
		&logical.Lit{T: types.Int, V: int32(seed), Text: args[3].SQL()},
	}
	return out, types.Binary, false, nil
}

func lowerCountMinSketch(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	return "ember_cms_agg(" + c.Agg("list("+args[0]+")") + ", " + args[1] + ", " + args[2] + ", " + args[3] + ")", nil
}
