package udf

import (
	"database/sql/driver"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/sparkerr"
)

// Java DateTimeFormatter patterns (functions.CompileJavaPattern) applied
// row by row:
//
//	ember_format_datetime(micros, pattern, tz): the instant (epoch µs)
//	  formatted in the session time zone tz.
//	ember_parse_datetime(text, pattern, tz, ansiFunc): the wall clock in
//	  tz parsed from text (a zone or offset in the text is converted to
//	  tz); NULL when the text does not parse, or with ansiFunc set
//	  CANNOT_PARSE_TIMESTAMP naming that function.
//
// A pattern Spark rejects fails the query with Spark's error.
func init() {
	functions.JavaDatetimeParser = ParseJavaDatetime
	Register(Func{Name: "ember_format_datetime", Overloads: []duckdb.ScalarFunc{Scalar{
		In:  []duckdb.TypeInfo{tBig, tVarchar, tVarchar},
		Out: tVarchar,
		Fn: func(args []driver.Value) (any, error) {
			pat, err := functions.CompileJavaPatternCached(args[1].(string), false)
			if err != nil {
				return nil, raised(err)
			}
			tz := args[2].(string)
			loc, err := sessionZone(tz)
			if err != nil {
				return nil, err
			}
			us := args[0].(int64)
			t := time.Unix(floorDiv(us, 1000000), (us-floorDiv(us, 1000000)*1000000)*1000).In(loc)
			s, err := pat.Format(t, tz)
			if err != nil {
				return nil, raised(err)
			}
			return s, nil
		},
	}}})
	Register(Func{Name: "ember_parse_datetime", Overloads: []duckdb.ScalarFunc{Scalar{
		In:  []duckdb.TypeInfo{tVarchar, tVarchar, tVarchar, tVarchar},
		Out: T(duckdb.TYPE_TIMESTAMP),
		Fn: func(args []driver.Value) (any, error) {
			pat, err := functions.CompileJavaPatternCached(args[1].(string), true)
			if err != nil {
				return nil, raised(err)
			}
			loc, err := sessionZone(args[2].(string))
			if err != nil {
				return nil, err
			}
			s := args[0].(string)
			t, err := pat.Parse(s, loc)
			if err != nil {
				if fn := args[3].(string); fn != "" {
					return nil, raised(cannotParse(err.Error(), fn))
				}
				return nil, nil
			}
			return t, nil
		},
	}}})
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

var (
	zoneCache = map[string]*time.Location{}
)

func sessionZone(tz string) (*time.Location, error) {
	mu.Lock()
	loc, ok := zoneCache[tz]
	mu.Unlock()
	if ok {
		return loc, nil
	}
	loc, err := functions.LoadZone(tz)
	if err != nil {
		return nil, err
	}
	mu.Lock()
	zoneCache[tz] = loc
	mu.Unlock()
	return loc, nil
}

func cannotParse(msg, fn string) error {
	e := sparkerr.Newf("CANNOT_PARSE_TIMESTAMP", "message", msg, "func", fn)
	return e
}

// raised turns a Spark error into the marked text DuckDB carries back to
// the server (functions.DecodeRaised).
func raised(err error) error {
	if se, ok := sparkerr.As(err); ok {
		return errorString(functions.EncodeRaised(se))
	}
	return err
}

type errorString string

func (e errorString) Error() string { return string(e) }

// ParseJavaDatetime parses s with the Java pattern p as a wall clock (for
// the XML reader's dateFormat / timestampFormat). ok is false when s does
// not match; a pattern Spark rejects is an error.
func ParseJavaDatetime(s, p string) (t time.Time, ok bool, err error) {
	pat, err := functions.CompileJavaPatternCached(p, true)
	if err != nil {
		return time.Time{}, false, raised(err)
	}
	if strings.TrimSpace(p) == "" {
		return time.Time{}, false, nil
	}
	t, perr := pat.Parse(s, time.UTC)
	if perr != nil {
		return time.Time{}, false, nil
	}
	return t, true, nil
}
