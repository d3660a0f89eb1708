package sparkerr

// timeTemplates are the error classes of the TIME data type (Spark 4.1+)
// and its functions, worded as Spark 4.2's error-conditions.json.
var timeTemplates = map[string]template{
	"UNSUPPORTED_TIME_TYPE":                           {"The data type TIME is not supported.", "0A000", AnalysisException},
	"UNSUPPORTED_TIME_PRECISION":                      {"The seconds precision <precision> of the TIME data type is out of the supported range [0, 6].", "0A001", SparkException},
	"CANNOT_PARSE_TIME":                               {"The input string <input> cannot be parsed to a TIME value because it does not match to the datetime format <format>.", "22010", DateTimeException},
	"DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION": {"<rangeMessage>. ", "22023", DateTimeException},
	"UNSUPPORTED_ARROWTYPE":                           {"Unsupported arrow type <typeName>.", "0A000", UnsupportedOperation},
	"INVALID_PARAMETER_VALUE.TIME_UNIT":               {"The value of parameter(s) <parameter> in <functionName> is invalid: expects one of the units 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND', 'MICROSECOND', but got '<invalidValue>'.", "22023", SparkIllegalArgument},
}

func init() {
	for class, t := range timeTemplates {
		if _, dup := templates[class]; !dup {
			templates[class] = t
		}
	}
}
