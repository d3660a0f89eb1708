"""Lateral joins: SQL LATERAL subqueries and table functions, and
DataFrame.lateralJoin (4.x), whose right side refers to the left side's
columns (Column.outer())."""

from pyspark.sql import functions as sf

from harness import case


def _orders(spark):
    customers = spark.createDataFrame([(1, "Alice"), (2, "Bob"), (3, "Carol")], ["customer_id", "name"])
    orders = spark.createDataFrame(
        [(101, 1, [("laptop", 5), ("mouse", 12)]), (102, 1, [("charger", 15)]), (103, 2, [])],
        "order_id int, customer_id long, items array<struct<product string, quantity int>>")
    return customers, orders


@case(versions=("4",))
def lateral_join_explode_outer_column(spark):
    customers, orders = _orders(spark)
    return customers.join(orders, "customer_id").lateralJoin(
        spark.tvf.explode(sf.col("items").outer()).select("col.*")
    ).orderBy("customer_id", "order_id", "product")


@case(versions=("4",))
def lateral_join_left_keeps_unmatched(spark):
    _, orders = _orders(spark)
    return orders.lateralJoin(spark.tvf.explode(sf.col("items").outer()), how="left") \
        .select("order_id", "col").orderBy("order_id", "col.product")


@case(versions=("4",))
def lateral_join_correlated_aggregate(spark):
    t = spark.range(1, 4).toDF("n")
    return t.lateralJoin(
        spark.range(1, 10).where(sf.col("id") <= sf.col("n").outer()).select(sf.sum("id").alias("s"))
    ).orderBy("n")


@case(versions=("4",))
def lateral_join_with_condition(spark):
    t = spark.range(1, 4).toDF("n")
    return t.lateralJoin(
        spark.range(0, 5).select((sf.col("id") * sf.col("n").outer()).alias("m")), sf.col("m") > 2, "left"
    ).orderBy("n", "m")


@case(versions=("4",))
def lateral_join_unsupported_type(spark):
    t = spark.range(1, 4).toDF("n")
    return [lambda: t.lateralJoin(spark.range(1), how="right").collect()]


@case()
def sql_lateral_subquery(spark):
    return spark.sql("SELECT n, m FROM VALUES (1), (2) AS t(n), "
                     "LATERAL (SELECT n * 10 AS m UNION ALL SELECT n + 1) ORDER BY n, m")


@case()
def sql_left_join_lateral(spark):
    return spark.sql("SELECT n, s FROM VALUES (1), (2), (3) AS t(n) LEFT JOIN LATERAL "
                     "(SELECT sum(x) AS s FROM explode(sequence(1, n)) AS e(x) WHERE x > 1) ON s > 2 ORDER BY n")


@case()
def sql_lateral_table_function(spark):
    return spark.sql("SELECT a, col FROM VALUES (array(1, 2)), (array(3)) AS t(a), LATERAL explode(a) ORDER BY col")


@case()
def sql_lateral_right_join_is_an_error(spark):
    return spark.sql("SELECT * FROM VALUES (1) AS t(n) RIGHT JOIN LATERAL (SELECT n) ON true")


@case()
def sql_left_join_lateral_generator(spark):
    return spark.sql("SELECT id, x FROM VALUES (1, array(1, 2)), (2, array()), (3, NULL) AS t(id, a) "
                     "LEFT JOIN LATERAL explode(a) AS e(x) ORDER BY id, x")


@case()
def sql_left_join_lateral_explode_outer(spark):
    return spark.sql("SELECT id, x FROM VALUES (1, array(1, 2)), (2, array()) AS t(id, a) "
                     "LEFT JOIN LATERAL explode_outer(a) AS e(x) ORDER BY id, x")
