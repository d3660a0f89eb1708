"""Java datetime patterns (Spark's "Datetime Patterns for Formatting and
Parsing"): every pattern letter and length in date_format / from_unixtime,
parsing with to_timestamp / to_date / unix_timestamp / try_to_timestamp,
optional sections, quoting, zones and offsets, and Spark's errors for the
letters and lengths it rejects, with ANSI on and off."""

import datetime as dt

from pyspark.sql import functions as F

from harness import case


def _ansi(spark, on):
    spark.conf.set("spark.sql.ansi.enabled", "true" if on else "false")


def _ts(spark):
    return spark.createDataFrame(
        [(1, dt.datetime(2024, 2, 29, 13, 45, 30, 123456)),
         (2, dt.datetime(5, 1, 3, 0, 5, 6)),
         (3, dt.datetime(2023, 7, 9, 23, 0, 0, 100000)),
         (4, None)],
        "id int, ts timestamp")


FORMAT_PATTERNS = [
    "G", "GGGG", "y", "yy", "yyy", "yyyy", "yyyyy", "yyyyyy", "D", "DD", "DDD",
    "M", "MM", "MMM", "MMMM", "L", "LLL", "LLLL", "d", "dd", "Q", "QQ", "QQQ", "QQQQ",
    "q", "qqqq", "E", "EEE", "EEEE", "F", "a", "h", "hh", "K", "KK", "k", "kk", "H", "HH",
    "m", "mm", "s", "ss", "S", "SS", "SSS", "SSSS", "SSSSSS", "SSSSSSS", "SSSSSSSSS",
    "VV", "z", "zzzz", "v", "vvvv", "O", "OOOO", "X", "XX", "XXX", "XXXX", "XXXXX",
    "x", "xx", "xxx", "Z", "ZZZ", "ZZZZ", "ZZZZZ", "g", "''", "'x''y'", "'at' HH",
    "[yyyy]", "yyyy[-MM]", "[yyyy", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "GGGGyyyy", "yG",
    "EEE, MMM d yyyy hh:mm a", "dd/MM/yy", "yyyyMMddHHmmss",
]


@case()
def format_letters(spark):
    df = _ts(spark)
    cols = [F.date_format("ts", p).alias("c%d" % i) for i, p in enumerate(FORMAT_PATTERNS)]
    return df.select("id", *cols).orderBy("id")


@case()
def format_zones(spark):
    out = []
    for tz in ["America/Los_Angeles", "Asia/Kolkata", "Europe/Berlin", "UTC"]:
        spark.conf.set("spark.sql.session.timeZone", tz)
        df = spark.createDataFrame([(1, dt.datetime(2024, 1, 15, 12, 0, 0)),
                                    (2, dt.datetime(2024, 7, 15, 12, 0, 0))], "id int, ts timestamp")
        pats = ["z", "zzzz", "v", "vvvv", "O", "OOOO", "X", "XX", "XXX", "x", "xxx", "Z",
                "ZZZZ", "ZZZZZ", "VV", "yyyy-MM-dd HH:mm:ssXXX"]
        out.append(df.select("id", *[F.date_format("ts", p).alias("c%d" % i) for i, p in enumerate(pats)])
                   .orderBy("id").collect())
    return out


@case()
def from_unixtime_patterns(spark):
    df = spark.createDataFrame([(0,), (1709214330,), (-1,), (None,)], "s long")
    return df.select("s", F.from_unixtime("s", "yyyy-MM-dd HH:mm:ss").alias("a"),
                     F.from_unixtime("s", "EEEE d MMMM yyyy G").alias("b"),
                     F.from_unixtime("s", "D QQQ h:mm a XXX").alias("c")).orderBy("s")


FORMAT_ERRORS = [
    "GGGGG", "yyyyyyy", "u", "uuuu-MM", "Y", "w", "W", "e", "c", "DDDD", "MMMMM", "LLLLL",
    "ddd", "QQQQQ", "yyyy qqqqq", "EEEEE", "FF", "aa", "hhh", "KKK", "kkk", "HHH", "mmm",
    "sss", "SSSSSSSSSS", "n", "yyyy N", "A", "B", "p", "V", "VVV", "OO", "OOOOO", "XXXXXX",
    "xxxxxx", "ZZZZZZ", "zzzzz", "b", "yyyy t", "yyyy]x", "yyyy]", "{", "#", "yyyy' xy",
    "GGGGG yyyy n",
]


@case()
def format_errors(spark, fx):
    df = _ts(spark).filter("id = 1")
    return [fx.error(lambda p=p: df.select(F.date_format("ts", p)).collect()) for p in FORMAT_ERRORS]


PARSE_CASES = [
    ("2024-02-29 13:45:30", "yyyy-MM-dd HH:mm:ss"),
    ("2024-2-9", "yyyy-M-d"),
    ("2024-02-09", "yyyy-M-d"),
    ("24-02-09", "yy-MM-dd"),
    ("1999", "y"),
    ("99", "yy"),
    ("060 2024", "DDD yyyy"),
    ("60 2024", "D yyyy"),
    ("Feb 9 2024", "MMM d yyyy"),
    ("february 9 2024", "MMMM d yyyy"),
    ("FEB 9 2024", "MMM d yyyy"),
    ("01:45 PM", "hh:mm a"),
    ("01:45 pm", "hh:mm a"),
    ("1:45", "h:mm"),
    ("PM", "a"),
    ("24:00", "kk:mm"),
    ("0:30", "K:mm"),
    ("2024-02-29 13:45:30.1", "yyyy-MM-dd HH:mm:ss.SSS"),
    ("2024-02-29 13:45:30.123456789", "yyyy-MM-dd HH:mm:ss.SSSSSSSSS"),
    ("2024-02-29T13:45:30Z", "yyyy-MM-dd'T'HH:mm:ssX"),
    ("2024-02-29T13:45:30+05:30", "yyyy-MM-dd'T'HH:mm:ssXXX"),
    ("2024-02-29T13:45:30+0530", "yyyy-MM-dd'T'HH:mm:ssZ"),
    ("2024-02-29 13:45:30 PST", "yyyy-MM-dd HH:mm:ss z"),
    ("2024-02-29 13:45:30 America/New_York", "yyyy-MM-dd HH:mm:ss VV"),
    ("2024-02-29 13:45:30 GMT+8", "yyyy-MM-dd HH:mm:ss O"),
    ("2024 AD", "yyyy G"),
    ("2024-02-29", "yyyy-MM-dd[ HH:mm]"),
    ("2024-02-29 10:11", "yyyy-MM-dd[ HH:mm]"),
    ("2024'02", "yyyy''MM"),
    ("at 2024", "'at' yyyy"),
    ("20240229", "yyyyMMdd"),
    ("2024022913", "yyyyMMddHH"),
    ("2024-02-29 1:5:7", "yyyy-MM-dd H:m:s"),
    # These do not parse (NULL with ANSI off).
    ("2024-02-30", "yyyy-MM-dd"),
    ("2024-13-01", "yyyy-MM-dd"),
    ("2024-02-29 13:45:30.1234", "yyyy-MM-dd HH:mm:ss.SSS"),
    ("2024-02-29 13:45", "yyyy-MM-dd HH:mm:ss"),
    ("13", "MM"),
    ("+2024-01-01", "yyyy-MM-dd"),
    (None, "yyyy-MM-dd"),
]


def _parse_df(spark, cases):
    return spark.createDataFrame([(i, s, p) for i, (s, p) in enumerate(cases)], "id int, s string, p string")


@case()
def parse_letters(spark):
    _ansi(spark, False)
    out = []
    for i, (s, p) in enumerate(PARSE_CASES):
        one = spark.createDataFrame([(s,)], "s string")
        out.append(one.select(F.to_timestamp("s", p).alias("ts"), F.to_date("s", p).alias("d"),
                              F.unix_timestamp("s", p).alias("u"),
                              F.expr("to_unix_timestamp(s, '%s')" % p.replace("'", "\\'")).alias("tu"),
                              F.expr("try_to_timestamp(s, '%s')" % p.replace("'", "\\'")).alias("tt"))
                   .collect())
    return out


@case()
def parse_column_of_patterns(spark):
    _ansi(spark, False)
    df = _parse_df(spark, PARSE_CASES[:10])
    return df.select("id", F.to_timestamp("s", F.col("p")).alias("ts")).orderBy("id")


@case()
def parse_zone_session(spark):
    _ansi(spark, False)
    spark.conf.set("spark.sql.session.timeZone", "America/Los_Angeles")
    df = _parse_df(spark, [("2024-07-01 10:00:00", "yyyy-MM-dd HH:mm:ss"),
                           ("2024-07-01 10:00:00 +02:00", "yyyy-MM-dd HH:mm:ss XXX"),
                           ("2024-07-01 10:00:00 UTC", "yyyy-MM-dd HH:mm:ss z")])
    rows = []
    for r in df.collect():
        one = spark.createDataFrame([(r.s,)], "s string")
        rows.append(one.select(F.to_timestamp("s", r.p).alias("ts"), F.to_date("s", r.p).alias("d"),
                               F.unix_timestamp("s", r.p).alias("u")).collect())
    return rows


ANSI_FAILURES = [
    ("2024-02-30", "yyyy-MM-dd"),
    ("2023-02-29", "yyyy-MM-dd"),
    ("2024-13-01", "yyyy-MM-dd"),
    ("2024-01-01 25:00", "yyyy-MM-dd HH:mm"),
    ("2024-01-01 10:61", "yyyy-MM-dd HH:mm"),
    ("25", "HH"),
    ("32", "dd"),
    ("13", "MM"),
    ("400 2024", "DDD yyyy"),
    ("366 2023", "DDD yyyy"),
    ("13 PM", "hh a"),
    ("0 PM", "hh a"),
    ("2024-01", "yyyy-MM-dd"),
    ("x", "yyyy"),
    ("2024-02-29 13:45:30.1234", "yyyy-MM-dd HH:mm:ss.SSS"),
]


@case()
def parse_ansi_errors(spark, fx):
    _ansi(spark, True)
    out = []
    for s, p in ANSI_FAILURES:
        one = spark.createDataFrame([(s,)], "s string")
        out.append(fx.error(lambda: one.select(F.to_timestamp("s", p)).collect()))
        out.append(fx.error(lambda: one.select(F.to_date("s", p)).collect()))
        out.append(fx.error(lambda: one.select(F.unix_timestamp("s", p)).collect()))
        out.append(one.select(F.expr("try_to_timestamp(s, '%s')" % p)).collect())
    return out


PARSE_PATTERN_ERRORS = ["EEE MMM d yyyy", "QQQ yyyy", "q", "yyyy-ww", "e", "GGGGG", "n", "yyyy F",
                        "Y", "u", "V", "b", "yyyy' x"]


@case()
def parse_pattern_errors(spark, fx):
    out = []
    for ansi in (False, True):
        _ansi(spark, ansi)
        one = spark.createDataFrame([("2024",)], "s string")
        for p in PARSE_PATTERN_ERRORS:
            out.append(fx.error(lambda p=p: one.select(F.to_timestamp("s", p)).collect()))
    return out


@case(versions=("4",))
def parse_strict_widths(spark, fx):
    # Spark 3.5 reports these as PARSE_DATETIME_BY_NEW_PARSER (its legacy
    # parser would accept them); Spark 4 returns NULL, or raises under ANSI.
    cases = [("2024-2-9", "yyyy-MM-dd"), ("12345", "yyyy"), (" 2024-02-29", "yyyy-MM-dd"),
             ("2024-02-29 extra", "yyyy-MM-dd")]
    out = []
    _ansi(spark, False)
    for s, p in cases:
        out.append(spark.createDataFrame([(s,)], "s string").select(F.to_timestamp("s", p)).collect())
    _ansi(spark, True)
    for s, p in cases:
        one = spark.createDataFrame([(s,)], "s string")
        out.append(fx.error(lambda: one.select(F.to_timestamp("s", p)).collect()))
    return out
