package functions

import (
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// Date/time functions, part 3: day and month names, Unix epoch
// conversions, the try_/ltz/ntz parsing and construction variants,
// timestampadd/timestampdiff, convert_timezone and interval constructors.

func init() {
	Register(
		&Def{Name: "current_timezone", MinArgs: 0, MaxArgs: 0, Resolve: fixed(types.String, false), Lower: tmplTZ("%TZID%"), Group: "datetime", Since: "3.1.0"},
		&Def{Name: "weekday", MinArgs: 1, MaxArgs: 1, Resolve: datePart, Lower: lowerDatePartExpr("(isodow(%s) - 1)"), Group: "datetime", Since: "2.4.0"},
		&Def{Name: "dayname", MinArgs: 1, MaxArgs: 1, Resolve: datePartString, Lower: tmpl("strftime($1, '%a')"), Group: "datetime", Since: "4.0.0"},
		&Def{Name: "monthname", MinArgs: 1, MaxArgs: 1, Resolve: datePartString, Lower: tmpl("strftime($1, '%b')"), Group: "datetime", Since: "4.0.0"},
		&Def{Name: "date_diff", MinArgs: 2, MaxArgs: 2, Resolve: resolveDateDiff, Lower: tmpl("CAST($1 - $2 AS INTEGER)"), Group: "datetime", Since: "3.4.0"},
		&Def{Name: "date_from_unix_date", MinArgs: 1, MaxArgs: 1, Resolve: resolveIntTo(types.Int, types.Date), Lower: tmpl("CAST(DATE '1970-01-01' + $1 AS DATE)"), Group: "datetime", Since: "3.1.0"},
		&Def{Name: "unix_date", MinArgs: 1, MaxArgs: 1, Resolve: datePart, Lower: tmpl("CAST($1 - DATE '1970-01-01' AS INTEGER)"), Group: "datetime", Since: "3.1.0"},
		&Def{Name: "unix_micros", MinArgs: 1, MaxArgs: 1, Resolve: resolveUnixEpoch, Lower: tmpl("epoch_us($1)"), Group: "datetime", Since: "3.1.0"},
		&Def{Name: "unix_millis", MinArgs: 1, MaxArgs: 1, Resolve: resolveUnixEpoch, Lower: tmpl("ember_floordiv(epoch_us($1), 1000)"), Group: "datetime", Since: "3.1.0"},
		&Def{Name: "unix_seconds", MinArgs: 1, MaxArgs: 1, Resolve: resolveUnixEpoch, Lower: tmpl("ember_floordiv(epoch_us($1), 1000000)"), Group: "datetime", Since: "3.1.0"},
		&Def{Name: "timestamp_micros", MinArgs: 1, MaxArgs: 1, Resolve: resolveIntTo(types.Long, types.Timestamp), Lower: tmpl("make_timestamptz($1)"), Group: "datetime", Since: "3.1.0"},
		&Def{Name: "timestamp_millis", MinArgs: 1, MaxArgs: 1, Resolve: resolveIntTo(types.Long, types.Timestamp), Lower: lowerTimestampMillis, Group: "datetime", Since: "3.1.0"},
		&Def{Name: "try_to_date", MinArgs: 1, MaxArgs: 2, Resolve: resolveParse(types.Date, true), Lower: lowerParse(types.Date, true), Group: "datetime", Since: "4.0.0"},
		&Def{Name: "try_to_timestamp", MinArgs: 1, MaxArgs: 2, Resolve: resolveParse(types.Timestamp, true), Lower: lowerParse(types.Timestamp, true), Group: "datetime", Since: "3.5.0"},
		&Def{Name: "to_timestamp_ltz", MinArgs: 1, MaxArgs: 2, Resolve: resolveParse(types.Timestamp, false), Lower: lowerParse(types.Timestamp, false), Group: "datetime", Since: "3.4.0"},
		&Def{Name: "to_timestamp_ntz", MinArgs: 1, MaxArgs: 2, Resolve: resolveParse(types.TimestampNTZ, false), Lower: lowerParse(types.TimestampNTZ, false), Group: "datetime", Since: "3.4.0"},
		&Def{Name: "make_timestamp_ltz", MinArgs: 2, MaxArgs: 7, Resolve: resolveMakeTimestamp, Lower: lowerMakeTimestamp, Group: "datetime", Since: "3.4.0"},
		&Def{Name: "try_make_timestamp", MinArgs: 2, MaxArgs: 7, Resolve: tryResolve(resolveMakeTimestamp), Lower: tryLower(lowerMakeTimestamp), Group: "datetime", Since: "4.0.0"},
		&Def{Name: "try_make_timestamp_ltz", MinArgs: 2, MaxArgs: 7, Resolve: tryResolve(resolveMakeTimestamp), Lower: tryLower(lowerMakeTimestamp), Group: "datetime", Since: "4.0.0"},
		&Def{Name: "make_timestamp_ntz", MinArgs: 2, MaxArgs: 6, Resolve: resolveMakeTimestampNTZ, Lower: lowerMakeTimestampNTZ, Group: "datetime", Since: "3.4.0"},
		&Def{Name: "try_make_timestamp_ntz", MinArgs: 2, MaxArgs: 6, Resolve: tryResolve(resolveMakeTimestampNTZ), Lower: tryLower(lowerMakeTimestampNTZ), Group: "datetime", Since: "4.0.0"},
		&Def{Name: "timestampadd", MinArgs: 3, MaxArgs: 3, Resolve: resolveTimestampAdd, Lower: lowerTimestampAdd, Group: "datetime", Since: "3.3.0"},
		&Def{Name: "timestampdiff", MinArgs: 3, MaxArgs: 3, Resolve: resolveTimestampDiff, Lower: lowerTimestampDiff, Group: "datetime", Since: "3.3.0"},
		&Def{Name: "convert_timezone", MinArgs: 2, MaxArgs: 3, Resolve: resolveConvertTimezone, Lower: tmpl("timezone($2, timezone($1, $3))"), Group: "datetime", Since: "3.4.0"},
		&Def{Name: "make_ym_interval", MinArgs: 0, MaxArgs: 2, Resolve: resolveMakeYMInterval, Lower: lowerMakeYMInterval, Group: "datetime", Since: "3.2.0"},
		&Def{Name: "make_dt_interval", MinArgs: 0, MaxArgs: 4, Resolve: resolveMakeDTInterval, Lower: lowerMakeDTInterval, Group: "datetime", Since: "3.2.0"},
		&Def{Name: "make_interval", MinArgs: 0, MaxArgs: 7, Resolve: resolveMakeInterval(false), Lower: lowerMakeInterval, Group: "datetime", Since: "3.0.0"},
		&Def{Name: TimeWindowFn, MinArgs: 2, MaxArgs: 4, Resolve: resolveWindow, Lower: lowerWindow, Pretty: prettyWindow, Group: "datetime", Since: "2.0.0"},
		&Def{Name: "window_time", MinArgs: 1, MaxArgs: 1, Resolve: resolveWindowTime, Lower: tmpl("(struct_extract($1, 'end') - to_microseconds(1))"), Group: "datetime", Since: "3.4.0"},
		&Def{Name: SessionWindowFn, MinArgs: 2, MaxArgs: 2, Resolve: resolveSessionWindow, Lower: lowerSessionWindow, Pretty: prettySessionWindow, Group: "datetime", Since: "3.2.0"},
		&Def{Name: "time_bucket", MinArgs: 2, MaxArgs: 3, Resolve: resolveTimeBucket, Lower: lowerTimeBucket, Pretty: prettyTimeBucket, Group: "datetime", Since: "4.2.0"},
		&Def{Name: "try_make_interval", MinArgs: 0, MaxArgs: 7, Resolve: resolveMakeInterval(true), Lower: tryLower(lowerMakeInterval), Group: "datetime", Since: "4.0.0"},
	)
	Macros = append(Macros,
		// Integer division rounding toward negative infinity (Math.floorDiv).
		`CREATE OR REPLACE MACRO ember_floordiv(a, b) AS (a - ((a % b) + b) % b) // b`,
		// java.time's LocalDateTime.until(end, MONTHS) for two wall clocks:
		// whole months, the end date stepped back (forward) a day when its
		// time of day has not reached the start's.
		`CREATE OR REPLACE MACRO ember_months_until(a, b) AS (
		  ((year(CASE WHEN CAST(b AS DATE) > CAST(a AS DATE) AND CAST(b AS TIME) < CAST(a AS TIME) THEN CAST(b AS DATE) - 1
		              WHEN CAST(b AS DATE) < CAST(a AS DATE) AND CAST(b AS TIME) > CAST(a AS TIME) THEN CAST(b AS DATE) + 1
		              ELSE CAST(b AS DATE) END) * 12
		    + month(CASE WHEN CAST(b AS DATE) > CAST(a AS DATE) AND CAST(b AS TIME) < CAST(a AS TIME) THEN CAST(b AS DATE) - 1
		              WHEN CAST(b AS DATE) < CAST(a AS DATE) AND CAST(b AS TIME) > CAST(a AS TIME) THEN CAST(b AS DATE) + 1
		              ELSE CAST(b AS DATE) END)) * 32
		    + day(CASE WHEN CAST(b AS DATE) > CAST(a AS DATE) AND CAST(b AS TIME) < CAST(a AS TIME) THEN CAST(b AS DATE) - 1
		              WHEN CAST(b AS DATE) < CAST(a AS DATE) AND CAST(b AS TIME) > CAST(a AS TIME) THEN CAST(b AS DATE) + 1
		              ELSE CAST(b AS DATE) END)
		  - ((year(a) * 12 + month(a)) * 32 + day(a))) // 32)`,
	)
}

func lit0() logical.Expr { return &logical.Lit{V: int32(0), T: types.Int, Text: "0"} }

// datePartString types a date part rendered as a name (dayname, monthname).
func datePartString(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out, _, n, err := datePart(c, name, args)
	return out, types.String, n, err
}

// resolveIntTo types a function of one integral argument (implicitly cast
// to in) with result type out.
func resolveIntTo(in, out types.DataType) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		a := args[0]
		if t := a.Type(); !(types.IsIntegral(t) || t.Kind() == types.KindNull || (types.IsNumeric(t) && !types.IsIntegral(in))) {
			if !types.IsNumeric(t) && !types.IsStringLike(t) {
				return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\""+strings.ToUpper(in.SimpleString())+"\"", a)
			}
		}
		return []logical.Expr{castTo(a, in)}, out, a.Nullable() || types.IsStringLike(a.Type()), nil
	}
}

func resolveUnixEpoch(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	a, err := timestampArg(name, args, 0)
	if err != nil {
		return nil, nil, false, err
	}
	return []logical.Expr{a}, types.Long, a.Nullable() || types.IsStringLike(args[0].Type()), nil
}

func lowerTimestampMillis(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	// Math.multiplyExact overflow raises whatever the ANSI mode.
	return "(CASE WHEN " + args[0] + " NOT BETWEEN -9223372036854775 AND 9223372036854775 THEN " +
		RaiseSQL("ARITHMETIC_OVERFLOW", "message", "long overflow", "alternative", "", "config", "\"spark.sql.ansi.enabled\"") +
		" ELSE make_timestamptz(" + args[0] + " * 1000) END)", nil
}

// --- parsing: try_to_date, try_to_timestamp, to_timestamp_ltz/ntz ---------

func resolveParse(t types.DataType, try bool) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		a := args[0]
		if len(args) == 1 {
			switch k := a.Type().Kind(); {
			case types.IsStringLike(a.Type()), k == types.KindDate, k == types.KindTimestamp, k == types.KindTimestampNTZ:
			case k == types.KindNull:
				a = ImplicitCast(a, types.String)
			default:
				return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "(\"STRING\" or \"DATE\" or \"TIMESTAMP\" or \"TIMESTAMP_NTZ\")", a)
			}
			return []logical.Expr{a}, t, true, nil
		}
		f := args[1]
		if !types.IsStringLike(f.Type()) && f.Type().Kind() != types.KindNull {
			return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 2, "\"STRING\"", f)
		}
		if !types.IsStringLike(a.Type()) {
			a = ImplicitCast(a, types.String)
		}
		return []logical.Expr{a, castTo(f, types.String)}, t, true, nil
	}
}

// checkPattern compiles a constant Java pattern argument at lowering
// time, so Spark's pattern errors surface before any row is read (a
// column of patterns is checked row by row by the UDF).
func checkPattern(e logical.Expr, parsing bool) error {
	if s, ok := litString(e); ok {
		_, err := CompileJavaPattern(s, parsing)
		return err
	}
	if _, ok := e.(*logical.Lit); ok && !isNullLit(e) {
		return sparkerr.Unsupported("a non-string datetime pattern")
	}
	return nil
}

// parsedLocal renders the parse of string x with the Java pattern argument
// fe (SQL f) as the session's wall clock (a DuckDB TIMESTAMP; a zone or
// offset in the text is converted to the session zone), NULL when it does
// not parse. With ansiFunc set a failure raises CANNOT_PARSE_TIMESTAMP
// naming that function instead.
// parsedOrRaise is parsedLocal that, with ANSI on, raises
// CANNOT_PARSE_TIMESTAMP naming tryFunc (the try_ variant to suggest).
func parsedOrRaise(c *LowerCtx, fe logical.Expr, x, f, tryFunc string) (string, error) {
	ansiFunc := ""
	if c.ANSI {
		ansiFunc = "`" + tryFunc + "`"
	}
	return parsedLocal(c, fe, x, f, ansiFunc)
}

func parsedLocal(c *LowerCtx, fe logical.Expr, x, f, ansiFunc string) (string, error) {
	if err := checkPattern(fe, true); err != nil {
		return "", err
	}
	return "ember_parse_datetime(" + x + ", " + f + ", " + tzLit(c) + ", " + QuoteString(ansiFunc) + ")", nil
}

// formatSQL renders ts (a DuckDB TIMESTAMPTZ, or with micros an epoch
// microsecond count) formatted with the Java pattern argument fe (SQL f)
// in the session time zone.
func formatSQL(c *LowerCtx, fe logical.Expr, ts, f string, micros bool) (string, error) {
	if err := checkPattern(fe, false); err != nil {
		return "", err
	}
	if !micros {
		ts = "epoch_us(" + ts + ")"
	}
	return "ember_format_datetime(" + ts + ", " + f + ", " + tzLit(c) + ")", nil
}

func lowerParse(t types.DataType, try bool) LowerFunc {
	return func(c *LowerCtx, call *logical.Call, args []string) (string, error) {
		if len(args) == 1 {
			from := call.Args[0].Type()
			if !types.IsStringLike(from) {
				return CastSQL(c, args[0], from, t, logical.Legacy)
			}
			if !try && c.ANSI {
				// Without a pattern the text is cast (CAST_INVALID_INPUT).
				return CastSQL(c, args[0], from, t, logical.ANSI)
			}
			var v string
			switch t.Kind() {
			case types.KindDate:
				v = "TRY_CAST(trim(" + args[0] + ") AS DATE)"
			case types.KindTimestampNTZ:
				v = "TRY_CAST(trim(" + args[0] + ") AS TIMESTAMP)"
			default:
				v = "timezone(" + tzLit(c) + ", TRY_CAST(trim(" + args[0] + ") AS TIMESTAMP))"
			}
			return parseFailGuard(c, try, args[0], "", v), nil
		}
		if isNullLit(call.Args[1]) {
			dt, _ := DuckType(t)
			return "CAST(NULL AS " + dt + ")", nil
		}
		pc := *c
		pc.ANSI = c.ANSI && !try
		tryFunc := "try_to_timestamp"
		if t.Kind() == types.KindDate {
			tryFunc = "try_to_date"
		}
		p, err := parsedOrRaise(&pc, call.Args[1], args[0], args[1], tryFunc)
		if err != nil {
			return "", err
		}
		switch t.Kind() {
		case types.KindDate:
			return "CAST(" + p + " AS DATE)", nil
		case types.KindTimestampNTZ:
			return p, nil
		}
		return fromLocal(c, p), nil
	}
}

// parseFailGuard raises CANNOT_PARSE_TIMESTAMP for an unparsable non-null
// input under ANSI mode (to_timestamp_ltz/ntz); try_ functions keep NULL.
func parseFailGuard(c *LowerCtx, try bool, x, f, v string) string {
	if try || !c.ANSI {
		return v
	}
	cond := x + " IS NOT NULL"
	if f != "" {
		cond += " AND " + f + " IS NOT NULL"
	}
	fn := "`try_to_timestamp`"
	raise := "error(" + QuoteString(ErrorMarker+"CANNOT_PARSE_TIMESTAMP\x1fmessage=Text '") + " || CAST(" + x + " AS VARCHAR) || " +
		QuoteString("' could not be parsed at index 0\x1ffunc="+fn+"\x1f"+JavaKey+"="+sparkerr.DateTimeException) + ")"
	return "(CASE WHEN " + cond + " AND (" + v + ") IS NULL THEN " + raise + " ELSE " + v + " END)"
}

// --- try_ wrappers ---------------------------------------------------------

// tryResolve makes the result nullable (invalid input gives NULL).
func tryResolve(r ResolveFunc) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		out, t, _, err := r(&Ctx{ANSI: false, TimeZone: c.TimeZone}, name, args)
		return out, t, true, err
	}
}

// tryLower lowers as with ANSI mode off (NULL instead of an error).
func tryLower(l LowerFunc) LowerFunc {
	return func(c *LowerCtx, call *logical.Call, args []string) (string, error) {
		cc := *c
		cc.ANSI = false
		return l(&cc, call, args)
	}
}

// --- make_timestamp_ntz ----------------------------------------------------

func resolveMakeTimestampNTZ(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if isDateTimeForm(args) {
		return resolveMakeTimestampFromTime(name, args, types.TimestampNTZ)
	}
	out, _, n, err := resolveMakeTimestamp(c, name, args)
	return out, types.TimestampNTZ, n, err
}

// lowerMakeTimestampNTZ builds the wall clock in UTC and reads it back, so
// no daylight saving gap of the session time zone can shift it.
func lowerMakeTimestampNTZ(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	if isDateTimeForm(call.Args) {
		return lowerMakeTimestampFromTime(c, args, true), nil
	}
	cc := *c
	cc.TimeZone, cc.EngineZone = "UTC", "UTC"
	v, err := lowerMakeTimestamp(&cc, call, args)
	if err != nil {
		return "", err
	}
	return "timezone('UTC', " + v + ")", nil
}

// --- timestampadd / timestampdiff ------------------------------------------

var datetimeUnits = []string{"YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "DAYOFYEAR", "HOUR", "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND"}

var unitMicros = map[string]int64{
	"MICROSECOND": 1, "MILLISECOND": 1000, "SECOND": 1000000, "MINUTE": 60000000, "HOUR": 3600000000,
	"DAY": 86400000000, "DAYOFYEAR": 86400000000, "WEEK": 7 * 86400000000,
}

func datetimeUnit(name string, args []logical.Expr) (string, error) {
	s, ok := litString(args[0])
	if !ok {
		return "", sparkerr.Newf("NON_FOLDABLE_ARGUMENT", "funcName", sparkerr.QuoteID(name), "paramName", "`unit`", "paramType", "\"STRING\"")
	}
	u := strings.ToUpper(s)
	for _, k := range datetimeUnits {
		if k == u {
			return u, nil
		}
	}
	return "", sparkerr.Newf("INVALID_PARAMETER_VALUE.DATETIME_UNIT", "functionName", sparkerr.QuoteID(name),
		"parameter", "`unit`", "invalidValue", s)
}

func anyTimestampArg(name string, args []logical.Expr, i int) (logical.Expr, error) {
	a := args[i]
	switch k := a.Type().Kind(); {
	case k == types.KindTimestamp, k == types.KindTimestampNTZ:
		return a, nil
	case k == types.KindDate, k == types.KindNull, types.IsStringLike(a.Type()):
		return ImplicitCast(a, types.Timestamp), nil
	}
	return nil, typeMismatch(DefaultPretty(name, args, false), i+1, "\"TIMESTAMP\"", a)
}

func resolveTimestampAdd(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if _, err := datetimeUnit("timestampadd", args); err != nil {
		return nil, nil, false, err
	}
	q := args[1]
	if t := q.Type(); !(types.IsNumeric(t) || types.IsStringLike(t) || t.Kind() == types.KindNull) {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 2, "\"BIGINT\"", q)
	}
	ts, err := anyTimestampArg(name, args, 2)
	if err != nil {
		return nil, nil, false, err
	}
	out := []logical.Expr{args[0], castTo(q, types.Long), ts}
	return out, ts.Type(), anyNullable(out) || types.IsStringLike(args[2].Type()), nil
}

func lowerTimestampAdd(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	u, err := datetimeUnit("timestampadd", call.Args)
	if err != nil {
		return "", err
	}
	q, ts := args[1], args[2]
	var iv string
	switch u {
	case "YEAR":
		iv = "to_months(" + q + " * 12)"
	case "QUARTER":
		iv = "to_months(" + q + " * 3)"
	case "MONTH":
		iv = "to_months(" + q + ")"
	case "WEEK":
		iv = "to_days(" + q + " * 7)"
	case "DAY", "DAYOFYEAR":
		iv = "to_days(" + q + ")"
	default:
		// Units below a day add an exact duration to the instant.
		return "(" + ts + " + to_microseconds(" + q + " * " + strconv.FormatInt(unitMicros[u], 10) + "))", nil
	}
	if call.T.Kind() == types.KindTimestampNTZ {
		return "(" + ts + " + " + iv + ")", nil
	}
	return fromLocal(c, "("+toLocal(c, ts)+" + "+iv+")"), nil
}

func resolveTimestampDiff(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if _, err := datetimeUnit("timestampdiff", args); err != nil {
		return nil, nil, false, err
	}
	a, err := anyTimestampArg(name, args, 1)
	if err != nil {
		return nil, nil, false, err
	}
	b, err := anyTimestampArg(name, args, 2)
	if err != nil {
		return nil, nil, false, err
	}
	if a.Type().Kind() != b.Type().Kind() {
		a, b = castTo(a, types.Timestamp), castTo(b, types.Timestamp)
	}
	out := []logical.Expr{args[0], a, b}
	return out, types.Long, anyNullable(out) || types.IsStringLike(args[1].Type()) || types.IsStringLike(args[2].Type()), nil
}

func lowerTimestampDiff(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	u, err := datetimeUnit("timestampdiff", call.Args)
	if err != nil {
		return "", err
	}
	a, b := args[1], args[2]
	if call.Args[1].Type().Kind() == types.KindTimestamp {
		a, b = toLocal(c, a), toLocal(c, b)
	}
	switch u {
	case "YEAR":
		return "(ember_months_until(" + a + ", " + b + ") // 12)", nil
	case "QUARTER":
		return "(ember_months_until(" + a + ", " + b + ") // 3)", nil
	case "MONTH":
		return "ember_months_until(" + a + ", " + b + ")", nil
	}
	d := "(epoch_us(" + b + ") - epoch_us(" + a + "))"
	if n := unitMicros[u]; n != 1 {
		d = "(" + d + " // " + strconv.FormatInt(n, 10) + ")"
	}
	return d, nil
}

// --- convert_timezone ------------------------------------------------------

func resolveConvertTimezone(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if len(args) == 2 {
		cur, err := Call(c, "current_timezone", nil, false)
		if err != nil {
			return nil, nil, false, err
		}
		args = append([]logical.Expr{cur}, args...)
	}
	out := make([]logical.Expr, 3)
	for i := 0; i < 2; i++ {
		a := args[i]
		if !types.IsStringLike(a.Type()) && a.Type().Kind() != types.KindNull {
			return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), i+1, "\"STRING\"", a)
		}
		out[i] = castTo(a, types.String)
	}
	ts := args[2]
	switch k := ts.Type().Kind(); {
	case k == types.KindTimestampNTZ:
	case k == types.KindTimestamp, k == types.KindDate, k == types.KindNull, types.IsStringLike(ts.Type()):
		ts = ImplicitCast(ts, types.TimestampNTZ)
	default:
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 3, "\"TIMESTAMP_NTZ\"", ts)
	}
	out[2] = ts
	return out, types.TimestampNTZ, anyNullable(out) || types.IsStringLike(args[2].Type()), nil
}

// --- interval constructors -------------------------------------------------

// intervalArgs fills omitted trailing arguments with 0 (Spark shows them
// in the generated name) and casts the first n to INT, the rest (seconds)
// to DECIMAL(18,6).
func intervalArgs(name string, args []logical.Expr, total, ints int) ([]logical.Expr, error) {
	out := make([]logical.Expr, 0, total)
	for i := 0; i < total; i++ {
		var a logical.Expr = lit0()
		if i >= ints {
			// Spark's default seconds: a DECIMAL(18,6) zero.
			a = &logical.Lit{T: types.Decimal{Precision: 18, Scale: 6}, V: plan.DecimalValue{Unscaled: "0", Precision: 18, Scale: 6}, Text: "0.000000"}
		}
		if i < len(args) {
			a = args[i]
		}
		t := a.Type()
		if !(types.IsNumeric(t) || types.IsStringLike(t) || t.Kind() == types.KindNull) {
			req := "\"INT\""
			if i >= ints {
				req = "\"DECIMAL(18,6)\""
			}
			return nil, typeMismatch(DefaultPretty(name, args, false), i+1, req, a)
		}
		if i < ints {
			out = append(out, castTo(a, types.Int))
		} else {
			out = append(out, ImplicitCast(a, types.Decimal{Precision: 18, Scale: 6}))
		}
	}
	return out, nil
}

func raiseOverflow(msg string) string {
	return RaiseSQL("ARITHMETIC_OVERFLOW", "message", msg, "alternative", "", "config", "\"spark.sql.ansi.enabled\"")
}

func int32Range(x string) string { return x + " BETWEEN -2147483648 AND 2147483647" }

func resolveMakeYMInterval(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out, err := intervalArgs(name, args, 2, 2)
	if err != nil {
		return nil, nil, false, err
	}
	return out, types.YearMonthInterval{Start: types.YearField, End: types.MonthField}, anyNullable(out), nil
}

// raiseIntervalOverflow fails with INTERVAL_ARITHMETIC_OVERFLOW, as
// make_ym_interval/make_dt_interval do whatever the ANSI mode.
func raiseIntervalOverflow() string {
	return RaiseSQL("INTERVAL_ARITHMETIC_OVERFLOW.WITHOUT_SUGGESTION")
}

func lowerMakeYMInterval(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	m := "(CAST(" + args[0] + " AS BIGINT) * 12 + " + args[1] + ")"
	return "(CASE WHEN " + m + " IS NULL THEN NULL WHEN " + int32Range(m) + " THEN to_months(CAST(" + m + " AS INTEGER)) ELSE " + raiseIntervalOverflow() + " END)", nil
}

func resolveMakeDTInterval(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out, err := intervalArgs(name, args, 4, 3)
	if err != nil {
		return nil, nil, false, err
	}
	return out, types.DayTimeInterval{Start: types.DayField, End: types.SecondField}, anyNullable(out), nil
}

// dtMicros renders days/hours/minutes/seconds as microseconds (HUGEINT, so
// that overflow can be checked).
func dtMicros(d, h, m, s string) string {
	return "(CAST(" + d + " AS HUGEINT) * 86400000000 + CAST(" + h + " AS HUGEINT) * 3600000000 + CAST(" + m + " AS HUGEINT) * 60000000 + CAST(" + s + " * 1000000 AS HUGEINT))"
}

const int64Range = " BETWEEN -9223372036854775808 AND 9223372036854775807"

func lowerMakeDTInterval(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	us := dtMicros(args[0], args[1], args[2], args[3])
	return "(CASE WHEN " + us + " IS NULL THEN NULL WHEN " + us + int64Range + " THEN to_microseconds(CAST(" + us + " AS BIGINT)) ELSE " + raiseIntervalOverflow() + " END)", nil
}

func resolveMakeInterval(try bool) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		out, err := intervalArgs(name, args, 7, 6)
		if err != nil {
			return nil, nil, false, err
		}
		return out, types.CalendarInterval, try || !c.ANSI || anyNullable(out), nil
	}
}

func lowerMakeInterval(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	months := "(CAST(" + args[0] + " AS BIGINT) * 12 + " + args[1] + ")"
	days := "(CAST(" + args[2] + " AS BIGINT) * 7 + " + args[3] + ")"
	us := dtMicros("0", args[4], args[5], args[6])
	bad := "NULL"
	if c.ANSI {
		bad = raiseOverflow("overflow")
	}
	return "(CASE WHEN " + months + " IS NULL OR " + days + " IS NULL OR " + us + " IS NULL THEN NULL WHEN " + int32Range(months) + " AND " + int32Range(days) + " AND " + us + int64Range +
		" THEN to_months(CAST(" + months + " AS INTEGER)) + to_days(CAST(" + days + " AS INTEGER)) + to_microseconds(CAST(" + us + " AS BIGINT)) ELSE " + bad + " END)", nil
}

// --- extract fields without a function of their own ------------------------

var (
	extractSecond = &Def{Name: "second", Resolve: resolveSecondFraction, Lower: lowerSecondFraction}
	extractDowISO = &Def{Name: "dayofweek_iso", Resolve: datePart, Lower: lowerDatePartExpr("isodow(%s)")}
	extractYOW    = &Def{Name: "yearofweek", Resolve: datePart, Lower: lowerDatePartExpr("isoyear(%s)")}
	// extractMore are EXTRACT fields answered by the definitions above.
	extractMore = map[string]*Def{
		"SECOND": extractSecond, "S": extractSecond, "SEC": extractSecond, "SECONDS": extractSecond, "SECS": extractSecond,
		"DAYOFWEEK_ISO": extractDowISO, "DOW_ISO": extractDowISO,
		"YEAROFWEEK": extractYOW,
	}
)

// resolveSecondFraction types EXTRACT(SECOND ...): seconds with their
// fraction as DECIMAL(8,6).
func resolveSecondFraction(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out, _, n, err := timePart(c, name, args)
	return out, types.Decimal{Precision: 8, Scale: 6}, n, err
}

func lowerSecondFraction(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	v := args[0]
	if call.Args[0].Type().Kind() == types.KindTimestamp {
		v = toLocal(c, v)
	}
	return "CAST(date_part('microseconds', " + v + ") * 0.000001 AS DECIMAL(8,6))", nil
}

// --- window / window_time / time_bucket ------------------------------------

// TimeWindowFn is the name of the tumbling time window function; the
// analyzer drops rows whose time is NULL wherever it is used, as Spark.
const TimeWindowFn = "window"

var windowNotSupportedMonths = "Intervals greater than a month is not supported (%s)."

// durationMicros parses a window duration such as "5 seconds" or
// "1 day 2 hours" (Spark's interval text without months) as microseconds.
func durationMicros(s string) (int64, error) {
	fail := func() (int64, error) {
		return 0, &sparkerr.Error{Class: "_LEGACY_ERROR_TEMP_WINDOW", Text: "The provided interval (" + s + ") did not correspond to a valid interval string.",
			JavaClass: "java.lang.IllegalArgumentException"}
	}
	f := strings.Fields(strings.ToLower(strings.TrimSpace(s)))
	if len(f) > 0 && f[0] == "interval" {
		f = f[1:]
	}
	if len(f) == 0 || len(f)%2 != 0 {
		return fail()
	}
	var total int64
	for i := 0; i < len(f); i += 2 {
		unit := strings.TrimSuffix(f[i+1], "s")
		var mul float64
		switch unit {
		case "week":
			mul = 7 * 86400e6
		case "day":
			mul = 86400e6
		case "hour":
			mul = 3600e6
		case "minute":
			mul = 60e6
		case "second":
			mul = 1e6
		case "millisecond":
			mul = 1e3
		case "microsecond":
			mul = 1
		case "month", "year":
			return 0, &sparkerr.Error{Class: "_LEGACY_ERROR_TEMP_3231", Text: strings.Replace(windowNotSupportedMonths, "%s", s, 1),
				Params: map[string]string{"interval": s}, JavaClass: "java.lang.IllegalArgumentException"}
		default:
			return fail()
		}
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return fail()
		}
		total += int64(v * mul)
	}
	return total, nil
}

func windowDurationArg(name string, args []logical.Expr, i int) (int64, error) {
	s, ok := litString(args[i])
	if !ok {
		return 0, typeMismatch(DefaultPretty(name, args, false), i+1, "\"STRING\"", args[i])
	}
	return durationMicros(s)
}

func windowStruct(t types.DataType) types.Struct {
	return types.Struct{Fields: []types.Field{{Name: "start", Type: t, Nullable: true}, {Name: "end", Type: t, Nullable: true}}}
}

func resolveWindow(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	ts, err := anyTimestampArg(name, args, 0)
	if err != nil {
		return nil, nil, false, err
	}
	dur, err := windowDurationArg(name, args, 1)
	if err != nil {
		return nil, nil, false, err
	}
	slide, start := dur, int64(0)
	if len(args) > 2 {
		if slide, err = windowDurationArg(name, args, 2); err != nil {
			return nil, nil, false, err
		}
	}
	if len(args) > 3 {
		if start, err = windowDurationArg(name, args, 3); err != nil {
			return nil, nil, false, err
		}
	}
	if dur <= 0 || slide <= 0 {
		return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "sqlExpr", "\""+DefaultPretty(name, args, false)+"\"",
			"exprName", "`windowDuration`", "valueRange", "(0, 9223372036854775807]", "currentValue", strconv.FormatInt(dur, 10)+"L")
	}
	if slide > dur {
		// Spark names the call by its durations in microseconds.
		sqlExpr := "window(" + args[0].SQL() + ", " + strconv.FormatInt(dur, 10) + ", " + strconv.FormatInt(slide, 10) + ", " + strconv.FormatInt(start, 10) + ")"
		return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.PARAMETER_CONSTRAINT_VIOLATION", "sqlExpr", "\""+sqlExpr+"\"",
			"leftExprName", "`slide_duration`", "leftExprValue", strconv.FormatInt(slide, 10)+"L", "constraint", "<=",
			"rightExprName", "`window_duration`", "rightExprValue", strconv.FormatInt(dur, 10)+"L")
	}
	_ = start
	out := append([]logical.Expr{ts}, args[1:]...)
	return out, windowStruct(ts.Type()), false, nil
}

// windowParams reads the durations of a resolved window call.
func windowParams(call *logical.Call) (dur, slide, start int64, err error) {
	arg := func(i int) (int64, error) { return durationMicros(call.Args[i].(*logical.Lit).V.(string)) }
	if dur, err = arg(1); err != nil {
		return
	}
	slide = dur
	if len(call.Args) > 2 {
		if slide, err = arg(2); err != nil {
			return
		}
	}
	if len(call.Args) > 3 {
		start, err = arg(3)
	}
	return
}

// IsSlidingWindow reports a window call whose windows overlap (the slide
// is shorter than the window): each row belongs to several windows.
func IsSlidingWindow(call *logical.Call) bool {
	dur, slide, _, err := windowParams(call)
	return err == nil && slide != dur
}

// windowStartSQL is the start of the last window at or before the time:
// the last multiple of the slide (shifted by the start time).
func windowStartSQL(ts string, slide, start int64) string {
	us := "epoch_us(" + ts + ")"
	sl, st := strconv.FormatInt(slide, 10), strconv.FormatInt(start, 10)
	return "(" + us + " - (((" + us + " - " + st + ") % " + sl + ") + " + sl + ") % " + sl + ")"
}

func windowMaker(t types.DataType) string {
	if t.Kind() == types.KindTimestampNTZ {
		return "make_timestamp"
	}
	return "make_timestamptz"
}

func lowerWindow(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	dur, slide, start, err := windowParams(call)
	if err != nil {
		return "", err
	}
	if slide != dur {
		return "", sparkerr.Unsupported("a sliding window outside a projection or aggregation")
	}
	d := strconv.FormatInt(dur, 10)
	s := windowStartSQL(args[0], slide, start)
	mk := windowMaker(call.Args[0].Type())
	return "(CASE WHEN " + args[0] + " IS NULL THEN NULL ELSE struct_pack(\"start\" := " + mk + "(" + s + "), \"end\" := " + mk + "(" + s + " + " + d + ")) END)", nil
}

// SlidingWindowList renders a sliding window call as the list of every
// window that may contain the time, latest first (the analyzer explodes it
// and keeps the windows that do contain the time, as Spark's Expand).
func SlidingWindowList(call *logical.Call) *logical.Call {
	t := call.T
	return &logical.Call{Fn: "window", Args: call.Args, T: types.Array{Elem: t}, Null: true, Pretty: "window", Impl: &Def{Name: "window", Lower: lowerSlidingWindowList}}
}

func lowerSlidingWindowList(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	dur, slide, start, err := windowParams(call)
	if err != nil {
		return "", err
	}
	n := (dur + slide - 1) / slide
	s := windowStartSQL(args[0], slide, start)
	mk := windowMaker(call.Args[0].Type())
	ws := "(" + s + " - __w * " + strconv.FormatInt(slide, 10) + ")"
	return "(CASE WHEN " + args[0] + " IS NULL THEN NULL ELSE list_transform(range(" + strconv.FormatInt(n, 10) + "), __w -> struct_pack(\"start\" := " + mk + "(" + ws + "), \"end\" := " + mk + "(" + ws + " + " + strconv.FormatInt(dur, 10) + "))) END)", nil
}

func prettyWindow(string, []logical.Expr, bool) string { return "window" }

func prettySessionWindow(string, []logical.Expr, bool) string { return "session_window" }

func resolveWindowTime(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	st, ok := args[0].Type().(types.Struct)
	if ok && len(st.Fields) == 2 && st.Fields[0].Name == "start" && st.Fields[1].Name == "end" {
		if k := st.Fields[1].Type.Kind(); k == types.KindTimestamp || k == types.KindTimestampNTZ {
			return args, st.Fields[1].Type, true, nil
		}
	}
	return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"STRUCT<start: TIMESTAMP, end: TIMESTAMP>\"", args[0])
}

// SessionWindowFn is the name of the session window function; the
// analyzer rewrites an aggregation grouped by it into sessions.
const SessionWindowFn = "session_window"

// resolveSessionWindow types session_window(ts, gap): the gap becomes a
// day-time interval. Outside an aggregation each row's window is
// [ts, ts + gap); grouped, the analyzer merges overlapping ones.
func resolveSessionWindow(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	ts, err := anyTimestampArg(name, args, 0)
	if err != nil {
		return nil, nil, false, err
	}
	gap := args[1]
	switch {
	case gap.Type().Kind() == types.KindCalendarInterval:
	case types.IsStringLike(gap.Type()):
		s, ok := litString(gap)
		if !ok {
			return nil, nil, false, sparkerr.Unsupported("session_window with a gap duration given per row as a string")
		}
		us, err := durationMicros(s)
		if err != nil {
			return nil, nil, false, err
		}
		gap = &logical.Lit{V: plan.DayTime(us), T: types.DayTimeInterval{Start: types.DayField, End: types.SecondField}, Text: s}
	default:
		return nil, nil, false, &sparkerr.Error{Class: "_LEGACY_ERROR_TEMP_SESSION_GAP", JavaClass: sparkerr.AnalysisException,
			Text: "Gap duration expression used in session window must be CalendarIntervalType, but got " + scalaTypeName(gap.Type()) + "."}
	}
	return []logical.Expr{ts, gap}, windowStruct(ts.Type()), false, nil
}

func lowerSessionWindow(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	return "(CASE WHEN " + args[0] + " IS NULL THEN NULL ELSE struct_pack(\"start\" := " + args[0] + ", \"end\" := " + args[0] + " + " + args[1] + ") END)", nil
}

// time_bucket(size, ts[, origin])

var epochOriginText = "TIMESTAMP '1970-01-01 00:00:00'"

func resolveTimeBucket(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	size := args[0]
	k := size.Type().Kind()
	if k != types.KindDayTimeInterval && k != types.KindYearMonthInterval {
		return nil, nil, false, typeMismatch(prettyTimeBucket(name, args, false), 1, "(\"INTERVAL DAY TO SECOND\" or \"INTERVAL YEAR TO MONTH\")", size)
	}
	l, ok := size.(*logical.Lit)
	if !ok || l.V == nil {
		return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "sqlExpr", "\""+prettyTimeBucket(name, args, false)+"\"",
			"inputName", "`bucketSize`", "inputType", "\""+strings.ToUpper(size.Type().SimpleString())+"\"", "inputExpr", "\""+size.SQL()+"\"")
	}
	if n, _ := timeBucketSize(l); n <= 0 {
		return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "sqlExpr", "\""+prettyTimeBucket(name, args, false)+"\"",
			"exprName", "`bucketSize`", "valueRange", "(0, inf)", "currentValue", size.SQL())
	}
	ts := args[1]
	switch ts.Type().Kind() {
	case types.KindTimestamp, types.KindTimestampNTZ:
	case types.KindNull:
		ts = ImplicitCast(ts, types.Timestamp)
	default:
		return nil, nil, false, typeMismatch(prettyTimeBucket(name, args, false), 2, "\"(TIMESTAMP OR TIMESTAMP WITHOUT TIME ZONE)\"", ts)
	}
	out := []logical.Expr{size, ts}
	if len(args) == 3 {
		o := args[2]
		if o.Type().Kind() != ts.Type().Kind() {
			return nil, nil, false, typeMismatch(prettyTimeBucket(name, args, false), 3, "\""+strings.ToUpper(ts.Type().SimpleString())+"\"", o)
		}
		if _, ok := o.(*logical.Lit); !ok {
			return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "sqlExpr", "\""+prettyTimeBucket(name, args, false)+"\"",
				"inputName", "`origin`", "inputType", "\""+strings.ToUpper(o.Type().SimpleString())+"\"", "inputExpr", "\""+o.SQL()+"\"")
		}
		out = append(out, o)
	}
	return out, ts.Type(), anyNullable(out), nil
}

// timeBucketSize is the bucket size: microseconds (day-time) or months.
func timeBucketSize(l *logical.Lit) (int64, bool) {
	switch v := l.V.(type) {
	case plan.DayTime:
		return int64(v), false
	case plan.YearMonth:
		return int64(v), true
	}
	n, _ := logical.IntValue(l.V)
	return n, l.T.Kind() == types.KindYearMonthInterval
}

func prettyTimeBucket(name string, args []logical.Expr, d bool) string {
	s := DefaultPretty(name, args, d)
	if len(args) == 2 {
		s = strings.TrimSuffix(s, ")") + ", " + epochOriginText + ")"
	}
	return s
}

func lowerTimeBucket(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	n, months := timeBucketSize(call.Args[0].(*logical.Lit))
	size := strconv.FormatInt(n, 10)
	ltz := call.T.Kind() == types.KindTimestamp
	t := args[1]
	o := "TIMESTAMP '1970-01-01 00:00:00'"
	if ltz {
		t = toLocal(c, t)
		if len(args) == 3 {
			o = toLocal(c, args[2])
		}
	} else if len(args) == 3 {
		o = args[2]
	}
	back := func(local string) string {
		if ltz {
			return fromLocal(c, local)
		}
		return local
	}
	switch {
	case months:
		// Whole buckets of months from the origin on the wall clock.
		cand := "(" + o + " + to_months(CAST(ember_floordiv(ember_months_until(" + o + ", " + t + "), " + size + ") * " + size + " AS INTEGER)))"
		return "(CASE WHEN " + t + " IS NULL THEN NULL ELSE " + back("(CASE WHEN "+cand+" > "+t+" THEN "+cand+" - to_months("+size+") ELSE "+cand+" END)") + " END)", nil
	case !ltz || n%86400000000 == 0:
		// NTZ, or whole days of the session's calendar: wall clock arithmetic.
		ou := "epoch_us(" + o + ")"
		return back("make_timestamp(" + ou + " + ember_floordiv(epoch_us(" + t + ") - " + ou + ", " + size + ") * " + size + ")"), nil
	case n < 86400000000:
		// Below a day: exact durations from the origin instant.
		oi := fromLocal(c, o)
		if len(args) == 3 {
			oi = args[2]
		}
		ou := "epoch_us(" + oi + ")"
		return "make_timestamptz(" + ou + " + ember_floordiv(epoch_us(" + args[1] + ") - " + ou + ", " + size + ") * " + size + ")", nil
	}
	return "", sparkerr.Unsupported("time_bucket of a TIMESTAMP by an interval mixing days and a time of day")
}

// scalaTypeName renders a type as Spark's Scala toString (DayTimeIntervalType(3,3)).
func scalaTypeName(t types.DataType) string {
	switch x := t.(type) {
	case types.DayTimeInterval:
		return "DayTimeIntervalType(" + strconv.Itoa(int(x.Start)) + "," + strconv.Itoa(int(x.End)) + ")"
	case types.YearMonthInterval:
		return "YearMonthIntervalType(" + strconv.Itoa(int(x.Start)) + "," + strconv.Itoa(int(x.End)) + ")"
	}
	s := t.SimpleString()
	return strings.ToUpper(s[:1]) + s[1:] + "Type"
}
