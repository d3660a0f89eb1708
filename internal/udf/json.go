package udf

import (
	"database/sql/driver"
	"strings"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/emberdb/ember/internal/functions"
)

// ember_json_strict(doc, allowSingleQuotes, allowUnquotedFieldNames)
// rewrites a JSON document that Spark's lenient options accept into strict
// JSON for DuckDB's json functions; NULL when it is malformed even so.

func init() {
	b := T(duckdb.TYPE_BOOLEAN)
	Register(Func{Name: "ember_json_strict", Overloads: []duckdb.ScalarFunc{Scalar{
		In: []duckdb.TypeInfo{T(duckdb.TYPE_VARCHAR), b, b}, Out: T(duckdb.TYPE_VARCHAR),
		Fn: func(args []driver.Value) (any, error) {
			v, err := functions.ParseJSONLenient(args[0].(string), functions.JSONOptions{
				SingleQuotes: args[1].(bool), UnquotedNames: args[2].(bool),
			})
			if err != nil {
				return nil, nil
			}
			var sb strings.Builder
			functions.WriteStrictJSON(&sb, v)
			return sb.String(), nil
		},
	}}})
}

// ember_json_ascii(text) escapes the non-ASCII characters of JSON text
// (to_json's writeNonAsciiCharacterAsCodePoint).
func init() {
	Register(Func{Name: "ember_json_ascii", Overloads: []duckdb.ScalarFunc{Scalar{
		In: []duckdb.TypeInfo{T(duckdb.TYPE_VARCHAR)}, Out: T(duckdb.TYPE_VARCHAR),
		Fn: func(args []driver.Value) (any, error) { return functions.JSONASCII(args[0].(string)), nil },
	}}})
}
