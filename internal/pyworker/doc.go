// Package pyworker runs the client's Python functions (Python UDFs,
// pandas and Arrow UDFs, mapInPandas, applyInPandas and friends) in Python
// worker processes, as Spark's executors do.
//
// A worker is the user's Python interpreter (the one with the client's
// pyspark package: serve --python, else $PYSPARK_PYTHON, else python3)
// running worker.py, which this package embeds. Ember sends it one task
// at a time over a pipe: the eval type, the pickled functions as the
// client sent them, the argument offsets, and then the input rows as Arrow
// IPC streams in the framing pyspark's serializer for that eval type
// expects. The worker answers with one Arrow IPC stream of results, or
// with the Python traceback of a failure. pyspark's own wrappers do the
// type checks and the pandas and Arrow conversions, so user functions
// behave as they do on Spark.
//
// Workers that finish a task cleanly are kept for the next one; a worker
// whose task failed or was cancelled is killed.
package pyworker
