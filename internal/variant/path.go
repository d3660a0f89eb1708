package variant

import (
	"strconv"
	"strings"
)

// Segment is one step of a variant_get path: an object key or an array
// index.
type Segment struct {
	Key   string
	Index int
	IsKey bool
}

// ParsePath parses a variant_get path: `$` then segments `.name`,
// `['name']`, `["name"]` or `[123]`. ok is false for an invalid path.
func ParsePath(p string) ([]Segment, bool) {
	if !strings.HasPrefix(p, "$") {
		return nil, false
	}
	var segs []Segment
	i := 1
	for i < len(p) {
		switch {
		case p[i] == '.':
			j := i + 1
			for j < len(p) && p[j] != '.' && p[j] != '[' {
				j++
			}
			if j == i+1 {
				return nil, false
			}
			segs = append(segs, Segment{Key: p[i+1 : j], IsKey: true})
			i = j
		case strings.HasPrefix(p[i:], "[\x01"):
			// Internal key segment (any key): [\x01key\x01].
			end := strings.Index(p[i+2:], "\x01]")
			if end < 0 {
				return nil, false
			}
			segs = append(segs, Segment{Key: p[i+2 : i+2+end], IsKey: true})
			i += 2 + end + 2
		case strings.HasPrefix(p[i:], "['") || strings.HasPrefix(p[i:], `["`):
			q := p[i+1]
			end := strings.IndexByte(p[i+2:], q)
			if end <= 0 {
				return nil, false
			}
			key := p[i+2 : i+2+end]
			if strings.ContainsAny(key, "?") || !strings.HasPrefix(p[i+2+end:], string(q)+"]") {
				return nil, false
			}
			segs = append(segs, Segment{Key: key, IsKey: true})
			i += 2 + end + 2
		case p[i] == '[':
			end := strings.IndexByte(p[i:], ']')
			if end < 2 {
				return nil, false
			}
			digits := p[i+1 : i+end]
			for _, c := range digits {
				if c < '0' || c > '9' {
					return nil, false
				}
			}
			n, err := strconv.ParseInt(digits, 10, 32)
			if err != nil {
				return nil, false
			}
			segs = append(segs, Segment{Index: int(n)})
			i += end + 1
		default:
			return nil, false
		}
	}
	return segs, true
}

// KeySegment is the path text of an object step for any key, for paths
// Ember composes itself (casts to nested types).
func KeySegment(key string) string { return "[\x01" + key + "\x01]" }

// Navigate follows path from v; ok is false when a step is missing (a key
// not in an object, an index out of range, or a step into a scalar).
func Navigate(v Variant, path []Segment) (Variant, bool, error) {
	for _, s := range path {
		t, err := v.Type()
		if err != nil {
			return Variant{}, false, err
		}
		switch {
		case s.IsKey && t == Object:
			f, ok, err := v.Get(s.Key)
			if err != nil || !ok {
				return Variant{}, false, err
			}
			v = f
		case !s.IsKey && t == Array:
			n, err := v.Len()
			if err != nil {
				return Variant{}, false, err
			}
			if s.Index >= n {
				return Variant{}, false, nil
			}
			if v, err = v.Elem(s.Index); err != nil {
				return Variant{}, false, err
			}
		default:
			return Variant{}, false, nil
		}
	}
	return v, true, nil
}
