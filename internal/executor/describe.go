package executor

import (
	"context"
	"encoding/json"
	"os/user"
	"sort"
	"strings"
	"time"

	"github.com/emberdb/ember/internal/analyzer"
	"github.com/emberdb/ember/internal/catalog"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// SHOW and DESCRIBE over the catalog. Tools parse these outputs (dbt-spark
// reads SHOW TABLE EXTENDED's information text line by line), so the
// column names, row order and text layout follow Spark's in-memory session
// catalog exactly; times are printed like java.util.Date.toString in UTC.

// statsPrefix marks the table properties that hold ANALYZE TABLE results,
// hidden from SHOW TBLPROPERTIES like Spark hides them.
const statsPrefix = "spark.sql.statistics."

func strField(name string, nullable bool) types.Field { return field(name, types.String, nullable) }

// sparkVersion is the Spark version Ember reports for a session's client.
func sparkVersion(s *session.Session) string {
	if session.ClientMajorVersion(s.ClientType) == "3" {
		return "3.5.9"
	}
	return "4.2.0"
}

func spark35(s *session.Session) bool { return session.ClientMajorVersion(s.ClientType) == "3" }

// javaDate renders a time like java.util.Date.toString in UTC.
func javaDate(t time.Time) string { return t.UTC().Format("Mon Jan 02 15:04:05 MST 2006") }

func osUser() string {
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return ""
}

func fileURI(p string) string {
	if p == "" {
		return ""
	}
	return "file:" + p
}

// comment extracts a column comment from field metadata.
func comment(f types.Field) (string, bool) {
	if f.Metadata == "" {
		return "", false
	}
	var m map[string]any
	if json.Unmarshal([]byte(f.Metadata), &m) != nil {
		return "", false
	}
	c, ok := m["comment"].(string)
	return c, ok
}

func (c *Core) showNamespaces(ctx context.Context, pattern string) (result, error) {
	dbs, err := c.store.ListDatabases(ctx, pattern)
	if err != nil {
		return result{}, err
	}
	r := result{schema: types.Struct{Fields: []types.Field{strField("namespace", false)}}}
	for _, d := range dbs {
		r.rows = append(r.rows, []any{d.Name})
	}
	return r, nil
}

// showTables is SHOW TABLES / SHOW VIEWS: the database's tables (or views),
// then the session's temporary views.
func (c *Core) showTables(ctx context.Context, s *session.Session, ns []string, pattern string, views bool) (result, error) {
	nameCol := "tableName"
	if views {
		nameCol = "viewName"
	}
	r := result{schema: types.Struct{Fields: []types.Field{strField("namespace", false), strField(nameCol, false), field("isTemporary", types.Boolean, false)}}}
	db := s.CurrentDatabase()
	if len(ns) > 0 {
		var err error
		if db, err = namespace(ns); err != nil {
			return r, err
		}
	}
	if db == "global_temp" {
		for _, n := range matchPattern(session.Global.Names(), pattern) {
			r.rows = append(r.rows, []any{"global_temp", n, true})
		}
		for _, n := range matchPattern(s.TempViewNames(), pattern) {
			r.rows = append(r.rows, []any{"", n, true})
		}
		return r, nil
	}
	ok, err := c.store.DatabaseExists(ctx, db)
	if err != nil {
		return r, err
	}
	if !ok {
		return r, catalog.ErrSchemaNotFound(db)
	}
	ts, err := c.store.ListTables(ctx, db, pattern)
	if err != nil {
		return r, err
	}
	for _, t := range ts {
		if views && t.Kind != catalog.View {
			continue
		}
		r.rows = append(r.rows, []any{t.Database, t.Name, false})
	}
	for _, n := range matchPattern(s.TempViewNames(), pattern) {
		r.rows = append(r.rows, []any{"", n, true})
	}
	return r, nil
}

// lookup finds a catalog table by a user's name.
func (c *Core) lookup(ctx context.Context, s *session.Session, name []string) (*catalog.Table, error) {
	db, tn, err := ident(s, name)
	if err != nil {
		return nil, err
	}
	t, err := c.store.GetTable(ctx, db, tn)
	if err != nil {
		if se, ok := sparkerr.As(err); ok && se.Class == "TABLE_OR_VIEW_NOT_FOUND" {
			return nil, sparkerr.Newf("TABLE_OR_VIEW_NOT_FOUND", "relationName", sparkerr.QuoteID(name...), "searchPath", searchPath(s))
		}
		return nil, err
	}
	return t, nil
}

func searchPath(s *session.Session) string { return analyzer.SearchPathOf(s.CurrentDatabase()) }

// describeSchema is the schema of DESCRIBE TABLE and DESCRIBE QUERY:
// Spark 4 comments its columns, Spark 3.5 does not.
func describeSchema(s *session.Session) types.Struct {
	st := types.Struct{Fields: []types.Field{strField("col_name", false), strField("data_type", false), strField("comment", true)}}
	if spark35(s) {
		return st
	}
	for i, c := range []string{"name of the column", "data type of the column", "comment of the column"} {
		st.Fields[i].Metadata = `{"comment":"` + c + `"}`
	}
	return st
}

// describeTable is DESCRIBE [EXTENDED] table.
func (c *Core) describeTable(ctx context.Context, s *session.Session, name []string, extended bool) (result, error) {
	r := result{schema: describeSchema(s)}
	colRow := func(f types.Field) []any {
		var cm any
		if v, ok := comment(f); ok {
			cm = v
		}
		return []any{f.Name, f.Type.SimpleString(), cm}
	}
	// Temporary views describe their schema only.
	if len(name) == 1 || len(name) == 2 && strings.EqualFold(name[0], "global_temp") {
		if lp, err := c.tempViewPlan(ctx, s, name); err != nil {
			return r, err
		} else if lp != nil {
			for _, a := range lp {
				r.rows = append(r.rows, colRow(a))
			}
			return r, nil
		}
	}
	t, err := c.lookup(ctx, s, name)
	if err != nil {
		return r, err
	}
	for _, f := range t.Schema.Fields {
		r.rows = append(r.rows, colRow(f))
	}
	if t.IsPartitioned() {
		r.rows = append(r.rows, []any{"# Partition Information", "", ""}, []any{"# col_name", "data_type", "comment"})
		for _, p := range t.PartitionColumns {
			if f, ok := fieldByName(t.Schema, p); ok {
				r.rows = append(r.rows, colRow(f))
			}
		}
	}
	if !extended {
		return r, nil
	}
	r.rows = append(r.rows, []any{"", "", ""}, []any{"# Detailed Table Information", "", ""})
	for _, kv := range tableInfo(s, t) {
		r.rows = append(r.rows, []any{kv[0], kv[1], ""})
	}
	return r, nil
}

// tableInfo is Spark's CatalogTable.toLinkedHashMap: the detailed table
// information of DESCRIBE EXTENDED and SHOW TABLE EXTENDED, in order.
func tableInfo(s *session.Session, t *catalog.Table) [][2]string {
	var out [][2]string
	add := func(k, v string) { out = append(out, [2]string{k, v}) }
	add("Catalog", catalog.SessionCatalogName)
	add("Database", t.Database)
	add("Table", t.Name)
	add("Created Time", javaDate(t.Created))
	add("Last Access", "UNKNOWN")
	add("Created By", "Spark "+sparkVersion(s))
	add("Type", t.Kind.String())
	if t.Provider != "" {
		add("Provider", t.Provider)
	}
	if b, err := t.Bucket(); err == nil && b != nil {
		out = append(out, bucketInfo(b)...)
	}
	if t.Comment != "" {
		add("Comment", t.Comment)
	}
	if t.Kind == catalog.View {
		add("View Text", t.ViewText)
		add("View Original Text", t.ViewText)
		if !spark35(s) {
			add("View Schema Mode", "COMPENSATION")
		}
		db := t.Options[analyzer.ViewDatabaseOption]
		if db == "" {
			db = "default"
		}
		add("View Catalog and Namespace", catalog.SessionCatalogName+"."+db)
		if spark35(s) {
			add("View Query Output Columns", "["+strings.Join(t.Schema.Names(), ", ")+"]")
		} else {
			add("View Query Output Columns", "["+quoteNames(t.Schema.Names())+"]")
		}
	}
	if props := visibleProps(t.Properties); len(props) > 0 {
		parts := make([]string, len(props))
		for i, k := range props {
			parts[i] = k + "=" + t.Properties[k]
		}
		add("Table Properties", "["+strings.Join(parts, ", ")+"]")
	}
	if st := statsText(t); st != "" {
		add("Statistics", st)
	}
	if t.Kind != catalog.View {
		add("Location", fileURI(t.Location))
		if len(t.Options) > 0 {
			keys := sortedKeys(t.Options)
			parts := make([]string, len(keys))
			for i, k := range keys {
				parts[i] = k + "=" + t.Options[k]
			}
			add("Storage Properties", "["+strings.Join(parts, ", ")+"]")
		}
	}
	if t.IsPartitioned() {
		add("Partition Provider", "Catalog")
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// visibleProps are the table properties users see, sorted.
func visibleProps(m map[string]string) []string {
	var keys []string
	for k := range m {
		if !strings.HasPrefix(k, statsPrefix) && !strings.HasPrefix(k, "ember.") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// statsText is "N bytes[, M rows]" once ANALYZE TABLE has computed them.
func statsText(t *catalog.Table) string {
	size, ok := t.Properties[statsPrefix+"totalSize"]
	if !ok {
		return ""
	}
	if rows, ok := t.Properties[statsPrefix+"numRows"]; ok {
		return size + " bytes, " + rows + " rows"
	}
	return size + " bytes"
}

// tempViewPlan returns the schema of a temporary view named name, or nil.
func (c *Core) tempViewPlan(ctx context.Context, s *session.Session, name []string) ([]types.Field, error) {
	var found bool
	if len(name) == 1 {
		_, found = s.TempView(name[0])
	} else {
		_, found = session.Global.Get(name[1])
	}
	if !found {
		return nil, nil
	}
	lp, err := c.resolve(ctx, s, tableRead(name))
	if err != nil {
		return nil, err
	}
	var fs []types.Field
	for _, a := range lp.Output() {
		fs = append(fs, a.Field())
	}
	return fs, nil
}

// describeColumn is DESCRIBE [EXTENDED] table column.
func (c *Core) describeColumn(ctx context.Context, s *session.Session, name, col []string, extended bool) (result, error) {
	r := result{schema: types.Struct{Fields: []types.Field{strField("info_name", false), strField("info_value", false)}}}
	var fields []types.Field
	if fs, err := c.tempViewPlan(ctx, s, name); err != nil {
		return r, err
	} else if fs != nil {
		fields = fs
	} else {
		t, err := c.lookup(ctx, s, name)
		if err != nil {
			return r, err
		}
		fields = t.Schema.Fields
	}
	f, ok := fieldByName(types.Struct{Fields: fields}, col[len(col)-1])
	if !ok || len(col) > 1 && !strings.EqualFold(col[len(col)-2], name[len(name)-1]) {
		return r, sparkerr.Newf("COLUMN_NOT_FOUND", "colName", sparkerr.QuoteID(col...), "caseSensitiveConfig", "\"spark.sql.caseSensitive\"")
	}
	cm := "NULL"
	if v, ok := comment(f); ok {
		cm = v
	}
	r.rows = append(r.rows, []any{"col_name", f.Name}, []any{"data_type", f.Type.SimpleString()}, []any{"comment", cm})
	if extended {
		var props map[string]string
		if t, err := c.lookup(ctx, s, name); err == nil {
			props = t.Properties
		}
		for _, k := range colStatKeys {
			v, ok := props[colStatKey(f.Name, k)]
			if !ok {
				v = "NULL"
			}
			r.rows = append(r.rows, []any{k, v})
		}
	}
	return r, nil
}

// describeNamespace is DESCRIBE DATABASE [EXTENDED].
func (c *Core) describeNamespace(ctx context.Context, name []string, extended bool) (result, error) {
	r := result{schema: types.Struct{Fields: []types.Field{strField("info_name", false), strField("info_value", true)}}}
	db, err := namespace(name)
	if err != nil {
		return r, err
	}
	d, err := c.store.GetDatabase(ctx, db)
	if err != nil {
		return r, err
	}
	r.rows = append(r.rows,
		[]any{"Catalog Name", catalog.SessionCatalogName},
		[]any{"Namespace Name", d.Name},
		[]any{"Comment", d.Comment},
		[]any{"Location", fileURI(d.Location)},
		[]any{"Owner", osUser()})
	if extended {
		keys := sortedKeys(d.Properties)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = "(" + k + "," + d.Properties[k] + ")"
		}
		props := ""
		if len(parts) > 0 {
			props = "(" + strings.Join(parts, ", ") + ")"
		}
		r.rows = append(r.rows, []any{"Properties", props})
	}
	return r, nil
}

// showTableExtended is SHOW TABLE EXTENDED [IN db] LIKE pattern.
func (c *Core) showTableExtended(ctx context.Context, s *session.Session, ns []string, pattern string) (result, error) {
	r := result{schema: types.Struct{Fields: []types.Field{strField("namespace", false), strField("tableName", false), field("isTemporary", types.Boolean, false), strField("information", false)}}}
	db := s.CurrentDatabase()
	if len(ns) > 0 {
		var err error
		if db, err = namespace(ns); err != nil {
			return r, err
		}
	}
	ok, err := c.store.DatabaseExists(ctx, db)
	if err != nil {
		return r, err
	}
	if !ok {
		return r, catalog.ErrSchemaNotFound(db)
	}
	ts, err := c.store.ListTables(ctx, db, pattern)
	if err != nil {
		return r, err
	}
	for i := range ts {
		t := &ts[i]
		var b strings.Builder
		for _, kv := range tableInfo(s, t) {
			b.WriteString(kv[0] + ": " + kv[1] + "\n")
		}
		if t.IsPartitioned() {
			b.WriteString("Partition Columns: [" + quoteNames(t.PartitionColumns) + "]\n")
		}
		b.WriteString("Schema: " + TreeString(t.Schema, 0) + "\n")
		r.rows = append(r.rows, []any{t.Database, t.Name, false, b.String()})
	}
	for _, n := range matchPattern(s.TempViewNames(), pattern) {
		fs, err := c.tempViewPlan(ctx, s, []string{n})
		if err != nil {
			return r, err
		}
		info := "Table: " + n + "\nCreated Time: " + javaDate(time.Now()) + "\nLast Access: UNKNOWN\nCreated By: Spark " + sparkVersion(s) + "\nType: VIEW\nSchema: " + TreeString(types.Struct{Fields: fs}, 0) + "\n"
		r.rows = append(r.rows, []any{"", n, true, info})
	}
	return r, nil
}

// showColumns is SHOW COLUMNS IN table [IN db].
func (c *Core) showColumns(ctx context.Context, s *session.Session, name, ns []string) (result, error) {
	r := result{schema: types.Struct{Fields: []types.Field{strField("col_name", false)}}}
	if len(ns) > 0 {
		if len(name) > 1 {
			db, err := namespace(ns)
			if err != nil {
				return r, err
			}
			if !strings.EqualFold(name[len(name)-2], db) {
				return r, sparkerr.Newf("SHOW_COLUMNS_WITH_CONFLICT_NAMESPACE", "namespaceA", sparkerr.QuoteID(ns...), "namespaceB", sparkerr.QuoteID(name[:len(name)-1]...))
			}
		}
		name = append(append([]string{}, ns...), name[len(name)-1])
	}
	fs, err := c.tempViewPlan(ctx, s, name)
	if err != nil {
		return r, err
	}
	if fs == nil {
		t, err := c.lookup(ctx, s, name)
		if err != nil {
			return r, err
		}
		fs = t.Schema.Fields
	}
	for _, f := range fs {
		r.rows = append(r.rows, []any{f.Name})
	}
	return r, nil
}

// showTblProperties is SHOW TBLPROPERTIES table [(key)].
func (c *Core) showTblProperties(ctx context.Context, s *session.Session, name []string, key string) (result, error) {
	r := result{schema: types.Struct{Fields: []types.Field{strField("key", false), strField("value", false)}}}
	t, err := c.lookup(ctx, s, name)
	if err != nil {
		return r, err
	}
	if key != "" {
		v, ok := t.Properties[key]
		if !ok {
			v = "Table " + catalog.SessionCatalogName + "." + t.Database + "." + t.Name + " does not have property: " + key
		}
		r.rows = append(r.rows, []any{key, v})
		return r, nil
	}
	for _, k := range visibleProps(t.Properties) {
		r.rows = append(r.rows, []any{k, t.Properties[k]})
	}
	return r, nil
}

// showPartitions is SHOW PARTITIONS table.
func (c *Core) showPartitions(ctx context.Context, s *session.Session, name []string, api bool) (result, error) {
	r := result{schema: types.Struct{Fields: []types.Field{strField("partition", false)}}}
	if api {
		r.schema.Fields[0].Nullable = true
	}
	t, err := c.lookup(ctx, s, name)
	if err != nil {
		return r, err
	}
	if t.Kind == catalog.View {
		return r, viewNotTable(t, "SHOW PARTITIONS")
	}
	if !t.IsPartitioned() {
		return r, sparkerr.Newf("INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY", "name", t.QualifiedName())
	}
	specs, err := c.store.ListPartitions(ctx, t.Database, t.Name)
	if err != nil {
		return r, err
	}
	var lines []string
	for _, sp := range specs {
		lines = append(lines, catalog.PartitionPath(t.PartitionColumns, sp))
	}
	sort.Strings(lines)
	for _, l := range lines {
		r.rows = append(r.rows, []any{l})
	}
	return r, nil
}

// showCreateTable is SHOW CREATE TABLE.
func (c *Core) showCreateTable(ctx context.Context, s *session.Session, name []string) (result, error) {
	r := result{schema: types.Struct{Fields: []types.Field{strField("createtab_stmt", false)}}}
	t, err := c.lookup(ctx, s, name)
	if err != nil {
		return r, err
	}
	collate := ""
	if !spark35(s) {
		collate = " COLLATE UTF8_BINARY"
	}
	var b strings.Builder
	if t.Kind == catalog.View {
		b.WriteString("CREATE VIEW " + t.Database + "." + t.Name + " (\n")
		for i, f := range t.Schema.Fields {
			b.WriteString("  " + quoteIfNeeded(f.Name))
			if cm, ok := comment(f); ok {
				b.WriteString(" COMMENT " + sqlQuote(cm))
			}
			if i < len(t.Schema.Fields)-1 {
				b.WriteString(",\n")
			}
		}
		b.WriteString(")\n")
		if t.Comment != "" {
			b.WriteString("COMMENT " + sqlQuote(t.Comment) + "\n")
		}
		if props := visibleProps(t.Properties); len(props) > 0 {
			b.WriteString(propsClause(t.Properties, props))
		}
		if !spark35(s) {
			b.WriteString("WITH SCHEMA COMPENSATION\n")
		}
		b.WriteString("AS " + t.ViewText + "\n")
		r.rows = append(r.rows, []any{b.String()})
		return r, nil
	}
	b.WriteString("CREATE TABLE " + catalog.SessionCatalogName + "." + t.Database + "." + t.Name + " (\n")
	for i, f := range t.Schema.Fields {
		ty := ddlType(f.Type, collate)
		b.WriteString("  " + quoteIfNeeded(f.Name) + " " + ty)
		if !f.Nullable {
			b.WriteString(" NOT NULL")
		}
		if cm, ok := comment(f); ok {
			b.WriteString(" COMMENT " + sqlQuote(cm))
		}
		if i < len(t.Schema.Fields)-1 {
			b.WriteString(",\n")
		}
	}
	b.WriteString(")\nUSING " + t.Provider + "\n")
	if len(t.Options) > 0 {
		keys := sortedKeys(t.Options)
		b.WriteString("OPTIONS (\n")
		for i, k := range keys {
			b.WriteString("  " + sqlQuote(k) + " = " + sqlQuote(t.Options[k]))
			if i < len(keys)-1 {
				b.WriteString(",\n")
			}
		}
		b.WriteString(")\n")
	}
	if t.IsPartitioned() {
		ps := make([]string, len(t.PartitionColumns))
		for i, p := range t.PartitionColumns {
			ps[i] = quoteIfNeeded(p)
		}
		b.WriteString("PARTITIONED BY (" + strings.Join(ps, ", ") + ")\n")
	}
	if bs, err := t.Bucket(); err != nil {
		return r, err
	} else if bs != nil {
		b.WriteString(bucketClause(bs))
	}
	if t.Kind == catalog.External {
		b.WriteString("LOCATION " + sqlQuote(fileURI(t.Location)) + "\n")
	}
	if t.Comment != "" {
		b.WriteString("COMMENT " + sqlQuote(t.Comment) + "\n")
	}
	if props := visibleProps(t.Properties); len(props) > 0 {
		b.WriteString(propsClause(t.Properties, props))
	}
	r.rows = append(r.rows, []any{b.String()})
	return r, nil
}

func propsClause(m map[string]string, keys []string) string {
	var b strings.Builder
	b.WriteString("TBLPROPERTIES (\n")
	for i, k := range keys {
		b.WriteString("  " + sqlQuote(k) + " = " + sqlQuote(m[k]))
		if i < len(keys)-1 {
			b.WriteString(",\n")
		}
	}
	b.WriteString(")\n")
	return b.String()
}

func sqlQuote(s string) string {
	return "'" + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), "'", `\'`) + "'"
}

// quoteIfNeeded backquotes an identifier unless it is a plain name.
func quoteIfNeeded(n string) string {
	plain := n != ""
	for i, r := range n {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			plain = false
		}
	}
	if plain {
		return n
	}
	return "`" + strings.ReplaceAll(n, "`", "``") + "`"
}

func tableRead(name []string) *plan.ReadTable { return &plan.ReadTable{Name: name} }

// ddlType renders a type as SHOW CREATE TABLE does (Spark's toDDL): upper
// case names, "STRUCT<a: T>", string types with their collation in 4.x.
func ddlType(t types.DataType, collate string) string {
	switch x := t.(type) {
	case types.Array:
		return "ARRAY<" + ddlType(x.Elem, collate) + ">"
	case types.Map:
		return "MAP<" + ddlType(x.Key, collate) + ", " + ddlType(x.Value, collate) + ">"
	case types.Struct:
		parts := make([]string, len(x.Fields))
		for i, f := range x.Fields {
			parts[i] = quoteIfNeeded(f.Name) + ": " + ddlType(f.Type, collate)
			if !f.Nullable {
				parts[i] += " NOT NULL"
			}
			if cm, ok := comment(f); ok {
				parts[i] += " COMMENT " + sqlQuote(cm)
			}
		}
		return "STRUCT<" + strings.Join(parts, ", ") + ">"
	}
	if types.IsStringLike(t) && t.Kind() == types.String.Kind() {
		return "STRING" + collate
	}
	return strings.ToUpper(t.SimpleString())
}

// findPartition returns the full spec of an existing partition named by a
// PARTITION clause, or Spark's PARTITIONS_NOT_FOUND.
func (c *Core) findPartition(ctx context.Context, s *session.Session, t *catalog.Table, spec map[string]string) (map[string]string, error) {
	if !t.IsPartitioned() {
		return nil, sparkerr.Newf("INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY", "name", t.QualifiedName())
	}
	if err := checkPartitionColumns(s, t, []map[string]string{spec}); err != nil {
		return nil, err
	}
	parts, err := c.store.ListPartitions(ctx, t.Database, t.Name)
	if err != nil {
		return nil, err
	}
	spec = catalog.NormalizeSpecKeys(copyMap(spec), t.PartitionColumns)
	if len(spec) == len(t.PartitionColumns) {
		for _, p := range parts {
			if catalog.SpecMatches(p, spec) {
				return p, nil
			}
		}
	}
	return nil, sparkerr.Newf("PARTITIONS_NOT_FOUND", "partitionList", catalog.FormatSpecs(t.PartitionColumns, []map[string]string{spec}), "tableName", sparkerr.QuoteID(t.Database, t.Name))
}

// partitionInfo is the detailed information of one partition (DESCRIBE
// EXTENDED ... PARTITION and SHOW TABLE EXTENDED ... PARTITION); loc is
// its directory (a custom one, or <table>/k=v).
func partitionInfo(t *catalog.Table, p map[string]string, loc string, withTable bool) [][2]string {
	vals := make([]string, len(t.PartitionColumns))
	for i, col := range t.PartitionColumns {
		vals[i] = col + "=" + p[col]
	}
	path := catalog.PartitionPath(t.PartitionColumns, p)
	var out [][2]string
	if withTable {
		out = append(out, [2]string{"Database", t.Database}, [2]string{"Table", t.Name})
	}
	out = append(out,
		[2]string{"Partition Values", "[" + strings.Join(vals, ", ") + "]"},
		[2]string{"Location", fileURI(loc)},
		[2]string{"Created Time", javaDate(t.Created)},
		[2]string{"Last Access", "UNKNOWN"})
	if size, ok := t.Properties[statsPrefix+"partition."+path+".totalSize"]; ok {
		st := size + " bytes"
		if rows, ok := t.Properties[statsPrefix+"partition."+path+".numRows"]; ok {
			st += ", " + rows + " rows"
		}
		out = append(out, [2]string{"Partition Statistics", st})
	}
	return out
}

// describePartition is DESCRIBE [EXTENDED] table PARTITION (spec).
func (c *Core) describePartition(ctx context.Context, s *session.Session, name []string, spec map[string]string, extended bool) (result, error) {
	r, err := c.describeTable(ctx, s, name, false)
	if err != nil {
		return r, err
	}
	t, err := c.lookup(ctx, s, name)
	if err != nil {
		return r, err
	}
	p, err := c.findPartition(ctx, s, t, spec)
	if err != nil {
		return r, err
	}
	if !extended {
		return r, nil
	}
	r.rows = append(r.rows, []any{"", "", ""}, []any{"# Detailed Partition Information", "", ""})
	loc, _, err := c.store.PartitionLocation(ctx, t.Database, t.Name, p)
	if err != nil {
		return r, err
	}
	for _, kv := range partitionInfo(t, p, loc, true) {
		r.rows = append(r.rows, []any{kv[0], kv[1], ""})
	}
	r.rows = append(r.rows, []any{"", "", ""}, []any{"# Storage Information", "", ""}, []any{"Location", fileURI(t.Location), ""})
	return r, nil
}

// showTablePartition is SHOW TABLE EXTENDED ... LIKE 'name' PARTITION (spec).
func (c *Core) showTablePartition(ctx context.Context, s *session.Session, ns []string, pattern string, spec map[string]string) (result, error) {
	r := result{schema: types.Struct{Fields: []types.Field{strField("namespace", false), strField("tableName", false), field("isTemporary", types.Boolean, false), strField("information", false)}}}
	name := []string{pattern}
	if len(ns) > 0 {
		name = append(append([]string{}, ns...), pattern)
	}
	t, err := c.lookup(ctx, s, name)
	if err != nil {
		return r, err
	}
	p, err := c.findPartition(ctx, s, t, spec)
	if err != nil {
		return r, err
	}
	var b strings.Builder
	loc, _, err := c.store.PartitionLocation(ctx, t.Database, t.Name, p)
	if err != nil {
		return r, err
	}
	for _, kv := range partitionInfo(t, p, loc, false) {
		b.WriteString(kv[0] + ": " + kv[1] + "\n")
	}
	r.rows = append(r.rows, []any{t.Database, t.Name, false, b.String()})
	return r, nil
}

// colStatKeys are the column statistics DESCRIBE EXTENDED table column
// prints, in order.
var colStatKeys = []string{"min", "max", "num_nulls", "distinct_count", "avg_col_len", "max_col_len", "histogram"}

// colStatKey is the hidden table property holding one column statistic.
func colStatKey(col, stat string) string {
	return statsPrefix + "colStats." + strings.ToLower(col) + "." + stat
}
