"""bench/run entry point: TPC-H on Ember, DuckDB, Spark and Sail through one harness.

See bench/README.md for the method.  Invoked by bench/run as
``bench/.venv/bin/python -m harness [options]`` with bench/ as the working
directory.
"""

import argparse
import hashlib
import json
import os
import platform
import shutil
import signal
import statistics
import sys
import tempfile
import time
import traceback
from importlib import metadata

from harness import compare, datagen, dfqueries, ipc_baseline, procs, report
from harness.sessions import short_error
from harness.systems import BENCH_DIR, ROOT, SYSTEMS, QueryFailure

ALL_SYSTEMS = ["ember", "duckdb", "spark", "sail"]
ANSWERS_DIR = os.path.join(BENCH_DIR, "answers")
SQL_DIR = os.path.join(BENCH_DIR, "harness", "sql")


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def parse_args(argv):
    p = argparse.ArgumentParser(prog="bench/run", description="TPC-H and client-path benchmarks for Ember")
    p.add_argument("--sf", type=float, default=0.01, help="scale factor: 0.01 (CI smoke), 1, 10 (default 0.01)")
    p.add_argument("--systems", default="ember,duckdb,spark,sail", help="comma list of ember,duckdb,spark,sail")
    p.add_argument("--runs", type=int, default=3, help="timed runs per query and system (default 3)")
    p.add_argument("--warmup", type=int, default=1, help="untimed warm-up runs per query and system (default 1)")
    p.add_argument("--forms", default="sql,df", help="comma list of sql,df (default both)")
    p.add_argument("--queries", default="1-22", help="query numbers, e.g. 1-22 or 1,3,6 (default all)")
    p.add_argument("--query-timeout", type=float, default=None,
                   help="seconds per query run before it is interrupted (default 60 below SF1, 900 from SF1, 3600 from SF10)")
    p.add_argument("--extras", default="startup,latency,collect,concurrency",
                   help="other measurements: startup,latency,collect,concurrency or none")
    p.add_argument("--startup-runs", type=int, default=3, help="fresh starts measured per system (default 3)")
    p.add_argument("--latency-calls", type=int, default=1000)
    p.add_argument("--collect-rows", type=int, default=None,
                   help="rows for the collect() measurement (default 10,000,000 from SF1, 1,000,000 below)")
    p.add_argument("--sessions", type=int, default=32, help="concurrent sessions (default 32)")
    p.add_argument("--session-queries", type=int, default=20, help="small queries per concurrent session (default 20)")
    p.add_argument("--out", default=os.path.join(ROOT, "docs", "benchmarks"), help="output directory for JSON/MD/PNG")
    p.add_argument("--name", default=None, help="output file stem (default tpch-sf<SF>-<systems>)")
    p.add_argument("--data-dir", default=os.path.join(BENCH_DIR, ".data"))
    p.add_argument("--record-answers", action="store_true",
                   help="store Spark's SQL answers in bench/answers/sf<SF>/ as the reference for runs without Spark")
    p.add_argument("--fail-on", choices=["wrong", "error", "never"], default="wrong",
                   help="exit 1 when a system returns a wrong answer (default), also on errors, or never")
    p.add_argument("--grace", type=float, default=30.0, help="seconds after an interrupt before a server is killed")
    p.add_argument("--max-restarts", type=int, default=5, help="restarts allowed per system after crashes/hangs")
    p.add_argument("--ember-bin", default=os.environ.get("EMBER_BIN", os.path.join(ROOT, "bin", "ember")))
    p.add_argument("--ember-log-level", default="warn")
    p.add_argument("--spark-home", default=os.environ.get("BENCH_SPARK_HOME"))
    p.add_argument("--spark-driver-memory", default="8g")
    p.add_argument("--sail-bin", default=os.environ.get("BENCH_SAIL_BIN", os.path.join(BENCH_DIR, ".venv-sail", "bin", "sail")))
    a = p.parse_args(argv)
    a.systems = [s.strip() for s in a.systems.split(",") if s.strip()]
    for s in a.systems:
        if s not in ALL_SYSTEMS:
            p.error(f"unknown system {s}")
    a.forms = [f.strip() for f in a.forms.split(",") if f.strip()]
    for f in a.forms:
        if f not in ("sql", "df"):
            p.error(f"unknown form {f}")
    a.query_numbers = parse_queries(a.queries)
    a.extras = [] if a.extras.strip() == "none" else [e.strip() for e in a.extras.split(",") if e.strip()]
    if a.query_timeout is None:
        a.query_timeout = 60.0 if a.sf < 1 else (900.0 if a.sf < 10 else 3600.0)
    if a.collect_rows is None:
        a.collect_rows = 10_000_000 if a.sf >= 1 else 1_000_000
    if a.runs < 1:
        p.error("--runs must be >= 1")
    return a


def parse_queries(spec):
    out = []
    for part in spec.split(","):
        part = part.strip()
        if "-" in part:
            lo, hi = part.split("-")
            out.extend(range(int(lo), int(hi) + 1))
        elif part:
            out.append(int(part))
    bad = [q for q in out if not 1 <= q <= 22]
    if bad:
        raise SystemExit(f"bad query numbers {bad}")
    return sorted(set(out))


def query_params(sf):
    # TPC-H 2.4.11.3: FRACTION = 0.0001 / SF, written with enough digits to be exact.
    fraction = f"{0.0001 / sf:.10f}".rstrip("0")
    if fraction.endswith("."):
        fraction += "0"
    return {"fraction": fraction}


def load_sql(q, params):
    with open(os.path.join(SQL_DIR, f"q{q:02d}.sql")) as f:
        text = f.read()
    text = text.replace("${FRACTION}", params["fraction"])
    # Drop the leading comment lines; keep the statement only.
    lines = [ln for ln in text.splitlines() if not ln.startswith("--")]
    return "\n".join(lines).strip()


# -- machine and versions --------------------------------------------------------


def machine_info():
    info = {"platform": platform.platform(), "python": platform.python_version(), "cores": os.cpu_count()}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    info["memory_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return info


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return None


def pkg_version(name):
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


# -- reference answers ---------------------------------------------------------------


def answers_path(sf, q):
    return os.path.join(ANSWERS_DIR, datagen.sf_label(sf), f"q{q:02d}.json")


def sql_digest(text):
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def load_recorded(sf, q, sql_text, tpchgen):
    path = answers_path(sf, q)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        rec = json.load(f)
    if rec.get("tpchgen_cli") != tpchgen or rec.get("sql_sha") != sql_digest(sql_text):
        return None
    return rec


def save_recorded(sf, q, sql_text, tpchgen, spark_version, answer):
    path = answers_path(sf, q)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    rec = {
        "query": q,
        "scale_factor": sf,
        "source": f"Apache Spark {spark_version} (Spark Connect), SQL form",
        "tpchgen_cli": tpchgen,
        "sql_sha": sql_digest(sql_text),
        "columns": answer["columns"],
        "rows": answer["rows"],
    }
    with open(path, "w") as f:
        json.dump(rec, f, separators=(",", ":"))
        f.write("\n")


# -- the run -------------------------------------------------------------------------


class Cell:
    """One (query, form, system) combination."""

    def __init__(self, q, form, system):
        self.q, self.form, self.system = q, form, system
        self.status = "pending"  # ok | error | wrong | timeout | crash | n/a | unchecked
        self.error = None
        self.times = []
        self.warmup_times = []
        self.rows = None
        self.check = None
        self.warnings = []

    def fail(self, status, msg):
        self.status = status
        self.error = msg

    def to_json(self):
        d = {"query": self.q, "form": self.form, "system": self.system, "status": self.status}
        if self.error:
            d["error"] = self.error
        if self.times:
            d["times_s"] = [round(t, 6) for t in self.times]
            d["median_s"] = statistics.median(self.times)
            d["min_s"] = min(self.times)
            d["max_s"] = max(self.times)
        if self.warmup_times:
            d["warmup_s"] = [round(t, 6) for t in self.warmup_times]
        if self.rows is not None:
            d["rows"] = self.rows
        if self.check:
            d["checked_against"] = self.check
        if self.warnings:
            d["warnings"] = self.warnings
        return d


def main(argv=None):
    opts = parse_args(sys.argv[1:] if argv is None else argv)
    started = time.time()
    workdir = tempfile.mkdtemp(prefix="ember-bench-")
    log(f"SF{opts.sf:g}  systems={','.join(opts.systems)}  forms={','.join(opts.forms)}  runs={opts.runs}  "
        f"queries={len(opts.query_numbers)}  timeout={opts.query_timeout:.0f}s  work={workdir}")

    data_dir, data_meta = datagen.ensure(opts.sf, opts.data_dir, log=log)
    tpchgen = data_meta.get("tpchgen_cli")
    params = query_params(opts.sf)
    sql_text = {q: load_sql(q, params) for q in opts.query_numbers}

    result = {
        "benchmark": "TPC-H (derived; not an audited TPC result)",
        "date_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "machine": dict(machine_info(), loadavg_start=loadavg()),
        "scale_factor": opts.sf,
        "data": {"dir": os.path.relpath(data_dir, ROOT), **data_meta},
        "settings": {
            "systems": opts.systems, "forms": opts.forms, "runs": opts.runs, "warmup": opts.warmup,
            "queries": opts.query_numbers, "query_timeout_s": opts.query_timeout, "extras": opts.extras,
            "startup_runs": opts.startup_runs, "latency_calls": opts.latency_calls,
            "collect_rows": opts.collect_rows, "sessions": opts.sessions,
            "session_queries": opts.session_queries, "q11_fraction": params["fraction"],
            "tolerance": {"rel": compare.REL_TOL, "abs": compare.ABS_TOL},
        },
        "versions": {
            "harness_python": platform.python_version(),
            "pyspark_client": pkg_version("pyspark-client") or pkg_version("pyspark"),
            "duckdb_python": pkg_version("duckdb"),
            "tpchgen_cli": tpchgen,
            "pyarrow": pkg_version("pyarrow"),
        },
        "systems": {},
        "cells": [],
        "extras": {},
        "notes": [],
    }

    systems = {}
    for name in opts.systems:
        if name == "spark" and not opts.spark_home:
            result["systems"][name] = {"error": "no Spark home (bench/run sets BENCH_SPARK_HOME)"}
            log("spark: no Spark home, skipped")
            continue
        if name == "sail" and not os.path.exists(opts.sail_bin):
            result["systems"][name] = {"error": f"sail binary {opts.sail_bin} not found"}
            log("sail: not installed, skipped")
            continue
        if name == "ember" and not os.path.exists(opts.ember_bin):
            result["systems"][name] = {"error": f"ember binary {opts.ember_bin} not found"}
            log("ember: binary not found, skipped")
            continue
        systems[name] = SYSTEMS[name](workdir, opts)

    exit_code = 0

    def on_term(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    try:
        exit_code = run(opts, systems, result, data_dir, sql_text, params, tpchgen)
    except KeyboardInterrupt:
        log("interrupted: writing the partial results")
        result["notes"].append("the run was interrupted: partial results")
        exit_code = 130
    except Exception:  # noqa: BLE001
        traceback.print_exc()
        result["notes"].append("harness error: " + traceback.format_exc(limit=3))
        exit_code = 2
    finally:
        for s in systems.values():
            try:
                s.stop()
            except Exception:  # noqa: BLE001
                pass
    partial = result.pop("_cells_obj", None)
    if partial is not None and not result["cells"]:
        result["cells"] = [c.to_json() for c in partial.values()]
        result.setdefault("ratios", report.ratios(result["cells"], opts.forms, list(systems)))
    result["elapsed_s"] = round(time.time() - started, 1)
    result["machine"]["loadavg_end"] = loadavg()
    result["exit_code"] = exit_code
    paths = report.write_all(result, opts)
    for p in paths:
        log(f"wrote {os.path.relpath(p, ROOT) if p.startswith(ROOT) else p}")
    print(report.console_summary(result), flush=True)
    shutil.rmtree(workdir, ignore_errors=True)
    return exit_code


def run(opts, systems, result, data_dir, sql_text, params, tpchgen):
    extras = result["extras"]

    # 1. Start-up: process start -> first answered query; idle RSS after it.
    startup = {}
    for name in list(systems):
        sysobj = systems[name]
        n = opts.startup_runs if "startup" in opts.extras else 1
        samples, idle, anon = [], [], []
        try:
            for i in range(n):
                dt = sysobj.start_measured()
                samples.append(dt)
                time.sleep(2.0)  # settle, then idle RSS
                idle.append(procs.tree_rss_mb(sysobj.pid()))
                anon.append(procs.tree_anon_mb(sysobj.pid()))
                if i < n - 1:
                    sysobj.stop()
            log(f"{name}: started; first answer after {statistics.median(samples):.2f}s (median of {n}); "
                f"idle RSS {statistics.median(idle):.0f} MB (anonymous {statistics.median(anon):.0f} MB)")
            startup[name] = {"first_answer_s": samples, "median_s": statistics.median(samples),
                             "idle_rss_mb": idle, "idle_rss_median_mb": statistics.median(idle),
                             "idle_anon_mb": anon, "idle_anon_median_mb": statistics.median(anon)}
            sysobj.start_sampler()
            sysobj.open_main(data_dir)
        except Exception as e:  # noqa: BLE001
            log(f"{name}: failed to start: {e}")
            result["systems"][name] = {"error": f"failed to start: {e}"}
            sysobj.stop()
            del systems[name]
    extras["startup"] = startup
    for name, s in systems.items():
        desc = {}
        try:
            desc = s.describe()
        except Exception as e:  # noqa: BLE001
            desc = {"describe_error": str(e)}
        desc.update(s.info)
        result["systems"][name] = desc
    if "duckdb" in systems:
        result["versions"]["duckdb_engine"] = systems["duckdb"].info.get("duckdb_version")
    if "spark" in systems:
        result["versions"]["spark"] = systems["spark"].info.get("server_spark_version")
    if "sail" in systems:
        result["versions"]["sail"] = result["systems"]["sail"].get("pysail")
    if "ember" in systems:
        result["versions"]["ember"] = result["systems"]["ember"].get("commit")
    if not systems:
        raise RuntimeError("no system could be started")

    order = [s for s in ALL_SYSTEMS if s in systems]
    # The reference runs first in the warm-up so that the others can be checked against it.
    if "spark" in order:
        order.remove("spark")
        order.insert(0, "spark")
    elif "duckdb" in order:
        order.remove("duckdb")
        order.insert(0, "duckdb")

    cells = {}
    for q in opts.query_numbers:
        for form in opts.forms:
            for name in order:
                c = Cell(q, form, name)
                if form == "df" and not systems[name].supports_df:
                    c.status = "n/a"
                cells[(q, form, name)] = c

    result["_cells_obj"] = cells
    references = {}
    ref_notes = {}

    def reference_for(q):
        if q in references:
            return references[q]
        ref = None
        rec = load_recorded(opts.sf, q, sql_text[q], tpchgen)
        live_spark = cells.get((q, "sql", "spark"))
        if live_spark is not None and live_spark.status == "ok" and live_spark.check == "self":
            ref = (f"spark {result['versions'].get('spark')} (live, SQL)", live_spark._answer)
            if rec is not None:
                ok, detail, _ = compare.compare(q, live_spark._answer, rec)
                if not ok:
                    ref_notes[q] = f"live Spark answer differs from the recorded one: {detail}"
        elif rec is not None:
            ref = (f"recorded answer ({rec.get('source')})", rec)
        else:
            live_duck = cells.get((q, "sql", "duckdb"))
            if live_duck is not None and live_duck.status == "ok" and live_duck.check == "self":
                ref = ("duckdb (live, SQL) - fallback: no Spark answer available", live_duck._answer)
        references[q] = ref
        return ref

    def self_reference(name, q, form):
        """Is this cell the reference itself (its answer can only be checked for consistency)?"""
        if form != "sql":
            return False
        if name == "spark":
            return True
        if name == "duckdb" and "spark" not in systems and load_recorded(opts.sf, q, sql_text[q], tpchgen) is None:
            return True
        return False

    def execute(c, timed):
        s = systems[c.system]
        try:
            if c.form == "sql":
                dt, table = s.run_sql(sql_text[c.q], opts.query_timeout)
            else:
                dt, table = s.run_df(dfqueries.QUERIES[c.q], params, opts.query_timeout)
        except QueryFailure as f:
            c.fail(f.kind if f.kind in ("timeout", "crash", "n/a") else "error", f.message)
            log(f"  q{c.q:02d} {c.form:3s} {c.system:6s} {c.status.upper()}: {f.message.splitlines()[0][:160]}")
            return
        answer = compare.normalize_table(table)
        c.rows = len(answer["rows"])
        if c.check is None:
            c._first = answer
            if self_reference(c.system, c.q, c.form):
                c._answer = answer
                c.check = "self"
            else:
                ref = reference_for(c.q)
                if ref is None:
                    c.check = "unchecked: no reference answer"
                    c.status = "unchecked"
                else:
                    ok, detail, warns = compare.compare(c.q, answer, ref[1])
                    c.check = ref[0]
                    c.warnings.extend(warns)
                    if not ok:
                        c.fail("wrong", f"wrong answer vs {ref[0]}: {detail}")
                        log(f"  q{c.q:02d} {c.form:3s} {c.system:6s} WRONG: {detail[:160]}")
                        return
                    c._answer_ok = True
        else:
            # Timed runs are re-checked against the same reference (or the cell's first answer).
            base = getattr(c, "_answer", None)
            if base is None:
                ref = reference_for(c.q)
                base = ref[1] if ref else None
            if base is not None:
                ok, detail, _ = compare.compare(c.q, answer, base)
                if not ok:
                    c.fail("wrong", f"answer changed between runs: {detail}")
                    log(f"  q{c.q:02d} {c.form:3s} {c.system:6s} WRONG on a timed run: {detail[:160]}")
                    return
        if c.status == "pending":
            c.status = "ok"
        (c.times if timed else c.warmup_times).append(dt)

    # 2. Warm-up (also: answer check).
    log("warm-up and answer check")
    for q in opts.query_numbers:
        for form in opts.forms:
            for name in order:
                c = cells[(q, form, name)]
                for _ in range(max(1, opts.warmup)):
                    if c.status not in ("pending", "ok", "unchecked"):
                        break
                    execute(c, timed=False)
        line = "  ".join(
            f"{f}:{n}={_cell_short(cells[(q, f, n)])}" for f in opts.forms for n in order
            if cells[(q, f, n)].status != "n/a")
        log(f"q{q:02d} warm {line}")

    # Cross-check: every first answer against DuckDB's SQL answer as well (informational;
    # the reference check above decides pass/fail).
    if "duckdb" in systems:
        cross = {"compared": 0, "agree": 0, "disagree": []}
        for q in opts.query_numbers:
            d = cells.get((q, "sql", "duckdb"))
            base = getattr(d, "_first", None) if d is not None and d.status == "ok" else None
            if base is None:
                continue
            for form in opts.forms:
                for name in order:
                    c = cells[(q, form, name)]
                    if (form, name) == ("sql", "duckdb") or c.status != "ok" or not hasattr(c, "_first"):
                        continue
                    ok, detail, _ = compare.compare(q, c._first, base)
                    cross["compared"] += 1
                    if ok:
                        cross["agree"] += 1
                    else:
                        cross["disagree"].append(f"q{q:02d} {form} {name}: {detail}")
        result["cross_check_vs_duckdb_sql"] = cross
        log(f"cross-check vs DuckDB SQL answers: {cross['agree']}/{cross['compared']} agree")

    if opts.record_answers and "spark" in systems:
        n = 0
        for q in opts.query_numbers:
            c = cells[(q, "sql", "spark")]
            if c.status == "ok" and getattr(c, "_answer", None) is not None:
                save_recorded(opts.sf, q, sql_text[q], tpchgen, result["versions"].get("spark"), c._answer)
                n += 1
        log(f"recorded {n} Spark answers in {os.path.relpath(os.path.join(ANSWERS_DIR, datagen.sf_label(opts.sf)), ROOT)}")

    # 3. Timed runs, interleaved: run r, query q, form f, systems in a rotating order.
    for r in range(opts.runs):
        t0 = time.time()
        for qi, q in enumerate(opts.query_numbers):
            for form in opts.forms:
                k = (r + qi) % len(order)
                for name in order[k:] + order[:k]:
                    c = cells[(q, form, name)]
                    if c.status in ("ok", "unchecked"):
                        execute(c, timed=True)
        log(f"timed run {r + 1}/{opts.runs} done in {time.time() - t0:.1f}s")

    peaks_suite = {name: s.take_peak() for name, s in systems.items()}

    # 4. Client-path measurements, one system at a time.
    if "latency" in opts.extras:
        extras["latency"] = {}
        for name, s in systems.items():
            try:
                res = s.latency(opts.latency_calls, 20, deadline=300)
            except QueryFailure as f:
                res = {"error": f.message}
            extras["latency"][name] = res
            log(f"{name}: trivial query p50 {_fmt_ms(res.get('p50_ms'))}, p99 {_fmt_ms(res.get('p99_ms'))} "
                f"({res.get('answered', 0)} answered, {res.get('errors', '?')} errors)"
                + (f"; protocol round trip p50 {_fmt_ms(res['protocol'].get('p50_ms'))}" if "protocol" in res else ""))
    if "collect" in opts.extras:
        extras["collect"] = {}
        try:
            base = ipc_baseline.measure(opts.collect_rows)
            log(f"raw Arrow IPC over loopback: {opts.collect_rows:,} rows in {base['seconds']:.2f}s")
        except Exception as e:  # noqa: BLE001
            base = {"error": short_error(e)}
            log(f"raw Arrow IPC baseline failed: {base['error']}")
        extras["ipc_baseline"] = base
        for name, s in systems.items():
            try:
                res = s.collect(opts.collect_rows)
            except QueryFailure as f:
                res = {"error": f.message}
            extras["collect"][name] = res
            cl = res.get("collect", {})
            log(f"{name}: collect() of {opts.collect_rows:,} rows: "
                + (f"{cl['seconds']:.2f}s" if "seconds" in cl else f"ERROR {cl.get('error') or res.get('error')}"))
    if "concurrency" in opts.extras:
        extras["concurrency"] = {}
        for name, s in systems.items():
            try:
                res = s.concurrency(opts.sessions, opts.session_queries, deadline=180)
            except QueryFailure as f:
                res = {"error": f.message}
            extras["concurrency"][name] = res
            log(f"{name}: {opts.sessions} sessions: {res.get('answered', 0)} answered, {res.get('errors', '?')} errors, "
                f"{(res.get('throughput_qps') or 0):.1f} q/s, p99 {_fmt_ms(res.get('p99_ms'))}")

    peaks_all = {name: s.take_peak() for name, s in systems.items()}
    extras["rss"] = {
        name: {
            "idle_mb": startup.get(name, {}).get("idle_rss_median_mb"),
            "idle_anon_mb": startup.get(name, {}).get("idle_anon_median_mb"),
            "peak_tpch_mb": peaks_suite.get(name),
            "peak_with_extras_mb": max(peaks_suite.get(name) or 0, peaks_all.get(name) or 0),
            "restarts": systems[name].restarts,
        }
        for name in systems
    }

    # 5. Results.
    result["cells"] = [c.to_json() for c in cells.values()]
    result["reference"] = {f"q{q:02d}": (references.get(q) or ("none", None))[0] for q in opts.query_numbers}
    if ref_notes:
        result["notes"].extend(f"q{q:02d}: {m}" for q, m in sorted(ref_notes.items()))
    if "spark" not in systems:
        result["notes"].append(
            "Spark was not part of this run: answers were checked against recorded Spark answers "
            "(bench/answers/) where present for this scale factor and query text, otherwise against DuckDB's own answer.")
    result["ratios"] = report.ratios(result["cells"], opts.forms, list(systems))

    wrong = [c for c in cells.values() if c.status == "wrong"]
    errors = [c for c in cells.values() if c.status in ("error", "timeout", "crash")]
    reference_broken = [c for c in cells.values()
                        if c.system in ("spark", "duckdb") and c.form == "sql" and c.status not in ("ok", "n/a")]
    if reference_broken:
        result["notes"].append("reference systems failed on: " + ", ".join(
            f"q{c.q:02d}/{c.system}" for c in reference_broken))
    if opts.fail_on == "never":
        return 0
    if wrong or reference_broken:
        return 1
    if opts.fail_on == "error" and errors:
        return 1
    return 0


def _cell_short(c):
    if c.status in ("ok", "unchecked"):
        t = (c.warmup_times or c.times or [0])[-1]
        return f"{t:.3f}s" + ("?" if c.status == "unchecked" else "")
    return c.status.upper()


def _fmt_ms(v):
    return "n/a" if v is None else f"{v:.2f} ms"


if __name__ == "__main__":
    sys.exit(main())
