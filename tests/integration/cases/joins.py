"""Joins of every type, join conditions, self-joins through aliases."""

from pyspark.sql import functions as F
from pyspark.sql.functions import col

from harness import case


def _emp(spark):
    return spark.createDataFrame(
        [(1, "Ann", 10, None), (2, "Ben", 20, 1), (3, "Cid", 10, 1), (4, "Dee", None, 2),
         (5, "Eve", 40, 2)],
        "id int, name string, dept_id int, manager_id int")


def _dept(spark):
    return spark.createDataFrame(
        [(10, "Eng"), (20, "Sales"), (30, "Ops"), (None, "Nowhere")],
        "dept_id int, dname string")


def _both(spark):
    return _emp(spark), _dept(spark)


@case()
def inner_join_on_condition(spark):
    e, d = _both(spark)
    return e.join(d, e.dept_id == d.dept_id).select("id", "name", "dname").orderBy("id")


@case()
def inner_join_default_how(spark):
    e, d = _both(spark)
    return e.join(d, e.dept_id == d.dept_id, "inner").orderBy("id")


@case()
def left_join(spark):
    e, d = _both(spark)
    return e.join(d, e.dept_id == d.dept_id, "left").select("id", "dname").orderBy("id")


@case()
def left_outer_alias(spark):
    e, d = _both(spark)
    return e.join(d, e.dept_id == d.dept_id, "left_outer").select("id", "dname").orderBy("id")


@case()
def right_join(spark):
    e, d = _both(spark)
    return e.join(d, e.dept_id == d.dept_id, "right").select("id", "dname") \
        .orderBy(col("id").asc_nulls_last(), "dname")


@case()
def full_outer_join(spark):
    e, d = _both(spark)
    return e.join(d, e.dept_id == d.dept_id, "full").select("id", e.dept_id, d.dept_id, "dname") \
        .orderBy(col("id").asc_nulls_last(), "dname")


@case(ordered=False)
def full_outer_join_unordered(spark):
    e, d = _both(spark)
    return e.join(d, e.dept_id == d.dept_id, "outer")


@case()
def left_semi_join(spark):
    e, d = _both(spark)
    return e.join(d, e.dept_id == d.dept_id, "left_semi").orderBy("id")


@case()
def left_anti_join(spark):
    e, d = _both(spark)
    return e.join(d, e.dept_id == d.dept_id, "left_anti").orderBy("id")


@case()
def semi_anti_short_names(spark):
    e, d = _both(spark)
    return [e.join(d, "dept_id", "semi").select("id").orderBy("id"),
            e.join(d, "dept_id", "anti").select("id").orderBy("id")]


@case()
def cross_join(spark):
    e, d = _both(spark)
    return e.select("id").crossJoin(d.select("dname")).orderBy("id", "dname")


@case()
def join_without_condition_is_cross(spark):
    a = spark.range(2).withColumnRenamed("id", "a")
    b = spark.range(3).withColumnRenamed("id", "b")
    return a.join(b).orderBy("a", "b")


@case()
def join_using_column(spark):
    e, d = _both(spark)
    return e.join(d, "dept_id").orderBy("id")


@case()
def join_using_column_list_outer(spark):
    e, d = _both(spark)
    return e.join(d, ["dept_id"], "full").orderBy(col("dept_id").asc_nulls_first(), "id")


@case()
def join_using_multiple_columns(spark):
    a = spark.createDataFrame([(1, "x", 1.0), (1, "y", 2.0), (2, "x", 3.0)], "k1 int, k2 string, v double")
    b = spark.createDataFrame([(1, "x", "p"), (2, "x", "q"), (2, "y", "r")], "k1 int, k2 string, w string")
    return a.join(b, ["k1", "k2"], "left").orderBy("k1", "k2")


@case()
def join_compound_condition(spark):
    e, d = _both(spark)
    return e.join(d, (e.dept_id == d.dept_id) & (e.id > 1)).select("id", "dname").orderBy("id")


@case()
def join_condition_list(spark):
    e, d = _both(spark)
    return e.join(d, [e.dept_id == d.dept_id, d.dname != "Eng"]).select("id", "dname").orderBy("id")


@case()
def join_non_equi(spark):
    a = spark.range(5).withColumnRenamed("id", "a")
    b = spark.range(5).withColumnRenamed("id", "b")
    return a.join(b, a.a < b.b - 2).orderBy("a", "b")


@case()
def join_null_safe(spark):
    e, d = _both(spark)
    return e.join(d, e.dept_id.eqNullSafe(d.dept_id)).select("id", "dname").orderBy("id")


@case()
def self_join_aliases(spark):
    e = _emp(spark)
    a, m = e.alias("a"), e.alias("m")
    return a.join(m, col("a.manager_id") == col("m.id"), "left") \
        .select(col("a.name").alias("employee"), col("m.name").alias("manager")) \
        .orderBy("employee")


@case()
def self_join_alias_attributes(spark):
    e = _emp(spark)
    df1, df2 = e.alias("df1"), e.alias("df2")
    return df1.join(df2, df1.manager_id == df2.id) \
        .select(df1.name.alias("employee"), df2.name.alias("manager")).orderBy("employee")


@case()
def self_join_alias_same_key(spark):
    e = _emp(spark)
    df1, df2 = e.alias("df1"), e.alias("df2")
    return df1.join(df2, df1.id == df2.id).select("df1.id", "df2.name").orderBy("df1.id")


@case()
def self_join_derived_df_columns(spark):
    e = _emp(spark)
    e2 = e.select("id", "name")
    return e.join(e2, e.manager_id == e2.id).select(e.name, e2.name.alias("boss")).orderBy("name")


@case()
def join_two_dataframes_same_column(spark):
    df1 = spark.createDataFrame([(1, "a"), (2, "b")], "id int, v string")
    df2 = spark.createDataFrame([(1, "x"), (3, "y")], "id int, w string")
    return df1.join(df2, df1.id == df2.id).select(df1.id, df1.v, df2.w).orderBy(df1.id)


@case()
def join_then_aggregate(spark):
    e, d = _both(spark)
    return e.join(d, "dept_id", "left").groupBy("dname").agg(F.count("*").alias("n")) \
        .orderBy(col("dname").asc_nulls_first())


@case()
def join_broadcast_hint(spark):
    e, d = _both(spark)
    return e.join(F.broadcast(d), "dept_id").select("id", "dname").orderBy("id")


@case()
def three_way_join(spark):
    e, d = _both(spark)
    loc = spark.createDataFrame([("Eng", "Oslo"), ("Sales", "Rome")], "dname string, city string")
    return e.join(d, "dept_id").join(loc, "dname").select("id", "dname", "city").orderBy("id")


@case()
def join_types_with_duplicates(spark):
    a = spark.createDataFrame([(1,), (1,), (2,)], "k int")
    b = spark.createDataFrame([(1, "x"), (1, "y"), (3, "z")], "k int, v string")
    return [a.join(b, "k").orderBy("k", "v"),
            a.join(b, "k", "semi").orderBy("k"),
            a.join(b, "k", "anti").orderBy("k"),
            a.join(b, "k", "full").orderBy("k", "v")]


@case()
def join_how_strings(spark):
    e, d = _both(spark)
    out = {}
    for how in ["inner", "cross", "outer", "full", "fullouter", "full_outer", "left", "leftouter",
                "left_outer", "right", "rightouter", "right_outer", "semi", "leftsemi",
                "left_semi", "anti", "leftanti", "left_anti"]:
        out[how] = e.join(d, e.dept_id == d.dept_id, how).count()
    return out


@case()
def join_unknown_how(spark):
    e, d = _both(spark)
    return e.join(d, "dept_id", "sideways")
