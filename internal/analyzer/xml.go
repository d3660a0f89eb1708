package analyzer

import (
	"strings"

	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// Spark's XML data source (spark.read.xml over files, and over a DataFrame
// of strings through the Parse relation). Both become one plan: a relation
// with one XML record per row, whose records are inferred with
// schema_of_xml's rules (merged over all records, fields sorted by name)
// and parsed with from_xml. Over files, the engine's xml scan finds the
// rowTag elements anywhere in each file (ember_xml_records); a file that is
// not well-formed yields its records up to the error and then the whole
// file as one malformed record, as Spark 4 reports it.

// xmlScanColumns are the columns of a FileScan of format xml: the record,
// the whole text of its file (Spark's corrupt record for files) and the
// file's path.
const (
	xmlRecordCol = "value"
	xmlFileCol   = "__file"
	xmlPathCol   = "__path"
)

// xmlInput is a relation of XML records: rec holds one record per row;
// for files, file and path (when not nil) hold its file's text and path.
type xmlInput struct {
	in         logical.Plan
	rec        logical.Attr
	file, path *logical.Attr
	// parts are partition columns (strings from k=v directories), typed
	// by partTypes.
	parts     []logical.Attr
	partTypes []types.DataType
}

func (a *Analyzer) readXML(x *plan.ReadSource, user *types.Struct, opts map[string]string) (logical.Plan, error) {
	if session.ClientMajorVersion(a.Session.ClientType) == "3" {
		// Spark 3.5 has no built-in XML source.
		return nil, xmlNotFound35(x.Format)
	}
	if strings.TrimSpace(opts["rowtag"]) == "" {
		return nil, sparkerr.Newf("XML_ROW_TAG_MISSING", "rowTag", "`rowTag`")
	}
	if len(x.Paths) == 0 {
		return nil, sparkerr.Unsupported("reading a data source without paths")
	}
	partCols, partSchema, err := a.Catalog.FileSchema(a.Ctx, a.Session, "xml", x.Paths, opts)
	if err != nil {
		return nil, err
	}
	if user != nil {
		// Partition columns the user schema names are left to it.
		var keepCols []string
		var keep []types.Field
		for i, c := range partCols {
			named := false
			for _, f := range user.Fields {
				named = named || strings.EqualFold(f.Name, c)
			}
			if !named {
				keepCols, keep = append(keepCols, c), append(keep, partSchema.Fields[i])
			}
		}
		partCols, partSchema = keepCols, types.Struct{Fields: keep}
	}
	scan := func(cols ...string) (*logical.FileScan, []logical.Attr) {
		attrs := make([]logical.Attr, len(cols))
		for i, c := range cols {
			attrs[i] = logical.Attr{ID: logical.NewID(), Name: c, Type: types.String, Nullable: true}
		}
		return &logical.FileScan{Format: "xml", Paths: x.Paths, Options: opts, Attrs: attrs, Columns: cols}, attrs
	}
	return a.parseXML(user, opts, true, func(withFile, withPath bool) xmlInput {
		cols := []string{xmlRecordCol}
		if withFile {
			cols = append(cols, xmlFileCol)
		}
		if withPath {
			cols = append(cols, xmlPathCol)
		}
		n := len(cols)
		cols = append(cols, partCols...)
		s, attrs := scan(cols...)
		in := xmlInput{in: s, rec: attrs[0]}
		for i, c := range cols[:n] {
			at := attrs[i]
			switch c {
			case xmlFileCol:
				in.file = &at
			case xmlPathCol:
				in.path = &at
			}
		}
		for i := range partCols {
			in.parts = append(in.parts, attrs[n+i])
			in.partTypes = append(in.partTypes, partSchema.Fields[i].Type)
		}
		return in
	})
}

// parseXML builds the plan reading XML records. input gives the records
// (asked for the file text and path columns it needs); fromFiles selects
// Spark's file behaviour for corrupt records and FAILFAST errors.
func (a *Analyzer) parseXML(user *types.Struct, opts map[string]string, fromFiles bool, input func(withFile, withPath bool) xmlInput) (logical.Plan, error) {
	o, err := functions.ParseXMLOptions("spark.read.xml", opts, functions.XMLForRead)
	if err != nil {
		return nil, err
	}
	mode := parseMode(opts)
	corrupt := a.corruptColumn(opts)
	var schema types.Struct
	if user != nil {
		schema = *user
	} else {
		src := input(false, false)
		recs, err := a.evaluateStrings(&logical.Project{Input: src.in,
			Exprs: []logical.Named{{Attr: logical.Attr{ID: logical.NewID(), Name: "s", Type: types.String, Nullable: true}, Expr: &logical.ColRef{Attr: src.rec}}}},
			"spark.read.xml")
		if err != nil {
			return nil, err
		}
		var merged types.DataType = types.Struct{}
		sawCorrupt := false
		for _, r := range recs {
			if r[0] == nil {
				continue
			}
			t, ok := functions.InferXMLRecord(*r[0], o)
			if !ok {
				if mode == "FAILFAST" {
					return nil, malformedJSON(corrupt)
				}
				sawCorrupt = sawCorrupt || mode == "PERMISSIVE"
				continue
			}
			merged = functions.MergeXMLTypes(merged, t, o)
		}
		st, _ := functions.CanonicalJSONType(merged).(types.Struct)
		schema = withCorruptField(st, sawCorrupt, corrupt)
	}
	parsed, corruptAt := splitCorrupt(schema, corrupt, mode == "PERMISSIVE")
	src := input(fromFiles && corruptAt >= 0, fromFiles && mode == "FAILFAST")
	ref := &logical.ColRef{Attr: src.rec}
	partExprs := make([]logical.Named, len(src.parts))
	for i, pa := range src.parts {
		t := src.partTypes[i]
		partExprs[i] = logical.Named{Attr: logical.Attr{ID: logical.NewID(), Name: pa.Name, Type: t, Nullable: true},
			Expr: &logical.Cast{Child: &logical.ColRef{Attr: pa}, To: t, Mode: logical.Legacy, Null: true}}
	}
	if len(parsed.Fields) == 0 && corruptAt >= 0 && fromFiles {
		// Spark refuses to read files for the corrupt-record column alone.
		guard := rawCall("ember_xml_only_corrupt", types.Boolean, false, logical.Scalar, func([]string) string {
			return "(CASE WHEN true THEN " + functions.RaiseSQL("UNSUPPORTED_FEATURE.QUERY_ONLY_CORRUPT_RECORD_COLUMN") + " END)"
		})
		at := logical.Attr{ID: logical.NewID(), Name: schema.Fields[corruptAt].Name, Type: types.String, Nullable: true}
		return &logical.Project{Input: &logical.Filter{Input: src.in, Cond: guard},
			Exprs: append([]logical.Named{{Attr: at, Expr: &logical.Lit{T: types.String}}}, partExprs...)}, nil
	}
	if len(parsed.Fields) == 0 && corruptAt < 0 {
		// No columns (no records to infer from): one empty row per record.
		return &logical.Project{Input: src.in, Exprs: partExprs}, nil
	}
	schemaText := functions.SparkTypeSQL(parsed)
	enc := o.Encode()
	status := rawCall("ember_xml_status", types.Int, false, logical.Scalar, func(as []string) string {
		return "coalesce(ember_xml_status(" + as[0] + ", " + functions.QuoteString(schemaText) + ", " + functions.QuoteString(enc) + "), 0)"
	}, ref)
	bad := rawCall("ember_xml_bad", types.Boolean, false, logical.Scalar, func(as []string) string {
		return "(" + as[0] + " <> 0)"
	}, status)
	var in logical.Plan = src.in
	switch mode {
	case "DROPMALFORMED":
		keep := rawCall("ember_xml_good", types.Boolean, false, logical.Scalar, func(as []string) string {
			return "(" + as[0] + " = 0)"
		}, status)
		in = &logical.Filter{Input: in, Cond: keep}
	case "FAILFAST":
		var failArgs []logical.Expr
		failArgs = append(failArgs, status)
		if src.path != nil {
			failArgs = append(failArgs, &logical.ColRef{Attr: *src.path})
		}
		guard := rawCall("ember_xml_failfast", types.Boolean, false, logical.Scalar, func(as []string) string {
			raise := functions.RaiseSQL("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", "badRecord", "[null]", "failFastMode", "FAILFAST")
			if len(as) > 1 {
				raise = "error(" + functions.QuoteString(functions.ErrorMarker+"FAILED_READ_FILE.NO_HINT\x1fpath=") + " || 'file://' || " + as[1] + ")"
			}
			return "(CASE WHEN " + as[0] + " <> 0 THEN " + raise + " ELSE true END)"
		}, failArgs...)
		in = &logical.Filter{Input: in, Cond: guard}
	}
	fnOpts := map[string]string{}
	for _, k := range []string{"excludeattribute", "attributeprefix", "valuetag", "ignoresurroundingspaces", "nullvalue", "inferschema", "timestampformat", "dateformat"} {
		if v, ok := opts[k]; ok {
			fnOpts[k] = v
		}
	}
	corruptText := src.rec
	if src.file != nil {
		corruptText = *src.file
	}
	out, err := a.parseColumnsFrom(in, src.rec, corruptText, src.parts, "from_xml", schema, parsed, fnOpts, corruptAt, bad)
	if err != nil || len(partExprs) == 0 {
		return out, err
	}
	pr, ok := out.(*logical.Project)
	if !ok {
		return nil, sparkerr.Internal("spark.read.xml: unexpected plan %T", out)
	}
	pr.Exprs = append(pr.Exprs, partExprs...)
	return pr, nil
}

// parseXMLDataFrame is spark.read.xml over a DataFrame of strings: each
// string is one record (its root element, whatever its name); a NULL
// string is a row of NULLs.
func (a *Analyzer) parseXMLDataFrame(in logical.Plan, col logical.Attr, user *types.Struct, opts map[string]string) (logical.Plan, error) {
	return a.parseXML(user, opts, false, func(bool, bool) xmlInput {
		return xmlInput{in: in, rec: col}
	})
}

// xmlNotFound35 is Spark 3.5's error for the XML source it does not have.
func xmlNotFound35(format string) error {
	return sparkerr.Newf("DATA_SOURCE_NOT_FOUND", "provider", format).WithJava("org.apache.spark.SparkClassNotFoundException")
}

// XMLNotFound35 is xmlNotFound35 for the writer.
func XMLNotFound35(format string) error { return xmlNotFound35(format) }
