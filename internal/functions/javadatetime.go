package functions

import (
	"fmt"
	"github.com/emberdb/ember/internal/tz"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/emberdb/ember/internal/sparkerr"
)

// Java DateTimeFormatter patterns as Spark 3+ accepts them: one compiler
// (CompileJavaPattern) that checks a pattern against Spark's rules and
// raises Spark's errors, and a formatter and parser over its elements.
// date_format, from_unixtime, to_date, to_timestamp, unix_timestamp and
// friends lower to the ember_format_datetime / ember_parse_datetime UDFs
// (internal/udf), which run this code; constant patterns are compiled at
// lowering time so a bad pattern fails before any row is read.

// javaElem is one element of a compiled pattern.
type javaElem struct {
	letter byte   // pattern letter; 0 for literal text, '[' / ']' for an optional section
	n      int    // repeat count
	text   string // literal text
}

// JavaPattern is a compiled datetime pattern.
type JavaPattern struct {
	Source  string
	elems   []javaElem
	era     bool // G present: y is the year of era
	HasZone bool // the pattern parses a zone or offset
}

var (
	docroot           = "https://spark.apache.org/docs/latest"
	sdfLetters        = "GyYMLwWDdFEuaHkKhmsSzZX"
	javaLetters       = "GuyDMLdQqYwWEecFahKkHmsSAnNVvzOXxZpgB"
	patternCacheMu    sync.Mutex
	patternCache      = map[patternKey]*compiled{}
	monthShortNames   = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	monthLongNames    = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	dayShortNames     = []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
	dayLongNames      = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	quarterLongNames  = []string{"1st quarter", "2nd quarter", "3rd quarter", "4th quarter"}
	upperMonthNames   = []string{"JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"}
	errPatternUnknown = fmt.Errorf("unknown")
)

type patternKey struct {
	p       string
	parsing bool
}

type compiled struct {
	pat *JavaPattern
	err error
}

// CompileJavaPatternCached is CompileJavaPattern with a process-wide cache
// (the UDFs compile the pattern of every row).
func CompileJavaPatternCached(p string, parsing bool) (*JavaPattern, error) {
	k := patternKey{p, parsing}
	patternCacheMu.Lock()
	c, ok := patternCache[k]
	patternCacheMu.Unlock()
	if ok {
		return c.pat, c.err
	}
	pat, err := CompileJavaPattern(p, parsing)
	patternCacheMu.Lock()
	if len(patternCache) > 4096 {
		patternCache = map[patternKey]*compiled{}
	}
	patternCache[k] = &compiled{pat, err}
	patternCacheMu.Unlock()
	return pat, err
}

// quoteSparkPattern quotes a pattern as Spark's WITH_SUGGESTION and
// PATTERN_RECOGNITION messages do: in single quotes, inner quotes escaped.
func quoteSparkPattern(p string) string {
	return "'" + strings.ReplaceAll(p, "'", "\\'") + "'"
}

func patternRecognition(p string) error {
	e := sparkerr.Newf("INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION",
		"pattern", quoteSparkPattern(p), "config", "\"spark.sql.legacy.timeParserPolicy\"", "docroot", docroot)
	return e
}

func withSuggestion(p, text35 string) error {
	e := sparkerr.Newf("INVALID_DATETIME_PATTERN.WITH_SUGGESTION", "pattern", quoteSparkPattern(p), "docroot", docroot)
	e.Text35 = text35
	e.JavaClass35 = sparkerr.IllegalArgument
	return e
}

// unquotedLetters returns the pattern letters outside quoted text.
func unquotedLetters(p string) []byte {
	var out []byte
	quoted := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c == '\'' {
			quoted = !quoted
			continue
		}
		if !quoted {
			out = append(out, c)
		}
	}
	return out
}

// sdfAccepts reports whether the legacy SimpleDateFormat accepts p; Spark
// then reports a pattern the new formatter rejects as a cross-version
// difference instead of an invalid pattern.
func sdfAccepts(p string) bool {
	quoted := false
	for i := 0; i < len(p); {
		c := p[i]
		if c == '\'' {
			quoted = !quoted
			i++
			continue
		}
		if quoted || !isASCIILetter(c) {
			i++
			continue
		}
		n := runLen(p, i)
		if !strings.ContainsRune(sdfLetters, rune(c)) || c == 'X' && n > 3 {
			return false
		}
		i += n
	}
	return !quoted
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func runLen(p string, i int) int {
	n := 1
	for i+n < len(p) && p[i+n] == p[i] {
		n++
	}
	return n
}

// CompileJavaPattern checks p as Spark does (for parsing when parsing is
// true) and compiles it.
func CompileJavaPattern(p string, parsing bool) (*JavaPattern, error) {
	letters := unquotedLetters(p)
	for _, c := range letters {
		if c == 'e' || c == 'c' {
			e := sparkerr.Newf("INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_WEEK_BASED_PATTERN", "c", string(c))
			e.Text35 = "All week-based patterns are unsupported since Spark 3.0, detected: " + string(c) + ", Please use the SQL function EXTRACT instead"
			e.JavaClass = sparkerr.SparkIllegalArgument
			e.JavaClass35 = sparkerr.IllegalArgument
			return nil, e
		}
	}
	for _, c := range letters {
		if strings.IndexByte("nNABp", c) >= 0 || parsing && (c == 'Q' || c == 'q') {
			e := sparkerr.Newf("INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER", "c", string(c), "pattern", p)
			e.Text35 = "Illegal pattern character: " + string(c)
			e.JavaClass = sparkerr.SparkIllegalArgument
			e.JavaClass35 = sparkerr.IllegalArgument
			return nil, e
		}
	}
	for i := 0; i < len(letters); {
		c := letters[i]
		n := runLen(string(letters), i)
		if (c == 'Q' || c == 'q') && n >= 5 {
			e := sparkerr.Newf("INVALID_DATETIME_PATTERN.LENGTH", "pattern", strings.Repeat(string(c), 5))
			e.Text35 = "Too many pattern letters: " + string(c)
			e.JavaClass = sparkerr.SparkIllegalArgument
			e.JavaClass35 = sparkerr.IllegalArgument
			return nil, e
		}
		i += n
	}
	pat, text35, err := compileElems(p, parsing)
	if err == nil {
		return pat, nil
	}
	if sdfAccepts(p) {
		return nil, patternRecognition(p)
	}
	return nil, withSuggestion(p, text35)
}

// compileElems splits p into elements, failing where Java's
// DateTimeFormatter (with Spark's extra limits) rejects it; text35 is the
// message Spark 3.5 shows for that failure.
func compileElems(p string, parsing bool) (*JavaPattern, string, error) {
	pat := &JavaPattern{Source: p}
	depth := 0
	fail := func(msg string) (*JavaPattern, string, error) { return nil, msg, errPatternUnknown }
	for i := 0; i < len(p); {
		c := p[i]
		switch {
		case c == '\'':
			j := i + 1
			var lit strings.Builder
			closed := false
			for j < len(p) {
				if p[j] == '\'' {
					if j+1 < len(p) && p[j+1] == '\'' {
						lit.WriteByte('\'')
						j += 2
						continue
					}
					closed = true
					break
				}
				lit.WriteByte(p[j])
				j++
			}
			if !closed {
				return fail("Pattern ends with an incomplete string literal: " + strings.ReplaceAll(p, "y", "u"))
			}
			if j == i+1 {
				pat.elems = append(pat.elems, javaElem{text: "'"})
			} else {
				pat.elems = append(pat.elems, javaElem{text: lit.String()})
			}
			i = j + 1
		case c == '[':
			depth++
			pat.elems = append(pat.elems, javaElem{letter: '['})
			i++
		case c == ']':
			if depth == 0 {
				return fail("Pattern invalid as it contains ] without previous [")
			}
			depth--
			pat.elems = append(pat.elems, javaElem{letter: ']'})
			i++
		case c == '{' || c == '}' || c == '#':
			return fail("Pattern includes reserved character: '" + string(c) + "'")
		case isASCIILetter(c):
			n := runLen(p, i)
			if !strings.ContainsRune(javaLetters, rune(c)) {
				return fail("Unknown pattern letter: " + string(c))
			}
			if msg := checkCount(c, n, parsing); msg != "" {
				return fail(msg)
			}
			switch c {
			case 'G':
				pat.era = true
			case 'V', 'z', 'O', 'X', 'x', 'Z', 'v':
				pat.HasZone = true
			}
			pat.elems = append(pat.elems, javaElem{letter: c, n: n})
			i += n
		default:
			pat.elems = append(pat.elems, javaElem{text: string(c)})
			i++
		}
	}
	for depth > 0 {
		pat.elems = append(pat.elems, javaElem{letter: ']'})
		depth--
	}
	return pat, "", nil
}

// checkCount returns Java's message for a letter repeated n times where
// Spark does not accept that, or "".
func checkCount(c byte, n int, parsing bool) string {
	tooMany := "Too many pattern letters: " + string(c)
	switch c {
	case 'u', 'Y', 'w', 'W':
		// Spark 3+ rejects these (week-based or ambiguous years).
		return tooMany
	case 'G', 'M', 'L', 'E':
		if n >= 5 || parsing && c == 'E' {
			return tooMany
		}
	case 'y':
		if n >= 7 {
			return tooMany
		}
	case 'D':
		if n > 3 {
			return tooMany
		}
	case 'd', 'h', 'H', 'k', 'K', 'm', 's':
		if n > 2 {
			return tooMany
		}
	case 'F', 'a', 'g':
		if n > 1 || parsing && c == 'F' {
			return tooMany
		}
	case 'S':
		if n > 9 {
			return tooMany
		}
	case 'V':
		if n != 2 {
			return "Pattern letter count must be 2: V"
		}
	case 'v':
		if n != 1 && n != 4 {
			return "Wrong number of pattern letters: v"
		}
	case 'O':
		if n != 1 && n != 4 {
			return "Pattern letter count must be 1 or 4: O"
		}
	case 'z':
		if n > 4 {
			return tooMany
		}
	case 'X', 'x', 'Z':
		if n > 5 {
			return tooMany
		}
	}
	return ""
}

// --- formatting ------------------------------------------------------------

// zoneNames are the CLDR (Java) names of the zones Ember can print with
// z / zzzz / v / vvvv: standard short, daylight short, standard long,
// daylight long, generic short, generic long.
var zoneNames = map[string][6]string{
	"UTC":                 {"UTC", "UTC", "Coordinated Universal Time", "Coordinated Universal Time", "UTC", "Coordinated Universal Time"},
	"Etc/UTC":             {"UTC", "UTC", "Coordinated Universal Time", "Coordinated Universal Time", "UTC", "Coordinated Universal Time"},
	"America/Los_Angeles": {"PST", "PDT", "Pacific Standard Time", "Pacific Daylight Time", "PT", "Pacific Time"},
	"Asia/Kolkata":        {"IST", "IST", "India Standard Time", "India Standard Time", "IT", "India Time"},
	"Europe/Berlin":       {"CET", "CEST", "Central European Standard Time", "Central European Summer Time", "CET", "Central European Time"},
}

// isOffsetZone reports whether tz is a fixed offset id such as "+05:30".
func isOffsetZone(tz string) bool {
	return strings.HasPrefix(tz, "+") || strings.HasPrefix(tz, "-")
}

// Format renders t (already in the session time zone tz) with the pattern.
func (p *JavaPattern) Format(t time.Time, tz string) (string, error) {
	var b strings.Builder
	_, off := t.Zone()
	for _, e := range p.elems {
		if e.letter == 0 {
			b.WriteString(e.text)
			continue
		}
		n := e.n
		switch e.letter {
		case '[', ']':
		case 'G':
			bc := t.Year() <= 0
			switch {
			case n == 4 && bc:
				b.WriteString("Before Christ")
			case n == 4:
				b.WriteString("Anno Domini")
			case bc:
				b.WriteString("BC")
			default:
				b.WriteString("AD")
			}
		case 'y':
			y := t.Year()
			if p.era && y <= 0 {
				y = 1 - y
			}
			b.WriteString(formatYear(y, n))
		case 'D':
			b.WriteString(pad(t.YearDay(), n))
		case 'M', 'L':
			m := int(t.Month())
			switch n {
			case 3:
				b.WriteString(monthShortNames[m-1])
			case 4:
				b.WriteString(monthLongNames[m-1])
			default:
				b.WriteString(pad(m, n))
			}
		case 'd':
			b.WriteString(pad(t.Day(), n))
		case 'Q', 'q':
			q := (int(t.Month())-1)/3 + 1
			switch n {
			case 3:
				b.WriteString("Q" + strconv.Itoa(q))
			case 4:
				b.WriteString(quarterLongNames[q-1])
			default:
				b.WriteString(pad(q, n))
			}
		case 'E':
			wd := (int(t.Weekday()) + 6) % 7
			if n == 4 {
				b.WriteString(dayLongNames[wd])
			} else {
				b.WriteString(dayShortNames[wd])
			}
		case 'F':
			b.WriteString(strconv.Itoa((t.Day()-1)%7 + 1))
		case 'a':
			if t.Hour() < 12 {
				b.WriteString("AM")
			} else {
				b.WriteString("PM")
			}
		case 'h':
			h := t.Hour() % 12
			if h == 0 {
				h = 12
			}
			b.WriteString(pad(h, n))
		case 'K':
			b.WriteString(pad(t.Hour()%12, n))
		case 'k':
			h := t.Hour()
			if h == 0 {
				h = 24
			}
			b.WriteString(pad(h, n))
		case 'H':
			b.WriteString(pad(t.Hour(), n))
		case 'm':
			b.WriteString(pad(t.Minute(), n))
		case 's':
			b.WriteString(pad(t.Second(), n))
		case 'S':
			f := t.Nanosecond()
			for k := n; k < 9; k++ {
				f /= 10
			}
			b.WriteString(pad(f, n))
		case 'g':
			days := floorDiv(t.Unix()+int64(off), 86400)
			b.WriteString(strconv.FormatInt(days+40587, 10))
		case 'V':
			b.WriteString(tz)
		case 'z', 'v':
			if isOffsetZone(tz) {
				b.WriteString(tz)
				continue
			}
			names, ok := zoneNames[tz]
			if !ok {
				return "", sparkerr.Unsupported("datetime pattern letter '" + string(e.letter) + "' in time zone " + tz)
			}
			dst := t.IsDST()
			idx := 0
			switch {
			case e.letter == 'v' && n == 4:
				idx = 5
			case e.letter == 'v':
				idx = 4
			case n == 4 && dst:
				idx = 3
			case n == 4:
				idx = 2
			case dst:
				idx = 1
			}
			b.WriteString(names[idx])
		case 'O':
			b.WriteString(formatGMT(off, n == 4))
		case 'X', 'x':
			if off == 0 && e.letter == 'X' {
				b.WriteString("Z")
				continue
			}
			b.WriteString(formatOffset(off, n))
		case 'Z':
			switch {
			case n == 4:
				b.WriteString(formatGMT(off, true))
			case n == 5 && off == 0:
				b.WriteString("Z")
			case n == 5:
				b.WriteString(formatOffset(off, 5))
			default:
				b.WriteString(formatOffset(off, 2))
			}
		}
	}
	return b.String(), nil
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func pad(v, n int) string {
	s := strconv.Itoa(v)
	for len(s) < n {
		s = "0" + s
	}
	return s
}

// formatYear prints a year as Java's 'u' field does for n letters.
func formatYear(y, n int) string {
	neg := y < 0
	a := y
	if neg {
		a = -y
	}
	switch {
	case n == 2:
		return pad(a%100, 2)
	case n == 1 || n == 3:
		if neg {
			return "-" + pad(a, n)
		}
		return pad(a, n)
	}
	s := pad(a, n)
	switch {
	case neg:
		return "-" + s
	case len(s) > n:
		return "+" + s
	}
	return s
}

// formatGMT prints a localized offset: "GMT", "GMT+8" / "GMT+5:30"
// (short) or "GMT+08:00" (full).
func formatGMT(off int, full bool) string {
	if off == 0 {
		return "GMT"
	}
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	h, m, s := off/3600, off/60%60, off%60
	if full {
		out := "GMT" + sign + pad(h, 2) + ":" + pad(m, 2)
		if s != 0 {
			out += ":" + pad(s, 2)
		}
		return out
	}
	out := "GMT" + sign + strconv.Itoa(h)
	if m != 0 || s != 0 {
		out += ":" + pad(m, 2)
	}
	if s != 0 {
		out += ":" + pad(s, 2)
	}
	return out
}

// formatOffset prints an offset as X/x with n letters (zero included).
func formatOffset(off, n int) string {
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	h, m, s := off/3600, off/60%60, off%60
	out := sign + pad(h, 2)
	switch n {
	case 1:
		if m != 0 {
			out += pad(m, 2)
		}
	case 2:
		out += pad(m, 2)
	case 3:
		out += ":" + pad(m, 2)
	case 4:
		out += pad(m, 2)
		if s != 0 {
			out += pad(s, 2)
		}
	case 5:
		out += ":" + pad(m, 2)
		if s != 0 {
			out += ":" + pad(s, 2)
		}
	}
	return out
}

// --- parsing ---------------------------------------------------------------

// parseState holds the fields parsed so far (-1: absent).
type parseState struct {
	year, yoe, era, month, day, doy         int
	hourOfDay, clockHour24, hour12, clock12 int
	ampm, minute, second, nanos             int
	offset                                  int
	hasOffset                               bool
	loc                                     *time.Location
}

// ParseError is why a text did not parse: Spark's message for
// CANNOT_PARSE_TIMESTAMP.
type ParseError struct{ Message string }

func (e *ParseError) Error() string { return e.Message }

// Parse parses s. It returns the wall clock in the time zone loc (a parsed
// zone or offset is converted to loc), or a *ParseError.
func (p *JavaPattern) Parse(s string, loc *time.Location) (time.Time, error) {
	st := parseState{yoe: -1, era: -1, month: -1, day: -1, doy: -1, hourOfDay: -1, clockHour24: -1,
		hour12: -1, clock12: -1, ampm: -1, minute: -1, second: -1, nanos: -1}
	pos, failAt, ok := p.parseElems(s, 0, 0, len(p.elems), &st)
	if !ok {
		return time.Time{}, &ParseError{fmt.Sprintf("Text '%s' could not be parsed at index %d", s, failAt)}
	}
	if pos != len(s) {
		return time.Time{}, &ParseError{fmt.Sprintf("Text '%s' could not be parsed, unparsed text found at index %d", s, pos)}
	}
	return resolveParsed(s, &st, loc)
}

// sectionEnd returns the index of the ']' closing the '[' at i.
func (p *JavaPattern) sectionEnd(i int) int {
	depth := 0
	for j := i; j < len(p.elems); j++ {
		switch p.elems[j].letter {
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return len(p.elems)
}

// fixedWidth is the width of a numeric element that always takes a fixed
// number of digits, or 0.
func fixedWidth(e javaElem) int {
	switch e.letter {
	case 'M', 'L', 'd', 'H', 'h', 'K', 'k', 'm', 's':
		if e.n == 2 {
			return 2
		}
	case 'y':
		if e.n == 2 {
			return 2
		}
	case 'D':
		if e.n == 3 {
			return 3
		}
	}
	return 0
}

func isNumericElem(e javaElem) bool {
	switch e.letter {
	case 'M', 'L':
		return e.n <= 2
	case 'y', 'd', 'D', 'H', 'h', 'K', 'k', 'm', 's', 'S':
		return true
	}
	return false
}

// parseElems parses elements [from, to) at pos; on failure it returns the
// index where the failing element started.
func (p *JavaPattern) parseElems(s string, pos, from, to int, st *parseState) (int, int, bool) {
	for i := from; i < to; i++ {
		e := p.elems[i]
		if e.letter == '[' {
			end := p.sectionEnd(i)
			saved := *st
			if np, _, ok := p.parseElems(s, pos, i+1, end, st); ok {
				pos = np
			} else {
				*st = saved
			}
			i = end
			continue
		}
		if e.letter == ']' {
			continue
		}
		if e.letter == 0 {
			if len(s)-pos < len(e.text) || !strings.EqualFold(s[pos:pos+len(e.text)], e.text) {
				return pos, pos, false
			}
			pos += len(e.text)
			continue
		}
		// Digits reserved for fixed-width numeric fields right after this one.
		reserved := 0
		if isNumericElem(e) && fixedWidth(e) == 0 {
			for j := i + 1; j < to && isNumericElem(p.elems[j]); j++ {
				w := fixedWidth(p.elems[j])
				if w == 0 {
					break
				}
				reserved += w
			}
		}
		np, ok := parseElem(s, pos, e, reserved, st)
		if !ok {
			return pos, pos, false
		}
		pos = np
	}
	return pos, pos, true
}

func countDigits(s string, pos int) int {
	k := 0
	for pos+k < len(s) && s[pos+k] >= '0' && s[pos+k] <= '9' {
		k++
	}
	return k
}

func matchName(s string, pos int, names []string) (int, int, bool) {
	for i, n := range names {
		if len(s)-pos >= len(n) && strings.EqualFold(s[pos:pos+len(n)], n) {
			return i, pos + len(n), true
		}
	}
	return 0, pos, false
}

func parseElem(s string, pos int, e javaElem, reserved int, st *parseState) (int, bool) {
	num := func(minW, maxW int) (int, int, bool) {
		avail := countDigits(s, pos)
		if reserved > 0 {
			avail -= reserved
		}
		if avail > maxW {
			avail = maxW
		}
		if avail < minW || avail > 10 {
			return 0, pos, false
		}
		v, _ := strconv.Atoi(s[pos : pos+avail])
		return v, pos + avail, true
	}
	n := e.n
	var v int
	var ok bool
	np := pos
	switch e.letter {
	case 'G':
		names := []string{"AD", "BC"}
		if n == 4 {
			names = []string{"Anno Domini", "Before Christ"}
		}
		var idx int
		idx, np, ok = matchName(s, pos, names)
		st.era = 1 - idx
	case 'y':
		switch {
		case n == 2:
			v, np, ok = num(2, 2)
			v += 2000
		case n >= 4:
			if pos < len(s) && s[pos] == '+' {
				pos++
				v, np, ok = num(n+1, 19)
			} else {
				// Without a sign the year takes exactly n digits; more
				// digits need a '+' (Java's EXCEEDS_PAD).
				v, np, ok = num(n, 19)
				if ok && np-pos > n {
					return pos, false
				}
			}
		default:
			neg := pos < len(s) && s[pos] == '-'
			if neg {
				pos++
			}
			v, np, ok = num(n, 19)
			if neg {
				v = -v
			}
		}
		if ok {
			st.yoe = v
		}
	case 'M', 'L':
		switch n {
		case 3:
			v, np, ok = matchName(s, pos, monthShortNames)
			v++
		case 4:
			v, np, ok = matchName(s, pos, monthLongNames)
			v++
		case 2:
			v, np, ok = num(2, 2)
		default:
			v, np, ok = num(1, 19)
		}
		st.month = v
	case 'D':
		switch n {
		case 1:
			v, np, ok = num(1, 19)
		case 2:
			v, np, ok = num(2, 3)
		default:
			v, np, ok = num(3, 3)
		}
		st.doy = v
	case 'd', 'H', 'h', 'K', 'k', 'm', 's':
		if n == 2 {
			v, np, ok = num(2, 2)
		} else {
			v, np, ok = num(1, 19)
		}
		switch e.letter {
		case 'd':
			st.day = v
		case 'H':
			st.hourOfDay = v
		case 'k':
			st.clockHour24 = v
		case 'h':
			st.clock12 = v
		case 'K':
			st.hour12 = v
		case 'm':
			st.minute = v
		case 's':
			st.second = v
		}
	case 'S':
		start := pos
		v, np, ok = num(1, n)
		for k := np - start; k < 9; k++ {
			v *= 10
		}
		st.nanos = v
	case 'a':
		v, np, ok = matchName(s, pos, []string{"AM", "PM"})
		st.ampm = v
	case 'X', 'x', 'Z':
		np, ok = parseOffset(s, pos, e, st)
	case 'O':
		np, ok = parseGMT(s, pos, st)
	case 'V', 'z', 'v':
		np, ok = parseZoneID(s, pos, st, e.letter != 'V')
	default:
		return pos, false
	}
	return np, ok
}

func twoDigits(s string, pos int) (int, bool) {
	if pos+2 > len(s) || countDigits(s, pos) < 2 {
		return 0, false
	}
	v, _ := strconv.Atoi(s[pos : pos+2])
	return v, true
}

// parseOffset reads an ISO offset for X / x / Z with e.n letters.
func parseOffset(s string, pos int, e javaElem, st *parseState) (int, bool) {
	n := e.n
	if e.letter == 'Z' && n == 4 {
		return parseGMT(s, pos, st)
	}
	if (e.letter == 'X' || e.letter == 'Z' && n == 5) && pos < len(s) && s[pos] == 'Z' {
		st.offset, st.hasOffset = 0, true
		return pos + 1, true
	}
	if pos >= len(s) || s[pos] != '+' && s[pos] != '-' {
		return pos, false
	}
	sign := 1
	if s[pos] == '-' {
		sign = -1
	}
	i := pos + 1
	h, ok := twoDigits(s, i)
	if !ok {
		return pos, false
	}
	i += 2
	colon := e.letter != 'Z' && (n == 3 || n == 5) || e.letter == 'Z' && n == 5
	m, sec := 0, 0
	optionalMin := (e.letter == 'X' || e.letter == 'x') && n == 1
	readPart := func(required bool) (int, bool) {
		j := i
		if colon {
			if j >= len(s) || s[j] != ':' {
				return 0, !required
			}
			j++
		}
		v, ok := twoDigits(s, j)
		if !ok {
			return 0, !required
		}
		i = j + 2
		return v, true
	}
	if m, ok = readPart(!optionalMin); !ok {
		return pos, false
	}
	if n == 4 || n == 5 {
		if sec, ok = readPart(false); !ok {
			return pos, false
		}
	}
	if h > 18 || m > 59 || sec > 59 {
		return pos, false
	}
	st.offset, st.hasOffset = sign*(h*3600+m*60+sec), true
	return i, true
}

// parseGMT reads "GMT", "GMT+8", "GMT+08:00", "GMT+5:30".
func parseGMT(s string, pos int, st *parseState) (int, bool) {
	if len(s)-pos < 3 || !strings.EqualFold(s[pos:pos+3], "GMT") {
		return pos, false
	}
	i := pos + 3
	if i >= len(s) || s[i] != '+' && s[i] != '-' {
		st.offset, st.hasOffset = 0, true
		return i, true
	}
	sign := 1
	if s[i] == '-' {
		sign = -1
	}
	i++
	d := countDigits(s, i)
	if d < 1 {
		return pos, false
	}
	if d > 2 {
		d = 2
	}
	h, _ := strconv.Atoi(s[i : i+d])
	i += d
	m := 0
	if i < len(s) && s[i] == ':' {
		v, ok := twoDigits(s, i+1)
		if !ok {
			return pos, false
		}
		m, i = v, i+3
	}
	st.offset, st.hasOffset = sign*(h*3600+m*60), true
	return i, true
}

// zoneAbbrevs maps the zone names Ember parses with z to their zones.
var zoneAbbrevs = map[string]string{
	"UTC": "UTC", "GMT": "GMT", "Z": "UTC",
	"PST": "America/Los_Angeles", "PDT": "America/Los_Angeles",
	"EST": "America/New_York", "EDT": "America/New_York",
	"CST": "America/Chicago", "CDT": "America/Chicago",
	"MST": "America/Denver", "MDT": "America/Denver",
	"CET": "Europe/Paris", "CEST": "Europe/Paris",
	"IST": "Asia/Kolkata",
}

// parseZoneID reads a region id ("America/New_York"), an offset id
// ("+05:30"), or (names true) a short zone name ("PST").
func parseZoneID(s string, pos int, st *parseState, names bool) (int, bool) {
	j := pos
	for j < len(s) && (isASCIILetter(s[j]) || s[j] >= '0' && s[j] <= '9' || strings.IndexByte("/_+-:", s[j]) >= 0) {
		j++
	}
	for k := j; k > pos; k-- {
		id := s[pos:k]
		if names {
			if z, ok := zoneAbbrevs[strings.ToUpper(id)]; ok {
				if loc, err := time.LoadLocation(z); err == nil {
					st.loc = loc
					return k, true
				}
			}
		}
		if isOffsetZone(id) {
			tmp := parseState{}
			if np, ok := parseOffset(id, 0, javaElem{letter: 'x', n: 5}, &tmp); ok && np == len(id) {
				st.offset, st.hasOffset = tmp.offset, true
				return k, true
			}
			continue
		}
		if strings.Contains(id, "/") || id == "UTC" || id == "GMT" {
			if loc, err := time.LoadLocation(id); err == nil {
				st.loc = loc
				return k, true
			}
		}
	}
	return pos, false
}

func rangeMsg(field string, lo, hi string, v int) string {
	return fmt.Sprintf("Invalid value for %s (valid values %s - %s): %d", field, lo, hi, v)
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func monthLen(y, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// dateMsg checks a year-month-day as Java's LocalDate.of does.
func dateMsg(y, m, d int) string {
	if m < 1 || m > 12 {
		return rangeMsg("MonthOfYear", "1", "12", m)
	}
	if d < 1 || d > 31 {
		return rangeMsg("DayOfMonth", "1", "28/31", d)
	}
	if d > monthLen(y, m) {
		if m == 2 && d == 29 {
			return fmt.Sprintf("Invalid date 'February 29' as '%d' is not a leap year", y)
		}
		return fmt.Sprintf("Invalid date '%s %d'", upperMonthNames[m-1], d)
	}
	return ""
}

func resolveParsed(s string, st *parseState, loc *time.Location) (time.Time, error) {
	wrap := func(msg string) error {
		return &ParseError{fmt.Sprintf("Text '%s' could not be parsed: %s", s, msg)}
	}
	// Time fields: Java checks their ranges while resolving.
	checks := []struct {
		v      int
		name   string
		lo, hi int
	}{
		{st.hourOfDay, "HourOfDay", 0, 23}, {st.clockHour24, "ClockHourOfDay", 1, 24},
		{st.clock12, "ClockHourOfAmPm", 1, 12}, {st.hour12, "HourOfAmPm", 0, 11},
		{st.minute, "MinuteOfHour", 0, 59}, {st.second, "SecondOfMinute", 0, 59},
	}
	for _, c := range checks {
		if c.v != -1 && (c.v < c.lo || c.v > c.hi) {
			return time.Time{}, wrap(rangeMsg(c.name, strconv.Itoa(c.lo), strconv.Itoa(c.hi), c.v))
		}
	}
	year, hasYear := 1970, false
	if st.yoe != -1 || st.era != -1 {
		hasYear = st.yoe != -1
		if hasYear {
			year = st.yoe
		}
		if st.era == 0 && hasYear {
			year = 1 - year
		}
	}
	var date time.Time
	switch {
	case st.doy != -1:
		max := 365
		if isLeap(year) {
			max = 366
		}
		if st.doy < 1 || st.doy > 366 {
			msg := rangeMsg("DayOfYear", "1", "365/366", st.doy)
			if hasYear {
				return time.Time{}, wrap(msg)
			}
			return time.Time{}, &ParseError{msg}
		}
		if st.doy > max {
			msg := fmt.Sprintf("Invalid date 'DayOfYear 366' as '%d' is not a leap year", year)
			if hasYear {
				return time.Time{}, wrap(msg)
			}
			return time.Time{}, &ParseError{msg}
		}
		date = time.Date(year, 1, st.doy, 0, 0, 0, 0, time.UTC)
		if st.month != -1 && int(date.Month()) != st.month || st.day != -1 && date.Day() != st.day {
			return time.Time{}, wrap("Conflict found: Field DayOfMonth differs from DayOfYear")
		}
	default:
		m, d := st.month, st.day
		complete := hasYear && m != -1 && d != -1
		if m == -1 {
			m = 1
		}
		if d == -1 {
			d = 1
		}
		if msg := dateMsg(year, m, d); msg != "" {
			if complete {
				return time.Time{}, wrap(msg)
			}
			return time.Time{}, &ParseError{msg}
		}
		date = time.Date(year, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	}
	hour := 0
	switch {
	case st.hourOfDay != -1:
		hour = st.hourOfDay
	case st.clockHour24 != -1:
		hour = st.clockHour24 % 24
	case st.clock12 != -1 || st.hour12 != -1:
		h := st.hour12
		if st.clock12 != -1 {
			h = st.clock12 % 12
		}
		if st.ampm == 1 {
			h += 12
		}
		hour = h
	case st.ampm == 1:
		hour = 12
	}
	minute, sec, nanos := max0(st.minute), max0(st.second), max0(st.nanos)
	wall := time.Date(date.Year(), date.Month(), date.Day(), hour, minute, sec, nanos, time.UTC)
	if wall.Year() != date.Year() && date.Year() > 0 {
		return time.Time{}, &ParseError{fmt.Sprintf("Text '%s' could not be parsed", s)}
	}
	switch {
	case st.hasOffset:
		inst := wall.Add(-time.Duration(st.offset) * time.Second)
		return wallIn(inst, loc), nil
	case st.loc != nil:
		inst := time.Date(wall.Year(), wall.Month(), wall.Day(), hour, minute, sec, nanos, st.loc)
		return wallIn(inst, loc), nil
	}
	return wall, nil
}

// wallIn is the wall clock of instant t in loc, as a UTC-labelled time.
func wallIn(t time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	l := t.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), l.Nanosecond(), time.UTC)
}

func max0(v int) int {
	if v < 0 {
		return 0
	}
	return v
}

// LoadZone resolves a session time zone id as Spark does (tz.Load).
func LoadZone(zone string) (*time.Location, error) {
	return tz.Load(zone)
}
