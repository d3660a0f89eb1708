package functions

import (
	"math"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// Calendar intervals (make_interval, INTERVAL '...' literals read as
// CalendarIntervalType) multiplied or divided by a number: Spark's
// multiply_interval / divide_interval, behind the * and / operators and
// try_multiply / try_divide. The number is read as a DOUBLE; each field is
// scaled in double precision; the months' fraction is dropped, the days'
// fraction carries into the microseconds, which round half up.

// CalScaleMode says how a scaled calendar interval handles overflow.
type CalScaleMode int32

const (
	// CalScaleTry gives NULL on overflow or division by zero (try_*).
	CalScaleTry CalScaleMode = iota
	// CalScaleANSI raises ARITHMETIC_OVERFLOW / INTERVAL_DIVIDED_BY_ZERO.
	CalScaleANSI
	// CalScaleLegacy saturates the fields as Java's double-to-int
	// conversion does; division by zero is NULL.
	CalScaleLegacy
)

// ScaleCalendarInterval multiplies (or divides) the interval
// (months, days, micros) by num. null reports a NULL result.
func ScaleCalendarInterval(months, days int32, micros int64, num float64, divide bool, mode CalScaleMode) (m, d int32, us int64, null bool, err error) {
	var fm, fd, fu float64
	if divide {
		if num == 0 {
			if mode == CalScaleANSI {
				return 0, 0, 0, false, sparkerr.Newf("INTERVAL_DIVIDED_BY_ZERO")
			}
			return 0, 0, 0, true, nil
		}
		fm, fd, fu = float64(months)/num, float64(days)/num, float64(micros)/num
	} else {
		fm, fd, fu = num*float64(months), num*float64(days), num*float64(micros)
	}
	if mode == CalScaleLegacy {
		d = JavaDoubleToInt(fd)
		m = JavaDoubleToInt(fm)
	} else {
		lm, ld := JavaDoubleToLong(fm), JavaDoubleToLong(fd)
		if lm != int64(int32(lm)) || ld != int64(int32(ld)) {
			if mode == CalScaleANSI {
				return 0, 0, 0, false, sparkerr.Newf("ARITHMETIC_OVERFLOW", "message", "overflow", "alternative", "", "config", "\"spark.sql.ansi.enabled\"")
			}
			return 0, 0, 0, true, nil
		}
		m, d = int32(lm), int32(ld)
	}
	us = javaRound(fu + microsPerDay*(fd-float64(d)))
	return m, d, us, false, nil
}

// JavaDoubleToLong is Java's (long) conversion: truncation, saturating,
// NaN as 0.
func JavaDoubleToLong(f float64) int64 {
	switch {
	case math.IsNaN(f):
		return 0
	case f >= math.MaxInt64:
		return math.MaxInt64
	case f <= math.MinInt64:
		return math.MinInt64
	}
	return int64(f)
}

// JavaDoubleToInt is Java's (int) conversion of a double.
func JavaDoubleToInt(f float64) int32 {
	switch {
	case math.IsNaN(f):
		return 0
	case f >= math.MaxInt32:
		return math.MaxInt32
	case f <= math.MinInt32:
		return math.MinInt32
	}
	return int32(f)
}

// javaRound is Java's Math.round(double): the nearest long, halves up,
// saturating, NaN as 0.
func javaRound(f float64) int64 {
	if math.IsNaN(f) {
		return 0
	}
	fl := math.Floor(f)
	if f-fl >= 0.5 {
		fl++
	}
	return JavaDoubleToLong(fl)
}

// resolveCalendarScale types interval * number, number * interval and
// interval / number for a calendar interval; ok is false for other
// operands. As in Spark, a calendar interval on the left (or, for *, on
// the right) makes the call multiply_interval / divide_interval, whose
// second parameter must be a DOUBLE.
func resolveCalendarScale(op string, l, r logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if op != "*" && op != "/" {
		return nil, nil, false, nil
	}
	isCal := func(e logical.Expr) bool { return e.Type().Kind() == types.KindCalendarInterval }
	iv, num, swapped := l, r, false
	switch {
	case isCal(l):
	case op == "*" && isCal(r):
		iv, num, swapped = r, l, true
	case op == "/" && isCal(r):
		// A number divided by an interval: no such operation.
		return nil, nil, true, sparkerr.Newf("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
			"sqlExpr", "\""+arithSQL(op, []logical.Expr{l, r})+"\"",
			"left", "\""+strings.ToUpper(l.Type().SimpleString())+"\"",
			"right", "\""+strings.ToUpper(r.Type().SimpleString())+"\"")
	default:
		return nil, nil, false, nil
	}
	if !isNumberOperand(num.Type()) {
		fn := "multiply_interval"
		if op == "/" {
			fn = "divide_interval"
		}
		return nil, nil, true, typeMismatch(fn+"("+iv.SQL()+", "+num.SQL()+")", 2, `"DOUBLE"`, num)
	}
	num = ImplicitCast(num, types.Double)
	if swapped {
		return []logical.Expr{num, iv}, types.CalendarInterval, true, nil
	}
	return []logical.Expr{iv, num}, types.CalendarInterval, true, nil
}

// lowerCalendarScale lowers a call typed by resolveCalendarScale.
func lowerCalendarScale(op string, call *logical.Call, args []string, mode CalScaleMode) (string, bool) {
	if call.T.Kind() != types.KindCalendarInterval || len(args) != 2 || (op != "*" && op != "/") {
		return "", false
	}
	iv, num := args[0], args[1]
	if call.Args[0].Type().Kind() != types.KindCalendarInterval {
		iv, num = num, iv
	}
	divide := "false"
	if op == "/" {
		divide = "true"
	}
	return "ember_calendar_scale(" + iv + ", CAST(" + num + " AS DOUBLE), " + divide + ", " + itoa(int(mode)) + ")", true
}

// prettyCalendarScale names a calendar interval product or quotient as
// Spark does (multiply_interval(interval, number)); other calls fall back
// to the infix operator.
func prettyCalendarScale(op string) PrettyFunc {
	in := infix(op)
	return func(name string, args []logical.Expr, d bool) string {
		if len(args) == 2 {
			l, r := args[0], args[1]
			if op == "*" && r.Type().Kind() == types.KindCalendarInterval && l.Type().Kind() != types.KindCalendarInterval {
				l, r = r, l
			}
			if l.Type().Kind() == types.KindCalendarInterval && r.Type().Kind() != types.KindCalendarInterval {
				fn := "multiply_interval"
				if op == "/" {
					fn = "divide_interval"
				}
				return fn + "(" + l.SQL() + ", " + r.SQL() + ")"
			}
		}
		return in(name, args, d)
	}
}

func calScaleMode(c *LowerCtx) CalScaleMode {
	if c.ANSI {
		return CalScaleANSI
	}
	return CalScaleLegacy
}

// lowerDateAddInterval is date ± calendar interval (Spark's
// DateAddInterval): months, then days, added to the date. An interval with
// a time part raises INVALID_INTERVAL_WITH_MICROSECONDS_ADDITION under
// ANSI; without it the date's midnight in the session time zone is
// shifted as a timestamp and its local date taken.
func lowerDateAddInterval(c *LowerCtx, op string, args []string) string {
	d, iv := args[0], args[1]
	exact := "CAST(" + d + " " + op + " " + iv + " AS DATE)"
	withTime := RaiseSQL("INVALID_INTERVAL_WITH_MICROSECONDS_ADDITION")
	if !c.ANSI {
		ts := fromLocal(c, "CAST("+d+" AS TIMESTAMP)") + " " + op + " " + iv
		withTime = "CAST(" + toLocal(c, ts) + " AS DATE)"
	}
	return "(CASE WHEN " + d + " IS NULL OR " + iv + " IS NULL THEN NULL WHEN ember_interval_micros(" + iv + ") = 0 THEN " + exact + " ELSE " + withTime + " END)"
}

// AddCalendarIntervals adds (or subtracts) two calendar intervals field by
// field. An overflowing field raises ARITHMETIC_OVERFLOW under
// CalScaleANSI, gives NULL under CalScaleTry and wraps in legacy mode.
func AddCalendarIntervals(m1, d1 int32, us1 int64, m2, d2 int32, us2 int64, subtract bool, mode CalScaleMode) (m, d int32, us int64, null bool, err error) {
	if subtract {
		m2, d2, us2 = -m2, -d2, -us2
	}
	wm, wd := int64(m1)+int64(m2), int64(d1)+int64(d2)
	wus := us1 + us2
	overflow := wm != int64(int32(wm)) || wd != int64(int32(wd)) ||
		(us1 >= 0) == (us2 >= 0) && (wus >= 0) != (us1 >= 0)
	if subtract {
		// Negating the minimum of a field overflows too.
		overflow = overflow || m2 == math.MinInt32 && m1 >= 0 || d2 == math.MinInt32 && d1 >= 0 || us2 == math.MinInt64 && us1 >= 0
	}
	if overflow && mode != CalScaleLegacy {
		if mode == CalScaleANSI {
			return 0, 0, 0, false, sparkerr.Newf("ARITHMETIC_OVERFLOW", "message", "overflow", "alternative", "", "config", "\"spark.sql.ansi.enabled\"")
		}
		return 0, 0, 0, true, nil
	}
	return int32(wm), int32(wd), wus, false, nil
}

// lowerCalendarAdd lowers calendar interval ± calendar interval.
func lowerCalendarAdd(op string, call *logical.Call, args []string, mode CalScaleMode) (string, bool) {
	if (op != "+" && op != "-") || len(call.Args) != 2 || call.T.Kind() != types.KindCalendarInterval ||
		call.Args[0].Type().Kind() != types.KindCalendarInterval || call.Args[1].Type().Kind() != types.KindCalendarInterval {
		return "", false
	}
	return "ember_calendar_add(" + args[0] + ", " + args[1] + ", " + strconv.FormatBool(op == "-") + ", " + itoa(int(mode)) + ")", true
}
