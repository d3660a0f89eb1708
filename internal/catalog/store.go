package catalog

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver

	"github.com/emberdb/ember/internal/sparkerr"
)

// MetaDir is the directory under the warehouse that holds the catalog's
// metadata database and lock files. Its name starts with '_' so directory
// listings of data (Spark's hidden-file rule) never pick it up.
const MetaDir = "_ember"

// MetaFile is the metadata database's file name inside MetaDir.
const MetaFile = "catalog.db"

// DefaultGracePeriod is how long data files that a commit made unreachable
// stay on disk, so that a query that planned with the previous snapshot can
// finish reading them.
const DefaultGracePeriod = 10 * time.Minute

// schemaVersion is the version of the metadata schema below.
const schemaVersion = 1

// Options tune a Store. The zero value is the default.
type Options struct {
	// GracePeriod overrides DefaultGracePeriod; a negative value means zero
	// (unreferenced files are deleted right after the commit), for tests.
	GracePeriod time.Duration
}

// Store is the persistent session catalog of one warehouse directory. It is
// safe for concurrent use, keeps no cached state (every call reads the
// metadata database, so every Store on the same warehouse sees every
// committed change), and may be opened several times in one process.
type Store struct {
	warehouse string
	metaDir   string
	db        *sql.DB
	grace     time.Duration

	// owner identifies this Store in the writes journal; ownerLock holds an
	// exclusive flock on owners/<owner>.lock while the Store is open, so
	// another Store can tell a live writer from a crashed one.
	owner     string
	ownerLock *os.File
	whLock    *os.File // shared flock on the warehouse lock while open
	wh        *warehouseState

	stopJanitor chan struct{}
	janitorDone chan struct{}

	mu     sync.Mutex
	writes map[string]*Write // uncommitted writes begun by this Store
	closed bool
}

// warehouseState is shared by all Stores of one warehouse in this process.
type warehouseState struct {
	// ddl serializes the operations that move, create or delete directories
	// and commits (which move files), so that no two of them interleave their
	// file-system steps. Metadata transactions are serialized by SQLite.
	ddl    sync.Mutex
	owners map[string]bool // live Store owners in this process
}

var (
	warehousesMu sync.Mutex
	warehouses   = map[string]*warehouseState{}
)

func warehouseFor(path string) *warehouseState {
	warehousesMu.Lock()
	defer warehousesMu.Unlock()
	w := warehouses[path]
	if w == nil {
		w = &warehouseState{owners: map[string]bool{}}
		warehouses[path] = w
	}
	return w
}

func (w *warehouseState) ownerLive(owner string) bool {
	warehousesMu.Lock()
	defer warehousesMu.Unlock()
	return w.owners[owner]
}

// Open opens (creating on first use) the catalog of a warehouse directory.
// The metadata lives in <warehouse>/_ember/catalog.db; the database
// "default" is created on first open with the warehouse as its location.
// Open recovers from crashed writers: staging directories and half-moved
// files of writes that never committed are removed, unfinished directory
// moves are completed and files left for deletion are deleted.
func Open(warehouse string) (*Store, error) { return OpenWithOptions(warehouse, Options{}) }

// OpenWithOptions is Open with Options.
func OpenWithOptions(warehouse string, opts Options) (*Store, error) {
	abs, err := filepath.Abs(warehouse)
	if err != nil {
		return nil, fmt.Errorf("catalog: warehouse path %q: %w", warehouse, err)
	}
	abs = filepath.Clean(abs)
	s := &Store{
		warehouse: abs,
		metaDir:   filepath.Join(abs, MetaDir),
		grace:     opts.GracePeriod,
		writes:    map[string]*Write{},
		wh:        warehouseFor(abs),
	}
	if s.grace == 0 {
		s.grace = DefaultGracePeriod
	} else if s.grace < 0 {
		s.grace = 0
	}
	if err := os.MkdirAll(filepath.Join(s.metaDir, "owners"), 0o755); err != nil {
		return nil, fmt.Errorf("catalog: create %s: %w", s.metaDir, err)
	}
	ok := false
	defer func() {
		if !ok {
			s.release()
		}
	}()

	// Am I the only Store on this warehouse? Then every journalled write
	// and every file awaiting deletion belongs to a dead Store.
	s.whLock, err = os.OpenFile(filepath.Join(s.metaDir, "warehouse.lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	sole := tryLockExclusive(s.whLock) && len(s.liveOwnersInProcess()) == 0
	if !sole {
		// Wait for a sole opener to finish its recovery (it holds the lock
		// exclusively until then), so that it never sees our half-made
		// owner file.
		if err := lockShared(s.whLock); err != nil {
			return nil, fmt.Errorf("catalog: lock warehouse: %w", err)
		}
	}

	s.owner = newID()
	s.ownerLock, err = os.OpenFile(s.ownerLockPath(s.owner), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	if !tryLockExclusive(s.ownerLock) {
		return nil, fmt.Errorf("catalog: cannot lock %s", s.ownerLockPath(s.owner))
	}
	warehousesMu.Lock()
	s.wh.owners[s.owner] = true
	warehousesMu.Unlock()

	dsn := "file:" + escapeURIPath(filepath.Join(s.metaDir, MetaFile)) +
		"?_txlock=immediate&_busy_timeout=60000&_journal_mode=WAL&_synchronous=FULL&_foreign_keys=1"
	s.db, err = sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("catalog: open metadata: %w", err)
	}
	s.db.SetMaxOpenConns(8)
	s.db.SetMaxIdleConns(8)
	ctx := context.Background()
	if err := s.initSchema(ctx); err != nil {
		return nil, err
	}
	s.wh.ddl.Lock()
	err = s.recover(ctx, sole)
	s.wh.ddl.Unlock()
	if err != nil {
		return nil, err
	}
	if sole {
		// Let other Stores open; they will see us as live.
		if err := lockShared(s.whLock); err != nil {
			return nil, fmt.Errorf("catalog: lock warehouse: %w", err)
		}
	}
	s.stopJanitor = make(chan struct{})
	s.janitorDone = make(chan struct{})
	go s.janitor()
	ok = true
	return s, nil
}

func (s *Store) liveOwnersInProcess() []string {
	warehousesMu.Lock()
	defer warehousesMu.Unlock()
	var out []string
	for o := range s.wh.owners {
		if o != s.owner {
			out = append(out, o)
		}
	}
	return out
}

func (s *Store) ownerLockPath(owner string) string {
	return filepath.Join(s.metaDir, "owners", owner+".lock")
}

// Warehouse is the absolute warehouse directory.
func (s *Store) Warehouse() string { return s.warehouse }

// Close aborts the writes this Store began and did not finish, and releases
// the metadata database.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	pending := make([]*Write, 0, len(s.writes))
	for _, w := range s.writes {
		pending = append(pending, w)
	}
	s.mu.Unlock()
	var first error
	for _, w := range pending {
		if err := w.Abort(); err != nil && first == nil {
			first = err
		}
	}
	if s.stopJanitor != nil {
		close(s.stopJanitor)
		<-s.janitorDone
	}
	if err := s.release(); err != nil && first == nil {
		first = err
	}
	return first
}

func (s *Store) release() error {
	var first error
	if s.db != nil {
		first = s.db.Close() // later calls fail with "database is closed"
	}
	if s.owner != "" {
		warehousesMu.Lock()
		delete(s.wh.owners, s.owner)
		warehousesMu.Unlock()
	}
	if s.ownerLock != nil {
		_ = os.Remove(s.ownerLockPath(s.owner))
		_ = s.ownerLock.Close() // releases the flock
		s.ownerLock = nil
	}
	if s.whLock != nil {
		_ = s.whLock.Close()
		s.whLock = nil
	}
	return first
}

func (s *Store) checkOpen() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return sparkerr.Internal("catalog: store is closed")
	}
	return nil
}

// ---------------------------------------------------------------------------
// Metadata schema

var schemaDDL = []string{
	`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS databases (
		name TEXT PRIMARY KEY,
		comment TEXT NOT NULL,
		location TEXT NOT NULL,
		properties TEXT NOT NULL,
		created INTEGER NOT NULL)`,
	// One row per table or view. id names this incarnation: a table dropped
	// and created again, or replaced, gets a new id, so files and writes of
	// the old one never mix with the new one.
	`CREATE TABLE IF NOT EXISTS tables (
		id TEXT PRIMARY KEY,
		db TEXT NOT NULL REFERENCES databases(name),
		name TEXT NOT NULL,
		kind INTEGER NOT NULL,
		provider TEXT NOT NULL,
		schema TEXT NOT NULL,
		partition_columns TEXT NOT NULL,
		location TEXT NOT NULL,
		options TEXT NOT NULL,
		properties TEXT NOT NULL,
		comment TEXT NOT NULL,
		view_text TEXT NOT NULL,
		created INTEGER NOT NULL,
		version INTEGER NOT NULL,
		epoch INTEGER NOT NULL,
		UNIQUE (db, name))`,
	// The committed snapshot of managed tables: data files relative to the
	// table location, with their partition directory ("a=1/b=x").
	`CREATE TABLE IF NOT EXISTS files (
		table_id TEXT NOT NULL,
		path TEXT NOT NULL,
		partition TEXT NOT NULL,
		size INTEGER NOT NULL,
		rows INTEGER NOT NULL,
		version INTEGER NOT NULL,
		PRIMARY KEY (table_id, path))`,
	// Partitions added with ALTER TABLE ADD PARTITION that may hold no
	// file, and partitions in a custom directory (location, an absolute
	// path; '' for the default <table>/k=v directory). The location column
	// was added after the first schema version (see initSchema).
	`CREATE TABLE IF NOT EXISTS partitions (
		table_id TEXT NOT NULL,
		partition TEXT NOT NULL,
		location TEXT NOT NULL DEFAULT '',
		PRIMARY KEY (table_id, partition))`,
	// Writes in progress: their staging directory, and (intents) the final
	// absolute paths their files are being moved to. A row here at Open time
	// whose owner is dead is an uncommitted write to undo.
	`CREATE TABLE IF NOT EXISTS writes (
		id TEXT PRIMARY KEY,
		owner TEXT NOT NULL,
		table_id TEXT NOT NULL,
		location TEXT NOT NULL,
		staging TEXT NOT NULL,
		created_dir INTEGER NOT NULL,
		created INTEGER NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS intents (
		write_id TEXT NOT NULL,
		path TEXT NOT NULL,
		PRIMARY KEY (write_id, path))`,
	`CREATE INDEX IF NOT EXISTS intents_path ON intents(path)`,
	// Files (kind 'f') no snapshot references any more, deleted once
	// 'since' is older than the grace period; directories (kind 'd') of
	// dropped tables, removed right after the drop commits (or at recovery).
	`CREATE TABLE IF NOT EXISTS garbage (
		path TEXT PRIMARY KEY,
		kind TEXT NOT NULL,
		root TEXT NOT NULL,
		since INTEGER NOT NULL)`,
	// Persistent user functions (CREATE FUNCTION): the class that
	// implements them and the resources (JAR/FILE/ARCHIVE) it needs, per
	// database. Added after the first schema version; CREATE TABLE IF NOT
	// EXISTS brings older warehouses up to date.
	`CREATE TABLE IF NOT EXISTS functions (
		db TEXT NOT NULL,
		name TEXT NOT NULL,
		class_name TEXT NOT NULL,
		resources TEXT NOT NULL,
		created INTEGER NOT NULL,
		PRIMARY KEY (db, name))`,
	// Directory renames (managed tables renamed) committed in metadata but
	// maybe not yet done on disk.
	`CREATE TABLE IF NOT EXISTS moves (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		src TEXT NOT NULL,
		dst TEXT NOT NULL)`,
}

func (s *Store) initSchema(ctx context.Context) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, stmt := range schemaDDL {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("catalog: create metadata schema: %w", err)
			}
		}
		if err := addPartitionLocationColumn(ctx, tx); err != nil {
			return fmt.Errorf("catalog: upgrade metadata schema: %w", err)
		}
		var v string
		err := tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'schema_version'`).Scan(&v)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if _, err := tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES ('schema_version', ?)`, fmt.Sprint(schemaVersion)); err != nil {
				return err
			}
		case err != nil:
			return err
		case v != fmt.Sprint(schemaVersion):
			return fmt.Errorf("catalog: metadata schema version %s is not supported (want %d)", v, schemaVersion)
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM databases WHERE name = ?`, DefaultDatabase).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			_, err := tx.ExecContext(ctx, `INSERT INTO databases(name, comment, location, properties, created) VALUES (?, ?, ?, '{}', ?)`,
				DefaultDatabase, "default database", s.warehouse, time.Now().UnixMilli())
			return err
		}
		return nil
	})
}

// addPartitionLocationColumn brings a partitions table created before
// partition locations existed up to date.
func addPartitionLocationColumn(ctx context.Context, tx *sql.Tx) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info('partitions') WHERE name = 'location'`).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `ALTER TABLE partitions ADD COLUMN location TEXT NOT NULL DEFAULT ''`)
	return err
}

// tx runs fn in a write transaction (BEGIN IMMEDIATE: the write lock is
// taken up front, so concurrent writers queue instead of failing).
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	if s.db == nil {
		return sparkerr.Internal("catalog: store is closed")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("catalog: begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("catalog: commit: %w", err)
	}
	return nil
}

// rtx runs fn in a read transaction: one consistent view of the metadata.
func (s *Store) rtx(ctx context.Context, fn func(*sql.Tx) error) error {
	if s.db == nil {
		return sparkerr.Internal("catalog: store is closed")
	}
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("catalog: begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	return fn(tx)
}

// ---------------------------------------------------------------------------
// helpers

func newID() string {
	var b [12]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b[:])
}

func escapeURIPath(p string) string {
	r := strings.NewReplacer("%", "%25", "?", "%3F", "#", "%23")
	return r.Replace(filepath.ToSlash(p))
}

func encodeMap(m map[string]string) string {
	if len(m) == 0 {
		return "{}"
	}
	b, _ := json.Marshal(m) // map[string]string always encodes; keys sorted
	return string(b)
}

func decodeMap(s string) (map[string]string, error) {
	m := map[string]string{}
	if s == "" {
		return m, nil
	}
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return nil, fmt.Errorf("catalog: corrupt map %q: %w", s, err)
	}
	return m, nil
}

func copyMap(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// underDir reports whether path is dir or inside it.
func underDir(path, dir string) bool {
	return path == dir || strings.HasPrefix(path, dir+string(filepath.Separator))
}

// prefixRange gives the bounds of the paths strictly inside dir for an
// indexed range scan: path > dir+"/" AND path < dir+"0" ('0' follows '/').
func prefixRange(dir string) (string, string) {
	return dir + "/", dir + "0"
}

// syncDir fsyncs a directory so that the entries created or renamed in it
// survive a power failure.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// removeEmptyParents removes dir and its parents while they are empty,
// stopping at (and never removing) stop.
func removeEmptyParents(dir, stop string) {
	for underDir(dir, stop) && dir != stop {
		if err := os.Remove(dir); err != nil {
			return
		}
		dir = filepath.Dir(dir)
	}
}

// dirHasData reports whether path is a directory with an entry other than
// the staging directories of writes (Spark's check for a managed table's
// location is "exists and is not empty").
func dirHasData(path string) bool {
	entries, err := os.ReadDir(path)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), stagingPrefix) {
			return true
		}
	}
	return false
}

// crashHook, when set (tests only), is called at named points of a commit
// and other multi-step operations; the crash tests make it kill the process.
var crashHook func(point string)

func crashPoint(point string) {
	if crashHook != nil {
		crashHook(point)
	}
}
