package sparkerr

// jsonhashTemplates are the error classes of the hash, JSON, CSV and XML
// functions (hash, xxhash64, xpath_*, from_json, schema_of_*, ...),
// worded as Spark 4.2's error-conditions.json.
var jsonhashTemplates = map[string]template{
	"DATATYPE_MISMATCH.HASH_MAP_TYPE": {"Cannot resolve <sqlExpr> due to data type mismatch: Input to the function <functionName> cannot contain elements of the \"MAP\" type. In Spark, same maps may have different hashcode, thus hash expressions are prohibited on \"MAP\" elements. To restore previous behavior set \"spark.sql.legacy.allowHashOnMapType\" to \"true\".", "42K09", AnalysisException},
	// Spark's XPath functions fail with a bare java.lang.RuntimeException
	// (no error class); the message is shown alone.
	"_LEGACY_ERROR_EMBER_RUNTIME": {"<message>", "", "java.lang.RuntimeException"},
}

func init() {
	for class, t := range jsonhashTemplates {
		if _, dup := templates[class]; !dup {
			templates[class] = t
		}
	}
}
