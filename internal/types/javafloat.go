package types

import (
	"math"
	"strconv"
	"strings"
)

// JavaFloatString renders f as Java's Double.toString (bits 64) or
// Float.toString (bits 32), which Spark's cast to string and show() use:
// the shortest digits that round-trip, plain notation when the decimal
// exponent is in [-3, 7), computerized scientific notation ("1.0E10",
// "1.0E-4") otherwise, always with at least one fractional digit.
//
// The digits are the shortest round-trip ones, as produced by JDK 19 and
// later; JDK 17's older algorithm occasionally prints one or two extra
// digits (for example 2.82879384806159E17 prints as 2.82879384806159008E17).
func JavaFloatString(f float64, bits int) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		if math.Signbit(f) {
			return "-0.0"
		}
		return "0.0"
	}
	neg := f < 0
	if neg {
		f = -f
	}
	// "d.ddddde±xx": the shortest digits and the decimal exponent.
	digits, exp := sciDigits(strconv.FormatFloat(f, 'e', -1, bits))
	if len(digits) == 1 {
		// Java considers two-digit decimals too when one digit suffices and
		// picks the one closest to the value: 4.9E-324, not 5.0E-324.
		digits, exp = sciDigits(strconv.FormatFloat(f, 'e', 1, bits))
		digits = strings.TrimRight(digits, "0")
		if digits == "" {
			digits = "0"
		}
	}

	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	if exp >= -3 && exp < 7 {
		if exp >= 0 {
			intLen := exp + 1
			if len(digits) <= intLen {
				b.WriteString(digits)
				b.WriteString(strings.Repeat("0", intLen-len(digits)))
				b.WriteString(".0")
			} else {
				b.WriteString(digits[:intLen])
				b.WriteByte('.')
				b.WriteString(digits[intLen:])
			}
		} else {
			b.WriteString("0.")
			b.WriteString(strings.Repeat("0", -exp-1))
			b.WriteString(digits)
		}
		return b.String()
	}
	b.WriteByte(digits[0])
	b.WriteByte('.')
	if len(digits) > 1 {
		b.WriteString(digits[1:])
	} else {
		b.WriteByte('0')
	}
	b.WriteByte('E')
	b.WriteString(strconv.Itoa(exp))
	return b.String()
}

// sciDigits splits strconv's "d.ddde±xx" into its significant digits and
// decimal exponent.
func sciDigits(e string) (string, int) {
	mant, expStr, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expStr)
	return strings.Replace(mant, ".", "", 1), exp
}
