package udf

import (
	"database/sql/driver"
	"sync"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/emberdb/ember/internal/numfmt"
)

// Number formatting: format_number, to_char on numbers, to_number. Values
// arrive as decimal text so nothing is lost to binary floating point.

var formatCache sync.Map // format string -> *numfmt.Format

func numberFormat(f string) (*numfmt.Format, error) {
	if v, ok := formatCache.Load(f); ok {
		return v.(*numfmt.Format), nil
	}
	fm, err := numfmt.Parse(f)
	if err != nil {
		return nil, SparkError("INVALID_FORMAT."+err.Sub, err.Params...)
	}
	formatCache.Store(f, fm)
	return fm, nil
}

func init() {
	Register(
		Func{Name: "ember_format_number", Overloads: []duckdb.ScalarFunc{
			Scalar{
				In: []duckdb.TypeInfo{tVarchar, tInt}, Out: tVarchar,
				Fn: func(a []driver.Value) (any, error) {
					d := int(a[1].(int32))
					if d < 0 {
						return nil, nil
					}
					s, ok := numfmt.FormatNumber(str(a[0]), d)
					if !ok {
						return nil, nil
					}
					return s, nil
				}},
			Scalar{
				In: []duckdb.TypeInfo{tVarchar, tVarchar}, Out: tVarchar,
				Fn: func(a []driver.Value) (any, error) {
					p := str(a[1])
					if p == "" {
						s, ok := numfmt.FormatNumber(str(a[0]), 0)
						if !ok {
							return nil, nil
						}
						return s, nil
					}
					s, ok, supported := numfmt.FormatPattern(str(a[0]), p)
					if !supported {
						return nil, SparkError("UNSUPPORTED_FEATURE.EMBER", "feature", "format_number with the DecimalFormat pattern '"+p+"' (only '#', '0', ',' and '.' are supported)")
					}
					if !ok {
						return nil, nil
					}
					return s, nil
				}},
		}},
		Func{Name: "ember_to_char_number", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{tVarchar, tVarchar}, Out: tVarchar,
			Fn: func(a []driver.Value) (any, error) {
				fm, err := numberFormat(str(a[1]))
				if err != nil {
					return nil, err
				}
				s, ok := fm.Format(str(a[0]))
				if !ok {
					return nil, nil
				}
				return s, nil
			}}}},
		Func{Name: "ember_to_number", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{tVarchar, tVarchar, tBool}, Out: tVarchar,
			Fn: func(a []driver.Value) (any, error) {
				fm, err := numberFormat(str(a[1]))
				if err != nil {
					return nil, err
				}
				s, ok := fm.Parse(str(a[0]))
				if !ok {
					if a[2].(bool) {
						return nil, SparkError("INVALID_FORMAT.MISMATCH_INPUT", "inputType", "\"STRING\"", "input", str(a[0]), "format", str(a[1]))
					}
					return nil, nil
				}
				return s, nil
			}}}},
	)
}
