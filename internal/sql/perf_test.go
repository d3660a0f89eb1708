package sql

import (
	"strings"
	"testing"
	"time"
)

// TestNoExponentialBacktracking guards the speculative parses against
// nesting blow-ups.
func TestNoExponentialBacktracking(t *testing.T) {
	depth := 30
	if testing.Short() {
		depth = 10
	}
	inputs := []string{
		strings.Repeat("(", depth) + "SELECT",
		"SELECT " + strings.Repeat("(", depth) + "SELECT 1",
		"SELECT " + strings.Repeat("(", depth) + "1",
		"SELECT " + strings.Repeat("cast(", depth) + "1",
		"SELECT " + strings.Repeat("trim(", depth) + "1",
		"SELECT " + strings.Repeat("substr(", depth) + "1",
		"SELECT " + strings.Repeat("position(", depth) + "1",
		"SELECT * FROM " + strings.Repeat("(", depth) + "SELECT",
		"SELECT * FROM " + strings.Repeat("(", depth) + "t",
		"SELECT " + strings.Repeat("exists(", depth) + "1",
		"SELECT a FROM t GROUP BY " + strings.Repeat("(", depth) + "a",
		"SELECT " + strings.Repeat("array<", depth),
		"SELECT cast(a AS " + strings.Repeat("array<", depth),
	}
	for _, in := range inputs {
		start := time.Now()
		ParseStatement(in)
		if d := time.Since(start); d > 200*time.Millisecond || testing.Verbose() {
			t.Logf("%q took %v", in[:min(len(in), 40)], d)
		}
	}
}
