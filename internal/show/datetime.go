package show

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // region ids must resolve even where the OS has no zoneinfo
)

const (
	microsPerSecond = int64(1_000_000)
	microsPerMinute = 60 * microsPerSecond
	microsPerHour   = 60 * microsPerMinute
	microsPerDay    = 24 * microsPerHour
)

// javaShortIDs is java.time.ZoneId.SHORT_IDS, which Spark passes to
// ZoneId.of when it resolves spark.sql.session.timeZone.
var javaShortIDs = map[string]string{
	"ACT": "Australia/Darwin",
	"AET": "Australia/Sydney",
	"AGT": "America/Argentina/Buenos_Aires",
	"ART": "Africa/Cairo",
	"AST": "America/Anchorage",
	"BET": "America/Sao_Paulo",
	"BST": "Asia/Dhaka",
	"CAT": "Africa/Harare",
	"CNT": "America/St_Johns",
	"CST": "America/Chicago",
	"CTT": "Asia/Shanghai",
	"EAT": "Africa/Addis_Ababa",
	"ECT": "Europe/Paris",
	"IET": "America/Indiana/Indianapolis",
	"IST": "Asia/Kolkata",
	"JST": "Asia/Tokyo",
	"MIT": "Pacific/Apia",
	"NET": "Asia/Yerevan",
	"NST": "Pacific/Auckland",
	"PLT": "Asia/Karachi",
	"PNT": "America/Phoenix",
	"PRT": "America/Puerto_Rico",
	"PST": "America/Los_Angeles",
	"SST": "Pacific/Guadalcanal",
	"VST": "Asia/Ho_Chi_Minh",
	"EST": "-05:00",
	"MST": "-07:00",
	"HST": "-10:00",
}

// legacyZoneLinks are the zones tzdata 2024b turned into links. Java's
// bundled tzdb (and Go's embedded copy) follow 2024b, while some operating
// systems still ship the old definitions (which, for example, have no
// daylight saving time in EST5EDT before 1967); resolving the link targets
// directly gives Java's answer either way.
var legacyZoneLinks = map[string]string{
	"EST5EDT": "America/New_York",
	"CST6CDT": "America/Chicago",
	"MST7MDT": "America/Denver",
	"PST8PDT": "America/Los_Angeles",
	"CET":     "Europe/Brussels",
	"MET":     "Europe/Brussels",
	"EET":     "Europe/Athens",
	"WET":     "Europe/Lisbon",
}

var (
	zoneCache    sync.Map // id -> *time.Location
	oneDigitHour = regexp.MustCompile(`([+-])(\d):`)
	oneDigitMin  = regexp.MustCompile(`([+-])(\d\d):(\d)$`)
)

// LoadTimeZone resolves a Spark session time zone id the way Spark's
// DateTimeUtils.getZoneId does (java.time.ZoneId.of with SHORT_IDS, after
// widening a one-digit offset hour or minute such as "+8:00" or "+08:0"):
// "Z", offsets "+h", "+hh", "+hhmm", "+hh:mm", "+hhmmss", "+hh:mm:ss" up
// to ±18:00, the prefixes "UTC", "GMT" and "UT" with or without an offset,
// Java's short ids, and IANA region ids (case-sensitive). The empty string
// means UTC.
func LoadTimeZone(id string) (*time.Location, error) {
	if id == "" {
		return time.UTC, nil
	}
	if l, ok := zoneCache.Load(id); ok {
		return l.(*time.Location), nil
	}
	loc, err := resolveZone(id)
	if err != nil {
		return nil, err
	}
	zoneCache.Store(id, loc)
	return loc, nil
}

func resolveZone(id string) (*time.Location, error) {
	norm := id
	if m := oneDigitHour.FindStringSubmatchIndex(norm); m != nil {
		norm = norm[:m[0]] + norm[m[2]:m[3]] + "0" + norm[m[4]:m[5]] + ":" + norm[m[1]:]
	}
	if m := oneDigitMin.FindStringSubmatchIndex(norm); m != nil {
		norm = norm[:m[0]] + norm[m[2]:m[3]] + norm[m[4]:m[5]] + ":0" + norm[m[6]:m[7]]
	}
	if s, ok := javaShortIDs[norm]; ok {
		norm = s
	}
	if norm == "Z" || strings.HasPrefix(norm, "+") || strings.HasPrefix(norm, "-") {
		secs, err := parseOffset(norm)
		if err != nil {
			return nil, fmt.Errorf("invalid time zone id %q: %v", id, err)
		}
		return time.FixedZone(norm, secs), nil
	}
	for _, prefix := range []string{"UTC", "GMT", "UT"} {
		if norm == prefix {
			return time.FixedZone(norm, 0), nil
		}
		rest, ok := strings.CutPrefix(norm, prefix)
		if ok && (strings.HasPrefix(rest, "+") || strings.HasPrefix(rest, "-")) {
			secs, err := parseOffset(rest)
			if err != nil {
				return nil, fmt.Errorf("invalid time zone id %q: %v", id, err)
			}
			return time.FixedZone(norm, secs), nil
		}
	}
	if norm == "Local" || strings.ContainsAny(norm, " ") {
		return nil, fmt.Errorf("invalid time zone id %q", id)
	}
	name := norm
	if target, ok := legacyZoneLinks[norm]; ok {
		name = target
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("invalid time zone id %q", id)
	}
	return loc, nil
}

// parseOffset parses java.time.ZoneOffset.of ids into seconds east of UTC.
func parseOffset(s string) (int, error) {
	if s == "Z" {
		return 0, nil
	}
	if len(s) < 2 || (s[0] != '+' && s[0] != '-') {
		return 0, fmt.Errorf("bad offset")
	}
	body := s[1:]
	num := func(t string) (int, bool) {
		for i := 0; i < len(t); i++ {
			if t[i] < '0' || t[i] > '9' {
				return 0, false
			}
		}
		v, err := strconv.Atoi(t)
		return v, err == nil
	}
	var h, m, sec int
	ok := true
	var ok2, ok3 bool
	switch len(body) {
	case 1, 2:
		h, ok = num(body)
	case 4:
		h, ok = num(body[:2])
		m, ok2 = num(body[2:])
		ok = ok && ok2
	case 5:
		h, ok = num(body[:2])
		m, ok2 = num(body[3:])
		ok = ok && ok2 && body[2] == ':'
	case 6:
		h, ok = num(body[:2])
		m, ok2 = num(body[2:4])
		sec, ok3 = num(body[4:])
		ok = ok && ok2 && ok3
	case 8:
		h, ok = num(body[:2])
		m, ok2 = num(body[3:5])
		sec, ok3 = num(body[6:])
		ok = ok && ok2 && ok3 && body[2] == ':' && body[5] == ':'
	default:
		ok = false
	}
	if !ok || h > 18 || m > 59 || sec > 59 {
		return 0, fmt.Errorf("bad offset")
	}
	total := h*3600 + m*60 + sec
	if total > 18*3600 {
		return 0, fmt.Errorf("bad offset")
	}
	if s[0] == '-' {
		total = -total
	}
	return total, nil
}

// appendYear writes a year as java.time's "uuuu" pattern does: at least four
// digits, a '+' above 9999 and a '-' below zero.
func appendYear(b []byte, y int) []byte {
	switch {
	case y > 9999:
		b = append(b, '+')
		return strconv.AppendInt(b, int64(y), 10)
	case y < 0:
		b = append(b, '-')
		y = -y
	}
	return appendPadded(b, int64(y), 4)
}

func appendPadded(b []byte, v int64, width int) []byte {
	s := strconv.FormatInt(v, 10)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// formatDate renders days since 1970-01-01 (proleptic Gregorian) as Spark
// prints a DATE.
func formatDate(days int64) string {
	t := time.Unix(days*86400, 0).UTC()
	y, m, d := t.Date()
	b := make([]byte, 0, 12)
	b = appendYear(b, y)
	b = append(b, '-')
	b = appendPadded(b, int64(m), 2)
	b = append(b, '-')
	b = appendPadded(b, int64(d), 2)
	return string(b)
}

// formatTimestamp renders microseconds since the epoch in loc as Spark's
// fraction formatter does: "uuuu-MM-dd HH:mm:ss" plus the microseconds
// without trailing zeros.
func formatTimestamp(micros int64, loc *time.Location) string {
	secs := micros / microsPerSecond
	frac := micros % microsPerSecond
	if frac < 0 {
		frac += microsPerSecond
		secs--
	}
	t := time.Unix(secs, 0).In(loc)
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	b := make([]byte, 0, 26)
	b = appendYear(b, y)
	b = append(b, '-')
	b = appendPadded(b, int64(mo), 2)
	b = append(b, '-')
	b = appendPadded(b, int64(d), 2)
	b = append(b, ' ')
	b = appendPadded(b, int64(h), 2)
	b = append(b, ':')
	b = appendPadded(b, int64(mi), 2)
	b = append(b, ':')
	b = appendPadded(b, int64(s), 2)
	if frac != 0 {
		digits := appendPadded(nil, frac, 6)
		for len(digits) > 0 && digits[len(digits)-1] == '0' {
			digits = digits[:len(digits)-1]
		}
		b = append(b, '.')
		b = append(b, digits...)
	}
	return string(b)
}
