package streaming

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/emberdb/ember/internal/sparkerr"
)

// EventType of a listener event (the values of the protocol's
// StreamingQueryEventType).
type EventType int

const (
	EventProgress   EventType = 1
	EventTerminated EventType = 2
	EventIdle       EventType = 3
)

// Event is a listener event in Spark's JSON form.
type Event struct {
	Type EventType
	JSON string
}

// Bus is one client-side listener bus subscription: events arrive on C
// until the bus is removed or the manager closes (C is then closed).
type Bus struct {
	C      chan Event
	once   sync.Once
	posted atomic.Int64 // events queued on C
	sent   atomic.Int64 // events the server has sent on (see Sent)
}

func (b *Bus) close() { b.once.Do(func() { close(b.C) }) }

// Sent records that one event taken from C went out to the client.
func (b *Bus) Sent() { b.sent.Add(1) }

// Manager holds a session's streaming queries (spark.streams).
type Manager struct {
	host Host

	mu         sync.Mutex
	active     []*Query
	byID       map[string]*Query // every query of the session, by id
	lastFailed error
	anyEnded   bool          // a query ended since the last resetTerminated
	endedCh    chan struct{} // closed when a query ends, then replaced
	buses      []*Bus
	closed     bool
}

// NewManager makes a session's query manager.
func NewManager(h Host) *Manager {
	return &Manager{host: h, byID: map[string]*Query{}, endedCh: make(chan struct{})}
}

// Start validates and starts a query; the caller holds the host lock.
// It returns the query and its QueryStartedEvent JSON.
func (m *Manager) Start(ctx context.Context, spec Spec) (*Query, string, error) {
	if err := Validate(&spec); err != nil {
		return nil, "", err
	}
	m.mu.Lock()
	if m.closed {
		m.mu.Unlock()
		return nil, "", sparkerr.Newf("INVALID_HANDLE.SESSION_CLOSED", "handle", "")
	}
	if spec.Name != "" {
		for _, q := range m.active {
			if strings.EqualFold(q.Name, spec.Name) {
				m.mu.Unlock()
				return nil, "", sparkerr.Unclassified(sparkerr.IllegalArgument,
					"Cannot start query with name "+spec.Name+" as a query with that name is already active in this SparkSession")
			}
		}
	}
	m.mu.Unlock()
	id, runID := newIDs()
	q := &Query{ID: id, RunID: runID, Name: spec.Name, spec: spec, mgr: m, host: m.host}
	if err := q.start(ctx); err != nil {
		return nil, "", err
	}
	m.mu.Lock()
	m.active = append(m.active, q)
	m.byID[id] = q
	m.mu.Unlock()
	return q, startedEvent(id, runID, spec.Name, q.started), nil
}

// terminated is called by a query's goroutine when it ends.
func (m *Manager) terminated(q *Query) {
	m.mu.Lock()
	for i, a := range m.active {
		if a == q {
			m.active = append(m.active[:i], m.active[i+1:]...)
			break
		}
	}
	if err := q.Err(); err != nil {
		m.lastFailed = q.failure()
	}
	m.anyEnded = true
	close(m.endedCh)
	m.endedCh = make(chan struct{})
	m.mu.Unlock()
	var exc, class *string
	if text, cls, ok := q.ExceptionText(); ok {
		exc, class = &text, &cls
	}
	m.post(Event{Type: EventTerminated, JSON: terminatedEvent(q.ID, q.RunID, exc, class)})
}

// Active lists the running queries in start order.
func (m *Manager) Active() []*Query {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]*Query(nil), m.active...)
}

// Get returns an active query by id (nil when none).
func (m *Manager) Get(id string) *Query {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, q := range m.active {
		if q.ID == id {
			return q
		}
	}
	return nil
}

// Lookup finds a query of the session, active or not, by id and run id.
func (m *Manager) Lookup(id, runID string) *Query {
	m.mu.Lock()
	defer m.mu.Unlock()
	q := m.byID[id]
	if q == nil || (runID != "" && q.RunID != runID) {
		return nil
	}
	return q
}

// AwaitAnyTermination waits until a query ended since the last
// ResetTerminated (timeout <= 0: no limit); it reports whether one did,
// with the failure of the last failed query.
func (m *Manager) AwaitAnyTermination(ctx context.Context, timeout time.Duration) (bool, error) {
	var tc <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		tc = t.C
	}
	for {
		m.mu.Lock()
		if m.anyEnded {
			err := m.lastFailed
			m.mu.Unlock()
			return true, err
		}
		ch := m.endedCh
		m.mu.Unlock()
		select {
		case <-ch:
		case <-tc:
			return false, nil
		case <-ctx.Done():
			return false, ctx.Err()
		}
	}
}

// ResetTerminated forgets ended queries for AwaitAnyTermination.
func (m *Manager) ResetTerminated() {
	m.mu.Lock()
	m.anyEnded = false
	m.lastFailed = nil
	m.mu.Unlock()
}

// Subscribe adds a client-side listener bus.
func (m *Manager) Subscribe() *Bus {
	b := &Bus{C: make(chan Event, 1024)}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		b.close()
		return b
	}
	m.buses = append(m.buses, b)
	return b
}

// Unsubscribe removes every listener bus of the session (a client keeps
// one and removes it when its last listener goes).
func (m *Manager) Unsubscribe() {
	m.mu.Lock()
	buses := m.buses
	m.buses = nil
	m.mu.Unlock()
	for _, b := range buses {
		b.close()
	}
}

// Remove ends one bus (its client went away).
func (m *Manager) Remove(b *Bus) {
	m.mu.Lock()
	for i, x := range m.buses {
		if x == b {
			m.buses = append(m.buses[:i], m.buses[i+1:]...)
			break
		}
	}
	m.mu.Unlock()
	b.close()
}

// post delivers an event to every bus; a bus whose client does not keep
// up loses events rather than stalling the query.
func (m *Manager) post(ev Event) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, b := range m.buses {
		select {
		case b.C <- ev:
			b.posted.Add(1)
		default:
		}
	}
}

// waitDelivered waits (at most d) until every event posted so far went
// out to the clients. stop() uses it: a 4.x client removes its listener
// right after stop() returns while holding the lock its event thread
// needs, so an event still in flight at that moment would deadlock it.
func (m *Manager) waitDelivered(d time.Duration) {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		m.mu.Lock()
		pending, buses := false, len(m.buses)
		for _, b := range m.buses {
			if b.sent.Load() < b.posted.Load() {
				pending = true
			}
		}
		m.mu.Unlock()
		if !pending {
			if buses > 0 {
				// Sent means handed to the RPC stream; give the client's
				// event thread a moment to take it.
				time.Sleep(100 * time.Millisecond)
			}
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// Close stops every query of the session and ends its listener buses.
func (m *Manager) Close() {
	m.mu.Lock()
	m.closed = true
	qs := append([]*Query(nil), m.active...)
	m.mu.Unlock()
	for _, q := range qs {
		q.Stop()
	}
	m.Unsubscribe()
}
