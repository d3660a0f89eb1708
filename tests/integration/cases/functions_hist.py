"""histogram_numeric (Spark's streaming NumericHistogram: per-partition
histograms merged, bin centres converted back to the input type) and
count_min_sketch (Spark's serialized CountMinSketch bytes), with their
argument checks."""

from pyspark.sql import functions as F
from pyspark.sql.functions import lit

from harness import case


def _values(spark):
    return spark.createDataFrame(
        [(k, a) for k, a in [(1, 5), (1, 1), (2, 9), (1, 3), (2, 3), (1, 7), (2, 2), (1, 8),
                             (2, 100), (1, None), (2, 4), (1, 6)]],
        "k int, a int")


# --- histogram_numeric ---------------------------------------------------------

@case()
def histogram_range_one_partition(spark):
    return spark.range(100, numPartitions=1).select(F.histogram_numeric("id", lit(5)))


@case()
def histogram_range_default_partitions(spark):
    return spark.range(100).select(F.histogram_numeric("id", lit(5)))


@case()
def histogram_range_three_partitions(spark):
    return spark.range(100, numPartitions=3).select(F.histogram_numeric("id", lit(5)))


@case()
def histogram_local_data(spark):
    df = spark.createDataFrame(
        [(a, a, None if a is None else float(a)) for _, a in _values(spark).collect()],
        "a int, s short, f float")
    return df.select(F.histogram_numeric("a", lit(3)),
                     F.histogram_numeric(F.col("a") * 1.5, lit(4)),
                     F.histogram_numeric("s", lit(2)),
                     F.histogram_numeric("f", lit(3)))


@case()
def histogram_ties_broken_like_spark(spark):
    df = spark.createDataFrame([(float(x),) for x in range(21)], "x double")
    return df.select(F.histogram_numeric("x", lit(4)), F.histogram_numeric("x", lit(7)))


@case()
def histogram_datetime_and_decimal(spark):
    return spark.sql(
        "SELECT histogram_numeric(date_add(DATE'2020-01-01', a), 3) AS d, "
        "histogram_numeric(timestamp_seconds(a), 3) AS ts, "
        "histogram_numeric(CAST(timestamp_seconds(a) AS TIMESTAMP_NTZ), 3) AS ntz, "
        "histogram_numeric(CAST(a AS DECIMAL(10,2)), 3) AS dec "
        "FROM VALUES (1), (2), (10), (11), (12) AS t(a)")


@case()
def histogram_group_by(spark):
    df = _values(spark)
    return df.groupBy("k").agg(F.histogram_numeric("a", lit(2))).orderBy("k")


@case()
def histogram_empty_and_all_null(spark):
    return [spark.sql("SELECT histogram_numeric(a, 3) FROM VALUES (1), (2) AS t(a) WHERE a > 5"),
            spark.sql("SELECT histogram_numeric(a, 3) FROM VALUES (CAST(NULL AS INT)), (NULL) AS t(a)")]


@case()
def histogram_nb_implicit_casts(spark):
    return spark.sql("SELECT histogram_numeric(a, 3L), histogram_numeric(a, '2'), histogram_numeric(a, 2.0), "
                     "histogram_numeric(s, 2) FROM VALUES (1, '1'), (5, '5'), (6, '6') AS t(a, s)")


@case()
def histogram_nb_too_small(spark):
    return spark.sql("SELECT histogram_numeric(a, 1) FROM VALUES (1) AS t(a)")


@case()
def histogram_nb_null(spark):
    return spark.sql("SELECT histogram_numeric(a, NULL) FROM VALUES (1) AS t(a)")


@case()
def histogram_nb_not_constant(spark):
    return spark.sql("SELECT histogram_numeric(a, a) FROM VALUES (1) AS t(a)")


@case()
def histogram_boolean_input(spark):
    return spark.sql("SELECT histogram_numeric(b, 3) FROM VALUES (true) AS t(b)")


# --- count_min_sketch ------------------------------------------------------------

@case()
def cms_doctest_columns(spark):
    return spark.range(100).select(
        F.hex(F.count_min_sketch(F.col("id"), lit(3.0), lit(0.1), lit(1))))


@case()
def cms_doctest_numbers(spark):
    return spark.range(100).select(F.hex(F.count_min_sketch("id", lit(1.0), lit(0.3), lit(2))))


@case(versions=("4",))
def cms_doctest_long_seed(spark):
    return spark.range(100).select(
        F.hex(F.count_min_sketch("id", lit(1.5), 0.2, 1111111111111111111)))


@case()
def cms_strings_and_binary(spark):
    return spark.sql(
        "SELECT hex(count_min_sketch(s, 0.5d, 0.5d, 1)), hex(count_min_sketch(CAST(s AS BINARY), 0.5d, 0.5d, 7)) "
        "FROM VALUES ('a'), ('bc'), ('h\u00e9llo'), (NULL), ('a') AS t(s)")


@case()
def cms_integral_types(spark):
    return spark.sql(
        "SELECT hex(count_min_sketch(CAST(a AS TINYINT), 0.5d, 0.5d, 1)), "
        "hex(count_min_sketch(CAST(a AS SMALLINT), 0.4d, 0.9d, 1)), "
        "hex(count_min_sketch(a, 0.3d, 0.8d, -5)), hex(count_min_sketch(CAST(a AS BIGINT) * 3000000000, 0.7d, 0.6d, 42)) "
        "FROM VALUES (1), (-2), (100), (NULL) AS t(a)")


@case()
def cms_empty_and_grouped(spark):
    return [spark.sql("SELECT hex(count_min_sketch(a, 0.5d, 0.5d, 1)) FROM VALUES (1) AS t(a) WHERE a > 1"),
            spark.sql("SELECT k, hex(count_min_sketch(a, 0.5d, 0.5d, 1)) FROM VALUES (1, 1), (1, 2), (2, 3) AS t(k, a) "
                      "GROUP BY k ORDER BY k")]


@case()
def cms_eps_must_be_double(spark):
    return spark.sql("SELECT count_min_sketch(a, 0.5, 0.5d, 1) FROM VALUES (1) AS t(a)")


@case()
def cms_item_type(spark):
    return spark.sql("SELECT count_min_sketch(a, 0.5d, 0.5d, 1) FROM VALUES (1.0d) AS t(a)")


@case()
def cms_eps_out_of_range(spark):
    return spark.sql("SELECT count_min_sketch(a, 0.0d, 0.5d, 1) FROM VALUES (1) AS t(a)")


@case()
def cms_confidence_out_of_range(spark):
    return spark.sql("SELECT count_min_sketch(a, 0.5d, 1.0d, 1) FROM VALUES (1) AS t(a)")


@case()
def cms_eps_null(spark):
    return spark.sql("SELECT count_min_sketch(a, CAST(NULL AS DOUBLE), 0.5d, 1) FROM VALUES (1) AS t(a)")


@case()
def cms_eps_not_constant(spark):
    return spark.sql("SELECT count_min_sketch(a, b, 0.5d, 1) FROM VALUES (1, 0.5d) AS t(a, b)")
