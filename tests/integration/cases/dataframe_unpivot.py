"""DataFrame.unpivot / melt and SQL UNPIVOT."""

from harness import case


def _wide(spark):
    return spark.createDataFrame([(1, 11, 1.1, None), (2, 12, 1.2, 5)], "id int, a int, b double, c int")


@case()
def unpivot_values(spark):
    return _wide(spark).unpivot("id", ["a", "b", "c"], "var", "val")


@case()
def unpivot_all_non_id_columns(spark):
    return _wide(spark).unpivot(["id"], None, "variable", "value")


@case()
def melt_without_ids(spark):
    return _wide(spark).melt([], ["a", "c"], "k", "v")


@case()
def unpivot_type_mismatch(spark):
    return spark.createDataFrame([(1, "x", 1.5)], ["id", "s", "d"]).unpivot("id", ["s", "d"], "var", "val")


@case()
def sql_unpivot_excludes_nulls(spark):
    _wide(spark).createOrReplaceTempView("unp_wide")
    return spark.sql("SELECT * FROM unp_wide UNPIVOT (val FOR var IN (a, c)) ORDER BY id, var")


@case()
def sql_unpivot_include_nulls_aliases(spark):
    _wide(spark).createOrReplaceTempView("unp_wide")
    return spark.sql("SELECT * FROM unp_wide UNPIVOT INCLUDE NULLS (val FOR var IN (a AS first, c AS third)) ORDER BY id, var")


@case()
def sql_unpivot_multiple_value_columns(spark):
    spark.createDataFrame([(1, 1, 2, 3, 4)], "id int, q1a int, q1b int, q2a int, q2b int").createOrReplaceTempView("unp_q")
    return spark.sql("SELECT * FROM unp_q UNPIVOT ((x, y) FOR q IN ((q1a, q1b) AS q1, (q2a, q2b) AS q2))")
