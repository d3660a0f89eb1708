package udf

import (
	"database/sql/driver"
	"fmt"
	"github.com/emberdb/ember/internal/functions"
	"math"

	"github.com/duckdb/duckdb-go/v2"
)

// Statistical aggregates computed the way Spark computes them.
//
// DuckDB has corr, covar_*, regr_*, skewness and kurtosis, but with other
// formulas (sample rather than population moments, power sums rather than
// Spark's streaming updates), so their last digits or their edge cases
// differ. The lowering collects a group's values in input order
// (list(...)) and these functions fold them with Spark's one-pass update
// rules, which is what Spark does on a single partition.

// The kind arguments of ember_moment and ember_pairstat are the Moment* and
// Pair* constants of internal/functions, whose lowerings pass them. Every
// pair kind reads a list of {y, x} structs whose members are both non-null.

func init() {
	dbl := T(duckdb.TYPE_DOUBLE)
	pairEntryY, _ := duckdb.NewStructEntry(dbl, "y")
	pairEntryX, _ := duckdb.NewStructEntry(dbl, "x")
	pair, err := duckdb.NewStructInfo(pairEntryY, pairEntryX)
	if err != nil {
		panic(err)
	}
	Register(
		Func{Name: "ember_moment", Overloads: []duckdb.ScalarFunc{Scalar{
			In:  []duckdb.TypeInfo{List(dbl), T(duckdb.TYPE_INTEGER)},
			Out: dbl,
			Fn: func(a []driver.Value) (any, error) {
				xs, ok := floats(a[0])
				return Moment(xs, ok, int(a[1].(int32))), nil
			},
		}}},
		Func{Name: "ember_pairstat", Overloads: []duckdb.ScalarFunc{Scalar{
			In:  []duckdb.TypeInfo{List(pair), T(duckdb.TYPE_INTEGER)},
			Out: dbl,
			Fn: func(a []driver.Value) (any, error) {
				l, _ := a[0].([]any)
				ys := make([]float64, len(l))
				xs := make([]float64, len(l))
				ok := make([]bool, len(l))
				for i, e := range l {
					if m, isPair := e.(map[string]any); isPair {
						y, ok1 := m["y"].(float64)
						x, ok2 := m["x"].(float64)
						ys[i], xs[i], ok[i] = y, x, ok1 && ok2
					}
				}
				return PairStat(ys, xs, ok, int(a[1].(int32))), nil
			},
		}}},
	)
}

// floats reads a list of doubles; ok[i] is false for a NULL element.
func floats(v driver.Value) (xs []float64, ok []bool) {
	l, _ := v.([]any)
	xs, ok = make([]float64, len(l)), make([]bool, len(l))
	for i, e := range l {
		xs[i], ok[i] = e.(float64)
	}
	return xs, ok
}

// Spark folds each partition's rows and then merges the partial results,
// which rounds differently from a single fold. The functions here fold
// the two halves of the input separately and merge them, which gives the
// digits of Spark's reference setup for local data (two partitions); the
// values agree with any other split up to rounding. The halves are of
// the rows, NULLs included, as Spark's partitions are.
func halves(n int) [2][2]int { return [2][2]int{{0, n / 2}, {n / 2, n}} }

type moments struct{ n, avg, m2, m3, m4 float64 }

func (b moments) add(x float64) moments {
	nn := b.n + 1
	d := x - b.avg
	dn := d / nn
	m2 := b.m2 + d*(d-dn)
	d2 := d * d
	dn2 := dn * dn
	m3 := b.m3 - 3*dn*m2 + d*(d2-dn2)
	m4 := b.m4 - 4*dn*m3 - 6*dn2*m2 + d*(d*d2-dn*dn2)
	return moments{nn, b.avg + dn, m2, m3, m4}
}

func (l moments) merge(r moments) moments {
	n1, n2 := l.n, r.n
	n := n1 + n2
	d := r.avg - l.avg
	dn := 0.0
	if n != 0 {
		dn = d / n
	}
	return moments{
		n:   n,
		avg: l.avg + dn*n2,
		m2:  l.m2 + r.m2 + d*dn*n1*n2,
		m3:  l.m3 + r.m3 + dn*dn*d*n1*n2*(n1-n2) + 3*dn*(n1*r.m2-n2*l.m2),
		m4: l.m4 + r.m4 + dn*dn*dn*d*n1*n2*(n1*n1-n1*n2+n2*n2) +
			6*dn*dn*(n1*n1*r.m2+n2*n2*l.m2) + 4*dn*(n1*r.m3-n2*l.m3),
	}
}

// Moment returns the skewness or kurtosis of the xs[i] with ok[i] (nil:
// no rows, or no variance).
func Moment(xs []float64, ok []bool, kind int) any {
	var total moments
	for _, h := range halves(len(xs)) {
		var part moments
		for i := h[0]; i < h[1]; i++ {
			if ok[i] {
				part = part.add(xs[i])
			}
		}
		total = total.merge(part)
	}
	n, m2, m3, m4 := total.n, total.m2, total.m3, total.m4
	if n == 0 || m2 == 0 {
		return nil
	}
	switch kind {
	case functions.MomentSkewness:
		return math.Sqrt(n) * m3 / math.Sqrt(m2*m2*m2)
	case functions.MomentKurtosis:
		return n*m4/(m2*m2) - 3
	}
	return nil
}

// pairSums is Spark's covariance buffer with both second moments; m2x and
// m2y are the same sums of squares updated the way its variance is (the
// regression functions use those).
type pairSums struct{ n, xAvg, yAvg, ck, xMk, yMk, m2x, m2y float64 }

func (b pairSums) add(y, x float64) pairSums {
	nn := b.n + 1
	dx := x - b.xAvg
	dy := y - b.yAvg
	dxn, dyn := dx/nn, dy/nn
	xAvg := b.xAvg + dxn
	yAvg := b.yAvg + dyn
	return pairSums{
		n: nn, xAvg: xAvg, yAvg: yAvg,
		ck:  b.ck + dx*(y-yAvg),
		xMk: b.xMk + dx*(x-xAvg),
		yMk: b.yMk + dy*(y-yAvg),
		m2x: b.m2x + dx*(dx-dxn),
		m2y: b.m2y + dy*(dy-dyn),
	}
}

func (l pairSums) merge(r pairSums) pairSums {
	n1, n2 := l.n, r.n
	n := n1 + n2
	dx := r.xAvg - l.xAvg
	dy := r.yAvg - l.yAvg
	dxn, dyn := 0.0, 0.0
	if n != 0 {
		dxn, dyn = dx/n, dy/n
	}
	return pairSums{
		n: n, xAvg: l.xAvg + dxn*n2, yAvg: l.yAvg + dyn*n2,
		ck:  l.ck + r.ck + dx*dyn*n1*n2,
		xMk: l.xMk + r.xMk + dx*dxn*n1*n2,
		yMk: l.yMk + r.yMk + dy*dyn*n1*n2,
		m2x: l.m2x + r.m2x + dx*dxn*n1*n2,
		m2y: l.m2y + r.m2y + dy*dyn*n1*n2,
	}
}

// PairStat computes a statistic of the (ys[i], xs[i]) pairs with ok[i].
func PairStat(ys, xs []float64, ok []bool, kind int) any {
	var t pairSums
	for _, h := range halves(len(xs)) {
		var part pairSums
		for i := h[0]; i < h[1]; i++ {
			if ok[i] {
				part = part.add(ys[i], xs[i])
			}
		}
		t = t.merge(part)
	}
	n, xAvg, yAvg, ck, xMk, yMk, m2x, m2y := t.n, t.xAvg, t.yAvg, t.ck, t.xMk, t.yMk, t.m2x, t.m2y
	if n == 0 {
		return nil
	}
	switch kind {
	case functions.PairCorr:
		if n == 1 {
			return nil
		}
		return ck / math.Sqrt(xMk*yMk)
	case functions.PairCorrDenominator:
		if n == 1 {
			return nil
		}
		return xMk * yMk
	case functions.PairCovarPop:
		return ck / n
	case functions.PairCovarSamp:
		if n == 1 {
			return nil
		}
		return ck / (n - 1)
	case functions.PairRegrSlope:
		if m2x == 0 {
			return nil
		}
		return ck / m2x
	case functions.PairRegrIntercept:
		if m2x == 0 {
			return nil
		}
		return yAvg - ck/m2x*xAvg
	case functions.PairRegrR2:
		if xMk == 0 {
			return nil
		}
		if yMk == 0 {
			return 1.0
		}
		c := ck / math.Sqrt(xMk*yMk)
		return c * c
	case functions.PairRegrSXX:
		return m2x
	case functions.PairRegrSYY:
		return m2y
	case functions.PairRegrSXY:
		return ck
	}
	panic(fmt.Sprintf("udf: unknown pair statistic %d", kind))
}
