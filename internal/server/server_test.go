package server

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/test/bufconn"

	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sparkpb"
)

// fakeCore interprets a SQL relation's query text as a script:
//
//	rows:N[:delayMs]  N arrow_batch responses (row_count = 1-based index)
//	block             wait until the context is cancelled
//	panic             panic
//	fail              return a Spark error
type fakeCore struct {
	opened, closed atomic.Int64
	started        chan string // receives the script when Execute starts (if not nil)
	analyzePanics  atomic.Bool
}

func (f *fakeCore) OpenSession(s *session.Session) error { f.opened.Add(1); return nil }
func (f *fakeCore) CloseSession(s *session.Session)      { f.closed.Add(1) }

func (f *fakeCore) Execute(ctx context.Context, s *session.Session, p *sparkpb.Plan, send func(*sparkpb.ExecutePlanResponse) error) error {
	script := p.GetRoot().GetSql().GetQuery()
	if f.started != nil {
		f.started <- script
	}
	switch {
	case script == "block":
		<-ctx.Done()
		return ctx.Err()
	case script == "panic":
		panic("boom")
	case script == "fail":
		return sparkerr.Newf("TABLE_OR_VIEW_NOT_FOUND", "relationName", "`t`")
	case strings.HasPrefix(script, "rows:"):
		parts := strings.Split(script, ":")
		n, _ := strconv.Atoi(parts[1])
		delay := time.Duration(0)
		if len(parts) > 2 {
			ms, _ := strconv.Atoi(parts[2])
			delay = time.Duration(ms) * time.Millisecond
		}
		// Like the real core: the schema first, in a response of its own.
		if err := send(&sparkpb.ExecutePlanResponse{Schema: &sparkpb.DataType{}}); err != nil {
			return err
		}
		for i := 1; i <= n; i++ {
			if delay > 0 {
				select {
				case <-time.After(delay):
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			err := send(&sparkpb.ExecutePlanResponse{ResponseType: &sparkpb.ExecutePlanResponse_ArrowBatch_{
				ArrowBatch: &sparkpb.ExecutePlanResponse_ArrowBatch{RowCount: int64(i)},
			}})
			if err != nil {
				return err
			}
		}
		return nil
	}
	return sparkerr.Unsupported("script " + script)
}

func (f *fakeCore) Analyze(ctx context.Context, s *session.Session, req *sparkpb.AnalyzePlanRequest) (*sparkpb.AnalyzePlanResponse, error) {
	if f.analyzePanics.Load() {
		panic("analyze boom")
	}
	return &sparkpb.AnalyzePlanResponse{Result: &sparkpb.AnalyzePlanResponse_SparkVersion_{
		SparkVersion: &sparkpb.AnalyzePlanResponse_SparkVersion{Version: "4.2.0"},
	}}, nil
}

// harness is an in-process server and a client connected over bufconn.
type harness struct {
	t      *testing.T
	core   *fakeCore
	srv    *Server
	client sparkpb.SparkConnectServiceClient
}

func newHarness(t *testing.T, opts Options) *harness {
	t.Helper()
	core := &fakeCore{}
	if opts.ArtifactRoot == "" {
		opts.ArtifactRoot = t.TempDir()
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	srv := New(core, opts)
	lis := bufconn.Listen(1 << 20)
	gs := grpc.NewServer(GRPCServerOptions()...)
	srv.Register(gs)
	go func() { _ = gs.Serve(lis) }()
	conn, err := grpc.NewClient("passthrough:///bufnet",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() {
		conn.Close()
		gs.Stop()
		srv.Close()
	})
	return &harness{t: t, core: core, srv: srv, client: sparkpb.NewSparkConnectServiceClient(conn)}
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func user(id string) *sparkpb.UserContext { return &sparkpb.UserContext{UserId: id} }

func ptr[T any](v T) *T { return &v }

func sqlPlan(script string) *sparkpb.Plan {
	return &sparkpb.Plan{OpType: &sparkpb.Plan_Root{Root: &sparkpb.Relation{
		RelType: &sparkpb.Relation_Sql{Sql: &sparkpb.SQL{Query: script}},
	}}}
}

func execReq(sid, opID, script string, reattachable bool) *sparkpb.ExecutePlanRequest {
	req := &sparkpb.ExecutePlanRequest{SessionId: sid, UserContext: user("alice"), Plan: sqlPlan(script)}
	if opID != "" {
		req.OperationId = &opID
	}
	if reattachable {
		req.RequestOptions = []*sparkpb.ExecutePlanRequest_RequestOption{{
			RequestOption: &sparkpb.ExecutePlanRequest_RequestOption_ReattachOptions{
				ReattachOptions: &sparkpb.ReattachOptions{Reattachable: true},
			},
		}}
	}
	return req
}

// recvAll reads a stream to its end.
func recvAll(s grpc.ServerStreamingClient[sparkpb.ExecutePlanResponse]) ([]*sparkpb.ExecutePlanResponse, error) {
	var out []*sparkpb.ExecutePlanResponse
	for {
		r, err := s.Recv()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
}

// errInfo extracts the ErrorInfo of a status error.
func errInfo(t *testing.T, err error) *errdetails.ErrorInfo {
	t.Helper()
	st, ok := status.FromError(err)
	if !ok {
		t.Fatalf("not a status error: %v", err)
	}
	for _, d := range st.Details() {
		if info, ok := d.(*errdetails.ErrorInfo); ok {
			return info
		}
	}
	t.Fatalf("no ErrorInfo in %v", err)
	return nil
}

func errClass(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		t.Fatalf("expected an error")
	}
	return errInfo(t, err).GetMetadata()["errorClass"]
}

func batchIndexes(rs []*sparkpb.ExecutePlanResponse) []int64 {
	var out []int64
	for _, r := range rs {
		if ab := r.GetArrowBatch(); ab != nil {
			out = append(out, ab.GetRowCount())
		}
	}
	return out
}

func TestExecuteEchoesIDsAndEndsWithResultComplete(t *testing.T) {
	h := newHarness(t, Options{})
	sid := uuid.NewString()
	tests := []struct {
		name         string
		reattachable bool
		wantLast     string
	}{
		{"reattachable", true, "result_complete"},
		{"not reattachable", false, "metrics"},
	}
	serverSide := ""
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opID := uuid.NewString()
			s, err := h.client.ExecutePlan(ctxT(t), execReq(sid, opID, "rows:5:1", tc.reattachable))
			if err != nil {
				t.Fatal(err)
			}
			rs, err := recvAll(s)
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for i, r := range rs {
				if r.SessionId != sid || r.OperationId != opID || r.ServerSideSessionId == "" || r.ResponseId == "" {
					t.Fatalf("response %d lacks ids: %v", i, r)
				}
				if serverSide == "" {
					serverSide = r.ServerSideSessionId
				}
				if r.ServerSideSessionId != serverSide {
					t.Fatalf("server-side session id changed: %s vs %s", r.ServerSideSessionId, serverSide)
				}
				if seen[r.ResponseId] {
					t.Fatalf("duplicate response id %s", r.ResponseId)
				}
				seen[r.ResponseId] = true
			}
			if got := batchIndexes(rs); len(got) != 5 {
				t.Fatalf("batches = %v", got)
			}
			last := rs[len(rs)-1]
			got := "other"
			if last.GetResultComplete() != nil {
				got = "result_complete"
			} else if last.GetMetrics() != nil {
				got = "metrics"
			}
			if got != tc.wantLast {
				t.Fatalf("last response is %s, want %s", got, tc.wantLast)
			}
			if last.GetMetrics() == nil {
				t.Fatalf("the last response carries no metrics")
			}
			// The schema travels with the first batch and the metrics
			// with result_complete: a reattachable client sends one
			// ReleaseExecute per response it reads.
			if rs[0].GetSchema() == nil || rs[0].GetArrowBatch() == nil {
				t.Fatalf("first response %v should carry the schema and the first batch", rs[0])
			}
			wantN := 6 // five batches, then metrics (+ result_complete)
			if len(rs) != wantN {
				t.Fatalf("%d responses, want %d", len(rs), wantN)
			}
		})
	}
}

func TestExecuteOperationIDs(t *testing.T) {
	h := newHarness(t, Options{})
	sid := uuid.NewString()
	ctx := ctxT(t)

	// Invalid format.
	s, err := h.client.ExecutePlan(ctx, execReq(sid, "not-a-uuid", "rows:1", true))
	if err == nil {
		_, err = recvAll(s)
	}
	if got := errClass(t, err); got != "INVALID_HANDLE.FORMAT" {
		t.Fatalf("class = %s", got)
	}

	// Generated when absent.
	s, _ = h.client.ExecutePlan(ctx, execReq(sid, "", "rows:1", true))
	rs, err := recvAll(s)
	if err != nil || len(rs) == 0 || !validUUID(rs[0].OperationId) {
		t.Fatalf("generated id: %v %v", rs, err)
	}

	// Duplicate live id.
	opID := uuid.NewString()
	h.core.started = make(chan string, 16)
	s1, err := h.client.ExecutePlan(ctx, execReq(sid, opID, "block", true))
	if err != nil {
		t.Fatal(err)
	}
	<-h.core.started
	s2, _ := h.client.ExecutePlan(ctx, execReq(sid, opID, "rows:1", true))
	_, err = recvAll(s2)
	if got := errClass(t, err); got != "INVALID_HANDLE.OPERATION_ALREADY_EXISTS" {
		t.Fatalf("class = %s", got)
	}
	if _, err := h.client.Interrupt(ctx, &sparkpb.InterruptRequest{SessionId: sid, UserContext: user("alice"),
		InterruptType: sparkpb.InterruptRequest_INTERRUPT_TYPE_ALL}); err != nil {
		t.Fatal(err)
	}
	if _, err := recvAll(s1); errClass(t, err) != "OPERATION_CANCELED" {
		t.Fatalf("blocked op: %v", err)
	}
}

func TestReattachDeliversEveryResponseOnce(t *testing.T) {
	h := newHarness(t, Options{})
	sid := uuid.NewString()
	opID := uuid.NewString()
	const n = 30

	// First stream: read 7 responses, then cut it.
	ctx1, cut := context.WithCancel(ctxT(t))
	s, err := h.client.ExecutePlan(ctx1, execReq(sid, opID, "rows:30:2", true))
	if err != nil {
		t.Fatal(err)
	}
	var got []*sparkpb.ExecutePlanResponse
	for len(got) < 7 {
		r, err := s.Recv()
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, r)
	}
	cut()
	last := got[len(got)-1].ResponseId
	// The client acknowledges what it has.
	if _, err := h.client.ReleaseExecute(ctxT(t), &sparkpb.ReleaseExecuteRequest{SessionId: sid, UserContext: user("alice"),
		OperationId: opID, Release: &sparkpb.ReleaseExecuteRequest_ReleaseUntil_{
			ReleaseUntil: &sparkpb.ReleaseExecuteRequest_ReleaseUntil{ResponseId: got[3].ResponseId}}}); err != nil {
		t.Fatal(err)
	}

	// A cursor inside the released range is gone.
	rs, err := h.client.ReattachExecute(ctxT(t), &sparkpb.ReattachExecuteRequest{SessionId: sid, UserContext: user("alice"),
		OperationId: opID, LastResponseId: ptr(got[1].ResponseId)})
	if err == nil {
		_, err = recvAll(rs)
	}
	if c := errClass(t, err); c != "INVALID_CURSOR.POSITION_NOT_AVAILABLE" {
		t.Fatalf("class = %s", c)
	}
	// An unknown cursor is not found.
	rs, _ = h.client.ReattachExecute(ctxT(t), &sparkpb.ReattachExecuteRequest{SessionId: sid, UserContext: user("alice"),
		OperationId: opID, LastResponseId: ptr(uuid.NewString())})
	if _, err := recvAll(rs); errClass(t, err) != "INVALID_CURSOR.POSITION_NOT_FOUND" {
		t.Fatalf("unknown cursor: %v", err)
	}

	// Resume after the last received response.
	rs, err = h.client.ReattachExecute(ctxT(t), &sparkpb.ReattachExecuteRequest{SessionId: sid, UserContext: user("alice"),
		OperationId: opID, LastResponseId: &last})
	if err != nil {
		t.Fatal(err)
	}
	rest, err := recvAll(rs)
	if err != nil {
		t.Fatal(err)
	}
	all := append(got, rest...)
	idx := batchIndexes(all)
	if len(idx) != n {
		t.Fatalf("got %d batches, want %d: %v", len(idx), n, idx)
	}
	for i, v := range idx {
		if v != int64(i+1) {
			t.Fatalf("batch %d has index %d: %v", i, v, idx)
		}
	}
	if all[len(all)-1].GetResultComplete() == nil {
		t.Fatalf("stream did not end with result_complete")
	}
	ids := map[string]bool{}
	for _, r := range all {
		if ids[r.ResponseId] {
			t.Fatalf("response %s delivered twice", r.ResponseId)
		}
		ids[r.ResponseId] = true
	}

	// After release_all the operation is gone.
	if _, err := h.client.ReleaseExecute(ctxT(t), &sparkpb.ReleaseExecuteRequest{SessionId: sid, UserContext: user("alice"),
		OperationId: opID, Release: &sparkpb.ReleaseExecuteRequest_ReleaseAll_{ReleaseAll: &sparkpb.ReleaseExecuteRequest_ReleaseAll{}}}); err != nil {
		t.Fatal(err)
	}
	rs, _ = h.client.ReattachExecute(ctxT(t), &sparkpb.ReattachExecuteRequest{SessionId: sid, UserContext: user("alice"), OperationId: opID})
	if _, err := recvAll(rs); errClass(t, err) != "INVALID_HANDLE.OPERATION_NOT_FOUND" {
		t.Fatalf("after release_all: %v", err)
	}
}

func TestReattachDetachesPreviousStream(t *testing.T) {
	h := newHarness(t, Options{})
	sid, opID := uuid.NewString(), uuid.NewString()
	h.core.started = make(chan string, 16)
	first, err := h.client.ExecutePlan(ctxT(t), execReq(sid, opID, "block", true))
	if err != nil {
		t.Fatal(err)
	}
	<-h.core.started
	second, err := h.client.ReattachExecute(ctxT(t), &sparkpb.ReattachExecuteRequest{SessionId: sid, UserContext: user("alice"), OperationId: opID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := recvAll(first); errClass(t, err) != "INVALID_CURSOR.DISCONNECTED" {
		t.Fatalf("first stream: %v", err)
	}
	if _, err := h.client.Interrupt(ctxT(t), &sparkpb.InterruptRequest{SessionId: sid, UserContext: user("alice"),
		InterruptType: sparkpb.InterruptRequest_INTERRUPT_TYPE_OPERATION_ID,
		Interrupt:     &sparkpb.InterruptRequest_OperationId{OperationId: opID}}); err != nil {
		t.Fatal(err)
	}
	if _, err := recvAll(second); errClass(t, err) != "OPERATION_CANCELED" {
		t.Fatalf("second stream: %v", err)
	}
}

func TestReattachWithoutCursorStartsAtFirstUnreleased(t *testing.T) {
	h := newHarness(t, Options{})
	sid, opID := uuid.NewString(), uuid.NewString()
	s, _ := h.client.ExecutePlan(ctxT(t), execReq(sid, opID, "rows:4", true))
	if _, err := recvAll(s); err != nil {
		t.Fatal(err)
	}
	rs, err := h.client.ReattachExecute(ctxT(t), &sparkpb.ReattachExecuteRequest{SessionId: sid, UserContext: user("alice"), OperationId: opID})
	if err != nil {
		t.Fatal(err)
	}
	again, err := recvAll(rs)
	if err != nil {
		t.Fatal(err)
	}
	if got := batchIndexes(again); len(got) != 4 || got[0] != 1 {
		t.Fatalf("replay = %v", got)
	}
}

func TestReleaseExecuteIsIdempotent(t *testing.T) {
	h := newHarness(t, Options{})
	sid, opID := uuid.NewString(), uuid.NewString()
	s, _ := h.client.ExecutePlan(ctxT(t), execReq(sid, opID, "rows:3", true))
	rs, err := recvAll(s)
	if err != nil {
		t.Fatal(err)
	}
	all := &sparkpb.ReleaseExecuteRequest_ReleaseAll_{ReleaseAll: &sparkpb.ReleaseExecuteRequest_ReleaseAll{}}
	until := &sparkpb.ReleaseExecuteRequest_ReleaseUntil_{ReleaseUntil: &sparkpb.ReleaseExecuteRequest_ReleaseUntil{ResponseId: rs[1].ResponseId}}
	tests := []struct {
		name    string
		session string
		op      string
		release any
	}{
		{"until", sid, opID, until},
		{"until again", sid, opID, until},
		{"all", sid, opID, all},
		{"all again", sid, opID, all},
		{"until after all", sid, opID, until},
		{"unknown operation", sid, uuid.NewString(), all},
		{"unknown session", uuid.NewString(), opID, all},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := &sparkpb.ReleaseExecuteRequest{SessionId: tc.session, UserContext: user("alice"), OperationId: tc.op}
			switch r := tc.release.(type) {
			case *sparkpb.ReleaseExecuteRequest_ReleaseAll_:
				req.Release = r
			case *sparkpb.ReleaseExecuteRequest_ReleaseUntil_:
				req.Release = r
			}
			resp, err := h.client.ReleaseExecute(ctxT(t), req)
			if err != nil {
				t.Fatal(err)
			}
			if resp.SessionId != tc.session || resp.GetOperationId() != tc.op {
				t.Fatalf("ids not echoed: %v", resp)
			}
			if tc.session == sid && resp.ServerSideSessionId != rs[0].ServerSideSessionId {
				t.Fatalf("server-side id = %q", resp.ServerSideSessionId)
			}
		})
	}
}

func TestInterrupt(t *testing.T) {
	tests := []struct {
		name string
		req  func(sid, opID string) *sparkpb.InterruptRequest
	}{
		{"all", func(sid, _ string) *sparkpb.InterruptRequest {
			return &sparkpb.InterruptRequest{SessionId: sid, UserContext: user("alice"), InterruptType: sparkpb.InterruptRequest_INTERRUPT_TYPE_ALL}
		}},
		{"tag", func(sid, _ string) *sparkpb.InterruptRequest {
			return &sparkpb.InterruptRequest{SessionId: sid, UserContext: user("alice"), InterruptType: sparkpb.InterruptRequest_INTERRUPT_TYPE_TAG,
				Interrupt: &sparkpb.InterruptRequest_OperationTag{OperationTag: "etl"}}
		}},
		{"operation id", func(sid, opID string) *sparkpb.InterruptRequest {
			return &sparkpb.InterruptRequest{SessionId: sid, UserContext: user("alice"), InterruptType: sparkpb.InterruptRequest_INTERRUPT_TYPE_OPERATION_ID,
				Interrupt: &sparkpb.InterruptRequest_OperationId{OperationId: opID}}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, Options{})
			sid, opID := uuid.NewString(), uuid.NewString()
			h.core.started = make(chan string, 16)
			req := execReq(sid, opID, "block", true)
			req.Tags = []string{"etl"}
			s, err := h.client.ExecutePlan(ctxT(t), req)
			if err != nil {
				t.Fatal(err)
			}
			<-h.core.started
			resp, err := h.client.Interrupt(ctxT(t), tc.req(sid, opID))
			if err != nil {
				t.Fatal(err)
			}
			if len(resp.InterruptedIds) != 1 || resp.InterruptedIds[0] != opID || resp.SessionId != sid {
				t.Fatalf("interrupt response = %v", resp)
			}
			_, err = recvAll(s)
			info := errInfo(t, err)
			if info.Metadata["errorClass"] != "OPERATION_CANCELED" || info.Reason != sparkerr.SparkSQLException {
				t.Fatalf("error info = %v", info)
			}
			// Interrupting again finds nothing running.
			resp, err = h.client.Interrupt(ctxT(t), tc.req(sid, opID))
			if err != nil || len(resp.InterruptedIds) != 0 {
				t.Fatalf("second interrupt = %v, %v", resp, err)
			}
		})
	}
	t.Run("tag required", func(t *testing.T) {
		h := newHarness(t, Options{})
		_, err := h.client.Interrupt(ctxT(t), &sparkpb.InterruptRequest{SessionId: uuid.NewString(), UserContext: user("alice"),
			InterruptType: sparkpb.InterruptRequest_INTERRUPT_TYPE_TAG})
		if c := errClass(t, err); c != "INVALID_PARAMETER_VALUE.INTERRUPT_TYPE_TAG_REQUIRES_TAG" {
			t.Fatalf("class = %s", c)
		}
	})
}

func TestCoreErrorsBecomeSparkStatuses(t *testing.T) {
	h := newHarness(t, Options{})
	sid := uuid.NewString()
	s, _ := h.client.ExecutePlan(ctxT(t), execReq(sid, uuid.NewString(), "fail", true))
	_, err := recvAll(s)
	info := errInfo(t, err)
	var classes []string
	if err := json.Unmarshal([]byte(info.Metadata["classes"]), &classes); err != nil {
		t.Fatal(err)
	}
	if info.Reason != sparkerr.AnalysisException || classes[0] != sparkerr.AnalysisException ||
		info.Metadata["errorClass"] != "TABLE_OR_VIEW_NOT_FOUND" || info.Metadata["sqlState"] != "42P01" ||
		info.Metadata["messageParameters"] != `{"relationName":"`+"`t`"+`"}` || info.Domain != "org.apache.spark" {
		t.Fatalf("error info = %v", info)
	}
	if st, _ := status.FromError(err); !strings.HasPrefix(st.Message(), "[TABLE_OR_VIEW_NOT_FOUND]") {
		t.Fatalf("message = %q", st.Message())
	}

	// FetchErrorDetails returns it once.
	fetch := func() *sparkpb.FetchErrorDetailsResponse {
		r, err := h.client.FetchErrorDetails(ctxT(t), &sparkpb.FetchErrorDetailsRequest{SessionId: sid, UserContext: user("alice"), ErrorId: info.Metadata["errorId"]})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	d := fetch()
	if len(d.Errors) != 1 || d.GetRootErrorIdx() != 0 ||
		d.Errors[0].GetSparkThrowable().GetErrorClass() != "TABLE_OR_VIEW_NOT_FOUND" ||
		d.Errors[0].GetSparkThrowable().GetSqlState() != "42P01" ||
		d.Errors[0].GetErrorTypeHierarchy()[0] != sparkerr.AnalysisException ||
		!strings.HasPrefix(d.Errors[0].GetMessage(), "[TABLE_OR_VIEW_NOT_FOUND]") {
		t.Fatalf("details = %v", d)
	}
	if d := fetch(); len(d.Errors) != 0 {
		t.Fatalf("second fetch = %v", d)
	}
}

func TestPanicsBecomeInternalErrors(t *testing.T) {
	h := newHarness(t, Options{})
	sid := uuid.NewString()
	s, _ := h.client.ExecutePlan(ctxT(t), execReq(sid, uuid.NewString(), "panic", true))
	if _, err := recvAll(s); errClass(t, err) != "INTERNAL_ERROR" {
		t.Fatalf("execute panic: %v", err)
	}
	h.core.analyzePanics.Store(true)
	_, err := h.client.AnalyzePlan(ctxT(t), &sparkpb.AnalyzePlanRequest{SessionId: sid, UserContext: user("alice"),
		Analyze: &sparkpb.AnalyzePlanRequest_SparkVersion_{SparkVersion: &sparkpb.AnalyzePlanRequest_SparkVersion{}}})
	if errClass(t, err) != "INTERNAL_ERROR" {
		t.Fatalf("analyze panic: %v", err)
	}
	h.core.analyzePanics.Store(false)

	// The server keeps serving.
	s, _ = h.client.ExecutePlan(ctxT(t), execReq(sid, uuid.NewString(), "rows:2", true))
	rs, err := recvAll(s)
	if err != nil || len(batchIndexes(rs)) != 2 {
		t.Fatalf("after panic: %v %v", rs, err)
	}
	a, err := h.client.AnalyzePlan(ctxT(t), &sparkpb.AnalyzePlanRequest{SessionId: sid, UserContext: user("alice"),
		Analyze: &sparkpb.AnalyzePlanRequest_SparkVersion_{SparkVersion: &sparkpb.AnalyzePlanRequest_SparkVersion{}}})
	if err != nil || a.GetSparkVersion().GetVersion() != "4.2.0" || a.SessionId != sid || a.ServerSideSessionId == "" {
		t.Fatalf("analyze = %v, %v", a, err)
	}
}

func TestSessionsBelongToTheirUser(t *testing.T) {
	h := newHarness(t, Options{})
	sid := uuid.NewString()
	ctx := ctxT(t)
	set := func(u, v string) *sparkpb.ConfigResponse {
		r, err := h.client.Config(ctx, &sparkpb.ConfigRequest{SessionId: sid, UserContext: user(u), Operation: &sparkpb.ConfigRequest_Operation{
			OpType: &sparkpb.ConfigRequest_Operation_Set{Set: &sparkpb.ConfigRequest_Set{Pairs: []*sparkpb.KeyValue{{Key: "my.key", Value: &v}}}}}})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	getOption := func(u string) (*string, string) {
		r, err := h.client.Config(ctx, &sparkpb.ConfigRequest{SessionId: sid, UserContext: user(u), Operation: &sparkpb.ConfigRequest_Operation{
			OpType: &sparkpb.ConfigRequest_Operation_GetOption{GetOption: &sparkpb.ConfigRequest_GetOption{Keys: []string{"my.key"}}}}})
		if err != nil {
			t.Fatal(err)
		}
		return r.Pairs[0].Value, r.ServerSideSessionId
	}
	a := set("alice", "A")
	if v, ss := getOption("mallory"); v != nil || ss == a.ServerSideSessionId {
		t.Fatalf("another user sees alice's session: %v %s", v, ss)
	}
	if v, ss := getOption("alice"); v == nil || *v != "A" || ss != a.ServerSideSessionId {
		t.Fatalf("alice lost her conf: %v %s", v, ss)
	}

	// Another user cannot reattach to, release or interrupt alice's operations.
	opID := uuid.NewString()
	h.core.started = make(chan string, 16)
	s, _ := h.client.ExecutePlan(ctx, execReq(sid, opID, "block", true))
	<-h.core.started
	rs, _ := h.client.ReattachExecute(ctx, &sparkpb.ReattachExecuteRequest{SessionId: sid, UserContext: user("mallory"), OperationId: opID})
	if _, err := recvAll(rs); errClass(t, err) != "INVALID_HANDLE.OPERATION_NOT_FOUND" {
		t.Fatalf("mallory reattached: %v", err)
	}
	rs, _ = h.client.ReattachExecute(ctx, &sparkpb.ReattachExecuteRequest{SessionId: sid, UserContext: user("eve"), OperationId: opID})
	if _, err := recvAll(rs); errClass(t, err) != "INVALID_HANDLE.SESSION_NOT_FOUND" {
		t.Fatalf("eve reattached: %v", err)
	}
	ir, err := h.client.Interrupt(ctx, &sparkpb.InterruptRequest{SessionId: sid, UserContext: user("mallory"), InterruptType: sparkpb.InterruptRequest_INTERRUPT_TYPE_ALL})
	if err != nil || len(ir.InterruptedIds) != 0 {
		t.Fatalf("mallory interrupted: %v %v", ir, err)
	}
	if _, err := h.client.ReleaseExecute(ctx, &sparkpb.ReleaseExecuteRequest{SessionId: sid, UserContext: user("mallory"), OperationId: opID,
		Release: &sparkpb.ReleaseExecuteRequest_ReleaseAll_{ReleaseAll: &sparkpb.ReleaseExecuteRequest_ReleaseAll{}}}); err != nil {
		t.Fatal(err)
	}
	if h.srv.lookupSession(requestIDs{userID: "alice", sessionID: sid}).op(opID) == nil {
		t.Fatalf("mallory released alice's operation")
	}
	ir, err = h.client.Interrupt(ctx, &sparkpb.InterruptRequest{SessionId: sid, UserContext: user("alice"), InterruptType: sparkpb.InterruptRequest_INTERRUPT_TYPE_ALL})
	if err != nil || len(ir.InterruptedIds) != 1 {
		t.Fatalf("alice interrupt: %v %v", ir, err)
	}
	_, _ = recvAll(s)
}

func TestSessionLifecycle(t *testing.T) {
	h := newHarness(t, Options{})
	ctx := ctxT(t)
	config := func(sid string, observed *string) (*sparkpb.ConfigResponse, error) {
		return h.client.Config(ctx, &sparkpb.ConfigRequest{SessionId: sid, UserContext: user("alice"), ClientObservedServerSideSessionId: observed,
			Operation: &sparkpb.ConfigRequest_Operation{OpType: &sparkpb.ConfigRequest_Operation_GetOption{
				GetOption: &sparkpb.ConfigRequest_GetOption{Keys: []string{"x"}}}}})
	}
	if _, err := config("nope", nil); errClass(t, err) != "INVALID_HANDLE.FORMAT" {
		t.Fatalf("bad session id: %v", err)
	}
	sid := uuid.NewString()
	r, err := config(sid, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := config(sid, ptr(uuid.NewString())); errClass(t, err) != "INVALID_HANDLE.SESSION_CHANGED" {
		t.Fatalf("changed: %v", err)
	}
	if _, err := config(sid, &r.ServerSideSessionId); err != nil {
		t.Fatalf("same server-side id: %v", err)
	}
	dir := h.srv.lookupSession(requestIDs{userID: "alice", sessionID: sid}).sess.ArtifactDir

	// Upload an artifact so that the directory exists.
	up, _ := h.client.AddArtifacts(ctx)
	_ = up.Send(batch(sid, artifact("files/a.txt", []byte("hi"), true)))
	if _, err := up.CloseAndRecv(); err != nil {
		t.Fatal(err)
	}

	rel, err := h.client.ReleaseSession(ctx, &sparkpb.ReleaseSessionRequest{SessionId: sid, UserContext: user("alice")})
	if err != nil || rel.SessionId != sid || rel.ServerSideSessionId != r.ServerSideSessionId {
		t.Fatalf("release = %v, %v", rel, err)
	}
	if h.core.closed.Load() != 1 {
		t.Fatalf("core sessions closed = %d", h.core.closed.Load())
	}
	if _, err := config(sid, nil); errClass(t, err) != "INVALID_HANDLE.SESSION_CLOSED" {
		t.Fatalf("after release: %v", err)
	}
	if _, err := statDir(dir); err == nil {
		t.Fatalf("artifact directory %s still exists", dir)
	}
	// Releasing again (or an unknown session) succeeds.
	if _, err := h.client.ReleaseSession(ctx, &sparkpb.ReleaseSessionRequest{SessionId: sid, UserContext: user("alice")}); err != nil {
		t.Fatal(err)
	}

	// allow_reconnect lets the session id be used again, as a new session.
	sid2 := uuid.NewString()
	r2, _ := config(sid2, nil)
	if _, err := h.client.ReleaseSession(ctx, &sparkpb.ReleaseSessionRequest{SessionId: sid2, UserContext: user("alice"), AllowReconnect: true}); err != nil {
		t.Fatal(err)
	}
	r3, err := config(sid2, nil)
	if err != nil || r3.ServerSideSessionId == r2.ServerSideSessionId {
		t.Fatalf("reconnect = %v, %v", r3, err)
	}
}

func TestJanitorExpiresSessionsAndAbandonedOperations(t *testing.T) {
	h := newHarness(t, Options{SessionTimeout: time.Hour, OperationTimeout: 5 * time.Minute, JanitorInterval: time.Hour})
	ctx := ctxT(t)
	sid, opID := uuid.NewString(), uuid.NewString()
	s, _ := h.client.ExecutePlan(ctx, execReq(sid, opID, "rows:2", true))
	if _, err := recvAll(s); err != nil {
		t.Fatal(err)
	}

	h.srv.sweep(time.Now().Add(time.Minute))
	if h.srv.lookupSession(requestIDs{userID: "alice", sessionID: sid}).op(opID) == nil {
		t.Fatalf("operation removed too early")
	}
	h.srv.sweep(time.Now().Add(6 * time.Minute))
	rs, _ := h.client.ReattachExecute(ctx, &sparkpb.ReattachExecuteRequest{SessionId: sid, UserContext: user("alice"), OperationId: opID})
	if _, err := recvAll(rs); errClass(t, err) != "INVALID_HANDLE.OPERATION_ABANDONED" {
		t.Fatalf("abandoned: %v", err)
	}

	h.srv.sweep(time.Now().Add(2 * time.Hour))
	if h.core.closed.Load() != 1 {
		t.Fatalf("idle session not closed")
	}
	rs, _ = h.client.ReattachExecute(ctx, &sparkpb.ReattachExecuteRequest{SessionId: sid, UserContext: user("alice"), OperationId: opID})
	if _, err := recvAll(rs); errClass(t, err) != "INVALID_HANDLE.SESSION_CLOSED" {
		t.Fatalf("expired: %v", err)
	}
}

func TestUnimplementedRPCs(t *testing.T) {
	h := newHarness(t, Options{})
	_, err := h.client.CloneSession(ctxT(t), &sparkpb.CloneSessionRequest{SessionId: uuid.NewString()})
	if st, _ := status.FromError(err); st.Code().String() != "Unimplemented" || !strings.Contains(st.Message(), "CloneSession") {
		t.Fatalf("CloneSession: %v", err)
	}
	_, err = h.client.GetStatus(ctxT(t), &sparkpb.GetStatusRequest{SessionId: uuid.NewString()})
	if st, _ := status.FromError(err); st.Code().String() != "Unimplemented" || !strings.Contains(st.Message(), "GetStatus") {
		t.Fatalf("GetStatus: %v", err)
	}
}

func TestManyConcurrentOperations(t *testing.T) {
	h := newHarness(t, Options{})
	sid := uuid.NewString()
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := h.client.ExecutePlan(ctxT(t), execReq(sid, uuid.NewString(), "rows:200", true))
			if err != nil {
				errs <- err
				return
			}
			rs, err := recvAll(s)
			if err != nil {
				errs <- err
				return
			}
			if n := len(batchIndexes(rs)); n != 200 {
				errs <- errors.New("lost batches: " + strconv.Itoa(n))
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// TestClientReattachLoop plays the client side of PySpark's reattachable
// iterator against a server that ends every stream after 4 responses.
func TestClientReattachLoop(t *testing.T) {
	h := newHarness(t, Options{MaxStreamResponses: 4})
	sid, opID := uuid.NewString(), uuid.NewString()
	s, err := h.client.ExecutePlan(ctxT(t), execReq(sid, opID, "rows:30", true))
	if err != nil {
		t.Fatal(err)
	}
	var all []*sparkpb.ExecutePlanResponse
	streams := 1
	for {
		rs, err := recvAll(s)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, rs...)
		if len(all) > 0 && all[len(all)-1].GetResultComplete() != nil {
			break
		}
		last := all[len(all)-1].ResponseId
		if _, err := h.client.ReleaseExecute(ctxT(t), &sparkpb.ReleaseExecuteRequest{SessionId: sid, UserContext: user("alice"), OperationId: opID,
			Release: &sparkpb.ReleaseExecuteRequest_ReleaseUntil_{ReleaseUntil: &sparkpb.ReleaseExecuteRequest_ReleaseUntil{ResponseId: last}}}); err != nil {
			t.Fatal(err)
		}
		s, err = h.client.ReattachExecute(ctxT(t), &sparkpb.ReattachExecuteRequest{SessionId: sid, UserContext: user("alice"), OperationId: opID, LastResponseId: &last})
		if err != nil {
			t.Fatal(err)
		}
		streams++
	}
	idx := batchIndexes(all)
	if len(idx) != 30 || streams < 8 {
		t.Fatalf("%d batches over %d streams", len(idx), streams)
	}
	for i, v := range idx {
		if v != int64(i+1) {
			t.Fatalf("batches out of order: %v", idx)
		}
	}
}
