package udf

import (
	"database/sql/driver"
	"strings"
	"testing"
	"time"

	"github.com/emberdb/ember/internal/variant"
)

func TestVariantFromTyped(t *testing.T) {
	tests := []struct{ in, json string }{
		{`{"z":"long:1","a":"string:x","n":null}`, `{"a":"x","n":null,"z":1}`},
		{`["decimal:1.50","double:2.5","float:1.1","boolean:true"]`, `[1.5,2.5,1.1,true]`},
		{`{"t":"string:1","v":["date:19723","binary:AQI="]}`, `{"t":"1","v":["2024-01-01","AQI="]}`},
		{`"timestamp_ntz:1704067200000000"`, `"2024-01-01 00:00:00"`},
	}
	for _, tt := range tests {
		v, m, err := variantFromTyped(tt.in)
		if err != nil {
			t.Fatalf("%s: %v", tt.in, err)
		}
		got, err := variant.ToJSON(variant.New(v, m), time.UTC)
		if err != nil || got != tt.json {
			t.Errorf("%s: got %q, %v; want %q", tt.in, got, err, tt.json)
		}
	}
}

func TestVariantGet(t *testing.T) {
	v, m, err := variant.ParseJSON(`{"a":{"b":[1,"x"]}}`)
	if err != nil {
		t.Fatal(err)
	}
	arg := map[string]any{"value": v, "metadata": m}
	tests := []struct {
		kind, path, target string
		fail               bool
		want               any
		wantErr            string
	}{
		{"long", "$.a.b[0]", "BIGINT", true, int64(1), ""},
		{"string", "$.a", "STRING", true, `{"b":[1,"x"]}`, ""},
		{"int", "$.a.b[1]", "INT", false, nil, ""},
		{"int", "$.a.b[1]", "INT", true, nil, "INVALID_VARIANT_CAST"},
		{"int", "$.zz", "INT", true, nil, ""},
		{"int", "x", "INT", true, nil, "INVALID_VARIANT_GET_PATH"},
	}
	for _, tt := range tests {
		got, err := variantGet(tt.kind, []driver.Value{arg, tt.path, tt.target, tt.fail, "UTC", "variant_get"})
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s %s: err %v, want %s", tt.path, tt.target, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s %s: got %v, %v; want %v", tt.path, tt.target, got, err, tt.want)
		}
	}
}
