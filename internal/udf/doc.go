// Package udf holds the Spark functions that DuckDB cannot express in SQL
// (bit-exact hashes, Spark's random generators, ciphers, sketches ...),
// written in Go and installed into DuckDB as scalar functions.
//
// It is the last stage of a call's life: the analyzer types the call
// through internal/functions, whose Lower renders it as a call of one of
// these functions by name (by convention "ember_<what>"), and DuckDB runs
// the Go code once per chunk of rows. Each file registers its functions
// in init with Register; internal/engine/duckdb installs everything in
// All() when the database opens, so every session's connection sees them.
package udf
