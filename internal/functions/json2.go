package functions

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// More JSON functions: json_array_length, json_object_keys and
// schema_of_json (inferred at analysis from its literal, as Spark folds it).

func init() {
	Register(
		&Def{Name: "json_array_length", MinArgs: 1, MaxArgs: 1, Resolve: stringArgs(types.Int), Lower: lowerJSONArrayLength, Group: "json"},
		&Def{Name: "json_object_keys", MinArgs: 1, MaxArgs: 1, Resolve: stringArgs(types.Array{Elem: types.String, ContainsNull: true}), Lower: lowerJSONObjectKeys, Group: "json"},
		&Def{Name: "schema_of_json", MinArgs: 1, MaxArgs: 2, Resolve: resolveSchemaOf("json"), Lower: lowerSchemaOf, Pretty: prettyFirstArg, Group: "json"},
	)
}

// stringArgs implicitly casts every argument to string and returns a
// nullable t.
func stringArgs(t types.DataType) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		out := make([]logical.Expr, len(args))
		for i, a := range args {
			if !types.IsStringLike(a.Type()) && a.Type().Kind() != types.KindNull {
				return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), i+1, "\"STRING\"", a)
			}
			out[i] = ImplicitCast(a, types.String)
		}
		return out, t, true, nil
	}
}

func lowerJSONArrayLength(_ *LowerCtx, _ *logical.Call, args []string) (string, error) {
	j := args[0]
	return "(CASE WHEN json_valid(" + j + ") AND json_type(" + j + ") = 'ARRAY' THEN CAST(json_array_length(" + j + ") AS INTEGER) END)", nil
}

func lowerJSONObjectKeys(_ *LowerCtx, _ *logical.Call, args []string) (string, error) {
	j := args[0]
	return "(CASE WHEN json_valid(" + j + ") AND json_type(" + j + ") = 'OBJECT' THEN json_keys(" + j + ") END)", nil
}

// literalOptions reads an options argument built by map('k', 'v', ...)
// of literals; keys are case-insensitive, as Spark's options are.
func literalOptions(name string, e logical.Expr) (map[string]string, error) {
	out := map[string]string{}
	c, ok := e.(*logical.Call)
	if !ok || (c.Fn != "map" && c.Fn != "create_map") {
		return nil, sparkerr.Newf("INVALID_OPTIONS.NON_MAP_FUNCTION")
	}
	for i := 0; i+1 < len(c.Args); i += 2 {
		k, ok1 := c.Args[i].(*logical.Lit)
		v, ok2 := c.Args[i+1].(*logical.Lit)
		if !ok1 || !ok2 {
			return nil, sparkerr.Newf("INVALID_OPTIONS.NON_STRING_TYPE", "mapType", "\""+strings.ToUpper(c.Type().SimpleString())+"\"")
		}
		ks, _ := k.V.(string)
		out[strings.ToLower(ks)] = fmt.Sprint(v.V)
	}
	return out, nil
}

func optBool(opts map[string]string, key string, def bool) bool {
	v, ok := opts[strings.ToLower(key)]
	if !ok {
		return def
	}
	return strings.EqualFold(strings.TrimSpace(v), "true")
}

// jsonOptionsOf picks the parser leniencies out of Spark options.
func jsonOptionsOf(opts map[string]string) JSONOptions {
	return JSONOptions{
		SingleQuotes:  optBool(opts, "allowSingleQuotes", true),
		UnquotedNames: optBool(opts, "allowUnquotedFieldNames", false),
	}
}

// resolveSchemaOf types schema_of_json/csv/xml: a foldable string and
// optional literal options; the schema is inferred now.
func resolveSchemaOf(kind string) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		if _, err := schemaOfText(name, args); err != nil {
			return nil, nil, false, err
		}
		return args, types.String, false, nil
	}
}

func lowerSchemaOf(_ *LowerCtx, call *logical.Call, _ []string) (string, error) {
	s, err := schemaOfText(call.Fn, call.Args)
	if err != nil {
		return "", err
	}
	return QuoteString(s), nil
}

// schemaOfText infers the schema of a schema_of_* call, rendered as Spark
// shows it (STRUCT<a: BIGINT>).
func schemaOfText(name string, args []logical.Expr) (string, error) {
	s, ok := litString(args[0])
	if !ok {
		argName := map[string]string{"schema_of_json": "`json`", "schema_of_csv": "`csv`", "schema_of_xml": "`xml`"}[name]
		if l, isLit := args[0].(*logical.Lit); isLit && l.V == nil {
			return "", sparkerr.Newf("DATATYPE_MISMATCH.UNEXPECTED_NULL", "sqlExpr", "\""+prettyFirstArg(name, args, false)+"\"", "exprName", argName)
		}
		return "", sparkerr.Newf("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "sqlExpr", "\""+prettyFirstArg(name, args, false)+"\"",
			"inputName", argName, "inputType", "\"STRING\"", "inputExpr", "\""+args[0].SQL()+"\"")
	}
	opts := map[string]string{}
	if len(args) == 2 {
		o, err := literalOptions(name, args[1])
		if err != nil {
			return "", err
		}
		opts = o
	}
	var t types.DataType
	var err error
	switch name {
	case "schema_of_json":
		t, err = inferJSONSchema(s, opts)
	case "schema_of_csv":
		t, err = inferCSVSchema(s, opts)
	case "schema_of_xml":
		t, err = inferXMLSchema(s, opts)
	default:
		return "", sparkerr.Internal("schema inference for %s", name)
	}
	if err != nil {
		return "", err
	}
	return SparkTypeSQL(t), nil
}

// schemaArgText is the schema text of from_json/from_csv/from_xml's
// schema argument: a string literal or a schema_of_* call.
func schemaArgText(e logical.Expr) (string, bool, error) {
	if s, ok := litString(e); ok {
		return s, true, nil
	}
	if c, ok := e.(*logical.Call); ok && strings.HasPrefix(c.Fn, "schema_of_") {
		s, err := schemaOfText(c.Fn, c.Args)
		return s, err == nil, err
	}
	return "", false, nil
}

func inferJSONSchema(s string, opts map[string]string) (types.DataType, error) {
	v, err := ParseJSONLenient(s, jsonOptionsOf(opts))
	if err != nil {
		return nil, sparkerr.Unclassified("com.fasterxml.jackson.core.JsonParseException", "Failed to infer the schema of JSON: "+err.Error())
	}
	return canonicalJSONType(inferJSONValue(v)), nil
}

func inferJSONValue(v any) types.DataType {
	switch x := v.(type) {
	case nil:
		return types.Null
	case bool:
		return types.Boolean
	case string:
		return types.String
	case JSONNumber:
		return inferNumber(x)
	case []any:
		var elem types.DataType = types.Null
		for _, e := range x {
			elem = mergeInferred(elem, inferJSONValue(e))
		}
		return types.Array{Elem: elem, ContainsNull: true}
	case []JSONMember:
		st := types.Struct{}
		for _, m := range x {
			st = mergeInferred(st, types.Struct{Fields: []types.Field{{Name: m.Key, Type: inferJSONValue(m.Value), Nullable: true}}}).(types.Struct)
		}
		return st
	}
	return types.String
}

func inferNumber(n JSONNumber) types.DataType {
	if !n.Int {
		return types.Double
	}
	if _, err := strconv.ParseInt(n.Text, 10, 64); err == nil {
		return types.Long
	}
	digits := len(strings.TrimPrefix(n.Text, "-"))
	if digits <= 38 {
		return types.Decimal{Precision: digits, Scale: 0}
	}
	return types.Double
}

// mergeInferred is the common type of two inferred types (Spark's JSON
// inference): numbers widen, structs merge by field name, anything else
// that differs becomes a string.
func mergeInferred(a, b types.DataType) types.DataType {
	if types.Equal(a, b) {
		return a
	}
	if a.Kind() == types.KindNull {
		return b
	}
	if b.Kind() == types.KindNull {
		return a
	}
	switch x := a.(type) {
	case types.Struct:
		y, ok := b.(types.Struct)
		if !ok {
			return types.String
		}
		byName := map[string]int{}
		fs := append([]types.Field(nil), x.Fields...)
		for i, f := range fs {
			byName[f.Name] = i
		}
		for _, f := range y.Fields {
			if i, ok := byName[f.Name]; ok {
				fs[i].Type = mergeInferred(fs[i].Type, f.Type)
				continue
			}
			byName[f.Name] = len(fs)
			fs = append(fs, f)
		}
		sort.SliceStable(fs, func(i, j int) bool { return fs[i].Name < fs[j].Name })
		return types.Struct{Fields: fs}
	case types.Array:
		y, ok := b.(types.Array)
		if !ok {
			return types.String
		}
		return types.Array{Elem: mergeInferred(x.Elem, y.Elem), ContainsNull: true}
	}
	ka, kb := a.Kind(), b.Kind()
	if ka == types.KindDouble && (kb == types.KindLong || kb == types.KindDecimal) || kb == types.KindDouble && (ka == types.KindLong || ka == types.KindDecimal) {
		return types.Double
	}
	if (ka == types.KindLong || ka == types.KindDecimal) && (kb == types.KindLong || kb == types.KindDecimal) {
		da, _ := types.DecimalOf(a)
		db, _ := types.DecimalOf(b)
		return types.WiderDecimal(da, db)
	}
	return types.String
}

// canonicalJSONType replaces types inference leaves open (NULL) by string.
func canonicalJSONType(t types.DataType) types.DataType {
	switch x := t.(type) {
	case types.Array:
		return types.Array{Elem: canonicalJSONType(x.Elem), ContainsNull: true}
	case types.Struct:
		fs := make([]types.Field, len(x.Fields))
		for i, f := range x.Fields {
			fs[i] = f
			fs[i].Type = canonicalJSONType(f.Type)
		}
		return types.Struct{Fields: fs}
	}
	if t.Kind() == types.KindNull {
		return types.String
	}
	return t
}

// SparkTypeSQL renders a type as Spark's DataType.sql (STRUCT<a: BIGINT>).
func SparkTypeSQL(t types.DataType) string {
	switch x := t.(type) {
	case types.Array:
		return "ARRAY<" + SparkTypeSQL(x.Elem) + ">"
	case types.Map:
		return "MAP<" + SparkTypeSQL(x.Key) + ", " + SparkTypeSQL(x.Value) + ">"
	case types.Struct:
		parts := make([]string, len(x.Fields))
		for i, f := range x.Fields {
			parts[i] = quoteFieldIfNeeded(f.Name) + ": " + SparkTypeSQL(f.Type)
			if !f.Nullable {
				parts[i] += " NOT NULL"
			}
		}
		return "STRUCT<" + strings.Join(parts, ", ") + ">"
	}
	return strings.ToUpper(t.SimpleString())
}

func quoteFieldIfNeeded(n string) string {
	plain, digits := n != "", true
	for _, c := range n {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			plain = false
		}
		if c < '0' || c > '9' {
			digits = false
		}
	}
	if plain && !digits {
		return n
	}
	return "`" + strings.ReplaceAll(n, "`", "``") + "`"
}
