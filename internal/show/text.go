package show

import (
	"strings"
	"unicode/utf8"
)

// utf16Len is the length of s as a Java string (UTF-16 code units). Invalid
// UTF-8 bytes count as one replacement character each.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// utf16Prefix is Java's s.substring(0, n) re-encoded as UTF-8: a
// supplementary character cut in half leaves a lone high surrogate, which
// Spark's UTF-8 encoder writes as "?".
func utf16Prefix(s string, n int) string {
	var b strings.Builder
	used := 0
	for _, r := range s {
		if used >= n {
			break
		}
		if r >= 0x10000 {
			if used+2 > n {
				b.WriteByte('?')
				break
			}
			used += 2
		} else {
			used++
		}
		b.WriteRune(r)
	}
	return b.String()
}

// halfWidth is Spark's Utils.stringHalfWidth: the UTF-16 length plus one for
// every character in the ranges Spark treats as full width (two columns).
func halfWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r >= 0x10000:
			n += 2
		case isFullWidth(r):
			n += 2
		default:
			n++
		}
	}
	return n
}

// isFullWidth reports the BMP ranges Spark's fullWidthRegex matches.
func isFullWidth(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x115F,
		r >= 0x2E80 && r <= 0xA4CF,
		r >= 0xAC00 && r <= 0xD7A3,
		r >= 0xF900 && r <= 0xFAFF,
		r >= 0xFE10 && r <= 0xFE19,
		r >= 0xFE30 && r <= 0xFE6F,
		r >= 0xFF00 && r <= 0xFF60,
		r >= 0xFFE0 && r <= 0xFFE6:
		return true
	}
	return false
}

// escapeMeta replaces the control characters that would break the grid
// with their backslash escapes, as Spark's SchemaUtils.escapeMetaCharacters.
// Invalid UTF-8 is replaced by U+FFFD, as Java decodes it.
func escapeMeta(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\b' || c == '\v' || c == '\a' || c >= utf8.RuneSelf {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch r {
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\f':
			b.WriteString(`\f`)
		case '\b':
			b.WriteString(`\b`)
		case '\v':
			b.WriteString(`\v`)
		case '\a':
			b.WriteString(`\a`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// escapeHTML is commons-text StringEscapeUtils.escapeHtml4, which Spark's
// htmlString applies to every header and cell: the HTML 4.01 named
// character references, and nothing else (no apostrophe, no numeric escapes).
func escapeHTML(s string) string {
	var b strings.Builder
	escaped := false
	for i, r := range s {
		e, ok := html4Entities[r]
		if ok && !escaped {
			escaped = true
			b.WriteString(s[:i])
		}
		switch {
		case ok:
			b.WriteString(e)
		case escaped:
			b.WriteRune(r)
		}
	}
	if !escaped {
		return s
	}
	return b.String()
}
