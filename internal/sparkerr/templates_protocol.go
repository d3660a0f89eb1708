package sparkerr

// protocolTemplates are the error classes raised by the Spark Connect
// protocol layer (sessions, operations, reattach cursors, config,
// artifacts). They live in their own file so that protocol work does not
// collide with edits to the main template table.
var protocolTemplates = map[string]template{
	"OPERATION_CANCELED":                                              {"Operation has been canceled.", "HY008", SparkSQLException},
	"INVALID_HANDLE.OPERATION_ABANDONED":                              {"The handle <handle> is invalid. Operation was considered abandoned because of inactivity and removed.", "HY000", SparkSQLException},
	"INVALID_CURSOR.POSITION_NOT_FOUND":                               {"The cursor is invalid. The cursor position id <responseId> is not found.", "HY109", SparkSQLException},
	"INVALID_CURSOR.NOT_REATTACHABLE":                                 {"The cursor is invalid. The cursor is not reattachable.", "HY109", SparkSQLException},
	"CANNOT_MODIFY_STATIC_CONFIG":                                     {"Cannot modify the value of the static Spark config: <key>.", "46110", AnalysisException},
	"INVALID_CONF_VALUE.TYPE_MISMATCH":                                {"The value '<confValue>' in the config \"<confName>\" is invalid. It should be a/an '<confType>' value.", "22022", SparkIllegalArgument},
	"INVALID_CONF_VALUE.TIME_ZONE":                                    {"The value '<confValue>' in the config \"<confName>\" is invalid. Cannot resolve the given timezone.", "22022", SparkIllegalArgument},
	"INVALID_CONF_VALUE.OUT_OF_RANGE_OF_OPTIONS":                      {"The value '<confValue>' in the config \"<confName>\" is invalid. It should be one of '<confOptions>'.", "22022", SparkIllegalArgument},
	"INVALID_ARTIFACT_PATH":                                           {"Artifact with name <name> is invalid. The name must be a relative path and cannot reference parent/sibling/nephew directories.", "22023", RuntimeException},
	"ARTIFACT_ALREADY_EXISTS":                                         {"The artifact <normalizedRemoteRelativePath> already exists. Please choose a different name for the new artifact because it cannot be overwritten.", "42713", RuntimeException},
	"INVALID_PARAMETER_VALUE.INTERRUPT_TYPE_TAG_REQUIRES_TAG":         {"The value of parameter(s) <parameter> in <functionName> is invalid: interrupt type TAG requires an operation tag.", "22023", SparkSQLException},
	"INVALID_PARAMETER_VALUE.INTERRUPT_TYPE_OPERATION_ID_REQUIRES_ID": {"The value of parameter(s) <parameter> in <functionName> is invalid: interrupt type OPERATION_ID requires an operation id.", "22023", SparkSQLException},
	"UNSUPPORTED_FEATURE.INTERRUPT_TYPE":                              {"The feature is not supported: Unsupported interrupt type: <interruptType>.", "0A000", SparkSQLException},
}

func init() {
	for class, t := range protocolTemplates {
		templates[class] = t
	}
}
