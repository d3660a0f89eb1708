package variant

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/types"
)

// SchemaOf is schema_of_variant's type of v: objects become structs of
// their fields (in key order), arrays the merge of their element types,
// integers BIGINT, decimals the narrowest DECIMAL that holds the value.
func SchemaOf(v Variant) (types.DataType, error) {
	t, err := v.Type()
	if err != nil {
		return nil, err
	}
	switch t {
	case Object:
		n, err := v.Len()
		if err != nil {
			return nil, err
		}
		fields := make([]types.Field, n)
		for i := 0; i < n; i++ {
			k, f, err := v.Field(i)
			if err != nil {
				return nil, err
			}
			ft, err := SchemaOf(f)
			if err != nil {
				return nil, err
			}
			fields[i] = types.Field{Name: k, Type: ft, Nullable: true}
		}
		return types.Struct{Fields: fields}, nil
	case Array:
		n, err := v.Len()
		if err != nil {
			return nil, err
		}
		var elem types.DataType = types.Null
		for i := 0; i < n; i++ {
			e, err := v.Elem(i)
			if err != nil {
				return nil, err
			}
			et, err := SchemaOf(e)
			if err != nil {
				return nil, err
			}
			elem = MergeSchema(elem, et)
		}
		return types.Array{Elem: elem, ContainsNull: true}, nil
	case Null:
		return types.Null, nil
	case Boolean:
		return types.Boolean, nil
	case Long:
		return types.Long, nil
	case String, UUID:
		return types.String, nil
	case Double:
		return types.Double, nil
	case Float:
		return types.Float, nil
	case Decimal:
		u, s, err := v.Decimal()
		if err != nil {
			return nil, err
		}
		p := Precision(u)
		if p < s {
			p = s
		}
		return types.Decimal{Precision: p, Scale: s}, nil
	case Date:
		return types.Date, nil
	case Timestamp, TimestampNanos:
		return types.Timestamp, nil
	case TimestampNTZ, TimestampNTZNanos:
		return types.TimestampNTZ, nil
	case Binary:
		return types.Binary, nil
	}
	return types.Variant, nil
}

// MergeSchema is the common type of two variant schemas: equal types stay,
// VOID gives way, integers and decimals widen to a decimal (DOUBLE past 38
// digits), decimals and doubles to DOUBLE, timestamps to TIMESTAMP,
// structs merge field by field, arrays by element; anything else VARIANT.
func MergeSchema(a, b types.DataType) types.DataType {
	if types.Equal(a, b) {
		return a
	}
	if a.Kind() == types.KindNull {
		return b
	}
	if b.Kind() == types.KindNull {
		return a
	}
	da, aDec := decimalOf(a)
	db, bDec := decimalOf(b)
	if aDec && bDec {
		scale := max(da.Scale, db.Scale)
		rng := max(da.Precision-da.Scale, db.Precision-db.Scale)
		if rng+scale > 38 {
			return types.Double
		}
		return types.Decimal{Precision: rng + scale, Scale: scale}
	}
	if (a.Kind() == types.KindDouble && (bDec || b.Kind() == types.KindFloat)) || (b.Kind() == types.KindDouble && (aDec || a.Kind() == types.KindFloat)) {
		return types.Double
	}
	if (a.Kind() == types.KindTimestamp && b.Kind() == types.KindTimestampNTZ) || (a.Kind() == types.KindTimestampNTZ && b.Kind() == types.KindTimestamp) {
		return types.Timestamp
	}
	switch x := a.(type) {
	case types.Struct:
		y, ok := b.(types.Struct)
		if !ok {
			break
		}
		var out []types.Field
		i, j := 0, 0
		for i < len(x.Fields) || j < len(y.Fields) {
			switch {
			case j == len(y.Fields) || (i < len(x.Fields) && compareKeys(x.Fields[i].Name, y.Fields[j].Name) < 0):
				out = append(out, x.Fields[i])
				i++
			case i == len(x.Fields) || compareKeys(x.Fields[i].Name, y.Fields[j].Name) > 0:
				out = append(out, y.Fields[j])
				j++
			default:
				out = append(out, types.Field{Name: x.Fields[i].Name, Type: MergeSchema(x.Fields[i].Type, y.Fields[j].Type), Nullable: true})
				i++
				j++
			}
		}
		return types.Struct{Fields: out}
	case types.Array:
		if y, ok := b.(types.Array); ok {
			return types.Array{Elem: MergeSchema(x.Elem, y.Elem), ContainsNull: true}
		}
	}
	return types.Variant
}

// decimalOf is the decimal type of an integral or decimal schema type.
func decimalOf(t types.DataType) (types.Decimal, bool) {
	switch t.Kind() {
	case types.KindByte, types.KindShort, types.KindInt, types.KindLong, types.KindDecimal:
		return types.DecimalOf(t)
	}
	return types.Decimal{}, false
}

var plainIdent = regexp.MustCompile(`^[a-zA-Z0-9_]+$`)

// SchemaString prints a schema as schema_of_variant does:
// OBJECT<a: BIGINT>, ARRAY<STRING>, other types by their SQL names.
func SchemaString(t types.DataType) string {
	switch x := t.(type) {
	case types.Struct:
		parts := make([]string, len(x.Fields))
		for i, f := range x.Fields {
			name := f.Name
			if !plainIdent.MatchString(name) {
				name = "`" + strings.ReplaceAll(name, "`", "``") + "`"
			}
			parts[i] = name + ": " + SchemaString(f.Type)
		}
		return "OBJECT<" + strings.Join(parts, ", ") + ">"
	case types.Array:
		return "ARRAY<" + SchemaString(x.Elem) + ">"
	case types.Decimal:
		return "DECIMAL(" + itoa(x.Precision) + "," + itoa(x.Scale) + ")"
	}
	switch t.Kind() {
	case types.KindNull:
		return "VOID"
	case types.KindLong:
		return "BIGINT"
	case types.KindTimestampNTZ:
		return "TIMESTAMP_NTZ"
	}
	return strings.ToUpper(t.SimpleString())
}

func itoa(n int) string { return strconv.Itoa(n) }
