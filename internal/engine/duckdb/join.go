package duckdb

import (
	"fmt"

	"github.com/emberdb/ember/internal/logical"
)

// Spark's broadcast joins (layout, see partitions.go).
//
// Under spark.sql.autoBroadcastJoinThreshold (10 MiB) Spark broadcasts one
// side (the build side) and streams the other through it: the output has
// the streamed side's partitions, each streamed row in order followed by
// its matches. The build side is the right one for left outer, semi and
// anti joins, the left one for right outer joins, and for inner and cross
// joins the smaller by Spark's size estimate (the right one on ties).
// With an equality between the sides Spark builds a hash relation, whose
// matches for a key come back newest first (the reverse of the build
// side's order); without one (cross joins, other conditions) the nested
// loop visits the build rows in order. Full outer joins shuffle: their
// layout is not modelled.

// broadcastLimit is spark.sql.autoBroadcastJoinThreshold's default.
const broadcastLimit = 10 << 20

func (l *lowerer) joinLayout(x *logical.Join, need map[int64]bool) (layout, bool, error) {
	if x.Lateral || x.Ranked() || x.Type == logical.FullOuter {
		return layout{}, false, nil
	}
	// The columns each side must deliver.
	sideNeed := map[int64]bool{}
	for _, n := range x.Out {
		if need == nil || need[n.Attr.ID] {
			refs(n.Expr, sideNeed)
		}
	}
	if x.Cond != nil {
		refs(x.Cond, sideNeed)
	}
	ls, lok := sizeOf(x.Left, sideNeed)
	rs, rok := sizeOf(x.Right, sideNeed)
	buildRight := true
	switch x.Type {
	case logical.LeftOuter, logical.LeftSemi, logical.LeftAnti:
		if !rok || rs.bytes > broadcastLimit {
			return layout{}, false, nil
		}
	case logical.RightOuter:
		if !lok || ls.bytes > broadcastLimit {
			return layout{}, false, nil
		}
		buildRight = false
	default:
		if !lok || !rok || !ls.exact || !rs.exact || min(ls.bytes, rs.bytes) > broadcastLimit {
			return layout{}, false, nil
		}
		buildRight = rs.bytes <= broadcastLimit && (rs.bytes <= ls.bytes || ls.bytes > broadcastLimit)
	}
	l.need = sideNeed
	left, ok, err := l.partitioned(x.Left)
	if !ok || err != nil {
		return layout{}, ok, err
	}
	l.need = sideNeed
	right, ok, err := l.partitioned(x.Right)
	l.need = nil
	if !ok || err != nil {
		return layout{}, ok, err
	}
	left, right = l.slice(left), l.slice(right)
	stream := left
	if !buildRight {
		stream = right
	}
	tag := func(in layout, p string) string {
		return fmt.Sprintf("SELECT * EXCLUDE (%s, %s), %s AS __%spid, %s AS __%sord FROM (%s) AS %s",
			pidCol, ordCol, pidCol, p, ordCol, p, in.sql, l.next())
	}
	ls2, rs2 := tag(left, "l"), tag(right, "r")
	sp, bp := "__lpid", "__rpid"
	so, bo := "__lord", "__rord"
	if !buildRight {
		sp, bp, so, bo = bp, sp, bo, so
	}
	order := so
	if x.Type != logical.LeftSemi && x.Type != logical.LeftAnti {
		dir := " DESC"
		if !equiJoin(x) {
			dir = " ASC"
		}
		order += ", " + bp + dir + " NULLS LAST, " + bo + dir + " NULLS LAST"
	}
	sel, err := l.namedList(x.Out)
	if err != nil {
		return layout{}, false, err
	}
	if sel != "" {
		sel += ", "
	}
	q := fmt.Sprintf("SELECT %s%s AS %s, row_number() OVER (PARTITION BY %s ORDER BY %s) AS %s FROM (%s) AS %s %s (%s) AS %s",
		sel, sp, pidCol, sp, order, ordCol, ls2, l.next(), joinKeyword[x.Type], rs2, l.next())
	if x.Type != logical.Cross {
		cond := "true"
		if x.Cond != nil {
			if cond, err = l.expr(x.Cond); err != nil {
				return layout{}, false, err
			}
		}
		q += " ON " + cond
	}
	return layout{sql: q, parts: stream.parts, rows: -1, bytes: -1}, true, nil
}

// equiJoin reports an equality between an expression of each side among
// the condition's conjuncts (Spark then joins by hash).
func equiJoin(x *logical.Join) bool {
	if x.Cond == nil {
		return false
	}
	left, right := map[int64]bool{}, map[int64]bool{}
	for _, a := range x.Left.Output() {
		left[a.ID] = true
	}
	for _, a := range x.Right.Output() {
		right[a.ID] = true
	}
	side := func(e logical.Expr) (l, r bool) {
		set := map[int64]bool{}
		refs(e, set)
		for id := range set {
			l = l || left[id]
			r = r || right[id]
		}
		return l, r
	}
	var walk func(e logical.Expr) bool
	walk = func(e logical.Expr) bool {
		c, ok := e.(*logical.Call)
		if !ok || len(c.Args) != 2 {
			return false
		}
		switch c.Fn {
		case "and":
			return walk(c.Args[0]) || walk(c.Args[1])
		case "==", "=", "<=>", "equal_null":
			al, ar := side(c.Args[0])
			bl, br := side(c.Args[1])
			return al && !ar && br && !bl || ar && !al && bl && !br
		}
		return false
	}
	return walk(x.Cond)
}

// estimate is Spark's size-only statistic of a plan: bytes, and whether
// it is the estimate itself or only a bound on it.
type estimate struct {
	bytes int64
	exact bool
}

// sizeOf estimates p's size as Spark's optimizer would, for the columns
// in need (Spark prunes the others first): local data is folded with its
// projections and filters into one local relation (rows times the default
// sizes of its columns), a range is 8 bytes a row, and projections and
// filters over anything else scale by their row width.
func sizeOf(p logical.Plan, need map[int64]bool) (estimate, bool) {
	width := func(as []logical.Attr) int64 {
		var w int64
		for _, a := range as {
			if need == nil || need[a.ID] {
				w += sparkDefaultSize(a.Type)
			}
		}
		return w
	}
	if rows, exact, ok := localRows(p); ok {
		return estimate{bytes: rows * width(p.Output()), exact: exact}, true
	}
	switch x := p.(type) {
	case *logical.Range:
		c := rangeCount(x.Start, x.End, x.Step)
		if !c.IsInt64() || c.Int64() > broadcastLimit {
			return estimate{bytes: broadcastLimit + 1, exact: true}, true
		}
		return estimate{bytes: 8 * c.Int64(), exact: true}, true
	case *logical.Alias, *logical.Filter, *logical.Repartition:
		return sizeOf(p.Children()[0], need)
	case *logical.Project:
		inNeed := map[int64]bool{}
		for _, n := range x.Exprs {
			if need == nil || need[n.Attr.ID] {
				refs(n.Expr, inNeed)
			}
		}
		in, ok := sizeOf(x.Input, inNeed)
		if !ok {
			return estimate{}, false
		}
		var inW int64
		for _, a := range x.Input.Output() {
			if inNeed[a.ID] {
				inW += sparkDefaultSize(a.Type)
			}
		}
		b := in.bytes * (8 + width(x.Output())) / (8 + inW)
		return estimate{bytes: max(b, 1), exact: in.exact}, true
	}
	return estimate{}, false
}

// localRows is the row count of local data and the projections and
// filters Spark folds into it (a bound, not exact, past a filter).
func localRows(p logical.Plan) (int64, bool, bool) {
	switch x := p.(type) {
	case *logical.LocalTable:
		return x.Stats.Rows, true, x.ClientRows && x.Stats.Known
	case *logical.Values:
		return int64(len(x.Rows)), true, len(x.Rows) > 0
	case *logical.Project, *logical.Alias:
		return localRows(p.Children()[0])
	case *logical.Filter:
		n, _, ok := localRows(x.Input)
		return n, false, ok
	}
	return 0, false, false
}
