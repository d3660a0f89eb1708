"""Math, bitwise, try_* arithmetic and seeded random functions
(internal/functions/math2.go)."""

from pyspark.sql import functions as F
from pyspark.sql.functions import col, lit

from harness import case


def _vals(spark):
    return spark.createDataFrame(
        [(-1.0,), (-0.5,), (0.0,), (0.5,), (1.0,), (2.0,), (float("nan"),), (None,)], "v double")


@case()
def trig_and_inverse(spark):
    df = _vals(spark)
    return df.select("v", F.sin("v"), F.cos("v"), F.tan("v"), F.cot("v"), F.csc("v"), F.sec("v"),
                     F.asin("v"), F.acos("v"), F.atan("v"), F.atan2("v", lit(2.0)))


@case()
def hyperbolic(spark):
    df = _vals(spark)
    return df.select("v", F.sinh("v"), F.cosh("v"), F.tanh("v"), F.asinh("v"), F.acosh("v"),
                     F.atanh("v"))


@case()
def exp_and_logs(spark):
    df = spark.createDataFrame([(v,) for v in [-2.0, -1.0, 0.0, 0.5, 1.0, 2.0, 3.0, 9.0, 1e-300, 1e300]] + [(None,)],
                               "v double")
    return df.select("v", F.exp("v"), F.expm1("v"), F.ln("v"), F.log10("v"), F.log2("v"),
                     F.log1p("v"), F.log(lit(3.0), "v"), F.cbrt("v"))


@case()
def constants_degrees_rint_hypot(spark):
    df = spark.createDataFrame([(0.0, 1.0), (180.0, -2.5), (-0.4, 3.0), (None, 4.0)], "a double, b double")
    return df.select(F.pi(), F.e(), F.degrees("a"), F.radians("a"), F.rint("a"), F.rint("b"),
                     F.hypot("a", "b"), F.signum("a"), F.sign(lit(float("nan"))))


@case()
def factorial_bin_conv(spark):
    df = spark.createDataFrame([(-1, "-10"), (0, "zz"), (5, " 1a "), (20, "777"), (21, None), (None, "0")],
                               "n int, s string")
    return df.select("n", F.factorial("n"), F.bin("n"), F.conv("s", 16, 10), F.conv("s", 36, 2),
                     F.conv("s", 16, -10), F.conv("s", 10, 16))


@case()
def conv_overflow_ansi(spark):
    return spark.sql("SELECT conv('FFFFFFFFFFFFFFFFF', 16, 10)")


@case()
def conv_overflow_legacy(spark):
    spark.conf.set("spark.sql.ansi.enabled", "false")
    return spark.sql("SELECT conv('FFFFFFFFFFFFFFFFF', 16, 10) AS c, conv('-1', 10, 16) AS d")


@case()
def width_bucket_cases(spark):
    return spark.sql("""SELECT width_bucket(5.3, 0.2, 10.6, 5), width_bucket(-2.1, 1.3, 3.4, 3),
        width_bucket(8.1, 0.0, 5.7, 4), width_bucket(-0.9, 5.2, 0.5, 2), width_bucket(1, 0, 0, 3),
        width_bucket(1, 0, 2, 0), width_bucket(NULL, 0, 2, 3), width_bucket(double('NaN'), 0, 2, 3)""")


@case()
def ceil_floor_with_scale(spark):
    return spark.sql("""SELECT ceil(3.1411, 3), ceil(3.1411, -3), floor(3.1411, 3), floor(-3.1411, -1),
        ceil(-0.1, 1), floor(2.5D, 0), ceil(5, 1), ceiling(-12.345, 2), floor(CAST(NULL AS DOUBLE), 1)""")


@case()
def ceil_scale_not_foldable(spark):
    df = spark.createDataFrame([(1.5, 1)], "v double, s int")
    return df.select(F.ceil("v", col("s")))


@case()
def bit_functions(spark):
    return spark.sql("""SELECT bit_count(CAST(-1 AS TINYINT)), bit_count(-1), bit_count(5L), bit_count(true),
        bit_count(CAST(NULL AS INT)), bit_get(CAST(-1 AS TINYINT), 7), getbit(5L, 0), bit_get(5, 1),
        bit_get(CAST(NULL AS INT), 1)""")


@case()
def bit_get_out_of_range(spark):
    return spark.sql("SELECT bit_get(5, 32)")


@case()
def nullifzero_zeroifnull(spark):
    df = spark.createDataFrame([(0, 0.0), (1, 2.5), (None, None)], "a int, b double")
    return df.select("a", "b", F.nullifzero("a"), F.zeroifnull("a"), F.nullifzero("b"), F.zeroifnull("b"))


@case()
def try_arithmetic(spark):
    return spark.sql("""SELECT try_add(2147483647, 1), try_add(1L, 2), try_add(date'2020-01-01', 3),
        try_add(1.5, 2), try_subtract(-2147483648, 1), try_subtract(date'2020-01-02', date'2020-01-01'),
        try_multiply(2147483647, 2), try_multiply(3L, 4), try_divide(1, 0), try_divide(10.0, 3),
        try_divide(7, 2), try_mod(7, 0), try_mod(7, 3), try_add(NULL, 1),
        try_multiply(CAST(99999999999999999999999999999999999999 AS DECIMAL(38,0)), 10)""")


@case()
def try_add_wrong_type(spark):
    return spark.sql("SELECT try_add(true, 1)")


@case()
def seeded_random(spark):
    df = spark.range(0, 8, 1, 1)
    return df.select("id", F.rand(42), F.randn(42), F.uniform(lit(5), lit(105), lit(3)),
                     F.uniform(lit(0.0), lit(1.0), lit(7)), F.randstr(lit(8), lit(3)),
                     F.rand(lit(None).cast("int")))


@case()
def uniform_decimal_overflow(spark):
    return spark.sql("SELECT uniform(5.0, 105, 3) FROM range(0, 3, 1, 1)")


@case()
def random_unseeded_shape(spark):
    df = spark.range(0, 50, 1, 1).select(F.rand().alias("r"), F.randn().alias("n"),
                                          F.randstr(lit(4)).alias("s"))
    return df.select((F.min("r") >= 0).alias("r_lo"), (F.max("r") < 1).alias("r_hi"),
                     F.min(F.length("s")).alias("len"), F.count("n").alias("cnt"))


@case()
def decimal_division_is_exact(spark):
    # Quotients with more significant digits than a double holds, rounded
    # half up at the result scale (avg too, per group and over a window).
    df = spark.createDataFrame(
        [("a", "12345678901234.12"), ("a", "1.01"), ("a", "2.02"), ("b", "98765432109876.55"), ("b", "-0.05")],
        "g string, s string").selectExpr("g", "CAST(s AS DECIMAL(16,2)) AS x")
    return [
        df.selectExpr("x / 7 AS q", "x / CAST(3 AS DECIMAL(5,1)) AS r", "try_divide(x, 9) AS t").orderBy("q"),
        df.groupBy("g").agg(F.avg("x").alias("a"), F.mean(F.col("x") * 3).alias("m")).orderBy("g"),
        df.selectExpr("g", "x", "avg(x) OVER (PARTITION BY g ORDER BY x) AS w").orderBy("g", "x"),
        spark.sql("SELECT CAST('12345678901234.123456' AS DECIMAL(38,6)) / 7 AS q, "
                  "CAST(-2 AS DECIMAL(5,0)) / 3 AS n, CAST(5 AS DECIMAL(2,1)) / CAST(1000 AS DECIMAL(4,0)) AS h"),
    ]
