package executor

import (
	"strings"
	"sync"
)

// tableCache is Spark's CacheManager for catalog tables and cached views
// (CACHE TABLE, spark.catalog.cacheTable): a cached table's rows are
// materialised once in an engine table shared by all sessions and reused
// by every query until the table changes or is uncached.
type tableCache struct {
	mu      sync.Mutex
	entries map[string]*cacheEntry // "db.table" or "view:<name>"
}

type cacheEntry struct {
	key     string
	tableID string // catalog table incarnation the data was taken from
	version int64  // its snapshot version
	engine  string // engine table holding the rows ("" until materialised)
	lazy    bool
}

func newTableCache() *tableCache { return &tableCache{entries: map[string]*cacheEntry{}} }

func cacheKey(db, name string) string { return strings.ToLower(db) + "." + strings.ToLower(name) }

// invalidate forgets the materialised rows of a table whose data changed
// (it stays cached and is materialised again at the next read).
func (tc *tableCache) invalidate(db, name string) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	if e, ok := tc.entries[cacheKey(db, name)]; ok {
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
