package connect

import (
	"testing"

	"google.golang.org/protobuf/types/known/anypb"

	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkpb"
	"github.com/emberdb/ember/internal/types"
)

func expr(k interface{}) *sparkpb.Expression {
	switch x := k.(type) {
	case *sparkpb.Expression_Alias:
		return &sparkpb.Expression{ExprType: &sparkpb.Expression_Alias_{Alias: x}}
	case *sparkpb.Expression_Cast:
		return &sparkpb.Expression{ExprType: &sparkpb.Expression_Cast_{Cast: x}}
	case *sparkpb.Expression_UnresolvedStar:
		return &sparkpb.Expression{ExprType: &sparkpb.Expression_UnresolvedStar_{UnresolvedStar: x}}
	case *sparkpb.Expression_UnresolvedRegex:
		return &sparkpb.Expression{ExprType: &sparkpb.Expression_UnresolvedRegex_{UnresolvedRegex: x}}
	case *sparkpb.Expression_SortOrder:
		return &sparkpb.Expression{ExprType: &sparkpb.Expression_SortOrder_{SortOrder: x}}
	case *sparkpb.Expression_LambdaFunction:
		return &sparkpb.Expression{ExprType: &sparkpb.Expression_LambdaFunction_{LambdaFunction: x}}
	case *sparkpb.Expression_UnresolvedNamedLambdaVariable:
		return &sparkpb.Expression{ExprType: &sparkpb.Expression_UnresolvedNamedLambdaVariable_{UnresolvedNamedLambdaVariable: x}}
	case *sparkpb.Expression_Window:
		return &sparkpb.Expression{ExprType: &sparkpb.Expression_Window_{Window: x}}
	case *sparkpb.Expression_UnresolvedExtractValue:
		return &sparkpb.Expression{ExprType: &sparkpb.Expression_UnresolvedExtractValue_{UnresolvedExtractValue: x}}
	case *sparkpb.Expression_UpdateFields:
		return &sparkpb.Expression{ExprType: &sparkpb.Expression_UpdateFields_{UpdateFields: x}}
	case *sparkpb.CommonInlineUserDefinedFunction:
		return &sparkpb.Expression{ExprType: &sparkpb.Expression_CommonInlineUserDefinedFunction{CommonInlineUserDefinedFunction: x}}
	case *sparkpb.CallFunction:
		return &sparkpb.Expression{ExprType: &sparkpb.Expression_CallFunction{CallFunction: x}}
	case *sparkpb.NamedArgumentExpression:
		return &sparkpb.Expression{ExprType: &sparkpb.Expression_NamedArgumentExpression{NamedArgumentExpression: x}}
	case *sparkpb.Expression_UnresolvedAttribute:
		return &sparkpb.Expression{ExprType: &sparkpb.Expression_UnresolvedAttribute_{UnresolvedAttribute: x}}
	case *sparkpb.Expression_UnresolvedFunction:
		return &sparkpb.Expression{ExprType: &sparkpb.Expression_UnresolvedFunction_{UnresolvedFunction: x}}
	}
	panic("unknown expression kind")
}

func intType() *sparkpb.DataType {
	return &sparkpb.DataType{Kind: &sparkpb.DataType_Integer_{Integer: &sparkpb.DataType_Integer{}}}
}

func TestExpressions(t *testing.T) {
	frame := func(typ sparkpb.Expression_Window_WindowFrame_FrameType, lo, hi *sparkpb.Expression_Window_WindowFrame_FrameBoundary) *sparkpb.Expression_Window_WindowFrame {
		return &sparkpb.Expression_Window_WindowFrame{FrameType: typ, Lower: lo, Upper: hi}
	}
	unbounded := &sparkpb.Expression_Window_WindowFrame_FrameBoundary{Boundary: &sparkpb.Expression_Window_WindowFrame_FrameBoundary_Unbounded{Unbounded: true}}
	current := &sparkpb.Expression_Window_WindowFrame_FrameBoundary{Boundary: &sparkpb.Expression_Window_WindowFrame_FrameBoundary_CurrentRow{CurrentRow: true}}
	value := func(n int32) *sparkpb.Expression_Window_WindowFrame_FrameBoundary {
		return &sparkpb.Expression_Window_WindowFrame_FrameBoundary{Boundary: &sparkpb.Expression_Window_WindowFrame_FrameBoundary_Value{Value: lit(intLitPB(n))}}
	}
	tests := []struct {
		name string
		in   *sparkpb.Expression
		want plan.Expr
	}{
		{"attribute", col("a"), attr("a")},
		{"attribute dotted", col("a.b.c"), attr("a", "b", "c")},
		{"attribute quoted dot", col("`a.b`.c"), attr("a.b", "c")},
		{"attribute with spaces and symbols", col("my col-1"), attr("my col-1")},
		{"attribute escaped backtick", col("`a``b`"), attr("a`b")},
		{"attribute plan id and metadata", expr(&sparkpb.Expression_UnresolvedAttribute{UnparsedIdentifier: "x", PlanId: ptr(int64(4)), IsMetadataColumn: ptr(true)}),
			&plan.UnresolvedAttribute{Parts: []string{"x"}, PlanID: 4, HasPlanID: true, IsMetadata: true}},
		{"function flags", expr(&sparkpb.Expression_UnresolvedFunction{FunctionName: "count", Arguments: []*sparkpb.Expression{col("a")},
			IsDistinct: true, IsInternal: ptr(true)}),
			&plan.UnresolvedFunction{Name: "count", Args: []plan.Expr{attr("a")}, Distinct: true, IsInternal: true}},
		{"star", expr(&sparkpb.Expression_UnresolvedStar{}), &plan.UnresolvedStar{}},
		{"star with target", expr(&sparkpb.Expression_UnresolvedStar{UnparsedTarget: ptr("t.`s.x`.*")}), &plan.UnresolvedStar{Target: []string{"t", "s.x"}}},
		{"star with plan id", expr(&sparkpb.Expression_UnresolvedStar{PlanId: ptr(int64(3))}), &plan.UnresolvedStar{PlanID: 3, HasPlanID: true}},
		{"alias", expr(&sparkpb.Expression_Alias{Expr: col("a"), Name: []string{"b"}}), &plan.Alias{Child: attr("a"), Names: []string{"b"}}},
		{"multi alias", expr(&sparkpb.Expression_Alias{Expr: col("m"), Name: []string{"k", "v"}}), &plan.Alias{Child: attr("m"), Names: []string{"k", "v"}}},
		{"cast to type in try mode", expr(&sparkpb.Expression_Cast{Expr: col("a"), CastToType: &sparkpb.Expression_Cast_Type{Type: intType()},
			EvalMode: sparkpb.Expression_Cast_EVAL_MODE_TRY}), &plan.Cast{Child: attr("a"), Type: types.Int, Mode: plan.EvalTry, API: true}},
		{"cast to varchar becomes string", expr(&sparkpb.Expression_Cast{Expr: col("a"), CastToType: &sparkpb.Expression_Cast_Type{
			Type: &sparkpb.DataType{Kind: &sparkpb.DataType_Array_{Array: &sparkpb.DataType_Array{
				ElementType: &sparkpb.DataType{Kind: &sparkpb.DataType_VarChar_{VarChar: &sparkpb.DataType_VarChar{Length: 3}}}}}}},
			EvalMode: sparkpb.Expression_Cast_EVAL_MODE_ANSI}),
			&plan.Cast{Child: attr("a"), Type: types.Array{Elem: types.String}, Mode: plan.EvalANSI, API: true}},
		{"regex", expr(&sparkpb.Expression_UnresolvedRegex{ColName: "`a.*`", PlanId: ptr(int64(2))}),
			&plan.UnresolvedRegex{Pattern: "a.*", PlanID: 2, HasPlanID: true}},
		{"regex that is a plain name", expr(&sparkpb.Expression_UnresolvedRegex{ColName: "a.b"}), attr("a", "b")},
		{"regex with qualifier", expr(&sparkpb.Expression_UnresolvedRegex{ColName: "t.`a.*`"}),
			&plan.UnsupportedExpr{Feature: "colRegex with a table qualifier (t.`a.*`)"}},
		{"sort order unspecified is descending nulls last", expr(&sparkpb.Expression_SortOrder{Child: col("a")}),
			&plan.SortOrder{Child: attr("a"), Desc: true, NullsSet: true}},
		{"sort order asc nulls first", expr(sortOrderPB(col("a"), sparkpb.Expression_SortOrder_SORT_DIRECTION_ASCENDING, sparkpb.Expression_SortOrder_SORT_NULLS_FIRST)),
			&plan.SortOrder{Child: attr("a"), NullsFirst: true, NullsSet: true}},
		{"lambda", expr(&sparkpb.Expression_LambdaFunction{
			Function:  fn("+", expr(&sparkpb.Expression_UnresolvedNamedLambdaVariable{NameParts: []string{"x"}}), lit(intLitPB(1))),
			Arguments: []*sparkpb.Expression_UnresolvedNamedLambdaVariable{{NameParts: []string{"x"}}}}),
			&plan.LambdaFunction{Args: []string{"x"}, Body: &plan.UnresolvedFunction{Name: "+", Args: []plan.Expr{&plan.LambdaVar{Parts: []string{"x"}}, ilit(1)}}}},
		{"window rows frame", expr(&sparkpb.Expression_Window{
			WindowFunction: fn("sum", col("v")),
			PartitionSpec:  []*sparkpb.Expression{col("p")},
			OrderSpec:      []*sparkpb.Expression_SortOrder{sortOrderPB(col("o"), sparkpb.Expression_SortOrder_SORT_DIRECTION_ASCENDING, sparkpb.Expression_SortOrder_SORT_NULLS_FIRST)},
			FrameSpec:      frame(sparkpb.Expression_Window_WindowFrame_FRAME_TYPE_ROW, unbounded, current)}),
			&plan.Window{Func: &plan.UnresolvedFunction{Name: "sum", Args: []plan.Expr{attr("v")}},
				PartitionBy: []plan.Expr{attr("p")},
				OrderBy:     []*plan.SortOrder{{Child: attr("o"), NullsFirst: true, NullsSet: true}},
				Frame:       &plan.WindowFrame{Type: plan.RowsFrame, Lower: plan.FrameBoundary{Unbounded: true}, Upper: plan.FrameBoundary{CurrentRow: true}}}},
		{"window range frame with values", expr(&sparkpb.Expression_Window{
			WindowFunction: fn("avg", col("v")),
			FrameSpec:      frame(sparkpb.Expression_Window_WindowFrame_FRAME_TYPE_RANGE, value(-1), unbounded)}),
			&plan.Window{Func: &plan.UnresolvedFunction{Name: "avg", Args: []plan.Expr{attr("v")}},
				Frame: &plan.WindowFrame{Type: plan.RangeFrame, Lower: plan.FrameBoundary{Value: ilit(-1)}, Upper: plan.FrameBoundary{Unbounded: true}}}},
		{"extract value", expr(&sparkpb.Expression_UnresolvedExtractValue{Child: col("m"), Extraction: lit(strLitPB("k"))}),
			&plan.ExtractValue{Child: attr("m"), Extraction: &plan.Literal{Type: types.String, Value: "k"}}},
		{"update field", expr(&sparkpb.Expression_UpdateFields{StructExpression: col("s"), FieldName: "f", ValueExpression: lit(intLitPB(1))}),
			&plan.UpdateFields{Child: attr("s"), FieldName: "f", Value: ilit(1)}},
		{"drop field", expr(&sparkpb.Expression_UpdateFields{StructExpression: col("s"), FieldName: "f"}),
			&plan.UpdateFields{Child: attr("s"), FieldName: "f"}},
		{"python udf", expr(&sparkpb.CommonInlineUserDefinedFunction{FunctionName: "f", Arguments: []*sparkpb.Expression{col("a")},
			Function: &sparkpb.CommonInlineUserDefinedFunction_PythonUdf{PythonUdf: &sparkpb.PythonUDF{
				OutputType: &sparkpb.DataType{Kind: &sparkpb.DataType_String_{String_: &sparkpb.DataType_String{}}}, EvalType: 101, Command: []byte{7}}}}),
			&plan.PythonUDF{Name: "f", Args: []plan.Expr{attr("a")}, EvalType: 101, Command: []byte{7}, Output: types.String}},
		{"scala udf", expr(&sparkpb.CommonInlineUserDefinedFunction{FunctionName: "f",
			Function: &sparkpb.CommonInlineUserDefinedFunction_ScalarScalaUdf{ScalarScalaUdf: &sparkpb.ScalarScalaUDF{}}}),
			&plan.UnsupportedExpr{Feature: "Scala UDF f"}},
		{"named argument", expr(&sparkpb.NamedArgumentExpression{Key: "k", Value: lit(intLitPB(1))}),
			&plan.NamedArgument{Key: "k", Value: ilit(1)}},
		{"extension", &sparkpb.Expression{ExprType: &sparkpb.Expression_Extension{Extension: &anypb.Any{TypeUrl: "x/y"}}},
			&plan.UnsupportedExpr{Feature: "expression extension x/y"}},
		{"merge action", &sparkpb.Expression{ExprType: &sparkpb.Expression_MergeAction{MergeAction: &sparkpb.MergeAction{}}},
			&plan.UnsupportedExpr{Feature: "expression merge_action (DataFrame.mergeInto)"}},
		{"time literal", lit(&sparkpb.Expression_Literal{LiteralType: &sparkpb.Expression_Literal_Time_{Time: &sparkpb.Expression_Literal_Time{Nano: 5_000}}}),
			&plan.Literal{Type: types.DefaultTime, Value: plan.Time(5_000), ConnectTime: true}},
		{"time literal truncated to its precision", lit(&sparkpb.Expression_Literal{LiteralType: &sparkpb.Expression_Literal_Time_{Time: &sparkpb.Expression_Literal_Time{Nano: 1_234_567_891, Precision: func() *int32 { v := int32(3); return &v }()}}}),
			&plan.Literal{Type: types.Time{Precision: 3}, Value: plan.Time(1_234_000_000), ConnectTime: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Expression(tc.in)
			if err != nil {
				t.Fatalf("Expression: %v", err)
			}
			assertEqual(t, got, tc.want)
		})
	}
}

func TestExpressionsUsingSQLParser(t *testing.T) {
	needSQL(t)
	tests := []struct {
		name string
		in   *sparkpb.Expression
		want plan.Expr
	}{
		{"call function with qualified name", expr(&sparkpb.CallFunction{FunctionName: "`my func`", Arguments: []*sparkpb.Expression{col("a")}}),
			&plan.UnresolvedFunction{Name: "my func", Args: []plan.Expr{attr("a")}}},
		{"user-defined function name", expr(&sparkpb.Expression_UnresolvedFunction{FunctionName: "db.f", IsUserDefinedFunction: true}),
			&plan.UnresolvedFunction{Name: "db.f", IsUDF: true}},
		{"cast to type string", expr(&sparkpb.Expression_Cast{Expr: col("a"), CastToType: &sparkpb.Expression_Cast_TypeStr{TypeStr: "decimal(5,2)"}}),
			&plan.Cast{Child: attr("a"), Type: types.Decimal{Precision: 5, Scale: 2}, API: true}},
		{"cast to char string becomes string", expr(&sparkpb.Expression_Cast{Expr: col("a"), CastToType: &sparkpb.Expression_Cast_TypeStr{TypeStr: "char(3)"}}),
			&plan.Cast{Child: attr("a"), Type: types.String, API: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Expression(tc.in)
			if err != nil {
				t.Fatalf("Expression: %v", err)
			}
			assertEqual(t, got, tc.want)
		})
	}

	// expression_string goes through the SQL expression parser.
	got, err := Expression(&sparkpb.Expression{ExprType: &sparkpb.Expression_ExpressionString_{
		ExpressionString: &sparkpb.Expression_ExpressionString{Expression: "a + 1"}}})
	if err != nil {
		t.Fatal(err)
	}
	es, ok := got.(*plan.ExprString)
	if !ok {
		t.Fatalf("expression string: got %T", got)
	}
	if _, ok := es.Child.(*plan.UnresolvedFunction); !ok {
		t.Fatalf("expression string child: got %T", es.Child)
	}
	_, err = Expression(&sparkpb.Expression{ExprType: &sparkpb.Expression_ExpressionString_{
		ExpressionString: &sparkpb.Expression_ExpressionString{Expression: "a +"}}})
	assertErrClass(t, err, "PARSE_SYNTAX_ERROR", "Syntax error")
}

func TestInvalidExpressions(t *testing.T) {
	tests := []struct {
		name   string
		in     *sparkpb.Expression
		class  string
		substr string
	}{
		{"nil", nil, "CONNECT.INVALID_PLAN", "expression is missing"},
		{"unset", &sparkpb.Expression{}, "CONNECT.INVALID_PLAN", "type is not set"},
		{"bad attribute", col("a`b"), "INVALID_ATTRIBUTE_NAME_SYNTAX", "Syntax error in the attribute name: a`b."},
		{"star target without .*", expr(&sparkpb.Expression_UnresolvedStar{UnparsedTarget: ptr("t")}), "CONNECT.INVALID_PLAN", "ending with '.*'"},
		{"star target and plan id", expr(&sparkpb.Expression_UnresolvedStar{UnparsedTarget: ptr("t.*"), PlanId: ptr(int64(1))}), "CONNECT.INVALID_PLAN", "both target and plan id"},
		{"alias without name", expr(&sparkpb.Expression_Alias{Expr: col("a")}), "CONNECT.INVALID_PLAN", "no name"},
		{"multi alias with metadata", expr(&sparkpb.Expression_Alias{Expr: col("a"), Name: []string{"x", "y"}, Metadata: ptr("{}")}), "CONNECT.INVALID_PLAN", "must not use optional metadata"},
		{"cast without type", expr(&sparkpb.Expression_Cast{Expr: col("a")}), "CONNECT.INVALID_PLAN", "no target type"},
		{"lambda without args", expr(&sparkpb.Expression_LambdaFunction{Function: col("a")}), "CONNECT.INVALID_PLAN", "1 ~ 3 arguments"},
		{"lambda var without parts", expr(&sparkpb.Expression_UnresolvedNamedLambdaVariable{}), "CONNECT.INVALID_PLAN", "at least one name part"},
		{"window without function", expr(&sparkpb.Expression_Window{}), "CONNECT.INVALID_PLAN", "WindowFunction is required"},
		{"window frame undefined", expr(&sparkpb.Expression_Window{WindowFunction: col("a"), FrameSpec: &sparkpb.Expression_Window_WindowFrame{}}), "CONNECT.INVALID_PLAN", "Unknown FrameType"},
		{"window frame without lower", expr(&sparkpb.Expression_Window{WindowFunction: col("a"), FrameSpec: &sparkpb.Expression_Window_WindowFrame{
			FrameType: sparkpb.Expression_Window_WindowFrame_FRAME_TYPE_ROW}}), "CONNECT.INVALID_PLAN", "LowerBound is required"},
		{"window frame boundary unset", expr(&sparkpb.Expression_Window{WindowFunction: col("a"), FrameSpec: &sparkpb.Expression_Window_WindowFrame{
			FrameType: sparkpb.Expression_Window_WindowFrame_FRAME_TYPE_ROW,
			Lower:     &sparkpb.Expression_Window_WindowFrame_FrameBoundary{},
			Upper:     &sparkpb.Expression_Window_WindowFrame_FrameBoundary{}}}), "CONNECT.INVALID_PLAN", "Unknown FrameBoundary"},
		{"empty function name", fn(""), "CONNECT.INVALID_PLAN", "function name is empty"},
		{"nested missing argument", fn("f", nil), "CONNECT.INVALID_PLAN", "expression is missing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Expression(tc.in)
			assertErrClass(t, err, tc.class, tc.substr)
		})
	}
}

func TestParseAttributeName(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"a", []string{"a"}},
		{"a.b", []string{"a", "b"}},
		{"`a.b`", []string{"a.b"}},
		{"`a.b`.c", []string{"a.b", "c"}},
		{"a.`b`", []string{"a", "b"}},
		{"``", []string{""}},
		{"`a``b`", []string{"a`b"}},
		{"a b", []string{"a b"}},
		{"", []string{""}},
		{"*", []string{"*"}},
	}
	for _, tc := range tests {
		got, err := ParseAttributeName(tc.in)
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		assertEqual(t, got, tc.want)
	}
	for _, bad := range []string{"`a", "a`b", "`a`b", ".a", "a.", "a..b", ".", "a.`b`c"} {
		_, err := ParseAttributeName(bad)
		assertErrClass(t, err, "INVALID_ATTRIBUTE_NAME_SYNTAX", "Syntax error in the attribute name: "+bad+".")
	}
}
