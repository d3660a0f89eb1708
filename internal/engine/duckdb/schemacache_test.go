package duckdb

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeFile writes text with a modification time, so that rewrites within
// one clock tick still look different.
func writeFile(t *testing.T, path, text string, mtime time.Time) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, mtime, mtime); err != nil {
		t.Fatal(err)
	}
}

func TestFileSchemaFollowsFileChanges(t *testing.T) {
	e := engineForTest(t)
	s := sessionForTest(t, e, "schemacache")
	ctx := context.Background()
	dir := t.TempDir()
	f := filepath.Join(dir, "a.json")
	t0 := time.Unix(1_700_000_000, 0)
	writeFile(t, f, `{"a": 1}`+"\n", t0)

	steps := []struct {
		name  string
		write func()
		want  string
	}{
		{"first read", func() {}, "a"},
		{"unchanged", func() {}, "a"},
		{"rewritten", func() { writeFile(t, f, `{"b": 1, "c": "x"}`+"\n", t0.Add(time.Second)) }, "b,c"},
		{"file added", func() { writeFile(t, filepath.Join(dir, "z.json"), `{"d": 2}`+"\n", t0) }, "b,c,d"},
	}
	for _, st := range steps {
		st.write()
		cols, schema, err := e.FileSchema(ctx, s, "json", []string{dir}, map[string]string{})
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if got := strings.Join(cols, ","); got != st.want {
			t.Fatalf("%s: columns %s, want %s", st.name, got, st.want)
		}
		if len(schema.Fields) != len(cols) {
			t.Fatalf("%s: %d fields for %d columns", st.name, len(schema.Fields), len(cols))
		}
		// Callers may rename what they get; the cache keeps its own copy.
		cols[0] = "renamed"
		schema.Fields[0].Name = "renamed"
	}
	if _, _, ok := e.schemas.get(schemaKey("json", []string{dir}, map[string]string{}), mustStamp(t, dir)); !ok {
		t.Fatal("the last schema was not cached")
	}
}

func mustStamp(t *testing.T, dir string) string {
	t.Helper()
	files, _, err := expandPaths([]string{dir}, "json")
	if err != nil {
		t.Fatal(err)
	}
	st, ok := filesStamp(files)
	if !ok {
		t.Fatal("no stamp")
	}
	return st
}
