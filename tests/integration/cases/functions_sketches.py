"""Sketch functions (theta, tuple, HLL, KLL) and the exact bitmap functions.

Sketch binaries are engine-specific, so cases compare what is read back
from them (estimates, quantiles, counts) rather than the bytes; bitmaps
are exact and compare as bytes (hex).
"""

from pyspark.sql import functions as F

from harness import case

V4 = ("4",)


def _sql(spark, q):
    return spark.sql(q)


# --- bitmaps -------------------------------------------------------------------

@case(versions=V4)
def bitmap_positions(spark):
    return _sql(spark, "SELECT x, bitmap_bucket_number(x) AS b, bitmap_bit_position(x) AS p "
                       "FROM VALUES (0), (1), (-1), (32768), (32769), (-32768), (-32769), (NULL) t(x) ORDER BY x")


@case(versions=V4)
def bitmap_construct_count(spark):
    return _sql(spark, "SELECT g, bitmap_count(bitmap_construct_agg(bitmap_bit_position(x))) AS n, "
                       "substr(hex(bitmap_construct_agg(bitmap_bit_position(x))), 1, 8) AS head, "
                       "length(hex(bitmap_construct_agg(bitmap_bit_position(x)))) AS len "
                       "FROM VALUES (1, 1), (1, 2), (1, 2), (1, NULL), (2, 40000), (2, NULL) t(g, x) GROUP BY g ORDER BY g")


@case(versions=V4)
def bitmap_or_and_agg(spark):
    return _sql(spark, "SELECT substr(hex(bitmap_or_agg(b)), 1, 6) AS o, substr(hex(bitmap_and_agg(b)), 1, 6) AS a, "
                       "bitmap_count(bitmap_or_agg(b)) AS no, bitmap_count(bitmap_and_agg(b)) AS na "
                       "FROM VALUES (X'F0'), (X'7030'), (X'30FF'), (NULL) t(b)")


@case(versions=V4)
def bitmap_count_null(spark):
    return _sql(spark, "SELECT bitmap_count(X'FF0F') AS a, bitmap_count(CAST(NULL AS BINARY)) AS b")


@case(versions=V4)
def bitmap_position_out_of_range(spark):
    return _sql(spark, "SELECT bitmap_construct_agg(x) FROM VALUES (32768) t(x)").collect()


@case(versions=V4)
def bitmap_count_wrong_type(spark):
    return _sql(spark, "SELECT bitmap_count('abc')").collect()


# --- theta ---------------------------------------------------------------------

@case(versions=V4)
def theta_agg_estimate(spark):
    df = spark.createDataFrame([(1, "a", 1.5), (2, "b", -0.0), (2, "", 0.0), (None, None, None), (3, "a", 2.5)],
                               "i int, s string, d double")
    return df.agg(F.theta_sketch_estimate(F.theta_sketch_agg("i")).alias("i"),
                  F.theta_sketch_estimate(F.theta_sketch_agg("s")).alias("s"),
                  F.theta_sketch_estimate(F.theta_sketch_agg("d", 15)).alias("d"))


@case(versions=V4)
def theta_large_estimate(spark):
    # One partition: the QuickSelect sketch's own estimate.
    return spark.range(0, 20000, 1, 1).agg(F.theta_sketch_estimate(F.theta_sketch_agg("id")).alias("e"))


@case(versions=V4)
def theta_set_operations(spark):
    df = spark.createDataFrame([(1, 2), (2, 3), (3, 4), (None, 5)], "a int, b int")
    s = df.agg(F.theta_sketch_agg("a").alias("x"), F.theta_sketch_agg("b").alias("y"))
    return s.select(F.theta_sketch_estimate(F.theta_union("x", "y")).alias("u"),
                    F.theta_sketch_estimate(F.theta_intersection("x", "y")).alias("i"),
                    F.theta_sketch_estimate(F.theta_difference("x", "y")).alias("d"),
                    F.theta_sketch_estimate(F.theta_union("x", F.lit(None).cast("binary"))).alias("n"))


@case(versions=V4)
def theta_union_intersection_agg(spark):
    return _sql(spark, "SELECT theta_sketch_estimate(theta_union_agg(s)) AS u, "
                       "theta_sketch_estimate(theta_intersection_agg(s)) AS i FROM ("
                       "SELECT g, theta_sketch_agg(x) AS s FROM VALUES (1, 1), (1, 2), (1, 3), (2, 2), (2, 3), (2, 4) t(g, x) GROUP BY g)")


@case(versions=V4)
def theta_invalid_buffer(spark):
    return _sql(spark, "SELECT theta_sketch_estimate(X'0102')").collect()


@case(versions=V4)
def theta_invalid_lg(spark):
    return _sql(spark, "SELECT theta_sketch_agg(x, 3) FROM VALUES (1) t(x)").collect()


# --- HLL -----------------------------------------------------------------------

@case(versions=V4)
def hll_agg_estimate(spark):
    return _sql(spark, "SELECT hll_sketch_estimate(hll_sketch_agg(i)) AS i, hll_sketch_estimate(hll_sketch_agg(s, 10)) AS s "
                       "FROM VALUES (1, 'a'), (2, 'b'), (2, ''), (NULL, NULL), (3, 'a') t(i, s)")


@case(versions=V4)
def hll_large_estimate(spark):
    return spark.range(0, 20000, 1, 1).agg(F.hll_sketch_estimate(F.hll_sketch_agg("id")).alias("e"))


@case(versions=V4)
def hll_unions(spark):
    return _sql(spark, "SELECT hll_sketch_estimate(hll_union_agg(s)) AS u, "
                       "hll_sketch_estimate(hll_union(first(s), last(s))) AS u2 FROM ("
                       "SELECT g, hll_sketch_agg(x) AS s FROM VALUES (1, 1), (1, 2), (2, 2), (2, 3) t(g, x) GROUP BY g ORDER BY g)")


@case(versions=V4)
def hll_union_different_lgk(spark):
    return _sql(spark, "SELECT hll_union(hll_sketch_agg(x, 5), hll_sketch_agg(x, 6)) FROM VALUES (1) t(x)").collect()


@case(versions=V4)
def hll_invalid_buffer(spark):
    return _sql(spark, "SELECT hll_sketch_estimate(X'0102')").collect()


# --- KLL -----------------------------------------------------------------------

@case(versions=V4)
def kll_bigint(spark):
    return _sql(spark, "SELECT kll_sketch_get_n_bigint(s) AS n, kll_sketch_get_quantile_bigint(s, 0.5) AS q, "
                       "kll_sketch_get_quantile_bigint(s, array(0.0, 0.1, 1.0)) AS qs, kll_sketch_get_rank_bigint(s, 3) AS r, "
                       "kll_sketch_get_n_bigint(kll_sketch_merge_bigint(s, s)) AS n2 "
                       "FROM (SELECT kll_sketch_agg_bigint(x) AS s FROM VALUES (1), (2), (3), (4), (5), (NULL) t(x))")


@case(versions=V4)
def kll_float_double(spark):
    return _sql(spark, "SELECT kll_sketch_get_quantile_float(f, 0.5) AS qf, kll_sketch_get_rank_float(f, 2.0) AS rf, "
                       "kll_sketch_get_quantile_double(d, 0.25) AS qd, kll_sketch_get_rank_double(d, array(1.0, 4.0)) AS rd "
                       "FROM (SELECT kll_sketch_agg_float(CAST(x AS FLOAT)) AS f, kll_sketch_agg_double(x) AS d "
                       "FROM VALUES (1.0D), (2.0D), (3.0D), (4.0D) t(x))")


@case(versions=V4)
def kll_merge_agg(spark):
    return _sql(spark, "SELECT kll_sketch_get_n_double(kll_merge_agg_double(s)) AS n, "
                       "kll_sketch_get_quantile_double(kll_merge_agg_double(s), 1.0) AS mx FROM ("
                       "SELECT g, kll_sketch_agg_double(x) AS s FROM VALUES (1, 1.0D), (1, 2.0D), (2, 3.0D) t(g, x) GROUP BY g)")


@case(versions=V4)
def kll_to_string_mentions_kll(spark):
    r = _sql(spark, "SELECT kll_sketch_to_string_bigint(kll_sketch_agg_bigint(x)) FROM VALUES (1) t(x)").first()[0]
    return ["kll" in r.lower()]


@case(versions=V4)
def kll_quantile_out_of_range(spark):
    return _sql(spark, "SELECT kll_sketch_get_quantile_bigint(kll_sketch_agg_bigint(x), 1.5) FROM VALUES (1) t(x)").collect()


@case(versions=V4)
def kll_empty_sketch_quantile(spark):
    return _sql(spark, "SELECT kll_sketch_get_quantile_bigint(kll_sketch_agg_bigint(x), 0.5) FROM VALUES (1) t(x) WHERE false").collect()


@case(versions=V4)
def kll_k_out_of_range(spark):
    return _sql(spark, "SELECT kll_sketch_agg_bigint(x, 5) FROM VALUES (1) t(x)").collect()


@case(versions=V4)
def kll_wrong_input_type(spark):
    return _sql(spark, "SELECT kll_sketch_agg_bigint(x) FROM VALUES (1.5) t(x)").collect()


# --- tuple ---------------------------------------------------------------------

@case(versions=V4)
def tuple_double_agg_summary(spark):
    return _sql(spark, "SELECT tuple_sketch_estimate_double(tuple_sketch_agg_double(k, v)) AS e, "
                       "tuple_sketch_summary_double(tuple_sketch_agg_double(k, v)) AS s, "
                       "tuple_sketch_summary_double(tuple_sketch_agg_double(k, v, 12, 'min'), 'min') AS mn, "
                       "tuple_sketch_summary_double(tuple_sketch_agg_double(k, v, 12, 'max'), 'max') AS mx, "
                       "tuple_sketch_theta_double(tuple_sketch_agg_double(k, v)) AS th "
                       "FROM VALUES (1, 5.0D), (2, 7.0D), (2, 3.0D), (NULL, 1.0D), (3, NULL) t(k, v)")


@case(versions=V4)
def tuple_integer_set_operations(spark):
    df = spark.createDataFrame([(1, 10, 2, 20), (2, 20, 3, 30), (3, 30, 4, 40)], "k1 int, v1 int, k2 int, v2 int")
    s = df.agg(F.tuple_sketch_agg_integer("k1", "v1").alias("a"), F.tuple_sketch_agg_integer("k2", "v2").alias("b"),
               F.theta_sketch_agg("k2").alias("t"))
    return s.select(F.tuple_sketch_estimate_integer(F.tuple_union_integer("a", "b")).alias("u"),
                    F.tuple_sketch_summary_integer(F.tuple_union_integer("a", "b")).alias("us"),
                    F.tuple_sketch_estimate_integer(F.tuple_intersection_integer("a", "b")).alias("i"),
                    F.tuple_sketch_summary_integer(F.tuple_intersection_integer("a", "b")).alias("is"),
                    F.tuple_sketch_estimate_integer(F.tuple_difference_integer("a", "b")).alias("d"),
                    F.tuple_sketch_estimate_integer(F.tuple_intersection_theta_integer("a", "t")).alias("it"),
                    F.tuple_sketch_estimate_integer(F.tuple_difference_theta_integer("a", "t")).alias("dt"),
                    F.tuple_sketch_estimate_integer(F.tuple_union_theta_integer("a", "t")).alias("ut"))


@case(versions=V4)
def tuple_union_intersection_agg(spark):
    return _sql(spark, "SELECT tuple_sketch_estimate_double(tuple_union_agg_double(s)) AS u, "
                       "tuple_sketch_summary_double(tuple_union_agg_double(s)) AS us, "
                       "tuple_sketch_estimate_double(tuple_intersection_agg_double(s)) AS i FROM ("
                       "SELECT g, tuple_sketch_agg_double(k, v) AS s FROM VALUES (1, 1, 1.0D), (1, 2, 2.0D), (2, 2, 3.0D), (2, 3, 4.0D) t(g, k, v) GROUP BY g)")


@case(versions=V4)
def tuple_invalid_buffer(spark):
    return _sql(spark, "SELECT tuple_sketch_estimate_double(X'0102')").collect()


@case(versions=V4)
def tuple_invalid_mode(spark):
    return _sql(spark, "SELECT tuple_sketch_agg_double(k, v, 12, 'bogus') FROM VALUES (1, 1.0D) t(k, v)").collect()
