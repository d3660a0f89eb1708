package show

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/emberdb/ember/internal/types"
)

// The goldens under testdata are recorded from Apache Spark by
// testdata/record.py. EMBER_UPDATE_GOLDEN=1 re-records them first, with the
// interpreters named by EMBER_ORACLE_PYTHON (pyspark 4.x with jars, default
// .venv/oracle/bin/python) and EMBER_ORACLE35_PYTHON (pyspark 3.5, default
// .venv/py35/bin/python; skipped when absent).

var recordOnce sync.Once

func maybeRecord(t *testing.T) {
	if os.Getenv("EMBER_UPDATE_GOLDEN") != "1" {
		return
	}
	recordOnce.Do(func() {
		root, err := filepath.Abs("../..")
		if err != nil {
			t.Fatal(err)
		}
		run := func(python string) {
			cmd := exec.Command(python, filepath.Join("testdata", "record.py"))
			cmd.Env = append(os.Environ(), "TZ=UTC")
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%s testdata/record.py: %v\n%s", python, err, out)
			}
			t.Logf("recorded with %s", python)
		}
		py := os.Getenv("EMBER_ORACLE_PYTHON")
		if py == "" {
			py = filepath.Join(root, ".venv", "oracle", "bin", "python")
		}
		run(py)
		py35 := os.Getenv("EMBER_ORACLE35_PYTHON")
		if py35 == "" {
			py35 = filepath.Join(root, ".venv", "py35", "bin", "python")
		}
		if _, err := os.Stat(py35); err == nil {
			run(py35)
		}
	})
}

// goldenCase is one recorded show call and Spark's answer.
type goldenCase struct {
	kind     string // "show" or "html"
	numRows  int
	truncate int
	vertical bool
	tz       string // session time zone, when it differs from the dataset's
	// binaryStyle is the spark.sql.binaryOutputStyle the show ran with.
	binaryStyle string
	want        string
}

func (c goldenCase) String() string {
	s := fmt.Sprintf("show/n=%d/t=%d/v=%v", c.numRows, c.truncate, c.vertical)
	if c.kind == "html" {
		s = fmt.Sprintf("html/n=%d/t=%d", c.numRows, c.truncate)
	}
	if c.tz != "" {
		s += "/tz=" + c.tz
	}
	if c.binaryStyle != "" {
		s += "/binaryOutputStyle=" + c.binaryStyle
	}
	return s
}

var headerRE = regexp.MustCompile(`^### (show|html) numRows=(-?\d+) truncate=(-?\d+)(?: vertical=(true|false))?(?: (tz|binaryOutputStyle)=(\S+))? len=(\d+)$`)

func readGolden(path string) ([]goldenCase, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	r := bufio.NewReader(bytes.NewReader(data))
	var out []goldenCase
	for {
		line, err := r.ReadString('\n')
		if err == io.EOF && line == "" {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		line = strings.TrimSuffix(line, "\n")
		if strings.HasPrefix(line, "# ") {
			continue
		}
		m := headerRE.FindStringSubmatch(line)
		if m == nil {
			return nil, fmt.Errorf("%s: bad header %q", path, line)
		}
		c := goldenCase{kind: m[1], vertical: m[4] == "true"}
		switch m[5] {
		case "tz":
			c.tz = m[6]
		case "binaryOutputStyle":
			c.binaryStyle = m[6]
		}
		c.numRows, _ = strconv.Atoi(m[2])
		c.truncate, _ = strconv.Atoi(m[3])
		n, _ := strconv.Atoi(m[7])
		buf := make([]byte, n+1)
		if _, err := io.ReadFull(r, buf); err != nil || buf[n] != '\n' {
			return nil, fmt.Errorf("%s: short or unterminated body after %q", path, line)
		}
		c.want = string(buf[:n])
		out = append(out, c)
	}
}

// dataset is the Arrow data and Spark schema a golden file was recorded from.
type dataset struct {
	schema types.Struct
	tz     string
	recs   []arrow.RecordBatch
}

func readDataset(t *testing.T, path string) dataset {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rd, err := ipc.NewFileReader(f)
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	md := rd.Schema().Metadata()
	js, ok := md.GetValue("spark.schema")
	if !ok {
		t.Fatalf("%s: no spark.schema metadata", path)
	}
	st, err := parseSchemaJSON(js)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	tz, _ := md.GetValue("spark.timeZone")
	ds := dataset{schema: st, tz: tz}
	for i := 0; i < rd.NumRecords(); i++ {
		rec, err := rd.RecordBatchAt(i)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(rec.Release)
		ds.recs = append(ds.recs, rec)
	}
	if len(st.Fields) == 0 {
		// Arrow batches without columns lose their row count on the wire;
		// the recorder keeps it in the metadata.
		n, _ := md.GetValue("spark.numRows")
		rows, err := strconv.Atoi(n)
		if err != nil {
			t.Fatalf("%s: bad spark.numRows %q", path, n)
		}
		ds.recs = []arrow.RecordBatch{array.NewRecordBatch(rd.Schema(), nil, int64(rows))}
	}
	return ds
}

// parseSchemaJSON reads Spark's StructType.json() form.
func parseSchemaJSON(s string) (types.Struct, error) {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return types.Struct{}, err
	}
	dt, err := jsonType(v)
	if err != nil {
		return types.Struct{}, err
	}
	st, ok := dt.(types.Struct)
	if !ok {
		return types.Struct{}, fmt.Errorf("schema is not a struct")
	}
	return st, nil
}

var (
	decimalRE  = regexp.MustCompile(`^decimal\((\d+),\s*(\d+)\)$`)
	intervalRE = regexp.MustCompile(`^interval (day|hour|minute|second|year|month)(?: to (day|hour|minute|second|year|month))?$`)
)

func jsonType(v any) (types.DataType, error) {
	switch x := v.(type) {
	case string:
		switch x {
		case "void":
			return types.Null, nil
		case "boolean":
			return types.Boolean, nil
		case "byte":
			return types.Byte, nil
		case "short":
			return types.Short, nil
		case "integer":
			return types.Int, nil
		case "long":
			return types.Long, nil
		case "float":
			return types.Float, nil
		case "double":
			return types.Double, nil
		case "string":
			return types.String, nil
		case "binary":
			return types.Binary, nil
		case "date":
			return types.Date, nil
		case "timestamp":
			return types.Timestamp, nil
		case "timestamp_ntz":
			return types.TimestampNTZ, nil
		case "interval":
			return types.CalendarInterval, nil
		case "variant":
			return types.Variant, nil
		}
		if m := decimalRE.FindStringSubmatch(x); m != nil {
			p, _ := strconv.Atoi(m[1])
			s, _ := strconv.Atoi(m[2])
			return types.Decimal{Precision: p, Scale: s}, nil
		}
		if m := intervalRE.FindStringSubmatch(x); m != nil {
			field := map[string]int{"day": 0, "hour": 1, "minute": 2, "second": 3, "year": 0, "month": 1}
			start := field[m[1]]
			end := start
			if m[2] != "" {
				end = field[m[2]]
			}
			if m[1] == "year" || m[1] == "month" {
				return types.YearMonthInterval{Start: start, End: end}, nil
			}
			return types.DayTimeInterval{Start: start, End: end}, nil
		}
		return nil, fmt.Errorf("unknown type %q", x)
	case map[string]any:
		switch x["type"] {
		case "array":
			e, err := jsonType(x["elementType"])
			if err != nil {
				return nil, err
			}
			cn, _ := x["containsNull"].(bool)
			return types.Array{Elem: e, ContainsNull: cn}, nil
		case "map":
			k, err := jsonType(x["keyType"])
			if err != nil {
				return nil, err
			}
			val, err := jsonType(x["valueType"])
			if err != nil {
				return nil, err
			}
			vn, _ := x["valueContainsNull"].(bool)
			return types.Map{Key: k, Value: val, ValueContainsNull: vn}, nil
		case "struct":
			fs, _ := x["fields"].([]any)
			out := types.Struct{Fields: []types.Field{}}
			for _, f := range fs {
				fm, _ := f.(map[string]any)
				ft, err := jsonType(fm["type"])
				if err != nil {
					return nil, err
				}
				name, _ := fm["name"].(string)
				nullable, _ := fm["nullable"].(bool)
				out.Fields = append(out.Fields, types.Field{Name: name, Type: ft, Nullable: nullable})
			}
			return out, nil
		}
	}
	return nil, fmt.Errorf("unknown type %v", v)
}

// limitRows keeps the first n rows of the records, as a caller passing
// NumRows+1 rows would.
func limitRows(recs []arrow.RecordBatch, n int) []arrow.RecordBatch {
	var out []arrow.RecordBatch
	for _, r := range recs {
		if n <= 0 {
			break
		}
		if int(r.NumRows()) > n {
			r = r.NewSlice(0, int64(n)) // Go-allocated memory: no release needed
		}
		out = append(out, r)
		n -= int(r.NumRows())
	}
	return out
}

// splitRows cuts the records into one-row batches.
func splitRows(recs []arrow.RecordBatch) []arrow.RecordBatch {
	var out []arrow.RecordBatch
	for _, r := range recs {
		for i := int64(0); i < r.NumRows(); i++ {
			out = append(out, r.NewSlice(i, i+1))
		}
	}
	return out
}

// untyped drops the Spark types so that they are inferred from Arrow.
func untyped(st types.Struct) types.Struct {
	out := types.Struct{Fields: make([]types.Field, len(st.Fields))}
	for i, f := range st.Fields {
		out.Fields[i] = types.Field{Name: f.Name}
	}
	return out
}

// recodeStrings rebuilds top-level string columns with another Arrow
// string layout (large, view or dictionary-encoded).
func recodeStrings(t *testing.T, recs []arrow.RecordBatch, layout string) []arrow.RecordBatch {
	mem := memory.NewGoAllocator()
	var out []arrow.RecordBatch
	for _, r := range recs {
		cols := make([]arrow.Array, r.NumCols())
		fields := make([]arrow.Field, r.NumCols())
		for c := range cols {
			col, fld := r.Column(c), r.Schema().Field(c)
			sa, ok := col.(*array.String)
			if !ok {
				cols[c], fields[c] = col, fld
				continue
			}
			var b array.Builder
			switch layout {
			case "large":
				b = array.NewLargeStringBuilder(mem)
			case "view":
				b = array.NewStringViewBuilder(mem)
			case "dict":
				b = array.NewDictionaryBuilder(mem, &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String})
			}
			for i := 0; i < sa.Len(); i++ {
				if sa.IsNull(i) {
					b.AppendNull()
					continue
				}
				var err error
				switch bb := b.(type) {
				case *array.LargeStringBuilder:
					bb.Append(sa.Value(i))
				case *array.StringViewBuilder:
					bb.Append(sa.Value(i))
				case *array.BinaryDictionaryBuilder:
					err = bb.AppendString(sa.Value(i))
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			cols[c] = b.NewArray()
			fields[c] = arrow.Field{Name: fld.Name, Type: cols[c].DataType(), Nullable: true}
		}
		out = append(out, array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, r.NumRows()))
	}
	return out
}

// inputShape is one way a caller may hand the same rows to the formatter.
type inputShape struct {
	name   string
	schema func(types.Struct) types.Struct
	recs   func(t *testing.T, recs []arrow.RecordBatch, numRows int) []arrow.RecordBatch
	// only limits the shape to some datasets (nil: all).
	only func(dataset string) bool
}

var inputShapes = []inputShape{
	{name: "limited", recs: func(_ *testing.T, r []arrow.RecordBatch, n int) []arrow.RecordBatch { return limitRows(r, max(n, 0)+1) }},
	{name: "all", recs: func(_ *testing.T, r []arrow.RecordBatch, _ int) []arrow.RecordBatch { return r }},
	{name: "split", recs: func(_ *testing.T, r []arrow.RecordBatch, _ int) []arrow.RecordBatch { return splitRows(r) }},
	{
		name:   "untyped",
		schema: untyped,
		recs:   func(_ *testing.T, r []arrow.RecordBatch, _ int) []arrow.RecordBatch { return r },
		// Arrow cannot tell the interval fields apart.
		only: func(ds string) bool { return !strings.HasPrefix(ds, "intervals_") },
	},
	{
		name: "large", only: func(ds string) bool { return ds == "strings" || ds == "html" },
		recs: func(t *testing.T, r []arrow.RecordBatch, _ int) []arrow.RecordBatch {
			return recodeStrings(t, r, "large")
		},
	},
	{
		name: "view", only: func(ds string) bool { return ds == "strings" || ds == "html" },
		recs: func(t *testing.T, r []arrow.RecordBatch, _ int) []arrow.RecordBatch {
			return recodeStrings(t, r, "view")
		},
	},
	{
		name: "dict", only: func(ds string) bool { return ds == "strings" || ds == "html" },
		recs: func(t *testing.T, r []arrow.RecordBatch, _ int) []arrow.RecordBatch {
			return recodeStrings(t, r, "dict")
		},
	},
}

// TestGolden formats every recorded dataset and compares with Spark's text.
// Spark 4.2 goldens (<name>.golden) use the default options; Spark 3.5
// goldens (<name>.spark35.golden) use FooterNewline. Each case runs with the
// rows handed over in several shapes (see inputShapes).
func TestGolden(t *testing.T) {
	maybeRecord(t)
	files, err := filepath.Glob(filepath.Join("testdata", "*.arrow"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no datasets in testdata: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".arrow")
		t.Run(name, func(t *testing.T) {
			ds := readDataset(t, file)
			versions := []struct {
				suffix string
				opt    Options
			}{
				{".golden", Options{}},
				{".spark35.golden", Options{FooterNewline: true}},
			}
			for _, v := range versions {
				path := filepath.Join("testdata", name+v.suffix)
				if _, err := os.Stat(path); err != nil && v.suffix != ".golden" {
					continue
				}
				cases, err := readGolden(path)
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range cases {
					for _, shape := range inputShapes {
						if shape.only != nil && !shape.only(name) {
							continue
						}
						t.Run(strings.TrimPrefix(v.suffix, ".")+"/"+c.String()+"/"+shape.name, func(t *testing.T) {
							opt := v.opt
							opt.NumRows, opt.Truncate, opt.Vertical, opt.TimeZone = c.numRows, c.truncate, c.vertical, ds.tz
							if c.tz != "" {
								opt.TimeZone = c.tz
							}
							opt.BinaryOutputStyle = c.binaryStyle
							schema := ds.schema
							if shape.schema != nil {
								schema = shape.schema(schema)
							}
							recs := shape.recs(t, ds.recs, c.numRows)
							var got string
							var err error
							if c.kind == "html" {
								got, err = HTMLString(schema, recs, opt)
							} else {
								got, err = ShowString(schema, recs, opt)
							}
							if err != nil {
								t.Fatal(err)
							}
							if got != c.want {
								t.Errorf("mismatch\n--- got\n%s\n--- want (Spark)\n%s\n--- got %q\n--- want %q", got, c.want, got, c.want)
							}
						})
					}
				}
			}
		})
	}
}
