package catalog

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Concurrent appends from several goroutines and two Stores all land.
func TestConcurrentAppends(t *testing.T) {
	s1, dir := openTest(t)
	s2, err := OpenWithOptions(dir, Options{GracePeriod: -1})
	must(t, err)
	defer s2.Close()
	must(t, s1.CreateTable(bg, Table{Name: "t", Kind: Managed, Provider: "parquet", Schema: intSchema("a", "p"), PartitionColumns: []string{"p"}}, false, false))
	const writers, commits = 8, 8
	var wg sync.WaitGroup
	errs := make(chan error, writers*commits)
	for g := 0; g < writers; g++ {
		s := s1
		if g%2 == 1 {
			s = s2
		}
		wg.Add(1)
		go func(g int, s *Store) {
			defer wg.Done()
			for i := 0; i < commits; i++ {
				w, err := s.BeginWrite(bg, "default", "t")
				if err != nil {
					errs <- err
					return
				}
				for f := 0; f < 2; f++ {
					p := filepath.Join(w.Dir(), fmt.Sprintf("p=%d", f), "data.parquet")
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						errs <- err
						return
					}
					if err := os.WriteFile(p, []byte(fmt.Sprintf("g%d-c%d-f%d", g, i, f)), 0o644); err != nil {
						errs <- err
						return
					}
				}
				if err := w.Commit(bg, Append, nil); err != nil {
					errs <- err
					return
				}
			}
		}(g, s)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	got := snapshotContents(t, s1, "default", "t")
	if len(got) != writers*commits*2 {
		t.Fatalf("%d files, want %d", len(got), writers*commits*2)
	}
	seen := map[string]bool{}
	for _, c := range got {
		if seen[c] {
			t.Fatalf("duplicate %s", c)
		}
		seen[c] = true
	}
	tab, _ := s2.GetTable(bg, "default", "t")
	if tab.Version != writers*commits {
		t.Fatalf("version %d, want %d", tab.Version, writers*commits)
	}
}

// Readers running beside writers (appends and overwrites) only ever see
// whole writes, and can read every file of the snapshot they got.
func TestReadersNeverSeeHalfWrites(t *testing.T) {
	for _, kind := range []TableKind{Managed, External} {
		t.Run(kind.String(), func(t *testing.T) {
			dir := t.TempDir()
			s, err := OpenWithOptions(dir, Options{GracePeriod: time.Hour})
			must(t, err)
			defer s.Close()
			tab := Table{Name: "t", Kind: kind, Provider: "parquet", Schema: intSchema("a", "p"), PartitionColumns: []string{"p"}}
			if kind == External {
				tab.Location = filepath.Join(dir, "ext")
			}
			must(t, s.CreateTable(bg, tab, false, false))
			const filesPerWrite = 3
			var stop atomic.Bool
			var wg sync.WaitGroup
			var writeErr atomic.Value
			var commits atomic.Int64
			for g := 0; g < 3; g++ {
				wg.Add(1)
				go func(g int) {
					defer wg.Done()
					for i := 0; !stop.Load(); i++ {
						w, err := s.BeginWrite(bg, "default", "t")
						if err != nil {
							writeErr.Store(err)
							return
						}
						for f := 0; f < filesPerWrite; f++ {
							p := filepath.Join(w.Dir(), fmt.Sprintf("p=%d", (i+f)%4), fmt.Sprintf("f%d.parquet", f))
							_ = os.MkdirAll(filepath.Dir(p), 0o755)
							if err := os.WriteFile(p, []byte(fmt.Sprintf("w%d.%d:%d", g, i, f)), 0o644); err != nil {
								writeErr.Store(err)
								return
							}
						}
						mode := Append
						if g == 0 && i%3 == 2 {
							mode = Overwrite
						}
						if err := w.Commit(bg, mode, nil); err != nil {
							writeErr.Store(err)
							return
						}
						commits.Add(1)
					}
				}(g)
			}
			var reads atomic.Int64
			var readErr atomic.Value
			for r := 0; r < 2; r++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for !stop.Load() {
						snap, err := s.CurrentSnapshot(bg, "default", "t")
						if err != nil {
							readErr.Store(err)
							return
						}
						groups := map[string]int{}
						for _, p := range snap.Paths() {
							b, err := os.ReadFile(p)
							if err != nil {
								readErr.Store(fmt.Errorf("snapshot file unreadable: %w", err))
								return
							}
							id, _, _ := strings.Cut(string(b), ":")
							groups[id]++
						}
						for id, n := range groups {
							if n != filesPerWrite {
								readErr.Store(fmt.Errorf("write %s seen with %d of %d files", id, n, filesPerWrite))
								return
							}
						}
						reads.Add(1)
						// Tight read loops on 2 cores would starve the
						// writers' goroutines (not the database); pause.
						time.Sleep(200 * time.Microsecond)
					}
				}()
			}
			// Run at least 1.5s and until enough happened (slow under -race).
			start := time.Now()
			for readErr.Load() == nil && writeErr.Load() == nil && time.Since(start) < 30*time.Second &&
				(time.Since(start) < 1500*time.Millisecond || commits.Load() < 10 || reads.Load() < 10) {
				time.Sleep(10 * time.Millisecond)
			}
			stop.Store(true)
			wg.Wait()
			if err := writeErr.Load(); err != nil {
				t.Fatal(err)
			}
			if err := readErr.Load(); err != nil {
				t.Fatal(err)
			}
			if commits.Load() < 10 || reads.Load() < 10 {
				t.Fatalf("too little happened: %d commits, %d reads", commits.Load(), reads.Load())
			}
			t.Logf("%d commits, %d consistent reads", commits.Load(), reads.Load())
		})
	}
}
