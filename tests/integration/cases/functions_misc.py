"""Miscellaneous functions: typeof, raise_error, assert_true."""

from pyspark.sql import functions as F

from harness import case


@case()
def typeof_values(spark):
    return spark.sql("SELECT typeof(1), typeof(1L), typeof(1.5), typeof(1.5D), typeof('a'), typeof(NULL), "
                     "typeof(array(1, 2)), typeof(map('a', 1)), typeof(named_struct('x', 1, 'y', 'z')), "
                     "typeof(DATE'2024-01-01'), typeof(CAST(1 AS DECIMAL(12, 3)))")


@case()
def raise_error_message(spark):
    return spark.range(1).select(F.raise_error("My error message"))


@case()
def raise_error_null_message(spark):
    return spark.range(1).select(F.raise_error(F.lit(None).cast("string")))


@case()
def raise_error_not_evaluated(spark):
    df = spark.range(3).where("id > 5").select(F.raise_error("never"))
    return [df.schema, df]


# Spark 3.5 names an assert_true column after its message, which carries
# expression ids ('(a#1852L < b#1853L)' is not true!) that change per run.
@case(versions=("4",))
def assert_true_passes(spark):
    df = spark.createDataFrame([(0, 1)], ["a", "b"])
    return df.select("*", F.assert_true(df.a < df.b), F.assert_true(df.a < df.b, "error"))


@case(versions=("4",))
def assert_true_fails(spark):
    df = spark.createDataFrame([(0, 1)], ["a", "b"])
    return df.select(F.assert_true(df.a > df.b))


@case()
def assert_true_aliased(spark):
    df = spark.createDataFrame([(0, 1), (2, None)], ["a", "b"])
    return df.select("a", F.assert_true(df.a < 3).alias("ok"),
                     F.assert_true(df.b.isNull() | (df.a < df.b), "msg").alias("ok2"))


@case()
def assert_true_fails_with_message(spark):
    df = spark.createDataFrame([(0, 1), (2, 1)], ["a", "b"])
    return df.select(F.assert_true(df.a < df.b, F.concat(F.lit("bad a="), df.a.cast("string"))))


# --- reflect / java_method / try_reflect ----------------------------------------

@case()
def reflect_jdk_methods(spark):
    return spark.sql(
        "SELECT reflect('java.util.UUID', 'fromString', 'a5cf6c42-0c85-418f-af6c-3e4e5b1328f2') a, "
        "java_method('java.util.UUID', 'fromString', 'A5CF6C42-0C85-418F-AF6C-3E4E5B1328F2') b, "
        "reflect('java.util.UUID', 'fromString', '1-2-3-4-5') c, "
        "length(reflect('java.util.UUID', 'randomUUID')) d, "
        "reflect('java.lang.Math', 'abs', -3) e, reflect('java.lang.Math', 'abs', -3L) f, "
        "reflect('java.lang.Math', 'abs', CAST(-3.5 AS DOUBLE)) g, reflect('java.lang.Math', 'abs', CAST(-2 AS FLOAT)) h, "
        "reflect('java.lang.Math', 'abs', -2147483648) i, reflect('java.lang.Math', 'sqrt', CAST(2 AS DOUBLE)) j, "
        "reflect('java.lang.Math', 'max', 2, 3) k, reflect('java.lang.Math', 'min', 1.5D, 2D) l, "
        "java_method('java.lang.Math', 'floorMod', -7, 3) m, reflect('java.lang.Math', 'floorDiv', -7, 2) n, "
        "reflect('java.lang.Math', 'round', 2.5D) o, reflect('java.lang.Math', 'round', CAST(2.5 AS FLOAT)) p, "
        "reflect('java.lang.Math', 'rint', 2.5D) q, reflect('java.lang.Math', 'floor', -1.5D) r, "
        "reflect('java.lang.Math', 'ceil', -1.5D) s, reflect('java.lang.Math', 'signum', -2D) t, "
        "reflect('java.lang.Math', 'toRadians', 180D) u, reflect('java.lang.Math', 'negateExact', 5) v, "
        "reflect('java.lang.String', 'valueOf', 1) w, reflect('java.lang.String', 'valueOf', true) x, "
        "reflect('java.lang.String', 'valueOf', 1.0D) y, reflect('java.lang.String', 'valueOf', 1E20D) z, "
        "reflect('java.lang.String', 'valueOf', 1E-4D) a2, reflect('java.lang.String', 'valueOf', 12345678.0D) b2, "
        "reflect('java.lang.String', 'valueOf', CAST(1.5 AS FLOAT)) c2, reflect('java.lang.String', 'valueOf', CAST(3 AS SMALLINT)) d2, "
        "reflect('java.lang.String', 'valueOf', 'abc') e2, reflect('java.lang.String', 'valueOf', CAST(NULL AS STRING)) f2, "
        "reflect('java.lang.Integer', 'parseInt', '42') g2, reflect('java.lang.Integer', 'parseInt', '+5') h2, "
        "reflect('java.lang.Integer', 'parseInt', 'ff', 16) i2, reflect('java.lang.Integer', 'valueOf', 12) j2, "
        "reflect('java.lang.Integer', 'toString', 255, 16) k2, reflect('java.lang.Integer', 'toHexString', -1) l2, "
        "reflect('java.lang.Integer', 'toBinaryString', 5) m2, reflect('java.lang.Long', 'toHexString', -1L) n2, "
        "reflect('java.lang.Long', 'parseLong', '-12') o2, reflect('java.lang.Double', 'parseDouble', '1e10') p2, "
        "reflect('java.lang.Double', 'parseDouble', ' 1.5 ') q2, reflect('java.lang.Double', 'valueOf', '1e-5') r2, "
        "reflect('java.lang.Double', 'parseDouble', 'NaN') s2, "
        "reflect('java.net.URLDecoder', 'decode', 'a%20b+c', 'UTF-8') t2, reflect('java.net.URLDecoder', 'decode', 'a%20b') u2, "
        "reflect('java.net.URLEncoder', 'encode', 'a b&c/é', 'UTF-8') v2, reflect('java.net.URLEncoder', 'encode', 'a b*~-_.') w2, "
        "reflect('java.lang.Math', 'abs', id) x2 FROM range(2)")


@case()
def reflect_dataframe(spark):
    # The doctests of reflect and java_method.
    df = spark.createDataFrame([("a5cf6c42-0c85-418f-af6c-3e4e5b1328f2",)], ["a"])
    return [df.select(F.reflect(F.lit("java.util.UUID"), F.lit("fromString"), df.a).alias("r")),
            spark.range(1).select(F.java_method(F.lit("java.util.UUID"), F.lit("fromString"),
                                                F.lit("a5cf6c42-0c85-418f-af6c-3e4e5b1328f2")))]


@case()
def reflect_errors(spark, fx):
    def err(q):
        return fx.error(lambda: spark.sql(q).collect())
    return [err("SELECT reflect('java.util.UUID', 'nosuch', 'a')"),
            err("SELECT reflect('java.util.NoClass', 'x')"),
            err("SELECT java_method('java.util.NoClass', 'x')"),
            err("SELECT reflect('java.lang.Math', 'abs', -3.5)"),
            err("SELECT reflect('java.lang.Math', 'sqrt', 2)"),
            err("SELECT reflect('java.lang.Math', 'abs', CAST(-3 AS TINYINT))"),
            err("SELECT reflect('java.lang.Math', 'max', 2, 3L)"),
            err("SELECT reflect('java.lang.Integer', 'toHexString', 12L)"),
            err("SELECT reflect('java.util.UUID', 'nameUUIDFromBytes', binary('abc'))"),
            err("SELECT reflect('java.util.UUID', 'nameUUIDFromBytes', 'abc')"),
            err("SELECT reflect(NULL, 'x')"),
            err("SELECT reflect('java.util.UUID', NULL)"),
            err("SELECT reflect('java.lang.Integer', 'parseInt', NULL)"),
            err("SELECT reflect('java.lang.Math', 'abs')"),
            err("SELECT reflect('java.lang.Math')"),
            err("SELECT reflect('java.lang.Math', 'PI')"),
            err("SELECT reflect(CAST(id AS STRING), 'abs') FROM range(2)"),
            err("SELECT reflect('java.util.UUID', 'fromString', 'bad')"),
            err("SELECT reflect('java.lang.Integer', 'parseInt', ' 5')"),
            err("SELECT reflect('java.lang.Math', 'abs', CAST(NULL AS INT))"),
            err("SELECT reflect('java.lang.Math', 'addExact', 2147483647, 1)"),
            err("SELECT reflect('java.net.URLDecoder', 'decode', 'a%2')")]


@case(versions=("4",))
def try_reflect_nulls(spark, fx):
    df = spark.createDataFrame([("a5cf6c42-0c85-418f-af6c-3e4e5b1328f2",)], ["a"])
    q = spark.sql(
        "SELECT try_reflect('java.util.UUID', 'fromString', 'bad') a, try_reflect('java.lang.Math', 'abs', CAST(NULL AS INT)) b, "
        "try_reflect('java.lang.Integer', 'parseInt', 'x') c, try_reflect('java.lang.Integer', 'parseInt', CAST(NULL AS STRING)) d, "
        "try_reflect('java.lang.Math', 'addExact', 2147483647, 1) e, try_reflect('java.net.URLDecoder', 'decode', 'a%2', 'UTF-8') f, "
        "try_reflect('java.net.URLEncoder', 'encode', 'a b', 'nosuchcs') g, try_reflect('java.lang.Math', 'floorMod', 7, 0) h, "
        "try_reflect('java.util.UUID', 'fromString', 'a5cf6c42-0c85-418f-af6c-3e4e5b1328f2') i, "
        "try_reflect('scala.Predef', 'require', false) j, try_reflect('scala.Predef', 'require', true) k")
    return [q, df.select(F.try_reflect(F.lit("java.util.UUID"), F.lit("fromString"), "a")),
            fx.error(lambda: spark.sql("SELECT try_reflect('java.util.UUID', 'nosuch', 'a')").collect()),
            fx.error(lambda: spark.sql("SELECT try_reflect('java.util.NoClass', 'x')").collect())]


@case(versions=("4",))
def st_geometry_functions(spark, fx):
    # The doctests of the ST_ functions (GEOMETRY / GEOGRAPHY, Spark 4.1+).
    df = spark.createDataFrame([(bytes.fromhex("0101000000000000000000F03F0000000000000040"), 4326)], ["wkb", "srid"])
    return [df.select(F.hex(F.st_asbinary(F.st_geogfromwkb("wkb"))), F.hex(F.st_asbinary(F.st_geomfromwkb("wkb"), "XDR")),
                      F.st_srid(F.st_geogfromwkb("wkb")), F.st_srid(F.st_geomfromwkb("wkb")),
                      F.st_srid(F.st_setsrid(F.st_geomfromwkb("wkb"), 4326)))]
