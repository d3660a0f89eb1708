package session

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/emberdb/ember/internal/sparkerr"
)

func TestValidateSet(t *testing.T) {
	tests := []struct {
		key, value string
		wantClass  string // "" = accepted
	}{
		{"spark.sql.ansi.enabled", "true", ""},
		{"spark.sql.ansi.enabled", " FALSE ", ""},
		{"spark.sql.ansi.enabled", "yes", "INVALID_CONF_VALUE.TYPE_MISMATCH"},
		{"spark.sql.shuffle.partitions", "8", ""},
		{"spark.sql.shuffle.partitions", "abc", "INVALID_CONF_VALUE.TYPE_MISMATCH"},
		{"spark.sql.session.timeZone", "America/New_York", ""},
		{"spark.sql.session.timeZone", "+05:00", ""},
		{"spark.sql.session.timeZone", "UTC+1", ""},
		{"spark.sql.session.timeZone", "Z", ""},
		{"spark.sql.session.timeZone", "Nowhere/X", "INVALID_CONF_VALUE.TIME_ZONE"},
		{"spark.sql.session.timeZone", "", "INVALID_CONF_VALUE.TIME_ZONE"},
		{"spark.sql.timestampType", "timestamp_ntz", ""},
		{"spark.sql.timestampType", "foo", "INVALID_CONF_VALUE.OUT_OF_RANGE_OF_OPTIONS"},
		{"spark.sql.warehouse.dir", "/x", "CANNOT_MODIFY_STATIC_CONFIG"},
		{"spark.connect.grpc.binding.port", "1", "CANNOT_MODIFY_STATIC_CONFIG"},
		{"spark.connect.session.planCompression.threshold", "10", ""},
		{"some.unknown.key", "anything", ""},
		{"spark.sql.execution.arrow.enabled", "true", ""},
	}
	for _, tc := range tests {
		t.Run(tc.key+"="+tc.value, func(t *testing.T) {
			err := ValidateSet(tc.key, tc.value)
			if tc.wantClass == "" {
				if err != nil {
					t.Fatalf("rejected: %v", err)
				}
				return
			}
			se, ok := sparkerr.As(err)
			if !ok || se.Class != tc.wantClass {
				t.Fatalf("error = %v, want class %s", err, tc.wantClass)
			}
		})
	}
}

func TestIsModifiable(t *testing.T) {
	tests := map[string]bool{
		"spark.sql.shuffle.partitions":                    true,
		"spark.sql.session.timeZone":                      true,
		"spark.sql.some.future.conf":                      true,
		"spark.connect.session.planCompression.threshold": true,
		"spark.sql.warehouse.dir":                         false,
		"spark.sql.globalTempDatabase":                    false,
		"spark.connect.grpc.maxInboundMessageSize":        false,
		"spark.app.name":                                  false,
		"unknown.key":                                     false,
	}
	for key, want := range tests {
		if got := IsModifiable(key); got != want {
			t.Errorf("IsModifiable(%s) = %v, want %v", key, got, want)
		}
	}
}

func TestLocalTimeZone(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "localtime")
	if err := os.Symlink("/usr/share/zoneinfo/Europe/Paris", link); err != nil {
		t.Fatal(err)
	}
	posix := filepath.Join(dir, "posix-localtime")
	if err := os.Symlink("../usr/share/zoneinfo/posix/Asia/Tokyo", posix); err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(dir, "plain")
	if err := os.WriteFile(plain, []byte("TZif"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, tz, localtime, want string
	}{
		{"TZ wins", "America/Chicago", link, "America/Chicago"},
		{"TZ with colon", ":Asia/Kolkata", link, "Asia/Kolkata"},
		{"invalid TZ falls back", "Not/AZone", link, "Europe/Paris"},
		{"link target", "", link, "Europe/Paris"},
		{"posix tree", "", posix, "Asia/Tokyo"},
		{"not a link", "", plain, "UTC"},
		{"missing", "", filepath.Join(dir, "missing"), "UTC"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := localTimeZone(tc.tz, tc.localtime); got != tc.want {
				t.Fatalf("localTimeZone(%q, %s) = %q, want %q", tc.tz, tc.localtime, got, tc.want)
			}
		})
	}
}

func TestConfDefaultsAndExplicit(t *testing.T) {
	tests := []struct {
		major, key, want string
	}{
		{"4", "spark.sql.ansi.enabled", "true"},
		{"3", "spark.sql.ansi.enabled", "false"},
		{"4", "spark.sql.execution.pythonUDF.arrow.enabled", "true"},
		{"3", "spark.sql.execution.pythonUDF.arrow.enabled", "false"},
		{"4", "spark.sql.session.localRelationCacheThreshold", "67108864"},
		{"3", "spark.sql.timestampType", "TIMESTAMP_LTZ"},
		{"4", "spark.connect.session.planCompression.threshold", "-1"},
	}
	for _, tc := range tests {
		if got, ok := NewConf(tc.major).Get(tc.key); !ok || got != tc.want {
			t.Errorf("spark %s: %s = %q, want %q", tc.major, tc.key, got, tc.want)
		}
	}

	c := NewConf("4")
	c.Set("spark.sql.b", "1")
	c.Set("spark.sql.a", "2")
	c.Set("other", "3")
	got := c.Explicit("spark.sql.")
	if len(got) != 2 || got[0] != [2]string{"spark.sql.a", "2"} || got[1] != [2]string{"spark.sql.b", "1"} {
		t.Fatalf("Explicit = %v", got)
	}
	c.SetDefault("spark.sql.warehouse.dir", "file:/w")
	if v, ok := c.Get("spark.sql.warehouse.dir"); !ok || v != "file:/w" {
		t.Fatalf("SetDefault: %q", v)
	}
	if _, ok := c.Explicitly("spark.sql.warehouse.dir"); ok {
		t.Fatalf("a default counts as explicitly set")
	}
}

// TestClientReadConfsHaveDefaults guards the keys PySpark 3.5 and 4.x read
// and parse without a fallback (a missing one fails createDataFrame, toPandas
// or error handling on the client).
func TestClientReadConfsHaveDefaults(t *testing.T) {
	keys := []string{
		"spark.sql.session.timeZone", "spark.sql.timestampType", "spark.sql.ansi.enabled",
		"spark.sql.session.localRelationCacheThreshold", "spark.sql.session.localRelationSizeLimit",
		"spark.sql.session.localRelationChunkSizeRows", "spark.sql.session.localRelationChunkSizeBytes",
		"spark.sql.session.localRelationBatchOfChunksSizeBytes",
		"spark.sql.execution.pandas.convertToArrowArraySafely", "spark.sql.execution.pandas.inferPandasDictAsMap",
		"spark.sql.execution.pandas.structHandlingMode", "spark.sql.execution.arrow.pyspark.selfDestruct.enabled",
		"spark.sql.pyspark.inferNestedDictAsStruct.enabled",
		"spark.sql.pyspark.legacy.inferArrayTypeFromFirstElement.enabled",
		"spark.sql.pyspark.legacy.inferMapTypeFromFirstPair.enabled",
		"spark.sql.execution.arrow.useLargeVarTypes", "spark.sql.execution.arrow.maxRecordsPerBatch",
		"spark.sql.repl.eagerEval.enabled", "spark.sql.repl.eagerEval.maxNumRows", "spark.sql.repl.eagerEval.truncate",
		"spark.sql.execution.pythonUDF.arrow.enabled", "spark.sql.execution.pythonUDTF.arrow.enabled",
		"spark.sql.pyspark.jvmStacktrace.enabled", "spark.sql.connect.serverStacktrace.enabled",
		"spark.sql.execution.pyspark.binaryAsBytes", "spark.connect.session.planCompression.threshold",
		"spark.connect.session.planCompression.defaultAlgorithm", "spark.sql.catalogImplementation",
		"spark.sql.mapKeyDedupPolicy", "spark.sql.sources.partitionOverwriteMode", "spark.sql.pyspark.plotting.max_rows",
		"spark.sql.caseSensitive", "spark.sql.shuffle.partitions", "spark.app.name",
	}
	for _, major := range []string{"3", "4"} {
		c := NewConf(major)
		for _, k := range keys {
			if v, ok := c.Get(k); !ok || v == "" {
				t.Errorf("spark %s: no default for %s", major, k)
			}
		}
	}
}
