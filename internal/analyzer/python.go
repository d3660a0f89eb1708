package analyzer

import (
	"context"
	"fmt"
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// pythonFunc is the logical form of a client's Python function.
func pythonFunc(x *plan.PythonUDF) *logical.PythonFunc {
	return &logical.PythonFunc{Name: x.Name, EvalType: x.EvalType, Command: x.Command, PythonVer: x.PythonVer,
		Return: x.Output, Deterministic: x.Deterministic}
}

// pythonCall resolves a Python UDF call in an expression. Scalar and
// grouped-aggregate functions may be called; the others (applyInPandas,
// mapInPandas functions) only make relations.
func (a *Analyzer) pythonCall(x *plan.PythonUDF, s *scope) (logical.Expr, error) {
	a.sawPython = true
	f := pythonFunc(x)
	if !f.IsScalar() && !f.IsAggregate() {
		return nil, sparkerr.Unsupported("a Python function of eval type " + evalTypeName(f.EvalType) + " here")
	}
	args := make([]logical.Expr, len(x.Args))
	keys := make([]string, len(x.Args))
	names := make([]string, len(x.Args))
	for i, arg := range x.Args {
		if na, ok := arg.(*plan.NamedArgument); ok {
			keys[i], arg = na.Key, na.Value
		}
		e, err := a.expr(arg, s)
		if err != nil {
			return nil, err
		}
		args[i] = stripAlias(e)
		names[i] = args[i].SQL()
		if keys[i] != "" {
			names[i] = keys[i] + " => " + names[i]
		}
	}
	return &logical.PythonCall{Func: f, Args: args, ArgNames: keys, Pretty: x.Name + "(" + strings.Join(names, ", ") + ")"}, nil
}

// evalTypeName is pyspark's name of an eval type, for errors.
func evalTypeName(t int32) string {
	switch t {
	case logical.PyGroupedMapPandas:
		return "SQL_GROUPED_MAP_PANDAS_UDF"
	case logical.PyMapPandasIter:
		return "SQL_MAP_PANDAS_ITER_UDF"
	case logical.PyMapArrowIter:
		return "SQL_MAP_ARROW_ITER_UDF"
	case logical.PyCogroupedPandas:
		return "SQL_COGROUPED_MAP_PANDAS_UDF"
	case 302:
		return "SQL_ARROW_UDTF"
	}
	return fmt.Sprint(t)
}

// pythonOut makes the output columns of a relation-level Python function
// from its declared return type (a struct: one column per field).
func pythonOut(f *logical.PythonFunc) ([]logical.Attr, error) {
	st, ok := f.Return.(types.Struct)
	if !ok {
		return nil, sparkerr.Unsupported("a Python function of eval type " + evalTypeName(f.EvalType) + " here")
	}
	out := make([]logical.Attr, len(st.Fields))
	for i, fd := range st.Fields {
		out[i] = logical.Attr{ID: logical.NewID(), Name: fd.Name, Type: fd.Type, Nullable: fd.Nullable, Metadata: fd.Metadata}
	}
	return out, nil
}

func (a *Analyzer) mapPartitions(x *plan.MapPartitions) (logical.Plan, error) {
	in, err := a.Resolve(x.Input)
	if err != nil {
		return nil, err
	}
	f := pythonFunc(x.Func)
	if f.EvalType != logical.PyMapPandasIter && f.EvalType != logical.PyMapArrowIter {
		return nil, sparkerr.Unsupported("a Python function of eval type " + evalTypeName(f.EvalType) + " here")
	}
	out, err := pythonOut(f)
	if err != nil {
		return nil, err
	}
	return &logical.PythonMap{Input: in, Func: f, Out: out, Barrier: x.Barrier}, nil
}

func (a *Analyzer) groupMap(x *plan.GroupMap) (logical.Plan, error) {
	in, err := a.Resolve(x.Input)
	if err != nil {
		return nil, err
	}
	keys, err := a.groupKeys(x.Grouping, in)
	if err != nil {
		return nil, err
	}
	f := pythonFunc(x.Func)
	g := &logical.PythonGroupMap{Input: in, Keys: keys, Func: f}
	if x.Other != nil {
		if f.EvalType != logical.PyCogroupedPandas && f.EvalType != logical.PyCogroupedArrow {
			return nil, sparkerr.Unsupported("a Python function of eval type " + evalTypeName(f.EvalType) + " here")
		}
		other, err := a.Resolve(x.Other)
		if err != nil {
			return nil, err
		}
		okeys, err := a.groupKeys(x.OtherGrouping, other)
		if err != nil {
			return nil, err
		}
		if len(okeys) != len(keys) {
			return nil, sparkerr.Newf("CONNECT.INVALID_PLAN", "msg", "cogroup() needs as many grouping keys on each side.")
		}
		g.Other, g.OtherKeys = other, okeys
	} else if !f.IsGroupedMap() {
		return nil, sparkerr.Unsupported("a Python function of eval type " + evalTypeName(f.EvalType) + " here")
	}
	if g.Out, err = pythonOut(f); err != nil {
		return nil, err
	}
	return g, nil
}

func (a *Analyzer) groupKeys(es []plan.Expr, in logical.Plan) ([]logical.Expr, error) {
	s := a.scopeOf(in)
	keys := make([]logical.Expr, len(es))
	for i, e := range es {
		r, err := a.expr(e, s)
		if err != nil {
			return nil, err
		}
		keys[i] = stripAlias(r)
	}
	return keys, nil
}

// extractPython moves every Python UDF call out of the expressions of a
// resolved plan: scalar calls into PythonEval nodes below the node that
// uses them (innermost calls first, so a call's arguments may themselves
// be calls), grouped-aggregate calls into a PythonAgg that replaces their
// Aggregate. Left behind are column references to the calls' values.
func extractPython(p logical.Plan) (logical.Plan, error) {
	p, err := logical.MapChildren(p, extractPython)
	if err != nil {
		return nil, err
	}
	if proj, ok := p.(*logical.Project); ok {
		if pw, changed := pythonWindows(proj); changed {
			// The windows' inputs may hold scalar calls too.
			if pw.Input, err = extractPython(pw.Input); err != nil {
				return nil, err
			}
			p = pw
		}
	}
	exprs, ok := logical.NodeExprs(p)
	if !ok || !anyPythonCall(exprs) {
		return p, nil
	}
	if agg, ok := p.(*logical.Aggregate); ok && anyPythonAgg(exprs) {
		return pythonAggregate(agg)
	}
	switch p.(type) {
	case *logical.Project, *logical.Filter, *logical.Sort, *logical.Aggregate:
	default:
		return nil, sparkerr.Unsupported(fmt.Sprintf("Python UDFs in a %s", strings.TrimPrefix(fmt.Sprintf("%T", p), "*logical.")))
	}
	input := p.Children()[0]
	for {
		exprs, _ = logical.NodeExprs(p)
		calls, err := innermostCalls(exprs)
		if err != nil {
			return nil, err
		}
		if len(calls) == 0 {
			break
		}
		eval := &logical.PythonEval{Input: input}
		repl := map[*logical.PythonCall]logical.Expr{}
		for _, c := range calls {
			out := logical.Attr{ID: logical.NewID(), Name: c.Pretty, Type: c.Func.Return, Nullable: true}
			eval.Calls = append(eval.Calls, logical.PythonUDFResult{Call: c, Out: out})
			repl[c] = &logical.ColRef{Attr: out}
		}
		p = logical.MapNodeExprs(p, func(e logical.Expr) logical.Expr {
			return logical.Transform(e, func(x logical.Expr) (logical.Expr, bool) {
				if c, ok := x.(*logical.PythonCall); ok {
					if r, ok := repl[c]; ok {
						return r, true
					}
				}
				return x, false
			})
		})
		input = eval
		if p, err = logical.WithChildren(p, []logical.Plan{input}); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// anyPythonCall reports whether es call a Python UDF.
func anyPythonCall(es []logical.Expr) bool {
	return hasPythonCall(es, func(*logical.PythonCall) bool { return true })
}

// anyPythonAgg reports whether es call a grouped-aggregate Python UDF.
func anyPythonAgg(es []logical.Expr) bool {
	return hasPythonCall(es, func(c *logical.PythonCall) bool { return c.Func.IsAggregate() })
}

func hasPythonCall(es []logical.Expr, match func(*logical.PythonCall) bool) bool {
	for _, e := range es {
		if logical.Any(e, func(x logical.Expr) bool { c, ok := x.(*logical.PythonCall); return ok && match(c) }) {
			return true
		}
	}
	return false
}

// innermostCalls lists the scalar calls whose arguments hold no other
// call, each once.
func innermostCalls(es []logical.Expr) ([]*logical.PythonCall, error) {
	var out []*logical.PythonCall
	seen := map[*logical.PythonCall]bool{}
	var bad error
	for _, e := range es {
		logical.Walk(e, func(x logical.Expr) bool {
			c, ok := x.(*logical.PythonCall)
			if !ok {
				return true
			}
			if anyPythonCall(c.Args) {
				return true
			}
			for _, arg := range c.Args {
				if containsAgg(arg) || logical.HasWindow(arg) {
					bad = sparkerr.Unsupported("Python UDF " + c.Func.Name + " over an aggregate or window function")
				}
			}
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
			return false
		})
	}
	return out, bad
}

// pythonAggregate turns an Aggregate of grouped-aggregate pandas UDFs into
// a PythonAgg (one row per group) under a Project that computes the
// aggregate's outputs from the keys and the UDFs' values. Spark refuses
// to mix such UDFs with built-in aggregate functions, and so does Ember.
func pythonAggregate(agg *logical.Aggregate) (logical.Plan, error) {
	if len(agg.GroupingSets) > 0 {
		return nil, sparkerr.Unsupported("grouped aggregate Python UDFs with grouping sets, rollup or cube")
	}
	var keyOut []logical.Attr
	for _, g := range agg.Groups {
		r, ok := g.(*logical.ColRef)
		if !ok {
			return nil, sparkerr.Unsupported("grouped aggregate Python UDFs with grouping expressions other than columns (" + g.SQL() + ")")
		}
		keyOut = append(keyOut, r.Attr)
	}
	pa := &logical.PythonAgg{Input: agg.Input, Keys: agg.Groups, KeyOut: keyOut}
	repl := map[*logical.PythonCall]logical.Expr{}
	var pandasNames []string
	for _, n := range agg.Aggs {
		logical.Walk(n.Expr, func(x logical.Expr) bool {
			if c, ok := x.(*logical.PythonCall); ok && c.Func.IsAggregate() {
				pandasNames = append(pandasNames, "`"+c.Func.Name+"`")
			}
			return true
		})
	}
	for _, n := range agg.Aggs {
		var bad error
		logical.Walk(n.Expr, func(x logical.Expr) bool {
			switch c := x.(type) {
			case *logical.Call:
				if c.Kind == logical.Agg && bad == nil {
					bad = sparkerr.Newf("INVALID_PANDAS_UDF_PLACEMENT", "functionList", strings.Join(pandasNames, ", "))
				}
			case *logical.PythonCall:
				if !c.Func.IsAggregate() {
					bad = sparkerr.Unsupported("scalar Python UDF " + c.Func.Name + " over a grouped aggregate Python UDF")
					return false
				}
				if anyPythonCall(c.Args) {
					bad = sparkerr.Unsupported("Python UDFs in the arguments of grouped aggregate Python UDF " + c.Func.Name)
					return false
				}
				if _, ok := repl[c]; !ok {
					out := logical.Attr{ID: logical.NewID(), Name: c.Pretty, Type: c.Func.Return, Nullable: true}
					pa.Calls = append(pa.Calls, logical.PythonUDFResult{Call: c, Out: out})
					repl[c] = &logical.ColRef{Attr: out}
				}
				return false
			}
			return bad == nil
		})
		if bad != nil {
			return nil, bad
		}
	}
	exprs := make([]logical.Named, len(agg.Aggs))
	for i, n := range agg.Aggs {
		n.Expr = logical.Transform(n.Expr, func(x logical.Expr) (logical.Expr, bool) {
			if c, ok := x.(*logical.PythonCall); ok {
				return repl[c], true
			}
			return x, false
		})
		exprs[i] = n
	}
	return &logical.Project{Info: agg.Info, Input: pa, Exprs: exprs}, nil
}

// UDTFAnalyzer is implemented by a Catalog that can run a Python UDTF's
// analyze() method (the result type of UDTFs declared without one).
type UDTFAnalyzer interface {
	AnalyzeUDTF(ctx context.Context, s *session.Session, f *logical.PythonFunc, args []logical.Expr, names []string, tableArg int) (types.Struct, []byte, error)
}

// pythonUDTF resolves a Python UDTF called with constant arguments.
func (a *Analyzer) pythonUDTF(x *plan.PythonUDTF) (logical.Plan, error) {
	if x.EvalType != logical.PyTableUDF && x.EvalType != logical.PyArrowTableUDF {
		return nil, sparkerr.Unsupported("a Python UDTF of eval type " + evalTypeName(x.EvalType))
	}
	s := &scope{outer: a.outer}
	args := make([]logical.Expr, len(x.Args))
	names := make([]string, len(x.Args))
	var table logical.Plan
	var partition []logical.Expr
	var order []logical.SortKey
	var single bool
	tableArg := -1
	for i, arg := range x.Args {
		if na, ok := arg.(*plan.NamedArgument); ok {
			names[i], arg = na.Key, na.Value
		}
		if ta, ok := arg.(*plan.TableArg); ok {
			if table != nil {
				return nil, sparkerr.Unsupported("several TABLE arguments (Python UDTF " + x.Name + ")")
			}
			t, err := a.Resolve(ta.Plan)
			if err != nil {
				return nil, err
			}
			table, tableArg = t, i
			ts := a.scopeOf(t)
			for _, p := range ta.PartitionBy {
				pe, err := a.expr(p, ts)
				if err != nil {
					return nil, err
				}
				partition = append(partition, stripAlias(pe))
			}
			for _, o := range ta.OrderBy {
				k, err := a.sortKey(o, ts)
				if err != nil {
					return nil, err
				}
				order = append(order, k)
			}
			single = ta.SinglePartition
			st := logical.Schema(t.Output())
			args[i] = &logical.ColRef{Attr: logical.Attr{ID: logical.NewID(), Name: "table", Type: st}}
			continue
		}
		e, err := a.expr(arg, s)
		if err != nil {
			return nil, err
		}
		args[i] = stripAlias(e)
	}
	for i, arg := range args {
		if i == tableArg {
			continue
		}
		ref := false
		logical.Walk(arg, func(e logical.Expr) bool {
			if _, ok := e.(*logical.ColRef); ok {
				ref = true
			}
			return !ref
		})
		if ref {
			// Columns here come from an enclosing query (LATERAL): one call
			// per outer row, joined to it, which Ember does not run yet.
			return nil, sparkerr.Unsupported("Python UDTF " + x.Name + " over columns of another relation (LATERAL)")
		}
	}
	f := &logical.PythonFunc{Name: x.Name, EvalType: x.EvalType, Command: x.Command, PythonVer: x.PythonVer,
		Return: x.Return, Deterministic: x.Deterministic}
	var analyzed []byte
	if f.Return == nil {
		an, ok := a.Catalog.(UDTFAnalyzer)
		if !ok {
			return nil, sparkerr.Unsupported("Python UDTF " + x.Name + " without a return type")
		}
		st, pickled, err := an.AnalyzeUDTF(a.Ctx, a.Session, f, args, names, tableArg)
		if err != nil {
			return nil, err
		}
		f.Return, analyzed = st, pickled
	}
	out, err := pythonOut(f)
	if err != nil {
		return nil, err
	}
	return &logical.PythonTable{Func: f, Args: args, ArgNames: names, Out: out, Analyzed: analyzed, Table: table, TableArg: tableArg,
		Partition: partition, Order: order, Single: single}, nil
}

// pythonWindow resolves a grouped-aggregate Python UDF over a window of
// whole partitions (no ORDER BY, no frame): every row gets the function's
// value over its partition. extractPython moves it into a PythonWindow.
func (a *Analyzer) pythonWindow(x *plan.Window, pc *logical.PythonCall, s *scope) (logical.Expr, error) {
	if len(x.OrderBy) > 0 || x.Frame != nil {
		return nil, sparkerr.Unsupported("grouped aggregate Python UDF " + pc.Func.Name + " over an ordered or framed window")
	}
	w := &logical.Window{Fn: pc}
	var parts []string
	var err error
	if w.Partition, parts, err = a.windowPartition(x.PartitionBy, s); err != nil {
		return nil, err
	}
	parts = append(parts, "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING")
	w.Pretty = pc.SQL() + " OVER (" + strings.Join(parts, " ") + ")"
	return w, nil
}

// pythonWindows moves the Python windows of a Project into PythonWindow
// nodes below it (one per window).
func pythonWindows(p *logical.Project) (*logical.Project, bool) {
	input := p.Input
	changed := false
	repl := map[*logical.Window]logical.Expr{}
	for _, n := range p.Exprs {
		logical.Walk(n.Expr, func(x logical.Expr) bool {
			w, ok := x.(*logical.Window)
			if !ok {
				return true
			}
			if pc, ok := w.Fn.(*logical.PythonCall); ok && pc.Func.IsAggregate() {
				if _, done := repl[w]; !done {
					out := logical.Attr{ID: logical.NewID(), Name: w.Pretty, Type: pc.Func.Return, Nullable: true}
					input = &logical.PythonWindow{Input: input, Partition: w.Partition,
						Call: logical.PythonUDFResult{Call: pc, Out: out}}
					repl[w] = &logical.ColRef{Attr: out}
					changed = true
				}
			}
			return false
		})
	}
	if !changed {
		return p, false
	}
	n := *p
	n.Input = input
	n.Exprs = make([]logical.Named, len(p.Exprs))
	for i, e := range p.Exprs {
		e.Expr = logical.Transform(e.Expr, func(x logical.Expr) (logical.Expr, bool) {
			if w, ok := x.(*logical.Window); ok {
				if r, ok := repl[w]; ok {
					return r, true
				}
			}
			return x, false
		})
		n.Exprs[i] = e
	}
	return &n, true
}
