package server

import (
	"context"
	"runtime/debug"
	"strconv"

	"github.com/google/uuid"
	"google.golang.org/grpc"

	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sparkpb"
)

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

// isReattachable reports whether the request asked for reattachable
// execution (PySpark always does).
func isReattachable(req *sparkpb.ExecutePlanRequest) bool {
	for _, o := range req.GetRequestOptions() {
		if ro := o.GetReattachOptions(); ro != nil && ro.GetReattachable() {
			return true
		}
	}
	return false
}

// ExecutePlan starts an operation and streams its responses.
func (s *Server) ExecutePlan(req *sparkpb.ExecutePlanRequest, stream grpc.ServerStreamingServer[sparkpb.ExecutePlanResponse]) (err error) {
	c := s.begin("ExecutePlan", req.GetSessionId())
	defer s.end(c, &err)

	st, err := s.getOrCreateSession(idsOf(req.GetUserContext(), req.GetSessionId(), req.ClientType, req.ClientObservedServerSideSessionId))
	if err != nil {
		return err
	}
	c.st = st

	opID := uuid.NewString()
	if req.OperationId != nil {
		opID = req.GetOperationId()
		if !validUUID(opID) {
			return sparkerr.Newf("INVALID_HANDLE.FORMAT", "handle", opID)
		}
	}
	c.operation = opID

	plan, err := decompressPlan(req.GetPlan())
	if err != nil {
		return err
	}

	op := newOperation(st, opID, req.GetTags(), isReattachable(req), s.opts)
	// Attach before the operation becomes visible, so that a concurrent
	// ReattachExecute cannot be overtaken by this original stream.
	gen := op.attach()
	if err := s.registerOperation(st, op); err != nil {
		op.cancel()
		return err
	}
	go s.run(op, plan)
	return s.stream(c, op, gen, stream.Context(), 1, stream)
}

// registerOperation adds op to its session, refusing a duplicate live id.
func (s *Server) registerOperation(st *sessionState, op *operation) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.closed {
		return sparkerr.Newf("INVALID_HANDLE.SESSION_CLOSED", "handle", st.key.sessionID)
	}
	if old, ok := st.ops[op.id]; ok {
		if !old.finishedAndDelivered() {
			return sparkerr.Newf("INVALID_HANDLE.OPERATION_ALREADY_EXISTS", "handle", op.id)
		}
		delete(st.ops, op.id)
	}
	st.ops[op.id] = op
	return nil
}

// run executes the operation's plan in the core and records the outcome.
func (s *Server) run(op *operation, plan *sparkpb.Plan) {
	var err error
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("core panicked while executing", "session", op.st.key.sessionID,
				"operation", op.id, "panic", r, "stack", string(debug.Stack()))
			err = sparkerr.Internal("execution panicked: %v", r)
		}
		op.finish(err)
	}()
	defer close(op.finished)
	out := &coalescer{push: op.push}
	err = s.core.Execute(op.ctx, op.st.sess, plan, out.send)
	if err == nil {
		last := &sparkpb.ExecutePlanResponse{Metrics: &sparkpb.ExecutePlanResponse_Metrics{}}
		if op.reattachable {
			last.ResponseType = &sparkpb.ExecutePlanResponse_ResultComplete_{ResultComplete: &sparkpb.ExecutePlanResponse_ResultComplete{}}
		}
		err = out.send(last)
	}
	// A schema held back for a first batch that never came goes out on
	// its own, before any error: Spark sends it before running the query,
	// and a client may fail on the schema itself (a 3.5 client cannot read
	// calendar intervals) before it sees the error.
	if ferr := out.flush(); err == nil {
		err = ferr
	}
}

// coalescer folds a response that only carries the result schema into the
// response after it. Both clients read schema, metrics and the response
// type of each response independently, and every response but the last
// costs a reattachable client one ReleaseExecute call, so a result of one
// batch goes out as two responses (schema with the batch, metrics with
// result_complete) instead of four.
type coalescer struct {
	push func(*sparkpb.ExecutePlanResponse) error
	held *sparkpb.ExecutePlanResponse
}

func (c *coalescer) send(resp *sparkpb.ExecutePlanResponse) error {
	if resp == nil {
		return nil
	}
	if c.held != nil {
		if resp.Schema == nil {
			resp.Schema = c.held.Schema
		} else if err := c.flush(); err != nil {
			return err
		}
		c.held = nil
	}
	if resp.Schema != nil && resp.ResponseType == nil && resp.Metrics == nil && len(resp.ObservedMetrics) == 0 {
		c.held = resp
		return nil
	}
	return c.push(resp)
}

// flush sends a held schema response on its own.
func (c *coalescer) flush() error {
	if c.held == nil {
		return nil
	}
	held := c.held
	c.held = nil
	return c.push(held)
}

// stream forwards op's responses from index start to the sender of
// generation gen (see operation.attach) until the stream ends, the client
// goes away or another sender attaches.
func (s *Server) stream(c *rpcCall, op *operation, gen int64, ctx context.Context, start int64, out grpc.ServerStreamingServer[sparkpb.ExecutePlanResponse]) error {
	defer op.detach(gen)
	if !op.reattachable {
		// Without reattach the operation lives exactly as long as its RPC.
		defer func() {
			op.st.removeOp(op, false)
			op.remove(sparkerr.New("OPERATION_CANCELED", nil))
		}()
	}
	for cursor := start; ; cursor++ {
		br, err := op.next(ctx, gen, cursor)
		if err != nil {
			return err
		}
		if br == nil {
			return nil
		}
		if err := out.Send(br.resp); err != nil {
			return err
		}
		c.rows += br.rows
		op.sent(br)
		if op.reattachable && s.opts.MaxStreamResponses > 0 && cursor-start+1 >= int64(s.opts.MaxStreamResponses) &&
			br.resp.GetResultComplete() == nil {
			return nil // the client reattaches after the last response it got
		}
	}
}

// ReattachExecute resumes an operation's stream after the client's last
// received response.
func (s *Server) ReattachExecute(req *sparkpb.ReattachExecuteRequest, stream grpc.ServerStreamingServer[sparkpb.ExecutePlanResponse]) (err error) {
	c := s.begin("ReattachExecute", req.GetSessionId())
	c.operation = req.GetOperationId()
	defer s.end(c, &err)

	st, err := s.getSession(idsOf(req.GetUserContext(), req.GetSessionId(), req.ClientType, req.ClientObservedServerSideSessionId))
	if err != nil {
		return err
	}
	c.st = st
	op := st.op(req.GetOperationId())
	if op == nil {
		if st.wasAbandoned(req.GetOperationId()) {
			return sparkerr.Newf("INVALID_HANDLE.OPERATION_ABANDONED", "handle", req.GetOperationId())
		}
		return sparkerr.Newf("INVALID_HANDLE.OPERATION_NOT_FOUND", "handle", req.GetOperationId())
	}
	if !op.reattachable {
		return sparkerr.New("INVALID_CURSOR.NOT_REATTACHABLE", nil)
	}
	gen := op.attach()
	start, err := op.resumeIndex(req.LastResponseId)
	if err != nil {
		op.detach(gen)
		return err
	}
	return s.stream(c, op, gen, stream.Context(), start, stream)
}

// ReleaseExecute drops acknowledged responses, or the whole operation. It
// always succeeds: releases arrive asynchronously, possibly after the
// operation or even the session is gone.
func (s *Server) ReleaseExecute(ctx context.Context, req *sparkpb.ReleaseExecuteRequest) (resp *sparkpb.ReleaseExecuteResponse, err error) {
	c := s.begin("ReleaseExecute", req.GetSessionId())
	c.operation = req.GetOperationId()
	c.debug = true
	defer s.end(c, &err)

	opID := req.GetOperationId()
	resp = &sparkpb.ReleaseExecuteResponse{SessionId: req.GetSessionId(), OperationId: &opID}
	ids := idsOf(req.GetUserContext(), req.GetSessionId(), req.ClientType, req.ClientObservedServerSideSessionId)
	st := s.lookupSession(ids)
	if st == nil {
		return resp, nil
	}
	c.st = st
	st.sess.Touch()
	resp.ServerSideSessionId = st.serverSideID()
	op := st.op(opID)
	if op == nil {
		return resp, nil
	}
	switch {
	case req.GetReleaseAll() != nil:
		st.removeOp(op, false)
		op.remove(sparkerr.New("OPERATION_CANCELED", nil))
	case req.GetReleaseUntil() != nil:
		op.releaseUntil(req.GetReleaseUntil().GetResponseId())
	}
	return resp, nil
}

// Interrupt cancels running operations of the session: all of them, those
// with a tag, or one by id.
func (s *Server) Interrupt(ctx context.Context, req *sparkpb.InterruptRequest) (resp *sparkpb.InterruptResponse, err error) {
	c := s.begin("Interrupt", req.GetSessionId())
	defer s.end(c, &err)

	st, err := s.getOrCreateSession(idsOf(req.GetUserContext(), req.GetSessionId(), req.ClientType, req.ClientObservedServerSideSessionId))
	if err != nil {
		return nil, err
	}
	c.st = st

	var match func(*operation) bool
	switch req.GetInterruptType() {
	case sparkpb.InterruptRequest_INTERRUPT_TYPE_ALL:
		match = func(*operation) bool { return true }
	case sparkpb.InterruptRequest_INTERRUPT_TYPE_TAG:
		tag, ok := req.GetInterrupt().(*sparkpb.InterruptRequest_OperationTag)
		if !ok {
			return nil, sparkerr.Newf("INVALID_PARAMETER_VALUE.INTERRUPT_TYPE_TAG_REQUIRES_TAG",
				"parameter", "operation_tag", "functionName", "interrupt")
		}
		match = func(op *operation) bool { return op.hasTag(tag.OperationTag) }
	case sparkpb.InterruptRequest_INTERRUPT_TYPE_OPERATION_ID:
		id, ok := req.GetInterrupt().(*sparkpb.InterruptRequest_OperationId)
		if !ok {
			return nil, sparkerr.Newf("INVALID_PARAMETER_VALUE.INTERRUPT_TYPE_OPERATION_ID_REQUIRES_ID",
				"parameter", "operation_id", "functionName", "interrupt")
		}
		c.operation = id.OperationId
		match = func(op *operation) bool { return op.id == id.OperationId }
	default:
		return nil, sparkerr.Newf("UNSUPPORTED_FEATURE.INTERRUPT_TYPE", "interruptType", req.GetInterruptType().String())
	}

	resp = &sparkpb.InterruptResponse{SessionId: req.GetSessionId(), ServerSideSessionId: st.serverSideID()}
	for _, op := range st.operations() {
		if match(op) && op.interrupt() {
			resp.InterruptedIds = append(resp.InterruptedIds, op.id)
		}
	}
	return resp, nil
}
