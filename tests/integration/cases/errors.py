"""Errors: the exception class, error class, SQLSTATE and message parameters
the client sees must match Spark's."""

from pyspark.sql import functions as F
from pyspark.sql.functions import col, lit

from harness import case


def _ansi(spark, on=True):
    spark.conf.set("spark.sql.ansi.enabled", "true" if on else "false")


@case()
def unresolved_column_with_suggestion(spark):
    df = spark.createDataFrame([(1, "a")], "id int, name string")
    return df.select("nmae")


@case()
def unresolved_column_in_filter(spark):
    df = spark.createDataFrame([(1, "a")], "id int, name string")
    return df.filter(col("agee") > 3)


@case()
def unresolved_column_sql(spark):
    return spark.sql("SELECT nope FROM range(3)")


@case()
def unresolved_column_collect_only(spark):
    df = spark.createDataFrame([(1, "a")], "id int, name string").select(col("missing") + 1)
    return [lambda: df.collect()]


@case()
def missing_table(spark):
    return spark.table("no_such_table")


@case()
def missing_table_sql(spark):
    return spark.sql("SELECT * FROM no_such_table_either")


@case()
def parse_error(spark):
    return spark.sql("SELEC 1")


@case()
def parse_error_unclosed(spark):
    return spark.sql("SELECT (1 + 2 FROM range(2)")


@case()
def divide_by_zero_ansi(spark):
    _ansi(spark)
    return [lambda: spark.sql("SELECT 1/0 AS x").collect()]


@case()
def divide_by_zero_ansi_dataframe(spark):
    _ansi(spark)
    df = spark.range(3).select((col("id") / lit(0)).alias("x"))
    return [lambda: df.collect()]


@case()
def divide_by_zero_non_ansi(spark):
    _ansi(spark, False)
    return spark.sql("SELECT 1/0 AS a, 1 % 0 AS b, 1.5 / 0 AS c")


@case()
def runtime_error_driver_or_task_ansi(spark):
    # Spark 3.5 reports an error raised inside an executor task as a
    # job-aborted SparkException, but one raised on the driver (constant
    # folding, projections over local data) as itself; Spark 4 always
    # reports the error itself.
    _ansi(spark)
    loc = spark.createDataFrame([(1,), (2,)], "a int")
    by_zero = (col("a") / lit(0)).alias("x")
    return [
        lambda: spark.range(3).select(F.element_at(F.array(lit(1), lit(2)), lit(5))).collect(),
        lambda: loc.select(by_zero).orderBy("x").collect(),
        lambda: loc.groupBy().agg(F.sum(col("a") / lit(0))).collect(),
        lambda: loc.select(by_zero).groupBy("x").count().collect(),
        lambda: loc.select(by_zero).distinct().collect(),
        lambda: spark.range(2).select((col("id") / lit(0)).alias("x")).collect(),
    ]


@case()
def integer_division_by_zero_ansi(spark):
    _ansi(spark)
    return [lambda: spark.sql("SELECT 7 div 0").collect(),
            lambda: spark.sql("SELECT 7 % 0").collect()]


@case()
def cast_invalid_input_ansi(spark):
    _ansi(spark)
    return [lambda: spark.sql("SELECT CAST('abc' AS INT)").collect()]


@case()
def cast_invalid_input_ansi_dataframe(spark):
    _ansi(spark)
    df = spark.createDataFrame([("12",), ("x1",)], "s string").select(col("s").cast("int"))
    return [lambda: df.collect()]


@case()
def cast_invalid_date_ansi(spark):
    _ansi(spark)
    return [lambda: spark.sql("SELECT CAST('2024-02-30' AS DATE)").collect()]


@case()
def arithmetic_overflow_ansi(spark):
    _ansi(spark)
    return [lambda: spark.sql("SELECT 2147483647 + 1").collect(),
            lambda: spark.sql("SELECT CAST(9223372036854775807 AS BIGINT) * 2").collect()]


@case()
def arithmetic_overflow_non_ansi(spark):
    _ansi(spark, False)
    return spark.sql("SELECT 2147483647 + 1 AS a, CAST(9223372036854775807 AS BIGINT) + 1 AS b")


@case()
def cast_overflow_ansi(spark):
    _ansi(spark)
    return [lambda: spark.sql("SELECT CAST(300 AS TINYINT)").collect()]


@case()
def invalid_array_index_ansi(spark):
    _ansi(spark)
    return [lambda: spark.sql("SELECT array(1, 2)[5]").collect(),
            lambda: spark.sql("SELECT element_at(array(1, 2), 5)").collect()]


@case()
def ambiguous_reference_after_join(spark):
    a = spark.createDataFrame([(1, "x")], "id int, v string")
    b = spark.createDataFrame([(1, "y")], "id int, w string")
    return a.join(b, a.id == b.id).select("id")


@case()
def ambiguous_reference_sql(spark):
    return spark.sql("SELECT id FROM range(2) a JOIN range(2) b ON a.id = b.id")


@case()
def unresolved_function(spark):
    return spark.sql("SELECT no_such_function(1)")


@case()
def unresolved_function_dataframe(spark):
    return spark.range(1).select(F.call_function("no_such_function_either", col("id")))


@case()
def wrong_number_of_arguments(spark):
    return spark.sql("SELECT substring()")


@case()
def datatype_mismatch(spark):
    return spark.sql("SELECT array(1) + 1")


@case()
def missing_group_by(spark):
    return spark.sql("SELECT id, count(*) FROM range(3)")


@case()
def group_by_non_aggregated_column(spark):
    df = spark.createDataFrame([(1, "a", 2)], "k int, v string, n int")
    return df.groupBy("k").agg(col("v"))


@case()
def column_from_other_dataframe(spark):
    a = spark.range(3)
    b = spark.range(3).withColumnRenamed("id", "other")
    return a.select(b.other)


@case()
def table_already_exists_view(spark):
    spark.range(1).createTempView("dup_view")
    return [lambda: spark.range(1).createTempView("dup_view")]


@case()
def invalid_cast_type_string(spark):
    return spark.range(1).select(col("id").cast("no_such_type"))


@case()
def sql_in_unknown_database(spark):
    return spark.sql("SELECT * FROM no_such_db.t")


@case()
def invalid_sql_args(spark):
    return spark.sql("SELECT :missing_param")


@case()
def error_then_session_still_works(spark):
    errs = []
    for q in ["SELEC 1", "SELECT nope", "SELECT 1"]:
        try:
            errs.append([r[0] for r in spark.sql(q).collect()])
        except Exception as e:  # noqa: BLE001
            errs.append(type(e).__name__)
    return [errs, spark.range(3).count()]
