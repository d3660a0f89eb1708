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
	local := &logical.Project{Input: &logical.OneRow{}}
	union := &logical.SetOp{Kind: logical.Union, All: true, Left: local, Right: &logical.Values{}}
	divide := func() error { return sparkerr.Newf("DIVIDE_BY_ZERO", "config", "\"spark.sql.ansi.enabled\"") }
	cases := []struct {
		name    string
		s       *session.Session
		lp      logical.Plan
		err     error
		wrapped bool
	}{
		{"3.5 over range", s35, &logical.Project{Input: rng}, divide(), true},
		{"3.5 aggregate over local", s35, &logical.Aggregate{Input: local}, divide(), true},
		{"3.5 folded on the driver", s35, local, divide(), false},
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
