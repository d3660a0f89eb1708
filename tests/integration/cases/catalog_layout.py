"""Table layout in the catalog from the DataFrame API: bucketBy/sortBy with
saveAsTable (the spec is stored and shown; data is read back as written), and
partitions in custom directories written through insertInto."""

import os

from pyspark.sql import functions as F

from harness import case

_BUCKET_ROWS = ("Num Buckets", "Bucket Columns", "Sort Columns")


def _bucket_info(spark, table):
    rows = spark.sql(f"DESCRIBE EXTENDED {table}").collect()
    return [[r.col_name, r.data_type] for r in rows if r.col_name in _BUCKET_ROWS]


def _data(spark):
    return spark.createDataFrame(
        [(1, "x", 10), (2, "y", 20), (3, "z", 30), (1, "w", 40)], "a int, b string, c int")


@case()
def bucketby_save_as_table(spark, fx):
    spark.sql("DROP TABLE IF EXISTS default.cl_bkt1")
    _data(spark).write.bucketBy(4, "a").sortBy("b").saveAsTable("default.cl_bkt1")
    out = [
        _bucket_info(spark, "default.cl_bkt1"),
        spark.sql("SHOW CREATE TABLE default.cl_bkt1").collect()[0][0],
        [[c.name, c.isBucket, c.isPartition] for c in spark.catalog.listColumns("cl_bkt1", "default")],
        spark.table("default.cl_bkt1").orderBy("a", "b").collect(),
    ]
    # append with the same spec (column case aside) and insertInto keep it;
    # append without it, or with another one, is refused
    _data(spark).write.mode("append").bucketBy(4, "A").sortBy("b").saveAsTable("default.cl_bkt1")
    _data(spark).write.insertInto("default.cl_bkt1")
    out += [
        fx.error(lambda: _data(spark).write.mode("append").saveAsTable("default.cl_bkt1")),
        fx.error(lambda: _data(spark).write.mode("append").bucketBy(2, "a").saveAsTable("default.cl_bkt1")),
        fx.error(lambda: _data(spark).write.mode("append").bucketBy(4, "a").saveAsTable("default.cl_bkt1")),
        _bucket_info(spark, "default.cl_bkt1"),
        _bucket_info(spark, "default.cl_bkt1"),
        spark.table("default.cl_bkt1").groupBy("a").count().orderBy("a").collect(),
    ]
    spark.sql("DROP TABLE default.cl_bkt1")
    return out


@case()
def bucketby_partitioned_save_as_table(spark, fx):
    spark.sql("DROP TABLE IF EXISTS default.cl_bkt2")
    (_data(spark).write.partitionBy("c").bucketBy(2, "a", "b")
     .saveAsTable("default.cl_bkt2"))
    out = [
        _bucket_info(spark, "default.cl_bkt2"),
        spark.sql("SHOW CREATE TABLE default.cl_bkt2").collect()[0][0],
        spark.table("default.cl_bkt2").orderBy("a", "b").collect(),
        spark.sql("SHOW PARTITIONS default.cl_bkt2").collect(),
    ]
    spark.sql("DROP TABLE default.cl_bkt2")
    return out


@case()
def bucketby_errors(spark, fx):
    for t in ("cl_bkt_e1", "cl_bkt_e2", "cl_bkt_e3", "cl_bkt_e4"):
        spark.sql(f"DROP TABLE IF EXISTS default.{t}")
    out = [
        fx.error(lambda: _data(spark).write.bucketBy(4, "nope").saveAsTable("default.cl_bkt_e1")),
        fx.error(lambda: _data(spark).write.bucketBy(4, "a").sortBy("nope").saveAsTable("default.cl_bkt_e2")),
        fx.error(lambda: _data(spark).write.partitionBy("a").bucketBy(4, "a").saveAsTable("default.cl_bkt_e3")),
        fx.error(lambda: _data(spark).write.bucketBy(4, "a").save(os.path.join(fx.tmp, "b"))),
        fx.error(lambda: _data(spark).write.bucketBy(4, "a").parquet(os.path.join(fx.tmp, "b2"))),
        fx.error(lambda: _data(spark).write.bucketBy(200000, "a").saveAsTable("default.cl_bkt_e4")),
        spark.sql("SHOW TABLES IN default LIKE 'cl_bkt_e*'").collect(),
    ]
    return out


@case()
def sortby_without_bucketby(spark, fx):
    spark.sql("DROP TABLE IF EXISTS default.cl_bkt_s")
    out = [fx.error(lambda: _data(spark).write.sortBy("b").saveAsTable("default.cl_bkt_s")),
           spark.sql("SHOW TABLES IN default LIKE 'cl_bkt_s'").collect()]
    spark.sql("DROP TABLE IF EXISTS default.cl_bkt_s")
    return out


@case()
def insert_into_located_partition(spark, fx):
    spark.sql("DROP TABLE IF EXISTS default.cl_ploc")
    spark.sql("CREATE TABLE default.cl_ploc (id INT, p STRING) USING parquet PARTITIONED BY (p)")
    loc = os.path.join(fx.tmp, "custom", "p=elsewhere")
    spark.sql(f"ALTER TABLE default.cl_ploc ADD PARTITION (p = 'b') LOCATION '{loc}'")
    spark.createDataFrame([(1, "a"), (2, "b"), (3, "b")], "id int, p string").write.insertInto("default.cl_ploc")
    out = [
        spark.table("default.cl_ploc").orderBy("id").collect(),
        spark.read.parquet(loc).orderBy("id").collect(),
        spark.table("default.cl_ploc").where("p = 'b'").count(),
    ]
    (spark.createDataFrame([(9, "b")], "id int, p string").write
     .insertInto("default.cl_ploc", overwrite=True))
    out += [spark.table("default.cl_ploc").orderBy("id").collect(),
            spark.sql("SHOW PARTITIONS default.cl_ploc").collect()]
    spark.sql("DROP TABLE default.cl_ploc")
    return out


@case()
def overwrite_located_partition_files(spark, fx):
    # What an overwrite leaves in a partition's custom directory, read by path.
    spark.sql("DROP TABLE IF EXISTS default.cl_ploc2")
    spark.sql("CREATE TABLE default.cl_ploc2 (id INT, p STRING) USING parquet PARTITIONED BY (p)")
    loc = os.path.join(fx.tmp, "custom2")
    spark.sql(f"ALTER TABLE default.cl_ploc2 ADD PARTITION (p = 'b') LOCATION '{loc}'")
    spark.createDataFrame([(2, "b"), (3, "b")], "id int, p string").write.insertInto("default.cl_ploc2")
    (spark.createDataFrame([(9, "b")], "id int, p string").write
     .insertInto("default.cl_ploc2", overwrite=True))
    out = [spark.read.parquet(loc).collect()]
    spark.sql("DROP TABLE default.cl_ploc2")
    return out


@case()
def write_to_bucket_transform(spark, fx):
    bucket = F.partitioning.bucket if hasattr(F, "partitioning") else F.bucket
    spark.sql("DROP TABLE IF EXISTS default.cl_bkt_v2")
    (_data(spark).writeTo("default.cl_bkt_v2").using("parquet")
     .partitionedBy(bucket(4, "a")).create())
    out = [
        _bucket_info(spark, "default.cl_bkt_v2"),
        spark.sql("SHOW CREATE TABLE default.cl_bkt_v2").collect()[0][0],
        spark.table("default.cl_bkt_v2").orderBy("a", "b").collect(),
    ]
    spark.sql("DROP TABLE default.cl_bkt_v2")
    return out
