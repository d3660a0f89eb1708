package functions

import (
	"fmt"
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// Spark's DataSketches-based functions (theta, tuple, HLL, KLL) and the
// exact bitmap functions. Sketches are built and read by Go functions in
// internal/udf (ember_theta_*, ember_tuple_*, ember_hll_*, ember_kll_*,
// ember_bitmap_*) over internal/sketch. Aggregates lower to a DuckDB list
// aggregation of a small per-row value (a 63-bit hash for theta, a 32-bit
// coupon for HLL, a 16-byte hash+summary for tuple, the item for KLL, the
// bit position or bitmap for bitmaps) that one Go call folds into the
// sketch: memory per group is that list, not the sketch.

func init() {
	agg := func(d *Def) *Def { d.Kind = logical.Agg; d.Group = "agg"; d.Since = "4.1.0"; return d }
	sc := func(d *Def) *Def { d.Group = "misc"; d.Since = "4.1.0"; return d }
	lit := func(v int32) logical.Expr { return &logical.Lit{T: types.Int, V: v, Text: fmt.Sprint(v)} }
	strLit := func(s string) logical.Expr { return &logical.Lit{T: types.String, V: s, Text: s} }
	boolLit := &logical.Lit{T: types.Boolean, V: false, Text: "false"}

	Register(
		// --- bitmaps ---
		sc(&Def{Name: "bitmap_bucket_number", MinArgs: 1, MaxArgs: 1, Resolve: toLongArg, Lower: tmpl("(CASE WHEN $1 > 0 THEN 1 + ($1 - 1) // 32768 ELSE $1 // 32768 END)"), Since: "3.5.0"}),
		sc(&Def{Name: "bitmap_bit_position", MinArgs: 1, MaxArgs: 1, Resolve: toLongArg, Lower: tmpl("(CASE WHEN $1 > 0 THEN ($1 - 1) % 32768 ELSE (-$1) % 32768 END)"), Since: "3.5.0"}),
		sc(&Def{Name: "bitmap_count", MinArgs: 1, MaxArgs: 1, Resolve: binaryArgs(types.Long, 1), Lower: fn("ember_bitmap_count"), Since: "3.5.0"}),
		agg(&Def{Name: "bitmap_construct_agg", MinArgs: 1, MaxArgs: 1, Resolve: resolveBitmapConstruct, Lower: tmpl("ember_bitmap_construct(list($1))"), Since: "3.5.0"}),
		agg(&Def{Name: "bitmap_or_agg", MinArgs: 1, MaxArgs: 1, Resolve: binaryAgg, Lower: tmpl("ember_bitmap_or(list($1))"), Since: "3.5.0"}),
		agg(&Def{Name: "bitmap_and_agg", MinArgs: 1, MaxArgs: 1, Resolve: binaryAgg, Lower: tmpl("ember_bitmap_and(list($1))"), Since: "4.1.0"}),

		// --- theta ---
		agg(&Def{Name: "theta_sketch_agg", MinArgs: 1, MaxArgs: 2, Resolve: resolveHashAgg(true, []logical.Expr{lit(12)}), Lower: tmpl("ember_theta_agg(list(ember_theta_hash($1)), $2)")}),
		agg(&Def{Name: "theta_union_agg", MinArgs: 1, MaxArgs: 2, Resolve: sketchArgs(1, types.Binary, false, []logical.Expr{lit(12)}), Lower: tmpl("ember_theta_union_agg(list($1), $2)")}),
		agg(&Def{Name: "theta_intersection_agg", MinArgs: 1, MaxArgs: 1, Resolve: sketchArgs(1, types.Binary, false, nil), Lower: tmpl("ember_theta_intersection_agg(list($1))")}),
		sc(&Def{Name: "theta_sketch_estimate", MinArgs: 1, MaxArgs: 1, Resolve: sketchArgs(1, types.Long, true, nil), Lower: fn("ember_theta_estimate")}),
		sc(&Def{Name: "theta_union", MinArgs: 2, MaxArgs: 3, Resolve: sketchArgs(2, types.Binary, true, []logical.Expr{lit(12)}), Lower: fn("ember_theta_union")}),
		sc(&Def{Name: "theta_intersection", MinArgs: 2, MaxArgs: 2, Resolve: sketchArgs(2, types.Binary, true, nil), Lower: fn("ember_theta_intersection")}),
		sc(&Def{Name: "theta_difference", MinArgs: 2, MaxArgs: 2, Resolve: sketchArgs(2, types.Binary, true, nil), Lower: fn("ember_theta_difference")}),

		// --- HLL ---
		agg(&Def{Name: "hll_sketch_agg", MinArgs: 1, MaxArgs: 2, Resolve: resolveHashAgg(false, []logical.Expr{lit(12)}), Lower: tmpl("ember_hll_agg(list(ember_hll_coupon($1)), $2)"), Since: "3.5.0"}),
		agg(&Def{Name: "hll_union_agg", MinArgs: 1, MaxArgs: 2, Resolve: sketchArgs(1, types.Binary, false, []logical.Expr{boolLit}), Lower: tmpl("ember_hll_union_agg(list($1), $2)"), Since: "3.5.0"}),
		sc(&Def{Name: "hll_sketch_estimate", MinArgs: 1, MaxArgs: 1, Resolve: sketchArgs(1, types.Long, true, nil), Lower: fn("ember_hll_estimate"), Since: "3.5.0"}),
		sc(&Def{Name: "hll_union", MinArgs: 2, MaxArgs: 3, Resolve: sketchArgs(2, types.Binary, true, []logical.Expr{boolLit}), Lower: fn("ember_hll_union"), Since: "3.5.0"}),
	)

	// --- KLL ---
	for _, k := range []struct {
		name string
		item types.DataType
	}{{"bigint", types.Long}, {"float", types.Float}, {"double", types.Double}} {
		item := k.item
		Register(
			agg(&Def{Name: "kll_sketch_agg_" + k.name, MinArgs: 1, MaxArgs: 2, Resolve: resolveKllAgg(item), Lower: lowerKllAgg("ember_kll_agg_" + k.name)}),
			agg(&Def{Name: "kll_merge_agg_" + k.name, MinArgs: 1, MaxArgs: 2, Resolve: resolveKllMergeAgg, Lower: lowerKllAgg("ember_kll_merge_agg_" + k.name)}),
			sc(&Def{Name: "kll_sketch_get_n_" + k.name, MinArgs: 1, MaxArgs: 1, Resolve: sketchArgs(1, types.Long, true, nil), Lower: fn("ember_kll_n_" + k.name)}),
			sc(&Def{Name: "kll_sketch_to_string_" + k.name, MinArgs: 1, MaxArgs: 1, Resolve: sketchArgs(1, types.String, true, nil), Lower: fn("ember_kll_string_" + k.name)}),
			sc(&Def{Name: "kll_sketch_merge_" + k.name, MinArgs: 2, MaxArgs: 2, Resolve: sketchArgs(2, types.Binary, true, nil), Lower: fn("ember_kll_merge_" + k.name)}),
			sc(&Def{Name: "kll_sketch_get_quantile_" + k.name, MinArgs: 2, MaxArgs: 2, Resolve: resolveKllGet(types.Double, item), Lower: fn("ember_kll_quantile_" + k.name)}),
			sc(&Def{Name: "kll_sketch_get_rank_" + k.name, MinArgs: 2, MaxArgs: 2, Resolve: resolveKllGet(item, types.Double), Lower: fn("ember_kll_rank_" + k.name)}),
		)
	}

	// --- tuple ---
	for _, k := range []struct {
		name string
		sum  types.DataType
	}{{"double", types.Double}, {"integer", types.Long}} {
		n := k.name
		Register(
			agg(&Def{Name: "tuple_sketch_agg_" + n, MinArgs: 2, MaxArgs: 4, Resolve: resolveTupleAgg(k.sum, []logical.Expr{lit(12), strLit("sum")}), Lower: tmpl("ember_tuple_agg_" + n + "(list(ember_tuple_entry_" + n + "($1, $2)), $3, $4)")}),
			agg(&Def{Name: "tuple_union_agg_" + n, MinArgs: 1, MaxArgs: 3, Resolve: sketchArgs(1, types.Binary, false, []logical.Expr{lit(12), strLit("sum")}), Lower: tmpl("ember_tuple_union_agg_" + n + "(list($1), $2, $3)")}),
			agg(&Def{Name: "tuple_intersection_agg_" + n, MinArgs: 1, MaxArgs: 2, Resolve: sketchArgs(1, types.Binary, false, []logical.Expr{strLit("sum")}), Lower: tmpl("ember_tuple_intersection_agg_" + n + "(list($1), $2)")}),
			sc(&Def{Name: "tuple_sketch_estimate_" + n, MinArgs: 1, MaxArgs: 1, Resolve: sketchArgs(1, types.Double, true, nil), Lower: fn("ember_tuple_estimate_" + n)}),
			sc(&Def{Name: "tuple_sketch_theta_" + n, MinArgs: 1, MaxArgs: 1, Resolve: sketchArgs(1, types.Double, true, nil), Lower: fn("ember_tuple_theta_" + n)}),
			sc(&Def{Name: "tuple_sketch_summary_" + n, MinArgs: 1, MaxArgs: 2, Resolve: sketchArgs(1, k.sum, true, []logical.Expr{strLit("sum")}), Lower: fn("ember_tuple_summary_" + n)}),
			sc(&Def{Name: "tuple_union_" + n, MinArgs: 2, MaxArgs: 4, Resolve: sketchArgs(2, types.Binary, true, []logical.Expr{lit(12), strLit("sum")}), Lower: tmpl("ember_tuple_union_" + n + "($1, $2, $3, $4, false)")}),
			sc(&Def{Name: "tuple_union_theta_" + n, MinArgs: 2, MaxArgs: 4, Resolve: sketchArgs(2, types.Binary, true, []logical.Expr{lit(12), strLit("sum")}), Lower: tmpl("ember_tuple_union_" + n + "($1, $2, $3, $4, true)")}),
			sc(&Def{Name: "tuple_intersection_" + n, MinArgs: 2, MaxArgs: 3, Resolve: sketchArgs(2, types.Binary, true, []logical.Expr{strLit("sum")}), Lower: tmpl("ember_tuple_intersection_" + n + "($1, $2, $3, false)")}),
			sc(&Def{Name: "tuple_intersection_theta_" + n, MinArgs: 2, MaxArgs: 3, Resolve: sketchArgs(2, types.Binary, true, []logical.Expr{strLit("sum")}), Lower: tmpl("ember_tuple_intersection_" + n + "($1, $2, $3, true)")}),
			sc(&Def{Name: "tuple_difference_" + n, MinArgs: 2, MaxArgs: 2, Resolve: sketchArgs(2, types.Binary, true, nil), Lower: tmpl("ember_tuple_difference_" + n + "($1, $2, false)")}),
			sc(&Def{Name: "tuple_difference_theta_" + n, MinArgs: 2, MaxArgs: 2, Resolve: sketchArgs(2, types.Binary, true, nil), Lower: tmpl("ember_tuple_difference_" + n + "($1, $2, true)")}),
		)
	}
}

// toLongArg: the bitmap position functions take a BIGINT (implicitly cast).
func toLongArg(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	t := args[0].Type()
	if !types.IsNumeric(t) && t.Kind() != types.KindString && t.Kind() != types.KindNull {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"BIGINT\"", args[0])
	}
	return []logical.Expr{ImplicitCast(args[0], types.Long)}, types.Long, args[0].Nullable(), nil
}

func isBinaryish(t types.DataType) bool {
	return t.Kind() == types.KindBinary || t.Kind() == types.KindNull
}

// binaryArgs checks n binary arguments of a scalar returning rt.
func binaryArgs(rt types.DataType, n int) ResolveFunc {
	return sketchArgs(n, rt, true, nil)
}

func binaryAgg(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	return sketchArgs(1, types.Binary, false, nil)(c, name, args)
}

func resolveBitmapConstruct(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out, _, _, err := toLongArg(c, name, args)
	return out, types.Binary, false, err
}

// sketchArgs: n leading BINARY sketch arguments, then optional constant
// parameters whose defaults (which Spark shows in the column name) fill in
// when absent. The parameters are cast to their default's type.
func sketchArgs(n int, rt types.DataType, nullableResult bool, defaults []logical.Expr) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		out := append([]logical.Expr{}, args...)
		for i := 0; i < n; i++ {
			if !isBinaryish(args[i].Type()) {
				return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), i+1, "\"BINARY\"", args[i])
			}
			out[i] = ImplicitCast(args[i], types.Binary)
		}
		out, err := fillParams(name, out, n, defaults)
		if err != nil {
			return nil, nil, false, err
		}
		return out, rt, nullableResult && anyNullable(args[:n]), nil
	}
}

// fillParams appends defaults for missing trailing parameters and checks
// the given ones are constants of a compatible type.
func fillParams(name string, args []logical.Expr, n int, defaults []logical.Expr) ([]logical.Expr, error) {
	for i, d := range defaults {
		j := n + i
		if j >= len(args) {
			args = append(args, d)
			continue
		}
		a := args[j]
		if _, ok := a.(*logical.Lit); !ok {
			if _, isCast := a.(*logical.Cast); !isCast {
				return nil, sparkerr.Newf("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
					"sqlExpr", "\""+DefaultPretty(name, args, false)+"\"",
					"inputName", "`"+paramName(d)+"`", "inputType", "\""+strings.ToUpper(d.Type().SimpleString())+"\"",
					"inputExpr", "\""+a.SQL()+"\"")
			}
		}
		ok := false
		switch d.Type().Kind() {
		case types.KindInt:
			ok = types.IsIntegral(a.Type())
		case types.KindString:
			ok = a.Type().Kind() == types.KindString
		case types.KindBoolean:
			ok = a.Type().Kind() == types.KindBoolean
		}
		if !ok {
			return nil, typeMismatch(DefaultPretty(name, args, false), j+1, "\""+strings.ToUpper(d.Type().SimpleString())+"\"", a)
		}
		args[j] = ImplicitCast(a, d.Type())
		if m, ok := litString(a); ok && d.Type().Kind() == types.KindString {
			switch strings.ToLower(m) {
			case "sum", "min", "max", "alwaysone":
			default:
				return nil, typeCheckHint(DefaultPretty(name, args, false), sparkerr.Newf("TUPLE_INVALID_SKETCH_MODE",
					"function", "`"+name+"`", "mode", m, "validModes", "sum, min, max, alwaysone"))
			}
		}
	}
	return args, nil
}

// typeCheckHint wraps an error class Spark raises while checking input
// types: DATATYPE_MISMATCH.TYPE_CHECK_FAILURE_WITH_HINT quoting it.
func typeCheckHint(sqlExpr string, inner *sparkerr.Error) error {
	return sparkerr.Newf("DATATYPE_MISMATCH.TYPE_CHECK_FAILURE_WITH_HINT",
		"sqlExpr", "\""+sqlExpr+"\"", "msg", "["+inner.Class+"] "+inner.Text+" SQLSTATE: "+inner.SQLState, "hint", "")
}

// checkKllK rejects a constant k outside DataSketches' range at analysis.
func checkKllK(name string, args []logical.Expr, k logical.Expr) error {
	l, ok := k.(*logical.Lit)
	if !ok || l.V == nil {
		return nil
	}
	n, _ := logical.IntValue(l.V)
	if n < 8 || n > 65535 {
		return typeCheckHint(DefaultPretty(name, args, false), sparkerr.Newf("KLL_SKETCH_K_OUT_OF_RANGE",
			"functionName", "`"+name+"`", "k", fmt.Sprint(n)))
	}
	return nil
}

func paramName(d logical.Expr) string {
	switch d.Type().Kind() {
	case types.KindString:
		return "mode"
	case types.KindBoolean:
		return "allowDifferentLgConfigK"
	}
	return "lgNomEntries"
}

// hashable reports the input types theta (all) and HLL (ints, strings,
// binary) sketch, returning the argument cast to what the hash expects.
func hashArg(name string, args []logical.Expr, theta bool) (logical.Expr, error) {
	a := args[0]
	t := a.Type()
	switch {
	case types.IsIntegral(t) || t.Kind() == types.KindNull:
		return ImplicitCast(a, types.Long), nil
	case t.Kind() == types.KindString || t.Kind() == types.KindBinary:
		return a, nil
	case theta && (t.Kind() == types.KindFloat || t.Kind() == types.KindDouble):
		return ImplicitCast(a, types.Double), nil
	case theta && t.Kind() == types.KindArray:
		el := t.(types.Array).Elem
		if el.Kind() == types.KindInt || el.Kind() == types.KindLong {
			return a, nil
		}
	}
	req := "(\"INT\" or \"BIGINT\" or \"STRING\" or \"BINARY\")"
	if theta {
		req = "(\"INT\" or \"BIGINT\" or \"FLOAT\" or \"DOUBLE\" or \"STRING\" or \"BINARY\" or \"ARRAY<INT>\" or \"ARRAY<BIGINT>\")"
	}
	return nil, typeMismatch(DefaultPretty(name, args, false), 1, req, a)
}

func resolveHashAgg(theta bool, defaults []logical.Expr) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		x, err := hashArg(name, args, theta)
		if err != nil {
			return nil, nil, false, err
		}
		out := append([]logical.Expr{x}, args[1:]...)
		out, err = fillParams(name, out, 1, defaults)
		return out, types.Binary, false, err
	}
}

func resolveTupleAgg(sum types.DataType, defaults []logical.Expr) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		x, err := hashArg(name, args, true)
		if err != nil {
			return nil, nil, false, err
		}
		if !types.IsNumeric(args[1].Type()) && args[1].Type().Kind() != types.KindNull {
			return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 2, "\"NUMERIC\"", args[1])
		}
		out := append([]logical.Expr{x, ImplicitCast(args[1], sum)}, args[2:]...)
		out, err = fillParams(name, out, 2, defaults)
		return out, types.Binary, false, err
	}
}

func resolveKllAgg(item types.DataType) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		t := args[0].Type()
		ok := types.IsIntegral(t) || t.Kind() == types.KindNull
		req := "(\"TINYINT\" or \"INT\" or \"BIGINT\" or \"SMALLINT\")"
		switch item.Kind() {
		case types.KindFloat:
			ok = ok || t.Kind() == types.KindFloat
			req = "\"FLOAT\""
		case types.KindDouble:
			ok = ok || t.Kind() == types.KindFloat || t.Kind() == types.KindDouble
			req = "(\"FLOAT\" or \"DOUBLE\")"
		}
		if !ok {
			return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, req, args[0])
		}
		out := []logical.Expr{ImplicitCast(args[0], item)}
		if len(args) == 2 {
			if !types.IsIntegral(args[1].Type()) {
				return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 2, "\"INT\"", args[1])
			}
			if err := checkKllK(name, args, args[1]); err != nil {
				return nil, nil, false, err
			}
			out = append(out, ImplicitCast(args[1], types.Int))
		}
		return out, types.Binary, false, nil
	}
}

func resolveKllMergeAgg(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if !isBinaryish(args[0].Type()) {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"BINARY\"", args[0])
	}
	out := []logical.Expr{ImplicitCast(args[0], types.Binary)}
	if len(args) == 2 {
		if !types.IsIntegral(args[1].Type()) {
			return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 2, "\"INT\"", args[1])
		}
		if err := checkKllK(name, args, args[1]); err != nil {
			return nil, nil, false, err
		}
		out = append(out, ImplicitCast(args[1], types.Int))
	}
	return out, types.Binary, false, nil
}

// lowerKllAgg: k defaults to 200 for a new sketch (NULL lets a merge take
// the inputs' k).
func lowerKllAgg(f string) LowerFunc {
	return func(c *LowerCtx, call *logical.Call, args []string) (string, error) {
		k := "200"
		if len(args) == 2 {
			k = args[1]
		} else if strings.Contains(f, "merge") {
			k = "CAST(NULL AS INTEGER)"
		}
		return f + "(" + c.Agg("list("+args[0]+")") + ", " + k + ")", nil
	}
}

// resolveKllGet: (sketch, x) or (sketch, array of x), x cast to in; the
// result is out or an array of out, NULL only for a NULL argument.
func resolveKllGet(in, out types.DataType) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		if !isBinaryish(args[0].Type()) {
			return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"BINARY\"", args[0])
		}
		sk := ImplicitCast(args[0], types.Binary)
		if at, ok := args[1].Type().(types.Array); ok {
			if !types.IsNumeric(at.Elem) && at.Elem.Kind() != types.KindNull {
				return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 2, "\"NUMERIC\"", args[1])
			}
			return []logical.Expr{sk, ImplicitCast(args[1], types.Array{Elem: in, ContainsNull: at.ContainsNull})},
				types.Array{Elem: out, ContainsNull: at.ContainsNull}, anyNullable(args), nil
		}
		if !types.IsNumeric(args[1].Type()) && args[1].Type().Kind() != types.KindNull {
			return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 2, "\"NUMERIC\"", args[1])
		}
		return []logical.Expr{sk, ImplicitCast(args[1], in)}, out, anyNullable(args), nil
	}
}
