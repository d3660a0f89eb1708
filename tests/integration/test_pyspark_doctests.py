"""PySpark's own doctests against Ember, as a regression guard.

scripts/pyspark-compat measures the doctests of the pinned client against
real Spark and Ember and commits the results (tests/compat/results). The
expected outputs are the docstrings themselves, and a docstring counts only
if it passed on real Spark. This test reruns the same modules against a
fresh Ember and fails if a docstring that passed on both in the committed
measurement no longer passes, so the published compatibility numbers stay
true. Newly passing docstrings are reported (rerun scripts/pyspark-compat
to publish them)."""
import json
import os
import subprocess
import sys
import tempfile
import time

import pytest

from conftest import REPO, _free_port, _port_open

import pyspark

RESULTS = os.path.join(REPO, "tests", "compat", "results")
VERSION = pyspark.__version__
MODULES = ["functions", "dataframe", "column", "group", "window", "catalog", "readwriter", "session"]


def _load(system, module):
    path = os.path.join(RESULTS, f"{system}-{VERSION}", f"{module}.json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return {r["name"]: r["passed"] for r in json.load(f)["docstrings"]}


@pytest.fixture(scope="module")
def doctest_server():
    binary = os.path.abspath(os.environ.get("EMBER_BIN", os.path.join(REPO, "bin", "ember")))
    work = tempfile.mkdtemp(prefix="ember-doctests-")
    port = _free_port()
    log = open(os.path.join(work, "ember.log"), "w")
    proc = subprocess.Popen([binary, "serve", "--addr", f"127.0.0.1:{port}",
                             "--warehouse", os.path.join(work, "warehouse"), "--log-level", "warn",
                             "--python", sys.executable],
                            stdout=log, stderr=log, env=dict(os.environ, TZ="UTC"))
    for _ in range(200):
        if _port_open(port):
            break
        time.sleep(0.05)
    yield f"sc://127.0.0.1:{port}", work
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


@pytest.mark.parametrize("module", MODULES)
def test_doctests_still_pass(doctest_server, module):
    spark_ok = _load("spark", module)
    ember_ok = _load("ember", module)
    if spark_ok is None or ember_ok is None:
        pytest.skip(f"no committed doctest measurement for client {VERSION} (run scripts/pyspark-compat)")
    guarded = sorted(n for n, ok in ember_ok.items() if ok and spark_ok.get(n))
    url, work = doctest_server
    home = os.path.join(work, f"home-{module}")
    os.makedirs(home, exist_ok=True)
    env = dict(os.environ, SPARK_HOME=home, SPARK_CONNECT_MODE_ENABLED="1", TZ="UTC")

    def run(attempt):
        out = os.path.join(work, f"{module}.{attempt}.json")
        subprocess.run([sys.executable, os.path.join(REPO, "tests", "compat", "run_doctests.py"),
                        "--module", module, "--remote", url, "--out", out],
                       cwd=home, env=env, timeout=900, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(out) as f:
            return {r["name"]: r for r in json.load(f)["docstrings"]}

    now = run(1)
    lost = [n for n in guarded if not now.get(n, {}).get("passed")]
    if lost:
        # A docstring fails only if it fails twice (the doctests share one
        # session, so one failure can disturb the next).
        again = run(2)
        lost = [n for n in lost if not again.get(n, {}).get("passed")]
    gained = sorted(n for n, r in now.items() if r["passed"] and spark_ok.get(n) and not ember_ok.get(n))
    if gained:
        print(f"newly passing in {module} (rerun scripts/pyspark-compat): {', '.join(gained)}")
    details = []
    for n in lost:
        f = now.get(n, {}).get("failure") or {}
        details.append(f"{n}: {f.get('kind')} at {f.get('source', '')!r}\n  got: {f.get('got', '')[:300]}")
    assert not lost, f"{len(lost)} doctest(s) of {module} that passed on Spark and Ember now fail:\n" + "\n".join(details)
