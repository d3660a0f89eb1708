package session

import (
	"github.com/emberdb/ember/internal/tz"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	// Zone names are validated against Go's embedded database so that the
	// answer does not depend on the host's tzdata.
	_ "time/tzdata"

	"github.com/emberdb/ember/internal/sparkerr"
)

// commonDefaults are the values Spark 4.x reports for confs that clients
// (PySpark 4.x and 3.5, pandas-on-Spark) and Ember itself read. They were
// checked against a real Spark 4.2.0 Connect server (Config get_option) and
// a Spark 3.5.9 session; spark3Defaults holds the 3.5 values that differ.
//
// A key missing here makes Config.Get fail with SQL_CONF_NOT_FOUND, so every
// conf a client parses must be listed (PySpark int()s several of them).
var commonDefaults = map[string]string{
	// Session basics.
	"spark.app.name":                           "Ember",
	"spark.sql.session.timeZone":               LocalTimeZone(),
	"spark.sql.ansi.enabled":                   "true",
	"spark.sql.ansi.doubleQuotedIdentifiers":   "false",
	"spark.sql.ansi.enforceReservedKeywords":   "false",
	"spark.sql.caseSensitive":                  "false",
	"spark.sql.timestampType":                  "TIMESTAMP_LTZ",
	"spark.sql.timeType.enabled":               "false",
	"spark.sql.shuffle.partitions":             "200",
	"spark.sql.catalogImplementation":          "in-memory",
	"spark.sql.defaultCatalog":                 "spark_catalog",
	"spark.sql.globalTempDatabase":             "global_temp",
	"spark.sql.sources.default":                "parquet",
	"spark.sql.sources.partitionOverwriteMode": "STATIC",
	"spark.sql.crossJoin.enabled":              "true",
	"spark.sql.pivotMaxValues":                 "10000",
	"spark.sql.mapKeyDedupPolicy":              "EXCEPTION",
	"spark.sql.storeAssignmentPolicy":          "ANSI",
	"spark.sql.datetime.java8API.enabled":      "false",
	"spark.sql.stackTracesInDataFrameContext":  "1",
	"spark.sql.repl.eagerEval.enabled":         "false",
	"spark.sql.repl.eagerEval.maxNumRows":      "20",
	"spark.sql.repl.eagerEval.truncate":        "20",

	// Legacy switches the analyzer and PySpark consult.
	"spark.sql.legacy.timeParserPolicy":                               "CORRECTED",
	"spark.sql.legacy.allowNegativeScaleOfDecimal":                    "false",
	"spark.sql.legacy.keepCommandOutputSchema":                        "false",
	"spark.sql.legacy.setCommandRejectsSparkCoreConfs":                "true",
	"spark.sql.legacy.execution.pythonUDF.pandas.conversion.enabled":  "false",
	"spark.sql.legacy.execution.pythonUDTF.pandas.conversion.enabled": "false",

	// Local relations (createDataFrame). Spark 4.2's cache threshold is
	// 1 MiB; Ember keeps 3.5's 64 MiB so that ordinary createDataFrame calls
	// travel inline instead of as cached artifacts.
	"spark.sql.session.localRelationCacheThreshold":         "67108864",
	"spark.sql.session.localRelationSizeLimit":              "3221225472",
	"spark.sql.session.localRelationChunkSizeRows":          "10000",
	"spark.sql.session.localRelationChunkSizeBytes":         "16777216",
	"spark.sql.session.localRelationBatchOfChunksSizeBytes": "1073741824",

	// Spark Connect. A plan compression threshold of -1 keeps 4.1+ clients
	// from sending zstd-compressed plans.
	"spark.connect.session.planCompression.threshold":        "-1",
	"spark.connect.session.planCompression.defaultAlgorithm": "NONE",
	"spark.sql.connect.serverStacktrace.enabled":             "true",
	"spark.sql.connect.enrichError.enabled":                  "true",
	"spark.sql.pyspark.jvmStacktrace.enabled":                "false",

	// Arrow.
	"spark.sql.execution.arrow.enabled":                         "true",
	"spark.sql.execution.arrow.fallback.enabled":                "true",
	"spark.sql.execution.arrow.pyspark.enabled":                 "true",
	"spark.sql.execution.arrow.pyspark.fallback.enabled":        "true",
	"spark.sql.execution.arrow.pyspark.selfDestruct.enabled":    "false",
	"spark.sql.execution.arrow.pyspark.validateSchema.enabled":  "false",
	"spark.sql.execution.arrow.maxRecordsPerBatch":              "10000",
	"spark.sql.execution.arrow.maxRecordsPerOutputBatch":        "-1",
	"spark.sql.execution.arrow.maxBytesPerBatch":                "67108864b",
	"spark.sql.execution.arrow.localRelationThreshold":          "50331648b",
	"spark.sql.execution.arrow.useLargeVarTypes":                "false",
	"spark.sql.execution.arrow.compression.codec":               "none",
	"spark.sql.execution.arrow.compression.zstd.level":          "3",
	"spark.sql.execution.arrow.pythonUDF.columnarInput.enabled": "true",

	// pandas / Python UDFs.
	"spark.sql.execution.pandas.structHandlingMode":                    "legacy",
	"spark.sql.execution.pandas.convertToArrowArraySafely":             "true",
	"spark.sql.execution.pandas.inferPandasDictAsMap":                  "false",
	"spark.sql.execution.pandas.udf.buffer.size":                       "65536",
	"spark.sql.execution.pythonUDF.arrow.enabled":                      "true",
	"spark.sql.execution.pythonUDTF.arrow.enabled":                     "true",
	"spark.sql.execution.pythonUDF.arrow.legacy.fallbackOnUDT":         "false",
	"spark.sql.execution.pythonUDF.pandas.intToDecimalCoercionEnabled": "false",
	"spark.sql.execution.pyspark.binaryAsBytes":                        "true",
	"spark.sql.execution.pyspark.udf.simplifiedTraceback.enabled":      "true",
	"spark.sql.execution.pyspark.udf.hideTraceback.enabled":            "false",
	"spark.sql.pyspark.inferNestedDictAsStruct.enabled":                "false",
	"spark.sql.pyspark.legacy.inferArrayTypeFromFirstElement.enabled":  "false",
	"spark.sql.pyspark.legacy.inferMapTypeFromFirstPair.enabled":       "false",
	"spark.sql.pyspark.toJSON.returnDataFrame":                         "false",
	"spark.sql.pyspark.plotting.max_rows":                              "1000",
	"spark.sql.pyspark.worker.logging.enabled":                         "false",
}

// spark3Defaults override commonDefaults for 3.5 clients (values read from
// a Spark 3.5.9 session).
var spark3Defaults = map[string]string{
	"spark.sql.ansi.enabled":                               "false",
	"spark.sql.legacy.timeParserPolicy":                    "EXCEPTION",
	"spark.sql.execution.arrow.enabled":                    "false",
	"spark.sql.execution.arrow.pyspark.enabled":            "false",
	"spark.sql.execution.pandas.convertToArrowArraySafely": "false",
	"spark.sql.execution.pythonUDF.arrow.enabled":          "false",
	"spark.sql.execution.pythonUDTF.arrow.enabled":         "false",
}

// staticConfs cannot be changed after the server starts; Spark rejects Set
// and Unset of them with CANNOT_MODIFY_STATIC_CONFIG.
var staticConfs = map[string]bool{
	"spark.sql.warehouse.dir":                        true,
	"spark.sql.catalogImplementation":                true,
	"spark.sql.globalTempDatabase":                   true,
	"spark.sql.extensions":                           true,
	"spark.sql.queryExecutionListeners":              true,
	"spark.sql.streaming.streamingQueryListeners":    true,
	"spark.sql.cache.serializer":                     true,
	"spark.sql.ui.retainedExecutions":                true,
	"spark.sql.event.truncate.length":                true,
	"spark.sql.legacy.sessionInitWithConfigDefaults": true,
	"spark.sql.artifact.isolation.enabled":           true,
	"spark.sql.hive.metastore.version":               true,
	"spark.sql.hive.metastore.jars":                  true,
}

// IsStatic reports whether key is a static (server-wide, start-up only)
// conf. Spark treats every spark.connect.* conf except the per-session
// spark.connect.session.* ones as static.
func IsStatic(key string) bool {
	if staticConfs[key] {
		return true
	}
	return strings.HasPrefix(key, "spark.connect.") && !strings.HasPrefix(key, "spark.connect.session.")
}

// IsModifiable answers ConfigRequest.IsModifiable the way Spark does: true
// for runtime SQL confs, false for static, core and unknown ones.
func IsModifiable(key string) bool {
	if IsStatic(key) {
		return false
	}
	if _, ok := commonDefaults[key]; ok && key != "spark.app.name" {
		return true
	}
	return strings.HasPrefix(key, "spark.sql.") || strings.HasPrefix(key, "spark.connect.session.")
}

var boolConfs = func() map[string]bool {
	m := map[string]bool{}
	for k, v := range commonDefaults {
		if v == "true" || v == "false" {
			m[k] = true
		}
	}
	return m
}()

var intConfs = map[string]bool{
	"spark.sql.shuffle.partitions":                 true,
	"spark.sql.execution.arrow.maxRecordsPerBatch": true,
	"spark.sql.repl.eagerEval.maxNumRows":          true,
	"spark.sql.repl.eagerEval.truncate":            true,
	"spark.sql.pivotMaxValues":                     true,
	"spark.sql.pyspark.plotting.max_rows":          true,
}

var enumConfs = map[string][]string{
	"spark.sql.timestampType":                       {"TIMESTAMP_NTZ", "TIMESTAMP_LTZ"},
	"spark.sql.legacy.timeParserPolicy":             {"EXCEPTION", "LEGACY", "CORRECTED"},
	"spark.sql.storeAssignmentPolicy":               {"ANSI", "LEGACY", "STRICT"},
	"spark.sql.mapKeyDedupPolicy":                   {"EXCEPTION", "LAST_WIN"},
	"spark.sql.sources.partitionOverwriteMode":      {"STATIC", "DYNAMIC"},
	"spark.sql.execution.pandas.structHandlingMode": {"legacy", "row", "dict"},
}

// ValidateSet checks a value before Config.Set stores it, with Spark's
// error classes: static confs, booleans, integers, enumerations and the
// session time zone. Unknown keys are accepted as they are.
func ValidateSet(key, value string) error {
	if IsStatic(key) {
		return sparkerr.Newf("CANNOT_MODIFY_STATIC_CONFIG", "key", `"`+key+`"`)
	}
	v := strings.TrimSpace(value)
	switch {
	case boolConfs[key]:
		if !strings.EqualFold(v, "true") && !strings.EqualFold(v, "false") {
			return typeMismatch(key, value, "boolean")
		}
	case intConfs[key]:
		if _, err := strconv.ParseInt(v, 10, 32); err != nil {
			return typeMismatch(key, value, "int")
		}
	case key == "spark.sql.session.timeZone":
		if !ValidTimeZone(v) {
			return sparkerr.Newf("INVALID_CONF_VALUE.TIME_ZONE", "confName", key, "confValue", value)
		}
		if _, err := tz.EngineName(v); err != nil {
			return sparkerr.Unsupported("session time zone " + v + " (DuckDB knows fixed offsets of whole hours only)")
		}
	}
	if opts, ok := enumConfs[key]; ok {
		for _, o := range opts {
			if strings.EqualFold(v, o) {
				return nil
			}
		}
		return sparkerr.Newf("INVALID_CONF_VALUE.OUT_OF_RANGE_OF_OPTIONS",
			"confName", key, "confValue", value, "confOptions", strings.Join(opts, ", "))
	}
	return nil
}

// ValidateUnset checks that key may be unset.
func ValidateUnset(key string) error {
	if IsStatic(key) {
		return sparkerr.Newf("CANNOT_MODIFY_STATIC_CONFIG", "key", `"`+key+`"`)
	}
	return nil
}

func typeMismatch(key, value, typ string) error {
	return sparkerr.Newf("INVALID_CONF_VALUE.TYPE_MISMATCH", "confName", key, "confValue", value, "confType", typ)
}

// ValidTimeZone reports whether id names a zone Spark accepts (tz.Load).
func ValidTimeZone(id string) bool {
	_, err := tz.Load(id)
	return id != "" && err == nil
}

// LocalTimeZone is the machine's IANA time zone, which is what a Spark
// driver JVM reports as its default spark.sql.session.timeZone: $TZ if it
// names a valid zone, else the zone /etc/localtime links to, else "UTC".
func LocalTimeZone() string {
	return localTimeZone(os.Getenv("TZ"), "/etc/localtime")
}

func localTimeZone(tzEnv, localtime string) string {
	if tz := strings.TrimPrefix(tzEnv, ":"); tz != "" {
		if !filepath.IsAbs(tz) && ValidTimeZone(tz) {
			return tz
		}
		if filepath.IsAbs(tz) {
			localtime = tz
		}
	}
	if target, err := filepath.EvalSymlinks(localtime); err == nil {
		if name, ok := zoneFromPath(target); ok {
			return name
		}
	}
	if target, err := os.Readlink(localtime); err == nil {
		if name, ok := zoneFromPath(target); ok {
			return name
		}
	}
	return "UTC"
}

// zoneFromPath extracts "Europe/Paris" from ".../zoneinfo/Europe/Paris".
func zoneFromPath(p string) (string, bool) {
	p = filepath.ToSlash(p)
	i := strings.LastIndex(p, "zoneinfo/")
	if i < 0 {
		return "", false
	}
	name := p[i+len("zoneinfo/"):]
	// Debian-style "posix/" and "right/" trees hold the same zones.
	name = strings.TrimPrefix(strings.TrimPrefix(name, "posix/"), "right/")
	if name == "" || !ValidTimeZone(name) {
		return "", false
	}
	return name, true
}

// SetDefault changes the default of key for this session (used by the
// server for values that depend on the server's configuration).
func (c *Conf) SetDefault(key, value string) {
	c.mu.Lock()
	c.defaults[key] = value
	c.mu.Unlock()
}

// Default returns the default of key, ignoring any explicitly set value.
func (c *Conf) Default(key string) (string, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok := c.defaults[key]
	return v, ok
}

// Explicit returns the explicitly set entries with the given prefix, sorted
// by key. This is what Spark's Config.GetAll lists (not the defaults).
func (c *Conf) Explicit(prefix string) [][2]string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make([][2]string, 0, len(c.set))
	for k, v := range c.set {
		if strings.HasPrefix(k, prefix) {
			out = append(out, [2]string{k, v})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// Explicitly returns the explicitly set value of key, if any.
func (c *Conf) Explicitly(key string) (string, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok := c.set[key]
	return v, ok
}
