package analyzer

import (
	"fmt"
	"github.com/emberdb/ember/internal/jregex"
	"sort"
	"strings"
	"unicode/utf16"

	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// scope is what names can refer to: the input plans' output columns.
type scope struct {
	attrs []logical.Attr
	// plans are the input subtrees, searched for Connect plan ids.
	plans []logical.Plan
	// lambdas are lambda variables in scope (innermost last).
	lambdas []*logical.LambdaVar
	// outer is the enclosing query's scope (correlated subqueries).
	outer *scope
}

func (a *Analyzer) scopeOf(ps ...logical.Plan) *scope {
	s := &scope{plans: ps, outer: a.outer}
	for _, p := range ps {
		s.attrs = append(s.attrs, p.Output()...)
	}
	return s
}

type sqlParams struct {
	named map[string]plan.Expr
	pos   []plan.Expr
}

func (a *Analyzer) nameEq(x, y string) bool {
	if a.Session.Conf.CaseSensitive() {
		return x == y
	}
	return strings.EqualFold(x, y)
}

// expr resolves an expression against a scope.
func (a *Analyzer) expr(e plan.Expr, s *scope) (logical.Expr, error) {
	a.depth++
	defer func() { a.depth-- }()
	if a.depth > maxDepth {
		return nil, sparkerr.Newf("CONNECT.INVALID_PLAN", "msg", "The expression is nested too deeply.")
	}
	switch x := e.(type) {
	case nil:
		return nil, sparkerr.Newf("CONNECT.INVALID_PLAN", "msg", "An expression is missing.")
	case *plan.Literal:
		if err := a.checkTimeLiteral(x.Type, x.ConnectTime); err != nil {
			return nil, err
		}
		return literal(x)
	case *plan.UnresolvedAttribute:
		return a.attribute(x, s)
	case *plan.UnresolvedFunction:
		return a.function(x, s)
	case *plan.Alias:
		// An alias inside an expression tree only names it.
		c, err := a.expr(x.Child, s)
		if err != nil {
			return nil, err
		}
		if len(x.Names) == 1 {
			return &logical.AliasExpr{Child: c, Name: x.Names[0]}, nil
		}
		return c, nil
	case *plan.Cast:
		return a.cast(x, s)
	case *plan.CaseWhen:
		return a.caseWhen(x, s)
	case *plan.UpdateFields:
		return a.updateFields(x, s)
	case *plan.ExtractValue:
		c, err := a.expr(x.Child, s)
		if err != nil {
			return nil, err
		}
		k, err := a.expr(x.Extraction, s)
		if err != nil {
			return nil, err
		}
		return a.extract(c, k)
	case *plan.Window:
		return a.window(x, s)
	case *plan.SortOrder:
		return a.expr(x.Child, s)
	case *plan.NamedArgument:
		return a.expr(x.Value, s)
	case *plan.Parameter:
		return a.parameter(x, s)
	case *plan.LambdaVar:
		for i := len(s.lambdas) - 1; i >= 0; i-- {
			if a.nameEq(s.lambdas[i].Name, x.Parts[0]) {
				// acc.count: a field of a struct-typed lambda variable.
				return a.fields(s.lambdas[i], x.Parts[1:])
			}
		}
		return nil, sparkerr.Newf("UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", "objectName", sparkerr.QuoteID(x.Parts...))
	case *plan.UnresolvedStar:
		return nil, sparkerr.Newf("INVALID_USAGE_OF_STAR_OR_REGEX", "elem", "'*'", "prettyName", "expression")
	case *plan.ExprString:
		return a.expr(x.Child, s)
	case *plan.SessionTimestamp:
		return a.sessionTimestamp(x)
	case *plan.NullTreatment:
		return a.nullTreatment(x, s)
	case *plan.ScalarSubquery:
		return a.subquery(x.Plan, logical.ScalarSubquery, nil, false, s)
	case *plan.Exists:
		return a.subquery(x.Plan, logical.ExistsSubquery, nil, x.Not, s)
	case *plan.InSubquery:
		var vals []logical.Expr
		for _, v := range x.Values {
			r, err := a.expr(v, s)
			if err != nil {
				return nil, err
			}
			vals = append(vals, stripAlias(r))
		}
		return a.subquery(x.Plan, logical.InSubquery, vals, x.Not, s)
	case *plan.WithinGroup:
		return nil, sparkerr.Unsupported("WITHIN GROUP")
	case *plan.UnsupportedExpr:
		return nil, sparkerr.Unsupported(x.Feature)
	case *plan.PythonUDF:
		return a.pythonCall(x, s)
	}
	return nil, sparkerr.Unsupported(fmt.Sprintf("expression %T", e))
}

func (a *Analyzer) parameter(x *plan.Parameter, s *scope) (logical.Expr, error) {
	if a.params != nil {
		if x.Name != "" {
			if v, ok := a.params.named[x.Name]; ok {
				return a.expr(v, s)
			}
		} else if x.Index < len(a.params.pos) {
			return a.expr(a.params.pos[x.Index], s)
		}
	}
	name := x.Name
	if name == "" {
		name = fmt.Sprintf("_%d", x.Index+1)
	}
	return nil, sparkerr.Newf("UNBOUND_SQL_PARAMETER", "name", name)
}

// attribute resolves a column reference.
func (a *Analyzer) attribute(x *plan.UnresolvedAttribute, s *scope) (logical.Expr, error) {
	parts := x.Parts
	if len(parts) == 0 {
		return nil, sparkerr.Newf("CONNECT.INVALID_PLAN", "msg", "A column reference has no name.")
	}
	// Lambda variables shadow columns.
	if len(s.lambdas) > 0 {
		for i := len(s.lambdas) - 1; i >= 0; i-- {
			if a.nameEq(s.lambdas[i].Name, parts[0]) {
				return a.fields(s.lambdas[i], parts[1:])
			}
		}
	}
	if x.HasPlanID {
		if e, ok, err := a.byPlanID(x, s); ok || err != nil {
			return e, err
		}
	}
	for sc := s; sc != nil; sc = sc.outer {
		e, err := a.byName(parts, sc)
		if err != nil {
			return nil, err
		}
		if e != nil {
			return e, nil
		}
	}
	return nil, a.unresolved(parts, s)
}

func (a *Analyzer) unresolved(parts []string, s *scope) error {
	name := sparkerr.QuoteID(parts...)
	if len(s.attrs) == 0 {
		return sparkerr.Newf("UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", "objectName", name)
	}
	// Spark takes the candidates from its operator's input attribute set,
	// which lists them by name (Java string order) and then by attribute
	// id; suggest keeps that order among equally close names.
	attrs := append([]logical.Attr{}, s.attrs...)
	sort.SliceStable(attrs, func(i, j int) bool {
		if c := javaCompare(attrs[i].Name, attrs[j].Name); c != 0 {
			return c < 0
		}
		return attrs[i].ID < attrs[j].ID
	})
	cands := make([][]string, len(attrs))
	for i, at := range attrs {
		cands[i] = append(append([]string{}, at.Qualifier...), at.Name)
	}
	return sparkerr.Newf("UNRESOLVED_COLUMN.WITH_SUGGESTION", "objectName", name, "proposal", strings.Join(suggest(parts, cands), ", "))
}

// suggest orders candidate columns the way Spark's "did you mean" does: a
// qualifier shared by all candidates is dropped, then candidates are sorted
// (stably) by edit distance between the quoted candidate and the name as
// written; the closest five are kept.
func suggest(parts []string, cands [][]string) []string {
	prefixes := func(drop int) int {
		seen := map[string]bool{}
		for _, c := range cands {
			n := len(c) - drop
			if n < 0 {
				n = 0
			}
			seen[strings.Join(c[:n], "\x00")] = true
		}
		return len(seen)
	}
	strip := 0
	switch {
	case len(parts) == 1 && prefixes(1) == 1:
		strip = 1
	case len(parts) <= 2 && prefixes(2) == 1:
		strip = 2
	}
	base := strings.Join(parts, ".")
	type cand struct {
		s string
		d int
	}
	cs := make([]cand, len(cands))
	for i, c := range cands {
		if strip > 0 && len(c) > strip {
			c = c[len(c)-strip:]
		}
		q := sparkerr.QuoteID(c...)
		cs[i] = cand{q, levenshtein(q, base)}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].d < cs[j].d })
	n := min(5, len(cs))
	out := make([]string, n)
	for i := 0; i < n; i++ {
		out[i] = cs[i].s
	}
	return out
}

// javaCompare orders strings as Java's String.compareTo does: by UTF-16
// code units (Go's byte order differs for characters above U+FFFF).
func javaCompare(a, b string) int {
	ua, ub := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	for i := 0; i < len(ua) && i < len(ub); i++ {
		if ua[i] != ub[i] {
			return int(ua[i]) - int(ub[i])
		}
	}
	return len(ua) - len(ub)
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// byPlanID resolves df.col: the column named parts in the output of the
// subtree whose plan id matches, which must still be visible in scope.
func (a *Analyzer) byPlanID(x *plan.UnresolvedAttribute, s *scope) (logical.Expr, bool, error) {
	// Every subtree carrying the DataFrame's plan id is a candidate when the
	// column it resolves to is still visible in the current input. Two
	// distinct candidates (a DataFrame joined with itself) are ambiguous.
	var nodes []logical.Plan
	for _, p := range s.plans {
		nodes = append(nodes, findAllPlanID(p, x.PlanID)...)
	}
	if len(nodes) == 0 {
		// A column of a DataFrame that is not part of this query.
		e := sparkerr.Newf("CANNOT_RESOLVE_DATAFRAME_COLUMN", "name", "\""+strings.Join(x.Parts, ".")+"\"")
		// Spark 3.5 raises a classless error naming the plan id (followed
		// there by the unresolved plan's tree, which Ember does not print).
		e.Text35 = fmt.Sprintf("When resolving '%s, fail to find subplan with plan_id=%d", strings.Join(x.Parts, "."), x.PlanID)
		return nil, true, e
	}
	visible := map[int64]bool{}
	for _, at := range s.attrs {
		visible[at.ID] = true
	}
	var hit logical.Expr
	seen := map[int64]bool{}
	for _, t := range nodes {
		e, err := a.byName(x.Parts, &scope{attrs: t.Output()})
		if err != nil {
			return nil, true, err
		}
		if e == nil {
			continue
		}
		ref := rootColRef(e)
		if ref == nil || !visible[ref.Attr.ID] || seen[ref.Attr.ID] {
			continue
		}
		seen[ref.Attr.ID] = true
		if hit != nil {
			return nil, true, sparkerr.Newf("AMBIGUOUS_COLUMN_REFERENCE", "name", "\""+strings.Join(x.Parts, ".")+"\"")
		}
		hit = e
	}
	if hit != nil {
		return hit, true, nil
	}
	// Not visible any more (e.g. projected away): fall back to name lookup.
	return nil, false, nil
}

// findAllPlanID returns every node of p carrying plan id id.
func findAllPlanID(p logical.Plan, id int64) []logical.Plan {
	var out []logical.Plan
	if m := p.Meta(); m.HasPlanID && m.PlanID == id {
		out = append(out, p)
	}
	for _, c := range p.Children() {
		out = append(out, findAllPlanID(c, id)...)
	}
	return out
}

func rootColRef(e logical.Expr) *logical.ColRef {
	for {
		switch x := e.(type) {
		case *logical.ColRef:
			return x
		case *logical.Field:
			e = x.Child
		default:
			return nil
		}
	}
}

func findPlanID(p logical.Plan, id int64) logical.Plan {
	if m := p.Meta(); m.HasPlanID && m.PlanID == id {
		return p
	}
	for _, c := range p.Children() {
		if t := findPlanID(c, id); t != nil {
			return t
		}
	}
	return nil
}

// byName resolves parts against attrs: qualifier match first (t.a, db.t.a),
// then column plus nested fields (a.b.c). Returns nil, nil if not found.
func (a *Analyzer) byName(parts []string, s *scope) (logical.Expr, error) {
	// Try the longest qualifier first.
	for q := min(len(parts)-1, 3); q >= 0; q-- {
		qual, name, rest := parts[:q], parts[q], parts[q+1:]
		var matches []logical.Attr
		for _, at := range s.attrs {
			if a.nameEq(at.Name, name) && a.qualMatches(at.Qualifier, qual) {
				matches = append(matches, at)
			}
		}
		if len(matches) == 0 {
			continue
		}
		if len(matches) > 1 {
			// Distinct attributes with the same name are ambiguous.
			uniq := dedupAttrs(matches)
			if len(uniq) > 1 {
				refs := make([]string, len(uniq))
				for i, m := range uniq {
					refs[i] = sparkerr.QuoteID(append(append([]string{}, m.Qualifier...), m.Name)...)
				}
				return nil, sparkerr.Newf("AMBIGUOUS_REFERENCE", "name", sparkerr.QuoteID(parts...), "referenceNames", "["+strings.Join(refs, ", ")+"]")
			}
		}
		ref := &logical.ColRef{Attr: matches[0]}
		if name != matches[0].Name {
			ref.Written = name
		}
		return a.fields(ref, rest)
	}
	return nil, nil
}

func dedupAttrs(as []logical.Attr) []logical.Attr {
	seen := map[int64]bool{}
	var out []logical.Attr
	for _, a := range as {
		if !seen[a.ID] {
			seen[a.ID] = true
			out = append(out, a)
		}
	}
	return out
}

func (a *Analyzer) qualMatches(have, want []string) bool {
	if len(want) == 0 {
		return true
	}
	if len(want) > len(have) {
		return false
	}
	off := len(have) - len(want)
	for i := range want {
		if !a.nameEq(have[off+i], want[i]) {
			return false
		}
	}
	return true
}

// fields extracts nested struct fields by name.
func (a *Analyzer) fields(e logical.Expr, rest []string) (logical.Expr, error) {
	for _, name := range rest {
		st, ok := e.Type().(types.Struct)
		if !ok {
			if e.Type().Kind() == types.KindMap || e.Type().Kind() == types.KindArray {
				var err error
				e, err = a.extract(e, &logical.Lit{T: types.String, V: name, Text: name})
				if err != nil {
					return nil, err
				}
				continue
			}
			return nil, sparkerr.Newf("INVALID_EXTRACT_BASE_FIELD_TYPE", "base", "\""+e.SQL()+"\"", "other", "\""+strings.ToUpper(e.Type().SimpleString())+"\"")
		}
		idx := -1
		for i, f := range st.Fields {
			if a.nameEq(f.Name, name) {
				idx = i
				break
			}
		}
		if idx < 0 {
			return nil, sparkerr.Newf("FIELD_NOT_FOUND", "fieldName", sparkerr.QuoteID(name), "fields", strings.Join(quoteAll(st.Names()), ", "))
		}
		f := st.Fields[idx]
		e = &logical.Field{Child: e, Name: f.Name, Index: idx, T: f.Type, Null: e.Nullable() || f.Nullable, Pretty: e.SQL() + "." + f.Name}
	}
	return e, nil
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = sparkerr.QuoteID(s)
	}
	return out
}

// extract is col[key]: array index, map lookup or struct field.
func (a *Analyzer) extract(c, k logical.Expr) (logical.Expr, error) {
	switch t := c.Type().(type) {
	case types.Struct:
		l, ok := k.(*logical.Lit)
		name, isStr := l.V.(string)
		if !ok || !isStr {
			return nil, sparkerr.Newf("INVALID_EXTRACT_FIELD_TYPE", "extraction", "\""+k.SQL()+"\"")
		}
		f, err := a.fields(c, []string{name})
		if fl, ok := f.(*logical.Field); ok {
			fl.Extracted = true
		}
		return f, err
	case types.Array:
		call, err := functions.Call(a.fctx, "get_array_item", []logical.Expr{c, k}, false)
		if err != nil {
			return nil, err
		}
		cl := call.(*logical.Call)
		cl.Pretty = c.SQL() + "[" + k.SQL() + "]"
		return cl, nil
	case types.Map:
		call, err := functions.Call(a.fctx, "get_map_value", []logical.Expr{c, k}, false)
		if err != nil {
			return nil, err
		}
		cl := call.(*logical.Call)
		cl.Pretty = c.SQL() + "[" + k.SQL() + "]"
		_ = t
		return cl, nil
	}
	return nil, sparkerr.Newf("INVALID_EXTRACT_BASE_FIELD_TYPE", "base", "\""+c.SQL()+"\"", "other", "\""+strings.ToUpper(c.Type().SimpleString())+"\"")
}

func (a *Analyzer) function(x *plan.UnresolvedFunction, s *scope) (logical.Expr, error) {
	// ignoreNullsClause: this call came from an IGNORE NULLS clause
	// (nullTreatment), not from an explicit ignoreNulls argument.
	ignoreNullsClause := a.ignoreNullsClause
	a.ignoreNullsClause = false
	name := x.Name
	if a.Session != nil && !strings.Contains(name, ".") {
		// Functions registered with spark.udf.register shadow built-ins.
		if f, ok := a.Session.UDF(name); ok {
			call := *f
			call.Args = x.Args
			return a.pythonCall(&call, s)
		}
	}
	if x.IsUDF {
		return nil, sparkerr.Unsupported("user-defined function " + name)
	}
	args := make([]logical.Expr, 0, len(x.Args))
	lname := strings.ToLower(name)
	if to, ok := castAliases[lname]; ok && len(x.Args) == 1 && !x.Distinct && x.Filter == nil {
		return a.castAlias(x, to, s)
	}
	if lname == distributedSequenceID && a.params == nil {
		return a.distributedSequenceID(x, s)
	}
	if len(x.Args) == 0 {
		// Functions of the session's catalog state are constants of the
		// analysis (Spark replaces them before optimization).
		switch lname {
		case "current_database", "current_schema":
			pretty := "current_schema()"
			if session.ClientMajorVersion(a.Session.ClientType) == "3" {
				pretty = "current_database()"
			}
			return &logical.Lit{T: types.String, V: a.CurrentDatabase(), Text: pretty}, nil
		case "current_catalog":
			return &logical.Lit{T: types.String, V: "spark_catalog", Text: "current_catalog()"}, nil
		}
	}
	for i, arg := range x.Args {
		// count(*) is count(1), also when the star comes from expr("*").
		starArg := arg
		if es, ok := starArg.(*plan.ExprString); ok {
			starArg = es.Child
		}
		if st, star := starArg.(*plan.UnresolvedStar); star && lname == "count" && len(st.Target) == 0 {
			args = append(args, &logical.Lit{T: types.Int, V: int32(1), Text: "1"})
			continue
		}
		// f(*) and f(t.*) pass the columns the star selects (hash(*)).
		if st, star := arg.(*plan.UnresolvedStar); star && lname != "count" {
			cols, err := a.expandStar(st, s)
			if err != nil {
				return nil, err
			}
			args = append(args, cols...)
			continue
		}
		if lf, ok := arg.(*plan.LambdaFunction); ok {
			if lname == "map_zip_with" && len(args) == 2 {
				if err := a.mapZipWithKeys(lf, s, args); err != nil {
					return nil, err
				}
			}
			l, err := a.lambda(lf, s, args, i, lname)
			if err != nil {
				return nil, err
			}
			args = append(args, l)
			continue
		}
		r, err := a.expr(arg, s)
		if err != nil {
			return nil, err
		}
		if lname == "struct" {
			// struct(x AS n) names its field n: the alias must reach it.
			args = append(args, r)
			continue
		}
		args = append(args, stripAlias(r))
	}
	if !isBuiltin(name) {
		return nil, a.userFunction(name)
	}
	if err := a.checkTimeFunction(name, args); err != nil {
		return nil, err
	}
	if (lname == "lag" || lname == "lead") && len(args) == 4 && !ignoreNullsClause &&
		a.Session != nil && session.ClientMajorVersion(a.Session.ClientType) == "3" {
		// Spark 3.5 has no ignoreNulls argument for lag/lead (only the
		// IGNORE NULLS clause); it lists the arities it accepts.
		return nil, sparkerr.Newf("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
			"functionName", sparkerr.QuoteID(lname), "expectedNum", "[0, 1, 2, 3]", "actualNum", "4",
			"docroot", "https://spark.apache.org/docs/latest")
	}
	call, err := functions.Call(a.fctx, name, args, x.Distinct)
	if err != nil {
		return nil, err
	}
	if x.Filter != nil {
		c, ok := call.(*logical.Call)
		if !ok || c.Kind != logical.Agg {
			return nil, sparkerr.Unsupported("FILTER on a non-aggregate function")
		}
		f, err := a.expr(x.Filter, s)
		if err != nil {
			return nil, err
		}
		c.Filter = f
		c.Pretty += " FILTER (WHERE " + f.SQL() + ")"
	}
	return call, nil
}

func stripAlias(e logical.Expr) logical.Expr {
	if al, ok := e.(*logical.AliasExpr); ok {
		return al.Child
	}
	return e
}

// mapZipWithKeys brings the key types of map_zip_with's two maps
// together before its lambda is bound, as Spark's type coercion does:
// both maps are cast to the wider key type. Without one Spark fails
// before binding the lambda, so the error shows the lambda with its
// variables' own names.
func (a *Analyzer) mapZipWithKeys(lf *plan.LambdaFunction, s *scope, args []logical.Expr) error {
	m1, ok1 := args[0].Type().(types.Map)
	m2, ok2 := args[1].Type().(types.Map)
	if !ok1 || !ok2 || types.EqualIgnoreNullability(m1.Key, m2.Key) {
		return nil
	}
	if w, ok := functions.WiderMapKey(a.fctx, m1.Key, m2.Key); ok {
		args[0] = functions.ImplicitCast(args[0], types.Map{Key: w, Value: m1.Value, ValueContainsNull: m1.ValueContainsNull})
		args[1] = functions.ImplicitCast(args[1], types.Map{Key: w, Value: m2.Value, ValueContainsNull: m2.ValueContainsNull})
		return nil
	}
	saved := a.namedLambdas
	a.namedLambdas = true
	l, err := a.lambda(lf, s, args, 2, "map_zip_with")
	a.namedLambdas = saved
	if err != nil {
		return err
	}
	return functions.MapZipWithKeyMismatch(append(append([]logical.Expr{}, args...), l), m1.Key, m2.Key)
}

// lambda resolves a lambda argument; its parameter types come from the
// preceding collection argument.
func (a *Analyzer) lambda(lf *plan.LambdaFunction, s *scope, prev []logical.Expr, pos int, fname string) (logical.Expr, error) {
	var elem types.DataType = types.Null
	var elemNull = true
	var keyT types.DataType
	if len(prev) > 0 {
		switch t := prev[0].Type().(type) {
		case types.Array:
			elem, elemNull = t.Elem, t.ContainsNull
		case types.Map:
			keyT, elem, elemNull = t.Key, t.Value, t.ValueContainsNull
		}
	}
	params := make([]*logical.LambdaVar, len(lf.Args))
	for i, n := range lf.Args {
		v := &logical.LambdaVar{Name: n, ID: logical.NewID(), T: elem, Null: elemNull, Named: a.namedLambdas}
		if keyT != nil && i == 0 {
			v.T, v.Null = keyT, false
		} else if keyT != nil && i == 1 {
			v.T, v.Null = elem, elemNull
		} else if keyT == nil && i == 1 {
			v.T, v.Null = types.Int, false // element index
		}
		if pos >= 2 && len(prev) >= 2 && i == 0 {
			// aggregate(arr, zero, (acc, x) -> ...): acc has zero's type.
			v.T, v.Null = prev[1].Type(), true
			if len(params) > 1 {
				// fallthrough for x below
			}
		}
		params[i] = v
	}
	if pos >= 2 && len(prev) >= 2 && len(params) == 2 {
		params[1].T, params[1].Null = elem, elemNull
	}
	if fname == "zip_with" && len(prev) >= 2 {
		// zip_with(a, b, (x, y) -> ...): x and y are elements of a and b,
		// padded with NULL.
		for i, p := range params {
			if i < 2 {
				p.T, p.Null = types.Null, true
				if at, ok := prev[i].Type().(types.Array); ok {
					p.T = at.Elem
				}
			}
		}
	}
	switch {
	case fname == "array_sort" && len(params) == 2:
		// array_sort(a, (x, y) -> ...): both are elements.
		for _, p := range params {
			p.T, p.Null = elem, elemNull
		}
	case fname == "map_zip_with" && len(prev) >= 2 && len(params) == 3:
		// map_zip_with(m1, m2, (k, v1, v2) -> ...): a value is NULL where
		// its map lacks the key.
		m1, ok1 := prev[0].Type().(types.Map)
		m2, ok2 := prev[1].Type().(types.Map)
		if ok1 && ok2 {
			params[0].T, params[0].Null = m1.Key, false
			params[1].T, params[1].Null = m1.Value, true
			params[2].T, params[2].Null = m2.Value, true
		}
	}
	inner := &scope{attrs: s.attrs, plans: s.plans, lambdas: append(append([]*logical.LambdaVar{}, s.lambdas...), params...), outer: s.outer}
	body, err := a.expr(lf.Body, inner)
	if err != nil {
		return nil, err
	}
	return &logical.Lambda{Params: params, Body: body}, nil
}

func (a *Analyzer) cast(x *plan.Cast, s *scope) (logical.Expr, error) {
	c, err := a.expr(x.Child, s)
	if err != nil {
		return nil, err
	}
	c = stripAlias(c)
	to := x.Type
	if to == nil {
		to, err = a.Parser.ParseDataType(x.TypeStr)
		if err != nil {
			return nil, err
		}
	}
	if u, ok := to.(types.Unparsed); ok {
		to, err = a.Parser.ParseDataType(u.Text)
		if err != nil {
			return nil, err
		}
	}
	if err := a.checkTimeCast(to); err != nil {
		return nil, err
	}
	mode := logical.Legacy
	switch x.Mode {
	case plan.EvalTry:
		mode = logical.Try
	case plan.EvalANSI:
		mode = logical.ANSI
	case plan.EvalDefault:
		if a.fctx.ANSI {
			mode = logical.ANSI
		}
	}
	if !canCast(c.Type(), to) {
		if c.Type().Kind() == types.KindVariant || to.Kind() == types.KindVariant {
			return nil, sparkerr.Newf("DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
				"sqlExpr", "\""+(&logical.Cast{Child: c, To: to}).SQL()+"\"",
				"srcType", "\""+functions.SparkTypeSQL(c.Type())+"\"",
				"targetType", "\""+functions.SparkTypeSQL(to)+"\"")
		}
		return nil, sparkerr.Newf("DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
			"sqlExpr", "\""+(&logical.Cast{Child: c, To: to}).SQL()+"\"",
			"srcType", "\""+strings.ToUpper(c.Type().SimpleString())+"\"",
			"targetType", "\""+strings.ToUpper(to.SimpleString())+"\"")
	}
	nullable := c.Nullable() || castCanFail(c.Type(), to)
	if mode == logical.Try {
		nullable = true
	}
	// Spark 3.5's Connect server builds DataFrame-API casts without the
	// user-specified tag, so generated names show only the child there.
	asChild := x.API && a.Session != nil && session.ClientMajorVersion(a.Session.ClientType) == "3"
	return &logical.Cast{Child: c, To: to, Mode: mode, Null: nullable, AsChild: asChild}, nil
}

// canCast is a coarse version of Spark's Cast.canCast.
func canCast(from, to types.DataType) bool {
	if from.Kind() == types.KindNull || types.EqualIgnoreNullability(from, to) {
		return true
	}
	if from.Kind() == types.KindVariant || to.Kind() == types.KindVariant {
		return canCastVariant(from, to)
	}
	if types.IsStringLike(to) {
		return true
	}
	if from.Kind() == types.KindTime || to.Kind() == types.KindTime {
		// TIME converts only from strings and to strings, other TIMEs,
		// integral seconds and decimal seconds.
		if to.Kind() == types.KindTime {
			return types.IsStringLike(from) || from.Kind() == types.KindTime
		}
		return to.Kind() == types.KindTime || types.IsIntegral(to) || to.Kind() == types.KindDecimal
	}
	switch f := from.(type) {
	case types.Array:
		t, ok := to.(types.Array)
		return ok && canCast(f.Elem, t.Elem)
	case types.Map:
		t, ok := to.(types.Map)
		return ok && canCast(f.Key, t.Key) && canCast(f.Value, t.Value)
	case types.Struct:
		t, ok := to.(types.Struct)
		if !ok || len(t.Fields) != len(f.Fields) {
			return false
		}
		for i := range f.Fields {
			if !canCast(f.Fields[i].Type, t.Fields[i].Type) {
				return false
			}
		}
		return true
	}
	switch to.(type) {
	case types.Array, types.Map, types.Struct:
		return false
	}
	if from.Kind() == types.KindBinary {
		return types.IsStringLike(to)
	}
	if to.Kind() == types.KindBinary {
		return types.IsStringLike(from) || types.IsIntegral(from)
	}
	if to.Kind() == types.KindDate {
		return types.IsStringLike(from) || types.IsDatetime(from)
	}
	return true
}

// canCastVariant is Spark's rule for casts from and to VARIANT: a variant
// casts to atomic types (and, in Spark, arrays, string-keyed maps and
// structs of them); atomic values and arrays of them cast to a variant.
func canCastVariant(from, to types.DataType) bool {
	if from.Kind() == types.KindVariant {
		other := to
		for {
			a, ok := other.(types.Array)
			if !ok {
				break
			}
			other = a.Elem
		}
		switch other.Kind() {
		case types.KindStruct, types.KindMap, types.KindNull, types.KindCalendarInterval:
			return other.Kind() == types.KindStruct || other.Kind() == types.KindMap
		}
		return true
	}
	switch f := from.(type) {
	case types.Array:
		return canCastVariant(f.Elem, to)
	case types.Struct, types.Map:
		return false
	}
	switch from.Kind() {
	case types.KindCalendarInterval, types.KindDayTimeInterval, types.KindYearMonthInterval:
		return false
	}
	return true
}

// castCanFail reports conversions that can fail (and so make a cast
// nullable in Spark, whichever the eval mode): parsing strings, fractional
// to integral, and decimals that cannot hold every input value.
func castCanFail(from, to types.DataType) bool {
	if from.Kind() == types.KindVariant && to.Kind() != types.KindVariant {
		return true // a variant null or a failed conversion gives NULL
	}
	if types.Equal(from, to) || types.IsStringLike(to) || from.Kind() == types.KindNull {
		return false
	}
	if to.Kind() == types.KindVariant {
		return types.IsDatetime(from) || types.IsStringLike(from)
	}
	switch {
	case types.IsStringLike(from):
		return to.Kind() != types.KindBinary
	case from.Kind() == types.KindTime:
		// Spark's null-safe decimal rule does not know TIME.
		return to.Kind() == types.KindDecimal || to.Kind() == types.KindByte || to.Kind() == types.KindShort
	case to.Kind() == types.KindDecimal:
		// Spark's canNullSafeCastToDecimal: a decimal source needs strictly
		// more integral digits (rounding may carry), an integral source
		// must fit whole, a boolean needs one integral digit.
		d := to.(types.Decimal)
		if from.Kind() == types.KindBoolean {
			return d.Precision-d.Scale < 1
		}
		src, ok := types.DecimalOf(from)
		if !ok || from.Kind() == types.KindFloat || from.Kind() == types.KindDouble {
			return true
		}
		if from.Kind() == types.KindDecimal {
			return d.Precision-d.Scale <= src.Precision-src.Scale
		}
		return d.Precision-d.Scale < src.Precision-src.Scale || d.Scale < src.Scale
	case types.IsIntegral(to):
		switch from.Kind() {
		case types.KindFloat, types.KindDouble, types.KindDecimal:
			return true
		}
	}
	return false
}

func (a *Analyzer) caseWhen(x *plan.CaseWhen, s *scope) (logical.Expr, error) {
	var args []plan.Expr
	for _, b := range x.Branches {
		cond := b[0]
		if x.Operand != nil {
			cond = &plan.UnresolvedFunction{Name: "==", Args: []plan.Expr{x.Operand, b[0]}}
		}
		args = append(args, cond, b[1])
	}
	if x.Else != nil {
		args = append(args, x.Else)
	}
	return a.function(&plan.UnresolvedFunction{Name: "when", Args: args}, s)
}

func (a *Analyzer) window(x *plan.Window, s *scope) (logical.Expr, error) {
	fe, err := a.expr(x.Func, s)
	if err != nil {
		return nil, err
	}
	fe = stripAlias(fe)
	if pc, ok := fe.(*logical.PythonCall); ok && pc.Func.IsAggregate() {
		return a.pythonWindow(x, pc, s)
	}
	call, ok := fe.(*logical.Call)
	if !ok || (call.Kind != logical.Agg && call.Kind != logical.WindowOnly) {
		return nil, sparkerr.Newf("UNSUPPORTED_EXPR_FOR_WINDOW", "sqlExpr", "\""+fe.SQL()+"\"")
	}
	w := &logical.Window{Fn: call}
	var parts []string
	if w.Partition, parts, err = a.windowPartition(x.PartitionBy, s); err != nil {
		return nil, err
	}
	if len(x.OrderBy) > 0 {
		os := make([]string, len(x.OrderBy))
		for i, o := range x.OrderBy {
			k, err := a.sortKey(o, s)
			if err != nil {
				return nil, err
			}
			w.Order = append(w.Order, k)
			os[i] = sortKeySQL(k)
		}
		parts = append(parts, "ORDER BY "+strings.Join(os, ", "))
	}
	frame, frameText, err := a.frame(x.Frame, call, len(x.OrderBy) > 0, s)
	if err != nil {
		return nil, err
	}
	w.Frame = frame
	if frameText != "" {
		parts = append(parts, frameText)
	}
	w.Pretty = call.SQL() + " OVER (" + strings.Join(parts, " ") + ")"
	return w, nil
}

// windowPartition resolves a window's PARTITION BY expressions and gives
// the clause as Spark prints it (none when there are no expressions).
func (a *Analyzer) windowPartition(es []plan.Expr, s *scope) ([]logical.Expr, []string, error) {
	if len(es) == 0 {
		return nil, nil, nil
	}
	out := make([]logical.Expr, len(es))
	ps := make([]string, len(es))
	for i, p := range es {
		pe, err := a.expr(p, s)
		if err != nil {
			return nil, nil, err
		}
		out[i] = stripAlias(pe)
		ps[i] = pe.SQL()
	}
	return out, []string{"PARTITION BY " + strings.Join(ps, ", ")}, nil
}

func sortKeySQL(k logical.SortKey) string {
	dir, nulls := "ASC", "NULLS FIRST"
	if k.Desc {
		dir = "DESC"
	}
	if !k.NullsFirst {
		nulls = "NULLS LAST"
	}
	return k.Expr.SQL() + " " + dir + " " + nulls
}

// frame resolves a window frame; with none given Spark uses RANGE
// UNBOUNDED PRECEDING..CURRENT ROW when ordered, else ROWS over the whole
// partition, and ranking functions always use ROWS ..CURRENT ROW.
func (a *Analyzer) frame(f *plan.WindowFrame, call *logical.Call, ordered bool, s *scope) (*logical.Frame, string, error) {
	if call.Kind == logical.WindowOnly {
		switch call.Fn {
		case "lag", "lead":
			off := "1"
			if len(call.Args) > 1 {
				off = call.Args[1].SQL()
			}
			if call.Fn == "lag" {
				return nil, "ROWS BETWEEN -" + off + " FOLLOWING AND -" + off + " FOLLOWING", nil
			}
			return nil, "ROWS BETWEEN " + off + " FOLLOWING AND " + off + " FOLLOWING", nil
		case "nth_value":
		case "cume_dist":
			return nil, "RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW", nil
		default:
			return nil, "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW", nil
		}
	}
	if f == nil {
		if ordered {
			return nil, "RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW", nil
		}
		return nil, "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING", nil
	}
	lf := &logical.Frame{Rows: f.Type == plan.RowsFrame}
	bound := func(b plan.FrameBoundary, lower bool) (logical.FrameBound, string, error) {
		switch {
		case b.Unbounded:
			if lower {
				return logical.FrameBound{Unbounded: true}, "UNBOUNDED PRECEDING", nil
			}
			return logical.FrameBound{Unbounded: true}, "UNBOUNDED FOLLOWING", nil
		case b.CurrentRow:
			return logical.FrameBound{CurrentRow: true}, "CURRENT ROW", nil
		}
		v, err := a.expr(b.Value, s)
		if err != nil {
			return logical.FrameBound{}, "", err
		}
		if l, ok := v.(*logical.Lit); ok && types.IsIntegral(l.T) {
			n := litInt64(l.V)
			if n == 0 {
				return logical.FrameBound{CurrentRow: true}, "CURRENT ROW", nil
			}
			// Spark names a value boundary by its signed offset: -1 FOLLOWING.
			return logical.FrameBound{Offset: v}, fmt.Sprintf("%d FOLLOWING", n), nil
		}
		// SQL's "n PRECEDING" arrives as negative(n).
		if c, ok := v.(*logical.Call); ok && c.Fn == "negative" {
			if l, ok := c.Args[0].(*logical.Lit); ok && types.IsIntegral(l.T) {
				n := litInt64(l.V)
				return logical.FrameBound{Offset: &logical.Lit{T: l.T, V: negInt(l.V), Text: fmt.Sprint(-n)}}, l.Text + " PRECEDING", nil
			}
			return logical.FrameBound{Offset: v}, c.Args[0].SQL() + " PRECEDING", nil
		}
		return logical.FrameBound{Offset: v}, v.SQL() + " FOLLOWING", nil
	}
	var lt, ut string
	var err error
	if lf.Lower, lt, err = bound(f.Lower, true); err != nil {
		return nil, "", err
	}
	if lf.Upper, ut, err = bound(f.Upper, false); err != nil {
		return nil, "", err
	}
	kind := "RANGE"
	if lf.Rows {
		kind = "ROWS"
	}
	return lf, kind + " BETWEEN " + lt + " AND " + ut, nil
}

func (a *Analyzer) sortKey(o *plan.SortOrder, s *scope) (logical.SortKey, error) {
	e, err := a.expr(o.Child, s)
	if err != nil {
		return logical.SortKey{}, err
	}
	k := logical.SortKey{Expr: stripAlias(e), Desc: o.Desc, NullsFirst: !o.Desc}
	if o.NullsSet {
		k.NullsFirst = o.NullsFirst
	}
	return k, nil
}

// expandStar returns the columns a star selects.
func (a *Analyzer) expandStar(x *plan.UnresolvedStar, s *scope) ([]logical.Expr, error) {
	var attrs []logical.Attr
	if x.HasPlanID {
		for _, p := range s.plans {
			if t := findPlanID(p, x.PlanID); t != nil {
				attrs = t.Output()
				break
			}
		}
		if attrs != nil {
			out := make([]logical.Expr, len(attrs))
			for i, at := range attrs {
				out[i] = &logical.ColRef{Attr: at}
			}
			return out, nil
		}
	}
	if len(x.Target) == 0 {
		out := make([]logical.Expr, len(s.attrs))
		for i, at := range s.attrs {
			out[i] = &logical.ColRef{Attr: at}
		}
		return out, nil
	}
	for _, at := range s.attrs {
		if a.qualMatches(at.Qualifier, x.Target) {
			attrs = append(attrs, at)
		}
	}
	if len(attrs) > 0 {
		out := make([]logical.Expr, len(attrs))
		for i, at := range attrs {
			out[i] = &logical.ColRef{Attr: at}
		}
		return out, nil
	}
	// struct.*
	e, err := a.byName(x.Target, s)
	if err == nil && e != nil {
		if st, ok := e.Type().(types.Struct); ok {
			out := make([]logical.Expr, len(st.Fields))
			for i, f := range st.Fields {
				out[i] = &logical.Field{Child: e, Name: f.Name, Index: i, T: f.Type, Null: e.Nullable() || f.Nullable, Pretty: f.Name}
			}
			return out, nil
		}
	}
	return nil, sparkerr.Newf("CANNOT_RESOLVE_STAR_EXPAND", "targetString", sparkerr.QuoteID(x.Target...), "columns", strings.Join(quoteAll(attrNames(s.attrs)), ", "))
}

// expandRegex returns the columns whose names match a colRegex pattern.
func (a *Analyzer) expandRegex(x *plan.UnresolvedRegex, s *scope) ([]logical.Expr, error) {
	pat := x.Pattern
	if len(pat) >= 2 && pat[0] == '`' && pat[len(pat)-1] == '`' {
		pat = pat[1 : len(pat)-1]
	}
	// Spark matches the whole name with a Java pattern.
	re, err := jregex.Compile(pat, !a.Session.Conf.CaseSensitive())
	if err != nil {
		// Spark lets Java's PatternSyntaxException through unclassified.
		return nil, sparkerr.Unclassified(sparkerr.PatternSyntax, err.Error())
	}
	attrs := s.attrs
	if x.HasPlanID {
		for _, p := range s.plans {
			if t := findPlanID(p, x.PlanID); t != nil {
				attrs = t.Output()
				break
			}
		}
	}
	var out []logical.Expr
	for _, at := range attrs {
		if re.FullMatch(at.Name) {
			out = append(out, &logical.ColRef{Attr: at})
		}
	}
	return out, nil
}

// subquery resolves a nested query whose expressions may refer to the
// enclosing scope (correlation).
func (a *Analyzer) subquery(r plan.Relation, kind logical.SubqueryKind, vals []logical.Expr, not bool, s *scope) (logical.Expr, error) {
	saved := a.outer
	a.outer = s
	p, err := a.Resolve(r)
	a.outer = saved
	if err != nil {
		return nil, err
	}
	out := p.Output()
	sq := &logical.Subquery{Plan: p, Kind: kind, Values: vals, Not: not}
	switch kind {
	case logical.ScalarSubquery:
		if len(out) != 1 {
			return nil, sparkerr.Newf("INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN", "number", fmt.Sprint(len(out)))
		}
		sq.T, sq.Null = out[0].Type, true
		sq.Pretty = "scalarsubquery()"
	case logical.ExistsSubquery:
		sq.T = types.Boolean
		sq.Pretty = "exists()"
	case logical.InSubquery:
		if len(out) != len(vals) {
			return nil, sparkerr.Newf("DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH", "sqlExpr", "\"IN (listquery())\"", "leftLength", fmt.Sprint(len(vals)), "rightLength", fmt.Sprint(len(out)))
		}
		for i := range vals {
			t, ok := types.WiderType(vals[i].Type(), out[i].Type)
			if !ok {
				return nil, sparkerr.Newf("DATATYPE_MISMATCH.IN_SUBQUERY_DATA_TYPE_MISMATCH", "sqlExpr", "\"IN (listquery())\"")
			}
			vals[i] = functions.ImplicitCast(vals[i], t)
		}
		sq.T, sq.Null = types.Boolean, anyNullable(vals) || anyNullableAttr(out)
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = v.SQL()
		}
		sq.Pretty = "(" + strings.Join(parts, ", ") + " IN (listquery()))"
	}
	return sq, nil
}

func anyNullable(es []logical.Expr) bool {
	for _, e := range es {
		if e.Nullable() {
			return true
		}
	}
	return false
}

func anyNullableAttr(as []logical.Attr) bool {
	for _, a := range as {
		if a.Nullable {
			return true
		}
	}
	return false
}

// negInt negates an integral literal value keeping its Go type.
func negInt(v any) any {
	switch x := v.(type) {
	case int8:
		return -x
	case int16:
		return -x
	case int32:
		return -x
	case int64:
		return -x
	}
	return v
}
