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

func TestAddCalendarIntervals(t *testing.T) {
	tests := []struct {
		name             string
		a, b             [3]int64
		subtract         bool
		mode             CalScaleMode
		want             [3]int64
		wantNull, wantEr bool
	}{
		{"fields add", [3]int64{12, 0, 0}, [3]int64{1, 1, 3_600_000_000}, false, CalScaleANSI, [3]int64{13, 1, 3_600_000_000}, false, false},
		{"fields subtract", [3]int64{12, 0, 0}, [3]int64{1, 1, 3_600_000_000}, true, CalScaleANSI, [3]int64{11, -1, -3_600_000_000}, false, false},
		{"month overflow raises under ANSI", [3]int64{2147483640, 0, 0}, [3]int64{2147483640, 0, 0}, false, CalScaleANSI, [3]int64{}, false, true},
		{"month overflow is NULL for try", [3]int64{-2147483640, 0, 0}, [3]int64{2147483640, 0, 0}, true, CalScaleTry, [3]int64{}, true, false},
		{"month overflow wraps in legacy mode", [3]int64{2147483647, 0, 0}, [3]int64{1, 0, 0}, false, CalScaleLegacy, [3]int64{math.MinInt32, 0, 0}, false, false},
		{"micros overflow is NULL for try", [3]int64{0, 0, math.MaxInt64}, [3]int64{0, 0, 1}, false, CalScaleTry, [3]int64{}, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, d, us, null, err := AddCalendarIntervals(int32(tc.a[0]), int32(tc.a[1]), tc.a[2], int32(tc.b[0]), int32(tc.b[1]), tc.b[2], tc.subtract, tc.mode)
			if (err != nil) != tc.wantEr {
				t.Fatalf("err = %v, want error %v", err, tc.wantEr)
			}
			if err != nil {
				return
			}
			if null != tc.wantNull || (!null && [3]int64{int64(m), int64(d), us} != tc.want) {
				t.Errorf("got (%d, %d, %d, null=%v), want %v null=%v", m, d, us, null, tc.want, tc.wantNull)
			}
		})
	}
}
