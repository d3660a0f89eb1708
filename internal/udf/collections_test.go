package udf

import (
	"reflect"
	"testing"
)

// The permutations Spark 4.2 produced for single-row DataFrames (the
// shuffle doctests): position lists are 1-based sources.
func TestShuffleIndicesMatchSpark(t *testing.T) {
	// shuffle([1, 20, 3, 5], 123) = [5, 1, 20, 3]
	src := []int{1, 20, 3, 5}
	idx := shuffleIndices(len(src), 123)
	got := make([]int, len(idx))
	for i, p := range idx {
		got[i] = src[p-1]
	}
	if want := []int{5, 1, 20, 3}; !reflect.DeepEqual(got, want) {
		t.Fatalf("shuffle(%v, 123) = %v, want %v", src, got, want)
	}
}

func TestMTReferenceOutput(t *testing.T) {
	// MT19937 init_by_array({0x123, 0x234, 0x345, 0x456}): first output
	// of the reference implementation.
	m := &mt19937{}
	m.initByArray([]uint32{0x123, 0x234, 0x345, 0x456})
	if got := m.next32(); got != 1067595299 {
		t.Fatalf("first output %d, want 1067595299", got)
	}
}
