package udf

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

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

func init() {
	d, i, v := T(duckdb.TYPE_DOUBLE), T(duckdb.TYPE_INTEGER), T(duckdb.TYPE_VARCHAR)
	Register(
		Func{Name: "ember_rint", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{d}, Out: d,
			Fn: func(a []driver.Value) (any, error) { return math.RoundToEven(a[0].(float64)), nil },
		}}},
		Func{Name: "ember_hypot", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{d, d}, Out: d,
			Fn: func(a []driver.Value) (any, error) { return math.Hypot(a[0].(float64), a[1].(float64)), nil },
		}}},
		// ember_round_dec(decimal text, scale, 'ceil'|'floor') rounds a
		// decimal exactly to scale digits (negative: left of the point).
		Func{Name: "ember_round_dec", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{v, i, v}, Out: v,
			Fn: func(a []driver.Value) (any, error) {
				return RoundDecimalText(a[0].(string), int(a[1].(int32)), a[2].(string) == "ceil")
			},
		}}},
		// ember_conv(num, from_base, to_base, fail_on_overflow)
		Func{Name: "ember_conv", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{v, i, i, T(duckdb.TYPE_BOOLEAN)}, Out: v,
			Fn: func(a []driver.Value) (any, error) {
				s, ok, err := Conv(a[0].(string), int(a[1].(int32)), int(a[2].(int32)), a[3].(bool))
				if err != nil || !ok {
					return nil, err
				}
				return s, nil
			},
		}}},
	)
}

// RoundDecimalText rounds the decimal number in s (as DuckDB prints a
// DECIMAL) up or down to scale fractional digits and prints the result.
func RoundDecimalText(s string, scale int, ceil bool) (string, error) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	ip, fp, _ := strings.Cut(s, ".")
	u, ok := new(big.Int).SetString(ip+fp, 10)
	if !ok {
		return "", fmt.Errorf("ember_round_dec: bad decimal %q", s)
	}
	if neg {
		u.Neg(u)
	}
	cur := len(fp)
	if scale >= cur {
		return formatUnscaled(u, cur), nil
	}
	div := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(cur-scale)), nil)
	q, m := new(big.Int).DivMod(u, div, new(big.Int)) // Euclidean: floor for div > 0
	if ceil && m.Sign() != 0 {
		q.Add(q, big.NewInt(1))
	}
	if scale < 0 {
		q.Mul(q, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-scale)), nil))
		return q.String(), nil
	}
	return formatUnscaled(q, scale), nil
}

func formatUnscaled(u *big.Int, scale int) string {
	neg := u.Sign() < 0
	digits := new(big.Int).Abs(u).String()
	if scale > 0 {
		if len(digits) <= scale {
			digits = strings.Repeat("0", scale-len(digits)+1) + digits
		}
		digits = digits[:len(digits)-scale] + "." + digits[len(digits)-scale:]
	}
	if neg {
		return "-" + digits
	}
	return digits
}

// ConvOverflow is the error conv raises on overflow under ANSI mode
// (decoded by the engine as Spark's ARITHMETIC_OVERFLOW).
var ConvOverflow = errors.New(errorMarker + "ARITHMETIC_OVERFLOW\x1fmessage=Overflow in function conv()\x1falternative=\x1fconfig=\"spark.sql.ansi.enabled\"")

// Conv is Spark's conv(num, fromBase, toBase): digits of num (after an
// optional '-') are read in fromBase up to the first invalid one as an
// unsigned 64-bit value, and written in |toBase|; a negative toBase
// prints the value as signed. ok is false for Spark's NULL cases.
func Conv(num string, from, to int, failOnOverflow bool) (string, bool, error) {
	num = strings.Trim(num, " ")
	abs := to
	if abs < 0 {
		abs = -abs
	}
	if from < 2 || from > 36 || abs < 2 || abs > 36 || num == "" {
		return "", false, nil
	}
	neg := num[0] == '-'
	if neg {
		num = num[1:]
	}
	var v uint64
	bound := (math.MaxUint64 - uint64(from)) / uint64(from)
	for i := 0; i < len(num); i++ {
		dgt := digitValue(num[i])
		if dgt < 0 || dgt >= from {
			break
		}
		if v >= bound && (math.MaxUint64-uint64(dgt))/uint64(from) < v {
			if failOnOverflow {
				return "", false, ConvOverflow
			}
			v = math.MaxUint64
			break
		}
		v = v*uint64(from) + uint64(dgt)
	}
	if neg && to > 0 {
		if int64(v) < 0 {
			v = math.MaxUint64
		} else {
			v = uint64(-int64(v))
		}
	}
	if to < 0 && int64(v) < 0 {
		v = uint64(-int64(v))
		neg = true
	}
	out := strings.ToUpper(strconv.FormatUint(v, abs))
	if neg && to < 0 {
		out = "-" + out
	}
	return out, true, nil
}

func digitValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	}
	return -1
}

// FdlibmCosh, FdlibmSinh and FdlibmTanh are fdlibm's hyperbolic functions
// (java.lang.Math delegates them to StrictMath), built on FdlibmExp and
// expm1.
func FdlibmCosh(x float64) float64 {
	ix := hiWord(x) & 0x7fffffff
	if ix >= 0x7ff00000 {
		return x * x
	}
	ax := math.Abs(x)
	switch {
	case ix < 0x3fd62e43:
		t := math.Expm1(ax)
		w := 1 + t
		if ix < 0x3c800000 {
			return w
		}
		return 1 + float64(t*t)/(w+w)
	case ix < 0x40360000:
		t := FdlibmExp(ax)
		return float64(0.5*t) + 0.5/t
	case ix < 0x40862E42:
		return 0.5 * FdlibmExp(ax)
	case ax <= 7.10475860073943863426e+02:
		w := FdlibmExp(0.5 * ax)
		t := 0.5 * w
		return t * w
	}
	return math.Inf(1)
}

func FdlibmSinh(x float64) float64 {
	jx := hiWord(x)
	ix := jx & 0x7fffffff
	if ix >= 0x7ff00000 {
		return x + x
	}
	h := 0.5
	if jx < 0 {
		h = -h
	}
	ax := math.Abs(x)
	switch {
	case ix < 0x40360000:
		if ix < 0x3e300000 {
			return x
		}
		t := math.Expm1(ax)
		if ix < 0x3ff00000 {
			return h * (float64(2.0*t) - float64(t*t)/(t+1))
		}
		return h * (t + t/(t+1))
	case ix < 0x40862E42:
		return h * FdlibmExp(ax)
	case ax <= 7.10475860073943863426e+02:
		w := FdlibmExp(0.5 * ax)
		t := h * w
		return t * w
	}
	return x * 1.0e307
}

func FdlibmTanh(x float64) float64 {
	jx := hiWord(x)
	ix := jx & 0x7fffffff
	if ix >= 0x7ff00000 {
		if jx >= 0 {
			return 1/x + 1
		}
		return 1/x - 1
	}
	var z float64
	switch {
	case ix < 0x40360000:
		if ix < 0x3c800000 {
			return x * (1 + x)
		}
		if ix >= 0x3ff00000 {
			t := math.Expm1(2 * math.Abs(x))
			z = 1 - 2/(t+2)
		} else {
			t := math.Expm1(-2 * math.Abs(x))
			z = -t / (t + 2)
		}
	default:
		z = 1 - 1e-300
	}
	if jx >= 0 {
		return z
	}
	return -z
}

func init() {
	d := T(duckdb.TYPE_DOUBLE)
	for name, f := range map[string]func(float64) float64{"ember_cosh": FdlibmCosh, "ember_sinh": FdlibmSinh, "ember_tanh": FdlibmTanh} {
		Register(Func{Name: name, Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{d}, Out: d,
			Fn: func(a []driver.Value) (any, error) { return f(a[0].(float64)), nil },
		}}})
	}
}

// FdlibmCbrt is fdlibm's cube root (StrictMath.cbrt).
func FdlibmCbrt(x float64) float64 {
	const (
		b1 = 715094163
		b2 = 696219795
		c  = 5.42857142857142815906e-01
		d  = -7.05306122448979611050e-01
		e  = 1.41428571428571436819e+00
		f  = 1.60714285714285720630e+00
		g  = 3.57142857142857150787e-01
	)
	hx := uint32(hiWord(x))
	sign := hx & 0x80000000
	hx ^= sign
	if hx >= 0x7ff00000 {
		return x + x
	}
	if hx|loWord(x) == 0 {
		return x
	}
	x = withHi(x, int32(hx))
	var t float64
	if hx < 0x00100000 {
		t = math.Float64frombits(uint64(0x43500000) << 32)
		t *= x
		t = withHi(t, int32(uint32(hiWord(t))/3+b2))
	} else {
		t = math.Float64frombits(uint64(hx/3+b1) << 32)
	}
	r := float64(t*t) / x
	s := c + float64(r*t)
	t *= g + f/(s+e+d/s)
	t = math.Float64frombits((math.Float64bits(t) &^ 0xffffffff) + 1<<32)
	s = float64(t * t)
	r = x / s
	w := t + t
	r = (r - t) / (w + r)
	t = t + float64(t*r)
	return math.Float64frombits(math.Float64bits(t) | uint64(sign)<<32)
}

func init() {
	d := T(duckdb.TYPE_DOUBLE)
	Register(Func{Name: "ember_cbrt", Overloads: []duckdb.ScalarFunc{Scalar{
		In: []duckdb.TypeInfo{d}, Out: d,
		Fn: func(a []driver.Value) (any, error) { return FdlibmCbrt(a[0].(float64)), nil },
	}}})
}
