# Captures Spark's parser verdicts for TestSparkOracle: one input per line,
# output JSON [[input, "OK" | ParseException.getMessage()], ...].
# Usage: python spark_errors.py plan|expr|type|schema inputs.txt out.json
import sys, json
from pyspark.sql import SparkSession
spark = SparkSession.builder.master("local[1]").config("spark.ui.enabled","false").getOrCreate()
spark.sparkContext.setLogLevel("OFF")
p = spark._jsparkSession.sessionState().sqlParser()
mode = sys.argv[1]
out = []
for s in [l.rstrip("\n") for l in open(sys.argv[2]) if l.strip()]:
    try:
        if mode == "plan": p.parsePlan(s)
        elif mode == "expr": p.parseExpression(s)
        elif mode == "type": p.parseDataType(s)
        elif mode == "schema": p.parseTableSchema(s)
        out.append([s, "OK"])
    except Exception as e:
        je = getattr(e, "_origin", None) or getattr(e, "java_exception", None)
        msg = je.getMessage() if je is not None else str(e)
        out.append([s, msg])
json.dump(out, open(sys.argv[3], "w"), indent=0)
