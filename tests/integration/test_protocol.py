"""Behaviour without a golden value that must hold for any Spark Connect server:
cancellation, large results, concurrency, and robustness against malformed
requests sent with raw gRPC (the generated stubs in pyspark.sql.connect.proto).

Properties only (no expected values typed by hand): an error must come back
as a failed RPC, structured errors must carry an error class, and the server
must keep answering afterwards.
"""

import re
import threading
import time
import uuid

import grpc
import pytest

ERROR_CLASS = re.compile(r"^[A-Z][A-Z0-9_]*(\.[A-Z0-9_]+)*$")


def _target(url: str) -> str:
    # sc://host:port[/;params]
    rest = url[len("sc://"):] if url.startswith("sc://") else url
    return rest.split("/", 1)[0].split(";", 1)[0]


def _server_major(spark) -> int:
    try:
        return int(spark.version.split(".")[0])
    except Exception:  # noqa: BLE001
        return 4


def _assert_answers(url: str):
    """A brand-new session can still run a query."""
    from harness.session import close_session, new_session

    s = new_session(url)
    try:
        assert s.range(5).count() == 5
    finally:
        close_session(s)


# --- cancellation -------------------------------------------------------------------------

def test_interrupt_all_cancels_long_query(spark, ember):
    outcome = {}

    def run():
        try:
            # id % 7 keeps the sum far from overflowing
            outcome["rows"] = spark.range(10 ** 12).selectExpr("sum(id % 7) AS s").collect()
        except Exception as e:  # noqa: BLE001
            outcome["error"] = e
        outcome["done"] = time.time()

    t = threading.Thread(target=run, daemon=True)
    t.start()
    time.sleep(3)
    assert t.is_alive(), f"the 10^12-row query ended before it could be cancelled: {outcome}"
    deadline = time.time() + 20
    interrupted = []
    # the operation may not be registered at the very first instant; retry briefly
    while t.is_alive() and time.time() < deadline:
        interrupted = spark.interruptAll()
        if interrupted:
            break
        time.sleep(0.5)
    t0 = time.time()
    t.join(30)
    assert not t.is_alive(), "query still running 30s after interruptAll()"
    assert interrupted, "interruptAll() reported no interrupted operation"
    assert "error" in outcome, f"cancelled query returned rows: {outcome.get('rows')}"
    assert outcome["done"] - t0 < 15, f"cancellation took {outcome['done'] - t0:.1f}s"
    # the same session and a new one still work
    assert spark.range(3).count() == 3
    _assert_answers(ember.url)


def test_interrupt_all_with_nothing_running(spark):
    assert spark.interruptAll() == []
    assert spark.range(2).count() == 2


# --- large results and concurrency --------------------------------------------------------

def test_collect_two_million_rows(spark):
    n = 2_000_000
    rows = spark.range(n).collect()
    assert len(rows) == n
    assert rows[0].id == 0 and rows[-1].id == n - 1
    assert sum(r.id for r in rows) == n * (n - 1) // 2


def test_collect_wide_rows_many_batches(spark):
    n = 300_000
    df = spark.range(n).selectExpr("id", "repeat(cast(id AS string), 10) AS s", "id * 0.5 AS d")
    rows = df.collect()
    assert len(rows) == n
    assert rows[12345].s == "12345" * 10 and rows[12345].d == 12345 * 0.5


def test_to_pandas_large(spark):
    n = 500_000
    pdf = spark.range(n).selectExpr("id", "id % 7 AS m").toPandas()
    assert len(pdf) == n
    assert int(pdf["id"].sum()) == n * (n - 1) // 2


def test_concurrent_sessions(ember):
    from harness.session import close_session, new_session

    results, errors = {}, []

    def work(i):
        s = None
        try:
            s = new_session(ember.url)
            s.conf.set("spark.sql.shuffle.partitions", str(i + 1))
            total = s.range(0, 10_000 * (i + 1)).selectExpr("sum(id)").collect()[0][0]
            results[i] = (total, s.conf.get("spark.sql.shuffle.partitions"))
        except Exception as e:  # noqa: BLE001
            errors.append(e)
        finally:
            if s is not None:
                close_session(s)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    for i in range(4):
        n = 10_000 * (i + 1)
        assert results[i] == (n * (n - 1) // 2, str(i + 1))


# --- malformed requests over raw gRPC -------------------------------------------------------

def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def _field(num: int, payload: bytes) -> bytes:
    """A length-delimited protobuf field."""
    return _varint((num << 3) | 2) + _varint(len(payload)) + payload


class RawClient:
    def __init__(self, url: str):
        from pyspark.sql.connect.proto import base_pb2

        self.pb = base_pb2
        self.channel = grpc.insecure_channel(_target(url))
        self.session_id = str(uuid.uuid4())
        self.execute = self.channel.unary_stream(
            "/spark.connect.SparkConnectService/ExecutePlan",
            request_serializer=lambda b: b,
            response_deserializer=base_pb2.ExecutePlanResponse.FromString)

    def request(self, plan_bytes: bytes, session_id: str = None) -> bytes:
        base = self.pb.ExecutePlanRequest(
            session_id=session_id or self.session_id,
            user_context=self.pb.UserContext(user_id="ember-tests"),
            client_type="ember-integration-tests").SerializeToString()
        return base + _field(3, plan_bytes)  # field 3: plan

    def call(self, request_bytes: bytes, timeout: float = 60):
        return list(self.execute(request_bytes, timeout=timeout))

    def close(self):
        self.channel.close()


def _error_class(err: grpc.RpcError):
    """The Spark error class of a failed RPC: ErrorInfo metadata (Spark 4) or the
    '[CLASS]' prefix of the status message."""
    from google.rpc import error_details_pb2, status_pb2

    for key, value in err.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            st = status_pb2.Status.FromString(value)
            for d in st.details:
                if d.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
                    info = error_details_pb2.ErrorInfo()
                    d.Unpack(info)
                    if info.metadata.get("errorClass"):
                        return info.metadata["errorClass"]
    m = re.match(r"^\s*\[([A-Z][A-Z0-9_.]*)\]", err.details() or "")
    return m.group(1) if m else None


@pytest.fixture
def raw(ember):
    c = RawClient(ember.url)
    yield c
    c.close()


def _range_relation(end: int = 3) -> bytes:
    from pyspark.sql.connect.proto import relations_pb2

    return relations_pb2.Relation(range=relations_pb2.Range(start=0, end=end, step=1)) \
        .SerializeToString()


def _expect_rpc_error(raw, request_bytes, timeout=60) -> grpc.RpcError:
    t0 = time.time()
    with pytest.raises(grpc.RpcError) as info:
        raw.call(request_bytes, timeout=timeout)
    err = info.value
    assert err.code() != grpc.StatusCode.OK
    assert err.code() != grpc.StatusCode.DEADLINE_EXCEEDED, "server did not answer in time"
    assert time.time() - t0 < timeout
    return err


def test_raw_valid_plan_works(raw):
    responses = raw.call(raw.request(_field(1, _range_relation())))
    assert any(r.HasField("arrow_batch") for r in responses)


def test_relation_without_rel_type(raw, spark, ember):
    err = _expect_rpc_error(raw, raw.request(_field(1, b"")))  # Plan.root = empty Relation
    if _server_major(spark) >= 4:
        cls = _error_class(err)
        assert cls and ERROR_CLASS.match(cls), f"no error class: {err.code()} {err.details()!r}"
    _assert_answers(ember.url)


def test_plan_without_op_type(raw, spark, ember):
    _expect_rpc_error(raw, raw.request(b""))
    _assert_answers(ember.url)


def test_deeply_nested_plan(raw, ember):
    # 10000 nested Limit relations around a Range
    rel = _range_relation(1)
    for _ in range(10_000):
        limit = _field(1, rel) + b"\x10\x01"  # Limit{input=rel, limit=1}
        rel = _field(8, limit)  # Relation.limit
    _expect_rpc_error(raw, raw.request(_field(1, rel)), timeout=120)
    _assert_answers(ember.url)


def test_unknown_function(raw, ember):
    from pyspark.sql.connect.proto import expressions_pb2 as ex
    from pyspark.sql.connect.proto import relations_pb2

    fn = ex.Expression(unresolved_function=ex.Expression.UnresolvedFunction(
        function_name="ember_no_such_function_xyz",
        arguments=[ex.Expression(literal=ex.Expression.Literal(integer=1))]))
    rel = relations_pb2.Relation(project=relations_pb2.Project(
        input=relations_pb2.Relation(range=relations_pb2.Range(start=0, end=1, step=1)),
        expressions=[fn])).SerializeToString()
    err = _expect_rpc_error(raw, raw.request(_field(1, rel)))
    cls = _error_class(err)
    assert cls and ERROR_CLASS.match(cls), f"no error class: {err.code()} {err.details()!r}"
    _assert_answers(ember.url)


def test_invalid_session_id(raw, spark, ember):
    err = _expect_rpc_error(raw, raw.request(_field(1, _range_relation()), session_id="not-a-uuid"))
    if _server_major(spark) >= 4:
        cls = _error_class(err)
        assert cls and ERROR_CLASS.match(cls), f"no error class: {err.code()} {err.details()!r}"
    _assert_answers(ember.url)


def test_undecodable_request_bytes(raw, ember):
    _expect_rpc_error(raw, b"\xff\xff\xff\x01 definitely not a protobuf")
    _assert_answers(ember.url)


def test_unknown_rpc_method(ember):
    ch = grpc.insecure_channel(_target(ember.url))
    try:
        call = ch.unary_unary("/spark.connect.SparkConnectService/NoSuchMethod",
                              request_serializer=lambda b: b, response_deserializer=lambda b: b)
        with pytest.raises(grpc.RpcError) as info:
            call(b"", timeout=30)
        assert info.value.code() == grpc.StatusCode.UNIMPLEMENTED
    finally:
        ch.close()
    _assert_answers(ember.url)
