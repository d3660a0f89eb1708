package udf

import (
	"database/sql/driver"
	"math"
	"reflect"
	"testing"
)

func anyFloats(vs ...float64) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

// Expected values were checked against Spark 4.2 (df.stat.approxQuantile).
func TestApproxQuantile(t *testing.T) {
	perm := func(n, mul, mod int) []any {
		out := make([]any, n)
		for i := range out {
			out[i] = float64((i * mul) % mod)
		}
		return out
	}
	tests := []struct {
		name  string
		vals  []any
		probs []any
		eps   float64
		want  []any
	}{
		{"exact", anyFloats(1, 2, 3, 4, 5), anyFloats(0, 0.5, 1), 0.05, anyFloats(1, 3, 5)},
		{"low-eps-head", anyFloats(1, 2, 3, 4, 5), anyFloats(0, 0.2, 1), 0.1, anyFloats(1, 1, 5)},
		{"nulls-nan-skipped", []any{1.0, nil, 3.0, math.NaN(), 4.0}, anyFloats(0, 0.5, 1), 0.05, anyFloats(1, 3, 4)},
		{"empty", []any{nil}, anyFloats(0.5), 0.1, []any{}},
		{"one-batch", perm(1000, 7919, 1009), anyFloats(0.1, 0.25, 0.5, 0.9, 0.99), 0.05, anyFloats(80, 241, 484, 866, 1008)},
		{"compressed", perm(120000, 7919, 120011), anyFloats(0.1, 0.25, 0.5, 0.9, 0.99), 0.01, anyFloats(11127, 28888, 59854, 107382, 120010)},
	}
	for _, tc := range tests {
		got, err := approxQuantileUDF([]driver.Value{tc.vals, tc.probs, tc.eps})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestCovCorr(t *testing.T) {
	pairs := func(xy ...float64) []any {
		var out []any
		for i := 0; i+1 < len(xy); i += 2 {
			out = append(out, []any{xy[i], xy[i+1]})
		}
		return out
	}
	c := covCounterOf(pairs(1, 12, 10, 1, 19, 8))
	if c.cov() != -18.0 || c.corr() != -0.3592106040535498 {
		t.Errorf("cov %v corr %v", c.cov(), c.corr())
	}
	// A NULL reads as 0.0, as in Spark.
	c = covCounterOf([]any{[]any{1.0, 12.0}, []any{nil, 1.0}, []any{19.0, nil}, []any{4.0, 5.0}})
	if c.cov() != -25.333333333333332 {
		t.Errorf("cov with nulls %v", c.cov())
	}
	if c := covCounterOf(nil); c.cov() != 0 || !math.IsNaN(c.corr()) {
		t.Errorf("empty: cov %v corr %v", c.cov(), c.corr())
	}
}

func TestFreqItems(t *testing.T) {
	seq := func(n, mod int) []any {
		out := make([]any, n)
		for i := range out {
			out[i] = uint64(i % mod)
		}
		return out
	}
	tests := []struct {
		name string
		hs   []any
		size int64
		want []any
	}{
		// 1, NULL, 19, 4 with support 0.4: 19 evicts both, 4 stays.
		{"evict", []any{uint64(1), uint64(99), uint64(19), uint64(4)}, 2, []any{int64(4)}},
		{"cycle-empty", seq(1000, 7), 3, []any{}},
		{"cycle-last", seq(1000, 7), 2, []any{int64(6)}},
		{"all-fit", seq(10, 3), 3, []any{int64(1), int64(2), int64(3)}},
	}
	for _, tc := range tests {
		got, err := freqItemsUDF([]driver.Value{tc.hs, tc.size})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}
