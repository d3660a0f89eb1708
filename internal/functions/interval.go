package functions

import (
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// ANSI interval arithmetic.
//
// Spark keeps a day-time interval as a count of microseconds (a long) and a
// year-month interval as a count of months (an int); DuckDB keeps both as
// its INTERVAL (months, days, micros). The lowering never lets DuckDB's own
// interval arithmetic decide a result (it splits months into days and days
// into hours by its own rules): it takes the interval apart into Spark's
// single number (epoch_us for day-time, ember_ym_months for year-month),
// computes in HUGEINT, checks the range Spark's Java arithmetic has and
// builds the interval again (to_microseconds / to_months).
//
// Typing follows Spark: interval ± interval of one family spans the fields
// of both operands; interval * or / a number is the family's widest type
// (DAY TO SECOND, YEAR TO MONTH); timestamp - timestamp is DAY TO SECOND.

func init() {
	Macros = append(Macros, intervalMacros...)
}

var intervalMacros = []string{
	// The months of a year-month interval (DuckDB splits them in years and months).
	`CREATE OR REPLACE MACRO ember_ym_months(x) AS (12 * datepart('year', x) + datepart('month', x))`,
	// a / n rounded half away from zero (Java's RoundingMode.HALF_UP) in
	// exact integer arithmetic; DuckDB's // truncates toward zero.
	`CREATE OR REPLACE MACRO ember_div_half_up(a, n) AS (CASE WHEN (a >= 0) = (n > 0) THEN (2 * a + n) // (2 * n) ELSE (2 * a - n) // (2 * n) END)`,
}

func isANSIInterval(t types.DataType) bool {
	k := t.Kind()
	return k == types.KindDayTimeInterval || k == types.KindYearMonthInterval
}

// intervalWider is the interval type spanning the fields of two intervals
// of one family.
func intervalWider(a, b types.DataType) (types.DataType, bool) {
	switch x := a.(type) {
	case types.DayTimeInterval:
		if y, ok := b.(types.DayTimeInterval); ok {
			return types.DayTimeInterval{Start: min(x.Start, y.Start), End: max(x.End, y.End)}, true
		}
	case types.YearMonthInterval:
		if y, ok := b.(types.YearMonthInterval); ok {
			return types.YearMonthInterval{Start: min(x.Start, y.Start), End: max(x.End, y.End)}, true
		}
	}
	return nil, false
}

var (
	dayToSecond = types.DayTimeInterval{Start: types.DayField, End: types.SecondField}
	yearToMonth = types.YearMonthInterval{Start: types.YearField, End: types.MonthField}
)

// resolveIntervalArith types the interval forms of + - * /; ok is false
// when neither operand makes it interval arithmetic.
func resolveIntervalArith(op string, l, r logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	lt, rt := l.Type(), r.Type()
	switch op {
	case "+", "-":
		if w, ok := intervalWider(lt, rt); ok {
			return []logical.Expr{ImplicitCast(l, w), ImplicitCast(r, w)}, w, true, nil
		}
		if op == "-" && isTimestampLike(lt) && isTimestampLike(rt) && !(lt.Kind() == types.KindDate && rt.Kind() == types.KindDate) {
			// timestamp - timestamp (a date operand becomes a timestamp).
			t := types.DataType(types.TimestampNTZ)
			if lt.Kind() == types.KindTimestamp || rt.Kind() == types.KindTimestamp {
				t = types.Timestamp
			}
			return []logical.Expr{ImplicitCast(l, t), ImplicitCast(r, t)}, dayToSecond, true, nil
		}
		if op == "+" && (lt.Kind() == types.KindDayTimeInterval && types.IsNumeric(rt) || rt.Kind() == types.KindDayTimeInterval && types.IsNumeric(lt)) {
			// Spark reads number + day-time interval as a timestamp plus
			// the interval, with the number first, and rejects the number.
			num, iv := r, l
			if types.IsNumeric(lt) {
				num, iv = l, r
			}
			return nil, nil, true, sparkerr.Newf("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
				"sqlExpr", "\""+num.SQL()+" + "+iv.SQL()+"\"", "paramIndex", "first",
				"requiredType", "\"(TIMESTAMP OR TIMESTAMP WITHOUT TIME ZONE)\"",
				"inputSql", "\""+num.SQL()+"\"", "inputType", "\""+strings.ToUpper(num.Type().SimpleString())+"\"")
		}
	case "*":
		if isANSIInterval(lt) && isNumberOperand(rt) {
			return []logical.Expr{l, numberOperand(r)}, widestInterval(lt), true, nil
		}
		if isANSIInterval(rt) && isNumberOperand(lt) {
			return []logical.Expr{numberOperand(l), r}, widestInterval(rt), true, nil
		}
	case "/":
		if isANSIInterval(lt) && isNumberOperand(rt) {
			return []logical.Expr{l, numberOperand(r)}, widestInterval(lt), true, nil
		}
	}
	return nil, nil, false, nil
}

func isTimestampLike(t types.DataType) bool {
	switch t.Kind() {
	case types.KindTimestamp, types.KindTimestampNTZ, types.KindDate:
		return true
	}
	return false
}

// isNumberOperand: the operand an interval is multiplied or divided by
// (a string is read as a DOUBLE, NULL as a BIGINT).
func isNumberOperand(t types.DataType) bool {
	return types.IsNumeric(t) || t.Kind() == types.KindNull || types.IsStringLike(t)
}

func numberOperand(e logical.Expr) logical.Expr {
	switch {
	case e.Type().Kind() == types.KindNull:
		return ImplicitCast(e, types.Long)
	case types.IsStringLike(e.Type()):
		return ImplicitCast(e, types.Double)
	}
	return e
}

func widestInterval(t types.DataType) types.DataType {
	if t.Kind() == types.KindYearMonthInterval {
		return yearToMonth
	}
	return dayToSecond
}

// intervalNumber is the SQL of an interval's Spark number (BIGINT).
func intervalNumber(arg string, t types.DataType) string {
	if t.Kind() == types.KindYearMonthInterval {
		return "ember_ym_months(" + arg + ")"
	}
	return "epoch_us(" + arg + ")"
}

// intervalFromNumber builds the interval of type t from an in-range BIGINT.
func intervalFromNumber(n string, t types.DataType) string {
	if t.Kind() == types.KindYearMonthInterval {
		return "to_months(CAST(" + n + " AS INTEGER))"
	}
	return "to_microseconds(CAST(" + n + " AS BIGINT))"
}

// checkedInterval builds the interval of type t from the HUGEINT h, or
// onOverflow when h is outside the range of the family's Java type.
func checkedInterval(h string, t types.DataType, onOverflow string) string {
	lo, hi := "-9223372036854775808", "9223372036854775807"
	if t.Kind() == types.KindYearMonthInterval {
		lo, hi = "-2147483648", "2147483647"
	}
	return "(CASE WHEN (" + h + ") IS NULL THEN NULL WHEN (" + h + ") BETWEEN " + lo + " AND " + hi + " THEN " + intervalFromNumber(h, t) + " ELSE " + onOverflow + " END)"
}

// lowerIntervalArith lowers the calls resolveIntervalArith typed; ok is
// false for any other call. With try, overflow and division by zero give
// NULL instead of Spark's errors.
func lowerIntervalArith(op string, call *logical.Call, args []string, try bool) (string, bool) {
	if len(call.Args) != 2 || !isANSIInterval(call.T) {
		return "", false
	}
	lt, rt := call.Args[0].Type(), call.Args[1].Type()
	raise := func(class string, kv ...string) string {
		if try {
			return "NULL"
		}
		return RaiseSQL(class, kv...)
	}
	switch op {
	case "+", "-":
		if isANSIInterval(lt) && isANSIInterval(rt) {
			fn := "`try_add`"
			if op == "-" {
				fn = "`try_subtract`"
			}
			h := "CAST(" + intervalNumber(args[0], lt) + " AS HUGEINT) " + op + " " + intervalNumber(args[1], rt)
			// Spark 3.5 names the class without its subclass and prints
			// Java's overflow text.
			java := "long"
			if call.T.Kind() == types.KindYearMonthInterval {
				java = "integer"
			}
			text35 := "[INTERVAL_ARITHMETIC_OVERFLOW] " + java + " overflow. Use '" + strings.Trim(fn, "`") + "' to tolerate overflow and return NULL instead."
			return checkedInterval(h, call.T, raise("INTERVAL_ARITHMETIC_OVERFLOW.WITH_SUGGESTION", "functionName", fn, Text35Key, text35)), true
		}
		if op == "-" && isTimestampLike(lt) && isTimestampLike(rt) && !(lt.Kind() == types.KindDate && rt.Kind() == types.KindDate) {
			h := "CAST(epoch_us(" + args[0] + ") AS HUGEINT) - epoch_us(" + args[1] + ")"
			return checkedInterval(h, call.T, raise("INTERVAL_ARITHMETIC_OVERFLOW.WITHOUT_SUGGESTION")), true
		}
	case "*", "/":
		iv, num, it, nt := args[0], args[1], lt, rt
		if op == "*" && !isANSIInterval(lt) {
			iv, num, it, nt = args[1], args[0], rt, lt
		}
		if !isANSIInterval(it) {
			return "", false
		}
		v := "CAST(" + intervalNumber(iv, it) + " AS HUGEINT)"
		overflow := "long overflow"
		if call.T.Kind() == types.KindYearMonthInterval {
			overflow = "integer overflow"
		}
		ovf := raise("", "message", overflow, JavaKey, "java.lang.ArithmeticException")
		var h string
		switch {
		case op == "*" && types.IsIntegral(nt):
			h = v + " * " + num
		case op == "*":
			// Spark rounds half away from zero; so does DuckDB's round.
			h = "CAST(round(" + v + " * " + num + ") AS HUGEINT)"
			if nt.Kind() == types.KindFloat || nt.Kind() == types.KindDouble {
				h = "TRY_CAST(round(CAST(" + v + " AS DOUBLE) * " + num + ") AS HUGEINT)"
			}
		case types.IsIntegral(nt):
			h = "ember_div_half_up(" + v + ", CAST(" + num + " AS HUGEINT))"
		default:
			h = "TRY_CAST(round(CAST(" + v + " AS DOUBLE) / CAST(" + num + " AS DOUBLE)) AS HUGEINT)"
		}
		body := checkedInterval(h, call.T, ovf)
		if strings.Contains(h, "TRY_CAST") {
			// A product or quotient that leaves HUGEINT (or is NaN).
			body = "(CASE WHEN " + v + " IS NOT NULL AND " + num + " IS NOT NULL AND (" + h + ") IS NULL THEN " + ovf + " ELSE " + body + " END)"
		}
		if op == "/" {
			body = "(CASE WHEN " + num + " = 0 THEN " + raise("INTERVAL_DIVIDED_BY_ZERO") + " ELSE " + body + " END)"
		}
		return body, true
	}
	return "", false
}

// intervalToString is Spark's cast of an ANSI interval to STRING: the text
// of its literal, e.g. INTERVAL '1-2' YEAR TO MONTH.
func intervalToString(arg string, t types.DataType) string {
	ym, start, end := "false", 0, 0
	switch x := t.(type) {
	case types.YearMonthInterval:
		ym, start, end = "true", x.Start, x.End
	case types.DayTimeInterval:
		start, end = x.Start, x.End
	}
	return "ember_interval_str(" + intervalNumber(arg, t) + ", " + ym + ", " + itoa(start) + ", " + itoa(end) + ")"
}

// lowerAbs is abs(x); an ANSI interval keeps its type.
func lowerAbs(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	if t := call.Args[0].Type(); isANSIInterval(t) {
		return "(CASE WHEN " + intervalNumber(args[0], t) + " < 0 THEN -" + args[0] + " ELSE " + args[0] + " END)", nil
	}
	return "abs(" + args[0] + ")", nil
}

// lowerSum is sum(x); an ANSI interval is summed as its Spark number.
func lowerSum(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	t := call.Args[0].Type()
	if !isANSIInterval(t) {
		return fn("sum")(c, call, args)
	}
	arg := intervalNumber(args[0], t)
	if call.Distinct {
		arg = "DISTINCT " + arg
	}
	sum := c.Agg("sum(CAST(" + arg + " AS HUGEINT))")
	return checkedInterval(sum, call.T, RaiseSQL("INTERVAL_ARITHMETIC_OVERFLOW.WITHOUT_SUGGESTION")), nil
}

// intervalAvg is avg(x) of an ANSI interval: the sum divided by the count,
// rounded half away from zero, in the family's widest type.
func intervalAvg(c *LowerCtx, call *logical.Call, args []string) string {
	t := call.Args[0].Type()
	arg := intervalNumber(args[0], t)
	if call.Distinct {
		arg = "DISTINCT " + arg
	}
	sum := c.Agg("sum(CAST(" + arg + " AS HUGEINT))")
	n := c.Agg("count(" + arg + ")")
	q := "ember_div_half_up(" + sum + ", CAST(" + n + " AS HUGEINT))"
	return "(CASE WHEN " + n + " = 0 THEN NULL ELSE " + checkedInterval(q, call.T, RaiseSQL("INTERVAL_ARITHMETIC_OVERFLOW.WITHOUT_SUGGESTION")) + " END)"
}

// intervalField maps an EXTRACT field name to the ANSI interval field it
// reads (YEAR, MONTH, DAY, HOUR, MINUTE, SECOND), or "".
func intervalField(field string) string {
	switch strings.ToUpper(field) {
	case "YEAR", "Y", "YEARS", "YR", "YRS":
		return "YEAR"
	case "MONTH", "MON", "MONS", "MONTHS":
		return "MONTH"
	case "DAY", "D", "DAYS":
		return "DAY"
	case "HOUR", "H", "HOURS", "HR", "HRS":
		return "HOUR"
	case "MINUTE", "M", "MIN", "MINS", "MINUTES":
		return "MINUTE"
	case "SECOND", "S", "SEC", "SECONDS", "SECS":
		return "SECOND"
	}
	return ""
}

// extractInterval types EXTRACT(field FROM interval): the field's part of
// the interval's number, keeping its sign (Spark's ExtractANSIInterval*).
// It returns the result type and the SQL for the interval's SQL x.
func extractInterval(field string, t types.DataType) (types.DataType, func(x string) string, error) {
	f := intervalField(field)
	unsupported := sparkerr.Unsupported("EXTRACT(" + field + " FROM " + strings.ToUpper(t.SimpleString()) + ")")
	switch it := t.(type) {
	case types.YearMonthInterval:
		m := func(x string) string { return "ember_ym_months(" + x + ")" }
		switch {
		case f == "YEAR" && it.Start <= types.YearField:
			return types.Int, func(x string) string { return "CAST(" + m(x) + " // 12 AS INTEGER)" }, nil
		case f == "MONTH" && it.End >= types.MonthField:
			return types.Byte, func(x string) string { return "CAST(" + m(x) + " % 12 AS TINYINT)" }, nil
		}
	case types.DayTimeInterval:
		in := func(field int) bool { return it.Start <= field && field <= it.End }
		us := func(x string) string { return "epoch_us(" + x + ")" }
		switch {
		case f == "DAY" && in(types.DayField):
			return types.Int, func(x string) string { return "CAST(" + us(x) + " // 86400000000 AS INTEGER)" }, nil
		case f == "HOUR" && in(types.HourField):
			return types.Byte, func(x string) string { return "CAST((" + us(x) + " % 86400000000) // 3600000000 AS TINYINT)" }, nil
		case f == "MINUTE" && in(types.MinuteField):
			return types.Byte, func(x string) string { return "CAST((" + us(x) + " % 3600000000) // 60000000 AS TINYINT)" }, nil
		case f == "SECOND" && in(types.SecondField):
			return types.Decimal{Precision: 8, Scale: 6}, func(x string) string {
				return "CAST(CAST(" + us(x) + " % 60000000 AS DECIMAL(8,0)) / 1000000 AS DECIMAL(8,6))"
			}, nil
		}
	}
	return nil, nil, unsupported
}
