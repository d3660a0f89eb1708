"""Answer normalisation and comparison.

Answers are compared as lists of rows of plain Python values:

* every number (int, float, Decimal) becomes a float and two numbers match when
  ``math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)``, so DECIMAL(38,6)
  from Spark, DOUBLE from DuckDB and rounding differences in averages agree;
* dates and timestamps become ISO strings (a DATE and a midnight TIMESTAMP match);
* strings are compared exactly (right-trimmed, since CHAR padding is not a
  difference in the answer);
* NULL only matches NULL.

Row order is checked only for the ORDER BY keys of the query: the rows must be
equal as multisets, and the sequence of ORDER BY key values must be equal row
by row (so ties may come in any order, as SQL allows).  Column names are
compared case-insensitively and a difference is reported as a warning, not a
failure.
"""

import datetime
import decimal
import json
import math

REL_TOL = 1e-6
ABS_TOL = 1e-4

# ORDER BY output columns of each query (by position), in order.  [] = no ORDER BY.
ORDER_KEYS = {
    1: [0, 1],
    2: [0, 2, 1, 3],
    3: [1, 2],
    4: [0],
    5: [1],
    6: [],
    7: [0, 1, 2],
    8: [0],
    9: [0, 1],
    10: [2],
    11: [1],
    12: [0],
    13: [1, 0],
    14: [],
    15: [0],
    16: [3, 0, 1, 2],
    17: [],
    18: [4, 3],
    19: [],
    20: [0],
    21: [1, 0],
    22: [0],
}


def norm_value(v):
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float, decimal.Decimal)):
        f = float(v)
        if math.isnan(f):
            return "NaN"
        return f
    if isinstance(v, datetime.datetime):
        if v.time() == datetime.time(0):
            return v.date().isoformat()
        return v.isoformat(sep=" ")
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, str):
        return v.rstrip()
    return str(v)


def normalize_table(table):
    """pyarrow.Table -> {"columns": [...], "rows": [[...], ...]} of plain values."""
    cols = table.column_names
    pylists = [table.column(i).to_pylist() for i in range(table.num_columns)]
    rows = [[norm_value(c[r]) for c in pylists] for r in range(table.num_rows)]
    return {"columns": list(cols), "rows": rows}


def values_match(a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)
    if isinstance(a, float) or isinstance(b, float):
        return False
    return a == b


def rows_match(r1, r2):
    return len(r1) == len(r2) and all(values_match(x, y) for x, y in zip(r1, r2))


def _sort_key(row):
    # Numbers are rounded so that values within tolerance sort together.
    out = []
    for v in row:
        if v is None:
            out.append((0, ""))
        elif isinstance(v, float):
            out.append((1, round(v, 2)))
        else:
            out.append((2, str(v)))
    return out


def compare(query_no, got, ref):
    """Compare two normalised answers.  Returns (ok, detail, warnings)."""
    warnings = []
    gcols, rcols = got["columns"], ref["columns"]
    if len(gcols) != len(rcols):
        return False, f"{len(gcols)} columns {gcols}, expected {len(rcols)} {rcols}", warnings
    if [c.lower() for c in gcols] != [c.lower() for c in rcols]:
        warnings.append(f"column names {gcols} differ from {rcols}")
    grows, rrows = got["rows"], ref["rows"]
    if len(grows) != len(rrows):
        return False, f"{len(grows)} rows, expected {len(rrows)}", warnings
    # Multiset equality: sort both and compare pairwise.
    gs = sorted(grows, key=_sort_key)
    rs = sorted(rrows, key=_sort_key)
    for i, (g, r) in enumerate(zip(gs, rs)):
        if not rows_match(g, r):
            # Rounding can put near-equal numbers on different sides of a sort
            # boundary; fall back to a greedy match before declaring a difference.
            if not _greedy_multiset_match(grows, rrows):
                return False, f"row {_show(g)} != expected {_show(r)} (sorted position {i})", warnings
            break
    keys = ORDER_KEYS.get(query_no, [])
    if keys:
        for i, (g, r) in enumerate(zip(grows, rrows)):
            if not all(values_match(g[k], r[k]) for k in keys):
                return (
                    False,
                    f"ORDER BY keys differ at row {i}: {[g[k] for k in keys]} vs expected {[r[k] for k in keys]}",
                    warnings,
                )
    return True, "", warnings


def _greedy_multiset_match(a, b):
    if len(a) > 5000:
        return False
    remaining = list(b)
    for row in a:
        for j, cand in enumerate(remaining):
            if rows_match(row, cand):
                del remaining[j]
                break
        else:
            return False
    return True


def _show(row):
    s = json.dumps(row, default=str)
    return s if len(s) <= 300 else s[:300] + "..."
