package server

import (
	"context"
	"errors"
	"log/slog"
	"runtime/debug"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/emberdb/ember/internal/sparkerr"
)

// rpcCall tracks one RPC for its log line and error conversion.
type rpcCall struct {
	method    string
	sessionID string
	operation string
	start     time.Time
	rows      int64
	st        *sessionState // set once the session is known
	debug     bool          // log at debug level when successful (chatty RPCs)
}

func (s *Server) begin(method, sessionID string) *rpcCall {
	return &rpcCall{method: method, sessionID: sessionID, start: time.Now()}
}

// end is deferred by every handler. It turns a panic into INTERNAL_ERROR
// (the server keeps serving), converts the handler's error into a Spark
// status (recording it for FetchErrorDetails when the session is known) and
// writes the RPC's log line.
func (s *Server) end(c *rpcCall, errp *error) {
	if r := recover(); r != nil {
		s.log.Error("panic in RPC handler", "method", c.method, "session", c.sessionID,
			"operation", c.operation, "panic", r, "stack", string(debug.Stack()))
		*errp = sparkerr.Internal("%s failed: %v", c.method, r)
	}
	if *errp != nil {
		if c.st != nil {
			*errp = c.st.recordError(*errp)
		} else {
			*errp = toStatus(*errp, "").Err()
		}
	}
	err := *errp
	attrs := []any{
		"method", c.method,
		"session", c.sessionID,
		"duration", time.Since(c.start),
	}
	if c.operation != "" {
		attrs = append(attrs, "operation", c.operation)
	}
	if c.rows > 0 || c.method == "ExecutePlan" || c.method == "ReattachExecute" {
		attrs = append(attrs, "rows", c.rows)
	}
	level := slog.LevelInfo
	if c.debug {
		level = slog.LevelDebug
	}
	if err != nil {
		cls := errorClassOf(err)
		if st, ok := status.FromError(err); ok && st.Code() == codes.Canceled {
			cls = "CLIENT_DISCONNECTED"
		}
		attrs = append(attrs, "error_class", cls)
		if cls == "INTERNAL_ERROR" {
			level = slog.LevelError
			attrs = append(attrs, "error", status.Convert(err).Message())
		} else if level < slog.LevelInfo {
			level = slog.LevelInfo
		}
	}
	s.log.Log(context.Background(), level, "rpc", attrs...)
}

// statusOf reports whether err carries a gRPC status.
func statusOf(err error) (*status.Status, bool) {
	var gs interface{ GRPCStatus() *status.Status }
	if errors.As(err, &gs) {
		return gs.GRPCStatus(), true
	}
	return nil, false
}
