package duckdb

import (
	"testing"

	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// dropDuplicatesWithinWatermark analyzes on batch data but cannot run:
// lowering any plan that contains it fails with Spark's error.
func TestLowerDedupWithinWatermark(t *testing.T) {
	rng := &logical.Range{End: 3, Step: 1, Attr: logical.Attr{ID: logical.NewID(), Name: "id", Type: types.Long}}
	key := &logical.ColRef{Attr: rng.Attr}
	tests := []struct {
		name    string
		plan    logical.Plan
		wantErr bool
	}{
		{name: "dropDuplicates", plan: &logical.Distinct{Input: rng, Keys: []logical.Expr{key}}},
		{name: "within watermark", plan: &logical.Distinct{Input: rng, Keys: []logical.Expr{key}, WithinWatermark: true}, wantErr: true},
		{name: "below a limit", plan: &logical.Limit{Input: &logical.Distinct{Input: rng, WithinWatermark: true}, N: 1}, wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Query(&functions.LowerCtx{}, tc.plan)
			if !tc.wantErr {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			se, ok := sparkerr.As(err)
			if !ok || se.Class != "_LEGACY_ERROR_TEMP_3102" || se.JavaClass != sparkerr.AnalysisException {
				t.Fatalf("got %v", err)
			}
		})
	}
}
