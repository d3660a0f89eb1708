package sparkerr

// streamTemplates are the error classes raised for streaming DataFrames,
// worded as Spark 4.2's error-conditions.json.
var streamTemplates = map[string]template{
	"CALL_ON_STREAMING_DATASET_UNSUPPORTED": {"The method <methodName> can not be called on streaming Dataset/DataFrame.", "42KDE", AnalysisException},
}

func init() {
	for class, t := range streamTemplates {
		if _, dup := templates[class]; !dup {
			templates[class] = t
		}
	}
}
