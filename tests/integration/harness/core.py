"""Case registry: the @case decorator and case discovery.

A case is a plain function in tests/integration/cases/<module>.py:

    from harness import case

    @case()
    def select_columns(spark, fx):
        return spark.read.parquet(fx["people"]).select("id", "name")

It takes ``spark`` (a fresh Spark Connect session, one per case) and
optionally ``fx`` (see harness.fixtures.Fx: paths of the data files the
harness wrote with pyarrow, a scratch dir, and helpers), and returns

* a DataFrame: the runner records schema, collected rows and show() text;
* a list (or dict label -> value) of observations: DataFrames, collect()
  results, schemas, fx.show(df, ...) captures, counts, toPandas() frames,
  fx.error(lambda: ...) captures, plain Python values;
* or raises: the runner records the error (class, errorClass, sqlState,
  messageParameters).

Options of @case:
    ordered=True       False: rows (and show lines) compare as multisets
    float_tol=None     relative tolerance for floats (default: repr-exact)
    show=True          False: don't record show() for returned DataFrames
    versions=None      e.g. ("4",): only for these client major versions
    compare_message=False  True: also compare the first line of error messages
"""

import hashlib
import importlib
import inspect
import os
import sys
from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # tests/integration
CASES_DIR = os.path.join(HERE, "cases")
GOLD_DIR = os.path.join(HERE, "gold")


@dataclass
class Case:
    module: str
    name: str
    fn: Callable
    ordered: bool = True
    float_tol: Optional[float] = None
    show: bool = True
    versions: Optional[Sequence[str]] = None
    compare_message: bool = False
    wants_fx: bool = True
    source_sha: str = ""

    @property
    def id(self) -> str:
        return f"{self.module}::{self.name}"

    def options(self) -> dict:
        """Non-default comparison options (recorded in the gold entry)."""
        opts = {}
        if not self.ordered:
            opts["ordered"] = False
        if self.float_tol is not None:
            opts["float_tol"] = self.float_tol
        if not self.show:
            opts["show"] = False
        if self.compare_message:
            opts["compare_message"] = True
        return opts

    def applies_to(self, client_version: str) -> bool:
        if not self.versions:
            return True
        return any(
            client_version == v or client_version.startswith(v + ".") for v in self.versions
        )


_REGISTRY: dict = {}


def case(ordered: bool = True, float_tol: Optional[float] = None, show: bool = True,
         versions: Optional[Sequence[str]] = None, compare_message: bool = False):
    """Mark a function as an integration case (see module docstring)."""
    if callable(ordered):  # used as bare @case
        return case()(ordered)

    def deco(fn):
        module = fn.__module__.rsplit(".", 1)[-1]
        name = fn.__name__
        if name.startswith("_"):
            raise ValueError(f"case names must not start with '_': {name}")
        params = list(inspect.signature(fn).parameters)
        try:
            src = inspect.getsource(fn)
        except (OSError, TypeError):
            src = name
        c = Case(
            module=module, name=name, fn=fn, ordered=ordered, float_tol=float_tol,
            show=show, versions=tuple(versions) if versions else None,
            compare_message=compare_message, wants_fx=len(params) >= 2,
            source_sha=hashlib.sha256(src.encode()).hexdigest()[:16],
        )
        mod_cases = _REGISTRY.setdefault(module, {})
        if name in mod_cases:
            raise ValueError(f"duplicate case {module}::{name}")
        mod_cases[name] = c
        fn.__ember_case__ = c
        return fn

    return deco


def case_modules() -> list:
    return sorted(
        f[:-3] for f in os.listdir(CASES_DIR)
        if f.endswith(".py") and not f.startswith("_")
    )


def load_cases(modules: Optional[Sequence[str]] = None) -> dict:
    """Import case modules; returns {module: {name: Case}} in definition order."""
    if HERE not in sys.path:
        sys.path.insert(0, HERE)
    result = {}
    for m in modules or case_modules():
        if m not in _REGISTRY:
            importlib.import_module(f"cases.{m}")
        result[m] = dict(_REGISTRY.get(m, {}))
    return result


def client_version() -> str:
    import pyspark
    return pyspark.__version__


def gold_dir_for(version: Optional[str] = None) -> str:
    return os.path.join(GOLD_DIR, f"spark-{version or client_version()}")
