package udf

import (
	"database/sql/driver"
	"encoding/base64"
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/emberdb/ember/internal/functions"
)

// String, binary, URL and regular-expression functions of Spark that need
// exact Java behaviour (URLEncoder, java.net.URI, charsets, Java regex
// with its errors). Number formatting lives in numfmt.go, AES in aes.go.

// errorMarker prefixes errors the engine turns back into Spark errors.
const errorMarker = functions.ErrorMarker

// SparkError is an error the engine reports as Spark's error class with
// the given message parameters.
func SparkError(class string, kv ...string) error {
	var b strings.Builder
	b.WriteString(errorMarker)
	b.WriteString(class)
	for i := 0; i+1 < len(kv); i += 2 {
		b.WriteString("\x1f")
		b.WriteString(kv[i])
		b.WriteString("=")
		b.WriteString(strings.ReplaceAll(kv[i+1], "\n", " "))
	}
	return errors.New(b.String())
}

func str(v driver.Value) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	}
	return fmt.Sprint(v)
}

func blob(v driver.Value) []byte {
	switch x := v.(type) {
	case []byte:
		return x
	case string:
		return []byte(x)
	}
	return nil
}

func init() {
	Register(
		Func{Name: "ember_regexp_count", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{tVarchar, tVarchar}, Out: tInt,
			Fn: func(a []driver.Value) (any, error) {
				re, err := javaRegex(str(a[1]), "regexp_extract_all")
				if err != nil {
					return nil, err
				}
				return int32(len(re.FindAllStringIndex(str(a[0]), -1))), nil
			}}}},
		Func{Name: "ember_regexp_extract_all", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{tVarchar, tVarchar, tInt}, Out: List(tVarchar),
			Fn: func(a []driver.Value) (any, error) {
				re, err := javaRegex(str(a[1]), "regexp_extract_all")
				if err != nil {
					return nil, err
				}
				idx := int(a[2].(int32))
				out := []string{}
				for _, m := range re.FindAllStringSubmatchIndex(str(a[0]), -1) {
					if err := groupIndex(re, idx, "regexp_extract_all"); err != nil {
						return nil, err
					}
					if m[2*idx] < 0 {
						out = append(out, "")
						continue
					}
					out = append(out, str(a[0])[m[2*idx]:m[2*idx+1]])
				}
				return out, nil
			}}}},
		Func{Name: "ember_regexp_instr", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{tVarchar, tVarchar}, Out: tInt,
			Fn: func(a []driver.Value) (any, error) {
				re, err := javaRegex(str(a[1]), "regexp_instr")
				if err != nil {
					return nil, err
				}
				s := str(a[0])
				m := re.FindStringIndex(s)
				if m == nil {
					return int32(0), nil
				}
				return int32(utf8.RuneCountInString(s[:m[0]]) + 1), nil
			}}}},
		Func{Name: "ember_regexp_substr", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{tVarchar, tVarchar}, Out: tVarchar,
			Fn: func(a []driver.Value) (any, error) {
				re, err := javaRegex(str(a[1]), "regexp_substr")
				if err != nil {
					return nil, err
				}
				s := str(a[0])
				m := re.FindStringIndex(s)
				if m == nil || m[0] == m[1] {
					return nil, nil
				}
				return s[m[0]:m[1]], nil
			}}}},
		Func{Name: "ember_url_encode", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{tVarchar}, Out: tVarchar,
			Fn: func(a []driver.Value) (any, error) { return urlEncode(str(a[0])), nil }}}},
		Func{Name: "ember_url_decode", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{tVarchar, tBool}, Out: tVarchar,
			Fn: func(a []driver.Value) (any, error) {
				s, ok := urlDecode(str(a[0]))
				if !ok {
					if a[1].(bool) {
						return nil, SparkError("CANNOT_DECODE_URL", "url", str(a[0]))
					}
					return nil, nil
				}
				return s, nil
			}}}},
		Func{Name: "ember_parse_url", Overloads: []duckdb.ScalarFunc{
			Scalar{
				In: []duckdb.TypeInfo{tVarchar, tVarchar, tBool}, Out: tVarchar,
				Fn: func(a []driver.Value) (any, error) { return parseURL(str(a[0]), str(a[1]), nil, a[2].(bool)) }},
			Scalar{
				In: []duckdb.TypeInfo{tVarchar, tVarchar, tVarchar, tBool}, Out: tVarchar,
				Fn: func(a []driver.Value) (any, error) {
					k := str(a[2])
					return parseURL(str(a[0]), str(a[1]), &k, a[3].(bool))
				}},
		}},
		Func{Name: "ember_unhex", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{tVarchar, tBool}, Out: tBlob,
			Fn: func(a []driver.Value) (any, error) {
				b, ok := unhex(str(a[0]))
				if !ok {
					if a[1].(bool) {
						return nil, SparkError("CONVERSION_INVALID_INPUT", "str", "'"+str(a[0])+"'", "fmt", "'HEX'", "targetType", "\"BINARY\"", "suggestion", "`try_to_binary`")
					}
					return nil, nil
				}
				return b, nil
			}}}},
		Func{Name: "ember_unbase64", Overloads: []duckdb.ScalarFunc{Scalar{
			// strict: 0 lenient (unbase64), 1 raise, 2 NULL on malformed input.
			In: []duckdb.TypeInfo{tVarchar, tInt}, Out: tBlob,
			Fn: func(a []driver.Value) (any, error) {
				s := str(a[0])
				mode := a[1].(int32)
				if mode != 0 && !validBase64(s) {
					if mode == 1 {
						return nil, SparkError("CONVERSION_INVALID_INPUT", "str", "'"+s+"'", "fmt", "'BASE64'", "targetType", "\"BINARY\"", "suggestion", "`try_to_binary`")
					}
					return nil, nil
				}
				return mimeDecode(s), nil
			}}}},
		Func{Name: "ember_encode", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{tVarchar, tVarchar}, Out: tBlob,
			Fn: func(a []driver.Value) (any, error) { return encodeCharset(str(a[0]), str(a[1])) }}}},
		Func{Name: "ember_decode", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{tBlob, tVarchar}, Out: tVarchar,
			Fn: func(a []driver.Value) (any, error) { return decodeCharset(blob(a[0]), str(a[1])) }}}},
		Func{Name: "ember_mask", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{tVarchar, tVarchar, tVarchar, tVarchar, tVarchar}, Out: tVarchar, NullIn: true,
			Fn: func(a []driver.Value) (any, error) {
				if a[0] == nil {
					return nil, nil
				}
				repl := func(v driver.Value) (rune, bool) {
					if v == nil {
						return 0, false
					}
					r, _ := utf8.DecodeRuneInString(str(v))
					return r, true
				}
				u, uok := repl(a[1])
				l, lok := repl(a[2])
				d, dok := repl(a[3])
				o, ook := repl(a[4])
				var b strings.Builder
				for _, r := range str(a[0]) {
					switch {
					case unicode.IsUpper(r):
						if uok {
							r = u
						}
					case unicode.IsLower(r):
						if lok {
							r = l
						}
					case r >= '0' && r <= '9':
						if dok {
							r = d
						}
					default:
						if ook {
							r = o
						}
					}
					b.WriteRune(r)
				}
				return b.String(), nil
			}}}},
		Func{Name: "ember_sentences", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{tVarchar}, Out: List(List(tVarchar)),
			Fn: func(a []driver.Value) (any, error) { return sentences(str(a[0])), nil }}}},
		Func{Name: "ember_bytes_pred", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{tBlob, tBlob, tVarchar}, Out: tBool,
			Fn: func(a []driver.Value) (any, error) {
				x, y := blob(a[0]), blob(a[1])
				switch str(a[2]) {
				case "contains":
					return strings.Contains(string(x), string(y)), nil
				case "startswith":
					return strings.HasPrefix(string(x), string(y)), nil
				}
				return strings.HasSuffix(string(x), string(y)), nil
			}}}},
	)
}

// --- regular expressions ---------------------------------------------------

var regexCache sync.Map // pattern -> *regexp.Regexp

// javaRegex compiles a Java regular expression with RE2. Constructs RE2
// lacks (lookaround, backreferences, possessive quantifiers, atomic
// groups) are reported as unsupported rather than silently changed.
func javaRegex(p, fn string) (*regexp.Regexp, error) {
	if re, ok := regexCache.Load(p); ok {
		return re.(*regexp.Regexp), nil
	}
	re, err := regexp.Compile(p)
	if err != nil {
		if c := javaOnlyConstruct(p); c != "" {
			return nil, SparkError("UNSUPPORTED_FEATURE.EMBER", "feature", "the Java regular expression construct "+c+" (Ember's regular expressions are RE2) in "+strings.ToUpper(fn)+" pattern '"+p+"'")
		}
		return nil, SparkError("INVALID_PARAMETER_VALUE.PATTERN", "parameter", "`regexp`", "functionName", "`"+fn+"`", "value", "'"+p+"'")
	}
	regexCache.Store(p, re)
	return re, nil
}

func javaOnlyConstruct(p string) string {
	for _, c := range []string{"(?<=", "(?<!", "(?=", "(?!", "(?>", "*+", "++", "?+", "}+"} {
		if strings.Contains(p, c) {
			return c
		}
	}
	for i := 0; i+1 < len(p); i++ {
		if p[i] == '\\' {
			if n := p[i+1]; n >= '1' && n <= '9' || strings.IndexByte("kGZRhHXN", n) >= 0 {
				return p[i : i+2]
			}
			i++
		}
	}
	if _, err := syntax.Parse(p, syntax.Perl); err != nil {
		var se *syntax.Error
		if errors.As(err, &se) && (se.Code == syntax.ErrInvalidPerlOp || se.Code == syntax.ErrInvalidCharRange && strings.Contains(p, "\\p{java")) {
			return se.Expr
		}
	}
	return ""
}

func groupIndex(re *regexp.Regexp, idx int, fn string) error {
	if idx < 0 || idx > re.NumSubexp() {
		return SparkError("INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX", "parameter", "`idx`", "functionName", "`"+fn+"`",
			"groupCount", fmt.Sprint(re.NumSubexp()), "groupIndex", fmt.Sprint(idx))
	}
	return nil
}

// --- URLs ------------------------------------------------------------------

// urlEncode is java.net.URLEncoder with UTF-8.
func urlEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '.', c == '-', c == '*', c == '_':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// urlDecode is java.net.URLDecoder with UTF-8.
func urlDecode(s string) (string, bool) {
	var b []byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '+':
			b = append(b, ' ')
		case '%':
			if i+2 >= len(s) {
				return "", false
			}
			h, ok := hexByte(s[i+1], s[i+2])
			if !ok {
				return "", false
			}
			b = append(b, h)
			i += 2
		default:
			b = append(b, c)
		}
	}
	return strings.ToValidUTF8(string(b), "\uFFFD"), true
}

func hexVal(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func hexByte(a, b byte) (byte, bool) {
	x, ok1 := hexVal(a)
	y, ok2 := hexVal(b)
	return x<<4 | y, ok1 && ok2
}

var uriRE = regexp.MustCompile(`^(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$`)
var schemeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.\-]*$`)

// parseURL extracts a part of a URL as java.net.URI sees it.
func parseURL(u, part string, key *string, fail bool) (any, error) {
	m := uriRE.FindStringSubmatchIndex(u)
	bad := m == nil
	if !bad {
		for i := 0; i < len(u); i++ {
			c := u[i]
			if c <= ' ' || c == 0x7f || strings.IndexByte("\"<>\\^`{|}", c) >= 0 {
				bad = true
			}
			if c == '%' && (i+2 >= len(u) || !isHex(u[i+1]) || !isHex(u[i+2])) {
				bad = true
			}
		}
		if m[2] >= 0 && !schemeRE.MatchString(u[m[2]:m[3]]) {
			bad = true
		}
	}
	if bad {
		if fail {
			return nil, SparkError("INVALID_URL", "url", u)
		}
		return nil, nil
	}
	get := func(g int) *string {
		if m[2*g] < 0 {
			return nil
		}
		s := u[m[2*g]:m[2*g+1]]
		return &s
	}
	scheme, auth, path, query, frag := get(1), get(2), get(3), get(4), get(5)
	opaque := scheme != nil && auth == nil && !strings.HasPrefix(*path, "/")
	if opaque {
		// mailto:x@y: java.net.URI keeps everything in the scheme-specific part.
		path, query = nil, nil
	}
	var out *string
	switch part {
	case "HOST":
		if auth != nil {
			h := *auth
			if i := strings.LastIndexByte(h, '@'); i >= 0 {
				h = h[i+1:]
			}
			if i := strings.LastIndexByte(h, ':'); i >= 0 && !strings.HasSuffix(h, "]") {
				h = h[:i]
			}
			if h != "" {
				out = &h
			}
		}
	case "PATH":
		out = path
	case "QUERY":
		out = query
	case "REF":
		out = frag
	case "PROTOCOL":
		out = scheme
	case "FILE":
		if path != nil {
			f := *path
			if query != nil {
				f += "?" + *query
			}
			out = &f
		}
	case "AUTHORITY":
		out = auth
	case "USERINFO":
		if auth != nil {
			if i := strings.LastIndexByte(*auth, '@'); i >= 0 {
				ui := (*auth)[:i]
				out = &ui
			}
		}
	default:
		return nil, nil
	}
	if key != nil {
		if part != "QUERY" || out == nil {
			return nil, nil
		}
		re, err := regexp.Compile(`(?:&|^)` + regexp.QuoteMeta(*key) + `=([^&]*)`)
		if err != nil {
			return nil, nil
		}
		sm := re.FindStringSubmatch(*out)
		if sm == nil {
			return nil, nil
		}
		return sm[1], nil
	}
	if out == nil {
		return nil, nil
	}
	return *out, nil
}

func isHex(c byte) bool { _, ok := hexVal(c); return ok }

// --- hex, base64, charsets -------------------------------------------------

// unhex decodes hex digits; an odd count gets a leading zero.
func unhex(s string) ([]byte, bool) {
	if len(s)%2 == 1 {
		s = "0" + s
	}
	out := make([]byte, len(s)/2)
	for i := 0; i < len(out); i++ {
		b, ok := hexByte(s[2*i], s[2*i+1])
		if !ok {
			return nil, false
		}
		out[i] = b
	}
	return out, true
}

func isB64(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
}

// validBase64 accepts base64 text with optional whitespace and correct
// padding.
func validBase64(s string) bool {
	var clean []byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
		case isB64(c) || c == '=':
			clean = append(clean, c)
		default:
			return false
		}
	}
	_, err := base64.StdEncoding.DecodeString(string(clean))
	if err != nil {
		_, err = base64.RawStdEncoding.DecodeString(string(clean))
	}
	return err == nil
}

// mimeDecode is Java's MIME base64 decoder: characters outside the
// alphabet are skipped, decoding stops at padding.
func mimeDecode(s string) []byte {
	var clean []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '=' {
			break
		}
		if isB64(c) {
			clean = append(clean, c)
		}
	}
	if len(clean)%4 == 1 {
		clean = clean[:len(clean)-1]
	}
	out, err := base64.RawStdEncoding.DecodeString(string(clean))
	if err != nil {
		return []byte{}
	}
	return out
}

var charsets = "iso-8859-1, us-ascii, utf-16, utf-16be, utf-16le, utf-32, utf-8"

func normCharset(cs, fn string) (string, error) {
	c := strings.ToLower(strings.TrimSpace(cs))
	switch c {
	case "utf-8", "utf8":
		return "utf-8", nil
	case "us-ascii", "ascii":
		return "us-ascii", nil
	case "iso-8859-1", "latin1", "iso8859_1":
		return "iso-8859-1", nil
	case "utf-16", "utf-16be", "utf-16le", "utf-32":
		return c, nil
	}
	return "", SparkError("INVALID_PARAMETER_VALUE.CHARSET", "parameter", "`charset`", "functionName", "`"+fn+"`", "charsets", charsets, "charset", cs)
}

func encodeCharset(s, cs string) (any, error) {
	c, err := normCharset(cs, "encode")
	if err != nil {
		return nil, err
	}
	var out []byte
	switch c {
	case "utf-8":
		return []byte(s), nil
	case "us-ascii", "iso-8859-1":
		limit := rune(0x7f)
		if c == "iso-8859-1" {
			limit = 0xff
		}
		for _, r := range s {
			if r > limit {
				return nil, SparkError("MALFORMED_CHARACTER_CODING", "function", "`encode`", "charset", cs)
			}
			out = append(out, byte(r))
		}
	case "utf-16", "utf-16be", "utf-16le":
		if c == "utf-16" {
			out = append(out, 0xfe, 0xff)
		}
		for _, u := range utf16.Encode([]rune(s)) {
			if c == "utf-16le" {
				out = append(out, byte(u), byte(u>>8))
			} else {
				out = append(out, byte(u>>8), byte(u))
			}
		}
	case "utf-32":
		for _, r := range s {
			out = append(out, byte(r>>24), byte(r>>16), byte(r>>8), byte(r))
		}
	}
	if out == nil {
		out = []byte{}
	}
	return out, nil
}

func decodeCharset(b []byte, cs string) (any, error) {
	c, err := normCharset(cs, "decode")
	if err != nil {
		return nil, err
	}
	switch c {
	case "utf-8":
		if !utf8.Valid(b) {
			return nil, SparkError("MALFORMED_CHARACTER_CODING", "function", "`decode`", "charset", cs)
		}
		return string(b), nil
	case "us-ascii", "iso-8859-1":
		rs := make([]rune, len(b))
		for i, x := range b {
			rs[i] = rune(x)
			if c == "us-ascii" && x > 0x7f {
				rs[i] = '\uFFFD'
			}
		}
		return string(rs), nil
	case "utf-16", "utf-16be", "utf-16le":
		le := c == "utf-16le"
		if c == "utf-16" && len(b) >= 2 {
			if b[0] == 0xff && b[1] == 0xfe {
				le, b = true, b[2:]
			} else if b[0] == 0xfe && b[1] == 0xff {
				b = b[2:]
			}
		}
		us := make([]uint16, len(b)/2)
		for i := range us {
			if le {
				us[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
			} else {
				us[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
			}
		}
		s := string(utf16.Decode(us))
		if len(b)%2 == 1 {
			s += "\uFFFD"
		}
		return s, nil
	case "utf-32":
		var rs []rune
		for i := 0; i+3 < len(b); i += 4 {
			r := rune(b[i])<<24 | rune(b[i+1])<<16 | rune(b[i+2])<<8 | rune(b[i+3])
			if !utf8.ValidRune(r) {
				r = '\uFFFD'
			}
			rs = append(rs, r)
		}
		return string(rs), nil
	}
	return nil, nil
}

// --- sentences -------------------------------------------------------------

// sentences splits text into sentences of words, the way Java's
// BreakIterator does for plain prose: a sentence ends at '.', '!' or '?'
// followed by a space or the end; words are runs of letters and digits
// (with inner apostrophes).
func sentences(s string) [][]string {
	out := [][]string{}
	var cur []string
	var word []rune
	flushWord := func() {
		if len(word) > 0 {
			cur = append(cur, string(word))
			word = word[:0]
		}
	}
	flushSentence := func() {
		flushWord()
		if len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			word = append(word, r)
		case (r == '\'' || r == '’') && len(word) > 0 && i+1 < len(rs) && unicode.IsLetter(rs[i+1]):
			word = append(word, r)
		case r == '.' && len(word) > 0 && i+1 < len(rs) && unicode.IsDigit(rs[i+1]) && unicode.IsDigit(word[len(word)-1]):
			word = append(word, r)
		case r == '.' || r == '!' || r == '?':
			flushWord()
			if i+1 == len(rs) || unicode.IsSpace(rs[i+1]) || strings.ContainsRune("\"')", rs[i+1]) {
				// After a period, a sentence only ends before a capital or the end.
				j := i + 1
				for j < len(rs) && !unicode.IsLetter(rs[j]) && !unicode.IsDigit(rs[j]) {
					j++
				}
				if r != '.' || j == len(rs) || !unicode.IsLower(rs[j]) {
					flushSentence()
				}
			}
		default:
			flushWord()
		}
	}
	flushSentence()
	return out
}
