package udf

import (
	"database/sql/driver"
	"encoding/binary"
	"fmt"
	"math"
	"math/bits"

	"github.com/duckdb/duckdb-go/v2"
)

// approx_count_distinct: Spark's HyperLogLog++ over Spark's 64-bit
// xxHash of each value (seed 42), so the estimates are Spark's.
//
// ember_xxh64(value, seed) hashes one value the way Spark hashes that
// type (the lowering renders structs as a chain of field hashes);
// ember_hllpp(hashes, p) builds the sketch from a group's hashes and
// returns the estimate. Spark corrects the raw estimate with the HLL++
// paper's empirical bias tables in a middle range of cardinalities
// (between 2.5 and 5 times the number of registers); Ember does not have
// those tables and raises an error there rather than answer differently.

func xxInt(v uint32, seed uint64) uint64 {
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], v)
	return XXH64(b[:], seed)
}

func xxLong(v uint64, seed uint64) uint64 {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], v)
	return XXH64(b[:], seed)
}

// hllThresholds are the HLL++ paper's linear-counting thresholds for
// p = 4..18.
var hllThresholds = []float64{10, 20, 40, 80, 220, 400, 900, 1800, 3100, 6500, 11500, 20000, 50000, 120000, 350000}

// HLLPrecision is the number of register-index bits Spark uses for a
// relative standard deviation.
func HLLPrecision(rsd float64) int {
	return int(math.Ceil(2 * math.Log(1.106/rsd) / math.Log(2)))
}

// HLLEstimate is Spark's HyperLogLog++ estimate for the hashes at
// precision p; ok is false when Spark would apply its bias correction.
func HLLEstimate(hashes []uint64, p int) (int64, bool) {
	m := 1 << p
	reg := make([]uint8, m)
	pad := uint64(1) << (p - 1)
	for _, h := range hashes {
		idx := h >> (64 - p)
		w := h<<p | pad
		r := uint8(bits.LeadingZeros64(w) + 1)
		if r > reg[idx] {
			reg[idx] = r
		}
	}
	var zInv float64
	v := 0
	for _, r := range reg {
		zInv += 1 / float64(uint64(1)<<r)
		if r == 0 {
			v++
		}
	}
	fm := float64(m)
	var alpha float64
	switch p {
	case 4:
		alpha = 0.673
	case 5:
		alpha = 0.697
	case 6:
		alpha = 0.709
	default:
		alpha = 0.7213 / (1 + 1.079/fm)
	}
	e := alpha * fm * fm / zInv
	biasRange := p < 19 && e < 5*fm
	if v > 0 {
		h := fm * math.Log(fm/float64(v))
		if (p < 19 && h <= hllThresholds[p-4]) || e <= 2.5*fm {
			return int64(math.Round(h)), true
		}
	}
	if biasRange {
		return 0, false
	}
	return int64(math.Round(e)), true
}

func init() {
	i64 := T(duckdb.TYPE_BIGINT)
	hashOf := func(in duckdb.Type, h func(v driver.Value, seed uint64) uint64) duckdb.ScalarFunc {
		return Scalar{
			In:  []duckdb.TypeInfo{T(in), i64},
			Out: i64,
			Fn: func(a []driver.Value) (any, error) {
				return int64(h(a[0], uint64(a[1].(int64)))), nil
			},
		}
	}
	Register(
		Func{Name: "ember_xxh64", Overloads: []duckdb.ScalarFunc{
			hashOf(duckdb.TYPE_INTEGER, func(v driver.Value, s uint64) uint64 { return xxInt(uint32(v.(int32)), s) }),
			hashOf(duckdb.TYPE_BIGINT, func(v driver.Value, s uint64) uint64 { return xxLong(uint64(v.(int64)), s) }),
			hashOf(duckdb.TYPE_FLOAT, func(v driver.Value, s uint64) uint64 {
				f := v.(float32)
				if f != f {
					return xxInt(0x7fc00000, s)
				}
				return xxInt(math.Float32bits(f), s)
			}),
			hashOf(duckdb.TYPE_DOUBLE, func(v driver.Value, s uint64) uint64 {
				f := v.(float64)
				if f != f {
					return xxLong(0x7ff8000000000000, s)
				}
				return xxLong(math.Float64bits(f), s)
			}),
			hashOf(duckdb.TYPE_VARCHAR, func(v driver.Value, s uint64) uint64 { return XXH64([]byte(v.(string)), s) }),
			hashOf(duckdb.TYPE_BLOB, func(v driver.Value, s uint64) uint64 { return XXH64(v.([]byte), s) }),
		}},
		Func{Name: "ember_hllpp", Overloads: []duckdb.ScalarFunc{Scalar{
			In:  []duckdb.TypeInfo{List(i64), T(duckdb.TYPE_INTEGER)},
			Out: i64,
			Fn: func(a []driver.Value) (any, error) {
				l, _ := a[0].([]any)
				hs := make([]uint64, 0, len(l))
				for _, e := range l {
					if h, ok := e.(int64); ok {
						hs = append(hs, uint64(h))
					}
				}
				p := int(a[1].(int32))
				est, ok := HLLEstimate(hs, p)
				if !ok {
					return nil, fmt.Errorf("EMBER_SPARK_ERROR:UNSUPPORTED_FEATURE.EMBER\x1ffeature=approx_count_distinct in the bias-corrected range of HyperLogLog++ (raw estimate between %d and %d at this relativeSD); use count(DISTINCT ...) or another relativeSD", int(2.5*float64(int(1)<<p)), 5*(1<<p))
				}
				return est, nil
			},
		}}},
	)
}
