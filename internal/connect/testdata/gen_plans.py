"""Writes serialized Spark Connect plans built by a real PySpark client.

Usage (from this directory):

    ../../../.venv/py4/bin/python gen_plans.py py4
    ../../../.venv/py35/bin/python gen_plans.py py35

Each case becomes <outdir>/<name>.rel (a spark.connect.Relation) or
<outdir>/<name>.cmd (a spark.connect.Command). No server is needed: plans
are built locally, and calls that would reach a server (commands, config
lookups) are intercepted.
"""

import datetime
import decimal
import os
import sys

# Make pyspark's is_remote() true without going through the session builder
# (which would try to reach a server).
os.environ["SPARK_CONNECT_MODE_ENABLED"] = "1"

import faulthandler  # noqa: E402

# A case that still tries to reach a server would hang in retries.
faulthandler.dump_traceback_later(120, exit=True)

from pyspark.sql.connect import plan as P
from pyspark.sql.connect.dataframe import DataFrame
from pyspark.sql.connect.session import SparkSession
import pyspark.sql.connect.functions as F
from pyspark.sql.types import DoubleType, IntegerType, StringType, StructField, StructType
from pyspark.sql.window import Window

V4 = sys.argv[1] == "py4"
OUT = sys.argv[1]

CONF_DEFAULTS = {
    "spark.sql.timestampType": "TIMESTAMP_LTZ",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.session.localRelationCacheThreshold": str(64 * 1024 * 1024),
    "spark.sql.session.localRelationSizeLimit": str(1024 * 1024 * 1024),
    "spark.sql.session.localRelationChunkSizeRows": "10000",
    "spark.sql.session.localRelationChunkSizeBytes": str(16 * 1024 * 1024),
    "spark.sql.session.localRelationBatchOfChunksSizeBytes": str(64 * 1024 * 1024),
    "spark.sql.execution.pandas.convertToArrowArraySafely": "false",
    "spark.sql.execution.pandas.inferPandasDictAsMap": "false",
    "spark.sql.pyspark.inferNestedDictAsStruct.enabled": "false",
    "spark.sql.pyspark.legacy.inferArrayTypeFromFirstElement.enabled": "false",
    "spark.sql.pyspark.legacy.inferMapTypeFromFirstPair.enabled": "false",
    "spark.sql.execution.arrow.useLargeVarTypes": "false",
    "spark.sql.execution.arrow.maxRecordsPerBatch": "10000",
}


class Captured(Exception):
    def __init__(self, command):
        super().__init__("captured")
        self.command = command


spark = SparkSession("sc://localhost:1")
client = spark.client


def fake_config_dict(*keys):
    return {k: CONF_DEFAULTS.get(k) for k in keys}


def fake_configs(*keys):
    return tuple(CONF_DEFAULTS.get(k) for k in keys)


def capture(command, *args, **kwargs):
    raise Captured(command)


client.get_config_dict = fake_config_dict
client.get_configs = fake_configs
client.execute_command = capture


def no_server(*args, **kwargs):
    raise RuntimeError("this case needs a server")


client._analyze = no_server

os.makedirs(OUT, exist_ok=True)
written = []
failed = []


def rel(name, df):
    def run():
        r = df()._plan.plan(client)
        with open(os.path.join(OUT, name + ".rel"), "wb") as f:
            f.write(r.SerializeToString())

    attempt(name, run)


def cmd(name, action):
    def run():
        try:
            action()
        except Captured as c:
            with open(os.path.join(OUT, name + ".cmd"), "wb") as f:
                f.write(c.command.SerializeToString())
            return
        raise RuntimeError("no command was sent")

    attempt(name, run)


def attempt(name, run):
    try:
        run()
        written.append(name)
    except BaseException as e:  # noqa: BLE001 - report and go on
        failed.append((name, repr(e)))


def mkdf(p):
    """Wraps a logical plan in a DataFrame (the constructor differs in 3.5)."""
    if hasattr(DataFrame, "withPlan"):
        return DataFrame.withPlan(p, spark)
    return DataFrame(p, spark)


def base():
    return spark.range(0, 10, 2)


T2_SCHEMA = StructType(
    [
        StructField("id", IntegerType()),
        StructField("s", StringType()),
        StructField("d", DoubleType()),
    ]
)


def t2():
    return spark.createDataFrame([(1, "a", 2.5), (2, None, None)], T2_SCHEMA)


rel("range_filter_select", lambda: base().filter(F.col("id") > 3).select("id", F.lit(1).alias("x")))
rel(
    "literals",
    lambda: base().select(
        F.lit(None),
        F.lit(True),
        F.lit(7),
        F.lit(2**40),
        F.lit(1.5),
        F.lit("str"),
        F.lit(bytearray(b"ab")),
        F.lit(decimal.Decimal("12.345")),
        F.lit(datetime.date(2020, 1, 2)),
        F.lit(datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)),
        F.lit(datetime.timedelta(days=1, seconds=2)),
        F.lit([1, 2, 3]),
        F.lit(None).cast("int"),
    ),
)
rel(
    "joins",
    lambda: base()
    .alias("l")
    .join(base().alias("r"), on="id", how="left")
    .join(t2(), F.col("l.id") == t2()["id"], "left_anti")
    .crossJoin(base()),
)
rel("join_semi", lambda: base().join(base(), ["id"], "leftsemi"))
rel("union_all", lambda: base().union(base()))
rel("union_by_name", lambda: base().unionByName(t2(), allowMissingColumns=True))
rel("intersect", lambda: base().intersect(base()))
rel("except_all", lambda: base().exceptAll(base()))
rel("subtract", lambda: base().subtract(base()))
rel("distinct", lambda: base().distinct())
rel("sort", lambda: t2().orderBy(F.col("s").desc_nulls_first(), "id", F.asc("d")))
rel("sort_within", lambda: t2().sortWithinPartitions("id"))
rel("limit_offset", lambda: base().offset(2).limit(5))
rel("tail", lambda: mkdf(P.Tail(base()._plan, 3)))
rel("show_string", lambda: mkdf(P.ShowString(base()._plan, 20, 20, False)))
rel("html_string", lambda: mkdf(P.HtmlString(base()._plan, 20, 20)))
rel("group_by", lambda: t2().groupBy("s").agg(F.sum("id").alias("total"), F.countDistinct("d")))
rel("rollup", lambda: t2().rollup("s", "id").count())
rel("cube", lambda: t2().cube("s").agg(F.max("d")))
rel("pivot_values", lambda: t2().groupBy("id").pivot("s", ["a", "b"]).agg(F.sum("d")))
rel("pivot_no_values", lambda: t2().groupBy("id").pivot("s").count())
if V4:
    rel("grouping_sets", lambda: t2().groupingSets([["s"], ["s", "id"], []], "s", "id").count())
    rel(
        "sql_named",
        lambda: mkdf(P.SQL("select :a + 1", named_args={"a": F.lit(1)})),
    )
    rel("sql_pos", lambda: mkdf(P.SQL("select ? + ?", args=[F.lit(1), F.lit("x")])))
    rel(
        "sql_refs",
        lambda: mkdf(P.SQL("select * from {df}", views=[P.SubqueryAlias(base()._plan, "df")])),
    )
    rel("scalar_subquery", lambda: base().select(base().select(F.max("id")).scalar().alias("m")))
    rel(
        "exists_subquery",
        lambda: base().alias("o").where(
            base().alias("i").where(F.col("i.id") == F.col("o.id").outer()).exists()
        ),
    )
    rel("try_cast", lambda: t2().select(F.col("s").try_cast("int")))
    rel("with_column_renamed", lambda: t2().withColumnRenamed("s", "t").withColumnsRenamed({"d": "e"}))
else:
    rel("sql_named", lambda: mkdf(P.SQL("select :a + 1", {"a": 1})))
    rel("sql_pos", lambda: mkdf(P.SQL("select ? + ?", [1, "x"])))
    rel("with_column_renamed", lambda: t2().withColumnRenamed("s", "t").withColumnsRenamed({"d": "e"}))
rel("local_relation", t2)
rel("empty_local_relation", lambda: spark.createDataFrame([], StructType([StructField("a", IntegerType())])))
rel(
    "columns_ops",
    lambda: t2()
    .withColumn("x", F.col("id") + 1)
    .withColumns({"y": F.lit(2), "z": F.col("s")})
    .drop("y", F.col("z"))
    .toDF("a", "b", "c", "d"),
)
rel("alias", lambda: base().alias("t").select("t.*", F.col("*")))
rel("dedup", lambda: t2().dropDuplicates(["s"]))
rel("hint", lambda: base().hint("broadcast"))
rel("repartition", lambda: base().repartition(3))
rel("repartition_by_expr", lambda: base().repartition(3, "id"))
rel("coalesce", lambda: base().coalesce(1))
rel("sample_seed", lambda: base().sample(fraction=0.5, seed=3))
rel("sample_no_seed", lambda: base().sample(withReplacement=True, fraction=0.1))
rel("na_fill", lambda: t2().na.fill({"s": "x", "d": 0.0}))
rel("na_fill_one", lambda: t2().na.fill(0))
rel("na_drop", lambda: t2().na.drop(thresh=2, subset=["s", "d"]))
rel("na_drop_any", lambda: t2().na.drop())
rel("na_replace", lambda: t2().na.replace("a", "b", subset=["s"]))
rel("describe", lambda: t2().describe("id", "d"))
rel("summary", lambda: t2().summary("count", "max"))
rel(
    "window",
    lambda: t2().select(
        F.row_number().over(Window.partitionBy("s").orderBy(F.desc("id"))),
        F.sum("d").over(Window.orderBy("id").rowsBetween(Window.unboundedPreceding, Window.currentRow)),
        F.avg("d").over(Window.orderBy("id").rangeBetween(-1, 2)),
    ),
)
rel(
    "expressions",
    lambda: t2().select(
        F.col("a.b"),
        F.col("`x.y`"),
        t2()["id"],
        t2().colRegex("`i.*`"),
        F.col("id").cast("bigint"),
        F.col("id").cast(StringType()),
        F.expr("id + 1"),
        F.col("m").getField("f"),
        F.col("arr").getItem(0),
        F.struct("id").withField("k", F.lit(1)).dropFields("id"),
        F.when(F.col("id") > 1, "big").otherwise("small"),
        F.col("id").isin(1, 2),
        F.transform(F.array("id"), lambda x: x + 1),
        F.call_function("abs", F.col("id")),
        F.count_distinct("s"),
    ),
)
rel("python_udf", lambda: t2().select(F.udf(lambda x: x, IntegerType())("id")))
rel("read_table", lambda: spark.read.table("db.`my tbl`"))
rel(
    "read_source",
    lambda: spark.read.format("csv").option("header", "true").schema("a int, b string").load(["/tmp/a.csv", "/tmp/b.csv"]),
)
rel("to_schema", lambda: mkdf(P.ToSchema(base()._plan, IntegerType())))
rel("unpivot", lambda: t2().unpivot("id", ["d"], "var", "val"))

cmd("sql_command", lambda: spark.sql("select 1 where 2 > :v", {"v": 1}))
cmd("sql_command_plain", lambda: spark.sql("show tables"))
cmd("temp_view", lambda: base().createOrReplaceTempView("v1"))
cmd("global_view", lambda: base().createGlobalTempView("gv"))
cmd(
    "write_path",
    lambda: t2().write.mode("overwrite").format("parquet").partitionBy("s").option("compression", "zstd").save("/tmp/out"),
)
cmd("write_table", lambda: t2().write.bucketBy(4, "id").sortBy("id").saveAsTable("db.t"))
cmd("insert_into", lambda: t2().write.insertInto("db.t", overwrite=True))
cmd("write_v2", lambda: t2().writeTo("db.t2").using("parquet").partitionedBy(F.col("s")).createOrReplace())

print("written:", len(written))
for name, err in failed:
    print("FAILED", name, err)
sys.stdout.flush()
# Skip the client's exit hooks, which would try to reach the server.
os._exit(1 if failed else 0)
