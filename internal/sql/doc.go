// Package sql parses Spark SQL text into Ember's unresolved IR (package
// plan). It is hand written, following Spark's grammar (SqlBaseLexer.g4 /
// SqlBaseParser.g4) and SQL reference as the specification.
//
// # Pipeline
//
//	text ──► lexer (lexer.go) ──► []token ──► parser (parser.go, expr.go,
//	query.go, statement.go, datatype.go, literal.go) ──► plan.Expr /
//	plan.Relation / Statement / types.DataType
//
// The lexer produces every token up front with its byte span. Keywords are
// not separate token kinds: nearly all of Spark's keywords are
// non-reserved (with the default spark.sql.ansi.enforceReservedKeywords =
// false), so an unquoted word is a tIdent and the parser decides from
// context whether it is a keyword, a column or an alias. Back-quoted
// identifiers (“ `a“b` ”) and strings ('..', "..", R'raw', Spark's
// backslash escapes, adjacent literals concatenated) are decoded by the
// lexer; numbers keep their suffix (1L 1S 1Y 1.5D 1.5F 1.5BD) and are typed
// by the parser. Comments (--, nested /* */) are skipped; /*+ starts a
// hint.
//
// The parser is recursive descent. Expressions use precedence climbing
// with Spark's levels, loosest first: OR; AND; NOT; predicates ([NOT]
// BETWEEN / IN / LIKE / ILIKE / RLIKE, IS ...), which apply once to a
// whole value expression; comparison (= == <=> <> != < <= > >=); |; ^; &;
// << >> >>>; + - ||; * / % DIV; unary - + ~; then postfix [i], .field,
// ::type and COLLATE on primaries. Parse functions panic with a bailout
// carrying a *sparkerr.Error; entry points recover it. p.attempt gives
// cheap backtracking for the few ambiguous spots (special-form calls such
// as TRIM(BOTH ..) vs trim(..), "(" query ")" vs "(" expr ")").
//
// # Errors
//
// Every error is a *sparkerr.Error with JavaClass ParseException (except
// the few Spark raises as other exceptions). Syntax errors are
// PARSE_SYNTAX_ERROR with params error = the offending token quoted as
// ANTLR shows it ('SELEC', end of input) and hint ("", ": extra input 'x'",
// ": missing ')'"); Context holds Spark's suffix
// " (line L, pos P)\n\n== SQL ==\n<text>\n<dashes>^^^\n". Spark's
// ParseException.getMessage additionally starts with "\n", which
// sparkerr's Message format cannot express; the caller adds it if needed.
// Errors Spark raises while building the plan (bad literals, intervals)
// carry its fragment context "\n== SQL (line L, position P) ==\n...".
// To approximate ANTLR's choice of offending token the parser reports the
// error that got furthest among abandoned alternatives, and reports a
// keyword that ends the input after a complete statement as "extra input".
//
// # Operators and special forms → function names
//
// Operators become plan.UnresolvedFunction with the names PySpark's
// Connect client uses, so the analyzer sees one naming scheme:
//
//	a = b, a == b        ==(a, b)
//	a <=> b              <=>(a, b)
//	a <> b, a != b       not(==(a, b))          (as Spark's parser)
//	< <= > >=            <, <=, >, >=
//	AND, OR, NOT, !      and, or, not
//	+ - * / %            +, -, *, /, %
//	a DIV b              div(a, b)
//	a || b               concat(a, b)
//	& | ^                &, |, ^
//	<< >> >>>            <<, >>, >>>             (Spark names these "(a << b)", unlike shiftleft())
//	-a, +a, ~a           negative(a), positive(a), ~(a); -<number> is a negative literal
//	a IS [NOT] NULL      isNull(a) / isNotNull(a); IS [NOT] UNKNOWN likewise
//	a IS [NOT] TRUE      <=>(a, true) / not(<=>(a, true)) (FALSE likewise)
//	a IS [NOT] DISTINCT FROM b   not(<=>(a, b)) / <=>(a, b)
//	a [NOT] BETWEEN x AND y      between(a, x, y) [wrapped in not]
//	a [NOT] IN (x, y)            in(a, x, y) [wrapped in not]
//	a [NOT] IN (query)           *plan.InSubquery (row constructors unpacked into Values)
//	a [NOT] LIKE p [ESCAPE 'e']  like(a, p[, 'e']); ILIKE → ilike; RLIKE/REGEXP → rlike
//	a [NOT] LIKE ANY|SOME|ALL (p, ...)  likeany / likeall / notlikeany / notlikeall(a, p...);
//	                             ILIKE variants wrap a and each pattern in lower(...)
//	CASE x WHEN v THEN r ...     *plan.CaseWhen with conditions ==(x, v) (Operand nil), as Spark
//	CAST / TRY_CAST / x::t       *plan.Cast (Mode EvalTry for TRY_CAST)
//	EXISTS (query)               *plan.Exists; (query) → *plan.ScalarSubquery
//	EXTRACT(f FROM x)            extract('f', x)
//	POSITION(s IN x)             locate(s, x)
//	SUBSTR|SUBSTRING(x FROM p FOR n)   substr|substring(x, p[, n])
//	TRIM([BOTH|LEADING|TRAILING] [c] FROM s)   trim|ltrim|rtrim([c,] s)
//	OVERLAY(x PLACING r FROM p [FOR n])        overlay(x, r, p[, n])
//	TIMESTAMPADD|DATEADD|DATE_ADD(unit, n, ts) timestampadd('UNIT', n, ts)
//	TIMESTAMPDIFF|DATEDIFF|DATE_DIFF|TIMEDIFF(unit, a, b)  timestampdiff('UNIT', a, b)
//	CURRENT_DATE, CURRENT_TIMESTAMP (no parens)  current_date(), current_timestamp()
//	CURRENT_USER, USER, SESSION_USER             current_user()
//	x COLLATE c                  collate(x, 'c')
//	(a, b AS n, 1)               named_struct('a', a, 'n', b, 'col3', 1) (CreateStruct naming)
//	STRUCT(a AS x, b)            struct(a AS x, b) (aliases kept as *plan.Alias args)
//	count(*)                     count(1), as Spark
//	first|last|any_value(x IGNORE NULLS), first(x) IGNORE NULLS   first(x, true)
//	f(x) IGNORE|RESPECT NULLS    *plan.NullTreatment (lag, lead, nth_value, ...)
//	f(...) WITHIN GROUP (ORDER BY ..)  *plan.WithinGroup
//	f(...) FILTER (WHERE c)      UnresolvedFunction.Filter
//	f(...) OVER w / OVER (...)   *plan.Window (Name set for an undefined window name)
//	f(k => v)                    *plan.NamedArgument
//	x -> e, (x, y) -> e          *plan.LambdaFunction; references to x in e become *plan.LambdaVar
//	a.b.c                        UnresolvedAttribute{a, b, c}; on a non-attribute: ExtractValue(e, 'c')
//	a[i]                         *plan.ExtractValue
//	t.*, * [EXCEPT (a, b)]       *plan.UnresolvedStar / *plan.UnresolvedStarExcept
//	?, :name                     *plan.Parameter (Index counts '?' markers from 0)
//
// Function names are kept as written (compare case-insensitively); a
// qualified name db.f is joined with ".". IDENTIFIER('a.b') with a
// constant string is resolved at parse time into a name.
//
// # Literals
//
// Integers are int, then bigint, then decimal(n,0) when they do not fit;
// 1L/1S/1Y are bigint/smallint/tinyint; 1.5 and 1.5BD are decimals (Java
// BigDecimal precision/scale; plan.DecimalValue); 1e3 and 1.5D are double;
// 1.5F is float. DATE '..' and TIMESTAMP_NTZ '..' become literals;
// TIMESTAMP/TIMESTAMP_LTZ '..' with an explicit zone becomes a Timestamp
// literal, without one a *plan.SessionTimestamp (wall-clock µs the analyzer
// reads in the session time zone). X'..' is binary. INTERVAL literals
// become ANSI year-month (plan.YearMonth) or day-time (plan.DayTime)
// literals typed by the units written, as Spark does with
// spark.sql.legacy.interval.enabled=false.
//
// # Queries
//
// A query becomes a plan.Relation: FROM → ReadTable / TableFunction /
// Values / subquery (SubqueryAlias when aliased); joins → Join (comma join
// = inner without condition; LATERAL → LateralJoin); LATERAL VIEW →
// LateralView; WHERE → Filter; GROUP BY → Aggregate (select list in Aggs,
// HAVING in Having; HAVING without GROUP BY gives an Aggregate with no
// grouping; GROUP BY ALL is the attribute `ALL`, as in Spark; ROLLUP/CUBE
// alone map to Type Rollup/Cube, anything mixed is expanded to explicit
// GroupingSets); otherwise Project (Input nil without FROM); DISTINCT →
// Deduplicate; QUALIFY → Qualify; the WINDOW clause is substituted into
// the window expressions; hints wrap the result in Hint; ORDER BY → Sort
// (global), SORT BY → Sort (local), DISTRIBUTE BY → Repartition, CLUSTER BY
// → Repartition + local Sort; OFFSET → Offset; LIMIT → Limit (LIMIT ALL
// none); set operations → SetOp (INTERSECT binds tighter); WITH → WithCTE;
// PIVOT/UNPIVOT → Pivot/Unpivot; TABLESAMPLE (x PERCENT | BUCKET x OUT OF y)
// → Sample, (n ROWS) → Limit. Integer literals in ORDER BY / GROUP BY are
// left as literals: the analyzer treats them as ordinals. A clause that
// needs an input when there is no FROM (SELECT 1 WHERE true, GROUP BY,
// LATERAL VIEW) gets a nil Input, which stands for Spark's one-row
// relation, as Project's nil Input does.
//
// SQL pipe syntax (query |> op) is supported: SELECT → Project, EXTEND →
// Project[*, exprs], SET → WithColumns, DROP → Drop, AS → SubqueryAlias,
// WHERE → Filter, AGGREGATE → Aggregate with GroupingInOutput, joins,
// set operations, PIVOT/UNPIVOT, TABLESAMPLE, ORDER BY/LIMIT/OFFSET.
//
// # Statements
//
// ParseStatement returns a *QueryStatement or a command (SetCommand,
// ResetCommand, SetTimeZone, UseNamespace, Explain, CreateView,
// CreateTempViewUsing, DropView, Create/DropNamespace, CreateTable,
// CreateTableLike, DropTable, InsertInto, Show* (ShowTableExtended
// included), Describe*, Cache/UncacheTable, ClearCache, RefreshTable,
// TruncateTable, AlterNamespace, AlterTable* (rename, add columns,
// set/unset properties, add/drop partitions, set location), AlterViewAs,
// RecoverPartitions (also MSCK REPAIR TABLE), AnalyzeTable). PARTITION
// (col = literal, ...) specs become a PartitionSpec holding the string
// Spark makes of each literal. Commands Spark has but Ember does not
// (other ALTER TABLE forms such as ALTER/CHANGE/DROP/RENAME COLUMN,
// DELETE, UPDATE, MERGE, LOAD DATA, CREATE FUNCTION, variables, ...) fail
// with UNSUPPORTED_FEATURE.EMBER; anything else is PARSE_SYNTAX_ERROR.
// Checks Spark makes while building the plan (partition columns without a
// value, duplicate keys, reserved properties, ...) run once the whole
// statement has parsed, so a syntax error anywhere is reported first.
//
// # Positions
//
// Plan nodes carry no positions; ParseStatementSpans / ParseQuerySpans /
// ParseExpressionSpans also return a Spans side table from node pointers
// to source ranges, for errors that must point into the query.
//
// Not supported (reported as errors): SELECT TRANSFORM scripts,
// multi-insert (FROM t INSERT ...), time travel, TABLE arguments of table
// functions, SQL scripting, the TIME type and non-default collations.
package sql
