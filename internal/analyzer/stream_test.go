package analyzer_test

import (
	"testing"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
)

func TestStreamSources(t *testing.T) {
	rate := &plan.ReadSource{Format: "rate", Streaming: true}
	tests := []struct {
		name      string
		rel       plan.Relation
		want      string
		streaming bool
		metadata  string // of the last column
	}{
		{name: "rate", rel: rate, want: "timestamp timestamp, value bigint", streaming: true},
		{name: "socket", rel: &plan.ReadSource{Format: "socket", Streaming: true, Options: map[string]string{"host": "h", "port": "1", "includeTimestamp": "true"}},
			want: "value string, timestamp timestamp", streaming: true},
		{name: "socket without host", rel: &plan.ReadSource{Format: "socket", Streaming: true}, want: "error _LEGACY_ERROR_TEMP_1295"},
		{name: "file source needs a schema", rel: &plan.ReadSource{Format: "json", Streaming: true, Paths: []string{"/x"}}, want: "error _LEGACY_ERROR_TEMP_2048"},
		{name: "file source with schema", rel: &plan.ReadSource{Format: "json", Streaming: true, Paths: []string{"/x"}, Schema: "a int"},
			want: "a int", streaming: true},
		{name: "unknown", rel: &plan.ReadSource{Format: "nosuch", Streaming: true}, want: "error DATA_SOURCE_NOT_FOUND"},
		{name: "watermark tags the event time", rel: &plan.WithWatermark{Input: rate, EventTime: []string{"VALUE"}, Delay: plan.CalendarInterval{Months: 1, Days: 1, Microseconds: 1500}},
			want: `timestamp timestamp, value bigint {"spark.watermarkDelayMs":2764800001}`, streaming: true, metadata: `{"spark.watermarkDelayMs":2764800001}`},
		{name: "batch stays batch", rel: &plan.SQL{Query: "SELECT 1 AS a"}, want: "a int not null"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := resolveIR(t, tc.rel)
			if err != nil {
				if got := "error " + errClass(err); got != tc.want {
					t.Fatalf("got  %s\nwant %s", got, tc.want)
				}
				return
			}
			if got := schemaText(p); got != tc.want {
				t.Fatalf("got  %s\nwant %s", got, tc.want)
			}
			if got := logical.IsStreaming(p); got != tc.streaming {
				t.Fatalf("IsStreaming = %v", got)
			}
			out := p.Output()
			if got := out[len(out)-1].Metadata; got != tc.metadata {
				t.Fatalf("metadata %q, want %q", got, tc.metadata)
			}
		})
	}
}
