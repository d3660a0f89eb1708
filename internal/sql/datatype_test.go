package sql

import (
	"reflect"
	"strings"
	"testing"

	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

var dataTypeCases = []struct{ in, want string }{
	{"int", "int"},
	{"INTEGER", "int"},
	{"bigint", "bigint"},
	{"long", "bigint"},
	{"tinyint", "tinyint"},
	{"byte", "tinyint"},
	{"smallint", "smallint"},
	{"short", "smallint"},
	{"boolean", "boolean"},
	{"float", "float"},
	{"real", "float"},
	{"double", "double"},
	{"decimal", "decimal(10,0)"},
	{"dec(5)", "decimal(5,0)"},
	{"numeric(38, 10)", "decimal(38,10)"},
	{"DECIMAL(10,2)", "decimal(10,2)"},
	{"string", "string"},
	{"char(3)", "char(3)"},
	{"character(2)", "char(2)"},
	{"varchar(10)", "varchar(10)"},
	{"binary", "binary"},
	{"date", "date"},
	{"timestamp", "timestamp"},
	{"timestamp_ltz", "timestamp"},
	{"timestamp_ntz", "timestamp_ntz"},
	{"void", "void"},
	{"variant", "variant"},
	{"interval", "interval"},
	{"interval year", "interval year"},
	{"interval year to month", "interval year to month"},
	{"interval month", "interval month"},
	{"interval day", "interval day"},
	{"interval day to second", "interval day to second"},
	{"interval hour to minute", "interval hour to minute"},
	{"interval second", "interval second"},
	{"array<int>", "array<int>"},
	{"ARRAY < INT >", "array<int>"},
	{"array<array<string>>", "array<array<string>>"},
	{"map<string,int>", "map<string,int>"},
	{"map<string, array<map<int,int>>>", "map<string,array<map<int,int>>>"},
	{"struct<a:int,b:string>", "struct<a:int,b:string>"},
	{"struct<a int, b string>", "struct<a:int,b:string>"},
	{"struct<>", "struct<>"},
	{"struct<`a b`: int, `select`: string>", "struct<a b:int,select:string>"},
	{"string collate UTF8_BINARY", "string"},
}

func TestParseDataType(t *testing.T) {
	for _, c := range dataTypeCases {
		dt, err := ParseDataType(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if got := dt.SimpleString(); got != c.want {
			t.Errorf("%q: got %s want %s", c.in, got, c.want)
		}
	}
}

func TestDataTypeNullability(t *testing.T) {
	dt, err := ParseDataType("struct<a: int NOT NULL COMMENT 'it''s', b: array<string>, c: map<int, string>>")
	if err != nil {
		t.Fatal(err)
	}
	want := types.Struct{Fields: []types.Field{
		{Name: "a", Type: types.Int, Nullable: false, Metadata: `{"comment":"it's"}`},
		{Name: "b", Type: types.Array{Elem: types.String, ContainsNull: true}, Nullable: true},
		{Name: "c", Type: types.Map{Key: types.Int, Value: types.String, ValueContainsNull: true}, Nullable: true},
	}}
	if !reflect.DeepEqual(dt, want) {
		t.Fatalf("got %#v", dt)
	}
}

func TestParseTableSchema(t *testing.T) {
	st, err := ParseTableSchema("a int, `b c` string NOT NULL COMMENT 'x', d decimal(5, 2), e array<struct<f: int>>")
	if err != nil {
		t.Fatal(err)
	}
	want := types.Struct{Fields: []types.Field{
		{Name: "a", Type: types.Int, Nullable: true},
		{Name: "b c", Type: types.String, Nullable: false, Metadata: `{"comment":"x"}`},
		{Name: "d", Type: types.Decimal{Precision: 5, Scale: 2}, Nullable: true},
		{Name: "e", Type: types.Array{Elem: types.Struct{Fields: []types.Field{{Name: "f", Type: types.Int, Nullable: true}}}, ContainsNull: true}, Nullable: true},
	}}
	if !reflect.DeepEqual(st, want) {
		t.Fatalf("got %#v", st)
	}
	// The colon form is not a table schema (Spark rejects it too).
	if _, err := ParseTableSchema("a: int"); err == nil {
		t.Fatal("want error for a: int")
	}
}

func TestParseDatatypeString(t *testing.T) {
	cases := []struct{ in, want string }{
		{"int", "int"},
		{"a int, b string", "struct<a:int,b:string>"},
		{"a: int, b: string", "struct<a:int,b:string>"},
		{"a: array< short>", "struct<a:array<smallint>>"},
		{" map<string , string > ", "map<string,string>"},
		{"a DOUBLE, b CHAR( 50 )", "struct<a:double,b:char(50)>"},
		{"", "struct<>"},
	}
	for _, c := range cases {
		dt, err := ParseDatatypeString(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if got := dt.SimpleString(); got != c.want {
			t.Errorf("%q: got %s want %s", c.in, got, c.want)
		}
	}
	// Failure reports the table-schema error, as Spark Connect does.
	_, err := ParseDatatypeString("a: int,")
	want := "\n[PARSE_SYNTAX_ERROR] Syntax error at or near ':'. SQLSTATE: 42601 (line 1, pos 1)\n\n== SQL ==\na: int,\n-^^^\n"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v", err)
	}
}

func TestParseMultipartIdentifier(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"a", []string{"a"}},
		{"db.`t.x`", []string{"db", "t.x"}},
		{"`a``b`", []string{"a`b"}},
		{"a.b.c", []string{"a", "b", "c"}},
		{"select", []string{"select"}},
		{"1a", []string{"1a"}},
	}
	for _, c := range cases {
		got, err := ParseMultipartIdentifier(c.in)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: got %v, %v", c.in, got, err)
		}
	}
	errs := []struct{ in, want string }{
		{"a b", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'b': extra input 'b'. SQLSTATE: 42601 (line 1, pos 2)\n\n== SQL ==\na b\n--^^^\n"},
		{"a.", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near '.': extra input '.'. SQLSTATE: 42601 (line 1, pos 1)\n\n== SQL ==\na.\n-^^^\n"},
		{"a-b", "\n[INVALID_IDENTIFIER] The unquoted identifier a-b is invalid and must be back quoted as: `a-b`.\nUnquoted identifiers can only contain ASCII letters ('a' - 'z', 'A' - 'Z'), digits ('0' - '9'), and underbar ('_').\nUnquoted identifiers must also not start with a digit.\nDifferent data sources and meta stores may impose additional restrictions on valid identifiers. SQLSTATE: 42602 (line 1, pos 1)\n\n== SQL ==\na-b\n-^^^\n"},
	}
	for _, c := range errs {
		_, err := ParseMultipartIdentifier(c.in)
		if err == nil || err.Error() != c.want {
			t.Errorf("%q:\n got  %q\n want %q", c.in, err, c.want)
		}
	}
}

// The messages below are Spark 4.2's, captured from its parser.
var statementErrorCases = []struct{ in, want string }{
	{"SELEC 1", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'. SQLSTATE: 42601 (line 1, pos 0)\n\n== SQL ==\nSELEC 1\n^^^\n"},
	{"SELECT 1 +", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 10)\n\n== SQL ==\nSELECT 1 +\n----------^^^\n"},
	{"select a from t x y z", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'y'. SQLSTATE: 42601 (line 1, pos 18)\n\n== SQL ==\nselect a from t x y z\n------------------^^^\n"},
	{"SELECT 1; SELECT 2", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELECT': extra input 'SELECT'. SQLSTATE: 42601 (line 1, pos 10)\n\n== SQL ==\nSELECT 1; SELECT 2\n----------^^^\n"},
	{"select 'abc", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near '''. SQLSTATE: 42601 (line 1, pos 7)\n\n== SQL ==\nselect 'abc\n-------^^^\n"},
	{"select `abc", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near '`'. SQLSTATE: 42601 (line 1, pos 7)\n\n== SQL ==\nselect `abc\n-------^^^\n"},
	{"select 1 from (select 2", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input: missing ')'. SQLSTATE: 42601 (line 1, pos 23)\n\n== SQL ==\nselect 1 from (select 2\n-----------------------^^^\n"},
	{"select (1 + 2 from t", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'from'. SQLSTATE: 42601 (line 1, pos 14)\n\n== SQL ==\nselect (1 + 2 from t\n--------------^^^\n"},
	{"select f(1 from t", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'from'. SQLSTATE: 42601 (line 1, pos 11)\n\n== SQL ==\nselect f(1 from t\n-----------^^^\n"},
	{"select cast(1 as int from t", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'from'. SQLSTATE: 42601 (line 1, pos 21)\n\n== SQL ==\nselect cast(1 as int from t\n---------------------^^^\n"},
	{"select cast(1 int) from t", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'int'. SQLSTATE: 42601 (line 1, pos 14)\n\n== SQL ==\nselect cast(1 int) from t\n--------------^^^\n"},
	{"select * from t where a =", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 25)\n\n== SQL ==\nselect * from t where a =\n-------------------------^^^\n"},
	{"select * from t group by", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'by': extra input 'by'. SQLSTATE: 42601 (line 1, pos 22)\n\n== SQL ==\nselect * from t group by\n----------------------^^^\n"},
	{"select a from t join", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 20)\n\n== SQL ==\nselect a from t join\n--------------------^^^\n"},
	{"select a from t join s on", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 25)\n\n== SQL ==\nselect a from t join s on\n-------------------------^^^\n"},
	{"select case 1 end", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'end'. SQLSTATE: 42601 (line 1, pos 14)\n\n== SQL ==\nselect case 1 end\n--------------^^^\n"},
	{"select a b c from t", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'c'. SQLSTATE: 42601 (line 1, pos 11)\n\n== SQL ==\nselect a b c from t\n-----------^^^\n"},
	{"select 1 a.b", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near '.'. SQLSTATE: 42601 (line 1, pos 10)\n\n== SQL ==\nselect 1 a.b\n----------^^^\n"},
	{"SELECT * FROM t WHERE a IN ()", "\n[INVALID_SQL_SYNTAX.EMPTY_IN_PREDICATE] Invalid SQL syntax: IN predicate requires at least one value. Empty IN clauses like 'IN ()' are not allowed. Consider using 'WHERE FALSE' if you need an always-false condition, or provide at least one value in the IN list. SQLSTATE: 42000\n== SQL (line 1, position 25) ==\nSELECT * FROM t WHERE a IN ()\n                        ^^^^^\n"},
	{"SELECT * FROM t WHERE a BETWEEN 1", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 33)\n\n== SQL ==\nSELECT * FROM t WHERE a BETWEEN 1\n---------------------------------^^^\n"},
	{"SELECT * FROM t WHERE a IS", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'IS': extra input 'IS'. SQLSTATE: 42601 (line 1, pos 24)\n\n== SQL ==\nSELECT * FROM t WHERE a IS\n------------------------^^^\n"},
	{"SELECT * FROM t WHERE a LIKE", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'LIKE': extra input 'LIKE'. SQLSTATE: 42601 (line 1, pos 24)\n\n== SQL ==\nSELECT * FROM t WHERE a LIKE\n------------------------^^^\n"},
	{"SELECT sum(a) OVER (PARTITION BY) FROM t", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near ')'. SQLSTATE: 42601 (line 1, pos 32)\n\n== SQL ==\nSELECT sum(a) OVER (PARTITION BY) FROM t\n--------------------------------^^^\n"},
	{"SELECT 1 FROM t1 JOIN t2 USING a", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'a': missing '('. SQLSTATE: 42601 (line 1, pos 31)\n\n== SQL ==\nSELECT 1 FROM t1 JOIN t2 USING a\n-------------------------------^^^\n"},
	{"SELECT 1 FROM t1 JOIN t2 USING ()", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near ')'. SQLSTATE: 42601 (line 1, pos 32)\n\n== SQL ==\nSELECT 1 FROM t1 JOIN t2 USING ()\n--------------------------------^^^\n"},
	{"INSERT INTO t", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 13)\n\n== SQL ==\nINSERT INTO t\n-------------^^^\n"},
	{"CREATE TABLE t (id INT USING parquet", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'USING'. SQLSTATE: 42601 (line 1, pos 23)\n\n== SQL ==\nCREATE TABLE t (id INT USING parquet\n-----------------------^^^\n"},
	{"CREATE TABLE", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 12)\n\n== SQL ==\nCREATE TABLE\n------------^^^\n"},
	{"DROP TABLE", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 10)\n\n== SQL ==\nDROP TABLE\n----------^^^\n"},
	{"SELECT * FROM t TABLESAMPLE (200 PERCENT)", "\nSampling fraction (2.0) must be on interval [0, 1].\n== SQL (line 1, position 17) ==\nSELECT * FROM t TABLESAMPLE (200 PERCENT)\n                ^^^^^^^^^^^^^^^^^^^^^^^^^\n"},
	{"SELECT a FROM t WHERE a = 1 AND", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'AND': extra input 'AND'. SQLSTATE: 42601 (line 1, pos 28)\n\n== SQL ==\nSELECT a FROM t WHERE a = 1 AND\n----------------------------^^^\n"},
	{"SELECT )", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near ')'. SQLSTATE: 42601 (line 1, pos 7)\n\n== SQL ==\nSELECT )\n-------^^^\n"},
	{"SELECT ,", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near ','. SQLSTATE: 42601 (line 1, pos 7)\n\n== SQL ==\nSELECT ,\n-------^^^\n"},
	{"SELECT #", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near '#'. SQLSTATE: 42601 (line 1, pos 7)\n\n== SQL ==\nSELECT #\n-------^^^\n"},
	{"SELECT 1 2", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near '2': extra input '2'. SQLSTATE: 42601 (line 1, pos 9)\n\n== SQL ==\nSELECT 1 2\n---------^^^\n"},
	{"SELECT array(1,2)[ FROM t", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 't': missing ']'. SQLSTATE: 42601 (line 1, pos 24)\n\n== SQL ==\nSELECT array(1,2)[ FROM t\n------------------------^^^\n"},
	{"SELECT foo 'x'", "\n[UNSUPPORTED_TYPED_LITERAL] Literals of the type \"FOO\" are not supported. Supported types are \"DATE\", \"TIMESTAMP_NTZ\", \"TIMESTAMP_LTZ\", \"TIMESTAMP\", \"INTERVAL\", \"X\", \"TIME\". SQLSTATE: 0A000\n== SQL (line 1, position 8) ==\nSELECT foo 'x'\n       ^^^^^^^\n"},
	{"WITH x AS SELECT 1 SELECT 2", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELECT'. SQLSTATE: 42601 (line 1, pos 10)\n\n== SQL ==\nWITH x AS SELECT 1 SELECT 2\n----------^^^\n"},
	{"WITH x AS (SELECT 1)", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 20)\n\n== SQL ==\nWITH x AS (SELECT 1)\n--------------------^^^\n"},
	{"SELECT * FROM t1 NATURAL JOIN t2 ON a = b", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'ON'. SQLSTATE: 42601 (line 1, pos 33)\n\n== SQL ==\nSELECT * FROM t1 NATURAL JOIN t2 ON a = b\n---------------------------------^^^\n"},
	{"select * from t lateral view explode(a)", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 39)\n\n== SQL ==\nselect * from t lateral view explode(a)\n---------------------------------------^^^\n"},
	{"SELECT 1 /* unclosed", "\n[UNCLOSED_BRACKETED_COMMENT] Found an unclosed bracketed comment. Please, append */ at the end of the comment. SQLSTATE: 42601\n== SQL ==\nSELECT 1 /* unclosed"},
	{"SELECT * FROM a-b", "\n[INVALID_IDENTIFIER] The unquoted identifier a-b is invalid and must be back quoted as: `a-b`.\nUnquoted identifiers can only contain ASCII letters ('a' - 'z', 'A' - 'Z'), digits ('0' - '9'), and underbar ('_').\nUnquoted identifiers must also not start with a digit.\nDifferent data sources and meta stores may impose additional restrictions on valid identifiers. SQLSTATE: 42602 (line 1, pos 15)\n\n== SQL ==\nSELECT * FROM a-b\n---------------^^^\n"},
	{"SELECT 1 AS a-b", "\n[INVALID_IDENTIFIER] The unquoted identifier a-b is invalid and must be back quoted as: `a-b`.\nUnquoted identifiers can only contain ASCII letters ('a' - 'z', 'A' - 'Z'), digits ('0' - '9'), and underbar ('_').\nUnquoted identifiers must also not start with a digit.\nDifferent data sources and meta stores may impose additional restrictions on valid identifiers. SQLSTATE: 42602 (line 1, pos 13)\n\n== SQL ==\nSELECT 1 AS a-b\n-------------^^^\n"},
	{"USE a-b", "\n[INVALID_IDENTIFIER] The unquoted identifier a-b is invalid and must be back quoted as: `a-b`.\nUnquoted identifiers can only contain ASCII letters ('a' - 'z', 'A' - 'Z'), digits ('0' - '9'), and underbar ('_').\nUnquoted identifiers must also not start with a digit.\nDifferent data sources and meta stores may impose additional restrictions on valid identifiers. SQLSTATE: 42602 (line 1, pos 5)\n\n== SQL ==\nUSE a-b\n-----^^^\n"},
	{"SELECT interval 1 day to hour", "\nThe value of from-to unit must be a string.\n== SQL (line 1, position 17) ==\nSELECT interval 1 day to hour\n                ^^^^^^^^^^^^^\n"},
	{"SELECT :", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 8)\n\n== SQL ==\nSELECT :\n--------^^^\n"},
	{"SELECT 1 ORDER BY 1 SORT BY 1", "\n[UNSUPPORTED_FEATURE.COMBINATION_QUERY_RESULT_CLAUSES] The feature is not supported: Combination of ORDER BY/SORT BY/DISTRIBUTE BY/CLUSTER BY. SQLSTATE: 0A000\n== SQL (line 1, position 10) ==\nSELECT 1 ORDER BY 1 SORT BY 1\n         ^^^^^^^^^^^^^^^^^^^^\n"},
	{"SELECT 1 FROM t GROUP BY a GROUPING SETS", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 40)\n\n== SQL ==\nSELECT 1 FROM t GROUP BY a GROUPING SETS\n----------------------------------------^^^\n"},
	{"SET a b", "\n[INVALID_SET_SYNTAX] Expected format is 'SET', 'SET key', or 'SET key=value'. If you want to include special characters in key, or include semicolon in value, please use backquotes, e.g., SET `key`=`value`. SQLSTATE: 42000\n== SQL (line 1, position 1) ==\nSET a b\n^^^^^^^\n"},
	{"EXPLAIN", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 7)\n\n== SQL ==\nEXPLAIN\n-------^^^\n"},
	{"SELECT date'2020-13-01'", "\n[INVALID_TYPED_LITERAL] The value of the typed literal \"DATE\" is invalid: '2020-13-01'. SQLSTATE: 42604\n== SQL (line 1, position 8) ==\nSELECT date'2020-13-01'\n       ^^^^^^^^^^^^^^^^\n"},
	{"SELECT 'a' 'b", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near '''. SQLSTATE: 42601 (line 1, pos 11)\n\n== SQL ==\nSELECT 'a' 'b\n-----------^^^\n"},
	{"SELECT struct<int>", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 18)\n\n== SQL ==\nSELECT struct<int>\n------------------^^^\n"},
	{"SELECT a FROM t LIMIT ALL OFFSET", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'OFFSET': extra input 'OFFSET'. SQLSTATE: 42601 (line 1, pos 26)\n\n== SQL ==\nSELECT a FROM t LIMIT ALL OFFSET\n--------------------------^^^\n"},
	{"SELECT a FROM t WHERE a = 1 OR", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'OR': extra input 'OR'. SQLSTATE: 42601 (line 1, pos 28)\n\n== SQL ==\nSELECT a FROM t WHERE a = 1 OR\n----------------------------^^^\n"},
	{"SELECT a FROM t WHERE a NOT", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'NOT': extra input 'NOT'. SQLSTATE: 42601 (line 1, pos 24)\n\n== SQL ==\nSELECT a FROM t WHERE a NOT\n------------------------^^^\n"},
	{"SELECT a FROM t WHERE a IN", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'IN': extra input 'IN'. SQLSTATE: 42601 (line 1, pos 24)\n\n== SQL ==\nSELECT a FROM t WHERE a IN\n------------------------^^^\n"},
	{"SELECT a FROM t WHERE a BETWEEN", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'BETWEEN': extra input 'BETWEEN'. SQLSTATE: 42601 (line 1, pos 24)\n\n== SQL ==\nSELECT a FROM t WHERE a BETWEEN\n------------------------^^^\n"},
	{"SELECT a FROM t WHERE a BETWEEN 1 AND", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 37)\n\n== SQL ==\nSELECT a FROM t WHERE a BETWEEN 1 AND\n-------------------------------------^^^\n"},
	{"SELECT a FROM t WHERE a RLIKE", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'RLIKE': extra input 'RLIKE'. SQLSTATE: 42601 (line 1, pos 24)\n\n== SQL ==\nSELECT a FROM t WHERE a RLIKE\n------------------------^^^\n"},
	{"SELECT a FROM t WHERE a IS NOT", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 30)\n\n== SQL ==\nSELECT a FROM t WHERE a IS NOT\n------------------------------^^^\n"},
	{"SELECT a FROM t WHERE a IS DISTINCT", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 35)\n\n== SQL ==\nSELECT a FROM t WHERE a IS DISTINCT\n-----------------------------------^^^\n"},
	{"SELECT a FROM t WHERE a = 1 GROUP", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 33)\n\n== SQL ==\nSELECT a FROM t WHERE a = 1 GROUP\n---------------------------------^^^\n"},
	{"SELECT a FROM t ORDER BY a LIMIT", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'LIMIT': extra input 'LIMIT'. SQLSTATE: 42601 (line 1, pos 27)\n\n== SQL ==\nSELECT a FROM t ORDER BY a LIMIT\n---------------------------^^^\n"},
	{"SELECT a FROM t ORDER BY", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'BY': extra input 'BY'. SQLSTATE: 42601 (line 1, pos 22)\n\n== SQL ==\nSELECT a FROM t ORDER BY\n----------------------^^^\n"},
	{"SELECT a FROM t SORT BY", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'BY': extra input 'BY'. SQLSTATE: 42601 (line 1, pos 21)\n\n== SQL ==\nSELECT a FROM t SORT BY\n---------------------^^^\n"},
	{"SELECT a FROM t LIMIT 1 OFFSET", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'OFFSET': extra input 'OFFSET'. SQLSTATE: 42601 (line 1, pos 24)\n\n== SQL ==\nSELECT a FROM t LIMIT 1 OFFSET\n------------------------^^^\n"},
	{"SELECT a FROM t JOIN s ON", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 25)\n\n== SQL ==\nSELECT a FROM t JOIN s ON\n-------------------------^^^\n"},
	{"SELECT a FROM t JOIN s USING", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 28)\n\n== SQL ==\nSELECT a FROM t JOIN s USING\n----------------------------^^^\n"},
	{"SELECT a FROM t JOIN", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 20)\n\n== SQL ==\nSELECT a FROM t JOIN\n--------------------^^^\n"},
	{"SELECT a FROM t LEFT", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 20)\n\n== SQL ==\nSELECT a FROM t LEFT\n--------------------^^^\n"},
	{"SELECT a FROM t LEFT JOIN", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 25)\n\n== SQL ==\nSELECT a FROM t LEFT JOIN\n-------------------------^^^\n"},
	{"SELECT a FROM t CROSS", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 21)\n\n== SQL ==\nSELECT a FROM t CROSS\n---------------------^^^\n"},
	{"SELECT a FROM t,", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 16)\n\n== SQL ==\nSELECT a FROM t,\n----------------^^^\n"},
	{"SELECT a,", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 9)\n\n== SQL ==\nSELECT a,\n---------^^^\n"},
	{"SELECT a FROM t UNION", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 21)\n\n== SQL ==\nSELECT a FROM t UNION\n---------------------^^^\n"},
	{"SELECT a FROM t UNION ALL", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 25)\n\n== SQL ==\nSELECT a FROM t UNION ALL\n-------------------------^^^\n"},
	{"SELECT a FROM t INTERSECT", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 25)\n\n== SQL ==\nSELECT a FROM t INTERSECT\n-------------------------^^^\n"},
	{"SELECT CAST(", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 12)\n\n== SQL ==\nSELECT CAST(\n------------^^^\n"},
	{"SELECT a::", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 10)\n\n== SQL ==\nSELECT a::\n----------^^^\n"},
	{"SELECT a[", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 9)\n\n== SQL ==\nSELECT a[\n---------^^^\n"},
	{"SELECT a.", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 9)\n\n== SQL ==\nSELECT a.\n---------^^^\n"},
	{"SELECT -", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 8)\n\n== SQL ==\nSELECT -\n--------^^^\n"},
	{"SELECT a * ", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 11)\n\n== SQL ==\nSELECT a * \n-----------^^^\n"},
	{"SELECT a ||", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 11)\n\n== SQL ==\nSELECT a ||\n-----------^^^\n"},
	{"SELECT a < ", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 11)\n\n== SQL ==\nSELECT a < \n-----------^^^\n"},
	{"SELECT a <=>", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 12)\n\n== SQL ==\nSELECT a <=>\n------------^^^\n"},
	{"SELECT a &", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 10)\n\n== SQL ==\nSELECT a &\n----------^^^\n"},
	{"SELECT (a", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 9)\n\n== SQL ==\nSELECT (a\n---------^^^\n"},
	{"SELECT f(a", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input: missing ')'. SQLSTATE: 42601 (line 1, pos 10)\n\n== SQL ==\nSELECT f(a\n----------^^^\n"},
	{"SELECT f(a,", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 11)\n\n== SQL ==\nSELECT f(a,\n-----------^^^\n"},
	{"SELECT INTERVAL 1", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 17)\n\n== SQL ==\nSELECT INTERVAL 1\n-----------------^^^\n"},
	{"SELECT a FROM t WHERE a = 1 AND b =", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 35)\n\n== SQL ==\nSELECT a FROM t WHERE a = 1 AND b =\n-----------------------------------^^^\n"},
	{"SELECT a FROM (SELECT a FROM t", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input: missing ')'. SQLSTATE: 42601 (line 1, pos 30)\n\n== SQL ==\nSELECT a FROM (SELECT a FROM t\n------------------------------^^^\n"},
	{"SELECT a FROM (SELECT a FROM t WHERE", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input: missing ')'. SQLSTATE: 42601 (line 1, pos 36)\n\n== SQL ==\nSELECT a FROM (SELECT a FROM t WHERE\n------------------------------------^^^\n"},
	{"SELECT * FROM t WHERE a IN (1,", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 30)\n\n== SQL ==\nSELECT * FROM t WHERE a IN (1,\n------------------------------^^^\n"},
	{"SELECT * FROM t WHERE a IN (1", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 29)\n\n== SQL ==\nSELECT * FROM t WHERE a IN (1\n-----------------------------^^^\n"},
	{"SELECT * FROM t WHERE a IN (SELECT", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 34)\n\n== SQL ==\nSELECT * FROM t WHERE a IN (SELECT\n----------------------------------^^^\n"},
	{"WITH", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 4)\n\n== SQL ==\nWITH\n----^^^\n"},
	{"WITH a", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 6)\n\n== SQL ==\nWITH a\n------^^^\n"},
	{"WITH a AS", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 9)\n\n== SQL ==\nWITH a AS\n---------^^^\n"},
	{"WITH a AS (", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 11)\n\n== SQL ==\nWITH a AS (\n-----------^^^\n"},
	{"WITH a AS (SELECT 1", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 19)\n\n== SQL ==\nWITH a AS (SELECT 1\n-------------------^^^\n"},
	{"WITH a AS (SELECT 1)", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 20)\n\n== SQL ==\nWITH a AS (SELECT 1)\n--------------------^^^\n"},
	{"SELECT 1 UNION SELECT", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELECT': extra input 'SELECT'. SQLSTATE: 42601 (line 1, pos 15)\n\n== SQL ==\nSELECT 1 UNION SELECT\n---------------^^^\n"},
	{"SELECT a FROM t LATERAL VIEW", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 28)\n\n== SQL ==\nSELECT a FROM t LATERAL VIEW\n----------------------------^^^\n"},
	{"SELECT a FROM t TABLESAMPLE (", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 29)\n\n== SQL ==\nSELECT a FROM t TABLESAMPLE (\n-----------------------------^^^\n"},
	{"VALUES", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 6)\n\n== SQL ==\nVALUES\n------^^^\n"},
	{"VALUES (", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 8)\n\n== SQL ==\nVALUES (\n--------^^^\n"},
	{"VALUES (1,", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 10)\n\n== SQL ==\nVALUES (1,\n----------^^^\n"},
	{"TABLE", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 5)\n\n== SQL ==\nTABLE\n-----^^^\n"},
	{"SELECT a FROM t GROUP BY ROLLUP(", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 32)\n\n== SQL ==\nSELECT a FROM t GROUP BY ROLLUP(\n--------------------------------^^^\n"},
	{"SELECT", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 6)\n\n== SQL ==\nSELECT\n------^^^\n"},
	{"SELECT a FROM t WHERE a LIKE 'x' ESCAPE", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'ESCAPE': extra input 'ESCAPE'. SQLSTATE: 42601 (line 1, pos 33)\n\n== SQL ==\nSELECT a FROM t WHERE a LIKE 'x' ESCAPE\n---------------------------------^^^\n"},
	{"SELECT a FROM t WHERE a IS NULL AND", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'AND': extra input 'AND'. SQLSTATE: 42601 (line 1, pos 32)\n\n== SQL ==\nSELECT a FROM t WHERE a IS NULL AND\n--------------------------------^^^\n"},
	{"SELECT 128Y", "\n[INVALID_NUMERIC_LITERAL_RANGE] Numeric literal 128 is outside the valid range for tinyint with minimum value of -128 and maximum value of 127. Please adjust the value accordingly. SQLSTATE: 22003\n== SQL (line 1, position 8) ==\nSELECT 128Y\n       ^^^^\n"},
	{"SELECT -129Y", "\n[INVALID_NUMERIC_LITERAL_RANGE] Numeric literal -129 is outside the valid range for tinyint with minimum value of -128 and maximum value of 127. Please adjust the value accordingly. SQLSTATE: 22003\n== SQL (line 1, position 8) ==\nSELECT -129Y\n       ^^^^^\n"},
	{"SELECT 32768S", "\n[INVALID_NUMERIC_LITERAL_RANGE] Numeric literal 32768 is outside the valid range for smallint with minimum value of -32768 and maximum value of 32767. Please adjust the value accordingly. SQLSTATE: 22003\n== SQL (line 1, position 8) ==\nSELECT 32768S\n       ^^^^^^\n"},
	{"SELECT 9223372036854775808L", "\n[INVALID_NUMERIC_LITERAL_RANGE] Numeric literal 9223372036854775808 is outside the valid range for bigint with minimum value of -9223372036854775808 and maximum value of 9223372036854775807. Please adjust the value accordingly. SQLSTATE: 22003\n== SQL (line 1, position 8) ==\nSELECT 9223372036854775808L\n       ^^^^^^^^^^^^^^^^^^^^\n"},
	{"SELECT 1e400", "\n[INVALID_NUMERIC_LITERAL_RANGE] Numeric literal 1e400 is outside the valid range for double with minimum value of -1.7976931348623157E+308 and maximum value of 1.7976931348623157E+308. Please adjust the value accordingly. SQLSTATE: 22003\n== SQL (line 1, position 8) ==\nSELECT 1e400\n       ^^^^^\n"},
	{"SELECT 1e400D", "\n[INVALID_NUMERIC_LITERAL_RANGE] Numeric literal 1e400 is outside the valid range for double with minimum value of -1.7976931348623157E+308 and maximum value of 1.7976931348623157E+308. Please adjust the value accordingly. SQLSTATE: 22003\n== SQL (line 1, position 8) ==\nSELECT 1e400D\n       ^^^^^^\n"},
	{"SELECT 3.5e38F", "\n[INVALID_NUMERIC_LITERAL_RANGE] Numeric literal 3.5e38 is outside the valid range for float with minimum value of -3.4028234663852886E+38 and maximum value of 3.4028234663852886E+38. Please adjust the value accordingly. SQLSTATE: 22003\n== SQL (line 1, position 8) ==\nSELECT 3.5e38F\n       ^^^^^^^\n"},
	{"SELECT 1234567890123456789012345678901234567890", "[DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION] Decimal precision 40 exceeds max precision 38. SQLSTATE: 22003"},
	{"SELECT 1.234567890123456789012345678901234567890", "[DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION] Decimal precision 40 exceeds max precision 38. SQLSTATE: 22003"},
	{"SELECT 1e400BD", "\n[DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION] Decimal precision 401 exceeds max precision 38. SQLSTATE: 22003\n== SQL (line 1, position 8) ==\nSELECT 1e400BD\n       ^^^^^^^\n"},
	{"SELECT DATE '2020-13-01'", "\n[INVALID_TYPED_LITERAL] The value of the typed literal \"DATE\" is invalid: '2020-13-01'. SQLSTATE: 42604\n== SQL (line 1, position 8) ==\nSELECT DATE '2020-13-01'\n       ^^^^^^^^^^^^^^^^^\n"},
	{"SELECT DATE '99-01-01'", "\n[INVALID_TYPED_LITERAL] The value of the typed literal \"DATE\" is invalid: '99-01-01'. SQLSTATE: 42604\n== SQL (line 1, position 8) ==\nSELECT DATE '99-01-01'\n       ^^^^^^^^^^^^^^^\n"},
	{"SELECT TIMESTAMP 'abc'", "\n[INVALID_TYPED_LITERAL] The value of the typed literal \"TIMESTAMP\" is invalid: 'abc'. SQLSTATE: 42604\n== SQL (line 1, position 8) ==\nSELECT TIMESTAMP 'abc'\n       ^^^^^^^^^^^^^^^\n"},
	{"SELECT TIMESTAMP '2020-01-01 25:00:00'", "\n[INVALID_TYPED_LITERAL] The value of the typed literal \"TIMESTAMP\" is invalid: '2020-01-01 25:00:00'. SQLSTATE: 42604\n== SQL (line 1, position 8) ==\nSELECT TIMESTAMP '2020-01-01 25:00:00'\n       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"},
	{"SELECT X'ZZ'", "\n[INVALID_TYPED_LITERAL] The value of the typed literal \"X\" is invalid: 'ZZ'. SQLSTATE: 42604\n== SQL (line 1, position 8) ==\nSELECT X'ZZ'\n       ^^^^^\n"},
	{"SELECT INTERVAL 'abc' DAY", "\nCan only use numbers in the interval value part for multiple unit value pairs interval form, but got invalid value: abc.\n== SQL (line 1, position 17) ==\nSELECT INTERVAL 'abc' DAY\n                ^^^^^^^^^\n"},
	{"SELECT INTERVAL '1-2' DAY TO HOUR", "\n[INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING_WITH_NOTICE] Error parsing '1-2' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Interval string does not match day-time format of `[+|-]d h`, `INTERVAL [+|-]'[+|-]d h' DAY TO HOUR` when cast to interval day to hour: 1-2. Set \"spark.sql.legacy.fromDayTimeString.enabled\" to \"true\" to restore the behavior before Spark 3.0. SQLSTATE: 22006\n== SQL (line 1, position 17) ==\nSELECT INTERVAL '1-2' DAY TO HOUR\n                ^^^^^^^^^^^^^^^^^\n"},
	{"SELECT INTERVAL '1' YEAR TO MONTH", "\n[INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING] Error parsing '1' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Interval string does not match year-month format of `[+|-]y-m`, `INTERVAL [+|-]'[+|-]y-m' YEAR TO MONTH` when cast to interval year to month: 1. SQLSTATE: 22006\n== SQL (line 1, position 17) ==\nSELECT INTERVAL '1' YEAR TO MONTH\n                ^^^^^^^^^^^^^^^^^\n"},
	{"SELECT INTERVAL 1.5 DAY", "[INVALID_INTERVAL_FORMAT.INVALID_FRACTION] Error parsing ' 1.5 DAY' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. day cannot have fractional part. SQLSTATE: 22006"},
	{"SELECT INTERVAL 1.5 HOURS", "[INVALID_INTERVAL_FORMAT.INVALID_FRACTION] Error parsing ' 1.5 HOURS' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. hours cannot have fractional part. SQLSTATE: 22006"},
	{"SELECT INTERVAL '1.5' YEAR", "[INVALID_INTERVAL_FORMAT.INVALID_FRACTION] Error parsing ' 1.5 YEAR' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. year cannot have fractional part. SQLSTATE: 22006"},
	{"SELECT INTERVAL '1' NANOSECOND", "[INVALID_INTERVAL_FORMAT.INVALID_UNIT] Error parsing ' 1 NANOSECOND' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Invalid unit nanosecond. SQLSTATE: 22006"},
	{"SELECT INTERVAL 1000 NANOSECONDS", "[INVALID_INTERVAL_FORMAT.INVALID_UNIT] Error parsing ' 1000 NANOSECONDS' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Invalid unit nanoseconds. SQLSTATE: 22006"},
	{"SELECT INTERVAL 100000000000 DAYS", "[INVALID_INTERVAL_FORMAT.ARITHMETIC_EXCEPTION] Error parsing ' 100000000000 DAYS' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Uncaught arithmetic exception while parsing ' 100000000000 DAYS'. SQLSTATE: 22006"},
	{"SELECT INTERVAL 1 DAY TO HOUR", "\nThe value of from-to unit must be a string.\n== SQL (line 1, position 17) ==\nSELECT INTERVAL 1 DAY TO HOUR\n                ^^^^^^^^^^^^^\n"},
	{"SELECT INTERVAL '10' HOUR TO MINUTE", "\n[INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING_WITH_NOTICE] Error parsing '10' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Interval string does not match day-time format of `[+|-]h:m`, `INTERVAL [+|-]'[+|-]h:m' HOUR TO MINUTE` when cast to interval hour to minute: 10. Set \"spark.sql.legacy.fromDayTimeString.enabled\" to \"true\" to restore the behavior before Spark 3.0. SQLSTATE: 22006\n== SQL (line 1, position 17) ==\nSELECT INTERVAL '10' HOUR TO MINUTE\n                ^^^^^^^^^^^^^^^^^^^\n"},
}

var dataTypeErrorCases = []struct{ in, want string }{
	{"char", "\n[DATATYPE_MISSING_SIZE] DataType \"CHAR\" requires a length parameter, for example \"CHAR\"(10). Please specify the length. SQLSTATE: 42K01 (line 1, pos 0)\n\n== SQL ==\nchar\n^^^\n"},
	{"varchar", "\n[DATATYPE_MISSING_SIZE] DataType \"VARCHAR\" requires a length parameter, for example \"VARCHAR\"(10). Please specify the length. SQLSTATE: 42K01 (line 1, pos 0)\n\n== SQL ==\nvarchar\n^^^\n"},
	{"decimal(39,1)", "[DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION] Decimal precision 39 exceeds max precision 38. SQLSTATE: 22003"},
	{"decimal(5,6)", "\nDecimal scale (6) cannot be greater than precision (5).\n== SQL ==\ndecimal(5,6)"},
	{"decimal(1,2,3)", "\n[UNSUPPORTED_DATATYPE] Unsupported data type \"DECIMAL(1,2,3)\". SQLSTATE: 0A000 (line 1, pos 0)\n\n== SQL ==\ndecimal(1,2,3)\n^^^\n"},
	{"int(3)", "\n[UNSUPPORTED_DATATYPE] Unsupported data type \"INT(3)\". SQLSTATE: 0A000 (line 1, pos 0)\n\n== SQL ==\nint(3)\n^^^\n"},
	{"string(3)", "\n[UNSUPPORTED_DATATYPE] Unsupported data type \"STRING(3)\". SQLSTATE: 0A000 (line 1, pos 0)\n\n== SQL ==\nstring(3)\n^^^\n"},
	{"array", "\n[INCOMPLETE_TYPE_DEFINITION.ARRAY] Incomplete complex type: The definition of \"ARRAY\" type is incomplete. You must provide an element type. For example: \"ARRAY<INT>\". SQLSTATE: 42K01 (line 1, pos 0)\n\n== SQL ==\narray\n^^^\n"},
	{"map", "\n[INCOMPLETE_TYPE_DEFINITION.MAP] Incomplete complex type: The definition of \"MAP\" type is incomplete. You must provide a key type and a value type. For example: \"MAP<TIMESTAMP, INT>\". SQLSTATE: 42K01 (line 1, pos 0)\n\n== SQL ==\nmap\n^^^\n"},
	{"struct", "\n[INCOMPLETE_TYPE_DEFINITION.STRUCT] Incomplete complex type: The definition of \"STRUCT\" type is incomplete. You must provide at least one field type. For example: \"STRUCT<name STRING, phone DECIMAL(10, 0)>\". SQLSTATE: 42K01 (line 1, pos 0)\n\n== SQL ==\nstruct\n^^^\n"},
	{"foo", "\n[UNSUPPORTED_DATATYPE] Unsupported data type \"FOO\". SQLSTATE: 0A000 (line 1, pos 0)\n\n== SQL ==\nfoo\n^^^\n"},
	{"array<foo>", "\n[UNSUPPORTED_DATATYPE] Unsupported data type \"FOO\". SQLSTATE: 0A000 (line 1, pos 6)\n\n== SQL ==\narray<foo>\n------^^^\n"},
	{"map<int>", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near '<'. SQLSTATE: 42601 (line 1, pos 3)\n\n== SQL ==\nmap<int>\n---^^^\n"},
	{"struct<a:int,>", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near '<'. SQLSTATE: 42601 (line 1, pos 6)\n\n== SQL ==\nstruct<a:int,>\n------^^^\n"},
	{"struct<int>", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near '<'. SQLSTATE: 42601 (line 1, pos 6)\n\n== SQL ==\nstruct<int>\n------^^^\n"},
	{"interval second to minute", "\n[INVALID_INTERVAL_FORMAT.UNSUPPORTED_FROM_TO_EXPRESSION] Error parsing '' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Cannot support (interval '' second to minute) expression. SQLSTATE: 22006 (line 1, pos 0)\n\n== SQL ==\ninterval second to minute\n^^^\n"},
	{"timestamp(3)", "\n[UNSUPPORTED_DATATYPE] Unsupported data type \"TIMESTAMP(3)\". SQLSTATE: 0A000 (line 1, pos 0)\n\n== SQL ==\ntimestamp(3)\n^^^\n"},
	{"varchar(10) not null", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'not'. SQLSTATE: 42601 (line 1, pos 12)\n\n== SQL ==\nvarchar(10) not null\n------------^^^\n"},
}

var schemaErrorCases = []struct{ in, want string }{
	{"a: int", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near ':'. SQLSTATE: 42601 (line 1, pos 1)\n\n== SQL ==\na: int\n-^^^\n"},
	{"a int,", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 6)\n\n== SQL ==\na int,\n------^^^\n"},
	{"a int NOT NULL COMMENT 'x' COMMENT 'y'", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'COMMENT'. SQLSTATE: 42601 (line 1, pos 27)\n\n== SQL ==\na int NOT NULL COMMENT 'x' COMMENT 'y'\n---------------------------^^^\n"},
	{"a int comment", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 13)\n\n== SQL ==\na int comment\n-------------^^^\n"},
	{"a int default 1", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'default'. SQLSTATE: 42601 (line 1, pos 6)\n\n== SQL ==\na int default 1\n------^^^\n"},
	{"a foo", "\n[UNSUPPORTED_DATATYPE] Unsupported data type \"FOO\". SQLSTATE: 0A000 (line 1, pos 2)\n\n== SQL ==\na foo\n--^^^\n"},
	{"a int not", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input: missing 'NULL'. SQLSTATE: 42601 (line 1, pos 9)\n\n== SQL ==\na int not\n---------^^^\n"},
}

func TestSparkErrors(t *testing.T) {
	check := func(in, want string, err error) {
		t.Helper()
		if err == nil {
			t.Errorf("%q: no error, want %q", in, want)
			return
		}
		if _, ok := sparkerr.As(err); !ok {
			t.Errorf("%q: %T is not a *sparkerr.Error", in, err)
		}
		if got := err.Error(); got != want {
			t.Errorf("%q:\n got  %q\n want %q", in, got, want)
		}
	}
	for _, c := range statementErrorCases {
		_, err := ParseStatement(c.in)
		check(c.in, c.want, err)
	}
	for _, c := range dataTypeErrorCases {
		_, err := ParseDataType(c.in)
		check(c.in, c.want, err)
	}
	for _, c := range schemaErrorCases {
		_, err := ParseTableSchema(c.in)
		check(c.in, c.want, err)
	}
}

func TestErrorParams(t *testing.T) {
	_, err := ParseStatement("SELEC 1")
	se, ok := sparkerr.As(err)
	if !ok {
		t.Fatal(err)
	}
	if se.Class != "PARSE_SYNTAX_ERROR" || se.Params["error"] != "'SELEC'" || se.Params["hint"] != "" ||
		se.SQLState != "42601" || se.JavaClass != sparkerr.ParseException {
		t.Fatalf("got %#v", se)
	}
	_, err = ParseExpression("a +")
	se, _ = sparkerr.As(err)
	if se.Params["error"] != "end of input" {
		t.Fatalf("got %#v", se)
	}
	for in, want := range map[string]string{
		"":              "\n[PARSE_EMPTY_STATEMENT] Syntax error, unexpected empty statement. SQLSTATE: 42617 (line 1, pos 0)\n\n== SQL ==\n\n^^^\n",
		"   ":           "\n[PARSE_EMPTY_STATEMENT] Syntax error, unexpected empty statement. SQLSTATE: 42617 (line 1, pos 3)\n\n== SQL ==\n   \n---^^^\n",
		"-- c":          "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 4)\n\n== SQL ==\n-- c\n----^^^\n",
		";;":            "\n[PARSE_SYNTAX_ERROR] Syntax error at or near ';'. SQLSTATE: 42601 (line 1, pos 0)\n\n== SQL ==\n;;\n^^^\n",
		"SELECT 1 ; ; ": "",
	} {
		_, err := ParseStatement(in)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != want {
			t.Errorf("%q: got %q want %q", in, got, want)
		}
	}
	_, err = ParseExpression("a;")
	if want := "\n[PARSE_SYNTAX_ERROR] Syntax error at or near ';': extra input ';'. SQLSTATE: 42601 (line 1, pos 1)\n\n== SQL ==\na;\n-^^^\n"; err == nil || err.Error() != want {
		t.Errorf("got %q", err)
	}
}

// Spark 3.5 adds ANTLR's "missing ')'" hint where Spark 4 does not.
func TestMissingCloseHintFor35(t *testing.T) {
	_, err := ParseStatement("CREATE TABLE t (id INT USING parquet")
	e, ok := sparkerr.As(err)
	if !ok {
		t.Fatalf("not a Spark error: %v", err)
	}
	e.Spark35 = true
	want := "Syntax error at or near 'USING': missing ')'.(line 1, pos 23)"
	if got := e.Message(); !strings.Contains(got, want) {
		t.Fatalf("Spark 3.5 text %q does not contain %q", got, want)
	}
}
