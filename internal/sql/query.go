package sql

import (
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// query parses [WITH ...] queryTerm queryOrganization.
func (p *parser) query() (out plan.Relation) {
	start := p.tok().pos
	defer func() { p.mark(out, start) }()
	if p.isKw("WITH") && !p.peekOp(1, "(") {
		return p.withCTEs(func() plan.Relation { return p.queryNoWith() })
	}
	return p.queryNoWith()
}

func (p *parser) queryNoWith() plan.Relation {
	rel := p.queryTerm()
	rel = p.queryOrganization(rel)
	return p.pipeOperators(rel)
}

// pipeOperators applies SQL pipe operators: query |> op |> op ...
func (p *parser) pipeOperators(rel plan.Relation) plan.Relation {
	for p.isOp("|>") {
		p.advance()
		t := p.tok()
		switch {
		case isKwTok(t, "SELECT"):
			sc := p.selectClause()
			if len(sc.hints) > 0 || sc.distinct {
				p.failTok(t, "")
			}
			var out plan.Relation = &plan.Project{Input: rel, Exprs: sc.exprs}
			if w := p.windowClause(); w != nil {
				substituteWindowsRel(out, w)
			}
			rel = out
		case isKwTok(t, "EXTEND"):
			p.advance()
			exprs := []plan.Expr{&plan.UnresolvedStar{}}
			for {
				exprs = append(exprs, p.namedExpression())
				if !p.acceptOp(",") {
					break
				}
			}
			rel = &plan.Project{Input: rel, Exprs: exprs}
		case isKwTok(t, "SET"):
			p.advance()
			wc := &plan.WithColumns{Input: rel}
			for {
				name := p.multipartIdentifier()
				p.expectOp("=")
				wc.Aliases = append(wc.Aliases, &plan.Alias{Child: p.expression(), Names: []string{name[len(name)-1]}})
				if !p.acceptOp(",") {
					break
				}
			}
			rel = wc
		case isKwTok(t, "DROP"):
			p.advance()
			d := &plan.Drop{Input: rel}
			for {
				d.Names = append(d.Names, p.identifier())
				if !p.acceptOp(",") {
					break
				}
			}
			rel = d
		case isKwTok(t, "AS"):
			p.advance()
			rel = &plan.SubqueryAlias{Input: rel, Alias: p.identifier()}
		case isKwTok(t, "WHERE"):
			p.advance()
			rel = &plan.Filter{Input: rel, Cond: p.expression()}
		case isKwTok(t, "AGGREGATE"):
			p.advance()
			var aggs []plan.Expr
			if !p.atEOF() && !p.isOp("|>", ")", ";") && !(p.isKw("GROUP") && p.peekKw(1, "BY")) {
				for {
					aggs = append(aggs, p.namedExpression())
					if !p.acceptOp(",") {
						break
					}
				}
			}
			agg := &plan.Aggregate{Input: rel, Type: plan.GroupBy}
			if p.isKw("GROUP") && p.peekKw(1, "BY") {
				p.advance()
				p.advance()
				agg = p.groupBy(rel)
			}
			agg.Aggs = aggs
			agg.GroupingInOutput = true
			rel = agg
		case isKwTok(t, "PIVOT"), isKwTok(t, "UNPIVOT"):
			rel = p.relationExtensions(rel)
		case isKwTok(t, "TABLESAMPLE"):
			rel = p.sample(rel)
		case isKwTok(t, "UNION", "EXCEPT", "MINUS", "INTERSECT"):
			op := p.advance()
			kind := plan.Union
			switch op.upper {
			case "EXCEPT", "MINUS":
				kind = plan.Except
			case "INTERSECT":
				kind = plan.Intersect
			}
			all := p.setQuantifier()
			rel = &plan.SetOp{Left: rel, Right: p.queryPrimary(), Kind: kind, All: all}
		case isKwTok(t, "ORDER", "SORT", "CLUSTER", "DISTRIBUTE", "LIMIT", "OFFSET"):
			rel = p.queryOrganization(rel)
		default:
			if _, _, ok := p.joinTypeAhead(); ok {
				rel = p.relationExtensions(rel)
				continue
			}
			p.failHere()
		}
	}
	return rel
}

// joinTypeAhead reports whether a join clause starts at the cursor.
func (p *parser) joinTypeAhead() (plan.JoinType, bool, bool) {
	save := p.i
	defer func() { p.i = save }()
	var jt plan.JoinType
	var nat, ok bool
	if !p.attempt(func() { jt, nat, ok = p.joinType() }) {
		return 0, false, false
	}
	return jt, nat, ok
}

// withCTEs parses WITH [RECURSIVE] name [(cols)] [AS] (query), ... and
// then body.
func (p *parser) withCTEs(body func() plan.Relation) plan.Relation {
	p.expectKw("WITH")
	w := &plan.WithCTE{}
	if p.isKw("RECURSIVE") && (p.peek(1).kind == tIdent || p.peek(1).kind == tQuotedIdent) {
		p.advance()
		w.Recursive = true
		// Spark 3.5 takes RECURSIVE for the CTE's name and stops at the
		// real name.
		w.RecursiveErr35 = p.syntaxError(p.tok(), "")
	}
	for {
		c := &plan.CTE{Name: p.identifier()}
		if p.isOp("(") {
			c.Columns = p.identifierList()
		}
		if w.Recursive && p.isKw("MAX") && p.peekKw(1, "RECURSION") {
			p.advance()
			p.advance()
			p.expectKw("LEVEL")
			t := p.tok()
			n, err := strconv.Atoi(t.text)
			if err != nil || n < 0 {
				p.failTok(t, "")
			}
			p.advance()
			c.MaxRecursionLevel = n
		}
		p.acceptKw("AS")
		p.expectOp("(")
		c.Query = p.query()
		p.expectOp(")")
		w.CTEs = append(w.CTEs, c)
		if !p.acceptOp(",") {
			break
		}
	}
	w.Child = body()
	return w
}

// identifierList parses "(a, b, c)".
func (p *parser) identifierList() []string {
	if !p.isOp("(") && (p.tok().kind == tIdent || p.tok().kind == tQuotedIdent) {
		p.failTok(p.tok(), ": missing '('")
	}
	p.expectOp("(")
	var out []string
	for {
		out = append(out, p.identifier())
		if !p.acceptOp(",") {
			break
		}
	}
	p.expectOp(")")
	return out
}

// queryTerm parses set operations; INTERSECT binds tighter than UNION,
// EXCEPT and MINUS, which associate to the left.
func (p *parser) queryTerm() plan.Relation {
	start := p.tok().pos
	left := p.intersectTerm()
	for p.isKw("UNION", "EXCEPT", "MINUS") {
		op := p.advance()
		kind := plan.Union
		if op.upper != "UNION" {
			kind = plan.Except
		}
		all := p.setQuantifier()
		if p.isKw("SELECT") {
			p.trailingKeyword()
		}
		right := p.intersectTerm()
		left = &plan.SetOp{Left: left, Right: right, Kind: kind, All: all}
		p.mark(left, start)
	}
	return left
}

func (p *parser) intersectTerm() plan.Relation {
	start := p.tok().pos
	left := p.queryPrimary()
	for p.isKw("INTERSECT") {
		p.advance()
		all := p.setQuantifier()
		if p.isKw("SELECT") {
			p.trailingKeyword()
		}
		right := p.queryPrimary()
		left = &plan.SetOp{Left: left, Right: right, Kind: plan.Intersect, All: all}
		p.mark(left, start)
	}
	return left
}

func (p *parser) setQuantifier() bool {
	if p.isKw("ALL") {
		p.advance()
		return true
	}
	p.acceptKw("DISTINCT")
	return false
}

// queryPrimary parses SELECT ..., FROM ... SELECT ..., TABLE t, VALUES ...
// or a parenthesized query.
func (p *parser) queryPrimary() (out plan.Relation) {
	t := p.tok()
	defer func() { p.mark(out, t.pos) }()
	switch {
	case isKwTok(t, "SELECT"):
		return p.querySpecification(nil, false)
	case isKwTok(t, "FROM"):
		return p.fromStatement()
	case isKwTok(t, "TABLE"):
		p.advance()
		return &plan.ReadTable{Name: p.identifierReference()}
	case isKwTok(t, "VALUES"):
		return p.inlineTable()
	case isOpTok(t, "("):
		p.advance()
		q := p.query()
		p.expectOp(")")
		return q
	}
	p.failHere()
	return nil
}

// identifierReference parses a multipart name or IDENTIFIER('name').
func (p *parser) identifierReference() []string {
	if p.spans != nil {
		if _, seen := p.spans[StatementName]; !seen {
			// The first name a statement names is its target: Spark
			// points its errors there ("; line 1 pos 12").
			p.spans[StatementName] = Span{Start: p.tok().pos, End: p.tok().pos}
		}
	}
	if p.isKw("IDENTIFIER") && p.peekOp(1, "(") {
		p.advance()
		return p.identifierClauseBody()
	}
	return p.multipartIdentifier()
}

// selectClause is the parsed SELECT list with its modifiers.
type selectClause struct {
	hints    []string
	distinct bool
	exprs    []plan.Expr
}

func (p *parser) selectClause() selectClause {
	p.expectKw("SELECT")
	var sc selectClause
	for p.tok().kind == tHintStart {
		sc.hints = append(sc.hints, p.hints()...)
	}
	if p.isKw("DISTINCT", "ALL") && !p.peekOp(1, ".", ",") && p.peek(1).kind != tEOF && !p.peekKw(1, "FROM") {
		sc.distinct = p.advance().upper == "DISTINCT"
	}
	for {
		sc.exprs = append(sc.exprs, p.namedExpression())
		if !p.acceptOp(",") {
			break
		}
	}
	return sc
}

// hints parses /*+ NAME(params), NAME2 */ and returns the hint names.
func (p *parser) hints() []string {
	p.advance()
	var names []string
	for {
		names = append(names, p.identifier())
		if p.isOp("(") {
			p.advance()
			for {
				p.postfix(p.primary())
				if !p.acceptOp(",") {
					break
				}
			}
			p.expectOp(")")
		}
		p.acceptOp(",")
		if p.tok().kind == tHintEnd {
			p.advance()
			return names
		}
		if p.atEOF() {
			p.failHere()
		}
	}
}

// querySpecification parses SELECT ... [FROM ...] [LATERAL VIEW ...]
// [WHERE] [GROUP BY] [HAVING] [WINDOW] [QUALIFY]. For "FROM t SELECT ..."
// the relation is passed in and no FROM clause is read.
func (p *parser) querySpecification(from plan.Relation, hasFrom bool) (out plan.Relation) {
	start := p.tok().pos
	defer func() { p.markChain(out, start) }()
	sc := p.selectClause()
	rel := from
	if !hasFrom && p.isKw("FROM") {
		rel = p.fromClause()
	}
	rel = p.lateralViews(rel)
	if p.isKw("WHERE") {
		p.advance()
		rel = &plan.Filter{Input: rel, Cond: p.expression()}
	}
	var agg *plan.Aggregate
	p.trailingBy("GROUP")
	if p.isKw("GROUP") && p.peek(1).kind == tEOF {
		p.failTok(p.peek(1), "")
	}
	if p.isKw("GROUP") && p.peekKw(1, "BY") {
		p.advance()
		p.advance()
		agg = p.groupBy(rel)
	}
	var having plan.Expr
	if p.isKw("HAVING") {
		if agg != nil {
			p.trailingKeyword()
		}
		p.advance()
		having = p.expression()
	}
	windows := p.windowClause()
	var qualify plan.Expr
	if p.isKw("QUALIFY") {
		p.advance()
		qualify = p.expression()
	}
	if windows != nil {
		for i, e := range sc.exprs {
			sc.exprs[i] = substituteWindows(e, windows)
		}
		having = substituteWindows(having, windows)
		qualify = substituteWindows(qualify, windows)
	}
	switch {
	case agg != nil:
		agg.Aggs = sc.exprs
		agg.Having = having
		out = agg
	case having != nil:
		out = &plan.Aggregate{Input: rel, Type: plan.GroupBy, Aggs: sc.exprs, Having: having}
	default:
		out = &plan.Project{Input: rel, Exprs: sc.exprs}
	}
	if sc.distinct {
		out = &plan.Deduplicate{Input: out, AllColumns: true}
	}
	if qualify != nil {
		out = &plan.Qualify{Input: out, Cond: qualify}
	}
	for i := len(sc.hints) - 1; i >= 0; i-- {
		out = &plan.Hint{Input: out, Name: sc.hints[i]}
	}
	return out
}

// windowClause parses WINDOW name AS spec, ... and resolves references
// between the definitions.
func (p *parser) windowClause() map[string]*plan.Window {
	if !p.isKw("WINDOW") || !(p.peek(1).kind == tIdent || p.peek(1).kind == tQuotedIdent) || !p.peekKw(2, "AS") {
		return nil
	}
	p.advance()
	defs := map[string]*plan.Window{}
	for {
		name := p.identifier()
		p.expectKw("AS")
		defs[strings.ToLower(name)] = p.windowSpec()
		if !p.acceptOp(",") {
			break
		}
	}
	// Resolve "w2 AS w1" chains.
	for k, w := range defs {
		seen := map[string]bool{k: true}
		for w.Name != "" && w.PartitionBy == nil && w.OrderBy == nil && w.Frame == nil {
			n := strings.ToLower(w.Name)
			next, ok := defs[n]
			if !ok || seen[n] {
				break
			}
			seen[n] = true
			w = next
		}
		defs[k] = w
	}
	return defs
}

// substituteWindows replaces OVER name with the named window's spec.
func substituteWindows(e plan.Expr, defs map[string]*plan.Window) plan.Expr {
	if e == nil || len(defs) == 0 {
		return e
	}
	return rewriteExpr(e, func(x plan.Expr) plan.Expr {
		w, ok := x.(*plan.Window)
		if !ok || w.Name == "" {
			return x
		}
		def, ok := defs[strings.ToLower(w.Name)]
		if !ok || def.Name != "" {
			return x
		}
		return &plan.Window{Func: w.Func, PartitionBy: def.PartitionBy, OrderBy: def.OrderBy, Frame: def.Frame}
	})
}

// substituteWindowsRel applies a WINDOW clause that follows a query
// specification to its select list, HAVING and QUALIFY.
func substituteWindowsRel(rel plan.Relation, defs map[string]*plan.Window) {
	for rel != nil {
		switch x := rel.(type) {
		case *plan.Project:
			for i, e := range x.Exprs {
				x.Exprs[i] = substituteWindows(e, defs)
			}
			return
		case *plan.Aggregate:
			for i, e := range x.Aggs {
				x.Aggs[i] = substituteWindows(e, defs)
			}
			x.Having = substituteWindows(x.Having, defs)
			return
		case *plan.Qualify:
			x.Cond = substituteWindows(x.Cond, defs)
		case *plan.Deduplicate, *plan.Hint:
		default:
			return
		}
		rel = singleInput(rel)
	}
}

// queryOrganization applies ORDER BY / CLUSTER BY / DISTRIBUTE BY /
// SORT BY / WINDOW / LIMIT / OFFSET to rel.
func (p *parser) queryOrganization(rel plan.Relation) plan.Relation {
	startTok := p.tok()
	if p.i == p.aliasable {
		for _, k := range []string{"ORDER", "CLUSTER", "DISTRIBUTE", "SORT"} {
			p.trailingBy(k)
		}
	}
	var order, sortBy []*plan.SortOrder
	var clusterBy, distributeBy []plan.Expr
	if p.isKw("ORDER") && p.peekKw(1, "BY") {
		p.advance()
		p.advance()
		order = p.sortItems()
	}
	if p.isKw("CLUSTER") && p.peekKw(1, "BY") {
		p.advance()
		p.advance()
		clusterBy = p.expressionList()
	}
	if p.isKw("DISTRIBUTE") && p.peekKw(1, "BY") {
		p.advance()
		p.advance()
		distributeBy = p.expressionList()
	}
	if p.isKw("SORT") && p.peekKw(1, "BY") {
		p.advance()
		p.advance()
		sortBy = p.sortItems()
	}
	windows := p.windowClause()
	if windows != nil {
		for _, s := range order {
			s.Child = substituteWindows(s.Child, windows)
		}
		substituteWindowsRel(rel, windows)
	}
	n := 0
	for _, b := range []bool{order != nil, clusterBy != nil, distributeBy != nil || sortBy != nil} {
		if b {
			n++
		}
	}
	if n > 1 || (order != nil && sortBy != nil) {
		p.failSpan(newErr("UNSUPPORTED_FEATURE.COMBINATION_QUERY_RESULT_CLAUSES", "0A000", nil,
			"The feature is not supported: Combination of ORDER BY/SORT BY/DISTRIBUTE BY/CLUSTER BY."), startTok.pos, p.prevEnd())
	}
	switch {
	case order != nil:
		rel = &plan.Sort{Input: rel, Order: order, Global: true}
	case clusterBy != nil:
		rel = &plan.Repartition{Input: rel, Shuffle: true, Exprs: clusterBy}
		var so []*plan.SortOrder
		for _, e := range clusterBy {
			so = append(so, &plan.SortOrder{Child: e})
		}
		rel = &plan.Sort{Input: rel, Order: so}
	default:
		if distributeBy != nil {
			rel = &plan.Repartition{Input: rel, Shuffle: true, Exprs: distributeBy}
		}
		if sortBy != nil {
			rel = &plan.Sort{Input: rel, Order: sortBy}
		}
	}
	var limit, offset plan.Expr
	if p.isKw("LIMIT") {
		p.trailingKeyword()
		p.advance()
		if !p.acceptKw("ALL") {
			limit = p.expression()
		}
	}
	if p.isKw("OFFSET") {
		p.trailingKeyword()
		p.advance()
		offset = p.expression()
	}
	if offset != nil {
		rel = &plan.Offset{Input: rel, N: offset}
	}
	if limit != nil {
		rel = &plan.Limit{Input: rel, N: limit}
	}
	return rel
}

// groupBy parses the GROUP BY list (after "GROUP BY").
func (p *parser) groupBy(input plan.Relation) *plan.Aggregate {
	agg := &plan.Aggregate{Input: input, Type: plan.GroupBy}
	type item struct {
		sets   [][]plan.Expr // the grouping sets this item contributes
		plain  plan.Expr     // non-nil for a plain expression
		kind   plan.GroupType
		simple []plan.Expr // ROLLUP/CUBE over single expressions
	}
	var items []item
	for {
		if kind, ok := p.groupingAnalyticsAhead(); ok {
			sets, simple := p.groupingAnalytics(kind)
			items = append(items, item{sets: sets, kind: kind, simple: simple})
		} else {
			e := p.expression()
			items = append(items, item{sets: [][]plan.Expr{{e}}, plain: e, kind: plan.GroupBy})
		}
		if !p.acceptOp(",") {
			break
		}
	}
	allPlain := true
	var plain []plan.Expr
	for _, it := range items {
		if it.plain == nil {
			allPlain = false
		}
		plain = append(plain, it.plain)
	}
	if allPlain {
		// Legacy forms: GROUP BY a, b WITH ROLLUP|CUBE / GROUPING SETS (...).
		if p.isKw("WITH") {
			p.trailingKeyword()
		}
		switch {
		case p.isKw("WITH") && p.peekKw(1, "ROLLUP", "CUBE"):
			p.advance()
			if p.advance().upper == "ROLLUP" {
				agg.Type = plan.Rollup
			} else {
				agg.Type = plan.Cube
			}
			agg.Grouping = plain
			return agg
		case p.isKw("GROUPING") && p.peekKw(1, "SETS"):
			p.advance()
			p.advance()
			p.expectOp("(")
			var sets [][]plan.Expr
			for {
				sets = append(sets, p.groupingSet())
				if !p.acceptOp(",") {
					break
				}
			}
			p.expectOp(")")
			agg.Type = plan.GroupingSets
			agg.Grouping = plain
			agg.GroupingSets = sets
			return agg
		}
		agg.Grouping = plain
		return agg
	}
	if len(items) == 1 && items[0].simple != nil {
		agg.Type = items[0].kind
		agg.Grouping = items[0].simple
		return agg
	}
	// Mixed: the cartesian product of every item's grouping sets.
	sets := [][]plan.Expr{{}}
	for _, it := range items {
		var next [][]plan.Expr
		for _, a := range sets {
			for _, b := range it.sets {
				next = append(next, append(append([]plan.Expr{}, a...), b...))
			}
		}
		sets = next
	}
	agg.Type = plan.GroupingSets
	agg.GroupingSets = sets
	agg.Grouping = distinctExprs(sets)
	return agg
}

func distinctExprs(sets [][]plan.Expr) []plan.Expr {
	seen := map[string]bool{}
	var out []plan.Expr
	for _, s := range sets {
		for _, e := range s {
			k := FormatExpr(e)
			if !seen[k] {
				seen[k] = true
				out = append(out, e)
			}
		}
	}
	return out
}

func (p *parser) groupingAnalyticsAhead() (plan.GroupType, bool) {
	switch {
	case p.isKw("ROLLUP") && p.peekOp(1, "("):
		return plan.Rollup, true
	case p.isKw("CUBE") && p.peekOp(1, "("):
		return plan.Cube, true
	case p.isKw("GROUPING") && p.peekKw(1, "SETS") && p.peekOp(2, "("):
		return plan.GroupingSets, true
	}
	return 0, false
}

// groupingAnalytics parses ROLLUP(...), CUBE(...) or GROUPING SETS(...)
// and expands it into grouping sets. simple is the element list when every
// ROLLUP/CUBE element is a single expression.
func (p *parser) groupingAnalytics(kind plan.GroupType) (sets [][]plan.Expr, simple []plan.Expr) {
	p.advance()
	if kind == plan.GroupingSets {
		p.advance()
		p.expectOp("(")
		for {
			if k, ok := p.groupingAnalyticsAhead(); ok {
				s, _ := p.groupingAnalytics(k)
				sets = append(sets, s...)
			} else {
				sets = append(sets, p.groupingSet())
			}
			if !p.acceptOp(",") {
				break
			}
		}
		p.expectOp(")")
		return sets, nil
	}
	p.expectOp("(")
	var elems [][]plan.Expr
	isSimple := true
	for {
		g := p.groupingSet()
		if len(g) != 1 {
			isSimple = false
		}
		elems = append(elems, g)
		if !p.acceptOp(",") {
			break
		}
	}
	p.expectOp(")")
	if isSimple {
		for _, g := range elems {
			simple = append(simple, g[0])
		}
	}
	if kind == plan.Rollup {
		for n := len(elems); n >= 0; n-- {
			var s []plan.Expr
			for _, g := range elems[:n] {
				s = append(s, g...)
			}
			sets = append(sets, s)
		}
		return sets, simple
	}
	// CUBE: Spark's order: cube(x :: xs) = cube(xs).map(x ++ _) ++ cube(xs).
	var cube func(es [][]plan.Expr) [][]plan.Expr
	cube = func(es [][]plan.Expr) [][]plan.Expr {
		if len(es) == 0 {
			return [][]plan.Expr{{}}
		}
		rest := cube(es[1:])
		var out [][]plan.Expr
		for _, r := range rest {
			out = append(out, append(append([]plan.Expr{}, es[0]...), r...))
		}
		return append(out, rest...)
	}
	return cube(elems), simple
}

// groupingSet parses "(a, b)", "()" or a single expression.
func (p *parser) groupingSet() []plan.Expr {
	if p.isOp("(") {
		save := p.i
		p.advance()
		if p.acceptOp(")") {
			return []plan.Expr{}
		}
		var out []plan.Expr
		ok := p.attemptOnce("groupingset", func() {
			for {
				out = append(out, p.expression())
				if !p.acceptOp(",") {
					break
				}
			}
			p.expectOp(")")
		})
		if ok && !p.startsExprContinuation() {
			return out
		}
		p.i = save
		out = nil
	}
	return []plan.Expr{p.expression()}
}

// startsExprContinuation reports whether the current token would continue
// an expression (so "(a) + 1" is not a grouping set).
func (p *parser) startsExprContinuation() bool {
	if op, prec := p.binaryOp(); prec > 0 && op != "" {
		return true
	}
	return p.isOp("[", ".", "::") || p.isKw("IS", "IN", "LIKE", "ILIKE", "RLIKE", "REGEXP", "BETWEEN", "AND", "OR")
}

// fromClause parses FROM relation, relation ... [LATERAL VIEW ...] [PIVOT]
// [UNPIVOT].
func (p *parser) fromClause() plan.Relation {
	p.expectKw("FROM")
	rel := p.relation()
	for p.isOp(",") {
		p.advance()
		if p.isKw("LATERAL") && !p.peekKw(1, "VIEW") {
			p.advance()
			right := p.relationPrimary()
			rel = &plan.LateralJoin{Left: rel, Right: right, Type: plan.InnerJoin}
			rel = p.relationExtensions(rel)
			continue
		}
		right := p.relation()
		rel = &plan.Join{Left: rel, Right: right, Type: plan.InnerJoin}
		p.markJoin(rel)
	}
	return rel
}

// relation parses relationPrimary followed by joins, PIVOT and UNPIVOT.
func (p *parser) relation() plan.Relation {
	if p.isKw("LATERAL") && !p.peekKw(1, "VIEW") {
		p.advance()
	}
	return p.relationExtensions(p.relationPrimary())
}

func (p *parser) relationExtensions(rel plan.Relation) plan.Relation {
	for {
		switch {
		case p.isKw("PIVOT") && p.peekOp(1, "("):
			rel = p.pivot(rel)
			continue
		case p.isKw("UNPIVOT") && (p.peekOp(1, "(") || p.peekKw(1, "INCLUDE", "EXCLUDE")):
			rel = p.unpivot(rel)
			continue
		}
		start := p.tok()
		jt, natural, ok := p.joinType()
		if !ok {
			return rel
		}
		lateral := p.acceptKw("LATERAL")
		if lateral && jt != plan.InnerJoin && jt != plan.CrossJoin && jt != plan.LeftOuterJoin {
			names := map[plan.JoinType]string{plan.RightOuterJoin: "RIGHT OUTER", plan.FullOuterJoin: "FULL OUTER", plan.LeftSemiJoin: "LEFT SEMI", plan.LeftAntiJoin: "LEFT ANTI"}
			p.fail(p.errorAtPos(sparkerr.Newf("INVALID_LATERAL_JOIN_TYPE", "joinType", names[jt]), start.pos))
		}
		right := p.relationPrimary()
		var cond plan.Expr
		var using []string
		if !natural {
			if p.isKw("ON") {
				p.advance()
				cond = p.expression()
			} else if p.isKw("USING") {
				p.advance()
				using = p.identifierList()
			}
		}
		if lateral {
			if natural || using != nil {
				p.fail(sparkerr.Unsupported("LATERAL join with NATURAL or USING"))
			}
			rel = &plan.LateralJoin{Left: rel, Right: right, Type: jt, Cond: cond}
			p.markJoin(rel)
			continue
		}
		rel = &plan.Join{Left: rel, Right: right, Type: jt, Cond: cond, Using: using, Natural: natural}
		p.markJoin(rel)
	}
}

// joinType parses [NATURAL] [INNER|CROSS|LEFT [OUTER]|[LEFT] SEMI|
// [LEFT] ANTI|RIGHT [OUTER]|FULL [OUTER]] JOIN.
func (p *parser) joinType() (plan.JoinType, bool, bool) {
	save := p.i
	natural := p.acceptKw("NATURAL")
	jt := plan.InnerJoin
	switch {
	case p.isKw("INNER"):
		p.advance()
	case p.isKw("CROSS"):
		p.advance()
		jt = plan.CrossJoin
	case p.isKw("LEFT"):
		p.advance()
		switch {
		case p.acceptKw("SEMI"):
			jt = plan.LeftSemiJoin
		case p.acceptKw("ANTI"):
			jt = plan.LeftAntiJoin
		default:
			p.acceptKw("OUTER")
			jt = plan.LeftOuterJoin
		}
	case p.isKw("SEMI"):
		p.advance()
		jt = plan.LeftSemiJoin
	case p.isKw("ANTI"):
		p.advance()
		jt = plan.LeftAntiJoin
	case p.isKw("RIGHT"):
		p.advance()
		p.acceptKw("OUTER")
		jt = plan.RightOuterJoin
	case p.isKw("FULL"):
		p.advance()
		p.acceptKw("OUTER")
		jt = plan.FullOuterJoin
	}
	if !p.isKw("JOIN") {
		if p.i != save {
			p.failHere()
		}
		return 0, false, false
	}
	p.advance()
	return jt, natural, true
}

// relationPrimary parses a table name, a parenthesized query or relation,
// VALUES, or a table-valued function, with TABLESAMPLE and an alias.
func (p *parser) relationPrimary() (out plan.Relation) {
	t := p.tok()
	defer func() { p.markChain(out, t.pos) }()
	switch {
	case isOpTok(t, "("):
		var rel plan.Relation
		isQuery := false
		if p.queryAhead() {
			isQuery = p.attemptOnce("relquery", func() {
				p.advance()
				rel = p.query()
				p.expectClose(")")
			})
		}
		if !isQuery {
			p.advance()
			rel = p.relation()
			p.expectClose(")")
		}
		rel = p.sample(rel)
		return p.tableAlias(rel)
	case isKwTok(t, "VALUES"):
		return p.inlineTable()
	case isKwTok(t, "IDENTIFIER") && p.peekOp(1, "("):
		p.advance()
		name := p.identifierClauseBody()
		if p.isOp("(") {
			return p.tableFunction(name)
		}
		return p.tableRest(name)
	case t.kind == tIdent || t.kind == tQuotedIdent:
		// A table-valued function when the (qualified) name is followed by '('.
		j := p.i + 1
		for isOpTok(p.toks[j], ".") && (p.toks[j+1].kind == tIdent || p.toks[j+1].kind == tQuotedIdent) {
			j += 2
		}
		if isOpTok(p.toks[j], "(") {
			return p.tableFunction(p.multipartIdentifier())
		}
		return p.tableRest(p.multipartIdentifier())
	}
	p.failHere()
	return nil
}

// tableRest finishes a table reference: temporal clause, WITH options,
// TABLESAMPLE and alias.
func (p *parser) tableRest(name []string) plan.Relation {
	if p.isKw("FOR") && p.peekKw(1, "SYSTEM_VERSION", "VERSION", "SYSTEM_TIME", "TIMESTAMP") ||
		p.isKw("SYSTEM_VERSION", "VERSION", "SYSTEM_TIME") && p.peekKw(1, "AS") ||
		p.isKw("TIMESTAMP") && p.peekKw(1, "AS") && p.peekKw(2, "OF") {
		p.fail(unsupportedAt(p, "time travel", p.tok()))
	}
	rt := &plan.ReadTable{Name: name}
	if p.isKw("WITH") && p.peekOp(1, "(") {
		p.advance()
		rt.Options = p.propertyMap()
	}
	rel := p.sample(rt)
	return p.tableAlias(rel)
}

// tableFunction parses name(args) [alias] in FROM.
func (p *parser) tableFunction(name []string) plan.Relation {
	p.expectOp("(")
	tf := &plan.TableFunction{Name: name}
	if !p.isOp(")") {
		for {
			if p.isKw("TABLE") && (p.peekOp(1, "(") || p.peek(1).kind == tIdent || p.peek(1).kind == tQuotedIdent) {
				p.fail(unsupportedAt(p, "TABLE arguments of table-valued functions", p.tok()))
			}
			tf.Args = append(tf.Args, p.functionArgument(false))
			if !p.acceptOp(",") {
				break
			}
		}
	}
	p.expectOp(")")
	return p.tableAlias(tf)
}

// tableAlias parses [AS] alias [(col, ...)].
func (p *parser) tableAlias(rel plan.Relation) plan.Relation {
	var name string
	switch {
	case p.isKw("AS") && p.peek(1).kind == tEOF:
		name = p.advance().text
	case p.isKw("AS"):
		p.advance()
		name = p.identifier()
	case p.tableAliasAhead():
		name = p.identifier()
	default:
		p.aliasable = p.i
		return rel
	}
	sa := &plan.SubqueryAlias{Input: rel, Alias: name}
	if p.isOp("(") && (p.peek(1).kind == tIdent || p.peek(1).kind == tQuotedIdent) {
		sa.ColumnAliases = p.identifierList()
	}
	if v, ok := rel.(*plan.Values); ok && sa.ColumnAliases != nil {
		v.Names = sa.ColumnAliases
		sa.ColumnAliases = nil
	}
	return sa
}

// strictNonReserved keywords can never be table aliases.
var strictNonReserved = map[string]bool{
	"ANTI": true, "CROSS": true, "EXCEPT": true, "FULL": true, "INNER": true, "INTERSECT": true, "JOIN": true,
	"LATERAL": true, "LEFT": true, "NATURAL": true, "ON": true, "RIGHT": true, "SEMI": true, "MINUS": true,
	"UNION": true, "USING": true,
}

func (p *parser) tableAliasAhead() bool {
	t := p.tok()
	if t.kind == tQuotedIdent {
		return true
	}
	if t.kind != tIdent || strictNonReserved[t.upper] {
		return false
	}
	if isKwTok(t, "WINDOW") && p.peekKw(2, "AS") {
		return false
	}
	if isKwTok(t, "LIMIT") && p.peek(1).kind != tEOF && !p.peekOp(1, ")", ";") {
		return false
	}
	return p.implicitAliasAhead()
}

// sample parses TABLESAMPLE (...) [REPEATABLE (seed)].
func (p *parser) sample(rel plan.Relation) plan.Relation {
	if !p.isKw("TABLESAMPLE") || p.peek(1).kind == tEOF {
		return rel
	}
	kw := p.advance()
	p.expectOp("(")
	var out plan.Relation
	switch {
	case p.isKw("BUCKET"):
		p.advance()
		num := p.tok()
		if num.kind != tInteger {
			p.failHere()
		}
		p.advance()
		p.expectKw("OUT")
		p.expectKw("OF")
		den := p.tok()
		if den.kind != tInteger {
			p.failHere()
		}
		p.advance()
		if p.isKw("ON") {
			p.fail(unsupportedAt(p, "TABLESAMPLE BUCKET ... ON", p.tok()))
		}
		n, _ := strconv.ParseFloat(num.text, 64)
		d, _ := strconv.ParseFloat(den.text, 64)
		if n > d {
			p.failSpan(&sparkerr.Error{JavaClass: sparkerr.ParseException, Params: map[string]string{},
				Text: "Sampling fraction (" + formatFraction(n/d) + ") must be on interval [0, 1]."}, kw.pos, p.tok().end)
		}
		out = &plan.Sample{Input: rel, Lower: 0, Upper: n / d}
	case (p.isOp("-") && (p.peek(1).kind == tInteger || p.peek(1).kind == tDecimal) && p.peekKw(2, "PERCENT")) ||
		((p.tok().kind == tInteger || p.tok().kind == tDecimal) && p.peekKw(1, "PERCENT")):
		neg := p.acceptOp("-")
		v, _ := strconv.ParseFloat(p.advance().text, 64)
		p.advance()
		if neg {
			v = -v
		}
		frac := v / 100
		if frac < 0 || frac > 1 {
			p.failSpan(&sparkerr.Error{JavaClass: sparkerr.ParseException, Params: map[string]string{},
				Text: "Sampling fraction (" + formatFraction(frac) + ") must be on interval [0, 1]."}, kw.pos, p.tok().end)
		}
		out = &plan.Sample{Input: rel, Lower: 0, Upper: frac}
	default:
		e := p.expression()
		if !p.isKw("ROWS") {
			p.fail(unsupportedAt(p, "TABLESAMPLE by bytes", kw))
		}
		p.advance()
		out = &plan.Limit{Input: rel, N: e}
	}
	p.expectOp(")")
	if p.isKw("REPEATABLE") {
		p.advance()
		p.expectOp("(")
		seed := p.tok()
		if seed.kind != tInteger {
			p.failHere()
		}
		p.advance()
		p.expectOp(")")
		if s, ok := out.(*plan.Sample); ok {
			v, _ := strconv.ParseInt(seed.text, 10, 64)
			s.Seed, s.HasSeed = v, true
		}
	}
	return out
}

func formatFraction(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// inlineTable parses VALUES row, row ... [alias]. A parenthesized list is
// a row of several columns; anything else is a one-column row.
func (p *parser) inlineTable() plan.Relation {
	p.expectKw("VALUES")
	v := &plan.Values{}
	for {
		e := p.expression()
		if f, ok := e.(*plan.UnresolvedFunction); ok && p.rowItems[f] != nil {
			v.Rows = append(v.Rows, p.rowItems[f])
		} else {
			v.Rows = append(v.Rows, []plan.Expr{e})
		}
		if !p.acceptOp(",") {
			break
		}
	}
	return p.tableAlias(v)
}

// lateralViews parses LATERAL VIEW [OUTER] gen(args) table [AS] c1, c2 ...
func (p *parser) lateralViews(rel plan.Relation) plan.Relation {
	for p.isKw("LATERAL") && p.peekKw(1, "VIEW") {
		p.advance()
		p.advance()
		lv := &plan.LateralView{Input: rel}
		lv.Outer = p.acceptKw("OUTER")
		nameTok := p.tok()
		name := p.multipartIdentifier()
		g := p.functionCall(strings.Join(name, "."), nameTok, false)
		lv.Generator = g
		lv.Table = p.identifier()
		hasAs := p.acceptKw("AS")
		if hasAs || p.implicitAliasAhead() {
			for {
				lv.Columns = append(lv.Columns, p.identifier())
				if !p.acceptOp(",") {
					break
				}
			}
		}
		rel = lv
	}
	return rel
}

// pivot parses PIVOT (aggs FOR col | (cols) IN (value [AS alias], ...)).
func (p *parser) pivot(rel plan.Relation) plan.Relation {
	p.advance()
	p.expectOp("(")
	pv := &plan.Pivot{Input: rel}
	for {
		pv.Aggregates = append(pv.Aggregates, p.namedExpression())
		if !p.acceptOp(",") {
			break
		}
	}
	p.expectKw("FOR")
	if p.isOp("(") {
		for _, c := range p.identifierList() {
			pv.Columns = append(pv.Columns, &plan.UnresolvedAttribute{Parts: []string{c}})
		}
	} else {
		pv.Columns = []plan.Expr{&plan.UnresolvedAttribute{Parts: []string{p.identifier()}}}
	}
	p.expectKw("IN")
	p.expectOp("(")
	for {
		e := p.expression()
		if p.acceptKw("AS") || p.implicitAliasAhead() {
			e = &plan.Alias{Child: e, Names: []string{p.identifier()}}
		}
		pv.Values = append(pv.Values, e)
		if !p.acceptOp(",") {
			break
		}
	}
	p.expectOp(")")
	p.expectOp(")")
	return pv
}

// unpivot parses UNPIVOT [INCLUDE|EXCLUDE NULLS] (...) [[AS] alias].
func (p *parser) unpivot(rel plan.Relation) plan.Relation {
	p.advance()
	u := &plan.Unpivot{Input: rel, IDsFromRest: true}
	if p.isKw("INCLUDE", "EXCLUDE") {
		u.IncludeNulls = p.advance().upper == "INCLUDE"
		p.expectKw("NULLS")
	}
	p.expectOp("(")
	multi := p.isOp("(")
	if multi {
		u.ValueColumns = p.identifierList()
	} else {
		u.ValueColumns = []string{p.identifier()}
	}
	p.expectKw("FOR")
	u.VariableColumn = p.identifier()
	p.expectKw("IN")
	p.expectOp("(")
	for {
		var cols []plan.Expr
		if multi {
			p.expectOp("(")
			for {
				cols = append(cols, &plan.UnresolvedAttribute{Parts: p.multipartIdentifier()})
				if !p.acceptOp(",") {
					break
				}
			}
			p.expectOp(")")
		} else {
			cols = []plan.Expr{&plan.UnresolvedAttribute{Parts: p.multipartIdentifier()}}
		}
		alias := ""
		if p.acceptKw("AS") || p.implicitAliasAhead() {
			alias = p.identifier()
		}
		u.Values = append(u.Values, cols)
		u.ValueAliases = append(u.ValueAliases, alias)
		if !p.acceptOp(",") {
			break
		}
	}
	p.expectOp(")")
	p.expectOp(")")
	var out plan.Relation = u
	if p.acceptKw("AS") {
		out = &plan.SubqueryAlias{Input: u, Alias: p.identifier()}
	} else if p.tableAliasAhead() {
		out = &plan.SubqueryAlias{Input: u, Alias: p.identifier()}
	}
	return out
}

// fromStatement parses FROM relation SELECT ... [SELECT ...].
func (p *parser) fromStatement() plan.Relation {
	from := p.fromClause()
	var selects []plan.Relation
	for p.isKw("SELECT") {
		q := p.querySpecification(from, true)
		selects = append(selects, p.queryOrganization(q))
	}
	if len(selects) == 0 {
		// "FROM t" alone is a query (as with pipe syntax).
		return from
	}
	out := selects[0]
	for _, s := range selects[1:] {
		out = &plan.SetOp{Left: out, Right: s, Kind: plan.Union, All: true}
	}
	return out
}

// propertyMap parses (key [=] value, ...) into a map.
func (p *parser) propertyMap() map[string]string {
	p.expectOp("(")
	out := map[string]string{}
	for {
		k := p.propertyKey()
		p.acceptOp("=")
		out[k] = p.propertyValue()
		if !p.acceptOp(",") {
			break
		}
	}
	p.expectOp(")")
	return out
}

func (p *parser) propertyKey() string {
	if p.tok().kind == tString {
		return p.stringLit()
	}
	return strings.Join(p.multipartIdentifier(), ".")
}

func (p *parser) propertyValue() string {
	t := p.tok()
	switch {
	case t.kind == tString:
		return p.stringLit()
	case t.kind == tInteger || t.kind == tDecimal:
		p.advance()
		return t.text
	case p.isOp("-") && (p.peek(1).kind == tInteger || p.peek(1).kind == tDecimal):
		p.advance()
		return "-" + p.advance().text
	case isKwTok(t, "TRUE", "FALSE"):
		p.advance()
		return strings.ToLower(t.text)
	}
	p.failHere()
	return ""
}

func unsupportedAt(p *parser, feature string, at token) *sparkerr.Error {
	return p.errorAtPos(sparkerr.Unsupported(feature), at.pos)
}

func asSparkErr(err error) *sparkerr.Error {
	if e, ok := sparkerr.As(err); ok {
		return e
	}
	return sparkerr.Internal("%v", err)
}

var _ = types.Null

// trailingBy reports "extra input 'BY'" for a clause keyword and BY that end
// the input (Spark then reads the keyword as an alias).
func (p *parser) trailingBy(kw string) {
	if p.isKw(kw) && p.peekKw(1, "BY") && p.peek(2).kind == tEOF {
		p.failTok(p.peek(1), ": extra input "+tokenDisplay(p.peek(1)))
	}
}
