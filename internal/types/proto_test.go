package types

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"google.golang.org/protobuf/proto"

	"github.com/emberdb/ember/internal/sparkpb"
)

func i32(v int32) *int32   { return &v }
func str(v string) *string { return &v }

// fixture is one entry of testdata/pyspark*_types.json, produced by the
// installed PySpark clients by testdata/gen_fixtures.py.
type fixture struct {
	JSON        string `json:"json"`
	Proto       string `json:"proto"`
	Arrow       string `json:"arrow"`
	ArrowLarge  string `json:"arrow_large"`
	ArrowColumn string `json:"arrow_column"`
	ArrowError  string `json:"arrow_error"`
}

func loadFixtures(t *testing.T, name string) map[string]fixture {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatalf("read fixtures: %v", err)
	}
	var m map[string]fixture
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("decode fixtures: %v", err)
	}
	return m
}

var pointSQLType = Array{Elem: Double, ContainsNull: false}

// fixtureTypes are the Spark types the PySpark generator used, by name.
var fixtureTypes = map[string]DataType{
	"null":              Null,
	"boolean":           Boolean,
	"byte":              Byte,
	"short":             Short,
	"int":               Int,
	"long":              Long,
	"float":             Float,
	"double":            Double,
	"decimal_default":   Decimal{10, 0},
	"decimal_38_18":     Decimal{38, 18},
	"decimal_5_5":       Decimal{5, 5},
	"string":            String,
	"string_collated":   String,
	"char":              Char{5},
	"varchar":           Varchar{7},
	"binary":            Binary,
	"date":              Date,
	"timestamp":         Timestamp,
	"timestamp_ntz":     TimestampNTZ,
	"calendar_interval": CalendarInterval,
	"ym_default":        YearMonthInterval{0, 1},
	"ym_year":           YearMonthInterval{0, 0},
	"ym_month":          YearMonthInterval{1, 1},
	"dt_default":        DayTimeInterval{0, 3},
	"dt_day":            DayTimeInterval{0, 0},
	"dt_hour_minute":    DayTimeInterval{1, 2},
	"dt_second":         DayTimeInterval{3, 3},
	"variant":           Variant,
	"array_string":      Array{String, true},
	"array_int_notnull": Array{Int, false},
	"map_string_long":   Map{String, Long, true},
	"map_nested":        Map{Int, Array{Map{String, Double, false}, true}, false},
	"struct_simple": Struct{Fields: []Field{
		{Name: "id", Type: Long, Nullable: true},
		{Name: "name", Type: String, Nullable: false},
	}},
	"struct_metadata": Struct{Fields: []Field{
		{Name: "a", Type: Int, Nullable: true, Metadata: `{"comment":"x\"y","n":1,"nested":{"b":[1,2.5,null,true]}}`},
		{Name: "é ü", Type: String, Nullable: true},
	}},
	"struct_nested": Struct{Fields: []Field{
		{Name: "arr", Type: Array{Struct{Fields: []Field{
			{Name: "x", Type: Int, Nullable: true},
			{Name: "y", Type: Decimal{10, 2}, Nullable: false},
		}}, true}, Nullable: true},
		{Name: "m", Type: Map{String, Struct{Fields: []Field{{Name: "ts", Type: Timestamp, Nullable: true}}}, true}, Nullable: true},
		{Name: "s", Type: Struct{Fields: []Field{{Name: "inner", Type: Array{Binary, false}, Nullable: false}}}, Nullable: true},
		{Name: "iv", Type: DayTimeInterval{1, 3}, Nullable: true},
		{Name: "ntz", Type: TimestampNTZ, Nullable: true},
	}},
	"struct_empty": Struct{Fields: []Field{}},
	"udt":          pointSQLType,
	"struct_udt":   Struct{Fields: []Field{{Name: "p", Type: pointSQLType, Nullable: true}}},
}

func TestFromProtoPySparkFixtures(t *testing.T) {
	for _, file := range []string{"pyspark4_types.json", "pyspark35_types.json"} {
		for name, fx := range loadFixtures(t, file) {
			t.Run(file+"/"+name, func(t *testing.T) {
				want, ok := fixtureTypes[name]
				if !ok {
					t.Fatalf("no expected type for fixture %q", name)
				}
				raw, err := base64.StdEncoding.DecodeString(fx.Proto)
				if err != nil {
					t.Fatal(err)
				}
				var p sparkpb.DataType
				if err := proto.Unmarshal(raw, &p); err != nil {
					t.Fatal(err)
				}
				got, err := FromProto(&p)
				if err != nil {
					t.Fatalf("FromProto: %v", err)
				}
				if !equalWithMetadata(got, want) {
					t.Errorf("FromProto = %#v, want %#v", got, want)
				}
				// And back again through our own encoding.
				again, err := FromProto(ToProto(got))
				if err != nil {
					t.Fatalf("FromProto(ToProto): %v", err)
				}
				if !equalWithMetadata(again, want) {
					t.Errorf("round trip = %#v, want %#v", again, want)
				}
			})
		}
	}
}

// equalWithMetadata is Equal plus field metadata text.
func equalWithMetadata(a, b DataType) bool {
	if !Equal(a, b) {
		return false
	}
	switch x := a.(type) {
	case Array:
		return equalWithMetadata(x.Elem, b.(Array).Elem)
	case Map:
		y := b.(Map)
		return equalWithMetadata(x.Key, y.Key) && equalWithMetadata(x.Value, y.Value)
	case Struct:
		y := b.(Struct)
		for i := range x.Fields {
			if x.Fields[i].Metadata != y.Fields[i].Metadata || !equalWithMetadata(x.Fields[i].Type, y.Fields[i].Type) {
				return false
			}
		}
	}
	return true
}

func TestFromProto(t *testing.T) {
	tests := []struct {
		name    string
		in      *sparkpb.DataType
		want    DataType
		wantErr string
	}{
		{"decimal no params", &sparkpb.DataType{Kind: &sparkpb.DataType_Decimal_{Decimal: &sparkpb.DataType_Decimal{}}}, Decimal{10, 0}, ""},
		{"decimal precision only", &sparkpb.DataType{Kind: &sparkpb.DataType_Decimal_{Decimal: &sparkpb.DataType_Decimal{Precision: i32(7)}}}, Decimal{7, 0}, ""},
		{"decimal scale only", &sparkpb.DataType{Kind: &sparkpb.DataType_Decimal_{Decimal: &sparkpb.DataType_Decimal{Scale: i32(3)}}}, Decimal{10, 0}, ""},
		{"decimal both", &sparkpb.DataType{Kind: &sparkpb.DataType_Decimal_{Decimal: &sparkpb.DataType_Decimal{Precision: i32(20), Scale: i32(4)}}}, Decimal{20, 4}, ""},
		{"decimal too wide", &sparkpb.DataType{Kind: &sparkpb.DataType_Decimal_{Decimal: &sparkpb.DataType_Decimal{Precision: i32(39), Scale: i32(0)}}}, nil, "precision"},
		{"decimal scale > precision", &sparkpb.DataType{Kind: &sparkpb.DataType_Decimal_{Decimal: &sparkpb.DataType_Decimal{Precision: i32(3), Scale: i32(4)}}}, nil, "scale exceeds"},
		{"day-time default", &sparkpb.DataType{Kind: &sparkpb.DataType_DayTimeInterval_{DayTimeInterval: &sparkpb.DataType_DayTimeInterval{}}}, DayTimeInterval{0, 3}, ""},
		{"day-time start only", &sparkpb.DataType{Kind: &sparkpb.DataType_DayTimeInterval_{DayTimeInterval: &sparkpb.DataType_DayTimeInterval{StartField: i32(1)}}}, DayTimeInterval{1, 1}, ""},
		{"day-time end only", &sparkpb.DataType{Kind: &sparkpb.DataType_DayTimeInterval_{DayTimeInterval: &sparkpb.DataType_DayTimeInterval{EndField: i32(1)}}}, DayTimeInterval{0, 3}, ""},
		{"day-time inverted", &sparkpb.DataType{Kind: &sparkpb.DataType_DayTimeInterval_{DayTimeInterval: &sparkpb.DataType_DayTimeInterval{StartField: i32(3), EndField: i32(1)}}}, nil, "invalid fields"},
		{"day-time out of range", &sparkpb.DataType{Kind: &sparkpb.DataType_DayTimeInterval_{DayTimeInterval: &sparkpb.DataType_DayTimeInterval{StartField: i32(0), EndField: i32(4)}}}, nil, "invalid fields"},
		{"year-month default", &sparkpb.DataType{Kind: &sparkpb.DataType_YearMonthInterval_{YearMonthInterval: &sparkpb.DataType_YearMonthInterval{}}}, YearMonthInterval{0, 1}, ""},
		{"year-month month", &sparkpb.DataType{Kind: &sparkpb.DataType_YearMonthInterval_{YearMonthInterval: &sparkpb.DataType_YearMonthInterval{StartField: i32(1)}}}, YearMonthInterval{1, 1}, ""},
		{"year-month bad", &sparkpb.DataType{Kind: &sparkpb.DataType_YearMonthInterval_{YearMonthInterval: &sparkpb.DataType_YearMonthInterval{StartField: i32(2)}}}, nil, "invalid fields"},
		{"string with collation", &sparkpb.DataType{Kind: &sparkpb.DataType_String_{String_: &sparkpb.DataType_String{Collation: "UNICODE_CI"}}}, String, ""},
		{"udt with sql type", &sparkpb.DataType{Kind: &sparkpb.DataType_Udt{Udt: &sparkpb.DataType_UDT{
			Type: "udt", JvmClass: str("org.apache.spark.ml.linalg.VectorUDT"),
			SqlType: &sparkpb.DataType{Kind: &sparkpb.DataType_Binary_{Binary: &sparkpb.DataType_Binary{}}},
		}}}, Binary, ""},
		{"udt without sql type", &sparkpb.DataType{Kind: &sparkpb.DataType_Udt{Udt: &sparkpb.DataType_UDT{
			Type: "udt", JvmClass: str("com.example.PointUDT"),
		}}}, nil, "com.example.PointUDT"},
		{"unparsed", &sparkpb.DataType{Kind: &sparkpb.DataType_Unparsed_{Unparsed: &sparkpb.DataType_Unparsed{DataTypeString: "array<int>"}}}, Unparsed{"array<int>"}, ""},
		{"time", &sparkpb.DataType{Kind: &sparkpb.DataType_Time_{Time: &sparkpb.DataType_Time{}}}, DefaultTime, ""},
		{"time(3)", &sparkpb.DataType{Kind: &sparkpb.DataType_Time_{Time: &sparkpb.DataType_Time{Precision: i32p(3)}}}, Time{Precision: 3}, ""},
		{"time(7)", &sparkpb.DataType{Kind: &sparkpb.DataType_Time_{Time: &sparkpb.DataType_Time{Precision: i32p(7)}}}, nil, "precision"},
		{"geometry", &sparkpb.DataType{Kind: &sparkpb.DataType_Geometry_{Geometry: &sparkpb.DataType_Geometry{}}}, nil, "GEOMETRY"},
		{"geography", &sparkpb.DataType{Kind: &sparkpb.DataType_Geography_{Geography: &sparkpb.DataType_Geography{}}}, nil, "GEOGRAPHY"},
		{"nil", nil, nil, "missing"},
		{"kind unset", &sparkpb.DataType{}, nil, "kind not set"},
		{"array without element", &sparkpb.DataType{Kind: &sparkpb.DataType_Array_{Array: &sparkpb.DataType_Array{}}}, nil, "array element"},
		{"struct field error names field", &sparkpb.DataType{Kind: &sparkpb.DataType_Struct_{Struct: &sparkpb.DataType_Struct{
			Fields: []*sparkpb.DataType_StructField{{Name: "bad", DataType: &sparkpb.DataType{}}},
		}}}, nil, `"bad"`},
		{"struct bad metadata", &sparkpb.DataType{Kind: &sparkpb.DataType_Struct_{Struct: &sparkpb.DataType_Struct{
			Fields: []*sparkpb.DataType_StructField{{Name: "a", DataType: ToProto(Int), Metadata: str("[1]")}},
		}}}, nil, "metadata"},
		{"struct metadata compacted, empty dropped", &sparkpb.DataType{Kind: &sparkpb.DataType_Struct_{Struct: &sparkpb.DataType_Struct{
			Fields: []*sparkpb.DataType_StructField{
				{Name: "a", DataType: ToProto(Int), Nullable: true, Metadata: str(`{ "x" : [1, 2] }`)},
				{Name: "b", DataType: ToProto(Int), Metadata: str(`{}`)},
			},
		}}}, Struct{Fields: []Field{
			{Name: "a", Type: Int, Nullable: true, Metadata: `{"x":[1,2]}`},
			{Name: "b", Type: Int},
		}}, ""},
		{"map", &sparkpb.DataType{Kind: &sparkpb.DataType_Map_{Map: &sparkpb.DataType_Map{
			KeyType: ToProto(String), ValueType: ToProto(Array{Long, false}), ValueContainsNull: true,
		}}}, Map{String, Array{Long, false}, true}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FromProto(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !equalWithMetadata(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestToProto(t *testing.T) {
	tests := []struct {
		name string
		in   DataType
		want *sparkpb.DataType
	}{
		{"null", Null, &sparkpb.DataType{Kind: &sparkpb.DataType_Null{Null: &sparkpb.DataType_NULL{}}}},
		{"string has collation", String, &sparkpb.DataType{Kind: &sparkpb.DataType_String_{String_: &sparkpb.DataType_String{Collation: "UTF8_BINARY"}}}},
		{"decimal", Decimal{12, 2}, &sparkpb.DataType{Kind: &sparkpb.DataType_Decimal_{Decimal: &sparkpb.DataType_Decimal{Precision: i32(12), Scale: i32(2)}}}},
		{"day-time", DayTimeInterval{1, 3}, &sparkpb.DataType{Kind: &sparkpb.DataType_DayTimeInterval_{DayTimeInterval: &sparkpb.DataType_DayTimeInterval{StartField: i32(1), EndField: i32(3)}}}},
		{"year-month", YearMonthInterval{0, 0}, &sparkpb.DataType{Kind: &sparkpb.DataType_YearMonthInterval_{YearMonthInterval: &sparkpb.DataType_YearMonthInterval{StartField: i32(0), EndField: i32(0)}}}},
		{"char", Char{3}, &sparkpb.DataType{Kind: &sparkpb.DataType_Char_{Char: &sparkpb.DataType_Char{Length: 3}}}},
		{"varchar", Varchar{9}, &sparkpb.DataType{Kind: &sparkpb.DataType_VarChar_{VarChar: &sparkpb.DataType_VarChar{Length: 9}}}},
		{"unparsed", Unparsed{"int"}, &sparkpb.DataType{Kind: &sparkpb.DataType_Unparsed_{Unparsed: &sparkpb.DataType_Unparsed{DataTypeString: "int"}}}},
		{"struct metadata only when non-empty", Struct{Fields: []Field{
			{Name: "a", Type: Int, Nullable: true, Metadata: `{"k": 1}`},
			{Name: "b", Type: Long, Metadata: "{}"},
			{Name: "c", Type: Long},
		}}, &sparkpb.DataType{Kind: &sparkpb.DataType_Struct_{Struct: &sparkpb.DataType_Struct{Fields: []*sparkpb.DataType_StructField{
			{Name: "a", DataType: ToProto(Int), Nullable: true, Metadata: str(`{"k":1}`)},
			{Name: "b", DataType: ToProto(Long)},
			{Name: "c", DataType: ToProto(Long)},
		}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ToProto(tt.in)
			if !proto.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestProtoRoundTrip(t *testing.T) {
	for name, typ := range fixtureTypes {
		t.Run(name, func(t *testing.T) {
			got, err := FromProto(ToProto(typ))
			if err != nil {
				t.Fatal(err)
			}
			if !equalWithMetadata(got, typ) {
				t.Errorf("got %#v, want %#v", got, typ)
			}
		})
	}
}

func TestSchemaToProtoAndStructFromProto(t *testing.T) {
	s := fixtureTypes["struct_nested"].(Struct)
	p := SchemaToProto(s)
	if p.GetStruct() == nil {
		t.Fatalf("SchemaToProto did not produce a struct: %v", p)
	}
	got, err := StructFromProto(p.GetStruct())
	if err != nil {
		t.Fatal(err)
	}
	if !equalWithMetadata(got, s) {
		t.Errorf("got %#v, want %#v", got, s)
	}
	if _, err := StructFromProto(nil); err == nil {
		t.Error("StructFromProto(nil) succeeded")
	}
}

func i32p(v int32) *int32 { return &v }
