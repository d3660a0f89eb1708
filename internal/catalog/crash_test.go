//go:build unix

package catalog

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The crash tests re-execute this test binary as a child process that
// runs TestCrashChild: it opens the warehouse, performs one operation and
// kills itself with SIGKILL at a chosen step (or is killed by the parent at
// a random instant). The parent then reopens the warehouse, as a restarted
// server would, and checks that the table holds exactly the old or exactly
// the new snapshot, that every file of it is readable, and that recovery
// left no orphan: no staging directory, no file outside the snapshot, no
// journal row.

const (
	envCrash = "EMBER_CATALOG_CRASH" // scenario for the child
	envDir   = "EMBER_CATALOG_CRASH_DIR"
	envPoint = "EMBER_CATALOG_CRASH_POINT"
)

// crashPoints are the steps of a commit at which the child kills itself,
// in order. "staging" is in the middle of the engine's writing of files.
var crashPoints = []string{"begun", "staging", "scanned", "intents", "moved-one", "moved", "in-commit-txn", "committed"}

// committedAt reports whether a crash at point happens after the commit.
func committedAt(point string) bool { return point == "committed" }

type crashScenario struct {
	name   string
	kind   TableKind
	mode   CommitMode
	create bool // BeginCreateTable (CREATE OR REPLACE TABLE AS SELECT)
	// located puts partitions p=2 (old data) and p=3 (new data) in custom
	// directories (ADD PARTITION ... LOCATION) before the old snapshot.
	located bool
	old     []string
	newData map[string]string // staged file -> content
	want    []string          // snapshot after the commit
}

func crashScenarios() []crashScenario {
	newData := map[string]string{"p=1/a.parquet": "new-p1-a", "p=1/b.parquet": "new-p1-b", "p=3/c.parquet": "new-p3"}
	old := []string{"old-p1", "old-p2"}
	return []crashScenario{
		{name: "managed-append", kind: Managed, mode: Append, old: old, newData: newData,
			want: []string{"new-p1-a", "new-p1-b", "new-p3", "old-p1", "old-p2"}},
		{name: "managed-overwrite", kind: Managed, mode: Overwrite, old: old, newData: newData,
			want: []string{"new-p1-a", "new-p1-b", "new-p3"}},
		{name: "managed-overwrite-partitions", kind: Managed, mode: OverwritePartitions, old: old, newData: newData,
			want: []string{"new-p1-a", "new-p1-b", "new-p3", "old-p2"}},
		{name: "managed-replace-table-as-select", kind: Managed, create: true, old: old, newData: newData,
			want: []string{"new-p1-a", "new-p1-b", "new-p3"}},
		{name: "external-append", kind: External, mode: Append, old: old, newData: newData,
			want: []string{"new-p1-a", "new-p1-b", "new-p3", "old-p1", "old-p2"}},
		{name: "external-overwrite", kind: External, mode: Overwrite, old: old, newData: newData,
			want: []string{"new-p1-a", "new-p1-b", "new-p3"}},
		{name: "managed-append-located", kind: Managed, mode: Append, located: true, old: old, newData: newData,
			want: []string{"new-p1-a", "new-p1-b", "new-p3", "old-p1", "old-p2"}},
		{name: "managed-overwrite-located", kind: Managed, mode: Overwrite, located: true, old: old, newData: newData,
			want: []string{"new-p1-a", "new-p1-b", "new-p3"}},
		{name: "external-overwrite-partitions-located", kind: External, mode: OverwritePartitions, located: true, old: old, newData: newData,
			want: []string{"new-p1-a", "new-p1-b", "new-p3", "old-p2"}},
	}
}

func scenarioByName(name string) (crashScenario, bool) {
	for _, sc := range crashScenarios() {
		if sc.name == name {
			return sc, true
		}
	}
	return crashScenario{}, false
}

func crashTable(sc crashScenario, dir string) Table {
	t := Table{Name: "t", Kind: sc.kind, Provider: "parquet", Schema: intSchema("a", "p"), PartitionColumns: []string{"p"}}
	if sc.kind == External {
		t.Location = filepath.Join(dir, "ext")
	}
	return t
}

// setupCrashWarehouse creates the table with its old snapshot.
func setupCrashWarehouse(t *testing.T, sc crashScenario) string {
	t.Helper()
	dir := t.TempDir()
	s, err := OpenWithOptions(dir, Options{GracePeriod: time.Hour})
	must(t, err)
	defer s.Close()
	must(t, s.CreateTable(bg, crashTable(sc, dir), false, false))
	if sc.located {
		must(t, s.AddPartitions(bg, "default", "t", []map[string]string{{"p": "2"}, {"p": "3"}},
			[]string{filepath.Join(dir, "custom2"), filepath.Join(dir, "custom3", "p=9")}, false))
	}
	w, err := s.BeginWrite(bg, "default", "t")
	must(t, err)
	stage(t, w, "p=1/x.parquet", "old-p1")
	stage(t, w, "p=2/y.parquet", "old-p2")
	must(t, w.Commit(bg, Append, nil))
	return dir
}

func killSelf() {
	_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
	time.Sleep(time.Minute) // SIGKILL is not instantaneous
}

// TestCrashChild is the child side; it does nothing in a normal run.
func TestCrashChild(t *testing.T) {
	scenario := os.Getenv(envCrash)
	if scenario == "" {
		t.Skip("only run as the child of a crash test")
	}
	dir, point := os.Getenv(envDir), os.Getenv(envPoint)
	crashHook = func(p string) {
		if p == point {
			killSelf()
		}
	}
	switch scenario {
	case "stream":
		crashChildStream(t, dir)
		return
	case "rename":
		s, err := Open(dir)
		must(t, err)
		must(t, s.RenameTable(bg, "default", "t", "", "t2"))
		return
	case "drop":
		s, err := Open(dir)
		must(t, err)
		must(t, s.DropTable(bg, "default", "t", false))
		return
	}
	sc, ok := scenarioByName(scenario)
	if !ok {
		t.Fatalf("unknown scenario %s", scenario)
	}
	s, err := OpenWithOptions(dir, Options{GracePeriod: time.Hour})
	must(t, err)
	var w *Write
	if sc.create {
		w, err = s.BeginCreateTable(bg, crashTable(sc, dir), true)
	} else {
		w, err = s.BeginWrite(bg, "default", "t")
	}
	must(t, err)
	names := make([]string, 0, len(sc.newData))
	for rel := range sc.newData {
		names = append(names, rel)
	}
	sort.Strings(names)
	for i, rel := range names {
		stage(t, w, rel, sc.newData[rel])
		if i == 0 && point == "staging" {
			killSelf()
		}
	}
	must(t, w.Commit(bg, sc.mode, nil))
	// Reaching here means the crash point was never hit: the parent fails.
}

// runChild runs TestCrashChild with the given scenario and expects it to
// die by SIGKILL (from itself, or from the parent after killAfter > 0).
func runChild(t *testing.T, scenario, dir, point string, killAfter time.Duration) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), envCrash+"="+scenario, envDir+"="+dir, envPoint+"="+point)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	must(t, cmd.Start())
	if killAfter > 0 {
		time.Sleep(killAfter)
		_ = cmd.Process.Signal(syscall.SIGKILL)
	}
	err := cmd.Wait()
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("child %s/%s was not killed (err %v):\n%s", scenario, point, err, out.String())
	}
	return out.String()
}

// checkRecovered reopens the warehouse and checks table t.
func checkRecovered(t *testing.T, dir string, want []string) {
	t.Helper()
	s, err := OpenWithOptions(dir, Options{GracePeriod: time.Hour})
	must(t, err)
	defer s.Close()
	tab, err := s.GetTable(bg, "default", "t")
	must(t, err)
	snap, err := s.CurrentSnapshot(bg, "default", "t")
	must(t, err)
	if got := contents(t, snap); !eq(got, want) {
		t.Fatalf("snapshot after recovery %v, want %v", got, want)
	}
	// No orphans: the directory holds exactly the snapshot's files, and so
	// does every custom partition directory.
	var snapFiles []string
	located := map[string][]string{}
	for _, f := range snap.Files {
		if f.Located {
			abs := snap.AbsPath(f)
			located[filepath.Dir(abs)] = append(located[filepath.Dir(abs)], filepath.Base(abs))
			continue
		}
		snapFiles = append(snapFiles, f.Path)
	}
	sort.Strings(snapFiles)
	if got := filesUnder(t, tab.Location); !eq(got, snapFiles) {
		t.Fatalf("files on disk %v, snapshot %v", got, snapFiles)
	}
	locs, err := s.PartitionLocations(bg, "default", "t")
	must(t, err)
	for _, loc := range locs {
		want := located[loc]
		sort.Strings(want)
		if got := filesUnder(t, loc); !eq(got, want) {
			t.Fatalf("files in %s %v, snapshot %v", loc, got, want)
		}
	}
	if st := stagingDirs(s.Warehouse()); len(st) > 0 {
		t.Fatalf("staging directories left: %v", st)
	}
	for _, table := range []string{"writes", "intents", "garbage", "moves"} {
		if n := countRows(t, s, table); n != 0 {
			t.Fatalf("%d rows left in %s", n, table)
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(s.metaDir, "owners")); len(entries) != 1 {
		t.Fatalf("owner lock files left: %d", len(entries))
	}
	if tab.Kind == Managed && tab.Stats.Known && tab.Stats.NumFiles != int64(len(want)) {
		t.Fatalf("stats %+v for %d files", tab.Stats, len(want))
	}
}

// A crash at every step of a commit leaves the old or the new snapshot.
func TestCrashAtEveryStep(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns child processes")
	}
	for _, sc := range crashScenarios() {
		for _, point := range crashPoints {
			sc, point := sc, point
			t.Run(sc.name+"/"+point, func(t *testing.T) {
				dir := setupCrashWarehouse(t, sc)
				runChild(t, sc.name, dir, point, 0)
				want := sc.old
				if committedAt(point) {
					want = sc.want
				}
				checkRecovered(t, dir, want)
			})
		}
	}
}

// A crash between the metadata commit and the directory work of DDL
// (rename moves the directory, drop removes it) is finished by recovery.
func TestCrashDuringDDL(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns child processes")
	}
	sc, _ := scenarioByName("managed-append")
	t.Run("rename", func(t *testing.T) {
		dir := setupCrashWarehouse(t, sc)
		runChild(t, "rename", dir, "rename-committed", 0)
		if _, err := os.Stat(filepath.Join(dir, "t")); err != nil {
			t.Fatalf("directory moved before the crash: %v", err)
		}
		s, err := Open(dir)
		must(t, err)
		defer s.Close()
		if _, err := os.Stat(filepath.Join(dir, "t")); !os.IsNotExist(err) {
			t.Fatal("old directory still there after recovery")
		}
		if got := snapshotContents(t, s, "default", "t2"); !eq(got, sc.old) {
			t.Fatalf("renamed table %v", got)
		}
		if n := countRows(t, s, "moves"); n != 0 {
			t.Fatalf("%d moves left", n)
		}
	})
	t.Run("drop", func(t *testing.T) {
		dir := setupCrashWarehouse(t, sc)
		runChild(t, "drop", dir, "drop-committed", 0)
		if _, err := os.Stat(filepath.Join(dir, "t")); err != nil {
			t.Fatalf("directory removed before the crash: %v", err)
		}
		s, err := Open(dir)
		must(t, err)
		defer s.Close()
		if _, err := os.Stat(filepath.Join(dir, "t")); !os.IsNotExist(err) {
			t.Fatal("dropped table's directory still there after recovery")
		}
		if ok, _ := s.TableExists(bg, "default", "t"); ok {
			t.Fatal("dropped table back")
		}
		if n := countRows(t, s, "garbage"); n != 0 {
			t.Fatalf("%d garbage rows left", n)
		}
	})
}

// crashChildStream commits writes of 3 files in a loop (appends, and an
// overwrite every 5th write), printing "ok N" after each commit returns,
// until the parent kills it.
func crashChildStream(t *testing.T, dir string) {
	s, err := OpenWithOptions(dir, Options{GracePeriod: -1})
	must(t, err)
	start := 0
	if b, err := os.ReadFile(filepath.Join(dir, "next")); err == nil {
		start, _ = strconv.Atoi(strings.TrimSpace(string(b)))
	}
	for n := start; ; n++ {
		w, err := s.BeginWrite(bg, "default", "t")
		must(t, err)
		for f := 0; f < 3; f++ {
			p := filepath.Join(w.Dir(), fmt.Sprintf("p=%d", f%2), fmt.Sprintf("f%d.parquet", f))
			must(t, os.MkdirAll(filepath.Dir(p), 0o755))
			must(t, os.WriteFile(p, []byte(fmt.Sprintf("w%d:%d", n, f)), 0o644))
		}
		mode := Append
		if n%5 == 4 {
			mode = Overwrite
		}
		must(t, w.Commit(bg, mode, nil))
		fmt.Printf("ok %d\n", n)
	}
}

// Killing a writer at random instants never leaves a half-written table.
func TestCrashAtRandomInstants(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns child processes")
	}
	dir := t.TempDir()
	s, err := OpenWithOptions(dir, Options{GracePeriod: -1})
	must(t, err)
	must(t, s.CreateTable(bg, Table{Name: "t", Kind: Managed, Provider: "parquet", Schema: intSchema("a", "p"), PartitionColumns: []string{"p"}}, false, false))
	must(t, s.Close())
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	next := 0
	for round := 0; round < 12; round++ {
		must(t, os.WriteFile(filepath.Join(dir, "next"), []byte(strconv.Itoa(next)), 0o644))
		out := runChild(t, "stream", dir, "", time.Duration(80+rng.Intn(400))*time.Millisecond)
		lastOK := -1
		sc := bufio.NewScanner(strings.NewReader(out))
		for sc.Scan() {
			var n int
			if _, err := fmt.Sscanf(sc.Text(), "ok %d", &n); err == nil {
				lastOK = n
			}
		}
		s, err := OpenWithOptions(dir, Options{GracePeriod: -1})
		must(t, err)
		snap, err := s.CurrentSnapshot(bg, "default", "t")
		must(t, err)
		groups := map[int]int{}
		maxW := -1
		for _, c := range contents(t, snap) {
			var wn, f int
			if _, err := fmt.Sscanf(c, "w%d:%d", &wn, &f); err != nil {
				t.Fatalf("bad content %q", c)
			}
			groups[wn]++
			if wn > maxW {
				maxW = wn
			}
		}
		for wn, k := range groups {
			if k != 3 {
				t.Fatalf("round %d: write %d has %d of 3 files", round, wn, k)
			}
		}
		// Every write reported committed is there (or overwritten by a
		// later one); at most the one in flight may have committed too.
		if lastOK >= 0 && maxW < lastOK {
			t.Fatalf("round %d: last committed write %d missing (newest present %d)", round, lastOK, maxW)
		}
		reported := lastOK
		if reported < next-1 {
			reported = next - 1 // nothing reported this round: the previous rounds' writes
		}
		if maxW > reported+1 {
			t.Fatalf("round %d: write %d present but only %d reported", round, maxW, reported)
		}
		tab, _ := s.GetTable(bg, "default", "t")
		var snapFiles []string
		for _, f := range snap.Files {
			snapFiles = append(snapFiles, f.Path)
		}
		sort.Strings(snapFiles)
		if got := filesUnder(t, tab.Location); !eq(got, snapFiles) {
			t.Fatalf("round %d: files on disk %v, snapshot %v", round, got, snapFiles)
		}
		for _, table := range []string{"writes", "intents", "garbage"} {
			if n := countRows(t, s, table); n != 0 {
				t.Fatalf("round %d: %d rows left in %s", round, n, table)
			}
		}
		must(t, s.Close())
		t.Logf("round %d: killed after write %d, snapshot holds %d writes", round, lastOK, len(groups))
		if maxW+1 > next {
			next = maxW + 1
		}
		if lastOK+2 > next {
			next = lastOK + 2
		}
	}
}
