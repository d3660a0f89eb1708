package duckdb

import (
	"strconv"

	"github.com/emberdb/ember/internal/logical"
)

// asOfJoin lowers DataFrame._joinAsOf. Every left row (numbered to keep
// its order and identity) is joined with the right rows that satisfy the
// join condition and lie on the chosen side of its as-of value (within
// the tolerance); the nearest of them is kept. A left join keeps left
// rows that have no candidate, with NULLs. Rows come back in the left
// input's order.
func (l *lowerer) asOfJoin(x *logical.Join) (string, error) {
	la, err := l.expr(x.AsOf.Left)
	if err != nil {
		return "", err
	}
	ra, err := l.expr(x.AsOf.Right)
	if err != nil {
		return "", err
	}
	cond := "true"
	if x.Cond != nil {
		if cond, err = l.expr(x.Cond); err != nil {
			return "", err
		}
	}
	// Backward: right <= left (or <), the latest first; forward: the
	// mirror image; nearest: either side, the closest first. Among equals
	// Spark keeps the last right row in input order.
	var order string
	switch {
	case x.AsOf.Nearest:
		if !x.AsOf.AllowExact {
			cond += " AND (" + la + " <> " + ra + ")"
		}
		order = "(CASE WHEN " + la + " > " + ra + " THEN " + la + " - " + ra + " ELSE " + ra + " - " + la + " END) ASC"
	default:
		cmp := ">="
		order = ra + " DESC"
		if x.AsOf.Forward {
			cmp, order = "<=", ra+" ASC"
		}
		if !x.AsOf.AllowExact {
			cmp = cmp[:1]
		}
		cond += " AND (" + la + " " + cmp + " " + ra + ")"
	}
	if x.AsOf.Tolerance != nil {
		tol, err := l.expr(x.AsOf.Tolerance)
		if err != nil {
			return "", err
		}
		if x.AsOf.Forward || x.AsOf.Nearest {
			cond += " AND (" + ra + " <= " + la + " + " + tol + ")"
		}
		if !x.AsOf.Forward {
			cond += " AND (" + ra + " >= " + la + " - " + tol + ")"
		}
	}
	return l.rankedJoin(x, cond, order, 1, true)
}

// nearestJoin lowers DataFrame.nearestByJoin: the right rows with a
// non-null ranking value are the candidates; each left row keeps its K
// best, best first.
func (l *lowerer) nearestJoin(x *logical.Join) (string, error) {
	rank, err := l.expr(x.Nearest.Rank)
	if err != nil {
		return "", err
	}
	order := rank + " ASC"
	if x.Nearest.Similarity {
		order = rank + " DESC"
	}
	return l.rankedJoin(x, "("+rank+") IS NOT NULL", order, x.Nearest.K, false)
}

// rankedJoin joins each numbered left row with the right rows meeting
// cond and keeps the first k by order; among equals the later right row
// wins when laterFirst (Spark's as-of join), else the earlier one. A left
// join keeps left rows without any. Rows come in the left input's order.
func (l *lowerer) rankedJoin(x *logical.Join, cond, order string, k int, laterFirst bool) (string, error) {
	left, err := l.plan(x.Left)
	if err != nil {
		return "", err
	}
	right, err := l.plan(x.Right)
	if err != nil {
		return "", err
	}
	sel, err := l.namedList(x.Out)
	if err != nil {
		return "", err
	}
	if sel == "" {
		sel = "1 AS __empty"
	}
	kw := "JOIN"
	if x.Type == logical.LeftOuter {
		kw = "LEFT JOIN"
	}
	lid, rid := "__lid"+l.next(), "__rid"+l.next()
	lnum := "SELECT *, row_number() OVER () AS " + lid + " FROM (" + left + ") AS " + l.next()
	rnum := "SELECT *, row_number() OVER () AS " + rid + " FROM (" + right + ") AS " + l.next()
	tie := " ASC"
	if laterFirst {
		tie = " DESC"
	}
	rn := "row_number() OVER (PARTITION BY " + lid + " ORDER BY " + order + " NULLS LAST, " + rid + tie + ")"
	return "SELECT " + sel + " FROM (" + lnum + ") AS " + l.next() + " " + kw + " (" + rnum + ") AS " + l.next() +
		" ON " + cond + " QUALIFY " + rn + " <= " + strconv.Itoa(k) + " ORDER BY " + lid + ", " + rn, nil
}
