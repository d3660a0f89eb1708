"""SQL gold files: tests/sql/cases/<name>.sql run statement by statement, the
answers rendered as text into tests/sql/gold/spark-<version>/<name>.out.

The same code renders the text when recording from real Spark
(tests/integration/record.py) and when checking a server
(tests/integration/test_sql_gold.py); the check is plain text equality.
The format is described in tests/sql/README.md.
"""

import datetime as dt
import decimal
import hashlib
import math
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Tuple

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # tests/integration
SQL_DIR = os.path.join(os.path.dirname(HERE), "sql")
CASES_DIR = os.path.join(SQL_DIR, "cases")
GOLD_DIR = os.path.join(SQL_DIR, "gold")

# The selector of all SQL files for record.py, and the prefix of their names in
# known_failures.txt ("sqlgold::<name>").
PREFIX = "sqlgold"

DIRECTIVES = ("sorted", "ignore-output")
_DIRECTIVE_LINE = re.compile(r"^--\s*([a-z]+(?:-[a-z]+)*)\s*$")
TMP_PLACEHOLDER = "$TMP"


# --- case files ------------------------------------------------------------------------

@dataclass
class Statement:
    text: str                 # as written, without the final ';'
    line: int                 # 1-based line of its first line in the case file
    directives: Tuple[str, ...] = field(default_factory=tuple)


class CaseFileError(ValueError):
    pass


def case_names() -> List[str]:
    if not os.path.isdir(CASES_DIR):
        return []
    return sorted(f[:-4] for f in os.listdir(CASES_DIR) if f.endswith(".sql"))


def case_path(name: str) -> str:
    return os.path.join(CASES_DIR, f"{name}.sql")


def gold_path(name: str, version: str) -> str:
    return os.path.join(GOLD_DIR, f"spark-{version}", f"{name}.out")


def case_sha(name: str) -> str:
    with open(case_path(name), "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()[:16]


def parse(text: str, where: str = "<sql>") -> List[Statement]:
    """Statements end with ';' at the end of a line. Outside a statement, a
    line '-- <word>' (one lowercase word, hyphens allowed) is a directive for
    the next statement and must be one of DIRECTIVES; other '--' lines and
    blank lines are comments. Inside a statement every line belongs to it."""
    out: List[Statement] = []
    cur: List[str] = []
    start = 0
    pending: List[str] = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if not cur:
            s = line.strip()
            if not s:
                continue
            if s.startswith("--"):
                m = _DIRECTIVE_LINE.match(s)
                if m:
                    if m.group(1) not in DIRECTIVES:
                        raise CaseFileError(f"{where}:{n}: unknown directive '{m.group(1)}' "
                                            f"(known: {', '.join(DIRECTIVES)})")
                    if m.group(1) not in pending:
                        pending.append(m.group(1))
                continue
            start = n
        cur.append(line)
        if line.endswith(";"):
            body = "\n".join(cur)[:-1].rstrip()
            if not body.strip():
                raise CaseFileError(f"{where}:{start}: empty statement")
            out.append(Statement(body, start, tuple(pending)))
            cur, pending = [], []
    if cur:
        raise CaseFileError(f"{where}:{start}: statement does not end with ';' at the end of a line")
    if pending:
        raise CaseFileError(f"{where}: directive(s) {pending} after the last statement")
    return out


def load(name: str) -> List[Statement]:
    path = case_path(name)
    with open(path, encoding="utf-8") as f:
        return parse(f.read(), os.path.relpath(path))


# --- rendering of values -------------------------------------------------------------------

def _escape(s: str) -> str:
    return (s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
            .replace("\r", "\\r"))


def render_value(v, nested: bool = False) -> str:
    """Spark-like text of one collected value; one line (\\t, \\n, \\r, \\\\ escaped)."""
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return repr(v)
    if isinstance(v, decimal.Decimal):
        return format(v, "f")
    if isinstance(v, str):
        return _escape(v)
    if isinstance(v, dt.datetime):
        s = v.strftime("%Y-%m-%d %H:%M:%S")
        if v.microsecond:
            s += f".{v.microsecond:06d}".rstrip("0")
        if v.tzinfo is not None:
            s += v.strftime("%z")
        return s
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, dt.timedelta):
        return f"INTERVAL {v.days} DAYS {v.seconds} SECONDS {v.microseconds} MICROSECONDS"
    if isinstance(v, (bytes, bytearray, memoryview)):
        return "X'" + bytes(v).hex().upper() + "'"
    if type(v).__name__ == "Row" and isinstance(v, tuple):
        return "{" + ", ".join(render_value(x, True) for x in v) + "}"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(render_value(x, True) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{render_value(k, True)} -> {render_value(x, True)}"
                               for k, x in v.items()) + "}"
    return _escape(f"<{type(v).__name__}> {v!r}")


_PLAIN_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def render_schema(schema) -> str:
    """'name type, ...' with Spark simpleString types; odd names in backticks."""
    parts = []
    for f in schema.fields:
        n = f.name if _PLAIN_NAME.match(f.name) else "`" + f.name.replace("`", "``") + "`"
        parts.append(f"{n} {f.dataType.simpleString()}")
    return ", ".join(parts)


# --- errors ----------------------------------------------------------------------------------

_CLASS_IN_MESSAGE = re.compile(r"^\s*(?:\([^)]*\)\s*)?\[([A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)*)\]")


def error_lines(e: BaseException, with_message: bool = True) -> List[str]:
    cls = None
    for getter in ("getCondition", "getErrorClass"):
        fn = getattr(e, getter, None)
        if callable(fn):
            try:
                cls = fn()
            except Exception:  # noqa: BLE001
                cls = None
            break
    msg = str(e).split("\n\nJVM stacktrace:", 1)[0].strip()
    if not cls:  # Spark 3.5 clients: the [CLASS] prefix of the message
        m = _CLASS_IN_MESSAGE.match(msg)
        cls = m.group(1) if m else type(e).__name__
    state = None
    fn = getattr(e, "getSqlState", None)
    if callable(fn):
        try:
            state = fn()
        except Exception:  # noqa: BLE001
            state = None
    out = [f"ERROR {cls} {state or '-'}"]
    if with_message:
        out.append(msg.split("\n", 1)[0] if msg else "")
    return out


# --- normalization -------------------------------------------------------------------------
# Applied, in this order, to every result/error line (never to statement lines),
# both when recording from Spark and when checking a server. Each one replaces
# something that legitimately differs between runs or machines; keep it short.

_JAVA_DATE = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ 0-9]\d \d\d:\d\d:\d\d [A-Z]{2,5} \d{4}"
_KEY = r"(?:^|\t|\\n)"      # start of a cell, or of a line inside an escaped multi-line cell
_SEP = r"(?:\t|: )"         # DESCRIBE rows: key<TAB>value; SHOW TABLE EXTENDED text: 'Key: value'


def _sub(pattern, repl):
    rx = re.compile(pattern)
    return lambda s: rx.sub(repl, s)


def path_normalizer(path: str, token: str) -> Callable[[str], str]:
    """The directory `path` (also its realpath), with or without a file:,
    file:// or file:/// prefix, becomes `token`."""
    bases = sorted({p.rstrip("/") for p in (path, os.path.realpath(path)) if p}, key=len,
                   reverse=True)
    variants = []
    for b in bases:
        variants += ["file://" + b, "file:" + b, b]
    # a whole path only: not followed by more of a file name
    rx = re.compile("(?:" + "|".join(re.escape(v) for v in variants) + r")(?![\w-]|\.[\w-])")
    return lambda s: rx.sub(token, s)


def strip_file_scheme(uri: str) -> str:
    if uri.startswith("file://"):
        uri = uri[len("file://"):]
    elif uri.startswith("file:"):
        uri = uri[len("file:"):]
    return "/" + uri.lstrip("/")


FIXED_NORMALIZERS = [
    # 'Created Time' / 'Last Access' when they hold a java.util.Date text
    ("created-time", _sub(rf"({_KEY}(?:Created Time|Last Access){_SEP}){_JAVA_DATE}", r"\1<time>")),
    # 'Created By  Spark 4.2.0': one server answers clients of several versions
    ("created-by", _sub(rf"({_KEY}Created By{_SEP})Spark \d+\.\d+\.\d+[\w.-]*", r"\1Spark <version>")),
    # 'Owner  <OS user of the server>' (an empty owner stays empty)
    ("owner", _sub(rf"({_KEY}Owner{_SEP})[^\t\\]+", r"\1<owner>")),
    # the byte count of 'Statistics  1316 bytes, 2 rows' depends on the file writer
    ("statistics-bytes", _sub(rf"({_KEY}(?:Partition )?Statistics{_SEP})\d+ bytes", r"\1<size> bytes")),
    # Hive-style DDL time table/partition property
    ("transient-lastDdlTime", _sub(r"(transient_lastDdlTime(?:\t|=|, ?))\d+", r"\1<time>")),
    # random ids (e.g. in file names)
    ("uuid", _sub(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", "<uuid>")),
]


def normalizers(warehouse: Optional[str], tmp: Optional[str]) -> List[Tuple[str, Callable]]:
    """The full list: the warehouse directory -> <warehouse>, the file's scratch
    directory ($TMP in case files) -> <tmp>, then FIXED_NORMALIZERS."""
    out = []
    paths = []
    if warehouse:
        paths.append((strip_file_scheme(warehouse), "<warehouse>"))
    if tmp:
        paths.append((tmp, "<tmp>"))
    # longer paths first, in case one directory lies inside the other
    for p, token in sorted(paths, key=lambda x: -len(x[0])):
        out.append((token, path_normalizer(p, token)))
    return out + FIXED_NORMALIZERS


def apply_normalizers(line: str, norm) -> str:
    for _, fn in norm:
        line = fn(line)
    return line


# --- running a file ------------------------------------------------------------------------

def header(name: str, version: str) -> List[str]:
    return [f"-- Apache Spark {version} answers to tests/sql/cases/{name}.sql",
            f"-- recorded by scripts/record-goldens; do not edit. case sha256: {case_sha(name)}"]


def gold_sha(text: str) -> Optional[str]:
    m = re.search(r"case sha256: ([0-9a-f]+)", text.split("\n", 2)[1] if text.count("\n") >= 2 else "")
    return m.group(1) if m else None


def _run_statement(spark, st: Statement, sql: str, norm) -> List[str]:
    ignore = "ignore-output" in st.directives
    try:
        df = spark.sql(sql)
        schema = df.schema
        rows = df.collect()
    except Exception as e:  # noqa: BLE001 - errors are answers
        return [apply_normalizers(x, norm) for x in error_lines(e, with_message=not ignore)]
    if ignore:
        return ["ok (output not compared)"]
    if not schema.fields and not rows:
        return ["ok"]
    lines = ["\t".join(render_value(v) for v in r) for r in rows]
    lines = [apply_normalizers(x, norm) for x in lines]
    if "sorted" in st.directives:
        lines.sort()
    n = len(rows)
    return ([apply_normalizers(f"schema: {render_schema(schema)}", norm)] + lines
            + [f"({n} row{'' if n == 1 else 's'})"])


def run_file(spark, name: str, version: str, tmp_base: Optional[str] = None) -> str:
    """Run every statement of case `name` in `spark` (a fresh session) and
    return the .out text. `version` is the Spark version of the gold it is
    compared with (it only appears in the header). A failing statement does
    not stop the file."""
    statements = load(name)
    tmp = tempfile.mkdtemp(prefix=f"sqlgold-{name}-", dir=tmp_base)
    try:
        try:
            warehouse = spark.conf.get("spark.sql.warehouse.dir")
        except Exception:  # noqa: BLE001
            warehouse = None
        norm = normalizers(warehouse, tmp)
        out = header(name, version)
        for st in statements:
            out.append("")
            shown = [f"-- {d}" for d in st.directives] + st.text.split("\n")
            shown[-1] += ";"
            out += ["> " + x if x else ">" for x in shown]
            out += _run_statement(spark, st, st.text.replace(TMP_PLACEHOLDER, tmp), norm)
        return "\n".join(out) + "\n"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _statement_at(lines: List[str], i: int) -> str:
    """The first line of the statement whose block holds lines[i]."""
    i = min(i, len(lines) - 1)
    while i > 0 and not (lines[i].startswith(">") and not lines[i - 1].startswith(">")):
        i -= 1
    return lines[i][:100] if 0 <= i < len(lines) and lines[i].startswith(">") else ""


def diff(expected: str, actual: str, expected_label: str, actual_label: str) -> str:
    """Unified diff of two .out texts; each hunk header also names the
    statement whose answer differs first in that hunk."""
    import difflib
    a, b = expected.splitlines(), actual.splitlines()
    out = [f"--- {expected_label}", f"+++ {actual_label}"]
    for group in difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(3):
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        first = next(op for op in group if op[0] != "equal")
        where = _statement_at(a, first[1]) if a else ""
        out.append(f"@@ -{i1 + 1},{i2 - i1} +{j1 + 1},{j2 - j1} @@ {where}".rstrip())
        for tag, x1, x2, y1, y2 in group:
            if tag == "equal":
                out += [" " + ln for ln in a[x1:x2]]
                continue
            out += ["-" + ln for ln in a[x1:x2]]
            out += ["+" + ln for ln in b[y1:y2]]
    return "\n".join(out)
