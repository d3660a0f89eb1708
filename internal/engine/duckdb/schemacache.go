package duckdb

import (
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/emberdb/ember/internal/types"
)

// maxCachedSchemas bounds the file schema cache; when it is full the
// cache starts over.
const maxCachedSchemas = 1024

// schemaCache remembers inferred file schemas. Analysis resolves a view
// over files every time a query uses it (TPC-H Q2 names nine), and
// inferring a schema costs a DuckDB query that opens the files. An entry
// is keyed by format, paths and options and stamped with the name, size
// and modification time of every file read, so a file that is added,
// removed or rewritten is inferred again.
type schemaCache struct {
	mu sync.Mutex
	m  map[string]cachedSchema
}

type cachedSchema struct {
	stamp string
	cols  []string
	st    types.Struct
}

func schemaKey(format string, paths []string, opts map[string]string) string {
	var b strings.Builder
	b.WriteString(format)
	for _, p := range paths {
		b.WriteString("\x00p")
		b.WriteString(p)
	}
	keys := make([]string, 0, len(opts))
	for k := range opts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		b.WriteString("\x00o")
		b.WriteString(k)
		b.WriteString("=")
		b.WriteString(opts[k])
	}
	return b.String()
}

// filesStamp describes the files as they are now; ok is false when one
// cannot be examined.
func filesStamp(files []string) (string, bool) {
	var b strings.Builder
	for _, f := range files {
		fi, err := os.Stat(f)
		if err != nil {
			return "", false
		}
		b.WriteString(f)
		b.WriteString("\x00")
		b.WriteString(strconv.FormatInt(fi.Size(), 10))
		b.WriteString("\x00")
		b.WriteString(strconv.FormatInt(fi.ModTime().UnixNano(), 10))
		b.WriteString("\x00")
	}
	return b.String(), true
}

func (c *schemaCache) get(key, stamp string) ([]string, types.Struct, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok || e.stamp != stamp {
		return nil, types.Struct{}, false
	}
	cols, st := cloneSchema(e.cols, e.st)
	return cols, st, true
}

func (c *schemaCache) put(key, stamp string, cols []string, st types.Struct) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxCachedSchemas {
		c.m = map[string]cachedSchema{}
	}
	cols, st = cloneSchema(cols, st)
	c.m[key] = cachedSchema{stamp: stamp, cols: cols, st: st}
}

// cloneSchema copies the top level, which is what callers rename or
// reorder.
func cloneSchema(cols []string, st types.Struct) ([]string, types.Struct) {
	return append([]string(nil), cols...), types.Struct{Fields: append([]types.Field(nil), st.Fields...)}
}
