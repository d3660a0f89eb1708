"""JSON, CSV, XML and hash functions: hash/xxhash64 (bit-exact Murmur3 and
XXH64), the xpath family, from_json/schema_of_json, json_array_length,
json_object_keys, from_csv/to_csv/schema_of_csv, from_xml/to_xml/schema_of_xml."""

from pyspark.sql import functions as F
from pyspark.sql.functions import col, lit

from harness import case


# --- hash / xxhash64 --------------------------------------------------------------

@case()
def hash_primitives(spark):
    return spark.sql(
        "SELECT hash(1) a, hash(1L) b, hash(1Y) c, hash(true) d, hash(-0.0D) e, hash(1.5F) f, "
        "hash(1.5BD) g, hash(CAST(-129 AS DECIMAL(20,0))) h, hash(DATE'2020-01-02') i, "
        "hash(TIMESTAMP_NTZ'2020-01-02 03:04:05') j, hash('héllo wörld!') k, hash(X'0102030405') l, "
        "hash(repeat('abcdefg', 10)) m, hash(NULL) n, hash(NULL, 1) o")


@case()
def xxhash64_primitives(spark):
    return spark.sql(
        "SELECT xxhash64(1) a, xxhash64(1L) b, xxhash64(1S) c, xxhash64(false) d, xxhash64(0.0D) e, "
        "xxhash64(CAST(123456789012345678901234.5 AS DECIMAL(30,1))) f, xxhash64(DATE'2020-01-02') g, "
        "xxhash64('') h, xxhash64(repeat('x', 33)) i, xxhash64(NULL) j, xxhash64('a', 'b', 'c') k")


@case()
def hash_nested_and_columns(spark):
    df = spark.createDataFrame([(1, "a", [1, 2]), (2, None, None), (3, "c", [])],
                               "id int, s string, arr array<int>")
    return df.select("id", F.hash("id", "s"), F.xxhash64("id", "s"), F.hash("arr"), F.xxhash64("arr"),
                     F.hash(F.struct("id", "s")).alias("hs"), F.hash("*").alias("star")).orderBy("id")


@case()
def hash_of_map_is_rejected(spark):
    return spark.sql("SELECT hash(map('a', 1))")


# --- xpath ------------------------------------------------------------------------

@case()
def xpath_family(spark):
    df = spark.createDataFrame([("<a><b>1</b><b>2</b><c x='q'>cc</c></a>",), ("",), (None,)], "x string")
    return df.select(F.xpath("x", lit("a/b/text()")).alias("nodes"),
                     F.xpath("x", lit("a/b")).alias("elems"),
                     F.xpath_string("x", lit("a/c")).alias("s"),
                     F.xpath_string("x", lit("a/c/@x")).alias("attr"),
                     F.xpath_boolean("x", lit("a/d")).alias("bool"),
                     F.xpath_double("x", lit("sum(a/b)")).alias("d"),
                     F.xpath_float("x", lit("a/c")).alias("nan"),
                     F.xpath_int("x", lit("sum(a/b) * 1000000000")).alias("sat"),
                     F.xpath_long("x", lit("a/b")).alias("l"),
                     F.xpath_short("x", lit("70000")).alias("short"),
                     F.xpath_number("x", lit("count(a/b)")).alias("n"))


@case()
def xpath_malformed_document(spark):
    return spark.sql("SELECT xpath_string('<a><b>1</b>', 'a/b')")


# --- JSON -------------------------------------------------------------------------

@case()
def json_array_length_and_keys(spark):
    df = spark.createDataFrame([("[1, 2, [3]]",), ('{"b": 1, "a": {"c": 2}}',), ("[1,",), (None,)], "j string")
    return df.select("j", F.json_array_length("j").alias("len"), F.json_object_keys("j").alias("keys"))


@case()
def schema_of_json_inference(spark):
    return spark.sql(
        """SELECT schema_of_json('{"b": 1, "a": [1.5, 2], "c": null, "d": {"z": true, "y": "s"}, """
        """"e": [], "f": 12345678901234567890, "g": [{"x": 1}, {"y": "q"}], "h": [1, "a"]}') a, """
        """schema_of_json('[1, 2]') b, schema_of_json("{'a': 1}") c, """
        """schema_of_json('{a: 1}', map('allowUnquotedFieldNames', 'true')) d""")


@case()
def schema_of_json_needs_a_literal(spark):
    df = spark.createDataFrame([('{"a": 1}',)], "j string")
    return df.select(F.schema_of_json(col("j")))


@case()
def from_json_options_and_schemas(spark):
    df = spark.createDataFrame([("{a: 1}",), ('{"a": 2}',), ("{'a': 3}",), ("nope",), (None,)], "j string")
    return df.select("j", F.from_json("j", "a INT").alias("plain"),
                     F.from_json("j", "a INT", {"allowUnquotedFieldNames": "true"}).alias("unquoted"),
                     F.from_json("j", F.schema_of_json(lit('{"a": 0}'))).alias("inferred"),
                     F.from_json("j", "MAP<STRING, INT>").alias("m"))


@case()
def get_json_object_wildcards(spark):
    return spark.sql(
        """SELECT get_json_object('[{"a":"x"},{"a":"y"}]', '$[*].a') a, get_json_object('[{"a":"x"}]', '$[*].a') b, """
        """get_json_object('[{"a":1}]', '$[*].a') c, get_json_object('{"a":["x","y"]}', '$.a[*]') d, """
        """get_json_object('[{"a":{"b":1}}]', '$[*].a') e, get_json_object(NULL, '$.a') f""")


# --- CSV --------------------------------------------------------------------------

@case()
def from_csv_fields(spark):
    df = spark.createDataFrame([("1,x,3",), ('"a,b",2,',), ("",), (None,), ("1",)], "v string")
    return df.select("v", F.from_csv("v", "a STRING, b INT, c STRING").alias("r"),
                     F.from_csv("v", "a INT, b STRING", {"sep": ";"}).alias("semi"))


@case()
def from_csv_types(spark):
    return spark.sql("SELECT from_csv('1.5,true,2020-01-02,x, 1 ', 'a DOUBLE, b BOOLEAN, c DATE, d STRING, e INT') r, "
                     "from_csv('   abc', 's STRING', map('ignoreLeadingWhiteSpace', 'true')) t")


@case()
def to_csv_quoting(spark):
    return spark.sql("""SELECT to_csv(named_struct('a', 1, 'b', 'x,y', 'c', 'q"r', 'd', NULL, 'e', 1.5D, """
                     """'f', DATE'2020-01-02', 'h', array(1, 2), 'i', '', 'j', ' t ')) a, """
                     """to_csv(named_struct('a', 1, 'b', 'x;y'), map('sep', ';')) b, to_csv(NULL) c""")


@case()
def to_csv_of_array_is_rejected(spark):
    return spark.sql("SELECT to_csv(array(1))")


@case()
def schema_of_csv_inference(spark):
    return spark.sql("SELECT schema_of_csv('1,12345678901,123456789012345678901,1.5,1e3,NaN,true,abc,,2020-01-01,"
                     "2020-01-01 10:00:00') a, schema_of_csv('1|a', map('sep', '|')) b")


# --- XML --------------------------------------------------------------------------

@case()
def schema_of_xml_inference(spark):
    return spark.sql("""SELECT schema_of_xml('<p><a x="1">t</a><b>1.5</b><c>true</c><d/><e>2020-01-01</e>"""
                     """<f>abc</f><g><h>1</h><h>x</h></g></p>') a, """
                     """schema_of_xml('<p><a x="2">1</a></p>', map('excludeAttribute', 'true')) b""")


@case()
def from_xml_values(spark):
    df = spark.createDataFrame([('<p><a x="1">t</a><b>1.5</b><c>true</c><n>1</n><n>2</n></p>',),
                                ("<p><b>x</b></p>",), (None,)], "v string")
    return df.select(F.from_xml("v", "a STRUCT<_x: INT, _VALUE: STRING>, b DOUBLE, c BOOLEAN, "
                                     "n ARRAY<BIGINT>, z INT").alias("r"))


@case()
def to_xml_rows(spark):
    return spark.sql("""SELECT to_xml(named_struct('a', 1, 'b', 'x<y', 'c', NULL, 'd', array(1, 2), """
                     """'e', named_struct('f', 1.5D))) a, to_xml(named_struct('a', 1), map('rowTag', 'r')) b, """
                     """to_xml(NULL) c""")


@case()
def to_json_options(spark, fx):
    # The doctest of to_json with options, then the JSON writer's options
    # to_json honours: datetime formats, time zone, ignoreNullFields, pretty.
    df = spark.sql("SELECT (DATE('2022-02-22'), 1) AS date")
    doctest = df.select("date", F.to_json(df.date), F.to_json(df.date, {"dateFormat": "yyyy/MM/dd"}))
    q = spark.sql(
        "SELECT to_json(named_struct('d', date'2022-02-22', 't', timestamp'2022-02-22 10:11:12.345678', 'n', CAST(NULL AS INT), 'x', 1), "
        "map('dateFormat', 'yyyy/MM/dd')) a, "
        "to_json(named_struct('d', date'2022-02-22', 't', timestamp'2022-02-22 10:11:12.345678', 'n', CAST(NULL AS INT)), "
        "map('timestampFormat', 'yyyy-MM-dd HH:mm', 'ignoreNullFields', 'false')) b, "
        "to_json(named_struct('a', 1, 'b', array(1, 2), 'c', named_struct('x', 'y')), map('pretty', 'true')) c, "
        "to_json(array(named_struct('a', 1), named_struct('a', 2)), map('pretty', 'true')) d, "
        "to_json(map('k', 1), map('pretty', 'true')) e, "
        "to_json(named_struct('t', timestamp_ntz'2022-02-22 10:11:12', 'ts', timestamp'2022-02-22 10:11:12'), "
        "map('timestampNTZFormat', 'yyyy/MM/dd HH:mm', 'timeZone', 'America/Los_Angeles')) f, "
        "to_json(named_struct('a', 1), map('nosuchoption', 'x', 'mode', 'FAILFAST')) g, "
        "to_json(named_struct('d', date'2022-02-22'), map('dateFormat', 'yyyy-MM-dd QQQ EEE')) h, "
        "to_json(named_struct('a', CAST(NULL AS INT), 'b', array(1, NULL), 'c', map('x', CAST(NULL AS INT))), map('ignoreNullFields', 'true')) i, "
        "to_json(named_struct('a', CAST(NULL AS INT), 'b', array(1, NULL), 'c', named_struct('z', CAST(NULL AS INT))), map('ignoreNullFields', 'false')) j, "
        "to_json(named_struct('a', named_struct('b', array())), map('pretty', 'true')) k, "
        "to_json(named_struct('a', named_struct('b', CAST(NULL AS INT))), map('pretty', 'true')) l, "
        "to_json(array(map('a', array(named_struct('x', 1, 'y', CAST(NULL AS STRING))))), map('pretty', 'true')) m, "
        "to_json(named_struct('d', array(date'2022-02-22', NULL), 'm', map('k', named_struct('t', timestamp'2022-02-22 10:11:12', "
        "'z', array(array(1), array()))), 'n', CAST(NULL AS INT)), map('dateFormat', 'dd.MM.yyyy', "
        "'timestampFormat', 'HH:mm:ss.SSSSSS VV', 'pretty', 'true', 'ignoreNullFields', 'false')) n, "
        "to_json(named_struct('t', timestamp'2022-02-22 10:11:12'), map('timeZone', '+05:30')) o, "
        "to_json(named_struct('a', 'é\"\\n😀中', 'b', 1.5D), map('writeNonAsciiCharacterAsCodePoint', 'true')) p, "
        "to_json(map('ключ', array('é')), map('writeNonAsciiCharacterAsCodePoint', 'true', 'pretty', 'true')) q")
    return [fx.show(doctest, truncate=False), q,
            fx.error(lambda: spark.sql("SELECT to_json(named_struct('a', 1), map('dateFormat', 'qqqqq'))").collect()),
            fx.error(lambda: spark.sql("SELECT to_json(named_struct('a', 1), map('pretty', 'yes'))").collect()),
            fx.error(lambda: spark.sql("SELECT to_json(named_struct('a', 1), map('timeZone', 'nope'))").collect())]
