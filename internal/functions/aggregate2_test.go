package functions

import (
	"testing"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// Typing and naming of the aggregates in aggregate2.go, as real Spark
// 4.2 answered them.
func TestAggregate2Resolve(t *testing.T) {
	col := func(name string, t types.DataType) logical.Expr {
		return &logical.ColRef{Attr: logical.Attr{ID: logical.NewID(), Name: name, Type: t, Nullable: true}}
	}
	lit := func(t types.DataType, v any, text string) logical.Expr { return &logical.Lit{T: t, V: v, Text: text} }
	c := &Ctx{ANSI: true, TimeZone: "UTC"}
	x, y := col("x", types.Int), col("y", types.Int)
	s, b := col("s", types.String), col("b", types.Binary)
	tests := []struct {
		name     string
		fn       string
		args     []logical.Expr
		wantType types.DataType
		wantNull bool
		wantSQL  string
		wantErr  string
	}{
		{"corr is double", "corr", []logical.Expr{x, y}, types.Double, true, "corr(x, y)", ""},
		{"corr rejects boolean", "corr", []logical.Expr{lit(types.Boolean, true, "true"), x}, nil, false, "", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"regr_count is non-null bigint", "regr_count", []logical.Expr{y, x}, types.Long, false, "regr_count(y, x)", ""},
		{"regr_avgx of decimal is decimal", "regr_avgx", []logical.Expr{y, col("d", types.Decimal{Precision: 5, Scale: 1})}, types.Decimal{Precision: 9, Scale: 5}, true, "regr_avgx(y, d)", ""},
		{"regr_avgy of int is double", "regr_avgy", []logical.Expr{y, x}, types.Double, true, "regr_avgy(y, x)", ""},
		{"kurtosis", "kurtosis", []logical.Expr{x}, types.Double, true, "kurtosis(x)", ""},
		{"bit_and keeps tinyint", "bit_and", []logical.Expr{col("t", types.Byte)}, types.Byte, true, "bit_and(t)", ""},
		{"bit_or rejects decimal", "bit_or", []logical.Expr{col("d", types.Decimal{Precision: 2, Scale: 1})}, nil, false, "", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"mode", "mode", []logical.Expr{x}, types.Int, true, "mode(x)", ""},
		{"mode deterministic name", "mode", []logical.Expr{x, lit(types.Boolean, true, "true")}, types.Int, true, "mode() WITHIN GROUP (ORDER BY x DESC)", ""},
		{"mode non-foldable flag", "mode", []logical.Expr{x, col("f", types.Boolean)}, nil, false, "", "NON_FOLDABLE_ARGUMENT"},
		{"listagg default delimiter", "listagg", []logical.Expr{s}, types.String, true, "listagg(s, NULL)", ""},
		{"listagg binary", "listagg", []logical.Expr{b, lit(types.Binary, []byte("B"), "X'42'")}, types.Binary, true, "listagg(b, X'42')", ""},
		{"listagg mixed types", "listagg", []logical.Expr{s, lit(types.Binary, []byte("B"), "X'42'")}, nil, false, "", "DATATYPE_MISMATCH.DATA_DIFF_TYPES"},
		{"listagg non-foldable delimiter", "string_agg", []logical.Expr{s, s}, nil, false, "", "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT"},
		{"max_by", "max_by", []logical.Expr{s, x}, types.String, true, "max_by(s, x)", ""},
		{"max_by top k", "max_by", []logical.Expr{s, x, lit(types.Int, int32(2), "2")}, types.Array{Elem: types.String, ContainsNull: true}, true, "max_by(s, x, 2)", ""},
		{"min_by k out of range", "min_by", []logical.Expr{s, x, lit(types.Int, int32(0), "0")}, nil, false, "", "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE"},
		{"min_by k non-foldable", "min_by", []logical.Expr{s, x, y}, nil, false, "", "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT"},
		{"try_sum of int is bigint", "try_sum", []logical.Expr{x}, types.Long, true, "try_sum(x)", ""},
		{"try_avg of decimal", "try_avg", []logical.Expr{col("d", types.Decimal{Precision: 38, Scale: 0})}, types.Decimal{Precision: 38, Scale: 4}, true, "try_avg(d)", ""},
		{"approx_count_distinct names only the column", "approx_count_distinct", []logical.Expr{x, lit(types.Double, 0.1, "0.1")}, types.Long, false, "approx_count_distinct(x)", ""},
		{"approx_count_distinct rsd too large", "approx_count_distinct", []logical.Expr{x, lit(types.Double, 0.5, "0.5")}, nil, false, "", "FAILED_FUNCTION_CALL"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := Call(c, tc.fn, tc.args, false)
			if tc.wantErr != "" {
				if se, ok := sparkerr.As(err); !ok || se.Class != tc.wantErr {
					t.Fatalf("got %v, want error %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !types.Equal(e.Type(), tc.wantType) {
				t.Errorf("type %s, want %s", e.Type().SimpleString(), tc.wantType.SimpleString())
			}
			if e.Nullable() != tc.wantNull {
				t.Errorf("nullable %v, want %v", e.Nullable(), tc.wantNull)
			}
			if e.SQL() != tc.wantSQL {
				t.Errorf("name %q, want %q", e.SQL(), tc.wantSQL)
			}
		})
	}
}

func TestHLLPrecision(t *testing.T) {
	for rsd, want := range map[float64]int{0.05: 9, 0.1: 7, 0.39: 4, 0.01: 14} {
		if got := hllPrecision(rsd); got != want {
			t.Errorf("rsd %v: p %d, want %d", rsd, got, want)
		}
	}
}
