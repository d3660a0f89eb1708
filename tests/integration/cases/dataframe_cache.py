"""DataFrame caching and plan-inspection relations: cache()/persist()/
unpersist() with the catalog's cache calls, explain() sections,
observe() metrics and checkpoint()/localCheckpoint()."""

import contextlib
import io

from pyspark.sql import functions as F
from pyspark.storagelevel import StorageLevel

from harness import case


def _level(df):
    lv = df.storageLevel
    return [lv.useDisk, lv.useMemory, lv.useOffHeap, lv.deserialized, lv.replication]


def _explain(df, *args):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        df.explain(*args)
    return out.getvalue()


def _sections(text):
    return [line for line in text.splitlines() if line.startswith("== ")]


def _people(spark):
    return spark.createDataFrame([(1, "ann", 3.5), (2, None, None), (3, "cy", 1.25)],
                                 "id int not null, name string, score double")


# --- cache / persist -----------------------------------------------------------------

@case()
def cache_same_rows(spark):
    df = _people(spark).withColumn("twice", F.col("id") * 2)
    df.cache()
    out = [df.schema, df.orderBy("id").collect(), df.filter("id > 1").orderBy("id").collect(), df.count()]
    df.unpersist()
    return out


@case()
def cache_keeps_schema(spark, fx):
    df = spark.read.parquet(fx["all_types"])
    df.persist()
    out = [df.schema, df.limit(3).select(df.columns[:6]).collect(), df.count()]
    df.unpersist()
    return out


@case()
def cache_nondeterministic_stable(spark):
    df = spark.range(0, 50, 1, 1).withColumn("r", F.rand())
    df.cache()
    first = df.collect()
    out = [first == df.collect(), df.count(), df.filter("r >= 0").count()]
    df.unpersist()
    return out


@case()
def persist_storage_levels(spark):
    a = _people(spark).select("name")
    b = spark.range(7)
    c = spark.range(8)
    before = _level(a)
    a.cache()
    b.persist(StorageLevel.DISK_ONLY)
    c.persist(StorageLevel.MEMORY_ONLY)
    out = {"before": before, "cache": _level(a), "disk_only": _level(b),
           "memory_only": _level(c), "rows": c.orderBy("id").collect()}
    for df in (a, b, c):
        df.unpersist()
    return out


@case()
def unpersist_forgets(spark):
    df = spark.range(5).withColumn("sq", F.col("id") * F.col("id"))
    df.cache()
    cached = _level(df)
    rows = df.collect()
    df.unpersist()
    return {"cached": cached, "after": _level(df), "rows": rows, "again": df.orderBy("id")}


@case()
def cache_catalog_is_cached(spark):
    df = _people(spark)
    df.createOrReplaceTempView("cache_people_v")
    before = spark.catalog.isCached("cache_people_v")
    df.cache()
    during = spark.catalog.isCached("cache_people_v")
    rows = spark.table("cache_people_v").orderBy("id").collect()
    spark.catalog.clearCache()
    after = spark.catalog.isCached("cache_people_v")
    return {"before": before, "during": during, "after": after, "level": _level(df), "rows": rows}


@case()
def cache_uncache_table_view(spark):
    df = spark.range(4)
    df.createOrReplaceTempView("cache_range_v")
    df.cache()
    spark.catalog.uncacheTable("cache_range_v")
    return {"view_cached": spark.catalog.isCached("cache_range_v"), "level": _level(df)}


@case()
def cache_explain_in_memory_scan(spark):
    df = spark.range(1)
    df.cache()
    text = _explain(df)
    derived = _explain(df.filter("id > 0"))
    df.unpersist()
    return {"first_lines": text.splitlines()[:2][0], "scan": text.splitlines()[1].startswith("InMemoryTableScan"),
            "derived": "InMemoryTableScan" in derived,
            "uncached": "InMemoryTableScan" in _explain(spark.range(2))}


# --- explain ---------------------------------------------------------------------------

@case()
def explain_sections(spark):
    df = _people(spark).filter("id > 1").select("name")
    return {"simple": _sections(_explain(df)),
            "extended_bool": _sections(_explain(df, True)),
            "extended": _sections(_explain(df, "extended")),
            "cost": _sections(_explain(df, "cost")),
            "formatted": _sections(_explain(df, "formatted")),
            "analyzed_schema": _explain(df, True).split("== Analyzed Logical Plan ==\n")[1].splitlines()[0]}


# --- checkpoint / localCheckpoint --------------------------------------------------------

@case(versions=("4",))
def local_checkpoint_rows(spark):
    df = _people(spark).withColumn("twice", F.col("id") * 2)
    cp = df.localCheckpoint()
    return [cp.schema, cp.orderBy("id"), cp.filter("id > 1").select("name", "twice").orderBy("twice")]


@case(versions=("4",))
def local_checkpoint_lazy_join(spark):
    df = spark.createDataFrame([(14, "Tom"), (23, "Alice"), (16, "Bob")], ["age", "name"])
    cp = df.localCheckpoint(False)
    return cp.join(df.withColumnRenamed("name", "n2"), "age").orderBy("age")


@case(versions=("4",))
def checkpoint_nondeterministic_stable(spark):
    cp = spark.range(0, 20, 1, 1).withColumn("r", F.rand()).localCheckpoint(eager=False)
    return [cp.collect() == cp.collect(), cp.count(), cp.schema]


@case(versions=("4",))
def checkpoint_needs_directory(spark):
    return spark.range(3).checkpoint()


# --- observe ------------------------------------------------------------------------------

def _ages(spark):
    return spark.createDataFrame([(2, "Alice"), (5, "Bob"), (None, "Cy")], schema=["age", "name"])


@case(versions=("4",))
def observe_observation_get(spark):
    from pyspark.sql import Observation
    obs = Observation("my metrics")
    df = _ages(spark).observe(obs, F.count(F.lit(1)).alias("count"), F.max(F.col("age")),
                              F.avg("age").alias("avg"), F.sum("age"), F.sort_array(F.collect_list("name")).alias("names"))
    n = df.count()
    return {"count": n, "metrics": obs.get}


@case(versions=("4",))
def observe_named_after_filter(spark):
    from pyspark.sql import Observation
    obs = Observation("after filter")
    df = _ages(spark).filter("age > 2").observe(obs, F.count("*").alias("rows"), (F.sum("age") * 2).alias("twice"))
    rows = df.orderBy("name").collect()
    return {"rows": rows, "metrics": obs.get}


@case()
def observe_rows_unchanged(spark):
    df = _ages(spark).observe("ages", F.count(F.lit(1)).alias("c"), F.min("age").alias("lo"))
    return df.orderBy("name")


@case(versions=("4",))
def observe_get_before_action(spark):
    from pyspark.sql import Observation
    obs = Observation("never run")
    _ages(spark).observe(obs, F.count(F.lit(1)))
    return [lambda: obs.get]


@case()
def observe_attribute_error(spark):
    return _ages(spark).observe("bad", F.col("age"))


@case()
def observe_expression_on_attribute_error(spark):
    return _ages(spark).observe("bad", (F.col("age") + 1).alias("z"))


@case()
def observe_nested_aggregate_error(spark):
    return _ages(spark).observe("bad", F.max(F.sum("age")).alias("m"))


@case()
def observe_nested_aggregate_in_expression_error(spark):
    # The nested aggregate sits under an arithmetic expression of the metric.
    return _ages(spark).observe("bad", (F.sum("age") + F.max(F.count("age"))).alias("m"))


@case()
def observe_distinct_over_nested_aggregate_error(spark):
    # A DISTINCT aggregate is reported before the aggregate nested in it.
    return _ages(spark).observe("bad", F.count_distinct(F.sum("age")).alias("d"))


@case()
def select_nested_aggregate_error(spark):
    # Outside observe() the aggregate operator's own check applies.
    return _ages(spark).select(F.max(F.sum("age")).alias("m"))


@case()
def observe_distinct_aggregate_error(spark):
    return _ages(spark).observe("bad", F.count_distinct("age").alias("d"))


@case()
def observe_nondeterministic_error(spark):
    return _ages(spark).observe("bad", (F.rand(1) + F.sum("age")).alias("r"))


@case()
def observe_window_error(spark):
    from pyspark.sql import Window
    return _ages(spark).observe("bad", F.sum("age").over(Window.partitionBy("name")).alias("w"))


@case()
def same_semantics_ignores_alias_names(spark):
    df1 = spark.range(10)
    df2 = spark.range(10)
    rows = [(
        df1.withColumn("col1", df1.id * 2).sameSemantics(df2.withColumn("col0", df2.id * 2)),
        df1.withColumn("col1", df1.id * 2).sameSemantics(df2.withColumn("col1", df2.id + 2)),
        df1.filter("id > 3").sameSemantics(df2.filter("id > 3")),
        df1.sameSemantics(spark.range(11)),
    )]
    return spark.createDataFrame(rows, "alias_only boolean, other_expr boolean, same_filter boolean, other_range boolean")
