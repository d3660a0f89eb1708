"""createDataFrame round trips for every Spark SQL type: explicit schemas,
DDL strings, inferred schemas, pandas input; observed through collect(),
toPandas(), schema and show()."""

import datetime as dt
from decimal import Decimal

from pyspark.sql import Row
from pyspark.sql.types import (
    ArrayType, BinaryType, BooleanType, ByteType, DateType, DayTimeIntervalType, DecimalType,
    DoubleType, FloatType, IntegerType, LongType, MapType, NullType, ShortType, StringType,
    StructField, StructType, TimestampNTZType, TimestampType, YearMonthIntervalType,
)

from harness import case


def _one_column(spark, dtype, values):
    schema = StructType([StructField("v", dtype, True)])
    df = spark.createDataFrame([(v,) for v in values], schema)
    return [df, lambda: df.collect(), lambda: df.toPandas()]


@case()
def byte_type(spark):
    return _one_column(spark, ByteType(), [1, -128, 127, 0, None])


@case()
def short_type(spark):
    return _one_column(spark, ShortType(), [1, -32768, 32767, None])


@case()
def int_type(spark):
    return _one_column(spark, IntegerType(), [1, -2147483648, 2147483647, None])


@case()
def long_type(spark):
    return _one_column(spark, LongType(), [1, -9223372036854775808, 9223372036854775807, None])


@case()
def float_type(spark):
    return _one_column(spark, FloatType(),
                       [1.5, -0.0, 0.1, float("nan"), float("inf"), 3.4028235e38, 1e-45, None])


@case()
def double_type(spark):
    return _one_column(spark, DoubleType(),
                       [0.1, -0.0, 1 / 3, float("nan"), float("inf"), float("-inf"), 1e300,
                        5e-324, 1e7, 1.0e-5, 123456789.125, None])


@case()
def decimal_type(spark):
    return _one_column(spark, DecimalType(10, 3),
                       [Decimal("1.234"), Decimal("-9999999.999"), Decimal("0"), Decimal("5.5"),
                        None])


@case()
def decimal_38_18(spark):
    return _one_column(spark, DecimalType(38, 18),
                       [Decimal("12345678901234567890.123456789012345678"), Decimal("-1E-18"),
                        None])


@case()
def decimal_scale_0(spark):
    return _one_column(spark, DecimalType(5, 0), [Decimal("99999"), Decimal("-1"), None])


@case()
def string_type(spark):
    return _one_column(spark, StringType(),
                       ["", "abc", "ünïcødé ✓", "a\nb", "tab\there", "x" * 30, "日本語", None])


@case()
def binary_type(spark):
    return _one_column(spark, BinaryType(),
                       [bytearray(b""), bytearray(b"\x00\xff\x10"), bytearray(b"hello"), None])


@case()
def boolean_type(spark):
    return _one_column(spark, BooleanType(), [True, False, None])


@case()
def date_type(spark):
    return _one_column(spark, DateType(),
                       [dt.date(2024, 2, 29), dt.date(1970, 1, 1), dt.date(9999, 12, 31),
                        dt.date(1900, 1, 1), None])


@case()
def timestamp_type(spark):
    return _one_column(spark, TimestampType(),
                       [dt.datetime(2024, 2, 29, 12, 34, 56, 789012), dt.datetime(1970, 1, 1),
                        dt.datetime(1969, 12, 31, 23, 59, 59, 999999),
                        dt.datetime(2020, 6, 1, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=2))),
                        None])


@case()
def timestamp_ntz_type(spark):
    return _one_column(spark, TimestampNTZType(),
                       [dt.datetime(2024, 2, 29, 12, 34, 56, 789012), dt.datetime(1, 1, 1),
                        None])


@case()
def day_time_interval_type(spark):
    return _one_column(spark, DayTimeIntervalType(),
                       [dt.timedelta(days=1, seconds=3661, microseconds=5), dt.timedelta(0),
                        -dt.timedelta(hours=5), dt.timedelta(days=-3, microseconds=1), None])


@case()
def day_time_interval_second(spark):
    return _one_column(spark, DayTimeIntervalType(DayTimeIntervalType.SECOND),
                       [dt.timedelta(seconds=90, microseconds=250000), None])


@case()
def year_month_interval_sql(spark, fx):
    df = spark.sql("SELECT INTERVAL '1-2' YEAR TO MONTH AS ym, INTERVAL '-3' MONTH AS m, "
                   "INTERVAL '10' YEAR AS y")
    return [df.schema, fx.show(df), df.selectExpr("cast(ym as string) s", "m"),
            lambda: df.collect()]


@case()
def year_month_interval_create(spark):
    return _one_column(spark, YearMonthIntervalType(), [14, -3, None])


@case()
def day_time_interval_sql(spark):
    df = spark.sql("SELECT INTERVAL '1 02:03:04.5' DAY TO SECOND AS dts, "
                   "INTERVAL '-90' MINUTE AS mins, INTERVAL '36' HOUR AS hrs")
    return [df, lambda: df.collect()]


@case()
def array_type(spark):
    return _one_column(spark, ArrayType(IntegerType()), [[1, 2, None], [], None, [7]])


@case()
def array_of_strings(spark):
    return _one_column(spark, ArrayType(StringType()), [["a", None, ""], None])


@case()
def array_of_arrays(spark):
    return _one_column(spark, ArrayType(ArrayType(LongType())), [[[1], [], None, [2, 3]], None])


@case()
def map_type(spark):
    return _one_column(spark, MapType(StringType(), LongType()),
                       [{"a": 1, "b": None}, {}, None, {"z": -5}])


@case()
def map_int_keys(spark):
    return _one_column(spark, MapType(IntegerType(), StringType()), [{1: "x", 2: "y"}, None])


@case()
def struct_nested(spark):
    inner = StructType([StructField("c", StringType()), StructField("d", ArrayType(IntegerType()))])
    outer = StructType([StructField("a", IntegerType()), StructField("b", inner)])
    return _one_column(spark, outer,
                       [(1, ("x", [1, 2])), (None, None), None, (2, (None, []))])


@case()
def struct_of_map_and_array(spark):
    st = StructType([StructField("m", MapType(StringType(), ArrayType(StringType()))),
                     StructField("t", TimestampType())])
    return _one_column(spark, st, [({"k": ["v", None]}, dt.datetime(2001, 2, 3, 4, 5, 6)), None])


@case()
def null_type(spark):
    schema = StructType([StructField("id", IntegerType()), StructField("n", NullType())])
    df = spark.createDataFrame([(1, None), (2, None)], schema)
    return [df, lambda: df.collect(), lambda: df.toPandas()]


ALL = StructType([
    StructField("byte", ByteType()), StructField("short", ShortType()),
    StructField("int", IntegerType()), StructField("long", LongType()),
    StructField("float", FloatType()), StructField("double", DoubleType()),
    StructField("dec", DecimalType(10, 3)), StructField("str", StringType()),
    StructField("bin", BinaryType()), StructField("bool", BooleanType()),
    StructField("date", DateType()), StructField("ts", TimestampType()),
    StructField("ts_ntz", TimestampNTZType()), StructField("dti", DayTimeIntervalType()),
    StructField("arr", ArrayType(IntegerType())),
    StructField("map", MapType(StringType(), IntegerType())),
    StructField("st", StructType([StructField("a", IntegerType()),
                                  StructField("b", StructType([StructField("c", StringType())]))])),
])


@case()
def all_types_explicit_schema(spark):
    rows = [
        (1, 2, 3, 4, 1.5, 2.5, Decimal("1.234"), "s", bytearray(b"\x01"), True,
         dt.date(2020, 1, 2), dt.datetime(2020, 1, 2, 3, 4, 5, 6), dt.datetime(2020, 1, 2, 3, 4, 5),
         dt.timedelta(hours=1), [1, None], {"k": 1}, (1, ("c",))),
        tuple([None] * 17),
    ]
    df = spark.createDataFrame(rows, ALL)
    return [df, lambda: df.collect(), lambda: df.toPandas(), df.schema, df.dtypes, df.columns]


@case()
def ddl_schema_string(spark):
    df = spark.createDataFrame([(1, "a"), (2, None), (None, "c")], "a int, b string")
    return [df, df.schema, df.dtypes]


@case()
def ddl_schema_complex(spark):
    df = spark.createDataFrame(
        [(1, [1.5], {"k": dt.date(2020, 1, 1)}, (Decimal("1.50"), True))],
        "id bigint, xs array<double>, m map<string,date>, s struct<d: decimal(5,2), ok: boolean>")
    return [df, lambda: df.collect()]


@case()
def ddl_schema_not_null(spark):
    df = spark.createDataFrame([(1, "a")], "a int not null, b string")
    return [df.schema, df]


@case()
def inferred_schema_tuples(spark):
    df = spark.createDataFrame(
        [(1, 2.0, "x", True, dt.date(2020, 1, 1), dt.datetime(2020, 1, 1, 12), Decimal("1.5"),
          [1, 2], {"k": 1}, bytearray(b"\x00"))],
        ["i", "f", "s", "b", "d", "ts", "dec", "arr", "m", "bin"])
    return [df, lambda: df.collect()]


@case()
def inferred_schema_with_nulls(spark):
    df = spark.createDataFrame([(1, None), (None, "x"), (3, "y")], ["a", "b"])
    return df


@case()
def inferred_default_column_names(spark):
    return spark.createDataFrame([(1, "a", 2.5)])


@case()
def from_rows(spark):
    df = spark.createDataFrame([Row(a=1, b="x", c=Row(d=2.5)), Row(a=2, b=None, c=None)])
    return [df, lambda: df.collect()]


@case()
def from_dicts(spark):
    return spark.createDataFrame([{"a": 1, "b": "x"}, {"a": 2, "b": "y"}])


@case()
def from_scalars_with_type(spark):
    return spark.createDataFrame([1, 2, None], IntegerType())


@case()
def from_scalars_ddl_type(spark):
    return spark.createDataFrame(["a", "b"], "string")


@case()
def empty_with_schema(spark):
    df = spark.createDataFrame([], "a int, b string")
    return [df, df.count(), lambda: df.collect(), lambda: df.toPandas()]


@case()
def from_pandas_basic(spark):
    import pandas as pd
    pdf = pd.DataFrame({
        "i": [1, 2, 3],
        "f": [1.5, float("nan"), 3.0],
        "s": ["a", None, "c"],
        "b": [True, False, True],
    })
    df = spark.createDataFrame(pdf)
    return [df, lambda: df.collect(), lambda: df.toPandas()]


@case()
def from_pandas_datetime64(spark):
    import pandas as pd
    pdf = pd.DataFrame({
        "ts": pd.to_datetime(["2024-02-29 12:34:56.789", None, "1970-01-01 00:00:00.000"]),
        "d": [dt.date(2020, 1, 1), None, dt.date(1999, 12, 31)],
        "td": pd.to_timedelta(["1 days 02:00:00", None, "-5 min"]),
    })
    df = spark.createDataFrame(pdf)
    return [df, lambda: df.collect(), lambda: df.toPandas()]


@case()
def from_pandas_with_schema(spark):
    import pandas as pd
    pdf = pd.DataFrame({"a": [1, 2], "b": [0.5, None]})
    df = spark.createDataFrame(pdf, "a int, b double")
    return [df, lambda: df.toPandas()]


@case()
def from_pandas_nullable_int(spark):
    import pandas as pd
    pdf = pd.DataFrame({"a": pd.array([1, None, 3], dtype="Int64"),
                        "s": pd.array(["x", None, "z"], dtype="string")})
    df = spark.createDataFrame(pdf)
    return [df, lambda: df.collect()]


@case()
def from_pandas_empty(spark):
    import pandas as pd
    pdf = pd.DataFrame({"a": pd.Series([], dtype="int64"), "b": pd.Series([], dtype="object")})
    df = spark.createDataFrame(pdf, "a long, b string")
    return [df, df.count()]


@case()
def to_pandas_types(spark, fx):
    df = spark.read.parquet(fx["all_types"])
    return [df.schema, lambda: df.toPandas()]


@case()
def read_all_types_parquet(spark, fx):
    return spark.read.parquet(fx["all_types"])


@case()
def collect_nested_rows(spark):
    df = spark.sql("SELECT named_struct('a', 1, 'b', named_struct('c', 'x')) AS s, "
                   "array(named_struct('k', 1), named_struct('k', 2)) AS arr, "
                   "map('a', array(1, 2)) AS m")
    rows = df.collect()
    r = rows[0]
    return [rows, r.s.b.c, r["arr"][1].k, r.m["a"], r.asDict(recursive=True)]


@case()
def negative_zero_double(spark):
    # -0.0 keeps its sign as a literal, through casts to string and in names.
    return spark.sql("SELECT -0.0D AS a, CAST(-0.0D AS STRING) AS b, CAST(CAST('-0.0' AS DOUBLE) AS STRING) AS c, "
                     "-(0.0D), CAST(0.0D AS STRING) AS d")
