package sparkerr

// miscTemplates are the error classes of miscellaneous functions
// (raise_error, assert_true) and of unpivot, worded as Spark 4.2's error-conditions.json.
var miscTemplates = map[string]template{
	"USER_RAISED_EXCEPTION":                      {"<errorMessage>", "P0001", RuntimeException},
	"UNPIVOT_VALUE_DATA_TYPE_MISMATCH":           {"Unpivot value columns must share a least common type, some types do not: [<types>].", "42K09", AnalysisException},
	"UNPIVOT_REQUIRES_VALUE_COLUMNS":             {"At least one value column needs to be specified for UNPIVOT, all columns specified as ids.", "42K0A", AnalysisException},
	"INVALID_LATERAL_JOIN_TYPE":                  {"The <joinType> JOIN with LATERAL correlation is not allowed because an OUTER subquery cannot correlate to its join partner. Remove the LATERAL correlation or use an INNER JOIN, or LEFT OUTER JOIN instead.", "42613", ParseException},
	"DATATYPE_MISMATCH.UNEXPECTED_CLASS_TYPE":    {"Cannot resolve <sqlExpr> due to data type mismatch: class <className> not found.", "42K09", AnalysisException},
	"DATATYPE_MISMATCH.UNEXPECTED_STATIC_METHOD": {"Cannot resolve <sqlExpr> due to data type mismatch: cannot find a static method <methodName> that matches the argument types in <className>.", "42K09", AnalysisException},
	"UNPIVOT_VALUE_SIZE_MISMATCH":                {"All unpivot value columns must have the same size as there are value column names (<names>).", "428C4", AnalysisException},
}

func init() {
	for class, t := range miscTemplates {
		if _, dup := templates[class]; !dup {
			templates[class] = t
		}
	}
}
