package functions

import (
	"math"
	"testing"
)

func TestScaleCalendarInterval(t *testing.T) {
	const day = 86_400_000_000
	tests := []struct {
		name            string
		months, days    int32
		micros          int64
		num             float64
		divide          bool
		mode            CalScaleMode
		wantM, wantD    int32
		wantUs          int64
		wantNull, isErr bool
	}{
		{"months fraction is dropped", 15, 0, 0, 2.5, false, CalScaleTry, 37, 0, 0, false, false},
		{"days fraction carries to micros", 15, 8, 0, 2.5, true, CalScaleTry, 6, 3, day / 5 * 1, false, false},
		{"micros round half up", 1, 1, 1, 0.5, false, CalScaleTry, 0, 0, day/2 + 1, false, false},
		{"negative rounds toward +inf at half", 0, 0, -7, 3, true, CalScaleTry, 0, 0, -2, false, false},
		{"division by zero is NULL for try", 12, 0, 0, 0, true, CalScaleTry, 0, 0, 0, true, false},
		{"division by zero raises under ANSI", 12, 0, 0, 0, true, CalScaleANSI, 0, 0, 0, false, true},
		{"division by zero is NULL in legacy mode", 12, 0, 0, 0, true, CalScaleLegacy, 0, 0, 0, true, false},
		{"months overflow is NULL for try", 1_200_000_000, 0, 0, 1000, false, CalScaleTry, 0, 0, 0, true, false},
		{"months overflow raises under ANSI", 1_200_000_000, 0, 0, 1000, false, CalScaleANSI, 0, 0, 0, false, true},
		{"months overflow saturates in legacy mode", 1_200_000_000, 0, 0, 1000, false, CalScaleLegacy, math.MaxInt32, 0, 0, false, false},
		{"micros saturate", 0, 0, 1, 1e30, false, CalScaleTry, 0, 0, math.MaxInt64, false, false},
		{"NaN gives zero", 12, 0, 0, math.NaN(), false, CalScaleTry, 0, 0, 0, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, d, us, null, err := ScaleCalendarInterval(tc.months, tc.days, tc.micros, tc.num, tc.divide, tc.mode)
			if (err != nil) != tc.isErr {
				t.Fatalf("err = %v, want error %v", err, tc.isErr)
			}
			if err != nil {
				return
			}
			if null != tc.wantNull || (!null && (m != tc.wantM || d != tc.wantD || us != tc.wantUs)) {
				t.Errorf("got (%d, %d, %d, null=%v), want (%d, %d, %d, null=%v)", m, d, us, null, tc.wantM, tc.wantD, tc.wantUs, tc.wantNull)
			}
		})
	}
}
