package server

import (
	"fmt"

	"github.com/klauspost/compress/zstd"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sparkpb"
)

// maxDecompressedPlan bounds a decompressed plan (Spark's own limit for a
// plan message is in the same range).
const maxDecompressedPlan = 1 << 30

// decompressPlan returns p with a 4.1+ compressed_operation replaced by the
// relation or command it holds. Ember advertises plan compression as off
// (threshold -1), so clients should not compress; this is insurance.
func decompressPlan(p *sparkpb.Plan) (*sparkpb.Plan, error) {
	co := p.GetCompressedOperation()
	if co == nil {
		return p, nil
	}
	var raw []byte
	switch co.GetCompressionCodec() {
	case sparkpb.CompressionCodec_COMPRESSION_CODEC_ZSTD:
		dec, err := zstd.NewReader(nil, zstd.WithDecoderMaxMemory(maxDecompressedPlan))
		if err != nil {
			return nil, fmt.Errorf("create zstd decoder: %w", err)
		}
		defer dec.Close()
		raw, err = dec.DecodeAll(co.GetData(), nil)
		if err != nil {
			return nil, sparkerr.Newf("CONNECT.INVALID_PLAN", "msg", "The compressed plan could not be decompressed: "+err.Error())
		}
	default:
		return nil, sparkerr.Newf("CONNECT.INVALID_PLAN", "msg", "Unsupported plan compression codec "+co.GetCompressionCodec().String()+".")
	}
	switch co.GetOpType() {
	case sparkpb.Plan_CompressedOperation_OP_TYPE_RELATION:
		rel := &sparkpb.Relation{}
		if err := proto.Unmarshal(raw, rel); err != nil {
			return nil, sparkerr.Newf("CONNECT.INVALID_PLAN", "msg", "The compressed relation is malformed: "+err.Error())
		}
		return &sparkpb.Plan{OpType: &sparkpb.Plan_Root{Root: rel}}, nil
	case sparkpb.Plan_CompressedOperation_OP_TYPE_COMMAND:
		cmd := &sparkpb.Command{}
		if err := proto.Unmarshal(raw, cmd); err != nil {
			return nil, sparkerr.Newf("CONNECT.INVALID_PLAN", "msg", "The compressed command is malformed: "+err.Error())
		}
		return &sparkpb.Plan{OpType: &sparkpb.Plan_Command{Command: cmd}}, nil
	default:
		return nil, sparkerr.Newf("CONNECT.INVALID_PLAN", "msg", "Unsupported compressed operation type "+co.GetOpType().String()+".")
	}
}

// decompressAnalyzePlans decompresses, in place, every Plan field of the
// analysis the request carries (schema{plan}, explain{plan},
// same_semantics{target_plan, other_plan}, ...).
func decompressAnalyzePlans(req *sparkpb.AnalyzePlanRequest) error {
	m := req.ProtoReflect()
	oneof := m.Descriptor().Oneofs().ByName("analyze")
	if oneof == nil {
		return nil
	}
	fd := m.WhichOneof(oneof)
	if fd == nil || fd.Message() == nil {
		return nil
	}
	sub := m.Get(fd).Message()
	planName := (&sparkpb.Plan{}).ProtoReflect().Descriptor().FullName()
	var firstErr error
	sub.Range(func(f protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		if f.Message() == nil || f.Message().FullName() != planName || f.IsList() || f.IsMap() {
			return true
		}
		p, ok := v.Message().Interface().(*sparkpb.Plan)
		if !ok || p.GetCompressedOperation() == nil {
			return true
		}
		np, err := decompressPlan(p)
		if err != nil {
			firstErr = err
			return false
		}
		sub.Set(f, protoreflect.ValueOfMessage(np.ProtoReflect()))
		return true
	})
	return firstErr
}
