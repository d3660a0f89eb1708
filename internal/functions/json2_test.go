package functions

import (
	"strings"
	"testing"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// Typing of the hash, JSON, CSV and XML functions.
func TestJSONHashFamilyResolve(t *testing.T) {
	col := func(name string, t types.DataType) logical.Expr {
		return &logical.ColRef{Attr: logical.Attr{ID: logical.NewID(), Name: name, Type: t, Nullable: true}}
	}
	str := func(s string) logical.Expr { return &logical.Lit{T: types.String, V: s, Text: s} }
	opts := func(kv ...string) logical.Expr {
		args := make([]logical.Expr, len(kv))
		for i, s := range kv {
			args[i] = str(s)
		}
		return &logical.Call{Fn: "map", Args: args, T: types.Map{Key: types.String, Value: types.String}}
	}
	ctx := &Ctx{ANSI: true, TimeZone: "UTC"}
	s := col("s", types.String)
	tests := []struct {
		name     string
		fn       string
		args     []logical.Expr
		wantType string
		wantErr  string
	}{
		{"hash is a non-null int", "hash", []logical.Expr{s, col("i", types.Int)}, "int", ""},
		{"xxhash64 is a bigint", "xxhash64", []logical.Expr{col("a", types.Array{Elem: types.Double})}, "bigint", ""},
		{"hash rejects maps", "hash", []logical.Expr{col("m", types.Map{Key: types.String, Value: types.Int})}, "", "DATATYPE_MISMATCH.HASH_MAP_TYPE"},
		{"hash rejects nested maps", "xxhash64", []logical.Expr{col("a", types.Array{Elem: types.Map{Key: types.String, Value: types.Int}})}, "", "DATATYPE_MISMATCH.HASH_MAP_TYPE"},
		{"xpath is an array of strings", "xpath", []logical.Expr{s, str("a/b")}, "array<string>", ""},
		{"xpath_short", "xpath_short", []logical.Expr{s, str("a")}, "smallint", ""},
		{"xpath_number is a double", "xpath_number", []logical.Expr{s, str("a")}, "double", ""},
		{"xpath wants strings", "xpath_int", []logical.Expr{col("i", types.Int), str("a")}, "", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"json_array_length", "json_array_length", []logical.Expr{s}, "int", ""},
		{"json_object_keys", "json_object_keys", []logical.Expr{s}, "array<string>", ""},
		{"schema_of_json is a string", "schema_of_json", []logical.Expr{str(`{"a": 1}`)}, "string", ""},
		{"schema_of_json wants a literal", "schema_of_json", []logical.Expr{s}, "", "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT"},
		{"from_json with DDL", "from_json", []logical.Expr{s, str("a INT, b ARRAY<STRING>")}, "struct<a:int,b:array<string>>", ""},
		{"from_json with a map schema", "from_json", []logical.Expr{s, str("MAP<STRING,INT>")}, "map<string,int>", ""},
		{"from_json with lenient options", "from_json", []logical.Expr{s, str("a INT"), opts("allowUnquotedFieldNames", "true")}, "struct<a:int>", ""},
		{"from_json refuses FAILFAST", "from_json", []logical.Expr{s, str("a INT"), opts("mode", "FAILFAST")}, "", "UNSUPPORTED_FEATURE.EMBER"},
		{"from_json with schema_of_json", "from_json", []logical.Expr{s, &logical.Call{Fn: "schema_of_json", Args: []logical.Expr{str(`{"b": [1.5]}`)}, T: types.String}}, "struct<b:array<double>>", ""},
		{"from_csv", "from_csv", []logical.Expr{s, str("a INT, b STRING"), opts("sep", ";")}, "struct<a:int,b:string>", ""},
		{"from_csv needs a struct", "from_csv", []logical.Expr{s, str("ARRAY<INT>")}, "", "INVALID_SCHEMA.NON_STRUCT_TYPE"},
		{"to_csv of a struct", "to_csv", []logical.Expr{col("st", types.Struct{Fields: []types.Field{{Name: "a", Type: types.Int, Nullable: true}}})}, "string", ""},
		{"to_csv of an array", "to_csv", []logical.Expr{col("a", types.Array{Elem: types.Int})}, "", "DATATYPE_MISMATCH.UNSUPPORTED_INPUT_TYPE"},
		{"from_xml", "from_xml", []logical.Expr{s, str("STRUCT<a: ARRAY<BIGINT>>")}, "struct<a:array<bigint>>", ""},
		{"to_xml", "to_xml", []logical.Expr{col("st", types.Struct{Fields: []types.Field{{Name: "a", Type: types.Int, Nullable: true}}}), opts("rowTag", "r")}, "string", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := Call(ctx, tc.fn, tc.args, false)
			if tc.wantErr != "" {
				if se, ok := sparkerr.As(err); !ok || se.Class != tc.wantErr {
					t.Fatalf("got %v, want error %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := e.Type().SimpleString(); got != tc.wantType {
				t.Errorf("type %s, want %s", got, tc.wantType)
			}
		})
	}
}

func TestSchemaInference(t *testing.T) {
	tests := []struct {
		fn, in string
		opts   map[string]string
		want   string
	}{
		{"schema_of_json", `{"b": 1, "a": [1.5, 2], "c": null, "d": {"z": true, "y": "s"}, "e": [], "f": 12345678901234567890, "g": [{"x":1},{"y":"q"}], "h": [1, "a"]}`, nil,
			"STRUCT<a: ARRAY<DOUBLE>, b: BIGINT, c: STRING, d: STRUCT<y: STRING, z: BOOLEAN>, e: ARRAY<STRING>, f: DECIMAL(20,0), g: ARRAY<STRUCT<x: BIGINT, y: STRING>>, h: ARRAY<STRING>>"},
		{"schema_of_json", `[1,2]`, nil, "ARRAY<BIGINT>"},
		{"schema_of_json", `{}`, nil, "STRUCT<>"},
		{"schema_of_json", `{'a b': 1}`, nil, "STRUCT<`a b`: BIGINT>"},
		{"schema_of_json", `{a: 1}`, map[string]string{"allowunquotedfieldnames": "true"}, "STRUCT<a: BIGINT>"},
		{"schema_of_csv", "1,12345678901,123456789012345678901,1.5,1e3,NaN,true,abc,,2020-01-01,2020-01-01 10:00:00, 1", nil,
			"STRUCT<_c0: INT, _c1: BIGINT, _c2: DECIMAL(21,0), _c3: DOUBLE, _c4: DOUBLE, _c5: DOUBLE, _c6: BOOLEAN, _c7: STRING, _c8: STRING, _c9: DATE, _c10: TIMESTAMP, _c11: DOUBLE>"},
		{"schema_of_csv", `"1"|a`, map[string]string{"sep": "|"}, "STRUCT<_c0: INT, _c1: STRING>"},
		{"schema_of_xml", `<p><a x="1">t</a><b>1.5</b><c>true</c><d/><e>2020-01-01</e><f>abc</f><g><h>1</h><h>x</h></g></p>`, nil,
			"STRUCT<a: STRUCT<_VALUE: STRING, _x: BIGINT>, b: DOUBLE, c: BOOLEAN, d: STRING, e: DATE, f: STRING, g: STRUCT<h: ARRAY<STRING>>>"},
		{"schema_of_xml", `<p><a attr="2">1</a></p>`, map[string]string{"excludeattribute": "true"}, "STRUCT<a: BIGINT>"},
	}
	for _, tc := range tests {
		var got types.DataType
		var err error
		switch tc.fn {
		case "schema_of_json":
			got, err = inferJSONSchema(tc.in, tc.opts)
		case "schema_of_csv":
			got, err = inferCSVSchema(tc.in, tc.opts)
		case "schema_of_xml":
			got, err = inferXMLSchema(tc.in, tc.opts)
		}
		if err != nil {
			t.Errorf("%s(%s): %v", tc.fn, tc.in, err)
			continue
		}
		if s := SparkTypeSQL(got); s != tc.want {
			t.Errorf("%s(%s) = %s, want %s", tc.fn, tc.in, s, tc.want)
		}
	}
	if _, err := inferJSONSchema("{a: 1}", nil); err == nil {
		t.Error("unquoted field names are refused by default")
	}
}

func TestCSVRecords(t *testing.T) {
	show := func(fs []*string) string {
		parts := make([]string, len(fs))
		for i, f := range fs {
			if f == nil {
				parts[i] = "<nil>"
			} else {
				parts[i] = "[" + *f + "]"
			}
		}
		return strings.Join(parts, " ")
	}
	split := []struct {
		in        string
		trimLead  bool
		want      string
		sep       rune
		wantCount int
	}{
		{"1,2,3", false, "[1] [2] [3]", ',', 3},
		{`"a,b",,c`, false, "[a,b] <nil> [c]", ',', 3},
		{`"a\"b",c`, false, `[a"b] [c]`, ',', 2},
		{"   abc", true, "[abc]", ',', 1},
		{" 1 ;2", false, "[ 1 ] [2]", ';', 2},
		{"", false, "<nil>", ',', 1},
	}
	for _, tc := range split {
		got := SplitCSVRecord(tc.in, tc.sep, '"', '\\', tc.trimLead, false)
		if show(got) != tc.want || len(got) != tc.wantCount {
			t.Errorf("split(%q) = %s, want %s", tc.in, show(got), tc.want)
		}
	}
	p := func(s string) *string { return &s }
	got := JoinCSVRecord([]*string{p("1"), p("x,y"), p(`q"r`), nil, p(""), p(" t ")}, ',', '"', '\\', true, true)
	if want := `1,"x,y","q\"r",,"",t`; got != want {
		t.Errorf("join = %s, want %s", got, want)
	}
}

func TestLenientJSON(t *testing.T) {
	tests := []struct {
		in   string
		o    JSONOptions
		want string
	}{
		{`{"a": [1, 2.5e3, "x", null, true]}`, JSONOptions{}, `{"a":[1,2.5e3,"x",null,true]}`},
		{`{'a': 'it''s'}`, DefaultJSONOptions, ``},
		{`{'a': 'b'}`, DefaultJSONOptions, `{"a":"b"}`},
		{`{a: 1}`, JSONOptions{UnquotedNames: true}, `{"a":1}`},
		{`{a: 1}`, DefaultJSONOptions, ``},
		{`{"a": 01}`, DefaultJSONOptions, ``},
		{`{"a": "\u00e9\n"}`, DefaultJSONOptions, `{"a":"é\n"}`},
		{`[1] x`, DefaultJSONOptions, ``},
	}
	for _, tc := range tests {
		v, err := ParseJSONLenient(tc.in, tc.o)
		if tc.want == "" {
			if err == nil {
				t.Errorf("parse(%s) succeeded, want an error", tc.in)
			}
			continue
		}
		if err != nil {
			t.Errorf("parse(%s): %v", tc.in, err)
			continue
		}
		var b strings.Builder
		WriteStrictJSON(&b, v)
		if b.String() != tc.want {
			t.Errorf("parse(%s) = %s, want %s", tc.in, b.String(), tc.want)
		}
	}
}

func TestXMLToJSON(t *testing.T) {
	st, err := ParseSchemaText("a STRUCT<_x: INT, _VALUE: STRING>, b DOUBLE, c BOOLEAN, n ARRAY<BIGINT>, z INT, s INT")
	if err != nil {
		t.Fatal(err)
	}
	got, ok := XMLToJSON(`<p><a x="1">t</a><b>1.5</b><c>TRUE</c><n>1</n><n>2</n><s>1</s><s>2</s></p>`, st)
	want := `{"a":{"_x":1,"_VALUE":"t"},"b":1.5,"c":true,"n":[1,2],"z":null,"s":2}`
	if !ok || got != want {
		t.Errorf("XMLToJSON = %s (%v), want %s", got, ok, want)
	}
	if _, ok := XMLToJSON(`<p><a>1</a>`, st); ok {
		t.Error("a malformed document converts")
	}
}
