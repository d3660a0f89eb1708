package udf

import (
	"database/sql/driver"
	"math"
	"sync"

	"github.com/duckdb/duckdb-go/v2"
)

// Spark's per-partition samplers, drawn by position. Spark runs one
// generator per partition and draws from it once per row, in the
// partition's row order:
//
//   - rand/randn and the Bernoulli sampler of df.sample (and randomSplit)
//     use XORShiftRandom(seed + partitionIndex);
//   - the Poisson sampler of df.sample(withReplacement=True) uses a
//     Well19937c generator seeded with the partition's entry of
//     java.util.Random(seed).nextLong() (one value per partition, in
//     partition order), and draws a Poisson(fraction) count per row.
//
// Ember computes each row's partition and its position inside the
// partition in SQL, and the functions below return the value the
// partition's generator yields at that position. The answer therefore
// does not depend on the order in which DuckDB evaluates rows; a few
// cursors per generator keep the usual in-order evaluation linear.

// NextLong is java.util.Random.nextLong().
func (r *JavaRandom) NextLong() int64 {
	hi := int64(r.next(32))
	lo := int64(r.next(32))
	return hi<<32 + lo
}

// well19937c is the WELL19937c generator of Apache Commons Math (the
// default generator of its distributions), with its long seeding and its
// BitsStreamGenerator.nextDouble.
type well19937c struct {
	v     [624]uint32
	index int
}

const (
	wellR  = 624
	wellM1 = 70
	wellM2 = 179
	wellM3 = 449
)

func newWell19937c(seed int64) *well19937c {
	w := &well19937c{}
	// A long seed is the int array {high word, low word}; the rest of the
	// pool is filled by the Mersenne Twister initialisation recurrence
	// over sign-extended previous words.
	w.v[0] = uint32(uint64(seed) >> 32)
	w.v[1] = uint32(seed)
	for i := 2; i < wellR; i++ {
		l := int64(int32(w.v[i-2]))
		w.v[i] = uint32(1812433253*(l^(l>>30)) + int64(i))
	}
	return w
}

func (w *well19937c) next(bits uint) uint32 {
	at := func(k int) int { return (w.index + k) % wellR }
	rm1, rm2 := at(wellR-1), at(wellR-2)
	v0, vm1, vm2, vm3 := w.v[w.index], w.v[at(wellM1)], w.v[at(wellM2)], w.v[at(wellM3)]
	z0 := (0x80000000 & w.v[rm1]) ^ (0x7FFFFFFF & w.v[rm2])
	z1 := (v0 ^ v0<<25) ^ (vm1 ^ vm1>>27)
	z2 := (vm2 >> 9) ^ (vm3 ^ vm3>>1)
	z3 := z1 ^ z2
	z4 := z0 ^ (z1 ^ z1<<9) ^ (z2 ^ z2<<21) ^ (z3 ^ z3>>21)
	w.v[w.index] = z3
	w.v[rm1] = z4
	w.v[rm2] &= 0x80000000
	w.index = rm1
	// Matsumoto-Kurita tempering.
	z4 ^= (z4 << 7) & 0xe46e1700
	z4 ^= (z4 << 15) & 0x9b868000
	return z4 >> (32 - bits)
}

func (w *well19937c) nextDouble() float64 {
	hi := uint64(w.next(26)) << 26
	lo := uint64(w.next(26))
	return float64(hi|lo) * (1.0 / (1 << 52))
}

// poissonSmall draws a Poisson(mean) count as Commons Math does for means
// below 40: multiply uniform draws until the product falls below e^-mean.
func poissonSmall(w *well19937c, mean float64) int64 {
	p := math.Exp(-mean)
	n := int64(0)
	r := 1.0
	for float64(n) < 1000*mean {
		r *= w.nextDouble()
		if r < p {
			return n
		}
		n++
	}
	return n
}

// PoissonMaxMean bounds the fractions sampling with replacement supports:
// Commons Math switches to a different algorithm from 40 on.
const PoissonMaxMean = 40

// PoissonPartitionSeed is the seed Spark's PartitionwiseSampledRDD gives
// partition pid: the (pid+1)-th nextLong of java.util.Random(seed).
func PoissonPartitionSeed(seed int64, pid int64) int64 {
	r := NewJavaRandom(seed)
	var s int64
	for i := int64(0); i <= pid; i++ {
		s = r.NextLong()
	}
	return s
}

// sequence is a generator reduced to "the next value".
type sequence interface{ next() float64 }

type xorDoubles struct{ r *XORShift }

func (s xorDoubles) next() float64 { return s.r.NextDouble() }

type xorGaussians struct{ r *XORShift }

func (s xorGaussians) next() float64 { return s.r.NextGaussian() }

type poissonCounts struct {
	w    *well19937c
	mean float64
}

func (s poissonCounts) next() float64 { return float64(poissonSmall(s.w, s.mean)) }

// cursor is a generator that has produced pos values, the last being last.
type cursor struct {
	seq  sequence
	pos  int64
	last float64
	used int64
}

type seqKey struct {
	nonce, seed int64
	kind        byte
}

const cursorsPerSeq = 4

// positioned holds the cursors of every (call, partition generator);
// whole keys are dropped oldest first once there are too many.
var positioned = struct {
	sync.Mutex
	m     map[seqKey][]*cursor
	order []seqKey
	clock int64
}{m: map[seqKey][]*cursor{}}

const maxPositioned = 4096

// valueAt returns the value at position pos (0-based) of the sequence
// key names, creating generators with mk as needed.
func valueAt(key seqKey, pos int64, mk func() sequence) float64 {
	positioned.Lock()
	defer positioned.Unlock()
	positioned.clock++
	cs, ok := positioned.m[key]
	if !ok {
		positioned.order = append(positioned.order, key)
		if len(positioned.order) > maxPositioned {
			delete(positioned.m, positioned.order[0])
			positioned.order = positioned.order[1:]
		}
	}
	var best *cursor
	for _, c := range cs {
		if c.pos == pos+1 {
			c.used = positioned.clock
			return c.last
		}
		if c.pos <= pos && (best == nil || c.pos > best.pos) {
			best = c
		}
	}
	if best == nil {
		best = &cursor{seq: mk()}
		if len(cs) < cursorsPerSeq {
			cs = append(cs, best)
		} else {
			lru := 0
			for i, c := range cs {
				if c.used < cs[lru].used {
					lru = i
				}
			}
			cs[lru] = best
		}
		positioned.m[key] = cs
	}
	for best.pos <= pos {
		best.last = best.seq.next()
		best.pos++
	}
	best.used = positioned.clock
	return best.last
}

// RandAt is the value rand(seed) gives the row at position pos of
// partition pid.
func RandAt(nonce, seed, pid, pos int64) float64 {
	s := seed + pid
	return valueAt(seqKey{nonce, s, 'd'}, pos, func() sequence { return xorDoubles{NewXORShift(s)} })
}

// RandnAt is the value randn(seed) gives the row at position pos of
// partition pid.
func RandnAt(nonce, seed, pid, pos int64) float64 {
	s := seed + pid
	return valueAt(seqKey{nonce, s, 'g'}, pos, func() sequence { return xorGaussians{NewXORShift(s)} })
}

// PoissonAt is the number of copies Spark's Poisson sampler of the given
// fraction keeps of the row at position pos of partition pid.
func PoissonAt(nonce, seed, pid, pos int64, fraction float64) int64 {
	if fraction <= 0 {
		return 0
	}
	s := PoissonPartitionSeed(seed, pid)
	return int64(valueAt(seqKey{nonce, s, 'p'}, pos, func() sequence {
		return poissonCounts{newWell19937c(s), fraction}
	}))
}

func init() {
	bigint, double := T(duckdb.TYPE_BIGINT), T(duckdb.TYPE_DOUBLE)
	at := func(f func(nonce, seed, pid, pos int64) float64) func([]driver.Value) (any, error) {
		return func(a []driver.Value) (any, error) {
			return f(a[3].(int64), a[0].(int64), a[1].(int64), a[2].(int64)), nil
		}
	}
	Register(
		// ember_rand_at(seed, partition, position, nonce)
		Func{Name: "ember_rand_at", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{bigint, bigint, bigint, bigint}, Out: double, Volatile: true,
			Fn: at(RandAt),
		}}},
		Func{Name: "ember_randn_at", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{bigint, bigint, bigint, bigint}, Out: double, Volatile: true,
			Fn: at(RandnAt),
		}}},
		// ember_poisson_at(seed, partition, position, nonce, fraction)
		Func{Name: "ember_poisson_at", Overloads: []duckdb.ScalarFunc{Scalar{
			In: []duckdb.TypeInfo{bigint, bigint, bigint, bigint, double}, Out: bigint, Volatile: true,
			Fn: func(a []driver.Value) (any, error) {
				return PoissonAt(a[3].(int64), a[0].(int64), a[1].(int64), a[2].(int64), a[4].(float64)), nil
			},
		}}},
	)
}
