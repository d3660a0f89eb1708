package udf

import (
	"database/sql/driver"
	"encoding/binary"
	"math"
	"math/bits"
	"sync"

	"github.com/duckdb/duckdb-go/v2"
)

// Spark's seeded random functions (rand, randn, uniform, randstr). Spark
// gives every expression instance, in every partition, its own
// XORShiftRandom seeded with seed + partitionIndex, and draws one value
// per row in row order. Where the lowering knows Spark's partition
// layout (engine/duckdb/partitions.go) rand and randn draw by position
// (ember_rand_at, sampling.go); elsewhere these stream functions treat the
// query as a single partition (index 0) and draw in evaluation order.
//
// Each lowered call carries a nonce unique to that lowering; the
// generator state lives under the nonce, so every execution of a query
// starts a fresh sequence and two calls in one query have their own.

// XORShift is Spark's XORShiftRandom: java.util.Random's derived methods
// over a 64-bit xorshift step, seeded through MurmurHash3.
type XORShift struct {
	s            uint64
	haveGaussian bool
	nextGaussian float64
}

// NewXORShift seeds a generator as Spark's XORShiftRandom(seed).
func NewXORShift(seed int64) *XORShift {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(seed))
	lo := murmur3Bytes(b[:], 0x3c074a61)
	hi := murmur3Bytes(b[:], lo)
	return &XORShift{s: uint64(hi)<<32 | uint64(lo)}
}

func (r *XORShift) next(n uint) int32 {
	x := r.s ^ (r.s << 21)
	x ^= x >> 35
	x ^= x << 4
	r.s = x
	return int32(x & (1<<n - 1))
}

// NextInt is java.util.Random.nextInt().
func (r *XORShift) NextInt() int32 { return r.next(32) }

// NextDouble is java.util.Random.nextDouble().
func (r *XORShift) NextDouble() float64 {
	hi := int64(r.next(26))
	lo := int64(r.next(27))
	return float64(hi<<27+lo) * (1.0 / (1 << 53))
}

// NextGaussian is java.util.Random.nextGaussian() (the polar method, with
// its second value kept for the next call).
func (r *XORShift) NextGaussian() float64 {
	if r.haveGaussian {
		r.haveGaussian = false
		return r.nextGaussian
	}
	for {
		v1 := 2*r.NextDouble() - 1
		v2 := 2*r.NextDouble() - 1
		s := float64(v1*v1) + float64(v2*v2)
		if s >= 1 || s == 0 {
			continue
		}
		m := math.Sqrt(-2 * FdlibmLog(s) / s)
		r.nextGaussian = float64(v2 * m)
		r.haveGaussian = true
		return float64(v1 * m)
	}
}

// RandStr is Spark's random string of n characters from 0-9a-zA-Z.
func (r *XORShift) RandStr(n int) string {
	b := make([]byte, n)
	for i := range b {
		v := r.NextInt() % 62
		if v < 0 {
			v = -v
		}
		switch {
		case v < 10:
			b[i] = byte('0' + v)
		case v < 36:
			b[i] = byte('a' + v - 10)
		default:
			b[i] = byte('A' + v - 36)
		}
	}
	return string(b)
}

// murmur3Bytes is Scala's MurmurHash3.bytesHash.
func murmur3Bytes(data []byte, seed uint32) uint32 {
	h := seed
	mixLast := func(h, k uint32) uint32 {
		k *= 0xcc9e2d51
		k = bits.RotateLeft32(k, 15)
		k *= 0x1b873593
		return h ^ k
	}
	i := 0
	for ; len(data)-i >= 4; i += 4 {
		k := binary.LittleEndian.Uint32(data[i:])
		h = mixLast(h, k)
		h = bits.RotateLeft32(h, 13)
		h = h*5 + 0xe6546b64
	}
	var k uint32
	switch len(data) - i {
	case 3:
		k ^= uint32(data[i+2]) << 16
		fallthrough
	case 2:
		k ^= uint32(data[i+1]) << 8
		fallthrough
	case 1:
		k ^= uint32(data[i])
		h = mixLast(h, k)
	}
	h ^= uint32(len(data))
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return h
}

// streams holds the generator of each lowered call, by nonce; old ones
// are dropped first once there are too many.
var streams = struct {
	sync.Mutex
	m     map[int64]*XORShift
	order []int64
}{m: map[int64]*XORShift{}}

const maxStreams = 256

func stream(nonce, seed int64) *XORShift {
	if r, ok := streams.m[nonce]; ok {
		return r
	}
	r := NewXORShift(seed)
	streams.m[nonce] = r
	streams.order = append(streams.order, nonce)
	if len(streams.order) > maxStreams {
		delete(streams.m, streams.order[0])
		streams.order = streams.order[1:]
	}
	return r
}

func init() {
	bigint, double, integer, varchar := T(duckdb.TYPE_BIGINT), T(duckdb.TYPE_DOUBLE), T(duckdb.TYPE_INTEGER), T(duckdb.TYPE_VARCHAR)
	draw := func(f func(*XORShift) float64) func([]driver.Value) (any, error) {
		return func(a []driver.Value) (any, error) {
			streams.Lock()
			defer streams.Unlock()
			return f(stream(a[1].(int64), a[0].(int64))), nil
		}
	}
	Register(
		// ember_rand(seed, nonce), ember_randn(seed, nonce)
		Func{Name: "ember_rand", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{bigint, bigint}, Out: double, Volatile: true,
			Fn: draw((*XORShift).NextDouble),
		}}},
		Func{Name: "ember_randn", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{bigint, bigint}, Out: double, Volatile: true,
			Fn: draw((*XORShift).NextGaussian),
		}}},
		// ember_randstr(length, seed, nonce)
		Func{Name: "ember_randstr", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{integer, bigint, bigint}, Out: varchar, Volatile: true,
			Fn: func(a []driver.Value) (any, error) {
				streams.Lock()
				defer streams.Unlock()
				return stream(a[2].(int64), a[1].(int64)).RandStr(int(a[0].(int32))), nil
			},
		}}},
	)
}
