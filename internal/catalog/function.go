package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/emberdb/ember/internal/sparkerr"
)

// FunctionResource is one USING clause entry of CREATE FUNCTION: a JAR,
// FILE or ARCHIVE the function's class needs.
type FunctionResource struct {
	Type string `json:"type"` // "jar", "file" or "archive"
	URI  string `json:"uri"`
}

// Function is a persistent user function of a database (Spark's
// CatalogFunction). Ember records its metadata only: it cannot load the
// JVM class that implements it.
type Function struct {
	Database  string // stored lower-case
	Name      string // stored lower-case
	ClassName string
	Resources []FunctionResource
	Created   time.Time
}

// ErrRoutineAlreadyExists: ROUTINE_ALREADY_EXISTS as CREATE FUNCTION raises
// it for an existing persistent function: `db`.`name`.
func ErrRoutineAlreadyExists(db, name string) *sparkerr.Error {
	return sparkerr.Newf("ROUTINE_ALREADY_EXISTS",
		"routineName", quote(db, name),
		"newRoutineType", "routine", "existingRoutineType", "routine")
}

// ErrRoutineNotFound: ROUTINE_NOT_FOUND as DROP FUNCTION raises it:
// `db`.`name`.
func ErrRoutineNotFound(db, name string) *sparkerr.Error {
	return sparkerr.Newf("ROUTINE_NOT_FOUND", "routineName", quote(db, name))
}

// CreateFunction records a persistent function. With orReplace an existing
// function is replaced; with ifNotExists it is kept. Errors:
// SCHEMA_NOT_FOUND, ROUTINE_ALREADY_EXISTS.
func (s *Store) CreateFunction(ctx context.Context, f Function, ifNotExists, orReplace bool) error {
	if err := s.checkOpen(); err != nil {
		return err
	}
	db, name := Normalize(f.Database), Normalize(f.Name)
	res, err := json.Marshal(f.Resources)
	if err != nil {
		return fmt.Errorf("catalog: encode function resources: %w", err)
	}
	created := f.Created
	if created.IsZero() {
		created = time.Now()
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := getDatabase(ctx, tx, db); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM functions WHERE db = ? AND name = ?`, db, name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			switch {
			case orReplace:
				if _, err := tx.ExecContext(ctx, `DELETE FROM functions WHERE db = ? AND name = ?`, db, name); err != nil {
					return err
				}
			case ifNotExists:
				return nil
			default:
				return ErrRoutineAlreadyExists(db, name)
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO functions(db, name, class_name, resources, created) VALUES (?, ?, ?, ?, ?)`,
			db, name, f.ClassName, string(res), created.UnixMilli())
		return err
	})
}

// GetFunction returns a persistent function. Errors: SCHEMA_NOT_FOUND,
// ROUTINE_NOT_FOUND.
func (s *Store) GetFunction(ctx context.Context, db, name string) (*Function, error) {
	db, name = Normalize(db), Normalize(name)
	var f *Function
	err := s.rtx(ctx, func(tx *sql.Tx) error {
		if _, err := getDatabase(ctx, tx, db); err != nil {
			return err
		}
		row := tx.QueryRowContext(ctx, `SELECT db, name, class_name, resources, created FROM functions WHERE db = ? AND name = ?`, db, name)
		var err error
		f, err = scanFunction(row)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrRoutineNotFound(db, name)
		}
		return err
	})
	return f, err
}

// ListFunctions lists the persistent functions of a database whose names
// match a SHOW ... LIKE pattern (MatchPattern), sorted by name. Errors:
// SCHEMA_NOT_FOUND.
func (s *Store) ListFunctions(ctx context.Context, db, pattern string) ([]Function, error) {
	db = Normalize(db)
	var out []Function
	err := s.rtx(ctx, func(tx *sql.Tx) error {
		if _, err := getDatabase(ctx, tx, db); err != nil {
			return err
		}
		var err error
		out, err = listFunctions(ctx, tx, db, pattern)
		return err
	})
	return out, err
}

func listFunctions(ctx context.Context, tx *sql.Tx, db, pattern string) ([]Function, error) {
	rows, err := tx.QueryContext(ctx, `SELECT db, name, class_name, resources, created FROM functions WHERE db = ?`, db)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Function
	for rows.Next() {
		f, err := scanFunction(rows)
		if err != nil {
			return nil, err
		}
		if MatchPattern(pattern, f.Name) {
			out = append(out, *f)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// DropFunction removes a persistent function. Errors: SCHEMA_NOT_FOUND,
// ROUTINE_NOT_FOUND (unless ifExists).
func (s *Store) DropFunction(ctx context.Context, db, name string, ifExists bool) error {
	if err := s.checkOpen(); err != nil {
		return err
	}
	db, name = Normalize(db), Normalize(name)
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := getDatabase(ctx, tx, db); err != nil {
			return err
		}
		r, err := tx.ExecContext(ctx, `DELETE FROM functions WHERE db = ? AND name = ?`, db, name)
		if err != nil {
			return err
		}
		if n, err := r.RowsAffected(); err != nil {
			return err
		} else if n == 0 && !ifExists {
			return ErrRoutineNotFound(db, name)
		}
		return nil
	})
}

func scanFunction(r scanner) (*Function, error) {
	var f Function
	var res string
	var created int64
	if err := r.Scan(&f.Database, &f.Name, &f.ClassName, &res, &created); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(res), &f.Resources); err != nil {
		return nil, fmt.Errorf("catalog: decode function resources: %w", err)
	}
	f.Created = time.UnixMilli(created)
	return &f, nil
}
