package sketch

import (
	"encoding/binary"
	"fmt"
	"math"
	"sort"
	"strings"
)

// KLL is a KLL quantiles sketch over float64 items (longs and floats are
// carried exactly as float64 up to 2^53). Level h holds items of weight
// 2^h; when the retained items exceed the total capacity, the lowest
// over-full level is sorted and every other item (from a random-like
// alternating offset) is promoted to the level above. Like DataSketches,
// results are exact until n exceeds k, and approximate (rank error about
// 1.65/k) after.
type KLL struct {
	K      int
	N      int64
	levels [][]float64
	Min    float64
	Max    float64
	flip   bool
}

const kllM = 8

// NewKLL makes an empty sketch.
func NewKLL(k int) *KLL {
	return &KLL{K: k, levels: [][]float64{nil}, Min: math.NaN(), Max: math.NaN()}
}

func (s *KLL) capacity(h int) int {
	depth := len(s.levels) - 1 - h
	c := int(math.Ceil(float64(s.K) * math.Pow(2.0/3.0, float64(depth))))
	return max(c, kllM)
}

func (s *KLL) retained() int {
	n := 0
	for _, l := range s.levels {
		n += len(l)
	}
	return n
}

func (s *KLL) totalCapacity() int {
	n := 0
	for h := range s.levels {
		n += s.capacity(h)
	}
	return n
}

// Update adds one item (NaN is ignored, as DataSketches does).
func (s *KLL) Update(v float64) {
	if math.IsNaN(v) {
		return
	}
	if s.N == 0 || v < s.Min {
		s.Min = v
	}
	if s.N == 0 || v > s.Max {
		s.Max = v
	}
	s.N++
	s.levels[0] = append(s.levels[0], v)
	s.compress()
}

func (s *KLL) compress() {
	for s.retained() > s.totalCapacity() {
		for h := range s.levels {
			if len(s.levels[h]) < s.capacity(h) {
				continue
			}
			if h+1 == len(s.levels) {
				s.levels = append(s.levels, nil)
			}
			l := s.levels[h]
			sort.Float64s(l)
			var keep []float64
			if len(l)%2 == 1 {
				keep = []float64{l[0]}
				l = l[1:]
			}
			off := 0
			if s.flip {
				off = 1
			}
			s.flip = !s.flip
			for i := off; i < len(l); i += 2 {
				s.levels[h+1] = append(s.levels[h+1], l[i])
			}
			s.levels[h] = keep
			break
		}
	}
}

// Merge folds another sketch in.
func (s *KLL) Merge(o *KLL) {
	if o.N == 0 {
		return
	}
	if s.N == 0 || o.Min < s.Min {
		s.Min = o.Min
	}
	if s.N == 0 || o.Max > s.Max {
		s.Max = o.Max
	}
	s.N += o.N
	for len(s.levels) < len(o.levels) {
		s.levels = append(s.levels, nil)
	}
	for h, l := range o.levels {
		s.levels[h] = append(s.levels[h], l...)
	}
	s.compress()
}

type weighted struct {
	v float64
	w int64
}

func (s *KLL) sorted() []weighted {
	var out []weighted
	for h, l := range s.levels {
		for _, v := range l {
			out = append(out, weighted{v, int64(1) << h})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].v < out[j].v })
	return out
}

// Quantile is the smallest retained item whose inclusive cumulative
// weight reaches rank*n.
func (s *KLL) Quantile(rank float64) float64 {
	items := s.sorted()
	var total int64
	for _, it := range items {
		total += it.w
	}
	target := rank * float64(total)
	var cum int64
	for _, it := range items {
		cum += it.w
		if float64(cum) >= target {
			return it.v
		}
	}
	return items[len(items)-1].v
}

// Rank is the fraction of the weight at or below v.
func (s *KLL) Rank(v float64) float64 {
	var below, total int64
	for _, it := range s.sorted() {
		total += it.w
		if it.v <= v {
			below += it.w
		}
	}
	return float64(below) / float64(total)
}

// String is a summary in the spirit of DataSketches' toString.
func (s *KLL) String(typeName string, format func(float64) string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n### Kll%s Summary:\n", typeName)
	row := func(k, v string) { fmt.Fprintf(&b, "   %-23s: %s\n", k, v) }
	row("K", fmt.Sprint(s.K))
	row("M", fmt.Sprint(kllM))
	row("N", fmt.Sprint(s.N))
	row("Empty", fmt.Sprint(s.N == 0))
	row("Estimation Mode", fmt.Sprint(s.N > int64(s.retained())))
	row("Levels", fmt.Sprint(len(s.levels)))
	row("Retained Items", fmt.Sprint(s.retained()))
	if s.N > 0 {
		row("Min Item", format(s.Min))
		row("Max Item", format(s.Max))
	}
	b.WriteString("### End sketch summary\n")
	return b.String()
}

// Bytes serializes: "EKL", item kind, k (uint16), pad, n, flip, min, max,
// level count, then per level its length and items.
func (s *KLL) Bytes(kind byte) []byte {
	b := []byte("EKL")
	b = append(b, kind)
	b = binary.LittleEndian.AppendUint32(b, uint32(s.K))
	b = binary.LittleEndian.AppendUint64(b, uint64(s.N))
	fl := byte(0)
	if s.flip {
		fl = 1
	}
	b = append(b, fl)
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(s.Min))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(s.Max))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(s.levels)))
	for _, l := range s.levels {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(l)))
		for _, v := range l {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		}
	}
	return b
}

// ParseKLL reads a sketch of the given item kind.
func ParseKLL(b []byte, kind byte) (*KLL, error) {
	if len(b) < 37 || string(b[:3]) != "EKL" || b[3] != kind {
		return nil, ErrBadSketch
	}
	s := &KLL{K: int(binary.LittleEndian.Uint32(b[4:]))}
	s.N = int64(binary.LittleEndian.Uint64(b[8:]))
	s.flip = b[16] == 1
	s.Min = math.Float64frombits(binary.LittleEndian.Uint64(b[17:]))
	s.Max = math.Float64frombits(binary.LittleEndian.Uint64(b[25:]))
	nl := int(binary.LittleEndian.Uint32(b[33:]))
	off := 37
	if nl < 1 || nl > 64 || s.K < 8 || s.K > 65535 {
		return nil, ErrBadSketch
	}
	for i := 0; i < nl; i++ {
		if off+4 > len(b) {
			return nil, ErrBadSketch
		}
		n := int(binary.LittleEndian.Uint32(b[off:]))
		off += 4
		if n < 0 || off+8*n > len(b) {
			return nil, ErrBadSketch
		}
		l := make([]float64, n)
		for j := range l {
			l[j] = math.Float64frombits(binary.LittleEndian.Uint64(b[off:]))
			off += 8
		}
		s.levels = append(s.levels, l)
	}
	if off != len(b) {
		return nil, ErrBadSketch
	}
	return s, nil
}
