"""Turn what a case produced into a canonical, JSON-serialisable observation.

Value encoding (used for collected rows, pandas cells and plain values):
    None/bool/int/str  as is (str with data/scratch paths replaced by $DATA/$TMP)
    float              JSON number (repr-exact); NaN/inf as {"float": "NaN"|"Infinity"|"-Infinity"}
    Decimal            str(d), e.g. "1.50"
    datetime/date/time isoformat()
    timedelta          total microseconds (int)
    bytes/bytearray    lowercase hex
    Row/tuple/list     list of encoded values
    dict (map)         list of [key, value] pairs sorted by the key's JSON
    numpy scalar/array .item() / list;  pandas NaT/NA {"NaT": true} / {"NA": true}

Observation kinds (one key each):
    {"dataframe": {"schema": <parsed df.schema.json()>, "rows": [...], "show": [lines]}}
        (a runtime error replaces rows/show by rows_error/show_error: {error fields})
    {"error": {"type", "errorClass", "sqlState", "messageParameters", "messageErrorClass", "message"}}
    {"observations": [obs, ...] | {label: obs}}
    {"rows": [...], "pytypes": [...]}       a collect() result (list of Row)
    {"row": [...], "fields": [...]}         a single Row
    {"show": [lines]}                       fx.show(...) text
    {"pandas": {"columns", "dtypes", "pytypes", "values"}}
    {"datatype": <parsed json>}
    {"noerror": obs}                        fx.error(fn) whose fn did not raise
    {"value": v, "pytype": name}            anything else
A function (e.g. ``lambda: df.toPandas()``) in an observation list is called
by the runner; if it raises, only that slot records the error.
"""

import contextlib
import datetime as dt
import decimal
import inspect
import io
import json
import math
import os
import re

from .fixtures import ErrorObs, NoError, Show

SHOW_ROWS_DEFAULT = 20


class Encoder:
    def __init__(self, replacements=()):
        # longest first, so nested directories are replaced before parents
        reps = []
        for path, token in replacements:
            if not path:
                continue
            for p in {path, os.path.realpath(path)}:
                reps.append((p.rstrip("/"), token))
        self.replacements = sorted(reps, key=lambda r: -len(r[0]))

    def text(self, s: str) -> str:
        for path, token in self.replacements:
            if path in s:
                s = s.replace(path, token)
        return s

    def value(self, v):
        if v is None or isinstance(v, bool):
            return v
        if isinstance(v, int):
            return int(v)
        if isinstance(v, float):
            return _float(v)
        if isinstance(v, str):
            return self.text(v)
        if isinstance(v, decimal.Decimal):
            return str(v)
        mod = type(v).__module__
        if mod.startswith("pandas"):
            r = self._pandas_scalar(v)
            if r is not _NOTHING:
                return r
        if mod == "numpy":
            import numpy as np
            if isinstance(v, np.ndarray):
                return [self.value(x) for x in v.tolist()]
            if isinstance(v, np.datetime64):
                if np.isnat(v):
                    return {"NaT": True}
                return str(v)
            if isinstance(v, np.timedelta64):
                if np.isnat(v):
                    return {"NaT": True}
                return int(v.astype("timedelta64[us]").astype("int64"))
            if hasattr(v, "item"):
                return self.value(v.item())
        if isinstance(v, dt.datetime):
            return v.isoformat()
        if isinstance(v, (dt.date, dt.time)):
            return v.isoformat()
        if isinstance(v, dt.timedelta):
            return (v.days * 86400 + v.seconds) * 1_000_000 + v.microseconds
        if isinstance(v, (bytes, bytearray, memoryview)):
            return bytes(v).hex()
        if isinstance(v, (list, tuple)):  # Row is a tuple
            return [self.value(x) for x in v]
        if isinstance(v, dict):
            pairs = [[self.value(k), self.value(x)] for k, x in v.items()]
            pairs.sort(key=lambda p: json.dumps(p[0], sort_keys=True))
            return pairs
        if type(v).__name__ == "VariantVal" and hasattr(v, "toJson"):
            return {"variant": v.toJson()}
        return {"repr": self.text(repr(v)), "pytype": type(v).__name__}

    def _pandas_scalar(self, v):
        import pandas as pd
        if v is pd.NaT:
            return {"NaT": True}
        if v is pd.NA:
            return {"NA": True}
        if isinstance(v, pd.Timestamp):
            return v.isoformat()
        if isinstance(v, pd.Timedelta):
            return int(v.value // 1000) if v.value % 1000 == 0 else {"ns": int(v.value)}
        return _NOTHING


_NOTHING = object()


def _float(v: float):
    if math.isnan(v):
        return {"float": "NaN"}
    if math.isinf(v):
        return {"float": "Infinity" if v > 0 else "-Infinity"}
    return v


def pytype(v) -> str:
    t = type(v)
    if t.__module__ == "numpy":
        return "numpy." + t.__name__
    return t.__name__


def column_pytypes(rows) -> list:
    """Per column: sorted Python type names of the non-null values."""
    if not rows:
        return []
    ncols = max(len(r) for r in rows)
    out = []
    for i in range(ncols):
        names = {pytype(r[i]) for r in rows if i < len(r) and r[i] is not None}
        out.append(sorted(names))
    return out


def is_dataframe(v) -> bool:
    return (type(v).__name__ == "DataFrame" and hasattr(v, "collect")
            and hasattr(v, "schema") and type(v).__module__.startswith("pyspark"))


def is_row(v) -> bool:
    return type(v).__name__ == "Row" and isinstance(v, tuple)


def capture_show(df, *args, **kwargs) -> str:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        df.show(*args, **kwargs)
    return buf.getvalue()


def lines(text: str) -> list:
    ls = text.split("\n")
    if ls and ls[-1] == "":
        ls.pop()
    return ls


_CLASS_IN_MESSAGE = re.compile(r"^\s*(?:\([^)]*\)\s*)?\[([A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)*)\]")


def encode_error(e: BaseException, enc: Encoder) -> dict:
    out = {"type": type(e).__name__}
    cond = None
    for getter in ("getCondition", "getErrorClass"):
        fn = getattr(e, getter, None)
        if callable(fn):
            try:
                cond = fn()
            except Exception:  # noqa: BLE001
                cond = None
            break
    out["errorClass"] = cond
    sql_state = None
    if callable(getattr(e, "getSqlState", None)):
        try:
            sql_state = e.getSqlState()
        except Exception:  # noqa: BLE001
            pass
    out["sqlState"] = sql_state
    params = None
    if callable(getattr(e, "getMessageParameters", None)):
        try:
            params = e.getMessageParameters()
        except Exception:  # noqa: BLE001
            pass
    out["messageParameters"] = (
        {str(k): enc.text(str(v)) for k, v in sorted(params.items())} if params else params
    )
    msg = str(e)
    msg = msg.split("\n\nJVM stacktrace:", 1)[0]
    m = _CLASS_IN_MESSAGE.match(msg)
    out["messageErrorClass"] = m.group(1) if m else None
    first = msg.strip().split("\n", 1)[0] if msg.strip() else ""
    out["message"] = enc.text(first)[:500]
    return out


def observe_dataframe(df, case, enc: Encoder) -> dict:
    """schema (analysis errors propagate), then rows and show() text; a
    runtime error of collect() or show() is recorded as rows_error/show_error."""
    schema = df.schema
    out = {"schema": json.loads(schema.json())}
    nrows = None
    try:
        rows = df.collect()
        out["rows"] = [enc.value(r) for r in rows]
        nrows = len(rows)
    except Exception as e:  # noqa: BLE001
        out["rows_error"] = encode_error(e, enc)
    if case.show and (case.ordered or (nrows is not None and nrows <= SHOW_ROWS_DEFAULT)):
        try:
            out["show"] = lines(enc.text(capture_show(df)))
        except Exception as e:  # noqa: BLE001
            out["show_error"] = encode_error(e, enc)
    return out


def observe_pandas(pdf, enc: Encoder) -> dict:
    values = [list(r) for r in pdf.itertuples(index=False, name=None)]
    return {
        "columns": [enc.value(c) for c in pdf.columns],
        "dtypes": [str(t) for t in pdf.dtypes],
        "pytypes": column_pytypes([[None if _is_missing(x) else x for x in r] for r in values]),
        "values": [[enc.value(x) for x in r] for r in values],
    }


def _is_missing(x) -> bool:
    try:
        import pandas as pd
        if x is pd.NaT or x is pd.NA:
            return True
    except ImportError:
        pass
    return x is None


def observe_value(v, case, enc: Encoder) -> dict:
    if inspect.isfunction(v) or inspect.ismethod(v):
        # a thunk: evaluated here so that an error is recorded for this slot only
        try:
            v = v()
        except Exception as e:  # noqa: BLE001
            return {"error": encode_error(e, enc)}
    if isinstance(v, ErrorObs):
        return {"error": encode_error(v.exc, enc)}
    if isinstance(v, NoError):
        return {"noerror": observe_value(v.value, case, enc)}
    if isinstance(v, Show):
        return {"show": lines(enc.text(v.text))}
    if is_dataframe(v):
        try:
            return {"dataframe": observe_dataframe(v, case, enc)}
        except Exception as e:  # noqa: BLE001
            return {"error": encode_error(e, enc)}
    mod = type(v).__module__
    if mod.startswith("pandas"):
        import pandas as pd
        if isinstance(v, pd.DataFrame):
            return {"pandas": observe_pandas(v, enc)}
        if isinstance(v, pd.Series):
            return {"pandas": observe_pandas(v.to_frame(), enc)}
    if mod.startswith("pyspark") and hasattr(v, "jsonValue") and hasattr(v, "simpleString"):
        return {"datatype": json.loads(v.json())}
    if is_row(v):
        return {"row": enc.value(v), "fields": list(getattr(v, "__fields__", []) or [])}
    if isinstance(v, list) and v and all(is_row(r) for r in v):
        return {"rows": [enc.value(r) for r in v], "pytypes": column_pytypes(v)}
    if isinstance(v, str) and "\n" in v:
        return {"text": lines(enc.text(v))}
    return {"value": enc.value(v), "pytype": pytype(v)}


def run_case(case, spark, fx, enc: Encoder) -> dict:
    """Run one case and return its observation (never raises for case errors)."""
    try:
        ret = case.fn(spark, fx) if case.wants_fx else case.fn(spark)
        if is_dataframe(ret):
            return {"dataframe": observe_dataframe(ret, case, enc)}
        if isinstance(ret, dict):
            return {"observations": {str(k): observe_value(x, case, enc) for k, x in ret.items()}}
        if isinstance(ret, (list, tuple)) and not (ret and all(is_row(r) for r in ret)):
            return {"observations": [observe_value(x, case, enc) for x in ret]}
        return {"observations": [observe_value(ret, case, enc)]}
    except Exception as e:  # noqa: BLE001 - errors are observations
        return {"error": encode_error(e, enc)}


def normalize(obs):
    """What the observation looks like after a trip through the gold file."""
    return json.loads(json.dumps(obs, allow_nan=False))
