package analyzer

import (
	"strings"

	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
)

// sqlPivot resolves SQL "PIVOT (aggs FOR cols IN (values))" into the same
// aggregate as DataFrame pivot: the rows are grouped by every input column
// that neither the aggregates nor the pivot columns use (in input order),
// and each (value, aggregate) pair becomes a column whose aggregates see
// only the rows whose pivot columns equal the value.
func (a *Analyzer) sqlPivot(x *plan.Pivot) (logical.Plan, error) {
	in, err := a.Resolve(x.Input)
	if err != nil {
		return nil, err
	}
	s := a.scopeOf(in)
	used := map[int64]bool{}
	collect := func(e logical.Expr) {
		logical.Walk(e, func(e logical.Expr) bool {
			if r, ok := e.(*logical.ColRef); ok {
				used[r.Attr.ID] = true
			}
			return true
		})
	}
	cols := make([]logical.Expr, len(x.Columns))
	for i, c := range x.Columns {
		if cols[i], err = a.expr(c, s); err != nil {
			return nil, err
		}
		collect(cols[i])
	}
	for _, ae := range x.Aggregates {
		ns, err := a.named(ae, s)
		if err != nil {
			return nil, err
		}
		for _, n := range ns {
			collect(n.Expr)
		}
	}
	var groups []logical.Expr
	var groupNamed []logical.Named
	for _, at := range in.Output() {
		if used[at.ID] {
			continue
		}
		r := &logical.ColRef{Attr: at}
		groups = append(groups, r)
		groupNamed = append(groupNamed, logical.Named{Attr: at, Expr: r})
	}
	conds := make([]logical.Expr, len(x.Values))
	names := make([]string, len(x.Values))
	for vi, v := range x.Values {
		alias := ""
		if al, ok := v.(*plan.Alias); ok && len(al.Names) == 1 {
			alias, v = al.Names[0], al.Child
		}
		parts := []plan.Expr{v}
		if len(cols) > 1 {
			// A row constructor (a, b) parses as named_struct(name, a, name, b).
			f, ok := v.(*plan.UnresolvedFunction)
			if !ok || !strings.EqualFold(f.Name, "named_struct") || len(f.Args) != 2*len(cols) {
				return nil, sparkerr.Unsupported("PIVOT values that are not row constructors of the pivot columns")
			}
			parts = nil
			for i := 1; i < len(f.Args); i += 2 {
				parts = append(parts, f.Args[i])
			}
		}
		var cond logical.Expr
		var shown []string
		for ci, pe := range parts {
			val, err := a.expr(pe, s)
			if err != nil {
				return nil, err
			}
			val = stripAlias(val)
			lit, ok := val.(*logical.Lit)
			if !ok {
				return nil, sparkerr.Newf("NON_LITERAL_PIVOT_VALUES", "expression", "\""+val.SQL()+"\"")
			}
			var cv logical.Expr = lit
			if !typesEqual(lit, cols[ci]) {
				cv = &logical.Cast{Child: lit, To: cols[ci].Type(), Mode: logical.Legacy, Null: true}
			}
			c, err := functions.Call(a.fctx, "<=>", []logical.Expr{cols[ci], cv}, false)
			if err != nil {
				return nil, err
			}
			if cond == nil {
				cond = c
			} else if cond, err = functions.Call(a.fctx, "and", []logical.Expr{cond, c}, false); err != nil {
				return nil, err
			}
			shown = append(shown, pivotValueName(lit))
		}
		conds[vi] = cond
		switch {
		case alias != "":
			names[vi] = alias
		case len(shown) == 1:
			names[vi] = shown[0]
		default:
			names[vi] = "{" + strings.Join(shown, ", ") + "}"
		}
	}
	cells, err := a.pivotCells(x.Aggregates, s, conds, names, true)
	if err != nil {
		return nil, err
	}
	out := append(append([]logical.Named{}, groupNamed...), cells...)
	agg := &logical.Aggregate{Input: in, Groups: groups, Aggs: uniqueIDs(out)}
	agg.Hash, agg.Shuffle, agg.Adaptive = a.shuffleOf(groups)
	return agg, nil
}

func typesEqual(a, b logical.Expr) bool { return a.Type().SimpleString() == b.Type().SimpleString() }

// pivotValueName is how a pivot value names its column: the value as text.
func pivotValueName(l *logical.Lit) string {
	if l.V == nil {
		return "null"
	}
	if s, ok := l.V.(string); ok {
		return s
	}
	// Typed literals (DATE '2024-01-01') name the column by their value.
	if i := strings.IndexByte(l.Text, '\''); i > 0 && strings.HasSuffix(l.Text, "'") {
		return l.Text[i+1 : len(l.Text)-1]
	}
	return l.Text
}

// pivotNeedsAggregate is Spark's error for a PIVOT expression without an
// aggregate function.
func pivotNeedsAggregate(e logical.Expr) error {
	sql := e.SQL()
	if r, ok := e.(*logical.ColRef); ok && len(r.Attr.Qualifier) > 0 {
		sql = strings.Join(r.Attr.Qualifier, ".") + "." + r.Attr.Name
	}
	return &sparkerr.Error{
		Class: "_LEGACY_ERROR_TEMP_1006", JavaClass: sparkerr.AnalysisException,
		Params: map[string]string{"sql": sql},
		Text:   "Aggregate expression required for pivot, but '" + sql + "' did not appear in any aggregate function.",
	}
}
