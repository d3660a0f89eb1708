package udf

import (
	"database/sql/driver"
	"fmt"
	"sort"

	"github.com/duckdb/duckdb-go/v2"
)

// Spark's shuffle(array, seed) permutes with an "inside-out" Fisher-Yates
// walk driven by a Mersenne Twister (MT19937, seeded with the two 32-bit
// halves of the seed as an init_by_array key, as Apache Commons Math's
// MersenneTwister(long) does). ember_shuffle_indices(n, seed) returns the
// 1-based source positions of the shuffled array; the SQL side picks the
// elements, so one function serves every element type.
func init() {
	Register(Func{Name: "ember_shuffle_indices", Overloads: []duckdb.ScalarFunc{Scalar{
		In:  []duckdb.TypeInfo{T(duckdb.TYPE_BIGINT), T(duckdb.TYPE_BIGINT)},
		Out: List(T(duckdb.TYPE_INTEGER)),
		Fn: func(args []driver.Value) (any, error) {
			n, ok1 := args[0].(int64)
			seed, ok2 := args[1].(int64)
			if !ok1 || !ok2 {
				return nil, fmt.Errorf("ember_shuffle_indices: unexpected arguments %T, %T", args[0], args[1])
			}
			return shuffleIndices(int(n), seed), nil
		},
	}}})
	Register(Func{Name: "ember_sort_perm", Overloads: []duckdb.ScalarFunc{Scalar{
		In:  []duckdb.TypeInfo{List(List(T(duckdb.TYPE_INTEGER)))},
		Out: List(T(duckdb.TYPE_INTEGER)),
		Fn: func(args []driver.Value) (any, error) {
			m, err := intMatrix(args[0])
			if err != nil {
				return nil, err
			}
			return sortPerm(m), nil
		},
	}}})
}

// intMatrix reads a LIST(LIST(INTEGER)) argument.
func intMatrix(v any) ([][]int32, error) {
	rows, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("ember_sort_perm: unexpected argument %T", v)
	}
	m := make([][]int32, len(rows))
	for i, r := range rows {
		cells, ok := r.([]any)
		if !ok || len(cells) != len(rows) {
			return nil, fmt.Errorf("ember_sort_perm: row %d is not a list of %d comparisons", i, len(rows))
		}
		m[i] = make([]int32, len(cells))
		for j, c := range cells {
			x, ok := c.(int32)
			if !ok {
				return nil, fmt.Errorf("ember_sort_perm: comparison %d,%d is %T", i, j, c)
			}
			m[i][j] = x
		}
	}
	return m, nil
}

// sortPerm orders the positions 0..n-1 by the comparison matrix cmp
// (cmp[i][j] < 0: element i sorts before element j) the way Java's
// Arrays.sort with a comparator does, so that array_sort gives Spark's
// answer even for a comparator that is not a consistent order. Short
// arrays take Java's path exactly: the leading run (reversed when strictly
// descending) extended by binary insertion. Longer ones use a stable
// sort, which agrees with Java's TimSort whenever the comparator is
// consistent. The result is 1-based.
func sortPerm(cmp [][]int32) []int32 {
	n := len(cmp)
	p := make([]int32, n)
	for i := range p {
		p[i] = int32(i)
	}
	less := func(a, b int32) bool { return cmp[a][b] < 0 }
	if n >= 32 {
		sort.SliceStable(p, func(i, j int) bool { return less(p[i], p[j]) })
	} else if n >= 2 {
		run := 1
		if less(p[1], p[0]) {
			run = 2
			for run < n && less(p[run], p[run-1]) {
				run++
			}
			for i, j := 0, run-1; i < j; i, j = i+1, j-1 {
				p[i], p[j] = p[j], p[i]
			}
		} else {
			run = 2
			for run < n && !less(p[run], p[run-1]) {
				run++
			}
		}
		for k := run; k < n; k++ {
			x := p[k]
			lo, hi := 0, k
			for lo < hi {
				mid := int(uint(lo+hi) >> 1)
				if less(x, p[mid]) {
					hi = mid
				} else {
					lo = mid + 1
				}
			}
			copy(p[lo+1:k+1], p[lo:k])
			p[lo] = x
		}
	}
	for i := range p {
		p[i]++
	}
	return p
}

// shuffleIndices is the permutation Spark applies to an array of n
// elements for a generator freshly seeded with seed, 1-based.
func shuffleIndices(n int, seed int64) []int32 {
	r := newMT(seed)
	idx := make([]int32, n)
	for i := 0; i < n; i++ {
		j := r.intn(int32(i + 1))
		if int(j) != i {
			idx[i] = idx[j]
		}
		idx[j] = int32(i)
	}
	for i := range idx {
		idx[i]++
	}
	return idx
}

const (
	mtN        = 624
	mtM        = 397
	mtUpper    = 0x80000000
	mtLower    = 0x7fffffff
	mtMatrixA  = 0x9908b0df
	mtInitMult = 1812433253
)

type mt19937 struct {
	state [mtN]uint32
	i     int
}

func newMT(seed int64) *mt19937 {
	m := &mt19937{}
	m.initByArray([]uint32{uint32(uint64(seed) >> 32), uint32(uint64(seed))})
	return m
}

func (m *mt19937) initGenrand(s uint32) {
	m.state[0] = s
	for i := 1; i < mtN; i++ {
		prev := m.state[i-1]
		m.state[i] = mtInitMult*(prev^(prev>>30)) + uint32(i)
	}
	m.i = mtN
}

func (m *mt19937) initByArray(key []uint32) {
	m.initGenrand(19650218)
	i, j := 1, 0
	k := mtN
	if len(key) > k {
		k = len(key)
	}
	for ; k > 0; k-- {
		prev := m.state[i-1]
		m.state[i] = (m.state[i] ^ ((prev ^ (prev >> 30)) * 1664525)) + key[j] + uint32(j)
		i++
		j++
		if i >= mtN {
			m.state[0] = m.state[mtN-1]
			i = 1
		}
		if j >= len(key) {
			j = 0
		}
	}
	for k = mtN - 1; k > 0; k-- {
		prev := m.state[i-1]
		m.state[i] = (m.state[i] ^ ((prev ^ (prev >> 30)) * 1566083941)) - uint32(i)
		i++
		if i >= mtN {
			m.state[0] = m.state[mtN-1]
			i = 1
		}
	}
	m.state[0] = mtUpper
}

func (m *mt19937) next32() uint32 {
	if m.i >= mtN {
		for k := 0; k < mtN; k++ {
			y := (m.state[k] & mtUpper) | (m.state[(k+1)%mtN] & mtLower)
			v := m.state[(k+mtM)%mtN] ^ (y >> 1)
			if y&1 != 0 {
				v ^= mtMatrixA
			}
			m.state[k] = v
		}
		m.i = 0
	}
	y := m.state[m.i]
	m.i++
	y ^= y >> 11
	y ^= (y << 7) & 0x9d2c5680
	y ^= (y << 15) & 0xefc60000
	y ^= y >> 18
	return y
}

// intn draws uniformly from [0, n) the way java.util.Random-style
// generators do: a power of two takes the high bits, other bounds reject
// the biased tail of 31-bit draws.
func (m *mt19937) intn(n int32) int32 {
	if n&-n == n {
		return int32((int64(n) * int64(m.next32()>>1)) >> 31)
	}
	for {
		bits := int32(m.next32() >> 1)
		val := bits % n
		if bits-val+(n-1) >= 0 {
			return val
		}
	}
}
