package types

import (
	"math"
	"testing"
)

// Outputs of Double.toString / Float.toString on JDK 17 (Spark 4.2's JVM).
func TestJavaFloatString(t *testing.T) {
	cases := []struct {
		f    float64
		bits int
		want string
	}{
		{1, 64, "1.0"},
		{0.002, 64, "0.002"},
		{1e7, 64, "1.0E7"},
		{-1234567.5, 64, "-1234567.5"},
		{math.Ldexp(1, 62), 64, "4.6116860184273879E18"},
		{math.Ldexp(1, 63), 64, "9.223372036854776E18"},
		{math.Ldexp(1, -20), 64, "9.5367431640625E-7"},
		{2.82879384806159e17, 64, "2.82879384806159008E17"},
		{9007199254740993 - 1, 64, "9.007199254740992E15"},
		{float64(float32(0.002)), 32, "0.002"},
		{math.Ldexp(1, 30), 32, "1.07374182E9"},
		{4.9e-324, 64, "4.9E-324"},
	}
	for _, c := range cases {
		if got := JavaFloatString(c.f, c.bits); got != c.want {
			t.Errorf("JavaFloatString(%v, %d) = %q, want %q", c.f, c.bits, got, c.want)
		}
	}
}
