"""Decimal arithmetic at the edge of DECIMAL(38): results Spark adjusts to
38 digits, overflow with ANSI mode off (NULL) and on (an error), and
exact products summed and averaged."""

from harness import case

_VALUES = ("VALUES (CAST(99999999999999999999999999999999 AS DECIMAL(32,0)), "
           "CAST(9999999 AS DECIMAL(16,0))), "
           "(CAST(1 AS DECIMAL(32,0)), CAST(1 AS DECIMAL(16,0))) AS t(a, b)")


def _ansi(spark, on):
    spark.conf.set("spark.sql.ansi.enabled", "true" if on else "false")


@case()
def product_overflow_is_null_without_ansi(spark):
    _ansi(spark, False)
    return spark.sql("SELECT a * b AS p, a + b AS s FROM " + _VALUES)


@case()
def sum_skips_overflowing_products_without_ansi(spark):
    _ansi(spark, False)
    return spark.sql("SELECT sum(a * b) AS s, count(a * b) AS n FROM " + _VALUES)


@case()
def exact_products_summed_and_averaged(spark):
    _ansi(spark, True)
    df = spark.sql("SELECT CAST(id AS DECIMAL(15,2)) / 7 AS x, CAST(id % 5 AS DECIMAL(16,2)) / 100 AS d, "
                   "id % 3 AS g FROM range(1000)")
    df = df.selectExpr("CAST(x AS DECIMAL(15,2)) AS x", "CAST(d AS DECIMAL(16,2)) AS d", "g")
    return df.groupBy("g").agg({"x": "sum"}).orderBy("g"), df.selectExpr(
        "g", "x * (1 - d) AS p", "x * (1 - d) * (1 + d) AS q").groupBy("g").agg(
        {"p": "sum", "q": "sum"}).orderBy("g"), df.selectExpr("sum(x * (1 - d))", "avg(x * (1 - d))",
                                                            "sum(x + d)", "avg(x - d)", "sum(DISTINCT x * d)")


@case()
def cast_overflow_ansi(spark):
    _ansi(spark, True)
    return [lambda: spark.sql("SELECT CAST(99999999999999 AS DECIMAL(15,2))").collect(),
            lambda: spark.sql("SELECT CAST(a AS DECIMAL(15,2)) FROM VALUES (-99999999999999) AS t(a)").collect(),
            lambda: spark.sql("SELECT CAST(a AS DECIMAL(5,3)) FROM VALUES (CAST(123.5 AS DECIMAL(6,2))) AS t(a)").collect()]
