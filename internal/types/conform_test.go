package types

import (
	"reflect"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// testUUIDType is a minimal extension type over fixed_size_binary(16).
type testUUIDType struct{ arrow.ExtensionBase }

type testUUIDArray struct{ array.ExtensionArrayBase }

func newTestUUIDType() *testUUIDType {
	return &testUUIDType{ExtensionBase: arrow.ExtensionBase{Storage: &arrow.FixedSizeBinaryType{ByteWidth: 16}}}
}

func (*testUUIDType) ArrayType() reflect.Type { return reflect.TypeOf(testUUIDArray{}) }
func (*testUUIDType) ExtensionName() string   { return "ember.test.uuid" }
func (*testUUIDType) Serialize() string       { return "" }
func (*testUUIDType) Deserialize(arrow.DataType, string) (arrow.ExtensionType, error) {
	return newTestUUIDType(), nil
}
func (t *testUUIDType) ExtensionEquals(o arrow.ExtensionType) bool {
	return o.ExtensionName() == t.ExtensionName()
}

func fromJSON(t *testing.T, mem memory.Allocator, dt arrow.DataType, js string) arrow.Array {
	t.Helper()
	a, _, err := array.FromJSON(mem, dt, strings.NewReader(js))
	if err != nil {
		t.Fatalf("FromJSON(%s, %s): %v", dt, js, err)
	}
	return a
}

// arrayEqualStrict compares types the way Spark clients see them (names,
// nullability, zones, metadata) and values.
func arrayEqualStrict(a, b arrow.Array) bool {
	return describe(a.DataType()) == describe(b.DataType()) && array.Equal(a, b)
}

// DuckDB-like input types.
var (
	duckList = func(elem arrow.DataType) arrow.DataType {
		return arrow.ListOfField(arrow.Field{Name: "l", Type: elem, Nullable: true})
	}
	tsNanoUTC = &arrow.TimestampType{Unit: arrow.Nanosecond, TimeZone: "UTC"}
)

type conformCase struct {
	name   string
	inType arrow.DataType
	inJSON string
	// build overrides inType/inJSON for inputs FromJSON cannot make.
	build func(t *testing.T, mem memory.Allocator) arrow.Array
	// slice, when set, slices the input to [slice[0], slice[1]).
	slice    *[2]int64
	target   DataType
	tz       string
	want     string // JSON of the expected values in ToArrow(target, tz)
	wantErr  string
	zeroCopy bool // the result must share the input's buffers
}

func sl(i, j int64) *[2]int64 { return &[2]int64{i, j} }

func conformCases() []conformCase {
	return []conformCase{
		// Integers.
		{name: "int32 identical", inType: arrow.PrimitiveTypes.Int32, inJSON: `[1,null,-3]`, target: Int, want: `[1,null,-3]`, zeroCopy: true},
		{name: "int64 to int", inType: arrow.PrimitiveTypes.Int64, inJSON: `[1,null,-2147483648]`, target: Int, want: `[1,null,-2147483648]`},
		{name: "int64 to int overflow", inType: arrow.PrimitiveTypes.Int64, inJSON: `[1,3000000000]`, target: Int, wantErr: "row 1: value 3000000000 out of range"},
		{name: "int64 overflow in null slot ignored", build: func(t *testing.T, mem memory.Allocator) arrow.Array {
			b := array.NewInt64Builder(mem)
			defer b.Release()
			b.AppendValues([]int64{1, 1 << 40}, []bool{true, false})
			return b.NewArray()
		}, target: Int, want: `[1,null]`},
		{name: "uint8 to short", inType: arrow.PrimitiveTypes.Uint8, inJSON: `[0,255,null]`, target: Short, want: `[0,255,null]`},
		{name: "uint16 to int", inType: arrow.PrimitiveTypes.Uint16, inJSON: `[65535]`, target: Int, want: `[65535]`},
		{name: "uint32 to long", inType: arrow.PrimitiveTypes.Uint32, inJSON: `[4294967295,null]`, target: Long, want: `[4294967295,null]`},
		{name: "uint64 to decimal(20,0)", inType: arrow.PrimitiveTypes.Uint64, inJSON: `[18446744073709551615,null,0]`, target: Decimal{20, 0}, want: `["18446744073709551615",null,"0"]`},
		{name: "uint64 to long ok", inType: arrow.PrimitiveTypes.Uint64, inJSON: `[9223372036854775807]`, target: Long, want: `[9223372036854775807]`},
		{name: "uint64 to long overflow", inType: arrow.PrimitiveTypes.Uint64, inJSON: `[9223372036854775808]`, target: Long, wantErr: "out of range"},
		{name: "int8 to long sliced", inType: arrow.PrimitiveTypes.Int8, inJSON: `[1,2,null,4,5]`, slice: sl(1, 4), target: Long, want: `[2,null,4]`},
		{name: "hugeint decimal to long", inType: &arrow.Decimal128Type{Precision: 38, Scale: 0}, inJSON: `["123",null,"-9223372036854775808"]`, target: Long, want: `[123,null,-9223372036854775808]`},
		{name: "hugeint decimal to long overflow", inType: &arrow.Decimal128Type{Precision: 38, Scale: 0}, inJSON: `["9223372036854775808"]`, target: Long, wantErr: "out of range"},
		{name: "decimal with scale to int truncates", inType: &arrow.Decimal128Type{Precision: 10, Scale: 2}, inJSON: `["12.99","-12.99"]`, target: Int, want: `[12,-12]`},
		{name: "bool to int", inType: arrow.FixedWidthTypes.Boolean, inJSON: `[true]`, target: Int, wantErr: "cannot convert"},
		{name: "bool identical", inType: arrow.FixedWidthTypes.Boolean, inJSON: `[true,null,false]`, target: Boolean, want: `[true,null,false]`, zeroCopy: true},
		{name: "string to bool", inType: arrow.BinaryTypes.String, inJSON: `["true"]`, target: Boolean, wantErr: "cannot convert"},

		// Floating point.
		{name: "float32 to double", inType: arrow.PrimitiveTypes.Float32, inJSON: `[1.5,null]`, target: Double, want: `[1.5,null]`},
		{name: "double to float", inType: arrow.PrimitiveTypes.Float64, inJSON: `[0.25]`, target: Float, want: `[0.25]`},
		{name: "int64 to double", inType: arrow.PrimitiveTypes.Int64, inJSON: `[3,null]`, target: Double, want: `[3,null]`},
		{name: "decimal to double", inType: &arrow.Decimal128Type{Precision: 10, Scale: 3}, inJSON: `["-1.500"]`, target: Double, want: `[-1.5]`},
		{name: "uint64 to double", inType: arrow.PrimitiveTypes.Uint64, inJSON: `[4]`, target: Double, want: `[4]`},

		// Decimals.
		{name: "decimal widen zero copy", inType: &arrow.Decimal128Type{Precision: 10, Scale: 2}, inJSON: `["1.25",null]`, target: Decimal{12, 2}, want: `["1.25",null]`, zeroCopy: true},
		{name: "decimal round half up", inType: &arrow.Decimal128Type{Precision: 10, Scale: 2}, inJSON: `["1.25","-1.25","1.24","-1.26",null]`, target: Decimal{10, 1}, want: `["1.3","-1.3","1.2","-1.3",null]`},
		{name: "decimal more scale", inType: &arrow.Decimal128Type{Precision: 5, Scale: 2}, inJSON: `["1.25"]`, target: Decimal{6, 3}, want: `["1.250"]`},
		{name: "decimal overflow", inType: &arrow.Decimal128Type{Precision: 5, Scale: 2}, inJSON: `["123.45"]`, target: Decimal{5, 3}, wantErr: "does not fit"},
		{name: "decimal narrow precision fits", inType: &arrow.Decimal128Type{Precision: 38, Scale: 0}, inJSON: `["99999",null]`, target: Decimal{5, 0}, want: `["99999",null]`},
		{name: "decimal256 to decimal", inType: &arrow.Decimal256Type{Precision: 40, Scale: 2}, inJSON: `["12345.67"]`, target: Decimal{38, 2}, want: `["12345.67"]`},
		{name: "int32 to decimal", inType: arrow.PrimitiveTypes.Int32, inJSON: `[-7,null]`, target: Decimal{10, 0}, want: `["-7",null]`},
		{name: "int64 to decimal with scale overflow", inType: arrow.PrimitiveTypes.Int64, inJSON: `[1000]`, target: Decimal{5, 2}, wantErr: "does not fit"},
		{name: "double to decimal", inType: arrow.PrimitiveTypes.Float64, inJSON: `[1.5]`, target: Decimal{5, 2}, wantErr: "cannot convert"},

		// Strings and binaries.
		{name: "string identical", inType: arrow.BinaryTypes.String, inJSON: `["a",null,"é"]`, target: String, want: `["a",null,"é"]`, zeroCopy: true},
		{name: "string as char", inType: arrow.BinaryTypes.String, inJSON: `["ab"]`, target: Char{2}, want: `["ab"]`, zeroCopy: true},
		{name: "large string to string sliced", inType: arrow.BinaryTypes.LargeString, inJSON: `["x","yy",null,"zzz"]`, slice: sl(1, 4), target: String, want: `["yy",null,"zzz"]`},
		{name: "string view to string", inType: arrow.BinaryTypes.StringView, inJSON: `["short","a string longer than twelve bytes",null]`, target: Varchar{40}, want: `["short","a string longer than twelve bytes",null]`},
		{name: "string to binary zero copy", inType: arrow.BinaryTypes.String, inJSON: `["ab",null]`, target: Binary, want: `["YWI=",null]`, zeroCopy: true},
		{name: "large binary to binary", inType: arrow.BinaryTypes.LargeBinary, inJSON: `["AAE=",null]`, target: Binary, want: `["AAE=",null]`},
		{name: "binary view to binary", inType: arrow.BinaryTypes.BinaryView, inJSON: `["AAE="]`, target: Binary, want: `["AAE="]`},
		{name: "fixed size binary to binary", inType: &arrow.FixedSizeBinaryType{ByteWidth: 2}, inJSON: `["AAE=",null]`, target: Binary, want: `["AAE=",null]`},
		{name: "binary to string valid", inType: arrow.BinaryTypes.Binary, inJSON: `["aGk="]`, target: String, want: `["hi"]`},
		{name: "binary to string invalid utf8", inType: arrow.BinaryTypes.Binary, inJSON: `["/w=="]`, target: String, wantErr: "not valid UTF-8"},
		{name: "int to string", inType: arrow.PrimitiveTypes.Int32, inJSON: `[1]`, target: String, wantErr: "cannot convert"},

		// Dictionaries (DuckDB ENUM).
		{name: "dictionary of strings", build: func(t *testing.T, mem memory.Allocator) arrow.Array {
			dict := fromJSON(t, mem, arrow.BinaryTypes.String, `["red","green",null]`)
			defer dict.Release()
			idx := fromJSON(t, mem, arrow.PrimitiveTypes.Int8, `[1,0,null,1,2]`)
			defer idx.Release()
			return array.NewDictionaryArray(&arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int8, ValueType: arrow.BinaryTypes.String}, idx, dict)
		}, slice: sl(1, 5), target: String, want: `["red",null,"green",null]`},
		{name: "dictionary of uint32", build: func(t *testing.T, mem memory.Allocator) arrow.Array {
			dict := fromJSON(t, mem, arrow.PrimitiveTypes.Uint32, `[10,4000000000]`)
			defer dict.Release()
			idx := fromJSON(t, mem, arrow.PrimitiveTypes.Uint16, `[1,1,null,0]`)
			defer idx.Release()
			return array.NewDictionaryArray(&arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Uint16, ValueType: arrow.PrimitiveTypes.Uint32}, idx, dict)
		}, target: Long, want: `[4000000000,4000000000,null,10]`},
		{name: "dictionary of lists", build: func(t *testing.T, mem memory.Allocator) arrow.Array {
			dict := fromJSON(t, mem, duckList(arrow.PrimitiveTypes.Int32), `[[1,2],null,[]]`)
			defer dict.Release()
			idx := fromJSON(t, mem, arrow.PrimitiveTypes.Int32, `[0,1,2,null,0]`)
			defer idx.Release()
			return array.NewDictionaryArray(&arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: dict.DataType()}, idx, dict)
		}, target: Array{Long, true}, want: `[[1,2],null,[],null,[1,2]]`},
		{name: "dictionary of booleans", build: func(t *testing.T, mem memory.Allocator) arrow.Array {
			dict := fromJSON(t, mem, arrow.FixedWidthTypes.Boolean, `[true,false]`)
			defer dict.Release()
			idx := fromJSON(t, mem, arrow.PrimitiveTypes.Int8, `[1,null,0]`)
			defer idx.Release()
			return array.NewDictionaryArray(&arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int8, ValueType: arrow.FixedWidthTypes.Boolean}, idx, dict)
		}, target: Boolean, want: `[false,null,true]`},

		// Extension types: by storage.
		{name: "uuid extension to binary", build: func(t *testing.T, mem memory.Allocator) arrow.Array {
			storage := fromJSON(t, mem, &arrow.FixedSizeBinaryType{ByteWidth: 16}, `["AAECAwQFBgcICQoLDA0ODw==",null]`)
			defer storage.Release()
			return array.NewExtensionArrayWithStorage(newTestUUIDType(), storage)
		}, target: Binary, want: `["AAECAwQFBgcICQoLDA0ODw==",null]`},

		// Dates.
		{name: "date32 identical", inType: arrow.FixedWidthTypes.Date32, inJSON: `[19000,null]`, target: Date, want: `[19000,null]`, zeroCopy: true},
		{name: "int32 as date", inType: arrow.PrimitiveTypes.Int32, inJSON: `[1,null]`, target: Date, want: `[1,null]`, zeroCopy: true},
		{name: "date64 to date", inType: arrow.FixedWidthTypes.Date64, inJSON: `[86400000,-1,null]`, target: Date, want: `[1,-1,null]`},
		{name: "timestamp to date", inType: tsNanoUTC, inJSON: `[1]`, target: Date, wantErr: "cannot convert"},

		// Timestamps.
		{name: "timestamp ns utc to session zone", inType: tsNanoUTC, inJSON: `[1000,1999,-1,null]`, target: Timestamp, tz: "America/Los_Angeles", want: `[1,1,-1,null]`},
		{name: "timestamptz relabel", inType: &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}, inJSON: `[5,null]`, target: Timestamp, tz: "Asia/Tokyo", want: `[5,null]`, zeroCopy: true},
		{name: "timestamp ntz identical", inType: &arrow.TimestampType{Unit: arrow.Microsecond}, inJSON: `[5]`, target: TimestampNTZ, want: `[5]`, zeroCopy: true},
		{name: "timestamp seconds", inType: &arrow.TimestampType{Unit: arrow.Second}, inJSON: `[2,-3]`, target: TimestampNTZ, want: `[2000000,-3000000]`},
		{name: "timestamp millis", inType: &arrow.TimestampType{Unit: arrow.Millisecond, TimeZone: "UTC"}, inJSON: `[2]`, target: Timestamp, tz: "UTC", want: `[2000]`},
		{name: "timestamp millis overflow", inType: &arrow.TimestampType{Unit: arrow.Millisecond}, inJSON: `[9223372036854776]`, target: TimestampNTZ, wantErr: "overflows"},
		{name: "int64 as timestamp", inType: arrow.PrimitiveTypes.Int64, inJSON: `[7]`, target: Timestamp, tz: "UTC", want: `[7]`, zeroCopy: true},

		// Day-time intervals.
		{name: "duration us identical", inType: arrow.FixedWidthTypes.Duration_us, inJSON: `[5,null]`, target: DayTimeInterval{0, 3}, want: `[5,null]`, zeroCopy: true},
		{name: "duration ns", inType: arrow.FixedWidthTypes.Duration_ns, inJSON: `[5000,-1]`, target: DayTimeInterval{1, 3}, want: `[5,-1]`},
		{name: "duckdb interval to day-time", inType: arrow.FixedWidthTypes.MonthDayNanoInterval,
			inJSON: `[{"months":0,"days":1,"nanoseconds":1000},null,{"months":0,"days":-2,"nanoseconds":-3000}]`,
			target: DayTimeInterval{0, 3}, want: `[86400000001,null,-172800000003]`},
		{name: "duckdb interval with months to day-time", inType: arrow.FixedWidthTypes.MonthDayNanoInterval,
			inJSON: `[{"months":1,"days":0,"nanoseconds":0}]`, target: DayTimeInterval{0, 3}, wantErr: "1 months"},
		{name: "int64 as day-time", inType: arrow.PrimitiveTypes.Int64, inJSON: `[3]`, target: DayTimeInterval{0, 3}, want: `[3]`, zeroCopy: true},

		// Year-month intervals.
		{name: "duckdb interval to year-month", inType: arrow.FixedWidthTypes.MonthDayNanoInterval,
			inJSON: `[{"months":14,"days":0,"nanoseconds":0},null,{"months":-3,"days":0,"nanoseconds":0}]`,
			target: YearMonthInterval{0, 1}, want: `[{"months":14},null,{"months":-3}]`},
		{name: "duckdb interval with days to year-month", inType: arrow.FixedWidthTypes.MonthDayNanoInterval,
			inJSON: `[{"months":14,"days":1,"nanoseconds":0}]`, target: YearMonthInterval{0, 1}, wantErr: "days or time"},
		{name: "int32 as year-month", inType: arrow.PrimitiveTypes.Int32, inJSON: `[12]`, target: YearMonthInterval{0, 0}, want: `[{"months":12}]`, zeroCopy: true},
		{name: "int64 to year-month", inType: arrow.PrimitiveTypes.Int64, inJSON: `[12,null]`, target: YearMonthInterval{0, 1}, want: `[{"months":12},null]`},
		{name: "month interval identical", inType: arrow.FixedWidthTypes.MonthInterval, inJSON: `[{"months":12}]`, target: YearMonthInterval{0, 1}, want: `[{"months":12}]`, zeroCopy: true},

		// Calendar intervals.
		{name: "month_day_nano identical", inType: arrow.FixedWidthTypes.MonthDayNanoInterval, inJSON: `[{"months":1,"days":2,"nanoseconds":3000}]`,
			target: CalendarInterval, want: `[{"months":1,"days":2,"nanoseconds":3000}]`, zeroCopy: true},
		{name: "month interval to calendar", inType: arrow.FixedWidthTypes.MonthInterval, inJSON: `[{"months":5},null]`,
			target: CalendarInterval, want: `[{"months":5,"days":0,"nanoseconds":0},null]`},
		{name: "duration to calendar", inType: arrow.FixedWidthTypes.Duration_ms, inJSON: `[1500]`,
			target: CalendarInterval, want: `[{"months":0,"days":0,"nanoseconds":1500000000}]`},

		// Null.
		{name: "null to int", inType: arrow.Null, inJSON: `[null,null]`, target: Int, want: `[null,null]`},
		{name: "null to array", inType: arrow.Null, inJSON: `[null]`, target: Array{String, true}, want: `[null]`},
		{name: "null identical", inType: arrow.Null, inJSON: `[null,null,null]`, target: Null, want: `[null,null,null]`},
		{name: "all-null int to void", inType: arrow.PrimitiveTypes.Int32, inJSON: `[null,null]`, target: Null, want: `[null,null]`},
		{name: "int to void", inType: arrow.PrimitiveTypes.Int32, inJSON: `[null,1]`, target: Null, wantErr: "non-null"},

		// Arrays.
		{name: "duckdb list relabel", inType: duckList(arrow.PrimitiveTypes.Int32), inJSON: `[[1,null],null,[],[4]]`,
			target: Array{Int, true}, want: `[[1,null],null,[],[4]]`, zeroCopy: true},
		{name: "duckdb list sliced with child conversion", inType: duckList(arrow.PrimitiveTypes.Uint32), inJSON: `[[1],[2,3],null,[4000000000]]`,
			slice: sl(1, 4), target: Array{Long, false}, want: `[[2,3],null,[4000000000]]`},
		{name: "large list", inType: arrow.LargeListOf(arrow.BinaryTypes.String), inJSON: `[["a"],null,["b","c"],[]]`,
			slice: sl(1, 4), target: Array{String, true}, want: `[null,["b","c"],[]]`},
		{name: "fixed size list", inType: arrow.FixedSizeListOf(2, arrow.PrimitiveTypes.Int16), inJSON: `[[1,2],null,[3,4]]`,
			slice: sl(1, 3), target: Array{Int, true}, want: `[null,[3,4]]`},
		{name: "list view", build: func(t *testing.T, mem memory.Allocator) arrow.Array {
			b := array.NewListViewBuilder(mem, arrow.PrimitiveTypes.Int64)
			defer b.Release()
			vb := b.ValueBuilder().(*array.Int64Builder)
			b.AppendWithSize(true, 2)
			vb.AppendValues([]int64{1, 2}, nil)
			b.AppendNull()
			b.AppendWithSize(true, 1)
			vb.Append(3)
			b.AppendWithSize(true, 0)
			return b.NewArray()
		}, target: Array{Long, true}, want: `[[1,2],null,[3],[]]`},
		{name: "list of int to array of string", inType: duckList(arrow.PrimitiveTypes.Int32), inJSON: `[[1]]`, target: Array{String, true}, wantErr: "element"},
		{name: "int to array", inType: arrow.PrimitiveTypes.Int32, inJSON: `[1]`, target: Array{Int, true}, wantErr: "cannot convert"},

		// Maps.
		{name: "map relabel", inType: arrow.MapOf(arrow.BinaryTypes.String, arrow.PrimitiveTypes.Int64),
			inJSON: `[[{"key":"a","value":1},{"key":"b","value":null}],null,[]]`,
			target: Map{String, Long, true}, want: `[[{"key":"a","value":1},{"key":"b","value":null}],null,[]]`, zeroCopy: true},
		{name: "map value conversion sliced", inType: arrow.MapOf(arrow.BinaryTypes.String, arrow.PrimitiveTypes.Uint8),
			inJSON: `[[{"key":"a","value":1}],[{"key":"b","value":255}],null]`, slice: sl(1, 3),
			target: Map{String, Short, false}, want: `[[{"key":"b","value":255}],null]`},
		{name: "list of struct to map", inType: duckList(arrow.StructOf(
			arrow.Field{Name: "k", Type: arrow.BinaryTypes.LargeString}, arrow.Field{Name: "v", Type: arrow.PrimitiveTypes.Int32, Nullable: true})),
			inJSON: `[[{"k":"x","v":1}],null]`, target: Map{String, Int, true}, want: `[[{"key":"x","value":1}],null]`},
		{name: "list of int to map", inType: duckList(arrow.PrimitiveTypes.Int32), inJSON: `[[1]]`, target: Map{Int, Int, true}, wantErr: "entries"},

		// Structs.
		{name: "struct rename and convert", inType: arrow.StructOf(
			arrow.Field{Name: "a", Type: arrow.PrimitiveTypes.Uint16, Nullable: true},
			arrow.Field{Name: "b", Type: arrow.BinaryTypes.LargeString, Nullable: true}),
			inJSON: `[{"a":1,"b":"x"},null,{"a":null,"b":"z"},{"a":65535,"b":null}]`, slice: sl(1, 4),
			target: Struct{Fields: []Field{{Name: "x", Type: Int, Nullable: true}, {Name: "y", Type: String, Nullable: false, Metadata: `{"c":1}`}}},
			want:   `[null,{"x":null,"y":"z"},{"x":65535,"y":null}]`},
		{name: "struct relabel zero copy", inType: arrow.StructOf(arrow.Field{Name: "a", Type: arrow.PrimitiveTypes.Int32, Nullable: true}),
			inJSON: `[{"a":1},null]`, target: Struct{Fields: []Field{{Name: "b", Type: Int, Nullable: true}}}, want: `[{"b":1},null]`, zeroCopy: true},
		{name: "struct field count", inType: arrow.StructOf(arrow.Field{Name: "a", Type: arrow.PrimitiveTypes.Int32}),
			inJSON: `[{"a":1}]`, target: Struct{Fields: []Field{{Name: "a", Type: Int}, {Name: "b", Type: Int}}}, wantErr: "1 fields, want 2"},
		{name: "struct field error names field", inType: arrow.StructOf(arrow.Field{Name: "a", Type: arrow.PrimitiveTypes.Int64}),
			inJSON: `[{"a":5000000000}]`, target: Struct{Fields: []Field{{Name: "q", Type: Int}}}, wantErr: `field "q"`},
		{name: "struct with duplicate names", inType: arrow.StructOf(
			arrow.Field{Name: "a", Type: arrow.PrimitiveTypes.Int32, Nullable: true}, arrow.Field{Name: "b", Type: arrow.PrimitiveTypes.Int32, Nullable: true}),
			inJSON: `[{"a":1,"b":2}]`, target: Struct{Fields: []Field{{Name: "k", Type: Int, Nullable: true}, {Name: "k", Type: Int, Nullable: true}}},
			want: `[{"k_0":1,"k_1":2}]`},
		{name: "variant", inType: arrow.StructOf(
			arrow.Field{Name: "metadata", Type: arrow.BinaryTypes.LargeBinary}, arrow.Field{Name: "value", Type: arrow.BinaryTypes.Binary}),
			inJSON: `[{"metadata":"AQ==","value":"Ag=="},null]`, target: Variant, want: `[{"value":"Ag==","metadata":"AQ=="},null]`},
		{name: "variant from positional struct", inType: arrow.StructOf(
			arrow.Field{Name: "v", Type: arrow.BinaryTypes.Binary}, arrow.Field{Name: "m", Type: arrow.BinaryTypes.Binary}),
			inJSON: `[{"v":"Ag==","m":"AQ=="}]`, target: Variant, want: `[{"value":"Ag==","metadata":"AQ=="}]`},
		{name: "variant bad shape", inType: arrow.StructOf(arrow.Field{Name: "v", Type: arrow.BinaryTypes.Binary}),
			inJSON: `[{"v":"Ag=="}]`, target: Variant, wantErr: "variant"},

		// Deeply nested.
		{name: "nested list of struct with map and timestamps", inType: duckList(arrow.StructOf(
			arrow.Field{Name: "ts", Type: tsNanoUTC, Nullable: true},
			arrow.Field{Name: "m", Type: arrow.MapOf(arrow.BinaryTypes.StringView, duckList(arrow.PrimitiveTypes.Uint16)), Nullable: true},
		)),
			inJSON: `[[{"ts":1000,"m":[{"key":"k","value":[1,null,65535]}]},null],null,[{"ts":null,"m":null}]]`,
			slice:  sl(0, 3),
			target: Array{Struct{Fields: []Field{
				{Name: "ts", Type: Timestamp, Nullable: true},
				{Name: "m", Type: Map{String, Array{Int, true}, true}, Nullable: true},
			}}, true},
			tz:   "Europe/Berlin",
			want: `[[{"ts":1,"m":[{"key":"k","value":[1,null,65535]}]},null],null,[{"ts":null,"m":null}]]`},
	}
}

func TestConformArray(t *testing.T) {
	for _, tc := range conformCases() {
		t.Run(tc.name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)

			var in arrow.Array
			if tc.build != nil {
				in = tc.build(t, mem)
			} else {
				in = fromJSON(t, mem, tc.inType, tc.inJSON)
			}
			if tc.slice != nil {
				s := array.NewSlice(in, tc.slice[0], tc.slice[1])
				in.Release()
				in = s
			}
			defer in.Release()

			got, err := ConformArray(in, tc.target, tc.tz, mem)
			if tc.wantErr != "" {
				if err == nil {
					got.Release()
					t.Fatalf("no error, want one containing %q", tc.wantErr)
				}
				if !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer got.Release()
			wantType, err := ToArrow(tc.target, tc.tz)
			if err != nil {
				t.Fatal(err)
			}
			want := fromJSON(t, mem, wantType, tc.want)
			defer want.Release()
			if !arrayEqualStrict(got, want) {
				t.Errorf("got  %s %v\nwant %s %v", describe(got.DataType()), got, describe(want.DataType()), want)
			}
			if tc.zeroCopy && !sameBuffers(in.Data(), got.Data()) {
				t.Errorf("result does not share the input's buffers")
			}
			// The result must be usable on its own after the input is gone.
			if got.Len() != want.Len() {
				t.Errorf("len = %d, want %d", got.Len(), want.Len())
			}
		})
	}
}

func TestConformArrayOutlivesInput(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	in := fromJSON(t, mem, duckList(arrow.PrimitiveTypes.Int32), `[[1,2],[3]]`)
	got, err := ConformArray(in, Array{Int, true}, "", mem)
	if err != nil {
		t.Fatal(err)
	}
	in.Release()
	want := fromJSON(t, mem, arrow.ListOf(arrow.PrimitiveTypes.Int32), `[[1,2],[3]]`)
	defer want.Release()
	if !array.Equal(got, want) {
		t.Errorf("got %v", got)
	}
	got.Release()
}

func TestConformRecord(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)

	duckSchema := arrow.NewSchema([]arrow.Field{
		{Name: "count_star()", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
		{Name: "s", Type: arrow.BinaryTypes.StringView, Nullable: true},
		{Name: "l", Type: duckList(arrow.PrimitiveTypes.Uint8), Nullable: true},
		{Name: "t", Type: tsNanoUTC, Nullable: true},
	}, nil)
	rec, _, err := array.RecordFromJSON(mem, duckSchema, strings.NewReader(
		`[{"count_star()":3,"s":"a","l":[1,2],"t":1000},{"count_star()":null,"s":null,"l":null,"t":null}]`))
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Release()

	schema := Struct{Fields: []Field{
		{Name: "count(1)", Type: Long, Nullable: false},
		{Name: "name", Type: String, Nullable: true, Metadata: `{"comment":"hi"}`},
		{Name: "xs", Type: Array{Short, true}, Nullable: true},
		{Name: "when", Type: Timestamp, Nullable: true},
	}}
	out, err := ConformRecord(rec, schema, "Etc/UTC", mem)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Release()
	wantSchema, _ := ArrowSchema(schema, "Etc/UTC")
	if g, w := describeSchema(out.Schema()), describeSchema(wantSchema); g != w {
		t.Errorf("schema\n got %s\nwant %s", g, w)
	}
	if out.NumRows() != 2 {
		t.Errorf("rows = %d", out.NumRows())
	}
	want, _, err := array.RecordFromJSON(mem, wantSchema, strings.NewReader(
		`[{"count(1)":3,"name":"a","xs":[1,2],"when":1},{"count(1)":null,"name":null,"xs":null,"when":null}]`))
	if err != nil {
		t.Fatal(err)
	}
	defer want.Release()
	for i := 0; i < int(want.NumCols()); i++ {
		if !arrayEqualStrict(out.Column(i), want.Column(i)) {
			t.Errorf("column %d: got %v, want %v", i, out.Column(i), want.Column(i))
		}
	}

	t.Run("errors", func(t *testing.T) {
		tests := []struct {
			name    string
			schema  Struct
			tz      string
			wantErr string
		}{
			{"column count", Struct{Fields: schema.Fields[:2]}, "UTC", "4 columns for a schema of 2 fields"},
			{"missing zone", schema, "", "time zone"},
			{"bad column", Struct{Fields: []Field{
				{Name: "a", Type: Long}, {Name: "b", Type: Long}, {Name: "c", Type: Long}, {Name: "d", Type: Long},
			}}, "UTC", `column 1 ("b")`},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r, err := ConformRecord(rec, tt.schema, tt.tz, mem)
				if err == nil {
					r.Release()
					t.Fatalf("no error, want %q", tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("err = %v, want containing %q", err, tt.wantErr)
				}
			})
		}
	})
}

// TestConformUnknownNullCount covers producers (like the C data interface)
// that leave the null count unknown.
func TestConformUnknownNullCount(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	src := fromJSON(t, mem, arrow.PrimitiveTypes.Int32, `[null,null]`)
	defer src.Release()
	d := array.NewData(src.DataType(), src.Len(), src.Data().Buffers(), nil, array.UnknownNullCount, 0)
	in := array.MakeFromData(d)
	d.Release()
	defer in.Release()
	got, err := ConformArray(in, Null, "", mem)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Release()
	if got.DataType().ID() != arrow.NULL || got.Len() != 2 {
		t.Errorf("got %v", got)
	}
}
