package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/emberdb/ember/internal/sparkerr"
)

// Database is a namespace of the session catalog (Spark's database/schema).
type Database struct {
	Name       string // stored lower-case
	Comment    string
	Location   string // absolute directory; managed tables live in <Location>/<table>
	Properties map[string]string
	Created    time.Time
}

// DefaultDatabaseLocation is where Spark puts a database created without
// LOCATION: <warehouse>/<name>.db ("default" is the warehouse itself).
func (s *Store) DefaultDatabaseLocation(name string) string {
	name = Normalize(name)
	if name == DefaultDatabase {
		return s.warehouse
	}
	return filepath.Join(s.warehouse, name+".db")
}

// CreateDatabase creates a database. Errors: INVALID_SCHEMA_OR_RELATION_NAME,
// SCHEMA_ALREADY_EXISTS (unless ifNotExists).
func (s *Store) CreateDatabase(ctx context.Context, d Database, ifNotExists bool) error {
	if err := s.checkOpen(); err != nil {
		return err
	}
	if !ValidName(d.Name) {
		return errInvalidName(d.Name)
	}
	name := Normalize(d.Name)
	loc := d.Location
	if loc == "" {
		loc = s.DefaultDatabaseLocation(name)
	} else {
		var err error
		if loc, err = s.absLocation(loc); err != nil {
			return err
		}
	}
	created := d.Created
	if created.IsZero() {
		created = time.Now()
	}
	s.wh.ddl.Lock()
	defer s.wh.ddl.Unlock()
	exists := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM databases WHERE name = ?`, name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			exists = true
			if ifNotExists {
				return nil
			}
			return ErrSchemaAlreadyExists(name)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO databases(name, comment, location, properties, created) VALUES (?, ?, ?, ?, ?)`,
			name, d.Comment, loc, encodeMap(d.Properties), created.UnixMilli())
		return err
	})
	if err != nil || exists {
		return err
	}
	if err := os.MkdirAll(loc, 0o755); err != nil {
		return fmt.Errorf("catalog: create database directory: %w", err)
	}
	return nil
}

// absLocation turns a user-given location (a path or a file: URI) into an
// absolute path.
func (s *Store) absLocation(loc string) (string, error) {
	loc = stripFileScheme(loc)
	if loc == "" {
		return "", sparkerr.Newf("INVALID_EMPTY_LOCATION", "location", loc)
	}
	if !filepath.IsAbs(loc) {
		abs, err := filepath.Abs(loc)
		if err != nil {
			return "", err
		}
		loc = abs
	}
	return filepath.Clean(loc), nil
}

// GetDatabase returns a database. Errors: SCHEMA_NOT_FOUND.
func (s *Store) GetDatabase(ctx context.Context, name string) (*Database, error) {
	var d *Database
	err := s.rtx(ctx, func(tx *sql.Tx) error {
		var err error
		d, err = getDatabase(ctx, tx, Normalize(name))
		return err
	})
	return d, err
}

// DatabaseExists reports whether a database exists.
func (s *Store) DatabaseExists(ctx context.Context, name string) (bool, error) {
	_, err := s.GetDatabase(ctx, name)
	if err == nil {
		return true, nil
	}
	if isClass(err, "SCHEMA_NOT_FOUND") {
		return false, nil
	}
	return false, err
}

func getDatabase(ctx context.Context, tx *sql.Tx, name string) (*Database, error) {
	row := tx.QueryRowContext(ctx, `SELECT name, comment, location, properties, created FROM databases WHERE name = ?`, name)
	d, err := scanDatabase(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrSchemaNotFound(name)
	}
	return d, err
}

type scanner interface{ Scan(dest ...any) error }

func scanDatabase(r scanner) (*Database, error) {
	var d Database
	var props string
	var created int64
	if err := r.Scan(&d.Name, &d.Comment, &d.Location, &props, &created); err != nil {
		return nil, err
	}
	var err error
	if d.Properties, err = decodeMap(props); err != nil {
		return nil, err
	}
	d.Created = time.UnixMilli(created)
	return &d, nil
}

// ListDatabases lists databases whose name matches a SHOW DATABASES LIKE
// pattern ("" for all), sorted by name.
func (s *Store) ListDatabases(ctx context.Context, pattern string) ([]Database, error) {
	var out []Database
	err := s.rtx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT name, comment, location, properties, created FROM databases ORDER BY name`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			d, err := scanDatabase(rows)
			if err != nil {
				return err
			}
			if MatchPattern(pattern, d.Name) {
				out = append(out, *d)
			}
		}
		return rows.Err()
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, err
}

// AlterDatabase merges props into the database's properties and, when
// location is not "", sets its location (used for tables created later;
// existing tables keep theirs, as in Spark). Errors: SCHEMA_NOT_FOUND.
func (s *Store) AlterDatabase(ctx context.Context, name string, props map[string]string, location string) error {
	name = Normalize(name)
	if location != "" {
		var err error
		if location, err = s.absLocation(location); err != nil {
			return err
		}
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		d, err := getDatabase(ctx, tx, name)
		if err != nil {
			return err
		}
		for k, v := range props {
			d.Properties[k] = v
		}
		if location != "" {
			d.Location = location
		}
		_, err = tx.ExecContext(ctx, `UPDATE databases SET properties = ?, location = ? WHERE name = ?`, encodeMap(d.Properties), d.Location, name)
		return err
	})
}

// DropDatabase drops a database. With cascade its tables and views are
// dropped too (managed tables' data is deleted). Errors: SCHEMA_NOT_FOUND
// (unless ifExists), SCHEMA_NOT_EMPTY (without cascade),
// UNSUPPORTED_FEATURE.DROP_DATABASE for "default".
func (s *Store) DropDatabase(ctx context.Context, name string, ifExists, cascade bool) error {
	if err := s.checkOpen(); err != nil {
		return err
	}
	name = Normalize(name)
	if name == DefaultDatabase {
		return errCannotDropDefault()
	}
	s.wh.ddl.Lock()
	defer s.wh.ddl.Unlock()
	var dirs []string
	removeIfEmpty := ""
	err := s.tx(ctx, func(tx *sql.Tx) error {
		d, err := getDatabase(ctx, tx, name)
		if err != nil {
			if ifExists && isClass(err, "SCHEMA_NOT_FOUND") {
				return nil
			}
			return err
		}
		tables, err := listTables(ctx, tx, name, "")
		if err != nil {
			return err
		}
		fns, err := listFunctions(ctx, tx, name, "")
		if err != nil {
			return err
		}
		if (len(tables) > 0 || len(fns) > 0) && !cascade {
			return ErrSchemaNotEmpty(name)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM functions WHERE db = ?`, name); err != nil {
			return err
		}
		for i := range tables {
			dir, err := s.dropTableTx(ctx, tx, &tables[i])
			if err != nil {
				return err
			}
			if dir != "" {
				dirs = append(dirs, dir)
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM databases WHERE name = ?`, name); err != nil {
			return err
		}
		// The database directory goes too when it is the default one, which
		// the catalog made; a user-given LOCATION is only removed if empty.
		if d.Location == s.DefaultDatabaseLocation(name) {
			if err := addGarbage(ctx, tx, d.Location, "d", d.Location, time.Now()); err != nil {
				return err
			}
			dirs = append(dirs, d.Location)
		} else {
			removeIfEmpty = d.Location
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.removeDirs(ctx, dirs)
	if removeIfEmpty != "" {
		_ = os.Remove(removeIfEmpty)
	}
	return nil
}
