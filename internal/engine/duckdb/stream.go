package duckdb

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/types"
)

// The helpers below serve the micro-batch engine (internal/streaming):
// it keeps a query's source rows, batch results and memory-sink rows in
// temporary tables of the session's connection. The caller holds s's lock.

// AppendTemp inserts a plan's rows into a temporary table made by
// MaterializeTemp or CreateTemp (same column count and order).
func (e *Engine) AppendTemp(ctx context.Context, s *Session, p logical.Plan, sess *session.Session, table string) error {
	tz := sess.Conf.TimeZone()
	if err := s.setTimeZone(ctx, tz); err != nil {
		return err
	}
	q, err := Query(lowerCtx(sess, tz), p)
	if err != nil {
		return err
	}
	out := p.Output()
	sel := make([]string, len(out))
	for i, a := range out {
		sel[i] = col(a.ID)
	}
	if len(sel) == 0 {
		sel = []string{"1"}
	}
	stmt := "INSERT INTO temp." + functions.QuoteIdent(table) + " SELECT " + strings.Join(sel, ", ") + " FROM (" + q + ") AS m"
	if _, err := s.conn.ExecContext(ctx, stmt); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return TranslateError(err)
	}
	return nil
}

// CreateTemp creates (or empties) a temporary table with columns _c0,
// _c1, ... of the schema's types and returns the column names.
func (e *Engine) CreateTemp(ctx context.Context, s *Session, table string, schema types.Struct) ([]string, error) {
	cols := make([]string, len(schema.Fields))
	defs := make([]string, len(schema.Fields))
	for i, f := range schema.Fields {
		dt, err := functions.DuckType(f.Type)
		if err != nil {
			return nil, err
		}
		cols[i] = fmt.Sprintf("_c%d", i)
		defs[i] = cols[i] + " " + dt
	}
	if len(defs) == 0 {
		defs = []string{"__x INTEGER"}
	}
	stmt := "CREATE OR REPLACE TEMP TABLE " + functions.QuoteIdent(table) + " (" + strings.Join(defs, ", ") + ")"
	if _, err := s.conn.ExecContext(ctx, stmt); err != nil {
		return nil, TranslateError(err)
	}
	return cols, nil
}

// CountTemp counts the rows of a temporary table.
func (e *Engine) CountTemp(ctx context.Context, s *Session, table string) (int64, error) {
	var n int64
	if err := s.conn.QueryRowContext(ctx, "SELECT count(*) FROM temp."+functions.QuoteIdent(table)).Scan(&n); err != nil {
		return 0, TranslateError(err)
	}
	return n, nil
}

// EventStatsTemp is the min, max and average of a timestamp column of a
// temporary table in microseconds since the epoch (the average truncated
// to whole milliseconds, as Spark reports it); ok is false when the column
// has no non-null value.
func (e *Engine) EventStatsTemp(ctx context.Context, s *Session, table, column string) (min, max, avg int64, ok bool, err error) {
	c := "epoch_ms(" + functions.QuoteIdent(column) + ")"
	q := "SELECT min(" + c + "), max(" + c + "), CAST(floor(avg(" + c + ")) AS BIGINT) FROM temp." + functions.QuoteIdent(table)
	var lo, hi, mean sql.NullInt64
	if err := s.conn.QueryRowContext(ctx, q).Scan(&lo, &hi, &mean); err != nil {
		return 0, 0, 0, false, TranslateError(err)
	}
	if !hi.Valid {
		return 0, 0, 0, false, nil
	}
	return lo.Int64 * 1000, hi.Int64 * 1000, mean.Int64 * 1000, true, nil
}

// PruneTemp deletes the rows of a temporary table whose timestamp column
// is at or before us (microseconds since the epoch).
func (e *Engine) PruneTemp(ctx context.Context, s *Session, table, column string, us int64) error {
	q := "DELETE FROM temp." + functions.QuoteIdent(table) + " WHERE epoch_us(" + functions.QuoteIdent(column) + ") <= " + strconv.FormatInt(us, 10)
	if _, err := s.conn.ExecContext(ctx, q); err != nil {
		return TranslateError(err)
	}
	return nil
}
