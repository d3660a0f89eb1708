#!/usr/bin/env python3
"""Record golden observations from a real Apache Spark Connect server.

Used by scripts/record-goldens (which starts/stops the oracle); can be run by
hand against any genuine Spark server whose version equals the client's:

    .venv/py4/bin/python tests/integration/record.py --remote sc://127.0.0.1:15102 [sel ...]

A selector is a case module ("joins") or one case ("joins::inner_join"), or
SQL gold files (tests/sql/cases/*.sql -> tests/sql/gold/spark-<v>/*.out):
"sqlgold" (all of them), "sqlgold::<name>", or a path ending in ".sql".
No selector: every case module and every SQL file.
Each case (SQL file) is run twice in fresh sessions; a result that differs
between the two runs is reported as nondeterministic and not written.
"""

import argparse
import difflib
import os
import shutil
import sys
import tempfile
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from harness.session import set_utc, quiet_client_logging  # noqa: E402

set_utc()
# pyspark's client warnings (e.g. 3.5's ReleaseExecute after a channel closed) are noise here
warnings.filterwarnings("ignore", category=UserWarning)

from harness import core, gold, sqlgold  # noqa: E402
from harness.compare import compare  # noqa: E402
from harness.fixtures import Fx, data_source_sha, new_case_tmp, write_data  # noqa: E402
from harness.observe import Encoder, normalize, run_case  # noqa: E402
from harness.session import close_session, new_session  # noqa: E402


def parse_selectors(sels):
    mods = {}
    for s in sels:
        s = s.replace(".py", "")
        s = os.path.basename(s) if "/" in s else s
        if "::" in s:
            m, c = s.split("::", 1)
        elif "." in s:
            m, c = s.split(".", 1)
        else:
            m, c = s, None
        if c is None:
            mods[m] = None
        elif mods.get(m, ()) is not None:
            mods.setdefault(m, set()).add(c)
    return mods


def split_sql_selectors(sels):
    """(python-case selectors, sorted names of the selected SQL files)."""
    py, sql = [], []
    for s in sels:
        if s == sqlgold.PREFIX:
            sql += sqlgold.case_names()
        elif s.startswith(sqlgold.PREFIX + "::"):
            sql.append(s[len(sqlgold.PREFIX) + 2:])
        elif s.endswith(".sql"):
            sql.append(os.path.basename(s)[:-4])
        else:
            py.append(s)
    return py, sorted(set(sql))


def require_jvm_spark(remote):
    """SQL goldens come only from genuine Apache Spark (the oracle): refuse a
    server that cannot tell which JVM it runs on (e.g. Ember)."""
    spark = new_session(remote)
    try:
        vm = spark.sql("SELECT reflect('java.lang.System', 'getProperty', 'java.vm.name')").collect()[0][0]
    except Exception as e:  # noqa: BLE001
        vm = None
        why = str(e).split("\n", 1)[0]
    finally:
        close_session(spark)
    if not vm:
        sys.exit(f"record: {remote} does not look like Apache Spark on a JVM "
                 f"(reflect(java.lang.System.getProperty) failed: {why if vm is None else vm!r}); "
                 f"goldens are recorded only from the Spark oracle (scripts/oracle)")


def record_sql(names, remote, version, once):
    """Record tests/sql/gold/spark-<version>/<name>.out for each SQL file;
    returns (written, nondeterministic)."""
    unknown = [n for n in names if n not in sqlgold.case_names()]
    if unknown:
        sys.exit(f"record: no such SQL file(s) in {os.path.relpath(sqlgold.CASES_DIR)}: "
                 f"{', '.join(unknown)}")
    for name in names:  # a malformed file stops here, before anything runs
        try:
            sqlgold.load(name)
        except sqlgold.CaseFileError as e:
            sys.exit(f"record: {e}")
    require_jvm_spark(remote)
    ok = bad = 0
    tmp_base = tempfile.mkdtemp(prefix="ember-sqlgold-")
    try:
        for name in names:
            t0 = time.time()
            texts = []
            for _ in range(1 if once else 2):
                spark = new_session(remote)
                try:
                    texts.append(sqlgold.run_file(spark, name, version, tmp_base))
                finally:
                    close_session(spark)
            cid = f"{sqlgold.PREFIX}::{name}"
            if len(texts) > 1 and texts[0] != texts[1]:
                bad += 1
                diff = difflib.unified_diff(texts[0].splitlines(), texts[1].splitlines(),
                                            "run 1", "run 2", lineterm="")
                print(f"  {cid}: results differ between two runs:\n" + "\n".join(diff),
                      file=sys.stderr)
                print(f"{'NONDETERMINISTIC':>16} {cid} ({time.time() - t0:.1f}s)")
                continue
            path = sqlgold.gold_path(name, version)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(texts[0])
            errors = sum(1 for ln in texts[0].splitlines() if ln.startswith("ERROR "))
            status = f"ok ({errors} errors)" if errors else "ok"
            print(f"{status:>16} {cid} ({time.time() - t0:.1f}s)", flush=True)
            ok += 1
    finally:
        shutil.rmtree(tmp_base, ignore_errors=True)
    # gold files of SQL files that no longer exist
    gdir = os.path.dirname(sqlgold.gold_path("x", version))
    if os.path.isdir(gdir):
        for f in os.listdir(gdir):
            if f.endswith(".out") and f[:-4] not in sqlgold.case_names():
                os.remove(os.path.join(gdir, f))
                print(f"{'removed':>16} {os.path.join(os.path.relpath(gdir), f)} (no case file)")
    return ok, bad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--remote", required=True)
    ap.add_argument("--once", action="store_true", help="run each case once (no determinism check)")
    ap.add_argument("selectors", nargs="*")
    args = ap.parse_args()

    client = core.client_version()
    quiet_client_logging()
    probe = new_session(args.remote)
    server = probe.version
    close_session(probe)
    if server != client:
        sys.exit(f"record: server is Spark {server} but the client is pyspark {client}; "
                 f"goldens must come from the matching Spark version")
    gdir = core.gold_dir_for(client)

    py_sels, sql_names = split_sql_selectors(args.selectors)
    if not args.selectors:
        sql_names = sqlgold.case_names()
    sql_ok = sql_bad = 0
    if sql_names:
        t_sql = time.time()
        sql_ok, sql_bad = record_sql(sql_names, args.remote, server, args.once)
        print(f"recorded {sql_ok} SQL file(s) for Spark {server} into "
              f"{os.path.relpath(os.path.dirname(sqlgold.gold_path('x', server)))} in "
              f"{time.time() - t_sql:.0f}s"
              + (f"; {sql_bad} nondeterministic (not written)" if sql_bad else ""))
        if args.selectors and not py_sels:
            return 1 if sql_bad else 0

    sel = parse_selectors(py_sels) if py_sels else {m: None for m in core.case_modules()}
    unknown = [m for m in sel if m not in core.case_modules()]
    if unknown:
        sys.exit(f"record: unknown case module(s): {', '.join(unknown)}")
    cases = core.load_cases(sorted(sel))

    data_dir = tempfile.mkdtemp(prefix="ember-it-data-")
    tmp_base = tempfile.mkdtemp(prefix="ember-it-tmp-")
    paths = write_data(data_dir)
    data_sha = data_source_sha()
    enc = Encoder([(data_dir, "$DATA"), (tmp_base, "$TMP")])
    total = failed = 0
    t_all = time.time()
    try:
        for mod, mod_cases in cases.items():
            only = sel.get(mod)
            if only:
                missing = only - set(mod_cases)
                if missing:
                    sys.exit(f"record: no such case(s) in {mod}: {', '.join(sorted(missing))}")
            path = os.path.join(gdir, f"{mod}.json")
            data = gold.load(path) if only else {}
            if only:
                # keep entries of cases that still exist
                data = {k: v for k, v in data.items() if k == "_meta" or k in mod_cases}
            for name, c in mod_cases.items():
                if only and name not in only:
                    continue
                if not c.applies_to(client):
                    data.pop(name, None)
                    continue
                total += 1
                t0 = time.time()
                results = []
                for attempt in range(1 if args.once else 2):
                    spark = new_session(args.remote)
                    try:
                        fx = Fx(paths, data_dir, new_case_tmp(tmp_base, c.id), args.remote)
                        try:
                            results.append(normalize(run_case(c, spark, fx, enc)))
                        finally:
                            fx.close()
                    finally:
                        close_session(spark)
                res = results[0]
                status = "ok"
                if len(results) > 1:
                    problems = compare(results[0], results[1], c.options())
                    if problems:
                        failed += 1
                        status = "NONDETERMINISTIC"
                        print(f"  {c.id}: results differ between two runs:\n"
                              + "\n".join(problems), file=sys.stderr)
                        data.pop(name, None)
                        print(f"{status:>16} {c.id} ({time.time() - t0:.1f}s)")
                        continue
                if "error" in res:
                    e = res["error"]
                    status = f"error {e.get('errorClass') or e.get('messageErrorClass') or e['type']}"
                data[name] = {"source_sha": c.source_sha, "data_sha": data_sha,
                              "options": c.options(), "result": res}
                print(f"{status:>16} {c.id} ({time.time() - t0:.1f}s)", flush=True)
            data["_meta"] = {"spark": server, "client": client}
            if len(data) > 1:
                gold.save(path, data)
            elif os.path.exists(path):
                os.remove(path)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
        shutil.rmtree(tmp_base, ignore_errors=True)
    print(f"recorded {total - failed} case(s) for Spark {server} into "
          f"{os.path.relpath(gdir)} in {time.time() - t_all:.0f}s"
          + (f"; {failed} nondeterministic (not written)" if failed else ""))
    return 1 if failed or sql_bad else 0


if __name__ == "__main__":
    sys.exit(main())
