package functions

import (
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// More collection functions: array editing (append, prepend, insert,
// remove, compact, repeat), zipping, flattening, sequences, map building
// (map_from_arrays, map_from_entries, map_concat, str_to_map) with Spark's
// duplicate-key policy, map_zip_with, array_sort with a comparator and
// try_element_at.
//
// Maps are built through ember_map_build(keys, values, lastWin), which
// raises NULL_MAP_KEY for a NULL key and DUPLICATED_MAP_KEY for a repeated
// one (spark.sql.mapKeyDedupPolicy=EXCEPTION, the default); under LAST_WIN
// a repeated key keeps its first position and takes its last value.
func init() {
	Register(
		&Def{Name: "array_append", MinArgs: 2, MaxArgs: 2, Resolve: resolveArrayAddElem, Lower: lowerArrayAddElem(false), Group: "collection", Since: "3.4.0"},
		&Def{Name: "array_prepend", MinArgs: 2, MaxArgs: 2, Resolve: resolveArrayAddElem, Lower: lowerArrayAddElem(true), Group: "collection", Since: "3.5.0"},
		&Def{Name: "array_compact", MinArgs: 1, MaxArgs: 1, Resolve: resolveArrayCompact, Lower: tmpl("list_filter($1, lambda __c: __c IS NOT NULL)"), Group: "collection", Since: "3.4.0"},
		&Def{Name: "array_insert", MinArgs: 3, MaxArgs: 3, Resolve: resolveArrayInsert, Lower: lowerArrayInsert, Group: "collection", Since: "3.4.0"},
		&Def{Name: "array_remove", MinArgs: 2, MaxArgs: 2, Resolve: resolveArrayRemove, Lower: lowerArrayRemove, Group: "collection", Since: "2.4.0"},
		&Def{Name: "array_repeat", MinArgs: 2, MaxArgs: 2, Resolve: resolveArrayRepeat, Lower: lowerArrayRepeat, Group: "collection", Since: "2.4.0"},
		&Def{Name: "array_size", MinArgs: 1, MaxArgs: 1, Resolve: resolveArraySize, Lower: tmpl("CAST(len($1) AS INTEGER)"), Group: "collection", Since: "3.3.0"},
		&Def{Name: "arrays_overlap", MinArgs: 2, MaxArgs: 2, Resolve: resolveArraysOverlap, Lower: lowerArraysOverlap, Group: "collection", Since: "2.4.0"},
		&Def{Name: "arrays_zip", MinArgs: 0, MaxArgs: -1, Resolve: resolveArraysZip, Lower: lowerArraysZip, Group: "collection", Since: "2.4.0"},
		&Def{Name: "flatten", MinArgs: 1, MaxArgs: 1, Resolve: resolveFlatten, Lower: lowerFlatten, Group: "collection", Since: "2.4.0"},
		&Def{Name: "sequence", MinArgs: 2, MaxArgs: 3, Resolve: resolveSequence, Lower: lowerSequence, Group: "collection", Since: "2.4.0"},
		&Def{Name: "array_sort", MinArgs: 1, MaxArgs: 2, Resolve: resolveArraySort, Lower: lowerArraySort, Pretty: prettyArraySort, Group: "collection", Since: "2.4.0"},
		&Def{Name: "try_element_at", MinArgs: 2, MaxArgs: 2, Resolve: resolveElementAt, Lower: lowerTryElementAt, Group: "collection", Since: "3.3.0"},
		&Def{Name: "map_contains_key", MinArgs: 2, MaxArgs: 2, Resolve: resolveMapContainsKey, Lower: lowerMapContainsKey, Group: "collection", Since: "3.3.0"},
		&Def{Name: "map_entries", MinArgs: 1, MaxArgs: 1, Resolve: resolveMapEntries, Lower: fn("map_entries"), Group: "collection", Since: "3.0.0"},
		&Def{Name: "map_from_arrays", MinArgs: 2, MaxArgs: 2, Resolve: resolveMapFromArrays, Lower: lowerMapFromArrays, Group: "collection", Since: "2.4.0"},
		&Def{Name: "map_from_entries", MinArgs: 1, MaxArgs: 1, Resolve: resolveMapFromEntries, Lower: lowerMapFromEntries, Group: "collection", Since: "2.4.0"},
		&Def{Name: "map_concat", MinArgs: 0, MaxArgs: -1, Resolve: resolveMapConcat, Lower: lowerMapConcat, Group: "collection", Since: "2.4.0"},
		&Def{Name: "str_to_map", MinArgs: 1, MaxArgs: 3, Resolve: resolveStrToMap, Lower: lowerStrToMap, Group: "collection", Since: "2.0.1"},
		&Def{Name: "shuffle", MinArgs: 1, MaxArgs: 2, Resolve: resolveShuffle, Lower: lowerShuffle, Pretty: firstArgOnly, Group: "collection", Since: "2.4.0"},
		&Def{Name: "map_zip_with", MinArgs: 3, MaxArgs: 3, Resolve: resolveMapZipWith, Lower: lowerMapZipWith, Group: "lambda", Since: "3.0.0"},
	)
	Macros = append(Macros, collection3Macros()...)
}

func collection3Macros() []string {
	dup := "error(" + QuoteString(ErrorMarker+"DUPLICATED_MAP_KEY\x1fkey=") +
		" || CAST(list_extract(list_filter(k, lambda __x, __i: list_position(k, __x) < __i), 1) AS VARCHAR) || " +
		QuoteString("\x1fmapKeyDedupPolicy=\"spark.sql.mapKeyDedupPolicy\"") + ")"
	firsts := "list_filter(k, lambda __x, __i: list_position(k, __x) = __i)"
	return []string{
		`CREATE OR REPLACE MACRO ember_map_build(k, v, lastwin) AS CASE
		  WHEN k IS NULL OR v IS NULL THEN NULL
		  WHEN len(k) <> len(v) THEN ` + RaiseSQL("_LEGACY_ERROR_TEMP_2128") + `
		  WHEN list_contains(list_transform(k, lambda __x: __x IS NULL), true) THEN ` + RaiseSQL("NULL_MAP_KEY") + `
		  WHEN len(list_distinct(k)) = len(k) THEN map(k, v)
		  WHEN NOT lastwin THEN ` + dup + `
		  ELSE map(` + firsts + `, list_transform(` + firsts + `, lambda __x: list_extract(v, len(k) + 1 - list_position(list_reverse(k), __x)))) END`,
	}
}

// mapBuild renders a map from key and value lists under the session's
// duplicate-key policy.
func mapBuild(c *LowerCtx, keys, vals string) string {
	lw := "false"
	if c != nil && c.MapKeyLastWin {
		lw = "true"
	}
	return "ember_map_build(" + keys + ", " + vals + ", " + lw + ")"
}

// sqlType renders a type as Spark's messages quote it: "MAP<INT, STRING>".
func sqlType(t types.DataType) string { return "\"" + sqlTypeText(t) + "\"" }

func sqlTypeText(t types.DataType) string {
	switch x := t.(type) {
	case types.Array:
		return "ARRAY<" + sqlTypeText(x.Elem) + ">"
	case types.Map:
		return "MAP<" + sqlTypeText(x.Key) + ", " + sqlTypeText(x.Value) + ">"
	case types.Struct:
		parts := make([]string, len(x.Fields))
		for i, f := range x.Fields {
			parts[i] = f.Name + ": " + sqlTypeText(f.Type)
		}
		return "STRUCT<" + strings.Join(parts, ", ") + ">"
	}
	return strings.ToUpper(t.SimpleString())
}

// widerNoString is the wider type without promoting a non-string to
// STRING, which Spark's array and map functions do not do.
func widerNoString(a, b types.DataType) (types.DataType, bool) {
	w, ok := types.WiderType(a, b)
	if !ok || promotesToString(a, b, w) {
		return nil, false
	}
	return w, true
}

func promotesToString(a, b, w types.DataType) bool {
	switch x := w.(type) {
	case types.Array:
		ea, oka := a.(types.Array)
		eb, okb := b.(types.Array)
		return oka && okb && promotesToString(ea.Elem, eb.Elem, x.Elem)
	case types.Map:
		ma, oka := a.(types.Map)
		mb, okb := b.(types.Map)
		return oka && okb && (promotesToString(ma.Key, mb.Key, x.Key) || promotesToString(ma.Value, mb.Value, x.Value))
	}
	if w.Kind() != types.KindString {
		return false
	}
	str := func(t types.DataType) bool { return types.IsStringLike(t) || t.Kind() == types.KindNull }
	return !str(a) || !str(b)
}

// elemArg widens an array argument and an element to a common element type.
func elemArg(name string, args []logical.Expr) (logical.Expr, logical.Expr, types.Array, error) {
	at, ok := args[0].Type().(types.Array)
	if !ok {
		return nil, nil, types.Array{}, notArray(name, args, 0)
	}
	w, ok := widerNoString(at.Elem, args[1].Type())
	if !ok {
		return nil, nil, types.Array{}, sparkerr.Newf("DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES",
			"sqlExpr", "\""+DefaultPretty(name, args, false)+"\"", "functionName", sparkerr.QuoteID(name),
			"dataType", "\"ARRAY\"", "leftType", sqlType(at), "rightType", sqlType(args[1].Type()))
	}
	nt := types.Array{Elem: w, ContainsNull: at.ContainsNull}
	return ImplicitCast(args[0], nt), ImplicitCast(args[1], w), nt, nil
}

func resolveArrayAddElem(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	a, e, at, err := elemArg(name, args)
	if err != nil {
		return nil, nil, false, err
	}
	at.ContainsNull = at.ContainsNull || e.Nullable()
	return []logical.Expr{a, e}, at, args[0].Nullable(), nil
}

func lowerArrayAddElem(prepend bool) LowerFunc {
	return func(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
		body := "list_append(" + args[0] + ", " + args[1] + ")"
		if prepend {
			body = "list_prepend(" + args[1] + ", " + args[0] + ")"
		}
		return "(CASE WHEN " + args[0] + " IS NULL THEN NULL ELSE " + body + " END)", nil
	}
}

func resolveArrayCompact(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	at, ok := args[0].Type().(types.Array)
	if !ok {
		return nil, nil, false, notArray(name, args, 0)
	}
	at.ContainsNull = false
	return args, at, args[0].Nullable(), nil
}

func resolveArrayInsert(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	a, e, at, err := elemArg(name, []logical.Expr{args[0], args[2]})
	if err != nil {
		return nil, nil, false, err
	}
	if !types.IsIntegral(args[1].Type()) && args[1].Type().Kind() != types.KindNull {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 2, "\"INT\"", args[1])
	}
	at.ContainsNull = true // positions past the end are padded with NULL
	return []logical.Expr{a, ImplicitCast(args[1], types.Int), e}, at, args[0].Nullable() || args[1].Nullable(), nil
}

// lowerArrayInsert: 1-based position; negative counts from the end (-1
// appends); positions beyond either end pad with NULLs; 0 is an error.
func lowerArrayInsert(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	a, p, x := "("+args[0]+")", "("+args[1]+")", args[2]
	q := "(len(" + a + ") + 1 + " + p + ")" // 0-based insertion point for negative p
	return "(CASE WHEN " + a + " IS NULL OR " + p + " IS NULL THEN NULL" +
		" WHEN " + p + " = 0 THEN " + RaiseSQL("INVALID_INDEX_OF_ZERO", JavaKey, sparkerr.RuntimeException) +
		" WHEN " + p + " > 0 AND " + p + " <= len(" + a + ") + 1 THEN list_concat(" + a + "[1:" + p + " - 1], [" + x + "], " + a + "[" + p + ":])" +
		" WHEN " + p + " > 0 THEN list_concat(list_resize(" + a + ", " + p + " - 1), [" + x + "])" +
		" WHEN " + q + " >= 0 THEN list_concat(" + a + "[1:" + q + "], [" + x + "], " + a + "[" + q + " + 1:])" +
		" ELSE list_concat([" + x + "], list_resize(" + a + "[1:0], -" + q + "), " + a + ") END)", nil
}

func resolveArrayRemove(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	a, e, at, err := elemArg(name, args)
	if err != nil {
		return nil, nil, false, err
	}
	return []logical.Expr{a, e}, at, anyNullable(args), nil
}

func lowerArrayRemove(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	return "(CASE WHEN " + args[0] + " IS NULL OR " + args[1] + " IS NULL THEN NULL ELSE list_filter(" + args[0] +
		", lambda __r: __r IS NULL OR __r <> " + args[1] + ") END)", nil
}

func resolveArrayRepeat(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if !types.IsIntegral(args[1].Type()) && args[1].Type().Kind() != types.KindNull {
		return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 2, "\"INT\"", args[1])
	}
	return []logical.Expr{args[0], ImplicitCast(args[1], types.Int)},
		types.Array{Elem: args[0].Type(), ContainsNull: args[0].Nullable()}, args[1].Nullable(), nil
}

func lowerArrayRepeat(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	dt, err := DuckType(call.T)
	if err != nil {
		return "", err
	}
	return "(CASE WHEN " + args[1] + " IS NULL THEN NULL ELSE CAST(list_transform(range(greatest(" + args[1] + ", 0)), lambda __n: " + args[0] + ") AS " + dt + ") END)", nil
}

func resolveArraySize(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if k := args[0].Type().Kind(); k != types.KindArray && k != types.KindNull {
		return nil, nil, false, notArray(name, args, 0)
	}
	return args, types.Int, args[0].Nullable(), nil
}

func resolveArraysOverlap(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	l, ok := args[0].Type().(types.Array)
	if !ok {
		return nil, nil, false, notArray(name, args, 0)
	}
	r, ok := args[1].Type().(types.Array)
	if !ok {
		return nil, nil, false, notArray(name, args, 1)
	}
	if _, ok := widerNoString(l.Elem, r.Elem); !ok {
		return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.BINARY_ARRAY_DIFF_TYPES",
			"sqlExpr", "\""+DefaultPretty(name, args, false)+"\"", "functionName", sparkerr.QuoteID(name),
			"arrayType", "\"ARRAY\"", "leftType", sqlType(l), "rightType", sqlType(r))
	}
	out, _, _, err := resolveArraySetOp(c, name, args)
	if err != nil {
		return nil, nil, false, err
	}
	return out, types.Boolean, anyNullable(args) || l.ContainsNull || r.ContainsNull, nil
}

// lowerArraysOverlap: true on a common non-NULL element; otherwise NULL when
// both arrays are non-empty and either holds a NULL; otherwise false.
func lowerArraysOverlap(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	a, b := args[0], args[1]
	hasNull := func(l string) string {
		return "list_contains(list_transform(" + l + ", lambda __z: __z IS NULL), true)"
	}
	return "(CASE WHEN " + a + " IS NULL OR " + b + " IS NULL THEN NULL" +
		" WHEN len(list_filter(" + a + ", lambda __o: __o IS NOT NULL AND list_contains(" + b + ", __o))) > 0 THEN true" +
		" WHEN len(" + a + ") > 0 AND len(" + b + ") > 0 AND (" + hasNull(a) + " OR " + hasNull(b) + ") THEN NULL ELSE false END)", nil
}

func resolveArraysZip(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	fs := make([]types.Field, len(args))
	for i, a := range args {
		at, err := arrayArg(name, args, i)
		if err != nil {
			return nil, nil, false, err
		}
		n := strconv.Itoa(i)
		switch x := a.(type) {
		case *logical.ColRef:
			n = x.Attr.Name
		case *logical.Field:
			n = x.Name
		}
		fs[i] = types.Field{Name: n, Type: at.Elem, Nullable: true}
	}
	return args, types.Array{Elem: types.Struct{Fields: fs}, ContainsNull: false}, anyNullable(args), nil
}

// lowerArraysZip pads the shorter arrays with NULL.
func lowerArraysZip(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	st := call.T.(types.Array).Elem.(types.Struct)
	if len(args) == 0 {
		dt, err := DuckType(call.T)
		if err != nil {
			return "", err
		}
		return "CAST([] AS " + dt + ")", nil
	}
	var conds, lens, fields []string
	for i, a := range args {
		conds = append(conds, a+" IS NULL")
		lens = append(lens, "len("+a+")")
		fields = append(fields, QuoteIdent(st.Fields[i].Name)+" := list_extract("+a+", __z + 1)")
	}
	return "(CASE WHEN " + strings.Join(conds, " OR ") + " THEN NULL ELSE list_transform(range(greatest(" + strings.Join(lens, ", ") +
		")), lambda __z: struct_pack(" + strings.Join(fields, ", ") + ")) END)", nil
}

func resolveFlatten(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	at, ok := args[0].Type().(types.Array)
	var inner types.Array
	if ok {
		inner, ok = at.Elem.(types.Array)
	}
	if !ok {
		return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			"sqlExpr", "\""+DefaultPretty(name, args, false)+"\"", "paramIndex", ordinal(1),
			"requiredType", "\"ARRAY\" of \"ARRAY\"", "inputSql", "\""+args[0].SQL()+"\"",
			"inputType", "\""+strings.ToUpper(args[0].Type().SimpleString())+"\"")
	}
	return args, inner, args[0].Nullable() || at.ContainsNull, nil
}

// lowerFlatten: a NULL inner array makes the result NULL.
func lowerFlatten(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	return "(CASE WHEN " + args[0] + " IS NULL OR list_contains(list_transform(" + args[0] + ", lambda __f: __f IS NULL), true) THEN NULL ELSE flatten(" + args[0] + ") END)", nil
}

func resolveSequence(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	for i, a := range args[:2] {
		switch a.Type().Kind() {
		case types.KindDate, types.KindTimestamp, types.KindTimestampNTZ:
			return nil, nil, false, sparkerr.Unsupported("sequence over dates or timestamps")
		case types.KindString, types.KindBinary, types.KindBoolean, types.KindArray, types.KindMap, types.KindStruct:
			return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), i+1, "(\"INTEGRAL\" or \"TIMESTAMP\" or \"DATE\")", a)
		}
	}
	w, ok := types.WiderType(args[0].Type(), args[1].Type())
	if ok && len(args) == 3 {
		w, ok = types.WiderType(w, args[2].Type())
	}
	if !ok || !types.IsIntegral(w) {
		return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.SEQUENCE_WRONG_INPUT_TYPES",
			"sqlExpr", "\""+DefaultPretty(name, args, false)+"\"", "functionName", "`sequence`",
			"startType", "(\"TIMESTAMP\" or \"TIMESTAMP_NTZ\" or \"DATE\")",
			"stepType", "(\"INTERVAL\" or \"INTERVAL YEAR TO MONTH\" or \"INTERVAL DAY TO SECOND\")",
			"otherStartType", "\"INTEGRAL\"")
	}
	out := []logical.Expr{ImplicitCast(args[0], w), ImplicitCast(args[1], w)}
	if len(args) == 3 {
		out = append(out, ImplicitCast(args[2], w))
	}
	return out, types.Array{Elem: w, ContainsNull: false}, anyNullable(args), nil
}

// lowerSequence: the default step is 1 or -1; a step that does not lead
// from start to stop fails as Spark's requirement does.
func lowerSequence(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	s, e := args[0], args[1]
	step := "(CASE WHEN " + s + " <= " + e + " THEN 1 ELSE -1 END)"
	cond := s + " IS NULL OR " + e + " IS NULL"
	if len(args) == 3 {
		step = args[2]
		cond += " OR " + step + " IS NULL"
	}
	dt, err := DuckType(call.T)
	if err != nil {
		return "", err
	}
	bad := "error(" + QuoteString(ErrorMarker+"_LEGACY_ERROR_EMBER_SEQUENCE_BOUNDARIES\x1fstart=") + " || CAST(" + s + " AS VARCHAR) || " +
		QuoteString("\x1fstop=") + " || CAST(" + e + " AS VARCHAR) || " + QuoteString("\x1fstep=") + " || CAST(" + step + " AS VARCHAR))"
	ok := "(" + step + " > 0 AND " + s + " <= " + e + ") OR (" + step + " < 0 AND " + s + " >= " + e + ") OR (" + step + " = 0 AND " + s + " = " + e + ")"
	return "(CASE WHEN " + cond + " THEN NULL WHEN NOT (" + ok + ") THEN " + bad +
		" WHEN " + s + " = " + e + " THEN CAST([" + s + "] AS " + dt + ")" +
		" ELSE CAST(generate_series(CAST(" + s + " AS BIGINT), CAST(" + e + " AS BIGINT), CAST(" + step + " AS BIGINT)) AS " + dt + ") END)", nil
}

func resolveArraySort(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if _, ok := args[0].Type().(types.Array); !ok {
		return nil, nil, false, notArray(name, args, 0)
	}
	if len(args) == 2 {
		l, err := lambdaArg(name, args, 1, 2, 2)
		if err != nil {
			return nil, nil, false, err
		}
		if k := l.Body.Type().Kind(); k != types.KindInt && k != types.KindNull {
			return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.UNEXPECTED_RETURN_TYPE",
				"sqlExpr", "\""+DefaultPretty(name, args, false)+"\"", "functionName", "`lambdafunction`",
				"expectedType", "\"INT\"", "actualType", sqlType(l.Body.Type()))
		}
	}
	return args, args[0].Type(), args[0].Nullable(), nil
}

// defaultArrayComparator is how Spark shows the comparator array_sort
// uses when none is given (ascending, NULLs last).
const defaultArrayComparator = "lambdafunction((IF(((namedlambdavariable() IS NULL) AND (namedlambdavariable() IS NULL)), 0, " +
	"(IF((namedlambdavariable() IS NULL), 1, (IF((namedlambdavariable() IS NULL), -1, " +
	"(IF((namedlambdavariable() < namedlambdavariable()), -1, (IF((namedlambdavariable() > namedlambdavariable()), 1, 0)))))))))), " +
	"namedlambdavariable(), namedlambdavariable())"

func prettyArraySort(name string, args []logical.Expr, distinct bool) string {
	if len(args) == 1 {
		return "array_sort(" + args[0].SQL() + ", " + defaultArrayComparator + ")"
	}
	return DefaultPretty(name, args, distinct)
}

// lowerArraySort: without a comparator, ascending with NULLs last; with
// one, in the order Java's sort gives Spark for that comparator.
func lowerArraySort(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	if len(args) == 1 {
		return "list_sort(" + args[0] + ", 'ASC', 'NULLS LAST')", nil
	}
	l := lambdaOf(call, 1)
	names, body, err := lambdaParts(l, args[1])
	if err != nil {
		return "", err
	}
	id := strconv.FormatInt(l.Params[0].ID, 10)
	x, y, p := "__sx"+id, "__sy"+id, "__sp"+id
	a := "(" + args[0] + ")"
	cmp := "CAST(" + bind(names, []string{x, y}, body) + " AS INTEGER)"
	nullCmp := "error(" + QuoteString(ErrorMarker+"COMPARATOR_RETURNS_NULL\x1ffirstValue=") + " || coalesce(CAST(" + x + " AS VARCHAR), 'NULL') || " +
		QuoteString("\x1fsecondValue=") + " || coalesce(CAST(" + y + " AS VARCHAR), 'NULL'))"
	// Every comparison up front; ember_sort_perm then orders the
	// positions as Java's sort would (see internal/udf).
	matrix := "list_transform(" + a + ", lambda " + x + ": list_transform(" + a + ", lambda " + y + ": coalesce(" + cmp + ", " + nullCmp + ")))"
	return "(CASE WHEN " + a + " IS NULL THEN NULL ELSE list_transform(ember_sort_perm(" + matrix + "), lambda " + p + ": list_extract(" + a + ", " + p + ")) END)", nil
}

// lowerTryElementAt is element_at returning NULL out of range (index 0
// still fails, as in Spark).
func lowerTryElementAt(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	nc := *c
	nc.ANSI = false
	return lowerElementAt(&nc, call, args)
}

func mapArg(name string, args []logical.Expr, i int) (types.Map, error) {
	mt, ok := args[i].Type().(types.Map)
	if !ok {
		return types.Map{}, typeMismatch(DefaultPretty(name, args, false), i+1, "\"MAP\"", args[i])
	}
	return mt, nil
}

func resolveMapContainsKey(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	mt, err := mapArg(name, args, 0)
	if err != nil {
		return nil, nil, false, err
	}
	w, ok := widerNoString(mt.Key, args[1].Type())
	if !ok {
		return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.MAP_FUNCTION_DIFF_TYPES",
			"sqlExpr", "\""+DefaultPretty(name, args, false)+"\"", "functionName", sparkerr.QuoteID(name),
			"dataType", "\"MAP\"", "leftType", sqlType(mt), "rightType", sqlType(args[1].Type()))
	}
	m := args[0]
	if !types.Equal(w, mt.Key) {
		m = ImplicitCast(m, types.Map{Key: w, Value: mt.Value, ValueContainsNull: mt.ValueContainsNull})
	}
	return []logical.Expr{m, ImplicitCast(args[1], w)}, types.Boolean, anyNullable(args), nil
}

func lowerMapContainsKey(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	return "(CASE WHEN " + args[0] + " IS NULL OR " + args[1] + " IS NULL THEN NULL ELSE list_contains(map_keys(" + args[0] + "), " + args[1] + ") END)", nil
}

func resolveMapEntries(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	mt, err := mapArg(name, args, 0)
	if err != nil {
		return nil, nil, false, err
	}
	st := types.Struct{Fields: []types.Field{{Name: "key", Type: mt.Key}, {Name: "value", Type: mt.Value, Nullable: mt.ValueContainsNull}}}
	return args, types.Array{Elem: st, ContainsNull: false}, args[0].Nullable(), nil
}

func resolveMapFromArrays(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	k, ok := args[0].Type().(types.Array)
	if !ok {
		return nil, nil, false, notArray(name, args, 0)
	}
	v, ok := args[1].Type().(types.Array)
	if !ok {
		return nil, nil, false, notArray(name, args, 1)
	}
	return args, types.Map{Key: k.Elem, Value: v.Elem, ValueContainsNull: v.ContainsNull}, anyNullable(args), nil
}

func lowerMapFromArrays(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	return mapBuild(c, args[0], args[1]), nil
}

func resolveMapFromEntries(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	at, ok := args[0].Type().(types.Array)
	var st types.Struct
	if ok {
		st, ok = at.Elem.(types.Struct)
		ok = ok && len(st.Fields) == 2
	}
	if !ok {
		return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			"sqlExpr", "\""+DefaultPretty(name, args, false)+"\"", "paramIndex", ordinal(1),
			"requiredType", "\"ARRAY\" of pair \"STRUCT\"", "inputSql", "\""+args[0].SQL()+"\"",
			"inputType", "\""+strings.ToUpper(args[0].Type().SimpleString())+"\"")
	}
	return args, types.Map{Key: st.Fields[0].Type, Value: st.Fields[1].Type, ValueContainsNull: st.Fields[1].Nullable},
		args[0].Nullable() || at.ContainsNull, nil
}

// lowerMapFromEntries: a NULL entry makes the result NULL.
func lowerMapFromEntries(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	st := call.Args[0].Type().(types.Array).Elem.(types.Struct)
	a := args[0]
	field := func(i int) string {
		return "list_transform(" + a + ", lambda __e: struct_extract(__e, " + QuoteString(st.Fields[i].Name) + "))"
	}
	return "(CASE WHEN " + a + " IS NULL OR list_contains(list_transform(" + a + ", lambda __e: __e IS NULL), true) THEN NULL ELSE " +
		mapBuild(c, field(0), field(1)) + " END)", nil
}

func resolveMapConcat(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if len(args) == 0 {
		return args, types.Map{Key: types.String, Value: types.String, ValueContainsNull: false}, false, nil
	}
	for i := range args {
		if _, err := mapArg(name, args, i); err != nil {
			k := args[i].Type().Kind()
			if k != types.KindNull {
				return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.MAP_CONCAT_DIFF_TYPES",
					"sqlExpr", "\""+DefaultPretty(name, args, false)+"\"", "functionName", sparkerr.QuoteID(name),
					"dataType", "["+typeList(args)+"]")
			}
		}
	}
	var t types.DataType = types.Null
	for _, a := range args {
		w, ok := widerNoString(t, a.Type())
		if !ok {
			parts := make([]string, len(args))
			for i, x := range args {
				parts[i] = sqlType(x.Type())
			}
			return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.DATA_DIFF_TYPES",
				"sqlExpr", "\""+DefaultPretty(name, args, false)+"\"", "functionName", sparkerr.QuoteID(name),
				"dataType", "("+strings.Join(parts, " or ")+")")
		}
		t = w
	}
	out := make([]logical.Expr, len(args))
	for i, a := range args {
		out[i] = ImplicitCast(a, t)
	}
	mt, _ := t.(types.Map)
	vcn := false
	for _, a := range args {
		if m, ok := a.Type().(types.Map); ok && m.ValueContainsNull {
			vcn = true
		}
	}
	mt.ValueContainsNull = vcn
	return out, mt, anyNullable(args), nil
}

func typeList(args []logical.Expr) string {
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = sqlType(a.Type())
	}
	return strings.Join(parts, ", ")
}

func lowerMapConcat(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	if len(args) == 0 {
		return "MAP {}::MAP(VARCHAR, VARCHAR)", nil
	}
	var conds, ks, vs []string
	for _, a := range args {
		conds = append(conds, a+" IS NULL")
		ks = append(ks, "map_keys("+a+")")
		vs = append(vs, "map_values("+a+")")
	}
	cat := func(l []string) string {
		out := l[0]
		for _, x := range l[1:] {
			out = "list_concat(" + out + ", " + x + ")"
		}
		return out
	}
	return "(CASE WHEN " + strings.Join(conds, " OR ") + " THEN NULL ELSE " + mapBuild(c, cat(ks), cat(vs)) + " END)", nil
}

func resolveStrToMap(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	full := append([]logical.Expr{}, args...)
	if len(full) < 2 {
		full = append(full, &logical.Lit{T: types.String, V: ",", Text: ","})
	}
	if len(full) < 3 {
		full = append(full, &logical.Lit{T: types.String, V: ":", Text: ":"})
	}
	out := make([]logical.Expr, 3)
	for i, a := range full {
		k := a.Type().Kind()
		if k != types.KindString && k != types.KindNull && k != types.KindChar && k != types.KindVarchar {
			return nil, nil, false, typeMismatch(DefaultPretty(name, full, false), i+1, "\"STRING\"", a)
		}
		out[i] = ImplicitCast(a, types.String)
	}
	return out, types.Map{Key: types.String, Value: types.String, ValueContainsNull: true}, anyNullable(args), nil
}

// lowerStrToMap splits on the pair delimiter, then each pair at the first
// match of the key/value delimiter (both are regular expressions); a pair
// without the delimiter maps to NULL.
func lowerStrToMap(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	t, pd, kd := args[0], args[1], args[2]
	pairs := "regexp_split_to_array(" + t + ", " + pd + ")"
	kv := "'^(.*?)(?:' || " + kd + " || ')(.*)$'"
	has := "regexp_matches(__p, '(?:' || " + kd + " || ')')"
	keys := "list_transform(" + pairs + ", lambda __p: CASE WHEN " + has + " THEN regexp_extract(__p, " + kv + ", 1) ELSE __p END)"
	vals := "list_transform(" + pairs + ", lambda __p: CASE WHEN " + has + " THEN regexp_extract(__p, " + kv + ", 2) ELSE NULL END)"
	return "(CASE WHEN " + t + " IS NULL OR " + pd + " IS NULL OR " + kd + " IS NULL THEN NULL ELSE " + mapBuild(c, keys, vals) + " END)", nil
}

func resolveMapZipWith(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	m1, err := mapArg(name, args, 0)
	if err != nil {
		return nil, nil, false, err
	}
	m2, err := mapArg(name, args, 1)
	if err != nil {
		return nil, nil, false, err
	}
	if !types.EqualIgnoreNullability(m1.Key, m2.Key) {
		return nil, nil, false, MapZipWithKeyMismatch(args, m1.Key, m2.Key)
	}
	l, err := lambdaArg(name, args, 2, 3, 3)
	if err != nil {
		return nil, nil, false, err
	}
	return args, types.Map{Key: m1.Key, Value: l.Body.Type(), ValueContainsNull: l.Body.Nullable()}, anyNullable(args[:2]), nil
}

// WiderMapKey is the key type map_zip_with casts both maps to when their
// key types differ: Spark's wider type, which promotes a mix of a string
// and another atomic type to STRING only outside ANSI mode.
func WiderMapKey(c *Ctx, a, b types.DataType) (types.DataType, bool) {
	if c != nil && c.ANSI {
		return widerNoString(a, b)
	}
	return types.WiderType(a, b)
}

// MapZipWithKeyMismatch is Spark's error for map_zip_with(m1, m2, f) over
// maps whose key types have no common type.
func MapZipWithKeyMismatch(args []logical.Expr, k1, k2 types.DataType) error {
	name := "map_zip_with"
	return sparkerr.Newf("DATATYPE_MISMATCH.MAP_ZIP_WITH_DIFF_TYPES",
		"sqlExpr", "\""+DefaultPretty(name, args, false)+"\"", "functionName", sparkerr.QuoteID(name),
		"leftType", sqlType(k1), "rightType", sqlType(k2))
}

// lowerMapZipWith: the keys of the first map, then the new keys of the
// second; a side without the key passes NULL.
func lowerMapZipWith(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	l := lambdaOf(call, 2)
	names, body, err := lambdaParts(l, args[2])
	if err != nil {
		return "", err
	}
	a, b := args[0], args[1]
	k := "__zk" + strconv.FormatInt(l.Params[0].ID, 10)
	keys := "list_concat(map_keys(" + a + "), list_filter(map_keys(" + b + "), lambda " + k + ": NOT list_contains(map_keys(" + a + "), " + k + ")))"
	get := func(m string) string {
		return "list_extract(map_values(" + m + "), list_position(map_keys(" + m + "), " + k + "))"
	}
	vals := "list_transform(" + keys + ", lambda " + k + ": " + bind(names, []string{k, get(a), get(b)}, body) + ")"
	return "(CASE WHEN " + a + " IS NULL OR " + b + " IS NULL THEN NULL ELSE map(" + keys + ", " + vals + ") END)", nil
}

// resolveShuffle fixes the seed: a given one must be an integer literal;
// without one a random seed is drawn now, as Spark does at analysis.
func resolveShuffle(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	at, err := arrayArg(name, args, 0)
	if err != nil {
		return nil, nil, false, err
	}
	var seed logical.Expr
	if len(args) == 2 {
		l, ok := args[1].(*logical.Lit)
		if !ok || !(types.IsIntegral(l.T) || l.T.Kind() == types.KindNull) {
			return nil, nil, false, sparkerr.Newf("INVALID_PARAMETER_VALUE.LONG",
				"parameter", "`seed`", "functionName", sparkerr.QuoteID(name), "invalidValue", "\""+args[1].SQL()+"\"")
		}
		seed = ImplicitCast(l, types.Long)
	} else {
		v := rand.Int64()
		seed = &logical.Lit{T: types.Long, V: v, Text: strconv.FormatInt(v, 10)}
	}
	return []logical.Expr{args[0], seed}, at, args[0].Nullable(), nil
}

// lowerShuffle picks the elements at the positions Spark's generator
// yields for a freshly seeded partition. Spark continues one generator
// across the rows of a partition, so only the first row of a partition
// (every row of a one-row input) reproduces Spark's permutation exactly;
// later rows get a different (still seeded, deterministic) permutation.
func lowerShuffle(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	a := "(" + args[0] + ")"
	return "(CASE WHEN " + a + " IS NULL THEN NULL ELSE list_transform(ember_shuffle_indices(len(" + a + "), coalesce(" + args[1] +
		", 0)), lambda __p: list_extract(" + a + ", __p)) END)", nil
}
