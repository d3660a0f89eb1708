package connect

import (
	"reflect"
	"testing"

	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sparkpb"
)

func TestWithWatermarkConversion(t *testing.T) {
	needSQL(t)
	tests := []struct {
		name, eventTime, delay string
		wantParts              []string
		wantDelay              plan.CalendarInterval
		wantClass, wantJava    string
	}{
		{name: "minutes", eventTime: "ts", delay: "10 minutes", wantParts: []string{"ts"}, wantDelay: plan.CalendarInterval{Microseconds: 600_000_000}},
		{name: "prefix and months", eventTime: "ts", delay: "interval 1 month 2 days", wantParts: []string{"ts"}, wantDelay: plan.CalendarInterval{Months: 1, Days: 2}},
		{name: "month minus days is positive", eventTime: "ts", delay: "1 month -30 days", wantParts: []string{"ts"}, wantDelay: plan.CalendarInterval{Months: 1, Days: -30}},
		{name: "zero", eventTime: "`a.b`", delay: "0 seconds", wantParts: []string{"a.b"}},
		{name: "nested name kept for the analyzer", eventTime: "st.ts", delay: "1 day", wantParts: []string{"st", "ts"}, wantDelay: plan.CalendarInterval{Days: 1}},
		{name: "unparsable delay", eventTime: "ts", delay: "abc", wantClass: "CANNOT_PARSE_INTERVAL"},
		{name: "negative delay", eventTime: "ts", delay: "-10 seconds", wantJava: sparkerr.IllegalArgument},
		{name: "months count 31 days", eventTime: "ts", delay: "-2 months 40 days", wantJava: sparkerr.IllegalArgument},
		{name: "event time not a name", eventTime: "ts + interval 1 day", delay: "1 day", wantClass: "PARSE_SYNTAX_ERROR"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := &sparkpb.Relation{RelType: &sparkpb.Relation_WithWatermark{WithWatermark: &sparkpb.WithWatermark{
				Input: rangeRel(3), EventTime: tc.eventTime, DelayThreshold: tc.delay}}}
			got, err := Relation(r)
			if tc.wantClass != "" || tc.wantJava != "" {
				se, ok := sparkerr.As(err)
				if !ok {
					t.Fatalf("want a Spark error, got %v", err)
				}
				if tc.wantClass != "" && se.Class != tc.wantClass {
					t.Fatalf("class %q, want %q", se.Class, tc.wantClass)
				}
				if tc.wantJava != "" && se.JavaClass != tc.wantJava {
					t.Fatalf("java class %q, want %q", se.JavaClass, tc.wantJava)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			w, ok := got.(*plan.WithWatermark)
			if !ok {
				t.Fatalf("got %T", got)
			}
			if !reflect.DeepEqual(w.EventTime, tc.wantParts) || w.Delay != tc.wantDelay {
				t.Fatalf("got %q %+v, want %q %+v", w.EventTime, w.Delay, tc.wantParts, tc.wantDelay)
			}
		})
	}
}

func TestDeduplicateWithinWatermarkConversion(t *testing.T) {
	for _, within := range []bool{false, true} {
		r := &sparkpb.Relation{RelType: &sparkpb.Relation_Deduplicate{Deduplicate: &sparkpb.Deduplicate{
			Input: rangeRel(3), ColumnNames: []string{"id"}, WithinWatermark: ptr(within)}}}
		got, err := Relation(r)
		if err != nil {
			t.Fatal(err)
		}
		if d := got.(*plan.Deduplicate); d.WithinWatermark != within {
			t.Errorf("within_watermark=%v converted to %v", within, d.WithinWatermark)
		}
	}
}

func TestTransposeConversion(t *testing.T) {
	tests := []struct {
		name      string
		index     []*sparkpb.Expression
		wantIndex bool
		wantErr   bool
	}{
		{name: "default index", index: nil},
		{name: "one index", index: []*sparkpb.Expression{col("k")}, wantIndex: true},
		{name: "two indexes", index: []*sparkpb.Expression{col("k"), col("j")}, wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := &sparkpb.Relation{RelType: &sparkpb.Relation_Transpose{Transpose: &sparkpb.Transpose{Input: rangeRel(3), IndexColumns: tc.index}}}
			got, err := Relation(r)
			if tc.wantErr {
				if err == nil {
					t.Fatal("want an error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tr := got.(*plan.Transpose); (tr.Index != nil) != tc.wantIndex {
				t.Fatalf("index %v, want set=%v", tr.Index, tc.wantIndex)
			}
		})
	}
}
