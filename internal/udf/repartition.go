package udf

import (
	"database/sql/driver"
	"encoding/binary"
	"fmt"
	"math"

	"github.com/duckdb/duckdb-go/v2"
)

// Helpers for Spark's round-robin repartition (engine/duckdb/partitions.go).
// Spark sorts every input partition by the hash of each row's UnsafeRow
// bytes before dealing the rows out, and the first row of input partition
// p goes to output partition (start(p) + 1) mod n, with start(p) drawn from
// an XORShiftRandom seeded with p.

func init() {
	bigint, integer := T(duckdb.TYPE_BIGINT), T(duckdb.TYPE_INTEGER)
	Register(
		// ember_round_robin_start(partition, n)
		Func{Name: "ember_round_robin_start", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{bigint, integer}, Out: integer,
			Fn: func(a []driver.Value) (any, error) {
				return NewXORShift(a[0].(int64)).NextIntN(a[1].(int32)), nil
			},
		}}},
		// ember_range_bounds(cumulative counts of the distinct keys, n)
		Func{Name: "ember_range_bounds", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{List(bigint), integer}, Out: List(integer),
			Fn: func(a []driver.Value) (any, error) {
				vs, ok := a[0].([]any)
				if !ok {
					return nil, fmt.Errorf("ember_range_bounds: unexpected argument %T", a[0])
				}
				cums := make([]int64, len(vs))
				for i, v := range vs {
					if cums[i], ok = v.(int64); !ok {
						return nil, fmt.Errorf("ember_range_bounds: unexpected count %T", v)
					}
				}
				return RangeBounds(cums, a[1].(int32)), nil
			},
		}}},
		// ember_unsafe_row_hash(v...): the row's UnsafeRow hashCode.
		Func{Name: "ember_unsafe_row_hash", Overloads: []duckdb.ScalarFunc{Scalar{
			Variadic: T(duckdb.TYPE_ANY), Out: integer, NullIn: true,
			Fn: func(a []driver.Value) (any, error) {
				b, err := UnsafeRowBytes(a)
				if err != nil {
					return nil, err
				}
				return UnsafeRowHash(b), nil
			},
		}}},
	)
}

// RangeBounds chooses Spark's range partition bounds when its sample is
// every row, each of weight 1. cums[i] is the number of rows whose key is
// at most the (i+1)-th smallest distinct key. Walking the keys in order, a
// key becomes the next bound when the running count reaches the next
// multiple of total/n (one bound per distinct key, n-1 at most). The
// bounds are returned as 1-based distinct-key ranks.
func RangeBounds(cums []int64, n int32) []int32 {
	out := []int32{}
	if len(cums) == 0 || n <= 1 {
		return out
	}
	step := float64(cums[len(cums)-1]) / float64(n)
	target := step
	for i, c := range cums {
		if int32(len(out)) >= n-1 {
			break
		}
		if float64(c) >= target {
			out = append(out, int32(i+1))
			target += step
		}
	}
	return out
}

// NextIntN is java.util.Random.nextInt(bound) for bound > 0.
func (r *XORShift) NextIntN(bound int32) int32 {
	v := r.next(31)
	m := bound - 1
	if bound&m == 0 {
		return int32((int64(bound) * int64(v)) >> 31)
	}
	for u := v; ; u = r.next(31) {
		v = u % bound
		if u-v+m >= 0 {
			return v
		}
	}
}

// UnsafeRowBytes lays values out as Spark's UnsafeRow: a null bit set in
// 8-byte words, one 8-byte slot per field (fixed-width values in place,
// strings as offset<<32|size), then the strings' bytes padded to 8 bytes.
// It covers the types whose DuckDB value alone says how Spark stores them.
func UnsafeRowBytes(vals []driver.Value) ([]byte, error) {
	n := len(vals)
	head := (n+63)/64*8 + 8*n
	row := make([]byte, head)
	for i, v := range vals {
		slot := row[(n+63)/64*8+8*i:]
		switch x := v.(type) {
		case nil:
			row[i/64*8+i%64/8] |= 1 << (i % 8)
		case bool:
			if x {
				slot[0] = 1
			}
		case int8:
			slot[0] = byte(x)
		case int16:
			binary.LittleEndian.PutUint16(slot, uint16(x))
		case int32:
			binary.LittleEndian.PutUint32(slot, uint32(x))
		case int64:
			binary.LittleEndian.PutUint64(slot, uint64(x))
		case float32:
			b := math.Float32bits(x)
			if math.IsNaN(float64(x)) {
				b = 0x7fc00000 // Java's canonical NaN
			}
			binary.LittleEndian.PutUint32(slot, b)
		case float64:
			b := math.Float64bits(x)
			if math.IsNaN(x) {
				b = 0x7ff8000000000000
			}
			binary.LittleEndian.PutUint64(slot, b)
		case string:
			binary.LittleEndian.PutUint64(slot, uint64(len(row))<<32|uint64(len(x)))
			row = append(row, x...)
			for len(row)%8 != 0 {
				row = append(row, 0)
			}
		default:
			return nil, fmt.Errorf("ember_unsafe_row_hash: unsupported value %T", v)
		}
	}
	return row, nil
}

// UnsafeRowHash is UnsafeRow.hashCode: Murmur3 x86_32 with seed 42 over
// the row's bytes as 4-byte little-endian words.
func UnsafeRowHash(row []byte) int32 {
	h := uint32(SparkHashSeed)
	for i := 0; i+4 <= len(row); i += 4 {
		h = m3mixH1(h, m3mixK1(binary.LittleEndian.Uint32(row[i:])))
	}
	return int32(m3fmix(h, uint32(len(row))))
}
