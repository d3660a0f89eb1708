package numfmt

import "testing"

// Expected values were recorded from Spark 4.2.

func TestFormat(t *testing.T) {
	for _, tc := range []struct{ num, f, want string }{
		{"78.12", "$99.99", "$78.12"},
		{"454", "999", "454"},
		{"454.00", "000D00", "454.00"},
		{"12454", "99G999", "12,454"},
		{"-12454.8", "99G999D9S", "12,454.8-"},
		{"12454.8", "99,999.9MI", "12,454.8 "},
		{"454", "99G999", "   454"},
		{"4", "0G000", "0,004"},
		{"12345", "99", "##"},
		{"1.25", "9.9", "#.#"},
		{"0.5", "9.99", "0.50"},
		{"5", "$9.99", "$5.00"},
		{"-5", "99PR", " <5>"},
		{"5", "99PR", " 5  "},
		{"-5", "S99", " -5"},
		{"5", "S99", " +5"},
		{"5", "99MI", " 5 "},
		{"-5", "MI99", " -5"},
		{"-5", "$99", "$ 5"},
		{"0", "999", "   "},
		{"0", "0.9", "0.0"},
		{"0.5", ".9", ".5"},
		{"5", "0000", "0005"},
		{"-12", "999", " 12"},
	} {
		fm, err := Parse(tc.f)
		if err != nil {
			t.Fatalf("%s: %v", tc.f, err)
		}
		got, ok := fm.Format(tc.num)
		if !ok || got != tc.want {
			t.Errorf("to_char(%s, %s) = %q, want %q", tc.num, tc.f, got, tc.want)
		}
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in, f, want string
		p, s        int
	}{
		{"$78.12", "$99.99", "78.12", 4, 2},
		{"454", "999", "454", 3, 0},
		{"454.00", "000.00", "454.00", 5, 2},
		{"12,454", "99,999", "12454", 5, 0},
		{"-12,454.8", "S99G999D9", "-12454.8", 6, 1},
		{"12,454.8-", "99G999D9S", "-12454.8", 6, 1},
		{"<5>", "99PR", "-5", 2, 0},
		{"5", "9999", "5", 4, 0},
		{" 45", "999", "45", 3, 0},
		{"45.5", "99.99", "45.50", 4, 2},
		{".5", ".9", "0.5", 1, 1},
		{"5-", "9MI", "-5", 1, 0},
		{"77", "$99.99", "", 4, 2},
		{"5.1234", "9.99", "", 3, 2},
		{"45", "000", "", 3, 0},
		{"45", "099", "", 3, 0},
	} {
		fm, err := Parse(tc.f)
		if err != nil {
			t.Fatalf("%s: %v", tc.f, err)
		}
		if fm.Precision != tc.p || fm.Scale != tc.s {
			t.Errorf("%s: decimal(%d,%d), want decimal(%d,%d)", tc.f, fm.Precision, fm.Scale, tc.p, tc.s)
		}
		got, ok := fm.Parse(tc.in)
		if tc.want == "" {
			if ok {
				t.Errorf("to_number(%q, %s) = %q, want a mismatch", tc.in, tc.f, got)
			}
			continue
		}
		if !ok || got != tc.want {
			t.Errorf("to_number(%q, %s) = %q (%v), want %q", tc.in, tc.f, got, ok, tc.want)
		}
	}
}

func TestInvalidFormats(t *testing.T) {
	for f, sub := range map[string]string{
		"":      "EMPTY",
		"xyz":   "WRONG_NUM_DIGIT",
		"PR99":  "UNEXPECTED_TOKEN",
		"9$":    "CUR_MUST_BEFORE_DIGIT",
		"9,,9":  "CONT_THOUSANDS_SEPS",
		"9.9,9": "THOUSANDS_SEPS_MUST_BEFORE_DEC",
		"9.9.9": "WRONG_NUM_TOKEN",
	} {
		if _, err := Parse(f); err == nil || err.Sub != sub {
			t.Errorf("Parse(%q) = %v, want %s", f, err, sub)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	for _, tc := range []struct {
		num  string
		d    int
		want string
	}{
		{"5", 4, "5.0000"},
		{"12332.123456", 4, "12,332.1235"},
		{"-1.5", 0, "-2"},
		{"2.5", 0, "2"},
		{"1234567.891", 2, "1,234,567.89"},
		{"0.5", 0, "0"},
		{"-0.1", 0, "-0"},
		{"1e+20", 2, "100,000,000,000,000,000,000.00"},
		{"1.005", 2, "1.00"},
		{"0.125", 2, "0.12"},
		{"nan", 2, "NaN"},
	} {
		if got, ok := FormatNumber(tc.num, tc.d); !ok || got != tc.want {
			t.Errorf("format_number(%s, %d) = %q, want %q", tc.num, tc.d, got, tc.want)
		}
	}
	for _, tc := range []struct{ num, p, want string }{
		{"12332.123456", "##.###", "12332.123"},
		{"123456789", "#,###", "123,456,789"},
		{"1.5", "0.00", "1.50"},
	} {
		if got, ok, sup := FormatPattern(tc.num, tc.p); !ok || !sup || got != tc.want {
			t.Errorf("format_number(%s, %q) = %q, want %q", tc.num, tc.p, got, tc.want)
		}
	}
}
