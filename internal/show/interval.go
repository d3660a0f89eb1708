package show

import (
	"math"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/types"
)

var dayTimeFieldNames = [...]string{"DAY", "HOUR", "MINUTE", "SECOND"}

// formatYearMonthInterval renders a year-month interval (a number of months)
// as Spark's ANSI interval literal, e.g. INTERVAL '1-2' YEAR TO MONTH.
func formatYearMonthInterval(months int32, t types.YearMonthInterval) string {
	sign := ""
	abs := int64(months)
	if abs < 0 {
		sign = "-"
		abs = -abs
	}
	year := sign + strconv.FormatInt(abs/12, 10)
	switch {
	case t.Start != t.End:
		return "INTERVAL '" + year + "-" + strconv.FormatInt(abs%12, 10) + "' YEAR TO MONTH"
	case t.Start == types.MonthField:
		return "INTERVAL '" + strconv.FormatInt(int64(months), 10) + "' MONTH"
	default:
		return "INTERVAL '" + year + "' YEAR"
	}
}

// formatDayTimeInterval renders a day-time interval (microseconds) as
// Spark's ANSI interval literal, e.g. INTERVAL '1 02:03:04.5' DAY TO SECOND.
// The leading field is not padded beyond two digits and may exceed its
// usual range; the seconds keep only significant fractional digits.
func formatDayTimeInterval(micros int64, t types.DayTimeInterval) string {
	start, end := t.Start, t.End
	if start < types.DayField || start > types.SecondField {
		start = types.DayField
	}
	if end < start || end > types.SecondField {
		end = types.SecondField
	}
	postfix := "' " + dayTimeFieldNames[start]
	if start != end {
		postfix += " TO " + dayTimeFieldNames[end]
	}
	if micros == math.MinInt64 {
		// Negating the minimum overflows; Spark spells this value out.
		const base = "-106751991 04:00:54.775808000"
		first := [...]string{"-106751991", "-2562047788", "-153722867280", "-9223372036854.775808"}[start]
		rest := ""
		if start != end {
			from := [...]int{10, 13, 16}[start]
			to := [...]int{0, 13, 16, 26}[end]
			rest = base[from:to]
		}
		return "INTERVAL '" + first + rest + postfix
	}
	var b strings.Builder
	b.WriteString("INTERVAL '")
	rest := micros
	if rest < 0 {
		b.WriteByte('-')
		rest = -rest
	}
	two := func(v int64) {
		if v < 10 {
			b.WriteByte('0')
		}
		b.WriteString(strconv.FormatInt(v, 10))
	}
	seconds := func(v int64) {
		if v < 10*microsPerSecond {
			b.WriteByte('0')
		}
		b.WriteString(plainMicros(v))
	}
	switch start {
	case types.DayField:
		b.WriteString(strconv.FormatInt(rest/microsPerDay, 10))
		rest %= microsPerDay
	case types.HourField:
		two(rest / microsPerHour)
		rest %= microsPerHour
	case types.MinuteField:
		two(rest / microsPerMinute)
		rest %= microsPerMinute
	case types.SecondField:
		seconds(rest)
	}
	if start < types.HourField && types.HourField <= end {
		b.WriteByte(' ')
		two(rest / microsPerHour)
		rest %= microsPerHour
	}
	if start < types.MinuteField && types.MinuteField <= end {
		b.WriteByte(':')
		two(rest / microsPerMinute)
		rest %= microsPerMinute
	}
	if start < types.SecondField && types.SecondField <= end {
		b.WriteByte(':')
		seconds(rest)
	}
	b.WriteString(postfix)
	return b.String()
}

// plainMicros renders a non-negative number of microseconds as seconds in
// plain notation without trailing fractional zeros (Java's
// BigDecimal.valueOf(v, 6).stripTrailingZeros().toPlainString()).
func plainMicros(v int64) string {
	neg := v < 0
	u := uint64(v)
	if neg {
		u = uint64(-v)
	}
	whole := strconv.FormatUint(u/1_000_000, 10)
	frac := u % 1_000_000
	s := whole
	if frac != 0 {
		f := strconv.FormatUint(frac+1_000_000, 10)[1:]
		s += "." + strings.TrimRight(f, "0")
	}
	if neg {
		s = "-" + s
	}
	return s
}

// formatCalendarInterval renders a CalendarInterval as its Java toString:
// "1 years 2 months 3 days 4 hours 5 minutes 6.5 seconds", omitting zero
// units, or "0 seconds".
func formatCalendarInterval(months, days int32, micros int64) string {
	if months == 0 && days == 0 && micros == 0 {
		return "0 seconds"
	}
	var parts []string
	unit := func(v int64, name string) {
		if v != 0 {
			parts = append(parts, strconv.FormatInt(v, 10)+" "+name)
		}
	}
	if months != 0 {
		unit(int64(months/12), "years")
		unit(int64(months%12), "months")
	}
	unit(int64(days), "days")
	if micros != 0 {
		rest := micros
		unit(rest/microsPerHour, "hours")
		rest %= microsPerHour
		unit(rest/microsPerMinute, "minutes")
		rest %= microsPerMinute
		if rest != 0 {
			parts = append(parts, plainMicros(rest)+" seconds")
		}
	}
	return strings.Join(parts, " ")
}

// IntervalSQL renders an ANSI interval value (months for year-month,
// microseconds for day-time) as Spark's SQL text of the literal.
func IntervalSQL(t types.DataType, v int64) (string, bool) {
	switch x := t.(type) {
	case types.YearMonthInterval:
		return formatYearMonthInterval(int32(v), x), true
	case types.DayTimeInterval:
		return formatDayTimeInterval(v, x), true
	}
	return "", false
}
