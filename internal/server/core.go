package server

import (
	"context"

	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkpb"
)

// Core runs plans for the server. The server owns everything about the
// protocol (sessions, operations, reattach buffers, ids, config, artifacts,
// errors); the core owns meaning (conversion, analysis, execution).
type Core interface {
	// OpenSession prepares per-session engine state; CloseSession frees it.
	OpenSession(s *session.Session) error
	CloseSession(s *session.Session)

	// Execute runs ExecutePlanRequest.plan (a root relation or a command)
	// and sends its result responses through send: for a query the schema
	// response then Arrow batches; for a command its result message (e.g.
	// sql_command_result) if it has one. The server sets session_id,
	// server_side_session_id, operation_id and response_id on each, and
	// itself appends the metrics and result_complete responses.
	// Errors are *sparkerr.Error where a user should see them.
	Execute(ctx context.Context, s *session.Session, p *sparkpb.Plan, send func(*sparkpb.ExecutePlanResponse) error) error

	// Analyze answers AnalyzePlan; the server fills session ids.
	Analyze(ctx context.Context, s *session.Session, req *sparkpb.AnalyzePlanRequest) (*sparkpb.AnalyzePlanResponse, error)
}
