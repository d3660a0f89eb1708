package sql

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
)

// parser is a recursive-descent parser over the token slice. Parse
// functions report errors by panicking with a *bailout; the entry points
// recover it and return the *sparkerr.Error inside. Having every token up
// front makes arbitrary lookahead and backtracking cheap (p.attempt).
type parser struct {
	src  string
	toks []token
	i    int
	// posParams counts positional '?' markers seen so far.
	posParams int
	// unclosedComment records a /* comment left open (reported at the end).
	unclosedComment bool
	// rowItems remembers the elements of row constructors "(a, b)".
	rowItems map[*plan.UnresolvedFunction][]plan.Expr
	// furthest is the syntax error that got furthest into the input among
	// abandoned alternatives (p.attempt); like ANTLR, we report the
	// furthest failure when every alternative fails.
	furthest *bailout
	// failed memoizes speculative parses that failed, by rule and token
	// index, so nested alternatives do not backtrack exponentially.
	failed map[memoKey]bool
	// spans records node source ranges when requested (nil otherwise).
	spans Spans
	// aliasable is the token index just after a relation without an alias
	// (where a keyword could still be read as its alias).
	aliasable int
	// deferred holds checks Spark makes while building the plan; they run
	// after the statement parsed (see later / runLater).
	deferred []func()
}

// bailout carries a parse error up the stack; pos is the byte offset of a
// syntax error (-1 for other errors).
type bailout struct {
	err *sparkerr.Error
	pos int
}

// Option adjusts parsing to a client's Spark version.
type Option func(*options)

type options struct{ spark35 bool }

// Spark35 parses as Spark 3.5 does when on: string literals know no
// doubled-quote escape there, so a doubled quote ends one literal and
// starts an adjacent one (which concatenate).
func Spark35(on bool) Option { return func(o *options) { o.spark35 = on } }

func newParser(src string, opts ...Option) *parser {
	var o options
	for _, f := range opts {
		f(&o)
	}
	lx := lex(src, o)
	return &parser{src: src, toks: lx.toks, unclosedComment: lx.unclosedComment}
}

// run calls f, turning a bailout panic into an error.
func (p *parser) run(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(*bailout)
			if !ok {
				panic(r)
			}
			if f := p.furthest; f != nil && b.pos >= 0 && f.pos >= b.pos {
				b = f
			}
			err = b.err
		}
	}()
	if p.unclosedComment {
		e := newErr("UNCLOSED_BRACKETED_COMMENT", "42601", nil,
			"Found an unclosed bracketed comment. Please, append */ at the end of the comment.")
		e.Context = "\n== SQL ==\n" + p.src
		p.fail(e)
	}
	p.checkEmpty()
	f()
	return nil
}

type memoKey struct {
	rule string
	at   int
}

// attemptOnce is attempt for a named alternative at the current token; a
// failure is remembered and not retried.
func (p *parser) attemptOnce(rule string, f func()) bool {
	k := memoKey{rule, p.i}
	if p.failed[k] {
		return false
	}
	if p.attempt(f) {
		return true
	}
	if p.failed == nil {
		p.failed = map[memoKey]bool{}
	}
	p.failed[k] = true
	return false
}

// attempt runs f; on a syntax error it rewinds and reports false.
func (p *parser) attempt(f func()) (ok bool) {
	save, saveParams, saveDeferred := p.i, p.posParams, len(p.deferred)
	defer func() {
		if r := recover(); r != nil {
			b, isBail := r.(*bailout)
			if !isBail {
				panic(r)
			}
			if b.pos >= 0 && (p.furthest == nil || b.pos > p.furthest.pos) {
				p.furthest = b
			}
			p.i, p.posParams = save, saveParams
			p.deferred = p.deferred[:saveDeferred]
			ok = false
		}
	}()
	f()
	return true
}

// ---- token access ----

func (p *parser) tok() token { return p.toks[p.i] }

func (p *parser) peek(n int) token {
	if p.i+n < len(p.toks) {
		return p.toks[p.i+n]
	}
	return p.toks[len(p.toks)-1]
}

func (p *parser) advance() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) atEOF() bool { return p.tok().kind == tEOF }

// isKwTok reports whether t is the unquoted word kw (upper case).
func isKwTok(t token, kws ...string) bool {
	if t.kind != tIdent {
		return false
	}
	for _, k := range kws {
		if t.upper == k {
			return true
		}
	}
	return false
}

func (p *parser) isKw(kws ...string) bool { return isKwTok(p.tok(), kws...) }

func (p *parser) peekKw(n int, kws ...string) bool { return isKwTok(p.peek(n), kws...) }

func (p *parser) acceptKw(kw string) bool {
	if p.isKw(kw) {
		p.i++
		return true
	}
	return false
}

func (p *parser) expectKw(kw string) token {
	if p.isKw(kw) {
		return p.advance()
	}
	if isKwTok(p.peek(1), kw) {
		p.failTok(p.tok(), ": extra input "+tokenDisplay(p.tok()))
	}
	p.failTok(p.tok(), "")
	return token{}
}

// expectKwMissing is expectKw where ANTLR reports "missing 'KW'" at the
// end of input.
func (p *parser) expectKwMissing(kw string) token {
	if p.atEOF() {
		p.failTok(p.tok(), ": missing '"+kw+"'")
	}
	return p.expectKw(kw)
}

func isOpTok(t token, ops ...string) bool {
	if t.kind != tOp {
		return false
	}
	for _, o := range ops {
		if t.val == o {
			return true
		}
	}
	return false
}

func (p *parser) isOp(ops ...string) bool { return isOpTok(p.tok(), ops...) }

func (p *parser) peekOp(n int, ops ...string) bool { return isOpTok(p.peek(n), ops...) }

func (p *parser) acceptOp(op string) bool {
	if p.isOp(op) {
		p.i++
		return true
	}
	return false
}

// expectOp consumes op or fails the way ANTLR's recovery reports it: an
// unwanted token directly before the expected one is "extra input", an
// expected closing token missing at the end of input is "missing".
func (p *parser) expectOp(op string) token {
	if p.isOp(op) {
		return p.advance()
	}
	if isOpTok(p.peek(1), op) {
		p.failTok(p.tok(), ": extra input "+tokenDisplay(p.tok()))
	}
	p.failTok(p.tok(), "")
	return token{}
}

// expectClose is expectOp for a closing token that ANTLR matches directly
// (function calls, FROM subqueries): at the end of input it reports the
// token as missing.
func (p *parser) expectClose(op string) token {
	if p.atEOF() {
		p.failTok(p.tok(), ": missing '"+op+"'")
	}
	return p.expectOp(op)
}

// expectEOF checks the statement is complete (trailing semicolons allowed).
func (p *parser) expectEOF(allowSemicolon bool) {
	semi := false
	if allowSemicolon {
		for p.isOp(";") {
			p.advance()
			semi = true
		}
	}
	if p.atEOF() {
		return
	}
	if p.peek(1).kind == tEOF || semi {
		p.failTok(p.tok(), ": extra input "+tokenDisplay(p.tok()))
	}
	p.failTok(p.tok(), "")
}

// ---- errors ----

func newErr(class, state string, params map[string]string, text string) *sparkerr.Error {
	if params == nil {
		params = map[string]string{}
	}
	return &sparkerr.Error{Class: class, Params: params, SQLState: state, JavaClass: sparkerr.ParseException, Text: text}
}

func (p *parser) fail(e *sparkerr.Error) { panic(&bailout{err: e, pos: -1}) }

// tokenDisplay quotes a token the way ANTLR's error strategy does.
func tokenDisplay(t token) string {
	if t.kind == tEOF {
		return "end of input"
	}
	s := t.text
	s = strings.ReplaceAll(s, "\n", "\\n")
	s = strings.ReplaceAll(s, "\r", "\\r")
	s = strings.ReplaceAll(s, "\t", "\\t")
	return "'" + s + "'"
}

// syntaxError builds PARSE_SYNTAX_ERROR at token t.
func (p *parser) syntaxError(t token, hint string) *sparkerr.Error {
	e := newErr("PARSE_SYNTAX_ERROR", "42601", map[string]string{"error": tokenDisplay(t), "hint": hint},
		"Syntax error at or near "+tokenDisplay(t)+hint+".")
	return p.errorAtPos(e, t.pos)
}

func (p *parser) failTok(t token, hint string) {
	panic(&bailout{err: p.syntaxError(t, hint), pos: t.pos})
}

// trailingKeyword fails with ANTLR's "extra input" report when the current
// token is the last one: an optional construct introduced by a keyword
// that has nothing after it is not entered, leaving the keyword unmatched.
func (p *parser) trailingKeyword() {
	if p.peek(1).kind == tEOF {
		p.failTok(p.tok(), ": extra input "+tokenDisplay(p.tok()))
	}
}

// missingCloseBefore fails where a ")" is missing before one of the
// keywords that may follow it: Spark 3.5's error strategy then adds the
// hint "missing ')'" (Spark 4 does not).
func (p *parser) missingCloseBefore(kws ...string) {
	if p.isOp(")") {
		return
	}
	for _, kw := range kws {
		if p.isKw(kw) {
			e := p.syntaxError(p.tok(), "")
			e.Params35 = map[string]string{"hint": ": missing ')'"}
			panic(&bailout{err: e, pos: p.tok().pos})
		}
	}
}

// failHere reports a syntax error at the current token.
func (p *parser) failHere() { p.failTok(p.tok(), "") }

// errorAtPos appends Spark's ParseException position suffix:
// " (line L, pos P)\n\n== SQL ==\n<lines up to L>\n<P dashes>^^^\n<rest>".
func (p *parser) errorAtPos(e *sparkerr.Error, bytePos int) *sparkerr.Error {
	e.Context = positionContext(p.src, bytePos)
	return e
}

func positionContext(src string, bytePos int) string {
	if bytePos > len(src) {
		bytePos = len(src)
	}
	line := 1 + strings.Count(src[:bytePos], "\n")
	lineStart := strings.LastIndex(src[:bytePos], "\n") + 1
	col := utf8.RuneCountInString(src[lineStart:bytePos])
	var b strings.Builder
	fmt.Fprintf(&b, " (line %d, pos %d)\n\n== SQL ==\n", line, col)
	lines := strings.Split(src, "\n")
	// Java's String.split drops trailing empty strings (unless nothing
	// was split at all).
	for len(lines) > 1 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) == 1 && lines[0] == "" && strings.Contains(src, "\n") {
		lines = nil
	}
	for i := 0; i < line && i < len(lines); i++ {
		b.WriteString(lines[i])
		b.WriteByte('\n')
	}
	b.WriteString(strings.Repeat("-", col))
	b.WriteString("^^^\n")
	for i := line; i < len(lines); i++ {
		b.WriteString(lines[i])
		b.WriteByte('\n')
	}
	return b.String()
}

// fragmentContext is the context Spark attaches to errors raised while
// building the plan (not syntax errors): the failing fragment with up to 32
// characters around it, underlined with carets.
func fragmentContext(src string, startByte, endByte int) string {
	if endByte > len(src) {
		endByte = len(src)
	}
	if startByte > endByte {
		startByte = endByte
	}
	text := []rune(src)
	start := utf8.RuneCountInString(src[:startByte])
	stop := utf8.RuneCountInString(src[:endByte]) - 1
	if stop < start {
		stop = start
	}
	if stop > len(text)-1 {
		stop = len(text) - 1
	}
	line := 1 + strings.Count(src[:startByte], "\n")
	lineStart := strings.LastIndex(src[:startByte], "\n") + 1
	col := utf8.RuneCountInString(src[lineStart:startByte])
	const extra = 32
	ls := start
	for ls >= 0 && start-ls <= extra && (ls >= len(text) || text[ls] != '\n') {
		ls--
	}
	startTrunc := start-ls > extra
	le := stop
	for le < len(text) && le-stop <= extra && text[le] != '\n' {
		le++
	}
	stopTrunc := le-stop > extra && le < len(text)-1
	var b strings.Builder
	fmt.Fprintf(&b, "\n== SQL (line %d, position %d) ==\n", line, col+1)
	lo := ls + 1
	if lo > le {
		lo = le
	}
	lines := strings.Split(string(text[lo:le]), "\n")
	cur := lo
	for i, l := range lines {
		pad := 0
		if i == 0 && startTrunc {
			b.WriteString("...")
			pad = 3
		}
		b.WriteString(l)
		if i == len(lines)-1 && stopTrunc {
			b.WriteString("...")
		}
		b.WriteByte('\n')
		b.WriteString(strings.Repeat(" ", pad))
		for range []rune(l) {
			switch {
			case cur < start:
				b.WriteByte(' ')
			case cur <= stop:
				b.WriteByte('^')
			}
			cur++
		}
		cur++ // the newline
		b.WriteByte('\n')
	}
	return b.String()
}

// failSpan reports a non-syntax parse error for the source span [start,end).
func (p *parser) failSpan(e *sparkerr.Error, start, end int) {
	e.Context = fragmentContext(p.src, start, end)
	p.fail(e)
}

// spanFrom returns the end offset of the previous token (for fragments).
func (p *parser) prevEnd() int {
	if p.i == 0 {
		return 0
	}
	return p.toks[p.i-1].end
}
