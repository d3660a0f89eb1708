package sparkerr

// template is our own wording of a Spark error class: the message text with
// <param> placeholders, its SQLSTATE and the exception class raised.
type template struct {
	text  string
	state string
	java  string
}

// templates maps error classes to their messages. Keep wording in line with
// what Spark prints, since users and tools match on it.
var templates = map[string]template{
	"TABLE_OR_VIEW_NOT_FOUND":                          {"The table or view <relationName> cannot be found. Verify the spelling and correctness of the schema and catalog.\nSearch path: <searchPath>.\nIf you did not qualify the name with a schema, verify the current_schema() output, or qualify the name with the correct schema and catalog.\nTo tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS.", "42P01", AnalysisException},
	"UNRESOLVED_COLUMN.WITH_SUGGESTION":                {"A column, variable, or function parameter with name <objectName> cannot be resolved. Did you mean one of the following? [<proposal>].", "42703", AnalysisException},
	"UNRESOLVED_COLUMN.WITHOUT_SUGGESTION":             {"A column, variable, or function parameter with name <objectName> cannot be resolved.", "42703", AnalysisException},
	"UNRESOLVED_FIELD.WITH_SUGGESTION":                 {"A field with name <fieldName> cannot be resolved with the struct-type column <columnPath>. Did you mean one of the following? [<proposal>].", "42703", AnalysisException},
	"UNRESOLVED_ROUTINE":                               {"Cannot resolve routine <routineName> on search path <searchPath>.", "42883", AnalysisException},
	"AMBIGUOUS_REFERENCE":                              {"Reference <name> is ambiguous, could be: <referenceNames>.", "42704", AnalysisException},
	"AMBIGUOUS_COLUMN_OR_FIELD":                        {"Column or field <name> is ambiguous and has <n> matches.", "42702", AnalysisException},
	"PARSE_SYNTAX_ERROR":                               {"Syntax error at or near <error><hint>.", "42601", ParseException},
	"PARSE_EMPTY_STATEMENT":                            {"Syntax error, unexpected empty statement.", "42617", ParseException},
	"DIVIDE_BY_ZERO":                                   {"Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If necessary set <config> to \"false\" to bypass this error.", "22012", ArithmeticException},
	"REMAINDER_BY_ZERO":                                {"Remainder by zero. Use `try_mod` to tolerate divisor being 0 and return NULL instead. If necessary set <config> to \"false\" to bypass this error.", "22012", ArithmeticException},
	"CAST_INVALID_INPUT":                               {"The value <expression> of the type <sourceType> cannot be cast to <targetType> because it is malformed. Correct the value as per the syntax, or change its target type. Use `try_cast` to tolerate malformed input and return NULL instead.", "22018", NumberFormatException},
	"CAST_OVERFLOW":                                    {"The value <value> of the type <sourceType> cannot be cast to <targetType> due to an overflow. Use `try_cast` to tolerate overflow and return NULL instead.", "22003", ArithmeticException},
	"ARITHMETIC_OVERFLOW":                              {"<message>.<alternative> If necessary set <config> to \"false\" to bypass this error.", "22003", ArithmeticException},
	"DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE":          {"Cannot resolve <sqlExpr> due to data type mismatch: The <paramIndex> parameter requires the <requiredType> type, however <inputSql> has the type <inputType>.", "42K09", AnalysisException},
	"DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES":           {"Cannot resolve <sqlExpr> due to data type mismatch: the left and right operands of the binary operator have incompatible types (<left> and <right>).", "42K09", AnalysisException},
	"DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION":        {"Cannot resolve <sqlExpr> due to data type mismatch: cannot cast <srcType> to <targetType>.", "42K09", AnalysisException},
	"DATATYPE_MISMATCH.DATA_DIFF_TYPES":                {"Cannot resolve <sqlExpr> due to data type mismatch: Input to <functionName> should all be the same type, but it's <dataType>.", "42K09", AnalysisException},
	"WRONG_NUM_ARGS.WITHOUT_SUGGESTION":                {"The <functionName> requires <expectedNum> parameters but the actual number is <actualNum>. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.", "42605", AnalysisException},
	"MISSING_AGGREGATION":                              {"The non-aggregating expression <expression> is based on columns which are not participating in the GROUP BY clause.\nAdd the columns or the expression to the GROUP BY, aggregate the expression, or use <expressionAnyValue> if you do not care which of the values within a group is returned.", "42803", AnalysisException},
	"NUM_COLUMNS_MISMATCH":                             {"<operator> can only be performed on inputs with the same number of columns, but the first input has <firstNumColumns> columns and the <invalidOrdinalNum> input has <invalidNumColumns> columns.", "42826", AnalysisException},
	"INCOMPATIBLE_COLUMN_TYPE":                         {"<operator> can only be performed on tables with compatible column types. The <columnOrdinalNumber> column of the <tableOrdinalNumber> table is <dataType1> type which is not compatible with <dataType2> at the same column of the first table.<hint>.", "42825", AnalysisException},
	"PATH_NOT_FOUND":                                   {"Path does not exist: <path>.", "42K03", AnalysisException},
	"PATH_ALREADY_EXISTS":                              {"Path <outputPath> already exists. Set mode as \"overwrite\" to overwrite the existing path.", "42K04", AnalysisException},
	"TEMP_TABLE_OR_VIEW_ALREADY_EXISTS":                {"Cannot create the temporary view <relationName> because it already exists.\nChoose a different name, drop or replace the existing view, or add the IF NOT EXISTS clause to tolerate pre-existing views.", "42P07", AnalysisException},
	"SQL_CONF_NOT_FOUND":                               {"The SQL config <sqlConf> cannot be found. Please verify that the config exists.", "42K0I", NoSuchElementException},
	"INVALID_HANDLE.SESSION_CLOSED":                    {"The handle <handle> is invalid. Session was closed.", "HY000", SparkSQLException},
	"INVALID_HANDLE.SESSION_CHANGED":                   {"The handle <handle> is invalid. The existing Spark server driver instance has restarted. Please reconnect.", "HY000", SparkSQLException},
	"INVALID_HANDLE.OPERATION_NOT_FOUND":               {"The handle <handle> is invalid. Operation not found.", "HY000", SparkSQLException},
	"INVALID_HANDLE.OPERATION_ALREADY_EXISTS":          {"The handle <handle> is invalid. Operation already exists.", "HY000", SparkSQLException},
	"INVALID_HANDLE.FORMAT":                            {"The handle <handle> is invalid. Handle must be an UUID string of the format '00112233-4455-6677-8899-aabbccddeeff'", "HY000", SparkSQLException},
	"INVALID_HANDLE.SESSION_NOT_FOUND":                 {"The handle <handle> is invalid. Session not found.", "HY000", SparkSQLException},
	"INVALID_CURSOR.POSITION_NOT_AVAILABLE":            {"The cursor is invalid. The cursor position id <responseId> is no longer available at index <index>.", "HY109", SparkSQLException},
	"INVALID_CURSOR.DISCONNECTED":                      {"The cursor is invalid. The cursor has been disconnected by the server.", "HY109", SparkSQLException},
	"OPERATION_CANCELED":                               {"Operation has been canceled.", "HY008", SparkException},
	"INTERNAL_ERROR":                                   {"<message>", "XX000", SparkException},
	"UNSUPPORTED_FEATURE.EMBER":                        {"The feature is not supported in Ember yet: <feature>.", "0A000", UnsupportedOperation},
	"CONNECT.INVALID_PLAN":                             {"The Spark Connect plan is invalid. <msg>", "56K00", InvalidPlanInput},
	"INVALID_PARAMETER_VALUE":                          {"The value of parameter(s) <parameter> in <functionName> is invalid: <message>", "22023", SparkIllegalArgument},
	"UNSUPPORTED_DATA_SOURCE_FOR_DIRECT_QUERY":         {"Unsupported data source type for direct query on files: <dataSourceType>", "0A000", AnalysisException},
	"DATA_SOURCE_NOT_FOUND":                            {"Failed to find the data source: <provider>. Make sure the provider name is correct and the package is properly registered and compatible with your Spark version.", "42K02", SparkException},
	"INVALID_SET_SYNTAX":                               {"Expected format is 'SET', 'SET key', or 'SET key=value'. If you want to include special characters in key, or include semicolon in value, please use backquotes, e.g., SET `key`=`value`.", "42000", ParseException},
	"UNBOUND_SQL_PARAMETER":                            {"Found the unbound parameter: <name>. Please, fix `args` and provide a mapping of the parameter to either a SQL literal or collection constructor functions such as `map()`, `array()`, `struct()`.", "42P02", AnalysisException},
	"GROUP_BY_POS_OUT_OF_RANGE":                        {"GROUP BY position <index> is not in select list (valid range is [1, <size>]).", "42805", AnalysisException},
	"ORDER_BY_POS_OUT_OF_RANGE":                        {"ORDER BY position <index> is not in select list (valid range is [1, <size>]).", "42805", AnalysisException},
	"COLUMN_ALREADY_EXISTS":                            {"The column <columnName> already exists. Choose another name or rename the existing column.", "42711", AnalysisException},
	"INVALID_ARRAY_INDEX":                              {"The index <indexValue> is out of bounds. The array has <arraySize> elements. Use the SQL function `get()` to tolerate accessing element at invalid index and return NULL instead.", "22003", ArrayIndexOutOfBounds},
	"INVALID_ARRAY_INDEX_IN_ELEMENT_AT":                {"The index <indexValue> is out of bounds. The array has <arraySize> elements. Use `try_element_at` to tolerate accessing element at invalid index and return NULL instead.", "22003", ArrayIndexOutOfBounds},
	"UNSUPPORTED_DATATYPE":                             {"Unsupported data type <typeName>.", "0A000", ParseException},
	"INVALID_IDENTIFIER":                               {"The unquoted identifier <ident> is invalid and must be back quoted as: `<ident>`.\nUnquoted identifiers can only contain ASCII letters ('a' - 'z', 'A' - 'Z'), digits ('0' - '9'), and underbar ('_').\nUnquoted identifiers must also not start with a digit.\nDifferent data sources and meta stores may impose additional restrictions on valid identifiers.", "42602", ParseException},
	"FIELD_NOT_FOUND":                                  {"No such struct field <fieldName> in <fields>.", "42704", AnalysisException},
	"INVALID_EXTRACT_BASE_FIELD_TYPE":                  {"Can't extract a value from <base>. Need a complex type [STRUCT, ARRAY, MAP] but got <other>.", "42000", AnalysisException},
	"UNSUPPORTED_GENERATOR.MULTI_GENERATOR":            {"The generator is not supported: only one generator allowed per SELECT clause but found <num>: <generators>.", "42K0E", AnalysisException},
	"NESTED_AGGREGATE_FUNCTION":                        {"It is not allowed to use an aggregate function in the argument of another aggregate function. Please use the inner aggregate function in a sub-query.", "42607", AnalysisException},
	"WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE":              {"Window function <funcName> requires an OVER clause.", "42601", AnalysisException},
	"INVALID_WHERE_CONDITION":                          {"The WHERE condition <condition> contains invalid expressions: <expressionList>.\nRewrite the query to avoid window functions, aggregate functions, and generator functions in the WHERE clause.", "42903", AnalysisException},
	"DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE":             {"Cannot resolve <sqlExpr> due to data type mismatch: The <exprName> must be between <valueRange> (current value = <currentValue>).", "42K09", AnalysisException},
	"DATATYPE_MISMATCH.PARAMETER_CONSTRAINT_VIOLATION": {"Cannot resolve <sqlExpr> due to data type mismatch: The <leftExprName>(<leftExprValue>) must be <constraint> the <rightExprName>(<rightExprValue>).", "42K09", AnalysisException},
	"INTERVAL_ARITHMETIC_OVERFLOW.WITH_SUGGESTION":     {"Integer overflow while operating with intervals. Use <functionName> to tolerate overflow and return NULL instead.", "22015", ArithmeticException},
	"INTERVAL_DIVIDED_BY_ZERO":                         {"Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead.", "22012", ArithmeticException},
	"INTERVAL_ARITHMETIC_OVERFLOW.WITHOUT_SUGGESTION":  {"Integer overflow while operating with intervals. Try devising appropriate values for the interval parameters.", "22015", ArithmeticException},
	// Connect plan conversion (package connect).
	"INVALID_ATTRIBUTE_NAME_SYNTAX":           {"Syntax error in the attribute name: <name>. Check that backticks appear in pairs, a quoted string is a complete name part and use a backtick only inside quoted name parts.", "42601", AnalysisException},
	"DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION": {"Decimal precision <precision> exceeds max precision <maxPrecision>.", "22003", ArithmeticException},
	"NEGATIVE_SCALE_DISALLOWED":               {"Negative scale is not allowed: <scale>. Set the config <sqlConf> to \"true\" to allow it.", "0A000", AnalysisException},
}

func init() {
	templates["DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE"] = template{"Cannot resolve <sqlExpr> due to data type mismatch: the binary operator requires the input type <inputType>, not <actualDataType>.", "42K09", AnalysisException}
	templates["CANNOT_RESOLVE_DATAFRAME_COLUMN"] = template{"Cannot resolve dataframe column <name>. It's probably because of illegal references like `df1.select(df2.col(\"a\"))`.", "42704", AnalysisException}
	templates["AMBIGUOUS_COLUMN_REFERENCE"] = template{"Column <name> is ambiguous. It's because you joined several DataFrame together, and some of these DataFrames are the same.\nThis column points to one of the DataFrames but Spark is unable to figure out which one.\nPlease alias the DataFrames with different names via `DataFrame.alias` before joining them,\nand specify the column using qualified name, e.g. `df.alias(\"a\").join(df.alias(\"b\"), col(\"a.id\") > col(\"b.id\"))`.", "42702", AnalysisException}
	templates["UNRESOLVABLE_TABLE_VALUED_FUNCTION"] = template{"Could not resolve <name> to a table-valued function. Please make sure that <name> is defined as a table-valued function and that all required parameters are provided correctly. If <name> is not defined, please create the table-valued function before using it. For more information about defining table-valued functions, please refer to the Apache Spark documentation.", "42883", AnalysisException}
	templates["UDTF_ALIAS_NUMBER_MISMATCH"] = template{"The number of aliases supplied in the AS clause does not match the number of columns output by the UDTF. Expected <aliasesSize> aliases, but got <aliasesNames>. Please ensure that the number of aliases provided matches the number of columns output by the UDTF.", "42802", AnalysisException}
	templates["GROUP_BY_POS_AGGREGATE"] = template{"GROUP BY <index> refers to an expression <aggExpr> that contains an aggregate function. Aggregate functions are not allowed in GROUP BY.", "42903", AnalysisException}
	templates["INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN"] = template{"Invalid subquery: Scalar subquery must return only one column, but got <number>.", "42823", AnalysisException}
	templates["DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH"] = template{"Cannot resolve <sqlExpr> due to data type mismatch: The number of columns in the left hand side of an IN subquery does not match the number of columns in the output of subquery. Left hand side columns(length: <leftLength>), right hand side columns(length: <rightLength>).", "42K09", AnalysisException}
	templates["DATATYPE_MISMATCH.IN_SUBQUERY_DATA_TYPE_MISMATCH"] = template{"Cannot resolve <sqlExpr> due to data type mismatch: The data type of one or more elements in the left hand side of an IN subquery is not compatible with the data type of the output of the subquery.", "42K09", AnalysisException}
	templates["INVALID_CONF_VALUE.TIME_ZONE"] = template{"The value <confValue> in the config <confName> is invalid. Cannot resolve the given timezone.", "22022", SparkIllegalArgument}
	templates["INVALID_INDEX_OF_ZERO"] = template{"The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).", "22003", RuntimeException}
	templates["UNRESOLVED_USING_COLUMN_FOR_JOIN"] = template{"USING column <colName> cannot be resolved on the <side> side of the join. The <side>-side columns: [<suggestion>].", "42703", AnalysisException}
	templates["UNRESOLVED_COLUMN_AMONG_FIELD_NAMES"] = template{"Cannot resolve column name \"<colName>\" among (<fieldNames>).", "42703", AnalysisException}
	templates["CANNOT_RESOLVE_STAR_EXPAND"] = template{"Cannot resolve <targetString>.* given input columns <columns>. Please check that the specified table or struct exists and is accessible in the input columns.", "42704", AnalysisException}
	templates["INVALID_USAGE_OF_STAR_OR_REGEX"] = template{"Invalid usage of <elem> in <prettyName>.", "42000", AnalysisException}
	templates["DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN"] = template{"Cannot resolve <sqlExpr> due to data type mismatch: Filter expression <filter> of type <type> is not a boolean.", "42K09", AnalysisException}
	templates["DATATYPE_MISMATCH.NON_FOLDABLE_INPUT"] = template{"Cannot resolve <sqlExpr> due to data type mismatch: the input <inputName> should be a foldable <inputType> expression; however, got <inputExpr>.", "42K09", AnalysisException}
	templates["DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING"] = template{"Cannot resolve <sqlExpr> due to data type mismatch: Only foldable `STRING` expressions are allowed to appear at odd position, but they are <inputExprs>.", "42K09", AnalysisException}
	templates["INVALID_LIMIT_LIKE_EXPRESSION.IS_UNFOLDABLE"] = template{"The limit like expression <expr> is invalid. The <name> expression must evaluate to a constant value.", "42K0E", AnalysisException}
	templates["INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE"] = template{"The limit like expression <expr> is invalid. The <name> expression must be equal to or greater than 0, but got <v>.", "42K0E", AnalysisException}
	templates["UNSUPPORTED_EXPR_FOR_WINDOW"] = template{"Expression <sqlExpr> not supported within a window function.", "42P20", AnalysisException}
	templates["TEMP_VIEW_NAME_TOO_MANY_NAME_PARTS"] = template{"CREATE TEMPORARY VIEW or the corresponding Dataset APIs only accept single-part view names, but got: <actualName>.", "428EK", AnalysisException}
	templates["ASSIGNMENT_ARITY_MISMATCH"] = template{"The number of columns or variables assigned or aliased: <numTarget> does not match the number of source tuples or expressions: <numExpr>.", "42802", AnalysisException}
	templates["INVALID_PANDAS_UDF_PLACEMENT"] = template{"The group aggregate pandas UDF <functionList> cannot be invoked together with as other, non-pandas aggregate functions.", "0A000", AnalysisException}
	templates["MISSING_GROUP_BY"] = template{"The query does not include a GROUP BY clause. Add GROUP BY or turn it into the window functions using OVER clauses.", "42803", AnalysisException}
	templates["UNABLE_TO_INFER_SCHEMA"] = template{"Unable to infer schema for <format>. It must be specified manually.", "42KD9", AnalysisException}
	templates["UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE"] = template{"The <format> datasource doesn't support the column <columnName> of the type <columnType>.", "0A000", AnalysisException}
	templates["INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH"] = template{"Invalid inline table. Inline table expected <expectedNumCols> columns but found <actualNumCols> columns in row <rowIndex>.", "42000", AnalysisException}
	templates["INVALID_INLINE_TABLE.INCOMPATIBLE_TYPES_IN_INLINE_TABLE"] = template{"Invalid inline table. Found incompatible types in the column <colName> for inline table.", "42000", AnalysisException}
}

// classes35 renames the error classes Spark 3.5 reported under another
// name (4.x split them into subclasses).
var classes35 = map[string]string{
	"NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION": "NUMERIC_VALUE_OUT_OF_RANGE",
}

// templates35 holds the Spark 3.5 wording where it differs from 4.x.
var templates35 = map[string]string{
	"NUMERIC_VALUE_OUT_OF_RANGE": "<value> cannot be represented as Decimal(<precision>, <scale>). If necessary set <config> to \"false\" to bypass this error, and return NULL instead.",
	"ROUTINE_ALREADY_EXISTS":     "Cannot create the function <routineName> because it already exists.\nChoose a different name, drop or replace the existing function, or add the IF NOT EXISTS clause to tolerate a pre-existing function.",
	"ROUTINE_NOT_FOUND":          "The function <routineName> cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a schema and catalog, verify the current_schema() output, or qualify the name with the correct schema and catalog.\nTo tolerate the error on drop use DROP FUNCTION IF EXISTS.",
	"UNRESOLVED_ROUTINE":         "Cannot resolve function <routineName> on search path <searchPath>.",
	// Spark 4 dropped the ANSI hint (and its ansiConfig parameter) here.
	"CAST_OVERFLOW":                        "The value <value> of the type <sourceType> cannot be cast to <targetType> due to an overflow. Use `try_cast` to tolerate overflow and return NULL instead. If necessary set <ansiConfig> to \"false\" to bypass this error.",
	"INVALID_URL":                          "The url is invalid: <url>. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.",
	"INVALID_ARRAY_INDEX":                  "The index <indexValue> is out of bounds. The array has <arraySize> elements. Use the SQL function `get()` to tolerate accessing element at invalid index and return NULL instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.",
	"INVALID_ARRAY_INDEX_IN_ELEMENT_AT":    "The index <indexValue> is out of bounds. The array has <arraySize> elements. Use `try_element_at` to tolerate accessing element at invalid index and return NULL instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.",
	"DATA_SOURCE_NOT_FOUND":                "Failed to find the data source: <provider>. Please find packages at `https://spark.apache.org/third-party-projects.html`.",
	"COLUMN_ALREADY_EXISTS":                "The column <columnName> already exists. Consider to choose another name or rename the existing column.",
	"TABLE_OR_VIEW_NOT_FOUND":              "The table or view <relationName> cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a schema, verify the current_schema() output, or qualify the name with the correct schema and catalog.\nTo tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS.",
	"UNRESOLVED_COLUMN.WITH_SUGGESTION":    "A column or function parameter with name <objectName> cannot be resolved. Did you mean one of the following? [<proposal>].",
	"UNRESOLVED_COLUMN.WITHOUT_SUGGESTION": "A column or function parameter with name <objectName> cannot be resolved.",
}
