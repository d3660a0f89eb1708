package sparkerr

// xmlTemplates are the error classes of the XML data source, worded as
// Spark 4.2's error-conditions.json.
var xmlTemplates = map[string]template{
	"XML_ROW_TAG_MISSING":                                  {"<rowTag> option is required for reading/writing files in XML format.", "42KDF", AnalysisException},
	"FAILED_READ_FILE.NO_HINT":                             {"Encountered error while reading file <path>. ", "KD001", SparkException},
	"CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION": {"The codec <codecName> is not available. Available codecs are <availableCodecs>.", "56038", SparkIllegalArgument},
	"TASK_WRITE_FAILED":                                    {"Task failed while writing rows to <path>.", "58030", SparkException},
}

func init() {
	for class, t := range xmlTemplates {
		if _, dup := templates[class]; !dup {
			templates[class] = t
		}
	}
}
