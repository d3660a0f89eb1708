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

// named resolves a projection list item into output columns (stars expand).
func (a *Analyzer) named(e plan.Expr, s *scope) ([]logical.Named, error) {
	switch x := e.(type) {
	case *plan.UnresolvedStar:
		es, err := a.expandStar(x, s)
		if err != nil {
			return nil, err
		}
		return refsToNamed(es), nil
	case *plan.UnresolvedStarExcept:
		es, err := a.starExcept(x, s)
		if err != nil {
			return nil, err
		}
		return refsToNamed(es), nil
	case *plan.UnresolvedRegex:
		es, err := a.expandRegex(x, s)
		if err != nil {
			return nil, err
		}
		return refsToNamed(es), nil
	case *plan.Alias:
		c, err := a.expr(x.Child, s)
		if err != nil {
			return nil, err
		}
		c = stripAlias(c)
		if len(x.Names) != 1 {
			return nil, sparkerr.Unsupported("multi-name aliases (generators)")
		}
		return []logical.Named{{Attr: logical.Attr{ID: logical.NewID(), Name: x.Names[0], Type: c.Type(), Nullable: c.Nullable(), Metadata: x.Metadata}, Expr: c}}, nil
	}
	c, err := a.expr(e, s)
	if err != nil {
		return nil, err
	}
	return []logical.Named{toNamed(c)}, nil
}

func refsToNamed(es []logical.Expr) []logical.Named {
	out := make([]logical.Named, len(es))
	for i, e := range es {
		out[i] = toNamed(e)
	}
	return out
}

// toNamed names an expression: a column keeps its attribute (same id), any
// other expression gets a fresh attribute named by its Spark SQL text.
func toNamed(e logical.Expr) logical.Named {
	switch x := e.(type) {
	case *logical.ColRef:
		at := x.Attr
		if x.Written != "" {
			at.Name = x.Written
		}
		return logical.Named{Attr: at, Expr: x}
	case *logical.AliasExpr:
		c := x.Child
		return logical.Named{Attr: logical.Attr{ID: logical.NewID(), Name: x.Name, Type: c.Type(), Nullable: c.Nullable()}, Expr: c}
	case *logical.Field:
		return logical.Named{Attr: logical.Attr{ID: logical.NewID(), Name: x.Name, Type: x.T, Nullable: x.Null}, Expr: x}
	case *logical.Cast:
		// Casting a column keeps the column's name.
		if r, ok := x.Child.(*logical.ColRef); ok && !x.Implicit {
			return logical.Named{Attr: logical.Attr{ID: logical.NewID(), Name: r.Attr.Name, Type: x.To, Nullable: x.Nullable()}, Expr: x}
		}
	}
	return logical.Named{Attr: logical.Attr{ID: logical.NewID(), Name: e.SQL(), Type: e.Type(), Nullable: e.Nullable()}, Expr: e}
}

func (a *Analyzer) project(x *plan.Project) (logical.Plan, error) {
	var in logical.Plan = &logical.OneRow{}
	if x.Input != nil {
		var err error
		if in, err = a.Resolve(x.Input); err != nil {
			return nil, err
		}
	}
	s := a.scopeOf(in)
	var out []logical.Named
	var gen *logical.Generate
	for _, e := range x.Exprs {
		if f, names, ok := generatorCall(e); ok {
			if gen != nil {
				return nil, sparkerr.Newf("UNSUPPORTED_GENERATOR.MULTI_GENERATOR", "num", "2", "generators", "")
			}
			g, err := a.generate(in, f, names, s)
			if err != nil {
				return nil, err
			}
			gen = g
			out = append(out, refsToNamed(attrRefs(g.Out))...)
			continue
		}
		ns, err := a.named(e, s)
		if err != nil {
			return nil, err
		}
		out = append(out, ns...)
	}
	if gen != nil {
		in = gen
	}
	out = uniqueIDs(out)
	if hasAggregate(out) {
		if err := checkAggregation(nil, out); err != nil {
			return nil, err
		}
		return &logical.Aggregate{Input: in, Aggs: out}, nil
	}
	return &logical.Project{Input: in, Exprs: out}, nil
}

// uniqueIDs gives a repeated output column (select("a", "a")) a fresh id so
// every output column of a node is distinct.
func uniqueIDs(ns []logical.Named) []logical.Named {
	seen := map[int64]bool{}
	for i := range ns {
		if seen[ns[i].Attr.ID] {
			ns[i].Attr.ID = logical.NewID()
		}
		seen[ns[i].Attr.ID] = true
	}
	return ns
}

// hasAggregate reports an aggregate call outside any window.
func hasAggregate(ns []logical.Named) bool {
	for _, n := range ns {
		if containsAgg(n.Expr) {
			return true
		}
	}
	return false
}

func containsAgg(e logical.Expr) bool {
	found := false
	logical.Walk(e, func(x logical.Expr) bool {
		switch c := x.(type) {
		case *logical.Window:
			return false
		case *logical.Call:
			if c.Kind == logical.Agg {
				found = true
				return false
			}
		}
		return !found
	})
	return found
}

// checkAggregation enforces that columns outside aggregate calls are
// grouping expressions (Spark's MISSING_AGGREGATION).
func checkAggregation(groups []logical.Expr, aggs []logical.Named) error {
	groupIDs := map[int64]bool{}
	groupSQL := map[string]bool{}
	for _, g := range groups {
		if r, ok := g.(*logical.ColRef); ok {
			groupIDs[r.Attr.ID] = true
		}
		groupSQL[g.SQL()] = true
	}
	var bad logical.Expr
	for _, n := range aggs {
		logical.Walk(n.Expr, func(x logical.Expr) bool {
			if bad != nil {
				return false
			}
			switch c := x.(type) {
			case *logical.Call:
				if c.Kind == logical.Agg {
					return false
				}
			case *logical.Window:
				return false
			case *logical.ColRef:
				if !groupIDs[c.Attr.ID] {
					bad = c
				}
				return false
			}
			if !isColRef(x) && groupSQL[x.SQL()] {
				return false
			}
			return true
		})
	}
	if bad != nil {
		return sparkerr.Newf("MISSING_AGGREGATION", "expression", "\""+bad.SQL()+"\"", "expressionAnyValue", "\"any_value("+bad.SQL()+")\"")
	}
	return nil
}

func isColRef(e logical.Expr) bool { _, ok := e.(*logical.ColRef); return ok }

func (a *Analyzer) aggregate(x *plan.Aggregate) (logical.Plan, error) {
	in, err := a.Resolve(x.Input)
	if err != nil {
		return nil, err
	}
	if !x.GroupingInOutput && x.Type != plan.PivotGroup {
		return a.sqlAggregate(x, in)
	}
	s := a.scopeOf(in)
	var groups []logical.Expr
	var groupNamed []logical.Named
	for _, g := range x.Grouping {
		ns, err := a.named(g, s)
		if err != nil {
			return nil, err
		}
		for _, n := range ns {
			groups = append(groups, n.Expr)
			groupNamed = append(groupNamed, n)
		}
	}
	agg := &logical.Aggregate{Input: in, Groups: groups}
	switch x.Type {
	case plan.Rollup:
		for i := len(groups); i >= 0; i-- {
			agg.GroupingSets = append(agg.GroupingSets, seq(i))
		}
	case plan.Cube:
		n := len(groups)
		for mask := (1 << n) - 1; mask >= 0; mask-- {
			var set []int
			for i := 0; i < n; i++ {
				if mask&(1<<(n-1-i)) != 0 {
					set = append(set, i)
				}
			}
			agg.GroupingSets = append(agg.GroupingSets, set)
		}
	case plan.GroupingSets:
		for _, gs := range x.GroupingSets {
			var set []int
			for _, ge := range gs {
				r, err := a.expr(ge, s)
				if err != nil {
					return nil, err
				}
				idx := -1
				for i, g := range groups {
					if g.SQL() == r.SQL() {
						idx = i
					}
				}
				if idx < 0 {
					groups = append(groups, stripAlias(r))
					groupNamed = append(groupNamed, toNamed(r))
					idx = len(groups) - 1
				}
				set = append(set, idx)
			}
			agg.GroupingSets = append(agg.GroupingSets, set)
		}
		agg.Groups = groups
	case plan.PivotGroup:
		return a.pivot(x, in, s, groups, groupNamed)
	}
	out := append([]logical.Named{}, groupNamed...)
	if len(agg.GroupingSets) > 0 {
		// Grouping columns become nullable under rollup/cube.
		for i := range out {
			out[i].Attr.Nullable = true
			if r, ok := out[i].Expr.(*logical.ColRef); ok {
				out[i].Attr.ID = logical.NewID()
				out[i].Attr.Name = r.Attr.Name
			}
		}
	}
	for _, e := range x.Aggs {
		ns, err := a.named(e, s)
		if err != nil {
			return nil, err
		}
		out = append(out, ns...)
	}
	if err := checkAggregation(groups, out); err != nil {
		return nil, err
	}
	agg.Aggs = uniqueIDs(out)
	var p logical.Plan = agg
	if x.Having != nil {
		hs := a.scopeOf(agg)
		cond, err := a.expr(x.Having, hs)
		if err != nil {
			return nil, err
		}
		p = &logical.Filter{Input: agg, Cond: cond}
	}
	return p, nil
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// pivot implements groupBy(...).pivot(col, values).agg(...): one aggregate
// per (value, agg) filtered on the pivot column.
func (a *Analyzer) pivot(x *plan.Aggregate, in logical.Plan, s *scope, groups []logical.Expr, groupNamed []logical.Named) (logical.Plan, error) {
	pc, err := a.expr(x.PivotCol, s)
	if err != nil {
		return nil, err
	}
	if len(x.PivotValues) == 0 {
		return nil, sparkerr.Unsupported("pivot without explicit values")
	}
	out := append([]logical.Named{}, groupNamed...)
	for _, v := range x.PivotValues {
		val, err := a.expr(v, s)
		if err != nil {
			return nil, err
		}
		cond, err := functions.Call(a.fctx, "<=>", []logical.Expr{pc, val}, false)
		if err != nil {
			return nil, err
		}
		for _, ae := range x.Aggs {
			ns, err := a.named(ae, s)
			if err != nil {
				return nil, err
			}
			for _, n := range ns {
				call, ok := n.Expr.(*logical.Call)
				if !ok || call.Kind != logical.Agg {
					return nil, sparkerr.Unsupported("pivot with a non-aggregate expression")
				}
				c2 := *call
				c2.Filter = cond
				name := litDisplay(val)
				if len(x.Aggs) > 1 {
					name += "_" + n.Attr.Name
				}
				out = append(out, logical.Named{Attr: logical.Attr{ID: logical.NewID(), Name: name, Type: c2.T, Nullable: true}, Expr: &c2})
			}
		}
	}
	return &logical.Aggregate{Input: in, Groups: groups, Aggs: out}, nil
}

func litDisplay(e logical.Expr) string {
	if l, ok := e.(*logical.Lit); ok {
		if l.V == nil {
			return "null"
		}
		return l.Text
	}
	return e.SQL()
}

func (a *Analyzer) sort(x *plan.Sort) (logical.Plan, error) {
	in, err := a.Resolve(x.Input)
	if err != nil {
		return nil, err
	}
	if p, ok, err := a.sortOverAggregate(x, in); ok || err != nil {
		return p, err
	}
	s := a.scopeOf(in)
	keys := make([]logical.SortKey, 0, len(x.Order))
	var missing []logical.Attr
	for _, o := range x.Order {
		if k, ok, err := a.ordinalKey(o, in.Output()); ok || err != nil {
			if err != nil {
				return nil, err
			}
			keys = append(keys, k)
			continue
		}
		k, err := a.sortKey(o, s)
		if err != nil {
			// Spark can sort by a column the projection dropped.
			if p, ok := in.(*logical.Project); ok {
				k2, err2 := a.sortKey(o, a.scopeOf(p.Input))
				if err2 == nil {
					logical.Walk(k2.Expr, func(e logical.Expr) bool {
						if r, ok := e.(*logical.ColRef); ok {
							missing = append(missing, r.Attr)
						}
						return true
					})
					keys = append(keys, k2)
					continue
				}
			}
			return nil, err
		}
		keys = append(keys, k)
	}
	if len(missing) == 0 {
		return &logical.Sort{Input: in, Keys: keys}, nil
	}
	p := in.(*logical.Project)
	wide := &logical.Project{Info: p.Info, Input: p.Input, Exprs: append(append([]logical.Named{}, p.Exprs...), refsToNamed(attrRefs(missing))...)}
	sorted := &logical.Sort{Input: wide, Keys: keys}
	return &logical.Project{Input: sorted, Exprs: refsToNamed(attrRefs(p.Output()))}, nil
}

func attrRefs(as []logical.Attr) []logical.Expr {
	out := make([]logical.Expr, len(as))
	for i, at := range as {
		out[i] = &logical.ColRef{Attr: at}
	}
	return out
}

func (a *Analyzer) join(x *plan.Join) (logical.Plan, error) {
	l, err := a.Resolve(x.Left)
	if err != nil {
		return nil, err
	}
	r, err := a.Resolve(x.Right)
	if err != nil {
		return nil, err
	}
	jt := map[plan.JoinType]logical.JoinType{
		plan.InnerJoin: logical.Inner, plan.LeftOuterJoin: logical.LeftOuter, plan.RightOuterJoin: logical.RightOuter,
		plan.FullOuterJoin: logical.FullOuter, plan.LeftSemiJoin: logical.LeftSemi, plan.LeftAntiJoin: logical.LeftAnti, plan.CrossJoin: logical.Cross,
	}[x.Type]
	j := &logical.Join{Left: l, Right: r, Type: jt}
	lo, ro := l.Output(), r.Output()
	using := x.Using
	if x.Natural {
		for _, la := range lo {
			for _, ra := range ro {
				if a.nameEq(la.Name, ra.Name) {
					using = append(using, la.Name)
				}
			}
		}
	}
	if len(using) > 0 {
		return a.usingJoin(j, using)
	}
	if x.Cond != nil {
		cond, err := a.expr(x.Cond, a.scopeOf(l, r))
		if err != nil {
			return nil, err
		}
		if cond, err = a.requireBoolean(cond); err != nil {
			return nil, err
		}
		j.Cond = cond
		if jt == logical.Cross {
			j.Type = logical.Inner
		}
	} else if jt == logical.Inner {
		j.Type = logical.Cross
	}
	var out []logical.Attr
	switch j.Type {
	case logical.LeftSemi, logical.LeftAnti:
		out = lo
	case logical.LeftOuter:
		out = append(append([]logical.Attr{}, lo...), nullableAll(ro)...)
	case logical.RightOuter:
		out = append(nullableAll(lo), ro...)
	case logical.FullOuter:
		out = append(nullableAll(lo), nullableAll(ro)...)
	default:
		out = append(append([]logical.Attr{}, lo...), ro...)
	}
	j.Out = make([]logical.Named, len(out))
	for i, at := range out {
		j.Out[i] = logical.Named{Attr: at, Expr: &logical.ColRef{Attr: at}}
	}
	return j, nil
}

func nullableAll(as []logical.Attr) []logical.Attr {
	out := make([]logical.Attr, len(as))
	for i, at := range as {
		at.Nullable = true
		out[i] = at
	}
	return out
}

// usingJoin joins on equality of same-named columns; the output has each
// key once (coalesced for full joins), then the remaining columns.
func (a *Analyzer) usingJoin(j *logical.Join, using []string) (logical.Plan, error) {
	lo, ro := j.Left.Output(), j.Right.Output()
	find := func(as []logical.Attr, n string, side string) (logical.Attr, error) {
		for _, at := range as {
			if a.nameEq(at.Name, n) {
				return at, nil
			}
		}
		return logical.Attr{}, sparkerr.Newf("UNRESOLVED_USING_COLUMN_FOR_JOIN", "colName", sparkerr.QuoteID(n), "side", side, "suggestion", strings.Join(quoteAll(attrNames(as)), ", "))
	}
	var cond logical.Expr
	var keys []logical.Named
	usedL, usedR := map[int64]bool{}, map[int64]bool{}
	for _, n := range using {
		la, err := find(lo, n, "left")
		if err != nil {
			return nil, err
		}
		ra, err := find(ro, n, "right")
		if err != nil {
			return nil, err
		}
		usedL[la.ID], usedR[ra.ID] = true, true
		eq, err := functions.Call(a.fctx, "==", []logical.Expr{&logical.ColRef{Attr: la}, &logical.ColRef{Attr: ra}}, false)
		if err != nil {
			return nil, err
		}
		if cond == nil {
			cond = eq
		} else if cond, err = functions.Call(a.fctx, "and", []logical.Expr{cond, eq}, false); err != nil {
			return nil, err
		}
		switch j.Type {
		case logical.RightOuter:
			keys = append(keys, logical.Named{Attr: ra, Expr: &logical.ColRef{Attr: ra}})
		case logical.FullOuter:
			co, err := functions.Call(a.fctx, "coalesce", []logical.Expr{&logical.ColRef{Attr: la}, &logical.ColRef{Attr: ra}}, false)
			if err != nil {
				return nil, err
			}
			at := la
			at.ID = logical.NewID()
			at.Nullable = la.Nullable && ra.Nullable
			at.Qualifier = nil
			keys = append(keys, logical.Named{Attr: at, Expr: co})
		default:
			keys = append(keys, logical.Named{Attr: la, Expr: &logical.ColRef{Attr: la}})
		}
	}
	if j.Type == logical.Cross {
		j.Type = logical.Inner
	}
	j.Cond = cond
	out := append([]logical.Named{}, keys...)
	rest := func(as []logical.Attr, used map[int64]bool, nullable bool) {
		for _, at := range as {
			if !used[at.ID] {
				if nullable {
					at.Nullable = true
				}
				out = append(out, logical.Named{Attr: at, Expr: &logical.ColRef{Attr: at}})
			}
		}
	}
	switch j.Type {
	case logical.LeftSemi, logical.LeftAnti:
		rest(lo, usedL, false)
	case logical.LeftOuter:
		rest(lo, usedL, false)
		rest(ro, usedR, true)
	case logical.RightOuter:
		rest(lo, usedL, true)
		rest(ro, usedR, false)
	case logical.FullOuter:
		rest(lo, usedL, true)
		rest(ro, usedR, true)
	default:
		rest(lo, usedL, false)
		rest(ro, usedR, false)
	}
	j.Out = out
	return j, nil
}

func (a *Analyzer) setOp(x *plan.SetOp) (logical.Plan, error) {
	l, err := a.Resolve(x.Left)
	if err != nil {
		return nil, err
	}
	r, err := a.Resolve(x.Right)
	if err != nil {
		return nil, err
	}
	opName := map[plan.SetOpKind]string{plan.Union: "UNION", plan.Intersect: "INTERSECT", plan.Except: "EXCEPT"}[x.Kind]
	if x.ByName {
		if r, err = a.alignByName(l, r, x.AllowMissing); err != nil {
			return nil, err
		}
		if x.AllowMissing {
			if l, err = a.alignByName(r, l, true); err != nil {
				return nil, err
			}
			if r, err = a.alignByName(l, r, false); err != nil {
				return nil, err
			}
		}
	}
	lo, ro := l.Output(), r.Output()
	if len(lo) != len(ro) {
		return nil, sparkerr.Newf("NUM_COLUMNS_MISMATCH", "operator", opName, "firstNumColumns", fmt.Sprint(len(lo)), "invalidOrdinalNum", "second", "invalidNumColumns", fmt.Sprint(len(ro)))
	}
	out := make([]logical.Attr, len(lo))
	for i := range lo {
		t, ok := types.WiderType(lo[i].Type, ro[i].Type)
		if !ok {
			return nil, sparkerr.Newf("INCOMPATIBLE_COLUMN_TYPE", "operator", opName, "columnOrdinalNumber", ordinalWord(i+1), "tableOrdinalNumber", "second",
				"dataType1", "\""+strings.ToUpper(ro[i].Type.SimpleString())+"\"", "dataType2", "\""+strings.ToUpper(lo[i].Type.SimpleString())+"\"", "hint", "")
		}
		nullable := lo[i].Nullable || ro[i].Nullable
		if x.Kind == plan.Intersect {
			nullable = lo[i].Nullable && ro[i].Nullable
		} else if x.Kind == plan.Except {
			nullable = lo[i].Nullable
		}
		out[i] = logical.Attr{ID: logical.NewID(), Name: lo[i].Name, Type: t, Nullable: nullable}
	}
	l = castTo(l, out)
	r = castTo(r, out)
	kind := map[plan.SetOpKind]logical.SetOpKind{plan.Union: logical.Union, plan.Intersect: logical.Intersect, plan.Except: logical.Except}[x.Kind]
	return &logical.SetOp{Left: l, Right: r, Kind: kind, All: x.All, Out: out}, nil
}

func ordinalWord(i int) string {
	words := []string{"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
	if i < len(words) {
		return words[i]
	}
	return fmt.Sprintf("%dth", i)
}

// castTo projects p so its columns have the types of out (when different).
func castTo(p logical.Plan, out []logical.Attr) logical.Plan {
	po := p.Output()
	need := false
	for i := range po {
		if !types.Equal(po[i].Type, out[i].Type) {
			need = true
		}
	}
	if !need {
		return p
	}
	ns := make([]logical.Named, len(po))
	for i, at := range po {
		e := functions.ImplicitCast(&logical.ColRef{Attr: at}, out[i].Type)
		nat := at
		nat.Type = out[i].Type
		if !types.Equal(at.Type, out[i].Type) {
			nat.ID = logical.NewID()
		}
		ns[i] = logical.Named{Attr: nat, Expr: e}
	}
	return &logical.Project{Input: p, Exprs: ns}
}

// alignByName reorders right's columns to left's names; with allowMissing
// a column only in left is added to right as NULL.
func (a *Analyzer) alignByName(l, r logical.Plan, allowMissing bool) (logical.Plan, error) {
	lo, ro := l.Output(), r.Output()
	var ns []logical.Named
	used := map[int64]bool{}
	for _, la := range lo {
		found := false
		for _, ra := range ro {
			if a.nameEq(la.Name, ra.Name) {
				ns = append(ns, logical.Named{Attr: ra, Expr: &logical.ColRef{Attr: ra}})
				used[ra.ID] = true
				found = true
				break
			}
		}
		if !found {
			if !allowMissing {
				return nil, sparkerr.Newf("NUM_COLUMNS_MISMATCH", "operator", "UNION", "firstNumColumns", fmt.Sprint(len(lo)), "invalidOrdinalNum", "second", "invalidNumColumns", fmt.Sprint(len(ro)))
			}
			ns = append(ns, logical.Named{Attr: logical.Attr{ID: logical.NewID(), Name: la.Name, Type: la.Type, Nullable: true}, Expr: &logical.Lit{T: la.Type, V: nil, Text: "NULL"}})
		}
	}
	for _, ra := range ro {
		if !used[ra.ID] {
			if allowMissing {
				ns = append(ns, logical.Named{Attr: ra, Expr: &logical.ColRef{Attr: ra}})
				continue
			}
			return nil, sparkerr.Newf("NUM_COLUMNS_MISMATCH", "operator", "UNION", "firstNumColumns", fmt.Sprint(len(lo)), "invalidOrdinalNum", "second", "invalidNumColumns", fmt.Sprint(len(ro)))
		}
	}
	return &logical.Project{Input: r, Exprs: ns}, nil
}

func (a *Analyzer) dedup(x *plan.Deduplicate) (logical.Plan, error) {
	in, err := a.Resolve(x.Input)
	if err != nil {
		return nil, err
	}
	if x.AllColumns || len(x.Columns) == 0 {
		return &logical.Distinct{Input: in}, nil
	}
	s := a.scopeOf(in)
	var keys []logical.Expr
	for _, c := range x.Columns {
		e, err := a.byName([]string{c}, s)
		if err != nil {
			return nil, err
		}
		if e == nil {
			return nil, sparkerr.Newf("UNRESOLVED_COLUMN_AMONG_FIELD_NAMES", "colName", c, "fieldNames", strings.Join(attrNames(in.Output()), ", "))
		}
		keys = append(keys, e)
	}
	return &logical.Distinct{Input: in, Keys: keys}, nil
}

func (a *Analyzer) withColumns(x *plan.WithColumns) (logical.Plan, error) {
	in, err := a.Resolve(x.Input)
	if err != nil {
		return nil, err
	}
	s := a.scopeOf(in)
	out := refsToNamed(attrRefs(in.Output()))
	for _, al := range x.Aliases {
		if len(al.Names) != 1 {
			return nil, sparkerr.Unsupported("withColumns with multi-part names")
		}
		e, err := a.expr(al.Child, s)
		if err != nil {
			return nil, err
		}
		e = stripAlias(e)
		n := logical.Named{Attr: logical.Attr{ID: logical.NewID(), Name: al.Names[0], Type: e.Type(), Nullable: e.Nullable(), Metadata: al.Metadata}, Expr: e}
		replaced := false
		for i := range out {
			if a.nameEq(out[i].Attr.Name, al.Names[0]) {
				out[i] = n
				replaced = true
			}
		}
		if !replaced {
			out = append(out, n)
		}
	}
	if hasAggregate(out) {
		return nil, sparkerr.Newf("MISSING_GROUP_BY", "")
	}
	return &logical.Project{Input: in, Exprs: out}, nil
}

func (a *Analyzer) renamed(x *plan.WithColumnsRenamed) (logical.Plan, error) {
	in, err := a.Resolve(x.Input)
	if err != nil {
		return nil, err
	}
	out := refsToNamed(attrRefs(in.Output()))
	for _, rn := range x.Renames {
		for i := range out {
			if a.nameEq(out[i].Attr.Name, rn[0]) {
				at := out[i].Attr
				at.ID = logical.NewID()
				at.Name = rn[1]
				at.Qualifier = nil
				out[i].Attr = at
			}
		}
	}
	return &logical.Project{Input: in, Exprs: out}, nil
}

func (a *Analyzer) drop(x *plan.Drop) (logical.Plan, error) {
	in, err := a.Resolve(x.Input)
	if err != nil {
		return nil, err
	}
	s := a.scopeOf(in)
	drop := map[int64]bool{}
	for _, n := range x.Names {
		for _, at := range in.Output() {
			if a.nameEq(at.Name, n) {
				drop[at.ID] = true
			}
		}
	}
	for _, c := range x.Cols {
		if ua, ok := c.(*plan.UnresolvedAttribute); ok && !ua.HasPlanID && len(ua.Parts) == 1 {
			for _, at := range in.Output() {
				if a.nameEq(at.Name, ua.Parts[0]) {
					drop[at.ID] = true
				}
			}
			continue
		}
		e, err := a.expr(c, s)
		if err != nil {
			// Dropping a column that does not exist is a no-op in Spark.
			if se, ok := sparkerr.As(err); ok && strings.HasPrefix(se.Class, "UNRESOLVED_COLUMN") {
				continue
			}
			return nil, err
		}
		if r, ok := e.(*logical.ColRef); ok {
			drop[r.Attr.ID] = true
		}
	}
	var out []logical.Named
	for _, at := range in.Output() {
		if !drop[at.ID] {
			out = append(out, logical.Named{Attr: at, Expr: &logical.ColRef{Attr: at}})
		}
	}
	return &logical.Project{Input: in, Exprs: out}, nil
}

// columnsFor returns the attrs named in cols (all when empty).
func (a *Analyzer) columnsFor(in logical.Plan, cols []string) ([]logical.Attr, error) {
	if len(cols) == 0 {
		return in.Output(), nil
	}
	var out []logical.Attr
	for _, c := range cols {
		found := false
		for _, at := range in.Output() {
			if a.nameEq(at.Name, c) {
				out = append(out, at)
				found = true
			}
		}
		if !found {
			return nil, sparkerr.Newf("UNRESOLVED_COLUMN.WITH_SUGGESTION", "objectName", sparkerr.QuoteID(c), "proposal", strings.Join(quoteAll(attrNames(in.Output())), ", "))
		}
	}
	return out, nil
}

func (a *Analyzer) fillNA(x *plan.FillNA) (logical.Plan, error) {
	in, err := a.Resolve(x.Input)
	if err != nil {
		return nil, err
	}
	targets, err := a.columnsFor(in, x.Cols)
	if err != nil {
		return nil, err
	}
	fill := map[int64]*plan.Literal{}
	for i, at := range targets {
		v := x.Values[0]
		if len(x.Values) > 1 {
			if i >= len(x.Values) {
				break
			}
			v = x.Values[i]
		}
		if fillApplies(at.Type, v.Type) {
			fill[at.ID] = v
		}
	}
	out := refsToNamed(attrRefs(in.Output()))
	for i, n := range out {
		v, ok := fill[n.Attr.ID]
		if !ok {
			continue
		}
		lit, err := literal(v)
		if err != nil {
			return nil, err
		}
		col := n.Expr
		if k := n.Attr.Type.Kind(); k == types.KindDouble || k == types.KindFloat {
			// Filling a floating-point column also replaces NaN.
			if col, err = functions.Call(a.fctx, "nanvl", []logical.Expr{col, &logical.Lit{T: n.Attr.Type, V: nil, Text: "NULL"}}, false); err != nil {
				return nil, err
			}
		}
		co, err := functions.Call(a.fctx, "coalesce", []logical.Expr{col, functions.ImplicitCast(lit, n.Attr.Type)}, false)
		if err != nil {
			return nil, err
		}
		at := n.Attr
		at.Nullable = co.Nullable()
		out[i] = logical.Named{Attr: at, Expr: co}
	}
	return &logical.Project{Input: in, Exprs: out}, nil
}

// fillApplies is Spark's rule: numeric values fill numeric columns, strings
// fill strings, booleans fill booleans.
func fillApplies(col, val types.DataType) bool {
	switch {
	case types.IsNumeric(val):
		return types.IsNumeric(col)
	case types.IsStringLike(val):
		return types.IsStringLike(col)
	case val.Kind() == types.KindBoolean:
		return col.Kind() == types.KindBoolean
	}
	return false
}

func (a *Analyzer) dropNA(x *plan.DropNA) (logical.Plan, error) {
	in, err := a.Resolve(x.Input)
	if err != nil {
		return nil, err
	}
	targets, err := a.columnsFor(in, x.Cols)
	if err != nil {
		return nil, err
	}
	min := int64(len(targets))
	if x.HasMin {
		min = int64(x.MinNonNull)
	}
	// count of non-null (and non-NaN) values >= min
	var sum logical.Expr = &logical.Lit{T: types.Int, V: int32(0), Text: "0"}
	for _, at := range targets {
		ref := &logical.ColRef{Attr: at}
		nn, err := functions.Call(a.fctx, "isnotnull", []logical.Expr{ref}, false)
		if err != nil {
			return nil, err
		}
		if at.Type.Kind() == types.KindDouble || at.Type.Kind() == types.KindFloat {
			isnan, err := functions.Call(a.fctx, "isnan", []logical.Expr{ref}, false)
			if err != nil {
				return nil, err
			}
			notnan, err := functions.Call(a.fctx, "not", []logical.Expr{isnan}, false)
			if err != nil {
				return nil, err
			}
			if nn, err = functions.Call(a.fctx, "and", []logical.Expr{nn, notnan}, false); err != nil {
				return nil, err
			}
		}
		one, err := functions.Call(a.fctx, "if", []logical.Expr{nn, &logical.Lit{T: types.Int, V: int32(1), Text: "1"}, &logical.Lit{T: types.Int, V: int32(0), Text: "0"}}, false)
		if err != nil {
			return nil, err
		}
		if sum, err = functions.Call(a.fctx, "+", []logical.Expr{sum, one}, false); err != nil {
			return nil, err
		}
	}
	cond, err := functions.Call(a.fctx, ">=", []logical.Expr{sum, &logical.Lit{T: types.Int, V: int32(min), Text: fmt.Sprint(min)}}, false)
	if err != nil {
		return nil, err
	}
	return &logical.Filter{Input: in, Cond: cond}, nil
}

func (a *Analyzer) replaceNA(x *plan.ReplaceNA) (logical.Plan, error) {
	in, err := a.Resolve(x.Input)
	if err != nil {
		return nil, err
	}
	targets, err := a.columnsFor(in, x.Cols)
	if err != nil {
		return nil, err
	}
	tset := map[int64]bool{}
	for _, t := range targets {
		tset[t.ID] = true
	}
	out := refsToNamed(attrRefs(in.Output()))
	for i, n := range out {
		if !tset[n.Attr.ID] || len(x.Replacements) == 0 {
			continue
		}
		var args []logical.Expr
		applies := false
		for _, rp := range x.Replacements {
			if rp[0].Value != nil && !fillApplies(n.Attr.Type, rp[0].Type) {
				continue
			}
			applies = true
			oldL, err := literal(rp[0])
			if err != nil {
				return nil, err
			}
			newL, err := literal(rp[1])
			if err != nil {
				return nil, err
			}
			var cond logical.Expr
			if rp[0].Value == nil {
				cond, err = functions.Call(a.fctx, "isnull", []logical.Expr{n.Expr}, false)
			} else {
				cond, err = functions.Call(a.fctx, "==", []logical.Expr{n.Expr, oldL}, false)
			}
			if err != nil {
				return nil, err
			}
			args = append(args, cond, functions.ImplicitCast(newL, n.Attr.Type))
		}
		if !applies {
			continue
		}
		args = append(args, n.Expr)
		w, err := functions.Call(a.fctx, "when", args, false)
		if err != nil {
			return nil, err
		}
		at := n.Attr
		at.Nullable = true
		out[i] = logical.Named{Attr: at, Expr: functions.ImplicitCast(w, at.Type)}
	}
	return &logical.Project{Input: in, Exprs: out}, nil
}

func (a *Analyzer) values(x *plan.Values) (logical.Plan, error) {
	if len(x.Rows) == 0 {
		return nil, sparkerr.Newf("CONNECT.INVALID_PLAN", "msg", "VALUES needs at least one row.")
	}
	n := len(x.Rows[0])
	rows := make([][]logical.Expr, len(x.Rows))
	colTypes := make([]types.DataType, n)
	for i := range colTypes {
		colTypes[i] = types.Null
	}
	nullable := make([]bool, n)
	for i, r := range x.Rows {
		if len(r) != n {
			return nil, sparkerr.Newf("INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH", "expectedNumCols", fmt.Sprint(n), "actualNumCols", fmt.Sprint(len(r)), "rowIndex", fmt.Sprint(i))
		}
		rows[i] = make([]logical.Expr, n)
		for j, e := range r {
			le, err := a.expr(e, &scope{})
			if err != nil {
				return nil, err
			}
			le = stripAlias(le)
			rows[i][j] = le
			t, ok := types.WiderType(colTypes[j], le.Type())
			if !ok {
				return nil, sparkerr.Newf("INVALID_INLINE_TABLE.INCOMPATIBLE_TYPES_IN_INLINE_TABLE", "colName", fmt.Sprintf("`col%d`", j+1))
			}
			colTypes[j] = t
			nullable[j] = nullable[j] || le.Nullable()
		}
	}
	attrs := make([]logical.Attr, n)
	for j := range attrs {
		name := fmt.Sprintf("col%d", j+1)
		if j < len(x.Names) {
			name = x.Names[j]
		}
		attrs[j] = logical.Attr{ID: logical.NewID(), Name: name, Type: colTypes[j], Nullable: nullable[j]}
	}
	for i := range rows {
		for j := range rows[i] {
			rows[i][j] = functions.ImplicitCast(rows[i][j], colTypes[j])
		}
	}
	return &logical.Values{Rows: rows, Attrs: attrs}, nil
}
