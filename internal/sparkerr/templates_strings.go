package sparkerr

// Error classes raised by the string, binary, URL, regular-expression,
// number-format and AES functions (internal/functions/strings3.go and
// internal/udf).
func init() {
	for class, t := range map[string]template{
		"MALFORMED_CHARACTER_CODING":                    {"Invalid value found when performing <function> with <charset>", "22000", RuntimeException},
		"INVALID_PARAMETER_VALUE.CHARSET":               {"The value of parameter(s) <parameter> in <functionName> is invalid: expects one of the <charsets>, but got <charset>.", "22023", SparkIllegalArgument},
		"INVALID_PARAMETER_VALUE.PATTERN":               {"The value of parameter(s) <parameter> in <functionName> is invalid: <value>.", "22023", RuntimeException},
		"INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX":     {"The value of parameter(s) <parameter> in <functionName> is invalid: Expects group index between 0 and <groupCount>, but got <groupIndex>.", "22023", RuntimeException},
		"INVALID_PARAMETER_VALUE.AES_KEY_LENGTH":        {"The value of parameter(s) <parameter> in <functionName> is invalid: expects a binary value with 16, 24 or 32 bytes, but got <actualLength> bytes.", "22023", RuntimeException},
		"INVALID_PARAMETER_VALUE.AES_IV_LENGTH":         {"The value of parameter(s) <parameter> in <functionName> is invalid: supports 16-byte CBC IVs and 12-byte GCM IVs, but got <actualLength> bytes for <mode>.", "22023", RuntimeException},
		"INVALID_PARAMETER_VALUE.AES_CRYPTO_ERROR":      {"The value of parameter(s) <parameter> in <functionName> is invalid: detail message: <detailMessage>", "22023", RuntimeException},
		"UNSUPPORTED_FEATURE.AES_MODE":                  {"The feature is not supported: AES-<mode> with the padding <padding> by the <functionName> function.", "0A000", RuntimeException},
		"UNSUPPORTED_FEATURE.AES_MODE_AAD":              {"The feature is not supported: <functionName> with AES-<mode> does not support additional authenticate data (AAD).", "0A000", RuntimeException},
		"UNSUPPORTED_FEATURE.AES_MODE_IV":               {"The feature is not supported: <functionName> with AES-<mode> does not support initialization vectors (IVs).", "0A000", RuntimeException},
		"CONVERSION_INVALID_INPUT":                      {"The value <str> (<fmt>) cannot be converted to <targetType> because it is malformed. Correct the value as per the syntax, or change its format. Use <suggestion> to tolerate malformed input and return NULL instead.", "22018", IllegalArgument},
		"DATATYPE_MISMATCH.INVALID_ARG_VALUE":           {"Cannot resolve <sqlExpr> due to data type mismatch: The <inputName> value must to be a <requireType> literal of <validValues>, but got <inputValue>.", "42K09", AnalysisException},
		"DATATYPE_MISMATCH.INPUT_SIZE_NOT_ONE":          {"Cannot resolve <sqlExpr> due to data type mismatch: Length of <exprName> should be 1.", "42K09", AnalysisException},
		"INVALID_URL":                                   {"The url is invalid: <url>. Use `try_parse_url` to tolerate invalid URL and return NULL instead.", "22P02", IllegalArgument},
		"CANNOT_DECODE_URL":                             {"The provided URL cannot be decoded: <url>. Please ensure that the URL is properly formatted and try again.", "22546", IllegalArgument},
		"INVALID_FORMAT.MISMATCH_INPUT":                 {"The format is invalid: <format>. The input <inputType> <input> does not match the format.", "42601", SparkIllegalArgument},
		"INVALID_FORMAT.EMPTY":                          {"The format is invalid: <format>. The number format string cannot be empty.", "42601", AnalysisException},
		"INVALID_FORMAT.WRONG_NUM_DIGIT":                {"The format is invalid: <format>. The format string requires at least one number digit.", "42601", AnalysisException},
		"INVALID_FORMAT.CUR_MUST_BEFORE_DIGIT":          {"The format is invalid: <format>. Currency characters must appear before any decimal point in the number format.", "42601", AnalysisException},
		"INVALID_FORMAT.CUR_MUST_BEFORE_DEC":            {"The format is invalid: <format>. Currency characters must appear before digits in the number format.", "42601", AnalysisException},
		"INVALID_FORMAT.CONT_THOUSANDS_SEPS":            {"The format is invalid: <format>. Thousands separators (, or G) must have digits in between them in the number format.", "42601", AnalysisException},
		"INVALID_FORMAT.THOUSANDS_SEPS_MUST_BEFORE_DEC": {"The format is invalid: <format>. Thousands separators (, or G) may not appear after the decimal point in the number format.", "42601", AnalysisException},
		"INVALID_FORMAT.WRONG_NUM_TOKEN":                {"The format is invalid: <format>. At most one <token> is allowed in the number format.", "42601", AnalysisException},
		"INVALID_FORMAT.UNEXPECTED_TOKEN":               {"The format is invalid: <format>. Found the unexpected <token> in the format string; the structure of the format string must match: `[MI|S]` `[$]` `[0|9|G|,]*` `[.|D]` `[0|9]*` `[$]` `[PR|MI|S]`.", "42601", AnalysisException},
	} {
		templates[class] = t
	}
}
