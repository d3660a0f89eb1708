package udf

import (
	"reflect"
	"testing"
)

// simulate runs Spark's per-partition samplers over 0..n-1 split into k
// partitions as spark.range(n) splits them.
func simulate(n, k int64, keep func(pid, pos int64) int64) []int64 {
	var out []int64
	for p := int64(0); p < k; p++ {
		lo, hi := p*n/k, (p+1)*n/k
		for j := lo; j < hi; j++ {
			for c := keep(p, j-lo); c > 0; c-- {
				out = append(out, j)
			}
		}
	}
	return out
}

// The expected rows were collected from Spark 4.2 and 3.5 (local[2]).
func TestSamplersMatchSpark(t *testing.T) {
	bernoulli := func(seed int64, lo, hi float64) func(p, pos int64) int64 {
		nonce := nextTestNonce()
		return func(p, pos int64) int64 {
			if x := RandAt(nonce, seed, p, pos); x >= lo && x < hi {
				return 1
			}
			return 0
		}
	}
	poisson := func(seed int64, f float64) func(p, pos int64) int64 {
		nonce := nextTestNonce()
		return func(p, pos int64) int64 { return PoissonAt(nonce, seed, p, pos, f) }
	}
	tests := []struct {
		name string
		got  []int64
		want []int64
	}{
		{"range(10).sample(0.5, 3)", simulate(10, 2, bernoulli(3, 0, 0.5)), []int64{0, 4, 6, 7, 8, 9}},
		{"range(0, 10, 1, 3).sample(0.5, 3)", simulate(10, 3, bernoulli(3, 0, 0.5)), []int64{0, 4, 5, 6, 7}},
		{"range(0, 10, 1, 1).sample(0.5, 3)", simulate(10, 1, bernoulli(3, 0, 0.5)), []int64{0, 4, 5, 8}},
		{"range(100).sample(0.1, 42)", simulate(100, 2, bernoulli(42, 0, 0.1)), []int64{7, 16, 18, 59, 67, 69, 76, 81, 83, 84, 99}},
		{"range(10).sample(True, 0.5, 3)", simulate(10, 2, poisson(3, 0.5)), []int64{8, 9}},
		{"range(20).sample(True, 1.5, 7)", simulate(20, 2, poisson(7, 1.5)),
			[]int64{0, 0, 2, 2, 3, 4, 4, 4, 4, 5, 5, 6, 6, 7, 8, 8, 9, 9, 10, 10, 10, 11, 11, 12, 13, 13, 13, 13, 14, 16, 16, 16, 18, 19}},
	}
	for _, tc := range tests {
		if !reflect.DeepEqual(tc.got, tc.want) {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}

func TestRandAtOutOfOrder(t *testing.T) {
	nonce := nextTestNonce()
	want := make([]float64, 50)
	r := NewXORShift(42)
	for i := range want {
		want[i] = r.NextDouble()
	}
	for _, pos := range []int64{10, 3, 49, 0, 11, 11, 48, 2} {
		if got := RandAt(nonce, 42, 0, pos); got != want[pos] {
			t.Errorf("RandAt(pos %d) = %v, want %v", pos, got, want[pos])
		}
	}
}

var testNonce int64 = -1000

func nextTestNonce() int64 { testNonce--; return testNonce }
