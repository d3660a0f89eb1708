package udf

import (
	"database/sql/driver"
	"sort"

	"github.com/duckdb/duckdb-go/v2"
)

// Spark's histogram_numeric: the streaming histogram of Ben-Haim and
// Tom-Tov as Spark's NumericHistogram computes it. Every histogram breaks
// ties between equally close bins with its own java.util.Random of a fixed
// seed, and Spark builds one histogram per partition and merges them, so
// the result depends on the input order and on the partitioning: the
// lowering passes the values in input order and the number of (equal,
// consecutive) partitions Spark would have split them into.

// histSeed is the fixed seed of NumericHistogram's tie-breaking generator.
const histSeed = 31183

// HistBin is one (center, height) bin.
type HistBin struct{ X, Y float64 }

// NumericHistogram is the state of one histogram.
type NumericHistogram struct {
	NBins int
	Bins  []HistBin
	rng   *JavaRandom
}

// NewNumericHistogram starts an empty histogram of at most nb bins.
func NewNumericHistogram(nb int) *NumericHistogram {
	return &NumericHistogram{NBins: nb, rng: NewJavaRandom(histSeed)}
}

// Add counts one value: into the bin centred on it if there is one, else
// into a new bin, merging the closest bins when there are too many.
func (h *NumericHistogram) Add(v float64) {
	bin := 0
	for l, r := 0, len(h.Bins); l < r; {
		bin = (l + r) / 2
		if h.Bins[bin].X > v {
			r = bin
		} else if h.Bins[bin].X < v {
			bin++
			l = bin
		} else {
			break
		}
	}
	if bin < len(h.Bins) && h.Bins[bin].X == v {
		h.Bins[bin].Y++
		return
	}
	h.Bins = append(h.Bins, HistBin{})
	copy(h.Bins[bin+1:], h.Bins[bin:])
	h.Bins[bin] = HistBin{X: v, Y: 1}
	if len(h.Bins) > h.NBins {
		h.trim()
	}
}

// Merge folds another partition's histogram into h.
func (h *NumericHistogram) Merge(o *NumericHistogram) {
	if len(h.Bins) == 0 {
		h.NBins = o.NBins
		h.Bins = append([]HistBin(nil), o.Bins...)
		return
	}
	h.Bins = append(h.Bins, o.Bins...)
	// Java's object sort is stable; centres compare as Double.compare
	// does (-0.0 before 0.0, NaN last).
	sort.SliceStable(h.Bins, func(i, j int) bool { return javaDoubleLess(h.Bins[i].X, h.Bins[j].X) })
	h.trim()
}

func javaDoubleLess(a, b float64) bool {
	switch {
	case a != a:
		return false
	case b != b:
		return true
	case a == 0 && b == 0:
		return signbit(a) && !signbit(b)
	}
	return a < b
}

func signbit(f float64) bool { return f < 0 || (f == 0 && 1/f < 0) }

// trim merges the closest pair of adjacent bins (ties broken at random,
// as Spark does) until at most NBins remain.
func (h *NumericHistogram) trim() {
	for len(h.Bins) > h.NBins {
		smallest := h.Bins[1].X - h.Bins[0].X
		loc, count := 0, 1
		for i := 1; i < len(h.Bins)-1; i++ {
			d := h.Bins[i+1].X - h.Bins[i].X
			if d < smallest {
				smallest, loc, count = d, i, 1
			} else if d == smallest {
				count++
				if h.rng.NextDouble() <= 1.0/float64(count) {
					loc = i
				}
			}
		}
		a, b := &h.Bins[loc], h.Bins[loc+1]
		d := a.Y + b.Y
		a.X *= a.Y / d
		a.X += b.X / d * b.Y
		a.Y = d
		h.Bins = append(h.Bins[:loc+1], h.Bins[loc+2:]...)
	}
}

// HistogramNumeric folds xs (ok[i] false for a NULL) split into parts
// equal consecutive partitions, each into its own histogram, then merges
// them in partition order into a fresh one, as Spark's final aggregation
// does. It returns nil when no value was counted.
func HistogramNumeric(xs []float64, ok []bool, nb, parts int) []HistBin {
	if parts < 1 {
		parts = 1
	}
	n := len(xs)
	part := make([]int, n)
	for i := range part {
		// Partition p holds rows [p*n/parts, (p+1)*n/parts).
		part[i] = int((int64(i+1)*int64(parts) - 1) / int64(n))
	}
	return HistogramByPartition(xs, ok, part, nb, parts)
}

// HistogramByPartition is HistogramNumeric with each value's partition
// (0 .. parts-1) given.
func HistogramByPartition(xs []float64, ok []bool, part []int, nb, parts int) []HistBin {
	hs := make([]*NumericHistogram, parts)
	for i := range hs {
		hs[i] = NewNumericHistogram(nb)
	}
	for i, x := range xs {
		if ok[i] && part[i] >= 0 && part[i] < parts {
			hs[part[i]].Add(x)
		}
	}
	total := NewNumericHistogram(nb)
	for _, h := range hs {
		total.Merge(h)
	}
	if len(total.Bins) == 0 {
		return nil
	}
	return total.Bins
}

func init() {
	v, _ := duckdb.NewStructEntry(tDouble, "v")
	p, _ := duckdb.NewStructEntry(tInt, "p")
	item, err := duckdb.NewStructInfo(v, p)
	if err != nil {
		panic(err)
	}
	x, _ := duckdb.NewStructEntry(tDouble, "x")
	y, _ := duckdb.NewStructEntry(tDouble, "y")
	bin, err := duckdb.NewStructInfo(x, y)
	if err != nil {
		panic(err)
	}
	Register(Func{Name: "ember_histogram", Overloads: []duckdb.ScalarFunc{
		// ember_histogram(list of {v: value, p: partition or NULL}, nb,
		// partitions): without partitions the values are split into
		// equal consecutive runs.
		nullScalar([]duckdb.TypeInfo{List(item), tInt, tInt}, List(bin), func(a []driver.Value) (any, error) {
			if a[1] == nil {
				return nil, nil
			}
			parts := 1
			if n, isInt := a[2].(int32); isInt && n > 0 {
				parts = int(n)
			}
			l := list(a[0])
			xs, ok, part := make([]float64, len(l)), make([]bool, len(l)), make([]int, len(l))
			known := true
			for i, e := range l {
				m, _ := e.(map[string]any)
				xs[i], ok[i] = m["v"].(float64)
				p, isInt := m["p"].(int32)
				part[i], known = int(p), known && isInt
			}
			var bins []HistBin
			if known {
				bins = HistogramByPartition(xs, ok, part, int(a[1].(int32)), parts)
			} else {
				bins = HistogramNumeric(xs, ok, int(a[1].(int32)), parts)
			}
			if bins == nil {
				return nil, nil
			}
			out := make([]any, len(bins))
			for i, b := range bins {
				out[i] = map[string]any{"x": b.X, "y": b.Y}
			}
			return out, nil
		}),
	}})
}
