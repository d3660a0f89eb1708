package connect

import (
	"github.com/emberdb/ember/internal/sparkpb"
	"github.com/emberdb/ember/internal/sql"
	"github.com/emberdb/ember/internal/types"
)

// DataType converts a Connect data type. A type sent as text
// (DataType.Unparsed, as PySpark does for schema strings) is parsed the way
// Spark's Connect planner does (sql.ParseDatatypeString): as a table schema,
// then as a single type, then as struct fields.
func DataType(t *sparkpb.DataType) (types.DataType, error) {
	dt, err := types.FromProto(t)
	if err != nil {
		return nil, wrap(err, "invalid data type")
	}
	return resolveUnparsed(dt)
}

// resolveUnparsed replaces every Unparsed placeholder inside t by its parsed
// type.
func resolveUnparsed(t types.DataType) (types.DataType, error) {
	switch x := t.(type) {
	case types.Unparsed:
		return sql.ParseDatatypeString(x.Text)
	case types.Array:
		e, err := resolveUnparsed(x.Elem)
		if err != nil {
			return nil, err
		}
		x.Elem = e
		return x, nil
	case types.Map:
		k, err := resolveUnparsed(x.Key)
		if err != nil {
			return nil, err
		}
		v, err := resolveUnparsed(x.Value)
		if err != nil {
			return nil, err
		}
		x.Key, x.Value = k, v
		return x, nil
	case types.Struct:
		fields := make([]types.Field, len(x.Fields))
		for i, f := range x.Fields {
			ft, err := resolveUnparsed(f.Type)
			if err != nil {
				return nil, err
			}
			f.Type = ft
			fields[i] = f
		}
		x.Fields = fields
		return x, nil
	}
	return t, nil
}

// castTarget replaces CHAR(n) and VARCHAR(n), at any depth, by STRING: a
// cast never produces padded or length-checked strings (Spark's default
// without spark.sql.preserveCharVarcharTypeInfo).
func castTarget(t types.DataType) types.DataType {
	switch x := t.(type) {
	case types.Char, types.Varchar:
		return types.String
	case types.Array:
		x.Elem = castTarget(x.Elem)
		return x
	case types.Map:
		x.Key, x.Value = castTarget(x.Key), castTarget(x.Value)
		return x
	case types.Struct:
		fields := make([]types.Field, len(x.Fields))
		for i, f := range x.Fields {
			f.Type = castTarget(f.Type)
			fields[i] = f
		}
		x.Fields = fields
		return x
	}
	return t
}
