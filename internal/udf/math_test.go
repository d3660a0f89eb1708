package udf

import (
	"math"
	"math/rand"
	"testing"
)

// The fdlibm ports agree with Java's StrictMath on known values and stay
// within an ulp of Go's math everywhere.
func TestFdlibm(t *testing.T) {
	known := []struct {
		f    func(float64) float64
		x, y float64
	}{
		{FdlibmExp, 1, 2.7182818284590455},
		{FdlibmExp, 2, 7.38905609893065},
		{FdlibmExp, 0, 1},
		{FdlibmLog, 9, 2.1972245773362196},
		{FdlibmLog10, 100, 2},
		{FdlibmLog10, 1000, 3},
	}
	for _, k := range known {
		if got := k.f(k.x); got != k.y {
			t.Errorf("f(%v) = %v, want %v", k.x, got, k.y)
		}
	}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 100000; i++ {
		x := math.Exp(r.Float64()*200 - 100)
		for _, c := range []struct {
			a, b float64
		}{{FdlibmLog(x), math.Log(x)}, {FdlibmLog10(x), math.Log10(x)}, {FdlibmExp(math.Log(x)), x}} {
			if math.Abs(c.a-c.b) > 2*math.Abs(math.Nextafter(c.b, math.Inf(1))-c.b) {
				t.Fatalf("x=%v: %v vs %v", x, c.a, c.b)
			}
		}
	}
	if !math.IsNaN(FdlibmLog(-1)) || !math.IsInf(FdlibmLog(0), -1) || FdlibmExp(math.Inf(-1)) != 0 || !math.IsInf(FdlibmExp(1000), 1) {
		t.Error("special values")
	}
}

// Values from Spark 4.2: rand(42), randn(42) and randstr(16, 3) on one
// partition.
func TestXORShiftMatchesSpark(t *testing.T) {
	r := NewXORShift(42)
	a, b := r.NextDouble(), r.NextDouble()
	g := NewXORShift(42)
	c, d := g.NextGaussian(), g.NextGaussian()
	s := NewXORShift(3).RandStr(16)
	t.Logf("%v %v %v %v %s", a, b, c, d, s)
	if a != 0.619189370225301 || b != 0.5096018842446481 || c != 2.384479054241165 || d != 0.1920934041293524 || s != "nurJIpH4cmmMnsCG" {
		t.Errorf("got %v %v %v %v %s", a, b, c, d, s)
	}
}

func TestFdlibmHyperbolic(t *testing.T) {
	if got := FdlibmCosh(1); got != 1.543080634815244 {
		t.Errorf("cosh(1) = %v", got)
	}
	for _, x := range []float64{-30, -3, -1, -0.2, 0, 1e-10, 0.3, 2, 25, 700} {
		for _, c := range [][2]float64{{FdlibmCosh(x), math.Cosh(x)}, {FdlibmSinh(x), math.Sinh(x)}, {FdlibmTanh(x), math.Tanh(x)}} {
			if math.Abs(c[0]-c[1]) > 1e-15*math.Max(1, math.Abs(c[1])) {
				t.Errorf("x=%v: %v vs %v", x, c[0], c[1])
			}
		}
	}
}

func TestFdlibmCbrt(t *testing.T) {
	if got := FdlibmCbrt(2); got != 1.2599210498948732 {
		t.Errorf("cbrt(2) = %v", got)
	}
	for _, x := range []float64{-27, 8, 1e-310, 3.5, -1e300, 0} {
		if got, want := FdlibmCbrt(x), math.Cbrt(x); math.Abs(got-want) > 1e-15*math.Abs(want) {
			t.Errorf("cbrt(%v) = %v, want %v", x, got, want)
		}
	}
}
