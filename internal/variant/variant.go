package variant

import (
	"errors"
	"math"
	"math/big"
	"sort"
	"unicode/utf16"
)

// Basic types (low two bits of a value header).
const (
	basicPrimitive   = 0
	basicShortString = 1
	basicObject      = 2
	basicArray       = 3
)

// Primitive type ids (upper six bits of a primitive header).
const (
	primNull            = 0
	primTrue            = 1
	primFalse           = 2
	primInt1            = 3
	primInt2            = 4
	primInt4            = 5
	primInt8            = 6
	primDouble          = 7
	primDecimal4        = 8
	primDecimal8        = 9
	primDecimal16       = 10
	primDate            = 11
	primTimestamp       = 12
	primTimestampNTZ    = 13
	primFloat           = 14
	primBinary          = 15
	primLongString      = 16
	primTime            = 17
	primTimestampNS     = 18
	primTimestampNTZ_NS = 19
	primUUID            = 20
)

// Type is the logical type of a variant value (Spark's Variant.Type).
type Type int

// The logical types.
const (
	Object Type = iota
	Array
	Null
	Boolean
	Long
	String
	Double
	Decimal
	Date
	Timestamp
	TimestampNTZ
	Float
	Binary
	Time
	TimestampNanos
	TimestampNTZNanos
	UUID
)

// ErrMalformed is Spark's MALFORMED_VARIANT: the bytes are not a valid
// variant.
var ErrMalformed = errors.New("MALFORMED_VARIANT")

// Version is the only metadata version Spark reads and writes.
const Version = 1

// Variant is one value inside an encoded variant: the whole value buffer,
// the metadata and the position of this value's header.
type Variant struct {
	Value, Meta []byte
	Pos         int
}

// New returns the top-level value of an encoded variant.
func New(value, meta []byte) Variant { return Variant{Value: value, Meta: meta} }

func readUint(b []byte, pos, size int) (int, error) {
	if pos < 0 || size < 1 || size > 4 || pos+size > len(b) {
		return 0, ErrMalformed
	}
	v := 0
	for k := 0; k < size; k++ {
		v |= int(b[pos+k]) << (8 * k)
	}
	return v, nil
}

func readLE(b []byte, pos, n int) (uint64, error) {
	if pos < 0 || pos+n > len(b) {
		return 0, ErrMalformed
	}
	var x uint64
	for k := n - 1; k >= 0; k-- {
		x = x<<8 | uint64(b[pos+k])
	}
	return x, nil
}

func (v Variant) header() (basic, info int, err error) {
	if v.Pos < 0 || v.Pos >= len(v.Value) {
		return 0, 0, ErrMalformed
	}
	h := v.Value[v.Pos]
	return int(h & 3), int(h >> 2), nil
}

// Type reports the logical type of v.
func (v Variant) Type() (Type, error) {
	basic, info, err := v.header()
	if err != nil {
		return 0, err
	}
	switch basic {
	case basicShortString:
		return String, nil
	case basicObject:
		return Object, nil
	case basicArray:
		return Array, nil
	}
	switch info {
	case primNull:
		return Null, nil
	case primTrue, primFalse:
		return Boolean, nil
	case primInt1, primInt2, primInt4, primInt8:
		return Long, nil
	case primDouble:
		return Double, nil
	case primDecimal4, primDecimal8, primDecimal16:
		return Decimal, nil
	case primDate:
		return Date, nil
	case primTimestamp:
		return Timestamp, nil
	case primTimestampNTZ:
		return TimestampNTZ, nil
	case primFloat:
		return Float, nil
	case primBinary:
		return Binary, nil
	case primLongString:
		return String, nil
	case primTime:
		return Time, nil
	case primTimestampNS:
		return TimestampNanos, nil
	case primTimestampNTZ_NS:
		return TimestampNTZNanos, nil
	case primUUID:
		return UUID, nil
	}
	return 0, ErrMalformed
}

// Bool returns a boolean value.
func (v Variant) Bool() (bool, error) {
	basic, info, err := v.header()
	if err != nil || basic != basicPrimitive || (info != primTrue && info != primFalse) {
		return false, ErrMalformed
	}
	return info == primTrue, nil
}

// Long returns an integer value, or the raw int of a date (days), a
// timestamp (micros or nanos) or a time (micros).
func (v Variant) Long() (int64, error) {
	basic, info, err := v.header()
	if err != nil || basic != basicPrimitive {
		return 0, ErrMalformed
	}
	n := 0
	switch info {
	case primInt1:
		n = 1
	case primInt2:
		n = 2
	case primInt4, primDate:
		n = 4
	case primInt8, primTimestamp, primTimestampNTZ, primTime, primTimestampNS, primTimestampNTZ_NS:
		n = 8
	default:
		return 0, ErrMalformed
	}
	x, err := readLE(v.Value, v.Pos+1, n)
	if err != nil {
		return 0, err
	}
	shift := uint(64 - 8*n)
	return int64(x<<shift) >> shift, nil
}

// Double returns a double value.
func (v Variant) Double() (float64, error) {
	basic, info, err := v.header()
	if err != nil || basic != basicPrimitive || info != primDouble {
		return 0, ErrMalformed
	}
	x, err := readLE(v.Value, v.Pos+1, 8)
	return math.Float64frombits(x), err
}

// Float returns a float value.
func (v Variant) Float() (float32, error) {
	basic, info, err := v.header()
	if err != nil || basic != basicPrimitive || info != primFloat {
		return 0, ErrMalformed
	}
	x, err := readLE(v.Value, v.Pos+1, 4)
	return math.Float32frombits(uint32(x)), err
}

// DecimalRaw returns a decimal's unscaled value and scale as stored.
func (v Variant) DecimalRaw() (*big.Int, int, error) {
	basic, info, err := v.header()
	if err != nil || basic != basicPrimitive {
		return nil, 0, ErrMalformed
	}
	size := 0
	switch info {
	case primDecimal4:
		size = 4
	case primDecimal8:
		size = 8
	case primDecimal16:
		size = 16
	default:
		return nil, 0, ErrMalformed
	}
	p := v.Pos + 1
	if p+1+size > len(v.Value) {
		return nil, 0, ErrMalformed
	}
	scale := int(v.Value[p])
	if scale > 38 {
		return nil, 0, ErrMalformed
	}
	be := make([]byte, size)
	for k := 0; k < size; k++ {
		be[k] = v.Value[p+size-k]
	}
	u := new(big.Int).SetBytes(be)
	if be[0]&0x80 != 0 {
		u.Sub(u, new(big.Int).Lsh(big.NewInt(1), uint(8*size)))
	}
	return u, scale, nil
}

// Decimal returns a decimal with trailing zeros of its fraction stripped
// (Java's BigDecimal.stripTrailingZeros, never a negative scale below
// what the digits need: 100 stays 100 with scale 0 here, see Strip).
func (v Variant) Decimal() (*big.Int, int, error) {
	u, s, err := v.DecimalRaw()
	if err != nil {
		return nil, 0, err
	}
	u, s = Strip(u, s)
	return u, s, nil
}

// Strip removes trailing zeros from the fraction of unscaled/10^scale
// (scale never goes below zero).
func Strip(u *big.Int, scale int) (*big.Int, int) {
	if u.Sign() == 0 {
		return new(big.Int), 0
	}
	ten := big.NewInt(10)
	u = new(big.Int).Set(u)
	q, r := new(big.Int), new(big.Int)
	for scale > 0 {
		q.QuoRem(u, ten, r)
		if r.Sign() != 0 {
			break
		}
		u.Set(q)
		scale--
	}
	return u, scale
}

// Str returns a string value.
func (v Variant) Str() (string, error) {
	basic, info, err := v.header()
	if err != nil {
		return "", err
	}
	if basic == basicShortString {
		if v.Pos+1+info > len(v.Value) {
			return "", ErrMalformed
		}
		return string(v.Value[v.Pos+1 : v.Pos+1+info]), nil
	}
	if basic == basicPrimitive && info == primLongString {
		b, err := v.lenPrefixed()
		return string(b), err
	}
	return "", ErrMalformed
}

// Bytes returns a binary value.
func (v Variant) Bytes() ([]byte, error) {
	basic, info, err := v.header()
	if err != nil || basic != basicPrimitive || info != primBinary {
		return nil, ErrMalformed
	}
	return v.lenPrefixed()
}

// UUIDBytes returns the 16 big-endian bytes of a UUID value.
func (v Variant) UUIDBytes() ([]byte, error) {
	if v.Pos+17 > len(v.Value) {
		return nil, ErrMalformed
	}
	return v.Value[v.Pos+1 : v.Pos+17], nil
}

func (v Variant) lenPrefixed() ([]byte, error) {
	n, err := readLE(v.Value, v.Pos+1, 4)
	if err != nil {
		return nil, err
	}
	start := v.Pos + 5
	if int(n) < 0 || start+int(n) > len(v.Value) {
		return nil, ErrMalformed
	}
	return v.Value[start : start+int(n)], nil
}

// container describes an object or array header.
type container struct {
	n                 int
	idStart, idSize   int // objects only
	offStart, offSize int
	dataStart         int
}

func (v Variant) container() (container, int, error) {
	basic, info, err := v.header()
	if err != nil {
		return container{}, 0, err
	}
	var c container
	switch basic {
	case basicObject:
		c.offSize, c.idSize = info&3+1, (info>>2)&3+1
		countSize := 1
		if (info>>4)&1 == 1 {
			countSize = 4
		}
		c.n, err = readUint(v.Value, v.Pos+1, countSize)
		if err != nil {
			return c, basic, err
		}
		c.idStart = v.Pos + 1 + countSize
		c.offStart = c.idStart + c.n*c.idSize
	case basicArray:
		c.offSize = info&3 + 1
		countSize := 1
		if (info>>2)&1 == 1 {
			countSize = 4
		}
		c.n, err = readUint(v.Value, v.Pos+1, countSize)
		if err != nil {
			return c, basic, err
		}
		c.offStart = v.Pos + 1 + countSize
	default:
		return c, basic, ErrMalformed
	}
	c.dataStart = c.offStart + (c.n+1)*c.offSize
	if c.n < 0 || c.dataStart > len(v.Value) {
		return c, basic, ErrMalformed
	}
	return c, basic, nil
}

// Len returns the number of fields of an object or elements of an array.
func (v Variant) Len() (int, error) {
	c, _, err := v.container()
	return c.n, err
}

// Field returns the i-th field (in key order) of an object.
func (v Variant) Field(i int) (string, Variant, error) {
	c, basic, err := v.container()
	if err != nil || basic != basicObject || i < 0 || i >= c.n {
		return "", Variant{}, ErrMalformed
	}
	id, err := readUint(v.Value, c.idStart+i*c.idSize, c.idSize)
	if err != nil {
		return "", Variant{}, err
	}
	off, err := readUint(v.Value, c.offStart+i*c.offSize, c.offSize)
	if err != nil {
		return "", Variant{}, err
	}
	key, err := Key(v.Meta, id)
	if err != nil {
		return "", Variant{}, err
	}
	return key, Variant{Value: v.Value, Meta: v.Meta, Pos: c.dataStart + off}, nil
}

// Get returns the field named key of an object (binary search on the
// sorted keys); ok is false when there is none.
func (v Variant) Get(key string) (Variant, bool, error) {
	n, err := v.Len()
	if err != nil {
		return Variant{}, false, err
	}
	var ferr error
	i := sort.Search(n, func(i int) bool {
		k, _, err := v.Field(i)
		if err != nil {
			ferr = err
			return true
		}
		return compareKeys(k, key) >= 0
	})
	if ferr != nil {
		return Variant{}, false, ferr
	}
	if i < n {
		k, f, err := v.Field(i)
		if err != nil {
			return Variant{}, false, err
		}
		if k == key {
			return f, true, nil
		}
	}
	return Variant{}, false, nil
}

// Elem returns the i-th element of an array.
func (v Variant) Elem(i int) (Variant, error) {
	c, basic, err := v.container()
	if err != nil || basic != basicArray || i < 0 || i >= c.n {
		return Variant{}, ErrMalformed
	}
	off, err := readUint(v.Value, c.offStart+i*c.offSize, c.offSize)
	if err != nil {
		return Variant{}, err
	}
	return Variant{Value: v.Value, Meta: v.Meta, Pos: c.dataStart + off}, nil
}

// Size returns the number of bytes of v's value.
func (v Variant) Size() (int, error) {
	basic, info, err := v.header()
	if err != nil {
		return 0, err
	}
	switch basic {
	case basicShortString:
		return 1 + info, nil
	case basicObject, basicArray:
		c, _, err := v.container()
		if err != nil {
			return 0, err
		}
		end, err := readUint(v.Value, c.offStart+c.n*c.offSize, c.offSize)
		if err != nil {
			return 0, err
		}
		return c.dataStart + end - v.Pos, nil
	}
	switch info {
	case primNull, primTrue, primFalse:
		return 1, nil
	case primInt1:
		return 2, nil
	case primInt2:
		return 3, nil
	case primInt4, primDate, primFloat:
		return 5, nil
	case primInt8, primDouble, primTimestamp, primTimestampNTZ, primTime, primTimestampNS, primTimestampNTZ_NS:
		return 9, nil
	case primDecimal4:
		return 6, nil
	case primDecimal8:
		return 10, nil
	case primDecimal16:
		return 18, nil
	case primBinary, primLongString:
		n, err := readLE(v.Value, v.Pos+1, 4)
		if err != nil {
			return 0, err
		}
		return 5 + int(n), nil
	case primUUID:
		return 17, nil
	}
	return 0, ErrMalformed
}

// Bytes of the value alone (a copy), for returning a sub-variant with the
// same metadata.
func (v Variant) Slice() ([]byte, error) {
	n, err := v.Size()
	if err != nil {
		return nil, err
	}
	if v.Pos+n > len(v.Value) {
		return nil, ErrMalformed
	}
	return append([]byte(nil), v.Value[v.Pos:v.Pos+n]...), nil
}

// Key returns the metadata dictionary entry id.
func Key(meta []byte, id int) (string, error) {
	if len(meta) < 1 || meta[0]&0x0F != Version {
		return "", ErrMalformed
	}
	size := int(meta[0]>>6) + 1
	n, err := readUint(meta, 1, size)
	if err != nil {
		return "", err
	}
	if id < 0 || id >= n {
		return "", ErrMalformed
	}
	offsetsAt := 1 + size
	dataAt := offsetsAt + (n+1)*size
	start, err := readUint(meta, offsetsAt+id*size, size)
	if err != nil {
		return "", err
	}
	end, err := readUint(meta, offsetsAt+(id+1)*size, size)
	if err != nil {
		return "", err
	}
	if start > end || dataAt+end > len(meta) {
		return "", ErrMalformed
	}
	return string(meta[dataAt+start : dataAt+end]), nil
}

// compareKeys orders keys as Java's String.compareTo does (by UTF-16 code
// units), which is how Spark sorts object fields.
func compareKeys(a, b string) int {
	ascii := true
	for i := 0; i < len(a) && ascii; i++ {
		ascii = a[i] < 0x80
	}
	for i := 0; i < len(b) && ascii; i++ {
		ascii = b[i] < 0x80
	}
	if ascii {
		switch {
		case a < b:
			return -1
		case a > b:
			return 1
		}
		return 0
	}
	ua, ub := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	for i := 0; i < len(ua) && i < len(ub); i++ {
		if ua[i] != ub[i] {
			if ua[i] < ub[i] {
				return -1
			}
			return 1
		}
	}
	return len(ua) - len(ub)
}

// Validate checks that the whole variant is well formed (is_valid_variant).
func Validate(value, meta []byte) bool {
	if len(meta) < 1 || meta[0]&0x0F != Version {
		return false
	}
	size := int(meta[0]>>6) + 1
	n, err := readUint(meta, 1, size)
	if err != nil {
		return false
	}
	offsetsAt := 1 + size
	dataAt := offsetsAt + (n+1)*size
	prev := 0
	for i := 0; i <= n; i++ {
		o, err := readUint(meta, offsetsAt+i*size, size)
		if err != nil || o < prev {
			return false
		}
		prev = o
	}
	if dataAt+prev > len(meta) {
		return false
	}
	v := New(value, meta)
	sz, err := v.Size()
	if err != nil || sz != len(value) {
		return false
	}
	return validate(v, 0)
}

func validate(v Variant, depth int) bool {
	if depth > 10000 {
		return false
	}
	t, err := v.Type()
	if err != nil {
		return false
	}
	sz, err := v.Size()
	if err != nil || v.Pos+sz > len(v.Value) {
		return false
	}
	switch t {
	case Object:
		n, _ := v.Len()
		for i := 0; i < n; i++ {
			_, f, err := v.Field(i)
			if err != nil || !validate(f, depth+1) {
				return false
			}
		}
	case Array:
		n, _ := v.Len()
		for i := 0; i < n; i++ {
			e, err := v.Elem(i)
			if err != nil || !validate(e, depth+1) {
				return false
			}
		}
	case Decimal:
		if _, _, err := v.DecimalRaw(); err != nil {
			return false
		}
	}
	return true
}
