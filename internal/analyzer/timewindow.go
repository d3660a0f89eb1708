package analyzer

import (
	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
)

// timeWindowFilter drops the rows whose time is NULL below a projection or
// aggregation that computes a time window (window(ts, ...)), as Spark's
// TimeWindowing rule does; several different windows are an error.
func (a *Analyzer) timeWindowFilter(in logical.Plan, exprs []logical.Expr) (logical.Plan, error) {
	var found *logical.Call
	var err error
	for _, e := range exprs {
		logical.Walk(e, func(x logical.Expr) bool {
			c, ok := x.(*logical.Call)
			if !ok || c.Fn != functions.TimeWindowFn {
				return true
			}
			if found != nil && functions.DefaultPretty(c.Fn, found.Args, false) != functions.DefaultPretty(c.Fn, c.Args, false) {
				err = &sparkerr.Error{Class: "_LEGACY_ERROR_TEMP_1039", JavaClass: sparkerr.AnalysisException,
					Text: "Multiple time/session window expressions would result in a cartesian product of rows, therefore they are currently not supported."}
			}
			found = c
			return false
		})
	}
	if err != nil || found == nil {
		return in, err
	}
	cond, err := functions.Call(a.fctx, "isnotnull", []logical.Expr{found.Args[0]}, false)
	if err != nil {
		return nil, err
	}
	return &logical.Filter{Input: in, Cond: cond}, nil
}

func namedExprs(ns []logical.Named) []logical.Expr {
	out := make([]logical.Expr, len(ns))
	for i, n := range ns {
		out[i] = n.Expr
	}
	return out
}
