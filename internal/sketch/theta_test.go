package sketch

import "testing"

func TestMurmurKnown(t *testing.T) {
	// Empty input with seed 0 hashes to zero.
	if h1, h2 := Murmur3(nil, 0); h1 != 0 || h2 != 0 {
		t.Fatalf("got %x %x", h1, h2)
	}
}

func TestThetaExactAndEstimate(t *testing.T) {
	u := NewUpdate(12, KindTheta, 0)
	for i := 0; i < 3; i++ {
		u.Insert(ThetaHash(LongBytes(int64(i))), 0)
		u.Insert(ThetaHash(LongBytes(int64(i))), 0)
	}
	if e := u.Compact().Estimate(); e != 3 {
		t.Fatalf("estimate %v", e)
	}
	u = NewUpdate(12, KindTheta, 0)
	for i := 0; i < 100000; i++ {
		u.Insert(ThetaHash(LongBytes(int64(i))), 0)
	}
	c := u.Compact()
	if len(c.Hashes) != 4096 || c.Estimate() < 95000 || c.Estimate() > 105000 {
		t.Fatalf("retained %d estimate %v", len(c.Hashes), c.Estimate())
	}
	back, err := ParseCompact(c.Bytes())
	if err != nil || back.Estimate() != c.Estimate() {
		t.Fatalf("round trip %v %v", err, back)
	}
}

// Estimates Spark 4.2 gives for theta_sketch_agg / hll_sketch_agg over
// range(n) in one partition.
func TestMatchesSparkEstimates(t *testing.T) {
	for _, c := range []struct {
		n           int
		theta, hllE int64
	}{{5000, 4984, 4944}, {10000, 9898, 9967}, {100000, 98046, 101148}} {
		u := NewUpdate(12, KindTheta, 0)
		h := NewHLL(12)
		for i := 0; i < c.n; i++ {
			b := LongBytes(int64(i))
			u.Insert(ThetaHash(b), 0)
			h.Update(Coupon(b))
		}
		if got := int64(u.Compact().Estimate() + 0.5); got != c.theta {
			t.Errorf("theta n=%d: %d want %d", c.n, got, c.theta)
		}
		back, err := ParseHLL(h.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if got := int64(back.Estimate() + 0.5); got != c.hllE {
			t.Errorf("hll n=%d: %d want %d", c.n, got, c.hllE)
		}
	}
}

func TestUnionIntersectDifference(t *testing.T) {
	mk := func(xs ...int64) *Compact {
		u := NewUpdate(12, KindTheta, 0)
		for _, x := range xs {
			u.Insert(ThetaHash(LongBytes(x)), 0)
		}
		return u.Compact()
	}
	a, b := mk(1, 2, 3), mk(2, 3, 4)
	un := NewUnion(12, KindTheta, 0)
	un.Add(a)
	un.Add(b)
	if e := un.Result().Estimate(); e != 4 {
		t.Errorf("union %v", e)
	}
	if e := Intersect(a, b, 0).Estimate(); e != 2 {
		t.Errorf("intersection %v", e)
	}
	if e := AnotB(a, b).Estimate(); e != 1 {
		t.Errorf("difference %v", e)
	}
}

func TestKLL(t *testing.T) {
	s := NewKLL(200)
	for i := 1; i <= 5; i++ {
		s.Update(float64(i))
	}
	if q := s.Quantile(0.5); q != 3 {
		t.Errorf("quantile %v", q)
	}
	if r := s.Rank(3); r != 0.6 {
		t.Errorf("rank %v", r)
	}
	big := NewKLL(200)
	for i := 0; i < 100000; i++ {
		big.Update(float64(i))
	}
	back, err := ParseKLL(big.Bytes(0), 0)
	if err != nil || back.N != 100000 {
		t.Fatalf("round trip %v", err)
	}
	if q := back.Quantile(0.5); q < 48000 || q > 52000 {
		t.Errorf("median %v", q)
	}
	if back.retained() > 1000 {
		t.Errorf("retained %d", back.retained())
	}
}
