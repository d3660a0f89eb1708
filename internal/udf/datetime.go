package udf

import (
	"database/sql/driver"
	"errors"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/emberdb/ember/internal/functions"
)

// ember_parse_datetime(text, pattern) parses text with a Java
// DateTimeFormatter pattern given per row (DuckDB's strptime needs a
// constant format). The result is the wall clock as a TIMESTAMP, NULL when
// the text does not match; an unsupported pattern letter fails the query.
func init() {
	functions.JavaDatetimeParser = ParseJavaDatetime
	Register(Func{Name: "ember_parse_datetime", Overloads: []duckdb.ScalarFunc{Scalar{
		In:  []duckdb.TypeInfo{T(duckdb.TYPE_VARCHAR), T(duckdb.TYPE_VARCHAR)},
		Out: T(duckdb.TYPE_TIMESTAMP),
		Fn: func(args []driver.Value) (any, error) {
			t, ok, err := ParseJavaDatetime(args[0].(string), args[1].(string))
			if err != nil || !ok {
				return nil, err
			}
			return t, nil
		},
	}}})
}

var monthShort = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
var monthLong = []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
var dayShort = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
var dayLong = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

type patElem struct {
	letter byte   // 0 for literal text
	n      int    // repeat count
	text   string // literal text
}

func splitPattern(p string) ([]patElem, error) {
	var out []patElem
	for i := 0; i < len(p); {
		ch := p[i]
		switch {
		case ch == '\'':
			j := strings.IndexByte(p[i+1:], '\'')
			if j < 0 {
				return nil, unsupportedPattern(p)
			}
			lit := p[i+1 : i+1+j]
			if lit == "" {
				lit = "'"
			}
			out = append(out, patElem{text: lit})
			i += j + 2
		case ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z':
			n := 1
			for i+n < len(p) && p[i+n] == ch {
				n++
			}
			if !strings.ContainsRune("yuMLdDHhkKmsSaE", rune(ch)) {
				return nil, unsupportedLetter(ch)
			}
			out = append(out, patElem{letter: ch, n: n})
			i += n
		default:
			out = append(out, patElem{text: string(ch)})
			i++
		}
	}
	return out, nil
}

func unsupportedLetter(ch byte) error {
	return errors.New(functions.ErrorMarker + "UNSUPPORTED_FEATURE.EMBER\x1ffeature=datetime pattern letter '" + string(ch) + "'")
}

func unsupportedPattern(p string) error {
	return errors.New(functions.ErrorMarker + "INVALID_PARAMETER_VALUE.PATTERN\x1fparameter=`format`\x1ffunctionName=`to_timestamp`\x1fvalue='" + p + "'")
}

func isNumericLetter(ch byte) bool { return ch != 0 && strings.IndexByte("yuMLdDHhkKmsS", ch) >= 0 }

// ParseJavaDatetime parses s with the Java pattern p. ok is false when s
// does not match (or names an invalid date or time).
func ParseJavaDatetime(s, p string) (t time.Time, ok bool, err error) {
	elems, err := splitPattern(p)
	if err != nil {
		return time.Time{}, false, err
	}
	year, month, day, doy := 1970, 1, 1, 0
	hour, minute, sec, nanos := 0, 0, 0, 0
	pm, hasAmPm, hour12 := false, false, false
	pos := 0
	digits := func(min, max int) (int, bool) {
		v, k := 0, 0
		for pos+k < len(s) && k < max && s[pos+k] >= '0' && s[pos+k] <= '9' {
			v = v*10 + int(s[pos+k]-'0')
			k++
		}
		if k < min {
			return 0, false
		}
		pos += k
		return v, true
	}
	name := func(names ...[]string) (int, bool) {
		rest := strings.ToLower(s[pos:])
		for _, list := range names {
			for i, n := range list {
				if strings.HasPrefix(rest, n) {
					pos += len(n)
					return i, true
				}
			}
		}
		return 0, false
	}
	for i, e := range elems {
		if e.letter == 0 {
			if !strings.HasPrefix(s[pos:], e.text) {
				return time.Time{}, false, nil
			}
			pos += len(e.text)
			continue
		}
		// A numeric field followed directly by another takes a fixed width.
		adjacent := i+1 < len(elems) && isNumericLetter(elems[i+1].letter)
		minW, maxW := e.n, 2
		if e.n > 2 || adjacent {
			maxW = e.n
		}
		var v int
		var good bool
		switch e.letter {
		case 'y', 'u':
			if e.n == 2 {
				v, good = digits(2, 2)
				v += 2000
			} else {
				hi := 9
				if adjacent {
					hi = e.n
				}
				v, good = digits(e.n, hi)
			}
			year = v
		case 'M', 'L':
			switch {
			case e.n == 3:
				v, good = name(monthShort)
				v++
			case e.n > 3:
				v, good = name(monthLong)
				v++
			default:
				v, good = digits(minW, maxW)
			}
			month = v
		case 'd':
			v, good = digits(minW, maxW)
			day = v
		case 'D':
			v, good = digits(e.n, 3)
			doy = v
		case 'H', 'k':
			v, good = digits(minW, maxW)
			hour = v
			if e.letter == 'k' && v == 24 {
				hour = 0
			}
		case 'h', 'K':
			v, good = digits(minW, maxW)
			hour, hour12 = v, true
			if e.letter == 'h' && v == 12 {
				hour = 0
			}
		case 'm':
			v, good = digits(minW, maxW)
			minute = v
		case 's':
			v, good = digits(minW, maxW)
			sec = v
		case 'S':
			start := pos
			v, good = digits(1, e.n)
			for k := pos - start; k < 9; k++ {
				v *= 10
			}
			nanos = v
		case 'a':
			var idx int
			idx, good = name([]string{"am", "pm"})
			pm, hasAmPm = idx == 1, true
		case 'E':
			_, good = name(dayLong, dayShort)
		}
		if !good {
			return time.Time{}, false, nil
		}
	}
	if pos != len(s) {
		return time.Time{}, false, nil
	}
	if hasAmPm && pm {
		hour += 12
	}
	if hour12 && hour > 23 || hour > 23 || minute > 59 || sec > 59 || month < 1 || month > 12 {
		return time.Time{}, false, nil
	}
	if doy > 0 {
		t = time.Date(year, 1, 1, hour, minute, sec, nanos, time.UTC).AddDate(0, 0, doy-1)
		if t.Year() != year {
			return time.Time{}, false, nil
		}
		return t, true, nil
	}
	t = time.Date(year, time.Month(month), day, hour, minute, sec, nanos, time.UTC)
	if day < 1 || t.Day() != day {
		return time.Time{}, false, nil
	}
	return t, true, nil
}
