"""Functions of the registry that no other case exercised: the other type
variants of the sketch families, sample statistics, higher-order map and
array functions, and a few scalar forms. tests/integration/
test_function_coverage.py keeps every registry function covered."""

from pyspark.sql import functions as F
from pyspark.sql.functions import col

from harness import case

V4 = ("4",)


@case(float_tol=1e-9)
def sample_statistics_and_any_value(spark):
    df = spark.createDataFrame([("a", 1.0), ("a", 3.0), ("a", 4.0), ("b", 2.0), ("b", None)], "g string, x double")
    return df.groupBy("g").agg(F.stddev_samp("x"), F.var_samp("x"), F.any_value("x").isNotNull().alias("has_any"),
                               F.expr("any_value(x, true) IS NOT NULL").alias("any_ignore_nulls")).orderBy("g")


@case()
def higher_order_map_and_array_functions(spark):
    df = spark.createDataFrame([({"a": 1, "b": 2}, [1, 2, 3], [10, 20]), ({}, [], None), (None, None, [1])],
                               "m map<string,int>, a array<int>, b array<int>")
    return df.select(
        F.map_filter("m", lambda k, v: v > 1).alias("mf"),
        F.transform_keys("m", lambda k, v: F.upper(k)).alias("tk"),
        F.transform_values("m", lambda k, v: v * 10).alias("tv"),
        F.map_values("m").alias("mv"),
        F.forall("a", lambda x: x > 0).alias("all_pos"),
        F.zip_with("a", "b", lambda x, y: F.coalesce(x, F.lit(0)) + F.coalesce(y, F.lit(0))).alias("zw"))


@case()
def higher_order_in_sql(spark):
    return spark.sql("SELECT forall(array(1, NULL, 3), x -> x > 0) AS f, "
                     "zip_with(array('a', 'b'), array(1), (x, y) -> concat(x, CAST(y AS STRING))) AS z, "
                     "map_filter(map(1, 'x', 2, 'y'), (k, v) -> k > 1) AS m")


@case()
def scalar_forms(spark):
    return spark.sql("SELECT nvl2(NULL, 1, 2) AS a, nvl2(0, 'x', 'y') AS b, if(1 < 2, 'lt', 'ge') AS c, "
                     "shiftrightunsigned(-8, 1) AS d, shiftrightunsigned(CAST(-8 AS INT), 28) AS e, "
                     "7 div 2 AS f, div(-7, 2) AS g, (true and null) AS h, (false or null) AS i, not(true) AS j")


@case()
def div_by_zero(spark):
    return spark.sql("SELECT 7 div 0")


@case(versions=V4)
def try_make_timestamp_forms(spark):
    return spark.sql("SELECT try_make_timestamp(2024, 2, 29, 12, 30, 45.5) AS ok, "
                     "try_make_timestamp(2023, 2, 29, 0, 0, 0) AS bad_day, "
                     "try_make_timestamp(2024, 1, 1, 25, 0, 0) AS bad_hour")


@case()
def current_date_and_timestamp_are_stable(spark):
    # The values change over time; what is compared is that one query sees
    # one instant and their types.
    return spark.sql("SELECT current_date() = current_date() AS same_day, "
                     "current_timestamp() = current_timestamp() AS same_instant, "
                     "typeof(current_date()) AS td, typeof(current_timestamp()) AS tt, "
                     "CAST(current_timestamp() AS DATE) = current_date() AS consistent")


@case()
def array_and_map_extraction(spark):
    df = spark.createDataFrame([([1, 2], {"k": "v"})], "a array<int>, m map<string,string>")
    return df.select(col("a")[0], col("a")[5], col("m")["k"], col("m")["zz"], F.get(col("a"), 1))


@case(versions=V4)
def kll_float_and_bigint_variants(spark):
    return spark.sql(
        "SELECT kll_sketch_get_n_float(f) AS nf, kll_sketch_get_n_bigint(kll_merge_agg_bigint(b)) AS nb, "
        "kll_sketch_get_quantile_float(kll_merge_agg_float(f), 1.0) AS fmax, "
        "kll_sketch_get_n_double(kll_sketch_merge_double(d, d)) AS nd2, "
        "kll_sketch_get_n_float(kll_sketch_merge_float(f, f)) AS nf2, "
        "kll_sketch_to_string_double(d) LIKE '%KLL%' AS sd, kll_sketch_to_string_float(f) LIKE '%KLL%' AS sf "
        "FROM (SELECT kll_sketch_agg_float(CAST(x AS FLOAT)) AS f, kll_sketch_agg_bigint(x) AS b, "
        "kll_sketch_agg_double(CAST(x AS DOUBLE)) AS d FROM VALUES (1), (2), (3), (4) t(x)) GROUP BY f, d")


@case(versions=V4)
def tuple_double_and_integer_variants(spark):
    return spark.sql(
        "SELECT tuple_sketch_estimate_double(tuple_union_double(a, b)) AS u, "
        "tuple_sketch_estimate_double(tuple_intersection_double(a, b)) AS i, "
        "tuple_sketch_estimate_double(tuple_difference_double(a, b)) AS d, "
        "tuple_sketch_estimate_double(tuple_union_theta_double(a, t)) AS ut, "
        "tuple_sketch_estimate_double(tuple_intersection_theta_double(a, t)) AS it, "
        "tuple_sketch_estimate_double(tuple_difference_theta_double(a, t)) AS dt, "
        "tuple_sketch_theta_integer(ai) AS th, "
        "tuple_sketch_estimate_integer(iu) AS iue, tuple_sketch_estimate_integer(ii) AS iie "
        "FROM (SELECT tuple_sketch_agg_double(k1, v) AS a, tuple_sketch_agg_double(k2, v) AS b, "
        "theta_sketch_agg(k2) AS t, tuple_sketch_agg_integer(k1, CAST(v AS INT)) AS ai, "
        "tuple_union_agg_integer(s) AS iu, tuple_intersection_agg_integer(s) AS ii "
        "FROM (SELECT k1, k2, v, tuple_sketch_agg_integer(k1, 1) OVER () AS s "
        "FROM VALUES (1, 2, 1.0D), (2, 3, 2.0D), (3, 4, 3.0D) t(k1, k2, v)))")
