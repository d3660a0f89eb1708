// Package variant implements Spark's VARIANT binary encoding (Spark's
// common/variant module, the Parquet variant spec): a metadata dictionary
// of object keys plus a self-describing value. It reads encoded values
// (Variant), builds them (Builder, ParseJSON), renders them as JSON,
// navigates them with variant_get paths, casts them to SQL types with
// Spark's rules and derives their schema (schema_of_variant).
//
// The encoding, in short: the first byte of every value is a header whose
// low two bits are the basic type (primitive, short string, object,
// array) and whose upper six bits are type specific. Integers are little
// endian. Objects list their field ids sorted by key, then offsets, then
// the field values; arrays list offsets then elements. The metadata holds
// a version byte, the dictionary size and offsets, then the key bytes.
package variant
