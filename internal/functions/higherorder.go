package functions

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// Higher-order functions: transform, filter, exists, forall, aggregate
// (reduce), zip_with, map_filter, transform_keys and transform_values.
//
// The analyzer resolves the lambda argument into a *logical.Lambda whose
// parameters are typed from the collection argument; the engine renders it
// as a DuckDB lambda "lambda v<ID>, ...: body". Lowerings that must bind a
// parameter to something other than what DuckDB passes (Spark's 0-based
// index, a struct field of a zipped pair or map entry) re-bind it with a
// single-element list_transform, so no text substitution of the body is
// needed.
func init() {
	Register(
		&Def{Name: "transform", MinArgs: 2, MaxArgs: 2, Resolve: resolveTransform, Lower: lowerTransform, Group: "lambda", Since: "2.4.0"},
		&Def{Name: "filter", MinArgs: 2, MaxArgs: 2, Resolve: resolveArrayFilter, Lower: lowerArrayFilter, Group: "lambda", Since: "2.4.0"},
		&Def{Name: "exists", MinArgs: 2, MaxArgs: 2, Resolve: resolveArrayPredicate, Lower: lowerArrayQuantifier(true), Group: "lambda", Since: "2.4.0"},
		&Def{Name: "forall", MinArgs: 2, MaxArgs: 2, Resolve: resolveArrayPredicate, Lower: lowerArrayQuantifier(false), Group: "lambda", Since: "3.0.0"},
		&Def{Name: "aggregate", MinArgs: 3, MaxArgs: 4, Resolve: resolveAggregateHOF, Lower: lowerAggregateHOF, Group: "lambda", Since: "2.4.0"},
		&Def{Name: "reduce", MinArgs: 3, MaxArgs: 4, Resolve: resolveAggregateHOF, Lower: lowerAggregateHOF, Group: "lambda", Since: "3.4.0"},
		&Def{Name: "zip_with", MinArgs: 3, MaxArgs: 3, Resolve: resolveZipWith, Lower: lowerZipWith, Group: "lambda", Since: "3.0.0"},
		&Def{Name: "map_filter", MinArgs: 2, MaxArgs: 2, Resolve: resolveMapHOF, Lower: lowerMapHOF, Group: "lambda", Since: "3.0.0"},
		&Def{Name: "transform_keys", MinArgs: 2, MaxArgs: 2, Resolve: resolveMapHOF, Lower: lowerMapHOF, Group: "lambda", Since: "3.0.0"},
		&Def{Name: "transform_values", MinArgs: 2, MaxArgs: 2, Resolve: resolveMapHOF, Lower: lowerMapHOF, Group: "lambda", Since: "3.0.0"},
	)
}

// lambdaArg checks that args[i] is a lambda taking between min and max
// parameters.
func lambdaArg(name string, args []logical.Expr, i, min, max int) (*logical.Lambda, error) {
	l, ok := args[i].(*logical.Lambda)
	if !ok {
		return nil, typeMismatch(DefaultPretty(name, args, false), i+1, "\"LAMBDA FUNCTION\"", args[i])
	}
	if n := len(l.Params); n < min || n > max {
		return nil, sparkerr.Newf("INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH",
			// Spark reports the lambda's arity as expected and what the
			// function would pass as actual.
			"expectedNumArgs", strconv.Itoa(n), "actualNumArgs", strconv.Itoa(min))
	}
	return l, nil
}

func arrayArg(name string, args []logical.Expr, i int) (types.Array, error) {
	switch t := args[i].Type().(type) {
	case types.Array:
		return t, nil
	}
	if args[i].Type().Kind() == types.KindNull {
		return types.Array{Elem: types.Null, ContainsNull: true}, nil
	}
	return types.Array{}, notArray(name, args, i)
}

func booleanBody(name string, args []logical.Expr, l *logical.Lambda, i int) error {
	k := l.Body.Type().Kind()
	if k == types.KindBoolean || k == types.KindNull {
		return nil
	}
	return typeMismatch(DefaultPretty(name, args, false), i+1, "\"BOOLEAN\"", l)
}

func resolveTransform(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if _, err := arrayArg(name, args, 0); err != nil {
		return nil, nil, false, err
	}
	l, err := lambdaArg(name, args, 1, 1, 2)
	if err != nil {
		return nil, nil, false, err
	}
	return args, types.Array{Elem: l.Body.Type(), ContainsNull: l.Body.Nullable()}, args[0].Nullable(), nil
}

func resolveArrayFilter(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	at, err := arrayArg(name, args, 0)
	if err != nil {
		return nil, nil, false, err
	}
	l, err := lambdaArg(name, args, 1, 1, 2)
	if err != nil {
		return nil, nil, false, err
	}
	if err := booleanBody(name, args, l, 1); err != nil {
		return nil, nil, false, err
	}
	return args, at, args[0].Nullable(), nil
}

func resolveArrayPredicate(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if _, err := arrayArg(name, args, 0); err != nil {
		return nil, nil, false, err
	}
	l, err := lambdaArg(name, args, 1, 1, 1)
	if err != nil {
		return nil, nil, false, err
	}
	if err := booleanBody(name, args, l, 1); err != nil {
		return nil, nil, false, err
	}
	return args, types.Boolean, args[0].Nullable() || l.Body.Nullable(), nil
}

func resolveAggregateHOF(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if _, err := arrayArg(name, args, 0); err != nil {
		return nil, nil, false, err
	}
	merge, err := lambdaArg(name, args, 2, 2, 2)
	if err != nil {
		return nil, nil, false, err
	}
	zt := args[1].Type()
	if !types.EqualIgnoreNullability(zt, merge.Body.Type()) && merge.Body.Type().Kind() != types.KindNull {
		return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			"sqlExpr", "\""+DefaultPretty(name, args, false)+"\"",
			"paramIndex", ordinal(3),
			"requiredType", "\""+strings.ToUpper(zt.SimpleString())+"\"",
			"inputSql", "\""+merge.SQL()+"\"",
			"inputType", "\""+strings.ToUpper(merge.Body.Type().SimpleString())+"\"")
	}
	t, null := zt, true
	if len(args) == 4 {
		finish, err := lambdaArg(name, args, 3, 1, 1)
		if err != nil {
			return nil, nil, false, err
		}
		t, null = finish.Body.Type(), args[0].Nullable() || finish.Body.Nullable()
	} else {
		null = args[0].Nullable() || args[1].Nullable() || merge.Body.Nullable()
	}
	return args, t, null, nil
}

func resolveZipWith(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if _, err := arrayArg(name, args, 0); err != nil {
		return nil, nil, false, err
	}
	if _, err := arrayArg(name, args, 1); err != nil {
		return nil, nil, false, err
	}
	l, err := lambdaArg(name, args, 2, 2, 2)
	if err != nil {
		return nil, nil, false, err
	}
	return args, types.Array{Elem: l.Body.Type(), ContainsNull: l.Body.Nullable()}, args[0].Nullable() || args[1].Nullable(), nil
}

func resolveMapHOF(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	mt, ok := args[0].Type().(types.Map)
	if !ok {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"MAP\"", args[0])
	}
	l, err := lambdaArg(name, args, 1, 2, 2)
	if err != nil {
		return nil, nil, false, err
	}
	var t types.DataType
	switch strings.ToLower(name) {
	case "map_filter":
		if err := booleanBody(name, args, l, 1); err != nil {
			return nil, nil, false, err
		}
		t = mt
	case "transform_keys":
		t = types.Map{Key: l.Body.Type(), Value: mt.Value, ValueContainsNull: mt.ValueContainsNull}
	default:
		t = types.Map{Key: mt.Key, Value: l.Body.Type(), ValueContainsNull: l.Body.Nullable()}
	}
	return args, t, args[0].Nullable(), nil
}

// lambdaParts splits a rendered lambda into its DuckDB parameter names and
// body.
func lambdaParts(l *logical.Lambda, rendered string) ([]string, string, error) {
	names := make([]string, len(l.Params))
	for i, p := range l.Params {
		names[i] = "v" + strconv.FormatInt(p.ID, 10)
	}
	prefix := "lambda " + strings.Join(names, ", ") + ": "
	if !strings.HasPrefix(rendered, prefix) {
		return nil, "", sparkerr.Internal("unexpected lambda rendering %q", rendered)
	}
	return names, strings.TrimPrefix(rendered, prefix), nil
}

// bind renders body with each name bound to the matching value.
func bind(names, vals []string, body string) string {
	out := body
	for i := len(names) - 1; i >= 0; i-- {
		out = "list_extract(list_transform([" + vals[i] + "], lambda " + names[i] + ": " + out + "), 1)"
	}
	return out
}

func lambdaOf(call *logical.Call, i int) *logical.Lambda {
	return call.Args[i].(*logical.Lambda)
}

// indexed renders a DuckDB list lambda for a Spark lambda (x) or (x, i),
// where i is Spark's 0-based index.
func indexed(call *logical.Call, i int, rendered string) (string, error) {
	l := lambdaOf(call, i)
	if len(l.Params) < 2 {
		return rendered, nil
	}
	names, body, err := lambdaParts(l, rendered)
	if err != nil {
		return "", err
	}
	idx := fmt.Sprintf("__i%d", l.Params[1].ID)
	return "lambda " + names[0] + ", " + idx + ": " +
		bind(names[1:], []string{"CAST(" + idx + " - 1 AS INTEGER)"}, body), nil
}

func lowerTransform(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	lam, err := indexed(call, 1, args[1])
	if err != nil {
		return "", err
	}
	return "list_transform(" + args[0] + ", " + lam + ")", nil
}

func lowerArrayFilter(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	lam, err := indexed(call, 1, args[1])
	if err != nil {
		return "", err
	}
	return "list_filter(" + args[0] + ", " + lam + ")", nil
}

// lowerArrayQuantifier renders exists (any) and forall (all) with Spark's
// three-valued logic: a deciding element wins, otherwise any NULL result
// makes the answer NULL.
func lowerArrayQuantifier(isExists bool) LowerFunc {
	return func(c *LowerCtx, call *logical.Call, args []string) (string, error) {
		t := fmt.Sprintf("__q%d", lambdaOf(call, 1).Params[0].ID)
		decide, win, lose := t+"__b", "true", "false"
		pred := "lambda " + decide + ": " + decide
		if !isExists {
			win, lose = "false", "true"
			pred = "lambda " + decide + ": NOT " + decide
		}
		return "list_extract(list_transform([list_transform(" + args[0] + ", " + args[1] + ")], lambda " + t + ": CASE" +
			" WHEN " + t + " IS NULL THEN NULL" +
			" WHEN len(list_filter(" + t + ", " + pred + ")) > 0 THEN " + win +
			" WHEN len(list_filter(" + t + ", lambda " + decide + ": " + decide + " IS NULL)) > 0 THEN NULL" +
			" ELSE " + lose + " END), 1)", nil
	}
}

func lowerAggregateHOF(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	zt, err := DuckType(call.Args[1].Type())
	if err != nil {
		return "", err
	}
	et, err := DuckType(types.AsNullable(call.Args[0].Type()))
	if err != nil {
		return "", err
	}
	et = strings.TrimSuffix(et, "[]")
	// DuckDB's list_reduce wants the accumulator typed like the elements,
	// so both travel as STRUCT(a accumulator, x element).
	merge := lambdaOf(call, 2)
	names, body, err := lambdaParts(merge, args[2])
	if err != nil {
		return "", err
	}
	id := strconv.FormatInt(merge.Params[0].ID, 10)
	s, e := "__as"+id, "__ae"+id
	pair := func(a, x string) string {
		return "struct_pack(a := CAST(" + a + " AS " + zt + "), x := CAST(" + x + " AS " + et + "))"
	}
	step := "lambda " + s + ", " + e + ": " + pair(bind(names, []string{"struct_extract(" + s + ", 'a')", "struct_extract(" + e + ", 'x')"}, body), "NULL")
	red := "struct_extract(list_reduce(list_transform(" + args[0] + ", lambda " + e + ": " + pair("NULL", e) + "), " + step + ", " + pair(args[1], "NULL") + "), 'a')"
	if len(args) < 4 {
		return red, nil
	}
	names, body, err = lambdaParts(lambdaOf(call, 3), args[3])
	if err != nil {
		return "", err
	}
	return "CASE WHEN (" + args[0] + ") IS NULL THEN NULL ELSE " + bind(names, []string{red}, body) + " END", nil
}

func lowerZipWith(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	l := lambdaOf(call, 2)
	names, body, err := lambdaParts(l, args[2])
	if err != nil {
		return "", err
	}
	a, b := args[0], args[1]
	k := fmt.Sprintf("__k%d", l.Params[0].ID)
	return "CASE WHEN (" + a + ") IS NULL OR (" + b + ") IS NULL THEN NULL ELSE " +
		"list_transform(range(greatest(len(" + a + "), len(" + b + "))), lambda " + k + ": " +
		bind(names, []string{"list_extract(" + a + ", " + k + " + 1)", "list_extract(" + b + ", " + k + " + 1)"}, body) +
		") END", nil
}

func lowerMapHOF(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	l := lambdaOf(call, 1)
	names, body, err := lambdaParts(l, args[1])
	if err != nil {
		return "", err
	}
	e := fmt.Sprintf("__e%d", l.Params[0].ID)
	kv := []string{"struct_extract(" + e + ", 'key')", "struct_extract(" + e + ", 'value')"}
	f := bind(names, kv, body)
	var entries string
	switch call.Fn {
	case "map_filter":
		entries = "list_filter(map_entries(" + args[0] + "), lambda " + e + ": " + f + ")"
	case "transform_keys":
		entries = "list_transform(map_entries(" + args[0] + "), lambda " + e + ": {'key': " + f + ", 'value': " + kv[1] + "})"
	default:
		entries = "list_transform(map_entries(" + args[0] + "), lambda " + e + ": {'key': " + kv[0] + ", 'value': " + f + "})"
	}
	return "CASE WHEN (" + args[0] + ") IS NULL THEN NULL ELSE map_from_entries(" + entries + ") END", nil
}
