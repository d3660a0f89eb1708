package functions

import (
	"testing"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

func TestSketchResolution(t *testing.T) {
	col := func(name string, t types.DataType) logical.Expr {
		return &logical.ColRef{Attr: logical.Attr{ID: logical.NewID(), Name: name, Type: t, Nullable: true}}
	}
	ints := types.Array{Elem: types.Int, ContainsNull: true}
	cases := []struct {
		fn     string
		args   []logical.Expr
		want   types.DataType
		pretty string
		err    string
	}{
		{"bitmap_bit_position", []logical.Expr{col("a", types.Int)}, types.Long, "bitmap_bit_position(a)", ""},
		{"bitmap_count", []logical.Expr{col("b", types.Binary)}, types.Long, "bitmap_count(b)", ""},
		{"bitmap_count", []logical.Expr{col("s", types.String)}, nil, "", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"bitmap_construct_agg", []logical.Expr{col("p", types.Long)}, types.Binary, "bitmap_construct_agg(p)", ""},
		{"theta_sketch_agg", []logical.Expr{col("v", types.Int)}, types.Binary, "theta_sketch_agg(v, 12)", ""},
		{"theta_sketch_agg", []logical.Expr{col("v", ints)}, types.Binary, "theta_sketch_agg(v, 12)", ""},
		{"theta_sketch_agg", []logical.Expr{col("v", types.Boolean)}, nil, "", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"theta_union", []logical.Expr{col("a", types.Binary), col("b", types.Binary)}, types.Binary, "theta_union(a, b, 12)", ""},
		{"theta_sketch_estimate", []logical.Expr{col("s", types.Binary)}, types.Long, "theta_sketch_estimate(s)", ""},
		{"hll_sketch_agg", []logical.Expr{col("v", types.String)}, types.Binary, "hll_sketch_agg(v, 12)", ""},
		{"hll_sketch_agg", []logical.Expr{col("v", types.Double)}, nil, "", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"hll_union_agg", []logical.Expr{col("s", types.Binary)}, types.Binary, "hll_union_agg(s, false)", ""},
		{"kll_sketch_agg_bigint", []logical.Expr{col("v", types.Int)}, types.Binary, "kll_sketch_agg_bigint(v)", ""},
		{"kll_sketch_agg_bigint", []logical.Expr{col("v", types.Double)}, nil, "", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"kll_sketch_get_quantile_float", []logical.Expr{col("s", types.Binary), col("r", types.Double)}, types.Float, "kll_sketch_get_quantile_float(s, r)", ""},
		{"kll_sketch_get_rank_bigint", []logical.Expr{col("s", types.Binary), col("q", types.Array{Elem: types.Long})}, types.Array{Elem: types.Double}, "kll_sketch_get_rank_bigint(s, q)", ""},
		{"tuple_sketch_agg_double", []logical.Expr{col("k", types.Int), col("v", types.Double)}, types.Binary, "tuple_sketch_agg_double(k, v, 12, sum)", ""},
		{"tuple_sketch_summary_integer", []logical.Expr{col("s", types.Binary)}, types.Long, "tuple_sketch_summary_integer(s, sum)", ""},
		{"tuple_intersection_double", []logical.Expr{col("a", types.Binary), col("b", types.Binary)}, types.Binary, "tuple_intersection_double(a, b, sum)", ""},
		{"tuple_difference_theta_integer", []logical.Expr{col("a", types.Binary), col("b", types.Binary)}, types.Binary, "tuple_difference_theta_integer(a, b)", ""},
	}
	for _, tc := range cases {
		got, err := Call(&Ctx{ANSI: true}, tc.fn, tc.args, false)
		if tc.err != "" {
			se, ok := sparkerr.As(err)
			if !ok || se.Class != tc.err {
				t.Errorf("%s: want error %s, got %v", tc.fn, tc.err, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.fn, err)
			continue
		}
		if !types.Equal(got.Type(), tc.want) {
			t.Errorf("%s: type %v, want %v", tc.fn, got.Type(), tc.want)
		}
		if got.SQL() != tc.pretty {
			t.Errorf("%s: pretty %q, want %q", tc.fn, got.SQL(), tc.pretty)
		}
	}
}
