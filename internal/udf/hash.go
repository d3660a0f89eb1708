package udf

import (
	"database/sql/driver"
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"sort"
	"strconv"

	"github.com/duckdb/duckdb-go/v2"
)

// Spark's hash (Murmur3 x86_32) and xxhash64 (XXH64), both with seed 42,
// folded over their arguments: each non-NULL value is hashed with the
// running hash as its seed. The SQL side (internal/functions/hash.go)
// normalises every argument so that its DuckDB value alone says how Spark
// hashes it:
//
//	int32 (bool, byte, short, int, date days, year-month months) as an int
//	int64 (long, timestamp micros) and duckdb.Interval (day-time micros) as a long
//	float32 / float64 by their IEEE bits, -0 as 0 and NaN canonical
//	string / []byte by their bytes
//	duckdb.Decimal by its unscaled value: a long up to precision 18, else
//	    the minimal big-endian two's complement bytes
//	[]any (array) element by element; map[string]any (struct, fields
//	    named by their position) field by field in that order.

// SparkHashSeed is the seed of Spark's hash and xxhash64.
const SparkHashSeed = 42

func init() {
	anyT := T(duckdb.TYPE_ANY)
	Register(
		Func{Name: "ember_murmur3", Overloads: []duckdb.ScalarFunc{Scalar{
			Variadic: anyT, Out: T(duckdb.TYPE_INTEGER), NullIn: true,
			Fn: func(args []driver.Value) (any, error) {
				h := uint32(SparkHashSeed)
				for _, a := range args {
					var err error
					if h, err = murmurValue(a, h); err != nil {
						return nil, err
					}
				}
				return int32(h), nil
			},
		}}},
		Func{Name: "ember_xxhash64", Overloads: []duckdb.ScalarFunc{Scalar{
			Variadic: anyT, Out: T(duckdb.TYPE_BIGINT), NullIn: true,
			Fn: func(args []driver.Value) (any, error) {
				h := uint64(SparkHashSeed)
				for _, a := range args {
					var err error
					if h, err = xxValue(a, h); err != nil {
						return nil, err
					}
				}
				return int64(h), nil
			},
		}}},
	)
}

// hashable is the common walk: it reduces a value to the calls of an int,
// long or bytes hash, chaining the seed.
type hasher[S any] struct {
	i func(v uint32, seed S) S
	l func(v uint64, seed S) S
	b func(v []byte, seed S) S
}

func (h hasher[S]) value(v any, seed S) (S, error) {
	switch x := v.(type) {
	case nil:
		return seed, nil
	case bool:
		if x {
			return h.i(1, seed), nil
		}
		return h.i(0, seed), nil
	case int8:
		return h.i(uint32(int32(x)), seed), nil
	case int16:
		return h.i(uint32(int32(x)), seed), nil
	case int32:
		return h.i(uint32(x), seed), nil
	case int64:
		return h.l(uint64(x), seed), nil
	case float32:
		switch {
		case x == 0:
			return h.i(0, seed), nil
		case x != x:
			return h.i(0x7fc00000, seed), nil
		}
		return h.i(math.Float32bits(x), seed), nil
	case float64:
		switch {
		case x == 0:
			return h.l(0, seed), nil
		case x != x:
			return h.l(0x7ff8000000000000, seed), nil
		}
		return h.l(math.Float64bits(x), seed), nil
	case string:
		return h.b([]byte(x), seed), nil
	case []byte:
		return h.b(x, seed), nil
	case duckdb.Decimal:
		if x.Width <= 18 {
			return h.l(uint64(x.Value.Int64()), seed), nil
		}
		return h.b(javaBigIntBytes(x.Value), seed), nil
	case duckdb.Interval:
		return h.l(uint64(int64(x.Days)*86_400_000_000+x.Micros), seed), nil
	case []any:
		for _, e := range x {
			var err error
			if seed, err = h.value(e, seed); err != nil {
				return seed, err
			}
		}
		return seed, nil
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			a, _ := strconv.Atoi(keys[i])
			b, _ := strconv.Atoi(keys[j])
			return a < b
		})
		for _, k := range keys {
			var err error
			if seed, err = h.value(x[k], seed); err != nil {
				return seed, err
			}
		}
		return seed, nil
	}
	return seed, fmt.Errorf("ember hash: unexpected value of Go type %T", v)
}

var murmur = hasher[uint32]{i: murmurInt, l: murmurLong, b: murmurBytes}

var xx = hasher[uint64]{
	i: func(v uint32, seed uint64) uint64 {
		var b [4]byte
		binary.LittleEndian.PutUint32(b[:], v)
		return XXH64(b[:], seed)
	},
	l: func(v uint64, seed uint64) uint64 {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], v)
		return XXH64(b[:], seed)
	},
	b: XXH64,
}

func murmurValue(v any, seed uint32) (uint32, error) { return murmur.value(v, seed) }
func xxValue(v any, seed uint64) (uint64, error)     { return xx.value(v, seed) }

// javaBigIntBytes is the minimal big-endian two's complement form of x.
func javaBigIntBytes(x *big.Int) []byte {
	if x.Sign() >= 0 {
		b := x.Bytes()
		if len(b) == 0 || b[0]&0x80 != 0 {
			b = append([]byte{0}, b...)
		}
		return b
	}
	y := new(big.Int).Neg(x)
	y.Sub(y, big.NewInt(1))
	b := y.Bytes()
	for i := range b {
		b[i] = ^b[i]
	}
	if len(b) == 0 || b[0]&0x80 == 0 {
		b = append([]byte{0xff}, b...)
	}
	return b
}

// Murmur3 x86_32 as Spark computes it.

const (
	m3c1 = 0xcc9e2d51
	m3c2 = 0x1b873593
)

func m3mixK1(k uint32) uint32 {
	k *= m3c1
	k = bits.RotateLeft32(k, 15)
	return k * m3c2
}

func m3mixH1(h, k uint32) uint32 {
	h ^= k
	h = bits.RotateLeft32(h, 13)
	return h*5 + 0xe6546b64
}

func m3fmix(h uint32, n uint32) uint32 {
	h ^= n
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return h
}

func murmurInt(v uint32, seed uint32) uint32 {
	return m3fmix(m3mixH1(seed, m3mixK1(v)), 4)
}

func murmurLong(v uint64, seed uint32) uint32 {
	h := m3mixH1(seed, m3mixK1(uint32(v)))
	h = m3mixH1(h, m3mixK1(uint32(v>>32)))
	return m3fmix(h, 8)
}

// murmurBytes is Spark's byte hash: whole 4-byte little-endian words, then
// each trailing byte (sign-extended) mixed as a word of its own.
func murmurBytes(b []byte, seed uint32) uint32 {
	h := seed
	n := len(b) - len(b)%4
	for i := 0; i < n; i += 4 {
		h = m3mixH1(h, m3mixK1(binary.LittleEndian.Uint32(b[i:])))
	}
	for i := n; i < len(b); i++ {
		h = m3mixH1(h, m3mixK1(uint32(int32(int8(b[i])))))
	}
	return m3fmix(h, uint32(len(b)))
}

// XXH64 is the standard 64-bit xxHash of b.
func XXH64(b []byte, seed uint64) uint64 {
	const (
		p1 uint64 = 11400714785074694791
		p2 uint64 = 14029467366897019727
		p3 uint64 = 1609587929392839161
		p4 uint64 = 9650029242287828579
		p5 uint64 = 2870177450012600261
	)
	round := func(acc, in uint64) uint64 {
		acc += in * p2
		acc = bits.RotateLeft64(acc, 31)
		return acc * p1
	}
	merge := func(acc, v uint64) uint64 {
		acc ^= round(0, v)
		return acc*p1 + p4
	}
	n := len(b)
	var h uint64
	if n >= 32 {
		v1, v2, v3, v4 := seed+p1+p2, seed+p2, seed, seed-p1
		for len(b) >= 32 {
			v1 = round(v1, binary.LittleEndian.Uint64(b[0:]))
			v2 = round(v2, binary.LittleEndian.Uint64(b[8:]))
			v3 = round(v3, binary.LittleEndian.Uint64(b[16:]))
			v4 = round(v4, binary.LittleEndian.Uint64(b[24:]))
			b = b[32:]
		}
		h = bits.RotateLeft64(v1, 1) + bits.RotateLeft64(v2, 7) + bits.RotateLeft64(v3, 12) + bits.RotateLeft64(v4, 18)
		h = merge(h, v1)
		h = merge(h, v2)
		h = merge(h, v3)
		h = merge(h, v4)
	} else {
		h = seed + p5
	}
	h += uint64(n)
	for len(b) >= 8 {
		h ^= round(0, binary.LittleEndian.Uint64(b))
		h = bits.RotateLeft64(h, 27)*p1 + p4
		b = b[8:]
	}
	if len(b) >= 4 {
		h ^= uint64(binary.LittleEndian.Uint32(b)) * p1
		h = bits.RotateLeft64(h, 23)*p2 + p3
		b = b[4:]
	}
	for _, c := range b {
		h ^= uint64(c) * p5
		h = bits.RotateLeft64(h, 11) * p1
	}
	h ^= h >> 33
	h *= p2
	h ^= h >> 29
	h *= p3
	h ^= h >> 32
	return h
}
