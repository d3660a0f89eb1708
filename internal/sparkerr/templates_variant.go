package sparkerr

// variantTemplates are the error classes of the VARIANT functions
// (parse_json, variant_get, casts), worded as Spark 4.2's
// error-conditions.json.
var variantTemplates = map[string]template{
	"DATATYPE_MISMATCH.INVALID_ORDERING_TYPE":           {"Cannot resolve <sqlExpr> due to data type mismatch: The <functionName> does not support ordering on type <dataType>.", "42K09", AnalysisException},
	"DATATYPE_MISMATCH.HASH_VARIANT_TYPE":               {"Cannot resolve <sqlExpr> due to data type mismatch: Input to the function <functionName> cannot contain elements of the \"VARIANT\" type yet.", "42K09", AnalysisException},
	"GROUP_EXPRESSION_TYPE_IS_NOT_ORDERABLE":            {"The expression <sqlExpr> cannot be used as a grouping expression because its data type <dataType> is not an orderable data type.", "42822", AnalysisException},
	"UNSUPPORTED_FEATURE.SET_OPERATION_ON_VARIANT_TYPE": {"The feature is not supported: Cannot have VARIANT type columns in DataFrame which calls set operations (INTERSECT, EXCEPT, etc.), but the type of column <colName> is <dataType>.", "0A000", AnalysisException},
	"INVALID_VARIANT_CAST":                              {"The variant value `<value>` cannot be cast into `<dataType>`. Please use `try_variant_get` instead.", "22023", RuntimeException},
	"INVALID_VARIANT_GET_PATH":                          {"The path `<path>` is not a valid variant extraction path in `<functionName>`.\nA valid path should start with `$` and is followed by zero or more segments like `[123]`, `.name`, `['name']`, or `[\"name\"]`.", "22023", RuntimeException},
	"MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION":    {"Malformed records are detected in record parsing: <badRecord>.\nParse Mode: <failFastMode>. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'. ", "22023", SparkException},
	"MALFORMED_VARIANT":                                 {"Variant binary is malformed. Please check the data source is valid.", "22023", RuntimeException},
	"VARIANT_DUPLICATE_KEY":                             {"Failed to build variant because of a duplicate object key `<key>`.", "22023", RuntimeException},
	"VARIANT_SIZE_LIMIT":                                {"Cannot build variant bigger than <sizeLimit> in <functionName>.\nPlease avoid large input strings to this expression (for example, add function calls(s) to check the expression size and convert it to NULL first if it is too big).", "22023", RuntimeException},
}

func init() {
	for class, t := range variantTemplates {
		if _, dup := templates[class]; !dup {
			templates[class] = t
		}
	}
}
