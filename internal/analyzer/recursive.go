package analyzer

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// Recursive CTEs (WITH RECURSIVE, Spark 4.x). A CTE of a WITH RECURSIVE
// clause that names itself in its body must be "anchor UNION ALL
// recursive term", where the anchor (itself possibly several UNION ALL
// branches) does not name the CTE. Each reference to the CTE resolves the
// body afresh into a logical.RecursiveCTE:
//
//	RecursiveCTE r(n)          anchor rows are step 0; the term runs on
//	├─ anchor                  the rows of step k to give step k+1, until
//	└─ recursive term          a step is empty
//	     └─ … RecursiveRef r   (the rows of the previous step)
//
// The column names and types are the anchor's; the recursive term must
// produce exactly those types. The step number is threaded through the
// recursive term as an extra column so that the lowering can stop at
// spark.sql.cteRecursionLevelLimit and report Spark's errors.

// recursiveDef is a CTE of a WITH RECURSIVE clause, bound with the names
// visible where it was defined.
type recursiveDef struct {
	plan.RelBase
	cte  *plan.CTE
	refs map[string]plan.Relation
}

// errSelfRef marks a reference to the CTE being defined where none is
// allowed (the anchor, or while finding out whether the CTE is recursive).
var errSelfRef = errors.New("recursive CTE reference")

// selfRef is the CTE's name inside its own body.
type selfRef struct {
	plan.RelBase
	// ref, when set, builds the reference of the recursive term;
	// otherwise a reference is errSelfRef.
	ref func() (logical.Plan, error)
}

func (s *selfRef) resolve() (logical.Plan, error) {
	if s.ref == nil {
		return nil, errSelfRef
	}
	return s.ref()
}

func invalidRecursiveCTE() error { return sparkerr.Newf("INVALID_RECURSIVE_CTE") }

func invalidRecursivePlace() error {
	return sparkerr.Newf("INVALID_RECURSIVE_REFERENCE.PLACE").WithContext(";")
}

func (a *Analyzer) recursive(x *recursiveDef) (logical.Plan, error) {
	saved := a.refs
	defer func() { a.refs = saved }()
	c := x.cte
	name := strings.ToLower(c.Name)
	self := &selfRef{}
	a.refs = copyRefs(x.refs)
	a.refs[name] = self
	withColumns := func(r plan.Relation) plan.Relation {
		if len(c.Columns) == 0 {
			return r
		}
		return &plan.SubqueryAlias{Input: r, Alias: c.Name, ColumnAliases: c.Columns}
	}
	// A CTE that does not name itself is an ordinary one.
	p, err := a.Resolve(withColumns(c.Query))
	if err == nil || !errors.Is(err, errSelfRef) {
		return p, err
	}
	u, ok := c.Query.(*plan.SetOp)
	if !ok || u.Kind != plan.Union || u.ByName {
		return nil, invalidRecursiveCTE()
	}
	for s := u; ; {
		if !s.All {
			return nil, sparkerr.Newf("UNION_NOT_SUPPORTED_IN_RECURSIVE_CTE").WithContext("; line 1 pos 0")
		}
		l, ok := s.Left.(*plan.SetOp)
		if !ok || l.Kind != plan.Union || l.ByName {
			break
		}
		s = l
	}
	anchor, err := a.Resolve(withColumns(u.Left))
	if err != nil {
		if errors.Is(err, errSelfRef) {
			return nil, invalidRecursiveCTE()
		}
		return nil, err
	}
	anchorOut := anchor.Output()
	id := logical.NewID()
	self.ref = func() (logical.Plan, error) {
		ref := &logical.RecursiveRef{ID: id, Level: logical.Attr{ID: logical.NewID(), Name: "__level", Type: types.Int}}
		for _, at := range anchorOut {
			ref.Out = append(ref.Out, logical.Attr{ID: logical.NewID(), Name: at.Name, Type: at.Type, Nullable: at.Nullable, Qualifier: []string{c.Name}, Metadata: at.Metadata})
		}
		return ref, nil
	}
	rec, err := a.Resolve(u.Right)
	if err != nil {
		return nil, err
	}
	recOut := rec.Output()
	if len(recOut) != len(anchorOut) {
		return nil, sparkerr.Newf("NUM_COLUMNS_MISMATCH", "operator", "UNION", "firstNumColumns", fmt.Sprint(len(anchorOut)), "invalidOrdinalNum", "second", "invalidNumColumns", fmt.Sprint(len(recOut)))
	}
	for i := range anchorOut {
		if !types.EqualIgnoreNullability(anchorOut[i].Type, recOut[i].Type) {
			return nil, sparkerr.Newf("CANNOT_MERGE_INCOMPATIBLE_DATA_TYPE",
				"left", "\""+strings.ToUpper(anchorOut[i].Type.SimpleString())+"\"",
				"right", "\""+strings.ToUpper(recOut[i].Type.SimpleString())+"\"")
		}
	}
	if _, err := checkRecursivePlace(rec, id); err != nil {
		return nil, err
	}
	threaded, lvl, err := threadLevel(rec, id)
	if err != nil {
		return nil, err
	}
	if lvl == nil {
		// The term names the CTE only where the reference vanished
		// (cannot happen with a resolved reference); treat as invalid.
		return nil, invalidRecursiveCTE()
	}
	out := make([]logical.Attr, len(anchorOut))
	for i, at := range anchorOut {
		out[i] = logical.Attr{ID: logical.NewID(), Name: at.Name, Type: at.Type, Nullable: at.Nullable || recOut[i].Nullable, Qualifier: []string{c.Name}, Metadata: at.Metadata}
	}
	levels := c.MaxRecursionLevel
	if levels == 0 {
		levels, err = a.confInt("spark.sql.cteRecursionLevelLimit", 100)
		if err != nil {
			return nil, err
		}
	}
	rows, err := a.confInt("spark.sql.cteRecursionRowLimit", 1000000)
	if err != nil {
		return nil, err
	}
	return &logical.RecursiveCTE{ID: id, Anchor: anchor, Recursive: threaded, RecOut: recOut, RecLevel: *lvl, Out: out, LevelLimit: levels, RowLimit: int64(rows)}, nil
}

func (a *Analyzer) confInt(key string, def int) (int, error) {
	v, ok := a.Session.Conf.Get(key)
	if !ok {
		return def, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return 0, fmt.Errorf("conf %s: %w", key, err)
	}
	return n, nil
}

// refersTo reports whether p reads the recursive reference id.
func refersTo(p logical.Plan, id int64) bool {
	if r, ok := p.(*logical.RecursiveRef); ok && r.ID == id {
		return true
	}
	for _, c := range p.Children() {
		if refersTo(c, id) {
			return true
		}
	}
	return false
}

// checkRecursivePlace applies Spark's rules on where the recursive term
// may read the previous step: not below an aggregate, a sort or window
// functions, not on the null-supplying side of an outer join, nor below
// a semi or anti join's right side. It reports whether p reads it.
func checkRecursivePlace(p logical.Plan, id int64) (bool, error) {
	if r, ok := p.(*logical.RecursiveRef); ok {
		return r.ID == id, nil
	}
	var in []bool
	for _, c := range p.Children() {
		has, err := checkRecursivePlace(c, id)
		if err != nil {
			return false, err
		}
		in = append(in, has)
	}
	any := false
	for _, h := range in {
		any = any || h
	}
	if err := checkRecursiveSubqueries(p, id); err != nil {
		return false, err
	}
	if !any {
		return false, nil
	}
	switch x := p.(type) {
	case *logical.Aggregate, *logical.Sort:
		return true, invalidRecursivePlace()
	case *logical.Project:
		if len(logical.Windows(x.Exprs)) > 0 {
			return true, invalidRecursivePlace()
		}
	case *logical.Join:
		switch x.Type {
		case logical.FullOuter:
			return true, invalidRecursivePlace()
		case logical.LeftOuter, logical.LeftSemi, logical.LeftAnti:
			if in[1] {
				return true, invalidRecursivePlace()
			}
		case logical.RightOuter:
			if in[0] {
				return true, invalidRecursivePlace()
			}
		}
	}
	return true, nil
}

// checkRecursiveSubqueries refuses a subquery expression that reads the
// previous step (Spark allows it; the lowering cannot express it).
func checkRecursiveSubqueries(p logical.Plan, id int64) error {
	var exprs []logical.Expr
	switch x := p.(type) {
	case *logical.Filter:
		exprs = append(exprs, x.Cond)
	case *logical.Project:
		for _, n := range x.Exprs {
			exprs = append(exprs, n.Expr)
		}
	case *logical.Join:
		if x.Cond != nil {
			exprs = append(exprs, x.Cond)
		}
	}
	var bad bool
	for _, e := range exprs {
		logical.Walk(e, func(e logical.Expr) bool {
			if s, ok := e.(*logical.Subquery); ok && refersTo(s.Plan, id) {
				bad = true
			}
			return !bad
		})
	}
	if bad {
		return sparkerr.Unsupported("a recursive CTE reference inside a subquery expression")
	}
	return nil
}

// threadLevel makes the step number of the recursive reference id an
// output column of every node between it and p, and returns that column
// (nil when p does not read the reference).
func threadLevel(p logical.Plan, id int64) (logical.Plan, *logical.Attr, error) {
	if !refersTo(p, id) {
		return p, nil, nil
	}
	pass := func(in logical.Plan) (logical.Plan, *logical.Attr, error) { return threadLevel(in, id) }
	keep := func(at *logical.Attr) logical.Named {
		return logical.Named{Attr: *at, Expr: &logical.ColRef{Attr: *at}}
	}
	switch x := p.(type) {
	case *logical.RecursiveRef:
		x.WithLevel = true
		return x, &x.Level, nil
	case *logical.Project:
		in, lvl, err := pass(x.Input)
		if err != nil {
			return nil, nil, err
		}
		x.Input = in
		x.Exprs = append(x.Exprs, keep(lvl))
		return x, lvl, nil
	case *logical.Alias:
		in, lvl, err := pass(x.Input)
		if err != nil {
			return nil, nil, err
		}
		x.Input = in
		x.Out = append(x.Out, *lvl)
		return x, lvl, nil
	case *logical.Filter:
		in, lvl, err := pass(x.Input)
		x.Input = in
		return x, lvl, err
	case *logical.Limit:
		in, lvl, err := pass(x.Input)
		x.Input = in
		return x, lvl, err
	case *logical.Distinct:
		in, lvl, err := pass(x.Input)
		x.Input = in
		return x, lvl, err
	case *logical.Generate:
		in, lvl, err := pass(x.Input)
		x.Input = in
		return x, lvl, err
	case *logical.Join:
		l, ll, err := pass(x.Left)
		if err != nil {
			return nil, nil, err
		}
		r, rl, err := pass(x.Right)
		if err != nil {
			return nil, nil, err
		}
		x.Left, x.Right = l, r
		lvl := ll
		if lvl == nil {
			lvl = rl
		}
		x.Out = append(x.Out, keep(lvl))
		return x, lvl, nil
	}
	return nil, nil, sparkerr.Unsupported(fmt.Sprintf("a recursive CTE reference below %s", strings.TrimPrefix(fmt.Sprintf("%T", p), "*logical.")))
}

// pushRecursiveLimit gives a LIMIT over a recursive CTE (through
// projections) to the loop, which then stops once it has that many rows.
func pushRecursiveLimit(p logical.Plan, n int64) {
	for {
		switch x := p.(type) {
		case *logical.RecursiveCTE:
			if x.Limit == 0 || n < x.Limit {
				x.Limit = n
			}
			return
		case *logical.Project:
			if len(logical.Windows(x.Exprs)) > 0 {
				return
			}
			p = x.Input
		case *logical.Alias:
			p = x.Input
		default:
			return
		}
	}
}
