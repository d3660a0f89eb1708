package duckdb

import (
	"fmt"
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/types"
)

// Spark's exchanges (Repartition, see partitions.go for the layout).
//
// Every exchange reads its input partition by partition and appends each
// row to its target partition, so a target partition holds its rows in
// (source partition, source order) order. The target is
//
//   - coalesce(n) (no shuffle): input partitions merged in contiguous
//     groups, input partition j into ((j+1)*n-1) div k of k (n >= k keeps
//     the k partitions);
//   - repartition(n): round robin. Spark first sorts every input partition
//     by the hash of the row's UnsafeRow bytes (columns pruned to those
//     read above the exchange), then deals the rows out starting after a
//     position drawn from XORShiftRandom(partition index) (one target
//     partition needs neither);
//   - repartition(n, cols): pmod(hash(cols), n);
//   - repartitionById(n, e): pmod(e, n), NULL to 0;
//   - repartitionByRange(n, orders): Spark samples the keys to choose
//     n-1 bounds; when every input partition has at most
//     ceil(3*min(100n, 1e6)/k) rows the sample is all rows and the bounds
//     are exact (rangeBounds). A row goes to the number of bounds below it.
//
// Without n (repartition(cols), DISTRIBUTE BY) the exchange has
// spark.sql.shuffle.partitions targets, which adaptive execution then
// coalesces: a shuffle under its 1 MiB minimum partition size becomes one
// partition, read source by source, each in target order. Larger inputs
// have a layout Ember does not model.
//
// Spark's CollapseRepartition keeps only the outer of two adjacent
// repartitions, except a coalesce over a shuffle to more partitions.

// smallShuffle bounds the data adaptive execution surely coalesces into
// one partition (half its 1 MiB minimum, for the rows' overhead).
const smallShuffle = 512 << 10

func (l *lowerer) repartitionLayout(x *logical.Repartition) (layout, bool, error) {
	need := l.need
	if in, ok := x.Input.(*logical.Repartition); ok {
		switch {
		case x.Kind != logical.Coalesce:
			return l.repartitionLayout(withInput(x, in.Input))
		case in.Kind == logical.Coalesce:
			return l.repartitionLayout(withInput(x, in.Input))
		case in.N > 0 && x.N >= in.N:
			return l.repartitionLayout(in)
		}
	}
	l.need = nil
	if x.Kind == logical.RoundRobin {
		l.need = need
	}
	in, ok, err := l.partitioned(x.Input)
	l.need = nil
	if !ok || err != nil {
		return layout{}, ok, err
	}
	in = l.slice(in)
	n := x.N
	adaptive := false
	if n == 0 {
		if !x.Adaptive || x.Shuffle <= 0 || in.rows < 0 || in.bytes < 0 ||
			in.rows*int64(16+8*len(x.Input.Output()))+2*in.bytes > smallShuffle {
			return layout{}, false, nil
		}
		n, adaptive = x.Shuffle, true
	}
	out := layout{parts: n, rows: in.rows, bytes: in.bytes}
	if adaptive {
		out.parts = 1
	}
	var target string
	switch x.Kind {
	case logical.Coalesce:
		if in.parts == 0 {
			return layout{}, false, nil
		}
		if n >= in.parts {
			return in, true, nil
		}
		target = fmt.Sprintf("((%s + 1) * %d - 1) // %d", pidCol, n, in.parts)
	case logical.IDPartition:
		if !types.IsIntegral(x.Keys[0].Type()) {
			return layout{}, false, nil
		}
		k, err := l.expr(x.Keys[0])
		if err != nil {
			return layout{}, false, err
		}
		target = fmt.Sprintf("coalesce(((CAST(%s AS BIGINT) %% %d) + %d) %% %d, 0)", k, n, n, n)
	case logical.HashPartition:
		if x.Hash == nil {
			return layout{}, false, nil
		}
		h, err := l.expr(x.Hash)
		if err != nil {
			return layout{}, false, err
		}
		target = fmt.Sprintf("((CAST(%s AS BIGINT) %% %d) + %d) %% %d", h, n, n, n)
	case logical.RangePartition:
		k := in.parts
		if k == 0 {
			k = l.parallelism()
		}
		if in.rows < 0 || in.rows > (3*min(100*int64(n), 1_000_000)+int64(k)-1)/int64(k) {
			return layout{}, false, nil
		}
		src, err := l.rangeTargets(in, x.Orders, n)
		if err != nil {
			return layout{}, false, err
		}
		in.sql, target = src, "__rt"
	case logical.RoundRobin:
		return l.roundRobin(in, x, need)
	default:
		return layout{}, false, nil
	}
	t := l.next()
	if adaptive {
		// One coalesced partition, read source by source.
		out.sql = fmt.Sprintf("SELECT * EXCLUDE (%s, %s, __t), CAST(0 AS BIGINT) AS %s, row_number() OVER (ORDER BY %s, __t, %s) AS %s FROM (SELECT *, %s AS __t FROM (%s) AS %s_in) AS %s",
			pidCol, ordCol, pidCol, pidCol, ordCol, ordCol, target, in.sql, t, t)
	} else {
		out.sql = exchangeSQL(in.sql, target, pidCol+", "+ordCol, t)
	}
	if strings.Contains(target, "__rt") {
		out.sql = "SELECT * EXCLUDE (__rt) FROM (" + out.sql + ") AS " + l.next()
	}
	return out, true, nil
}

// exchangeSQL moves every row of sql to partition target, ordered within
// it by order (the source partition and position).
func exchangeSQL(sql, target, order, t string) string {
	return fmt.Sprintf("SELECT * EXCLUDE (%s, %s, __t), CAST(__t AS BIGINT) AS %s, row_number() OVER (PARTITION BY __t ORDER BY %s) AS %s FROM (SELECT *, %s AS __t FROM (%s) AS %s_in) AS %s",
		pidCol, ordCol, pidCol, order, ordCol, target, sql, t, t)
}

func withInput(x *logical.Repartition, in logical.Plan) *logical.Repartition {
	n := *x
	n.Input = in
	return &n
}

// rangeTargets adds __rt, the row's range partition: Spark's bounds over
// all rows are chosen by ember_range_bounds from the cumulative row counts
// of the distinct keys in order; a row's partition is the number of
// bounds below its key.
func (l *lowerer) rangeTargets(in layout, orders []logical.SortKey, n int) (string, error) {
	keys, err := l.sortKeys(orders)
	if err != nil {
		return "", err
	}
	t, b := l.next(), l.next()
	return fmt.Sprintf("WITH %s AS (SELECT *, dense_rank() OVER (ORDER BY %s) AS __dk, count(*) OVER (ORDER BY %s) AS __cum FROM (%s) AS %s_in), "+
		"%s AS (SELECT ember_range_bounds(list(__cum ORDER BY __dk), CAST(%d AS INTEGER)) AS __b FROM (SELECT DISTINCT __dk, __cum FROM %s) AS %s_d) "+
		"SELECT %s.* EXCLUDE (__dk, __cum), CAST(len(list_filter(%s.__b, __x -> __x < %s.__dk)) AS BIGINT) AS __rt FROM %s, %s",
		t, keys, keys, in.sql, t, b, n, t, b, t, b, t, t, b), nil
}

// roundRobin deals the rows out as Spark's round-robin exchange does.
func (l *lowerer) roundRobin(in layout, x *logical.Repartition, need map[int64]bool) (layout, bool, error) {
	n := x.N
	out := layout{parts: n, rows: in.rows, bytes: in.bytes}
	t := l.next()
	if n == 1 {
		out.sql = exchangeSQL(in.sql, "0", pidCol+", "+ordCol, t)
		return out, true, nil
	}
	var vals []string
	for _, a := range x.Input.Output() {
		if need != nil && !need[a.ID] {
			continue
		}
		v, ok := unsafeRowValue(col(a.ID), a.Type)
		if !ok {
			return layout{}, false, nil
		}
		vals = append(vals, v)
	}
	sortKey := "0"
	if len(vals) > 0 {
		sortKey = "CAST(ember_unsafe_row_hash(" + strings.Join(vals, ", ") + ") AS BIGINT)"
	}
	src := fmt.Sprintf("SELECT *, row_number() OVER (PARTITION BY %s ORDER BY %s, %s) - 1 AS __rr FROM (%s) AS %s_s",
		pidCol, sortKey, ordCol, in.sql, t)
	target := fmt.Sprintf("(ember_round_robin_start(%s, CAST(%d AS INTEGER)) + 1 + __rr) %% %d", pidCol, n, n)
	out.sql = "SELECT * EXCLUDE (__rr) FROM (" + exchangeSQL(src, target, pidCol+", __rr", l.next()) + ") AS " + l.next()
	return out, true, nil
}

// unsafeRowValue is the SQL of a column as ember_unsafe_row_hash takes it
// (the value Spark stores in the row's slot), or false for types it does
// not lay out.
func unsafeRowValue(c string, t types.DataType) (string, bool) {
	switch t.Kind() {
	case types.Boolean.Kind(), types.Byte.Kind(), types.Short.Kind(), types.Int.Kind(), types.Long.Kind(),
		types.Float.Kind(), types.Double.Kind():
		return c, true
	case types.Date.Kind():
		return "CAST(" + c + " - DATE '1970-01-01' AS INTEGER)", true
	case types.Timestamp.Kind(), types.TimestampNTZ.Kind():
		return "epoch_us(" + c + ")", true
	}
	if t.Kind() == types.KindString {
		return c, true
	}
	return "", false
}
