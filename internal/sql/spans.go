package sql

import (
	"strings"
	"unicode/utf8"

	"github.com/emberdb/ember/internal/plan"
)

// Span is the source range of a parsed node: byte offsets into the SQL
// text, End exclusive.
type Span struct{ Start, End int }

// LineCol returns the 1-based line and 0-based character position of the
// span's start, as Spark reports origins ("line 1 pos 7").
func (s Span) LineCol(text string) (line, col int) {
	if s.Start > len(text) {
		s.Start = len(text)
	}
	line = 1 + strings.Count(text[:s.Start], "\n")
	ls := strings.LastIndex(text[:s.Start], "\n") + 1
	return line, utf8.RuneCountInString(text[ls:s.Start])
}

// StatementName keys, in Spans, the position of the first table or
// namespace name a statement names (its target).
const StatementName = spanKey("statement name")

type spanKey string

// Spans maps parsed nodes (plan.Expr and plan.Relation pointers) to their
// source spans, for error messages that point into the query.
type Spans map[any]Span

// mark records the span of n from start to the end of the last consumed
// token, unless n already has one (inner nodes keep their own).
func (p *parser) mark(n any, start int) {
	if n == nil || p.spans == nil {
		return
	}
	switch x := n.(type) {
	case plan.Expr:
		if x == nil {
			return
		}
	case plan.Relation:
		if x == nil {
			return
		}
	}
	if _, ok := p.spans[n]; ok {
		return
	}
	p.spans[n] = Span{Start: start, End: p.prevEnd()}
}

// markChain marks r and the single-input operators below it that were
// built for the same clause.
func (p *parser) markChain(r plan.Relation, start int) {
	for r != nil {
		if _, ok := p.spans[r]; ok {
			return
		}
		p.mark(r, start)
		r = singleInput(r)
	}
}

func (p *parser) markJoin(r plan.Relation) {
	var left plan.Relation
	switch x := r.(type) {
	case *plan.Join:
		left = x.Left
	case *plan.LateralJoin:
		left = x.Left
	}
	if sp, ok := p.spans[left]; ok {
		p.mark(r, sp.Start)
	}
}

func singleInput(r plan.Relation) plan.Relation {
	switch x := r.(type) {
	case *plan.Project:
		return x.Input
	case *plan.Filter:
		return x.Input
	case *plan.Aggregate:
		return x.Input
	case *plan.Deduplicate:
		return x.Input
	case *plan.Qualify:
		return x.Input
	case *plan.Hint:
		return x.Input
	case *plan.Sort:
		return x.Input
	case *plan.Limit:
		return x.Input
	case *plan.Offset:
		return x.Input
	case *plan.Repartition:
		return x.Input
	case *plan.SubqueryAlias:
		return x.Input
	case *plan.Sample:
		return x.Input
	case *plan.LateralView:
		return x.Input
	case *plan.Pivot:
		return x.Input
	case *plan.Unpivot:
		return x.Input
	}
	return nil
}

// ParseStatementSpans is ParseStatement that also returns the source span
// of every expression and relation node.
func ParseStatementSpans(text string, opts ...Option) (Statement, Spans, error) {
	p := newParser(text, opts...)
	p.spans = Spans{}
	var s Statement
	err := p.run(func() {
		s = p.statement()
		p.expectEOF(true)
		p.runLater()
	})
	return s, p.spans, err
}

// ParseQuerySpans is ParseQuery that also returns node spans.
func ParseQuerySpans(text string, opts ...Option) (plan.Relation, Spans, error) {
	p := newParser(text, opts...)
	p.spans = Spans{}
	var r plan.Relation
	err := p.run(func() {
		r = p.query()
		p.expectEOF(true)
	})
	return r, p.spans, err
}

// ParseExpressionSpans is ParseExpression that also returns node spans.
func ParseExpressionSpans(text string, opts ...Option) (plan.Expr, Spans, error) {
	p := newParser(text, opts...)
	p.spans = Spans{}
	var e plan.Expr
	err := p.run(func() {
		e = p.namedExpression()
		p.expectEOF(false)
	})
	return e, p.spans, err
}
