package logical

import (
	"reflect"
	"testing"

	"github.com/emberdb/ember/internal/types"
)

func TestWindowsAndSortKeys(t *testing.T) {
	a := &ColRef{Attr: Attr{Name: "a", Type: types.Long}}
	b := &ColRef{Attr: Attr{Name: "b", Type: types.Long}}
	rn := &Call{Fn: "row_number", T: types.Int, Kind: WindowOnly}
	win := func(part []Expr, order []SortKey) *Window { return &Window{Fn: rn, Partition: part, Order: order} }
	w1 := win([]Expr{a}, []SortKey{{Expr: b, Desc: true}})
	w2 := win(nil, []SortKey{{Expr: b, NullsFirst: true}})
	tests := []struct {
		name  string
		exprs []Named
		want  [][]SortKey
	}{
		{"no window", []Named{{Expr: a}}, nil},
		{"partition then order", []Named{{Expr: a}, {Expr: w1}},
			[][]SortKey{{{Expr: a, NullsFirst: true}, {Expr: b, Desc: true}}}},
		{"nested in an expression, in order of appearance", []Named{{Expr: &Cast{Child: w2, To: types.String}}, {Expr: w1}},
			[][]SortKey{{{Expr: b, NullsFirst: true}}, {{Expr: a, NullsFirst: true}, {Expr: b, Desc: true}}}},
		{"unordered window", []Named{{Expr: win(nil, nil)}}, [][]SortKey{{}}},
	}
	for _, tc := range tests {
		var got [][]SortKey
		for _, w := range Windows(tc.exprs) {
			got = append(got, w.SortKeys())
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %+v, want %+v", tc.name, got, tc.want)
		}
	}
}
