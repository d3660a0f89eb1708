package analyzer

import (
	"strconv"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// distributedSequenceID names Spark's internal function behind
// DataFrame.zipWithIndex and pandas-on-Spark's default index. Clients
// reach it through Connect only; SQL text does not know it.
const distributedSequenceID = "distributed_sequence_id"

// distributedSequenceID resolves distributed_sequence_id([bool]): a
// non-null bigint numbering the input's rows 0, 1, 2, ... in their order.
// It is a row number over the whole input without any ordering, so the
// rows keep the order the input produces them in. Spark names the column
// after the (optional, default false) boolean argument.
//
//	distributed_sequence_id()   (row_number() OVER () - 1)
func (a *Analyzer) distributedSequenceID(x *plan.UnresolvedFunction, s *scope) (logical.Expr, error) {
	flag := "false"
	switch len(x.Args) {
	case 0:
	case 1:
		e, err := a.expr(x.Args[0], s)
		if err != nil {
			return nil, err
		}
		var b, isBool bool
		if l, ok := e.(*logical.Lit); ok {
			b, isBool = l.V.(bool)
		}
		if !isBool {
			return nil, sparkerr.Newf("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "sqlExpr", "\""+distributedSequenceID+"("+e.SQL()+")\"",
				"paramIndex", "first", "requiredType", "\"BOOLEAN\"", "inputSql", "\""+e.SQL()+"\"", "inputType", "\""+e.Type().SimpleString()+"\"")
		}
		if b {
			flag = "true"
		}
	default:
		return nil, sparkerr.Newf("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "functionName", "`"+distributedSequenceID+"`",
			"expectedNum", "[0, 1]", "actualNum", strconv.Itoa(len(x.Args)), "docroot", "https://spark.apache.org/docs/latest")
	}
	rn := rawCall("row_number", types.Long, false, logical.WindowOnly, func([]string) string { return "row_number()" })
	win := &logical.Window{Fn: rn, Pretty: "row_number() OVER ()"}
	out := rawCall(distributedSequenceID, types.Long, false, logical.Scalar, func(as []string) string {
		return "(" + as[0] + " - 1)"
	}, win)
	out.Pretty = distributedSequenceID + "(" + flag + ")"
	return out, nil
}

// isSequenceID reports a resolved distributed_sequence_id call.
func isSequenceID(e logical.Expr) bool {
	c, ok := e.(*logical.Call)
	return ok && c.Fn == distributedSequenceID
}

// hasSequenceID reports whether e computes distributed_sequence_id.
func hasSequenceID(e logical.Expr) bool {
	return logical.Any(e, isSequenceID)
}

// filterWithSequenceID filters on a condition that numbers the rows: as
// Spark attaches the sequence to the input first, the numbers are computed
// below the filter and the condition reads them as a column.
//
//	Filter [distributed_sequence_id() > 0]    Project [v]
//	                                   ──►    └─ Filter [seq > 0]
//	                                             └─ Project [v, (row_number() OVER () - 1) AS seq]
func filterWithSequenceID(in logical.Plan, cond logical.Expr) logical.Plan {
	out := in.Output()
	ns := refsToNamed(attrRefs(out))
	cond = logical.Transform(cond, func(x logical.Expr) (logical.Expr, bool) {
		if !isSequenceID(x) {
			return x, false
		}
		seq := logical.Attr{ID: logical.NewID(), Name: distributedSequenceID, Type: types.Long}
		ns = append(ns, logical.Named{Attr: seq, Expr: x})
		return &logical.ColRef{Attr: seq}, true
	})
	filtered := &logical.Filter{Input: &logical.Project{Input: in, Exprs: ns}, Cond: cond}
	return &logical.Project{Input: filtered, Exprs: refsToNamed(attrRefs(out))}
}
