package analyzer

import (
	"fmt"
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
)

// withWatermark is df.withWatermark on batch data. Spark removes the
// watermark before analysis when its input is not streaming, so the result
// is the input itself: the event-time column is neither resolved nor
// checked for its type, and the schema carries no watermark metadata. Only
// a nested event-time name is refused (the delay was checked when the plan
// was converted).
func (a *Analyzer) withWatermark(x *plan.WithWatermark) (logical.Plan, error) {
	if len(x.EventTime) > 1 {
		name := strings.Join(x.EventTime, ".")
		if session.ClientMajorVersion(a.Session.ClientType) == "3" {
			// Spark 3.5 fails an internal assertion instead.
			return nil, sparkerr.Unclassified("java.lang.IllegalStateException",
				"The event time in withWatermark must be a top-level column, but '"+name+"' is a nested field.")
		}
		return nil, &sparkerr.Error{
			Class: "EVENT_TIME_MUST_BE_TOP_LEVEL_COLUMN", SQLState: "42K09", JavaClass: sparkerr.AnalysisException,
			Params: map[string]string{"eventExpr": name},
			Text: "The event time in withWatermark must be a top-level column, but '" + name +
				"' is a nested field. To use it, alias it to a top-level column in a select before withWatermark.",
		}
	}
	in, err := a.Resolve(x.Input)
	if err != nil || !logical.IsStreaming(in) {
		// On batch data Spark drops the watermark.
		return in, err
	}
	return markEventTime(in, x), nil
}

// markEventTime tags a streaming plan's event-time column with the
// watermark delay in milliseconds, as Spark's EventTimeWatermark does
// (a month counts 31 days).
func markEventTime(in logical.Plan, x *plan.WithWatermark) logical.Plan {
	const msPerDay = 24 * 60 * 60 * 1000
	delay := int64(x.Delay.Months)*31*msPerDay + int64(x.Delay.Days)*msPerDay + x.Delay.Microseconds/1000
	out := in.Output()
	exprs := make([]logical.Named, len(out))
	found := false
	for i, at := range out {
		exprs[i] = logical.Named{Attr: at, Expr: &logical.ColRef{Attr: at}}
		if !found && strings.EqualFold(at.Name, x.EventTime[0]) {
			found = true
			entry := fmt.Sprintf("%q:%d", "spark.watermarkDelayMs", delay)
			md := strings.TrimSpace(at.Metadata)
			if md == "" || md == "{}" {
				md = "{" + entry + "}"
			} else {
				md = strings.TrimSuffix(md, "}") + "," + entry + "}"
			}
			exprs[i].Attr.Metadata = md
		}
	}
	if !found {
		return in
	}
	return &logical.Project{Input: in, Exprs: exprs}
}

// dedupColumnNotFound is the error of dropDuplicates(subset) (and
// dropDuplicatesWithinWatermark) naming a column the input lacks: Spark's
// Connect planner reports it as an invalid plan.
func (a *Analyzer) dedupColumnNotFound(name string, in logical.Plan) error {
	if session.ClientMajorVersion(a.Session.ClientType) == "3" {
		return sparkerr.Unclassified(sparkerr.InvalidPlanInput, "Invalid deduplicate column "+name)
	}
	fields := strings.Join(attrNames(in.Output()), ", ")
	return &sparkerr.Error{
		Class: "CONNECT_INVALID_PLAN.UNRESOLVED_COLUMN_AMONG_FIELD_NAMES", SQLState: "56K00", JavaClass: sparkerr.InvalidPlanInput,
		Params: map[string]string{"colName": name, "fieldNames": fields},
		Text:   "The Spark Connect plan is invalid. Cannot resolve column name \"" + name + "\" among (" + fields + ").",
	}
}
