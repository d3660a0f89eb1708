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
