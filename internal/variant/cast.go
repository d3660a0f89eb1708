package variant

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/emberdb/ember/internal/types"
)

// Cast converts v to an atomic SQL type as variant_get and CAST do: the
// scalar is read as its own type (all integers as BIGINT) and converted
// with Spark's ANSI cast rules, a failed conversion (or one ANSI does not
// allow) giving ok=false. A variant null gives nil, ok. Objects and arrays
// only cast to STRING (their JSON).
//
// Results: BOOLEAN bool, TINYINT int8, SMALLINT int16, INT int32, BIGINT
// int64, FLOAT float32, DOUBLE float64, DECIMAL its plain text at the
// target scale, STRING string, BINARY []byte, DATE int32 days, TIMESTAMP
// and TIMESTAMP_NTZ int64 micros.
func Cast(v Variant, to types.DataType, loc *time.Location) (any, bool, error) {
	t, err := v.Type()
	if err != nil {
		return nil, false, err
	}
	if t == Null {
		return nil, true, nil
	}
	switch t {
	case Object, Array:
		if types.IsStringLike(to) {
			s, err := ToJSON(v, loc)
			return s, err == nil, err
		}
		return nil, false, nil
	case Boolean:
		b, err := v.Bool()
		if err != nil {
			return nil, false, err
		}
		r, ok := fromBool(b, to)
		return r, ok, nil
	case Long:
		x, err := v.Long()
		if err != nil {
			return nil, false, err
		}
		r, ok := fromDecimal(big.NewInt(x), 0, to, true)
		return r, ok, nil
	case Decimal:
		u, s, err := v.Decimal()
		if err != nil {
			return nil, false, err
		}
		r, ok := fromDecimal(u, s, to, false)
		return r, ok, nil
	case Double, Float:
		var d float64
		bits := 64
		if t == Double {
			d, err = v.Double()
		} else {
			var f float32
			f, err = v.Float()
			d, bits = float64(f), 32
		}
		if err != nil {
			return nil, false, err
		}
		r, ok := fromDouble(d, bits, to)
		return r, ok, nil
	case String:
		s, err := v.Str()
		if err != nil {
			return nil, false, err
		}
		r, ok := fromString(s, to, loc)
		return r, ok, nil
	case Date:
		d, err := v.Long()
		if err != nil {
			return nil, false, err
		}
		switch to.Kind() {
		case types.KindDate:
			return int32(d), true, nil
		case types.KindString:
			return FormatDate(d), true, nil
		case types.KindTimestampNTZ:
			return d * 86400_000_000, true, nil
		case types.KindTimestamp:
			y, m, dd := time.Unix(d*86400, 0).UTC().Date()
			return time.Date(y, m, dd, 0, 0, 0, 0, loc).UnixMicro(), true, nil
		}
		return nil, false, nil
	case Timestamp, TimestampNTZ, TimestampNanos, TimestampNTZNanos:
		x, err := v.Long()
		if err != nil {
			return nil, false, err
		}
		micros := x
		if t == TimestampNanos || t == TimestampNTZNanos {
			micros = floorDiv(x, 1000)
		}
		zoned := t == Timestamp || t == TimestampNanos
		r, ok := fromTimestamp(micros, zoned, to, loc)
		return r, ok, nil
	case Binary:
		b, err := v.Bytes()
		if err != nil {
			return nil, false, err
		}
		switch to.Kind() {
		case types.KindBinary:
			return b, true, nil
		case types.KindString:
			return string(b), true, nil
		}
		return nil, false, nil
	case Time, UUID:
		if to.Kind() == types.KindString {
			s, _, err := scalarText(v, t, loc)
			return s, err == nil, err
		}
		return nil, false, nil
	}
	return nil, false, nil
}

func fromBool(b bool, to types.DataType) (any, bool) {
	n := int64(0)
	if b {
		n = 1
	}
	switch to.Kind() {
	case types.KindBoolean:
		return b, true
	case types.KindString:
		return strconv.FormatBool(b), true
	case types.KindByte, types.KindShort, types.KindInt, types.KindLong, types.KindFloat, types.KindDouble, types.KindDecimal:
		return fromDecimal(big.NewInt(n), 0, to, true)
	}
	return nil, false
}

// fromDecimal converts an exact number (an integer when integral).
func fromDecimal(u *big.Int, scale int, to types.DataType, integral bool) (any, bool) {
	switch to.Kind() {
	case types.KindBoolean:
		return u.Sign() != 0, true
	case types.KindString:
		return PlainDecimal(u, scale), true
	case types.KindByte, types.KindShort, types.KindInt, types.KindLong:
		q := new(big.Int).Quo(u, pow10(scale)) // truncates toward zero
		if !q.IsInt64() {
			return nil, false
		}
		return integralOf(q.Int64(), to.Kind())
	case types.KindFloat, types.KindDouble:
		f, _ := new(big.Float).SetPrec(200).Quo(new(big.Float).SetInt(u), new(big.Float).SetInt(pow10(scale))).Float64()
		if to.Kind() == types.KindFloat {
			if integral {
				f32, _ := new(big.Float).SetInt(u).Float32()
				return f32, true
			}
			return float32(f), true
		}
		return f, true
	case types.KindDecimal:
		return toDecimal(u, scale, to.(types.Decimal))
	case types.KindTimestamp:
		if !integral {
			// Fractional seconds: micros, truncated.
			m := new(big.Int).Mul(u, big.NewInt(1_000_000))
			m.Quo(m, pow10(scale))
			if !m.IsInt64() {
				return nil, false
			}
			return m.Int64(), true
		}
		m := new(big.Int).Mul(u, big.NewInt(1_000_000))
		if !m.IsInt64() {
			return nil, false
		}
		return m.Int64(), true
	}
	return nil, false
}

func integralOf(x int64, k types.Kind) (any, bool) {
	switch k {
	case types.KindByte:
		if x != int64(int8(x)) {
			return nil, false
		}
		return int8(x), true
	case types.KindShort:
		if x != int64(int16(x)) {
			return nil, false
		}
		return int16(x), true
	case types.KindInt:
		if x != int64(int32(x)) {
			return nil, false
		}
		return int32(x), true
	}
	return x, true
}

func pow10(n int) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

// toDecimal rounds half up to the target scale; ok is false on overflow.
func toDecimal(u *big.Int, scale int, d types.Decimal) (any, bool) {
	r := new(big.Int).Set(u)
	switch {
	case d.Scale > scale:
		r.Mul(r, pow10(d.Scale-scale))
	case d.Scale < scale:
		div := pow10(scale - d.Scale)
		q, m := new(big.Int).QuoRem(r, div, new(big.Int))
		m.Abs(m).Mul(m, big.NewInt(2))
		if m.Cmp(div) >= 0 {
			if r.Sign() < 0 {
				q.Sub(q, big.NewInt(1))
			} else {
				q.Add(q, big.NewInt(1))
			}
		}
		r = q
	}
	if r.Sign() != 0 && len(new(big.Int).Abs(r).String()) > d.Precision {
		return nil, false
	}
	return PlainDecimal(r, d.Scale), true
}

func fromDouble(d float64, bits int, to types.DataType) (any, bool) {
	switch to.Kind() {
	case types.KindBoolean:
		return d != 0, true
	case types.KindString:
		return types.JavaFloatString(d, bits), true
	case types.KindFloat:
		return float32(d), true
	case types.KindDouble:
		return d, true
	}
	if math.IsNaN(d) || math.IsInf(d, 0) {
		return nil, false
	}
	switch to.Kind() {
	case types.KindByte, types.KindShort, types.KindInt, types.KindLong:
		t := math.Trunc(d)
		if t < -9.223372036854775808e18 || t >= 9.223372036854775808e18 {
			return nil, false
		}
		return integralOf(int64(t), to.Kind())
	case types.KindDecimal:
		// Through the double's shortest decimal text.
		u, s := bigFloatDecimal(strconv.FormatFloat(d, 'f', -1, 64))
		return toDecimal(u, s, to.(types.Decimal))
	case types.KindTimestamp:
		m := d * 1e6
		if m < -9.223372036854775808e18 || m >= 9.223372036854775808e18 {
			return nil, false
		}
		return int64(m), true
	}
	return nil, false
}

// bigFloatDecimal splits a plain decimal text into unscaled and scale.
func bigFloatDecimal(s string) (*big.Int, int) {
	scale := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		scale = len(s) - i - 1
		s = s[:i] + s[i+1:]
	}
	u, _ := new(big.Int).SetString(s, 10)
	if u == nil {
		u = new(big.Int)
	}
	return u, scale
}

func fromTimestamp(micros int64, zoned bool, to types.DataType, loc *time.Location) (any, bool) {
	secs := floorDiv(micros, 1_000_000)
	wall := time.Unix(secs, (micros-secs*1_000_000)*1000).UTC()
	if zoned {
		wall = wall.In(loc)
	}
	switch to.Kind() {
	case types.KindTimestamp:
		if zoned {
			return micros, true
		}
		return time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), wall.Nanosecond(), loc).UnixMicro(), true
	case types.KindTimestampNTZ:
		if !zoned {
			return micros, true
		}
		return time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), wall.Nanosecond(), time.UTC).UnixMicro(), true
	case types.KindDate:
		return int32(floorDiv(time.Date(wall.Year(), wall.Month(), wall.Day(), 0, 0, 0, 0, time.UTC).Unix(), 86400)), true
	case types.KindString:
		s := isoDate(wall) + " " + isoTime(int64(((wall.Hour()*60+wall.Minute())*60+wall.Second()))*1_000_000_000+int64(wall.Nanosecond()))
		return s, true
	case types.KindLong, types.KindInt, types.KindShort, types.KindByte:
		if !zoned {
			return nil, false
		}
		return integralOf(floorDiv(micros, 1_000_000), to.Kind())
	case types.KindDouble:
		if !zoned {
			return nil, false
		}
		return float64(micros) / 1e6, true
	}
	return nil, false
}

func fromString(s string, to types.DataType, loc *time.Location) (any, bool) {
	switch to.Kind() {
	case types.KindString:
		return s, true
	case types.KindBinary:
		return []byte(s), true
	case types.KindBoolean:
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "t", "true", "y", "yes", "1":
			return true, true
		case "f", "false", "n", "no", "0":
			return false, true
		}
		return nil, false
	case types.KindByte, types.KindShort, types.KindInt, types.KindLong:
		x, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil {
			return nil, false
		}
		return integralOf(x, to.Kind())
	case types.KindFloat, types.KindDouble:
		t := strings.TrimSpace(s)
		var d float64
		switch strings.ToLower(t) {
		case "inf", "+inf", "infinity", "+infinity":
			d = math.Inf(1)
		case "-inf", "-infinity":
			d = math.Inf(-1)
		case "nan":
			d = math.NaN()
		default:
			t = strings.TrimRight(t, "dDfF")
			var err error
			d, err = strconv.ParseFloat(t, 64)
			if err != nil && !strings.Contains(err.Error(), "range") {
				return nil, false
			}
			if to.Kind() == types.KindFloat {
				f, err := strconv.ParseFloat(t, 32)
				if err != nil && !strings.Contains(err.Error(), "range") {
					return nil, false
				}
				return float32(f), true
			}
		}
		if to.Kind() == types.KindFloat {
			return float32(d), true
		}
		return d, true
	case types.KindDecimal:
		u, sc, ok := parseDecimalText(strings.TrimSpace(s))
		if !ok {
			return nil, false
		}
		return toDecimal(u, sc, to.(types.Decimal))
	case types.KindDate:
		d, ok := parseDate(strings.TrimSpace(s))
		if !ok {
			return nil, false
		}
		return int32(floorDiv(d.Unix(), 86400)), true
	case types.KindTimestamp, types.KindTimestampNTZ:
		t, ok := parseTimestamp(strings.TrimSpace(s), to.Kind() == types.KindTimestamp, loc)
		if !ok {
			return nil, false
		}
		return t, true
	}
	return nil, false
}

// parseDecimalText parses [+-]digits[.digits][e[+-]digits].
func parseDecimalText(s string) (*big.Int, int, bool) {
	exp := 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.Atoi(strings.TrimPrefix(s[i+1:], "+"))
		if err != nil {
			return nil, 0, false
		}
		exp, s = e, s[:i]
	}
	scale := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		scale = len(s) - i - 1
		s = s[:i] + s[i+1:]
	}
	if s == "" || s == "-" || s == "+" {
		return nil, 0, false
	}
	u, ok := new(big.Int).SetString(strings.TrimPrefix(s, "+"), 10)
	if !ok {
		return nil, 0, false
	}
	scale -= exp
	if scale < 0 {
		u.Mul(u, pow10(-scale))
		scale = 0
	}
	return u, scale, true
}

func parseDate(s string) (time.Time, bool) {
	if i := strings.IndexAny(s, "T "); i >= 0 {
		s = s[:i]
	}
	parts := strings.Split(s, "-")
	if len(parts) < 1 || len(parts) > 3 {
		return time.Time{}, false
	}
	nums := []int{0, 1, 1}
	for i, p := range parts {
		if p == "" || len(p) > 4 || (i > 0 && len(p) > 2) || (i == 0 && len(p) != 4) {
			return time.Time{}, false
		}
		n, err := strconv.Atoi(p)
		if err != nil {
			return time.Time{}, false
		}
		nums[i] = n
	}
	d := time.Date(nums[0], time.Month(nums[1]), nums[2], 0, 0, 0, 0, time.UTC)
	if d.Month() != time.Month(nums[1]) || d.Day() != nums[2] {
		return time.Time{}, false
	}
	return d, true
}

func parseTimestamp(s string, zoned bool, loc *time.Location) (int64, bool) {
	layouts := []string{
		"2006-01-02 15:04:05.999999999Z07:00", "2006-01-02T15:04:05.999999999Z07:00",
		"2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999",
		"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02",
	}
	for _, l := range layouts {
		inLoc := loc
		if !zoned {
			inLoc = time.UTC
		}
		t, err := time.ParseInLocation(l, s, inLoc)
		if err == nil {
			if !zoned && strings.Contains(l, "Z07") {
				y, m, d := t.Date()
				t = time.Date(y, m, d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
			}
			return t.UnixMicro(), true
		}
	}
	return 0, false
}
