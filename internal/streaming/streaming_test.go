package streaming

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		bad  bool
	}{
		{in: "1 second", want: time.Second},
		{in: "500 milliseconds", want: 500 * time.Millisecond},
		{in: "2 minutes", want: 2 * time.Minute},
		{in: "10s", want: 10 * time.Second},
		{in: "100ms", want: 100 * time.Millisecond},
		{in: "0 seconds", want: 0},
		{in: "3", want: 3 * time.Second},
		{in: "interval 1 hour 30 minutes", want: 90 * time.Minute},
		{in: "soon", bad: true},
		{in: "1 fortnight", bad: true},
	}
	for _, tc := range tests {
		got, err := parseDuration(tc.in)
		if tc.bad {
			if err == nil {
				t.Errorf("parseDuration(%q) = %v, want an error", tc.in, got)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("parseDuration(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestParseOutputMode(t *testing.T) {
	for in, want := range map[string]OutputMode{"": Append, "Append": Append, "COMPLETE": Complete, "update": Update} {
		got, err := ParseOutputMode(in, false)
		if err != nil || got != want {
			t.Errorf("ParseOutputMode(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	_, err := ParseOutputMode("bogus", false)
	if se, ok := sparkerr.As(err); !ok || se.Class != "STREAMING_OUTPUT_MODE.INVALID" {
		t.Errorf("ParseOutputMode(bogus) = %v, want STREAMING_OUTPUT_MODE.INVALID", err)
	}
	_, err = ParseOutputMode("bogus", true)
	if se, ok := sparkerr.As(err); !ok || se.Class != "" || se.JavaClass != sparkerr.IllegalArgument {
		t.Errorf("ParseOutputMode(bogus) for 3.5 = %v, want an unclassified IllegalArgumentException", err)
	}
}

func rateMicroBatch(opts map[string]string) *logical.StreamSource {
	return &logical.StreamSource{Format: "rate-micro-batch", Options: opts, Attrs: []logical.Attr{
		{ID: logical.NewID(), Name: "timestamp", Type: types.Timestamp},
		{ID: logical.NewID(), Name: "value", Type: types.Long}}}
}

func TestValidate(t *testing.T) {
	src := rateMicroBatch(map[string]string{"rowsperbatch": "1"})
	agg := &logical.Aggregate{Input: src, Groups: []logical.Expr{&logical.ColRef{Attr: src.Attrs[1]}},
		Aggs: []logical.Named{{Attr: src.Attrs[1], Expr: &logical.ColRef{Attr: src.Attrs[1]}}}}
	tests := []struct {
		name  string
		plan  logical.Plan
		mode  OutputMode
		class string // "" = valid
	}{
		{"append stateless", src, Append, ""},
		{"complete without aggregation", src, Complete, "STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION"},
		{"append aggregation without watermark", agg, Append, "STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION"},
		{"complete aggregation", agg, Complete, ""},
		{"update aggregation", agg, Update, ""},
		{"update stateless", src, Update, ""},
		{"batch plan", &logical.OneRow{}, Append, ""},
		{"sort without aggregation", &logical.Sort{Input: src}, Append, "_LEGACY_ERROR_TEMP_3102"},
		{"sort over aggregation in update mode", &logical.Sort{Input: agg}, Update, "_LEGACY_ERROR_TEMP_3102"},
		{"sort over aggregation in complete mode", &logical.Sort{Input: agg}, Complete, ""},
		{"limit without aggregation", &logical.Limit{Input: src, N: 2}, Append, "UNSUPPORTED_FEATURE.EMBER"},
		{"limit over aggregation in complete mode", &logical.Limit{Input: agg, N: 2}, Complete, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Validate(&Spec{Plan: tc.plan, Mode: tc.mode})
			if tc.name == "batch plan" {
				if err == nil {
					t.Fatal("a plan without streaming sources must be refused")
				}
				return
			}
			if tc.class == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if se, ok := sparkerr.As(err); !ok || se.Class != tc.class {
				t.Fatalf("Validate = %v, want class %s", err, tc.class)
			}
		})
	}
}

func TestRateMicroBatchTrigger(t *testing.T) {
	s, err := newSource(rateMicroBatch(map[string]string{"rowsperbatch": "3", "starttimestamp": "1000", "advancemillisperbatch": "500"}), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var ends []string
	for i := 0; i < 2; i++ {
		has, err := s.poll(time.Now())
		if err != nil || !has {
			t.Fatalf("poll %d = %v, %v; rate-micro-batch always has a batch", i, has, err)
		}
		start, end := s.offsets()
		if i == 0 && start != nil {
			t.Errorf("first batch start offset = %v, want null", start)
		}
		ends = append(ends, end.(string))
		s.commit()
	}
	want := []string{`{"offset":3,"timestamp":1500}`, `{"offset":6,"timestamp":2000}`}
	if !reflect.DeepEqual(ends, want) {
		t.Errorf("end offsets = %v, want %v", ends, want)
	}
	// availableNow: one more batch, then nothing.
	if err := s.capAvailable(time.Now()); err != nil {
		t.Fatal(err)
	}
	for i, want := range []bool{true, false} {
		has, _ := s.poll(time.Now())
		if has != want {
			t.Errorf("capped poll %d = %v, want %v", i, has, want)
		}
		if has {
			s.commit()
		}
	}
}

func TestRateSeconds(t *testing.T) {
	start := time.Unix(1000, 0)
	s := &source{kind: "rate", rowsPerSecond: 10, started: start}
	tests := []struct {
		ramp  int64
		secs  []int64
		wants []int64
	}{
		{ramp: 0, secs: []int64{0, 1, 3}, wants: []int64{0, 10, 30}},
		// speed grows by 10/(4+1) = 2 per second for 4 seconds: 2, 4, 6, 8, then 10.
		{ramp: 4, secs: []int64{0, 1, 2, 3, 4, 5, 6}, wants: []int64{0, 2, 6, 12, 20, 30, 40}},
	}
	for _, tc := range tests {
		s.rampUp = tc.ramp
		for i, sec := range tc.secs {
			if got := s.rateValueAt(sec); got != tc.wants[i] {
				t.Errorf("ramp %d: rows after %ds = %d, want %d", tc.ramp, sec, got, tc.wants[i])
			}
		}
	}
	if got := s.rateSeconds(start.Add(2500 * time.Millisecond)); got != 2 {
		t.Errorf("offset 2.5s after start = %d, want whole seconds (2)", got)
	}
	s.rampUp = 0
	has, _ := s.poll(start.Add(999 * time.Millisecond))
	if has {
		t.Error("the rate source has rows before its first second passed")
	}
	has, _ = s.poll(start.Add(2100 * time.Millisecond))
	if !has || s.pendingRows != 20 {
		t.Errorf("poll after 2.1s = %v, %d rows; want 20", has, s.pendingRows)
	}
}

func TestFileSourceTrigger(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, age time.Duration) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("{}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		at := time.Now().Add(-age)
		if err := os.Chtimes(p, at, at); err != nil {
			t.Fatal(err)
		}
	}
	write("b.json", 3*time.Second)
	write("a.json", 2*time.Second)
	write("_SUCCESS", time.Second)
	write(".c.json.tmp", time.Second)
	n := &logical.StreamSource{Format: "json", Paths: []string{dir}, Options: map[string]string{"maxfilespertrigger": "1"},
		Attrs: []logical.Attr{{ID: logical.NewID(), Name: "x", Type: types.Long}}}
	s, err := newSource(n, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.capAvailable(time.Now()); err != nil {
		t.Fatal(err)
	}
	write("d.json", 0) // after availableNow started: not processed
	var batches [][]string
	for i := 0; i < 4; i++ {
		has, err := s.poll(time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if !has {
			break
		}
		var names []string
		for _, f := range s.pendingFiles {
			names = append(names, filepath.Base(f))
		}
		batches = append(batches, names)
		s.commit()
	}
	want := [][]string{{"b.json"}, {"a.json"}}
	if !reflect.DeepEqual(batches, want) {
		t.Errorf("batches = %v, want %v (oldest first, one per trigger, metadata and hidden files skipped)", batches, want)
	}
}

func TestProgressJSON(t *testing.T) {
	begin := time.Date(2024, 5, 6, 7, 8, 9, 123_000_000, time.UTC)
	exec := begin.Add(5 * time.Millisecond)
	end := begin.Add(500 * time.Millisecond)
	srcs := []sourceProgress{{Description: "src", StartOffset: rawOffset(nil), EndOffset: rawOffset(`{"logOffset":0}`),
		LatestOffset: rawOffset(nil), NumInputRows: 10, Metrics: map[string]string{}}}
	p := buildProgress("id-1", "run-1", "", 4, begin, exec, end, begin.Add(-2*time.Second), srcs,
		sinkProgress{Description: "MemorySink", NumOutputRows: 7, Metrics: map[string]string{}})
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	checks := map[string]any{
		"id": "id-1", "runId": "run-1", "name": nil, "timestamp": "2024-05-06T07:08:09.123Z",
		"batchId": 4.0, "batchDuration": 500.0,
	}
	for k, want := range checks {
		if v, ok := got[k]; !ok || !reflect.DeepEqual(v, want) {
			t.Errorf("%s = %#v (present %v), want %#v", k, v, ok, want)
		}
	}
	for _, k := range []string{"durationMs", "eventTime", "stateOperators", "sources", "sink", "observedMetrics"} {
		if _, ok := got[k]; !ok {
			t.Errorf("progress lacks %q (clients index it directly)", k)
		}
	}
	for _, k := range []string{"numInputRows", "inputRowsPerSecond", "processedRowsPerSecond"} {
		if _, ok := got[k]; ok {
			t.Errorf("progress has %q: Spark's JSON leaves the totals to the client", k)
		}
	}
	if p.NumInputRows != 10 || p.InputRowsPerSecond != 5 || p.ProcessedRowsPerSecond != 20 {
		t.Errorf("totals = %d rows, %v in/s, %v processed/s; want 10, 5, 20", p.NumInputRows, p.InputRowsPerSecond, p.ProcessedRowsPerSecond)
	}
	src := got["sources"].([]any)[0].(map[string]any)
	if src["inputRowsPerSecond"] != 5.0 || src["processedRowsPerSecond"] != 20.0 {
		t.Errorf("source rates = %v / %v, want 5 and 20", src["inputRowsPerSecond"], src["processedRowsPerSecond"])
	}
	if src["startOffset"] != nil || src["endOffset"] != `{"logOffset":0}` {
		t.Errorf("source offsets = %v / %v, want null and the offset's JSON text", src["startOffset"], src["endOffset"])
	}
	if d := got["durationMs"].(map[string]any); d["triggerExecution"] != 500.0 || d["addBatch"] != 495.0 {
		t.Errorf("durationMs = %v", d)
	}
	// The first batch has no input rate.
	first := buildProgress("i", "r", "q", 0, begin, exec, end, time.Time{}, nil, sinkProgress{})
	if first.InputRowsPerSecond != 0 || first.Name == nil || *first.Name != "q" {
		t.Errorf("first batch: rate %v name %v", first.InputRowsPerSecond, first.Name)
	}
}

func TestEvents(t *testing.T) {
	var started map[string]any
	if err := json.Unmarshal([]byte(startedEvent("a", "b", "", time.Unix(0, 0))), &started); err != nil {
		t.Fatal(err)
	}
	if started["name"] != nil || started["timestamp"] != "1970-01-01T00:00:00.000Z" || started["jobTags"] == nil {
		t.Errorf("started event = %v", started)
	}
	msg, cls := "boom", "STREAM_FAILED"
	var term map[string]any
	if err := json.Unmarshal([]byte(terminatedEvent("a", "b", &msg, &cls)), &term); err != nil {
		t.Fatal(err)
	}
	if term["exception"] != "boom" || term["errorClassOnException"] != "STREAM_FAILED" {
		t.Errorf("terminated event = %v", term)
	}
}

func TestFileSourceGlobAndSubdirectories(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.json", "b.csv", "c.json"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("{}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	attrs := []logical.Attr{{ID: logical.NewID(), Name: "x", Type: types.Long}}
	s, err := newSource(&logical.StreamSource{Format: "json", Paths: []string{filepath.Join(dir, "*.json")}, Attrs: attrs}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if has, err := s.poll(time.Now()); err != nil || !has || len(s.pendingFiles) != 2 {
		t.Fatalf("glob poll = %v, %v, %v; want the two .json files", has, err, s.pendingFiles)
	}
	if err := os.Mkdir(filepath.Join(dir, "k=1"), 0o755); err != nil {
		t.Fatal(err)
	}
	d, err := newSource(&logical.StreamSource{Format: "json", Paths: []string{dir}, Attrs: attrs}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.poll(time.Now()); err == nil {
		t.Fatal("a partitioned directory must be refused, not read without its subdirectories")
	}
}

func TestWatermarkAdvance(t *testing.T) {
	if d, ok := watermarkDelayMs(`{"a":1,"spark.watermarkDelayMs":5000}`); !ok || d != 5000 {
		t.Errorf("watermarkDelayMs = %d, %v; want 5000", d, ok)
	}
	if _, ok := watermarkDelayMs(`{"spark.timeWindow":true}`); ok {
		t.Error("metadata without a delay must not count as a watermark")
	}
	q := &Query{wm: &eventTimeAgg{delayUs: 5_000_000}}
	steps := []struct {
		maxEvent    int64 // µs seen by the batch (0 = none)
		moved       bool
		wm, emitted int64
	}{
		{0, false, 0, 0},                         // no event time yet: stays at 0
		{12_000_000, true, 7_000_000, 0},         // 12s - 5s
		{0, false, 7_000_000, 7_000_000},         // no-data batch emits up to 7s
		{6_000_000, false, 7_000_000, 7_000_000}, // a late row never moves it back
		{30_000_000, true, 25_000_000, 7_000_000},
	}
	for i, st := range steps {
		if st.maxEvent > 0 && (!q.sawEvent || st.maxEvent > q.maxEvent) {
			q.maxEvent, q.sawEvent = st.maxEvent, true
		}
		moved := q.advanceWatermark()
		if moved != st.moved || q.watermark != st.wm || q.emitted != st.emitted {
			t.Errorf("step %d: moved %v watermark %d emitted %d; want %v %d %d", i, moved, q.watermark, q.emitted, st.moved, st.wm, st.emitted)
		}
	}
}
