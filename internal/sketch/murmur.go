// Package sketch implements the probabilistic sketches behind Spark's
// DataSketches-based functions (theta, tuple, HLL, KLL): the same hashing
// (MurmurHash3 x64 128, seed 9001) and the same estimation rules, so a
// sketch built here estimates what Spark's does. Serialized sketches are
// Ember's own layout and only round-trip within Ember.
package sketch

import (
	"encoding/binary"
	"math/bits"
)

// Seed is DataSketches' default update seed.
const Seed = 9001

func fmix64(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	k *= 0xc4ceb9fe1a85ec53
	k ^= k >> 33
	return k
}

// Murmur3 is MurmurHash3 x64 128 of b; it returns both halves.
func Murmur3(b []byte, seed uint64) (uint64, uint64) {
	const c1, c2 = 0x87c37b91114253d5, 0x4cf5ad432745937f
	h1, h2 := seed, seed
	n := len(b)
	i := 0
	for ; i+16 <= n; i += 16 {
		k1 := binary.LittleEndian.Uint64(b[i:])
		k2 := binary.LittleEndian.Uint64(b[i+8:])
		k1 *= c1
		k1 = bits.RotateLeft64(k1, 31)
		k1 *= c2
		h1 ^= k1
		h1 = bits.RotateLeft64(h1, 27)
		h1 += h2
		h1 = h1*5 + 0x52dce729
		k2 *= c2
		k2 = bits.RotateLeft64(k2, 33)
		k2 *= c1
		h2 ^= k2
		h2 = bits.RotateLeft64(h2, 31)
		h2 += h1
		h2 = h2*5 + 0x38495ab5
	}
	tail := b[i:]
	var k1, k2 uint64
	for j := len(tail) - 1; j >= 8; j-- {
		k2 = k2<<8 | uint64(tail[j])
	}
	for j := min(len(tail), 8) - 1; j >= 0; j-- {
		k1 = k1<<8 | uint64(tail[j])
	}
	if len(tail) > 8 {
		k2 *= c2
		k2 = bits.RotateLeft64(k2, 33)
		k2 *= c1
		h2 ^= k2
	}
	if len(tail) > 0 {
		k1 *= c1
		k1 = bits.RotateLeft64(k1, 31)
		k1 *= c2
		h1 ^= k1
	}
	h1 ^= uint64(n)
	h2 ^= uint64(n)
	h1 += h2
	h2 += h1
	h1 = fmix64(h1)
	h2 = fmix64(h2)
	h1 += h2
	h2 += h1
	return h1, h2
}

// LongBytes is the little-endian encoding DataSketches hashes a long as.
func LongBytes(v int64) []byte {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(v))
	return b[:]
}

// DoubleBytes canonicalizes a double (-0 as 0, one NaN) the way
// DataSketches does before hashing its bits.
func DoubleBytes(d float64) []byte {
	if d == 0 {
		d = 0
	}
	bitsv := math64bits(d)
	return LongBytes(int64(bitsv))
}

// IntsBytes is the little-endian encoding of an int array.
func IntsBytes(v []int32) []byte {
	b := make([]byte, 4*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint32(b[4*i:], uint32(x))
	}
	return b
}

// LongsBytes is the little-endian encoding of a long array.
func LongsBytes(v []int64) []byte {
	b := make([]byte, 8*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint64(b[8*i:], uint64(x))
	}
	return b
}

// ThetaHash is the 63-bit hash theta and tuple sketches keep (0 is never
// retained).
func ThetaHash(b []byte) int64 {
	h1, _ := Murmur3(b, Seed)
	return int64(h1 >> 1)
}
