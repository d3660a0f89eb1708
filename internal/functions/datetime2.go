package functions

import (
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// Date/time truncation, construction and Unix time conversions.

func init() {
	Register(
		&Def{Name: "date_trunc", MinArgs: 2, MaxArgs: 2, Resolve: resolveDateTrunc, Lower: lowerDateTrunc, Group: "datetime", Since: "2.3.0"},
		&Def{Name: "trunc", MinArgs: 2, MaxArgs: 2, Resolve: resolveTruncDate, Lower: lowerTruncDate, Group: "datetime", Since: "1.5.0"},
		&Def{Name: "months_between", MinArgs: 2, MaxArgs: 3, Resolve: resolveMonthsBetween, Lower: lowerMonthsBetween, Group: "datetime", Since: "1.5.0"},
		&Def{Name: "make_date", MinArgs: 3, MaxArgs: 3, Resolve: resolveMakeDate, Lower: lowerMakeDate, Group: "datetime", Since: "3.0.0"},
		&Def{Name: "make_timestamp", MinArgs: 2, MaxArgs: 7, Resolve: resolveMakeTimestamp, Lower: lowerMakeTimestamp, Group: "datetime", Since: "3.0.0"},
		&Def{Name: "unix_timestamp", MinArgs: 0, MaxArgs: 2, Resolve: resolveUnixTimestamp, Lower: lowerUnixTimestamp, Group: "datetime", Since: "1.5.0"},
		&Def{Name: "to_unix_timestamp", MinArgs: 1, MaxArgs: 2, Resolve: resolveUnixTimestamp, Lower: lowerUnixTimestamp, Group: "datetime", Since: "1.6.0"},
		&Def{Name: "from_unixtime", MinArgs: 1, MaxArgs: 2, Resolve: resolveFromUnixtime, Lower: lowerFromUnixtime, Group: "datetime", Since: "1.5.0"},
		&Def{Name: "timestamp_seconds", MinArgs: 1, MaxArgs: 1, Resolve: resolveTimestampSeconds, Lower: lowerTimestampSeconds, Group: "datetime", Since: "3.1.0"},
		&Def{Name: "next_day", MinArgs: 2, MaxArgs: 2, Resolve: resolveNextDay, Lower: lowerNextDay, Group: "datetime", Since: "1.5.0"},
		&Def{Name: "to_utc_timestamp", MinArgs: 2, MaxArgs: 2, Resolve: resolveUTCConvert, Lower: lowerUTCConvert(true), Group: "datetime", Since: "1.5.0"},
		&Def{Name: "from_utc_timestamp", MinArgs: 2, MaxArgs: 2, Resolve: resolveUTCConvert, Lower: lowerUTCConvert(false), Group: "datetime", Since: "1.5.0"},
	)
	Macros = append(Macros,
		// Spark's months_between on two local (session time zone) timestamps:
		// whole months when the days of month match or both are month ends,
		// otherwise the remainder counts in 31-day months, to whole seconds.
		`CREATE OR REPLACE MACRO ember_months_between(a, b, r) AS CASE
		  WHEN a IS NULL OR b IS NULL OR r IS NULL THEN NULL
		  WHEN day(a) = day(b) OR (CAST(a AS DATE) = last_day(a) AND CAST(b AS DATE) = last_day(b))
		    THEN CAST((year(a) * 12 + month(a)) - (year(b) * 12 + month(b)) AS DOUBLE)
		  ELSE ember_round8(CAST((year(a) * 12 + month(a)) - (year(b) * 12 + month(b)) AS DOUBLE)
		    + CAST((day(a) - day(b)) * 86400
		      + (epoch_us(a) - epoch_us(date_trunc('day', a))) // 1000000
		      - (epoch_us(b) - epoch_us(date_trunc('day', b))) // 1000000 AS DOUBLE) / 2678400.0, r) END`,
		// Java's Math.round(x * 1e8) / 1e8 when r.
		`CREATE OR REPLACE MACRO ember_round8(x, r) AS CASE WHEN r THEN floor(x * 1e8 + 0.5) / 1e8 ELSE x END`,
	)
}

func tzLit(c *LowerCtx) string { return c.ZoneSQL() }

// toLocal renders a TIMESTAMPTZ as the session's wall clock (TIMESTAMP).
func toLocal(c *LowerCtx, x string) string { return "timezone(" + tzLit(c) + ", " + x + ")" }

// fromLocal renders a wall clock TIMESTAMP of the session as TIMESTAMPTZ.
func fromLocal(c *LowerCtx, x string) string { return "timezone(" + tzLit(c) + ", " + x + ")" }

func castTo(e logical.Expr, t types.DataType) logical.Expr {
	if e.Type().Kind() == t.Kind() {
		return e
	}
	return ImplicitCast(e, t)
}

func litString(e logical.Expr) (string, bool) {
	l, ok := e.(*logical.Lit)
	if !ok {
		return "", false
	}
	s, ok := l.V.(string)
	return s, ok
}

func isNullLit(e logical.Expr) bool {
	l, ok := e.(*logical.Lit)
	return ok && l.V == nil
}

// --- date_trunc / trunc ----------------------------------------------------

var timestampTruncUnits = map[string]string{
	"YEAR": "year", "YYYY": "year", "YY": "year",
	"QUARTER": "quarter",
	"MONTH":   "month", "MM": "month", "MON": "month",
	"WEEK": "week",
	"DAY":  "day", "DD": "day",
	"HOUR":        "hour",
	"MINUTE":      "minute",
	"SECOND":      "second",
	"MILLISECOND": "millisecond",
	"MICROSECOND": "microsecond",
}

var dateTruncUnits = map[string]string{
	"YEAR": "year", "YYYY": "year", "YY": "year",
	"QUARTER": "quarter",
	"MONTH":   "month", "MM": "month", "MON": "month",
	"WEEK": "week",
}

var truncUnitOrder = []string{"YEAR", "YYYY", "YY", "QUARTER", "MONTH", "MM", "MON", "WEEK", "DAY", "DD", "HOUR", "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND"}

func resolveDateTrunc(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	f, ts := args[0], args[1]
	if !types.IsStringLike(f.Type()) && f.Type().Kind() != types.KindNull {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"STRING\"", f)
	}
	switch ts.Type().Kind() {
	case types.KindTimestamp:
	case types.KindTimestampNTZ, types.KindDate, types.KindString, types.KindNull:
		ts = ImplicitCast(ts, types.Timestamp)
	default:
		if !types.IsStringLike(ts.Type()) {
			return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 2, "\"TIMESTAMP\"", ts)
		}
		ts = ImplicitCast(ts, types.Timestamp)
	}
	return []logical.Expr{castTo(f, types.String), ts}, types.Timestamp, true, nil
}

// truncUnitSQL renders the DuckDB date_trunc unit for a Spark unit argument
// (NULL for an unknown unit, as Spark returns NULL then).
func truncUnitSQL(units map[string]string, e logical.Expr, arg string) (unit string, constant bool) {
	if s, ok := litString(e); ok {
		u, ok := units[strings.ToUpper(strings.TrimSpace(s))]
		if !ok {
			return "", true
		}
		return QuoteString(u), true
	}
	var b strings.Builder
	b.WriteString("(CASE upper(" + arg + ")")
	for _, k := range truncUnitOrder {
		if u, ok := units[k]; ok {
			b.WriteString(" WHEN '" + k + "' THEN '" + u + "'")
		}
	}
	b.WriteString(" END)")
	return b.String(), false
}

func lowerDateTrunc(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	if isNullLit(call.Args[0]) {
		return "CAST(NULL AS TIMESTAMPTZ)", nil
	}
	u, _ := truncUnitSQL(timestampTruncUnits, call.Args[0], args[0])
	if u == "" {
		return "CAST(NULL AS TIMESTAMPTZ)", nil
	}
	return fromLocal(c, "date_trunc("+u+", "+toLocal(c, args[1])+")"), nil
}

func resolveTruncDate(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	d, f := args[0], args[1]
	switch d.Type().Kind() {
	case types.KindDate:
	case types.KindTimestamp, types.KindTimestampNTZ, types.KindString, types.KindNull:
		d = ImplicitCast(d, types.Date)
	default:
		if !types.IsStringLike(d.Type()) {
			return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"DATE\"", d)
		}
		d = ImplicitCast(d, types.Date)
	}
	if !types.IsStringLike(f.Type()) && f.Type().Kind() != types.KindNull {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 2, "\"STRING\"", f)
	}
	return []logical.Expr{d, castTo(f, types.String)}, types.Date, true, nil
}

func lowerTruncDate(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	if isNullLit(call.Args[1]) {
		return "CAST(NULL AS DATE)", nil
	}
	u, _ := truncUnitSQL(dateTruncUnits, call.Args[1], args[1])
	if u == "" {
		return "CAST(NULL AS DATE)", nil
	}
	return "CAST(date_trunc(" + u + ", " + args[0] + ") AS DATE)", nil
}

// --- months_between --------------------------------------------------------

func timestampArg(name string, args []logical.Expr, i int) (logical.Expr, error) {
	a := args[i]
	switch a.Type().Kind() {
	case types.KindTimestamp:
		return a, nil
	case types.KindTimestampNTZ, types.KindDate, types.KindString, types.KindNull:
		return ImplicitCast(a, types.Timestamp), nil
	}
	if types.IsStringLike(a.Type()) {
		return ImplicitCast(a, types.Timestamp), nil
	}
	return nil, typeMismatch(DefaultPretty(name, args, false), i+1, "\"TIMESTAMP\"", a)
}

func resolveMonthsBetween(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	a, err := timestampArg(name, args, 0)
	if err != nil {
		return nil, nil, false, err
	}
	b, err := timestampArg(name, args, 1)
	if err != nil {
		return nil, nil, false, err
	}
	var r logical.Expr = &logical.Lit{V: true, T: types.Boolean, Text: "true"}
	if len(args) == 3 {
		r = args[2]
		if k := r.Type().Kind(); k != types.KindBoolean && k != types.KindNull {
			return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 3, "\"BOOLEAN\"", r)
		}
		r = castTo(r, types.Boolean)
	}
	out := []logical.Expr{a, b, r}
	return out, types.Double, anyNullable(out) || types.IsStringLike(args[0].Type()) || types.IsStringLike(args[1].Type()), nil
}

func lowerMonthsBetween(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	return "ember_months_between(" + toLocal(c, args[0]) + ", " + toLocal(c, args[1]) + ", " + args[2] + ")", nil
}

// --- make_date / make_timestamp --------------------------------------------

func integralArgs(name string, args []logical.Expr, n int) ([]logical.Expr, error) {
	out := make([]logical.Expr, 0, len(args))
	for i := 0; i < n; i++ {
		a := args[i]
		t := a.Type()
		if !(types.IsNumeric(t) || types.IsStringLike(t) || t.Kind() == types.KindNull) {
			return nil, typeMismatch(DefaultPretty(name, args, false), i+1, "\"INT\"", a)
		}
		out = append(out, castTo(a, types.Int))
	}
	return out, nil
}

func resolveMakeDate(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out, err := integralArgs(name, args, 3)
	if err != nil {
		return nil, nil, false, err
	}
	nullable := true
	if c.ANSI {
		nullable = anyNullable(out) || anyStringArg(args)
	}
	return out, types.Date, nullable, nil
}

func anyStringArg(args []logical.Expr) bool {
	for _, a := range args {
		if types.IsStringLike(a.Type()) {
			return true
		}
	}
	return false
}

// validDateSQL checks y/m/d form a proper-Gregorian date within Spark's range.
func validDateSQL(y, m, d string) string {
	return "(" + m + " BETWEEN 1 AND 12 AND " + d + " >= 1 AND " + d + " <= (CASE WHEN " + m + " = 2 THEN (CASE WHEN (" + y + " % 4 = 0 AND " + y + " % 100 <> 0) OR " + y + " % 400 = 0 THEN 29 ELSE 28 END) WHEN " + m + " IN (4, 6, 9, 11) THEN 30 ELSE 31 END) AND " + y + " BETWEEN -290308 AND 294247)"
}

func lowerMakeDate(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	y, m, d := args[0], args[1], args[2]
	valid := validDateSQL(y, m, d)
	// make_date only sees valid arguments (DuckDB evaluates CASE lazily).
	build := "make_date(CASE WHEN " + valid + " THEN " + y + " ELSE 2000 END, CASE WHEN " + valid + " THEN " + m + " ELSE 1 END, CASE WHEN " + valid + " THEN " + d + " ELSE 1 END)"
	bad := "NULL"
	if c.ANSI {
		bad = raiseFieldOutOfBounds(dateRangeMessage(y, m, d))
	}
	return "(CASE WHEN " + y + " IS NULL OR " + m + " IS NULL OR " + d + " IS NULL THEN NULL WHEN " + valid + " THEN " + build + " ELSE " + bad + " END)", nil
}

var secondsType = types.Decimal{Precision: 16, Scale: 6}

func resolveMakeTimestamp(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if isDateTimeForm(args) {
		return resolveMakeTimestampFromTime(name, args, types.Timestamp)
	}
	if len(args) < 6 {
		return nil, nil, false, sparkerr.Newf("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "functionName", "`"+name+"`", "expectedNum", "[2, 3, 6, 7]", "actualNum", strconv.Itoa(len(args)), "docroot", "https://spark.apache.org/docs/latest")
	}
	out, err := integralArgs(name, args, 5)
	if err != nil {
		return nil, nil, false, err
	}
	s := args[5]
	if t := s.Type(); !(types.IsNumeric(t) || types.IsStringLike(t) || t.Kind() == types.KindNull) {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 6, "\"DECIMAL(16,6)\"", s)
	}
	if !types.Equal(s.Type(), secondsType) {
		s = ImplicitCast(s, secondsType)
	}
	out = append(out, s)
	if len(args) == 7 {
		tz := args[6]
		if !types.IsStringLike(tz.Type()) && tz.Type().Kind() != types.KindNull {
			return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 7, "\"STRING\"", tz)
		}
		out = append(out, castTo(tz, types.String))
	}
	nullable := true
	if c.ANSI {
		nullable = anyNullable(out) || anyStringArg(args[:6])
	}
	return out, types.Timestamp, nullable, nil
}

func lowerMakeTimestamp(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	if isDateTimeForm(call.Args) {
		return lowerMakeTimestampFromTime(c, args, false), nil
	}
	y, mo, d, h, mi, s := args[0], args[1], args[2], args[3], args[4], args[5]
	validDate := validDateSQL(y, mo, d)
	// Seconds must be in [0, 60), or exactly 60 (the next minute).
	valid := "(" + validDate + " AND " + h + " BETWEEN 0 AND 23 AND " + mi + " BETWEEN 0 AND 59 AND " + s + " >= 0 AND " + s + " <= 60)"
	pick := func(v, def string) string { return "CASE WHEN " + valid + " THEN " + v + " ELSE " + def + " END" }
	local := "(make_timestamp(" + pick(y, "2000") + ", " + pick(mo, "1") + ", " + pick(d, "1") + ", " + pick(h, "0") + ", " + pick(mi, "0") + ", 0) + to_microseconds(CAST(" + pick(s, "0") + " * 1000000 AS BIGINT)))"
	tz := tzLit(c)
	nulls := y + " IS NULL OR " + mo + " IS NULL OR " + d + " IS NULL OR " + h + " IS NULL OR " + mi + " IS NULL OR " + s + " IS NULL"
	if len(args) == 7 {
		tz = args[6]
		nulls += " OR " + args[6] + " IS NULL"
	}
	bad := "NULL"
	if c.ANSI {
		msg := "(CASE WHEN NOT " + validDate + " THEN " + dateRangeMessage(y, mo, d) +
			" WHEN " + h + " NOT BETWEEN 0 AND 23 THEN 'Invalid value for HourOfDay (valid values 0 - 23): ' || CAST(" + h + " AS VARCHAR)" +
			" WHEN " + mi + " NOT BETWEEN 0 AND 59 THEN 'Invalid value for MinuteOfHour (valid values 0 - 59): ' || CAST(" + mi + " AS VARCHAR)" +
			" ELSE 'Invalid value for SecondOfMinute (valid values 0 - 59): ' || CAST(CAST(floor(" + s + ") AS BIGINT) AS VARCHAR) END)"
		bad = raiseFieldOutOfBounds(msg)
	}
	return "(CASE WHEN " + nulls + " THEN NULL WHEN " + valid + " THEN timezone(" + tz + ", " + local + ") ELSE " + bad + " END)", nil
}

// --- unix_timestamp / to_unix_timestamp / from_unixtime --------------------

const defaultTimestampPattern = "yyyy-MM-dd HH:mm:ss"

func patternLit() logical.Expr {
	return &logical.Lit{V: defaultTimestampPattern, T: types.String, Text: defaultTimestampPattern}
}

func resolveUnixTimestamp(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	var t logical.Expr
	if len(args) == 0 {
		// unix_timestamp() is unix_timestamp(current_timestamp()).
		ct, err := Call(&Ctx{ANSI: c.ANSI, TimeZone: c.TimeZone}, "current_timestamp", nil, false)
		if err != nil {
			return nil, nil, false, err
		}
		t = ct
	} else {
		t = args[0]
	}
	switch k := t.Type().Kind(); {
	case k == types.KindTimestamp, k == types.KindTimestampNTZ, k == types.KindDate, types.IsStringLike(t.Type()):
	case k == types.KindNull:
		t = ImplicitCast(t, types.String)
	default:
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "(\"STRING\" or \"DATE\" or \"TIMESTAMP\" or \"TIMESTAMP_NTZ\")", t)
	}
	f := patternLit()
	if len(args) == 2 {
		f = args[1]
		if !types.IsStringLike(f.Type()) && f.Type().Kind() != types.KindNull {
			return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 2, "\"STRING\"", f)
		}
		f = castTo(f, types.String)
	}
	out := []logical.Expr{t, f}
	// With ANSI on a parse failure raises, so only null inputs give NULL.
	nullable := true
	if c.ANSI {
		nullable = anyNullable(out)
	}
	return out, types.Long, nullable, nil
}

// floorSeconds renders floor(micros / 1e6) of a DuckDB timestamp.
func floorSeconds(x string) string {
	return "CAST(floor(epoch_us(" + x + ") / 1000000) AS BIGINT)"
}

func lowerUnixTimestamp(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	switch call.Args[0].Type().Kind() {
	case types.KindTimestamp, types.KindTimestampNTZ:
		return floorSeconds(args[0]), nil
	case types.KindDate:
		return floorSeconds(fromLocal(c, "CAST("+args[0]+" AS TIMESTAMP)")), nil
	}
	if isNullLit(call.Args[1]) {
		return "CAST(NULL AS BIGINT)", nil
	}
	parsed, err := parsedOrRaise(c, call.Args[1], args[0], args[1], "try_to_timestamp")
	if err != nil {
		return "", err
	}
	return floorSeconds(fromLocal(c, parsed)), nil
}

func resolveFromUnixtime(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	s := args[0]
	if t := s.Type(); !(types.IsNumeric(t) || types.IsStringLike(t) || t.Kind() == types.KindNull) {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"BIGINT\"", s)
	}
	f := patternLit()
	if len(args) == 2 {
		f = args[1]
		if !types.IsStringLike(f.Type()) && f.Type().Kind() != types.KindNull {
			return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 2, "\"STRING\"", f)
		}
		f = castTo(f, types.String)
	}
	return []logical.Expr{castTo(s, types.Long), f}, types.String, true, nil
}

func lowerFromUnixtime(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	if isNullLit(call.Args[1]) {
		return "CAST(NULL AS VARCHAR)", nil
	}
	return formatSQL(c, call.Args[1], "(CAST("+args[0]+" AS BIGINT) * 1000000)", args[1], true)
}

func resolveTimestampSeconds(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	a := args[0]
	t := a.Type()
	if !types.IsNumeric(t) && t.Kind() != types.KindNull {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"NUMERIC\"", a)
	}
	// Floating point NaN and infinities give NULL.
	return args, types.Timestamp, a.Nullable() || t.Kind() == types.KindFloat || t.Kind() == types.KindDouble, nil
}

func lowerTimestampSeconds(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	t := call.Args[0].Type()
	switch {
	case t.Kind() == types.KindNull:
		return "CAST(NULL AS TIMESTAMPTZ)", nil
	case types.IsIntegral(t):
		return "timezone('UTC', make_timestamp(CAST(" + args[0] + " AS BIGINT) * 1000000))", nil
	case t.Kind() == types.KindDecimal:
		return "timezone('UTC', make_timestamp(CAST(trunc(" + args[0] + " * 1000000) AS BIGINT)))", nil
	}
	// Floating point: NaN and infinities give NULL.
	return "(CASE WHEN isfinite(CAST(" + args[0] + " AS DOUBLE)) THEN timezone('UTC', make_timestamp(CAST(trunc(CAST(" + args[0] + " AS DOUBLE) * 1000000) AS BIGINT))) END)", nil
}

// --- next_day --------------------------------------------------------------

// resolveNextDay types next_day(date, dayOfWeek) like trunc(date, fmt):
// a date and a string.
func resolveNextDay(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	return resolveTruncDate(c, name, args)
}

func lowerNextDay(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	// ISO day of week, Monday 1 .. Sunday 7.
	dow := "(CASE upper(trim(" + args[1] + "))" +
		" WHEN 'MO' THEN 1 WHEN 'MON' THEN 1 WHEN 'MONDAY' THEN 1" +
		" WHEN 'TU' THEN 2 WHEN 'TUE' THEN 2 WHEN 'TUESDAY' THEN 2" +
		" WHEN 'WE' THEN 3 WHEN 'WED' THEN 3 WHEN 'WEDNESDAY' THEN 3" +
		" WHEN 'TH' THEN 4 WHEN 'THU' THEN 4 WHEN 'THURSDAY' THEN 4" +
		" WHEN 'FR' THEN 5 WHEN 'FRI' THEN 5 WHEN 'FRIDAY' THEN 5" +
		" WHEN 'SA' THEN 6 WHEN 'SAT' THEN 6 WHEN 'SATURDAY' THEN 6" +
		" WHEN 'SU' THEN 7 WHEN 'SUN' THEN 7 WHEN 'SUNDAY' THEN 7 END)"
	v := "CAST(" + args[0] + " + CAST(((" + dow + " - isodow(" + args[0] + ") + 6) % 7) + 1 AS INTEGER) AS DATE)"
	if !c.ANSI {
		return v, nil
	}
	raise := "error(" + QuoteString(ErrorMarker+"ILLEGAL_DAY_OF_WEEK\x1fstring=") + " || " + args[1] + " || " +
		QuoteString("\x1f"+JavaKey+"=java.lang.IllegalArgumentException") + ")"
	return "(CASE WHEN " + args[0] + " IS NOT NULL AND " + args[1] + " IS NOT NULL AND " + dow + " IS NULL THEN " + raise + " ELSE " + v + " END)", nil
}

// --- to_utc_timestamp / from_utc_timestamp ---------------------------------

func resolveUTCConvert(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	ts, err := timestampArg(name, args, 0)
	if err != nil {
		return nil, nil, false, err
	}
	tz := args[1]
	if !types.IsStringLike(tz.Type()) && tz.Type().Kind() != types.KindNull {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 2, "\"STRING\"", tz)
	}
	out := []logical.Expr{ts, castTo(tz, types.String)}
	return out, types.Timestamp, anyNullable(out) || types.IsStringLike(args[0].Type()), nil
}

// lowerUTCConvert: to_utc_timestamp reads the UTC wall clock of ts as a
// wall clock in tz; from_utc_timestamp reads the wall clock in tz as UTC.
func lowerUTCConvert(toUTC bool) LowerFunc {
	return func(c *LowerCtx, call *logical.Call, args []string) (string, error) {
		if toUTC {
			return "timezone(" + args[1] + ", timezone('UTC', " + args[0] + "))", nil
		}
		return "timezone('UTC', timezone(" + args[1] + ", " + args[0] + "))", nil
	}
}

var monthNames = []string{"JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"}

// dateRangeMessage renders java.time's message for invalid date fields, in
// the order LocalDate.of checks them.
func dateRangeMessage(y, m, d string) string {
	var names strings.Builder
	names.WriteString("(CASE " + m)
	for i, n := range monthNames {
		names.WriteString(" WHEN " + itoa(i+1) + " THEN '" + n + "'")
	}
	names.WriteString(" END)")
	return "(CASE WHEN " + m + " NOT BETWEEN 1 AND 12 THEN 'Invalid value for MonthOfYear (valid values 1 - 12): ' || CAST(" + m + " AS VARCHAR)" +
		" WHEN " + d + " NOT BETWEEN 1 AND 31 THEN 'Invalid value for DayOfMonth (valid values 1 - 28/31): ' || CAST(" + d + " AS VARCHAR)" +
		" WHEN " + m + " = 2 AND " + d + " = 29 THEN 'Invalid date ''February 29'' as ''' || CAST(" + y + " AS VARCHAR) || ''' is not a leap year'" +
		" ELSE 'Invalid date ''' || " + names.String() + " || ' ' || CAST(" + d + " AS VARCHAR) || '''' END)"
}

// raiseFieldOutOfBounds fails with DATETIME_FIELD_OUT_OF_BOUNDS (ANSI
// mode) and the run-time message msg.
func raiseFieldOutOfBounds(msg string) string {
	return "error(" + QuoteString(ErrorMarker+"DATETIME_FIELD_OUT_OF_BOUNDS.WITH_SUGGESTION\x1frangeMessage=") + " || " + msg + " || " +
		QuoteString("\x1fansiConfig=\"spark.sql.ansi.enabled\"\x1f"+JavaKey+"="+sparkerr.DateTimeException) + ")"
}
