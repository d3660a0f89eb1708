"""DataFrame.colRegex: Java regular expressions matched against whole
column names (case-insensitively unless spark.sql.caseSensitive)."""

from harness import case


def _df(spark):
    return spark.createDataFrame([("a", 1, 2.0), ("b", 2, 3.0)], ["Col1", "Col2", "other_col"])


@case()
def colregex_basic(spark):
    df = _df(spark)
    return [df.select(df.colRegex("`Col.*`")), df.select(df.colRegex("`.*col`")),
            df.select(df.colRegex("`col1`"))]


@case()
def colregex_java_constructs(spark):
    df = _df(spark)
    return [df.select(df.colRegex("`(Col1)?+.+`")),       # possessive quantifier
            df.select(df.colRegex("`(?!Col1).*`")),       # lookahead
            df.select(df.colRegex("`\\QCol\\E\\d`")),      # quoting
            df.select(df.colRegex("`(?>Col|other)_?c.*`"))]  # atomic group


@case()
def colregex_case_sensitive(spark):
    spark.conf.set("spark.sql.caseSensitive", "true")
    df = _df(spark)
    return [df.select(df.colRegex("`col.*`")).columns, df.select(df.colRegex("`Col.*`")).columns]


@case()
def colregex_no_match_and_bad_pattern(spark, fx):
    df = _df(spark)
    return [df.select(df.colRegex("`zzz`")).columns,
            fx.error(lambda: df.select(df.colRegex("`(Col`")).columns)]
