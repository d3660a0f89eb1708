package functions

import (
	"encoding/json"
	"sort"
	"strings"
	"time"

	"github.com/emberdb/ember/internal/sparkerr"
)

// XMLOptions are the options Spark's XML functions and its XML data source
// share (the from_xml/schema_of_xml/to_xml options map, the reader's and
// the writer's .option(...) calls).
type XMLOptions struct {
	ExcludeAttrs bool   `json:"x,omitempty"`
	AttrPrefix   string `json:"p"`
	ValueTag     string `json:"v"`
	// KeepSpaces is ignoreSurroundingSpaces=false.
	KeepSpaces   bool    `json:"k,omitempty"`
	NullValue    *string `json:"n,omitempty"`
	ArrayElement string  `json:"a,omitempty"`
	// NoInfer is inferSchema=false: every leaf is a string.
	NoInfer bool `json:"i,omitempty"`
	// TimestampFormat and DateFormat are Java datetime patterns replacing
	// Spark's default parsing and rendering of timestamps and dates.
	TimestampFormat string `json:"t,omitempty"`
	DateFormat      string `json:"d,omitempty"`
}

// JavaDatetimeParser parses text with a Java datetime pattern (ok false
// when it does not match); the engine's UDF package installs it
// (udf.ParseJavaDatetime).
var JavaDatetimeParser func(s, pattern string) (t time.Time, ok bool, err error)

// DefaultXMLOptions are Spark's defaults.
func DefaultXMLOptions() XMLOptions {
	return XMLOptions{AttrPrefix: "_", ValueTag: "_VALUE", ArrayElement: "item"}
}

// xmlOptionUse says where an option applies.
type xmlOptionUse int

const (
	XMLForFunction xmlOptionUse = iota // from_xml, schema_of_xml
	XMLForRead                         // spark.read.xml (files or a DataFrame)
	XMLForWrite                        // df.write.xml and to_xml
)

// xmlUnsupported lists Spark XML options Ember does not implement; using
// one raises an error naming it (unless it has its default value).
var xmlUnsupported = map[string]string{
	"rowvalidationxsdpath": "",
	"timestampntzformat":   "",
	"wildcardcolname":      "xs_any",
	"prefersdecimal":       "false",
	"locale":               "en-US",
	"ignorenamespace":      "false",
	"validatename":         "true",
	"charset":              "utf-8",
	"encoding":             "utf-8",
}

// ParseXMLOptions reads lower-cased option keys for fn. Options Spark's XML
// source does not know are ignored, as Spark ignores them; options it knows
// and Ember does not implement raise UNSUPPORTED_FEATURE naming them.
func ParseXMLOptions(fn string, opts map[string]string, use xmlOptionUse) (XMLOptions, error) {
	o := DefaultXMLOptions()
	keys := make([]string, 0, len(opts))
	for k := range opts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := opts[k]
		switch k {
		case "excludeattribute":
			o.ExcludeAttrs = strings.EqualFold(strings.TrimSpace(v), "true")
		case "attributeprefix":
			o.AttrPrefix = v
		case "valuetag":
			o.ValueTag = v
		case "ignoresurroundingspaces":
			o.KeepSpaces = !strings.EqualFold(strings.TrimSpace(v), "true")
		case "nullvalue":
			s := v
			o.NullValue = &s
		case "arrayelementname":
			o.ArrayElement = v
		case "inferschema":
			o.NoInfer = !strings.EqualFold(strings.TrimSpace(v), "true")
		case "timestampformat", "dateformat":
			if _, err := JavaToStrftime(v); err != nil {
				return o, err
			}
			if use != XMLForWrite && JavaDatetimeParser == nil {
				return o, sparkerr.Unsupported(fn + " option " + k)
			}
			if k == "timestampformat" {
				o.TimestampFormat = v
			} else {
				o.DateFormat = v
			}
		case "multiline":
			// Spark's line-by-line XML reading (multiLine=false) is not
			// implemented; the default reads each file as a whole.
			if !strings.EqualFold(strings.TrimSpace(v), "true") && use == XMLForRead {
				return o, sparkerr.Unsupported(fn + " option multiLine=" + v)
			}
		case "rowtag", "roottag", "declaration", "mode", "columnnameofcorruptrecord", "samplingratio", "path", "compression", "codec":
			// Handled by the caller (or, for samplingRatio, irrelevant: Ember
			// infers from every record).
		default:
			def, known := xmlUnsupported[k]
			if !known {
				continue
			}
			if def != "" && strings.EqualFold(strings.TrimSpace(v), def) {
				continue
			}
			return o, sparkerr.Unsupported(fn + " option " + k)
		}
	}
	if use == XMLForFunction {
		if m, ok := opts["mode"]; ok && !strings.EqualFold(m, "PERMISSIVE") {
			return o, sparkerr.Unsupported(fn + " option mode=" + m)
		}
	}
	return o, nil
}

// Encode is the options' compact text, passed to the engine's XML UDFs.
func (o XMLOptions) Encode() string {
	b, err := json.Marshal(o)
	if err != nil {
		return "{}"
	}
	return string(b)
}

// DecodeXMLOptions reads Encode's text.
func DecodeXMLOptions(s string) (XMLOptions, error) {
	o := DefaultXMLOptions()
	if s == "" {
		return o, nil
	}
	if err := json.Unmarshal([]byte(s), &o); err != nil {
		return o, sparkerr.Internal("decoding XML options: %v", err)
	}
	return o, nil
}

// isAttrField reports whether a field of a struct is an XML attribute.
func (o XMLOptions) isAttrField(name string) bool {
	return o.AttrPrefix != "" && strings.HasPrefix(name, o.AttrPrefix) && name != o.ValueTag
}

// text is a leaf's text as the parser sees it.
func (o XMLOptions) text(s string) string {
	if o.KeepSpaces {
		return s
	}
	return strings.TrimSpace(s)
}

// isNull reports whether a leaf's text is the null value.
func (o XMLOptions) isNull(s string) bool {
	return o.NullValue != nil && s == *o.NullValue
}
