package jregex

import (
	"fmt"
	"strings"
	"sync"

	"github.com/dlclark/regexp2"
)

// Regexp is a compiled Java regular expression.
type Regexp struct {
	re *regexp2.Regexp
}

var cache sync.Map // options + pattern -> *Regexp

// Compile compiles a Java pattern; ignoreCase is Java's CASE_INSENSITIVE
// flag with UNICODE_CASE.
func Compile(pattern string, ignoreCase bool) (*Regexp, error) {
	key := fmt.Sprintf("%t\x00%s", ignoreCase, pattern)
	if re, ok := cache.Load(key); ok {
		return re.(*Regexp), nil
	}
	t, err := Translate(pattern)
	if err != nil {
		return nil, err
	}
	opts := regexp2.None
	if ignoreCase {
		opts |= regexp2.IgnoreCase
	}
	re, err := regexp2.Compile(t, opts)
	if err != nil {
		return nil, fmt.Errorf("invalid Java regular expression %q: %w", pattern, err)
	}
	out := &Regexp{re: re}
	cache.Store(key, out)
	return out, nil
}

// MatchString reports whether the pattern matches somewhere in s.
func (r *Regexp) MatchString(s string) bool {
	ok, err := r.re.MatchString(s)
	return err == nil && ok
}

// FullMatch reports whether the pattern matches the whole of s (Java's
// Matcher.matches).
func (r *Regexp) FullMatch(s string) bool {
	m, err := r.re.FindStringMatch(s)
	for err == nil && m != nil {
		if m.Index == 0 && m.Length == len([]rune(s)) {
			return true
		}
		m, err = r.re.FindNextMatch(m)
	}
	return false
}

// Translate rewrites a Java pattern in regexp2's syntax.
func Translate(p string) (string, error) {
	var out strings.Builder
	var groups []int // output offsets of open groups
	last := -1       // output offset where the last complete atom starts
	rs := []rune(p)
	for i := 0; i < len(rs); {
		c := rs[i]
		switch {
		case c == '\\':
			if i+1 >= len(rs) {
				return "", fmt.Errorf("unexpected internal error near index %d: trailing backslash", i)
			}
			if rs[i+1] == 'Q' {
				// Quoted literal up to \E (or the end).
				j := i + 2
				start := out.Len()
				for j < len(rs) && !(rs[j] == '\\' && j+1 < len(rs) && rs[j+1] == 'E') {
					out.WriteString(quoteRune(rs[j]))
					j++
				}
				if j < len(rs) {
					j += 2
				}
				if out.Len() > start {
					last = lastRuneStart(out.String(), start)
				}
				i = j
				continue
			}
			last = out.Len()
			n := escapeLen(rs, i)
			out.WriteString(string(rs[i : i+n]))
			i += n
		case c == '[':
			n, err := classLen(rs, i)
			if err != nil {
				return "", err
			}
			last = out.Len()
			out.WriteString(string(rs[i : i+n]))
			i += n
		case c == '(':
			groups = append(groups, out.Len())
			out.WriteRune(c)
			last = -1
			i++
		case c == ')':
			if len(groups) == 0 {
				return "", fmt.Errorf("unmatched closing ')' near index %d", i)
			}
			last = groups[len(groups)-1]
			groups = groups[:len(groups)-1]
			out.WriteRune(c)
			i++
		case c == '*' || c == '+' || c == '?' || c == '{':
			n := quantLen(rs, i)
			if n == 0 {
				// A brace that does not start a quantifier is literal.
				last = out.Len()
				out.WriteRune(c)
				i++
				continue
			}
			q := string(rs[i : i+n])
			i += n
			switch {
			case i < len(rs) && rs[i] == '+' && last >= 0:
				// Possessive: an atomic group around the quantified atom.
				s := out.String()
				out.Reset()
				out.WriteString(s[:last] + "(?>" + s[last:] + q + ")")
				i++
			case i < len(rs) && rs[i] == '?':
				out.WriteString(q + "?")
				i++
			default:
				out.WriteString(q)
			}
			last = -1
		default:
			last = out.Len()
			out.WriteRune(c)
			i++
		}
	}
	return out.String(), nil
}

// escapeLen is the length of the escape sequence at rs[i] ('\\').
func escapeLen(rs []rune, i int) int {
	if i+1 >= len(rs) {
		return 1
	}
	switch rs[i+1] {
	case 'p', 'P', 'x', 'N', 'k':
		if i+2 < len(rs) && (rs[i+2] == '{' || rs[i+2] == '<') {
			closer := '}'
			if rs[i+2] == '<' {
				closer = '>'
			}
			for j := i + 3; j < len(rs); j++ {
				if rs[j] == closer {
					return j - i + 1
				}
			}
		}
	}
	return 2
}

// classLen is the length of the character class starting at rs[i] ('[').
// Java classes nest ([a-z&&[^e]]).
func classLen(rs []rune, i int) (int, error) {
	depth := 0
	for j := i; j < len(rs); j++ {
		switch rs[j] {
		case '\\':
			j++
		case '[':
			depth++
			// A ']' right after '[' or '[^' is literal.
			if j+1 < len(rs) && rs[j+1] == '^' {
				j++
			}
			if j+1 < len(rs) && rs[j+1] == ']' {
				j++
			}
		case ']':
			depth--
			if depth == 0 {
				return j - i + 1, nil
			}
		}
	}
	return 0, fmt.Errorf("unclosed character class near index %d", len(rs)-1)
}

// quantLen is the length of the quantifier at rs[i], 0 if there is none.
func quantLen(rs []rune, i int) int {
	if rs[i] != '{' {
		return 1
	}
	j := i + 1
	digits := 0
	for j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
		j++
		digits++
	}
	if digits == 0 {
		return 0
	}
	if j < len(rs) && rs[j] == ',' {
		j++
		for j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
			j++
		}
	}
	if j < len(rs) && rs[j] == '}' {
		return j - i + 1
	}
	return 0
}

func quoteRune(r rune) string {
	if strings.ContainsRune(`\.+*?()|[]{}^$#`, r) || r == ' ' {
		return `\` + string(r)
	}
	return string(r)
}

// lastRuneStart is the offset of the last literal written since start:
// its escape, if it has one.
func lastRuneStart(s string, start int) int {
	rs := []rune(s[start:])
	n := len(string(rs[len(rs)-1]))
	if len(rs) >= 2 && rs[len(rs)-2] == '\\' {
		n++
	}
	return len(s) - n
}
