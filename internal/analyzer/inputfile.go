package analyzer

import (
	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// Spark answers input_file_name(), input_file_block_start() and
// input_file_block_length() from the file split the running task reads:
// a row keeps its file while it flows through projections, filters and
// other per-row operators in the task that scanned it, and loses it
// (""/-1) after anything that moves rows between tasks (aggregates,
// joins, sorts, set operations) or when no file was read at all.
//
// bindInputFiles models this on the resolved plan: every call of these
// functions in a Project, Filter or Aggregate whose rows come from a
// file scan through per-row operators only is bound to hidden columns
// that the scan then produces (logical.InputFileAttrs); the operators in
// between pass them along. Other calls stay unbound and lower to the
// defaults.

// bindInputFiles binds the input-file calls of p's tree and returns the
// plan to use instead of p (its output is unchanged).
func bindInputFiles(p logical.Plan) logical.Plan {
	if !hasInputFileCall(p) {
		return p
	}
	return bindPlan(p)
}

// hasInputFileCall reports whether any expression of p's tree calls an
// input-file function (cheap check so plans without them are untouched).
func hasInputFileCall(p logical.Plan) bool {
	for _, e := range planExprs(p) {
		if callsInputFile(e) {
			return true
		}
	}
	for _, c := range p.Children() {
		if hasInputFileCall(c) {
			return true
		}
	}
	return false
}

func callsInputFile(e logical.Expr) bool {
	return logical.Any(e, func(x logical.Expr) bool {
		c, ok := x.(*logical.Call)
		return ok && functions.InputFileFunctions[c.Fn] && len(c.Args) == 0
	})
}

// planExprs lists the expressions of the nodes that may call the
// input-file functions per row.
func planExprs(p logical.Plan) []logical.Expr {
	switch p.(type) {
	case *logical.Project, *logical.Filter, *logical.Aggregate:
		exprs, _ := logical.NodeExprs(p)
		return exprs
	}
	return nil
}

// bindPlan binds bottom-up; children are replaced in place (the resolved
// tree belongs to this analysis).
func bindPlan(p logical.Plan) logical.Plan {
	for i, c := range p.Children() {
		if nc := bindPlan(c); nc != c {
			setChild(p, i, nc)
		}
	}
	exprs := planExprs(p)
	need := false
	for _, e := range exprs {
		if callsInputFile(e) {
			need = true
			break
		}
	}
	if !need {
		return p
	}
	in := p.Children()[0]
	exposed, fa := exposeInputFile(in)
	if fa == nil {
		return p
	}
	bind := func(e logical.Expr) logical.Expr {
		return logical.Transform(e, func(x logical.Expr) (logical.Expr, bool) {
			c, ok := x.(*logical.Call)
			if !ok || !functions.InputFileFunctions[c.Fn] || len(c.Args) != 0 {
				return nil, false
			}
			at := fa.Name
			switch c.Fn {
			case "input_file_block_start":
				at = fa.BlockStart
			case "input_file_block_length":
				at = fa.BlockLength
			}
			b := *c
			b.Args = []logical.Expr{&logical.ColRef{Attr: at}}
			return &b, true
		})
	}
	switch x := p.(type) {
	case *logical.Project, *logical.Aggregate:
		n, err := logical.WithChildren(logical.MapNodeExprs(p, bind), []logical.Plan{exposed})
		if err != nil { // cannot happen: both have one child
			return p
		}
		return n
	case *logical.Filter:
		// The filter sees the hidden columns; a projection above it
		// keeps its output as it was.
		out := x.Output()
		nf := &logical.Filter{Input: exposed, Cond: bind(x.Cond)}
		return &logical.Project{Info: x.Info, Input: nf, Exprs: passThrough(out)}
	}
	return p
}

// exposeInputFile returns a copy of p whose output also carries the
// hidden input-file columns of the file scan its rows come from, or nil
// attributes when its rows are not (or no longer) tied to one file split.
func exposeInputFile(p logical.Plan) (logical.Plan, *logical.InputFileAttrs) {
	switch x := p.(type) {
	case *logical.FileScan:
		n := *x
		n.InputFile = newInputFileAttrs()
		return &n, n.InputFile
	case *logical.TableScan:
		n := *x
		n.InputFile = newInputFileAttrs()
		return &n, n.InputFile
	case *logical.Project:
		in, fa := exposeInputFile(x.Input)
		if fa == nil {
			return p, nil
		}
		n := *x
		n.Input = in
		n.Exprs = append(append([]logical.Named(nil), x.Exprs...), passThrough(fa.Attrs())...)
		return &n, fa
	case *logical.Filter, *logical.Limit, *logical.Sample, *logical.Generate:
		// Operators that keep their input's rows (and columns) in order.
		in, fa := exposeInputFile(p.Children()[0])
		if fa == nil {
			return p, nil
		}
		n, err := logical.WithChildren(p, []logical.Plan{in})
		if err != nil { // cannot happen: each of these has one child
			return p, nil
		}
		return n, fa
	case *logical.Join:
		// An inner join streams its file side through the task that
		// read it (the other side has no file source: see
		// checkInputFileSources).
		if x.Type != logical.Inner || x.Lateral {
			return p, nil
		}
		n := *x
		var fa *logical.InputFileAttrs
		if n.Left, fa = exposeInputFile(x.Left); fa == nil {
			if n.Right, fa = exposeInputFile(x.Right); fa == nil {
				return p, nil
			}
		}
		n.Out = append(append([]logical.Named(nil), x.Out...), passThrough(fa.Attrs())...)
		return &n, fa
	case *logical.Alias:
		in, fa := exposeInputFile(x.Input)
		if fa == nil {
			return p, nil
		}
		n := *x
		n.Input = in
		n.Out = append(append([]logical.Attr(nil), x.Out...), fa.Attrs()...)
		return &n, fa
	}
	return p, nil
}

func newInputFileAttrs() *logical.InputFileAttrs {
	return &logical.InputFileAttrs{
		Name:        logical.Attr{ID: logical.NewID(), Name: "__input_file_name", Type: types.String},
		BlockStart:  logical.Attr{ID: logical.NewID(), Name: "__input_file_block_start", Type: types.Long},
		BlockLength: logical.Attr{ID: logical.NewID(), Name: "__input_file_block_length", Type: types.Long},
	}
}

// passThrough projects attributes unchanged.
func passThrough(attrs []logical.Attr) []logical.Named {
	out := make([]logical.Named, len(attrs))
	for i, a := range attrs {
		out[i] = logical.Named{Attr: a, Expr: &logical.ColRef{Attr: a}}
	}
	return out
}

// setChild replaces the i-th child of p.
func setChild(p logical.Plan, i int, c logical.Plan) {
	switch x := p.(type) {
	case *logical.Project:
		x.Input = c
	case *logical.Filter:
		x.Input = c
	case *logical.Sort:
		x.Input = c
	case *logical.Limit:
		x.Input = c
	case *logical.Offset:
		x.Input = c
	case *logical.Aggregate:
		x.Input = c
	case *logical.Distinct:
		x.Input = c
	case *logical.Sample:
		x.Input = c
	case *logical.Repartition:
		x.Input = c
	case *logical.Alias:
		x.Input = c
	case *logical.CollectMetrics:
		x.Input = c
	case *logical.Generate:
		x.Input = c
	case *logical.Join:
		if i == 0 {
			x.Left = c
		} else {
			x.Right = c
		}
	case *logical.SetOp:
		if i == 0 {
			x.Left = c
		} else {
			x.Right = c
		}
	}
}

// checkAggregateArgs fails like Spark's CheckAnalysis when an aggregate
// function of an Aggregate takes a nondeterministic expression
// (max(input_file_block_length()), sum(rand())).
func checkAggregateArgs(p logical.Plan) error {
	if x, ok := p.(*logical.Aggregate); ok {
		var err error
		for _, n := range x.Aggs {
			logical.Walk(n.Expr, func(e logical.Expr) bool {
				c, ok := e.(*logical.Call)
				if !ok || c.Kind != logical.Agg || err != nil {
					return err == nil
				}
				for _, arg := range c.Args {
					if callsNondeterministic(arg) {
						err = sparkerr.Newf("AGGREGATE_FUNCTION_WITH_NONDETERMINISTIC_EXPRESSION", "sqlExpr", "\""+c.SQL()+"\"")
						return false
					}
				}
				return true
			})
			if err != nil {
				return err
			}
		}
	}
	for _, c := range p.Children() {
		if err := checkAggregateArgs(c); err != nil {
			return err
		}
	}
	return nil
}

func callsNondeterministic(e logical.Expr) bool {
	return logical.Any(e, func(x logical.Expr) bool { c, ok := x.(*logical.Call); return ok && nondeterministic[c.Fn] })
}

// checkInputFileSources fails like Spark when an input-file function is
// evaluated over rows that may come from more than one file source (a
// join of two file scans).
func checkInputFileSources(p logical.Plan) error {
	for _, e := range planExprs(p) {
		var call *logical.Call
		logical.Walk(e, func(x logical.Expr) bool {
			if c, ok := x.(*logical.Call); ok && functions.InputFileFunctions[c.Fn] && call == nil {
				call = c
			}
			return call == nil
		})
		if call != nil && fileSources(p.Children()[0]) > 1 {
			return sparkerr.Newf("MULTI_SOURCES_UNSUPPORTED_FOR_EXPRESSION", "expr", "\""+call.SQL()+"\"")
		}
	}
	for _, c := range p.Children() {
		if err := checkInputFileSources(c); err != nil {
			return err
		}
	}
	return nil
}

// fileSources counts the file and table scans whose rows reach p through
// per-row operators and joins.
func fileSources(p logical.Plan) int {
	switch p.(type) {
	case *logical.FileScan, *logical.TableScan:
		return 1
	case *logical.Project, *logical.Filter, *logical.Limit, *logical.Sample, *logical.Generate, *logical.Alias, *logical.Join:
		n := 0
		for _, c := range p.Children() {
			n += fileSources(c)
		}
		return n
	}
	return 0
}
