package streaming

import (
	"strings"
	"time"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
)

// TriggerKind says when a query runs its micro-batches.
type TriggerKind int

const (
	// TriggerDefault runs the next batch as soon as the previous one is
	// done and a source has new data.
	TriggerDefault TriggerKind = iota
	// TriggerProcessingTime starts a batch every Interval (a late batch
	// starts the next one at once).
	TriggerProcessingTime
	// TriggerOnce runs one batch with everything available, then stops.
	TriggerOnce
	// TriggerAvailableNow processes what is available at start, then stops.
	TriggerAvailableNow
)

// Trigger of a query.
type Trigger struct {
	Kind     TriggerKind
	Interval time.Duration
}

// OutputMode of a query.
type OutputMode int

const (
	Append OutputMode = iota
	Complete
	Update
)

func (m OutputMode) String() string {
	switch m {
	case Complete:
		return "complete"
	case Update:
		return "update"
	}
	return "append"
}

// ParseOutputMode reads writeStream.outputMode (case-insensitive; empty
// means append). spark35 selects Spark 3.5's unclassified error.
func ParseOutputMode(s string, spark35 bool) (OutputMode, error) {
	switch strings.ToLower(s) {
	case "", "append":
		return Append, nil
	case "complete":
		return Complete, nil
	case "update":
		return Update, nil
	}
	if spark35 {
		return Append, sparkerr.Unclassified(sparkerr.IllegalArgument,
			"Unknown output mode "+s+". Accepted output modes are 'append', 'complete', 'update'")
	}
	return Append, sparkerr.Newf("STREAMING_OUTPUT_MODE.INVALID", "outputMode", s)
}

// Sink is where a query's batches go.
type Sink struct {
	Format      string // memory, console, noop, parquet, json, csv, text, table
	Path        string
	Table       string
	Options     map[string]string // lower-case keys
	PartitionBy []string
}

// Spec is what writeStream.start() asked for.
type Spec struct {
	Plan    logical.Plan // resolved; its leaves include StreamSources
	Name    string       // queryName, "" when not given
	Trigger Trigger
	Mode    OutputMode
	Sink    Sink
	// Spark35 selects Spark 3.5's wording of analysis errors.
	Spark35 bool
}

// shape is what the micro-batch engine needs to know about a plan.
type shape struct {
	sources   []*logical.StreamSource
	aggregate *logical.Aggregate // the topmost streaming aggregation
	watermark bool
}

func analyze(p logical.Plan) shape {
	var sh shape
	var walk func(p logical.Plan)
	walk = func(p logical.Plan) {
		switch x := p.(type) {
		case *logical.StreamSource:
			sh.sources = append(sh.sources, x)
			return
		case *logical.Aggregate:
			if sh.aggregate == nil && logical.IsStreaming(x) {
				sh.aggregate = x
			}
		}
		for _, at := range p.Output() {
			if strings.Contains(at.Metadata, "spark.watermarkDelayMs") {
				sh.watermark = true
			}
		}
		for _, c := range p.Children() {
			walk(c)
		}
	}
	walk(p)
	return sh
}

// Validate checks a query the way Spark's analysis of streaming plans
// does before it starts, and refuses what Ember's engine cannot run.
func Validate(spec *Spec) error {
	sh := analyze(spec.Plan)
	if len(sh.sources) == 0 {
		return sparkerr.Unclassified(sparkerr.AnalysisException,
			"'writeStream' can be called only on streaming Dataset/DataFrame")
	}
	if len(sh.sources) > 1 {
		return sparkerr.Unsupported("streaming queries reading more than one streaming source (stream-stream joins and unions)")
	}
	if err := checkStatefulOps(spec.Plan, spec); err != nil {
		return err
	}
	switch {
	case sh.aggregate != nil && spec.Mode == Append && !sh.watermark && spec.Spark35:
		return sparkerr.Unclassified(sparkerr.AnalysisException,
			"Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark;")
	case sh.aggregate == nil && spec.Mode == Complete && spec.Spark35:
		return sparkerr.Unclassified(sparkerr.AnalysisException,
			"Complete output mode not supported when there are no streaming aggregations on streaming DataFrames/Datasets;")
	case sh.aggregate != nil && spec.Mode == Append && !sh.watermark:
		return sparkerr.Newf("STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION", "outputMode", "append",
			"operation", "streaming aggregations without watermark")
	case sh.aggregate == nil && spec.Mode == Complete:
		return sparkerr.Newf("STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION", "outputMode", "complete",
			"operation", "no streaming aggregations")
	case sh.aggregate != nil && spec.Mode == Append:
		if _, err := findEventTimeAgg(sh.aggregate); err != nil {
			return err
		}
	case sh.aggregate != nil && spec.Mode == Update && sh.watermark:
		if _, err := findEventTimeAgg(sh.aggregate); err != nil {
			return err
		}
	case sh.aggregate != nil && spec.Mode == Update && len(sh.aggregate.GroupingSets) > 0:
		return sparkerr.Unsupported("streaming cube/rollup/grouping sets in update mode")
	}
	return nil
}

// checkStatefulOps refuses what Spark refuses on streaming plans (sorts
// outside a complete-mode aggregation) and the stateful operators other
// than aggregation that the engine does not keep state for.
func checkStatefulOps(p logical.Plan, spec *Spec) error {
	if !logical.IsStreaming(p) {
		return nil
	}
	overAggregate := func() bool { return analyze(p).aggregate != nil }
	switch p.(type) {
	case *logical.Distinct:
		return sparkerr.Unsupported("streaming deduplication (dropDuplicates on a streaming DataFrame)")
	case *logical.Sort:
		if !overAggregate() || spec.Mode != Complete {
			const msg = "Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated DataFrame/Dataset in Complete output mode"
			if spec.Spark35 {
				return sparkerr.Unclassified(sparkerr.AnalysisException, msg+";")
			}
			return &sparkerr.Error{Class: "_LEGACY_ERROR_TEMP_3102", JavaClass: sparkerr.AnalysisException,
				Params: map[string]string{"msg": msg}, Text: msg + ";"}
		}
	case *logical.Limit, *logical.Offset:
		if !overAggregate() || spec.Mode != Complete {
			return sparkerr.Unsupported("limit/offset on a streaming DataFrame outside a complete-mode aggregation (Spark limits across batches)")
		}
	case *logical.Aggregate:
		// The aggregation re-runs over all rows so far: anything below it
		// is evaluated as a batch plan.
		return nil
	}
	for _, c := range p.Children() {
		if err := checkStatefulOps(c, spec); err != nil {
			return err
		}
	}
	return nil
}

// ParseInterval reads a processing-time trigger interval ("1 second",
// "500 milliseconds", "10s"); it must not be negative.
func ParseInterval(text string) (time.Duration, error) {
	d, err := parseDuration(text)
	if err != nil || d < 0 {
		return 0, sparkerr.Unclassified(sparkerr.IllegalArgument, "Invalid interval: "+text)
	}
	return d, nil
}
