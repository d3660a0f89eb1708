package sparkerr

// xmlTemplates are the error classes of the XML data source, worded as
// Spark 4.2's error-conditions.json.
var xmlTemplates = map[string]template{
	"XML_ROW_TAG_MISSING":                                  {"<rowTag> option is required for reading/writing files in XML format.", "42KDF", AnalysisException},
	"FAILED_READ_FILE.NO_HINT":                             {"Encountered error while reading file <path>. ", "KD001", SparkException},
	"CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION": {"The codec <codecName> is not available. Available codecs are <availableCodecs>.", "56038", SparkIllegalArgument},
	"UNSUPPORTED_FEATURE.QUERY_ONLY_CORRUPT_RECORD_COLUMN": {"The feature is not supported: Queries from raw JSON/CSV/XML files are disallowed when the\nreferenced columns only include the internal corrupt record column\n(named `_corrupt_record` by default). For example:\n`spark.read.schema(schema).json(file).filter($\"_corrupt_record\".isNotNull).count()`\nand `spark.read.schema(schema).json(file).select(\"_corrupt_record\").show()`.\nInstead, you can cache or save the parsed results and then send the same query.\nFor example, `val df = spark.read.schema(schema).json(file).cache()` and then\n`df.filter($\"_corrupt_record\".isNotNull).count()`.", "0A000", AnalysisException},
	"TASK_WRITE_FAILED":                                    {"Task failed while writing rows to <path>.", "58030", SparkException},
}

func init() {
	for class, t := range xmlTemplates {
		if _, dup := templates[class]; !dup {
			templates[class] = t
		}
	}
}
