package duckdb

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
	"github.com/emberdb/ember/internal/udf"
)

// Spark's partition layout.
//
// Seeded sampling and rand/randn depend on how Spark splits rows into
// partitions: every partition runs its own generator (seeded from the
// seed and the partition index) over its rows in order. Where Spark's
// layout is knowable from the plan, the lowering reproduces it with two
// extra columns: __pid, the row's partition index, and __ord, a key
// ordering the rows of a partition as Spark iterates them.
//
//   - spark.range(start, end, step, n) has n partitions (default
//     spark.sql.leafNodeDefaultParallelism, the core count under local[*]);
//     partition i holds the elements with index in
//     [i*count/n, (i+1)*count/n).
//   - A local relation (createDataFrame data) is a LocalRelation. Spark's
//     optimizer folds projections and filters over it into a new local
//     relation, evaluating them as partition 0 over all rows in order;
//     only when another operator reads it are the remaining rows sliced,
//     as parallelize does, into min(rows, parallelism) partitions.
//   - Projections and filters over a range keep its partitions.
//   - Repartition operators (repartition.go) deal rows out as Spark's
//     exchanges do, and broadcast joins (join.go) follow their streamed
//     side.
//   - Grouped aggregates, distinct() and intersect() over such small
//     inputs end in one partition (adaptive execution coalesces their
//     exchange) in the order Spark's hash or sort aggregation emits the
//     groups (groupedLayout, sortedLayout).
//
// Anything else (files, tables, large inputs, ...) has a layout Ember does
// not model: seeded operators there keep Ember's own deterministic answer,
// which need not be Spark's.

const (
	pidCol = "__pid"
	ordCol = "__ord"
	posCol = "__pos"
)

// layout is a lowered plan carrying __pid and __ord. local marks rows
// still inside Spark's local-relation folding (all partition 0, not yet
// sliced). The static facts the exchanges need ride along: parts is the
// partition count (0 unknown), rows an upper bound on the row count and
// bytes one on the data size (-1 unknown), exact reports that rows is the
// count itself.
type layout struct {
	sql   string
	local bool
	parts int
	rows  int64
	bytes int64
	exact bool
}

// same returns in with its SQL replaced.
func (in layout) with(sql string) layout {
	in.sql = sql
	return in
}

// partitioned lowers p with Spark's partition layout, or reports false
// when Ember does not know it.
func (l *lowerer) partitioned(p logical.Plan) (layout, bool, error) {
	need := l.need
	l.need = nil
	defer func() { l.need = need }()
	switch x := p.(type) {
	case *logical.Repartition:
		l.need = need
		return l.repartitionLayout(x)
	case *logical.Join:
		return l.joinLayout(x, need)
	case *logical.Range:
		return l.rangeLayout(x), true, nil
	case *logical.LocalTable:
		if !x.ClientRows {
			return layout{}, false, nil
		}
		sel, err := l.plan(x)
		if err != nil {
			return layout{}, false, err
		}
		// The table keeps the client's rows in insertion order: rowid.
		sel = strings.Replace(sel, " FROM ", ", CAST(0 AS BIGINT) AS "+pidCol+", rowid AS "+ordCol+" FROM ", 1)
		lay := layout{sql: sel, local: true, parts: 1, rows: -1, bytes: -1}
		if x.Stats.Known {
			lay.rows, lay.bytes, lay.exact = x.Stats.Rows, x.Stats.Bytes, true
		}
		return lay, true, nil
	case *logical.Values:
		// An inline table is a LocalRelation too.
		return l.valuesLayout(x)
	case *logical.Alias:
		l.need = need
		return l.partitioned(x.Input)
	case *logical.Project:
		for _, n := range x.Exprs {
			if logical.HasWindow(n.Expr) {
				return layout{}, false, nil
			}
		}
		l.need = map[int64]bool{}
		for _, n := range x.Exprs {
			refs(n.Expr, l.need)
		}
		in, ok, err := l.partitioned(x.Input)
		l.need = nil
		if !ok || err != nil {
			return layout{}, ok, err
		}
		src := "(" + in.sql + ") AS " + l.next()
		random := false
		for _, n := range x.Exprs {
			random = random || functions.PositionalRandom(n.Expr)
		}
		if random {
			src = withPositions(in.sql, l.next())
			restore := l.position()
			defer restore()
		}
		sel, err := l.namedList(x.Exprs)
		if err != nil {
			return layout{}, false, err
		}
		if sel == "" {
			sel = "1 AS __empty"
		}
		out := in.with("SELECT " + sel + ", " + pidCol + ", " + ordCol + " FROM " + src)
		if out.bytes >= 0 && out.rows >= 0 {
			// Computed strings and nested values may outgrow the input.
			for _, n := range x.Exprs {
				if _, ok := n.Expr.(*logical.ColRef); !ok && !fixedWidth(n.Attr.Type) {
					out.bytes = -1
					break
				}
			}
			if out.bytes >= 0 {
				out.bytes += 8 * out.rows * int64(len(x.Exprs))
			}
		}
		return out, true, nil
	case *logical.Filter:
		if need != nil {
			l.need = map[int64]bool{}
			for k := range need {
				l.need[k] = true
			}
			refs(x.Cond, l.need)
		}
		in, ok, err := l.partitioned(x.Input)
		l.need = nil
		if !ok || err != nil {
			return layout{}, ok, err
		}
		in.exact = false
		if !functions.PositionalRandom(x.Cond) {
			cond, err := l.expr(x.Cond)
			if err != nil {
				return layout{}, false, err
			}
			return in.with("SELECT * FROM (" + in.sql + ") AS " + l.next() + " WHERE " + cond), true, nil
		}
		restore := l.position()
		cond, err := l.expr(x.Cond)
		restore()
		if err != nil {
			return layout{}, false, err
		}
		return in.with("SELECT * EXCLUDE (" + posCol + ") FROM " + withPositions(in.sql, l.next()) + " WHERE " + cond), true, nil
	case *logical.Sample:
		return l.sampleLayout(x)
	case *logical.Aggregate:
		return l.aggregateLayout(x)
	case *logical.Distinct:
		return l.distinctLayout(x)
	case *logical.SetOp:
		return l.intersectLayout(x)
	}
	return layout{}, false, nil
}

// hashAggregates are the aggregate functions verified to run in Spark's
// hash aggregation (fixed-width buffers, or collect_list's object hash
// aggregation) whatever their numeric argument. Aggregates over strings
// with min/max/first, among others, sort instead.
var hashAggregates = map[string]bool{"count": true, "sum": true, "avg": true, "mean": true, "min": true, "max": true, "collect_list": true}

// aggregateLayout is a grouped aggregation's layout: Spark aggregates each
// input partition (groups in first-seen order), sends the partial results
// to pmod(hash(groups), shuffle partitions), which adaptive execution
// coalesces into one partition when small. That partition fetches map
// output by map output, each in target order, and its hash map emits the
// groups as first seen: ordered by the group's first input partition,
// its target, then its first row there.
func (l *lowerer) aggregateLayout(x *logical.Aggregate) (layout, bool, error) {
	if len(x.Groups) == 0 || len(x.GroupingSets) > 0 || x.Hash == nil || !x.Adaptive || x.Shuffle <= 0 ||
		partitionSensitive(x.Aggs) {
		return layout{}, false, nil
	}
	hashOnly, sorted := true, false
	for _, n := range x.Aggs {
		logical.Walk(n.Expr, func(e logical.Expr) bool {
			c, ok := e.(*logical.Call)
			if !ok || c.Kind != logical.Agg {
				return hashOnly
			}
			fn := strings.ToLower(c.Fn)
			if c.Distinct || c.Filter != nil {
				hashOnly = false
				return false
			}
			if sortAggregates[fn] && len(c.Args) > 0 && types.IsStringLike(c.Args[0].Type()) {
				sorted = true
				return true
			}
			if !hashAggregates[fn] {
				hashOnly = false
			}
			if fn != "collect_list" && fn != "count" {
				for _, a := range c.Args {
					if !types.IsNumeric(a.Type()) {
						hashOnly = false
					}
				}
			}
			return hashOnly
		})
	}
	if !hashOnly {
		return layout{}, false, nil
	}
	if sorted {
		for _, g := range x.Groups {
			if t := g.Type(); !types.IsNumeric(t) && !types.IsStringLike(t) && t.Kind() != types.Boolean.Kind() &&
				t.Kind() != types.Date.Kind() && t.Kind() != types.Timestamp.Kind() && t.Kind() != types.TimestampNTZ.Kind() {
				return layout{}, false, nil
			}
		}
	}
	l.need = map[int64]bool{}
	for _, g := range x.Groups {
		refs(g, l.need)
	}
	for _, n := range x.Aggs {
		refs(n.Expr, l.need)
	}
	in, ok, err := l.partitioned(x.Input)
	l.need = nil
	if !ok || err != nil {
		return layout{}, ok, err
	}
	sel, err := l.aggList(x)
	if err != nil {
		return layout{}, false, err
	}
	if sel == "" {
		sel = "1 AS __empty"
	}
	if sorted {
		return l.sortedLayout(in, sel, x.Groups, len(x.Aggs))
	}
	return l.groupedLayout(in, sel, x.Groups, x.Hash, x.Shuffle, len(x.Aggs), false)
}

// sortAggregates over a string run in Spark's sort-based aggregation:
// every partition sorted by the keys, so the one partition adaptive
// execution coalesces a small exchange into returns the groups in key
// order (ascending, NULLs first).
var sortAggregates = map[string]bool{"min": true, "max": true, "first": true, "last": true}

func (l *lowerer) sortedLayout(in layout, sel string, groupExprs []logical.Expr, aggs int) (layout, bool, error) {
	in = l.slice(in)
	if in.rows < 0 || in.bytes < 0 || in.rows*int64(16+8*(len(groupExprs)+aggs))+2*in.bytes > smallShuffle {
		return layout{}, false, nil
	}
	groups := make([]string, len(groupExprs))
	keys := make([]string, len(groupExprs))
	orders := make([]string, len(groupExprs))
	excl := make([]string, len(groupExprs))
	var err error
	for i, g := range groupExprs {
		if groups[i], err = l.expr(g); err != nil {
			return layout{}, false, err
		}
		keys[i] = fmt.Sprintf("%s AS __sk%d", groups[i], i)
		orders[i] = fmt.Sprintf("__sk%d ASC NULLS FIRST", i)
		excl[i] = fmt.Sprintf("__sk%d", i)
	}
	t, o := l.next(), l.next()
	q := fmt.Sprintf("SELECT %s, %s FROM (%s) AS %s GROUP BY %s", sel, strings.Join(keys, ", "), in.sql, t, strings.Join(groups, ", "))
	return layout{parts: 1, rows: in.rows, bytes: -1, sql: fmt.Sprintf("SELECT * EXCLUDE (%s), CAST(0 AS BIGINT) AS %s, row_number() OVER (ORDER BY %s) AS %s FROM (%s) AS %s",
		strings.Join(excl, ", "), pidCol, strings.Join(orders, ", "), ordCol, q, o)}, true, nil
}

// distinctLayout is distinct() over all columns, which Spark plans as an
// aggregate without aggregate functions. Its final hash aggregation then
// keeps groups without NULL keys in a map of their own, emitted first
// (verified for integral, boolean, string, date, timestamp and decimal
// keys; floating point keys do not, and other types are not modelled).
func (l *lowerer) distinctLayout(x *logical.Distinct) (layout, bool, error) {
	if x.WithinWatermark || x.Hash == nil || !x.Adaptive || x.Shuffle <= 0 {
		return layout{}, false, nil
	}
	if len(x.Keys) > 0 {
		return l.dedupLayout(x)
	}
	groups, names, ok := distinctKeys(x.Input.Output())
	if !ok {
		return layout{}, false, nil
	}
	in, ok, err := l.partitioned(x.Input)
	if !ok || err != nil {
		return layout{}, ok, err
	}
	return l.groupedLayout(in, names, groups, x.Hash, x.Shuffle, 0, true)
}

// dedupLayout is dropDuplicates(cols), which Spark plans as an aggregate
// grouped by cols that takes first() of every other column: each group
// keeps its first row in input order. Spark aggregates first() by hash
// when all its buffers are fixed-width, and sorts otherwise (strings and
// other variable-width values); a subset naming every column is a plain
// distinct.
func (l *lowerer) dedupLayout(x *logical.Distinct) (layout, bool, error) {
	keyIDs := map[int64]bool{}
	for _, k := range x.Keys {
		r, ok := k.(*logical.ColRef)
		if !ok {
			return layout{}, false, nil
		}
		keyIDs[r.Attr.ID] = true
	}
	out := x.Input.Output()
	var keyAttrs []logical.Attr
	for _, k := range x.Keys {
		keyAttrs = append(keyAttrs, k.(*logical.ColRef).Attr)
	}
	if _, _, ok := distinctKeys(keyAttrs); !ok {
		return layout{}, false, nil
	}
	sel := make([]string, len(out))
	others, sorted := 0, false
	for i, a := range out {
		if keyIDs[a.ID] {
			sel[i] = col(a.ID)
			continue
		}
		others++
		switch {
		case types.IsStringLike(a.Type):
			sorted = true
		case !fixedWidthBuffer(a.Type):
			return layout{}, false, nil
		}
		sel[i] = "first(" + col(a.ID) + " ORDER BY " + pidCol + ", " + ordCol + ") AS " + col(a.ID)
	}
	if sorted && len(keyAttrs) == 1 && keyAttrs[0].Nullable && !types.IsStringLike(keyAttrs[0].Type) {
		// Spark radix-sorts a single such key, and its sorter moves
		// every NULL-keyed row to the front by swapping it with the first
		// non-NULL row, which reorders the rows a group's first() sees.
		// That is not modelled.
		return layout{}, false, nil
	}
	in, ok, err := l.partitioned(x.Input)
	if !ok || err != nil {
		return layout{}, ok, err
	}
	if others == 0 {
		return l.groupedLayout(in, strings.Join(sel, ", "), x.Keys, x.Hash, x.Shuffle, 0, true)
	}
	if sorted {
		return l.sortedLayout(in, strings.Join(sel, ", "), x.Keys, others)
	}
	return l.groupedLayout(in, strings.Join(sel, ", "), x.Keys, x.Hash, x.Shuffle, others, false)
}

// fixedWidthBuffer reports a type Spark's hash aggregation keeps in a
// fixed-width buffer slot.
func fixedWidthBuffer(t types.DataType) bool {
	switch t.Kind() {
	case types.Boolean.Kind(), types.Date.Kind(), types.Timestamp.Kind(), types.TimestampNTZ.Kind():
		return true
	}
	if _, ok := t.(types.Decimal); ok {
		return true
	}
	return types.IsNumeric(t)
}

// distinctKeys are the grouping keys and select list of a distinct over
// out, or false for key types whose order is not modelled.
func distinctKeys(out []logical.Attr) ([]logical.Expr, string, bool) {
	groups := make([]logical.Expr, len(out))
	names := make([]string, len(out))
	for i, a := range out {
		switch {
		case types.IsIntegral(a.Type), types.IsStringLike(a.Type), a.Type.Kind() == types.Boolean.Kind(),
			a.Type.Kind() == types.Date.Kind(), a.Type.Kind() == types.Timestamp.Kind(), a.Type.Kind() == types.TimestampNTZ.Kind():
		default:
			if _, ok := a.Type.(types.Decimal); !ok {
				return nil, "", false
			}
		}
		groups[i] = &logical.ColRef{Attr: a}
		names[i] = col(a.ID)
	}
	return groups, strings.Join(names, ", "), len(out) > 0
}

// intersectLayout is INTERSECT DISTINCT, which Spark runs as a broadcast
// left semi join (null-safe equality on all columns, the left side
// streamed) followed by a distinct.
func (l *lowerer) intersectLayout(x *logical.SetOp) (layout, bool, error) {
	if x.Kind != logical.Intersect || x.All || x.Hash == nil || !x.Adaptive || x.Shuffle <= 0 {
		return layout{}, false, nil
	}
	groups, names, ok := distinctKeys(x.Out)
	if !ok {
		return layout{}, false, nil
	}
	if rs, ok := sizeOf(x.Right, nil); !ok || rs.bytes > broadcastLimit {
		return layout{}, false, nil
	}
	left, ok, err := l.partitioned(x.Left)
	if !ok || err != nil {
		return layout{}, ok, err
	}
	left = l.slice(left)
	right, err := l.plan(x.Right)
	if err != nil {
		return layout{}, false, err
	}
	lo, ro := x.Left.Output(), x.Right.Output()
	lsel := make([]string, len(x.Out))
	rsel := make([]string, len(x.Out))
	match := make([]string, len(x.Out))
	t, r := l.next(), l.next()
	for i, a := range x.Out {
		lsel[i] = col(lo[i].ID) + " AS " + col(a.ID)
		rsel[i] = fmt.Sprintf("%s AS __r%d", col(ro[i].ID), i)
		match[i] = fmt.Sprintf("%s.__r%d IS NOT DISTINCT FROM %s.%s", r, i, t, col(a.ID))
	}
	left.sql = fmt.Sprintf("SELECT * FROM (SELECT %s, %s, %s FROM (%s) AS %s_in) AS %s WHERE EXISTS (SELECT 1 FROM (SELECT %s FROM (%s) AS %s_in) AS %s WHERE %s)",
		strings.Join(lsel, ", "), pidCol, ordCol, left.sql, t, t, strings.Join(rsel, ", "), right, r, r, strings.Join(match, " AND "))
	left.exact = false
	return l.groupedLayout(left, names, groups, x.Hash, x.Shuffle, 0, true)
}

// groupedLayout aggregates in (sel over groups) as Spark's hash
// aggregation with an adaptive exchange does, when the input is small
// enough to be coalesced into one partition. A group comes in the order
// its first input partition, its target, then its first row there; rows
// with a NULL key come after the others of their target within a map
// partition (the partial aggregation's fast map takes only non-null keys)
// and, with nullLast, after all others.
func (l *lowerer) groupedLayout(in layout, sel string, groupExprs []logical.Expr, hash logical.Expr, shuffle, aggs int, nullLast bool) (layout, bool, error) {
	in = l.slice(in)
	if in.rows < 0 || in.bytes < 0 || in.rows*int64(16+8*(len(groupExprs)+aggs))+2*in.bytes > smallShuffle {
		return layout{}, false, nil
	}
	h, err := l.expr(hash)
	if err != nil {
		return layout{}, false, err
	}
	groups := make([]string, len(groupExprs))
	nulls := make([]string, len(groupExprs))
	for i, g := range groupExprs {
		if groups[i], err = l.expr(g); err != nil {
			return layout{}, false, err
		}
		nulls[i] = "(" + groups[i] + ") IS NULL"
	}
	t := l.next()
	target := fmt.Sprintf("((CAST(%s AS BIGINT) %% %d) + %d) %% %d", h, shuffle, shuffle, shuffle)
	q := fmt.Sprintf("SELECT %s, min(struct_pack(p := %s, o := %s)) AS __first, min(%s) AS __t, bool_or(%s) AS __hn FROM (%s) AS %s GROUP BY %s",
		sel, pidCol, ordCol, target, strings.Join(nulls, " OR "), in.sql, t, strings.Join(groups, ", "))
	order := "__first.p, __t, __hn, __first.o"
	if nullLast {
		order = "__hn, " + order
	}
	o := l.next()
	return layout{parts: 1, rows: in.rows, bytes: -1, sql: fmt.Sprintf("SELECT * EXCLUDE (__first, __t, __hn), CAST(0 AS BIGINT) AS %s, row_number() OVER (ORDER BY %s) AS %s FROM (%s) AS %s",
		pidCol, order, ordCol, q, o)}, true, nil
}

func (l *lowerer) valuesLayout(x *logical.Values) (layout, bool, error) {
	if len(x.Rows) == 0 || len(x.Attrs) == 0 {
		return layout{}, false, nil
	}
	rows := make([]string, len(x.Rows))
	for i, r := range x.Rows {
		vals := make([]string, len(r)+1)
		for j, e := range r {
			if functions.PositionalRandom(e) {
				return layout{}, false, nil
			}
			s, err := l.expr(e)
			if err != nil {
				return layout{}, false, err
			}
			vals[j] = s
		}
		vals[len(r)] = fmt.Sprintf("CAST(%d AS BIGINT)", i)
		rows[i] = "(" + strings.Join(vals, ", ") + ")"
	}
	names := make([]string, len(x.Attrs)+1)
	for i, a := range x.Attrs {
		names[i] = col(a.ID)
	}
	names[len(x.Attrs)] = ordCol
	bytes := int64(-1)
	fixed := true
	for _, a := range x.Attrs {
		fixed = fixed && fixedWidth(a.Type)
	}
	if fixed {
		bytes = 8 * int64(len(x.Rows)*len(x.Attrs))
	}
	return layout{sql: "SELECT *, CAST(0 AS BIGINT) AS " + pidCol + " FROM (VALUES " + strings.Join(rows, ", ") + ") AS " + l.next() + "(" + strings.Join(names, ", ") + ")",
		local: true, parts: 1, rows: int64(len(x.Rows)), bytes: bytes, exact: true}, true, nil
}

// position makes rand/randn lowered until restore draw by the __pid and
// __pos columns.
func (l *lowerer) position() (restore func()) {
	prev := l.c.Position
	l.c.Position = &functions.RowPosition{Partition: pidCol, Pos: posCol}
	return func() { l.c.Position = prev }
}

// withPositions adds __pos, the row's 0-based position in its partition.
func withPositions(sql, alias string) string {
	return "(SELECT *, row_number() OVER (PARTITION BY " + pidCol + " ORDER BY " + ordCol + ") - 1 AS " + posCol +
		" FROM (" + sql + ") AS " + alias + "_in) AS " + alias
}

// rangeCount is the number of elements of range(start, end, step), as
// Spark counts them.
func rangeCount(start, end, step int64) *big.Int {
	d := new(big.Int).Sub(big.NewInt(end), big.NewInt(start))
	st := big.NewInt(step)
	if d.Sign() == 0 || (d.Sign() > 0) != (step > 0) {
		return new(big.Int)
	}
	q, r := new(big.Int).QuoRem(d, st, new(big.Int))
	if r.Sign() != 0 {
		q.Add(q, big.NewInt(1))
	}
	return q
}

func (l *lowerer) rangeLayout(x *logical.Range) layout {
	n := rangeCount(x.Start, x.End, x.Step)
	k := x.NumPartitions
	if k <= 0 {
		k = int64(l.parallelism())
	}
	if n.Sign() == 0 {
		n = big.NewInt(1) // no rows: any divisor will do
	}
	idx := fmt.Sprintf("((CAST(range AS HUGEINT) - %d) // %d)", x.Start, x.Step)
	pid := fmt.Sprintf("CAST(((%s + 1) * %d - 1) // CAST('%s' AS HUGEINT) AS BIGINT)", idx, k, n.String())
	lay := layout{sql: fmt.Sprintf("SELECT range AS %s, %s AS %s, CAST(%s AS BIGINT) AS %s FROM range(%d, %d, %d)",
		col(x.Attr.ID), pid, pidCol, idx, ordCol, x.Start, x.End, x.Step), parts: int(k), rows: -1, bytes: -1}
	if c := rangeCount(x.Start, x.End, x.Step); c.IsInt64() && c.Int64() < 1<<40 {
		lay.rows, lay.bytes, lay.exact = c.Int64(), 8*c.Int64(), true
	}
	return lay
}

func (l *lowerer) parallelism() int {
	if l.c != nil && l.c.Parallelism > 0 {
		return l.c.Parallelism
	}
	return 1
}

// slice ends Spark's local-relation folding: the rows are split, in
// order, into min(rows, parallelism) partitions as parallelize does.
func (l *lowerer) slice(in layout) layout {
	if !in.local {
		return in
	}
	k := l.parallelism()
	t := l.next()
	parts := 0
	if in.exact {
		parts = int(min(in.rows, int64(k)))
	}
	return layout{parts: parts, rows: in.rows, bytes: in.bytes, exact: in.exact, sql: fmt.Sprintf("SELECT * EXCLUDE (%s, __j, __n), CAST(((__j + 1) * least(__n, %d) - 1) // __n AS BIGINT) AS %s "+
		"FROM (SELECT *, row_number() OVER (ORDER BY %s) - 1 AS __j, count(*) OVER () AS __n FROM (%s) AS %s_in) AS %s",
		pidCol, k, pidCol, ordCol, in.sql, t, t)}
}

func (l *lowerer) sampleLayout(x *logical.Sample) (layout, bool, error) {
	in, ok, err := l.partitioned(x.Input)
	if !ok || err != nil {
		return layout{}, ok, err
	}
	in = l.slice(in)
	if x.DeterministicOrder {
		keys := make([]string, 0, len(x.Input.Output()))
		for _, a := range x.Input.Output() {
			if orderable(a.Type) {
				keys = append(keys, col(a.ID)+" ASC NULLS FIRST")
			}
		}
		if len(keys) > 0 {
			t := l.next()
			in.sql = fmt.Sprintf("SELECT * REPLACE (row_number() OVER (PARTITION BY %s ORDER BY %s) AS %s) FROM (%s) AS %s",
				pidCol, strings.Join(keys, ", "), ordCol, in.sql, t)
		}
	}
	t := l.next()
	src := withPositions(in.sql, t)
	seed := fmt.Sprintf("CAST(%d AS BIGINT)", x.Seed)
	nonce := functions.NewNonce()
	if x.WithReplacement {
		f := x.Upper - x.Lower
		if f >= udf.PoissonMaxMean {
			return layout{}, false, sparkerr.Unsupported(fmt.Sprintf("sample with replacement and a fraction of %v (at least %d)", f, udf.PoissonMaxMean))
		}
		// Every row is repeated its Poisson count of times.
		return layout{sql: fmt.Sprintf("SELECT * EXCLUDE (%s, __k) FROM (SELECT *, unnest(range(ember_poisson_at(%s, %s, %s, %s, CAST(%v AS DOUBLE)))) AS __k FROM %s) AS %s",
			posCol, seed, pidCol, posCol, nonce, f, src, l.next()), parts: in.parts, rows: -1, bytes: -1}, true, nil
	}
	draw := fmt.Sprintf("ember_rand_at(%s, %s, %s, %s)", seed, pidCol, posCol, nonce)
	in.exact = false
	return in.with(fmt.Sprintf("SELECT * EXCLUDE (%s) FROM %s WHERE %s >= CAST(%v AS DOUBLE) AND %s < CAST(%v AS DOUBLE)",
		posCol, src, draw, x.Lower, draw, x.Upper)), true, nil
}

// orderable reports whether Spark can sort by a column of type t (maps,
// alone or nested, cannot be).
func orderable(t types.DataType) bool {
	switch x := t.(type) {
	case types.Map:
		return false
	case types.Array:
		return orderable(x.Elem)
	case types.Struct:
		for _, f := range x.Fields {
			if !orderable(f.Type) {
				return false
			}
		}
	}
	return true
}

// finish turns a layout back into a plain relation of p's columns, in
// Spark's collect order: partition by partition, each in its own order.
func finish(p logical.Plan, in layout, alias string) string {
	out := p.Output()
	cols := "*"
	if len(out) > 0 {
		parts := make([]string, len(out))
		for i, a := range out {
			parts[i] = col(a.ID)
		}
		cols = strings.Join(parts, ", ")
	} else {
		cols = "* EXCLUDE (" + pidCol + ", " + ordCol + ")"
	}
	return "SELECT " + cols + " FROM (" + in.sql + ") AS " + alias + " ORDER BY " + pidCol + ", " + ordCol
}

// refs adds the ids of the attributes e reads to set.
func refs(e logical.Expr, set map[int64]bool) {
	logical.Walk(e, func(x logical.Expr) bool {
		if r, ok := x.(*logical.ColRef); ok {
			set[r.Attr.ID] = true
		}
		return true
	})
}

// fixedWidth reports a type Spark stores in an UnsafeRow's 8-byte slot.
func fixedWidth(t types.DataType) bool {
	return sparkDefaultSize(t) <= 8 && sparkDefaultSize(t) > 0 && !types.IsStringLike(t) && t.Kind() != types.KindNull
}

// sparkDefaultSize is Spark's DataType.defaultSize, the per-value width
// of its size estimates.
func sparkDefaultSize(t types.DataType) int64 {
	switch x := t.(type) {
	case types.Decimal:
		if x.Precision <= 18 {
			return 8
		}
		return 16
	case types.Array:
		return sparkDefaultSize(x.Elem)
	case types.Map:
		return sparkDefaultSize(x.Key) + sparkDefaultSize(x.Value)
	case types.Struct:
		var n int64
		for _, f := range x.Fields {
			n += sparkDefaultSize(f.Type)
		}
		return n
	}
	switch t.Kind() {
	case types.Boolean.Kind(), types.Byte.Kind(), types.KindNull:
		return 1
	case types.Short.Kind():
		return 2
	case types.Int.Kind(), types.Float.Kind(), types.Date.Kind():
		return 4
	case types.Long.Kind(), types.Double.Kind(), types.Timestamp.Kind(), types.TimestampNTZ.Kind():
		return 8
	case types.Binary.Kind():
		return 100
	}
	if types.IsStringLike(t) {
		return 20
	}
	return 16 // intervals, variants: Spark's 16
}
