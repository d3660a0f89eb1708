"""Scalar functions: conditionals, casts, strings, math, dates."""

import datetime as dt

from pyspark.sql import functions as F
from pyspark.sql.functions import col, expr, lit

from harness import case


def _people(spark, fx):
    return spark.read.parquet(fx["people"])


# --- conditionals / null handling -------------------------------------------------

@case()
def when_otherwise(spark, fx):
    df = _people(spark, fx)
    return df.select("id", "age",
                     F.when(df.age < 30, "young").when(df.age < 45, "mid")
                     .otherwise("senior").alias("band"),
                     F.when(df.active, 1).alias("no_otherwise")).orderBy("id")


@case()
def coalesce_and_nvl(spark, fx):
    df = _people(spark, fx)
    return df.select("id", F.coalesce("name", "dept", lit("?")).alias("c"),
                     F.expr("nvl(age, -1)").alias("nvl"),
                     F.expr("ifnull(dept, 'none')").alias("ifn"),
                     F.expr("nullif(dept, 'eng')").alias("nullif")).orderBy("id")


@case()
def null_predicates(spark):
    df = spark.createDataFrame([(1.0,), (float("nan"),), (None,)], "v double")
    return df.select("v", F.isnull("v"), F.isnan("v"), col("v").isNotNull().alias("nn"),
                     F.nanvl("v", lit(0.0)).alias("nanvl"))


@case()
def greatest_least(spark):
    df = spark.createDataFrame([(1, 5, None), (7, 2, 3)], "a int, b int, c int")
    return df.select(F.greatest("a", "b", "c"), F.least("a", "b", "c"))


# --- casts --------------------------------------------------------------------------------

@case()
def cast_basic(spark):
    df = spark.createDataFrame([("12", 3.7, 1, True, "2024-02-29")],
                               "s string, d double, i int, b boolean, ds string")
    return df.select(col("s").cast("int"), col("d").cast("int").alias("d_int"),
                     col("d").cast("string"), col("i").cast("boolean"),
                     col("b").cast("int").alias("b_int"), col("ds").cast("date"),
                     col("ds").cast("timestamp").alias("ts"), col("i").cast("decimal(5,2)"),
                     col("d").cast("float"), col("s").cast("double"))


@case()
def cast_numbers_to_string(spark):
    df = spark.createDataFrame([(1.0, 1e20, 0.00001, 123456789.0, -0.0)],
                               "a double, b double, c double, d double, e double")
    return df.select(*[col(c).cast("string").alias(c) for c in df.columns])


@case()
def cast_invalid_non_ansi(spark):
    spark.conf.set("spark.sql.ansi.enabled", "false")
    return spark.sql("SELECT CAST('abc' AS INT) AS a, CAST('1.5' AS INT) AS b, "
                     "CAST('2024-13-01' AS DATE) AS c, CAST(300 AS TINYINT) AS d")


@case()
def try_cast_sql(spark):
    return spark.sql("SELECT try_cast('abc' AS INT) AS a, try_cast('42' AS INT) AS b, "
                     "try_cast('2024-02-30' AS DATE) AS c")


@case()
def try_cast_column(spark):
    df = spark.createDataFrame([("1",), ("x",)], "s string")
    return df.select(expr("try_cast(s AS int)").alias("i"))


@case(versions=("4",))
def try_cast_column_method(spark):
    df = spark.createDataFrame([("1",), ("x",)], "s string")
    return df.select(col("s").try_cast("int").alias("i"))


@case()
def cast_timestamp_to_numbers(spark):
    df = spark.sql("SELECT TIMESTAMP'2024-01-02 03:04:05.5' AS ts")
    return df.select(col("ts").cast("long").alias("l"), col("ts").cast("double").alias("d"),
                     col("ts").cast("date").alias("dt"), col("ts").cast("string").alias("s"))


# --- strings --------------------------------------------------------------------------------

@case()
def string_basic(spark, fx):
    df = _people(spark, fx)
    return df.select("name", F.upper("name"), F.lower("name"), F.length("name"),
                     F.concat("name", lit("-"), "dept").alias("cat"),
                     F.concat_ws("/", "name", "dept").alias("cat_ws"),
                     F.substring("name", 2, 3).alias("sub"),
                     F.expr("substring(name, -2)").alias("sub_neg"),
                     F.reverse("name"), F.initcap(F.lower("name")).alias("initcap")).orderBy("id")


@case()
def string_trim_pad(spark):
    df = spark.createDataFrame([("  hi  ",), ("x",), (None,)], "s string")
    return df.select(F.trim("s").alias("t"), F.ltrim("s").alias("l"), F.rtrim("s").alias("r"),
                     F.lpad("s", 5, "*").alias("lp"), F.rpad("s", 8, "-").alias("rp"),
                     F.repeat("s", 2).alias("rep"))


@case()
def string_split(spark):
    df = spark.createDataFrame([("a,b,,c",), ("",), (None,)], "s string")
    return df.select(F.split("s", ",").alias("all"), F.split("s", ",", 2).alias("lim2"),
                     F.split("s", "[,b]").alias("regex"), F.size(F.split("s", ",")).alias("n"))


@case()
def string_regexp(spark):
    df = spark.createDataFrame([("order-123-abc",), ("none",), (None,)], "s string")
    return df.select(F.regexp_extract("s", r"(\w+)-(\d+)", 2).alias("num"),
                     F.regexp_extract("s", r"(\d+)", 0).alias("grp0"),
                     F.regexp_replace("s", r"\d", "#").alias("masked"),
                     F.regexp_replace("s", r"(\w+)-(\d+)", "$2:$1").alias("backref"),
                     col("s").rlike(r"^\w+-\d+").alias("rlike"))


@case()
def string_like(spark):
    df = spark.createDataFrame([("apple",), ("Apricot",), ("banana",), ("a_b",), (None,)],
                               "s string")
    return df.select("s", col("s").like("a%").alias("a_pct"), col("s").like("%an%").alias("an"),
                     col("s").like("a\\_b").alias("esc"), col("s").ilike("a%").alias("ilike"),
                     col("s").startswith("ap").alias("sw"), col("s").endswith("na").alias("ew"),
                     col("s").contains("pp").alias("ct"))


@case()
def string_search(spark):
    df = spark.createDataFrame([("hello world",)], "s string")
    return df.select(F.instr("s", "o"), F.locate("o", "s", 6), F.translate("s", "lo", "01"),
                     F.format_string("%s has %d chars", "s", F.length("s")).alias("fmt"),
                     F.expr("left(s, 3)").alias("l3"), F.expr("right(s, 3)").alias("r3"),
                     F.expr("replace(s, 'l', 'L')").alias("rep"))


@case()
def string_unicode(spark):
    df = spark.createDataFrame([("ünïcødé",), ("日本語",), ("😀x",)], "s string")
    return df.select("s", F.length("s"), F.upper("s"), F.substring("s", 2, 2).alias("sub"),
                     F.reverse("s"), F.expr("octet_length(s)").alias("bytes"))


@case()
def string_misc(spark):
    df = spark.createDataFrame([("Spark",)], "s string")
    return df.select(F.ascii("s"), F.base64(F.col("s").cast("binary")).alias("b64"),
                     F.md5("s"), F.sha1("s"), F.sha2("s", 256), F.crc32(col("s").cast("binary")),
                     F.hex("s"), F.soundex("s"), F.levenshtein("s", lit("spank")))


# --- math --------------------------------------------------------------------------------------

@case()
def round_half_up(spark):
    df = spark.createDataFrame([(2.5,), (-2.5,), (0.5,), (1.5,), (-0.5,), (1.25,), (1.35,),
                                (None,)], "v double")
    return df.select("v", F.round("v").alias("r0"), F.round("v", 1).alias("r1"),
                     F.bround("v").alias("b0"), F.bround("v", 1).alias("b1"))


@case()
def round_decimal_and_int(spark):
    df = spark.sql("SELECT CAST(2.5 AS DECIMAL(3,1)) AS d, CAST(-2.5 AS DECIMAL(3,1)) AS n, "
                   "1234 AS i, CAST(1.005 AS DECIMAL(6,3)) AS d3")
    return df.select(F.round("d"), F.round("n"), F.round("i", -2), F.round("d3", 2),
                     F.bround("d"), F.round("i"))


@case()
def floor_ceil(spark):
    df = spark.createDataFrame([(2.5,), (-2.5,), (3.0,)], "v double")
    return df.select("v", F.floor("v"), F.ceil("v"), F.expr("ceiling(v)").alias("ceiling"))


@case()
def floor_ceil_types(spark):
    df = spark.sql("SELECT CAST(-1.5 AS DECIMAL(4,1)) AS d, 7 AS i")
    out = df.select(F.floor("d"), F.ceil("d"), F.floor("i"), F.ceil("i"))
    return [out.schema, out]


@case(float_tol=1e-15)
def math_functions(spark):
    df = spark.createDataFrame([(4.0,), (1.0,), (0.5,)], "v double")
    return df.select("v", F.pow("v", 2).alias("pow"), F.sqrt("v"), F.log("v"),
                     F.log10("v"), F.log2("v"), F.log(2.0, "v").alias("log_base2"),
                     F.exp("v"), F.cbrt("v"), F.signum("v"), F.abs(-col("v")).alias("abs"))


@case()
def math_edge_cases(spark):
    spark.conf.set("spark.sql.ansi.enabled", "false")
    df = spark.createDataFrame([(0.0,), (-1.0,), (None,)], "v double")
    return df.select("v", F.log("v"), F.sqrt("v"), (lit(1.0) / col("v")).alias("inv"),
                     (lit(1) / col("v").cast("int")).alias("int_div0"))


@case()
def integer_arithmetic(spark):
    df = spark.createDataFrame([(7, 2), (-7, 2), (7, -2)], "a int, b int")
    return df.select("a", "b", (col("a") / col("b")).alias("div"), (col("a") % col("b")).alias("mod"),
                     F.pmod("a", "b"), F.expr("a div b").alias("intdiv"),
                     (col("a") * col("b")).alias("mul"), (-col("a")).alias("neg"))


@case()
def decimal_arithmetic_types(spark):
    df = spark.sql("SELECT CAST(10.25 AS DECIMAL(5,2)) AS a, CAST(3.1 AS DECIMAL(3,1)) AS b")
    out = df.select((col("a") + col("b")).alias("add"), (col("a") - col("b")).alias("sub"),
                    (col("a") * col("b")).alias("mul"), (col("a") / col("b")).alias("div"),
                    (col("a") % col("b")).alias("mod"))
    return [out.schema, out]


@case()
def abs_and_negative(spark):
    df = spark.createDataFrame([(-3, -2.5), (0, 0.0), (None, None)], "i int, d double")
    return df.select(F.abs("i"), F.abs("d"), F.negative("i"), F.positive("d"))


@case()
def bitwise_and_shift(spark):
    df = spark.createDataFrame([(12, 10)], "a int, b int")
    return df.select(col("a").bitwiseAND(col("b")).alias("and"),
                     col("a").bitwiseOR(col("b")).alias("or"),
                     col("a").bitwiseXOR(col("b")).alias("xor"),
                     F.shiftleft("a", 2).alias("shl"), F.shiftright("a", 1).alias("shr"))


# --- dates and timestamps ---------------------------------------------------------------------

def _dates(spark):
    return spark.createDataFrame(
        [(dt.date(2024, 2, 29), dt.datetime(2024, 2, 29, 13, 45, 30, 123456), "2024-03-15",
          "15/03/2024 08:09:10"),
         (dt.date(1999, 12, 31), dt.datetime(1999, 12, 31, 23, 59, 59), "1999-01-01",
          "01/01/1999 00:00:00"),
         (None, None, None, None)],
        "d date, ts timestamp, s string, fs string")


@case()
def to_date_and_timestamp(spark):
    df = _dates(spark)
    return df.select(F.to_date("s").alias("d1"), F.to_date("fs", "dd/MM/yyyy HH:mm:ss").alias("d2"),
                     F.to_timestamp("fs", "dd/MM/yyyy HH:mm:ss").alias("ts"),
                     F.to_timestamp("s").alias("ts2"))


@case()
def date_arithmetic(spark):
    df = _dates(spark)
    return df.select("d", F.date_add("d", 1).alias("plus1"), F.date_sub("d", 30).alias("minus30"),
                     F.datediff(F.to_date("s"), "d").alias("diff"),
                     F.add_months("d", 1).alias("add_m"), F.last_day("d").alias("last"),
                     F.months_between(F.to_date("s"), "d").alias("mb"),
                     F.next_day("d", "Mon").alias("next_mon"))


@case()
def date_parts(spark):
    df = _dates(spark)
    return df.select(F.year("ts"), F.quarter("ts"), F.month("ts"), F.dayofmonth("ts"),
                     F.dayofweek("ts"), F.dayofyear("ts"), F.weekofyear("ts"), F.hour("ts"),
                     F.minute("ts"), F.second("ts"))


@case()
def date_format_patterns(spark):
    df = _dates(spark)
    return df.select(F.date_format("ts", "yyyy-MM-dd HH:mm:ss").alias("iso"),
                     F.date_format("ts", "dd/MM/yy").alias("short"),
                     F.date_format("ts", "EEE, MMM d yyyy").alias("text"),
                     F.date_format("ts", "EEEE MMMM").alias("long_names"),
                     F.date_format("ts", "hh:mm a").alias("ampm"),
                     F.date_format("ts", "yyyy-MM-dd'T'HH:mm:ss.SSS").alias("millis"),
                     F.date_format("d", "D").alias("day_of_year"))


@case()
def date_trunc_functions(spark):
    df = _dates(spark)
    return df.select(F.date_trunc("month", "ts").alias("m"), F.date_trunc("hour", "ts").alias("h"),
                     F.trunc("d", "year").alias("y"), F.trunc("d", "MM").alias("mm"),
                     F.date_trunc("week", "ts").alias("w"))


@case()
def unix_time_functions(spark):
    df = _dates(spark)
    return df.select(F.unix_timestamp("ts").alias("u"),
                     F.unix_timestamp("fs", "dd/MM/yyyy HH:mm:ss").alias("u2"),
                     F.from_unixtime(F.lit(86400 * 365)).alias("fu"),
                     F.from_unixtime(F.lit(0), "yyyy-MM-dd").alias("fu2"),
                     F.expr("timestamp_seconds(1700000000)").alias("tsec"))


@case()
def timestamp_arithmetic_sql(spark):
    return spark.sql(
        "SELECT TIMESTAMP'2024-02-29 12:00:00' + INTERVAL '1' DAY AS a, "
        "DATE'2024-01-31' + INTERVAL '1' MONTH AS b, "
        "TIMESTAMP'2024-03-01 00:00:00' - TIMESTAMP'2024-02-28 12:00:00' AS c, "
        "DATE'2024-03-01' - DATE'2024-02-01' AS d")


@case()
def make_date_and_timestamp(spark):
    return spark.sql("SELECT make_date(2024, 2, 29) AS d, "
                     "make_timestamp(2024, 2, 29, 1, 2, 3.5) AS ts, "
                     "to_utc_timestamp(TIMESTAMP'2024-06-01 12:00:00', 'America/New_York') AS u, "
                     "from_utc_timestamp(TIMESTAMP'2024-06-01 12:00:00', 'Asia/Tokyo') AS f")


# --- collections ------------------------------------------------------------------------------

@case()
def array_functions(spark):
    df = spark.createDataFrame([([3, 1, 2, 1], [2, 5]), ([], None)], "a array<int>, b array<int>")
    return df.select(F.size("a"), F.sort_array("a"), F.sort_array("a", asc=False).alias("desc"),
                     F.array_contains("a", 1).alias("has1"), F.array_distinct("a"),
                     F.array_max("a"), F.array_min("a"),
                     F.array_union("a", "b"), F.array_intersect("a", "b"),
                     F.array_except("a", "b"), F.array_join(col("a").cast("array<string>"), "|"),
                     F.slice("a", 2, 2).alias("sl"), F.array_position("a", 1).alias("pos"))


@case()
def element_at_and_index(spark):
    df = spark.createDataFrame([([3, 1, 2], {"k": 1})], "a array<int>, m map<string,int>")
    return df.select(F.element_at("a", 1).alias("first"), F.element_at("a", -1).alias("last"),
                     col("a")[0].alias("idx0"), F.element_at("m", "k").alias("mk"),
                     col("m")["k"].alias("mk2"), col("m")["nope"].alias("missing_key"))


@case()
def map_and_struct_functions(spark):
    df = spark.createDataFrame([(1, "a"), (2, "b")], "k int, v string")
    return df.select(F.create_map("v", "k").alias("m"), F.struct("k", "v").alias("s"),
                     F.array("k", lit(9)).alias("arr"),
                     F.map_keys(F.create_map("v", "k")).alias("mk"),
                     F.to_json(F.struct("k", "v")).alias("json"))


@case()
def json_functions(spark):
    df = spark.createDataFrame([('{"a": 1, "b": [1, 2], "c": {"d": "x"}}',), ("not json",)],
                               "j string")
    return df.select(F.get_json_object("j", "$.c.d").alias("cd"),
                     F.json_tuple("j", "a", "b"),
                     F.from_json("j", "a int, b array<int>").alias("parsed"))


@case()
def higher_order_functions(spark):
    df = spark.createDataFrame([([1, 2, 3],)], "xs array<int>")
    return df.select(F.transform("xs", lambda x: x * 10).alias("t"),
                     F.filter("xs", lambda x: x % 2 == 1).alias("f"),
                     F.aggregate("xs", lit(0), lambda acc, x: acc + x).alias("sum"),
                     F.exists("xs", lambda x: x > 2).alias("ex"),
                     F.expr("transform(xs, (x, i) -> x + i)").alias("ti"))
