package functions

import (
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sql"
	"github.com/emberdb/ember/internal/types"
)

// VARIANT functions. A variant is stored in DuckDB as
// STRUCT(value BLOB, metadata BLOB) holding Spark's binary encoding; the
// encoding work is done by Go scalar functions (internal/udf/variant.go,
// ember_variant_*) over internal/variant.

// VariantDuckType is the DuckDB type that stores a VARIANT.
const VariantDuckType = "STRUCT(value BLOB, metadata BLOB)"

func init() {
	Register(
		&Def{Name: "parse_json", MinArgs: 1, MaxArgs: 1, Resolve: resolveParseJSON(false), Lower: lowerParseJSON(false), Group: "variant", Since: "4.0.0"},
		&Def{Name: "try_parse_json", MinArgs: 1, MaxArgs: 1, Resolve: resolveParseJSON(true), Lower: lowerParseJSON(true), Group: "variant", Since: "4.0.0"},
		&Def{Name: "is_variant_null", MinArgs: 1, MaxArgs: 1, Resolve: resolveVariantArg(types.Boolean, false), Lower: fn("ember_variant_is_null"), Group: "variant", Since: "4.0.0"},
		&Def{Name: "is_valid_variant", MinArgs: 1, MaxArgs: 1, Resolve: resolveVariantArg(types.Boolean, true), Lower: fn("ember_variant_is_valid"), Group: "variant", Since: "4.2.0"},
		&Def{Name: "schema_of_variant", MinArgs: 1, MaxArgs: 1, Resolve: resolveVariantArg(types.String, true), Lower: fn("ember_variant_schema"), Group: "variant", Since: "4.0.0"},
		&Def{Name: "schema_of_variant_agg", Kind: logical.Agg, MinArgs: 1, MaxArgs: 1, Resolve: resolveVariantArg(types.String, false), Lower: lowerSchemaOfVariantAgg, Group: "variant", Since: "4.0.0"},
		&Def{Name: "variant_get", MinArgs: 3, MaxArgs: 3, Resolve: resolveVariantGet, Lower: lowerVariantGet(true), Group: "variant", Since: "4.0.0"},
		&Def{Name: "try_variant_get", MinArgs: 3, MaxArgs: 3, Resolve: resolveVariantGet, Lower: lowerVariantGet(false), Group: "variant", Since: "4.0.0"},
		&Def{Name: "to_variant_object", MinArgs: 1, MaxArgs: 1, Resolve: resolveToVariantObject, Lower: lowerToVariantObject, Group: "variant", Since: "4.0.0"},
	)
}

// resolveParseJSON types parse_json (nullable as its input) and
// try_parse_json (always nullable).
func resolveParseJSON(try bool) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		a := args[0]
		if !types.IsStringLike(a.Type()) && a.Type().Kind() != types.KindNull {
			return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), 1, "\"STRING\"", a)
		}
		return []logical.Expr{ImplicitCast(a, types.String)}, types.Variant, try || a.Nullable(), nil
	}
}

func lowerParseJSON(try bool) LowerFunc {
	t := "false"
	if try {
		t = "true"
	}
	return func(_ *LowerCtx, _ *logical.Call, args []string) (string, error) {
		return "ember_parse_json(" + args[0] + ", " + t + ")", nil
	}
}

// requireVariant checks that argument i is a VARIANT.
func requireVariant(name string, args []logical.Expr, i int) error {
	k := args[i].Type().Kind()
	if k == types.KindVariant || k == types.KindNull {
		return nil
	}
	return typeMismatch(DefaultPretty(name, args, false), i+1, "\"VARIANT\"", args[i])
}

// variantArg casts a NULL literal argument to VARIANT.
func variantArg(e logical.Expr) logical.Expr {
	if e.Type().Kind() == types.KindNull {
		return ImplicitCast(e, types.Variant)
	}
	return e
}

func resolveVariantArg(t types.DataType, nullable bool) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		if err := requireVariant(name, args, 0); err != nil {
			return nil, nil, false, err
		}
		n := nullable
		if nullable {
			n = args[0].Nullable()
		}
		return []logical.Expr{variantArg(args[0])}, t, n, nil
	}
}

func lowerSchemaOfVariantAgg(c *LowerCtx, _ *logical.Call, args []string) (string, error) {
	return "ember_variant_schema_agg(" + c.Agg("list("+args[0]+")") + ")", nil
}

// variantTarget is how ember_variant_get_<kind> returns a target type.
func variantTarget(t types.DataType) (kind string, ok bool) {
	switch t.Kind() {
	case types.KindBoolean:
		return "boolean", true
	case types.KindByte:
		return "byte", true
	case types.KindShort:
		return "short", true
	case types.KindInt:
		return "int", true
	case types.KindLong:
		return "long", true
	case types.KindFloat:
		return "float", true
	case types.KindDouble:
		return "double", true
	case types.KindDecimal, types.KindString, types.KindChar, types.KindVarchar:
		return "string", true
	case types.KindBinary:
		return "binary", true
	case types.KindDate:
		return "date", true
	case types.KindTimestamp, types.KindTimestampNTZ:
		return "timestamp", true
	case types.KindVariant:
		return "variant", true
	}
	return "", false
}

func resolveVariantGet(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if err := requireVariant(name, args, 0); err != nil {
		return nil, nil, false, err
	}
	pretty := DefaultPretty(name, args, false)
	if !types.IsStringLike(args[1].Type()) {
		return nil, nil, false, typeMismatch(pretty, 2, "\"STRING\"", args[1])
	}
	ts, ok := litString(args[2])
	if !ok {
		return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "sqlExpr", "\""+pretty+"\"", "inputName", "`targetType`", "inputType", "\"STRING\"", "inputExpr", "\""+args[2].SQL()+"\"")
	}
	t, err := sql.ParseDataType(ts)
	if err != nil {
		return nil, nil, false, err
	}
	if _, err := variantGetSQL(&LowerCtx{}, "v", "p", t, "true", name); err != nil {
		return nil, nil, false, err
	}
	return []logical.Expr{variantArg(args[0]), args[1], args[2]}, t, true, nil
}

func lowerVariantGet(fail bool) LowerFunc {
	return func(c *LowerCtx, call *logical.Call, args []string) (string, error) {
		f := "false"
		if fail {
			f = "true"
		}
		return variantGetSQL(c, args[0], args[1], call.T, f, call.Fn)
	}
}

// variantGetSQL extracts path from the variant v and converts it to t;
// fail says whether a failed conversion raises INVALID_VARIANT_CAST.
func variantGetSQL(c *LowerCtx, v, path string, t types.DataType, fail, fnName string) (string, error) {
	return variantGetDepth(c, v, path, t, fail, fnName, 0)
}

// variantGetDepth handles nested targets by composing paths: an array
// maps its elements ("<path>[i]"), a struct picks its fields, a map with
// string keys takes every field of the object; anything else at that path
// is an invalid cast (ember_variant_cast_check).
func variantGetDepth(c *LowerCtx, v, path string, t types.DataType, fail, fnName string, depth int) (string, error) {
	kindOf := "ember_variant_kind(" + v + ", " + path + ")"
	check := "(CASE WHEN ember_variant_cast_check(" + v + ", " + path + ", " + QuoteString(sqlTypeName(t)) + ", " + fail + ", " + tzLit(c) + ") THEN NULL END)"
	keySeg := func(k string) string {
		return "(" + path + " || " + QuoteString("[\x01") + " || " + k + " || " + QuoteString("\x01]") + ")"
	}
	lv := "__vg" + itoa(depth)
	switch tt := t.(type) {
	case types.Array:
		inner, err := variantGetDepth(c, v, "("+path+" || '[' || CAST("+lv+" AS VARCHAR) || ']')", tt.Elem, fail, fnName, depth+1)
		if err != nil {
			return "", err
		}
		return "(CASE " + kindOf + " WHEN 'array' THEN list_transform(range(ember_variant_len(" + v + ", " + path + ")), lambda " + lv + ": " + inner + ") WHEN 'null' THEN NULL ELSE " + check + " END)", nil
	case types.Struct:
		parts := make([]string, len(tt.Fields))
		for i, f := range tt.Fields {
			inner, err := variantGetDepth(c, v, keySeg(QuoteString(f.Name)), f.Type, fail, fnName, depth+1)
			if err != nil {
				return "", err
			}
			parts[i] = QuoteIdent(f.Name) + " := " + inner
		}
		return "(CASE " + kindOf + " WHEN 'object' THEN struct_pack(" + strings.Join(parts, ", ") + ") WHEN 'null' THEN NULL ELSE " + check + " END)", nil
	case types.Map:
		if !types.IsStringLike(tt.Key) {
			return "", sparkerr.Unsupported("variant_get to " + t.SimpleString())
		}
		inner, err := variantGetDepth(c, v, keySeg(lv), tt.Value, fail, fnName, depth+1)
		if err != nil {
			return "", err
		}
		return "(CASE " + kindOf + " WHEN 'object' THEN map_from_entries(list_transform(ember_variant_keys(" + v + ", " + path + "), lambda " + lv + ": struct_pack(key := " + lv + ", value := " + inner + "))) WHEN 'null' THEN NULL ELSE " + check + " END)", nil
	}
	kind, ok := variantTarget(t)
	if !ok {
		return "", sparkerr.Unsupported("variant_get to " + t.SimpleString())
	}
	target := QuoteString(sqlTypeName(t))
	call := "ember_variant_get_" + kind + "(" + v + ", " + path + ", " + target + ", " + fail + ", " + tzLit(c) + ", " + QuoteString(fnName) + ")"
	switch t.Kind() {
	case types.KindDecimal:
		dt, _ := DuckType(t)
		return "CAST(" + call + " AS " + dt + ")", nil
	case types.KindDate:
		return "CAST(DATE '1970-01-01' + " + call + " AS DATE)", nil
	case types.KindTimestamp:
		return "(TIMESTAMPTZ '1970-01-01 00:00:00+00' + to_microseconds(" + call + "))", nil
	case types.KindTimestampNTZ:
		return "(TIMESTAMP '1970-01-01 00:00:00' + to_microseconds(" + call + "))", nil
	}
	return call, nil
}

// sqlTypeName is a type's Spark SQL name (INT, DECIMAL(10,2), ...), the
// text variant casts parse back.
func sqlTypeName(t types.DataType) string { return SparkTypeSQL(t) }

// VariantCastSQL lowers CAST(arg AS t) from VARIANT: variant_get of the
// whole value, failing unless try.
func VariantCastSQL(c *LowerCtx, arg string, to types.DataType, try bool) (string, error) {
	f := "true"
	if try {
		f = "false"
	}
	return variantGetSQL(c, arg, "'$'", to, f, "cast")
}

func resolveToVariantObject(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if _, err := variantSourceSQL(c.TimeZone, "x", args[0].Type(), 0, true); err != nil {
		return nil, nil, false, err
	}
	return args, types.Variant, args[0].Nullable(), nil
}

func lowerToVariantObject(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	return ToVariantSQL(c, args[0], call.Args[0].Type(), true)
}

// ToVariantSQL builds a variant from a typed value: the value is rendered
// as JSON whose leaves carry their Spark type (see variantSourceSQL) and
// ember_variant_from_typed encodes it. Structs and maps become objects
// only when objects is set (to_variant_object); CAST allows atomic values
// and arrays.
func ToVariantSQL(c *LowerCtx, arg string, t types.DataType, objects bool) (string, error) {
	src, err := variantSourceSQL(c.TimeZone, arg, t, 0, objects)
	if err != nil {
		return "", err
	}
	return "(CASE WHEN " + arg + " IS NULL THEN NULL ELSE ember_variant_from_typed(" + src + ") END)", nil
}

// variantSourceSQL renders x of type t as JSON text with typed leaves:
// {"t":"<kind>","v":<text>} for scalars (numbers and datetimes as exact
// text), objects for structs and string-keyed maps, arrays for arrays, and
// null for NULL.
func variantSourceSQL(tz, x string, t types.DataType, depth int, objects bool) (string, error) {
	v := "__v" + itoa(depth)
	orNull := func(s string) string { return "coalesce(" + s + ", 'null')" }
	// Every scalar is a JSON string "<kind>:<text>"; containers are JSON
	// objects and arrays, so leaves never collide with struct fields.
	leaf := func(kind, text string) string {
		return "CAST(to_json(" + QuoteString(kind+":") + " || CAST(" + text + " AS VARCHAR)) AS VARCHAR)"
	}
	quote := func(s string) string { return "CAST(to_json(CAST(" + s + " AS VARCHAR)) AS VARCHAR)" }
	switch tt := t.(type) {
	case types.Struct:
		if !objects {
			return "", sparkerr.Unsupported("cast of " + t.SimpleString() + " to variant")
		}
		parts := make([]string, len(tt.Fields))
		for i, f := range tt.Fields {
			inner, err := variantSourceSQL(tz, "struct_extract_at("+x+", "+itoa(i+1)+")", f.Type, depth+1, objects)
			if err != nil {
				return "", err
			}
			parts[i] = QuoteString(jsonQuote(f.Name)+":") + " || " + orNull(inner)
		}
		return "(CASE WHEN " + x + " IS NULL THEN NULL ELSE '{' || concat_ws(',', " + strings.Join(parts, ", ") + ") || '}' END)", nil
	case types.Array:
		inner, err := variantSourceSQL(tz, v, tt.Elem, depth+1, objects)
		if err != nil {
			return "", err
		}
		return "(CASE WHEN " + x + " IS NULL THEN NULL ELSE '[' || array_to_string(list_transform(" + x + ", lambda " + v + ": " + orNull(inner) + "), ',') || ']' END)", nil
	case types.Map:
		if !objects || !types.IsStringLike(tt.Key) {
			return "", sparkerr.Unsupported("to_variant_object of " + t.SimpleString())
		}
		val, err := variantSourceSQL(tz, v+".value", tt.Value, depth+1, objects)
		if err != nil {
			return "", err
		}
		return "(CASE WHEN " + x + " IS NULL THEN NULL ELSE '{' || array_to_string(list_transform(map_entries(" + x + "), lambda " + v + ": " + quote(v+".key") + " || ':' || " + orNull(val) + "), ',') || '}' END)", nil
	case types.Decimal:
		return leaf("decimal", x), nil
	}
	switch t.Kind() {
	case types.KindNull:
		return "CAST(NULL AS VARCHAR)", nil
	case types.KindBoolean:
		return leaf("boolean", x), nil
	case types.KindByte, types.KindShort, types.KindInt, types.KindLong:
		return leaf("long", x), nil
	case types.KindFloat:
		return leaf("float", x), nil
	case types.KindDouble:
		return leaf("double", x), nil
	case types.KindString, types.KindChar, types.KindVarchar:
		return leaf("string", x), nil
	case types.KindBinary:
		return leaf("binary", "to_base64("+x+")"), nil
	case types.KindDate:
		return leaf("date", "("+x+" - DATE '1970-01-01')"), nil
	case types.KindTimestamp:
		return leaf("timestamp", "epoch_us("+x+")"), nil
	case types.KindTimestampNTZ:
		return leaf("timestamp_ntz", "epoch_us("+x+")"), nil
	case types.KindVariant:
		return leaf("variant", "to_base64(struct_extract("+x+", 'value')) || ':' || to_base64(struct_extract("+x+", 'metadata'))"), nil
	}
	return "", sparkerr.Unsupported("conversion of " + t.SimpleString() + " to variant")
}

// ContainsVariant reports whether t is VARIANT or a nested type holding
// one.
func ContainsVariant(t types.DataType) bool {
	switch x := t.(type) {
	case types.Array:
		return ContainsVariant(x.Elem)
	case types.Map:
		return ContainsVariant(x.Key) || ContainsVariant(x.Value)
	case types.Struct:
		for _, f := range x.Fields {
			if ContainsVariant(f.Type) {
				return true
			}
		}
		return false
	}
	return t.Kind() == types.KindVariant
}

// orderingTypeError is Spark's INVALID_ORDERING_TYPE for fn over a type
// holding a VARIANT.
func orderingTypeError(sqlExpr, fn string, t types.DataType) error {
	return sparkerr.Newf("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE",
		"sqlExpr", "\""+sqlExpr+"\"", "functionName", "`"+fn+"`", "dataType", "\""+SparkTypeSQL(t)+"\"")
}
