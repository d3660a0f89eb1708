package show

import (
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow/array"
)

// Variant binary encoding (Spark's common/variant, the Parquet variant
// spec): a metadata dictionary of object keys, and a value whose first byte
// holds the basic type in its low two bits.
const (
	variantPrimitive   = 0
	variantShortString = 1
	variantObject      = 2
	variantArray       = 3
)

var errMalformedVariant = errors.New("MALFORMED_VARIANT: variant binary is malformed")

// formatVariant renders a VARIANT value (a struct of binary "value" and
// "metadata") as the JSON text Spark shows. Timestamps inside a variant are
// shown in UTC with a "+00:00" offset, as Spark does.
func (f *formatter) formatVariant(a *array.Struct, i int) string {
	var value, meta []byte
	st := a.DataType().(interface{ FieldIdx(string) (int, bool) })
	if vi, ok := st.FieldIdx("value"); ok {
		value, _ = binaryValue(a.Field(vi), i)
	}
	if mi, ok := st.FieldIdx("metadata"); ok {
		meta, _ = binaryValue(a.Field(mi), i)
	}
	var sb strings.Builder
	if err := variantJSON(&sb, value, meta, 0, 0); err != nil {
		f.setErr(err)
		return "<malformed variant>"
	}
	return sb.String()
}

func (f *formatter) setErr(err error) {
	if f.err == nil {
		f.err = err
	}
}

// variantKey returns metadata dictionary entry id.
func variantKey(meta []byte, id int) (string, error) {
	if len(meta) < 1 || meta[0]&0x0F != 1 {
		return "", errMalformedVariant
	}
	size := int(meta[0]>>6) + 1
	n, err := readUnsigned(meta, 1, size)
	if err != nil {
		return "", err
	}
	if id < 0 || id >= n {
		return "", errMalformedVariant
	}
	offsetsAt := 1 + size
	dataAt := offsetsAt + (n+1)*size
	start, err := readUnsigned(meta, offsetsAt+id*size, size)
	if err != nil {
		return "", err
	}
	end, err := readUnsigned(meta, offsetsAt+(id+1)*size, size)
	if err != nil {
		return "", err
	}
	if start > end || dataAt+end > len(meta) {
		return "", errMalformedVariant
	}
	return string(meta[dataAt+start : dataAt+end]), nil
}

func readUnsigned(b []byte, pos, size int) (int, error) {
	if pos < 0 || size < 1 || size > 4 || pos+size > len(b) {
		return 0, errMalformedVariant
	}
	v := 0
	for k := 0; k < size; k++ {
		v |= int(b[pos+k]) << (8 * k)
	}
	return v, nil
}

func need(b []byte, pos, n int) error {
	if pos < 0 || n < 0 || pos+n > len(b) {
		return errMalformedVariant
	}
	return nil
}

func variantJSON(sb *strings.Builder, v, meta []byte, pos, depth int) error {
	if depth > 1000 {
		return errMalformedVariant
	}
	if err := need(v, pos, 1); err != nil {
		return err
	}
	h := v[pos]
	basic, vh := int(h&0x3), int(h>>2)
	switch basic {
	case variantShortString:
		if err := need(v, pos+1, vh); err != nil {
			return err
		}
		writeJSONString(sb, string(v[pos+1:pos+1+vh]))
		return nil
	case variantObject:
		offSize, idSize := vh&0x3+1, (vh>>2)&0x3+1
		countSize := 1
		if (vh>>4)&1 == 1 {
			countSize = 4
		}
		n, err := readUnsigned(v, pos+1, countSize)
		if err != nil {
			return err
		}
		idStart := pos + 1 + countSize
		offStart := idStart + n*idSize
		dataStart := offStart + (n+1)*offSize
		sb.WriteByte('{')
		for k := 0; k < n; k++ {
			id, err := readUnsigned(v, idStart+k*idSize, idSize)
			if err != nil {
				return err
			}
			off, err := readUnsigned(v, offStart+k*offSize, offSize)
			if err != nil {
				return err
			}
			key, err := variantKey(meta, id)
			if err != nil {
				return err
			}
			if k > 0 {
				sb.WriteByte(',')
			}
			writeJSONString(sb, key)
			sb.WriteByte(':')
			if err := variantJSON(sb, v, meta, dataStart+off, depth+1); err != nil {
				return err
			}
		}
		sb.WriteByte('}')
		return nil
	case variantArray:
		offSize := vh&0x3 + 1
		countSize := 1
		if (vh>>2)&1 == 1 {
			countSize = 4
		}
		n, err := readUnsigned(v, pos+1, countSize)
		if err != nil {
			return err
		}
		offStart := pos + 1 + countSize
		dataStart := offStart + (n+1)*offSize
		sb.WriteByte('[')
		for k := 0; k < n; k++ {
			off, err := readUnsigned(v, offStart+k*offSize, offSize)
			if err != nil {
				return err
			}
			if k > 0 {
				sb.WriteByte(',')
			}
			if err := variantJSON(sb, v, meta, dataStart+off, depth+1); err != nil {
				return err
			}
		}
		sb.WriteByte(']')
		return nil
	}
	return variantPrimitiveJSON(sb, v, pos+1, vh)
}

func le(v []byte, pos, n int) (uint64, error) {
	if err := need(v, pos, n); err != nil {
		return 0, err
	}
	var x uint64
	for k := n - 1; k >= 0; k-- {
		x = x<<8 | uint64(v[pos+k])
	}
	return x, nil
}

func variantPrimitiveJSON(sb *strings.Builder, v []byte, p, typ int) error {
	signed := func(n int) (int64, error) {
		x, err := le(v, p, n)
		if err != nil {
			return 0, err
		}
		shift := uint(64 - 8*n)
		return int64(x<<shift) >> shift, nil
	}
	switch typ {
	case 0: // null
		sb.WriteString("null")
	case 1:
		sb.WriteString("true")
	case 2:
		sb.WriteString("false")
	case 3, 4, 5, 6: // int8, int16, int32, int64
		x, err := signed([]int{1, 2, 4, 8}[typ-3])
		if err != nil {
			return err
		}
		sb.WriteString(strconv.FormatInt(x, 10))
	case 7: // double
		x, err := le(v, p, 8)
		if err != nil {
			return err
		}
		d := math.Float64frombits(x)
		if math.IsNaN(d) || math.IsInf(d, 0) {
			writeJSONString(sb, javaDouble(d))
		} else {
			sb.WriteString(javaDouble(d))
		}
	case 14: // float
		x, err := le(v, p, 4)
		if err != nil {
			return err
		}
		d := math.Float32frombits(uint32(x))
		if d != d || math.IsInf(float64(d), 0) {
			writeJSONString(sb, javaFloat(d))
		} else {
			sb.WriteString(javaFloat(d))
		}
	case 8, 9, 10: // decimal4, decimal8, decimal16: scale byte, then unscaled
		if err := need(v, p, 1); err != nil {
			return err
		}
		scale := int(v[p])
		size := []int{4, 8, 16}[typ-8]
		if err := need(v, p+1, size); err != nil {
			return err
		}
		be := make([]byte, size)
		for k := 0; k < size; k++ {
			be[k] = v[p+size-k]
		}
		u := new(big.Int).SetBytes(be)
		if be[0]&0x80 != 0 {
			u.Sub(u, new(big.Int).Lsh(big.NewInt(1), uint(8*size)))
		}
		sb.WriteString(strippedDecimal(u, scale))
	case 11: // date
		x, err := signed(4)
		if err != nil {
			return err
		}
		writeJSONString(sb, formatDate(x))
	case 12, 13: // timestamp (UTC), timestamp_ntz: micros
		x, err := signed(8)
		if err != nil {
			return err
		}
		secs := floorDiv(x, microsPerSecond)
		writeJSONString(sb, isoTimestamp(secs, (x-secs*microsPerSecond)*1000, typ == 12))
	case 18, 19: // timestamp_nanos, timestamp_ntz_nanos
		x, err := signed(8)
		if err != nil {
			return err
		}
		secs := floorDiv(x, 1_000_000_000)
		writeJSONString(sb, isoTimestamp(secs, x-secs*1_000_000_000, typ == 18))
	case 17: // time without zone: micros since midnight
		x, err := signed(8)
		if err != nil {
			return err
		}
		writeJSONString(sb, isoTime(x*1000))
	case 15, 16: // binary, long string: 4-byte length
		n, err := le(v, p, 4)
		if err != nil {
			return err
		}
		if err := need(v, p+4, int(n)); err != nil {
			return err
		}
		data := v[p+4 : p+4+int(n)]
		if typ == 15 {
			writeJSONString(sb, base64.StdEncoding.EncodeToString(data))
		} else {
			writeJSONString(sb, string(data))
		}
	case 20: // uuid, big-endian
		if err := need(v, p, 16); err != nil {
			return err
		}
		u := v[p : p+16]
		writeJSONString(sb, fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16]))
	default:
		return errMalformedVariant
	}
	return nil
}

// strippedDecimal is Java's BigDecimal stripTrailingZeros().toPlainString().
func strippedDecimal(unscaled *big.Int, scale int) string {
	if unscaled.Sign() == 0 {
		return "0"
	}
	ten := big.NewInt(10)
	u := new(big.Int).Set(unscaled)
	r := new(big.Int)
	for {
		q, m := new(big.Int).QuoRem(u, ten, r)
		if m.Sign() != 0 {
			break
		}
		u = q
		scale--
	}
	return plainDecimal(u, scale)
}

// isoTimestamp formats an instant (seconds since the epoch plus
// nanoseconds) in UTC as java.time's ISO_LOCAL_DATE ' ' ISO_LOCAL_TIME, plus
// "+00:00" when withOffset.
func isoTimestamp(secs, frac int64, withOffset bool) string {
	t := time.Unix(secs, 0).UTC()
	y, mo, d := t.Date()
	b := appendYear(nil, y)
	b = append(b, '-')
	b = appendPadded(b, int64(mo), 2)
	b = append(b, '-')
	b = appendPadded(b, int64(d), 2)
	b = append(b, ' ')
	h, mi, s := t.Clock()
	b = append(b, isoTime(((int64(h)*60+int64(mi))*60+int64(s))*1_000_000_000+frac)...)
	if withOffset {
		b = append(b, "+00:00"...)
	}
	return string(b)
}

// isoTime formats nanoseconds since midnight as java.time's ISO_LOCAL_TIME.
func isoTime(nanos int64) string {
	secs := nanos / 1_000_000_000
	frac := nanos % 1_000_000_000
	b := appendPadded(nil, secs/3600, 2)
	b = append(b, ':')
	b = appendPadded(b, secs/60%60, 2)
	b = append(b, ':')
	b = appendPadded(b, secs%60, 2)
	if frac != 0 {
		digits := appendPadded(nil, frac, 9)
		for digits[len(digits)-1] == '0' {
			digits = digits[:len(digits)-1]
		}
		b = append(b, '.')
		b = append(b, digits...)
	}
	return string(b)
}

// writeJSONString writes s as a JSON string the way Jackson's
// JsonGenerator.writeString does: quotes, backslashes and control
// characters escaped, everything else (including non-ASCII) kept.
func writeJSONString(sb *strings.Builder, s string) {
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
