package executor

import (
	"context"
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/session"
)

// EvaluateStrings runs a plan of string columns for the analyzer, which
// needs data to decide a schema (crosstab, pivot without values). The
// caller (Execute or Analyze) already holds the session's engine lock.
func (k engineCatalog) EvaluateStrings(ctx context.Context, s *session.Session, p logical.Plan) ([][]*string, error) {
	es, err := engineSession(s)
	if err != nil {
		return nil, err
	}
	res, err := k.eng.Execute(ctx, es, p, s)
	if err != nil {
		return nil, err
	}
	defer res.Close()
	var rows [][]*string
	for res.Next() {
		rec := res.Record()
		for i := 0; i < int(rec.NumRows()); i++ {
			row := make([]*string, rec.NumCols())
			for j, col := range rec.Columns() {
				if col.IsNull(i) {
					continue
				}
				v := strings.Clone(col.ValueStr(i)) // the record's buffers are reused
				row[j] = &v
			}
			rows = append(rows, row)
		}
	}
	return rows, res.Err()
}
