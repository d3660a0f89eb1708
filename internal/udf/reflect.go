package udf

import (
	"database/sql/driver"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/emberdb/ember/internal/functions"
)

// ember_reflect(method, failOnError, args...) calls a static Java method
// of reflect's table (functions.CallJavaStatic); the arguments arrive as
// text. Volatile: randomUUID and random draw anew for every row.
func init() {
	Register(Func{Name: "ember_reflect", Overloads: []duckdb.ScalarFunc{Scalar{
		In:       []duckdb.TypeInfo{tVarchar, tBool},
		Variadic: tVarchar,
		Out:      tVarchar,
		Volatile: true,
		NullIn:   true,
		Fn: func(args []driver.Value) (any, error) {
			key, _ := args[0].(string)
			fail, _ := args[1].(bool)
			texts := make([]*string, len(args)-2)
			for i, a := range args[2:] {
				if s, isStr := a.(string); isStr {
					texts[i] = &s
				}
			}
			res, null, err := functions.CallJavaStatic(key, fail, texts)
			if err != nil {
				return nil, raised(err)
			}
			if null {
				return nil, nil
			}
			return res, nil
		},
	}}})
}
