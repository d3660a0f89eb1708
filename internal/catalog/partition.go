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
		// Only registered partitions (see listExternal).
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
// Errors: TABLE_OR_VIEW_NOT_FOUND, PARTITIONS_ALREADY_EXIST (unless
// ifNotExists), and those of a bad spec (see normalizeSpec).
func (s *Store) AddPartitions(ctx context.Context, db, name string, specs []map[string]string, ifNotExists bool) error {
	if err := s.checkOpen(); err != nil {
		return err
	}
	db, name = Normalize(db), Normalize(name)
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
		var add []string
		for _, spec := range specs {
			n, err := normalizeSpec(t, spec, false)
			if err != nil {
				return err
			}
			p := PartitionPath(t.PartitionColumns, n)
			if have[p] {
				dup = append(dup, n)
				continue
			}
			have[p] = true
			add = append(add, p)
		}
		if len(dup) > 0 && !ifNotExists {
			return errPartitionsExist(db, name, t.PartitionColumns, dup)
		}
		for _, p := range add {
			if _, err := tx.ExecContext(ctx, `INSERT INTO partitions(table_id, partition) VALUES (?, ?)`, t.ID, p); err != nil {
				return err
			}
			dirs = append(dirs, filepath.Join(t.Location, filepath.FromSlash(p)))
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, d := range dirs {
		_ = os.MkdirAll(d, 0o755)
	}
	return nil
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
	err := s.tx(ctx, func(tx *sql.Tx) error {
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
		if err := deletePartitionRows(ctx, tx, t.ID, drop); err != nil {
			return err
		}
		if t.Kind == Managed {
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
