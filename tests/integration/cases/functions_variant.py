"""VARIANT type and functions (Spark 4.x only): parse_json/try_parse_json
(byte-exact encoding), to_json, variant_get/try_variant_get with paths and
casts, is_variant_null, is_valid_variant, schema_of_variant(_agg),
to_variant_object, casts to and from VARIANT."""

from pyspark.sql import functions as F
from pyspark.sql.functions import col, lit

from harness import case

DOCS = [
    '{"a":1}', '1', '-129', '40000', '3000000000', '12345678901234567890', 'null', 'true', 'false',
    '"hi"', '"' + 'x' * 70 + '"', '1.50', '-0.001', '1e2', '1.5E-3', '123456789012345678901234567890.5',
    '0.1234567890123456789012345678901234567891', '[]', '{}', '[1,"a",null,[true]]',
    '{"b":{"c":1,"a":[2,3]},"a":2,"aa":"x"}', ' { "k" : "v" , "z" : 1 } ', '"\\u00e9\\n\\t"',
]


def _bytes(df):
    return [(r[0].value.hex(), r[0].metadata.hex()) if r[0] is not None else None for r in df.collect()]


@case(versions=("4",))
def parse_json_encoding(spark):
    df = spark.createDataFrame([(i, d) for i, d in enumerate(DOCS)], "id int, j string")
    v = df.select(F.parse_json("j").alias("v")).orderBy(df.id)
    return [lambda: _bytes(df.orderBy("id").select(F.parse_json("j")))]


@case(versions=("4",))
def parse_json_to_json_and_schema(spark):
    df = spark.createDataFrame([(i, d) for i, d in enumerate(DOCS)], "id int, j string")
    return df.select("id", F.to_json(F.parse_json("j")).alias("json"),
                     F.schema_of_variant(F.parse_json("j")).alias("schema")).orderBy("id")


@case(versions=("4",))
def parse_json_column_show(spark):
    df = spark.createDataFrame([(1, '{"name": "Alice", "n": [1, 2.5]}'), (2, None), (3, '"s"')], "k int, j string")
    return df.select("k", F.parse_json("j").alias("v")).orderBy("k")


@case(versions=("4",))
def try_parse_json_malformed(spark):
    df = spark.createDataFrame([("{ \"a\" : 1 }",), ("{a : 1}",), ("[1,",), ("",), (None,)], "j string")
    return df.select(F.to_json(F.try_parse_json("j")).alias("r"))


@case(versions=("4",))
def parse_json_malformed_error(spark):
    return [lambda: spark.sql("SELECT parse_json('{a : 1}')").collect()]


@case(versions=("4",))
def parse_json_duplicate_key_error(spark):
    return [lambda: spark.sql("""SELECT parse_json('{"a":1,"a":2}')""").collect(),
            lambda: spark.sql("""SELECT try_parse_json('{"a":1,"a":2}')""").collect()]


@case(versions=("4",))
def variant_get_paths(spark):
    j = '{"a":1,"b":"two","c":[10,{"d":2.5}],"e":null,"f g":true,"h":{"i":{"j":"deep"}}}'
    df = spark.createDataFrame([(j,)], "j string").select(F.parse_json("j").alias("v"))
    return df.select(
        F.variant_get("v", "$.a", "int").alias("a"),
        F.variant_get("v", "$['b']", "string").alias("b"),
        F.variant_get("v", '$["c"][0]', "long").alias("c0"),
        F.variant_get("v", "$.c[1].d", "double").alias("cd"),
        F.variant_get("v", "$.c[5]", "int").alias("missing_idx"),
        F.variant_get("v", "$.zz", "int").alias("missing_key"),
        F.variant_get("v", "$.e", "int").alias("vnull"),
        F.variant_get("v", "$['f g']", "boolean").alias("fg"),
        F.variant_get("v", "$.h.i.j", "string").alias("deep"),
        F.variant_get("v", "$.a.x", "int").alias("into_scalar"),
        F.variant_get("v", "$[0]", "int").alias("index_object"),
        F.variant_get("v", "$.c", "string").alias("arr_as_string"),
        F.variant_get("v", "$.h", "variant").alias("sub"),
        F.variant_get("v", "$", "string").alias("whole"))


@case(versions=("4",))
def variant_get_sub_variant_bytes(spark):
    j = '{"x":{"b":1,"a":[true,"s"]},"y":2}'
    df = spark.createDataFrame([(j,)], "j string").select(F.parse_json("j").alias("v"))
    return [lambda: _bytes(df.select(F.variant_get("v", "$.x", "variant"))),
            lambda: _bytes(df.select(F.variant_get("v", "$.x.a[1]", "variant")))]


@case(versions=("4",))
def variant_get_casts(spark):
    j = ('{"i":42,"big":3000000000,"d":1.25,"s":"17","sd":"2.5","f":1.9e0,"t":true,"st":"true",'
         '"date":"2024-02-29","ts":"2024-01-02 03:04:05.5","neg":-7.5,"str":"abc"}')
    df = spark.createDataFrame([(j,)], "j string").select(F.parse_json("j").alias("v"))
    g = lambda p, t: F.try_variant_get("v", p, t)
    return df.select(
        g("$.i", "tinyint").alias("i_byte"), g("$.big", "int").alias("big_int"), g("$.big", "bigint").alias("big_long"),
        g("$.i", "string").alias("i_str"), g("$.i", "double").alias("i_dbl"), g("$.i", "decimal(5,1)").alias("i_dec"),
        g("$.i", "boolean").alias("i_bool"), g("$.d", "int").alias("d_int"), g("$.d", "string").alias("d_str"),
        g("$.d", "decimal(3,1)").alias("d_dec"), g("$.d", "double").alias("d_dbl"), g("$.s", "int").alias("s_int"),
        g("$.sd", "int").alias("sd_int"), g("$.sd", "double").alias("sd_dbl"), g("$.sd", "decimal(4,2)").alias("sd_dec"),
        g("$.f", "int").alias("f_int"), g("$.f", "string").alias("f_str"), g("$.t", "int").alias("t_int"),
        g("$.t", "string").alias("t_str"), g("$.st", "boolean").alias("st_bool"), g("$.date", "date").alias("date"),
        g("$.ts", "timestamp").alias("ts"), g("$.ts", "timestamp_ntz").alias("ts_ntz"), g("$.neg", "bigint").alias("neg"),
        g("$.str", "int").alias("str_int"), g("$.str", "binary").alias("str_bin"), g("$.i", "binary").alias("i_bin"),
        g("$.i", "date").alias("i_date"), g("$.d", "float").alias("d_float"))


@case(versions=("4",))
def variant_get_cast_error(spark):
    df = spark.createDataFrame([('{"a":"x","b":{"c":1}}',)], "j string").select(F.parse_json("j").alias("v"))
    return [lambda: df.select(F.variant_get("v", "$.a", "int")).collect(),
            lambda: df.select(F.variant_get("v", "$.b", "int")).collect(),
            lambda: df.select(F.try_variant_get("v", "$.b", "int")).collect()]


@case(versions=("4",))
def variant_get_invalid_path(spark):
    df = spark.createDataFrame([('{"a":1}',)], "j string").select(F.parse_json("j").alias("v"))
    return [lambda: df.select(F.variant_get("v", "a", "int")).collect(),
            lambda: df.select(F.try_variant_get("v", "$.", "int")).collect()]


@case(versions=("4",))
def variant_get_column_path(spark):
    df = spark.createDataFrame([('{"a":1,"b":[5,6]}', "$.a"), ('{"a":2}', "$.b"), ('[7,8]', "$[1]"), ('{"b":[5,6]}', "$.b[0]")],
                               "j string, p string")
    return df.select("p", F.variant_get(F.parse_json("j"), col("p"), "int").alias("r"))


@case(versions=("4",))
def variant_null_and_valid(spark):
    df = spark.createDataFrame([("null",), ('{"a":null}',), ("1",), (None,)], "j string")
    v = F.parse_json("j")
    return df.select("j", F.is_variant_null(v).alias("isnull"),
                     F.is_variant_null(F.variant_get(v, "$.a", "variant")).alias("a_isnull"),
                     F.is_valid_variant(v).alias("valid"))


@case(versions=("4",))
def schema_of_variant_types(spark):
    docs = ['[1, 2.5]', '[1, 1e0]', '[1.5, 2e0]', '[1, "a"]', '[{"a":1},{"b":"x"},{"a":2.25}]', '[[1],[null],[]]',
            '0.01', '100.0', '-1.230', '[null]', '{"a b":1,"`q":2}', '[12345678901234567890123456789.5, 1.123456789]']
    df = spark.createDataFrame([(i, d) for i, d in enumerate(docs)], "id int, j string")
    return df.select("id", F.schema_of_variant(F.parse_json("j")).alias("s")).orderBy("id")


@case(versions=("4",))
def schema_of_variant_agg_grouped(spark):
    df = spark.createDataFrame([(1, '{"a":1}'), (1, '{"b":"x","a":2.5}'), (2, '[1]'), (2, 'null'), (3, None),
                                (4, '1'), (4, '"s"')], "g int, j string")
    return df.groupBy("g").agg(F.schema_of_variant_agg(F.parse_json("j")).alias("s")).orderBy("g")


@case(versions=("4",))
def to_variant_object_nested(spark):
    from pyspark.sql.types import ArrayType, StructType, StructField, StringType, MapType
    schema = StructType([StructField("i", StringType(), True), StructField("v", ArrayType(StructType([
        StructField("a", MapType(StringType(), StringType()), True)]), True))])
    df = spark.createDataFrame([("1", [{"a": {"b": "2"}}])], schema)
    return df.select(F.to_variant_object(df.v))


@case(versions=("4",))
def to_variant_object_types(spark):
    df = spark.sql("SELECT named_struct('z', 1, 'a', 'x', 'n', CAST(NULL AS INT), 'd', 1.50BD, 'dbl', 2.5D, "
                   "'f', 1.1F, 'b', true, 'dt', DATE'2024-01-02', 'ts', TIMESTAMP_NTZ'2024-01-02 03:04:05.123', "
                   "'bin', X'0102', 'arr', array(1, 2), 'm', map('k', 1L)) s")
    v = F.to_variant_object("s")
    return [lambda: df.select(F.to_json(v).alias("j"), F.schema_of_variant(v).alias("schema")).collect(),
            lambda: _bytes(df.select(v))]


@case(versions=("4",))
def cast_to_and_from_variant(spark):
    return spark.sql(
        "SELECT CAST(parse_json('12') AS INT) a, CAST(parse_json('\"x\"') AS STRING) b, "
        "CAST(parse_json('{\"k\":1}') AS STRING) c, CAST(1.5 AS VARIANT) d, CAST('s' AS VARIANT) e, "
        "CAST(array(1, 2) AS VARIANT) f, TRY_CAST(parse_json('\"x\"') AS INT) g, "
        "schema_of_variant(CAST(3Y AS VARIANT)) h, schema_of_variant(CAST(DATE'2024-01-01' AS VARIANT)) i, "
        "CAST(parse_json('1.25') AS DECIMAL(4,1)) j, CAST(parse_json('null') AS INT) k")


@case(versions=("4",))
def cast_variant_error(spark):
    return [lambda: spark.sql("SELECT CAST(parse_json('\"x\"') AS INT)").collect(),
            lambda: spark.sql("SELECT CAST(named_struct('a', 1) AS VARIANT)").collect()]


@case(versions=("4",))
def variant_in_ddl(spark):
    df = spark.sql("SELECT parse_json('{\"a\":1}') v, CAST(NULL AS VARIANT) n")
    return [df.schema, df.selectExpr("typeof(v)", "typeof(n)").collect(), df.select(F.to_json("v")).collect()]


@case(versions=("4",))
def variant_get_nested_types(spark):
    j = '{"a":[1,2,null],"b":{"x":"1","y":2.5,"z":null},"c":{"k":[1],"j":null},"d":[1,"x"],"e":5,"f":[]}'
    df = spark.createDataFrame([(j,)], "j string").select(F.parse_json("j").alias("v"))
    return df.select(
        F.variant_get("v", "$.a", "array<int>").alias("a"),
        F.variant_get("v", "$.b", "struct<x:int,y:double,w:string>").alias("b"),
        F.variant_get("v", "$.c", "map<string,array<bigint>>").alias("c"),
        F.try_variant_get("v", "$.d", "array<int>").alias("d"),
        F.try_variant_get("v", "$.e", "array<int>").alias("e"),
        F.variant_get("v", "$.f", "array<string>").alias("f"),
        F.variant_get("v", "$.b", "map<string,string>").alias("b_map"))


@case(versions=("4",))
def variant_get_nested_errors(spark):
    df = spark.createDataFrame([('{"d":[1,"x"],"e":5}',)], "j string").select(F.parse_json("j").alias("v"))
    return [lambda: df.select(F.variant_get("v", "$.d", "array<int>")).collect(),
            lambda: df.select(F.variant_get("v", "$.e", "struct<a:int>")).collect()]


@case(versions=("4",))
def variant_inside_struct_and_array(spark):
    df = spark.sql("SELECT named_struct('v', parse_json('{\"b\":1,\"a\":[1.5]}'), 'n', 1) s, "
                   "array(parse_json('1'), parse_json('\"x\"'), NULL) arr")
    return [df.schema, df.select(F.to_json("s").alias("js"), F.to_json("arr").alias("ja")).collect()]


@case(versions=("4",))
def try_parse_json_edge_inputs(spark):
    docs = ['1 2', '01', 'NaN', '[1,]', '{"a":1}x', '  ', '1e400', '-0', '-0.0', '1.0E+2', "{'a':1}", '"\\ud83d\\ude00"',
            '{"b":1,"a":{"b":2,"c":3}}', '[' * 3 + ']' * 3]
    df = spark.createDataFrame([(i, d) for i, d in enumerate(docs)], "id int, j string")
    v = F.try_parse_json("j")
    return df.select("id", F.to_json(v).alias("json"), F.schema_of_variant(v).alias("s")).orderBy("id")


@case(versions=("4",))
def variant_not_orderable(spark):
    df = spark.createDataFrame([("1",), ("2",)], "j string").select(F.parse_json("j").alias("v"), lit(1).alias("k"))
    return [lambda: df.orderBy("v").collect(),
            lambda: df.groupBy("v").count().collect(),
            lambda: df.select(col("v") == col("v")).collect(),
            lambda: df.distinct().collect(),
            lambda: df.select(F.hash("v")).collect(),
            lambda: df.intersect(df).collect(),
            lambda: df.union(df).count(),
            lambda: spark.sql("SELECT max(parse_json('1'))").collect(),
            lambda: df.select(F.struct("v", "k").alias("s")).orderBy("s").collect()]
