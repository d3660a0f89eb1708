package server

import (
	"testing"

	"github.com/klauspost/compress/zstd"
	"google.golang.org/protobuf/proto"

	"github.com/emberdb/ember/internal/sparkpb"
)

func compressed(t *testing.T, m proto.Message, opType sparkpb.Plan_CompressedOperation_OpType, codec sparkpb.CompressionCodec) *sparkpb.Plan {
	t.Helper()
	raw, err := proto.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	enc, err := zstd.NewWriter(nil)
	if err != nil {
		t.Fatal(err)
	}
	data := enc.EncodeAll(raw, nil)
	enc.Close()
	return &sparkpb.Plan{OpType: &sparkpb.Plan_CompressedOperation_{CompressedOperation: &sparkpb.Plan_CompressedOperation{
		Data: data, OpType: opType, CompressionCodec: codec}}}
}

func TestDecompressPlan(t *testing.T) {
	rel := &sparkpb.Relation{RelType: &sparkpb.Relation_Sql{Sql: &sparkpb.SQL{Query: "SELECT 1"}}}
	cmd := &sparkpb.Command{CommandType: &sparkpb.Command_SqlCommand{SqlCommand: &sparkpb.SqlCommand{Sql: "SET x=1"}}}
	tests := []struct {
		name    string
		plan    *sparkpb.Plan
		want    *sparkpb.Plan
		wantErr bool
	}{
		{"plain", sqlPlan("q"), sqlPlan("q"), false},
		{"relation", compressed(t, rel, sparkpb.Plan_CompressedOperation_OP_TYPE_RELATION, sparkpb.CompressionCodec_COMPRESSION_CODEC_ZSTD),
			&sparkpb.Plan{OpType: &sparkpb.Plan_Root{Root: rel}}, false},
		{"command", compressed(t, cmd, sparkpb.Plan_CompressedOperation_OP_TYPE_COMMAND, sparkpb.CompressionCodec_COMPRESSION_CODEC_ZSTD),
			&sparkpb.Plan{OpType: &sparkpb.Plan_Command{Command: cmd}}, false},
		{"unknown codec", compressed(t, rel, sparkpb.Plan_CompressedOperation_OP_TYPE_RELATION, sparkpb.CompressionCodec_COMPRESSION_CODEC_UNSPECIFIED), nil, true},
		{"garbage", &sparkpb.Plan{OpType: &sparkpb.Plan_CompressedOperation_{CompressedOperation: &sparkpb.Plan_CompressedOperation{
			Data: []byte("not zstd"), OpType: sparkpb.Plan_CompressedOperation_OP_TYPE_RELATION, CompressionCodec: sparkpb.CompressionCodec_COMPRESSION_CODEC_ZSTD}}}, nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := decompressPlan(tc.plan)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("no error")
				}
				return
			}
			if err != nil || !proto.Equal(got, tc.want) {
				t.Fatalf("decompressPlan = %v, %v", got, err)
			}
		})
	}
}

func TestDecompressAnalyzePlans(t *testing.T) {
	rel := &sparkpb.Relation{RelType: &sparkpb.Relation_Sql{Sql: &sparkpb.SQL{Query: "SELECT 1"}}}
	req := &sparkpb.AnalyzePlanRequest{Analyze: &sparkpb.AnalyzePlanRequest_SameSemantics_{SameSemantics: &sparkpb.AnalyzePlanRequest_SameSemantics{
		TargetPlan: compressed(t, rel, sparkpb.Plan_CompressedOperation_OP_TYPE_RELATION, sparkpb.CompressionCodec_COMPRESSION_CODEC_ZSTD),
		OtherPlan:  sqlPlan("x"),
	}}}
	if err := decompressAnalyzePlans(req); err != nil {
		t.Fatal(err)
	}
	if got := req.GetSameSemantics().GetTargetPlan().GetRoot().GetSql().GetQuery(); got != "SELECT 1" {
		t.Fatalf("target plan = %v", req.GetSameSemantics().GetTargetPlan())
	}
	if got := req.GetSameSemantics().GetOtherPlan().GetRoot().GetSql().GetQuery(); got != "x" {
		t.Fatalf("other plan = %v", req.GetSameSemantics().GetOtherPlan())
	}
}
