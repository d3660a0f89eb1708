package functions

import (
	"testing"
	"time"

	"github.com/emberdb/ember/internal/sparkerr"
)

func TestCompileJavaPatternErrors(t *testing.T) {
	tests := []struct {
		p       string
		parsing bool
		class   string // "" when the pattern is accepted
	}{
		{"yyyy-MM-dd HH:mm:ss.SSS", false, ""},
		{"[yyyy]'T'''", false, ""},
		{"GGGGG", false, "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION"},
		{"Y", false, "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION"},
		{"e", false, "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_WEEK_BASED_PATTERN"},
		{"yyyy n", false, "INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER"},
		{"QQQQQ", false, "INVALID_DATETIME_PATTERN.LENGTH"},
		{"QQQ", true, "INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER"},
		{"EEE", true, "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION"},
		{"V", false, "INVALID_DATETIME_PATTERN.WITH_SUGGESTION"},
		{"yyyy'abc", false, "INVALID_DATETIME_PATTERN.WITH_SUGGESTION"},
		{"yyyy]", false, "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION"},
		{"b", false, "INVALID_DATETIME_PATTERN.WITH_SUGGESTION"},
	}
	for _, tc := range tests {
		_, err := CompileJavaPattern(tc.p, tc.parsing)
		got := ""
		if se, ok := sparkerr.As(err); ok {
			got = se.Class
		} else if err != nil {
			got = err.Error()
		}
		if got != tc.class {
			t.Errorf("%q (parsing %v): got %q, want %q", tc.p, tc.parsing, got, tc.class)
		}
	}
}

func TestJavaPatternFormat(t *testing.T) {
	la, err := LoadZone("America/Los_Angeles")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	ts := time.Date(2024, 2, 29, 13, 45, 30, 123456000, time.UTC)
	tests := []struct {
		p, tz string
		want  string
	}{
		{"yyyy-MM-dd HH:mm:ss.SSS", "UTC", "2024-02-29 13:45:30.123"},
		{"D DD DDD", "UTC", "60 60 060"},
		{"QQQ qqqq F", "UTC", "Q1 1st quarter 1"},
		{"h K k a", "UTC", "1 1 13 PM"},
		{"GGGG yyyyy", "UTC", "Anno Domini 02024"},
		{"XXX xx Z ZZZZ O", "UTC", "Z +0000 +0000 GMT GMT"},
		{"z zzzz v VV XXX O", "America/Los_Angeles", "PST Pacific Standard Time PT America/Los_Angeles -08:00 GMT-8"},
		{"'x''y' [yyyy]", "UTC", "x'y 2024"},
	}
	for _, tc := range tests {
		pat, err := CompileJavaPattern(tc.p, false)
		if err != nil {
			t.Fatalf("%q: %v", tc.p, err)
		}
		loc := time.UTC
		if tc.tz != "UTC" {
			loc = la
		}
		got, err := pat.Format(ts.In(loc), tc.tz)
		if err != nil || got != tc.want {
			t.Errorf("%q in %s = %q, %v; want %q", tc.p, tc.tz, got, err, tc.want)
		}
	}
}

func TestJavaPatternParse(t *testing.T) {
	at := func(y, mo, d, h, mi, s, ns int) time.Time {
		return time.Date(y, time.Month(mo), d, h, mi, s, ns, time.UTC)
	}
	tests := []struct {
		s, p string
		want time.Time
		err  string
	}{
		{"2024-2-9", "yyyy-M-d", at(2024, 2, 9, 0, 0, 0, 0), ""},
		{"20240229", "yyyyMMdd", at(2024, 2, 29, 0, 0, 0, 0), ""},
		{"01:45 pm", "hh:mm a", at(1970, 1, 1, 13, 45, 0, 0), ""},
		{"PM", "a", at(1970, 1, 1, 12, 0, 0, 0), ""},
		{"24:00", "kk:mm", at(1970, 1, 1, 0, 0, 0, 0), ""},
		{"2024-02-29T13:45:30+05:30", "yyyy-MM-dd'T'HH:mm:ssXXX", at(2024, 2, 29, 8, 15, 30, 0), ""},
		{"2024-02-29", "yyyy-MM-dd[ HH:mm]", at(2024, 2, 29, 0, 0, 0, 0), ""},
		{"2024-02-29 13:45:30.1", "yyyy-MM-dd HH:mm:ss.SSS", at(2024, 2, 29, 13, 45, 30, 100000000), ""},
		{"2024-2-9", "yyyy-MM-dd", time.Time{}, "Text '2024-2-9' could not be parsed at index 5"},
		{"12345", "yyyy", time.Time{}, "Text '12345' could not be parsed at index 0"},
		{"2024-02-29 extra", "yyyy-MM-dd", time.Time{}, "Text '2024-02-29 extra' could not be parsed, unparsed text found at index 10"},
		{"2023-02-29", "yyyy-MM-dd", time.Time{}, "Text '2023-02-29' could not be parsed: Invalid date 'February 29' as '2023' is not a leap year"},
		{"13", "MM", time.Time{}, "Invalid value for MonthOfYear (valid values 1 - 12): 13"},
		{"25", "HH", time.Time{}, "Text '25' could not be parsed: Invalid value for HourOfDay (valid values 0 - 23): 25"},
	}
	for _, tc := range tests {
		pat, err := CompileJavaPattern(tc.p, true)
		if err != nil {
			t.Fatalf("%q: %v", tc.p, err)
		}
		got, err := pat.Parse(tc.s, time.UTC)
		switch {
		case tc.err != "":
			if err == nil || err.Error() != tc.err {
				t.Errorf("%q/%q: error %v, want %q", tc.s, tc.p, err, tc.err)
			}
		case err != nil || !got.Equal(tc.want):
			t.Errorf("%q/%q = %v, %v; want %v", tc.s, tc.p, got, err, tc.want)
		}
	}
}
