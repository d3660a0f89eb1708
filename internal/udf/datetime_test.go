package udf

import (
	"testing"
	"time"
)

func TestParseJavaDatetime(t *testing.T) {
	at := func(y, mo, d, h, mi, s, ns int) time.Time {
		return time.Date(y, time.Month(mo), d, h, mi, s, ns, time.UTC)
	}
	tests := []struct {
		s, p string
		want time.Time
		ok   bool
	}{
		{"2015-04-08", "yyyy-MM-dd", at(2015, 4, 8, 0, 0, 0, 0), true},
		{"2025+01+09", "yyyy+MM+dd", at(2025, 1, 9, 0, 0, 0, 0), true},
		{"20250109", "yyyyMMdd", at(2025, 1, 9, 0, 0, 0, 0), true},
		{"9/1/25 7:05 PM", "d/M/yy h:mm a", at(2025, 1, 9, 19, 5, 0, 0), true},
		{"09 Jan 2025", "dd MMM yyyy", at(2025, 1, 9, 0, 0, 0, 0), true},
		{"2020-01-01 10:00:00.123", "yyyy-MM-dd HH:mm:ss.SSS", at(2020, 1, 1, 10, 0, 0, 123000000), true},
		{"2020 032", "yyyy DDD", at(2020, 2, 1, 0, 0, 0, 0), true},
		{"at 2020", "'at' yyyy", at(2020, 1, 1, 0, 0, 0, 0), true},
		{"2020-02-30", "yyyy-MM-dd", time.Time{}, false},
		{"2020-01-01x", "yyyy-MM-dd", time.Time{}, false},
		{"bad", "yyyy", time.Time{}, false},
		{"2020-1-01", "yyyy-MM-dd", time.Time{}, false},
	}
	for _, tc := range tests {
		got, ok, err := ParseJavaDatetime(tc.s, tc.p)
		if err != nil {
			t.Errorf("%q/%q: %v", tc.s, tc.p, err)
			continue
		}
		if ok != tc.ok || ok && !got.Equal(tc.want) {
			t.Errorf("%q/%q = %v, %v; want %v, %v", tc.s, tc.p, got, ok, tc.want, tc.ok)
		}
	}
	if _, _, err := ParseJavaDatetime("2020", "yyyy Q"); err == nil {
		t.Error("unsupported letter: no error")
	}
}
