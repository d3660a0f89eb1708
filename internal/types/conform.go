package types

import (
	"fmt"
	"math"
	"math/big"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// ConformArray converts arr (typically produced by DuckDB) into exactly the
// Arrow shape Spark sends for target (see ToArrow): list children named
// "element", map entries/key/value, timestamps in microseconds carrying the
// session zone tz (TimestampType) or none (TimestampNTZType), unsigned
// integers widened, large/view strings and binaries narrowed, dictionaries
// decoded, DuckDB INTERVAL (month_day_nano) turned into Duration(µs) or
// YEAR_MONTH, decimals rescaled to the target precision/scale (rounding half
// up; a value that does not fit is an error), and so on, recursively.
//
// When the physical layout already matches, the result shares arr's buffers
// and only the type is replaced. Value conversions do not change a value's
// meaning: a timestamp keeps its epoch value whatever its zone label.
//
// The caller keeps its reference to arr and must Release the result.
func ConformArray(arr arrow.Array, target DataType, tz string, mem memory.Allocator) (arrow.Array, error) {
	want, err := ToArrow(target, tz)
	if err != nil {
		return nil, fmt.Errorf("conform array: %w", err)
	}
	return conformTo(arr, target, want, mem)
}

func conformTo(arr arrow.Array, target DataType, want arrow.DataType, mem memory.Allocator) (arrow.Array, error) {
	if mem == nil {
		mem = memory.DefaultAllocator
	}
	c := conformer{mem: mem}
	d, err := c.conform(arr.Data(), target, want)
	if err != nil {
		return nil, fmt.Errorf("conform %s to %s: %w", arr.DataType(), simpleStringOf(target), err)
	}
	defer d.Release()
	return array.MakeFromData(d), nil
}

// ConformRecord applies ConformArray to every column of rec, giving the
// columns schema's names, nullability and field metadata. The caller keeps
// its reference to rec and must Release the result.
func ConformRecord(rec arrow.RecordBatch, schema Struct, tz string, mem memory.Allocator) (arrow.RecordBatch, error) {
	if int(rec.NumCols()) != len(schema.Fields) {
		return nil, fmt.Errorf("conform record: %d columns for a schema of %d fields", rec.NumCols(), len(schema.Fields))
	}
	as, err := ArrowSchema(schema, tz)
	if err != nil {
		return nil, fmt.Errorf("conform record: %w", err)
	}
	cols := make([]arrow.Array, len(schema.Fields))
	defer func() {
		for _, c := range cols {
			if c != nil {
				c.Release()
			}
		}
	}()
	for i, f := range schema.Fields {
		col, err := conformTo(rec.Column(i), f.Type, as.Field(i).Type, mem)
		if err != nil {
			return nil, fmt.Errorf("conform record column %d (%q): %w", i, f.Name, err)
		}
		cols[i] = col
	}
	return array.NewRecordBatch(as, cols, rec.NumRows()), nil
}

type conformer struct {
	mem memory.Allocator
}

// relabel builds data of type want over d's buffers with the given
// children, taking ownership of the children references.
func relabel(d arrow.ArrayData, want arrow.DataType, children []arrow.ArrayData) arrow.ArrayData {
	out := array.NewData(want, d.Len(), d.Buffers(), children, d.NullN(), d.Offset())
	for _, ch := range children {
		ch.Release()
	}
	return out
}

// nullCount is d's null count, computed from the validity bitmap when the
// producer left it unknown.
func nullCount(d arrow.ArrayData) int {
	if n := d.NullN(); n >= 0 {
		return n
	}
	if d.DataType().ID() == arrow.NULL {
		return d.Len()
	}
	if len(d.Buffers()) == 0 || d.Buffers()[0] == nil {
		return 0
	}
	return d.Len() - bitutil.CountSetBits(d.Buffers()[0].Bytes(), d.Offset(), d.Len())
}

func releaseAll(ds []arrow.ArrayData) {
	for _, d := range ds {
		if d != nil {
			d.Release()
		}
	}
}

// conform returns a new reference to data of type want.
func (c *conformer) conform(d arrow.ArrayData, t DataType, want arrow.DataType) (arrow.ArrayData, error) {
	src := d.DataType()
	switch src.ID() {
	case arrow.EXTENSION:
		a := array.MakeFromData(d)
		defer a.Release()
		ext, ok := a.(array.ExtensionArray)
		if !ok {
			return nil, fmt.Errorf("extension type %s without storage", src)
		}
		return c.conform(ext.Storage().Data(), t, want)
	case arrow.DICTIONARY:
		return c.decodeDictionary(d, t, want)
	case arrow.NULL:
		if want.ID() == arrow.NULL {
			return relabel(d, want, nil), nil
		}
		a := array.MakeArrayOfNull(c.mem, want, d.Len())
		defer a.Release()
		out := a.Data()
		out.Retain()
		return out, nil
	}

	switch t.Kind() {
	case KindNull:
		if nullCount(d) != d.Len() {
			return nil, fmt.Errorf("non-null values for a void column")
		}
		a := array.NewNull(d.Len())
		defer a.Release()
		out := a.Data()
		out.Retain()
		return out, nil
	case KindBoolean:
		if src.ID() == arrow.BOOL {
			return relabel(d, want, nil), nil
		}
	case KindByte, KindShort, KindInt, KindLong:
		return c.toInteger(d, want)
	case KindFloat, KindDouble:
		return c.toFloat(d, want)
	case KindDecimal:
		return c.toDecimal(d, want.(*arrow.Decimal128Type))
	case KindString, KindChar, KindVarchar, KindBinary:
		return c.toBinaryLike(d, want)
	case KindDate:
		return c.toDate(d, want)
	case KindTimestamp, KindTimestampNTZ:
		return c.toTimestamp(d, want)
	case KindTime:
		return c.toTime(d, want)
	case KindDayTimeInterval:
		return c.toDayTime(d, want)
	case KindYearMonthInterval:
		return c.toYearMonth(d, want)
	case KindCalendarInterval:
		return c.toCalendar(d, want)
	case KindArray:
		lt := want.(*arrow.ListType)
		return c.toList(d, t.(Array).Elem, lt, lt.ElemField().Type)
	case KindMap:
		mt := want.(*arrow.MapType)
		m := t.(Map)
		entries := Struct{Fields: []Field{
			{Name: "key", Type: m.Key, Nullable: false},
			{Name: "value", Type: m.Value, Nullable: m.ValueContainsNull},
		}}
		return c.toList(d, entries, mt, mt.Elem())
	case KindStruct:
		if len(t.(Struct).Fields) == 0 && src.ID() == arrow.BOOL {
			// DuckDB has no empty STRUCT: Ember keeps one as a BOOLEAN
			// that is NULL where the struct is (EmptyStructAsBool).
			return c.emptyStruct(d, want)
		}
		return c.toStruct(d, t.(Struct), want.(*arrow.StructType))
	case KindVariant:
		return c.toVariant(d, want.(*arrow.StructType))
	}
	return nil, fmt.Errorf("cannot convert Arrow %s to Spark %s", src, simpleStringOf(t))
}

// ---------------------------------------------------------------------------
// Fixed-width output

// fixedOut accumulates a fixed-width array of n values.
type fixedOut struct {
	n     int
	valid *memory.Buffer
	data  *memory.Buffer
	nulls int
}

func (c *conformer) newFixed(n, width int) *fixedOut {
	f := &fixedOut{n: n}
	f.valid = memory.NewResizableBuffer(c.mem)
	f.valid.Resize(int(bitutil.BytesForBits(int64(n))))
	clear(f.valid.Bytes())
	f.data = memory.NewResizableBuffer(c.mem)
	f.data.Resize(n * width)
	clear(f.data.Bytes())
	return f
}

func (f *fixedOut) setValid(i int) { bitutil.SetBit(f.valid.Bytes(), i) }

func (f *fixedOut) release() {
	f.valid.Release()
	f.data.Release()
}

func (f *fixedOut) finish(dt arrow.DataType) arrow.ArrayData {
	f.nulls = f.n - bitutil.CountSetBits(f.valid.Bytes(), 0, f.n)
	valid := f.valid
	if f.nulls == 0 {
		valid = nil
	}
	out := array.NewData(dt, f.n, []*memory.Buffer{valid, f.data}, nil, f.nulls, 0)
	f.release()
	return out
}

// fillFixed runs set(i) for every non-null slot i of d and builds the
// result; set returns false to leave the slot null.
func (c *conformer) fillFixed(d arrow.ArrayData, want arrow.DataType, width int, set func(out []byte, i int) (bool, error)) (arrow.ArrayData, error) {
	a := array.MakeFromData(d)
	defer a.Release()
	f := c.newFixed(d.Len(), width)
	buf := f.data.Bytes()
	for i := 0; i < d.Len(); i++ {
		if a.IsNull(i) {
			continue
		}
		ok, err := set(buf, i)
		if err != nil {
			f.release()
			return nil, fmt.Errorf("row %d: %w", i, err)
		}
		if ok {
			f.setValid(i)
		}
	}
	return f.finish(want), nil
}

func byteWidth(dt arrow.DataType) int {
	if fw, ok := dt.(arrow.FixedWidthDataType); ok {
		return fw.BitWidth() / 8
	}
	return 0
}

// putInt stores v into slot i of a little-endian integer buffer of the given
// width.
func putInt(out []byte, width, i int, v int64) {
	switch width {
	case 1:
		arrow.Int8Traits.CastFromBytes(out)[i] = int8(v)
	case 2:
		arrow.Int16Traits.CastFromBytes(out)[i] = int16(v)
	case 4:
		arrow.Int32Traits.CastFromBytes(out)[i] = int32(v)
	case 8:
		arrow.Int64Traits.CastFromBytes(out)[i] = v
	}
}

func intRange(width int) (int64, int64) {
	switch width {
	case 1:
		return math.MinInt8, math.MaxInt8
	case 2:
		return math.MinInt16, math.MaxInt16
	case 4:
		return math.MinInt32, math.MaxInt32
	}
	return math.MinInt64, math.MaxInt64
}

// ---------------------------------------------------------------------------
// Numbers

// intReader returns a reader of signed values for integer arrays whose
// values fit in int64 (all but uint64).
func intReader(a arrow.Array) (func(int) int64, bool) {
	switch x := a.(type) {
	case *array.Int8:
		return func(i int) int64 { return int64(x.Value(i)) }, true
	case *array.Int16:
		return func(i int) int64 { return int64(x.Value(i)) }, true
	case *array.Int32:
		return func(i int) int64 { return int64(x.Value(i)) }, true
	case *array.Int64:
		return func(i int) int64 { return x.Value(i) }, true
	case *array.Uint8:
		return func(i int) int64 { return int64(x.Value(i)) }, true
	case *array.Uint16:
		return func(i int) int64 { return int64(x.Value(i)) }, true
	case *array.Uint32:
		return func(i int) int64 { return int64(x.Value(i)) }, true
	}
	return nil, false
}

// bigReader returns the unscaled value and scale of integer and decimal
// arrays.
func bigReader(a arrow.Array) (func(int) *big.Int, int32, bool) {
	if r, ok := intReader(a); ok {
		return func(i int) *big.Int { return big.NewInt(r(i)) }, 0, true
	}
	switch x := a.(type) {
	case *array.Uint64:
		return func(i int) *big.Int { return new(big.Int).SetUint64(x.Value(i)) }, 0, true
	case *array.Decimal32:
		s := x.DataType().(arrow.DecimalType).GetScale()
		return func(i int) *big.Int { return big.NewInt(int64(x.Value(i))) }, s, true
	case *array.Decimal64:
		s := x.DataType().(arrow.DecimalType).GetScale()
		return func(i int) *big.Int { return big.NewInt(int64(x.Value(i))) }, s, true
	case *array.Decimal128:
		s := x.DataType().(arrow.DecimalType).GetScale()
		return func(i int) *big.Int { return x.Value(i).BigInt() }, s, true
	case *array.Decimal256:
		s := x.DataType().(arrow.DecimalType).GetScale()
		return func(i int) *big.Int { return x.Value(i).BigInt() }, s, true
	}
	return nil, 0, false
}

func pow10(n int32) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

// rescale changes the scale of an unscaled value, rounding half away from
// zero (Spark's ROUND_HALF_UP) when digits are dropped.
func rescale(v *big.Int, from, to int32) *big.Int {
	switch {
	case to == from:
		return v
	case to > from:
		return new(big.Int).Mul(v, pow10(to-from))
	}
	div := pow10(from - to)
	q, r := new(big.Int).QuoRem(v, div, new(big.Int))
	r.Abs(r).Lsh(r, 1)
	if r.Cmp(div) >= 0 {
		q.Add(q, big.NewInt(int64(v.Sign())))
	}
	return q
}

// truncScale drops the fractional digits of an unscaled value (toward zero).
func truncScale(v *big.Int, scale int32) *big.Int {
	switch {
	case scale == 0:
		return v
	case scale < 0:
		return new(big.Int).Mul(v, pow10(-scale))
	}
	return new(big.Int).Quo(v, pow10(scale))
}

func (c *conformer) toInteger(d arrow.ArrayData, want arrow.DataType) (arrow.ArrayData, error) {
	src := d.DataType()
	if src.ID() == want.ID() {
		return relabel(d, want, nil), nil
	}
	width := byteWidth(want)
	lo, hi := intRange(width)
	a := array.MakeFromData(d)
	defer a.Release()
	if r, ok := intReader(a); ok {
		return c.fillFixed(d, want, width, func(out []byte, i int) (bool, error) {
			v := r(i)
			if v < lo || v > hi {
				return false, fmt.Errorf("value %d out of range for %s", v, want)
			}
			putInt(out, width, i, v)
			return true, nil
		})
	}
	if r, scale, ok := bigReader(a); ok {
		blo, bhi := big.NewInt(lo), big.NewInt(hi)
		return c.fillFixed(d, want, width, func(out []byte, i int) (bool, error) {
			v := truncScale(r(i), scale)
			if v.Cmp(blo) < 0 || v.Cmp(bhi) > 0 {
				return false, fmt.Errorf("value %s out of range for %s", v, want)
			}
			putInt(out, width, i, v.Int64())
			return true, nil
		})
	}
	return nil, fmt.Errorf("cannot convert %s to %s", src, want)
}

func (c *conformer) toFloat(d arrow.ArrayData, want arrow.DataType) (arrow.ArrayData, error) {
	src := d.DataType()
	if src.ID() == want.ID() {
		return relabel(d, want, nil), nil
	}
	a := array.MakeFromData(d)
	defer a.Release()
	var get func(int) float64
	switch x := a.(type) {
	case *array.Float16:
		get = func(i int) float64 { return float64(x.Value(i).Float32()) }
	case *array.Float32:
		get = func(i int) float64 { return float64(x.Value(i)) }
	case *array.Float64:
		get = func(i int) float64 { return x.Value(i) }
	case *array.Uint64:
		get = func(i int) float64 { return float64(x.Value(i)) }
	case *array.Decimal128:
		s := x.DataType().(arrow.DecimalType).GetScale()
		get = func(i int) float64 { return x.Value(i).ToFloat64(s) }
	case *array.Decimal256:
		s := x.DataType().(arrow.DecimalType).GetScale()
		get = func(i int) float64 { return x.Value(i).ToFloat64(s) }
	case *array.Decimal32:
		s := x.DataType().(arrow.DecimalType).GetScale()
		get = func(i int) float64 { return x.Value(i).ToFloat64(s) }
	case *array.Decimal64:
		s := x.DataType().(arrow.DecimalType).GetScale()
		get = func(i int) float64 { return x.Value(i).ToFloat64(s) }
	default:
		r, ok := intReader(a)
		if !ok {
			return nil, fmt.Errorf("cannot convert %s to %s", src, want)
		}
		get = func(i int) float64 { return float64(r(i)) }
	}
	if want.ID() == arrow.FLOAT32 {
		return c.fillFixed(d, want, 4, func(out []byte, i int) (bool, error) {
			arrow.Float32Traits.CastFromBytes(out)[i] = float32(get(i))
			return true, nil
		})
	}
	return c.fillFixed(d, want, 8, func(out []byte, i int) (bool, error) {
		arrow.Float64Traits.CastFromBytes(out)[i] = get(i)
		return true, nil
	})
}

func (c *conformer) toDecimal(d arrow.ArrayData, want *arrow.Decimal128Type) (arrow.ArrayData, error) {
	src := d.DataType()
	if st, ok := src.(*arrow.Decimal128Type); ok && st.Scale == want.Scale && st.Precision <= want.Precision {
		return relabel(d, want, nil), nil
	}
	a := array.MakeFromData(d)
	defer a.Release()
	r, scale, ok := bigReader(a)
	if !ok {
		return nil, fmt.Errorf("cannot convert %s to %s", src, want)
	}
	limit := pow10(want.Precision)
	return c.fillFixed(d, want, 16, func(out []byte, i int) (bool, error) {
		v := rescale(r(i), scale, want.Scale)
		if new(big.Int).Abs(v).Cmp(limit) >= 0 {
			return false, fmt.Errorf("value %s (scale %d) does not fit %s", r(i), scale, want)
		}
		arrow.Decimal128Traits.CastFromBytes(out)[i] = decimal128.FromBigInt(v)
		return true, nil
	})
}

// ---------------------------------------------------------------------------
// Strings and binaries

func (c *conformer) toBinaryLike(d arrow.ArrayData, want arrow.DataType) (arrow.ArrayData, error) {
	src := d.DataType()
	switch src.ID() {
	case arrow.STRING, arrow.BINARY:
		if src.ID() == want.ID() || want.ID() == arrow.BINARY {
			return relabel(d, want, nil), nil
		}
	}
	a := array.MakeFromData(d)
	defer a.Release()
	var get func(int) []byte
	switch x := a.(type) {
	case *array.String:
		get = func(i int) []byte { return []byte(x.Value(i)) }
	case *array.LargeString:
		get = func(i int) []byte { return []byte(x.Value(i)) }
	case *array.StringView:
		get = func(i int) []byte { return []byte(x.Value(i)) }
	case *array.Binary:
		get = x.Value
	case *array.LargeBinary:
		get = x.Value
	case *array.BinaryView:
		get = x.Value
	case *array.FixedSizeBinary:
		get = x.Value
	default:
		return nil, fmt.Errorf("cannot convert %s to %s", src, want)
	}
	isString := want.ID() == arrow.STRING
	b := array.NewBinaryBuilder(c.mem, arrow.BinaryTypes.Binary)
	defer b.Release()
	b.Reserve(d.Len())
	total := 0
	for i := 0; i < d.Len(); i++ {
		if a.IsNull(i) {
			b.AppendNull()
			continue
		}
		v := get(i)
		if isString && !isStringSource(src) && !utf8.Valid(v) {
			return nil, fmt.Errorf("row %d: binary value is not valid UTF-8", i)
		}
		total += len(v)
		if total > math.MaxInt32 {
			return nil, fmt.Errorf("more than 2 GiB of data in one column batch")
		}
		b.Append(v)
	}
	bin := b.NewBinaryArray()
	defer bin.Release()
	return relabel(bin.Data(), want, nil), nil
}

func isStringSource(t arrow.DataType) bool {
	switch t.ID() {
	case arrow.STRING, arrow.LARGE_STRING, arrow.STRING_VIEW:
		return true
	}
	return false
}

// ---------------------------------------------------------------------------
// Dates, timestamps and intervals

const (
	microsPerDay = int64(86_400_000_000)
	millisPerDay = int64(86_400_000)
)

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func mulCheck(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	p := a * b
	if p/b != a || (a == -1 && b == math.MinInt64) || (b == -1 && a == math.MinInt64) {
		return 0, false
	}
	return p, true
}

func addCheck(a, b int64) (int64, bool) {
	s := a + b
	if (a > 0 && b > 0 && s < 0) || (a < 0 && b < 0 && s >= 0) {
		return 0, false
	}
	return s, true
}

// toMicros converts a count of unit into microseconds.
func toMicros(v int64, unit arrow.TimeUnit) (int64, error) {
	switch unit {
	case arrow.Second:
		if r, ok := mulCheck(v, 1_000_000); ok {
			return r, nil
		}
	case arrow.Millisecond:
		if r, ok := mulCheck(v, 1_000); ok {
			return r, nil
		}
	case arrow.Microsecond:
		return v, nil
	case arrow.Nanosecond:
		return floorDiv(v, 1_000), nil
	}
	return 0, fmt.Errorf("value %d %s overflows microseconds", v, unit)
}

func (c *conformer) toDate(d arrow.ArrayData, want arrow.DataType) (arrow.ArrayData, error) {
	src := d.DataType()
	switch src.ID() {
	case arrow.DATE32, arrow.INT32:
		return relabel(d, want, nil), nil
	case arrow.DATE64:
		a := array.MakeFromData(d).(*array.Date64)
		defer a.Release()
		return c.fillFixed(d, want, 4, func(out []byte, i int) (bool, error) {
			arrow.Int32Traits.CastFromBytes(out)[i] = int32(floorDiv(int64(a.Value(i)), millisPerDay))
			return true, nil
		})
	}
	return nil, fmt.Errorf("cannot convert %s to %s", src, want)
}

func (c *conformer) toTimestamp(d arrow.ArrayData, want arrow.DataType) (arrow.ArrayData, error) {
	src := d.DataType()
	switch st := src.(type) {
	case *arrow.TimestampType:
		if st.Unit == arrow.Microsecond {
			return relabel(d, want, nil), nil
		}
		a := array.MakeFromData(d).(*array.Timestamp)
		defer a.Release()
		return c.fillFixed(d, want, 8, func(out []byte, i int) (bool, error) {
			v, err := toMicros(int64(a.Value(i)), st.Unit)
			arrow.Int64Traits.CastFromBytes(out)[i] = v
			return err == nil, err
		})
	case *arrow.Int64Type:
		return relabel(d, want, nil), nil
	}
	return nil, fmt.Errorf("cannot convert %s to %s", src, want)
}

// toTime converts a time of day into Spark's time64[ns] (DuckDB sends
// time64[us]).
func (c *conformer) toTime(d arrow.ArrayData, want arrow.DataType) (arrow.ArrayData, error) {
	src := d.DataType()
	var mult int64
	var read func(a arrow.Array, i int) int64
	switch st := src.(type) {
	case *arrow.Time64Type:
		if st.Unit == arrow.Nanosecond {
			return relabel(d, want, nil), nil
		}
		mult = 1_000
		read = func(a arrow.Array, i int) int64 { return int64(a.(*array.Time64).Value(i)) }
	case *arrow.Time32Type:
		mult = 1_000_000
		if st.Unit == arrow.Second {
			mult = 1_000_000_000
		}
		read = func(a arrow.Array, i int) int64 { return int64(a.(*array.Time32).Value(i)) }
	default:
		return nil, fmt.Errorf("cannot convert %s to %s", src, want)
	}
	a := array.MakeFromData(d)
	defer a.Release()
	return c.fillFixed(d, want, 8, func(out []byte, i int) (bool, error) {
		arrow.Int64Traits.CastFromBytes(out)[i] = read(a, i) * mult
		return true, nil
	})
}

func (c *conformer) toDayTime(d arrow.ArrayData, want arrow.DataType) (arrow.ArrayData, error) {
	src := d.DataType()
	switch st := src.(type) {
	case *arrow.DurationType:
		if st.Unit == arrow.Microsecond {
			return relabel(d, want, nil), nil
		}
		a := array.MakeFromData(d).(*array.Duration)
		defer a.Release()
		return c.fillFixed(d, want, 8, func(out []byte, i int) (bool, error) {
			v, err := toMicros(int64(a.Value(i)), st.Unit)
			arrow.Int64Traits.CastFromBytes(out)[i] = v
			return err == nil, err
		})
	case *arrow.Int64Type:
		return relabel(d, want, nil), nil
	case *arrow.MonthDayNanoIntervalType:
		a := array.MakeFromData(d).(*array.MonthDayNanoInterval)
		defer a.Release()
		return c.fillFixed(d, want, 8, func(out []byte, i int) (bool, error) {
			v := a.Value(i)
			if v.Months != 0 {
				return false, fmt.Errorf("interval with %d months cannot be a day-time interval", v.Months)
			}
			us, ok := addCheck(int64(v.Days)*microsPerDay, v.Nanoseconds/1000)
			if !ok {
				return false, fmt.Errorf("interval overflows microseconds")
			}
			arrow.Int64Traits.CastFromBytes(out)[i] = us
			return true, nil
		})
	case *arrow.DayTimeIntervalType:
		a := array.MakeFromData(d).(*array.DayTimeInterval)
		defer a.Release()
		return c.fillFixed(d, want, 8, func(out []byte, i int) (bool, error) {
			v := a.Value(i)
			arrow.Int64Traits.CastFromBytes(out)[i] = int64(v.Days)*microsPerDay + int64(v.Milliseconds)*1000
			return true, nil
		})
	}
	return nil, fmt.Errorf("cannot convert %s to %s", src, want)
}

func (c *conformer) toYearMonth(d arrow.ArrayData, want arrow.DataType) (arrow.ArrayData, error) {
	src := d.DataType()
	switch src.ID() {
	case arrow.INTERVAL_MONTHS, arrow.INT32:
		return relabel(d, want, nil), nil
	case arrow.INTERVAL_MONTH_DAY_NANO:
		a := array.MakeFromData(d).(*array.MonthDayNanoInterval)
		defer a.Release()
		return c.fillFixed(d, want, 4, func(out []byte, i int) (bool, error) {
			v := a.Value(i)
			if v.Days != 0 || v.Nanoseconds != 0 {
				return false, fmt.Errorf("interval with days or time cannot be a year-month interval")
			}
			arrow.Int32Traits.CastFromBytes(out)[i] = v.Months
			return true, nil
		})
	}
	a := array.MakeFromData(d)
	defer a.Release()
	if r, ok := intReader(a); ok {
		return c.fillFixed(d, want, 4, func(out []byte, i int) (bool, error) {
			v := r(i)
			if v < math.MinInt32 || v > math.MaxInt32 {
				return false, fmt.Errorf("value %d out of range for a year-month interval", v)
			}
			arrow.Int32Traits.CastFromBytes(out)[i] = int32(v)
			return true, nil
		})
	}
	return nil, fmt.Errorf("cannot convert %s to %s", src, want)
}

func (c *conformer) toCalendar(d arrow.ArrayData, want arrow.DataType) (arrow.ArrayData, error) {
	src := d.DataType()
	put := func(out []byte, i int, v arrow.MonthDayNanoInterval) {
		arrow.MonthDayNanoIntervalTraits.CastFromBytes(out)[i] = v
	}
	switch st := src.(type) {
	case *arrow.MonthDayNanoIntervalType:
		return relabel(d, want, nil), nil
	case *arrow.MonthIntervalType:
		a := array.MakeFromData(d).(*array.MonthInterval)
		defer a.Release()
		return c.fillFixed(d, want, 16, func(out []byte, i int) (bool, error) {
			put(out, i, arrow.MonthDayNanoInterval{Months: int32(a.Value(i))})
			return true, nil
		})
	case *arrow.DayTimeIntervalType:
		a := array.MakeFromData(d).(*array.DayTimeInterval)
		defer a.Release()
		return c.fillFixed(d, want, 16, func(out []byte, i int) (bool, error) {
			v := a.Value(i)
			put(out, i, arrow.MonthDayNanoInterval{Days: v.Days, Nanoseconds: int64(v.Milliseconds) * 1_000_000})
			return true, nil
		})
	case *arrow.DurationType:
		a := array.MakeFromData(d).(*array.Duration)
		defer a.Release()
		return c.fillFixed(d, want, 16, func(out []byte, i int) (bool, error) {
			us, err := toMicros(int64(a.Value(i)), st.Unit)
			if err != nil {
				return false, err
			}
			// Spark's Duration → CalendarInterval keeps days at 0.
			ns, ok := mulCheck(us, 1000)
			if !ok {
				return false, fmt.Errorf("duration overflows nanoseconds")
			}
			put(out, i, arrow.MonthDayNanoInterval{Nanoseconds: ns})
			return true, nil
		})
	}
	return nil, fmt.Errorf("cannot convert %s to %s", src, want)
}

// ---------------------------------------------------------------------------
// Nested types

// toList converts any list-like array (list, large list, fixed-size list,
// list view, map) into want, a ListType or MapType, whose child is elemWant
// for the Spark element type elem.
func (c *conformer) toList(d arrow.ArrayData, elem DataType, want, elemWant arrow.DataType) (arrow.ArrayData, error) {
	src := d.DataType()
	if _, ok := src.(arrow.ListLikeType); !ok {
		return nil, fmt.Errorf("cannot convert %s to %s", src, want)
	}
	if want.ID() == arrow.MAP {
		if st, ok := src.(arrow.ListLikeType).Elem().(*arrow.StructType); !ok || st.NumFields() != 2 {
			return nil, fmt.Errorf("cannot convert %s to %s: entries must be a struct of two fields", src, want)
		}
	}
	child, err := c.conform(d.Children()[0], elem, elemWant)
	if err != nil {
		return nil, fmt.Errorf("element: %w", err)
	}
	// Lists and maps share a layout (validity + int32 offsets + child).
	if src.ID() == arrow.LIST || src.ID() == arrow.MAP {
		return relabel(d, want, []arrow.ArrayData{child}), nil
	}
	defer child.Release()

	a := array.MakeFromData(d).(array.ListLike)
	defer a.Release()
	n := d.Len()
	starts := make([]int64, n)
	ends := make([]int64, n)
	contiguous := true
	for i := 0; i < n; i++ {
		if a.IsNull(i) && (src.ID() == arrow.LIST_VIEW || src.ID() == arrow.LARGE_LIST_VIEW) {
			// A null list view slot's range is meaningless.
			if i > 0 {
				starts[i], ends[i] = ends[i-1], ends[i-1]
			}
		} else {
			starts[i], ends[i] = a.ValueOffsets(i)
		}
		if ends[i] < starts[i] {
			return nil, fmt.Errorf("invalid list range [%d,%d) at row %d", starts[i], ends[i], i)
		}
		if i > 0 && starts[i] != ends[i-1] {
			contiguous = false
		}
	}

	valid := c.copyValidity(d)
	offsets := memory.NewResizableBuffer(c.mem)
	offsets.Resize(arrow.Int32Traits.BytesRequired(n + 1))
	offs := arrow.Int32Traits.CastFromBytes(offsets.Bytes())
	newChild := child
	if contiguous {
		base := int64(0)
		if n > 0 {
			base = starts[0]
		}
		if n > 0 && ends[n-1] > math.MaxInt32 {
			releaseBuffers(valid, offsets)
			return nil, fmt.Errorf("list child too long for 32-bit offsets")
		}
		offs[0] = int32(base)
		for i := 0; i < n; i++ {
			offs[i+1] = int32(ends[i])
		}
		newChild.Retain()
	} else {
		// Gather the element ranges into a fresh child.
		childArr := array.MakeFromData(child)
		defer childArr.Release()
		parts := make([]arrow.Array, 0, n)
		defer func() {
			for _, p := range parts {
				p.Release()
			}
		}()
		total := int64(0)
		offs[0] = 0
		for i := 0; i < n; i++ {
			if !a.IsNull(i) && ends[i] > starts[i] {
				parts = append(parts, array.NewSlice(childArr, starts[i], ends[i]))
				total += ends[i] - starts[i]
			}
			if total > math.MaxInt32 {
				releaseBuffers(valid, offsets)
				return nil, fmt.Errorf("list child too long for 32-bit offsets")
			}
			offs[i+1] = int32(total)
		}
		var gathered arrow.Array
		if len(parts) == 0 {
			gathered = array.NewSlice(childArr, 0, 0)
		} else {
			gathered, err = array.Concatenate(parts, c.mem)
			if err != nil {
				releaseBuffers(valid, offsets)
				return nil, fmt.Errorf("gather list elements: %w", err)
			}
		}
		newChild = gathered.Data()
		newChild.Retain()
		gathered.Release()
	}
	nulls := nullCount(d)
	out := array.NewData(want, n, []*memory.Buffer{valid, offsets}, []arrow.ArrayData{newChild}, nulls, 0)
	newChild.Release()
	releaseBuffers(valid, offsets)
	return out, nil
}

func releaseBuffers(bs ...*memory.Buffer) {
	for _, b := range bs {
		if b != nil {
			b.Release()
		}
	}
}

// copyValidity returns d's validity bitmap re-based to offset 0, or nil when
// d has no nulls.
func (c *conformer) copyValidity(d arrow.ArrayData) *memory.Buffer {
	if nullCount(d) == 0 || len(d.Buffers()) == 0 || d.Buffers()[0] == nil {
		return nil
	}
	n := d.Len()
	buf := memory.NewResizableBuffer(c.mem)
	buf.Resize(int(bitutil.BytesForBits(int64(n))))
	clear(buf.Bytes())
	bitutil.CopyBitmap(d.Buffers()[0].Bytes(), d.Offset(), n, buf.Bytes(), 0)
	return buf
}

func (c *conformer) toStruct(d arrow.ArrayData, t Struct, want *arrow.StructType) (arrow.ArrayData, error) {
	src, ok := d.DataType().(*arrow.StructType)
	if !ok {
		return nil, fmt.Errorf("cannot convert %s to %s", d.DataType(), want)
	}
	if src.NumFields() != len(t.Fields) {
		return nil, fmt.Errorf("struct has %d fields, want %d", src.NumFields(), len(t.Fields))
	}
	children := make([]arrow.ArrayData, len(t.Fields))
	for i, f := range t.Fields {
		ch, err := c.conform(d.Children()[i], f.Type, want.Field(i).Type)
		if err != nil {
			releaseAll(children)
			return nil, fmt.Errorf("field %q: %w", f.Name, err)
		}
		children[i] = ch
	}
	return relabel(d, want, children), nil
}

func (c *conformer) toVariant(d arrow.ArrayData, want *arrow.StructType) (arrow.ArrayData, error) {
	src, ok := d.DataType().(*arrow.StructType)
	if !ok || src.NumFields() != 2 {
		return nil, fmt.Errorf("cannot convert %s to variant: want a struct of value and metadata", d.DataType())
	}
	vi, mi := 0, 1
	if i, ok := src.FieldIdx("value"); ok {
		if j, ok := src.FieldIdx("metadata"); ok {
			vi, mi = i, j
		}
	}
	children := make([]arrow.ArrayData, 2)
	for k, idx := range []int{vi, mi} {
		ch, err := c.conform(d.Children()[idx], Binary, arrow.BinaryTypes.Binary)
		if err != nil {
			releaseAll(children)
			return nil, fmt.Errorf("variant %s: %w", want.Field(k).Name, err)
		}
		children[k] = ch
	}
	return relabel(d, want, children), nil
}

// decodeDictionary conforms the dictionary values and expands them by the
// indices.
func (c *conformer) decodeDictionary(d arrow.ArrayData, t DataType, want arrow.DataType) (arrow.ArrayData, error) {
	a := array.MakeFromData(d).(*array.Dictionary)
	defer a.Release()
	vals, err := c.conform(a.Dictionary().Data(), t, want)
	if err != nil {
		return nil, fmt.Errorf("dictionary values: %w", err)
	}
	defer vals.Release()
	idx := make([]int, a.Len())
	for i := range idx {
		if a.IsNull(i) {
			idx[i] = -1
		} else {
			idx[i] = a.GetValueIndex(i)
		}
	}
	return c.take(vals, idx)
}

// take builds an array of values[idx[i]] (null where idx[i] < 0).
func (c *conformer) take(values arrow.ArrayData, idx []int) (arrow.ArrayData, error) {
	va := array.MakeFromData(values)
	defer va.Release()
	dt := values.DataType()
	n := len(idx)
	for _, j := range idx {
		if j >= values.Len() {
			return nil, fmt.Errorf("dictionary index %d out of range (%d values)", j, values.Len())
		}
	}
	isNull := func(i int) bool { return idx[i] < 0 || va.IsNull(idx[i]) }

	switch x := va.(type) {
	case *array.Null:
		out := array.NewNull(n)
		defer out.Release()
		d := out.Data()
		d.Retain()
		return d, nil
	case *array.Boolean:
		b := array.NewBooleanBuilder(c.mem)
		defer b.Release()
		for i := 0; i < n; i++ {
			if isNull(i) {
				b.AppendNull()
			} else {
				b.Append(x.Value(idx[i]))
			}
		}
		return relabelArray(b.NewArray(), dt), nil
	case *array.String:
		b := array.NewBinaryBuilder(c.mem, arrow.BinaryTypes.Binary)
		defer b.Release()
		for i := 0; i < n; i++ {
			if isNull(i) {
				b.AppendNull()
			} else {
				b.AppendString(x.Value(idx[i]))
			}
		}
		return relabelArray(b.NewArray(), dt), nil
	case *array.Binary:
		b := array.NewBinaryBuilder(c.mem, arrow.BinaryTypes.Binary)
		defer b.Release()
		for i := 0; i < n; i++ {
			if isNull(i) {
				b.AppendNull()
			} else {
				b.Append(x.Value(idx[i]))
			}
		}
		return relabelArray(b.NewArray(), dt), nil
	}
	if w := byteWidth(dt); w > 0 && len(values.Buffers()) == 2 && values.Buffers()[1] != nil {
		src := values.Buffers()[1].Bytes()
		off := values.Offset()
		f := c.newFixed(n, w)
		out := f.data.Bytes()
		for i := 0; i < n; i++ {
			if isNull(i) {
				continue
			}
			j := off + idx[i]
			copy(out[i*w:(i+1)*w], src[j*w:(j+1)*w])
			f.setValid(i)
		}
		return f.finish(dt), nil
	}
	// Nested values: concatenate one-row slices.
	parts := make([]arrow.Array, n)
	defer func() {
		for _, p := range parts {
			if p != nil {
				p.Release()
			}
		}
	}()
	for i := 0; i < n; i++ {
		if isNull(i) {
			parts[i] = array.MakeArrayOfNull(c.mem, dt, 1)
		} else {
			parts[i] = array.NewSlice(va, int64(idx[i]), int64(idx[i]+1))
		}
	}
	if n == 0 {
		empty := array.MakeArrayOfNull(c.mem, dt, 0)
		defer empty.Release()
		d := empty.Data()
		d.Retain()
		return d, nil
	}
	res, err := array.Concatenate(parts, c.mem)
	if err != nil {
		return nil, fmt.Errorf("expand dictionary: %w", err)
	}
	defer res.Release()
	d := res.Data()
	d.Retain()
	return d, nil
}

// relabelArray gives a freshly built array the type dt, releasing it.
func relabelArray(a arrow.Array, dt arrow.DataType) arrow.ArrayData {
	defer a.Release()
	return relabel(a.Data(), dt, nil)
}

// emptyStruct turns the BOOLEAN stand-in of an empty struct column back
// into a struct array with no fields and the same nulls.
func (c *conformer) emptyStruct(d arrow.ArrayData, want arrow.DataType) (arrow.ArrayData, error) {
	valid := c.copyValidity(d)
	nulls := nullCount(d)
	return array.NewData(want, d.Len(), []*memory.Buffer{valid}, nil, nulls, 0), nil
}

// EmptyStructAsBool is the column DuckDB keeps for an empty struct array
// (DuckDB has no STRUCT without fields): TRUE where the struct is present,
// NULL where it is NULL. ConformArray turns it back.
func EmptyStructAsBool(a arrow.Array, mem memory.Allocator) arrow.Array {
	b := array.NewBooleanBuilder(mem)
	defer b.Release()
	b.Reserve(a.Len())
	for i := 0; i < a.Len(); i++ {
		if a.IsNull(i) {
			b.AppendNull()
		} else {
			b.Append(true)
		}
	}
	return b.NewArray()
}
