"""Miscellaneous functions: typeof, raise_error, assert_true."""

from pyspark.sql import functions as F

from harness import case


@case()
def typeof_values(spark):
    return spark.sql("SELECT typeof(1), typeof(1L), typeof(1.5), typeof(1.5D), typeof('a'), typeof(NULL), "
                     "typeof(array(1, 2)), typeof(map('a', 1)), typeof(named_struct('x', 1, 'y', 'z')), "
                     "typeof(DATE'2024-01-01'), typeof(CAST(1 AS DECIMAL(12, 3)))")


@case()
def raise_error_message(spark):
    return spark.range(1).select(F.raise_error("My error message"))


@case()
def raise_error_null_message(spark):
    return spark.range(1).select(F.raise_error(F.lit(None).cast("string")))


@case()
def raise_error_not_evaluated(spark):
    df = spark.range(3).where("id > 5").select(F.raise_error("never"))
    return [df.schema, df]


# Spark 3.5 names an assert_true column after its message, which carries
# expression ids ('(a#1852L < b#1853L)' is not true!) that change per run.
@case(versions=("4",))
def assert_true_passes(spark):
    df = spark.createDataFrame([(0, 1)], ["a", "b"])
    return df.select("*", F.assert_true(df.a < df.b), F.assert_true(df.a < df.b, "error"))


@case(versions=("4",))
def assert_true_fails(spark):
    df = spark.createDataFrame([(0, 1)], ["a", "b"])
    return df.select(F.assert_true(df.a > df.b))


@case()
def assert_true_aliased(spark):
    df = spark.createDataFrame([(0, 1), (2, None)], ["a", "b"])
    return df.select("a", F.assert_true(df.a < 3).alias("ok"),
                     F.assert_true(df.b.isNull() | (df.a < df.b), "msg").alias("ok2"))


@case()
def assert_true_fails_with_message(spark):
    df = spark.createDataFrame([(0, 1), (2, 1)], ["a", "b"])
    return df.select(F.assert_true(df.a < df.b, F.concat(F.lit("bad a="), df.a.cast("string"))))
