package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/emberdb/ember/internal/sparkerr"
)

// Snapshot is the set of data files a reader sees: for a managed table the
// committed file list, for an external table the files of its directory at
// read time (Spark's semantics) minus files of uncommitted writes and files
// an overwrite replaced.
type Snapshot struct {
	Version  int64  // number of commits made through the catalog
	Location string // the table directory
	Files    []DataFile
}

// DataFile is one data file of a snapshot.
type DataFile struct {
	// Path is relative to the table location, '/'-separated; for a file of
	// a partition in a custom directory (Located) it is absolute.
	Path      string
	Partition map[string]string // partition column -> value (empty when not partitioned)
	Size      int64
	Rows      int64 // -1 when unknown
	// Located marks a file of a partition in a custom directory: its
	// partition values come from the catalog, not from its path.
	Located bool
}

// AbsPath is the absolute path of a file of the snapshot.
func (s *Snapshot) AbsPath(f DataFile) string {
	if f.Located {
		return filepath.FromSlash(f.Path)
	}
	return filepath.Join(s.Location, filepath.FromSlash(f.Path))
}

// Paths are the absolute paths of the snapshot's files, in order.
func (s *Snapshot) Paths() []string {
	out := make([]string, len(s.Files))
	for i, f := range s.Files {
		out[i] = s.AbsPath(f)
	}
	return out
}

// CurrentSnapshot returns the data files a reader of the table should read.
// The files stay on disk at least for the grace period after a commit
// replaces them. Partitions in a custom directory (ADD PARTITION ...
// LOCATION, SET LOCATION) are read by listing that directory, for managed
// and external tables alike, as Spark does; their files carry absolute
// paths and the partition values the catalog holds (Located). Errors:
// TABLE_OR_VIEW_NOT_FOUND, EXPECT_TABLE_NOT_VIEW.
func (s *Store) CurrentSnapshot(ctx context.Context, db, name string) (*Snapshot, error) {
	db, name = Normalize(db), Normalize(name)
	var snap *Snapshot
	var listed *Table
	err := s.rtx(ctx, func(tx *sql.Tx) error {
		t, err := getTable(ctx, tx, db, name)
		if err != nil {
			return err
		}
		switch t.Kind {
		case View:
			return ErrExpectTableNotView(db, name, "read")
		case External:
			listed = t
			return nil
		}
		locs, err := partitionLocations(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		if len(locs) > 0 {
			listed = t
			return nil
		}
		snap = &Snapshot{Version: t.Version, Location: t.Location}
		snap.Files, err = committedFiles(ctx, tx, t.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	if listed != nil {
		return s.listTable(ctx, listed)
	}
	return snap, nil
}

func committedFiles(ctx context.Context, tx *sql.Tx, tableID string) ([]DataFile, error) {
	rows, err := tx.QueryContext(ctx, `SELECT path, partition, size, rows FROM files WHERE table_id = ? ORDER BY path`, tableID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DataFile
	for rows.Next() {
		var f DataFile
		var part string
		if err := rows.Scan(&f.Path, &part, &f.Size, &f.Rows); err != nil {
			return nil, err
		}
		f.Partition = ParsePartitionPath(part)
		out = append(out, f)
	}
	return out, rows.Err()
}

// listTable lists what a reader sees of an external table's directory, or
// of a managed table's committed files, plus the files of every partition
// in a custom directory. The set of paths to hide (files being moved in by
// uncommitted writes, files replaced by an overwrite and awaiting
// deletion) is read before the listing and the table's epoch, which every
// change of that set bumps, is checked again after it: if it moved, the
// listing may mix states and is retried.
func (s *Store) listTable(ctx context.Context, t *Table) (*Snapshot, error) {
	for attempt := 0; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var epoch1, epoch2, version int64
		hidden := map[string]bool{}
		var registered map[string]bool
		var locs map[string]string
		var committed []DataFile
		err := s.rtx(ctx, func(tx *sql.Tx) error {
			if err := tx.QueryRowContext(ctx, `SELECT epoch, version FROM tables WHERE id = ?`, t.ID).Scan(&epoch1, &version); err != nil {
				if errors.Is(err, sql.ErrNoRows) {
					return ErrTableNotFound(t.Database, t.Name)
				}
				return err
			}
			var err error
			if t.Kind == Managed {
				if committed, err = committedFiles(ctx, tx, t.ID); err != nil {
					return err
				}
			} else if hidden, err = hiddenPaths(ctx, tx, t.Location); err != nil {
				return err
			}
			if !t.IsPartitioned() {
				return nil
			}
			if registered, err = registeredPartitions(ctx, tx, t.ID); err != nil {
				return err
			}
			if locs, err = partitionLocations(ctx, tx, t.ID); err != nil {
				return err
			}
			for _, loc := range locs {
				h, err := hiddenPaths(ctx, tx, loc)
				if err != nil {
					return err
				}
				for p := range h {
					hidden[p] = true
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		var files []DataFile
		if t.Kind == Managed {
			for _, f := range committed {
				if locs[PartitionPath(t.PartitionColumns, f.Partition)] == "" {
					files = append(files, f)
				}
			}
		} else {
			all, err := listDataFiles(t.Location, t.PartitionColumns, hidden)
			if err != nil {
				return nil, err
			}
			if t.IsPartitioned() {
				// Spark reads only the registered partitions of an external
				// table (CREATE TABLE over existing directories registers none
				// until RECOVER PARTITIONS / MSCK REPAIR / ADD PARTITION), and
				// a partition in a custom directory only from there.
				for _, f := range all {
					p := PartitionPath(t.PartitionColumns, f.Partition)
					if registered[p] && locs[p] == "" {
						files = append(files, f)
					}
				}
			} else {
				files = all
			}
		}
		located, err := listLocated(t, locs, hidden)
		if err != nil {
			return nil, err
		}
		files = append(files, located...)
		err = s.rtx(ctx, func(tx *sql.Tx) error {
			return tx.QueryRowContext(ctx, `SELECT epoch FROM tables WHERE id = ?`, t.ID).Scan(&epoch2)
		})
		if errors.Is(err, sql.ErrNoRows) {
			return nil, ErrTableNotFound(t.Database, t.Name)
		}
		if err != nil {
			return nil, err
		}
		if epoch1 == epoch2 {
			return &Snapshot{Version: version, Location: t.Location, Files: files}, nil
		}
		if attempt > 20 {
			time.Sleep(time.Millisecond * time.Duration(attempt))
		}
	}
}

// listLocated lists the files of the partitions in custom directories
// (partition path -> directory), in partition order. Their partition
// values are the catalog's, whatever the directory names say.
func listLocated(t *Table, locs map[string]string, hidden map[string]bool) ([]DataFile, error) {
	parts := make([]string, 0, len(locs))
	for p := range locs {
		parts = append(parts, p)
	}
	sort.Strings(parts)
	var out []DataFile
	for _, p := range parts {
		loc := locs[p]
		files, err := listDataFiles(loc, nil, hidden)
		if err != nil {
			return nil, err
		}
		spec := NormalizeSpecKeys(ParsePartitionPath(p), t.PartitionColumns)
		for _, f := range files {
			f.Path = filepath.ToSlash(filepath.Join(loc, filepath.FromSlash(f.Path)))
			f.Partition = spec
			f.Located = true
			out = append(out, f)
		}
	}
	return out, nil
}

// partitionLocations maps the partitions of a table that live in a custom
// directory to that directory.
func partitionLocations(ctx context.Context, tx *sql.Tx, tableID string) (map[string]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT partition, location FROM partitions WHERE table_id = ? AND location <> ''`, tableID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var p, loc string
		if err := rows.Scan(&p, &loc); err != nil {
			return nil, err
		}
		out[p] = loc
	}
	return out, rows.Err()
}

// registeredPartitions is the set of partition paths registered for a table.
func registeredPartitions(ctx context.Context, tx *sql.Tx, tableID string) (map[string]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT partition FROM partitions WHERE table_id = ?`, tableID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out[p] = true
	}
	return out, rows.Err()
}

// hiddenPaths are the absolute paths under dir that readers must not see.
func hiddenPaths(ctx context.Context, tx *sql.Tx, dir string) (map[string]bool, error) {
	lo, hi := prefixRange(dir)
	rows, err := tx.QueryContext(ctx, `SELECT path FROM intents WHERE path > ? AND path < ?
		UNION ALL SELECT path FROM garbage WHERE kind = 'f' AND path > ? AND path < ?`, lo, hi, lo, hi)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out[p] = true
	}
	return out, rows.Err()
}

// listDataFiles walks dir for data files, skipping hidden names (Spark's
// rule: '_' or '.' prefixes, except '_' names holding '=') and paths in
// hidden. Partition values come from k=v directories, with keys matched
// case-insensitively to cols. A missing directory has no files.
func listDataFiles(dir string, cols []string, hidden map[string]bool) ([]DataFile, error) {
	var out []DataFile
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				if path == dir {
					return fs.SkipAll
				}
				return nil // vanished while listing (deleted garbage)
			}
			return err
		}
		if path == dir {
			return nil
		}
		if hiddenName(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || hidden[path] {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if !info.Mode().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		out = append(out, DataFile{
			Path:      rel,
			Partition: NormalizeSpecKeys(ParsePartitionPath(pathDir(rel)), cols),
			Size:      info.Size(),
			Rows:      -1,
		})
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

func pathDir(rel string) string {
	if i := strings.LastIndexByte(rel, '/'); i >= 0 {
		return rel[:i]
	}
	return ""
}

// NormalizeSpecKeys spells keys as in cols (matched case-insensitively);
// other keys are kept as they are. spec is changed in place.
func NormalizeSpecKeys(spec map[string]string, cols []string) map[string]string {
	for k, v := range spec {
		for _, c := range cols {
			if c != k && strings.EqualFold(c, k) {
				delete(spec, k)
				spec[c] = v
			}
		}
	}
	return spec
}

// ---------------------------------------------------------------------------
// writes

// CommitMode says how a write's files combine with the table's.
type CommitMode int

const (
	// Append adds the new files to the current snapshot.
	Append CommitMode = iota
	// Overwrite replaces every file of the table by the new files.
	Overwrite
	// OverwritePartitions replaces only the partitions that the new files
	// fall in, plus every partition matching one of the explicit specs
	// passed to Commit (Spark's dynamic partition overwrite; pass the static
	// PARTITION spec of INSERT OVERWRITE ... PARTITION (a=1) to clear that
	// partition even when the query returns no row). On an unpartitioned
	// table it is Overwrite.
	OverwritePartitions
)

func (m CommitMode) String() string {
	switch m {
	case Append:
		return "append"
	case Overwrite:
		return "overwrite"
	case OverwritePartitions:
		return "overwrite-partitions"
	}
	return fmt.Sprintf("CommitMode(%d)", int(m))
}

// Write is an atomic write to one table: the engine writes new data files
// under Dir() (in Hive layout k=v/ for partitioned tables), then Commit
// makes them the table's data in one metadata transaction, or Abort drops
// them. Readers never see a file of a write that has not committed.
type Write struct {
	s          *Store
	id         string
	table      *Table // the table as of BeginWrite (for creates: the new table)
	create     bool   // BeginCreateTable: Commit creates the table
	replace    bool
	createdDir bool // the table directory did not exist before this write
	staging    string

	mu   sync.Mutex
	rows map[string]int64
	done bool
}

// BeginWrite starts a write to a table. Errors: TABLE_OR_VIEW_NOT_FOUND,
// EXPECT_TABLE_NOT_VIEW (operation "INSERT").
func (s *Store) BeginWrite(ctx context.Context, db, name string) (*Write, error) {
	if err := s.checkOpen(); err != nil {
		return nil, err
	}
	db, name = Normalize(db), Normalize(name)
	s.wh.ddl.Lock()
	defer s.wh.ddl.Unlock()
	w := &Write{s: s, id: newID(), rows: map[string]int64{}}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		t, err := getTable(ctx, tx, db, name)
		if err != nil {
			return err
		}
		if t.Kind == View {
			return ErrExpectTableNotView(db, name, "INSERT")
		}
		w.table = t
		w.staging = filepath.Join(t.Location, stagingPrefix+w.id)
		return s.journalWrite(ctx, tx, w)
	})
	if err != nil {
		return nil, err
	}
	return s.startWrite(w)
}

// BeginCreateTable starts a write that creates table t with the written
// data as its first snapshot (CREATE TABLE AS SELECT, saveAsTable): the
// table appears, with its data, when Commit commits, and with orReplace
// the table it replaces stays readable until then. The Commit mode is
// ignored. For an external table, data files already in its directory are
// replaced by the written ones (the engine applies Spark's rules on
// non-empty CTAS locations before calling). Errors: as CreateTable; TABLE_OR_VIEW_ALREADY_EXISTS is raised
// again by Commit if another session created the table meanwhile.
func (s *Store) BeginCreateTable(ctx context.Context, t Table, orReplace bool) (*Write, error) {
	if err := s.checkOpen(); err != nil {
		return nil, err
	}
	if t.Kind == View {
		return nil, sparkerr.Internal("catalog: BeginCreateTable needs a table, not a view")
	}
	s.wh.ddl.Lock()
	defer s.wh.ddl.Unlock()
	w := &Write{s: s, id: newID(), rows: map[string]int64{}, create: true, replace: orReplace}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		n, _, err := s.createTx(ctx, tx, t, false, orReplace)
		if err != nil {
			return err
		}
		w.table = n
		w.staging = filepath.Join(n.Location, stagingPrefix+w.id)
		return s.journalWrite(ctx, tx, w)
	})
	if err != nil {
		return nil, err
	}
	return s.startWrite(w)
}

func (s *Store) journalWrite(ctx context.Context, tx *sql.Tx, w *Write) error {
	if w.create {
		_, err := os.Stat(w.table.Location)
		w.createdDir = errors.Is(err, fs.ErrNotExist)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO writes(id, owner, table_id, location, staging, created_dir, created) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		w.id, s.owner, w.table.ID, w.table.Location, w.staging, w.createdDir, time.Now().UnixMilli())
	return err
}

func (s *Store) startWrite(w *Write) (*Write, error) {
	if err := os.MkdirAll(w.staging, 0o755); err != nil {
		_ = w.abort(true)
		return nil, fmt.Errorf("catalog: create staging directory: %w", err)
	}
	s.mu.Lock()
	s.writes[w.id] = w
	s.mu.Unlock()
	crashPoint("begun")
	return w, nil
}

// Dir is the staging directory the engine writes the new files into.
func (w *Write) Dir() string { return w.staging }

// Table is the table written to, as of BeginWrite (for BeginCreateTable,
// the table to be created, with its location).
func (w *Write) Table() *Table { return w.table.clone() }

// SetRows records the number of rows of a staged file (path relative to
// Dir()), when the engine knows it, for the table's statistics.
func (w *Write) SetRows(rel string, rows int64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.rows[filepath.ToSlash(rel)] = rows
}

type stagedFile struct {
	rel       string // relative to the staging directory
	partition string // canonical partition directory ("" if none)
	size      int64
	rows      int64
	final     string // relative to the table location
}

// Commit makes the staged files part of the table. It moves them into the
// table directory under fresh unique names, then records the new snapshot
// in one metadata transaction: that transaction is the commit point. If
// another write committed since BeginWrite, Append keeps its files and
// Overwrite replaces them (the last overwrite wins). Files no snapshot
// references any more are deleted after the grace period. On error nothing
// is committed and the write is aborted.
func (w *Write) Commit(ctx context.Context, mode CommitMode, overwritePartitions []map[string]string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.done {
		return sparkerr.Internal("catalog: write already committed or aborted")
	}
	s := w.s
	staged, err := w.scanStaging()
	if err != nil {
		// The usual reason for a vanished staging directory: the table was
		// dropped (with its directory) while the engine wrote.
		if gone := w.tableGone(ctx); gone != nil {
			err = gone
		}
		_ = w.abortLocked()
		return err
	}
	crashPoint("scanned")
	// Data must be on disk before the metadata that points at it.
	for _, f := range staged {
		if err := syncFile(filepath.Join(w.staging, filepath.FromSlash(f.rel))); err != nil {
			_ = w.abortLocked()
			return fmt.Errorf("catalog: sync staged file: %w", err)
		}
	}
	static, err := w.normalizeSpecs(overwritePartitions)
	if err != nil {
		_ = w.abortLocked()
		return err
	}

	s.wh.ddl.Lock()
	committed, err := w.commitLocked(ctx, mode, staged, static)
	s.wh.ddl.Unlock()
	if err != nil {
		if !committed {
			_ = w.abortLocked()
		}
		return err
	}
	crashPoint("committed")
	w.finish()
	s.gc(ctx)
	return nil
}

func (w *Write) commitLocked(ctx context.Context, mode CommitMode, staged []stagedFile, static []map[string]string) (bool, error) {
	s := w.s
	location := w.table.Location
	// Files of a partition in a custom directory go there (named by their
	// base name), the others into the table directory.
	var locs map[string]string
	dest := func(f stagedFile) string {
		if loc := locs[f.partition]; loc != "" {
			return filepath.Join(loc, path.Base(f.final))
		}
		return filepath.Join(location, filepath.FromSlash(f.final))
	}
	// 1. Journal the final paths, so that recovery can remove files moved
	// in by a write that then died.
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if !w.create {
			t, err := lookupTableByID(ctx, tx, w.table.ID)
			if err != nil {
				return err
			}
			if t == nil {
				return ErrTableNotFound(w.table.Database, w.table.Name)
			}
			if locs, err = partitionLocations(ctx, tx, t.ID); err != nil {
				return err
			}
		}
		for _, f := range staged {
			if _, err := tx.ExecContext(ctx, `INSERT INTO intents(write_id, path) VALUES (?, ?)`,
				w.id, dest(f)); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `UPDATE tables SET epoch = epoch + 1 WHERE id = ?`, w.table.ID)
		return err
	})
	if err != nil {
		return false, err
	}
	crashPoint("intents")
	// 2. Move the files in. Readers ignore them: they are not in the file
	// list of a managed table, and hidden from listings of an external one.
	dirs := map[string]bool{}
	for i, f := range staged {
		dst := dest(f)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return false, fmt.Errorf("catalog: %w", err)
		}
		if err := os.Rename(filepath.Join(w.staging, filepath.FromSlash(f.rel)), dst); err != nil {
			return false, fmt.Errorf("catalog: move staged file: %w", err)
		}
		if loc := locs[f.partition]; loc != "" {
			dirs[loc] = true
			continue
		}
		for d := filepath.Dir(dst); underDir(d, location); d = filepath.Dir(d) {
			dirs[d] = true
			if d == location {
				break
			}
		}
		if i == 0 {
			crashPoint("moved-one")
		}
	}
	for d := range dirs {
		if err := syncDir(d); err != nil {
			return false, fmt.Errorf("catalog: sync directory: %w", err)
		}
	}
	_ = syncDir(filepath.Dir(location))
	crashPoint("moved")
	// 3. The commit point.
	var dirsToRemove []string
	err = s.tx(ctx, func(tx *sql.Tx) error {
		now := time.Now()
		t := w.table
		if w.create {
			n, old, err := s.createTxWithID(ctx, tx, *w.table, w.replace, w.table.ID)
			if err != nil {
				return err
			}
			if old != nil {
				dir, err := s.replaceTx(ctx, tx, old, n)
				if err != nil {
					return err
				}
				if dir != "" {
					dirsToRemove = append(dirsToRemove, dir)
				}
			}
			if err := insertTable(ctx, tx, n); err != nil {
				return err
			}
			t = n
			// The new external table's data is what was written: files
			// already in its directory are replaced, as by a write in
			// Overwrite mode to that path.
			if n.Kind == External {
				if err := w.replaceOld(ctx, tx, n, Overwrite, staged, nil, nil, now); err != nil {
					return err
				}
			}
		} else {
			cur, err := lookupTableByID(ctx, tx, w.table.ID)
			if err != nil {
				return err
			}
			if cur == nil {
				return ErrTableNotFound(w.table.Database, w.table.Name)
			}
			t = cur
			curLocs, err := partitionLocations(ctx, tx, t.ID)
			if err != nil {
				return err
			}
			if !equalMaps(curLocs, locs) {
				// A partition moved (SET LOCATION) since the files were
				// moved in: they are not where a reader would look.
				return fmt.Errorf("catalog: a partition location of %s changed during the write; retry it", t.QualifiedName())
			}
			if err := w.replaceOld(ctx, tx, t, mode, staged, static, locs, now); err != nil {
				return err
			}
		}
		if t.Kind == External && t.IsPartitioned() {
			// Only registered partitions of an external table are read;
			// a write registers the partitions it wrote, as Spark does.
			for _, f := range staged {
				if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO partitions(table_id, partition) VALUES (?, ?)`, t.ID, f.partition); err != nil {
					return err
				}
			}
		}
		if t.Kind == Managed {
			for _, f := range staged {
				if locs[f.partition] != "" {
					continue // listed from its directory at read time
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO files(table_id, path, partition, size, rows, version) VALUES (?, ?, ?, ?, ?, ?)`,
					t.ID, f.final, f.partition, f.size, f.rows, t.Version+1); err != nil {
					return err
				}
			}
		}
		for _, q := range []string{`DELETE FROM intents WHERE write_id = ?`, `DELETE FROM writes WHERE id = ?`} {
			if _, err := tx.ExecContext(ctx, q, w.id); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE tables SET version = version + 1, epoch = epoch + 1 WHERE id = ?`, t.ID); err != nil {
			return err
		}
		crashPoint("in-commit-txn")
		return nil
	})
	if err != nil {
		// Did the transaction commit after all (an error from COMMIT)?
		// The journal entry is deleted exactly when it did.
		var n int
		if qerr := s.rtx(ctx, func(tx *sql.Tx) error {
			return tx.QueryRowContext(ctx, `SELECT count(*) FROM writes WHERE id = ?`, w.id).Scan(&n)
		}); qerr == nil && n == 0 {
			return true, nil
		}
		return false, err
	}
	s.removeDirs(ctx, dirsToRemove)
	return true, nil
}

// replaceOld moves the files that mode replaces out of table t's snapshot.
// locs are the table's partitions in custom directories: their files are
// listed there (for managed tables too). A replaced partition keeps its
// catalog entry (and so its location) when the write put files in it.
func (w *Write) replaceOld(ctx context.Context, tx *sql.Tx, t *Table, mode CommitMode, staged []stagedFile, static []map[string]string, locs map[string]string, now time.Time) error {
	if mode == Append {
		return nil
	}
	if mode == OverwritePartitions && !t.IsPartitioned() {
		mode = Overwrite
	}
	written := map[string]bool{}
	for _, f := range staged {
		written[f.partition] = true
	}
	replaced := func(partition string) bool { return true }
	if mode == OverwritePartitions {
		replaced = func(partition string) bool {
			if written[partition] {
				return true
			}
			spec := ParsePartitionPath(partition)
			for _, st := range static {
				if SpecMatches(spec, st) {
					return true
				}
			}
			return false
		}
	}
	forget := func(partition string) bool {
		return replaced(partition) && !(locs[partition] != "" && written[partition])
	}
	for p, loc := range locs {
		if !replaced(p) {
			continue
		}
		hidden, err := hiddenPaths(ctx, tx, loc)
		if err != nil {
			return err
		}
		files, err := listDataFiles(loc, nil, hidden)
		if err != nil {
			return err
		}
		for _, f := range files {
			if err := addGarbage(ctx, tx, filepath.Join(loc, filepath.FromSlash(f.Path)), "f", loc, now); err != nil {
				return err
			}
		}
	}
	switch t.Kind {
	case Managed:
		if err := garbageFiles(ctx, tx, t, replaced, now); err != nil {
			return err
		}
		return deletePartitionRows(ctx, tx, t.ID, forget)
	case External:
		hidden, err := hiddenPaths(ctx, tx, t.Location)
		if err != nil {
			return err
		}
		files, err := listDataFiles(t.Location, t.PartitionColumns, hidden)
		if err != nil {
			return err
		}
		for _, f := range files {
			p := PartitionPath(t.PartitionColumns, f.Partition)
			if !replaced(p) || locs[p] != "" {
				continue
			}
			if err := addGarbage(ctx, tx, filepath.Join(t.Location, filepath.FromSlash(f.Path)), "f", t.Location, now); err != nil {
				return err
			}
		}
		return deletePartitionRows(ctx, tx, t.ID, forget)
	}
	return nil
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// tableGone returns TABLE_OR_VIEW_NOT_FOUND if the table written to no
// longer exists (not for creates).
func (w *Write) tableGone(ctx context.Context) error {
	if w.create {
		return nil
	}
	var t *Table
	if err := w.s.rtx(ctx, func(tx *sql.Tx) error {
		var err error
		t, err = lookupTableByID(ctx, tx, w.table.ID)
		return err
	}); err != nil || t != nil {
		return nil
	}
	return ErrTableNotFound(w.table.Database, w.table.Name)
}

// scanStaging lists the staged data files and gives each its final name.
func (w *Write) scanStaging() ([]stagedFile, error) {
	cols := w.table.PartitionColumns
	var out []stagedFile
	err := filepath.WalkDir(w.staging, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if path == w.staging {
			return nil
		}
		if hiddenName(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if !info.Mode().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(w.staging, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		f := stagedFile{rel: rel, size: info.Size(), rows: -1}
		if r, ok := w.rows[rel]; ok {
			f.rows = r
		}
		dir := pathDir(rel)
		if len(cols) > 0 {
			spec := NormalizeSpecKeys(ParsePartitionPath(dir), cols)
			if len(spec) != len(cols) || len(strings.Split(dir, "/")) != len(cols) {
				return sparkerr.Internal("catalog: staged file %s is not in a partition directory of %s (partition columns %s)",
					rel, w.table.QualifiedName(), strings.Join(cols, ", "))
			}
			for _, c := range cols {
				if _, ok := spec[c]; !ok {
					return sparkerr.Internal("catalog: staged file %s lacks partition column %s", rel, c)
				}
			}
			f.partition = PartitionPath(cols, spec)
			dir = f.partition
		}
		f.final = dir
		out = append(out, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].rel < out[j].rel })
	for i := range out {
		base := out[i].rel[strings.LastIndexByte(out[i].rel, '/')+1:]
		ext := ""
		if j := strings.IndexByte(base, '.'); j >= 0 {
			ext = base[j:]
		}
		name := fmt.Sprintf("part-%05d-%s%s", i, w.id, ext)
		if out[i].final != "" {
			name = out[i].final + "/" + name
		}
		out[i].final = name
	}
	return out, nil
}

// normalizeSpecs checks explicit overwrite specs against the partition
// columns (keys matched case-insensitively; partial specs allowed).
func (w *Write) normalizeSpecs(specs []map[string]string) ([]map[string]string, error) {
	out := make([]map[string]string, 0, len(specs))
	for _, spec := range specs {
		n, err := normalizeSpec(w.table, spec, true)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// Abort drops the write: its staging directory and journal entry. It is
// a no-op after Commit or a previous Abort.
func (w *Write) Abort() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.abortLocked()
}

func (w *Write) abortLocked() error {
	if w.done {
		return nil
	}
	return w.abort(false)
}

func (w *Write) abort(starting bool) error {
	s := w.s
	if !starting {
		s.wh.ddl.Lock()
		defer s.wh.ddl.Unlock()
	}
	err := s.undoWrite(context.Background(), writeRow{
		id: w.id, owner: s.owner, tableID: w.table.ID, location: w.table.Location, staging: w.staging, createdDir: w.createdDir,
	})
	w.finish()
	return err
}

func (w *Write) finish() {
	w.done = true
	_ = os.RemoveAll(w.staging)
	w.s.mu.Lock()
	delete(w.s.writes, w.id)
	w.s.mu.Unlock()
}
