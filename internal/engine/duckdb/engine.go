// Package duckdb executes resolved logical plans on an embedded DuckDB.
//
// It is the only package that links DuckDB (cgo). The pipeline stage it
// implements:
//
//	logical.Plan ──lower──► one DuckDB SELECT (columns named c<attr id>)
//	             ──run────► Arrow record batches (DuckDB's Arrow shapes)
//	             ──conform► Spark's Arrow shapes and names (types.ConformRecord)
//
// One DuckDB database serves the process; each Spark session pins its own
// connection (temporary settings such as the time zone live there) and
// runs one statement at a time on it. Local data from createDataFrame is
// copied into per-session tables named by the content hash.
package duckdb

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/emberdb/ember/internal/tz"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/emberdb/ember/internal/catalog"
	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
	"github.com/emberdb/ember/internal/udf"
)

// Options configure the engine.
type Options struct {
	// Threads and MemoryLimit are passed to DuckDB ("" = DuckDB default).
	Threads     int
	MemoryLimit string
	// TempDir is where DuckDB may spill.
	TempDir string
}

// Engine is the process-wide DuckDB database.
type Engine struct {
	connector *duckdb.Connector
	db        *sql.DB
	mem       memory.Allocator
	schemas   schemaCache
	// installed is closed once Ember's functions are in the database's
	// catalog; installErr then says whether that failed. Sessions wait
	// for it, so the server can listen while the functions go in.
	installed  chan struct{}
	installErr error
}

// Open starts an in-memory DuckDB database.
func Open(opts Options) (*Engine, error) {
	var q []string
	if opts.Threads > 0 {
		q = append(q, fmt.Sprintf("threads=%d", opts.Threads))
	}
	if opts.MemoryLimit != "" {
		q = append(q, "memory_limit="+opts.MemoryLimit)
	}
	dsn := ""
	if len(q) > 0 {
		dsn = "?" + strings.Join(q, "&")
	}
	c, err := duckdb.NewConnector(dsn, nil)
	if err != nil {
		return nil, fmt.Errorf("opening duckdb: %w", err)
	}
	db := sql.OpenDB(c)
	db.SetMaxIdleConns(4)
	e := &Engine{connector: c, db: db, mem: memory.NewGoAllocator(), installed: make(chan struct{})}
	if opts.TempDir != "" {
		if _, err := db.Exec("SET temp_directory = " + functions.QuoteString(opts.TempDir)); err != nil {
			db.Close()
			c.Close()
			return nil, fmt.Errorf("setting temp directory: %w", err)
		}
	}
	// Installing the functions takes about half of the engine's start;
	// it runs while the server starts listening.
	go func() {
		defer close(e.installed)
		e.installErr = installUDFs(db)
	}()
	return e, nil
}

// ready waits until Ember's functions are installed and reports whether
// that failed.
func (e *Engine) ready() error {
	<-e.installed
	return e.installErr
}

// installUDFs registers the Go functions of internal/udf, then the
// macros of internal/functions (some of which call them). DuckDB keeps
// both in the database's catalog, so one installation serves every
// connection opened later; a session's connection then costs no catalog
// writes.
func installUDFs(db *sql.DB) error {
	conn, err := db.Conn(context.Background())
	if err != nil {
		return fmt.Errorf("installing functions: %w", err)
	}
	defer conn.Close()
	for _, f := range udf.All() {
		if err := duckdb.RegisterScalarUDFSet(conn, f.Name, f.Overloads...); err != nil {
			return fmt.Errorf("installing function %s: %w", f.Name, err)
		}
	}
	for _, m := range functions.Macros {
		if _, err := conn.ExecContext(context.Background(), m); err != nil {
			return fmt.Errorf("installing macro: %w", err)
		}
	}
	return nil
}

// Close shuts the database down.
func (e *Engine) Close() error {
	<-e.installed
	e.db.Close()
	return e.connector.Close()
}

// Session is a Spark session's pinned connection.
type Session struct {
	mu     sync.Mutex
	conn   *sql.Conn
	arrow  *duckdb.Arrow
	prefix string
	tables map[string]bool // local tables created by this session
	tz     string
}

// OpenSession pins a connection for a Spark session.
func (e *Engine) OpenSession(ctx context.Context, id string) (*Session, error) {
	if err := e.ready(); err != nil {
		return nil, err
	}
	conn, err := e.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("duckdb connection: %w", err)
	}
	var ar *duckdb.Arrow
	err = conn.Raw(func(dc any) error {
		var err error
		ar, err = duckdb.NewArrowFromConn(dc.(driver.Conn))
		return err
	})
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("duckdb arrow interface: %w", err)
	}
	h := sha256.Sum256([]byte(id))
	return &Session{conn: conn, arrow: ar, prefix: "lt_" + hex.EncodeToString(h[:6]), tables: map[string]bool{}}, nil
}

// CloseSession drops the session's tables and releases the connection.
func (e *Engine) CloseSession(s *Session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for t := range s.tables {
		s.conn.ExecContext(context.Background(), "DROP TABLE IF EXISTS "+functions.QuoteIdent(t))
	}
	s.conn.Close()
}

// Lock serialises use of the session connection; callers hold it for an
// operation's analysis and execution.
func (s *Session) Lock()   { s.mu.Lock() }
func (s *Session) Unlock() { s.mu.Unlock() }

func (s *Session) setTimeZone(ctx context.Context, zone string) error {
	if s.tz == zone {
		return nil
	}
	name, err := tz.EngineName(zone)
	if err != nil {
		return sparkerr.Unsupported("session time zone " + zone + " (DuckDB knows fixed offsets of whole hours only)")
	}
	if _, err := s.conn.ExecContext(ctx, "SET TimeZone = "+functions.QuoteString(name)); err != nil {
		return TranslateError(fmt.Errorf("setting time zone %q: %w", zone, err))
	}
	s.tz = zone
	return nil
}

// LocalTable stores Arrow IPC streams (one or several chunks of the same
// schema) as a table and returns its name, column names and Spark schema.
func (e *Engine) LocalTable(ctx context.Context, s *Session, chunks [][]byte) (string, []string, types.Struct, error) {
	h := sha256.New()
	for _, c := range chunks {
		h.Write(c)
	}
	name := s.prefix + "_" + hex.EncodeToString(h.Sum(nil)[:12])
	bad := func(err error) error {
		return sparkerr.Newf("CONNECT.INVALID_PLAN", "msg", "The local relation's Arrow data cannot be read: "+err.Error())
	}
	var first *arrow.Schema
	var recs []arrow.RecordBatch
	defer func() {
		for _, r := range recs {
			r.Release()
		}
	}()
	for _, c := range chunks {
		rdr, err := ipc.NewReader(bytes.NewReader(c), ipc.WithAllocator(e.mem))
		if err != nil {
			return "", nil, types.Struct{}, bad(err)
		}
		if first == nil {
			first = rdr.Schema()
		} else if !first.Equal(rdr.Schema()) {
			rdr.Release()
			return "", nil, types.Struct{}, bad(fmt.Errorf("chunks have different schemas"))
		}
		for rdr.Next() {
			r := rdr.RecordBatch()
			r.Retain()
			recs = append(recs, r)
		}
		err = rdr.Err()
		rdr.Release()
		if err != nil {
			return "", nil, types.Struct{}, bad(err)
		}
	}
	if first == nil {
		return "", nil, types.Struct{}, bad(fmt.Errorf("no data"))
	}
	schema, err := types.FromArrowSchema(first)
	if err != nil {
		var uat *types.UnsupportedArrowTypeError
		if errors.As(err, &uat) {
			return "", nil, types.Struct{}, sparkerr.Newf("UNSUPPORTED_ARROWTYPE", "typeName", uat.Name)
		}
		return "", nil, types.Struct{}, err
	}
	cols := make([]string, len(schema.Fields))
	fields := make([]arrow.Field, len(schema.Fields))
	for i, f := range first.Fields() {
		cols[i] = fmt.Sprintf("_c%d", i)
		f.Name = cols[i]
		fields[i] = f
	}
	renamed := arrow.NewSchema(fields, nil)
	for i, r := range recs {
		nr := array.NewRecordBatch(renamed, r.Columns(), r.NumRows())
		r.Release()
		recs[i] = nr
	}
	if s.tables[name] {
		return name, cols, schema, nil
	}
	if len(fields) == 0 {
		// No columns: keep the row count only.
		n := int64(0)
		for _, r := range recs {
			n += r.NumRows()
		}
		if _, err := s.conn.ExecContext(ctx, fmt.Sprintf("CREATE OR REPLACE TEMP TABLE %s AS SELECT 1 AS __x FROM range(%d)", functions.QuoteIdent(name), n)); err != nil {
			return "", nil, types.Struct{}, TranslateError(err)
		}
		s.tables[name] = true
		return name, cols, schema, nil
	}
	reader, err := array.NewRecordReader(renamed, recs)
	if err != nil {
		return "", nil, types.Struct{}, fmt.Errorf("local relation reader: %w", err)
	}
	defer reader.Release()
	view := name + "_src"
	release, err := s.arrow.RegisterView(reader, view)
	if err != nil {
		return "", nil, types.Struct{}, TranslateError(fmt.Errorf("registering local data: %w", err))
	}
	defer release()
	if _, err := s.conn.ExecContext(ctx, "CREATE OR REPLACE TEMP TABLE "+functions.QuoteIdent(name)+" AS SELECT * FROM "+functions.QuoteIdent(view)); err != nil {
		return "", nil, types.Struct{}, TranslateError(fmt.Errorf("storing local data: %w", err))
	}
	s.tables[name] = true
	return name, cols, schema, nil
}

// FileSchema infers a file source's columns and Spark schema.
func (e *Engine) FileSchema(ctx context.Context, s *Session, format string, paths []string, opts map[string]string) ([]string, types.Struct, error) {
	if format == "xml" {
		// The XML source parses records itself (internal/analyzer/xml.go);
		// only partition columns come from here.
		return xmlPartitionSchema(paths)
	}
	key, stamp, cacheable := "", "", false
	if files, _, err := expandPaths(paths, format); err == nil {
		key = schemaKey(format, paths, opts)
		stamp, cacheable = filesStamp(files)
	}
	if cacheable {
		if cols, st, ok := e.schemas.get(key, stamp); ok {
			return cols, st, nil
		}
	}
	cols, st, err := e.inferFileSchema(ctx, s, format, paths, opts)
	if err == nil && cacheable {
		e.schemas.put(key, stamp, cols, st)
	}
	return cols, st, err
}

// inferFileSchema asks DuckDB for the schema of files and applies
// Spark's inference rules on top (partition columns, CSV integer widths,
// headerless and JSON column names).
func (e *Engine) inferFileSchema(ctx context.Context, s *Session, format string, paths []string, opts map[string]string) ([]string, types.Struct, error) {
	src, err := sourceSQL(format, paths, opts, types.Struct{}, false)
	if err != nil {
		return nil, types.Struct{}, err
	}
	rdr, err := s.arrow.QueryContext(ctx, "SELECT * FROM "+src+" LIMIT 0")
	if err != nil {
		return nil, types.Struct{}, TranslateError(err)
	}
	defer rdr.Release()
	for rdr.Next() {
	}
	st, err := types.FromArrowSchema(rdr.Schema())
	if err != nil {
		return nil, types.Struct{}, err
	}
	cols := st.Names()
	if files, hive, err := expandPaths(paths, format); err == nil && hive {
		cols, st = partitionColumns(paths, files, cols, st)
	}
	if format == "csv" && strings.EqualFold(opts["inferschema"], "true") {
		if err := narrowCSVIntegers(ctx, s, src, cols, &st); err != nil {
			return nil, types.Struct{}, err
		}
	}
	if format == "csv" && !strings.EqualFold(opts["header"], "true") {
		// Headerless CSV columns are named _c0, _c1, ... in Spark.
		for i := range st.Fields {
			st.Fields[i].Name = fmt.Sprintf("_c%d", i)
		}
	}
	if format == "json" {
		// Spark orders inferred JSON fields by name.
		idx := make([]int, len(cols))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return cols[idx[a]] < cols[idx[b]] })
		nf := make([]types.Field, len(idx))
		nc := make([]string, len(idx))
		for i, j := range idx {
			nf[i], nc[i] = st.Fields[j], cols[j]
		}
		st, cols = types.Struct{Fields: nf}, nc
		// Spark's JSON inference keeps date- and time-like strings as
		// strings (inferDate/inferTimestamp are off by default).
		for i := range st.Fields {
			st.Fields[i].Type = jsonInferred(st.Fields[i].Type)
		}
	}
	for i := range st.Fields {
		st.Fields[i].Nullable = true
		st.Fields[i].Type = types.AsNullable(st.Fields[i].Type)
	}
	return cols, st, nil
}

// Result streams a query's batches in Spark's Arrow shapes.
type Result struct {
	rdr    array.RecordReader
	schema types.Struct
	tz     string
	mem    memory.Allocator
	cur    arrow.RecordBatch
	err    error
}

// Next advances to the next batch.
func (r *Result) Next() bool {
	if r.cur != nil {
		r.cur.Release()
		r.cur = nil
	}
	for r.rdr.Next() {
		rec := r.rdr.RecordBatch()
		if rec.NumRows() == 0 {
			continue
		}
		if len(r.schema.Fields) == 0 {
			// A plan without columns still has rows (df.select().count()).
			r.cur = array.NewRecordBatch(arrow.NewSchema(nil, nil), nil, rec.NumRows())
			return true
		}
		out, err := types.ConformRecord(rec, r.schema, r.tz, r.mem)
		if err != nil {
			r.err = err
			return false
		}
		r.cur = out
		return true
	}
	if err := r.rdr.Err(); err != nil {
		r.err = TranslateError(err)
	}
	return false
}

// Record is the current batch (valid until the next call to Next).
func (r *Result) Record() arrow.RecordBatch { return r.cur }

// Err reports the error that ended the stream, if any.
func (r *Result) Err() error { return r.err }

// Close releases the stream.
func (r *Result) Close() {
	if r.cur != nil {
		r.cur.Release()
		r.cur = nil
	}
	r.rdr.Release()
}

// Execute runs a plan and streams its result. The caller holds s's lock
// until the result is closed.
func (e *Engine) Execute(ctx context.Context, s *Session, p logical.Plan, sess *session.Session) (*Result, error) {
	tz := sess.Conf.TimeZone()
	if err := s.setTimeZone(ctx, tz); err != nil {
		return nil, err
	}
	q, err := Query(lowerCtx(sess, tz), p)
	if err != nil {
		return nil, err
	}
	if os.Getenv("EMBER_DEBUG_SQL") != "" {
		fmt.Fprintln(os.Stderr, "SQL:", q)
	}
	rdr, err := s.arrow.QueryContext(ctx, q)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, TranslateError(err)
	}
	return &Result{rdr: rdr, schema: logical.Schema(p.Output()), tz: tz, mem: e.mem}, nil
}

// Materialize stores a plan's rows in a table of the shared database
// (visible to every session's connection) with columns _c0, _c1, ...; it
// returns the column names. Used by the table cache.
func (e *Engine) Materialize(ctx context.Context, s *Session, p logical.Plan, sess *session.Session, table string) ([]string, error) {
	return e.materialize(ctx, s, p, sess, "TABLE main."+functions.QuoteIdent(table))
}

// MaterializeTemp is Materialize into a temporary table of the session's
// connection (persisted DataFrames and checkpoints): other sessions never
// see it and it disappears with the connection.
func (e *Engine) MaterializeTemp(ctx context.Context, s *Session, p logical.Plan, sess *session.Session, table string) ([]string, error) {
	return e.materialize(ctx, s, p, sess, "TEMP TABLE "+functions.QuoteIdent(table))
}

// DropTemp drops a temporary table made by MaterializeTemp.
func (e *Engine) DropTemp(ctx context.Context, s *Session, table string) error {
	_, err := s.conn.ExecContext(ctx, "DROP TABLE IF EXISTS temp."+functions.QuoteIdent(table))
	return err
}

func (e *Engine) materialize(ctx context.Context, s *Session, p logical.Plan, sess *session.Session, target string) ([]string, error) {
	tz := sess.Conf.TimeZone()
	if err := s.setTimeZone(ctx, tz); err != nil {
		return nil, err
	}
	q, err := Query(lowerCtx(sess, tz), p)
	if err != nil {
		return nil, err
	}
	out := p.Output()
	cols := make([]string, len(out))
	sel := make([]string, len(out))
	for i, a := range out {
		cols[i] = fmt.Sprintf("_c%d", i)
		sel[i] = col(a.ID) + " AS " + cols[i]
	}
	if len(sel) == 0 {
		sel = []string{"1 AS __x"}
	}
	stmt := "CREATE OR REPLACE " + target + " AS SELECT " + strings.Join(sel, ", ") + " FROM (" + q + ") AS m"
	if _, err := s.conn.ExecContext(ctx, stmt); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, TranslateError(err)
	}
	return cols, nil
}

// DropShared drops a table of the shared database (a cache table).
func (e *Engine) DropShared(ctx context.Context, s *Session, table string) error {
	_, err := s.conn.ExecContext(ctx, "DROP TABLE IF EXISTS main."+functions.QuoteIdent(table))
	return err
}

// SQL renders the DuckDB statement for a plan (for EXPLAIN output).
func SQL(sess *session.Session, p logical.Plan) (string, error) {
	return Query(lowerCtx(sess, sess.Conf.TimeZone()), p)
}

// lowerCtx is the session configuration lowering consults.
func lowerCtx(sess *session.Session, zone string) *functions.LowerCtx {
	engineZone, _ := tz.EngineName(zone) // refused zones fail in setTimeZone first
	return &functions.LowerCtx{ANSI: sess.Conf.ANSI(), TimeZone: zone, EngineZone: engineZone,
		MapKeyLastWin: strings.EqualFold(sess.Conf.GetOr("spark.sql.mapKeyDedupPolicy", "EXCEPTION"), "LAST_WIN"),
		Spark35:       session.ClientMajorVersion(sess.ClientType) == "3",
		Parallelism:   parallelism(sess)}
}

// parallelism is the partition count Spark gives leaf relations without
// an explicit one: spark.sql.leafNodeDefaultParallelism, else
// spark.default.parallelism, else the core count (a local[*] master).
func parallelism(sess *session.Session) int {
	for _, k := range []string{"spark.sql.leafNodeDefaultParallelism", "spark.default.parallelism"} {
		if n, err := strconv.Atoi(strings.TrimSpace(sess.Conf.GetOr(k, ""))); err == nil && n > 0 {
			return n
		}
	}
	return runtime.NumCPU()
}

// decimalCastOverflow matches DuckDB's error for a number that does not
// fit the DECIMAL type it is cast to.
var decimalCastOverflow = regexp.MustCompile(`Conversion Error: (?:Could not cast value|Casting value) "?(-?[0-9.]+)"? to (?:type )?DECIMAL\((\d+),(\d+)\)`)

// TranslateError maps DuckDB errors to Spark errors.
func TranslateError(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := sparkerr.As(err); ok {
		return err
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	msg := err.Error()
	if se, ok := functions.DecodeRaised(msg); ok {
		return se
	}
	switch {
	case strings.Contains(msg, "Out of Range Error") && strings.Contains(msg, "Overflow in"):
		alt := ""
		for op, fn := range map[string]string{"addition": "try_add", "subtraction": "try_subtract", "multiplication": "try_multiply"} {
			if strings.Contains(msg, "Overflow in "+op) {
				alt = " Use '" + fn + "' to tolerate overflow and return NULL instead."
			}
		}
		return sparkerr.Newf("ARITHMETIC_OVERFLOW", "message", "overflow", "alternative", alt, "config", "\"spark.sql.ansi.enabled\"")
	case strings.Contains(msg, "Conversion Error") && strings.Contains(msg, "out of range for the destination type"):
		return castOverflow(msg)
	case decimalCastOverflow.MatchString(msg):
		// A value with too many integer digits for the decimal type it is
		// cast to (the cast lowering lets DuckDB check it under ANSI).
		m := decimalCastOverflow.FindStringSubmatch(msg)
		return sparkerr.Newf("NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION", "value", m[1],
			"precision", m[2], "scale", m[3], "config", "\"spark.sql.ansi.enabled\"")
	case strings.Contains(msg, "No files found that match the pattern"), strings.Contains(msg, "No such file or directory"):
		return sparkerr.Newf("PATH_NOT_FOUND", "path", extractQuoted(msg))
	case strings.Contains(msg, "INTERRUPT Error"):
		return context.Canceled
	}
	return sparkerr.Internal("%s", msg)
}

func afterColon(s string) string {
	if i := strings.Index(s, ": "); i >= 0 {
		return s[i+2:]
	}
	return s
}

func extractQuoted(s string) string {
	if i := strings.IndexAny(s, "\"'"); i >= 0 {
		q := s[i]
		if j := strings.IndexByte(s[i+1:], q); j >= 0 {
			return s[i+1 : i+1+j]
		}
	}
	return s
}

// sourceSQL renders a DuckDB table function reading files like Spark's
// data source of the same name.
//
// For a scan (forScan), files are read in Spark's order (sparkFileOrder)
// and Parquet columns are matched by name, since the scan selects the
// analysed columns and the largest file need not be the one whose schema
// was inferred; schema inference reads files in listing order.
func sourceSQL(format string, paths []string, opts map[string]string, user types.Struct, forScan bool) (string, error) {
	src, _, err := scanSource(format, paths, opts, user, forScan, "")
	return src, err
}

// scanSource is sourceSQL that also returns the files read and, when
// fileCol is set, adds a column of that name holding each row's file path
// (as listed in the returned files).
func scanSource(format string, paths []string, opts map[string]string, user types.Struct, forScan bool, fileCol string) (string, []string, error) {
	files, hive, err := expandPaths(paths, format)
	if err != nil {
		return "", nil, err
	}
	if forScan {
		sparkFileOrder(files)
	}
	list := make([]string, len(files))
	for i, f := range files {
		list[i] = functions.QuoteString(f)
	}
	fl := "[" + strings.Join(list, ", ") + "]"
	// Partition columns come only from k=v directories below the paths
	// read (Spark's basePath); DuckDB would otherwise also parse the
	// directories above them.
	hp := ", hive_partitioning = false"
	if hive {
		hp = ", hive_partitioning = true"
	}
	if fileCol != "" && format != "text" {
		hp += ", filename = " + functions.QuoteString(fileCol)
	}
	switch format {
	case "parquet":
		if forScan || strings.EqualFold(opts["mergeschema"], "true") {
			// Spark's mergeSchema: the union of the files' columns by name.
			hp += ", union_by_name = true"
		}
		return "read_parquet(" + fl + hp + ")", files, nil
	case "json":
		return "read_json(" + fl + ", format = 'newline_delimited'" + hp + ")", files, nil
	case "text":
		return textSourceFile(fl, user, fileCol), files, nil
	case "csv":
		header := strings.EqualFold(opts["header"], "true")
		infer := strings.EqualFold(opts["inferschema"], "true")
		sep := opts["sep"]
		if sep == "" {
			sep = opts["delimiter"]
		}
		if sep == "" {
			sep = ","
		}
		args := []string{fl, "header = " + boolStr(header), "delim = " + functions.QuoteString(sep)}
		if q, ok := opts["quote"]; ok {
			args = append(args, "quote = "+functions.QuoteString(q))
		}
		if q, ok := opts["escape"]; ok {
			args = append(args, "escape = "+functions.QuoteString(q))
		} else {
			args = append(args, `escape = '\'`)
		}
		if n, ok := opts["nullvalue"]; ok {
			args = append(args, "nullstr = "+functions.QuoteString(n))
		}
		if !infer {
			args = append(args, "all_varchar = true")
		}
		if len(user.Fields) > 0 && !hive {
			// A user schema names the columns by position, whatever the
			// header says (Spark's enforceSchema default).
			names := make([]string, len(user.Fields))
			for i, f := range user.Fields {
				names[i] = functions.QuoteString(f.Name)
			}
			args = append(args, "names = ["+strings.Join(names, ", ")+"]")
		}
		return "read_csv(" + strings.Join(args, ", ") + hp + ")", files, nil
	}
	return "", nil, sparkerr.Newf("DATA_SOURCE_NOT_FOUND", "provider", "`"+format+"`")
}

// textSource reads text files as one string column per line, named
// "value" or as the user schema's first column.
func textSource(fileList string, user types.Struct) string {
	return textSourceFile(fileList, user, "")
}

// textSourceFile is textSource with, when fileCol is set, a column of
// that name holding each line's file path.
func textSourceFile(fileList string, user types.Struct, fileCol string) string {
	name := "value"
	if len(user.Fields) > 0 {
		name = user.Fields[0].Name
	}
	file := ""
	if fileCol != "" {
		file = ", filename AS " + functions.QuoteIdent(fileCol)
	}
	return "(SELECT unnest(string_split(rtrim(content, chr(10)), chr(10))) AS " + functions.QuoteIdent(name) + file + " FROM read_text(" + fileList + "))"
}

// sparkFileOrder orders files as Spark's file scan reads them: largest
// first (it packs splits into partitions by decreasing size), ties in
// listing order. Row order of an unordered read follows from it.
func sparkFileOrder(files []string) {
	size := make(map[string]int64, len(files))
	for _, f := range files {
		if st, err := os.Stat(f); err == nil {
			size[f] = st.Size()
		}
	}
	sort.SliceStable(files, func(i, j int) bool { return size[files[i]] > size[files[j]] })
}

func boolStr(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// expandPaths lists the data files under each path the way Spark does
// (directories recursively, skipping names starting with "_" or "."), and
// reports whether the layout is hive-partitioned (k=v directories).
func expandPaths(paths []string, format string) ([]string, bool, error) {
	var out []string
	hive := false
	for _, p := range paths {
		p = strings.TrimPrefix(p, "file://")
		if strings.ContainsAny(p, "*?[") {
			m, err := filepath.Glob(p)
			if err != nil || len(m) == 0 {
				return nil, false, sparkerr.Newf("PATH_NOT_FOUND", "path", "file:"+p)
			}
			sub, h, err := expandPaths(m, format)
			if err != nil {
				return nil, false, err
			}
			out = append(out, sub...)
			hive = hive || h
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			abs, _ := filepath.Abs(p)
			return nil, false, sparkerr.Newf("PATH_NOT_FOUND", "path", "file:"+abs)
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			base := d.Name()
			if path != p && (strings.HasPrefix(base, "_") || strings.HasPrefix(base, ".")) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				// Partition directories below the read root (not the root itself).
				if path != p && strings.Contains(base, "=") {
					hive = true
				}
				return nil
			}
			if strings.HasSuffix(base, ".crc") {
				return nil
			}
			out = append(out, path)
			return nil
		})
		if err != nil {
			return nil, false, fmt.Errorf("listing %s: %w", p, err)
		}
	}
	if len(out) == 0 {
		if format == "parquet" {
			return nil, false, sparkerr.Newf("UNABLE_TO_INFER_SCHEMA", "format", "Parquet")
		}
	}
	sort.Strings(out)
	return out, hive, nil
}

// WriteFiles writes a plan's rows as files of a format into dir (created),
// hive-partitioned by partitionBy. Column names are Spark's.
func (e *Engine) WriteFiles(ctx context.Context, s *Session, sess *session.Session, p logical.Plan, dir, format string, partitionBy []string, opts map[string]string) error {
	tz := sess.Conf.TimeZone()
	if err := s.setTimeZone(ctx, tz); err != nil {
		return err
	}
	q, err := Query(lowerCtx(sess, tz), p)
	if err != nil {
		return err
	}
	out := p.Output()
	sel := make([]string, len(out))
	for i, a := range out {
		sel[i] = col(a.ID) + " AS " + functions.QuoteIdent(a.Name)
		for _, pc := range partitionBy {
			if strings.EqualFold(pc, a.Name) {
				// Partition directories hold the value's string form; a
				// null is Hive's default partition, as Spark writes it.
				sel[i] = "COALESCE(CAST(" + col(a.ID) + " AS VARCHAR), '__HIVE_DEFAULT_PARTITION__') AS " + functions.QuoteIdent(a.Name)
			}
		}
	}
	var copts []string
	ext := format
	switch format {
	case "parquet":
		copts = append(copts, "FORMAT parquet", "COMPRESSION snappy")
		ext = "snappy.parquet"
	case "csv":
		sep := opts["sep"]
		if sep == "" {
			sep = opts["delimiter"]
		}
		if sep == "" {
			sep = ","
		}
		// Spark escapes quotes inside quoted values with a backslash.
		copts = append(copts, "FORMAT csv", "HEADER "+boolStr(strings.EqualFold(opts["header"], "true")), "DELIMITER "+functions.QuoteString(sep), `ESCAPE '\'`)
		if n, ok := opts["nullvalue"]; ok {
			copts = append(copts, "NULLSTR "+functions.QuoteString(n))
		}
	case "json":
		copts = append(copts, "FORMAT json")
	case "jsonlines":
		// Rows already rendered as JSON text by Spark's to_json (one string
		// column, then any partition columns).
		copts = append(copts, "FORMAT csv", "HEADER false", "QUOTE ''", "ESCAPE ''", "DELIMITER '\x01'")
		ext = "json"
	case "text":
		if len(out) != 1 || !types.IsStringLike(out[0].Type) {
			return sparkerr.Newf("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE", "columnName", "`value`", "columnType", "\""+strings.ToUpper(logical.Schema(out).SimpleString())+"\"", "format", "Text")
		}
		copts = append(copts, "FORMAT csv", "HEADER false", "QUOTE ''", "DELIMITER '\x01'")
		ext = "txt"
	default:
		return sparkerr.Newf("DATA_SOURCE_NOT_FOUND", "provider", "`"+format+"`")
	}
	target := dir
	if len(partitionBy) > 0 {
		pcols := make([]string, len(partitionBy))
		for i, c := range partitionBy {
			found := false
			for _, a := range out {
				if strings.EqualFold(a.Name, c) {
					pcols[i] = functions.QuoteIdent(a.Name)
					found = true
				}
			}
			if !found {
				return sparkerr.Newf("UNRESOLVED_COLUMN.WITH_SUGGESTION", "objectName", sparkerr.QuoteID(c), "proposal", "")
			}
		}
		copts = append(copts, "PARTITION_BY ("+strings.Join(pcols, ", ")+")", "FILENAME_PATTERN 'part-{uuid}'", "FILE_EXTENSION '"+ext+"'")
	} else {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return sparkerr.Internal("creating %s: %v", dir, err)
		}
		target = filepath.Join(dir, "part-00000-"+hex.EncodeToString(randBytes())+"-c000."+ext)
	}
	stmt := "COPY (SELECT " + strings.Join(sel, ", ") + " FROM (" + q + ") AS w) TO " + functions.QuoteString(target) + " (" + strings.Join(copts, ", ") + ")"
	if _, err := s.conn.ExecContext(ctx, stmt); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return TranslateError(err)
	}
	if len(partitionBy) > 0 {
		return sparkPartitionNames(dir, len(partitionBy))
	}
	return nil
}

// sparkPartitionNames renames the k=v directories DuckDB wrote (which
// percent-encode more characters than Spark, spaces included) to Spark's
// escaping, so paths such as "name=Hyukjin Kwon" exist as Spark would
// write them.
func sparkPartitionNames(dir string, depth int) error {
	if depth == 0 {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return sparkerr.Internal("listing %s: %v", dir, err)
	}
	for _, e := range entries {
		k, v, ok := strings.Cut(e.Name(), "=")
		if !e.IsDir() || !ok {
			continue
		}
		name := k + "=" + catalog.EscapePartitionValue(catalog.UnescapePartitionValue(v))
		if name != e.Name() {
			if err := os.Rename(filepath.Join(dir, e.Name()), filepath.Join(dir, name)); err != nil {
				return sparkerr.Internal("renaming partition directory %s: %v", e.Name(), err)
			}
		}
		if err := sparkPartitionNames(filepath.Join(dir, name), depth-1); err != nil {
			return err
		}
	}
	return nil
}

func randBytes() []byte {
	h := sha256.Sum256([]byte(fmt.Sprint(logical.NewID(), os.Getpid())))
	return h[:8]
}

// narrowCSVIntegers applies Spark's CSV inference rule that integral
// columns whose values all fit in 32 bits are int, not bigint.
func narrowCSVIntegers(ctx context.Context, s *Session, src string, cols []string, st *types.Struct) error {
	var checks []string
	var idx []int
	for i, f := range st.Fields {
		if f.Type.Kind() == types.KindLong {
			q := functions.QuoteIdent(cols[i])
			checks = append(checks, "coalesce(bool_and("+q+" BETWEEN -2147483648 AND 2147483647), true)")
			idx = append(idx, i)
		}
	}
	if len(checks) == 0 {
		return nil
	}
	row := s.conn.QueryRowContext(ctx, "SELECT "+strings.Join(checks, ", ")+" FROM "+src)
	fits := make([]bool, len(checks))
	ptrs := make([]any, len(checks))
	for i := range fits {
		ptrs[i] = &fits[i]
	}
	if err := row.Scan(ptrs...); err != nil {
		return TranslateError(err)
	}
	for j, i := range idx {
		if fits[j] {
			st.Fields[i].Type = types.Int
		}
	}
	return nil
}

var castOverflowRE = regexp.MustCompile(`Type (\w+) with value (\S+) can't be cast because the value is out of range for the destination type (\w+)`)

// castOverflow turns DuckDB's out-of-range cast error into CAST_OVERFLOW.
func castOverflow(msg string) error {
	m := castOverflowRE.FindStringSubmatch(msg)
	if m == nil {
		return sparkerr.Internal("%s", msg)
	}
	name := map[string]string{"INT8": "TINYINT", "INT16": "SMALLINT", "INT32": "INT", "INT64": "BIGINT", "INT128": "DECIMAL(38,0)", "DOUBLE": "DOUBLE", "FLOAT": "FLOAT"}
	suffix := map[string]string{"INT8": "Y", "INT16": "S", "INT64": "L", "DOUBLE": "D"}
	src, dst := name[m[1]], name[m[3]]
	if src == "" {
		src = m[1]
	}
	if dst == "" {
		dst = m[3]
	}
	value := strings.Trim(m[2], "'\"") + suffix[m[1]]
	return sparkerr.Newf("CAST_OVERFLOW", "value", value, "sourceType", "\""+src+"\"", "targetType", "\""+dst+"\"", "ansiConfig", "\"spark.sql.ansi.enabled\"")
}

// jsonInferred maps a DuckDB-inferred JSON type to Spark's inference:
// dates, times and timestamps stay strings.
func jsonInferred(t types.DataType) types.DataType {
	switch x := t.(type) {
	case types.Array:
		x.Elem = jsonInferred(x.Elem)
		return x
	case types.Struct:
		fs := make([]types.Field, len(x.Fields))
		for i, f := range x.Fields {
			f.Type = jsonInferred(f.Type)
			fs[i] = f
		}
		return types.Struct{Fields: fs}
	case types.Map:
		x.Value = jsonInferred(x.Value)
		return x
	}
	if types.IsDatetime(t) {
		return types.String
	}
	return t
}

// partitionColumns applies Spark's partition discovery to an inferred
// schema: partition columns (k=v directories below the paths read) come
// last, in directory order, typed like Spark infers them (int when every
// value fits, then bigint, double, else string).
func partitionColumns(roots, files []string, cols []string, st types.Struct) ([]string, types.Struct) {
	var order []string
	values := map[string][]string{}
	for _, f := range files {
		rel := f
		for _, r := range roots {
			r = strings.TrimSuffix(strings.TrimPrefix(r, "file://"), "/")
			if strings.HasPrefix(f, r+"/") {
				rel = f[len(r)+1:]
				break
			}
		}
		parts := strings.Split(filepath.ToSlash(filepath.Dir(rel)), "/")
		for i, d := range parts {
			k, v, ok := strings.Cut(d, "=")
			if !ok {
				continue
			}
			if i >= len(order) {
				order = append(order, k)
			}
			values[k] = append(values[k], v)
		}
	}
	isPart := map[string]bool{}
	for _, k := range order {
		isPart[k] = true
	}
	var nc []string
	var nf []types.Field
	for i, c := range cols {
		if !isPart[c] {
			nc, nf = append(nc, c), append(nf, st.Fields[i])
		}
	}
	for _, k := range order {
		for i, c := range cols {
			if c == k {
				f := st.Fields[i]
				f.Type = partitionType(values[k])
				nc, nf = append(nc, c), append(nf, f)
			}
		}
	}
	if len(nc) != len(cols) {
		return cols, st
	}
	return nc, types.Struct{Fields: nf}
}

func partitionType(vals []string) types.DataType {
	fits := func(parse func(string) bool) bool {
		for _, v := range vals {
			if v != "__HIVE_DEFAULT_PARTITION__" && !parse(v) {
				return false
			}
		}
		return true
	}
	switch {
	case fits(func(v string) bool { _, err := strconv.ParseInt(v, 10, 32); return err == nil }):
		return types.Int
	case fits(func(v string) bool { _, err := strconv.ParseInt(v, 10, 64); return err == nil }):
		return types.Long
	case fits(func(v string) bool { _, err := strconv.ParseFloat(v, 64); return err == nil }):
		return types.Double
	}
	return types.String
}

// xmlScanSource reads XML files as one row per record (the elements named
// by the rowTag option, found anywhere in a file): column "value" is the
// record's text; cols may also ask for "__file" (the file's whole text,
// Spark's corrupt record for files) and "__path"; fileCol, when set, names
// a column of each row's file path. Files are read in Spark's order.
func xmlScanSource(paths []string, opts map[string]string, cols []string, fileCol string) (string, []string, error) {
	files, _, err := expandPaths(paths, "xml")
	if err != nil {
		return "", nil, err
	}
	sparkFileOrder(files)
	list := make([]string, len(files))
	for i, f := range files {
		list[i] = functions.QuoteString(f)
	}
	sel := []string{"unnest(ember_xml_records(content, filename, " + functions.QuoteString(opts["rowtag"]) + ")) AS value"}
	for _, c := range cols {
		switch c {
		case "value":
		case "__file":
			sel = append(sel, "ember_xml_file_text(content, filename) AS __file")
		case "__path":
			sel = append(sel, "filename AS __path")
		default:
			// A partition column: its k=v directory in the file's path.
			re := functions.QuoteString("/" + regexp.QuoteMeta(c) + "=([^/]*)/")
			sel = append(sel, "NULLIF(url_decode(regexp_extract(filename, "+re+", 1)), '__HIVE_DEFAULT_PARTITION__') AS "+functions.QuoteIdent(c))
		}
	}
	if fileCol != "" {
		sel = append(sel, "filename AS "+functions.QuoteIdent(fileCol))
	}
	if len(files) == 0 {
		return "(SELECT " + strings.Join(sel, ", ") + " FROM (SELECT NULL::BLOB AS content, NULL::VARCHAR AS filename) WHERE false)", files, nil
	}
	return "(SELECT " + strings.Join(sel, ", ") + " FROM read_blob([" + strings.Join(list, ", ") + "]))", files, nil
}

// xmlPartitionSchema is the partition columns (k=v directories below the
// paths) of XML files, typed as Spark's partition discovery types them.
func xmlPartitionSchema(paths []string) ([]string, types.Struct, error) {
	files, hive, err := expandPaths(paths, "xml")
	if err != nil || !hive {
		return nil, types.Struct{}, err
	}
	var cols []string
	var st types.Struct
	seen := map[string]bool{}
	for _, f := range files {
		rel := f
		for _, r := range paths {
			r = strings.TrimSuffix(strings.TrimPrefix(r, "file://"), "/")
			if strings.HasPrefix(f, r+"/") {
				rel = f[len(r)+1:]
				break
			}
		}
		for _, d := range strings.Split(filepath.ToSlash(filepath.Dir(rel)), "/") {
			if k, _, ok := strings.Cut(d, "="); ok && !seen[k] {
				seen[k] = true
				cols = append(cols, k)
				st.Fields = append(st.Fields, types.Field{Name: k, Type: types.String, Nullable: true})
			}
		}
	}
	cols, st = partitionColumns(paths, files, cols, st)
	return cols, st, nil
}
