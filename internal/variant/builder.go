package variant

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"sort"
	"strings"
)

// SizeLimit is the largest value or metadata Spark builds (16 MiB).
const SizeLimit = 16 * 1024 * 1024

// maxShortString is the longest string stored with a short-string header.
const maxShortString = 63

// ErrMalformedJSON reports input that is not one JSON value.
var ErrMalformedJSON = errors.New("malformed JSON")

// ErrSizeLimit is Spark's VARIANT_SIZE_LIMIT.
var ErrSizeLimit = errors.New("VARIANT_SIZE_LIMIT")

// DuplicateKeyError is Spark's VARIANT_DUPLICATE_KEY.
type DuplicateKeyError struct{ Key string }

func (e *DuplicateKeyError) Error() string { return "VARIANT_DUPLICATE_KEY: " + e.Key }

// Builder writes one variant: values are appended to a buffer, object keys
// collected in a dictionary in order of first use.
type Builder struct {
	buf  []byte
	ids  map[string]int
	keys []string
}

// FieldEntry is one field written into an object under construction: its
// key, dictionary id and offset of its value from the object's start.
type FieldEntry struct {
	Key    string
	ID     int
	Offset int
}

// NewBuilder returns an empty builder.
func NewBuilder() *Builder { return &Builder{ids: map[string]int{}} }

// Pos is the current write position (the start of the next value).
func (b *Builder) Pos() int { return len(b.buf) }

// AddKey returns the dictionary id of key, adding it when new.
func (b *Builder) AddKey(key string) int {
	if id, ok := b.ids[key]; ok {
		return id
	}
	id := len(b.keys)
	b.ids[key] = id
	b.keys = append(b.keys, key)
	return id
}

func primHeader(t int) byte { return byte(t<<2 | basicPrimitive) }

func (b *Builder) writeLE(x uint64, n int) {
	for k := 0; k < n; k++ {
		b.buf = append(b.buf, byte(x>>(8*k)))
	}
}

// AppendNull appends a variant null.
func (b *Builder) AppendNull() { b.buf = append(b.buf, primHeader(primNull)) }

// AppendBool appends a boolean.
func (b *Builder) AppendBool(x bool) {
	if x {
		b.buf = append(b.buf, primHeader(primTrue))
	} else {
		b.buf = append(b.buf, primHeader(primFalse))
	}
}

// AppendLong appends an integer in the smallest integer encoding that
// holds it.
func (b *Builder) AppendLong(x int64) {
	switch {
	case x == int64(int8(x)):
		b.buf = append(b.buf, primHeader(primInt1))
		b.writeLE(uint64(x), 1)
	case x == int64(int16(x)):
		b.buf = append(b.buf, primHeader(primInt2))
		b.writeLE(uint64(x), 2)
	case x == int64(int32(x)):
		b.buf = append(b.buf, primHeader(primInt4))
		b.writeLE(uint64(x), 4)
	default:
		b.buf = append(b.buf, primHeader(primInt8))
		b.writeLE(uint64(x), 8)
	}
}

// AppendDouble appends a double.
func (b *Builder) AppendDouble(x float64) {
	b.buf = append(b.buf, primHeader(primDouble))
	b.writeLE(math.Float64bits(x), 8)
}

// AppendFloat appends a float.
func (b *Builder) AppendFloat(x float32) {
	b.buf = append(b.buf, primHeader(primFloat))
	b.writeLE(uint64(math.Float32bits(x)), 4)
}

// AppendDecimal appends unscaled/10^scale in the smallest decimal encoding
// whose precision holds both the digits and the scale. The caller keeps
// precision and scale within 38.
func (b *Builder) AppendDecimal(unscaled *big.Int, scale int) {
	prec := Precision(unscaled)
	size, t := 16, primDecimal16
	switch {
	case scale <= 9 && prec <= 9:
		size, t = 4, primDecimal4
	case scale <= 18 && prec <= 18:
		size, t = 8, primDecimal8
	}
	b.buf = append(b.buf, primHeader(t), byte(scale))
	// Two's complement little endian of size bytes.
	u := new(big.Int).Set(unscaled)
	if u.Sign() < 0 {
		u.Add(u, new(big.Int).Lsh(big.NewInt(1), uint(8*size)))
	}
	be := u.Bytes()
	for k := 0; k < size; k++ {
		if k < len(be) {
			b.buf = append(b.buf, be[len(be)-1-k])
		} else {
			b.buf = append(b.buf, 0)
		}
	}
}

// Precision is the number of decimal digits of u (1 for zero), Java's
// BigDecimal.precision.
func Precision(u *big.Int) int {
	if u.Sign() == 0 {
		return 1
	}
	s := new(big.Int).Abs(u).String()
	return len(s)
}

// AppendString appends a string (short strings inline in the header).
func (b *Builder) AppendString(s string) {
	if len(s) <= maxShortString {
		b.buf = append(b.buf, byte(len(s)<<2|basicShortString))
	} else {
		b.buf = append(b.buf, primHeader(primLongString))
		b.writeLE(uint64(len(s)), 4)
	}
	b.buf = append(b.buf, s...)
}

// AppendBinary appends a binary value.
func (b *Builder) AppendBinary(x []byte) {
	b.buf = append(b.buf, primHeader(primBinary))
	b.writeLE(uint64(len(x)), 4)
	b.buf = append(b.buf, x...)
}

// AppendDate appends a date (days since the epoch).
func (b *Builder) AppendDate(days int32) {
	b.buf = append(b.buf, primHeader(primDate))
	b.writeLE(uint64(uint32(days)), 4)
}

// AppendTimestamp appends a timestamp (micros since the epoch, UTC).
func (b *Builder) AppendTimestamp(micros int64) {
	b.buf = append(b.buf, primHeader(primTimestamp))
	b.writeLE(uint64(micros), 8)
}

// AppendTimestampNTZ appends a timestamp without time zone (micros).
func (b *Builder) AppendTimestampNTZ(micros int64) {
	b.buf = append(b.buf, primHeader(primTimestampNTZ))
	b.writeLE(uint64(micros), 8)
}

func intSize(x int) int {
	switch {
	case x <= 0xFF:
		return 1
	case x <= 0xFFFF:
		return 2
	case x <= 0xFFFFFF:
		return 3
	}
	return 4
}

// FinishObject turns the field values written since start into an object:
// fields are listed sorted by key, the values stay where they were
// written. A repeated key is a DuplicateKeyError.
func (b *Builder) FinishObject(start int, fields []FieldEntry) error {
	sort.SliceStable(fields, func(i, j int) bool { return compareKeys(fields[i].Key, fields[j].Key) < 0 })
	maxID := 0
	for i, f := range fields {
		if f.ID > maxID {
			maxID = f.ID
		}
		if i > 0 && fields[i-1].Key == f.Key {
			return &DuplicateKeyError{Key: f.Key}
		}
	}
	n := len(fields)
	dataSize := len(b.buf) - start
	large := n > 0xFF
	countSize := 1
	if large {
		countSize = 4
	}
	idSize, offSize := intSize(maxID), intSize(dataSize)
	hdr := make([]byte, 0, 1+countSize+n*idSize+(n+1)*offSize)
	h := byte((idSize-1)<<4|(offSize-1)<<2) | basicObject
	if large {
		h |= 1 << 6
	}
	hdr = append(hdr, h)
	put := func(x, size int) {
		for k := 0; k < size; k++ {
			hdr = append(hdr, byte(x>>(8*k)))
		}
	}
	put(n, countSize)
	for _, f := range fields {
		put(f.ID, idSize)
	}
	for _, f := range fields {
		put(f.Offset, offSize)
	}
	put(dataSize, offSize)
	b.insert(start, hdr)
	return nil
}

// FinishArray turns the elements written since start (at the given
// offsets from start) into an array.
func (b *Builder) FinishArray(start int, offsets []int) {
	n := len(offsets)
	dataSize := len(b.buf) - start
	large := n > 0xFF
	countSize := 1
	if large {
		countSize = 4
	}
	offSize := intSize(dataSize)
	h := byte((offSize-1)<<2) | basicArray
	if large {
		h |= 1 << 4
	}
	hdr := []byte{h}
	put := func(x, size int) {
		for k := 0; k < size; k++ {
			hdr = append(hdr, byte(x>>(8*k)))
		}
	}
	put(n, countSize)
	for _, o := range offsets {
		put(o, offSize)
	}
	put(dataSize, offSize)
	b.insert(start, hdr)
}

func (b *Builder) insert(at int, hdr []byte) {
	b.buf = append(b.buf, hdr...)
	copy(b.buf[at+len(hdr):], b.buf[at:len(b.buf)-len(hdr)])
	copy(b.buf[at:], hdr)
}

// AppendVariant copies v into the builder, re-keying its object fields in
// this builder's dictionary.
func (b *Builder) AppendVariant(v Variant) error {
	t, err := v.Type()
	if err != nil {
		return err
	}
	switch t {
	case Object:
		n, _ := v.Len()
		start := b.Pos()
		fields := make([]FieldEntry, 0, n)
		for i := 0; i < n; i++ {
			k, f, err := v.Field(i)
			if err != nil {
				return err
			}
			fields = append(fields, FieldEntry{Key: k, ID: b.AddKey(k), Offset: b.Pos() - start})
			if err := b.AppendVariant(f); err != nil {
				return err
			}
		}
		return b.FinishObject(start, fields)
	case Array:
		n, _ := v.Len()
		start := b.Pos()
		offs := make([]int, 0, n)
		for i := 0; i < n; i++ {
			e, err := v.Elem(i)
			if err != nil {
				return err
			}
			offs = append(offs, b.Pos()-start)
			if err := b.AppendVariant(e); err != nil {
				return err
			}
		}
		b.FinishArray(start, offs)
		return nil
	}
	s, err := v.Slice()
	if err != nil {
		return err
	}
	b.buf = append(b.buf, s...)
	return nil
}

// Result returns the encoded value and metadata.
func (b *Builder) Result() (value, meta []byte, err error) {
	total := 0
	for _, k := range b.keys {
		total += len(k)
	}
	maxSize := total
	if len(b.keys) > maxSize {
		maxSize = len(b.keys)
	}
	size := intSize(maxSize)
	meta = make([]byte, 0, 1+size*(len(b.keys)+2)+total)
	meta = append(meta, byte(Version|(size-1)<<6))
	put := func(x int) {
		for k := 0; k < size; k++ {
			meta = append(meta, byte(x>>(8*k)))
		}
	}
	put(len(b.keys))
	off := 0
	put(0)
	for _, k := range b.keys {
		off += len(k)
		put(off)
	}
	for _, k := range b.keys {
		meta = append(meta, k...)
	}
	if len(b.buf) > SizeLimit || len(meta) > SizeLimit {
		return nil, nil, ErrSizeLimit
	}
	return b.buf, meta, nil
}

// ParseJSON is parse_json: it encodes one JSON document as Spark does.
// Integers become the smallest integer type (or a decimal when beyond a
// long), plain decimal numbers become decimals when they fit 38 digits,
// everything else a double.
func ParseJSON(s string) (value, meta []byte, err error) {
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	b := NewBuilder()
	tok, err := d.Token()
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrMalformedJSON, err)
	}
	if err := b.buildJSON(d, tok, 0); err != nil {
		return nil, nil, err
	}
	// Like Jackson, content after the value is not read, except that a
	// number at the root must be followed by whitespace ("01" or "1x" is
	// malformed).
	if _, isNum := tok.(json.Number); isNum {
		if off := int(d.InputOffset()); off < len(s) && !strings.ContainsRune(" \t\r\n", rune(s[off])) {
			return nil, nil, ErrMalformedJSON
		}
	}
	return b.Result()
}

func (b *Builder) buildJSON(d *json.Decoder, tok json.Token, depth int) error {
	if depth > 1000 {
		return fmt.Errorf("%w: nesting too deep", ErrMalformedJSON)
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			start := b.Pos()
			var fields []FieldEntry
			for {
				kt, err := d.Token()
				if err != nil {
					return fmt.Errorf("%w: %v", ErrMalformedJSON, err)
				}
				if kt == json.Delim('}') {
					break
				}
				key, ok := kt.(string)
				if !ok {
					return ErrMalformedJSON
				}
				fields = append(fields, FieldEntry{Key: key, ID: b.AddKey(key), Offset: b.Pos() - start})
				vt, err := d.Token()
				if err != nil {
					return fmt.Errorf("%w: %v", ErrMalformedJSON, err)
				}
				if err := b.buildJSON(d, vt, depth+1); err != nil {
					return err
				}
			}
			if err := b.FinishObject(start, fields); err != nil {
				// parse_json reports duplicate keys as malformed input.
				return fmt.Errorf("%w: %v", ErrMalformedJSON, err)
			}
			return nil
		case '[':
			start := b.Pos()
			var offs []int
			for {
				et, err := d.Token()
				if err != nil {
					return fmt.Errorf("%w: %v", ErrMalformedJSON, err)
				}
				if et == json.Delim(']') {
					break
				}
				offs = append(offs, b.Pos()-start)
				if err := b.buildJSON(d, et, depth+1); err != nil {
					return err
				}
			}
			b.FinishArray(start, offs)
			return nil
		}
		return ErrMalformedJSON
	case string:
		b.AppendString(t)
	case bool:
		b.AppendBool(t)
	case nil:
		b.AppendNull()
	case json.Number:
		b.appendNumber(string(t))
	default:
		return ErrMalformedJSON
	}
	if b.Pos() > SizeLimit {
		return ErrSizeLimit
	}
	return nil
}

func (b *Builder) appendNumber(s string) {
	if !strings.ContainsAny(s, ".eE") {
		if x, ok := new(big.Int).SetString(s, 10); ok && x.IsInt64() {
			b.AppendLong(x.Int64())
			return
		}
	}
	if u, scale, ok := plainDecimal(s); ok {
		b.AppendDecimal(u, scale)
		return
	}
	f, _ := new(big.Float).SetPrec(200).SetString(s)
	if f == nil {
		b.AppendDouble(math.NaN())
		return
	}
	x, _ := f.Float64()
	b.AppendDouble(x)
}

// plainDecimal parses a number without exponent into an unscaled value
// and scale when both fit a DECIMAL(38).
func plainDecimal(s string) (*big.Int, int, bool) {
	if strings.ContainsAny(s, "eE+") {
		return nil, 0, false
	}
	scale := 0
	digits := s
	if i := strings.IndexByte(s, '.'); i >= 0 {
		scale = len(s) - i - 1
		digits = s[:i] + s[i+1:]
	}
	u, ok := new(big.Int).SetString(digits, 10)
	if !ok || scale > 38 || Precision(u) > 38 {
		return nil, 0, false
	}
	return u, scale, true
}
