package catalog

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// stagingPrefix starts the name of a write's staging directory inside the
// table directory. It starts with '.', so listings of data skip it.
const stagingPrefix = ".ember-staging-"

// addGarbage records a path to delete: kind "f" (a data file, deleted after
// the grace period) or "d" (a dropped table's directory, removed right after
// the drop commits). root bounds the removal of emptied parent directories.
func addGarbage(ctx context.Context, tx *sql.Tx, path, kind, root string, since time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO garbage(path, kind, root, since) VALUES (?, ?, ?, ?)`,
		path, kind, root, since.UnixMilli())
	return err
}

// garbageFiles moves the committed files of managed table t for which drop
// returns true (all when drop is nil) out of its snapshot into the garbage.
func garbageFiles(ctx context.Context, tx *sql.Tx, t *Table, drop func(partition string) bool, now time.Time) error {
	rows, err := tx.QueryContext(ctx, `SELECT path, partition FROM files WHERE table_id = ?`, t.ID)
	if err != nil {
		return err
	}
	var paths []string
	for rows.Next() {
		var p, part string
		if err := rows.Scan(&p, &part); err != nil {
			rows.Close()
			return err
		}
		if drop == nil || drop(part) {
			paths = append(paths, p)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, p := range paths {
		if err := addGarbage(ctx, tx, filepath.Join(t.Location, filepath.FromSlash(p)), "f", t.Location, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM files WHERE table_id = ? AND path = ?`, t.ID, p); err != nil {
			return err
		}
	}
	return nil
}

// gc is collectGarbage under the ddl lock: deleting files prunes emptied
// partition directories, which must not race with a commit moving a file
// into one.
func (s *Store) gc(ctx context.Context) {
	s.wh.ddl.Lock()
	defer s.wh.ddl.Unlock()
	s.collectGarbage(ctx, false)
}

// collectGarbage deletes the garbage files whose grace period is over (all
// of them when all is set: no reader can be using them). Callers hold the
// ddl lock.
func (s *Store) collectGarbage(ctx context.Context, all bool) {
	if s.db == nil {
		return
	}
	cutoff := time.Now().Add(-s.grace).UnixMilli()
	type item struct{ path, root string }
	var items []item
	err := s.rtx(ctx, func(tx *sql.Tx) error {
		if all {
			cutoff = time.Now().Add(time.Hour).UnixMilli()
		}
		rows, err := tx.QueryContext(ctx, `SELECT path, root FROM garbage WHERE kind = 'f' AND since <= ?`, cutoff)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var it item
			if err := rows.Scan(&it.path, &it.root); err != nil {
				return err
			}
			items = append(items, it)
		}
		return rows.Err()
	})
	if err != nil || len(items) == 0 {
		return
	}
	var done []string
	for _, it := range items {
		if err := os.Remove(it.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			continue
		}
		removeEmptyParents(filepath.Dir(it.path), it.root)
		done = append(done, it.path)
	}
	_ = s.tx(ctx, func(tx *sql.Tx) error {
		for _, p := range done {
			if _, err := tx.ExecContext(ctx, `DELETE FROM garbage WHERE path = ? AND kind = 'f'`, p); err != nil {
				return err
			}
		}
		return nil
	})
}

// removeDirs removes dropped tables' directories (recorded as "d" garbage)
// and forgets them. A directory that a live table now uses (a table of the
// same name created since), or that holds a live table's location, is kept.
// Callers hold the warehouse's ddl lock.
func (s *Store) removeDirs(ctx context.Context, dirs []string) {
	for _, dir := range dirs {
		live := false
		err := s.rtx(ctx, func(tx *sql.Tx) error {
			lo, hi := prefixRange(dir)
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM tables WHERE location = ? OR (location > ? AND location < ?)`,
				dir, lo, hi).Scan(&n); err != nil {
				return err
			}
			live = n > 0
			return nil
		})
		if err != nil {
			continue
		}
		if !live {
			if err := os.RemoveAll(dir); err != nil {
				continue
			}
		}
		_ = s.tx(ctx, func(tx *sql.Tx) error {
			lo, hi := prefixRange(dir)
			_, err := tx.ExecContext(ctx, `DELETE FROM garbage WHERE path = ? OR (path > ? AND path < ?)`, dir, lo, hi)
			return err
		})
	}
}

// janitor deletes expired garbage in the background.
func (s *Store) janitor() {
	defer close(s.janitorDone)
	every := s.grace / 4
	if every < time.Second {
		every = time.Second
	}
	if every > time.Minute {
		every = time.Minute
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-s.stopJanitor:
			return
		case <-t.C:
			s.gc(context.Background())
		}
	}
}

// ---------------------------------------------------------------------------
// directory moves (renamed managed tables)

type dirMove struct {
	id       int64
	src, dst string
}

// finishMove performs a journalled directory rename and forgets it. It is
// idempotent: a move already done (src gone, dst there) only forgets.
func (s *Store) finishMove(ctx context.Context, m dirMove) error {
	if _, err := os.Stat(m.src); err == nil {
		_ = os.Remove(m.dst) // only if it is an empty directory
		if _, err := os.Stat(m.dst); errors.Is(err, fs.ErrNotExist) {
			if err := os.MkdirAll(filepath.Dir(m.dst), 0o755); err != nil {
				return err
			}
			if err := os.Rename(m.src, m.dst); err != nil {
				return err
			}
			_ = syncDir(filepath.Dir(m.dst))
			_ = syncDir(filepath.Dir(m.src))
		}
	}
	crashPoint("move-done")
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM moves WHERE id = ?`, m.id)
		return err
	})
}

// ---------------------------------------------------------------------------
// recovery

// recover repairs what crashed Stores left behind. sole means no other Store
// has the warehouse open: every journalled write is dead and no reader can
// be using a garbage file. Callers hold the ddl lock.
func (s *Store) recover(ctx context.Context, sole bool) error {
	// 1. Directory moves committed in metadata but not done on disk.
	var moves []dirMove
	err := s.rtx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, src, dst FROM moves ORDER BY id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m dirMove
			if err := rows.Scan(&m.id, &m.src, &m.dst); err != nil {
				return err
			}
			moves = append(moves, m)
		}
		return rows.Err()
	})
	if err != nil {
		return err
	}
	for _, m := range moves {
		if err := s.finishMove(ctx, m); err != nil {
			return err
		}
	}
	// 2. Writes whose Store died before they committed.
	if err := s.recoverDeadWrites(ctx, sole); err != nil {
		return err
	}
	// 3. Directories of dropped tables not yet removed.
	var dirs []string
	err = s.rtx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT path FROM garbage WHERE kind = 'd'`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p string
			if err := rows.Scan(&p); err != nil {
				return err
			}
			dirs = append(dirs, p)
		}
		return rows.Err()
	})
	if err != nil {
		return err
	}
	s.removeDirs(ctx, dirs)
	// 4. Unreferenced files: all of them when nobody else is reading.
	s.collectGarbage(ctx, sole)
	// 5. Staging directories no journal entry knows of (e.g. a staging
	// directory moved along with a renamed table).
	if sole {
		s.sweepStaging(ctx)
	}
	// 6. Lock files of dead Stores.
	s.sweepOwners(sole)
	return nil
}

// sweepOwners removes the lock files of Stores that are gone.
func (s *Store) sweepOwners(sole bool) {
	entries, err := os.ReadDir(filepath.Join(s.metaDir, "owners"))
	if err != nil {
		return
	}
	for _, e := range entries {
		owner, ok := strings.CutSuffix(e.Name(), ".lock")
		if !ok || owner == s.owner || s.wh.ownerLive(owner) {
			continue
		}
		f, err := os.OpenFile(s.ownerLockPath(owner), os.O_RDWR, 0)
		if err != nil {
			continue
		}
		if sole || tryLockExclusive(f) {
			_ = os.Remove(s.ownerLockPath(owner))
		}
		_ = f.Close()
	}
}

type writeRow struct {
	id, owner, tableID, location, staging string
	createdDir                            bool // the write created the table directory
}

// recoverDeadWrites undoes the journalled writes of Stores that are gone.
func (s *Store) recoverDeadWrites(ctx context.Context, sole bool) error {
	var ws []writeRow
	err := s.rtx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, owner, table_id, location, staging, created_dir FROM writes`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var w writeRow
			if err := rows.Scan(&w.id, &w.owner, &w.tableID, &w.location, &w.staging, &w.createdDir); err != nil {
				return err
			}
			ws = append(ws, w)
		}
		return rows.Err()
	})
	if err != nil {
		return err
	}
	dead := map[string]*os.File{}
	alive := map[string]bool{}
	defer func() {
		for owner, f := range dead {
			_ = os.Remove(s.ownerLockPath(owner))
			_ = f.Close()
		}
	}()
	for _, w := range ws {
		if alive[w.owner] {
			continue
		}
		if _, ok := dead[w.owner]; !ok {
			if w.owner == s.owner || s.wh.ownerLive(w.owner) {
				alive[w.owner] = true
				continue
			}
			f, err := os.OpenFile(s.ownerLockPath(w.owner), os.O_RDWR|os.O_CREATE, 0o644)
			if err != nil {
				alive[w.owner] = true
				continue
			}
			if !sole && !tryLockExclusive(f) {
				_ = f.Close()
				alive[w.owner] = true
				continue
			}
			dead[w.owner] = f
		}
		if err := s.undoWrite(ctx, w); err != nil {
			return err
		}
	}
	return nil
}

// undoWrite removes what an uncommitted write put on disk (files already
// moved into the table directory, its staging directory) and then its
// journal entries. Idempotent.
func (s *Store) undoWrite(ctx context.Context, w writeRow) error {
	var intents []string
	err := s.rtx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT path FROM intents WHERE write_id = ?`, w.id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p string
			if err := rows.Scan(&p); err != nil {
				return err
			}
			intents = append(intents, p)
		}
		return rows.Err()
	})
	if err != nil {
		return err
	}
	for _, p := range intents {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		removeEmptyParents(filepath.Dir(p), w.location)
	}
	if err := os.RemoveAll(w.staging); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{
			`DELETE FROM intents WHERE write_id = ?`,
			`DELETE FROM writes WHERE id = ?`,
		} {
			if _, err := tx.ExecContext(ctx, q, w.id); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE tables SET epoch = epoch + 1 WHERE id = ?`, w.tableID); err != nil {
			return err
		}
		// A CREATE TABLE AS that never committed leaves the directory it
		// created to stage in; remove it if nothing else went there.
		if w.createdDir {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM tables WHERE location = ?`, w.location).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				_ = os.Remove(w.location)
			}
		}
		return nil
	})
}

// sweepStaging removes staging directories in table directories that no
// journalled write owns. Only called when this Store is alone.
func (s *Store) sweepStaging(ctx context.Context) {
	var locs []string
	known := map[string]bool{}
	_ = s.rtx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT location FROM tables WHERE kind != ?`, int(View))
		if err != nil {
			return err
		}
		for rows.Next() {
			var l string
			if err := rows.Scan(&l); err == nil {
				locs = append(locs, l)
			}
		}
		rows.Close()
		rows, err = tx.QueryContext(ctx, `SELECT staging FROM writes`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p string
			if err := rows.Scan(&p); err == nil {
				known[p] = true
			}
		}
		return nil
	})
	for _, loc := range locs {
		entries, err := os.ReadDir(loc)
		if err != nil {
			continue
		}
		for _, e := range entries {
			p := filepath.Join(loc, e.Name())
			if e.IsDir() && strings.HasPrefix(e.Name(), stagingPrefix) && !known[p] {
				_ = os.RemoveAll(p)
			}
		}
	}
}
