"""Set operations, distinct, dropDuplicates, na.*, describe/summary, sample."""

from pyspark.sql.functions import col

from harness import case


def _ab(spark):
    a = spark.createDataFrame([(1, "x"), (2, "y"), (2, "y"), (3, None), (None, "n")],
                              "k int, v string")
    b = spark.createDataFrame([(2, "y"), (3, None), (4, "z"), (None, "n")], "k int, v string")
    return a, b


def _sorted(df):
    return df.orderBy(col("k").asc_nulls_first(), col("v").asc_nulls_first())


@case()
def union(spark):
    a, b = _ab(spark)
    return _sorted(a.union(b))


@case()
def union_all(spark):
    a, b = _ab(spark)
    return _sorted(a.unionAll(b))


@case()
def union_keeps_left_names_by_position(spark):
    a = spark.createDataFrame([(1, "a")], "x int, y string")
    b = spark.createDataFrame([("b", 2)], "p string, q int")
    return a.union(b.select("q", "p"))


@case()
def union_type_widening(spark):
    a = spark.createDataFrame([(1,)], "v int")
    b = spark.createDataFrame([(2.5,)], "v double")
    c = spark.createDataFrame([(3,)], "v bigint")
    df = a.union(b).union(c)
    return [df.schema, df.orderBy("v")]


@case()
def union_column_count_mismatch(spark):
    a = spark.createDataFrame([(1, "a")], "x int, y string")
    return a.union(spark.range(1))


@case()
def union_by_name(spark):
    a = spark.createDataFrame([(1, "a")], "x int, y string")
    b = spark.createDataFrame([("b", 2)], "y string, x int")
    return a.unionByName(b).orderBy("x")


@case()
def union_by_name_allow_missing(spark):
    a = spark.createDataFrame([(1, "a")], "x int, y string")
    b = spark.createDataFrame([(2, 2.5)], "x int, z double")
    return a.unionByName(b, allowMissingColumns=True).orderBy("x")


@case()
def union_by_name_missing_fails(spark):
    a = spark.createDataFrame([(1, "a")], "x int, y string")
    b = spark.createDataFrame([(2, 2.5)], "x int, z double")
    return a.unionByName(b)


@case()
def intersect(spark):
    a, b = _ab(spark)
    return _sorted(a.intersect(b))


@case()
def intersect_all(spark):
    a, b = _ab(spark)
    return _sorted(a.union(a).intersectAll(b.union(b).union(b)))


@case()
def subtract(spark):
    a, b = _ab(spark)
    return _sorted(a.subtract(b))


@case()
def except_all(spark):
    a, b = _ab(spark)
    return _sorted(a.exceptAll(b))


@case()
def distinct(spark):
    a, b = _ab(spark)
    return _sorted(a.union(b).distinct())


@case()
def drop_duplicates_all_columns(spark):
    a, b = _ab(spark)
    return _sorted(a.union(b).dropDuplicates())


@case()
def drop_duplicates_subset(spark):
    a, b = _ab(spark)
    df = a.union(b).dropDuplicates(["k"])
    # which v survives is not defined; only the keys are
    return [df.count(), df.select("k").orderBy(col("k").asc_nulls_first())]


@case()
def drop_duplicates_alias(spark):
    df = spark.createDataFrame([(1, 1), (1, 1), (2, 2)], "a int, b int")
    return df.drop_duplicates().orderBy("a")


# --- na functions -------------------------------------------------------------------

def _nulls(spark):
    return spark.createDataFrame(
        [(1, None, "a", 1.5), (None, 2.0, None, None), (3, 3.0, "c", float("nan")),
         (None, None, None, None)],
        "i int, d double, s string, f double")


@case()
def na_fill_number(spark):
    return _nulls(spark).na.fill(0)


@case()
def na_fill_string(spark):
    return _nulls(spark).na.fill("zz")


@case()
def na_fill_dict(spark):
    return _nulls(spark).na.fill({"i": -1, "s": "none", "f": 9.5})


@case()
def na_fill_subset(spark):
    return _nulls(spark).fillna(7, subset=["i"])


@case()
def na_fill_bool(spark):
    df = spark.createDataFrame([(True,), (None,)], "b boolean")
    return df.na.fill(False)


@case()
def na_drop_any(spark):
    return _nulls(spark).na.drop()


@case()
def na_drop_all(spark):
    return _nulls(spark).na.drop(how="all")


@case()
def na_drop_thresh(spark):
    return _nulls(spark).na.drop(thresh=2)


@case()
def na_drop_subset(spark):
    return _nulls(spark).dropna(subset=["i", "s"])


@case()
def na_replace_values(spark):
    df = _nulls(spark)
    return [df.na.replace(1, 100), df.na.replace("a", "A"),
            df.na.replace(["a", "c"], ["X", "Y"], "s"),
            df.replace({1.5: 2.5}, subset=["d", "f"])]


@case()
def na_replace_to_null(spark):
    df = spark.createDataFrame([("a",), ("b",)], "s string")
    return df.na.replace("a", None)


# --- describe / summary ----------------------------------------------------------------
# stddev/mean are floating-point results (their last digit depends on the
# order of summation), rendered as strings: compared with a tiny tolerance.

@case(float_tol=1e-12)
def describe_all(spark, fx):
    return spark.read.parquet(fx["people"]).describe()


@case(float_tol=1e-12)
def describe_columns(spark, fx):
    return spark.read.parquet(fx["people"]).describe("age", "salary")


@case(float_tol=1e-12)
def summary_default(spark, fx):
    return spark.read.parquet(fx["people"]).select("id", "age", "salary", "name").summary()


@case(float_tol=1e-12)
def summary_selected_stats(spark, fx):
    df = spark.read.parquet(fx["people"]).select("age", "salary")
    return df.summary("count", "min", "25%", "75%", "max", "count_distinct")


# --- sample: only deterministic properties ----------------------------------------------
# Which rows a seeded sample() picks depends on Spark's partitioning and random
# generator; only the fraction 0 / 1 limits are defined.

@case()
def sample_extremes(spark):
    df = spark.range(100)
    return [df.sample(fraction=1.0, seed=7).count(), df.sample(fraction=0.0, seed=7).count(),
            df.sample(False, 1.0, 3).count()]


@case()
def random_split_total(spark):
    parts = spark.range(100).randomSplit([0.5, 0.5], seed=11)
    return [len(parts), sum(p.count() for p in parts)]
