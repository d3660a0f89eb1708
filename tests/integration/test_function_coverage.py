"""Every function in Ember's registry has at least one integration case or
SQL gold file whose expected output was recorded from real Spark.

docs/functions.md is generated from the registry; a function counts as
covered when a case (tests/integration/cases/*.py) or a SQL gold file
(tests/sql/cases/*.sql) calls it, under its name or one of its aliases, as
`name(` in SQL text or `F.name(` / `sf.name(` in DataFrame code. Operators
and names the analyzer gives to syntax are listed in SYNTAX with the
syntax that covers them. No server is needed."""
import glob
import os
import re

from conftest import REPO

SYNTAX = {
    "and": "a AND b", "or": "a OR b", "not": "NOT a",
    "get_array_item": "arr[i] (functions_coverage::array_and_map_extraction)",
    "get_map_value": "m[key] (functions_coverage::array_and_map_extraction)",
}


def _registry():
    text = open(os.path.join(REPO, "docs", "functions.md")).read()
    out = []
    for section in re.findall(r"^## [a-z_ ]+ \(\d+\)\n\n(.*?)$", text, re.M | re.S):
        for name, _, aliases in re.findall(r"`([^`]+)`( \(([^)]*)\))?", section.split("\n")[0]):
            out.append((name, [a.strip() for a in aliases.split(",") if a.strip()]))
    return out


def _sources():
    files = glob.glob(os.path.join(REPO, "tests", "integration", "cases", "*.py"))
    files += glob.glob(os.path.join(REPO, "tests", "sql", "cases", "*.sql"))
    return "\n".join(open(f).read().lower() for f in files)


def test_every_registry_function_has_a_case():
    functions = _registry()
    assert len(functions) > 400, "docs/functions.md lists too few functions; is it generated?"
    src = _sources()
    missing = []
    for name, aliases in functions:
        if not re.fullmatch(r"[a-z_][a-z_0-9]*", name) or name in SYNTAX:
            continue  # operators (+, <=>, ...) and syntax-only names
        if not any(re.search(r"(?<![a-z_0-9])" + re.escape(n) + r"\s*\(", src) for n in [name] + aliases):
            missing.append(name)
    assert not missing, "registry functions without a Spark-recorded case: " + ", ".join(missing)
