"""Row order and spark_partition_id() after Spark's exchanges (coalesce,
repartition by number, by columns, by range, by id) and after broadcast joins,
as collect() and show() see them without an orderBy (the oracles run
local[2])."""

from pyspark.sql import functions as F

from harness import case


def _people(spark):
    return spark.createDataFrame([(14, "Tom"), (23, "Alice"), (16, "Bob")], ["age", "name"])


def _pid(df, *cols):
    return df.select(*cols, F.spark_partition_id().alias("pid"))


# --- repartition family --------------------------------------------------------------

@case()
def coalesce_range_groups(spark):
    return [_pid(spark.range(0, 12, 1, k).coalesce(n), "id") for k, n in [(3, 1), (5, 3), (7, 4), (3, 8)]]


@case()
def coalesce_local_data(spark):
    df = spark.createDataFrame([(i,) for i in range(5)], ["a"])
    return [_pid(df.coalesce(1), "a"), _pid(df.coalesce(3), "a")]


@case()
def repartition_round_robin(spark):
    df = spark.range(0, 20, 1, 3)
    return [_pid(df.repartition(4), "id"), _pid(df.repartition(4)),
            _pid(spark.range(0, 20, 1, 1).repartition(3), "id"),
            df.repartition(5).withColumn("x", F.col("id") * 2)]


@case()
def repartition_round_robin_strings(spark):
    df = spark.range(0, 30, 1, 2).select("id", F.concat(F.lit("n"), F.col("id").cast("string")).alias("s"),
                                         (F.col("id") % 3 == 0).alias("b"), (F.col("id") / 7).alias("d"))
    return [_pid(df.repartition(4), "id", "s", "b", "d"), _pid(_people(spark).repartition(2), "age", "name")]


@case()
def repartition_by_columns(spark):
    df = spark.range(0, 20, 1, 3)
    return [_pid(df.repartition(4, "id"), "id"), df.repartition(4, "id"),
            _pid(_people(spark).repartition(3, "name"), "age", "name"),
            _pid(df.repartition("id"), "id")]


@case()
def repartition_by_range(spark):
    df = spark.range(0, 20, 1, 3)
    return [_pid(_people(spark).repartitionByRange(2, "age"), "age", "name"),
            _pid(df.repartitionByRange(4, "id"), "id"),
            _pid(df.repartitionByRange(4, F.col("id").desc()), "id"),
            _pid(spark.createDataFrame([(i % 4, i) for i in range(12)], ["k", "v"]).repartitionByRange(3, "k"), "k", "v")]


@case(versions=("4",))
def repartition_by_id(spark):
    df = spark.range(0, 10, 1, 2)
    return [_pid(df.repartitionById(3, (F.col("id") % 3).cast("int")), "id"),
            _pid(df.repartitionById(4, (F.col("id") - 5).cast("int")), "id"),
            _pid(df.repartitionById(4, F.when(F.col("id") > 6, None).otherwise(F.col("id")).cast("int")), "id")]


@case()
def distribute_by_sql(spark):
    spark.range(0, 20, 1, 3).createOrReplaceTempView("row_order_r")
    return [spark.sql("SELECT id, spark_partition_id() AS pid FROM (SELECT * FROM row_order_r DISTRIBUTE BY id)")]


# --- broadcast joins ------------------------------------------------------------------

def _lr(spark):
    left = spark.createDataFrame([(1, "a"), (2, "b"), (1, "c"), (3, "d"), (2, "e"), (4, "f")], ["k", "l"])
    right = spark.createDataFrame([(2, "x"), (1, "y"), (2, "z"), (5, "w"), (1, "v")], ["k", "r"])
    return left, right


@case()
def join_order_by_type(spark):
    left, right = _lr(spark)
    return [left.join(right, "k", how) for how in ["inner", "left", "right", "semi", "anti"]]


@case()
def join_build_side_by_size(spark):
    left, right = _lr(spark)
    wide = spark.createDataFrame([(2, "x" * 30), (1, "y"), (2, "z"), (5, "w"), (1, "v"), (6, "q"), (7, "p")], ["k", "r"])
    return [left.join(wide, "k"), left.crossJoin(right), right.select("r").crossJoin(left)]


@case()
def join_conditions(spark):
    left, right = _lr(spark)
    r2 = right.withColumnRenamed("k", "k2")
    return [left.join(r2, F.col("k") == F.col("k2")), left.join(right, left.k < right.k),
            left.join(right, left.k > right.k + 2, "left"), left.join(right, (left.k == right.k) & (left.l < right.r))]


@case()
def join_ranges(spark):
    a, b = spark.range(0, 10, 1, 3), spark.range(0, 10, 1, 2).withColumnRenamed("id", "j")
    return [a.join(b, F.col("id") % 3 == F.col("j") % 4),
            _pid(a.join(b, F.col("id") % 3 == F.col("j") % 4), "id", "j")]
