package streaming

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// Host runs the engine work of micro-batches on a session's connection.
// Every method but Lock/Unlock is called with the lock held.
type Host interface {
	Lock()
	Unlock()
	// Stage stores a plan's rows in a temporary table (replacing it, or
	// appending when add is set) and returns the table's column names.
	Stage(ctx context.Context, p logical.Plan, table string, add bool) ([]string, error)
	// CreateTable makes an empty temporary table of the schema.
	CreateTable(ctx context.Context, table string, schema types.Struct) ([]string, error)
	Count(ctx context.Context, table string) (int64, error)
	Drop(ctx context.Context, table string)
	// Write appends rows to a file or table sink.
	Write(ctx context.Context, sink Sink, rows plan.Relation) error
	// Show renders rows as df.show(numRows, truncate) does.
	Show(ctx context.Context, rows plan.Relation, numRows, truncate int) (string, error)
	// ObservedMetrics evaluates the DataFrame.observe metrics of a plan,
	// as progress JSON's observedMetrics object ({} when none).
	ObservedMetrics(ctx context.Context, p logical.Plan) (json.RawMessage, error)
	// EventStats are the min, max and average (whole ms) of a timestamp
	// column of a table in µs (ok false when it has no value).
	EventStats(ctx context.Context, table, column string) (min, max, avg int64, ok bool, err error)
	// Prune deletes a table's rows whose timestamp column is at or
	// before us.
	Prune(ctx context.Context, table, column string, us int64) error
	// TableScan reads a catalog table's current snapshot.
	TableScan(ctx context.Context, db, table string) (*logical.TableScan, error)
	// SetView registers (replaces) a temporary view of the session.
	SetView(name string, rel plan.Relation)
	// Print writes console-sink output to the server's stdout.
	Print(text string)
}

// Query is a running (or terminated) streaming query.
type Query struct {
	ID, RunID string
	Name      string
	spec      Spec
	mgr       *Manager
	host      Host
	sources   []*source
	stateful  bool
	prefix    string // temp table name prefix
	outCols   []string
	memTable  string
	memCols   []string
	observed  json.RawMessage    // the last batch's observed metrics
	agg       *logical.Aggregate // the streaming aggregation, if any

	// append-mode aggregation over a watermark (watermark.go)
	wm             *eventTimeAgg
	wmCols         []string
	watermark      int64 // µs; the current batch's watermark
	emitted        int64 // µs; groups up to here were emitted
	maxEvent       int64 // µs; largest event time seen
	sawEvent       bool
	needNoData     bool      // the watermark moved: run a batch without data
	batchWatermark int64     // the watermark of the batch being recorded
	batchEvents    *[3]int64 // min, max, avg event time of the batch's rows

	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}

	mu         sync.Mutex
	cond       *sync.Cond
	active     bool
	status     string
	dataAvail  bool
	trigActive bool
	err        error
	batchID    int64
	progress   []string // JSON, oldest first (at most maxProgress)
	checkSeq   int64    // counts offset checks
	idleSeq    int64    // the check that last found no new data
	started    time.Time
	lastEnd    time.Time
}

const maxProgress = 100

var querySeq struct {
	sync.Mutex
	n int64
}

func nextSeq() int64 {
	querySeq.Lock()
	defer querySeq.Unlock()
	querySeq.n++
	return querySeq.n
}

// start prepares the query's tables and launches its goroutine. The
// caller holds the host lock.
func (q *Query) start(ctx context.Context) error {
	now := time.Now()
	sh := analyze(q.spec.Plan)
	q.stateful = sh.aggregate != nil
	q.agg = sh.aggregate
	if q.agg != nil && q.spec.Mode != Complete && sh.watermark {
		wm, err := findEventTimeAgg(q.agg)
		if err != nil {
			return err
		}
		q.wm = wm
		q.stateful = false // rows are kept at the watermark node instead
	}
	q.prefix = fmt.Sprintf("ember_stream_%d", nextSeq())
	for i, n := range sh.sources {
		src, err := newSource(n, now)
		if err != nil {
			return err
		}
		src.currentScan = func(db, table string) (*logical.TableScan, error) {
			return q.host.TableScan(q.ctx, db, table)
		}
		src.batchTable = fmt.Sprintf("%s_s%d_batch", q.prefix, i)
		src.allTable = fmt.Sprintf("%s_s%d_all", q.prefix, i)
		if q.stateful {
			if src.cols, err = q.host.CreateTable(ctx, src.allTable, logical.Schema(n.Attrs)); err != nil {
				return err
			}
		}
		q.sources = append(q.sources, src)
	}
	if q.wm != nil {
		cols, err := q.host.CreateTable(ctx, q.prefix+"_wm_all", logical.Schema(q.wm.node.Output()))
		if err != nil {
			return err
		}
		q.wmCols = cols
	}
	if q.spec.Sink.Format == "memory" {
		q.memTable = q.prefix + "_memory"
		schema := logical.Schema(q.spec.Plan.Output())
		cols, err := q.host.CreateTable(ctx, q.memTable, schema)
		if err != nil {
			return err
		}
		q.memCols = cols
		q.host.SetView(q.Name, &plan.EngineTable{Table: q.memTable, Columns: cols, Schema: schema})
	}
	if q.spec.Sink.Format == "table" {
		// Spark creates the target table when the query starts.
		empty := q.prefix + "_empty"
		schema := logical.Schema(q.spec.Plan.Output())
		cols, err := q.host.CreateTable(ctx, empty, schema)
		if err != nil {
			return err
		}
		err = q.host.Write(ctx, q.spec.Sink, &plan.EngineTable{Table: empty, Columns: cols, Schema: schema})
		q.host.Drop(ctx, empty)
		if err != nil {
			return err
		}
	}
	q.cond = sync.NewCond(&q.mu)
	q.active = true
	q.status = "Initializing sources"
	q.started = now
	q.ctx, q.cancel = context.WithCancel(context.Background())
	q.done = make(chan struct{})
	go q.run()
	return nil
}

// run is the query's goroutine: trigger, batch, repeat.
func (q *Query) run() {
	var err error
	defer func() {
		if r := recover(); r != nil {
			err = sparkerr.Internal("streaming query panicked: %v", r)
		}
		q.terminate(err)
	}()
	if q.spec.Trigger.Kind == TriggerAvailableNow {
		q.host.Lock()
		for _, s := range q.sources {
			if err = s.capAvailable(time.Now()); err != nil {
				break
			}
		}
		q.host.Unlock()
		if err != nil {
			return
		}
	}
	for {
		if q.ctx.Err() != nil {
			return
		}
		begin := time.Now()
		var ran bool
		ran, err = q.runBatch(begin)
		if err != nil {
			if q.ctx.Err() != nil {
				err = nil // stopped mid-batch
			}
			return
		}
		switch q.spec.Trigger.Kind {
		case TriggerOnce:
			return
		case TriggerAvailableNow:
			// The sources were capped at what was available at start.
			if !ran {
				return
			}
		case TriggerProcessingTime:
			q.setStatus("Waiting for next trigger", false)
			wait := q.spec.Trigger.Interval - time.Since(begin)
			if wait > 0 && !q.sleep(wait) {
				return
			}
		default:
			if !ran {
				q.setStatus("Waiting for data to arrive", false)
				if !q.sleep(10 * time.Millisecond) {
					return
				}
			}
		}
	}
}

func (q *Query) sleep(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-q.ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

func (q *Query) setStatus(msg string, trig bool) {
	q.mu.Lock()
	q.status, q.trigActive = msg, trig
	q.mu.Unlock()
}

// runBatch checks the sources and, when one has new data, runs a batch.
func (q *Query) runBatch(begin time.Time) (bool, error) {
	q.mu.Lock()
	q.checkSeq++
	seq := q.checkSeq
	q.status, q.trigActive = "Getting offsets from "+q.sourceNames(), true
	q.mu.Unlock()

	fresh := false
	q.host.Lock()
	for _, s := range q.sources {
		has, err := s.poll(begin)
		if err != nil {
			q.host.Unlock()
			return false, err
		}
		fresh = fresh || has
	}
	q.host.Unlock()
	q.mu.Lock()
	q.dataAvail = fresh
	if !fresh && !q.needNoData {
		q.idleSeq = seq
		q.trigActive = false
		q.cond.Broadcast()
	} else {
		q.status = "Processing new data"
	}
	q.mu.Unlock()
	if !fresh && !q.needNoData {
		// Spark runs a first batch even without data only for sources
		// with an initial offset; none here.
		return false, nil
	}
	noData := !fresh
	q.batchEvents = nil
	t0 := time.Now()
	q.host.Lock()
	inRows, outRows, err := q.execute(noData)
	q.host.Unlock()
	if err != nil {
		return false, err
	}
	offs := make([][2]any, len(q.sources))
	for i, s := range q.sources {
		if noData {
			_, end := s.lastOffsets()
			offs[i][0], offs[i][1] = end, end
			continue
		}
		offs[i][0], offs[i][1] = s.offsets()
		s.commit()
	}
	if q.wm != nil {
		q.batchWatermark = q.watermark
		q.needNoData = q.advanceWatermark()
	}
	end := time.Now()
	q.record(begin, t0, end, inRows, outRows, offs)
	if noData {
		// The batch the moved watermark asked for is done: the check
		// that found no data now counts as idle.
		q.mu.Lock()
		q.idleSeq = seq
		q.cond.Broadcast()
		q.mu.Unlock()
	}
	return true, nil
}

func (q *Query) sourceNames() string {
	names := make([]string, len(q.sources))
	for i, s := range q.sources {
		names[i] = s.description()
	}
	return strings.Join(names, ", ")
}

// execute stages the sources' new rows, runs the plan and feeds the sink.
func (q *Query) execute(noData bool) (in []int64, out int64, err error) {
	ctx := q.ctx
	subst := map[logical.Plan]logical.Plan{}
	batchOnly := map[logical.Plan]logical.Plan{}
	in = make([]int64, len(q.sources))
	for i, s := range q.sources {
		if noData {
			break
		}
		cols, err := q.host.Stage(ctx, s.batchPlan(), s.batchTable, false)
		if err != nil {
			return nil, 0, err
		}
		if in[i], err = q.host.Count(ctx, s.batchTable); err != nil {
			return nil, 0, err
		}
		table := s.batchTable
		batchOnly[s.node] = &logical.LocalTable{Table: s.batchTable, Columns: cols, Attrs: s.node.Attrs}
		if q.stateful {
			scan := &logical.LocalTable{Table: s.batchTable, Columns: cols, Attrs: freshAttrs(s.node.Attrs)}
			if _, err := q.host.Stage(ctx, scan, s.allTable, true); err != nil {
				return nil, 0, err
			}
			table, cols = s.allTable, s.cols
		}
		subst[s.node] = &logical.LocalTable{Table: table, Columns: cols, Attrs: s.node.Attrs}
	}
	if q.spec.Mode == Update && q.agg != nil && q.wm == nil {
		// Only the groups this batch's rows fall in are emitted, with
		// their values over all rows so far.
		upd, err := q.updatedGroups(ctx, subst, batchOnly)
		if err != nil {
			return nil, 0, err
		}
		subst = map[logical.Plan]logical.Plan{q.agg: upd}
	}
	var p logical.Plan
	if q.wm != nil {
		if noData {
			batchOnly = nil
		}
		p, err = q.watermarkPlan(ctx, batchOnly)
	} else {
		p, err = replaceSources(q.spec.Plan, subst)
	}
	if err != nil {
		return nil, 0, err
	}
	outTable := q.prefix + "_out"
	if q.outCols, err = q.host.Stage(ctx, p, outTable, false); err != nil {
		return nil, 0, err
	}
	if out, err = q.host.Count(ctx, outTable); err != nil {
		return nil, 0, err
	}
	// Observed metrics cover the rows of this batch only.
	q.observed = nil
	if hasObserve(q.spec.Plan) && !noData {
		op, err := replaceSources(q.spec.Plan, batchOnly)
		if err != nil {
			return nil, 0, err
		}
		if q.observed, err = q.host.ObservedMetrics(ctx, op); err != nil {
			return nil, 0, err
		}
	}
	schema := logical.Schema(q.spec.Plan.Output())
	rows := &plan.EngineTable{Table: outTable, Columns: q.outCols, Schema: schema}
	if err := q.sink(ctx, rows, schema); err != nil {
		return nil, 0, err
	}
	return in, out, nil
}

// updatedGroups is the query's aggregation restricted to the groups that
// received rows in this batch: the batch's distinct grouping keys are
// staged, and the aggregation reads only the rows so far whose keys are
// among them (null-safe), so each such group gets its value over all of
// its rows.
func (q *Query) updatedGroups(ctx context.Context, all, batch map[logical.Plan]logical.Plan) (logical.Plan, error) {
	a := q.agg
	allIn, err := replaceSources(a.Input, all)
	if err != nil {
		return nil, err
	}
	na := *a
	if len(a.Groups) == 0 {
		// A global aggregate's one group is touched by every batch.
		na.Input = allIn
		return &na, nil
	}
	batchIn, err := replaceSources(a.Input, batch)
	if err != nil {
		return nil, err
	}
	keyOut := make([]logical.Named, len(a.Groups))
	for i, g := range a.Groups {
		keyOut[i] = logical.Named{Attr: logical.Attr{ID: logical.NewID(), Name: fmt.Sprintf("k%d", i), Type: g.Type(), Nullable: true}, Expr: g}
	}
	keysTable := q.prefix + "_keys"
	cols, err := q.host.Stage(ctx, &logical.Aggregate{Input: batchIn, Groups: a.Groups, Aggs: keyOut}, keysTable, false)
	if err != nil {
		return nil, err
	}
	keyAttrs := make([]logical.Attr, len(keyOut))
	for i, k := range keyOut {
		keyAttrs[i] = k.Attr
		keyAttrs[i].ID = logical.NewID()
	}
	var cond logical.Expr
	fctx := &functions.Ctx{}
	for i, g := range a.Groups {
		eq, err := functions.Call(fctx, "<=>", []logical.Expr{g, &logical.ColRef{Attr: keyAttrs[i]}}, false)
		if err != nil {
			return nil, err
		}
		if cond == nil {
			cond = eq
		} else if cond, err = functions.Call(fctx, "and", []logical.Expr{cond, eq}, false); err != nil {
			return nil, err
		}
	}
	out := allIn.Output()
	named := make([]logical.Named, len(out))
	for i, at := range out {
		named[i] = logical.Named{Attr: at, Expr: &logical.ColRef{Attr: at}}
	}
	na.Input = &logical.Join{Left: allIn, Right: &logical.LocalTable{Table: keysTable, Columns: cols, Attrs: keyAttrs},
		Type: logical.LeftSemi, Cond: cond, Out: named}
	return &na, nil
}

func hasObserve(p logical.Plan) bool {
	if _, ok := p.(*logical.CollectMetrics); ok {
		return true
	}
	for _, c := range p.Children() {
		if hasObserve(c) {
			return true
		}
	}
	return false
}

// freshAttrs copies attributes with new ids (a second scan of a table in
// one plan must not share ids with the first).
func freshAttrs(as []logical.Attr) []logical.Attr {
	out := make([]logical.Attr, len(as))
	for i, a := range as {
		a.ID = logical.NewID()
		out[i] = a
	}
	return out
}

func (q *Query) sink(ctx context.Context, rows *plan.EngineTable, schema types.Struct) error {
	sk := q.spec.Sink
	switch sk.Format {
	case "noop":
		return nil
	case "memory":
		scan := &logical.LocalTable{Table: rows.Table, Columns: rows.Columns, Attrs: freshAttrs(q.spec.Plan.Output())}
		_, err := q.host.Stage(ctx, scan, q.memTable, q.spec.Mode != Complete)
		return err
	case "console":
		n := 20
		if v, ok := sk.Options["numrows"]; ok {
			fmt.Sscan(v, &n)
		}
		truncate := 20
		if v, ok := sk.Options["truncate"]; ok && strings.EqualFold(v, "false") {
			truncate = 0
		}
		text, err := q.host.Show(ctx, rows, n, truncate)
		if err != nil {
			return err
		}
		q.mu.Lock()
		id := q.batchID
		q.mu.Unlock()
		q.host.Print(fmt.Sprintf("-------------------------------------------\nBatch: %d\n-------------------------------------------\n%s\n", id, text))
		return nil
	default:
		return q.host.Write(ctx, sk, rows)
	}
}

// replaceSources swaps nodes (StreamSource leaves, or the aggregation of
// an update-mode query) for the plans given.
func replaceSources(p logical.Plan, subst map[logical.Plan]logical.Plan) (logical.Plan, error) {
	if r, found := subst[p]; found {
		return r, nil
	}
	ch := p.Children()
	if len(ch) == 0 {
		return p, nil
	}
	out := make([]logical.Plan, len(ch))
	changed := false
	for i, c := range ch {
		n, err := replaceSources(c, subst)
		if err != nil {
			return nil, err
		}
		out[i] = n
		changed = changed || n != c
	}
	if !changed {
		return p, nil
	}
	np, err := logical.WithChildren(p, out)
	if err != nil {
		return nil, sparkerr.Unsupported(fmt.Sprintf("streaming queries over %T", p))
	}
	return np, nil
}

// terminate records the query's end and wakes everyone waiting on it.
func (q *Query) terminate(err error) {
	q.mu.Lock()
	q.active = false
	q.trigActive = false
	q.dataAvail = false
	q.status = "Stopped"
	if err != nil {
		q.err = err
		q.status = "Terminated with exception: " + q.errMessage(err)
	}
	q.cond.Broadcast()
	q.mu.Unlock()
	q.host.Lock()
	ctx := context.Background()
	for _, s := range q.sources {
		q.host.Drop(ctx, s.batchTable)
		q.host.Drop(ctx, s.allTable)
	}
	q.host.Drop(ctx, q.prefix+"_out")
	q.host.Drop(ctx, q.prefix+"_keys")
	q.host.Drop(ctx, q.prefix+"_wm_batch")
	q.host.Drop(ctx, q.prefix+"_wm_all")
	q.host.Unlock()
	// The manager (active list, terminated event) is updated before
	// anyone waiting on done wakes up.
	q.mgr.terminated(q)
	close(q.done)
}

// Stop ends the query and waits for its goroutine and for the delivery
// of its events to listener buses.
func (q *Query) Stop() {
	q.cancel()
	<-q.done
	q.mgr.waitDelivered(2 * time.Second)
}

// IsActive reports whether the query still runs.
func (q *Query) IsActive() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.active
}

// Status is the query's status message and flags.
func (q *Query) Status() (msg string, dataAvailable, triggerActive, active bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.status, q.dataAvail, q.trigActive, q.active
}

// Err is the error that ended the query, if any.
func (q *Query) Err() error {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.err
}

// Progress returns the recent progress reports (JSON), oldest first.
func (q *Query) Progress() []string {
	q.mu.Lock()
	defer q.mu.Unlock()
	return append([]string(nil), q.progress...)
}

// AwaitTermination waits until the query ends or the timeout (<= 0: no
// timeout) passes or ctx is done; it reports whether the query ended and
// returns the query's failure.
func (q *Query) AwaitTermination(ctx context.Context, timeout time.Duration) (bool, error) {
	var tc <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		tc = t.C
	}
	select {
	case <-q.done:
		return true, q.failure()
	case <-tc:
		return false, nil
	case <-ctx.Done():
		return false, ctx.Err()
	}
}

// ProcessAllAvailable blocks until a check that started after the call
// found no new data, or the query ended.
func (q *Query) ProcessAllAvailable(ctx context.Context) error {
	stop := context.AfterFunc(ctx, func() {
		q.mu.Lock()
		q.cond.Broadcast()
		q.mu.Unlock()
	})
	defer stop()
	q.mu.Lock()
	from := q.checkSeq
	for q.active && q.idleSeq <= from && ctx.Err() == nil {
		q.cond.Wait()
	}
	q.mu.Unlock()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return q.failure()
}

// failure is the query's error as the client sees it: Spark's
// StreamingQueryException naming the query.
func (q *Query) failure() error {
	err := q.Err()
	if err == nil {
		return nil
	}
	return q.wrapErr(err)
}

// errMessage is an error's message as the query's client sees it.
func (q *Query) errMessage(err error) string {
	se, ok := sparkerr.As(err)
	if !ok {
		return err.Error()
	}
	c := *se
	if q.spec.Spark35 {
		c.ForSpark35()
	}
	return c.Message()
}

func (q *Query) wrapErr(err error) *sparkerr.Error {
	msg := q.errMessage(err)
	return sparkerr.Newf("STREAM_FAILED", "id", q.ID, "runId", q.RunID, "message", msg)
}

// ExceptionText is the exception() of a failed query: Spark's
// StreamingQueryException toString, and its error class.
func (q *Query) ExceptionText() (text, class string, ok bool) {
	err := q.Err()
	if err == nil {
		return "", "", false
	}
	w := q.wrapErr(err)
	return "org.apache.spark.sql.streaming.StreamingQueryException: " + w.Error(), "STREAM_FAILED", true
}

func newIDs() (string, string) { return uuid.NewString(), uuid.NewString() }

// Plan is the query's analyzed plan.
func (q *Query) Plan() logical.Plan { return q.spec.Plan }
