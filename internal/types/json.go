package types

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Spark's JSON schema format (DataType.json / DataType.fromJson).
//
// Atomic types are JSON strings holding their type name ("integer", "long",
// "decimal(10,2)", "interval day to second", ...); arrays, maps and structs
// are objects with a "type" member. Spark writes object members in a fixed
// order (the one produced by ToJSON); PySpark writes them sorted. Readers
// accept any order.

var (
	reFixedDecimal = regexp.MustCompile(`^decimal\(\s*(\d+)\s*,\s*(-?\d+)\s*\)$`)
	reCharType     = regexp.MustCompile(`^char\(\s*(\d+)\s*\)$`)
	reVarcharType  = regexp.MustCompile(`^varchar\(\s*(\d+)\s*\)$`)
	reCollated     = regexp.MustCompile(`^string\s+collate\s+\S+$`)
	reInterval     = regexp.MustCompile(`^interval (\w+)(?: to (\w+))?$`)
	reTimeType     = regexp.MustCompile(`^time(?:\(\s*(\d+)\s*\))?$`)
)

// jsonNames maps the JSON names of the parameterless types.
var jsonNames = map[string]DataType{
	"void":          Null,
	"null":          Null, // the name NullType had before Spark 3.0
	"boolean":       Boolean,
	"byte":          Byte,
	"short":         Short,
	"integer":       Int,
	"long":          Long,
	"float":         Float,
	"double":        Double,
	"string":        String,
	"binary":        Binary,
	"date":          Date,
	"timestamp":     Timestamp,
	"timestamp_ltz": Timestamp,
	"timestamp_ntz": TimestampNTZ,
	"interval":      CalendarInterval,
	"variant":       Variant,
	"decimal":       DefaultDecimal,
}

var dayTimeFieldNames = map[string]int{"day": DayField, "hour": HourField, "minute": MinuteField, "second": SecondField}
var yearMonthFieldNames = map[string]int{"year": YearField, "month": MonthField}

// ParseJSON parses a Spark JSON schema string (what DataType.json /
// StructType.json produce, in Scala or Python). A user-defined type is
// replaced by its sqlType.
func ParseJSON(s string) (DataType, error) {
	t, err := parseJSONValue(json.RawMessage(strings.TrimSpace(s)))
	if err != nil {
		return nil, fmt.Errorf("parse JSON data type: %w", err)
	}
	return t, nil
}

func parseJSONValue(raw json.RawMessage) (DataType, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil, fmt.Errorf("empty type")
	}
	switch raw[0] {
	case '"':
		var name string
		if err := json.Unmarshal(raw, &name); err != nil {
			return nil, err
		}
		return typeFromJSONName(name)
	case '{':
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(raw, &obj); err != nil {
			return nil, err
		}
		return typeFromJSONObject(obj)
	}
	return nil, fmt.Errorf("invalid type %s", truncate(string(raw), 100))
}

func typeFromJSONName(name string) (DataType, error) {
	if t, ok := jsonNames[name]; ok {
		return t, nil
	}
	if m := reFixedDecimal.FindStringSubmatch(name); m != nil {
		p, err1 := strconv.Atoi(m[1])
		s, err2 := strconv.Atoi(m[2])
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("invalid decimal type %q", name)
		}
		d := Decimal{Precision: p, Scale: s}
		if err := CheckDecimal(d); err != nil {
			return nil, err
		}
		return d, nil
	}
	if m := reCharType.FindStringSubmatch(name); m != nil {
		n, err := strconv.Atoi(m[1])
		if err != nil {
			return nil, fmt.Errorf("invalid char type %q", name)
		}
		return Char{Length: n}, nil
	}
	if m := reVarcharType.FindStringSubmatch(name); m != nil {
		n, err := strconv.Atoi(m[1])
		if err != nil {
			return nil, fmt.Errorf("invalid varchar type %q", name)
		}
		return Varchar{Length: n}, nil
	}
	if reCollated.MatchString(name) {
		return String, nil
	}
	if m := reInterval.FindStringSubmatch(name); m != nil {
		return intervalFromNames(name, m[1], m[2])
	}
	if m := reTimeType.FindStringSubmatch(name); m != nil {
		p := DefaultTimePrecision
		if m[1] != "" {
			n, err := strconv.Atoi(m[1])
			if err != nil || n < 0 || n > MaxTimePrecision {
				return nil, fmt.Errorf("invalid time type %q", name)
			}
			p = n
		}
		return Time{Precision: p}, nil
	}
	return nil, fmt.Errorf("invalid type name %q", name)
}

func intervalFromNames(name, start, end string) (DataType, error) {
	if s, ok := dayTimeFieldNames[start]; ok {
		e := s
		if end != "" {
			var ok bool
			if e, ok = dayTimeFieldNames[end]; !ok {
				return nil, fmt.Errorf("invalid interval type %q", name)
			}
		}
		t := DayTimeInterval{Start: s, End: e}
		if err := checkDayTime(t); err != nil {
			return nil, fmt.Errorf("invalid interval type %q: %w", name, err)
		}
		return t, nil
	}
	if s, ok := yearMonthFieldNames[start]; ok {
		e := s
		if end != "" {
			var ok bool
			if e, ok = yearMonthFieldNames[end]; !ok {
				return nil, fmt.Errorf("invalid interval type %q", name)
			}
		}
		t := YearMonthInterval{Start: s, End: e}
		if err := checkYearMonth(t); err != nil {
			return nil, fmt.Errorf("invalid interval type %q: %w", name, err)
		}
		return t, nil
	}
	return nil, fmt.Errorf("invalid interval type %q", name)
}

func jsonBool(obj map[string]json.RawMessage, key string, def bool) (bool, error) {
	raw, ok := obj[key]
	if !ok {
		return def, nil
	}
	var b bool
	if err := json.Unmarshal(raw, &b); err != nil {
		return false, fmt.Errorf("%q: want a boolean, got %s", key, truncate(string(raw), 50))
	}
	return b, nil
}

func typeFromJSONObject(obj map[string]json.RawMessage) (DataType, error) {
	var tpe string
	if raw, ok := obj["type"]; !ok {
		return nil, fmt.Errorf("type object without \"type\"")
	} else if err := json.Unmarshal(raw, &tpe); err != nil {
		return nil, fmt.Errorf("\"type\": want a string, got %s", truncate(string(raw), 50))
	}
	switch tpe {
	case "array":
		rawElem, ok := obj["elementType"]
		if !ok {
			return nil, fmt.Errorf("array type without \"elementType\"")
		}
		elem, err := parseJSONValue(rawElem)
		if err != nil {
			return nil, fmt.Errorf("array element: %w", err)
		}
		cn, err := jsonBool(obj, "containsNull", true)
		if err != nil {
			return nil, fmt.Errorf("array: %w", err)
		}
		return Array{Elem: elem, ContainsNull: cn}, nil
	case "map":
		rawKey, ok1 := obj["keyType"]
		rawVal, ok2 := obj["valueType"]
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("map type without \"keyType\" or \"valueType\"")
		}
		key, err := parseJSONValue(rawKey)
		if err != nil {
			return nil, fmt.Errorf("map key: %w", err)
		}
		val, err := parseJSONValue(rawVal)
		if err != nil {
			return nil, fmt.Errorf("map value: %w", err)
		}
		vcn, err := jsonBool(obj, "valueContainsNull", true)
		if err != nil {
			return nil, fmt.Errorf("map: %w", err)
		}
		return Map{Key: key, Value: val, ValueContainsNull: vcn}, nil
	case "struct":
		var rawFields []json.RawMessage
		if raw, ok := obj["fields"]; !ok {
			return nil, fmt.Errorf("struct type without \"fields\"")
		} else if err := json.Unmarshal(raw, &rawFields); err != nil {
			return nil, fmt.Errorf("struct \"fields\": want an array: %w", err)
		}
		fields := make([]Field, len(rawFields))
		for i, rf := range rawFields {
			f, err := fieldFromJSON(rf)
			if err != nil {
				return nil, fmt.Errorf("struct field %d: %w", i, err)
			}
			fields[i] = f
		}
		return Struct{Fields: fields}, nil
	case "udt":
		raw, ok := obj["sqlType"]
		if !ok {
			return nil, fmt.Errorf("user-defined type without \"sqlType\"")
		}
		t, err := parseJSONValue(raw)
		if err != nil {
			return nil, fmt.Errorf("user-defined type sqlType: %w", err)
		}
		return t, nil
	}
	return nil, fmt.Errorf("unsupported type %q", tpe)
}

func fieldFromJSON(raw json.RawMessage) (Field, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return Field{}, fmt.Errorf("want an object: %w", err)
	}
	var f Field
	if rn, ok := obj["name"]; !ok {
		return Field{}, fmt.Errorf("field without \"name\"")
	} else if err := json.Unmarshal(rn, &f.Name); err != nil {
		return Field{}, fmt.Errorf("\"name\": want a string, got %s", truncate(string(rn), 50))
	}
	rt, ok := obj["type"]
	if !ok {
		return Field{}, fmt.Errorf("field %q without \"type\"", f.Name)
	}
	t, err := parseJSONValue(rt)
	if err != nil {
		return Field{}, fmt.Errorf("field %q: %w", f.Name, err)
	}
	f.Type = t
	if f.Nullable, err = jsonBool(obj, "nullable", true); err != nil {
		return Field{}, fmt.Errorf("field %q: %w", f.Name, err)
	}
	if rm, ok := obj["metadata"]; ok && !bytes.Equal(bytes.TrimSpace(rm), []byte("null")) {
		md, err := normalizeMetadata(string(rm))
		if err != nil {
			return Field{}, fmt.Errorf("field %q metadata: %w", f.Name, err)
		}
		// Spark moves the collation map out of the metadata into the
		// string types; collations are not modelled, so it is dropped.
		if md, err = removeMetadataKey(md, collationsMetadataKey); err != nil {
			return Field{}, fmt.Errorf("field %q metadata: %w", f.Name, err)
		}
		f.Metadata = md
	}
	return f, nil
}

// collationsMetadataKey is the field-metadata key under which Spark's JSON
// schema records non-default string collations.
const collationsMetadataKey = "__COLLATIONS"

// removeMetadataKey drops key from a compact metadata object, keeping the
// other members in order; "" when nothing is left.
func removeMetadataKey(md, key string) (string, error) {
	if md == "" || !strings.Contains(md, key) {
		return md, nil
	}
	dec := json.NewDecoder(strings.NewReader(md))
	if _, err := dec.Token(); err != nil { // {
		return "", err
	}
	var b strings.Builder
	b.WriteByte('{')
	n := 0
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return "", err
		}
		k, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return "", err
		}
		if k == key {
			continue
		}
		if n > 0 {
			b.WriteByte(',')
		}
		b.WriteString(quoteJSON(k))
		b.WriteByte(':')
		b.Write(v)
		n++
	}
	if n == 0 {
		return "", nil
	}
	b.WriteByte('}')
	return b.String(), nil
}

// normalizeMetadata checks that s is a JSON object and returns it compacted;
// an empty object becomes "".
func normalizeMetadata(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &probe); err != nil || probe == nil {
		return "", fmt.Errorf("want a JSON object, got %s", truncate(s, 100))
	}
	if len(probe) == 0 {
		return "", nil
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, []byte(s)); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// compactMetadata returns field metadata as a compact JSON object, "{}" when
// there is none (or it is not valid JSON).
func compactMetadata(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return "{}"
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, []byte(s)); err != nil || buf.Len() == 0 || buf.Bytes()[0] != '{' {
		return "{}"
	}
	return buf.String()
}

// ToJSON renders t the way Spark's (Scala) DataType.json does, e.g.
// {"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}}]}.
func ToJSON(t DataType) string {
	var b strings.Builder
	writeJSON(&b, t)
	return b.String()
}

// JSONName is the name Spark's JSON schema format uses for a type without
// nested types ("integer", "long", "decimal(10,2)", "interval day"); for
// arrays, maps and structs it is "array", "map" and "struct".
func JSONName(t DataType) string {
	switch x := t.(type) {
	case Decimal, Char, Varchar, DayTimeInterval, YearMonthInterval, Time:
		return t.SimpleString()
	case Array:
		return "array"
	case Map:
		return "map"
	case Struct:
		return "struct"
	case Unparsed:
		return x.Text
	}
	switch t.Kind() {
	case KindNull:
		return "void"
	case KindByte:
		return "byte"
	case KindShort:
		return "short"
	case KindInt:
		return "integer"
	case KindLong:
		return "long"
	}
	return t.SimpleString()
}

func writeJSON(b *strings.Builder, t DataType) {
	switch x := t.(type) {
	case Array:
		b.WriteString(`{"type":"array","elementType":`)
		writeJSON(b, x.Elem)
		b.WriteString(`,"containsNull":`)
		b.WriteString(strconv.FormatBool(x.ContainsNull))
		b.WriteByte('}')
	case Map:
		b.WriteString(`{"type":"map","keyType":`)
		writeJSON(b, x.Key)
		b.WriteString(`,"valueType":`)
		writeJSON(b, x.Value)
		b.WriteString(`,"valueContainsNull":`)
		b.WriteString(strconv.FormatBool(x.ValueContainsNull))
		b.WriteByte('}')
	case Struct:
		b.WriteString(`{"type":"struct","fields":[`)
		for i, f := range x.Fields {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`{"name":`)
			b.WriteString(quoteJSON(f.Name))
			b.WriteString(`,"type":`)
			writeJSON(b, f.Type)
			b.WriteString(`,"nullable":`)
			b.WriteString(strconv.FormatBool(f.Nullable))
			b.WriteString(`,"metadata":`)
			b.WriteString(compactMetadata(f.Metadata))
			b.WriteByte('}')
		}
		b.WriteString(`]}`)
	default:
		b.WriteString(quoteJSON(JSONName(t)))
	}
}

// quoteJSON quotes s as a JSON string without HTML escaping.
func quoteJSON(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(buf.String(), "\n")
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
