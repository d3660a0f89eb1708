"""spark.sql with and without parameters, temp views, global temp views, catalog."""

from pyspark.sql.functions import col, expr

from harness import case


@case()
def sql_select_literals(spark):
    return spark.sql("SELECT 1 AS a, 'x' AS b, 2.5 AS c, 1e3 AS d, true AS e, NULL AS f, "
                     "DATE'2024-01-01' AS g, X'0A0B' AS h, 9999999999 AS i, 1.0BD AS j")


@case()
def sql_positional_args(spark):
    return spark.sql("SELECT ? + 1 AS a, ? AS b, ? AS c", args=[41, "txt", 2.5])


@case()
def sql_named_args(spark):
    return spark.sql("SELECT :x * 2 AS y, :s AS s, :d AS d",
                     args={"x": 21, "s": "hi", "d": __import__("datetime").date(2024, 1, 2)})


@case()
def sql_named_args_in_filter(spark):
    return spark.sql("SELECT id FROM range(10) WHERE id > :lo AND id < :hi ORDER BY id",
                     args={"lo": 3, "hi": 7})


@case(versions=("4",))  # the 3.5 Connect client does not support DataFrame kwargs
def sql_dataframe_kwargs(spark):
    df = spark.range(5)
    return spark.sql("SELECT id * 2 AS x FROM {df} WHERE id > {lo} ORDER BY x", df=df, lo=1)


@case()
def sql_values_and_cte(spark):
    return spark.sql(
        "WITH t AS (SELECT * FROM VALUES (1, 'a'), (2, 'b'), (3, NULL) AS t(id, name)) "
        "SELECT id, coalesce(name, '?') AS name FROM t WHERE id >= 2 ORDER BY id DESC")


@case()
def sql_subqueries(spark):
    return spark.sql(
        "SELECT id, (SELECT max(id) FROM range(5)) AS mx FROM range(10) "
        "WHERE id IN (SELECT id * 2 FROM range(3)) AND EXISTS (SELECT 1) ORDER BY id")


@case()
def sql_case_when(spark):
    return spark.sql("SELECT id, CASE WHEN id % 3 = 0 THEN 'fizz' WHEN id % 5 = 0 THEN 'buzz' "
                     "ELSE CAST(id AS STRING) END AS fb, CASE id WHEN 1 THEN 'one' END AS w "
                     "FROM range(1, 7) ORDER BY id")


@case()
def sql_lateral_view_explode(spark):
    return spark.sql("SELECT id, x FROM VALUES (1, array(1, 2)), (2, array()) AS t(id, xs) "
                     "LATERAL VIEW explode(xs) e AS x ORDER BY id, x")


@case()
def sql_order_nulls(spark):
    return spark.sql("SELECT * FROM VALUES (1), (NULL), (3) AS t(v) ORDER BY v DESC NULLS FIRST")


@case()
def sql_string_escapes(spark):
    return spark.sql(r"SELECT 'it''s' AS a, 'tab\there' AS b, 'new\nline' AS c, "
                     r"'back\\slash' AS d, 'uni\u00e9' AS e, " + '"dq" AS f')


@case()
def sql_set_operations(spark):
    return spark.sql("(SELECT id FROM range(5) UNION SELECT id FROM range(3, 8)) "
                     "EXCEPT SELECT 4 ORDER BY id")


@case()
def sql_show_functions_like(spark):
    return spark.sql("SHOW FUNCTIONS LIKE 'date_a*'")


@case()
def temp_view_roundtrip(spark, fx):
    spark.read.parquet(fx["people"]).createOrReplaceTempView("people")
    return [spark.sql("SELECT id, name FROM people WHERE age > 40 ORDER BY id"),
            spark.table("people").select("dept").distinct().orderBy(col("dept").asc_nulls_first()),
            spark.catalog.tableExists("people")]


@case()
def temp_view_replace(spark):
    spark.range(3).createOrReplaceTempView("v")
    first = spark.table("v").count()
    spark.range(7).createOrReplaceTempView("v")
    return [first, spark.table("v").count()]


@case()
def temp_view_already_exists(spark):
    spark.range(3).createTempView("v_once")
    return spark.range(1).createTempView("v_once")


@case()
def temp_view_drop(spark):
    spark.range(3).createTempView("v_drop")
    dropped = spark.catalog.dropTempView("v_drop")
    return [dropped, spark.catalog.tableExists("v_drop"), spark.catalog.dropTempView("v_drop")]


@case()
def temp_view_is_session_scoped(spark, fx):
    spark.range(3).createOrReplaceTempView("private_view")
    other = fx.new_session()
    return [spark.catalog.tableExists("private_view"), other.catalog.tableExists("private_view")]


@case()
def global_temp_view_shared_across_sessions(spark, fx):
    spark.range(5).createOrReplaceGlobalTempView("gv_shared")
    try:
        other = fx.new_session()
        return [other.table("global_temp.gv_shared").count()]
    finally:
        spark.catalog.dropGlobalTempView("gv_shared")


@case()
def global_temp_view(spark):
    spark.range(4).createOrReplaceGlobalTempView("gv_case")
    try:
        # observe eagerly: the view is dropped when the case returns
        return [spark.sql("SELECT sum(id) AS s FROM global_temp.gv_case").collect(),
                spark.table("global_temp.gv_case").count(),
                spark.catalog.tableExists("gv_case", "global_temp")]
    finally:
        spark.catalog.dropGlobalTempView("gv_case")


@case()
def global_temp_view_not_in_default_db(spark, fx):
    spark.range(4).createOrReplaceGlobalTempView("gv_case2")
    try:
        return [spark.catalog.tableExists("gv_case2"),
                spark.catalog.tableExists("global_temp.gv_case2"),
                fx.error(lambda: spark.table("gv_case2").count())]
    finally:
        spark.catalog.dropGlobalTempView("gv_case2")


@case()
def catalog_current_database(spark):
    return [spark.catalog.currentDatabase(), spark.catalog.currentCatalog()]


@case()
def catalog_list_temp_views(spark):
    spark.range(1).createOrReplaceTempView("zz_view_b")
    spark.range(1).createOrReplaceTempView("zz_view_a")
    tables = sorted((t.name, t.tableType, t.isTemporary) for t in spark.catalog.listTables()
                    if t.name.startswith("zz_view"))
    return [tables]


@case()
def sql_create_view_statement(spark):
    spark.sql("CREATE OR REPLACE TEMPORARY VIEW sv AS SELECT id, id * id AS sq FROM range(4)")
    return spark.sql("SELECT * FROM sv WHERE sq > 1 ORDER BY id")


@case()
def sql_conf_set_and_get(spark):
    spark.sql("SET spark.sql.shuffle.partitions=7")
    spark.conf.set("spark.sql.ansi.enabled", "false")
    return [spark.conf.get("spark.sql.shuffle.partitions"), spark.conf.get("spark.sql.ansi.enabled"),
            spark.conf.get("spark.sql.session.timeZone"),
            spark.conf.get("spark.ember.no.such.key", "fallback")]


@case()
def sql_describe_query(spark):
    return spark.sql("DESCRIBE QUERY SELECT 1 AS a, 'x' AS b")


@case()
def sql_describe_table_schema(spark):
    spark.sql("CREATE TEMP VIEW describe_me AS SELECT 1 AS a, 'x' AS b")
    return spark.sql("DESCRIBE TABLE describe_me")


@case()
def expression_string_doubled_quotes(spark):
    # SQL text sent as expression strings (expr, selectExpr) follows the
    # same string literal rules as spark.sql.
    df = spark.range(1)
    return [df.select(expr("'it''s'").alias("a")), df.selectExpr("'a''b' AS x", "\"q\"\"r\" AS y")]


@case()
def sql_explain_not_error(spark):
    df = spark.sql("EXPLAIN SELECT 1")
    return [df.columns, df.count()]
