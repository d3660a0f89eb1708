"""Keep a docstring as passing only if it passed in both runs.

    python tests/compat/merge_runs.py FIRST.json AGAIN.json   (rewrites FIRST.json)
"""
import json
import sys

with open(sys.argv[1]) as f:
    first = json.load(f)
with open(sys.argv[2]) as f:
    again = {r["name"]: r for r in json.load(f)["docstrings"]}
for r in first["docstrings"]:
    other = again.get(r["name"])
    if r["passed"] and not (other and other["passed"]):
        r["passed"] = False
        r["failure"] = (other or {}).get("failure") or {"kind": "flaky", "got": "did not pass on the second run"}
with open(sys.argv[1], "w") as f:
    json.dump(first, f, indent=1, sort_keys=True)
