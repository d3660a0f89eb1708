"""Window functions."""

from pyspark.sql import Window
from pyspark.sql import functions as F
from pyspark.sql.functions import col

from harness import case


def _sales(spark):
    return spark.createDataFrame(
        [("a", 1, 10.0), ("a", 2, 20.0), ("a", 3, 20.0), ("a", 4, None), ("b", 1, 5.0),
         ("b", 2, 1.0), ("c", 1, 7.0)],
        "g string, t int, v double")


@case()
def ranking_functions(spark):
    df = _sales(spark)
    w = Window.partitionBy("g").orderBy(col("v").desc_nulls_last())
    return df.select("g", "t", "v",
                     F.row_number().over(Window.partitionBy("g").orderBy("t")).alias("rn"),
                     F.rank().over(w).alias("rank"),
                     F.dense_rank().over(w).alias("dense"),
                     F.percent_rank().over(w).alias("pct"),
                     F.cume_dist().over(w).alias("cume"),
                     F.ntile(2).over(w).alias("ntile2")).orderBy("g", "t")


@case()
def lag_lead(spark):
    df = _sales(spark)
    w = Window.partitionBy("g").orderBy("t")
    return df.select("g", "t", F.lag("v").over(w).alias("lag1"),
                     F.lag("v", 2, -1.0).over(w).alias("lag2"),
                     F.lead("v").over(w).alias("lead1"),
                     F.lead("t", 1, 0).over(w).alias("lead_t")).orderBy("g", "t")


@case()
def running_sum_rows_between(spark):
    df = _sales(spark)
    w = Window.partitionBy("g").orderBy("t").rowsBetween(Window.unboundedPreceding,
                                                         Window.currentRow)
    return df.select("g", "t", "v", F.sum("v").over(w).alias("running")).orderBy("g", "t")


@case()
def sliding_window_rows(spark):
    df = _sales(spark)
    w = Window.partitionBy("g").orderBy("t").rowsBetween(-1, 1)
    return df.select("g", "t", F.avg("v").over(w).alias("avg3"),
                     F.count("v").over(w).alias("cnt3")).orderBy("g", "t")


@case()
def range_between(spark):
    df = spark.createDataFrame([(1, 1), (1, 2), (1, 4), (1, 7), (2, 3)], "g int, x int")
    w = Window.partitionBy("g").orderBy("x").rangeBetween(-2, 0)
    return df.select("g", "x", F.sum("x").over(w).alias("s")).orderBy("g", "x")


@case()
def default_frame_with_order(spark):
    # with ORDER BY the default frame is RANGE UNBOUNDED PRECEDING..CURRENT ROW (ties share)
    df = _sales(spark)
    w = Window.partitionBy("g").orderBy("v")
    return df.select("g", "t", "v", F.sum("v").over(w).alias("s"),
                     F.count("*").over(w).alias("c")).orderBy("g", "t")


@case()
def whole_partition_aggregates(spark):
    df = _sales(spark)
    w = Window.partitionBy("g")
    return df.select("g", "t", F.sum("v").over(w).alias("total"),
                     F.max("v").over(w).alias("mx"),
                     F.count("*").over(w).alias("n")).orderBy("g", "t")


@case()
def window_without_partition(spark):
    df = _sales(spark)
    w = Window.orderBy("g", "t")
    return df.select("g", "t", F.row_number().over(w).alias("rn"),
                     F.sum("t").over(w).alias("cum_t")).orderBy("rn")


@case()
def first_last_value_over_frame(spark):
    df = _sales(spark)
    w = Window.partitionBy("g").orderBy("t").rowsBetween(Window.unboundedPreceding,
                                                         Window.unboundedFollowing)
    return df.select("g", "t", F.first("v").over(w).alias("first_v"),
                     F.last("v").over(w).alias("last_v"),
                     F.last("v", ignorenulls=True).over(w).alias("last_nn"),
                     F.nth_value("v", 2).over(w).alias("second")).orderBy("g", "t")


def _gaps(spark):
    return spark.createDataFrame(
        [("a", 1, 10.0), ("a", 2, 20.0), ("a", 3, None), ("a", 4, None), ("a", 6, 40.0),
         ("b", 1, None), ("b", 2, 1.0), ("c", 1, 7.0)],
        "g string, t int, v double")


@case()
def first_last_value_bounded_frames(spark):
    # first/last with and without ignoreNulls over sliding ROWS and RANGE
    # frames, and over a frame that lies wholly ahead of the row (empty at
    # the end of a partition).
    df = _gaps(spark)
    base = Window.partitionBy("g").orderBy("t")
    rows = base.rowsBetween(-1, 1)
    rng = base.rangeBetween(-2, 0)
    ahead = base.rowsBetween(1, 2)
    cur = base.rowsBetween(Window.currentRow, Window.unboundedFollowing)
    return df.select(
        "g", "t",
        F.first("v").over(rows).alias("f_rows"), F.last("v").over(rows).alias("l_rows"),
        F.first("v", True).over(rows).alias("fn_rows"), F.last("v", True).over(rows).alias("ln_rows"),
        F.first("v").over(rng).alias("f_rng"), F.last("v", True).over(rng).alias("ln_rng"),
        F.first("v").over(ahead).alias("f_ahead"), F.last("v", True).over(ahead).alias("ln_ahead"),
        F.first("v", True).over(cur).alias("fn_cur"),
        F.any_value("v", True).over(base).alias("any_nn")).orderBy("g", "t")


@case()
def nth_value_frames_ignore_nulls(spark):
    # nth_value reads the window's frame like an aggregate; ignoreNulls
    # counts only non-null values (and shows in the column name).
    df = _gaps(spark)
    base = Window.partitionBy("g").orderBy("t")
    cur = base.rowsBetween(Window.currentRow, Window.unboundedFollowing)
    return df.select(
        "g", "t", F.nth_value("v", 2).over(cur), F.nth_value("v", 2, True).over(cur),
        F.nth_value("v", 1, True).over(base.rowsBetween(-1, 1)),
        F.nth_value("v", 2).over(base),
        F.nth_value("v", 1, False).over(base.rangeBetween(-1, 1))).orderBy("g", "t")


@case()
def first_last_nth_ignore_nulls_sql(spark):
    _gaps(spark).createOrReplaceTempView("s")
    return spark.sql(
        "SELECT g, t, "
        "first_value(v) IGNORE NULLS OVER (PARTITION BY g ORDER BY t "
        "ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS a, "
        "last_value(v, true) OVER (PARTITION BY g ORDER BY t "
        "RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS b, "
        "last(v) RESPECT NULLS OVER (PARTITION BY g ORDER BY t) AS c, "
        "nth_value(v, 2) IGNORE NULLS OVER (PARTITION BY g ORDER BY t) AS d, "
        "nth_value(v, 2) OVER (PARTITION BY g ORDER BY t "
        "ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS e "
        "FROM s ORDER BY g, t")


@case()
def first_last_nth_value_range_peers(spark):
    # Rows that tie on the order key are one group of a RANGE frame, but
    # first/last/nth_value read them in input order.
    rows = [("a", 1, "p"), ("a", 2, "q"), ("a", 2, None), ("a", 2, "s"), ("a", 3, "t"), ("a", 2, "u"),
            ("b", 1, "v"), ("b", 1, "w")]
    df = spark.createDataFrame(rows, "g string, t int, v string")
    w = Window.partitionBy("g").orderBy("t")
    peers = w.rangeBetween(0, 0)
    return df.select("g", "t", "v", F.nth_value("v", 3).over(w).alias("n3"), F.last("v").over(w).alias("l"),
                     F.first("v").over(peers).alias("fp"), F.last("v", True).over(peers).alias("lp"),
                     F.nth_value("v", 2, True).over(peers).alias("n2p")).orderBy("g", "t", "v")


@case()
def lag_lead_ignore_nulls_sql(spark):
    # IGNORE NULLS skips NULL values when counting the offset; the column
    # name does not show it.
    _gaps(spark).createOrReplaceTempView("s")
    return spark.sql(
        "SELECT g, t, lag(v) IGNORE NULLS OVER (PARTITION BY g ORDER BY t), "
        "lead(v, 1, -1.0) IGNORE NULLS OVER (PARTITION BY g ORDER BY t) AS ld, "
        "lag(v, 2) IGNORE NULLS OVER (PARTITION BY g ORDER BY t) AS l2, "
        "lead(v) RESPECT NULLS OVER (PARTITION BY g ORDER BY t) AS ln "
        "FROM s ORDER BY g, t")


@case()
def lag_ignore_nulls_argument(spark):
    # Spark 4 takes ignoreNulls as lag/lead's fourth argument; Spark 3.5
    # refuses four arguments.
    _gaps(spark).createOrReplaceTempView("s")
    return spark.sql(
        "SELECT g, t, lag(v, 2, NULL, true) OVER (PARTITION BY g ORDER BY t) AS l2, "
        "lead(v, 1, 0.0, false) OVER (PARTITION BY g ORDER BY t) AS l1 "
        "FROM s ORDER BY g, t")


@case()
def window_in_sql(spark):
    _sales(spark).createOrReplaceTempView("sales")
    return spark.sql(
        "SELECT g, t, v, row_number() OVER (PARTITION BY g ORDER BY t DESC) AS rn, "
        "sum(v) OVER (PARTITION BY g ORDER BY t ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s2 "
        "FROM sales ORDER BY g, t")


@case()
def top_n_per_group(spark):
    df = _sales(spark)
    w = Window.partitionBy("g").orderBy(col("v").desc_nulls_last(), "t")
    return df.withColumn("rn", F.row_number().over(w)).filter("rn <= 2").drop("rn") \
        .orderBy("g", "t")


@case()
def ties_keep_input_order(spark):
    # Rows that tie on the window's order keys keep their input order:
    # in the output, in row_number/lag, in ROWS frames, and for
    # order-sensitive aggregates over a whole partition.
    df = spark.createDataFrame(
        [(1, "a", "p"), (1, "a", "q"), (2, "a", "r"), (1, "b", "s"), (0, "b", "t"), (1, "b", "u")],
        "id int, g string, tag string")
    w = Window.partitionBy("g").orderBy("id")
    return df.select(
        "id", "g", "tag",
        F.row_number().over(w).alias("rn"),
        F.rank().over(w).alias("rk"),
        F.lag("tag").over(w).alias("prev"),
        F.collect_list("tag").over(w.rowsBetween(Window.unboundedPreceding, 0)).alias("upto"),
        F.count("tag").over(w).alias("peers_upto"),
        F.first("tag").over(Window.partitionBy("g")).alias("first_in_g"),
        F.collect_list("tag").over(Window.partitionBy("g")).alias("all_in_g"))


@case(float_tol=1e-9)
def aggregates_over_windows(spark):
    # Aggregates Ember computes from several engine aggregates or from a
    # collected list also work as window functions.
    df = spark.createDataFrame(
        [("a", 1, 1.5, 2.0), ("a", 2, 2.5, 1.0), ("a", 3, None, 4.0), ("b", 1, 4.0, 3.0), ("b", 2, 4.0, 5.0)],
        "g string, t int, x double, y double")
    w = Window.partitionBy("g").orderBy("t")
    whole = Window.partitionBy("g")
    return df.select(
        "g", "t",
        F.avg(col("x").cast("decimal(10,2)")).over(w).alias("avg_dec"),
        F.collect_list("x").over(w).alias("xs"),
        F.sort_array(F.collect_set("x").over(whole)).alias("xset"),
        F.skewness("y").over(whole).alias("skew"),
        F.corr("x", "y").over(whole).alias("corr"),
        F.covar_samp("x", "y").over(w).alias("cov"),
        F.mode("x").over(whole).alias("mode"),
        F.approx_count_distinct("x").over(whole).alias("acd"),
        F.count_if(col("x") > 2).over(w).alias("cnt_if"))
