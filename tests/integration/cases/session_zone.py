"""The session time zone given as a fixed offset (+08:00, GMT+8, UTC-3, -8)
or a Java short id (PST): timestamp literals, casts to string, field
extraction, formatting and Unix time follow it. Only strings and numbers
are collected, because the PySpark client itself cannot convert
timestamps for some of these ids."""

from pyspark.sql import functions as F

from harness import case

_QUERY = ("SELECT CAST(TIMESTAMP'2024-01-01 12:00:00' AS STRING) AS s, "
          "hour(TIMESTAMP'2024-01-01 12:00:00' + INTERVAL 13 HOURS) AS h, "
          "date_format(TIMESTAMP'2024-07-01 00:30:00', 'yyyy-MM-dd HH:mm XXX') AS f, "
          "unix_timestamp(TIMESTAMP'2024-01-01 12:00:00') AS u, "
          "CAST(CAST(1704110400 AS TIMESTAMP) AS STRING) AS from_epoch, "
          "to_date(CAST(1704150000 AS TIMESTAMP)) AS d, "
          "current_timezone() AS z")


def _in_zone(spark, zone):
    spark.conf.set("spark.sql.session.timeZone", zone)
    return spark.sql(_QUERY)


@case()
def offset_plus_eight(spark):
    return _in_zone(spark, "+08:00")


@case()
def offset_minus_eight_short(spark):
    return _in_zone(spark, "-8")


@case()
def offset_gmt_prefix(spark):
    return _in_zone(spark, "GMT+8")


@case()
def offset_utc_prefix(spark):
    return _in_zone(spark, "UTC-03:00")


@case()
def java_short_id(spark):
    return _in_zone(spark, "PST")


@case()
def offset_dataframe_functions(spark):
    spark.conf.set("spark.sql.session.timeZone", "+09:00")
    df = spark.range(2).select(
        (F.col("id") * 86400 + 3600).cast("timestamp").alias("ts"))
    return df.select(F.col("ts").cast("string").alias("s"), F.hour("ts").alias("h"),
                     F.to_date("ts").cast("string").alias("d"),
                     F.from_utc_timestamp("ts", "UTC").cast("string").alias("utc"))
