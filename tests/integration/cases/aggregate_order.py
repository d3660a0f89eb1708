"""Row order of grouped aggregations without an orderBy, as show() and
collect() see them: over small local data and ranges Spark's layout is
known (partial aggregation per input partition, hash exchange into
spark.sql.shuffle.partitions, adaptive coalescing into one partition; the
oracles run local[2])."""

from pyspark.sql import functions as F

from harness import case


def _data(spark):
    rows = [(3, "c", 1.5), (1, "a", 2.0), (None, "b", 0.5), (7, "a", 1.0), (2, "d", 3.5), (3, "b", 2.5),
            (8, "c", 0.0), (1, None, 4.0), (5, "e", 1.0), (6, "a", 2.0), (2, "b", None), (9, "f", 1.5)]
    return spark.createDataFrame(rows, "k int, s string, x double")


@case()
def group_count_show(spark):
    df = _data(spark)
    return [df.groupBy("k").count(), df.groupBy("s").count()]


@case()
def group_numeric_aggs(spark):
    df = _data(spark)
    return [df.groupBy("k").agg(F.sum("x"), F.avg("x"), F.min("x"), F.max("k")),
            df.groupBy("s", "k").agg(F.count("x"))]


@case()
def group_collect_list(spark):
    df = _data(spark)
    return [df.groupBy("s").agg(F.collect_list("k").alias("ks"))]


@case()
def group_range_keys(spark):
    r = spark.range(0, 40, 1, 3)
    return [r.groupBy((r.id % 7).alias("m")).count(), r.groupBy((r.id % 5).alias("m"), (r.id % 3).alias("n")).agg(F.sum("id")),
            spark.range(0, 30, 1, 4).withColumn("d", F.expr("date_add(DATE'2024-01-01', CAST(id % 6 AS INT))")).groupBy("d").count()]


@case()
def distinct_order(spark):
    df = _data(spark)
    return [df.select("k").distinct(), df.select("s", "k").distinct(), df.select("k", "s").dropDuplicates(),
            spark.range(0, 50, 1, 3).select((F.col("id") % 9).alias("m")).distinct()]


@case()
def distinct_double_keys_unordered(spark):
    # Spark's order for floating point keys is not modelled: compare as a set.
    df = _data(spark)
    return [df.select("x").distinct().orderBy("x")]


@case()
def intersect_order(spark):
    df = _data(spark)
    other = spark.createDataFrame([(3, "b"), (None, "b"), (9, "f"), (1, "a"), (2, "d"), (8, "x"), (3, "c")], "k int, s string")
    a = spark.range(0, 40, 1, 3).select((F.col("id") % 11).alias("m"))
    b = spark.range(0, 30, 1, 2).select((F.col("id") % 7).alias("m"))
    return [df.select("k", "s").intersect(other), other.intersect(df.select("k", "s")), a.intersect(b)]


@case()
def sort_based_aggregates(spark):
    # min/max/first/last over strings make Spark aggregate by sorting.
    df = _data(spark)
    return [df.groupBy("k").agg(F.min("s")), df.groupBy("x").agg(F.max("s"), F.count("k")),
            df.groupBy("s", "k").agg(F.first("s").alias("f"), F.sum("x"))]


@case()
def drop_duplicates_subset_keeps_first_row(spark):
    # Spark turns dropDuplicates(cols) into an aggregate taking first() of
    # the other columns: every key keeps its first row in input order. The
    # rows come in the aggregate's order (hash aggregation for fixed-width
    # columns, sort aggregation once a string column is carried along).
    df = _data(spark)
    return [df.dropDuplicates(["s"]),
            df.select("k", "x").dropDuplicates(["x"]).orderBy(F.col("x").asc_nulls_first()),
            df.select("s", "x").dropDuplicates(["s"]),
            df.withColumn("p", F.col("k") % 2).dropDuplicates(["p", "s"]),
            df.select("k", "s").dropDuplicates(["s", "k"]),
            spark.range(30).withColumn("m", F.col("id") % 4).withColumn("r", F.col("id") * 10)
            .dropDuplicates(["m"])]


@case()
def drop_duplicates_subset_null_key_sort(spark):
    # A single nullable non-string key with a string column carried along:
    # Spark radix-sorts the rows and its sorter swaps each NULL-keyed row
    # with the first non-NULL one, so the kept True row is Carol's, not
    # the first one's.
    rows = [(1, True, "Alice"), (2, False, "Bob"), (3, True, "Carol"), (4, None, "Dan"),
            (5, True, "Eve"), (6, False, "Frank"), (7, True, None), (8, True, "Heidi")]
    df = spark.createDataFrame(rows, "id long, active boolean, name string")
    return df.dropDuplicates(["active"])
