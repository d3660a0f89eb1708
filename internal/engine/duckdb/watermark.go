package duckdb

import "github.com/emberdb/ember/internal/sparkerr"

// errDedupWithinWatermarkBatch is what Spark raises when a batch query
// containing dropDuplicatesWithinWatermark is executed: the plan analyzes
// (its schema is known) but the batch planner refuses it.
func errDedupWithinWatermarkBatch() *sparkerr.Error {
	const msg = "dropDuplicatesWithinWatermark is not supported with batch DataFrames/DataSets"
	return &sparkerr.Error{Class: "_LEGACY_ERROR_TEMP_3102", JavaClass: sparkerr.AnalysisException,
		Params: map[string]string{"msg": msg}, Text: msg + ";"}
}

// errStreamingBatch is Spark's refusal to run a plan that reads a
// streaming source as a batch query (collect, count, show, ...).
func errStreamingBatch(source string) *sparkerr.Error {
	const msg = "Queries with streaming sources must be executed with writeStream.start(), or from a streaming table or flow definition within a Spark Declarative Pipeline."
	return &sparkerr.Error{Class: "_LEGACY_ERROR_TEMP_3102", JavaClass: sparkerr.AnalysisException,
		Params: map[string]string{"msg": msg}, Text: msg + ";\n" + source}
}
