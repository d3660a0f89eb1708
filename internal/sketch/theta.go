package sketch

import (
	"encoding/binary"
	"errors"
	"math"
	"sort"
)

// MaxTheta is theta 1.0: every hash is retained.
const MaxTheta int64 = math.MaxInt64

// Summary kinds of a theta-family sketch: plain theta, or a tuple sketch
// whose entries carry a double or an integer summary.
const (
	KindTheta   byte = 0
	KindDouble  byte = 1
	KindInteger byte = 2
)

// Summary modes of tuple sketches: how two summaries of one key combine.
const (
	ModeSum byte = iota
	ModeMin
	ModeMax
	ModeAlwaysOne
)

// ParseMode maps Spark's mode names.
func ParseMode(s string) (byte, bool) {
	switch s {
	case "sum":
		return ModeSum, true
	case "min":
		return ModeMin, true
	case "max":
		return ModeMax, true
	case "alwaysone":
		return ModeAlwaysOne, true
	}
	return 0, false
}

// Combine merges summary b into a under mode, with int32 wrap-around for
// integer summaries (DataSketches keeps them as Java ints).
func Combine(kind, mode byte, a, b float64) float64 {
	var r float64
	switch mode {
	case ModeSum:
		r = a + b
		if kind == KindInteger {
			r = float64(int32(int64(a) + int64(b)))
		}
	case ModeMin:
		r = math.Min(a, b)
	case ModeMax:
		r = math.Max(a, b)
	default:
		r = 1
	}
	return r
}

// Update is a QuickSelect update sketch: a hash set that, once over its
// rebuild threshold at full size, keeps the nominal-entries smallest hashes
// and lowers theta to the next one. Only the entry count decides when a
// resize or rebuild happens, so the retained set and theta follow
// DataSketches' sketch for the same input order.
type Update struct {
	LgNom int
	Kind  byte
	Mode  byte
	lgArr int
	Theta int64
	m     map[int64]float64
}

// NewUpdate makes an empty update sketch with 2^lgNom nominal entries.
func NewUpdate(lgNom int, kind, mode byte) *Update {
	target := lgNom + 1
	lgArr := 5
	if target > 5 {
		lgArr = (target-5)%3 + 5 // grow by x8 up to the full table
	}
	return &Update{LgNom: lgNom, Kind: kind, Mode: mode, lgArr: lgArr, Theta: MaxTheta, m: map[int64]float64{}}
}

func (u *Update) threshold() int {
	if u.lgArr <= u.LgNom {
		return (1 << u.lgArr) / 2
	}
	return int(math.Floor(15.0 / 16.0 * float64(int(1)<<u.lgArr)))
}

// Insert adds one hash (with its summary for tuple sketches).
func (u *Update) Insert(h int64, s float64) {
	if h <= 0 || h >= u.Theta {
		return
	}
	if old, ok := u.m[h]; ok {
		if u.Kind != KindTheta {
			u.m[h] = Combine(u.Kind, u.Mode, old, s)
		}
		return
	}
	if u.Kind != KindTheta && u.Mode == ModeAlwaysOne {
		s = 1
	}
	u.m[h] = s
	if len(u.m) > u.threshold() {
		if u.lgArr <= u.LgNom {
			u.lgArr = min(u.lgArr+3, u.LgNom+1)
		} else {
			u.rebuild()
		}
	}
}

// rebuild keeps the k smallest hashes; theta becomes the (k+1)-th.
func (u *Update) rebuild() {
	k := 1 << u.LgNom
	if len(u.m) <= k {
		return
	}
	hs := make([]int64, 0, len(u.m))
	for h := range u.m {
		hs = append(hs, h)
	}
	sort.Slice(hs, func(i, j int) bool { return hs[i] < hs[j] })
	u.Theta = hs[k]
	for _, h := range hs[k:] {
		delete(u.m, h)
	}
}

// Compact returns the sketch's compact form (at most k entries).
func (u *Update) Compact() *Compact {
	u.rebuild()
	c := &Compact{Kind: u.Kind, Theta: u.Theta, Empty: len(u.m) == 0 && u.Theta == MaxTheta}
	for h, s := range u.m {
		c.Hashes = append(c.Hashes, h)
		c.Sums = append(c.Sums, s)
	}
	c.sortEntries()
	return c
}

// Compact is an immutable theta or tuple sketch: the retained hashes (with
// summaries) below theta.
type Compact struct {
	Kind   byte
	Empty  bool
	Theta  int64
	Hashes []int64
	Sums   []float64
}

func (c *Compact) sortEntries() {
	idx := make([]int, len(c.Hashes))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return c.Hashes[idx[a]] < c.Hashes[idx[b]] })
	hs := make([]int64, len(idx))
	ss := make([]float64, len(idx))
	for i, j := range idx {
		hs[i] = c.Hashes[j]
		if j < len(c.Sums) {
			ss[i] = c.Sums[j]
		}
	}
	c.Hashes, c.Sums = hs, ss
}

// ThetaFraction is theta as a fraction in (0, 1].
func (c *Compact) ThetaFraction() float64 {
	return float64(c.Theta) / float64(MaxTheta)
}

// Estimate is the distinct-count estimate: retained / theta.
func (c *Compact) Estimate() float64 {
	if c.Theta == MaxTheta {
		return float64(len(c.Hashes))
	}
	return float64(len(c.Hashes)) / c.ThetaFraction()
}

// Summary aggregates the retained summaries under mode.
func (c *Compact) Summary(mode byte) float64 {
	if len(c.Sums) == 0 {
		return 0
	}
	r := c.Sums[0]
	for _, s := range c.Sums[1:] {
		r = Combine(c.Kind, mode, r, s)
	}
	if mode == ModeAlwaysOne {
		// alwaysone counts the retained entries.
		r = float64(len(c.Sums))
	}
	return r
}

// Union merges sketches, keeping at most 2^lgNom entries.
type Union struct {
	gadget *Update
	theta  int64
}

// NewUnion makes an empty union.
func NewUnion(lgNom int, kind, mode byte) *Union {
	return &Union{gadget: NewUpdate(lgNom, kind, mode), theta: MaxTheta}
}

// Add folds a sketch into the union.
func (un *Union) Add(c *Compact) {
	if c.Empty {
		return
	}
	un.theta = min(un.theta, c.Theta)
	for i, h := range c.Hashes {
		if h < un.theta {
			s := 0.0
			if i < len(c.Sums) {
				s = c.Sums[i]
			}
			un.gadget.Insert(h, s)
		}
	}
	un.theta = min(un.theta, un.gadget.Theta)
}

// Result is the union's sketch.
func (un *Union) Result() *Compact {
	g := un.gadget
	theta := min(un.theta, g.Theta)
	c := &Compact{Kind: g.Kind, Theta: theta}
	for h, s := range g.m {
		if h < theta {
			c.Hashes = append(c.Hashes, h)
			c.Sums = append(c.Sums, s)
		}
	}
	c.sortEntries()
	k := 1 << g.LgNom
	if len(c.Hashes) > k {
		c.Theta = c.Hashes[k]
		c.Hashes, c.Sums = c.Hashes[:k], c.Sums[:k]
	}
	c.Empty = len(c.Hashes) == 0 && c.Theta == MaxTheta
	return c
}

// Intersect is the intersection of two sketches: the hashes in both below
// the smaller theta, summaries combined under mode.
func Intersect(a, b *Compact, mode byte) *Compact {
	theta := min(a.Theta, b.Theta)
	in := map[int64]int{}
	for i, h := range b.Hashes {
		in[h] = i
	}
	c := &Compact{Kind: a.Kind, Theta: theta}
	for i, h := range a.Hashes {
		j, ok := in[h]
		if !ok || h >= theta {
			continue
		}
		c.Hashes = append(c.Hashes, h)
		s := 0.0
		if a.Kind != KindTheta {
			s = a.Sums[i]
			if b.Kind != KindTheta {
				s = Combine(a.Kind, mode, s, b.Sums[j])
			}
		}
		c.Sums = append(c.Sums, s)
	}
	c.Empty = (a.Empty || b.Empty) || (len(c.Hashes) == 0 && theta == MaxTheta)
	return c
}

// AnotB is a minus b: a's hashes below the smaller theta that b lacks.
func AnotB(a, b *Compact) *Compact {
	if a.Empty {
		return &Compact{Kind: a.Kind, Empty: true, Theta: MaxTheta}
	}
	theta := min(a.Theta, b.Theta)
	in := map[int64]bool{}
	for _, h := range b.Hashes {
		in[h] = true
	}
	c := &Compact{Kind: a.Kind, Theta: theta}
	for i, h := range a.Hashes {
		if h < theta && !in[h] {
			c.Hashes = append(c.Hashes, h)
			if i < len(a.Sums) {
				c.Sums = append(c.Sums, a.Sums[i])
			} else {
				c.Sums = append(c.Sums, 0)
			}
		}
	}
	return c
}

// Serialized layout (Ember's own): magic "ETS", kind, flags (1 = empty),
// 3 pad bytes, theta, count, then count hashes and, for tuple sketches,
// count summaries (float64).
var thetaMagic = []byte("ETS")

// ErrBadSketch reports bytes that are not a sketch of the expected kind.
var ErrBadSketch = errors.New("invalid sketch")

// Bytes serializes a compact sketch.
func (c *Compact) Bytes() []byte {
	n := len(c.Hashes)
	per := 8
	if c.Kind != KindTheta {
		per = 16
	}
	b := make([]byte, 24+n*per)
	copy(b, thetaMagic)
	b[3] = c.Kind
	if c.Empty {
		b[4] = 1
	}
	binary.LittleEndian.PutUint64(b[8:], uint64(c.Theta))
	binary.LittleEndian.PutUint64(b[16:], uint64(n))
	off := 24
	for i, h := range c.Hashes {
		binary.LittleEndian.PutUint64(b[off:], uint64(h))
		off += 8
		if c.Kind != KindTheta {
			binary.LittleEndian.PutUint64(b[off:], math.Float64bits(c.Sums[i]))
			off += 8
		}
	}
	return b
}

// ParseCompact reads a serialized sketch; kind must match (a theta sketch
// is also accepted where wantTheta is set).
func ParseCompact(b []byte) (*Compact, error) {
	if len(b) < 24 || string(b[:3]) != string(thetaMagic) || b[3] > KindInteger {
		return nil, ErrBadSketch
	}
	c := &Compact{Kind: b[3], Empty: b[4] == 1}
	c.Theta = int64(binary.LittleEndian.Uint64(b[8:]))
	n := binary.LittleEndian.Uint64(b[16:])
	per := uint64(8)
	if c.Kind != KindTheta {
		per = 16
	}
	if c.Theta <= 0 || n > uint64(len(b)) || uint64(len(b)) != 24+n*per {
		return nil, ErrBadSketch
	}
	off := 24
	c.Hashes = make([]int64, n)
	c.Sums = make([]float64, n)
	for i := range c.Hashes {
		c.Hashes[i] = int64(binary.LittleEndian.Uint64(b[off:]))
		off += 8
		if c.Kind != KindTheta {
			c.Sums[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[off:]))
			off += 8
		}
	}
	return c, nil
}
