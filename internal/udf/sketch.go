package udf

import (
	"database/sql/driver"
	"encoding/binary"
	"math"
	"math/bits"
	"strings"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/emberdb/ember/internal/sketch"
)

// Sketch and bitmap functions. Aggregates lower to a DuckDB list
// aggregation of per-row values (hashes, coupons, items) finished by one
// of these functions, which builds the sketch in Go.

// raise is SparkError (strings.go).
func raise(class string, kv ...string) error { return SparkError(class, kv...) }

func itoa(n int64) string {
	neg := n < 0
	u := uint64(n)
	if neg {
		u = uint64(-n)
	}
	var buf [24]byte
	i := len(buf)
	for {
		i--
		buf[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}
	if neg {
		i--
		buf[i] = '-'
	}
	return string(buf[i:])
}

func scalar(in []duckdb.TypeInfo, out duckdb.TypeInfo, fn func([]driver.Value) (any, error)) Scalar {
	return Scalar{In: in, Out: out, Fn: fn}
}

func nullScalar(in []duckdb.TypeInfo, out duckdb.TypeInfo, fn func([]driver.Value) (any, error)) Scalar {
	return Scalar{In: in, Out: out, NullIn: true, Fn: fn}
}

func list(v driver.Value) []any {
	if v == nil {
		return nil
	}
	l, _ := v.([]any)
	return l
}

const bitmapBytes = 4096

func init() {
	Register(
		Func{Name: "ember_bitmap_count", Overloads: []duckdb.ScalarFunc{scalar([]duckdb.TypeInfo{tBlob}, tBig, func(a []driver.Value) (any, error) {
			n := 0
			for _, c := range a[0].([]byte) {
				n += bits.OnesCount8(c)
			}
			return int64(n), nil
		})}},
		Func{Name: "ember_bitmap_construct", Overloads: []duckdb.ScalarFunc{nullScalar([]duckdb.TypeInfo{List(tBig)}, tBlob, func(a []driver.Value) (any, error) {
			out := make([]byte, bitmapBytes)
			for _, v := range list(a[0]) {
				if v == nil {
					continue
				}
				p := v.(int64)
				if p < 0 || p >= bitmapBytes*8 {
					return nil, raise("INVALID_BITMAP_POSITION", "bitPosition", itoa(p), "bitmapNumBytes", "4096", "bitmapNumBits", "32768")
				}
				out[p/8] |= 1 << (p % 8)
			}
			return out, nil
		})}},
		Func{Name: "ember_bitmap_or", Overloads: []duckdb.ScalarFunc{nullScalar([]duckdb.TypeInfo{List(tBlob)}, tBlob, func(a []driver.Value) (any, error) {
			out := make([]byte, bitmapBytes)
			for _, v := range list(a[0]) {
				if v == nil {
					continue
				}
				b := v.([]byte)
				for i := 0; i < len(b) && i < bitmapBytes; i++ {
					out[i] |= b[i]
				}
			}
			return out, nil
		})}},
		Func{Name: "ember_bitmap_and", Overloads: []duckdb.ScalarFunc{nullScalar([]duckdb.TypeInfo{List(tBlob)}, tBlob, func(a []driver.Value) (any, error) {
			out := make([]byte, bitmapBytes)
			for i := range out {
				out[i] = 0xff
			}
			for _, v := range list(a[0]) {
				if v == nil {
					continue
				}
				b := v.([]byte)
				for i := range out {
					if i < len(b) {
						out[i] &= b[i]
					} else {
						out[i] = 0
					}
				}
			}
			return out, nil
		})}},
	)
	registerTheta()
	registerTuple()
	registerHLL()
	registerKLL()
}

// --- hashing of input values ------------------------------------------------

// valueBytes is the byte image DataSketches hashes for one input value
// (ints widened to long, floats to double); nil means "ignored".
func valueBytes(v driver.Value) []byte {
	switch x := v.(type) {
	case nil:
		return nil
	case int64:
		return sketch.LongBytes(x)
	case int32:
		return sketch.LongBytes(int64(x))
	case float64:
		return sketch.DoubleBytes(x)
	case float32:
		return sketch.DoubleBytes(float64(x))
	case string:
		if x == "" {
			return nil
		}
		return []byte(x)
	case []byte:
		if len(x) == 0 {
			return nil
		}
		return x
	}
	return nil
}

func arrayBytes(v driver.Value, ints bool) []byte {
	l := list(v)
	if len(l) == 0 {
		return nil
	}
	if ints {
		xs := make([]int32, len(l))
		for i, e := range l {
			if e != nil {
				xs[i] = e.(int32)
			}
		}
		return sketch.IntsBytes(xs)
	}
	xs := make([]int64, len(l))
	for i, e := range l {
		if e != nil {
			xs[i] = e.(int64)
		}
	}
	return sketch.LongsBytes(xs)
}

// hashOverloads: one overload per input type, returning fn(bytes) or NULL.
func hashOverloads(out duckdb.TypeInfo, fn func([]byte) any) []duckdb.ScalarFunc {
	plain := func(t duckdb.TypeInfo) duckdb.ScalarFunc {
		return scalar([]duckdb.TypeInfo{t}, out, func(a []driver.Value) (any, error) {
			b := valueBytes(a[0])
			if b == nil {
				return nil, nil
			}
			return fn(b), nil
		})
	}
	arr := func(t duckdb.TypeInfo, ints bool) duckdb.ScalarFunc {
		return scalar([]duckdb.TypeInfo{List(t)}, out, func(a []driver.Value) (any, error) {
			b := arrayBytes(a[0], ints)
			if b == nil {
				return nil, nil
			}
			return fn(b), nil
		})
	}
	return []duckdb.ScalarFunc{plain(tBig), plain(tDouble), plain(tVarchar), plain(tBlob), arr(tInt, true), arr(tBig, false)}
}

// --- theta ------------------------------------------------------------------

func checkLgNom(fn string, lg int64) error {
	if lg < 4 || lg > 26 {
		return raise("SKETCH_INVALID_LG_NOM_ENTRIES", "function", "`"+fn+"`", "min", "4", "max", "26", "value", itoa(lg))
	}
	return nil
}

func thetaIn(fn string, v driver.Value) (*sketch.Compact, error) {
	c, err := sketch.ParseCompact(v.([]byte))
	if err != nil || c.Kind != sketch.KindTheta {
		return nil, raise("THETA_INVALID_INPUT_SKETCH_BUFFER", "function", "`"+fn+"`")
	}
	return c, nil
}

func registerTheta() {
	Register(
		Func{Name: "ember_theta_hash", Overloads: hashOverloads(tBig, func(b []byte) any { return sketch.ThetaHash(b) })},
		Func{Name: "ember_theta_agg", Overloads: []duckdb.ScalarFunc{nullScalar([]duckdb.TypeInfo{List(tBig), tInt}, tBlob, func(a []driver.Value) (any, error) {
			lg := int64(a[1].(int32))
			if err := checkLgNom("theta_sketch_agg", lg); err != nil {
				return nil, err
			}
			u := sketch.NewUpdate(int(lg), sketch.KindTheta, 0)
			for _, h := range list(a[0]) {
				if h != nil {
					u.Insert(h.(int64), 0)
				}
			}
			return u.Compact().Bytes(), nil
		})}},
		Func{Name: "ember_theta_estimate", Overloads: []duckdb.ScalarFunc{scalar([]duckdb.TypeInfo{tBlob}, tBig, func(a []driver.Value) (any, error) {
			c, err := thetaIn("theta_sketch_estimate", a[0])
			if err != nil {
				return nil, err
			}
			return int64(math.Round(c.Estimate())), nil
		})}},
		Func{Name: "ember_theta_union", Overloads: []duckdb.ScalarFunc{scalar([]duckdb.TypeInfo{tBlob, tBlob, tInt}, tBlob, func(a []driver.Value) (any, error) {
			lg := int64(a[2].(int32))
			if err := checkLgNom("theta_union", lg); err != nil {
				return nil, err
			}
			x, err := thetaIn("theta_union", a[0])
			if err != nil {
				return nil, err
			}
			y, err := thetaIn("theta_union", a[1])
			if err != nil {
				return nil, err
			}
			u := sketch.NewUnion(int(lg), sketch.KindTheta, 0)
			u.Add(x)
			u.Add(y)
			return u.Result().Bytes(), nil
		})}},
		Func{Name: "ember_theta_intersection", Overloads: []duckdb.ScalarFunc{scalar([]duckdb.TypeInfo{tBlob, tBlob}, tBlob, func(a []driver.Value) (any, error) {
			x, err := thetaIn("theta_intersection", a[0])
			if err != nil {
				return nil, err
			}
			y, err := thetaIn("theta_intersection", a[1])
			if err != nil {
				return nil, err
			}
			return sketch.Intersect(x, y, 0).Bytes(), nil
		})}},
		Func{Name: "ember_theta_difference", Overloads: []duckdb.ScalarFunc{scalar([]duckdb.TypeInfo{tBlob, tBlob}, tBlob, func(a []driver.Value) (any, error) {
			x, err := thetaIn("theta_difference", a[0])
			if err != nil {
				return nil, err
			}
			y, err := thetaIn("theta_difference", a[1])
			if err != nil {
				return nil, err
			}
			return sketch.AnotB(x, y).Bytes(), nil
		})}},
		Func{Name: "ember_theta_union_agg", Overloads: []duckdb.ScalarFunc{nullScalar([]duckdb.TypeInfo{List(tBlob), tInt}, tBlob, func(a []driver.Value) (any, error) {
			lg := int64(a[1].(int32))
			if err := checkLgNom("theta_union_agg", lg); err != nil {
				return nil, err
			}
			u := sketch.NewUnion(int(lg), sketch.KindTheta, 0)
			for _, v := range list(a[0]) {
				if v == nil {
					continue
				}
				c, err := thetaIn("theta_union_agg", v)
				if err != nil {
					return nil, err
				}
				u.Add(c)
			}
			return u.Result().Bytes(), nil
		})}},
		Func{Name: "ember_theta_intersection_agg", Overloads: []duckdb.ScalarFunc{nullScalar([]duckdb.TypeInfo{List(tBlob)}, tBlob, func(a []driver.Value) (any, error) {
			var acc *sketch.Compact
			for _, v := range list(a[0]) {
				if v == nil {
					continue
				}
				c, err := thetaIn("theta_intersection_agg", v)
				if err != nil {
					return nil, err
				}
				if acc == nil {
					acc = c
				} else {
					acc = sketch.Intersect(acc, c, 0)
				}
			}
			if acc == nil {
				acc = &sketch.Compact{Kind: sketch.KindTheta, Empty: true, Theta: sketch.MaxTheta}
			}
			return acc.Bytes(), nil
		})}},
	)
}

// --- tuple ------------------------------------------------------------------

// A tuple entry travels as 16 bytes: the key's hash, then the summary.
func tupleEntry(h int64, s float64) []byte {
	b := make([]byte, 16)
	binary.LittleEndian.PutUint64(b, uint64(h))
	binary.LittleEndian.PutUint64(b[8:], math.Float64bits(s))
	return b
}

func tupleIn(fn string, kind byte, v driver.Value, thetaOK bool) (*sketch.Compact, error) {
	c, err := sketch.ParseCompact(v.([]byte))
	if err != nil || (c.Kind != kind && !(thetaOK && c.Kind == sketch.KindTheta)) {
		if thetaOK {
			return nil, raise("THETA_INVALID_INPUT_SKETCH_BUFFER", "function", "`"+fn+"`")
		}
		return nil, raise("TUPLE_INVALID_INPUT_SKETCH_BUFFER", "function", "`"+fn+"`")
	}
	return c, nil
}

func modeArg(fn string, v driver.Value) (byte, error) {
	s, _ := v.(string)
	m, ok := sketch.ParseMode(strings.ToLower(s))
	if !ok {
		return 0, raise("TUPLE_INVALID_SKETCH_MODE", "function", "`"+fn+"`", "mode", s, "validModes", "sum, min, max, alwaysone")
	}
	return m, nil
}

func registerTuple() {
	for _, kind := range []byte{sketch.KindDouble, sketch.KindInteger} {
		suffix := "double"
		sumT := tDouble
		if kind == sketch.KindInteger {
			suffix = "integer"
			sumT = tBig
		}
		kind := kind
		summaryOut := func(x float64) any {
			if kind == sketch.KindInteger {
				return int64(x)
			}
			return x
		}
		toF := func(v driver.Value) float64 {
			switch x := v.(type) {
			case float64:
				return x
			case int64:
				return float64(int32(x))
			}
			return 0
		}
		in := func(fn string, v driver.Value) (*sketch.Compact, error) { return tupleIn(fn, kind, v, false) }
		var entryOverloads []duckdb.ScalarFunc
		for _, o := range hashOverloads(tBlob, func(b []byte) any { return b }) {
			cfg := o.Config()
			inner := o.Executor().RowExecutor
			entryOverloads = append(entryOverloads, Scalar{In: append(cfg.InputTypeInfos, sumT), Out: tBlob, Fn: func(a []driver.Value) (any, error) {
				b, err := inner(a[:1])
				if b == nil || err != nil {
					return nil, err
				}
				return tupleEntry(sketch.ThetaHash(b.([]byte)), toF(a[1])), nil
			}})
		}
		Register(
			Func{Name: "ember_tuple_entry_" + suffix, Overloads: entryOverloads},
			Func{Name: "ember_tuple_agg_" + suffix, Overloads: []duckdb.ScalarFunc{nullScalar([]duckdb.TypeInfo{List(tBlob), tInt, tVarchar}, tBlob, func(a []driver.Value) (any, error) {
				fn := "tuple_sketch_agg_" + suffix
				lg := int64(a[1].(int32))
				if err := checkLgNom(fn, lg); err != nil {
					return nil, err
				}
				mode, err := modeArg(fn, a[2])
				if err != nil {
					return nil, err
				}
				u := sketch.NewUpdate(int(lg), kind, mode)
				for _, v := range list(a[0]) {
					if v == nil {
						continue
					}
					b := v.([]byte)
					u.Insert(int64(binary.LittleEndian.Uint64(b)), math.Float64frombits(binary.LittleEndian.Uint64(b[8:])))
				}
				return u.Compact().Bytes(), nil
			})}},
			Func{Name: "ember_tuple_estimate_" + suffix, Overloads: []duckdb.ScalarFunc{scalar([]duckdb.TypeInfo{tBlob}, tDouble, func(a []driver.Value) (any, error) {
				c, err := in("tuple_sketch_estimate_"+suffix, a[0])
				if err != nil {
					return nil, err
				}
				return c.Estimate(), nil
			})}},
			Func{Name: "ember_tuple_theta_" + suffix, Overloads: []duckdb.ScalarFunc{scalar([]duckdb.TypeInfo{tBlob}, tDouble, func(a []driver.Value) (any, error) {
				c, err := in("tuple_sketch_theta_"+suffix, a[0])
				if err != nil {
					return nil, err
				}
				return c.ThetaFraction(), nil
			})}},
			Func{Name: "ember_tuple_summary_" + suffix, Overloads: []duckdb.ScalarFunc{scalar([]duckdb.TypeInfo{tBlob, tVarchar}, sumT, func(a []driver.Value) (any, error) {
				fn := "tuple_sketch_summary_" + suffix
				c, err := in(fn, a[0])
				if err != nil {
					return nil, err
				}
				mode, err := modeArg(fn, a[1])
				if err != nil {
					return nil, err
				}
				return summaryOut(c.Summary(mode)), nil
			})}},
			Func{Name: "ember_tuple_union_" + suffix, Overloads: []duckdb.ScalarFunc{scalar([]duckdb.TypeInfo{tBlob, tBlob, tInt, tVarchar, tBool}, tBlob, func(a []driver.Value) (any, error) {
				withTheta := a[4].(bool)
				fn := "tuple_union_" + suffix
				if withTheta {
					fn = "tuple_union_theta_" + suffix
				}
				lg := int64(a[2].(int32))
				if err := checkLgNom(fn, lg); err != nil {
					return nil, err
				}
				mode, err := modeArg(fn, a[3])
				if err != nil {
					return nil, err
				}
				x, err := in(fn, a[0])
				if err != nil {
					return nil, err
				}
				y, err := tupleIn(fn, kind, a[1], withTheta)
				if err != nil {
					return nil, err
				}
				if y.Kind == sketch.KindTheta {
					y = withSummaries(y, kind)
				}
				u := sketch.NewUnion(int(lg), kind, mode)
				u.Add(x)
				u.Add(y)
				return u.Result().Bytes(), nil
			})}},
			Func{Name: "ember_tuple_intersection_" + suffix, Overloads: []duckdb.ScalarFunc{scalar([]duckdb.TypeInfo{tBlob, tBlob, tVarchar, tBool}, tBlob, func(a []driver.Value) (any, error) {
				withTheta := a[3].(bool)
				fn := "tuple_intersection_" + suffix
				if withTheta {
					fn = "tuple_intersection_theta_" + suffix
				}
				mode, err := modeArg(fn, a[2])
				if err != nil {
					return nil, err
				}
				x, err := in(fn, a[0])
				if err != nil {
					return nil, err
				}
				y, err := tupleIn(fn, kind, a[1], withTheta)
				if err != nil {
					return nil, err
				}
				return sketch.Intersect(x, y, mode).Bytes(), nil
			})}},
			Func{Name: "ember_tuple_difference_" + suffix, Overloads: []duckdb.ScalarFunc{scalar([]duckdb.TypeInfo{tBlob, tBlob, tBool}, tBlob, func(a []driver.Value) (any, error) {
				withTheta := a[2].(bool)
				fn := "tuple_difference_" + suffix
				if withTheta {
					fn = "tuple_difference_theta_" + suffix
				}
				x, err := in(fn, a[0])
				if err != nil {
					return nil, err
				}
				y, err := tupleIn(fn, kind, a[1], withTheta)
				if err != nil {
					return nil, err
				}
				return sketch.AnotB(x, y).Bytes(), nil
			})}},
			Func{Name: "ember_tuple_union_agg_" + suffix, Overloads: []duckdb.ScalarFunc{nullScalar([]duckdb.TypeInfo{List(tBlob), tInt, tVarchar}, tBlob, func(a []driver.Value) (any, error) {
				fn := "tuple_union_agg_" + suffix
				lg := int64(a[1].(int32))
				if err := checkLgNom(fn, lg); err != nil {
					return nil, err
				}
				mode, err := modeArg(fn, a[2])
				if err != nil {
					return nil, err
				}
				u := sketch.NewUnion(int(lg), kind, mode)
				for _, v := range list(a[0]) {
					if v == nil {
						continue
					}
					c, err := in(fn, v)
					if err != nil {
						return nil, err
					}
					u.Add(c)
				}
				return u.Result().Bytes(), nil
			})}},
			Func{Name: "ember_tuple_intersection_agg_" + suffix, Overloads: []duckdb.ScalarFunc{nullScalar([]duckdb.TypeInfo{List(tBlob), tVarchar}, tBlob, func(a []driver.Value) (any, error) {
				fn := "tuple_intersection_agg_" + suffix
				mode, err := modeArg(fn, a[1])
				if err != nil {
					return nil, err
				}
				var acc *sketch.Compact
				for _, v := range list(a[0]) {
					if v == nil {
						continue
					}
					c, err := in(fn, v)
					if err != nil {
						return nil, err
					}
					if acc == nil {
						acc = c
					} else {
						acc = sketch.Intersect(acc, c, mode)
					}
				}
				if acc == nil {
					acc = &sketch.Compact{Kind: kind, Empty: true, Theta: sketch.MaxTheta}
				}
				return acc.Bytes(), nil
			})}},
		)
	}
}

// withSummaries gives a theta sketch's entries a zero summary so it can
// join a tuple union.
func withSummaries(c *sketch.Compact, kind byte) *sketch.Compact {
	out := *c
	out.Kind = kind
	out.Sums = make([]float64, len(c.Hashes))
	return &out
}
