"""Cast edge cases (legacy and ANSI string parsing, narrowing, timestamps)
and floating-point keys (-0.0 and NaN in grouping, distinct, joins, windows)."""

from pyspark.sql import Window
from pyspark.sql import functions as F
from pyspark.sql.functions import col, expr

from harness import case

_INT_TEXTS = [" 12 ", "\t12\n", "1.5", "-1.9", ".5", ".", "-.5", "-", "+5", "1.", "1e3", "0x10",
              "1_000", "", "1.5.5", "2147483647.9", "2147483648", "99999999999",
              "-9223372036854775808", "9223372036854775808", "007", "1 2", "\u20035", "\u00a05",
              "300", "-129", "40000", None]


def _texts(spark, values):
    return spark.createDataFrame(list(enumerate(values)), "id int, s string")


@case()
def string_to_integral_legacy(spark):
    spark.conf.set("spark.sql.ansi.enabled", "false")
    df = _texts(spark, _INT_TEXTS)
    return df.select("id", "s", col("s").cast("int").alias("i"), col("s").cast("bigint").alias("l"),
                     col("s").cast("smallint").alias("sh"), col("s").cast("tinyint").alias("b")
                     ).orderBy("id")


@case()
def string_to_integral_try_and_ansi(spark):
    df = _texts(spark, _INT_TEXTS)
    tried = df.select("id", expr("try_cast(s AS INT)").alias("i"),
                      expr("try_cast(s AS BIGINT)").alias("l"),
                      expr("try_cast(s AS TINYINT)").alias("b")).orderBy("id")
    spark.conf.set("spark.sql.ansi.enabled", "true")
    return [tried,
            spark.sql("SELECT CAST(' 12 ' AS INT) AS a, CAST('-7' AS BIGINT) AS b"),
            lambda: spark.sql("SELECT CAST(s AS INT) FROM VALUES ('1.5') t(s)").collect(),
            lambda: spark.sql("SELECT CAST(s AS INT) FROM VALUES ('1e3') t(s)").collect(),
            lambda: spark.sql("SELECT CAST(s AS INT) FROM VALUES ('2147483648') t(s)").collect()]


@case()
def string_to_double_boolean_legacy(spark):
    spark.conf.set("spark.sql.ansi.enabled", "false")
    df = _texts(spark, [" 1.5 ", "\t1e3\n", "\u00015", "1.5d", "1.5F", ".5", "5.", "+1.5e+2", "-0",
                        "Infinity", "-inf", "NaN", "1_000", "0x10", "1,5", "abc", None])
    return df.select("id", col("s").cast("double").alias("d"), col("s").cast("float").alias("f"),
                     col("s").cast("decimal(10,2)").alias("dec")).orderBy("id")


@case()
def string_to_boolean_legacy(spark):
    spark.conf.set("spark.sql.ansi.enabled", "false")
    df = _texts(spark, ["true", "T", "yes", "y", "1", "0", "no", " true ", "\ttrue\n", "2", "FALSE",
                        "on", "", None])
    return df.select("id", "s", col("s").cast("boolean").alias("b")).orderBy("id")


@case()
def string_to_date_and_timestamp_legacy(spark):
    spark.conf.set("spark.sql.ansi.enabled", "false")
    df = _texts(spark, ["2024", "2024-01", "2024-1-5", "2024-02-30", " 2024-01-05 ", "\t2024-01-05\n",
                        "2024-01-05T10:00", "2024-01-05 junk", "20240105", "2024-13-01", None])
    return df.select("id", col("s").cast("date").alias("d"), col("s").cast("timestamp").alias("ts")
                     ).orderBy("id")


@case()
def fractional_to_integral_legacy(spark):
    spark.conf.set("spark.sql.ansi.enabled", "false")
    df = spark.createDataFrame(list(enumerate([300.7, 1e10, -1e10, 1e20, -1e20, -1.9, 0.9,
                                               float("nan"), float("inf"), float("-inf"), None])),
                               "id int, v double")
    return df.select("id", col("v").cast("tinyint").alias("b"), col("v").cast("smallint").alias("s"),
                     col("v").cast("int").alias("i"), col("v").cast("bigint").alias("l"),
                     col("v").cast("float").cast("int").alias("fi"),
                     col("v").cast("decimal(30,1)").cast("tinyint").alias("dec_b")).orderBy("id")


@case()
def integral_narrowing_legacy(spark):
    spark.conf.set("spark.sql.ansi.enabled", "false")
    df = spark.createDataFrame(list(enumerate([70000, 3000000000, -3000000000, 128, -129, None])),
                               "id int, v bigint")
    return df.select("id", col("v").cast("int").alias("i"), col("v").cast("smallint").alias("s"),
                     col("v").cast("tinyint").alias("b")).orderBy("id")


@case()
def timestamp_to_numbers_pre_epoch(spark):
    spark.conf.set("spark.sql.ansi.enabled", "false")
    df = _texts(spark, ["1969-12-31 23:59:59.5", "1900-01-01 00:00:00.1", "1970-01-01 00:00:00",
                        "2200-01-01 00:00:00", "2024-01-02 03:04:05.999999", None])
    ts = col("s").cast("timestamp")
    return df.select("id", ts.cast("long").alias("l"), ts.cast("double").alias("d"),
                     ts.cast("int").alias("i"), ts.cast("smallint").alias("sh"),
                     ts.cast("float").alias("f"), ts.cast("boolean").alias("b"),
                     ts.cast("date").alias("dt"), ts.cast("string").alias("str")).orderBy("id")


@case()
def timestamp_to_int_overflow_ansi(spark):
    spark.conf.set("spark.sql.ansi.enabled", "true")
    df = spark.sql("SELECT TIMESTAMP'2200-01-01 00:00:00' AS ts UNION ALL SELECT TIMESTAMP'2024-01-01 00:00:00'")
    return [df.select(col("ts").cast("long").alias("l")).orderBy("l"),
            lambda: df.select(col("ts").cast("int")).collect()]


# --- -0.0 and NaN as keys --------------------------------------------------------------

def _zeros(spark):
    return spark.createDataFrame([(1, -0.0, 10.0), (2, 0.0, 20.0), (3, float("nan"), 30.0),
                                  (4, float("-nan"), 40.0), (5, -0.0, 50.0), (6, None, 60.0)],
                                 "id int, v double, w double")


@case()
def negative_zero_and_nan_grouping(spark):
    df = _zeros(spark)
    return [df.groupBy("v").agg(F.count("*").alias("n"), F.sum("w").alias("w")).orderBy("w"),
            df.select("v").distinct().orderBy("v"),
            df.select("v").dropDuplicates().orderBy("v"),
            df.groupBy((col("v") * 2).alias("x")).agg(F.sum("w").alias("w")).orderBy("w"),
            df.select(F.countDistinct("v").alias("cd")),
            df.groupBy("v").agg(F.max("id").alias("mx"), F.sum("w").alias("w")).orderBy("w")]


@case()
def negative_zero_and_nan_float_grouping(spark):
    df = _zeros(spark).select("id", col("v").cast("float").alias("v"), "w")
    return [df.groupBy("v").agg(F.sum("w").alias("w")).orderBy("w"),
            df.select("v").distinct().orderBy("v")]


@case()
def negative_zero_and_nan_joins(spark):
    df = _zeros(spark)
    keys = spark.createDataFrame([(0.0, "zero"), (float("nan"), "nan")], "k double, label string")
    return [df.join(keys, df.v == keys.k).select("id", "v", "k", "label").orderBy("id"),
            df.join(keys, df.v == keys.k, "left_anti").select("id", "v").orderBy("id"),
            df.filter(col("v") == 0.0).select("id", "v").orderBy("id"),
            df.filter(F.isnan("v")).select("id", "v").orderBy("id")]


@case()
def negative_zero_in_windows_and_sorts(spark):
    df = _zeros(spark)
    by_v = Window.partitionBy("v").orderBy("id")
    return [df.select("id", "v", F.count("*").over(by_v).alias("n"),
                      F.row_number().over(by_v).alias("rn")).orderBy("id"),
            df.select("id", "v", F.rank().over(Window.orderBy("v")).alias("rk")).orderBy("id"),
            df.orderBy(col("v").desc(), "id"),
            df.orderBy("v", "id").limit(3)]


@case()
def sort_array_negative_zero(spark):
    # -0.0 and 0.0 compare equal: both sorts keep them in their input order
    df = spark.createDataFrame([([0.0, -0.0, float("nan"), -1.0, -0.0, 0.0],)], "a array<double>")
    return df.select(F.sort_array("a").alias("asc"), F.sort_array("a", asc=False).alias("desc"),
                     F.array_sort("a").alias("array_sort"))
