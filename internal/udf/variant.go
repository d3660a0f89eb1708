package udf

import (
	"database/sql/driver"
	"encoding/base64"
	"encoding/json"
	"errors"
	"github.com/emberdb/ember/internal/tz"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/emberdb/ember/internal/sql"
	"github.com/emberdb/ember/internal/types"
	"github.com/emberdb/ember/internal/variant"
)

// VARIANT functions over STRUCT(value BLOB, metadata BLOB) (see
// internal/functions/variant.go): ember_parse_json, ember_variant_get_<kind>,
// ember_variant_to_json, ember_variant_is_null, ember_variant_is_valid,
// ember_variant_schema, ember_variant_schema_agg, ember_variant_from_typed.

// tVariant is the DuckDB type of a variant.
var tVariant = func() duckdb.TypeInfo {
	v, _ := duckdb.NewStructEntry(tBlob, "value")
	m, _ := duckdb.NewStructEntry(tBlob, "metadata")
	info, err := duckdb.NewStructInfo(v, m)
	if err != nil {
		panic(err)
	}
	return info
}()

// variantOf reads a variant struct argument.
func variantOf(a driver.Value) (variant.Variant, bool) {
	m, ok := a.(map[string]any)
	if !ok || m == nil {
		return variant.Variant{}, false
	}
	v, _ := m["value"].([]byte)
	meta, _ := m["metadata"].([]byte)
	if m["value"] == nil || m["metadata"] == nil {
		return variant.Variant{}, false
	}
	return variant.New(v, meta), true
}

func variantResult(value, meta []byte) map[string]any {
	return map[string]any{"value": value, "metadata": meta}
}

var errMalformedVariant = SparkError("MALFORMED_VARIANT")

func variantErr(err error) error {
	var dup *variant.DuplicateKeyError
	switch {
	case errors.As(err, &dup):
		return SparkError("VARIANT_DUPLICATE_KEY", "key", dup.Key)
	case errors.Is(err, variant.ErrMalformed):
		return errMalformedVariant
	}
	return err
}

func zone(name string) *time.Location {
	if loc, err := tz.Load(name); err == nil {
		return loc
	}
	return time.UTC
}

func init() {
	Register(
		Func{Name: "ember_parse_json", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{tVarchar, tBool}, Out: tVariant,
			Fn: func(a []driver.Value) (any, error) {
				s := str(a[0])
				v, m, err := variant.ParseJSON(s)
				if err != nil {
					switch {
					case a[1].(bool):
						return nil, nil
					case errors.Is(err, variant.ErrSizeLimit):
						return nil, SparkError("VARIANT_SIZE_LIMIT", "sizeLimit", "16.0 MiB", "functionName", "`parse_json`")
					}
					return nil, SparkError("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", "badRecord", s, "failFastMode", "FAILFAST")
				}
				return variantResult(v, m), nil
			}}}},
		Func{Name: "ember_variant_to_json", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{tVariant, tVarchar}, Out: tVarchar,
			Fn: func(a []driver.Value) (any, error) {
				v, ok := variantOf(a[0])
				if !ok {
					return nil, nil
				}
				s, err := variant.ToJSON(v, zone(str(a[1])))
				if err != nil {
					return nil, variantErr(err)
				}
				return s, nil
			}}}},
		Func{Name: "ember_variant_is_null", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{tVariant}, Out: tBool, NullIn: true,
			Fn: func(a []driver.Value) (any, error) {
				v, ok := variantOf(a[0])
				if !ok {
					return false, nil
				}
				t, err := v.Type()
				if err != nil {
					return nil, variantErr(err)
				}
				return t == variant.Null, nil
			}}}},
		Func{Name: "ember_variant_is_valid", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{tVariant}, Out: tBool,
			Fn: func(a []driver.Value) (any, error) {
				v, ok := variantOf(a[0])
				if !ok {
					return nil, nil
				}
				return variant.Validate(v.Value, v.Meta), nil
			}}}},
		Func{Name: "ember_variant_schema", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{tVariant}, Out: tVarchar,
			Fn: func(a []driver.Value) (any, error) {
				v, ok := variantOf(a[0])
				if !ok {
					return nil, nil
				}
				t, err := variant.SchemaOf(v)
				if err != nil {
					return nil, variantErr(err)
				}
				return variant.SchemaString(t), nil
			}}}},
		Func{Name: "ember_variant_schema_agg", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{List(tVariant)}, Out: tVarchar, NullIn: true,
			Fn: func(a []driver.Value) (any, error) {
				var t types.DataType = types.Null
				xs, _ := a[0].([]any)
				for _, x := range xs {
					v, ok := variantOf(x)
					if !ok {
						continue
					}
					s, err := variant.SchemaOf(v)
					if err != nil {
						return nil, variantErr(err)
					}
					t = variant.MergeSchema(t, s)
				}
				return variant.SchemaString(t), nil
			}}}},
		Func{Name: "ember_variant_from_typed", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{tVarchar}, Out: tVariant,
			Fn: func(a []driver.Value) (any, error) {
				v, m, err := variantFromTyped(str(a[0]))
				if err != nil {
					return nil, variantErr(err)
				}
				return variantResult(v, m), nil
			}}}},
	)
	nav := func(a []driver.Value) (variant.Variant, variant.Type, bool, error) {
		v, ok := variantOf(a[0])
		if !ok {
			return v, 0, false, nil
		}
		segs, ok := variant.ParsePath(str(a[1]))
		if !ok {
			return v, 0, false, SparkError("INVALID_VARIANT_GET_PATH", "path", str(a[1]), "functionName", "`variant_get`")
		}
		sub, found, err := variant.Navigate(v, segs)
		if err != nil || !found {
			return v, 0, false, variantErr(err)
		}
		t, err := sub.Type()
		return sub, t, err == nil, variantErr(err)
	}
	Register(
		// ember_variant_kind(v, path): NULL when missing, else 'null',
		// 'object', 'array' or 'scalar'.
		Func{Name: "ember_variant_kind", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{tVariant, tVarchar}, Out: tVarchar,
			Fn: func(a []driver.Value) (any, error) {
				_, t, ok, err := nav(a)
				if !ok || err != nil {
					return nil, err
				}
				switch t {
				case variant.Null:
					return "null", nil
				case variant.Object:
					return "object", nil
				case variant.Array:
					return "array", nil
				}
				return "scalar", nil
			}}}},
		Func{Name: "ember_variant_len", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{tVariant, tVarchar}, Out: tBig,
			Fn: func(a []driver.Value) (any, error) {
				sub, _, ok, err := nav(a)
				if !ok || err != nil {
					return nil, err
				}
				n, err := sub.Len()
				return int64(n), variantErr(err)
			}}}},
		Func{Name: "ember_variant_keys", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{tVariant, tVarchar}, Out: List(tVarchar),
			Fn: func(a []driver.Value) (any, error) {
				sub, _, ok, err := nav(a)
				if !ok || err != nil {
					return nil, err
				}
				n, err := sub.Len()
				if err != nil {
					return nil, variantErr(err)
				}
				keys := make([]any, n)
				for i := range keys {
					k, _, err := sub.Field(i)
					if err != nil {
						return nil, variantErr(err)
					}
					keys[i] = k
				}
				return keys, nil
			}}}},
		// ember_variant_cast_check(v, path, targetType, failOnError, tz):
		// raises INVALID_VARIANT_CAST for a present, non-null value when
		// failing; false otherwise.
		Func{Name: "ember_variant_cast_check", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{tVariant, tVarchar, tVarchar, tBool, tVarchar}, Out: tBool,
			Fn: func(a []driver.Value) (any, error) {
				sub, t, ok, err := nav(a)
				if !ok || err != nil || t == variant.Null || !a[3].(bool) {
					return false, err
				}
				j, err := variant.ToJSON(sub, zone(str(a[4])))
				if err != nil {
					return nil, variantErr(err)
				}
				return nil, SparkError("INVALID_VARIANT_CAST", "value", j, "dataType", "\""+str(a[2])+"\"")
			}}}},
	)
	get := func(kind string, out duckdb.TypeInfo) Func {
		return Func{Name: "ember_variant_get_" + kind, Overloads: []duckdb.ScalarFunc{Scalar{
			In:  []duckdb.TypeInfo{tVariant, tVarchar, tVarchar, tBool, tVarchar, tVarchar},
			Out: out,
			Fn: func(a []driver.Value) (any, error) {
				return variantGet(kind, a)
			}}}}
	}
	Register(
		get("boolean", tBool), get("byte", T(duckdb.TYPE_TINYINT)), get("short", T(duckdb.TYPE_SMALLINT)),
		get("int", tInt), get("long", tBig), get("float", tFloat), get("double", tDouble),
		get("string", tVarchar), get("binary", tBlob), get("date", tInt), get("timestamp", tBig),
		get("variant", tVariant),
	)
}

// variantGet is ember_variant_get_<kind>(v, path, targetType, failOnError,
// timeZone, functionName).
func variantGet(kind string, a []driver.Value) (any, error) {
	v, ok := variantOf(a[0])
	if !ok {
		return nil, nil
	}
	path, target, fail, loc, fnName := str(a[1]), str(a[2]), a[3].(bool), zone(str(a[4])), str(a[5])
	segs, ok := variant.ParsePath(path)
	if !ok {
		return nil, SparkError("INVALID_VARIANT_GET_PATH", "path", path, "functionName", "`"+fnName+"`")
	}
	sub, found, err := variant.Navigate(v, segs)
	if err != nil {
		return nil, variantErr(err)
	}
	if !found {
		return nil, nil
	}
	if kind == "variant" {
		// Spark rebuilds the extracted value with its own dictionary.
		b := variant.NewBuilder()
		if err := b.AppendVariant(sub); err != nil {
			return nil, variantErr(err)
		}
		value, meta, err := b.Result()
		if err != nil {
			return nil, variantErr(err)
		}
		return variantResult(value, meta), nil
	}
	to, err := sql.ParseDataType(target)
	if err != nil {
		return nil, err
	}
	r, ok, err := variant.Cast(sub, to, loc)
	if err != nil {
		return nil, variantErr(err)
	}
	if !ok {
		if !fail {
			return nil, nil
		}
		j, err := variant.ToJSON(sub, loc)
		if err != nil {
			return nil, variantErr(err)
		}
		return nil, SparkError("INVALID_VARIANT_CAST", "value", j, "dataType", "\""+target+"\"")
	}
	switch x := r.(type) {
	case int32:
		if kind == "date" {
			return x, nil
		}
	}
	return r, nil
}

// variantFromTyped encodes the typed JSON that
// functions.ToVariantSQL renders: scalars are strings "<kind>:<text>".
func variantFromTyped(s string) ([]byte, []byte, error) {
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	doc, err := readOrdered(d)
	if err != nil {
		return nil, nil, err
	}
	b := variant.NewBuilder()
	if err := buildTyped(b, doc); err != nil {
		return nil, nil, err
	}
	return b.Result()
}

// buildTyped appends a decoded typed document. Object keys keep document
// order for the dictionary (encoding/json maps lose it, so objects are
// re-read in order by orderedKeys).
func buildTyped(b *variant.Builder, x any) error {
	switch t := x.(type) {
	case nil:
		b.AppendNull()
	case []any:
		start := b.Pos()
		offs := make([]int, 0, len(t))
		for _, e := range t {
			offs = append(offs, b.Pos()-start)
			if err := buildTyped(b, e); err != nil {
				return err
			}
		}
		b.FinishArray(start, offs)
	case orderedObject:
		start := b.Pos()
		fields := make([]variant.FieldEntry, 0, len(t))
		for _, kv := range t {
			fields = append(fields, variant.FieldEntry{Key: kv.key, ID: b.AddKey(kv.key), Offset: b.Pos() - start})
			if err := buildTyped(b, kv.value); err != nil {
				return err
			}
		}
		return b.FinishObject(start, fields)
	case string:
		return buildLeaf(b, t)
	default:
		return errors.New("variant source: unexpected JSON")
	}
	return nil
}

func buildLeaf(b *variant.Builder, s string) error {
	kind, text, _ := strings.Cut(s, ":")
	bad := errors.New("variant source: bad " + kind + " " + text)
	switch kind {
	case "boolean":
		b.AppendBool(text == "true")
	case "long":
		n, err := strconv.ParseInt(text, 10, 64)
		if err != nil {
			return bad
		}
		b.AppendLong(n)
	case "double":
		f, err := strconv.ParseFloat(strings.Replace(text, "inf", "Inf", 1), 64)
		if err != nil && !strings.EqualFold(text, "nan") {
			return bad
		}
		b.AppendDouble(f)
	case "float":
		f, err := strconv.ParseFloat(strings.Replace(text, "inf", "Inf", 1), 32)
		if err != nil && !strings.EqualFold(text, "nan") {
			return bad
		}
		b.AppendFloat(float32(f))
	case "decimal":
		scale := 0
		digits := text
		if i := strings.IndexByte(text, '.'); i >= 0 {
			scale = len(text) - i - 1
			digits = text[:i] + text[i+1:]
		}
		u, ok := new(big.Int).SetString(digits, 10)
		if !ok {
			return bad
		}
		b.AppendDecimal(u, scale)
	case "string":
		b.AppendString(text)
	case "binary":
		x, err := base64.StdEncoding.DecodeString(text)
		if err != nil {
			return bad
		}
		b.AppendBinary(x)
	case "date":
		n, err := strconv.ParseInt(text, 10, 32)
		if err != nil {
			return bad
		}
		b.AppendDate(int32(n))
	case "timestamp", "timestamp_ntz":
		n, err := strconv.ParseInt(text, 10, 64)
		if err != nil {
			return bad
		}
		if kind == "timestamp" {
			b.AppendTimestamp(n)
		} else {
			b.AppendTimestampNTZ(n)
		}
	case "variant":
		vs, ms, _ := strings.Cut(text, ":")
		v, err1 := base64.StdEncoding.DecodeString(vs)
		m, err2 := base64.StdEncoding.DecodeString(ms)
		if err1 != nil || err2 != nil {
			return bad
		}
		return b.AppendVariant(variant.New(v, m))
	default:
		return bad
	}
	return nil
}

type keyValue struct {
	key   string
	value any
}

// orderedObject is a JSON object with its keys in document order.
type orderedObject []keyValue

// readOrdered reads one JSON value, objects as orderedObject.
func readOrdered(d *json.Decoder) (any, error) {
	tok, err := d.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			obj := orderedObject{}
			for d.More() {
				kt, err := d.Token()
				if err != nil {
					return nil, err
				}
				v, err := readOrdered(d)
				if err != nil {
					return nil, err
				}
				obj = append(obj, keyValue{key: kt.(string), value: v})
			}
			_, err := d.Token()
			return obj, err
		case '[':
			arr := []any{}
			for d.More() {
				v, err := readOrdered(d)
				if err != nil {
					return nil, err
				}
				arr = append(arr, v)
			}
			_, err := d.Token()
			return arr, err
		}
	}
	return tok, nil
}
