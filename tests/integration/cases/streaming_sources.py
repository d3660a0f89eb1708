"""Streaming sources (spark.readStream) are analyzed as Spark does: their
schema, isStreaming, and batch operators over them; running one as a batch
query or writing it with df.write is refused with Spark's errors."""

from pyspark.sql import functions as F

from harness import case


@case(show=False)
def rate_source_schema(spark):
    df = spark.readStream.format("rate").load()
    mb = spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 1).load()
    return [df.schema, df.isStreaming, mb.schema, mb.isStreaming, spark.range(3).isStreaming]


@case(show=False)
def socket_source_schema(spark, fx):
    base = spark.readStream.format("socket").option("host", "localhost").option("port", 9999)
    return [base.load().schema,
            base.option("includeTimestamp", True).load().schema,
            fx.error(lambda: spark.readStream.format("socket").load().schema),
            fx.error(lambda: spark.readStream.format("socket").option("host", "h").load().schema)]


@case(show=False)
def file_source_needs_schema(spark, fx):
    d = fx.tmp
    return [spark.readStream.schema("a int, b string").json(d).schema,
            spark.readStream.text(d).schema,
            fx.error(lambda: spark.readStream.format("parquet").load(d).schema),
            fx.error(lambda: spark.readStream.format("nosuch").load().schema)]


@case(show=False)
def operators_keep_streaming(spark):
    df = spark.readStream.format("rate").load()
    r = spark.range(3)
    w = df.select("value", df.timestamp.alias("time")).withWatermark("time", "10 minutes")
    return [w.schema, w.isStreaming,
            df.join(r, df.value == r.id).isStreaming,
            df.groupBy("value").count().schema,
            df.select((F.col("value") * 2).alias("v2")).filter("v2 > 1").isStreaming,
            w.dropDuplicatesWithinWatermark(["value"]).isStreaming]


@case(show=False)
def batch_actions_refused(spark, fx):
    df = spark.readStream.format("rate").load()
    return [fx.error(lambda: df.collect()),
            fx.error(lambda: df.count()),
            fx.error(lambda: df.select("value").toPandas()),
            fx.error(lambda: df.write.parquet(fx.tmp + "/out"))]
