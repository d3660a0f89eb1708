package catalog

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// Partitions in custom directories, for a managed and an external table:
// reads list the directory and take the catalog's values, writes land
// there, overwrites replace only there, drops delete a managed one, and
// all of it survives a reopen of the warehouse.
func TestPartitionLocations(t *testing.T) {
	for _, kind := range []TableKind{Managed, External} {
		t.Run(kind.String(), func(t *testing.T) {
			dir := t.TempDir()
			s, err := OpenWithOptions(dir, Options{GracePeriod: -1})
			must(t, err)
			tbl := Table{Name: "t", Kind: kind, Provider: "csv", Schema: intSchema("a", "p"), PartitionColumns: []string{"p"}}
			if kind == External {
				tbl.Location = filepath.Join(dir, "ext")
			}
			must(t, s.CreateTable(bg, tbl, false, false))
			write := func(mode CommitMode, files map[string]string) {
				t.Helper()
				w, err := s.BeginWrite(bg, "default", "t")
				must(t, err)
				for rel, c := range files {
					stage(t, w, rel, c)
				}
				must(t, w.Commit(bg, mode, nil))
			}
			write(Append, map[string]string{"p=1/a.csv": "one", "p=2/b.csv": "two"})
			// The directory name says p=9; the catalog says p=3.
			custom := filepath.Join(dir, "elsewhere", "p=9")
			must(t, s.AddPartitions(bg, "default", "t", []map[string]string{{"p": "3"}}, []string{custom}, false))
			err = s.AddPartitions(bg, "default", "t", []map[string]string{{"p": "3"}}, []string{custom}, false)
			wantErr(t, err, "PARTITIONS_ALREADY_EXIST")
			write(Append, map[string]string{"p=3/c.csv": "three"})
			if got := filesUnder(t, custom); len(got) != 1 {
				t.Fatalf("custom directory holds %v", got)
			}
			snap, err := s.CurrentSnapshot(bg, "default", "t")
			must(t, err)
			var located []DataFile
			for _, f := range snap.Files {
				if f.Located {
					located = append(located, f)
				}
			}
			if len(located) != 1 || !reflect.DeepEqual(located[0].Partition, map[string]string{"p": "3"}) || filepath.Dir(snap.AbsPath(located[0])) != custom {
				t.Fatalf("located files %+v", located)
			}
			if got := snapshotContents(t, s, "default", "t"); !eq(got, []string{"one", "three", "two"}) {
				t.Fatalf("contents %v", got)
			}
			write(OverwritePartitions, map[string]string{"p=3/d.csv": "THREE"})
			if got := snapshotContents(t, s, "default", "t"); !eq(got, []string{"THREE", "one", "two"}) {
				t.Fatalf("after overwrite %v", got)
			}
			// SET LOCATION: the partition's rows are the new directory's.
			moved := filepath.Join(dir, "moved")
			must(t, s.SetPartitionLocation(bg, "default", "t", map[string]string{"P": "1"}, moved))
			wantErr(t, s.SetPartitionLocation(bg, "default", "t", map[string]string{"p": "7"}, moved), "PARTITIONS_NOT_FOUND")
			if got := snapshotContents(t, s, "default", "t"); !eq(got, []string{"THREE", "two"}) {
				t.Fatalf("after set location %v", got)
			}
			loc, found, err := s.PartitionLocation(bg, "default", "t", map[string]string{"p": "1"})
			must(t, err)
			if !found || loc != moved {
				t.Fatalf("PartitionLocation = %q %v", loc, found)
			}
			// Reopen: the locations persist.
			must(t, s.Close())
			s, err = OpenWithOptions(dir, Options{GracePeriod: -1})
			must(t, err)
			defer s.Close()
			if got := snapshotContents(t, s, "default", "t"); !eq(got, []string{"THREE", "two"}) {
				t.Fatalf("after reopen %v", got)
			}
			parts, err := s.ListPartitions(bg, "default", "t")
			must(t, err)
			if len(parts) != 3 {
				t.Fatalf("partitions %v", parts)
			}
			must(t, s.DropPartitions(bg, "default", "t", []map[string]string{{"p": "3"}}, false))
			_, err = os.Stat(custom)
			if kind == Managed && !os.IsNotExist(err) {
				t.Fatalf("managed custom partition directory kept: %v", err)
			}
			if kind == External && err != nil {
				t.Fatalf("external custom partition directory removed: %v", err)
			}
			if got := snapshotContents(t, s, "default", "t"); !eq(got, []string{"two"}) {
				t.Fatalf("after drop %v", got)
			}
		})
	}
}

// A warehouse whose partitions table predates the location column is
// upgraded when opened.
func TestPartitionLocationColumnUpgrade(t *testing.T) {
	s, dir := openTest(t)
	_, err := s.db.Exec(`CREATE TABLE partitions_old AS SELECT table_id, partition FROM partitions;
		DROP TABLE partitions; ALTER TABLE partitions_old RENAME TO partitions`)
	must(t, err)
	must(t, s.Close())
	s2, err := OpenWithOptions(dir, Options{GracePeriod: -1})
	must(t, err)
	defer s2.Close()
	var n int
	must(t, s2.db.QueryRow(`SELECT count(*) FROM pragma_table_info('partitions') WHERE name = 'location'`).Scan(&n))
	if n != 1 {
		t.Fatalf("location column not added")
	}
}
