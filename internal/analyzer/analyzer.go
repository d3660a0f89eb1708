// Package analyzer turns Ember's unresolved plan (package plan) into a
// resolved, typed logical plan (package logical). It is the only place that
// decides Spark semantics:
//
//   - names: case-insensitive matching (unless spark.sql.caseSensitive),
//     qualifiers from aliases, df.col references through Connect plan ids,
//     nested struct fields, stars, ambiguity and "did you mean" errors;
//   - types: every function's Spark result type and implicit casts come from
//     the function registry (package functions), casts follow Spark's rules;
//   - shapes: aggregates in a projection become an Aggregate, using-joins
//     coalesce their keys, set operations widen column types, output
//     column names follow Spark's pretty SQL.
//
// The analyzer never runs a query; for file sources and local data it asks
// its Catalog for schemas, which is how AnalyzePlan answers df.schema
// without executing anything.
//
//	plan.Project[age + 1000 AS plus1k]          logical.Project [(age#2 + CAST(1000 AS BIGINT)) AS plus1k#3]
//	└─ plan.LocalData(arrow)          ──────►   └─ logical.LocalTable t1 [id#1 bigint, age#2 bigint]
package analyzer

import (
	"context"
	"fmt"
	"strings"

	"github.com/emberdb/ember/internal/catalog"
	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// Catalog answers the questions the analyzer cannot answer alone.
type Catalog interface {
	// LocalTable stores createDataFrame data (an Arrow IPC stream) in the
	// engine and returns the table name, its column names and the Spark
	// schema read from the Arrow data.
	LocalTable(ctx context.Context, s *session.Session, arrowIPC [][]byte) (table string, columns []string, schema types.Struct, err error)
	// FileSchema infers the schema of files read through a format.
	FileSchema(ctx context.Context, s *session.Session, format string, paths []string, options map[string]string) (columns []string, schema types.Struct, err error)
	// CachedLocalRelation returns the Arrow data and schema string of an
	// uploaded "cache/<hash>" local relation.
	CachedLocalRelation(s *session.Session, hash string) (arrowIPC []byte, schema string, err error)
	// Artifact returns the bytes of a session artifact ("cache/<hash>").
	Artifact(s *session.Session, name string) ([]byte, error)
	// Table returns a table or view of the persistent catalog and, for
	// tables, the snapshot of files a reader reads (TABLE_OR_VIEW_NOT_FOUND
	// when there is none).
	Table(ctx context.Context, db, name string) (*catalog.Table, *catalog.Snapshot, error)
}

// Parser is the SQL parser the analyzer uses for spark.sql text and schema
// strings (package sql implements it).
type Parser interface {
	ParseQuery(text string) (plan.Relation, error)
	ParseDataType(text string) (types.DataType, error)
	ParseTableSchema(text string) (types.Struct, error)
}

// Analyzer resolves plans for one session.
type Analyzer struct {
	Ctx     context.Context
	Session *session.Session
	Catalog Catalog
	Parser  Parser

	fctx *functions.Ctx
	// currentDB overrides the session's current database while a
	// persistent view's text is analyzed; viewDepth bounds view nesting.
	currentDB string
	viewDepth int
	// TempRefs lists the temporary views the plan reads (CREATE VIEW
	// refuses them: INVALID_TEMP_OBJ_REFERENCE).
	TempRefs []string
	// ctes holds WITH-clause and WithRelations definitions in scope.
	refs map[string]plan.Relation
	// depth guards runaway recursion (views referring to themselves).
	depth int
	// sawPython is set once a Python UDF call is resolved: only then does
	// the finished plan need extractPython.
	sawPython bool
	// params are spark.sql arguments in scope.
	params *sqlParams
	// outer is the enclosing query's scope while a subquery is resolved.
	outer *scope
	// namedLambdas makes new lambda variables print their own names
	// (a lambda rendered as Spark shows it before binding).
	namedLambdas bool
	// ignoreNullsClause marks the next function call as written with an
	// IGNORE NULLS clause (see nullTreatment).
	ignoreNullsClause bool
}

// New creates an analyzer for a session.
func New(ctx context.Context, s *session.Session, cat Catalog, p Parser) *Analyzer {
	return &Analyzer{
		Ctx: ctx, Session: s, Catalog: cat, Parser: p,
		fctx: &functions.Ctx{ANSI: s.Conf.ANSI(), TimeZone: s.Conf.TimeZone()},
	}
}

const maxDepth = 3000

// Resolve analyzes a relation.
func (a *Analyzer) Resolve(r plan.Relation) (logical.Plan, error) {
	a.depth++
	defer func() { a.depth-- }()
	if a.depth > maxDepth {
		return nil, sparkerr.Newf("CONNECT.INVALID_PLAN", "msg", "The plan is nested too deeply.")
	}
	if r == nil {
		// SQL clauses without FROM read Spark's one-row relation (the
		// Connect converter rejects missing inputs before this point).
		return &logical.OneRow{}, nil
	}
	p, err := a.resolve(r)
	if err != nil {
		return nil, err
	}
	if b := r.Base(); b.HasPlanID {
		m := p.Meta()
		if m.HasPlanID && m.PlanID != b.PlanID {
			// Keep both ids reachable: wrap in a pass-through alias node.
			p = &logical.Alias{Info: logical.Info{PlanID: b.PlanID, HasPlanID: true}, Input: p, Out: p.Output()}
		} else {
			m.PlanID, m.HasPlanID = b.PlanID, true
		}
	}
	if a.depth == 1 {
		// The whole plan is resolved: tie input_file_name() and friends
		// to the file scans their rows come from.
		if err := checkAggregateArgs(p); err != nil {
			return nil, err
		}
		if err := checkInputFileSources(p); err != nil {
			return nil, err
		}
		p = bindInputFiles(p)
		if a.sawPython {
			if p, err = extractPython(p); err != nil {
				return nil, err
			}
		}
	}
	return p, nil
}

func (a *Analyzer) resolve(r plan.Relation) (logical.Plan, error) {
	switch x := r.(type) {
	case *plan.EngineTable:
		attrs := make([]logical.Attr, len(x.Schema.Fields))
		for i, f := range x.Schema.Fields {
			attrs[i] = logical.Attr{ID: logical.NewID(), Name: f.Name, Type: f.Type, Nullable: f.Nullable, Metadata: f.Metadata}
		}
		return &logical.LocalTable{Table: x.Table, Columns: x.Columns, Attrs: attrs}, nil
	case *plan.CachedRemote:
		r, ok := a.Session.CachedRemote(x.ID)
		if !ok {
			return nil, sparkerr.Newf("CONNECT.INVALID_PLAN", "msg", "No DataFrame with id "+x.ID+" is found in the session "+a.Session.ID)
		}
		return a.resolve(r)
	case *plan.LocalData:
		return a.localData(x)
	case *plan.CachedLocalData:
		data, schema, err := a.Catalog.CachedLocalRelation(a.Session, x.Hash)
		if err != nil {
			return nil, err
		}
		return a.localData(&plan.LocalData{ArrowIPC: data, Schema: schema})
	case *plan.ChunkedCachedLocalData:
		return a.chunkedLocalData(x)
	case *plan.Range:
		step := x.Step
		if step == 0 {
			return nil, sparkerr.Newf("INVALID_PARAMETER_VALUE", "parameter", "`step`", "functionName", "`range`", "message", "requires a non-zero step")
		}
		return &logical.Range{Start: x.Start, End: x.End, Step: step, NumPartitions: int64(x.NumPartitions), Attr: logical.Attr{ID: logical.NewID(), Name: "id", Type: types.Long}}, nil
	case *plan.ReadTable:
		return a.readTable(x)
	case *plan.ReadSource:
		if x.Streaming {
			return a.streamSource(x)
		}
		return a.readSource(x)
	case *plan.Project:
		return a.project(x)
	case *plan.Filter:
		in, err := a.Resolve(x.Input)
		if err != nil {
			return nil, err
		}
		cond, err := a.expr(x.Cond, a.scopeOf(in))
		if err != nil {
			return nil, err
		}
		cond, err = a.requireBoolean(cond)
		if err != nil {
			return nil, err
		}
		if hasSequenceID(cond) {
			return filterWithSequenceID(in, cond), nil
		}
		return &logical.Filter{Input: in, Cond: cond}, nil
	case *plan.Sort:
		return a.sort(x)
	case *plan.Limit:
		in, err := a.Resolve(x.Input)
		if err != nil {
			return nil, err
		}
		n, err := a.constInt(x.N, "limit")
		if err != nil {
			return nil, err
		}
		if n > 0 {
			pushRecursiveLimit(in, int64(n))
		}
		return &logical.Limit{Input: in, N: n}, nil
	case *plan.Offset:
		in, err := a.Resolve(x.Input)
		if err != nil {
			return nil, err
		}
		n, err := a.constInt(x.N, "offset")
		if err != nil {
			return nil, err
		}
		return &logical.Offset{Input: in, N: n}, nil
	case *plan.Aggregate:
		return a.aggregate(x)
	case *plan.Join:
		return a.join(x)
	case *plan.AsOfJoin:
		return a.asOfJoin(x)
	case *plan.NearestByJoin:
		return a.nearestByJoin(x)
	case *plan.SetOp:
		return a.setOp(x)
	case *plan.Deduplicate:
		return a.dedup(x)
	case *plan.WithColumns:
		return a.withColumns(x)
	case *plan.WithColumnsRenamed:
		return a.renamed(x)
	case *plan.Drop:
		return a.drop(x)
	case *plan.ToDF:
		in, err := a.Resolve(x.Input)
		if err != nil {
			return nil, err
		}
		out := in.Output()
		if len(out) != len(x.Names) {
			e := sparkerr.Newf("ASSIGNMENT_ARITY_MISMATCH", "numTarget", fmt.Sprint(len(out)), "numExpr", fmt.Sprint(len(x.Names)))
			// Spark 3.5 checks the arity with a plain requirement.
			e.JavaClass35 = sparkerr.IllegalArgument
			e.Text35 = fmt.Sprintf("requirement failed: The number of columns doesn't match.\nOld column names (%d): %s\nNew column names (%d): %s",
				len(out), strings.Join(attrNames(out), ", "), len(x.Names), strings.Join(x.Names, ", "))
			return nil, e
		}
		return renameAll(in, x.Names), nil
	case *plan.SubqueryAlias:
		in, err := a.Resolve(x.Input)
		if err != nil {
			return nil, err
		}
		out := in.Output()
		if len(x.ColumnAliases) > 0 {
			if len(x.ColumnAliases) != len(out) {
				return nil, sparkerr.Newf("ASSIGNMENT_ARITY_MISMATCH", "numTarget", fmt.Sprint(len(x.ColumnAliases)), "numExpr", fmt.Sprint(len(out)))
			}
			in = renameAll(in, x.ColumnAliases)
			out = in.Output()
		}
		q := append(append([]string{}, x.Qualifier...), x.Alias)
		na := make([]logical.Attr, len(out))
		for i, at := range out {
			at.Qualifier = q
			na[i] = at
		}
		return &logical.Alias{Input: in, Out: na}, nil
	case *plan.Hint:
		return a.Resolve(x.Input)
	case *plan.CollectMetrics:
		return a.collectMetrics(x)
	case *plan.Repartition:
		return a.repartition(x)
	case *plan.MapPartitions:
		return a.mapPartitions(x)
	case *plan.PythonUDTF:
		return a.pythonUDTF(x)
	case *plan.GroupMap:
		return a.groupMap(x)
	case *plan.Sample:
		in, err := a.Resolve(x.Input)
		if err != nil {
			return nil, err
		}
		return &logical.Sample{Input: in, Lower: x.Lower, Upper: x.Upper, WithReplacement: x.WithReplacement, Seed: x.Seed, DeterministicOrder: x.DeterministicOrder}, nil
	case *plan.SQL:
		return a.sqlRelation(x)
	case *plan.WithRelations:
		return a.withRelations(x)
	case *plan.FillNA:
		return a.fillNA(x)
	case *plan.DropNA:
		return a.dropNA(x)
	case *plan.ReplaceNA:
		return a.replaceNA(x)
	case *plan.Values:
		return a.values(x)
	case *plan.WithCTE:
		return a.withCTE(x)
	case *boundRef:
		return a.bound(x)
	case *recursiveDef:
		return a.recursive(x)
	case *selfRef:
		return x.resolve()
	case *plan.TableFunction:
		return a.tableFunction(x)
	case *plan.LateralView:
		return a.lateralView(x)
	case *plan.Qualify:
		return a.qualify(x)
	case *plan.Pivot:
		return a.sqlPivot(x)
	case *plan.Unpivot:
		return a.unpivot(x)
	case *plan.LateralJoin:
		return a.lateralJoin(x)
	case *plan.StatCov:
		return a.statCov(x)
	case *plan.StatCorr:
		return a.statCorr(x)
	case *plan.StatApproxQuantile:
		return a.statApproxQuantile(x)
	case *plan.StatCrosstab:
		return a.statCrosstab(x)
	case *plan.StatFreqItems:
		return a.statFreqItems(x)
	case *plan.StatSampleBy:
		return a.statSampleBy(x)
	case *plan.Describe:
		return a.describe(x)
	case *plan.Summary:
		return a.summary(x)
	case *plan.WithWatermark:
		return a.withWatermark(x)
	case *plan.ToSchema:
		return a.toSchema(x)
	case *plan.Transpose:
		return a.transpose(x)
	case *plan.Parse:
		return a.parse(x)
	case *plan.Unsupported:
		return nil, sparkerr.Unsupported(x.Feature)
	case *plan.ShowString, *plan.HTMLString, *plan.Tail:
		return nil, sparkerr.Unsupported(fmt.Sprintf("%T inside another relation", r))
	}
	return nil, sparkerr.Unsupported(fmt.Sprintf("relation %T", r))
}

func attrNames(as []logical.Attr) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Name
	}
	return out
}

// renameAll projects the input with new names (fresh ids).
func renameAll(in logical.Plan, names []string) logical.Plan {
	out := in.Output()
	ns := make([]logical.Named, len(out))
	for i, at := range out {
		nat := at
		nat.ID = logical.NewID()
		nat.Name = names[i]
		nat.Qualifier = nil
		ns[i] = logical.Named{Attr: nat, Expr: &logical.ColRef{Attr: at}}
	}
	return &logical.Project{Input: in, Exprs: ns}
}

func (a *Analyzer) localData(x *plan.LocalData) (logical.Plan, error) {
	var declared *types.Struct
	if x.Schema != "" {
		st, err := a.parseSchema(x.Schema)
		if err != nil {
			return nil, err
		}
		declared = &st
	}
	if len(x.ArrowIPC) == 0 {
		if declared == nil {
			return nil, sparkerr.Newf("CONNECT.INVALID_PLAN", "msg", "A local relation has neither data nor schema.")
		}
		// Schema only: an empty table.
		attrs := make([]logical.Attr, len(declared.Fields))
		rows := [][]logical.Expr{}
		for i, f := range declared.Fields {
			attrs[i] = logical.Attr{ID: logical.NewID(), Name: f.Name, Type: f.Type, Nullable: f.Nullable, Metadata: f.Metadata}
		}
		return &logical.Values{Rows: rows, Attrs: attrs}, nil
	}
	return a.localTable([][]byte{x.ArrowIPC}, declared)
}

// chunkedLocalData reads large createDataFrame data uploaded as artifacts:
// Arrow IPC chunks and an optional schema (JSON) artifact.
func (a *Analyzer) chunkedLocalData(x *plan.ChunkedCachedLocalData) (logical.Plan, error) {
	var declared *types.Struct
	if x.SchemaHash != "" {
		b, err := a.Catalog.Artifact(a.Session, "cache/"+x.SchemaHash)
		if err != nil {
			return nil, err
		}
		st, err := a.parseSchema(string(b))
		if err != nil {
			return nil, err
		}
		declared = &st
	}
	chunks := make([][]byte, 0, len(x.DataHashes))
	for _, h := range x.DataHashes {
		b, err := a.Catalog.Artifact(a.Session, "cache/"+h)
		if err != nil {
			return nil, err
		}
		chunks = append(chunks, b)
	}
	if len(chunks) == 0 {
		return nil, sparkerr.Newf("CONNECT.INVALID_PLAN", "msg", "A chunked local relation has no data chunks.")
	}
	return a.localTable(chunks, declared)
}

func (a *Analyzer) localTable(chunks [][]byte, declared *types.Struct) (logical.Plan, error) {
	table, cols, schema, err := a.Catalog.LocalTable(a.Ctx, a.Session, chunks)
	if err != nil {
		return nil, err
	}
	fields := schema.Fields
	if declared != nil {
		if len(declared.Fields) != len(fields) {
			return nil, sparkerr.Newf("CONNECT.INVALID_PLAN", "msg", fmt.Sprintf("The local relation's schema has %d columns but its data has %d.", len(declared.Fields), len(fields)))
		}
		if err := checkLocalIntervals(fields, declared.Fields); err != nil {
			return nil, err
		}
		fields = declared.Fields
	}
	attrs := make([]logical.Attr, len(fields))
	for i, f := range fields {
		attrs[i] = logical.Attr{ID: logical.NewID(), Name: f.Name, Type: f.Type, Nullable: f.Nullable, Metadata: f.Metadata}
	}
	return &logical.LocalTable{Table: table, Columns: cols, Attrs: attrs, ClientRows: true, Stats: localStats(chunks)}, nil
}

// parseSchema reads a schema string: Spark JSON, or DDL.
func (a *Analyzer) parseSchema(s string) (types.Struct, error) {
	t := strings.TrimSpace(s)
	if strings.HasPrefix(t, "{") {
		dt, err := types.ParseJSON(t)
		if err != nil {
			return types.Struct{}, err
		}
		if st, ok := dt.(types.Struct); ok {
			return st, nil
		}
		return types.Struct{Fields: []types.Field{{Name: "value", Type: dt, Nullable: true}}}, nil
	}
	st, err := a.Parser.ParseTableSchema(t)
	if err == nil {
		return st, nil
	}
	dt, err2 := a.Parser.ParseDataType(t)
	if err2 != nil {
		// Then as the fields of a struct: "a: int, b: string".
		var err3 error
		if dt, err3 = a.Parser.ParseDataType("struct<" + t + ">"); err3 != nil {
			return types.Struct{}, err
		}
	}
	if st, ok := dt.(types.Struct); ok {
		return st, nil
	}
	return types.Struct{Fields: []types.Field{{Name: "value", Type: dt, Nullable: true}}}, nil
}

func (a *Analyzer) readTable(x *plan.ReadTable) (logical.Plan, error) {
	if x.Streaming {
		return a.streamTable(x)
	}
	name := x.Name
	if len(name) == 1 {
		if r, ok := a.refs[strings.ToLower(name[0])]; ok {
			return a.Resolve(r)
		}
		if r, ok := a.Session.TempView(name[0]); ok {
			a.TempRefs = append(a.TempRefs, name[0])
			p, err := a.Resolve(r)
			if err != nil {
				return nil, err
			}
			return qualify(p, name), nil
		}
	}
	if len(name) == 2 && strings.EqualFold(name[0], "global_temp") {
		if r, ok := session.Global.Get(name[1]); ok {
			p, err := a.Resolve(r)
			if err != nil {
				return nil, err
			}
			return qualify(p, name), nil
		}
	}
	if p, found, err := a.catalogTable(name); found || err != nil {
		return p, err
	}
	// format.`path` reads files directly (SELECT * FROM parquet.`/data/x`).
	if len(name) == 2 {
		switch f := strings.ToLower(name[0]); f {
		case "parquet", "csv", "json", "text", "orc":
			return a.readSource(&plan.ReadSource{Format: f, Paths: []string{name[1]}})
		case "xml":
			if session.ClientMajorVersion(a.Session.ClientType) != "3" {
				return a.readSource(&plan.ReadSource{Format: f, Paths: []string{name[1]}})
			}
		}
	}
	return nil, sparkerr.Newf("TABLE_OR_VIEW_NOT_FOUND", "relationName", sparkerr.QuoteID(name...), "searchPath", a.SearchPath())
}

func qualify(p logical.Plan, q []string) logical.Plan {
	out := p.Output()
	na := make([]logical.Attr, len(out))
	for i, at := range out {
		at.Qualifier = q
		na[i] = at
	}
	return &logical.Alias{Input: p, Out: na}
}

func (a *Analyzer) readSource(x *plan.ReadSource) (logical.Plan, error) {
	format := a.sourceFormat(x.Format)
	switch format {
	case "parquet", "csv", "json", "text", "orc", "xml":
	default:
		return nil, sparkerr.Newf("DATA_SOURCE_NOT_FOUND", "provider", "`"+x.Format+"`")
	}
	if format == "orc" {
		return nil, sparkerr.Unsupported("the orc data source")
	}
	if len(x.Paths) == 0 {
		return nil, sparkerr.Unsupported("reading a data source without paths")
	}
	user, err := a.userSchema(x.Schema)
	if err != nil {
		return nil, err
	}
	opts := lowerKeys(x.Options)
	if format == "xml" {
		var u *types.Struct
		if x.Schema != "" {
			u = &user
		}
		return a.readXML(x, u, opts)
	}
	var cols []string
	var schema types.Struct
	if len(user.Fields) > 0 {
		schema = user
		cols = user.Names()
	} else {
		var err error
		cols, schema, err = a.Catalog.FileSchema(a.Ctx, a.Session, format, x.Paths, opts)
		if err != nil {
			return nil, err
		}
	}
	attrs := make([]logical.Attr, len(schema.Fields))
	for i, f := range schema.Fields {
		attrs[i] = logical.Attr{ID: logical.NewID(), Name: f.Name, Type: f.Type, Nullable: true, Metadata: f.Metadata}
	}
	return &logical.FileScan{Format: format, Paths: x.Paths, Options: opts, Attrs: attrs, Columns: cols, Schema: user}, nil
}

func lowerKeys(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[strings.ToLower(k)] = v
	}
	return out
}

func (a *Analyzer) constInt(e plan.Expr, what string) (int64, error) {
	le, err := a.expr(e, &scope{})
	if err != nil {
		return 0, err
	}
	l, ok := le.(*logical.Lit)
	if !ok || !types.IsIntegral(l.T) {
		return 0, sparkerr.Newf("INVALID_LIMIT_LIKE_EXPRESSION.IS_UNFOLDABLE", "name", what, "expr", "\""+le.SQL()+"\"")
	}
	n := int64(litInt64(l.V))
	if n < 0 {
		return 0, sparkerr.Newf("INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE", "name", what, "expr", "\""+le.SQL()+"\"", "v", fmt.Sprint(n))
	}
	return n, nil
}

func (a *Analyzer) requireBoolean(e logical.Expr) (logical.Expr, error) {
	switch e.Type().Kind() {
	case types.KindBoolean:
		return e, nil
	case types.KindNull:
		return functions.ImplicitCast(e, types.Boolean), nil
	}
	return nil, sparkerr.Newf("DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN", "sqlExpr", "\""+e.SQL()+"\"", "filter", "\""+e.SQL()+"\"", "type", "\""+strings.ToUpper(e.Type().SimpleString())+"\"")
}

func (a *Analyzer) sqlRelation(x *plan.SQL) (logical.Plan, error) {
	if a.Parser == nil {
		return nil, sparkerr.Unsupported("spark.sql")
	}
	r, err := a.Parser.ParseQuery(x.Query)
	if err != nil {
		return nil, err
	}
	saved := a.refs
	if len(x.Refs) > 0 {
		a.refs = map[string]plan.Relation{}
		for k, v := range saved {
			a.refs[k] = v
		}
		for k, v := range x.Refs {
			a.refs[strings.ToLower(k)] = v
		}
	}
	defer func() { a.refs = saved }()
	params := &sqlParams{named: x.Named, pos: x.Pos}
	prev := a.params
	a.params = params
	defer func() { a.params = prev }()
	return a.Resolve(r)
}

func (a *Analyzer) withRelations(x *plan.WithRelations) (logical.Plan, error) {
	saved := a.refs
	a.refs = map[string]plan.Relation{}
	for k, v := range saved {
		a.refs[k] = v
	}
	for _, ref := range x.References {
		if sa, ok := ref.(*plan.SubqueryAlias); ok {
			a.refs[strings.ToLower(sa.Alias)] = sa.Input
		}
	}
	defer func() { a.refs = saved }()
	return a.Resolve(x.Root)
}

func litInt64(v any) int64 { n, _ := logical.IntValue(v); return n }

// SearchPath is the function/table search path Spark reports in errors
// for a session whose current database is default.
const SearchPath = "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]"

// SearchPath is the search path of the analyzer's current database.
func (a *Analyzer) SearchPath() string { return SearchPathOf(a.CurrentDatabase()) }

// SearchPathOf is the search path Spark reports for a current database.
func SearchPathOf(db string) string {
	return "[`system`.`builtin`, `system`.`session`, " + sparkerr.QuoteID(catalog.SessionCatalogName, db) + "]"
}

// checkLocalIntervals rejects a declared ANSI interval column whose data
// has other fields: Arrow carries a day-time interval as a duration (read
// as DAY TO SECOND) and a year-month one as months (YEAR TO MONTH), and
// Spark converts the data to the declared type only where that cannot
// lose a field, so INTERVAL SECOND or INTERVAL MONTH data fail. Spark
// names the column by position (col_0, col_1 ...) in the error.
func checkLocalIntervals(data, declared []types.Field) error {
	for i, f := range data {
		have, want := f.Type, declared[i].Type
		if have.Kind() != want.Kind() || types.Equal(have, want) {
			continue
		}
		if have.Kind() != types.KindDayTimeInterval && have.Kind() != types.KindYearMonthInterval {
			continue
		}
		return toSchemaErr("INVALID_COLUMN_OR_FIELD_DATA_TYPE", "42000",
			"Column or field <name> is of type <type> while it's required to be <expectedType>.",
			"name", sparkerr.QuoteID(fmt.Sprintf("col_%d", i)), "type", "\""+functions.SparkTypeSQL(have)+"\"", "expectedType", "\""+functions.SparkTypeSQL(want)+"\"")
	}
	return nil
}
