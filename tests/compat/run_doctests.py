"""Run one PySpark module's own doctests against a Spark Connect server.

Used by scripts/pyspark-compat; runs inside a client venv (.venv/py4 or
.venv/py35):

    python tests/compat/run_doctests.py --module functions \
        --remote sc://127.0.0.1:15002 --out results.json

Each pinned client ships a `_test()` in its Connect modules that builds the
doctest globals (a remote `spark` session, deleted docstrings for features
Connect lacks) and calls `doctest.testmod`. We call that `_test()` unchanged
and swap `doctest.testmod` for a runner that runs every docstring on its own,
with a time limit, and records per docstring whether all its examples passed
and, if not, the first example that failed. The count unit is the docstring
(one function or method), which is how the function table is keyed.
"""

from __future__ import annotations

import argparse
import doctest
import importlib
import io
import json
import os
import signal
import sys
import time
import traceback

# module key -> (module whose _test() we call, module whose docstrings are tested)
MODULES_4 = {
    "functions": "pyspark.sql.connect.functions.builtin",
    "dataframe": "pyspark.sql.connect.dataframe",
    "column": "pyspark.sql.connect.column",
    "group": "pyspark.sql.connect.group",
    "window": "pyspark.sql.connect.window",
    "catalog": "pyspark.sql.connect.catalog",
    "readwriter": "pyspark.sql.connect.readwriter",
    "session": "pyspark.sql.connect.session",
}
MODULES_35 = dict(MODULES_4, functions="pyspark.sql.connect.functions")

PER_DOCSTRING_SECONDS = int(os.environ.get("COMPAT_DOCSTRING_TIMEOUT", "90"))


class DocstringTimeout(Exception):
    """Raised inside a doctest example when its docstring ran too long."""


def _alarm(signum, frame):  # noqa: ARG001
    raise DocstringTimeout(f"docstring exceeded {PER_DOCSTRING_SECONDS}s")


def _short(text: str, limit: int = 400) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 3] + "..."


class RecordingRunner(doctest.DocTestRunner):
    """Keeps the first failing example of the docstring being run."""

    def __init__(self, **kw):
        super().__init__(verbose=False, **kw)
        self.first_failure = None

    def report_failure(self, out, test, example, got):
        if self.first_failure is None:
            self.first_failure = {
                "kind": "wrong output",
                "line": (test.lineno or 0) + example.lineno + 1,
                "source": _short(example.source),
                "expected": _short(example.want),
                "got": _short(got),
            }

    def report_unexpected_exception(self, out, test, example, exc_info):
        if self.first_failure is None:
            exc = exc_info[1]
            msg = "".join(traceback.format_exception_only(type(exc), exc))
            self.first_failure = {
                "kind": "timeout" if isinstance(exc, DocstringTimeout) else "exception",
                "line": (test.lineno or 0) + example.lineno + 1,
                "source": _short(example.source),
                "expected": _short(example.want),
                "got": _short(msg),
            }
        if isinstance(exc_info[1], DocstringTimeout):
            # Give the remaining examples of this docstring a short fuse.
            signal.alarm(5)


def _make_testmod(results: list):
    def testmod(m=None, name=None, globs=None, verbose=None, report=True,
                optionflags=0, extraglobs=None, raise_on_error=False,
                exclude_empty=False):
        finder = doctest.DocTestFinder(exclude_empty=exclude_empty)
        tests = finder.find(m, name, globs=globs, extraglobs=extraglobs)
        tests.sort(key=lambda t: t.name)
        failed_total = 0
        for test in tests:
            if not test.examples:
                continue
            runner = RecordingRunner(optionflags=optionflags)
            sink = io.StringIO()
            t0 = time.monotonic()
            signal.alarm(PER_DOCSTRING_SECONDS)
            try:
                outcome = runner.run(test, out=sink.write, clear_globs=True)
            finally:
                signal.alarm(0)
            dt = time.monotonic() - t0
            ok = outcome.failed == 0
            failed_total += 0 if ok else 1
            short_name = test.name[len(m.__name__) + 1:] if test.name.startswith(m.__name__ + ".") else test.name
            results.append({
                "name": short_name,
                "examples": outcome.attempted,
                "failed_examples": outcome.failed,
                "passed": ok,
                "seconds": round(dt, 3),
                "failure": runner.first_failure,
            })
            print(("ok   " if ok else "FAIL ") + short_name, file=sys.stderr, flush=True)
        return doctest.TestResults(failed_total, len(results))

    return testmod


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--module", required=True)
    ap.add_argument("--remote", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    import pyspark

    version = pyspark.__version__
    modules = MODULES_35 if version.startswith("3.") else MODULES_4
    if args.module not in modules:
        print(f"unknown module {args.module}; known: {', '.join(modules)}", file=sys.stderr)
        return 2
    os.environ["SPARK_CONNECT_TESTING_REMOTE"] = args.remote
    os.environ.setdefault("SPARK_HOME", os.getcwd())
    out_path = os.path.abspath(args.out)

    signal.signal(signal.SIGALRM, _alarm)
    results: list = []
    doctest.testmod = _make_testmod(results)
    error = None
    t0 = time.monotonic()
    try:
        mod = importlib.import_module(modules[args.module])
        mod._test()
    except SystemExit:
        pass
    except BaseException as exc:  # the module's setup itself failed
        error = _short("".join(traceback.format_exception_only(type(exc), exc)))
    payload = {
        "module": args.module,
        "python_module": modules[args.module],
        "client": version,
        "remote": args.remote,
        "seconds": round(time.monotonic() - t0, 1),
        "setup_error": error,
        "docstrings": results,
    }
    with open(out_path, "w") as f:
        json.dump(payload, f, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
