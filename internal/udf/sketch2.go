package udf

import (
	"database/sql/driver"
	"math"
	"strconv"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/emberdb/ember/internal/sketch"
)

// --- HLL --------------------------------------------------------------------

func hllIn(fn string, v driver.Value) (*sketch.HLL, error) {
	s, err := sketch.ParseHLL(v.([]byte))
	if err != nil {
		return nil, raise("HLL_INVALID_INPUT_SKETCH_BUFFER", "function", "`"+fn+"`")
	}
	return s, nil
}

func hllUnion(fn string, allow bool, ins []*sketch.HLL) (*sketch.HLL, error) {
	var u *sketch.HLL
	for _, s := range ins {
		if u == nil {
			u = sketch.NewHLL(s.LgK)
		} else if s.LgK != u.LgK && !allow {
			return nil, raise("HLL_UNION_DIFFERENT_LG_K", "left", itoa(int64(u.LgK)), "right", itoa(int64(s.LgK)), "function", "`"+fn+"`")
		} else if s.LgK < u.LgK {
			// The union shrinks to the smaller lgK.
			v := sketch.NewHLL(s.LgK)
			v.Merge(u)
			u = v
		}
		u.Merge(s)
	}
	if u == nil {
		u = sketch.NewHLL(12)
	}
	return u, nil
}

func registerHLL() {
	Register(
		Func{Name: "ember_hll_coupon", Overloads: hashOverloads(tInt, func(b []byte) any { return int32(sketch.Coupon(b)) })},
		Func{Name: "ember_hll_agg", Overloads: []duckdb.ScalarFunc{nullScalar([]duckdb.TypeInfo{List(tInt), tInt}, tBlob, func(a []driver.Value) (any, error) {
			lg := int64(a[1].(int32))
			if lg < 4 || lg > 21 {
				return nil, raise("HLL_INVALID_LG_K", "function", "`hll_sketch_agg`", "min", "4", "max", "21", "value", itoa(lg))
			}
			s := sketch.NewHLL(int(lg))
			for _, c := range list(a[0]) {
				if c != nil {
					s.Update(uint32(c.(int32)))
				}
			}
			return s.Bytes(), nil
		})}},
		Func{Name: "ember_hll_estimate", Overloads: []duckdb.ScalarFunc{scalar([]duckdb.TypeInfo{tBlob}, tBig, func(a []driver.Value) (any, error) {
			s, err := hllIn("hll_sketch_estimate", a[0])
			if err != nil {
				return nil, err
			}
			return int64(math.Round(s.Estimate())), nil
		})}},
		Func{Name: "ember_hll_union", Overloads: []duckdb.ScalarFunc{scalar([]duckdb.TypeInfo{tBlob, tBlob, tBool}, tBlob, func(a []driver.Value) (any, error) {
			x, err := hllIn("hll_union", a[0])
			if err != nil {
				return nil, err
			}
			y, err := hllIn("hll_union", a[1])
			if err != nil {
				return nil, err
			}
			u, err := hllUnion("hll_union", a[2].(bool), []*sketch.HLL{x, y})
			if err != nil {
				return nil, err
			}
			return u.Bytes(), nil
		})}},
		Func{Name: "ember_hll_union_agg", Overloads: []duckdb.ScalarFunc{nullScalar([]duckdb.TypeInfo{List(tBlob), tBool}, tBlob, func(a []driver.Value) (any, error) {
			var ins []*sketch.HLL
			for _, v := range list(a[0]) {
				if v == nil {
					continue
				}
				s, err := hllIn("hll_union_agg", v)
				if err != nil {
					return nil, err
				}
				ins = append(ins, s)
			}
			allow, _ := a[1].(bool)
			u, err := hllUnion("hll_union_agg", allow, ins)
			if err != nil {
				return nil, err
			}
			return u.Bytes(), nil
		})}},
	)
}

// --- KLL --------------------------------------------------------------------

func registerKLL() {
	type kllKind struct {
		name     string
		kind     byte
		t        duckdb.TypeInfo
		typeName string
		toF      func(driver.Value) float64
		out      func(float64) any
		format   func(float64) string
	}
	kinds := []kllKind{
		{"bigint", 0, tBig, "KllLongsSketch", func(v driver.Value) float64 { return float64(v.(int64)) }, func(f float64) any { return int64(f) }, func(f float64) string { return strconv.FormatInt(int64(f), 10) }},
		{"float", 1, tFloat, "KllFloatsSketch", func(v driver.Value) float64 { return float64(v.(float32)) }, func(f float64) any { return float32(f) }, func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 32) }},
		{"double", 2, tDouble, "KllDoublesSketch", func(v driver.Value) float64 { return v.(float64) }, func(f float64) any { return f }, func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }},
	}
	for _, k := range kinds {
		k := k
		in := func(fn string, v driver.Value, nonEmpty bool) (*sketch.KLL, error) {
			s, err := sketch.ParseKLL(v.([]byte), k.kind)
			if err != nil || (nonEmpty && s.N == 0) {
				return nil, raise("KLL_INVALID_INPUT_SKETCH_BUFFER", "function", "`"+fn+"`")
			}
			return s, nil
		}
		checkK := func(fn string, v driver.Value) (int, error) {
			kk := int64(v.(int32))
			if kk < 8 || kk > 65535 {
				return 0, raise("KLL_SKETCH_K_OUT_OF_RANGE", "functionName", "`"+fn+"`", "k", itoa(kk))
			}
			return int(kk), nil
		}
		rankOK := func(fn string, r float64) error {
			if r < 0 || r > 1 || math.IsNaN(r) {
				return raise("KLL_SKETCH_INVALID_QUANTILE_RANGE", "functionName", "`"+fn+"`")
			}
			return nil
		}
		Register(
			Func{Name: "ember_kll_agg_" + k.name, Overloads: []duckdb.ScalarFunc{nullScalar([]duckdb.TypeInfo{List(k.t), tInt}, tBlob, func(a []driver.Value) (any, error) {
				kk, err := checkK("kll_sketch_agg_"+k.name, a[1])
				if err != nil {
					return nil, err
				}
				s := sketch.NewKLL(kk)
				for _, v := range list(a[0]) {
					if v != nil {
						s.Update(k.toF(v))
					}
				}
				return s.Bytes(k.kind), nil
			})}},
			Func{Name: "ember_kll_merge_agg_" + k.name, Overloads: []duckdb.ScalarFunc{nullScalar([]duckdb.TypeInfo{List(tBlob), tInt}, tBlob, func(a []driver.Value) (any, error) {
				fn := "kll_merge_agg_" + k.name
				var acc *sketch.KLL
				if a[1] != nil {
					kk, err := checkK(fn, a[1])
					if err != nil {
						return nil, err
					}
					acc = sketch.NewKLL(kk)
				}
				for _, v := range list(a[0]) {
					if v == nil {
						continue
					}
					s, err := in(fn, v, false)
					if err != nil {
						return nil, err
					}
					if acc == nil {
						acc = sketch.NewKLL(s.K)
					}
					acc.Merge(s)
				}
				if acc == nil {
					acc = sketch.NewKLL(200)
				}
				return acc.Bytes(k.kind), nil
			})}},
			Func{Name: "ember_kll_n_" + k.name, Overloads: []duckdb.ScalarFunc{scalar([]duckdb.TypeInfo{tBlob}, tBig, func(a []driver.Value) (any, error) {
				s, err := in("kll_sketch_get_n_"+k.name, a[0], false)
				if err != nil {
					return nil, err
				}
				return s.N, nil
			})}},
			Func{Name: "ember_kll_string_" + k.name, Overloads: []duckdb.ScalarFunc{scalar([]duckdb.TypeInfo{tBlob}, tVarchar, func(a []driver.Value) (any, error) {
				s, err := in("kll_sketch_to_string_"+k.name, a[0], false)
				if err != nil {
					return nil, err
				}
				return s.String(k.typeName, k.format), nil
			})}},
			Func{Name: "ember_kll_merge_" + k.name, Overloads: []duckdb.ScalarFunc{scalar([]duckdb.TypeInfo{tBlob, tBlob}, tBlob, func(a []driver.Value) (any, error) {
				fn := "kll_sketch_merge_" + k.name
				x, err := in(fn, a[0], false)
				if err != nil {
					return nil, err
				}
				y, err := in(fn, a[1], false)
				if err != nil {
					return nil, err
				}
				x.Merge(y)
				return x.Bytes(k.kind), nil
			})}},
			Func{Name: "ember_kll_quantile_" + k.name, Overloads: []duckdb.ScalarFunc{
				scalar([]duckdb.TypeInfo{tBlob, tDouble}, k.t, func(a []driver.Value) (any, error) {
					fn := "kll_sketch_get_quantile_" + k.name
					s, err := in(fn, a[0], true)
					if err != nil {
						return nil, err
					}
					r := a[1].(float64)
					if err := rankOK(fn, r); err != nil {
						return nil, err
					}
					return k.out(s.Quantile(r)), nil
				}),
				scalar([]duckdb.TypeInfo{tBlob, List(tDouble)}, List(k.t), func(a []driver.Value) (any, error) {
					fn := "kll_sketch_get_quantile_" + k.name
					s, err := in(fn, a[0], true)
					if err != nil {
						return nil, err
					}
					var out []any
					for _, v := range list(a[1]) {
						if v == nil {
							out = append(out, nil)
							continue
						}
						if err := rankOK(fn, v.(float64)); err != nil {
							return nil, err
						}
						out = append(out, k.out(s.Quantile(v.(float64))))
					}
					return out, nil
				}),
			}},
			Func{Name: "ember_kll_rank_" + k.name, Overloads: []duckdb.ScalarFunc{
				scalar([]duckdb.TypeInfo{tBlob, k.t}, tDouble, func(a []driver.Value) (any, error) {
					s, err := in("kll_sketch_get_rank_"+k.name, a[0], true)
					if err != nil {
						return nil, err
					}
					return s.Rank(k.toF(a[1])), nil
				}),
				scalar([]duckdb.TypeInfo{tBlob, List(k.t)}, List(tDouble), func(a []driver.Value) (any, error) {
					s, err := in("kll_sketch_get_rank_"+k.name, a[0], true)
					if err != nil {
						return nil, err
					}
					var out []any
					for _, v := range list(a[1]) {
						if v == nil {
							out = append(out, nil)
							continue
						}
						out = append(out, s.Rank(k.toF(v)))
					}
					return out, nil
				}),
			}},
		)
	}
}
