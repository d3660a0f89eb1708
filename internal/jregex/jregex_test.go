package jregex

import "testing"

func TestTranslate(t *testing.T) {
	tests := []struct{ in, want string }{
		{`(Col1)?+.+`, `(?>(Col1)?).+`},
		{`a*+b`, `(?>a*)b`},
		{`[ab]++c`, `(?>[ab]+)c`},
		{`\d{2,3}+x`, `(?>\d{2,3})x`},
		{`a+?b`, `a+?b`},
		{`\Qa.b\E+`, `a\.b+`},
		{`\Qa.\E++`, `a(?>\.+)`},
		{`\p{Lu}?+`, `(?>\p{Lu}?)`},
		{`x{`, `x{`},
		{`[]a]++`, `(?>[]a]+)`},
		{`((a)b)*+`, `(?>((a)b)*)`},
	}
	for _, tc := range tests {
		got, err := Translate(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("Translate(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		pat, s     string
		ignoreCase bool
		full, any  bool
	}{
		{`(Col1)?+.+`, "Col1", false, false, true}, // the group takes Col1, nothing is left for .+
		{`(Col1)?+.+`, "Col2", false, true, true},
		{`(Col1)?+.+`, "col1", true, false, true},
		{`(?<=a)b`, "ab", false, false, true},
		{`(a)\1`, "aa", false, true, true},
		{`\Qa.b\E`, "axb", false, false, false},
		{`\Qa.b\E`, "a.b", false, true, true},
	}
	for _, tc := range tests {
		re, err := Compile(tc.pat, tc.ignoreCase)
		if err != nil {
			t.Fatalf("Compile(%q): %v", tc.pat, err)
		}
		if got := re.FullMatch(tc.s); got != tc.full {
			t.Errorf("%q FullMatch(%q) = %v", tc.pat, tc.s, got)
		}
		if got := re.MatchString(tc.s); got != tc.any {
			t.Errorf("%q MatchString(%q) = %v", tc.pat, tc.s, got)
		}
	}
	if _, err := Compile(`(a`, false); err == nil {
		t.Error("unbalanced group compiled")
	}
}
