package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/emberdb/ember/internal/sparkerr"
)

func TestToStatus(t *testing.T) {
	long := strings.Repeat("é", 3000) + "TAIL"
	tests := []struct {
		name       string
		err        error
		wantCode   codes.Code
		wantClass  string
		wantReason string
		wantParams bool
	}{
		{"spark error", sparkerr.Newf("TABLE_OR_VIEW_NOT_FOUND", "relationName", "`t`"), codes.Internal, "TABLE_OR_VIEW_NOT_FOUND", sparkerr.AnalysisException, true},
		{"wrapped spark error", fmt.Errorf("context: %w", sparkerr.Newf("DIVIDE_BY_ZERO", "config", "x")), codes.Internal, "DIVIDE_BY_ZERO", sparkerr.ArithmeticException, true},
		{"plain error", errors.New("disk on fire"), codes.Internal, "INTERNAL_ERROR", sparkerr.SparkException, true},
		{"canceled", fmt.Errorf("run: %w", context.Canceled), codes.Internal, "OPERATION_CANCELED", sparkerr.SparkSQLException, true},
		{"big parameters", sparkerr.Newf("INTERNAL_ERROR", "message", strings.Repeat("x", 5000)), codes.Internal, "INTERNAL_ERROR", sparkerr.SparkException, false},
		{"grpc status", status.Error(codes.Unimplemented, "nope"), codes.Unimplemented, "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := ToStatus(tc.err)
			if st.Code() != tc.wantCode {
				t.Fatalf("code = %v", st.Code())
			}
			if len(st.Message()) > maxStatusMessage {
				t.Fatalf("message is %d bytes", len(st.Message()))
			}
			if tc.wantClass == "" {
				return
			}
			info := errInfo(t, st.Err())
			if info.Metadata["errorClass"] != tc.wantClass || info.Reason != tc.wantReason || info.Domain != "org.apache.spark" {
				t.Fatalf("info = %v", info)
			}
			var classes []string
			if err := json.Unmarshal([]byte(info.Metadata["classes"]), &classes); err != nil || classes[0] != tc.wantReason {
				t.Fatalf("classes = %q (%v)", info.Metadata["classes"], err)
			}
			if _, ok := info.Metadata["messageParameters"]; ok != tc.wantParams {
				t.Fatalf("messageParameters present = %v", ok)
			}
			size := 0
			for k, v := range info.Metadata {
				size += len(k) + len(v)
			}
			if size > maxErrorMetadata {
				t.Fatalf("metadata is %d bytes", size)
			}
			if info.Metadata["sqlState"] == "" {
				t.Fatalf("no sqlState")
			}
		})
	}

	t.Run("truncation keeps head and tail", func(t *testing.T) {
		st := ToStatus(sparkerr.Internal("%s", long))
		m := st.Message()
		if !utf8.ValidString(m) || !strings.HasPrefix(m, "[INTERNAL_ERROR] éé") || !strings.HasSuffix(m, "TAIL SQLSTATE: XX000") {
			t.Fatalf("truncated message = %q...%q", m[:30], m[len(m)-30:])
		}
	})
}

func TestTruncateMessage(t *testing.T) {
	tests := []struct {
		in  string
		max int
	}{
		{"short", 100},
		{strings.Repeat("a", 5000), 2048},
		{strings.Repeat("日本", 2000), 2048},
		{strings.Repeat("a", 2049), 2048},
	}
	for _, tc := range tests {
		got := truncateMessage(tc.in, tc.max)
		if len(got) > tc.max || !utf8.ValidString(got) {
			t.Fatalf("truncateMessage(%d bytes) = %d bytes, valid %v", len(tc.in), len(got), utf8.ValidString(got))
		}
		if len(tc.in) <= tc.max && got != tc.in {
			t.Fatalf("short message changed")
		}
	}
}
