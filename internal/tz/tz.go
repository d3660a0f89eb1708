// Package tz resolves Spark session time zone ids: to Go locations for
// Ember's own date-time code, and to the names DuckDB's ICU knows for the
// engine's session setting.
package tz

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // region ids must resolve even where the OS has no zoneinfo
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

// Load resolves a Spark session time zone id the way Spark's
// DateTimeUtils.getZoneId does (java.time.ZoneId.of with SHORT_IDS, after
// widening a one-digit offset hour or minute such as "+8:00" or "+08:0"):
// "Z", offsets "+h", "+hh", "+hhmm", "+hh:mm", "+hhmmss", "+hh:mm:ss" up
// to ±18:00, the prefixes "UTC", "GMT" and "UT" with or without an offset,
// Java's short ids, and IANA region ids (case-sensitive). The empty string
// means UTC.
func Load(id string) (*time.Location, error) {
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

// EngineName is the name under which DuckDB's ICU knows the zone id: the
// IANA region for region and short ids, UTC or an Etc/GMT zone for whole-
// hour offsets. ICU has no zone for other fixed offsets (+05:30), so those
// are refused with an error naming the id.
func EngineName(id string) (string, error) {
	loc, err := Load(id)
	if err != nil {
		return "", err
	}
	name := loc.String()
	if !isFixedName(name) {
		return name, nil
	}
	_, off := time.Date(2000, 1, 1, 0, 0, 0, 0, loc).Zone()
	switch {
	case off == 0:
		return "UTC", nil
	case off%3600 != 0 || off < -12*3600 || off > 14*3600:
		return "", fmt.Errorf("time zone %q: the engine knows fixed offsets of whole hours only", id)
	case off > 0:
		// Etc/GMT zones count hours west of Greenwich.
		return fmt.Sprintf("Etc/GMT-%d", off/3600), nil
	default:
		return fmt.Sprintf("Etc/GMT+%d", -off/3600), nil
	}
}

// isFixedName reports whether name is one resolveZone gives a fixed
// offset: Z, an offset, or UTC, GMT or UT with or without one.
func isFixedName(name string) bool {
	if name == "Z" || strings.HasPrefix(name, "+") || strings.HasPrefix(name, "-") {
		return true
	}
	for _, p := range []string{"UTC", "GMT", "UT"} {
		if rest, ok := strings.CutPrefix(name, p); ok && (rest == "" || rest[0] == '+' || rest[0] == '-') {
			return true
		}
	}
	return false
}
