"""df.show() formatting: truncation, vertical, NULLs, nested values, types."""

import datetime as dt
from decimal import Decimal

from harness import case


def _long(spark):
    return spark.createDataFrame(
        [(1, "short", None), (2, "a string that is definitely longer than twenty chars", "x"),
         (3, None, "exactly twenty chars"), (4, "twenty-one characters", "")],
        "id int, text string, other string")


@case(show=False)
def show_default(spark, fx):
    return [fx.show(_long(spark))]


@case(show=False)
def show_n_rows(spark, fx):
    df = spark.range(30)
    return [fx.show(df), fx.show(df, 3), fx.show(df, n=0), fx.show(spark.range(20), 20),
            fx.show(spark.range(21))]


@case(show=False)
def show_truncate_false(spark, fx):
    return [fx.show(_long(spark), truncate=False)]


@case(show=False)
def show_truncate_n(spark, fx):
    df = _long(spark)
    return [fx.show(df, truncate=5), fx.show(df, truncate=3), fx.show(df, truncate=1),
            fx.show(df, truncate=25)]


@case(show=False)
def show_vertical(spark, fx):
    df = _long(spark)
    return [fx.show(df, vertical=True), fx.show(df, 2, vertical=True),
            fx.show(df, truncate=False, vertical=True), fx.show(df, truncate=4, vertical=True)]


@case(show=False)
def show_empty(spark, fx):
    df = spark.createDataFrame([], "a int, b string")
    return [fx.show(df), fx.show(df, vertical=True), fx.show(spark.range(0))]


@case(show=False)
def show_nulls_nested(spark, fx):
    df = spark.createDataFrame(
        [(None, [1, None], {"k": None}, (None, "x")), ([None], None, {}, None),
         ([], [], None, (1, None))],
        "a array<string>, b array<int>, m map<string,int>, s struct<p: int, q: string>")
    return [fx.show(df), fx.show(df, truncate=False)]


@case(show=False)
def show_types(spark, fx):
    df = spark.createDataFrame(
        [(1.0, 1e20, 1e-7, 123.456, Decimal("1.50"), True, bytearray(b"\x01\xab"),
          dt.date(2024, 2, 29), dt.datetime(2024, 2, 29, 1, 2, 3, 400000), 3.0, -0.0)],
        "d double, big double, small double, f float, dec decimal(5,2), b boolean, bin binary, "
        "dt date, ts timestamp, f2 float, nz double")
    return [fx.show(df, truncate=False)]


@case(show=False)
def show_timestamps_precision(spark, fx):
    df = spark.createDataFrame(
        [(dt.datetime(2024, 1, 1, 0, 0, 0, 0),), (dt.datetime(2024, 1, 1, 0, 0, 0, 100000),),
         (dt.datetime(2024, 1, 1, 0, 0, 0, 123),), (dt.datetime(2024, 1, 1, 0, 0, 0, 120000),)],
        "ts timestamp")
    return [fx.show(df, truncate=False), fx.show(df.selectExpr("cast(ts as timestamp_ntz) n"),
                                                 truncate=False)]


@case(show=False)
def show_nested_structs_and_maps(spark, fx):
    df = spark.sql("SELECT named_struct('a', 1, 'b', array(named_struct('c', 'x', 'd', NULL))) AS s, "
                   "map(1, map('k', array(1.5, NULL))) AS m, array(array(1), array()) AS aa")
    return [fx.show(df, truncate=False), fx.show(df)]


@case(show=False)
def show_wide_unicode(spark, fx):
    df = spark.createDataFrame([("日本語テキスト",), ("abc",), ("ünï",), ("😀😀",)], "s string")
    return [fx.show(df), fx.show(df, truncate=3)]


@case(show=False)
def show_special_characters(spark, fx):
    df = spark.createDataFrame([("line1\nline2",), ("tab\tsep",), ("pipe|char",), ("  pad  ",)],
                               "s string")
    return [fx.show(df, truncate=False), fx.show(df, vertical=True)]


@case(show=False)
def show_column_names(spark, fx):
    df = spark.range(1).selectExpr("id AS `a very long column name that is long`", "id AS x",
                                   "'v' AS `weird name!`")
    return [fx.show(df), fx.show(df, truncate=5)]


@case(show=False)
def show_many_columns(spark, fx):
    df = spark.range(2).selectExpr(*[f"id + {i} AS c{i}" for i in range(25)])
    return [fx.show(df), fx.show(df, vertical=True)]


@case(show=False)
def show_intervals(spark, fx):
    df = spark.sql("SELECT INTERVAL '1 02:03:04' DAY TO SECOND AS a, INTERVAL '2-3' YEAR TO MONTH "
                   "AS b, INTERVAL '-5' HOUR AS c")
    return [fx.show(df, truncate=False)]


@case(show=False)
def show_decimals(spark, fx):
    df = spark.sql("SELECT CAST(0 AS DECIMAL(10,2)) AS a, CAST(-1.5 AS DECIMAL(38,18)) AS b, "
                   "CAST(12345678901234567890 AS DECIMAL(20,0)) AS c, 0.000001BD AS d")
    return [fx.show(df, truncate=False)]
