package udf

import (
	"database/sql/driver"
	"fmt"
	"math/big"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/emberdb/ember/internal/functions"
)

// Exact decimal division.
//
// DuckDB divides decimals in double precision; Spark divides them exactly:
// the quotient is rounded half up at scale 38, then to the scale of the
// division's result type, then (for avg) to the scale of the aggregate's
// type. ember_decimal_div_<S>(a, b, mid) follows that chain — rounding at
// scale 38, then mid, then S — and returns DECIMAL(38, S); the caller casts
// it to Spark's result type, which checks for overflow. a and b are
// decimals or integers; a zero divisor gives NULL (the caller raises
// Spark's error first when ANSI mode asks for it).

const maxDecimalScale = 38

func init() {
	for s := 0; s <= maxDecimalScale; s++ {
		out, err := duckdb.NewDecimalInfo(38, uint8(s))
		if err != nil {
			panic(fmt.Sprintf("udf: decimal type info: %v", err))
		}
		scale := s
		Register(Func{Name: functions.DecimalDivName(s), Overloads: []duckdb.ScalarFunc{Scalar{
			In:  []duckdb.TypeInfo{T(duckdb.TYPE_ANY), T(duckdb.TYPE_ANY), tInt},
			Out: out,
			Fn: func(a []driver.Value) (any, error) {
				x, xs, err := unscaled(a[0])
				if err != nil {
					return nil, err
				}
				y, ys, err := unscaled(a[1])
				if err != nil {
					return nil, err
				}
				q, ok := DecimalDiv(x, xs, y, ys, int(a[2].(int32)), scale)
				if !ok {
					return nil, nil
				}
				return duckdb.Decimal{Width: 38, Scale: uint8(scale), Value: q}, nil
			},
		}}})
	}
}

// unscaled returns a numeric argument as an unscaled integer and scale.
func unscaled(v driver.Value) (*big.Int, int, error) {
	switch x := v.(type) {
	case duckdb.Decimal:
		return new(big.Int).Set(x.Value), int(x.Scale), nil
	case *big.Int:
		return new(big.Int).Set(x), 0, nil
	case int64:
		return big.NewInt(x), 0, nil
	case int32:
		return big.NewInt(int64(x)), 0, nil
	case int16:
		return big.NewInt(int64(x)), 0, nil
	case int8:
		return big.NewInt(int64(x)), 0, nil
	}
	return nil, 0, fmt.Errorf("ember_decimal_div: unexpected argument %T", v)
}

// DecimalDiv divides x·10^-xs by y·10^-ys, rounding half up at scale 38,
// then at scale mid, then at scale s; false for a zero divisor.
func DecimalDiv(x *big.Int, xs int, y *big.Int, ys int, mid, s int) (*big.Int, bool) {
	if y.Sign() == 0 {
		return nil, false
	}
	// q38 = x·10^(38-xs+ys) / y at scale 38.
	num := new(big.Int).Set(x)
	den := new(big.Int).Set(y)
	if k := maxDecimalScale - xs + ys; k >= 0 {
		num.Mul(num, pow10(k))
	} else {
		den.Mul(den, pow10(-k))
	}
	q := divHalfUp(num, den)
	cur := maxDecimalScale
	for _, target := range []int{mid, s} {
		if target < cur {
			q = divHalfUp(q, pow10(cur-target))
			cur = target
		}
	}
	if cur < s {
		q.Mul(q, pow10(s-cur))
	}
	return q, true
}

// divHalfUp is n/d rounded half away from zero.
func divHalfUp(n, d *big.Int) *big.Int {
	q, r := new(big.Int).QuoRem(n, d, new(big.Int))
	r.Abs(r).Lsh(r, 1)
	if r.Cmp(new(big.Int).Abs(d)) >= 0 {
		if (n.Sign() < 0) != (d.Sign() < 0) {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return q
}

// powersOf10 holds 10^0 .. 10^(2·38+2), the exponents decimal division
// scales by; callers must not modify them.
var powersOf10 = func() []*big.Int {
	out := make([]*big.Int, 2*maxDecimalScale+3)
	out[0] = big.NewInt(1)
	ten := big.NewInt(10)
	for i := 1; i < len(out); i++ {
		out[i] = new(big.Int).Mul(out[i-1], ten)
	}
	return out
}()

// pow10 returns 10^k (shared for small k: do not modify the result).
func pow10(k int) *big.Int {
	if k < len(powersOf10) {
		return powersOf10[k]
	}
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil)
}
