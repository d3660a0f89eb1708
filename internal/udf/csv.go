package udf

import (
	"database/sql/driver"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/emberdb/ember/internal/functions"
)

// CSV records for from_csv and to_csv:
// ember_csv_split(record, sep, quote, escape, trimLeading, trimTrailing)
// is the list of fields (NULL for empty ones); ember_csv_join(fields, ...)
// writes fields as one record, quoting where needed.

func init() {
	str, b := T(duckdb.TYPE_VARCHAR), T(duckdb.TYPE_BOOLEAN)
	opts := []duckdb.TypeInfo{str, str, str, b, b}
	first := func(v driver.Value) rune {
		s, _ := v.(string)
		if s == "" {
			return 0
		}
		return []rune(s)[0]
	}
	Register(
		Func{Name: "ember_csv_split", Overloads: []duckdb.ScalarFunc{Scalar{
			In: append([]duckdb.TypeInfo{str}, opts...), Out: List(str),
			Fn: func(a []driver.Value) (any, error) {
				fs := functions.SplitCSVRecord(a[0].(string), first(a[1]), first(a[2]), first(a[3]), a[4].(bool), a[5].(bool))
				out := make([]any, len(fs))
				for i, f := range fs {
					if f != nil {
						out[i] = *f
					}
				}
				return out, nil
			},
		}}},
		Func{Name: "ember_csv_join", Overloads: []duckdb.ScalarFunc{Scalar{
			In: append([]duckdb.TypeInfo{List(str)}, opts...), Out: str,
			Fn: func(a []driver.Value) (any, error) {
				l, _ := a[0].([]any)
				fs := make([]*string, len(l))
				for i, v := range l {
					if s, ok := v.(string); ok {
						fs[i] = &s
					}
				}
				return functions.JoinCSVRecord(fs, first(a[1]), first(a[2]), first(a[3]), a[4].(bool), a[5].(bool)), nil
			},
		}}},
	)
}
