package executor

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/emberdb/ember/internal/engine/duckdb"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkpb"
)

// persistCache is Spark's CacheManager for DataFrames (df.cache(),
// df.persist(level), df.unpersist()). Entries are per session and keyed by
// planKey, the canonical form of the resolved plan plus the identity of the
// data its leaves read, so a later plan whose subtree computes the same
// thing over the same data reads the cached rows.
//
// Like Spark, persisting is lazy: the rows are materialised into a DuckDB
// temporary table of the session's connection by the first execution that
// uses the plan (an explain does not materialise anything). Unpersisting,
// clearCache and closing the session drop the table.
//
//	persist(P)        entries[key(P)] = {table: ember_persist_3, columns: nil}
//	collect(Filter(P)) ─► Filter(LocalTable ember_persist_3 [attrs of P])
//	                      (CREATE TEMP TABLE ember_persist_3 AS P first)
type persistCache struct {
	mu   sync.Mutex
	seq  int
	sess map[*session.Session]map[string]*persistEntry
}

type persistEntry struct {
	level   *sparkpb.StorageLevel
	plan    logical.Plan // the plan as persisted (for explain)
	sig     string       // outputSig of the plan, a cheap pre-filter
	table   string       // temporary table holding the rows
	columns []string     // its columns; nil until materialised
}

func newPersistCache() *persistCache {
	return &persistCache{sess: map[*session.Session]map[string]*persistEntry{}}
}

// defaultStorageLevel is MEMORY_AND_DISK_DESER, what df.cache() uses.
func defaultStorageLevel() *sparkpb.StorageLevel {
	return &sparkpb.StorageLevel{UseDisk: true, UseMemory: true, Deserialized: true, Replication: 1}
}

// storageLevelString prints a storage level as Spark's StorageLevel.toString.
func storageLevelString(l *sparkpb.StorageLevel) string {
	var parts []string
	if l.GetUseDisk() {
		parts = append(parts, "disk")
	}
	if l.GetUseMemory() {
		parts = append(parts, "memory")
	}
	if l.GetUseOffHeap() {
		parts = append(parts, "offheap")
	}
	if l.GetDeserialized() {
		parts = append(parts, "deserialized")
	}
	parts = append(parts, fmt.Sprintf("%d replicas", l.GetReplication()))
	return "StorageLevel(" + strings.Join(parts, ", ") + ")"
}

// planKey identifies what a resolved plan computes: its canonical print
// (attribute ids renumbered) and the data its leaves read, which the
// canonical print leaves out (two createDataFrame calls print alike).
func planKey(p logical.Plan) string {
	var b strings.Builder
	b.WriteString(canonical(p))
	var walk func(logical.Plan)
	walk = func(p logical.Plan) {
		switch x := p.(type) {
		case *logical.LocalTable:
			fmt.Fprintf(&b, "|local %s %v", x.Table, x.Columns)
		case *logical.FileScan:
			keys := make([]string, 0, len(x.Options))
			for k := range x.Options {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			fmt.Fprintf(&b, "|files %s %q %v", x.Format, x.Paths, x.Columns)
			for _, k := range keys {
				fmt.Fprintf(&b, " %s=%s", k, x.Options[k])
			}
			if len(x.Schema.Fields) > 0 {
				b.WriteString(" schema " + x.Schema.SimpleString())
			}
		case *logical.TableScan:
			fmt.Fprintf(&b, "|table %s.%s %s@%d %q", x.DB, x.Name, x.TableID, x.Version, x.Files)
			for _, l := range x.Located {
				fmt.Fprintf(&b, " located %v %q", l.Values, l.Files)
			}
		case *logical.Values:
			b.WriteString("|values")
			for _, r := range x.Rows {
				for _, e := range r {
					b.WriteString(" " + e.SQL())
				}
				b.WriteString(";")
			}
		}
		for _, ch := range p.Children() {
			walk(ch)
		}
	}
	walk(p)
	return b.String()
}

// outputSig summarises a plan's output names and types.
func outputSig(p logical.Plan) string {
	var b strings.Builder
	for _, a := range p.Output() {
		b.WriteString(a.Name + ":" + a.Type.SimpleString() + ",")
	}
	return b.String()
}

// persist registers a plan for caching. Persisting a plan that is already
// cached keeps the first storage level (Spark only warns).
func (pc *persistCache) persist(s *session.Session, lp logical.Plan, lvl *sparkpb.StorageLevel) {
	key := planKey(lp)
	pc.mu.Lock()
	defer pc.mu.Unlock()
	m := pc.sess[s]
	if m == nil {
		m = map[string]*persistEntry{}
		pc.sess[s] = m
	}
	if _, ok := m[key]; ok {
		return
	}
	pc.seq++
	m[key] = &persistEntry{level: lvl, plan: lp, sig: outputSig(lp), table: fmt.Sprintf("ember_persist_%d", pc.seq)}
}

// level is the storage level a plan is persisted with, nil if none.
func (pc *persistCache) level(s *session.Session, lp logical.Plan) *sparkpb.StorageLevel {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if e, ok := pc.sess[s][planKey(lp)]; ok {
		return e.level
	}
	return nil
}

// entryByTable finds the entry whose rows live in a table (explain).
func (pc *persistCache) entryByTable(s *session.Session, table string) *persistEntry {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	for _, e := range pc.sess[s] {
		if e.table == table {
			return e
		}
	}
	return nil
}

// unpersist forgets a plan's cache and drops its rows.
func (c *Core) unpersist(ctx context.Context, s *session.Session, es *duckdb.Session, lp logical.Plan) {
	key := planKey(lp)
	c.persist.mu.Lock()
	e, ok := c.persist.sess[s][key]
	delete(c.persist.sess[s], key)
	c.persist.mu.Unlock()
	if ok && e.columns != nil {
		_ = c.eng.DropTemp(ctx, es, e.table)
	}
}

// clearPersisted drops every persisted plan of a session (clearCache,
// session close).
func (c *Core) clearPersisted(ctx context.Context, s *session.Session, es *duckdb.Session) {
	c.persist.mu.Lock()
	m := c.persist.sess[s]
	delete(c.persist.sess, s)
	c.persist.mu.Unlock()
	for _, e := range m {
		if e.columns != nil {
			_ = c.eng.DropTemp(ctx, es, e.table)
		}
	}
}

// usePersisted replaces every subtree of a plan that is a persisted plan
// by a scan of its cached rows. With run set the rows are materialised
// first when missing; without (explain) nothing is executed.
func (c *Core) usePersisted(ctx context.Context, s *session.Session, es *duckdb.Session, lp logical.Plan, run bool) (logical.Plan, error) {
	c.persist.mu.Lock()
	entries := c.persist.sess[s]
	sigs := make(map[string]bool, len(entries))
	for _, e := range entries {
		sigs[e.sig] = true
	}
	c.persist.mu.Unlock()
	if len(sigs) == 0 {
		return lp, nil
	}
	var walk func(p logical.Plan) (logical.Plan, error)
	walk = func(p logical.Plan) (logical.Plan, error) {
		if lt, ok := p.(*logical.LocalTable); ok && lt.Cached != "" {
			return p, nil
		}
		var e *persistEntry
		if sigs[outputSig(p)] {
			key := planKey(p)
			c.persist.mu.Lock()
			e = c.persist.sess[s][key]
			c.persist.mu.Unlock()
		}
		if e == nil {
			return logical.MapChildren(p, walk)
		}
		cols := e.columns
		if cols == nil && run {
			// Inner persisted plans feed this one's materialisation.
			src, err := logical.MapChildren(p, walk)
			if err != nil {
				return nil, err
			}
			if src, err = c.useTableCache(ctx, s, es, src); err != nil {
				return nil, err
			}
			if src, err = c.runPython(ctx, s, es, src); err != nil {
				return nil, err
			}
			if cols, err = c.eng.MaterializeTemp(ctx, es, src, s, e.table); err != nil {
				return nil, err
			}
			c.persist.mu.Lock()
			e.columns = cols
			c.persist.mu.Unlock()
		}
		if cols == nil {
			cols = make([]string, len(p.Output()))
			for i := range cols {
				cols[i] = fmt.Sprintf("_c%d", i)
			}
		}
		return &logical.LocalTable{Info: *p.Meta(), Table: e.table, Columns: cols, Attrs: p.Output(), Cached: storageLevelString(e.level)}, nil
	}
	return walk(lp)
}
