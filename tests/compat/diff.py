"""Show the doctests that pass on Spark but not on Ember.

    python tests/compat/diff.py EMBER.json SPARK.json [NAME_REGEX] [--full]

EMBER.json / SPARK.json are outputs of run_doctests.py for the same module
(the committed Spark baseline is tests/compat/results/spark-<ver>/<module>.json).
"""

import json
import re
import sys


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    full = "--full" in sys.argv
    ember = json.load(open(args[0]))
    spark = json.load(open(args[1]))
    pat = re.compile(args[2]) if len(args) > 2 else None
    ok_on_spark = {r["name"] for r in spark["docstrings"] if r["passed"]}
    shown = passed = total = 0
    for r in ember["docstrings"]:
        if r["name"] not in ok_on_spark or (pat and not pat.search(r["name"])):
            continue
        total += 1
        if r["passed"]:
            passed += 1
            continue
        shown += 1
        f = r["failure"] or {}
        print(f"--- {r['name']} ({f.get('kind')}, line {f.get('line')})")
        print("    " + f.get("source", "").replace("\n", "\n    "))
        if full or f.get("kind") != "wrong output":
            print("  got:\n    " + f.get("got", "").replace("\n", "\n    "))
        else:
            print("  got:\n    " + "\n    ".join(f.get("got", "").splitlines()[:12]))
        print("  expected:\n    " + "\n    ".join(f.get("expected", "").splitlines()[:12]))
    print(f"\n{passed}/{total} Spark-passing docstrings pass on Ember")


if __name__ == "__main__":
    main()
