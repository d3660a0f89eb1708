package functions

import (
	"testing"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

func TestIntervalArithTypes(t *testing.T) {
	ansi := &Ctx{ANSI: true, TimeZone: "UTC"}
	day := types.DayTimeInterval{Start: types.DayField, End: types.DayField}
	hour := types.DayTimeInterval{Start: types.HourField, End: types.HourField}
	second := types.DayTimeInterval{Start: types.SecondField, End: types.SecondField}
	month := types.YearMonthInterval{Start: types.MonthField, End: types.MonthField}
	year := types.YearMonthInterval{Start: types.YearField, End: types.YearField}
	col := func(name string, t types.DataType) logical.Expr {
		return &logical.ColRef{Attr: logical.Attr{ID: logical.NewID(), Name: name, Type: t, Nullable: true}}
	}
	tests := []struct {
		name     string
		fn       string
		args     []logical.Expr
		wantType types.DataType
		wantErr  string
	}{
		{"day + hour spans both", "+", []logical.Expr{col("a", day), col("b", hour)}, types.DayTimeInterval{Start: types.DayField, End: types.HourField}, ""},
		{"hour - second spans both", "-", []logical.Expr{col("a", hour), col("b", second)}, types.DayTimeInterval{Start: types.HourField, End: types.SecondField}, ""},
		{"year + month", "+", []logical.Expr{col("a", year), col("b", month)}, yearToMonth, ""},
		{"day-time and year-month do not mix", "+", []logical.Expr{col("a", day), col("b", month)}, nil, "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES"},
		{"timestamp - timestamp", "-", []logical.Expr{col("a", types.Timestamp), col("b", types.Timestamp)}, dayToSecond, ""},
		{"date - timestamp", "-", []logical.Expr{col("a", types.Date), col("b", types.Timestamp)}, dayToSecond, ""},
		{"date - date stays days", "-", []logical.Expr{col("a", types.Date), col("b", types.Date)}, day, ""},
		{"interval * int", "*", []logical.Expr{col("a", hour), col("n", types.Int)}, dayToSecond, ""},
		{"double * interval", "*", []logical.Expr{col("n", types.Double), col("a", month)}, yearToMonth, ""},
		{"interval / decimal", "/", []logical.Expr{col("a", second), col("n", types.Decimal{Precision: 3, Scale: 1})}, dayToSecond, ""},
		{"number + day-time interval fails", "+", []logical.Expr{col("a", day), col("n", types.Int)}, nil, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{"try_add of intervals", "try_add", []logical.Expr{col("a", day), col("b", day)}, day, ""},
		{"try_divide of an interval", "try_divide", []logical.Expr{col("a", year), col("n", types.Int)}, yearToMonth, ""},
		{"avg of an hour interval", "avg", []logical.Expr{col("a", hour)}, dayToSecond, ""},
		{"sum keeps the interval type", "sum", []logical.Expr{col("a", month)}, month, ""},
		{"extract hour of an interval is a tinyint", "extract", []logical.Expr{&logical.Lit{T: types.String, V: "HOUR", Text: "HOUR"}, col("a", types.DayTimeInterval{Start: types.DayField, End: types.SecondField})}, types.Byte, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := Call(ansi, tc.fn, tc.args, false)
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
		})
	}
}
