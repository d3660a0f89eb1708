package analyzer

import (
	"fmt"
	"github.com/emberdb/ember/internal/tz"
	"strings"
	"time"

	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// SQL-only relations and expressions: CTEs, table-valued functions,
// generators, QUALIFY, and the aggregate rules of SELECT (HAVING and ORDER
// BY may use aggregates and grouping columns the select list lacks).

func (a *Analyzer) withCTE(x *plan.WithCTE) (logical.Plan, error) {
	saved := a.refs
	a.refs = map[string]plan.Relation{}
	for k, v := range saved {
		a.refs[k] = v
	}
	defer func() { a.refs = saved }()
	if x.Recursive && session.ClientMajorVersion(a.Session.ClientType) == "3" && x.RecursiveErr35 != nil {
		return nil, x.RecursiveErr35
	}
	for _, c := range x.CTEs {
		if x.Recursive {
			a.refs[strings.ToLower(c.Name)] = &recursiveDef{cte: c, refs: copyRefs(a.refs)}
			continue
		}
		var r plan.Relation = c.Query
		if len(c.Columns) > 0 {
			r = &plan.SubqueryAlias{Input: r, Alias: c.Name, ColumnAliases: c.Columns}
		}
		// Later CTEs see earlier ones: bind each in the scope it was defined in.
		a.refs[strings.ToLower(c.Name)] = &boundRef{rel: r, refs: copyRefs(a.refs)}
	}
	return a.Resolve(x.Child)
}

// boundRef is a CTE body with the names visible where it was defined.
type boundRef struct {
	plan.RelBase
	rel  plan.Relation
	refs map[string]plan.Relation
}

func copyRefs(m map[string]plan.Relation) map[string]plan.Relation {
	out := make(map[string]plan.Relation, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func (a *Analyzer) bound(x *boundRef) (logical.Plan, error) {
	saved := a.refs
	a.refs = x.refs
	defer func() { a.refs = saved }()
	return a.Resolve(x.rel)
}

var generators = map[string]struct {
	kind  logical.GeneratorKind
	outer bool
}{
	"explode": {logical.Explode, false}, "explode_outer": {logical.Explode, true},
	"posexplode": {logical.PosExplode, false}, "posexplode_outer": {logical.PosExplode, true},
	"inline": {logical.Inline, false}, "inline_outer": {logical.Inline, true},
	"json_tuple": {logical.Inline, false},
	"stack":      {logical.Inline, false},
}

// generatorCall reports whether e (possibly aliased) calls a generator.
func generatorCall(e plan.Expr) (*plan.UnresolvedFunction, []string, bool) {
	if es, ok := e.(*plan.ExprString); ok {
		e = es.Child
	}
	var names []string
	if al, ok := e.(*plan.Alias); ok {
		names = al.Names
		e = al.Child
	}
	f, ok := e.(*plan.UnresolvedFunction)
	if !ok {
		return nil, nil, false
	}
	if _, isGen := generators[strings.ToLower(f.Name)]; !isGen {
		return nil, nil, false
	}
	return f, names, true
}

// generate builds a Generate node over in for a generator call.
func (a *Analyzer) generate(in logical.Plan, f *plan.UnresolvedFunction, names []string, s *scope) (*logical.Generate, error) {
	g := generators[strings.ToLower(f.Name)]
	if strings.EqualFold(f.Name, "json_tuple") {
		return a.jsonTuple(in, f, names, s)
	}
	var arg logical.Expr
	var err error
	if strings.EqualFold(f.Name, "stack") {
		// stack(n, v...) is inline over an array of n structs.
		arg, err = a.stackArg(f, s)
	} else {
		if len(f.Args) != 1 {
			return nil, sparkerr.Newf("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "functionName", sparkerr.QuoteID(strings.ToLower(f.Name)), "expectedNum", "1", "actualNum", fmt.Sprint(len(f.Args)), "docroot", "https://spark.apache.org/docs/latest")
		}
		arg, err = a.expr(f.Args[0], s)
	}
	if err != nil {
		return nil, err
	}
	arg = stripAlias(arg)
	var out []logical.Attr
	add := func(name string, t types.DataType, nullable bool) {
		out = append(out, logical.Attr{ID: logical.NewID(), Name: name, Type: t, Nullable: nullable || g.outer})
	}
	if g.kind == logical.PosExplode {
		add("pos", types.Int, false)
	}
	switch t := arg.Type().(type) {
	case types.Array:
		if g.kind == logical.Inline {
			st, ok := t.Elem.(types.Struct)
			if !ok {
				return nil, sparkerr.Newf("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "sqlExpr", "\"inline("+arg.SQL()+")\"", "paramIndex", "first", "requiredType", "\"ARRAY<STRUCT>\"", "inputSql", "\""+arg.SQL()+"\"", "inputType", "\""+strings.ToUpper(arg.Type().SimpleString())+"\"")
			}
			for _, fl := range st.Fields {
				add(fl.Name, fl.Type, fl.Nullable)
			}
		} else {
			add("col", t.Elem, t.ContainsNull)
		}
	case types.Map:
		if g.kind == logical.Inline {
			return nil, sparkerr.Unsupported("inline over a map")
		}
		add("key", t.Key, false)
		add("value", t.Value, t.ValueContainsNull)
	default:
		return nil, sparkerr.Newf("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "sqlExpr", "\""+strings.ToLower(f.Name)+"("+arg.SQL()+")\"", "paramIndex", "first", "requiredType", "(\"ARRAY\" or \"MAP\")", "inputSql", "\""+arg.SQL()+"\"", "inputType", "\""+strings.ToUpper(arg.Type().SimpleString())+"\"")
	}
	if len(names) > 0 {
		if len(names) != len(out) {
			return nil, sparkerr.Newf("UDTF_ALIAS_NUMBER_MISMATCH", "aliasesSize", fmt.Sprint(len(names)), "aliasesNames", strings.Join(names, ", "))
		}
		for i := range out {
			out[i].Name = names[i]
		}
	}
	return &logical.Generate{Input: in, Kind: g.kind, Arg: arg, Outer: g.outer, Out: out}, nil
}

// tableFunction resolves a table-valued function in FROM.
func (a *Analyzer) tableFunction(x *plan.TableFunction) (logical.Plan, error) {
	name := strings.ToLower(x.Name[len(x.Name)-1])
	if name == "range" {
		var nums []int64
		for _, arg := range x.Args {
			e, err := a.expr(arg, &scope{})
			if err != nil {
				return nil, err
			}
			l, ok := e.(*logical.Lit)
			if !ok || !types.IsIntegral(l.T) {
				return nil, sparkerr.Newf("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "sqlExpr", "\"range\"", "paramIndex", ordinalWord(len(nums)+1), "requiredType", "\"BIGINT\"", "inputSql", "\""+e.SQL()+"\"", "inputType", "\""+strings.ToUpper(e.Type().SimpleString())+"\"")
			}
			nums = append(nums, litInt64(l.V))
		}
		r := &plan.Range{Step: 1}
		switch len(nums) {
		case 1:
			r.End = nums[0]
		case 2, 3, 4:
			r.Start, r.End = nums[0], nums[1]
			if len(nums) >= 3 {
				r.Step = nums[2]
			}
			if len(nums) == 4 {
				r.NumPartitions = int32(nums[3])
			}
		default:
			return nil, sparkerr.Newf("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "functionName", "`range`", "expectedNum", "[1, 2, 3, 4]", "actualNum", fmt.Sprint(len(nums)), "docroot", "https://spark.apache.org/docs/latest")
		}
		return a.Resolve(r)
	}
	if _, ok := generators[name]; ok {
		// The arguments may refer to the left side of a lateral join.
		g, err := a.generate(&logical.OneRow{}, &plan.UnresolvedFunction{Name: name, Args: x.Args}, nil, &scope{outer: a.outer})
		if err != nil {
			return nil, err
		}
		return &logical.Project{Input: g, Exprs: refsToNamed(attrRefs(g.Out))}, nil
	}
	if a.Session != nil && len(x.Name) == 1 {
		if f, ok := a.Session.UDTF(x.Name[0]); ok {
			call := *f
			call.Args = x.Args
			return a.pythonUDTF(&call)
		}
	}
	return nil, sparkerr.Newf("UNRESOLVABLE_TABLE_VALUED_FUNCTION", "name", sparkerr.QuoteID(x.Name...))
}

func (a *Analyzer) lateralView(x *plan.LateralView) (logical.Plan, error) {
	in, err := a.Resolve(x.Input)
	if err != nil {
		return nil, err
	}
	f, ok := x.Generator.(*plan.UnresolvedFunction)
	if !ok {
		return nil, sparkerr.Unsupported("LATERAL VIEW over a non-function")
	}
	name := strings.ToLower(f.Name)
	if x.Outer && !strings.HasSuffix(name, "_outer") {
		name += "_outer"
	}
	g, err := a.generate(in, &plan.UnresolvedFunction{Name: name, Args: f.Args}, x.Columns, a.scopeOf(in))
	if err != nil {
		return nil, err
	}
	if x.Table != "" {
		for i := range g.Out {
			g.Out[i].Qualifier = []string{x.Table}
		}
	}
	return g, nil
}

func (a *Analyzer) qualify(x *plan.Qualify) (logical.Plan, error) {
	in, err := a.Resolve(x.Input)
	if err != nil {
		return nil, err
	}
	cond, err := a.expr(x.Cond, a.scopeOf(in))
	if err != nil {
		return nil, err
	}
	if cond, err = a.requireBoolean(cond); err != nil {
		return nil, err
	}
	if !logical.HasWindow(cond) {
		return &logical.Filter{Input: in, Cond: cond}, nil
	}
	// Compute the window expressions as hidden columns, filter, hide them.
	var hidden []logical.Named
	cond = logical.Transform(cond, func(e logical.Expr) (logical.Expr, bool) {
		if w, ok := e.(*logical.Window); ok {
			n := logical.Named{Attr: logical.Attr{ID: logical.NewID(), Name: w.SQL(), Type: w.Type(), Nullable: w.Nullable()}, Expr: w}
			hidden = append(hidden, n)
			return &logical.ColRef{Attr: n.Attr}, true
		}
		return e, false
	})
	wide := &logical.Project{Input: in, Exprs: append(refsToNamed(attrRefs(in.Output())), hidden...)}
	return &logical.Project{Input: &logical.Filter{Input: wide, Cond: cond}, Exprs: refsToNamed(attrRefs(in.Output()))}, nil
}

// sessionTimestamp turns a zone-less TIMESTAMP literal into the instant it
// names in the session time zone.
func (a *Analyzer) sessionTimestamp(x *plan.SessionTimestamp) (logical.Expr, error) {
	zone := a.Session.Conf.TimeZone()
	loc, err := tz.Load(zone)
	if err != nil {
		return nil, sparkerr.Newf("INVALID_CONF_VALUE.TIME_ZONE", "confValue", "'"+zone+"'", "confName", "`spark.sql.session.timeZone`")
	}
	w := time.UnixMicro(x.WallMicros).UTC()
	inst := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), loc)
	text := "TIMESTAMP '" + w.Format("2006-01-02 15:04:05.999999") + "'"
	return &logical.Lit{T: types.Timestamp, V: plan.Timestamp(inst.UnixMicro()), Text: text}, nil
}

// aggExtend resolves e over an aggregate: names match the aggregate's
// output first, then its input; aggregate calls and input columns the
// output lacks become hidden output columns of the aggregate.
func (a *Analyzer) aggExtend(e plan.Expr, agg *logical.Aggregate) (logical.Expr, error) {
	out := agg.Output()
	// The aggregate's output (aliases) first; its input only as a fallback.
	s := &scope{attrs: out, plans: []logical.Plan{agg}, outer: &scope{attrs: agg.Input.Output(), plans: []logical.Plan{agg.Input}, outer: a.outer}}
	r, err := a.expr(e, s)
	if err != nil {
		return nil, err
	}
	inOut := map[int64]bool{}
	for _, at := range out {
		inOut[at.ID] = true
	}
	hide := func(x logical.Expr) logical.Expr {
		// Reuse an identical output column when there is one.
		for _, n := range agg.Aggs {
			if n.Expr.SQL() == x.SQL() && types.Equal(n.Attr.Type, x.Type()) {
				return &logical.ColRef{Attr: n.Attr}
			}
		}
		n := logical.Named{Attr: logical.Attr{ID: logical.NewID(), Name: x.SQL(), Type: x.Type(), Nullable: x.Nullable()}, Expr: x}
		agg.Aggs = append(agg.Aggs, n)
		return &logical.ColRef{Attr: n.Attr}
	}
	r = logical.Transform(r, func(x logical.Expr) (logical.Expr, bool) {
		switch c := x.(type) {
		case *logical.Call:
			if c.Kind == logical.Agg {
				return hide(c), true
			}
		case *logical.ColRef:
			if !inOut[c.Attr.ID] {
				return hide(c), true
			}
			return c, true
		case *logical.Window:
			return c, true
		}
		return x, false
	})
	if err := checkAggregation(agg.Groups, agg.Aggs); err != nil {
		return nil, err
	}
	return r, nil
}

// sqlAggregate resolves a SELECT with GROUP BY / HAVING / aggregates: the
// output is the select list; GROUP BY may use ordinals and select aliases.
func (a *Analyzer) sqlAggregate(x *plan.Aggregate, in logical.Plan) (logical.Plan, error) {
	s := a.scopeOf(in)
	var aggs []logical.Named
	for _, e := range x.Aggs {
		ns, err := a.named(e, s)
		if err != nil {
			return nil, err
		}
		aggs = append(aggs, ns...)
	}
	aggs = uniqueIDs(aggs)
	groupExpr := func(g plan.Expr) (logical.Expr, error) {
		if l, ok := g.(*plan.Literal); ok && l.Type != nil && types.IsIntegral(l.Type) {
			n := int(litInt64(l.Value))
			if n < 1 || n > len(aggs) {
				return nil, sparkerr.Newf("GROUP_BY_POS_OUT_OF_RANGE", "index", fmt.Sprint(n), "size", fmt.Sprint(len(aggs)))
			}
			if containsAgg(aggs[n-1].Expr) {
				return nil, sparkerr.Newf("GROUP_BY_POS_AGGREGATE", "index", fmt.Sprint(n), "aggExpr", aggs[n-1].Expr.SQL())
			}
			return aggs[n-1].Expr, nil
		}
		r, err := a.expr(g, s)
		if err != nil {
			// GROUP BY a select-list alias.
			if ua, ok := g.(*plan.UnresolvedAttribute); ok && len(ua.Parts) == 1 {
				for _, n := range aggs {
					if a.nameEq(n.Attr.Name, ua.Parts[0]) && !containsAgg(n.Expr) {
						return n.Expr, nil
					}
				}
			}
			return nil, err
		}
		return stripAlias(r), nil
	}
	// GROUP BY ALL groups by every select item without an aggregate.
	if len(x.Grouping) == 1 {
		if ua, ok := x.Grouping[0].(*plan.UnresolvedAttribute); ok && len(ua.Parts) == 1 && strings.EqualFold(ua.Parts[0], "ALL") {
			if _, err := a.expr(ua, s); err != nil {
				x = &plan.Aggregate{Input: x.Input, Type: x.Type, Aggs: x.Aggs, Having: x.Having}
				for i, n := range aggs {
					if !containsAgg(n.Expr) {
						x.Grouping = append(x.Grouping, &plan.Literal{Type: types.Int, Value: int32(i + 1)})
					}
				}
			}
		}
	}
	var groups []logical.Expr
	index := func(e logical.Expr) int {
		for i, g := range groups {
			if g.SQL() == e.SQL() && types.Equal(g.Type(), e.Type()) {
				return i
			}
		}
		groups = append(groups, e)
		return len(groups) - 1
	}
	for _, g := range x.Grouping {
		e, err := groupExpr(g)
		if err != nil {
			return nil, err
		}
		index(e)
	}
	if err := checkGroupable(groups); err != nil {
		return nil, err
	}
	agg := &logical.Aggregate{Input: in}
	if len(x.GroupingSets) > 0 {
		for _, set := range x.GroupingSets {
			var idx []int
			for _, g := range set {
				e, err := groupExpr(g)
				if err != nil {
					return nil, err
				}
				idx = append(idx, index(e))
			}
			agg.GroupingSets = append(agg.GroupingSets, idx)
		}
	} else if x.Type == plan.Rollup || x.Type == plan.Cube {
		n := len(groups)
		if x.Type == plan.Rollup {
			for i := n; i >= 0; i-- {
				agg.GroupingSets = append(agg.GroupingSets, seq(i))
			}
		} else {
			for mask := (1 << n) - 1; mask >= 0; mask-- {
				var set []int
				for i := 0; i < n; i++ {
					if mask&(1<<(n-1-i)) != 0 {
						set = append(set, i)
					}
				}
				agg.GroupingSets = append(agg.GroupingSets, set)
			}
		}
	}
	in, groups, aggs, err := a.sessionWindow(in, groups, aggs)
	if err != nil {
		return nil, err
	}
	if in, groups, aggs, err = a.slidingWindow(in, groups, aggs); err != nil {
		return nil, err
	}
	agg.Groups = groups
	if agg.Input, err = a.timeWindowFilter(in, groups); err != nil {
		return nil, err
	}
	if len(agg.GroupingSets) > 0 {
		for i := range aggs {
			if !containsAgg(aggs[i].Expr) {
				aggs[i].Attr.Nullable = true
			}
		}
	}
	if err := checkAggregation(groups, aggs); err != nil {
		return nil, err
	}
	fillGroupingID(agg.Groups, aggs)
	agg.Aggs = aggs
	visible := agg.Output()
	if x.Having == nil {
		return agg, nil
	}
	cond, err := a.aggExtend(x.Having, agg)
	if err != nil {
		return nil, err
	}
	if cond, err = a.requireBoolean(cond); err != nil {
		return nil, err
	}
	return &logical.Project{Input: &logical.Filter{Input: agg, Cond: cond}, Exprs: refsToNamed(attrRefs(visible))}, nil
}

// sortOverAggregate resolves ORDER BY keys over an aggregate (possibly
// under a HAVING filter), adding hidden aggregate columns as needed.
func (a *Analyzer) sortOverAggregate(x *plan.Sort, in logical.Plan) (logical.Plan, bool, error) {
	var agg *logical.Aggregate
	var below logical.Plan = in
	visible := in.Output()
	switch p := in.(type) {
	case *logical.Aggregate:
		agg = p
	case *logical.Project:
		if f, ok := p.Input.(*logical.Filter); ok {
			if ag, ok := f.Input.(*logical.Aggregate); ok {
				agg, below = ag, f
			}
		}
	}
	if agg == nil {
		return nil, false, nil
	}
	keys := make([]logical.SortKey, 0, len(x.Order))
	for _, o := range x.Order {
		if k, ok, err := a.ordinalKey(o, visible); ok || err != nil {
			if err != nil {
				return nil, true, err
			}
			keys = append(keys, k)
			continue
		}
		e, err := a.aggExtend(o.Child, agg)
		if err != nil {
			return nil, true, err
		}
		k := logical.SortKey{Expr: e, Desc: o.Desc, NullsFirst: !o.Desc}
		if o.NullsSet {
			k.NullsFirst = o.NullsFirst
		}
		keys = append(keys, k)
	}
	if len(agg.Output()) == len(visible) {
		return &logical.Sort{Input: in, Keys: keys}, true, nil
	}
	if f, ok := below.(*logical.Filter); ok {
		below = &logical.Filter{Input: agg, Cond: f.Cond}
	}
	return &logical.Project{Input: &logical.Sort{Input: below, Keys: keys}, Exprs: refsToNamed(attrRefs(visible))}, true, nil
}

// ordinalKey turns ORDER BY <integer literal> into a column position.
func (a *Analyzer) ordinalKey(o *plan.SortOrder, out []logical.Attr) (logical.SortKey, bool, error) {
	l, ok := o.Child.(*plan.Literal)
	if !ok || l.Type == nil || !types.IsIntegral(l.Type) {
		return logical.SortKey{}, false, nil
	}
	n := int(litInt64(l.Value))
	if n < 1 || n > len(out) {
		return logical.SortKey{}, true, sparkerr.Newf("ORDER_BY_POS_OUT_OF_RANGE", "index", fmt.Sprint(n), "size", fmt.Sprint(len(out)))
	}
	k := logical.SortKey{Expr: &logical.ColRef{Attr: out[n-1]}, Desc: o.Desc, NullsFirst: !o.Desc}
	if o.NullsSet {
		k.NullsFirst = o.NullsFirst
	}
	return k, true, nil
}

// nullTreatment applies IGNORE NULLS to functions that take it as an argument.
func (a *Analyzer) nullTreatment(x *plan.NullTreatment, s *scope) (logical.Expr, error) {
	f, ok := x.Func.(*plan.UnresolvedFunction)
	if !ok {
		return nil, sparkerr.Unsupported("IGNORE/RESPECT NULLS here")
	}
	switch strings.ToLower(f.Name) {
	case "first", "last", "first_value", "last_value", "any_value":
		args := append(append([]plan.Expr{}, f.Args[:1]...), &plan.Literal{Type: types.Boolean, Value: x.IgnoreNulls})
		return a.function(&plan.UnresolvedFunction{Name: f.Name, Args: args}, s)
	case "lag", "lead":
		if x.IgnoreNulls && len(f.Args) >= 1 && len(f.Args) <= 3 {
			args := append([]plan.Expr{}, f.Args...)
			if len(args) < 2 {
				args = append(args, &plan.Literal{Type: types.Int, Value: int32(1)})
			}
			if len(args) < 3 {
				args = append(args, &plan.Literal{Type: types.Null, Value: nil})
			}
			args = append(args, &plan.Literal{Type: types.Boolean, Value: true})
			a.ignoreNullsClause = true
			return a.function(&plan.UnresolvedFunction{Name: f.Name, Args: args}, s)
		}
	case "nth_value":
		if len(f.Args) == 2 {
			args := append(append([]plan.Expr{}, f.Args...), &plan.Literal{Type: types.Boolean, Value: x.IgnoreNulls})
			return a.function(&plan.UnresolvedFunction{Name: f.Name, Args: args}, s)
		}
	}
	if !x.IgnoreNulls {
		return a.expr(f, s)
	}
	return nil, sparkerr.Unsupported("IGNORE NULLS for " + f.Name)
}

// starExcept expands "* EXCEPT (cols)".
func (a *Analyzer) starExcept(x *plan.UnresolvedStarExcept, s *scope) ([]logical.Expr, error) {
	all, err := a.expandStar(x.Star, s)
	if err != nil {
		return nil, err
	}
	drop := map[int64]bool{}
	for _, parts := range x.Except {
		e, err := a.byName(parts, s)
		if err != nil {
			return nil, err
		}
		if e == nil {
			return nil, a.unresolved(parts, s)
		}
		if r, ok := e.(*logical.ColRef); ok {
			drop[r.Attr.ID] = true
		} else {
			return nil, sparkerr.Unsupported("EXCEPT of a nested field")
		}
	}
	var out []logical.Expr
	for _, e := range all {
		if r, ok := e.(*logical.ColRef); ok && drop[r.Attr.ID] {
			continue
		}
		out = append(out, e)
	}
	return out, nil
}

var _ = functions.ImplicitCast

// jsonTuple rewrites json_tuple(json, f1, f2, ...) to an inline over a
// one-element array of struct(c0 := get_json_object(json, '$['f1']'), ...):
// one output row per input row, string columns c0, c1, ...
func (a *Analyzer) jsonTuple(in logical.Plan, f *plan.UnresolvedFunction, names []string, s *scope) (*logical.Generate, error) {
	if len(f.Args) < 2 {
		return nil, sparkerr.Newf("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "functionName", "`json_tuple`", "expectedNum", "> 1", "actualNum", fmt.Sprint(len(f.Args)), "docroot", "https://spark.apache.org/docs/latest")
	}
	j, err := a.expr(f.Args[0], s)
	if err != nil {
		return nil, err
	}
	j = stripAlias(j)
	var fields []logical.Expr
	for i, fa := range f.Args[1:] {
		e, err := a.expr(fa, s)
		if err != nil {
			return nil, err
		}
		l, ok := stripAlias(e).(*logical.Lit)
		key, isStr := "", false
		if ok {
			key, isStr = l.V.(string)
		}
		if !isStr || strings.Contains(key, "']") {
			return nil, sparkerr.Unsupported("json_tuple with a non-literal field name")
		}
		path := "$['" + key + "']"
		get, err := functions.Call(a.fctx, "get_json_object", []logical.Expr{j, &logical.Lit{T: types.String, V: path, Text: path}}, false)
		if err != nil {
			return nil, err
		}
		name := "c" + fmt.Sprint(i)
		fields = append(fields, &logical.Lit{T: types.String, V: name, Text: name}, get)
	}
	st, err := functions.Call(a.fctx, "named_struct", fields, false)
	if err != nil {
		return nil, err
	}
	arr, err := functions.Call(a.fctx, "array", []logical.Expr{st}, false)
	if err != nil {
		return nil, err
	}
	var out []logical.Attr
	for i, fl := range st.Type().(types.Struct).Fields {
		n := fl.Name
		if len(names) > 0 {
			if len(names) != len(f.Args)-1 {
				return nil, sparkerr.Newf("UDTF_ALIAS_NUMBER_MISMATCH", "aliasesSize", fmt.Sprint(len(names)), "aliasesNames", strings.Join(names, ", "))
			}
			n = names[i]
		}
		out = append(out, logical.Attr{ID: logical.NewID(), Name: n, Type: types.String, Nullable: true})
	}
	return &logical.Generate{Input: in, Kind: logical.Inline, Arg: arr, Out: out}, nil
}
