package analyzer_test

import (
	"testing"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
)

func TestAsOfJoin(t *testing.T) {
	left := &plan.SQL{Query: "SELECT 1 AS k, 5 AS t, 'x' AS s"}
	right := &plan.SQL{Query: "SELECT 1 AS k, 3 AS t, 'v' AS v"}
	at := func(name string) plan.Expr { return &plan.UnresolvedAttribute{Parts: []string{name}} }
	tests := []struct {
		name      string
		direction string
		using     []string
		want      string // output schema or error class
		forward   bool
		nearest   bool
	}{
		{name: "backward, no keys", direction: "backward", want: "k int not null, t int not null, s string not null, k int not null, t int not null, v string not null"},
		{name: "using keeps both sides", direction: "forward", using: []string{"k"}, forward: true,
			want: "k int not null, t int not null, s string not null, k int not null, t int not null, v string not null"},
		{name: "nearest", direction: "nearest", nearest: true,
			want: "k int not null, t int not null, s string not null, k int not null, t int not null, v string not null"},
		{name: "unknown direction", direction: "sideways", want: "error UNSUPPORTED_FEATURE.EMBER"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rel := &plan.AsOfJoin{Join: plan.Join{Left: left, Right: right, Type: plan.InnerJoin, Using: tc.using},
				LeftAsOf: at("t"), RightAsOf: at("t"), AllowExactMatches: true, Direction: tc.direction}
			p, err := resolveIR(t, rel)
			if err != nil {
				if got := "error " + errClass(err); got != tc.want {
					t.Fatalf("got %s, want %s", got, tc.want)
				}
				return
			}
			if got := schemaText(p); got != tc.want {
				t.Fatalf("got  %s\nwant %s", got, tc.want)
			}
			j, ok := p.(*logical.Join)
			if !ok || j.AsOf == nil {
				t.Fatalf("got %T without an as-of rule", p)
			}
			if j.AsOf.Forward != tc.forward || j.AsOf.Nearest != tc.nearest {
				t.Fatalf("direction flags %+v", j.AsOf)
			}
			if (len(tc.using) > 0) != (j.Cond != nil) {
				t.Fatalf("using columns should become the join condition, got %v", j.Cond)
			}
		})
	}
}
