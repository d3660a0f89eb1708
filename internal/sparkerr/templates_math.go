package sparkerr

// mathTemplates are the error classes of the math, bitwise and random
// functions (internal/functions/math2.go).
var mathTemplates = map[string]template{
	"NON_FOLDABLE_ARGUMENT":                      {"The function <funcName> requires the parameter <paramName> to be a foldable expression of the type <paramType>, but the actual argument is a non-foldable.", "42K08", AnalysisException},
	"INVALID_PARAMETER_VALUE.BIT_POSITION_RANGE": {"The value of parameter(s) <parameter> in <functionName> is invalid: expects an integer value in [0, <upper>), but got <invalidValue>.", "22023", SparkIllegalArgument},
	"INVALID_PARAMETER_VALUE.LENGTH":             {"The value of parameter(s) <parameter> in <functionName> is invalid: Expects `length` greater than or equal to 0, but got <length>.", "22023", SparkIllegalArgument},
	"NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION": {" <value> cannot be represented as Decimal(<precision>, <scale>). If necessary set <config> to \"false\" to bypass this error, and return NULL instead.", "22003", ArithmeticException},
}

func init() {
	for class, t := range mathTemplates {
		templates[class] = t
	}
}
