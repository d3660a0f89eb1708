"""SparkSession entry points: spark.tvf table-valued functions and schema
strings in the struct-field form."""

from pyspark.sql import functions as F

from harness import case


@case()
def tvf_explode(spark):
    return spark.tvf.explode(F.array(F.lit(1), F.lit(2), F.lit(3)))


@case()
def tvf_range(spark):
    return spark.tvf.range(2, 8, 2)


@case()
def tvf_posexplode_map(spark):
    return spark.tvf.explode(F.create_map(F.lit("a"), F.lit(1), F.lit("b"), F.lit(2)))


@case()
def schema_string_struct_fields(spark):
    return spark.createDataFrame([("Alice", 1)], "name: string, age: int")


@case()
def schema_string_bad(spark):
    return spark.createDataFrame([("Alice", 1)], "name string age int")
