package connect

import (
	"math"
	"testing"

	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkpb"
	"github.com/emberdb/ember/internal/types"
)

func pbType(k interface{}) *sparkpb.DataType {
	switch x := k.(type) {
	case *sparkpb.DataType_Integer:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_Integer_{Integer: x}}
	case *sparkpb.DataType_Long:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_Long_{Long: x}}
	case *sparkpb.DataType_String:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_String_{String_: x}}
	case *sparkpb.DataType_Decimal:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_Decimal_{Decimal: x}}
	case *sparkpb.DataType_Array:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_Array_{Array: x}}
	case *sparkpb.DataType_Map:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_Map_{Map: x}}
	case *sparkpb.DataType_Struct:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_Struct_{Struct: x}}
	case *sparkpb.DataType_DayTimeInterval:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_DayTimeInterval_{DayTimeInterval: x}}
	case *sparkpb.DataType_NULL:
		return &sparkpb.DataType{Kind: &sparkpb.DataType_Null{Null: x}}
	}
	panic("unknown type")
}

func pl(k interface{}) *sparkpb.Expression_Literal {
	l := &sparkpb.Expression_Literal{}
	switch x := k.(type) {
	case *sparkpb.Expression_Literal_Null:
		l.LiteralType = x
	case *sparkpb.Expression_Literal_Binary:
		l.LiteralType = x
	case *sparkpb.Expression_Literal_Boolean:
		l.LiteralType = x
	case *sparkpb.Expression_Literal_Byte:
		l.LiteralType = x
	case *sparkpb.Expression_Literal_Short:
		l.LiteralType = x
	case *sparkpb.Expression_Literal_Integer:
		l.LiteralType = x
	case *sparkpb.Expression_Literal_Long:
		l.LiteralType = x
	case *sparkpb.Expression_Literal_Float:
		l.LiteralType = x
	case *sparkpb.Expression_Literal_Double:
		l.LiteralType = x
	case *sparkpb.Expression_Literal_Decimal_:
		l.LiteralType = x
	case *sparkpb.Expression_Literal_String_:
		l.LiteralType = x
	case *sparkpb.Expression_Literal_Date:
		l.LiteralType = x
	case *sparkpb.Expression_Literal_Timestamp:
		l.LiteralType = x
	case *sparkpb.Expression_Literal_TimestampNtz:
		l.LiteralType = x
	case *sparkpb.Expression_Literal_CalendarInterval_:
		l.LiteralType = x
	case *sparkpb.Expression_Literal_YearMonthInterval:
		l.LiteralType = x
	case *sparkpb.Expression_Literal_DayTimeInterval:
		l.LiteralType = x
	case *sparkpb.Expression_Literal_Array_:
		l.LiteralType = x
	case *sparkpb.Expression_Literal_Map_:
		l.LiteralType = x
	case *sparkpb.Expression_Literal_Struct_:
		l.LiteralType = x
	case *sparkpb.Expression_Literal_SpecializedArray_:
		l.LiteralType = x
	default:
		panic("unknown literal")
	}
	return l
}

func decPB(v string, prec, scale *int32) *sparkpb.Expression_Literal {
	return pl(&sparkpb.Expression_Literal_Decimal_{Decimal: &sparkpb.Expression_Literal_Decimal{Value: v, Precision: prec, Scale: scale}})
}

func dec(unscaled string, p, s int) plan.DecimalValue {
	return plan.DecimalValue{Unscaled: unscaled, Precision: p, Scale: s}
}

func TestLiterals(t *testing.T) {
	i32 := func(n int32) *int32 { return &n }
	arrayOfInts := pl(&sparkpb.Expression_Literal_Array_{Array: &sparkpb.Expression_Literal_Array{
		ElementType: pbType(&sparkpb.DataType_Integer{}),
		Elements:    []*sparkpb.Expression_Literal{intLitPB(1), pl(&sparkpb.Expression_Literal_Null{Null: pbType(&sparkpb.DataType_Integer{})})}}})
	structType := pbType(&sparkpb.DataType_Struct{Fields: []*sparkpb.DataType_StructField{
		{Name: "a", DataType: pbType(&sparkpb.DataType_Integer{}), Nullable: true},
		{Name: "b", DataType: pbType(&sparkpb.DataType_String{}), Nullable: false},
	}})
	irStruct := types.Struct{Fields: []types.Field{{Name: "a", Type: types.Int, Nullable: true}, {Name: "b", Type: types.String}}}
	tests := []struct {
		name string
		in   *sparkpb.Expression_Literal
		want *plan.Literal
	}{
		{"null of type", pl(&sparkpb.Expression_Literal_Null{Null: pbType(&sparkpb.DataType_Long{})}), &plan.Literal{Type: types.Long}},
		{"void null", pl(&sparkpb.Expression_Literal_Null{Null: pbType(&sparkpb.DataType_NULL{})}), &plan.Literal{Type: types.Null}},
		{"binary", pl(&sparkpb.Expression_Literal_Binary{Binary: []byte("ab")}), &plan.Literal{Type: types.Binary, Value: []byte("ab")}},
		{"boolean", pl(&sparkpb.Expression_Literal_Boolean{Boolean: true}), &plan.Literal{Type: types.Boolean, Value: true}},
		{"byte", pl(&sparkpb.Expression_Literal_Byte{Byte: -3}), &plan.Literal{Type: types.Byte, Value: int8(-3)}},
		{"short", pl(&sparkpb.Expression_Literal_Short{Short: 300}), &plan.Literal{Type: types.Short, Value: int16(300)}},
		{"integer", intLitPB(7), &plan.Literal{Type: types.Int, Value: int32(7)}},
		{"long", pl(&sparkpb.Expression_Literal_Long{Long: 1 << 40}), &plan.Literal{Type: types.Long, Value: int64(1 << 40)}},
		{"float", pl(&sparkpb.Expression_Literal_Float{Float: 1.5}), &plan.Literal{Type: types.Float, Value: float32(1.5)}},
		{"double", pl(&sparkpb.Expression_Literal_Double{Double: math.Inf(1)}), &plan.Literal{Type: types.Double, Value: math.Inf(1)}},
		{"string", strLitPB("héllo"), &plan.Literal{Type: types.String, Value: "héllo"}},
		{"date", pl(&sparkpb.Expression_Literal_Date{Date: 18263}), &plan.Literal{Type: types.Date, Value: plan.Date(18263)}},
		{"timestamp", pl(&sparkpb.Expression_Literal_Timestamp{Timestamp: 5}), &plan.Literal{Type: types.Timestamp, Value: plan.Timestamp(5)}},
		{"timestamp ntz", pl(&sparkpb.Expression_Literal_TimestampNtz{TimestampNtz: 6}), &plan.Literal{Type: types.TimestampNTZ, Value: plan.TimestampNTZ(6)}},
		{"calendar interval", pl(&sparkpb.Expression_Literal_CalendarInterval_{CalendarInterval: &sparkpb.Expression_Literal_CalendarInterval{Months: 1, Days: 2, Microseconds: 3}}),
			&plan.Literal{Type: types.CalendarInterval, Value: plan.CalendarInterval{Months: 1, Days: 2, Microseconds: 3}}},
		{"year month interval", pl(&sparkpb.Expression_Literal_YearMonthInterval{YearMonthInterval: 14}),
			&plan.Literal{Type: types.YearMonthInterval{Start: types.YearField, End: types.MonthField}, Value: plan.YearMonth(14)}},
		{"day time interval", pl(&sparkpb.Expression_Literal_DayTimeInterval{DayTimeInterval: 86402000000}),
			&plan.Literal{Type: types.DayTimeInterval{Start: types.DayField, End: types.SecondField}, Value: plan.DayTime(86402000000)}},
		{"day time interval with root data type", &sparkpb.Expression_Literal{
			LiteralType: &sparkpb.Expression_Literal_DayTimeInterval{DayTimeInterval: 3600000000},
			DataType:    pbType(&sparkpb.DataType_DayTimeInterval{StartField: i32(1), EndField: i32(1)})},
			&plan.Literal{Type: types.DayTimeInterval{Start: types.HourField, End: types.HourField}, Value: plan.DayTime(3600000000)}},

		// Decimals: precision and scale of the text, raised to the declared ones.
		{"decimal from text", decPB("12.345", nil, nil), &plan.Literal{Type: types.Decimal{Precision: 5, Scale: 3}, Value: dec("12345", 5, 3)}},
		{"decimal as pyspark sends it", decPB("12.345", i32(10), i32(0)), &plan.Literal{Type: types.Decimal{Precision: 10, Scale: 3}, Value: dec("12345", 10, 3)}},
		{"decimal with larger scale", decPB("1.5", i32(10), i32(4)), &plan.Literal{Type: types.Decimal{Precision: 10, Scale: 4}, Value: dec("15000", 10, 4)}},
		{"decimal small fraction", decPB("0.001", nil, nil), &plan.Literal{Type: types.Decimal{Precision: 3, Scale: 3}, Value: dec("1", 3, 3)}},
		{"decimal negative", decPB("-0.50", nil, nil), &plan.Literal{Type: types.Decimal{Precision: 2, Scale: 2}, Value: dec("-50", 2, 2)}},
		{"decimal zero", decPB("0", nil, nil), &plan.Literal{Type: types.Decimal{Precision: 1, Scale: 0}, Value: dec("0", 1, 0)}},
		{"decimal exponent", decPB("1.5E-3", nil, nil), &plan.Literal{Type: types.Decimal{Precision: 4, Scale: 4}, Value: dec("15", 4, 4)}},
		{"decimal leading zeros", decPB("007", nil, nil), &plan.Literal{Type: types.Decimal{Precision: 1, Scale: 0}, Value: dec("7", 1, 0)}},

		// Nested values.
		{"array with element type", arrayOfInts, &plan.Literal{Type: types.Array{Elem: types.Int, ContainsNull: true}, Value: []any{int32(1), nil}}},
		{"array type inferred from first element", pl(&sparkpb.Expression_Literal_Array_{Array: &sparkpb.Expression_Literal_Array{
			Elements: []*sparkpb.Expression_Literal{strLitPB("a"), strLitPB("b")}}}),
			&plan.Literal{Type: types.Array{Elem: types.String, ContainsNull: true}, Value: []any{"a", "b"}}},
		{"empty array with element type", pl(&sparkpb.Expression_Literal_Array_{Array: &sparkpb.Expression_Literal_Array{
			ElementType: pbType(&sparkpb.DataType_String{})}}),
			&plan.Literal{Type: types.Array{Elem: types.String, ContainsNull: true}, Value: []any{}}},
		{"array with root data type widens elements", &sparkpb.Expression_Literal{
			LiteralType: &sparkpb.Expression_Literal_Array_{Array: &sparkpb.Expression_Literal_Array{Elements: []*sparkpb.Expression_Literal{intLitPB(1)}}},
			DataType:    pbType(&sparkpb.DataType_Array{ElementType: pbType(&sparkpb.DataType_Long{}), ContainsNull: false})},
			&plan.Literal{Type: types.Array{Elem: types.Long}, Value: []any{int64(1)}}},
		{"array of decimals takes the element scale", pl(&sparkpb.Expression_Literal_Array_{Array: &sparkpb.Expression_Literal_Array{
			ElementType: pbType(&sparkpb.DataType_Decimal{Precision: i32(6), Scale: i32(2)}),
			Elements:    []*sparkpb.Expression_Literal{decPB("1.5", nil, nil), decPB("2.125", nil, nil)}}}),
			&plan.Literal{Type: types.Array{Elem: types.Decimal{Precision: 6, Scale: 2}, ContainsNull: true},
				Value: []any{dec("150", 6, 2), dec("213", 6, 2)}}},
		{"nested arrays", pl(&sparkpb.Expression_Literal_Array_{Array: &sparkpb.Expression_Literal_Array{
			ElementType: pbType(&sparkpb.DataType_Array{ElementType: pbType(&sparkpb.DataType_Integer{}), ContainsNull: true}),
			Elements:    []*sparkpb.Expression_Literal{arrayOfInts}}}),
			&plan.Literal{Type: types.Array{Elem: types.Array{Elem: types.Int, ContainsNull: true}, ContainsNull: true},
				Value: []any{[]any{int32(1), nil}}}},
		{"map", pl(&sparkpb.Expression_Literal_Map_{Map: &sparkpb.Expression_Literal_Map{
			KeyType: pbType(&sparkpb.DataType_String{}), ValueType: pbType(&sparkpb.DataType_Integer{}),
			Keys: []*sparkpb.Expression_Literal{strLitPB("a"), strLitPB("b")}, Values: []*sparkpb.Expression_Literal{intLitPB(1), intLitPB(2)}}}),
			&plan.Literal{Type: types.Map{Key: types.String, Value: types.Int, ValueContainsNull: true},
				Value: &plan.MapValue{Keys: []any{"a", "b"}, Values: []any{int32(1), int32(2)}}}},
		{"map types inferred", pl(&sparkpb.Expression_Literal_Map_{Map: &sparkpb.Expression_Literal_Map{
			Keys: []*sparkpb.Expression_Literal{intLitPB(1)}, Values: []*sparkpb.Expression_Literal{strLitPB("x")}}}),
			&plan.Literal{Type: types.Map{Key: types.Int, Value: types.String, ValueContainsNull: true},
				Value: &plan.MapValue{Keys: []any{int32(1)}, Values: []any{"x"}}}},
		{"struct", pl(&sparkpb.Expression_Literal_Struct_{Struct: &sparkpb.Expression_Literal_Struct{
			StructType: structType, Elements: []*sparkpb.Expression_Literal{intLitPB(1), strLitPB("s")}}}),
			&plan.Literal{Type: irStruct, Value: []any{int32(1), "s"}}},
		{"struct typed by root data type", &sparkpb.Expression_Literal{
			LiteralType: &sparkpb.Expression_Literal_Struct_{Struct: &sparkpb.Expression_Literal_Struct{
				Elements: []*sparkpb.Expression_Literal{intLitPB(1), strLitPB("s")}}},
			DataType: structType},
			&plan.Literal{Type: irStruct, Value: []any{int32(1), "s"}}},
		{"null typed by root data type", &sparkpb.Expression_Literal{
			LiteralType: &sparkpb.Expression_Literal_Null{Null: pbType(&sparkpb.DataType_NULL{})},
			DataType:    pbType(&sparkpb.DataType_Array{ElementType: pbType(&sparkpb.DataType_Integer{})})},
			&plan.Literal{Type: types.Array{Elem: types.Int}}},
		{"specialized doubles", pl(&sparkpb.Expression_Literal_SpecializedArray_{SpecializedArray: &sparkpb.Expression_Literal_SpecializedArray{
			ValueType: &sparkpb.Expression_Literal_SpecializedArray_Doubles{Doubles: &sparkpb.Doubles{Values: []float64{1, 2}}}}}),
			&plan.Literal{Type: types.Array{Elem: types.Double}, Value: []any{1.0, 2.0}}},
		{"specialized empty ints", pl(&sparkpb.Expression_Literal_SpecializedArray_{SpecializedArray: &sparkpb.Expression_Literal_SpecializedArray{
			ValueType: &sparkpb.Expression_Literal_SpecializedArray_Ints{Ints: &sparkpb.Ints{}}}}),
			&plan.Literal{Type: types.Array{Elem: types.Int}, Value: []any{}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Literal(tc.in)
			if err != nil {
				t.Fatalf("Literal: %v", err)
			}
			assertEqual(t, got, tc.want)
		})
	}
}

func TestInvalidLiterals(t *testing.T) {
	i32 := func(n int32) *int32 { return &n }
	tests := []struct {
		name   string
		in     *sparkpb.Expression_Literal
		class  string
		substr string
	}{
		{"nil", nil, "CONNECT.INVALID_PLAN", "literal is missing"},
		{"unset", &sparkpb.Expression_Literal{}, "CONNECT.INVALID_PLAN", "no value set"},
		{"array without type information", pl(&sparkpb.Expression_Literal_Array_{Array: &sparkpb.Expression_Literal_Array{}}),
			"CONNECT.INVALID_PLAN", "Data type information is missing in the array literal"},
		{"map without type information", pl(&sparkpb.Expression_Literal_Map_{Map: &sparkpb.Expression_Literal_Map{}}),
			"CONNECT.INVALID_PLAN", "Data type information is missing in the map literal"},
		{"map keys and values differ", pl(&sparkpb.Expression_Literal_Map_{Map: &sparkpb.Expression_Literal_Map{
			Keys: []*sparkpb.Expression_Literal{intLitPB(1)}}}), "CONNECT.INVALID_PLAN", "1 keys but 0 values"},
		{"struct without type", pl(&sparkpb.Expression_Literal_Struct_{Struct: &sparkpb.Expression_Literal_Struct{}}),
			"CONNECT.INVALID_PLAN", "Data type information is missing in the struct literal"},
		{"struct arity", pl(&sparkpb.Expression_Literal_Struct_{Struct: &sparkpb.Expression_Literal_Struct{
			StructType: pbType(&sparkpb.DataType_Struct{}), Elements: []*sparkpb.Expression_Literal{intLitPB(1)}}}),
			"CONNECT.INVALID_PLAN", "1 values for 0 fields"},
		{"element of the wrong type", pl(&sparkpb.Expression_Literal_Array_{Array: &sparkpb.Expression_Literal_Array{
			ElementType: pbType(&sparkpb.DataType_Integer{}), Elements: []*sparkpb.Expression_Literal{strLitPB("x")}}}),
			"CONNECT.INVALID_PLAN", "type string does not match its declared type int"},
		{"decimal not a number", decPB("1x", nil, nil), "CAST_INVALID_INPUT", "'1x'"},
		{"decimal negative scale", decPB("1E+3", nil, nil), "NEGATIVE_SCALE_DISALLOWED", "Negative scale is not allowed: -3."},
		{"decimal too precise", decPB("1234567890123456789012345678901234567890", nil, nil),
			"DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", "Decimal precision 40 exceeds max precision 38."},
		{"decimal precision field too large", decPB("1", i32(39), nil),
			"DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", "Decimal precision 39"},
		{"time out of range", pl2Time(-1, nil), "CONNECT.INVALID_PLAN", "TIME literal out of range"},
		{"time precision too large", pl2Time(1, i32(7)), "UNSUPPORTED_TIME_PRECISION", "precision 7"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Literal(tc.in)
			assertErrClass(t, err, tc.class, tc.substr)
		})
	}
}

func pl2Time(nano int64, precision *int32) *sparkpb.Expression_Literal {
	return &sparkpb.Expression_Literal{LiteralType: &sparkpb.Expression_Literal_Time_{Time: &sparkpb.Expression_Literal_Time{Nano: nano, Precision: precision}}}
}

func TestDataTypeUnparsed(t *testing.T) {
	needSQL(t)
	unparsed := func(s string) *sparkpb.DataType {
		return &sparkpb.DataType{Kind: &sparkpb.DataType_Unparsed_{Unparsed: &sparkpb.DataType_Unparsed{DataTypeString: s}}}
	}
	tests := []struct {
		in   string
		want types.DataType
	}{
		{"int", types.Int},
		{"a int, b string", types.Struct{Fields: []types.Field{{Name: "a", Type: types.Int, Nullable: true}, {Name: "b", Type: types.String, Nullable: true}}}},
		{"array<bigint>", types.Array{Elem: types.Long, ContainsNull: true}},
	}
	for _, tc := range tests {
		got, err := DataType(unparsed(tc.in))
		if err != nil {
			t.Fatalf("%q: %v", tc.in, err)
		}
		assertEqual(t, got, tc.want)
	}
	// Unparsed nested in an array is parsed too.
	got, err := DataType(pbType(&sparkpb.DataType_Array{ElementType: unparsed("int"), ContainsNull: true}))
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, got, types.Array{Elem: types.Int, ContainsNull: true})

	if _, err := DataType(unparsed("not a type (")); err == nil {
		t.Fatal("expected a parse error")
	}
	if _, err := DataType(&sparkpb.DataType{}); err == nil {
		t.Fatal("expected an error for a type without kind")
	}
}
