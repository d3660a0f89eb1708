// Package connect converts Spark Connect protocol messages (package sparkpb)
// into Ember's unresolved plan IR (package plan).
//
// The conversion is purely syntactic: it checks that a message is well
// formed (required fields present, enum values known, literals consistent)
// and maps each relation, expression, literal and command onto its IR form.
// It never looks at a catalog or at column types; the analyzer does that.
//
// Three kinds of outcome are possible for any input:
//
//   - a converted IR tree;
//   - an IR node that marks a recognised but unsupported feature
//     (plan.Unsupported, plan.UnsupportedExpr, UnsupportedCommand), which the
//     analyzer or the server turns into a Spark-style error naming the
//     feature;
//   - a *sparkerr.Error, usually CONNECT.INVALID_PLAN, when the message is
//     malformed (a missing input, an unset oneof, a plan nested deeper than
//     MaxDepth).
//
// Both the pyspark-client 4.x and the pyspark 3.5 shapes of the protocol
// are accepted: e.g. SQL arguments as 3.5's literal maps or 4.x's
// expressions, column renames as 3.5's map or 4.x's ordered list, SQL
// commands as 3.5's inline text or 4.x's input relation.
package connect
