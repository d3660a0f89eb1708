package analyzer

import (
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// streamSource resolves spark.readStream.format(...).load(): the source's
// schema as Spark gives it, so streaming DataFrames can be analyzed
// (schema, isStreaming, withWatermark). Batch execution refuses it; a
// started stream (package streaming) reads it batch by batch.
func (a *Analyzer) streamSource(x *plan.ReadSource) (logical.Plan, error) {
	format := a.sourceFormat(x.Format)
	opts := lowerKeys(x.Options)
	user, err := a.userSchema(x.Schema)
	if err != nil {
		return nil, err
	}
	var fields []types.Field
	switch format {
	case "rate", "rate-micro-batch":
		fields = []types.Field{{Name: "timestamp", Type: types.Timestamp}, {Name: "value", Type: types.Long}}
	case "socket":
		if opts["host"] == "" {
			return nil, legacyAnalysis("_LEGACY_ERROR_TEMP_1295", `Set a host to read from with option("host", ...).`)
		}
		if opts["port"] == "" {
			return nil, legacyAnalysis("_LEGACY_ERROR_TEMP_1296", `Set a port to read from with option("port", ...).`)
		}
		fields = []types.Field{{Name: "value", Type: types.String}}
		if strings.EqualFold(opts["includetimestamp"], "true") {
			fields = append(fields, types.Field{Name: "timestamp", Type: types.Timestamp})
		}
	case "parquet", "csv", "json", "text", "orc", "xml":
		switch {
		case len(user.Fields) > 0:
			fields = user.Fields
		case format == "text":
			fields = []types.Field{{Name: "value", Type: types.String}}
		default:
			const msg = "Schema must be specified when creating a streaming source DataFrame. If some files already exist in the directory, then depending on the file format you may be able to create a static DataFrame on that directory with 'spark.read.load(directory)' and infer schema from it."
			return nil, &sparkerr.Error{Class: "_LEGACY_ERROR_TEMP_2048", JavaClass: sparkerr.IllegalArgument, Text: msg}
		}
	case "kafka":
		return nil, legacyAnalysis("_LEGACY_ERROR_TEMP_1140", "Failed to find data source: kafka. Please deploy the application as per the deployment section of Structured Streaming + Kafka Integration Guide.")
	default:
		// Streaming sources are looked up by class name, so the miss is
		// a SparkClassNotFoundException here.
		return nil, sparkerr.Newf("DATA_SOURCE_NOT_FOUND", "provider", x.Format).WithJava("org.apache.spark.SparkClassNotFoundException")
	}
	attrs := make([]logical.Attr, len(fields))
	for i, f := range fields {
		attrs[i] = logical.Attr{ID: logical.NewID(), Name: f.Name, Type: f.Type, Nullable: true, Metadata: f.Metadata}
	}
	return &logical.StreamSource{Format: format, Options: opts, Paths: append([]string(nil), x.Paths...), Attrs: attrs}, nil
}

func legacyAnalysis(class, msg string) *sparkerr.Error {
	return &sparkerr.Error{Class: class, JavaClass: sparkerr.AnalysisException, Params: map[string]string{}, Text: msg}
}

// userSchema parses a reader's user-specified schema (DDL or JSON); empty
// when none was given.
func (a *Analyzer) userSchema(text string) (types.Struct, error) {
	if text == "" {
		return types.Struct{}, nil
	}
	return a.parseSchema(text)
}

// sourceFormat is a reader's format, lower-cased, or the session's
// spark.sql.sources.default when none was named.
func (a *Analyzer) sourceFormat(format string) string {
	if format == "" {
		format = a.Session.Conf.GetOr("spark.sql.sources.default", "parquet")
	}
	return strings.ToLower(format)
}

// streamTable resolves spark.readStream.table(name): a streaming
// DataFrame (a temp view of one) as it is, and a catalog table as a
// "table" stream source whose batches are the table's new data files.
func (a *Analyzer) streamTable(x *plan.ReadTable) (logical.Plan, error) {
	batch := *x
	batch.Streaming = false
	p, err := a.readTable(&batch)
	if err != nil || logical.IsStreaming(p) {
		return p, err
	}
	var scan *logical.TableScan
	var replace func(p logical.Plan) (logical.Plan, error)
	replace = func(p logical.Plan) (logical.Plan, error) {
		if ts, ok := p.(*logical.TableScan); ok {
			if scan != nil {
				return nil, sparkerr.Unsupported("readStream.table over a view reading several tables")
			}
			scan = ts
			if len(ts.PartCols) > 0 || len(ts.Located) > 0 || ts.InputFile != nil || ts.Evolved {
				return nil, sparkerr.Unsupported("readStream.table of a partitioned or altered table")
			}
			return &logical.StreamSource{Format: "table", Attrs: ts.Attrs, Options: map[string]string{
				"__db": ts.DB, "__table": ts.Name, "__format": ts.Format}}, nil
		}
		ch := p.Children()
		if len(ch) == 0 {
			return p, nil
		}
		out := make([]logical.Plan, len(ch))
		for i, c := range ch {
			n, err := replace(c)
			if err != nil {
				return nil, err
			}
			out[i] = n
		}
		return logical.WithChildren(p, out)
	}
	q, err := replace(p)
	if err != nil {
		return nil, err
	}
	if scan == nil {
		return nil, sparkerr.Unsupported("readStream.table of " + sparkerr.QuoteID(x.Name...) + " (not a file-based catalog table)")
	}
	return q, nil
}
