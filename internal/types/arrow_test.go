package types

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// describe renders an Arrow type with everything Spark and PySpark care
// about: child names, nullability, time zones and field metadata (JSON
// metadata values are canonicalised).
func describe(dt arrow.DataType) string {
	switch x := dt.(type) {
	case *arrow.MapType:
		return "map<" + describeField(x.ElemField()) + ">"
	case *arrow.ListType:
		return "list<" + describeField(x.ElemField()) + ">"
	case *arrow.LargeListType:
		return "large_list<" + describeField(x.ElemField()) + ">"
	case *arrow.StructType:
		parts := make([]string, x.NumFields())
		for i, f := range x.Fields() {
			parts[i] = describeField(f)
		}
		return "struct<" + strings.Join(parts, ", ") + ">"
	}
	return dt.String()
}

func describeField(f arrow.Field) string {
	s := f.Name + ": " + describe(f.Type)
	if !f.Nullable {
		s += " not null"
	}
	if f.Metadata.Len() > 0 {
		kv := make([]string, f.Metadata.Len())
		for i, k := range f.Metadata.Keys() {
			v := f.Metadata.Values()[i]
			if k == ArrowMetadataKey {
				var any any
				if json.Unmarshal([]byte(v), &any) == nil {
					b, _ := json.Marshal(any)
					v = string(b)
				}
			}
			kv[i] = k + "=" + v
		}
		sort.Strings(kv)
		s += " {" + strings.Join(kv, ",") + "}"
	}
	return s
}

func describeSchema(s *arrow.Schema) string {
	parts := make([]string, s.NumFields())
	for i, f := range s.Fields() {
		parts[i] = describeField(f)
	}
	return strings.Join(parts, "; ")
}

func TestToArrow(t *testing.T) {
	tests := []struct {
		in      DataType
		tz      string
		want    string
		wantErr string
	}{
		{Null, "", "null", ""},
		{Boolean, "", "bool", ""},
		{Byte, "", "int8", ""},
		{Short, "", "int16", ""},
		{Int, "", "int32", ""},
		{Long, "", "int64", ""},
		{Float, "", "float32", ""},
		{Double, "", "float64", ""},
		{Decimal{38, 10}, "", "decimal(38, 10)", ""},
		{String, "", "utf8", ""},
		{Char{4}, "", "utf8", ""},
		{Varchar{4}, "", "utf8", ""},
		{Binary, "", "binary", ""},
		{Date, "", "date32", ""},
		{Timestamp, "Europe/Paris", "timestamp[us, tz=Europe/Paris]", ""},
		{Timestamp, "", "", "time zone is required"},
		{TimestampNTZ, "", "timestamp[us]", ""},
		{TimestampNTZ, "UTC", "timestamp[us]", ""},
		{DayTimeInterval{1, 2}, "", "duration[us]", ""},
		{YearMonthInterval{0, 1}, "", "month_interval", ""},
		{CalendarInterval, "", "month_day_nano_interval", ""},
		{Variant, "", "struct<value: binary not null, metadata: binary not null {variant=true}>", ""},
		{Array{Int, true}, "", "list<element: int32>", ""},
		{Array{Array{String, false}, false}, "", "list<element: list<element: utf8 not null> not null>", ""},
		{Map{String, Long, true}, "", "map<entries: struct<key: utf8 not null, value: int64> not null>", ""},
		{Map{Int, Array{Double, true}, false}, "", "map<entries: struct<key: int32 not null, value: list<element: float64> not null> not null>", ""},
		{Struct{Fields: []Field{
			{Name: "a", Type: Int, Nullable: true, Metadata: `{"x": 1}`},
			{Name: "b", Type: Timestamp, Nullable: false},
		}}, "UTC", `struct<a: int32 {SPARK::metadata::json={"x":1}}, b: timestamp[us, tz=UTC] not null>`, ""},
		{Struct{Fields: []Field{
			{Name: "a", Type: Int, Nullable: true},
			{Name: "b", Type: Int, Nullable: true},
			{Name: "a", Type: Struct{Fields: []Field{{Name: "x", Type: Int, Nullable: true}, {Name: "x", Type: Long, Nullable: true}}}, Nullable: true},
			{Name: "a", Type: Int, Nullable: true},
		}}, "", "struct<a_0: int32, b: int32, a_1: struct<x_0: int32, x_1: int64>, a_2: int32>", ""},
		{Array{Timestamp, true}, "", "", "time zone is required"},
		{Unparsed{"int"}, "", "", "unparsed"},
		{Decimal{40, 0}, "", "", "precision"},
	}
	for _, tt := range tests {
		t.Run(simpleStringOf(tt.in), func(t *testing.T) {
			got, err := ToArrow(tt.in, tt.tz)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d := describe(got); d != tt.want {
				t.Errorf("ToArrow = %s, want %s", d, tt.want)
			}
		})
	}
}

func TestArrowSchema(t *testing.T) {
	s := Struct{Fields: []Field{
		{Name: "x", Type: Int, Nullable: false},
		{Name: "x", Type: Struct{Fields: []Field{{Name: "y", Type: Int, Nullable: true}, {Name: "y", Type: Int, Nullable: true}}}, Nullable: true, Metadata: `{"m":"n"}`},
	}}
	got, err := ArrowSchema(s, "UTC")
	if err != nil {
		t.Fatal(err)
	}
	// Top-level duplicates stay; nested ones are renamed.
	want := `x: int32 not null; x: struct<y_0: int32, y_1: int32> {SPARK::metadata::json={"m":"n"}}`
	if d := describeSchema(got); d != want {
		t.Errorf("ArrowSchema = %s\nwant %s", d, want)
	}
	if _, err := ArrowSchema(Struct{Fields: []Field{{Name: "t", Type: Timestamp}}}, ""); err == nil || !strings.Contains(err.Error(), `"t"`) {
		t.Errorf("err = %v, want one naming field t", err)
	}
}

func readSchemaBytes(t *testing.T, b64 string) *arrow.Schema {
	t.Helper()
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	r, err := ipc.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("read IPC schema: %v", err)
	}
	defer r.Release()
	return r.Schema()
}

// afterArrow is what a type becomes after a trip through Arrow: interval
// fields are not carried, UDTs are their SQL types already.
func afterArrow(t DataType) DataType {
	switch x := t.(type) {
	case DayTimeInterval:
		return DefaultDayTimeInterval
	case YearMonthInterval:
		return DefaultYearMonthInterval
	case Array:
		return Array{afterArrow(x.Elem), x.ContainsNull}
	case Map:
		return Map{afterArrow(x.Key), afterArrow(x.Value), x.ValueContainsNull}
	case Struct:
		fs := make([]Field, len(x.Fields))
		for i, f := range x.Fields {
			fs[i] = f
			fs[i].Type = afterArrow(f.Type)
		}
		return Struct{Fields: fs}
	}
	return t
}

// stripMetadata drops field metadata (PySpark 3.5 does not put it into
// Arrow).
func stripMetadata(t DataType) DataType {
	switch x := t.(type) {
	case Array:
		return Array{stripMetadata(x.Elem), x.ContainsNull}
	case Map:
		return Map{stripMetadata(x.Key), stripMetadata(x.Value), x.ValueContainsNull}
	case Struct:
		fs := make([]Field, len(x.Fields))
		for i, f := range x.Fields {
			fs[i] = Field{Name: f.Name, Type: stripMetadata(f.Type), Nullable: f.Nullable}
		}
		return Struct{Fields: fs}
	}
	return t
}

// TestArrowPySparkFixtures checks ArrowSchema against the schema PySpark's
// to_arrow_schema builds (which mirrors Spark's ArrowUtils), and FromArrow
// against it in reverse.
func TestArrowPySparkFixtures(t *testing.T) {
	for _, file := range []string{"pyspark4_types.json", "pyspark35_types.json"} {
		v35 := strings.Contains(file, "35")
		for name, fx := range loadFixtures(t, file) {
			typ := fixtureTypes[name]
			var b64 string
			var schema Struct
			if st, ok := typ.(Struct); ok {
				b64, schema = fx.Arrow, st
			} else {
				b64, schema = fx.ArrowColumn, Struct{Fields: []Field{{Name: "c", Type: typ, Nullable: true}}}
			}
			if b64 == "" {
				continue // a type PySpark cannot put into Arrow
			}
			t.Run(file+"/"+name, func(t *testing.T) {
				py := readSchemaBytes(t, b64)
				if v35 {
					schema = stripMetadata(schema).(Struct)
				}
				ours, err := ArrowSchema(schema, "UTC")
				if err != nil {
					t.Fatal(err)
				}
				if g, w := describeSchema(ours), describeSchema(py); g != w {
					t.Errorf("ArrowSchema:\n got %s\nwant %s", g, w)
				}
				back, err := FromArrowSchema(py)
				if err != nil {
					t.Fatal(err)
				}
				want := afterArrow(schema)
				if !equalWithMetadata(back, want) {
					t.Errorf("FromArrowSchema = %#v\nwant %#v", back, want)
				}
			})
		}
	}
}

func TestFromArrow(t *testing.T) {
	tests := []struct {
		in      arrow.DataType
		want    DataType
		wantErr string
	}{
		{arrow.Null, Null, ""},
		{arrow.FixedWidthTypes.Boolean, Boolean, ""},
		{arrow.PrimitiveTypes.Int8, Byte, ""},
		{arrow.PrimitiveTypes.Uint8, Short, ""},
		{arrow.PrimitiveTypes.Uint16, Int, ""},
		{arrow.PrimitiveTypes.Uint32, Long, ""},
		{arrow.PrimitiveTypes.Uint64, Decimal{20, 0}, ""},
		{arrow.FixedWidthTypes.Float16, Float, ""},
		{&arrow.Decimal256Type{Precision: 30, Scale: 2}, Decimal{30, 2}, ""},
		{&arrow.Decimal256Type{Precision: 60, Scale: 2}, nil, "precision"},
		{&arrow.Decimal64Type{Precision: 18, Scale: 3}, Decimal{18, 3}, ""},
		{arrow.BinaryTypes.LargeString, String, ""},
		{arrow.BinaryTypes.StringView, String, ""},
		{arrow.BinaryTypes.LargeBinary, Binary, ""},
		{&arrow.FixedSizeBinaryType{ByteWidth: 16}, Binary, ""},
		{arrow.FixedWidthTypes.Date64, Date, ""},
		{&arrow.TimestampType{Unit: arrow.Nanosecond, TimeZone: "UTC"}, Timestamp, ""},
		{&arrow.TimestampType{Unit: arrow.Second}, TimestampNTZ, ""},
		{arrow.FixedWidthTypes.Duration_ns, DayTimeInterval{0, 3}, ""},
		{arrow.FixedWidthTypes.MonthInterval, YearMonthInterval{0, 1}, ""},
		{arrow.FixedWidthTypes.MonthDayNanoInterval, CalendarInterval, ""},
		{arrow.LargeListOf(arrow.PrimitiveTypes.Int32), Array{Int, true}, ""},
		{arrow.FixedSizeListOfNonNullable(3, arrow.PrimitiveTypes.Float64), Array{Double, false}, ""},
		{arrow.ListViewOf(arrow.BinaryTypes.String), Array{String, true}, ""},
		{arrow.MapOf(arrow.BinaryTypes.String, arrow.PrimitiveTypes.Int64), Map{String, Long, true}, ""},
		{&arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int8, ValueType: arrow.BinaryTypes.String}, String, ""},
		{variantArrowType(), Variant, ""},
		{arrow.StructOf(arrow.Field{Name: "value", Type: arrow.BinaryTypes.Binary}, arrow.Field{Name: "metadata", Type: arrow.BinaryTypes.Binary}),
			Struct{Fields: []Field{{Name: "value", Type: Binary}, {Name: "metadata", Type: Binary}}}, ""},
		{arrow.FixedWidthTypes.Time64us, nil, "unsupported"},
		{arrow.FixedWidthTypes.DayTimeInterval, nil, "unsupported"},
		{arrow.ListOf(arrow.FixedWidthTypes.Time32ms), nil, "list element"},
	}
	for _, tt := range tests {
		t.Run(tt.in.String(), func(t *testing.T) {
			got, err := FromArrow(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !Equal(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestFromArrowFieldLegacyVariant(t *testing.T) {
	f := arrow.Field{
		Name: "v",
		Type: arrow.StructOf(
			arrow.Field{Name: "value", Type: arrow.BinaryTypes.Binary},
			arrow.Field{Name: "metadata", Type: arrow.BinaryTypes.Binary},
		),
		Nullable: true,
		Metadata: arrow.NewMetadata([]string{"variant"}, []string{"true"}),
	}
	got, err := FromArrowField(f)
	if err != nil {
		t.Fatal(err)
	}
	if got.Type != Variant || got.Name != "v" || !got.Nullable {
		t.Errorf("got %#v", got)
	}
}

// TestCreateDataFrameFixture reads the Arrow stream PySpark 4 builds for
// createDataFrame (testdata/pyspark4_create_dataframe.json, with and
// without large var types) and conforms it to the declared schema.
func TestCreateDataFrameFixture(t *testing.T) {
	raw, err := os.ReadFile("testdata/pyspark4_create_dataframe.json")
	if err != nil {
		t.Fatal(err)
	}
	var fx map[string]struct {
		SchemaJSON string `json:"schema_json"`
		IPC        string `json:"ipc"`
	}
	if err := json.Unmarshal(raw, &fx); err != nil {
		t.Fatal(err)
	}
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)

	var conformed []arrow.RecordBatch
	defer func() {
		for _, r := range conformed {
			r.Release()
		}
	}()
	for _, variant := range []string{"normal", "large"} {
		t.Run(variant, func(t *testing.T) {
			f := fx[variant]
			dt, err := ParseJSON(f.SchemaJSON)
			if err != nil {
				t.Fatal(err)
			}
			schema := dt.(Struct)
			data, _ := base64.StdEncoding.DecodeString(f.IPC)
			r, err := ipc.NewReader(bytes.NewReader(data), ipc.WithAllocator(mem))
			if err != nil {
				t.Fatal(err)
			}
			defer r.Release()
			fromArrow, err := FromArrowSchema(r.Schema())
			if err != nil {
				t.Fatal(err)
			}
			if !Equal(fromArrow, schema) {
				t.Errorf("FromArrowSchema = %s, want %s", fromArrow.SimpleString(), schema.SimpleString())
			}
			if !r.Next() {
				t.Fatalf("no batch: %v", r.Err())
			}
			rec := r.RecordBatch()
			out, err := ConformRecord(rec, schema, "America/New_York", mem)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := ArrowSchema(schema, "America/New_York")
			if g, w := describeSchema(out.Schema()), describeSchema(want); g != w {
				t.Errorf("schema:\n got %s\nwant %s", g, w)
			}
			if variant == "normal" {
				// Same layouts: every buffer is shared.
				for i := 0; i < int(rec.NumCols()); i++ {
					if !sameBuffers(rec.Column(i).Data(), out.Column(i).Data()) {
						t.Errorf("column %d was copied", i)
					}
				}
			}
			conformed = append(conformed, out)
		})
	}
	if len(conformed) == 2 {
		for i := 0; i < int(conformed[0].NumCols()); i++ {
			a, b := conformed[0].Column(i), conformed[1].Column(i)
			if !arrayEqualStrict(a, b) {
				t.Errorf("column %d differs between normal and large input:\n%v\n%v", i, a, b)
			}
		}
	}
}

func sameBuffers(a, b arrow.ArrayData) bool {
	if len(a.Buffers()) != len(b.Buffers()) || len(a.Children()) != len(b.Children()) {
		return false
	}
	for i := range a.Buffers() {
		if a.Buffers()[i] != b.Buffers()[i] {
			return false
		}
	}
	for i := range a.Children() {
		if !sameBuffers(a.Children()[i], b.Children()[i]) {
			return false
		}
	}
	return true
}
