package server

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/google/uuid"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sparkpb"
)

// keepReleasedIDs is how many response ids before the release watermark an
// operation still maps to their index, so that a ReattachExecute naming an
// already released response can resume right after it.
const keepReleasedIDs = 1024

// errOperationClosed is returned to the producer when the operation no
// longer accepts responses (finished, interrupted or released).
var errOperationClosed = errors.New("operation closed")

// bufferedResponse is one response an operation produced.
type bufferedResponse struct {
	index int64 // 1-based position in the operation's stream
	resp  *sparkpb.ExecutePlanResponse
	size  int64 // approximate bytes
	rows  int64
}

// operation is one ExecutePlan execution and its reattachable response
// stream.
//
// The core's goroutine produces responses into a buffer; at most one RPC
// stream (the attached sender) consumes them. Responses are numbered from 1.
// Three watermarks order the buffer:
//
//	released ≤ highestSent ≤ produced
//
// Responses up to released are gone. Responses after highestSent were never
// handed to a client; the producer blocks while more than maxUnsent of them
// are waiting, which bounds memory when the client is slow or gone. Sent
// responses stay until the client releases them (ReleaseExecute), except
// that the oldest are dropped automatically once the sent-but-unreleased
// ones exceed retryBytes or retryCount (Spark's retry buffer does the same);
// a reattach that needs one of those gets INVALID_CURSOR.POSITION_NOT_AVAILABLE.
type operation struct {
	id           string
	st           *sessionState
	tags         []string
	reattachable bool
	maxUnsent    int64
	retryBytes   int64
	retryCount   int64

	ctx      context.Context
	cancel   context.CancelFunc
	finished chan struct{} // closed when the core's Execute has returned

	mu          sync.Mutex
	changed     chan struct{} // closed and replaced whenever the state changes
	buf         []*bufferedResponse
	ids         map[string]int64 // response id -> index, pruned behind released
	idList      []string         // ids of indices idBase, idBase+1, ...
	idBase      int64
	produced    int64
	highestSent int64
	released    int64
	acked       int64 // highest index the client released itself
	done        bool  // the producer finished; final holds its outcome
	final       error // nil (success) or a status error
	delivered   bool  // the end of the stream reached a client
	interrupted bool
	removed     error // non-nil once released or dropped: senders end with it
	attachGen   int64
	attached    bool
	idleSince   time.Time
	rows        int64
}

func newOperation(st *sessionState, id string, tags []string, reattachable bool, opts Options) *operation {
	ctx, cancel := context.WithCancel(context.Background())
	return &operation{
		id: id, st: st, tags: tags, reattachable: reattachable,
		maxUnsent:  int64(opts.MaxBufferedResponses),
		retryBytes: opts.RetryBufferBytes,
		retryCount: opts.RetryBufferResponses,
		ctx:        ctx, cancel: cancel,
		finished:  make(chan struct{}),
		changed:   make(chan struct{}),
		ids:       map[string]int64{},
		idBase:    1,
		idleSince: time.Now(),
	}
}

// signal wakes everyone waiting for a state change. Callers hold o.mu.
func (o *operation) signal() {
	close(o.changed)
	o.changed = make(chan struct{})
}

// push appends a response produced by the core, setting the ids every
// response carries. It blocks while too many responses are unsent.
func (o *operation) push(resp *sparkpb.ExecutePlanResponse) error {
	if resp == nil {
		return nil
	}
	o.mu.Lock()
	for {
		if o.done || o.removed != nil || o.interrupted {
			o.mu.Unlock()
			if err := o.ctx.Err(); err != nil {
				return err
			}
			return errOperationClosed
		}
		if o.produced-o.highestSent < o.maxUnsent {
			break
		}
		ch := o.changed
		o.mu.Unlock()
		select {
		case <-ch:
		case <-o.ctx.Done():
			return o.ctx.Err()
		}
		o.mu.Lock()
	}
	defer o.mu.Unlock()
	resp.SessionId = o.st.key.sessionID
	resp.ServerSideSessionId = o.st.serverSideID()
	resp.OperationId = o.id
	resp.ResponseId = uuid.NewString()
	o.produced++
	br := &bufferedResponse{index: o.produced, resp: resp}
	if ab := resp.GetArrowBatch(); ab != nil {
		br.size = int64(len(ab.GetData())) + 64
		br.rows = ab.GetRowCount()
	} else {
		br.size = int64(proto.Size(resp))
	}
	o.buf = append(o.buf, br)
	o.ids[resp.ResponseId] = o.produced
	o.idList = append(o.idList, resp.ResponseId)
	o.signal()
	return nil
}

// finish records the producer's outcome. err is the core's error (nil on
// success); an interrupted operation always ends with OPERATION_CANCELED.
func (o *operation) finish(err error) {
	o.mu.Lock()
	if o.done {
		o.mu.Unlock()
		return
	}
	if o.interrupted || (err != nil && o.ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, errOperationClosed))) {
		err = sparkerr.New("OPERATION_CANCELED", nil)
	}
	o.done = true
	if err != nil {
		o.final = o.st.recordError(err)
	}
	if !o.attached {
		o.idleSince = time.Now()
	}
	o.signal()
	o.mu.Unlock()
	o.cancel()
}

// interrupt cancels a running operation, reporting whether it was running.
func (o *operation) interrupt() bool {
	o.mu.Lock()
	if o.done || o.interrupted || o.removed != nil {
		o.mu.Unlock()
		return false
	}
	o.interrupted = true
	o.signal()
	o.mu.Unlock()
	o.cancel()
	return true
}

// remove ends the operation for good (ReleaseExecute release_all, session
// close, abandonment): a running execution is cancelled and attached
// senders end with reason.
func (o *operation) remove(reason error) {
	o.mu.Lock()
	if o.removed == nil {
		o.removed = o.st.recordError(reason)
		if !o.done {
			o.interrupted = true
		}
		o.buf = nil
		o.ids = map[string]int64{}
		o.idList = nil
		o.released = o.produced
		o.signal()
	}
	o.mu.Unlock()
	o.cancel()
}

// busy reports whether the operation is running or streaming.
func (o *operation) busy() bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.attached || !o.done
}

// abandonedSince reports whether no client has been attached for longer
// than timeout.
func (o *operation) abandonedSince(now time.Time, timeout time.Duration) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return timeout > 0 && !o.attached && now.Sub(o.idleSince) > timeout
}

// finishedAndDelivered reports whether the whole stream, including its end,
// reached a client; such an operation id may be reused by a new ExecutePlan.
func (o *operation) finishedAndDelivered() bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.done && o.delivered
}

// releaseUntil drops responses up to and including responseID. Unknown ids
// are ignored (releases arrive asynchronously and may be late).
func (o *operation) releaseUntil(responseID string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	idx, ok := o.ids[responseID]
	if !ok {
		return
	}
	if idx > o.acked {
		o.acked = idx
	}
	o.dropThrough(idx)
	o.signal()
}

// dropThrough releases every response up to index idx. Callers hold o.mu.
func (o *operation) dropThrough(idx int64) {
	if idx <= o.released {
		return
	}
	if idx > o.produced {
		idx = o.produced
	}
	n := idx - o.released
	for i := int64(0); i < n && len(o.buf) > 0; i++ {
		o.buf[0] = nil
		o.buf = o.buf[1:]
	}
	o.released = idx
	if o.highestSent < o.released {
		o.highestSent = o.released
	}
	// Forget ids far behind the watermark.
	for o.idBase < o.released-keepReleasedIDs && len(o.idList) > 0 {
		delete(o.ids, o.idList[0])
		o.idList = o.idList[1:]
		o.idBase++
	}
}

// autoRelease applies the retry-buffer policy after index sent was handed
// to a client. Callers hold o.mu.
func (o *operation) autoRelease(sent int64) {
	if !o.reattachable {
		o.dropThrough(sent)
		return
	}
	var bytes, count int64
	keepFrom := sent + 1
	for i := sent; i > o.released; i-- {
		br := o.buf[i-o.released-1]
		bytes += br.size
		count++
		keepFrom = i
		if bytes >= o.retryBytes || count >= o.retryCount {
			break
		}
	}
	o.dropThrough(keepFrom - 1)
}

// resumeIndex returns the first index a reattaching client needs: the one
// after lastResponseID, or (without it) the first one still buffered
// provided nothing the client had not acknowledged was dropped.
func (o *operation) resumeIndex(lastResponseID *string) (int64, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.removed != nil {
		return 0, o.removed
	}
	if lastResponseID == nil || *lastResponseID == "" {
		if o.released > o.acked {
			return 0, o.st.recordError(sparkerr.Newf("INVALID_CURSOR.POSITION_NOT_AVAILABLE",
				"index", "1", "responseId", "<UNKNOWN>"))
		}
		return o.released + 1, nil
	}
	idx, ok := o.ids[*lastResponseID]
	if !ok {
		return 0, o.st.recordError(sparkerr.Newf("INVALID_CURSOR.POSITION_NOT_FOUND", "responseId", *lastResponseID))
	}
	return idx + 1, nil
}

// attach makes a new sender the operation's consumer, detaching any
// previous one. It returns the sender's generation.
func (o *operation) attach() int64 {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.attachGen++
	o.attached = true
	o.signal()
	return o.attachGen
}

// detach ends the sender of generation gen.
func (o *operation) detach(gen int64) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.attachGen == gen {
		o.attached = false
		o.idleSince = time.Now()
		o.signal()
	}
}

// next waits for the response at index cursor (or the end of the stream)
// for the sender of generation gen. It returns the response, or (nil, nil)
// when the stream ended successfully, or the error that ends this sender.
func (o *operation) next(ctx context.Context, gen, cursor int64) (*bufferedResponse, error) {
	o.mu.Lock()
	for {
		switch {
		case o.attachGen != gen:
			o.mu.Unlock()
			return nil, o.st.recordError(sparkerr.New("INVALID_CURSOR.DISCONNECTED", nil))
		case o.removed != nil:
			err := o.removed
			o.mu.Unlock()
			return nil, err
		case cursor <= o.released:
			id := o.idAt(cursor)
			o.mu.Unlock()
			return nil, o.st.recordError(sparkerr.Newf("INVALID_CURSOR.POSITION_NOT_AVAILABLE",
				"index", itoa(cursor), "responseId", id))
		case cursor <= o.produced:
			br := o.buf[cursor-o.released-1]
			o.mu.Unlock()
			return br, nil
		case o.done:
			o.delivered = true
			err := o.final
			o.mu.Unlock()
			return nil, err
		}
		ch := o.changed
		o.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return nil, status.FromContextError(ctx.Err()).Err()
		}
		o.mu.Lock()
	}
}

// idAt returns the response id of index i if still known. Callers hold o.mu.
func (o *operation) idAt(i int64) string {
	if i >= o.idBase && i-o.idBase < int64(len(o.idList)) {
		return o.idList[i-o.idBase]
	}
	return "<UNKNOWN>"
}

// sent records that index cursor was handed to the client.
func (o *operation) sent(br *bufferedResponse) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.removed != nil || br.index <= o.released {
		return
	}
	if br.index > o.highestSent {
		o.highestSent = br.index
		o.rows += br.rows
	}
	o.autoRelease(br.index)
	o.signal()
}

// hasTag reports whether the operation was started with tag.
func (o *operation) hasTag(tag string) bool {
	for _, t := range o.tags {
		if t == tag {
			return true
		}
	}
	return false
}
