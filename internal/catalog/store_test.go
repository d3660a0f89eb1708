package catalog

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/emberdb/ember/internal/types"
)

func TestOpenCreatesDefaultDatabase(t *testing.T) {
	s, dir := openTest(t)
	if _, err := os.Stat(filepath.Join(dir, MetaDir, MetaFile)); err != nil {
		t.Fatalf("metadata file: %v", err)
	}
	d, err := s.GetDatabase(bg, "DEFAULT")
	must(t, err)
	abs, _ := filepath.Abs(dir)
	if d.Name != "default" || d.Location != abs {
		t.Fatalf("default database = %+v, want location %s", d, abs)
	}
	// Reopening does not create it twice and keeps what was there.
	must(t, s.CreateDatabase(bg, Database{Name: "Sales", Comment: "c"}, false))
	must(t, s.Close())
	s2, err := Open(dir)
	must(t, err)
	defer s2.Close()
	dbs, err := s2.ListDatabases(bg, "")
	must(t, err)
	if len(dbs) != 2 || dbs[0].Name != "default" || dbs[1].Name != "sales" || dbs[1].Comment != "c" {
		t.Fatalf("databases after reopen: %+v", dbs)
	}
}

func TestDatabaseErrors(t *testing.T) {
	s, dir := openTest(t)
	must(t, s.CreateDatabase(bg, Database{Name: "db1"}, false))
	must(t, s.CreateTable(bg, Table{Database: "db1", Name: "t", Kind: Managed, Provider: "parquet", Schema: intSchema("a")}, false, false))
	tests := []struct {
		name   string
		run    func() error
		class  string
		params []string
	}{
		{"create existing", func() error { return s.CreateDatabase(bg, Database{Name: "db1"}, false) },
			"SCHEMA_ALREADY_EXISTS", []string{"schemaName", "`db1`"}},
		{"create existing other case", func() error { return s.CreateDatabase(bg, Database{Name: "DB1"}, false) },
			"SCHEMA_ALREADY_EXISTS", []string{"schemaName", "`db1`"}},
		{"create invalid name", func() error { return s.CreateDatabase(bg, Database{Name: "zz cat"}, false) },
			"INVALID_SCHEMA_OR_RELATION_NAME", []string{"name", "`zz cat`"}},
		{"drop missing", func() error { return s.DropDatabase(bg, "nodb", false, false) },
			"SCHEMA_NOT_FOUND", []string{"schemaName", "`spark_catalog`.`nodb`"}},
		{"drop default", func() error { return s.DropDatabase(bg, "Default", true, true) },
			"UNSUPPORTED_FEATURE.DROP_DATABASE", []string{"database", "`spark_catalog`.`default`"}},
		{"drop non-empty", func() error { return s.DropDatabase(bg, "DB1", false, false) },
			"SCHEMA_NOT_EMPTY", []string{"schemaName", "`db1`"}},
		{"get missing", func() error { _, err := s.GetDatabase(bg, "nodb"); return err },
			"SCHEMA_NOT_FOUND", []string{"schemaName", "`spark_catalog`.`nodb`"}},
		{"alter missing", func() error { return s.AlterDatabase(bg, "nodb", map[string]string{"a": "b"}, "") },
			"SCHEMA_NOT_FOUND", nil},
		{"list tables of missing", func() error { _, err := s.ListTables(bg, "nodb", ""); return err },
			"SCHEMA_NOT_FOUND", []string{"schemaName", "`spark_catalog`.`nodb`"}},
		{"table in missing database", func() error {
			return s.CreateTable(bg, Table{Database: "nodb", Name: "t", Kind: Managed, Provider: "parquet", Schema: intSchema("a")}, false, false)
		}, "SCHEMA_NOT_FOUND", []string{"schemaName", "`spark_catalog`.`nodb`"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { wantErr(t, tc.run(), tc.class, tc.params...) })
	}
	// Tolerated forms.
	must(t, s.CreateDatabase(bg, Database{Name: "Db1"}, true))
	must(t, s.DropDatabase(bg, "nodb", true, false))
	// CASCADE drops the tables and the directory.
	must(t, s.DropDatabase(bg, "db1", false, true))
	if _, err := os.Stat(filepath.Join(dir, "db1.db")); !os.IsNotExist(err) {
		t.Fatalf("database directory still there: %v", err)
	}
	if ok, _ := s.DatabaseExists(bg, "db1"); ok {
		t.Fatal("db1 still exists")
	}
	if n := countRows(t, s, "tables"); n != 0 {
		t.Fatalf("%d tables left", n)
	}
}

func TestDatabaseProperties(t *testing.T) {
	s, dir := openTest(t)
	loc := filepath.Join(dir, "elsewhere")
	must(t, s.CreateDatabase(bg, Database{Name: "d", Comment: "hello", Location: "file:" + loc, Properties: map[string]string{"k": "v"}}, false))
	d, err := s.GetDatabase(bg, "D")
	must(t, err)
	if d.Location != loc || d.Comment != "hello" || !reflect.DeepEqual(d.Properties, map[string]string{"k": "v"}) {
		t.Fatalf("database = %+v", d)
	}
	if fi, err := os.Stat(loc); err != nil || !fi.IsDir() {
		t.Fatalf("location not created: %v", err)
	}
	must(t, s.AlterDatabase(bg, "d", map[string]string{"k": "w", "k2": "x"}, filepath.Join(dir, "moved")))
	d, err = s.GetDatabase(bg, "d")
	must(t, err)
	if d.Location != filepath.Join(dir, "moved") || !reflect.DeepEqual(d.Properties, map[string]string{"k": "w", "k2": "x"}) {
		t.Fatalf("altered database = %+v", d)
	}
	// A database with a user LOCATION: its directory is removed only if empty.
	must(t, os.WriteFile(filepath.Join(loc, "keep.txt"), []byte("x"), 0o644))
	must(t, s.DropDatabase(bg, "d", false, false))
	if _, err := os.Stat(filepath.Join(loc, "keep.txt")); err != nil {
		t.Fatalf("user file removed: %v", err)
	}
}

func TestPatterns(t *testing.T) {
	names := []string{"default", "sales", "sales_2024", "salesx", "t1", "t2", "tab.le"}
	tests := []struct {
		pattern string
		want    []string
	}{
		{"", names},
		{"*", names},
		{"sales*", []string{"sales", "sales_2024", "salesx"}},
		{"SALES", []string{"sales"}},
		{"sales|t1", []string{"sales", "t1"}},
		{" t* ", []string{"t1", "t2", "tab.le"}},
		{"t.", []string{"t1", "t2"}}, // the rest of the pattern is a regular expression, as in Spark
		{"*_*", []string{"sales_2024"}},
		{"sales_", nil},
		{"[t", nil}, // invalid regular expression: ignored
		{"[t|def*", []string{"default"}},
		{"tab.le", []string{"tab.le"}},
	}
	for _, tc := range tests {
		var got []string
		for _, n := range names {
			if MatchPattern(tc.pattern, n) {
				got = append(got, n)
			}
		}
		if !eq(got, tc.want) {
			t.Errorf("pattern %q: got %v, want %v", tc.pattern, got, tc.want)
		}
	}
}

func TestListWithPatterns(t *testing.T) {
	s, _ := openTest(t)
	for _, n := range []string{"Zeta", "alpha", "Alpine", "beta"} {
		must(t, s.CreateDatabase(bg, Database{Name: n}, false))
		must(t, s.CreateTable(bg, Table{Database: n, Name: "T_" + n, Kind: Managed, Provider: "parquet", Schema: intSchema("a")}, false, false))
	}
	dbs, err := s.ListDatabases(bg, "AL*|zeta")
	must(t, err)
	var names []string
	for _, d := range dbs {
		names = append(names, d.Name)
	}
	if !eq(names, []string{"alpha", "alpine", "zeta"}) {
		t.Fatalf("databases: %v", names)
	}
	tabs, err := s.ListTables(bg, "ALPHA", "t_*")
	must(t, err)
	if len(tabs) != 1 || tabs[0].Name != "t_alpha" || tabs[0].Database != "alpha" {
		t.Fatalf("tables: %+v", tabs)
	}
}

func TestNamesAreCaseInsensitive(t *testing.T) {
	s, _ := openTest(t)
	tests := []struct{ create, get string }{
		{"MyTable", "mytable"},
		{"lower", "LOWER"},
		{"Mixed_Case_1", "mIXED_cASE_1"},
	}
	for _, tc := range tests {
		must(t, s.CreateTable(bg, Table{Database: "DEFAULT", Name: tc.create, Kind: Managed, Provider: "parquet", Schema: intSchema("A")}, false, false))
		tab, err := s.GetTable(bg, "Default", tc.get)
		if err != nil {
			t.Fatalf("%s: %v", tc.get, err)
		}
		if tab.Name != Normalize(tc.create) || tab.Database != "default" || tab.Schema.Fields[0].Name != "A" {
			t.Fatalf("%s: got %+v", tc.get, tab)
		}
		if ok, _ := s.TableExists(bg, "default", tc.get); !ok {
			t.Fatalf("TableExists(%s) = false", tc.get)
		}
		wantErr(t, s.CreateTable(bg, Table{Name: tc.get, Kind: Managed, Provider: "parquet", Schema: intSchema("a")}, false, false),
			"TABLE_OR_VIEW_ALREADY_EXISTS", "relationName", "`spark_catalog`.`default`.`"+tc.get+"`")
	}
}

func TestTableErrors(t *testing.T) {
	s, dir := openTest(t)
	must(t, s.CreateTable(bg, Table{Name: "t", Kind: Managed, Provider: "parquet", Schema: intSchema("a", "p"), PartitionColumns: []string{"p"}}, false, false))
	must(t, s.CreateTable(bg, Table{Name: "v", Kind: View, Schema: intSchema("x"), ViewText: "SELECT 1 AS x"}, false, false))
	must(t, s.CreateTable(bg, Table{Name: "t2", Kind: Managed, Provider: "parquet", Schema: intSchema("a")}, false, false))
	must(t, os.MkdirAll(filepath.Join(dir, "occupied"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "occupied", "junk"), []byte("x"), 0o644))
	tests := []struct {
		name   string
		run    func() error
		class  string
		params []string
	}{
		{"get missing", func() error { _, err := s.GetTable(bg, "default", "nope"); return err },
			"TABLE_OR_VIEW_NOT_FOUND", []string{"relationName", "`spark_catalog`.`default`.`nope`", "searchPath", "[`spark_catalog`.`default`]"}},
		{"drop missing", func() error { return s.DropTable(bg, "default", "nope", false) },
			"TABLE_OR_VIEW_NOT_FOUND", []string{"relationName", "`spark_catalog`.`default`.`nope`"}},
		{"drop view missing", func() error { return s.DropView(bg, "default", "nope", false) },
			"TABLE_OR_VIEW_NOT_FOUND", nil},
		{"drop view on table", func() error { return s.DropView(bg, "default", "t", false) },
			"WRONG_COMMAND_FOR_OBJECT_TYPE", []string{"operation", "DROP VIEW", "foundType", "MANAGED", "objectName", "spark_catalog.default.t", "alternative", "DROP TABLE"}},
		{"create existing", func() error {
			return s.CreateTable(bg, Table{Name: "T", Kind: Managed, Provider: "parquet", Schema: intSchema("a")}, false, false)
		}, "TABLE_OR_VIEW_ALREADY_EXISTS", []string{"relationName", "`spark_catalog`.`default`.`T`"}},
		{"create view over table", func() error {
			return s.CreateTable(bg, Table{Name: "t", Kind: View, Schema: intSchema("x"), ViewText: "SELECT 1"}, false, false)
		}, "TABLE_OR_VIEW_ALREADY_EXISTS", []string{"relationName", "`spark_catalog`.`default`.`t`"}},
		{"replace table by view", func() error {
			return s.CreateTable(bg, Table{Name: "t", Kind: View, Schema: intSchema("x"), ViewText: "SELECT 1"}, false, true)
		}, "EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE", []string{"tableName", "`spark_catalog`.`default`.`t`", "operation", "CREATE OR REPLACE VIEW"}},
		{"invalid name", func() error {
			return s.CreateTable(bg, Table{Name: "a-b", Kind: Managed, Provider: "parquet", Schema: intSchema("a")}, false, false)
		}, "INVALID_SCHEMA_OR_RELATION_NAME", []string{"name", "`a-b`"}},
		{"duplicate column", func() error {
			return s.CreateTable(bg, Table{Name: "dup", Kind: Managed, Provider: "parquet", Schema: intSchema("a", "A")}, false, false)
		}, "COLUMN_ALREADY_EXISTS", []string{"columnName", "`a`"}},
		{"unknown partition column", func() error {
			return s.CreateTable(bg, Table{Name: "tq", Kind: Managed, Provider: "parquet", Schema: intSchema("a"), PartitionColumns: []string{"nope"}}, false, false)
		}, "COLUMN_NOT_DEFINED_IN_TABLE", []string{"colType", "partition", "colName", "`nope`", "tableName", "`spark_catalog`.`default`.`tq`", "tableCols", "`a`"}},
		{"location exists", func() error {
			return s.CreateTable(bg, Table{Name: "occupied", Kind: Managed, Provider: "parquet", Schema: intSchema("a")}, false, false)
		}, "LOCATION_ALREADY_EXISTS", []string{"identifier", "`spark_catalog`.`default`.`occupied`", "location", "'file:" + filepath.Join(s.Warehouse(), "occupied") + "'"}},
		{"rename missing", func() error { return s.RenameTable(bg, "default", "nope", "", "x") },
			"TABLE_OR_VIEW_NOT_FOUND", nil},
		{"rename onto existing", func() error { return s.RenameTable(bg, "default", "t", "default", "T2") },
			"TABLE_OR_VIEW_ALREADY_EXISTS", []string{"relationName", "`default`.`t2`"}},
		{"rename across databases", func() error { return s.RenameTable(bg, "default", "t", "other", "x") },
			"_LEGACY_ERROR_TEMP_1073", []string{"db", "default", "newDb", "other"}},
		{"write to view", func() error { _, err := s.BeginWrite(bg, "default", "v"); return err },
			"EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", []string{"operation", "INSERT", "viewName", "`spark_catalog`.`default`.`v`"}},
		{"add column twice", func() error {
			return s.AlterTable(bg, "default", "t", func(t *Table) error {
				return t.AddColumns(types.Field{Name: "A", Type: types.Long, Nullable: true})
			})
		}, "COLUMN_ALREADY_EXISTS", []string{"columnName", "`a`"}},
		{"alter missing", func() error { return s.AlterTable(bg, "default", "nope", func(*Table) error { return nil }) },
			"TABLE_OR_VIEW_NOT_FOUND", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { wantErr(t, tc.run(), tc.class, tc.params...) })
	}
	// Tolerated forms.
	must(t, s.DropTable(bg, "default", "nope", true))
	must(t, s.DropView(bg, "default", "nope", true))
	must(t, s.CreateTable(bg, Table{Name: "T", Kind: Managed, Provider: "parquet", Schema: intSchema("zzz")}, true, false))
	if tab, _ := s.GetTable(bg, "default", "t"); tab.Schema.Fields[0].Name != "a" {
		t.Fatal("IF NOT EXISTS replaced the table")
	}
	must(t, s.CreateTable(bg, Table{Name: "t", Kind: View, Schema: intSchema("x"), ViewText: "SELECT 1"}, true, false))
	// DROP TABLE drops views too.
	must(t, s.DropTable(bg, "default", "V", false))
}

func TestSchemaRoundTrip(t *testing.T) {
	s, _ := openTest(t)
	inner := types.Struct{Fields: []types.Field{
		{Name: "x", Type: types.Int, Nullable: false},
		{Name: "y", Type: types.Array{Elem: types.String, ContainsNull: true}, Nullable: true},
	}}
	all := []types.DataType{
		types.Null, types.Boolean, types.Byte, types.Short, types.Int, types.Long, types.Float, types.Double,
		types.Decimal{Precision: 10, Scale: 2}, types.Decimal{Precision: 38, Scale: 0}, types.String, types.Binary,
		types.Date, types.Timestamp, types.TimestampNTZ,
		types.DayTimeInterval{Start: types.DayField, End: types.SecondField}, types.DayTimeInterval{Start: types.HourField, End: types.HourField},
		types.YearMonthInterval{Start: types.YearField, End: types.MonthField}, types.YearMonthInterval{Start: types.MonthField, End: types.MonthField},
		types.CalendarInterval, types.Variant, types.Char{Length: 5}, types.Varchar{Length: 20},
		types.Array{Elem: types.Long, ContainsNull: false},
		types.Array{Elem: types.Array{Elem: types.Double, ContainsNull: true}, ContainsNull: true},
		types.Map{Key: types.String, Value: types.Decimal{Precision: 5, Scale: 1}, ValueContainsNull: true},
		types.Map{Key: types.Int, Value: inner, ValueContainsNull: false},
		inner,
	}
	var fields []types.Field
	for i, dt := range all {
		f := types.Field{Name: "c" + string(rune('a'+i%26)) + string(rune('0'+i/26)), Type: dt, Nullable: i%2 == 0}
		if i == 3 {
			f.Metadata = `{"comment":"a \"quoted\" comment","k":[1,2]}`
		}
		fields = append(fields, f)
	}
	schema := types.Struct{Fields: fields}
	must(t, s.CreateTable(bg, Table{Name: "all_types", Kind: Managed, Provider: "parquet", Schema: schema}, false, false))
	must(t, s.CreateTable(bg, Table{Name: "v_all", Kind: View, Schema: schema, ViewText: "SELECT * FROM all_types"}, false, false))
	for _, name := range []string{"all_types", "v_all"} {
		got, err := s.GetTable(bg, "default", name)
		must(t, err)
		if !types.Equal(got.Schema, schema) {
			t.Fatalf("%s: schema changed:\n got %s\nwant %s", name, types.ToJSON(got.Schema), types.ToJSON(schema))
		}
		for i := range schema.Fields {
			if got.Schema.Fields[i].Metadata != schema.Fields[i].Metadata {
				t.Fatalf("%s: metadata of %s: got %q want %q", name, schema.Fields[i].Name, got.Schema.Fields[i].Metadata, schema.Fields[i].Metadata)
			}
		}
	}
}

func TestTableDefinitionAndProperties(t *testing.T) {
	s, dir := openTest(t)
	created := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	must(t, s.CreateTable(bg, Table{
		Database: "default", Name: "Events", Kind: Managed, Provider: "parquet",
		Schema:           intSchema("c", "id", "a", "b"),
		PartitionColumns: []string{"C", "a"},
		Options:          map[string]string{"compression": "zstd"},
		Properties:       map[string]string{"owner.team": "x", "empty": ""},
		Comment:          "the events",
		Created:          created,
	}, false, false))
	tab, err := s.GetTable(bg, "default", "events")
	must(t, err)
	// Partition columns go last, in PARTITIONED BY order, spelled as in the schema.
	if got := tab.Schema.Names(); !eq(got, []string{"id", "b", "c", "a"}) {
		t.Fatalf("schema order %v", got)
	}
	if !eq(tab.PartitionColumns, []string{"c", "a"}) {
		t.Fatalf("partition columns %v", tab.PartitionColumns)
	}
	if tab.Location != filepath.Join(s.Warehouse(), "events") || tab.Kind != Managed || tab.Comment != "the events" ||
		!tab.Created.Equal(created) || tab.Provider != "parquet" {
		t.Fatalf("table %+v", tab)
	}
	if fi, err := os.Stat(tab.Location); err != nil || !fi.IsDir() {
		t.Fatalf("managed directory not created: %v", err)
	}
	if !reflect.DeepEqual(tab.Options, map[string]string{"compression": "zstd"}) ||
		!reflect.DeepEqual(tab.Properties, map[string]string{"owner.team": "x", "empty": ""}) {
		t.Fatalf("options %v properties %v", tab.Options, tab.Properties)
	}
	if !tab.Stats.Known || tab.Stats.NumFiles != 0 || tab.Version != 0 {
		t.Fatalf("stats %+v version %d", tab.Stats, tab.Version)
	}
	// ALTER TABLE: set/unset properties and add columns in one transaction.
	must(t, s.AlterTable(bg, "DEFAULT", "EVENTS", func(t *Table) error {
		t.SetProperties(map[string]string{"k": "v", "owner.team": "y"})
		t.UnsetProperties("empty", "not-there")
		t.Comment = "new comment"
		return t.AddColumns(types.Field{Name: "added", Type: types.Long, Nullable: true})
	}))
	tab, err = s.GetTable(bg, "default", "events")
	must(t, err)
	if got := tab.Schema.Names(); !eq(got, []string{"id", "b", "added", "c", "a"}) {
		t.Fatalf("schema after ADD COLUMNS %v", got)
	}
	if !reflect.DeepEqual(tab.Properties, map[string]string{"owner.team": "y", "k": "v"}) || tab.Comment != "new comment" {
		t.Fatalf("properties %v comment %q", tab.Properties, tab.Comment)
	}
	// A failing fn changes nothing.
	err = s.AlterTable(bg, "default", "events", func(t *Table) error {
		t.SetProperties(map[string]string{"zzz": "1"})
		return t.AddColumns(types.Field{Name: "ID", Type: types.Int})
	})
	wantErr(t, err, "COLUMN_ALREADY_EXISTS", "columnName", "`id`")
	tab, _ = s.GetTable(bg, "default", "events")
	if _, ok := tab.Properties["zzz"]; ok {
		t.Fatal("failed ALTER left a property")
	}
	// External table location, view text.
	ext := filepath.Join(dir, "ext data")
	must(t, s.CreateTable(bg, Table{Name: "x", Kind: External, Provider: "csv", Location: ext, Schema: intSchema("a"),
		Options: map[string]string{"header": "true"}}, false, false))
	must(t, s.CreateTable(bg, Table{Name: "v", Kind: View, Schema: intSchema("a"), ViewText: "SELECT a FROM x",
		Properties: map[string]string{"view.sqlConfig.spark.sql.ansi.enabled": "true"}}, false, false))
	tabs, err := s.ListTables(bg, "default", "")
	must(t, err)
	kinds := map[string]TableKind{}
	for _, tb := range tabs {
		kinds[tb.Name] = tb.Kind
	}
	if !reflect.DeepEqual(kinds, map[string]TableKind{"events": Managed, "x": External, "v": View}) {
		t.Fatalf("kinds %v", kinds)
	}
	v, _ := s.GetTable(bg, "default", "v")
	if v.ViewText != "SELECT a FROM x" || v.Location != "" || v.Properties["view.sqlConfig.spark.sql.ansi.enabled"] != "true" {
		t.Fatalf("view %+v", v)
	}
	x, _ := s.GetTable(bg, "default", "x")
	if x.Location != ext || x.Options["header"] != "true" || x.Stats.Known {
		t.Fatalf("external %+v", x)
	}
	// ALTER VIEW AS: new text and schema.
	must(t, s.AlterTable(bg, "default", "v", func(t *Table) error {
		t.ViewText = "SELECT a, a AS b FROM x"
		t.Schema = intSchema("a", "b")
		return nil
	}))
	v, _ = s.GetTable(bg, "default", "v")
	if v.ViewText != "SELECT a, a AS b FROM x" || len(v.Schema.Fields) != 2 {
		t.Fatalf("altered view %+v", v)
	}
}

func TestDropAndRenameManagedTable(t *testing.T) {
	s, dir := openTest(t)
	must(t, s.CreateTable(bg, Table{Name: "t", Kind: Managed, Provider: "parquet", Schema: intSchema("a")}, false, false))
	w, err := s.BeginWrite(bg, "default", "t")
	must(t, err)
	stage(t, w, "f.parquet", "data")
	must(t, w.Commit(bg, Append, nil))

	must(t, s.RenameTable(bg, "default", "T", "", "T_New"))
	if _, err := os.Stat(filepath.Join(dir, "t")); !os.IsNotExist(err) {
		t.Fatal("old directory still there")
	}
	tab, err := s.GetTable(bg, "default", "t_new")
	must(t, err)
	if tab.Location != filepath.Join(s.Warehouse(), "t_new") {
		t.Fatalf("location after rename %s", tab.Location)
	}
	if got := snapshotContents(t, s, "default", "t_new"); !eq(got, []string{"data"}) {
		t.Fatalf("data after rename %v", got)
	}
	// The old name is free again, with a fresh directory.
	must(t, s.CreateTable(bg, Table{Name: "t", Kind: Managed, Provider: "parquet", Schema: intSchema("a")}, false, false))
	must(t, s.DropTable(bg, "default", "t_new", false))
	if _, err := os.Stat(filepath.Join(dir, "t_new")); !os.IsNotExist(err) {
		t.Fatal("dropped table's directory still there")
	}
	// External tables keep their data when dropped.
	ext := filepath.Join(dir, "ext")
	must(t, os.MkdirAll(ext, 0o755))
	must(t, os.WriteFile(filepath.Join(ext, "a.csv"), []byte("1"), 0o644))
	must(t, s.CreateTable(bg, Table{Name: "e", Kind: External, Provider: "csv", Location: ext, Schema: intSchema("a")}, false, false))
	must(t, s.RenameTable(bg, "default", "e", "", "e2"))
	must(t, s.DropTable(bg, "default", "e2", false))
	if _, err := os.Stat(filepath.Join(ext, "a.csv")); err != nil {
		t.Fatalf("external data removed: %v", err)
	}
	// Drop then create the same name at once: the new table is empty.
	must(t, s.DropTable(bg, "default", "t", false))
	must(t, s.CreateTable(bg, Table{Name: "t", Kind: Managed, Provider: "parquet", Schema: intSchema("a")}, false, false))
	if got := snapshotContents(t, s, "default", "t"); len(got) != 0 {
		t.Fatalf("recreated table has data %v", got)
	}
}

func TestSecondStoreAndRestart(t *testing.T) {
	s1, dir := openTest(t)
	s2, err := OpenWithOptions(dir, Options{GracePeriod: -1})
	must(t, err)
	defer s2.Close()
	must(t, s1.CreateDatabase(bg, Database{Name: "shared"}, false))
	must(t, s1.CreateTable(bg, Table{Database: "shared", Name: "t", Kind: Managed, Provider: "parquet", Schema: intSchema("a")}, false, false))
	w, err := s1.BeginWrite(bg, "shared", "t")
	must(t, err)
	stage(t, w, "a.parquet", "one")
	// A Store opened while s1 has a write in progress must not touch it.
	s3, err := OpenWithOptions(dir, Options{GracePeriod: -1})
	must(t, err)
	must(t, s3.Close())
	if _, err := os.Stat(w.Dir()); err != nil {
		t.Fatalf("another Store's Open removed a live write: %v", err)
	}
	if got := snapshotContents(t, s2, "shared", "t"); len(got) != 0 {
		t.Fatalf("uncommitted data visible: %v", got)
	}
	must(t, w.Commit(bg, Append, nil))
	if got := snapshotContents(t, s2, "shared", "t"); !eq(got, []string{"one"}) {
		t.Fatalf("second store sees %v", got)
	}
	must(t, s2.AlterTable(bg, "shared", "t", func(t *Table) error { t.SetProperties(map[string]string{"p": "1"}); return nil }))
	tab, err := s1.GetTable(bg, "shared", "t")
	must(t, err)
	if tab.Properties["p"] != "1" || tab.Version != 1 || tab.Stats.NumFiles != 1 || tab.Stats.SizeInBytes != 3 || tab.Stats.NumRows != -1 {
		t.Fatalf("first store sees %+v", tab)
	}
	// Restart: everything reloads from disk.
	must(t, s1.Close())
	must(t, s2.Close())
	s4, err := Open(dir)
	must(t, err)
	defer s4.Close()
	tab, err = s4.GetTable(bg, "SHARED", "T")
	must(t, err)
	if tab.Properties["p"] != "1" || tab.Version != 1 {
		t.Fatalf("after restart %+v", tab)
	}
	if got := snapshotContents(t, s4, "shared", "t"); !eq(got, []string{"one"}) {
		t.Fatalf("after restart data %v", got)
	}
}

func TestEscapePartitionValues(t *testing.T) {
	tests := []struct{ in, esc string }{
		{"plain", "plain"},
		{"a/b", "a%2Fb"},
		{"x y", "x y"},
		{"k=v", "k%3Dv"},
		{"100%", "100%25"},
		{"a:b?c#d", "a%3Ab%3Fc%23d"},
		{"é", "é"},
		{"", DefaultPartitionName},
	}
	for _, tc := range tests {
		if got := EscapePartitionValue(tc.in); got != tc.esc {
			t.Errorf("escape %q = %q, want %q", tc.in, got, tc.esc)
		}
		if tc.in != "" {
			if got := UnescapePartitionValue(tc.esc); got != tc.in {
				t.Errorf("unescape %q = %q, want %q", tc.esc, got, tc.in)
			}
		}
	}
	spec := map[string]string{"b": "x/y", "a": "1"}
	p := PartitionPath([]string{"a", "b"}, spec)
	if p != "a=1/b=x%2Fy" {
		t.Fatalf("PartitionPath = %q", p)
	}
	if got := ParsePartitionPath(p); !reflect.DeepEqual(got, spec) {
		t.Fatalf("ParsePartitionPath = %v", got)
	}
}

func TestPartitions(t *testing.T) {
	s, _ := openTest(t)
	must(t, s.CreateTable(bg, Table{Name: "t", Kind: Managed, Provider: "parquet", Schema: intSchema("a", "p", "s"), PartitionColumns: []string{"p", "s"}}, false, false))
	must(t, s.CreateTable(bg, Table{Name: "flat", Kind: Managed, Provider: "parquet", Schema: intSchema("a")}, false, false))
	w, err := s.BeginWrite(bg, "default", "t")
	must(t, err)
	stage(t, w, "p=1/s=x/f1.parquet", "1x")
	stage(t, w, "p=2/s=y%2Fz/f2.parquet", "2yz")
	must(t, w.Commit(bg, Append, nil))
	must(t, s.AddPartitions(bg, "default", "t", []map[string]string{{"P": "3", "S": "x y"}}, nil, false))
	parts, err := s.ListPartitions(bg, "default", "T")
	must(t, err)
	want := []map[string]string{{"p": "1", "s": "x"}, {"p": "2", "s": "y/z"}, {"p": "3", "s": "x y"}}
	if !reflect.DeepEqual(parts, want) {
		t.Fatalf("partitions %v", parts)
	}
	snap, err := s.CurrentSnapshot(bg, "default", "t")
	must(t, err)
	if len(snap.Files) != 2 || !reflect.DeepEqual(snap.Files[1].Partition, map[string]string{"p": "2", "s": "y/z"}) {
		t.Fatalf("snapshot %+v", snap.Files)
	}
	tests := []struct {
		name   string
		run    func() error
		class  string
		params []string
	}{
		{"add existing", func() error {
			return s.AddPartitions(bg, "default", "t", []map[string]string{{"p": "1", "s": "x"}}, nil, false)
		}, "PARTITIONS_ALREADY_EXIST", []string{"partitionList", "PARTITION (`p` = 1, `s` = x)", "tableName", "`default`.`t`"}},
		{"add unknown column", func() error {
			return s.AddPartitions(bg, "default", "t", []map[string]string{{"q": "1"}}, nil, false)
		}, "PARTITIONS_NOT_FOUND", []string{"partitionList", "`q`", "tableName", "`spark_catalog`.`default`.`t`"}},
		{"add partial", func() error {
			return s.AddPartitions(bg, "default", "t", []map[string]string{{"p": "9"}}, nil, false)
		}, "_LEGACY_ERROR_TEMP_1232", []string{"specKeys", "p", "partitionColumnNames", "p, s"}},
		{"drop missing", func() error {
			return s.DropPartitions(bg, "default", "t", []map[string]string{{"p": "7"}, {"p": "1"}}, false)
		}, "PARTITIONS_NOT_FOUND", []string{"partitionList", "PARTITION (`p` = 7)", "tableName", "`default`.`t`"}},
		{"unpartitioned", func() error { _, err := s.ListPartitions(bg, "default", "flat"); return err },
			"INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY", []string{"name", "`spark_catalog`.`default`.`flat`"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { wantErr(t, tc.run(), tc.class, tc.params...) })
	}
	// The failed drop dropped nothing.
	if parts, _ := s.ListPartitions(bg, "default", "t"); len(parts) != 3 {
		t.Fatalf("partitions after failed drop %v", parts)
	}
	must(t, s.AddPartitions(bg, "default", "t", []map[string]string{{"p": "1", "s": "x"}}, nil, true))
	// A partial spec drops every matching partition, files included.
	must(t, s.DropPartitions(bg, "default", "t", []map[string]string{{"P": "1"}, {"p": "3"}}, false))
	parts, _ = s.ListPartitions(bg, "default", "t")
	if !reflect.DeepEqual(parts, []map[string]string{{"p": "2", "s": "y/z"}}) {
		t.Fatalf("partitions after drop %v", parts)
	}
	if got := snapshotContents(t, s, "default", "t"); !eq(got, []string{"2yz"}) {
		t.Fatalf("data after drop partition %v", got)
	}
	must(t, s.DropPartitions(bg, "default", "t", []map[string]string{{"p": "7"}}, true))
}

func TestManagedWrites(t *testing.T) {
	s, _ := openTest(t)
	must(t, s.CreateTable(bg, Table{Name: "t", Kind: Managed, Provider: "parquet", Schema: intSchema("a", "p"), PartitionColumns: []string{"p"}}, false, false))
	commit := func(mode CommitMode, static []map[string]string, files map[string]string) {
		t.Helper()
		w, err := s.BeginWrite(bg, "default", "t")
		must(t, err)
		for rel, c := range files {
			stage(t, w, rel, c)
			w.SetRows(rel, 1)
		}
		stage(t, w, "_SUCCESS", "")
		stage(t, w, "p=1/.part.crc", "crc")
		must(t, w.Commit(bg, mode, static))
		if _, err := os.Stat(w.Dir()); !os.IsNotExist(err) {
			t.Fatal("staging directory left after commit")
		}
	}
	commit(Append, nil, map[string]string{"p=1/a.parquet": "a1", "p=2/b.parquet": "b2"})
	commit(Append, nil, map[string]string{"P=1/c.parquet": "c1"})
	if got := snapshotContents(t, s, "default", "t"); !eq(got, []string{"a1", "b2", "c1"}) {
		t.Fatalf("after appends %v", got)
	}
	tab, _ := s.GetTable(bg, "default", "t")
	if tab.Version != 2 || tab.Stats.NumFiles != 3 || tab.Stats.NumRows != 3 || tab.Stats.SizeInBytes != 6 {
		t.Fatalf("table after appends %+v", tab)
	}
	// Dynamic partition overwrite replaces p=1 only.
	commit(OverwritePartitions, nil, map[string]string{"p=1/d.parquet": "d1", "p=3/e.parquet": "e3"})
	if got := snapshotContents(t, s, "default", "t"); !eq(got, []string{"b2", "d1", "e3"}) {
		t.Fatalf("after dynamic overwrite %v", got)
	}
	// A static spec clears its partition even without new files in it.
	commit(OverwritePartitions, []map[string]string{{"p": "2"}}, map[string]string{"p=3/f.parquet": "f3"})
	if got := snapshotContents(t, s, "default", "t"); !eq(got, []string{"d1", "f3"}) {
		t.Fatalf("after static overwrite %v", got)
	}
	commit(Overwrite, nil, map[string]string{"p=9/g.parquet": "g9"})
	if got := snapshotContents(t, s, "default", "t"); !eq(got, []string{"g9"}) {
		t.Fatalf("after overwrite %v", got)
	}
	// With no grace period the replaced files are gone, and only data is left.
	tab, _ = s.GetTable(bg, "default", "t")
	files := filesUnder(t, tab.Location)
	if len(files) != 1 || filepath.Dir(files[0]) != "p=9" || filepath.Ext(files[0]) != ".parquet" {
		t.Fatalf("files on disk %v", files)
	}
	if n := countRows(t, s, "garbage"); n != 0 {
		t.Fatalf("%d garbage rows left", n)
	}
	// A staged file outside the partition layout is refused and the write aborted.
	w, err := s.BeginWrite(bg, "default", "t")
	must(t, err)
	stage(t, w, "loose.parquet", "x")
	if err := w.Commit(bg, Append, nil); err == nil {
		t.Fatal("commit of a file outside partition directories succeeded")
	}
	if _, err := os.Stat(w.Dir()); !os.IsNotExist(err) {
		t.Fatal("failed commit left its staging directory")
	}
	if err := w.Commit(bg, Append, nil); err == nil {
		t.Fatal("second commit accepted")
	}
	if n := countRows(t, s, "writes"); n != 0 {
		t.Fatalf("%d writes journalled", n)
	}
}

func TestGracePeriodKeepsReplacedFiles(t *testing.T) {
	dir := t.TempDir()
	s, err := OpenWithOptions(dir, Options{GracePeriod: time.Hour})
	must(t, err)
	must(t, s.CreateTable(bg, Table{Name: "t", Kind: Managed, Provider: "parquet", Schema: intSchema("a")}, false, false))
	w, _ := s.BeginWrite(bg, "default", "t")
	stage(t, w, "a.parquet", "old")
	must(t, w.Commit(bg, Append, nil))
	old, err := s.CurrentSnapshot(bg, "default", "t")
	must(t, err)
	w, _ = s.BeginWrite(bg, "default", "t")
	stage(t, w, "b.parquet", "new")
	must(t, w.Commit(bg, Overwrite, nil))
	// A reader that planned with the old snapshot can still read it.
	if got := contents(t, old); !eq(got, []string{"old"}) {
		t.Fatalf("old snapshot %v", got)
	}
	if got := snapshotContents(t, s, "default", "t"); !eq(got, []string{"new"}) {
		t.Fatalf("new snapshot %v", got)
	}
	// A second Store opening does not delete them either (s is alive).
	s2, err := OpenWithOptions(dir, Options{GracePeriod: time.Hour})
	must(t, err)
	must(t, s2.Close())
	if got := contents(t, old); !eq(got, []string{"old"}) {
		t.Fatalf("old snapshot after second open %v", got)
	}
	// After a restart (alone on the warehouse), they are deleted.
	must(t, s.Close())
	s, err = OpenWithOptions(dir, Options{GracePeriod: time.Hour})
	must(t, err)
	defer s.Close()
	if _, err := os.Stat(old.Paths()[0]); !os.IsNotExist(err) {
		t.Fatalf("replaced file kept after restart: %v", err)
	}
}

func TestExternalTable(t *testing.T) {
	s, dir := openTest(t)
	loc := filepath.Join(dir, "ext")
	must(t, os.MkdirAll(filepath.Join(loc, "P=1"), 0o755))
	for name, c := range map[string]string{
		"P=1/x.csv": "x", "_SUCCESS": "", ".hidden": "h", "_tmp/y.csv": "y", "P=1/._COPYING_": "c",
	} {
		must(t, os.MkdirAll(filepath.Dir(filepath.Join(loc, name)), 0o755))
		must(t, os.WriteFile(filepath.Join(loc, name), []byte(c), 0o644))
	}
	must(t, s.CreateTable(bg, Table{Name: "e", Kind: External, Provider: "csv", Location: loc, Schema: intSchema("a", "p"), PartitionColumns: []string{"p"}}, false, false))
	// Like Spark, a partitioned external table reads only registered
	// partitions: none right after CREATE TABLE.
	snap, err := s.CurrentSnapshot(bg, "default", "e")
	must(t, err)
	if len(snap.Files) != 0 {
		t.Fatalf("unregistered partitions read: %+v", snap.Files)
	}
	must(t, s.AddPartitions(bg, "default", "e", []map[string]string{{"p": "1"}}, nil, false))
	snap, err = s.CurrentSnapshot(bg, "default", "e")
	must(t, err)
	if len(snap.Files) != 1 || snap.Files[0].Path != "P=1/x.csv" || !reflect.DeepEqual(snap.Files[0].Partition, map[string]string{"p": "1"}) {
		t.Fatalf("external snapshot %+v", snap.Files)
	}
	// Files written by another tool show up at the next read once their
	// partition is registered.
	must(t, os.MkdirAll(filepath.Join(loc, "p=2"), 0o755))
	must(t, os.WriteFile(filepath.Join(loc, "p=2", "z.csv"), []byte("z"), 0o644))
	if got := snapshotContents(t, s, "default", "e"); !eq(got, []string{"x"}) {
		t.Fatalf("unregistered partition read %v", got)
	}
	must(t, s.AddPartitions(bg, "default", "e", []map[string]string{{"p": "2"}}, nil, false))
	if got := snapshotContents(t, s, "default", "e"); !eq(got, []string{"x", "z"}) {
		t.Fatalf("after outside write %v", got)
	}
	// A write in progress is invisible, even after its files moved in.
	w, err := s.BeginWrite(bg, "default", "e")
	must(t, err)
	stage(t, w, "p=1/n.csv", "n")
	if got := snapshotContents(t, s, "default", "e"); !eq(got, []string{"x", "z"}) {
		t.Fatalf("staged files visible %v", got)
	}
	crashHook = func(p string) {
		if p == "moved" {
			if got := snapshotContents(t, s, "default", "e"); !eq(got, []string{"x", "z"}) {
				t.Errorf("moved but uncommitted files visible %v", got)
			}
		}
	}
	must(t, w.Commit(bg, OverwritePartitions, nil))
	crashHook = nil
	if got := snapshotContents(t, s, "default", "e"); !eq(got, []string{"n", "z"}) {
		t.Fatalf("after partition overwrite %v", got)
	}
	parts, err := s.ListPartitions(bg, "default", "e")
	must(t, err)
	if !reflect.DeepEqual(parts, []map[string]string{{"p": "1"}, {"p": "2"}}) {
		t.Fatalf("external partitions %v", parts)
	}
	w, _ = s.BeginWrite(bg, "default", "e")
	stage(t, w, "p=5/o.csv", "o")
	must(t, w.Commit(bg, Overwrite, nil))
	if got := snapshotContents(t, s, "default", "e"); !eq(got, []string{"o"}) {
		t.Fatalf("after overwrite %v", got)
	}
	// Hidden files are not data, and survive.
	if _, err := os.Stat(filepath.Join(loc, "_SUCCESS")); err != nil {
		t.Fatal("overwrite removed a hidden file")
	}
}

func TestCreateTableAsSelect(t *testing.T) {
	s, _ := openTest(t)
	tab := Table{Name: "ctas", Kind: Managed, Provider: "parquet", Schema: intSchema("a", "p"), PartitionColumns: []string{"p"}}
	w, err := s.BeginCreateTable(bg, tab, false)
	must(t, err)
	stage(t, w, "p=1/a.parquet", "a")
	if ok, _ := s.TableExists(bg, "default", "ctas"); ok {
		t.Fatal("table visible before its CTAS committed")
	}
	must(t, w.Commit(bg, Overwrite, nil))
	if got := snapshotContents(t, s, "default", "ctas"); !eq(got, []string{"a"}) {
		t.Fatalf("after CTAS %v", got)
	}
	// Without orReplace a second CTAS fails up front.
	_, err = s.BeginCreateTable(bg, tab, false)
	wantErr(t, err, "TABLE_OR_VIEW_ALREADY_EXISTS", "relationName", "`spark_catalog`.`default`.`ctas`")
	// CREATE OR REPLACE TABLE AS: the old table stays readable until the commit.
	tab.Schema = intSchema("b", "p")
	w, err = s.BeginCreateTable(bg, tab, true)
	must(t, err)
	stage(t, w, "p=2/b.parquet", "b")
	if got := snapshotContents(t, s, "default", "ctas"); !eq(got, []string{"a"}) {
		t.Fatalf("during replace %v", got)
	}
	must(t, w.Commit(bg, Overwrite, nil))
	got, err := s.GetTable(bg, "default", "ctas")
	must(t, err)
	if got.Schema.Fields[0].Name != "b" || got.Version != 1 {
		t.Fatalf("replaced table %+v", got)
	}
	if data := snapshotContents(t, s, "default", "ctas"); !eq(data, []string{"b"}) {
		t.Fatalf("after replace %v", data)
	}
	if files := filesUnder(t, got.Location); len(files) != 1 {
		t.Fatalf("files left %v", files)
	}
	// A CTAS whose table another session created meanwhile fails and leaves nothing.
	w, err = s.BeginCreateTable(bg, Table{Name: "race", Kind: Managed, Provider: "parquet", Schema: intSchema("a")}, false)
	must(t, err)
	stage(t, w, "x.parquet", "x")
	must(t, s.CreateTable(bg, Table{Name: "race", Kind: Managed, Provider: "parquet", Schema: intSchema("a")}, false, false))
	wantErr(t, w.Commit(bg, Overwrite, nil), "TABLE_OR_VIEW_ALREADY_EXISTS")
	if data := snapshotContents(t, s, "default", "race"); len(data) != 0 {
		t.Fatalf("lost CTAS data visible %v", data)
	}
	r, _ := s.GetTable(bg, "default", "race")
	if files := filesUnder(t, r.Location); len(files) != 0 {
		t.Fatalf("lost CTAS files left %v", files)
	}
	// Aborted CTAS leaves no directory behind.
	w, err = s.BeginCreateTable(bg, Table{Name: "aborted", Kind: Managed, Provider: "parquet", Schema: intSchema("a")}, false)
	must(t, err)
	stage(t, w, "x.parquet", "x")
	must(t, w.Abort())
	if _, err := os.Stat(filepath.Join(s.Warehouse(), "aborted")); !os.IsNotExist(err) {
		t.Fatalf("aborted CTAS left its directory: %v", err)
	}
}

func TestCommitToDroppedTableFails(t *testing.T) {
	s, _ := openTest(t)
	must(t, s.CreateTable(bg, Table{Name: "t", Kind: Managed, Provider: "parquet", Schema: intSchema("a")}, false, false))
	w, err := s.BeginWrite(bg, "default", "t")
	must(t, err)
	stage(t, w, "a.parquet", "a")
	must(t, s.DropTable(bg, "default", "t", false))
	must(t, s.CreateTable(bg, Table{Name: "t", Kind: Managed, Provider: "parquet", Schema: intSchema("a")}, false, false))
	wantErr(t, w.Commit(bg, Append, nil), "TABLE_OR_VIEW_NOT_FOUND")
	if got := snapshotContents(t, s, "default", "t"); len(got) != 0 {
		t.Fatalf("write to the dropped table landed in the new one: %v", got)
	}
	tab, _ := s.GetTable(bg, "default", "t")
	if files := filesUnder(t, tab.Location); len(files) != 0 {
		t.Fatalf("files left %v", files)
	}
	var names []string
	for _, n := range []string{"writes", "intents", "garbage"} {
		if countRows(t, s, n) != 0 {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	if len(names) > 0 {
		t.Fatalf("journal rows left in %v", names)
	}
}

func TestCreateExternalTableAsSelect(t *testing.T) {
	s, dir := openTest(t)
	loc := filepath.Join(dir, "out")
	must(t, os.MkdirAll(loc, 0o755))
	must(t, os.WriteFile(filepath.Join(loc, "stale.csv"), []byte("stale"), 0o644))
	must(t, os.WriteFile(filepath.Join(loc, "_SUCCESS"), nil, 0o644))
	w, err := s.BeginCreateTable(bg, Table{Name: "e", Kind: External, Provider: "csv", Location: loc, Schema: intSchema("a")}, false)
	must(t, err)
	stage(t, w, "part-0.csv", "fresh")
	must(t, w.Commit(bg, Overwrite, nil))
	if got := snapshotContents(t, s, "default", "e"); !eq(got, []string{"fresh"}) {
		t.Fatalf("external CTAS snapshot %v", got)
	}
	if got := filesUnder(t, loc); len(got) != 2 { // the new file and _SUCCESS
		t.Fatalf("files %v", got)
	}
	// Dropping it keeps the data; re-declaring it over the data reads it.
	must(t, s.DropTable(bg, "default", "e", false))
	must(t, s.CreateTable(bg, Table{Name: "e", Kind: External, Provider: "csv", Location: loc, Schema: intSchema("a")}, false, false))
	if got := snapshotContents(t, s, "default", "e"); !eq(got, []string{"fresh"}) {
		t.Fatalf("re-declared external table %v", got)
	}
}
