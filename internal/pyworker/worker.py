# Ember's Python worker. Ember starts it with the user's Python (the one
# that has the client's pyspark package) and talks to it over two pipes:
# fd 3 carries tasks to it, fd 4 carries answers back.
#
# A task is: int32 header length, the header (JSON), the pickled commands,
# then the input rows in the framing pyspark's own serializer for the eval
# type reads (plain Arrow IPC stream; or per group: int32 1 + a stream;
# per cogroup: int32 2 + two streams; int32 0 ends the groups).
# The answer is int32 0 + int64 length + one Arrow IPC stream, or int32 -2
# + int64 length + a UTF-8 error text (the Python traceback), after which
# the worker exits. int32 -4 in place of a header ends the worker.
#
# The UDF wrappers, type checks and pandas/Arrow conversions are pyspark's
# own (pyspark.worker.read_udfs / read_udtf), so a function behaves as on a
# Spark executor; this file only builds the command section those read,
# and converts rows for plain (pickled-row) UDFs, whose result conversion
# Spark does on the JVM side.
import datetime
import decimal
import io
import json
import os
import struct
import sys
import traceback

_fds = [int(x) for x in sys.argv[1:3]] if len(sys.argv) >= 3 else [3, 4]
inf = os.fdopen(_fds[0], "rb", buffering=1 << 16)
outf = os.fdopen(_fds[1], "wb")

IMPORT_ERROR = None
try:
    import pyspark
    from pyspark import worker as pw
    from pyspark.sql.types import (
        ArrayType, BinaryType, BooleanType, ByteType, DataType, DateType, DecimalType, DoubleType,
        FloatType, IntegerType, LongType, MapType, ShortType, StringType, StructType, TimestampType,
        TimestampNTZType, Row, _parse_datatype_json_string,
    )
except ImportError as e:  # the interpreter lacks pyspark (or pandas/pyarrow)
    IMPORT_ERROR = "%s: the Python interpreter %s cannot run Python UDFs: %s" % (type(e).__name__, sys.executable, e)

V4 = IMPORT_ERROR is None and int(pyspark.__version__.split(".")[0]) >= 4
BATCHED = 100
ARROW_EVALS = {101, 200, 201, 202, 203, 204, 205, 206, 207, 209, 210, 250, 251, 252, 253, 254}


def read_int(f):
    b = f.read(4)
    if len(b) < 4:
        raise EOFError
    return struct.unpack("!i", b)[0]


def w_int(b, v):
    b.write(struct.pack("!i", v))


def w_long(b, v):
    b.write(struct.pack("!q", v))


def w_str(b, s):
    d = s.encode("utf-8")
    w_int(b, len(d))
    b.write(d)


def conf_bytes(conf):
    b = io.BytesIO()
    w_int(b, len(conf))
    for k, v in conf.items():
        w_str(b, k)
        w_str(b, v)
    return b.getvalue()


def w_args(b, args):
    """Argument offsets; pyspark 4 follows each with whether it is a
    keyword argument (and its name)."""
    w_int(b, len(args))
    for a in args:
        w_int(b, a["offset"])
        if V4:
            if a.get("name"):
                b.write(b"\x01")
                w_str(b, a["name"])
            else:
                b.write(b"\x00")


def w_bytes(b, d):
    w_int(b, len(d))
    b.write(d)


def command_section(h, commands):
    """The bytes pyspark's read_udfs / read_udtf read for the task."""
    b = io.BytesIO()
    et = h["eval_type"]
    if not V4 and (et in ARROW_EVALS or et == 301):
        b.write(conf_bytes(h["conf"]))
    if et in (300, 301, 302):
        w_args(b, h.get("udtf_args") or [])
        if V4:
            w_int(b, 0)  # no PARTITION BY columns (Ember splits partitions itself)
            analyzed = h.get("analyze_result")
            if analyzed:
                b.write(b"\x01")
                w_bytes(b, bytes.fromhex(analyzed))
            else:
                b.write(b"\x00")
        w_bytes(b, commands[0])
        w_str(b, h["return_type"])
        if V4:
            w_str(b, h.get("udtf_name") or "udtf")
        b.seek(0)
        return b
    w_int(b, len(h["udfs"]))
    for u, cmd in zip(h["udfs"], commands):
        w_args(b, u["args"])
        w_int(b, 1)  # one function in the chain
        w_bytes(b, cmd)
        if V4:
            w_long(b, 0)  # result id (profiler)
    b.seek(0)
    return b


def load_task(h, commands):
    et = h["eval_type"]
    sec = command_section(h, commands)
    if V4:
        runner = pw.RunnerConf(io.BytesIO(conf_bytes(h["conf"])))
        ec = dict(h.get("eval_conf") or {})
        if "input_type" not in ec:
            ec["input_type"] = json.dumps({"type": "struct", "fields": [
                {"name": "_%d" % i, "type": json.loads(t), "nullable": True, "metadata": {}}
                for i, t in enumerate(h.get("input_types") or [])]})
        evalc = pw.EvalConf(io.BytesIO(conf_bytes(ec)))
        if et in (300, 301, 302):
            return pw.read_udtf(pw.pickleSer, sec, et, runner, evalc)
        return pw.read_udfs(pw.pickleSer, sec, et, runner, evalc)
    if et in (300, 301, 302):
        runner = {}
        return pw.read_udtf(pw.pickleSer, sec, et)
    return pw.read_udfs(pw.pickleSer, sec, et)


# ---- plain (pickled-row) UDFs: rows in, Spark's result conversion out ----

def to_python(v, dt):
    """An Arrow value (as pyarrow's to_pylist gives it) as a Spark UDF sees it."""
    if v is None:
        return None
    if isinstance(dt, StructType):
        vals = [to_python(v.get(f.name), f.dataType) for f in dt.fields]
        return Row(**dict(zip(dt.names, vals))) if len(set(dt.names)) == len(dt.names) else tuple(vals)
    if isinstance(dt, ArrayType):
        return [to_python(e, dt.elementType) for e in v]
    if isinstance(dt, MapType):
        return {to_python(k, dt.keyType): to_python(x, dt.valueType) for k, x in v}
    if isinstance(dt, TimestampType):
        if v.tzinfo is not None:
            v = v.astimezone().replace(tzinfo=None)
        return v
    return v


def java_double(v):
    """Java's Double.toString (what Spark makes of a float for a string
    result): plain below 10^7 and from 10^-3, else d.dddE<n>."""
    if v != v:
        return "NaN"
    if v in (float("inf"), float("-inf")):
        return "Infinity" if v > 0 else "-Infinity"
    r = repr(float(v))
    if v == 0 or 1e-3 <= abs(v) < 1e7:
        return r if ("." in r or "e" in r) else r + ".0"
    sign, digits, exp = decimal.Decimal(r).as_tuple()
    ds = "".join(map(str, digits)).rstrip("0") or "0"
    return "%s%s.%sE%d" % ("-" if sign else "", ds[0], ds[1:] or "0", exp + len(digits) - 1)


def wrap_int(v, bits):
    if isinstance(v, bool) or not isinstance(v, int):
        return None
    if not (-(1 << 63) <= v < (1 << 63)):
        return None
    m = 1 << bits
    v &= m - 1
    return v - m if v >= m >> 1 else v


def from_python(v, dt):
    """Spark's conversion of a plain UDF's (internal) result to the declared type."""
    if v is None:
        return None
    if isinstance(dt, BooleanType):
        return v if isinstance(v, bool) else None
    if isinstance(dt, ByteType):
        return wrap_int(v, 8)
    if isinstance(dt, ShortType):
        return wrap_int(v, 16)
    if isinstance(dt, IntegerType):
        return wrap_int(v, 32)
    if isinstance(dt, LongType):
        return wrap_int(v, 64)
    if isinstance(dt, (FloatType, DoubleType)):
        return v if isinstance(v, float) else None
    if isinstance(dt, DecimalType):
        if not isinstance(v, decimal.Decimal):
            return None
        q = v.quantize(decimal.Decimal(1).scaleb(-dt.scale), rounding=decimal.ROUND_HALF_UP)
        return q if len(q.as_tuple().digits) <= dt.precision or q == 0 else None
    if isinstance(dt, StringType):
        if isinstance(v, str):
            return v
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, float):
            return java_double(v)
        return str(v)
    if isinstance(dt, BinaryType):
        return bytes(v) if isinstance(v, (bytes, bytearray)) else None
    if isinstance(dt, DateType):
        if isinstance(v, int) and not isinstance(v, bool):
            return datetime.date(1970, 1, 1) + datetime.timedelta(days=v)
        return None
    if isinstance(dt, (TimestampType, TimestampNTZType)):
        return v if isinstance(v, int) and not isinstance(v, bool) else None
    if isinstance(dt, ArrayType):
        if isinstance(v, (list, tuple)):
            return [from_python(e, dt.elementType) for e in v]
        return None
    if isinstance(dt, MapType):
        if isinstance(v, dict):
            return [(from_python(k, dt.keyType), from_python(x, dt.valueType)) for k, x in v.items()]
        return None
    if isinstance(dt, StructType):
        if isinstance(v, (list, tuple)):
            if len(v) != len(dt.fields):
                return None
            return {f.name: from_python(x, f.dataType) for f, x in zip(dt.fields, v)}
        if isinstance(v, dict):
            return {f.name: from_python(v.get(f.name), f.dataType) for f in dt.fields}
        return None
    return v


def arrow_type(dt):
    import pyarrow as pa
    if isinstance(dt, TimestampType):
        return pa.timestamp("us", tz="UTC")
    if isinstance(dt, TimestampNTZType):
        return pa.timestamp("us")
    if isinstance(dt, ArrayType):
        return pa.list_(arrow_type(dt.elementType))
    if isinstance(dt, MapType):
        return pa.map_(arrow_type(dt.keyType), arrow_type(dt.valueType))
    if isinstance(dt, StructType):
        return pa.struct([pa.field(f.name, arrow_type(f.dataType), f.nullable) for f in dt.fields])
    from pyspark.sql.pandas.types import to_arrow_type
    return to_arrow_type(dt)


def run_batched(h, func, out):
    import pyarrow as pa
    in_types = [_parse_datatype_json_string(t) for t in h["input_types"]]
    out_types = [_parse_datatype_json_string(u["return_type"]) for u in h["udfs"]]
    reader = pa.ipc.open_stream(inf)
    schema = pa.schema([pa.field("_%d" % i, arrow_type(t)) for i, t in enumerate(out_types)])
    writer = pa.ipc.new_stream(out, schema)
    for batch in reader:
        cols = [[to_python(v, t) for v in batch.column(i).to_pylist()] for i, t in enumerate(in_types)]
        rows = [list(r) for r in zip(*cols)] if cols else [[] for _ in range(batch.num_rows)]
        res = list(func(0, iter(rows)))
        if len(out_types) == 1:
            res = [(r,) for r in res]
        arrays = []
        for i, t in enumerate(out_types):
            arrays.append(pa.array([from_python(r[i], t) for r in res], type=schema.field(i).type))
        writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=schema))
    writer.close()


def run_analyze(h, commands):
    """A UDTF's analyze(): the result schema (and the pickled result) for
    its arguments' types and constant values."""
    from pyspark.sql.udtf import AnalyzeArgument
    from pyspark.serializers import CloudPickleSerializer
    handler = pw.pickleSer.loads(commands[0])
    args, kwargs = [], {}
    for a in h["analyze_args"]:
        dt = _parse_datatype_json_string(a["type"])
        v = a.get("value")
        if v is not None:
            v = to_python(v, dt)
        fields = dict(dataType=dt, value=v, isTable=bool(a.get("table")))
        if "isConstantExpression" in AnalyzeArgument.__dataclass_fields__:
            fields["isConstantExpression"] = a.get("constant", False)
        arg = AnalyzeArgument(**fields)
        if a.get("name"):
            kwargs[a["name"]] = arg
        else:
            args.append(arg)
    if not hasattr(handler, "analyze"):
        raise RuntimeError("[UDTF_RETURN_TYPE_MISMATCH] the UDTF has neither a return type nor an analyze method")
    result = handler.analyze(*args, **kwargs)
    schema = result.schema
    return json.dumps({"schema": schema.json(), "pickled": CloudPickleSerializer().dumps(result).hex()}).encode("utf-8")


def run_udtf_rows(h, func, out):
    """A UDTF over pickled rows (SQL_TABLE_UDF): rows in, its rows out."""
    import pyarrow as pa
    in_types = [_parse_datatype_json_string(t) for t in h.get("input_types") or []]
    rt = _parse_datatype_json_string(h["return_type"])
    reader = pa.ipc.open_stream(inf)
    rows = []
    for batch in reader:
        cols = [[to_python(v, t) for v in batch.column(i).to_pylist()] for i, t in enumerate(in_types)]
        rows.extend([list(r) for r in zip(*cols)] if cols else [[] for _ in range(batch.num_rows)])
    # Each call of eval() (and terminate()) gives a tuple of rows in
    # Spark's internal form.
    flat = []
    for res in func(0, iter(rows)):
        for r in res:
            flat.append(from_python(r, rt))
    schema = pa.schema([pa.field(f.name, arrow_type(f.dataType)) for f in rt.fields])
    arrays = [pa.array([None if d is None else d[f.name] for d in flat], type=schema.field(i).type)
              for i, f in enumerate(rt.fields)]
    writer = pa.ipc.new_stream(out, schema)
    writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=schema))
    writer.close()


def strip_start(data):
    # pyspark's serializers announce an Arrow stream with START_ARROW_STREAM
    # (-6), some more than once in a row; only the stream is passed on.
    while len(data) >= 4 and struct.unpack("!i", data[:4])[0] == -6:
        data = data[4:]
    return data


def run_task(h, commands):
    et = h["eval_type"]
    if h.get("python_ver") and h["python_ver"] != "%d.%d" % sys.version_info[:2]:
        raise RuntimeError(
            "[PYTHON_VERSION_MISMATCH] Python in worker has different version: %d.%d than that in "
            "driver: %s, PySpark cannot run with different minor versions.\nPlease check environment "
            "variables PYSPARK_PYTHON and PYSPARK_DRIVER_PYTHON are correctly set."
            % (sys.version_info[0], sys.version_info[1], h["python_ver"]))
    if h.get("kind") == "analyze":
        return run_analyze(h, commands)
    func, _profiler, deser, ser = load_task(h, commands)
    out = io.BytesIO()
    if et == 300:
        run_udtf_rows(h, func, out)
        return out.getvalue()
    if et == BATCHED:
        run_batched(h, func, out)
        return out.getvalue()
    it = func(0, deser.load_stream(inf))
    ser.dump_stream(it, out)
    return strip_start(out.getvalue())


def main():
    while True:
        try:
            n = read_int(inf)
        except EOFError:
            return
        if n == -4:
            return
        h = json.loads(inf.read(n).decode("utf-8"))
        commands = [inf.read(read_int(inf)) for _ in range(h["commands"])]
        if IMPORT_ERROR is not None:
            d = IMPORT_ERROR.encode("utf-8")
            outf.write(struct.pack("!iq", -2, len(d)))
            outf.write(d)
            outf.flush()
            return
        try:
            data = run_task(h, commands)
            outf.write(struct.pack("!iq", 0, len(data)))
            outf.write(data)
        except BaseException as e:  # noqa: B902 - every failure goes back to Ember
            tb = sys.exc_info()[-1]
            while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
                tb = tb.tb_next  # Ember's own frames are not the user's concern
            try:
                from pyspark.util import try_simplify_traceback
                tb = try_simplify_traceback(tb) or tb
            except Exception:
                pass
            d = "".join(traceback.format_exception(type(e), e, tb)).encode("utf-8")
            outf.write(struct.pack("!iq", -2, len(d)))
            outf.write(d)
            outf.flush()
            return  # the input may be half read: Ember starts a new worker
        outf.flush()


main()
