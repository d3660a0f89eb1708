package variant

import (
	"encoding/base64"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emberdb/ember/internal/types"
)

// ToJSON renders v as Spark's Variant.toJson does: compact JSON with
// object fields in key order, decimals in plain notation without trailing
// zeros, dates and timestamps as quoted strings (timestamps in loc).
func ToJSON(v Variant, loc *time.Location) (string, error) {
	var sb strings.Builder
	if err := writeJSON(&sb, v, loc, 0); err != nil {
		return "", err
	}
	return sb.String(), nil
}

func writeJSON(sb *strings.Builder, v Variant, loc *time.Location, depth int) error {
	if depth > 10000 {
		return ErrMalformed
	}
	t, err := v.Type()
	if err != nil {
		return err
	}
	switch t {
	case Object:
		n, err := v.Len()
		if err != nil {
			return err
		}
		sb.WriteByte('{')
		for i := 0; i < n; i++ {
			k, f, err := v.Field(i)
			if err != nil {
				return err
			}
			if i > 0 {
				sb.WriteByte(',')
			}
			WriteJSONString(sb, k)
			sb.WriteByte(':')
			if err := writeJSON(sb, f, loc, depth+1); err != nil {
				return err
			}
		}
		sb.WriteByte('}')
		return nil
	case Array:
		n, err := v.Len()
		if err != nil {
			return err
		}
		sb.WriteByte('[')
		for i := 0; i < n; i++ {
			e, err := v.Elem(i)
			if err != nil {
				return err
			}
			if i > 0 {
				sb.WriteByte(',')
			}
			if err := writeJSON(sb, e, loc, depth+1); err != nil {
				return err
			}
		}
		sb.WriteByte(']')
		return nil
	case String:
		s, err := v.Str()
		if err != nil {
			return err
		}
		WriteJSONString(sb, s)
		return nil
	}
	s, quoted, err := scalarText(v, t, loc)
	if err != nil {
		return err
	}
	if quoted {
		WriteJSONString(sb, s)
	} else {
		sb.WriteString(s)
	}
	return nil
}

// scalarText is the text of a non-string scalar and whether JSON quotes it.
func scalarText(v Variant, t Type, loc *time.Location) (string, bool, error) {
	switch t {
	case Null:
		return "null", false, nil
	case Boolean:
		b, err := v.Bool()
		return strconv.FormatBool(b), false, err
	case Long:
		x, err := v.Long()
		return strconv.FormatInt(x, 10), false, err
	case Double:
		d, err := v.Double()
		if math.IsNaN(d) || math.IsInf(d, 0) {
			return types.JavaFloatString(d, 64), true, err
		}
		return types.JavaFloatString(d, 64), false, err
	case Float:
		f, err := v.Float()
		if f != f || math.IsInf(float64(f), 0) {
			return types.JavaFloatString(float64(f), 32), true, err
		}
		return types.JavaFloatString(float64(f), 32), false, err
	case Decimal:
		u, s, err := v.Decimal()
		if err != nil {
			return "", false, err
		}
		return PlainDecimal(u, s), false, nil
	case Date:
		d, err := v.Long()
		return FormatDate(d), true, err
	case Timestamp, TimestampNTZ:
		x, err := v.Long()
		secs := floorDiv(x, 1_000_000)
		return FormatTimestamp(secs, (x-secs*1_000_000)*1000, t == Timestamp, loc), true, err
	case TimestampNanos, TimestampNTZNanos:
		x, err := v.Long()
		secs := floorDiv(x, 1_000_000_000)
		return FormatTimestamp(secs, x-secs*1_000_000_000, t == TimestampNanos, loc), true, err
	case Time:
		x, err := v.Long()
		return isoTime(x * 1000), true, err
	case Binary:
		b, err := v.Bytes()
		return base64.StdEncoding.EncodeToString(b), true, err
	case UUID:
		u, err := v.UUIDBytes()
		if err != nil {
			return "", false, err
		}
		return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16]), true, nil
	}
	return "", false, ErrMalformed
}

// PlainDecimal renders unscaled/10^scale without exponent (Java's
// BigDecimal.toPlainString).
func PlainDecimal(u *big.Int, scale int) string {
	neg := u.Sign() < 0
	s := new(big.Int).Abs(u).String()
	if scale > 0 {
		if len(s) <= scale {
			s = strings.Repeat("0", scale-len(s)+1) + s
		}
		s = s[:len(s)-scale] + "." + s[len(s)-scale:]
	} else if scale < 0 {
		s += strings.Repeat("0", -scale)
	}
	if neg {
		return "-" + s
	}
	return s
}

// FormatDate renders days since the epoch as yyyy-MM-dd.
func FormatDate(days int64) string {
	t := time.Unix(days*86400, 0).UTC()
	return isoDate(t)
}

func isoDate(t time.Time) string {
	y, m, d := t.Date()
	var ys string
	switch {
	case y > 9999:
		ys = "+" + strconv.Itoa(y)
	case y < 0:
		ys = fmt.Sprintf("-%04d", -y)
	default:
		ys = fmt.Sprintf("%04d", y)
	}
	return fmt.Sprintf("%s-%02d-%02d", ys, int(m), d)
}

// FormatTimestamp renders an instant (seconds since the epoch plus
// nanoseconds, 0 <= frac < 1e9; split so that microsecond timestamps of any
// year fit) as java.time's ISO_LOCAL_DATE ' ' ISO_LOCAL_TIME, in loc with
// its +HH:MM offset when withZone, else as a wall clock in UTC.
func FormatTimestamp(secs, frac int64, withZone bool, loc *time.Location) string {
	t := time.Unix(secs, 0).UTC()
	if withZone && loc != nil {
		t = t.In(loc)
	}
	h, mi, s := t.Clock()
	out := isoDate(t) + " " + isoTime(((int64(h)*60+int64(mi))*60+int64(s))*1_000_000_000+frac)
	if withZone {
		_, off := t.Zone()
		sign := '+'
		if off < 0 {
			sign, off = '-', -off
		}
		out += fmt.Sprintf("%c%02d:%02d", sign, off/3600, off/60%60)
		if off%60 != 0 {
			out += fmt.Sprintf(":%02d", off%60)
		}
	}
	return out
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// isoTime renders nanoseconds since midnight as java.time's ISO_LOCAL_TIME.
func isoTime(nanos int64) string {
	secs, frac := nanos/1_000_000_000, nanos%1_000_000_000
	s := fmt.Sprintf("%02d:%02d:%02d", secs/3600, secs/60%60, secs%60)
	if frac != 0 {
		s += "." + strings.TrimRight(fmt.Sprintf("%09d", frac), "0")
	}
	return s
}

// WriteJSONString writes s quoted as Jackson's JsonGenerator does: quotes,
// backslashes and control characters escaped, the rest kept.
func WriteJSONString(sb *strings.Builder, s string) {
	const hex = "0123456789ABCDEF"
	sb.WriteByte('"')
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		switch {
		case r == '"':
			sb.WriteString(`\"`)
		case r == '\\':
			sb.WriteString(`\\`)
		case r == '\b':
			sb.WriteString(`\b`)
		case r == '\f':
			sb.WriteString(`\f`)
		case r == '\n':
			sb.WriteString(`\n`)
		case r == '\r':
			sb.WriteString(`\r`)
		case r == '\t':
			sb.WriteString(`\t`)
		case r < 0x20:
			sb.WriteString(`\u00`)
			sb.WriteByte(hex[r>>4])
			sb.WriteByte(hex[r&15])
		default:
			sb.WriteRune(r)
		}
	}
	sb.WriteByte('"')
}
