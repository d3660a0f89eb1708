package catalog

import (
	"strings"

	"github.com/emberdb/ember/internal/sparkerr"
)

// The errors below carry the class and parameters Spark 4.2's session
// catalog raises for the same DDL (checked against a real Spark Connect
// server). Spark is not uniform about qualifying names: some messages name
// `spark_catalog`.`db`.`t`, others `db`.`t` or `db`; each constructor says
// which form Spark uses. Errors raised while resolving a name in a query
// (SELECT * FROM nope) are the analyzer's business and use the name as the
// user wrote it; the catalog only reports what it was asked about.

// ErrSchemaNotFound: SCHEMA_NOT_FOUND with `spark_catalog`.`db` (DROP
// DATABASE, SHOW TABLES IN, CREATE TABLE in a missing database).
func ErrSchemaNotFound(db string) *sparkerr.Error {
	e := sparkerr.Newf("SCHEMA_NOT_FOUND", "schemaName", quote(SessionCatalogName, db))
	e.Params35 = map[string]string{"schemaName": quote(db)}
	return e
}

// ErrSchemaAlreadyExists: SCHEMA_ALREADY_EXISTS with `db` (lower-cased).
func ErrSchemaAlreadyExists(db string) *sparkerr.Error {
	return sparkerr.Newf("SCHEMA_ALREADY_EXISTS", "schemaName", quote(Normalize(db)))
}

// ErrSchemaNotEmpty: SCHEMA_NOT_EMPTY with `db`.
func ErrSchemaNotEmpty(db string) *sparkerr.Error {
	return sparkerr.Newf("SCHEMA_NOT_EMPTY", "schemaName", quote(db))
}

// ErrTableNotFound: TABLE_OR_VIEW_NOT_FOUND as DROP TABLE/VIEW raise it:
// relationName `spark_catalog`.`db`.`name`, searchPath [`spark_catalog`.`db`].
func ErrTableNotFound(db, name string) *sparkerr.Error {
	return sparkerr.Newf("TABLE_OR_VIEW_NOT_FOUND",
		"relationName", quote(SessionCatalogName, db, name),
		"searchPath", "["+quote(SessionCatalogName, db)+"]")
}

// ErrTableAlreadyExists: TABLE_OR_VIEW_ALREADY_EXISTS as CREATE TABLE/VIEW
// raise it: `spark_catalog`.`db`.`name` with name as the user wrote it.
func ErrTableAlreadyExists(db, name string) *sparkerr.Error {
	return sparkerr.Newf("TABLE_OR_VIEW_ALREADY_EXISTS", "relationName", quote(SessionCatalogName, db, name))
}

// errRenameTargetExists: ALTER TABLE RENAME TO an existing name names the
// target as `db`.`new`.
func errRenameTargetExists(db, name string) *sparkerr.Error {
	return sparkerr.Newf("TABLE_OR_VIEW_ALREADY_EXISTS", "relationName", quote(db, name))
}

// ErrExpectTableNotView: EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE, e.g. an
// INSERT into a view (operation "INSERT").
func ErrExpectTableNotView(db, name, operation string) *sparkerr.Error {
	return sparkerr.Newf("EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", "operation", operation, "viewName", quote(SessionCatalogName, db, name))
}

// ErrExpectViewNotTable: EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE, e.g. CREATE
// OR REPLACE VIEW over a table (operation "CREATE OR REPLACE VIEW").
func ErrExpectViewNotTable(db, name, operation string) *sparkerr.Error {
	return sparkerr.Newf("EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE", "operation", operation, "tableName", quote(SessionCatalogName, db, name))
}

// errDropViewOnTable: DROP VIEW on a table.
func errDropViewOnTable(db, name string, kind TableKind) *sparkerr.Error {
	e := sparkerr.Newf("WRONG_COMMAND_FOR_OBJECT_TYPE",
		"operation", "DROP VIEW", "requiredType", "VIEW or METRIC_VIEW",
		"objectName", SessionCatalogName+"."+db+"."+name, "foundType", kind.String(),
		"alternative", "DROP TABLE")
	e.Params35 = map[string]string{"requiredType": "VIEW"}
	return e
}

func errCannotDropDefault() *sparkerr.Error {
	return sparkerr.Newf("UNSUPPORTED_FEATURE.DROP_DATABASE", "database", quote(SessionCatalogName, DefaultDatabase))
}

func errInvalidName(name string) *sparkerr.Error {
	return sparkerr.Newf("INVALID_SCHEMA_OR_RELATION_NAME", "name", quote(name))
}

func errLocationExists(db, name, location string) *sparkerr.Error {
	return sparkerr.Newf("LOCATION_ALREADY_EXISTS", "identifier", quote(SessionCatalogName, db, name), "location", "'"+fileURI(location)+"'")
}

func errColumnExists(col string) *sparkerr.Error {
	return sparkerr.Newf("COLUMN_ALREADY_EXISTS", "columnName", quote(strings.ToLower(col)))
}

func errPartitionColumnNotDefined(db, name, col string, cols []string) *sparkerr.Error {
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = quote(c)
	}
	return sparkerr.Newf("COLUMN_NOT_DEFINED_IN_TABLE", "colType", "partition", "colName", quote(col),
		"tableName", quote(SessionCatalogName, db, name), "tableCols", strings.Join(q, ", "))
}

func errNotPartitioned(db, name string) *sparkerr.Error {
	return sparkerr.Newf("INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY", "name", quote(SessionCatalogName, db, name))
}

func errPartitionsExist(db, name string, cols []string, specs []map[string]string) *sparkerr.Error {
	return sparkerr.Newf("PARTITIONS_ALREADY_EXIST", "partitionList", FormatSpecs(cols, specs), "tableName", quote(db, name))
}

func errPartitionsNotFound(db, name string, cols []string, specs []map[string]string) *sparkerr.Error {
	return sparkerr.Newf("PARTITIONS_NOT_FOUND", "partitionList", FormatSpecs(cols, specs), "tableName", quote(db, name))
}

// errUnknownPartitionColumn is what Spark 4.2 raises for a partition spec
// naming a column that is not a partition column (ALTER TABLE ADD PARTITION
// (nope=1)): PARTITIONS_NOT_FOUND listing the column.
func errUnknownPartitionColumn(db, name, col string) *sparkerr.Error {
	return sparkerr.Newf("PARTITIONS_NOT_FOUND", "partitionList", quote(col), "tableName", quote(SessionCatalogName, db, name))
}

func errPartialSpec(db, name string, spec map[string]string, cols []string) *sparkerr.Error {
	var keys []string
	for _, c := range cols {
		if _, ok := spec[c]; ok {
			keys = append(keys, c)
		}
	}
	return sparkerr.Newf("_LEGACY_ERROR_TEMP_1232", "specKeys", strings.Join(keys, ", "),
		"partitionColumnNames", strings.Join(cols, ", "), "tableName", SessionCatalogName+"."+db+"."+name)
}

func errRenameAcrossDatabases(db, newDB string) *sparkerr.Error {
	return sparkerr.Newf("_LEGACY_ERROR_TEMP_1073", "db", db, "newDb", newDB)
}

// fileURI renders a local path the way Spark shows locations: file:/a/b.
func fileURI(path string) string {
	if strings.HasPrefix(path, "/") {
		return "file:" + path
	}
	return path
}
