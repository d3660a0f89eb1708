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
// SparkConnectGrpcException. Expressions Spark evaluates on the driver
// (constant folding, and Project/Filter/Limit over local data, which its
// optimizer turns into local data) fail with the error itself, so plans
// made only of those keep it. Spark 4 rethrows the task's error: 4.x
// clients always get it unchanged. The stage and task numbers Spark
// prints are not tracked; the first task of stage 0 is named.
func taskFailure35(s *session.Session, lp logical.Plan, err error) error {
	if err == nil || session.ClientMajorVersion(s.ClientType) != "3" || driverEvaluated(lp) {
		return err
	}
	inner, ok := sparkerr.As(err)
	if !ok {
		return err
	}
	shown := *inner
	shown.Spark35 = true
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
