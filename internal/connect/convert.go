package connect

import (
	"fmt"

	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sparkpb"
	"github.com/emberdb/ember/internal/sql"
	"github.com/emberdb/ember/internal/types"
)

// MaxDepth bounds how deeply relations, and separately expressions, may
// nest in one plan. Deeper plans are rejected with CONNECT.INVALID_PLAN
// rather than risking runaway recursion here or in later phases.
const MaxDepth = 2000

// Relation converts a Connect relation tree into an unresolved plan.
func Relation(r *sparkpb.Relation, opts ...sql.Option) (plan.Relation, error) {
	c := &converter{sqlOpts: opts}
	return c.relation(r)
}

// Expression converts a Connect expression tree into an unresolved
// expression.
func Expression(e *sparkpb.Expression, opts ...sql.Option) (plan.Expr, error) {
	c := &converter{sqlOpts: opts}
	return c.expression(e)
}

// converter holds the state of one conversion: the current nesting depths
// and the scopes of WithRelations references visible to subquery
// expressions.
type converter struct {
	relDepth  int
	exprDepth int
	// scopes holds, innermost last, the references of the WithRelations
	// nodes being converted, by plan id.
	scopes []map[int64]plan.Relation
	// sqlOpts parse SQL expression strings for the client's version.
	sqlOpts []sql.Option
}

// invalidPlan builds the error for a malformed Connect message.
func invalidPlan(format string, args ...any) *sparkerr.Error {
	return sparkerr.Newf("CONNECT.INVALID_PLAN", "msg", fmt.Sprintf(format, args...))
}

// tooDeep is the error for plans nested beyond MaxDepth.
func tooDeep(what string) *sparkerr.Error {
	return invalidPlan("The %s is nested too deeply (more than %d levels).", what, MaxDepth)
}

// wrap adds context to an error from a nested conversion. Spark errors keep
// their class and message (the user sees exactly what Spark would print);
// other errors become CONNECT.INVALID_PLAN with the context prepended.
func wrap(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	if _, ok := sparkerr.As(err); ok {
		return err
	}
	return invalidPlan("%s: %v", fmt.Sprintf(format, args...), err)
}

// lookupRef finds the relation a subquery expression refers to by plan id.
func (c *converter) lookupRef(id int64) (plan.Relation, bool) {
	for i := len(c.scopes) - 1; i >= 0; i-- {
		if r, ok := c.scopes[i][id]; ok {
			return r, true
		}
	}
	return nil, false
}

// intLit is an integer literal, as Spark builds for LIMIT and OFFSET.
func intLit(n int32) *plan.Literal {
	return &plan.Literal{Type: types.Int, Value: n}
}
