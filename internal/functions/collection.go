package functions

import (
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// Arrays, maps and structs: constructors and element access.

func init() {
	Register(
		&Def{Name: "get_array_item", MinArgs: 2, MaxArgs: 2, Resolve: resolveArrayItem, Lower: lowerArrayItem(0), Group: "collection"},
		&Def{Name: "get", MinArgs: 2, MaxArgs: 2, Resolve: resolveArrayItem, Lower: lowerGet, Group: "collection"},
		&Def{Name: "get_map_value", MinArgs: 2, MaxArgs: 2, Resolve: resolveMapValue, Lower: tmpl("$1[$2]"), Group: "collection"},
		&Def{Name: "element_at", MinArgs: 2, MaxArgs: 2, Resolve: resolveElementAt, Lower: lowerElementAt, Group: "collection"},
		&Def{Name: "size", Aliases: []string{"cardinality"}, MinArgs: 1, MaxArgs: 1, Resolve: resolveSize, Lower: lowerSize, Group: "collection", ShowAlias: true},
		&Def{Name: "array", MinArgs: 0, MaxArgs: -1, Resolve: resolveArray, Lower: lowerArray, Group: "collection"},
		&Def{Name: "map", Aliases: []string{"create_map"}, MinArgs: 0, MaxArgs: -1, Resolve: resolveMap, Lower: lowerMap, Group: "collection"},
		&Def{Name: "struct", MinArgs: 0, MaxArgs: -1, Resolve: resolveStruct, Lower: lowerStruct, Pretty: prettyStruct, Group: "collection"},
		&Def{Name: "named_struct", MinArgs: 0, MaxArgs: -1, Resolve: resolveNamedStruct, Lower: lowerNamedStruct, Group: "collection"},
		&Def{Name: "array_contains", MinArgs: 2, MaxArgs: 2, Resolve: resolveArrayContains, Lower: lowerArrayContains, Group: "collection"},
		&Def{Name: "sort_array", MinArgs: 1, MaxArgs: 2, Resolve: resolveSortArray, Lower: lowerSortArray, Group: "collection"},
		&Def{Name: "array_distinct", MinArgs: 1, MaxArgs: 1, Resolve: sameArray, Lower: lowerArrayDistinct, Group: "collection"},
		&Def{Name: "map_keys", MinArgs: 1, MaxArgs: 1, Resolve: resolveMapKeys, Lower: fn("map_keys"), Group: "collection"},
		&Def{Name: "map_values", MinArgs: 1, MaxArgs: 1, Resolve: resolveMapValues, Lower: fn("map_values"), Group: "collection"},
	)
}

func resolveArrayItem(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	at, ok := args[0].Type().(types.Array)
	if !ok {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"ARRAY\"", args[0])
	}
	return []logical.Expr{args[0], ImplicitCast(args[1], types.Int)}, at.Elem, true, nil
}

// lowerArrayItem reads a 0-based index (col[i]); out of range is NULL, or
// INVALID_ARRAY_INDEX under ANSI.
func lowerArrayItem(base int) LowerFunc {
	return func(c *LowerCtx, call *logical.Call, args []string) (string, error) {
		idx := args[1] + " + 1"
		inRange := "(" + args[1] + " >= 0 AND " + args[1] + " < len(" + args[0] + "))"
		onBad := "NULL"
		if c.ANSI {
			onBad = arrayIndexRaise("INVALID_ARRAY_INDEX", args[1], args[0])
		}
		return "(CASE WHEN " + args[0] + " IS NULL OR " + args[1] + " IS NULL THEN NULL WHEN " + inRange + " THEN " + args[0] + "[" + idx + "] ELSE " + onBad + " END)", nil
	}
}

func lowerGet(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	nc := *c
	nc.ANSI = false
	return lowerArrayItem(0)(&nc, call, args)
}

func arrayIndexRaise(class, idx, arr string) string {
	return "error(" + QuoteString(ErrorMarker+class+"\x1findexValue=") + " || CAST(" + idx + " AS VARCHAR) || " +
		QuoteString("\x1farraySize=") + " || CAST(len(" + arr + ") AS VARCHAR))"
}

func resolveMapValue(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	mt, ok := args[0].Type().(types.Map)
	if !ok {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"MAP\"", args[0])
	}
	return []logical.Expr{args[0], ImplicitCast(args[1], mt.Key)}, mt.Value, true, nil
}

func resolveElementAt(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	switch t := args[0].Type().(type) {
	case types.Array:
		return []logical.Expr{args[0], ImplicitCast(args[1], types.Int)}, t.Elem, true, nil
	case types.Map:
		return []logical.Expr{args[0], ImplicitCast(args[1], t.Key)}, t.Value, true, nil
	}
	return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "(\"ARRAY\" or \"MAP\")", args[0])
}

func lowerElementAt(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	if call.Args[0].Type().Kind() == types.KindMap {
		return args[0] + "[" + args[1] + "]", nil
	}
	// 1-based; negative counts from the end; 0 is always an error.
	zero := RaiseSQL("INVALID_INDEX_OF_ZERO")
	onBad := "NULL"
	if c.ANSI {
		onBad = arrayIndexRaise("INVALID_ARRAY_INDEX_IN_ELEMENT_AT", args[1], args[0])
	}
	return "(CASE WHEN " + args[0] + " IS NULL OR " + args[1] + " IS NULL THEN NULL WHEN " + args[1] + " = 0 THEN " + zero +
		" WHEN abs(" + args[1] + ") > len(" + args[0] + ") THEN " + onBad + " ELSE " + args[0] + "[" + args[1] + "] END)", nil
}

func resolveSize(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	switch args[0].Type().Kind() {
	case types.KindArray, types.KindMap:
		// legacy sizeOfNull is off under ANSI: size(NULL) is NULL, else -1.
		return args, types.Int, c.ANSI && args[0].Nullable(), nil
	}
	return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "(\"ARRAY\" or \"MAP\")", args[0])
}

func lowerSize(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	f := "len"
	if call.Args[0].Type().Kind() == types.KindMap {
		f = "cardinality"
	}
	if c.ANSI {
		return f + "(" + args[0] + ")", nil
	}
	return "coalesce(" + f + "(" + args[0] + "), -1)", nil
}

func resolveArray(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if len(args) == 0 {
		return args, types.Array{Elem: types.Null, ContainsNull: false}, false, nil
	}
	out, t, err := commonType(name, args)
	if err != nil {
		return nil, nil, false, err
	}
	return out, types.Array{Elem: t, ContainsNull: anyNullable(args)}, false, nil
}

func lowerArray(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	return "[" + strings.Join(args, ", ") + "]", nil
}

func resolveMap(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if len(args)%2 != 0 {
		return nil, nil, false, sparkerr.Newf("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "functionName", "`map`", "expectedNum", "2n (n > 0)", "actualNum", strconv.Itoa(len(args)), "docroot", "https://spark.apache.org/docs/latest")
	}
	var keys, vals []logical.Expr
	for i := 0; i < len(args); i += 2 {
		keys = append(keys, args[i])
		vals = append(vals, args[i+1])
	}
	if len(keys) == 0 {
		return args, types.Map{Key: types.Null, Value: types.Null}, false, nil
	}
	ks, kt, err := commonType(name, keys)
	if err != nil {
		return nil, nil, false, err
	}
	vs, vt, err := commonType(name, vals)
	if err != nil {
		return nil, nil, false, err
	}
	out := make([]logical.Expr, 0, len(args))
	for i := range ks {
		out = append(out, ks[i], vs[i])
	}
	return out, types.Map{Key: kt, Value: vt, ValueContainsNull: anyNullable(vals)}, false, nil
}

func lowerMap(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	var ks, vs []string
	for i := 0; i+1 < len(args); i += 2 {
		ks = append(ks, args[i])
		vs = append(vs, args[i+1])
	}
	if len(ks) == 0 {
		return "map([], [])", nil
	}
	// NULL and duplicate keys follow Spark (see mapBuild).
	return mapBuild(c, "["+strings.Join(ks, ", ")+"]", "["+strings.Join(vs, ", ")+"]"), nil
}

func structName(e logical.Expr, i int) string {
	switch x := e.(type) {
	case *logical.ColRef:
		return x.Attr.Name
	case *logical.AliasExpr:
		return x.Name
	case *logical.Field:
		return x.Name
	}
	return "col" + strconv.Itoa(i+1)
}

func resolveStruct(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	fs := make([]types.Field, len(args))
	for i, a := range args {
		fs[i] = types.Field{Name: structName(a, i), Type: a.Type(), Nullable: a.Nullable()}
	}
	return args, types.Struct{Fields: fs}, false, nil
}

func lowerStruct(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	st := call.T.(types.Struct)
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = QuoteIdent(st.Fields[i].Name) + " := " + a
	}
	return "struct_pack(" + strings.Join(parts, ", ") + ")", nil
}

func prettyStruct(_ string, args []logical.Expr, _ bool) string {
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = a.SQL()
		if al, ok := a.(*logical.AliasExpr); ok {
			parts[i] = al.Child.SQL() + " AS " + al.Name
		}
	}
	return "struct(" + strings.Join(parts, ", ") + ")"
}

func resolveNamedStruct(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if len(args)%2 != 0 {
		return nil, nil, false, sparkerr.Newf("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "functionName", "`named_struct`", "expectedNum", "2n (n > 0)", "actualNum", strconv.Itoa(len(args)), "docroot", "https://spark.apache.org/docs/latest")
	}
	var fs []types.Field
	for i := 0; i < len(args); i += 2 {
		l, ok := args[i].(*logical.Lit)
		s, isStr := "", false
		if ok {
			s, isStr = l.V.(string)
		}
		if !isStr {
			return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING", "sqlExpr", "\""+DefaultPretty(name, args, false)+"\"", "inputExprs", "\""+args[i].SQL()+"\"")
		}
		fs = append(fs, types.Field{Name: s, Type: args[i+1].Type(), Nullable: args[i+1].Nullable()})
	}
	return args, types.Struct{Fields: fs}, false, nil
}

func lowerNamedStruct(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	st := call.T.(types.Struct)
	parts := make([]string, 0, len(args)/2)
	for i := 0; i+1 < len(args); i += 2 {
		parts = append(parts, QuoteIdent(st.Fields[i/2].Name)+" := "+args[i+1])
	}
	return "struct_pack(" + strings.Join(parts, ", ") + ")", nil
}

func resolveArrayContains(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	at, ok := args[0].Type().(types.Array)
	if !ok {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"ARRAY\"", args[0])
	}
	// NULL only from NULL inputs or a NULL element.
	return []logical.Expr{args[0], ImplicitCast(args[1], at.Elem)}, types.Boolean, anyNullable(args) || at.ContainsNull, nil
}

// lowerArrayContains: NULL when not found but the array has a NULL element.
func lowerArrayContains(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	return "(CASE WHEN " + args[0] + " IS NULL OR " + args[1] + " IS NULL THEN NULL WHEN list_contains(" + args[0] + ", " + args[1] + ") THEN true WHEN list_contains(list_transform(" + args[0] + ", lambda x: x IS NULL), true) THEN NULL ELSE false END)", nil
}

func sameArray(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if args[0].Type().Kind() != types.KindArray {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"ARRAY\"", args[0])
	}
	return args, args[0].Type(), args[0].Nullable(), nil
}

func resolveSortArray(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out, t, n, err := sameArray(c, name, args[:1])
	if err != nil {
		return nil, nil, false, err
	}
	if len(args) == 2 {
		out = append(out, ImplicitCast(args[1], types.Boolean))
	} else {
		// Spark shows the default order: sort_array(a, true).
		out = append(out, &logical.Lit{T: types.Boolean, V: true, Text: "true"})
	}
	return out, t, n, nil
}

func lowerSortArray(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	// Spark sorts NULLs first ascending and last descending.
	if len(args) == 2 {
		return "(CASE WHEN " + args[1] + " THEN list_sort(" + args[0] + ", 'ASC', 'NULLS FIRST') ELSE list_sort(" + args[0] + ", 'DESC', 'NULLS LAST') END)", nil
	}
	return "list_sort(" + args[0] + ", 'ASC', 'NULLS FIRST')", nil
}

func resolveMapKeys(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	mt, ok := args[0].Type().(types.Map)
	if !ok {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"MAP\"", args[0])
	}
	// Spark types map_keys as array<key> with containsNull = true.
	return args, types.Array{Elem: mt.Key, ContainsNull: true}, args[0].Nullable(), nil
}

func resolveMapValues(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	mt, ok := args[0].Type().(types.Map)
	if !ok {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"MAP\"", args[0])
	}
	// Spark types map_values as array<value> with containsNull = true.
	return args, types.Array{Elem: mt.Value, ContainsNull: true}, args[0].Nullable(), nil
}
