package streaming

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// fakeHost stands in for the engine: every staged table "holds" rows
// rows, and the calls are recorded.
type fakeHost struct {
	mu    sync.Mutex
	rows  int64
	calls []string
	views map[string]plan.Relation
	cmu   sync.Mutex
}

func (h *fakeHost) Lock()   { h.mu.Lock() }
func (h *fakeHost) Unlock() { h.mu.Unlock() }
func (h *fakeHost) log(s string) {
	h.cmu.Lock()
	h.calls = append(h.calls, s)
	h.cmu.Unlock()
}
func cols(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("_c%d", i)
	}
	return out
}
func (h *fakeHost) Stage(_ context.Context, p logical.Plan, table string, add bool) ([]string, error) {
	h.log(fmt.Sprintf("stage %s add=%v", table, add))
	return cols(len(p.Output())), nil
}
func (h *fakeHost) CreateTable(_ context.Context, table string, s types.Struct) ([]string, error) {
	h.log("create " + table)
	return cols(len(s.Fields)), nil
}
func (h *fakeHost) Count(context.Context, string) (int64, error)                  { return h.rows, nil }
func (h *fakeHost) Drop(_ context.Context, table string)                          { h.log("drop " + table) }
func (h *fakeHost) Write(context.Context, Sink, plan.Relation) error              { h.log("write"); return nil }
func (h *fakeHost) Show(context.Context, plan.Relation, int, int) (string, error) { return "", nil }
func (h *fakeHost) SetView(name string, rel plan.Relation) {
	h.cmu.Lock()
	defer h.cmu.Unlock()
	if h.views == nil {
		h.views = map[string]plan.Relation{}
	}
	h.views[name] = rel
}
func (h *fakeHost) Print(string) {}
func (h *fakeHost) ObservedMetrics(context.Context, logical.Plan) (json.RawMessage, error) {
	return json.RawMessage("{}"), nil
}
func (h *fakeHost) EventStats(context.Context, string, string) (int64, int64, int64, bool, error) {
	return 0, 0, 0, false, nil
}
func (h *fakeHost) Prune(context.Context, string, string, int64) error { return nil }
func (h *fakeHost) TableScan(context.Context, string, string) (*logical.TableScan, error) {
	return nil, sparkerr.Unsupported("tables")
}

func rmbSpec(name string, trig Trigger) Spec {
	return Spec{Plan: rateMicroBatch(map[string]string{"rowsperbatch": "3"}), Name: name, Trigger: trig,
		Sink: Sink{Format: "memory", Options: map[string]string{}}}
}

func TestQueryAvailableNowLifecycle(t *testing.T) {
	h := &fakeHost{rows: 3}
	m := NewManager(h)
	bus := m.Subscribe()
	h.Lock()
	q, started, err := m.Start(context.Background(), rmbSpec("q1", Trigger{Kind: TriggerAvailableNow}))
	h.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(started, `"name":"q1"`) {
		t.Errorf("started event = %s", started)
	}
	if h.views["q1"] == nil {
		t.Error("the memory sink's view must exist from the start")
	}
	done, err := q.AwaitTermination(context.Background(), 10*time.Second)
	if !done || err != nil {
		t.Fatalf("AwaitTermination = %v, %v", done, err)
	}
	if ps := q.Progress(); len(ps) != 1 || !strings.Contains(ps[0], `"batchId":0`) {
		t.Errorf("progress = %v, want one batch", ps)
	}
	if msg, _, _, active := q.Status(); active || msg != "Stopped" {
		t.Errorf("status = %q active=%v", msg, active)
	}
	if len(m.Active()) != 0 || m.Get(q.ID) != nil || m.Lookup(q.ID, q.RunID) != q {
		t.Error("an ended query leaves the active list but stays known by id")
	}
	if ended, _ := m.AwaitAnyTermination(context.Background(), time.Second); !ended {
		t.Error("AwaitAnyTermination after an end = false")
	}
	m.ResetTerminated()
	if ended, _ := m.AwaitAnyTermination(context.Background(), 50*time.Millisecond); ended {
		t.Error("AwaitAnyTermination after ResetTerminated = true")
	}
	var kinds []EventType
	for len(kinds) < 2 {
		select {
		case ev := <-bus.C:
			kinds = append(kinds, ev.Type)
		case <-time.After(5 * time.Second):
			t.Fatalf("events so far %v, want progress then terminated", kinds)
		}
	}
	if kinds[0] != EventProgress || kinds[1] != EventTerminated {
		t.Errorf("events = %v, want progress then terminated", kinds)
	}
	m.Close()
	if _, ok := <-bus.C; ok {
		t.Error("Close must end the listener buses")
	}
}

func TestQueryProcessingTimeAndStop(t *testing.T) {
	h := &fakeHost{rows: 3}
	m := NewManager(h)
	h.Lock()
	q, _, err := m.Start(context.Background(), rmbSpec("q2", Trigger{Kind: TriggerProcessingTime, Interval: 20 * time.Millisecond}))
	h.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	h.Lock()
	_, _, err = m.Start(context.Background(), rmbSpec("Q2", Trigger{}))
	h.Unlock()
	if err == nil || !strings.Contains(err.Error(), "already active") {
		t.Errorf("a second active query named q2: %v", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for len(q.Progress()) < 3 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if len(q.Progress()) < 3 {
		t.Fatalf("%d batches after waiting, want a batch per trigger", len(q.Progress()))
	}
	q.Stop()
	if q.IsActive() {
		t.Error("active after Stop")
	}
	if done, err := q.AwaitTermination(context.Background(), time.Second); !done || err != nil {
		t.Errorf("AwaitTermination after Stop = %v, %v", done, err)
	}
	m.Close()
}
