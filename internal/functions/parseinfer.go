package functions

import "github.com/emberdb/ember/internal/types"

// Schema inference over many records, for spark.read.json/csv over a
// DataFrame of strings (the analyzer collects the records and merges the
// type of each with these).

// InferJSONRecord is the type Spark's JSON inference finds for one record
// (NULL types left open); ok is false for a record the lenient reader
// cannot parse.
func InferJSONRecord(s string, opts map[string]string) (t types.DataType, ok bool) {
	v, err := ParseJSONLenient(s, jsonOptionsOf(opts))
	if err != nil {
		return nil, false
	}
	return inferJSONValue(v), true
}

// MergeJSONTypes is the common type of two inferred JSON types.
func MergeJSONTypes(a, b types.DataType) types.DataType { return mergeInferred(a, b) }

// CanonicalJSONType closes what inference left open (NULL becomes string).
func CanonicalJSONType(t types.DataType) types.DataType { return canonicalJSONType(t) }

// InferCSVField is the type Spark's CSV inference finds for one field.
func InferCSVField(v string) types.DataType { return inferCSVField(v) }

// MergeCSVTypes is the common type of two inferred CSV field types
// (Spark's CSVInferSchema: integers widen to long, decimal or double,
// dates widen to timestamps, anything else that differs is a string).
func MergeCSVTypes(a, b types.DataType) types.DataType {
	if a == nil || a.Kind() == types.KindNull {
		return b
	}
	if b == nil || b.Kind() == types.KindNull {
		return a
	}
	if types.Equal(a, b) {
		return a
	}
	rank := func(t types.DataType) int {
		switch t.Kind() {
		case types.KindInt:
			return 1
		case types.KindLong:
			return 2
		case types.KindDecimal:
			return 3
		case types.KindDouble:
			return 4
		}
		return 0
	}
	ra, rb := rank(a), rank(b)
	if ra > 0 && rb > 0 {
		if ra == 4 || rb == 4 {
			return types.Double
		}
		if ra == 3 || rb == 3 {
			da, _ := types.DecimalOf(a)
			db, _ := types.DecimalOf(b)
			w := types.WiderDecimal(da, db)
			if w.Precision > 38 {
				return types.Double
			}
			return w
		}
		return types.Long
	}
	ka, kb := a.Kind(), b.Kind()
	if ka == types.KindDate && kb == types.KindTimestamp || ka == types.KindTimestamp && kb == types.KindDate {
		return types.Timestamp
	}
	return types.String
}
