"""DataFrame relations: withWatermark and dropDuplicatesWithinWatermark on
batch data, DataFrame.to(schema), DataFrame.transpose, and the
distributed_sequence_id function behind DataFrame.zipWithIndex."""

import datetime

from pyspark.sql import functions as F
from pyspark.sql.types import (ArrayType, DecimalType, DoubleType, FloatType, IntegerType,
                               LongType, MapType, StringType, StructField, StructType,
                               TimestampType)

from harness import case


def _events(spark):
    ts = datetime.datetime(2024, 1, 1, 10, 0, 0)
    return spark.createDataFrame(
        [(1, ts, "a"), (1, ts, "a"), (2, None, None), (2, ts, "b")],
        "id int, ts timestamp, s string")


# ---- withWatermark / dropDuplicatesWithinWatermark ----

@case()
def watermark_batch_is_noop(spark):
    df = _events(spark).withWatermark("ts", "10 minutes")
    return [df.schema, df.orderBy("id", "s")]


@case()
def watermark_interval_forms(spark):
    df = _events(spark)
    return [df.withWatermark("ts", "1 month 2 days").columns,
            df.withWatermark("ts", "interval 10 seconds").columns,
            df.withWatermark("ts", "0 seconds").columns,
            df.withWatermark("ts", "1 minute").withWatermark("ts", "2 minutes").count()]


@case()
def watermark_column_not_checked_on_batch(spark):
    # Spark drops the watermark of a batch plan before resolving the column.
    df = _events(spark)
    return [df.withWatermark("id", "1 hour").schema,
            df.withWatermark("nope", "1 hour").schema,
            df.withWatermark("TS", "1 hour").count()]


@case()
def watermark_then_select(spark):
    df = _events(spark).withWatermark("ts", "1 minute")
    return df.select("ts", F.col("ts").alias("t2"), "id").orderBy("id", "t2")


@case()
def watermark_bad_delay(spark):
    return _events(spark).withWatermark("ts", "abc")


@case()
def watermark_negative_delay(spark):
    return _events(spark).withWatermark("ts", "-10 seconds")


@case()
def watermark_event_time_not_a_name(spark):
    return _events(spark).withWatermark("ts + interval 1 day", "1 day")


@case()
def watermark_nested_event_time(spark):
    df = _events(spark).select(F.struct("ts").alias("st"))
    return df.withWatermark("st.ts", "1 day")


@case()
def dedup_within_watermark_batch_fails_on_execution(spark):
    df = _events(spark).withWatermark("ts", "1 minute").dropDuplicatesWithinWatermark(["id"])
    return [df.schema, lambda: df.collect()]


@case()
def dedup_within_watermark_all_columns(spark):
    df = _events(spark).dropDuplicatesWithinWatermark()
    return [df.columns, lambda: df.count()]


@case()
def dedup_within_watermark_missing_column(spark):
    return _events(spark).dropDuplicatesWithinWatermark(["nope"])


@case()
def drop_duplicates_missing_column(spark):
    return _events(spark).dropDuplicates(["id", "nope"])


# ---- DataFrame.to(schema) ----

def _isd(spark):
    return spark.createDataFrame([(1, "x", 2.5), (None, None, None), (3, "z", -1.75)],
                                 "i int, s string, d double")


def _schema(*fields):
    return StructType(list(fields))


@case()
def to_reorders_and_drops_columns(spark):
    df = _isd(spark).to(_schema(StructField("s", StringType()), StructField("i", IntegerType())))
    return [df.columns, df.orderBy("i")]


@case()
def to_widens_types(spark):
    df = _isd(spark).to(_schema(
        StructField("i", LongType()), StructField("d", DoubleType()), StructField("s", StringType())))
    return df.orderBy("i")


@case()
def to_casts_numbers_and_strings(spark):
    df = _isd(spark)
    return [df.to(_schema(StructField("i", StringType()))).orderBy("i"),
            df.to(_schema(StructField("i", DecimalType(10, 0)))).orderBy("i"),
            df.to(_schema(StructField("i", FloatType()))).orderBy("i"),
            df.to(_schema(StructField("d", IntegerType()))).orderBy("d"),
            df.to(_schema(StructField("d", DecimalType(5, 2)))).orderBy("d")]


@case()
def to_narrowing_overflow(spark):
    df = spark.range(3000000000, 3000000001).to(_schema(StructField("id", IntegerType())))
    return [lambda: df.collect()]


@case()
def to_missing_nullable_column_is_null(spark):
    df = _isd(spark).to(_schema(StructField("i", IntegerType()), StructField("zz", StringType())))
    return df.orderBy("i")


@case()
def to_missing_non_nullable_column(spark):
    return _isd(spark).to(_schema(StructField("zz", IntegerType(), False)))


@case()
def to_matches_names_case_insensitively(spark):
    df = _isd(spark).to(_schema(StructField("I", IntegerType()), StructField("S", StringType())))
    return [df.columns, df.orderBy("I")]


@case()
def to_case_sensitive(spark):
    spark.conf.set("spark.sql.caseSensitive", "true")
    df = _isd(spark).to(_schema(StructField("I", IntegerType()), StructField("s", StringType())))
    return df.orderBy("s")


@case()
def to_nullable_into_non_nullable(spark):
    return _isd(spark).to(_schema(StructField("i", IntegerType(), False)))


@case()
def to_non_nullable_columns(spark):
    df = spark.range(3)
    return [df.to(_schema(StructField("id", LongType(), False))).orderBy("id"),
            df.to(_schema(StructField("id", DoubleType(), True))).orderBy("id")]


@case()
def to_string_to_int_fails(spark):
    return _isd(spark).to(_schema(StructField("s", IntegerType())))


@case()
def to_struct_to_int_fails(spark):
    df = spark.createDataFrame([(1, (2, "y"))], "a int, st struct<x:int, y:string>")
    return df.to(_schema(StructField("st", IntegerType())))


@case()
def to_ambiguous_column(spark):
    df = spark.createDataFrame([(1, 2)], "a int, A int")
    return df.to(_schema(StructField("a", IntegerType())))


@case()
def to_keeps_and_adds_metadata(spark):
    df = _isd(spark).to(_schema(StructField("i", IntegerType(), True, {"k": "v"}),
                                StructField("s", StringType())))
    return [df.schema, df.orderBy("i")]


@case()
def to_nested_struct(spark):
    df = spark.createDataFrame([(1, (2, "y", True)), (2, None), (3, (None, None, None))],
                               "a int, st struct<x:int, y:string, z:boolean>")
    target = _schema(StructField("a", IntegerType()), StructField("st", StructType([
        StructField("y", StringType()), StructField("X", LongType()), StructField("w", StringType())])))
    out = df.to(target)
    return [out.orderBy("a"), out.select("st.*", "a").orderBy("a")]


@case()
def to_nested_missing_non_nullable_field(spark):
    df = spark.createDataFrame([(1, (2, "y"))], "a int, st struct<x:int, y:string>")
    return df.to(_schema(StructField("st", StructType([StructField("q", StringType(), False)]))))


@case()
def to_nested_nullable_field_into_non_nullable(spark):
    df = spark.createDataFrame([(1, (2, "y"))], "a int, st struct<x:int, y:string>")
    return df.to(_schema(StructField("st", StructType([StructField("x", IntegerType(), False)]))))


@case()
def to_arrays_and_maps(spark):
    df = spark.createDataFrame([([1, None], {"k": 1}), (None, None)], "a array<int>, m map<string,int>")
    out = df.to(_schema(StructField("m", MapType(StringType(), LongType())),
                        StructField("a", ArrayType(LongType()))))
    return [out.schema, out.orderBy(F.size("a"))]


@case()
def to_array_with_nulls_into_non_null_elements(spark):
    df = spark.createDataFrame([([1, None],)], "a array<int>")
    return df.to(_schema(StructField("a", ArrayType(IntegerType(), False))))


@case()
def to_datetimes(spark):
    df = _events(spark).select("id", "ts", F.to_date("ts").alias("d"))
    out = df.to(_schema(StructField("id", IntegerType()), StructField("ts", StringType()),
                        StructField("d", TimestampType())))
    return out.orderBy("id", "ts")


# ---- DataFrame.transpose (Spark 4) ----

@case(versions=("4",))
def transpose_first_column_is_index(spark):
    df = spark.createDataFrame([("x", 1, 2), ("y", 3, 4)], ["key", "a", "b"])
    return df.transpose()


@case(versions=("4",))
def transpose_named_index_column(spark):
    df = spark.createDataFrame([(1, "z", 5), (2, "b", 6), (3, "m", 7)], "a int, name string, v int")
    return [df.transpose("name"), df.transpose(F.col("name")).columns]


@case(versions=("4",))
def transpose_widens_value_types(spark):
    df = spark.createDataFrame([("x", 1, 2.5, 7), ("y", 3, 4.0, None)], "k string, a int, b double, c bigint")
    return df.transpose()


@case(versions=("4",))
def transpose_decimals(spark):
    df = spark.sql("SELECT 'x' AS k, CAST(1.25 AS DECIMAL(5,2)) AS a, CAST(10 AS DECIMAL(10,0)) AS b")
    return df.transpose()


@case(versions=("4",))
def transpose_integers_and_decimal(spark):
    df = spark.sql("SELECT 'x' AS k, 7 AS a, CAST(1.25 AS DECIMAL(14,2)) AS b, CAST(3 AS TINYINT) AS c")
    return df.transpose()


@case(versions=("4",))
def transpose_orders_columns_by_index_value(spark):
    df = spark.createDataFrame([(10, 1), (9, 2), (100, 3)], "k int, v int")
    return df.transpose()


@case(versions=("4",))
def transpose_null_index_rows_dropped_and_null_values(spark):
    df = spark.createDataFrame([("x", None, 2), (None, 3, 4), ("y", 5, None)], "k string, a int, b int")
    return df.transpose()


@case(versions=("4",))
def transpose_index_value_names(spark):
    df = spark.sql("SELECT DATE'2024-01-02' AS d, 1.5D AS x, 7 AS v UNION ALL "
                   "SELECT DATE'2023-12-31', 2.0D, 8")
    return [df.transpose(), df.drop("d").transpose("x")]


@case(versions=("4",))
def transpose_empty_input(spark):
    df = spark.createDataFrame([], "k string, a int, b int")
    return df.transpose()


@case(versions=("4",))
def transpose_only_index_column(spark):
    df = spark.createDataFrame([("x",), ("y",)], "k string")
    return df.transpose()


@case(versions=("4",))
def transpose_map_values(spark):
    df = spark.createDataFrame([("x", {"a": 1})], "k string, m map<string,int>")
    return df.transpose()


@case(versions=("4",))
def transpose_no_common_type(spark):
    df = spark.createDataFrame([("x", 1, "p")], "k string, a int, b string")
    return df.transpose()


@case(versions=("4",))
def transpose_index_not_a_column(spark):
    df = spark.createDataFrame([("x", 1, 2)], "k string, a int, b int")
    return df.transpose(F.col("a") + 1)


@case(versions=("4",))
def transpose_index_not_atomic(spark):
    df = spark.createDataFrame([([1], 1)], "k array<int>, a int")
    return df.transpose()


@case(versions=("4",))
def transpose_missing_index_column(spark):
    df = spark.createDataFrame([("x", 1, 2)], "k string, a int, b int")
    return df.transpose("nope")


@case(versions=("4",))
def transpose_missing_index_suggestions(spark):
    # Equally distant suggestions are listed by name (upper case first),
    # not in column order; only the five closest are kept.
    df = spark.createDataFrame([(1,) * 7],
                               "zeta int, alpha int, mid int, beta int, omega int, gamma int, Beta2 int")
    return [lambda: df.transpose("nope").schema, lambda: df.transpose("bet").schema,
            lambda: df.withColumnRenamed("zeta", "Zz").alias("t").transpose("t.x").schema]


@case()
def unresolved_column_suggestion_ties(spark):
    df = spark.createDataFrame([(1,) * 7],
                               "zeta int, alpha int, mid int, beta int, omega int, gamma int, Beta2 int")
    return [lambda: df.select("nope").schema, lambda: df.select("bet").schema,
            lambda: df.filter("c > 1").schema, lambda: df.alias("t").select("t.nope").schema]


@case(versions=("4",))
def transpose_too_many_index_values(spark):
    spark.conf.set("spark.sql.transposeMaxValues", "2")
    df = spark.createDataFrame([("x", 1), ("y", 2), ("z", 3)], "k string, a int")
    return df.transpose()


# ---- distributed_sequence_id / zipWithIndex ----

def _invoke(name, *cols):
    try:
        from pyspark.sql.connect.functions.builtin import _invoke_function_over_columns
    except ImportError:
        from pyspark.sql.connect.functions import _invoke_function_over_columns
    return _invoke_function_over_columns(name, *cols)


@case(versions=("4",))
def zip_with_index(spark):
    df = spark.createDataFrame([("a",), ("b",), (None,), ("d",)], ["v"])
    return [df.zipWithIndex(), df.zipWithIndex("idx").schema]


@case(versions=("4",))
def zip_with_index_after_sort(spark):
    df = spark.range(0, 20).select((F.col("id") * 7 % 20).alias("x"))
    return df.orderBy(F.desc("x")).zipWithIndex()


@case(versions=("4",))
def zip_with_index_duplicate_name(spark):
    df = spark.createDataFrame([("a",), ("b",)], ["v"])
    return df.zipWithIndex("v")


@case(versions=("4",))
def distributed_sequence_id_forms(spark):
    df = spark.range(5, 0, -2)
    return [df.select(_invoke("distributed_sequence_id", F.lit(True)), "*"),
            df.select("*", _invoke("distributed_sequence_id")),
            df.select((_invoke("distributed_sequence_id") + 1).alias("x"))]


@case(versions=("4",))
def distributed_sequence_id_not_in_sql(spark):
    return spark.sql("SELECT distributed_sequence_id() FROM range(3)")


@case(versions=("4",))
def distributed_sequence_id_in_filter(spark):
    df = spark.createDataFrame([("a",), ("b",), ("c",), ("d",)], ["v"])
    return df.where(_invoke("distributed_sequence_id") % 2 == 1)
