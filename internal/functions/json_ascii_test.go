package functions

import "testing"

// Expected texts were observed on Spark 4.2 (to_json with
// writeNonAsciiCharacterAsCodePoint=true).
func TestJSONASCII(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"a":"é\"\n😀中","b":1.5}`, `{"a":"\u00E9\"\n\uD83D\uDE00\u4E2D","b":1.5}`},
		{"{\n  \"ключ\" : [ \"é\" ]\n}", "{\n  \"\\u043A\\u043B\\u044E\\u0447\" : [ \"\\u00E9\" ]\n}"},
		{`{"a":"plain"}`, `{"a":"plain"}`},
	}
	for _, tc := range tests {
		if got := JSONASCII(tc.in); got != tc.want {
			t.Errorf("JSONASCII(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
