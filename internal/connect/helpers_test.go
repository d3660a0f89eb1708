package connect

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sparkpb"
	"github.com/emberdb/ember/internal/sql"
	"github.com/emberdb/ember/internal/types"
)

// Proto builders keep the test tables short.

func pid(id int64) *sparkpb.RelationCommon { return &sparkpb.RelationCommon{PlanId: &id} }

func rangeRel(end int64) *sparkpb.Relation {
	return &sparkpb.Relation{RelType: &sparkpb.Relation_Range{Range: &sparkpb.Range{End: end, Step: 1}}}
}

func withID(r *sparkpb.Relation, id int64) *sparkpb.Relation {
	r.Common = pid(id)
	return r
}

func col(name string) *sparkpb.Expression {
	return &sparkpb.Expression{ExprType: &sparkpb.Expression_UnresolvedAttribute_{
		UnresolvedAttribute: &sparkpb.Expression_UnresolvedAttribute{UnparsedIdentifier: name}}}
}

func lit(l *sparkpb.Expression_Literal) *sparkpb.Expression {
	return &sparkpb.Expression{ExprType: &sparkpb.Expression_Literal_{Literal: l}}
}

func intLitPB(n int32) *sparkpb.Expression_Literal {
	return &sparkpb.Expression_Literal{LiteralType: &sparkpb.Expression_Literal_Integer{Integer: n}}
}

func strLitPB(s string) *sparkpb.Expression_Literal {
	return &sparkpb.Expression_Literal{LiteralType: &sparkpb.Expression_Literal_String_{String_: s}}
}

func fn(name string, args ...*sparkpb.Expression) *sparkpb.Expression {
	return &sparkpb.Expression{ExprType: &sparkpb.Expression_UnresolvedFunction_{
		UnresolvedFunction: &sparkpb.Expression_UnresolvedFunction{FunctionName: name, Arguments: args}}}
}

func sortOrderPB(e *sparkpb.Expression, dir sparkpb.Expression_SortOrder_SortDirection, nulls sparkpb.Expression_SortOrder_NullOrdering) *sparkpb.Expression_SortOrder {
	return &sparkpb.Expression_SortOrder{Child: e, Direction: dir, NullOrdering: nulls}
}

func ptr[T any](v T) *T { return &v }

// IR builders.

func attr(parts ...string) *plan.UnresolvedAttribute { return &plan.UnresolvedAttribute{Parts: parts} }

func ilit(n int32) *plan.Literal { return &plan.Literal{Type: types.Int, Value: n} }

func irRange(end int64) *plan.Range { return &plan.Range{End: end, Step: 1} }

func irRangeID(end, id int64) *plan.Range {
	r := irRange(end)
	r.PlanID, r.HasPlanID = id, true
	return r
}

// show renders a value for failure messages.
func show(v any) string {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err.Error()
	}
	return string(b)
}

func assertEqual(t *testing.T, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("mismatch\n got: %s\nwant: %s", show(got), show(want))
	}
}

// assertErrClass checks that err is a Spark error of the given class whose
// message contains substr.
func assertErrClass(t *testing.T, err error, class, substr string) {
	t.Helper()
	if err == nil {
		t.Fatalf("expected %s error, got none", class)
	}
	se, ok := sparkerr.As(err)
	if !ok {
		t.Fatalf("expected a *sparkerr.Error %s, got %T: %v", class, err, err)
	}
	if se.Class != class {
		t.Fatalf("error class = %s, want %s (%v)", se.Class, class, err)
	}
	if !strings.Contains(se.Error(), substr) {
		t.Fatalf("error %q does not contain %q", se.Error(), substr)
	}
}

// sqlReady reports whether package sql's parsers are implemented yet (they
// are written concurrently with this package).
func sqlReady() bool {
	parts, err := sql.ParseMultipartIdentifier("a.b")
	return err == nil && len(parts) == 2
}

func needSQL(t *testing.T) {
	t.Helper()
	if !sqlReady() {
		t.Skip("package sql parsers are not implemented yet")
	}
}
