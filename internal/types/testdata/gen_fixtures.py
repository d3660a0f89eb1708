"""Regenerates the PySpark-produced fixtures used by the Go tests.

    ../../../.venv/py4/bin/python gen_fixtures.py types pyspark4_types.json
    ../../../.venv/py35/bin/python gen_fixtures.py types pyspark35_types.json
    ../../../.venv/py4/bin/python gen_fixtures.py create_dataframe pyspark4_create_dataframe.json

"types": for each named Spark type, what the client sends for it: its JSON
(DataType.json(), used in LocalRelation.schema), its Connect proto
(pyspark_types_to_proto_types, base64), and the Arrow schema PySpark builds
for it (to_arrow_schema, an IPC schema message, base64) where it can.

"create_dataframe": the Arrow IPC stream createDataFrame(rows, schema) puts
into LocalRelation.data, with and without large var types.
"""
import base64
import datetime
import decimal
import json
import sys

import pyarrow as pa
import pyspark.sql.types as T
from pyspark.sql.connect.types import pyspark_types_to_proto_types
from pyspark.sql.pandas.types import to_arrow_schema

V4 = hasattr(T, "VariantType")


class PointUDT(T.UserDefinedType):
    @classmethod
    def sqlType(cls):
        return T.ArrayType(T.DoubleType(), False)

    @classmethod
    def module(cls):
        return "mymod"

    def serialize(self, obj):
        return obj

    def deserialize(self, datum):
        return datum


def type_cases():
    c = {
        "null": T.NullType(), "boolean": T.BooleanType(), "byte": T.ByteType(), "short": T.ShortType(),
        "int": T.IntegerType(), "long": T.LongType(), "float": T.FloatType(), "double": T.DoubleType(),
        "decimal_default": T.DecimalType(), "decimal_38_18": T.DecimalType(38, 18), "decimal_5_5": T.DecimalType(5, 5),
        "string": T.StringType(), "char": T.CharType(5), "varchar": T.VarcharType(7),
        "binary": T.BinaryType(), "date": T.DateType(), "timestamp": T.TimestampType(),
        "timestamp_ntz": T.TimestampNTZType(),
        "ym_default": T.YearMonthIntervalType(), "ym_year": T.YearMonthIntervalType(0, 0),
        "ym_month": T.YearMonthIntervalType(1, 1),
        "dt_default": T.DayTimeIntervalType(), "dt_day": T.DayTimeIntervalType(0, 0),
        "dt_hour_minute": T.DayTimeIntervalType(1, 2), "dt_second": T.DayTimeIntervalType(3, 3),
        "array_string": T.ArrayType(T.StringType()), "array_int_notnull": T.ArrayType(T.IntegerType(), False),
        "map_string_long": T.MapType(T.StringType(), T.LongType()),
        "map_nested": T.MapType(T.IntegerType(), T.ArrayType(T.MapType(T.StringType(), T.DoubleType(), False)), False),
        "struct_simple": T.StructType([T.StructField("id", T.LongType()), T.StructField("name", T.StringType(), False)]),
        "struct_metadata": T.StructType([
            T.StructField("a", T.IntegerType(), True, {"comment": "x\"y", "n": 1, "nested": {"b": [1, 2.5, None, True]}}),
            T.StructField("é ü", T.StringType()),
        ]),
        "struct_nested": T.StructType([
            T.StructField("arr", T.ArrayType(T.StructType([
                T.StructField("x", T.IntegerType()), T.StructField("y", T.DecimalType(10, 2), False)]))),
            T.StructField("m", T.MapType(T.StringType(), T.StructType([T.StructField("ts", T.TimestampType())]))),
            T.StructField("s", T.StructType([T.StructField("inner", T.ArrayType(T.BinaryType(), False), False)])),
            T.StructField("iv", T.DayTimeIntervalType(1, 3)),
            T.StructField("ntz", T.TimestampNTZType()),
        ]),
        "struct_empty": T.StructType([]),
        "udt": PointUDT(),
        "struct_udt": T.StructType([T.StructField("p", PointUDT())]),
    }
    if V4:
        c["string_collated"] = T.StringType("UNICODE_CI")
        c["calendar_interval"] = T.CalendarIntervalType()
        c["variant"] = T.VariantType()
    return c


def arrow_schema_b64(st):
    kw = {"timezone": "UTC"} if V4 else {}
    return base64.b64encode(to_arrow_schema(st, **kw).serialize().to_pybytes()).decode()


def gen_types(path):
    out = {}
    for name, t in type_cases().items():
        try:
            e = {"json": t.json(),
                 "proto": base64.b64encode(pyspark_types_to_proto_types(t).SerializeToString()).decode()}
        except Exception:
            continue  # the client version cannot send this type
        key, st = ("arrow", t) if isinstance(t, T.StructType) else (
            "arrow_column", T.StructType([T.StructField("c", t)]))
        try:
            e[key] = arrow_schema_b64(st)
        except Exception as ex:
            e["arrow_error"] = type(ex).__name__ + ": " + str(ex).splitlines()[0]
        out[name] = e
    with open(path, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)


def gen_create_dataframe(path):
    from pyspark.sql.conversion import LocalDataToArrowConversion

    schema = T.StructType([
        T.StructField("b", T.BooleanType()), T.StructField("i8", T.ByteType()), T.StructField("i16", T.ShortType()),
        T.StructField("i32", T.IntegerType(), False), T.StructField("i64", T.LongType()),
        T.StructField("f32", T.FloatType()), T.StructField("f64", T.DoubleType()),
        T.StructField("dec", T.DecimalType(12, 3)), T.StructField("s", T.StringType()),
        T.StructField("bin", T.BinaryType()), T.StructField("d", T.DateType()), T.StructField("ts", T.TimestampType()),
        T.StructField("ntz", T.TimestampNTZType()), T.StructField("dt", T.DayTimeIntervalType()),
        T.StructField("arr", T.ArrayType(T.IntegerType())), T.StructField("m", T.MapType(T.StringType(), T.DoubleType())),
        T.StructField("st", T.StructType([T.StructField("x", T.IntegerType()), T.StructField("y", T.StringType())]),
                      True, {"k": "v"}),
        T.StructField("n", T.NullType()),
    ])
    rows = [
        (True, 1, 2, 3, 4, 1.5, 2.5, decimal.Decimal("123.456"), "héllo", b"\x00\x01", datetime.date(2024, 2, 29),
         datetime.datetime(2024, 1, 2, 3, 4, 5, 678901, tzinfo=datetime.timezone.utc),
         datetime.datetime(2024, 1, 2, 3, 4, 5, 6), datetime.timedelta(days=1, seconds=2, microseconds=3),
         [1, None, 3], {"a": 1.0, "b": None}, (7, "z"), None),
        (None, None, None, -1, None, None, None, None, None, None, None, None, None, None, None, None, None, None),
    ]
    out = {}
    for large in (False, True):
        table = LocalDataToArrowConversion.convert(rows, schema, large)
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as w:
            w.write_table(table)
        out["large" if large else "normal"] = {
            "schema_json": schema.json(),
            "ipc": base64.b64encode(sink.getvalue().to_pybytes()).decode(),
            "arrow_schema": str(table.schema),
        }
    with open(path, "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    {"types": gen_types, "create_dataframe": gen_create_dataframe}[sys.argv[1]](sys.argv[2])
