package executor

import (
	"context"
	"testing"

	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sparkpb"
)

func exprString(s string) *sparkpb.Expression {
	return &sparkpb.Expression{ExprType: &sparkpb.Expression_ExpressionString_{ExpressionString: &sparkpb.Expression_ExpressionString{Expression: s}}}
}

func observeRel(in *sparkpb.Relation, name string, metrics ...string) *sparkpb.Relation {
	cm := &sparkpb.CollectMetrics{Input: in, Name: name}
	for _, m := range metrics {
		cm.Metrics = append(cm.Metrics, exprString(m))
	}
	return &sparkpb.Relation{RelType: &sparkpb.Relation_CollectMetrics{CollectMetrics: cm}}
}

func TestObservedMetrics(t *testing.T) {
	c, s := newTestCore(t)
	n, resps := rowCount(t, c, s, rootPlan(filterRel(observeRel(rangeRel(10), "m", "count(1) AS c", "sum(id) AS total", "max(id)"), "id < 3")))
	if n != 3 {
		t.Errorf("rows = %d, want 3", n)
	}
	var om *sparkpb.ExecutePlanResponse_ObservedMetrics
	for _, r := range resps {
		if len(r.GetObservedMetrics()) > 0 {
			om = r.GetObservedMetrics()[0]
		}
	}
	if om == nil {
		t.Fatal("no observed metrics")
	}
	if om.GetName() != "m" || len(om.GetKeys()) != 3 || om.GetKeys()[0] != "c" || om.GetKeys()[2] != "max(id)" {
		t.Errorf("metrics %v", om)
	}
	if om.GetValues()[0].GetLong() != 10 || om.GetValues()[1].GetLong() != 45 || om.GetValues()[2].GetLong() != 9 {
		t.Errorf("values %v", om.GetValues())
	}
}

func TestObserveErrors(t *testing.T) {
	c, s := newTestCore(t)
	for _, tc := range []struct {
		metric, class string
	}{
		{"id", "INVALID_OBSERVED_METRICS.NON_AGGREGATE_FUNC_ARG_IS_ATTRIBUTE"},
		{"id + 1 AS x", "INVALID_OBSERVED_METRICS.NON_AGGREGATE_FUNC_ARG_IS_ATTRIBUTE"},
		{"count(DISTINCT id) AS d", "INVALID_OBSERVED_METRICS.AGGREGATE_EXPRESSION_WITH_DISTINCT_UNSUPPORTED"},
		{"rand(1) + sum(id) AS r", "INVALID_OBSERVED_METRICS.NON_AGGREGATE_FUNC_ARG_IS_NON_DETERMINISTIC"},
	} {
		err := c.Execute(context.Background(), s, rootPlan(observeRel(rangeRel(3), "bad", tc.metric)), func(*sparkpb.ExecutePlanResponse) error { return nil })
		se, ok := sparkerr.As(err)
		if !ok || se.Class != tc.class {
			t.Errorf("%s: error %v, want %s", tc.metric, err, tc.class)
		}
	}
}
