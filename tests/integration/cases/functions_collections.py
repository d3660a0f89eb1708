"""Array, map and higher-order collection functions: editing arrays,
zipping, sequences, map building under spark.sql.mapKeyDedupPolicy,
array_sort with a comparator, map_zip_with, shuffle with a seed, stack,
posexplode over maps, aggregate with struct accumulators."""

from pyspark.sql import functions as F
from pyspark.sql.functions import col, lit

from harness import case


def _arrays(spark):
    return spark.createDataFrame(
        [(1, [2, 1, None, 3], 7), (2, [1], None), (3, [], 1), (4, None, 2)],
        "id int, a array<int>, x int")


@case()
def array_append_prepend(spark):
    df = _arrays(spark)
    return df.select("id", F.array_append("a", "x"), F.array_prepend("a", "x"),
                     F.array_append("a", lit(None).cast("int")).alias("null_elem")).orderBy("id")


@case()
def array_append_type_mismatch(spark):
    df = _arrays(spark)
    return df.select(F.array_append("a", lit("s")))


@case()
def array_compact_remove_size(spark):
    df = _arrays(spark)
    return df.select("id", F.array_compact("a"), F.array_remove("a", 1),
                     F.array_remove("a", lit(None).cast("int")).alias("remove_null"),
                     F.array_size("a")).orderBy("id")


@case()
def array_insert_positions(spark):
    df = spark.createDataFrame([(["a", "b", "c"],), (None,)], "data array<string>")
    return df.select(F.array_insert("data", 2, lit("d")).alias("p2"),
                     F.array_insert("data", -1, lit("e")).alias("m1"),
                     F.array_insert("data", -2, lit("d")).alias("m2"),
                     F.array_insert("data", 5, lit("e")).alias("p5"),
                     F.array_insert("data", -6, lit("e")).alias("m6"),
                     F.array_insert("data", 2, lit(None).cast("string")).alias("null_item"))


@case()
def array_insert_index_zero(spark):
    df = spark.createDataFrame([([1, 2],)], "data array<int>")
    return [lambda: df.select(F.array_insert("data", 0, lit(3))).collect()]


@case()
def array_repeat_counts(spark):
    df = spark.createDataFrame([("ab", 3), (None, 2), ("x", -1), ("y", None)], "s string, n int")
    return df.select("s", "n", F.array_repeat("s", col("n")).alias("r"),
                     F.array_repeat(lit([1, 2]), 2).alias("nested"))


@case()
def arrays_overlap_nulls(spark):
    df = spark.createDataFrame(
        [([1, 2], [2, 3]), ([1, None], [3]), ([1, None], [1]), ([1], []), (None, [1]), ([None], [None])],
        "x array<int>, y array<int>")
    return df.select("x", "y", F.arrays_overlap("x", "y"))


@case()
def arrays_zip_padding(spark):
    df = spark.createDataFrame([([1, 2, None], ["a", None, "c", "d"], [True])],
                               "nums array<int>, letters array<string>, flags array<boolean>")
    return df.select(F.arrays_zip("nums", "letters", "flags").alias("z"),
                     F.arrays_zip(col("nums"), lit(None).cast("array<int>")).alias("with_null"))


@case()
def flatten_levels(spark):
    df = spark.createDataFrame([([[1, 2], [3]],), ([None, [4, 5]],), ([[None], []],), (None,)],
                               "data array<array<int>>")
    return df.select("data", F.flatten("data"))


@case()
def sequence_steps(spark):
    df = spark.createDataFrame([(-2, 2, 1), (4, -4, -2), (5, 1, -1), (3, 3, 0), (1, None, 1)],
                               "start int, stop int, step int")
    return df.select("start", "stop", F.sequence("start", "stop").alias("default_step"),
                     F.sequence("start", "stop", "step").alias("by_step"))


@case()
def sequence_bigint(spark):
    return spark.sql("SELECT sequence(1L, 4L) AS a, sequence(CAST(3 AS TINYINT), CAST(1 AS TINYINT)) AS b")


@case()
def sequence_wrong_direction(spark):
    return [lambda: spark.sql("SELECT sequence(1, 5, -1)").collect()]


@case()
def sequence_wrong_types(spark):
    return spark.sql("SELECT sequence(1.5, 2)")


@case()
def array_sort_default_and_comparator(spark):
    df = spark.createDataFrame([([2, 1, None, 3],), ([1],), ([],), (None,)], "data array<int>")
    return df.select(F.array_sort("data").alias("asc"),
                     F.array_sort("data", lambda x, y: F.when(x.isNull() | y.isNull(), lit(0))
                                  .otherwise(y - x)).alias("desc"))


@case()
def array_sort_strings_by_length(spark):
    df = spark.createDataFrame([(["foo", "foobar", None, "bar"],), (["foo"],)], "data array<string>")
    return df.select(F.array_sort(
        "data",
        lambda x, y: F.when(x.isNull() | y.isNull(), lit(0)).otherwise(F.length(y) - F.length(x))
    ).alias("r"))


@case()
def array_sort_comparator_must_return_int(spark):
    return spark.sql("SELECT array_sort(array(1, 2), (x, y) -> 'a')")


@case()
def try_element_at_bounds(spark):
    df = spark.createDataFrame([(["a", "b", "c"], {"a": 1.0})], "data array<string>, m map<string,double>")
    return df.select(F.try_element_at("data", lit(1)).alias("first"),
                     F.try_element_at("data", lit(-1)).alias("last"),
                     F.try_element_at("data", lit(4)).alias("past"),
                     F.try_element_at("m", lit("a")).alias("hit"),
                     F.try_element_at("m", lit("c")).alias("miss"))


@case()
def try_element_at_zero(spark):
    df = spark.createDataFrame([(["a"],)], "data array<string>")
    return [lambda: df.select(F.try_element_at("data", lit(0))).collect()]


@case()
def map_contains_key_and_entries(spark):
    df = spark.sql("SELECT map(1, 'a', 2, 'b') AS m UNION ALL SELECT CAST(NULL AS MAP<INT, STRING>)")
    return df.select(F.map_contains_key("m", 1).alias("has1"),
                     F.map_contains_key("m", -1).alias("has_neg"),
                     F.sort_array(F.map_entries("m")).alias("entries"))


@case()
def map_from_arrays_basic(spark):
    df = spark.createDataFrame([([1, 2], ["a", None]), (None, ["x"])], "k array<int>, v array<string>")
    return df.select(F.map_from_arrays("k", "v"))


@case()
def map_from_arrays_length_mismatch(spark):
    return [lambda: spark.sql("SELECT map_from_arrays(array(1, 2), array('a'))").collect()]


@case()
def map_from_arrays_null_key(spark):
    return [lambda: spark.sql("SELECT map_from_arrays(array(1, NULL), array('a', 'b'))").collect()]


@case()
def map_from_entries_nulls(spark):
    return spark.sql("SELECT map_from_entries(array(struct(1, 'a'), struct(2, NULL))) AS a, "
                     "map_from_entries(array(struct(1, 'a'), NULL)) AS b, "
                     "map_from_entries(CAST(array() AS ARRAY<STRUCT<k: INT, v: STRING>>)) AS c")


@case()
def map_duplicate_key_is_an_error(spark):
    return [lambda: spark.sql("SELECT map(1, 'a', 1, 'b')").collect(),
            lambda: spark.sql("SELECT map_concat(map(1, 'a'), map(1, 'b'))").collect(),
            lambda: spark.sql("SELECT map_from_entries(array(struct(1, 'a'), struct(1, 'b')))").collect(),
            lambda: spark.sql("SELECT str_to_map('a:1,a:2')").collect()]


@case()
def map_null_key_is_an_error(spark):
    return [lambda: spark.sql("SELECT map(1, 'a', NULL, 'b')").collect()]


@case()
def map_duplicate_key_last_win(spark):
    spark.conf.set("spark.sql.mapKeyDedupPolicy", "LAST_WIN")
    return spark.sql("SELECT map(1, 'a', 2, 'c', 1, 'b') AS m, "
                     "map_keys(map(1, 'a', 1, 'b')) AS k, "
                     "map_concat(map(1, 'a', 2, 'b'), map(2, 'c', 3, 'd')) AS c, "
                     "map_from_arrays(array(1, 1), array('x', 'y')) AS fa, "
                     "str_to_map('a:1,b:2,a:3') AS s")


@case()
def map_concat_cases(spark):
    df = spark.sql("SELECT map(1, 'a', 2, 'b') AS m1, map(3, 'c') AS m2, map() AS m3, "
                   "map(4, NULL) AS m4, CAST(NULL AS MAP<INT, STRING>) AS m5")
    return df.select(F.map_concat("m1", "m2").alias("two"), F.map_concat("m1", "m3").alias("empty"),
                     F.map_concat("m1", "m4").alias("null_value"), F.map_concat("m1", "m5").alias("null_map"))


@case()
def map_concat_not_a_map(spark):
    return spark.sql("SELECT map_concat(map(1, 'a'), 1)")


@case()
def str_to_map_delimiters(spark):
    df = spark.createDataFrame([("a:1,b:2,c:3", ","), ("d=4;e=5", ";"), ("x", ","), ("", ","), (None, ",")],
                               "e string, d string")
    return df.select("e", F.str_to_map("e").alias("default"),
                     F.str_to_map("e", col("d"), F.when(col("d") == ";", lit("=")).otherwise(lit(":")))
                     .alias("per_row"))


@case()
def map_zip_with_keys(spark):
    df = spark.createDataFrame([({"A": 1, "B": 2}, {"B": 3, "C": 4})], "m1 map<string,int>, m2 map<string,int>")
    return df.select(F.map_zip_with("m1", "m2", lambda k, v1, v2: F.coalesce(v1, lit(0)) + F.coalesce(v2, lit(0)))
                     .alias("sum"),
                     F.map_zip_with("m1", "m2", lambda k, v1, v2: F.concat(k, v2.isNull().cast("string")))
                     .alias("k"))


@case()
def map_zip_with_key_types(spark):
    return spark.sql("SELECT map_zip_with(map(1, 'a'), map('a', 1), (k, a, b) -> a)")


@case()
def map_zip_with_key_widening(spark):
    # Numeric keys of different types are widened in either ANSI mode.
    out = []
    for ansi in ("true", "false"):
        spark.conf.set("spark.sql.ansi.enabled", ansi)
        out.append(spark.sql("SELECT map_zip_with(map(1, 'a'), map(2L, 'b'), (k, a, b) -> concat(a, b)) AS l, "
                             "map_zip_with(map(1, 'a'), map(1.5, 'b'), (k, a, b) -> b) AS d"))
    return out


@case()
def map_zip_with_string_key_coercion(spark):
    # Outside ANSI mode a string key type absorbs the other atomic type;
    # in ANSI mode (and for BOOLEAN keys always) it is a type error that
    # shows the lambda before binding, with its variables' own names.
    q_date = "SELECT map_zip_with(map(date'2020-01-01', 1), map('2020-01-01', 2), (k, x, y) -> x + y)"
    q_int = "SELECT map_zip_with(map('1', 'a'), map(1, 'b'), (k, v1, v2) -> k)"
    q_bool = "SELECT map_zip_with(map(1, 'a'), map(true, 'b'), (k, a, b) -> upper(a))"
    out = []
    for ansi in ("false", "true"):
        spark.conf.set("spark.sql.ansi.enabled", ansi)
        out += [lambda q=q: spark.sql(q).collect() for q in (q_date, q_int, q_bool)]
        out.append(lambda q=q_date: spark.sql(q).schema)
    return out


@case()
def shuffle_with_seed(spark):
    df = spark.sql("SELECT ARRAY(1, 20, 3, 5) AS a, ARRAY(1, 20, NULL, 5) AS b, "
                   "ARRAY(1, 2, 2, 3, 3, 3) AS c, CAST(NULL AS ARRAY<INT>) AS d")
    return df.select(F.shuffle("a", lit(123)), F.shuffle("b", 234), F.shuffle("c", 345), F.shuffle("d", 1))


@case()
def shuffle_seed_must_be_literal(spark):
    return spark.sql("SELECT shuffle(array(1, 2, 3), 'a')")


@case()
def stack_rows(spark):
    df = spark.createDataFrame([(1, 2, 3)], "a int, b int, c int")
    return [df.select("*", F.stack(lit(2), df.a, df.b, "c")),
            df.select("*", F.stack(lit(2), df.a, df.b, "c").alias("x", "y")),
            df.select(F.stack(lit(4), df.a, df.b, "c")),
            spark.sql("SELECT stack(2, 1, NULL, 3)")]


@case()
def stack_column_types_differ(spark):
    return spark.sql("SELECT stack(2, 1, 'a')")


@case()
def stack_n_out_of_range(spark):
    return spark.sql("SELECT stack(0, 1)")


@case()
def posexplode_map(spark):
    df = spark.sql("SELECT * FROM VALUES (1, MAP(1, 2, 3, 4, 5, NULL)), (2, MAP()), (3, NULL) AS t(i, m)")
    return [df.select("i", F.posexplode("m")), df.select("i", F.posexplode_outer("m"))]


@case()
def aggregate_struct_accumulator(spark):
    df = spark.createDataFrame([(1, [20.0, 4.0, 2.0, 6.0, 10.0]), (2, [1.0]), (3, None)], "id int, values array<double>")

    def merge(acc, x):
        return F.struct((acc["count"] + 1).alias("count"), (acc["sum"] + x).alias("sum"))

    return df.select("id", F.aggregate("values", F.struct(lit(0).alias("count"), lit(0.0).alias("sum")),
                                       merge, lambda acc: acc["sum"] / acc["count"]).alias("mean"),
                     F.reduce("values", lit(0.0), lambda acc, x: acc + x).alias("sum")).orderBy("id")


@case()
def aggregate_struct_accumulator_sql(spark):
    return spark.sql("SELECT aggregate(array(20.0D, 4.0D, 2.0D), named_struct('count', 0, 'sum', 0.0D), "
                     "(acc, x) -> named_struct('count', acc.count + 1, 'sum', acc.sum + x), "
                     "acc -> acc.sum / acc.count) AS mean")


@case()
def struct_field_names_from_aliases(spark):
    df = spark.createDataFrame([(1,)], "id long")
    return df.select(F.struct(lit(0).alias("count"), df.id.alias("x"), df.id, lit(1)))


@case()
def reverse_binary(spark):
    df = spark.createDataFrame([(bytearray(b"\xCA\xFE"),), (bytearray(b""),), (None,)], "data: binary")
    return df.select(F.hex(F.reverse("data")))


@case()
def sum_distinct_values(spark):
    df = spark.createDataFrame([(1,), (1,), (2,), (None,)], "n int")
    return df.select(F.sum_distinct("n"), F.expr("avg(DISTINCT n)"), F.expr("sum(n)"))
