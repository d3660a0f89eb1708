"""spark.read.json / spark.read.csv over a DataFrame of strings (the Connect
Parse relation, new in the 4.x client): schema inference over the records,
an explicit schema, malformed records in each mode, CSV header and
inferSchema."""

from harness import case


def _strings(spark, rows):
    return spark.createDataFrame([(r,) for r in rows], "value string")


@case(versions=("4",))
def json_infer_mixed_records(spark):
    df = _strings(spark, ['{"b": "x", "a": 1}', '{"a": 2.5, "c": true}', '{"a": 3, "d": null}',
                          '{"e": [1, 2], "f": {"y": "s", "x": 1}}', '{"e": [3.5], "f": {"x": 2, "z": [true]}}'])
    return spark.read.json(df)


@case(versions=("4",))
def json_infer_conflicting_types(spark):
    df = _strings(spark, ['{"a": 1, "b": [1]}', '{"a": "one", "b": {"x": 1}}',
                          '{"a": 12345678901234567890, "b": null}'])
    return spark.read.json(df)


@case(versions=("4",))
def json_null_and_blank_records(spark):
    df = _strings(spark, ['{"a": 1}', None, '', '   ', '{"a": null}', '{}'])
    return spark.read.json(df)


@case(versions=("4",))
def json_doctest_example(spark):
    json_df = spark.createDataFrame([('{"name": "Alice", "age": 30}',), ('{"name": "Bob", "age": 25}',)], ["value"])
    return spark.read.json(json_df)


@case(versions=("4",))
def json_with_ddl_schema(spark):
    df = _strings(spark, ['{"a": 1, "b": "x", "c": 9}', '{"a": 2}', '{"b": "y", "n": {"p": 1.5}}'])
    return spark.read.json(df, schema="a int, b string, n struct<p: double>")


@case(versions=("4",))
def json_malformed_permissive(spark):
    df = _strings(spark, ['{"a": 1}', '{bad', '42', '"text"', '{"a": 2, "b": "x"}'])
    return spark.read.json(df)


@case(versions=("4",))
def json_malformed_permissive_renamed_column(spark):
    df = _strings(spark, ['{"a": 1}', '{bad'])
    return spark.read.json(df, columnNameOfCorruptRecord="bad_rec")


@case(versions=("4",))
def json_malformed_schema_with_corrupt_column(spark):
    df = _strings(spark, ['{"a": 1}', '{bad', '{"a": 3}'])
    return spark.read.json(df, schema="a long, _corrupt_record string")


@case(versions=("4",))
def json_malformed_dropmalformed(spark):
    df = _strings(spark, ['{"a": 1}', '{bad', '42', '{"a": 2, "b": "x"}'])
    return spark.read.json(df, mode="DROPMALFORMED")


@case(versions=("4",))
def json_malformed_failfast(spark):
    df = _strings(spark, ['{"a": 1}', '{bad'])
    return [lambda: spark.read.json(df, mode="FAILFAST").collect()]


@case(versions=("4",))
def json_single_quotes(spark):
    df = _strings(spark, ["{'a': 1, 'b': 'q'}", '{"a": 2}'])
    return spark.read.json(df)


@case(versions=("4",))
def csv_no_header(spark):
    df = _strings(spark, ["name,age,score", "Alice,30,1.5", "Bob,,2", ""])
    return spark.read.csv(df)


@case(versions=("4",))
def csv_header(spark):
    df = _strings(spark, ["name,age,score", "Alice,30,1.5", "Bob,,2", "name,age,score"])
    return spark.read.csv(df, header=True)


@case(versions=("4",))
def csv_header_infer_schema(spark):
    df = _strings(spark, ["name,age,score,big,flag", "Alice,30,1.5,1,true",
                          "Bob,,2,12345678901,false", "Carol,7,x,3,TRUE"])
    return spark.read.csv(df, header=True, inferSchema=True)


@case(versions=("4",))
def csv_infer_schema_no_header(spark):
    df = _strings(spark, ["1,a,2.5", "2,b,3"])
    return spark.read.csv(df, inferSchema=True)


@case(versions=("4",))
def csv_with_schema(spark):
    df = _strings(spark, ["Alice,30,1.5", "Bob,x,2", "Carol"])
    return spark.read.csv(df, schema="name string, age int, score double")


@case(versions=("4",))
def csv_sep_and_quote(spark):
    df = _strings(spark, ['a;b', '"x;y";1', 'z;"2"'])
    return spark.read.csv(df, sep=";", header=True)
