package sql

import (
	"testing"

	"github.com/emberdb/ember/internal/plan"
)

func TestSpans(t *testing.T) {
	text := "SELECT a + 1 AS x, f(b)\nFROM t JOIN s ON t.k = s.k WHERE c > 0"
	st, spans, err := ParseStatementSpans(text)
	if err != nil {
		t.Fatal(err)
	}
	src := func(n any) string {
		sp, ok := spans[n]
		if !ok {
			return "<none>"
		}
		return text[sp.Start:sp.End]
	}
	proj := st.(*QueryStatement).Rel.(*plan.Project)
	alias := proj.Exprs[0].(*plan.Alias)
	plus := alias.Child.(*plan.UnresolvedFunction)
	checks := []struct {
		n    any
		want string
	}{
		{alias, "a + 1 AS x"},
		{plus, "a + 1"},
		{plus.Args[0], "a"},
		{plus.Args[1], "1"},
		{proj.Exprs[1], "f(b)"},
		{proj.Exprs[1].(*plan.UnresolvedFunction).Args[0], "b"},
	}
	filter := proj.Input.(*plan.Filter)
	join := filter.Input.(*plan.Join)
	checks = append(checks,
		struct {
			n    any
			want string
		}{filter.Cond, "c > 0"},
		struct {
			n    any
			want string
		}{join, "t JOIN s ON t.k = s.k"},
		struct {
			n    any
			want string
		}{join.Right, "s"},
		struct {
			n    any
			want string
		}{proj, text},
	)
	for _, c := range checks {
		if got := src(c.n); got != c.want {
			t.Errorf("%T: got %q want %q", c.n, got, c.want)
		}
	}
	line, col := spans[filter.Cond].LineCol(text)
	if line != 2 || col != 33 {
		t.Errorf("line %d col %d", line, col)
	}
}
