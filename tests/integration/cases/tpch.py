"""TPC-H-style DataFrame queries over the small parquet data set the harness writes."""

import datetime as dt

from pyspark.sql import functions as F
from pyspark.sql.functions import col

from harness import case


def _t(spark, fx):
    return {k: spark.read.parquet(fx[k]) for k in ("nation", "customer", "orders", "lineitem")}


@case()
def q1_pricing_summary(spark, fx):
    li = _t(spark, fx)["lineitem"]
    disc_price = col("l_extendedprice") * (1 - col("l_discount"))
    return li.filter(col("l_shipdate") <= F.date_sub(F.lit(dt.date(1996, 12, 1)), 90)) \
        .groupBy("l_returnflag", "l_linestatus") \
        .agg(F.sum("l_quantity").alias("sum_qty"),
             F.sum("l_extendedprice").alias("sum_base_price"),
             F.sum(disc_price).alias("sum_disc_price"),
             F.sum(disc_price * (1 + col("l_tax"))).alias("sum_charge"),
             F.avg("l_quantity").alias("avg_qty"),
             F.avg("l_extendedprice").alias("avg_price"),
             F.avg("l_discount").alias("avg_disc"),
             F.count("*").alias("count_order")) \
        .orderBy("l_returnflag", "l_linestatus")


@case()
def q3_shipping_priority(spark, fx):
    t = _t(spark, fx)
    c = t["customer"].filter(col("c_mktsegment") == "BUILDING")
    o = t["orders"].filter(col("o_orderdate") < F.lit("1996-03-15").cast("date"))
    li = t["lineitem"].filter(col("l_shipdate") > F.lit("1996-03-15").cast("date"))
    return c.join(o, c.c_custkey == o.o_custkey) \
        .join(li, li.l_orderkey == o.o_orderkey) \
        .groupBy("l_orderkey", "o_orderdate", "o_shippriority") \
        .agg(F.sum(col("l_extendedprice") * (1 - col("l_discount"))).alias("revenue")) \
        .orderBy(col("revenue").desc(), "o_orderdate", "l_orderkey") \
        .limit(10)


@case()
def q5_local_supplier_volume(spark, fx):
    t = _t(spark, fx)
    o = t["orders"].filter((col("o_orderdate") >= "1995-01-01") & (col("o_orderdate") < "1996-01-01"))
    return t["customer"].join(o, col("c_custkey") == col("o_custkey")) \
        .join(t["lineitem"], col("l_orderkey") == col("o_orderkey")) \
        .join(t["nation"], col("c_nationkey") == col("n_nationkey")) \
        .filter(col("n_regionkey") == 1) \
        .groupBy("n_name") \
        .agg(F.sum(col("l_extendedprice") * (1 - col("l_discount"))).alias("revenue")) \
        .orderBy(col("revenue").desc(), "n_name")


@case()
def q6_forecast_revenue(spark, fx):
    li = _t(spark, fx)["lineitem"]
    return li.filter((col("l_shipdate") >= "1995-01-01") & (col("l_shipdate") < "1996-01-01")
                     & col("l_discount").between(0.05, 0.07) & (col("l_quantity") < 24)) \
        .agg(F.sum(col("l_extendedprice") * col("l_discount")).alias("revenue"))


@case()
def q10_returned_items(spark, fx):
    t = _t(spark, fx)
    o = t["orders"].filter((col("o_orderdate") >= "1995-10-01") & (col("o_orderdate") < "1996-01-01"))
    li = t["lineitem"].filter(col("l_returnflag") == "R")
    return t["customer"].join(o, col("c_custkey") == col("o_custkey")) \
        .join(li, col("l_orderkey") == col("o_orderkey")) \
        .join(t["nation"], col("c_nationkey") == col("n_nationkey")) \
        .groupBy("c_custkey", "c_name", "c_acctbal", "n_name") \
        .agg(F.sum(col("l_extendedprice") * (1 - col("l_discount"))).alias("revenue")) \
        .orderBy(col("revenue").desc(), "c_custkey").limit(20)


@case()
def q12_shipmode_priority(spark, fx):
    t = _t(spark, fx)
    high = F.when(col("o_orderpriority").isin("1-URGENT", "2-HIGH"), 1).otherwise(0)
    low = F.when(~col("o_orderpriority").isin("1-URGENT", "2-HIGH"), 1).otherwise(0)
    return t["orders"].join(t["lineitem"], col("o_orderkey") == col("l_orderkey")) \
        .filter(col("l_shipmode").isin("MAIL", "SHIP")) \
        .groupBy("l_shipmode") \
        .agg(F.sum(high).alias("high_line_count"), F.sum(low).alias("low_line_count")) \
        .orderBy("l_shipmode")


@case()
def q13_customer_distribution(spark, fx):
    t = _t(spark, fx)
    per_cust = t["customer"].join(t["orders"], col("c_custkey") == col("o_custkey"), "left") \
        .groupBy("c_custkey").agg(F.count("o_orderkey").alias("c_count"))
    return per_cust.groupBy("c_count").agg(F.count("*").alias("custdist")) \
        .orderBy(col("custdist").desc(), col("c_count").desc())


@case()
def q18_large_volume_customers(spark, fx):
    t = _t(spark, fx)
    big = t["lineitem"].groupBy("l_orderkey").agg(F.sum("l_quantity").alias("qty")) \
        .filter(col("qty") > 120)
    return t["customer"].join(t["orders"], col("c_custkey") == col("o_custkey")) \
        .join(big, col("o_orderkey") == col("l_orderkey"), "left_semi") \
        .join(t["lineitem"], col("o_orderkey") == col("l_orderkey")) \
        .groupBy("c_name", "c_custkey", "o_orderkey", "o_orderdate") \
        .agg(F.sum("l_quantity").alias("sum_qty")) \
        .orderBy(col("sum_qty").desc(), "o_orderdate", "o_orderkey").limit(10)


@case()
def sql_q1_equivalent(spark, fx):
    for k, v in _t(spark, fx).items():
        v.createOrReplaceTempView(k)
    return spark.sql("""
        SELECT l_returnflag, l_linestatus, sum(l_quantity) AS sum_qty,
               sum(l_extendedprice * (1 - l_discount)) AS sum_disc_price,
               avg(l_discount) AS avg_disc, count(*) AS count_order
        FROM lineitem
        WHERE l_shipdate <= date '1996-12-01' - interval '90' day
        GROUP BY l_returnflag, l_linestatus
        ORDER BY l_returnflag, l_linestatus""")
