package executor

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/analyzer"
	"github.com/emberdb/ember/internal/catalog"
	"github.com/emberdb/ember/internal/engine/duckdb"
	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sql"
	"github.com/emberdb/ember/internal/types"
)

// DDL and DML on the persistent catalog (package catalog): databases,
// tables, views and the writes that fill tables. Every write goes through
// a catalog.Write: the engine writes files into the write's staging
// directory and Commit switches the table to the new snapshot in one
// metadata transaction, so a failed or killed write leaves the previous
// version, and readers in other sessions see the new one as soon as the
// commit returns.

// ident resolves a table name of the session catalog to (db, table).
func ident(s *session.Session, name []string) (string, string, error) {
	db, t, ok := analyzer.TableIdent(s.CurrentDatabase(), name)
	if !ok {
		if len(name) == 0 {
			return "", "", sparkerr.Internal("empty table name")
		}
		if len(name) > 3 || strings.EqualFold(name[0], catalog.SessionCatalogName) {
			return "", "", sparkerr.Newf("REQUIRES_SINGLE_PART_NAMESPACE", "sessionCatalog", catalog.SessionCatalogName, "identifier", sparkerr.QuoteID(name[:len(name)-1]...))
		}
		return "", "", sparkerr.Newf("CATALOG_NOT_FOUND", "catalogName", sparkerr.QuoteID(name[0]), "config", "\"spark.sql.catalog."+name[0]+"\"")
	}
	return db, t, nil
}

// namespace resolves a database name (one part, or spark_catalog.db).
func namespace(name []string) (string, error) {
	switch {
	case len(name) == 1:
		return strings.ToLower(name[0]), nil
	case len(name) == 2 && strings.EqualFold(name[0], catalog.SessionCatalogName):
		return strings.ToLower(name[1]), nil
	case len(name) == 2:
		return "", sparkerr.Newf("CATALOG_NOT_FOUND", "catalogName", sparkerr.QuoteID(name[0]), "config", "\"spark.sql.catalog."+name[0]+"\"")
	}
	return "", sparkerr.Newf("REQUIRES_SINGLE_PART_NAMESPACE", "sessionCatalog", catalog.SessionCatalogName, "identifier", sparkerr.QuoteID(name...))
}

// useNamespace is USE db / spark.catalog.setCurrentDatabase.
func (c *Core) useNamespace(ctx context.Context, s *session.Session, name []string) error {
	db, err := namespace(name)
	if err != nil {
		return err
	}
	ok, err := c.store.DatabaseExists(ctx, db)
	if err != nil {
		return err
	}
	if !ok {
		return catalog.ErrSchemaNotFound(db)
	}
	s.SetCurrentDatabase(db)
	return nil
}

func (c *Core) createNamespace(ctx context.Context, x *sql.CreateNamespace) error {
	db, err := namespace(x.Name)
	if err != nil {
		return err
	}
	props := map[string]string{}
	for k, v := range x.Properties {
		props[k] = v
	}
	loc := strings.TrimPrefix(strings.TrimPrefix(x.Location, "file://"), "file:")
	return c.store.CreateDatabase(ctx, catalog.Database{Name: db, Comment: x.Comment, Location: loc, Properties: props}, x.IfNotExists)
}

func (c *Core) dropNamespace(ctx context.Context, s *session.Session, x *sql.DropNamespace) error {
	db, err := namespace(x.Name)
	if err != nil {
		return err
	}
	if err := c.store.DropDatabase(ctx, db, x.IfExists, x.Cascade); err != nil {
		return err
	}
	c.cache.dropDatabase(db)
	return nil
}

// tableFields converts CREATE TABLE column definitions to a schema.
func tableFields(cols []sql.ColumnDef) types.Struct {
	fs := make([]types.Field, len(cols))
	for i, c := range cols {
		fs[i] = c.Field
	}
	return types.Struct{Fields: fs}
}

// provider is the data source of a new table (USING, or the session default).
func provider(s *session.Session, p string) (string, error) {
	if p == "" {
		p = s.Conf.GetOr("spark.sql.sources.default", "parquet")
	}
	switch lp := strings.ToLower(p); lp {
	case "parquet", "csv", "json", "text":
		return lp, nil
	case "orc", "avro", "delta", "iceberg", "hive":
		return "", sparkerr.Unsupported("tables USING " + lp)
	case "xml":
		if session.ClientMajorVersion(s.ClientType) != "3" {
			return "", sparkerr.Unsupported("tables USING xml")
		}
	}
	// CREATE TABLE names the provider unquoted and fails loading its class.
	return "", sparkerr.Newf("DATA_SOURCE_NOT_FOUND", "provider", p).WithJava(sparkerr.ClassNotFound)
}

// createTable is CREATE TABLE / REPLACE TABLE, with or without AS SELECT.
func (c *Core) createTable(ctx context.Context, s *session.Session, es *duckdb.Session, x *sql.CreateTable) error {
	if x.Temporary {
		return sparkerr.Unsupported("CREATE TEMPORARY TABLE (use CREATE TEMPORARY VIEW ... USING)")
	}
	db, name, err := ident(s, x.Name)
	if err != nil {
		return err
	}
	prov, err := provider(s, x.Provider)
	if err != nil {
		return err
	}
	t := catalog.Table{
		Database: db, Name: name, Kind: catalog.Managed, Provider: prov,
		PartitionColumns: append([]string{}, x.PartitionBy...),
		Options:          copyMap(x.Options), Properties: copyMap(x.Properties), Comment: x.Comment,
	}
	if x.Bucket != nil {
		if n := x.Bucket.NumBuckets; n <= 0 || n > maxBuckets(s) {
			// Spark 3.5 checks the count in its parser.
			e := bucketCountError(s, n)
			e.JavaClass35 = sparkerr.ParseException
			return e
		}
		if t.Properties == nil {
			t.Properties = map[string]string{}
		}
		t.SetBucket(&catalog.BucketSpec{NumBuckets: x.Bucket.NumBuckets, Columns: x.Bucket.Columns, SortColumns: x.Bucket.SortColumns})
	}
	location := x.Location
	if location == "" {
		// OPTIONS (path '...') is the table's location, as in Spark.
		for k, v := range t.Options {
			if strings.EqualFold(k, "path") {
				location = v
				delete(t.Options, k)
			}
		}
	}
	if location != "" {
		t.Kind = catalog.External
		t.Location = strings.TrimPrefix(strings.TrimPrefix(location, "file://"), "file:")
	}
	if x.Replace || x.OrReplace {
		ok, err := c.store.TableExists(ctx, db, name)
		if err != nil {
			return err
		}
		if x.Replace && !ok {
			return sparkerr.Newf("TABLE_OR_VIEW_NOT_FOUND", "relationName", sparkerr.QuoteID(catalog.SessionCatalogName, db, name), "searchPath", "["+sparkerr.QuoteID(catalog.SessionCatalogName, db)+"]")
		}
		if ok {
			// Spark's session catalog cannot replace a table in place.
			op := "REPLACE TABLE"
			if x.Query != nil {
				op = "REPLACE TABLE AS SELECT"
			}
			return sparkerr.Newf("UNSUPPORTED_FEATURE.TABLE_OPERATION", "tableName", sparkerr.QuoteID(catalog.SessionCatalogName, db, name), "operation", op)
		}
	}
	orReplace := false
	if x.Query == nil {
		if len(x.Columns) == 0 && t.Kind == catalog.Managed {
			return sparkerr.Newf("_LEGACY_ERROR_TEMP_0035", "message", "Unable to infer the schema. The schema specification is required to create the table "+sparkerr.QuoteID(catalog.SessionCatalogName, db, name))
		}
		t.Schema = nullable(tableFields(x.Columns))
		if len(x.Columns) == 0 {
			// An external table over existing files: infer their schema.
			cols, st, err := c.eng.FileSchema(ctx, es, prov, []string{t.Location}, lowerKeys(x.Options))
			if err != nil {
				return err
			}
			_ = cols
			t.Schema = nullable(st)
		}
		if err := checkBucket(s, &t); err != nil {
			return err
		}
		return c.store.CreateTable(ctx, t, x.IfNotExists, orReplace)
	}
	if len(x.Columns) > 0 {
		e := sparkerr.Newf("_LEGACY_ERROR_TEMP_0035", "message", "Schema may not be specified in a Create Table As Select (CTAS) statement")
		// Spark 3.5 raises it from its parser, at the statement's start.
		e.Text35 = e.Text + "(line 1, pos 0)"
		return e
	}
	if x.IfNotExists {
		ok, err := c.store.TableExists(ctx, db, name)
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
	}
	lp, err := c.resolve(ctx, s, x.Query)
	if err != nil {
		return err
	}
	return c.createTableAs(ctx, s, es, t, lp, orReplace)
}

// createTableAs creates t (schema from the query) with the query's rows as
// its first snapshot: CTAS, saveAsTable, writeTo().create().
func (c *Core) createTableAs(ctx context.Context, s *session.Session, es *duckdb.Session, t catalog.Table, lp logical.Plan, orReplace bool) error {
	out := lp.Output()
	fs := make([]types.Field, len(out))
	for i, a := range out {
		if a.Type.Kind() == types.KindNull {
			return sparkerr.Newf("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE", "columnName", sparkerr.QuoteID(a.Name), "columnType", "\"VOID\"", "format", formatName(t.Provider))
		}
		fs[i] = types.Field{Name: a.Name, Type: a.Type, Nullable: true}
	}
	t.Schema = types.Struct{Fields: fs}
	if err := checkBucket(s, &t); err != nil {
		return err
	}
	w, err := c.store.BeginCreateTable(ctx, t, orReplace)
	if err != nil {
		return err
	}
	nt := w.Table()
	// Write in the table's column order (partition columns last).
	wp, err := reorder(lp, nt.Schema)
	if err != nil {
		w.Abort()
		return err
	}
	return c.writeAndCommit(ctx, s, es, w, wp, catalog.Overwrite, nil)
}

// writeAndCommit writes a plan's rows into a write's staging directory in
// the table's format and layout, then commits.
func (c *Core) writeAndCommit(ctx context.Context, s *session.Session, es *duckdb.Session, w *catalog.Write, lp logical.Plan, mode catalog.CommitMode, static []map[string]string) error {
	t := w.Table()
	if err := c.writeFiles(ctx, es, s, lp, w.Dir(), t.Provider, t.PartitionColumns, lowerKeys(t.Options)); err != nil {
		w.Abort()
		return err
	}
	if err := w.Commit(ctx, mode, static); err != nil {
		return err
	}
	c.cache.invalidate(t.Database, t.Name)
	return c.dropStats(ctx, t)
}

func formatName(p string) string {
	switch p {
	case "csv":
		return "CSV"
	case "json":
		return "JSON"
	case "text":
		return "Text"
	}
	return "Parquet"
}

// reorder projects lp's columns into the order of schema (by name).
func reorder(lp logical.Plan, schema types.Struct) (logical.Plan, error) {
	out := lp.Output()
	exprs := make([]logical.Named, len(schema.Fields))
	for i, f := range schema.Fields {
		found := false
		for _, a := range out {
			if strings.EqualFold(a.Name, f.Name) {
				exprs[i] = logical.Named{Attr: logical.Attr{ID: logical.NewID(), Name: f.Name, Type: a.Type, Nullable: a.Nullable}, Expr: &logical.ColRef{Attr: a}}
				found = true
				break
			}
		}
		if !found {
			return nil, sparkerr.Internal("column %s of the new table is not in the query", f.Name)
		}
	}
	return &logical.Project{Input: lp, Exprs: exprs}, nil
}

func nullable(st types.Struct) types.Struct {
	out := types.Struct{Fields: make([]types.Field, len(st.Fields))}
	for i, f := range st.Fields {
		f.Nullable = true
		out.Fields[i] = f
	}
	return out
}

func copyMap(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

// dropTable is DROP TABLE; like Spark it also drops a temporary view of
// that name.
func (c *Core) dropTable(ctx context.Context, s *session.Session, x *sql.DropTable) error {
	if len(x.Name) == 1 && s.DropTempView(x.Name[0]) {
		return nil
	}
	if len(x.Name) == 2 && strings.EqualFold(x.Name[0], "global_temp") && session.Global.Drop(x.Name[1]) {
		return nil
	}
	db, name, err := ident(s, x.Name)
	if err != nil {
		return err
	}
	if spark35(s) {
		// Spark 3.5 refuses DROP TABLE on a view (4.x drops it).
		if t, err := c.store.GetTable(ctx, db, name); err == nil && t.Kind == catalog.View {
			return sparkerr.Newf("WRONG_COMMAND_FOR_OBJECT_TYPE", "operation", "DROP TABLE", "requiredType", "EXTERNAL or MANAGED",
				"objectName", catalog.SessionCatalogName+"."+db+"."+name, "foundType", "VIEW", "alternative", "DROP VIEW")
		}
	}
	if err := c.store.DropTable(ctx, db, name, x.IfExists); err != nil {
		return err
	}
	c.cache.dropTable(db, name)
	return nil
}

// dropView is DROP VIEW: a temporary view first, then a persistent one.
func (c *Core) dropAnyView(ctx context.Context, s *session.Session, x *sql.DropView) error {
	if len(x.Name) == 1 && s.DropTempView(x.Name[0]) {
		return nil
	}
	if len(x.Name) == 2 && strings.EqualFold(x.Name[0], "global_temp") {
		if !session.Global.Drop(x.Name[1]) && !x.IfExists {
			return sparkerr.Newf("TABLE_OR_VIEW_NOT_FOUND", "relationName", sparkerr.QuoteID(x.Name...), "searchPath", "[`global_temp`]")
		}
		return nil
	}
	db, name, err := ident(s, x.Name)
	if err != nil {
		return err
	}
	return c.store.DropView(ctx, db, name, x.IfExists)
}

// createPersistentView is CREATE [OR REPLACE] VIEW (not TEMPORARY): the
// query text is stored and re-analyzed at every read.
func (c *Core) createPersistentView(ctx context.Context, s *session.Session, x *sql.CreateView) error {
	db, name, err := ident(s, x.Name)
	if err != nil {
		return err
	}
	an := c.analyzer(ctx, s)
	lp, err := an.Resolve(x.Query)
	if err != nil {
		return err
	}
	viewName := sparkerr.QuoteID(catalog.SessionCatalogName, db, name)
	if len(an.TempRefs) > 0 {
		return sparkerr.Newf("INVALID_TEMP_OBJ_REFERENCE", "objName", viewName, "obj", "VIEW", "tempObjName", sparkerr.QuoteID(an.TempRefs[0]), "tempObj", "VIEW")
	}
	out := lp.Output()
	if len(x.Columns) == 0 {
		if pr, ok := lp.(*logical.Project); ok {
			for _, n := range pr.Exprs {
				if strings.Contains(n.Attr.Metadata, "__autoGeneratedAlias") {
					return sparkerr.Newf("CREATE_PERMANENT_VIEW_WITHOUT_ALIAS", "name", viewName, "attr", "\""+n.Expr.SQL()+"\"")
				}
			}
		}
		if ag, ok := lp.(*logical.Aggregate); ok {
			for _, n := range ag.Aggs {
				if strings.Contains(n.Attr.Metadata, "__autoGeneratedAlias") {
					return sparkerr.Newf("CREATE_PERMANENT_VIEW_WITHOUT_ALIAS", "name", viewName, "attr", "\""+n.Expr.SQL()+"\"")
				}
			}
		}
	}
	if len(x.Columns) > 0 && len(x.Columns) != len(out) {
		return sparkerr.Newf("CREATE_VIEW_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS", "viewName", sparkerr.QuoteID(catalog.SessionCatalogName, db, name), "viewColumns", quoteNames(viewColumnNames(x.Columns)), "dataColumns", quoteAttrNames(out))
	}
	fs := make([]types.Field, len(out))
	for i, a := range out {
		f := types.Field{Name: a.Name, Type: a.Type, Nullable: a.Nullable, Metadata: commentOnly(a.Metadata)}
		if len(x.Columns) > 0 {
			f.Name = x.Columns[i].Name
			if x.Columns[i].HasComment {
				f.Metadata = `{"comment":` + jsonString(x.Columns[i].Comment) + `}`
			}
		}
		fs[i] = f
	}
	t := catalog.Table{
		Database: db, Name: name, Kind: catalog.View, Schema: types.Struct{Fields: fs},
		ViewText: strings.TrimSpace(x.QueryText), Comment: x.Comment, Properties: copyMap(x.Properties),
		Options: map[string]string{analyzer.ViewDatabaseOption: s.CurrentDatabase()},
	}
	if old, err := c.store.GetTable(ctx, db, name); err == nil && old.Kind != catalog.View {
		if x.OrReplace {
			return sparkerr.Newf("EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE", "tableName", old.QualifiedName(), "operation", "CREATE OR REPLACE VIEW")
		}
		if !x.IfNotExists {
			e := catalog.ErrTableAlreadyExists(db, name)
			e.Text35 = old.QualifiedName() + " is not a view."
			return e
		}
	}
	return c.store.CreateTable(ctx, t, x.IfNotExists, x.OrReplace)
}

func viewColumnNames(cols []sql.ViewColumn) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Name
	}
	return out
}

func quoteNames(ns []string) string {
	q := make([]string, len(ns))
	for i, n := range ns {
		q[i] = sparkerr.QuoteID(n)
	}
	return strings.Join(q, ", ")
}

func quoteAttrNames(as []logical.Attr) string {
	q := make([]string, len(as))
	for i, a := range as {
		q[i] = sparkerr.QuoteID(a.Name)
	}
	return strings.Join(q, ", ")
}

// jsonString is s as a JSON string literal (for field metadata).
func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// truncate is TRUNCATE TABLE: an overwrite with no files.
func (c *Core) truncate(ctx context.Context, s *session.Session, name []string, spec map[string]string) error {
	t, err := c.lookup(ctx, s, name)
	if err != nil {
		return err
	}
	db, tn := t.Database, t.Name
	if t.Kind == catalog.View {
		return viewNotTable(t, "TRUNCATE TABLE")
	}
	if t.Kind == catalog.External {
		return sparkerr.Newf("_LEGACY_ERROR_TEMP_1266", "tableIdentWithDB", t.QualifiedName())
	}
	// Spark empties the partitions but keeps them, in their directories.
	var keep []map[string]string
	var keepLocs []string
	if t.IsPartitioned() {
		parts, err := c.store.ListPartitions(ctx, db, tn)
		if err != nil {
			return err
		}
		locs, err := c.store.PartitionLocations(ctx, db, tn)
		if err != nil {
			return err
		}
		want := catalog.NormalizeSpecKeys(copyMap(spec), t.PartitionColumns)
		for _, p := range parts {
			if catalog.SpecMatches(p, want) {
				keep = append(keep, p)
				keepLocs = append(keepLocs, locs[catalog.PartitionPath(t.PartitionColumns, p)])
			}
		}
	}
	w, err := c.store.BeginWrite(ctx, db, tn)
	if err != nil {
		return err
	}
	mode, static := catalog.Overwrite, []map[string]string(nil)
	if len(spec) > 0 {
		if !t.IsPartitioned() {
			w.Abort()
			return sparkerr.Newf("_LEGACY_ERROR_TEMP_1267", "tableIdentWithDB", t.QualifiedName())
		}
		mode, static = catalog.OverwritePartitions, []map[string]string{spec}
	}
	if err := w.Commit(ctx, mode, static); err != nil {
		return err
	}
	c.cache.invalidate(db, tn)
	if len(keep) > 0 {
		if err := c.store.AddPartitions(ctx, db, tn, keep, keepLocs, true); err != nil {
			return err
		}
	}
	return c.dropStats(ctx, t)
}

// insertSpec is a resolved INSERT: target table, the query, and how its
// columns map to the table's.
type insertSpec struct {
	db, name  string
	query     logical.Plan
	columns   []string                // explicit column list (nil: all non-static columns in order)
	static    map[string]logical.Expr // static partition values (lower-cased column)
	byName    bool
	overwrite bool
	// dynamicCols are the PARTITION (...) columns given without a value.
	dynamicCols []string
	// fullOverwrite replaces the whole table even when it is partitioned;
	// dynamicOverwrite replaces only the partitions written, whatever
	// spark.sql.sources.partitionOverwriteMode says.
	fullOverwrite, dynamicOverwrite bool
}

// insertStatement is INSERT INTO / INSERT OVERWRITE.
func (c *Core) insertStatement(ctx context.Context, s *session.Session, es *duckdb.Session, x *sql.InsertInto) error {
	db, name, err := ident(s, x.Table)
	if err != nil {
		return err
	}
	if len(x.Table) == 1 {
		if _, ok := s.TempView(x.Table[0]); ok {
			return sparkerr.Newf("EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", "operation", "INSERT", "viewName", sparkerr.QuoteID(x.Table[0]))
		}
	}
	if _, err := c.lookup(ctx, s, x.Table); err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, cn := range x.Columns {
		if seen[strings.ToLower(cn)] {
			return sparkerr.Newf("COLUMN_ALREADY_EXISTS", "columnName", sparkerr.QuoteID(strings.ToLower(cn)))
		}
		seen[strings.ToLower(cn)] = true
	}
	q, err := c.resolve(ctx, s, x.Query)
	if err != nil {
		return err
	}
	spec := insertSpec{db: db, name: name, query: q, columns: x.Columns, byName: x.ByName, overwrite: x.Overwrite, static: map[string]logical.Expr{}}
	if len(x.Partition) > 0 {
		var exprs []plan.Expr
		var keys []string
		for k, v := range x.Partition {
			if v == nil {
				spec.dynamicCols = append(spec.dynamicCols, k)
				continue
			}
			keys = append(keys, strings.ToLower(k))
			exprs = append(exprs, v)
		}
		if len(exprs) > 0 {
			lp, err := c.resolve(ctx, s, &plan.Project{Exprs: exprs})
			if err != nil {
				return err
			}
			pr, ok := lp.(*logical.Project)
			if !ok {
				return sparkerr.Internal("static partition values did not resolve to a projection")
			}
			for i, k := range keys {
				spec.static[k] = pr.Exprs[i].Expr
			}
		}
	}
	if x.IfNotExists {
		return sparkerr.Unsupported("INSERT OVERWRITE ... IF NOT EXISTS")
	}
	return c.insert(ctx, s, es, spec)
}

// insert writes a resolved INSERT into its table.
func (c *Core) insert(ctx context.Context, s *session.Session, es *duckdb.Session, spec insertSpec) error {
	t, err := c.store.GetTable(ctx, spec.db, spec.name)
	if err != nil {
		return err
	}
	if t.Kind == catalog.View {
		return viewNotTable(t, "INSERT")
	}
	isPart := map[string]bool{}
	for _, p := range t.PartitionColumns {
		isPart[strings.ToLower(p)] = true
	}
	for k := range spec.static {
		if !isPart[k] {
			return badPartitionColumn(s, k, t)
		}
	}
	for _, k := range spec.dynamicCols {
		if !isPart[strings.ToLower(k)] {
			return badPartitionColumn(s, k, t)
		}
	}
	// Reading the table being overwritten is allowed only for a dynamic
	// partition overwrite (its rows are staged; static overwrites delete).
	dynamicOverwrite := spec.dynamicOverwrite || t.IsPartitioned() && !spec.fullOverwrite &&
		strings.EqualFold(s.Conf.GetOr("spark.sql.sources.partitionOverwriteMode", "STATIC"), "dynamic") &&
		len(spec.static) < len(t.PartitionColumns)
	if spec.overwrite && !dynamicOverwrite && readsTable(spec.query, t.Database, t.Name) {
		return sparkerr.Newf("UNSUPPORTED_OVERWRITE.TABLE", "table", t.QualifiedName())
	}
	// Target columns the query fills.
	var targets []types.Field
	if spec.columns != nil {
		for _, cn := range spec.columns {
			f, ok := fieldByName(t.Schema, cn)
			if !ok {
				return sparkerr.Newf("UNRESOLVED_COLUMN.WITH_SUGGESTION", "objectName", sparkerr.QuoteID(cn), "proposal", quoteNames(t.Schema.Names()))
			}
			targets = append(targets, f)
		}
	} else {
		for _, f := range t.Schema.Fields {
			if _, st := spec.static[strings.ToLower(f.Name)]; !st {
				targets = append(targets, f)
			}
		}
	}
	out := spec.query.Output()
	tableCols := make([]string, len(targets))
	for i, f := range targets {
		tableCols[i] = f.Name
	}
	if len(out) != len(targets) {
		reason := "INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS"
		if len(out) > len(targets) {
			reason = "INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS"
		}
		e := sparkerr.Newf(reason, "tableName", t.QualifiedName(), "tableColumns", quoteNames(tableCols), "dataColumns", quoteAttrNames(out))
		if len(spec.static)+len(spec.dynamicCols) > 0 && !spark35(s) {
			// With a PARTITION clause Spark 4 reports another class but
			// prints this one.
			e.ShownClass, e.Class = e.Class, "INSERT_PARTITION_COLUMN_ARITY_MISMATCH"
		}
		return e
	}
	source := map[string]logical.Attr{}
	for i, f := range targets {
		a := out[i]
		if spec.byName {
			found := false
			for _, o := range out {
				if strings.EqualFold(o.Name, f.Name) {
					a, found = o, true
					break
				}
			}
			if !found {
				return sparkerr.Newf("INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_FIND_DATA", "tableName", t.QualifiedName(), "colName", sparkerr.QuoteID(f.Name))
			}
		}
		source[strings.ToLower(f.Name)] = a
	}
	exprs := make([]logical.Named, len(t.Schema.Fields))
	for i, f := range t.Schema.Fields {
		k := strings.ToLower(f.Name)
		var e logical.Expr
		if v, ok := spec.static[k]; ok {
			e = v
		} else if a, ok := source[k]; ok {
			if !storeAssignable(a.Type, f.Type) {
				return sparkerr.Newf("INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_SAFELY_CAST", "tableName", t.QualifiedName(), "colName", sparkerr.QuoteID(f.Name), "srcType", "\""+strings.ToUpper(a.Type.SimpleString())+"\"", "targetType", "\""+strings.ToUpper(f.Type.SimpleString())+"\"")
			}
			e = &logical.ColRef{Attr: a}
		} else {
			e = &logical.Lit{T: types.Null}
		}
		if !types.Equal(e.Type(), f.Type) {
			e = &logical.Cast{Child: e, To: f.Type, Mode: logical.ANSI, Null: true}
		}
		exprs[i] = logical.Named{Attr: logical.Attr{ID: logical.NewID(), Name: f.Name, Type: f.Type, Nullable: true}, Expr: e}
	}
	wp := &logical.Project{Input: spec.query, Exprs: exprs}
	sv, err := staticValues(spec.static)
	if err != nil {
		return err
	}
	mode := catalog.Append
	var static []map[string]string
	switch {
	case !spec.overwrite:
	case dynamicOverwrite:
		mode = catalog.OverwritePartitions
	case t.IsPartitioned() && !spec.fullOverwrite && len(sv) > 0:
		// Static overwrite of the partitions the PARTITION clause names.
		mode, static = catalog.OverwritePartitions, []map[string]string{sv}
	default:
		mode = catalog.Overwrite
	}
	w, err := c.store.BeginWrite(ctx, spec.db, spec.name)
	if err != nil {
		return err
	}
	if err := c.writeAndCommit(ctx, s, es, w, wp, mode, static); err != nil {
		return err
	}
	// A fully static PARTITION clause registers its partition even when
	// no row was written.
	if t.IsPartitioned() && len(sv) == len(t.PartitionColumns) {
		return c.store.AddPartitions(ctx, t.Database, t.Name, []map[string]string{sv}, nil, true)
	}
	return nil
}

// staticValues renders static partition values as the strings of their
// partition directories.
func staticValues(static map[string]logical.Expr) (map[string]string, error) {
	out := map[string]string{}
	for k, e := range static {
		l, ok := e.(*logical.Lit)
		if !ok {
			return nil, sparkerr.Newf("_LEGACY_ERROR_TEMP_0059", "name", "PARTITION value of "+k)
		}
		if l.V == nil {
			out[k] = "__HIVE_DEFAULT_PARTITION__"
			continue
		}
		out[k] = litString(l)
	}
	return out, nil
}

func fieldByName(st types.Struct, name string) (types.Field, bool) {
	for _, f := range st.Fields {
		if strings.EqualFold(f.Name, name) {
			return f, true
		}
	}
	return types.Field{}, false
}

// storeAssignable is Spark's ANSI store assignment rule: numbers to
// numbers, anything atomic to strings, dates and timestamps among
// themselves; never strings to other types.
func storeAssignable(from, to types.DataType) bool {
	if types.Equal(from, to) || from.Kind() == types.KindNull {
		return true
	}
	fn, tn := types.IsNumeric(from), types.IsNumeric(to)
	switch {
	case fn && tn:
		return true
	case types.IsStringLike(to):
		_, complex := from.(types.Struct)
		return !complex
	case types.IsStringLike(from):
		return false
	}
	fk, tk := from.Kind(), to.Kind()
	if types.IsDatetime(from) && types.IsDatetime(to) {
		return true
	}
	if fn || tn {
		return false
	}
	// Nested types: same shape is enough (their fields are cast).
	return fk == tk
}

// litString is a partition value as Spark writes it in a directory name:
// the literal cast to a string.
func litString(l *logical.Lit) string {
	if v, ok := l.V.(string); ok {
		return v
	}
	if i := strings.IndexByte(l.Text, '\''); i >= 0 {
		if j := strings.LastIndexByte(l.Text, '\''); j > i {
			return l.Text[i+1 : j]
		}
	}
	if b, ok := l.V.(bool); ok {
		if b {
			return "true"
		}
		return "false"
	}
	if n, ok := logical.IntValue(l.V); ok {
		return strconv.FormatInt(n, 10)
	}
	return strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(l.Text, "L"), "S"), "Y")
}

// commentOnly keeps only the "comment" key of field metadata (a view's
// columns inherit the comments of the columns they select).
func commentOnly(meta string) string {
	if c, ok := comment(types.Field{Metadata: meta}); ok {
		return `{"comment":` + jsonString(c) + `}`
	}
	return ""
}

// analyzeTable is ANALYZE TABLE ... COMPUTE STATISTICS [NOSCAN] and
// spark.catalog.analyzeTable: the table's size (and, with a scan, its row
// count) are stored as table properties, which DESCRIBE EXTENDED and SHOW
// TABLE EXTENDED print as "Statistics" until the next write.
func (c *Core) analyzeTable(ctx context.Context, s *session.Session, es *duckdb.Session, name []string, noScan bool) error {
	t, err := c.lookup(ctx, s, name)
	if err != nil {
		return err
	}
	if t.Kind == catalog.View {
		return sparkerr.Newf("EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", "operation", "ANALYZE TABLE", "viewName", t.QualifiedName())
	}
	snap, err := c.store.CurrentSnapshot(ctx, t.Database, t.Name)
	if err != nil {
		return err
	}
	var size int64
	for _, f := range snap.Files {
		size += f.Size
	}
	rows := int64(-1)
	if !noScan {
		if rows, err = c.countRows(ctx, s, es, t, nil); err != nil {
			return err
		}
	}
	return c.store.AlterTable(ctx, t.Database, t.Name, func(nt *catalog.Table) error {
		if nt.Properties == nil {
			nt.Properties = map[string]string{}
		}
		nt.Properties[statsPrefix+"totalSize"] = strconv.FormatInt(size, 10)
		if rows >= 0 {
			nt.Properties[statsPrefix+"numRows"] = strconv.FormatInt(rows, 10)
		} else {
			delete(nt.Properties, statsPrefix+"numRows")
		}
		return nil
	})
}

// dropStats forgets ANALYZE results after a write changed the data (Spark
// does the same when spark.sql.statistics.size.autoUpdate.enabled is off).
func (c *Core) dropStats(ctx context.Context, t *catalog.Table) error {
	has := false
	for k := range t.Properties {
		if strings.HasPrefix(k, statsPrefix) {
			has = true
		}
	}
	if !has {
		return nil
	}
	return c.store.AlterTable(ctx, t.Database, t.Name, func(nt *catalog.Table) error {
		for k := range nt.Properties {
			if strings.HasPrefix(k, statsPrefix) {
				delete(nt.Properties, k)
			}
		}
		return nil
	})
}

// recoverPartitions is ALTER TABLE ... RECOVER PARTITIONS / MSCK REPAIR
// TABLE / spark.catalog.recoverPartitions: every k=v directory on disk
// becomes a registered partition.
func (c *Core) recoverPartitions(ctx context.Context, s *session.Session, name []string) error {
	t, err := c.lookup(ctx, s, name)
	if err != nil {
		return err
	}
	if t.Kind == catalog.View {
		return sparkerr.Newf("EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", "operation", "ALTER TABLE RECOVER PARTITIONS", "viewName", t.QualifiedName())
	}
	if !t.IsPartitioned() {
		return sparkerr.Newf("NOT_A_PARTITIONED_TABLE", "operation", "ALTER TABLE RECOVER PARTITIONS", "tableIdentWithDB", t.QualifiedName())
	}
	var specs []map[string]string
	var walk func(dir string, depth int, spec map[string]string)
	walk = func(dir string, depth int, spec map[string]string) {
		if depth == len(t.PartitionColumns) {
			specs = append(specs, copyMap(spec))
			return
		}
		ents, err := os.ReadDir(dir)
		if err != nil {
			return
		}
		for _, e := range ents {
			k, v, ok := strings.Cut(e.Name(), "=")
			if !e.IsDir() || !ok || !strings.EqualFold(k, t.PartitionColumns[depth]) {
				continue
			}
			spec[t.PartitionColumns[depth]] = catalog.UnescapePartitionValue(v)
			walk(filepath.Join(dir, e.Name()), depth+1, spec)
			delete(spec, t.PartitionColumns[depth])
		}
	}
	walk(t.Location, 0, map[string]string{})
	if len(specs) == 0 {
		return nil
	}
	// Spark's session catalog registers every partition directory found
	// with that directory as its location: a partition moved elsewhere
	// (SET LOCATION) whose default directory still exists moves back.
	if err := c.store.AddPartitions(ctx, t.Database, t.Name, specs, make([]string, len(specs)), true); err != nil {
		return err
	}
	c.cache.invalidate(t.Database, t.Name)
	return nil
}

// filterPartitions keeps SHOW PARTITIONS rows ("a=1/b=x") matching a
// partial spec.
func filterPartitions(rows [][]any, cols []string, spec map[string]string) [][]any {
	spec = catalog.NormalizeSpecKeys(copyMap(spec), cols)
	var out [][]any
	for _, r := range rows {
		if catalog.SpecMatches(catalog.ParsePartitionPath(r[0].(string)), spec) {
			out = append(out, r)
		}
	}
	return out
}

// readsTable reports whether a plan scans a catalog table.
func readsTable(p logical.Plan, db, name string) bool {
	if ts, ok := p.(*logical.TableScan); ok && ts.DB == db && ts.Name == name {
		return true
	}
	for _, ch := range p.Children() {
		if readsTable(ch, db, name) {
			return true
		}
	}
	return false
}

// badPartitionColumn is the error for a PARTITION clause naming a column
// that is not a partition column: PARTITIONS_NOT_FOUND in Spark 4, a
// class-less AnalysisException in 3.5.
func badPartitionColumn(s *session.Session, col string, t *catalog.Table) error {
	if spark35(s) {
		return &sparkerr.Error{JavaClass: sparkerr.AnalysisException, Params: map[string]string{},
			Text: col + " is not a valid partition column in table " + t.QualifiedName() + "."}
	}
	return sparkerr.Newf("PARTITIONS_NOT_FOUND", "partitionList", sparkerr.QuoteID(col), "tableName", t.QualifiedName())
}

// checkPartitionColumns validates the columns of PARTITION specs.
func checkPartitionColumns(s *session.Session, t *catalog.Table, specs []map[string]string) error {
	for _, sp := range specs {
		for k := range sp {
			found := false
			for _, p := range t.PartitionColumns {
				if strings.EqualFold(p, k) {
					found = true
				}
			}
			if !found {
				return badPartitionColumn(s, k, t)
			}
		}
	}
	return nil
}

// analyzePartition is ANALYZE TABLE t PARTITION (spec) COMPUTE STATISTICS:
// the partition's size and row count, shown by DESCRIBE ... PARTITION.
func (c *Core) analyzePartition(ctx context.Context, s *session.Session, es *duckdb.Session, name []string, spec map[string]string, noScan bool) error {
	t, err := c.lookup(ctx, s, name)
	if err != nil {
		return err
	}
	p, err := c.findPartition(ctx, s, t, spec)
	if err != nil {
		return err
	}
	path := catalog.PartitionPath(t.PartitionColumns, p)
	snap, err := c.store.CurrentSnapshot(ctx, t.Database, t.Name)
	if err != nil {
		return err
	}
	var size int64
	for _, f := range snap.Files {
		if catalog.PartitionPath(t.PartitionColumns, f.Partition) == path {
			size += f.Size
		}
	}
	rows := int64(-1)
	if !noScan {
		var cond plan.Expr
		for _, col := range t.PartitionColumns {
			eq := &plan.UnresolvedFunction{Name: "==", Args: []plan.Expr{
				&plan.Cast{Child: &plan.UnresolvedAttribute{Parts: []string{col}}, Type: types.String},
				&plan.Literal{Type: types.String, Value: p[col]}}}
			if cond == nil {
				cond = eq
			} else {
				cond = &plan.UnresolvedFunction{Name: "and", Args: []plan.Expr{cond, eq}}
			}
		}
		if rows, err = c.countRows(ctx, s, es, t, cond); err != nil {
			return err
		}
	}
	key := statsPrefix + "partition." + path
	return c.store.AlterTable(ctx, t.Database, t.Name, func(nt *catalog.Table) error {
		props := map[string]string{key + ".totalSize": strconv.FormatInt(size, 10)}
		if rows >= 0 {
			props[key+".numRows"] = strconv.FormatInt(rows, 10)
		}
		nt.SetProperties(props)
		return nil
	})
}

// analyzeColumns is ANALYZE TABLE ... COMPUTE STATISTICS FOR COLUMNS /
// FOR ALL COLUMNS: per column min and max (numbers, dates, timestamps),
// null count, distinct count and average/maximum length, shown by
// DESCRIBE EXTENDED table column until the next write. Distinct counts
// are exact (Spark estimates them; both agree on small data).
func (c *Core) analyzeColumns(ctx context.Context, s *session.Session, es *duckdb.Session, name, cols []string, all bool) error {
	t, err := c.lookup(ctx, s, name)
	if err != nil {
		return err
	}
	if t.Kind == catalog.View {
		return sparkerr.Newf("EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", "operation", "ANALYZE TABLE", "viewName", t.QualifiedName())
	}
	var fields []types.Field
	if all {
		fields = t.Schema.Fields
	} else {
		for _, cn := range cols {
			f, ok := fieldByName(t.Schema, cn)
			if !ok {
				return sparkerr.Newf("COLUMN_NOT_FOUND", "colName", sparkerr.QuoteID(cn), "caseSensitiveConfig", "\"spark.sql.caseSensitive\"")
			}
			fields = append(fields, f)
		}
	}
	if err := c.analyzeTable(ctx, s, es, name, false); err != nil {
		return err
	}
	props := map[string]string{}
	for _, f := range fields {
		q := sqlQuoteIdent(f.Name)
		withMinMax := types.IsNumeric(f.Type) || types.IsDatetime(f.Type)
		lengthy := types.IsStringLike(f.Type) || f.Type.Kind() == types.Binary.Kind()
		exprs := []string{
			"CAST(count(*) - count(" + q + ") AS STRING)",
			"CAST(count(DISTINCT " + q + ") AS STRING)",
		}
		if withMinMax {
			exprs = append(exprs, "CAST(min("+q+") AS STRING)", "CAST(max("+q+") AS STRING)")
		}
		if lengthy {
			exprs = append(exprs, "CAST(coalesce(ceil(avg(length("+q+"))), 20) AS STRING)", "CAST(coalesce(max(length("+q+")), 20) AS STRING)")
		}
		rel, err := sql.ParseQuery("SELECT " + strings.Join(exprs, ", ") + " FROM " + sqlQuoteIdent(catalog.SessionCatalogName) + "." + sqlQuoteIdent(t.Database) + "." + sqlQuoteIdent(t.Name))
		if err != nil {
			return err
		}
		lp, err := c.resolve(ctx, s, rel)
		if err != nil {
			return err
		}
		vals, err := c.firstRowStrings(ctx, s, es, lp)
		if err != nil {
			return err
		}
		set := func(k, v string) {
			if v != "" {
				props[colStatKey(f.Name, k)] = v
			}
		}
		set("num_nulls", vals[0])
		set("distinct_count", vals[1])
		i := 2
		if withMinMax {
			set("min", vals[i])
			set("max", vals[i+1])
			i += 2
		}
		if lengthy {
			set("avg_col_len", vals[i])
			set("max_col_len", vals[i+1])
		} else if n := defaultSize(f.Type); n > 0 {
			set("avg_col_len", strconv.Itoa(n))
			set("max_col_len", strconv.Itoa(n))
		}
	}
	return c.store.AlterTable(ctx, t.Database, t.Name, func(nt *catalog.Table) error {
		nt.SetProperties(props)
		return nil
	})
}

// defaultSize is Spark's DataType.defaultSize for fixed-width types.
func defaultSize(t types.DataType) int {
	switch t.Kind() {
	case types.Boolean.Kind(), types.Byte.Kind():
		return 1
	case types.Short.Kind():
		return 2
	case types.Int.Kind(), types.Float.Kind(), types.Date.Kind():
		return 4
	case types.Long.Kind(), types.Double.Kind(), types.Timestamp.Kind(), types.TimestampNTZ.Kind():
		return 8
	}
	if d, ok := t.(types.Decimal); ok {
		if d.Precision <= 18 {
			return 8
		}
		return 16
	}
	return 0
}

func sqlQuoteIdent(n string) string { return "`" + strings.ReplaceAll(n, "`", "``") + "`" }

// firstRowStrings runs a plan of string columns and returns its first row
// ("" for nulls), copied out while the engine's buffers are valid.
func (c *Core) firstRowStrings(ctx context.Context, s *session.Session, es *duckdb.Session, lp logical.Plan) ([]string, error) {
	res, err := c.eng.Execute(ctx, es, lp, s)
	if err != nil {
		return nil, err
	}
	defer res.Close()
	vals := make([]string, len(lp.Output()))
	done := false
	for res.Next() {
		r := res.Record()
		if done || r.NumRows() == 0 {
			continue
		}
		for i := range vals {
			if col, ok := r.Column(i).(interface {
				IsNull(int) bool
				ValueStr(int) string
			}); ok && !col.IsNull(0) {
				vals[i] = strings.Clone(col.ValueStr(0))
			}
		}
		done = true
	}
	return vals, res.Err()
}

// viewNotTable is EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE for an operation on a
// view, with the class-less text Spark 3.5 raises instead.
func viewNotTable(t *catalog.Table, operation string) *sparkerr.Error {
	e := sparkerr.Newf("EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", "operation", operation, "viewName", t.QualifiedName())
	if operation == "INSERT" {
		e.Text35 = "Inserting into a view is not allowed. View: " + t.QualifiedName() + "."
	} else {
		e.Text35 = catalog.SessionCatalogName + "." + t.Database + "." + t.Name + " is a view. '" + operation + "' expects a table.."
	}
	return e
}

// tableNotView is EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE (with 3.5's text).
func tableNotView(t *catalog.Table, operation string) *sparkerr.Error {
	e := sparkerr.Newf("EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE", "tableName", t.QualifiedName(), "operation", operation)
	e.Text35 = t.Database + "." + t.Name + " is a table. '" + operation + "' expects a view.."
	return e
}

// jsonLines renders each row as Spark's JSON writer does - to_json of the
// row's struct, so null fields are omitted and values use Spark's text -
// keeping partition columns as columns. The engine writes the lines as
// .json files ("jsonlines").
func jsonLines(s *session.Session, lp logical.Plan, partitionBy []string) (logical.Plan, error) {
	fctx := &functions.Ctx{ANSI: s.Conf.ANSI(), TimeZone: s.Conf.TimeZone()}
	isPart := func(n string) bool {
		for _, p := range partitionBy {
			if strings.EqualFold(p, n) {
				return true
			}
		}
		return false
	}
	var args []logical.Expr
	var parts []logical.Named
	for _, a := range lp.Output() {
		if isPart(a.Name) {
			parts = append(parts, logical.Named{Attr: logical.Attr{ID: logical.NewID(), Name: a.Name, Type: a.Type, Nullable: a.Nullable}, Expr: &logical.ColRef{Attr: a}})
			continue
		}
		args = append(args, &logical.Lit{T: types.String, V: a.Name, Text: a.Name}, &logical.ColRef{Attr: a})
	}
	st, err := functions.Call(fctx, "named_struct", args, false)
	if err != nil {
		return nil, err
	}
	js, err := functions.Call(fctx, "to_json", []logical.Expr{st}, false)
	if err != nil {
		return nil, err
	}
	exprs := append([]logical.Named{{Attr: logical.Attr{ID: logical.NewID(), Name: "value", Type: types.String, Nullable: true}, Expr: js}}, parts...)
	return &logical.Project{Input: lp, Exprs: exprs}, nil
}

// writeFiles writes a plan in a data source format; JSON goes through
// Spark's row rendering (jsonLines), XML through writeXML.
func (c *Core) writeFiles(ctx context.Context, es *duckdb.Session, s *session.Session, lp logical.Plan, dir, format string, partitionBy []string, opts map[string]string) error {
	lp, err := c.runPython(ctx, s, es, lp)
	if err != nil {
		return err
	}
	if format == "xml" {
		return c.writeXML(ctx, es, s, lp, dir, partitionBy, opts)
	}
	if format == "json" {
		jl, err := jsonLines(s, lp, partitionBy)
		if err != nil {
			return err
		}
		lp, format = jl, "jsonlines"
	}
	return c.eng.WriteFiles(ctx, es, s, lp, dir, format, partitionBy, opts)
}

// countRows counts a catalog table's rows (those matching cond, if given).
func (c *Core) countRows(ctx context.Context, s *session.Session, es *duckdb.Session, t *catalog.Table, cond plan.Expr) (int64, error) {
	var in plan.Relation = tableRead([]string{catalog.SessionCatalogName, t.Database, t.Name})
	if cond != nil {
		in = &plan.Filter{Input: in, Cond: cond}
	}
	lp, err := c.resolve(ctx, s, &plan.Aggregate{Input: in,
		Aggs: []plan.Expr{&plan.UnresolvedFunction{Name: "count", Args: []plan.Expr{&plan.Literal{Type: types.Int, Value: int32(1)}}}}})
	if err != nil {
		return 0, err
	}
	vals, err := c.firstRowStrings(ctx, s, es, lp)
	if err != nil {
		return 0, err
	}
	n, err := strconv.ParseInt(vals[0], 10, 64)
	if err != nil {
		return 0, sparkerr.Internal("counting rows of %s: %v", t.QualifiedName(), err)
	}
	return n, nil
}
