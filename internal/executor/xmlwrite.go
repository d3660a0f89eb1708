package executor

import (
	"bufio"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/google/uuid"

	"github.com/emberdb/ember/internal/analyzer"
	"github.com/emberdb/ember/internal/catalog"
	"github.com/emberdb/ember/internal/engine/duckdb"
	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// Spark's XML writer: each output file is the declaration, the root tag
// and one element per row rendered as to_xml renders it (one level
// deeper); a file gets nothing at all when it has no rows. Rows are
// rendered by the engine (functions.XMLRenderSQL) and the files written
// here, one per partition directory.

const xmlDefaultDeclaration = `version="1.0" encoding="UTF-8" standalone="yes"`

// XMLWriteOptions checks the writer's options before anything is written.
func xmlWriteOptions(s *session.Session, opts map[string]string) (tag string, err error) {
	if session.ClientMajorVersion(s.ClientType) == "3" {
		return "", analyzer.XMLNotFound35("xml")
	}
	tag = opts["rowtag"]
	if strings.TrimSpace(tag) == "" {
		return "", sparkerr.Newf("XML_ROW_TAG_MISSING", "rowTag", "`rowTag`")
	}
	if _, err := functions.ParseXMLOptions("the XML writer", opts, functions.XMLForWrite); err != nil {
		return "", err
	}
	if _, err := xmlCompression(opts); err != nil {
		return "", err
	}
	return tag, nil
}

// xmlCompression is the file extension suffix of the compression option.
func xmlCompression(opts map[string]string) (string, error) {
	c, ok := opts["compression"]
	if !ok {
		c = opts["codec"]
	}
	switch strings.ToLower(strings.TrimSpace(c)) {
	case "", "none", "uncompressed":
		return "", nil
	case "gzip":
		return ".gz", nil
	case "bzip2", "deflate", "lz4", "snappy":
		return "", sparkerr.Unsupported("the XML writer option compression=" + c)
	}
	return "", sparkerr.Newf("CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION", "codecName", c, "availableCodecs", "bzip2, deflate, uncompressed, snappy, none, lz4, gzip")
}

// writeXML writes lp's rows as XML files under dir.
func (c *Core) writeXML(ctx context.Context, es *duckdb.Session, s *session.Session, lp logical.Plan, dir string, partitionBy []string, opts map[string]string) error {
	tag, err := xmlWriteOptions(s, opts)
	if err != nil {
		return err
	}
	o, _ := functions.ParseXMLOptions("the XML writer", opts, functions.XMLForWrite)
	gz, _ := xmlCompression(opts)
	root := "ROWS"
	if v, ok := opts["roottag"]; ok {
		root = v
	}
	decl := xmlDefaultDeclaration
	if v, ok := opts["declaration"]; ok {
		decl = v
	}
	isPart := func(n string) bool {
		for _, p := range partitionBy {
			if strings.EqualFold(p, n) {
				return true
			}
		}
		return false
	}
	fctx := &functions.Ctx{ANSI: s.Conf.ANSI(), TimeZone: s.Conf.TimeZone()}
	var args []logical.Expr
	var fields []types.Field
	var parts []logical.Named
	var partNames []string
	for _, a := range lp.Output() {
		if isPart(a.Name) {
			v := logical.Attr{ID: logical.NewID(), Name: a.Name, Type: types.String, Nullable: true}
			e := xmlRawCall("ember_partition_value", types.String, func(as []string) string {
				return "COALESCE(CAST(" + as[0] + " AS VARCHAR), '__HIVE_DEFAULT_PARTITION__')"
			}, &logical.ColRef{Attr: a})
			parts = append(parts, logical.Named{Attr: v, Expr: e})
			partNames = append(partNames, a.Name)
			continue
		}
		args = append(args, &logical.Lit{T: types.String, V: a.Name, Text: a.Name}, &logical.ColRef{Attr: a})
		fields = append(fields, types.Field{Name: a.Name, Type: a.Type, Nullable: true})
	}
	for _, p := range partitionBy {
		found := false
		for _, n := range partNames {
			found = found || strings.EqualFold(n, p)
		}
		if !found {
			return sparkerr.Newf("UNRESOLVED_COLUMN.WITH_SUGGESTION", "objectName", sparkerr.QuoteID(p), "proposal", "")
		}
	}
	st := types.Struct{Fields: fields}
	name := "part-00000-" + uuid.NewString() + "-c000.xml" + gz
	if !strings.EqualFold(strings.TrimSpace(opts["validatename"]), "false") {
		if bad := xmlInvalidName(st, o, tag, root); bad != "" {
			// Spark's writer refuses the name when it writes the first row.
			return sparkerr.Newf("TASK_WRITE_FAILED", "path", "file:"+filepath.Join(dir, name))
		}
	}
	lc := &functions.LowerCtx{TimeZone: s.Conf.TimeZone()}
	if _, err := functions.XMLTreeSQL(lc, "x", st, o); err != nil {
		return err
	}
	var row logical.Expr = &logical.Lit{T: types.Null}
	if len(args) > 0 {
		if row, err = functions.Call(fctx, "named_struct", args, false); err != nil {
			return err
		}
	}
	var renderErr error
	render := xmlRawCall("ember_xml_row", types.String, func(as []string) string {
		if len(fields) == 0 {
			return functions.QuoteString("\n    <" + tag + "/>")
		}
		sqlText, err := functions.XMLRenderSQL(lc, as[0], st, o, tag, 1)
		if err != nil {
			renderErr = err
			return "NULL"
		}
		return sqlText
	}, row)
	exprs := append([]logical.Named{{Attr: logical.Attr{ID: logical.NewID(), Name: "value", Type: types.String, Nullable: true}, Expr: render}}, parts...)
	res, err := c.eng.Execute(ctx, es, &logical.Project{Input: lp, Exprs: exprs}, s)
	if renderErr != nil {
		if res != nil {
			res.Close()
		}
		return renderErr
	}
	if err != nil {
		return err
	}
	defer res.Close()
	files := map[string]*xmlFile{}
	var order []*xmlFile
	defer func() {
		for _, f := range order {
			f.abort()
		}
	}()
	for res.Next() {
		rec := res.Record()
		n := int(rec.NumRows())
		for i := 0; i < n; i++ {
			sub := dir
			for j, pn := range partNames {
				v := arrowString(rec.Column(j+1), i)
				sub = filepath.Join(sub, pn+"="+catalog.EscapePartitionValue(v))
			}
			f := files[sub]
			if f == nil {
				if f, err = newXMLFile(filepath.Join(sub, name), gz != "", decl, root); err != nil {
					return err
				}
				files[sub] = f
				order = append(order, f)
			}
			if err := f.row(arrowString(rec.Column(0), i)); err != nil {
				return err
			}
		}
	}
	if err := res.Err(); err != nil {
		return err
	}
	if len(order) == 0 && len(partNames) == 0 {
		// No rows: one empty file, as Spark writes for an empty partition.
		f, err := newXMLFile(filepath.Join(dir, name), gz != "", decl, root)
		if err != nil {
			return err
		}
		order = append(order, f)
	}
	for _, f := range order {
		if err := f.close(); err != nil {
			return err
		}
	}
	order = nil
	return nil
}

func xmlRawCall(name string, t types.DataType, lower func(args []string) string, args ...logical.Expr) *logical.Call {
	return &logical.Call{
		Fn: name, Args: args, T: t, Null: true, Kind: logical.Scalar, Pretty: name,
		Impl: &functions.Def{Name: name, Lower: func(_ *functions.LowerCtx, _ *logical.Call, as []string) (string, error) {
			return lower(as), nil
		}},
	}
}

// arrowString reads row i of a string column ("" for null).
func arrowString(col interface{ IsNull(int) bool }, i int) string {
	if col.IsNull(i) {
		return ""
	}
	switch c := col.(type) {
	case *array.String:
		return c.Value(i)
	case *array.LargeString:
		return c.Value(i)
	case *array.StringView:
		return c.Value(i)
	case interface{ ValueStr(int) string }:
		return c.ValueStr(i)
	}
	return ""
}

// xmlFile is one XML output file being written.
type xmlFile struct {
	path   string
	f      *os.File
	gz     *gzip.Writer
	w      *bufio.Writer
	decl   string
	root   string
	opened bool
}

func newXMLFile(path string, gz bool, decl, root string) (*xmlFile, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, sparkerr.Internal("creating %s: %v", filepath.Dir(path), err)
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, sparkerr.Internal("creating %s: %v", path, err)
	}
	x := &xmlFile{path: path, f: f, decl: decl, root: root}
	var w io.Writer = f
	if gz {
		x.gz = gzip.NewWriter(f)
		w = x.gz
	}
	x.w = bufio.NewWriter(w)
	return x, nil
}

// row appends a rendered row (it starts with its newline and indent).
func (x *xmlFile) row(s string) error {
	if !x.opened {
		x.opened = true
		if x.decl != "" {
			x.w.WriteString("<?xml " + x.decl + "?>\n")
		}
		x.w.WriteString("<" + x.root + ">")
	}
	if _, err := x.w.WriteString(s); err != nil {
		return sparkerr.Internal("writing %s: %v", x.path, err)
	}
	return nil
}

func (x *xmlFile) close() error {
	if x.opened {
		x.w.WriteString("\n</" + x.root + ">")
	}
	err := x.w.Flush()
	if x.gz != nil && err == nil {
		err = x.gz.Close()
	}
	if cerr := x.f.Close(); err == nil {
		err = cerr
	}
	x.f = nil
	if err != nil {
		return sparkerr.Internal("writing %s: %v", x.path, err)
	}
	return nil
}

// abort closes a file left open by a failed write (the staging directory
// holding it is removed by the caller).
func (x *xmlFile) abort() {
	if x.f != nil {
		x.f.Close()
		x.f = nil
	}
}

// xmlInvalidName is the first name the writer would write that is not an
// XML name ("" when all are valid).
func xmlInvalidName(st types.Struct, o functions.XMLOptions, tag, root string) string {
	names := []string{tag, root, o.ArrayElement}
	var walk func(t types.DataType)
	walk = func(t types.DataType) {
		switch x := t.(type) {
		case types.Struct:
			for _, f := range x.Fields {
				switch {
				case f.Name == o.ValueTag:
				case o.AttrPrefix != "" && strings.HasPrefix(f.Name, o.AttrPrefix):
					names = append(names, f.Name[len(o.AttrPrefix):])
				default:
					names = append(names, f.Name)
				}
				walk(f.Type)
			}
		case types.Array:
			walk(x.Elem)
		case types.Map:
			walk(x.Value)
		}
	}
	walk(st)
	for _, n := range names {
		if !isXMLName(n) {
			return n
		}
	}
	return ""
}

// isXMLName reports whether s is an XML name.
func isXMLName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		ok := r == '_' || r == ':' || unicode.IsLetter(r)
		if i > 0 {
			ok = ok || r == '-' || r == '.' || unicode.IsDigit(r) || r == 0xB7
		}
		if !ok {
			return false
		}
	}
	return true
}
