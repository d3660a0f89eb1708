"""Client-side sessions and the measurement loops shared by all systems.

A *session* exposes:
    register(data_dir)          make the 8 TPC-H tables visible by name
    sql_arrow(text)             run SQL, return a pyarrow.Table
    df_arrow(fn, params)        run a DataFrame-API query (Spark Connect systems only)
    trivial()                   a trivial query, answered
    range_collect(n)            n rows x 3 columns into Python rows (PySpark collect())
    range_arrow(n)              the same rows as a pyarrow.Table
    interrupt()                 cancel what runs in this session
    close()

ConnectSession talks Spark Connect (Ember, Spark, Sail); DuckDBSession is the
in-process engine used inside harness.duckdb_worker.  The measurement loops
(latency_loop, concurrency_run) take sessions and run wherever the session
lives, so DuckDB's numbers are taken inside its own process.
"""

import os
import statistics
import threading
import time
import types

TABLES = ["region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"]

# Small queries for the concurrency test (tables nation, region, supplier).
SMALL_QUERIES = [
    "SELECT count(*) AS n FROM nation",
    "SELECT n_regionkey, count(*) AS n FROM nation GROUP BY n_regionkey ORDER BY n_regionkey",
    "SELECT s_nationkey, count(*) AS n, max(s_acctbal) AS top FROM supplier GROUP BY s_nationkey ORDER BY s_nationkey",
    "SELECT n_name FROM nation WHERE n_regionkey = 1 ORDER BY n_name",
    "SELECT r_name, count(*) AS n FROM nation JOIN region ON n_regionkey = r_regionkey GROUP BY r_name ORDER BY r_name",
]
SMALL_TABLES = ["region", "nation", "supplier"]


def table_path(data_dir, name):
    return os.path.join(data_dir, f"{name}.parquet")


class ConnectTables:
    def __init__(self, spark):
        self._spark = spark

    def __getattr__(self, name):
        return self._spark.table(name)


class ConnectSession:
    def __init__(self, url):
        from pyspark.sql import SparkSession

        self.spark = SparkSession.builder.remote(url).create()

    def register(self, data_dir, tables=TABLES):
        for t in tables:
            self.spark.read.parquet(table_path(data_dir, t)).createOrReplaceTempView(t)

    def sql_arrow(self, text):
        return self.spark.sql(text).toArrow()

    def df_arrow(self, fn, params):
        return fn(ConnectTables(self.spark), params).toArrow()

    def trivial(self):
        return self.spark.sql("SELECT 1").collect()

    def small(self, text):
        return self.spark.sql(text).collect()

    def _range_df(self, n):
        return self.spark.range(n).selectExpr("id", "id * 2 AS b", "CAST(id AS DOUBLE) / 3 AS c")

    def range_collect(self, n):
        return len(self._range_df(n).collect())

    def range_arrow(self, n):
        return self._range_df(n).toArrow().num_rows

    def interrupt(self):
        try:
            self.spark.interruptAll()
        except Exception:  # noqa: BLE001 - best effort
            pass

    def close(self):
        try:
            self.spark.stop()
        except Exception:  # noqa: BLE001
            pass


class DuckDBSession:
    """One DuckDB cursor (its own connection state) on a shared in-memory database."""

    RANGE_SQL = "SELECT range AS id, range * 2 AS b, CAST(range AS DOUBLE) / 3 AS c FROM range({n})"

    def __init__(self, con, views_exist=False):
        self.con = con
        self.views_exist = views_exist

    def register(self, data_dir, tables=TABLES):
        if self.views_exist:  # views are database-wide in DuckDB
            return
        for t in tables:
            path = table_path(data_dir, t).replace("'", "''")
            self.con.execute(f"CREATE OR REPLACE VIEW {t} AS SELECT * FROM read_parquet('{path}')")

    def sql_arrow(self, text):
        return self.con.execute(text).fetch_arrow_table()

    def trivial(self):
        return self.con.execute("SELECT 1").fetchall()

    def small(self, text):
        return self.con.execute(text).fetchall()

    def range_collect(self, n):
        return len(self.con.execute(self.RANGE_SQL.format(n=n)).fetchall())

    def range_arrow(self, n):
        return self.con.execute(self.RANGE_SQL.format(n=n)).fetch_arrow_table().num_rows

    def interrupt(self):
        self.con.interrupt()

    def close(self):
        self.con.close()


def percentile(values, p):
    if not values:
        return None
    s = sorted(values)
    k = (len(s) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def latency_loop(session, calls, warmup, deadline_s):
    """Round-trip latency of a trivial query: `calls` sequential calls, bounded by deadline_s."""
    errors = 0
    first_error = None
    for _ in range(warmup):
        try:
            session.trivial()
        except Exception as e:  # noqa: BLE001
            errors += 1
            first_error = first_error or short_error(e)
    lat = []
    end = time.monotonic() + deadline_s
    for _ in range(calls):
        if time.monotonic() > end:
            break
        t0 = time.perf_counter()
        try:
            session.trivial()
        except Exception as e:  # noqa: BLE001
            errors += 1
            first_error = first_error or short_error(e)
            continue
        lat.append(time.perf_counter() - t0)
    return {
        "calls": calls,
        "answered": len(lat),
        "errors": errors,
        "first_error": first_error,
        "p50_ms": _ms(percentile(lat, 50)),
        "p99_ms": _ms(percentile(lat, 99)),
        "mean_ms": _ms(statistics.fmean(lat)) if lat else None,
        "max_ms": _ms(max(lat)) if lat else None,
    }


def protocol_latency_loop(url, calls, warmup, deadline_s):
    """Round trip of one ExecutePlan for `SELECT 1`, sent with the generated gRPC stub.

    The same protocol request PySpark sends, without PySpark's client-side
    work (plan building, its release and reattach threads, Arrow to Row
    conversion): what the server and the transport cost per query.
    """
    import uuid

    import grpc
    from pyspark.sql.connect.proto import base_pb2, base_pb2_grpc, relations_pb2

    target = url.removeprefix("sc://")
    channel = grpc.insecure_channel(target)
    stub = base_pb2_grpc.SparkConnectServiceStub(channel)
    session_id = str(uuid.uuid4())
    request = base_pb2.ExecutePlanRequest(
        session_id=session_id,
        user_context=base_pb2.UserContext(user_id="bench"),
        client_type="ember-bench",
        plan=base_pb2.Plan(root=relations_pb2.Relation(sql=relations_pb2.SQL(query="SELECT 1"))),
    )

    def once():
        rows = 0
        for resp in stub.ExecutePlan(request):
            if resp.HasField("arrow_batch"):
                rows += resp.arrow_batch.row_count
        if rows != 1:
            raise RuntimeError(f"SELECT 1 returned {rows} rows")

    try:
        return latency_loop(types.SimpleNamespace(trivial=once), calls, warmup, deadline_s)
    finally:
        try:
            stub.ReleaseSession(base_pb2.ReleaseSessionRequest(
                session_id=session_id, user_context=base_pb2.UserContext(user_id="bench")))
        except Exception:  # noqa: BLE001 - servers without ReleaseSession
            pass
        channel.close()


def collect_run(session, rows):
    """collect() of rows x 3 columns into Python rows, then the same as Arrow."""
    out = {"rows": rows}
    for key, fn in (("collect", session.range_collect), ("to_arrow", session.range_arrow)):
        t0 = time.perf_counter()
        try:
            n = fn(rows)
            dt = time.perf_counter() - t0
            out[key] = {
                "seconds": dt,
                "rows_returned": n,
                "rows_per_s": n / dt if dt > 0 else None,
                "ok": n == rows,
            }
        except Exception as e:  # noqa: BLE001
            out[key] = {"error": short_error(e), "ok": False}
    return out


def concurrency_run(make_session, data_dir, sessions, per_session, deadline_s):
    """`sessions` threads, each with its own session, each running `per_session` small queries."""
    lat = []
    errors = []
    lock = threading.Lock()
    ready = threading.Barrier(sessions + 1, timeout=max(60.0, deadline_s))
    opened = []
    setup_errors = []
    end_holder = {}

    def worker(idx):
        sess = None
        try:
            sess = make_session()
            sess.register(data_dir, SMALL_TABLES)
            with lock:
                opened.append(sess)
        except Exception as e:  # noqa: BLE001
            with lock:
                setup_errors.append(short_error(e))
            if sess is not None:
                sess.close()
                sess = None  # a session that could not be set up runs no queries
        try:
            ready.wait()
        except threading.BrokenBarrierError:
            return
        if sess is None:
            return
        end = end_holder["end"]
        for i in range(per_session):
            if time.monotonic() > end:
                break
            q = SMALL_QUERIES[(idx + i) % len(SMALL_QUERIES)]
            t0 = time.perf_counter()
            try:
                sess.small(q)
                dt = time.perf_counter() - t0
                with lock:
                    lat.append(dt)
            except Exception as e:  # noqa: BLE001
                with lock:
                    errors.append(short_error(e))

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(sessions)]
    for th in threads:
        th.start()
    end_holder["end"] = time.monotonic() + deadline_s + 600  # placeholder until the barrier
    try:
        ready.wait()
    except threading.BrokenBarrierError:
        pass
    t0 = time.perf_counter()
    end_holder["end"] = time.monotonic() + deadline_s
    for th in threads:
        th.join(timeout=deadline_s + 60)
    wall = time.perf_counter() - t0
    for s in opened:
        s.close()
    distinct = sorted(set(errors + setup_errors))
    return {
        "sessions": sessions,
        "queries_per_session": per_session,
        "attempted": len(lat) + len(errors),
        "answered": len(lat),
        "errors": len(errors),
        "session_setup_errors": len(setup_errors),
        "error_examples": distinct[:3],
        "wall_s": wall,
        "throughput_qps": len(lat) / wall if wall > 0 else None,
        "p50_ms": _ms(percentile(lat, 50)),
        "p99_ms": _ms(percentile(lat, 99)),
        "max_ms": _ms(max(lat)) if lat else None,
    }


def _ms(v):
    return None if v is None else v * 1000.0


def short_error(e, limit=600):
    """The first meaningful lines of an exception message (no JVM stack trace)."""
    msg = str(e)
    for marker in ("\n\nJVM stacktrace:", "\nJVM stacktrace:"):
        if marker in msg:
            msg = msg.split(marker)[0]
    msg = msg.strip()
    name = type(e).__name__
    text = f"{name}: {msg}" if msg else name
    return text if len(text) <= limit else text[:limit] + "..."
