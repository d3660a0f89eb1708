package sql

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind classifies a token. Keywords are not separate kinds: Spark's
// keywords are almost all non-reserved, so the lexer returns every
// unquoted word as tIdent and the parser checks its upper-cased text.
type tokKind int

const (
	tEOF         tokKind = iota
	tIdent               // unquoted word; keywords included
	tQuotedIdent         // `back quoted`; val holds the unescaped name
	tString              // '...', "..." or R'...'; val holds the unescaped text
	tInteger             // 12
	tDecimal             // 1.5  .5  1.
	tExponent            // 1e3  1.5E-2
	tBigint              // 12L
	tSmallint            // 12S
	tTinyint             // 12Y
	tDouble              // 1.5D
	tFloat               // 1.5F
	tBigDecimal          // 1.5BD
	tOp                  // punctuation and operators; op holds the canonical form
	tHintStart           // /*+
	tHintEnd             // */
	tError               // a character that starts no token (an unclosed quote, '#', ...)
)

// token is one lexeme with its byte span in the source text.
type token struct {
	kind  tokKind
	text  string // the source text of the token
	val   string // unescaped value (strings, quoted identifiers); canonical operator
	upper string // upper-cased text for tIdent
	pos   int    // byte offset of the first character
	end   int    // byte offset after the last character
}

func (t token) isNumber() bool { return t.kind >= tInteger && t.kind <= tBigDecimal }

// lexer turns SQL text into tokens, dropping whitespace and comments.
type lexer struct {
	src  string
	pos  int
	toks []token
	// unclosedComment is set when a /* comment runs to the end of input.
	unclosedComment bool
	// noDoubledQuote lexes as Spark 3.5 does: a doubled quote inside a
	// string literal ends it (the next literal then follows adjacently).
	noDoubledQuote bool
}

// operators, longest first within each leading character.
var operators = []string{
	"<=>", ">>>", "<<", ">>", "<=", ">=", "<>", "!=", "!<", "!>", "==", "=>", "->", "::", "||", "|>",
	"(", ")", ",", ".", "[", "]", "!", ";", "=", "<", ">", "+", "-", "*", "/", "%", "~", "&", "|", "^", ":", "?", "{", "}",
}

// canonical operator spellings (Spark lexes these pairs as one token type).
var opCanon = map[string]string{"==": "=", "!>": "<=", "!<": ">="}

func lex(src string, o options) *lexer {
	lx := &lexer{src: src, noDoubledQuote: o.spark35}
	for {
		t := lx.next()
		lx.toks = append(lx.toks, t)
		if t.kind == tEOF {
			break
		}
	}
	return lx
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\f', '\r', '\v', 0xA0, 0x1680, 0x2028, 0x202F, 0x205F, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

func isIdentRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || (r >= '0' && r <= '9')
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// skip passes whitespace and comments.
func (lx *lexer) skip() {
	for lx.pos < len(lx.src) {
		r, n := utf8.DecodeRuneInString(lx.src[lx.pos:])
		switch {
		case isSpace(r):
			lx.pos += n
		case strings.HasPrefix(lx.src[lx.pos:], "--"):
			// A line comment ends at a newline; a backslash-newline continues it.
			i := lx.pos + 2
			for i < len(lx.src) && lx.src[i] != '\n' && lx.src[i] != '\r' {
				if lx.src[i] == '\\' && i+1 < len(lx.src) && lx.src[i+1] == '\n' {
					i += 2
					continue
				}
				i++
			}
			lx.pos = i
		case strings.HasPrefix(lx.src[lx.pos:], "/*") && !strings.HasPrefix(lx.src[lx.pos:], "/*+"):
			lx.pos = lx.skipBlockComment(lx.pos)
		default:
			return
		}
	}
}

// skipBlockComment skips a possibly nested /* */ comment starting at i.
func (lx *lexer) skipBlockComment(i int) int {
	depth := 0
	for i < len(lx.src) {
		switch {
		case strings.HasPrefix(lx.src[i:], "/*"):
			depth++
			i += 2
		case strings.HasPrefix(lx.src[i:], "*/"):
			depth--
			i += 2
			if depth == 0 {
				return i
			}
		default:
			i++
		}
	}
	lx.unclosedComment = true
	return i
}

func (lx *lexer) tok(kind tokKind, start int) token {
	return token{kind: kind, text: lx.src[start:lx.pos], pos: start, end: lx.pos}
}

func (lx *lexer) next() token {
	lx.skip()
	start := lx.pos
	if lx.pos >= len(lx.src) {
		return token{kind: tEOF, pos: len(lx.src), end: len(lx.src)}
	}
	c := lx.src[lx.pos]
	switch {
	case c == '\'' || c == '"':
		return lx.lexString(start, c, false)
	case (c == 'r' || c == 'R') && lx.pos+1 < len(lx.src) && (lx.src[lx.pos+1] == '\'' || lx.src[lx.pos+1] == '"'):
		return lx.lexString(start, lx.src[lx.pos+1], true)
	case c == '`':
		return lx.lexQuotedIdent(start)
	case isDigit(c) || (c == '.' && lx.pos+1 < len(lx.src) && isDigit(lx.src[lx.pos+1])):
		return lx.lexNumberOrIdent(start)
	case strings.HasPrefix(lx.src[lx.pos:], "/*+"):
		lx.pos += 3
		return lx.tok(tHintStart, start)
	case strings.HasPrefix(lx.src[lx.pos:], "*/"):
		lx.pos += 2
		return lx.tok(tHintEnd, start)
	}
	r, n := utf8.DecodeRuneInString(lx.src[lx.pos:])
	if isIdentRune(r) {
		return lx.lexIdent(start)
	}
	for _, op := range operators {
		if strings.HasPrefix(lx.src[lx.pos:], op) {
			lx.pos += len(op)
			t := lx.tok(tOp, start)
			t.val = op
			if c, ok := opCanon[op]; ok {
				t.val = c
			}
			return t
		}
	}
	lx.pos += n
	return lx.tok(tError, start)
}

func (lx *lexer) lexIdent(start int) token {
	for lx.pos < len(lx.src) {
		r, n := utf8.DecodeRuneInString(lx.src[lx.pos:])
		if !isIdentRune(r) {
			break
		}
		lx.pos += n
	}
	t := lx.tok(tIdent, start)
	t.val = t.text
	t.upper = strings.ToUpper(t.text)
	return t
}

func (lx *lexer) lexQuotedIdent(start int) token {
	var b strings.Builder
	i := start + 1
	for i < len(lx.src) {
		if lx.src[i] == '`' {
			if i+1 < len(lx.src) && lx.src[i+1] == '`' {
				b.WriteByte('`')
				i += 2
				continue
			}
			lx.pos = i + 1
			t := lx.tok(tQuotedIdent, start)
			t.val = b.String()
			return t
		}
		b.WriteByte(lx.src[i])
		i++
	}
	// Unclosed: Spark's lexer makes the quote an unrecognized token.
	lx.pos = start + 1
	return lx.tok(tError, start)
}

// lexString reads a quoted string. Backslash escapes are kept raw here and
// decoded by unescapeSQLString; raw strings (R'...') are taken verbatim. A
// doubled quote inside the literal stands for one quote.
func (lx *lexer) lexString(start int, q byte, raw bool) token {
	i := start + 1
	if raw {
		i++
	}
	for i < len(lx.src) {
		c := lx.src[i]
		if c == '\\' && !raw {
			i += 2
			continue
		}
		if c == q {
			if !raw && !lx.noDoubledQuote && i+1 < len(lx.src) && lx.src[i+1] == q {
				i += 2
				continue
			}
			lx.pos = i + 1
			t := lx.tok(tString, start)
			if raw {
				t.val = lx.src[start+2 : i]
			} else {
				t.val = unescapeSQLString(lx.src[start+1:i], q)
			}
			return t
		}
		i++
	}
	lx.pos = start + 1
	if raw {
		// "R" alone is an identifier; the quote then fails on its own.
		lx.pos = start
		return lx.lexIdent(start)
	}
	return lx.tok(tError, start)
}

// unescapeSQLString decodes Spark's string escapes: \n \t \b \r \Z \0,
// \uXXXX, \UXXXXXXXX, octal \ooo; \% and \_ keep their backslash (LIKE
// patterns need it); any other escaped character stands for itself. A
// doubled quote character is one quote.
func unescapeSQLString(s string, q byte) string {
	if !strings.ContainsAny(s, "\\"+string(q)) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == q && i+1 < len(s) && s[i+1] == q {
			b.WriteByte(q)
			i++
			continue
		}
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		e := s[i]
		switch e {
		case 'u':
			if isHexN(s[i+1:], 4) {
				v, _ := strconv.ParseUint(s[i+1:i+5], 16, 32)
				b.WriteRune(rune(v))
				i += 4
				continue
			}
			b.WriteByte('u')
		case 'U':
			if isHexN(s[i+1:], 8) {
				v, _ := strconv.ParseUint(s[i+1:i+9], 16, 32)
				b.WriteRune(rune(v))
				i += 8
				continue
			}
			b.WriteByte('U')
		case '0', '1', '2', '3':
			if i+2 < len(s) && isOctal(s[i+1]) && isOctal(s[i+2]) {
				v := (int(e-'0') << 6) | (int(s[i+1]-'0') << 3) | int(s[i+2]-'0')
				b.WriteByte(byte(v))
				i += 2
				continue
			}
			if e == '0' {
				b.WriteByte(0)
			} else {
				b.WriteByte(e)
			}
		case 'b':
			b.WriteByte('\b')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'Z':
			b.WriteByte(0x1A)
		case '%', '_':
			b.WriteByte('\\')
			b.WriteByte(e)
		default:
			b.WriteByte(e)
		}
	}
	return b.String()
}

func isOctal(c byte) bool { return c >= '0' && c <= '7' }

func isHexN(s string, n int) bool {
	if len(s) < n {
		return false
	}
	for i := 0; i < n; i++ {
		c := s[i]
		if !(isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
			return false
		}
	}
	return true
}

func isWordByte(c byte) bool {
	return isDigit(c) || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

// lexNumberOrIdent reads a numeric literal. Like Spark's ANTLR lexer it takes
// the longest match, preferring a number on a tie: "12L" is a bigint, but
// "12abc" is an identifier. A literal with a '.' is only valid when no letter,
// digit or underscore follows it.
func (lx *lexer) lexNumberOrIdent(start int) token {
	src := lx.src
	// Identifier candidate length.
	identEnd := start
	for identEnd < len(src) {
		r, n := utf8.DecodeRuneInString(src[identEnd:])
		if !isIdentRune(r) {
			break
		}
		identEnd += n
	}
	kind, numEnd := scanNumber(src, start)
	if numEnd <= start || identEnd > numEnd {
		if identEnd > start {
			lx.pos = identEnd
			t := lx.tok(tIdent, start)
			t.val = t.text
			t.upper = strings.ToUpper(t.text)
			return t
		}
		// A lone '.' before digits that failed as a decimal: emit the dot.
		lx.pos = start + 1
		t := lx.tok(tOp, start)
		t.val = "."
		return t
	}
	lx.pos = numEnd
	return lx.tok(kind, start)
}

// scanNumber returns the kind and end of the longest numeric literal at i.
func scanNumber(src string, i int) (tokKind, int) {
	start := i
	j := i
	for j < len(src) && isDigit(src[j]) {
		j++
	}
	intDigits := j - start
	hasDot := false
	if j < len(src) && src[j] == '.' {
		k := j + 1
		for k < len(src) && isDigit(src[k]) {
			k++
		}
		if intDigits > 0 || k > j+1 {
			hasDot = true
			j = k
		}
	}
	if intDigits == 0 && !hasDot {
		return tError, start
	}
	validAfter := func(e int) bool { return e >= len(src) || !isWordByte(src[e]) }
	// Exponent.
	hasExp := false
	if j < len(src) && (src[j] == 'e' || src[j] == 'E') {
		k := j + 1
		if k < len(src) && (src[k] == '+' || src[k] == '-') {
			k++
		}
		d := k
		for k < len(src) && isDigit(src[k]) {
			k++
		}
		if k > d {
			hasExp = true
			j = k
		}
	}
	// Suffixes.
	suffix := func(s string) bool {
		return len(src)-j >= len(s) && strings.EqualFold(src[j:j+len(s)], s)
	}
	if !hasDot && !hasExp {
		switch {
		case suffix("L"):
			return tBigint, j + 1
		case suffix("S"):
			return tSmallint, j + 1
		case suffix("Y"):
			return tTinyint, j + 1
		}
	}
	switch {
	case suffix("BD"):
		if !hasDot || validAfter(j+2) {
			return tBigDecimal, j + 2
		}
	case suffix("D"):
		if !hasDot || validAfter(j+1) {
			return tDouble, j + 1
		}
	case suffix("F"):
		if !hasDot || validAfter(j+1) {
			return tFloat, j + 1
		}
	}
	if hasExp {
		if !hasDot || validAfter(j) {
			return tExponent, j
		}
	} else if hasDot {
		if validAfter(j) {
			return tDecimal, j
		}
	} else {
		return tInteger, j
	}
	// An invalid decimal: fall back to the integer part.
	if intDigits > 0 {
		return tInteger, start + intDigits
	}
	return tError, start
}
