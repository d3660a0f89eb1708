package types

import (
	"fmt"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
)

// ArrowMetadataKey is the Arrow field-metadata key under which Spark stores
// a StructField's metadata (as its JSON text).
const ArrowMetadataKey = "SPARK::metadata::json"

// variantMetadata tags the "metadata" child of a variant struct; PySpark's
// is_variant and Spark's isVariantField look for it.
var variantMetadata = arrow.NewMetadata([]string{"variant"}, []string{"true"})

// ToArrow is the Arrow type Spark uses for t in result batches
// (ArrowUtils.toArrowType/toArrowField with largeVarTypes off). tz is the
// session time zone; it is required when t contains a TimestampType.
// Duplicate field names in (nested) structs are made unique the way Spark
// does it (name_0, name_1, ...).
func ToArrow(t DataType, tz string) (arrow.DataType, error) {
	at, err := toArrow(t, tz)
	if err != nil {
		return nil, fmt.Errorf("arrow type for %s: %w", simpleStringOf(t), err)
	}
	return at, nil
}

// ArrowField is the Arrow field Spark builds for a top-level column.
func ArrowField(f Field, tz string) (arrow.Field, error) {
	at, err := toArrow(f.Type, tz)
	if err != nil {
		return arrow.Field{}, fmt.Errorf("arrow field %q: %w", f.Name, err)
	}
	return arrow.Field{Name: f.Name, Type: at, Nullable: f.Nullable, Metadata: arrowFieldMetadata(f.Metadata)}, nil
}

// ArrowSchema is the Arrow schema Spark sends for a result with schema s.
// Top-level names are kept as they are (duplicates included); nested struct
// names are made unique.
func ArrowSchema(s Struct, tz string) (*arrow.Schema, error) {
	fields := make([]arrow.Field, len(s.Fields))
	for i, f := range s.Fields {
		af, err := ArrowField(f, tz)
		if err != nil {
			return nil, fmt.Errorf("arrow schema: %w", err)
		}
		fields[i] = af
	}
	return arrow.NewSchema(fields, nil), nil
}

func simpleStringOf(t DataType) string {
	if t == nil {
		return "<nil>"
	}
	return t.SimpleString()
}

func arrowFieldMetadata(md string) arrow.Metadata {
	if c := compactMetadata(md); c != "{}" {
		return arrow.NewMetadata([]string{ArrowMetadataKey}, []string{c})
	}
	return arrow.Metadata{}
}

func toArrow(t DataType, tz string) (arrow.DataType, error) {
	switch x := t.(type) {
	case nil:
		return nil, fmt.Errorf("missing type")
	case Decimal:
		if err := CheckDecimal(x); err != nil {
			return nil, err
		}
		return &arrow.Decimal128Type{Precision: int32(x.Precision), Scale: int32(x.Scale)}, nil
	case Char, Varchar:
		return arrow.BinaryTypes.String, nil
	case Time:
		// Spark sends TIME as nanoseconds since midnight whatever the precision.
		return arrow.FixedWidthTypes.Time64ns, nil
	case DayTimeInterval:
		return arrow.FixedWidthTypes.Duration_us, nil
	case YearMonthInterval:
		return arrow.FixedWidthTypes.MonthInterval, nil
	case Array:
		elem, err := toArrow(x.Elem, tz)
		if err != nil {
			return nil, err
		}
		return arrow.ListOfField(arrow.Field{Name: "element", Type: elem, Nullable: x.ContainsNull}), nil
	case Map:
		key, err := toArrow(x.Key, tz)
		if err != nil {
			return nil, err
		}
		val, err := toArrow(x.Value, tz)
		if err != nil {
			return nil, err
		}
		return arrow.MapOfFields(
			arrow.Field{Name: "key", Type: key, Nullable: false},
			arrow.Field{Name: "value", Type: val, Nullable: x.ValueContainsNull},
		), nil
	case Struct:
		names := dedupNames(x.Names())
		fields := make([]arrow.Field, len(x.Fields))
		for i, f := range x.Fields {
			ft, err := toArrow(f.Type, tz)
			if err != nil {
				return nil, err
			}
			fields[i] = arrow.Field{Name: names[i], Type: ft, Nullable: f.Nullable, Metadata: arrowFieldMetadata(f.Metadata)}
		}
		return arrow.StructOf(fields...), nil
	case Unparsed:
		return nil, fmt.Errorf("unparsed type %q", x.Text)
	}
	switch t.Kind() {
	case KindNull:
		return arrow.Null, nil
	case KindBoolean:
		return arrow.FixedWidthTypes.Boolean, nil
	case KindByte:
		return arrow.PrimitiveTypes.Int8, nil
	case KindShort:
		return arrow.PrimitiveTypes.Int16, nil
	case KindInt:
		return arrow.PrimitiveTypes.Int32, nil
	case KindLong:
		return arrow.PrimitiveTypes.Int64, nil
	case KindFloat:
		return arrow.PrimitiveTypes.Float32, nil
	case KindDouble:
		return arrow.PrimitiveTypes.Float64, nil
	case KindString:
		return arrow.BinaryTypes.String, nil
	case KindBinary:
		return arrow.BinaryTypes.Binary, nil
	case KindDate:
		return arrow.FixedWidthTypes.Date32, nil
	case KindTimestamp:
		if tz == "" {
			return nil, fmt.Errorf("a time zone is required for timestamp")
		}
		return &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: tz}, nil
	case KindTimestampNTZ:
		return &arrow.TimestampType{Unit: arrow.Microsecond}, nil
	case KindCalendarInterval:
		return arrow.FixedWidthTypes.MonthDayNanoInterval, nil
	case KindVariant:
		return variantArrowType(), nil
	}
	return nil, fmt.Errorf("no Arrow mapping for %s", t.SimpleString())
}

func variantArrowType() *arrow.StructType {
	return arrow.StructOf(
		arrow.Field{Name: "value", Type: arrow.BinaryTypes.Binary, Nullable: false},
		arrow.Field{Name: "metadata", Type: arrow.BinaryTypes.Binary, Nullable: false, Metadata: variantMetadata},
	)
}

// dedupNames renames repeated names to name_0, name_1, ... (in order of
// appearance), leaving unique names alone, as Spark does for nested structs
// before converting them to Arrow.
func dedupNames(names []string) []string {
	count := make(map[string]int, len(names))
	for _, n := range names {
		count[n]++
	}
	out := make([]string, len(names))
	next := make(map[string]int)
	for i, n := range names {
		if count[n] > 1 {
			out[i] = n + "_" + strconv.Itoa(next[n])
			next[n]++
		} else {
			out[i] = n
		}
	}
	return out
}

// FromArrow maps an Arrow type to a Spark type, accepting what PySpark's
// to_arrow_type produces for createDataFrame (any timestamp unit; a
// timestamp without zone is TimestampNTZ, with zone Timestamp) plus the
// other layouts ConformArray can read (large/view strings and binaries,
// large/fixed-size lists, dictionaries, extension types by their storage,
// unsigned integers as the next wider signed type, uint64 as
// decimal(20,0)).
func FromArrow(t arrow.DataType) (DataType, error) {
	dt, err := fromArrow(t)
	if err != nil {
		return nil, fmt.Errorf("spark type for arrow %s: %w", t, err)
	}
	return dt, nil
}

// FromArrowField maps an Arrow field (name, nullability, Spark metadata).
func FromArrowField(f arrow.Field) (Field, error) {
	dt, err := fromArrowFieldType(f)
	if err != nil {
		return Field{}, fmt.Errorf("arrow field %q: %w", f.Name, err)
	}
	return Field{Name: f.Name, Type: dt, Nullable: f.Nullable, Metadata: sparkMetadataOf(f.Metadata)}, nil
}

// FromArrowSchema maps an Arrow schema to a Spark struct.
func FromArrowSchema(s *arrow.Schema) (Struct, error) {
	fields := make([]Field, s.NumFields())
	for i, f := range s.Fields() {
		sf, err := FromArrowField(f)
		if err != nil {
			return Struct{}, fmt.Errorf("arrow schema: %w", err)
		}
		fields[i] = sf
	}
	return Struct{Fields: fields}, nil
}

func sparkMetadataOf(md arrow.Metadata) string {
	if i := md.FindKey(ArrowMetadataKey); i >= 0 {
		if s, err := normalizeMetadata(md.Values()[i]); err == nil {
			return s
		}
	}
	return ""
}

// fromArrowFieldType also recognises the older variant encoding where the
// variant tag sits on the struct field itself.
func fromArrowFieldType(f arrow.Field) (DataType, error) {
	if st, ok := f.Type.(*arrow.StructType); ok && f.Metadata.FindKey("variant") >= 0 {
		if v := f.Metadata.Values()[f.Metadata.FindKey("variant")]; v == "true" && hasFields(st, "value", "metadata") {
			return Variant, nil
		}
	}
	return fromArrow(f.Type)
}

func hasFields(st *arrow.StructType, names ...string) bool {
	for _, n := range names {
		if _, ok := st.FieldIdx(n); !ok {
			return false
		}
	}
	return true
}

// isVariantStruct reports PySpark's is_variant: a "value" field and a
// "metadata" field tagged variant=true.
func isVariantStruct(st *arrow.StructType) bool {
	if !hasFields(st, "value", "metadata") {
		return false
	}
	for _, f := range st.Fields() {
		if f.Name == "metadata" {
			if i := f.Metadata.FindKey("variant"); i >= 0 && f.Metadata.Values()[i] == "true" {
				return true
			}
		}
	}
	return false
}

func fromArrow(t arrow.DataType) (DataType, error) {
	switch x := t.(type) {
	case nil:
		return nil, fmt.Errorf("missing type")
	case *arrow.NullType:
		return Null, nil
	case *arrow.BooleanType:
		return Boolean, nil
	case *arrow.Int8Type:
		return Byte, nil
	case *arrow.Int16Type, *arrow.Uint8Type:
		return Short, nil
	case *arrow.Int32Type, *arrow.Uint16Type:
		return Int, nil
	case *arrow.Int64Type, *arrow.Uint32Type:
		return Long, nil
	case *arrow.Uint64Type:
		return Decimal{Precision: 20, Scale: 0}, nil
	case *arrow.Float16Type, *arrow.Float32Type:
		return Float, nil
	case *arrow.Float64Type:
		return Double, nil
	case arrow.DecimalType:
		d := Decimal{Precision: int(x.GetPrecision()), Scale: int(x.GetScale())}
		if err := CheckDecimal(d); err != nil {
			return nil, err
		}
		return d, nil
	case *arrow.StringType, *arrow.LargeStringType, *arrow.StringViewType:
		return String, nil
	case *arrow.BinaryType, *arrow.LargeBinaryType, *arrow.BinaryViewType, *arrow.FixedSizeBinaryType:
		return Binary, nil
	case *arrow.Date32Type, *arrow.Date64Type:
		return Date, nil
	case *arrow.TimestampType:
		if x.TimeZone == "" {
			return TimestampNTZ, nil
		}
		return Timestamp, nil
	case *arrow.Time64Type:
		if x.Unit != arrow.Nanosecond {
			return nil, &UnsupportedArrowTypeError{Name: "Time(" + timeUnitName(x.Unit) + ", 64)"}
		}
		return DefaultTime, nil
	case *arrow.Time32Type:
		return nil, &UnsupportedArrowTypeError{Name: "Time(" + timeUnitName(x.Unit) + ", 32)"}
	case *arrow.DurationType:
		return DefaultDayTimeInterval, nil
	case *arrow.MonthIntervalType:
		return DefaultYearMonthInterval, nil
	case *arrow.MonthDayNanoIntervalType:
		return CalendarInterval, nil
	case *arrow.MapType:
		key, err := fromArrowFieldType(x.KeyField())
		if err != nil {
			return nil, fmt.Errorf("map key: %w", err)
		}
		val, err := fromArrowFieldType(x.ItemField())
		if err != nil {
			return nil, fmt.Errorf("map value: %w", err)
		}
		return Map{Key: key, Value: val, ValueContainsNull: x.ItemField().Nullable}, nil
	case arrow.ListLikeType:
		ef := x.ElemField()
		elem, err := fromArrowFieldType(ef)
		if err != nil {
			return nil, fmt.Errorf("list element: %w", err)
		}
		return Array{Elem: elem, ContainsNull: ef.Nullable}, nil
	case *arrow.StructType:
		if isVariantStruct(x) {
			return Variant, nil
		}
		fields := make([]Field, x.NumFields())
		for i, f := range x.Fields() {
			sf, err := FromArrowField(f)
			if err != nil {
				return nil, err
			}
			fields[i] = sf
		}
		return Struct{Fields: fields}, nil
	case *arrow.DictionaryType:
		return fromArrow(x.ValueType)
	case arrow.ExtensionType:
		return fromArrow(x.StorageType())
	}
	return nil, fmt.Errorf("unsupported Arrow type")
}

// UnsupportedArrowTypeError is an Arrow type Spark does not read (Spark's
// UNSUPPORTED_ARROWTYPE); Name is the type as Java's Arrow prints it.
type UnsupportedArrowTypeError struct{ Name string }

func (e *UnsupportedArrowTypeError) Error() string { return "unsupported Arrow type " + e.Name }

// timeUnitName is an Arrow time unit as Java's Arrow names it.
func timeUnitName(u arrow.TimeUnit) string {
	switch u {
	case arrow.Second:
		return "SECOND"
	case arrow.Millisecond:
		return "MILLISECOND"
	case arrow.Microsecond:
		return "MICROSECOND"
	}
	return "NANOSECOND"
}
