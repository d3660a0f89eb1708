package executor

import (
	"context"
	"fmt"
	"strings"

	"github.com/emberdb/ember/internal/catalog"
	"github.com/emberdb/ember/internal/engine/duckdb"
	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sparkpb"
	"github.com/emberdb/ember/internal/sql"
	"github.com/emberdb/ember/internal/types"
)

// The spark.catalog API (Connect's Catalog relation). Each call is
// answered as a small result whose columns are the ones the PySpark client
// reads by position (Spark's Database, Table, Column, Function and
// CatalogMetadata encoders); calls that return nothing answer an empty
// "value" column as Spark does.

var (
	tableListSchema = types.Struct{Fields: []types.Field{
		strField("name", true), strField("catalog", true),
		{Name: "namespace", Type: types.Array{Elem: types.String, ContainsNull: true}, Nullable: true},
		strField("description", true), strField("tableType", true), field("isTemporary", types.Boolean, false)}}
	databaseSchema = types.Struct{Fields: []types.Field{strField("name", true), strField("catalog", true), strField("description", true), strField("locationUri", true)}}
	functionSchema = types.Struct{Fields: []types.Field{
		strField("name", true), strField("catalog", true),
		{Name: "namespace", Type: types.Array{Elem: types.String, ContainsNull: true}, Nullable: true},
		strField("description", true), strField("className", true), field("isTemporary", types.Boolean, false)}}
	columnSchema = types.Struct{Fields: []types.Field{
		strField("name", true), strField("description", true), strField("dataType", true),
		field("nullable", types.Boolean, false), field("isPartition", types.Boolean, false),
		field("isBucket", types.Boolean, false), field("isCluster", types.Boolean, false)}}
	boolSchema  = types.Struct{Fields: []types.Field{field("value", types.Boolean, false)}}
	voidSchema  = types.Struct{Fields: []types.Field{strField("value", false)}}
	valueSchema = types.Struct{Fields: []types.Field{strField("value", true)}}
)

// catalogName splits spark.catalog's (tableName, dbName) arguments.
func catalogName(table string, db *string) ([]string, error) {
	name, err := sql.ParseMultipartIdentifier(table)
	if err != nil {
		return nil, err
	}
	if db != nil && *db != "" {
		name = append([]string{*db}, name...)
	}
	return name, nil
}

// apiNotFound is TABLE_OR_VIEW_NOT_FOUND as spark.catalog reports it.
func apiNotFound(s *session.Session, name []string) error {
	return sparkerr.Newf("TABLE_OR_VIEW_NOT_FOUND", "relationName", sparkerr.QuoteID(name...),
		"searchPath", "[`system`.`session`, "+sparkerr.QuoteID(catalog.SessionCatalogName, s.CurrentDatabase())+"]")
}

func (c *Core) databaseRow(d catalog.Database) []any {
	desc := d.Comment
	if d.Name == catalog.DefaultDatabase && desc == "" {
		desc = "default database"
	}
	return []any{d.Name, catalog.SessionCatalogName, desc, fileURI(d.Location)}
}

func tableRow(t *catalog.Table) []any {
	var desc any
	if t.Comment != "" {
		desc = t.Comment
	}
	return []any{t.Name, catalog.SessionCatalogName, []string{t.Database}, desc, t.Kind.String(), false}
}

// findTable resolves spark.catalog's table argument: a temporary view
// (row with isTemporary) or a catalog table.
func (c *Core) findTable(ctx context.Context, s *session.Session, name []string) ([]any, *catalog.Table, error) {
	if len(name) == 1 {
		if _, ok := s.TempView(name[0]); ok {
			return []any{name[0], nil, []string{}, nil, "TEMPORARY", true}, nil, nil
		}
	}
	if len(name) == 2 && strings.EqualFold(name[0], "global_temp") {
		if _, ok := session.Global.Get(name[1]); ok {
			return []any{name[1], nil, []string{"global_temp"}, nil, "TEMPORARY", true}, nil, nil
		}
	}
	db, tn, err := ident(s, name)
	if err != nil {
		return nil, nil, err
	}
	t, err := c.store.GetTable(ctx, db, tn)
	if err != nil {
		if se, ok := sparkerr.As(err); ok && se.Class == "TABLE_OR_VIEW_NOT_FOUND" {
			return nil, nil, apiNotFound(s, name)
		}
		return nil, nil, err
	}
	return tableRow(t), t, nil
}

// listTables lists a database's tables (or views) then the session's
// temporary views, like spark.catalog.listTables.
func (c *Core) listTables(ctx context.Context, s *session.Session, db *string, pattern string, viewsOnly bool) (result, error) {
	r := result{schema: tableListSchema}
	name := s.CurrentDatabase()
	if db != nil && *db != "" {
		var err error
		parts, err := sql.ParseMultipartIdentifier(*db)
		if err != nil {
			return r, err
		}
		if name, err = namespace(parts); err != nil {
			return r, err
		}
	}
	if name == "global_temp" {
		for _, n := range matchPattern(session.Global.Names(), pattern) {
			r.rows = append(r.rows, []any{n, nil, []string{"global_temp"}, nil, "TEMPORARY", true})
		}
	} else {
		ok, err := c.store.DatabaseExists(ctx, name)
		if err != nil {
			return r, err
		}
		if !ok {
			return r, catalog.ErrSchemaNotFound(name)
		}
		ts, err := c.store.ListTables(ctx, name, pattern)
		if err != nil {
			return r, err
		}
		for i := range ts {
			if viewsOnly && ts[i].Kind != catalog.View {
				continue
			}
			r.rows = append(r.rows, tableRow(&ts[i]))
		}
	}
	for _, n := range matchPattern(s.TempViewNames(), pattern) {
		r.rows = append(r.rows, []any{n, nil, []string{}, nil, "TEMPORARY", true})
	}
	return r, nil
}

// listColumns is spark.catalog.listColumns.
func (c *Core) listColumns(ctx context.Context, s *session.Session, name []string) (result, error) {
	r := result{schema: columnSchema}
	row, t, err := c.findTable(ctx, s, name)
	if err != nil {
		return r, err
	}
	var fields []types.Field
	parts := map[string]bool{}
	buckets := map[string]bool{}
	if t == nil {
		_ = row
		fs, err := c.tempViewPlan(ctx, s, name)
		if err != nil {
			return r, err
		}
		fields = fs
	} else {
		fields = t.Schema.Fields
		for _, p := range t.PartitionColumns {
			parts[strings.ToLower(p)] = true
		}
		b, err := t.Bucket()
		if err != nil {
			return r, err
		}
		if b != nil {
			for _, c := range b.Columns {
				buckets[strings.ToLower(c)] = true
			}
		}
	}
	for _, f := range fields {
		var desc any
		if cm, ok := comment(f); ok {
			desc = cm
		}
		r.rows = append(r.rows, []any{f.Name, desc, f.Type.SimpleString(), f.Nullable || t != nil, parts[strings.ToLower(f.Name)], buckets[strings.ToLower(f.Name)], false})
	}
	return r, nil
}

// listFunctions is spark.catalog.listFunctions: the built-in functions and
// the persistent functions of a database (the current one by default)
// whose names match the pattern: built-ins first, each group sorted by
// name, as Spark lists them.
func (c *Core) listFunctions(ctx context.Context, s *session.Session, db *string, pattern string) (result, error) {
	r := result{schema: functionSchema}
	for _, n := range matchPattern(functions.Names(), pattern) {
		r.rows = append(r.rows, builtinFunctionRow(n))
	}
	name := s.CurrentDatabase()
	if db != nil && *db != "" {
		parts, err := sql.ParseMultipartIdentifier(*db)
		if err != nil {
			return r, err
		}
		if name, err = namespace(parts); err != nil {
			return r, err
		}
	}
	fns, err := c.store.ListFunctions(ctx, name, pattern)
	if err != nil {
		return r, err
	}
	for i := range fns {
		r.rows = append(r.rows, functionRow(&fns[i]))
	}
	return r, nil
}

// getFunction is spark.catalog.getFunction: a built-in function (named as
// the caller spelled it) or a persistent one.
func (c *Core) getFunction(ctx context.Context, s *session.Session, fn string, db *string) ([]any, error) {
	name, err := catalogFunctionName(fn, db)
	if err != nil {
		return nil, err
	}
	if !strings.Contains(name, ".") {
		if _, ok := functions.Lookup(name); ok {
			return builtinFunctionRow(name), nil
		}
	}
	f, err := c.lookupFunction(ctx, s, name)
	if err != nil {
		return nil, err
	}
	return functionRow(f), nil
}

// catalogCall answers a spark.catalog.* request.
func (c *Core) catalogCall(ctx context.Context, s *session.Session, es *duckdb.Session, cat *sparkpb.Catalog, send func(*sparkpb.ExecutePlanResponse) error) error {
	reply := func(r result, err error) error {
		if err != nil {
			return err
		}
		return c.sendResult(r, send)
	}
	void := func(err error) error { return reply(result{schema: voidSchema}, err) }
	boolean := func(b bool, err error) error { return reply(result{schema: boolSchema, rows: [][]any{{b}}}, err) }
	switch k := cat.GetCatType().(type) {
	case *sparkpb.Catalog_CurrentDatabase:
		return reply(result{schema: valueSchema, rows: [][]any{{s.CurrentDatabase()}}}, nil)
	case *sparkpb.Catalog_SetCurrentDatabase:
		name, err := sql.ParseMultipartIdentifier(k.SetCurrentDatabase.GetDbName())
		if err != nil {
			return err
		}
		return void(c.useNamespace(ctx, s, name))
	case *sparkpb.Catalog_CurrentCatalog:
		return reply(result{schema: valueSchema, rows: [][]any{{catalog.SessionCatalogName}}}, nil)
	case *sparkpb.Catalog_SetCurrentCatalog:
		n := k.SetCurrentCatalog.GetCatalogName()
		if !strings.EqualFold(n, catalog.SessionCatalogName) {
			return sparkerr.Newf("CATALOG_NOT_FOUND", "catalogName", sparkerr.QuoteID(n), "config", "\"spark.sql.catalog."+n+"\"")
		}
		return void(nil)
	case *sparkpb.Catalog_ListCatalogs:
		r := result{schema: types.Struct{Fields: []types.Field{strField("name", true), strField("description", true)}}}
		for _, n := range matchPattern([]string{catalog.SessionCatalogName}, k.ListCatalogs.GetPattern()) {
			r.rows = append(r.rows, []any{n, nil})
		}
		return reply(r, nil)
	case *sparkpb.Catalog_ListDatabases:
		dbs, err := c.store.ListDatabases(ctx, k.ListDatabases.GetPattern())
		r := result{schema: databaseSchema}
		for _, d := range dbs {
			r.rows = append(r.rows, c.databaseRow(d))
		}
		return reply(r, err)
	case *sparkpb.Catalog_GetDatabase:
		parts, err := sql.ParseMultipartIdentifier(k.GetDatabase.GetDbName())
		if err != nil {
			return err
		}
		db, err := namespace(parts)
		if err != nil {
			return err
		}
		d, err := c.store.GetDatabase(ctx, db)
		if err != nil {
			return err
		}
		return reply(result{schema: databaseSchema, rows: [][]any{c.databaseRow(*d)}}, nil)
	case *sparkpb.Catalog_DatabaseExists:
		parts, err := sql.ParseMultipartIdentifier(k.DatabaseExists.GetDbName())
		if err != nil {
			return err
		}
		db, err := namespace(parts)
		if err != nil {
			return boolean(false, nil)
		}
		return boolean(c.store.DatabaseExists(ctx, db))
	case *sparkpb.Catalog_ListTables:
		return reply(c.listTables(ctx, s, k.ListTables.DbName, k.ListTables.GetPattern(), false))
	case *sparkpb.Catalog_ListViews:
		return reply(c.listTables(ctx, s, k.ListViews.DbName, k.ListViews.GetPattern(), true))
	case *sparkpb.Catalog_GetTable:
		name, err := catalogName(k.GetTable.GetTableName(), k.GetTable.DbName)
		if err != nil {
			return err
		}
		row, _, err := c.findTable(ctx, s, name)
		return reply(result{schema: tableListSchema, rows: [][]any{row}}, err)
	case *sparkpb.Catalog_TableExists:
		name, err := catalogName(k.TableExists.GetTableName(), k.TableExists.DbName)
		if err != nil {
			return err
		}
		_, _, err = c.findTable(ctx, s, name)
		if se, ok := sparkerr.As(err); ok && se.Class == "TABLE_OR_VIEW_NOT_FOUND" {
			return boolean(false, nil)
		}
		return boolean(err == nil, err)
	case *sparkpb.Catalog_ListColumns:
		name, err := catalogName(k.ListColumns.GetTableName(), k.ListColumns.DbName)
		if err != nil {
			return err
		}
		return reply(c.listColumns(ctx, s, name))
	case *sparkpb.Catalog_ListFunctions:
		return reply(c.listFunctions(ctx, s, k.ListFunctions.DbName, k.ListFunctions.GetPattern()))
	case *sparkpb.Catalog_GetFunction:
		row, err := c.getFunction(ctx, s, k.GetFunction.GetFunctionName(), k.GetFunction.DbName)
		if err != nil {
			return err
		}
		return reply(result{schema: functionSchema, rows: [][]any{row}}, nil)
	case *sparkpb.Catalog_FunctionExists:
		_, err := c.getFunction(ctx, s, k.FunctionExists.GetFunctionName(), k.FunctionExists.DbName)
		if se, ok := sparkerr.As(err); ok && se.Class == "UNRESOLVED_ROUTINE" {
			return boolean(false, nil)
		}
		return boolean(err == nil, err)
	case *sparkpb.Catalog_DropTempView:
		return boolean(s.DropTempView(k.DropTempView.GetViewName()), nil)
	case *sparkpb.Catalog_DropGlobalTempView:
		return boolean(session.Global.Drop(k.DropGlobalTempView.GetViewName()), nil)
	case *sparkpb.Catalog_CreateTable:
		ct := k.CreateTable
		return c.catalogCreateTable(ctx, s, es, ct.GetTableName(), ct.Path, ct.Source, ct.Description, ct.Schema, ct.GetOptions(), send)
	case *sparkpb.Catalog_CreateExternalTable:
		ct := k.CreateExternalTable
		return c.catalogCreateTable(ctx, s, es, ct.GetTableName(), ct.Path, ct.Source, nil, ct.Schema, ct.GetOptions(), send)
	case *sparkpb.Catalog_DropTable:
		name, err := sql.ParseMultipartIdentifier(k.DropTable.GetTableName())
		if err != nil {
			return err
		}
		return void(c.dropTable(ctx, s, &sql.DropTable{Name: name, IfExists: k.DropTable.GetIfExists()}))
	case *sparkpb.Catalog_DropView:
		name, err := sql.ParseMultipartIdentifier(k.DropView.GetViewName())
		if err != nil {
			return err
		}
		return void(c.dropAnyView(ctx, s, &sql.DropView{Name: name, IfExists: k.DropView.GetIfExists()}))
	case *sparkpb.Catalog_CreateDatabase:
		name, err := sql.ParseMultipartIdentifier(k.CreateDatabase.GetDbName())
		if err != nil {
			return err
		}
		return void(c.createNamespace(ctx, &sql.CreateNamespace{Name: name, IfNotExists: k.CreateDatabase.GetIfNotExists(), Properties: k.CreateDatabase.GetProperties()}))
	case *sparkpb.Catalog_DropDatabase:
		name, err := sql.ParseMultipartIdentifier(k.DropDatabase.GetDbName())
		if err != nil {
			return err
		}
		return void(c.dropNamespace(ctx, s, &sql.DropNamespace{Name: name, IfExists: k.DropDatabase.GetIfExists(), Cascade: k.DropDatabase.GetCascade()}))
	case *sparkpb.Catalog_ListPartitions:
		name, err := sql.ParseMultipartIdentifier(k.ListPartitions.GetTableName())
		if err != nil {
			return err
		}
		return reply(c.showPartitions(ctx, s, name, true))
	case *sparkpb.Catalog_GetTableProperties:
		name, err := sql.ParseMultipartIdentifier(k.GetTableProperties.GetTableName())
		if err != nil {
			return err
		}
		r, err := c.showTblProperties(ctx, s, name, "")
		r.schema = types.Struct{Fields: []types.Field{strField("key", false), strField("value", true)}}
		return reply(r, err)
	case *sparkpb.Catalog_GetCreateTableString:
		name, err := sql.ParseMultipartIdentifier(k.GetCreateTableString.GetTableName())
		if err != nil {
			return err
		}
		r, err := c.showCreateTable(ctx, s, name)
		r.schema = valueSchema
		return reply(r, err)
	case *sparkpb.Catalog_TruncateTable:
		name, err := sql.ParseMultipartIdentifier(k.TruncateTable.GetTableName())
		if err != nil {
			return err
		}
		return void(c.truncate(ctx, s, name, nil))
	case *sparkpb.Catalog_AnalyzeTable:
		name, err := sql.ParseMultipartIdentifier(k.AnalyzeTable.GetTableName())
		if err != nil {
			return err
		}
		return void(c.analyzeTable(ctx, s, es, name, k.AnalyzeTable.GetNoScan()))
	case *sparkpb.Catalog_RecoverPartitions:
		name, err := sql.ParseMultipartIdentifier(k.RecoverPartitions.GetTableName())
		if err != nil {
			return err
		}
		return void(c.recoverPartitions(ctx, s, name))
	case *sparkpb.Catalog_IsCached:
		name, err := sql.ParseMultipartIdentifier(k.IsCached.GetTableName())
		if err != nil {
			return err
		}
		return boolean(c.isCached(ctx, s, name))
	case *sparkpb.Catalog_CacheTable:
		name, err := sql.ParseMultipartIdentifier(k.CacheTable.GetTableName())
		if err != nil {
			return err
		}
		return void(c.cacheTable(ctx, s, es, name, false))
	case *sparkpb.Catalog_UncacheTable:
		name, err := sql.ParseMultipartIdentifier(k.UncacheTable.GetTableName())
		if err != nil {
			return err
		}
		return void(c.uncacheTable(ctx, s, es, name, false))
	case *sparkpb.Catalog_ClearCache:
		c.clearCache(ctx, s, es)
		return void(nil)
	case *sparkpb.Catalog_RefreshTable:
		name, err := sql.ParseMultipartIdentifier(k.RefreshTable.GetTableName())
		if err != nil {
			return err
		}
		return void(c.refreshTable(ctx, s, name))
	case *sparkpb.Catalog_RefreshByPath:
		c.cache.invalidateAll()
		return void(nil)
	}
	return sparkerr.Unsupported(fmt.Sprintf("spark.catalog call %T", cat.GetCatType()))
}

// catalogCreateTable is spark.catalog.createTable / createExternalTable:
// it creates the table and answers its (empty or existing) rows.
func (c *Core) catalogCreateTable(ctx context.Context, s *session.Session, es *duckdb.Session, table string, path, source, desc *string, schema *sparkpb.DataType, options map[string]string, send func(*sparkpb.ExecutePlanResponse) error) error {
	name, err := sql.ParseMultipartIdentifier(table)
	if err != nil {
		return err
	}
	db, tn, err := ident(s, name)
	if err != nil {
		return err
	}
	opts := copyMap(options)
	if path != nil && *path != "" {
		opts["path"] = *path
	}
	src := ""
	if source != nil {
		src = *source
	}
	t, err := c.newTable(s, db, tn, src, nil, opts, nil)
	if err != nil {
		return err
	}
	if desc != nil {
		t.Comment = *desc
	}
	if schema != nil {
		dt, err := types.FromProto(schema)
		if err != nil {
			return err
		}
		st, ok := dt.(types.Struct)
		if !ok {
			return sparkerr.Newf("INVALID_PARAMETER_VALUE", "parameter", "`schema`", "functionName", "`createTable`", "message", "the schema must be a struct")
		}
		t.Schema = st
	} else if t.Kind == catalog.External {
		_, st, err := c.eng.FileSchema(ctx, es, t.Provider, []string{t.Location}, lowerKeys(t.Options))
		if err != nil {
			return err
		}
		t.Schema = nullable(st)
	} else {
		return sparkerr.Newf("_LEGACY_ERROR_TEMP_0035", "message", "Unable to infer the schema. The schema specification is required to create the table "+sparkerr.QuoteID(catalog.SessionCatalogName, db, tn)+".")
	}
	if err := c.store.CreateTable(ctx, t, false, false); err != nil {
		return err
	}
	lp, err := c.resolve(ctx, s, tableRead([]string{catalog.SessionCatalogName, db, tn}))
	if err != nil {
		return err
	}
	return c.run(ctx, s, es, lp, send)
}
