package sparkerr

// observeTemplates are the error classes of DataFrame.observe and
// checkpoint, worded as Spark 4.2's error-conditions.json.
var observeTemplates = map[string]template{
	"INVALID_OBSERVED_METRICS.AGGREGATE_EXPRESSION_WITH_DISTINCT_UNSUPPORTED": {"Invalid observed metrics. Aggregate expressions with DISTINCT are not allowed in observed metrics, but found: <expr>.", "42K0E", AnalysisException},
	"INVALID_OBSERVED_METRICS.AGGREGATE_EXPRESSION_WITH_FILTER_UNSUPPORTED":   {"Invalid observed metrics. Aggregate expression with FILTER predicate are not allowed in observed metrics, but found: <expr>.", "42K0E", AnalysisException},
	"INVALID_OBSERVED_METRICS.MISSING_NAME":                                   {"Invalid observed metrics. The observed metrics should be named: <operator>.", "42K0E", AnalysisException},
	"INVALID_OBSERVED_METRICS.NESTED_AGGREGATES_UNSUPPORTED":                  {"Invalid observed metrics. Nested aggregates are not allowed in observed metrics, but found: <expr>.", "42K0E", AnalysisException},
	"INVALID_OBSERVED_METRICS.NON_AGGREGATE_FUNC_ARG_IS_ATTRIBUTE":            {"Invalid observed metrics. Attribute <expr> can only be used as an argument to an aggregate function.", "42K0E", AnalysisException},
	"INVALID_OBSERVED_METRICS.NON_AGGREGATE_FUNC_ARG_IS_NON_DETERMINISTIC":    {"Invalid observed metrics. Non-deterministic expression <expr> can only be used as an argument to an aggregate function.", "42K0E", AnalysisException},
	"INVALID_OBSERVED_METRICS.WINDOW_EXPRESSIONS_UNSUPPORTED":                 {"Invalid observed metrics. Window expressions are not allowed in observed metrics, but found: <expr>.", "42K0E", AnalysisException},
	"DUPLICATED_METRICS_NAME":                                                 {"The metric name is not unique: <metricName>. The same name cannot be used for metrics with different results.\nHowever multiple instances of metrics with with same result and name are allowed (e.g. self-joins).", "42710", AnalysisException},
	"_LEGACY_ERROR_TEMP_3016":                                                 {"Checkpoint directory has not been set in the SparkContext", "", SparkException},
}

func init() {
	for class, t := range observeTemplates {
		if _, dup := templates[class]; !dup {
			templates[class] = t
		}
	}
}
