package functions

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A small JSON reader with the leniencies of Spark's JSON options
// (Jackson features): single-quoted strings (allowSingleQuotes, on by
// default) and unquoted field names (allowUnquotedFieldNames). It feeds
// schema inference (schema_of_json) and, through internal/udf, the
// rewriting of lenient documents into strict JSON for DuckDB.

// JSONOptions are the parser leniencies.
type JSONOptions struct {
	SingleQuotes  bool
	UnquotedNames bool
}

// DefaultJSONOptions are Spark's defaults.
var DefaultJSONOptions = JSONOptions{SingleQuotes: true}

// JSONMember is one field of a parsed object, in document order.
type JSONMember struct {
	Key   string
	Value any
}

// JSONNumber is a number as written; Int reports no fraction or exponent.
type JSONNumber struct {
	Text string
	Int  bool
}

// ParseJSONLenient parses one JSON value (objects as []JSONMember, arrays
// as []any, numbers as JSONNumber, strings, bools, nil). Trailing content
// after the value is an error.
func ParseJSONLenient(s string, o JSONOptions) (any, error) {
	p := &jsonParser{s: s, o: o}
	p.ws()
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.ws()
	if p.i < len(p.s) {
		return nil, p.errf("unexpected content after the value")
	}
	return v, nil
}

type jsonParser struct {
	s string
	i int
	o JSONOptions
}

func (p *jsonParser) errf(msg string) error {
	return errors.New(msg + " at position " + strconv.Itoa(p.i))
}

func (p *jsonParser) ws() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *jsonParser) value() (any, error) {
	if p.i >= len(p.s) {
		return nil, p.errf("unexpected end of input")
	}
	switch c := p.s[p.i]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"' || c == '\'' && p.o.SingleQuotes:
		return p.str()
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case strings.HasPrefix(p.s[p.i:], "true"):
		p.i += 4
		return true, nil
	case strings.HasPrefix(p.s[p.i:], "false"):
		p.i += 5
		return false, nil
	case strings.HasPrefix(p.s[p.i:], "null"):
		p.i += 4
		return nil, nil
	}
	return nil, p.errf("unexpected character " + strconv.QuoteRune(rune(p.s[p.i])))
}

func (p *jsonParser) object() (any, error) {
	p.i++
	out := []JSONMember{}
	p.ws()
	if p.i < len(p.s) && p.s[p.i] == '}' {
		p.i++
		return out, nil
	}
	for {
		p.ws()
		var key string
		if p.i < len(p.s) && (p.s[p.i] == '"' || p.s[p.i] == '\'' && p.o.SingleQuotes) {
			k, err := p.str()
			if err != nil {
				return nil, err
			}
			key = k
		} else if p.o.UnquotedNames {
			j := p.i
			for j < len(p.s) && (isIdentByte(p.s[j]) || p.s[j] >= 0x80) {
				j++
			}
			if j == p.i {
				return nil, p.errf("expected a field name")
			}
			key, p.i = p.s[p.i:j], j
		} else {
			return nil, p.errf("was expecting double-quote to start field name")
		}
		p.ws()
		if p.i >= len(p.s) || p.s[p.i] != ':' {
			return nil, p.errf("expected ':'")
		}
		p.i++
		p.ws()
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		out = append(out, JSONMember{key, v})
		p.ws()
		if p.i >= len(p.s) {
			return nil, p.errf("unexpected end of input")
		}
		switch p.s[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			return out, nil
		default:
			return nil, p.errf("expected ',' or '}'")
		}
	}
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func (p *jsonParser) array() (any, error) {
	p.i++
	out := []any{}
	p.ws()
	if p.i < len(p.s) && p.s[p.i] == ']' {
		p.i++
		return out, nil
	}
	for {
		p.ws()
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		p.ws()
		if p.i >= len(p.s) {
			return nil, p.errf("unexpected end of input")
		}
		switch p.s[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			return out, nil
		default:
			return nil, p.errf("expected ',' or ']'")
		}
	}
}

func (p *jsonParser) str() (string, error) {
	q := p.s[p.i]
	p.i++
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == q:
			p.i++
			return b.String(), nil
		case c == '\\':
			if p.i+1 >= len(p.s) {
				return "", p.errf("unexpected end of input")
			}
			e := p.s[p.i+1]
			p.i += 2
			switch e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'u':
				if p.i+4 > len(p.s) {
					return "", p.errf("bad unicode escape")
				}
				n, err := strconv.ParseUint(p.s[p.i:p.i+4], 16, 32)
				if err != nil {
					return "", p.errf("bad unicode escape")
				}
				p.i += 4
				r := rune(n)
				if r >= 0xd800 && r < 0xdc00 && strings.HasPrefix(p.s[p.i:], "\\u") && p.i+6 <= len(p.s) {
					if lo, err := strconv.ParseUint(p.s[p.i+2:p.i+6], 16, 32); err == nil && lo >= 0xdc00 && lo < 0xe000 {
						r = (r-0xd800)<<10 + (rune(lo) - 0xdc00) + 0x10000
						p.i += 6
					}
				}
				b.WriteRune(r)
			default:
				b.WriteByte(e)
			}
		case c < 0x20:
			return "", p.errf("illegal unquoted character in a string")
		default:
			r, n := utf8.DecodeRuneInString(p.s[p.i:])
			b.WriteRune(r)
			p.i += n
		}
	}
	return "", p.errf("unexpected end of input in a string")
}

func (p *jsonParser) number() (any, error) {
	j := p.i
	if j < len(p.s) && p.s[j] == '-' {
		j++
	}
	digits := j
	for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
		j++
	}
	if j == digits {
		return nil, p.errf("bad number")
	}
	if j-digits > 1 && p.s[digits] == '0' {
		return nil, p.errf("leading zeroes not allowed")
	}
	isInt := true
	if j < len(p.s) && p.s[j] == '.' {
		isInt = false
		j++
		f := j
		for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
			j++
		}
		if j == f {
			return nil, p.errf("bad number")
		}
	}
	if j < len(p.s) && (p.s[j] == 'e' || p.s[j] == 'E') {
		isInt = false
		j++
		if j < len(p.s) && (p.s[j] == '+' || p.s[j] == '-') {
			j++
		}
		f := j
		for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
			j++
		}
		if j == f {
			return nil, p.errf("bad number")
		}
	}
	n := JSONNumber{Text: p.s[p.i:j], Int: isInt}
	p.i = j
	return n, nil
}

// WriteStrictJSON renders a parsed value as strict JSON.
func WriteStrictJSON(b *strings.Builder, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case JSONNumber:
		b.WriteString(x.Text)
	case string:
		b.WriteString(jsonQuote(x))
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			WriteStrictJSON(b, e)
		}
		b.WriteByte(']')
	case []JSONMember:
		b.WriteByte('{')
		for i, m := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(jsonQuote(m.Key))
			b.WriteByte(':')
			WriteStrictJSON(b, m.Value)
		}
		b.WriteByte('}')
	}
}
