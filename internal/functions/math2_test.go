package functions

import (
	"strings"
	"testing"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// Typing of the math family, checked against Spark 4.2.
func TestMath2Resolve(t *testing.T) {
	col := func(name string, t types.DataType, nullable bool) logical.Expr {
		return &logical.ColRef{Attr: logical.Attr{ID: logical.NewID(), Name: name, Type: t, Nullable: nullable}}
	}
	lit := func(t types.DataType, v any, text string) logical.Expr { return &logical.Lit{T: t, V: v, Text: text} }
	i32 := func(v int32) logical.Expr { return lit(types.Int, v, strings.TrimSpace(itoa(int(v)))) }
	dec := func(p, s int) types.Decimal { return types.Decimal{Precision: p, Scale: s} }
	ansi := &Ctx{ANSI: true, TimeZone: "UTC"}
	tests := []struct {
		name     string
		fn       string
		args     []logical.Expr
		wantType types.DataType
		wantNull bool
		wantSQL  string
		wantErr  string
	}{
		{"acos is double, nullable", "acos", []logical.Expr{col("v", types.Int, false)}, types.Double, true, "ACOS(v)", ""},
		{"atan2", "atan2", []logical.Expr{i32(1), i32(2)}, types.Double, false, "ATAN2(1, 2)", ""},
		{"pi", "pi", nil, types.Double, false, "PI()", ""},
		{"e", "e", nil, types.Double, false, "E()", ""},
		{"rint keeps its lower-case name", "rint", []logical.Expr{col("v", types.Double, false)}, types.Double, true, "rint(v)", ""},
		{"factorial is bigint", "factorial", []logical.Expr{col("n", types.Int, false)}, types.Long, true, "factorial(n)", ""},
		{"bin of a double", "bin", []logical.Expr{col("d", types.Double, false)}, types.String, false, "bin(d)", ""},
		{"conv", "conv", []logical.Expr{col("s", types.String, false), i32(2), i32(16)}, types.String, true, "conv(s, 2, 16)", ""},
		{"width_bucket", "width_bucket", []logical.Expr{col("v", types.Double, false), col("a", types.Double, false), col("b", types.Double, false), col("n", types.Int, false)}, types.Long, true, "width_bucket(v, a, b, n)", ""},
		{"bit_count of a boolean", "bit_count", []logical.Expr{col("b", types.Boolean, false)}, types.Int, false, "bit_count(b)", ""},
		{"bit_count of a string fails", "bit_count", []logical.Expr{col("s", types.String, false)}, nil, false, "", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"getbit is a tinyint", "getbit", []logical.Expr{col("l", types.Long, true), i32(1)}, types.Byte, true, "getbit(l, 1)", ""},
		{"ceil with a scale is a decimal", "ceil", []logical.Expr{lit(dec(5, 4), nil, "3.1411"), i32(-3)}, dec(4, 0), true, "ceil(3.1411, -3)", ""},
		{"floor of a double with a scale", "floor", []logical.Expr{col("d", types.Double, false), i32(1)}, dec(17, 1), true, "floor(d, 1)", ""},
		{"ceil of an int with a scale", "ceil", []logical.Expr{col("i", types.Int, false), i32(1)}, dec(11, 0), true, "ceil(i, 1)", ""},
		{"ceil scale must be foldable", "ceil", []logical.Expr{col("d", types.Double, false), col("s", types.Int, false)}, nil, false, "", "NON_FOLDABLE_ARGUMENT"},
		{"try_add of ints is an int", "try_add", []logical.Expr{col("a", types.Int, false), col("b", types.Int, false)}, types.Int, true, "try_add(a, b)", ""},
		{"try_divide of ints is a double", "try_divide", []logical.Expr{col("a", types.Int, false), col("b", types.Int, false)}, types.Double, true, "try_divide(a, b)", ""},
		{"try_add of a date and days", "try_add", []logical.Expr{col("d", types.Date, false), i32(1)}, types.Date, true, "try_add(d, 1)", ""},
		{"zeroifnull is not null", "zeroifnull", []logical.Expr{col("a", types.Int, true)}, types.Int, false, "zeroifnull(a)", ""},
		{"nullifzero is nullable", "nullifzero", []logical.Expr{col("a", types.Int, false)}, types.Int, true, "nullifzero(a)", ""},
		{"rand with a seed", "rand", []logical.Expr{i32(42)}, types.Double, false, "rand(42)", ""},
		{"rand hides a drawn seed", "rand", nil, types.Double, false, "rand()", ""},
		{"rand seed must be foldable", "rand", []logical.Expr{col("s", types.Int, false)}, nil, false, "", "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT"},
		{"uniform of ints is an int", "uniform", []logical.Expr{i32(5), i32(105), i32(3)}, types.Int, false, "uniform(5, 105, 3)", ""},
		{"uniform with a double is a double", "uniform", []logical.Expr{lit(types.Double, 5.0, "5.0"), i32(105), i32(3)}, types.Double, false, "uniform(5.0, 105, 3)", ""},
		{"uniform with a decimal is that decimal", "uniform", []logical.Expr{lit(dec(2, 1), nil, "5.0"), i32(105), i32(3)}, dec(2, 1), false, "uniform(5.0, 105, 3)", ""},
		{"randstr", "randstr", []logical.Expr{i32(16), i32(3)}, types.String, false, "randstr(16, 3)", ""},
		{"randstr length must be foldable", "randstr", []logical.Expr{col("n", types.Int, false)}, nil, false, "", "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := Call(ansi, tc.fn, tc.args, false)
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

// Every lowering of a seeded random call gets a fresh nonce, so each
// execution restarts Spark's sequence.
func TestRandLoweringIsFreshPerCall(t *testing.T) {
	e, err := Call(&Ctx{ANSI: true}, "rand", []logical.Expr{&logical.Lit{T: types.Int, V: int32(42), Text: "42"}}, false)
	if err != nil {
		t.Fatal(err)
	}
	c := e.(*logical.Call)
	a, _ := Lower(&LowerCtx{ANSI: true}, c, []string{"42"})
	b, _ := Lower(&LowerCtx{ANSI: true}, c, []string{"42"})
	if a == b || !strings.HasPrefix(a, "ember_rand(CAST(42 AS BIGINT), ") {
		t.Errorf("lowerings %q and %q", a, b)
	}
}
