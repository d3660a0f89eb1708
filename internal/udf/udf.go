package udf

import (
	"database/sql/driver"
	"fmt"
	"sync"

	"github.com/duckdb/duckdb-go/v2"
)

// Func is one DuckDB function name with its overloads.
type Func struct {
	Name      string
	Overloads []duckdb.ScalarFunc
}

var (
	mu       sync.Mutex
	registry []Func
)

// Register adds functions to the set installed in every database.
func Register(fs ...Func) {
	mu.Lock()
	defer mu.Unlock()
	registry = append(registry, fs...)
}

// All returns every registered function.
func All() []Func {
	mu.Lock()
	defer mu.Unlock()
	return append([]Func(nil), registry...)
}

// Scalar is a row-at-a-time scalar function: the common case. With
// NullIn false (the default), a NULL in any argument gives NULL without
// calling Fn.
type Scalar struct {
	In       []duckdb.TypeInfo
	Variadic duckdb.TypeInfo // nil unless the trailing arguments repeat
	Out      duckdb.TypeInfo
	Volatile bool
	NullIn   bool // Fn sees NULL arguments (as nil) and may return nil
	Fn       func(args []driver.Value) (any, error)
}

// Config implements duckdb.ScalarFunc.
func (s Scalar) Config() duckdb.ScalarFuncConfig {
	return duckdb.ScalarFuncConfig{
		InputTypeInfos:      s.In,
		ResultTypeInfo:      s.Out,
		VariadicTypeInfo:    s.Variadic,
		Volatile:            s.Volatile,
		SpecialNullHandling: s.NullIn,
	}
}

// Executor implements duckdb.ScalarFunc.
func (s Scalar) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: s.Fn}
}

// Type infos of the primitive types the functions here use.
var (
	tBig     = T(duckdb.TYPE_BIGINT)
	tInt     = T(duckdb.TYPE_INTEGER)
	tDouble  = T(duckdb.TYPE_DOUBLE)
	tFloat   = T(duckdb.TYPE_FLOAT)
	tVarchar = T(duckdb.TYPE_VARCHAR)
	tBlob    = T(duckdb.TYPE_BLOB)
	tBool    = T(duckdb.TYPE_BOOLEAN)
)

// T is the type info of a primitive DuckDB type (BIGINT, VARCHAR, BLOB ...).
func T(t duckdb.Type) duckdb.TypeInfo {
	info, err := duckdb.NewTypeInfo(t)
	if err != nil {
		panic(fmt.Sprintf("udf: type info for %v: %v", t, err))
	}
	return info
}

// List is the type info of a DuckDB list of elem.
func List(elem duckdb.TypeInfo) duckdb.TypeInfo {
	info, err := duckdb.NewListInfo(elem)
	if err != nil {
		panic(fmt.Sprintf("udf: list type info: %v", err))
	}
	return info
}
