"""Reading the harness's data files; writing parquet/csv/json and reading back."""

import os

from pyspark.sql.functions import col

from harness import case


# --- reading ----------------------------------------------------------------------------

@case()
def read_parquet_file(spark, fx):
    return spark.read.parquet(fx["people"]).orderBy("id")


@case()
def read_parquet_format_load(spark, fx):
    return spark.read.format("parquet").load(fx["people"]).select("id", "name").orderBy("id")


@case()
def read_parquet_directory(spark, fx):
    df = spark.read.parquet(fx["people_dir"])
    return [df.count(), df.orderBy("id")]


@case()
def read_parquet_multiple_paths(spark, fx):
    df = spark.read.parquet(fx["people"], fx["hello"])
    return [df.schema, df.count()]


@case()
def read_parquet_with_schema(spark, fx):
    return spark.read.schema("id long, name string").parquet(fx["people"]).orderBy("id")


@case()
def read_parquet_missing_path(spark, fx):
    return spark.read.parquet(os.path.join(fx.data_dir, "does_not_exist.parquet"))


@case()
def read_csv_no_header(spark, fx):
    return spark.read.csv(fx["csv"])


@case()
def read_csv_header(spark, fx):
    return spark.read.option("header", True).csv(fx["csv"])


@case()
def read_csv_infer_schema(spark, fx):
    return spark.read.csv(fx["csv"], header=True, inferSchema=True)


@case()
def read_csv_explicit_schema(spark, fx):
    return spark.read.csv(fx["csv"], header=True,
                          schema="id int, name string, city string, amount double, day date")


@case()
def read_csv_options(spark, fx):
    return spark.read.format("csv").option("header", "true").option("nullValue", "Oslo") \
        .load(fx["csv"]).select("id", "city")


@case()
def read_json_lines(spark, fx):
    return spark.read.json(fx["json"])


@case()
def read_json_with_schema(spark, fx):
    return spark.read.schema("id long, name string, tags array<string>").json(fx["json"])


@case()
def read_text(spark, fx):
    return spark.read.text(fx["text"])


@case()
def read_table_from_path_sql(spark, fx):
    return spark.sql(f"SELECT id, name FROM parquet.`{fx['people']}` WHERE id <= 3 ORDER BY id")


# --- writing -------------------------------------------------------------------------------

def _src(spark, fx):
    return spark.read.parquet(fx["people"]).select("id", "name", "dept", "age", "hired")


@case()
def write_parquet_roundtrip(spark, fx):
    out = os.path.join(fx.tmp, "p")
    _src(spark, fx).write.parquet(out)
    back = spark.read.parquet(out)
    return [back.schema, back.orderBy("id"), fx.files(out, data_only=True)]


@case()
def write_parquet_success_marker(spark, fx):
    out = os.path.join(fx.tmp, "p")
    spark.range(3).write.parquet(out)
    return [fx.files(out)]


@case()
def write_mode_error_if_exists(spark, fx):
    out = os.path.join(fx.tmp, "p")
    spark.range(3).write.parquet(out)
    return [fx.error(lambda: spark.range(3).write.parquet(out)),
            fx.error(lambda: spark.range(3).write.mode("error").parquet(out)),
            spark.read.parquet(out).count()]


@case()
def write_mode_overwrite(spark, fx):
    out = os.path.join(fx.tmp, "p")
    spark.range(3).write.parquet(out)
    spark.range(10, 12).write.mode("overwrite").parquet(out)
    return spark.read.parquet(out).orderBy("id")


@case()
def write_mode_append(spark, fx):
    out = os.path.join(fx.tmp, "p")
    spark.range(3).write.parquet(out)
    spark.range(10, 12).write.mode("append").parquet(out)
    return spark.read.parquet(out).orderBy("id")


@case()
def write_mode_ignore(spark, fx):
    out = os.path.join(fx.tmp, "p")
    spark.range(3).write.parquet(out)
    spark.range(10, 12).write.mode("ignore").parquet(out)
    return spark.read.parquet(out).orderBy("id")


@case()
def write_partition_by(spark, fx):
    out = os.path.join(fx.tmp, "p")
    _src(spark, fx).write.partitionBy("dept").parquet(out)
    back = spark.read.parquet(out)
    return [fx.files(out, data_only=True), back.schema,
            back.select("id", "dept", "name").orderBy("id"),
            spark.read.parquet(os.path.join(out, "dept=eng")).orderBy("id")]


@case()
def write_partition_by_two_columns(spark, fx):
    out = os.path.join(fx.tmp, "p")
    df = spark.createDataFrame([(1, 2024, 1, "a"), (2, 2024, 2, "b"), (3, 2023, 12, "c")],
                               "id int, y int, m int, v string")
    df.write.partitionBy("y", "m").mode("overwrite").parquet(out)
    back = spark.read.parquet(out)
    return [fx.files(out, data_only=True), back.schema, back.orderBy("id"),
            back.filter("y = 2024").select("id").orderBy("id")]


@case()
def write_csv_roundtrip(spark, fx):
    out = os.path.join(fx.tmp, "c")
    _src(spark, fx).write.option("header", True).csv(out)
    back = spark.read.csv(out, header=True, inferSchema=True)
    return [back.schema, back.orderBy("id"), fx.files(out, data_only=True)]


@case()
def write_csv_no_header(spark, fx):
    out = os.path.join(fx.tmp, "c")
    spark.createDataFrame([(1, "a,b", None), (2, 'q"uote', 1.5)], "i int, s string, d double") \
        .coalesce(1).write.csv(out)
    return spark.read.csv(out).orderBy("_c0")


@case()
def write_csv_text_content(spark, fx):
    out = os.path.join(fx.tmp, "c")
    spark.createDataFrame([(1, "a,b", None, True), (2, 'q"uote', 1.5, False)],
                          "i int, s string, d double, b boolean") \
        .coalesce(1).write.option("header", True).csv(out)
    texts = []
    for name in sorted(os.listdir(out)):
        if name.startswith("part-") and not name.endswith(".crc"):
            with open(os.path.join(out, name), encoding="utf-8") as f:
                texts.append(f.read())
    return texts


@case()
def write_json_roundtrip(spark, fx):
    out = os.path.join(fx.tmp, "j")
    _src(spark, fx).write.json(out)
    back = spark.read.json(out)
    return [back.schema, back.orderBy("id"), fx.files(out, data_only=True)]


@case()
def write_json_text_content(spark, fx):
    out = os.path.join(fx.tmp, "j")
    spark.createDataFrame([(1, "x", None, [1, 2]), (2, None, 2.5, [])],
                          "i int, s string, d double, a array<int>").coalesce(1).write.json(out)
    texts = []
    for name in sorted(os.listdir(out)):
        if name.startswith("part-") and not name.endswith(".crc"):
            with open(os.path.join(out, name), encoding="utf-8") as f:
                texts.append(f.read())
    return texts


@case()
def write_format_save(spark, fx):
    out = os.path.join(fx.tmp, "f")
    spark.range(4).write.format("parquet").mode("overwrite").save(out)
    return spark.read.format("parquet").load(out).orderBy(col("id").desc())


@case()
def write_text(spark, fx):
    out = os.path.join(fx.tmp, "t")
    spark.createDataFrame([("line one",), ("line two",)], "value string").coalesce(1) \
        .write.text(out)
    return spark.read.text(out).orderBy("value")


@case()
def write_all_types_parquet_roundtrip(spark, fx):
    out = os.path.join(fx.tmp, "p")
    spark.read.parquet(fx["all_types"]).write.parquet(out)
    back = spark.read.parquet(out)
    return [back.schema, back.orderBy("i")]
