package show

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"github.com/emberdb/ember/internal/tz"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/emberdb/ember/internal/types"
)

// nullString is what ToPrettyString prints for a null, at the top level and
// inside arrays, maps and structs alike.
const nullString = "NULL"

// FormatValue renders element i of arr as Spark's show() renders a cell
// (the ToPrettyString expression): NULL for nulls, Java-style numbers,
// dates and timestamps (TIMESTAMP in time zone zone, see tz.Load; an
// unknown zone falls back to UTC), hex binary, ANSI interval literals, and
// "[...]", "{k -> v}", "{...}" for arrays, maps and structs. The Spark type t
// selects the rendering; when t is nil it is inferred from the Arrow type.
// The result is the cell before layout: ShowString and HTMLString then
// escape control characters and truncate it.
func FormatValue(arr arrow.Array, i int, t types.DataType, zone string) string {
	loc, err := tz.Load(zone)
	if err != nil {
		loc = time.UTC
	}
	if arr.IsNull(i) {
		return nullString
	}
	f := &formatter{loc: loc}
	return f.format(arr, i, t)
}

type formatter struct {
	loc         *time.Location
	binaryStyle string // spark.sql.binaryOutputStyle, upper case; "" = HEX_DISCRETE
	err         error  // the first malformed value met, if any
}

// format renders a non-null element.
func (f *formatter) format(arr arrow.Array, i int, t types.DataType) string {
	switch a := arr.(type) {
	case *array.Dictionary:
		return f.formatOrNull(a.Dictionary(), a.GetValueIndex(i), t)
	case array.ExtensionArray:
		return f.format(a.Storage(), i, t)
	}
	if t == nil {
		t = sparkTypeOf(arr.DataType())
	}
	switch t.Kind() {
	case types.KindNull:
		return nullString
	case types.KindBoolean:
		if a, ok := arr.(*array.Boolean); ok {
			return strconv.FormatBool(a.Value(i))
		}
	case types.KindByte, types.KindShort, types.KindInt, types.KindLong:
		if v, ok := intValue(arr, i); ok {
			return strconv.FormatInt(v, 10)
		}
		if a, ok := arr.(*array.Uint64); ok {
			return strconv.FormatUint(a.Value(i), 10)
		}
	case types.KindFloat:
		switch a := arr.(type) {
		case *array.Float32:
			return javaFloat(a.Value(i))
		case *array.Float64:
			return javaFloat(float32(a.Value(i)))
		case *array.Float16:
			return javaFloat(a.Value(i).Float32())
		}
	case types.KindDouble:
		switch a := arr.(type) {
		case *array.Float64:
			return javaDouble(a.Value(i))
		case *array.Float32:
			return javaDouble(float64(a.Value(i)))
		case *array.Float16:
			return javaDouble(float64(a.Value(i).Float32()))
		}
	case types.KindDecimal:
		scale := -1
		if d, ok := t.(types.Decimal); ok {
			scale = d.Scale
		}
		if s, ok := decimalString(arr, i, scale); ok {
			return s
		}
	case types.KindString, types.KindChar, types.KindVarchar:
		if s, ok := stringValue(arr, i); ok {
			return s
		}
	case types.KindBinary:
		if b, ok := binaryValue(arr, i); ok {
			return f.formatBinary(b)
		}
	case types.KindDate:
		switch a := arr.(type) {
		case *array.Date32:
			return formatDate(int64(a.Value(i)))
		case *array.Date64:
			return formatDate(floorDiv(int64(a.Value(i)), 86_400_000))
		}
		if v, ok := intValue(arr, i); ok {
			return formatDate(v)
		}
	case types.KindTimestamp:
		if v, ok := timestampMicros(arr, i); ok {
			return formatTimestamp(v, f.loc)
		}
	case types.KindTimestampNTZ:
		if v, ok := timestampMicros(arr, i); ok {
			return formatTimestamp(v, time.UTC)
		}
	case types.KindTime:
		if v, ok := timeNanos(arr, i); ok {
			return FormatTime(v)
		}
	case types.KindDayTimeInterval:
		dt, ok := t.(types.DayTimeInterval)
		if !ok {
			dt = types.DayTimeInterval{Start: types.DayField, End: types.SecondField}
		}
		if v, ok := durationMicros(arr, i); ok {
			return formatDayTimeInterval(v, dt)
		}
	case types.KindYearMonthInterval:
		ym, ok := t.(types.YearMonthInterval)
		if !ok {
			ym = types.YearMonthInterval{Start: types.YearField, End: types.MonthField}
		}
		switch a := arr.(type) {
		case *array.MonthInterval:
			return formatYearMonthInterval(int32(a.Value(i)), ym)
		case *array.MonthDayNanoInterval:
			return formatYearMonthInterval(a.Value(i).Months, ym)
		}
		if v, ok := intValue(arr, i); ok {
			return formatYearMonthInterval(int32(v), ym)
		}
	case types.KindCalendarInterval:
		switch a := arr.(type) {
		case *array.MonthDayNanoInterval:
			v := a.Value(i)
			return formatCalendarInterval(v.Months, v.Days, v.Nanoseconds/1000)
		case *array.MonthInterval:
			return formatCalendarInterval(int32(a.Value(i)), 0, 0)
		case *array.DayTimeInterval:
			v := a.Value(i)
			return formatCalendarInterval(0, v.Days, int64(v.Milliseconds)*1000)
		}
	case types.KindArray:
		var elem types.DataType
		if at, ok := t.(types.Array); ok {
			elem = at.Elem
		}
		if a, ok := arr.(array.ListLike); ok {
			if _, isMap := arr.(*array.Map); !isMap {
				return f.formatList(a, i, elem)
			}
		}
	case types.KindMap:
		var kt, vt types.DataType
		if mt, ok := t.(types.Map); ok {
			kt, vt = mt.Key, mt.Value
		}
		switch a := arr.(type) {
		case *array.Map:
			start, end := a.ValueOffsets(i)
			return f.formatMap(a.Keys(), a.Items(), int(start), int(end), kt, vt)
		case array.ListLike:
			// A list of key/value structs (not Spark's shape, but tolerated).
			if s, ok := a.ListValues().(*array.Struct); ok && s.NumField() == 2 {
				start, end := a.ValueOffsets(i)
				return f.formatMap(s.Field(0), s.Field(1), int(start), int(end), kt, vt)
			}
		}
	case types.KindStruct:
		st, _ := t.(types.Struct)
		if a, ok := arr.(*array.Struct); ok {
			return f.formatStruct(a, i, st)
		}
	case types.KindVariant:
		if a, ok := arr.(*array.Struct); ok {
			return f.formatVariant(a, i)
		}
	}
	// The Arrow shape does not match the Spark type: fall back to the Arrow
	// type's own rendering rules.
	if inferred := sparkTypeOf(arr.DataType()); inferred != nil && inferred.Kind() != t.Kind() {
		return f.format(arr, i, inferred)
	}
	return arr.ValueStr(i)
}

// formatOrNull renders an element that may be null (nested values).
func (f *formatter) formatOrNull(arr arrow.Array, i int, t types.DataType) string {
	if arr.IsNull(i) {
		return nullString
	}
	return f.format(arr, i, t)
}

func (f *formatter) formatList(a array.ListLike, i int, elem types.DataType) string {
	start, end := a.ValueOffsets(i)
	values := a.ListValues()
	var b strings.Builder
	b.WriteByte('[')
	for j := start; j < end; j++ {
		if j > start {
			b.WriteString(", ")
		}
		b.WriteString(f.formatOrNull(values, int(j), elem))
	}
	b.WriteByte(']')
	return b.String()
}

func (f *formatter) formatMap(keys, items arrow.Array, start, end int, kt, vt types.DataType) string {
	var b strings.Builder
	b.WriteByte('{')
	for j := start; j < end; j++ {
		if j > start {
			b.WriteString(", ")
		}
		b.WriteString(f.formatOrNull(keys, j, kt))
		b.WriteString(" -> ")
		b.WriteString(f.formatOrNull(items, j, vt))
	}
	b.WriteByte('}')
	return b.String()
}

func (f *formatter) formatStruct(a *array.Struct, i int, st types.Struct) string {
	var b strings.Builder
	b.WriteByte('{')
	for j := 0; j < a.NumField(); j++ {
		if j > 0 {
			b.WriteString(", ")
		}
		var ft types.DataType
		if j < len(st.Fields) {
			ft = st.Fields[j].Type
		}
		b.WriteString(f.formatOrNull(a.Field(j), i, ft))
	}
	b.WriteByte('}')
	return b.String()
}

// formatBinary renders binary in the configured spark.sql.binaryOutputStyle.
func (f *formatter) formatBinary(v []byte) string {
	switch f.binaryStyle {
	case "UTF-8", "UTF8":
		return string(v)
	case "BASIC":
		var b strings.Builder
		b.WriteByte('[')
		for j, c := range v {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString(strconv.Itoa(int(int8(c))))
		}
		b.WriteByte(']')
		return b.String()
	case "BASE64":
		return base64.RawStdEncoding.EncodeToString(v)
	case "HEX":
		return strings.ToUpper(hex.EncodeToString(v))
	}
	return hexBytes(v)
}

// hexBytes renders binary as Spark's show does by default: "[01 02 FF]".
func hexBytes(v []byte) string {
	const digits = "0123456789ABCDEF"
	b := make([]byte, 0, 2+3*len(v))
	b = append(b, '[')
	for j, c := range v {
		if j > 0 {
			b = append(b, ' ')
		}
		b = append(b, digits[c>>4], digits[c&15])
	}
	return string(append(b, ']'))
}

func intValue(arr arrow.Array, i int) (int64, bool) {
	switch a := arr.(type) {
	case *array.Int8:
		return int64(a.Value(i)), true
	case *array.Int16:
		return int64(a.Value(i)), true
	case *array.Int32:
		return int64(a.Value(i)), true
	case *array.Int64:
		return a.Value(i), true
	case *array.Uint8:
		return int64(a.Value(i)), true
	case *array.Uint16:
		return int64(a.Value(i)), true
	case *array.Uint32:
		return int64(a.Value(i)), true
	case *array.Uint64:
		if v := a.Value(i); v <= 1<<63-1 {
			return int64(v), true
		}
	}
	return 0, false
}

func stringValue(arr arrow.Array, i int) (string, bool) {
	switch a := arr.(type) {
	case *array.String:
		return a.Value(i), true
	case *array.LargeString:
		return a.Value(i), true
	case *array.StringView:
		return a.Value(i), true
	}
	if b, ok := binaryValue(arr, i); ok {
		return string(b), true
	}
	return "", false
}

func binaryValue(arr arrow.Array, i int) ([]byte, bool) {
	switch a := arr.(type) {
	case *array.Binary:
		return a.Value(i), true
	case *array.LargeBinary:
		return a.Value(i), true
	case *array.BinaryView:
		return a.Value(i), true
	case *array.FixedSizeBinary:
		return a.Value(i), true
	case *array.String:
		return []byte(a.Value(i)), true
	case *array.LargeString:
		return []byte(a.Value(i)), true
	case *array.StringView:
		return []byte(a.Value(i)), true
	}
	return nil, false
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// toMicros converts a count of unit to microseconds (nanoseconds floor).
func toMicros(v int64, unit arrow.TimeUnit) int64 {
	switch unit {
	case arrow.Second:
		return v * microsPerSecond
	case arrow.Millisecond:
		return v * 1000
	case arrow.Nanosecond:
		return floorDiv(v, 1000)
	}
	return v
}

func timestampMicros(arr arrow.Array, i int) (int64, bool) {
	switch a := arr.(type) {
	case *array.Timestamp:
		return toMicros(int64(a.Value(i)), a.DataType().(*arrow.TimestampType).Unit), true
	case *array.Date32:
		return int64(a.Value(i)) * microsPerDay, true
	case *array.Date64:
		return int64(a.Value(i)) * 1000, true
	case *array.Int64:
		return a.Value(i), true
	}
	return 0, false
}

// timeNanos reads a time of day as nanoseconds since midnight.
func timeNanos(arr arrow.Array, i int) (int64, bool) {
	switch a := arr.(type) {
	case *array.Time64:
		v := int64(a.Value(i))
		if a.DataType().(*arrow.Time64Type).Unit == arrow.Microsecond {
			v *= 1000
		}
		return v, true
	case *array.Time32:
		v := int64(a.Value(i))
		if a.DataType().(*arrow.Time32Type).Unit == arrow.Second {
			return v * 1_000_000_000, true
		}
		return v * 1_000_000, true
	}
	return 0, false
}

// FormatTime renders a time of day (nanoseconds since midnight) as Spark
// shows TIME values: HH:mm:ss and the fraction without trailing zeros.
func FormatTime(nanos int64) string {
	h := nanos / 3_600_000_000_000
	m := nanos / 60_000_000_000 % 60
	sec := nanos / 1_000_000_000 % 60
	frac := nanos % 1_000_000_000
	s := fmt.Sprintf("%02d:%02d:%02d", h, m, sec)
	if frac != 0 {
		s += strings.TrimRight(fmt.Sprintf(".%09d", frac), "0")
	}
	return s
}

func durationMicros(arr arrow.Array, i int) (int64, bool) {
	switch a := arr.(type) {
	case *array.Duration:
		v := int64(a.Value(i))
		if a.DataType().(*arrow.DurationType).Unit == arrow.Nanosecond {
			return v / 1000, true
		}
		return toMicros(v, a.DataType().(*arrow.DurationType).Unit), true
	case *array.MonthDayNanoInterval:
		v := a.Value(i)
		return int64(v.Days)*microsPerDay + v.Nanoseconds/1000, true
	}
	return intValue(arr, i)
}

// decimalString renders a decimal in plain notation with the Spark type's
// scale (Decimal.toPlainString); scale < 0 means the Arrow type's scale.
func decimalString(arr arrow.Array, i int, scale int) (string, bool) {
	var unscaled *big.Int
	arrowScale := 0
	switch a := arr.(type) {
	case *array.Decimal128:
		unscaled = a.Value(i).BigInt()
		arrowScale = int(a.DataType().(*arrow.Decimal128Type).Scale)
	case *array.Decimal256:
		unscaled = a.Value(i).BigInt()
		arrowScale = int(a.DataType().(*arrow.Decimal256Type).Scale)
	case *array.Decimal64:
		unscaled = big.NewInt(int64(a.Value(i)))
		arrowScale = int(a.DataType().(*arrow.Decimal64Type).Scale)
	case *array.Decimal32:
		unscaled = big.NewInt(int64(a.Value(i)))
		arrowScale = int(a.DataType().(*arrow.Decimal32Type).Scale)
	default:
		v, ok := intValue(arr, i)
		if !ok {
			return "", false
		}
		unscaled = big.NewInt(v)
	}
	if scale < 0 {
		scale = arrowScale
	}
	if scale > arrowScale {
		unscaled.Mul(unscaled, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale-arrowScale)), nil))
	} else {
		scale = arrowScale
	}
	return plainDecimal(unscaled, scale), true
}

// plainDecimal writes unscaled × 10^-scale without an exponent.
func plainDecimal(unscaled *big.Int, scale int) string {
	neg := unscaled.Sign() < 0
	digits := new(big.Int).Abs(unscaled).String()
	if scale > 0 {
		if len(digits) <= scale {
			digits = strings.Repeat("0", scale-len(digits)+1) + digits
		}
		digits = digits[:len(digits)-scale] + "." + digits[len(digits)-scale:]
	} else if scale < 0 && unscaled.Sign() != 0 {
		digits += strings.Repeat("0", -scale)
	}
	if neg {
		return "-" + digits
	}
	return digits
}

// sparkTypeOf maps an Arrow type to the Spark type Spark would send it as,
// for values whose Spark type the caller did not give.
func sparkTypeOf(t arrow.DataType) types.DataType {
	switch dt := t.(type) {
	case *arrow.NullType:
		return types.Null
	case *arrow.BooleanType:
		return types.Boolean
	case *arrow.Int8Type, *arrow.Uint8Type:
		return types.Byte
	case *arrow.Int16Type, *arrow.Uint16Type:
		return types.Short
	case *arrow.Int32Type, *arrow.Uint32Type:
		return types.Int
	case *arrow.Int64Type, *arrow.Uint64Type:
		return types.Long
	case *arrow.Float16Type, *arrow.Float32Type:
		return types.Float
	case *arrow.Float64Type:
		return types.Double
	case *arrow.Decimal32Type:
		return types.Decimal{Precision: int(dt.Precision), Scale: int(dt.Scale)}
	case *arrow.Decimal64Type:
		return types.Decimal{Precision: int(dt.Precision), Scale: int(dt.Scale)}
	case *arrow.Decimal128Type:
		return types.Decimal{Precision: int(dt.Precision), Scale: int(dt.Scale)}
	case *arrow.Decimal256Type:
		return types.Decimal{Precision: int(dt.Precision), Scale: int(dt.Scale)}
	case *arrow.StringType, *arrow.LargeStringType, *arrow.StringViewType:
		return types.String
	case *arrow.BinaryType, *arrow.LargeBinaryType, *arrow.BinaryViewType, *arrow.FixedSizeBinaryType:
		return types.Binary
	case *arrow.Date32Type, *arrow.Date64Type:
		return types.Date
	case *arrow.TimestampType:
		if dt.TimeZone == "" {
			return types.TimestampNTZ
		}
		return types.Timestamp
	case *arrow.DurationType:
		return types.DayTimeInterval{Start: types.DayField, End: types.SecondField}
	case *arrow.MonthIntervalType:
		return types.YearMonthInterval{Start: types.YearField, End: types.MonthField}
	case *arrow.MonthDayNanoIntervalType, *arrow.DayTimeIntervalType:
		return types.CalendarInterval
	case *arrow.MapType:
		return types.Map{Key: sparkTypeOf(dt.KeyType()), Value: sparkTypeOf(dt.ItemType()), ValueContainsNull: true}
	case arrow.ListLikeType:
		return types.Array{Elem: sparkTypeOf(dt.Elem()), ContainsNull: true}
	case *arrow.StructType:
		if isVariantStruct(dt) {
			return types.Variant
		}
		fs := make([]types.Field, dt.NumFields())
		for i, f := range dt.Fields() {
			fs[i] = types.Field{Name: f.Name, Type: sparkTypeOf(f.Type), Nullable: f.Nullable}
		}
		return types.Struct{Fields: fs}
	case *arrow.DictionaryType:
		return sparkTypeOf(dt.ValueType)
	case arrow.ExtensionType:
		return sparkTypeOf(dt.StorageType())
	}
	return types.String
}

// isVariantStruct reports the Arrow shape Spark uses for VARIANT: a struct
// of binary "value" and "metadata" whose metadata field is tagged variant=true.
func isVariantStruct(st *arrow.StructType) bool {
	if st.NumFields() != 2 {
		return false
	}
	for _, f := range st.Fields() {
		if f.Name == "metadata" && f.HasMetadata() {
			if v, ok := f.Metadata.GetValue("variant"); ok && v == "true" {
				return true
			}
		}
	}
	return false
}
