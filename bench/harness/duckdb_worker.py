"""Raw DuckDB, in its own process: the engine limit.

Started by the harness as ``python -m harness.duckdb_worker ADDRESS`` (authkey
in $EMBER_BENCH_AUTHKEY); it connects back over a local Unix socket and
serves requests.  Query times are taken here, around execute + fetching the
whole answer as an Arrow table, so they contain no client/server transport.
Keeping DuckDB in its own process lets the harness measure its start-up time
and RSS the same way as for the servers.
"""

import os
import sys
import threading
import time

import duckdb  # noqa: E402  (imported before connecting: part of start-up)

CON = duckdb.connect(":memory:")

from multiprocessing.connection import Client  # noqa: E402

from harness.sessions import DuckDBSession, collect_run, concurrency_run, latency_loop, short_error  # noqa: E402


def handle(main, req):
    op = req["op"]
    if op == "trivial":
        main.trivial()
        return {"ok": True, "version": duckdb.__version__}
    if op == "register":
        main.register(req["data_dir"])
        return {"ok": True}
    if op == "sql":
        timer = threading.Timer(req.get("timeout", 600), main.interrupt)
        timer.start()
        try:
            t0 = time.perf_counter()
            table = main.sql_arrow(req["text"])
            dt = time.perf_counter() - t0
        finally:
            timer.cancel()
        return {"ok": True, "seconds": dt, "table": table}
    if op == "latency":
        return {"ok": True, "result": latency_loop(main, req["calls"], req["warmup"], req["deadline"])}
    if op == "collect":
        return {"ok": True, "result": collect_run(main, req["rows"])}
    if op == "concurrency":
        res = concurrency_run(
            lambda: DuckDBSession(CON.cursor(), views_exist=True),
            req["data_dir"],
            req["sessions"],
            req["per_session"],
            req["deadline"],
        )
        return {"ok": True, "result": res}
    if op == "settings":
        rows = CON.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name IN ('threads', 'memory_limit')"
        ).fetchall()
        return {"ok": True, "result": dict(rows)}
    raise ValueError(f"unknown op {op}")


def main():
    address = sys.argv[1]
    authkey = bytes.fromhex(os.environ["EMBER_BENCH_AUTHKEY"])
    conn = Client(address, family="AF_UNIX", authkey=authkey)
    session = DuckDBSession(CON.cursor())
    while True:
        try:
            req = conn.recv()
        except EOFError:
            break
        if req.get("op") == "exit":
            break
        try:
            resp = handle(session, req)
        except Exception as e:  # noqa: BLE001
            resp = {"ok": False, "error": short_error(e)}
        conn.send(resp)
    conn.close()


if __name__ == "__main__":
    main()
