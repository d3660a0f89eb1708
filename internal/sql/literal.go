package sql

import (
	"encoding/hex"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// numberLiteral converts a numeric token (negated when neg) following
// Spark's literal rules: plain integers are int, then bigint, then
// decimal(n,0); suffixes L S Y D F BD pick bigint, smallint, tinyint,
// double, float, decimal; an exponent makes a double; a plain literal with
// a '.' is a decimal. start is where the literal (and its sign) begins.
func (p *parser) numberLiteral(t token, neg bool, start int) plan.Expr {
	text := t.text
	body := text
	switch t.kind {
	case tBigint, tSmallint, tTinyint, tDouble, tFloat:
		body = text[:len(text)-1]
	case tBigDecimal:
		body = text[:len(text)-2]
	}
	sign := ""
	if neg {
		sign = "-"
	}
	rangeErr := func(typ, min, max string) {
		e := newErr("INVALID_NUMERIC_LITERAL_RANGE", "22003",
			map[string]string{"rawStrippedQualifier": sign + body, "typeName": typ, "minValue": min, "maxValue": max},
			"Numeric literal "+sign+body+" is outside the valid range for "+typ+" with minimum value of "+min+
				" and maximum value of "+max+". Please adjust the value accordingly.")
		p.failSpan(e, start, t.end)
	}
	switch t.kind {
	case tInteger:
		n, ok := new(big.Int).SetString(sign+body, 10)
		if !ok {
			p.failTok(t, "")
		}
		if n.IsInt64() {
			v := n.Int64()
			if v >= math.MinInt32 && v <= math.MaxInt32 {
				return intLit(int32(v))
			}
			return &plan.Literal{Type: types.Long, Value: v}
		}
		return p.decimalLiteral(sign+body, start, t.end, false)
	case tBigint:
		v, err := strconv.ParseInt(sign+body, 10, 64)
		if err != nil {
			rangeErr("bigint", "-9223372036854775808", "9223372036854775807")
		}
		return &plan.Literal{Type: types.Long, Value: v}
	case tSmallint:
		v, err := strconv.ParseInt(sign+body, 10, 16)
		if err != nil {
			rangeErr("smallint", "-32768", "32767")
		}
		return &plan.Literal{Type: types.Short, Value: int16(v)}
	case tTinyint:
		v, err := strconv.ParseInt(sign+body, 10, 8)
		if err != nil {
			rangeErr("tinyint", "-128", "127")
		}
		return &plan.Literal{Type: types.Byte, Value: int8(v)}
	case tDouble, tExponent:
		v, err := strconv.ParseFloat(sign+body, 64)
		if err != nil && math.IsInf(v, 0) {
			rangeErr("double", "-1.7976931348623157E+308", "1.7976931348623157E+308")
		}
		return &plan.Literal{Type: types.Double, Value: v}
	case tFloat:
		v, err := strconv.ParseFloat(sign+body, 32)
		if err != nil && math.IsInf(v, 0) {
			rangeErr("float", "-3.4028234663852886E+38", "3.4028234663852886E+38")
		}
		return &plan.Literal{Type: types.Float, Value: float32(v)}
	}
	// tDecimal, tBigDecimal
	return p.decimalLiteral(sign+body, start, t.end, t.kind == tBigDecimal)
}

// decimalLiteral converts decimal text (digits, '.', exponent) into a
// decimal literal with Java BigDecimal's precision and scale; a negative
// scale is raised to 0 as Spark does.
func (p *parser) decimalLiteral(s string, start, end int, withContext bool) plan.Expr {
	d, ok := parseDecimalText(s)
	if !ok {
		p.fail(sparkerr.Internal("bad decimal literal %q", s))
	}
	if d.Precision > types.MaxDecimalPrecision {
		e := &sparkerr.Error{Class: "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", SQLState: "22003",
			JavaClass: sparkerr.ArithmeticException,
			Params:    map[string]string{"precision": strconv.Itoa(d.Precision), "maxPrecision": "38"},
			Text:      "Decimal precision " + strconv.Itoa(d.Precision) + " exceeds max precision 38."}
		if withContext {
			// Spark raises the BD suffix form as a ParseException with context.
			e.JavaClass = sparkerr.ParseException
			p.failSpan(e, start, end)
		}
		p.fail(e)
	}
	return &plan.Literal{Type: types.Decimal{Precision: d.Precision, Scale: d.Scale}, Value: d}
}

// parseDecimalText reads [-]digits[.digits][e[+-]digits] into an unscaled
// value, precision and scale (precision >= scale, as DecimalType needs).
func parseDecimalText(s string) (plan.DecimalValue, bool) {
	neg := false
	if strings.HasPrefix(s, "-") {
		neg = true
		s = s[1:]
	} else if strings.HasPrefix(s, "+") {
		s = s[1:]
	}
	exp := 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.Atoi(s[i+1:])
		if err != nil {
			return plan.DecimalValue{}, false
		}
		exp = e
		s = s[:i]
	}
	scale := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		scale = len(s) - i - 1
		s = s[:i] + s[i+1:]
	}
	if s == "" {
		return plan.DecimalValue{}, false
	}
	scale -= exp
	digits := strings.TrimLeft(s, "0")
	if digits == "" {
		digits = "0"
	}
	if scale < 0 {
		if digits != "0" {
			digits += strings.Repeat("0", -scale)
		}
		scale = 0
	}
	prec := len(digits)
	if prec < scale {
		prec = scale
	}
	if prec == 0 {
		prec = 1
	}
	if neg && digits != "0" {
		digits = "-" + digits
	}
	return plan.DecimalValue{Unscaled: digits, Precision: prec, Scale: scale}, true
}

// typedLiteral parses DATE '..', TIMESTAMP[_NTZ|_LTZ] '..', TIME '..' and X'..'.
func (p *parser) typedLiteral() plan.Expr {
	kw := p.advance()
	value := p.stringLit()
	end := p.prevEnd()
	invalid := func() {
		e := newErr("INVALID_TYPED_LITERAL", "42604", map[string]string{"valueType": `"` + kw.upper + `"`, "value": "'" + value + "'"},
			`The value of the typed literal "`+kw.upper+`" is invalid: '`+value+`'.`)
		p.failSpan(e, kw.pos, end)
	}
	switch kw.upper {
	case "DATE":
		d, ok := ParseDateString(value)
		if !ok {
			invalid()
		}
		return &plan.Literal{Type: types.Date, Value: plan.Date(d)}
	case "TIMESTAMP_NTZ":
		ts, ok := ParseTimestampString(value)
		if !ok || ts.JustTime {
			invalid()
		}
		return &plan.Literal{Type: types.TimestampNTZ, Value: plan.TimestampNTZ(ts.WallMicros)}
	case "TIMESTAMP", "TIMESTAMP_LTZ":
		ts, ok := ParseTimestampString(value)
		if !ok || ts.JustTime {
			invalid()
		}
		if ts.HasZone {
			micros, ok := ts.Instant(nil)
			if !ok {
				invalid()
			}
			return &plan.Literal{Type: types.Timestamp, Value: plan.Timestamp(micros)}
		}
		return &plan.SessionTimestamp{WallMicros: ts.WallMicros}
	case "TIME":
		ns, ok := ParseTimeString(value)
		if !ok {
			invalid()
		}
		return &plan.Literal{Type: types.DefaultTime, Value: plan.Time(ns)}
	case "X":
		h := value
		if len(h)%2 == 1 {
			h = "0" + h
		}
		b, err := hex.DecodeString(h)
		if err != nil {
			invalid()
		}
		return &plan.Literal{Type: types.Binary, Value: b}
	}
	p.failTok(kw, "")
	return nil
}

// ---- intervals ----

// intervalLiteral parses INTERVAL in its three forms: multi-unit
// (INTERVAL 1 DAY 2 HOURS), unit-to-unit (INTERVAL '1-2' YEAR TO MONTH)
// and a bare string (INTERVAL '1 day'). Like Spark with the legacy
// interval setting off, it produces ANSI year-month or day-time intervals.
func (p *parser) intervalLiteral() plan.Expr {
	kw := p.advance()
	valueStart := p.tok().pos
	if p.tok().kind == tString && !p.isIntervalUnit(p.peek(1)) {
		// INTERVAL 'string' (typed literal form).
		value := p.stringLit()
		iv, err := stringToInterval(value)
		if err != nil {
			e := newErr("INVALID_TYPED_LITERAL", "42604", map[string]string{"valueType": `"INTERVAL"`, "value": "'" + value + "'"},
				`The value of the typed literal "INTERVAL" is invalid: '`+value+`'.`)
			p.failSpan(e, kw.pos, p.prevEnd())
		}
		var units []string
		for _, w := range strings.Fields(strings.ToLower(value)) {
			w = strings.TrimSuffix(w, "s")
			if w != "interval" && isLetters(w) {
				units = append(units, w)
			}
		}
		return p.intervalFromUnits(iv, units, kw.pos, p.prevEnd())
	}
	var pairs []unitPair
	for {
		// [+|-] (integer | decimal | string)
		neg := false
		if p.isOp("+", "-") {
			neg = p.advance().val == "-"
		}
		vt := p.tok()
		var v string
		isString := false
		switch {
		case vt.kind == tInteger || vt.kind == tDecimal:
			p.advance()
			v = vt.text
			if neg {
				v = "-" + v
			}
		case vt.kind == tString:
			s := p.stringLit()
			isString = true
			v = s
			if neg {
				if strings.HasPrefix(s, "-") {
					v = strings.Replace(s, "-", "", 1)
				} else {
					v = "-" + s
				}
			}
		default:
			p.failHere()
		}
		ut := p.tok()
		if !p.isIntervalUnit(ut) {
			p.failHere()
		}
		p.advance()
		// Unit-to-unit form: value FROM TO TO.
		if len(pairs) == 0 && p.isKw("TO") {
			p.advance()
			to := p.tok()
			if !isKwTok(to, "SECOND", "MINUTE", "HOUR", "DAY", "MONTH", "YEAR") {
				p.failHere()
			}
			p.advance()
			if !isString {
				p.failSpan(&sparkerr.Error{JavaClass: sparkerr.ParseException, Params: map[string]string{},
					Text: "The value of from-to unit must be a string."}, valueStart, p.prevEnd())
			}
			return p.unitToUnitInterval(v, ut.upper, to.upper, valueStart, p.prevEnd())
		}
		if isString && strings.IndexFunc(v, isLetterRune) >= 0 {
			p.failSpan(&sparkerr.Error{JavaClass: sparkerr.ParseException, Params: map[string]string{"value": v},
				Text: "Can only use numbers in the interval value part for multiple unit value pairs interval form, but got invalid value: " + v + "."},
				valueStart, p.prevEnd())
		}
		pairs = append(pairs, unitPair{v, ut.text})
		// Another "[+|-] value unit" pair follows?
		j := 0
		if p.isOp("+", "-") {
			j = 1
		}
		vk := p.peek(j).kind
		if !((vk == tInteger || vk == tDecimal || vk == tString) && p.isIntervalUnit(p.peek(j+1))) {
			break
		}
	}
	return p.finishMultiUnits(pairs, kw.pos)
}

type unitPair struct{ value, unit string }

func (p *parser) finishMultiUnits(pairs []unitPair, start int) plan.Expr {
	var b strings.Builder
	var units []string
	for _, pr := range pairs {
		b.WriteString(" " + pr.value + " " + pr.unit)
		units = append(units, strings.TrimSuffix(strings.ToLower(pr.unit), "s"))
	}
	iv, err := stringToInterval(b.String())
	if err != nil {
		p.fail(err)
	}
	return p.intervalFromUnits(iv, units, start, p.prevEnd())
}

func (p *parser) isIntervalUnit(t token) bool {
	return isKwTok(t, "NANOSECOND", "NANOSECONDS", "MICROSECOND", "MICROSECONDS", "MILLISECOND", "MILLISECONDS",
		"SECOND", "SECONDS", "MINUTE", "MINUTES", "HOUR", "HOURS", "DAY", "DAYS", "WEEK", "WEEKS",
		"MONTH", "MONTHS", "YEAR", "YEARS")
}

func isLetterRune(r rune) bool { return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') }

func isLetters(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// intervalFromUnits types a parsed interval by the units it was written
// with: year/month units give a year-month interval, the others a
// day-time interval; mixing them is an error.
func (p *parser) intervalFromUnits(iv calendarInterval, units []string, start, end int) plan.Expr {
	ymMin, ymMax, dtMin, dtMax := 9, -1, 9, -1
	for _, u := range units {
		var f int
		ym := false
		switch u {
		case "year":
			f, ym = types.YearField, true
		case "month":
			f, ym = types.MonthField, true
		case "week", "day":
			f = types.DayField
		case "hour":
			f = types.HourField
		case "minute":
			f = types.MinuteField
		default:
			f = types.SecondField
		}
		if ym {
			ymMin, ymMax = min(ymMin, f), max(ymMax, f)
		} else {
			dtMin, dtMax = min(dtMin, f), max(dtMax, f)
		}
	}
	if ymMax >= 0 {
		if dtMax >= 0 {
			lit := p.src[start:end]
			p.failSpan(&sparkerr.Error{JavaClass: sparkerr.ParseException, Params: map[string]string{"literal": lit},
				Text: "Cannot mix year-month and day-time fields: " + lit + "."}, start, end)
		}
		return &plan.Literal{Type: types.YearMonthInterval{Start: ymMin, End: ymMax}, Value: plan.YearMonth(iv.months)}
	}
	if dtMax < 0 {
		dtMin, dtMax = types.DayField, types.SecondField
	}
	micros, ok := mulAdd(int64(iv.days), microsPerDay, iv.micros)
	if !ok || iv.months != 0 {
		p.fail(intervalErr("ARITHMETIC_EXCEPTION", p.src[start:end], "Uncaught arithmetic exception while parsing '"+p.src[start:end]+"'"))
	}
	return &plan.Literal{Type: types.DayTimeInterval{Start: dtMin, End: dtMax}, Value: plan.DayTime(micros)}
}

const (
	microsPerSecond = int64(1_000_000)
	microsPerMinute = 60 * microsPerSecond
	microsPerHour   = 60 * microsPerMinute
	microsPerDay    = 24 * microsPerHour
)

func mulAdd(a, m, b int64) (int64, bool) {
	hi, lo := bigMul(a, m)
	if !hi {
		return 0, false
	}
	s := lo + b
	if (b > 0 && s < lo) || (b < 0 && s > lo) {
		return 0, false
	}
	return s, true
}

func bigMul(a, m int64) (bool, int64) {
	if a == 0 || m == 0 {
		return true, 0
	}
	r := a * m
	if r/m != a {
		return false, 0
	}
	return true, r
}

type calendarInterval struct {
	months int32
	days   int32
	micros int64
}

func intervalErr(sub, input, detail string) *sparkerr.Error {
	return &sparkerr.Error{Class: "INVALID_INTERVAL_FORMAT." + sub, SQLState: "22006", JavaClass: sparkerr.SparkIllegalArgument,
		Params: map[string]string{"input": input},
		Text: "Error parsing '" + input + "' to interval. Please ensure that the value provided is in a valid format for defining an interval. " +
			"You can reference the documentation for the correct format. " + detail + "."}
}

// stringToInterval parses Spark's interval text: "[interval] [+|-]n unit
// [[+|-]n unit ...]" with units year, month, week, day, hour, minute,
// second, millisecond, microsecond (optionally plural); only seconds may
// have a fraction.
func stringToInterval(input string) (calendarInterval, *sparkerr.Error) {
	var iv calendarInterval
	s := strings.ToLower(strings.TrimSpace(input))
	if s == "" {
		return iv, intervalErr("INPUT_IS_EMPTY", input, "Interval string cannot be empty")
	}
	if strings.HasPrefix(s, "interval") {
		rest := s[len("interval"):]
		if rest == "" {
			return iv, intervalErr("INVALID_PREFIX", input, "Invalid interval prefix interval")
		}
		if rest[0] != ' ' && rest[0] != '\t' {
			return iv, intervalErr("INVALID_PREFIX", input, "Invalid interval prefix "+s)
		}
		s = strings.TrimSpace(rest)
	}
	i := 0
	seen := false
	months := int64(0)
	days := int64(0)
	micros := int64(0)
	overflow := func() (calendarInterval, *sparkerr.Error) {
		return calendarInterval{}, intervalErr("ARITHMETIC_EXCEPTION", input, "Uncaught arithmetic exception while parsing '"+input+"'")
	}
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i >= len(s) {
			break
		}
		neg := false
		if s[i] == '-' || s[i] == '+' {
			neg = s[i] == '-'
			i++
		}
		ds := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		intPart := s[ds:i]
		frac := ""
		hasFrac := false
		if i < len(s) && s[i] == '.' {
			hasFrac = true
			i++
			fs := i
			for i < len(s) && isDigit(s[i]) {
				i++
			}
			frac = s[fs:i]
		}
		if intPart == "" && frac == "" {
			word := s[ds:]
			if j := strings.IndexAny(word, " \t"); j >= 0 {
				word = word[:j]
			}
			return iv, intervalErr("INVALID_VALUE", input, "Unrecognized number '"+word+"'")
		}
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		us := i
		for i < len(s) && s[i] >= 'a' && s[i] <= 'z' {
			i++
		}
		unit := s[us:i]
		if unit == "" {
			if i >= len(s) {
				return iv, intervalErr("MISSING_UNIT", input, "Missing unit after '"+s[ds:us]+"'")
			}
			return iv, intervalErr("INVALID_UNIT", input, "Invalid unit "+s[us:])
		}
		if i < len(s) && s[i] != ' ' && s[i] != '\t' {
			return iv, intervalErr("INVALID_UNIT", input, "Invalid unit "+unit+s[i:i+1])
		}
		base := strings.TrimSuffix(unit, "s")
		if hasFrac && base != "second" {
			return iv, intervalErr("INVALID_FRACTION", input, unit+" cannot have fractional part")
		}
		var n int64
		var err error
		if intPart != "" {
			n, err = strconv.ParseInt(intPart, 10, 64)
		}
		if err != nil {
			return overflow()
		}
		if neg {
			n = -n
		}
		var ok bool
		switch base {
		case "year":
			months, ok = mulAdd(n, 12, months)
		case "month":
			months, ok = mulAdd(n, 1, months)
		case "week":
			days, ok = mulAdd(n, 7, days)
		case "day":
			days, ok = mulAdd(n, 1, days)
		case "hour":
			micros, ok = mulAdd(n, microsPerHour, micros)
		case "minute":
			micros, ok = mulAdd(n, microsPerMinute, micros)
		case "second":
			micros, ok = mulAdd(n, microsPerSecond, micros)
			if ok && frac != "" {
				f := frac
				if len(f) > 9 {
					return iv, intervalErr("INVALID_PRECISION", input, "Interval can only support nanosecond precision, '"+frac+"' is out of range")
				}
				f = (f + "000000")[:6]
				fv, _ := strconv.ParseInt(f, 10, 64)
				if neg {
					fv = -fv
				}
				micros, ok = mulAdd(1, fv, micros)
			}
		case "millisecond":
			micros, ok = mulAdd(n, 1000, micros)
		case "microsecond":
			micros, ok = mulAdd(n, 1, micros)
		default:
			return iv, intervalErr("INVALID_UNIT", input, "Invalid unit "+unit)
		}
		if !ok {
			return overflow()
		}
		seen = true
	}
	if !seen {
		return iv, intervalErr("INPUT_IS_EMPTY", input, "Interval string cannot be empty")
	}
	if months > math.MaxInt32 || months < math.MinInt32 || days > math.MaxInt32 || days < math.MinInt32 {
		return overflow()
	}
	return calendarInterval{months: int32(months), days: int32(days), micros: micros}, nil
}

var dtFieldNames = []string{"day", "hour", "minute", "second"}

// unitToUnitInterval parses INTERVAL 'value' FROM TO TO.
func (p *parser) unitToUnitInterval(value, from, to string, start, end int) plan.Expr {
	from, to = strings.ToLower(from), strings.ToLower(to)
	if from == "year" || from == "month" {
		if from == "year" && to == "month" {
			months, ok := parseYearMonthString(value)
			if !ok {
				p.failSpan(&sparkerr.Error{Class: "INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING", SQLState: "22006",
					JavaClass: sparkerr.ParseException, Params: map[string]string{"input": value},
					Text: "Error parsing '" + value + "' to interval. Please ensure that the value provided is in a valid format for defining an interval. " +
						"You can reference the documentation for the correct format. Interval string does not match year-month format of `[+|-]y-m`, " +
						"`INTERVAL [+|-]'[+|-]y-m' YEAR TO MONTH` when cast to interval year to month: " + value + "."}, start, end)
			}
			return &plan.Literal{Type: types.YearMonthInterval{Start: types.YearField, End: types.MonthField}, Value: plan.YearMonth(months)}
		}
		p.failUnsupportedFromToSpan(value, from, to, start, end)
	}
	fi, ti := indexOf(dtFieldNames, from), indexOf(dtFieldNames, to)
	if fi < 0 || ti < 0 || ti <= fi {
		p.failUnsupportedFromToSpan(value, from, to, start, end)
	}
	micros, ok := parseDayTimeString(value, fi, ti)
	if !ok {
		pattern := dayTimePattern(fi, ti)
		p.failSpan(&sparkerr.Error{Class: "INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING_WITH_NOTICE", SQLState: "22006",
			JavaClass: sparkerr.ParseException, Params: map[string]string{"input": value},
			Text: "Error parsing '" + value + "' to interval. Please ensure that the value provided is in a valid format for defining an interval. " +
				"You can reference the documentation for the correct format. Interval string does not match day-time format of `" + pattern +
				"`, `INTERVAL [+|-]'" + pattern + "' " + strings.ToUpper(from) + " TO " + strings.ToUpper(to) +
				"` when cast to interval " + from + " to " + to + ": " + value +
				". Set \"spark.sql.legacy.fromDayTimeString.enabled\" to \"true\" to restore the behavior before Spark 3.0."}, start, end)
	}
	return &plan.Literal{Type: types.DayTimeInterval{Start: fi, End: ti}, Value: plan.DayTime(micros)}
}

func (p *parser) failUnsupportedFromToSpan(value, from, to string, start, end int) {
	p.failSpan(&sparkerr.Error{Class: "INVALID_INTERVAL_FORMAT.UNSUPPORTED_FROM_TO_EXPRESSION", SQLState: "22006",
		JavaClass: sparkerr.ParseException, Params: map[string]string{"input": value, "from": from, "to": to},
		Text: "Error parsing '" + value + "' to interval. Please ensure that the value provided is in a valid format for defining an interval. " +
			"You can reference the documentation for the correct format. Cannot support (interval '" + value + "' " + from + " to " + to + ") expression."}, start, end)
}

func indexOf(xs []string, s string) int {
	for i, x := range xs {
		if x == s {
			return i
		}
	}
	return -1
}

func dayTimePattern(from, to int) string {
	parts := []string{"d", "h", "m", "s"}
	var b strings.Builder
	b.WriteString("[+|-]")
	for i := from; i <= to; i++ {
		if i > from {
			if i == 1 {
				b.WriteString(" ")
			} else {
				b.WriteString(":")
			}
		}
		b.WriteString(parts[i])
	}
	if to == 3 {
		b.WriteString(".n")
	}
	return b.String()
}

// stripIntervalWrapper accepts "INTERVAL [+|-]'v' FROM TO TO" written
// inside the string and returns the sign and inner value.
func stripIntervalWrapper(s string) (string, bool) {
	t := strings.TrimSpace(s)
	if !strings.HasPrefix(strings.ToLower(t), "interval") {
		return t, false
	}
	rest := strings.TrimSpace(t[len("interval"):])
	neg := false
	if strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "+") {
		neg = rest[0] == '-'
		rest = rest[1:]
	}
	if !strings.HasPrefix(rest, "'") {
		return t, false
	}
	j := strings.Index(rest[1:], "'")
	if j < 0 {
		return t, false
	}
	inner := rest[1 : 1+j]
	if neg {
		if strings.HasPrefix(inner, "-") {
			inner = inner[1:]
		} else {
			inner = "-" + strings.TrimPrefix(inner, "+")
		}
	}
	return inner, true
}

// parseYearMonthString reads "[+|-]y-m" (month 0..11) into months.
func parseYearMonthString(s string) (int32, bool) {
	v, _ := stripIntervalWrapper(s)
	v = strings.TrimSpace(v)
	neg := false
	if strings.HasPrefix(v, "-") || strings.HasPrefix(v, "+") {
		neg = v[0] == '-'
		v = v[1:]
	}
	ys, ms, ok := strings.Cut(v, "-")
	if !ok || !allDigits(ys) || !allDigits(ms) {
		return 0, false
	}
	y, err1 := strconv.ParseInt(ys, 10, 64)
	m, err2 := strconv.ParseInt(ms, 10, 64)
	if err1 != nil || err2 != nil || m > 11 {
		return 0, false
	}
	total := y*12 + m
	if neg {
		total = -total
	}
	if total > math.MaxInt32 || total < math.MinInt32 {
		return 0, false
	}
	return int32(total), true
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// parseDayTimeString reads the day-time forms ("d h", "d h:m", "d h:m:s.n",
// "h:m", "h:m:s.n", "m:s.n") for fields from..to into microseconds.
func parseDayTimeString(s string, from, to int) (int64, bool) {
	v, _ := stripIntervalWrapper(s)
	v = strings.TrimSpace(v)
	neg := false
	if strings.HasPrefix(v, "-") || strings.HasPrefix(v, "+") {
		neg = v[0] == '-'
		v = v[1:]
	}
	var fields []string
	if from == 0 {
		d, rest, ok := strings.Cut(v, " ")
		if !ok {
			return 0, false
		}
		fields = append(fields, d)
		fields = append(fields, strings.Split(rest, ":")...)
	} else {
		fields = strings.Split(v, ":")
	}
	if len(fields) != to-from+1 {
		return 0, false
	}
	var total int64
	units := []int64{microsPerDay, microsPerHour, microsPerMinute, microsPerSecond}
	limits := []int64{0, 23, 59, 59}
	for k, f := range fields {
		field := from + k
		frac := ""
		if field == 3 {
			if a, b, ok := strings.Cut(f, "."); ok {
				f, frac = a, b
				if !allDigits(frac) || len(frac) > 9 {
					return 0, false
				}
			}
		}
		if !allDigits(f) {
			return 0, false
		}
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return 0, false
		}
		if k > 0 && n > limits[field] {
			return 0, false
		}
		var ok bool
		total, ok = mulAdd(n, units[field], total)
		if !ok {
			return 0, false
		}
		if frac != "" {
			fv, _ := strconv.ParseInt((frac + "000000")[:6], 10, 64)
			total += fv
		}
	}
	if neg {
		total = -total
	}
	return total, true
}

// ParseIntervalString reads an interval string as Spark's
// IntervalUtils.fromIntervalString does ("10 minutes", "interval 1 day 2
// hours"); it fails with CANNOT_PARSE_INTERVAL.
func ParseIntervalString(input string) (plan.CalendarInterval, error) {
	iv, err := stringToInterval(input)
	if err != nil {
		return plan.CalendarInterval{}, &sparkerr.Error{Class: "CANNOT_PARSE_INTERVAL", SQLState: "22006", JavaClass: sparkerr.AnalysisException,
			Params: map[string]string{"intervalString": "'" + input + "'"},
			Text: "Unable to parse '" + input + "'. Please ensure that the value provided is in a valid format for defining an interval. " +
				"You can reference the documentation for the correct format. If the issue persists, please double check that the input value is not null or empty and try again."}
	}
	return plan.CalendarInterval{Months: iv.months, Days: iv.days, Microseconds: iv.micros}, nil
}
