"""Records real Apache Spark's answers for the analyzer's golden test.

For every case below (a Python expression that builds a DataFrame with the
Spark Connect client) this script writes

  * plan_b64    the serialized spark.connect.Relation of the DataFrame, built
                client-side by PySpark (df._plan.plan(client));
  * schema_json real Spark's answer to AnalyzePlan(schema) (df.schema.json()),
    or
  * error_class the error class Spark raised while analyzing the plan.

Usage (from the repository root; the oracle servers come from scripts/oracle):

  .venv/oracle/bin/python internal/analyzer/testdata/record_schemas.py \
      --remote sc://127.0.0.1:15102 --out internal/analyzer/testdata/schemas-4.2.0.json
  .venv/py35/bin/python internal/analyzer/testdata/record_schemas.py \
      --remote sc://127.0.0.1:15103 --out internal/analyzer/testdata/schemas-3.5.9.json

A case whose snippet cannot even be built by this client version (an API
the client lacks, a client-side argument check) is left out of the file and
listed on stderr. The Go test (golden_test.go) reruns this script when
EMBER_UPDATE_GOLDEN=1.
"""

import argparse
import base64
import datetime
import json
import logging
import os
import re
import sys
import warnings
from decimal import Decimal

warnings.filterwarnings("ignore")
logging.disable(logging.CRITICAL)
os.environ.setdefault("PYSPARK_SILENCE_WARNINGS", "1")

from pyspark.sql import SparkSession  # noqa: E402
import pyspark.sql.functions as F  # noqa: E402
import pyspark.sql.types as T  # noqa: E402
from pyspark.sql.window import Window as W  # noqa: E402


def fields(*specs):
    out = []
    for spec in specs:
        name, typ = spec[0], spec[1]
        nullable = spec[2] if len(spec) > 2 else True
        out.append(T.StructField(name, typ, nullable))
    return T.StructType(out)


def base_frames(spark):
    """The input DataFrames every case may use (small, explicit schemas)."""
    num = spark.createDataFrame(
        [(1, 2, 3, 4, 5.5, 6.5, Decimal("7.25"), Decimal("8.5"), Decimal("9"), 10, 11, 12.5, Decimal("1.50"))],
        fields(
            ("b", T.ByteType()),
            ("s", T.ShortType()),
            ("i", T.IntegerType()),
            ("l", T.LongType()),
            ("f", T.FloatType()),
            ("d", T.DoubleType()),
            ("dec", T.DecimalType(10, 2)),
            ("dec38", T.DecimalType(38, 18)),
            ("dec5", T.DecimalType(5, 0)),
            ("ni", T.IntegerType(), False),
            ("nl", T.LongType(), False),
            ("nd", T.DoubleType(), False),
            ("ndec", T.DecimalType(10, 2), False),
        ),
    )
    strs = spark.createDataFrame(
        [
            (
                "Hello",
                "world",
                "x",
                b"\x01\x02",
                True,
                datetime.date(2024, 2, 29),
                datetime.datetime(2024, 2, 29, 12, 30, 45),
                datetime.datetime(2024, 2, 29, 12, 30, 45),
                7,
                "42",
            )
        ],
        fields(
            ("s", T.StringType()),
            ("s2", T.StringType()),
            ("ns", T.StringType(), False),
            ("bin", T.BinaryType()),
            ("bo", T.BooleanType()),
            ("dt", T.DateType()),
            ("ts", T.TimestampType()),
            ("tsn", T.TimestampNTZType()),
            ("i", T.IntegerType()),
            ("snum", T.StringType()),
        ),
    )
    nested = spark.createDataFrame(
        [
            (
                (1, "a"),
                [1, 2, None],
                ["x", "y"],
                {"k": 1},
                ((5,), [("q1",)]),
                [1, 2],
                [(1, "p")],
                3,
            )
        ],
        fields(
            ("st", fields(("a", T.IntegerType()), ("b", T.StringType()))),
            ("arr", T.ArrayType(T.IntegerType())),
            ("arrs", T.ArrayType(T.StringType())),
            ("m", T.MapType(T.StringType(), T.IntegerType())),
            (
                "deep",
                fields(
                    ("x", fields(("y", T.IntegerType()))),
                    ("z", T.ArrayType(fields(("q", T.StringType())))),
                ),
            ),
            ("nnarr", T.ArrayType(T.IntegerType(), False), False),
            ("arrst", T.ArrayType(fields(("n", T.IntegerType()), ("t", T.StringType())))),
            ("i", T.IntegerType()),
        ),
    )
    kv = spark.createDataFrame(
        [("g1", "a", 1, 1.5, datetime.date(2024, 1, 1)), ("g2", "b", 2, 2.5, datetime.date(2024, 1, 2))],
        fields(
            ("g", T.StringType()),
            ("k", T.StringType()),
            ("v", T.IntegerType()),
            ("w", T.DoubleType()),
            ("dt", T.DateType()),
        ),
    )
    left = spark.createDataFrame(
        [(1, "a", 10)], fields(("id", T.IntegerType(), False), ("name", T.StringType()), ("x", T.IntegerType()))
    )
    right = spark.createDataFrame(
        [(1, 2.5, 20)], fields(("id", T.LongType(), False), ("score", T.DoubleType()), ("x", T.LongType()))
    )
    wide = spark.createDataFrame(
        [(1, Decimal("1.5"), "z")],
        fields(("a", T.LongType()), ("b", T.DecimalType(38, 18)), ("c", T.StringType())),
    )
    narrow = spark.createDataFrame(
        [(2, Decimal("2.5"), 3)],
        fields(("a", T.IntegerType(), False), ("b", T.DecimalType(10, 2), False), ("c", T.IntegerType())),
    )
    return dict(num=num, strs=strs, nested=nested, kv=kv, left=left, right=right, wide=wide, narrow=narrow)


# ---------------------------------------------------------------------------
# Cases: name -> Python expression (evaluated with the base frames, spark, F,
# T, W and Decimal in scope). Names group by family: <family>_<what>.

CASES = []


def case(name, code):
    CASES.append((name, code))


# Arithmetic on every numeric type pair (+), and a selection for - * / %.
NUMS = ["b", "s", "i", "l", "f", "d", "dec", "dec38", "dec5"]
for lt in NUMS:
    for rt in NUMS:
        case(f"arith_add_{lt}_{rt}", f"num.select(num.{lt} + num.{rt})")
PAIRS = [
    ("b", "b"), ("s", "i"), ("i", "i"), ("i", "l"), ("l", "d"), ("f", "f"), ("f", "i"),
    ("i", "dec"), ("l", "dec"), ("dec", "dec"), ("dec", "dec38"), ("dec38", "dec38"),
    ("dec", "d"), ("dec5", "dec"), ("b", "dec5"),
]
for opname, op in [("sub", "-"), ("mul", "*"), ("div", "/"), ("mod", "%")]:
    for lt, rt in PAIRS:
        case(f"arith_{opname}_{lt}_{rt}", f"num.select(num.{lt} {op} num.{rt})")
for opname, op in [("add", "+"), ("sub", "-"), ("mul", "*"), ("div", "/"), ("mod", "%")]:
    case(f"arith_{opname}_notnull", f"num.select(num.ni {op} num.nl, num.nd {op} num.nd, num.ndec {op} num.ndec)")

case("arith_lit_int", "num.select(num.i + 1, num.l - 1, num.b * 2, num.s / 3)")
case("arith_lit_double", "num.select(num.i * 2.5, num.dec + 0.5)")
case("arith_lit_decimal", "num.select(num.i + F.lit(Decimal('1.5')), num.dec * F.lit(Decimal('0.001')))")
case("arith_lit_long", "num.select(num.i + F.lit(10000000000))")
case("arith_string_int", "strs.select(strs.snum + 1)")
case("arith_string_double", "strs.select(strs.snum * 1.5)")
case("arith_string_string", "strs.select(strs.snum + strs.snum)")
case("arith_negate", "num.select(-num.i, -num.dec, -num.d, -num.ni)")
case("arith_bitwise", "num.select(num.i.bitwiseAND(num.l), num.b.bitwiseOR(num.b), num.s.bitwiseXOR(num.i))")
case("arith_bitwise_not", "num.select(F.bitwise_not(num.i), F.bitwise_not(num.b))")
case("arith_bool_plus", "strs.select(strs.bo + 1)")
case("arith_date_plus_int", "strs.select(strs.dt + 1)")
case("arith_date_minus_date", "strs.select(strs.dt - strs.dt)")
case("arith_date_minus_int", "strs.select(strs.dt - 1, strs.dt - strs.i)")
case("arith_decimal_int_lit", "num.select(num.dec + 1, num.dec * 10, num.dec / 2, num.dec % 3, num.ndec - 100, num.ndec * 2)")
case("arith_expr_mixed", "num.select(((num.i + num.l) * num.dec / num.d).alias('r'))")
case("arith_div_int_lit", "num.select(num.i / 2)")
case("arith_pmod", "num.select(F.pmod(num.i, num.l), F.pmod(num.dec, num.i))")

# Comparisons and predicates.
case("cmp_int_long", "num.select(num.i < num.l, num.i == num.l)")
case("cmp_int_double", "num.select(num.i >= num.d, num.i != num.d)")
case("cmp_decimal_double", "num.select(num.dec > num.d, num.dec <= num.dec38)")
case("cmp_string_int", "strs.select(strs.snum == strs.i)")
case("cmp_string_string", "strs.select(strs.s < strs.s2)")
case("cmp_date_timestamp", "strs.select(strs.dt < strs.ts)")
case("cmp_date_string", "strs.select(strs.dt == '2024-02-29')")
case("cmp_eq_null_safe", "num.select(num.i.eqNullSafe(num.l), num.ni.eqNullSafe(num.nl))")
case("cmp_notnull_inputs", "num.select(num.ni == num.nl, num.ni < num.nd)")
case("cmp_isnull", "num.select(num.i.isNull(), num.i.isNotNull())")
case("cmp_isnan", "num.select(F.isnan(num.d), F.isnan(num.i))")
case("cmp_between", "num.select(num.i.between(1, 10))")
case("cmp_isin", "num.select(num.i.isin(1, 2, 3))")
case("cmp_isin_mixed", "num.select(num.i.isin(1, 2.5))")
case("cmp_isin_notnull", "num.select(num.ni.isin(1, 2))")
case("cmp_and_or_not", "num.select((num.i > 1) & (num.l < 2), (num.i > 1) | (num.d < 2), ~(num.i > 1))")
case("cmp_lit_null", "num.select(num.i == F.lit(None))")
case("cmp_bool_int", "strs.select(strs.bo == strs.i)")
case("cmp_struct", "nested.select(nested.st == nested.st)")
case("cmp_array_error", "nested.select(nested.arr == nested.i)")
case("pred_like", "strs.select(strs.s.like('H%'), strs.s.rlike('^H'), strs.s.ilike('h%'))")
case("pred_contains", "strs.select(strs.s.contains('ell'), strs.s.startswith('He'), strs.s.endswith('lo'))")
case("pred_like_notnull", "strs.select(strs.ns.like('x%'))")

# Conditional.
case("cond_when_otherwise", "num.select(F.when(num.i > 1, num.i).otherwise(num.l))")
case("cond_when_no_else", "num.select(F.when(num.ni > 1, num.ni))")
case("cond_when_notnull", "num.select(F.when(num.ni > 1, num.ni).otherwise(num.nl))")
case("cond_when_decimals", "num.select(F.when(num.i > 1, num.dec).otherwise(num.dec38))")
case("cond_when_int_decimal", "num.select(F.when(num.i > 1, num.i).otherwise(num.dec))")
case("cond_when_string_int", "num.select(F.when(num.i > 1, F.lit('a')).otherwise(num.i))")
case("cond_when_chain", "num.select(F.when(num.i == 1, 'one').when(num.i == 2, 'two').otherwise('many'))")
case("cond_coalesce", "num.select(F.coalesce(num.i, num.l), F.coalesce(num.i, num.ni), F.coalesce(num.ni, num.i))")
case("cond_coalesce_decimal", "num.select(F.coalesce(num.dec, num.i), F.coalesce(num.dec, num.d))")
case("cond_nvl", "num.select(F.expr('nvl(i, 0)'), F.expr('ifnull(i, l)'))")
case("cond_nullif", "num.select(F.expr('nullif(ni, 1)'), F.expr('nullif(i, l)'))")
case("cond_if", "num.select(F.expr('if(i > 1, i, d)'), F.expr('if(ni > 1, ni, nl)'))")
case("cond_nvl2", "num.select(F.expr('nvl2(i, ni, nl)'))")
case("cond_greatest", "num.select(F.greatest(num.i, num.l, num.d), F.greatest(num.ni, num.nl))")
case("cond_least", "num.select(F.least(num.dec, num.dec38), F.least(num.i, num.dec))")
case("cond_greatest_mixed_null", "num.select(F.greatest(num.ni, num.i))")
case("cond_case_sql", "num.selectExpr('CASE i WHEN 1 THEN \"a\" WHEN 2 THEN \"b\" END')")
case("cond_when_type_error", "num.select(F.when(num.i > 1, num.i).otherwise(F.array(num.i)))")

# String functions.
case("str_upper_lower", "strs.select(F.upper(strs.s), F.lower(strs.s), F.upper(strs.ns))")
case("str_length", "strs.select(F.length(strs.s), F.length(strs.bin), F.length(strs.ns))")
case("str_trim", "strs.select(F.trim(strs.s), F.ltrim(strs.s), F.rtrim(strs.s))")
case("str_concat", "strs.select(F.concat(strs.s, strs.s2), F.concat(strs.ns, strs.ns))")
case("str_concat_int", "strs.select(F.concat(strs.s, strs.i))")
case("str_concat_binary", "strs.select(F.concat(strs.bin, strs.bin))")
case("str_concat_arrays", "nested.select(F.concat(nested.arr, nested.arr), F.concat(nested.nnarr, nested.nnarr))")
case("str_concat_ws", "strs.select(F.concat_ws('-', strs.s, strs.s2), F.concat_ws('-', strs.ns))")
case("str_substring", "strs.select(F.substring(strs.s, 1, 2), strs.s.substr(2, 3))")
case("str_substring_expr", "strs.selectExpr('substring(s, 2)', 'substr(ns, 1, 1)')")
case("str_substring_binary", "strs.select(F.substring(strs.bin, 1, 1))")
case("str_split", "strs.select(F.split(strs.s, 'l'), F.split(strs.ns, ','))")
case("str_split_limit", "strs.select(F.split(strs.s, 'l', 2))")
case("str_regexp_extract", "strs.select(F.regexp_extract(strs.s, '(H)', 1))")
case("str_regexp_replace", "strs.select(F.regexp_replace(strs.s, 'l', 'L'), F.regexp_replace(strs.ns, 'x', 'y'))")
case("str_pad", "strs.select(F.lpad(strs.s, 10, '*'), F.rpad(strs.ns, 3, '-'))")
case("str_repeat_reverse", "strs.select(F.repeat(strs.s, 2), F.reverse(strs.s), F.initcap(strs.s2))")
case("str_reverse_array", "nested.select(F.reverse(nested.arr))")
case("str_upper_int", "num.select(F.upper(num.i), F.lower(num.d))")
case("str_upper_array_error", "nested.select(F.upper(nested.arr))")
case("str_length_int", "num.select(F.length(num.i))")
case("str_like_int", "num.select(num.i.like('1%'))")
case("str_concat_null", "strs.select(F.concat(strs.s, F.lit(None)))")

# Math functions.
case("math_abs", "num.select(F.abs(num.i), F.abs(num.dec), F.abs(num.f), F.abs(num.ni))")
case("math_round_double", "num.select(F.round(num.d), F.round(num.d, 1), F.round(num.f, 1))")
case("math_round_decimal", "num.select(F.round(num.dec), F.round(num.dec, 1), F.round(num.dec38, 2), F.round(num.dec, 5))")
case("math_round_int", "num.select(F.round(num.i), F.round(num.l, -1), F.round(num.b))")
case("math_round_negative_decimal", "num.select(F.round(num.dec, -1))")
case("math_bround", "num.select(F.bround(num.d, 1), F.bround(num.dec, 1))")
case("math_floor_ceil", "num.select(F.floor(num.d), F.ceil(num.f), F.floor(num.i), F.ceil(num.b))")
case("math_floor_ceil_decimal", "num.select(F.floor(num.dec), F.ceil(num.dec38), F.ceil(num.dec5))")
case("math_pow_sqrt", "num.select(F.pow(num.i, num.d), F.sqrt(num.i), F.sqrt(num.nd))")
case("math_exp_log", "num.select(F.exp(num.i), F.log(num.d), F.log(2.0, num.d), F.log10(num.i), F.log2(num.l), F.ln(num.d))")
case("math_exp_notnull", "num.select(F.exp(num.nd))")
case("math_signum", "num.select(F.signum(num.i), F.signum(num.dec))")
case("math_string_arg", "strs.select(F.sqrt(strs.snum), F.abs(strs.snum))")
case("math_abs_string_error", "strs.select(F.abs(strs.bo))")

# Date/time functions.
case("dt_current", "num.select(F.current_date(), F.current_timestamp())")
case("dt_parts_date", "strs.select(F.year(strs.dt), F.quarter(strs.dt), F.month(strs.dt), F.dayofmonth(strs.dt))")
case("dt_parts_ts", "strs.select(F.year(strs.ts), F.dayofweek(strs.ts), F.dayofyear(strs.ts), F.weekofyear(strs.ts))")
case("dt_parts_string", "strs.select(F.year(strs.s), F.month(strs.ns))")
case("dt_time_parts", "strs.select(F.hour(strs.ts), F.minute(strs.tsn), F.second(strs.ts))")
case("dt_time_parts_date", "strs.select(F.hour(strs.dt))")
case("dt_to_date", "strs.select(F.to_date(strs.s), F.to_date(strs.s, 'yyyy-MM-dd'), F.to_date(strs.ts))")
case("dt_to_timestamp", "strs.select(F.to_timestamp(strs.s), F.to_timestamp(strs.s, 'yyyy-MM-dd HH:mm'))")
case("dt_date_add", "strs.select(F.date_add(strs.dt, 1), F.date_sub(strs.dt, 2), F.date_add(strs.ts, 1))")
case("dt_date_add_string", "strs.select(F.date_add(strs.s, 1))")
case("dt_datediff", "strs.select(F.datediff(strs.dt, strs.ts))")
case("dt_add_months", "strs.select(F.add_months(strs.dt, 1), F.last_day(strs.dt))")
case("dt_date_format", "strs.select(F.date_format(strs.ts, 'yyyy-MM'), F.date_format(strs.dt, 'yyyy'))")
case("dt_year_int_error", "num.select(F.year(num.i))")

# Casts.
case("cast_int_string", "num.select(num.i.cast('string'), num.ni.cast('string'))")
case("cast_string_int", "strs.select(strs.snum.cast('int'), strs.ns.cast('int'))")
case("cast_double_int", "num.select(num.d.cast('int'), num.nd.cast('int'))")
case("cast_widen_notnull", "num.select(num.ni.cast('long'), num.ni.cast('double'), num.ni.cast('short'))")
case("cast_decimal", "num.select(num.i.cast('decimal(5,2)'), num.dec.cast('double'), num.d.cast('decimal(10,4)'))")
case("cast_decimal_notnull", "num.select(num.ni.cast('decimal(20,0)'), num.ni.cast('decimal(5,0)'), num.ndec.cast('decimal(38,10)'))")
case("cast_datatype_obj", "num.select(num.i.cast(T.LongType()), num.d.cast(T.DecimalType(12, 3)))")
case("cast_string_date", "strs.select(strs.s.cast('date'), strs.s.cast('timestamp'), strs.ts.cast('date'))")
case("cast_bool", "strs.select(strs.bo.cast('int'), strs.i.cast('boolean'))")
case("cast_binary", "strs.select(strs.s.cast('binary'), strs.bin.cast('string'))")
case("cast_array", "nested.select(nested.arr.cast('array<string>'), nested.nnarr.cast('array<long>'))")
case("cast_struct", "nested.select(nested.st.cast('struct<x:string,y:string>'))")
case("cast_map", "nested.select(nested.m.cast('map<string,string>'))")
case("cast_array_to_int_error", "nested.select(nested.arr.cast('int'))")
case("cast_date_to_int_error", "strs.select(strs.dt.cast('int'))")
case("cast_try_expr", "strs.select(F.expr('try_cast(s AS INT)'), F.expr('try_cast(ns AS INT)'))")
case("cast_try_column", "strs.select(strs.snum.try_cast('int'), strs.ns.try_cast('long'))")
case("cast_sql_syntax", "num.selectExpr('CAST(i AS BIGINT)', 'CAST(d AS DECIMAL(6,1))', 'i::string')")
case("cast_timestamp_ntz", "strs.select(strs.ts.cast('timestamp_ntz'), strs.tsn.cast('timestamp'))")
case("cast_float_double", "num.select(num.f.cast('double'), num.d.cast('float'), num.l.cast('float'))")

# Aggregates.
case("agg_basic", "kv.groupBy('g').agg(F.count('v'), F.sum('v'), F.avg('v'), F.min('v'), F.max('v'))")
case("agg_count_star", "kv.groupBy('g').agg(F.count('*'), F.count(F.lit(1)))")
case("agg_count_distinct", "kv.groupBy('g').agg(F.countDistinct('v'), F.count_distinct('k', 'v'))")
case("agg_sum_types", "num.agg(F.sum('b'), F.sum('i'), F.sum('l'), F.sum('f'), F.sum('d'))")
case("agg_sum_decimal", "num.agg(F.sum('dec'), F.sum('dec38'), F.sum('dec5'))")
case("agg_avg_types", "num.agg(F.avg('i'), F.avg('d'), F.avg('dec'), F.avg('dec38'))")
case("agg_min_max_notnull", "num.agg(F.min('ni'), F.max('nd'))")
case("agg_first_last", "kv.groupBy('g').agg(F.first('v'), F.last('w'), F.first('k', True))")
case("agg_collect", "kv.groupBy('g').agg(F.collect_list('v'), F.collect_set('k'))")
case("agg_stats", "kv.agg(F.stddev('v'), F.stddev_pop('w'), F.variance('v'), F.var_pop('v'), F.var_samp('w'))")
case("agg_bool", "strs.agg(F.expr('bool_and(bo)'), F.expr('bool_or(bo)'), F.expr('every(bo)'))")
case("agg_count_if", "kv.agg(F.expr('count_if(v > 1)'))")
case("agg_approx", "kv.agg(F.approx_count_distinct('k'), F.percentile_approx('v', 0.5), F.percentile_approx('w', [0.25, 0.75]))")
case("agg_any_value", "kv.agg(F.expr('any_value(k)'))")
case("agg_try_sum", "kv.agg(F.expr('try_sum(v)'))")
case("agg_mean_alias", "kv.agg(F.mean('v'), F.expr('mean(w)'))")
case("agg_dict", "kv.agg({'v': 'max', 'w': 'sum'})")
case("agg_global_count", "kv.groupBy().count()")
case("agg_groupby_count", "kv.groupBy('g', 'k').count()")
case("agg_groupby_sum", "kv.groupBy('g').sum('v', 'w')")
case("agg_groupby_avg_all", "kv.groupBy('g').avg()")
case("agg_groupby_expr", "kv.groupBy((kv.v % 2).alias('parity')).agg(F.sum('w'))")
case("agg_groupby_expr_unaliased", "kv.groupBy(kv.v % 2).agg(F.max('k'))")
case("agg_expr_over_aggs", "kv.groupBy('g').agg((F.sum('v') + F.max('w')).alias('t'), F.sum('v') * 2)")
case("agg_rollup", "kv.rollup('g', 'k').agg(F.sum('v'))")
case("agg_cube", "kv.cube('g').count()")
case("agg_pivot_values", "kv.groupBy('g').pivot('k', ['a', 'b']).sum('v')")
case("agg_pivot_two_aggs", "kv.groupBy('g').pivot('k', ['a', 'b']).agg(F.sum('v'), F.max('w'))")
case("agg_pivot_int_values", "kv.groupBy('k').pivot('v', [1, 2]).agg(F.first('w'))")
case("agg_pivot_no_values", "kv.groupBy('g').pivot('k').sum('v')")
case("agg_missing_aggregation", "kv.groupBy('g').agg(F.col('v'))")
case("agg_sum_string", "kv.agg(F.sum('k'))")
case("agg_sum_bool_error", "strs.agg(F.sum('bo'))")
case("agg_nested_error", "kv.agg(F.sum(F.max('v')))")
case("agg_select_with_agg", "kv.select(F.max('v'), F.min('w'))")
case("agg_having_like", "kv.groupBy('g').agg(F.sum('v').alias('sv')).where('sv > 1')")
case("agg_grouping_sets", "kv.groupingSets([['g'], ['k'], []], 'g', 'k').agg(F.sum('v'))")
case("agg_filter_clause", "kv.selectExpr('sum(v) FILTER (WHERE v > 1)')")

# Window functions.
WIN = "W.partitionBy('g').orderBy('v')"
case("win_row_number", f"kv.select('g', F.row_number().over({WIN}))")
case("win_rank", f"kv.select(F.rank().over({WIN}), F.dense_rank().over({WIN}))")
case("win_percent_rank", f"kv.select(F.percent_rank().over({WIN}), F.cume_dist().over({WIN}))")
case("win_ntile", f"kv.select(F.ntile(2).over({WIN}))")
case("win_lag_lead", f"kv.select(F.lag('v').over({WIN}), F.lead('w', 2).over({WIN}))")
case("win_lag_default", f"kv.select(F.lag('v', 1, 0).over({WIN}))")
case("win_nth_value", f"kv.select(F.nth_value('v', 2).over({WIN}))")
case("win_sum_partition", "kv.select(F.sum('v').over(W.partitionBy('g')))")
case("win_sum_ordered", f"kv.select(F.sum('v').over({WIN}))")
case("win_rows_between", "kv.select(F.avg('w').over(W.partitionBy('g').orderBy('v').rowsBetween(-1, 1)))")
case("win_range_between", "kv.select(F.min('v').over(W.orderBy('v').rangeBetween(W.unboundedPreceding, 0)))")
case("win_unbounded", "kv.select(F.count('v').over(W.partitionBy('g').rowsBetween(W.unboundedPreceding, W.unboundedFollowing)))")
case("win_first_over", f"kv.select(F.first('k').over({WIN}))")
case("win_desc_order", "kv.select(F.row_number().over(W.orderBy(F.desc('v'))))")
case("win_with_column", f"kv.withColumn('rn', F.row_number().over({WIN}))")
case("win_not_window_fn_error", f"kv.select(F.upper('k').over({WIN}))")
case("win_sql", "kv.selectExpr('sum(v) OVER (PARTITION BY g ORDER BY v ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)')")

# Collections and nested access.
case("col_get_item", "nested.select(nested.arr[0], nested.arr.getItem(1), nested.m['k'], nested.m.getItem('k'))")
case("col_get_field", "nested.select(nested.st.a, nested.st['b'], nested.st.getField('a'))")
case("col_dotted_path", "nested.select('st.a', 'deep.x.y', F.col('deep.x'))")
case("col_array_of_struct_field", "nested.select(nested.deep.z.q, nested.arrst.n)")
case("col_struct_star", "nested.select('st.*')")
case("col_element_at", "nested.select(F.element_at(nested.arr, 1), F.element_at(nested.m, 'k'), F.element_at(nested.nnarr, 1))")
case("col_size", "nested.select(F.size(nested.arr), F.size(nested.m), F.size(nested.nnarr))")
case("col_cardinality", "nested.selectExpr('cardinality(arr)')")
case("col_array_ctor", "num.select(F.array(num.i, num.l), F.array(num.ni, num.ni), F.array(num.i, num.dec))")
case("col_array_empty", "num.select(F.array())")
case("col_map_ctor", "strs.select(F.create_map(strs.s, strs.i), F.create_map(F.lit('a'), F.lit(1)))")
case("col_struct_ctor", "num.select(F.struct(num.i, num.dec), F.struct(num.i.alias('x'), F.lit(1)))")
case("col_struct_ctor_expr", "num.select(F.struct((num.i + 1), num.ni))")
case("col_named_struct", "num.selectExpr('named_struct(\"a\", i, \"b\", ni)')")
case("col_array_contains", "nested.select(F.array_contains(nested.arr, 1), F.array_contains(nested.nnarr, 1))")
case("col_sort_array", "nested.select(F.sort_array(nested.arr), F.sort_array(nested.arrs, False))")
case("col_array_distinct", "nested.select(F.array_distinct(nested.arr))")
case("col_map_keys_values", "nested.select(F.map_keys(nested.m), F.map_values(nested.m))")
case("col_get", "nested.select(F.get(nested.arr, 0))")
case("col_get_item_sql", "nested.selectExpr('arr[0]', 'm[\"k\"]', 'st.b', 'arrst[0].t')")
case("col_missing_field_error", "nested.select('st.nope')")
case("col_extract_from_int_error", "nested.select(nested.i.getField('a'))")
case("col_explode", "nested.select(F.explode(nested.arr))")
case("col_explode_map", "nested.select(F.explode(nested.m))")
case("col_explode_alias", "nested.select('i', F.explode(nested.arrs).alias('e'))")
case("col_posexplode", "nested.select(F.posexplode(nested.arr))")
case("col_explode_outer", "nested.select(F.explode_outer(nested.nnarr))")
case("col_inline", "nested.select(F.inline(nested.arrst))")
case("col_with_field", "nested.select(nested.st.withField('c', F.lit(1)))")
case("col_drop_fields", "nested.select(nested.st.dropFields('a'))")
case("col_array_lit", "num.select(F.lit([1, 2, 3]))")

# Nullability of results over non-null inputs.
case("null_math_unary", "num.select(F.signum(num.nd), F.log10(num.nd), F.ln(num.nd), F.abs(num.nd), F.exp(num.ni))")
case("null_math_binary", "num.select(F.pow(num.nd, num.nd), F.log(2.0, num.nd), F.pmod(num.ni, num.ni), F.pmod(num.nd, num.nd))")
case("null_round", "num.select(F.round(num.nd), F.round(num.ndec, 1), F.round(num.ni), F.bround(num.nd, 1))")
case("null_floor_ceil", "num.select(F.floor(num.nd), F.ceil(num.ndec), F.floor(num.ni))")
case("null_map_keys_values", "num.select(F.map_values(F.create_map(F.lit('a'), num.ni)), F.map_keys(F.create_map(F.lit('a'), num.ni)))")
case("null_string_fns", "strs.select(F.substring(strs.ns, 1, 2), F.split(strs.ns, ','), F.regexp_extract(strs.ns, 'x', 0), F.lpad(strs.ns, 2, 'a'), F.repeat(strs.ns, 2))")
case("null_date_fns", "strs.select(F.year(F.current_date()), F.date_add(F.current_date(), 1), F.hour(F.current_timestamp()), F.datediff(F.current_date(), F.current_date()))")
case("null_concat_ws", "strs.select(F.concat_ws(',', strs.ns, strs.s))")
case("null_collections", "nested.select(F.size(nested.nnarr), F.sort_array(nested.nnarr), F.array_distinct(nested.nnarr), F.element_at(nested.nnarr, 1), nested.nnarr[0])")

# Names of aliases (Spark shows the name the user called for some).
case("alias_fn_string", "strs.selectExpr('ucase(s)', 'lcase(s)', 'char_length(s)', 'character_length(s)', 'len(s)')")
case("alias_fn_math", "num.selectExpr('pow(i, 2)', 'power(i, 2)', 'ceiling(d)', 'sign(d)', 'mod(i, 2)', 'nanvl(d, 0.0)')")
case("alias_fn_datetime", "strs.selectExpr('day(dt)', 'dayofmonth(dt)', 'curdate()', 'now()', 'dateadd(dt, 1)')")
case("alias_fn_cond", "num.selectExpr('nvl(i, 1)', 'ifnull(i, 1)', 'equal_null(i, 1)', 'if(i > 1, 1, 2)')")
case("alias_fn_iff", "num.selectExpr('iff(i > 1, 1, 2)')")
case("alias_fn_pred", "strs.selectExpr('regexp(s, \"H\")', 'regexp_like(s, \"H\")', 's rlike \"H\"', 's ilike \"h%\"', 's like \"H%\"')")
case("alias_fn_unary", "num.selectExpr('-i', '+i', '~i', 'negative(i)', 'positive(i)', '!(i > 1)', 'i <> 1', 'i != 1')")
case("alias_fn_agg_bool", "strs.selectExpr('some(bo)', 'any(bo)', 'every(bo)', 'bool_or(bo)')")
case("alias_fn_agg", "kv.selectExpr('std(w)', 'stddev_samp(w)', 'array_agg(v)', 'approx_percentile(v, 0.5)', 'first_value(v)', 'last_value(w)')")
case("alias_fn_collection", "nested.selectExpr('cardinality(arr)', 'size(arr)', 'get(arr, 0)', 'element_at(arr, 1)')")
case("sql_between_cols", "kv.selectExpr('v BETWEEN 1 AND 2.5', 'w NOT BETWEEN 0 AND v')")
case("cond_nullif_types", "num.select(F.expr('nullif(dec, i)'), F.expr('nullif(ni, ni)'), F.expr('nullif(d, i)'))")
case("na_fill_double", "num.na.fill(1.5)")
case("cast_nullability_matrix", "num.select(num.ni.cast('byte'), num.nl.cast('int'), num.nd.cast('float'), num.nd.cast('long'), num.ndec.cast('int'), num.ndec.cast('decimal(5,2)'), num.ni.cast('decimal(10,0)'), num.ni.cast('boolean'))")
case("cast_nullability_string", "strs.select(strs.ns.cast('boolean'), strs.ns.cast('double'), strs.ns.cast('binary'), strs.ns.cast('date'), strs.ns.cast('decimal(10,2)'))")

# Literals.
case("lit_types", "num.select(F.lit(1), F.lit(2.5), F.lit('s'), F.lit(True), F.lit(None), F.lit(10000000000))")
case("lit_decimal", "num.select(F.lit(Decimal('123.450')))")
case("lit_date_ts", "num.select(F.lit(datetime.date(2020, 1, 2)), F.lit(datetime.datetime(2020, 1, 2, 3, 4, 5)))")
case("lit_binary", "num.select(F.lit(bytearray(b'ab')))")
case("lit_alias_keeps_name", "num.select(F.lit(1).alias('one'), (num.i + 1).alias('i1'))")

# Relations.
case("rel_with_column_new", "num.withColumn('z', num.i * 2)")
case("rel_with_column_replace", "num.withColumn('i', num.i.cast('string'))")
case("rel_with_columns", "num.withColumns({'a': F.lit(1), 'b': num.d + 1})")
case("rel_with_column_renamed", "num.withColumnRenamed('i', 'eye')")
case("rel_with_columns_renamed", "num.withColumnsRenamed({'i': 'I2', 'l': 'L2'})")
case("rel_rename_missing", "num.withColumnRenamed('nope', 'x')")
case("rel_drop", "num.drop('i', 'l')")
case("rel_drop_col", "num.drop(num.dec)")
case("rel_drop_missing", "num.drop('nope')")
case("rel_to_df", "kv.toDF('a', 'b', 'c', 'd', 'e')")
case("rel_to_df_wrong_count", "kv.toDF('a')")
case("rel_alias_qualified", "kv.alias('t').select('t.g', F.col('t.v'))")
case("rel_select_star", "kv.select('*', (kv.v + 1).alias('v1'))")
case("rel_select_expr", "kv.selectExpr('v * 2 AS dbl', 'upper(k)', 'v + w')")
case("rel_filter_expr", "kv.filter('v > 1 AND k = \"a\"')")
case("rel_filter_not_boolean", "kv.filter(kv.v)")
case("rel_filter_string_error", "kv.where(kv.k)")
case("rel_order_limit", "kv.orderBy(F.desc('v'), 'k').limit(1)")
case("rel_sort_dropped_column", "kv.select('g').orderBy('v')")
case("rel_distinct", "kv.distinct()")
case("rel_drop_duplicates", "kv.dropDuplicates(['g'])")
case("rel_range", "spark.range(10)")
case("rel_range_expr", "spark.range(0, 10, 2).select((F.col('id') * 2).alias('x'), F.col('id') + 0.5)")
case("rel_sample", "kv.sample(0.5, seed=1)")
case("rel_hint_repartition", "kv.hint('broadcast').repartition(2).coalesce(1)")
case("rel_col_regex", "kv.select(kv.colRegex('`[gk]`'))")
case("rel_missing_column", "kv.select('nope')")
case("rel_missing_column_case", "kv.select('V', 'G')")
case("rel_describe", "num.describe()")
case("rel_describe_cols", "kv.describe('v', 'k')")
case("rel_summary", "kv.summary()")
case("rel_summary_stats", "kv.summary('count', 'min', '50%')")
case("rel_na_fill_num", "num.na.fill(0)")
case("rel_na_fill_str", "strs.na.fill('x')")
case("rel_na_fill_dict", "kv.na.fill({'v': 0, 'k': 'z'})")
case("rel_na_drop", "kv.na.drop()")
case("rel_na_replace", "kv.na.replace('a', 'b', 'k')")
case("rel_unpivot", "kv.unpivot('g', ['v', 'w'], 'var', 'val')")
case("rel_offset", "kv.offset(1)")
case("rel_tail_like_limit", "kv.limit(0)")

# Joins.
case("join_using", "left.join(right, 'id')")
case("join_using_left", "left.join(right, 'id', 'left')")
case("join_using_right", "left.join(right, 'id', 'right')")
case("join_using_full", "left.join(right, 'id', 'full')")
case("join_using_two", "left.join(right, ['id', 'x'])")
case("join_cond_inner", "left.join(right, left.id == right.id)")
case("join_cond_left", "left.join(right, left.id == right.id, 'left')")
case("join_cond_right", "left.join(right, left.id == right.id, 'right')")
case("join_cond_full", "left.join(right, left.id == right.id, 'full')")
case("join_semi_anti", "left.join(right, 'id', 'left_semi').union(left.join(right, 'id', 'left_anti'))")
case("join_semi", "left.join(right, left.id == right.id, 'leftsemi')")
case("join_cross", "left.crossJoin(right)")
case("join_select_ambiguous", "left.join(right, left.id == right.id).select('x')")
case("join_select_by_df_col", "left.join(right, left.id == right.id).select(left.x, right.x, right.score)")
case("join_alias_qualified", "left.alias('a').join(right.alias('b'), F.col('a.id') == F.col('b.id')).select('a.name', 'b.score')")
case("join_using_missing", "left.join(right, 'name')")
case("join_then_agg", "left.join(right, 'id').groupBy('name').agg(F.sum('score'))")

# Set operations and type widening.
case("union_widen", "narrow.union(wide)")
case("union_widen_reverse", "wide.union(narrow)")
case("union_int_string", "num.select('i').union(strs.select('s'))")
case("union_int_double", "num.select('i').union(num.select('d'))")
case("union_decimal_int", "num.select('dec').union(num.select('l'))")
case("union_decimal_double", "num.select('dec').union(num.select('f'))")
case("union_date_timestamp", "strs.select('dt').union(strs.select('ts'))")
case("union_null_int", "num.select(F.lit(None).alias('x')).union(num.select('ni'))")
case("union_notnull", "num.select('ni').union(num.select('nl'))")
case("union_array_elems", "nested.select('arr').union(nested.select('nnarr'))")
case("union_struct", "nested.select('st').union(nested.select(F.struct(F.lit(1).alias('p'), F.lit('q').alias('r'))))")
case("union_by_name", "narrow.unionByName(wide.select('c', 'b', 'a'))")
case("union_by_name_missing", "narrow.select('a', 'b').unionByName(wide.select('c', 'a'), allowMissingColumns=True)")
case("union_col_count_error", "narrow.union(wide.select('a'))")
case("union_incompatible_error", "nested.select('arr').union(nested.select('i'))")
case("intersect_widen", "narrow.intersect(wide)")
case("except_all", "narrow.exceptAll(wide)")
case("subtract", "wide.subtract(narrow)")

# spark.sql queries.
SQLS = {
    "values_basic": "SELECT * FROM VALUES (1, 'a'), (2, 'b') AS t(x, y)",
    "values_default_names": "SELECT * FROM VALUES (1, 2.5)",
    "values_widen": "SELECT * FROM VALUES (1), (2.5), (NULL) AS t(x)",
    "values_decimal_widen": "SELECT * FROM VALUES (1.5), (10.25) AS t(x)",
    "arith_literals": "SELECT 1 + 2, 1 / 2, 10 % 3, 2 * 1.5, 1.5 + 2.25, 1e3, 1.0E3, -1, +1",
    "int_literals": "SELECT 2147483647, 2147483648, 123456789012, 1L, 2S, 3Y, 1.5BD, 1.5D, 1.5F",
    "decimal_literals": "SELECT 0.1, 123.456, 1234567890.1234567890, .5",
    "string_concat_op": "SELECT 'a' || 'b', concat('a', 1)",
    "cast_sql": "SELECT CAST('1' AS INT), CAST(1 AS STRING), CAST(1.5 AS DECIMAL(4,2)), CAST('2020-01-01' AS DATE)",
    "typed_literals": "SELECT DATE'2020-01-01', TIMESTAMP'2020-01-01 00:00:00', X'0A', TIMESTAMP_NTZ'2020-01-01 00:00:00'",
    "date_plus": "SELECT DATE'2020-01-01' + 1, date_add(DATE'2020-01-01', 1)",
    "null_literal": "SELECT NULL, NULL + 1, coalesce(NULL, 1)",
    "case_when": "SELECT CASE WHEN 1 > 0 THEN 'a' ELSE NULL END, CASE 1 WHEN 1 THEN 2.5 ELSE 3 END",
    "predicates": "SELECT 1 = 1, 'a' LIKE 'a%', 3 IN (1, 2, 3), 1 BETWEEN 0 AND 2, NOT true, 1 <=> NULL, 1 != 2",
    "nested_access": "SELECT array(1, 2)[0], map('a', 1)['a'], named_struct('a', 1, 'b', 'x').b, struct(1 AS x).x",
    "conditional_fns": "SELECT ifnull(NULL, 'x'), nvl2(1, 2, 3), nullif(1, 1), if(true, 1, 2.5)",
    "union_widen": "SELECT 1 AS a UNION ALL SELECT 2.5",
    "union_string": "SELECT 1 AS a UNION SELECT 'x'",
    "aggregate": "SELECT x, sum(y), count(*), avg(y) FROM VALUES (1, 2), (1, 3) AS t(x, y) GROUP BY x",
    "aggregate_having": "SELECT x, max(y) AS m FROM VALUES (1, 2) AS t(x, y) GROUP BY x HAVING sum(y) > 1",
    "aggregate_order_by_agg": "SELECT x FROM VALUES (1, 2) AS t(x, y) GROUP BY x ORDER BY sum(y)",
    "group_by_ordinal": "SELECT x, count(1) FROM VALUES (1), (2) AS t(x) GROUP BY 1",
    "cte": "WITH c AS (SELECT 1 AS a, 'b' AS b) SELECT a, b FROM c",
    "cte_columns": "WITH c(p, q) AS (SELECT 1, 2) SELECT * FROM c",
    "subquery_alias": "SELECT s.x FROM (SELECT 1 AS x) AS s",
    "where_order": "SELECT x FROM VALUES (1), (2) AS t(x) WHERE x > 1 ORDER BY x DESC LIMIT 1",
    "explode": "SELECT explode(array(1, 2))",
    "explode_alias": "SELECT explode(map('a', 1)) AS (k, v)",
    "lateral_view": "SELECT x, e FROM VALUES (1) AS t(x) LATERAL VIEW explode(array(1, 2)) tv AS e",
    "window": "SELECT x, row_number() OVER (ORDER BY x), sum(x) OVER (PARTITION BY x) FROM VALUES (1), (2) AS t(x)",
    "range_tvf": "SELECT * FROM range(3)",
    "range_tvf_expr": "SELECT id * 2 AS d FROM range(1, 4)",
    "join": "SELECT * FROM VALUES (1, 'a') AS a(id, v) JOIN VALUES (1, 2.5) AS b(id, w) USING (id)",
    "left_join": "SELECT a.id, b.w FROM VALUES (1) AS a(id) LEFT JOIN VALUES (1, 2.5) AS b(id, w) ON a.id = b.id",
    "scalar_subquery": "SELECT (SELECT max(x) FROM VALUES (1) AS t(x)) AS m",
    "in_subquery": "SELECT 1 IN (SELECT 1)",
    "exists_subquery": "SELECT EXISTS (SELECT 1) AS e",
    "distinct": "SELECT DISTINCT x FROM VALUES (1), (1) AS t(x)",
    "star_except": "SELECT * EXCEPT (y) FROM VALUES (1, 2, 3) AS t(x, y, z)",
    "math_fns": "SELECT round(2.555, 2), floor(2.5), ceil(2.1), abs(-1), sqrt(4), pow(2, 3), pmod(-7, 3), log(10, 100)",
    "string_fns": "SELECT upper('a'), length('abc'), substr('abc', 2), trim('  a '), lpad('a', 3, '0'), split('a,b', ',')",
    "datetime_fns": "SELECT year(DATE'2020-01-01'), to_date('2020-01-01'), datediff(DATE'2020-01-02', DATE'2020-01-01'), current_date()",
    "collections": "SELECT array(1, 2.5), map(1, 'a'), size(array(1)), array_contains(array(1, 2), 1), sort_array(array(2, 1))",
    "aggregate_fns": "SELECT collect_list(x), collect_set(x), stddev(x), first(x), count(DISTINCT x) FROM VALUES (1), (2) AS t(x)",
    "error_unresolved_column": "SELECT nope",
    "error_unresolved_function": "SELECT no_such_function(1)",
    "error_missing_aggregation": "SELECT sum(x), y FROM VALUES (1, 2) AS t(x, y)",
    "error_table_not_found": "SELECT * FROM no_such_table",
    "error_parse": "SELEC 1",
    "error_wrong_num_args": "SELECT upper('a', 'b')",
    "error_type_mismatch": "SELECT upper(array(1))",
    "error_union_columns": "SELECT 1 UNION SELECT 1, 2",
    "error_group_by_ordinal": "SELECT x FROM VALUES (1) AS t(x) GROUP BY 5",
}
for name, q in SQLS.items():
    case("sql_" + name, "spark.sql(" + repr(q) + ")")


# ---------------------------------------------------------------------------

CLASS_RE = re.compile(r"\[([A-Z][A-Z0-9_]*(?:\.[A-Z][A-Z0-9_]*)*)\]")


def error_class(exc):
    for getter in ("getCondition", "getErrorClass"):
        f = getattr(exc, getter, None)
        if f is not None:
            try:
                c = f()
            except Exception:
                c = None
            if c:
                return c
    m = CLASS_RE.search(str(exc))
    if m:
        return m.group(1)
    return "PYTHON:" + type(exc).__name__


def sql_frame(spark, query):
    """A DataFrame over a SQL relation built without asking the server
    (spark.sql analyzes eagerly, so an erroneous query raises there)."""
    from pyspark.sql.connect import plan as P
    from pyspark.sql.connect.dataframe import DataFrame

    p = P.SQL(query)
    if hasattr(DataFrame, "withPlan"):  # pyspark 3.5
        return DataFrame.withPlan(p, session=spark)
    return DataFrame(p, spark)


def record(remote, only=None):
    spark = SparkSession.builder.remote(remote).create()
    spark.conf.set("spark.sql.session.timeZone", "UTC")
    env = dict(base_frames(spark))
    env.update(spark=spark, F=F, T=T, W=W, Decimal=Decimal, datetime=datetime)
    out = {}
    skipped = []
    for name, code in CASES:
        if only and not re.search(only, name):
            continue
        query = None
        if code.startswith("spark.sql("):
            query = eval(code[len("spark.sql(") : -1])
        try:
            df = eval(code, env)
        except Exception as exc:  # noqa: BLE001
            if query is None:
                skipped.append((name, f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}"))
                continue
            # spark.sql failed on the server: keep the SQL relation and the error.
            df = sql_frame(spark, query)
        entry = {"code": code}
        try:
            rel = df._plan.plan(spark.client)
        except Exception as exc:  # noqa: BLE001
            skipped.append((name, f"plan: {type(exc).__name__}: {str(exc).splitlines()[0][:120]}"))
            continue
        entry["plan_b64"] = base64.b64encode(rel.SerializeToString()).decode()
        try:
            entry["schema_json"] = df.schema.json()
        except Exception as exc:  # noqa: BLE001
            entry["error_class"] = error_class(exc)
        out[name] = entry
    spark.stop()
    return out, skipped


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--remote", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--only", help="regexp of case names to record (others are kept from --out)")
    args = ap.parse_args()
    out, skipped = record(args.remote, args.only)
    if args.only and os.path.exists(args.out):
        with open(args.out) as fh:
            old = json.load(fh)
        old.update(out)
        out = old
    with open(args.out, "w") as fh:
        json.dump(out, fh, indent=1, sort_keys=True)
        fh.write("\n")
    errors = sum(1 for e in out.values() if "error_class" in e)
    print(f"{args.out}: {len(out)} cases ({errors} errors), {len(skipped)} skipped", file=sys.stderr)
    for name, why in skipped:
        print(f"  skipped {name}: {why}", file=sys.stderr)


if __name__ == "__main__":
    main()
