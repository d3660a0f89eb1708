package udf

import (
	"database/sql/driver"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/emberdb/ember/internal/functions"
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

// ember_calendar_scale(interval, num, divide, mode) multiplies or divides
// a calendar interval by a number as Spark's multiply_interval /
// divide_interval do (functions.ScaleCalendarInterval; mode is a
// functions.CalScaleMode).
func init() {
	Register(Func{Name: "ember_calendar_scale", Overloads: []duckdb.ScalarFunc{Scalar{
		In:  []duckdb.TypeInfo{T(duckdb.TYPE_INTERVAL), tDouble, tBool, tInt},
		Out: T(duckdb.TYPE_INTERVAL),
		Fn: func(args []driver.Value) (any, error) {
			iv, ok := args[0].(duckdb.Interval)
			if !ok {
				return nil, fmt.Errorf("ember_calendar_scale: interval argument is %T", args[0])
			}
			m, d, us, null, err := functions.ScaleCalendarInterval(iv.Months, iv.Days, iv.Micros, args[1].(float64), args[2].(bool), functions.CalScaleMode(args[3].(int32)))
			if err != nil {
				return nil, raised(err)
			}
			if null {
				return nil, nil
			}
			return duckdb.Interval{Months: m, Days: d, Micros: us}, nil
		},
	}}})
}

// ember_interval_micros(interval) is the microseconds part of a calendar
// interval (its time of day, apart from months and days).
func init() {
	Register(Func{Name: "ember_interval_micros", Overloads: []duckdb.ScalarFunc{Scalar{
		In:  []duckdb.TypeInfo{T(duckdb.TYPE_INTERVAL)},
		Out: tBig,
		Fn: func(args []driver.Value) (any, error) {
			iv, ok := args[0].(duckdb.Interval)
			if !ok {
				return nil, fmt.Errorf("ember_interval_micros: argument is %T", args[0])
			}
			return iv.Micros, nil
		},
	}}})
}

// ember_calendar_add(a, b, subtract, mode) adds or subtracts calendar
// intervals field by field (functions.AddCalendarIntervals).
func init() {
	Register(Func{Name: "ember_calendar_add", Overloads: []duckdb.ScalarFunc{Scalar{
		In:  []duckdb.TypeInfo{T(duckdb.TYPE_INTERVAL), T(duckdb.TYPE_INTERVAL), tBool, tInt},
		Out: T(duckdb.TYPE_INTERVAL),
		Fn: func(args []driver.Value) (any, error) {
			a, ok1 := args[0].(duckdb.Interval)
			b, ok2 := args[1].(duckdb.Interval)
			if !ok1 || !ok2 {
				return nil, fmt.Errorf("ember_calendar_add: arguments are %T and %T", args[0], args[1])
			}
			m, d, us, null, err := functions.AddCalendarIntervals(a.Months, a.Days, a.Micros, b.Months, b.Days, b.Micros, args[2].(bool), functions.CalScaleMode(args[3].(int32)))
			if err != nil {
				return nil, raised(err)
			}
			if null {
				return nil, nil
			}
			return duckdb.Interval{Months: m, Days: d, Micros: us}, nil
		},
	}}})
}
