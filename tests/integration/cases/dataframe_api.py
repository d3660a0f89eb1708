"""DataFrame API relations: df.stat (cov, corr, approxQuantile, crosstab,
freqItems), Column.withField / dropFields / getField, pivot without values
and the cast-alias functions (int(x) ...)."""

from pyspark.sql import Row
from pyspark.sql import functions as F

from harness import case


def _nums(spark):
    return spark.createDataFrame([(1, 12.0, "a"), (None, 1.0, "b"), (19, None, None), (4, 5.0, "a")],
                                 "c1 int, c2 double, s string")


# --- df.stat ------------------------------------------------------------------------

@case()
def stat_cov_corr(spark):
    df = spark.createDataFrame([(1, 12), (10, 1), (19, 8)], ["c1", "c2"])
    nulls = _nums(spark)  # Spark's counter reads a NULL as 0.0
    return {"cov": df.cov("c1", "c2"), "corr": df.corr("c1", "c2"),
            "cov_nulls": nulls.cov("c1", "c2"), "corr_nulls": nulls.corr("c1", "c2"),
            "cov_empty": nulls.limit(0).cov("c1", "c2"), "cov_one": nulls.limit(1).cov("c1", "c2")}


@case()
def stat_cov_string_column(spark):
    return _nums(spark).cov("c1", "s")


@case()
def stat_corr_missing_column(spark):
    return _nums(spark).corr("c1", "nope")


@case()
def stat_approx_quantile(spark):
    df = _nums(spark)
    big = spark.range(0, 120000, 1, 1).select(((F.col("id") * 7919) % 120011).alias("v"))
    return {"exact": df.approxQuantile(["c1", "c2"], [0.0, 0.5, 0.75, 1.0], 0.0),
            "approx": df.approxQuantile("c1", [0.0, 0.2, 1.0], 0.1),
            "empty": df.limit(0).approxQuantile(["c1"], [0.5], 0.1),
            "gk": big.approxQuantile("v", [0.1, 0.25, 0.5, 0.9, 0.99], 0.01)}


@case()
def stat_approx_quantile_string_column(spark):
    return _nums(spark).approxQuantile(["s"], [0.5], 0.0)


@case(ordered=False)
def stat_crosstab(spark):
    return _nums(spark).crosstab("s", "c2")


@case(ordered=False)
def stat_crosstab_ints(spark):
    df = spark.createDataFrame([(1, 11), (1, 11), (3, 10), (4, 8), (4, 8)], ["c1", "c2"])
    return df.crosstab("c1", "c2")


@case()
def stat_freq_items(spark):
    df = _nums(spark)
    cyc = spark.range(0, 1000, 1, 1).select((F.col("id") % 7).alias("a"), (F.col("id") % 3).alias("b"))
    fi = cyc.freqItems(["a", "b"], 0.3)
    return [df.freqItems(["c1", "s"], 0.4).collect(), df.freqItems(["c1", "s"]).schema,
            fi.select([F.sort_array(c).alias(c) for c in fi.columns]).collect()]


@case()
def stat_freq_items_bad_support(spark):
    return _nums(spark).freqItems(["c1"], 2.0)


# --- pivot without values -------------------------------------------------------------

@case()
def pivot_without_values(spark):
    df = _nums(spark)
    return df.groupBy("s").pivot("c1").agg(F.sum("c2"), F.max("c2")).orderBy("s")


@case()
def pivot_without_values_strings(spark):
    df = _nums(spark)
    return df.groupBy("c1").pivot("s").count().orderBy("c1")


# --- withField / dropFields / getField ---------------------------------------------

def _structs(spark):
    return spark.createDataFrame([Row(a=Row(b=1, c=2, d=Row(e=4, f=5))), Row(a=None)])


@case()
def col_with_field_cases(spark):
    df = _structs(spark)
    return df.select(df.a.withField("b", F.lit(3)),
                     df.a.withField("B", F.lit("x")).alias("renamed"),
                     df.a.withField("z", F.lit(3)).alias("added"),
                     df.a.withField("d.e", F.lit(9)).alias("nested"),
                     df.a.withField("d.g", F.lit(9)).alias("nested_added"))


@case()
def col_drop_fields_cases(spark):
    df = _structs(spark)
    return df.select(df.a.dropFields("b"), df.a.dropFields("b", "d").alias("two"),
                     df.a.dropFields("d.e").alias("nested"), df.a.dropFields("zz").alias("missing"))


@case()
def col_with_field_missing_parent(spark):
    df = _structs(spark)
    return df.select(df.a.withField("q.g", F.lit(9)))


@case()
def col_with_field_not_struct(spark):
    return spark.range(1).select(F.lit(1).withField("q", F.lit(9)))


@case()
def col_drop_all_fields(spark):
    df = _structs(spark)
    return df.select(df.a.dropFields("b", "c", "d"))


@case()
def col_get_field_names(spark):
    df = _structs(spark)
    return df.select(df.a.getField("b"), df.a.getField("d").getField("e"), df["a"]["c"], "a.b")


# --- cast-alias functions ---------------------------------------------------------------

@case()
def cast_alias_functions(spark):
    return spark.sql("SELECT int(NULL), int('5') AS b, bigint(1.5), string(1), decimal(1.5), "
                     "date('2020-01-01'), boolean(1), float(1), smallint(1), tinyint(1)")


@case()
def cast_alias_invalid_ansi(spark):
    return spark.sql("SELECT int('x')")


@case()
def drop_ambiguous_column(spark, fx):
    # The doctest of DataFrame.drop: after a cross join both inputs have a
    # `name`; dropping it by name drops both, by column is ambiguous.
    df = spark.createDataFrame([(14, "Tom"), (23, "Alice"), (16, "Bob")], ["age", "name"])
    df2 = spark.createDataFrame([(80, "Tom"), (85, "Bob")], ["height", "name"])
    df3 = df.join(df2)
    return [df3.drop("name").columns, df3.drop(df.name).columns, df3.drop(df2["name"]).columns,
            df3.drop(F.col("nope")).columns, df.drop(F.col("NAME")).columns,
            fx.error(lambda: df3.drop(F.col("name")).columns)]
