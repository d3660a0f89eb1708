package duckdb

import (
	"context"
	"fmt"
	"testing"

	"github.com/emberdb/ember/internal/functions"
)

// TestDecimalAvgMatchesExactDivision checks the integer fast path of
// decimal averages against the exact Go division on sums and counts
// chosen to hit ties and near-ties of every rounding step.
func TestDecimalAvgMatchesExactDivision(t *testing.T) {
	e := engineForTest(t)
	s := sessionForTest(t, e, "decimal_avg")
	ctx := context.Background()
	tests := []struct {
		name       string
		p, sc, mid int
		scale      int
	}{
		{"decimal(25,2) as avg of decimal(15,2)", 25, 2, 15, 6},
		{"decimal(20,0) as avg of decimal(10,0)", 20, 0, 18, 4},
		{"decimal(38,0)", 38, 0, 6, 4},
		{"decimal(30,10)", 30, 10, 18, 14},
		{"mid below the sum's scale takes the exact path", 38, 12, 10, 12},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fast, exact := functions.DecimalAvgSQL("s", "n", tc.sc, tc.mid, tc.scale)
			// Sums that are multiples of small primes over counts that
			// produce halves at the rounding digits, plus large values.
			q := fmt.Sprintf(`SELECT count(*) FROM (
				SELECT CAST(s AS DECIMAL(%d,%d)) AS s, n FROM (
					SELECT (i * 7919 - 500000) / pow(10, %d) AS s, (i %% 97) + 1 AS n FROM range(20000) t(i)
					UNION ALL SELECT -0.5, 2 UNION ALL SELECT 0.5, 2 UNION ALL SELECT 1.25, 4
					UNION ALL SELECT 5, 0 UNION ALL SELECT NULL, 3
					UNION ALL SELECT 123456789012345678.25, 8 UNION ALL SELECT -99999999999.99, 7))
				WHERE (%s) IS DISTINCT FROM (%s)`, tc.p, tc.sc, tc.sc, fast, exact)
			var bad int
			if err := s.conn.QueryRowContext(ctx, q).Scan(&bad); err != nil {
				t.Fatalf("query: %v\n%s", err, q)
			}
			if bad != 0 {
				t.Fatalf("%d rows differ between the fast path and the exact division", bad)
			}
		})
	}
}
