package udf

import (
	"database/sql/driver"
	"encoding/base64"
	"encoding/hex"
	"reflect"
	"strings"
	"testing"
)

// Expected values were recorded from Spark 4.2.

func TestURLCoding(t *testing.T) {
	for in, want := range map[string]string{
		"https://spark.apache.org": "https%3A%2F%2Fspark.apache.org",
		"Hello World!":             "Hello+World%21",
		"~!@#$%^&*()_+":            "%7E%21%40%23%24%25%5E%26*%28%29_%2B",
		"你好":                       "%E4%BD%A0%E5%A5%BD",
	} {
		if got := urlEncode(in); got != want {
			t.Errorf("url_encode(%q) = %q, want %q", in, got, want)
		}
		if got, ok := urlDecode(want); !ok || got != in {
			t.Errorf("url_decode(%q) = %q, want %q", want, got, in)
		}
	}
	if _, ok := urlDecode("https%3A%2F%2spark.apache.org"); ok {
		t.Error("url_decode accepted a malformed escape")
	}
}

func TestParseURL(t *testing.T) {
	u := "https://u:p@spark.apache.org:8080/path/x?query=1&b=2#frag"
	for part, want := range map[string]any{
		"HOST": "spark.apache.org", "PATH": "/path/x", "QUERY": "query=1&b=2", "REF": "frag",
		"PROTOCOL": "https", "FILE": "/path/x?query=1&b=2", "AUTHORITY": "u:p@spark.apache.org:8080",
		"USERINFO": "u:p", "BAD": nil, "host": nil,
	} {
		got, err := parseURL(u, part, nil, true)
		if err != nil || got != want {
			t.Errorf("parse_url(%s) = %v, %v; want %v", part, got, err, want)
		}
	}
	k := "b"
	if got, _ := parseURL(u, "QUERY", &k, true); got != "2" {
		t.Errorf("parse_url key b = %v", got)
	}
	if _, err := parseURL("inva lid://spark.apache.org/path?query=1", "QUERY", nil, true); err == nil || !strings.Contains(err.Error(), "INVALID_URL") {
		t.Errorf("invalid url: %v", err)
	}
	if got, err := parseURL("inva lid://x", "QUERY", nil, false); got != nil || err != nil {
		t.Errorf("try_parse_url: %v, %v", got, err)
	}
}

func TestSentences(t *testing.T) {
	for in, want := range map[string][][]string{
		"This is an example sentence.":      {{"This", "is", "an", "example", "sentence"}},
		"Hi there! How are you? I am fine.": {{"Hi", "there"}, {"How", "are", "you"}, {"I", "am", "fine"}},
		"a, b. c":                           {{"a", "b", "c"}},
		"":                                  {},
	} {
		if got := sentences(in); !reflect.DeepEqual(got, want) {
			t.Errorf("sentences(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestJavaFormat(t *testing.T) {
	args := []driver.Value{"i123", "scc", "f1.5", nil, "btrue"}
	for f, want := range map[string]string{
		"aa%d%s":              "aa123cc",
		"%5d|%-4s|%.2f|%s|%b": "  123|cc  |1.50|null|true",
		"%x %2$s %<S":         "7b cc CC",
		"%5$b %%":             "true %",
	} {
		got, err := javaFormat(f, args)
		if err != nil || got != want {
			t.Errorf("format_string(%q) = %v, %v; want %q", f, got, err, want)
		}
	}
	if _, err := javaFormat("%f", []driver.Value{"i1"}); err == nil {
		t.Error("a float conversion of an int should fail as in Java")
	}
}

func TestAES(t *testing.T) {
	key := []byte("abcdefghijklmnop12345678ABCDEFGH")
	iv, _ := hex.DecodeString("000000000000000000000000")
	out, err := aesEncrypt([]byte("Spark"), key, "GCM", "DEFAULT", iv, []byte("This is an AAD mixed into the input"))
	if err != nil {
		t.Fatal(err)
	}
	if got := base64.StdEncoding.EncodeToString(out.([]byte)); got != "AAAAAAAAAAAAAAAAQiYi+sTLm7KD9UcZ2nlRdYDe/PX4" {
		t.Errorf("GCM = %s", got)
	}
	cbc, _ := base64.StdEncoding.DecodeString("AAAAAAAAAAAAAAAAAAAAAPSd4mWyMZ5mhvjiAPQJnfg=")
	if got, err := aesDecrypt(cbc, key, "CBC", "DEFAULT", nil); err != nil || string(got.([]byte)) != "Spark" {
		t.Errorf("CBC decrypt = %v, %v", got, err)
	}
	gcm, _ := hex.DecodeString("83F16B2AA704794132802D248E6BFD4E380078182D1544813898AC97E709B28A94")
	if got, err := aesDecrypt(gcm, []byte("0000111122223333"), "GCM", "DEFAULT", nil); err != nil || string(got.([]byte)) != "Spark" {
		t.Errorf("GCM decrypt = %v, %v", got, err)
	}
	for _, mode := range []string{"ECB", "CBC", "GCM"} {
		enc, err := aesEncrypt([]byte("Spark SQL"), []byte("1234567890abcdef"), mode, "DEFAULT", nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if dec, err := aesDecrypt(enc.([]byte), []byte("1234567890abcdef"), mode, "DEFAULT", nil); err != nil || string(dec.([]byte)) != "Spark SQL" {
			t.Errorf("%s round trip = %v, %v", mode, dec, err)
		}
	}
	if _, err := aesEncrypt([]byte("x"), []byte("short"), "GCM", "DEFAULT", nil, nil); err == nil || !strings.Contains(err.Error(), "AES_KEY_LENGTH") {
		t.Errorf("short key: %v", err)
	}
	if _, err := aesEncrypt([]byte("x"), key, "OFB", "DEFAULT", nil, nil); err == nil || !strings.Contains(err.Error(), "AES_MODE") {
		t.Errorf("OFB: %v", err)
	}
}

func TestJavaRegex(t *testing.T) {
	if _, err := javaRegex("[", "regexp_count"); err == nil || !strings.Contains(err.Error(), "INVALID_PARAMETER_VALUE.PATTERN") {
		t.Errorf("bad pattern: %v", err)
	}
	if _, err := javaRegex("(?<=a)b", "regexp_count"); err == nil || !strings.Contains(err.Error(), "UNSUPPORTED_FEATURE") {
		t.Errorf("lookbehind: %v", err)
	}
	if _, err := javaRegex(`(\d+)-(\d+)`, "regexp_count"); err != nil {
		t.Error(err)
	}
}
