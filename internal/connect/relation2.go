package connect

import (
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sparkpb"
	"github.com/emberdb/ember/internal/sql"
)

// withWatermark is DataFrame.withWatermark. Like Spark's
// Dataset.withWatermark it first parses the delay (CANNOT_PARSE_INTERVAL),
// refuses a negative one, then parses the event-time column name.
func (c *converter) withWatermark(w *sparkpb.WithWatermark) (plan.Relation, error) {
	in, err := c.input(w.GetInput(), "WithWatermark")
	if err != nil {
		return nil, err
	}
	delay, err := sql.ParseIntervalString(w.GetDelayThreshold())
	if err != nil {
		return nil, err
	}
	const microsPerDay = 24 * 60 * 60 * 1000 * 1000
	// Spark's IntervalUtils.isNegative counts a month as 31 days.
	if int64(delay.Months)*31*microsPerDay+int64(delay.Days)*microsPerDay+delay.Microseconds < 0 {
		return nil, sparkerr.Unclassified(sparkerr.IllegalArgument,
			"requirement failed: delay threshold ("+w.GetDelayThreshold()+") should not be negative.")
	}
	name, err := sql.ParseMultipartIdentifier(w.GetEventTime())
	if err != nil {
		return nil, err
	}
	return &plan.WithWatermark{Input: in, EventTime: name, EventTimeText: w.GetEventTime(), Delay: delay}, nil
}

// toSchema is DataFrame.to(schema).
func (c *converter) toSchema(t *sparkpb.ToSchema) (plan.Relation, error) {
	in, err := c.input(t.GetInput(), "ToSchema")
	if err != nil {
		return nil, err
	}
	if t.GetSchema() == nil {
		return nil, invalidPlan("ToSchema needs a schema.")
	}
	dt, err := DataType(t.GetSchema())
	if err != nil {
		return nil, err
	}
	return &plan.ToSchema{Input: in, Schema: dt}, nil
}

// transpose is DataFrame.transpose(indexColumn).
func (c *converter) transpose(t *sparkpb.Transpose) (plan.Relation, error) {
	in, err := c.input(t.GetInput(), "Transpose")
	if err != nil {
		return nil, err
	}
	out := &plan.Transpose{Input: in}
	switch len(t.GetIndexColumns()) {
	case 0:
	case 1:
		e, err := c.expression(t.GetIndexColumns()[0])
		if err != nil {
			return nil, err
		}
		out.Index = e
	default:
		return nil, invalidPlan("Transpose takes at most one index column, got %d.", len(t.GetIndexColumns()))
	}
	return out, nil
}

// parse is spark.read.json/csv/xml over a DataFrame of strings.
func (c *converter) parse(p *sparkpb.Parse) (plan.Relation, error) {
	in, err := c.input(p.GetInput(), "Parse")
	if err != nil {
		return nil, err
	}
	out := &plan.Parse{Input: in, Options: copyMap(p.GetOptions())}
	switch p.GetFormat() {
	case sparkpb.Parse_PARSE_FORMAT_JSON:
		out.Format = "json"
	case sparkpb.Parse_PARSE_FORMAT_CSV:
		out.Format = "csv"
	case sparkpb.Parse_PARSE_FORMAT_XML:
		out.Format = "xml"
	default:
		return nil, invalidPlan("Does not support parse format %s.", p.GetFormat())
	}
	if p.Schema != nil {
		dt, err := DataType(p.GetSchema())
		if err != nil {
			return nil, err
		}
		out.Schema = dt
	}
	return out, nil
}
