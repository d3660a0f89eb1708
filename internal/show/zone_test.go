package show

import (
	"encoding/json"
	"github.com/emberdb/ember/internal/tz"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestLoadTimeZone checks zone id resolution against Spark: which ids Spark
// accepts as spark.sql.session.timeZone, and how it then renders one
// instant (testdata/zone_ids.json, recorded by record.py).
func TestLoadTimeZone(t *testing.T) {
	maybeRecord(t)
	data, err := os.ReadFile(filepath.Join("testdata", "zone_ids.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Zones []struct {
			ID    string `json:"id"`
			OK    bool   `json:"ok"`
			Value string `json:"value"`
		} `json:"zones"`
	}
	if err := json.Unmarshal(data, &rec); err != nil {
		t.Fatal(err)
	}
	instant := time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC).UnixMicro()
	for _, z := range rec.Zones {
		t.Run(z.ID, func(t *testing.T) {
			loc, err := tz.Load(z.ID)
			if !z.OK {
				if err == nil {
					t.Fatalf("Spark rejects %q, LoadTimeZone accepted it", z.ID)
				}
				return
			}
			if err != nil {
				t.Fatalf("Spark accepts %q: %v", z.ID, err)
			}
			if got := formatTimestamp(instant, loc); got != z.Value {
				t.Errorf("got %q, Spark %q", got, z.Value)
			}
		})
	}
}

// TestFormatValueUnknownZone: FormatValue has no error result, so an id
// LoadTimeZone rejects renders in UTC.
func TestFormatValueUnknownZone(t *testing.T) {
	ds := readDataset(t, filepath.Join("testdata", "zones.arrow"))
	col := ds.recs[0].Column(0)
	for _, tz := range []string{"", "UTC", "Mars/Olympus"} {
		if got, want := FormatValue(col, 0, ds.schema.Fields[0].Type, tz), "2024-01-15 12:00:00"; got != want {
			t.Errorf("tz %q: got %q, want %q", tz, got, want)
		}
	}
}
