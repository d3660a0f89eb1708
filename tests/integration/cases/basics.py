"""spark.range, projections, filters, column manipulation, sorting, limits."""

from pyspark.sql import functions as F
from pyspark.sql.functions import col, lit

from harness import case


def _people(spark, fx):
    return spark.read.parquet(fx["people"])


# --- spark.range ------------------------------------------------------------

@case()
def range_10(spark):
    return spark.range(10)


@case()
def range_start_end(spark):
    return spark.range(2, 10)


@case()
def range_step(spark):
    return spark.range(0, 20, 3)


@case()
def range_negative_step(spark):
    return spark.range(10, 0, -2)


@case()
def range_partitions(spark):
    return spark.range(0, 10, 1, 3)


@case()
def range_empty(spark):
    df = spark.range(5, 5)
    return [df, df.count()]


@case()
def range_expressions(spark):
    return spark.range(5).selectExpr("id", "id * 2 AS double", "id % 2 = 0 AS even",
                                     "cast(id AS string) AS s")


@case()
def range_count_large(spark):
    return [spark.range(1_000_000).count(), spark.range(0, 1_000_000, 7).count()]


@case()
def range_sum_large(spark):
    return spark.range(1_000_000).selectExpr("sum(id) AS s", "max(id) AS m", "count(1) AS c")


# --- select / selectExpr ------------------------------------------------------

@case()
def select_star(spark, fx):
    return _people(spark, fx).select("*")


@case()
def select_columns_and_exprs(spark, fx):
    df = _people(spark, fx)
    return df.select("id", df.name, col("age") + 1, (df.salary * 2).alias("double_salary"),
                     lit(1).alias("one"), lit("x"), lit(None))


@case()
def select_expr(spark, fx):
    return _people(spark, fx).selectExpr("id", "upper(name) AS uname", "age * 10",
                                         "salary > 90000 AS rich")


@case()
def select_column_list(spark, fx):
    df = _people(spark, fx)
    return df.select(["id", "dept"])


@case()
def select_nested_field(spark):
    df = spark.sql("SELECT named_struct('a', 1, 'b', named_struct('c', 'x')) AS s")
    return df.select("s.a", col("s.b.c"), df.s.b.alias("b"), df["s"]["a"].alias("a2"))


@case()
def select_duplicate_names(spark):
    df = spark.range(2)
    return df.select("id", "id", (col("id") + 1).alias("id"))


@case()
def columns_and_dtypes(spark, fx):
    df = _people(spark, fx)
    return [df.columns, df.dtypes, df.schema, df.schema.simpleString()]


# --- filter / where -------------------------------------------------------------

@case()
def filter_column_expr(spark, fx):
    df = _people(spark, fx)
    return df.filter(df.age > 30)


@case()
def filter_sql_string(spark, fx):
    return _people(spark, fx).filter("age > 30 AND dept = 'eng'")


@case()
def where_isnull(spark, fx):
    df = _people(spark, fx)
    return df.where(col("age").isNull() | col("dept").isNull())


@case()
def filter_isin_between(spark, fx):
    df = _people(spark, fx)
    return df.filter(df.dept.isin("eng", "hr") & df.age.between(30, 50))


@case()
def filter_chained(spark, fx):
    df = _people(spark, fx)
    return df.filter(df.active).filter(~(df.name == "Bob")).where(df.salary.isNotNull())


@case()
def filter_no_rows(spark, fx):
    df = _people(spark, fx).filter("id < 0")
    return [df, df.count()]


@case()
def filter_null_comparison(spark, fx):
    df = _people(spark, fx)
    return df.select("id", (df.age > 40).alias("gt40"), df.age.eqNullSafe(None).alias("ns"),
                     (df.dept == None).alias("eq_null"))  # noqa: E711


# --- withColumn / drop / rename / toDF / alias ------------------------------------

@case()
def with_column_new(spark, fx):
    df = _people(spark, fx)
    return df.withColumn("age2", df.age * 2).select("id", "age", "age2")


@case()
def with_column_replace(spark, fx):
    df = _people(spark, fx)
    return df.withColumn("age", col("age") + 100).select("id", "age", "name")


@case()
def with_columns_dict(spark, fx):
    df = _people(spark, fx)
    return df.withColumns({"a": lit(1), "b": col("id") * 10}).select("id", "a", "b")


@case()
def with_column_literal_types(spark):
    return spark.range(1).withColumn("i", lit(1)).withColumn("l", lit(2 ** 40)) \
        .withColumn("d", lit(1.5)).withColumn("s", lit("x")).withColumn("b", lit(True)) \
        .withColumn("n", lit(None)).withColumn("n_int", lit(None).cast("int"))


@case()
def drop_columns(spark, fx):
    df = _people(spark, fx)
    return [df.drop("salary").columns, df.drop("salary", "bonus", "hired").columns,
            df.drop(df.age).columns, df.drop("does_not_exist").columns,
            df.drop("name", "active")]


@case()
def with_column_renamed(spark, fx):
    df = _people(spark, fx)
    return [df.withColumnRenamed("name", "full_name").columns,
            df.withColumnRenamed("nope", "x").columns,
            df.withColumnRenamed("id", "ID").select("ID", "age")]


@case()
def with_columns_renamed(spark, fx):
    df = _people(spark, fx)
    return df.withColumnsRenamed({"id": "pid", "age": "years"}).select("pid", "years")


@case()
def to_df(spark):
    df = spark.createDataFrame([(1, "a"), (2, "b")], ["x", "y"])
    return df.toDF("num", "letter")


@case()
def to_df_wrong_count(spark):
    df = spark.createDataFrame([(1, "a")], ["x", "y"])
    return df.toDF("only_one")


@case()
def alias_qualified(spark, fx):
    df = _people(spark, fx).alias("p")
    return df.select("p.id", col("p.name"), "p.age").filter(col("p.id") < 4)


@case()
def column_alias_and_name(spark):
    df = spark.range(3)
    return df.select(df.id.alias("a"), df.id.name("b"), (df.id * 3).alias("c", metadata={"k": "v"}))


@case()
def column_metadata(spark):
    df = spark.range(1).select(col("id").alias("c", metadata={"comment": "hi", "n": 1}))
    return [df.schema, df.schema["c"].metadata]


# --- orderBy / sort -----------------------------------------------------------------

# Sort keys are chosen so that no two distinguishable rows tie: Spark does
# not define the order of ties.

@case()
def order_by_asc(spark, fx):
    return _people(spark, fx).select("age").orderBy("age")


@case()
def order_by_desc(spark, fx):
    df = _people(spark, fx)
    return df.select("age", (df.age * 2).alias("twice")).orderBy(df.age.desc())


@case()
def order_by_string_column(spark, fx):
    df = _people(spark, fx)
    return df.select("name", "id").orderBy(df.name.desc_nulls_last())


@case()
def order_by_nulls_variants(spark, fx):
    df = _people(spark, fx).select("id", "age")
    return [
        df.orderBy(col("age").asc_nulls_last(), "id"),
        df.orderBy(col("age").desc_nulls_first(), "id"),
        df.orderBy(col("age").desc_nulls_last(), col("id").desc()),
        df.orderBy(col("age").asc_nulls_first(), "id"),
    ]


@case()
def order_by_multiple(spark, fx):
    df = _people(spark, fx)
    return df.select("dept", "age", "id").orderBy(["dept", "age"], ascending=[True, False])


@case()
def sort_by_expression(spark, fx):
    df = _people(spark, fx)
    return df.select("id", "name").sort(F.length("name").desc(), "id")


@case()
def order_by_strings_and_nan(spark):
    # (-0.0 and 0.0 sort as equal, so only one of them is here)
    df = spark.createDataFrame([(float("nan"),), (1.0,), (None,), (-0.0,), (float("-inf"),),
                                (-2.5,), (float("inf"),)], "v double")
    return df.orderBy("v")


@case()
def sort_within_partitions_single(spark):
    return spark.range(10).coalesce(1).sortWithinPartitions(col("id").desc())


# --- limit / offset / tail / head ---------------------------------------------------

@case()
def limit_rows(spark, fx):
    df = _people(spark, fx).orderBy("id")
    return [df.limit(3), df.limit(0), df.limit(100).count()]


@case()
def offset_rows(spark, fx):
    df = _people(spark, fx).orderBy("id")
    return [df.offset(5).select("id"), df.limit(5).offset(2).select("id"),
            df.offset(2).limit(3).select("id"), df.offset(100).count()]


@case()
def tail_rows(spark):
    df = spark.range(10)
    return [df.tail(3), df.tail(0), df.tail(100)]


@case()
def head_take_first(spark):
    df = spark.range(5).orderBy(col("id").desc())
    return [df.head(), df.head(2), df.take(3), df.first(), spark.range(0).first(),
            spark.range(0).head(1)]


@case()
def is_empty(spark):
    return [spark.range(0).isEmpty(), spark.range(1).isEmpty()]


@case()
def to_local_iterator(spark):
    return [list(spark.range(7).toLocalIterator())]


@case()
def repartition_preserves_rows(spark):
    df = spark.range(20).repartition(4).coalesce(2)
    return [df.count(), sorted(r.id for r in df.collect())]


@case(ordered=False)
def repartition_by_column(spark, fx):
    return _people(spark, fx).repartition(3, "dept").select("id", "dept")


@case()
def explode_and_posexplode(spark):
    df = spark.createDataFrame([(1, [1, 2]), (2, []), (3, None)], "id int, xs array<int>")
    return [df.select("id", F.explode("xs").alias("x")),
            df.select("id", F.explode_outer("xs").alias("x")),
            df.select("id", F.posexplode("xs"))]


@case()
def explode_map(spark):
    df = spark.createDataFrame([(1, {"a": 1})], "id int, m map<string,int>")
    return df.select("id", F.explode("m"))


@case()
def distinct_count_rows(spark):
    df = spark.createDataFrame([(1,), (1,), (2,), (None,), (None,)], "a int")
    return [df.distinct().count(), df.count(), df.distinct().orderBy("a")]
