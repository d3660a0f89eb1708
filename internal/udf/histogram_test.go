package udf

import (
	"reflect"
	"testing"
)

// Expected bins are Spark's (histogram_numeric over spark.range(100) with
// 1, 2 and 3 partitions), x truncated to BIGINT as Spark reports them.
func TestHistogramNumeric(t *testing.T) {
	xs := make([]float64, 100)
	ok := make([]bool, 100)
	for i := range xs {
		xs[i], ok[i] = float64(i), true
	}
	cases := []struct {
		parts int
		want  [][2]int64
	}{
		{1, [][2]int64{{11, 25}, {36, 24}, {59, 23}, {84, 25}, {98, 3}}},
		{2, [][2]int64{{11, 25}, {36, 24}, {53, 11}, {67, 15}, {87, 25}}},
		{3, [][2]int64{{11, 25}, {33, 18}, {50, 15}, {66, 18}, {87, 24}}},
	}
	for _, c := range cases {
		var got [][2]int64
		for _, b := range HistogramNumeric(xs, ok, 5, c.parts) {
			got = append(got, [2]int64{int64(b.X), int64(b.Y)})
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%d partitions: got %v, want %v", c.parts, got, c.want)
		}
	}
	if got := HistogramNumeric(nil, nil, 3, 2); got != nil {
		t.Errorf("empty input: got %v, want nil", got)
	}
}
