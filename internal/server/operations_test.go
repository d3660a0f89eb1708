package server

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkpb"
)

func testOperation(t *testing.T, reattachable bool, opts Options) *operation {
	t.Helper()
	opts = opts.withDefaults()
	sid := uuid.NewString()
	st := &sessionState{
		key:  sessionKey{"u", sid},
		sess: session.New(sid, "u", uuid.NewString(), "", t.TempDir()),
		ops:  map[string]*operation{},
	}
	op := newOperation(st, uuid.NewString(), nil, reattachable, opts)
	t.Cleanup(op.cancel)
	return op
}

func batchResp(i int, size int) *sparkpb.ExecutePlanResponse {
	return &sparkpb.ExecutePlanResponse{ResponseType: &sparkpb.ExecutePlanResponse_ArrowBatch_{
		ArrowBatch: &sparkpb.ExecutePlanResponse_ArrowBatch{RowCount: int64(i), Data: bytes.Repeat([]byte{1}, size)},
	}}
}

// pushAsync pushes n responses in a goroutine and reports how many went in.
func pushAsync(op *operation, n int) (<-chan int, <-chan error) {
	progress := make(chan int, n)
	done := make(chan error, 1)
	go func() {
		for i := 1; i <= n; i++ {
			if err := op.push(batchResp(i, 10)); err != nil {
				done <- err
				return
			}
			progress <- i
		}
		done <- nil
	}()
	return progress, done
}

func TestProducerBlocksWhenTooManyUnsent(t *testing.T) {
	op := testOperation(t, true, Options{MaxBufferedResponses: 4})
	progress, done := pushAsync(op, 10)
	waitFor := func(want int) {
		t.Helper()
		deadline := time.After(5 * time.Second)
		for {
			select {
			case got := <-progress:
				if got == want {
					return
				}
				if got > want {
					t.Fatalf("producer went to %d, want it blocked at %d", got, want)
				}
			case <-deadline:
				t.Fatalf("producer did not reach %d", want)
			}
		}
	}
	waitFor(4)
	select {
	case got := <-progress:
		t.Fatalf("producer pushed response %d beyond the bound", got)
	case <-time.After(50 * time.Millisecond):
	}

	// Sending one response lets one more in.
	ctx := context.Background()
	gen := op.attach()
	br, err := op.next(ctx, gen, 1)
	if err != nil || br.index != 1 {
		t.Fatalf("next = %v, %v", br, err)
	}
	op.sent(br)
	waitFor(5)

	// Drain the rest.
	for cursor := int64(2); cursor <= 10; cursor++ {
		br, err := op.next(ctx, gen, cursor)
		if err != nil {
			t.Fatal(err)
		}
		op.sent(br)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestRetryBufferIsBounded(t *testing.T) {
	tests := []struct {
		name         string
		reattachable bool
		opts         Options
		wantKept     int64 // sent responses still buffered after sending 20
	}{
		{"by count", true, Options{RetryBufferResponses: 3, RetryBufferBytes: 1 << 30}, 3},
		{"by bytes", true, Options{RetryBufferResponses: 1000, RetryBufferBytes: 250}, 4}, // 74 bytes each: the fourth crosses 250 and is kept
		{"not reattachable", false, Options{}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			op := testOperation(t, tc.reattachable, tc.opts)
			_, done := pushAsync(op, 20)
			gen := op.attach()
			for cursor := int64(1); cursor <= 20; cursor++ {
				br, err := op.next(context.Background(), gen, cursor)
				if err != nil {
					t.Fatal(err)
				}
				op.sent(br)
			}
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			op.mu.Lock()
			kept := op.produced - op.released
			op.mu.Unlock()
			if kept != tc.wantKept {
				t.Fatalf("kept %d sent responses, want %d", kept, tc.wantKept)
			}
		})
	}
}

func TestOperationReleaseAndResume(t *testing.T) {
	op := testOperation(t, true, Options{})
	var ids []string
	for i := 1; i <= 5; i++ {
		r := batchResp(i, 1)
		if err := op.push(r); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ResponseId)
	}
	tests := []struct {
		name    string
		release string // release_until before resuming ("" = none)
		last    *string
		want    int64 // first index; 0 = error
	}{
		{"from start", "", nil, 1},
		{"after 2", "", &ids[1], 3},
		{"after release", ids[2], nil, 4},
		{"cursor released", "", &ids[0], 2}, // resumes at 2, which next() reports as unavailable
		{"unknown", "", ptr("nope"), 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.release != "" {
				op.releaseUntil(tc.release)
			}
			got, err := op.resumeIndex(tc.last)
			if tc.want == 0 {
				if err == nil {
					t.Fatalf("resumeIndex = %d, want error", got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("resumeIndex = %d, %v; want %d", got, err, tc.want)
			}
		})
	}
	gen := op.attach()
	if _, err := op.next(context.Background(), gen, 2); err == nil {
		t.Fatalf("released position was served")
	}
}
