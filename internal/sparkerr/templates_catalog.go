package sparkerr

// catalogTemplates are the error classes raised by the persistent session
// catalog (package catalog): databases, tables, views and partitions. The
// wording is Spark 4.2's error-conditions.json (multi-line messages joined
// with "\n"); subclass messages are the parent's text, a space, then the
// subclass text, as Spark renders them.
var catalogTemplates = map[string]template{
	"SCHEMA_ALREADY_EXISTS":                                     {"Cannot create schema <schemaName> because it already exists.\nChoose a different name, drop the existing schema, or add the IF NOT EXISTS clause to tolerate pre-existing schema.", "42P06", AnalysisException},
	"SCHEMA_NOT_FOUND":                                          {"The schema <schemaName> cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a catalog, verify the current_schema() output, or qualify the name with the correct catalog.\nTo tolerate the error on drop use DROP SCHEMA IF EXISTS.", "42704", AnalysisException},
	"ROUTINE_ALREADY_EXISTS":                                    {"Cannot create the <newRoutineType> <routineName> because a <existingRoutineType> of that name already exists.\nChoose a different name, drop or replace the existing <existingRoutineType>, or add the IF NOT EXISTS clause to tolerate a pre-existing <newRoutineType>.", "42723", AnalysisException},
	"ROUTINE_NOT_FOUND":                                         {"The routine <routineName> cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a schema and catalog, verify the current_schema() output, or qualify the name with the correct schema and catalog.\nTo tolerate the error on drop use DROP ... IF EXISTS.", "42883", AnalysisException},
	"CANNOT_LOAD_FUNCTION_CLASS":                                {"Cannot load class <className> when registering the function <functionName>, please make sure it is on the classpath.", "46103", AnalysisException},
	"INVALID_TEMP_OBJ_QUALIFIER":                                {"Temporary <objectType> <objectName> cannot be qualified with <qualifier>. Temporary objects can only be qualified with SESSION or SYSTEM.SESSION.", "42602", AnalysisException},
	"SCHEMA_NOT_EMPTY":                                          {"Cannot drop a schema <schemaName> because it contains objects.\nUse DROP SCHEMA ... CASCADE to drop the schema and all its objects.", "2BP01", AnalysisException},
	"TABLE_OR_VIEW_ALREADY_EXISTS":                              {"Cannot create table or view <relationName> because it already exists.\nChoose a different name, drop or replace the existing object, or add the IF NOT EXISTS clause to tolerate pre-existing objects.", "42P07", AnalysisException},
	"PARTITIONS_ALREADY_EXIST":                                  {"Cannot ADD or RENAME TO partition(s) <partitionList> in table <tableName> because they already exist.\nChoose a different name, drop the existing partition, or add the IF NOT EXISTS clause to tolerate a pre-existing partition.", "428FT", AnalysisException},
	"PARTITIONS_NOT_FOUND":                                      {"The partition(s) <partitionList> cannot be found in table <tableName>.\nVerify the partition specification and table name.\nTo tolerate the error on drop use ALTER TABLE … DROP IF EXISTS PARTITION.", "428FT", AnalysisException},
	"LOCATION_ALREADY_EXISTS":                                   {"Cannot name the managed table as <identifier>, as its associated location <location> already exists. Please pick a different table name, or remove the existing location first.", "42710", AnalysisException},
	"WRONG_COMMAND_FOR_OBJECT_TYPE":                             {"The operation <operation> requires a <requiredType>. But <objectName> is a <foundType>. Use <alternative> instead.", "42809", AnalysisException},
	"EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE":                      {"'<operation>' expects a table but <viewName> is a view. ", "42809", AnalysisException},
	"EXPECT_TABLE_NOT_VIEW.USE_ALTER_VIEW":                      {"'<operation>' expects a table but <viewName> is a view. Please use ALTER VIEW instead.", "42809", AnalysisException},
	"EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE":                      {"The table <tableName> does not support <operation>. ", "42809", AnalysisException},
	"EXPECT_VIEW_NOT_TABLE.USE_ALTER_TABLE":                     {"The table <tableName> does not support <operation>. Please use ALTER TABLE instead.", "42809", AnalysisException},
	"UNSUPPORTED_FEATURE.DROP_DATABASE":                         {"The feature is not supported: Drop the default database <database>.", "0A000", AnalysisException},
	"INVALID_SCHEMA_OR_RELATION_NAME":                           {"<name> is not a valid name for tables/schemas. Valid names only contain alphabet characters, numbers and _.", "42602", AnalysisException},
	"SORT_BY_WITHOUT_BUCKETING":                                 {"sortBy must be used together with bucketBy.", "42601", AnalysisException},
	"_LEGACY_ERROR_TEMP_1312":                                   {"'<operation>' does not support bucketBy right now.", "", AnalysisException},
	"_LEGACY_ERROR_TEMP_1164":                                   {"Specified bucketing does not match that of the existing table <tableName>.\nSpecified bucketing: <specifiedBucketString>\nExisting bucketing: <existingBucketString>", "", AnalysisException},
	"INVALID_BUCKET_COUNT":                                      {"Number of buckets should be greater than 0 but less than or equal to bucketing.maxBuckets (`<bucketingMaxBuckets>`). Got `<numBuckets>`.", "22003", AnalysisException},
	"_LEGACY_ERROR_TEMP_1166":                                   {"Bucketing column '<bucketCol>' should not be part of partition columns '<normalizedPartCols>'.", "", AnalysisException},
	"_LEGACY_ERROR_TEMP_1167":                                   {"Bucket sorting column '<sortCol>' should not be part of partition columns '<normalizedPartCols>'.", "", AnalysisException},
	"COLUMN_NOT_DEFINED_IN_TABLE":                               {"<colType> column <colName> is not defined in table <tableName>, defined table columns are: <tableCols>.", "42703", AnalysisException},
	"INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY":     {"The partition command is invalid. Table <name> is not partitioned.", "42601", AnalysisException},
	"INVALID_EMPTY_LOCATION":                                    {"The location name cannot be empty string, but `<location>` was given.", "42K05", SparkIllegalArgument},
	"INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS":      {"Cannot write to <tableName>, the reason is not enough data columns:\nTable columns: <tableColumns>.\nData columns: <dataColumns>.", "21S01", AnalysisException},
	"INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS":        {"Cannot write to <tableName>, the reason is too many data columns:\nTable columns: <tableColumns>.\nData columns: <dataColumns>.", "21S01", AnalysisException},
	"INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_SAFELY_CAST":            {"Cannot write incompatible data for the table <tableName>: Cannot safely cast <colName> <srcType> to <targetType>.", "KD000", AnalysisException},
	"INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_FIND_DATA":              {"Cannot write incompatible data for the table <tableName>: Cannot find data for the output column <colName>.", "KD000", AnalysisException},
	"CATALOG_NOT_FOUND":                                         {"The catalog <catalogName> not found. Consider to set the SQL config <config> to a catalog plugin.", "42P08", SparkException},
	"REQUIRES_SINGLE_PART_NAMESPACE":                            {"<sessionCatalog> requires a single-part namespace, but got identifier <identifier>.", "42K05", AnalysisException},
	"NON_PARTITION_COLUMN":                                      {"PARTITION clause cannot contain the non-partition column: <columnName>.", "42000", AnalysisException},
	"_LEGACY_ERROR_TEMP_0035":                                   {"Operation not allowed: <message>.", "", ParseException},
	"CREATE_VIEW_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS": {"Cannot create view <viewName>, the reason is not enough data columns:\nView columns: <viewColumns>.\nData columns: <dataColumns>.", "21S01", AnalysisException},
	"CREATE_VIEW_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS":   {"Cannot create view <viewName>, the reason is too many data columns:\nView columns: <viewColumns>.\nData columns: <dataColumns>.", "21S01", AnalysisException},
	"VIEW_EXCEED_MAX_NESTED_DEPTH":                              {"The depth of view <viewName> exceeds the maximum view resolution depth (<maxNestedDepth>).\nAnalysis is aborted to avoid errors. If you want to work around this, please try to increase the value of \"spark.sql.view.maxNestedViewDepth\".", "54K00", AnalysisException},
	"SHOW_COLUMNS_WITH_CONFLICT_NAMESPACE":                      {"SHOW COLUMNS with conflicting namespaces: <namespaceA> != <namespaceB>.", "42K05", AnalysisException},
	"INVALID_TEMP_OBJ_REFERENCE":                                {"Cannot create the persistent object <objName> of the type <obj> because it references to the temporary object <tempObjName> of the type <tempObj>. Please make the temporary object <tempObjName> persistent, or make the persistent object <objName> temporary.", "42K0F", AnalysisException},
	"_LEGACY_ERROR_TEMP_1266":                                   {"Operation not allowed: TRUNCATE TABLE on external tables: <tableIdentWithDB>.", "", AnalysisException},
	"_LEGACY_ERROR_TEMP_1309":                                   {"insertInto() can't be used together with partitionBy(). Partition columns have already been defined for the table. It is not necessary to use partitionBy().", "", AnalysisException},
	"NOT_A_PARTITIONED_TABLE":                                   {"Operation <operation> is not allowed for <tableIdentWithDB> because it is not a partitioned table.", "42809", AnalysisException},
	"_LEGACY_ERROR_TEMP_1267":                                   {"Operation not allowed: TRUNCATE TABLE ... PARTITION is not supported for tables that are not partitioned: <tableIdentWithDB>.", "", AnalysisException},
	"NOT_SUPPORTED_CHANGE_COLUMN":                               {"ALTER TABLE ALTER/CHANGE COLUMN is not supported for changing <table>'s column <originName> with type <originType> to <newName> with type <newType>.", "0A000", AnalysisException},
	"UNSUPPORTED_FEATURE.TABLE_OPERATION":                       {"The feature is not supported: Table <tableName> does not support <operation>. Please check the current catalog and namespace to make sure the qualified table name is expected, and also check the catalog implementation which is configured by \"spark.sql.catalog\".", "0A000", AnalysisException},
	"UNSUPPORTED_OVERWRITE.TABLE":                               {"Can't overwrite the target that is also being read from. The target table is <table>.", "42902", AnalysisException},
	"CREATE_PERMANENT_VIEW_WITHOUT_ALIAS":                       {"Not allowed to create the permanent view <name> without explicitly assigning an alias for the expression <attr>.", "0A000", AnalysisException},
	"COLUMN_NOT_FOUND":                                          {"The column <colName> cannot be found. Verify the spelling and correctness of the column name according to the SQL config <caseSensitiveConfig>.", "42703", AnalysisException},
	"_LEGACY_ERROR_TEMP_1251":                                   {"<action> is not allowed on <tableName> since its partition metadata is not stored in the Hive metastore. To import this information into the metastore, run `msck repair table <tableName>`.", "", AnalysisException},
	"UNSET_NONEXISTENT_PROPERTIES":                              {"Attempted to unset non-existent properties [<properties>] in table <table>.", "42K0J", AnalysisException},
	// Legacy classes have no SQLSTATE; Spark's session catalog still raises them.
	"_LEGACY_ERROR_TEMP_1073": {"RENAME TABLE source and destination databases do not match: '<db>' != '<newDb>'.", "", AnalysisException},
	"_LEGACY_ERROR_TEMP_1232": {"Partition spec is invalid. The spec (<specKeys>) must match the partition spec (<partitionColumnNames>) defined in table '<tableName>'.", "", AnalysisException},
}

func init() {
	for class, t := range catalogTemplates {
		templates[class] = t
	}
}
