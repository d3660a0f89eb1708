package executor

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/emberdb/ember/internal/catalog"
	"github.com/emberdb/ember/internal/engine/duckdb"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
)

// tableCache is Spark's CacheManager for catalog tables (CACHE TABLE,
// spark.catalog.cacheTable): a cached table's rows are materialised once
// in an engine table shared by all sessions and every later scan of the
// table reads that copy instead of the files. A write to the table marks
// the copy stale; the next scan materialises it again (Spark likewise
// re-caches a table after an INSERT). CACHE LAZY TABLE defers the first
// materialisation to the first scan. A cached temporary view (CACHE
// TABLE v, CACHE TABLE v AS query) is materialised at once and the view
// then reads the copy until it is uncached.
type tableCache struct {
	mu      sync.Mutex
	seq     int
	entries map[string]*cacheEntry // "db.table"
	views   map[viewKey]cachedView
}

type viewKey struct {
	s    *session.Session
	name string // lower-case
}

// cachedView remembers a cached temporary view's own plan.
type cachedView struct {
	original plan.Relation
	engine   string
}

type cacheEntry struct {
	engine  string   // engine table holding the rows
	columns []string // its columns, parallel to the table schema
	tableID string   // catalog table incarnation the rows were taken from
	version int64    // its snapshot version; -1: not materialised
}

func newTableCache() *tableCache {
	return &tableCache{entries: map[string]*cacheEntry{}, views: map[viewKey]cachedView{}}
}

func cacheKey(db, name string) string { return strings.ToLower(db) + "." + strings.ToLower(name) }

// invalidate marks a table's cached rows stale (it stays cached).
func (tc *tableCache) invalidate(db, name string) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	if e, ok := tc.entries[cacheKey(db, name)]; ok {
		e.version = -1
	}
}

// invalidateAll marks every cached table stale (REFRESH path).
func (tc *tableCache) invalidateAll() {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	for _, e := range tc.entries {
		e.version = -1
	}
}

// dropTable uncaches a dropped or replaced table.
func (tc *tableCache) dropTable(db, name string) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	delete(tc.entries, cacheKey(db, name))
}

// dropDatabase uncaches every table of a dropped database.
func (tc *tableCache) dropDatabase(db string) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	for k := range tc.entries {
		if strings.HasPrefix(k, strings.ToLower(db)+".") {
			delete(tc.entries, k)
		}
	}
}

func (tc *tableCache) get(db, name string) (cacheEntry, bool) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	e, ok := tc.entries[cacheKey(db, name)]
	if !ok {
		return cacheEntry{}, false
	}
	return *e, true
}

// cacheTempView materialises a temporary view and points it at the copy.
func (c *Core) cacheTempView(ctx context.Context, s *session.Session, es *duckdb.Session, name string, r plan.Relation) error {
	if _, done := r.(*plan.EngineTable); done {
		return nil
	}
	lp, err := c.resolve(ctx, s, r)
	if err != nil {
		return err
	}
	if lp, err = c.useCache(ctx, s, es, lp); err != nil {
		return err
	}
	c.cache.mu.Lock()
	c.cache.seq++
	engine := fmt.Sprintf("ember_cache_%d", c.cache.seq)
	c.cache.mu.Unlock()
	cols, err := c.eng.Materialize(ctx, es, lp, s, engine)
	if err != nil {
		return err
	}
	c.cache.mu.Lock()
	c.cache.views[viewKey{s, strings.ToLower(name)}] = cachedView{original: r, engine: engine}
	c.cache.mu.Unlock()
	s.SetTempView(name, &plan.EngineTable{Table: engine, Columns: cols, Schema: logical.Schema(lp.Output())}, true)
	return nil
}

// uncacheTempView restores a cached temporary view's own plan.
func (c *Core) uncacheTempView(ctx context.Context, es *duckdb.Session, k viewKey) {
	c.cache.mu.Lock()
	v, ok := c.cache.views[k]
	delete(c.cache.views, k)
	c.cache.mu.Unlock()
	if !ok {
		return
	}
	if cur, exists := k.s.TempView(k.name); exists {
		if et, isCopy := cur.(*plan.EngineTable); isCopy && et.Table == v.engine {
			k.s.SetTempView(k.name, v.original, true)
		}
	}
	_ = c.eng.DropShared(ctx, es, v.engine)
}

// dropSessionCache frees the cached copies of a closing session's
// temporary views.
func (c *Core) dropSessionCache(es *duckdb.Session, s *session.Session) {
	c.cache.mu.Lock()
	var keys []viewKey
	for k := range c.cache.views {
		if k.s == s {
			keys = append(keys, k)
		}
	}
	c.cache.mu.Unlock()
	for _, k := range keys {
		c.uncacheTempView(context.Background(), es, k)
	}
}

// cachedTable resolves a cache statement's name to a catalog table.
func (c *Core) cachedTable(ctx context.Context, s *session.Session, name []string) (*catalog.Table, error) {
	t, err := c.lookup(ctx, s, name)
	if err != nil {
		return nil, err
	}
	return t, nil
}

// cacheTable caches a table; unless lazy, its rows are materialised now.
func (c *Core) cacheTable(ctx context.Context, s *session.Session, es *duckdb.Session, name []string, lazy bool) error {
	if len(name) == 1 {
		if r, ok := s.TempView(name[0]); ok {
			return c.cacheTempView(ctx, s, es, name[0], r)
		}
	}
	t, err := c.cachedTable(ctx, s, name)
	if err != nil {
		return err
	}
	c.cache.mu.Lock()
	key := cacheKey(t.Database, t.Name)
	if _, ok := c.cache.entries[key]; !ok {
		c.cache.seq++
		c.cache.entries[key] = &cacheEntry{engine: fmt.Sprintf("ember_cache_%d", c.cache.seq), version: -1}
	}
	c.cache.mu.Unlock()
	if lazy {
		return nil
	}
	lp, err := c.resolve(ctx, s, tableRead([]string{catalog.SessionCatalogName, t.Database, t.Name}))
	if err != nil {
		return err
	}
	_, err = c.useCache(ctx, s, es, lp)
	return err
}

func (c *Core) uncacheTable(ctx context.Context, s *session.Session, es *duckdb.Session, name []string, ifExists bool) error {
	if len(name) == 1 {
		if r, ok := s.TempView(name[0]); ok {
			c.uncacheTempView(ctx, es, viewKey{s, strings.ToLower(name[0])})
			// A view whose DataFrame was persisted reads the same cache.
			if lp, err := c.resolve(ctx, s, r); err == nil {
				c.unpersist(ctx, s, es, lp)
			}
			return nil
		}
	}
	t, err := c.cachedTable(ctx, s, name)
	if err != nil {
		if se, ok := sparkerr.As(err); ok && ifExists && se.Class == "TABLE_OR_VIEW_NOT_FOUND" {
			return nil
		}
		return err
	}
	c.cache.dropTable(t.Database, t.Name)
	return nil
}

func (c *Core) isCached(ctx context.Context, s *session.Session, name []string) (bool, error) {
	if len(name) == 1 {
		if r, ok := s.TempView(name[0]); ok {
			if _, cached := r.(*plan.EngineTable); cached {
				return true, nil
			}
			// A view whose DataFrame was persisted reads the same cache.
			lp, err := c.resolve(ctx, s, r)
			if err != nil {
				return false, err
			}
			return c.persist.level(s, lp) != nil, nil
		}
	}
	t, err := c.lookup(ctx, s, name)
	if err != nil {
		return false, err
	}
	_, ok := c.cache.get(t.Database, t.Name)
	return ok, nil
}

func (c *Core) clearCache(ctx context.Context, s *session.Session, es *duckdb.Session) {
	c.clearPersisted(ctx, s, es)
	c.cache.mu.Lock()
	c.cache.entries = map[string]*cacheEntry{}
	keys := make([]viewKey, 0, len(c.cache.views))
	for k := range c.cache.views {
		keys = append(keys, k)
	}
	c.cache.mu.Unlock()
	for _, k := range keys {
		c.uncacheTempView(ctx, es, k)
	}
}

// refreshTable is REFRESH TABLE / spark.catalog.refreshTable: cached rows
// are materialised again at the next scan (files of external tables are
// listed at every scan anyway).
func (c *Core) refreshTable(ctx context.Context, s *session.Session, name []string) error {
	if len(name) == 1 {
		if _, ok := s.TempView(name[0]); ok {
			return nil
		}
	}
	t, err := c.lookup(ctx, s, name)
	if err != nil {
		return err
	}
	c.cache.invalidate(t.Database, t.Name)
	return nil
}

// useCache replaces every persisted subtree of a plan and every scan of a
// cached table by a scan of the cached rows, materialising them first
// when missing or stale.
func (c *Core) useCache(ctx context.Context, s *session.Session, es *duckdb.Session, lp logical.Plan) (logical.Plan, error) {
	lp, err := c.usePersisted(ctx, s, es, lp, true)
	if err != nil {
		return nil, err
	}
	if lp, err = c.useTableCache(ctx, s, es, lp); err != nil {
		return nil, err
	}
	return c.runPython(ctx, s, es, lp)
}

// useTableCache replaces every scan of a cached table in a plan by a scan
// of its cached rows, materialising them first when missing or stale.
func (c *Core) useTableCache(ctx context.Context, s *session.Session, es *duckdb.Session, lp logical.Plan) (logical.Plan, error) {
	c.cache.mu.Lock()
	empty := len(c.cache.entries) == 0
	c.cache.mu.Unlock()
	if empty {
		return lp, nil
	}
	return c.replaceScans(ctx, s, es, lp)
}

func (c *Core) replaceScans(ctx context.Context, s *session.Session, es *duckdb.Session, p logical.Plan) (logical.Plan, error) {
	if ts, ok := p.(*logical.TableScan); ok {
		e, ok := c.cache.get(ts.DB, ts.Name)
		if !ok {
			return p, nil
		}
		if e.version != ts.Version || e.tableID != ts.TableID {
			// Materialise this snapshot of the table.
			src := &logical.TableScan{Table: ts.Table, DB: ts.DB, Name: ts.Name, TableID: ts.TableID, Version: ts.Version,
				Format: ts.Format, Files: ts.Files, Options: ts.Options, Schema: ts.Schema, PartCols: ts.PartCols, Located: ts.Located, Evolved: ts.Evolved}
			src.Attrs = make([]logical.Attr, len(ts.Attrs))
			for i, a := range ts.Attrs {
				a.ID = logical.NewID()
				src.Attrs[i] = a
			}
			cols, err := c.eng.Materialize(ctx, es, src, s, e.engine)
			if err != nil {
				return nil, err
			}
			c.cache.mu.Lock()
			if cur, ok := c.cache.entries[cacheKey(ts.DB, ts.Name)]; ok {
				cur.columns, cur.tableID, cur.version = cols, ts.TableID, ts.Version
			}
			c.cache.mu.Unlock()
			e.columns = cols
		}
		return &logical.LocalTable{Info: ts.Info, Table: e.engine, Columns: e.columns, Attrs: ts.Attrs}, nil
	}
	return logical.MapChildren(p, func(ch logical.Plan) (logical.Plan, error) { return c.replaceScans(ctx, s, es, ch) })
}
