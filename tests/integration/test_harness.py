"""Self-tests of the harness (no server needed): the canonical encoding and
the comparison must notice every kind of difference they claim to."""

import datetime as dt
import json
from decimal import Decimal

from harness import gold
from harness.compare import compare
from harness.observe import Encoder, normalize


def _df(rows, show=None, schema=None):
    d = {"schema": schema or {"type": "struct", "fields": []}, "rows": rows}
    if show is not None:
        d["show"] = show
    return {"dataframe": d}


def test_encoding_of_values():
    enc = Encoder([("/data/dir", "$DATA")])
    got = enc.value([Decimal("1.50"), float("nan"), float("-inf"), -0.0, 0.1,
                     dt.datetime(2024, 2, 29, 1, 2, 3, 4), dt.date(2024, 1, 1),
                     dt.timedelta(days=1, microseconds=5), bytearray(b"\x00\xff"),
                     {"b": 1, "a": None}, (1, "x"), True, "file:/data/dir/x.parquet"])
    assert got == ["1.50", {"float": "NaN"}, {"float": "-Infinity"}, -0.0, 0.1,
                   "2024-02-29T01:02:03.000004", "2024-01-01", 86_400_000_005, "00ff",
                   [["a", None], ["b", 1]], [1, "x"], True, "file:$DATA/x.parquet"]
    # -0.0 and 0.0 stay distinguishable through the gold file
    assert str(normalize([-0.0])[0]) == "-0.0"


def test_identical_observations_pass():
    obs = _df([[1, "a"], [2, None]], ["+---+", "|  1|", "+---+"])
    assert compare(obs, normalize(obs), {}) == []


def test_row_value_difference_fails():
    problems = compare(_df([[1, "a"]]), _df([[1, "b"]]), {})
    assert problems and "rows differ" in problems[0]


def test_int_vs_float_difference_fails():
    assert compare(_df([[1]]), _df([[1.0]]), {})


def test_row_order_matters_unless_unordered():
    e, a = _df([[1], [2]]), _df([[2], [1]])
    assert compare(e, a, {})
    assert compare(e, a, {"ordered": False}) == []
    assert compare(_df([[1], [1]]), _df([[1], [2]]), {"ordered": False})


def test_float_tolerance_only_when_asked():
    e, a = _df([[1.0000000000001]]), _df([[1.0]])
    assert compare(e, a, {})
    assert compare(e, a, {"float_tol": 1e-9}) == []
    assert compare(_df([[1.1]]), _df([[1.0]]), {"float_tol": 1e-9})


def test_float_tolerance_for_numeric_strings():
    e, a = _df([["stddev", "22426.708409667746"]]), _df([["stddev", "22426.708409667743"]])
    assert compare(e, a, {})
    assert compare(e, a, {"float_tol": 1e-12}) == []
    assert compare(_df([["x", "1.5"]]), _df([["y", "1.5"]]), {"float_tol": 1e-12})
    assert compare(_df([["2.5"]]), _df([["2.6"]]), {"float_tol": 1e-12})


def test_schema_difference_fails():
    s1 = {"type": "struct", "fields": [{"name": "a", "type": "long", "nullable": True,
                                        "metadata": {}}]}
    s2 = {"type": "struct", "fields": [{"name": "a", "type": "integer", "nullable": True,
                                        "metadata": {}}]}
    problems = compare(_df([], schema=s1), _df([], schema=s2), {})
    assert problems and "schema differs" in problems[0] and "a: long" in problems[0]


def test_show_difference_fails():
    assert compare(_df([], ["|  1|"]), _df([], ["| 1 |"]), {})


def test_error_vs_result_and_error_fields():
    err = {"error": {"type": "AnalysisException", "errorClass": "X", "sqlState": "42000",
                     "messageParameters": {"a": "1"}, "messageErrorClass": "X",
                     "message": "[X] boom"}}
    assert compare(err, _df([[1]]), {})
    other = json.loads(json.dumps(err))
    other["error"]["messageParameters"] = {"a": "2"}
    assert compare(err, other, {})
    msg_only = json.loads(json.dumps(err))
    msg_only["error"]["message"] = "[X] different words"
    assert compare(err, msg_only, {}) == []
    assert compare(err, msg_only, {"compare_message": True})


def test_observation_lists():
    e = {"observations": [{"value": 2, "pytype": "int"}, {"show": ["a"]}]}
    assert compare(e, normalize(e), {}) == []
    a = {"observations": [{"value": 2, "pytype": "numpy.int64"}, {"show": ["a"]}]}
    assert compare(e, a, {})
    assert compare(e, {"observations": e["observations"][:1]}, {})


def test_gold_dump_is_stable_and_parseable():
    data = {"b": {"result": _df([[1, "x"]] * 3)}, "a": {"x": [1, 2]}}
    text = gold.dumps(data)
    assert json.loads(text) == data
    assert text.index('"a"') < text.index('"b"')
    assert gold.dumps(json.loads(text)) == text


# --- SQL gold files (harness/sqlgold.py) -------------------------------------------------

def test_sql_case_file_parsing():
    import pytest
    from harness import sqlgold

    text = ("-- a comment\n\nCREATE TABLE t (\n  id INT -- inline\n) USING parquet;\n"
            "-- sorted\n-- ignore-output\nSHOW TABLES;\nSELECT ';' AS x;\n")
    sts = sqlgold.parse(text)
    assert [s.text for s in sts] == ["CREATE TABLE t (\n  id INT -- inline\n) USING parquet",
                                     "SHOW TABLES", "SELECT ';' AS x"]
    assert [s.directives for s in sts] == [(), ("sorted", "ignore-output"), ()]
    assert [s.line for s in sts] == [3, 8, 9]
    with pytest.raises(sqlgold.CaseFileError, match="unknown directive 'sortd'"):
        sqlgold.parse("-- sortd\nSELECT 1;\n")
    with pytest.raises(sqlgold.CaseFileError, match="does not end with ';'"):
        sqlgold.parse("SELECT 1\n")
    with pytest.raises(sqlgold.CaseFileError, match="after the last statement"):
        sqlgold.parse("SELECT 1;\n-- sorted\n")


def test_sql_value_rendering():
    import datetime as dt
    from decimal import Decimal
    from harness import sqlgold

    r = sqlgold.render_value
    assert [r(None), r(True), r(3), r(1.5), r(float("nan")), r(float("-inf"))] == \
        ["NULL", "true", "3", "1.5", "NaN", "-Infinity"]
    assert r(Decimal("1.50")) == "1.50" and r(Decimal("1E+2")) == "100"
    assert r("a\tb\nc\\d") == "a\\tb\\nc\\\\d"
    assert r(dt.datetime(2024, 5, 2, 11, 30, 0, 500000)) == "2024-05-02 11:30:00.5"
    assert r(dt.date(2024, 1, 2)) == "2024-01-02"
    assert r([1, None, "x"]) == "[1, NULL, x]"
    assert r({"k": [1]}) == "{k -> [1]}"


def test_sql_normalizers_are_narrow():
    from harness import sqlgold

    norm = sqlgold.normalizers("file:/wh/dir", "/tmp/scratch")
    n = lambda s: sqlgold.apply_normalizers(s, norm)  # noqa: E731
    assert n("Location\tfile:/wh/dir/db.db/t\t") == "Location\t<warehouse>/db.db/t\t"
    assert n("Location\tfile:///tmp/scratch/x") == "Location\t<tmp>/x"
    assert n("Location\t/wh/dirx") == "Location\t/wh/dirx"
    assert n("no such path: /wh/dir.") == "no such path: <warehouse>."
    assert n("/wh/dir.old/x") == "/wh/dir.old/x"
    assert n("at /wh/dir; /wh/dir\\n") == "at <warehouse>; <warehouse>\\n"
    assert n("Created Time\tTue Nov 24 07:10:28 UTC 2026\t") == "Created Time\t<time>\t"
    assert n("Last Access\tUNKNOWN\t") == "Last Access\tUNKNOWN\t"
    assert n("Created Time\t2026-11-24\t") == "Created Time\t2026-11-24\t"
    # inside an escaped multi-line cell, a value ends at the escaped newline
    assert n("x\tCreated By: Spark 4.2.0\\nType: MANAGED\\nOwner: root\\nComment: c") == \
        "x\tCreated By: Spark <version>\\nType: MANAGED\\nOwner: <owner>\\nComment: c"
    assert n("Statistics\t1316 bytes, 2 rows\t") == "Statistics\t<size> bytes, 2 rows\t"
    assert n("Comment\t1316 bytes\t") == "Comment\t1316 bytes\t"
    assert n("Owner\troot") == "Owner\t<owner>"
    assert n("Owner\t") == "Owner\t"
    assert n("col\towner\troot") == "col\towner\troot"


def test_sql_diff_names_the_statement():
    from harness import sqlgold

    exp = "-- h\n\n> SELECT 1;\nschema: x int\n1\n(1 row)\n\n> SELECT 2;\nok\n"
    act = exp.replace("1\n(1 row)", "2\n(1 row)")
    d = sqlgold.diff(exp, act, "e", "a")
    assert "@@ -2,7 +2,7 @@ > SELECT 1;" in d and "-1" in d and "+2" in d
