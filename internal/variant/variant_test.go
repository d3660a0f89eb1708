package variant

import (
	"encoding/hex"
	"testing"
	"time"

	"github.com/emberdb/ember/internal/types"
)

func TestParseJSON(t *testing.T) {
	tests := []struct {
		in, value, meta, json, schema string
	}{
		{`{"a":1}`, "02010000020c01", "0101000161", `{"a":1}`, "OBJECT<a: BIGINT>"},
		{`1`, "0c01", "010000", `1`, "BIGINT"},
		{`300`, "102c01", "010000", `300`, "BIGINT"},
		{`null`, "00", "010000", `null`, "VOID"},
		{`true`, "04", "010000", `true`, "BOOLEAN"},
		{`"hi"`, "096869", "010000", `"hi"`, "STRING"},
		{`1.50`, "200296000000", "010000", `1.5`, "DECIMAL(2,1)"},
		{`1e2`, "1c0000000000005940", "010000", `100.0`, "DOUBLE"},
		{`[1,"a"]`, "0302000204 0c01 0561", "010000", `[1,"a"]`, "ARRAY<VARIANT>"},
		{`{"b":{"c":1},"a":2}`, "", "", `{"a":2,"b":{"c":1}}`, "OBJECT<a: BIGINT, b: OBJECT<c: BIGINT>>"},
		{`[1, 2.5]`, "", "", `[1,2.5]`, "ARRAY<DECIMAL(21,1)>"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			v, m, err := ParseJSON(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if want := removeSpaces(tt.value); want != "" && hex.EncodeToString(v) != want {
				t.Errorf("value = %x, want %s", v, want)
			}
			if tt.meta != "" && hex.EncodeToString(m) != tt.meta {
				t.Errorf("meta = %x, want %s", m, tt.meta)
			}
			if !Validate(v, m) {
				t.Errorf("Validate = false")
			}
			j, err := ToJSON(New(v, m), time.UTC)
			if err != nil || j != tt.json {
				t.Errorf("ToJSON = %q, %v, want %q", j, err, tt.json)
			}
			s, err := SchemaOf(New(v, m))
			if err != nil || SchemaString(s) != tt.schema {
				t.Errorf("schema = %v, %v, want %q", s, err, tt.schema)
			}
		})
	}
}

func removeSpaces(s string) string {
	out := []byte{}
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' {
			out = append(out, s[i])
		}
	}
	return string(out)
}

func TestParseJSONErrors(t *testing.T) {
	for _, in := range []string{`{a:1}`, ``, `{"a":1,"a":2}`, `[1,`, `01`, `1x`} {
		if _, _, err := ParseJSON(in); err == nil {
			t.Errorf("ParseJSON(%q) succeeded", in)
		}
	}
}

func TestGetCast(t *testing.T) {
	tests := []struct {
		json, path string
		to         types.DataType
		want       any
		ok         bool
	}{
		{`{"a":1}`, "$.a", types.Int, int32(1), true},
		{`{"a":1}`, "$.b", types.Int, nil, true},
		{`{"a":"12"}`, "$['a']", types.Long, int64(12), true},
		{`{"a":"x"}`, "$.a", types.Int, nil, false},
		{`[1,2,{"x":[3]}]`, "$[2].x[0]", types.Double, float64(3), true},
		{`{"a":1.25}`, "$.a", types.Decimal{Precision: 5, Scale: 1}, "1.3", true},
		{`{"a":{"b":1}}`, "$.a", types.String, `{"b":1}`, true},
		{`{"a":1.9}`, "$.a", types.Int, int32(1), true},
		{`{"a":300}`, "$.a", types.Byte, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.json+tt.path, func(t *testing.T) {
			v, m, err := ParseJSON(tt.json)
			if err != nil {
				t.Fatal(err)
			}
			p, ok := ParsePath(tt.path)
			if !ok {
				t.Fatal("bad path")
			}
			sub, found, err := Navigate(New(v, m), p)
			if err != nil {
				t.Fatal(err)
			}
			if !found {
				if tt.want != nil {
					t.Fatalf("not found")
				}
				return
			}
			got, ok, err := Cast(sub, tt.to, time.UTC)
			if err != nil || ok != tt.ok || got != tt.want {
				t.Errorf("Cast = %v, %v, %v; want %v, %v", got, ok, err, tt.want, tt.ok)
			}
		})
	}
}

func TestParsePath(t *testing.T) {
	for _, p := range []string{"$", "$.a", "$['a b']", `$["a"]`, "$[0]", "$.a[1].b"} {
		if _, ok := ParsePath(p); !ok {
			t.Errorf("ParsePath(%q) failed", p)
		}
	}
	for _, p := range []string{"", "a", "$.", "$[a]", "$['a]", "$[-1]"} {
		if _, ok := ParsePath(p); ok {
			t.Errorf("ParsePath(%q) succeeded", p)
		}
	}
}
