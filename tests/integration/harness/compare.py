"""Compare an observation with its gold; returns a list of readable problems."""

import difflib
import json
import math
import re

ERROR_KEYS = ("type", "errorClass", "sqlState", "messageParameters", "messageErrorClass")
MAX_DIFF_LINES = 60


def _j(v) -> str:
    return json.dumps(v, sort_keys=True, ensure_ascii=False, allow_nan=False)


def _kind(obs) -> str:
    if isinstance(obs, dict) and len(obs) >= 1:
        for k in ("dataframe", "error", "observations", "rows", "row", "show", "pandas",
                  "datatype", "noerror", "text", "value"):
            if k in obs:
                return k
    return "?"


def _udiff(exp_lines, act_lines, what="") -> str:
    d = list(difflib.unified_diff(exp_lines, act_lines, "expected (Spark)" + what,
                                  "actual" + what, lineterm="", n=2))
    if len(d) > MAX_DIFF_LINES:
        d = d[:MAX_DIFF_LINES] + [f"... ({len(d) - MAX_DIFF_LINES} more diff lines)"]
    return "\n".join(d)


def _summary(obs) -> str:
    k = _kind(obs)
    if k == "error":
        e = obs["error"]
        return (f"error {e.get('type')} [{e.get('errorClass') or e.get('messageErrorClass')}]: "
                f"{e.get('message')}")
    s = _j(obs)
    return s if len(s) < 400 else s[:400] + "..."


def values_equal(e, a, tol) -> bool:
    if tol is None:
        return _j(e) == _j(a)
    if isinstance(e, bool) or isinstance(a, bool):
        return e is a
    if isinstance(e, (int, float)) and isinstance(a, (int, float)):
        if isinstance(e, int) and isinstance(a, int):
            return e == a
        if type(e) is not type(a):
            return False
        return math.isclose(e, a, rel_tol=tol, abs_tol=tol)
    if isinstance(e, list) and isinstance(a, list):
        return len(e) == len(a) and all(values_equal(x, y, tol) for x, y in zip(e, a))
    if isinstance(e, dict) and isinstance(a, dict):
        return e.keys() == a.keys() and all(values_equal(e[k], a[k], tol) for k in e)
    if isinstance(e, str) and isinstance(a, str) and e != a and _FLOAT_STR.fullmatch(e) \
            and _FLOAT_STR.fullmatch(a):
        # numbers rendered as strings (describe/summary): same tolerance
        return math.isclose(float(e), float(a), rel_tol=tol, abs_tol=tol)
    return _j(e) == _j(a)


_FLOAT_STR = re.compile(r"-?\d+\.\d+(?:E-?\d+)?")


def _sorted_rows(rows):
    return sorted(rows, key=_j)


def compare_rows(path, exp, act, opts, problems):
    tol = opts.get("float_tol")
    if not opts.get("ordered", True):
        exp, act = _sorted_rows(exp), _sorted_rows(act)
    if len(exp) == len(act) and all(values_equal(e, a, tol) for e, a in zip(exp, act)):
        return
    note = "" if opts.get("ordered", True) else " (unordered: both sides sorted)"
    problems.append(f"{path}: rows differ{note}: expected {len(exp)} rows, got {len(act)}\n"
                    + _udiff([_j(r) for r in exp], [_j(r) for r in act]))


_NUM = re.compile(r"-?\d+(?:\.\d+)?(?:E-?\d+)?")


def _show_equal_tol(exp_lines, act_lines, tol) -> bool:
    def norm(ls):
        out = []
        for ln in ls:
            if re.fullmatch(r"[+\-]+", ln.strip()):
                continue  # border lines depend on column widths
            out.append(ln)
        return out
    e, a = norm(exp_lines), norm(act_lines)
    if len(e) != len(a):
        return False
    for le, la in zip(e, a):
        te = [t.strip() for t in re.split(r"[|]", le)]
        ta = [t.strip() for t in re.split(r"[|]", la)]
        if len(te) != len(ta):
            return False
        for ce, ca in zip(te, ta):
            if ce == ca:
                continue
            if _NUM.fullmatch(ce) and _NUM.fullmatch(ca):
                if math.isclose(float(ce), float(ca), rel_tol=tol, abs_tol=tol):
                    continue
            return False
    return True


def compare_show(path, exp, act, opts, problems):
    tol = opts.get("float_tol")
    if exp == act:
        return
    if not opts.get("ordered", True) and sorted(exp) == sorted(act):
        return
    if tol is not None:
        e, a = exp, act
        if not opts.get("ordered", True):
            e, a = sorted(exp), sorted(act)
        if _show_equal_tol(e, a, tol):
            return
    problems.append(f"{path}: show() output differs\n" + _udiff(exp, act))


def compare_error(path, exp, act, opts, problems):
    keys = list(ERROR_KEYS) + (["message"] if opts.get("compare_message") else [])
    bad = [k for k in keys if _j(exp.get(k)) != _j(act.get(k))]
    if bad:
        lines = [f"{path}: error differs in {', '.join(bad)}"]
        for k in bad:
            lines.append(f"  {k}: expected {_j(exp.get(k))}")
            lines.append(f"  {' ' * len(k)}       got {_j(act.get(k))}")
        lines.append(f"  expected message: {exp.get('message')}")
        lines.append(f"  actual message:   {act.get('message')}")
        problems.append("\n".join(lines))


def _schema_lines(s):
    """One line per (nested) field, e.g. 'a.b: long nullable' for readable diffs."""
    out = []

    def walk(t, prefix):
        if isinstance(t, dict) and t.get("type") == "struct":
            for f in t.get("fields", []):
                ft = f.get("type")
                desc = ft if isinstance(ft, str) else ft.get("type")
                meta = f" metadata={_j(f.get('metadata'))}" if f.get("metadata") else ""
                out.append(f"{prefix}{f.get('name')}: {desc}"
                           f"{' nullable' if f.get('nullable') else ' NOT NULL'}{meta}")
                walk(ft, prefix + f"{f.get('name')}.")
        elif isinstance(t, dict):
            out.append(f"{prefix}<{t.get('type')}> {_j(t)}")
    walk(s, "")
    return out or [_j(s)]


def compare_obs(path, exp, act, opts, problems):
    ke, ka = _kind(exp), _kind(act)
    if ke != ka:
        problems.append(f"{path}: expected {ke}, got {ka}\n  expected: {_summary(exp)}\n"
                        f"  actual:   {_summary(act)}")
        return
    e, a = exp[ke], act[ka]
    if ke == "dataframe":
        se, sa = e.get("schema"), a.get("schema")
        if _schema_eq(se, sa) is False:
            problems.append(f"{path}: schema differs\n"
                            + _udiff(_schema_lines(se), _schema_lines(sa)))
        for part in ("rows", "show"):
            err = part + "_error"
            if err in e or err in a:
                if err in e and err in a:
                    compare_error(f"{path}.{err}", e[err], a[err], opts, problems)
                elif err in e:
                    problems.append(f"{path}: expected {part} to fail with "
                                    f"{_summary({'error': e[err]})}; it did not")
                else:
                    problems.append(f"{path}: {part} failed: {_summary({'error': a[err]})}")
                continue
            if part == "rows":
                compare_rows(path, e.get("rows", []), a.get("rows", []), opts, problems)
            elif "show" in e:
                if "show" not in a:
                    problems.append(f"{path}: show() was not captured")
                else:
                    compare_show(path, e["show"], a["show"], opts, problems)
    elif ke == "error":
        compare_error(path, e, a, opts, problems)
    elif ke == "observations":
        if isinstance(e, list) and isinstance(a, list):
            if len(e) != len(a):
                problems.append(f"{path}: expected {len(e)} observations, got {len(a)}")
            for i, (x, y) in enumerate(zip(e, a)):
                compare_obs(f"{path}[{i}]", x, y, opts, problems)
        elif isinstance(e, dict) and isinstance(a, dict):
            if e.keys() != a.keys():
                problems.append(f"{path}: observation labels differ: {sorted(e)} vs {sorted(a)}")
            for k in e:
                if k in a:
                    compare_obs(f"{path}.{k}", e[k], a[k], opts, problems)
        else:
            problems.append(f"{path}: observation container differs")
    elif ke == "rows":
        compare_rows(path, e, a, opts, problems)
        if _j(exp.get("pytypes")) != _j(act.get("pytypes")):
            problems.append(f"{path}: Python value types differ: expected "
                            f"{_j(exp.get('pytypes'))}, got {_j(act.get('pytypes'))}")
    elif ke == "row":
        if not values_equal(e, a, opts.get("float_tol")) or exp.get("fields") != act.get("fields"):
            problems.append(f"{path}: Row differs\n  expected: {_j(exp)}\n  actual:   {_j(act)}")
    elif ke == "show" or ke == "text":
        compare_show(path, e, a, opts, problems)
    elif ke == "pandas":
        for k in ("columns", "dtypes", "pytypes"):
            if _j(e.get(k)) != _j(a.get(k)):
                problems.append(f"{path}: pandas {k} differ: expected {_j(e.get(k))}, "
                                f"got {_j(a.get(k))}")
        compare_rows(f"{path}(pandas)", e.get("values", []), a.get("values", []), opts, problems)
    elif ke == "datatype":
        if _schema_eq(e, a) is False:
            problems.append(f"{path}: data type differs\n"
                            + _udiff(_schema_lines(e), _schema_lines(a)))
    elif ke == "noerror":
        compare_obs(path, e, a, opts, problems)
    else:
        if not values_equal(exp, act, opts.get("float_tol")):
            problems.append(f"{path}: value differs\n  expected: {_j(exp)}\n  actual:   {_j(act)}")


def _schema_eq(se, sa):
    return _j(se) == _j(sa)


def compare(expected, actual, opts) -> list:
    problems = []
    compare_obs("result", expected, actual, opts, problems)
    return problems
