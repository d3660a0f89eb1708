"""Streaming queries that run (micro-batch): writeStream.start()/toTable()
with rate-micro-batch and file sources, memory/file/table sinks, triggers,
output modes and their errors, query status and progress, the query
manager and (4.x) the client-side listener bus. Every case uses sources
whose batches are deterministic and waits with processAllAvailable() or
awaitTermination(), so the rows equal Spark's."""

import json
import os
import time

from pyspark.sql import functions as F

from harness import case


def _rmb(spark, rows=3):
    return (spark.readStream.format("rate-micro-batch").option("rowsPerBatch", rows)
            .option("startTimestamp", 1000).option("advanceMillisPerBatch", 500).load())


def _write_json(path, rows):
    # Written to a hidden name and renamed, as a producer of a streamed
    # directory must (the source may list the directory at any time).
    d, base = os.path.split(path)
    tmp = os.path.join(d, "." + base + ".tmp")
    with open(tmp, "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    os.rename(tmp, path)


def _off(v):
    # Offsets are JSON text (4.x progress objects) or parsed JSON (3.5's
    # progress dicts).
    return json.loads(v) if isinstance(v, str) else v


def _progress(q, inputs=True):
    # inputs=False where a filter runs over a file source: Spark counts the
    # rows its reader returns after pushed-down filters.
    out = []
    for p in q.recentProgress:
        if not isinstance(p, dict):  # 4.x: StreamingQueryProgress
            p = json.loads(p.json)
        # Spark 4 leaves the totals out of the JSON (the client sums the
        # sources); 3.5 sends them.
        out.append([p["batchId"], p.get("numInputRows") if inputs else None, p["sink"]["numOutputRows"],
                    [[s["numInputRows"] if inputs else None, _off(s["startOffset"]), _off(s["endOffset"])]
                     for s in p["sources"]]])
    return out


@case(show=False)
def rate_micro_batch_available_now(spark):
    q = _rmb(spark).writeStream.format("memory").queryName("rmb_now").trigger(availableNow=True).start()
    ended = q.awaitTermination(60)
    rows = spark.table("rmb_now").orderBy("value")
    return [ended, q.name, q.isActive, q.status, q.exception() is None, rows, _progress(q)]


@case(show=False)
def rate_micro_batch_once_projection(spark):
    df = _rmb(spark, 4).select((F.col("value") * 10).alias("v"), F.year("timestamp").alias("y"))
    q = df.writeStream.format("memory").queryName("rmb_once").trigger(once=True).start()
    q.awaitTermination(60)
    return [spark.table("rmb_once").orderBy("v"), spark.table("rmb_once").schema, _progress(q)]


@case(show=False)
def file_source_append_rounds(spark, fx):
    src = os.path.join(fx.tmp, "in")
    os.makedirs(src)
    _write_json(os.path.join(src, "a.json"), [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}])
    df = spark.readStream.schema("id INT, name STRING").json(src)
    q = (df.filter("id <> 3").select("id", F.upper("name").alias("up"))
         .writeStream.format("memory").queryName("files_append").start())
    q.processAllAvailable()
    first = spark.table("files_append").orderBy("id").collect()
    time.sleep(1.1)
    _write_json(os.path.join(src, "b.json"), [{"id": 3, "name": "c"}, {"id": 4, "name": "d"}])
    q.processAllAvailable()
    second = spark.table("files_append").orderBy("id").collect()
    active = q.isActive
    q.stop()
    return [first, second, active, q.isActive, _progress(q, inputs=False)]


@case(show=False)
def file_source_complete_aggregation(spark, fx):
    spark.conf.set("spark.sql.shuffle.partitions", "2")
    src = os.path.join(fx.tmp, "in")
    os.makedirs(src)
    _write_json(os.path.join(src, "a.json"), [{"k": "x", "v": 1}, {"k": "y", "v": 2}, {"k": "x", "v": 3}])
    df = spark.readStream.schema("k STRING, v INT").json(src)
    agg = df.groupBy("k").agg(F.count("*").alias("n"), F.sum("v").alias("s"))
    q = agg.writeStream.format("memory").queryName("files_agg").outputMode("complete").start()
    q.processAllAvailable()
    first = spark.table("files_agg").orderBy("k").collect()
    time.sleep(1.1)
    _write_json(os.path.join(src, "b.json"), [{"k": "y", "v": 10}, {"k": "z", "v": 5}])
    q.processAllAvailable()
    second = spark.table("files_agg").orderBy("k").collect()
    q.stop()
    return [first, second, [x[:3] for x in _progress(q)]]


@case(show=False)
def file_source_max_files_per_trigger(spark, fx):
    src = os.path.join(fx.tmp, "in")
    os.makedirs(src)
    for i in range(3):
        _write_json(os.path.join(src, "f%d.json" % i), [{"id": i * 10 + j} for j in range(i + 1)])
        time.sleep(0.05)
    df = spark.readStream.schema("id LONG").option("maxFilesPerTrigger", 1).json(src)
    q = df.writeStream.format("memory").queryName("files_max").trigger(availableNow=True).start()
    q.awaitTermination(60)
    return [spark.table("files_max").orderBy("id"), _progress(q)]


@case(show=False)
def text_source_to_parquet_sink(spark, fx):
    src = os.path.join(fx.tmp, "in")
    out = os.path.join(fx.tmp, "out")
    os.makedirs(src)
    with open(os.path.join(src, "a.txt"), "w") as f:
        f.write("hello\nworld\n")
    df = spark.readStream.text(src).select(F.col("value"), F.length("value").alias("len"))
    q = (df.writeStream.format("parquet").option("checkpointLocation", os.path.join(fx.tmp, "cp"))
         .trigger(availableNow=True).start(out))
    q.awaitTermination(60)
    return [spark.read.parquet(out).orderBy("value"), _progress(q)]


@case(show=False)
def to_table_sink(spark, fx):
    spark.sql("DROP TABLE IF EXISTS stream_sink_t")
    try:
        q = (_rmb(spark, 2).select("value").writeStream.option("checkpointLocation", os.path.join(fx.tmp, "cp"))
             .trigger(availableNow=True).toTable("stream_sink_t"))
        q.awaitTermination(60)
        rows = spark.table("stream_sink_t").orderBy("value").collect()
        return [rows, spark.table("stream_sink_t").schema]
    finally:
        spark.sql("DROP TABLE IF EXISTS stream_sink_t")


@case(show=False)
def output_mode_errors(spark, fx):
    mem = lambda df: df.writeStream.format("memory")  # noqa: E731
    return [
        fx.error(lambda: mem(_rmb(spark).groupBy("value").count()).queryName("e1").outputMode("append").start()),
        fx.error(lambda: mem(_rmb(spark)).queryName("e2").outputMode("complete").start()),
        fx.error(lambda: mem(_rmb(spark)).queryName("e3").outputMode("bogus").start()),
        fx.error(lambda: mem(_rmb(spark)).start()),
    ]


@case(show=False)
def sink_and_trigger_errors(spark, fx):
    return [
        fx.error(lambda: _rmb(spark).writeStream.format("parquet").start(os.path.join(fx.tmp, "x"))),
        fx.error(lambda: _rmb(spark).writeStream.format("memory").queryName("c1").trigger(continuous="1 second").start()),
        fx.error(lambda: _rmb(spark).writeStream.format("kafka").start()),
    ]


@case(show=False)
def query_manager(spark):
    q = _rmb(spark).writeStream.format("memory").queryName("mgr_q").trigger(processingTime="1 second").start()
    try:
        names = [x.name for x in spark.streams.active]
        got = spark.streams.get(q.id)
        same = [got.id == q.id, got.runId == q.runId, got.name]
    finally:
        q.stop()
    return [names, same, [x.name for x in spark.streams.active], spark.streams.get(q.id) is None,
            spark.streams.awaitAnyTermination(5), q.awaitTermination(5), q.isActive]


@case(show=False, versions=("4",))
def listener_bus_events(spark):
    from pyspark.sql.streaming import StreamingQueryListener

    seen = []

    class Rec(StreamingQueryListener):
        def onQueryStarted(self, event):
            seen.append(["started", event.name])

        def onQueryProgress(self, event):
            seen.append(["progress", event.progress.batchId, event.progress.numInputRows])

        def onQueryIdle(self, event):
            pass

        def onQueryTerminated(self, event):
            seen.append(["terminated", event.exception])

    rec = Rec()
    spark.streams.addListener(rec)
    try:
        q = _rmb(spark).writeStream.format("memory").queryName("bus_q").trigger(availableNow=True).start()
        q.awaitTermination(60)
        deadline = time.time() + 20
        while time.time() < deadline and not any(e[0] == "terminated" for e in seen):
            time.sleep(0.1)
    finally:
        spark.streams.removeListener(rec)
    # The started event is posted by the client itself, the others arrive
    # from the server: only the order within each kind is defined.
    return [[e for e in seen if e[0] == k] for k in ("started", "progress", "terminated")]


@case(show=False)
def table_source_rounds(spark):
    spark.sql("DROP TABLE IF EXISTS stream_src_t")
    spark.sql("CREATE TABLE stream_src_t (id INT, s STRING) USING parquet")
    try:
        spark.sql("INSERT INTO stream_src_t VALUES (1, 'a'), (2, 'b')")
        df = spark.readStream.table("stream_src_t")
        q = (df.select("id", F.upper("s").alias("u")).writeStream.format("memory")
             .queryName("table_rounds").start())
        q.processAllAvailable()
        first = spark.table("table_rounds").orderBy("id").collect()
        spark.sql("INSERT INTO stream_src_t VALUES (3, 'c')")
        q.processAllAvailable()
        second = spark.table("table_rounds").orderBy("id").collect()
        q.stop()
        return [df.isStreaming, df.schema, first, second,
                [[p.batchId, p.numInputRows] for p in q.recentProgress] if not isinstance(q.recentProgress[0], dict)
                else [[p["batchId"], sum(s["numInputRows"] for s in p["sources"])] for p in q.recentProgress]]
    finally:
        spark.sql("DROP TABLE IF EXISTS stream_src_t")


@case(show=False)
def observed_metrics_in_progress(spark):
    df = _rmb(spark, 4).observe("m", F.count(F.lit(1)).alias("rc"), F.sum("value").alias("s"))
    q = df.writeStream.format("memory").queryName("obs_q").trigger(availableNow=True).start()
    q.awaitTermination(60)
    p = q.lastProgress
    return [(p if isinstance(p, dict) else json.loads(p.json))["observedMetrics"], spark.table("obs_q").count()]


@case(show=False)
def file_source_update_aggregation(spark, fx):
    spark.conf.set("spark.sql.shuffle.partitions", "2")
    src = os.path.join(fx.tmp, "in")
    os.makedirs(src)
    _write_json(os.path.join(src, "a.json"), [{"k": "x", "v": 1}, {"k": "y", "v": 2}, {"k": None, "v": 3}])
    df = spark.readStream.schema("k STRING, v INT").json(src)
    agg = df.groupBy("k").agg(F.count("*").alias("n"), F.max("v").alias("m")).filter("n < 3")
    q = agg.writeStream.format("memory").queryName("files_upd").outputMode("update").start()
    q.processAllAvailable()
    first = spark.table("files_upd").orderBy("k", "n").collect()
    time.sleep(1.1)
    # y gets a row that leaves its max unchanged: Spark still emits y.
    _write_json(os.path.join(src, "b.json"), [{"k": "y", "v": 0}, {"k": "z", "v": 5}, {"k": None, "v": 1}])
    q.processAllAvailable()
    second = spark.table("files_upd").orderBy("k", "n").collect()
    q.stop()
    return [first, second, [x[:3] for x in _progress(q)]]


@case(show=False)
def failing_query_exception(spark):
    df = _rmb(spark).select(F.assert_true(F.col("value") > 100).alias("ok"))
    q = df.writeStream.format("memory").queryName("fails_q").trigger(availableNow=True).start()
    try:
        q.awaitTermination(60)
        waited = "no error"
    except Exception as e:  # noqa: BLE001 - the observation
        waited = [type(e).__name__, e.getErrorClass()]
    exc = q.exception()
    # Spark 3.5's status message names its task and stage: keep the head.
    return [waited, type(exc).__name__, exc.getErrorClass() if exc is not None else None,
            q.isActive, q.status["message"].split(":")[0], [x.name for x in spark.streams.active]]


@case(show=False)
def sorting_rules(spark, fx):
    spark.conf.set("spark.sql.shuffle.partitions", "2")
    counts = _rmb(spark, 5).groupBy((F.col("value") % 2).alias("k")).count()
    q = (counts.orderBy(F.desc("k")).writeStream.format("memory").queryName("sorted_q")
         .outputMode("complete").trigger(availableNow=True).start())
    q.awaitTermination(60)
    return [fx.error(lambda: _rmb(spark).orderBy("value").writeStream.format("memory").queryName("s1").start()),
            fx.error(lambda: counts.orderBy("k").writeStream.format("memory").queryName("s2").outputMode("update").start()),
            spark.table("sorted_q").collect()]


@case(show=False)
def watermark_window_append(spark, fx):
    spark.conf.set("spark.sql.shuffle.partitions", "2")
    src = os.path.join(fx.tmp, "in")
    os.makedirs(src)
    ts = lambda s: "2024-01-01 00:00:%02d" % s  # noqa: E731
    _write_json(os.path.join(src, "a.json"), [{"ts": ts(s), "v": s} for s in (1, 4, 9, 12)])
    df = spark.readStream.schema("ts TIMESTAMP, v INT").json(src)
    agg = (df.withWatermark("ts", "5 seconds").groupBy(F.window("ts", "10 seconds"))
           .agg(F.count("*").alias("n"), F.sum("v").alias("s")))
    q = agg.writeStream.format("memory").queryName("wm_append").outputMode("append").start()
    q.processAllAvailable()
    first = spark.table("wm_append").orderBy("window").collect()
    time.sleep(1.1)
    # 5s is late once the watermark passed 7s; 30s closes [0,10) and [10,20).
    _write_json(os.path.join(src, "b.json"), [{"ts": ts(30), "v": 30}, {"ts": ts(5), "v": 5}, {"ts": ts(15), "v": 15}])
    q.processAllAvailable()
    deadline = time.time() + 20
    while time.time() < deadline and spark.table("wm_append").count() < 2:
        time.sleep(0.2)
    second = spark.table("wm_append").orderBy("window").collect()
    q.stop()
    events = []
    for p in q.recentProgress:
        p = p if isinstance(p, dict) else json.loads(p.json)
        events.append([p["batchId"], p["sink"]["numOutputRows"], sorted(p["eventTime"].items())])
    # A batch that moves the watermark is followed by one without data
    # that emits the windows it closed.
    return [first, second, events]


@case(show=False)
def watermark_sliding_rounds(spark, fx):
    spark.conf.set("spark.sql.shuffle.partitions", "2")
    src = os.path.join(fx.tmp, "in")
    os.makedirs(src)
    df = spark.readStream.schema("ts TIMESTAMP, v INT").json(src)
    agg = (df.withWatermark("ts", "5 seconds").groupBy(F.window("ts", "10 seconds", "5 seconds"))
           .agg(F.count("*").alias("n"), F.sum("v").alias("s")))
    q = agg.writeStream.format("memory").queryName("wm_sliding").outputMode("append").start()
    seen = []
    for i, secs in enumerate([(1, 4, 9, 12), (30, 5, 15), (40, 22), (50,)]):
        _write_json(os.path.join(src, "f%d.json" % i), [{"ts": "2024-01-01 00:00:%02d" % s, "v": s} for s in secs])
        time.sleep(1.1)
        q.processAllAvailable()
        time.sleep(0.5)
        q.processAllAvailable()
        seen.append(spark.table("wm_sliding").count())
    rows = spark.table("wm_sliding").orderBy("window").collect()
    q.stop()
    return [rows, seen]


@case(show=False)
def watermark_update_rounds(spark, fx):
    spark.conf.set("spark.sql.shuffle.partitions", "2")
    src = os.path.join(fx.tmp, "in")
    os.makedirs(src)
    df = spark.readStream.schema("ts TIMESTAMP, v INT").json(src)
    agg = (df.withWatermark("ts", "5 seconds").groupBy(F.window("ts", "10 seconds"))
           .agg(F.count("*").alias("n"), F.sum("v").alias("s")))
    q = agg.writeStream.format("memory").queryName("wm_update").outputMode("update").start()
    for i, secs in enumerate([(1, 4, 12), (30, 5, 15), (40, 22, 3)]):
        _write_json(os.path.join(src, "f%d.json" % i), [{"ts": "2024-01-01 00:00:%02d" % s, "v": s} for s in secs])
        time.sleep(1.1)
        q.processAllAvailable()
        time.sleep(0.5)
        q.processAllAvailable()
    rows = spark.table("wm_update").orderBy("window", "n").collect()
    q.stop()
    # Every touched open window, each batch; 3s in the last file is late.
    # (Spark 3.5 sometimes lists an extra progress entry here: not observed.)
    return [rows]
