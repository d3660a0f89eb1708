package show

import (
	"strconv"
	"time"
)

const (
	microsPerSecond = int64(1_000_000)
	microsPerMinute = 60 * microsPerSecond
	microsPerHour   = 60 * microsPerMinute
	microsPerDay    = 24 * microsPerHour
)

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
