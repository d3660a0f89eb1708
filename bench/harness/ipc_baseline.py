"""The transfer limit: the collect() rows as a raw Arrow IPC stream over loopback TCP.

``python -m harness.ipc_baseline serve PORT ROWS`` builds the same rows the
collect() measurement asks the servers for (id, id * 2, id / 3.0; BIGINT,
BIGINT, DOUBLE), listens on 127.0.0.1:PORT and writes them as one Arrow IPC
stream to each connection.  ``measure(rows)`` starts that process, then
times connect + reading the whole stream into a pyarrow.Table on the client
side: no query, no protocol, just Arrow bytes through the loopback device.
That is the yardstick of the "collect() throughput >= 50% of raw Arrow IPC"
target.
"""

import os
import socket
import statistics
import subprocess
import sys
import time

BENCH_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BATCH_ROWS = 1 << 17  # 128Ki rows x 24 bytes: 3 MiB record batches, the size Spark-style servers send


def build(rows):
    import pyarrow as pa
    import pyarrow.compute as pc

    ids = pa.arange(0, rows)
    b = pc.multiply(ids, 2)
    c = pc.divide(pc.cast(ids, pa.float64()), 3.0)
    return pa.table({"id": ids, "b": b, "c": c})


def serve(port, rows):
    import pyarrow as pa

    table = build(rows)
    batches = table.to_batches(max_chunksize=BATCH_ROWS)
    srv = socket.create_server(("127.0.0.1", port))
    print("ready", flush=True)
    while True:
        conn, _ = srv.accept()
        with conn, conn.makefile("wb") as out:
            if conn.recv(1) != b"g":
                return
            with pa.ipc.new_stream(out, table.schema) as w:
                for b in batches:
                    w.write_batch(b)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(rows, repeats=3):
    """Seconds to receive `rows` rows as Arrow IPC over loopback (median of `repeats`)."""
    import pyarrow as pa

    port = _free_port()
    env = dict(os.environ)
    env["PYTHONPATH"] = BENCH_DIR + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.Popen([sys.executable, "-m", "harness.ipc_baseline", "serve", str(port), str(rows)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        line = proc.stdout.readline().decode().strip()
        if line != "ready":
            raise RuntimeError(f"IPC baseline server did not start: {line} {proc.stdout.read().decode()[-500:]}")
        times = []
        for _ in range(repeats + 1):  # the first read warms the page cache and the socket path
            t0 = time.perf_counter()
            with socket.create_connection(("127.0.0.1", port)) as conn:
                conn.sendall(b"g")
                with conn.makefile("rb") as f:
                    table = pa.ipc.open_stream(f).read_all()
            times.append(time.perf_counter() - t0)
            if table.num_rows != rows:
                raise RuntimeError(f"IPC baseline returned {table.num_rows} rows, not {rows}")
        t = statistics.median(times[1:])
        return {"rows": rows, "seconds": t, "times_s": times[1:], "rows_per_s": rows / t,
                "bytes": table.nbytes, "mb_per_s": table.nbytes / t / 1e6}
    finally:
        proc.kill()
        proc.wait(timeout=10)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "serve":
        serve(int(sys.argv[2]), int(sys.argv[3]))
    else:
        print(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000))
