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
