package executor

import (
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
)

// runtimeClasses are the exception classes of errors an expression raises
// while rows are evaluated (as opposed to analysis or I/O errors).
var runtimeClasses = map[string]bool{
	sparkerr.ArithmeticException:    true,
	sparkerr.NumberFormatException:  true,
	sparkerr.DateTimeException:      true,
	sparkerr.ArrayIndexOutOfBounds:  true,
	sparkerr.RuntimeException:       true,
	sparkerr.SparkIllegalArgument:   true,
	sparkerr.NoSuchElementException: true,
	sparkerr.UpgradeException:       true,
}

// taskFailure35 gives a Spark 3.5 client the error its server reports when
// an expression fails inside an executor task: 3.5 does not rethrow the
// task's error but a classless SparkException ("Job aborted due to stage
// failure ...") quoting it, which PySpark 3.5 surfaces as a
// SparkConnectGrpcException. Spark 4 rethrows the task's error: 4.x
// clients always get it unchanged.
//
// Expressions Spark evaluates on the driver fail with the error itself:
// constant expressions (folded by the optimizer) and projections, filters
// and limits over local data (turned into local data by the optimizer).
// Which expression failed is not known here, so the plan decides: the
// error is wrapped when the plan has an expression Spark would evaluate in
// a task that might raise (see executorEvaluates). The stage and task
// numbers Spark prints are not tracked; the first task of stage 0 is named.
func taskFailure35(s *session.Session, lp logical.Plan, err error) error {
	if err == nil || session.ClientMajorVersion(s.ClientType) != "3" || !executorEvaluates(lp) {
		return err
	}
	inner, ok := sparkerr.As(err)
	if !ok {
		return err
	}
	shown := *inner
	shown.ForSpark35()
	jc := shown.Classes()[0]
	if !runtimeClasses[jc] {
		return err
	}
	msg := shown.Message()
	text := "Job aborted due to stage failure: Task 0 in stage 0.0 failed 1 times, most recent failure: " +
		"Lost task 0.0 in stage 0.0 (TID 0) (localhost executor driver): " + jc + ": " + msg
	return &sparkerr.Error{JavaClass: sparkerr.SparkException, Text: text, Text35: text, Cause: err}
}

// driverEvaluated reports whether Spark 3.5 would compute the plan's
// expressions on the driver: a chain of projections, filters, limits and
// sorts over literal rows (local data, VALUES or no relation), or a UNION
// ALL of such chains (Spark pushes projections through the union into its
// branches and folds them there).
func driverEvaluated(p logical.Plan) bool {
	switch x := p.(type) {
	case *logical.LocalTable, *logical.OneRow, *logical.Values:
		return true
	case *logical.Project, *logical.Filter, *logical.Limit, *logical.Offset, *logical.Sort, *logical.Alias:
		return driverEvaluated(x.Children()[0])
	case *logical.SetOp:
		return x.Kind == logical.Union && x.All && driverEvaluated(x.Left) && driverEvaluated(x.Right)
	}
	return false
}

// executorEvaluates reports whether Spark 3.5 would evaluate, inside an
// executor task, some expression of the plan that may raise an error.
func executorEvaluates(p logical.Plan) bool {
	if driverEvaluated(p) {
		return false
	}
	var exprs []logical.Expr
	switch p.(type) {
	case *logical.Project, *logical.Filter, *logical.Sort, *logical.Aggregate, *logical.Join:
		exprs, _ = logical.NodeExprs(p)
	case *logical.Range, *logical.FileScan, *logical.TableScan, *logical.Limit, *logical.Offset,
		*logical.Distinct, *logical.SetOp, *logical.Alias, *logical.Repartition, *logical.Sample,
		*logical.CollectMetrics, *logical.LocalTable, *logical.OneRow, *logical.Values:
	default:
		return true // windows, generators ...: assume they may raise
	}
	for _, e := range exprs {
		if e != nil && mayRaiseInTask(e) {
			return true
		}
	}
	for _, c := range p.Children() {
		if executorEvaluates(c) {
			return true
		}
	}
	return false
}

// safeAggregates never raise on their own.
var safeAggregates = map[string]bool{
	"count": true, "min": true, "max": true, "first": true, "last": true,
	"any_value": true, "collect_list": true, "collect_set": true,
}

// mayRaiseInTask reports whether e computes something per row (a function
// or cast over columns, or a non-foldable function) rather than only
// passing columns and constants through.
func mayRaiseInTask(e logical.Expr) bool {
	if foldable(e) {
		return false
	}
	switch x := e.(type) {
	case *logical.ColRef, *logical.Lit:
		return false
	case *logical.AliasExpr:
		return mayRaiseInTask(x.Child)
	case *logical.Call:
		if x.Kind == logical.Agg && safeAggregates[x.Fn] && x.Filter == nil {
			for _, a := range x.Args {
				if mayRaiseInTask(a) {
					return true
				}
			}
			return false
		}
	}
	return true
}

// nonFoldable are functions Spark never folds into a constant.
var nonFoldable = map[string]bool{
	"raise_error": true, "assert_true": true, "rand": true, "randn": true, "random": true,
	"uuid": true, "shuffle": true, "monotonically_increasing_id": true, "spark_partition_id": true,
	"input_file_name": true, "input_file_block_start": true, "input_file_block_length": true,
	"uniform": true, "randstr": true,
}

// foldable reports a constant expression: no column, lambda variable or
// subquery, no aggregate or window, only deterministic functions.
func foldable(e logical.Expr) bool {
	ok := true
	logical.Walk(e, func(x logical.Expr) bool {
		switch c := x.(type) {
		case *logical.ColRef, *logical.LambdaVar, *logical.Lambda, *logical.Window, *logical.Subquery:
			ok = false
		case *logical.Call:
			if c.Kind != logical.Scalar || nonFoldable[c.Fn] {
				ok = false
			}
		}
		return ok
	})
	return ok
}
