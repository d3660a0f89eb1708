package functions

import (
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// The TIME(p) type (Spark 4.1+) and its functions. Spark keeps a time of
// day as nanoseconds since midnight with at most microsecond precision in
// use; DuckDB's TIME holds microseconds, so values round-trip exactly.
// Lowerings work on microseconds since midnight (ember_time_us) and build
// TIME values back from them (ember_us_time).

const (
	microsPerDay = 86_400_000_000
	// defaultTimePattern is the format CANNOT_PARSE_TIME names when to_time
	// has none.
	defaultTimePattern = "HH:mm:ss.SSSSSS"
)

func init() {
	Register(
		&Def{Name: "make_time", MinArgs: 3, MaxArgs: 3, Resolve: resolveMakeTime, Lower: lowerMakeTime, Group: "datetime", Since: "4.1.0"},
		&Def{Name: "time_diff", MinArgs: 3, MaxArgs: 3, Resolve: resolveTimeDiff, Lower: lowerTimeDiff, Group: "datetime", Since: "4.1.0"},
		&Def{Name: "time_trunc", MinArgs: 2, MaxArgs: 2, Resolve: resolveTimeTrunc, Lower: lowerTimeTrunc, Group: "datetime", Since: "4.1.0"},
		&Def{Name: "time_from_micros", MinArgs: 1, MaxArgs: 1, Resolve: resolveTimeFrom, Lower: lowerTimeFrom(1), Group: "datetime", Since: "4.2.0"},
		&Def{Name: "time_from_millis", MinArgs: 1, MaxArgs: 1, Resolve: resolveTimeFrom, Lower: lowerTimeFrom(1000), Group: "datetime", Since: "4.2.0"},
		&Def{Name: "time_from_seconds", MinArgs: 1, MaxArgs: 1, Resolve: resolveTimeFromSeconds, Lower: lowerTimeFromSeconds, Group: "datetime", Since: "4.2.0"},
		&Def{Name: "time_to_micros", MinArgs: 1, MaxArgs: 1, Resolve: resolveTimeTo(types.Long), Lower: tmpl("ember_time_us($1)"), Group: "datetime", Since: "4.2.0"},
		&Def{Name: "time_to_millis", MinArgs: 1, MaxArgs: 1, Resolve: resolveTimeTo(types.Long), Lower: tmpl("(ember_time_us($1) // 1000)"), Group: "datetime", Since: "4.2.0"},
		&Def{Name: "time_to_seconds", MinArgs: 1, MaxArgs: 1, Resolve: resolveTimeTo(timeSecondsType), Lower: tmpl("CAST(CAST(ember_time_us($1) AS DECIMAL(18,0)) * CAST(0.000001 AS DECIMAL(7,6)) AS DECIMAL(14,6))"), Group: "datetime", Since: "4.2.0"},
		&Def{Name: "to_time", MinArgs: 1, MaxArgs: 2, Resolve: resolveToTime(false), Lower: lowerToTime(false), Group: "datetime", Since: "4.1.0"},
		&Def{Name: "try_to_time", MinArgs: 1, MaxArgs: 2, Resolve: resolveToTime(true), Lower: lowerToTime(true), Pretty: prettyTryToTime, Group: "datetime", Since: "4.1.0"},
		&Def{Name: "current_time", MinArgs: 0, MaxArgs: 1, Resolve: resolveCurrentTime, Lower: lowerCurrentTime, Pretty: prettyCurrentTime, Group: "datetime", Since: "4.1.0"},
	)
	Macros = append(Macros,
		// Microseconds since midnight of a DuckDB TIME (microsecond() counts
		// the seconds of the minute too).
		`CREATE OR REPLACE MACRO ember_time_us(t) AS (CAST(hour(t) AS BIGINT) * 3600000000 + CAST(minute(t) AS BIGINT) * 60000000 + microsecond(t))`,
		`CREATE OR REPLACE MACRO ember_us_time(u) AS CAST(TIME '00:00:00' + to_microseconds(CAST(u AS BIGINT)) AS TIME)`,
		// Spark's TIME text: HH:mm:ss and the fraction without trailing zeros.
		`CREATE OR REPLACE MACRO ember_time_str(t) AS CASE WHEN t IS NULL THEN NULL ELSE
		  lpad(CAST(hour(t) AS VARCHAR), 2, '0') || ':' || lpad(CAST(minute(t) AS VARCHAR), 2, '0') || ':' || lpad(CAST(second(t) AS VARCHAR), 2, '0') ||
		  (CASE WHEN microsecond(t) % 1000000 = 0 THEN '' ELSE '.' || rtrim(lpad(CAST(microsecond(t) % 1000000 AS VARCHAR), 6, '0'), '0') END) END`,
	)
}

var timeSecondsType = types.Decimal{Precision: 14, Scale: 6}

// truncUnit is the microsecond step of a TIME precision (0..6).
func truncUnit(precision int) int64 {
	u := int64(1)
	for i := precision; i < 6; i++ {
		u *= 10
	}
	return u
}

// truncTimeSQL truncates a TIME to precision digits.
func truncTimeSQL(arg string, precision int) string {
	if precision >= 6 {
		return arg
	}
	u := strconv.FormatInt(truncUnit(precision), 10)
	return "ember_us_time(ember_time_us(" + arg + ") // " + u + " * " + u + ")"
}

// timeOutOfRange fails with Spark's message for a TIME outside one day;
// us is the offending value in microseconds.
func timeOutOfRange(us string) string {
	return "error(" + QuoteString(ErrorMarker+"DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION\x1frangeMessage=Invalid TIME value: must be between 00:00:00 and 23:59:59.999999999, but got ") +
		" || CAST(CAST(" + us + " AS HUGEINT) * 1000 AS VARCHAR) || " + QuoteString(" nanoseconds\x1f"+JavaKey+"="+sparkerr.DateTimeException) + ")"
}

// usToTimeChecked builds a TIME from microseconds, failing outside a day.
func usToTimeChecked(us string) string {
	return "(CASE WHEN " + us + " IS NULL THEN NULL WHEN " + us + " < 0 OR " + us + " >= " + strconv.FormatInt(microsPerDay, 10) +
		" THEN " + timeOutOfRange(us) + " ELSE ember_us_time(" + us + ") END)"
}

// castTimeSQL lowers the casts Spark allows from and to TIME.
func castTimeSQL(arg string, from, to types.DataType, mode logical.EvalMode) (string, error) {
	dt, err := DuckType(to)
	if err != nil {
		return "", err
	}
	switch {
	case from.Kind() == types.KindTime && to.Kind() == types.KindTime:
		return truncTimeSQL(arg, to.(types.Time).Precision), nil
	case types.IsStringLike(from):
		// Spark keeps every parsed digit here, whatever the target precision.
		inner := "TRY_CAST(trim(" + arg + ") AS TIME)"
		if mode == logical.ANSI {
			return ansiCheck(arg, inner, from, to), nil
		}
		return inner, nil
	case types.IsStringLike(to):
		return "ember_time_str(" + arg + ")", nil
	case types.IsIntegral(to):
		kw := "CAST"
		if mode != logical.ANSI {
			kw = "TRY_CAST"
		}
		return kw + "(ember_time_us(" + arg + ") // 1000000 AS " + dt + ")", nil
	case to.Kind() == types.KindDecimal:
		kw := "CAST"
		if mode != logical.ANSI {
			kw = "TRY_CAST"
		}
		return kw + "(CAST(ember_time_us(" + arg + ") AS DECIMAL(18,0)) * CAST(0.000001 AS DECIMAL(7,6)) AS " + dt + ")", nil
	}
	return "", sparkerr.Unsupported("cast from " + from.SimpleString() + " to " + to.SimpleString())
}

// timeArg checks that argument i (1-based) of a call is a TIME.
func timeArg(name string, args []logical.Expr, i int) error {
	a := args[i-1]
	if k := a.Type().Kind(); k == types.KindTime || k == types.KindNull {
		return nil
	}
	return typeMismatch(DefaultPretty(name, args, false), i, "\"TIME\"", a)
}

func timeArgOut(a logical.Expr) logical.Expr {
	if a.Type().Kind() == types.KindNull {
		return castTo(a, types.DefaultTime)
	}
	return a
}

func timeTypeOf(a logical.Expr) types.DataType {
	if t, ok := a.Type().(types.Time); ok {
		return t
	}
	return types.DefaultTime
}

// stringArg checks that argument i (1-based) is a string (or NULL).
func stringArg(name string, args []logical.Expr, i int) (logical.Expr, error) {
	a := args[i-1]
	if types.IsStringLike(a.Type()) || a.Type().Kind() == types.KindNull {
		return castTo(a, types.String), nil
	}
	return nil, typeMismatch(DefaultPretty(name, args, false), i, "\"STRING\"", a)
}

// The TIME functions are nullable whatever their inputs, as in Spark.

// --- make_time ---------------------------------------------------------------

func resolveMakeTime(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out, err := integralArgs(name, args, 2)
	if err != nil {
		return nil, nil, false, err
	}
	s := args[2]
	if t := s.Type(); !(types.IsNumeric(t) || types.IsStringLike(t) || t.Kind() == types.KindNull) {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 3, "\"DECIMAL(16,6)\"", s)
	}
	out = append(out, ImplicitCast(s, secondsType))
	return out, types.DefaultTime, true, nil
}

func lowerMakeTime(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	h, m, s := args[0], args[1], args[2]
	whole := "CAST(floor(" + s + ") AS BIGINT)"
	msg := "(CASE WHEN " + h + " NOT BETWEEN 0 AND 23 THEN 'Invalid value for HourOfDay (valid values 0 - 23): ' || CAST(" + h + " AS VARCHAR)" +
		" WHEN " + m + " NOT BETWEEN 0 AND 59 THEN 'Invalid value for MinuteOfHour (valid values 0 - 59): ' || CAST(" + m + " AS VARCHAR)" +
		" ELSE 'Invalid value for SecondOfMinute (valid values 0 - 59): ' || CAST(" + whole + " AS VARCHAR) END)"
	raise := "error(" + QuoteString(ErrorMarker+"DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION\x1frangeMessage=") + " || " + msg + " || " +
		QuoteString("\x1f"+JavaKey+"="+sparkerr.DateTimeException) + ")"
	valid := h + " BETWEEN 0 AND 23 AND " + m + " BETWEEN 0 AND 59 AND " + s + " >= 0 AND " + s + " < 60"
	us := "(CAST(" + h + " AS BIGINT) * 3600000000 + CAST(" + m + " AS BIGINT) * 60000000 + CAST(" + s + " * 1000000 AS BIGINT))"
	return "(CASE WHEN " + h + " IS NULL OR " + m + " IS NULL OR " + s + " IS NULL THEN NULL WHEN " + valid +
		" THEN ember_us_time(" + us + ") ELSE " + raise + " END)", nil
}

// --- time_diff / time_trunc -------------------------------------------------

var timeUnitMicros = map[string]int64{
	"HOUR": 3_600_000_000, "MINUTE": 60_000_000, "SECOND": 1_000_000, "MILLISECOND": 1_000, "MICROSECOND": 1,
}

// timeUnitSQL maps a unit argument to its microsecond length, failing
// with INVALID_PARAMETER_VALUE.TIME_UNIT for another unit.
func timeUnitSQL(fn, unit string) string {
	var b strings.Builder
	b.WriteString("(CASE upper(" + unit + ")")
	for _, u := range []string{"HOUR", "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND"} {
		b.WriteString(" WHEN '" + u + "' THEN CAST(" + strconv.FormatInt(timeUnitMicros[u], 10) + " AS BIGINT)")
	}
	b.WriteString(" ELSE error(" + QuoteString(ErrorMarker+"INVALID_PARAMETER_VALUE.TIME_UNIT\x1fparameter=`unit`\x1ffunctionName=`"+fn+"`\x1finvalidValue='") +
		" || " + unit + " || " + QuoteString("'") + ") END)")
	return b.String()
}

func resolveTimeDiff(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	u, err := stringArg(name, args, 1)
	if err != nil {
		return nil, nil, false, err
	}
	for i := 2; i <= 3; i++ {
		if err := timeArg(name, args, i); err != nil {
			return nil, nil, false, err
		}
	}
	out := []logical.Expr{u, timeArgOut(args[1]), timeArgOut(args[2])}
	return out, types.Long, true, nil
}

func lowerTimeDiff(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	d := "(ember_time_us(" + args[2] + ") - ember_time_us(" + args[1] + "))"
	// Integer division truncating toward zero, like ChronoUnit.between.
	return "(CASE WHEN " + args[0] + " IS NULL OR " + args[1] + " IS NULL OR " + args[2] + " IS NULL THEN NULL ELSE CAST(trunc(" + d + " / " + timeUnitSQL("time_diff", args[0]) + ") AS BIGINT) END)", nil
}

func resolveTimeTrunc(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	u, err := stringArg(name, args, 1)
	if err != nil {
		return nil, nil, false, err
	}
	if err := timeArg(name, args, 2); err != nil {
		return nil, nil, false, err
	}
	out := []logical.Expr{u, timeArgOut(args[1])}
	return out, timeTypeOf(args[1]), true, nil
}

func lowerTimeTrunc(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	u := timeUnitSQL("time_trunc", args[0])
	return "(CASE WHEN " + args[0] + " IS NULL OR " + args[1] + " IS NULL THEN NULL ELSE ember_us_time(ember_time_us(" + args[1] + ") // " + u + " * " + u + ") END)", nil
}

// --- time_from_* / time_to_* -----------------------------------------------

func resolveTimeFrom(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	a := args[0]
	if t := a.Type(); !(types.IsIntegral(t) || t.Kind() == types.KindNull) {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "(\"TINYINT\" or \"SMALLINT\" or \"INT\" or \"BIGINT\")", a)
	}
	return []logical.Expr{castTo(a, types.Long)}, types.DefaultTime, true, nil
}

func lowerTimeFrom(unitMicros int64) LowerFunc {
	return func(c *LowerCtx, call *logical.Call, args []string) (string, error) {
		us := args[0]
		if unitMicros != 1 {
			us = "(CAST(" + args[0] + " AS HUGEINT) * " + strconv.FormatInt(unitMicros, 10) + ")"
		}
		return usToTimeChecked(us), nil
	}
}

func resolveTimeFromSeconds(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	a := args[0]
	if t := a.Type(); !(types.IsNumeric(t) || t.Kind() == types.KindNull) {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"NUMERIC\"", a)
	}
	if a.Type().Kind() == types.KindNull {
		a = castTo(a, types.Double)
	}
	return []logical.Expr{a}, types.DefaultTime, true, nil
}

func lowerTimeFromSeconds(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	x := args[0]
	switch call.Args[0].Type().Kind() {
	case types.KindFloat, types.KindDouble:
		nan := "error(" + QuoteString(ErrorMarker+"DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION\x1frangeMessage=Cannot convert NaN or Infinite value to TIME\x1f"+JavaKey+"="+sparkerr.DateTimeException) + ")"
		us := "CAST(trunc(CAST(" + x + " AS DOUBLE) * 1000000) AS HUGEINT)"
		return "(CASE WHEN " + x + " IS NULL THEN NULL WHEN isnan(CAST(" + x + " AS DOUBLE)) OR isinf(CAST(" + x + " AS DOUBLE)) THEN " + nan + " ELSE " + usToTimeChecked(us) + " END)", nil
	case types.KindDecimal:
		return usToTimeChecked("CAST(trunc(" + x + " * 1000000) AS HUGEINT)"), nil
	}
	return usToTimeChecked("(CAST(" + x + " AS HUGEINT) * 1000000)"), nil
}

func resolveTimeTo(result types.DataType) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		if err := timeArg(name, args, 1); err != nil {
			return nil, nil, false, err
		}
		return []logical.Expr{timeArgOut(args[0])}, result, true, nil
	}
}

// --- to_time / try_to_time ---------------------------------------------------

func resolveToTime(try bool) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		s, err := stringArg(name, args, 1)
		if err != nil {
			return nil, nil, false, err
		}
		out := []logical.Expr{s}
		if len(args) == 2 {
			f, err := stringArg(name, args, 2)
			if err != nil {
				return nil, nil, false, err
			}
			out = append(out, f)
		}
		return out, types.DefaultTime, true, nil
	}
}

func lowerToTime(try bool) LowerFunc {
	return func(c *LowerCtx, call *logical.Call, args []string) (string, error) {
		x := args[0]
		var v, format string
		if len(args) == 1 {
			v = "TRY_CAST(trim(" + x + ") AS TIME)"
			format = QuoteString("'" + defaultTimePattern + "'")
		} else {
			if isNullLit(call.Args[1]) {
				return "CAST(NULL AS TIME)", nil
			}
			// The wall clock parsed in UTC, so that no zone rule applies.
			p, err := parsedLocal(&LowerCtx{TimeZone: "UTC"}, call.Args[1], x, args[1], "")
			if err != nil {
				return "", err
			}
			v = "CAST(" + p + " AS TIME)"
			format = "'''' || " + args[1] + " || ''''"
		}
		if try {
			return v, nil
		}
		cond := x + " IS NOT NULL"
		if len(args) == 2 {
			cond += " AND " + args[1] + " IS NOT NULL"
		}
		raise := "error(" + QuoteString(ErrorMarker+"CANNOT_PARSE_TIME\x1finput='") + " || " + x + " || " +
			QuoteString("'\x1fformat=") + " || " + format + " || " + QuoteString("\x1f"+JavaKey+"="+sparkerr.DateTimeException) + ")"
		return "(CASE WHEN " + cond + " AND (" + v + ") IS NULL THEN " + raise + " ELSE " + v + " END)", nil
	}
}

func prettyTryToTime(name string, args []logical.Expr, distinct bool) string {
	return "try_to_time(" + DefaultPretty("to_time", args, distinct) + ")"
}

// --- current_time --------------------------------------------------------------

func resolveCurrentTime(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	p := types.DefaultTimePrecision
	if len(args) == 1 {
		l, ok := args[0].(*logical.Lit)
		if !ok || !types.IsIntegral(l.T) || l.V == nil {
			return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"INT\"", args[0])
		}
		n, _ := strconv.Atoi(l.Text)
		if n < 0 || n > types.MaxTimePrecision {
			return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
				"sqlExpr", "\""+prettyCurrentTime(name, args, false)+"\"",
				"exprName", "`precision`", "valueRange", "[0, 6]", "currentValue", strconv.Itoa(n))
		}
		p = n
	}
	return args, types.Time{Precision: p}, false, nil
}

func lowerCurrentTime(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	p := call.Type().(types.Time).Precision
	return truncTimeSQL("CAST(timezone("+tzLit(c)+", current_timestamp) AS TIME)", p), nil
}

func prettyCurrentTime(name string, args []logical.Expr, _ bool) string {
	p := types.DefaultTimePrecision
	if len(args) == 1 {
		if l, ok := args[0].(*logical.Lit); ok {
			if n, err := strconv.Atoi(l.Text); err == nil {
				p = n
			}
		}
	}
	return "current_time(" + strconv.Itoa(p) + ")"
}

// --- make_timestamp(date, time[, zone]) ---------------------------------------

// resolveMakeTimestampFromTime types the DATE + TIME form of
// make_timestamp / make_timestamp_ltz / make_timestamp_ntz.
func resolveMakeTimestampFromTime(name string, args []logical.Expr, result types.DataType) ([]logical.Expr, types.DataType, bool, error) {
	d := args[0]
	switch k := d.Type().Kind(); {
	case k == types.KindDate:
	case k == types.KindNull, types.IsStringLike(d.Type()):
		d = ImplicitCast(d, types.Date)
	default:
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"DATE\"", d)
	}
	if err := timeArg(name, args, 2); err != nil {
		return nil, nil, false, err
	}
	out := []logical.Expr{d, timeArgOut(args[1])}
	if len(args) == 3 {
		if result.Kind() == types.KindTimestampNTZ {
			return nil, nil, false, sparkerr.Newf("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "functionName", "`"+name+"`", "expectedNum", "2", "actualNum", "3", "docroot", "https://spark.apache.org/docs/latest")
		}
		tz, err := stringArg(name, args, 3)
		if err != nil {
			return nil, nil, false, err
		}
		out = append(out, tz)
	}
	// Spark's NTZ form is always nullable; the zoned form follows its inputs.
	return out, result, result.Kind() == types.KindTimestampNTZ || anyNullable(out), nil
}

// lowerMakeTimestampFromTime joins a date and a time of day into a wall
// clock; for TIMESTAMP it is read in the given or the session zone.
func lowerMakeTimestampFromTime(c *LowerCtx, args []string, ntz bool) string {
	local := "(CAST(" + args[0] + " AS TIMESTAMP) + to_microseconds(ember_time_us(" + args[1] + ")))"
	if ntz {
		return local
	}
	tz := tzLit(c)
	if len(args) == 3 {
		tz = args[2]
	}
	return "timezone(" + tz + ", " + local + ")"
}

// isDateTimeForm reports the DATE + TIME form of the make_timestamp family.
func isDateTimeForm(args []logical.Expr) bool {
	return len(args) >= 2 && len(args) <= 3
}

// timeOnlyFunctions are the functions Spark 4.1+ added for TIME; Spark 3.5
// has none of them. current_time is one of them but is not refused while
// spark.sql.timeType.enabled is off (timeGatedFunctions is the list that is).
var timeOnlyFunctions = map[string]bool{
	"make_time": true, "time_diff": true, "time_trunc": true,
	"time_from_micros": true, "time_from_millis": true, "time_from_seconds": true,
	"time_to_micros": true, "time_to_millis": true, "time_to_seconds": true,
	"to_time": true, "try_to_time": true, "current_time": true, "time": true,
}

// IsTimeFunction reports whether name is one of the TIME functions that
// Spark 3.5 does not have.
func IsTimeFunction(name string) bool { return timeOnlyFunctions[strings.ToLower(name)] }

// IsTimeExpression reports whether a call of name on arguments of the
// given types is one of the expressions Spark 4.x refuses with
// UNSUPPORTED_TIME_TYPE while spark.sql.timeType.enabled is off: the TIME
// functions (not current_time), the hour/minute/second and extract forms
// of a TIME, and TIME arithmetic. make_timestamp(date, time), comparisons
// and aggregates of TIME stay allowed, as in Spark.
func IsTimeExpression(name string, args []types.DataType) bool {
	isTime := func(i int) bool { return i < len(args) && args[i] != nil && args[i].Kind() == types.KindTime }
	switch n := strings.ToLower(name); n {
	case "current_time":
		return false
	case "hour", "minute", "second":
		return isTime(0)
	case "extract", "date_part", "datepart":
		return isTime(1)
	case "+", "-":
		return isTime(0) || isTime(1)
	default:
		return timeOnlyFunctions[n]
	}
}
