package types

import (
	"encoding/json"
	"strings"
	"testing"
)

// canonicalJSON re-encodes a JSON text with object keys sorted, so texts
// that differ only in member order compare equal.
func canonicalJSON(t *testing.T, s string) string {
	t.Helper()
	var v any
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("invalid JSON %q: %v", s, err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestParseJSONPySparkFixtures(t *testing.T) {
	for _, file := range []string{"pyspark4_types.json", "pyspark35_types.json"} {
		for name, fx := range loadFixtures(t, file) {
			t.Run(file+"/"+name, func(t *testing.T) {
				want := fixtureTypes[name]
				got, err := ParseJSON(fx.JSON)
				if err != nil {
					t.Fatalf("ParseJSON(%s): %v", fx.JSON, err)
				}
				if !equalWithMetadata(got, want) {
					t.Fatalf("ParseJSON(%s) = %#v, want %#v", fx.JSON, got, want)
				}
				if name == "string_collated" || name == "udt" || name == "struct_udt" {
					return // collation / UDT wrapper are not kept
				}
				// Our (Scala-ordered) output is the same JSON document.
				if g, w := canonicalJSON(t, ToJSON(got)), canonicalJSON(t, fx.JSON); g != w {
					t.Errorf("ToJSON = %s\nwant (canonical) %s", g, w)
				}
			})
		}
	}
}

func TestToJSON(t *testing.T) {
	tests := []struct {
		in   DataType
		want string
	}{
		{Null, `"void"`},
		{Boolean, `"boolean"`},
		{Byte, `"byte"`},
		{Short, `"short"`},
		{Int, `"integer"`},
		{Long, `"long"`},
		{Float, `"float"`},
		{Double, `"double"`},
		{Decimal{10, 2}, `"decimal(10,2)"`},
		{String, `"string"`},
		{Char{3}, `"char(3)"`},
		{Varchar{10}, `"varchar(10)"`},
		{Binary, `"binary"`},
		{Date, `"date"`},
		{Timestamp, `"timestamp"`},
		{TimestampNTZ, `"timestamp_ntz"`},
		{CalendarInterval, `"interval"`},
		{DayTimeInterval{0, 3}, `"interval day to second"`},
		{DayTimeInterval{2, 2}, `"interval minute"`},
		{YearMonthInterval{0, 1}, `"interval year to month"`},
		{YearMonthInterval{1, 1}, `"interval month"`},
		{Variant, `"variant"`},
		{Array{String, true}, `{"type":"array","elementType":"string","containsNull":true}`},
		{Map{String, Int, false}, `{"type":"map","keyType":"string","valueType":"integer","valueContainsNull":false}`},
		{Struct{Fields: []Field{{Name: "id", Type: Long, Nullable: true}}},
			`{"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}}]}`},
		{Struct{Fields: []Field{
			{Name: `a"<b>&`, Type: Array{Struct{Fields: []Field{{Name: "x", Type: Int}}}, false}, Nullable: false, Metadata: ` { "c" : "d" , "e":[1, 2.50]} `},
		}}, `{"type":"struct","fields":[{"name":"a\"<b>&","type":{"type":"array","elementType":{"type":"struct","fields":[{"name":"x","type":"integer","nullable":false,"metadata":{}}]},"containsNull":false},"nullable":false,"metadata":{"c":"d","e":[1,2.50]}}]}`},
		{Struct{}, `{"type":"struct","fields":[]}`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := ToJSON(tt.in); got != tt.want {
				t.Errorf("ToJSON(%s) = %s, want %s", tt.in.SimpleString(), got, tt.want)
			}
			back, err := ParseJSON(tt.want)
			if err != nil {
				t.Fatalf("ParseJSON: %v", err)
			}
			if !Equal(back, tt.in) {
				t.Errorf("ParseJSON(ToJSON) = %#v, want %#v", back, tt.in)
			}
		})
	}
}

func TestParseJSON(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    DataType
		wantErr string
	}{
		{"legacy null name", `"null"`, Null, ""},
		{"timestamp_ltz", `"timestamp_ltz"`, Timestamp, ""},
		{"bare decimal", `"decimal"`, Decimal{10, 0}, ""},
		{"decimal with spaces", `"decimal( 7 , 3 )"`, Decimal{7, 3}, ""},
		{"decimal too wide", `"decimal(40,2)"`, nil, "precision"},
		{"char spaces", `"char( 4 )"`, Char{4}, ""},
		{"collated string", `"string collate UNICODE_CI"`, String, ""},
		{"interval hour", `"interval hour"`, DayTimeInterval{1, 1}, ""},
		{"interval hour to second", `"interval hour to second"`, DayTimeInterval{1, 3}, ""},
		{"interval year", `"interval year"`, YearMonthInterval{0, 0}, ""},
		{"interval wrong order", `"interval second to day"`, nil, "invalid interval"},
		{"interval mixed", `"interval year to day"`, nil, "invalid interval"},
		{"surrounding space", "  \"long\"\n", Long, ""},
		{"sorted keys array", `{"containsNull":false,"elementType":"long","type":"array"}`, Array{Long, false}, ""},
		{"array containsNull missing", `{"type":"array","elementType":"long"}`, Array{Long, true}, ""},
		{"map", `{"keyType":"string","type":"map","valueContainsNull":false,"valueType":{"type":"array","elementType":"date","containsNull":true}}`,
			Map{String, Array{Date, true}, false}, ""},
		{"struct without metadata or nullable", `{"type":"struct","fields":[{"name":"a","type":"integer"},{"name":"b","type":"string","nullable":false,"metadata":null}]}`,
			Struct{Fields: []Field{{Name: "a", Type: Int, Nullable: true}, {Name: "b", Type: String}}}, ""},
		{"struct metadata kept compact", `{"type":"struct","fields":[{"name":"a","type":"integer","nullable":true,"metadata":{ "z" : 1, "a" : "\u00e9" }}]}`,
			Struct{Fields: []Field{{Name: "a", Type: Int, Nullable: true, Metadata: `{"z":1,"a":"\u00e9"}`}}}, ""},
		{"collations metadata dropped", `{"type":"struct","fields":[{"name":"s","type":"string","nullable":true,"metadata":{"a":1,"__COLLATIONS":{"s":"icu.UNICODE_CI"},"b":{"x":"__COLLATIONS"}}},{"name":"t","type":"string","nullable":true,"metadata":{"__COLLATIONS":{"t":"spark.UTF8_LCASE"}}}]}`,
			Struct{Fields: []Field{
				{Name: "s", Type: String, Nullable: true, Metadata: `{"a":1,"b":{"x":"__COLLATIONS"}}`},
				{Name: "t", Type: String, Nullable: true},
			}}, ""},
		{"python udt", `{"type":"udt","pyClass":"m.P","serializedClass":"abc","sqlType":{"type":"array","elementType":"double","containsNull":false}}`,
			Array{Double, false}, ""},
		{"scala udt in struct", `{"type":"struct","fields":[{"name":"v","type":{"type":"udt","class":"org.apache.spark.ml.linalg.VectorUDT","pyClass":"pyspark.ml.linalg.VectorUDT","sqlType":"binary"},"nullable":true,"metadata":{}}]}`,
			Struct{Fields: []Field{{Name: "v", Type: Binary, Nullable: true}}}, ""},
		{"udt without sqlType", `{"type":"udt","class":"x"}`, nil, "sqlType"},
		{"unknown name", `"int"`, nil, `invalid type name "int"`},
		{"unknown object type", `{"type":"union"}`, nil, `unsupported type "union"`},
		{"object without type", `{"elementType":"long"}`, nil, `without "type"`},
		{"field without name", `{"type":"struct","fields":[{"type":"long"}]}`, nil, `without "name"`},
		{"field without type", `{"type":"struct","fields":[{"name":"a"}]}`, nil, `without "type"`},
		{"bad nullable", `{"type":"struct","fields":[{"name":"a","type":"long","nullable":"yes"}]}`, nil, "boolean"},
		{"bad metadata", `{"type":"struct","fields":[{"name":"a","type":"long","metadata":[1]}]}`, nil, "metadata"},
		{"nested error path", `{"type":"array","elementType":{"type":"map","keyType":"nope","valueType":"long"}}`, nil, "array element: map key"},
		{"not json", `{"type":`, nil, "parse JSON"},
		{"number", `42`, nil, "invalid type"},
		{"empty", ``, nil, "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseJSON(tt.in)
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

func TestJSONName(t *testing.T) {
	tests := []struct {
		in   DataType
		want string
	}{
		{Int, "integer"}, {Long, "long"}, {Short, "short"}, {Byte, "byte"}, {Null, "void"},
		{Decimal{5, 1}, "decimal(5,1)"}, {Array{Int, true}, "array"}, {Map{Int, Int, true}, "map"},
		{Struct{}, "struct"}, {DayTimeInterval{0, 0}, "interval day"}, {Unparsed{"foo"}, "foo"},
	}
	for _, tt := range tests {
		if got := JSONName(tt.in); got != tt.want {
			t.Errorf("JSONName(%#v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
