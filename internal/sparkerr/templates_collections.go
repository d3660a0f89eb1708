package sparkerr

// collectionTemplates are the error classes of the array and map functions
// (map building, array_insert, sequence, array_sort), worded as Spark 4.2
// prints them. Classes starting _LEGACY_ERROR_EMBER_ stand for errors Spark
// raises without a class; their text is printed alone, as Spark does.
var collectionTemplates = map[string]template{
	"DUPLICATED_MAP_KEY":                      {"Duplicate map key <key> was found, please check the input data.\nIf you want to remove the duplicated keys, you can set <mapKeyDedupPolicy> to \"LAST_WIN\" so that the key inserted at last takes precedence.", "23505", RuntimeException},
	"NULL_MAP_KEY":                            {"Cannot use null as map key.", "2200E", RuntimeException},
	"_LEGACY_ERROR_TEMP_2128":                 {"The key array and value array of MapData must have the same length.", "", RuntimeException},
	"_LEGACY_ERROR_EMBER_SEQUENCE_BOUNDARIES": {"requirement failed: Illegal sequence boundaries: <start> to <stop> by <step>", "", IllegalArgument},
	"COMPARATOR_RETURNS_NULL":                 {"The comparator has returned a NULL for a comparison between <firstValue> and <secondValue>.\nIt should return a positive integer for \"greater than\", 0 for \"equal\" and a negative integer for \"less than\".\nTo revert to deprecated behavior where NULL is treated as 0 (equal), you must set \"spark.sql.legacy.allowNullComparisonResultInArraySort\" to \"true\".", "22004", RuntimeException},
}

func init() {
	for class, t := range collectionTemplates {
		if _, dup := templates[class]; !dup {
			templates[class] = t
		}
	}
}
