package udf

import (
	"database/sql/driver"
	"fmt"
	"math"
	"sort"

	"github.com/duckdb/duckdb-go/v2"
)

// The df.stat helpers: each receives a whole column (or pair of columns)
// collected into a list by an aggregate and reproduces Spark's one-pass
// algorithm over it, so the answers match Spark's rather than DuckDB's
// statistics (which differ in rounding, null handling and approximation).

func init() {
	dbl := T(duckdb.TYPE_DOUBLE)
	Register(
		Func{Name: "ember_stat_cov", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{List(List(dbl))}, Out: dbl, NullIn: true,
			Fn: func(a []driver.Value) (any, error) { return covCounterOf(a[0]).cov(), nil },
		}}},
		Func{Name: "ember_stat_corr", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{List(List(dbl))}, Out: dbl, NullIn: true,
			Fn: func(a []driver.Value) (any, error) { return covCounterOf(a[0]).corr(), nil },
		}}},
		Func{Name: "ember_approx_quantile", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{List(dbl), List(dbl), dbl}, Out: List(dbl), NullIn: true,
			Fn: approxQuantileUDF,
		}}},
		Func{Name: "ember_freq_items", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{List(T(duckdb.TYPE_UBIGINT)), T(duckdb.TYPE_BIGINT)}, Out: List(T(duckdb.TYPE_BIGINT)), NullIn: true,
			Fn: freqItemsUDF,
		}}},
	)
}

// covCounter accumulates co-moments one pair at a time, in Spark's order
// of operations (so the last bits agree). A NULL value counts as 0.0, as
// Spark's counter reads it.
type covCounter struct {
	xAvg, yAvg, ck, mkX, mkY float64
	n                        int64
}

func covCounterOf(v any) *covCounter {
	c := &covCounter{}
	pairs, _ := v.([]any)
	for _, p := range pairs {
		xy, _ := p.([]any)
		var x, y float64
		if len(xy) == 2 {
			x, _ = xy[0].(float64)
			y, _ = xy[1].(float64)
		}
		c.add(x, y)
	}
	return c
}

func (c *covCounter) add(x, y float64) {
	dx, dy := x-c.xAvg, y-c.yAvg
	c.n++
	c.xAvg += dx / float64(c.n)
	c.yAvg += dy / float64(c.n)
	c.ck += dx * (y - c.yAvg)
	c.mkX += dx * (x - c.xAvg)
	c.mkY += dy * (y - c.yAvg)
}

// cov is the sample covariance; Spark answers 0.0 below two rows.
func (c *covCounter) cov() float64 {
	if c.n <= 1 {
		return 0
	}
	return c.ck / float64(c.n-1)
}

func (c *covCounter) corr() float64 { return c.ck / math.Sqrt(c.mkX*c.mkY) }

func approxQuantileUDF(a []driver.Value) (any, error) {
	probs, _ := a[1].([]any)
	eps, _ := a[2].(float64)
	s := newQuantileSummary(eps)
	vals, _ := a[0].([]any)
	for _, v := range vals {
		if f, ok := v.(float64); ok && !math.IsNaN(f) {
			s.insert(f)
		}
	}
	s.compress()
	out := []any{}
	if len(s.samples) == 0 {
		return out, nil
	}
	for _, p := range probs {
		f, ok := p.(float64)
		if !ok || f < 0 || f > 1 {
			return nil, fmt.Errorf("quantile should be in the range [0.0, 1.0]")
		}
		out = append(out, s.query(f))
	}
	return out, nil
}

// quantileSummary is a Greenwald-Khanna summary with Spark's tuning: new
// values wait in a buffer that is merged in sorted batches, and the
// samples are compressed once there are many of them.
type quantileSummary struct {
	eps     float64
	samples []gkSample
	count   int64
	head    []float64
}

type gkSample struct {
	v        float64
	g, delta int64
}

const (
	gkHeadSize          = 50000
	gkCompressThreshold = 10000
)

func newQuantileSummary(eps float64) *quantileSummary { return &quantileSummary{eps: eps} }

func (s *quantileSummary) insert(x float64) {
	s.head = append(s.head, x)
	if len(s.head) >= gkHeadSize {
		s.flushHead()
		if len(s.samples) >= gkCompressThreshold {
			s.compress()
		}
	}
}

// flushHead merges the buffered values into the samples. A new value's
// rank uncertainty is 2·eps·n, except at either end of the summary.
func (s *quantileSummary) flushHead() {
	if len(s.head) == 0 {
		return
	}
	sort.Float64s(s.head)
	merged := make([]gkSample, 0, len(s.samples)+len(s.head))
	j := 0
	for i, x := range s.head {
		for j < len(s.samples) && s.samples[j].v <= x {
			merged = append(merged, s.samples[j])
			j++
		}
		s.count++
		var d int64
		if len(merged) > 0 && !(j == len(s.samples) && i == len(s.head)-1) {
			d = int64(math.Floor(2 * s.eps * float64(s.count)))
		}
		merged = append(merged, gkSample{v: x, g: 1, delta: d})
	}
	merged = append(merged, s.samples[j:]...)
	s.samples, s.head = merged, s.head[:0]
}

// compress merges neighbouring samples whose combined span stays under
// 2·eps·n, walking from the largest value down; the smallest and largest
// samples always survive.
func (s *quantileSummary) compress() {
	s.flushHead()
	n := len(s.samples)
	if n == 0 {
		return
	}
	limit := 2 * s.eps * float64(s.count)
	rev := make([]gkSample, 0, n)
	cur := s.samples[n-1]
	for i := n - 2; i >= 1; i-- {
		x := s.samples[i]
		if float64(x.g+cur.g+cur.delta) < limit {
			cur.g += x.g
		} else {
			rev = append(rev, cur)
			cur = x
		}
	}
	rev = append(rev, cur)
	if first := s.samples[0]; n > 1 && first.v <= cur.v {
		rev = append(rev, first)
	}
	for i, k := 0, len(rev)-1; i < k; i, k = i+1, k-1 {
		rev[i], rev[k] = rev[k], rev[i]
	}
	s.samples = rev
}

func (s *quantileSummary) query(p float64) float64 {
	if p <= s.eps {
		return s.samples[0].v
	}
	last := s.samples[len(s.samples)-1].v
	if p >= 1-s.eps {
		return last
	}
	rank := int64(math.Ceil(p * float64(s.count)))
	var maxSpan int64
	for _, x := range s.samples {
		maxSpan = max(maxSpan, x.g+x.delta)
	}
	tol := maxSpan / 2
	var minRank int64
	for i := 0; i < len(s.samples)-1; i++ {
		x := s.samples[i]
		minRank += x.g
		if minRank+x.delta-tol <= rank && rank <= minRank+tol {
			return x.v
		}
	}
	return last
}

// freqItemsUDF runs the Karp-Schenker-Papadimitriou frequent-items count
// over a column given as value hashes (NULL included as a value) and
// returns the 1-based positions of the first occurrence of each item kept,
// in order of first occurrence.
func freqItemsUDF(a []driver.Value) (any, error) {
	hs, _ := a[0].([]any)
	size, _ := a[1].(int64)
	counts := map[uint64]int64{}
	first := map[uint64]int64{}
	for i, h := range hs {
		k, _ := h.(uint64)
		if _, seen := first[k]; !seen {
			first[k] = int64(i + 1)
		}
		if _, ok := counts[k]; ok {
			counts[k]++
			continue
		}
		if int64(len(counts)) < size {
			counts[k] = 1
			continue
		}
		// A full table: the new item (count 1) displaces every item at the
		// minimum count, and all counts drop by that minimum.
		minCount := int64(math.MaxInt64)
		for _, c := range counts {
			minCount = min(minCount, c)
		}
		if 1-minCount >= 0 {
			counts[k] = 1
			for key, c := range counts {
				if c > minCount {
					counts[key] = c - minCount
				} else {
					delete(counts, key)
				}
			}
		} else {
			for key := range counts {
				counts[key]--
			}
		}
	}
	pos := make([]int64, 0, len(counts))
	for k := range counts {
		pos = append(pos, first[k])
	}
	sort.Slice(pos, func(i, j int) bool { return pos[i] < pos[j] })
	out := make([]any, len(pos))
	for i, p := range pos {
		out[i] = p
	}
	return out, nil
}
