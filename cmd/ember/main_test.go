package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/emberdb/ember/internal/server"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sparkpb"
)

func TestRun(t *testing.T) {
	tests := []struct {
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{nil, 2, "", "Usage:"},
		{[]string{"help"}, 0, "ember serve [flags]", ""},
		{[]string{"--help"}, 0, "ember help [command]", ""},
		{[]string{"-h"}, 0, "Usage:", ""},
		{[]string{"help", "serve"}, 0, "--session-timeout", ""},
		{[]string{"help", "version"}, 0, "Usage: ember version", ""},
		{[]string{"help", "bogus"}, 2, "", `unknown command "bogus"`},
		{[]string{"serve", "--help"}, 0, "--warehouse dir", ""},
		{[]string{"serve", "-h"}, 0, "--log-level level", ""},
		{[]string{"serve", "-h"}, 0, "--pprof host:port", ""},
		{[]string{"serve", "--log-level", "loud"}, 2, "", "invalid --log-level"},
		{[]string{"serve", "--session-timeout", "-1h"}, 2, "", "must not be negative"},
		{[]string{"serve", "--nope"}, 2, "", "flag provided but not defined"},
		{[]string{"serve", "extra"}, 2, "", `unexpected argument "extra"`},
		{[]string{"version"}, 0, "ember dev (Spark Connect protocol " + protocolVersion, ""},
		{[]string{"bogus"}, 2, "", `unknown command "bogus"`},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(tc.args, &out, &errb)
			if code != tc.wantCode {
				t.Fatalf("exit %d, want %d (stderr %q)", code, tc.wantCode, errb.String())
			}
			if tc.wantStdout != "" && !strings.Contains(out.String(), tc.wantStdout) {
				t.Fatalf("stdout %q lacks %q", out.String(), tc.wantStdout)
			}
			if tc.wantStderr != "" && !strings.Contains(errb.String(), tc.wantStderr) {
				t.Fatalf("stderr %q lacks %q", errb.String(), tc.wantStderr)
			}
		})
	}
}

func TestProtocolVersionMatchesStubs(t *testing.T) {
	b, err := os.ReadFile("../../internal/sparkpb/VERSION")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(string(b)); got != protocolVersion {
		t.Fatalf("internal/sparkpb/VERSION is %s, main says %s", got, protocolVersion)
	}
}

type nopCore struct{}

func (nopCore) OpenSession(*session.Session) error { return nil }
func (nopCore) CloseSession(*session.Session)      {}
func (nopCore) Execute(context.Context, *session.Session, *sparkpb.Plan, func(*sparkpb.ExecutePlanResponse) error) error {
	return sparkerr.Unsupported("test")
}
func (nopCore) Analyze(context.Context, *session.Session, *sparkpb.AnalyzePlanRequest) (*sparkpb.AnalyzePlanResponse, error) {
	return nil, sparkerr.Unsupported("test")
}

func TestServeUntilCancelled(t *testing.T) {
	closed := false
	old := newCore
	newCore = func(string, string) (server.Core, func() error, error) {
		return nopCore{}, func() error { closed = true; return nil }, nil
	}
	defer func() { newCore = old }()

	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	cfg := serveConfig{addr: "127.0.0.1:0", warehouse: t.TempDir(), sessionTimeout: time.Hour}
	go func() { done <- serveUntil(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), ready) }()
	addr := <-ready

	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	client := sparkpb.NewSparkConnectServiceClient(conn)
	resp, err := client.Config(context.Background(), &sparkpb.ConfigRequest{SessionId: uuid.NewString(),
		Operation: &sparkpb.ConfigRequest_Operation{OpType: &sparkpb.ConfigRequest_Operation_Get{
			Get: &sparkpb.ConfigRequest_Get{Keys: []string{"spark.sql.warehouse.dir"}}}}})
	if err != nil {
		t.Fatal(err)
	}
	if v := resp.Pairs[0].GetValue(); !strings.HasPrefix(v, "file:/") {
		t.Fatalf("warehouse conf = %q", v)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("server did not stop")
	}
	if !closed {
		t.Fatal("engine not closed")
	}
}

func TestProfilerServesProfiles(t *testing.T) {
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	addr, stop, err := serveProfiler("127.0.0.1:0", quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	resp, err := http.Get("http://" + addr + "/debug/pprof/goroutine?debug=1")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "goroutine profile") {
		t.Fatalf("status %d, body %.200q", resp.StatusCode, body)
	}
	if _, _, err := serveProfiler("127.0.0.1:-1", quiet); err == nil {
		t.Fatal("a bad --pprof address was accepted")
	}
}
