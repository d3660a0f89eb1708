package analyzer

import (
	"errors"
	"testing"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// TestUnresolvedSuggestionOrder: candidates equally far from the missing
// name are listed by name (Java order: upper case first), then by id,
// whatever their column order; only the five closest are kept.
func TestUnresolvedSuggestionOrder(t *testing.T) {
	attrs := func(names ...string) []logical.Attr {
		out := make([]logical.Attr, len(names))
		for i, n := range names {
			out[i] = logical.Attr{ID: int64(100 - i), Name: n, Type: types.Int, Qualifier: []string{"t"}}
		}
		return out
	}
	cases := []struct {
		name    string
		missing []string
		cols    []string
		want    string
	}{
		{"ties by name", []string{"nope"}, []string{"k", "a", "b"}, "`a`, `b`, `k`"},
		{"upper case first", []string{"x"}, []string{"c", "B", "a"}, "`B`, `a`, `c`"},
		{"distance first, five kept", []string{"bet"},
			[]string{"zeta", "alpha", "mid", "beta", "omega", "gamma", "Beta2"}, "`beta`, `zeta`, `Beta2`, `mid`, `omega`"},
		{"qualified", []string{"t", "x"}, []string{"c", "B"}, "`t`.`B`, `t`.`c`"},
		{"same name by id", []string{"q"}, []string{"id", "id"}, "`id`, `id`"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := (&Analyzer{}).unresolved(c.missing, &scope{attrs: attrs(c.cols...)})
			var se *sparkerr.Error
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a Spark error", err)
			}
			if got := se.Params["proposal"]; got != c.want {
				t.Errorf("proposal = %s, want %s", got, c.want)
			}
		})
	}
}

func TestJavaCompare(t *testing.T) {
	cases := []struct {
		a, b string
		sign int
	}{
		{"B", "a", -1},
		{"a", "ab", -1},
		{"ab", "ab", 0},
		// U+FF5E (one UTF-16 unit) sorts after U+1F600 (a surrogate pair
		// starting 0xD83D) in Java, before it in UTF-8 byte order.
		{"\uff5e", "\U0001F600", 1},
	}
	for _, c := range cases {
		got := javaCompare(c.a, c.b)
		if (got < 0 && c.sign >= 0) || (got > 0 && c.sign <= 0) || (got == 0 && c.sign != 0) {
			t.Errorf("javaCompare(%q, %q) = %d, want sign %d", c.a, c.b, got, c.sign)
		}
	}
}
