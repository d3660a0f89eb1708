package functions

import (
	"reflect"
	"strings"
	"testing"

	"github.com/emberdb/ember/internal/types"
)

// Expected values below are what Spark 4.2 answered for the same inputs
// (recorded by hand from the oracle; the integration cases in
// tests/integration/cases/io_xml.py check the same behaviour end to end).

func TestXMLRecords(t *testing.T) {
	cases := []struct {
		name, doc, tag string
		want           []string
		ok             bool
	}{
		{"anywhere", `<a><ROW><x>1</x></ROW><s><ROW y="2"/></s></a>`, "ROW", []string{`<ROW><x>1</x></ROW>`, `<ROW y="2"/>`}, true},
		{"outermost only", `<a><ROW><ROW><x>1</x></ROW></ROW></a>`, "ROW", []string{`<ROW><ROW><x>1</x></ROW></ROW>`}, true},
		{"prefixed names are other tags", `<a xmlns:p="urn:p"><p:ROW/><ROW/></a>`, "ROW", []string{`<ROW/>`}, true},
		{"none", `<a></a>`, "ROW", nil, true},
		{"malformed keeps earlier records", `<a><ROW>1</ROW><ROW>2</b></ROW></a>`, "ROW", []string{`<ROW>1</ROW>`}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := XMLRecords([]byte(tc.doc), tc.tag)
			if !reflect.DeepEqual(got, tc.want) || ok != tc.ok {
				t.Errorf("XMLRecords = %q, %v; want %q, %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestRenderXMLRow(t *testing.T) {
	f := func(name string, tp types.DataType) types.Field {
		return types.Field{Name: name, Type: tp, Nullable: true}
	}
	st := func(fs ...types.Field) types.Struct { return types.Struct{Fields: fs} }
	arr := func(e types.DataType) types.Array { return types.Array{Elem: e, ContainsNull: true} }
	cases := []struct {
		name string
		st   types.Struct
		tree []any
		want string
	}{
		{"null field left out", st(f("i", types.Int), f("s", types.String)), []any{"2", nil}, "<ROW>\n    <i>2</i>\n</ROW>"},
		{"all null", st(f("i", types.Int), f("st", st(f("a", types.Int)))), []any{nil, nil}, "<ROW/>"},
		{"empty struct and null item", st(f("st", st(f("a", types.Int))), f("ar", arr(types.Int))), []any{[]any{nil}, []any{nil, "1"}},
			"<ROW>\n    <st/>\n    <ar>1</ar>\n</ROW>"},
		{"attributes and value", st(f("_id", types.Int), f("_VALUE", types.String), f("name", types.String)), []any{"1", "v", "t"},
			"<ROW id=\"1\">v\n    <name>t</name>\n</ROW>"},
		{"value only", st(f("_id", types.Int), f("_VALUE", types.String)), []any{"1", "v"}, "<ROW id=\"1\">v</ROW>"},
		{"array of arrays", st(f("a", arr(arr(types.Int)))), []any{[]any{[]any{"1", "2"}, []any{"3"}}},
			"<ROW>\n    <a>\n        <item>1</item>\n        <item>2</item>\n    </a>\n    <a>\n        <item>3</item>\n    </a>\n</ROW>"},
		{"map", st(f("m", types.Map{Key: types.String, Value: types.Int})), []any{[]any{[]any{"k", "1"}}},
			"<ROW>\n    <m>\n        <k>1</k>\n    </m>\n</ROW>"},
		{"escapes", st(f("s", types.String), f("n", types.String)), []any{"x<&>]]>y", "\n"},
			"<ROW>\n    <s>x&lt;&amp;>]]&gt;y</s>\n    <n>\n</n>\n</ROW>"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := RenderXMLRow(tc.tree, tc.st, DefaultXMLOptions(), "ROW", 0); got != tc.want {
				t.Errorf("RenderXMLRow =\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

func TestInferXMLRecord(t *testing.T) {
	o := DefaultXMLOptions()
	cases := []struct{ doc, want string }{
		{`<book id="bk102" lang="en"><author>Ralls</author><price>5</price><publish_date>2000-12-16</publish_date>` +
			`<tags><tag>c</tag><tag>d</tag></tags><extra x="1">text</extra></book>`,
			"struct<_id:string,_lang:string,author:string,extra:struct<_VALUE:string,_x:bigint>,price:bigint,publish_date:date,tags:struct<tag:array<string>>>"},
		{`<r><b>2147483648</b><c>1.5</c><d>true</d><f>2024-01-02T03:04:05</f><g>2024-01-02 03:04:05</g><i>1e3</i>` +
			`<j>99999999999999999999</j><k>NaN</k><l>-0</l><m>+5</m><n>1.0D</n><p>  </p></r>`,
			"struct<b:bigint,c:double,d:boolean,f:timestamp,g:timestamp,i:double,j:double,k:string,l:bigint,m:bigint,n:string,p:string>"},
		{`<ROW>5</ROW>`, "struct<_VALUE:bigint>"},
		{`<ROW><m>1</m><m>2</m><d x="1">t</d><d>u</d></ROW>`, "struct<d:array<struct<_VALUE:string,_x:bigint>>,m:array<bigint>>"},
	}
	for _, tc := range cases {
		st, ok := InferXMLRecord(tc.doc, o)
		if !ok {
			t.Fatalf("InferXMLRecord(%s) failed", tc.doc)
		}
		if got := CanonicalJSONType(st).SimpleString(); got != tc.want {
			t.Errorf("InferXMLRecord(%s) = %s, want %s", tc.doc, got, tc.want)
		}
	}
	if _, ok := InferXMLRecord(`<p><a>2</b></p>`, o); ok {
		t.Errorf("malformed record inferred")
	}
}

func TestXMLRecordJSON(t *testing.T) {
	st := types.Struct{Fields: []types.Field{
		{Name: "price", Type: types.Int, Nullable: true},
		{Name: "author", Type: types.String, Nullable: true},
		{Name: "tags", Type: types.Struct{Fields: []types.Field{{Name: "tag", Type: types.Array{Elem: types.String, ContainsNull: true}, Nullable: true}}}, Nullable: true},
	}}
	cases := []struct {
		name, doc, want string
		status          int
	}{
		// A value that does not convert nulls its field and the fields
		// after it in the document; those before are kept.
		{"partial", `<b><author>A</author><price>44.95</price><tags><tag>a</tag></tags></b>`, `{"price":null,"author":"A","tags":null}`, XMLRecordBadValue},
		{"ok", `<b><price>5</price><tags><tag>c</tag></tags></b>`, `{"price":5,"author":null,"tags":{"tag":["c"]}}`, XMLRecordOK},
		{"empty is null", `<b><price></price><author></author></b>`, `{"price":null,"author":"","tags":null}`, XMLRecordOK},
		{"malformed", `<b><price>1</b>`, ``, XMLRecordMalformed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, status := XMLRecordJSON(tc.doc, st, DefaultXMLOptions())
			if got != tc.want || status != tc.status {
				t.Errorf("XMLRecordJSON = %s (%d), want %s (%d)", got, status, tc.want, tc.status)
			}
		})
	}
}

func TestParseXMLOptions(t *testing.T) {
	o, err := ParseXMLOptions("spark.read.xml", map[string]string{"attributeprefix": "@", "valuetag": "#text", "nullvalue": "NA", "someoption": "x", "locale": "en-US"}, XMLForRead)
	if err != nil {
		t.Fatal(err)
	}
	if o.AttrPrefix != "@" || o.ValueTag != "#text" || o.NullValue == nil || *o.NullValue != "NA" {
		t.Errorf("options = %+v", o)
	}
	back, err := DecodeXMLOptions(o.Encode())
	if err != nil || !reflect.DeepEqual(back, o) {
		t.Errorf("round trip = %+v, %v", back, err)
	}
	// Without the engine's datetime parser (installed by internal/udf),
	// the datetime patterns cannot be read either.
	for _, k := range []string{"timestampformat", "dateformat", "rowvalidationxsdpath", "ignorenamespace"} {
		_, err := ParseXMLOptions("spark.read.xml", map[string]string{k: "yyyy"}, XMLForRead)
		if err == nil || !strings.Contains(err.Error(), k) {
			t.Errorf("option %s: error %v, want one naming it", k, err)
		}
	}
}
