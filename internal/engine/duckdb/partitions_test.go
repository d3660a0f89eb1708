package duckdb

import (
	"context"
	"math/big"
	"reflect"
	"testing"

	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/types"
)

func TestRangeCount(t *testing.T) {
	tests := []struct {
		start, end, step int64
		want             string
	}{
		{0, 10, 1, "10"}, {0, 10, 3, "4"}, {10, 0, -3, "4"}, {0, 10, -1, "0"}, {5, 5, 1, "0"},
		{-9223372036854775808, 9223372036854775807, 1, "18446744073709551615"},
	}
	for _, tc := range tests {
		if got := rangeCount(tc.start, tc.end, tc.step); got.Cmp(mustBig(tc.want)) != 0 {
			t.Errorf("rangeCount(%d, %d, %d) = %v, want %s", tc.start, tc.end, tc.step, got, tc.want)
		}
	}
}

func mustBig(s string) *big.Int {
	b, _ := new(big.Int).SetString(s, 10)
	return b
}

// The rows Spark 4.2 and 3.5 (local[2]) return for seeded samples of a
// range; the lowering must reproduce them from the partition layout.
func TestSampleFollowsSparkPartitions(t *testing.T) {
	e := engineForTest(t)
	s := sessionForTest(t, e, "partitions")
	ctx := context.Background()
	rng := func(end, parts int64) *logical.Range {
		return &logical.Range{Start: 0, End: end, Step: 1, NumPartitions: parts, Attr: attr("id", types.Long, false)}
	}
	tests := []struct {
		name string
		plan logical.Plan
		want []int64
	}{
		{"sample(0.5, 3)", &logical.Sample{Input: rng(10, 0), Upper: 0.5, Seed: 3}, []int64{0, 4, 6, 7, 8, 9}},
		{"3 partitions", &logical.Sample{Input: rng(10, 3), Upper: 0.5, Seed: 3}, []int64{0, 4, 5, 6, 7}},
		{"1 partition", &logical.Sample{Input: rng(10, 1), Upper: 0.5, Seed: 3}, []int64{0, 4, 5, 8}},
		{"with replacement", &logical.Sample{Input: rng(10, 0), Upper: 0.5, Seed: 3, WithReplacement: true}, []int64{8, 9}},
		{"split [1/2, 1)", &logical.Sample{Input: rng(20, 0), Lower: 0.5, Upper: 1, Seed: 5, DeterministicOrder: true},
			[]int64{2, 3, 7, 11, 13, 14, 15, 17, 19}},
		{"repartitioned input keeps Ember's own draw", &logical.Sample{Input: &logical.Repartition{Input: rng(10, 0), Kind: logical.HashPartition}, Upper: 1, Seed: 3},
			[]int64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q, err := Query(&functions.LowerCtx{TimeZone: "UTC", Parallelism: 2}, tc.plan)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := s.conn.QueryContext(ctx, q)
			if err != nil {
				t.Fatalf("%v\n%s", err, q)
			}
			defer rows.Close()
			var got []int64
			for rows.Next() {
				var v int64
				if err := rows.Scan(&v); err != nil {
					t.Fatal(err)
				}
				got = append(got, v)
			}
			if tc.name == "repartitioned input keeps Ember's own draw" {
				// Unordered: only the membership is defined.
				if len(got) != len(tc.want) {
					t.Fatalf("got %v, want the rows of %v", got, tc.want)
				}
				return
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v, want %v\n%s", got, tc.want, q)
			}
		})
	}
}
