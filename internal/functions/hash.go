package functions

import (
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// hash and xxhash64: Spark's Murmur3 x86_32 and XXH64 with seed 42, folded
// over the arguments. The bit-exact hashing is Go code in internal/udf
// (ember_murmur3, ember_xxhash64); the lowering here only reshapes every
// argument so that its DuckDB value says how Spark hashes it (see the
// comment in internal/udf/hash.go).

func init() {
	Register(
		&Def{Name: "hash", MinArgs: 1, MaxArgs: -1, Resolve: resolveHash(types.Int), Lower: lowerHash("ember_murmur3"), Group: "hash"},
		&Def{Name: "xxhash64", MinArgs: 1, MaxArgs: -1, Resolve: resolveHash(types.Long), Lower: lowerHash("ember_xxhash64"), Group: "hash"},
	)
}

func resolveHash(t types.DataType) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		for _, a := range args {
			if ContainsVariant(a.Type()) {
				return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.HASH_VARIANT_TYPE",
					"sqlExpr", "\""+DefaultPretty(name, args, false)+"\"", "functionName", sparkerr.QuoteID(name))
			}
			if err := hashableType(a.Type()); err != nil {
				if err == errHashMap {
					return nil, nil, false, sparkerr.Newf("DATATYPE_MISMATCH.HASH_MAP_TYPE",
						"sqlExpr", "\""+DefaultPretty(name, args, false)+"\"", "functionName", sparkerr.QuoteID(name))
				}
				return nil, nil, false, err
			}
		}
		return args, t, false, nil
	}
}

var errHashMap = sparkerr.Newf("DATATYPE_MISMATCH.HASH_MAP_TYPE")

// hashableType reports whether values of t can be hashed as Spark does.
func hashableType(t types.DataType) error {
	switch x := t.(type) {
	case types.Array:
		return hashableType(x.Elem)
	case types.Struct:
		for _, f := range x.Fields {
			if err := hashableType(f.Type); err != nil {
				return err
			}
		}
		return nil
	case types.Map:
		return errHashMap
	}
	switch t.Kind() {
	case types.KindNull, types.KindBoolean, types.KindByte, types.KindShort, types.KindInt, types.KindLong,
		types.KindFloat, types.KindDouble, types.KindDecimal, types.KindString, types.KindChar, types.KindVarchar,
		types.KindBinary, types.KindDate, types.KindTimestamp, types.KindTimestampNTZ,
		types.KindDayTimeInterval, types.KindYearMonthInterval:
		return nil
	}
	return sparkerr.Unsupported("hash of " + t.SimpleString())
}

func lowerHash(udfName string) LowerFunc {
	return func(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
		parts := make([]string, len(args))
		for i, a := range args {
			s, err := hashOperand(a, call.Args[i].Type(), 0)
			if err != nil {
				return "", err
			}
			parts[i] = s
		}
		return udfName + "(" + strings.Join(parts, ", ") + ")", nil
	}
}

// hashOperand reshapes x (of Spark type t) into the value the hash UDFs
// expect: small integers widened to INTEGER, dates as days, timestamps as
// microseconds, year-month intervals as months, structs as structs whose
// fields are named by position, decimals at their exact declared type.
func hashOperand(x string, t types.DataType, depth int) (string, error) {
	switch tt := t.(type) {
	case types.Array:
		v := "__h" + strconv.Itoa(depth)
		inner, err := hashOperand(v, tt.Elem, depth+1)
		if err != nil {
			return "", err
		}
		if inner == v {
			return x, nil
		}
		return "list_transform(" + x + ", lambda " + v + ": " + inner + ")", nil
	case types.Struct:
		parts := make([]string, len(tt.Fields))
		for i, f := range tt.Fields {
			inner, err := hashOperand("struct_extract_at("+x+", "+strconv.Itoa(i+1)+")", f.Type, depth+1)
			if err != nil {
				return "", err
			}
			parts[i] = QuoteIdent(strconv.Itoa(i)) + " := " + inner
		}
		return "(CASE WHEN " + x + " IS NULL THEN NULL ELSE struct_pack(" + strings.Join(parts, ", ") + ") END)", nil
	case types.Decimal:
		d, err := DuckType(t)
		if err != nil {
			return "", err
		}
		return "CAST(" + x + " AS " + d + ")", nil
	}
	switch t.Kind() {
	case types.KindNull:
		return "CAST(NULL AS INTEGER)", nil
	case types.KindByte, types.KindShort:
		return "CAST(" + x + " AS INTEGER)", nil
	case types.KindDate:
		return "CAST(" + x + " - DATE '1970-01-01' AS INTEGER)", nil
	case types.KindTimestamp, types.KindTimestampNTZ:
		return "epoch_us(" + x + ")", nil
	case types.KindYearMonthInterval:
		return "CAST(datepart('year', " + x + ") * 12 + datepart('month', " + x + ") AS INTEGER)", nil
	case types.KindChar, types.KindVarchar:
		return "CAST(" + x + " AS VARCHAR)", nil
	}
	return x, nil
}
