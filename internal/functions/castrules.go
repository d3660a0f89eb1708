package functions

import (
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/types"
)

// Spark's cast rules where DuckDB's own casts disagree. Each rule renders
// DuckDB SQL for one (source, target) family; CastSQL picks the rule.
//
// Strings are parsed after Spark trims them: it strips the characters up
// to and including the space (ASCII control characters), not Unicode
// spaces. DuckDB's casts accept forms Spark rejects
// (exponents and hex in integers, digit separators, round "1.5" to 2), so
// the text is validated first and only the plain form reaches TRY_CAST.

// sparkSpace is a regular-expression class of the characters Spark trims
// before parsing a string as a number, boolean or datetime.
const sparkSpace = `[\x00-\x20]`

// sparkTrim strips Spark's whitespace from both ends of a string.
func sparkTrim(arg string) string {
	return "regexp_replace(" + arg + ", " + QuoteString("^"+sparkSpace+"+|"+sparkSpace+"+$") + ", '', 'g')"
}

// sparkParseText renders the text TRY_CAST(... AS to) must parse so that
// the result is Spark's cast of the string arg (NULL where Spark finds the
// string malformed).
func sparkParseText(arg string, to types.DataType, mode logical.EvalMode) string {
	t := sparkTrim(arg)
	switch {
	case types.IsIntegral(to):
		// Digits with an optional sign. Without ANSI mode a fraction is
		// allowed and dropped ("1.9" is 1, "." and "-.5" are 0).
		frac := "false"
		if mode == logical.Legacy {
			frac = "true"
		}
		return "ember_int_text(" + t + ", " + frac + ")"
	case to.Kind() == types.KindFloat || to.Kind() == types.KindDouble:
		return "ember_float_text(" + t + ")"
	case to.Kind() == types.KindDecimal:
		return "ember_decimal_text(" + t + ")"
	case to.Kind() == types.KindDate:
		// A year alone, or a year and month, means the first day.
		return "ember_date_text(" + t + ")"
	case to.Kind() == types.KindTimestamp || to.Kind() == types.KindTimestampNTZ:
		// So for timestamps, and a bare time of day ("12:34:56") is that
		// time of the current date.
		return "ember_date_text(ember_time_only_ts(" + t + "))"
	}
	return t
}

func init() {
	Macros = append(Macros, castMacros...)
}

// castMacros are the DuckDB macros behind sparkParseText.
var castMacros = []string{
	// The integral text of an already trimmed string, or NULL.
	`CREATE OR REPLACE MACRO ember_int_text(s, frac) AS CASE
	  WHEN regexp_full_match(s, '[+-]?[0-9]+') THEN s
	  WHEN frac AND regexp_full_match(s, '[+-]?[0-9]*\.[0-9]*') THEN
	    (CASE WHEN regexp_matches(s, '^[+-]?[0-9]') THEN regexp_extract(s, '^[+-]?[0-9]+') ELSE '0' END)
	  END`,
	// Java's floating-point syntax: decimal digits with an optional
	// exponent and an optional d/f suffix, or the special values.
	`CREATE OR REPLACE MACRO ember_float_text(s) AS CASE
	  WHEN regexp_full_match(s, '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?[dDfF]?') THEN regexp_replace(s, '[dDfF]$', '')
	  WHEN regexp_full_match(s, '(?i)[+-]?(inf|infinity|nan)') THEN s
	  END`,
	// Java's BigDecimal syntax (no suffix, no special values).
	`CREATE OR REPLACE MACRO ember_decimal_text(s) AS CASE
	  WHEN regexp_full_match(s, '[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?') THEN s
	  END`,
	`CREATE OR REPLACE MACRO ember_date_text(s) AS CASE
	  WHEN regexp_full_match(s, '[0-9]{4}') THEN s || '-01-01'
	  WHEN regexp_full_match(s, '[0-9]{4}-[0-9]{1,2}') THEN s || '-01'
	  ELSE s END`,
}

// timestampSeconds renders the whole seconds since the epoch of a
// TIMESTAMP value, rounded down as Spark does (half a second before the
// epoch is -1).
func timestampSeconds(arg string) string {
	us := "epoch_us(" + arg + ")"
	return "(" + us + " // 1000000 - CASE WHEN " + us + " % 1000000 < 0 THEN 1 ELSE 0 END)"
}

// castTimestampToNumber renders Spark's TIMESTAMP to numeric or boolean
// cast: seconds (fractional for floating point and decimals, rounded down
// for integral types). Integral types narrower than BIGINT give NULL when
// the seconds do not fit (CAST_OVERFLOW under ANSI mode).
func castTimestampToNumber(c *LowerCtx, arg string, to types.DataType, dt string, mode logical.EvalMode) string {
	switch {
	case to.Kind() == types.KindBoolean:
		return "(epoch_us(" + arg + ") <> 0)"
	case to.Kind() == types.KindLong:
		return timestampSeconds(arg)
	case types.IsIntegral(to) && c.Spark35 && mode == logical.Legacy:
		// Spark 3.5 wraps the seconds into the narrower type.
		return wrapIntegral(timestampSeconds(arg), to)
	case types.IsIntegral(to):
		secs := timestampSeconds(arg)
		overflow := "NULL"
		if mode == logical.ANSI {
			overflow = "error(" + QuoteString(ErrorMarker+"CAST_OVERFLOW\x1fvalue=TIMESTAMP '") + " || " +
				"ember_ts_str(timezone(" + c.ZoneSQL() + ", " + arg + ")) || " +
				QuoteString("'\x1fsourceType=\"TIMESTAMP\"\x1ftargetType=\""+strings.ToUpper(to.SimpleString())+"\"\x1fansiConfig=\"spark.sql.ansi.enabled\"") + ")"
		}
		return "(CASE WHEN " + arg + " IS NULL THEN NULL WHEN TRY_CAST(" + secs + " AS " + dt + ") IS NULL THEN " + overflow +
			" ELSE CAST(" + secs + " AS " + dt + ") END)"
	}
	return "CAST(CAST(epoch_us(" + arg + ") AS DOUBLE) / CAST(1000000 AS DOUBLE) AS " + dt + ")"
}
