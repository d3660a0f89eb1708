package functions

import (
	"testing"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

func TestDatetime3Resolve(t *testing.T) {
	col := func(name string, t types.DataType, nullable bool) logical.Expr {
		return &logical.ColRef{Attr: logical.Attr{ID: logical.NewID(), Name: name, Type: t, Nullable: nullable}}
	}
	str := func(s string) logical.Expr { return &logical.Lit{T: types.String, V: s, Text: s} }
	hour := types.DayTimeInterval{Start: types.HourField, End: types.HourField}
	ansi := &Ctx{ANSI: true, TimeZone: "UTC"}
	legacy := &Ctx{ANSI: false, TimeZone: "UTC"}
	ts := col("ts", types.Timestamp, true)
	ntz := col("n", types.TimestampNTZ, false)
	d := col("d", types.Date, false)
	s := col("s", types.String, false)
	i := col("i", types.Int, false)
	dtSecond := types.DayTimeInterval{Start: types.DayField, End: types.SecondField}
	window := types.Struct{Fields: []types.Field{{Name: "start", Type: types.Timestamp, Nullable: true}, {Name: "end", Type: types.Timestamp, Nullable: true}}}
	tests := []struct {
		name     string
		ctx      *Ctx
		fn       string
		args     []logical.Expr
		wantType types.DataType
		wantNull bool
		wantSQL  string
		wantErr  string
	}{
		{"current_timezone", ansi, "current_timezone", nil, types.String, false, "current_timezone()", ""},
		{"weekday of a date", ansi, "weekday", []logical.Expr{d}, types.Int, false, "weekday(d)", ""},
		{"dayname of a string may fail", ansi, "dayname", []logical.Expr{s}, types.String, true, "dayname(s)", ""},
		{"monthname of a timestamp", ansi, "monthname", []logical.Expr{ts}, types.String, true, "monthname(ts)", ""},
		{"date_diff", ansi, "date_diff", []logical.Expr{d, d}, types.Int, false, "date_diff(d, d)", ""},
		{"date_from_unix_date", ansi, "date_from_unix_date", []logical.Expr{i}, types.Date, false, "date_from_unix_date(i)", ""},
		{"unix_date", ansi, "unix_date", []logical.Expr{d}, types.Int, false, "unix_date(d)", ""},
		{"unix_micros", ansi, "unix_micros", []logical.Expr{ts}, types.Long, true, "unix_micros(ts)", ""},
		{"timestamp_millis", ansi, "timestamp_millis", []logical.Expr{i}, types.Timestamp, false, "timestamp_millis(i)", ""},
		{"try_to_date is nullable", ansi, "try_to_date", []logical.Expr{s}, types.Date, true, "try_to_date(s)", ""},
		{"to_timestamp_ntz with a pattern", ansi, "to_timestamp_ntz", []logical.Expr{s, str("yyyy")}, types.TimestampNTZ, true, "to_timestamp_ntz(s, yyyy)", ""},
		{"to_timestamp_ltz of an int fails", ansi, "to_timestamp_ltz", []logical.Expr{i}, nil, false, "", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"make_timestamp_ntz", ansi, "make_timestamp_ntz", []logical.Expr{i, i, i, i, i, i}, types.TimestampNTZ, false, "make_timestamp_ntz(i, i, i, i, i, i)", ""},
		{"try_make_timestamp_ltz is nullable", ansi, "try_make_timestamp_ltz", []logical.Expr{i, i, i, i, i, i}, types.Timestamp, true, "try_make_timestamp_ltz(i, i, i, i, i, i)", ""},
		{"timestampadd keeps ntz", ansi, "timestampadd", []logical.Expr{str("MONTH"), i, ntz}, types.TimestampNTZ, false, "timestampadd(MONTH, i, n)", ""},
		{"timestampadd bad unit", ansi, "timestampadd", []logical.Expr{str("FORTNIGHT"), i, ts}, nil, false, "", "INVALID_PARAMETER_VALUE.DATETIME_UNIT"},
		{"timestampdiff is bigint", ansi, "timestampdiff", []logical.Expr{str("year"), ts, ts}, types.Long, true, "timestampdiff(year, ts, ts)", ""},
		{"convert_timezone shows the session zone", ansi, "convert_timezone", []logical.Expr{str("UTC"), ntz}, types.TimestampNTZ, false, "convert_timezone(current_timezone(), UTC, n)", ""},
		{"make_ym_interval fills defaults", ansi, "make_ym_interval", []logical.Expr{i}, types.YearMonthInterval{Start: types.YearField, End: types.MonthField}, false, "make_ym_interval(i, 0)", ""},
		{"make_dt_interval fills defaults", ansi, "make_dt_interval", nil, dtSecond, false, "make_dt_interval(0, 0, 0, 0.000000)", ""},
		{"make_interval legacy is nullable", legacy, "make_interval", []logical.Expr{i}, types.CalendarInterval, true, "make_interval(i, 0, 0, 0, 0, 0, 0.000000)", ""},
		{"make_interval ansi", ansi, "make_interval", []logical.Expr{i, i}, types.CalendarInterval, false, "make_interval(i, i, 0, 0, 0, 0, 0.000000)", ""},
		{"try_make_interval is nullable", ansi, "try_make_interval", []logical.Expr{i}, types.CalendarInterval, true, "try_make_interval(i, 0, 0, 0, 0, 0, 0.000000)", ""},
		{"extract seconds with fraction", ansi, "extract", []logical.Expr{str("S"), ts}, types.Decimal{Precision: 8, Scale: 6}, true, "extract(S FROM ts)", ""},
		{"window", ansi, "window", []logical.Expr{ts, str("5 seconds")}, window, false, "window", ""},
		{"sliding window", ansi, "window", []logical.Expr{ts, str("10 seconds"), str("5 seconds")}, window, false, "window", ""},
		{"slide longer than the window", ansi, "window", []logical.Expr{ts, str("5 seconds"), str("10 seconds")}, nil, false, "", "DATATYPE_MISMATCH.PARAMETER_CONSTRAINT_VIOLATION"},
		{"window of months", ansi, "window", []logical.Expr{ts, str("1 month")}, nil, false, "", "_LEGACY_ERROR_TEMP_3231"},
		{"window_time", ansi, "window_time", []logical.Expr{col("window", window, false)}, types.Timestamp, true, "window_time(window)", ""},
		{"session_window", ansi, "session_window", []logical.Expr{ts, str("5 seconds")}, window, false, "session_window", ""},
		{"time_bucket shows the origin", ansi, "time_bucket", []logical.Expr{&logical.Lit{T: hour, V: plan.DayTime(3600000000), Text: "INTERVAL '01' HOUR"}, ts}, types.Timestamp, true, "time_bucket(INTERVAL '01' HOUR, ts, TIMESTAMP '1970-01-01 00:00:00')", ""},
		{"time_bucket needs a positive size", ansi, "time_bucket", []logical.Expr{&logical.Lit{T: hour, V: plan.DayTime(0), Text: "INTERVAL '00' HOUR"}, ts}, nil, false, "", "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE"},
		{"time_bucket needs a constant size", ansi, "time_bucket", []logical.Expr{col("x", hour, false), ts}, nil, false, "", "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT"},
		{"time_bucket of a string fails", ansi, "time_bucket", []logical.Expr{&logical.Lit{T: hour, V: plan.DayTime(1), Text: "x"}, s}, nil, false, "", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := Call(tc.ctx, tc.fn, tc.args, false)
			if tc.wantErr != "" {
				if se, ok := sparkerr.As(err); !ok || se.Class != tc.wantErr {
					t.Fatalf("got %v, want error %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !types.Equal(e.Type(), tc.wantType) {
				t.Errorf("type %s, want %s", e.Type().SimpleString(), tc.wantType.SimpleString())
			}
			if e.Nullable() != tc.wantNull {
				t.Errorf("nullable %v, want %v", e.Nullable(), tc.wantNull)
			}
			if e.SQL() != tc.wantSQL {
				t.Errorf("name %q, want %q", e.SQL(), tc.wantSQL)
			}
		})
	}
}

func TestDurationMicros(t *testing.T) {
	for in, want := range map[string]int64{
		"5 seconds": 5_000_000, "1 day 2 hours": 26 * 3600_000_000, "interval 1 minute": 60_000_000,
		"2 weeks": 14 * 86400_000_000, "10 milliseconds": 10_000, "1 microsecond": 1,
	} {
		got, err := durationMicros(in)
		if err != nil || got != want {
			t.Errorf("durationMicros(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "5", "five seconds", "1 fortnight", "1 month"} {
		if _, err := durationMicros(in); err == nil {
			t.Errorf("durationMicros(%q): no error", in)
		}
	}
}
