package server

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sparkpb"
)

// closedSessionTombstones bounds how many closed (user, session) pairs are
// remembered (Spark's closedSessionsTombstonesSize default).
const closedSessionTombstones = 1000

// closeWait bounds how long closing a session waits for its cancelled
// executions to return.
const closeWait = 10 * time.Second

// abandonedTombstones bounds how many garbage-collected operation ids a
// session remembers to answer INVALID_HANDLE.OPERATION_ABANDONED.
const abandonedTombstones = 1000

// sessionKey identifies a session the way Spark does: a session belongs to
// the user that created it, and another user_id with the same session_id is
// a different session.
type sessionKey struct {
	userID    string
	sessionID string
}

// sessionState is the server's bookkeeping around one session.Session.
type sessionState struct {
	key  sessionKey
	sess *session.Session

	// ready is closed once the core has opened the session; openErr is its
	// outcome.
	ready   chan struct{}
	openErr error

	mu        sync.Mutex
	ops       map[string]*operation
	abandoned map[string]struct{}
	abOrder   []string
	closed    bool

	errors errorCache
}

// serverSideID is the session incarnation's id echoed in every response.
func (st *sessionState) serverSideID() string { return st.sess.ServerSideID }

// recordError converts err into a status error whose ErrorInfo carries a
// fresh errorId, and remembers the Spark error for FetchErrorDetails.
func (st *sessionState) recordError(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := sparkerr.As(err); !ok {
		if _, isStatus := statusOf(err); isStatus {
			return err
		}
	}
	se := asSparkError(err)
	// Spark 3.5 words some messages differently and has no SQLSTATE suffix.
	if session.ClientMajorVersion(st.sess.ClientType) == "3" {
		se.ForSpark35()
	}
	id := uuid.NewString()
	st.errors.put(id, se)
	return toStatus(se, id).Err()
}

// op returns the live operation with the given id.
func (st *sessionState) op(id string) *operation {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.ops[id]
}

// wasAbandoned reports whether id was garbage-collected as abandoned.
func (st *sessionState) wasAbandoned(id string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	_, ok := st.abandoned[id]
	return ok
}

// removeOp drops op from the registry (if it is still the registered one).
func (st *sessionState) removeOp(op *operation, abandoned bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.ops[op.id] == op {
		delete(st.ops, op.id)
	}
	if abandoned {
		if st.abandoned == nil {
			st.abandoned = map[string]struct{}{}
		}
		st.abandoned[op.id] = struct{}{}
		st.abOrder = append(st.abOrder, op.id)
		for len(st.abOrder) > abandonedTombstones {
			delete(st.abandoned, st.abOrder[0])
			st.abOrder = st.abOrder[1:]
		}
	}
}

// operations returns a snapshot of the live operations.
func (st *sessionState) operations() []*operation {
	st.mu.Lock()
	defer st.mu.Unlock()
	out := make([]*operation, 0, len(st.ops))
	for _, op := range st.ops {
		out = append(out, op)
	}
	return out
}

// busy reports whether any operation is running or streaming, which keeps
// the session from expiring.
func (st *sessionState) busy() bool {
	for _, op := range st.operations() {
		if op.busy() {
			return true
		}
	}
	return false
}

// sessionManager holds the live sessions and the tombstones of closed ones.
type sessionManager struct {
	mu          sync.Mutex
	sessions    map[sessionKey]*sessionState
	closed      map[sessionKey]struct{}
	closedOrder []sessionKey
}

func newSessionManager() *sessionManager {
	return &sessionManager{sessions: map[sessionKey]*sessionState{}, closed: map[sessionKey]struct{}{}}
}

func (m *sessionManager) tombstone(k sessionKey) {
	if _, ok := m.closed[k]; ok {
		return
	}
	m.closed[k] = struct{}{}
	m.closedOrder = append(m.closedOrder, k)
	for len(m.closedOrder) > closedSessionTombstones {
		delete(m.closed, m.closedOrder[0])
		m.closedOrder = m.closedOrder[1:]
	}
}

func (m *sessionManager) all() []*sessionState {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]*sessionState, 0, len(m.sessions))
	for _, st := range m.sessions {
		out = append(out, st)
	}
	return out
}

// requestIDs are the identifying fields every request carries.
type requestIDs struct {
	userID     string
	sessionID  string
	clientType string
	observed   *string // client_observed_server_side_session_id
}

func idsOf(uc *sparkpb.UserContext, sessionID string, clientType *string, observed *string) requestIDs {
	ct := ""
	if clientType != nil {
		ct = *clientType
	}
	return requestIDs{userID: uc.GetUserId(), sessionID: sessionID, clientType: ct, observed: observed}
}

// validUUID reports whether s parses as a UUID in its canonical 36-character
// form (what Spark's handles look like).
func validUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	_, err := uuid.Parse(s)
	return err == nil
}

// getOrCreateSession returns the session for ids, creating it (and opening
// it in the core) on first use, as Spark does for most RPCs.
func (s *Server) getOrCreateSession(ids requestIDs) (*sessionState, error) {
	key := sessionKey{ids.userID, ids.sessionID}
	s.sessions.mu.Lock()
	st, ok := s.sessions.sessions[key]
	if !ok {
		if !validUUID(ids.sessionID) {
			s.sessions.mu.Unlock()
			return nil, sparkerr.Newf("INVALID_HANDLE.FORMAT", "handle", ids.sessionID)
		}
		if _, closed := s.sessions.closed[key]; closed {
			s.sessions.mu.Unlock()
			return nil, sparkerr.Newf("INVALID_HANDLE.SESSION_CLOSED", "handle", ids.sessionID)
		}
		serverSide := uuid.NewString()
		sess := session.New(ids.sessionID, ids.userID, serverSide, ids.clientType,
			filepath.Join(s.opts.ArtifactRoot, serverSide))
		for k, v := range s.opts.Confs {
			sess.Conf.Set(k, v)
		}
		st = &sessionState{key: key, sess: sess, ready: make(chan struct{}), ops: map[string]*operation{}}
		s.sessions.sessions[key] = st
		s.sessions.mu.Unlock()

		st.openErr = s.openSession(sess)
		if st.openErr != nil {
			s.sessions.mu.Lock()
			if s.sessions.sessions[key] == st {
				delete(s.sessions.sessions, key)
			}
			s.sessions.mu.Unlock()
		} else {
			s.log.Info("session opened", "session", ids.sessionID, "user", ids.userID,
				"server_side_session", serverSide, "client", ids.clientType)
		}
		close(st.ready)
	} else {
		s.sessions.mu.Unlock()
	}
	<-st.ready
	if st.openErr != nil {
		return nil, st.openErr
	}
	if err := checkObserved(st, ids); err != nil {
		return nil, err
	}
	st.sess.Touch()
	return st, nil
}

// openSession calls the core, turning a panic into an error.
func (s *Server) openSession(sess *session.Session) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = sparkerr.Internal("opening the session panicked: %v", r)
		}
	}()
	if err := s.core.OpenSession(sess); err != nil {
		return fmt.Errorf("open session %s: %w", sess.ID, err)
	}
	return nil
}

// getSession returns an existing session: INVALID_HANDLE.SESSION_CLOSED or
// SESSION_NOT_FOUND otherwise (ReattachExecute never creates sessions).
func (s *Server) getSession(ids requestIDs) (*sessionState, error) {
	st := s.lookupSession(ids)
	if st == nil {
		s.sessions.mu.Lock()
		_, closed := s.sessions.closed[sessionKey{ids.userID, ids.sessionID}]
		s.sessions.mu.Unlock()
		if closed {
			return nil, sparkerr.Newf("INVALID_HANDLE.SESSION_CLOSED", "handle", ids.sessionID)
		}
		return nil, sparkerr.Newf("INVALID_HANDLE.SESSION_NOT_FOUND", "handle", ids.sessionID)
	}
	if err := checkObserved(st, ids); err != nil {
		return nil, err
	}
	st.sess.Touch()
	return st, nil
}

// lookupSession returns the open session for ids, or nil.
func (s *Server) lookupSession(ids requestIDs) *sessionState {
	s.sessions.mu.Lock()
	st, ok := s.sessions.sessions[sessionKey{ids.userID, ids.sessionID}]
	s.sessions.mu.Unlock()
	if !ok {
		return nil
	}
	<-st.ready
	if st.openErr != nil {
		return nil
	}
	return st
}

// checkObserved enforces INVALID_HANDLE.SESSION_CHANGED: a client that saw
// another incarnation of the session (e.g. before a server restart) must
// reconnect.
func checkObserved(st *sessionState, ids requestIDs) error {
	if ids.observed != nil && *ids.observed != "" && *ids.observed != st.serverSideID() {
		return sparkerr.Newf("INVALID_HANDLE.SESSION_CHANGED", "handle", ids.sessionID)
	}
	return nil
}

// closeSession drops a session: cancels its operations, closes it in the
// core and deletes its artifacts. With tombstone, later requests for the
// same (user, session) get INVALID_HANDLE.SESSION_CLOSED.
func (s *Server) closeSession(st *sessionState, tombstone bool, reason string) {
	s.sessions.mu.Lock()
	if tombstone {
		s.sessions.tombstone(st.key)
	}
	if s.sessions.sessions[st.key] != st {
		s.sessions.mu.Unlock()
		return
	}
	delete(s.sessions.sessions, st.key)
	s.sessions.mu.Unlock()

	st.mu.Lock()
	st.closed = true
	ops := make([]*operation, 0, len(st.ops))
	for _, op := range st.ops {
		ops = append(ops, op)
	}
	st.ops = map[string]*operation{}
	st.mu.Unlock()
	for _, op := range ops {
		op.remove(sparkerr.New("OPERATION_CANCELED", nil))
	}
	// The core must not lose the session's state under a running execution:
	// wait (bounded) for the cancelled executions to return.
	wait, cancel := context.WithTimeout(context.Background(), closeWait)
	defer cancel()
	for _, op := range ops {
		select {
		case <-op.finished:
		case <-wait.Done():
			s.log.Warn("closing a session while an execution ignores cancellation",
				"session", st.key.sessionID, "operation", op.id)
		}
	}

	func() {
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("closing the session in the core panicked", "session", st.key.sessionID, "panic", r)
			}
		}()
		s.core.CloseSession(st.sess)
	}()
	if dir := st.sess.ArtifactDir; dir != "" {
		if err := os.RemoveAll(dir); err != nil {
			s.log.Warn("removing session artifacts failed", "session", st.key.sessionID, "dir", dir, "error", err)
		}
	}
	s.log.Info("session closed", "session", st.key.sessionID, "user", st.key.userID, "reason", reason)
}

// janitor expires idle sessions and abandoned operations until stop closes.
func (s *Server) janitor(stop <-chan struct{}) {
	defer close(s.janitorDone)
	t := time.NewTicker(s.opts.JanitorInterval)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case now := <-t.C:
			s.sweep(now)
		}
	}
}

// sweep runs one janitor pass.
func (s *Server) sweep(now time.Time) {
	for _, st := range s.sessions.all() {
		for _, op := range st.operations() {
			if op.abandonedSince(now, s.opts.OperationTimeout) {
				s.log.Info("operation abandoned", "session", st.key.sessionID, "operation", op.id)
				st.removeOp(op, true)
				op.remove(sparkerr.Newf("INVALID_HANDLE.OPERATION_ABANDONED", "handle", op.id))
			}
		}
		if s.opts.SessionTimeout > 0 && now.Sub(st.sess.LastUsed()) > s.opts.SessionTimeout && !st.busy() {
			s.closeSession(st, true, "idle timeout")
		}
	}
}
