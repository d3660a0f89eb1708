"""Connecting to a Spark Connect endpoint with the installed client."""

import logging
import os
import time


def quiet_client_logging() -> None:
    # The connect client logs every server error (with JVM stack) at ERROR level.
    for name in ("pyspark.sql.connect", "pyspark.sql.connect.logging", "pyspark.sql.connect.client"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    # Spark 4 clients log every query-context error as JSON on stderr. These
    # loggers must be PySparkLoggers (they are called with extra keywords).
    try:
        from pyspark.logger import PySparkLogger
    except ImportError:
        return
    for name in ("DataFrameQueryContextLogger", "SQLQueryContextLogger"):
        PySparkLogger.getLogger(name).setLevel(logging.CRITICAL)


def set_utc() -> None:
    os.environ["TZ"] = "UTC"
    if hasattr(time, "tzset"):
        time.tzset()


def new_session(url: str):
    """A brand-new server-side session (fresh conf, temp views) for one case."""
    # What SparkSession.builder.remote(url).getOrCreate() does first: put the
    # client in Connect mode, so pyspark.sql.functions build Connect columns.
    os.environ["SPARK_CONNECT_MODE_ENABLED"] = "1"
    from pyspark.sql.connect.session import SparkSession

    spark = SparkSession.builder.remote(url).create()
    quiet_client_logging()
    return spark


# pyspark 3.5's SparkConnectClient.close() (called by stop() and by
# SparkSession.__del__) shuts down a thread pool shared by all clients; when
# the garbage collector runs that __del__ on one of the pool's own threads it
# joins itself and the process hangs. So with a 3.x client, sessions are never
# stopped or collected: only their gRPC channel is closed, and a reference is
# kept until the process ends. (3.5 has no ReleaseSession RPC anyway; the
# server-side session simply idles out.)
_KEEP_ALIVE = []


def close_session(spark) -> None:
    import pyspark

    try:
        if pyspark.__version__.startswith("3."):
            _KEEP_ALIVE.append(spark)
            spark.client._channel.close()
        else:
            spark.stop()
    except Exception:  # noqa: BLE001
        pass
