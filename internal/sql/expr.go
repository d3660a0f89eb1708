package sql

import (
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/types"
)

func fn(name string, args ...plan.Expr) *plan.UnresolvedFunction {
	return &plan.UnresolvedFunction{Name: name, Args: args}
}

func strLit(s string) *plan.Literal { return &plan.Literal{Type: types.String, Value: s} }

func boolLit(b bool) *plan.Literal { return &plan.Literal{Type: types.Boolean, Value: b} }

func intLit(v int32) *plan.Literal { return &plan.Literal{Type: types.Int, Value: v} }

// expression parses Spark's `expression` rule (a boolean expression).
func (p *parser) expression() plan.Expr { return p.orExpr() }

func (p *parser) orExpr() plan.Expr {
	start := p.tok().pos
	l := p.andExpr()
	for p.isKw("OR") {
		p.trailingKeyword()
		p.advance()
		l = fn("or", l, p.andExpr())
		p.mark(l, start)
	}
	return l
}

func (p *parser) andExpr() plan.Expr {
	start := p.tok().pos
	l := p.notExpr()
	for p.isKw("AND") {
		p.trailingKeyword()
		p.advance()
		l = fn("and", l, p.notExpr())
		p.mark(l, start)
	}
	return l
}

func (p *parser) notExpr() plan.Expr {
	if (p.isKw("NOT") || p.isOp("!")) && p.peek(1).kind != tEOF {
		start := p.advance().pos
		e := fn("not", p.notExpr())
		p.mark(e, start)
		return e
	}
	return p.predicated()
}

// predicated parses a value expression followed by at most one predicate.
func (p *parser) predicated() (out plan.Expr) {
	start := p.tok().pos
	defer func() { p.mark(out, start) }()
	v := p.valueExpr(0)
	not := false
	if p.isKw("NOT", "BETWEEN", "IN", "LIKE", "ILIKE", "RLIKE", "REGEXP", "IS") {
		p.trailingKeyword()
	}
	if (p.isKw("NOT") || p.isOp("!")) && p.peekKw(1, "BETWEEN", "IN", "LIKE", "ILIKE", "RLIKE", "REGEXP") {
		p.advance()
		not = true
	}
	wrap := func(e plan.Expr) plan.Expr {
		if not {
			return fn("not", e)
		}
		return e
	}
	t := p.tok()
	switch {
	case isKwTok(t, "BETWEEN"):
		p.advance()
		lo := p.valueExpr(0)
		p.expectKw("AND")
		hi := p.valueExpr(0)
		return wrap(fn("between", v, lo, hi))
	case isKwTok(t, "IN"):
		p.advance()
		if p.isOp("(") && p.peekOp(1, ")") {
			p.failSpan(newErr("INVALID_SQL_SYNTAX.EMPTY_IN_PREDICATE", "42000", nil,
				"Invalid SQL syntax: IN predicate requires at least one value. Empty IN clauses like 'IN ()' are not allowed. "+
					"Consider using 'WHERE FALSE' if you need an always-false condition, or provide at least one value in the IN list."),
				t.pos, p.peek(1).end)
		}
		p.expectOp("(")
		if p.queryAhead() {
			q := p.query()
			p.expectOp(")")
			return &plan.InSubquery{Values: p.rowValues(v), Plan: q, Not: not}
		}
		args := []plan.Expr{v}
		for {
			args = append(args, p.expression())
			if !p.acceptOp(",") {
				break
			}
		}
		p.expectOp(")")
		return wrap(fn("in", args...))
	case isKwTok(t, "RLIKE", "REGEXP"):
		p.advance()
		return wrap(fn("rlike", v, p.valueExpr(0)))
	case isKwTok(t, "LIKE", "ILIKE"):
		p.advance()
		if p.isKw("ANY", "SOME", "ALL") && p.peekOp(1, "(") {
			q := p.advance()
			p.expectOp("(")
			var pats []plan.Expr
			if !p.isOp(")") {
				for {
					pats = append(pats, p.expression())
					if !p.acceptOp(",") {
						break
					}
				}
			}
			p.expectOp(")")
			name := "likeany"
			if q.upper == "ALL" {
				name = "likeall"
			}
			if not {
				name = "not" + name
			}
			if t.upper == "ILIKE" {
				v = fn("lower", v)
				for i := range pats {
					pats[i] = fn("lower", pats[i])
				}
			}
			return fn(name, append([]plan.Expr{v}, pats...)...)
		}
		pat := p.valueExpr(0)
		name := strings.ToLower(t.upper)
		if p.isKw("ESCAPE") {
			p.trailingKeyword()
			p.advance()
			esc := p.stringLit()
			return wrap(fn(name, v, pat, strLit(esc)))
		}
		return wrap(fn(name, v, pat))
	case isKwTok(t, "IS"):
		p.advance()
		isNot := false
		if p.isKw("NOT") || p.isOp("!") {
			p.advance()
			isNot = true
		}
		k := p.tok()
		switch {
		case isKwTok(k, "NULL"), isKwTok(k, "UNKNOWN"):
			p.advance()
			if isNot {
				return fn("isNotNull", v)
			}
			return fn("isNull", v)
		case isKwTok(k, "TRUE"), isKwTok(k, "FALSE"):
			p.advance()
			e := plan.Expr(fn("<=>", v, boolLit(k.upper == "TRUE")))
			if isNot {
				e = fn("not", e)
			}
			return e
		case isKwTok(k, "DISTINCT"):
			p.advance()
			p.expectKw("FROM")
			r := p.valueExpr(0)
			e := plan.Expr(fn("<=>", v, r))
			if !isNot {
				e = fn("not", e)
			}
			return e
		}
		p.failHere()
	}
	return v
}

// rowValues unpacks a row constructor on the left of IN (subquery).
func (p *parser) rowValues(v plan.Expr) []plan.Expr {
	if f, ok := v.(*plan.UnresolvedFunction); ok {
		if items, ok := p.rowItems[f]; ok {
			return items
		}
	}
	return []plan.Expr{v}
}

// binary operator precedence (higher binds tighter), following the order
// of Spark's valueExpression alternatives.
func (p *parser) binaryOp() (string, int) {
	t := p.tok()
	if t.kind == tIdent {
		if t.upper == "DIV" && p.peek(1).kind != tEOF {
			return "div", 7
		}
		return "", 0
	}
	if t.kind != tOp {
		return "", 0
	}
	switch t.val {
	case "*", "/", "%":
		return t.val, 7
	case "+", "-":
		return t.val, 6
	case "||":
		return "concat", 6
	case "<<", ">>", ">>>":
		return t.val, 5
	case "&":
		return "&", 4
	case "^":
		return "^", 3
	case "|":
		return "|", 2
	case "=", "<=>", "<>", "!=", "<", "<=", ">", ">=":
		return t.val, 1
	}
	return "", 0
}

func (p *parser) valueExpr(minPrec int) plan.Expr {
	start := p.tok().pos
	left := p.unaryExpr()
	for {
		op, prec := p.binaryOp()
		if prec == 0 || prec < minPrec {
			return left
		}
		p.advance()
		right := p.valueExpr(prec + 1)
		switch op {
		case "=":
			left = fn("==", left, right)
		case "<>", "!=":
			left = fn("not", fn("==", left, right))
		default:
			left = fn(op, left, right)
		}
		p.mark(left, start)
	}
}

func (p *parser) unaryExpr() (out plan.Expr) {
	t := p.tok()
	defer func() { p.mark(out, t.pos) }()
	if t.kind == tOp {
		switch t.val {
		case "-":
			if p.peek(1).isNumber() {
				return p.postfix(p.primary())
			}
			p.advance()
			// SQL unary minus: Spark names it (- x), unlike negative(x).
			return fn("-", p.unaryExpr())
		case "+":
			p.advance()
			return fn("positive", p.unaryExpr())
		case "~":
			p.advance()
			return fn("~", p.unaryExpr())
		}
	}
	return p.postfix(p.primary())
}

// postfix applies subscripts, field access, '::' casts and COLLATE.
func (p *parser) postfix(e plan.Expr) plan.Expr {
	start := p.prevEnd()
	if sp, ok := p.spans[e]; ok {
		start = sp.Start
	}
	for {
		p.mark(e, start)
		switch {
		case p.isOp("["):
			p.advance()
			idx := p.valueExpr(0)
			if !p.isOp("]") && (p.tok().kind == tIdent || p.tok().kind == tQuotedIdent) && !isOpTok(p.peek(1), "]") {
				p.failTok(p.tok(), ": missing ']'")
			}
			p.expectOp("]")
			e = &plan.ExtractValue{Child: e, Extraction: idx}
		case p.isOp(".") && p.peekOp(1, "*"):
			a, ok := e.(*plan.UnresolvedAttribute)
			if !ok {
				p.advance()
				p.failHere()
			}
			p.advance()
			p.advance()
			e = p.starExcept(&plan.UnresolvedStar{Target: a.Parts})
		case p.isOp("."):
			p.advance()
			name := p.identifier()
			if a, ok := e.(*plan.UnresolvedAttribute); ok {
				parts := append(append([]string{}, a.Parts...), name)
				e = &plan.UnresolvedAttribute{Parts: parts}
			} else {
				e = &plan.ExtractValue{Child: e, Extraction: strLit(name)}
			}
		case p.isOp("::"):
			p.advance()
			e = &plan.Cast{Child: e, Type: p.dataType()}
		case p.isKw("COLLATE") && (p.peek(1).kind == tIdent || p.peek(1).kind == tQuotedIdent):
			p.advance()
			name, _, _ := p.identifierPart()
			e = fn("collate", e, strLit(name))
		default:
			return e
		}
	}
}

func (p *parser) starExcept(s *plan.UnresolvedStar) plan.Expr {
	if !(p.isKw("EXCEPT") && p.peekOp(1, "(")) {
		return s
	}
	p.advance()
	p.advance()
	var cols [][]string
	for {
		cols = append(cols, p.multipartIdentifier())
		if !p.acceptOp(",") {
			break
		}
	}
	p.expectOp(")")
	return &plan.UnresolvedStarExcept{Star: s, Except: cols}
}

// queryAhead reports whether the tokens at the cursor start a query
// (possibly inside extra parentheses).
func (p *parser) queryAhead() bool {
	j := p.i
	for isOpTok(p.toks[j], "(") {
		j++
	}
	t := p.toks[j]
	if !isKwTok(t, "SELECT", "WITH", "VALUES", "FROM", "TABLE") {
		return false
	}
	// A word followed by ',', ')' or '.' is a column of that name.
	return !isOpTok(p.toks[j+1], ",", ")", ".") && !(isKwTok(t, "TABLE", "FROM", "WITH") && isOpTok(p.toks[j+1], "("))
}

func isDatetimeUnit(t token) bool {
	return isKwTok(t, "YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "DAYOFYEAR", "HOUR", "MINUTE", "SECOND",
		"MILLISECOND", "MICROSECOND")
}

// primary parses Spark's primaryExpression (without the postfix forms).
func (p *parser) primary() (out plan.Expr) {
	t := p.tok()
	defer func() { p.mark(out, t.pos) }()
	switch t.kind {
	case tEOF:
		p.failHere()
	case tString:
		return strLit(p.stringLits())
	case tInteger, tDecimal, tExponent, tBigint, tSmallint, tTinyint, tDouble, tFloat, tBigDecimal:
		p.advance()
		return p.numberLiteral(t, false, t.pos)
	case tOp:
		switch t.val {
		case "-":
			if p.peek(1).isNumber() {
				p.advance()
				n := p.advance()
				return p.numberLiteral(n, true, t.pos)
			}
		case "(":
			return p.parenExpr()
		case "*":
			p.advance()
			return p.starExcept(&plan.UnresolvedStar{})
		case "?":
			p.advance()
			e := &plan.Parameter{Index: p.posParams}
			p.posParams++
			return e
		case ":":
			p.advance()
			name, _, ok := p.identifierPart()
			if !ok {
				p.failHere()
			}
			return &plan.Parameter{Name: name}
		}
		p.failHere()
	case tQuotedIdent:
		return p.identifierExpr()
	case tIdent:
		if e := p.keywordExpr(t); e != nil {
			return e
		}
		return p.identifierExpr()
	}
	p.failHere()
	return nil
}

// keywordExpr handles primary expressions introduced by a keyword; it
// returns nil when the word should be read as an identifier instead.
func (p *parser) keywordExpr(t token) plan.Expr {
	next := p.peek(1)
	callOpen := isOpTok(next, "(")
	switch t.upper {
	case "NULL":
		p.advance()
		return &plan.Literal{Type: types.Null}
	case "TRUE", "FALSE":
		p.advance()
		return boolLit(t.upper == "TRUE")
	case "CASE":
		if next.kind != tEOF {
			return p.caseExpr()
		}
	case "CAST", "TRY_CAST":
		if callOpen {
			var e plan.Expr
			if p.attemptOnce("cast", func() { e = p.castExpr() }) {
				return e
			}
		}
	case "INTERVAL":
		if next.kind == tString || next.isNumber() || isOpTok(next, "-", "+") {
			return p.intervalLiteral()
		}
	case "DATE", "TIMESTAMP", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "X", "TIME":
		if next.kind == tString {
			return p.typedLiteral()
		}
	case "CURRENT_DATE", "CURRENT_TIMESTAMP", "CURRENT_TIME", "CURRENT_USER", "USER", "SESSION_USER":
		if !callOpen {
			p.advance()
			switch t.upper {
			case "CURRENT_DATE":
				return fn("current_date")
			case "CURRENT_TIME":
				return fn("current_time")
			case "CURRENT_TIMESTAMP":
				return fn("current_timestamp")
			}
			return fn("current_user")
		}
	case "EXISTS":
		if callOpen {
			save := p.i
			p.advance()
			p.advance()
			if p.queryAhead() {
				q := p.query()
				p.expectOp(")")
				return &plan.Exists{Plan: q}
			}
			p.i = save
		}
	case "STRUCT":
		if callOpen {
			p.advance()
			return p.functionCall(strings.ToLower(t.text), t, true)
		}
	case "POSITION", "EXTRACT", "TRIM", "OVERLAY", "TIMESTAMPADD", "DATEADD", "DATE_ADD",
		"TIMESTAMPDIFF", "DATEDIFF", "DATE_DIFF", "TIMEDIFF":
		if callOpen {
			var e plan.Expr
			if p.attemptOnce("special", func() { e = p.specialForm(t) }) {
				return e
			}
		}
	case "SUBSTR", "SUBSTRING":
		if callOpen {
			var e plan.Expr
			if p.attemptOnce("substring", func() { e = p.substringExpr(t) }) {
				return e
			}
		}
	case "IDENTIFIER":
		if callOpen {
			return p.identifierClauseExpr()
		}
	}
	// ident 'string' is a typed literal of an unsupported type.
	if next.kind == tString {
		p.unsupportedTypedLiteral(t)
	}
	return nil
}

// identifierExpr parses a column reference, a qualified function call or a
// single-argument lambda.
func (p *parser) identifierExpr() plan.Expr {
	first := p.tok()
	if isOpTok(p.peek(1), "->") {
		name, _, _ := p.identifierPart()
		p.advance()
		body := p.expression()
		return lambda([]string{name}, body)
	}
	name, _, _ := p.identifierPart()
	parts := []string{name}
	// Collect a qualified name when it ends in a call: db.func(...).
	j := p.i
	for isOpTok(p.toks[j], ".") && (p.toks[j+1].kind == tIdent || p.toks[j+1].kind == tQuotedIdent) {
		j += 2
	}
	if isOpTok(p.toks[j], "(") {
		for p.i < j {
			p.advance()
			n, _, _ := p.identifierPart()
			parts = append(parts, n)
		}
		return p.functionCall(strings.Join(parts, "."), first, false)
	}
	return &plan.UnresolvedAttribute{Parts: parts}
}

// identifierClauseExpr parses IDENTIFIER('name') as a column or function.
func (p *parser) identifierClauseExpr() plan.Expr {
	kw := p.advance()
	parts := p.identifierClauseBody()
	if p.isOp("(") {
		return p.functionCall(strings.Join(parts, "."), kw, false)
	}
	return &plan.UnresolvedAttribute{Parts: parts}
}

// identifierClauseBody parses "(expr)" after IDENTIFIER; the expression
// must be a constant string, which is read as a multipart identifier.
func (p *parser) identifierClauseBody() []string {
	p.expectOp("(")
	start := p.tok()
	e := p.expression()
	p.expectOp(")")
	lit, ok := e.(*plan.Literal)
	if !ok {
		p.fail(unsupportedAt(p, "IDENTIFIER clause with a non-literal argument", start))
	}
	s, ok := lit.Value.(string)
	if !ok {
		p.fail(unsupportedAt(p, "IDENTIFIER clause with a non-string argument", start))
	}
	parts, err := ParseMultipartIdentifier(s)
	if err != nil {
		p.fail(asSparkErr(err))
	}
	return parts
}

// lambda builds a lambda function, turning references to its arguments in
// the body into lambda variables.
func lambda(args []string, body plan.Expr) plan.Expr {
	isArg := func(n string) bool {
		for _, a := range args {
			if strings.EqualFold(a, n) {
				return true
			}
		}
		return false
	}
	body = rewriteExpr(body, func(e plan.Expr) plan.Expr {
		if a, ok := e.(*plan.UnresolvedAttribute); ok && isArg(a.Parts[0]) {
			return &plan.LambdaVar{Parts: a.Parts}
		}
		return e
	})
	return &plan.LambdaFunction{Args: args, Body: body}
}

// parenExpr parses "(" ... ")": a scalar subquery, a lambda with several
// arguments, a row constructor or a parenthesized expression.
func (p *parser) parenExpr() plan.Expr {
	open := p.tok()
	if p.queryAhead() {
		var q plan.Relation
		if p.attemptOnce("subquery", func() {
			p.expectOp("(")
			q = p.query()
			p.expectOp(")")
		}) {
			return &plan.ScalarSubquery{Plan: q}
		}
	}
	// (a, b) -> body
	if args, ok := p.lambdaArgsAhead(); ok {
		p.i += 2*len(args) + 1 // "(" ident ("," ident)* ")"
		p.expectOp("->")
		return lambda(args, p.expression())
	}
	p.expectOp("(")
	first := p.namedExpression()
	if p.isOp(",") {
		items := []plan.Expr{first}
		for p.acceptOp(",") {
			items = append(items, p.namedExpression())
		}
		p.expectOp(")")
		return p.rowConstructor(items)
	}
	p.expectOp(")")
	if _, ok := first.(*plan.Alias); ok {
		p.failTok(open, "")
	}
	return first
}

func (p *parser) lambdaArgsAhead() ([]string, bool) {
	j := p.i + 1
	var args []string
	for {
		t := p.toks[j]
		switch t.kind {
		case tIdent:
			args = append(args, t.text)
		case tQuotedIdent:
			args = append(args, t.val)
		default:
			return nil, false
		}
		j++
		if isOpTok(p.toks[j], ",") {
			j++
			continue
		}
		if isOpTok(p.toks[j], ")") && isOpTok(p.toks[j+1], "->") {
			return args, true
		}
		return nil, false
	}
}

// namedExpression parses "expr [AS] alias" / "expr AS (a, b)".
func (p *parser) namedExpression() plan.Expr {
	start := p.tok().pos
	e := p.aliasOf(p.expression())
	p.mark(e, start)
	return e
}

func (p *parser) aliasOf(e plan.Expr) plan.Expr {
	if p.isKw("AS") && p.peek(1).kind == tEOF {
		// "expr AS" at the end: Spark reads AS as the alias itself.
		return &plan.Alias{Child: e, Names: []string{p.advance().text}}
	}
	if p.isKw("AS") {
		p.advance()
		if p.isOp("(") {
			p.advance()
			var names []string
			for {
				names = append(names, p.identifier())
				if !p.acceptOp(",") {
					break
				}
			}
			p.expectOp(")")
			return &plan.Alias{Child: e, Names: names}
		}
		return &plan.Alias{Child: e, Names: []string{p.identifier()}}
	}
	if p.isOp("(") {
		// expr (a, b): a multi-alias without AS.
		if names, ok := p.identifierListAhead(); ok {
			p.i += 2*len(names) + 1
			return &plan.Alias{Child: e, Names: names}
		}
	}
	if p.implicitAliasAhead() {
		return &plan.Alias{Child: e, Names: []string{p.identifier()}}
	}
	return e
}

// identifierListAhead matches "(" ident ("," ident)* ")" at the cursor.
func (p *parser) identifierListAhead() ([]string, bool) {
	j := p.i + 1
	var names []string
	for {
		t := p.toks[j]
		switch t.kind {
		case tIdent:
			names = append(names, t.text)
		case tQuotedIdent:
			names = append(names, t.val)
		default:
			return nil, false
		}
		j++
		if isOpTok(p.toks[j], ",") {
			j++
			continue
		}
		return names, isOpTok(p.toks[j], ")")
	}
}

// clauseKeywords cannot be implicit (AS-less) aliases: they begin the
// clauses that may follow an expression or a relation.
var clauseKeywords = map[string]bool{
	"FROM": true, "WHERE": true, "GROUP": true, "HAVING": true, "ORDER": true, "LIMIT": true, "OFFSET": true,
	"WINDOW": true, "QUALIFY": true, "UNION": true, "EXCEPT": true, "INTERSECT": true, "MINUS": true,
	"SORT": true, "CLUSTER": true, "DISTRIBUTE": true, "LATERAL": true, "JOIN": true, "INNER": true,
	"CROSS": true, "LEFT": true, "RIGHT": true, "FULL": true, "SEMI": true, "ANTI": true, "NATURAL": true,
	"ON": true, "USING": true, "PIVOT": true, "UNPIVOT": true, "TABLESAMPLE": true, "INTO": true,
	"FOR": true, "AND": true, "OR": true, "AS": true, "WHEN": true, "THEN": true, "ELSE": true, "END": true,
	"INSERT": true, "SELECT": true, "ASC": true, "DESC": true, "NULLS": true, "ROWS": true, "RANGE": true,
	"PRECEDING": true, "FOLLOWING": true, "OVER": true, "FILTER": true, "IS": true, "IN": true, "LIKE": true,
	"ILIKE": true, "RLIKE": true, "REGEXP": true, "BETWEEN": true, "NOT": true, "DIV": true, "ESCAPE": true,
	"WITH": true, "VALUES": true, "REPEATABLE": true, "OPTIONS": true, "IGNORE": true, "RESPECT": true,
	"COLLATE": true, "OUTER": true, "INCLUDE": true, "EXCLUDE": true, "TO": true,
}

// implicitAliasAhead reports whether the current token is an AS-less alias.
// Clause keywords count as an alias only when nothing could follow them
// (Spark accepts "SELECT * FROM t where" with alias `where`).
func (p *parser) implicitAliasAhead() bool {
	t := p.tok()
	if t.kind == tQuotedIdent {
		return true
	}
	if t.kind != tIdent {
		return false
	}
	if !clauseKeywords[t.upper] {
		return true
	}
	n := p.peek(1)
	return (n.kind == tEOF || isOpTok(n, ";", ")")) && !isKwTok(t, "AS", "ASC", "DESC", "NULLS", "END")
}

// caseExpr parses CASE [operand] WHEN .. THEN .. [ELSE ..] END. A simple
// CASE becomes a searched one comparing the operand with "==", as Spark does.
func (p *parser) caseExpr() plan.Expr {
	p.advance()
	var operand plan.Expr
	if !p.isKw("WHEN") {
		operand = p.expression()
	}
	cw := &plan.CaseWhen{}
	if !p.isKw("WHEN") {
		p.failHere()
	}
	for p.isKw("WHEN") {
		p.advance()
		cond := p.expression()
		p.expectKw("THEN")
		val := p.expression()
		if operand != nil {
			cond = fn("==", operand, cond)
		}
		cw.Branches = append(cw.Branches, [2]plan.Expr{cond, val})
	}
	if p.isKw("ELSE") {
		p.advance()
		cw.Else = p.expression()
	}
	p.expectKw("END")
	return cw
}

func (p *parser) castExpr() plan.Expr {
	kw := p.advance()
	p.expectOp("(")
	e := p.expression()
	p.expectKw("AS")
	dt := p.dataType()
	p.expectOp(")")
	c := &plan.Cast{Child: e, Type: dt}
	if kw.upper == "TRY_CAST" {
		c.Mode = plan.EvalTry
	}
	return c
}

// functionCall parses "(args) [WITHIN GROUP (...)] [FILTER (WHERE ..)]
// [IGNORE|RESPECT NULLS] [OVER window]" after a function name. With
// namedArgs the arguments may carry aliases (STRUCT(a AS x)).
func (p *parser) functionCall(name string, nameTok token, namedArgs bool) (out plan.Expr) {
	p.expectOp("(")
	f := &plan.UnresolvedFunction{Name: name}
	defer func() {
		p.mark(f, nameTok.pos)
		p.mark(out, nameTok.pos)
	}()
	ignoreInside := false
	if !p.isOp(")") {
		if p.isKw("DISTINCT", "ALL") && !p.peekOp(1, ")", ",", ".", "->") {
			f.Distinct = p.advance().upper == "DISTINCT"
		}
		for {
			f.Args = append(f.Args, p.functionArgument(namedArgs))
			if p.isKw("IGNORE") && p.peekKw(1, "NULLS") && len(f.Args) == 1 && p.peekOp(2, ")") &&
				isKw(name, "first", "last", "any_value") {
				p.advance()
				p.advance()
				ignoreInside = true
			}
			if !p.acceptOp(",") {
				break
			}
		}
	}
	p.expectClose(")")
	if ignoreInside {
		f.Args = append(f.Args, boolLit(true))
	}
	if strings.EqualFold(name, "count") && !f.Distinct && len(f.Args) == 1 {
		if s, ok := f.Args[0].(*plan.UnresolvedStar); ok && len(s.Target) == 0 {
			f.Args[0] = intLit(1)
		}
	}
	var e plan.Expr = f
	if p.isKw("WITHIN") && p.peekKw(1, "GROUP") {
		p.advance()
		p.advance()
		p.expectOp("(")
		p.expectKw("ORDER")
		p.expectKw("BY")
		e = &plan.WithinGroup{Func: f, Order: p.sortItems()}
		p.expectOp(")")
	}
	if p.isKw("FILTER") && p.peekOp(1, "(") && p.peekKw(2, "WHERE") {
		p.advance()
		p.advance()
		p.advance()
		f.Filter = p.expression()
		p.expectOp(")")
	}
	if p.isKw("IGNORE", "RESPECT") && p.peekKw(1, "NULLS") {
		ignore := p.advance().upper == "IGNORE"
		p.advance()
		if e == plan.Expr(f) && len(f.Args) == 1 && isKw(name, "first", "last", "any_value", "first_value", "last_value") {
			// These take ignoreNulls as their second argument.
			f.Args = append(f.Args, boolLit(ignore))
		} else {
			e = &plan.NullTreatment{Func: e, IgnoreNulls: ignore}
		}
	}
	if p.isKw("OVER") && (p.peekOp(1, "(") || p.peek(1).kind == tIdent || p.peek(1).kind == tQuotedIdent) {
		p.advance()
		w := p.windowSpec()
		w.Func = e
		e = w
	}
	return e
}

func isKw(name string, kws ...string) bool {
	for _, k := range kws {
		if strings.EqualFold(name, k) {
			return true
		}
	}
	return false
}

func (p *parser) functionArgument(named bool) plan.Expr {
	t := p.tok()
	if (t.kind == tIdent || t.kind == tQuotedIdent) && p.peekOp(1, "=>") {
		name, _, _ := p.identifierPart()
		p.advance()
		return &plan.NamedArgument{Key: name, Value: p.expression()}
	}
	if named {
		return p.namedExpression()
	}
	return p.expression()
}

// windowSpec parses a window name, "(name)" or "(PARTITION BY .. ORDER BY .. frame)".
func (p *parser) windowSpec() *plan.Window {
	if !p.isOp("(") {
		return &plan.Window{Name: p.identifier()}
	}
	if (p.peek(1).kind == tIdent || p.peek(1).kind == tQuotedIdent) && p.peekOp(2, ")") {
		p.advance()
		w := &plan.Window{Name: p.identifier()}
		p.advance()
		return w
	}
	p.expectOp("(")
	w := &plan.Window{}
	if p.isKw("CLUSTER") && p.peekKw(1, "BY") {
		p.advance()
		p.advance()
		w.PartitionBy = p.expressionList()
	} else {
		if p.isKw("PARTITION", "DISTRIBUTE") && p.peekKw(1, "BY") {
			p.advance()
			p.advance()
			w.PartitionBy = p.expressionList()
		}
		if p.isKw("ORDER", "SORT") && p.peekKw(1, "BY") {
			p.advance()
			p.advance()
			w.OrderBy = p.sortItems()
		}
	}
	if p.isKw("ROWS", "RANGE") {
		w.Frame = p.windowFrame()
	}
	p.expectOp(")")
	return w
}

func (p *parser) expressionList() []plan.Expr {
	var out []plan.Expr
	for {
		out = append(out, p.expression())
		if !p.acceptOp(",") {
			return out
		}
	}
}

func (p *parser) windowFrame() *plan.WindowFrame {
	kw := p.advance()
	f := &plan.WindowFrame{Type: plan.RowsFrame}
	if kw.upper == "RANGE" {
		f.Type = plan.RangeFrame
	}
	if p.isKw("BETWEEN") {
		p.advance()
		f.Lower = p.frameBound()
		p.expectKw("AND")
		f.Upper = p.frameBound()
		return f
	}
	f.Lower = p.frameBound()
	f.Upper = plan.FrameBoundary{CurrentRow: true}
	return f
}

// frameBound parses UNBOUNDED PRECEDING|FOLLOWING, CURRENT ROW or
// "expr PRECEDING|FOLLOWING"; a PRECEDING offset is stored negated.
func (p *parser) frameBound() plan.FrameBoundary {
	if p.isKw("UNBOUNDED") && p.peekKw(1, "PRECEDING", "FOLLOWING") {
		p.advance()
		p.advance()
		return plan.FrameBoundary{Unbounded: true}
	}
	if p.isKw("CURRENT") && p.peekKw(1, "ROW") {
		p.advance()
		p.advance()
		return plan.FrameBoundary{CurrentRow: true}
	}
	e := p.expression()
	if !p.isKw("PRECEDING", "FOLLOWING") {
		p.failHere()
	}
	if p.advance().upper == "PRECEDING" {
		e = negate(e)
	}
	return plan.FrameBoundary{Value: e}
}

// negate returns -e, folding numeric literals.
func negate(e plan.Expr) plan.Expr {
	// Kept as negative(e), like Spark's parser, so names print "1 PRECEDING".
	return fn("negative", e)
}

// sortItems parses "expr [ASC|DESC] [NULLS FIRST|LAST], ...".
func (p *parser) sortItems() []*plan.SortOrder {
	var out []*plan.SortOrder
	for {
		s := &plan.SortOrder{Child: p.expression()}
		if p.isKw("ASC", "DESC") {
			s.Desc = p.advance().upper == "DESC"
		}
		if p.isKw("NULLS") {
			p.advance()
			if !p.isKw("FIRST", "LAST") {
				p.failHere()
			}
			s.NullsFirst = p.advance().upper == "FIRST"
			s.NullsSet = true
		}
		out = append(out, s)
		if !p.acceptOp(",") {
			return out
		}
	}
}

// specialForm parses the keyword-shaped calls: POSITION(a IN b),
// EXTRACT(f FROM x), TRIM([BOTH|LEADING|TRAILING] [c] FROM s),
// OVERLAY(a PLACING b FROM p [FOR n]), TIMESTAMPADD(unit, n, ts) and
// TIMESTAMPDIFF(unit, a, b) with their aliases.
func (p *parser) specialForm(kw token) plan.Expr {
	p.advance()
	p.expectOp("(")
	var e plan.Expr
	switch kw.upper {
	case "POSITION":
		sub := p.valueExpr(0)
		p.expectKw("IN")
		str := p.valueExpr(0)
		e = fn("locate", sub, str)
	case "EXTRACT":
		field := p.identifier()
		p.expectKw("FROM")
		src := p.valueExpr(0)
		e = fn("extract", strLit(field), src)
	case "TRIM":
		name := "trim"
		if p.isKw("BOTH", "LEADING", "TRAILING") {
			switch p.advance().upper {
			case "LEADING":
				name = "ltrim"
			case "TRAILING":
				name = "rtrim"
			}
		}
		var trimStr plan.Expr
		if !p.isKw("FROM") {
			trimStr = p.valueExpr(0)
		}
		p.expectKw("FROM")
		src := p.valueExpr(0)
		if trimStr != nil {
			e = fn(name, trimStr, src)
		} else {
			e = fn(name, src)
		}
	case "OVERLAY":
		in := p.valueExpr(0)
		p.expectKw("PLACING")
		rep := p.valueExpr(0)
		p.expectKw("FROM")
		pos := p.valueExpr(0)
		if p.isKw("FOR") {
			p.advance()
			e = fn("overlay", in, rep, pos, p.valueExpr(0))
		} else {
			e = fn("overlay", in, rep, pos)
		}
	default: // TIMESTAMPADD / TIMESTAMPDIFF families
		unitTok := p.tok()
		var unit string
		switch {
		case isDatetimeUnit(unitTok):
			unit = p.advance().text
		case unitTok.kind == tString:
			p.advance()
			name := "timestampadd"
			if !isKwTok(kw, "TIMESTAMPADD", "DATEADD", "DATE_ADD") {
				name = "timestampdiff"
			}
			p.fail(p.errorAtPos(newErr("INVALID_PARAMETER_VALUE.DATETIME_UNIT", "22023",
				map[string]string{"functionName": "`" + name + "`", "parameter": "`unit`", "invalidValue": unitTok.text},
				"The value of parameter(s) `unit` in `"+name+"` is invalid: expects one of the units without quotes YEAR, QUARTER, MONTH, WEEK, DAY, DAYOFYEAR, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, but got the string literal "+unitTok.text+"."), unitTok.pos))
		default:
			p.failHere()
		}
		p.expectOp(",")
		a := p.valueExpr(0)
		p.expectOp(",")
		b := p.valueExpr(0)
		if isKwTok(kw, "TIMESTAMPADD", "DATEADD", "DATE_ADD") {
			e = fn("timestampadd", strLit(unit), a, b)
		} else {
			e = fn("timestampdiff", strLit(unit), a, b)
		}
	}
	p.expectOp(")")
	return e
}

// substringExpr parses SUBSTR/SUBSTRING(s FROM|, pos [FOR|, len]).
func (p *parser) substringExpr(kw token) plan.Expr {
	p.advance()
	p.expectOp("(")
	str := p.valueExpr(0)
	if !(p.isKw("FROM") || p.isOp(",")) {
		p.failHere()
	}
	// Spark names the FROM/FOR form "substring" whatever the keyword.
	name := strings.ToLower(kw.upper)
	if p.advance().upper == "FROM" {
		name = "substring"
	}
	pos := p.valueExpr(0)
	args := []plan.Expr{str, pos}
	if p.isKw("FOR") || p.isOp(",") {
		p.advance()
		args = append(args, p.valueExpr(0))
	}
	p.expectOp(")")
	return fn(name, args...)
}

// rowConstructor builds "(a, b AS x, 1)" as named_struct('a', a, 'x', b,
// 'col3', 1), naming fields the way Spark's CreateStruct does.
func (p *parser) rowConstructor(items []plan.Expr) plan.Expr {
	args := make([]plan.Expr, 0, 2*len(items))
	values := make([]plan.Expr, len(items))
	for i, it := range items {
		name := "col" + strconv.Itoa(i+1)
		switch x := it.(type) {
		case *plan.Alias:
			name = x.Names[0]
			it = x.Child
		case *plan.UnresolvedAttribute:
			name = x.Parts[len(x.Parts)-1]
		}
		values[i] = it
		args = append(args, strLit(name), it)
	}
	f := fn("named_struct", args...)
	if p.rowItems == nil {
		p.rowItems = map[*plan.UnresolvedFunction][]plan.Expr{}
	}
	p.rowItems[f] = values
	return f
}
