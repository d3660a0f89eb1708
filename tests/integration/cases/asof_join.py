"""DataFrame._joinAsOf: each left row with the nearest right row by the
as-of values (backward, forward, nearest), equality keys, tolerance,
allowExactMatches, inner and left; ties keep the last right row."""

import datetime

from pyspark.sql import functions as sf

from harness import case


def _sides(spark):
    left = spark.createDataFrame([(1, "a"), (5, "b"), (10, "c")], ["a", "left_val"])
    right = spark.createDataFrame([(1, 1), (2, 2), (3, 3), (6, 6), (7, 7)], ["a", "right_val"])
    return left, right


@case(versions=("4",))
def asof_directions(spark):
    left, right = _sides(spark)
    out = []
    for kw in [{}, {"direction": "forward"}, {"direction": "nearest"}, {"allowExactMatches": False},
               {"direction": "forward", "allowExactMatches": False}, {"tolerance": sf.lit(1)},
               {"how": "left", "tolerance": sf.lit(1)}, {"how": "left", "direction": "forward"},
               {"direction": "nearest", "tolerance": sf.lit(2), "how": "left"}]:
        j = left._joinAsOf(right, leftAsOfColumn="a", rightAsOfColumn="a", **kw)
        out.append(j.select(left.a, "left_val", "right_val").sort("a"))
    return out


@case(versions=("4",))
def asof_keys_and_ties(spark):
    l2 = spark.createDataFrame([(1, "x", 4), (1, "y", 9), (2, "x", 3), (3, "w", 1)], ["k", "s", "t"])
    r2 = spark.createDataFrame([(1, 2, "p"), (1, 8, "q"), (1, 8, "q2"), (2, 1, "r"), (2, 5, "z")], ["k", "t", "v"])
    l = spark.createDataFrame([(5, "x"), (10, "y")], ["t", "s"])
    r = spark.createDataFrame([(3, "lo"), (7, "hi"), (12, "z"), (8, "w")], ["t", "v"])
    return [l2._joinAsOf(r2, leftAsOfColumn="t", rightAsOfColumn="t", on="k", how="left").sort("s", l2.k),
            l2._joinAsOf(r2, leftAsOfColumn="t", rightAsOfColumn="t", on=l2.k == r2.k).sort("s", l2.k),
            l._joinAsOf(r, leftAsOfColumn="t", rightAsOfColumn="t", direction="nearest").sort("s")]


@case(versions=("4",))
def asof_timestamps(spark):
    ts = lambda m: datetime.datetime(2024, 1, 1, 10, m)
    trades = spark.createDataFrame([(ts(1), "A", 10.0), (ts(5), "A", 11.0), (ts(9), "B", 12.0)], ["time", "sym", "px"])
    quotes = spark.createDataFrame([(ts(0), "A", 9.5), (ts(4), "A", 10.5), (ts(8), "B", 11.5), (ts(2), "B", 1.0)],
                                   ["time", "sym", "bid"])
    return [trades._joinAsOf(quotes, leftAsOfColumn="time", rightAsOfColumn="time", on="sym", how="left",
                             tolerance=sf.expr("INTERVAL 2 MINUTES")).sort(trades.time)]


def _users_products(spark):
    users = spark.createDataFrame([(1, 10.0), (2, 20.0), (3, None), (4, 30.0)], ["user_id", "score"])
    products = spark.createDataFrame([("A", 11.0), ("B", 22.0), ("C", 5.0), ("D", None), ("E", 29.5)],
                                     ["product", "pscore"])
    return users, products


@case(versions=("4",), ordered=False)
def nearest_by_join(spark):
    users, products = _users_products(spark)
    dist = sf.abs(users.score - products.pscore)
    return [users.nearestByJoin(products, dist, 2, "exact", "distance"),
            users.nearestByJoin(products, -dist, 1, "approx", "similarity").select("user_id", "product"),
            users.nearestByJoin(products, dist, 3, "exact", "similarity", joinType="leftouter"),
            users.nearestByJoin(products.filter("false"), dist, 2, "exact", "distance", joinType="leftouter")]


@case(versions=("4",))
def nearest_by_join_errors(spark, fx):
    users, products = _users_products(spark)
    dist = sf.abs(users.score - products.pscore)
    return [fx.error(lambda: users.nearestByJoin(products, dist, 0, "exact", "distance").collect()),
            fx.error(lambda: users.nearestByJoin(products, dist, 1, "fast", "distance").collect()),
            fx.error(lambda: users.nearestByJoin(products, dist, 1, "exact", "up").collect()),
            fx.error(lambda: users.nearestByJoin(products, dist, 1, "exact", "distance", joinType="full").collect())]
