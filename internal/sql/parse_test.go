package sql

import (
	"testing"

	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/types"
)

// Expected shapes were checked against Spark 4.2's parser output
// (parseExpression / parsePlan) for structure and precedence.
var exprCases = []struct{ in, want string }{
	{"a", "a"},
	{"`a b`.`c``d`", "`a b`.`c``d`"},
	{"a.b.c", "a.b.c"},
	{"1", "1"},
	{"-1", "-1"},
	{"- 1.5", "-1.5BD"},
	{"-(1)", "-(1)"},
	{"+a", "positive(a)"},
	{"~a", "~(a)"},
	{"-a * b", "*(-(a), b)"},
	{"2147483648", "2147483648L"},
	{"-2147483648", "-2147483648"},
	{"9223372036854775808", "9223372036854775808BD"},
	{"1L", "1L"},
	{"1S", "1S"},
	{"1Y", "1Y"},
	{"1.5", "1.5BD"},
	{".5", "0.5BD"},
	{"1.", "1BD"},
	{"0.00", "0.00BD"},
	{"1e3", "1000D"},
	{"1.5E-2", "0.015D"},
	{"1.5D", "1.5D"},
	{"1.5F", "1.5F"},
	{"1.5BD", "1.5BD"},
	{"1.5e2BD", "150BD"},
	{"'a' 'b'", "'ab'"},
	{"\"dq\"", "'dq'"},
	{"'it''s'", "'it\\'s'"},
	{"'a\\tb\\u0041\\101'", "'a\tbAA'"},
	{"r'a\\n'", "'a\\n'"},
	{"'100\\%'", "'100\\%'"},
	{"true", "true"},
	{"FALSE", "false"},
	{"NULL", "NULL"},
	{"DATE '2020-01-01'", "DATE(18262)"},
	{"TIMESTAMP '2020-01-01 10:00:00'", "TIMESTAMP_SESSION(1577872800000000)"},
	{"TIMESTAMP '2020-01-01 10:00:00Z'", "TIMESTAMP(1577872800000000)"},
	{"TIMESTAMP_NTZ '2020-01-01 10:00:00.123456'", "TIMESTAMP_NTZ(1577872800123456)"},
	{"X'0A'", "X'0A'"},
	{"X'A'", "X'0A'"},
	{"INTERVAL 1 DAY", "INTERVAL(86400000000 interval day)"},
	{"INTERVAL '1' DAY", "INTERVAL(86400000000 interval day)"},
	{"INTERVAL 1 DAY 2 HOURS", "INTERVAL(93600000000 interval day to hour)"},
	{"INTERVAL '1-2' YEAR TO MONTH", "INTERVAL(14 interval year to month)"},
	{"INTERVAL '1 2:03:04.5' DAY TO SECOND", "INTERVAL(93784500000 interval day to second)"},
	{"INTERVAL 3 MONTHS", "INTERVAL(3 interval month)"},
	{"INTERVAL -'1' DAY", "INTERVAL(-86400000000 interval day)"},
	{"INTERVAL '1 day 2 hours'", "INTERVAL(93600000000 interval day to hour)"},
	{"INTERVAL 2 WEEKS 100 MILLISECONDS", "INTERVAL(1209600100000 interval day to second)"},
	{"INTERVAL 1 DAY + 1", "+(INTERVAL(86400000000 interval day), 1)"},
	{"INTERVAL '1' DAY - INTERVAL 2 HOURS", "-(INTERVAL(86400000000 interval day), INTERVAL(7200000000 interval hour))"},
	{"a = b", "==(a, b)"},
	{"a == b", "==(a, b)"},
	{"a <=> b", "<=>(a, b)"},
	{"a <> b", "not(==(a, b))"},
	{"a != b", "not(==(a, b))"},
	{"a < b AND a <= b OR a > b AND a >= b", "or(and(<(a, b), <=(a, b)), and(>(a, b), >=(a, b)))"},
	{"NOT a = b AND c", "and(not(==(a, b)), c)"},
	{"!a", "not(a)"},
	{"a = b = c", "==(==(a, b), c)"},
	{"a + b * c - d / e % f", "-(+(a, *(b, c)), %(/(d, e), f))"},
	{"a DIV b", "div(a, b)"},
	{"a || b || c", "concat(concat(a, b), c)"},
	{"a & b | c ^ d", "|(&(a, b), ^(c, d))"},
	{"a << 1 + 2", "<<(a, +(1, 2))"},
	{"a >> 1 >>> 2", ">>>(>>(a, 1), 2)"},
	{"a BETWEEN 1 AND 2 AND b", "and(between(a, 1, 2), b)"},
	{"a NOT BETWEEN 1 AND 2", "not(between(a, 1, 2))"},
	{"a IN (1, 2)", "in(a, 1, 2)"},
	{"a NOT IN (1)", "not(in(a, 1))"},
	{"a IN (SELECT b FROM t)", "(a) IN (Project[b](Table[t]))"},
	{"(a, b) NOT IN (SELECT 1, 2)", "(a, b) NOT IN (Project[1, 2])"},
	{"a LIKE 'x%'", "like(a, 'x%')"},
	{"a NOT LIKE 'x' ESCAPE '/'", "not(like(a, 'x', '/'))"},
	{"a ILIKE 'x'", "ilike(a, 'x')"},
	{"a RLIKE 'x'", "rlike(a, 'x')"},
	{"a REGEXP 'x'", "rlike(a, 'x')"},
	{"a LIKE ANY ('x', 'y')", "likeany(a, 'x', 'y')"},
	{"a NOT LIKE ALL ('x')", "notlikeall(a, 'x')"},
	{"a ILIKE SOME ('X')", "likeany(lower(a), lower('X'))"},
	{"a IS NULL", "isNull(a)"},
	{"a IS NOT NULL", "isNotNull(a)"},
	{"a IS TRUE", "<=>(a, true)"},
	{"a IS NOT FALSE", "not(<=>(a, false))"},
	{"a IS UNKNOWN", "isNull(a)"},
	{"a IS DISTINCT FROM b", "not(<=>(a, b))"},
	{"a IS NOT DISTINCT FROM b", "<=>(a, b)"},
	{"1 + 2 IN (3)", "in(+(1, 2), 3)"},
	{"CAST(a AS INT)", "CAST(a AS int)"},
	{"TRY_CAST(a AS DECIMAL(10, 2))", "TRY_CAST(a AS decimal(10,2))"},
	{"a::string", "CAST(a AS string)"},
	{"-a::int", "-(CAST(a AS int))"},
	{"CAST(a AS ARRAY<STRUCT<x: INT, y STRING>>)", "CAST(a AS array<struct<x:int,y:string>>)"},
	{"CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END", "CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END"},
	{"CASE a WHEN 1 THEN 'x' END", "CASE WHEN ==(a, 1) THEN 'x' END"},
	{"count(*)", "count(1)"},
	{"count(DISTINCT a, b)", "count(DISTINCT a, b)"},
	{"COUNT(ALL a)", "COUNT(a)"},
	{"sum(a) FILTER (WHERE a > 0)", "sum(a) FILTER (WHERE >(a, 0))"},
	{"first(a IGNORE NULLS)", "first(a, true)"},
	{"first(a) IGNORE NULLS", "first(a, true)"},
	{"last_value(a) RESPECT NULLS", "last_value(a, false)"},
	{"lag(a, 1) IGNORE NULLS OVER (ORDER BY b)", "lag(a, 1) IGNORE NULLS OVER (ORDER BY b ASC)"},
	{"percentile_cont(0.5) WITHIN GROUP (ORDER BY a DESC)", "percentile_cont(0.5BD) WITHIN GROUP (ORDER BY a DESC)"},
	{"db.f(a)", "db.f(a)"},
	{"f(x => 1, y => 'a')", "f(x => 1, y => 'a')"},
	{"struct(a AS x, b)", "struct(a AS x, b)"},
	{"(a, b AS y, 1)", "named_struct('a', a, 'y', b, 'col3', 1)"},
	{"(a)", "a"},
	{"transform(arr, x -> x + 1)", "transform(arr, lambda(x -> +(#x, 1)))"},
	{"aggregate(arr, 0, (acc, x) -> acc + x)", "aggregate(arr, 0, lambda(acc, x -> +(#acc, #x)))"},
	{"transform(arr, x -> transform(x, y -> y + x + z))", "transform(arr, lambda(x -> transform(#x, lambda(y -> +(+(#y, #x), z)))))"},
	{"sum(a) OVER (PARTITION BY b ORDER BY c DESC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)", "sum(a) OVER (PARTITION BY b ORDER BY c DESC NULLS FIRST ROWS BETWEEN UNBOUNDED AND CURRENT ROW)"},
	{"rank() OVER (ORDER BY a RANGE BETWEEN 2 PRECEDING AND 3 FOLLOWING)", "rank() OVER (ORDER BY a ASC RANGE BETWEEN negative(2) AND 3)"},
	{"row_number() OVER w", "row_number() OVER w"},
	{"sum(a) OVER (w)", "sum(a) OVER w"},
	{"sum(a) OVER (DISTRIBUTE BY b SORT BY c ROWS 1 PRECEDING)", "sum(a) OVER (PARTITION BY b ORDER BY c ASC ROWS BETWEEN negative(1) AND CURRENT ROW)"},
	{"a[0]", "a[0]"},
	{"a['k'][1]", "a['k'][1]"},
	{"a.b[0].c", "a.b[0]['c']"},
	{"f(a).b", "f(a)['b']"},
	{"*", "*"},
	{"t.*", "t.*"},
	{"EXISTS (SELECT 1)", "exists(Project[1])"},
	{"NOT EXISTS (SELECT 1)", "not(exists(Project[1]))"},
	{"(SELECT max(a) FROM t)", "scalar-subquery(Project[max(a)](Table[t]))"},
	{"exists(arr, x -> x > 0)", "exists(arr, lambda(x -> >(#x, 0)))"},
	{"EXTRACT(YEAR FROM d)", "extract('YEAR', d)"},
	{"POSITION('a' IN s)", "locate('a', s)"},
	{"position('a', s)", "position('a', s)"},
	{"SUBSTRING(s FROM 2 FOR 3)", "substring(s, 2, 3)"},
	{"substr(s, 2)", "substr(s, 2)"},
	{"SUBSTR(s FROM 2 FOR 1)", "substring(s, 2, 1)"},
	{"TRIM(s)", "TRIM(s)"},
	{"TRIM(BOTH 'x' FROM s)", "trim('x', s)"},
	{"TRIM(LEADING FROM s)", "ltrim(s)"},
	{"TRIM(TRAILING 'x' FROM s)", "rtrim('x', s)"},
	{"OVERLAY(s PLACING 'x' FROM 2 FOR 1)", "overlay(s, 'x', 2, 1)"},
	{"TIMESTAMPADD(MONTH, 1, d)", "timestampadd('MONTH', 1, d)"},
	{"dateadd(day, 1, d)", "timestampadd('day', 1, d)"},
	{"date_add(d, 1)", "date_add(d, 1)"},
	{"DATEDIFF(DAY, a, b)", "timestampdiff('DAY', a, b)"},
	{"datediff(a, b)", "datediff(a, b)"},
	{"current_date", "current_date()"},
	{"CURRENT_TIMESTAMP", "current_timestamp()"},
	{"current_date()", "current_date()"},
	{"user", "current_user()"},
	{"a COLLATE UTF8_LCASE", "collate(a, 'UTF8_LCASE')"},
	{":name + ?", "+(:name, ?0)"},
	{"IDENTIFIER('a.b')", "a.b"},
	{"a AS b", "a AS b"},
	{"a b", "a AS b"},
	{"a AS (x, y)", "a AS (x, y)"},
	{"f(a) (x, y)", "f(a) AS (x, y)"},
}

func TestParseExpression(t *testing.T) {
	for _, c := range exprCases {
		e, err := ParseExpression(c.in)
		if err != nil {
			t.Errorf("%q: unexpected error %v", c.in, err)
			continue
		}
		if got := FormatExpr(e); got != c.want {
			t.Errorf("%q:\n got  %s\n want %s", c.in, got, c.want)
		}
	}
}

var queryCases = []struct{ in, want string }{
	{"SELECT 1", "Project[1]"},
	{"SELECT 1 AS one, 'a' b", "Project[1 AS one, 'a' AS b]"},
	{"SELECT * FROM t", "Project[*](Table[t])"},
	{"SELECT a, b FROM db.t WHERE a > 1", "Project[a, b](Filter[>(a, 1)](Table[db.t]))"},
	{"SELECT DISTINCT a FROM t", "Distinct(Project[a](Table[t]))"},
	{"SELECT ALL a FROM t", "Project[a](Table[t])"},
	{"SELECT a FROM t AS x", "Project[a](Alias[x](Table[t]))"},
	{"SELECT x.a FROM t x (a, b)", "Project[x.a](Alias[x(a, b)](Table[t]))"},
	{"SELECT * FROM `my db`.`t.x`", "Project[*](Table[`my db`.`t.x`])"},
	{"SELECT * FROM t WITH ('k' = 'v')", "Project[*](Table[t; k=v])"},
	{"SELECT a, count(*) FROM t GROUP BY a", "Aggregate[groupby: a; aggs: a, count(1)](Table[t])"},
	{"SELECT a, count(*) FROM t GROUP BY 1 HAVING count(*) > 1", "Aggregate[groupby: 1; aggs: a, count(1); having: >(count(1), 1)](Table[t])"},
	{"SELECT count(*) FROM t HAVING count(*) > 1", "Aggregate[groupby: ; aggs: count(1); having: >(count(1), 1)](Table[t])"},
	{"SELECT a, b, sum(c) FROM t GROUP BY ROLLUP(a, b)", "Aggregate[rollup: a, b; aggs: a, b, sum(c)](Table[t])"},
	{"SELECT a, b, sum(c) FROM t GROUP BY CUBE(a, b)", "Aggregate[cube: a, b; aggs: a, b, sum(c)](Table[t])"},
	{"SELECT a, b, sum(c) FROM t GROUP BY a, b WITH CUBE", "Aggregate[cube: a, b; aggs: a, b, sum(c)](Table[t])"},
	{"SELECT a, b, sum(c) FROM t GROUP BY GROUPING SETS ((a, b), (a), ())", "Aggregate[groupingsets: a, b; sets: (a, b), (a), (); aggs: a, b, sum(c)](Table[t])"},
	{"SELECT a, b, sum(c) FROM t GROUP BY a, b GROUPING SETS ((a, b), a)", "Aggregate[groupingsets: a, b; sets: (a, b), (a); aggs: a, b, sum(c)](Table[t])"},
	{"SELECT a, b, c FROM t GROUP BY a, ROLLUP(b, c)", "Aggregate[groupingsets: a, b, c; sets: (a, b, c), (a, b), (a); aggs: a, b, c](Table[t])"},
	{"SELECT a FROM t GROUP BY ALL", "Aggregate[groupby: ALL; aggs: a](Table[t])"},
	{"SELECT a FROM t ORDER BY a DESC NULLS LAST, 2", "Sort[a DESC NULLS LAST, 2 ASC](Project[a](Table[t]))"},
	{"SELECT a FROM t SORT BY a", "SortLocal[a ASC](Project[a](Table[t]))"},
	{"SELECT a FROM t DISTRIBUTE BY a SORT BY a", "SortLocal[a ASC](Repartition(Project[a](Table[t])))"},
	{"SELECT a FROM t CLUSTER BY a", "SortLocal[a ASC](Repartition(Project[a](Table[t])))"},
	{"SELECT a FROM t LIMIT 10", "Limit[10](Project[a](Table[t]))"},
	{"SELECT a FROM t LIMIT ALL", "Project[a](Table[t])"},
	{"SELECT a FROM t LIMIT 10 OFFSET 5", "Limit[10](Offset[5](Project[a](Table[t])))"},
	{"SELECT a FROM t OFFSET 5", "Offset[5](Project[a](Table[t]))"},
	{"SELECT * FROM a JOIN b ON a.id = b.id", "Project[*](Join[inner, ==(a.id, b.id)](Table[a], Table[b]))"},
	{"SELECT * FROM a INNER JOIN b USING (id, k)", "Project[*](Join[inner, using id, k](Table[a], Table[b]))"},
	{"SELECT * FROM a LEFT JOIN b ON x LEFT OUTER JOIN c ON y", "Project[*](Join[left, y](Join[left, x](Table[a], Table[b]), Table[c]))"},
	{"SELECT * FROM a RIGHT OUTER JOIN b ON x", "Project[*](Join[right, x](Table[a], Table[b]))"},
	{"SELECT * FROM a FULL JOIN b ON x", "Project[*](Join[full, x](Table[a], Table[b]))"},
	{"SELECT * FROM a FULL OUTER JOIN b ON x", "Project[*](Join[full, x](Table[a], Table[b]))"},
	{"SELECT * FROM a LEFT SEMI JOIN b ON x", "Project[*](Join[semi, x](Table[a], Table[b]))"},
	{"SELECT * FROM a SEMI JOIN b ON x", "Project[*](Join[semi, x](Table[a], Table[b]))"},
	{"SELECT * FROM a LEFT ANTI JOIN b ON x", "Project[*](Join[anti, x](Table[a], Table[b]))"},
	{"SELECT * FROM a ANTI JOIN b ON x", "Project[*](Join[anti, x](Table[a], Table[b]))"},
	{"SELECT * FROM a CROSS JOIN b", "Project[*](Join[cross](Table[a], Table[b]))"},
	{"SELECT * FROM a NATURAL JOIN b", "Project[*](Join[inner, natural](Table[a], Table[b]))"},
	{"SELECT * FROM a NATURAL LEFT JOIN b", "Project[*](Join[left, natural](Table[a], Table[b]))"},
	{"SELECT * FROM a JOIN b", "Project[*](Join[inner](Table[a], Table[b]))"},
	{"SELECT * FROM a, b, c WHERE a.x = b.x", "Project[*](Filter[==(a.x, b.x)](Join[inner](Join[inner](Table[a], Table[b]), Table[c])))"},
	{"SELECT * FROM a, LATERAL (SELECT a.x) l", "Project[*](LateralJoin[inner](Table[a], Alias[l](Project[a.x])))"},
	{"SELECT * FROM a JOIN LATERAL (SELECT a.x) l ON true", "Project[*](LateralJoin[inner, true](Table[a], Alias[l](Project[a.x])))"},
	{"SELECT * FROM a LEFT JOIN LATERAL explode(a.arr) e", "Project[*](LateralJoin[left](Table[a], Alias[e](TableFunction[explode(a.arr)])))"},
	{"SELECT * FROM (a JOIN b ON x) j", "Project[*](Alias[j](Join[inner, x](Table[a], Table[b])))"},
	{"SELECT * FROM (SELECT 1 AS x) s", "Project[*](Alias[s](Project[1 AS x]))"},
	{"SELECT * FROM (SELECT 1 AS x) AS s(y)", "Project[*](Alias[s(y)](Project[1 AS x]))"},
	{"SELECT * FROM (SELECT 1)", "Project[*](Project[1])"},
	{"SELECT * FROM ((SELECT 1) UNION ALL (SELECT 2)) u", "Project[*](Alias[u](UnionAll(Project[1], Project[2])))"},
	{"SELECT * FROM t LATERAL VIEW explode(arr) e AS x", "Project[*](LateralView[explode(arr) e AS x](Table[t]))"},
	{"SELECT * FROM t LATERAL VIEW OUTER posexplode(arr) e AS pos, x LATERAL VIEW inline(s) i", "Project[*](LateralView[inline(s) i](LateralView[outer posexplode(arr) e AS pos, x](Table[t])))"},
	{"SELECT * FROM t PIVOT (sum(v) AS s, avg(v) FOR k IN ('a' AS x, 'b'))", "Project[*](Pivot[sum(v) AS s, avg(v) FOR k IN ('a' AS x, 'b')](Table[t]))"},
	{"SELECT * FROM t PIVOT (sum(v) FOR (k1, k2) IN (('a', 1) AS a1, ('b', 2)))", "Project[*](Pivot[sum(v) FOR k1, k2 IN (named_struct('col1', 'a', 'col2', 1) AS a1, named_struct('col1', 'b', 'col2', 2))](Table[t]))"},
	{"SELECT * FROM t UNPIVOT (v FOR k IN (a, b AS bb))", "Project[*](Unpivot[v FOR k IN ((a), (b) AS bb)](Table[t]))"},
	{"SELECT * FROM t UNPIVOT INCLUDE NULLS ((v1, v2) FOR k IN ((a, b) AS ab, (c, d))) u", "Project[*](Alias[u](Unpivot[include nulls v1, v2 FOR k IN ((a, b) AS ab, (c, d))](Table[t])))"},
	{"SELECT * FROM VALUES (1, 'a'), (2, 'b') AS t(id, name)", "Project[*](Alias[t](Values[(1, 'a'), (2, 'b'); id, name]))"},
	{"SELECT * FROM VALUES 1, 2", "Project[*](Values[(1), (2)])"},
	{"VALUES (1, 2), (3, 4)", "Values[(1, 2), (3, 4)]"},
	{"VALUES 1, 2 AS t(x)", "Alias[t](Values[(1), (2); x])"},
	{"SELECT * FROM t TABLESAMPLE (10 PERCENT)", "Project[*](Sample[0, 0.1](Table[t]))"},
	{"SELECT * FROM t TABLESAMPLE (5 ROWS)", "Project[*](Limit[5](Table[t]))"},
	{"SELECT * FROM t TABLESAMPLE (BUCKET 1 OUT OF 4) REPEATABLE (42)", "Project[*](Sample[0, 0.25, seed 42](Table[t]))"},
	{"SELECT * FROM range(10)", "Project[*](TableFunction[range(10)])"},
	{"SELECT * FROM range(0, 10, 2) r", "Project[*](Alias[r](TableFunction[range(0, 10, 2)]))"},
	{"SELECT * FROM explode(array(1, 2)) AS e(x)", "Project[*](Alias[e(x)](TableFunction[explode(array(1, 2))]))"},
	{"SELECT * FROM IDENTIFIER('db.t')", "Project[*](Table[db.t])"},
	{"SELECT /*+ BROADCAST(b), MERGE(a, b) */ * FROM a JOIN b ON x", "Hint[BROADCAST](Hint[MERGE](Project[*](Join[inner, x](Table[a], Table[b]))))"},
	{"TABLE t", "Table[t]"},
	{"TABLE db.t", "Table[db.t]"},
	{"FROM t SELECT a WHERE a > 1", "Project[a](Filter[>(a, 1)](Table[t]))"},
	{"FROM t SELECT a SELECT b", "UnionAll(Project[a](Table[t]), Project[b](Table[t]))"},
	{"FROM t", "Table[t]"},
	{"SELECT 1 UNION SELECT 2", "Union(Project[1], Project[2])"},
	{"SELECT 1 UNION ALL SELECT 2", "UnionAll(Project[1], Project[2])"},
	{"SELECT 1 UNION DISTINCT SELECT 2", "Union(Project[1], Project[2])"},
	{"SELECT 1 EXCEPT SELECT 2", "Except(Project[1], Project[2])"},
	{"SELECT 1 EXCEPT ALL SELECT 2", "ExceptAll(Project[1], Project[2])"},
	{"SELECT 1 MINUS SELECT 2", "Except(Project[1], Project[2])"},
	{"SELECT 1 INTERSECT ALL SELECT 2", "IntersectAll(Project[1], Project[2])"},
	{"SELECT 1 UNION SELECT 2 INTERSECT SELECT 3", "Union(Project[1], Intersect(Project[2], Project[3]))"},
	{"(SELECT 1) UNION (SELECT 2) ORDER BY 1 LIMIT 1", "Limit[1](Sort[1 ASC](Union(Project[1], Project[2])))"},
	{"((SELECT 1))", "Project[1]"},
	{"WITH c AS (SELECT 1 AS x) SELECT * FROM c", "With[c = Project[1 AS x]](Project[*](Table[c]))"},
	{"WITH c(x) AS (SELECT 1), d AS (SELECT * FROM c) SELECT * FROM d", "With[c(x) = Project[1], d = Project[*](Table[c])](Project[*](Table[d]))"},
	{"WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r", "WithRecursive[r(n) = UnionAll(Project[1], Project[+(n, 1)](Filter[<(n, 3)](Table[r])))](Project[*](Table[r]))"},
	{"SELECT * FROM (WITH c AS (SELECT 1) SELECT * FROM c)", "Project[*](With[c = Project[1]](Project[*](Table[c])))"},
	{"SELECT a, rank() OVER w FROM t WINDOW w AS (PARTITION BY b ORDER BY c)", "Project[a, rank() OVER (PARTITION BY b ORDER BY c ASC)](Table[t])"},
	{"SELECT sum(a) OVER w2 FROM t WINDOW w1 AS (PARTITION BY b), w2 AS w1", "Project[sum(a) OVER (PARTITION BY b)](Table[t])"},
	{"SELECT a, row_number() OVER (ORDER BY a) AS rn FROM t QUALIFY rn = 1", "Qualify[==(rn, 1)](Project[a, row_number() OVER (ORDER BY a ASC) AS rn](Table[t]))"},
	{"SELECT a, rank() OVER w r FROM t QUALIFY r = 1 AND sum(a) OVER w > 0 WINDOW w AS (ORDER BY a)", "Qualify[and(==(r, 1), >(sum(a) OVER (ORDER BY a ASC), 0))](Project[a, rank() OVER (ORDER BY a ASC) AS r](Table[t]))"},
	{"FROM t |> WHERE a > 1 |> SELECT a, b + 1 AS c |> ORDER BY a |> LIMIT 3", "Limit[3](Sort[a ASC](Project[a, +(b, 1) AS c](Filter[>(a, 1)](Table[t]))))"},
	{"TABLE t |> EXTEND a + 1 AS b |> SET c = 0 |> DROP d |> AS x", "Alias[x](Drop[d](WithColumns[0 AS c](Project[*, +(a, 1) AS b](Table[t]))))"},
	{"FROM t |> AGGREGATE sum(v) AS s GROUP BY k", "Aggregate[groupby: k; aggs: sum(v) AS s](Table[t])"},
	{"FROM t |> JOIN s USING (k) |> UNION ALL TABLE u", "UnionAll(Join[inner, using k](Table[t], Table[s]), Table[u])"},
	{"SELECT 1 WHERE true", "Project[1](Filter[true](<nil>))"},
	{"SELECT * EXCEPT (a, b.c) FROM t", "Project[* EXCEPT (a, b.c)](Table[t])"},
	{"SELECT t.* EXCEPT (a) FROM t", "Project[t.* EXCEPT (a)](Table[t])"},
	{"SELECT a FROM t WHERE a IN (SELECT b FROM s WHERE s.c = t.c)", "Project[a](Filter[(a) IN (Project[b](Filter[==(s.c, t.c)](Table[s])))](Table[t]))"},
	{"SELECT (SELECT max(b) FROM s) FROM t", "Project[scalar-subquery(Project[max(b)](Table[s]))](Table[t])"},
	{"SELECT * FROM t WHERE EXISTS (SELECT 1 FROM s WHERE s.a = t.a)", "Project[*](Filter[exists(Project[1](Filter[==(s.a, t.a)](Table[s])))](Table[t]))"},
	{"SELECT explode(arr) AS (x)", "Project[explode(arr) AS x]"},
	{"SELECT posexplode(arr) AS (p, x) FROM t", "Project[posexplode(arr) AS (p, x)](Table[t])"},
	{"SELECT * FROM t WHERE a = :p AND b = ?", "Project[*](Filter[and(==(a, :p), ==(b, ?0))](Table[t]))"},
	{"SELECT 1;", "Project[1]"},
	{"SELECT 1 AS `select`, 2 AS from_", "Project[1 AS select, 2 AS from_]"},
	{"SELECT a FROM t where", "Project[a](Alias[where](Table[t]))"},
	{"SELECT count(*) c FROM t GROUP BY a ORDER BY c DESC LIMIT 3", "Limit[3](Sort[c DESC](Aggregate[groupby: a; aggs: count(1) AS c](Table[t])))"},
}

func TestParseQuery(t *testing.T) {
	for _, c := range queryCases {
		r, err := ParseQuery(c.in)
		if err != nil {
			t.Errorf("%q: unexpected error %v", c.in, err)
			continue
		}
		if got := FormatRelation(r); got != c.want {
			t.Errorf("%q:\n got  %s\n want %s", c.in, got, c.want)
		}
	}
}

// TestLiteralTypes checks the types and Go values literals get.
func TestLiteralTypes(t *testing.T) {
	cases := []struct {
		in    string
		typ   types.DataType
		value any
	}{
		{"1", types.Int, int32(1)},
		{"-2147483648", types.Int, int32(-2147483648)},
		{"2147483648", types.Long, int64(2147483648)},
		{"10L", types.Long, int64(10)},
		{"-128Y", types.Byte, int8(-128)},
		{"7S", types.Short, int16(7)},
		{"1.5D", types.Double, 1.5},
		{"1e3", types.Double, 1000.0},
		{"2.5F", types.Float, float32(2.5)},
		{"1.50", types.Decimal{Precision: 3, Scale: 2}, plan.DecimalValue{Unscaled: "150", Precision: 3, Scale: 2}},
		{"0.5", types.Decimal{Precision: 1, Scale: 1}, plan.DecimalValue{Unscaled: "5", Precision: 1, Scale: 1}},
		{"0.00", types.Decimal{Precision: 2, Scale: 2}, plan.DecimalValue{Unscaled: "0", Precision: 2, Scale: 2}},
		{"-12.5BD", types.Decimal{Precision: 3, Scale: 1}, plan.DecimalValue{Unscaled: "-125", Precision: 3, Scale: 1}},
		{"9223372036854775808", types.Decimal{Precision: 19, Scale: 0}, plan.DecimalValue{Unscaled: "9223372036854775808", Precision: 19, Scale: 0}},
		{"'x'", types.String, "x"},
		{"true", types.Boolean, true},
		{"NULL", types.Null, nil},
		{"X'0aFF'", types.Binary, []byte{0x0a, 0xff}},
		{"DATE '1970-01-02'", types.Date, plan.Date(1)},
		{"DATE '1969-12-31'", types.Date, plan.Date(-1)},
		{"TIMESTAMP_NTZ '1970-01-01 00:00:01.5'", types.TimestampNTZ, plan.TimestampNTZ(1500000)},
		{"TIMESTAMP '1970-01-01 01:00:00+01:00'", types.Timestamp, plan.Timestamp(0)},
		{"INTERVAL 1 SECOND", types.DayTimeInterval{Start: types.SecondField, End: types.SecondField}, plan.DayTime(1000000)},
		{"INTERVAL '10:20' HOUR TO MINUTE", types.DayTimeInterval{Start: types.HourField, End: types.MinuteField}, plan.DayTime(37200000000)},
		{"INTERVAL 1 YEAR 2 MONTHS", types.YearMonthInterval{Start: types.YearField, End: types.MonthField}, plan.YearMonth(14)},
		{"INTERVAL '-1-2' YEAR TO MONTH", types.YearMonthInterval{Start: types.YearField, End: types.MonthField}, plan.YearMonth(-14)},
	}
	for _, c := range cases {
		e, err := ParseExpression(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		l, ok := e.(*plan.Literal)
		if !ok {
			t.Errorf("%q: got %T, want literal", c.in, e)
			continue
		}
		if !types.Equal(l.Type, c.typ) {
			t.Errorf("%q: type %s, want %s", c.in, l.Type.SimpleString(), c.typ.SimpleString())
		}
		if FormatExpr(&plan.Literal{Type: l.Type, Value: l.Value}) != FormatExpr(&plan.Literal{Type: c.typ, Value: c.value}) {
			t.Errorf("%q: value %#v, want %#v", c.in, l.Value, c.value)
		}
	}
}

func TestSessionTimestamp(t *testing.T) {
	e, err := ParseExpression("TIMESTAMP '2020-01-01 10:00'")
	if err != nil {
		t.Fatal(err)
	}
	st, ok := e.(*plan.SessionTimestamp)
	if !ok || st.WallMicros != 1577872800000000 {
		t.Fatalf("got %#v", e)
	}
}

func TestPositionalParameters(t *testing.T) {
	r, err := ParseQuery("SELECT ?, ? FROM t WHERE a = ?")
	if err != nil {
		t.Fatal(err)
	}
	if got := FormatRelation(r); got != "Project[?0, ?1](Filter[==(a, ?2)](Table[t]))" {
		t.Fatal(got)
	}
}
