"""Aggregate functions: statistics, regressions, product, bitwise folds, mode,
listagg, top-k max_by/min_by, try_sum/try_avg, approx_count_distinct."""

from decimal import Decimal

from pyspark.sql import functions as F

from harness import case


def _pairs(spark):
    return spark.sql("SELECT * FROM VALUES (1, 1), (2, null), (3, 4), (null, 5), (5, 7), (6, 9) AS t(y, x)")


@case(float_tol=1e-12)
def agg_corr_covar(spark):
    df = _pairs(spark)
    return df.select(F.corr("x", "y"), F.covar_pop("x", "y"), F.covar_samp("x", "y"))


@case()
def agg_corr_one_row_and_empty(spark):
    return spark.sql("SELECT corr(x, y), covar_pop(x, y), covar_samp(x, y) FROM VALUES (1, 2) AS t(x, y) "
                     "UNION ALL SELECT corr(x, y), covar_pop(x, y), covar_samp(x, y) FROM VALUES (1, 2) AS t(x, y) WHERE x > 9")


@case()
def agg_corr_constant_ansi_error(spark):
    spark.conf.set("spark.sql.ansi.enabled", "true")
    return [lambda: spark.sql("SELECT corr(x, y) FROM VALUES (1, 1), (1, 2) AS t(x, y)").collect()]


@case()
def agg_corr_type_error(spark):
    return spark.sql("SELECT corr(true, 1)")


@case(float_tol=1e-12)
def agg_regressions(spark):
    df = _pairs(spark)
    return df.select(F.regr_slope("y", "x"), F.regr_intercept("y", "x"), F.regr_r2("y", "x"),
                     F.regr_sxx("y", "x"), F.regr_syy("y", "x"), F.regr_sxy("y", "x"),
                     F.regr_avgx("y", "x"), F.regr_avgy("y", "x"), F.regr_count("y", "x"))


@case()
def agg_regressions_constant_x(spark):
    return spark.sql("SELECT regr_slope(y, x), regr_intercept(y, x), regr_r2(y, x), regr_sxx(y, x) "
                     "FROM VALUES (1, 1), (2, 1) AS t(y, x)")


@case()
def agg_regr_avg_decimal(spark):
    return spark.sql("SELECT regr_avgx(y, x), regr_avgy(y, x) FROM VALUES (1, CAST(2.5 AS DECIMAL(5,1))), (null, 1.0) AS t(y, x)")


@case(float_tol=1e-12)
def agg_skewness_kurtosis(spark):
    df = spark.createDataFrame([(1.0,), (2.0,), (None,), (3.5,), (0.1,), (7.7,)], "c double")
    return df.select(F.skewness("c"), F.kurtosis("c"))


@case()
def agg_skewness_constant_and_empty(spark):
    return spark.sql("SELECT skewness(c), kurtosis(c) FROM VALUES (2), (2) AS t(c) "
                     "UNION ALL SELECT skewness(c), kurtosis(c) FROM VALUES (2) AS t(c) WHERE c > 5")


@case()
def agg_product(spark):
    df = spark.sql("SELECT id % 3 AS k, id AS v FROM range(1, 10)")
    return df.groupBy("k").agg(F.product("v"), F.product(F.lit(None).cast("int"))).orderBy("k")


@case()
def agg_bit_folds(spark):
    return spark.sql("SELECT bit_and(c), bit_or(c), bit_xor(c), bit_and(CAST(c AS TINYINT)) "
                     "FROM VALUES (3), (5), (null) AS t(c)")


@case()
def agg_bit_type_error(spark):
    return spark.sql("SELECT bit_and(1.5)")


@case()
def agg_mode(spark):
    return spark.sql("SELECT mode(x), mode(s), mode(x, true) FROM VALUES (1, 'a'), (1, 'a'), (2, 'b'), "
                     "(null, null), (null, null), (null, null) AS t(x, s)")


@case()
def agg_mode_non_foldable(spark):
    return spark.sql("SELECT mode(x, y) FROM VALUES (3, true) AS t(x, y)")


@case()
def agg_listagg(spark):
    df = spark.createDataFrame([("a",), ("b",), (None,), ("c",)], ["s"])
    return df.select(F.listagg("s"), F.listagg("s", ", "), F.string_agg("s", "-"),
                     F.listagg(F.lit(None).cast("string")))


@case()
def agg_listagg_binary(spark):
    df = spark.createDataFrame([(b"\x01",), (None,), (b"\x02",)], ["b"])
    return df.select(F.listagg("b", b"B"))


@case()
def agg_listagg_type_mismatch(spark):
    return spark.sql("SELECT listagg(x, X'42') FROM VALUES ('a'), ('b') AS t(x)")


@case()
def agg_max_min_by_k(spark):
    return spark.sql("SELECT max_by(x, y, 2), min_by(x, y, 3), max_by(x, y), min_by(x, y) "
                     "FROM VALUES ('a', 10), ('b', 50), (null, 60), ('d', null), ('e', 5) AS t(x, y)")


@case()
def agg_max_by_k_out_of_range(spark):
    return spark.sql("SELECT max_by(x, y, 0) FROM VALUES ('a', 1) AS t(x, y)")


@case()
def agg_try_sum_try_avg_overflow(spark):
    df = spark.createDataFrame([(Decimal("1" * 38),)] * 10, "n DECIMAL(38, 0)")
    longs = spark.sql("SELECT try_sum(x), try_avg(x) FROM VALUES (9223372036854775807L), (1L) AS t(x)")
    return [df.select(F.try_sum("n"), F.try_avg("n")), longs]


@case()
def agg_try_sum_empty(spark):
    return spark.sql("SELECT try_sum(x), try_avg(x) FROM VALUES (1), (2) AS t(x) WHERE x > 5")


@case()
def agg_approx_count_distinct(spark):
    df = spark.range(100000)
    return df.agg(F.approx_count_distinct("id"), F.approx_count_distinct("id", 0.1),
                  F.approx_count_distinct(F.col("id").cast("int")),
                  F.approx_count_distinct(F.col("id").cast("string")),
                  F.approx_count_distinct(F.col("id").cast("double")),
                  F.approx_count_distinct(F.lit(None)))


@case()
def agg_approx_count_distinct_rsd_too_large(spark):
    return spark.sql("SELECT approx_count_distinct(id, 0.5) FROM range(10)")


@case()
def agg_count_star_expr(spark):
    df = spark.createDataFrame([(None,), ("a",)], ["s"])
    return df.select(F.count(F.expr("*")), F.count("s"))
