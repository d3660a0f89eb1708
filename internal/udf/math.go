package udf

import (
	"database/sql/driver"
	"math"

	"github.com/duckdb/duckdb-go/v2"
)

// Math functions whose last bits must match Java's StrictMath (the
// fdlibm algorithms): Spark evaluates EXP, LN, LOG10, LOG2, LOG1P, EXPM1
// (and the log inside asinh/acosh/atanh) with StrictMath, and its
// results print with all 17 digits, so a libm answer one ulp away shows.

func init() {
	d := T(duckdb.TYPE_DOUBLE)
	unary := func(name string, f func(float64) float64) Func {
		return Func{Name: name, Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{d}, Out: d,
			Fn: func(a []driver.Value) (any, error) { return f(a[0].(float64)), nil },
		}}}
	}
	Register(
		unary("ember_exp", FdlibmExp),
		unary("ember_ln", FdlibmLog),
		unary("ember_log10", FdlibmLog10),
		unary("ember_log1p", math.Log1p),
		unary("ember_expm1", math.Expm1),
	)
}

const (
	ln2Hi  = 6.93147180369123816490e-01
	ln2Lo  = 1.90821492927058770002e-10
	two54  = 1.80143985094819840000e+16
	invLn2 = 1.44269504088896338700e+00
)

func hiWord(x float64) int32 { return int32(math.Float64bits(x) >> 32) }
func loWord(x float64) uint32 {
	return uint32(math.Float64bits(x))
}
func withHi(x float64, hi int32) float64 {
	return math.Float64frombits(uint64(uint32(hi))<<32 | uint64(loWord(x)))
}

// FdlibmExp is e**x computed as fdlibm's __ieee754_exp does (and hence as
// java.lang.StrictMath.exp).
func FdlibmExp(x float64) float64 {
	const (
		huge     = 1.0e+300
		twom1000 = 9.33263618503218878990e-302
		oThresh  = 7.09782712893383973096e+02
		uThresh  = -7.45133219101941108420e+02
		p1       = 1.66666666666666019037e-01
		p2       = -2.77777777770155933842e-03
		p3       = 6.61375632143793436117e-05
		p4       = -1.65339022054652515390e-06
		p5       = 4.13813679705723846039e-08
	)
	hx := hiWord(x)
	neg := hx < 0
	hx &= 0x7fffffff
	if hx >= 0x40862E42 { // |x| >= 709.78...
		if hx >= 0x7ff00000 {
			if (hx&0xfffff)|int32(loWord(x)) != 0 {
				return x + x // NaN
			}
			if neg {
				return 0
			}
			return x
		}
		if x > oThresh {
			return math.Inf(1)
		}
		if x < uThresh {
			return 0
		}
	}
	var hi, lo float64
	k := 0
	switch {
	case hx > 0x3fd62e42: // |x| > 0.5 ln2
		if hx < 0x3FF0A2B2 { // and |x| < 1.5 ln2
			if neg {
				hi, lo, k = x+ln2Hi, -ln2Lo, -1
			} else {
				hi, lo, k = x-ln2Hi, ln2Lo, 1
			}
		} else {
			half := 0.5
			if neg {
				half = -0.5
			}
			k = int(float64(invLn2*x) + half)
			t := float64(k)
			hi = x - float64(t*ln2Hi)
			lo = float64(t * ln2Lo)
		}
		x = hi - lo
	case hx < 0x3e300000: // |x| < 2**-28
		if huge+x > 1 {
			return 1 + x
		}
	}
	t := float64(x * x)
	c := x - float64(t*(p1+float64(t*(p2+float64(t*(p3+float64(t*(p4+float64(t*p5)))))))))
	if k == 0 {
		return 1 - (float64(x*c)/(c-2.0) - x)
	}
	y := 1 - ((lo - float64(x*c)/(2.0-c)) - hi)
	if k >= -1021 {
		return withHi(y, hiWord(y)+int32(k<<20))
	}
	return float64(withHi(y, hiWord(y)+int32((k+1000)<<20)) * twom1000)
}

// FdlibmLog is the natural logarithm as fdlibm's __ieee754_log computes it.
func FdlibmLog(x float64) float64 {
	const (
		lg1 = 6.666666666666735130e-01
		lg2 = 3.999999999940941908e-01
		lg3 = 2.857142874366239149e-01
		lg4 = 2.222219843214978396e-01
		lg5 = 1.818357216161805012e-01
		lg6 = 1.531383769920937332e-01
		lg7 = 1.479819860511658591e-01
	)
	hx := hiWord(x)
	lx := loWord(x)
	k := int32(0)
	if hx < 0x00100000 { // x < 2**-1022
		if (hx&0x7fffffff)|int32(lx) == 0 {
			return math.Inf(-1)
		}
		if hx < 0 {
			return math.NaN()
		}
		k -= 54
		x *= two54
		hx = hiWord(x)
	}
	if hx >= 0x7ff00000 {
		return x + x
	}
	k += (hx >> 20) - 1023
	hx &= 0x000fffff
	i := (hx + 0x95f64) & 0x100000
	x = withHi(x, hx|(i^0x3ff00000)) // normalize x or x/2
	k += i >> 20
	f := x - 1.0
	dk := float64(k)
	if (0x000fffff & (2 + hx)) < 3 { // |f| < 2**-20
		if f == 0 {
			if k == 0 {
				return 0
			}
			return float64(dk*ln2Hi) + float64(dk*ln2Lo)
		}
		r := float64(float64(f*f) * (0.5 - float64(0.33333333333333333*f)))
		if k == 0 {
			return f - r
		}
		return float64(dk*ln2Hi) - ((r - float64(dk*ln2Lo)) - f)
	}
	s := f / (2.0 + f)
	z := float64(s * s)
	i = hx - 0x6147a
	w := float64(z * z)
	j := 0x6b851 - hx
	t1 := float64(w * (lg2 + float64(w*(lg4+float64(w*lg6)))))
	t2 := float64(z * (lg1 + float64(w*(lg3+float64(w*(lg5+float64(w*lg7)))))))
	i |= j
	r := t2 + t1
	if i > 0 {
		hfsq := float64(float64(0.5*f) * f)
		if k == 0 {
			return f - (hfsq - float64(s*(hfsq+r)))
		}
		return float64(dk*ln2Hi) - ((hfsq - (float64(s*(hfsq+r)) + float64(dk*ln2Lo))) - f)
	}
	if k == 0 {
		return f - float64(s*(f-r))
	}
	return float64(dk*ln2Hi) - ((float64(s*(f-r)) - float64(dk*ln2Lo)) - f)
}

// FdlibmLog10 is the base-10 logarithm as fdlibm's __ieee754_log10.
func FdlibmLog10(x float64) float64 {
	const (
		ivln10   = 4.34294481903251816668e-01
		log10Hi  = 3.01029995663611771306e-01
		log10Lo  = 3.69423907715893078616e-13
		minusInf = -1
	)
	hx := hiWord(x)
	lx := loWord(x)
	k := int32(0)
	if hx < 0x00100000 {
		if (hx&0x7fffffff)|int32(lx) == 0 {
			return math.Inf(minusInf)
		}
		if hx < 0 {
			return math.NaN()
		}
		k -= 54
		x *= two54
		hx = hiWord(x)
	}
	if hx >= 0x7ff00000 {
		return x + x
	}
	k += (hx >> 20) - 1023
	i := int32(uint32(k) >> 31)
	hx = (hx & 0x000fffff) | ((0x3ff - i) << 20)
	y := float64(k + i)
	x = withHi(x, hx)
	z := float64(y*log10Lo) + float64(ivln10*FdlibmLog(x))
	return z + float64(y*log10Hi)
}
