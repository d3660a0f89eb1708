"""TIME(p) (Spark 4.1+): literals, casts, createDataFrame, collect/show/
toPandas, ordering and the TIME functions.

Spark 4.2 ships TIME behind spark.sql.timeType.enabled (off by default):
most cases turn it on first; the time_off_* cases keep the default, under
which Spark refuses TIME patchily (UNSUPPORTED_TIME_TYPE), and the time_35_*
cases show what a Spark 3.5 server, which has no TIME, raises.
"""
import datetime

from harness import case
from pyspark.sql import functions as sf
from pyspark.sql.types import StructField, StructType


def _on(spark):
    spark.conf.set("spark.sql.timeType.enabled", "true")


@case(versions=("4",))
def time_literals(spark, fx):
    _on(spark)
    return spark.sql("SELECT TIME'12:34:56' a, TIME'12:34:56.123' b, TIME'1:2' c, "
                     "TIME'12:34:56.1234567' d, typeof(TIME'12:34:56.1') e")


@case(versions=("4",))
def time_literal_errors(spark, fx):
    _on(spark)
    return [fx.error(lambda: spark.sql("SELECT TIME'25:00:00'").collect()),
            fx.error(lambda: spark.sql("SELECT TIME'12'").collect()),
            fx.error(lambda: spark.sql("SELECT CAST(NULL AS TIME(7))").collect())]


@case(versions=("4",))
def time_casts(spark, fx):
    _on(spark)
    return spark.sql(
        "SELECT CAST('12:34' AS TIME) a, CAST('12:34:56.987654' AS TIME(3)) b, "
        "CAST(TIME'12:34:56.987654' AS TIME(0)) c, typeof(CAST('1:1' AS TIME(3))) d, "
        "CAST(TIME'12:34:56.5' AS STRING) e, CAST(TIME'00:00:00.0001' AS STRING) f, "
        "CAST(TIME'12:34:56.5' AS BIGINT) g, CAST(TIME'12:34:56.5' AS INT) h, "
        "CAST(TIME'12:34:56.5' AS DECIMAL(10,2)) i, try_cast('x' AS TIME) j")


@case(versions=("4",))
def time_cast_errors(spark, fx):
    _on(spark)
    return [fx.error(lambda: spark.sql("SELECT CAST('x' AS TIME)").collect()),
            fx.error(lambda: spark.sql("SELECT CAST(TIME'1:2:3' AS DOUBLE)").collect()),
            fx.error(lambda: spark.sql("SELECT CAST(TIME'1:2:3' AS TIMESTAMP)").collect()),
            fx.error(lambda: spark.sql("SELECT CAST(DATE'2020-01-01' AS TIME)").collect()),
            fx.error(lambda: spark.sql("SELECT CAST(3600 AS TIME)").collect())]


@case(versions=("4",))
def time_create_dataframe(spark, fx):
    from pyspark.sql.types import TimeType  # 4.1+ clients only
    _on(spark)
    df = spark.createDataFrame(
        [(datetime.time(12, 34, 56, 123456), 1), (datetime.time(1, 2, 3), 2), (None, 3)], ["t", "i"])
    df3 = spark.createDataFrame([(datetime.time(12, 34, 56, 123456),)],
                                StructType([StructField("t", TimeType(3))]))
    return [df.schema, df.collect(), fx.show(df), df.toPandas(), df.orderBy("t").collect(),
            df.filter(sf.col("t") > sf.lit(datetime.time(2, 0))).collect(),
            df3.schema, df3.collect()]


@case(versions=("4",))
def time_compare_sort(spark, fx):
    _on(spark)
    return spark.sql(
        "SELECT t, t < TIME'12:00' lt, t = '01:00:00' eq FROM VALUES (TIME'12:00'), (TIME'01:00'), (NULL), "
        "(TIME'23:59:59.999999') AS v(t) ORDER BY t")


@case(versions=("4",))
def time_aggregates(spark, fx):
    _on(spark)
    return spark.sql("SELECT max(t), min(t), count(DISTINCT t) FROM VALUES (TIME'12:00'), (TIME'01:00'), "
                     "(TIME'01:00') AS v(t)")


@case(versions=("4",))
def time_nested(spark, fx):
    _on(spark)
    return spark.sql("SELECT named_struct('a', TIME'1:2:3') s, array(TIME'4:5:6.5') a")


@case(versions=("4",))
def time_parts(spark, fx):
    _on(spark)
    df = spark.sql("SELECT TIME'12:34:56.5' t")
    return df.select(sf.hour("t"), sf.minute("t"), sf.second("t"))


@case(versions=("4",))
def time_make_time(spark, fx):
    _on(spark)
    df = spark.createDataFrame([(6, 30, 45.887), (0, 0, 0.0), (23, 59, 59.999999)], ["h", "m", "s"])
    return [df.select(sf.make_time("h", "m", "s").alias("t")),
            spark.sql("SELECT make_time(6, 30, 45), make_time(6, 30, NULL)"),
            fx.error(lambda: spark.sql("SELECT make_time(25, 30, 45)").collect()),
            fx.error(lambda: spark.sql("SELECT make_time(6, 61, 45)").collect()),
            fx.error(lambda: spark.sql("SELECT make_time(6, 30, 60)").collect())]


@case(versions=("4",))
def time_diff_trunc(spark, fx):
    _on(spark)
    return [spark.sql(
        "SELECT time_diff('HOUR', TIME'13:08:15', TIME'21:30:28') a, "
        "time_diff('minute', TIME'21:30:28', TIME'13:08:15') b, "
        "time_diff('SECOND', TIME'13:08:15', TIME'21:30:28.9') c, "
        "time_diff('MILLISECOND', TIME'13:08:15', TIME'21:30:28.9') d, "
        "time_diff('MICROSECOND', TIME'13:08:15', TIME'21:30:28.9') e"),
        spark.sql(
        "SELECT time_trunc('HOUR', TIME'13:08:15.123456') a, time_trunc('minute', TIME'13:08:15.123456') b, "
        "time_trunc('SECOND', TIME'13:08:15.123456') c, time_trunc('MILLISECOND', TIME'13:08:15.123456') d, "
        "time_trunc('MICROSECOND', TIME'13:08:15.123456') e"),
        fx.error(lambda: spark.sql("SELECT time_diff('DAY', TIME'13:08:15', TIME'21:30:28')").collect()),
        fx.error(lambda: spark.sql("SELECT time_trunc('DAY', TIME'13:08:15')").collect())]


@case(versions=("4",))
def time_from_to(spark, fx):
    _on(spark)
    return [spark.sql(
        "SELECT time_from_micros(52200500000) a, time_from_millis(52200500) b, time_from_seconds(52200.5) c, "
        "time_from_seconds(CAST(1.5 AS DOUBLE)) d, time_from_seconds(3) e"),
        spark.sql(
        "SELECT time_to_micros(TIME'14:30:00.5') a, time_to_millis(TIME'14:30:00.5') b, "
        "time_to_seconds(TIME'14:30:00.5') c, time_to_seconds(CAST('14:30:00.5' AS TIME(2))) d"),
        fx.error(lambda: spark.sql("SELECT time_from_micros(-1)").collect()),
        fx.error(lambda: spark.sql("SELECT time_from_micros(86400000000)").collect()),
        fx.error(lambda: spark.sql("SELECT time_from_seconds(CAST('NaN' AS DOUBLE))").collect())]


@case(versions=("4",))
def time_to_time(spark, fx):
    _on(spark)
    df = spark.createDataFrame([("10:30:00", "HH:mm:ss"), ("10.30", "HH.mm"), ("bad", "HH:mm")], ["s", "f"])
    return [spark.sql("SELECT to_time('10:30:00') a, to_time('10:30:00', 'HH:mm:ss') b, to_time('10.30', 'HH.mm') c"),
            df.select(sf.try_to_time("s").alias("a"), sf.try_to_time("s", "f").alias("b")),
            spark.sql("SELECT try_to_time('bad'), try_to_time('10:30', 'HH:mm')"),
            fx.error(lambda: spark.sql("SELECT to_time('bad')").collect()),
            fx.error(lambda: spark.sql("SELECT to_time('bad', 'HH:mm')").collect())]


@case(versions=("4",))
def time_current_time(spark, fx):
    _on(spark)
    return [spark.sql("SELECT current_time() IS NOT NULL, typeof(current_time()), typeof(current_time(3)), "
                      "typeof(current_time)"),
            spark.range(1).select(sf.current_time(0).isNotNull()).schema,
            fx.error(lambda: spark.sql("SELECT current_time(7)").collect())]


@case(versions=("4",))
def time_make_timestamp(spark, fx):
    _on(spark)
    df = spark.sql("SELECT DATE'2014-12-28' d, TIME'6:30:45.887' t, 'CET' tz")
    return [df.select(sf.make_timestamp(date=df.d, time=df.t).alias("a"),
                      sf.make_timestamp(date=df.d, time=df.t, timezone=df.tz).alias("b"),
                      sf.make_timestamp_ntz(date=df.d, time=df.t).alias("c")),
            spark.sql("SELECT typeof(make_timestamp(DATE'2014-12-28', TIME'6:30:45.887')), "
                      "typeof(make_timestamp_ntz(DATE'2014-12-28', TIME'6:30:45.887'))")]


# spark.sql.timeType.enabled left at its default (false).

@case(versions=("4",))
def time_off_conf(spark, fx):
    return [spark.conf.get("spark.sql.timeType.enabled")]


@case(versions=("4",))
def time_off_literals(spark, fx):
    df = spark.sql("SELECT TIME'12:34:56' a, 1 b")
    return [df.schema, fx.error(lambda: df.collect()), fx.show(df), df.count(),
            fx.error(lambda: df.toPandas()),
            fx.error(lambda: spark.sql("SELECT named_struct('a', TIME'1:2:3') s").collect()),
            spark.sql("SELECT typeof(TIME'12:34:56') a, TIME'12:34:56' IS NULL b, "
                      "CAST(TIME'12:34:56.5' AS STRING) c, TIME'12:00' < TIME'13:00' d, "
                      "CAST(TIME'1:2:3' AS BIGINT) e"),
            fx.error(lambda: spark.range(1).select(sf.lit(datetime.time(1, 2, 3)).alias("x")).schema)]


@case(versions=("4",))
def time_off_casts(spark, fx):
    return [fx.error(lambda: spark.sql("SELECT CAST('12:00' AS TIME)").collect()),
            fx.error(lambda: spark.sql("SELECT try_cast('12:00' AS TIME(3))").collect()),
            fx.error(lambda: spark.sql("SELECT CAST(NULL AS TIME) IS NULL").collect()),
            fx.error(lambda: spark.sql("SELECT CAST(TIME'1:2:3' AS TIME(3)) IS NULL").collect()),
            fx.error(lambda: spark.range(1).select(sf.lit("1:2").cast("time")).schema)]


@case(versions=("4",))
def time_off_functions(spark, fx):
    refused = ["make_time(1, 2, 3)", "to_time('10:00')", "try_to_time('10:00')",
               "time_diff('HOUR', TIME'13:08:15', TIME'21:30:28')", "time_trunc('HOUR', TIME'13:08:15')",
               "time_from_seconds(5)", "time_to_seconds(TIME'13:08:15')", "hour(TIME'12:34:56')",
               "extract(HOUR FROM TIME'1:2:3')", "TIME'12:00' + INTERVAL '1' HOUR", "TIME'12:00' - TIME'11:00'",
               "hour(current_time())"]
    out = [fx.error(lambda q=q: spark.sql("SELECT " + q).collect()) for q in refused]
    out.append(spark.sql("SELECT current_time() IS NULL a, typeof(current_time()) b, current_time(3) IS NULL c, "
                         "make_timestamp(DATE'2014-12-28', TIME'6:30:45.887') d, "
                         "make_timestamp_ntz(DATE'2020-01-01', TIME'1:2:3') e"))
    out.append(spark.range(1).select(sf.current_time().isNull()).collect())
    out.append(fx.error(lambda: spark.range(1).select(sf.make_time(sf.lit(1), sf.lit(2), sf.lit(3))).schema))
    df = spark.sql("SELECT max(t) m, count(t) c FROM VALUES (TIME'12:00'), (TIME'01:00') AS v(t)")
    out += [df.schema, fx.error(lambda: df.collect()), df.select("c").collect()]
    return out


@case(versions=("4",))
def time_off_create_dataframe(spark, fx):
    df = spark.createDataFrame([(datetime.time(12, 34, 56, 123456), 1), (None, 2)], ["t", "i"])
    return [df.schema, fx.error(lambda: df.collect()), fx.show(df), df.select("i").collect(),
            fx.error(lambda: df.select(sf.hour("t")).collect())]


# Spark 3.5 has no TIME.

@case(versions=("3.5",))
def time_35_refused(spark, fx):
    return [fx.error(lambda: spark.sql("SELECT TIME'12:00:00'").collect()),
            fx.error(lambda: spark.sql("SELECT typeof(TIME'1:2:3')").collect()),
            fx.error(lambda: spark.sql("SELECT CAST('12:00' AS TIME)").collect()),
            fx.error(lambda: spark.sql("SELECT CAST('12:00' AS TIME(3))").collect()),
            fx.error(lambda: spark.sql("SELECT make_time(1, 2, 3)").collect()),
            fx.error(lambda: spark.sql("SELECT to_time('1:2')").collect()),
            fx.error(lambda: spark.sql("SELECT current_time()").collect()),
            fx.error(lambda: spark.sql("SELECT time_diff('HOUR', '1:0', '2:0')").collect())]


# A bare time string converts to a timestamp of the current date (both
# versions, no TIME type involved).

@case()
def time_string_parts(spark, fx):
    return spark.sql("SELECT hour('12:34:56') a, minute('12:34:56') b, second('12:34:56') c, hour('1:2') d, "
                     "hour('12:34:56.5') e, minute('T01:02:03') f, hour(' 23:59 ') g")


@case(versions=("4",))
def time_pandas_time64(spark, fx):
    import pandas as pd
    import pyarrow as pa
    pdf = pd.DataFrame({"t": pd.Series([datetime.time(1, 2, 3)], dtype=pd.ArrowDtype(pa.time64("us")))})
    return [fx.error(lambda: spark.createDataFrame(pdf).collect())]
