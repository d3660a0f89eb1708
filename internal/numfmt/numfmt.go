// Package numfmt implements Spark's number format strings (to_number,
// try_to_number, to_char on numbers) and format_number's rendering, on
// decimal text so no precision is lost. It is pure Go: the analyzer uses
// it to type and validate formats, the DuckDB functions to evaluate them.
package numfmt

import (
	"strconv"
	"strings"
)

type kind int

const (
	kDigits kind = iota // a run of 0/9 digits and thousands separators
	kPoint
	kDollar
	kSign    // S
	kMinus   // MI
	kPROpen  // PR (the "<" side, placed first)
	kPRClose // PR (the ">" side, placed last)
	kInvalid
)

// run is one run of 0/9 digits in a digit group; sep marks a thousands
// separator between runs.
type run struct {
	n     int
	exact bool // starts with 0 before the decimal point: exactly n digits
	sep   bool
}

type token struct {
	k    kind
	runs []run // kDigits: left to right, separators included
	ch   rune  // kInvalid
}

func (t token) String() string {
	switch t.k {
	case kPoint:
		return "."
	case kDollar:
		return "$"
	case kSign:
		return "S"
	case kMinus:
		return "MI"
	case kPROpen, kPRClose:
		return "PR"
	case kInvalid:
		return "character '" + string(t.ch) + "''"
	}
	return "digit sequence"
}

func (t token) digits() int {
	n := 0
	for _, r := range t.runs {
		n += r.n
	}
	return n
}

// Format is a parsed number format.
type Format struct {
	src       string
	toks      []token
	Precision int
	Scale     int
}

// Error is an invalid format: Spark's INVALID_FORMAT sub-class and its
// message parameters.
type Error struct {
	Sub    string
	Params []string
}

func (e *Error) Error() string { return "INVALID_FORMAT." + e.Sub }

// Parse parses and validates a number format.
func Parse(f string) (*Format, *Error) {
	quoted := "'" + strings.ToUpper(f) + "'"
	if f == "" {
		return nil, &Error{"EMPTY", []string{"format", quoted}}
	}
	var toks []token
	pointSeen := false
	rs := []rune(strings.ToUpper(f))
	for i := 0; i < len(rs); {
		switch c := rs[i]; {
		case c == '0' || c == '9':
			j := i
			for j < len(rs) && (rs[j] == '0' || rs[j] == '9') {
				j++
			}
			r := run{n: j - i, exact: c == '0' && !pointSeen}
			if n := len(toks); n > 0 && toks[n-1].k == kDigits {
				toks[n-1].runs = append(toks[n-1].runs, r)
			} else {
				toks = append(toks, token{k: kDigits, runs: []run{r}})
			}
			i = j
		case c == ',' || c == 'G':
			if n := len(toks); n > 0 && toks[n-1].k == kDigits {
				toks[n-1].runs = append(toks[n-1].runs, run{sep: true})
			} else {
				toks = append(toks, token{k: kDigits, runs: []run{{sep: true}}})
			}
			i++
		case c == '.' || c == 'D':
			toks = append(toks, token{k: kPoint})
			pointSeen = true
			i++
		case c == '$':
			toks = append(toks, token{k: kDollar})
			i++
		case c == 'S':
			toks = append(toks, token{k: kSign})
			i++
		case c == 'M' && i+1 < len(rs) && rs[i+1] == 'I':
			toks = append(toks, token{k: kMinus})
			i += 2
		case c == 'P' && i+1 < len(rs) && rs[i+1] == 'R':
			toks = append([]token{{k: kPROpen}}, toks...)
			toks = append(toks, token{k: kPRClose})
			i += 2
		default:
			toks = append(toks, token{k: kInvalid, ch: c})
			i++
		}
	}
	fm := &Format{src: f, toks: toks}
	firstDigit, firstDollar, firstPoint := -1, -1, -1
	counts := map[kind]int{}
	for i, t := range toks {
		counts[t.k]++
		switch t.k {
		case kDigits:
			if firstDigit < 0 {
				firstDigit = i
			}
			fm.Precision += t.digits()
			if firstPoint >= 0 {
				fm.Scale += t.digits()
			}
		case kDollar:
			if firstDollar < 0 {
				firstDollar = i
			}
		case kPoint:
			if firstPoint < 0 {
				firstPoint = i
			}
		}
	}
	if firstDigit < 0 || fm.Precision == 0 {
		return nil, &Error{"WRONG_NUM_DIGIT", []string{"format", quoted}}
	}
	if firstDigit < firstDollar {
		return nil, &Error{"CUR_MUST_BEFORE_DIGIT", []string{"format", quoted}}
	}
	if firstPoint >= 0 && firstPoint < firstDollar {
		return nil, &Error{"CUR_MUST_BEFORE_DEC", []string{"format", quoted}}
	}
	for i, t := range toks {
		if t.k != kDigits {
			continue
		}
		before := firstPoint < 0 || i < firstPoint
		for j, r := range t.runs {
			if !r.sep {
				continue
			}
			if !before {
				return nil, &Error{"THOUSANDS_SEPS_MUST_BEFORE_DEC", []string{"format", quoted}}
			}
			if j == 0 || j == len(t.runs)-1 || t.runs[j-1].sep || t.runs[j+1].sep {
				return nil, &Error{"CONT_THOUSANDS_SEPS", []string{"format", quoted}}
			}
		}
	}
	for _, k := range []kind{kPoint, kSign, kMinus, kDollar, kPRClose} {
		if counts[k] > 1 {
			return nil, &Error{"WRONG_NUM_TOKEN", []string{"token", token{k: k}.String(), "format", quoted}}
		}
	}
	// [PR] [MI|S] [$] digits [.] digits [$] [PR|MI|S]
	order := [][]kind{{kPROpen}, {kMinus, kSign}, {kDollar}, {kDigits}, {kPoint}, {kDigits}, {kDollar}, {kMinus, kSign, kPRClose}}
	i := 0
	for _, allowed := range order {
		if i < len(toks) {
			for _, k := range allowed {
				if toks[i].k == k {
					i++
					break
				}
			}
		}
	}
	if i < len(toks) {
		return nil, &Error{"UNEXPECTED_TOKEN", []string{"token", toks[i].String(), "format", quoted}}
	}
	return fm, nil
}

// Parse reads input against the format; the result is plain decimal text
// with exactly Scale fraction digits, ok false when the input does not
// match.
func (f *Format) Parse(input string) (string, bool) {
	in := []rune(input)
	pos := 0
	var before, after strings.Builder
	afterPoint, open, closed, neg := false, false, false, false
	peek := func() (rune, bool) {
		if pos < len(in) {
			return in[pos], true
		}
		return 0, false
	}
	for _, t := range f.toks {
		c, has := peek()
		switch t.k {
		case kDigits:
			var sizes []int // right to left
			cur := 0
			for pos < len(in) {
				ch := in[pos]
				if ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' {
					pos++
					continue
				}
				if ch >= '0' && ch <= '9' {
					cur++
					if afterPoint {
						after.WriteRune(ch)
					} else {
						before.WriteRune(ch)
					}
					pos++
					continue
				}
				if ch == ',' {
					sizes = append([]int{cur}, sizes...)
					cur = 0
					pos++
					continue
				}
				break
			}
			sizes = append([]int{cur}, sizes...)
			var want []run // right to left, digits only
			for j := len(t.runs) - 1; j >= 0; j-- {
				if !t.runs[j].sep {
					want = append(want, t.runs[j])
				}
			}
			if len(sizes) > len(want) {
				return "", false
			}
			for j, w := range want {
				got := 0
				if j < len(sizes) {
					got = sizes[j]
				}
				if w.exact && got != w.n || !w.exact && got > w.n {
					return "", false
				}
			}
		case kPoint:
			if has && c == '.' {
				afterPoint = true
				pos++
			}
		case kDollar:
			if has {
				if c != '$' {
					return "", false
				}
				pos++
			}
		case kSign:
			if has && (c == '+' || c == '-') {
				if c == '-' {
					neg = !neg
				}
				pos++
			}
		case kMinus:
			if has && c == '-' {
				neg = !neg
				pos++
			}
		case kPROpen:
			if has && c == '<' {
				open = true
				pos++
			}
		case kPRClose:
			if has && c == '>' {
				if !open {
					return "", false
				}
				closed = true
				neg = !neg
				pos++
			}
		default:
			return "", false
		}
	}
	if pos < len(in) || open != closed || before.Len() == 0 && after.Len() == 0 {
		return "", false
	}
	b := before.String()
	if b == "" {
		b = "0"
	}
	a := after.String()
	if len(a) < f.Scale {
		a += strings.Repeat("0", f.Scale-len(a))
	}
	s := b
	if a != "" {
		s += "." + a
	}
	if neg {
		s = "-" + s
	}
	return s, true
}

// Format renders a decimal (plain or exponent text) with the format; ok
// false when the value is not a number.
func (f *Format) Format(num string) (string, bool) {
	d, ok := ParseDecimal(num)
	if !ok {
		return "", false
	}
	neg := d.Neg && !d.IsZero()
	intPart := strings.TrimLeft(d.Int, "0")
	frac := strings.TrimRight(d.Frac, "0")
	nb, na := 0, 0
	point := false
	for _, t := range f.toks {
		switch t.k {
		case kDigits:
			if point {
				na += t.digits()
			} else {
				nb += t.digits()
			}
		case kPoint:
			point = true
		}
	}
	if len(intPart) > nb || len(frac) > na {
		intPart, frac = strings.Repeat("#", nb), strings.Repeat("#", na)
	}
	intPart = strings.Repeat(" ", nb-len(intPart)) + intPart
	frac += strings.Repeat("0", na-len(frac))

	var out []rune
	bi, ai := 0, 0
	last := func() rune {
		if len(out) == 0 {
			return 0
		}
		return out[len(out)-1]
	}
	// addChar appends c and moves it left past trailing spaces.
	addChar := func(c rune) {
		out = append(out, c)
		for i := len(out) - 1; i >= 1 && out[i-1] == ' ' && out[i] == c; i-- {
			out[i], out[i-1] = ' ', c
		}
	}
	// addSpace appends a space and moves it left of a preceding sign.
	addSpace := func() {
		out = append(out, ' ')
		for i := len(out) - 1; i >= 1 && (out[i-1] == '+' || out[i-1] == '-' || out[i-1] == '<') && out[i] == ' '; i-- {
			out[i], out[i-1] = out[i-1], ' '
		}
	}
	stripLonePoint := func() {
		for i, c := range out {
			if c == '.' {
				if i == len(out)-1 || out[i+1] == ' ' {
					out[i] = ' '
				}
				return
			}
		}
	}
	point = false
	for _, t := range f.toks {
		switch t.k {
		case kDigits:
			for _, r := range t.runs {
				if r.sep {
					if c := last(); c >= '0' && c <= '9' {
						out = append(out, ',')
					} else {
						addSpace()
					}
					continue
				}
				for k := 0; k < r.n; k++ {
					if point {
						out = append(out, rune(frac[ai]))
						ai++
						continue
					}
					switch c := intPart[bi]; {
					case c == ' ' && r.exact:
						out = append(out, '0')
					case c == ' ':
						addSpace()
					default:
						out = append(out, rune(c))
					}
					bi++
				}
			}
		case kPoint:
			if last() == ' ' {
				out[len(out)-1] = '0'
			}
			out = append(out, '.')
			point = true
		case kDollar:
			out = append(out, '$')
		case kSign:
			stripLonePoint()
			if neg {
				addChar('-')
			} else {
				addChar('+')
			}
		case kMinus:
			if neg {
				stripLonePoint()
				addChar('-')
			} else {
				out = append(out, ' ')
			}
		case kPROpen:
			if neg {
				out = append(out, '<')
			}
		case kPRClose:
			stripLonePoint()
			if neg {
				addChar('>')
			} else {
				out = append(out, ' ', ' ')
			}
		}
	}
	stripLonePoint()
	s := string(out)
	if s == "" || s == "+" || s == "-" {
		return "0", true
	}
	return s, true
}

// Decimal is a parsed decimal number: sign, integer digits and fraction
// digits (no exponent).
type Decimal struct {
	Neg       bool
	Int, Frac string
	Special   string // NaN, Infinity, -Infinity
}

// IsZero reports an all-zero value.
func (d Decimal) IsZero() bool {
	return strings.Trim(d.Int, "0") == "" && strings.Trim(d.Frac, "0") == ""
}

// ParseDecimal reads decimal text such as "-12.50", "1e+20", "1.5E-7".
func ParseDecimal(s string) (Decimal, bool) {
	s = strings.TrimSpace(s)
	var d Decimal
	switch strings.ToLower(s) {
	case "nan":
		return Decimal{Special: "NaN"}, true
	case "inf", "infinity", "+inf", "+infinity":
		return Decimal{Special: "Infinity"}, true
	case "-inf", "-infinity":
		return Decimal{Special: "-Infinity", Neg: true}, true
	}
	if strings.HasPrefix(s, "-") {
		d.Neg, s = true, s[1:]
	} else if strings.HasPrefix(s, "+") {
		s = s[1:]
	}
	exp := 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.Atoi(strings.TrimPrefix(s[i+1:], "+"))
		if err != nil {
			return d, false
		}
		exp, s = e, s[:i]
	}
	ip, fp, _ := strings.Cut(s, ".")
	if ip == "" && fp == "" {
		return d, false
	}
	for _, c := range ip + fp {
		if c < '0' || c > '9' {
			return d, false
		}
	}
	digits := ip + fp
	point := len(ip) + exp
	if point < 0 {
		digits = strings.Repeat("0", -point) + digits
		point = 0
	}
	if point > len(digits) {
		digits += strings.Repeat("0", point-len(digits))
	}
	d.Int, d.Frac = digits[:point], digits[point:]
	if d.Int == "" {
		d.Int = "0"
	}
	return d, true
}

// Round rounds to n fraction digits, half to even (Java DecimalFormat's
// default).
func (d Decimal) Round(n int) Decimal {
	if len(d.Frac) <= n {
		d.Frac += strings.Repeat("0", n-len(d.Frac))
		return d
	}
	keep, rest := d.Int+d.Frac[:n], d.Frac[n:]
	up := false
	switch {
	case rest[0] > '5':
		up = true
	case rest[0] == '5':
		if strings.Trim(rest[1:], "0") != "" {
			up = true
		} else {
			last := byte('0')
			if len(keep) > 0 {
				last = keep[len(keep)-1]
			}
			up = (last-'0')%2 == 1
		}
	}
	b := []byte(keep)
	if up {
		i := len(b) - 1
		for ; i >= 0; i-- {
			if b[i] == '9' {
				b[i] = '0'
				continue
			}
			b[i]++
			break
		}
		if i < 0 {
			b = append([]byte{'1'}, b...)
		}
	}
	ip := string(b[:len(b)-n])
	d.Int = strings.TrimLeft(ip, "0")
	if d.Int == "" {
		d.Int = "0"
	}
	d.Frac = string(b[len(b)-n:])
	return d
}

func group(ip string, size int) string {
	if size <= 0 || len(ip) <= size {
		return ip
	}
	var b strings.Builder
	first := len(ip) % size
	if first > 0 {
		b.WriteString(ip[:first])
	}
	for i := first; i < len(ip); i += size {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(ip[i : i+size])
	}
	return b.String()
}

func special(d Decimal) (string, bool) {
	switch d.Special {
	case "NaN":
		return "NaN", true
	case "Infinity":
		return "∞", true
	case "-Infinity":
		return "-∞", true
	}
	return "", false
}

// FormatNumber is format_number(x, d): grouped thousands and exactly d
// fraction digits, rounded half to even.
func FormatNumber(num string, n int) (string, bool) {
	d, ok := ParseDecimal(num)
	if !ok {
		return "", false
	}
	if s, ok := special(d); ok {
		return s, true
	}
	r := d.Round(n)
	s := group(r.Int, 3)
	if n > 0 {
		s += "." + r.Frac
	}
	if r.Neg {
		s = "-" + s
	}
	return s, true
}

// FormatPattern is format_number(x, pattern) for DecimalFormat patterns
// made of '#', '0', ',' and one '.'; ok false for other patterns.
func FormatPattern(num, pattern string) (string, bool, bool) {
	d, ok := ParseDecimal(num)
	if !ok {
		return "", false, true
	}
	if s, ok := special(d); ok {
		return s, true, true
	}
	ip, fp, hasPoint := strings.Cut(pattern, ".")
	if strings.Trim(ip, "#0,") != "" || strings.Trim(fp, "#0") != "" || strings.Contains(fp, ".") {
		return "", true, false
	}
	minInt := strings.Count(ip, "0")
	grp := 0
	if i := strings.LastIndexByte(ip, ','); i >= 0 {
		grp = len(ip) - i - 1
	}
	minFrac := len(fp) - len(strings.TrimLeft(fp, "0"))
	maxFrac := len(fp)
	if !hasPoint {
		maxFrac = 0
	}
	r := d.Round(maxFrac)
	frac := r.Frac
	for len(frac) > minFrac && strings.HasSuffix(frac, "0") {
		frac = frac[:len(frac)-1]
	}
	in := strings.TrimLeft(r.Int, "0")
	if len(in) < minInt {
		in = strings.Repeat("0", minInt-len(in)) + in
	}
	s := group(in, grp)
	if frac != "" {
		s += "." + frac
	}
	if s == "" {
		s = "0"
	}
	if r.Neg && !r.IsZero() || r.Neg && d.Neg {
		s = "-" + s
	}
	return s, true, true
}
