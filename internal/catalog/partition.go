package catalog

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Partitions of a partitioned table are the partition directories of its
// current snapshot plus the ones added with AddPartitions (which may hold
// no file yet). Specs are maps from partition column (as spelled in the
// table schema) to the value's string form; the caller (the analyzer)
// casts and normalizes values the way Spark does before calling.

// normalizeSpec spells a spec's keys as the table's partition columns.
// Errors: INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY,
// PARTITIONS_NOT_FOUND (unknown column), _LEGACY_ERROR_TEMP_1232 (a spec
// that is not complete, unless partial is allowed).
func normalizeSpec(t *Table, spec map[string]string, partial bool) (map[string]string, error) {
	if !t.IsPartitioned() {
		return nil, errNotPartitioned(t.Database, t.Name)
	}
	out := make(map[string]string, len(spec))
	keys := make([]string, 0, len(spec))
	for k := range spec {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		col := ""
		for _, c := range t.PartitionColumns {
			if strings.EqualFold(c, k) {
				col = c
				break
			}
		}
		if col == "" {
			return nil, errUnknownPartitionColumn(t.Database, t.Name, k)
		}
		out[col] = spec[k]
	}
	if !partial && len(out) != len(t.PartitionColumns) {
		return nil, errPartialSpec(t.Database, t.Name, out, t.PartitionColumns)
	}
	return out, nil
}

// tablePartitions returns the canonical partition paths of t, sorted.
func (s *Store) tablePartitions(ctx context.Context, tx *sql.Tx, t *Table) ([]string, error) {
	set := map[string]bool{}
	rows, err := tx.QueryContext(ctx, `SELECT partition FROM partitions WHERE table_id = ?`, t.ID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			rows.Close()
			return nil, err
		}
		set[p] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	switch t.Kind {
	case Managed:
		rows, err := tx.QueryContext(ctx, `SELECT DISTINCT partition FROM files WHERE table_id = ?`, t.ID)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var p string
			if err := rows.Scan(&p); err != nil {
				rows.Close()
				return nil, err
			}
			set[p] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	case External:
		// Only registered partitions (see listTable).
	}
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	sort.Strings(out)
	return out, nil
}

// ListPartitions returns the partition specs of a partitioned table,
// sorted by their path ("a=1/b=x"). Errors: TABLE_OR_VIEW_NOT_FOUND,
// INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY.
func (s *Store) ListPartitions(ctx context.Context, db, name string) ([]map[string]string, error) {
	var out []map[string]string
	err := s.rtx(ctx, func(tx *sql.Tx) error {
		t, err := getTable(ctx, tx, Normalize(db), Normalize(name))
		if err != nil {
			return err
		}
		if !t.IsPartitioned() {
			return errNotPartitioned(t.Database, t.Name)
		}
		paths, err := s.tablePartitions(ctx, tx, t)
		if err != nil {
			return err
		}
		for _, p := range paths {
			out = append(out, ParsePartitionPath(p))
		}
		return nil
	})
	return out, err
}

// AddPartitions registers partitions (and creates their directories).
// locations, parallel to specs (or nil), gives a partition a custom
// directory ("" for the default <table>/k=v one); relative paths are taken
// from the server's working directory. When locations is not nil and
// ifNotExists is set, a partition that exists already takes the location
// given (the default one for ""), as Spark's session catalog does for ADD
// IF NOT EXISTS PARTITION; with nil locations (RECOVER PARTITIONS, writes)
// existing partitions are left alone. Errors: TABLE_OR_VIEW_NOT_FOUND,
// PARTITIONS_ALREADY_EXIST (unless ifNotExists), and those of a bad spec
// (see normalizeSpec).
func (s *Store) AddPartitions(ctx context.Context, db, name string, specs []map[string]string, locations []string, ifNotExists bool) error {
	if err := s.checkOpen(); err != nil {
		return err
	}
	db, name = Normalize(db), Normalize(name)
	locs := make([]string, len(specs))
	for i := range specs {
		if i < len(locations) && locations[i] != "" {
			abs, err := s.absLocation(locations[i])
			if err != nil {
				return err
			}
			locs[i] = abs
		}
	}
	var dirs []string
	err := s.tx(ctx, func(tx *sql.Tx) error {
		t, err := getTable(ctx, tx, db, name)
		if err != nil {
			return err
		}
		if t.Kind == View {
			return ErrExpectTableNotView(db, name, "ALTER TABLE ... ADD PARTITION ...")
		}
		existing, err := s.tablePartitions(ctx, tx, t)
		if err != nil {
			return err
		}
		have := map[string]bool{}
		for _, p := range existing {
			have[p] = true
		}
		var dup []map[string]string
		var add, addLocs []string
		for i, spec := range specs {
			n, err := normalizeSpec(t, spec, false)
			if err != nil {
				return err
			}
			p := PartitionPath(t.PartitionColumns, n)
			if have[p] {
				dup = append(dup, n)
				if locations != nil && ifNotExists {
					if err := setPartitionLocation(ctx, tx, t, p, locs[i]); err != nil {
						return err
					}
					if locs[i] != "" {
						dirs = append(dirs, locs[i])
					}
				}
				continue
			}
			have[p] = true
			add = append(add, p)
			addLocs = append(addLocs, locs[i])
		}
		if len(dup) > 0 && !ifNotExists {
			return errPartitionsExist(db, name, t.PartitionColumns, dup)
		}
		for i, p := range add {
			if _, err := tx.ExecContext(ctx, `INSERT INTO partitions(table_id, partition, location) VALUES (?, ?, ?)`, t.ID, p, addLocs[i]); err != nil {
				return err
			}
			if addLocs[i] != "" {
				dirs = append(dirs, addLocs[i])
			} else {
				dirs = append(dirs, filepath.Join(t.Location, filepath.FromSlash(p)))
			}
		}
		if len(add) > 0 {
			_, err = tx.ExecContext(ctx, `UPDATE tables SET epoch = epoch + 1 WHERE id = ?`, t.ID)
		}
		return err
	})
	if err != nil {
		return err
	}
	for _, d := range dirs {
		_ = os.MkdirAll(d, 0o755)
	}
	return nil
}

// SetPartitionLocation moves one partition to a custom directory (ALTER
// TABLE ... PARTITION (...) SET LOCATION). As in Spark no file is moved:
// the partition's rows are from then on the files of the new directory,
// and the old files stay where they are. Errors: TABLE_OR_VIEW_NOT_FOUND,
// PARTITIONS_NOT_FOUND, and those of a bad spec.
func (s *Store) SetPartitionLocation(ctx context.Context, db, name string, spec map[string]string, location string) error {
	if err := s.checkOpen(); err != nil {
		return err
	}
	db, name = Normalize(db), Normalize(name)
	loc, err := s.absLocation(location)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		t, err := getTable(ctx, tx, db, name)
		if err != nil {
			return err
		}
		if t.Kind == View {
			return ErrExpectTableNotView(db, name, "ALTER TABLE ... SET LOCATION ...")
		}
		n, err := normalizeSpec(t, spec, false)
		if err != nil {
			return err
		}
		p, ok, err := s.hasPartition(ctx, tx, t, n)
		if err != nil {
			return err
		}
		if !ok {
			return errPartitionsNotFound(db, name, t.PartitionColumns, []map[string]string{n})
		}
		return setPartitionLocation(ctx, tx, t, p, loc)
	})
}

// setPartitionLocation points the existing partition p of t at loc ("":
// the default directory). As in Spark no file moves: the files of the old
// directory leave the table's data but stay on disk (for a managed table
// they go with its directory when it is dropped).
func setPartitionLocation(ctx context.Context, tx *sql.Tx, t *Table, p, loc string) error {
	locs, err := partitionLocations(ctx, tx, t.ID)
	if err != nil {
		return err
	}
	if locs[p] == loc {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO partitions(table_id, partition, location) VALUES (?, ?, ?)
		ON CONFLICT(table_id, partition) DO UPDATE SET location = excluded.location`, t.ID, p, loc); err != nil {
		return err
	}
	if t.Kind == Managed {
		if _, err := tx.ExecContext(ctx, `DELETE FROM files WHERE table_id = ? AND partition = ?`, t.ID, p); err != nil {
			return err
		}
		if loc == "" {
			// Back in the default directory: its files (those not waiting
			// for deletion) are the partition's data again.
			dir := filepath.Join(t.Location, filepath.FromSlash(p))
			hidden, err := hiddenPaths(ctx, tx, dir)
			if err != nil {
				return err
			}
			files, err := listDataFiles(dir, nil, hidden)
			if err != nil {
				return err
			}
			for _, f := range files {
				if strings.Contains(f.Path, "/") {
					continue // not a file of this partition's directory
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO files(table_id, path, partition, size, rows, version) VALUES (?, ?, ?, ?, -1, ?)`,
					t.ID, p+"/"+f.Path, p, f.Size, t.Version+1); err != nil {
					return err
				}
			}
		}
	}
	_, err = tx.ExecContext(ctx, `UPDATE tables SET version = version + 1, epoch = epoch + 1 WHERE id = ?`, t.ID)
	return err
}

// PartitionLocations maps the partitions of a table that live in a custom
// directory ("a=1/b=x" paths) to that directory.
func (s *Store) PartitionLocations(ctx context.Context, db, name string) (map[string]string, error) {
	var out map[string]string
	err := s.rtx(ctx, func(tx *sql.Tx) error {
		t, err := getTable(ctx, tx, Normalize(db), Normalize(name))
		if err != nil {
			return err
		}
		out, err = partitionLocations(ctx, tx, t.ID)
		return err
	})
	return out, err
}

// PartitionLocation returns the directory of one partition of a table
// (its custom directory, else <table>/k=v) and whether it exists. Errors:
// TABLE_OR_VIEW_NOT_FOUND and those of a bad spec.
func (s *Store) PartitionLocation(ctx context.Context, db, name string, spec map[string]string) (string, bool, error) {
	var loc string
	var found bool
	err := s.rtx(ctx, func(tx *sql.Tx) error {
		t, err := getTable(ctx, tx, Normalize(db), Normalize(name))
		if err != nil {
			return err
		}
		n, err := normalizeSpec(t, spec, false)
		if err != nil {
			return err
		}
		p, ok, err := s.hasPartition(ctx, tx, t, n)
		if err != nil {
			return err
		}
		found = ok
		locs, err := partitionLocations(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		loc = locs[p]
		if loc == "" {
			loc = filepath.Join(t.Location, filepath.FromSlash(p))
		}
		return nil
	})
	return loc, found, err
}

// DropPartitions drops the partitions matching any of specs (a spec may be
// partial: PARTITION (a=1) drops every a=1/b=... partition), all or
// nothing. A managed table's files in them leave the snapshot (deleted
// after the grace period); an external table keeps its data, as in Spark,
// and since external tables are read by listing their directory the files
// stay visible. Errors: TABLE_OR_VIEW_NOT_FOUND, PARTITIONS_NOT_FOUND
// (unless ifExists), and those of a bad spec.
func (s *Store) DropPartitions(ctx context.Context, db, name string, specs []map[string]string, ifExists bool) error {
	if err := s.checkOpen(); err != nil {
		return err
	}
	db, name = Normalize(db), Normalize(name)
	var dirs []string
	err := s.tx(ctx, func(tx *sql.Tx) error {
		dirs = nil
		t, err := getTable(ctx, tx, db, name)
		if err != nil {
			return err
		}
		if t.Kind == View {
			return ErrExpectTableNotView(db, name, "ALTER TABLE ... DROP PARTITION ...")
		}
		existing, err := s.tablePartitions(ctx, tx, t)
		if err != nil {
			return err
		}
		var missing, norm []map[string]string
		for _, spec := range specs {
			n, err := normalizeSpec(t, spec, true)
			if err != nil {
				return err
			}
			found := false
			for _, p := range existing {
				if SpecMatches(ParsePartitionPath(p), n) {
					found = true
					break
				}
			}
			if !found {
				missing = append(missing, n)
			}
			norm = append(norm, n)
		}
		if len(missing) > 0 && !ifExists {
			return errPartitionsNotFound(db, name, t.PartitionColumns, missing)
		}
		drop := func(partition string) bool {
			spec := ParsePartitionPath(partition)
			for _, n := range norm {
				if SpecMatches(spec, n) {
					return true
				}
			}
			return false
		}
		locs, err := partitionLocations(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		if err := deletePartitionRows(ctx, tx, t.ID, drop); err != nil {
			return err
		}
		if t.Kind == Managed {
			// Spark deletes the directory of a managed table's partition,
			// a custom one included, at once.
			for p, loc := range locs {
				if drop(p) {
					if err := addGarbage(ctx, tx, loc, "d", loc, time.Now()); err != nil {
						return err
					}
					dirs = append(dirs, loc)
				}
			}
			if err := garbageFiles(ctx, tx, t, drop, time.Now()); err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, `UPDATE tables SET version = version + 1, epoch = epoch + 1 WHERE id = ?`, t.ID)
			return err
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.removeDirs(ctx, dirs)
	s.gc(ctx)
	return nil
}

func deletePartitionRows(ctx context.Context, tx *sql.Tx, tableID string, drop func(string) bool) error {
	rows, err := tx.QueryContext(ctx, `SELECT partition FROM partitions WHERE table_id = ?`, tableID)
	if err != nil {
		return err
	}
	var del []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			rows.Close()
			return err
		}
		if drop(p) {
			del = append(del, p)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, p := range del {
		if _, err := tx.ExecContext(ctx, `DELETE FROM partitions WHERE table_id = ? AND partition = ?`, tableID, p); err != nil {
			return err
		}
	}
	return nil
}

// hasPartition reports whether table t has the partition of the
// normalized spec n, and gives its path.
func (s *Store) hasPartition(ctx context.Context, tx *sql.Tx, t *Table, n map[string]string) (string, bool, error) {
	existing, err := s.tablePartitions(ctx, tx, t)
	if err != nil {
		return "", false, err
	}
	p := PartitionPath(t.PartitionColumns, n)
	i := sort.SearchStrings(existing, p)
	return p, i < len(existing) && existing[i] == p, nil
}
