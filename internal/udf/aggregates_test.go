package udf

import (
	"math"
	"testing"

	"github.com/emberdb/ember/internal/functions"
)

func TestMomentsAndPairs(t *testing.T) {
	for _, c := range []struct {
		name string
		got  any
		want any
	}{
		{"kurtosis", Moment([]float64{1, 1, 2}, all(3), functions.MomentKurtosis), -1.5},
		{"skewness", Moment([]float64{1, 1, 2}, all(3), functions.MomentSkewness), 0.7071067811865475},
		{"kurtosis constant", Moment([]float64{2, 2}, all(2), functions.MomentKurtosis), nil},
		{"kurtosis empty", Moment(nil, nil, functions.MomentKurtosis), nil},
		{"corr", PairStat([]float64{0, 2, 4}, []float64{0, 1, 2}, all(3), functions.PairCorr), 1.0},
		{"corr one row", PairStat([]float64{1}, []float64{1}, all(1), functions.PairCorr), nil},
		{"covar_pop one row", PairStat([]float64{1}, []float64{1}, all(1), functions.PairCovarPop), 0.0},
		{"covar_samp one row", PairStat([]float64{1}, []float64{1}, all(1), functions.PairCovarSamp), nil},
		{"slope", PairStat([]float64{1, 2, 3, 4}, []float64{1, 2, 3, 4}, all(4), functions.PairRegrSlope), 1.0},
		{"slope constant x", PairStat([]float64{1, 2}, []float64{1, 1}, all(2), functions.PairRegrSlope), nil},
		{"r2 constant y", PairStat([]float64{1, 1}, []float64{1, 2}, all(2), functions.PairRegrR2), 1.0},
		{"sxx", PairStat([]float64{1, 2, 3, 4}, []float64{1, 2, 3, 4}, all(4), functions.PairRegrSXX), 5.0},
		{"nulls skipped", PairStat([]float64{1, 9, 2}, []float64{1, 9, 2}, []bool{true, false, true}, functions.PairRegrSlope), 1.0},
	} {
		g, gok := c.got.(float64)
		w, wok := c.want.(float64)
		if gok != wok || (gok && math.Abs(g-w) > 1e-15) {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
}

func all(n int) []bool {
	ok := make([]bool, n)
	for i := range ok {
		ok[i] = true
	}
	return ok
}

// Spark's approx_count_distinct(id) over range(100000): 95546 (rsd 0.05)
// and 102065 (rsd 0.1); a handful of values is counted exactly.
func TestHLLEstimate(t *testing.T) {
	hashes := func(n int) []uint64 {
		out := make([]uint64, n)
		for i := range out {
			out[i] = xxLong(uint64(i), 42)
		}
		return out
	}
	big := hashes(100000)
	for _, c := range []struct {
		p    int
		want int64
	}{{9, 95546}, {7, 102065}} {
		if got, ok := HLLEstimate(big, c.p); !ok || got != c.want {
			t.Errorf("p %d: got %d (%v), want %d", c.p, got, ok, c.want)
		}
	}
	if got, ok := HLLEstimate(hashes(3), 9); !ok || got != 3 {
		t.Errorf("3 values: got %d (%v)", got, ok)
	}
	if _, ok := HLLEstimate(hashes(2000), 9); ok {
		t.Error("2000 values at p 9 need the bias tables: want not ok")
	}
}
