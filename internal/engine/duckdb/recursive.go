package duckdb

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
)

// recCTE is a recursive CTE being lowered: its DuckDB name, columns and
// the number of steps computed.
type recCTE struct {
	name string
	out  []logical.Attr
	cap  int64 // steps computed beyond the anchor (-1: unbounded)
}

// recursiveCTE lowers Spark's recursive CTE to DuckDB's WITH RECURSIVE.
// Every row carries its step number (__lvl, 0 for the anchor); the
// recursive term reads only rows below the cap, so DuckDB computes at
// most one step beyond the level limit, and the rows of that step (or a
// row count at the row limit) turn into Spark's errors.
func (l *lowerer) recursiveCTE(x *logical.RecursiveCTE) (string, error) {
	name := "rec_" + l.next()
	capSteps := int64(x.LevelLimit)
	switch {
	case x.LevelLimit >= 0:
	case x.Limit > 0:
		capSteps = x.Limit
	case x.RowLimit >= 0:
		capSteps = x.RowLimit
	default:
		capSteps = -1
	}
	if l.recs == nil {
		l.recs = map[int64]*recCTE{}
	}
	l.recs[x.ID] = &recCTE{name: name, out: x.Out, cap: capSteps}
	defer delete(l.recs, x.ID)
	side := func(p logical.Plan, cols []logical.Attr, lvl string) (string, error) {
		in, err := l.plan(p)
		if err != nil {
			return "", err
		}
		parts := make([]string, 0, len(cols)+1)
		for i, a := range cols {
			dt, err := functions.DuckType(x.Out[i].Type)
			if err != nil {
				return "", err
			}
			parts = append(parts, "CAST("+col(a.ID)+" AS "+dt+") AS "+col(x.Out[i].ID))
		}
		parts = append(parts, "CAST("+lvl+" AS INTEGER) AS __lvl")
		return "SELECT " + strings.Join(parts, ", ") + " FROM (" + in + ") AS " + l.next(), nil
	}
	anchor, err := side(x.Anchor, x.Anchor.Output(), "0")
	if err != nil {
		return "", err
	}
	rec, err := side(x.Recursive, x.RecOut, col(x.RecLevel.ID)+" + 1")
	if err != nil {
		return "", err
	}
	cols := make([]string, len(x.Out))
	for i, a := range x.Out {
		cols[i] = col(a.ID)
	}
	sel := strings.Join(cols, ", ")
	if sel == "" {
		sel = "1 AS __empty"
	}
	below := func(n int64) string {
		if n < 0 {
			return "true"
		}
		return "__lvl < " + strconv.FormatInt(n, 10)
	}
	levelErr := functions.RaiseSQL("RECURSION_LEVEL_LIMIT_EXCEEDED", "levelLimit", strconv.Itoa(x.LevelLimit))
	exceeded := "false"
	if x.LevelLimit >= 0 {
		exceeded = fmt.Sprintf("EXISTS (SELECT 1 FROM %s WHERE __lvl >= %d)", name, x.LevelLimit)
	}
	var body string
	if x.Limit > 0 {
		check := fmt.Sprintf("CASE WHEN (SELECT count(*) FROM %s WHERE %s) < %d AND %s THEN %s ELSE true END", name, below(capSteps), x.Limit, exceeded, levelErr)
		body = fmt.Sprintf("SELECT %s FROM (SELECT * FROM %s WHERE %s ORDER BY __lvl LIMIT %d) AS %s WHERE %s", sel, name, below(capSteps), x.Limit, l.next(), check)
	} else {
		rowCheck := "false"
		if x.RowLimit >= 0 {
			rowCheck = fmt.Sprintf("(SELECT count(*) FROM %s WHERE %s) >= %d", name, below(capSteps), x.RowLimit)
		}
		rowErr := functions.RaiseSQL("RECURSION_ROW_LIMIT_EXCEEDED", "rowLimit", strconv.FormatInt(x.RowLimit, 10))
		check := fmt.Sprintf("CASE WHEN %s THEN %s WHEN %s THEN %s ELSE true END", rowCheck, rowErr, exceeded, levelErr)
		body = fmt.Sprintf("SELECT %s FROM %s WHERE %s AND %s", sel, name, below(capSteps), check)
	}
	return "SELECT * FROM (WITH RECURSIVE " + name + " AS (" + anchor + " UNION ALL " + rec + ") " + body + ") AS " + l.next(), nil
}

// recursiveRef reads the previous step of the recursive CTE being lowered.
func (l *lowerer) recursiveRef(x *logical.RecursiveRef) (string, error) {
	r, ok := l.recs[x.ID]
	if !ok {
		return "", sparkerr.Internal("recursive CTE reference %d outside its CTE", x.ID)
	}
	parts := make([]string, 0, len(x.Out)+1)
	for i, a := range x.Out {
		parts = append(parts, col(r.out[i].ID)+" AS "+col(a.ID))
	}
	if x.WithLevel {
		parts = append(parts, "__lvl AS "+col(x.Level.ID))
	}
	where := ""
	if r.cap >= 0 {
		where = " WHERE __lvl < " + strconv.FormatInt(r.cap, 10)
	}
	return "SELECT " + strings.Join(parts, ", ") + " FROM " + r.name + where, nil
}
