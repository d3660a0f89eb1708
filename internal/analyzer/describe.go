package analyzer

import (
	"fmt"
	"strings"

	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// describe is df.describe(cols) and summary is df.summary(stats): one
// string row per statistic, one string column per input column.
//
//	Union ─┬─ Project ['count' AS summary, count_a, count_b]
//	       ├─ Project ['mean'  AS summary, mean_a,  mean_b ]
//	       └─ ...         all over one Aggregate computing every statistic
func (a *Analyzer) describe(x *plan.Describe) (logical.Plan, error) {
	return a.statistics(x.Input, x.Cols, []string{"count", "mean", "stddev", "min", "max"})
}

func (a *Analyzer) summary(x *plan.Summary) (logical.Plan, error) {
	stats := x.Statistics
	if len(stats) == 0 {
		stats = []string{"count", "mean", "stddev", "min", "25%", "50%", "75%", "max"}
	}
	return a.statistics(x.Input, nil, stats)
}

func (a *Analyzer) statistics(input plan.Relation, colNames []string, stats []string) (logical.Plan, error) {
	in, err := a.Resolve(input)
	if err != nil {
		return nil, err
	}
	var cols []logical.Attr
	if len(colNames) > 0 {
		if cols, err = a.columnsFor(in, colNames); err != nil {
			return nil, err
		}
	} else {
		for _, at := range in.Output() {
			if types.IsNumeric(at.Type) || types.IsStringLike(at.Type) {
				cols = append(cols, at)
			}
		}
	}
	toStr := func(e logical.Expr) logical.Expr {
		return &logical.Cast{Child: e, To: types.String, Mode: logical.Legacy, Null: true}
	}
	call := func(name string, args ...logical.Expr) (logical.Expr, error) {
		return functions.Call(a.fctx, name, args, false)
	}
	var aggs []logical.Named
	statCols := make([][]logical.Attr, len(stats))
	for si, st := range stats {
		for _, at := range cols {
			ref := logical.Expr(&logical.ColRef{Attr: at})
			numeric := types.IsNumeric(at.Type)
			asDouble := &logical.Cast{Child: ref, To: types.Double, Mode: logical.Try, Null: true}
			var e logical.Expr
			switch lst := strings.ToLower(st); {
			case lst == "count":
				e, err = call("count", ref)
			case lst == "mean":
				if numeric {
					e, err = call("avg", ref)
				} else {
					e, err = call("avg", asDouble)
				}
			case lst == "stddev":
				e, err = call("stddev", asDouble)
			case lst == "min":
				e, err = call("min", ref)
			case lst == "max":
				e, err = call("max", ref)
			case lst == "count_distinct":
				e, err = functions.Call(a.fctx, "count", []logical.Expr{ref}, true)
			case lst == "approx_count_distinct":
				e, err = call("approx_count_distinct", ref)
			case strings.HasSuffix(lst, "%"):
				if !numeric {
					e = &logical.Lit{T: types.String, V: nil, Text: "NULL"}
					break
				}
				p, perr := parsePercent(lst)
				if perr != nil {
					return nil, perr
				}
				e, err = call("percentile_approx", ref, &logical.Lit{T: types.Double, V: p, Text: st})
			default:
				return nil, sparkerr.Newf("INVALID_PARAMETER_VALUE", "parameter", "`statistics`", "functionName", "`summary`", "message", st+" is not a recognised statistic")
			}
			if err != nil {
				return nil, err
			}
			nat := logical.Attr{ID: logical.NewID(), Name: at.Name, Type: types.String, Nullable: true}
			aggs = append(aggs, logical.Named{Attr: nat, Expr: toStr(e)})
			statCols[si] = append(statCols[si], nat)
		}
	}
	agg := &logical.Aggregate{Input: in, Aggs: aggs}
	out := []logical.Attr{{ID: logical.NewID(), Name: "summary", Type: types.String, Nullable: true}}
	for _, at := range cols {
		out = append(out, logical.Attr{ID: logical.NewID(), Name: at.Name, Type: types.String, Nullable: true})
	}
	var result logical.Plan
	for si, st := range stats {
		ns := []logical.Named{{Attr: logical.Attr{ID: logical.NewID(), Name: "summary", Type: types.String, Nullable: true}, Expr: &logical.Lit{T: types.String, V: st, Text: st}}}
		for _, sc := range statCols[si] {
			ns = append(ns, logical.Named{Attr: logical.Attr{ID: logical.NewID(), Name: sc.Name, Type: types.String, Nullable: true}, Expr: &logical.ColRef{Attr: sc}})
		}
		p := &logical.Project{Input: agg, Exprs: ns}
		if result == nil {
			result = p
			continue
		}
		result = &logical.SetOp{Left: result, Right: p, Kind: logical.Union, All: true, Out: freshAttrs(out)}
	}
	return result, nil
}

func freshAttrs(as []logical.Attr) []logical.Attr {
	out := make([]logical.Attr, len(as))
	for i, at := range as {
		at.ID = logical.NewID()
		out[i] = at
	}
	return out
}

func parsePercent(s string) (float64, error) {
	var v float64
	n, err := fmtSscan(strings.TrimSuffix(s, "%"), &v)
	if err != nil || n != 1 || v < 0 || v > 100 {
		return 0, sparkerr.Newf("INVALID_PARAMETER_VALUE", "parameter", "`statistics`", "functionName", "`summary`", "message", "unable to parse "+s+" as a percentile")
	}
	return v / 100, nil
}

func fmtSscan(s string, v *float64) (int, error) { return fmt.Sscan(s, v) }
