package functions

import (
	"strings"
	"testing"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// TestCollection3Resolve checks typing, nullability, generated names and
// type errors of the collection functions against what Spark 4.2 reports.
func TestCollection3Resolve(t *testing.T) {
	col := func(name string, t types.DataType, nullable bool) logical.Expr {
		return &logical.ColRef{Attr: logical.Attr{ID: logical.NewID(), Name: name, Type: t, Nullable: nullable}}
	}
	lit := func(t types.DataType, v any, text string) logical.Expr { return &logical.Lit{T: t, V: v, Text: text} }
	ints := types.Array{Elem: types.Int, ContainsNull: false}
	intsN := types.Array{Elem: types.Int, ContainsNull: true}
	strs := types.Array{Elem: types.String, ContainsNull: true}
	m := types.Map{Key: types.Int, Value: types.String, ValueContainsNull: true}
	one := lit(types.Int, int32(1), "1")
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
		{"append a nullable element", "array_append", []logical.Expr{col("a", ints, false), col("x", types.Int, true)}, intsN, false, "array_append(a, x)", ""},
		{"append widens the element", "array_append", []logical.Expr{col("a", ints, false), lit(types.Long, int64(1), "1")}, types.Array{Elem: types.Long}, false, "array_append(a, 1)", ""},
		{"append does not promote to string", "array_append", []logical.Expr{col("a", ints, false), lit(types.String, "x", "x")}, nil, false, "", "DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES"},
		{"prepend", "array_prepend", []logical.Expr{col("a", strs, true), lit(types.String, "x", "x")}, strs, true, "array_prepend(a, x)", ""},
		{"compact drops nulls", "array_compact", []logical.Expr{col("a", intsN, true)}, ints, true, "array_compact(a)", ""},
		{"insert pads with nulls", "array_insert", []logical.Expr{col("a", ints, false), one, one}, intsN, false, "array_insert(a, 1, 1)", ""},
		{"insert position must be integral", "array_insert", []logical.Expr{col("a", ints, false), lit(types.String, "a", "a"), one}, nil, false, "", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"remove", "array_remove", []logical.Expr{col("a", ints, false), one}, ints, false, "array_remove(a, 1)", ""},
		{"repeat", "array_repeat", []logical.Expr{col("s", types.String, true), lit(types.Int, int32(3), "3")}, strs, false, "array_repeat(s, 3)", ""},
		{"size", "array_size", []logical.Expr{col("a", ints, true)}, types.Int, true, "array_size(a)", ""},
		{"size of a non-array", "array_size", []logical.Expr{one}, nil, false, "", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"overlap with null elements is nullable", "arrays_overlap", []logical.Expr{col("a", intsN, false), col("b", ints, false)}, types.Boolean, true, "arrays_overlap(a, b)", ""},
		{"overlap of unrelated arrays", "arrays_overlap", []logical.Expr{col("a", ints, false), col("b", strs, false)}, nil, false, "", "DATATYPE_MISMATCH.BINARY_ARRAY_DIFF_TYPES"},
		{"zip names fields after columns", "arrays_zip", []logical.Expr{col("nums", ints, false), col("letters", strs, false)},
			types.Array{Elem: types.Struct{Fields: []types.Field{{Name: "nums", Type: types.Int, Nullable: true}, {Name: "letters", Type: types.String, Nullable: true}}}}, false, "arrays_zip(nums, letters)", ""},
		{"flatten", "flatten", []logical.Expr{col("a", types.Array{Elem: ints, ContainsNull: true}, false)}, ints, true, "flatten(a)", ""},
		{"flatten needs nested arrays", "flatten", []logical.Expr{col("a", ints, false)}, nil, false, "", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"sequence of ints", "sequence", []logical.Expr{one, lit(types.Int, int32(5), "5")}, ints, false, "sequence(1, 5)", ""},
		{"sequence widens to bigint", "sequence", []logical.Expr{one, col("l", types.Long, true)}, types.Array{Elem: types.Long}, true, "sequence(1, l)", ""},
		{"sequence of decimals", "sequence", []logical.Expr{lit(types.Decimal{Precision: 2, Scale: 1}, nil, "1.5"), one}, nil, false, "", "DATATYPE_MISMATCH.SEQUENCE_WRONG_INPUT_TYPES"},
		{"sequence of dates is not supported", "sequence", []logical.Expr{col("d", types.Date, false), col("e", types.Date, false)}, nil, false, "", "UNSUPPORTED_FEATURE.EMBER"},
		{"try_element_at of a map", "try_element_at", []logical.Expr{col("m", m, false), one}, types.String, true, "try_element_at(m, 1)", ""},
		{"map_contains_key", "map_contains_key", []logical.Expr{col("m", m, false), one}, types.Boolean, false, "map_contains_key(m, 1)", ""},
		{"map_contains_key of another type", "map_contains_key", []logical.Expr{col("m", m, false), col("a", ints, false)}, nil, false, "", "DATATYPE_MISMATCH.MAP_FUNCTION_DIFF_TYPES"},
		{"map_entries", "map_entries", []logical.Expr{col("m", m, true)},
			types.Array{Elem: types.Struct{Fields: []types.Field{{Name: "key", Type: types.Int}, {Name: "value", Type: types.String, Nullable: true}}}}, true, "map_entries(m)", ""},
		{"map_from_arrays", "map_from_arrays", []logical.Expr{col("k", ints, false), col("v", strs, false)}, types.Map{Key: types.Int, Value: types.String, ValueContainsNull: true}, false, "map_from_arrays(k, v)", ""},
		{"map_from_entries needs pairs", "map_from_entries", []logical.Expr{col("a", ints, false)}, nil, false, "", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"map_concat of nothing", "map_concat", nil, types.Map{Key: types.String, Value: types.String}, false, "map_concat()", ""},
		{"map_concat of a non-map", "map_concat", []logical.Expr{col("m", m, false), one}, nil, false, "", "DATATYPE_MISMATCH.MAP_CONCAT_DIFF_TYPES"},
		{"map_concat of different maps", "map_concat", []logical.Expr{col("m", m, false), col("n", types.Map{Key: types.String, Value: types.Int}, false)}, nil, false, "", "DATATYPE_MISMATCH.DATA_DIFF_TYPES"},
		{"str_to_map shows its defaults", "str_to_map", []logical.Expr{col("s", types.String, true)}, types.Map{Key: types.String, Value: types.String, ValueContainsNull: true}, true, "str_to_map(s, ,, :)", ""},
		{"str_to_map of a number", "str_to_map", []logical.Expr{one}, nil, false, "", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"shuffle hides its seed", "shuffle", []logical.Expr{col("a", ints, false), lit(types.Int, int32(123), "123")}, ints, false, "shuffle(a)", ""},
		{"shuffle seed must be a literal", "shuffle", []logical.Expr{col("a", ints, false), col("s", types.Long, false)}, nil, false, "", "INVALID_PARAMETER_VALUE.LONG"},
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

// TestMapBuildPolicy checks that map construction follows
// spark.sql.mapKeyDedupPolicy.
func TestMapBuildPolicy(t *testing.T) {
	if got := mapBuild(&LowerCtx{}, "k", "v"); got != "ember_map_build(k, v, false)" {
		t.Errorf("EXCEPTION policy: %s", got)
	}
	if got := mapBuild(&LowerCtx{MapKeyLastWin: true}, "k", "v"); got != "ember_map_build(k, v, true)" {
		t.Errorf("LAST_WIN policy: %s", got)
	}
	found := false
	for _, m := range Macros {
		if strings.Contains(m, "MACRO ember_map_build(") {
			found = strings.Contains(m, "DUPLICATED_MAP_KEY") && strings.Contains(m, "NULL_MAP_KEY")
		}
	}
	if !found {
		t.Error("ember_map_build does not raise DUPLICATED_MAP_KEY and NULL_MAP_KEY")
	}
}

func TestSQLTypeText(t *testing.T) {
	for _, tc := range []struct {
		t    types.DataType
		want string
	}{
		{types.Map{Key: types.Int, Value: types.String}, "MAP<INT, STRING>"},
		{types.Array{Elem: types.Struct{Fields: []types.Field{{Name: "a", Type: types.Long}}}}, "ARRAY<STRUCT<a: BIGINT>>"},
	} {
		if got := sqlTypeText(tc.t); got != tc.want {
			t.Errorf("sqlTypeText = %q, want %q", got, tc.want)
		}
	}
}
