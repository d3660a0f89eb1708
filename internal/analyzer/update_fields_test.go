package analyzer

import (
	"reflect"
	"testing"
)

func TestSplitFieldPath(t *testing.T) {
	tests := map[string][]string{
		"a":         {"a"},
		"a.b":       {"a", "b"},
		"`a.b`.c":   {"a.b", "c"},
		"`a``b`":    {"a`b"},
		"d.e.f":     {"d", "e", "f"},
		"`x`":       {"x"},
		"a.`b.c.d`": {"a", "b.c.d"},
	}
	for in, want := range tests {
		if got := splitFieldPath(in); !reflect.DeepEqual(got, want) {
			t.Errorf("splitFieldPath(%q) = %q, want %q", in, got, want)
		}
	}
}
