package executor

import (
	"context"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/analyzer"
	"github.com/emberdb/ember/internal/catalog"
	"github.com/emberdb/ember/internal/engine/duckdb"
	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sql"
	"github.com/emberdb/ember/internal/types"
)

// ALTER DATABASE / TABLE / VIEW, CREATE TABLE LIKE and the partition
// commands. Each is one catalog transaction.

// specMap converts a parsed PARTITION spec to the catalog's form.
func specMap(ps sql.PartitionSpec) map[string]string {
	m := make(map[string]string, len(ps))
	for _, v := range ps {
		switch {
		case v.IsNull:
			m[v.Column] = "__HIVE_DEFAULT_PARTITION__"
		case v.HasValue:
			m[v.Column] = v.Value
		}
	}
	return m
}

// alterTarget looks a table up for an ALTER TABLE/VIEW statement and
// checks it is the right kind (Spark's EXPECT_TABLE_NOT_VIEW /
// EXPECT_VIEW_NOT_TABLE).
func (c *Core) alterTarget(ctx context.Context, s *session.Session, name []string, isView bool, operation string) (*catalog.Table, error) {
	t, err := c.lookup(ctx, s, name)
	if err != nil {
		return nil, err
	}
	switch {
	case isView && t.Kind != catalog.View:
		return nil, tableNotView(t, operation)
	case !isView && t.Kind == catalog.View:
		return nil, viewNotTable(t, operation)
	}
	return t, nil
}

// alter runs the ALTER family and the other catalog maintenance
// statements; ok is false for statements it does not handle.
func (c *Core) alter(ctx context.Context, s *session.Session, es *duckdb.Session, stmt sql.Statement) (bool, error) {
	switch x := stmt.(type) {
	case *sql.AlterNamespace:
		db, err := namespace(x.Name)
		if err != nil {
			return true, err
		}
		loc := ""
		if x.HasLocation {
			loc = strings.TrimPrefix(strings.TrimPrefix(x.Location, "file://"), "file:")
			if loc == "" {
				return true, sparkerr.Newf("INVALID_EMPTY_LOCATION", "location", x.Location)
			}
		}
		return true, c.store.AlterDatabase(ctx, db, x.Properties, loc)
	case *sql.AlterTableRename:
		if len(x.Name) == 1 {
			if r, ok := s.TempView(x.Name[0]); ok {
				if len(x.NewName) > 1 {
					return true, sparkerr.Newf("TEMP_VIEW_NAME_TOO_MANY_NAME_PARTS", "actualName", sparkerr.QuoteID(x.NewName...))
				}
				if !s.SetTempView(x.NewName[0], r, false) {
					return true, sparkerr.Newf("TABLE_OR_VIEW_ALREADY_EXISTS", "relationName", sparkerr.QuoteID(x.NewName[0]))
				}
				s.DropTempView(x.Name[0])
				return true, nil
			}
		}
		t, err := c.lookup(ctx, s, x.Name)
		if err != nil {
			return true, err
		}
		switch {
		case !x.IsView && t.Kind == catalog.View:
			e := sparkerr.Newf("EXPECT_TABLE_NOT_VIEW.USE_ALTER_VIEW", "operation", "ALTER TABLE", "viewName", sparkerr.QuoteID(t.Name))
			e.Text35 = "Cannot alter a view with ALTER TABLE. Please use ALTER VIEW instead."
			return true, e
		case x.IsView && t.Kind != catalog.View:
			return true, sparkerr.Newf("EXPECT_VIEW_NOT_TABLE.USE_ALTER_TABLE", "tableName", sparkerr.QuoteID(t.Name), "operation", "ALTER VIEW")
		}
		newDB := ""
		if len(x.NewName) > 1 {
			if newDB, err = namespace(x.NewName[:len(x.NewName)-1]); err != nil {
				return true, err
			}
		}
		if err := c.store.RenameTable(ctx, t.Database, t.Name, newDB, x.NewName[len(x.NewName)-1]); err != nil {
			return true, err
		}
		c.cache.dropTable(t.Database, t.Name)
		return true, nil
	case *sql.AlterTableAddColumns:
		t, err := c.alterTarget(ctx, s, x.Name, false, "ALTER TABLE ... ADD COLUMNS")
		if err != nil {
			return true, err
		}
		fs := make([]types.Field, len(x.Columns))
		for i, col := range x.Columns {
			fs[i] = col.Field
			fs[i].Nullable = true
		}
		if err := c.store.AlterTable(ctx, t.Database, t.Name, func(nt *catalog.Table) error {
			nt.SetProperties(map[string]string{catalog.ColumnsAddedProperty: "true"})
			return nt.AddColumns(fs...)
		}); err != nil {
			return true, err
		}
		c.cache.invalidate(t.Database, t.Name)
		return true, nil
	case *sql.AlterColumn:
		return true, c.alterColumn(ctx, s, x)
	case *sql.AlterTableSetProperties:
		op := "ALTER TABLE ... SET TBLPROPERTIES"
		if x.IsView {
			op = "ALTER VIEW ... SET TBLPROPERTIES"
		}
		t, err := c.alterTarget(ctx, s, x.Name, x.IsView, op)
		if err != nil {
			return true, err
		}
		return true, c.store.AlterTable(ctx, t.Database, t.Name, func(nt *catalog.Table) error {
			if v, ok := x.Properties["comment"]; ok {
				nt.Comment = v
			}
			props := map[string]string{}
			for k, v := range x.Properties {
				if k != "comment" {
					props[k] = v
				}
			}
			nt.SetProperties(props)
			return nil
		})
	case *sql.AlterTableUnsetProperties:
		op := "ALTER TABLE ... UNSET TBLPROPERTIES"
		if x.IsView {
			op = "ALTER VIEW ... UNSET TBLPROPERTIES"
		}
		t, err := c.alterTarget(ctx, s, x.Name, x.IsView, op)
		if err != nil {
			return true, err
		}
		// Spark 4 ignores keys that are not set, with or without IF EXISTS;
		// Spark 3.5 refuses them without IF EXISTS.
		if spark35(s) && !x.IfExists {
			var missing []string
			for _, k := range x.Keys {
				if _, ok := t.Properties[k]; !ok {
					missing = append(missing, sparkerr.QuoteID(k))
				}
			}
			if len(missing) > 0 {
				return true, sparkerr.Newf("UNSET_NONEXISTENT_PROPERTIES", "properties", strings.Join(missing, ", "), "table", t.QualifiedName())
			}
		}
		return true, c.store.AlterTable(ctx, t.Database, t.Name, func(nt *catalog.Table) error {
			for _, k := range x.Keys {
				if k == "comment" {
					nt.Comment = ""
				}
			}
			nt.UnsetProperties(x.Keys...)
			return nil
		})
	case *sql.AlterTableAddPartition:
		t, err := c.alterTarget(ctx, s, x.Name, false, "ALTER TABLE ... ADD PARTITION ...")
		if err != nil {
			return true, err
		}
		if !t.IsPartitioned() {
			return true, sparkerr.Newf("_LEGACY_ERROR_TEMP_1251", "action", "ALTER TABLE ADD PARTITION", "tableName", t.Name)
		}
		specs := make([]map[string]string, len(x.Specs))
		for i, sp := range x.Specs {
			specs[i] = specMap(sp)
		}
		if err := checkPartitionColumns(s, t, specs); err != nil {
			return true, err
		}
		locs := make([]string, len(specs))
		copy(locs, x.Locations)
		if err := c.store.AddPartitions(ctx, t.Database, t.Name, specs, locs, x.IfNotExists); err != nil {
			return true, err
		}
		c.cache.invalidate(t.Database, t.Name)
		return true, nil
	case *sql.AlterTableDropPartition:
		t, err := c.alterTarget(ctx, s, x.Name, false, "ALTER TABLE ... DROP PARTITION ...")
		if err != nil {
			return true, err
		}
		if !t.IsPartitioned() {
			return true, sparkerr.Newf("_LEGACY_ERROR_TEMP_1251", "action", "ALTER TABLE DROP PARTITION", "tableName", t.Name)
		}
		specs := make([]map[string]string, len(x.Specs))
		for i, sp := range x.Specs {
			specs[i] = specMap(sp)
			if len(sp) < len(t.PartitionColumns) && !x.IfExists {
				// The session catalog drops only partitions named in full.
				spec := catalog.NormalizeSpecKeys(copyMap(specs[i]), t.PartitionColumns)
				return true, sparkerr.Newf("PARTITIONS_NOT_FOUND", "partitionList", catalog.FormatSpecs(t.PartitionColumns, []map[string]string{spec}), "tableName", sparkerr.QuoteID(t.Database, t.Name))
			}
		}
		if err := c.store.DropPartitions(ctx, t.Database, t.Name, specs, x.IfExists); err != nil {
			return true, err
		}
		c.cache.invalidate(t.Database, t.Name)
		return true, nil
	case *sql.RecoverPartitions:
		if x.Option == "DROP" || x.Option == "SYNC" {
			return true, sparkerr.Unsupported("MSCK REPAIR TABLE ... " + x.Option + " PARTITIONS")
		}
		return true, c.recoverPartitions(ctx, s, x.Name)
	case *sql.AlterTableSetLocation:
		t, err := c.alterTarget(ctx, s, x.Name, false, "ALTER TABLE ... SET LOCATION ...")
		if err != nil {
			return true, err
		}
		if len(x.Partition) > 0 {
			if !t.IsPartitioned() {
				return true, sparkerr.Newf("_LEGACY_ERROR_TEMP_1251", "action", "ALTER TABLE SET LOCATION", "tableName", t.Name)
			}
			spec := specMap(x.Partition)
			if err := checkPartitionColumns(s, t, []map[string]string{spec}); err != nil {
				return true, err
			}
			if err := c.store.SetPartitionLocation(ctx, t.Database, t.Name, spec, x.Location); err != nil {
				return true, err
			}
			c.cache.invalidate(t.Database, t.Name)
			return true, nil
		}
		if t.Kind != catalog.External {
			return true, sparkerr.Unsupported("ALTER TABLE ... SET LOCATION on managed tables")
		}
		loc := strings.TrimPrefix(strings.TrimPrefix(x.Location, "file://"), "file:")
		if err := c.store.AlterTable(ctx, t.Database, t.Name, func(nt *catalog.Table) error { nt.Location = loc; return nil }); err != nil {
			return true, err
		}
		c.cache.invalidate(t.Database, t.Name)
		return true, nil
	case *sql.AlterViewAs:
		if len(x.Name) == 1 {
			if _, ok := s.TempView(x.Name[0]); ok {
				if _, err := c.resolve(ctx, s, x.Query); err != nil {
					return true, err
				}
				s.SetTempView(x.Name[0], x.Query, true)
				return true, nil
			}
		}
		t, err := c.alterTarget(ctx, s, x.Name, true, "ALTER VIEW ... AS")
		if err != nil {
			return true, err
		}
		lp, err := c.resolve(ctx, s, x.Query)
		if err != nil {
			return true, err
		}
		out := lp.Output()
		fs := make([]types.Field, len(out))
		for i, a := range out {
			fs[i] = types.Field{Name: a.Name, Type: a.Type, Nullable: a.Nullable, Metadata: commentOnly(a.Metadata)}
		}
		return true, c.store.AlterTable(ctx, t.Database, t.Name, func(nt *catalog.Table) error {
			nt.ViewText = strings.TrimSpace(x.QueryText)
			nt.Schema = types.Struct{Fields: fs}
			if nt.Options == nil {
				nt.Options = map[string]string{}
			}
			nt.Options[analyzer.ViewDatabaseOption] = s.CurrentDatabase()
			return nil
		})
	case *sql.AnalyzeTable:
		if len(x.Partition) > 0 && len(x.Columns) == 0 && !x.AllColumns {
			return true, c.analyzePartition(ctx, s, es, x.Name, specMap(x.Partition), x.NoScan)
		}
		if x.AllTables {
			db := s.CurrentDatabase()
			if len(x.Namespace) > 0 {
				var err error
				if db, err = namespace(x.Namespace); err != nil {
					return true, err
				}
			}
			ts, err := c.store.ListTables(ctx, db, "")
			if err != nil {
				return true, err
			}
			for _, t := range ts {
				if t.Kind == catalog.View {
					continue
				}
				if err := c.analyzeTable(ctx, s, es, []string{t.Database, t.Name}, x.NoScan); err != nil {
					return true, err
				}
			}
			return true, nil
		}
		if len(x.Columns) > 0 || x.AllColumns {
			return true, c.analyzeColumns(ctx, s, es, x.Name, x.Columns, x.AllColumns)
		}
		return true, c.analyzeTable(ctx, s, es, x.Name, x.NoScan)
	case *sql.CreateTableLike:
		src, err := c.likeSource(ctx, s, x.Source)
		if err != nil {
			return true, err
		}
		db, name, err := ident(s, x.Name)
		if err != nil {
			return true, err
		}
		prov := src.Provider
		if x.Provider != "" {
			if prov, err = provider(s, x.Provider); err != nil {
				return true, err
			}
		}
		if prov == "" {
			prov, _ = provider(s, "")
		}
		t := catalog.Table{Database: db, Name: name, Kind: catalog.Managed, Provider: prov, Schema: src.Schema,
			PartitionColumns: append([]string{}, src.PartitionColumns...), Options: copyMap(src.Options), Properties: copyMap(x.Properties)}
		delete(t.Options, analyzer.ViewDatabaseOption)
		// The bucket spec is copied, as Spark does.
		if b, err := src.Bucket(); err != nil {
			return true, err
		} else if b != nil {
			if t.Properties == nil {
				t.Properties = map[string]string{}
			}
			t.SetBucket(b)
		}
		if x.Location != "" {
			t.Kind, t.Location = catalog.External, strings.TrimPrefix(strings.TrimPrefix(x.Location, "file://"), "file:")
		}
		err = c.store.CreateTable(ctx, t, x.IfNotExists, false)
		if se, ok := sparkerr.As(err); ok && se.Class == "TABLE_OR_VIEW_ALREADY_EXISTS" {
			// CREATE TABLE LIKE names the table without its catalog.
			return true, sparkerr.Newf("TABLE_OR_VIEW_ALREADY_EXISTS", "relationName", sparkerr.QuoteID(db, name))
		}
		return true, err
	}
	return false, nil
}

// likeSource is the table (or view) CREATE TABLE LIKE copies.
func (c *Core) likeSource(ctx context.Context, s *session.Session, name []string) (*catalog.Table, error) {
	if fs, err := c.tempViewPlan(ctx, s, name); err != nil {
		return nil, err
	} else if fs != nil {
		return &catalog.Table{Schema: types.Struct{Fields: fs}}, nil
	}
	t, err := c.lookup(ctx, s, name)
	if err != nil {
		return nil, err
	}
	if t.Kind == catalog.View {
		return &catalog.Table{Schema: t.Schema}, nil
	}
	return t, nil
}

// alterColumn is ALTER TABLE ... ALTER|CHANGE COLUMN on a session-catalog
// table. Like Spark's v1 tables, Ember's keep their column types and
// order: only the comment changes; a different type, a position or a
// NOT NULL change is refused with Spark's errors.
func (c *Core) alterColumn(ctx context.Context, s *session.Session, x *sql.AlterColumn) error {
	t, err := c.alterTarget(ctx, s, x.Name, false, "ALTER TABLE ... ALTER COLUMN")
	if err != nil {
		return err
	}
	tableOp := func(op string) error {
		return sparkerr.Newf("UNSUPPORTED_FEATURE.TABLE_OPERATION", "tableName", sparkerr.QuoteID(catalog.SessionCatalogName, t.Database, t.Name), "operation", op)
	}
	if len(x.Column) > 1 {
		return tableOp("ALTER COLUMN with qualified column")
	}
	f, ok := fieldByName(t.Schema, x.Column[0])
	if !ok && spark35(s) && (x.Type != nil || x.Position || x.NotNull) {
		return sparkerr.Unclassified(sparkerr.AnalysisException, "Missing field "+x.Column[0]+" in table "+
			strings.Join([]string{catalog.SessionCatalogName, t.Database, t.Name}, ".")+" with schema:\n"+schemaTree(t.Schema))
	}
	if !ok {
		return sparkerr.Newf("UNRESOLVED_COLUMN.WITH_SUGGESTION", "objectName", sparkerr.QuoteID(x.Column...), "proposal", quoteNames(t.Schema.Names()))
	}
	if x.Type != nil && !types.Equal(x.Type, f.Type) {
		return sparkerr.Newf("NOT_SUPPORTED_CHANGE_COLUMN", "table", sparkerr.QuoteID(catalog.SessionCatalogName, t.Database, t.Name),
			"originName", sparkerr.QuoteID(f.Name), "originType", sqlType(f.Type),
			"newName", sparkerr.QuoteID(f.Name), "newType", sqlType(x.Type))
	}
	if x.Position {
		if spark35(s) {
			return tableOp("ALTER COLUMN ... FIRST | ALTER") // Spark 3.5's wording
		}
		return tableOp("ALTER COLUMN ... FIRST | AFTER")
	}
	if x.NotNull {
		if spark35(s) {
			return sparkerr.Unclassified(sparkerr.AnalysisException, "ALTER COLUMN with v1 tables cannot specify NOT NULL.")
		}
		return tableOp("ALTER COLUMN ... SET NOT NULL")
	}
	if x.Comment == nil {
		return nil
	}
	return c.store.AlterTable(ctx, t.Database, t.Name, func(nt *catalog.Table) error {
		for i, g := range nt.Schema.Fields {
			if strings.EqualFold(g.Name, f.Name) {
				nt.Schema.Fields[i].Metadata = `{"comment":` + jsonString(*x.Comment) + `}`
			}
		}
		return nil
	})
}

// sqlType is a type as Spark's messages quote it: "BIGINT", "VARCHAR(5)".
func sqlType(t types.DataType) string {
	return "\"" + functions.SparkTypeSQL(t) + "\""
}

// schemaTree is the top level of Spark's schema tree string.
func schemaTree(st types.Struct) string {
	var b strings.Builder
	b.WriteString("root\n")
	for _, f := range st.Fields {
		b.WriteString(" |-- " + f.Name + ": " + f.Type.SimpleString() + " (nullable = " + strconv.FormatBool(f.Nullable) + ")\n")
	}
	return b.String()
}
