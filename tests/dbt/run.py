#!/usr/bin/env python3
"""Run the dbt project in tests/dbt/project through dbt-spark against a Spark
Connect server and compare (or record) what it built.

    run.py --remote sc://127.0.0.1:15103 --record   # against real Spark 3.5 (the oracle)
    run.py --remote sc://127.0.0.1:PORT --check     # against Ember

Steps: dbt seed, dbt run (view, partitioned table, incremental model), dbt run
again (the incremental model's insert_overwrite path), dbt test. The result is
each step's success plus the rows of every model (sorted), written to
gold/spark-3.5.9.json when recording; a check fails on any difference.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD = os.path.join(HERE, "gold", "spark-3.5.9.json")
SCHEMA = "ember_dbt_it"
MODELS = ["raw_orders", "stg_orders", "customer_totals", "daily"]
STEPS = [["seed"], ["run"], ["run"], ["test"]]


def dbt(args, workdir, env):
    exe = os.path.join(os.path.dirname(sys.executable), "dbt")
    cmd = [exe] + args + ["--profiles-dir", workdir, "--project-dir", workdir]
    p = subprocess.run(cmd, cwd=workdir, env=env, capture_output=True, text=True, timeout=600)
    return p.returncode, p.stdout + p.stderr


def collect(remote):
    os.environ["SPARK_CONNECT_MODE_ENABLED"] = "1"
    from pyspark.sql.connect.session import SparkSession
    spark = SparkSession.builder.remote(remote).create()
    out = {}
    for m in MODELS:
        df = spark.sql(f"SELECT * FROM {SCHEMA}.{m}")
        rows = sorted(json.dumps([None if v is None else str(v) for v in r]) for r in df.collect())
        out[m] = {"columns": [f"{f.name}:{f.dataType.simpleString()}" for f in df.schema.fields],
                  "rows": [json.loads(r) for r in rows]}
    info = spark.sql(f"SHOW TABLE EXTENDED IN {SCHEMA} LIKE 'customer_totals'").collect()[0][3]
    out["customer_totals_info"] = [l for l in info.splitlines()
                                   if l.split(":")[0] in ("Type", "Provider", "Partition Columns") or l.startswith(" |--")]
    spark.sql(f"DROP DATABASE IF EXISTS {SCHEMA} CASCADE")
    spark.stop()
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--remote", required=True)
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--record", action="store_true")
    mode.add_argument("--check", action="store_true")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="ember-dbt-")
    try:
        proj = os.path.join(work, "project")
        shutil.copytree(os.path.join(HERE, "project"), proj)
        env = dict(os.environ, SPARK_REMOTE=a.remote, EMBER_DBT_SCHEMA=SCHEMA, DBT_SEND_ANONYMOUS_USAGE_STATS="false")
        result = {"steps": []}
        for step in STEPS:
            rc, log = dbt(step, proj, env)
            result["steps"].append({"step": step[0], "ok": rc == 0})
            if rc != 0:
                print(log[-4000:], file=sys.stderr)
                break
        result.update(collect(a.remote))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if a.record:
        with open(GOLD, "w") as f:
            json.dump(result, f, indent=1, sort_keys=True)
            f.write("\n")
        print(f"dbt: recorded {GOLD}")
        return 0 if all(s["ok"] for s in result["steps"]) else 1
    with open(GOLD) as f:
        want = json.load(f)
    if result != want:
        print("dbt: results differ from Spark's (" + GOLD + ")", file=sys.stderr)
        for k in sorted(set(want) | set(result)):
            if want.get(k) != result.get(k):
                print(f"  {k}:\n    want {json.dumps(want.get(k))}\n    got  {json.dumps(result.get(k))}", file=sys.stderr)
        return 1
    print(f"dbt: {len(result['steps'])} steps and {len(MODELS)} models identical to Spark 3.5.9")
    return 0


if __name__ == "__main__":
    sys.exit(main())
