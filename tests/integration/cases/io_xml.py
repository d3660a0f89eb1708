"""Spark's XML data source (built in since Spark 4.0): spark.read.xml over files
and over a DataFrame of strings, df.write.xml with the bytes Spark writes, and
to_xml, which renders rows as the writer does. The 3.5 client has no .xml();
Spark 3.5 has no xml source at all."""

import gzip
import os

from pyspark.sql import functions as F

from harness import case


def _file(fx, name, text):
    path = os.path.join(fx.tmp, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def _texts(out):
    """The part files of a written directory: [suffix after the part name, text]."""
    res = []
    for name in sorted(os.listdir(out)):
        if not name.startswith("part-") or name.endswith(".crc"):
            continue
        with open(os.path.join(out, name), "rb") as f:
            data = f.read()
        if name.endswith(".gz"):
            data = gzip.decompress(data)
        res.append([name[name.index("c000"):], data.decode("utf-8")])
    return res


def _write(spark, fx, df, name, **opts):
    out = os.path.join(fx.tmp, name)
    w = df.coalesce(1).write
    for k, v in opts.items():
        w = w.option(k, v)
    w.xml(out)
    return _texts(out)


def _read(spark, path, schema=None, **opts):
    r = spark.read
    for k, v in opts.items():
        r = r.option(k, v)
    if schema is not None:
        r = r.schema(schema)
    return r.xml(path)


BOOKS = """<?xml version="1.0"?>
<catalog>
   <book id="bk101">
      <author>Gambardella, Matthew</author>
      <title>XML Developer's Guide</title>
      <price>44.95</price>
      <publish_date>2000-10-01</publish_date>
      <tags><tag>a</tag><tag>b</tag></tags>
   </book>
   <book id="bk102" lang="en">
      <author>Ralls, Kim</author>
      <title>Midnight Rain</title>
      <price>5</price>
      <publish_date>2000-12-16</publish_date>
      <tags><tag>c</tag></tags>
      <extra x="1">text</extra>
   </book>
   <section><book id="bk103"><author>  Corets  </author><price></price></book></section>
</catalog>
"""


# --- writing ----------------------------------------------------------------------------

@case(versions=("4",))
def write_xml_bytes(spark, fx):
    return {
        "basic": _write(spark, fx, spark.createDataFrame([{"age": 100, "name": "Hyukjin Kwon"}]), "a", rowTag="person"),
        "nulls_and_escapes": _write(spark, fx, spark.createDataFrame(
            [(1, "a<&>]]>b", None), (None, None, None), (3, "", " x ")], "i int, s string, t string"), "b", rowTag="ROW"),
        "nested": _write(spark, fx, spark.createDataFrame(
            [(1, (2, "x"), [1, 2], [(3, "y"), None], {"k": 1, "l": None}, [[1, 2], [3]], (None,))],
            "i int, st struct<a:int,b:string>, arr array<int>, sa array<struct<c:int,d:string>>, "
            "m map<string,int>, aa array<array<int>>, e struct<z:int>"), "c", rowTag="r"),
        "attributes": _write(spark, fx, spark.createDataFrame(
            [(1, "v", "t", (7, "in", 2.5)), (None, None, "u", None)],
            "_id int, _VALUE string, name string, st struct<_a:int,_VALUE:string,d:double>"), "d", rowTag="ROW"),
    }


@case(versions=("4",))
def write_xml_value_types(spark, fx):
    df = spark.sql("SELECT true b, CAST(1 AS TINYINT) t, 1.5F f, 1e20D d, CAST(1.25 AS DECIMAL(10,3)) dec, "
                   "DATE'2024-01-02' dt, TIMESTAMP'2024-01-02 03:04:05.123' ts, TIMESTAMP'2024-01-02 03:04:05' ts0, "
                   "TIMESTAMP_NTZ'2024-01-02 03:04:05' tn, X'01AB' bin, CAST('NaN' AS DOUBLE) nan, CAST('-0.0' AS DOUBLE) nz")
    return _write(spark, fx, df, "t", rowTag="ROW")


@case(versions=("4",))
def write_xml_options(spark, fx):
    df = spark.createDataFrame([(1, None, [[1], [2, 3]], "v")], "at_id int, s string, a array<array<int>>, x string")
    return {
        "root_and_declaration": _write(spark, fx, df, "a", rowTag="r", rootTag="root", declaration=""),
        "declaration": _write(spark, fx, df, "b", rowTag="r", declaration='version="1.1"'),
        "null_value": _write(spark, fx, df, "c", rowTag="r", nullValue="NULL"),
        "array_element_and_prefix": _write(spark, fx, df, "d", rowTag="r", arrayElementName="e", attributePrefix="at_"),
        "value_tag": _write(spark, fx, df, "e", rowTag="r", valueTag="x"),
        "gzip": _write(spark, fx, df, "f", rowTag="r", compression="gzip"),
        "unknown_option_ignored": _write(spark, fx, df, "g", rowTag="r", someOption="x"),
    }


@case(versions=("4",))
def write_xml_empty_dataframe(spark, fx):
    out = os.path.join(fx.tmp, "e")
    spark.createDataFrame([], "i int").write.option("rowTag", "r").xml(out)
    return [fx.files(out), _texts(out)]


@case(versions=("4",))
def write_xml_modes(spark, fx):
    out = os.path.join(fx.tmp, "m")
    df = spark.createDataFrame([(1,), (2,)], "i int")
    df.write.option("rowTag", "r").xml(out)
    err = fx.error(lambda: df.write.option("rowTag", "r").xml(out))
    df.write.mode("ignore").option("rowTag", "r").xml(out)
    after_ignore = _read(spark, out, rowTag="r").orderBy("i")
    obs = [err, after_ignore.collect()]
    spark.createDataFrame([(3,)], "i int").write.mode("append").option("rowTag", "r").xml(out)
    obs.append(_read(spark, out, rowTag="r").orderBy("i").collect())
    spark.createDataFrame([(9,)], "i int").write.mode("overwrite").format("xml").option("rowTag", "r").save(out)
    obs.append(_read(spark, out, rowTag="r").collect())
    return obs


@case(versions=("4",))
def write_xml_partition_by(spark, fx):
    out = os.path.join(fx.tmp, "p")
    spark.createDataFrame([(1, "x"), (2, "y"), (3, "x")], "i int, k string").coalesce(1) \
        .write.partitionBy("k").option("rowTag", "r").xml(out)
    back = _read(spark, out, rowTag="r")
    return [sorted(d for d in os.listdir(out) if not d.startswith(".")),
            _texts(os.path.join(out, "k=x")), back.schema, back.orderBy("i")]


@case(versions=("4",))
def write_xml_errors(spark, fx):
    df = spark.createDataFrame([(1,)], "i int")
    return [fx.error(lambda: df.write.xml(os.path.join(fx.tmp, "a"))),
            fx.error(lambda: df.write.format("xml").save(os.path.join(fx.tmp, "b"))),
            fx.error(lambda: df.write.option("rowTag", "r").option("compression", "zstd").xml(os.path.join(fx.tmp, "c")))]


@case(versions=("4",))
def write_xml_roundtrip(spark, fx):
    out = os.path.join(fx.tmp, "rt")
    src = spark.createDataFrame(
        [(1, "a", 1.5, [1, 2], (True, "n")), (2, None, None, [3], None)],
        "id long, s string, d double, arr array<long>, st struct<flag:boolean,name:string>")
    src.write.option("rowTag", "item").xml(out)
    back = _read(spark, out, rowTag="item")
    return [back.schema, back.orderBy("id")]


# --- to_xml, which renders as the writer ---------------------------------------------------

@case(versions=("4",))
def to_xml_writer_shapes(spark):
    df = spark.createDataFrame(
        [(1, "v", (7, None), [[1, 2], [3]], {"k": 1}, None),
         (None, None, None, None, None, None)],
        "_id int, _VALUE string, st struct<_a:int,b:string>, aa array<array<int>>, m map<string,int>, n int")
    return df.select(F.to_xml(F.struct(*df.columns)).alias("x"),
                     F.to_xml(F.struct("st"), {"rowTag": "q", "nullValue": "-"}).alias("y"))


# --- reading files ------------------------------------------------------------------------

@case(versions=("4",))
def read_xml_inference(spark, fx):
    df = _read(spark, _file(fx, "books.xml", BOOKS), rowTag="book")
    return [df.schema, df]


@case(versions=("4",))
def read_xml_options(spark, fx):
    p = _file(fx, "books.xml", BOOKS)
    out = {}
    for label, opts in [("no_infer", {"inferSchema": "false"}),
                        ("keep_spaces", {"ignoreSurroundingSpaces": "false"}),
                        ("prefix_and_value_tag", {"attributePrefix": "@", "valueTag": "#text"}),
                        ("exclude_attributes", {"excludeAttribute": "true"}),
                        ("sampling_ratio", {"samplingRatio": "0.5"})]:
        df = _read(spark, p, rowTag="book", **opts)
        out[label] = [df.schema, df.collect()]
    return out


@case(versions=("4",))
def read_xml_format_load_and_sql(spark, fx):
    p = _file(fx, "books.xml", BOOKS)
    df = spark.read.format("xml").option("rowTag", "book").load(p).select("_id", "price")
    return [df, fx.error(lambda: spark.read.format("xml").load(p).schema),
            fx.error(lambda: spark.sql(f"SELECT * FROM xml.`{p}`").schema)]


@case(versions=("4",))
def read_xml_value_inference(spark, fx):
    p = _file(fx, "types.xml", "<r><ROW><a>1</a><b>2147483648</b><c>1.5</c><d>true</d><e>2024-01-02</e>"
              "<f>2024-01-02T03:04:05</f><g>2024-01-02 03:04:05</g><h>abc</h><i>1e3</i>"
              "<j>99999999999999999999</j><k>NaN</k><l>-0</l><m>+5</m><n>1.0D</n><p>  </p></ROW>\n"
              "<ROW><a>x</a><c>2</c><e>2024-01-03T00:00:00</e></ROW></r>")
    df = _read(spark, p, rowTag="ROW")
    return [df.schema, df]


@case(versions=("4",))
def read_xml_structures(spark, fx):
    p = _file(fx, "s.xml", """<x xmlns:p="urn:p">
      <ROW a="1">5</ROW><ROW>6</ROW><ROW><v>7</v></ROW>
      <ROW><m>1</m><m>2</m><d x="1">t</d><d>u</d><b><c>1</c></b></ROW>
      <ROW><b>text</b><m>3</m><ROW><n>1</n></ROW></ROW>
      <p:ROW><v>8</v></p:ROW>
      <ROW><e>&lt;b&gt; &amp; &#65;</e><f><![CDATA[<z>]]></f><!-- c --></ROW>
    </x>""")
    df = _read(spark, p, rowTag="ROW")
    return [df.schema, df]


@case(versions=("4",))
def read_xml_null_value(spark, fx):
    p = _file(fx, "nv.xml", "<x><ROW><a>NA</a><b>1</b></ROW><ROW><a>2</a><b>NA</b></ROW></x>")
    return [_read(spark, p, rowTag="ROW", nullValue="NA"), _read(spark, p, rowTag="ROW")]


@case(versions=("4",))
def read_xml_directory(spark, fx):
    _file(fx, "dir/p1.xml", "<x><ROW><a>1</a></ROW></x>")
    _file(fx, "dir/p2.xml", "<x><ROW><b>s</b><a>2</a></ROW><ROW><a>3</a></ROW></x>")
    _file(fx, "dir/_ignored.xml", "<x><ROW><z>1</z></ROW></x>")
    df = _read(spark, os.path.join(fx.tmp, "dir"), rowTag="ROW")
    return [df.schema, df.orderBy("a")]


@case(versions=("4",))
def read_xml_empty_file(spark, fx):
    p = _file(fx, "empty.xml", "<x></x>")
    return [_read(spark, p, rowTag="ROW"), _read(spark, p, "a int", rowTag="ROW")]


@case(versions=("4",))
def read_xml_malformed_file(spark, fx):
    p = _file(fx, "bad.xml", "<rows><ROW><a>1</a></ROW><ROW><a>2</b></ROW><ROW><a>3</a></ROW></rows>")
    return {
        "permissive": _read(spark, p, rowTag="ROW"),
        "corrupt_column": _read(spark, p, rowTag="ROW", columnNameOfCorruptRecord="bad"),
        "dropmalformed": _read(spark, p, rowTag="ROW", mode="DROPMALFORMED"),
        "failfast": fx.error(lambda: _read(spark, p, rowTag="ROW", mode="FAILFAST").collect()),
        "schema_permissive": _read(spark, p, "a int, _corrupt_record string", rowTag="ROW"),
    }


@case(versions=("4",))
def read_xml_bad_values_with_schema(spark, fx):
    p = _file(fx, "bad2.xml", "<rows><ROW><a>1</a></ROW><ROW><a>x</a></ROW></rows>")
    return {
        "permissive": _read(spark, p, "a int, _corrupt_record string", rowTag="ROW"),
        "no_corrupt_column": _read(spark, p, "a int", rowTag="ROW"),
        "dropmalformed": _read(spark, p, "a int", rowTag="ROW", mode="DROPMALFORMED"),
        "failfast": fx.error(lambda: _read(spark, p, "a int", rowTag="ROW", mode="FAILFAST").collect()),
    }


@case(versions=("4",))
def read_xml_user_schema(spark, fx):
    p = _file(fx, "books.xml", BOOKS)
    return [_read(spark, p, "_id string, price double, author string, missing int", rowTag="book"),
            _read(spark, p, "price int, tags struct<tag: array<string>>, extra struct<_x: int, _VALUE: string>",
                  rowTag="book")]


@case(versions=("4",))
def read_xml_gzip_file(spark, fx):
    p = os.path.join(fx.tmp, "z.xml.gz")
    with open(p, "wb") as f:
        f.write(gzip.compress(b"<x><ROW><a>1</a></ROW><ROW><a>2</a></ROW></x>"))
    return _read(spark, p, rowTag="ROW")


# --- reading a DataFrame of strings (the Parse relation) -----------------------------------

def _strings(spark, rows):
    return spark.createDataFrame([(r,) for r in rows], "value string")


@case(versions=("4",))
def parse_xml_dataframe(spark):
    df = _strings(spark, ['<person><name>Alice</name><age>25</age></person>',
                          '<person><name>Bob</name><age>30</age></person>'])
    return spark.read.option("rowTag", "person").xml(df).sort("name")


@case(versions=("4",))
def parse_xml_dataframe_records(spark):
    return {
        "any_root": spark.read.xml(_strings(spark, ['<person><name>Alice</name></person>',
                                                    '<x><p><name>B</name></p></x>']), rowTag="p"),
        "attributes": spark.read.xml(_strings(spark, ['<p id="1" k="v"><a>1</a></p>', '<p>7</p>'])),
        "malformed": spark.read.xml(_strings(spark, ['<p><a>1</a></p>', '<p><a>2</b></p>', None, '', '  ']),
                                    rowTag="p"),
        "dropmalformed": spark.read.xml(_strings(spark, ['<p><a>1</a></p>', '<p><a>2</b></p>']), mode="DROPMALFORMED"),
    }


@case(versions=("4",))
def parse_xml_dataframe_modes(spark, fx):
    bad = _strings(spark, ['<p><a>1</a></p>', '<p><a>x</a></p>'])
    return {
        "failfast_inference": fx.error(lambda: spark.read.xml(
            _strings(spark, ['<p><a>1</a></p>', '<p><a>2</b></p>']), mode="FAILFAST").collect()),
        "schema_permissive": spark.read.xml(bad, schema="a int, _corrupt_record string"),
        "schema_dropmalformed": spark.read.xml(bad, schema="a int", mode="DROPMALFORMED"),
        "schema_failfast": fx.error(lambda: spark.read.xml(bad, schema="a int", mode="FAILFAST").collect()),
    }


# --- Spark 3.5 has no XML source --------------------------------------------------------------

@case(versions=("3.5",))
def xml_source_missing_35(spark, fx):
    p = _file(fx, "a.xml", "<x><ROW><a>1</a></ROW></x>")
    return [fx.error(lambda: spark.read.format("xml").option("rowTag", "ROW").load(p).collect()),
            fx.error(lambda: spark.range(1).write.format("xml").option("rowTag", "r")
                     .save(os.path.join(fx.tmp, "o")))]


# --- the XML functions share the source's options and rules ------------------------------

@case(versions=("4",))
def xml_functions_options(spark):
    return spark.sql("""SELECT
      schema_of_xml('<p><a>1.0D</a><b>NaN</b><c>1</c><c>x</c><d x="1">t</d><d>u</d><e>2020-01-01</e>'
                    '<e>2020-01-01T00:00:00</e><f>1</f><f>1.5</f></p>') merged,
      schema_of_xml('<p><a>NA</a></p>', map('nullValue', 'NA')) null_value,
      schema_of_xml('<p><a>1</b></p>') malformed,
      from_xml('<p x="1"><a> 5 </a><b>t</b></p>', '`@x` int, a string, b string',
               map('attributePrefix', '@', 'ignoreSurroundingSpaces', 'false')) prefix_spaces,
      from_xml('<p><a>NA</a><b>2</b></p>', 'a int, b int', map('nullValue', 'NA')) null_value_parsed,
      from_xml('<p><b>2</b><a>x</a></p>', 'a int, b int') bad_value_last,
      from_xml('<p><a>x</a><b>2</b></p>', 'a int, b int') bad_value_first,
      from_xml('<p>5</p>', '_VALUE int') value_only,
      from_xml('<p><a><b>1</b></a></p>', 'a string') markup_as_string,
      to_xml(named_struct('a', CAST(NULL AS INT), 'b', 1), map('nullValue', '-', 'rowTag', 'r')) to_null_value,
      to_xml(named_struct('a', array(named_struct('x', 1)), '_y', 2)) to_attribute""")


@case(versions=("4",))
def read_xml_declared_encoding_and_corrupt_only(spark, fx):
    latin = os.path.join(fx.tmp, "latin.xml")
    with open(latin, "wb") as f:
        f.write('<?xml version="1.0" encoding="ISO-8859-1"?><a><ROW><x>1</x><y>caf\u00e9</y></ROW></a>'.encode("utf-8"))
    bom = os.path.join(fx.tmp, "bom.xml")
    with open(bom, "wb") as f:
        f.write(b"\xef\xbb\xbf<a><ROW><x>1</x></ROW></a>")
    dtd = _file(fx, "dtd.xml", '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "v">]><a><ROW><x>&e;</x></ROW></a>')
    only_corrupt = _read(spark, dtd, rowTag="ROW")
    return [_read(spark, latin, rowTag="ROW"), _read(spark, bom, rowTag="ROW"),
            only_corrupt.schema, fx.error(lambda: only_corrupt.collect())]


@case(versions=("4",))
def xml_datetime_formats(spark, fx):
    p = _file(fx, "dt.xml", "<r><ROW><a>2024-01-02 03:04:05</a><b>02/01/2024</b><c>2024-01-02</c>"
              "<d>2024-01-02T03:04:05</d></ROW><ROW><a>2024-13-02 03:04:05</a><b>31/12/2023</b></ROW></r>")
    out = {}
    for label, opts in [("timestamp_format", {"timestampFormat": "yyyy-MM-dd HH:mm:ss"}),
                        ("date_format", {"dateFormat": "dd/MM/yyyy"}),
                        ("both", {"timestampFormat": "yyyy-MM-dd HH:mm:ss", "dateFormat": "dd/MM/yyyy"})]:
        df = _read(spark, p, rowTag="ROW", **opts)
        out[label] = [df.schema, df.collect()]
    out["schema_bad_value"] = _read(spark, p, "a timestamp, b string, _corrupt_record string", rowTag="ROW",
                                    timestampFormat="yyyy-MM-dd HH:mm:ss")
    out["write"] = _write(spark, fx, spark.sql("SELECT TIMESTAMP'2024-01-02 03:04:05.678' ts, DATE'2024-01-02' dt"),
                          "w", rowTag="r", timestampFormat="dd.MM.yyyy HH:mm", dateFormat="yyyy/MM/dd")
    out["functions"] = spark.sql("""SELECT from_xml('<p><t>02.01.2024 10:30</t></p>', 't timestamp',
                                        map('timestampFormat', 'dd.MM.yyyy HH:mm')) f,
                                      schema_of_xml('<p><t>02.01.2024 10:30</t></p>',
                                        map('timestampFormat', 'dd.MM.yyyy HH:mm')) s,
                                      to_xml(named_struct('d', DATE'2024-01-02'), map('dateFormat', 'dd/MM/yyyy')) x""")
    return out
