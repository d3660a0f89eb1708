package catalog

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

var bg = context.Background()

// openTest opens a store on a fresh warehouse with no grace period.
func openTest(t *testing.T) (*Store, string) {
	t.Helper()
	dir := t.TempDir()
	s, err := OpenWithOptions(dir, Options{GracePeriod: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s, dir
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// wantErr checks err is a Spark error of class with the given params
// (a subset: only the keys given are compared).
func wantErr(t *testing.T, err error, class string, params ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("want %s, got no error", class)
	}
	se, ok := sparkerr.As(err)
	if !ok {
		t.Fatalf("want %s, got non-Spark error %v", class, err)
	}
	if se.Class != class {
		t.Fatalf("want class %s, got %s: %v", class, se.Class, err)
	}
	for i := 0; i+1 < len(params); i += 2 {
		if got := se.Params[params[i]]; got != params[i+1] {
			t.Fatalf("%s: param %s = %q, want %q (message %q)", class, params[i], got, params[i+1], se.Message())
		}
	}
	if m := placeholder.FindString(se.Message()); m != "" {
		t.Fatalf("%s: unsubstituted parameter %s in %q", class, m, se.Message())
	}
}

var placeholder = regexp.MustCompile(`<[a-zA-Z]+>`)

func intSchema(names ...string) types.Struct {
	var fs []types.Field
	for _, n := range names {
		typ := types.Int
		if strings.HasPrefix(n, "s") {
			typ = types.String
		}
		fs = append(fs, types.Field{Name: n, Type: typ, Nullable: true})
	}
	return types.Struct{Fields: fs}
}

// stage writes a file under a write's staging directory.
func stage(t *testing.T, w *Write, rel, content string) {
	t.Helper()
	p := filepath.Join(w.Dir(), filepath.FromSlash(rel))
	must(t, os.MkdirAll(filepath.Dir(p), 0o755))
	must(t, os.WriteFile(p, []byte(content), 0o644))
}

// contents reads every file of a snapshot, sorted.
func contents(t *testing.T, snap *Snapshot) []string {
	t.Helper()
	var out []string
	for _, p := range snap.Paths() {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("snapshot file unreadable: %v", err)
		}
		out = append(out, string(b))
	}
	sort.Strings(out)
	return out
}

func snapshotContents(t *testing.T, s *Store, db, name string) []string {
	t.Helper()
	snap, err := s.CurrentSnapshot(bg, db, name)
	must(t, err)
	return contents(t, snap)
}

// filesUnder lists every regular file under dir (hidden ones included),
// relative, sorted.
func filesUnder(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.Type().IsRegular() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// stagingDirs lists .ember-staging-* entries anywhere under dir.
func stagingDirs(dir string) []string {
	var out []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && strings.HasPrefix(d.Name(), stagingPrefix) {
			out = append(out, p)
			return fs.SkipDir
		}
		return nil
	})
	return out
}

func countRows(t *testing.T, s *Store, table string) int {
	t.Helper()
	var n int
	must(t, s.db.QueryRow(`SELECT count(*) FROM `+table).Scan(&n))
	return n
}

func eq(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
