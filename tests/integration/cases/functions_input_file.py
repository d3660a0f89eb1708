"""input_file_name, input_file_block_start, input_file_block_length: the
file (URI, block) a row was read from; "" and -1 outside a file scan or
after an aggregate. The cases write their own files with fixed names
(Spark's part files have random names)."""

import os

import pyarrow as pa
import pyarrow.parquet as pq
from pyspark.sql import functions as F

from harness import case

def _info():
    return [F.input_file_name(), F.input_file_block_start(), F.input_file_block_length()]


def _dir(fx, name):
    d = os.path.join(fx.tmp, name)
    os.makedirs(d, exist_ok=True)
    return d


def _parquet(fx):
    d = _dir(fx, "pq dir")
    pq.write_table(pa.table({"id": [1, 2, 3], "s": ["a", "b", "c"]}), os.path.join(d, "a b.parquet"))
    pq.write_table(pa.table({"id": [10, 20], "s": ["x", "y"]}), os.path.join(d, "c#d.parquet"))
    return d


def _write(path, text):
    with open(path, "w") as f:
        f.write(text)


@case()
def input_file_parquet_two_files(spark, fx):
    df = spark.read.parquet(_parquet(fx))
    return df.select("id", *_info()).orderBy("id")


@case()
def input_file_after_filter_and_projection(spark, fx):
    df = spark.read.parquet(_parquet(fx))
    return df.where("id > 1").select((F.col("id") * 2).alias("x")).withColumn("f", F.input_file_name()).orderBy("x")


@case()
def input_file_in_filter(spark, fx):
    df = spark.read.parquet(_parquet(fx))
    return df.filter(F.input_file_name().endswith("a%20b.parquet")).orderBy("id")


@case()
def input_file_group_by(spark, fx):
    df = spark.read.parquet(_parquet(fx))
    return df.groupBy(F.input_file_name().alias("f")).agg(F.count("*").alias("n"), F.max(F.input_file_block_length()).alias("len")).orderBy("f")


@case()
def input_file_after_aggregate(spark, fx):
    df = spark.read.parquet(_parquet(fx))
    return df.groupBy("s").count().select("s", *_info()).orderBy("s")


@case()
def input_file_range_and_local(spark, fx):
    return [
        spark.range(2).select("id", *_info()),
        spark.createDataFrame([(1,), (2,)], ["a"]).select("a", *_info()),
    ]


@case()
def input_file_csv(spark, fx):
    d = _dir(fx, "csv")
    _write(os.path.join(d, "one.csv"), "1,a\n2,b\n")
    _write(os.path.join(d, "two.csv"), "3,c\n")
    return spark.read.csv(d).select("_c0", *_info()).orderBy("_c0")


@case()
def input_file_json(spark, fx):
    d = _dir(fx, "json")
    _write(os.path.join(d, "x.json"), '{"a": 1}\n{"a": 2}\n')
    return spark.read.json(d).select("a", *_info()).orderBy("a")


@case()
def input_file_text(spark, fx):
    d = _dir(fx, "text")
    _write(os.path.join(d, "t.txt"), "hello\nworld\n")
    return spark.read.text(d).select("value", *_info()).orderBy("value")


@case()
def input_file_partitioned_directory(spark, fx):
    d = _dir(fx, "part")
    for k in (1, 2):
        sub = _dir(fx, os.path.join("part", "k=%d" % k))
        pq.write_table(pa.table({"v": [k * 10]}), os.path.join(sub, "f.parquet"))
    return spark.read.parquet(d).select("k", "v", *_info()).orderBy("k")


@case()
def input_file_sql(spark, fx):
    d = _parquet(fx)
    return spark.sql("SELECT id, input_file_name(), input_file_block_start(), input_file_block_length() FROM parquet.`%s` ORDER BY id" % d)


@case()
def input_file_above_join_with_local(spark, fx):
    df = spark.read.parquet(_parquet(fx))
    local = spark.createDataFrame([(1, "one"), (10, "ten")], ["id", "w"])
    return df.join(local, "id").select("id", "w", *_info()).orderBy("id")


@case()
def input_file_above_join_of_two_files(spark, fx):
    df = spark.read.parquet(_parquet(fx))
    d = _dir(fx, "other")
    pq.write_table(pa.table({"id": [1, 10], "w": ["one", "ten"]}), os.path.join(d, "o.parquet"))
    return df.join(spark.read.parquet(d), "id").select("id", "w", F.input_file_name()).orderBy("id")
