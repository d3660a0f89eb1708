"""groupBy/agg, global aggregates, rollup, cube, pivot."""

from pyspark.sql import functions as F
from pyspark.sql.functions import col

from harness import case


def _people(spark, fx):
    return spark.read.parquet(fx["people"])


@case()
def group_by_count(spark, fx):
    return _people(spark, fx).groupBy("dept").count().orderBy("dept")


@case()
def group_by_agg_functions(spark, fx):
    df = _people(spark, fx)
    return df.groupBy("dept").agg(
        F.count("*").alias("n"),
        F.count("age").alias("n_age"),
        F.sum("age").alias("sum_age"),
        F.avg("age").alias("avg_age"),
        F.min("age"), F.max("age"),
        F.countDistinct("active").alias("nd_active"),
        F.sort_array(F.collect_list("id")).alias("ids"),
        F.sort_array(F.collect_set("active")).alias("actives"),
    ).orderBy(col("dept").asc_nulls_first())


@case(float_tol=1e-12)
def group_by_stddev_variance(spark, fx):
    df = _people(spark, fx)
    return df.groupBy("dept").agg(
        F.stddev("salary").alias("sd"), F.stddev_pop("salary").alias("sdp"),
        F.variance("age").alias("var"), F.var_pop("age").alias("varp"),
        F.avg("salary").alias("avg_sal"),
    ).orderBy("dept")


@case()
def sum_types(spark, fx):
    df = _people(spark, fx)
    # sum(int) -> bigint, sum(decimal(10,2)) -> decimal(20,2), sum(double) -> double
    out = df.agg(F.sum("age"), F.sum("bonus"), F.sum("salary"), F.sum(col("age").cast("tinyint")))
    return [out.schema, out]


@case()
def avg_types(spark, fx):
    df = _people(spark, fx)
    # avg(decimal(10,2)) -> decimal(14,6); avg(int) -> double
    out = df.agg(F.avg("bonus"), F.avg("age"), F.mean("salary"))
    return [out.schema, out]


@case()
def avg_decimal_literal_precision(spark):
    df = spark.sql("SELECT * FROM VALUES (CAST(1.10 AS DECIMAL(5,2))), (2.25), (3.333) AS t(d)")
    return df.agg(F.avg("d").alias("a"), F.sum("d").alias("s"), F.max("d").alias("m"))


@case()
def global_agg(spark, fx):
    df = _people(spark, fx)
    return df.agg(F.count("*"), F.max("salary"), F.min("name"),
                  F.countDistinct("dept", "active"))


@case()
def agg_dict_syntax(spark, fx):
    df = _people(spark, fx)
    return df.groupBy("dept").agg({"age": "max", "salary": "sum"}).orderBy("dept")


@case()
def grouped_shortcuts(spark, fx):
    g = _people(spark, fx).groupBy("dept")
    return [g.max("age").orderBy("dept"), g.sum("age", "salary").orderBy("dept"),
            g.avg("age").orderBy("dept"), g.min("id").orderBy("dept")]


@case()
def agg_empty_input(spark, fx):
    df = _people(spark, fx).filter("id < 0")
    return [df.agg(F.count("*"), F.sum("age"), F.avg("age"), F.max("name")),
            df.groupBy("dept").count()]


@case()
def count_distinct_nulls(spark):
    df = spark.createDataFrame([(1, "a"), (1, None), (None, "a"), (2, "b")], "x int, y string")
    return df.agg(F.countDistinct("x"), F.countDistinct("x", "y"), F.count("x"),
                  F.count(F.lit(1)), F.approx_count_distinct("y"))


@case()
def group_by_expression(spark, fx):
    df = _people(spark, fx)
    return df.groupBy((col("age") / 10).cast("int").alias("decade")).agg(
        F.count("*").alias("n")).orderBy("decade")


@case()
def group_by_multiple_keys(spark, fx):
    df = _people(spark, fx)
    return df.groupBy("dept", "active").agg(F.sum("salary").alias("s")) \
        .orderBy("dept", "active")


@case()
def agg_with_filter_having(spark, fx):
    df = _people(spark, fx)
    return df.groupBy("dept").agg(F.count("*").alias("n")).filter("n > 1").orderBy("dept")


@case()
def max_by_min_by(spark):
    df = spark.createDataFrame([(1, None, "a"), (1, 5, "b"), (1, 7, "c"), (2, 1, "d")],
                               "g int, v int, s string")
    return df.groupBy("g").agg(F.max_by("s", "v"), F.min_by("s", "v")).orderBy("g")


@case()
def bool_aggregates(spark, fx):
    df = _people(spark, fx)
    return df.groupBy("dept").agg(F.expr("bool_and(active)"), F.expr("bool_or(active)"),
                                  F.expr("count_if(active)")).orderBy("dept")


@case()
def rollup(spark, fx):
    df = _people(spark, fx)
    return df.rollup("dept", "active").agg(F.count("*").alias("n"), F.sum("age").alias("s"),
                                           F.grouping("dept").alias("gd"),
                                           F.grouping("active").alias("ga")) \
        .orderBy(col("dept").asc_nulls_last(), col("active").asc_nulls_last(), "gd", "ga")


@case()
def cube(spark, fx):
    df = _people(spark, fx).filter("dept IS NOT NULL AND active IS NOT NULL")
    return df.cube("dept", "active").agg(F.count("*").alias("n"), F.grouping_id().alias("gid")) \
        .orderBy("gid", "dept", "active")


@case()
def pivot_with_values(spark, fx):
    df = _people(spark, fx)
    return df.groupBy("dept").pivot("active", [True, False]).agg(F.sum("age")).orderBy("dept")


@case()
def pivot_without_values(spark, fx):
    df = _people(spark, fx).filter("dept IS NOT NULL")
    return df.groupBy("active").pivot("dept").count().orderBy("active")


@case()
def pivot_multiple_aggs(spark, fx):
    df = _people(spark, fx)
    return df.groupBy("active").pivot("dept", ["eng", "hr"]) \
        .agg(F.max("age").alias("maxage"), F.count("id").alias("n")).orderBy("active")


@case()
def sql_group_by_having(spark, fx):
    _people(spark, fx).createOrReplaceTempView("people")
    return spark.sql("SELECT dept, count(*) AS n, avg(age) AS a FROM people "
                     "GROUP BY dept HAVING count(*) >= 2 ORDER BY n DESC, dept")


@case()
def sql_grouping_sets(spark, fx):
    _people(spark, fx).createOrReplaceTempView("people")
    return spark.sql("SELECT dept, active, count(*) AS n FROM people "
                     "GROUP BY GROUPING SETS ((dept), (active), ()) "
                     "ORDER BY dept NULLS LAST, active NULLS LAST, n")


@case()
def percentile_and_median(spark):
    df = spark.range(1, 11)
    return df.agg(F.expr("percentile(id, 0.5)").alias("p50"),
                  F.expr("percentile_approx(id, 0.9)").alias("p90"),
                  F.expr("median(id)").alias("med"))
