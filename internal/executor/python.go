package executor

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"

	"github.com/emberdb/ember/internal/engine/duckdb"
	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/pyworker"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// runPython evaluates the Python nodes of a plan (PythonEval, PythonMap,
// PythonGroupMap, PythonAgg), innermost first: each node's input runs in
// DuckDB, its rows go through a Python worker, and the worker's rows are
// stored as a session table that the rest of the plan then reads.
func (c *Core) runPython(ctx context.Context, s *session.Session, es *duckdb.Session, lp logical.Plan) (logical.Plan, error) {
	if !hasPython(lp) {
		return lp, nil
	}
	var walk func(p logical.Plan) (logical.Plan, error)
	walk = func(p logical.Plan) (logical.Plan, error) {
		p, err := logical.MapChildren(p, walk)
		if err != nil {
			return nil, err
		}
		switch x := p.(type) {
		case *logical.PythonEval:
			return c.pythonEval(ctx, s, es, x)
		case *logical.PythonMap:
			return c.pythonMap(ctx, s, es, x)
		case *logical.PythonGroupMap:
			return c.pythonGroupMap(ctx, s, es, x)
		case *logical.PythonAgg:
			return c.pythonAgg(ctx, s, es, x)
		case *logical.PythonTable:
			return c.pythonTable(ctx, s, es, x)
		case *logical.PythonWindow:
			return c.pythonWindow(ctx, s, es, x)
		}
		return p, nil
	}
	return walk(lp)
}

func hasPython(p logical.Plan) bool {
	if logical.IsPython(p) {
		return true
	}
	for _, ch := range p.Children() {
		if hasPython(ch) {
			return true
		}
	}
	return false
}

// refsOf projects attrs unchanged.
func refsOf(attrs []logical.Attr) []logical.Named {
	out := make([]logical.Named, len(attrs))
	for i, a := range attrs {
		out[i] = logical.Named{Attr: a, Expr: &logical.ColRef{Attr: a}}
	}
	return out
}

// pyRows runs p and returns its rows as one record in the client's Arrow
// form (the form pyspark's serializers read).
func (c *Core) pyRows(ctx context.Context, s *session.Session, es *duckdb.Session, p logical.Plan) (arrow.RecordBatch, error) {
	recs, err := c.collect(ctx, s, es, p)
	if err != nil {
		return nil, err
	}
	defer release(recs)
	if len(recs) == 0 {
		as, err := types.ArrowSchema(logical.Schema(p.Output()), s.Conf.TimeZone())
		if err != nil {
			return nil, err
		}
		return array.NewRecordBatch(as, emptyColumns(as, c.mem), 0), nil
	}
	return concatRecords(recs, c.mem)
}

// pyConf is the session configuration pyspark's wrappers read.
func pyConf(s *session.Session) map[string]string {
	conf := map[string]string{"spark.sql.session.timeZone": s.Conf.TimeZone()}
	for _, k := range []string{
		"spark.sql.execution.pandas.convertToArrowArraySafely",
		"spark.sql.legacy.execution.pandas.groupedMap.assignColumnsByName",
		"spark.sql.execution.arrow.maxRecordsPerBatch",
		"spark.sql.execution.arrow.useLargeVarTypes",
		"spark.sql.execution.pythonUDF.pandas.intToDecimalCoercionEnabled",
		"spark.sql.execution.pyspark.binaryAsBytes",
		"spark.sql.legacy.execution.pythonUDF.pandas.conversion.enabled",
		"spark.sql.execution.pandas.structHandlingMode",
		"spark.sql.execution.pythonUDF.arrow.concurrency.level",
	} {
		if v, ok := s.Conf.Get(k); ok {
			conf[k] = v
		}
	}
	return conf
}

// pyBatchRows is how many rows go in one Arrow batch to a worker.
func pyBatchRows(s *session.Session) int64 {
	var n int64
	fmt.Sscan(s.Conf.GetOr("spark.sql.execution.arrow.maxRecordsPerBatch", "10000"), &n)
	if n <= 0 {
		n = 10000
	}
	return n
}

// runTask runs a task and returns the worker's result records.
func (c *Core) runTask(ctx context.Context, t *pyworker.Task, input func(w io.Writer) error) ([]arrow.RecordBatch, error) {
	data, err := c.py.Run(ctx, t, input)
	if err != nil {
		return nil, pythonError(err)
	}
	if len(data) == 0 {
		return nil, nil
	}
	rdr, err := ipc.NewReader(bytes.NewReader(data), ipc.WithAllocator(c.mem))
	if err != nil {
		return nil, sparkerr.Internal("reading the Python worker's rows: %v", err)
	}
	defer rdr.Release()
	var out []arrow.RecordBatch
	for rdr.Next() {
		r := rdr.RecordBatch()
		r.Retain()
		out = append(out, r)
	}
	if err := rdr.Err(); err != nil {
		release(out)
		return nil, sparkerr.Internal("reading the Python worker's rows: %v", err)
	}
	return out, nil
}

// pythonError turns a worker failure into the error Spark raises.
func pythonError(err error) error {
	var pe *pyworker.Error
	if errors.As(err, &pe) {
		return &sparkerr.Error{JavaClass: sparkerr.PythonException, SQLState: "38000",
			Text:   "[PYTHON_EXCEPTION] An exception was thrown from the Python worker: " + pe.Traceback,
			Text35: pe.Traceback}
	}
	var ce *pyworker.CrashError
	if errors.As(err, &ce) {
		slog.Warn("python worker crashed", "python", ce.Python, "error", ce.Err, "stderr", ce.Stderr)
		return &sparkerr.Error{JavaClass: sparkerr.SparkException, Text: "Python worker exited unexpectedly (crashed). " +
			"Consider setting 'spark.sql.execution.pyspark.udf.faulthandler.enabled' or'spark.python.worker.faulthandler.enabled' " +
			"configuration to 'true' for the better Python traceback."}
	}
	var se *pyworker.StartError
	if errors.As(err, &se) {
		return sparkerr.Newf("UNSUPPORTED_FEATURE.EMBER", "feature",
			"Python UDFs without a Python interpreter ("+se.Error()+"; start Ember with --python or set PYSPARK_PYTHON)")
	}
	return err
}

// writeStream writes rec as one Arrow IPC stream in batches of at most n
// rows (a zero-row record writes the schema alone).
func (c *Core) writeStream(w io.Writer, rec arrow.RecordBatch, n int64) error {
	iw := ipc.NewWriter(w, ipc.WithSchema(rec.Schema()), ipc.WithAllocator(c.mem))
	for off := int64(0); off < rec.NumRows(); off += n {
		end := min(off+n, rec.NumRows())
		part := rec.NewSlice(off, end)
		err := iw.Write(part)
		part.Release()
		if err != nil {
			return err
		}
	}
	return iw.Close()
}

// pick builds a record of some of rec's columns, renamed (names nil
// keeps their names).
func pick(rec arrow.RecordBatch, idx []int, names []string) arrow.RecordBatch {
	fields := make([]arrow.Field, len(idx))
	cols := make([]arrow.Array, len(idx))
	for i, j := range idx {
		f := rec.Schema().Field(j)
		if names != nil {
			f.Name = names[i]
		}
		fields[i] = f
		cols[i] = rec.Column(j)
	}
	return array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, rec.NumRows())
}

// span lists the column indexes lo..hi-1.
func span(lo, hi int) []int {
	out := make([]int, hi-lo)
	for i := range out {
		out[i] = lo + i
	}
	return out
}

// callArgs are the worker arguments of a call whose argument i is in
// column offsets[i], named as the call names it.
func callArgs(call *logical.PythonCall, offsets []int) []pyworker.Arg {
	args := make([]pyworker.Arg, len(offsets))
	for k, off := range offsets {
		args[k] = pyworker.Arg{Offset: off}
		if k < len(call.ArgNames) {
			args[k].Name = call.ArgNames[k]
		}
	}
	return args
}

func seqNames(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%d", prefix, i)
	}
	return out
}

// columns concatenates the columns of records (all of one schema).
func (c *Core) columns(recs []arrow.RecordBatch) ([]arrow.Array, error) {
	if len(recs) == 0 {
		return nil, nil
	}
	n := int(recs[0].NumCols())
	out := make([]arrow.Array, n)
	for i := 0; i < n; i++ {
		parts := make([]arrow.Array, len(recs))
		for j, r := range recs {
			parts[j] = r.Column(i)
		}
		a, err := array.Concatenate(parts, c.mem)
		if err != nil {
			return nil, sparkerr.Internal("assembling the Python worker's rows: %v", err)
		}
		out[i] = a
	}
	return out, nil
}

// unwrapStruct flattens a worker's answer of one struct column into the
// struct's fields (how pyspark returns the rows of relation functions).
func unwrapStruct(cols []arrow.Array, want int) []arrow.Array {
	if len(cols) != 1 {
		return cols
	}
	st, ok := cols[0].(*array.Struct)
	if !ok || st.NumField() != want {
		return cols
	}
	out := make([]arrow.Array, want)
	for i := range out {
		f := st.Field(i)
		if st.Offset() != 0 || st.Len() != f.Len() {
			f = array.NewSlice(f, int64(st.Offset()), int64(st.Offset()+st.Len()))
		} else {
			f.Retain()
		}
		out[i] = f
	}
	cols[0].Release()
	return out
}

// pyTable stores the columns as a session table and returns the scan of
// it that stands for node's rows.
func (c *Core) pyTable(ctx context.Context, es *duckdb.Session, cols []arrow.Array, rows int64, out []logical.Attr) (logical.Plan, error) {
	if len(cols) != len(out) {
		return nil, sparkerr.Internal("the Python worker returned %d columns where %d were expected", len(cols), len(out))
	}
	fields := make([]arrow.Field, len(cols))
	cols = append([]arrow.Array(nil), cols...)
	for i, col := range cols {
		if int64(col.Len()) != rows {
			return nil, sparkerr.Internal("the Python worker returned %d rows where %d were expected", col.Len(), rows)
		}
		if st, ok := col.DataType().(*arrow.StructType); ok && st.NumFields() == 0 {
			b := types.EmptyStructAsBool(col, c.mem)
			defer b.Release()
			cols[i], col = b, b
		}
		fields[i] = arrow.Field{Name: fmt.Sprintf("_c%d", i), Type: col.DataType(), Nullable: true}
	}
	rec := array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, rows)
	defer rec.Release()
	var buf bytes.Buffer
	if err := c.writeStream(&buf, rec, 1<<20); err != nil {
		return nil, sparkerr.Internal("storing the Python worker's rows: %v", err)
	}
	name, names, _, err := c.eng.LocalTable(ctx, es, [][]byte{buf.Bytes()})
	if err != nil {
		return nil, err
	}
	return &logical.LocalTable{Table: name, Columns: names, Attrs: out}, nil
}

func udfOf(f *logical.PythonFunc, args []pyworker.Arg) pyworker.UDF {
	return pyworker.UDF{Args: args, ReturnType: types.ToJSON(f.Return), Command: f.Command}
}

// pythonEval runs scalar UDF calls: the calls' arguments are computed in
// DuckDB next to the input's columns, each eval type's calls run in one
// worker task, and their values are appended to the input rows.
func (c *Core) pythonEval(ctx context.Context, s *session.Session, es *duckdb.Session, x *logical.PythonEval) (logical.Plan, error) {
	in := x.Input.Output()
	exprs := refsOf(in)
	pos := map[int64]int{}
	for i, a := range in {
		pos[a.ID] = i
	}
	argCols := make([][]int, len(x.Calls))
	for i, call := range x.Calls {
		for _, arg := range call.Call.Args {
			if r, ok := arg.(*logical.ColRef); ok {
				if j, ok := pos[r.Attr.ID]; ok {
					argCols[i] = append(argCols[i], j)
					continue
				}
			}
			at := logical.Attr{ID: logical.NewID(), Name: fmt.Sprintf("_arg%d", len(exprs)), Type: arg.Type(), Nullable: true}
			exprs = append(exprs, logical.Named{Attr: at, Expr: arg})
			argCols[i] = append(argCols[i], len(exprs)-1)
		}
	}
	rec, err := c.pyRows(ctx, s, es, &logical.Project{Input: x.Input, Exprs: exprs})
	if err != nil {
		return nil, err
	}
	defer rec.Release()
	rows := rec.NumRows()
	results := make([]arrow.Array, len(x.Calls))
	defer func() {
		for _, r := range results {
			if r != nil {
				r.Release()
			}
		}
	}()
	done := make([]bool, len(x.Calls))
	for i := range x.Calls {
		if done[i] {
			continue
		}
		et := x.Calls[i].Call.Func.EvalType
		var group []int
		for j := i; j < len(x.Calls); j++ {
			if !done[j] && x.Calls[j].Call.Func.EvalType == et {
				group = append(group, j)
				done[j] = true
			}
		}
		if err := c.evalScalarGroup(ctx, s, x, group, argCols, exprs, rec, results); err != nil {
			return nil, err
		}
	}
	cols := make([]arrow.Array, 0, len(in)+len(results))
	for i := range in {
		cols = append(cols, rec.Column(i))
	}
	cols = append(cols, results...)
	return c.pyTable(ctx, es, cols, rows, x.Output())
}

func (c *Core) evalScalarGroup(ctx context.Context, s *session.Session, x *logical.PythonEval, group []int, argCols [][]int,
	exprs []logical.Named, rec arrow.RecordBatch, results []arrow.Array) error {
	rows := rec.NumRows()
	first := x.Calls[group[0]].Call.Func
	sentPos := map[int]int{}
	var sent []int
	task := &pyworker.Task{EvalType: first.EvalType, Conf: pyConf(s), PythonVer: first.PythonVer}
	for _, ci := range group {
		call := x.Calls[ci].Call
		offsets := make([]int, len(argCols[ci]))
		for k, col := range argCols[ci] {
			p, ok := sentPos[col]
			if !ok {
				p = len(sent)
				sentPos[col] = p
				sent = append(sent, col)
			}
			offsets[k] = p
		}
		args := callArgs(call, offsets)
		task.UDFs = append(task.UDFs, udfOf(call.Func, args))
	}
	for _, col := range sent {
		task.InputTypes = append(task.InputTypes, types.ToJSON(exprs[col].Attr.Type))
	}
	if rows == 0 {
		for _, ci := range group {
			at, err := types.ToArrow(x.Calls[ci].Call.Func.Return, s.Conf.TimeZone())
			if err != nil {
				return err
			}
			results[ci] = array.MakeArrayOfNull(c.mem, at, 0)
		}
		return nil
	}
	input := pick(rec, sent, seqNames("_", len(sent)))
	defer input.Release()
	out, err := c.runTask(ctx, task, func(w io.Writer) error { return c.writeStream(w, input, pyBatchRows(s)) })
	if err != nil {
		return err
	}
	defer release(out)
	cols, err := c.columns(out)
	if err != nil {
		return err
	}
	if len(cols) != len(group) {
		for _, col := range cols {
			col.Release()
		}
		return sparkerr.Internal("the Python worker returned %d columns for %d UDFs", len(cols), len(group))
	}
	for k, ci := range group {
		if int64(cols[k].Len()) != rows {
			return sparkerr.Internal("the Python UDF %s returned %d rows for %d", x.Calls[ci].Call.Func.Name, cols[k].Len(), rows)
		}
		results[ci] = cols[k]
	}
	return nil
}

// asStruct wraps a record's columns into one struct column, the form in
// which Spark hands rows to mapInPandas / mapInArrow.
func asStruct(rec arrow.RecordBatch) (arrow.RecordBatch, error) {
	fields := rec.Schema().Fields()
	st, err := array.NewStructArrayWithFields(rec.Columns(), fields)
	if err != nil {
		return nil, sparkerr.Internal("building the Python input: %v", err)
	}
	defer st.Release()
	sc := arrow.NewSchema([]arrow.Field{{Name: "_0", Type: st.DataType(), Nullable: false}}, nil)
	return array.NewRecordBatch(sc, []arrow.Array{st}, rec.NumRows()), nil
}

func (c *Core) pythonMap(ctx context.Context, s *session.Session, es *duckdb.Session, x *logical.PythonMap) (logical.Plan, error) {
	rec, runs, err := c.partitionRuns(ctx, s, es, x.Input, refsOf(x.Input.Output()))
	if err != nil {
		return nil, err
	}
	defer rec.Release()
	in, err := asStruct(rec)
	if err != nil {
		return nil, err
	}
	defer in.Release()
	task := &pyworker.Task{EvalType: x.Func.EvalType, Conf: pyConf(s), PythonVer: x.Func.PythonVer,
		UDFs: []pyworker.UDF{udfOf(x.Func, []pyworker.Arg{{Offset: 0}})}}
	out, err := c.perPartition(ctx, task, in, runs, func(w io.Writer, part arrow.RecordBatch) error {
		return c.writeStream(w, part, pyBatchRows(s))
	})
	if err != nil {
		return nil, err
	}
	defer release(out)
	return c.pyResult(ctx, s, es, out, x.Out)
}

// pyResult stores a relation function's answer (its rows, possibly as
// one struct column) as the node's table.
func (c *Core) pyResult(ctx context.Context, s *session.Session, es *duckdb.Session, out []arrow.RecordBatch, attrs []logical.Attr) (logical.Plan, error) {
	var rows int64
	for _, r := range out {
		rows += r.NumRows()
	}
	cols, err := c.columns(out)
	if err != nil {
		return nil, err
	}
	if cols == nil {
		cols = make([]arrow.Array, len(attrs))
		for i, a := range attrs {
			at, err := types.ToArrow(a.Type, s.Conf.TimeZone())
			if err != nil {
				return nil, err
			}
			cols[i] = array.MakeArrayOfNull(c.mem, at, 0)
		}
	}
	cols = unwrapStruct(cols, len(attrs))
	defer func() {
		for _, col := range cols {
			col.Release()
		}
	}()
	return c.pyTable(ctx, es, cols, rows, attrs)
}

// keyed runs input with its grouping keys first (named _k0, _k1, ...)
// and then cols (input's own columns when nil), sorted by the keys and
// then by order, and returns the rows (without order's columns) and the
// [start, end) range of each group of equal keys: one group of all rows
// without keys.
func (c *Core) keyed(ctx context.Context, s *session.Session, es *duckdb.Session, input logical.Plan, keys []logical.Expr, cols []logical.Named, order []logical.SortKey) (arrow.RecordBatch, [][2]int64, error) {
	var exprs []logical.Named
	var sortKeys []logical.SortKey
	for i, k := range keys {
		at := logical.Attr{ID: logical.NewID(), Name: fmt.Sprintf("_k%d", i), Type: k.Type(), Nullable: true}
		exprs = append(exprs, logical.Named{Attr: at, Expr: k})
		sortKeys = append(sortKeys, logical.SortKey{Expr: &logical.ColRef{Attr: at}, NullsFirst: true})
	}
	if cols == nil {
		cols = refsOf(input.Output())
	}
	exprs = append(exprs, cols...)
	for i, k := range order {
		at := logical.Attr{ID: logical.NewID(), Name: fmt.Sprintf("_o%d", i), Type: k.Expr.Type(), Nullable: true}
		exprs = append(exprs, logical.Named{Attr: at, Expr: k.Expr})
		sortKeys = append(sortKeys, logical.SortKey{Expr: &logical.ColRef{Attr: at}, Desc: k.Desc, NullsFirst: k.NullsFirst})
	}
	var p logical.Plan = &logical.Project{Input: input, Exprs: exprs}
	if len(sortKeys) > 0 {
		p = &logical.Sort{Input: p, Keys: sortKeys}
	}
	rec, err := c.pyRows(ctx, s, es, p)
	if err != nil {
		return nil, nil, err
	}
	if len(order) > 0 {
		kept := pick(rec, span(0, len(keys)+len(cols)), nil)
		rec.Release()
		rec = kept
	}
	nk := len(keys)
	if nk == 0 {
		return rec, [][2]int64{{0, rec.NumRows()}}, nil
	}
	return rec, runsOf(rec.NumRows(), func(i, j int64) bool { return keyString(rec, nk, i) == keyString(rec, nk, j) }), nil
}

// runsOf splits rows 0..n-1 into the [start, end) runs of consecutive
// rows that same says belong together (same(i-1, i)).
func runsOf(n int64, same func(i, j int64) bool) [][2]int64 {
	var runs [][2]int64
	start := int64(0)
	for i := int64(1); i <= n; i++ {
		if i == n || !same(i-1, i) {
			runs = append(runs, [2]int64{start, i})
			start = i
		}
	}
	return runs
}

// namedExprs names expressions _0, _1, ... for a projection.
func namedExprs(es []logical.Expr) []logical.Named {
	out := make([]logical.Named, len(es))
	for i, e := range es {
		out[i] = logical.Named{Attr: logical.Attr{ID: logical.NewID(), Name: fmt.Sprintf("_%d", i), Type: e.Type(), Nullable: true}, Expr: e}
	}
	return out
}

// keyString renders row i's first nk columns as one comparable string.
func keyString(rec arrow.RecordBatch, nk int, i int64) string {
	var b strings.Builder
	for k := 0; k < nk; k++ {
		col := rec.Column(k)
		if col.IsNull(int(i)) {
			b.WriteString("\x00N")
		} else {
			b.WriteString("\x00V")
			b.WriteString(col.ValueStr(int(i)))
		}
	}
	return b.String()
}

// groupOffsets are pyspark's argument offsets of a grouped function: the
// count, the key count, the key columns, then the value columns.
func groupOffsets(nk, nv int) []pyworker.Arg {
	args := []pyworker.Arg{{Offset: 1 + nk + nv}, {Offset: nk}}
	for i := 0; i < nk+nv; i++ {
		args = append(args, pyworker.Arg{Offset: i})
	}
	return args
}

// writeGroups writes groups as pyspark reads them: for Spark 4 each
// group is "1" and its own stream; for Spark 3.5 one stream with one
// batch per group.
func (c *Core) writeGroups(w io.Writer, s *session.Session, rec arrow.RecordBatch, bounds [][2]int64) error {
	if spark35(s) {
		iw := ipc.NewWriter(w, ipc.WithSchema(rec.Schema()), ipc.WithAllocator(c.mem))
		for _, b := range bounds {
			part := rec.NewSlice(b[0], b[1])
			err := iw.Write(part)
			part.Release()
			if err != nil {
				return err
			}
		}
		return iw.Close()
	}
	for _, b := range bounds {
		if err := pyworker.WriteInt(w, 1); err != nil {
			return err
		}
		part := rec.NewSlice(b[0], b[1])
		err := c.writeStream(w, part, pyBatchRows(s))
		part.Release()
		if err != nil {
			return err
		}
	}
	return pyworker.WriteInt(w, 0)
}

func (c *Core) pythonGroupMap(ctx context.Context, s *session.Session, es *duckdb.Session, x *logical.PythonGroupMap) (logical.Plan, error) {
	rec, bounds, err := c.keyed(ctx, s, es, x.Input, x.Keys, nil, nil)
	if err != nil {
		return nil, err
	}
	defer rec.Release()
	nk, nv := len(x.Keys), int(rec.NumCols())-len(x.Keys)
	task := &pyworker.Task{EvalType: x.Func.EvalType, Conf: pyConf(s), PythonVer: x.Func.PythonVer}
	if x.Other == nil {
		task.UDFs = []pyworker.UDF{udfOf(x.Func, groupOffsets(nk, nv))}
		if len(bounds) == 0 {
			return c.pyResult(ctx, s, es, nil, x.Out)
		}
		send := rec
		if x.Func.EvalType == logical.PyGroupedMapArrow || x.Func.EvalType == logical.PyGroupedMapArrowIter {
			// Spark hands applyInArrow its rows as one struct column.
			if send, err = asStruct(rec); err != nil {
				return nil, err
			}
			defer send.Release()
		}
		out, err := c.runTask(ctx, task, func(w io.Writer) error { return c.writeGroups(w, s, send, bounds) })
		if err != nil {
			return nil, err
		}
		defer release(out)
		return c.pyResult(ctx, s, es, out, x.Out)
	}
	orec, obounds, err := c.keyed(ctx, s, es, x.Other, x.OtherKeys, nil, nil)
	if err != nil {
		return nil, err
	}
	defer orec.Release()
	onv := int(orec.NumCols()) - nk
	task.UDFs = []pyworker.UDF{udfOf(x.Func, append(groupOffsets(nk, nv), groupOffsets(nk, onv)...))}
	// Pair the groups by key: left's keys in order, then right-only keys.
	type pair struct{ l, r [2]int64 }
	none := [2]int64{-1, -1}
	var pairs []pair
	index := map[string]int{}
	for _, b := range bounds {
		index[keyString(rec, nk, b[0])] = len(pairs)
		pairs = append(pairs, pair{b, none})
	}
	for _, b := range obounds {
		k := keyString(orec, nk, b[0])
		if i, ok := index[k]; ok {
			pairs[i].r = b
		} else {
			pairs = append(pairs, pair{none, b})
		}
	}
	if len(pairs) == 0 {
		return c.pyResult(ctx, s, es, nil, x.Out)
	}
	side := func(w io.Writer, r arrow.RecordBatch, b [2]int64) error {
		if b[0] < 0 {
			b = [2]int64{0, 0}
		}
		part := r.NewSlice(b[0], b[1])
		defer part.Release()
		if part.NumRows() == 0 {
			// An absent side is one empty batch, which pyspark turns
			// into an empty DataFrame with the side's columns.
			iw := ipc.NewWriter(w, ipc.WithSchema(part.Schema()), ipc.WithAllocator(c.mem))
			if err := iw.Write(part); err != nil {
				return err
			}
			return iw.Close()
		}
		return c.writeStream(w, part, pyBatchRows(s))
	}
	out, err := c.runTask(ctx, task, func(w io.Writer) error {
		for _, p := range pairs {
			if err := pyworker.WriteInt(w, 2); err != nil {
				return err
			}
			if err := side(w, rec, p.l); err != nil {
				return err
			}
			if err := side(w, orec, p.r); err != nil {
				return err
			}
		}
		return pyworker.WriteInt(w, 0)
	})
	if err != nil {
		return nil, err
	}
	defer release(out)
	return c.pyResult(ctx, s, es, out, x.Out)
}

// pythonAgg runs grouped-aggregate pandas UDFs: one call per group of
// equal keys (one group over all rows without keys), one row each.
func (c *Core) pythonAgg(ctx context.Context, s *session.Session, es *duckdb.Session, x *logical.PythonAgg) (logical.Plan, error) {
	var args []logical.Expr
	argPos := make([][]int, len(x.Calls))
	for i, call := range x.Calls {
		for _, a := range call.Call.Args {
			argPos[i] = append(argPos[i], len(args))
			args = append(args, a)
		}
	}
	nk := len(x.Keys)
	rec, bounds, err := c.keyed(ctx, s, es, x.Input, x.Keys, namedExprs(args), nil)
	if err != nil {
		return nil, err
	}
	defer rec.Release()
	if rec.NumRows() == 0 {
		bounds = nil // Spark calls no function over empty input, with keys or without
	}
	if len(args) == 0 {
		// No argument columns: still one row per group.
		args = nil
	}
	task := &pyworker.Task{EvalType: x.Calls[0].Call.Func.EvalType, Conf: pyConf(s), PythonVer: x.Calls[0].Call.Func.PythonVer}
	for i, call := range x.Calls {
		task.UDFs = append(task.UDFs, udfOf(call.Call.Func, callArgs(call.Call, argPos[i])))
	}
	values := pick(rec, span(nk, nk+len(args)), seqNames("_", len(args)))
	defer values.Release()
	groups := int64(len(bounds))
	var resCols []arrow.Array
	if groups > 0 {
		out, err := c.runTask(ctx, task, func(w io.Writer) error { return c.writeGroups(w, s, values, bounds) })
		if err != nil {
			return nil, err
		}
		defer release(out)
		if resCols, err = c.columns(out); err != nil {
			return nil, err
		}
		resCols = unwrapStruct(resCols, len(x.Calls))
	} else {
		for _, call := range x.Calls {
			at, err := types.ToArrow(call.Call.Func.Return, s.Conf.TimeZone())
			if err != nil {
				return nil, err
			}
			resCols = append(resCols, array.MakeArrayOfNull(c.mem, at, 0))
		}
	}
	defer func() {
		for _, col := range resCols {
			col.Release()
		}
	}()
	// The keys of each group, from its first row.
	var cols []arrow.Array
	for k := 0; k < nk; k++ {
		parts := make([]arrow.Array, len(bounds))
		for i, b := range bounds {
			parts[i] = array.NewSlice(rec.Column(k), b[0], b[0]+1)
		}
		var kc arrow.Array
		if len(parts) == 0 {
			kc = array.MakeArrayOfNull(c.mem, rec.Column(k).DataType(), 0)
		} else {
			kc, err = array.Concatenate(parts, c.mem)
			for _, p := range parts {
				p.Release()
			}
			if err != nil {
				return nil, sparkerr.Internal("assembling group keys: %v", err)
			}
		}
		defer kc.Release()
		cols = append(cols, kc)
	}
	cols = append(cols, resCols...)
	return c.pyTable(ctx, es, cols, groups, x.Output())
}

// AnalyzeUDTF runs a UDTF's analyze() method on its arguments' types (and
// values, for literals): the result schema and the pickled AnalyzeResult.
func (k engineCatalog) AnalyzeUDTF(ctx context.Context, s *session.Session, f *logical.PythonFunc, args []logical.Expr, names []string, tableArg int) (types.Struct, []byte, error) {
	t := &pyworker.Task{Kind: "analyze", EvalType: f.EvalType, Conf: pyConf(s), PythonVer: f.PythonVer, Command: f.Command}
	for i, a := range args {
		aa := pyworker.AnalyzeArg{Type: types.ToJSON(a.Type()), Name: names[i], Table: i == tableArg}
		if l, ok := a.(*logical.Lit); ok {
			aa.Constant = true
			aa.Value = l.V
		}
		t.AnalyzeArgs = append(t.AnalyzeArgs, aa)
	}
	data, err := k.py.Run(ctx, t, nil)
	if err != nil {
		return types.Struct{}, nil, pythonError(err)
	}
	var res struct {
		Schema  string `json:"schema"`
		Pickled string `json:"pickled"`
	}
	if err := json.Unmarshal(data, &res); err != nil {
		return types.Struct{}, nil, sparkerr.Internal("reading the UDTF's analyze() result: %v", err)
	}
	dt, err := types.ParseJSON(res.Schema)
	if err != nil {
		return types.Struct{}, nil, sparkerr.Internal("reading the UDTF's analyze() schema: %v", err)
	}
	st, ok := dt.(types.Struct)
	if !ok {
		return types.Struct{}, nil, sparkerr.Internal("the UDTF's analyze() returned a %s schema", dt.SimpleString())
	}
	pickled, err := hex.DecodeString(res.Pickled)
	if err != nil {
		return types.Struct{}, nil, sparkerr.Internal("reading the UDTF's analyze() result: %v", err)
	}
	return st, pickled, nil
}

// pythonTable calls a UDTF once with its (constant) arguments, or once
// per row of its TABLE argument.
func (c *Core) pythonTable(ctx context.Context, s *session.Session, es *duckdb.Session, x *logical.PythonTable) (logical.Plan, error) {
	var rec arrow.RecordBatch
	var runs [][2]int64
	if x.Table != nil {
		var err error
		if rec, runs, err = c.tableArgRows(ctx, s, es, x); err != nil {
			return nil, err
		}
	} else if len(x.Args) == 0 {
		rec = array.NewRecordBatch(arrow.NewSchema(nil, nil), nil, 1)
	} else {
		exprs := make([]logical.Named, len(x.Args))
		for i, a := range x.Args {
			exprs[i] = logical.Named{Attr: logical.Attr{ID: logical.NewID(), Name: fmt.Sprintf("_%d", i), Type: a.Type(), Nullable: true}, Expr: a}
		}
		var err error
		if rec, err = c.pyRows(ctx, s, es, &logical.Project{Input: &logical.OneRow{}, Exprs: exprs}); err != nil {
			return nil, err
		}
	}
	defer rec.Release()
	t := &pyworker.Task{EvalType: x.Func.EvalType, Conf: pyConf(s), PythonVer: x.Func.PythonVer, Command: x.Func.Command,
		UDTFName: x.Func.Name, ReturnType: types.ToJSON(x.Func.Return), AnalyzeResult: x.Analyzed, InputTypes: []string{}}
	for i, a := range x.Args {
		t.UDTFArgs = append(t.UDTFArgs, pyworker.Arg{Offset: i, Name: x.ArgNames[i]})
		t.InputTypes = append(t.InputTypes, types.ToJSON(a.Type()))
	}
	if runs == nil {
		runs = [][2]int64{{0, rec.NumRows()}}
	}
	out, err := c.perPartition(ctx, t, rec, runs, func(w io.Writer, part arrow.RecordBatch) error {
		iw := ipc.NewWriter(w, ipc.WithSchema(part.Schema()), ipc.WithAllocator(c.mem))
		if err := iw.Write(part); err != nil {
			return err
		}
		return iw.Close()
	})
	if err != nil {
		return nil, err
	}
	defer release(out)
	return c.pyResult(ctx, s, es, out, x.Out)
}

// tableArgRows is a UDTF's input for a TABLE argument: per row of the
// table, the row as one struct column in the argument's place and the
// other arguments' values.
func (c *Core) tableArgRows(ctx context.Context, s *session.Session, es *duckdb.Session, x *logical.PythonTable) (arrow.RecordBatch, [][2]int64, error) {
	tcols := x.Table.Output()
	exprs := refsOf(tcols)
	for i, a := range x.Args {
		if i == x.TableArg {
			continue
		}
		exprs = append(exprs, logical.Named{Attr: logical.Attr{ID: logical.NewID(), Name: fmt.Sprintf("_%d", i), Type: a.Type(), Nullable: true}, Expr: a})
	}
	var rec arrow.RecordBatch
	var runs [][2]int64
	var err error
	if len(x.Partition) > 0 || len(x.Order) > 0 || x.Single {
		rec, runs, err = c.partitionedRows(ctx, s, es, x, exprs)
	} else {
		rec, runs, err = c.partitionRuns(ctx, s, es, x.Table, exprs)
	}
	if err != nil {
		return nil, nil, err
	}
	defer rec.Release()
	n := len(tcols)
	fields := rec.Schema().Fields()
	st, err := array.NewStructArrayWithFields(rec.Columns()[:n], fields[:n])
	if err != nil {
		return nil, nil, sparkerr.Internal("building the TABLE argument: %v", err)
	}
	defer st.Release()
	outFields := make([]arrow.Field, len(x.Args))
	outCols := make([]arrow.Array, len(x.Args))
	j := n
	for i := range x.Args {
		if i == x.TableArg {
			outFields[i] = arrow.Field{Name: fmt.Sprintf("_%d", i), Type: st.DataType(), Nullable: true}
			outCols[i] = st
			continue
		}
		outFields[i] = fields[j]
		outFields[i].Name = fmt.Sprintf("_%d", i)
		outCols[i] = rec.Column(j)
		j++
	}
	return array.NewRecordBatch(arrow.NewSchema(outFields, nil), outCols, rec.NumRows()), runs, nil
}

// partitionRuns runs p with Spark's partition id of each row appended and
// returns p's rows (without the id) and the [start, end) runs of rows of
// one partition, in Spark's order: Spark calls mapInPandas functions and
// UDTFs once per partition. Where Ember does not model Spark's
// partitioning of p, all rows are one run.
func (c *Core) partitionRuns(ctx context.Context, s *session.Session, es *duckdb.Session, p logical.Plan, exprs []logical.Named) (arrow.RecordBatch, [][2]int64, error) {
	single := func() (arrow.RecordBatch, [][2]int64, error) {
		rec, err := c.pyRows(ctx, s, es, &logical.Project{Input: p, Exprs: exprs})
		if err != nil {
			return nil, nil, err
		}
		return rec, [][2]int64{{0, rec.NumRows()}}, nil
	}
	pid, err := functions.Call(&functions.Ctx{ANSI: s.Conf.ANSI(), TimeZone: s.Conf.TimeZone()}, "spark_partition_id", nil, false)
	if err != nil {
		return single()
	}
	with := append(append([]logical.Named{}, exprs...), logical.Named{Attr: logical.Attr{ID: logical.NewID(), Name: "_pid", Type: types.Int}, Expr: pid})
	rec, err := c.pyRows(ctx, s, es, &logical.Project{Input: p, Exprs: with})
	if err != nil {
		if se, ok := sparkerr.As(err); ok && strings.HasPrefix(se.Class, "UNSUPPORTED_FEATURE") {
			return single()
		}
		return nil, nil, err
	}
	defer rec.Release()
	n := int(rec.NumCols()) - 1
	ids, ok := rec.Column(n).(*array.Int32)
	if !ok {
		return single()
	}
	runs := runsOf(rec.NumRows(), func(i, j int64) bool { return ids.Value(int(i)) == ids.Value(int(j)) })
	return pick(rec, span(0, n), nil), runs, nil
}

// perPartition runs one task per run of rows and returns all results.
func (c *Core) perPartition(ctx context.Context, t *pyworker.Task, rec arrow.RecordBatch, runs [][2]int64, write func(w io.Writer, part arrow.RecordBatch) error) ([]arrow.RecordBatch, error) {
	var out []arrow.RecordBatch
	for _, r := range runs {
		part := rec.NewSlice(r[0], r[1])
		res, err := c.runTask(ctx, t, func(w io.Writer) error { return write(w, part) })
		part.Release()
		if err != nil {
			release(out)
			return nil, err
		}
		out = append(out, res...)
	}
	return out, nil
}

// pythonWindow runs a grouped-aggregate UDF once per partition of rows
// with equal Partition values and gives each row its partition's value.
func (c *Core) pythonWindow(ctx context.Context, s *session.Session, es *duckdb.Session, x *logical.PythonWindow) (logical.Plan, error) {
	in := x.Input.Output()
	nk := len(x.Partition)
	rec, bounds, err := c.keyed(ctx, s, es, x.Input, x.Partition, append(refsOf(in), namedExprs(x.Call.Call.Args)...), nil)
	if err != nil {
		return nil, err
	}
	defer rec.Release()
	if rec.NumRows() == 0 {
		bounds = nil
	}
	call := x.Call.Call
	args := callArgs(call, span(0, len(call.Args)))
	idx := span(nk+len(in), nk+len(in)+len(call.Args))
	values := pick(rec, idx, seqNames("_", len(idx)))
	defer values.Release()
	var result arrow.Array
	if len(bounds) > 0 {
		task := &pyworker.Task{EvalType: call.Func.EvalType, Conf: pyConf(s), PythonVer: call.Func.PythonVer,
			UDFs: []pyworker.UDF{udfOf(call.Func, args)}}
		out, err := c.runTask(ctx, task, func(w io.Writer) error { return c.writeGroups(w, s, values, bounds) })
		if err != nil {
			return nil, err
		}
		defer release(out)
		cols, err := c.columns(out)
		if err != nil {
			return nil, err
		}
		cols = unwrapStruct(cols, 1)
		defer func() {
			for _, col := range cols {
				col.Release()
			}
		}()
		if len(cols) != 1 || cols[0].Len() != len(bounds) {
			return nil, sparkerr.Internal("the Python UDF %s returned %d values for %d partitions", call.Func.Name, cols[0].Len(), len(bounds))
		}
		// Each partition's value, repeated over its rows.
		var parts, ones []arrow.Array
		for g, b := range bounds {
			one := array.NewSlice(cols[0], int64(g), int64(g+1))
			ones = append(ones, one)
			for i := b[0]; i < b[1]; i++ {
				parts = append(parts, one)
			}
		}
		result, err = array.Concatenate(parts, c.mem)
		for _, one := range ones {
			one.Release()
		}
		if err != nil {
			return nil, sparkerr.Internal("assembling window values: %v", err)
		}
	} else {
		at, err := types.ToArrow(call.Func.Return, s.Conf.TimeZone())
		if err != nil {
			return nil, err
		}
		result = array.MakeArrayOfNull(c.mem, at, 0)
	}
	defer result.Release()
	cols := make([]arrow.Array, 0, len(in)+1)
	for i := range in {
		cols = append(cols, rec.Column(nk+i))
	}
	cols = append(cols, result)
	return c.pyTable(ctx, es, cols, rec.NumRows(), x.Output())
}

// partitionedRows runs a TABLE argument with PARTITION BY / ORDER BY /
// WITH SINGLE PARTITION: its rows (the exprs columns) sorted by the
// partition keys then the order keys, and the runs of rows of one
// partition (all rows for a single partition).
func (c *Core) partitionedRows(ctx context.Context, s *session.Session, es *duckdb.Session, x *logical.PythonTable, exprs []logical.Named) (arrow.RecordBatch, [][2]int64, error) {
	keys := x.Partition
	if x.Single {
		keys = nil
	}
	rec, runs, err := c.keyed(ctx, s, es, x.Table, keys, exprs, x.Order)
	if err != nil {
		return nil, nil, err
	}
	defer rec.Release()
	if rec.NumRows() == 0 {
		runs = nil
	}
	return pick(rec, span(len(keys), len(keys)+len(exprs)), nil), runs, nil
}
