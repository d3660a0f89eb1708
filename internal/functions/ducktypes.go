package functions

import (
	"fmt"
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// DuckType is the DuckDB type that stores values of a Spark type.
func DuckType(t types.DataType) (string, error) {
	switch x := t.(type) {
	case types.Decimal:
		return fmt.Sprintf("DECIMAL(%d,%d)", x.Precision, x.Scale), nil
	case types.Array:
		e, err := DuckType(x.Elem)
		if err != nil {
			return "", err
		}
		return e + "[]", nil
	case types.Map:
		k, err := DuckType(x.Key)
		if err != nil {
			return "", err
		}
		v, err := DuckType(x.Value)
		if err != nil {
			return "", err
		}
		return "MAP(" + k + ", " + v + ")", nil
	case types.Struct:
		if len(x.Fields) == 0 {
			// DuckDB has no STRUCT without fields: such a value is kept as
			// a BOOLEAN, NULL where the struct is NULL (see
			// types.EmptyStructAsBool and the result conversion).
			return "BOOLEAN", nil
		}
		parts := make([]string, len(x.Fields))
		for i, f := range x.Fields {
			ft, err := DuckType(f.Type)
			if err != nil {
				return "", err
			}
			parts[i] = QuoteIdent(f.Name) + " " + ft
		}
		return "STRUCT(" + strings.Join(parts, ", ") + ")", nil
	case types.Char, types.Varchar:
		return "VARCHAR", nil
	}
	switch t.Kind() {
	case types.KindNull:
		return `"NULL"`, nil
	case types.KindBoolean:
		return "BOOLEAN", nil
	case types.KindByte:
		return "TINYINT", nil
	case types.KindShort:
		return "SMALLINT", nil
	case types.KindInt:
		return "INTEGER", nil
	case types.KindLong:
		return "BIGINT", nil
	case types.KindFloat:
		return "FLOAT", nil
	case types.KindDouble:
		return "DOUBLE", nil
	case types.KindString:
		return "VARCHAR", nil
	case types.KindBinary:
		return "BLOB", nil
	case types.KindDate:
		return "DATE", nil
	case types.KindTimestamp:
		return "TIMESTAMPTZ", nil
	case types.KindTimestampNTZ:
		return "TIMESTAMP", nil
	case types.KindTime:
		return "TIME", nil
	case types.KindDayTimeInterval, types.KindYearMonthInterval, types.KindCalendarInterval:
		return "INTERVAL", nil
	case types.KindVariant:
		return VariantDuckType, nil
	}
	return "", sparkerr.Unsupported("data type " + t.SimpleString())
}

// QuoteIdent renders a DuckDB quoted identifier.
func QuoteIdent(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// CastSQL lowers a Spark cast of the SQL expression arg from one Spark type
// to another, following Spark's cast semantics where they differ from
// DuckDB's. Mode Try (and Legacy where Spark returns NULL) uses TRY_CAST.
func CastSQL(c *LowerCtx, arg string, from, to types.DataType, mode logical.EvalMode) (string, error) {
	dt, err := DuckType(to)
	if err != nil {
		return "", err
	}
	if types.Equal(from, to) {
		return arg, nil
	}
	if from.Kind() == types.KindNull {
		return "CAST(" + arg + " AS " + dt + ")", nil
	}
	if from.Kind() == types.KindVariant {
		return VariantCastSQL(c, arg, to, mode == logical.Try || mode == logical.Legacy)
	}
	if to.Kind() == types.KindVariant {
		return ToVariantSQL(c, arg, from, false)
	}
	castKw := "CAST"
	if mode == logical.Try {
		castKw = "TRY_CAST"
	}
	if fs, ok := from.(types.Struct); ok {
		if ts, ok := to.(types.Struct); ok && len(fs.Fields) == len(ts.Fields) {
			return castStruct(c, arg, fs, ts, mode)
		}
	}
	if from.Kind() == types.KindTime || to.Kind() == types.KindTime {
		return castTimeSQL(arg, from, to, mode)
	}
	if isANSIInterval(to) && !isANSIInterval(from) {
		// Spark parses interval text in its own syntax, which DuckDB's
		// INTERVAL cast does not follow.
		return "", sparkerr.Unsupported("cast from " + from.SimpleString() + " to " + to.SimpleString())
	}
	switch {
	case types.IsStringLike(to):
		return castToString(c, arg, from)
	case types.IsStringLike(from) && to.Kind() == types.KindBinary:
		// A string's UTF-8 bytes (DuckDB's CAST rejects non-ASCII text).
		return "encode(" + arg + ")", nil
	case types.IsStringLike(from) && (types.IsNumeric(to) || to.Kind() == types.KindBoolean || types.IsDatetime(to)):
		inner := "TRY_CAST(" + sparkParseText(arg, to, mode) + " AS " + dt + ")"
		if mode == logical.ANSI {
			return ansiCheck(arg, inner, from, to), nil
		}
		return inner, nil
	case types.IsNumeric(from) && types.IsIntegral(to) && (from.Kind() == types.KindFloat || from.Kind() == types.KindDouble || from.Kind() == types.KindDecimal):
		// Spark truncates toward zero; DuckDB rounds. Without ANSI mode
		// out-of-range values saturate (floats) like Java's conversion.
		if mode == logical.Legacy {
			if from.Kind() == types.KindDecimal {
				return wrapIntegral("trunc("+arg+")", to), nil
			}
			return saturateIntegral(arg, to), nil
		}
		return castKw + "(trunc(" + arg + ") AS " + dt + ")", nil
	case types.IsIntegral(from) && types.IsIntegral(to) && mode == logical.Legacy && integralBits(to) < integralBits(from):
		// Narrowing integral casts wrap around without ANSI mode.
		return wrapIntegral(arg, to), nil
	case from.Kind() == types.KindTimestamp && to.Kind() == types.KindDate:
		return "CAST(timezone(" + c.ZoneSQL() + ", " + arg + ") AS DATE)", nil
	case from.Kind() == types.KindTimestamp && to.Kind() == types.KindTimestampNTZ:
		return "timezone(" + c.ZoneSQL() + ", " + arg + ")", nil
	case (from.Kind() == types.KindTimestampNTZ || from.Kind() == types.KindDate) && to.Kind() == types.KindTimestamp:
		return "timezone(" + c.ZoneSQL() + ", CAST(" + arg + " AS TIMESTAMP))", nil
	case from.Kind() == types.KindBoolean && types.IsNumeric(to):
		return "CAST(CAST(" + arg + " AS INTEGER) AS " + dt + ")", nil
	case types.IsNumeric(from) && to.Kind() == types.KindTimestamp:
		return "to_timestamp(CAST(" + arg + " AS DOUBLE))", nil
	case from.Kind() == types.KindTimestamp && (types.IsNumeric(to) || to.Kind() == types.KindBoolean):
		return castTimestampToNumber(c, arg, to, dt, mode), nil
	}
	if mode == logical.Legacy && types.IsNumeric(from) && types.IsNumeric(to) {
		return "TRY_CAST(" + arg + " AS " + dt + ")", nil
	}
	return castKw + "(" + arg + " AS " + dt + ")", nil
}

// castStruct casts a struct field by field, by position as Spark does
// (DuckDB's own struct cast matches fields by name).
func castStruct(c *LowerCtx, arg string, from, to types.Struct, mode logical.EvalMode) (string, error) {
	parts := make([]string, len(to.Fields))
	for i, f := range to.Fields {
		v, err := CastSQL(c, "struct_extract_at("+arg+", "+itoa(i+1)+")", from.Fields[i].Type, f.Type, mode)
		if err != nil {
			return "", err
		}
		parts[i] = QuoteIdent(f.Name) + " := " + v
	}
	return "(CASE WHEN " + arg + " IS NULL THEN NULL ELSE struct_pack(" + strings.Join(parts, ", ") + ") END)", nil
}

// ansiCheck raises CAST_INVALID_INPUT when a non-null input fails to parse.
func ansiCheck(arg, parsed string, from, to types.DataType) string {
	return "CASE WHEN " + arg + " IS NOT NULL AND " + parsed + " IS NULL THEN " +
		castInvalidRaise(arg, from, to) + " ELSE " + parsed + " END"
}

func castInvalidRaise(arg string, from, to types.DataType) string {
	// The offending value is interpolated at run time.
	java := ""
	if types.IsDatetime(to) || to.Kind() == types.KindTime {
		java = "\x1f" + JavaKey + "=" + sparkerr.DateTimeException
	}
	return "error(" + QuoteString(ErrorMarker+"CAST_INVALID_INPUT\x1fexpression='") + " || CAST(" + arg + " AS VARCHAR) || " +
		QuoteString("'\x1fsourceType=\""+strings.ToUpper(from.SimpleString())+"\"\x1ftargetType=\""+strings.ToUpper(to.SimpleString())+"\"\x1fansiConfig=\"spark.sql.ansi.enabled\""+java) + ")"
}

// castToString renders Spark's cast-to-string text for simple types.
func castToString(c *LowerCtx, arg string, from types.DataType) (string, error) {
	switch from.Kind() {
	case types.KindString, types.KindChar, types.KindVarchar:
		return arg, nil
	case types.KindBoolean, types.KindByte, types.KindShort, types.KindInt, types.KindLong, types.KindDecimal, types.KindDate:
		return "CAST(" + arg + " AS VARCHAR)", nil
	case types.KindFloat, types.KindDouble:
		return "ember_double_str(CAST(" + arg + " AS DOUBLE))", nil
	case types.KindTimestamp:
		return "ember_ts_str(timezone(" + c.ZoneSQL() + ", " + arg + "))", nil
	case types.KindTimestampNTZ:
		return "ember_ts_str(" + arg + ")", nil
	case types.KindBinary:
		return "decode(" + arg + ")", nil
	case types.KindDayTimeInterval, types.KindYearMonthInterval:
		return intervalToString(arg, from), nil
	}
	return "", sparkerr.Unsupported("cast from " + from.SimpleString() + " to string")
}

// Macros are DuckDB macros the engine installs once, in the database's
// catalog, before any session connects (so every connection sees them and
// none writes the catalog); they implement Spark's renderings that DuckDB
// lacks.
var Macros = []string{
	// Spark renders doubles like Java's Double.toString: plain notation for
	// 1e-3 <= |x| < 1e7 (always with a fractional part), scientific
	// "d.dddE±n" otherwise.
	`CREATE OR REPLACE MACRO ember_double_str(x) AS CASE
	  WHEN x IS NULL THEN NULL
	  WHEN isnan(x) THEN 'NaN'
	  WHEN x = 'inf'::DOUBLE THEN 'Infinity'
	  WHEN x = '-inf'::DOUBLE THEN '-Infinity'
	  WHEN x = 0 THEN (CASE WHEN CAST(x AS VARCHAR) LIKE '-%' THEN '-0.0' ELSE '0.0' END)
	  WHEN abs(x) >= 1e-3 AND abs(x) < 1e7 THEN
	    (CASE WHEN CAST(x AS VARCHAR) LIKE '%.%' OR CAST(x AS VARCHAR) LIKE '%e%' THEN CAST(x AS VARCHAR) ELSE CAST(x AS VARCHAR) || '.0' END)
	  ELSE ember_sci_str(x) END`,
	`CREATE OR REPLACE MACRO ember_sci_str(x) AS (
	  WITH parts AS (SELECT floor(log10(CASE WHEN x = 0 OR isnan(x) OR isinf(x) THEN 1 ELSE abs(x) END))::INTEGER AS e)
	  SELECT ember_mantissa(x / pow(10, e)) || 'E' || e FROM parts)`,
	`CREATE OR REPLACE MACRO ember_mantissa(m) AS (CASE WHEN CAST(m AS VARCHAR) LIKE '%.%' THEN CAST(m AS VARCHAR) ELSE CAST(m AS VARCHAR) || '.0' END)`,
	// A bare time of day (optionally after a 'T') dated today, as Spark's
	// string to timestamp conversion reads it; other text unchanged.
	`CREATE OR REPLACE MACRO ember_time_only_ts(x) AS CASE
	  WHEN regexp_full_match(x, 'T?[0-9]{1,2}:[0-9]{1,2}(:[0-9]{1,2}([.][0-9]{0,9})?)?')
	  THEN CAST(current_date AS VARCHAR) || ' ' || ltrim(x, 'T') ELSE x END`,
	// Spark renders timestamps as yyyy-MM-dd HH:mm:ss[.fraction without trailing zeros].
	`CREATE OR REPLACE MACRO ember_ts_str(t) AS CASE WHEN t IS NULL THEN NULL
	  WHEN microsecond(t) % 1000000 = 0 THEN strftime(t, '%Y-%m-%d %H:%M:%S')
	  ELSE rtrim(strftime(t, '%Y-%m-%d %H:%M:%S.%f'), '0') END`,
	// Spark's substring: 1-based; 0 acts as 1; negative counts from the end;
	// the end is computed before the start is clamped.
	`CREATE OR REPLACE MACRO ember_substr_start(s, pos) AS (CASE WHEN pos > 0 THEN pos - 1 WHEN pos < 0 THEN length(s) + pos ELSE 0 END)::BIGINT`,
	`CREATE OR REPLACE MACRO ember_substring(s, pos, len) AS CASE
	  WHEN s IS NULL OR pos IS NULL OR len IS NULL THEN NULL
	  WHEN greatest(ember_substr_start(s, pos), 0) >= ember_substr_start(s, pos) + len THEN ''
	  ELSE substring(s, greatest(ember_substr_start(s, pos), 0) + 1, ember_substr_start(s, pos) + len - greatest(ember_substr_start(s, pos), 0)) END`,
}
