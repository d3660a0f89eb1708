"""Date/time functions: names of days and months, Unix epoch conversions,
try_/ltz/ntz parsing and construction, timestampadd/timestampdiff,
convert_timezone, interval constructors, EXTRACT, time windows and
time_bucket."""

import datetime as dt

from pyspark.sql import functions as F
from pyspark.sql.functions import col, expr, lit

from harness import case


def _tz(spark, tz="America/Los_Angeles"):
    spark.conf.set("spark.sql.session.timeZone", tz)


def _ansi(spark, on=True):
    spark.conf.set("spark.sql.ansi.enabled", "true" if on else "false")


def _dates(spark):
    return spark.createDataFrame(
        [(1, dt.date(2024, 3, 10), dt.datetime(2024, 3, 10, 12, 34, 56), "2024-12-31"),
         (2, dt.date(1969, 12, 31), dt.datetime(1969, 12, 31, 23, 59, 59, 500000), "1970-01-01 00:00:01"),
         (3, None, None, None)],
        "id int, d date, ts timestamp, s string")


@case()
def day_and_month_names(spark):
    _tz(spark)
    df = _dates(spark)
    return df.select("id", F.weekday("d"), F.dayname("d"), F.monthname("ts"), F.weekday("s"),
                     F.dayname("s"), F.monthname("s"), F.typeof(F.dayname("d"))).orderBy("id")


@case()
def current_timezone_follows_conf(spark):
    _tz(spark, "Asia/Shanghai")
    a = spark.range(1).select(F.current_timezone())
    _tz(spark, "UTC")
    return [a, spark.range(1).select(F.current_timezone())]


@case()
def date_diff_and_unix_dates(spark):
    df = _dates(spark)
    return df.select("id", F.date_diff("d", lit("2024-01-01")), F.unix_date("d"),
                     F.date_from_unix_date(F.unix_date("d")),
                     F.date_from_unix_date(lit(-719162))).orderBy("id")


@case()
def unix_epoch_conversions(spark):
    _tz(spark)
    df = _dates(spark)
    return df.select("id", F.unix_seconds("ts"), F.unix_millis("ts"), F.unix_micros("ts"),
                     F.timestamp_seconds(F.unix_seconds("ts")),
                     F.timestamp_millis(F.unix_millis("ts")),
                     F.timestamp_micros(F.unix_micros("ts"))).orderBy("id")


@case()
def try_parse_and_ltz_ntz(spark):
    _tz(spark)
    df = spark.createDataFrame(
        [("2024-03-10 02:30:00", "yyyy-MM-dd HH:mm:ss"), ("10/03/2024", "dd/MM/yyyy"),
         ("bad", "yyyy"), (None, "yyyy"), ("2024-01-01", None)], "s string, f string")
    good = df.filter(col("s").isNull() | (col("s") != "bad"))
    return [df.select("s", F.try_to_timestamp("s"), F.try_to_timestamp("s", "f"),
                      F.try_to_date("s"), F.try_to_date("s", lit("dd/MM/yyyy"))),
            good.select("s", F.to_timestamp_ltz("s", "f"), F.to_timestamp_ntz("s", "f"))]


@case()
def to_timestamp_ltz_ntz_ansi_errors(spark, fx):
    _ansi(spark)
    df = spark.createDataFrame([("bad",)], "s string")
    return [fx.error(lambda: df.select(F.to_timestamp_ltz("s")).collect()),
            fx.error(lambda: df.select(F.to_timestamp_ntz("s", lit("yyyy-MM-dd"))).collect()),
            df.select(F.try_to_timestamp("s"), F.try_to_date("s"))]


@case()
def to_unix_timestamp_pattern_column(spark):
    _tz(spark)
    df = spark.createDataFrame(
        [("2015-04-08", "yyyy-MM-dd"), ("2025+01+09", "yyyy+MM+dd"), ("09 Jan 2025 10 PM", "dd MMM yyyy h a"),
         (None, "yyyy"), ("2015-04-08", None)], "dt string, fmt string")
    return df.select("dt", F.to_unix_timestamp("dt", "fmt"))


@case()
def to_unix_timestamp_ansi_error(spark, fx):
    _ansi(spark)
    df = spark.createDataFrame([("bad", "yyyy-MM-dd")], "dt string, fmt string")
    return [fx.error(lambda: df.select(F.to_unix_timestamp("dt", "fmt")).collect()),
            fx.error(lambda: df.select(F.to_unix_timestamp("dt", lit("yyyy-MM-dd"))).collect())]


@case()
def make_timestamp_variants(spark, fx):
    _tz(spark)
    df = spark.createDataFrame(
        [(2014, 12, 28, 6, 30, 45.887, "CET"), (2024, 2, 30, 0, 0, 0.0, "UTC"), (None, 1, 1, 0, 0, 0.0, "UTC")],
        "y int, mo int, d int, h int, mi int, s double, tz string")
    ok = df.limit(1)
    return [ok.select(F.make_timestamp_ltz("y", "mo", "d", "h", "mi", "s", "tz"),
                      F.make_timestamp_ltz("y", "mo", "d", "h", "mi", "s"),
                      F.make_timestamp_ntz("y", "mo", "d", "h", "mi", "s")),
            df.select(F.try_make_timestamp_ltz("y", "mo", "d", "h", "mi", "s", "tz"),
                      F.try_make_timestamp_ntz("y", "mo", "d", "h", "mi", "s")),
            fx.error(lambda: df.select(F.make_timestamp_ltz("y", "mo", "d", "h", "mi", "s")).collect())]


@case()
def timestampadd_units(spark):
    _tz(spark)
    df = spark.createDataFrame(
        [(dt.datetime(2024, 1, 31, 10, 0, 0), 1), (dt.datetime(2024, 3, 9, 12, 0, 0), 24), (None, 1), (dt.datetime(2024, 1, 1), None)],
        "ts timestamp, q int")
    return df.select("ts", "q", F.timestamp_add("YEAR", "q", "ts"), F.timestamp_add("quarter", "q", "ts"),
                     F.timestamp_add("MONTH", "q", "ts"), F.timestamp_add("week", "q", "ts"),
                     F.timestamp_add("DAY", "q", "ts"), F.timestamp_add("HOUR", "q", "ts"),
                     F.timestamp_add("MILLISECOND", "q", "ts"),
                     F.timestamp_add("MONTH", "q", col("ts").cast("timestamp_ntz")))


@case()
def timestampdiff_units(spark):
    _tz(spark)
    df = spark.createDataFrame(
        [(dt.datetime(2020, 1, 31, 10, 0), dt.datetime(2020, 2, 29, 9, 0)),
         (dt.datetime(2020, 3, 31, 10, 0), dt.datetime(2020, 2, 29, 11, 0)),
         (dt.datetime(2024, 3, 10, 1, 0), dt.datetime(2024, 3, 10, 3, 0)),
         (dt.datetime(2016, 3, 11, 9, 0, 7), dt.datetime(2024, 4, 2, 9, 0, 7)),
         (None, dt.datetime(2020, 1, 1))], "a timestamp, b timestamp")
    units = ["YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND"]
    return df.select("a", "b", *[F.timestamp_diff(u, "a", "b") for u in units])


@case()
def timestampadd_diff_sql(spark):
    _tz(spark, "UTC")
    return spark.sql("SELECT timestampadd(MONTH, 1, TIMESTAMP'2020-01-31 10:00:00') a, "
                     "timestampdiff(DAY, DATE'2020-01-01', TIMESTAMP'2020-03-01 12:00:00') b, "
                     "timestampadd(YEAR, 1, TIMESTAMP_NTZ'2020-02-29 00:00:00') c")


@case()
def convert_timezone_forms(spark):
    _tz(spark)
    df = spark.createDataFrame([("2015-04-08 15:00:00",), (None,)], "ts string")
    return df.select("ts", F.convert_timezone(lit("Asia/Hong_Kong"), lit("America/Los_Angeles"), "ts"),
                     F.convert_timezone(None, lit("UTC"), "ts"))


@case()
def interval_constructors(spark, fx):
    df = spark.createDataFrame([(1, 12, 30, 1.001001), (None, 1, 1, 1.0)], "d int, h int, mi int, s double")
    return [fx.show(df.select(F.make_dt_interval("d", "h", "mi", "s"), F.make_dt_interval("d"),
                              F.make_dt_interval()), truncate=False),
            fx.show(df.select(F.make_ym_interval("d", "h"), F.make_ym_interval()), truncate=False),
            fx.show(df.select(F.make_interval("d", "h", lit(1), "d", "h", "mi", "s"), F.make_interval(),
                              F.try_make_interval(lit(2147483647))), truncate=False),
            fx.error(lambda: spark.range(1).select(F.make_ym_interval(lit(2147483647), lit(1))).collect()),
            fx.error(lambda: spark.range(1).select(F.make_dt_interval(lit(106751992))).collect())]


@case()
def make_interval_overflow_ansi(spark, fx):
    _ansi(spark)
    return [fx.error(lambda: spark.range(1).select(F.make_interval(lit(2147483647))).collect())]


@case()
def extract_fields(spark):
    _tz(spark)
    df = _dates(spark)
    return df.select("id", *[F.extract(lit(f), "ts").alias(f) for f in
                             ["YEAR", "Y", "QUARTER", "MONTH", "WEEK", "DAY", "D", "DOW", "DOW_ISO", "DOY",
                              "HOUR", "M", "S", "SECOND", "YEAROFWEEK"]]).orderBy("id")


@case()
def tumbling_window_groupby(spark):
    _tz(spark, "UTC")
    df = spark.createDataFrame(
        [(dt.datetime(2016, 3, 11, 9, 0, 7), 1), (dt.datetime(2016, 3, 11, 9, 0, 9), 2),
         (dt.datetime(2016, 3, 11, 9, 0, 11), 3), (None, 4)], "dt timestamp, v int")
    g = df.groupBy(F.window("dt", "5 seconds")).agg(F.sum("v")).orderBy("window")
    return [g, g.schema, g.select("window", F.window_time("window")),
            df.select(F.window("dt", "1 day", "1 day", "2 hours")).orderBy("window")]


@case()
def sliding_window(spark):
    _tz(spark, "UTC")
    df = spark.createDataFrame(
        [(dt.datetime(2016, 3, 11, 9, 0, 7), 1), (dt.datetime(2016, 3, 11, 9, 0, 12), 2), (None, 3),
         (dt.datetime(1969, 12, 31, 23, 59, 58), 4)], "dt timestamp, v int")
    return [df.groupBy(F.window("dt", "10 seconds", "5 seconds")).agg(F.sum("v")).orderBy("window"),
            df.select("v", F.window("dt", "10 seconds", "3 seconds", "1 second")).orderBy("v", "window"),
            df.groupBy(F.window("dt", "5 seconds", "5 seconds", "-2 seconds")).count().orderBy("window")]


@case()
def window_errors(spark, fx):
    df = spark.createDataFrame([(dt.datetime(2016, 3, 11, 9, 0, 7),)], "dt timestamp")
    return [fx.error(lambda: df.select(F.window("dt", "1 month")).collect()),
            fx.error(lambda: df.select(F.window("dt", "5 seconds"), F.window("dt", "10 seconds")).collect()),
            fx.error(lambda: df.select(F.window("dt", "5 seconds", "10 seconds")).collect())]


@case()
def session_window_groupby(spark):
    _tz(spark, "UTC")
    data = [("a", "2016-03-11 09:00:07", 1), ("a", "2016-03-11 09:00:10", 2), ("a", "2016-03-11 09:00:20", 3),
            ("b", "2016-03-11 09:00:08", 4), ("a", None, 5), ("b", "2016-03-11 09:00:12", 6),
            ("a", "2016-03-11 09:00:16", 7)]
    df = spark.createDataFrame(data, "k string, dt string, v int")
    return [df.groupBy(F.session_window("dt", "5 seconds")).agg(F.sum("v")).orderBy("session_window"),
            df.groupBy("k", F.session_window("dt", "5 seconds")).agg(F.sum("v"), F.count("*"))
            .orderBy("k", "session_window"),
            df.select("k", F.session_window("dt", "5 seconds")).orderBy("k", "session_window")]


@case()
def time_bucket_sizes(spark):
    _tz(spark)
    df = spark.createDataFrame(
        [(dt.datetime(2024, 3, 10, 12, 34, 56),), (dt.datetime(2024, 6, 1, 0, 30),), (None,)], "ts timestamp")
    return df.select("ts",
                     F.time_bucket(expr("INTERVAL '15' MINUTE"), "ts").alias("m15"),
                     F.time_bucket(expr("INTERVAL '5' HOUR"), "ts").alias("h5"),
                     F.time_bucket(expr("INTERVAL '1' DAY"), "ts").alias("d1"),
                     F.time_bucket(expr("INTERVAL '3' MONTH"), "ts").alias("q"),
                     F.time_bucket(expr("INTERVAL '1' MONTH"), "ts", expr("TIMESTAMP'2000-01-15 06:00:00'")).alias("o"),
                     F.time_bucket(expr("INTERVAL '5' HOUR"), col("ts").cast("timestamp_ntz")).alias("ntz"))


@case()
def time_bucket_errors(spark, fx):
    df = spark.createDataFrame([(dt.datetime(2024, 3, 10, 12, 34, 56),)], "ts timestamp")
    return [fx.error(lambda: df.select(F.time_bucket(expr("INTERVAL '0' HOUR"), "ts")).collect()),
            fx.error(lambda: df.select(F.time_bucket(expr("INTERVAL '1' HOUR"), lit("2024-01-01"))).collect())]
