package sparkerr

// Error classes raised by the aggregate functions (internal/functions/aggregate2.go).
func init() {
	templates["AGGREGATE_FUNCTION_WITH_NONDETERMINISTIC_EXPRESSION"] = template{"Non-deterministic expression <sqlExpr> should not appear in the arguments of an aggregate function.", "42845", AnalysisException}
	templates["MULTI_SOURCES_UNSUPPORTED_FOR_EXPRESSION"] = template{"The expression <expr> does not support more than one source.", "42K0E", AnalysisException}
	templates["NON_FOLDABLE_ARGUMENT"] = template{"The function <funcName> requires the parameter <paramName> to be a foldable expression of the type <paramType>, but the actual argument is a non-foldable.", "42K08", AnalysisException}
	templates["DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE"] = template{"Cannot resolve <sqlExpr> due to data type mismatch: The <exprName> must be between <valueRange> (current value = <currentValue>).", "42K09", AnalysisException}
	// Spark wraps a function builder's failure (such as a require() in the
	// aggregate's constructor) in this class.
	templates["FAILED_FUNCTION_CALL"] = template{"Failed preparing of the function <funcName> for call. Please, double check function's arguments.", "38000", AnalysisException}
}
