package analyzer

import (
	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// The TIME type's gates.
//
// Spark 4.1+ keeps TIME behind spark.sql.timeType.enabled (off by
// default) and checks the switch in a few places only, so that with it
// off TIME is refused patchily (UNSUPPORTED_TIME_TYPE):
//
//   - a cast to a type holding TIME (explicit or try_cast) fails when it
//     is resolved;
//   - the TIME functions (make_time, to_time, time_diff, hour(TIME), TIME
//     ± interval, ...) fail when they are resolved; current_time, the
//     make_timestamp(date, time) forms, comparisons and min/max do not;
//   - a Connect literal of TIME (lit(datetime.time)) fails when the plan
//     is converted, while a SQL TIME '..' literal resolves;
//   - a result whose schema holds TIME fails before it is sent (see
//     CheckResultSchema); its schema alone (AnalyzePlan) and show(), whose
//     result is text, answer.
//
// Spark 3.5 has no TIME at all: its parser rejects TIME '..' literals
// (UNSUPPORTED_TYPED_LITERAL) and the TIME type name (UNSUPPORTED_DATATYPE),
// and the TIME functions do not exist (UNRESOLVED_ROUTINE).

// timeTypeOff reports whether the session refuses TIME as Spark 4.x does
// with spark.sql.timeType.enabled off.
func (a *Analyzer) timeTypeOff() bool {
	return !a.Session.Conf.TimeTypeEnabled()
}

// is35 reports whether the session's client is a Spark 3.5 client.
func (a *Analyzer) is35() bool {
	return session.ClientMajorVersion(a.Session.ClientType) == "3"
}

// errUnsupportedTime is Spark's UNSUPPORTED_TIME_TYPE.
func errUnsupportedTime() error {
	return sparkerr.Newf("UNSUPPORTED_TIME_TYPE")
}

// checkTimeLiteral gates a literal of a type holding TIME.
func (a *Analyzer) checkTimeLiteral(t types.DataType, proto bool) error {
	if t == nil || !types.HasTime(t) {
		return nil
	}
	switch {
	case a.is35():
		return parseErr("UNSUPPORTED_TYPED_LITERAL", map[string]string{"unsupportedType": `"TIME"`,
			"supportedTypes": `"DATE", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP", "INTERVAL", "X"`},
			`Literals of the type "TIME" are not supported. Supported types are "DATE", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP", "INTERVAL", "X".`)
	case proto && a.timeTypeOff():
		return errUnsupportedTime()
	}
	return nil
}

// checkTimeCast gates a cast to a type holding TIME.
func (a *Analyzer) checkTimeCast(to types.DataType) error {
	if !types.HasTime(to) {
		return nil
	}
	switch {
	case a.is35():
		return parseErr("UNSUPPORTED_DATATYPE", map[string]string{"typeName": `"TIME"`}, `Unsupported data type "TIME".`)
	case a.timeTypeOff():
		return errUnsupportedTime()
	}
	return nil
}

// checkTimeFunction gates a resolved function call: Spark 3.5 does not
// know the TIME functions, and Spark 4.x refuses them with the switch off.
func (a *Analyzer) checkTimeFunction(name string, args []logical.Expr) error {
	if a.is35() {
		if functions.IsTimeFunction(name) {
			return ErrUnresolvedRoutine(name, a.CurrentDatabase())
		}
		return nil
	}
	if !a.timeTypeOff() {
		return nil
	}
	argTypes := make([]types.DataType, len(args))
	for i, x := range args {
		argTypes[i] = x.Type()
	}
	if functions.IsTimeExpression(name, argTypes) {
		return errUnsupportedTime()
	}
	return nil
}

// parseErr is a ParseException of class (Spark 3.5's parser errors).
func parseErr(class string, params map[string]string, text string) error {
	return &sparkerr.Error{Class: class, Params: params, SQLState: "0A000", JavaClass: sparkerr.ParseException, Text: text}
}

// CheckResultSchema refuses a result whose schema holds TIME while
// spark.sql.timeType.enabled is off: Spark's Connect server checks the
// schema of a query before it converts the rows to Arrow.
func CheckResultSchema(s *session.Session, schema types.Struct) error {
	if s == nil || session.ClientMajorVersion(s.ClientType) == "3" || s.Conf.TimeTypeEnabled() {
		return nil
	}
	if types.HasTime(schema) {
		return errUnsupportedTime()
	}
	return nil
}
