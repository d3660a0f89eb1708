package sparkerr

// datetimeTemplates are the error classes of the date/time functions
// (make_date, make_timestamp, unix_timestamp, next_day, ...), worded as
// Spark 4.2's error-conditions.json.
var datetimeTemplates = map[string]template{
	"DATETIME_FIELD_OUT_OF_BOUNDS.WITH_SUGGESTION":                     {"<rangeMessage>. If necessary set <ansiConfig> to \"false\" to bypass this error.", "22023", DateTimeException},
	"CANNOT_PARSE_TIMESTAMP":                                           {"<message>. Use <func> to tolerate invalid input string and return NULL instead.", "22007", DateTimeException},
	"INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION": {"You may get a different result due to the upgrading to Spark >= 3.0:\nFail to recognize <pattern> pattern in the DateTimeFormatter.\n1) You can set <config> to \"LEGACY\" to restore the behavior before Spark 3.0.\n2) You can form a valid datetime pattern with the guide from '<docroot>/sql-ref-datetime-pattern.html'.", "42K0B", UpgradeException},
	"INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_WEEK_BASED_PATTERN":  {"You may get a different result due to the upgrading to Spark >= 3.0:\nAll week-based patterns are unsupported since Spark 3.0, detected week-based character: <c>.\nPlease use the SQL function EXTRACT instead.", "42K0B", SparkIllegalArgument},
	"INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER":                       {"Unrecognized datetime pattern: <pattern>. Illegal pattern character found in datetime pattern: <c>. Please provide legal character.", "22007", SparkIllegalArgument},
	"INVALID_DATETIME_PATTERN.LENGTH":                                  {"Unrecognized datetime pattern: <pattern>. Too many letters in datetime pattern: <pattern>. Please reduce pattern length.", "22007", SparkIllegalArgument},
	"INVALID_DATETIME_PATTERN.WITH_SUGGESTION":                         {"Unrecognized datetime pattern: <pattern>. You can form a valid datetime pattern with the guide from '<docroot>/sql-ref-datetime-pattern.html'.", "22007", RuntimeException},
	"INVALID_TIMEZONE":                                                 {"The timezone: <timeZone> is invalid. The timezone must be either a region-based zone ID or a zone offset. Region IDs must have the form 'area/city', such as 'America/Los_Angeles'. Zone offsets must be in the format '(+|-)HH', '(+|-)HH:mm’ or '(+|-)HH:mm:ss', e.g '-08' , '+01:00' or '-13:33:33', and must be in the range from -18:00 to +18:00. 'Z' and 'UTC' are accepted as synonyms for '+00:00'.", "22009", DateTimeException},
	"INVALID_INTERVAL_WITH_MICROSECONDS_ADDITION":                      {"Cannot add an interval to a date because its microseconds part is not 0. To resolve this, cast the input date to a timestamp, which supports the addition of intervals with non-zero microseconds.", "22006", SparkIllegalArgument},
	"ILLEGAL_DAY_OF_WEEK":                                              {"Illegal input for day of week: <string>.", "22009", SparkIllegalArgument},
}

func init() {
	for class, t := range datetimeTemplates {
		if _, dup := templates[class]; !dup {
			templates[class] = t
		}
	}
}
