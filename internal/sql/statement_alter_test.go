package sql

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

func pv(col, val string) PartitionValue {
	return PartitionValue{Column: col, Value: val, HasValue: true}
}

func TestParseAlterAndPartitionStatements(t *testing.T) {
	cases := []struct {
		in   string
		want Statement
	}{
		// ALTER DATABASE | SCHEMA | NAMESPACE
		{"ALTER DATABASE db SET DBPROPERTIES ('a'='b', c = 1)",
			&AlterNamespace{Name: []string{"db"}, Properties: map[string]string{"a": "b", "c": "1"}}},
		{"alter schema db set properties ('comment' 'x');",
			&AlterNamespace{Name: []string{"db"}, Properties: map[string]string{"comment": "x"}}},
		{"ALTER NAMESPACE cat.db SET LOCATION '/p'",
			&AlterNamespace{Name: []string{"cat", "db"}, Location: "/p", HasLocation: true}},

		// RENAME
		{"ALTER TABLE db.t RENAME TO db.u", &AlterTableRename{Name: []string{"db", "t"}, NewName: []string{"db", "u"}}},
		{"ALTER VIEW v RENAME TO `x y`", &AlterTableRename{Name: []string{"v"}, NewName: []string{"x y"}, IsView: true}},

		// ADD COLUMNS
		{"ALTER TABLE t ADD COLUMN c INT", &AlterTableAddColumns{Name: []string{"t"}, Columns: []ColumnDef{
			{Field: types.Field{Name: "c", Type: types.Int, Nullable: true}}}}},
		{"ALTER TABLE t ADD COLUMNS (c INT NOT NULL COMMENT 'x', d STRING)", &AlterTableAddColumns{Name: []string{"t"}, Columns: []ColumnDef{
			{Field: types.Field{Name: "c", Type: types.Int, Metadata: `{"comment":"x"}`}},
			{Field: types.Field{Name: "d", Type: types.String, Nullable: true}}}}},
		{"ALTER TABLE t ADD COLUMNS c INT, d BIGINT", &AlterTableAddColumns{Name: []string{"t"}, Columns: []ColumnDef{
			{Field: types.Field{Name: "c", Type: types.Int, Nullable: true}},
			{Field: types.Field{Name: "d", Type: types.Long, Nullable: true}}}}},

		// TBLPROPERTIES
		{"ALTER TABLE t SET TBLPROPERTIES ('a'='b', c.d=true, e=1.5)",
			&AlterTableSetProperties{Name: []string{"t"}, Properties: map[string]string{"a": "b", "c.d": "true", "e": "1.5"}}},
		{"ALTER VIEW v SET TBLPROPERTIES ('comment'='x')",
			&AlterTableSetProperties{Name: []string{"v"}, Properties: map[string]string{"comment": "x"}, IsView: true}},
		{"ALTER TABLE t UNSET TBLPROPERTIES ('a', b.c)",
			&AlterTableUnsetProperties{Name: []string{"t"}, Keys: []string{"a", "b.c"}}},
		{"ALTER VIEW v UNSET TBLPROPERTIES IF EXISTS ('a')",
			&AlterTableUnsetProperties{Name: []string{"v"}, Keys: []string{"a"}, IfExists: true, IsView: true}},

		// ADD / DROP PARTITION
		{"ALTER TABLE t ADD PARTITION (p=1)",
			&AlterTableAddPartition{Name: []string{"t"}, Specs: []PartitionSpec{{pv("p", "1")}}, Locations: []string{""}}},
		{"ALTER TABLE t ADD IF NOT EXISTS PARTITION (p=1, q='a') LOCATION '/x' PARTITION (p=2, q='b')",
			&AlterTableAddPartition{Name: []string{"t"}, IfNotExists: true,
				Specs:     []PartitionSpec{{pv("p", "1"), pv("q", "a")}, {pv("p", "2"), pv("q", "b")}},
				Locations: []string{"/x", ""}}},
		{"ALTER TABLE t DROP PARTITION (p=1)",
			&AlterTableDropPartition{Name: []string{"t"}, Specs: []PartitionSpec{{pv("p", "1")}}}},
		{"ALTER TABLE t DROP IF EXISTS PARTITION (p=1), PARTITION (p=2) PURGE",
			&AlterTableDropPartition{Name: []string{"t"}, Specs: []PartitionSpec{{pv("p", "1")}, {pv("p", "2")}}, IfExists: true, Purge: true}},

		// RECOVER PARTITIONS / MSCK REPAIR TABLE
		{"ALTER TABLE t RECOVER PARTITIONS", &RecoverPartitions{Name: []string{"t"}}},
		{"MSCK REPAIR TABLE db.t", &RecoverPartitions{Name: []string{"db", "t"}}},
		{"REPAIR TABLE t SYNC PARTITIONS", &RecoverPartitions{Name: []string{"t"}, Option: "SYNC"}},
		{"msck repair table t drop partitions", &RecoverPartitions{Name: []string{"t"}, Option: "DROP"}},
		{"MSCK REPAIR TABLE t ADD PARTITIONS", &RecoverPartitions{Name: []string{"t"}, Option: "ADD"}},

		// SET LOCATION
		{"ALTER TABLE t SET LOCATION '/new'", &AlterTableSetLocation{Name: []string{"t"}, Location: "/new"}},
		{"ALTER TABLE t PARTITION (p=1) SET LOCATION '/new'",
			&AlterTableSetLocation{Name: []string{"t"}, Location: "/new", Partition: PartitionSpec{pv("p", "1")}}},

		// ANALYZE
		{"ANALYZE TABLE t COMPUTE STATISTICS", &AnalyzeTable{Name: []string{"t"}}},
		{"ANALYZE TABLE db.t PARTITION (p=1, q) COMPUTE STATISTICS NOSCAN",
			&AnalyzeTable{Name: []string{"db", "t"}, NoScan: true, Partition: PartitionSpec{pv("p", "1"), {Column: "q"}}}},
		{"ANALYZE TABLE t COMPUTE STATISTICS noscan", &AnalyzeTable{Name: []string{"t"}, NoScan: true}},
		{"ANALYZE TABLE t COMPUTE STATISTICS FOR COLUMNS a, b", &AnalyzeTable{Name: []string{"t"}, Columns: []string{"a", "b"}}},
		{"ANALYZE TABLE t PARTITION (p=1) COMPUTE STATISTICS FOR ALL COLUMNS", &AnalyzeTable{Name: []string{"t"}, AllColumns: true}},
		{"ANALYZE TABLES COMPUTE STATISTICS", &AnalyzeTable{AllTables: true}},
		{"ANALYZE TABLES IN db COMPUTE STATISTICS NOSCAN", &AnalyzeTable{AllTables: true, Namespace: []string{"db"}, NoScan: true}},
		{"ANALYZE TABLES FROM cat.db COMPUTE STATISTICS", &AnalyzeTable{AllTables: true, Namespace: []string{"cat", "db"}}},

		// SHOW TABLE EXTENDED
		{"SHOW TABLE EXTENDED LIKE 'a*'", &ShowTableExtended{Pattern: "a*"}},
		{"SHOW TABLE EXTENDED IN db LIKE 't' PARTITION (p=1)",
			&ShowTableExtended{Namespace: []string{"db"}, Pattern: "t", Partition: PartitionSpec{pv("p", "1")}}},

		// CREATE TABLE LIKE
		{"CREATE TABLE t2 LIKE t", &CreateTableLike{Name: []string{"t2"}, Source: []string{"t"}}},
		{"CREATE TABLE IF NOT EXISTS db.t2 LIKE db.t USING parquet LOCATION '/x' TBLPROPERTIES ('a'='b')",
			&CreateTableLike{Name: []string{"db", "t2"}, Source: []string{"db", "t"}, IfNotExists: true,
				Provider: "parquet", Location: "/x", Properties: map[string]string{"a": "b"}}},

		// PARTITION on TRUNCATE / DESCRIBE / SHOW PARTITIONS
		{"TRUNCATE TABLE t PARTITION (p=1)", &TruncateTable{Name: []string{"t"}, Partition: PartitionSpec{pv("p", "1")}}},
		{"DESCRIBE t PARTITION (p=1)", &DescribeTable{Name: []string{"t"}, Partition: PartitionSpec{pv("p", "1")}}},
		{"DESC EXTENDED db.t PARTITION (p=1, q='x')",
			&DescribeTable{Name: []string{"db", "t"}, Extended: true, Partition: PartitionSpec{pv("p", "1"), pv("q", "x")}}},
		{"SHOW PARTITIONS t", &ShowPartitions{Name: []string{"t"}}},
		{"SHOW PARTITIONS t PARTITION (p=1)", &ShowPartitions{Name: []string{"t"}, Partition: PartitionSpec{pv("p", "1")}}},
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

// TestPartitionValues checks the string Spark makes of each kind of
// literal in a partition spec (values recorded from Spark 4.2).
func TestPartitionValues(t *testing.T) {
	s, err := ParseStatement("SHOW PARTITIONS t PARTITION (a=1, b=1.50, c=-3, d=1L, e=1e3, f=1.5D, " +
		"g=DATE'2024-1-1', h=TRUE, i=NULL, j='x' 'y', k=TIMESTAMP_NTZ'2024-01-01 10:00:00.500', l=X'4142', " +
		"m=0.0000001, n=1.5BD, o=2S, q=01, r=1.0E-5D, s=123456789012D, `u v`=false, w=TIMESTAMP'2024-01-01 10:00:00', " +
		"x==2147483648, y=-0.0D, z=1.5F)")
	if err != nil {
		t.Fatal(err)
	}
	want := PartitionSpec{
		pv("a", "1"), pv("b", "1.50"), pv("c", "-3"), pv("d", "1"), pv("e", "1000.0"), pv("f", "1.5"),
		pv("g", "2024-01-01"), pv("h", "true"), {Column: "i", HasValue: true, IsNull: true}, pv("j", "xy"),
		pv("k", "2024-01-01 10:00:00.5"), pv("l", "AB"), pv("m", "0.0000001"), pv("n", "1.5"), pv("o", "2"),
		pv("q", "1"), pv("r", "1.0E-5"), pv("s", "1.23456789012E11"), pv("u v", "false"),
		pv("w", "2024-01-01 10:00:00"), pv("x", "2147483648"), pv("y", "-0.0"), pv("z", "1.5"),
	}
	got := s.(*ShowPartitions).Partition
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %+v\nwant %+v", got, want)
	}
}

func TestAlterAddColumnsDefault(t *testing.T) {
	s, err := ParseStatement("ALTER TABLE t ADD COLUMNS (d STRING DEFAULT 'y' COMMENT 'c')")
	if err != nil {
		t.Fatal(err)
	}
	a := s.(*AlterTableAddColumns)
	if len(a.Columns) != 1 || a.Columns[0].DefaultText != "'y'" || a.Columns[0].Default == nil ||
		a.Columns[0].Field.Metadata != `{"comment":"c"}` {
		t.Fatalf("got %+v", a)
	}
}

func TestAlterViewAs(t *testing.T) {
	for in, text := range map[string]string{
		"ALTER VIEW db.v AS SELECT a FROM t WHERE a > 1;": "SELECT a FROM t WHERE a > 1",
		"ALTER VIEW db.v SELECT a FROM t WHERE a > 1":     "SELECT a FROM t WHERE a > 1",
	} {
		s, err := ParseStatement(in)
		if err != nil {
			t.Fatal(err)
		}
		v := s.(*AlterViewAs)
		if !reflect.DeepEqual(v.Name, []string{"db", "v"}) || v.QueryText != text ||
			FormatRelation(v.Query) != "Project[a](Filter[>(a, 1)](Table[t]))" {
			t.Fatalf("%q: got %+v (%s)", in, v, FormatRelation(v.Query))
		}
	}
	s, err := ParseStatement("EXPLAIN ALTER TABLE t RENAME TO u")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.(*Explain).Stmt.(*AlterTableRename); !ok {
		t.Fatalf("got %#v", s)
	}
}

// TestAlterStatementErrors checks error classes and, where given, Spark
// 4.2's message text (the part after the class).
func TestAlterStatementErrors(t *testing.T) {
	cases := []struct {
		in, class, msg string
	}{
		// syntax errors
		{"ALTER TABLE t RENAME x", "PARSE_SYNTAX_ERROR", "Syntax error at or near 'x'. SQLSTATE: 42601 (line 1, pos 21)"},
		{"ALTER VIEW v RENAME x", "PARSE_SYNTAX_ERROR", "Syntax error at or near 'x': missing 'TO'."},
		{"ALTER TABLE t RENAME TO", "PARSE_SYNTAX_ERROR", "Syntax error at or near end of input."},
		{"ALTER TABLE t FOO", "PARSE_SYNTAX_ERROR", "Syntax error at or near 'FOO'. SQLSTATE: 42601 (line 1, pos 14)"},
		{"ALTER t", "PARSE_SYNTAX_ERROR", "Syntax error at or near 't'."},
		{"ALTER DATABASE db SET OWNER TO x", "PARSE_SYNTAX_ERROR", "Syntax error at or near 'OWNER'."},
		{"ALTER TABLE t ADD", "PARSE_SYNTAX_ERROR", "Syntax error at or near end of input."},
		{"ALTER TABLE t ADD IF EXISTS PARTITION (a=1)", "PARSE_SYNTAX_ERROR", "Syntax error at or near 'EXISTS': missing {'!', 'NOT'}."},
		{"ALTER TABLE t ADD PARTITION (a=1), PARTITION (a=2)", "PARSE_SYNTAX_ERROR", "Syntax error at or near ','."},
		{"ALTER TABLE t DROP PARTITION (a=1) PARTITION (a=2)", "PARSE_SYNTAX_ERROR", "Syntax error at or near 'PARTITION'."},
		{"ALTER TABLE t ADD PARTITION (a) LOCATION", "PARSE_SYNTAX_ERROR", "Syntax error at or near end of input."},
		{"ALTER TABLE t RECOVER", "PARSE_SYNTAX_ERROR", "Syntax error at or near end of input: missing 'PARTITIONS'."},
		{"ALTER TABLE t UNSET ('a')", "PARSE_SYNTAX_ERROR", "Syntax error at or near '(': missing 'TBLPROPERTIES'."},
		{"ALTER TABLE t UNSET TBLPROPERTIES IF ('a')", "PARSE_SYNTAX_ERROR", "Syntax error at or near '(': missing 'EXISTS'."},
		{"ALTER VIEW v SET LOCATION '/x'", "PARSE_SYNTAX_ERROR", "Syntax error at or near 'LOCATION'."},
		{"ALTER VIEW v AS", "PARSE_SYNTAX_ERROR", "Syntax error at or near end of input."},
		{"ALTER TABLE t ADD COLUMNS (c INT GENERATED ALWAYS AS (1))", "PARSE_SYNTAX_ERROR", "Syntax error at or near 'GENERATED'."},
		{"ANALYZE t", "PARSE_SYNTAX_ERROR", "Syntax error at or near 't'."},
		{"ANALYZE TABLE t", "PARSE_SYNTAX_ERROR", "Syntax error at or near end of input."},
		{"ANALYZE TABLE t COMPUTE", "PARSE_SYNTAX_ERROR", "Syntax error at or near end of input: missing 'STATISTICS'."},
		{"ANALYZE TABLE t COMPUTE STATS", "PARSE_SYNTAX_ERROR", "Syntax error at or near 'STATS': missing 'STATISTICS'."},
		{"ANALYZE TABLE t COMPUTE STATISTICS FOR ALL", "PARSE_SYNTAX_ERROR", "Syntax error at or near end of input: missing 'COLUMNS'."},
		{"ANALYZE TABLE t COMPUTE STATISTICS FOR COLUMNS a.b", "PARSE_SYNTAX_ERROR", "Syntax error at or near '.'."},
		{"MSCK TABLE t", "PARSE_SYNTAX_ERROR", "Syntax error at or near 'TABLE': missing 'REPAIR'."},
		{"REPAIR t", "PARSE_SYNTAX_ERROR", "Syntax error at or near 't': missing 'TABLE'."},
		{"MSCK REPAIR TABLE t ADD", "PARSE_SYNTAX_ERROR", "Syntax error at or near end of input: missing 'PARTITIONS'."},
		{"SHOW TABLE EXTENDED 'a*'", "PARSE_SYNTAX_ERROR", "Syntax error at or near ''a*''."},
		{"SHOW TABLE EXTENDED IN db 'x'", "PARSE_SYNTAX_ERROR", "Syntax error at or near ''x'': missing 'LIKE'."},
		{"CREATE OR REPLACE TABLE t2 LIKE t", "PARSE_SYNTAX_ERROR", "Syntax error at or near 'LIKE'."},
		{"CREATE EXTERNAL TABLE t2 LIKE t", "PARSE_SYNTAX_ERROR", "Syntax error at or near 'LIKE'."},
		{"CREATE TABLE t2 LIKE", "PARSE_SYNTAX_ERROR", "Syntax error at or near end of input."},

		// bad partition specs
		{"SHOW PARTITIONS t PARTITION ()", "PARSE_SYNTAX_ERROR", "Syntax error at or near ')'."},
		{"SHOW PARTITIONS t PARTITION (a=1", "PARSE_SYNTAX_ERROR", "Syntax error at or near end of input."},
		{"SHOW PARTITIONS t PARTITION a=1", "PARSE_SYNTAX_ERROR", "Syntax error at or near 'a': missing '('."},
		{"SHOW PARTITIONS t PARTITION (a=b)", "PARSE_SYNTAX_ERROR", "Syntax error at or near ')'."},
		{"SHOW PARTITIONS t PARTITION (a=+1)", "PARSE_SYNTAX_ERROR", "Syntax error at or near '+'."},
		{"TRUNCATE TABLE t PARTITION", "PARSE_SYNTAX_ERROR", "Syntax error at or near end of input."},
		{"ALTER TABLE t ADD PARTITION (a)", "INVALID_SQL_SYNTAX.EMPTY_PARTITION_VALUE",
			"Invalid SQL syntax: Partition key `a` must set value. SQLSTATE: 42000\n== SQL (line 1, position 19) ==\n" +
				"ALTER TABLE t ADD PARTITION (a)\n                  ^^^^^^^^^^^^^\n"},
		{"ALTER TABLE t DROP PARTITION (a=1, b)", "INVALID_SQL_SYNTAX.EMPTY_PARTITION_VALUE", "Partition key `b` must set value."},
		{"TRUNCATE TABLE t PARTITION (a)", "INVALID_SQL_SYNTAX.EMPTY_PARTITION_VALUE", "(line 1, position 18)"},
		{"SHOW TABLE EXTENDED LIKE 'x' PARTITION (a)", "INVALID_SQL_SYNTAX.EMPTY_PARTITION_VALUE", ""},
		{"DESCRIBE t PARTITION (a)", "INVALID_SQL_SYNTAX.EMPTY_PARTITION_VALUE", "(line 1, position 1)"},
		{"SHOW PARTITIONS t PARTITION (a=1, A=2)", "DUPLICATE_KEY",
			"Found duplicate keys `a`. SQLSTATE: 23505\n== SQL (line 1, position 19) ==\n" +
				"SHOW PARTITIONS t PARTITION (a=1, A=2)\n                  ^^^^^^^^^^^^^^^^^^^^\n"},
		{"SHOW PARTITIONS t PARTITION (a=DEFAULT)", "REF_DEFAULT_VALUE_IS_NOT_ALLOWED_IN_PARTITION", ""},
		{"SHOW PARTITIONS t PARTITION (a=foo 'x')", "UNSUPPORTED_TYPED_LITERAL", ""},
		{"SHOW PARTITIONS t PARTITION (a=DATE 'x')", "INVALID_TYPED_LITERAL", ""},
		{"DESCRIBE t PARTITION (a=1) c", "UNSUPPORTED_FEATURE.DESC_TABLE_COLUMN_PARTITION",
			"The feature is not supported: DESC TABLE COLUMN for a specific partition."},

		// plan-building checks
		{"ANALYZE TABLE t COMPUTE STATISTICS FOO", "INVALID_SQL_SYNTAX.ANALYZE_TABLE_UNEXPECTED_NOSCAN",
			"Invalid SQL syntax: ANALYZE TABLE(S) ... COMPUTE STATISTICS ... FOO must be either NOSCAN or empty. SQLSTATE: 42000\n" +
				"== SQL (line 1, position 1) ==\nANALYZE TABLE t COMPUTE STATISTICS FOO\n^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"},
		{"ANALYZE TABLES FROM db COMPUTE STATISTICS foo", "INVALID_SQL_SYNTAX.ANALYZE_TABLE_UNEXPECTED_NOSCAN", "... FOO must be"},
		{"ALTER TABLE t SET TBLPROPERTIES ('a')", "_LEGACY_ERROR_TEMP_0035", "Operation not allowed: Values must be specified for key(s): [a]."},
		{"ALTER TABLE t UNSET TBLPROPERTIES ('a'='b')", "_LEGACY_ERROR_TEMP_0035", "Operation not allowed: Values should not be specified for key(s): [a]."},
		{"ALTER TABLE t SET TBLPROPERTIES ('a'='b', 'a'='c')", "DUPLICATE_KEY", "(line 1, position 33)"},
		{"ALTER TABLE t SET TBLPROPERTIES ('location'='x')", "UNSUPPORTED_FEATURE.SET_TABLE_PROPERTY",
			"The feature is not supported: location is a reserved table property, please use the LOCATION clause to specify it."},
		{"ALTER VIEW v UNSET TBLPROPERTIES ('provider')", "UNSUPPORTED_FEATURE.SET_TABLE_PROPERTY", "provider is a reserved table property"},
		{"ALTER DATABASE db SET DBPROPERTIES ('owner'='b')", "UNSUPPORTED_FEATURE.SET_NAMESPACE_PROPERTY",
			"The feature is not supported: owner is a reserved namespace property, it will be set to the current user."},
		{"ALTER VIEW v ADD PARTITION (a=1)", "INVALID_STATEMENT_OR_CLAUSE", "The statement or clause: ALTER VIEW ... ADD PARTITION is not valid."},
		{"ALTER VIEW v DROP PARTITION (a=1)", "INVALID_STATEMENT_OR_CLAUSE", "ALTER VIEW ... DROP PARTITION"},
		{"CREATE TABLE t2 LIKE t USING parquet USING orc", "DUPLICATE_CLAUSES", "Found duplicate clauses: PROVIDER. Please, remove one of them."},
		{"CREATE TABLE t2 LIKE t TBLPROPERTIES ('a') LOCATION 'x' LOCATION 'y'", "DUPLICATE_CLAUSES", "LOCATION"},
		{"CREATE TABLE t2 LIKE t TBLPROPERTIES ('external'='x')", "UNSUPPORTED_FEATURE.SET_TABLE_PROPERTY", "external is a reserved table property"},

		// forms Spark has and Ember does not
		{"ALTER TABLE t DROP COLUMN c", "UNSUPPORTED_FEATURE.EMBER", "ALTER TABLE ... DROP COLUMNS"},
		{"ALTER TABLE t RENAME COLUMN a TO b", "UNSUPPORTED_FEATURE.EMBER", "ALTER TABLE ... RENAME COLUMN"},
		{"ALTER TABLE t REPLACE COLUMNS (a INT)", "UNSUPPORTED_FEATURE.EMBER", "ALTER TABLE ... REPLACE COLUMNS"},
		{"ALTER TABLE t ADD COLUMNS (s.f INT)", "UNSUPPORTED_FEATURE.EMBER", "nested field"},
		{"ALTER TABLE t ADD COLUMNS (c INT AFTER b)", "UNSUPPORTED_FEATURE.EMBER", "ADD COLUMNS ... AFTER"},
		{"ALTER TABLE t PARTITION (a=1) RENAME TO PARTITION (a=2)", "UNSUPPORTED_FEATURE.EMBER", "RENAME TO PARTITION"},
		{"ALTER TABLE t SET SERDE 'x'", "UNSUPPORTED_FEATURE.EMBER", "SET SERDE"},
		{"ALTER VIEW v WITH SCHEMA BINDING", "UNSUPPORTED_FEATURE.EMBER", "WITH SCHEMA"},
		{"CREATE TABLE t2 LIKE t STORED AS parquet", "UNSUPPORTED_FEATURE.EMBER", "STORED AS"},
		{"CREATE TABLE t2 LIKE t ROW FORMAT DELIMITED", "UNSUPPORTED_FEATURE.EMBER", "ROW FORMAT"},
		{"SHOW PARTITIONS t PARTITION (a=INTERVAL '1' DAY)", "UNSUPPORTED_FEATURE.EMBER", "INTERVAL"},
		{"SHOW PARTITIONS t PARTITION (a=?)", "UNSUPPORTED_FEATURE.EMBER", "parameter markers"},
	}
	for _, c := range cases {
		_, err := ParseStatement(c.in)
		se, ok := sparkerr.As(err)
		if !ok {
			t.Errorf("%q: want %s, got %v", c.in, c.class, err)
			continue
		}
		if se.Class != c.class || !strings.Contains(se.Message(), c.msg) {
			t.Errorf("%q:\n got  %s %q\n want %s containing %q", c.in, se.Class, se.Message(), c.class, c.msg)
		}
	}
}

func TestAlterColumn(t *testing.T) {
	for _, tc := range []struct {
		sql  string
		want string // column | type | comment | position | not null, or the error class
	}{
		{"ALTER TABLE db.t ALTER COLUMN name COMMENT 'the name'", "name|<nil>|the name|false|false"},
		{"alter table t change c comment 'x';", "c|<nil>|x|false|false"},
		{"ALTER TABLE t ALTER COLUMN a TYPE BIGINT", "a|bigint|<nil>|false|false"},
		{"ALTER TABLE t CHANGE COLUMN a a VARCHAR(5) COMMENT 'c' FIRST", "a|varchar(5)|c|true|false"},
		{"ALTER TABLE t ALTER COLUMN s.x AFTER y", "s.x|<nil>|<nil>|true|false"},
		{"ALTER TABLE t ALTER COLUMN a DROP NOT NULL", "a|<nil>|<nil>|false|true"},
		{"ALTER TABLE t CHANGE COLUMN a b INT", "_LEGACY_ERROR_TEMP_0034"},
		{"ALTER TABLE t ALTER COLUMN a TYPE INT COMMENT 'z'", "PARSE_SYNTAX_ERROR"},
		{"ALTER TABLE t ALTER COLUMN a SET DEFAULT 1", "UNSUPPORTED_FEATURE.EMBER"},
	} {
		st, err := ParseStatement(tc.sql)
		got := ""
		if err != nil {
			got = errClassOf(err)
		} else if a, ok := st.(*AlterColumn); ok {
			typ, comment := "<nil>", "<nil>"
			if a.Type != nil {
				typ = a.Type.SimpleString()
			}
			if a.Comment != nil {
				comment = *a.Comment
			}
			got = fmt.Sprintf("%s|%s|%s|%v|%v", strings.Join(a.Column, "."), typ, comment, a.Position, a.NotNull)
		}
		if got != tc.want {
			t.Errorf("%q: got %s, want %s", tc.sql, got, tc.want)
		}
	}
}

func errClassOf(err error) string {
	if se, ok := sparkerr.As(err); ok {
		return se.Class
	}
	return err.Error()
}
