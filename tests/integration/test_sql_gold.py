"""SQL gold files: every tests/sql/cases/<name>.sql is run, statement by
statement, in a fresh session on the server under test, and the rendered text
must equal tests/sql/gold/spark-<client version>/<name>.out, which was
recorded from real Apache Spark (scripts/record-goldens sqlgold). One test
item per file: test_sql_gold[<name>] (known_failures.txt: sqlgold::<name>).
Format and directives: tests/sql/README.md.
"""

import os
import time

import pytest

from harness import core, sqlgold
from harness.limits import CaseTimeout, run_with_deadline

CLIENT = core.client_version()
SUITE_BUDGET = float(os.environ.get("EMBER_SUITE_BUDGET", "1500"))
_STARTED = time.time()


@pytest.mark.parametrize("name", sqlgold.case_names())
def test_sql_gold(name, ember, scratch_base):
    from harness.session import close_session, new_session

    rerecord = (f"run: scripts/record-goldens --version {CLIENT.rsplit('.', 1)[0]} "
                f"{sqlgold.PREFIX}::{name}")
    path = sqlgold.gold_path(name, CLIENT)
    if not os.path.exists(path):
        pytest.fail(f"{os.path.relpath(path)} does not exist; {rerecord}", pytrace=False)
    with open(path, encoding="utf-8") as f:
        expected = f.read()
    sqlgold.load(name)  # a malformed case file fails here
    if sqlgold.gold_sha(expected) != sqlgold.case_sha(name):
        pytest.fail(f"tests/sql/cases/{name}.sql changed since {os.path.relpath(path)} was "
                    f"recorded; {rerecord}", pytrace=False)
    if time.time() - _STARTED > SUITE_BUDGET:
        pytest.fail(f"not run: the suite's time budget ({SUITE_BUDGET:.0f}s, "
                    f"EMBER_SUITE_BUDGET) is used up", pytrace=False)

    note = ember.ensure()
    mark = ember.log_mark()

    def server_log():
        tail = ember.log_since(mark)
        extra = f"\n[restart] {note}" if note else ""
        if not ember.alive():
            extra += "\n[ember] THE SERVER DIED while this file ran"
        return (f"\n\n--- server log while this file ran ---\n{tail}" if tail else "") + extra

    spark = None
    try:
        spark = new_session(ember.url)
        actual = sqlgold.run_file(spark, name, CLIENT, scratch_base)
    except CaseTimeout as e:
        if spark is not None:
            run_with_deadline(spark.interruptAll, 10)
        pytest.fail(f"{sqlgold.PREFIX}::{name} {e}{server_log()}", pytrace=False)
    finally:
        if spark is not None:
            run_with_deadline(lambda: close_session(spark), 10)

    if actual != expected:
        diff = sqlgold.diff(expected, actual,
                            f"expected (Spark {CLIENT}: {os.path.relpath(path)})",
                            "actual (server under test)")
        pytest.fail(f"{sqlgold.PREFIX}::{name} differs from Spark {CLIENT}:\n{diff}"
                    + server_log(), pytrace=False)
