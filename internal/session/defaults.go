package session

// commonDefaults are Spark 4 defaults for confs clients read; spark3Defaults
// override them for 3.5 clients.
var commonDefaults = map[string]string{
	"spark.sql.session.timeZone": "UTC",
	"spark.sql.ansi.enabled":     "true",
	"spark.sql.caseSensitive":    "false",
}

var spark3Defaults = map[string]string{
	"spark.sql.ansi.enabled": "false",
}
