package types

import (
	"fmt"
	"strings"
)

// Kind identifies a Spark data type family.
type Kind int

const (
	KindNull Kind = iota
	KindBoolean
	KindByte
	KindShort
	KindInt
	KindLong
	KindFloat
	KindDouble
	KindDecimal
	KindString
	KindBinary
	KindDate
	KindTimestamp    // TimestampType: an instant, shown in the session time zone
	KindTimestampNTZ // TimestampNTZType: a wall-clock time without zone
	KindDayTimeInterval
	KindYearMonthInterval
	KindCalendarInterval
	KindArray
	KindMap
	KindStruct
	KindVariant
	KindChar
	KindVarchar
	// KindTime is TimeType(p): a time of day without date or zone, with
	// p (0..6) fractional-second digits.
	KindTime
	// KindUnparsed marks a type that arrived as text (Connect's
	// DataType.Unparsed) and still has to be parsed by the SQL type parser.
	KindUnparsed
)

// DataType is a Spark SQL data type. Types are values; compare them with Equal.
type DataType interface {
	Kind() Kind
	// SimpleString is Spark's short form: "int", "decimal(10,2)", "array<string>".
	SimpleString() string
}

type atomic struct{ k Kind }

func (a atomic) Kind() Kind { return a.k }

func (a atomic) SimpleString() string {
	switch a.k {
	case KindNull:
		return "void"
	case KindBoolean:
		return "boolean"
	case KindByte:
		return "tinyint"
	case KindShort:
		return "smallint"
	case KindInt:
		return "int"
	case KindLong:
		return "bigint"
	case KindFloat:
		return "float"
	case KindDouble:
		return "double"
	case KindString:
		return "string"
	case KindBinary:
		return "binary"
	case KindDate:
		return "date"
	case KindTimestamp:
		return "timestamp"
	case KindTimestampNTZ:
		return "timestamp_ntz"
	case KindCalendarInterval:
		return "interval"
	case KindVariant:
		return "variant"
	}
	return fmt.Sprintf("kind(%d)", a.k)
}

// The atomic types.
var (
	Null             DataType = atomic{KindNull}
	Boolean          DataType = atomic{KindBoolean}
	Byte             DataType = atomic{KindByte}
	Short            DataType = atomic{KindShort}
	Int              DataType = atomic{KindInt}
	Long             DataType = atomic{KindLong}
	Float            DataType = atomic{KindFloat}
	Double           DataType = atomic{KindDouble}
	String           DataType = atomic{KindString}
	Binary           DataType = atomic{KindBinary}
	Date             DataType = atomic{KindDate}
	Timestamp        DataType = atomic{KindTimestamp}
	TimestampNTZ     DataType = atomic{KindTimestampNTZ}
	CalendarInterval DataType = atomic{KindCalendarInterval}
	Variant          DataType = atomic{KindVariant}
)

// Unparsed is a type the client sent as a type string (DataType.Unparsed in
// the Connect protocol). It is a placeholder: callers detect it (Kind
// KindUnparsed) and replace it with the result of parsing Text.
type Unparsed struct{ Text string }

func (Unparsed) Kind() Kind             { return KindUnparsed }
func (u Unparsed) SimpleString() string { return u.Text }

// Decimal is DecimalType(precision, scale).
type Decimal struct{ Precision, Scale int }

func (Decimal) Kind() Kind { return KindDecimal }
func (d Decimal) SimpleString() string {
	return fmt.Sprintf("decimal(%d,%d)", d.Precision, d.Scale)
}

// MaxDecimalPrecision is Spark's (and DuckDB's) largest decimal precision.
const MaxDecimalPrecision = 38

// CharType / VarcharType keep their length; they behave as strings.
type Char struct{ Length int }

func (Char) Kind() Kind             { return KindChar }
func (c Char) SimpleString() string { return fmt.Sprintf("char(%d)", c.Length) }

type Varchar struct{ Length int }

// Time is Spark's TIME(p) (Spark 4.1+): a time of day, nanoseconds since
// midnight in Spark, with Precision fractional-second digits (0..6).
type Time struct{ Precision int }

func (Time) Kind() Kind             { return KindTime }
func (t Time) SimpleString() string { return fmt.Sprintf("time(%d)", t.Precision) }

// DefaultTimePrecision is the precision of TIME without one (microseconds).
const DefaultTimePrecision = 6

// MaxTimePrecision is the largest TIME precision Spark supports.
const MaxTimePrecision = 6

// DefaultTime is TIME(6).
var DefaultTime = Time{Precision: DefaultTimePrecision}

func (Varchar) Kind() Kind             { return KindVarchar }
func (c Varchar) SimpleString() string { return fmt.Sprintf("varchar(%d)", c.Length) }

// Interval field codes, as Spark numbers them.
const (
	DayField    = 0
	HourField   = 1
	MinuteField = 2
	SecondField = 3
	YearField   = 0
	MonthField  = 1
)

// DayTimeInterval is DayTimeIntervalType(startField, endField).
type DayTimeInterval struct{ Start, End int }

func (DayTimeInterval) Kind() Kind { return KindDayTimeInterval }
func (d DayTimeInterval) SimpleString() string {
	names := []string{"day", "hour", "minute", "second"}
	if d.Start == d.End {
		return "interval " + names[d.Start]
	}
	return "interval " + names[d.Start] + " to " + names[d.End]
}

// YearMonthInterval is YearMonthIntervalType(startField, endField).
type YearMonthInterval struct{ Start, End int }

func (YearMonthInterval) Kind() Kind { return KindYearMonthInterval }
func (y YearMonthInterval) SimpleString() string {
	names := []string{"year", "month"}
	if y.Start == y.End {
		return "interval " + names[y.Start]
	}
	return "interval " + names[y.Start] + " to " + names[y.End]
}

// Array is ArrayType(elementType, containsNull).
type Array struct {
	Elem         DataType
	ContainsNull bool
}

func (Array) Kind() Kind             { return KindArray }
func (a Array) SimpleString() string { return "array<" + a.Elem.SimpleString() + ">" }

// Map is MapType(keyType, valueType, valueContainsNull).
type Map struct {
	Key               DataType
	Value             DataType
	ValueContainsNull bool
}

func (Map) Kind() Kind { return KindMap }
func (m Map) SimpleString() string {
	return "map<" + m.Key.SimpleString() + "," + m.Value.SimpleString() + ">"
}

// Field is a StructField.
type Field struct {
	Name     string
	Type     DataType
	Nullable bool
	// Metadata is the field's metadata as a JSON object text ("" = none).
	Metadata string
}

// Struct is StructType(fields).
type Struct struct{ Fields []Field }

func (Struct) Kind() Kind { return KindStruct }
func (s Struct) SimpleString() string {
	var b strings.Builder
	b.WriteString("struct<")
	for i, f := range s.Fields {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(f.Name)
		b.WriteByte(':')
		b.WriteString(f.Type.SimpleString())
	}
	b.WriteByte('>')
	return b.String()
}

// Names returns the field names in order.
func (s Struct) Names() []string {
	out := make([]string, len(s.Fields))
	for i, f := range s.Fields {
		out[i] = f.Name
	}
	return out
}

// Equal reports whether two types are the same Spark type, including
// nullability flags of nested types.
func Equal(a, b DataType) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if a.Kind() != b.Kind() {
		return false
	}
	switch x := a.(type) {
	case Array:
		y := b.(Array)
		return x.ContainsNull == y.ContainsNull && Equal(x.Elem, y.Elem)
	case Map:
		y := b.(Map)
		return x.ValueContainsNull == y.ValueContainsNull && Equal(x.Key, y.Key) && Equal(x.Value, y.Value)
	case Struct:
		y := b.(Struct)
		if len(x.Fields) != len(y.Fields) {
			return false
		}
		for i := range x.Fields {
			f, g := x.Fields[i], y.Fields[i]
			if f.Name != g.Name || f.Nullable != g.Nullable || !Equal(f.Type, g.Type) {
				return false
			}
		}
		return true
	}
	return a == b
}

// EqualIgnoreNullability compares types ignoring containsNull/nullable flags.
func EqualIgnoreNullability(a, b DataType) bool {
	return Equal(AsNullable(a), AsNullable(b))
}

// AsNullable returns t with every nested nullability flag set to true.
func AsNullable(t DataType) DataType {
	switch x := t.(type) {
	case Array:
		return Array{Elem: AsNullable(x.Elem), ContainsNull: true}
	case Map:
		return Map{Key: AsNullable(x.Key), Value: AsNullable(x.Value), ValueContainsNull: true}
	case Struct:
		fs := make([]Field, len(x.Fields))
		for i, f := range x.Fields {
			fs[i] = Field{Name: f.Name, Type: AsNullable(f.Type), Nullable: true, Metadata: f.Metadata}
		}
		return Struct{Fields: fs}
	}
	return t
}

// IsIntegral reports byte/short/int/long.
func IsIntegral(t DataType) bool {
	switch t.Kind() {
	case KindByte, KindShort, KindInt, KindLong:
		return true
	}
	return false
}

// IsNumeric reports integral, fractional and decimal types.
func IsNumeric(t DataType) bool {
	switch t.Kind() {
	case KindByte, KindShort, KindInt, KindLong, KindFloat, KindDouble, KindDecimal:
		return true
	}
	return false
}

// IsStringLike reports string, char and varchar.
func IsStringLike(t DataType) bool {
	switch t.Kind() {
	case KindString, KindChar, KindVarchar:
		return true
	}
	return false
}

// IsDatetime reports date and the timestamp types.
func IsDatetime(t DataType) bool {
	switch t.Kind() {
	case KindDate, KindTimestamp, KindTimestampNTZ:
		return true
	}
	return false
}

// DecimalOf is the decimal type that holds every value of an integral type
// exactly (Spark's DecimalType.forType).
func DecimalOf(t DataType) (Decimal, bool) {
	switch t.Kind() {
	case KindByte:
		return Decimal{3, 0}, true
	case KindShort:
		return Decimal{5, 0}, true
	case KindInt:
		return Decimal{10, 0}, true
	case KindLong:
		return Decimal{20, 0}, true
	case KindFloat:
		return Decimal{14, 7}, true
	case KindDouble:
		return Decimal{30, 15}, true
	case KindDecimal:
		return t.(Decimal), true
	}
	return Decimal{}, false
}

// BoundedDecimal clamps precision to 38 the way Spark's DecimalType.bounded does.
func BoundedDecimal(precision, scale int) Decimal {
	if precision > MaxDecimalPrecision {
		precision = MaxDecimalPrecision
	}
	if scale > MaxDecimalPrecision {
		scale = MaxDecimalPrecision
	}
	return Decimal{precision, scale}
}

// AdjustedDecimal implements Spark's DecimalType.adjustPrecisionScale used
// when spark.sql.decimalOperations.allowPrecisionLoss is true (the default):
// it keeps at least 6 digits of scale when the precision overflows.
func AdjustedDecimal(precision, scale int) Decimal {
	if precision <= MaxDecimalPrecision {
		return Decimal{precision, scale}
	}
	if scale < 0 {
		return Decimal{MaxDecimalPrecision, scale}
	}
	intDigits := precision - scale
	minScale := scale
	if minScale > 6 {
		minScale = 6
	}
	adj := MaxDecimalPrecision - intDigits
	if adj < minScale {
		adj = minScale
	}
	return Decimal{MaxDecimalPrecision, adj}
}

// numericRank orders the numeric types for widening (Spark's numericPrecedence).
func numericRank(k Kind) int {
	switch k {
	case KindByte:
		return 1
	case KindShort:
		return 2
	case KindInt:
		return 3
	case KindLong:
		return 4
	case KindFloat:
		return 5
	case KindDouble:
		return 6
	}
	return 0
}

// WiderDecimal is Spark's widerDecimalType: the decimal that can hold both.
func WiderDecimal(a, b Decimal) Decimal {
	scale := a.Scale
	if b.Scale > scale {
		scale = b.Scale
	}
	ia, ib := a.Precision-a.Scale, b.Precision-b.Scale
	if ib > ia {
		ia = ib
	}
	return BoundedDecimal(ia+scale, scale)
}

// TightestCommonType is Spark's findTightestCommonType: a type both values
// can be widened to without loss, or false.
func TightestCommonType(a, b DataType) (DataType, bool) {
	if Equal(a, b) {
		return a, true
	}
	if a.Kind() == KindNull {
		return b, true
	}
	if b.Kind() == KindNull {
		return a, true
	}
	ra, rb := numericRank(a.Kind()), numericRank(b.Kind())
	if ra > 0 && rb > 0 {
		if ra >= rb {
			return a, true
		}
		return b, true
	}
	if a.Kind() == KindTimestamp && b.Kind() == KindDate || a.Kind() == KindDate && b.Kind() == KindTimestamp {
		return Timestamp, true
	}
	if a.Kind() == KindTimestampNTZ && b.Kind() == KindDate || a.Kind() == KindDate && b.Kind() == KindTimestampNTZ {
		return TimestampNTZ, true
	}
	if a.Kind() == KindTimestamp && b.Kind() == KindTimestampNTZ || a.Kind() == KindTimestampNTZ && b.Kind() == KindTimestamp {
		return Timestamp, true
	}
	// Two ANSI intervals of one family widen to the span of their fields.
	if x, ok := a.(DayTimeInterval); ok {
		if y, ok := b.(DayTimeInterval); ok {
			return DayTimeInterval{Start: min(x.Start, y.Start), End: max(x.End, y.End)}, true
		}
	}
	if x, ok := a.(YearMonthInterval); ok {
		if y, ok := b.(YearMonthInterval); ok {
			return YearMonthInterval{Start: min(x.Start, y.Start), End: max(x.End, y.End)}, true
		}
	}
	if EqualIgnoreNullability(a, b) {
		return mergeNullability(a, b), true
	}
	return nil, false
}

// WiderType is Spark's findWiderTypeForTwo: tightest common type, then
// decimal widening, then string promotion for mixed string/atomic, then
// element-wise for complex types.
func WiderType(a, b DataType) (DataType, bool) {
	if t, ok := TightestCommonType(a, b); ok {
		return t, true
	}
	if a.Kind() == KindDecimal || b.Kind() == KindDecimal {
		if IsNumeric(a) && IsNumeric(b) {
			if a.Kind() == KindFloat || a.Kind() == KindDouble || b.Kind() == KindFloat || b.Kind() == KindDouble {
				return Double, true
			}
			da, _ := DecimalOf(a)
			db, _ := DecimalOf(b)
			return WiderDecimal(da, db), true
		}
	}
	if IsStringLike(a) && isAtomic(b) || IsStringLike(b) && isAtomic(a) {
		if a.Kind() != KindBinary && b.Kind() != KindBinary && a.Kind() != KindBoolean && b.Kind() != KindBoolean {
			return String, true
		}
	}
	switch x := a.(type) {
	case Array:
		if y, ok := b.(Array); ok {
			e, ok := WiderType(x.Elem, y.Elem)
			if ok {
				return Array{Elem: e, ContainsNull: x.ContainsNull || y.ContainsNull}, true
			}
		}
	case Map:
		if y, ok := b.(Map); ok {
			k, ok1 := WiderType(x.Key, y.Key)
			v, ok2 := WiderType(x.Value, y.Value)
			if ok1 && ok2 {
				return Map{Key: k, Value: v, ValueContainsNull: x.ValueContainsNull || y.ValueContainsNull}, true
			}
		}
	case Struct:
		if y, ok := b.(Struct); ok && len(x.Fields) == len(y.Fields) {
			fs := make([]Field, len(x.Fields))
			for i := range x.Fields {
				if !strings.EqualFold(x.Fields[i].Name, y.Fields[i].Name) {
					return nil, false
				}
				t, ok := WiderType(x.Fields[i].Type, y.Fields[i].Type)
				if !ok {
					return nil, false
				}
				fs[i] = Field{Name: x.Fields[i].Name, Type: t, Nullable: x.Fields[i].Nullable || y.Fields[i].Nullable}
			}
			return Struct{Fields: fs}, true
		}
	}
	return nil, false
}

func isAtomic(t DataType) bool {
	switch t.Kind() {
	case KindArray, KindMap, KindStruct, KindNull, KindVariant:
		return false
	}
	return true
}

func mergeNullability(a, b DataType) DataType {
	switch x := a.(type) {
	case Array:
		y := b.(Array)
		return Array{Elem: mergeNullability(x.Elem, y.Elem), ContainsNull: x.ContainsNull || y.ContainsNull}
	case Map:
		y := b.(Map)
		return Map{Key: mergeNullability(x.Key, y.Key), Value: mergeNullability(x.Value, y.Value), ValueContainsNull: x.ValueContainsNull || y.ValueContainsNull}
	case Struct:
		y := b.(Struct)
		fs := make([]Field, len(x.Fields))
		for i := range x.Fields {
			fs[i] = x.Fields[i]
			fs[i].Type = mergeNullability(x.Fields[i].Type, y.Fields[i].Type)
			fs[i].Nullable = x.Fields[i].Nullable || y.Fields[i].Nullable
		}
		return Struct{Fields: fs}
	}
	return a
}

// HasTime reports whether t is TIME(p) or holds one in an array, map or
// struct field.
func HasTime(t DataType) bool {
	switch x := t.(type) {
	case Time:
		return true
	case Array:
		return HasTime(x.Elem)
	case Map:
		return HasTime(x.Key) || HasTime(x.Value)
	case Struct:
		for _, f := range x.Fields {
			if HasTime(f.Type) {
				return true
			}
		}
	}
	return false
}
