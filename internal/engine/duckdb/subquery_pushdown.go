package duckdb

import "github.com/emberdb/ember/internal/logical"

// Subquery predicates pushed to the input that owns their columns.
//
// A WHERE clause over several joined inputs often holds a predicate such as
// `o_orderkey IN (SELECT ...)` that reads the columns of one input only
// (TPC-H Q18, Q16, Q20). DuckDB pushes plain predicates below joins itself
// but plans subquery predicates after the joins, so the join runs over
// every row first. Filtering is commutative with inner joins (and with the
// preserved side of a left outer join), so such a conjunct is moved onto
// the join input that produces all of its columns, where DuckDB turns it
// into a semi (or anti) join over that input alone — Spark's optimizer
// does the same (predicate pushdown, then RewritePredicateSubquery).
// Only deterministic IN / NOT IN predicates over plain columns whose
// subquery does not refer to the outer query are moved.

// pushSubqueryFilters returns x with its movable subquery conjuncts moved
// into its join input, or false when there is nothing to move.
func pushSubqueryFilters(x *logical.Filter) (logical.Plan, bool) {
	j, ok := x.Input.(*logical.Join)
	if !ok {
		return nil, false
	}
	var keep []logical.Expr
	var in logical.Plan = j
	moved := false
	for _, c := range conjuncts(x.Cond) {
		need, ok := movable(c)
		if ok {
			if p, placed := placeFilter(in, c, need); placed {
				in, moved = p, true
				continue
			}
		}
		keep = append(keep, c)
	}
	if !moved {
		return nil, false
	}
	for _, c := range keep {
		in = &logical.Filter{Input: in, Cond: c}
	}
	return in, true
}

// conjuncts splits an AND tree.
func conjuncts(e logical.Expr) []logical.Expr {
	if c, ok := e.(*logical.Call); ok && c.Fn == "and" && len(c.Args) == 2 {
		return append(conjuncts(c.Args[0]), conjuncts(c.Args[1])...)
	}
	return []logical.Expr{e}
}

// movable reports an IN / NOT IN subquery over plain columns whose plan
// refers only to its own columns, and the outer columns it reads.
func movable(e logical.Expr) (map[int64]bool, bool) {
	s, ok := e.(*logical.Subquery)
	if !ok || s.Kind != logical.InSubquery {
		return nil, false
	}
	need := map[int64]bool{}
	for _, v := range s.Values {
		if c, ok := v.(*logical.Cast); ok {
			v = c.Child
		}
		r, ok := v.(*logical.ColRef)
		if !ok {
			return nil, false
		}
		need[r.Attr.ID] = true
	}
	if !selfContained(s.Plan) {
		return nil, false
	}
	return need, true
}

// placeFilter puts a filter on cond directly above the smallest join input
// of p whose output has every column in need.
func placeFilter(p logical.Plan, cond logical.Expr, need map[int64]bool) (logical.Plan, bool) {
	if !produces(p, need) {
		return nil, false
	}
	if j, ok := p.(*logical.Join); ok {
		if j.Lateral {
			return nil, false
		}
		intoLeft := j.Type == logical.Inner || j.Type == logical.Cross || j.Type == logical.LeftOuter ||
			j.Type == logical.LeftSemi || j.Type == logical.LeftAnti
		// The right side of an as-of join only offers candidates: filtering
		// it would change which row is nearest.
		intoRight := (j.Type == logical.Inner || j.Type == logical.Cross || j.Type == logical.RightOuter) && !j.Ranked()
		if intoLeft {
			if l, ok := placeFilter(j.Left, cond, need); ok {
				c := *j
				c.Left = l
				return &c, true
			}
		}
		if intoRight {
			if r, ok := placeFilter(j.Right, cond, need); ok {
				c := *j
				c.Right = r
				return &c, true
			}
		}
		// The predicate needs both sides (or a side it cannot be moved
		// into): it stays above the join.
		return nil, false
	}
	return &logical.Filter{Input: p, Cond: cond}, true
}

func produces(p logical.Plan, need map[int64]bool) bool {
	have := map[int64]bool{}
	for _, a := range p.Output() {
		have[a.ID] = true
	}
	for id := range need {
		if !have[id] {
			return false
		}
	}
	return true
}

// selfContained reports whether every column p's expressions read is
// produced inside p (no correlation with an enclosing query). Nodes whose
// expressions it does not know make it answer false.
func selfContained(p logical.Plan) bool {
	produced, read := map[int64]bool{}, map[int64]bool{}
	if !collectRefs(p, produced, read) {
		return false
	}
	for id := range read {
		if !produced[id] {
			return false
		}
	}
	return true
}

func collectRefs(p logical.Plan, produced, read map[int64]bool) bool {
	for _, a := range p.Output() {
		produced[a.ID] = true
	}
	var exprs []logical.Expr
	switch x := p.(type) {
	case *logical.FileScan, *logical.TableScan, *logical.LocalTable, *logical.Range, *logical.OneRow,
		*logical.Limit, *logical.Offset, *logical.Alias, *logical.SetOp:
	case *logical.Join:
		if x.Lateral || x.Ranked() {
			return false
		}
		exprs, _ = logical.NodeExprs(x)
	default:
		var known bool
		if exprs, known = logical.NodeExprs(p); !known {
			return false
		}
	}
	ok := true
	for _, e := range exprs {
		logical.Walk(e, func(y logical.Expr) bool {
			switch r := y.(type) {
			case *logical.ColRef:
				read[r.Attr.ID] = true
			case *logical.Subquery:
				for _, v := range r.Values {
					logical.Walk(v, func(z logical.Expr) bool {
						if c, isRef := z.(*logical.ColRef); isRef {
							read[c.Attr.ID] = true
						}
						return true
					})
				}
				ok = ok && collectRefs(r.Plan, produced, read)
				return false
			}
			return true
		})
	}
	for _, c := range p.Children() {
		ok = ok && collectRefs(c, produced, read)
	}
	return ok
}
