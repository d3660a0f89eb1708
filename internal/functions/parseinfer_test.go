package functions

import (
	"testing"

	"github.com/emberdb/ember/internal/types"
)

func TestMergeCSVTypes(t *testing.T) {
	tests := []struct {
		a, b, want types.DataType
	}{
		{nil, types.Int, types.Int},
		{types.Int, types.Int, types.Int},
		{types.Int, types.Long, types.Long},
		{types.Int, types.Double, types.Double},
		{types.Long, types.Decimal{Precision: 20}, types.Decimal{Precision: 20}},
		{types.Date, types.Timestamp, types.Timestamp},
		{types.Boolean, types.Int, types.String},
		{types.String, types.Double, types.String},
	}
	for _, tt := range tests {
		if got := MergeCSVTypes(tt.a, tt.b); !types.Equal(got, tt.want) {
			t.Errorf("MergeCSVTypes(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestInferJSONRecord(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{`{"b": 1, "a": "x"}`, "STRUCT<a: STRING, b: BIGINT>", true},
		{`{'a': 1.5}`, "STRUCT<a: DOUBLE>", true},
		{`{bad`, "", false},
	}
	for _, tt := range tests {
		got, ok := InferJSONRecord(tt.in, nil)
		if ok != tt.ok || ok && SparkTypeSQL(CanonicalJSONType(got)) != tt.want {
			t.Errorf("InferJSONRecord(%q) = %v, %v; want %s, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
