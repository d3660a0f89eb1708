package streaming

import (
	"encoding/json"
	"math"
	"time"
)

// The JSON shapes below follow Spark's StreamingQueryProgress and
// listener events field for field: clients parse them with their own
// fromJson, which indexes most keys directly.

type durationMs struct {
	TriggerExecution int64 `json:"triggerExecution"`
	QueryPlanning    int64 `json:"queryPlanning"`
	GetBatch         int64 `json:"getBatch"`
	CommitOffsets    int64 `json:"commitOffsets"`
	LatestOffset     int64 `json:"latestOffset"`
	AddBatch         int64 `json:"addBatch"`
	WalCommit        int64 `json:"walCommit"`
}

type sourceProgress struct {
	Description            string            `json:"description"`
	StartOffset            json.RawMessage   `json:"startOffset"`
	EndOffset              json.RawMessage   `json:"endOffset"`
	LatestOffset           json.RawMessage   `json:"latestOffset"`
	NumInputRows           int64             `json:"numInputRows"`
	InputRowsPerSecond     float64           `json:"inputRowsPerSecond"`
	ProcessedRowsPerSecond float64           `json:"processedRowsPerSecond"`
	Metrics                map[string]string `json:"metrics"`
}

type sinkProgress struct {
	Description   string            `json:"description"`
	NumOutputRows int64             `json:"numOutputRows"`
	Metrics       map[string]string `json:"metrics"`
}

type progress struct {
	ID              string           `json:"id"`
	RunID           string           `json:"runId"`
	Name            *string          `json:"name"`
	Timestamp       string           `json:"timestamp"`
	BatchID         int64            `json:"batchId"`
	BatchDuration   int64            `json:"batchDuration"`
	DurationMs      durationMs       `json:"durationMs"`
	EventTime       json.RawMessage  `json:"eventTime"`
	StateOperators  []any            `json:"stateOperators"`
	Sources         []sourceProgress `json:"sources"`
	Sink            sinkProgress     `json:"sink"`
	ObservedMetrics json.RawMessage  `json:"observedMetrics"`
	// The totals are not in Spark's JSON: clients sum the sources.
	NumInputRows           int64   `json:"-"`
	InputRowsPerSecond     float64 `json:"-"`
	ProcessedRowsPerSecond float64 `json:"-"`
}

// sparkTime formats an instant as Spark's progress timestamps
// (ISO-8601 UTC with milliseconds).
func sparkTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

// rate is rows per second over d, 0 when d is not positive.
func rate(rows int64, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	r := float64(rows) / d.Seconds()
	if math.IsNaN(r) || math.IsInf(r, 0) {
		return 0
	}
	return r
}

// rawOffset is an offset as progress JSON carries it: the offset's own
// JSON text as a string, or null.
func rawOffset(v any) json.RawMessage {
	if x, ok := v.(string); ok {
		b, _ := json.Marshal(x)
		return b
	}
	return json.RawMessage("null")
}

// buildProgress makes one batch's progress report. prevBegin is the
// previous trigger's start (zero for the first batch).
func buildProgress(id, runID, name string, batchID int64, begin, execStart, end, prevBegin time.Time,
	srcs []sourceProgress, sink sinkProgress) progress {
	var total int64
	for _, s := range srcs {
		total += s.NumInputRows
	}
	dur := end.Sub(begin)
	var inRate float64
	if !prevBegin.IsZero() {
		inRate = rate(total, begin.Sub(prevBegin))
	}
	for i := range srcs {
		if !prevBegin.IsZero() {
			srcs[i].InputRowsPerSecond = rate(srcs[i].NumInputRows, begin.Sub(prevBegin))
		}
		srcs[i].ProcessedRowsPerSecond = rate(srcs[i].NumInputRows, dur)
	}
	p := progress{
		ID: id, RunID: runID, Timestamp: sparkTime(begin), BatchID: batchID,
		BatchDuration: dur.Milliseconds(),
		DurationMs: durationMs{
			TriggerExecution: dur.Milliseconds(),
			LatestOffset:     execStart.Sub(begin).Milliseconds(),
			AddBatch:         end.Sub(execStart).Milliseconds(),
		},
		EventTime:              json.RawMessage("{}"),
		StateOperators:         []any{},
		Sources:                srcs,
		Sink:                   sink,
		NumInputRows:           total,
		InputRowsPerSecond:     inRate,
		ProcessedRowsPerSecond: rate(total, dur),
		ObservedMetrics:        json.RawMessage("{}"),
	}
	if name != "" {
		p.Name = &name
	}
	return p
}

// startedEvent is QueryStartedEvent's JSON.
func startedEvent(id, runID, name string, at time.Time) string {
	ev := struct {
		ID        string   `json:"id"`
		RunID     string   `json:"runId"`
		Name      *string  `json:"name"`
		Timestamp string   `json:"timestamp"`
		JobTags   []string `json:"jobTags"`
	}{ID: id, RunID: runID, Timestamp: sparkTime(at), JobTags: []string{}}
	if name != "" {
		ev.Name = &name
	}
	b, _ := json.Marshal(ev)
	return string(b)
}

// terminatedEvent is QueryTerminatedEvent's JSON.
func terminatedEvent(id, runID string, exception, class *string) string {
	ev := struct {
		ID                    string  `json:"id"`
		RunID                 string  `json:"runId"`
		Exception             *string `json:"exception"`
		ErrorClassOnException *string `json:"errorClassOnException"`
	}{id, runID, exception, class}
	b, _ := json.Marshal(ev)
	return string(b)
}

// record stores a finished batch's progress and posts it to listeners.
func (q *Query) record(begin, execStart, end time.Time, inRows []int64, outRows int64, offs [][2]any) {
	srcs := make([]sourceProgress, len(q.sources))
	for i, s := range q.sources {
		start, stop := offs[i][0], offs[i][1]
		srcs[i] = sourceProgress{Description: s.description(), StartOffset: rawOffset(start), EndOffset: rawOffset(stop),
			LatestOffset: json.RawMessage("null"), NumInputRows: inRows[i], Metrics: map[string]string{}}
	}
	if q.spec.Sink.Path != "" {
		outRows = -1 // Spark's file sink does not count its rows
	}
	q.mu.Lock()
	p := buildProgress(q.ID, q.RunID, q.Name, q.batchID, begin, execStart, end, q.lastEnd,
		srcs, sinkProgress{Description: q.sinkDescription(), NumOutputRows: outRows, Metrics: map[string]string{}})
	if len(q.observed) > 0 {
		p.ObservedMetrics = q.observed
	}
	p.EventTime = q.eventTimeJSON()
	b, _ := json.Marshal(p)
	q.progress = append(q.progress, string(b))
	if len(q.progress) > maxProgress {
		q.progress = q.progress[len(q.progress)-maxProgress:]
	}
	q.batchID++
	q.lastEnd = begin // the next batch measures its input rate from here
	q.mu.Unlock()
	q.mgr.post(Event{Type: EventProgress, JSON: `{"progress":` + string(b) + `}`})
}

// sinkDescription names the sink as Spark's progress does.
func (q *Query) sinkDescription() string {
	sk := q.spec.Sink
	switch sk.Format {
	case "memory":
		return "MemorySink"
	case "console":
		return "org.apache.spark.sql.execution.streaming.ConsoleTable$@ember"
	case "noop":
		return "org.apache.spark.sql.execution.datasources.noop.NoopTable$@ember"
	case "table":
		return "table " + sk.Table
	}
	return "FileSink[" + sk.Path + "]"
}

func timeFromMicros(us int64) time.Time { return time.UnixMicro(us) }
