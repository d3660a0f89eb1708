package analyzer

import (
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
)

// asOfJoin resolves DataFrame._joinAsOf: a join (inner or left, on
// using columns or a condition) whose rows pair each left row with the
// right row nearest to it by the as-of values — the latest one at or
// before it (backward) or the earliest at or after it (forward), within
// the tolerance, exact matches allowed unless allowExactMatches is false.
func (a *Analyzer) asOfJoin(x *plan.AsOfJoin) (logical.Plan, error) {
	forward, nearest := false, false
	switch x.Direction {
	case "", "backward":
	case "forward":
		forward = true
	case "nearest":
		nearest = true
	default:
		return nil, sparkerr.Unsupported("as-of joins with direction " + x.Direction)
	}
	l, err := a.Resolve(x.Left)
	if err != nil {
		return nil, err
	}
	r, err := a.Resolve(x.Right)
	if err != nil {
		return nil, err
	}
	la, err := a.expr(x.LeftAsOf, a.scopeOf(l))
	if err != nil {
		return nil, err
	}
	ra, err := a.expr(x.RightAsOf, a.scopeOf(r))
	if err != nil {
		return nil, err
	}
	var tol logical.Expr
	if x.Tolerance != nil {
		if tol, err = a.expr(x.Tolerance, &scope{}); err != nil {
			return nil, err
		}
	}
	// Using columns are equalities here: both sides keep their columns.
	var using logical.Expr
	for _, name := range x.Using {
		lc, err := a.expr(&plan.UnresolvedAttribute{Parts: []string{name}}, a.scopeOf(l))
		if err != nil {
			return nil, err
		}
		rc, err := a.expr(&plan.UnresolvedAttribute{Parts: []string{name}}, a.scopeOf(r))
		if err != nil {
			return nil, err
		}
		eq, err := functions.Call(a.fctx, "==", []logical.Expr{lc, rc}, false)
		if err != nil {
			return nil, err
		}
		if using == nil {
			using = eq
		} else if using, err = functions.Call(a.fctx, "and", []logical.Expr{using, eq}, false); err != nil {
			return nil, err
		}
	}
	jx := x.Join
	jx.Using = nil
	p, err := a.finishJoin(&jx, &logical.Join{Left: l, Right: r, Type: joinTypes[x.Type]})
	if err != nil {
		return nil, err
	}
	j, ok := p.(*logical.Join)
	if !ok {
		return nil, sparkerr.Unsupported("this form of as-of join")
	}
	if using != nil {
		j.Cond = using
	}
	j.AsOf = &logical.AsOf{Left: la, Right: ra, Tolerance: tol, AllowExact: x.AllowExactMatches, Forward: forward, Nearest: nearest}
	return j, nil
}

// nearestByJoin resolves DataFrame.nearestByJoin: every left row with up
// to NumResults right rows, best ranking value first (smallest for
// distance, largest for similarity); rows whose ranking is NULL are never
// candidates. Both modes are evaluated exactly.
func (a *Analyzer) nearestByJoin(x *plan.NearestByJoin) (logical.Plan, error) {
	if x.NumResults < 1 || x.NumResults > 100000 {
		return nil, sparkerr.Newf("NEAREST_BY_JOIN.NUM_RESULTS_OUT_OF_RANGE", "numResults", strconv.Itoa(int(x.NumResults)), "min", "1", "max", "100000")
	}
	switch strings.ToLower(x.Mode) {
	case "approx", "exact":
	default:
		return nil, sparkerr.Newf("NEAREST_BY_JOIN.UNSUPPORTED_MODE", "mode", "'"+x.Mode+"'", "supported", "'approx', 'exact'")
	}
	var similarity bool
	switch strings.ToLower(x.Direction) {
	case "distance":
	case "similarity":
		similarity = true
	default:
		return nil, sparkerr.Newf("NEAREST_BY_JOIN.UNSUPPORTED_DIRECTION", "direction", "'"+x.Direction+"'", "supported", "'distance', 'similarity'")
	}
	jt := plan.InnerJoin
	switch strings.ToLower(strings.ReplaceAll(x.JoinType, "_", "")) {
	case "", "inner":
	case "leftouter", "left":
		jt = plan.LeftOuterJoin
	default:
		return nil, sparkerr.Newf("NEAREST_BY_JOIN.UNSUPPORTED_JOIN_TYPE", "joinType", x.JoinType, "supported", "'INNER', 'LEFT OUTER'")
	}
	l, err := a.Resolve(x.Left)
	if err != nil {
		return nil, err
	}
	r, err := a.Resolve(x.Right)
	if err != nil {
		return nil, err
	}
	p, err := a.finishJoin(&plan.Join{Type: jt}, &logical.Join{Left: l, Right: r, Type: joinTypes[jt]})
	if err != nil {
		return nil, err
	}
	j, ok := p.(*logical.Join)
	if !ok {
		return nil, sparkerr.Unsupported("this form of nearest-by join")
	}
	rank, err := a.expr(x.Ranking, a.scopeOf(j))
	if err != nil {
		return nil, err
	}
	j.Nearest = &logical.NearestBy{Rank: rank, K: int(x.NumResults), Similarity: similarity}
	return j, nil
}
