"""Test data files, written with pyarrow / plain Python (never with Spark), so
the oracle and Ember read exactly the same bytes; plus the per-case ``fx``.

All data is deterministic (fixed seeds, no clocks). Paths are normalised to
``$DATA`` / ``$TMP`` in recorded observations, so the directories may differ
between recording and testing.
"""

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import random
import shutil
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq


def _write_parquet(table, path):
    pq.write_table(table, path, compression="snappy")


def _people():
    return pa.table({
        "id": pa.array([1, 2, 3, 4, 5, 6, 7, 8], pa.int64()),
        "name": pa.array(["Alice", "Bob", "Carol", "Dan", "Eve", "Frank", None, "Heidi"]),
        "age": pa.array([34, 45, 29, None, 51, 38, 23, 45], pa.int32()),
        "dept": pa.array(["eng", "eng", "sales", "sales", "hr", None, "eng", "hr"]),
        "salary": pa.array([120000.5, 98000.0, 67000.25, 71000.0, None, 88000.75, 55000.0,
                            99000.0], pa.float64()),
        "bonus": pa.array([Decimal("1000.50"), Decimal("250.00"), None, Decimal("0.00"),
                           Decimal("999.99"), Decimal("10.10"), Decimal("5.55"),
                           Decimal("123.45")], pa.decimal128(10, 2)),
        "hired": pa.array([dt.date(2015, 3, 1), dt.date(2012, 7, 15), dt.date(2019, 1, 31),
                           dt.date(2020, 2, 29), None, dt.date(2016, 12, 31),
                           dt.date(2023, 6, 1), dt.date(2012, 7, 15)], pa.date32()),
        "active": pa.array([True, False, True, None, True, False, True, True]),
    })


def _hello():
    return pa.table({
        "id": pa.array([1, 2, 3], pa.int64()),
        "name": pa.array(["alpha", "beta", "gamma"]),
        "score": pa.array([1.5, 2.25, None], pa.float64()),
    })


def _all_types():
    return pa.table({
        "b": pa.array([1, -128, None], pa.int8()),
        "s": pa.array([1, 32767, None], pa.int16()),
        "i": pa.array([1, -2147483648, None], pa.int32()),
        "l": pa.array([1, 9223372036854775807, None], pa.int64()),
        "f": pa.array([1.5, -0.0, None], pa.float32()),
        "d": pa.array([2.25, float("inf"), None], pa.float64()),
        "dec": pa.array([Decimal("12345.678"), Decimal("-0.001"), None], pa.decimal128(12, 3)),
        "str": pa.array(["x", "ünïcødé ✓", None]),
        "bin": pa.array([b"\x00\x01", b"", None], pa.binary()),
        "bool": pa.array([True, False, None]),
        "date": pa.array([dt.date(2024, 2, 29), dt.date(1900, 1, 1), None], pa.date32()),
        "ts": pa.array([dt.datetime(2024, 2, 29, 12, 34, 56, 789012),
                        dt.datetime(1970, 1, 1), None], pa.timestamp("us", tz="UTC")),
        "ts_ntz": pa.array([dt.datetime(2024, 2, 29, 23, 59, 59, 1),
                            dt.datetime(1999, 12, 31), None], pa.timestamp("us")),
        "arr": pa.array([[1, 2, None], [], None], pa.list_(pa.int32())),
        "st": pa.array([{"x": 1, "y": "a"}, {"x": None, "y": None}, None],
                       pa.struct([("x", pa.int64()), ("y", pa.string())])),
        "m": pa.array([[("k1", 1), ("k2", 2)], [], None], pa.map_(pa.string(), pa.int64())),
    })


# --- a small, deterministic TPC-H-like data set --------------------------------

NATIONS = ["ALGERIA", "ARGENTINA", "BRAZIL", "CANADA", "EGYPT", "FRANCE", "GERMANY", "JAPAN"]
SEGMENTS = ["AUTOMOBILE", "BUILDING", "FURNITURE", "HOUSEHOLD", "MACHINERY"]
PRIORITIES = ["1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW"]
SHIPMODES = ["AIR", "FOB", "MAIL", "RAIL", "SHIP", "TRUCK"]


def _tpch():
    rnd = random.Random(20240229)
    nation = pa.table({
        "n_nationkey": pa.array(range(len(NATIONS)), pa.int64()),
        "n_name": pa.array(NATIONS),
        "n_regionkey": pa.array([i % 3 for i in range(len(NATIONS))], pa.int64()),
    })
    ncust = 60
    customer = pa.table({
        "c_custkey": pa.array(range(1, ncust + 1), pa.int64()),
        "c_name": pa.array([f"Customer#{i:09d}" for i in range(1, ncust + 1)]),
        "c_nationkey": pa.array([rnd.randrange(len(NATIONS)) for _ in range(ncust)], pa.int64()),
        "c_acctbal": pa.array([Decimal(rnd.randrange(-99999, 999999)) / 100 for _ in range(ncust)],
                              pa.decimal128(15, 2)),
        "c_mktsegment": pa.array([rnd.choice(SEGMENTS) for _ in range(ncust)]),
    })
    norders = 400
    start = dt.date(1995, 1, 1)
    o_orderdate = [start + dt.timedelta(days=rnd.randrange(0, 730)) for _ in range(norders)]
    orders = pa.table({
        "o_orderkey": pa.array(range(1, norders + 1), pa.int64()),
        "o_custkey": pa.array([rnd.randrange(1, ncust + 1) for _ in range(norders)], pa.int64()),
        "o_orderstatus": pa.array([rnd.choice("FOP") for _ in range(norders)]),
        "o_orderdate": pa.array(o_orderdate, pa.date32()),
        "o_orderpriority": pa.array([rnd.choice(PRIORITIES) for _ in range(norders)]),
        "o_shippriority": pa.array([0] * norders, pa.int32()),
    })
    rows = {k: [] for k in ["l_orderkey", "l_linenumber", "l_quantity", "l_extendedprice",
                            "l_discount", "l_tax", "l_returnflag", "l_linestatus",
                            "l_shipdate", "l_shipmode"]}
    for ok, od in zip(range(1, norders + 1), o_orderdate):
        for ln in range(1, rnd.randrange(1, 6) + 1):
            qty = rnd.randrange(1, 51)
            price = Decimal(rnd.randrange(90000, 10500000)) / 100
            ship = od + dt.timedelta(days=rnd.randrange(1, 122))
            rows["l_orderkey"].append(ok)
            rows["l_linenumber"].append(ln)
            rows["l_quantity"].append(Decimal(qty))
            rows["l_extendedprice"].append(price)
            rows["l_discount"].append(Decimal(rnd.randrange(0, 11)) / 100)
            rows["l_tax"].append(Decimal(rnd.randrange(0, 9)) / 100)
            rows["l_returnflag"].append("R" if ship < dt.date(1996, 1, 1) and rnd.random() < .5
                                        else ("A" if ship < dt.date(1996, 1, 1) else "N"))
            rows["l_linestatus"].append("F" if ship < dt.date(1996, 6, 1) else "O")
            rows["l_shipdate"].append(ship)
            rows["l_shipmode"].append(rnd.choice(SHIPMODES))
    dec = pa.decimal128(15, 2)
    lineitem = pa.table({
        "l_orderkey": pa.array(rows["l_orderkey"], pa.int64()),
        "l_linenumber": pa.array(rows["l_linenumber"], pa.int32()),
        "l_quantity": pa.array(rows["l_quantity"], dec),
        "l_extendedprice": pa.array(rows["l_extendedprice"], dec),
        "l_discount": pa.array(rows["l_discount"], dec),
        "l_tax": pa.array(rows["l_tax"], dec),
        "l_returnflag": pa.array(rows["l_returnflag"]),
        "l_linestatus": pa.array(rows["l_linestatus"]),
        "l_shipdate": pa.array(rows["l_shipdate"], pa.date32()),
        "l_shipmode": pa.array(rows["l_shipmode"]),
    })
    return {"nation": nation, "customer": customer, "orders": orders, "lineitem": lineitem}


CSV_TEXT = (
    "id,name,city,amount,day\n"
    "1,Ann,Oslo,10.5,2024-01-05\n"
    "2,Ben,\"Rio, de Janeiro\",7,2024-02-10\n"
    "3,,Lima,,2024-03-15\n"
    "4,Dora,Oslo,-3.25,\n"
)

JSON_LINES = [
    {"id": 1, "name": "Ann", "tags": ["a", "b"], "info": {"score": 1.5, "ok": True}},
    {"id": 2, "name": "Ben", "tags": [], "info": {"score": None, "ok": False}},
    {"id": 3, "name": None, "info": {"score": 3, "ok": None}},
    {"id": 4, "name": "Dora", "tags": ["c"], "extra": "x"},
]


def write_data(root: str) -> dict:
    """Write every data file under root; returns {key: absolute path}."""
    os.makedirs(root, exist_ok=True)
    paths = {}

    def p(name):
        path = os.path.join(root, name)
        return path

    paths["hello"] = p("file.parquet")
    _write_parquet(_hello(), paths["hello"])
    paths["people"] = p("people.parquet")
    _write_parquet(_people(), paths["people"])
    paths["all_types"] = p("all_types.parquet")
    _write_parquet(_all_types(), paths["all_types"])

    # a directory of several parquet files with the same schema
    paths["people_dir"] = p("people_dir")
    os.makedirs(paths["people_dir"], exist_ok=True)
    t = _people()
    _write_parquet(t.slice(0, 4), os.path.join(paths["people_dir"], "part-0.parquet"))
    _write_parquet(t.slice(4), os.path.join(paths["people_dir"], "part-1.parquet"))

    for name, table in _tpch().items():
        paths[name] = p(f"tpch_{name}.parquet")
        _write_parquet(table, paths[name])

    paths["csv"] = p("people.csv")
    with open(paths["csv"], "w", encoding="utf-8", newline="") as f:
        f.write(CSV_TEXT)
    paths["json"] = p("people.jsonl")
    with open(paths["json"], "w", encoding="utf-8") as f:
        for rec in JSON_LINES:
            f.write(json.dumps(rec, sort_keys=True) + "\n")
    paths["text"] = p("lines.txt")
    with open(paths["text"], "w", encoding="utf-8") as f:
        f.write("hello world\n\nspark connect on duckdb\n")
    return paths


def data_source_sha() -> str:
    """Hash of this generator's source: goldens record it to detect stale data."""
    with open(__file__, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()[:16]


class Show:
    """Captured stdout of a df.show(...) call."""

    def __init__(self, text: str):
        self.text = text


class ErrorObs:
    """An error captured by fx.error(...)."""

    def __init__(self, exc: BaseException):
        self.exc = exc


class NoError:
    def __init__(self, value):
        self.value = value


class Fx(dict):
    """Per-case fixture: dict of data file paths plus helpers.

    fx["people"], fx["hello"], ...  absolute paths of the data files
    fx.tmp                          a fresh, empty scratch directory for this case
    fx.show(df, *args, **kw)        captured df.show(*args, **kw) text
    fx.error(fn)                    run fn(); observe the error it raises
    fx.files(path)                  sorted relative listing of a written directory
    fx.new_session()                another fresh session on the same server
    """

    def __init__(self, paths: dict, data_dir: str, tmp: str, remote: str = None):
        super().__init__(paths)
        self.data_dir = data_dir
        self.tmp = tmp
        self.remote = remote
        self._extra_sessions = []

    def new_session(self):
        """Another fresh session on the same server (closed after the case)."""
        from .session import new_session
        s = new_session(self.remote)
        self._extra_sessions.append(s)
        return s

    def close(self):
        from .session import close_session
        for s in self._extra_sessions:
            close_session(s)
        self._extra_sessions = []

    @staticmethod
    def show(df, *args, **kwargs) -> Show:
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            df.show(*args, **kwargs)
        return Show(buf.getvalue())

    @staticmethod
    def error(fn):
        try:
            value = fn()
        except Exception as e:  # noqa: BLE001 - every error is an observation
            return ErrorObs(e)
        return NoError(value)

    @staticmethod
    def files(path: str, data_only: bool = False) -> list:
        """Directories (with a trailing /) and data-file kinds under path.

        Spark's part-file names contain random UUIDs, so file names are
        reduced to their kind: '<dir>/part*<ext>' for data files and the
        literal name for others (e.g. _SUCCESS). Hidden '.crc' files are
        skipped.
        """
        out = set()
        for dirpath, dirnames, filenames in os.walk(path):
            rel = os.path.relpath(dirpath, path)
            rel = "" if rel == "." else rel + "/"
            for d in dirnames:
                out.add(rel + d + "/")
            for fn in filenames:
                if fn.startswith(".") or fn.endswith(".crc"):
                    continue
                if fn.startswith("part-"):
                    ext = ""
                    for e in (".snappy.parquet", ".parquet", ".csv", ".json", ".txt"):
                        if fn.endswith(e):
                            ext = e
                            break
                    out.add(rel + "part*" + ext)
                elif not data_only:
                    out.add(rel + fn)
        return sorted(out)


def new_case_tmp(base: str, case_id: str) -> str:
    safe = case_id.replace("::", "__")
    path = os.path.join(base, safe)
    if os.path.exists(path):
        shutil.rmtree(path)
    os.makedirs(path)
    return path
