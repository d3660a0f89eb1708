package functions

import (
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// Functions about values themselves rather than their contents: typeof
// answers the Spark type the analyzer derived, so it lowers to a constant;
// raise_error and assert_true fail the query with Spark's
// USER_RAISED_EXCEPTION when (and only when) a row evaluates them.

func init() {
	Register(
		&Def{Name: "typeof", MinArgs: 1, MaxArgs: 1, Resolve: fixed(types.String, false), Lower: lowerTypeof, Group: "misc"},
		&Def{Name: "raise_error", MinArgs: 1, MaxArgs: 1, Resolve: resolveRaiseError, Lower: lowerRaiseError, Pretty: prettyRaiseError, Group: "misc"},
		&Def{Name: "assert_true", MinArgs: 1, MaxArgs: 2, Resolve: resolveAssertTrue, Lower: lowerAssertTrue, Pretty: prettyAssertTrue, Group: "misc"},
		&Def{Name: "spark_partition_id", MinArgs: 0, MaxArgs: 0, Resolve: fixed(types.Int, false), Lower: lowerPartitionID, Pretty: noParens("SPARK_PARTITION_ID"), Group: "misc", Since: "1.4.0"},
		&Def{Name: "monotonically_increasing_id", MinArgs: 0, MaxArgs: 0, Resolve: fixed(types.Long, false), Lower: lowerMonotonicID, Group: "misc", Since: "1.6.0"},
	)
}

// spark_partition_id and monotonically_increasing_id answer from the row's
// place in Spark's partition layout where Ember models it (range, local
// data; see engine/duckdb/partitions.go). Elsewhere the rows are taken as
// one partition for monotonically_increasing_id, which is Spark's layout for
// small inputs: ids are then the 0-based row positions, unique and
// increasing as Spark promises; spark_partition_id raises UNSUPPORTED there.

func lowerPartitionID(c *LowerCtx, _ *logical.Call, _ []string) (string, error) {
	if c != nil && c.Position != nil {
		return "CAST(" + c.Position.Partition + " AS INTEGER)", nil
	}
	// Guessing would give a different answer wherever Spark splits the
	// input (several files, shuffles).
	return "", sparkerr.Unsupported("spark_partition_id() over input whose Spark partitioning Ember does not model (only range and local data, and projections and filters over them)")
}

func lowerMonotonicID(c *LowerCtx, _ *logical.Call, _ []string) (string, error) {
	if c != nil && c.Position != nil {
		// The partition index in the upper 31 bits, the row's position
		// within its partition in the lower 33.
		return "((CAST(" + c.Position.Partition + " AS BIGINT) << 33) + CAST(" + c.Position.Pos + " AS BIGINT))", nil
	}
	return "(row_number() OVER () - 1)", nil
}

func lowerTypeof(_ *LowerCtx, call *logical.Call, _ []string) (string, error) {
	return QuoteString(call.Args[0].Type().SimpleString()), nil
}

func resolveRaiseError(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if !types.IsStringLike(args[0].Type()) && args[0].Type().Kind() != types.KindNull {
		return nil, nil, false, typeMismatch("raise_error("+args[0].SQL()+")", 1, "\"STRING\"", args[0])
	}
	return []logical.Expr{ImplicitCast(args[0], types.String)}, types.Null, true, nil
}

// raiseDynamic fails with USER_RAISED_EXCEPTION whose message is the
// string expression msg ("null" for NULL, as Spark prints it).
func raiseDynamic(msg string) string {
	prefix := ErrorMarker + "USER_RAISED_EXCEPTION\x1ferrorMessage="
	return "error(" + QuoteString(prefix) + " || coalesce(CAST(" + msg + " AS VARCHAR), 'null'))"
}

func lowerRaiseError(_ *LowerCtx, _ *logical.Call, args []string) (string, error) {
	return "CAST(" + raiseDynamic(args[0]) + " AS \"NULL\")", nil
}

// Spark rewrites raise_error(msg) to its two-argument form, which names
// the column.
func prettyRaiseError(_ string, args []logical.Expr, _ bool) string {
	return "raise_error(USER_RAISED_EXCEPTION, map(errorMessage, " + args[0].SQL() + "))"
}

func resolveAssertTrue(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if args[0].Type().Kind() != types.KindBoolean && args[0].Type().Kind() != types.KindNull {
		return nil, nil, false, typeMismatch("assert_true("+args[0].SQL()+")", 1, "\"BOOLEAN\"", args[0])
	}
	out := []logical.Expr{args[0]}
	if len(args) == 2 {
		out = append(out, ImplicitCast(args[1], types.String))
	}
	return out, types.Null, true, nil
}

// assertMessage is Spark's default message: the condition's SQL text.
func assertMessage(cond logical.Expr) string {
	return "'" + cond.SQL() + "' is not true!"
}

func lowerAssertTrue(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	msg := QuoteString(assertMessage(call.Args[0]))
	if len(args) == 2 {
		msg = args[1]
	}
	return "CAST(CASE WHEN " + args[0] + " THEN NULL ELSE " + raiseDynamic(msg) + " END AS \"NULL\")", nil
}

func prettyAssertTrue(_ string, args []logical.Expr, _ bool) string {
	msg := assertMessage(args[0])
	if len(args) == 2 {
		msg = args[1].SQL()
	}
	return "assert_true(" + args[0].SQL() + ", " + msg + ")"
}
