package udf

import (
	"math/big"
	"testing"
)

func TestDecimalDiv(t *testing.T) {
	tests := []struct {
		x      string
		xs     int
		y      string
		ys     int
		mid, s int
		want   string // unscaled at scale s
	}{
		{"12345678901234123456", 6, "7", 0, 6, 6, "1763668414462017637"}, // .0176365714 rounds up
		{"1", 0, "3", 0, 6, 6, "333333"},
		{"2", 0, "3", 0, 6, 6, "666667"},
		{"-2", 0, "3", 0, 6, 6, "-666667"},
		{"5", 1, "1", 0, 0, 0, "1"},               // 0.5 -> 1 (half up)
		{"-5", 1, "1", 0, 0, 0, "-1"},             // -0.5 -> -1
		{"100", 2, "4", 1, 6, 6, "2500000"},       // 1.00 / 0.4 = 2.5
		{"1", 0, "7", 0, 15, 6, "142857"},         // avg-style chain
		{"149999995", 8, "1", 0, 7, 6, "1500000"}, // 1.49999995 -> 1.5000000 -> 1.500000
	}
	for _, tc := range tests {
		x, _ := new(big.Int).SetString(tc.x, 10)
		y, _ := new(big.Int).SetString(tc.y, 10)
		got, ok := DecimalDiv(x, tc.xs, y, tc.ys, tc.mid, tc.s)
		if !ok || got.String() != tc.want {
			t.Errorf("%s e-%d / %s e-%d (mid %d, scale %d) = %v, want %s", tc.x, tc.xs, tc.y, tc.ys, tc.mid, tc.s, got, tc.want)
		}
	}
	if _, ok := DecimalDiv(big.NewInt(1), 0, big.NewInt(0), 0, 6, 6); ok {
		t.Error("division by zero answered")
	}
}
