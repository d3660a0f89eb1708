package sparkerr

// datetimeTemplates are the error classes of the date/time functions
// (make_date, make_timestamp, unix_timestamp, next_day, ...), worded as
// Spark 4.2's error-conditions.json.
var datetimeTemplates = map[string]template{
	"DATETIME_FIELD_OUT_OF_BOUNDS.WITH_SUGGESTION": {"<rangeMessage>. If necessary set <ansiConfig> to \"false\" to bypass this error.", "22023", DateTimeException},
	"CANNOT_PARSE_TIMESTAMP":                       {"<message>. Use <func> to tolerate invalid input string and return NULL instead.", "22007", DateTimeException},
	"ILLEGAL_DAY_OF_WEEK":                          {"Illegal input for day of week: <string>.", "22009", SparkIllegalArgument},
}

func init() {
	for class, t := range datetimeTemplates {
		if _, dup := templates[class]; !dup {
			templates[class] = t
		}
	}
}
