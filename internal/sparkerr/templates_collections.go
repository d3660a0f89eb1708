package sparkerr

// collectionTemplates are the error classes of the array and map functions
// (map building, array_insert, sequence, array_sort), worded as Spark 4.2
// prints them. Classes starting _LEGACY_ERROR_EMBER_ stand for errors Spark
// raises without a class; their text is printed alone, as Spark does.
var collectionTemplates = map[string]template{
	"DUPLICATED_MAP_KEY":                             {"Duplicate map key <key> was found, please check the input data.\nIf you want to remove the duplicated keys, you can set <mapKeyDedupPolicy> to \"LAST_WIN\" so that the key inserted at last takes precedence.", "23505", RuntimeException},
	"NULL_MAP_KEY":                                   {"Cannot use null as map key.", "2200E", RuntimeException},
	"_LEGACY_ERROR_TEMP_2128":                        {"The key array and value array of MapData must have the same length.", "", RuntimeException},
	"_LEGACY_ERROR_EMBER_SEQUENCE_BOUNDARIES":        {"requirement failed: Illegal sequence boundaries: <start> to <stop> by <step>", "", IllegalArgument},
	"COMPARATOR_RETURNS_NULL":                        {"The comparator has returned a NULL for a comparison between <firstValue> and <secondValue>.\nIt should return a positive integer for \"greater than\", 0 for \"equal\" and a negative integer for \"less than\".\nTo revert to deprecated behavior where NULL is treated as 0 (equal), you must set \"spark.sql.legacy.allowNullComparisonResultInArraySort\" to \"true\".", "22004", RuntimeException},
	"DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES":    {"Cannot resolve <sqlExpr> due to data type mismatch: Input to <functionName> should have been <dataType> followed by a value with same element type, but it's [<leftType>, <rightType>].", "42K09", AnalysisException},
	"DATATYPE_MISMATCH.MAP_FUNCTION_DIFF_TYPES":      {"Cannot resolve <sqlExpr> due to data type mismatch: Input to <functionName> should have been <dataType> followed by a value with same key type, but it's [<leftType>, <rightType>].", "42K09", AnalysisException},
	"DATATYPE_MISMATCH.MAP_CONCAT_DIFF_TYPES":        {"Cannot resolve <sqlExpr> due to data type mismatch: The <functionName> should all be of type map, but it's <dataType>.", "42K09", AnalysisException},
	"DATATYPE_MISMATCH.MAP_ZIP_WITH_DIFF_TYPES":      {"Cannot resolve <sqlExpr> due to data type mismatch: Input to the <functionName> should have been two maps with compatible key types, but it's [<leftType>, <rightType>].", "42K09", AnalysisException},
	"DATATYPE_MISMATCH.BINARY_ARRAY_DIFF_TYPES":      {"Cannot resolve <sqlExpr> due to data type mismatch: Input to function <functionName> should have been two <arrayType> with same element type, but it's [<leftType>, <rightType>].", "42K09", AnalysisException},
	"DATATYPE_MISMATCH.STACK_COLUMN_DIFF_TYPES":      {"Cannot resolve <sqlExpr> due to data type mismatch: The data type of the column (<columnIndex>) do not have the same type: <leftType> (<leftParamIndex>) <> <rightType> (<rightParamIndex>).", "42K09", AnalysisException},
	"DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE":           {"Cannot resolve <sqlExpr> due to data type mismatch: The <exprName> must be between <valueRange> (current value = <currentValue>).", "42K09", AnalysisException},
	"DATATYPE_MISMATCH.UNEXPECTED_RETURN_TYPE":       {"Cannot resolve <sqlExpr> due to data type mismatch: The <functionName> requires return <expectedType> type, but the actual is <actualType> type.", "42K09", AnalysisException},
	"DATATYPE_MISMATCH.SEQUENCE_WRONG_INPUT_TYPES":   {"Cannot resolve <sqlExpr> due to data type mismatch: <functionName> uses the wrong parameter type. The parameter type must conform to:\n1. The start and stop expressions must resolve to the same type.\n2. If start and stop expressions resolve to the <startType> type, then the step expression must resolve to the <stepType> type.\n3. Otherwise, if start and stop expressions resolve to the <otherStartType> type, then the step expression must resolve to the same type.", "42K09", AnalysisException},
	"INVALID_PARAMETER_VALUE.LONG":                   {"The value of parameter(s) <parameter> in <functionName> is invalid: expects a long literal, but got <invalidValue>.", "22023", AnalysisException},
	"INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH": {"Invalid lambda function call. A higher order function expects <expectedNumArgs> arguments, but got <actualNumArgs>.", "42K0D", AnalysisException},
}

func init() {
	for class, t := range collectionTemplates {
		if _, dup := templates[class]; !dup {
			templates[class] = t
		}
	}
}
