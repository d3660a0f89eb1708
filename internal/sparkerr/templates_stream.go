package sparkerr

// streamTemplates are the error classes raised for streaming DataFrames,
// worded as Spark 4.2's error-conditions.json.
var streamTemplates = map[string]template{
	"CALL_ON_STREAMING_DATASET_UNSUPPORTED":       {"The method <methodName> can not be called on streaming Dataset/DataFrame.", "42KDE", AnalysisException},
	"STREAMING_OUTPUT_MODE.INVALID":               {"Invalid streaming output mode: <outputMode>. Accepted output modes are 'Append', 'Complete', 'Update'.", "42KDE", IllegalArgument},
	"STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION": {"Invalid streaming output mode: <outputMode>. This output mode is not supported for <operation> on streaming DataFrames/DataSets.", "42KDE", AnalysisException},
	"STREAM_FAILED": {"Query [id = <id>, runId = <runId>] terminated with exception: <message>", "XXKST", "org.apache.spark.sql.streaming.StreamingQueryException"},
	// nearest-by joins
	"NEAREST_BY_JOIN.NUM_RESULTS_OUT_OF_RANGE": {"Invalid nearest-by join. The number of results <numResults> must be between <min> and <max>. Update the literal in `APPROX NEAREST <numResults> BY ...` (or `EXACT NEAREST <numResults> BY ...`) to fall within that range.", "", AnalysisException},
	"NEAREST_BY_JOIN.UNSUPPORTED_MODE":         {"Invalid nearest-by join. Unsupported nearest-by join mode <mode>. Supported modes include: <supported>.", "", AnalysisException},
	"NEAREST_BY_JOIN.UNSUPPORTED_DIRECTION":    {"Invalid nearest-by join. Unsupported nearest-by join direction <direction>. Supported nearest-by join directions include: <supported>.", "", AnalysisException},
	"NEAREST_BY_JOIN.UNSUPPORTED_JOIN_TYPE":    {"Invalid nearest-by join. Unsupported nearest-by join type <joinType>. Supported types: <supported>.", "", AnalysisException},
}

func init() {
	for class, t := range streamTemplates {
		if _, dup := templates[class]; !dup {
			templates[class] = t
		}
	}
}
