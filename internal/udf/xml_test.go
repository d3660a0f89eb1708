package udf

import (
	"math"
	"strings"
	"testing"

	"github.com/emberdb/ember/internal/functions"
)

// Expected values were computed by Spark 4.2.
func TestXPath(t *testing.T) {
	doc := `<a><b>1</b><b>2</b><c x="q">cc</c></a>`
	tests := []struct {
		path string
		str  string
		num  float64
		b    bool
	}{
		{"a/c", "cc", math.NaN(), true},
		{"a/b", "1", 1, true},
		{"sum(a/b)", "3", 3, true},
		{"a/c/@x", "q", math.NaN(), true},
		{"a/d", "", math.NaN(), false},
		{"count(a/b) = 2", "true", 1, true},
	}
	for _, tc := range tests {
		r, ok, err := evalXPath(doc, tc.path)
		if err != nil || !ok {
			t.Fatalf("%s: %v %v", tc.path, ok, err)
		}
		if got := r.str(); got != tc.str {
			t.Errorf("string(%s) = %q, want %q", tc.path, got, tc.str)
		}
		r, _, _ = evalXPath(doc, tc.path)
		if got := r.number(); got != tc.num && !(math.IsNaN(got) && math.IsNaN(tc.num)) {
			t.Errorf("number(%s) = %v, want %v", tc.path, got, tc.num)
		}
		r, _, _ = evalXPath(doc, tc.path)
		if got := r.boolean(); got != tc.b {
			t.Errorf("boolean(%s) = %v, want %v", tc.path, got, tc.b)
		}
	}
	if _, ok, _ := evalXPath("", "a"); ok {
		t.Error("an empty document is not NULL")
	}
	if _, _, err := evalXPath("<a><b>1</b>", "a/b"); err == nil || !strings.Contains(err.Error(), "Error loading expression 'a/b'") {
		t.Errorf("malformed document: %v", err)
	}
	if _, _, err := evalXPath(doc, "a/b["); err == nil || !strings.Contains(err.Error(), "Invalid XPath") {
		t.Errorf("malformed path: %v", err)
	}
	if got := int16(functions.JavaDoubleToInt(70000)); got != 4464 {
		t.Errorf("short(70000) = %d, want 4464", got)
	}
	if got := functions.JavaDoubleToInt(3e9); got != math.MaxInt32 {
		t.Errorf("int(3e9) = %d", got)
	}
	if !math.IsNaN(xpathParseNumber("1e10")) {
		t.Error("XPath numbers have no exponent")
	}
}
