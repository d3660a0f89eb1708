"""The persistent catalog through the real PySpark client: a SQL workflow
that survives a restart, cross-session visibility, the spark.catalog API,
DataFrameWriter tables, and atomic writes (a failing INSERT OVERWRITE and
a server killed with SIGKILL mid-write both leave the previous version).

Each test starts its own Ember on its own warehouse directory (the shared
`ember` fixture's warehouse is not restarted in place). Expected values
here are the rows the statements themselves wrote; the SQL text layouts
are checked against real Spark by the SQL gold files (tests/sql)."""
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import REPO, _free_port, _port_open
from harness.limits import run_with_deadline
from harness.session import close_session, new_session


class OwnServer:
    """An Ember process on a fixed warehouse that can be stopped, killed
    and started again."""

    def __init__(self, warehouse, log_path):
        self.binary = os.path.abspath(os.environ.get("EMBER_BIN", os.path.join(REPO, "bin", "ember")))
        self.warehouse = warehouse
        self.log_path = log_path
        self.proc = None
        self.port = None
        self.sessions = []

    @property
    def url(self):
        return f"sc://127.0.0.1:{self.port}"

    def start(self):
        self.port = _free_port()
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [self.binary, "serve", "--addr", f"127.0.0.1:{self.port}", "--warehouse", self.warehouse],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env=dict(os.environ, TZ="UTC"), start_new_session=True)
        deadline = time.time() + 60
        while not _port_open(self.port):
            assert self.proc.poll() is None, open(self.log_path).read()[-3000:]
            assert time.time() < deadline, "ember did not start"
            time.sleep(0.05)

    def stop(self, sig=signal.SIGTERM):
        if sig == signal.SIGKILL:
            self.sessions = []  # they die with the server
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def session(self):
        s = new_session(self.url)
        self.sessions.append(s)
        return s

    def close_sessions(self):
        # A session left open (a failed test) must not keep client threads
        # retrying against a stopped server.
        for s in self.sessions:
            run_with_deadline(lambda: close_session(s), 10)
        self.sessions = []


@pytest.fixture
def server(tmp_path):
    if os.environ.get("EMBER_REMOTE"):
        pytest.skip("needs a local Ember it can restart")
    s = OwnServer(str(tmp_path / "warehouse"), str(tmp_path / "ember.log"))
    s.start()
    yield s
    if s.proc.poll() is None:
        s.close_sessions()
    s.stop()


def rows(df):
    return [tuple(r) for r in df.collect()]


WORKFLOW = [
    "CREATE SCHEMA raw",
    "CREATE SCHEMA stg",
    "CREATE SCHEMA mart",
    "CREATE TABLE raw.events (id INT, usr STRING, tags STRING, dt STRING) USING parquet PARTITIONED BY (dt)",
    "INSERT INTO raw.events VALUES (1, 'ann', 'a,b', '2024-01-01'), (2, 'bob', 'b', '2024-01-01'), "
    "(3, 'ann', 'c', '2024-01-02')",
    "SET spark.sql.sources.partitionOverwriteMode=dynamic",
    "INSERT OVERWRITE TABLE raw.events PARTITION (dt) "
    "SELECT id * 10, usr, tags, dt FROM raw.events WHERE dt = '2024-01-02'",
    "CREATE TABLE stg.user_tags USING parquet AS "
    "WITH t AS (SELECT usr, tag FROM raw.events LATERAL VIEW explode(split(tags, ',')) x AS tag) "
    "SELECT usr, tag, row_number() OVER (PARTITION BY usr ORDER BY tag) AS rn FROM t",
    "CREATE VIEW mart.tag_counts AS SELECT tag, count(*) AS n FROM stg.user_tags GROUP BY tag",
]


def check_workflow(spark):
    assert rows(spark.sql("SELECT id, usr, tags, dt FROM raw.events ORDER BY id")) == [
        (1, "ann", "a,b", "2024-01-01"), (2, "bob", "b", "2024-01-01"), (30, "ann", "c", "2024-01-02")]
    assert rows(spark.sql("SELECT usr, tag, rn FROM stg.user_tags ORDER BY usr, tag")) == [
        ("ann", "a", 1), ("ann", "b", 2), ("ann", "c", 3), ("bob", "b", 1)]
    assert rows(spark.sql("SELECT tag, n FROM mart.tag_counts ORDER BY tag")) == [("a", 1), ("b", 2), ("c", 1)]
    assert [r[0] for r in spark.sql("SHOW PARTITIONS raw.events").collect()] == ["dt=2024-01-01", "dt=2024-01-02"]
    info = spark.sql("SHOW TABLE EXTENDED IN raw LIKE 'events'").collect()[0]
    assert info[0] == "raw" and info[1] == "events" and info[2] is False
    text = info[3]
    assert "Type: MANAGED\n" in text and "Provider: parquet\n" in text
    assert " |-- id: integer (nullable = true)\n" in text
    assert {r.namespace for r in spark.sql("SHOW DATABASES").collect()} >= {"default", "raw", "stg", "mart"}


def test_sql_workflow_survives_restart_and_is_shared(server):
    a = server.session()
    for stmt in WORKFLOW:
        a.sql(stmt)
    check_workflow(a)
    # A second session sees everything at once (the catalog is shared).
    b = server.session()
    check_workflow(b)
    close_session(b)
    close_session(a)
    server.stop()
    server.start()
    c = server.session()
    check_workflow(c)
    close_session(c)


def test_cross_session_writes_and_catalog_api(server):
    a, b = server.session(), server.session()
    a.sql("CREATE DATABASE shared_db COMMENT 'x'")
    a.createDataFrame([(1, "x"), (2, "y")], "k int, v string").write.saveAsTable("shared_db.t")
    assert rows(b.table("shared_db.t").orderBy("k")) == [(1, "x"), (2, "y")]
    b.createDataFrame([(3, "z")], "k int, v string").write.insertInto("shared_db.t")
    assert rows(a.sql("SELECT k FROM shared_db.t ORDER BY k")) == [(1,), (2,), (3,)]
    b.createDataFrame([(4, "w")], "k int, v string").write.mode("overwrite").saveAsTable("shared_db.t")
    assert rows(a.table("shared_db.t")) == [(4, "w")]
    b.createDataFrame([(5, "q")], "k int, v string").writeTo("shared_db.t").append()
    assert sorted(rows(a.table("shared_db.t"))) == [(4, "w"), (5, "q")]
    # spark.catalog sees the same objects from either session.
    assert a.catalog.tableExists("shared_db.t") and b.catalog.tableExists("t", "shared_db")
    assert [t.name for t in b.catalog.listTables("shared_db")] == ["t"]
    assert [(c.name, c.dataType) for c in a.catalog.listColumns("shared_db.t")] == [("k", "int"), ("v", "string")]
    assert b.catalog.getDatabase("shared_db").description == "x"
    a.catalog.setCurrentDatabase("shared_db")
    assert a.catalog.currentDatabase() == "shared_db" and b.catalog.currentDatabase() == "default"
    a.catalog.cacheTable("t")
    assert b.catalog.isCached("shared_db.t")
    b.sql("INSERT INTO shared_db.t VALUES (6, 'c')")  # a write refreshes the cached copy
    assert sorted(rows(a.table("t"))) == [(4, "w"), (5, "q"), (6, "c")]
    a.catalog.uncacheTable("t")
    assert not a.catalog.isCached("t")
    with pytest.raises(Exception, match="TABLE_OR_VIEW_ALREADY_EXISTS"):
        a.createDataFrame([(1, "x")], "k int, v string").write.saveAsTable("shared_db.t")
    with pytest.raises(Exception, match="SCHEMA_NOT_EMPTY"):
        b.sql("DROP DATABASE shared_db")
    b.sql("DROP DATABASE shared_db CASCADE")
    assert not a.catalog.databaseExists("shared_db")
    close_session(a)
    close_session(b)


def test_failed_overwrite_keeps_previous_version(server):
    s = server.session()
    s.sql("CREATE TABLE keep (id BIGINT, v STRING) USING parquet")
    s.sql("INSERT INTO keep VALUES (1, 'old'), (2, 'old')")
    s.conf.set("spark.sql.ansi.enabled", "true")
    with pytest.raises(Exception, match="CAST_INVALID_INPUT"):
        # Fails while rows are being written (the bad value is the last row).
        s.sql("INSERT OVERWRITE keep SELECT id, CAST(CAST(IF(id = 99999, 'x', '1') AS INT) AS STRING) "
              "FROM range(100000)")
    assert rows(s.sql("SELECT * FROM keep ORDER BY id")) == [(1, "old"), (2, "old")]
    table_dir = os.path.join(server.warehouse, "keep")
    leftovers = [n for n in os.listdir(table_dir) if n.startswith(".ember-staging")]
    assert leftovers == []
    close_session(s)


def test_kill_9_during_write_keeps_previous_version(server):
    s = server.session()
    s.sql("CREATE TABLE durable (id BIGINT) USING parquet")
    s.sql("INSERT INTO durable SELECT id FROM range(10)")
    server.close_sessions()
    # The writer runs in its own process: its client dies with the server
    # and must not leave retrying threads in this one.
    # (a script file, not -c: pyspark treats a __main__ without __file__ as
    # a doctest run)
    script = os.path.join(os.path.dirname(server.log_path), "writer.py")
    with open(script, "w") as f:
        f.write("import sys\n"
                "sys.path.insert(0, sys.argv[2])\n"
                "from harness.session import new_session\n"
                "spark = new_session(sys.argv[1])\n"
                "spark.sql('INSERT OVERWRITE durable SELECT a.id FROM range(200000) a CROSS JOIN range(20000) b')\n")
    writer = subprocess.Popen([sys.executable, script, server.url, os.path.dirname(os.path.abspath(__file__))],
                              stdout=subprocess.DEVNULL,
                              stderr=open(os.path.join(os.path.dirname(server.log_path), "writer.log"), "wb"))
    table_dir = os.path.join(server.warehouse, "durable")
    try:
        deadline = time.time() + 60
        # Kill once the write is under way (its staging directory exists).
        while time.time() < deadline and not any(n.startswith(".ember-staging") for n in os.listdir(table_dir)):
            time.sleep(0.02)
        assert any(n.startswith(".ember-staging") for n in os.listdir(table_dir)), "the write did not start"
        time.sleep(0.5)
        server.stop(signal.SIGKILL)
    finally:
        writer.kill()
        writer.wait()
    server.start()
    s2 = server.session()
    assert rows(s2.sql("SELECT count(*), sum(id) FROM durable")) == [(10, 45)]
    assert [n for n in os.listdir(table_dir) if n.startswith(".ember-staging")] == []


def test_partition_locations_and_bucket_specs_survive_restart(server, tmp_path):
    custom = str(tmp_path / "custom" / "p=9")
    s = server.session()
    s.sql("CREATE TABLE located (id INT, p INT) USING parquet PARTITIONED BY (p)")
    s.sql(f"ALTER TABLE located ADD PARTITION (p = 1) LOCATION '{custom}'")
    s.sql("INSERT INTO located VALUES (1, 1), (2, 2)")
    s.sql("CREATE TABLE bucketed (a INT, b STRING) USING parquet CLUSTERED BY (a) SORTED BY (b) INTO 4 BUCKETS")
    s.sql("INSERT INTO bucketed VALUES (1, 'x')")
    # A failing overwrite of the located partition leaves its files alone.
    s.conf.set("spark.sql.ansi.enabled", "true")
    with pytest.raises(Exception, match="CAST_INVALID_INPUT"):
        s.sql("INSERT OVERWRITE located PARTITION (p = 1) "
              "SELECT CAST(IF(id = 99999, 'x', '1') AS INT) FROM range(100000)")
    s.conf.set("spark.sql.ansi.enabled", "false")
    assert rows(s.sql("SELECT id, p FROM located ORDER BY id")) == [(1, 1), (2, 2)]
    assert [n for n in os.listdir(custom) if n.endswith(".parquet")] != []
    assert not [n for n in os.listdir(custom) if n.startswith(".ember-staging")]
    close_session(s)
    server.close_sessions()
    server.stop()
    server.start()
    s = server.session()
    assert rows(s.sql("SELECT id, p FROM located ORDER BY id")) == [(1, 1), (2, 2)]
    loc = [r.data_type for r in s.sql("DESCRIBE EXTENDED located PARTITION (p = 1)").collect()
           if r.col_name == "Location"][0]
    assert loc == "file:" + custom
    info = {r.col_name: r.data_type for r in s.sql("DESCRIBE EXTENDED bucketed").collect()}
    assert (info["Num Buckets"], info["Bucket Columns"], info["Sort Columns"]) == ("4", "[`a`]", "[`b`]")
    s.sql("INSERT INTO located PARTITION (p = 1) VALUES (3)")
    assert rows(s.sql("SELECT id FROM located WHERE p = 1 ORDER BY id")) == [(1,), (3,)]
    close_session(s)
