"""Record Apache Spark's show()/_repr_html_ output for the internal/show tests.

Run it with the oracle interpreter (pyspark 4.2.0 with jars):

    TZ=UTC .venv/oracle/bin/python internal/show/testdata/record.py

It starts a local Spark Connect server (``remote("local[1]")``) and, for every
dataset below, writes into this directory:

  <name>.arrow   the dataset's rows exactly as the Connect server sent them
                 (Arrow IPC file; the Spark schema JSON is stored in the
                 schema metadata under "spark.schema")
  <name>.golden  the text the server returned for each ShowString /
                 HtmlString relation listed for the dataset

and html4_entities.go, the table of characters Spark's HTML escaping
(commons-text escapeHtml4) replaces, read from the running JVM.

Run with a pyspark 3.5 interpreter (.venv/py35) it uses a classic local
session and writes <name>.spark35.golden files (show text only).

Golden file format: a "### " header line per show, then exactly len bytes of
output, then a newline:

    ### show numRows=20 truncate=20 vertical=false len=123
    <123 bytes>

A "tz=<id>" field before len names the session time zone the show ran in
(datasets with a "zones" list), overriding the dataset's; a
"binaryOutputStyle=<style>" field the spark.sql.binaryOutputStyle it ran with.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def values(typ, *rows):
    """SQL for a one-column dataset `v` of the given type."""
    return "select cast(v as %s) as v from values %s as t(v)" % (
        typ,
        ", ".join("(%s)" % r for r in rows),
    )


# Each dataset: name, SQL (or a function of the session), session time zone,
# and the show calls to record: ("show", numRows, truncate, vertical) or
# ("html", numRows, truncate).
DATASETS = [
    dict(
        name="basic",
        sql="select id, id * id as square, concat('row', id) as label from range(5)",
        shows=[
            ("show", 20, 20, False),
            ("show", 5, 20, False),
            ("show", 3, 20, False),
            ("show", 1, 20, False),
            ("show", 0, 20, False),
            ("show", -1, 20, False),
            ("show", 20, 0, False),
            ("show", 2, 0, False),
            ("show", 20, -1, False),
            ("show", 20, 20, True),
            ("show", 2, 20, True),
            ("show", 1, 0, True),
            ("html", 20, 20),
            ("html", 1, 20),
            ("html", 0, 20),
        ],
    ),
    dict(
        name="empty",
        sql="select 1 as a, 'x' as b where false",
        shows=[
            ("show", 20, 20, False),
            ("show", 20, 0, False),
            ("show", 20, 20, True),
            ("show", 0, 20, True),
            ("html", 20, 20),
        ],
    ),
    dict(
        name="nocols",
        df=lambda spark: spark.range(3).select(),
        shows=[
            ("show", 20, 20, False),
            ("show", 2, 20, False),
            ("show", 20, 0, False),
            ("html", 20, 20),
            ("html", 2, 20),
        ],
    ),
    dict(
        name="integral",
        sql="select * from values "
        "(cast(-128 as tinyint), cast(-32768 as smallint), -2147483648, -9223372036854775808L, true), "
        "(cast(127 as tinyint), cast(32767 as smallint), 2147483647, 9223372036854775807L, false), "
        "(cast(0 as tinyint), cast(0 as smallint), 0, 0L, null), "
        "(null, null, null, null, null) as t(b, s, i, l, bo)",
        shows=[("show", 20, 20, False), ("show", 20, 0, True), ("html", 20, 20)],
    ),
    dict(
        name="doubles",
        sql=values(
            "double",
            "1.0E10D", "1.0E-5D", "0.1D", "double('NaN')", "-0.0D", "0.0D", "100.0D",
            "1.2345678E7D", "1234567.0D", "1.0E7D", "9999999.999D", "0.001D", "9.9E-4D",
            "1.0E-4D", "1.0E100D", "1.0E-100D", "4.9E-324D", "1.7976931348623157E308D",
            "double('Infinity')", "double('-Infinity')", "0.1D + 0.2D", "1.0D / 3",
            "-1.5E-10D", "123456789.123D", "2.5D", "-42.0D", "1.0E21D", "1.0E22D", "null",
        ),
        shows=[("show", 40, 20, False), ("show", 40, 0, False), ("show", 3, 6, False)],
    ),
    dict(
        name="floats",
        sql=values(
            "float",
            "1.1", "3.4028235E38", "1.4E-45", "0.1", "16777216", "1.0E7", "9999999",
            "0.001", "1.0E-4", "-0.0", "float('NaN')", "float('-Infinity')", "3.14159",
            "100", "1.0E10", "null",
        ),
        shows=[("show", 40, 0, False)],
    ),
    dict(
        name="decimals",
        sql="select * from values "
        "(1.50BD, cast(-0.001 as decimal(10,5)), cast(12345678901234567890123456789012345678 as decimal(38,0)), "
        "cast(0 as decimal(10,3)), cast(1e-20 as decimal(38,30)), cast(-99999.99 as decimal(7,2))), "
        "(-0.5BD, cast(123.45678 as decimal(10,5)), cast(-99999999999999999999999999999999999999 as decimal(38,0)), "
        "cast(-1.5 as decimal(10,3)), cast(-1 as decimal(38,30)), null), "
        "(0.00BD, null, 0BD, cast(7 as decimal(10,3)), cast(0 as decimal(38,30)), cast(0.01 as decimal(7,2))) "
        "as t(a, b, c, d, e, f)",
        shows=[("show", 20, 20, False), ("show", 20, 0, False), ("html", 20, 0)],
    ),
    dict(
        name="datetime_utc",
        tz="UTC",
        sql="select * from values "
        "(date'2024-01-02', timestamp'2024-01-02 03:04:05.123', timestamp_ntz'2024-01-02 03:04:05.1'), "
        "(date'1970-01-01', timestamp'2024-01-02 03:04:05.123456', timestamp_ntz'2024-01-02 03:04:05.000001'), "
        "(date'1969-12-31', timestamp'1969-12-31 23:59:59.999999', timestamp_ntz'1969-12-31 23:59:59.5'), "
        "(date'0001-01-01', timestamp'0001-01-01 00:00:00', timestamp_ntz'0001-01-01 00:00:00'), "
        "(date'9999-12-31', timestamp'9999-12-31 23:59:59.999999', timestamp_ntz'9999-12-31 23:59:59.999999'), "
        "(make_date(-44, 3, 15), make_timestamp(-44, 3, 15, 12, 0, 0), make_timestamp_ntz(-44, 3, 15, 12, 0, 0.25)), "
        "(make_date(10000, 1, 1), make_timestamp(10000, 1, 1, 0, 0, 0), make_timestamp_ntz(10000, 1, 1, 0, 0, 0)), "
        "(make_date(0, 6, 1), make_timestamp(0, 6, 1, 1, 2, 3.45), make_timestamp_ntz(0, 6, 1, 1, 2, 3)), "
        "(date'1582-10-04', timestamp'1582-10-15 00:00:00', timestamp_ntz'1582-10-10 00:00:00'), "
        "(null, null, null) as t(d, ts, ntz)",
        shows=[("show", 20, 0, False), ("show", 20, 20, False), ("show", 3, 0, True)],
    ),
    dict(
        name="datetime_la",
        tz="America/Los_Angeles",
        sql="select ts, cast(ts as timestamp_ntz) as ntz, cast(ts as date) as d from values "
        "(timestamp'2024-01-02 03:04:05.5Z'), (timestamp'2024-07-01 12:00:00Z'), "
        "(timestamp'2024-03-10 09:59:59Z'), (timestamp'2024-03-10 10:00:00Z'), "
        "(timestamp'2024-11-03 08:30:00Z'), (timestamp'2024-11-03 09:30:00Z'), "
        "(timestamp'1883-11-18 12:00:00Z'), (timestamp'1850-06-01 00:00:00Z'), "
        "(timestamp'1970-01-01 00:00:00Z'), (timestamp'2100-07-04 00:00:00.001Z') as t(ts)",
        shows=[("show", 20, 0, False)],
    ),
    dict(
        name="datetime_offset",
        tz="+05:30",
        sql="select ts, array(ts) as arr from values "
        "(timestamp'2024-01-02 03:04:05Z'), (timestamp'2024-01-01 20:00:00.75Z'), (timestamp'1900-01-01 00:00:00Z') as t(ts)",
        shows=[("show", 20, 0, False)],
    ),
    dict(
        name="datetime_kolkata",
        tz="Asia/Kolkata",
        sql="select ts from values "
        "(timestamp'2024-01-02 03:04:05Z'), (timestamp'1900-01-01 00:00:00Z'), (timestamp'1942-09-01 00:00:00Z') as t(ts)",
        shows=[("show", 20, 0, False)],
    ),
    dict(
        name="datetime_shortid",
        tz="PST",
        sql="select ts from values (timestamp'2024-01-02 03:04:05Z'), (timestamp'2024-07-02 03:04:05Z') as t(ts)",
        shows=[("show", 20, 0, False)],
    ),
    dict(
        name="zones",
        sql="select ts, array(ts) as a from values "
        "(timestamp'2024-01-15 12:00:00Z'), (timestamp'2024-07-15 12:00:00.5Z'), "
        "(timestamp'1900-01-01 00:00:00Z'), (timestamp'1960-06-01 00:00:00Z'), (timestamp'1944-08-01 00:00:00Z'), "
        "(timestamp'2050-12-31 23:59:59.999999Z') as t(ts)",
        zones=[
            "UTC", "Z", "+8:00", "+08:00", "-08:00", "+0530", "+05", "-5", "+05:30:15", "GMT",
            "GMT+8", "UTC+05:30", "UT-03", "EST", "MST", "HST", "CTT", "IST", "Europe/London",
            "Asia/Kathmandu", "Australia/Lord_Howe", "America/St_Johns", "Pacific/Kiritimati",
            "Etc/GMT+5", "EST5EDT", "CST6CDT", "MST7MDT", "PST8PDT", "CET", "MET", "EET", "WET",
            "America/Sao_Paulo", "US/Pacific", "Asia/Tehran", "Africa/Casablanca",
        ],
        shows=[("show", 20, 0, False)],
    ),
    dict(
        name="binary",
        sql="select * from values (X'0102FF', array(X'01', null, X'')), (X'', array()), "
        "(X'00FFAB10', null), (null, array(X'DEADBEEF')) as t(b, ab)",
        shows=[("show", 20, 20, False), ("show", 20, 0, False), ("html", 20, 20)],
    ),
    dict(
        name="binary_styles",
        min_version=4,
        sql="select * from values (X'0102FF41', array(X'4142', null), named_struct('b', X'')), "
        "(X'', array(), named_struct('b', X'68C3A9')), (null, null, null) as t(b, ab, sb)",
        binary_styles=["UTF-8", "BASIC", "BASE64", "HEX", "HEX_DISCRETE"],
        shows=[("show", 20, 0, False)],
    ),
    dict(
        name="nulls",
        sql="select array(1, null) as a, map('a', 1, 'b', null) as m, "
        "named_struct('x', 1, 'y', cast(null as string)) as st, cast(null as int) as n, "
        "null as v, array(null) as av, named_struct('a', null, 'b', array(null, null)) as sn, "
        "cast(null as array<int>) as na, cast(null as map<string,int>) as nm, "
        "cast(null as struct<a:int>) as ns",
        shows=[("show", 20, 20, False), ("show", 20, 0, True), ("html", 20, 20)],
    ),
    dict(
        name="nested",
        sql="select "
        "array(array(1, 2), array(), null, array(3)) as aa, "
        "map('k1', named_struct('x', 1, 'y', array('a', 'b')), 'k2', null) as ms, "
        "named_struct('id', 7, 'tags', array('p,q', ''), 'props', map(1, 1.5D, 2, 1.0E10D)) as s, "
        "array(map('a', array(1, null)), map()) as am, "
        "map(named_struct('k', 1), 'struct key', named_struct('k', 2), 'other') as mk, "
        "map(array(1, 2), map('z', true)) as mm, "
        "array(date'2024-01-02', null) as ad, "
        "array(timestamp'2024-01-02 03:04:05.6', timestamp_ntz'2024-01-02 03:04:05') as ats, "
        "array(1.50BD, -2.25BD) as adec, "
        "array(cast(1.5 as float), cast('NaN' as float)) as af, "
        "named_struct('inner', named_struct('deeper', named_struct('x', null))) as deep, "
        "array(named_struct('a', 1, 'b', 'x'), named_struct('a', 2, 'b', null)) as astruct",
        shows=[("show", 20, 0, False), ("show", 20, 20, False), ("show", 20, 30, True), ("html", 20, 0)],
    ),
    dict(
        name="intervals_dt",
        sql="select * from values "
        "(interval '1 02:03:04.5' day to second, interval '3' day, interval '1 02' day to hour, "
        "interval '1 02:03' day to minute, interval '26' hour, interval '26:07' hour to minute, "
        "interval '26:07:08.000001' hour to second, interval '1500' minute, interval '1500:09.9' minute to second, "
        "interval '100000.123' second), "
        "(interval '-1 02:03:04.000001' day to second, interval '-3' day, interval '-1 02' day to hour, "
        "interval '-1 02:03' day to minute, interval '-5' hour, interval '-0:07' hour to minute, "
        "interval '-0:00:01' hour to second, interval '-1' minute, interval '-0:05' minute to second, "
        "interval '-5.5' second), "
        "(interval '0 00:00:00' day to second, interval '0' day, interval '0 00' day to hour, "
        "interval '0 00:00' day to minute, interval '0' hour, interval '0:00' hour to minute, "
        "interval '0:00:00' hour to second, interval '0' minute, interval '0:00' minute to second, "
        "interval '0' second), "
        "(interval '106751991 04:00:54.775807' day to second, interval '106751991' day, "
        "interval '106751991 04' day to hour, interval '106751991 04:00' day to minute, "
        "interval '2562047788' hour, interval '2562047788:00' hour to minute, "
        "interval '2562047788:00:54.775807' hour to second, interval '153722867280' minute, "
        "interval '153722867280:54.775807' minute to second, interval '9223372036854.775807' second), "
        "(interval '-106751991 04:00:54.775808' day to second, interval '-106751991' day, "
        "interval '-106751991 04' day to hour, interval '-106751991 04:00' day to minute, "
        "interval '-2562047788' hour, interval '-2562047788:00' hour to minute, "
        "interval '-2562047788:00:54.775808' hour to second, interval '-153722867280' minute, "
        "interval '-153722867280:54.775808' minute to second, interval '-9223372036854.775808' second), "
        "(interval '0 00:00:10' day to second, null, null, null, null, null, "
        "interval '0:00:10.25' hour to second, null, interval '0:09.75' minute to second, interval '10' second) "
        "as t(dts, d, dh, dm, h, hm, hs, m, ms, s)",
        shows=[("show", 20, 0, False), ("show", 20, 0, True)],
    ),
    dict(
        name="intervals_ym",
        sql="select * from values "
        "(interval '1-2' year to month, interval '3' year, interval '14' month), "
        "(interval '-1-2' year to month, interval '-3' year, interval '-14' month), "
        "(interval '0-0' year to month, interval '0' year, interval '0' month), "
        "(interval '-0-5' year to month, interval '178956970' year, interval '-2147483648' month), "
        "(interval '178956970-7' year to month, interval '-178956970' year, interval '2147483647' month), "
        "(null, null, null) as t(ym, y, m)",
        shows=[("show", 20, 0, False)],
    ),
    dict(
        name="intervals_calendar",
        sql="select * from values "
        "(make_interval(1, 2, 3, 4, 5, 6, 7.5)), (make_interval(0, 0, 0, 0, 0, 0, 0)), "
        "(make_interval(0, -14, 0, -1, 0, 0, -0.000001)), (make_interval(0, 12, 0, 0, 0, 0, 0)), "
        "(make_interval(0, 0, 0, 0, 25, 0, 0)), (make_interval(0, 0, 0, 0, 0, 0, 0.5)), "
        "(make_interval(0, 0, 0, 0, 1, 30, 0)), (null) as t(ci)",
        shows=[("show", 20, 0, False)],
    ),
    dict(
        name="strings",
        sql=values(
            "string",
            "'plain'", "'a\\nb'", "'a\\nb\\tc\\rd\\u000Ce\\bf\\u000Bg\\u0007h'",
            "'日本語テキスト'", "'héllo wörld'", "'😀😀😀😀😀😀😀😀'", "''", "'   spaces  '",
            "'ｆｕｌｌ'", "'한국어'", "'e\\u0301'", "'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMN'",
            "'back\\\\slash'", "'12345'", "'NULL'", "'x😀y'", "null",
        ),
        shows=[
            ("show", 40, 20, False),
            ("show", 40, 0, False),
            ("show", 40, 5, False),
            ("show", 40, 6, False),
            ("show", 40, 3, False),
            ("show", 40, 1, False),
            ("show", 40, 4, True),
            ("show", 40, 0, True),
            ("html", 40, 20),
            ("html", 40, 0),
        ],
    ),
    dict(
        name="headers",
        sql="select 1 as `a\nb`, 2 as `日本`, 3 as `<x&y>`, 'v' as `a_column_name_longer_than_twenty`, "
        "'日本語' as `t\tab`, 4 as `x`",
        shows=[
            ("show", 20, 20, False),
            ("show", 20, 5, False),
            ("show", 20, 0, False),
            ("show", 20, 20, True),
            ("html", 20, 20),
        ],
    ),
    dict(
        name="html",
        sql=values(
            "string",
            "'<b>bold</b> & \"quoted\" \\'single\\''", "'café ©2024 €5 — α∑ ü'",
            "'nbsp:\\u00A0end'", "'😀 & <'", "'Ω ∞ ≠ ← ♠ ‹ › ‰ †'", "'plain text'", "null",
        ),
        shows=[("html", 20, 20), ("html", 20, 0), ("html", 3, 5)],
    ),
    dict(
        name="html_nested",
        sql="select array('<a>', null) as `a<b>`, map('k&', '\"v\"') as m, named_struct('x', '<') as s",
        shows=[("html", 20, 20), ("show", 20, 20, False)],
    ),
    dict(
        name="variant",
        min_version=4,
        sql="select parse_json(j) as v from values "
        "('{\"b\":[1,2.5,\"x\",null,true],\"a\":1}'), ('\"str\"'), ('123'), ('1.5e10'), ('null'), "
        "('[]'), ('{}'), ('{\"k\":{\"nested\":[{\"z\":false}]}}'), ('\"tab\\\\tquote\\\\\"\"'), "
        "('12345678901234567890'), ('-0.125'), ('3.0') as t(j)",
        shows=[("show", 20, 0, False)],
    ),
    dict(
        name="variant_casts",
        min_version=4,
        tz="America/Los_Angeles",
        sql="select cast(date'2024-01-02' as variant) as d, "
        "cast(timestamp'2024-01-02 03:04:05.5' as variant) as ts, "
        "cast(timestamp'2024-01-02 03:04:05' as variant) as ts0, "
        "cast(timestamp_ntz'2024-01-02 03:04:05.123' as variant) as ntz, "
        "cast(X'0102FF' as variant) as b, cast(cast(1.5 as float) as variant) as f, "
        "cast(1.50BD as variant) as dec, cast(1.0E10D as variant) as dbl, "
        "cast(cast(7 as tinyint) as variant) as t, "
        "cast('a\"b\\\\c\nd\u0001\u001Fé/\t' as variant) as str, "
        "to_variant_object(named_struct('z', 1, 'a', array(1, null), 'm', map('k', 'v'))) as obj, "
        "cast(array(1, 2) as variant) as arr, cast(null as variant) as n, "
        "cast(make_date(10000, 1, 1) as variant) as bigd, cast(make_date(-44, 3, 15) as variant) as negd, "
        "cast(double('NaN') as variant) as nan, cast(float('-Infinity') as variant) as ninf, "
        "cast(123456789012345678901234567890.5BD as variant) as bigdec, "
        "cast(cast(0 as decimal(10,3)) as variant) as zdec, cast(-100.00BD as variant) as hdec, "
        "parse_json('[1.0, 1.10, 100, 1E2, 0.000001, 1e-7, 1e400, -0.0]') as nums, "
        "cast(timestamp'1969-12-31 23:59:59.999999Z' as variant) as neg_ts, "
        "cast(timestamp_ntz'0001-01-01 00:00:00' as variant) as old_ntz",
        shows=[("show", 20, 0, True)],
    ),
]


# Session time zone ids to check how Spark resolves them: each is set as
# spark.sql.session.timeZone and a fixed instant is cast to string
# (zone_ids.json: id, whether Spark accepted it, and the string).
ZONE_IDS = [
    "UTC", "Z", "z", "utc", "UT", "GMT", "Etc/UTC", "+8", "+8:00", "+08:0", "+1:30", "+18:00",
    "-18:00", "+19:00", "+123", "+05:30:15", "+053015", "GMT-8:00", "UTC+8:00", "UTC+1", "GMT+",
    "PST", "pst", "EST", "MST", "HST", "Local", "Mars/Olympus", "america/los_angeles",
    " UTC", "America/Los_Angeles ", "Asia/Kolkata", "Etc/GMT-14",
]
ZONE_INSTANT = "timestamp'2024-07-01 00:00:00Z'"


def record_zone_ids(spark, out):
    import json

    rows = []
    for z in ZONE_IDS:
        try:
            spark.conf.set("spark.sql.session.timeZone", z)
            value = spark.sql("select cast(%s as string)" % ZONE_INSTANT).collect()[0][0]
            rows.append({"id": z, "ok": True, "value": value})
        except Exception:
            rows.append({"id": z, "ok": False})
    spark.conf.set("spark.sql.session.timeZone", "UTC")
    with open(os.path.join(out, "zone_ids.json"), "w", encoding="utf-8") as f:
        json.dump({"instant": ZONE_INSTANT, "zones": rows}, f, indent=1)
        f.write("\n")
    print("recorded", len(rows), "zone ids")


def parse_args():
    out = HERE
    only = None
    args = sys.argv[1:]
    while args:
        a = args.pop(0)
        if a == "--out":
            out = args.pop(0)
        elif a == "--only":
            only = set(args.pop(0).split(","))
        else:
            raise SystemExit("usage: record.py [--out DIR] [--only name,name]")
    return out, only


def header(show, text, setting=None):
    n = len(text.encode("utf-8"))
    tz = "" if setting is None else " %s=%s" % setting
    if show[0] == "show":
        return "### show numRows=%d truncate=%d vertical=%s%s len=%d\n" % (
            show[1], show[2], "true" if show[3] else "false", tz, n)
    return "### html numRows=%d truncate=%d%s len=%d\n" % (show[1], show[2], tz, n)


# Per-show settings a dataset can vary: (header field, Spark conf, values).
SETTINGS = [
    ("tz", "spark.sql.session.timeZone", "zones"),
    ("binaryOutputStyle", "spark.sql.binaryOutputStyle", "binary_styles"),
]


def settings(spark, ds):
    """Yield None, or (field, value) after setting the conf for each value."""
    for field, conf, key in SETTINGS:
        if key in ds:
            for value in ds[key]:
                try:
                    spark.conf.set(conf, value)
                except Exception as e:
                    print("skipped", conf, value, str(e).splitlines()[0][:200])
                    continue
                yield (field, value)
            if conf != "spark.sql.session.timeZone":
                spark.conf.unset(conf)
            return
    yield None


def write_golden(path, ds, results, version):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("# Recorded from Apache Spark %s by record.py; do not edit.\n" % version)
        for show, setting, text in results:
            f.write(header(show, text, setting))
            f.write(text)
            f.write("\n")


def record_connect(out, only):
    import pyarrow as pa
    from pyspark.sql import SparkSession
    from pyspark.sql.connect import plan
    from pyspark.sql.connect.dataframe import DataFrame
    from pyspark import SparkContext

    spark = SparkSession.builder.remote("local[1]").getOrCreate()
    version = spark.version
    for ds in DATASETS:
        if only and ds["name"] not in only:
            continue
        spark.conf.set("spark.sql.session.timeZone", ds.get("tz", "UTC"))
        df = ds["df"](spark) if "df" in ds else spark.sql(ds["sql"])
        table, schema = df._to_table()
        # A Connect result without columns carries no rows; keep the count.
        meta = {
            b"spark.schema": schema.json().encode("utf-8"),
            b"spark.timeZone": ds.get("tz", "UTC").encode(),
            b"spark.numRows": str(df.count()).encode(),
        }
        table = table.replace_schema_metadata(meta)
        with pa.OSFile(os.path.join(out, ds["name"] + ".arrow"), "wb") as sink:
            with pa.ipc.new_file(sink, table.schema) as w:
                w.write_table(table)
        results = []
        for setting in settings(spark, ds):
            for show in ds["shows"]:
                if show[0] == "show":
                    p = plan.ShowString(child=df._plan, num_rows=show[1], truncate=show[2], vertical=show[3])
                else:
                    p = plan.HtmlString(child=df._plan, num_rows=show[1], truncate=show[2])
                t, _ = DataFrame(p, spark)._to_table()
                results.append((show, setting, t.column(0)[0].as_py()))
        write_golden(os.path.join(out, ds["name"] + ".golden"), ds, results, version)
        print("recorded", ds["name"])
    if not only or "zone_ids" in only:
        record_zone_ids(spark, out)
    write_entities(SparkContext._jvm, out)
    spark.stop()


def write_entities(jvm, out):
    esc = jvm.org.apache.commons.text.StringEscapeUtils
    sep = "\u0001"
    cps = [c for c in range(0x20, 0x10000) if not (0xD800 <= c <= 0xDFFF)]
    src = sep.join(chr(c) for c in cps)
    got = esc.escapeHtml4(src).split(sep)
    assert len(got) == len(cps)
    rows = [(c, g) for c, g in zip(cps, got) if g != chr(c)]
    with open(os.path.join(out, "..", "html4_entities.go"), "w", encoding="utf-8") as f:
        f.write("// Code generated by testdata/record.py from Apache Spark's HTML escaping; DO NOT EDIT.\n\n")
        f.write("package show\n\n")
        f.write("// html4Entities maps each character Spark's htmlString escapes to its\n")
        f.write("// replacement (the HTML 4.01 named character references).\n")
        f.write("var html4Entities = map[rune]string{\n")
        for c, g in rows:
            f.write("\t0x%04X: %s,\n" % (c, '"' + g.replace("\\", "\\\\").replace('"', '\\"') + '"'))
        f.write("}\n")
    print("recorded", len(rows), "HTML entities")


def record_classic(out, only):
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[1]")
             .config("spark.ui.enabled", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    version = spark.version
    major = int(version.split(".")[0])
    for ds in DATASETS:
        if only and ds["name"] not in only:
            continue
        if ds.get("min_version", 0) > major:
            continue
        spark.conf.set("spark.sql.session.timeZone", ds.get("tz", "UTC"))
        try:
            df = ds["df"](spark) if "df" in ds else spark.sql(ds["sql"])
            results = []
            for setting in settings(spark, ds):
                for show in ds["shows"]:
                    if show[0] == "show":
                        text = df._jdf.showString(show[1], show[2], show[3])
                    else:
                        text = df._jdf.htmlString(show[1], show[2])
                    results.append((show, setting, text))
        except Exception as e:  # a dataset this version cannot build
            print("skipped", ds["name"], str(e).splitlines()[0][:200])
            continue
        tag = "spark%d%s" % (major, version.split(".")[1])
        write_golden(os.path.join(out, "%s.%s.golden" % (ds["name"], tag)), ds, results, version)
        print("recorded", ds["name"], tag)
    spark.stop()


def main():
    out, only = parse_args()
    import pyspark

    if int(pyspark.__version__.split(".")[0]) >= 4:
        record_connect(out, only)
    else:
        record_classic(out, only)


if __name__ == "__main__":
    main()
