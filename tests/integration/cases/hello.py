"""The hello world from the project's first issue, step by step."""

from harness import case


@case()
def hello_world(spark, fx):
    df = spark.createDataFrame([(1, 21), (2, 30)], ("id", "age"))
    return [
        fx.show(df),
        df.count(),
        fx.show(df.select(df.id)),
        fx.show(df.select("age")),
        fx.show(df.withColumn("plus1k", df["age"] + 1_000).select("id", "plus1k")),
        fx.show(spark.read.parquet(fx["hello"])),
    ]


@case()
def hello_dataframe(spark):
    return spark.createDataFrame([(1, 21), (2, 30)], ("id", "age"))


@case()
def hello_select_attr(spark):
    df = spark.createDataFrame([(1, 21), (2, 30)], ("id", "age"))
    return df.select(df.id)


@case()
def hello_select_name(spark):
    df = spark.createDataFrame([(1, 21), (2, 30)], ("id", "age"))
    return df.select("age")


@case()
def hello_with_column(spark):
    df = spark.createDataFrame([(1, 21), (2, 30)], ("id", "age"))
    return df.withColumn("plus1k", df["age"] + 1_000).select("id", "plus1k")


@case()
def hello_count(spark):
    df = spark.createDataFrame([(1, 21), (2, 30)], ("id", "age"))
    return [df.count()]


@case()
def hello_read_parquet(spark, fx):
    return spark.read.parquet(fx["hello"])
