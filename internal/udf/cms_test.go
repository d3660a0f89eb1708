package udf

import (
	"encoding/hex"
	"strings"
	"testing"
)

// Expected bytes are Spark's, from the count_min_sketch docstring and
// ExpressionDescription examples.
func TestCountMinSketchBytes(t *testing.T) {
	rangeItems := func(n int64) []int64 {
		out := make([]int64, n)
		for i := range out {
			out[i] = int64(i)
		}
		return out
	}
	cases := []struct {
		eps, conf float64
		seed      int32
		longs     []int64
		strs      []string
		want      string
	}{
		{3.0, 0.1, 1, rangeItems(100), nil, "0000000100000000000000640000000100000001000000005D8D6AB90000000000000064"},
		{1.0, 0.3, 2, rangeItems(100), nil, "0000000100000000000000640000000100000002000000005D96391C00000000000000320000000000000032"},
		{1.5, 0.2, seedOf(1111111111111111111), rangeItems(100), nil, "00000001000000000000006400000001000000020000000044078BA100000000000000320000000000000032"},
		{0.5, 0.5, 1, []int64{1, 2, 1}, nil, "0000000100000000000000030000000100000004000000005D8D6AB90000000000000000000000000000000200000000000000010000000000000000"},
		{0.5, 0.5, 1, nil, []string{"a", "bc", "héllo", "a"}, "0000000100000000000000040000000100000004000000005D8D6AB90000000000000001000000000000000300000000000000000000000000000000"},
		{0.5, 0.5, seedOf(5000000000), []int64{1}, nil, "00000001000000000000000100000001000000040000000054A485090000000000000000000000000000000100000000000000000000000000000000"},
	}
	for _, c := range cases {
		s := NewCountMinSketch(c.eps, c.conf, c.seed)
		for _, v := range c.longs {
			s.AddLong(v)
		}
		for _, v := range c.strs {
			s.AddBytes([]byte(v))
		}
		if got := strings.ToUpper(hex.EncodeToString(s.Bytes())); got != c.want {
			t.Errorf("cms(%v, %v, %v):\n got %s\nwant %s", c.eps, c.conf, c.seed, got, c.want)
		}
	}
}

// seedOf narrows a BIGINT seed as Spark does (to its low 32 bits).
func seedOf(v int64) int32 { return int32(v) }
