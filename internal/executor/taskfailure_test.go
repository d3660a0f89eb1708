package executor

import (
	"errors"
	"strings"
	"testing"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
)

func TestTaskFailure35(t *testing.T) {
	s35 := session.New("a", "", "", "_SPARK_CONNECT_PYTHON spark/3.5.9", "")
	s4 := session.New("b", "", "", "_SPARK_CONNECT_PYTHON spark/4.2.0", "")
	rng := &logical.Range{End: 3}
	id := &logical.ColRef{Attr: logical.Attr{ID: 1, Name: "id"}}
	zero := &logical.Lit{V: int64(0)}
	perRow := []logical.Named{{Expr: &logical.Call{Fn: "divide", Args: []logical.Expr{id, zero}}}}
	constant := []logical.Named{{Expr: &logical.Call{Fn: "divide", Args: []logical.Expr{zero, zero}}}}
	passThrough := []logical.Named{{Expr: id}}
	count := []logical.Named{{Expr: &logical.Call{Fn: "count", Kind: logical.Agg, Args: []logical.Expr{zero}}}}
	sum := []logical.Named{{Expr: &logical.Call{Fn: "sum", Kind: logical.Agg, Args: []logical.Expr{id}}}}
	local := &logical.Project{Input: &logical.OneRow{}, Exprs: perRow}
	union := &logical.SetOp{Kind: logical.Union, All: true, Left: local, Right: &logical.Values{}}
	divide := func() error { return sparkerr.Newf("DIVIDE_BY_ZERO", "config", "\"spark.sql.ansi.enabled\"") }
	cases := []struct {
		name    string
		s       *session.Session
		lp      logical.Plan
		err     error
		wrapped bool
	}{
		{"3.5 over range", s35, &logical.Project{Input: rng, Exprs: perRow}, divide(), true},
		{"3.5 constant over range", s35, &logical.Project{Input: rng, Exprs: constant}, divide(), false},
		{"3.5 columns over range", s35, &logical.Filter{Input: &logical.Project{Input: rng, Exprs: passThrough}, Cond: id}, divide(), false},
		{"3.5 count over local projection", s35, &logical.Aggregate{Input: local, Aggs: count}, divide(), false},
		{"3.5 sum over local projection", s35, &logical.Aggregate{Input: local, Aggs: sum}, divide(), true},
		{"3.5 generator", s35, &logical.Generate{Input: rng}, divide(), true},
		{"3.5 projection over local rows", s35, local, divide(), false},
		{"3.5 union all of local rows", s35, &logical.Project{Input: union}, divide(), false},
		{"3.5 analysis error", s35, rng, sparkerr.Newf("UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", "objectName", "x"), false},
		{"3.5 non-Spark error", s35, rng, errors.New("boom"), false},
		{"4.x over range", s4, rng, divide(), false},
	}
	for _, c := range cases {
		got := taskFailure35(c.s, c.lp, c.err)
		se, _ := sparkerr.As(got)
		wrapped := se != nil && se.JavaClass == sparkerr.SparkException && se.Class == ""
		if wrapped != c.wrapped {
			t.Errorf("%s: wrapped = %v, want %v (%v)", c.name, wrapped, c.wrapped, got)
			continue
		}
		if wrapped {
			se.Spark35 = true
			msg := se.Message()
			if !strings.HasPrefix(msg, "Job aborted due to stage failure: ") ||
				!strings.Contains(msg, "(localhost executor driver): "+sparkerr.ArithmeticException+": [DIVIDE_BY_ZERO] ") {
				t.Errorf("%s: message %q", c.name, msg)
			}
			if !errors.Is(got, c.err) {
				t.Errorf("%s: the task's error is not the cause", c.name)
			}
		}
	}
}
