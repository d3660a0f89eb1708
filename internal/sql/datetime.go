package sql

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// These parse Spark's date and timestamp strings (the forms DATE '...',
// TIMESTAMP '...' and CAST(string AS DATE/TIMESTAMP) accept). They are
// exported so the analyzer and engine can share them.

func trimAll(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7F })
}

// daysFromCivil returns days since 1970-01-01 for a proleptic Gregorian date.
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func daysInMonth(y, m int64) int64 {
	switch m {
	case 4, 6, 9, 11:
		return 30
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

// ParseDateString parses "[+-]yyyy[-[m]m[-[d]d]]" optionally followed by
// a space or 'T' and anything, returning days since the epoch.
func ParseDateString(s string) (int32, bool) {
	b := trimAll(s)
	if b == "" {
		return 0, false
	}
	valid := func(seg, digits int) bool {
		if seg == 0 {
			return digits >= 4 && digits <= 7
		}
		return digits > 0 && digits <= 2
	}
	segs := [3]int64{1, 1, 1}
	sign := int64(1)
	j := 0
	if b[0] == '-' || b[0] == '+' {
		if b[0] == '-' {
			sign = -1
		}
		j++
	}
	i, val, digits := 0, int64(0), 0
	for j < len(b) && i < 3 && !(b[j] == ' ' || b[j] == 'T') {
		c := b[j]
		if i < 2 && c == '-' {
			if !valid(i, digits) {
				return 0, false
			}
			segs[i] = val
			val, digits = 0, 0
			i++
		} else {
			if c < '0' || c > '9' {
				return 0, false
			}
			val = val*10 + int64(c-'0')
			digits++
		}
		j++
	}
	if !valid(i, digits) {
		return 0, false
	}
	if i < 2 && j < len(b) {
		return 0, false
	}
	segs[i] = val
	y, m, d := sign*segs[0], segs[1], segs[2]
	if m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m) {
		return 0, false
	}
	days := daysFromCivil(y, m, d)
	if days > 1<<31-1 || days < -(1<<31) {
		return 0, false
	}
	return int32(days), true
}

// ParsedTimestamp is the result of ParseTimestampString.
type ParsedTimestamp struct {
	// WallMicros is the written date-time as microseconds since
	// 1970-01-01T00:00 (no zone applied).
	WallMicros int64
	// HasZone reports an explicit zone; Zone is then the zone (a fixed
	// offset when OffsetSeconds is used, otherwise a region).
	HasZone       bool
	Zone          *time.Location
	OffsetSeconds int
	// JustTime is set for time-only strings ("10:00:00", "T10:00"); their
	// date is the current date, which the caller must supply.
	JustTime bool
}

// Instant converts the timestamp to microseconds since the epoch (UTC),
// using its own zone or, when it has none, loc.
func (t ParsedTimestamp) Instant(loc *time.Location) (int64, bool) {
	if t.HasZone {
		if t.Zone == nil {
			return t.WallMicros - int64(t.OffsetSeconds)*microsPerSecond, true
		}
		loc = t.Zone
	}
	if loc == nil {
		loc = time.UTC
	}
	return WallToInstant(t.WallMicros, loc), true
}

// WallToInstant interprets wall-clock microseconds in loc.
func WallToInstant(wall int64, loc *time.Location) int64 {
	secs := floorDiv(wall, microsPerSecond)
	frac := wall - secs*microsPerSecond
	u := time.Unix(secs, 0).UTC()
	t := time.Date(u.Year(), u.Month(), u.Day(), u.Hour(), u.Minute(), u.Second(), 0, loc)
	return t.Unix()*microsPerSecond + frac
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// ParseTimestampString parses Spark's timestamp forms:
// "[+-]yyyy[-[m]m[-[d]d]][( |T)[h]h[:[m]m[:[s]s[.fraction]]]][zone]" and
// time-only "[h]h:[m]m[:[s]s[.fraction]][zone]" / "T...". Zones: Z,
// [+-]h[h][:mm], [+-]hhmm, UTC/GMT/UT with an offset, region ids and
// Java's short ids.
func ParseTimestampString(s string) (ParsedTimestamp, bool) {
	var res ParsedTimestamp
	b := trimAll(s)
	if b == "" {
		return res, false
	}
	valid := func(seg, digits int) bool {
		switch {
		case seg == 6:
			return true
		case seg == 0:
			return digits >= 4 && digits <= 6
		case seg == 7:
			return digits <= 2
		}
		return digits > 0 && digits <= 2
	}
	segs := [9]int64{1, 1, 1, 0, 0, 0, 0, 0, 0}
	i, val, digits, digitsMilli := 0, int64(0), 0, 0
	tz := ""
	hasTZ := false
	yearSign := int64(0)
	j := 0
	if b[0] == '-' || b[0] == '+' {
		yearSign = 1
		if b[0] == '-' {
			yearSign = -1
		}
		j++
	}
	fail := func() (ParsedTimestamp, bool) { return ParsedTimestamp{}, false }
	for j < len(b) {
		c := b[j]
		if c < '0' || c > '9' {
			switch {
			case j == 0 && c == 'T':
				res.JustTime = true
				i += 3
			case i < 2:
				if c == '-' {
					if !valid(i, digits) {
						return fail()
					}
					segs[i] = val
					val, digits = 0, 0
					i++
				} else if i == 0 && c == ':' && yearSign == 0 {
					res.JustTime = true
					if !valid(3, digits) {
						return fail()
					}
					segs[3] = val
					val, digits = 0, 0
					i = 4
				} else {
					return fail()
				}
			case i == 2:
				if c != ' ' && c != 'T' {
					return fail()
				}
				if !valid(i, digits) {
					return fail()
				}
				segs[i] = val
				val, digits = 0, 0
				i++
			case i == 3 || i == 4:
				if c != ':' {
					return fail()
				}
				if !valid(i, digits) {
					return fail()
				}
				segs[i] = val
				val, digits = 0, 0
				i++
			case i == 5 || i == 6:
				if c == '.' && i == 5 {
					if !valid(i, digits) {
						return fail()
					}
					segs[i] = val
					val, digits = 0, 0
					i++
				} else {
					if !valid(i, digits) {
						return fail()
					}
					segs[i] = val
					val, digits = 0, 0
					i++
					tz = b[j:]
					hasTZ = true
					j = len(b) - 1
				}
				if i == 6 && c != '.' {
					i++
				}
			default:
				return fail()
			}
		} else {
			if i == 6 {
				digitsMilli++
			}
			if i != 6 || digits < 6 {
				val = val*10 + int64(c-'0')
			}
			digits++
		}
		j++
	}
	if !valid(i, digits) {
		return fail()
	}
	if i < len(segs) {
		segs[i] = val
	}
	for digitsMilli < 6 {
		segs[6] *= 10
		digitsMilli++
	}
	if digitsMilli > 6 {
		// Only six digits were accumulated.
	}
	if yearSign != 0 {
		segs[0] *= yearSign
	}
	y, mo, d, h, mi, sec, us := segs[0], segs[1], segs[2], segs[3], segs[4], segs[5], segs[6]
	if mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59 {
		return fail()
	}
	res.WallMicros = daysFromCivil(y, mo, d)*microsPerDay + h*microsPerHour + mi*microsPerMinute + sec*microsPerSecond + us
	if hasTZ {
		loc, off, ok := parseZone(strings.TrimSpace(tz))
		if !ok {
			return fail()
		}
		res.HasZone = true
		res.Zone = loc
		res.OffsetSeconds = off
	}
	return res, true
}

// ParseTimeString parses a time of day the way Spark's string-to-TIME
// conversion does ("h:m[:s[.fraction]]", optionally after a 'T', no zone)
// and returns nanoseconds since midnight (the fraction kept to
// microseconds).
func ParseTimeString(s string) (int64, bool) {
	ts, ok := ParseTimestampString(s)
	if !ok || !ts.JustTime || ts.HasZone {
		return 0, false
	}
	us := ts.WallMicros % microsPerDay
	if us < 0 {
		us += microsPerDay
	}
	return us * 1000, true
}

var (
	offsetRe  = regexp.MustCompile(`^([+-])(\d{1,2})(?::?(\d{1,2}))?(?::?(\d{2}))?$`)
	shortZone = map[string]string{
		"ACT": "Australia/Darwin", "AET": "Australia/Sydney", "AGT": "America/Argentina/Buenos_Aires",
		"ART": "Africa/Cairo", "AST": "America/Anchorage", "BET": "America/Sao_Paulo", "BST": "Asia/Dhaka",
		"CAT": "Africa/Harare", "CNT": "America/St_Johns", "CST": "America/Chicago", "CTT": "Asia/Shanghai",
		"EAT": "Africa/Addis_Ababa", "ECT": "Europe/Paris", "IET": "America/Indiana/Indianapolis",
		"IST": "Asia/Kolkata", "JST": "Asia/Tokyo", "MIT": "Pacific/Apia", "NET": "Asia/Yerevan",
		"NST": "Pacific/Auckland", "PLT": "Asia/Karachi", "PNT": "America/Phoenix", "PRT": "America/Puerto_Rico",
		"PST": "America/Los_Angeles", "SST": "Pacific/Guadalcanal", "VST": "Asia/Ho_Chi_Minh",
	}
	fixedShortZone = map[string]int{"EST": -5 * 3600, "MST": -7 * 3600, "HST": -10 * 3600}
)

// parseZone reads a zone id the way Java's ZoneId.of does (with Spark's
// tolerance for "+h:mm" and "+hh:m"). A fixed offset returns a nil
// location and the offset in seconds.
func parseZone(z string) (*time.Location, int, bool) {
	if z == "" {
		return nil, 0, false
	}
	if z == "Z" || z == "z" {
		return nil, 0, true
	}
	if off, ok := parseOffset(z); ok {
		return nil, off, true
	}
	up := strings.ToUpper(z)
	for _, pfx := range []string{"UTC", "GMT", "UT"} {
		if up == pfx {
			return nil, 0, true
		}
		if strings.HasPrefix(up, pfx) && (up[len(pfx)] == '+' || up[len(pfx)] == '-') {
			off, ok := parseOffset(z[len(pfx):])
			return nil, off, ok
		}
	}
	if off, ok := fixedShortZone[up]; ok && up == z {
		return nil, off, true
	}
	name := z
	if long, ok := shortZone[z]; ok {
		name = long
	}
	if !strings.Contains(name, "/") {
		return nil, 0, false
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, 0, false
	}
	return loc, 0, true
}

func parseOffset(z string) (int, bool) {
	m := offsetRe.FindStringSubmatch(z)
	if m == nil {
		return 0, false
	}
	h, _ := strconv.Atoi(m[2])
	mi := 0
	if m[3] != "" {
		mi, _ = strconv.Atoi(m[3])
	}
	sec := 0
	if m[4] != "" {
		sec, _ = strconv.Atoi(m[4])
	}
	if h > 18 || mi > 59 || sec > 59 {
		return 0, false
	}
	off := h*3600 + mi*60 + sec
	if m[1] == "-" {
		off = -off
	}
	return off, true
}
