package server

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sparkpb"
)

// AnalyzePlan delegates to the core and fills in the session ids.
func (s *Server) AnalyzePlan(ctx context.Context, req *sparkpb.AnalyzePlanRequest) (resp *sparkpb.AnalyzePlanResponse, err error) {
	c := s.begin("AnalyzePlan", req.GetSessionId())
	defer s.end(c, &err)

	st, err := s.getOrCreateSession(idsOf(req.GetUserContext(), req.GetSessionId(), req.ClientType, req.ClientObservedServerSideSessionId))
	if err != nil {
		return nil, err
	}
	c.st = st
	if err := decompressAnalyzePlans(req); err != nil {
		return nil, err
	}
	resp, err = s.core.Analyze(ctx, st.sess, req)
	if err != nil {
		return nil, err
	}
	if resp == nil {
		return nil, sparkerr.Internal("the analysis returned no result")
	}
	resp.SessionId = req.GetSessionId()
	resp.ServerSideSessionId = st.serverSideID()
	return resp, nil
}

// ReleaseSession drops the session: its operations are cancelled, the core
// frees its state and its artifacts are deleted. Unless allow_reconnect is
// set, the (user, session) pair cannot be used again. Unknown sessions are
// not an error.
func (s *Server) ReleaseSession(ctx context.Context, req *sparkpb.ReleaseSessionRequest) (resp *sparkpb.ReleaseSessionResponse, err error) {
	c := s.begin("ReleaseSession", req.GetSessionId())
	defer s.end(c, &err)

	resp = &sparkpb.ReleaseSessionResponse{SessionId: req.GetSessionId()}
	st := s.lookupSession(idsOf(req.GetUserContext(), req.GetSessionId(), req.ClientType, nil))
	if st == nil {
		return resp, nil
	}
	resp.ServerSideSessionId = st.serverSideID()
	s.closeSession(st, !req.GetAllowReconnect(), "released by client")
	return resp, nil
}

// FetchErrorDetails returns the full error recorded under an errorId (once,
// as Spark does); an unknown id gets an empty response.
func (s *Server) FetchErrorDetails(ctx context.Context, req *sparkpb.FetchErrorDetailsRequest) (resp *sparkpb.FetchErrorDetailsResponse, err error) {
	c := s.begin("FetchErrorDetails", req.GetSessionId())
	defer s.end(c, &err)

	st, err := s.getOrCreateSession(idsOf(req.GetUserContext(), req.GetSessionId(), req.ClientType, req.ClientObservedServerSideSessionId))
	if err != nil {
		return nil, err
	}
	c.st = st
	resp = &sparkpb.FetchErrorDetailsResponse{}
	if e, ok := st.errors.take(req.GetErrorId()); ok {
		resp = errorDetails(e)
	}
	resp.SessionId = req.GetSessionId()
	resp.ServerSideSessionId = st.serverSideID()
	return resp, nil
}

// CloneSession is not supported yet.
func (s *Server) CloneSession(ctx context.Context, req *sparkpb.CloneSessionRequest) (resp *sparkpb.CloneSessionResponse, err error) {
	c := s.begin("CloneSession", req.GetSessionId())
	defer s.end(c, &err)
	return nil, status.Error(codes.Unimplemented, "CloneSession is not implemented by Ember")
}

// GetStatus is not supported yet.
func (s *Server) GetStatus(ctx context.Context, req *sparkpb.GetStatusRequest) (resp *sparkpb.GetStatusResponse, err error) {
	c := s.begin("GetStatus", req.GetSessionId())
	defer s.end(c, &err)
	return nil, status.Error(codes.Unimplemented, "GetStatus is not implemented by Ember")
}
