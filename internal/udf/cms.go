package udf

import (
	"database/sql/driver"
	"encoding/binary"
	"math"

	"github.com/duckdb/duckdb-go/v2"
)

// Spark's count_min_sketch aggregate: the lowering collects the group's
// non-null items (integral values as BIGINT, strings, binaries) and
// ember_cms_agg builds the sketch and returns Spark's serialized form.
// Counting is commutative, so the partitioning of the input does not
// matter.

// JavaRandom is java.util.Random: a 48-bit linear congruential generator.
type JavaRandom struct{ seed uint64 }

const (
	javaRandMult = 0x5DEECE66D
	javaRandMask = 1<<48 - 1
)

// NewJavaRandom seeds a generator as new java.util.Random(seed) does.
func NewJavaRandom(seed int64) *JavaRandom {
	return &JavaRandom{seed: (uint64(seed) ^ javaRandMult) & javaRandMask}
}

func (r *JavaRandom) next(bits uint) int32 {
	r.seed = (r.seed*javaRandMult + 0xB) & javaRandMask
	return int32(int64(r.seed) >> (48 - bits))
}

// NextInt is Random.nextInt(bound) for bound > 0.
func (r *JavaRandom) NextInt(bound int32) int32 {
	if bound&(-bound) == bound {
		return int32((int64(bound) * int64(r.next(31))) >> 31)
	}
	for {
		bits := r.next(31)
		val := bits % bound
		// Java rejects draws whose bucket overflows int32.
		if bits-val+(bound-1) >= 0 {
			return val
		}
	}
}

// NextDouble is Random.nextDouble: 53 random bits scaled into [0, 1).
func (r *JavaRandom) NextDouble() float64 {
	hi := int64(r.next(26))
	lo := int64(r.next(27))
	return float64(hi<<27+lo) * (1.0 / (1 << 53))
}

// CountMinSketch is Spark's CountMinSketchImpl state.
type CountMinSketch struct {
	Depth, Width int32
	Total        int64
	HashA        []int64
	Table        [][]int64
}

// NewCountMinSketch sizes a sketch from the relative error and the
// confidence (both already validated) and draws its hash multipliers from
// the seed, as Spark does.
func NewCountMinSketch(eps, confidence float64, seed int32) *CountMinSketch {
	width := int32(math.Ceil(2 / eps))
	depth := int32(math.Ceil(-math.Log(1-confidence) / math.Log(2)))
	s := &CountMinSketch{Depth: depth, Width: width, HashA: make([]int64, depth), Table: make([][]int64, depth)}
	r := NewJavaRandom(int64(seed))
	for i := range s.HashA {
		s.HashA[i] = int64(r.NextInt(math.MaxInt32))
		s.Table[i] = make([]int64, width)
	}
	return s
}

// AddLong counts an integral item.
func (s *CountMinSketch) AddLong(v int64) {
	for i := int32(0); i < s.Depth; i++ {
		h := s.HashA[i] * v
		h += h >> 32
		h &= math.MaxInt32
		s.Table[i][int32(h)%s.Width]++
	}
	s.Total++
}

// AddBytes counts a string (its UTF-8 bytes) or binary item.
func (s *CountMinSketch) AddBytes(b []byte) {
	h1 := int32(murmurBytes(b, 0))
	h2 := int32(murmurBytes(b, uint32(h1)))
	for i := int32(0); i < s.Depth; i++ {
		k := (h1 + i*h2) % s.Width
		if k < 0 {
			k = -k
		}
		s.Table[i][k]++
	}
	s.Total++
}

// Bytes is Spark's serialization (version 1, big-endian): version, total
// count, depth, width, the hash multipliers, then the table row by row.
func (s *CountMinSketch) Bytes() []byte {
	out := make([]byte, 0, 20+8*int(s.Depth)*(1+int(s.Width)))
	out = binary.BigEndian.AppendUint32(out, 1)
	out = binary.BigEndian.AppendUint64(out, uint64(s.Total))
	out = binary.BigEndian.AppendUint32(out, uint32(s.Depth))
	out = binary.BigEndian.AppendUint32(out, uint32(s.Width))
	for _, a := range s.HashA {
		out = binary.BigEndian.AppendUint64(out, uint64(a))
	}
	for _, row := range s.Table {
		for _, c := range row {
			out = binary.BigEndian.AppendUint64(out, uint64(c))
		}
	}
	return out
}

// cmsMaxCells bounds the table so a tiny eps cannot exhaust memory.
const cmsMaxCells = 1 << 26

func init() {
	in := func(item duckdb.TypeInfo) []duckdb.TypeInfo {
		return []duckdb.TypeInfo{List(item), tDouble, tDouble, tInt}
	}
	build := func(a []driver.Value, add func(*CountMinSketch, any)) (any, error) {
		eps, _ := a[1].(float64)
		conf, _ := a[2].(float64)
		seed, _ := a[3].(int32)
		if a[1] == nil || a[2] == nil || a[3] == nil {
			return nil, nil
		}
		w := math.Ceil(2 / eps)
		d := math.Ceil(-math.Log(1-conf) / math.Log(2))
		if w*d > cmsMaxCells || w > math.MaxInt32 {
			return nil, raise("UNSUPPORTED_FEATURE.EMBER", "feature", "count_min_sketch with a table of more than 2^26 cells")
		}
		s := NewCountMinSketch(eps, conf, seed)
		for _, v := range list(a[0]) {
			if v != nil {
				add(s, v)
			}
		}
		return s.Bytes(), nil
	}
	Register(Func{Name: "ember_cms_agg", Overloads: []duckdb.ScalarFunc{
		nullScalar(in(tBig), tBlob, func(a []driver.Value) (any, error) {
			return build(a, func(s *CountMinSketch, v any) { s.AddLong(v.(int64)) })
		}),
		nullScalar(in(tVarchar), tBlob, func(a []driver.Value) (any, error) {
			return build(a, func(s *CountMinSketch, v any) { s.AddBytes([]byte(v.(string))) })
		}),
		nullScalar(in(tBlob), tBlob, func(a []driver.Value) (any, error) {
			return build(a, func(s *CountMinSketch, v any) { s.AddBytes(v.([]byte)) })
		}),
	}})
}
