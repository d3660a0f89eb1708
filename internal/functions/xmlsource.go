package functions

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"github.com/emberdb/ember/internal/types"
)

// The XML data source: records are found in files by XMLRecords, parsed
// and inferred exactly as from_xml/schema_of_xml parse one record
// (InferXMLRecord, XMLRecordJSON), and rows are written by RenderXMLRow,
// which to_xml shares.

// XMLRecords returns the text of every element named rowTag in doc,
// wherever it is (an element of that name inside a record belongs to the
// record). ok is false when the document is not well-formed: records
// then holds those completed before the error.
func XMLRecords(doc []byte, rowTag string) (records []string, ok bool) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.CharsetReader = xmlCharsetAsIs
	depth, recDepth := 0, -1
	var recStart int64
	for {
		off := d.InputOffset()
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return records, depth == 0
		}
		if err != nil {
			return records, false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if recDepth < 0 && t.Name.Space == "" && t.Name.Local == rowTag {
				recDepth, recStart = depth, off
			}
			depth++
		case xml.EndElement:
			depth--
			if depth == recDepth {
				records = append(records, string(doc[recStart:d.InputOffset()]))
				recDepth = -1
			}
		}
	}
}

// XMLFileText decodes an XML file's bytes as Spark's parser does: as the
// encoding its declaration names when that is ISO-8859-1 (Latin-1),
// otherwise as UTF-8.
func XMLFileText(doc []byte) []byte {
	head := doc
	if len(head) > 200 {
		head = head[:200]
	}
	if !bytes.HasPrefix(head, []byte("<?xml")) {
		return doc
	}
	end := bytes.Index(head, []byte("?>"))
	if end < 0 {
		return doc
	}
	decl := strings.ToLower(string(head[:end]))
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return doc
	}
	enc := strings.Trim(strings.TrimLeft(decl[i+len("encoding"):], " =\t"), " ")
	if len(enc) > 0 && (enc[0] == '"' || enc[0] == '\'') {
		if j := strings.IndexByte(enc[1:], enc[0]); j >= 0 {
			enc = enc[1 : j+1]
		}
	}
	switch enc {
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1":
		out := make([]rune, len(doc))
		for i, c := range doc {
			out[i] = rune(c)
		}
		return []byte(string(out))
	}
	return doc
}

// xmlCharsetAsIs reads a document whatever encoding its declaration names
// as the bytes they are: Spark decodes files with its encoding option
// (UTF-8 by default), not with the declaration.
func xmlCharsetAsIs(_ string, r io.Reader) (io.Reader, error) { return r, nil }

// xmlWriter writes XML as Spark's indenting stream writer does: each
// start tag on a new line indented four spaces per level, an end tag on a
// new line only after child elements, and an element without content as
// an empty-element tag (<a/>).
type xmlWriter struct {
	b       strings.Builder
	depth   int
	state   int // what the current element has seen: 0 nothing, 1 an element, 2 text
	stack   []int
	names   []string
	pending bool // a start tag is open (its '>' not yet written)
}

func (w *xmlWriter) closeStart() {
	if w.pending {
		w.b.WriteByte('>')
		w.pending = false
	}
}

func (w *xmlWriter) start(name string) {
	w.closeStart()
	w.stack = append(w.stack, 1)
	w.state = 0
	if w.depth > 0 {
		w.b.WriteByte('\n')
	}
	w.b.WriteString(strings.Repeat("    ", w.depth))
	w.depth++
	w.b.WriteByte('<')
	w.b.WriteString(name)
	w.names = append(w.names, name)
	w.pending = true
}

func (w *xmlWriter) attr(name, value string) {
	w.b.WriteByte(' ')
	w.b.WriteString(name)
	w.b.WriteString(`="`)
	for _, r := range value {
		switch r {
		case '&':
			w.b.WriteString("&amp;")
		case '<':
			w.b.WriteString("&lt;")
		case '"':
			w.b.WriteString("&quot;")
		default:
			w.b.WriteRune(r)
		}
	}
	w.b.WriteByte('"')
}

func (w *xmlWriter) text(s string) {
	w.closeStart()
	w.state = 2
	w.escaped(s)
}

// valueText writes a struct's value-tag text. Spark writes it past the
// indenting writer, so it does not count as the element's text: an end
// tag after it still goes on its own line when children came before.
func (w *xmlWriter) valueText(s string) {
	w.closeStart()
	w.escaped(s)
}

func (w *xmlWriter) escaped(s string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			w.b.WriteString("&amp;")
		case '<':
			w.b.WriteString("&lt;")
		case '>':
			// Only "]]>" needs escaping in character data.
			if i >= 2 && s[i-1] == ']' && s[i-2] == ']' {
				w.b.WriteString("&gt;")
			} else {
				w.b.WriteByte('>')
			}
		default:
			w.b.WriteByte(c)
		}
	}
}

func (w *xmlWriter) end() {
	w.depth--
	name := w.names[len(w.names)-1]
	w.names = w.names[:len(w.names)-1]
	if w.pending {
		w.b.WriteString("/>")
		w.pending = false
	} else {
		if w.state == 1 {
			w.b.WriteByte('\n')
			w.b.WriteString(strings.Repeat("    ", w.depth))
		}
		w.b.WriteString("</")
		w.b.WriteString(name)
		w.b.WriteByte('>')
	}
	w.state = w.stack[len(w.stack)-1]
	w.stack = w.stack[:len(w.stack)-1]
}

// RenderXMLRow renders a row (tree as XMLTreeSQL produces it, decoded
// from JSON) of struct type st as the element tag, indented as at depth.
func RenderXMLRow(tree any, st types.Struct, o XMLOptions, tag string, depth int) string {
	w := &xmlWriter{depth: depth}
	r := xmlRenderer{w: w, o: o}
	r.element(tag, st, tree)
	return w.b.String()
}

// DecodeXMLTree decodes XMLTreeSQL's JSON text.
func DecodeXMLTree(s string) (any, error) {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return nil, err
	}
	return v, nil
}

type xmlRenderer struct {
	w *xmlWriter
	o XMLOptions
}

// field writes a struct field or map value: nothing (or the null value)
// for null, one element per item for arrays.
func (r xmlRenderer) field(name string, t types.DataType, v any) {
	if v == nil {
		r.null(name)
		return
	}
	if at, ok := t.(types.Array); ok {
		items, _ := v.([]any)
		for _, it := range items {
			r.item(name, at.Elem, it)
		}
		return
	}
	r.element(name, t, v)
}

func (r xmlRenderer) null(name string) {
	if r.o.NullValue != nil {
		r.w.start(name)
		r.w.text(*r.o.NullValue)
		r.w.end()
	}
}

// item writes one array element; an array inside an array becomes an
// element holding one arrayElementName element per item.
func (r xmlRenderer) item(name string, t types.DataType, v any) {
	if v == nil {
		r.null(name)
		return
	}
	if at, ok := t.(types.Array); ok {
		items, _ := v.([]any)
		r.w.start(name)
		for _, it := range items {
			r.item(r.o.ArrayElement, at.Elem, it)
		}
		r.w.end()
		return
	}
	r.element(name, t, v)
}

func (r xmlRenderer) element(name string, t types.DataType, v any) {
	r.w.start(name)
	switch tt := t.(type) {
	case types.Struct:
		vals, _ := v.([]any)
		at := func(i int) any {
			if i < len(vals) {
				return vals[i]
			}
			return nil
		}
		for i, f := range tt.Fields {
			if r.o.isAttrField(f.Name) {
				if s, ok := at(i).(string); ok {
					r.w.attr(f.Name[len(r.o.AttrPrefix):], s)
				}
			}
		}
		for i, f := range tt.Fields {
			switch {
			case r.o.isAttrField(f.Name):
			case f.Name == r.o.ValueTag:
				if s, ok := at(i).(string); ok {
					r.w.valueText(s)
				}
			default:
				r.field(f.Name, f.Type, at(i))
			}
		}
	case types.Map:
		pairs, _ := v.([]any)
		for _, p := range pairs {
			kv, _ := p.([]any)
			if len(kv) != 2 {
				continue
			}
			k, _ := kv[0].(string)
			r.field(k, tt.Value, kv[1])
		}
	case types.Array:
		items, _ := v.([]any)
		for _, it := range items {
			r.item(r.o.ArrayElement, tt.Elem, it)
		}
	default:
		if s, ok := v.(string); ok {
			r.w.text(s)
		}
	}
	r.w.end()
}
