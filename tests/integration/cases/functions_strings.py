"""String, binary, URL, number-format, regexp and AES functions
(internal/functions/strings3.go)."""

from pyspark.sql import functions as F
from pyspark.sql.functions import col, lit

from harness import case


def _strs(spark):
    return spark.createDataFrame(
        [("**Spark*", "*", "a.b.c.d"), ("==Spark=", "=", "x"), (None, None, None)],
        "value string, t string, s string")


# --- trim family, like, position ---------------------------------------------------

@case()
def trim_family_with_trim_string(spark):
    df = _strs(spark)
    return df.select("value", F.trim("value", "t"), F.ltrim("value", "t"), F.rtrim("value", lit("*")),
                     F.btrim("value", "t"), F.btrim(lit("  x  ")))


@case()
def trim_sql_forms(spark):
    return spark.sql("SELECT trim(BOTH 'x' FROM 'xxaxx') AS a, trim(LEADING 'x' FROM 'xxa') AS b, "
                     "ltrim('x', 'xxaxx') AS c, btrim('SSparkSQLS', 'SL') AS d, btrim(NULL) AS e")


@case()
def like_with_escape(spark):
    df = spark.createDataFrame([("%SystemDrive%/Users/John", "/%SystemDrive/%//Users%"), (None, "a")], "a string, b string")
    return df.select(F.like("a", "b", lit("/")), F.ilike("a", "b", lit("/")), F.like("a", lit("%John")))


@case()
def position_and_locate(spark):
    df = spark.createDataFrame([("bar", "foobarbar", 5), (None, "x", 1)], "a string, b string, c int")
    return df.select(F.position("a", "b", "c"), F.position("a", "b"), F.locate("bar", "b"))


# --- small string functions ----------------------------------------------------------

@case()
def chr_elt_find_in_set_quote(spark):
    return spark.sql("SELECT char(65) AS a, chr(321) AS b, chr(-1) AS c, chr(NULL) AS d, "
                     "elt(2, 'x', 'y') AS e, elt(NULL, 'x') AS f, find_in_set('ab', 'abc,b,ab') AS g, "
                     "find_in_set('a,b', 'a,b') AS h, find_in_set('x', NULL) AS i, quote('Don''t') AS j, quote(NULL) AS k")


@case()
def elt_out_of_range_ansi(spark):
    return spark.sql("SELECT elt(3, 'a', 'b')")


@case()
def elt_out_of_range_non_ansi(spark):
    spark.conf.set("spark.sql.ansi.enabled", "false")
    return spark.sql("SELECT elt(3, 'a', 'b') AS e, elt(0, 'a') AS z")


@case()
def encode_decode(spark):
    return spark.sql("SELECT encode('abcd', 'UTF-8') AS a, decode(encode('aé', 'utf-16'), 'utf-16') AS b, "
                     "encode('aé', 'utf-16be') AS c, decode(X'61', 'us-ascii') AS d, decode(CAST(NULL AS BINARY), 'utf-8') AS e, "
                     "decode(2, 1, 'a', 2, 'b') AS f, decode(3, 1, 'a', 'z') AS g")


@case()
def decode_malformed_utf8(spark):
    return spark.sql("SELECT decode(X'FF', 'UTF-8')")


@case()
def encode_bad_charset(spark):
    return spark.sql("SELECT encode('abc', 'bad')")


@case()
def overlay_mask(spark):
    df = spark.createDataFrame([("SPARK_SQL", "CORE"), (None, "x")], "x string, y string")
    return df.select(F.overlay("x", "y", 7), F.overlay("x", "y", 7, 0), F.overlay("x", "y", 7, 2),
                     F.mask("x"), F.mask("x", lit("Y"), lit("y"), lit("d"), lit("*")))


@case()
def overlay_binary(spark):
    return spark.sql("SELECT overlay(X'010203' PLACING X'FF' FROM 2) AS a, overlay('abc' PLACING 'XY' FROM 10 FOR 1) AS b")


@case()
def split_part_substring_index(spark):
    df = spark.createDataFrame([("11.12.13", ".", 3), ("a", ".", 5), (None, ".", 1), ("a.b", "", 1)], "a string, b string, c int")
    return df.select(F.split_part("a", "b", "c"), F.split_part("a", "b", lit(-2)),
                     F.substring_index("a", ".", 2), F.substring_index("a", ".", -1), F.substring_index("a", ".", 0))


@case()
def split_part_zero_index(spark):
    return spark.sql("SELECT split_part('a.b', '.', 0)")


@case()
def sentences_words(spark):
    df = spark.createDataFrame([("Hi there! How are you? I am fine.",), ("a, b. c",), ("",), (None,)], "s string")
    return df.select(F.sentences("s"), F.sentences("s", lit("en"), lit("US")))


@case()
def bit_length_utf8_collation(spark):
    df = spark.createDataFrame([("cat",), ("🐈",), (None,)], "s string")
    return df.select(F.bit_length("s"), F.is_valid_utf8("s"), F.make_valid_utf8("s"), F.validate_utf8("s"),
                     F.try_validate_utf8("s"), F.collation("s"))


# --- binary conversions ------------------------------------------------------------------

@case()
def to_binary_forms(spark):
    df = spark.createDataFrame([("414243", "QUJD"), (None, None), ("414", "QU JD")], "h string, b string")
    return df.select(F.to_binary("h"), F.to_binary("h", lit("utf-8")), F.to_binary("b", lit("base64")),
                     F.try_to_binary(lit("zz"), lit("hex")), F.unhex("h"), F.unbase64("b"), F.unhex(lit("zz")))


@case()
def to_binary_malformed_hex(spark):
    return spark.sql("SELECT to_binary('zz', 'hex')")


@case()
def to_binary_bad_format(spark):
    return spark.sql("SELECT to_binary('abc', 'bad')")


@case()
def binary_contains_startswith(spark):
    df = spark.createDataFrame([("414243", "4243")], "c string, d string")
    df = df.select(F.to_binary("c").alias("c"), F.to_binary("d").alias("d"))
    return df.select(F.contains("c", "d"), F.startswith("c", "d"), F.endswith("c", "d"), F.contains("d", "c"))


# --- URLs -----------------------------------------------------------------------------------

@case()
def url_encode_decode(spark):
    df = spark.createDataFrame([("https://spark.apache.org",), ("~!@#$%^&*()_+",), ("你好",), (None,)], "u string")
    return df.select(F.url_encode("u"), F.url_decode(F.url_encode("u")), F.try_url_decode(lit("%zz")))


@case()
def url_decode_malformed(spark):
    return spark.sql("SELECT url_decode('https%3A%2F%2spark.apache.org')")


@case()
def parse_url_parts(spark):
    df = spark.createDataFrame([(p,) for p in ["HOST", "PATH", "QUERY", "REF", "PROTOCOL", "FILE", "AUTHORITY", "USERINFO", "BAD", "host"]], "part string")
    u = lit("https://u:p@spark.apache.org:8080/path/x?query=1&b=2#frag")
    return df.select("part", F.parse_url(u, "part"), F.parse_url(u, lit("QUERY"), lit("b")),
                     F.try_parse_url(lit("inva lid://x/y?q=1"), "part"))


@case()
def parse_url_invalid_ansi(spark):
    return spark.sql("SELECT parse_url('inva lid://spark.apache.org/path?query=1', 'QUERY')")


@case()
def parse_url_invalid_non_ansi(spark):
    spark.conf.set("spark.sql.ansi.enabled", "false")
    return spark.sql("SELECT parse_url('inva lid://spark.apache.org/path?query=1', 'QUERY') AS p")


# --- number formats -------------------------------------------------------------------------

@case()
def format_number_cases(spark):
    return spark.sql("SELECT format_number(12332.123456, 4) AS a, format_number(12332.123456, '##.###') AS b, "
                     "format_number(-1.5, 0) AS c, format_number(2.5, 0) AS d, format_number(1234567.891d, 2) AS e, "
                     "format_number(5, -1) AS f, format_number(1e20d, 2) AS g, format_number(CAST(NULL AS INT), 2) AS h")


@case()
def to_char_numbers(spark):
    return spark.sql("SELECT to_char(78.12, '$99.99') AS a, to_char(454.00, '000D00') AS b, to_char(12454, '99G999') AS c, "
                     "to_char(-12454.8, '99G999D9S') AS d, to_char(12345, '99') AS e, to_char(-5, '99PR') AS f, "
                     "to_char(0.5, '9.99') AS g, to_varchar(5, '0000') AS h, to_char(CAST(NULL AS INT), '9') AS i")


@case()
def to_char_other_types(spark):
    return spark.sql("SELECT to_char(DATE'2020-01-01', 'yyyy-MM') AS a, to_char(X'4142', 'hex') AS b, "
                     "to_char(X'4142', 'base64') AS c, to_char(X'4142', 'utf-8') AS d")


@case()
def to_char_bad_format(spark):
    return spark.sql("SELECT to_char(5, 'PR99')")


@case()
def to_number_cases(spark):
    return spark.sql("SELECT to_number('$78.12', '$99.99') AS a, to_number('12,454', '99,999') AS b, "
                     "to_number('-12,454.8', 'S99G999D9') AS c, to_number('<5>', '99PR') AS d, to_number('.5', '.9') AS e, "
                     "try_to_number('77', '$99.99') AS f, try_to_number(NULL, '99') AS g")


@case()
def to_number_mismatch(spark):
    return spark.sql("SELECT to_number('77', '$99.99')")


@case()
def to_number_no_digits(spark):
    return spark.sql("SELECT to_number('abc', 'xyz')")


@case()
def printf_runtime_format(spark):
    df = spark.createDataFrame([("aa%d%s", 123, "cc"), ("%5d|%-4s|", 7, None), (None, 1, "x")], "f string, b int, c string")
    return df.select(F.printf("f", "b", "c"), F.format_string("%s-%d", "c", "b"))


# --- regular expressions --------------------------------------------------------------------------

@case()
def regexp_family(spark):
    df = spark.createDataFrame([("1a 2b 14m", r"\d+"), ("100-200, 300-400", r"(\d+)-(\d+)"), (None, "x")], "str string, re string")
    return df.select(F.regexp_count("str", "re"), F.regexp_extract_all("str", lit(r"(\d+)"), lit(1)),
                     F.regexp_extract_all("str", lit(r"(\d+)-(\d+)"), lit(0)), F.regexp_instr("str", "re"),
                     F.regexp_substr("str", "re"), F.regexp_substr("str", lit("zzz")))


@case()
def regexp_bad_group(spark):
    return spark.sql(r"SELECT regexp_extract_all('100-200', '(\\d+)-(\\d+)', 3)")


@case()
def regexp_invalid_pattern(spark):
    return spark.sql("SELECT regexp_count('abc', '[')")


# --- AES -----------------------------------------------------------------------------------------------

@case()
def aes_known_vectors(spark):
    df = spark.createDataFrame([(
        "AAAAAAAAAAAAAAAAQiYi+sTLm7KD9UcZ2nlRdYDe/PX4", "abcdefghijklmnop12345678ABCDEFGH",
        "This is an AAD mixed into the input", "AAAAAAAAAAAAAAAAAAAAAPSd4mWyMZ5mhvjiAPQJnfg=")],
        "gcm string, key string, aad string, cbc string")
    return df.select(
        F.aes_decrypt(F.unbase64("gcm"), "key", lit("GCM"), lit("DEFAULT"), "aad").cast("string").alias("gcm"),
        F.aes_decrypt(F.unbase64("cbc"), "key", lit("CBC")).cast("string").alias("cbc"),
        F.try_aes_decrypt(F.unbase64("cbc"), "key", lit("GCM")).alias("wrong_mode"),
        F.base64(F.aes_encrypt(lit("Spark"), "key", lit("GCM"), lit("DEFAULT"),
                               F.to_binary(lit("000000000000000000000000"), lit("hex")), "aad")).alias("enc"))


@case()
def aes_round_trips(spark):
    df = spark.createDataFrame([("Spark SQL", "1234567890abcdef"), (None, "1234567890abcdef")], "input string, key string")
    return df.select(*[F.aes_decrypt(F.aes_encrypt("input", "key", lit(m)), "key", lit(m)).cast("string").alias(m)
                       for m in ["GCM", "CBC", "ECB"]])


@case()
def aes_bad_key_length(spark):
    return spark.sql("SELECT aes_encrypt('Spark', 'short')")


@case()
def aes_unsupported_mode(spark):
    return spark.sql("SELECT aes_encrypt('Spark', '0000111122223333', 'OFB')")
