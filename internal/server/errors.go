package server

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"unicode/utf8"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sparkpb"
)

const (
	// errorDomain is ErrorInfo.domain for every Spark error.
	errorDomain = "org.apache.spark"
	// maxStatusMessage bounds the gRPC status message. The message travels
	// twice in the trailers (grpc-message and inside grpc-status-details-bin)
	// and HTTP/2 header limits are typically 8-16 KiB.
	maxStatusMessage = 2048
	// maxErrorMetadata mirrors Spark's spark.connect.grpc.maxMetadataSize:
	// messageParameters is dropped when the metadata would exceed it.
	maxErrorMetadata = 1024
	// errorCacheSize is how many recent errors a session keeps for
	// FetchErrorDetails.
	errorCacheSize = 64
)

// ToStatus turns any error into the gRPC status a Spark Connect client
// expects: code INTERNAL with the Spark message, and an ErrorInfo detail
// whose reason is the Java exception class and whose metadata carries the
// class hierarchy (what PySpark dispatches on), errorClass,
// messageParameters and sqlState. Errors that already are gRPC statuses pass
// through; context.Canceled becomes OPERATION_CANCELED; anything else becomes
// INTERNAL_ERROR. No errorId is attached (see Server for that).
func ToStatus(err error) *status.Status {
	return toStatus(err, "")
}

// toStatus is ToStatus with an optional errorId for FetchErrorDetails.
func toStatus(err error, errorID string) *status.Status {
	if err == nil {
		return status.New(codes.OK, "")
	}
	if _, ok := sparkerr.As(err); !ok {
		if st, ok := status.FromError(err); ok {
			return st
		}
	}
	se := asSparkError(err)
	st := status.New(codes.Internal, truncateMessage(se.Message(), maxStatusMessage))
	withInfo, derr := st.WithDetails(errorInfo(se, errorID))
	if derr != nil {
		return st
	}
	return withInfo
}

// asSparkError normalises err into a Spark error.
func asSparkError(err error) *sparkerr.Error {
	if se, ok := sparkerr.As(err); ok {
		return se
	}
	if errors.Is(err, context.Canceled) {
		return sparkerr.New("OPERATION_CANCELED", nil)
	}
	return sparkerr.Internal("%s", err.Error())
}

// errorInfo builds the ErrorInfo detail for e.
func errorInfo(e *sparkerr.Error, errorID string) *errdetails.ErrorInfo {
	classes := e.Classes()
	classesJSON, _ := json.Marshal(classes)
	md := map[string]string{"classes": string(classesJSON)}
	classless := e.Spark35 && e.Text35 != "" // raised without a class by Spark 3.5
	if e.Class != "" && !classless {
		md["errorClass"] = e.Class
	}
	if e.SQLState != "" && !classless {
		md["sqlState"] = e.SQLState
	}
	if errorID != "" {
		md["errorId"] = errorID
	}
	if e.Class != "" {
		params := e.Params
		if params == nil {
			params = map[string]string{}
		}
		if pj, err := json.Marshal(params); err == nil {
			size := len("messageParameters") + len(pj)
			for k, v := range md {
				size += len(k) + len(v)
			}
			if size <= maxErrorMetadata {
				md["messageParameters"] = string(pj)
			}
		}
	}
	return &errdetails.ErrorInfo{Reason: classes[0], Domain: errorDomain, Metadata: md}
}

// truncateMessage shortens msg to about max bytes, keeping its head and its
// tail (where Spark puts the SQLSTATE and query context) and cutting on
// UTF-8 boundaries.
func truncateMessage(msg string, max int) string {
	if len(msg) <= max {
		return msg
	}
	const sep = "\n...\n"
	head := (max - len(sep)) * 3 / 4
	tail := max - len(sep) - head
	for head > 0 && !utf8.RuneStart(msg[head]) {
		head--
	}
	start := len(msg) - tail
	for start < len(msg) && !utf8.RuneStart(msg[start]) {
		start++
	}
	return msg[:head] + sep + msg[start:]
}

// errorClassOf extracts the Spark error class from a status error, for
// logging.
func errorClassOf(err error) string {
	if err == nil {
		return ""
	}
	st, ok := status.FromError(err)
	if !ok {
		if se, ok := sparkerr.As(err); ok {
			return se.Class
		}
		return "UNKNOWN"
	}
	for _, d := range st.Details() {
		if info, ok := d.(*errdetails.ErrorInfo); ok {
			if c := info.GetMetadata()["errorClass"]; c != "" {
				return c
			}
			return info.GetReason()
		}
	}
	return st.Code().String()
}

// errorCache keeps a session's recent errors for FetchErrorDetails, keyed
// by the errorId sent in ErrorInfo metadata. Like Spark, an entry can be
// fetched once.
type errorCache struct {
	mu      sync.Mutex
	entries map[string]*sparkerr.Error
	order   []string
}

func (c *errorCache) put(id string, e *sparkerr.Error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[string]*sparkerr.Error{}
	}
	c.entries[id] = e
	c.order = append(c.order, id)
	for len(c.order) > errorCacheSize {
		delete(c.entries, c.order[0])
		c.order = c.order[1:]
	}
}

func (c *errorCache) take(id string) (*sparkerr.Error, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[id]
	if ok {
		delete(c.entries, id)
	}
	return e, ok
}

// errorDetails renders a cached error as a FetchErrorDetailsResponse.
func errorDetails(e *sparkerr.Error) *sparkpb.FetchErrorDetailsResponse {
	root := int32(0)
	thr := &sparkpb.FetchErrorDetailsResponse_SparkThrowable{MessageParameters: map[string]string{}}
	if e.Class != "" {
		cls := e.Class
		thr.ErrorClass = &cls
	}
	for k, v := range e.Params {
		thr.MessageParameters[k] = v
	}
	if e.SQLState != "" {
		st := e.SQLState
		thr.SqlState = &st
	}
	return &sparkpb.FetchErrorDetailsResponse{
		RootErrorIdx: &root,
		Errors: []*sparkpb.FetchErrorDetailsResponse_Error{{
			ErrorTypeHierarchy: e.Classes(),
			Message:            e.Message(),
			SparkThrowable:     thr,
		}},
	}
}
