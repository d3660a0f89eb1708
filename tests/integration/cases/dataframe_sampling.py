"""Seeded sampling: df.sample (with and without replacement), randomSplit,
sampleBy / stat.sampleBy, and seeded rand/randn, whose rows depend on how
Spark splits the input into partitions (the oracles run local[2]: spark.range
and local relations default to 2 partitions here)."""

from pyspark.sql import Row
from pyspark.sql import functions as F

from harness import case


def _local(spark):
    return spark.createDataFrame([(i, str(i)) for i in range(10)], "a int, b string")


# --- df.sample ------------------------------------------------------------------------

@case()
def sample_range_default_partitions(spark):
    df = spark.range(10)
    return [df.sample(fraction=0.5, seed=3), df.sample(0.5, 3).count(),
            spark.range(100).sample(0.1, 42)]


@case()
def sample_range_explicit_partitions(spark):
    return [spark.range(0, 10, 1, 1).sample(0.5, 3), spark.range(0, 10, 1, 3).sample(0.5, 3),
            spark.range(0, 10, 1, 1).sample(fraction=0.5, seed=3).count(),
            spark.range(5, 40, 3, 4).sample(0.4, 11)]


@case()
def sample_full_and_empty_fraction(spark):
    df = spark.range(0, 10, 1, 1)
    return [df.sample(1.0).count(), df.sample(fraction=1.0).count(), df.sample(False, fraction=1.0).count(),
            df.sample(0.0, 1).count()]


@case()
def sample_with_replacement(spark):
    return [spark.range(10).sample(True, 0.5, 3), spark.range(20).sample(True, 1.5, 7),
            spark.range(0, 10, 1, 1).sample(withReplacement=True, fraction=0.5, seed=3).count()]


@case()
def sample_local_relation(spark):
    df = _local(spark)
    return [df.sample(0.5, 3), spark.createDataFrame([(1,)], "a int").sample(0.5, 3)]


@case()
def sample_after_filter(spark):
    # A filter over a local relation is folded into it (fewer rows, new slices);
    # over a range it keeps the range's partitions.
    return [_local(spark).filter("a > 6").sample(0.5, 3), spark.range(10).filter("id > 6").sample(0.5, 3)]


@case()
def sample_after_projection(spark):
    return spark.range(10).withColumn("x", F.col("id") * 2).sample(0.5, 3)


@case()
def sample_sql_values(spark):
    return spark.sql("SELECT * FROM VALUES (1), (2), (3), (4) AS t(a)").sample(0.5, 1)


# --- randomSplit ----------------------------------------------------------------------

@case()
def random_split_range(spark):
    return spark.range(20).randomSplit([1.0, 1.0], 5)


@case()
def random_split_local_sorted_partitions(spark):
    # randomSplit sorts each partition (nulls first) before drawing.
    df = spark.createDataFrame([Row(age=10, height=80, name="Alice"), Row(age=5, height=None, name="Bob"),
                                Row(age=None, height=None, name="Tom"), Row(age=None, height=None, name=None)])
    splits = df.randomSplit([1.0, 2.0], 24)
    return [splits[0], splits[1], splits[0].count(), splits[1].count()]


@case()
def random_split_three_ways(spark):
    return _local(spark).randomSplit([1.0, 2.0, 3.0], 11)


# --- sampleBy -------------------------------------------------------------------------

@case()
def sample_by_range(spark):
    dataset = spark.range(0, 100, 1, 5).select((F.col("id") % 3).alias("key"))
    sampled = dataset.sampleBy("key", fractions={0: 0.1, 1: 0.2}, seed=0)
    return [sampled, sampled.groupBy("key").count().orderBy("key"),
            dataset.sampleBy(F.col("key"), fractions={2: 1.0}, seed=0).count(),
            spark.range(10).withColumn("k", F.col("id") % 3).stat.sampleBy("k", {0: 0.5, 1: 0.5}, 5)]


@case()
def sample_by_local_relation(spark):
    return _local(spark).withColumn("k", F.col("a") % 3).sampleBy("k", {0: 0.5, 1: 0.5}, 5)


@case()
def sample_by_string_strata(spark):
    df = spark.createDataFrame([(str(i % 3), i) for i in range(12)], "k string, v int")
    return df.sampleBy("k", {"0": 0.5, "1": 1.0}, 9)


@case()
def sample_by_mixed_key_types(spark):
    # Spark's Map lookup: numbers of any type match by value, a string never
    # matches a number.
    return spark.range(12).sampleBy("id", {1: 1.0, "2": 1.0, 3.0: 1.0}, 9)


@case()
def sample_by_fraction_out_of_range(spark):
    return spark.range(12).sampleBy("id", {1: 1.5}, 9)


# --- seeded rand / randn --------------------------------------------------------------

@case()
def rand_over_range_partitions(spark):
    return [spark.range(10).select(F.rand(42)), spark.range(10).select(F.randn(42)),
            spark.sql("SELECT id, rand(7) AS r FROM range(0, 6, 1, 3)")]


@case()
def rand_over_local_relation(spark):
    # Projections over a local relation are evaluated as one partition.
    df = _local(spark)
    return [df.select("a", F.rand(42)), df.filter("a > 6").select("a", F.rand(42)),
            spark.sql("SELECT a, rand(7) FROM VALUES (1), (2), (3) AS t(a)")]


@case()
def rand_after_sample(spark):
    return [spark.range(10).sample(0.5, 3).select("id", F.rand(1)),
            spark.createDataFrame([(i,) for i in range(6)], "a int").select("a", F.rand(3).alias("r")).sample(0.7, 2)]


@case()
def partition_id_and_monotonic_id_over_range(spark):
    return spark.range(0, 10, 1, 3).select("id", F.spark_partition_id(), F.monotonically_increasing_id())


@case()
def partition_id_default_parallelism(spark):
    return spark.range(7).where("id != 3").select("id", F.spark_partition_id().alias("p"),
                                                 F.monotonically_increasing_id().alias("m"))


@case()
def monotonic_id_local_relation(spark):
    df = spark.createDataFrame([("a",), ("b",), ("c",)], ["s"])
    return df.select("s", F.monotonically_increasing_id().alias("m"), F.spark_partition_id().alias("p"))
