"""The 22 TPC-H queries written with the PySpark DataFrame API.

Each function takes a ``Tables`` object (attribute access returns the
DataFrame of that TPC-H table, i.e. ``spark.table(name)`` of the temp views
the harness registers) plus the query parameters, and returns a DataFrame
whose rows and column names match the SQL form in ``sql/qNN.sql``.

They are written the way a PySpark user would write them: dates are computed
in Python, correlated subqueries become joins against aggregates, EXISTS /
NOT EXISTS become semi / anti joins.  Decimal constants that take part in
arithmetic with DECIMAL columns are passed as ``Decimal`` so that the result
types follow the same rules as the SQL text.
"""

from datetime import date
from decimal import Decimal

from pyspark.sql import functions as F

col = F.col


def _revenue():
    return col("l_extendedprice") * (1 - col("l_discount"))


def q1(t, p):
    return (
        t.lineitem.filter(col("l_shipdate") <= date(1998, 9, 2))  # 1998-12-01 minus 90 days
        .groupBy("l_returnflag", "l_linestatus")
        .agg(
            F.sum("l_quantity").alias("sum_qty"),
            F.sum("l_extendedprice").alias("sum_base_price"),
            F.sum(_revenue()).alias("sum_disc_price"),
            F.sum(_revenue() * (1 + col("l_tax"))).alias("sum_charge"),
            F.avg("l_quantity").alias("avg_qty"),
            F.avg("l_extendedprice").alias("avg_price"),
            F.avg("l_discount").alias("avg_disc"),
            F.count(F.lit(1)).alias("count_order"),
        )
        .orderBy("l_returnflag", "l_linestatus")
    )


def q2(t, p):
    europe_nations = t.region.filter(col("r_name") == "EUROPE").join(
        t.nation, col("r_regionkey") == col("n_regionkey")
    )
    europe_supp = t.supplier.join(europe_nations, col("s_nationkey") == col("n_nationkey"))
    europe_ps = t.partsupp.join(europe_supp, col("ps_suppkey") == col("s_suppkey"))
    cheapest = europe_ps.groupBy(col("ps_partkey").alias("cheap_partkey")).agg(
        F.min("ps_supplycost").alias("cheap_cost")
    )
    brass = t.part.filter((col("p_size") == 15) & col("p_type").endswith("BRASS"))
    return (
        brass.join(europe_ps, col("p_partkey") == col("ps_partkey"))
        .join(
            cheapest,
            (col("p_partkey") == col("cheap_partkey")) & (col("ps_supplycost") == col("cheap_cost")),
        )
        .select("s_acctbal", "s_name", "n_name", "p_partkey", "p_mfgr", "s_address", "s_phone", "s_comment")
        .orderBy(col("s_acctbal").desc(), "n_name", "s_name", "p_partkey")
        .limit(100)
    )


def q3(t, p):
    day = date(1995, 3, 15)
    building = t.customer.filter(col("c_mktsegment") == "BUILDING")
    early = t.orders.filter(col("o_orderdate") < day)
    late = t.lineitem.filter(col("l_shipdate") > day)
    return (
        building.join(early, col("c_custkey") == col("o_custkey"))
        .join(late, col("l_orderkey") == col("o_orderkey"))
        .groupBy("l_orderkey", "o_orderdate", "o_shippriority")
        .agg(F.sum(_revenue()).alias("revenue"))
        .select("l_orderkey", "revenue", "o_orderdate", "o_shippriority")
        .orderBy(col("revenue").desc(), "o_orderdate")
        .limit(10)
    )


def q4(t, p):
    in_quarter = t.orders.filter(
        (col("o_orderdate") >= date(1993, 7, 1)) & (col("o_orderdate") < date(1993, 10, 1))
    )
    late_lines = t.lineitem.filter(col("l_commitdate") < col("l_receiptdate"))
    return (
        in_quarter.join(late_lines, col("o_orderkey") == col("l_orderkey"), "left_semi")
        .groupBy("o_orderpriority")
        .agg(F.count(F.lit(1)).alias("order_count"))
        .orderBy("o_orderpriority")
    )


def q5(t, p):
    asia = t.region.filter(col("r_name") == "ASIA").join(t.nation, col("r_regionkey") == col("n_regionkey"))
    orders_1994 = t.orders.filter(
        (col("o_orderdate") >= date(1994, 1, 1)) & (col("o_orderdate") < date(1995, 1, 1))
    )
    return (
        t.customer.join(orders_1994, col("c_custkey") == col("o_custkey"))
        .join(t.lineitem, col("l_orderkey") == col("o_orderkey"))
        .join(
            t.supplier,
            (col("l_suppkey") == col("s_suppkey")) & (col("c_nationkey") == col("s_nationkey")),
        )
        .join(asia, col("s_nationkey") == col("n_nationkey"))
        .groupBy("n_name")
        .agg(F.sum(_revenue()).alias("revenue"))
        .orderBy(col("revenue").desc())
    )


def q6(t, p):
    return t.lineitem.filter(
        (col("l_shipdate") >= date(1994, 1, 1))
        & (col("l_shipdate") < date(1995, 1, 1))
        & col("l_discount").between(Decimal("0.05"), Decimal("0.07"))
        & (col("l_quantity") < 24)
    ).agg(F.sum(col("l_extendedprice") * col("l_discount")).alias("revenue"))


def q7(t, p):
    supp_n = t.nation.select(col("n_nationkey").alias("sn_key"), col("n_name").alias("supp_nation"))
    cust_n = t.nation.select(col("n_nationkey").alias("cn_key"), col("n_name").alias("cust_nation"))
    lines = t.lineitem.filter(col("l_shipdate").between(date(1995, 1, 1), date(1996, 12, 31)))
    pair = ((col("supp_nation") == "FRANCE") & (col("cust_nation") == "GERMANY")) | (
        (col("supp_nation") == "GERMANY") & (col("cust_nation") == "FRANCE")
    )
    return (
        t.supplier.join(lines, col("s_suppkey") == col("l_suppkey"))
        .join(t.orders, col("o_orderkey") == col("l_orderkey"))
        .join(t.customer, col("c_custkey") == col("o_custkey"))
        .join(supp_n, col("s_nationkey") == col("sn_key"))
        .join(cust_n, col("c_nationkey") == col("cn_key"))
        .filter(pair)
        .select(
            "supp_nation",
            "cust_nation",
            F.year("l_shipdate").alias("l_year"),
            _revenue().alias("volume"),
        )
        .groupBy("supp_nation", "cust_nation", "l_year")
        .agg(F.sum("volume").alias("revenue"))
        .orderBy("supp_nation", "cust_nation", "l_year")
    )


def q8(t, p):
    america = t.region.filter(col("r_name") == "AMERICA").join(
        t.nation.select(col("n_nationkey").alias("cn_key"), col("n_regionkey")),
        col("r_regionkey") == col("n_regionkey"),
    )
    supp_n = t.nation.select(col("n_nationkey").alias("sn_key"), col("n_name").alias("nation"))
    steel = t.part.filter(col("p_type") == "ECONOMY ANODIZED STEEL")
    orders_9596 = t.orders.filter(col("o_orderdate").between(date(1995, 1, 1), date(1996, 12, 31)))
    volumes = (
        steel.join(t.lineitem, col("p_partkey") == col("l_partkey"))
        .join(t.supplier, col("s_suppkey") == col("l_suppkey"))
        .join(orders_9596, col("l_orderkey") == col("o_orderkey"))
        .join(t.customer, col("o_custkey") == col("c_custkey"))
        .join(america, col("c_nationkey") == col("cn_key"))
        .join(supp_n, col("s_nationkey") == col("sn_key"))
        .select(F.year("o_orderdate").alias("o_year"), _revenue().alias("volume"), "nation")
    )
    return (
        volumes.groupBy("o_year")
        .agg(
            (
                F.sum(F.when(col("nation") == "BRAZIL", col("volume")).otherwise(0)) / F.sum("volume")
            ).alias("mkt_share")
        )
        .orderBy("o_year")
    )


def q9(t, p):
    green = t.part.filter(col("p_name").contains("green"))
    return (
        green.join(t.lineitem, col("p_partkey") == col("l_partkey"))
        .join(t.supplier, col("s_suppkey") == col("l_suppkey"))
        .join(
            t.partsupp,
            (col("ps_suppkey") == col("l_suppkey")) & (col("ps_partkey") == col("l_partkey")),
        )
        .join(t.orders, col("o_orderkey") == col("l_orderkey"))
        .join(t.nation, col("s_nationkey") == col("n_nationkey"))
        .select(
            col("n_name").alias("nation"),
            F.year("o_orderdate").alias("o_year"),
            (_revenue() - col("ps_supplycost") * col("l_quantity")).alias("amount"),
        )
        .groupBy("nation", "o_year")
        .agg(F.sum("amount").alias("sum_profit"))
        .orderBy("nation", col("o_year").desc())
    )


def q10(t, p):
    quarter = t.orders.filter(
        (col("o_orderdate") >= date(1993, 10, 1)) & (col("o_orderdate") < date(1994, 1, 1))
    )
    returned = t.lineitem.filter(col("l_returnflag") == "R")
    return (
        t.customer.join(quarter, col("c_custkey") == col("o_custkey"))
        .join(returned, col("l_orderkey") == col("o_orderkey"))
        .join(t.nation, col("c_nationkey") == col("n_nationkey"))
        .groupBy("c_custkey", "c_name", "c_acctbal", "c_phone", "n_name", "c_address", "c_comment")
        .agg(F.sum(_revenue()).alias("revenue"))
        .select("c_custkey", "c_name", "revenue", "c_acctbal", "n_name", "c_address", "c_phone", "c_comment")
        .orderBy(col("revenue").desc())
        .limit(20)
    )


def q11(t, p):
    germany = t.nation.filter(col("n_name") == "GERMANY")
    stock = (
        t.partsupp.join(t.supplier, col("ps_suppkey") == col("s_suppkey"))
        .join(germany, col("s_nationkey") == col("n_nationkey"))
        .select("ps_partkey", (col("ps_supplycost") * col("ps_availqty")).alias("stock_value"))
    )
    threshold = stock.agg((F.sum("stock_value") * F.lit(Decimal(p["fraction"]))).alias("threshold"))
    return (
        stock.groupBy("ps_partkey")
        .agg(F.sum("stock_value").alias("value"))
        .crossJoin(threshold)
        .filter(col("value") > col("threshold"))
        .select("ps_partkey", "value")
        .orderBy(col("value").desc())
    )


def q12(t, p):
    urgent = col("o_orderpriority").isin("1-URGENT", "2-HIGH")
    lines = t.lineitem.filter(
        col("l_shipmode").isin("MAIL", "SHIP")
        & (col("l_commitdate") < col("l_receiptdate"))
        & (col("l_shipdate") < col("l_commitdate"))
        & (col("l_receiptdate") >= date(1994, 1, 1))
        & (col("l_receiptdate") < date(1995, 1, 1))
    )
    return (
        t.orders.join(lines, col("o_orderkey") == col("l_orderkey"))
        .groupBy("l_shipmode")
        .agg(
            F.sum(F.when(urgent, 1).otherwise(0)).alias("high_line_count"),
            F.sum(F.when(~urgent, 1).otherwise(0)).alias("low_line_count"),
        )
        .orderBy("l_shipmode")
    )


def q13(t, p):
    plain_orders = t.orders.filter(~col("o_comment").like("%special%requests%"))
    per_customer = (
        t.customer.join(plain_orders, col("c_custkey") == col("o_custkey"), "left")
        .groupBy("c_custkey")
        .agg(F.count("o_orderkey").alias("c_count"))
    )
    return (
        per_customer.groupBy("c_count")
        .agg(F.count(F.lit(1)).alias("custdist"))
        .orderBy(col("custdist").desc(), col("c_count").desc())
    )


def q14(t, p):
    month = t.lineitem.filter(
        (col("l_shipdate") >= date(1995, 9, 1)) & (col("l_shipdate") < date(1995, 10, 1))
    )
    promo = F.when(col("p_type").startswith("PROMO"), _revenue()).otherwise(0)
    return month.join(t.part, col("l_partkey") == col("p_partkey")).agg(
        (F.lit(Decimal("100.00")) * F.sum(promo) / F.sum(_revenue())).alias("promo_revenue")
    )


def q15(t, p):
    revenue = (
        t.lineitem.filter(
            (col("l_shipdate") >= date(1996, 1, 1)) & (col("l_shipdate") < date(1996, 4, 1))
        )
        .groupBy(col("l_suppkey").alias("supplier_no"))
        .agg(F.sum(_revenue()).alias("total_revenue"))
    )
    top = revenue.agg(F.max("total_revenue").alias("max_revenue"))
    return (
        t.supplier.join(revenue, col("s_suppkey") == col("supplier_no"))
        .join(top, col("total_revenue") == col("max_revenue"))
        .select("s_suppkey", "s_name", "s_address", "s_phone", "total_revenue")
        .orderBy("s_suppkey")
    )


def q16(t, p):
    complainers = t.supplier.filter(col("s_comment").like("%Customer%Complaints%")).select("s_suppkey")
    parts = t.part.filter(
        (col("p_brand") != "Brand#45")
        & ~col("p_type").startswith("MEDIUM POLISHED")
        & col("p_size").isin(49, 14, 23, 45, 19, 3, 36, 9)
    )
    return (
        t.partsupp.join(complainers, col("ps_suppkey") == col("s_suppkey"), "left_anti")
        .join(parts, col("p_partkey") == col("ps_partkey"))
        .groupBy("p_brand", "p_type", "p_size")
        .agg(F.countDistinct("ps_suppkey").alias("supplier_cnt"))
        .orderBy(col("supplier_cnt").desc(), "p_brand", "p_type", "p_size")
    )


def q17(t, p):
    parts = t.part.filter((col("p_brand") == "Brand#23") & (col("p_container") == "MED BOX"))
    small_qty = t.lineitem.groupBy(col("l_partkey").alias("avg_partkey")).agg(
        (F.lit(Decimal("0.2")) * F.avg("l_quantity")).alias("qty_limit")
    )
    return (
        parts.join(t.lineitem, col("p_partkey") == col("l_partkey"))
        .join(small_qty, col("p_partkey") == col("avg_partkey"))
        .filter(col("l_quantity") < col("qty_limit"))
        .agg((F.sum("l_extendedprice") / F.lit(Decimal("7.0"))).alias("avg_yearly"))
    )


def q18(t, p):
    big_orders = (
        t.lineitem.groupBy(col("l_orderkey").alias("big_orderkey"))
        .agg(F.sum("l_quantity").alias("order_qty"))
        .filter(col("order_qty") > 300)
    )
    return (
        t.orders.join(big_orders, col("o_orderkey") == col("big_orderkey"), "left_semi")
        .join(t.customer, col("c_custkey") == col("o_custkey"))
        .join(t.lineitem, col("o_orderkey") == col("l_orderkey"))
        .groupBy("c_name", "c_custkey", "o_orderkey", "o_orderdate", "o_totalprice")
        .agg(F.sum("l_quantity").alias("sum_qty"))
        .orderBy(col("o_totalprice").desc(), "o_orderdate")
        .limit(100)
    )


def q19(t, p):
    def bucket(brand, containers, lo, size_hi):
        return (
            (col("p_brand") == brand)
            & col("p_container").isin(*containers)
            & (col("l_quantity") >= lo)
            & (col("l_quantity") <= lo + 10)
            & col("p_size").between(1, size_hi)
        )

    lines = t.lineitem.filter(
        col("l_shipmode").isin("AIR", "AIR REG") & (col("l_shipinstruct") == "DELIVER IN PERSON")
    )
    return (
        lines.join(t.part, col("l_partkey") == col("p_partkey"))
        .filter(
            bucket("Brand#12", ["SM CASE", "SM BOX", "SM PACK", "SM PKG"], 1, 5)
            | bucket("Brand#23", ["MED BAG", "MED BOX", "MED PKG", "MED PACK"], 10, 10)
            | bucket("Brand#34", ["LG CASE", "LG BOX", "LG PACK", "LG PKG"], 20, 15)
        )
        .agg(F.sum(_revenue()).alias("revenue"))
    )


def q20(t, p):
    forest = t.part.filter(col("p_name").startswith("forest")).select("p_partkey")
    shipped = (
        t.lineitem.filter(
            (col("l_shipdate") >= date(1994, 1, 1)) & (col("l_shipdate") < date(1995, 1, 1))
        )
        .groupBy("l_partkey", "l_suppkey")
        .agg((F.lit(Decimal("0.5")) * F.sum("l_quantity")).alias("half_qty"))
    )
    excess = (
        t.partsupp.join(forest, col("ps_partkey") == col("p_partkey"), "left_semi")
        .join(shipped, (col("ps_partkey") == col("l_partkey")) & (col("ps_suppkey") == col("l_suppkey")))
        .filter(col("ps_availqty") > col("half_qty"))
        .select("ps_suppkey")
    )
    canada = t.nation.filter(col("n_name") == "CANADA")
    return (
        t.supplier.join(canada, col("s_nationkey") == col("n_nationkey"))
        .join(excess, col("s_suppkey") == col("ps_suppkey"), "left_semi")
        .select("s_name", "s_address")
        .orderBy("s_name")
    )


def q21(t, p):
    # EXISTS (another supplier on the order)      <=> the order has >= 2 suppliers
    # NOT EXISTS (another supplier was late too)  <=> the order's late lines have 1 supplier
    late = t.lineitem.filter(col("l_receiptdate") > col("l_commitdate"))
    suppliers_per_order = t.lineitem.groupBy(col("l_orderkey").alias("all_orderkey")).agg(
        F.countDistinct("l_suppkey").alias("n_suppliers")
    )
    late_suppliers_per_order = late.groupBy(col("l_orderkey").alias("late_orderkey")).agg(
        F.countDistinct("l_suppkey").alias("n_late_suppliers")
    )
    saudi = t.nation.filter(col("n_name") == "SAUDI ARABIA")
    return (
        late.join(t.orders.filter(col("o_orderstatus") == "F"), col("o_orderkey") == col("l_orderkey"))
        .join(t.supplier, col("s_suppkey") == col("l_suppkey"))
        .join(saudi, col("s_nationkey") == col("n_nationkey"))
        .join(suppliers_per_order.filter(col("n_suppliers") > 1), col("l_orderkey") == col("all_orderkey"))
        .join(
            late_suppliers_per_order.filter(col("n_late_suppliers") == 1),
            col("l_orderkey") == col("late_orderkey"),
        )
        .groupBy("s_name")
        .agg(F.count(F.lit(1)).alias("numwait"))
        .orderBy(col("numwait").desc(), "s_name")
        .limit(100)
    )


def q22(t, p):
    codes = ["13", "31", "23", "29", "30", "18", "17"]
    candidates = t.customer.select(
        F.substring("c_phone", 1, 2).alias("cntrycode"), "c_acctbal", "c_custkey"
    ).filter(col("cntrycode").isin(*codes))
    average = candidates.filter(col("c_acctbal") > Decimal("0.00")).agg(F.avg("c_acctbal").alias("avg_bal"))
    return (
        candidates.join(t.orders, col("c_custkey") == col("o_custkey"), "left_anti")
        .crossJoin(average)
        .filter(col("c_acctbal") > col("avg_bal"))
        .groupBy("cntrycode")
        .agg(F.count(F.lit(1)).alias("numcust"), F.sum("c_acctbal").alias("totacctbal"))
        .orderBy("cntrycode")
    )


QUERIES = {i: globals()[f"q{i}"] for i in range(1, 23)}
