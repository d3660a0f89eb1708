package connect

import (
	"regexp"
	"strings"

	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkpb"
	"github.com/emberdb/ember/internal/sql"
)

func (c *converter) expression(e *sparkpb.Expression) (plan.Expr, error) {
	if e == nil {
		return nil, invalidPlan("An expression is missing.")
	}
	c.exprDepth++
	defer func() { c.exprDepth-- }()
	if c.exprDepth > MaxDepth {
		return nil, tooDeep("expression")
	}
	switch k := e.GetExprType().(type) {
	case nil:
		return nil, invalidPlan("The expression type is not set.")
	case *sparkpb.Expression_Literal_:
		lit, err := literal(k.Literal)
		if err != nil {
			if u, ok := err.(*unsupportedError); ok {
				return &plan.UnsupportedExpr{Feature: u.feature}, nil
			}
			return nil, err
		}
		return lit, nil
	case *sparkpb.Expression_UnresolvedAttribute_:
		return c.attribute(k.UnresolvedAttribute)
	case *sparkpb.Expression_UnresolvedFunction_:
		return c.unresolvedFunction(k.UnresolvedFunction)
	case *sparkpb.Expression_ExpressionString_:
		x, err := sql.ParseExpression(k.ExpressionString.GetExpression(), c.sqlOpts...)
		if err != nil {
			return nil, wrap(err, "expression string %q", k.ExpressionString.GetExpression())
		}
		return &plan.ExprString{Child: x}, nil
	case *sparkpb.Expression_UnresolvedStar_:
		return c.star(k.UnresolvedStar)
	case *sparkpb.Expression_Alias_:
		return c.alias(k.Alias)
	case *sparkpb.Expression_Cast_:
		return c.cast(k.Cast)
	case *sparkpb.Expression_UnresolvedRegex_:
		return c.regex(k.UnresolvedRegex)
	case *sparkpb.Expression_SortOrder_:
		return c.sortOrder(k.SortOrder)
	case *sparkpb.Expression_LambdaFunction_:
		return c.lambda(k.LambdaFunction)
	case *sparkpb.Expression_UnresolvedNamedLambdaVariable_:
		return lambdaVar(k.UnresolvedNamedLambdaVariable)
	case *sparkpb.Expression_Window_:
		return c.window(k.Window)
	case *sparkpb.Expression_UnresolvedExtractValue_:
		child, err := c.expression(k.UnresolvedExtractValue.GetChild())
		if err != nil {
			return nil, err
		}
		ext, err := c.expression(k.UnresolvedExtractValue.GetExtraction())
		if err != nil {
			return nil, err
		}
		return &plan.ExtractValue{Child: child, Extraction: ext}, nil
	case *sparkpb.Expression_UpdateFields_:
		return c.updateFields(k.UpdateFields)
	case *sparkpb.Expression_CommonInlineUserDefinedFunction:
		if f, ok, err := c.pythonUDF(k.CommonInlineUserDefinedFunction); ok || err != nil {
			return f, err
		}
		return &plan.UnsupportedExpr{Feature: udfFeature(k.CommonInlineUserDefinedFunction)}, nil
	case *sparkpb.Expression_CallFunction:
		name, err := parseFunctionName(k.CallFunction.GetFunctionName())
		if err != nil {
			return nil, wrap(err, "call_function name")
		}
		args, err := c.expressions(k.CallFunction.GetArguments())
		if err != nil {
			return nil, err
		}
		return &plan.UnresolvedFunction{Name: name, Args: args}, nil
	case *sparkpb.Expression_NamedArgumentExpression:
		v, err := c.expression(k.NamedArgumentExpression.GetValue())
		if err != nil {
			return nil, err
		}
		return &plan.NamedArgument{Key: k.NamedArgumentExpression.GetKey(), Value: v}, nil
	case *sparkpb.Expression_MergeAction:
		return &plan.UnsupportedExpr{Feature: "expression merge_action (DataFrame.mergeInto)"}, nil
	case *sparkpb.Expression_TypedAggregateExpression:
		return &plan.UnsupportedExpr{Feature: "expression typed_aggregate_expression (Scala Aggregator)"}, nil
	case *sparkpb.Expression_SubqueryExpression:
		return c.subquery(k.SubqueryExpression)
	case *sparkpb.Expression_DirectShufflePartitionId:
		child, err := c.expression(k.DirectShufflePartitionId.GetChild())
		if err != nil {
			return nil, err
		}
		return &plan.PartitionID{Child: child}, nil
	case *sparkpb.Expression_Extension:
		return &plan.UnsupportedExpr{Feature: "expression extension " + k.Extension.GetTypeUrl()}, nil
	default:
		return nil, invalidPlan("Unknown expression type %T.", k)
	}
}

func (c *converter) expressions(es []*sparkpb.Expression) ([]plan.Expr, error) {
	if len(es) == 0 {
		return nil, nil
	}
	out := make([]plan.Expr, len(es))
	for i, e := range es {
		x, err := c.expression(e)
		if err != nil {
			return nil, err
		}
		out[i] = x
	}
	return out, nil
}

func (c *converter) attribute(a *sparkpb.Expression_UnresolvedAttribute) (plan.Expr, error) {
	parts, err := ParseAttributeName(a.GetUnparsedIdentifier())
	if err != nil {
		return nil, err
	}
	return &plan.UnresolvedAttribute{
		Parts:      parts,
		PlanID:     a.GetPlanId(),
		HasPlanID:  a.PlanId != nil,
		IsMetadata: a.GetIsMetadataColumn(),
	}, nil
}

func (c *converter) unresolvedFunction(f *sparkpb.Expression_UnresolvedFunction) (plan.Expr, error) {
	name := f.GetFunctionName()
	if f.GetIsUserDefinedFunction() {
		n, err := parseFunctionName(name)
		if err != nil {
			return nil, wrap(err, "function name")
		}
		name = n
	}
	if name == "" {
		return nil, invalidPlan("The function name is empty.")
	}
	args, err := c.expressions(f.GetArguments())
	if err != nil {
		return nil, err
	}
	return &plan.UnresolvedFunction{
		Name:       name,
		Args:       args,
		Distinct:   f.GetIsDistinct(),
		IsUDF:      f.GetIsUserDefinedFunction(),
		IsInternal: f.GetIsInternal(),
	}, nil
}

func (c *converter) star(s *sparkpb.Expression_UnresolvedStar) (plan.Expr, error) {
	switch {
	case s.UnparsedTarget != nil && s.PlanId != nil:
		return nil, invalidPlan("UnresolvedStar with both target and plan id is not supported.")
	case s.UnparsedTarget != nil:
		target := s.GetUnparsedTarget()
		if !strings.HasSuffix(target, ".*") {
			return nil, invalidPlan("UnresolvedStar requires a unparsed target ending with '.*', but got %s.", target)
		}
		parts, err := ParseAttributeName(strings.TrimSuffix(target, ".*"))
		if err != nil {
			return nil, err
		}
		return &plan.UnresolvedStar{Target: parts}, nil
	case s.PlanId != nil:
		return &plan.UnresolvedStar{PlanID: s.GetPlanId(), HasPlanID: true}, nil
	}
	return &plan.UnresolvedStar{}, nil
}

func (c *converter) alias(a *sparkpb.Expression_Alias) (plan.Expr, error) {
	if len(a.GetName()) == 0 {
		return nil, invalidPlan("An alias has no name.")
	}
	if len(a.GetName()) > 1 && a.Metadata != nil {
		return nil, invalidPlan("Alias expressions with more than 1 identifier must not use optional metadata.")
	}
	child, err := c.expression(a.GetExpr())
	if err != nil {
		return nil, err
	}
	return &plan.Alias{Child: child, Names: append([]string(nil), a.GetName()...), Metadata: a.GetMetadata()}, nil
}

func (c *converter) cast(x *sparkpb.Expression_Cast) (plan.Expr, error) {
	child, err := c.expression(x.GetExpr())
	if err != nil {
		return nil, err
	}
	out := &plan.Cast{Child: child, API: true}
	switch t := x.GetCastToType().(type) {
	case *sparkpb.Expression_Cast_Type:
		dt, err := DataType(t.Type)
		if err != nil {
			return nil, err
		}
		out.Type = castTarget(dt)
	case *sparkpb.Expression_Cast_TypeStr:
		dt, err := sql.ParseDataType(t.TypeStr)
		if err != nil {
			return nil, wrap(err, "cast type %q", t.TypeStr)
		}
		out.Type = castTarget(dt)
	default:
		return nil, invalidPlan("A cast has no target type.")
	}
	switch x.GetEvalMode() {
	case sparkpb.Expression_Cast_EVAL_MODE_LEGACY:
		out.Mode = plan.EvalLegacy
	case sparkpb.Expression_Cast_EVAL_MODE_ANSI:
		out.Mode = plan.EvalANSI
	case sparkpb.Expression_Cast_EVAL_MODE_TRY:
		out.Mode = plan.EvalTry
	}
	return out, nil
}

// Spark's patterns for df.colRegex: a whole name in backquotes is a
// regular expression; so is a backquoted last part after a qualifier.
var (
	escapedIdentifier          = regexp.MustCompile("(?s)^`(.+)`$")
	qualifiedEscapedIdentifier = regexp.MustCompile("(?s)^(.+)\\.`(.+)`$")
)

func (c *converter) regex(r *sparkpb.Expression_UnresolvedRegex) (plan.Expr, error) {
	name := r.GetColName()
	if m := escapedIdentifier.FindStringSubmatch(name); m != nil {
		return &plan.UnresolvedRegex{Pattern: m[1], PlanID: r.GetPlanId(), HasPlanID: r.PlanId != nil}, nil
	}
	if qualifiedEscapedIdentifier.MatchString(name) {
		return &plan.UnsupportedExpr{Feature: "colRegex with a table qualifier (" + name + ")"}, nil
	}
	parts, err := ParseAttributeName(name)
	if err != nil {
		return nil, err
	}
	return &plan.UnresolvedAttribute{Parts: parts, PlanID: r.GetPlanId(), HasPlanID: r.PlanId != nil}, nil
}

// sortOrder follows Spark's Connect planner: only an explicit ascending
// direction is ascending, and only an explicit NULLS FIRST puts nulls
// first; the null order is therefore always recorded as set.
func (c *converter) sortOrder(s *sparkpb.Expression_SortOrder) (*plan.SortOrder, error) {
	if s == nil {
		return nil, invalidPlan("A sort order is missing.")
	}
	child, err := c.expression(s.GetChild())
	if err != nil {
		return nil, err
	}
	return &plan.SortOrder{
		Child:      child,
		Desc:       s.GetDirection() != sparkpb.Expression_SortOrder_SORT_DIRECTION_ASCENDING,
		NullsFirst: s.GetNullOrdering() == sparkpb.Expression_SortOrder_SORT_NULLS_FIRST,
		NullsSet:   true,
	}, nil
}

func (c *converter) sortOrders(ss []*sparkpb.Expression_SortOrder) ([]*plan.SortOrder, error) {
	if len(ss) == 0 {
		return nil, nil
	}
	out := make([]*plan.SortOrder, len(ss))
	for i, s := range ss {
		o, err := c.sortOrder(s)
		if err != nil {
			return nil, err
		}
		out[i] = o
	}
	return out, nil
}

func (c *converter) lambda(l *sparkpb.Expression_LambdaFunction) (plan.Expr, error) {
	n := len(l.GetArguments())
	if n == 0 || n > 3 {
		return nil, invalidPlan("LambdaFunction requires 1 ~ 3 arguments, but got %d ones!", n)
	}
	args := make([]string, n)
	for i, a := range l.GetArguments() {
		if len(a.GetNameParts()) == 0 {
			return nil, invalidPlan("UnresolvedNamedLambdaVariable requires at least one name part!")
		}
		args[i] = strings.Join(a.GetNameParts(), ".")
	}
	body, err := c.expression(l.GetFunction())
	if err != nil {
		return nil, err
	}
	return &plan.LambdaFunction{Body: body, Args: args}, nil
}

func lambdaVar(v *sparkpb.Expression_UnresolvedNamedLambdaVariable) (plan.Expr, error) {
	if len(v.GetNameParts()) == 0 {
		return nil, invalidPlan("UnresolvedNamedLambdaVariable requires at least one name part!")
	}
	return &plan.LambdaVar{Parts: append([]string(nil), v.GetNameParts()...)}, nil
}

func (c *converter) window(w *sparkpb.Expression_Window) (plan.Expr, error) {
	if w.GetWindowFunction() == nil {
		return nil, invalidPlan("WindowFunction is required in WindowExpression")
	}
	fn, err := c.expression(w.GetWindowFunction())
	if err != nil {
		return nil, err
	}
	part, err := c.expressions(w.GetPartitionSpec())
	if err != nil {
		return nil, err
	}
	order, err := c.sortOrders(w.GetOrderSpec())
	if err != nil {
		return nil, err
	}
	out := &plan.Window{Func: fn, PartitionBy: part, OrderBy: order}
	if f := w.GetFrameSpec(); f != nil {
		frame := &plan.WindowFrame{}
		switch f.GetFrameType() {
		case sparkpb.Expression_Window_WindowFrame_FRAME_TYPE_ROW:
			frame.Type = plan.RowsFrame
		case sparkpb.Expression_Window_WindowFrame_FRAME_TYPE_RANGE:
			frame.Type = plan.RangeFrame
		default:
			return nil, invalidPlan("Unknown FrameType %s", f.GetFrameType())
		}
		if f.GetLower() == nil {
			return nil, invalidPlan("LowerBound is required in WindowFrame")
		}
		if frame.Lower, err = c.frameBoundary(f.GetLower()); err != nil {
			return nil, err
		}
		if f.GetUpper() == nil {
			return nil, invalidPlan("UpperBound is required in WindowFrame")
		}
		if frame.Upper, err = c.frameBoundary(f.GetUpper()); err != nil {
			return nil, err
		}
		out.Frame = frame
	}
	return out, nil
}

func (c *converter) frameBoundary(b *sparkpb.Expression_Window_WindowFrame_FrameBoundary) (plan.FrameBoundary, error) {
	switch k := b.GetBoundary().(type) {
	case *sparkpb.Expression_Window_WindowFrame_FrameBoundary_CurrentRow:
		return plan.FrameBoundary{CurrentRow: true}, nil
	case *sparkpb.Expression_Window_WindowFrame_FrameBoundary_Unbounded:
		return plan.FrameBoundary{Unbounded: true}, nil
	case *sparkpb.Expression_Window_WindowFrame_FrameBoundary_Value:
		v, err := c.expression(k.Value)
		if err != nil {
			return plan.FrameBoundary{}, err
		}
		return plan.FrameBoundary{Value: v}, nil
	}
	return plan.FrameBoundary{}, invalidPlan("Unknown FrameBoundary BOUNDARY_NOT_SET")
}

func (c *converter) updateFields(u *sparkpb.Expression_UpdateFields) (plan.Expr, error) {
	child, err := c.expression(u.GetStructExpression())
	if err != nil {
		return nil, err
	}
	out := &plan.UpdateFields{Child: child, FieldName: u.GetFieldName()}
	if u.GetValueExpression() != nil {
		if out.Value, err = c.expression(u.GetValueExpression()); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// subquery resolves a DataFrame subquery (df.scalar(), df.exists(),
// col.isin(df)) against the references of the enclosing WithRelations.
func (c *converter) subquery(s *sparkpb.SubqueryExpression) (plan.Expr, error) {
	ref, ok := c.lookupRef(s.GetPlanId())
	if !ok {
		return nil, invalidPlan("Missing relation in WithRelations: (%d) not in the references.", s.GetPlanId())
	}
	if s.GetSubqueryType() == sparkpb.SubqueryExpression_SUBQUERY_TYPE_TABLE_ARG {
		o := s.GetTableArgOptions()
		parts, err := c.expressions(o.GetPartitionSpec())
		if err != nil {
			return nil, err
		}
		order, err := c.sortOrders(o.GetOrderSpec())
		if err != nil {
			return nil, err
		}
		return &plan.TableArg{Plan: ref, PartitionBy: parts, OrderBy: order, SinglePartition: o.GetWithSinglePartition()}, nil
	}
	switch s.GetSubqueryType() {
	case sparkpb.SubqueryExpression_SUBQUERY_TYPE_SCALAR:
		return &plan.ScalarSubquery{Plan: ref}, nil
	case sparkpb.SubqueryExpression_SUBQUERY_TYPE_EXISTS:
		return &plan.Exists{Plan: ref}, nil
	case sparkpb.SubqueryExpression_SUBQUERY_TYPE_IN:
		vals, err := c.expressions(s.GetInSubqueryValues())
		if err != nil {
			return nil, err
		}
		return &plan.InSubquery{Values: vals, Plan: ref}, nil
	}
	return nil, invalidPlan("Unknown SubqueryType %s", s.GetSubqueryType())
}

// pythonUDF converts an inline Python UDF; ok is false for other kinds
// (Scala and Java UDFs), which Ember cannot run.
func (c *converter) pythonUDF(f *sparkpb.CommonInlineUserDefinedFunction) (*plan.PythonUDF, bool, error) {
	py := f.GetPythonUdf()
	if py == nil {
		return nil, false, nil
	}
	out, err := DataType(py.GetOutputType())
	if err != nil {
		return nil, true, wrap(err, "Python UDF output type")
	}
	args, err := c.expressions(f.GetArguments())
	if err != nil {
		return nil, true, err
	}
	if len(py.GetCommand()) == 0 {
		return nil, true, invalidPlan("The Python UDF %s has no command.", f.GetFunctionName())
	}
	return &plan.PythonUDF{Name: f.GetFunctionName(), Deterministic: f.GetDeterministic(), Args: args,
		EvalType: py.GetEvalType(), Command: py.GetCommand(), PythonVer: py.GetPythonVer(), Output: out}, true, nil
}

// udfFeature names an inline user-defined function for the unsupported
// error.
func udfFeature(f *sparkpb.CommonInlineUserDefinedFunction) string {
	kind := "user-defined function"
	switch f.GetFunction().(type) {
	case *sparkpb.CommonInlineUserDefinedFunction_PythonUdf:
		kind = "Python UDF"
	case *sparkpb.CommonInlineUserDefinedFunction_ScalarScalaUdf:
		kind = "Scala UDF"
	case *sparkpb.CommonInlineUserDefinedFunction_JavaUdf:
		kind = "Java UDF"
	}
	if n := f.GetFunctionName(); n != "" {
		return kind + " " + n
	}
	return kind
}
