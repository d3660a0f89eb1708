"""Every recorded case, run against the server under test and compared with
what real Apache Spark answered (tests/integration/gold/spark-<client version>/).

A case whose code (or the data generator) changed since its gold was
recorded, or which has no gold yet, fails: run scripts/record-goldens.
"""

import os
import time

import pytest

from harness import core, gold
from harness.compare import compare
from harness.fixtures import Fx, data_source_sha, new_case_tmp
from harness.observe import Encoder, normalize, run_case

from harness.limits import CaseTimeout, run_with_deadline

CLIENT = core.client_version()
GOLD_DIR = core.gold_dir_for(CLIENT)
GOLD = gold.load_all(GOLD_DIR)
CASES = core.load_cases()
SUITE_BUDGET = float(os.environ.get("EMBER_SUITE_BUDGET", "1500"))
_STARTED = time.time()


def _params():
    ids = []
    seen = set()
    for module, entries in GOLD.items():
        for name in entries:
            if name == "_meta":
                continue
            ids.append(f"{module}::{name}")
            seen.add((module, name))
    for module, cases in CASES.items():
        for name, c in cases.items():
            if (module, name) not in seen and c.applies_to(CLIENT):
                ids.append(f"{module}::{name}")
    return ids


PARAMS = _params()


def test_gold_exists():
    assert GOLD, (f"no gold files in {GOLD_DIR} for pyspark {CLIENT}: "
                  f"run scripts/record-goldens")


@pytest.mark.parametrize("case_id", PARAMS)
def test_case(case_id, ember, data_paths, scratch_base):
    from harness.session import close_session, new_session

    module, name = case_id.split("::", 1)
    entry = GOLD.get(module, {}).get(name)
    c = CASES.get(module, {}).get(name)
    rerecord = f"run: scripts/record-goldens --version {CLIENT.rsplit('.', 1)[0]} {case_id}"
    if c is None:
        pytest.fail(f"{case_id} has a gold entry but no case function any more; {rerecord}",
                    pytrace=False)
    if entry is None:
        pytest.fail(f"{case_id} has no gold recorded for Spark {CLIENT}; {rerecord}",
                    pytrace=False)
    if entry.get("source_sha") != c.source_sha:
        pytest.fail(f"{case_id} changed since its gold was recorded; {rerecord}", pytrace=False)
    if entry.get("data_sha") != data_source_sha():
        pytest.fail(f"the test data generator changed since {case_id} was recorded; "
                    f"run: scripts/record-goldens", pytrace=False)

    if time.time() - _STARTED > SUITE_BUDGET:
        pytest.fail(f"not run: the suite's time budget ({SUITE_BUDGET:.0f}s, "
                    f"EMBER_SUITE_BUDGET) is used up", pytrace=False)
    data_dir, paths = data_paths
    note = ember.ensure()
    mark = ember.log_mark()
    enc = Encoder([(data_dir, "$DATA"), (scratch_base, "$TMP")])
    fx = Fx(paths, data_dir, new_case_tmp(scratch_base, c.id), ember.url)

    def server_log():
        tail = ember.log_since(mark)
        extra = f"\n[restart] {note}" if note else ""
        if not ember.alive():
            extra += "\n[ember] THE SERVER DIED during this case"
        return (f"\n\n--- server log during this case ---\n{tail}" if tail else "") + extra

    spark = None
    try:
        # the autouse _test_time_limit fixture raises CaseTimeout when time is up
        spark = new_session(ember.url)
        actual = normalize(run_case(c, spark, fx, enc))
    except CaseTimeout as e:
        if spark is not None:
            run_with_deadline(spark.interruptAll, 10)
        pytest.fail(f"{case_id} {e}{server_log()}", pytrace=False)
    finally:
        run_with_deadline(fx.close, 10)
        if spark is not None:
            run_with_deadline(lambda: close_session(spark), 10)

    problems = compare(entry["result"], actual, c.options())
    if problems:
        pytest.fail(f"{case_id} differs from Spark {CLIENT}:\n" + "\n\n".join(problems)
                    + server_log(), pytrace=False)
