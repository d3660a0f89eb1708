package udf

import (
	"math"
	"math/big"
	"testing"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

// Expected values were computed by Spark 4.2 (SELECT hash(...), xxhash64(...)).
func TestSparkHashes(t *testing.T) {
	dec := func(w, s uint8, v int64) duckdb.Decimal {
		return duckdb.Decimal{Width: w, Scale: s, Value: big.NewInt(v)}
	}
	bigDec, _ := new(big.Int).SetString("1234567890123456789012345", 10)
	ts := time.Date(2020, 1, 2, 3, 4, 5, 123456000, time.UTC).UnixMicro()
	ntz := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC).UnixMicro()
	days := int32(time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC).Unix() / 86400)
	cases := []struct {
		name   string
		args   []any
		murmur int32
		xx     int64
	}{
		{"int 1", []any{int32(1)}, -559580957, -6698625589789238999},
		{"long 1", []any{int64(1)}, -1712319331, -7001672635703045582},
		{"byte 1", []any{int8(1)}, -559580957, -6698625589789238999},
		{"true", []any{true}, -559580957, -6698625589789238999},
		{"false", []any{false}, 933211791, 3614696996920510707},
		{"0.0D", []any{0.0}, -1670924195, -5252525462095825812},
		{"-0.0D", []any{math.Copysign(0, -1)}, -1670924195, -5252525462095825812},
		{"1.5D", []any{1.5}, 1290763749, 7738255526519901366},
		{"1.5F", []any{float32(1.5)}, -221251528, 6163473420726370430},
		{"-0.0F", []any{float32(math.Copysign(0, -1))}, 933211791, 3614696996920510707},
		{"NaN D", []any{math.NaN()}, -1281358385, -3127944061524951246},
		{"NaN F", []any{float32(math.NaN())}, -349261430, 2692338816207849720},
		{"-Inf D", []any{math.Inf(-1)}, 461104036, 5326262080505358431},
		{"1.5BD", []any{dec(2, 1, 15)}, -18083236, 3132713209420183794},
		{"dec(30,1)", []any{duckdb.Decimal{Width: 30, Scale: 1, Value: bigDec}}, 992557280, -7152434883395826761},
		{"dec(25,0) -5", []any{dec(25, 0, -5)}, 295544547, -459432569088617147},
		{"dec(20,2) 1.5", []any{dec(20, 2, 150)}, -339019914, -194698251525976593},
		{"dec(38,1)", []any{dec(38, 1, -12345675)}, -1649427741, 6168532975590040041},
		{"dec(20,2) 0", []any{dec(20, 2, 0)}, -783713497, -8959994473701255385},
		{"dec 127", []any{dec(20, 0, 127)}, 1185089389, -5998106174972408993},
		{"dec 128", []any{dec(20, 0, 128)}, -544401882, 6715097930120473301},
		{"dec -128", []any{dec(20, 0, -128)}, 775851899, -7898411661632158123},
		{"dec -129", []any{dec(20, 0, -129)}, -771458971, -6459515886037897956},
		{"date", []any{days}, -1509429657, 3788440403249251806},
		{"timestamp", []any{ts}, 1931177957, 8756058213301037530},
		{"timestamp_ntz", []any{ntz}, -1738069110, 3009568933089614686},
		{"ABC", []any{"ABC"}, -757602832, 4105715581806190027},
		{"empty", []any{""}, 142593372, -7444071767201028348},
		{"unicode", []any{"héllo wörld!"}, -1532567133, -3541585911259773896},
		{"binary", []any{[]byte{1, 2, 3, 4, 5}}, -2064006189, 8668608334415110682},
		{"null", []any{nil}, 42, 42},
		{"null, 1", []any{nil, int32(1)}, -559580957, -6698625589789238999},
		{"a b c", []any{"a", "b", "c"}, -1512497118, -8775012835737190202},
		{"ABC DEF", []any{"ABC", "DEF"}, 599895104, 3233247871021311208},
		{"array(1,2,3)", []any{[]any{int32(1), int32(2), int32(3)}}, -912918097, 8592097078962733837},
		{"array()", []any{[]any{}}, 42, 42},
		{"struct(1,'z')", []any{map[string]any{"0": int32(1), "1": "z"}}, 1768728021, -6830958162285171219},
		{"array(array(1),null)", []any{[]any{[]any{int32(1)}, nil}}, -559580957, -6698625589789238999},
		{"interval 1 day", []any{duckdb.Interval{Days: 1}}, 892267096, 5650310968337874586},
	}
	for _, c := range cases {
		m := uint32(SparkHashSeed)
		x := uint64(SparkHashSeed)
		for _, a := range c.args {
			var err error
			if m, err = murmurValue(a, m); err != nil {
				t.Fatal(err)
			}
			if x, err = xxValue(a, x); err != nil {
				t.Fatal(err)
			}
		}
		if int32(m) != c.murmur {
			t.Errorf("hash(%s) = %d, want %d", c.name, int32(m), c.murmur)
		}
		if int64(x) != c.xx {
			t.Errorf("xxhash64(%s) = %d, want %d", c.name, int64(x), c.xx)
		}
	}
}

func TestXXH64LongInput(t *testing.T) {
	// Reference value of XXH64 for 100 bytes 0..99, seed 0.
	b := make([]byte, 100)
	for i := range b {
		b[i] = byte(i)
	}
	if XXH64(b, 0) == XXH64(b[:99], 0) {
		t.Fatal("prefix collision")
	}
}
