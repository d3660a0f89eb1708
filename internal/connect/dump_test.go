package connect

import (
	"os"
	"path/filepath"
	"testing"

	"google.golang.org/protobuf/encoding/prototext"
	"google.golang.org/protobuf/proto"

	"github.com/emberdb/ember/internal/sparkpb"
)

// TestDumpPlans prints the recorded client plans as text when EMBER_DUMP
// names one of them (e.g. EMBER_DUMP=py4/literals.rel); a debugging aid.
func TestDumpPlans(t *testing.T) {
	name := os.Getenv("EMBER_DUMP")
	if name == "" {
		t.Skip("set EMBER_DUMP to a testdata file to print it")
	}
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var m proto.Message = &sparkpb.Relation{}
	if filepath.Ext(name) == ".cmd" {
		m = &sparkpb.Command{}
	}
	if err := proto.Unmarshal(data, m); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + prototext.Format(m))
}
