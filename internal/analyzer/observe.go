package analyzer

import (
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
)

// nondeterministic are the built-ins whose value changes between
// evaluations (observe accepts them only inside an aggregate).
var nondeterministic = map[string]bool{
	"rand": true, "randn": true, "random": true, "uuid": true, "shuffle": true,
	"monotonically_increasing_id": true, "spark_partition_id": true, "uniform": true, "randstr": true,
	"input_file_name": true, "input_file_block_start": true, "input_file_block_length": true,
}

// collectMetrics resolves DataFrame.observe: the metrics are resolved over
// the input like an aggregation without groups and checked as Spark's
// CheckAnalysis checks observed metrics: attributes and nondeterministic
// expressions only inside aggregates, no nested, DISTINCT or FILTERed
// aggregates, no window functions, and one definition per name.
func (a *Analyzer) collectMetrics(x *plan.CollectMetrics) (logical.Plan, error) {
	in, err := a.Resolve(x.Input)
	if err != nil {
		return nil, err
	}
	s := a.scopeOf(in)
	metrics, err := a.metrics(x.Metrics, s)
	if err != nil {
		return nil, err
	}
	out := &logical.CollectMetrics{Input: in, Name: x.Name, Metrics: metrics}
	if x.Name == "" {
		return nil, sparkerr.Newf("INVALID_OBSERVED_METRICS.MISSING_NAME", "operator", "CollectMetrics "+metricsSQL(metrics))
	}
	for _, m := range metrics {
		if err := checkMetric(m); err != nil {
			return nil, err
		}
	}
	if err := checkMetricNames(out); err != nil {
		return nil, err
	}
	return out, nil
}

// metrics resolves observed metrics. Spark resolves them without its
// aggregate operator's check for nested aggregates; checkMetric reports
// those as invalid metrics instead.
func (a *Analyzer) metrics(exprs []plan.Expr, s *scope) ([]logical.Named, error) {
	saved := a.fctx.DeferNestedAggregates
	a.fctx.DeferNestedAggregates = true
	defer func() { a.fctx.DeferNestedAggregates = saved }()
	var out []logical.Named
	for _, e := range exprs {
		ns, err := a.named(e, s)
		if err != nil {
			return nil, err
		}
		out = append(out, ns...)
	}
	return out, nil
}

// metricSQL is how Spark prints a metric in errors: its expression, with
// the alias when the metric is not a bare column.
func metricSQL(m logical.Named) string {
	if r, ok := m.Expr.(*logical.ColRef); ok && r.Attr.ID == m.Attr.ID {
		return `"` + m.Attr.Name + `"`
	}
	return `"` + m.Expr.SQL() + " AS " + m.Attr.Name + `"`
}

func metricsSQL(ms []logical.Named) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = strings.Trim(metricSQL(m), `"`)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func checkMetric(m logical.Named) error {
	var walk func(e logical.Expr, inAgg bool) error
	walk = func(e logical.Expr, inAgg bool) error {
		fail := func(class string) error {
			return sparkerr.Newf("INVALID_OBSERVED_METRICS."+class, "expr", metricSQL(m))
		}
		switch x := e.(type) {
		case *logical.ColRef:
			if !inAgg {
				return fail("NON_AGGREGATE_FUNC_ARG_IS_ATTRIBUTE")
			}
			return nil
		case *logical.Window:
			return fail("WINDOW_EXPRESSIONS_UNSUPPORTED")
		case *logical.Call:
			if x.Kind == logical.Agg {
				switch {
				case inAgg:
					return fail("NESTED_AGGREGATES_UNSUPPORTED")
				case x.Distinct:
					return fail("AGGREGATE_EXPRESSION_WITH_DISTINCT_UNSUPPORTED")
				case x.Filter != nil:
					return fail("AGGREGATE_EXPRESSION_WITH_FILTER_UNSUPPORTED")
				}
				inAgg = true
			} else if nondeterministic[x.Fn] && !inAgg {
				return fail("NON_AGGREGATE_FUNC_ARG_IS_NON_DETERMINISTIC")
			}
		}
		var err error
		first := true
		logical.Walk(e, func(ch logical.Expr) bool {
			if first {
				first = false
				return true // e itself
			}
			if err == nil {
				err = walk(ch, inAgg)
			}
			return false
		})
		return err
	}
	return walk(m.Expr, false)
}

// checkMetricNames rejects two observations of one name with different
// metrics in a plan.
func checkMetricNames(root *logical.CollectMetrics) error {
	seen := map[string]string{}
	var walk func(p logical.Plan) error
	walk = func(p logical.Plan) error {
		if cm, ok := p.(*logical.CollectMetrics); ok {
			def := metricsSQL(cm.Metrics)
			if prev, dup := seen[cm.Name]; dup && prev != def {
				return sparkerr.Newf("DUPLICATED_METRICS_NAME", "metricName", cm.Name)
			}
			seen[cm.Name] = def
		}
		for _, ch := range p.Children() {
			if err := walk(ch); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(root)
}
