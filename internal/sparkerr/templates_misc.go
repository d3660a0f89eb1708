package sparkerr

// miscTemplates are the error classes of miscellaneous functions
// (raise_error, assert_true), worded as Spark 4.2's error-conditions.json.
var miscTemplates = map[string]template{
	"USER_RAISED_EXCEPTION": {"<errorMessage>", "P0001", RuntimeException},
}

func init() {
	for class, t := range miscTemplates {
		if _, dup := templates[class]; !dup {
			templates[class] = t
		}
	}
}
