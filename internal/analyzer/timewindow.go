package analyzer

import (
	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
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
			if !ok || (c.Fn != functions.TimeWindowFn && c.Fn != functions.SessionWindowFn) {
				return true
			}
			if found != nil && functions.DefaultPretty(found.Fn, found.Args, false) != functions.DefaultPretty(c.Fn, c.Args, false) {
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

// sessionWindow rewrites an aggregation grouped by session_window(ts, gap)
// for batch data: each row opens [ts, ts + gap); within the other grouping
// keys, rows ordered by ts whose window starts before the end of all the
// earlier ones join their session, which spans from its first start to its
// last end. The session becomes a column computed below the aggregation
// (window functions over the input) that replaces the call.
func (a *Analyzer) sessionWindow(in logical.Plan, groups []logical.Expr, out []logical.Named) (logical.Plan, []logical.Expr, []logical.Named, error) {
	var sw *logical.Call
	var keys []logical.Expr
	for _, g := range groups {
		if c, ok := g.(*logical.Call); ok && c.Fn == functions.SessionWindowFn {
			if sw != nil {
				return nil, nil, nil, &sparkerr.Error{Class: "_LEGACY_ERROR_TEMP_1039", JavaClass: sparkerr.AnalysisException,
					Text: "Multiple time/session window expressions would result in a cartesian product of rows, therefore they are currently not supported."}
			}
			sw = c
			continue
		}
		keys = append(keys, g)
	}
	if sw == nil {
		return in, groups, out, nil
	}
	var err error
	call := func(name string, args ...logical.Expr) logical.Expr {
		e, cerr := functions.Call(a.fctx, name, args, false)
		if cerr != nil {
			if err == nil {
				err = cerr
			}
			return &logical.Lit{T: types.Null}
		}
		return e
	}
	ts := sw.Args[0]
	newAttr := func(name string, e logical.Expr) logical.Named {
		return logical.Named{Attr: logical.Attr{ID: logical.NewID(), Name: name, Type: e.Type(), Nullable: true}, Expr: e}
	}
	pass := func(p logical.Plan, extra ...logical.Named) *logical.Project {
		return &logical.Project{Input: p, Exprs: append(refsToNamed(attrRefs(p.Output())), extra...)}
	}
	start := newAttr("__session_start", ts)
	end := newAttr("__session_end", call("+", ts, sw.Args[1]))
	p1 := pass(in, start, end)
	sRef, eRef := &logical.ColRef{Attr: start.Attr}, &logical.ColRef{Attr: end.Attr}
	f1 := &logical.Filter{Input: p1, Cond: call("and", call("isnotnull", sRef), call(">", eRef, sRef))}
	order := []logical.SortKey{{Expr: sRef, NullsFirst: true}}
	one := &logical.Lit{V: int64(-1), T: types.Long, Text: "-1"}
	prev := newAttr("__session_prev_end", &logical.Window{Fn: call("max", eRef), Partition: keys, Order: order,
		Frame: &logical.Frame{Rows: true, Lower: logical.FrameBound{Unbounded: true}, Upper: logical.FrameBound{Offset: one}}})
	p2 := pass(f1, prev)
	pRef := &logical.ColRef{Attr: prev.Attr}
	newSession := call("when", call("or", call("isnull", pRef), call(">=", sRef, pRef)),
		&logical.Lit{V: int64(1), T: types.Long, Text: "1"}, &logical.Lit{V: int64(0), T: types.Long, Text: "0"})
	sid := newAttr("__session_id", &logical.Window{Fn: call("sum", newSession), Partition: keys, Order: order,
		Frame: &logical.Frame{Rows: true, Lower: logical.FrameBound{Unbounded: true}, Upper: logical.FrameBound{CurrentRow: true}}})
	p3 := pass(p2, sid)
	part := append(append([]logical.Expr{}, keys...), &logical.ColRef{Attr: sid.Attr})
	session := call("named_struct",
		&logical.Lit{V: "start", T: types.String, Text: "start"}, &logical.Window{Fn: call("min", sRef), Partition: part},
		&logical.Lit{V: "end", T: types.String, Text: "end"}, &logical.Window{Fn: call("max", eRef), Partition: part})
	sess := logical.Named{Attr: logical.Attr{ID: logical.NewID(), Name: "session_window", Type: sw.Type(), Nullable: false}, Expr: session}
	p4 := pass(p3, sess)
	ref := &logical.ColRef{Attr: sess.Attr}
	replace := func(e logical.Expr) logical.Expr {
		return logical.Transform(e, func(x logical.Expr) (logical.Expr, bool) {
			if c, ok := x.(*logical.Call); ok && c.Fn == functions.SessionWindowFn {
				return ref, true
			}
			return x, false
		})
	}
	newGroups := make([]logical.Expr, len(groups))
	for i, g := range groups {
		newGroups[i] = replace(g)
	}
	newOut := make([]logical.Named, len(out))
	for i, n := range out {
		newOut[i] = n
		newOut[i].Expr = replace(n.Expr)
	}
	if err != nil {
		return nil, nil, nil, err
	}
	return p4, newGroups, newOut, nil
}

// timeWindowMetadata is the column metadata Spark gives the column of a
// time or session window (which it names itself, without the generated
// alias mark); window_time's column has none.
func timeWindowMetadata(e logical.Expr) (string, bool) {
	c, ok := e.(*logical.Call)
	if !ok {
		return "", false
	}
	switch c.Fn {
	case functions.TimeWindowFn:
		return `{"spark.timeWindow":true}`, true
	case functions.SessionWindowFn:
		return `{"spark.sessionWindow":true}`, true
	case "window_time":
		return "", true
	}
	return "", false
}

// slidingWindow rewrites a sliding window(ts, duration, slide) (windows
// overlap, so a row belongs to several) into a generator below the node:
// every candidate window of the row, keeping those that contain ts, as
// Spark's Expand; the call becomes a reference to the generated column.
func (a *Analyzer) slidingWindow(in logical.Plan, groups []logical.Expr, out []logical.Named) (logical.Plan, []logical.Expr, []logical.Named, error) {
	var w *logical.Call
	find := func(e logical.Expr) {
		logical.Walk(e, func(x logical.Expr) bool {
			if c, ok := x.(*logical.Call); ok && c.Fn == functions.TimeWindowFn && w == nil && functions.IsSlidingWindow(c) {
				w = c
			}
			return w == nil
		})
	}
	for _, g := range groups {
		find(g)
	}
	for _, n := range out {
		find(n.Expr)
	}
	if w == nil {
		return in, groups, out, nil
	}
	attr := logical.Attr{ID: logical.NewID(), Name: "window", Type: w.T, Nullable: true, Metadata: `{"spark.timeWindow":true}`}
	gen := &logical.Generate{Input: in, Kind: logical.Explode, Arg: functions.SlidingWindowList(w), Out: []logical.Attr{attr}}
	ref := &logical.ColRef{Attr: attr}
	ts := w.Args[0]
	field := func(name string, i int) logical.Expr {
		return &logical.Field{Child: ref, Name: name, Index: i, T: ts.Type(), Null: true, Pretty: "window." + name}
	}
	ge, err := functions.Call(a.fctx, ">=", []logical.Expr{ts, field("start", 0)}, false)
	if err != nil {
		return nil, nil, nil, err
	}
	lt, err := functions.Call(a.fctx, "<", []logical.Expr{ts, field("end", 1)}, false)
	if err != nil {
		return nil, nil, nil, err
	}
	cond, err := functions.Call(a.fctx, "and", []logical.Expr{ge, lt}, false)
	if err != nil {
		return nil, nil, nil, err
	}
	key := functions.DefaultPretty(w.Fn, w.Args, false)
	replace := func(e logical.Expr) logical.Expr {
		return logical.Transform(e, func(x logical.Expr) (logical.Expr, bool) {
			if c, ok := x.(*logical.Call); ok && c.Fn == functions.TimeWindowFn {
				if functions.DefaultPretty(c.Fn, c.Args, false) == key {
					return ref, true
				}
			}
			return x, false
		})
	}
	newGroups := make([]logical.Expr, len(groups))
	for i, g := range groups {
		newGroups[i] = replace(g)
	}
	newOut := make([]logical.Named, len(out))
	for i, n := range out {
		newOut[i] = n
		newOut[i].Expr = replace(n.Expr)
		if newOut[i].Expr == logical.Expr(ref) {
			// Spark's expanded window column is nullable.
			newOut[i].Attr.Nullable = true
		}
	}
	return &logical.Filter{Input: gen, Cond: cond}, newGroups, newOut, nil
}
