"""spark.catalog function API (listFunctions, getFunction, functionExists)
over built-in and persistent user functions. User functions are created
with made-up class names: only their metadata is exercised."""

from harness import case


def _fn(f):
    return (f.name, f.catalog, f.namespace, f.description, f.className, f.isTemporary)


@case()
def get_function_builtin(spark):
    return [_fn(spark.catalog.getFunction("abs")),
            _fn(spark.catalog.getFunction("UPPER")),
            _fn(spark.catalog.getFunction("count"))]


@case()
def function_exists_builtin(spark):
    return [spark.catalog.functionExists("abs"), spark.catalog.functionExists("no_such_fn_x")]


@case()
def get_function_missing(spark, fx):
    return [fx.error(lambda: spark.catalog.getFunction("no_such_fn_x"))]


@case()
def list_functions_builtin_pattern(spark):
    return [sorted(_fn(f) for f in spark.catalog.listFunctions(pattern="upper|lower"))]


@case()
def get_function_persistent(spark):
    spark.sql("CREATE DATABASE IF NOT EXISTS it_catfn_a")
    try:
        spark.sql("CREATE FUNCTION it_catfn_a.my_func1 AS 'test.org.apache.spark.sql.MyDoubleAvg'")
        return [_fn(spark.catalog.getFunction("it_catfn_a.my_func1")),
                spark.catalog.functionExists("it_catfn_a.my_func1"),
                spark.catalog.functionExists("my_func1", "it_catfn_a"),
                spark.catalog.functionExists("my_func2", "it_catfn_a"),
                sorted(_fn(f) for f in spark.catalog.listFunctions("it_catfn_a", "my_*"))]
    finally:
        spark.sql("DROP DATABASE it_catfn_a CASCADE")


@case()
def get_function_doctest(spark):
    # pyspark.sql.catalog Catalog.getFunction's doctest, in the default database.
    spark.sql("CREATE FUNCTION my_func1 AS 'test.org.apache.spark.sql.MyDoubleAvg'")
    try:
        return [_fn(spark.catalog.getFunction("my_func1")),
                _fn(spark.catalog.getFunction("default.my_func1")),
                _fn(spark.catalog.getFunction("spark_catalog.default.my_func1"))]
    finally:
        spark.sql("DROP FUNCTION my_func1")


@case()
def call_persistent_function(spark, fx):
    spark.sql("CREATE DATABASE IF NOT EXISTS it_catfn_b")
    try:
        spark.sql("CREATE FUNCTION it_catfn_b.f AS 'org.example.ember.NoSuchClass'")
        return [fx.error(lambda: spark.sql("SELECT it_catfn_b.f(1)").collect()),
                fx.error(lambda: spark.catalog.getFunction("it_catfn_b.g"))]
    finally:
        spark.sql("DROP DATABASE it_catfn_b CASCADE")


@case()
def list_functions_order(spark):
    # Built-in and persistent functions in one listing, in Spark's order.
    spark.sql("CREATE DATABASE IF NOT EXISTS it_catfn_c")
    try:
        spark.sql("CREATE FUNCTION it_catfn_c.zz_fn AS 'org.example.ember.Z'")
        spark.sql("CREATE FUNCTION it_catfn_c.aa_fn AS 'org.example.ember.A'")
        return [[(f.name, f.namespace, f.isTemporary)
                 for f in spark.catalog.listFunctions("it_catfn_c", "zz_fn|aa_fn|abs|upper")],
                spark.sql("SHOW FUNCTIONS IN it_catfn_c LIKE 'zz_fn|aa_fn|abs|upper'").collect()]
    finally:
        spark.sql("DROP DATABASE it_catfn_c CASCADE")
