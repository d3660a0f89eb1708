package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// TableKind is Spark's CatalogTableType.
type TableKind int

const (
	// Managed tables own their data: it lives in <database location>/<name>
	// and is deleted with the table.
	Managed TableKind = iota
	// External tables point at a user directory; dropping one keeps the data.
	External
	// View is a persistent view: its SQL text and output schema.
	View
)

// String is the name Spark shows (DESCRIBE EXTENDED "Type", error params).
func (k TableKind) String() string {
	switch k {
	case Managed:
		return "MANAGED"
	case External:
		return "EXTERNAL"
	case View:
		return "VIEW"
	}
	return fmt.Sprintf("TableKind(%d)", int(k))
}

// Table is a table or view of the session catalog.
type Table struct {
	Database string // stored lower-case
	Name     string // stored lower-case
	Kind     TableKind
	// Provider is the data source: parquet, csv, json, text, orc ... ("" for views).
	Provider string
	// Schema lists the data columns, then the partition columns in
	// PartitionColumns order, as Spark orders them. For views it is the
	// view's output schema.
	Schema           types.Struct
	PartitionColumns []string // names as spelled in Schema
	// Location is the table directory (absolute path): for managed tables
	// <database location>/<name>, for external ones the user's path; "" for
	// views.
	Location   string
	Options    map[string]string // data source options (OPTIONS (...))
	Properties map[string]string // TBLPROPERTIES
	Comment    string
	ViewText   string // views: the SQL text of the view
	Created    time.Time

	// Filled in by the Store; ignored by CreateTable and AlterTable.
	ID      string // identity of this incarnation of the table
	Version int64  // number of the current snapshot (0: no commit yet)
	Stats   Stats
}

// Stats are what the catalog knows of a table's data. For managed tables
// they come from the committed snapshot; for external tables (whose files
// may change behind the catalog's back) they are unknown.
type Stats struct {
	Known       bool
	NumFiles    int64
	SizeInBytes int64
	NumRows     int64 // -1 when some file's row count is unknown
}

// QualifiedName is `spark_catalog`.`db`.`name`.
func (t *Table) QualifiedName() string { return quote(SessionCatalogName, t.Database, t.Name) }

// IsPartitioned reports whether the table has partition columns.
func (t *Table) IsPartitioned() bool { return len(t.PartitionColumns) > 0 }

// DataColumns are the schema's fields that are not partition columns.
func (t *Table) DataColumns() []types.Field {
	var out []types.Field
	for _, f := range t.Schema.Fields {
		if !t.isPartitionColumn(f.Name) {
			out = append(out, f)
		}
	}
	return out
}

func (t *Table) isPartitionColumn(name string) bool {
	for _, c := range t.PartitionColumns {
		if strings.EqualFold(c, name) {
			return true
		}
	}
	return false
}

// ColumnsAddedProperty is the hidden table property ALTER TABLE ADD
// COLUMNS sets: files written before it may lack some columns, which
// readers must fill with nulls.
const ColumnsAddedProperty = "ember.columnsAdded"

// AddColumns appends columns after the existing data columns (before the
// partition columns), as ALTER TABLE ADD COLUMNS does. Errors:
// COLUMN_ALREADY_EXISTS (names compare case-insensitively).
func (t *Table) AddColumns(fields ...types.Field) error {
	seen := map[string]bool{}
	for _, f := range t.Schema.Fields {
		seen[strings.ToLower(f.Name)] = true
	}
	for _, f := range fields {
		if seen[strings.ToLower(f.Name)] {
			return errColumnExists(f.Name)
		}
		seen[strings.ToLower(f.Name)] = true
	}
	data := t.DataColumns()
	var parts []types.Field
	for _, f := range t.Schema.Fields {
		if t.isPartitionColumn(f.Name) {
			parts = append(parts, f)
		}
	}
	out := append(append(append([]types.Field{}, data...), fields...), parts...)
	t.Schema = types.Struct{Fields: out}
	return nil
}

// SetProperties sets TBLPROPERTIES.
func (t *Table) SetProperties(props map[string]string) {
	if t.Properties == nil {
		t.Properties = map[string]string{}
	}
	for k, v := range props {
		t.Properties[k] = v
	}
}

// UnsetProperties removes TBLPROPERTIES; missing keys are ignored, as in
// Spark 4.
func (t *Table) UnsetProperties(keys ...string) {
	for _, k := range keys {
		delete(t.Properties, k)
	}
}

func (t *Table) clone() *Table {
	c := *t
	c.Schema = types.Struct{Fields: append([]types.Field(nil), t.Schema.Fields...)}
	c.PartitionColumns = append([]string(nil), t.PartitionColumns...)
	c.Options = copyMap(t.Options)
	c.Properties = copyMap(t.Properties)
	return &c
}

// ---------------------------------------------------------------------------
// reading

const tableColumns = `t.id, t.db, t.name, t.kind, t.provider, t.schema, t.partition_columns, t.location,
	t.options, t.properties, t.comment, t.view_text, t.created, t.version,
	(SELECT count(*) FROM files f WHERE f.table_id = t.id),
	(SELECT coalesce(sum(size), 0) FROM files f WHERE f.table_id = t.id),
	(SELECT coalesce(min(rows), 0) FROM files f WHERE f.table_id = t.id),
	(SELECT coalesce(sum(rows), 0) FROM files f WHERE f.table_id = t.id),
	(SELECT count(*) FROM partitions p WHERE p.table_id = t.id AND p.location <> '')`

func scanTable(r scanner) (*Table, error) {
	var t Table
	var kind int
	var schema, pcols, opts, props string
	var created, minRows, sumRows, located int64
	if err := r.Scan(&t.ID, &t.Database, &t.Name, &kind, &t.Provider, &schema, &pcols, &t.Location,
		&opts, &props, &t.Comment, &t.ViewText, &created, &t.Version,
		&t.Stats.NumFiles, &t.Stats.SizeInBytes, &minRows, &sumRows, &located); err != nil {
		return nil, err
	}
	t.Kind = TableKind(kind)
	dt, err := types.ParseJSON(schema)
	if err != nil {
		return nil, fmt.Errorf("catalog: table %s.%s: %w", t.Database, t.Name, err)
	}
	st, ok := dt.(types.Struct)
	if !ok {
		return nil, fmt.Errorf("catalog: table %s.%s: schema is not a struct", t.Database, t.Name)
	}
	t.Schema = st
	if err := json.Unmarshal([]byte(pcols), &t.PartitionColumns); err != nil {
		return nil, fmt.Errorf("catalog: table %s.%s: partition columns: %w", t.Database, t.Name, err)
	}
	if t.Options, err = decodeMap(opts); err != nil {
		return nil, err
	}
	if t.Properties, err = decodeMap(props); err != nil {
		return nil, err
	}
	t.Created = time.UnixMilli(created)
	if t.Kind == Managed && located == 0 {
		// (Partitions in custom directories are listed at read time, as
		// external tables are: their size is not known.)
		t.Stats.Known = true
		t.Stats.NumRows = sumRows
		if minRows < 0 {
			t.Stats.NumRows = -1
		}
	} else {
		t.Stats = Stats{}
	}
	return &t, nil
}

// lookupTable returns the table or nil.
func lookupTable(ctx context.Context, tx *sql.Tx, db, name string) (*Table, error) {
	row := tx.QueryRowContext(ctx, `SELECT `+tableColumns+` FROM tables t WHERE t.db = ? AND t.name = ?`, db, name)
	t, err := scanTable(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return t, err
}

func lookupTableByID(ctx context.Context, tx *sql.Tx, id string) (*Table, error) {
	row := tx.QueryRowContext(ctx, `SELECT `+tableColumns+` FROM tables t WHERE t.id = ?`, id)
	t, err := scanTable(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return t, err
}

// getTable returns the table or TABLE_OR_VIEW_NOT_FOUND (SCHEMA_NOT_FOUND
// when the database is missing is not distinguished, as in Spark, where a
// table in a missing database is simply not found).
func getTable(ctx context.Context, tx *sql.Tx, db, name string) (*Table, error) {
	t, err := lookupTable(ctx, tx, db, name)
	if err != nil {
		return nil, err
	}
	if t == nil {
		return nil, ErrTableNotFound(db, name)
	}
	return t, nil
}

// GetTable returns a table or view. Errors: TABLE_OR_VIEW_NOT_FOUND.
func (s *Store) GetTable(ctx context.Context, db, name string) (*Table, error) {
	var t *Table
	err := s.rtx(ctx, func(tx *sql.Tx) error {
		var err error
		t, err = getTable(ctx, tx, Normalize(db), Normalize(name))
		return err
	})
	return t, err
}

// TableExists reports whether a table or view exists.
func (s *Store) TableExists(ctx context.Context, db, name string) (bool, error) {
	var found bool
	err := s.rtx(ctx, func(tx *sql.Tx) error {
		var n int
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM tables WHERE db = ? AND name = ?`, Normalize(db), Normalize(name)).Scan(&n)
		found = n > 0
		return err
	})
	return found, err
}

// ListTables lists the tables and views of a database whose name matches a
// SHOW TABLES LIKE pattern ("" for all), sorted by name. Errors:
// SCHEMA_NOT_FOUND.
func (s *Store) ListTables(ctx context.Context, db, pattern string) ([]Table, error) {
	var out []Table
	err := s.rtx(ctx, func(tx *sql.Tx) error {
		db := Normalize(db)
		if _, err := getDatabase(ctx, tx, db); err != nil {
			return err
		}
		var err error
		out, err = listTables(ctx, tx, db, pattern)
		return err
	})
	return out, err
}

func listTables(ctx context.Context, tx *sql.Tx, db, pattern string) ([]Table, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+tableColumns+` FROM tables t WHERE t.db = ? ORDER BY t.name`, db)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Table
	for rows.Next() {
		t, err := scanTable(rows)
		if err != nil {
			return nil, err
		}
		if MatchPattern(pattern, t.Name) {
			out = append(out, *t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, rows.Err()
}

// ---------------------------------------------------------------------------
// creating

// prepare validates and normalizes a table definition for storage. db is
// the table's database (its location gives managed tables theirs).
func (s *Store) prepare(t Table, db *Database) (*Table, error) {
	n := t.clone()
	n.Database = db.Name
	n.Name = Normalize(t.Name)
	if !ValidName(t.Name) {
		return nil, errInvalidName(t.Name)
	}
	seen := map[string]bool{}
	for _, f := range n.Schema.Fields {
		k := strings.ToLower(f.Name)
		if seen[k] {
			return nil, errColumnExists(f.Name)
		}
		seen[k] = true
	}
	switch n.Kind {
	case Managed:
		n.Location = filepath.Join(db.Location, n.Name)
	case External:
		loc, err := s.absLocation(n.Location)
		if err != nil {
			return nil, err
		}
		n.Location = loc
	case View:
		n.Location = ""
		n.Provider = ""
		if len(n.PartitionColumns) > 0 {
			return nil, sparkerr.Internal("catalog: a view cannot have partition columns")
		}
	default:
		return nil, sparkerr.Internal("catalog: unknown table kind %d", int(n.Kind))
	}
	// Partition columns take the schema's spelling and go last, in
	// PARTITIONED BY order.
	if len(n.PartitionColumns) > 0 {
		byName := map[string]types.Field{}
		for _, f := range n.Schema.Fields {
			byName[strings.ToLower(f.Name)] = f
		}
		var parts []types.Field
		pseen := map[string]bool{}
		for i, c := range n.PartitionColumns {
			f, ok := byName[strings.ToLower(c)]
			if !ok {
				return nil, errPartitionColumnNotDefined(n.Database, t.Name, c, n.Schema.Names())
			}
			if pseen[strings.ToLower(c)] {
				return nil, errColumnExists(c)
			}
			pseen[strings.ToLower(c)] = true
			n.PartitionColumns[i] = f.Name
			parts = append(parts, f)
		}
		n.Schema = types.Struct{Fields: append(n.DataColumns(), parts...)}
	}
	if n.Created.IsZero() {
		n.Created = time.Now()
	}
	n.ID = newID()
	n.Version = 0
	n.Stats = Stats{}
	return n, nil
}

func insertTable(ctx context.Context, tx *sql.Tx, t *Table) error {
	pcols, _ := json.Marshal(t.PartitionColumns)
	if t.PartitionColumns == nil {
		pcols = []byte("[]")
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO tables(id, db, name, kind, provider, schema, partition_columns, location,
		options, properties, comment, view_text, created, version, epoch)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
		t.ID, t.Database, t.Name, int(t.Kind), t.Provider, types.ToJSON(t.Schema), string(pcols), t.Location,
		encodeMap(t.Options), encodeMap(t.Properties), t.Comment, t.ViewText, t.Created.UnixMilli(), t.Version)
	return err
}

// CreateTable creates a table or view. With ifNotExists an existing object
// of that name is left alone; with orReplace it is replaced in the same
// metadata transaction (readers see the old or the new object, never
// neither), its data files, if it was managed, are deleted after the grace
// period. A managed table's directory is created. Errors: SCHEMA_NOT_FOUND,
// INVALID_SCHEMA_OR_RELATION_NAME, COLUMN_ALREADY_EXISTS,
// COLUMN_NOT_DEFINED_IN_TABLE (partition column), TABLE_OR_VIEW_ALREADY_EXISTS,
// LOCATION_ALREADY_EXISTS (managed table whose directory is not empty),
// EXPECT_VIEW_NOT_TABLE (replacing a table by a view).
func (s *Store) CreateTable(ctx context.Context, t Table, ifNotExists, orReplace bool) error {
	if err := s.checkOpen(); err != nil {
		return err
	}
	s.wh.ddl.Lock()
	defer s.wh.ddl.Unlock()
	var created *Table
	var dirs []string
	err := s.tx(ctx, func(tx *sql.Tx) error {
		n, old, err := s.createTx(ctx, tx, t, ifNotExists, orReplace)
		if err != nil || n == nil {
			return err
		}
		if old != nil {
			dir, err := s.replaceTx(ctx, tx, old, n)
			if err != nil {
				return err
			}
			if dir != "" {
				dirs = append(dirs, dir)
			}
		}
		created = n
		return insertTable(ctx, tx, n)
	})
	if err != nil || created == nil {
		return err
	}
	s.removeDirs(ctx, dirs)
	if created.Kind == Managed {
		if err := os.MkdirAll(created.Location, 0o755); err != nil {
			return fmt.Errorf("catalog: create table directory: %w", err)
		}
	}
	s.collectGarbage(ctx, false)
	return nil
}

// createTx checks that t can be created. It returns the prepared table and
// the table it replaces (nil if none), or nil, nil when ifNotExists finds
// an existing object.
func (s *Store) createTx(ctx context.Context, tx *sql.Tx, t Table, ifNotExists, orReplace bool) (*Table, *Table, error) {
	return s.createTxID(ctx, tx, t, ifNotExists, orReplace, "")
}

// createTxWithID is createTx at the commit of BeginCreateTable: the table
// keeps the id its write was journalled under, and its directory (which
// holds the staged files) is not checked again.
func (s *Store) createTxWithID(ctx context.Context, tx *sql.Tx, t Table, orReplace bool, id string) (*Table, *Table, error) {
	return s.createTxID(ctx, tx, t, false, orReplace, id)
}

func (s *Store) createTxID(ctx context.Context, tx *sql.Tx, t Table, ifNotExists, orReplace bool, id string) (*Table, *Table, error) {
	dbName := Normalize(t.Database)
	if dbName == "" {
		dbName = DefaultDatabase
	}
	db, err := getDatabase(ctx, tx, dbName)
	if err != nil {
		return nil, nil, err
	}
	n, err := s.prepare(t, db)
	if err != nil {
		return nil, nil, err
	}
	if id != "" {
		n.ID = id
		n.Location = t.Location // where the write staged its files
	}
	old, err := lookupTable(ctx, tx, n.Database, n.Name)
	if err != nil {
		return nil, nil, err
	}
	if old != nil {
		if ifNotExists {
			return nil, nil, nil
		}
		if !orReplace {
			return nil, nil, ErrTableAlreadyExists(n.Database, t.Name)
		}
		if n.Kind == View && old.Kind != View {
			return nil, nil, ErrExpectViewNotTable(n.Database, n.Name, "CREATE OR REPLACE VIEW")
		}
	}
	if n.Kind == Managed && id == "" && !(old != nil && old.Kind == Managed && old.Location == n.Location) {
		if dirHasData(n.Location) {
			return nil, nil, errLocationExists(n.Database, n.Name, n.Location)
		}
	}
	return n, old, nil
}

// replaceTx removes old (replaced by n) from the metadata. Files of a
// managed table that stays in the same directory become garbage (deleted
// after the grace period); a managed directory no longer used is returned
// for removal after the commit.
func (s *Store) replaceTx(ctx context.Context, tx *sql.Tx, old, n *Table) (string, error) {
	if old.Kind == Managed && n.Kind == Managed && old.Location == n.Location {
		if err := garbageFiles(ctx, tx, old, nil, time.Now()); err != nil {
			return "", err
		}
		return "", deleteTableRows(ctx, tx, old.ID)
	}
	return s.dropTableTx(ctx, tx, old)
}

func deleteTableRows(ctx context.Context, tx *sql.Tx, id string) error {
	for _, q := range []string{
		`DELETE FROM files WHERE table_id = ?`,
		`DELETE FROM partitions WHERE table_id = ?`,
		`DELETE FROM tables WHERE id = ?`,
	} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return err
		}
	}
	return nil
}

// dropTableTx removes t from the metadata; for a managed table it returns
// its directory, recorded as garbage, for removal after the commit.
func (s *Store) dropTableTx(ctx context.Context, tx *sql.Tx, t *Table) (string, error) {
	if err := deleteTableRows(ctx, tx, t.ID); err != nil {
		return "", err
	}
	if t.Kind != Managed {
		return "", nil
	}
	if err := addGarbage(ctx, tx, t.Location, "d", t.Location, time.Now()); err != nil {
		return "", err
	}
	return t.Location, nil
}

// ---------------------------------------------------------------------------
// dropping, renaming, altering

// DropTable drops a table or a view (DROP TABLE accepts both, as in
// Spark). A managed table's directory is deleted once the drop has
// committed; an external table's data is kept. Errors:
// TABLE_OR_VIEW_NOT_FOUND (unless ifExists).
func (s *Store) DropTable(ctx context.Context, db, name string, ifExists bool) error {
	return s.drop(ctx, db, name, ifExists, false)
}

// DropView drops a view. Errors: TABLE_OR_VIEW_NOT_FOUND (unless
// ifExists), WRONG_COMMAND_FOR_OBJECT_TYPE when name is a table.
func (s *Store) DropView(ctx context.Context, db, name string, ifExists bool) error {
	return s.drop(ctx, db, name, ifExists, true)
}

func (s *Store) drop(ctx context.Context, db, name string, ifExists, viewOnly bool) error {
	if err := s.checkOpen(); err != nil {
		return err
	}
	db, name = Normalize(db), Normalize(name)
	s.wh.ddl.Lock()
	defer s.wh.ddl.Unlock()
	var dir string
	var partDirs []string
	err := s.tx(ctx, func(tx *sql.Tx) error {
		t, err := lookupTable(ctx, tx, db, name)
		if err != nil {
			return err
		}
		if t == nil {
			if ifExists {
				return nil
			}
			return ErrTableNotFound(db, name)
		}
		if viewOnly && t.Kind != View {
			return errDropViewOnTable(db, name, t.Kind)
		}
		partDirs = nil
		if t.Kind == Managed {
			// Spark deletes the custom directories of a managed table's
			// partitions with it (DROP TABLE only, not DROP DATABASE
			// CASCADE).
			locs, err := partitionLocations(ctx, tx, t.ID)
			if err != nil {
				return err
			}
			for _, loc := range locs {
				if err := addGarbage(ctx, tx, loc, "d", loc, time.Now()); err != nil {
					return err
				}
				partDirs = append(partDirs, loc)
			}
		}
		dir, err = s.dropTableTx(ctx, tx, t)
		return err
	})
	if err != nil {
		return err
	}
	crashPoint("drop-committed")
	if dir != "" {
		s.removeDirs(ctx, append([]string{dir}, partDirs...))
	}
	return nil
}

// RenameTable renames a table or view within its database (newDB "" or
// equal to db). A managed table's directory moves to the new name, as in
// Spark. Errors: TABLE_OR_VIEW_NOT_FOUND, TABLE_OR_VIEW_ALREADY_EXISTS,
// INVALID_SCHEMA_OR_RELATION_NAME, _LEGACY_ERROR_TEMP_1073 (another
// database), LOCATION_ALREADY_EXISTS (the new directory exists).
func (s *Store) RenameTable(ctx context.Context, db, name, newDB, newName string) error {
	if err := s.checkOpen(); err != nil {
		return err
	}
	db, name = Normalize(db), Normalize(name)
	if newDB != "" && Normalize(newDB) != db {
		return errRenameAcrossDatabases(db, Normalize(newDB))
	}
	if !ValidName(newName) {
		return errInvalidName(newName)
	}
	to := Normalize(newName)
	s.wh.ddl.Lock()
	defer s.wh.ddl.Unlock()
	if err := s.recoverDeadWrites(ctx, false); err != nil {
		return err
	}
	var move *dirMove
	err := s.tx(ctx, func(tx *sql.Tx) error {
		t, err := getTable(ctx, tx, db, name)
		if err != nil {
			return err
		}
		if other, err := lookupTable(ctx, tx, db, to); err != nil {
			return err
		} else if other != nil {
			return errRenameTargetExists(db, to)
		}
		loc := t.Location
		if t.Kind == Managed {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM writes WHERE table_id = ?`, t.ID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return sparkerr.Unsupported("renaming table " + t.QualifiedName() + " while a write to it is in progress")
			}
			d, err := getDatabase(ctx, tx, db)
			if err != nil {
				return err
			}
			loc = filepath.Join(d.Location, to)
			if _, err := os.Stat(loc); err == nil {
				return errLocationExists(db, to, loc)
			}
			if _, err := os.Stat(t.Location); err == nil {
				move = &dirMove{src: t.Location, dst: loc}
				res, err := tx.ExecContext(ctx, `INSERT INTO moves(src, dst) VALUES (?, ?)`, move.src, move.dst)
				if err != nil {
					return err
				}
				if move.id, err = res.LastInsertId(); err != nil {
					return err
				}
				lo, hi := prefixRange(t.Location)
				if _, err := tx.ExecContext(ctx, `UPDATE garbage SET path = ? || substr(path, length(?) + 1), root = ?
					WHERE path > ? AND path < ?`, loc, t.Location, loc, lo, hi); err != nil {
					return err
				}
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE tables SET name = ?, location = ? WHERE id = ?`, to, loc, t.ID)
		return err
	})
	if err != nil {
		return err
	}
	crashPoint("rename-committed")
	if move != nil {
		return s.finishMove(ctx, *move)
	}
	return nil
}

// AlterTable changes a table or view in one metadata transaction: fn gets
// a copy of the current definition and edits it (columns, properties,
// options, comment, view text and schema, an external table's location).
// Name, database, kind and a managed table's location cannot change here
// (RenameTable renames). Errors: TABLE_OR_VIEW_NOT_FOUND, what fn returns,
// COLUMN_ALREADY_EXISTS, COLUMN_NOT_DEFINED_IN_TABLE.
func (s *Store) AlterTable(ctx context.Context, db, name string, fn func(*Table) error) error {
	if err := s.checkOpen(); err != nil {
		return err
	}
	db, name = Normalize(db), Normalize(name)
	return s.tx(ctx, func(tx *sql.Tx) error {
		t, err := getTable(ctx, tx, db, name)
		if err != nil {
			return err
		}
		c := t.clone()
		if err := fn(c); err != nil {
			return err
		}
		if Normalize(c.Database) != t.Database || Normalize(c.Name) != t.Name || c.Kind != t.Kind || c.ID != t.ID {
			return sparkerr.Internal("catalog: AlterTable cannot change the name, database or kind of %s", t.QualifiedName())
		}
		switch t.Kind {
		case External:
			if c.Location, err = s.absLocation(c.Location); err != nil {
				return err
			}
		default:
			if c.Location != t.Location {
				return sparkerr.Internal("catalog: AlterTable cannot move %s table %s", strings.ToLower(t.Kind.String()), t.QualifiedName())
			}
		}
		seen := map[string]bool{}
		for _, f := range c.Schema.Fields {
			k := strings.ToLower(f.Name)
			if seen[k] {
				return errColumnExists(f.Name)
			}
			seen[k] = true
		}
		for _, p := range c.PartitionColumns {
			if !seen[strings.ToLower(p)] {
				return errPartitionColumnNotDefined(db, name, p, c.Schema.Names())
			}
		}
		if !equalFoldSlices(c.PartitionColumns, t.PartitionColumns) {
			return sparkerr.Internal("catalog: AlterTable cannot change the partition columns of %s", t.QualifiedName())
		}
		_, err = tx.ExecContext(ctx, `UPDATE tables SET provider = ?, schema = ?, location = ?, options = ?, properties = ?,
			comment = ?, view_text = ? WHERE id = ?`,
			c.Provider, types.ToJSON(c.Schema), c.Location, encodeMap(c.Options), encodeMap(c.Properties),
			c.Comment, c.ViewText, t.ID)
		return err
	})
}

func equalFoldSlices(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !strings.EqualFold(a[i], b[i]) {
			return false
		}
	}
	return true
}

// isClass reports whether err is a Spark error of the given class.
func isClass(err error, class string) bool {
	se, ok := sparkerr.As(err)
	return ok && se.Class == class
}

// stripFileScheme turns file:/a, file:///a into /a.
func stripFileScheme(loc string) string {
	if rest, ok := strings.CutPrefix(loc, "file://"); ok {
		return rest
	}
	if rest, ok := strings.CutPrefix(loc, "file:"); ok {
		return rest
	}
	return loc
}
