package udf

import (
	"database/sql/driver"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/emberdb/ember/internal/show"
	"github.com/emberdb/ember/internal/types"
)

// ember_interval_str(n, year_month, start, end) renders an ANSI interval
// (n months when year_month, else n microseconds) with fields start..end
// as Spark's cast to string does: the text of its SQL literal.
func init() {
	Register(Func{Name: "ember_interval_str", Overloads: []duckdb.ScalarFunc{Scalar{
		In:  []duckdb.TypeInfo{tBig, tBool, tInt, tInt},
		Out: tVarchar,
		Fn: func(args []driver.Value) (any, error) {
			n := args[0].(int64)
			start, end := int(args[2].(int32)), int(args[3].(int32))
			var t types.DataType = types.DayTimeInterval{Start: start, End: end}
			if args[1].(bool) {
				t = types.YearMonthInterval{Start: start, End: end}
			}
			s, ok := show.IntervalSQL(t, n)
			if !ok {
				return nil, fmt.Errorf("ember_interval_str: no rendering for %s", t.SimpleString())
			}
			return s, nil
		},
	}}})
}
