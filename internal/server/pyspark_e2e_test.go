package server

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"google.golang.org/grpc"

	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkpb"
)

// rangeCore answers Range relations with real Arrow batches of 10 rows
// (a negative start blocks until cancelled), so that an unmodified PySpark
// client can collect results through the protocol layer alone.
type rangeCore struct{ fakeCore }

func (c *rangeCore) Execute(ctx context.Context, s *session.Session, p *sparkpb.Plan, send func(*sparkpb.ExecutePlanResponse) error) error {
	r := p.GetRoot().GetRange()
	if r == nil {
		return c.fakeCore.Execute(ctx, s, p, send)
	}
	if r.GetStart() < 0 {
		<-ctx.Done()
		return ctx.Err()
	}
	schema := arrow.NewSchema([]arrow.Field{{Name: "id", Type: arrow.PrimitiveTypes.Int64}}, nil)
	if err := send(&sparkpb.ExecutePlanResponse{Schema: &sparkpb.DataType{Kind: &sparkpb.DataType_Struct_{Struct: &sparkpb.DataType_Struct{
		Fields: []*sparkpb.DataType_StructField{{Name: "id", DataType: &sparkpb.DataType{Kind: &sparkpb.DataType_Long_{Long: &sparkpb.DataType_Long{}}}}},
	}}}}); err != nil {
		return err
	}
	for off := r.GetStart(); off < r.GetEnd(); off += 10 {
		b := array.NewInt64Builder(memory.DefaultAllocator)
		n := int64(0)
		for v := off; v < off+10 && v < r.GetEnd(); v++ {
			b.Append(v)
			n++
		}
		col := b.NewArray()
		rec := array.NewRecordBatch(schema, []arrow.Array{col}, n)
		var buf bytes.Buffer
		w := ipc.NewWriter(&buf, ipc.WithSchema(schema))
		if err := w.Write(rec); err != nil {
			return err
		}
		if err := w.Close(); err != nil {
			return err
		}
		rec.Release()
		col.Release()
		b.Release()
		start := off - r.GetStart()
		if err := send(&sparkpb.ExecutePlanResponse{ResponseType: &sparkpb.ExecutePlanResponse_ArrowBatch_{
			ArrowBatch: &sparkpb.ExecutePlanResponse_ArrowBatch{RowCount: n, Data: buf.Bytes(), StartOffset: &start},
		}}); err != nil {
			return err
		}
	}
	return nil
}

const pysparkScript = `
import sys, threading, time
from pyspark.sql import SparkSession
spark = SparkSession.builder.remote(sys.argv[1]).getOrCreate()
rows = spark.range(0, 1000).collect()
assert [r.id for r in rows] == list(range(1000)), rows[:20]
assert spark.conf.get("spark.sql.session.localRelationCacheThreshold") == "67108864"
def interrupt():
    time.sleep(1)
    spark.interruptAll()
threading.Thread(target=interrupt).start()
try:
    spark.range(-1, 5).collect()
    raise SystemExit("blocking query was not interrupted")
except Exception as e:
    assert "OPERATION_CANCELED" in str(e), e
if hasattr(spark.client, "release_session"):
    spark.stop()
print("E2E OK")
`

// TestPySparkEndToEnd drives the server with the real PySpark clients from
// the repository's virtualenvs, with streams cut every 7 responses so that
// the clients' reattach logic runs. Opt in with EMBER_PYSPARK_E2E=1.
func TestPySparkEndToEnd(t *testing.T) {
	if os.Getenv("EMBER_PYSPARK_E2E") == "" {
		t.Skip("set EMBER_PYSPARK_E2E=1 to run PySpark against the server")
	}
	for _, venv := range []string{"py4", "py35"} {
		t.Run(venv, func(t *testing.T) {
			python, _ := filepath.Abs(filepath.Join("..", "..", ".venv", venv, "bin", "python"))
			if _, err := os.Stat(python); err != nil {
				t.Skipf("no %s", python)
			}
			core := &rangeCore{}
			srv := New(core, Options{ArtifactRoot: t.TempDir(), MaxStreamResponses: 7,
				Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
			lis, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			gs := grpc.NewServer(GRPCServerOptions()...)
			srv.Register(gs)
			go func() { _ = gs.Serve(lis) }()
			defer func() { gs.Stop(); srv.Close() }()

			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			// A script file, not "python -c": PySpark treats a main module
			// without __file__ as a doctest run and looks for a Spark build.
			script := filepath.Join(t.TempDir(), "e2e.py")
			if err := os.WriteFile(script, []byte(pysparkScript), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.CommandContext(ctx, python, script, "sc://"+lis.Addr().String())
			out, err := cmd.CombinedOutput()
			if err != nil || !strings.Contains(string(out), "E2E OK") {
				t.Fatalf("pyspark failed: %v\n%s", err, out)
			}
		})
	}
}
