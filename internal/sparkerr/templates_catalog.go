package sparkerr

// catalogTemplates are the error classes raised by the persistent session
// catalog (package catalog): databases, tables, views and partitions. The
// wording is Spark 4.2's error-conditions.json (multi-line messages joined
// with "\n"); subclass messages are the parent's text, a space, then the
// subclass text, as Spark renders them.
var catalogTemplates = map[string]template{
	"SCHEMA_ALREADY_EXISTS":                                 {"Cannot create schema <schemaName> because it already exists.\nChoose a different name, drop the existing schema, or add the IF NOT EXISTS clause to tolerate pre-existing schema.", "42P06", AnalysisException},
	"SCHEMA_NOT_FOUND":                                      {"The schema <schemaName> cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a catalog, verify the current_schema() output, or qualify the name with the correct catalog.\nTo tolerate the error on drop use DROP SCHEMA IF EXISTS.", "42704", AnalysisException},
	"SCHEMA_NOT_EMPTY":                                      {"Cannot drop a schema <schemaName> because it contains objects.\nUse DROP SCHEMA ... CASCADE to drop the schema and all its objects.", "2BP01", AnalysisException},
	"TABLE_OR_VIEW_ALREADY_EXISTS":                          {"Cannot create table or view <relationName> because it already exists.\nChoose a different name, drop or replace the existing object, or add the IF NOT EXISTS clause to tolerate pre-existing objects.", "42P07", AnalysisException},
	"PARTITIONS_ALREADY_EXIST":                              {"Cannot ADD or RENAME TO partition(s) <partitionList> in table <tableName> because they already exist.\nChoose a different name, drop the existing partition, or add the IF NOT EXISTS clause to tolerate a pre-existing partition.", "428FT", AnalysisException},
	"PARTITIONS_NOT_FOUND":                                  {"The partition(s) <partitionList> cannot be found in table <tableName>.\nVerify the partition specification and table name.\nTo tolerate the error on drop use ALTER TABLE … DROP IF EXISTS PARTITION.", "428FT", AnalysisException},
	"LOCATION_ALREADY_EXISTS":                               {"Cannot name the managed table as <identifier>, as its associated location <location> already exists. Please pick a different table name, or remove the existing location first.", "42710", AnalysisException},
	"WRONG_COMMAND_FOR_OBJECT_TYPE":                         {"The operation <operation> requires a <requiredType>. But <objectName> is a <foundType>. Use <alternative> instead.", "42809", AnalysisException},
	"EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE":                  {"'<operation>' expects a table but <viewName> is a view. ", "42809", AnalysisException},
	"EXPECT_TABLE_NOT_VIEW.USE_ALTER_VIEW":                  {"'<operation>' expects a table but <viewName> is a view. Please use ALTER VIEW instead.", "42809", AnalysisException},
	"EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE":                  {"The table <tableName> does not support <operation>. ", "42809", AnalysisException},
	"EXPECT_VIEW_NOT_TABLE.USE_ALTER_TABLE":                 {"The table <tableName> does not support <operation>. Please use ALTER TABLE instead.", "42809", AnalysisException},
	"UNSUPPORTED_FEATURE.DROP_DATABASE":                     {"The feature is not supported: Drop the default database <database>.", "0A000", AnalysisException},
	"INVALID_SCHEMA_OR_RELATION_NAME":                       {"<name> is not a valid name for tables/schemas. Valid names only contain alphabet characters, numbers and _.", "42602", AnalysisException},
	"COLUMN_NOT_DEFINED_IN_TABLE":                           {"<colType> column <colName> is not defined in table <tableName>, defined table columns are: <tableCols>.", "42703", AnalysisException},
	"INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY": {"The partition command is invalid. Table <name> is not partitioned.", "42601", AnalysisException},
	"INVALID_EMPTY_LOCATION":                                {"The location name cannot be empty string, but `<location>` was given.", "42K05", SparkIllegalArgument},
	// Legacy classes have no SQLSTATE; Spark's session catalog still raises them.
	"_LEGACY_ERROR_TEMP_1073": {"RENAME TABLE source and destination databases do not match: '<db>' != '<newDb>'.", "", AnalysisException},
	"_LEGACY_ERROR_TEMP_1232": {"Partition spec is invalid. The spec (<specKeys>) must match the partition spec (<partitionColumnNames>) defined in table '<tableName>'.", "", AnalysisException},
}

func init() {
	for class, t := range catalogTemplates {
		templates[class] = t
	}
}
