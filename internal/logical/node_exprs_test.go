package logical

import (
	"reflect"
	"testing"

	"github.com/emberdb/ember/internal/types"
)

func TestNodeExprs(t *testing.T) {
	a := &ColRef{Attr: Attr{ID: 1, Name: "a", Type: types.Long}}
	b := &ColRef{Attr: Attr{ID: 2, Name: "b", Type: types.Long}}
	cond := &Call{Fn: "=", T: types.Boolean, Args: []Expr{a, b}}
	in := &OneRow{}
	tests := []struct {
		name   string
		p      Plan
		want   []Expr
		wantOK bool
	}{
		{"project", &Project{Input: in, Exprs: []Named{{Expr: a}, {Expr: b}}}, []Expr{a, b}, true},
		{"filter", &Filter{Input: in, Cond: cond}, []Expr{cond}, true},
		{"sort", &Sort{Input: in, Keys: []SortKey{{Expr: b}}}, []Expr{b}, true},
		{"aggregate: groups, then aggregates", &Aggregate{Input: in, Groups: []Expr{a}, Aggs: []Named{{Expr: b}}}, []Expr{a, b}, true},
		{"cross join: output only", &Join{Left: in, Right: in, Out: []Named{{Expr: a}}}, []Expr{a}, true},
		{"join: condition, then output", &Join{Left: in, Right: in, Cond: cond, Out: []Named{{Expr: a}}}, []Expr{cond, a}, true},
		{"distinct keys", &Distinct{Input: in, Keys: []Expr{b}}, []Expr{b}, true},
		{"a leaf has none it knows of", in, nil, false},
		{"limit is left to the caller", &Limit{Input: in}, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := NodeExprs(tc.p)
			if ok != tc.wantOK || !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("NodeExprs = %v, %v; want %v, %v", got, ok, tc.want, tc.wantOK)
			}
		})
	}
}
