package types

import (
	"fmt"

	"github.com/emberdb/ember/internal/sparkpb"
)

// Defaults Spark applies when a Connect DataType leaves optional parameters
// unset.
var (
	// DefaultDecimal is DecimalType.USER_DEFAULT, decimal(10,0).
	DefaultDecimal = Decimal{Precision: 10, Scale: 0}
	// DefaultDayTimeInterval is DayTimeIntervalType(), interval day to second.
	DefaultDayTimeInterval = DayTimeInterval{Start: DayField, End: SecondField}
	// DefaultYearMonthInterval is YearMonthIntervalType(), interval year to month.
	DefaultYearMonthInterval = YearMonthInterval{Start: YearField, End: MonthField}
)

// defaultCollation is the collation name Spark puts into String types it
// sends to clients.
const defaultCollation = "UTF8_BINARY"

// FromProto converts a Connect DataType into the type model. A UDT becomes
// its SQL type. An Unparsed type becomes Unparsed{Text} (KindUnparsed) so the
// caller can run the SQL type parser on it. String collations are ignored.
func FromProto(p *sparkpb.DataType) (DataType, error) {
	if p == nil {
		return nil, fmt.Errorf("data type: missing")
	}
	switch k := p.GetKind().(type) {
	case nil:
		return nil, fmt.Errorf("data type: kind not set")
	case *sparkpb.DataType_Null:
		return Null, nil
	case *sparkpb.DataType_Binary_:
		return Binary, nil
	case *sparkpb.DataType_Boolean_:
		return Boolean, nil
	case *sparkpb.DataType_Byte_:
		return Byte, nil
	case *sparkpb.DataType_Short_:
		return Short, nil
	case *sparkpb.DataType_Integer_:
		return Int, nil
	case *sparkpb.DataType_Long_:
		return Long, nil
	case *sparkpb.DataType_Float_:
		return Float, nil
	case *sparkpb.DataType_Double_:
		return Double, nil
	case *sparkpb.DataType_Decimal_:
		return decimalFromProto(k.Decimal)
	case *sparkpb.DataType_String_:
		return String, nil
	case *sparkpb.DataType_Char_:
		if n := k.Char.GetLength(); n < 0 {
			return nil, fmt.Errorf("data type char: negative length %d", n)
		}
		return Char{Length: int(k.Char.GetLength())}, nil
	case *sparkpb.DataType_VarChar_:
		if n := k.VarChar.GetLength(); n < 0 {
			return nil, fmt.Errorf("data type varchar: negative length %d", n)
		}
		return Varchar{Length: int(k.VarChar.GetLength())}, nil
	case *sparkpb.DataType_Date_:
		return Date, nil
	case *sparkpb.DataType_Timestamp_:
		return Timestamp, nil
	case *sparkpb.DataType_TimestampNtz:
		return TimestampNTZ, nil
	case *sparkpb.DataType_CalendarInterval_:
		return CalendarInterval, nil
	case *sparkpb.DataType_YearMonthInterval_:
		t := DefaultYearMonthInterval
		if k.YearMonthInterval.StartField != nil {
			t.Start = int(k.YearMonthInterval.GetStartField())
			t.End = t.Start
			if k.YearMonthInterval.EndField != nil {
				t.End = int(k.YearMonthInterval.GetEndField())
			}
		}
		if err := checkYearMonth(t); err != nil {
			return nil, err
		}
		return t, nil
	case *sparkpb.DataType_DayTimeInterval_:
		t := DefaultDayTimeInterval
		if k.DayTimeInterval.StartField != nil {
			t.Start = int(k.DayTimeInterval.GetStartField())
			t.End = t.Start
			if k.DayTimeInterval.EndField != nil {
				t.End = int(k.DayTimeInterval.GetEndField())
			}
		}
		if err := checkDayTime(t); err != nil {
			return nil, err
		}
		return t, nil
	case *sparkpb.DataType_Array_:
		elem, err := FromProto(k.Array.GetElementType())
		if err != nil {
			return nil, fmt.Errorf("array element: %w", err)
		}
		return Array{Elem: elem, ContainsNull: k.Array.GetContainsNull()}, nil
	case *sparkpb.DataType_Struct_:
		return StructFromProto(k.Struct)
	case *sparkpb.DataType_Map_:
		key, err := FromProto(k.Map.GetKeyType())
		if err != nil {
			return nil, fmt.Errorf("map key: %w", err)
		}
		val, err := FromProto(k.Map.GetValueType())
		if err != nil {
			return nil, fmt.Errorf("map value: %w", err)
		}
		return Map{Key: key, Value: val, ValueContainsNull: k.Map.GetValueContainsNull()}, nil
	case *sparkpb.DataType_Variant_:
		return Variant, nil
	case *sparkpb.DataType_Udt:
		u := k.Udt
		if u.SqlType == nil {
			name := u.GetJvmClass()
			if name == "" {
				name = u.GetPythonClass()
			}
			return nil, fmt.Errorf("user-defined type %q: no sql type given", name)
		}
		t, err := FromProto(u.GetSqlType())
		if err != nil {
			return nil, fmt.Errorf("user-defined type sql type: %w", err)
		}
		return t, nil
	case *sparkpb.DataType_Unparsed_:
		return Unparsed{Text: k.Unparsed.GetDataTypeString()}, nil
	case *sparkpb.DataType_Time_:
		t := DefaultTime
		if k.Time.Precision != nil {
			t.Precision = int(k.Time.GetPrecision())
		}
		if t.Precision < 0 || t.Precision > MaxTimePrecision {
			return nil, fmt.Errorf("time(%d): precision must be between 0 and %d", t.Precision, MaxTimePrecision)
		}
		return t, nil
	case *sparkpb.DataType_Geometry_:
		return nil, fmt.Errorf("data type GEOMETRY is not supported")
	case *sparkpb.DataType_Geography_:
		return nil, fmt.Errorf("data type GEOGRAPHY is not supported")
	default:
		return nil, fmt.Errorf("data type: unsupported kind %T", k)
	}
}

func decimalFromProto(d *sparkpb.DataType_Decimal) (DataType, error) {
	t := DefaultDecimal
	// Spark: precision and scale → (p, s); precision only → (p, 0);
	// otherwise the default decimal(10,0).
	if d.Precision != nil {
		t = Decimal{Precision: int(d.GetPrecision())}
		if d.Scale != nil {
			t.Scale = int(d.GetScale())
		}
	}
	if err := CheckDecimal(t); err != nil {
		return nil, err
	}
	return t, nil
}

// CheckDecimal reports whether d is a decimal type Spark can represent.
func CheckDecimal(d Decimal) error {
	if d.Precision < 1 || d.Precision > MaxDecimalPrecision {
		return fmt.Errorf("decimal(%d,%d): precision must be between 1 and %d", d.Precision, d.Scale, MaxDecimalPrecision)
	}
	if d.Scale > d.Precision {
		return fmt.Errorf("decimal(%d,%d): scale exceeds precision", d.Precision, d.Scale)
	}
	return nil
}

func checkDayTime(t DayTimeInterval) error {
	if t.Start < DayField || t.End > SecondField || t.Start > t.End {
		return fmt.Errorf("day-time interval: invalid fields start=%d end=%d", t.Start, t.End)
	}
	return nil
}

func checkYearMonth(t YearMonthInterval) error {
	if t.Start < YearField || t.End > MonthField || t.Start > t.End {
		return fmt.Errorf("year-month interval: invalid fields start=%d end=%d", t.Start, t.End)
	}
	return nil
}

// StructFromProto converts a Connect Struct type. Field metadata (a JSON
// object text) is kept as given.
func StructFromProto(s *sparkpb.DataType_Struct) (Struct, error) {
	if s == nil {
		return Struct{}, fmt.Errorf("struct type: missing")
	}
	fields := make([]Field, len(s.GetFields()))
	for i, f := range s.GetFields() {
		t, err := FromProto(f.GetDataType())
		if err != nil {
			return Struct{}, fmt.Errorf("struct field %q: %w", f.GetName(), err)
		}
		fields[i] = Field{Name: f.GetName(), Type: t, Nullable: f.GetNullable()}
		if f.Metadata != nil {
			md, err := normalizeMetadata(f.GetMetadata())
			if err != nil {
				return Struct{}, fmt.Errorf("struct field %q metadata: %w", f.GetName(), err)
			}
			fields[i].Metadata = md
		}
	}
	return Struct{Fields: fields}, nil
}

// ToProto converts a type into its Connect form, the way Spark's server
// writes it (strings carry collation UTF8_BINARY, decimals and intervals
// always carry both parameters). Unparsed becomes DataType.Unparsed.
func ToProto(t DataType) *sparkpb.DataType {
	switch x := t.(type) {
	case Decimal:
		p, s := int32(x.Precision), int32(x.Scale)
		return &sparkpb.DataType{Kind: &sparkpb.DataType_Decimal_{Decimal: &sparkpb.DataType_Decimal{Precision: &p, Scale: &s}}}
	case Char:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_Char_{Char: &sparkpb.DataType_Char{Length: int32(x.Length)}}}
	case Time:
		p := int32(x.Precision)
		return &sparkpb.DataType{Kind: &sparkpb.DataType_Time_{Time: &sparkpb.DataType_Time{Precision: &p}}}
	case Varchar:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_VarChar_{VarChar: &sparkpb.DataType_VarChar{Length: int32(x.Length)}}}
	case DayTimeInterval:
		s, e := int32(x.Start), int32(x.End)
		return &sparkpb.DataType{Kind: &sparkpb.DataType_DayTimeInterval_{DayTimeInterval: &sparkpb.DataType_DayTimeInterval{StartField: &s, EndField: &e}}}
	case YearMonthInterval:
		s, e := int32(x.Start), int32(x.End)
		return &sparkpb.DataType{Kind: &sparkpb.DataType_YearMonthInterval_{YearMonthInterval: &sparkpb.DataType_YearMonthInterval{StartField: &s, EndField: &e}}}
	case Array:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_Array_{Array: &sparkpb.DataType_Array{
			ElementType:  ToProto(x.Elem),
			ContainsNull: x.ContainsNull,
		}}}
	case Map:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_Map_{Map: &sparkpb.DataType_Map{
			KeyType:           ToProto(x.Key),
			ValueType:         ToProto(x.Value),
			ValueContainsNull: x.ValueContainsNull,
		}}}
	case Struct:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_Struct_{Struct: SchemaToProto(x).GetStruct()}}
	case Unparsed:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_Unparsed_{Unparsed: &sparkpb.DataType_Unparsed{DataTypeString: x.Text}}}
	}
	if t == nil {
		return nil
	}
	switch t.Kind() {
	case KindNull:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_Null{Null: &sparkpb.DataType_NULL{}}}
	case KindBoolean:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_Boolean_{Boolean: &sparkpb.DataType_Boolean{}}}
	case KindByte:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_Byte_{Byte: &sparkpb.DataType_Byte{}}}
	case KindShort:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_Short_{Short: &sparkpb.DataType_Short{}}}
	case KindInt:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_Integer_{Integer: &sparkpb.DataType_Integer{}}}
	case KindLong:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_Long_{Long: &sparkpb.DataType_Long{}}}
	case KindFloat:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_Float_{Float: &sparkpb.DataType_Float{}}}
	case KindDouble:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_Double_{Double: &sparkpb.DataType_Double{}}}
	case KindString:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_String_{String_: &sparkpb.DataType_String{Collation: defaultCollation}}}
	case KindBinary:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_Binary_{Binary: &sparkpb.DataType_Binary{}}}
	case KindDate:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_Date_{Date: &sparkpb.DataType_Date{}}}
	case KindTimestamp:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_Timestamp_{Timestamp: &sparkpb.DataType_Timestamp{}}}
	case KindTimestampNTZ:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_TimestampNtz{TimestampNtz: &sparkpb.DataType_TimestampNTZ{}}}
	case KindCalendarInterval:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_CalendarInterval_{CalendarInterval: &sparkpb.DataType_CalendarInterval{}}}
	case KindVariant:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_Variant_{Variant: &sparkpb.DataType_Variant{}}}
	}
	// A type from outside this package's model: send it as text so the
	// client at least sees its name.
	return &sparkpb.DataType{Kind: &sparkpb.DataType_Unparsed_{Unparsed: &sparkpb.DataType_Unparsed{DataTypeString: t.SimpleString()}}}
}

// SchemaToProto converts a struct (a schema) into a Connect Struct DataType.
// Field metadata is sent only when it is a non-empty object, as Spark does.
func SchemaToProto(s Struct) *sparkpb.DataType {
	fields := make([]*sparkpb.DataType_StructField, len(s.Fields))
	for i, f := range s.Fields {
		pf := &sparkpb.DataType_StructField{
			Name:     f.Name,
			DataType: ToProto(f.Type),
			Nullable: f.Nullable,
		}
		if md := compactMetadata(f.Metadata); md != "{}" {
			pf.Metadata = &md
		}
		fields[i] = pf
	}
	return &sparkpb.DataType{Kind: &sparkpb.DataType_Struct_{Struct: &sparkpb.DataType_Struct{Fields: fields}}}
}
