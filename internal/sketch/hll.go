package sketch

import (
	"encoding/binary"
	"math"
	"math/bits"
)

// HLL is a DataSketches-style HyperLogLog sketch (HLL_8 registers). Small
// cardinalities are kept as exact coupons (26-bit address + 6-bit value);
// past the coupon threshold it switches to 2^lgK registers and estimates
// with the HIP accumulator while every update arrived in order. A union
// that merges register arrays marks the result out of order; such sketches
// estimate from the registers (raw HLL with linear counting at the low
// end), which is close to but not bit-identical with DataSketches'
// composite estimator.
type HLL struct {
	LgK        int
	coupons    map[uint32]struct{}
	order      []uint32
	table      []uint32
	lgArr      int
	regs       []uint8
	hip        float64
	kxq        float64
	OutOfOrder bool
}

// Coupon is the 32-bit coupon of a value's bytes.
func Coupon(b []byte) uint32 {
	h1, h2 := Murmur3(b, Seed)
	addr := uint32(h1 & (1<<26 - 1))
	v := bits.LeadingZeros64(h2)
	if v > 62 {
		v = 62
	}
	return uint32(v+1)<<26 | addr
}

// NewHLL makes an empty sketch.
func NewHLL(lgK int) *HLL {
	return &HLL{LgK: lgK, coupons: map[uint32]struct{}{}}
}

// IsHLL reports register mode.
func (s *HLL) IsHLL() bool { return s.regs != nil }

// Update adds one coupon. Coupon mode keeps a list of up to 8 coupons,
// then (lgK >= 8) an open addressing set that doubles from 32 slots up to
// 2^(lgK-3); a new coupon arriving when the largest set is over 3/4 full
// (or the list is full for lgK < 8) switches to registers, replaying the
// coupons in table order.
func (s *HLL) Update(c uint32) {
	if c == 0 {
		return
	}
	if s.regs != nil {
		s.setReg(c, true)
		return
	}
	if _, ok := s.coupons[c]; ok {
		return
	}
	n := len(s.coupons)
	switch {
	case s.table == nil && n < 8:
		s.order = append(s.order, c)
	case s.table == nil && s.LgK < 8:
		s.promote()
		s.setReg(c, true)
		return
	default:
		if s.table == nil {
			s.lgArr = 5
			s.table = make([]uint32, 1<<5)
			for _, x := range s.order {
				s.tableInsert(x)
			}
		}
		if 4*n > 3*len(s.table) {
			if s.lgArr >= s.LgK-3 {
				s.promote()
				s.setReg(c, true)
				return
			}
			old := s.table
			s.lgArr++
			s.table = make([]uint32, 1<<s.lgArr)
			for _, x := range old {
				if x != 0 {
					s.tableInsert(x)
				}
			}
		}
		s.tableInsert(c)
	}
	s.coupons[c] = struct{}{}
}

func (s *HLL) tableInsert(c uint32) {
	mask := uint32(len(s.table) - 1)
	p := c & mask
	for s.table[p] != 0 {
		stride := ((c & (1<<26 - 1)) >> s.lgArr) | 1
		p = (p + stride) & mask
	}
	s.table[p] = c
}

// couponsInOrder lists the coupons in storage order.
func (s *HLL) couponsInOrder() []uint32 {
	if s.table == nil {
		return s.order
	}
	var out []uint32
	for _, c := range s.table {
		if c != 0 {
			out = append(out, c)
		}
	}
	return out
}

func (s *HLL) promote() {
	k := 1 << s.LgK
	s.regs = make([]uint8, k)
	s.kxq = float64(k)
	// HIP starts from the coupon count the registers now summarize.
	cs := s.couponsInOrder()
	for _, c := range cs {
		s.setReg(c, false)
	}
	s.hip = float64(len(cs))
	s.coupons, s.order, s.table = nil, nil, nil
}

func (s *HLL) setReg(c uint32, hip bool) {
	k := 1 << s.LgK
	slot := int(c&(1<<26-1)) & (k - 1)
	v := uint8(c >> 26)
	old := s.regs[slot]
	if v <= old {
		return
	}
	if hip {
		s.hip += float64(k) / s.kxq
	}
	s.kxq -= math.Ldexp(1, -int(old))
	s.kxq += math.Ldexp(1, -int(v))
	s.regs[slot] = v
}

// Estimate is the distinct-count estimate.
func (s *HLL) Estimate() float64 {
	if s.regs == nil {
		return float64(len(s.coupons))
	}
	if !s.OutOfOrder {
		return s.hip
	}
	return ertl(s.regs)
}

// ertl is Ertl's improved raw estimator (nearly unbiased over the whole
// range without empirical correction tables).
func ertl(regs []uint8) float64 {
	const q = 63
	var hist [q + 2]int
	for _, r := range regs {
		hist[min(int(r), q+1)]++
	}
	m := float64(len(regs))
	z := m * tau(1-float64(hist[q+1])/m)
	for k := q; k >= 1; k-- {
		z += float64(hist[k])
		z *= 0.5
	}
	z += m * sigma(float64(hist[0])/m)
	return m / (2 * math.Ln2) * m / z
}

func sigma(x float64) float64 {
	if x == 1 {
		return math.Inf(1)
	}
	y, z := 1.0, x
	for {
		x *= x
		prev := z
		z += x * y
		y += y
		if z == prev {
			return z
		}
	}
}

func tau(x float64) float64 {
	if x == 0 || x == 1 {
		return 0
	}
	y, z := 1.0, 1-x
	for {
		x = math.Sqrt(x)
		prev := z
		y *= 0.5
		z -= (1 - x) * (1 - x) * y
		if z == prev {
			return z / 3
		}
	}
}

// Merge folds src into s (a union): coupons replay in order; register
// arrays merge by maximum, which puts the result out of order.
func (s *HLL) Merge(src *HLL) {
	if src.regs == nil {
		for _, c := range src.couponsInOrder() {
			if s.regs != nil {
				s.setReg(c, !s.OutOfOrder)
			} else {
				s.Update(c)
			}
		}
		return
	}
	empty := s.regs == nil && len(s.coupons) == 0
	if empty && src.LgK == s.LgK {
		*s = *src.clone()
		return
	}
	if s.regs == nil {
		pending := s.couponsInOrder()
		s.coupons, s.order, s.table = nil, nil, nil
		s.regs = make([]uint8, 1<<s.LgK)
		s.kxq = float64(int(1) << s.LgK)
		for _, c := range pending {
			s.setReg(c, false)
		}
	}
	// Registers of a larger source fold down to this size.
	k := 1 << s.LgK
	for i, v := range src.regs {
		slot := i & (k - 1)
		if v > s.regs[slot] {
			s.kxq -= math.Ldexp(1, -int(s.regs[slot]))
			s.kxq += math.Ldexp(1, -int(v))
			s.regs[slot] = v
		}
	}
	s.OutOfOrder = true
}

func (s *HLL) clone() *HLL {
	c := *s
	c.regs = append([]uint8(nil), s.regs...)
	c.order = append([]uint32(nil), s.order...)
	c.table = append([]uint32(nil), s.table...)
	c.coupons = map[uint32]struct{}{}
	for k := range s.coupons {
		c.coupons[k] = struct{}{}
	}
	return &c
}

// Bytes serializes: "EHL", lgK, mode (0 coupons, 1 registers), out-of-order
// flag, 2 pad, HIP accumulator, then coupon count + coupons or registers.
func (s *HLL) Bytes() []byte {
	var b []byte
	hdr := make([]byte, 16)
	copy(hdr, "EHL")
	hdr[3] = byte(s.LgK)
	if s.OutOfOrder {
		hdr[5] = 1
	}
	binary.LittleEndian.PutUint64(hdr[8:], math.Float64bits(s.hip))
	if s.regs != nil {
		hdr[4] = 1
		b = append(hdr, s.regs...)
		return b
	}
	cs := s.couponsInOrder()
	b = binary.LittleEndian.AppendUint32(hdr, uint32(len(cs)))
	for _, c := range cs {
		b = binary.LittleEndian.AppendUint32(b, c)
	}
	return b
}

// ParseHLL reads a serialized sketch.
func ParseHLL(b []byte) (*HLL, error) {
	if len(b) < 16 || string(b[:3]) != "EHL" || b[3] < 4 || b[3] > 21 {
		return nil, ErrBadSketch
	}
	s := NewHLL(int(b[3]))
	s.OutOfOrder = b[5] == 1
	if b[4] == 1 {
		k := 1 << s.LgK
		if len(b) != 16+k {
			return nil, ErrBadSketch
		}
		s.coupons = nil
		s.regs = append([]uint8(nil), b[16:]...)
		s.hip = math.Float64frombits(binary.LittleEndian.Uint64(b[8:]))
		s.kxq = 0
		for _, r := range s.regs {
			s.kxq += math.Ldexp(1, -int(r))
		}
		return s, nil
	}
	if len(b) < 20 {
		return nil, ErrBadSketch
	}
	n := int(binary.LittleEndian.Uint32(b[16:]))
	if len(b) != 20+4*n {
		return nil, ErrBadSketch
	}
	for i := 0; i < n; i++ {
		s.Update(binary.LittleEndian.Uint32(b[20+4*i:]))
	}
	return s, nil
}
