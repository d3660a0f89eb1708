"""The systems under test: Ember, Apache Spark (Connect), Sail, raw DuckDB.

Each system is started as its own process on 127.0.0.1 and reached either
through the PySpark Connect client (Ember, Spark, Sail) or through a local
Unix socket (the DuckDB worker).  Queries run with a timeout: the session is
interrupted first, and a server that still does not answer is killed and
restarted so that the suite carries on.
"""

import concurrent.futures
import os
import secrets
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Listener

from harness import procs
from harness.sessions import (
    ConnectSession,
    collect_run,
    concurrency_run,
    latency_loop,
    protocol_latency_loop,
    short_error,
)

BENCH_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(BENCH_DIR)


def embedded_duckdb_version():
    """DuckDB version Ember links, read from go.mod (duckdb-go-bindings v0.1MMPP.0 = DuckDB M.m.p)."""
    try:
        with open(os.path.join(ROOT, "go.mod")) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 2 and parts[0] == "github.com/duckdb/duckdb-go-bindings":
                    n = parts[1].lstrip("v").split(".")[1]  # e.g. 10506
                    return f"{int(n[:-4])}.{int(n[-4:-2])}.{int(n[-2:])}"
    except (OSError, IndexError, ValueError):
        pass
    return None


class QueryFailure(Exception):
    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind  # "error" | "timeout" | "crash"
        self.message = message


class System:
    name = "?"
    supports_df = True
    start_timeout = 120.0

    def __init__(self, workdir, opts):
        self.workdir = os.path.join(workdir, self.name)
        os.makedirs(self.workdir, exist_ok=True)
        self.opts = opts
        self.data_dir = None
        self.restarts = 0
        self.sampler = None
        self.peak_rss_mb = 0.0
        self.info = {}

    # -- lifecycle -------------------------------------------------------
    def start_measured(self):
        """Start the process; return seconds from process start to the first answered query."""
        raise NotImplementedError

    def pid(self):
        raise NotImplementedError

    def alive(self):
        raise NotImplementedError

    def stop(self):
        raise NotImplementedError

    def open_main(self, data_dir):
        raise NotImplementedError

    def start_sampler(self):
        self.sampler = procs.RssSampler(self.pid()).start()

    def take_peak(self):
        """Peak RSS since the last call (or since start), in MB."""
        peak = self.peak_rss_mb
        if self.sampler:
            peak = max(peak, self.sampler.stop())
            self.sampler = None
        self.peak_rss_mb = 0.0
        if self.alive():
            self.start_sampler()
        return peak

    def ensure_up(self):
        if self.alive():
            return
        if self.restarts >= self.opts.max_restarts:
            raise QueryFailure("crash", f"{self.name} is down and reached the restart limit ({self.opts.max_restarts})")
        self.restarts += 1
        if self.sampler:
            self.peak_rss_mb = max(self.peak_rss_mb, self.sampler.stop())
            self.sampler = None
        self.stop()
        self.start_measured()
        self.start_sampler()
        self.open_main(self.data_dir)

    # -- work --------------------------------------------------------------
    def run_sql(self, text, timeout):
        raise NotImplementedError

    def run_df(self, fn, params, timeout):
        raise NotImplementedError

    def latency(self, calls, warmup, deadline):
        raise NotImplementedError

    def collect(self, rows):
        raise NotImplementedError

    def concurrency(self, sessions, per_session, deadline):
        raise NotImplementedError


class ConnectSystem(System):
    """A Spark Connect server process reached with the PySpark client."""

    def __init__(self, workdir, opts):
        super().__init__(workdir, opts)
        self.server = None
        self.port = None
        self.main = None
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)

    def argv_env(self, port):
        raise NotImplementedError

    @property
    def url(self):
        return f"sc://127.0.0.1:{self.port}"

    def start_measured(self):
        self.port = procs.free_port()
        argv, env, cwd = self.argv_env(self.port)
        log = os.path.join(self.workdir, "server.log")
        self.server = procs.ServerProcess(self.name, argv, env=env, cwd=cwd, log_path=log)
        t0 = time.perf_counter()
        self.server.start()
        deadline = time.monotonic() + self.start_timeout
        while not procs.port_open(self.port, timeout=0.05):
            if not self.server.alive():
                raise RuntimeError(f"{self.name} exited during start-up:\n{self.server.log_tail()}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{self.name} did not open port {self.port} in {self.start_timeout:.0f}s")
            time.sleep(0.01)
        last = None
        while time.monotonic() < deadline:
            sess = None
            try:
                sess = ConnectSession(self.url)
                sess.trivial()
                dt = time.perf_counter() - t0
                sess.close()
                return dt
            except Exception as e:  # noqa: BLE001
                last = e
                if sess:
                    sess.close()
                if not self.server.alive():
                    break
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"{self.name} never answered SELECT 1: {short_error(last) if last else 'timeout'}")

    def pid(self):
        return self.server.pid if self.server else None

    def alive(self):
        return self.server is not None and self.server.alive()

    def stop(self):
        if self.main:
            self.main.close()
            self.main = None
        if self.server:
            self.server.stop()
            self.server = None

    def open_main(self, data_dir):
        self.data_dir = data_dir
        self.main = ConnectSession(self.url)
        self.main.register(data_dir)
        try:
            self.info["server_spark_version"] = self.main.spark.version
        except Exception:  # noqa: BLE001
            pass

    def _call(self, fn, timeout):
        """Run fn() on the worker thread; interrupt, then kill the server, when it overruns."""
        self.ensure_up()
        fut = self.pool.submit(fn)
        try:
            return fut.result(timeout=timeout)
        except concurrent.futures.TimeoutError:
            self.main.interrupt()
            try:
                fut.result(timeout=self.opts.grace)
            except concurrent.futures.TimeoutError:
                # Still stuck: end the server; the call then fails and the thread is freed.
                self.server.stop(grace=5)
                try:
                    fut.result(timeout=60)
                except Exception:  # noqa: BLE001
                    pass
            except Exception:  # noqa: BLE001
                pass
            raise QueryFailure("timeout", f"timed out after {timeout:g}s") from None
        except QueryFailure:
            raise
        except Exception as e:  # noqa: BLE001
            if not self.alive():
                tail = self.server.log_tail(8) if self.server else ""
                raise QueryFailure("crash", f"server process exited during the query: {short_error(e)}\n{tail}") from None
            raise QueryFailure("error", short_error(e)) from None

    def run_sql(self, text, timeout):
        def go():
            t0 = time.perf_counter()
            table = self.main.sql_arrow(text)
            return time.perf_counter() - t0, table

        return self._call(go, timeout)

    def run_df(self, fn, params, timeout):
        def go():
            t0 = time.perf_counter()
            table = self.main.df_arrow(fn, params)
            return time.perf_counter() - t0, table

        return self._call(go, timeout)

    def latency(self, calls, warmup, deadline):
        self.ensure_up()
        sess = ConnectSession(self.url)
        try:
            res = latency_loop(sess, calls, warmup, deadline)
        finally:
            sess.close()
        try:
            res["protocol"] = protocol_latency_loop(self.url, calls, warmup, deadline)
        except Exception as e:  # noqa: BLE001
            res["protocol"] = {"error": short_error(e)}
        return res

    def collect(self, rows):
        self.ensure_up()
        sess = ConnectSession(self.url)
        try:
            return collect_run(sess, rows)
        finally:
            sess.close()

    def concurrency(self, sessions, per_session, deadline):
        self.ensure_up()
        return concurrency_run(lambda: ConnectSession(self.url), self.data_dir, sessions, per_session, deadline)


class EmberSystem(ConnectSystem):
    name = "ember"
    start_timeout = 60.0

    def argv_env(self, port):
        wh = os.path.join(self.workdir, f"warehouse-{port}")
        os.makedirs(wh, exist_ok=True)
        argv = [self.opts.ember_bin, "serve", "--addr", f"127.0.0.1:{port}", "--warehouse", wh,
                "--log-level", self.opts.ember_log_level]
        return argv, dict(os.environ, TZ="UTC"), self.workdir

    def describe(self):
        out = {"binary": self.opts.ember_bin}
        try:
            out["version"] = subprocess.run([self.opts.ember_bin, "version"], capture_output=True, text=True,
                                            timeout=30).stdout.strip()
        except (OSError, subprocess.SubprocessError) as e:
            out["version"] = f"unknown ({e})"
        try:
            head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short=12", "HEAD"], capture_output=True,
                                  text=True, timeout=30).stdout.strip()
            dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                                   capture_output=True, text=True, timeout=30).stdout.strip()
            out["commit"] = head + ("-dirty" if dirty else "")
        except (OSError, subprocess.SubprocessError):
            pass
        out["log_level"] = self.opts.ember_log_level
        out["embedded_duckdb"] = embedded_duckdb_version()
        return out


class SparkSystem(ConnectSystem):
    name = "spark"
    start_timeout = 300.0

    def argv_env(self, port):
        home = self.opts.spark_home
        tmp = os.path.join(self.workdir, "tmp")
        wh = os.path.join(self.workdir, "warehouse")
        os.makedirs(tmp, exist_ok=True)
        os.makedirs(wh, exist_ok=True)
        env = dict(os.environ, TZ="UTC", SPARK_HOME=home, SPARK_LOCAL_IP="127.0.0.1", SPARK_LOCAL_DIRS=tmp)
        env.pop("SPARK_CONF_DIR", None)
        env.pop("SPARK_REMOTE", None)
        env.pop("SPARK_CONNECT_MODE_ENABLED", None)
        argv = [
            os.path.join(home, "bin", "spark-submit"),
            "--class", "org.apache.spark.sql.connect.service.SparkConnectServer",
            "--name", "ember-bench-spark",
            "--master", "local[*]",
            "--driver-memory", self.opts.spark_driver_memory,
            "--driver-java-options", f"-Duser.timezone=UTC -Djava.io.tmpdir={tmp}",
            "--conf", f"spark.connect.grpc.binding.port={port}",
            "--conf", "spark.connect.grpc.binding.address=127.0.0.1",
            "--conf", "spark.driver.host=127.0.0.1",
            "--conf", "spark.driver.bindAddress=127.0.0.1",
            "--conf", "spark.sql.session.timeZone=UTC",
            "--conf", "spark.ui.enabled=false",
            "--conf", "spark.log.level=WARN",
            "--conf", "spark.sql.catalogImplementation=in-memory",
            "--conf", f"spark.sql.warehouse.dir={wh}",
        ]
        return argv, env, self.workdir

    def describe(self):
        out = {"spark_home": self.opts.spark_home, "master": "local[*]", "driver_memory": self.opts.spark_driver_memory}
        try:
            v = subprocess.run(["java", "-version"], capture_output=True, text=True, timeout=30)
            out["java"] = (v.stderr or v.stdout).splitlines()[0]
        except (OSError, subprocess.SubprocessError, IndexError):
            pass
        return out


class SailSystem(ConnectSystem):
    name = "sail"
    start_timeout = 120.0

    def argv_env(self, port):
        argv = [self.opts.sail_bin, "spark", "server", "--ip", "127.0.0.1", "--port", str(port)]
        env = dict(os.environ, TZ="UTC")
        env.setdefault("RUST_LOG", "warn")
        return argv, env, self.workdir

    def describe(self):
        out = {"binary": self.opts.sail_bin}
        py = os.path.join(os.path.dirname(self.opts.sail_bin), "python")
        try:
            out["pysail"] = subprocess.run(
                [py, "-c", "import importlib.metadata as m; print(m.version('pysail'))"],
                capture_output=True, text=True, timeout=60).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            pass
        return out


class DuckDBSystem(System):
    """The duckdb Python package in a worker process, running the SQL text directly."""

    name = "duckdb"
    supports_df = False
    start_timeout = 60.0

    def __init__(self, workdir, opts):
        super().__init__(workdir, opts)
        self.proc = None
        self.conn = None
        self.listener = None

    def start_measured(self):
        sock = os.path.join(self.workdir, f"w-{secrets.token_hex(4)}.sock")
        key = secrets.token_bytes(16)
        self.listener = Listener(sock, family="AF_UNIX", authkey=key)
        env = dict(os.environ, EMBER_BENCH_AUTHKEY=key.hex(), TZ="UTC")
        env["PYTHONPATH"] = BENCH_DIR + os.pathsep + env.get("PYTHONPATH", "")
        log = open(os.path.join(self.workdir, "worker.log"), "ab")
        holder = {}

        def accept():
            try:
                holder["conn"] = self.listener.accept()
            except Exception as e:  # noqa: BLE001
                holder["error"] = e

        th = threading.Thread(target=accept, daemon=True)
        th.start()
        t0 = time.perf_counter()
        self.proc = subprocess.Popen([sys.executable, "-m", "harness.duckdb_worker", sock], env=env,
                                     stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                     start_new_session=True, cwd=self.workdir)
        log.close()
        th.join(timeout=self.start_timeout)
        if "conn" not in holder:
            self.stop()
            raise RuntimeError(f"duckdb worker did not connect: {holder.get('error')}")
        self.conn = holder["conn"]
        resp = self._request({"op": "trivial"}, self.start_timeout)
        dt = time.perf_counter() - t0
        self.info["duckdb_version"] = resp.get("version")
        return dt

    def pid(self):
        return self.proc.pid if self.proc else None

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self):
        if self.conn:
            try:
                self.conn.send({"op": "exit"})
            except OSError:
                pass
        if self.proc:
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
            self.proc = None
        if self.conn:
            self.conn.close()
            self.conn = None
        if self.listener:
            self.listener.close()
            self.listener = None

    def _request(self, req, timeout):
        try:
            self.conn.send(req)
            if not self.conn.poll(timeout + self.opts.grace):
                self.proc.kill()
                self.proc.wait(timeout=10)
                raise QueryFailure("timeout", f"timed out after {timeout:g}s (worker killed)")
            resp = self.conn.recv()
        except (EOFError, OSError) as e:
            raise QueryFailure("crash", f"duckdb worker died: {e}") from None
        if not resp.get("ok"):
            err = resp.get("error", "unknown error")
            kind = "timeout" if "INTERRUPT" in err.upper() else "error"
            raise QueryFailure(kind, err)
        return resp

    def open_main(self, data_dir):
        self.data_dir = data_dir
        self._request({"op": "register", "data_dir": data_dir}, 120)
        self.info["settings"] = self._request({"op": "settings"}, 30)["result"]

    def run_sql(self, text, timeout):
        self.ensure_up()
        resp = self._request({"op": "sql", "text": text, "timeout": timeout}, timeout)
        return resp["seconds"], resp["table"]

    def run_df(self, fn, params, timeout):
        raise QueryFailure("n/a", "DataFrame API not applicable to raw DuckDB")

    def latency(self, calls, warmup, deadline):
        self.ensure_up()
        return self._request({"op": "latency", "calls": calls, "warmup": warmup, "deadline": deadline},
                             deadline + 60)["result"]

    def collect(self, rows):
        self.ensure_up()
        return self._request({"op": "collect", "rows": rows}, self.opts.query_timeout * 2)["result"]

    def concurrency(self, sessions, per_session, deadline):
        self.ensure_up()
        return self._request({"op": "concurrency", "sessions": sessions, "per_session": per_session,
                              "deadline": deadline, "data_dir": self.data_dir}, deadline + 120)["result"]

    def describe(self):
        import duckdb

        return {"python_package": f"duckdb {duckdb.__version__}", "in_process": True}


SYSTEMS = {"ember": EmberSystem, "duckdb": DuckDBSystem, "spark": SparkSystem, "sail": SailSystem}
