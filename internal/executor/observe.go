package executor

import (
	"context"
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/emberdb/ember/internal/engine/duckdb"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sparkpb"
	"github.com/emberdb/ember/internal/types"
)

// observedMetrics computes the metrics of every DataFrame.observe in an
// executed plan: each is an aggregate without groups over the observe's
// input, run after the query itself (so the rows are those the query
// read; nondeterministic inputs are evaluated again). Observations of one
// name are reported once, as Spark does for self-joins.
func (c *Core) observedMetrics(ctx context.Context, s *session.Session, es *duckdb.Session, lp logical.Plan) ([]*sparkpb.ExecutePlanResponse_ObservedMetrics, error) {
	var found []*logical.CollectMetrics
	seen := map[string]bool{}
	var walk func(p logical.Plan)
	walk = func(p logical.Plan) {
		if cm, ok := p.(*logical.CollectMetrics); ok && !seen[cm.Name] {
			seen[cm.Name] = true
			found = append(found, cm)
		}
		for _, ch := range p.Children() {
			walk(ch)
		}
	}
	walk(lp)
	var out []*sparkpb.ExecutePlanResponse_ObservedMetrics
	for _, cm := range found {
		agg := &logical.Aggregate{Input: cm.Input, Aggs: cm.Metrics}
		recs, err := c.collect(ctx, s, es, agg)
		if err != nil {
			return nil, err
		}
		om := &sparkpb.ExecutePlanResponse_ObservedMetrics{Name: cm.Name, PlanId: cm.PlanID}
		for i, m := range cm.Metrics {
			var col arrow.Array
			for _, r := range recs {
				if r.NumRows() > 0 {
					col = r.Column(i)
					break
				}
			}
			lit, err := arrowLiteral(col, 0, m.Attr.Type)
			if err != nil {
				release(recs)
				return nil, err
			}
			om.Values = append(om.Values, lit)
			om.Keys = append(om.Keys, m.Attr.Name)
		}
		release(recs)
		out = append(out, om)
	}
	return out, nil
}

// arrowLiteral converts one value of an Arrow column in Spark's Arrow
// shapes to a Connect literal of Spark type t (a nil column is NULL).
func arrowLiteral(col arrow.Array, i int, t types.DataType) (*sparkpb.Expression_Literal, error) {
	if col == nil || col.IsNull(i) {
		return &sparkpb.Expression_Literal{LiteralType: &sparkpb.Expression_Literal_Null{Null: types.ToProto(t)}}, nil
	}
	switch a := col.(type) {
	case *array.Boolean:
		return &sparkpb.Expression_Literal{LiteralType: &sparkpb.Expression_Literal_Boolean{Boolean: a.Value(i)}}, nil
	case *array.Int8:
		return &sparkpb.Expression_Literal{LiteralType: &sparkpb.Expression_Literal_Byte{Byte: int32(a.Value(i))}}, nil
	case *array.Int16:
		return &sparkpb.Expression_Literal{LiteralType: &sparkpb.Expression_Literal_Short{Short: int32(a.Value(i))}}, nil
	case *array.Int32:
		if _, ok := t.(types.YearMonthInterval); ok {
			return &sparkpb.Expression_Literal{LiteralType: &sparkpb.Expression_Literal_YearMonthInterval{YearMonthInterval: a.Value(i)}}, nil
		}
		return &sparkpb.Expression_Literal{LiteralType: &sparkpb.Expression_Literal_Integer{Integer: a.Value(i)}}, nil
	case *array.Int64:
		return &sparkpb.Expression_Literal{LiteralType: &sparkpb.Expression_Literal_Long{Long: a.Value(i)}}, nil
	case *array.Float32:
		return &sparkpb.Expression_Literal{LiteralType: &sparkpb.Expression_Literal_Float{Float: a.Value(i)}}, nil
	case *array.Float64:
		return &sparkpb.Expression_Literal{LiteralType: &sparkpb.Expression_Literal_Double{Double: a.Value(i)}}, nil
	case *array.String:
		// Cloned: the Arrow buffers are released before the response is sent.
		return &sparkpb.Expression_Literal{LiteralType: &sparkpb.Expression_Literal_String_{String_: strings.Clone(a.Value(i))}}, nil
	case *array.LargeString:
		return &sparkpb.Expression_Literal{LiteralType: &sparkpb.Expression_Literal_String_{String_: strings.Clone(a.Value(i))}}, nil
	case *array.Binary:
		return &sparkpb.Expression_Literal{LiteralType: &sparkpb.Expression_Literal_Binary{Binary: append([]byte(nil), a.Value(i)...)}}, nil
	case *array.Decimal128:
		d, ok := t.(types.Decimal)
		if !ok {
			break
		}
		p, sc := int32(d.Precision), int32(d.Scale)
		text := a.Value(i).ToString(int32(d.Scale))
		return &sparkpb.Expression_Literal{LiteralType: &sparkpb.Expression_Literal_Decimal_{Decimal: &sparkpb.Expression_Literal_Decimal{Value: text, Precision: &p, Scale: &sc}}}, nil
	case *array.Date32:
		return &sparkpb.Expression_Literal{LiteralType: &sparkpb.Expression_Literal_Date{Date: int32(a.Value(i))}}, nil
	case *array.Timestamp:
		if t.Kind() == types.KindTimestampNTZ {
			return &sparkpb.Expression_Literal{LiteralType: &sparkpb.Expression_Literal_TimestampNtz{TimestampNtz: int64(a.Value(i))}}, nil
		}
		return &sparkpb.Expression_Literal{LiteralType: &sparkpb.Expression_Literal_Timestamp{Timestamp: int64(a.Value(i))}}, nil
	case *array.Duration:
		return &sparkpb.Expression_Literal{LiteralType: &sparkpb.Expression_Literal_DayTimeInterval{DayTimeInterval: int64(a.Value(i))}}, nil
	case *array.List:
		at, ok := t.(types.Array)
		if !ok {
			break
		}
		start, end := a.ValueOffsets(i)
		arr := &sparkpb.Expression_Literal_Array{ElementType: types.ToProto(at.Elem)}
		for j := start; j < end; j++ {
			e, err := arrowLiteral(a.ListValues(), int(j), at.Elem)
			if err != nil {
				return nil, err
			}
			arr.Elements = append(arr.Elements, e)
		}
		return &sparkpb.Expression_Literal{LiteralType: &sparkpb.Expression_Literal_Array_{Array: arr}}, nil
	case *array.Struct:
		st, ok := t.(types.Struct)
		if !ok {
			break
		}
		sv := &sparkpb.Expression_Literal_Struct{StructType: types.ToProto(st)}
		for j, f := range st.Fields {
			e, err := arrowLiteral(a.Field(j), i, f.Type)
			if err != nil {
				return nil, err
			}
			sv.Elements = append(sv.Elements, e)
		}
		return &sparkpb.Expression_Literal{LiteralType: &sparkpb.Expression_Literal_Struct_{Struct: sv}}, nil
	case *array.Map:
		mt, ok := t.(types.Map)
		if !ok {
			break
		}
		start, end := a.ValueOffsets(i)
		mv := &sparkpb.Expression_Literal_Map{KeyType: types.ToProto(mt.Key), ValueType: types.ToProto(mt.Value)}
		for j := start; j < end; j++ {
			k, err := arrowLiteral(a.Keys(), int(j), mt.Key)
			if err != nil {
				return nil, err
			}
			v, err := arrowLiteral(a.Items(), int(j), mt.Value)
			if err != nil {
				return nil, err
			}
			mv.Keys = append(mv.Keys, k)
			mv.Values = append(mv.Values, v)
		}
		return &sparkpb.Expression_Literal{LiteralType: &sparkpb.Expression_Literal_Map_{Map: mv}}, nil
	}
	return nil, sparkerr.Unsupported(fmt.Sprintf("observed metric of type %s", t.SimpleString()))
}
