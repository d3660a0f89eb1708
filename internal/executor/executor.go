// Package executor is the server's Core: it turns Connect plans into
// results.
//
//	sparkpb.Plan ─connect─► plan IR ─analyzer─► logical plan ─engine─► Arrow
//	                                                                     │
//	ExecutePlanResponse(schema), ArrowBatch… ◄── bounded IPC batches ◄───┘
//
// Top-level presentation relations (show_string, html_string, tail) are
// evaluated here from the input's rows; everything else is executed by the
// DuckDB engine.
package executor

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"google.golang.org/protobuf/proto"

	"github.com/emberdb/ember/internal/analyzer"
	"github.com/emberdb/ember/internal/catalog"
	"github.com/emberdb/ember/internal/connect"
	"github.com/emberdb/ember/internal/engine/duckdb"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/pyworker"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sparkpb"
	"github.com/emberdb/ember/internal/sql"
	"github.com/emberdb/ember/internal/types"
)

// Options configure the core.
type Options struct {
	Warehouse string
	// Threads / MemoryLimit for DuckDB ("" / 0 = defaults).
	Threads     int
	MemoryLimit string
	// Python is the interpreter that runs Python UDFs ("" picks
	// $PYSPARK_PYTHON, else python3).
	Python string
}

// Core implements server.Core on DuckDB.
type Core struct {
	eng   *duckdb.Engine
	store *catalog.Store // spark_catalog: databases, tables, views
	cache *tableCache    // CACHE TABLE / spark.catalog.cacheTable
	// persist holds the DataFrames persisted by df.cache()/persist().
	persist *persistCache
	opts    Options
	mem     memory.Allocator
	// py runs Python UDFs (see python.go).
	py *pyworker.Pool
}

// maxBatchBytes bounds one ArrowBatch message (Spark uses 4 MiB).
const maxBatchBytes = 4 << 20

// New opens the engine.
func New(o Options) (*Core, error) {
	if o.Warehouse == "" {
		dir, err := os.MkdirTemp("", "ember-warehouse-")
		if err != nil {
			return nil, fmt.Errorf("creating a temporary warehouse: %w", err)
		}
		o.Warehouse = dir
	}
	if err := os.MkdirAll(o.Warehouse, 0o755); err != nil {
		return nil, fmt.Errorf("creating warehouse %s: %w", o.Warehouse, err)
	}
	tmp := filepath.Join(o.Warehouse, ".ember-tmp")
	store, err := catalog.Open(o.Warehouse)
	if err != nil {
		return nil, fmt.Errorf("opening the catalog of %s: %w", o.Warehouse, err)
	}
	eng, err := duckdb.Open(duckdb.Options{Threads: o.Threads, MemoryLimit: o.MemoryLimit, TempDir: tmp})
	if err != nil {
		store.Close()
		return nil, err
	}
	return &Core{eng: eng, store: store, cache: newTableCache(), persist: newPersistCache(), opts: o, mem: memory.NewGoAllocator(),
		py: pyworker.NewPool(o.Python)}, nil
}

// Close shuts down the engine and the catalog.
func (c *Core) Close() error {
	c.py.Close()
	err := c.eng.Close()
	if cerr := c.store.Close(); err == nil {
		err = cerr
	}
	return err
}

// OpenSession pins a DuckDB connection for the session.
func (c *Core) OpenSession(s *session.Session) error {
	es, err := c.eng.OpenSession(context.Background(), s.UserID+"/"+s.ID)
	if err != nil {
		return err
	}
	s.Engine = es
	if c.opts.Warehouse != "" && !s.Conf.IsSet("spark.sql.warehouse.dir") {
		abs, _ := filepath.Abs(c.opts.Warehouse)
		s.Conf.Set("spark.sql.warehouse.dir", "file:"+abs)
	}
	return nil
}

// CloseSession frees the session's engine state.
func (c *Core) CloseSession(s *session.Session) {
	c.closeStreams(s)
	if es, ok := s.Engine.(*duckdb.Session); ok {
		c.dropSessionCache(es, s)
		c.clearPersisted(context.Background(), s, es)
		c.eng.CloseSession(es)
	}
}

func engineSession(s *session.Session) (*duckdb.Session, error) {
	es, ok := s.Engine.(*duckdb.Session)
	if !ok {
		return nil, sparkerr.Internal("session %s has no engine connection", s.ID)
	}
	return es, nil
}

// engineCatalog adapts the engine and the catalog store to the analyzer's
// Catalog.
type engineCatalog struct {
	eng   *duckdb.Engine
	store *catalog.Store
	cache *tableCache
	py    *pyworker.Pool
}

// Table looks a table up in the catalog store; a cached table reads its
// cached copy.
func (k engineCatalog) Table(ctx context.Context, db, name string) (*catalog.Table, *catalog.Snapshot, error) {
	t, err := k.store.GetTable(ctx, db, name)
	if err != nil {
		return nil, nil, err
	}
	if t.Kind == catalog.View {
		return t, nil, nil
	}
	snap, err := k.store.CurrentSnapshot(ctx, db, name)
	if err != nil {
		return nil, nil, err
	}
	return t, snap, nil
}

// Function returns a persistent user function (analyzer.FunctionCatalog).
func (k engineCatalog) Function(ctx context.Context, db, name string) (*catalog.Function, error) {
	return k.store.GetFunction(ctx, db, name)
}

func (k engineCatalog) LocalTable(ctx context.Context, s *session.Session, data [][]byte) (string, []string, types.Struct, error) {
	es, err := engineSession(s)
	if err != nil {
		return "", nil, types.Struct{}, err
	}
	return k.eng.LocalTable(ctx, es, data)
}

func (k engineCatalog) FileSchema(ctx context.Context, s *session.Session, format string, paths []string, opts map[string]string) ([]string, types.Struct, error) {
	es, err := engineSession(s)
	if err != nil {
		return nil, types.Struct{}, err
	}
	return k.eng.FileSchema(ctx, es, format, paths, opts)
}

// CachedLocalRelation reads a "cache/<hash>" artifact holding a serialized
// LocalRelation message (how 3.5 and 4.0 clients upload large data).
func (k engineCatalog) CachedLocalRelation(s *session.Session, hash string) ([]byte, string, error) {
	b, err := k.Artifact(s, "cache/"+hash)
	if err != nil {
		return nil, "", err
	}
	var lr sparkpb.LocalRelation
	if err := proto.Unmarshal(b, &lr); err != nil {
		return nil, "", sparkerr.Newf("CONNECT.INVALID_PLAN", "msg", "The cached local relation "+hash+" cannot be decoded: "+err.Error())
	}
	return lr.GetData(), lr.GetSchema(), nil
}

func (k engineCatalog) Artifact(s *session.Session, name string) ([]byte, error) {
	if s.ArtifactDir == "" || strings.Contains(name, "..") {
		return nil, sparkerr.Newf("CONNECT.INVALID_PLAN", "msg", "Artifact "+name+" is not available.")
	}
	b, err := os.ReadFile(filepath.Join(s.ArtifactDir, filepath.FromSlash(name)))
	if err != nil {
		return nil, sparkerr.Newf("CONNECT.INVALID_PLAN", "msg", "Artifact "+name+" was not found in this session.")
	}
	return b, nil
}

// parser adapts package sql to the analyzer.
// parser parses SQL the way the session's client version does.
type parser struct{ spark35 bool }

func (p parser) ParseQuery(text string) (plan.Relation, error) {
	return sql.ParseQuery(text, sql.Spark35(p.spark35))
}
func (parser) ParseDataType(text string) (types.DataType, error)  { return sql.ParseDataType(text) }
func (parser) ParseTableSchema(text string) (types.Struct, error) { return sql.ParseTableSchema(text) }

func (c *Core) analyzer(ctx context.Context, s *session.Session) *analyzer.Analyzer {
	return analyzer.New(ctx, s, engineCatalog{c.eng, c.store, c.cache, c.py}, parser{spark35: spark35(s)})
}

// Execute runs a root relation or a command.
func (c *Core) Execute(ctx context.Context, s *session.Session, p *sparkpb.Plan, send func(*sparkpb.ExecutePlanResponse) error) error {
	if isStreamingCommand(p.GetCommand()) {
		return c.streamingCommand(ctx, s, p.GetCommand(), send)
	}
	es, err := engineSession(s)
	if err != nil {
		return err
	}
	es.Lock()
	defer es.Unlock()
	switch op := p.GetOpType().(type) {
	case *sparkpb.Plan_Root:
		if cat := op.Root.GetCatalog(); cat != nil {
			return c.catalogCall(ctx, s, es, cat, send)
		}
		rel, err := connect.Relation(op.Root, sql.Spark35(spark35(s)))
		if err != nil {
			return err
		}
		return c.query(ctx, s, es, rel, send)
	case *sparkpb.Plan_Command:
		return c.command(ctx, s, es, op.Command, send)
	}
	return sparkerr.Newf("CONNECT.INVALID_PLAN", "msg", "The plan has neither a root relation nor a command.")
}

// query executes a relation and streams schema + Arrow batches.
func (c *Core) query(ctx context.Context, s *session.Session, es *duckdb.Session, rel plan.Relation, send func(*sparkpb.ExecutePlanResponse) error) error {
	switch x := rel.(type) {
	case *plan.ShowString:
		return c.showString(ctx, s, es, x, send)
	case *plan.HTMLString:
		return c.htmlString(ctx, s, es, x, send)
	case *plan.Tail:
		return c.tail(ctx, s, es, x, send)
	}
	lp, err := c.resolve(ctx, s, rel)
	if err != nil {
		return err
	}
	return c.run(ctx, s, es, lp, send)
}

func (c *Core) run(ctx context.Context, s *session.Session, es *duckdb.Session, lp logical.Plan, send func(*sparkpb.ExecutePlanResponse) error) error {
	schema := logical.Schema(lp.Output())
	if err := analyzer.CheckResultSchema(s, schema); err != nil {
		return err
	}
	if err := send(&sparkpb.ExecutePlanResponse{Schema: types.SchemaToProto(schema)}); err != nil {
		return err
	}
	observed := lp
	lp, err := c.useCache(ctx, s, es, lp)
	if err != nil {
		return err
	}
	res, err := c.eng.Execute(ctx, es, lp, s)
	if err != nil {
		return taskFailure35(s, lp, err)
	}
	defer res.Close()
	b := &batcher{send: send, schema: schema, tz: s.Conf.TimeZone(), mem: c.mem}
	for res.Next() {
		if err := b.add(res.Record()); err != nil {
			return err
		}
	}
	if err := res.Err(); err != nil {
		return taskFailure35(s, lp, err)
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err := b.finish(); err != nil {
		return err
	}
	return c.sendObserved(ctx, s, es, observed, send)
}

// sendObserved answers the observed metrics of DataFrame.observe calls
// in the plan, after its rows (as Spark does).
func (c *Core) sendObserved(ctx context.Context, s *session.Session, es *duckdb.Session, lp logical.Plan, send func(*sparkpb.ExecutePlanResponse) error) error {
	oms, err := c.observedMetrics(ctx, s, es, lp)
	if err != nil || len(oms) == 0 {
		return err
	}
	return send(&sparkpb.ExecutePlanResponse{ObservedMetrics: oms})
}

// batcher packs records into ArrowBatch responses of bounded size. Each
// response carries one Arrow IPC stream holding exactly one record batch
// (PySpark checks row_count against each batch it reads), with cumulative
// start offsets.
type batcher struct {
	send    func(*sparkpb.ExecutePlanResponse) error
	schema  types.Struct
	tz      string
	mem     memory.Allocator
	pending []arrow.RecordBatch
	bytes   int
	offset  int64
	sent    bool
}

func (b *batcher) add(rec arrow.RecordBatch) error {
	rec.Retain()
	b.pending = append(b.pending, rec)
	b.bytes += recordBytes(rec)
	if b.bytes >= maxBatchBytes {
		return b.flush()
	}
	return nil
}

// recordBytes estimates a record's size from its buffers.
func recordBytes(rec arrow.RecordBatch) int {
	n, _ := recordBuffers(rec)
	return n
}

// recordBuffers is the total length and the number of a record's buffers.
func recordBuffers(rec arrow.RecordBatch) (size, count int) {
	var walk func(d arrow.ArrayData)
	walk = func(d arrow.ArrayData) {
		for _, buf := range d.Buffers() {
			count++
			if buf != nil {
				size += buf.Len()
			}
		}
		for _, c := range d.Children() {
			walk(c)
		}
	}
	for _, c := range rec.Columns() {
		walk(c.Data())
	}
	return size, count
}

// ipcStreamSize bounds the Arrow IPC stream of one record from above:
// its buffers, each padded to 64 bytes, plus room for the schema and
// record batch messages.
func ipcStreamSize(rec arrow.RecordBatch) int {
	size, count := recordBuffers(rec)
	return size + 64*count + 1024 + 256*int(rec.NumCols())
}

func (b *batcher) flush() error {
	if len(b.pending) == 0 {
		return nil
	}
	defer func() {
		for _, r := range b.pending {
			r.Release()
		}
		b.pending = b.pending[:0]
		b.bytes = 0
	}()
	rec, err := concatRecords(b.pending, b.mem)
	if err != nil {
		return err
	}
	defer rec.Release()
	// One allocation of the stream's size: growing the buffer by doubling
	// used to zero and copy each batch several times over.
	var buf bytes.Buffer
	buf.Grow(ipcStreamSize(rec))
	w := ipc.NewWriter(&buf, ipc.WithSchema(rec.Schema()))
	if err := w.Write(rec); err != nil {
		return sparkerr.Internal("encoding Arrow batch: %v", err)
	}
	if err := w.Close(); err != nil {
		return sparkerr.Internal("encoding Arrow batch: %v", err)
	}
	off := b.offset
	rows := rec.NumRows()
	b.offset += rows
	b.sent = true
	return b.send(&sparkpb.ExecutePlanResponse{ResponseType: &sparkpb.ExecutePlanResponse_ArrowBatch_{ArrowBatch: &sparkpb.ExecutePlanResponse_ArrowBatch{RowCount: rows, Data: buf.Bytes(), StartOffset: &off}}})
}

// concatRecords joins records of one schema into a single record.
func concatRecords(recs []arrow.RecordBatch, mem memory.Allocator) (arrow.RecordBatch, error) {
	if len(recs) == 1 {
		recs[0].Retain()
		return recs[0], nil
	}
	sc := recs[0].Schema()
	cols := make([]arrow.Array, sc.NumFields())
	var rows int64
	for _, r := range recs {
		rows += r.NumRows()
	}
	for i := range cols {
		parts := make([]arrow.Array, len(recs))
		for j, r := range recs {
			parts[j] = r.Column(i)
		}
		c, err := array.Concatenate(parts, mem)
		if err != nil {
			for _, done := range cols[:i] {
				done.Release()
			}
			return nil, sparkerr.Internal("assembling Arrow batch: %v", err)
		}
		cols[i] = c
	}
	out := array.NewRecordBatch(sc, cols, rows)
	for _, c := range cols {
		c.Release()
	}
	return out, nil
}

func (b *batcher) finish() error {
	if len(b.pending) > 0 {
		return b.flush()
	}
	if b.sent {
		return nil
	}
	// Always send at least one batch: a zero-row record batch carrying the
	// schema (the client builds its table from record batches).
	as, err := types.ArrowSchema(b.schema, b.tz)
	if err != nil {
		return err
	}
	empty := array.NewRecordBatch(as, emptyColumns(as, b.mem), 0)
	defer empty.Release()
	var buf bytes.Buffer
	w := ipc.NewWriter(&buf, ipc.WithSchema(as))
	if err := w.Write(empty); err != nil {
		return sparkerr.Internal("encoding Arrow batch: %v", err)
	}
	if err := w.Close(); err != nil {
		return sparkerr.Internal("encoding Arrow batch: %v", err)
	}
	off := b.offset
	b.sent = true
	return b.send(&sparkpb.ExecutePlanResponse{ResponseType: &sparkpb.ExecutePlanResponse_ArrowBatch_{ArrowBatch: &sparkpb.ExecutePlanResponse_ArrowBatch{RowCount: 0, Data: buf.Bytes(), StartOffset: &off}}})
}

// collect runs a plan and returns its rows as records (for presentation
// relations that need the rows in Go).
func (c *Core) collect(ctx context.Context, s *session.Session, es *duckdb.Session, lp logical.Plan) ([]arrow.RecordBatch, error) {
	lp, err := c.useCache(ctx, s, es, lp)
	if err != nil {
		return nil, err
	}
	res, err := c.eng.Execute(ctx, es, lp, s)
	if err != nil {
		return nil, taskFailure35(s, lp, err)
	}
	defer res.Close()
	var recs []arrow.RecordBatch
	for res.Next() {
		r := res.Record()
		r.Retain()
		recs = append(recs, r)
	}
	if err := res.Err(); err != nil {
		release(recs)
		return nil, taskFailure35(s, lp, err)
	}
	return recs, nil
}

func release(recs []arrow.RecordBatch) {
	for _, r := range recs {
		r.Release()
	}
}

// sendSingleString answers with one row holding one string column.
func (c *Core) sendSingleString(name, value string, send func(*sparkpb.ExecutePlanResponse) error) error {
	schema := types.Struct{Fields: []types.Field{{Name: name, Type: types.String, Nullable: true}}}
	if err := send(&sparkpb.ExecutePlanResponse{Schema: types.SchemaToProto(schema)}); err != nil {
		return err
	}
	bld := array.NewStringBuilder(c.mem)
	defer bld.Release()
	bld.Append(value)
	arr := bld.NewArray()
	defer arr.Release()
	as := arrow.NewSchema([]arrow.Field{{Name: name, Type: arrow.BinaryTypes.String, Nullable: true}}, nil)
	rec := array.NewRecordBatch(as, []arrow.Array{arr}, 1)
	defer rec.Release()
	b := &batcher{send: send, schema: schema, mem: c.mem}
	if err := b.add(rec); err != nil {
		return err
	}
	return b.finish()
}

// sendRecords answers with the given records.
func (c *Core) sendRecords(schema types.Struct, tz string, recs []arrow.RecordBatch, send func(*sparkpb.ExecutePlanResponse) error) error {
	if err := send(&sparkpb.ExecutePlanResponse{Schema: types.SchemaToProto(schema)}); err != nil {
		return err
	}
	b := &batcher{send: send, schema: schema, tz: tz, mem: c.mem}
	for _, r := range recs {
		if r.NumRows() == 0 {
			continue
		}
		if err := b.add(r); err != nil {
			return err
		}
	}
	return b.finish()
}

// resolve analyzes a relation. Analysis errors get the ";" Spark puts
// after the SQLSTATE of an AnalysisException raised on a plan.
func (c *Core) resolve(ctx context.Context, s *session.Session, rel plan.Relation) (logical.Plan, error) {
	lp, err := c.analyzer(ctx, s).Resolve(rel)
	if err != nil {
		if se, ok := sparkerr.As(err); ok && se.JavaClass == sparkerr.AnalysisException && se.Context == "" && !sourceErrors[se.Class] {
			se.Context = ";"
		}
		return nil, err
	}
	return lp, nil
}

// sourceErrors are analysis errors Spark reports without the plan
// suffix: those raised while looking up data sources, while checking a
// recursive CTE's shape (INVALID_RECURSIVE_CTE), for an invalid PIVOT
// (_LEGACY_ERROR_TEMP_1006, NON_LITERAL_PIVOT_VALUES), and
// UNSUPPORTED_TIME_TYPE, which Spark raises from an expression's own type
// check.
var sourceErrors = map[string]bool{"PATH_NOT_FOUND": true, "UNABLE_TO_INFER_SCHEMA": true, "DATA_SOURCE_NOT_FOUND": true, "XML_ROW_TAG_MISSING": true,
	"INVALID_RECURSIVE_CTE": true, "_LEGACY_ERROR_TEMP_1006": true, "NON_LITERAL_PIVOT_VALUES": true, "UNSUPPORTED_TIME_TYPE": true}

// emptyColumns builds zero-length arrays for a schema.
func emptyColumns(as *arrow.Schema, mem memory.Allocator) []arrow.Array {
	cols := make([]arrow.Array, as.NumFields())
	for i, f := range as.Fields() {
		bld := array.NewBuilder(mem, f.Type)
		cols[i] = bld.NewArray()
		bld.Release()
	}
	return cols
}
