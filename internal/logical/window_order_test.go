package logical

import (
	"reflect"
	"testing"

	"github.com/emberdb/ember/internal/types"
)

func TestWindowRowOrder(t *testing.T) {
	a := &ColRef{Attr: Attr{Name: "a", Type: types.Long}}
	b := &ColRef{Attr: Attr{Name: "b", Type: types.Long}}
	rn := &Call{Fn: "row_number", T: types.Int, Kind: WindowOnly}
	win := func(part []Expr, order []SortKey) Expr { return &Window{Fn: rn, Partition: part, Order: order} }
	tests := []struct {
		name  string
		exprs []Named
		want  []SortKey
	}{
		{"no window", []Named{{Expr: a}}, nil},
		{"partition then order", []Named{{Expr: a}, {Expr: win([]Expr{a}, []SortKey{{Expr: b, Desc: true}})}},
			[]SortKey{{Expr: a, NullsFirst: true}, {Expr: b, Desc: true}}},
		{"nested in an expression", []Named{{Expr: &Cast{Child: win(nil, []SortKey{{Expr: b, NullsFirst: true}}), To: types.String}}},
			[]SortKey{{Expr: b, NullsFirst: true}}},
		{"unordered window", []Named{{Expr: win(nil, nil)}}, nil},
		{"first spec wins", []Named{{Expr: win([]Expr{b}, nil)}, {Expr: win([]Expr{a}, nil)}},
			[]SortKey{{Expr: b, NullsFirst: true}}},
	}
	for _, tc := range tests {
		if got := WindowRowOrder(tc.exprs); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %+v, want %+v", tc.name, got, tc.want)
		}
	}
}
