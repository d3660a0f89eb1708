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
// later, except for integral values below 2^63, where JDK 17 (which Spark
// runs on) prints the exact integer less a fixed number of low digits
// (2^62 prints as 4.6116860184273879E18, 2.82879384806159E17 as
// 2.82879384806159008E17); see javaIntegralDigits. JDK 17's general
// algorithm still occasionally prints a longer form that this does not
// reproduce (1.0E23 prints as 9.999999999999999E22).
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
	digits, exp, ok := javaIntegralDigits(f, bits)
	if !ok {
		digits, exp = sciDigits(strconv.FormatFloat(f, 'e', -1, bits))
	}
	if !ok && len(digits) == 1 {
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

// insignificantDigits[p] is how many low decimal digits JDK 17 drops from
// an integral value whose binary exponent exceeds its significand width by
// p+1: those digits cannot be told apart at that magnitude.
var insignificantDigits = [...]int{
	0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3,
	4, 4, 4, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7,
	8, 8, 8, 9, 9, 9, 9, 10, 10, 10, 11, 11, 11,
	12, 12, 12, 12, 13, 13, 13, 14, 14, 14,
	15, 15, 15, 15, 16, 16, 16, 17, 17, 17,
	18, 18, 18, 19,
}

// javaIntegralDigits is JDK 17's fast path for a positive integral value
// below 2^63: the value's exact decimal digits, the insignificant low ones
// removed with rounding half up, trailing zeros trimmed. It returns the
// digits and the decimal exponent of the first one.
func javaIntegralDigits(f float64, bits int) (string, int, bool) {
	if f < 1 || f >= 1<<63 || f != math.Trunc(f) {
		return "", 0, false
	}
	sigBits := 53
	if bits == 32 {
		sigBits = 24
	}
	_, e := math.Frexp(f) // f = m·2^e with m in [0.5, 1)
	binExp := e - 1
	v := uint64(f)
	drop := 0
	if p := binExp - sigBits - 1; p > 1 && p < len(insignificantDigits) {
		drop = insignificantDigits[p]
	}
	if drop > 0 {
		pow := uint64(1)
		for i := 0; i < drop; i++ {
			pow *= 10
		}
		rem := v % pow
		v /= pow
		if rem >= pow/2 {
			v++
		}
	}
	s := strconv.FormatUint(v, 10)
	exp := len(s) - 1 + drop
	s = strings.TrimRight(s, "0")
	return s, exp, true
}
