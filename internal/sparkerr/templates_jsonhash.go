package sparkerr

// jsonhashTemplates are the error classes of the hash, JSON, CSV and XML
// functions (hash, xxhash64, xpath_*, from_json, schema_of_*, ...),
// worded as Spark 4.2's error-conditions.json.
var jsonhashTemplates = map[string]template{
	"DATATYPE_MISMATCH.HASH_MAP_TYPE": {"Cannot resolve <sqlExpr> due to data type mismatch: Input to the function <functionName> cannot contain elements of the \"MAP\" type. In Spark, same maps may have different hashcode, thus hash expressions are prohibited on \"MAP\" elements. To restore previous behavior set \"spark.sql.legacy.allowHashOnMapType\" to \"true\".", "42K09", AnalysisException},
}

func init() {
	for class, t := range jsonhashTemplates {
		if _, dup := templates[class]; !dup {
			templates[class] = t
		}
	}
}

func init() {
	templates["DATATYPE_MISMATCH.UNSUPPORTED_INPUT_TYPE"] = template{"Cannot resolve <sqlExpr> due to data type mismatch: The input of <functionName> can't be <dataType> type data.", "42K09", AnalysisException}
	templates["INVALID_SCHEMA.NON_STRING_LITERAL"] = template{"The input schema <inputSchema> is not a valid schema string. The input expression must be string literal and not null.", "42K07", AnalysisException}
	templates["INVALID_SCHEMA.PARSE_ERROR"] = template{"The input schema <inputSchema> is not a valid schema string. Cannot parse the schema:\n<reason>.", "42K07", AnalysisException}
	templates["INVALID_OPTIONS.NON_MAP_FUNCTION"] = template{"Invalid options: Must use the `map()` function for options.", "42K06", AnalysisException}
	templates["INVALID_OPTIONS.NON_STRING_TYPE"] = template{"Invalid options: A type of keys and values in `map()` must be string, but got <mapType>.", "42K06", AnalysisException}
	templates["DATATYPE_MISMATCH.UNEXPECTED_NULL"] = template{"Cannot resolve <sqlExpr> due to data type mismatch: The <exprName> must not be null.", "42K09", AnalysisException}
	templates["DATATYPE_MISMATCH.INVALID_JSON_SCHEMA"] = template{"Cannot resolve <sqlExpr> due to data type mismatch: Input schema <schema> must be a struct, an array, a map or a variant.", "42K09", AnalysisException}
	templates["INVALID_SCHEMA.NON_STRUCT_TYPE"] = template{"The input schema <inputSchema> is not a valid schema string. The input expression must be a struct type, but got <dataType>.", "42K07", AnalysisException}
}
