package sql

import (
	"reflect"
	"testing"

	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

func TestParseStatementCommands(t *testing.T) {
	cases := []struct {
		in   string
		want Statement
	}{
		{"SET", &SetCommand{}},
		{"SET -v", &SetCommand{Verbose: true}},
		{"SET spark.sql.shuffle.partitions=10", &SetCommand{Key: "spark.sql.shuffle.partitions", Value: "10", HasKey: true, HasValue: true}},
		{"set spark.sql.ansi.enabled = false ;", &SetCommand{Key: "spark.sql.ansi.enabled", Value: "false", HasKey: true, HasValue: true}},
		{"SET spark.sql.session.timeZone", &SetCommand{Key: "spark.sql.session.timeZone", HasKey: true}},
		{"SET `a b` = `c d`", &SetCommand{Key: "a b", Value: "c d", HasKey: true, HasValue: true}},
		{"SET a.b = `x;y`", &SetCommand{Key: "a.b", Value: "x;y", HasKey: true, HasValue: true}},
		{"SET k = a b c", &SetCommand{Key: "k", Value: "a b c", HasKey: true, HasValue: true}},
		{"SET TIME ZONE 'America/Los_Angeles'", &SetTimeZone{Zone: "America/Los_Angeles"}},
		{"SET TIME ZONE LOCAL", &SetTimeZone{Local: true}},
		{"RESET", &ResetCommand{}},
		{"RESET spark.sql.shuffle.partitions", &ResetCommand{Key: "spark.sql.shuffle.partitions"}},
		{"USE db", &UseNamespace{Name: []string{"db"}}},
		{"USE DATABASE db", &UseNamespace{Name: []string{"db"}}},
		{"USE NAMESPACE cat.db", &UseNamespace{Name: []string{"cat", "db"}}},
		{"DROP VIEW v", &DropView{Name: []string{"v"}}},
		{"DROP VIEW IF EXISTS global_temp.v", &DropView{Name: []string{"global_temp", "v"}, IfExists: true}},
		{"CREATE TEMPORARY VIEW v USING parquet OPTIONS (path '/tmp/x')",
			&CreateTempViewUsing{Name: []string{"v"}, Provider: "parquet", Options: map[string]string{"path": "/tmp/x"}}},
		{"CREATE DATABASE IF NOT EXISTS db COMMENT 'c' LOCATION '/x' WITH DBPROPERTIES ('a'='b')",
			&CreateNamespace{Name: []string{"db"}, IfNotExists: true, Comment: "c", Location: "/x", Properties: map[string]string{"a": "b"}}},
		{"CREATE SCHEMA s", &CreateNamespace{Name: []string{"s"}}},
		{"DROP DATABASE IF EXISTS db CASCADE", &DropNamespace{Name: []string{"db"}, IfExists: true, Cascade: true}},
		{"DROP TABLE IF EXISTS t PURGE", &DropTable{Name: []string{"t"}, IfExists: true, Purge: true}},
		{"SHOW TABLES", &ShowTables{}},
		{"SHOW TABLES IN db LIKE 'a*'", &ShowTables{Namespace: []string{"db"}, Pattern: "a*"}},
		{"SHOW TABLES 'a*'", &ShowTables{Pattern: "a*"}},
		{"SHOW VIEWS FROM db", &ShowViews{Namespace: []string{"db"}}},
		{"SHOW DATABASES", &ShowNamespaces{}},
		{"SHOW SCHEMAS LIKE 'x'", &ShowNamespaces{Pattern: "x"}},
		{"SHOW COLUMNS FROM t IN db", &ShowColumns{Table: []string{"t"}, Namespace: []string{"db"}}},
		{"SHOW FUNCTIONS", &ShowFunctions{}},
		{"SHOW USER FUNCTIONS LIKE 'f*'", &ShowFunctions{Scope: "user", Pattern: "f*"}},
		{"SHOW CURRENT NAMESPACE", &ShowCurrentNamespace{}},
		{"SHOW CATALOGS", &ShowCatalogs{}},
		{"SHOW CREATE TABLE t", &ShowCreateTable{Name: []string{"t"}}},
		{"SHOW TBLPROPERTIES t ('k')", &ShowTblProperties{Name: []string{"t"}, Key: "k"}},
		{"DESCRIBE t", &DescribeTable{Name: []string{"t"}}},
		{"DESC TABLE EXTENDED db.t", &DescribeTable{Name: []string{"db", "t"}, Extended: true}},
		{"DESCRIBE t a.b", &DescribeTable{Name: []string{"t"}, Column: []string{"a", "b"}}},
		{"DESC FUNCTION EXTENDED abs", &DescribeFunction{Name: "abs", Extended: true}},
		{"DESC DATABASE db", &DescribeNamespace{Name: []string{"db"}}},
		{"CREATE FUNCTION f AS 'x'", &CreateFunction{Name: []string{"f"}, ClassName: "x"}},
		{"CREATE OR REPLACE FUNCTION db.f AS 'a.B' USING JAR 'j.jar', FILE 'f', ARCHIVE 'a.zip'", &CreateFunction{
			Name: []string{"db", "f"}, ClassName: "a.B", OrReplace: true,
			Resources: []FunctionResource{{"jar", "j.jar"}, {"file", "f"}, {"archive", "a.zip"}}}},
		{"CREATE TEMPORARY FUNCTION f AS 'x'", &CreateFunction{Name: []string{"f"}, ClassName: "x", Temporary: true}},
		{"CREATE FUNCTION IF NOT EXISTS f AS 'x'", &CreateFunction{Name: []string{"f"}, ClassName: "x", IfNotExists: true}},
		{"DROP FUNCTION IF EXISTS db.f", &DropFunction{Name: []string{"db", "f"}, IfExists: true}},
		{"DROP TEMPORARY FUNCTION f", &DropFunction{Name: []string{"f"}, Temporary: true}},
		{"CACHE TABLE t", &CacheTable{Name: []string{"t"}}},
		{"UNCACHE TABLE IF EXISTS t", &UncacheTable{Name: []string{"t"}, IfExists: true}},
		{"CLEAR CACHE", &ClearCache{}},
		{"REFRESH TABLE t", &RefreshTable{Name: []string{"t"}}},
		{"REFRESH '/path'", &RefreshResource{Path: "/path"}},
		{"TRUNCATE TABLE t", &TruncateTable{Name: []string{"t"}}},
	}
	for _, c := range cases {
		got, err := ParseStatement(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q:\n got  %#v\n want %#v", c.in, got, c.want)
		}
	}
}

func TestParseStatementWithQueries(t *testing.T) {
	cases := []struct{ in, want string }{
		{"SELECT 1", "Project[1]"},
		{"EXPLAIN SELECT 1", "Explain[simple](Project[1])"},
		{"EXPLAIN EXTENDED SELECT * FROM t", "Explain[extended](Project[*](Table[t]))"},
		{"EXPLAIN FORMATTED SELECT 1", "Explain[formatted](Project[1])"},
		{"DESCRIBE QUERY SELECT 1", "DescribeQuery(Project[1])"},
		{"DESC SELECT 1", "DescribeQuery(Project[1])"},
	}
	for _, c := range cases {
		got, err := ParseStatement(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if s := FormatStatement(got); s != c.want {
			t.Errorf("%q: got %s want %s", c.in, s, c.want)
		}
	}
}

func TestCreateView(t *testing.T) {
	s, err := ParseStatement("CREATE OR REPLACE GLOBAL TEMP VIEW v (a COMMENT 'x', b) AS SELECT 1, 2 FROM t")
	if err != nil {
		t.Fatal(err)
	}
	v := s.(*CreateView)
	if !v.OrReplace || !v.Global || !v.Temporary || v.IfNotExists || !reflect.DeepEqual(v.Name, []string{"v"}) ||
		!reflect.DeepEqual(v.Columns, []ViewColumn{{Name: "a", Comment: "x", HasComment: true}, {Name: "b"}}) ||
		v.QueryText != "SELECT 1, 2 FROM t" || FormatRelation(v.Query) != "Project[1, 2](Table[t])" {
		t.Fatalf("got %+v", v)
	}
	s, err = ParseStatement("CREATE VIEW IF NOT EXISTS db.v COMMENT 'c' TBLPROPERTIES ('k'='v') AS SELECT 1")
	if err != nil {
		t.Fatal(err)
	}
	v = s.(*CreateView)
	if v.Temporary || !v.IfNotExists || v.Comment != "c" || v.Properties["k"] != "v" {
		t.Fatalf("got %+v", v)
	}
}

func TestCreateTableAndInsert(t *testing.T) {
	s, err := ParseStatement("CREATE TABLE IF NOT EXISTS db.t (a INT NOT NULL, b STRING COMMENT 'x' DEFAULT 'y') USING parquet PARTITIONED BY (a) LOCATION '/p' OPTIONS ('k' = 'v')")
	if err != nil {
		t.Fatal(err)
	}
	ct := s.(*CreateTable)
	if !ct.IfNotExists || ct.Provider != "parquet" || ct.Location != "/p" || ct.Options["k"] != "v" ||
		!reflect.DeepEqual(ct.PartitionBy, []string{"a"}) || len(ct.Columns) != 2 ||
		ct.Columns[0].Field != (types.Field{Name: "a", Type: types.Int, Nullable: false}) ||
		ct.Columns[1].Field.Metadata != `{"comment":"x"}` || ct.Columns[1].DefaultText != "'y'" {
		t.Fatalf("got %+v", ct)
	}
	s, err = ParseStatement("CREATE OR REPLACE TABLE t USING delta AS SELECT 1 AS a")
	if err != nil {
		t.Fatal(err)
	}
	ct = s.(*CreateTable)
	if !ct.OrReplace || ct.Columns != nil || FormatRelation(ct.Query) != "Project[1 AS a]" {
		t.Fatalf("got %+v", ct)
	}
	s, err = ParseStatement("INSERT OVERWRITE TABLE t PARTITION (p = 1, q) (a, b) SELECT * FROM s")
	if err != nil {
		t.Fatal(err)
	}
	ins := s.(*InsertInto)
	if !ins.Overwrite || !reflect.DeepEqual(ins.Table, []string{"t"}) || !reflect.DeepEqual(ins.Columns, []string{"a", "b"}) ||
		len(ins.Partition) != 2 || ins.Partition["q"] != nil || FormatExpr(ins.Partition["p"]) != "1" ||
		FormatRelation(ins.Query) != "Project[*](Table[s])" {
		t.Fatalf("got %+v", ins)
	}
	s, err = ParseStatement("WITH c AS (SELECT 1) INSERT INTO t BY NAME SELECT * FROM c")
	if err != nil {
		t.Fatal(err)
	}
	ins = s.(*InsertInto)
	if !ins.ByName || FormatRelation(ins.Query) != "With[c = Project[1]](Project[*](Table[c]))" {
		t.Fatalf("got %+v", ins)
	}
	s, err = ParseStatement("INSERT INTO t VALUES (1, 'a'), (2, 'b')")
	if err != nil {
		t.Fatal(err)
	}
	if got := FormatRelation(s.(*InsertInto).Query); got != "Values[(1, 'a'), (2, 'b')]" {
		t.Fatal(got)
	}
}

func TestUnsupportedStatements(t *testing.T) {
	for _, in := range []string{
		"DELETE FROM t WHERE a = 1",
		"MERGE INTO t USING s ON t.a = s.a WHEN MATCHED THEN DELETE",
		"CREATE MACRO m() 1",
		"SET VAR x = 1",
		"SELECT * FROM t VERSION AS OF 1",
	} {
		_, err := ParseStatement(in)
		if err == nil {
			t.Errorf("%q: want an error", in)
			continue
		}
		if se, _ := err.(interface{ Error() string }); se == nil {
			t.Errorf("%q: %v", in, err)
		}
	}
}

func TestCreateFunctionErrors(t *testing.T) {
	for _, tc := range []struct{ in, class string }{
		{"CREATE OR REPLACE FUNCTION IF NOT EXISTS f AS 'x'", "INVALID_SQL_SYNTAX.CREATE_ROUTINE_WITH_IF_NOT_EXISTS_AND_REPLACE"},
		{"CREATE TEMPORARY FUNCTION IF NOT EXISTS f AS 'x'", "INVALID_SQL_SYNTAX.CREATE_TEMP_FUNC_WITH_IF_NOT_EXISTS"},
	} {
		_, err := ParseStatement(tc.in)
		se, ok := sparkerr.As(err)
		if !ok || se.Class != tc.class {
			t.Errorf("%q: got %v, want %s", tc.in, err, tc.class)
		}
	}
}

func TestParseBucketSpec(t *testing.T) {
	cases := []struct {
		in   string
		want *BucketSpec
		err  string // error class, when the statement is refused
	}{
		{"CREATE TABLE t (a INT, b STRING) USING parquet CLUSTERED BY (a) INTO 4 BUCKETS",
			&BucketSpec{NumBuckets: 4, Columns: []string{"a"}}, ""},
		{"CREATE TABLE t (a INT, b STRING) USING parquet PARTITIONED BY (b) CLUSTERED BY (a, b) SORTED BY (b ASC, a) INTO 2 BUCKETS LOCATION '/x'",
			&BucketSpec{NumBuckets: 2, Columns: []string{"a", "b"}, SortColumns: []string{"b", "a"}}, ""},
		{"CREATE TABLE t USING parquet CLUSTERED BY (a) INTO 0 BUCKETS AS SELECT 1 AS a",
			&BucketSpec{NumBuckets: 0, Columns: []string{"a"}}, ""},
		{"CREATE TABLE t (a INT) USING parquet", nil, ""},
		{"CREATE TABLE t (a INT, b INT, p INT) USING parquet PARTITIONED BY (p, bucket(3, a, b))",
			&BucketSpec{NumBuckets: 3, Columns: []string{"a", "b"}}, ""},
		{"CREATE TABLE t (a INT, p INT) USING parquet PARTITIONED BY (years(p))", nil, "UNSUPPORTED_FEATURE.EMBER"},
		{"CREATE TABLE t (a INT) USING parquet CLUSTERED BY (a) SORTED BY (a DESC) INTO 2 BUCKETS", nil, "_LEGACY_ERROR_TEMP_0035"},
		{"CREATE TABLE t (a INT) USING parquet CLUSTERED BY (a) INTO BUCKETS", nil, "PARSE_SYNTAX_ERROR"},
	}
	for _, c := range cases {
		got, err := ParseStatement(c.in)
		if c.err != "" {
			se, ok := sparkerr.As(err)
			if !ok || se.Class != c.err {
				t.Errorf("%s: want %s, got %v", c.in, c.err, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		ct, ok := got.(*CreateTable)
		if !ok {
			t.Errorf("%s: got %T", c.in, got)
			continue
		}
		if !reflect.DeepEqual(ct.Bucket, c.want) {
			t.Errorf("%s: bucket %+v, want %+v", c.in, ct.Bucket, c.want)
		}
	}
}
