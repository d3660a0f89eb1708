"""ANSI interval types and interval arithmetic: interval +/- interval,
timestamp - timestamp, interval * and / numbers, unary minus, abs,
comparisons, sum/avg/min/max, show(), casts to string, EXTRACT of
interval fields, try_* of intervals and overflow / division errors.

Year-month intervals cannot be collected by PySpark clients (nor on real
Spark), so their cases observe the schema, show() text and string casts."""

import datetime as dt

from pyspark.sql import functions as F
from pyspark.sql.functions import col, expr
from pyspark.sql.types import DayTimeIntervalType, StringType, StructField, StructType, TimestampType

from harness import case


def _dt_df(spark):
    schema = StructType([StructField("k", StringType()), StructField("v", DayTimeIntervalType(), True)])
    return spark.createDataFrame(
        [("a", dt.timedelta(days=1, hours=2, seconds=3, microseconds=500000)),
         ("a", dt.timedelta(hours=-5, minutes=-30)),
         ("b", dt.timedelta(seconds=10)),
         ("b", None)], schema)


@case()
def day_time_arithmetic_sql(spark):
    return spark.sql(
        "SELECT INTERVAL '1' DAY + INTERVAL '2' HOUR AS a, "
        "INTERVAL '1' DAY - INTERVAL '25' HOUR AS b, "
        "INTERVAL '3' MINUTE + INTERVAL '4.5' SECOND AS c, "
        "INTERVAL '1 02:03:04.5' DAY TO SECOND * 2 AS d, "
        "INTERVAL '10' HOUR * 1.5 AS e, 3 * INTERVAL '3' DAY AS f, "
        "INTERVAL '10' HOUR * 0.25D AS g, "
        "INTERVAL '10' HOUR / 4 AS h, INTERVAL '10' SECOND / 3 AS i, "
        "INTERVAL '-5' SECOND / 2 AS j, INTERVAL '1' DAY / 2.5D AS k, "
        "- INTERVAL '1 02:03:04.5' DAY TO SECOND AS l, abs(INTERVAL '-3' HOUR) AS m, "
        "+INTERVAL '7' MINUTE AS n")


@case()
def year_month_arithmetic_sql(spark, fx):
    df = spark.sql(
        "SELECT INTERVAL '1' YEAR + INTERVAL '2' MONTH AS a, "
        "INTERVAL '1-2' YEAR TO MONTH - INTERVAL '3' YEAR AS b, "
        "INTERVAL '1-2' YEAR TO MONTH * 3 AS c, INTERVAL '1-1' YEAR TO MONTH * 0.5 AS d, "
        "INTERVAL '1-1' YEAR TO MONTH / 2 AS e, INTERVAL '-1' MONTH / 3 AS f, "
        "INTERVAL '-13' MONTH / 2 AS g, -INTERVAL '1-2' YEAR TO MONTH AS h, "
        "abs(INTERVAL '-5' MONTH) AS i")
    return [df.schema, fx.show(df, truncate=False),
            df.selectExpr(*[f"cast({c} as string) AS {c}" for c in df.columns])]


@case()
def datetime_differences(spark):
    df = spark.createDataFrame(
        [(dt.datetime(2024, 3, 1, 0, 0), dt.datetime(2024, 2, 28, 12, 0, 0, 250000), dt.date(2024, 3, 1)),
         (dt.datetime(2023, 12, 31, 23, 59, 59), dt.datetime(2024, 1, 1, 0, 0), dt.date(2020, 2, 29)),
         (None, dt.datetime(2024, 1, 1), None)],
        "t1 timestamp, t2 timestamp, d date")
    return df.select((col("t1") - col("t2")).alias("tt"), (col("d") - col("t2")).alias("dt"),
                     expr("t1 - d").alias("td"), expr("d - DATE'2020-01-01'").alias("dd"),
                     expr("CAST(t1 AS TIMESTAMP_NTZ) - CAST(t2 AS TIMESTAMP_NTZ)").alias("ntz"),
                     expr("t2 + (t1 - t2)").alias("back"))


@case()
def datetime_plus_interval(spark):
    return spark.sql(
        "SELECT TIMESTAMP'2024-02-29 12:00:00' + INTERVAL '1 01:30' DAY TO MINUTE AS a, "
        "TIMESTAMP'2024-03-31 00:00:00' - INTERVAL '1' MONTH AS b, "
        "DATE'2024-01-31' + INTERVAL '1-1' YEAR TO MONTH AS c, "
        "DATE'2024-03-01' - INTERVAL '1' DAY AS d, "
        "DATE'2024-03-01' + INTERVAL '2' HOUR AS e, "
        "INTERVAL '3' DAY + DATE'2024-02-27' AS f")


@case()
def interval_comparisons(spark):
    return spark.sql(
        "SELECT INTERVAL '1' DAY > INTERVAL '23' HOUR AS a, INTERVAL '1' DAY = INTERVAL '24' HOUR AS b, "
        "INTERVAL '1' YEAR = INTERVAL '12' MONTH AS c, INTERVAL '-1' MONTH < INTERVAL '0' YEAR AS d, "
        "INTERVAL '90' MINUTE BETWEEN INTERVAL '1' HOUR AND INTERVAL '2' HOUR AS e, "
        "greatest(INTERVAL '1' DAY, INTERVAL '30' HOUR) AS f, "
        "INTERVAL '1' SECOND <=> CAST(NULL AS INTERVAL SECOND) AS g")


@case()
def interval_compare_families_error(spark):
    return spark.sql("SELECT INTERVAL '1' DAY < INTERVAL '1' MONTH AS d")


@case()
def interval_aggregates(spark):
    df = _dt_df(spark)
    return df.groupBy("k").agg(F.sum("v").alias("s"), F.avg("v").alias("a"), F.min("v").alias("mi"),
                               F.max("v").alias("ma"), F.count("v").alias("n")).orderBy("k")


@case()
def interval_aggregates_sql(spark, fx):
    dtv = spark.sql("SELECT sum(v) s, avg(v) a, min(v) mi, max(v) ma FROM VALUES "
                    "(INTERVAL '1' DAY), (INTERVAL '5' HOUR), (CAST(NULL AS INTERVAL DAY TO HOUR)) t(v)")
    ym = spark.sql("SELECT sum(v) s, avg(v) a, min(v) mi, max(v) ma FROM VALUES "
                   "(INTERVAL '1' MONTH), (INTERVAL '2' MONTH), (INTERVAL '-1-1' YEAR TO MONTH) t(v)")
    return [dtv, ym.schema, fx.show(ym, truncate=False)]


@case()
def interval_show_and_cast(spark, fx):
    df = _dt_df(spark)
    sql = spark.sql(
        "SELECT cast(INTERVAL '1 02:03:04.5' DAY TO SECOND AS string) a, "
        "cast(INTERVAL '-1-2' YEAR TO MONTH AS string) b, cast(INTERVAL '-90' MINUTE AS string) c, "
        "cast(INTERVAL '36' HOUR AS string) d, cast(INTERVAL '3' MONTH AS string) e, "
        "cast(INTERVAL '10' YEAR AS string) f, cast(INTERVAL '12:30' HOUR TO MINUTE AS string) g, "
        "cast(INTERVAL '0.000001' SECOND AS string) h")
    return [fx.show(df), fx.show(df, truncate=False), df.select(col("v").cast("string").alias("s")), sql]


@case()
def interval_extract(spark):
    return spark.sql(
        "SELECT extract(DAY FROM INTERVAL '1 02:03:04.5' DAY TO SECOND) a, "
        "extract(HOUR FROM INTERVAL '1 02:03:04.5' DAY TO SECOND) b, "
        "extract(MINUTE FROM INTERVAL '-1 02:03:04.5' DAY TO SECOND) c, "
        "extract(SECOND FROM INTERVAL '1 02:03:04.5' DAY TO SECOND) d, "
        "date_part('YEAR', INTERVAL '1-2' YEAR TO MONTH) e, "
        "date_part('MONTH', INTERVAL '-1-2' YEAR TO MONTH) f, "
        "extract(MINUTE FROM INTERVAL '-90' MINUTE) g, extract(HOUR FROM INTERVAL '36' HOUR) h")


@case()
def interval_try_functions(spark, fx):
    df = spark.sql(
        "SELECT try_add(INTERVAL '106751991' DAY, INTERVAL '106751991' DAY) a, "
        "try_add(INTERVAL '1' DAY, INTERVAL '2' HOUR) b, "
        "try_add(DATE'2024-01-31', INTERVAL '1' MONTH) c, "
        "try_subtract(INTERVAL '1' DAY, INTERVAL '2' HOUR) d, "
        "try_multiply(INTERVAL '1' DAY, 3) e, try_multiply(INTERVAL '106751991' DAY, 2) f, "
        "try_divide(INTERVAL '1' DAY, 0) g, try_divide(INTERVAL '3' HOUR, 2) h")
    ym = spark.sql(
        "SELECT try_add(INTERVAL '1' YEAR, INTERVAL '1' MONTH) a, "
        "try_add(INTERVAL '178956970-7' YEAR TO MONTH, INTERVAL '1' MONTH) b, "
        "try_divide(INTERVAL '3' YEAR, 2) c, try_multiply(INTERVAL '2' YEAR, 2) d, "
        "try_divide(INTERVAL '3' YEAR, 0) e")
    return [df, ym.schema, fx.show(ym, truncate=False)]


@case()
def interval_errors(spark, fx):
    def run(q):
        return lambda: spark.sql(q).collect()
    return [fx.error(run("SELECT INTERVAL '106751991' DAY + INTERVAL '106751991' DAY")),
            fx.error(run("SELECT -INTERVAL '106751991' DAY - INTERVAL '106751991' DAY")),
            fx.error(run("SELECT cast(INTERVAL '178956970-7' YEAR TO MONTH + INTERVAL '1' MONTH AS string)")),
            fx.error(run("SELECT INTERVAL '1' DAY / 0")),
            fx.error(run("SELECT cast(INTERVAL '1' MONTH / 0 AS string)")),
            fx.error(run("SELECT INTERVAL '1' DAY * 'x'")),
            fx.error(run("SELECT INTERVAL '1' DAY + 1"))]


@case()
def interval_dataframe_api(spark):
    df = _dt_df(spark)
    return df.select("k", (col("v") * 2).alias("x2"), (col("v") / 4).alias("q"), (-col("v")).alias("neg"),
                     (col("v") + F.expr("INTERVAL '1' HOUR")).alias("plus"),
                     (col("v") > F.expr("INTERVAL '0' SECOND")).alias("pos"),
                     F.expr("v + v").alias("twice")).orderBy("k", "x2")


@case()
def make_interval_functions(spark, fx):
    dtv = spark.sql("SELECT make_dt_interval(1, 2, 3, 4.5) a, make_dt_interval() b, "
                    "make_dt_interval(-1, 25, 0, 0) c")
    ym = spark.sql("SELECT make_ym_interval(1, 2) a, make_ym_interval() b, make_ym_interval(-1, 14) c")
    return [dtv, ym.schema, fx.show(ym, truncate=False)]


@case()
def timestamp_column_interval_sum(spark):
    schema = StructType([StructField("t", TimestampType(), True)])
    df = spark.createDataFrame([(dt.datetime(2024, 1, 1, 10),), (dt.datetime(2024, 1, 2, 12, 30),),
                                (dt.datetime(2024, 1, 1, 9, 15),)], schema)
    first = df.agg(F.min("t").alias("lo"))
    return df.crossJoin(first).select((col("t") - col("lo")).alias("since")).agg(
        F.sum("since").alias("total"), F.avg("since").alias("mean"), F.max("since").alias("longest"))


# Calendar intervals (make_interval) times or divided by a number:
# multiply_interval / divide_interval behind * and /, and try_multiply /
# try_divide. Calendar intervals cannot be collected by PySpark clients, so
# these cases observe show() text.

def _cal_scale_sql(spark):
    # selectExpr, not spark.sql: a 3.5 client cannot read a calendar
    # interval schema, but show() is rendered by the server.
    return spark.range(1).selectExpr(
        "try_multiply(make_interval(1, 3), 2) a", "try_divide(make_interval(1), 2) b",
        "try_multiply(make_interval(1, 3), 0) c", "try_divide(make_interval(1), 0) d",
        "try_multiply(make_interval(1, 3, 0, 1, 2, 3, 4.5), 3) e", "try_divide(make_interval(1, 3, 0, 1, 2, 3, 4.5), 3) f",
        "try_multiply(make_interval(1, 3), 2.5D) g", "try_divide(make_interval(1, 3, 1, 1), 2.5D) h",
        "try_multiply(make_interval(1, 3), 2.5) i", "try_multiply(2, make_interval(1, 3)) j",
        "try_multiply(make_interval(100000000), 1000) k", "try_divide(make_interval(1), 0.0D) l",
        "try_multiply(make_interval(0, 1, 0, 1, 0, 0, 0.000001), 0.5D) m", "try_divide(make_interval(1), CAST(NULL AS INT)) n",
        "try_multiply(make_interval(0, 0, 0, 0, 0, 0, -7), 0.1D) o", "try_divide(make_interval(0, 0, 0, 7), 3) p",
        "try_divide(make_interval(0, -7), 3) q", "try_divide(make_interval(0, 0, 0, 0, 0, 0, -0.000007), 3) r",
        "try_multiply(make_interval(0, 5, 0, 5), -0.5D) s", "try_multiply(make_interval(1, 3), CAST(2 AS TINYINT)) t",
        "try_multiply(make_interval(1), double('NaN')) u", "try_multiply(make_interval(1, 0, 0, 1), double('Infinity')) v")


@case()
def calendar_interval_try_scale(spark, fx):
    return [fx.show(_cal_scale_sql(spark), truncate=False, vertical=True)]


@case()
def calendar_interval_operators(spark, fx):
    one = spark.range(1)
    ops = one.selectExpr("make_interval(1, 3) * 2", "make_interval(1) / 2.5", "2 * make_interval(1)",
                         "make_interval(1) * '2'", "make_interval(0, 0, 1, 1) / 3")
    return [fx.show(ops, truncate=False),
            fx.error(lambda: fx.show(one.selectExpr("make_interval(100000000) * 1000 AS x"))),
            fx.error(lambda: fx.show(one.selectExpr("make_interval(1) / 0 AS x"))),
            fx.error(lambda: fx.show(one.selectExpr("make_interval(1) * make_interval(1) AS x"))),
            fx.error(lambda: fx.show(one.selectExpr("2 / make_interval(1) AS x"))),
            fx.error(lambda: fx.show(one.selectExpr("try_divide(2, make_interval(1)) AS x"))),
            fx.error(lambda: fx.show(one.selectExpr("make_interval(1) / make_interval(1) AS x"))),
            fx.error(lambda: fx.show(one.selectExpr("try_multiply(make_interval(1), DATE'2020-01-01') AS x"))),
            fx.error(lambda: fx.show(one.selectExpr("make_interval(1) * INTERVAL '1' DAY AS x")))]


@case()
def calendar_interval_try_scale_dataframe(spark, fx):
    # The doctests of try_multiply / try_divide.
    df = spark.range(6).select(F.make_interval(F.col("id"), F.lit(3)).alias("itvl"), F.col("id"))
    df2 = spark.range(4).select(F.make_interval(F.lit(1)).alias("itvl"), F.col("id"))
    return [fx.show(df.select("*", F.try_multiply("itvl", "id"))),
            fx.show(df2.select("*", F.try_divide("itvl", "id"))),
            fx.show(df2.select(F.try_multiply(F.col("itvl"), F.lit(1.5)).alias("r"),
                               (F.col("itvl") * 2).alias("s"), (F.col("itvl") / 4).alias("t")), truncate=False)]


@case()
def date_plus_calendar_interval(spark, fx):
    # date ± calendar interval stays a date (DateAddInterval); a time part
    # fails under ANSI (Spark 4) and is applied at the session zone's
    # midnight without it (Spark 3.5's default).
    q = spark.sql(
        "SELECT date'2020-01-31' + make_interval(0, 1) a, date'2020-03-31' - make_interval(0, 1) b, "
        "date'2020-01-01' + make_interval(1, 2, 3, 4) c, try_add(date'2020-01-01', make_interval(1)) d, "
        "try_subtract(date'2020-01-01', make_interval(1)) e, try_add(date'2020-01-01', make_interval(0, 0, 0, 1, 1)) f, "
        "typeof(date'2020-01-01' + make_interval(1)) g, date'2020-01-01' + CAST(NULL AS INTERVAL) h, "
        "make_interval(1) + date'2020-01-01' i")
    named = spark.sql("SELECT date'2020-01-01' + make_interval(1), date'2020-01-01' - make_interval(0, 2)")
    df = spark.createDataFrame([(dt.date(2015, 9, 30), 1)], ["d", "i"])
    return [q, named.columns, df.select(F.try_add(df.d, F.make_interval(df.i)).alias("r")),
            df.select(F.try_subtract(df.d, F.make_interval(df.i)).alias("r")),
            fx.error(lambda: spark.sql("SELECT date'2020-01-01' + make_interval(0, 0, 0, 1, 1) x, "
                                       "date'2020-01-01' - make_interval(0, 0, 0, 0, 1) y").collect())]


@case()
def calendar_interval_add(spark, fx):
    # Calendar interval ± calendar interval, field by field (the try_add /
    # try_subtract doctests); overflow fails under ANSI, is NULL under try_.
    one = spark.range(1)
    df = spark.createDataFrame([(2015, 10)], ["year", "month"])
    return [fx.show(one.selectExpr("make_interval(1) + make_interval(0, 1, 0, 1, 1) AS a",
                                   "make_interval(1) - make_interval(0, 1, 0, 1, 1) AS b",
                                   "try_add(make_interval(178956970), make_interval(178956970)) AS c",
                                   "try_subtract(make_interval(-178956970), make_interval(178956970)) AS d",
                                   "try_add(make_interval(1), CAST(NULL AS INTERVAL)) AS e"), truncate=False),
            fx.show(df.select(F.try_add(F.make_interval(df.year), F.make_interval(df.month)).alias("r")), truncate=False),
            fx.show(df.select(F.try_subtract(F.make_interval(df.year), F.make_interval(df.month)).alias("r")), truncate=False),
            fx.error(lambda: fx.show(one.selectExpr("make_interval(178956970) + make_interval(178956970) AS x"))),
            fx.error(lambda: fx.show(one.selectExpr("make_interval(-178956970) - make_interval(178956970) AS x")))]
