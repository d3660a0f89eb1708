package analyzer

import (
	"bytes"

	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
)

// repartition resolves repartition, coalesce, repartitionByRange,
// repartitionById and DISTRIBUTE BY into one Repartition node that keeps
// how Spark deals the rows out (see engine/duckdb/partitions.go).
func (a *Analyzer) repartition(x *plan.Repartition) (logical.Plan, error) {
	in, err := a.Resolve(x.Input)
	if err != nil {
		return nil, err
	}
	r := &logical.Repartition{Input: in, N: int(x.NumPartitions)}
	if r.N == 0 && a.Session != nil {
		r.Shuffle, _ = strconv.Atoi(strings.TrimSpace(a.Session.Conf.GetOr("spark.sql.shuffle.partitions", "200")))
		on := func(k string) bool {
			return !strings.EqualFold(strings.TrimSpace(a.Session.Conf.GetOr(k, "true")), "false")
		}
		r.Adaptive = on("spark.sql.adaptive.enabled") && on("spark.sql.adaptive.coalescePartitions.enabled")
	}
	if len(x.Exprs) == 0 {
		r.Kind = logical.Coalesce
		if x.Shuffle {
			r.Kind = logical.RoundRobin
		}
		return r, nil
	}
	s := a.scopeOf(in)
	sorts := 0
	for _, e := range x.Exprs {
		if _, ok := e.(*plan.SortOrder); ok {
			sorts++
		}
	}
	if sorts == len(x.Exprs) {
		r.Kind = logical.RangePartition
		for _, e := range x.Exprs {
			k, err := a.sortKey(e.(*plan.SortOrder), s)
			if err != nil {
				return nil, err
			}
			r.Orders = append(r.Orders, k)
		}
		if err := checkSortable(r.Orders); err != nil {
			return nil, err
		}
		return r, nil
	}
	if id, ok := x.Exprs[0].(*plan.PartitionID); ok && len(x.Exprs) == 1 {
		e, err := a.expr(id.Child, s)
		if err != nil {
			return nil, err
		}
		r.Kind = logical.IDPartition
		r.Keys = []logical.Expr{stripAlias(e)}
		return r, nil
	}
	r.Kind = logical.HashPartition
	for _, pe := range x.Exprs {
		switch pe.(type) {
		case *plan.SortOrder, *plan.PartitionID:
			return nil, sparkerr.Unsupported("repartition by a mix of sort orders, partition ids and expressions")
		}
		e, err := a.expr(pe, s)
		if err != nil {
			return nil, err
		}
		r.Keys = append(r.Keys, stripAlias(e))
	}
	if h, err := functions.Call(a.fctx, "hash", r.Keys, false); err == nil {
		r.Hash = h
	}
	return r, nil
}

// localStats counts the rows of Arrow IPC streams (unknown if one does not
// read).
func localStats(chunks [][]byte) logical.LocalStats {
	st := logical.LocalStats{Known: true}
	for _, c := range chunks {
		st.Bytes += int64(len(c))
		r, err := ipc.NewReader(bytes.NewReader(c))
		if err != nil {
			return logical.LocalStats{}
		}
		for r.Next() {
			st.Rows += r.RecordBatch().NumRows()
		}
		err = r.Err()
		r.Release()
		if err != nil {
			return logical.LocalStats{}
		}
	}
	return st
}

// shuffleOf is the exchange Spark plans between a partial and a final
// aggregation by keys: hash(keys) (nil if unhashable) into
// spark.sql.shuffle.partitions, coalesced by adaptive execution or not.
func (a *Analyzer) shuffleOf(keys []logical.Expr) (hash logical.Expr, shuffle int, adaptive bool) {
	if a.Session == nil || len(keys) == 0 {
		return nil, 0, false
	}
	shuffle, _ = strconv.Atoi(strings.TrimSpace(a.Session.Conf.GetOr("spark.sql.shuffle.partitions", "200")))
	on := func(k string) bool {
		return !strings.EqualFold(strings.TrimSpace(a.Session.Conf.GetOr(k, "true")), "false")
	}
	adaptive = on("spark.sql.adaptive.enabled") && on("spark.sql.adaptive.coalescePartitions.enabled")
	if h, err := functions.Call(a.fctx, "hash", keys, false); err == nil {
		hash = h
	}
	return hash, shuffle, adaptive
}
