"""Python functions run by a Python worker: udf() (plain and Arrow-optimized),
pandas_udf (scalar, iterator, grouped aggregate), mapInPandas / mapInArrow,
applyInPandas / applyInArrow, cogroup().applyInPandas, spark.udf.register
with SQL and call_udf, and the PythonException of a failing function."""

from typing import Iterator

from harness import case

from pyspark.sql import functions as F
from pyspark.sql.types import (ArrayType, BooleanType, DoubleType, IntegerType, LongType, MapType,
                               StringType, StructField, StructType)


def _udfs_on(spark):
    # pyspark 3.5 builds UDFs for the active session, which a session made
    # with create() does not become by itself.
    cls = type(spark)
    if hasattr(cls, "_active_session"):
        cls._active_session.session = spark
    if hasattr(cls, "_default_session"):
        cls._default_session = spark


def _df(spark):
    _udfs_on(spark)
    return spark.createDataFrame([(1, 21.0, "a"), (2, 30.0, "bb"), (3, None, None), (4, 2.5, "dddd")],
                                 ("id", "v", "s"))


@case()
def scalar_udf_result_types(spark):
    df = _df(spark)
    return df.select(
        "id",
        F.udf(lambda x: x * 2)("id").alias("str_default"),
        F.udf(lambda x: x, DoubleType())("id").alias("int_as_double"),
        F.udf(lambda x: x + 0.5, DoubleType())("id").alias("dbl"),
        F.udf(lambda s: len(s) if s is not None else -1, IntegerType())("s").alias("len"),
        F.udf(lambda x: x % 2 == 0, BooleanType())("id").alias("even"),
        F.udf(lambda x: [x] * x, ArrayType(LongType()))("id").alias("arr"),
        F.udf(lambda s: {s: 1} if s else None, MapType(StringType(), IntegerType()))("s").alias("m"),
        F.udf(lambda x, v: (x, v), StructType([StructField("a", LongType()), StructField("b", DoubleType())]))(
            "id", "v").alias("st"),
    ).orderBy("id")


@case()
def scalar_udf_arrow_optimized(spark):
    df = _df(spark)
    plus = F.udf(lambda x, v: None if v is None else x + v, DoubleType(), useArrow=True)
    return df.select("id", plus("id", "v").alias("p"), F.udf(lambda s: s.upper() if s else s, useArrow=True)("s")).orderBy("id")


@case()
def udf_in_filter_sort_group_and_nested(spark):
    df = _df(spark)
    sq = F.udf(lambda x: x * x, LongType())
    par = F.udf(lambda x: x % 2, LongType())
    return [df.filter(sq("id") > 4).select("id", sq(sq("id")).alias("q")).orderBy("id"),
            df.groupBy(par("id").alias("p")).agg(F.sum(sq("id")).alias("s")).orderBy("p"),
            df.orderBy(F.udf(lambda x: -x, LongType())("id")).select("id")]


@case()
def udf_raises_python_exception(spark):
    _udfs_on(spark)
    bad = F.udf(lambda x: 1 // (x - 3), LongType())
    return lambda: _df(spark).select(bad("id")).collect()


@case()
def pandas_udf_scalar_and_iterator(spark):
    import pandas as pd
    df = _df(spark)

    @F.pandas_udf("double")
    def times_two(v: pd.Series) -> pd.Series:
        return v * 2

    @F.pandas_udf("long")
    def plus_one(it: Iterator[pd.Series]) -> Iterator[pd.Series]:
        for s in it:
            yield s + 1

    @F.pandas_udf("string")
    def tag(s: pd.Series, i: pd.Series) -> pd.Series:
        return s.fillna("?") + "-" + i.astype(str)

    return df.select("id", times_two("v"), plus_one("id"), tag("s", "id")).orderBy("id")


@case()
def pandas_udf_grouped_aggregate(spark):
    import pandas as pd
    df = _df(spark).withColumn("g", F.col("id") % 2)

    @F.pandas_udf("double")
    def mean_udf(v: pd.Series) -> float:
        return v.mean()

    @F.pandas_udf("long")
    def count_udf(v: pd.Series) -> int:
        return len(v)

    return [df.groupBy("g").agg(mean_udf("v"), count_udf(df.id).alias("n")).orderBy("g"),
            df.agg(mean_udf("v"), count_udf("id")),
            df.filter("id > 100").agg(count_udf("id"))]


@case()
def pandas_udf_mixed_with_builtin_aggregate_fails(spark):
    _udfs_on(spark)
    import pandas as pd

    @F.pandas_udf("double")
    def mean_udf(v: pd.Series) -> float:
        return v.mean()

    return lambda: _df(spark).agg(mean_udf("v"), F.sum("id")).collect()


@case()
def map_in_pandas_and_arrow(spark):
    df = _df(spark)

    def keep_even(it):
        for pdf in it:
            yield pdf[pdf.id % 2 == 0]

    def doubled(it):
        import pyarrow.compute as pc
        for b in it:
            yield b.set_column(0, "id", pc.multiply(b.column(0), 2))

    return [df.mapInPandas(keep_even, df.schema).orderBy("id"),
            df.select("id", "s").mapInArrow(doubled, "id long, s string").orderBy("id"),
            df.mapInPandas(lambda it: (p[["id"]].assign(n=p.id * 10) for p in it), "id long, n long").orderBy("id")]


@case()
def apply_in_pandas_grouped_and_cogrouped(spark):
    import pandas as pd
    _udfs_on(spark)
    df = spark.createDataFrame([(1, 1.0), (1, 2.0), (2, 3.0), (2, 5.0), (2, 10.0)], ("id", "v"))

    def center(pdf):
        return pdf.assign(v=pdf.v - pdf.v.mean())

    def with_key(key, pdf):
        return pd.DataFrame([key + (pdf.v.sum(),)])

    other = spark.createDataFrame([(1, "x"), (3, "z")], ("id", "name"))

    def merge(left, right):
        return pd.DataFrame({"id": [left.id.iloc[0] if len(left) else right.id.iloc[0]],
                             "nl": [len(left)], "nr": [len(right)]})

    return [df.groupBy("id").applyInPandas(center, "id long, v double").orderBy("id", "v"),
            df.groupBy(df.id).applyInPandas(with_key, "id long, total double").orderBy("id"),
            df.groupBy("id").cogroup(other.groupBy("id")).applyInPandas(merge, "id long, nl long, nr long").orderBy("id")]


@case(versions=("4",))
def apply_in_arrow_grouped(spark):
    import pyarrow as pa
    import pyarrow.compute as pc
    _udfs_on(spark)
    df = spark.createDataFrame([(1, 1.0), (1, 2.0), (2, 3.0), (2, 5.0)], ("id", "v"))

    def total(table):
        return pa.table({"id": [table.column("id")[0].as_py()], "t": [pc.sum(table.column("v")).as_py()]})

    return df.groupBy("id").applyInArrow(total, "id long, t double").orderBy("id")


@case()
def registered_udf_in_sql_and_call_udf(spark):
    _udfs_on(spark)
    spark.udf.register("plus_ten", lambda x: x + 10, LongType())
    _df(spark).createOrReplaceTempView("py_udf_t")
    return [spark.sql("SELECT id, plus_ten(id) AS p FROM py_udf_t ORDER BY id"),
            _df(spark).select(F.call_udf("plus_ten", F.col("id")).alias("p")).orderBy("p")]


@case()
def udtf_with_return_type(spark):
    _udfs_on(spark)
    from pyspark.sql.functions import lit, udtf

    class Hello:
        def eval(self, *args):
            yield "hello", "world"

    @udtf(returnType="c1: int, c2: int")
    class PlusOne:
        def eval(self, x: int):
            yield x, x + 1
            yield x, x + 2

        def terminate(self):
            yield 0, 0

    @udtf(returnType="n: int, s: string", useArrow=True)
    class Repeat:
        def eval(self, n: int, s: str):
            for i in range(n):
                yield i, s * i

    return [udtf(Hello, returnType="c1: string, c2: string")(), PlusOne(lit(5)), Repeat(lit(3), lit("ab"))]


@case()
def udtf_registered_for_sql(spark):
    _udfs_on(spark)
    from pyspark.sql.functions import udtf

    @udtf(returnType="word: string, n: int")
    class Words:
        def eval(self, text: str):
            for w in text.split(" "):
                yield w, len(w)

    spark.udtf.register("py_words", Words)
    return spark.sql("SELECT * FROM py_words('a bb ccc') ORDER BY n DESC")


@case(versions=("4",))
def udtf_analyze_and_keyword_arguments(spark):
    _udfs_on(spark)
    from pyspark.sql.functions import lit, udtf
    from pyspark.sql.types import StructType
    from pyspark.sql.udtf import AnalyzeResult

    @udtf
    class Echo:
        @staticmethod
        def analyze(a, b, **kwargs):
            return AnalyzeResult(StructType().add("a", a.dataType).add("b", b.dataType).add("x", kwargs["x"].dataType))

        def eval(self, a, b, **kwargs):
            yield a, b, kwargs["x"]

    spark.udtf.register("py_echo", Echo)
    return [Echo(lit(1), x=lit("x"), b=lit("b")), spark.sql("SELECT * FROM py_echo(1, x => 'x', b => 'b')")]


@case(versions=("4",))
def udtf_table_argument(spark):
    _udfs_on(spark)
    from pyspark.sql.functions import lit, udtf

    @udtf(returnType="id: int, doubled: int, tag: string")
    class Double:
        def eval(self, row, tag):
            yield row["id"], row["id"] * 2, tag

    df = spark.createDataFrame([(1,), (2,), (3,)], ["id"])
    return Double(df.asTable(), lit("t")).orderBy("id")


@case()
def map_in_pandas_once_per_partition(spark):
    _udfs_on(spark)
    return spark.range(0, 10, 1, 3).mapInPandas(lambda it: (p.assign(n=len(p)) for p in it), "id long, n long").orderBy("id")


@case(versions=("4",))
def udtf_table_argument_terminates_per_partition(spark):
    _udfs_on(spark)
    from pyspark.sql.functions import udtf

    @udtf(returnType="id: int, tag: string")
    class Tagged:
        def __init__(self):
            self.n = 0

        def eval(self, row):
            self.n += 1
            yield row["id"], "row"

        def terminate(self):
            yield self.n, "count"

    return Tagged(spark.range(0, 7, 1, 3).asTable()).orderBy("tag", "id")


@case()
def pandas_udf_over_whole_partition_window(spark):
    import pandas as pd
    from pyspark.sql import Window
    df = _df(spark).withColumn("g", F.col("id") % 2)

    @F.pandas_udf("double")
    def mean_udf(v: pd.Series) -> float:
        return v.mean()

    return [df.select("id", "g", mean_udf("v").over(Window.partitionBy("g"))).orderBy("id"),
            df.withColumn("m", mean_udf(df.v).over(Window.partitionBy(df.g))).withColumn("all", mean_udf("id").over(Window.partitionBy())).orderBy("id")]


@case()
def udf_returning_empty_struct_and_foreach(spark):
    df = _df(spark)
    df.foreach(lambda row: None)
    return df.select("id", F.udf(lambda x: None if x == 2 else (), StructType())("id").alias("e")).orderBy("id")


@case(versions=("4",))
def udtf_table_argument_partitioned(spark):
    _udfs_on(spark)
    from pyspark.sql.functions import udtf

    @udtf(returnType="key: int, seen: string, n: int")
    class Collect:
        def __init__(self):
            self.key, self.seen = None, []

        def eval(self, row):
            self.key = row["key"]
            self.seen.append(row["value"])

        def terminate(self):
            yield self.key, ",".join(self.seen), len(self.seen)

    df = spark.createDataFrame([(1, "b"), (2, "d"), (1, "a"), (2, "c"), (3, "e")], ["key", "value"])
    return [Collect(df.asTable().partitionBy("key").orderBy("value")).orderBy("key"),
            Collect(df.asTable().partitionBy(df.key).orderBy(df.value.desc())).orderBy("key"),
            Collect(df.asTable().withSinglePartition().orderBy("value"))]


@case()
def udtf_lateral_join(spark):
    _udfs_on(spark)
    from pyspark.sql.functions import udtf

    @udtf(returnType="x: int")
    class Upto:
        def eval(self, n: int):
            for i in range(n):
                yield (i,)

    spark.udtf.register("py_upto", Upto)
    spark.createDataFrame([(1,), (2,)], ["n"]).createOrReplaceTempView("py_lateral_t")
    return spark.sql("SELECT t.n, r.x FROM py_lateral_t t, LATERAL py_upto(t.n) r ORDER BY 1, 2")


@case()
def udf_results_written_to_a_table(spark):
    df = _df(spark)
    df.select("id", F.udf(lambda x: x * 3, LongType())("id").alias("t")).write.mode("overwrite").saveAsTable("py_udf_written")
    failing = F.udf(lambda x: 1 // (x - 2), LongType())
    return [spark.table("py_udf_written").orderBy("id"),
            lambda: df.select(failing("id").alias("t")).write.saveAsTable("py_udf_failed"),
            lambda: spark.catalog.tableExists("py_udf_failed")]
