package sql

import (
	"fmt"
	"strings"
	"testing"
)

func lexString(src string) string {
	var parts []string
	for _, t := range lex(src, options{}).toks {
		if t.kind == tEOF {
			break
		}
		var k string
		switch t.kind {
		case tIdent:
			k = "id"
		case tQuotedIdent:
			k = "qid"
		case tString:
			k = "str"
		case tInteger:
			k = "int"
		case tDecimal:
			k = "dec"
		case tExponent:
			k = "exp"
		case tBigint:
			k = "L"
		case tSmallint:
			k = "S"
		case tTinyint:
			k = "Y"
		case tDouble:
			k = "D"
		case tFloat:
			k = "F"
		case tBigDecimal:
			k = "BD"
		case tOp:
			k = "op"
		case tHintStart:
			k = "hint"
		case tHintEnd:
			k = "endhint"
		case tError:
			k = "err"
		}
		v := t.text
		if t.kind == tString || t.kind == tQuotedIdent || t.kind == tOp {
			v = t.val
		}
		parts = append(parts, fmt.Sprintf("%s:%s", k, v))
	}
	return strings.Join(parts, " ")
}

func TestLexer(t *testing.T) {
	cases := []struct{ in, want string }{
		{"SELECT a, b FROM t", "id:SELECT id:a op:, id:b id:FROM id:t"},
		{"`a``b`.c", "qid:a`b op:. id:c"},
		{"'it''s' \"x\\\"y\" r'a\\n' R\"b\"", `str:it's str:x"y str:a\n str:b`},
		{`'\u0041\t\%\_\z'`, "str:A\t\\%\\_z"},
		{"1 1L 1S 1Y 1.5 .5 1. 1e3 1.5E-2 1D 1.5F 1BD 1.5e2BD", "int:1 L:1L S:1S Y:1Y dec:1.5 dec:.5 dec:1. exp:1e3 exp:1.5E-2 D:1D F:1.5F BD:1BD BD:1.5e2BD"},
		{"12abc 1e3x a1", "id:12abc id:1e3x id:a1"},
		{"a<=>b a==b a!=b a<>b a<=b a>=b a!<b a!>b", "id:a op:<=> id:b id:a op:= id:b id:a op:!= id:b id:a op:<> id:b id:a op:<= id:b id:a op:>= id:b id:a op:>= id:b id:a op:<= id:b"},
		{"a||b a|b a&b a^b ~a a%b a::int x->y k=>v a<<1 a>>1 a>>>1", "id:a op:|| id:b id:a op:| id:b id:a op:& id:b id:a op:^ id:b op:~ id:a id:a op:% id:b id:a op::: id:int id:x op:-> id:y id:k op:=> id:v id:a op:<< int:1 id:a op:>> int:1 id:a op:>>> int:1"},
		{"a -- comment\n b /* c /* nested */ d */ e", "id:a id:b id:e"},
		{"SELECT /*+ HINT(a) */ 1", "id:SELECT hint:/*+ id:HINT op:( id:a op:) endhint:*/ int:1"},
		{":name ?", "op:: id:name op:?"},
		{"'unclosed", "err:' id:unclosed"},
		{"`unclosed", "err:` id:unclosed"},
		{"a # b", "id:a err:# id:b"},
		{"día ñ", "id:día id:ñ"},
	}
	for _, c := range cases {
		if got := lexString(c.in); got != c.want {
			t.Errorf("%q:\n got  %s\n want %s", c.in, got, c.want)
		}
	}
	if !lex("SELECT /* open", options{}).unclosedComment {
		t.Error("unclosed comment not detected")
	}
}

func TestTokenPositions(t *testing.T) {
	toks := lex("SELECT  a\n  FROM t", options{}).toks
	want := []struct{ pos, end int }{{0, 6}, {8, 9}, {12, 16}, {17, 18}}
	for i, w := range want {
		if toks[i].pos != w.pos || toks[i].end != w.end {
			t.Errorf("token %d at %d..%d, want %d..%d", i, toks[i].pos, toks[i].end, w.pos, w.end)
		}
	}
}

func TestMultilineErrorContext(t *testing.T) {
	_, err := ParseStatement("SELECT a\nFROM t\nWHERE a ==\n")
	want := "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 4, pos 0)\n\n== SQL ==\nSELECT a\nFROM t\nWHERE a ==\n^^^\n"
	if err == nil || err.Error() != want {
		t.Fatalf("got %q", err)
	}
	_, err = ParseStatement("SELECT a\nFROM t x y\nWHERE a")
	want = "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'y'. SQLSTATE: 42601 (line 2, pos 9)\n\n== SQL ==\nSELECT a\nFROM t x y\n---------^^^\nWHERE a\n"
	if err == nil || err.Error() != want {
		t.Fatalf("got %q", err)
	}
}

func TestDoubledQuoteBySparkVersion(t *testing.T) {
	cases := []struct {
		src     string
		spark35 bool
		want    []string
	}{
		{"'it''s'", false, []string{"it's"}},
		{"'it''s'", true, []string{"it", "s"}},
		{`"a""b"`, true, []string{"a", "b"}},
		{`'a\'b'`, true, []string{"a'b"}},
	}
	for _, c := range cases {
		var got []string
		for _, tk := range lex(c.src, options{spark35: c.spark35}).toks {
			if tk.kind == tString {
				got = append(got, tk.val)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("lex(%q, spark35=%v) = %q, want %q", c.src, c.spark35, got, c.want)
		}
	}
}
