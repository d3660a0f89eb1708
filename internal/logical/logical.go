// Package logical is the resolved, typed logical plan the analyzer produces
// and engines execute.
//
// Every column is an Attr with a process-unique ID, a Spark type and
// nullability; every expression knows its Spark result type. Nothing here
// is engine specific: the DuckDB engine lowers these nodes to SQL with
// explicit casts so that DuckDB's own typing never leaks out.
//
//	Project [id#1, (age#2 + 1000) AS plus1k#3]
//	└─ LocalTable t_ab12 [id#1, age#2]
package logical

import (
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/emberdb/ember/internal/types"
)

var nextID atomic.Int64

// NewID returns a fresh attribute id.
func NewID() int64 { return nextID.Add(1) }

// Attr is a resolved column.
type Attr struct {
	ID        int64
	Name      string
	Type      types.DataType
	Nullable  bool
	Qualifier []string // the relation alias the column can be qualified by
	Metadata  string   // field metadata JSON, "" if none
}

// Field converts the attribute to a schema field.
func (a Attr) Field() types.Field {
	return types.Field{Name: a.Name, Type: a.Type, Nullable: a.Nullable, Metadata: a.Metadata}
}

// Schema of a list of attributes.
func Schema(attrs []Attr) types.Struct {
	fs := make([]types.Field, len(attrs))
	for i, a := range attrs {
		fs[i] = a.Field()
	}
	return types.Struct{Fields: fs}
}

// Plan is a resolved relational operator.
type Plan interface {
	Output() []Attr
	Children() []Plan
	// Meta carries the Connect plan id of the DataFrame that produced it.
	Meta() *Info
}

// Info is common node information.
type Info struct {
	PlanID    int64
	HasPlanID bool
}

func (m *Info) Meta() *Info { return m }

// LocalTable scans data held by the engine (createDataFrame data).
type LocalTable struct {
	Info
	Table   string   // engine table name
	Columns []string // engine column names, parallel to Attrs
	Attrs   []Attr
	// ClientRows is set when the table holds a local relation sent by the
	// client, in its row order (Spark's LocalRelation; see Layout).
	ClientRows bool
	// Stats, when Known, describe the client's rows (for Spark's size
	// estimate and partition layout; see engine/duckdb/partitions.go).
	Stats LocalStats
	// Cached, when set, marks the rows as the cached copy of a persisted
	// plan (df.cache()/persist()) and holds its storage level as Spark
	// prints it; explain shows such a scan as InMemoryTableScan.
	Cached string
}

// LocalStats are the row count and Arrow IPC byte size of local data.
type LocalStats struct {
	Known bool
	Rows  int64
	Bytes int64
}

// CollectMetrics passes its input through; Metrics are aggregates over the
// rows that flow through it (DataFrame.observe), reported under Name.
type CollectMetrics struct {
	Info
	Input   Plan
	Name    string
	Metrics []Named
}

func (p *CollectMetrics) Output() []Attr   { return p.Input.Output() }
func (p *CollectMetrics) Children() []Plan { return []Plan{p.Input} }

// Range is spark.range: one bigint column.
type Range struct {
	Info
	Start, End, Step int64
	// NumPartitions is the requested partition count, 0 for Spark's
	// default (spark.sql.leafNodeDefaultParallelism).
	NumPartitions int64
	Attr          Attr
}

// FileScan reads files through a format reader.
type FileScan struct {
	Info
	Format  string // parquet, csv, json, text
	Paths   []string
	Options map[string]string
	Attrs   []Attr
	// Columns are the names in the files, parallel to Attrs.
	Columns []string
	// Schema, when non-empty, is imposed on the reader (user schema).
	Schema types.Struct
	// InputFile, when set, adds the hidden per-row columns that
	// input_file_name(), input_file_block_start() and
	// input_file_block_length() read (see InputFileAttrs).
	InputFile *InputFileAttrs
}

// InputFileAttrs are the hidden columns a file scan adds when a function
// above it asks which file (and which block of it) a row was read from.
// They exist only when requested, after the plan's visible columns.
type InputFileAttrs struct {
	Name, BlockStart, BlockLength Attr
}

// Attrs lists the hidden columns in output order.
func (f *InputFileAttrs) Attrs() []Attr {
	if f == nil {
		return nil
	}
	return []Attr{f.Name, f.BlockStart, f.BlockLength}
}

// TableScan reads the data files of a catalog table: exactly Files (no
// directory listing), with the partition columns taken from the files'
// k=v directories. No files means no rows.
type TableScan struct {
	Info
	Table    string // qualified name, for explain
	DB, Name string // catalog database and table (lower-case)
	TableID  string // the catalog table's incarnation and snapshot version
	Version  int64  //   the files belong to (the table cache keys on them)
	Format   string // parquet, csv, json, text
	Files    []string
	Options  map[string]string
	Attrs    []Attr
	Schema   types.Struct // the table schema, parallel to Attrs
	PartCols []string     // partition column names (a suffix of Schema)
	// Located are the files of partitions in custom directories (ALTER
	// TABLE ... PARTITION ... LOCATION): their partition values are the
	// catalog's, not read from their paths. Files holds the others.
	Located []LocatedFiles
	// InputFile, as in FileScan.
	InputFile *InputFileAttrs
	// Evolved is set once columns were added (ALTER TABLE ADD COLUMNS):
	// older files lack them and read them as nulls.
	Evolved bool
}

// LocatedFiles are the files of one partition in a custom directory and
// the partition's values (column -> Spark's string form of the value,
// __HIVE_DEFAULT_PARTITION__ for null).
type LocatedFiles struct {
	Values map[string]string
	Files  []string
}

// StreamSource is a streaming source (spark.readStream). Batch execution
// refuses it; package streaming replaces it with each micro-batch's rows.
type StreamSource struct {
	Info
	Format  string
	Options map[string]string
	Paths   []string // file sources: the directory read
	Attrs   []Attr
}

// IsStreaming reports whether p reads a streaming source.
func IsStreaming(p Plan) bool {
	if _, ok := p.(*StreamSource); ok {
		return true
	}
	for _, c := range p.Children() {
		if IsStreaming(c) {
			return true
		}
	}
	return false
}

// OneRow produces a single row with no columns (SELECT without FROM).
type OneRow struct{ Info }

// Values is an inline table of constant rows.
type Values struct {
	Info
	Rows  [][]Expr
	Attrs []Attr
}

// Named is an output column computed by an expression.
type Named struct {
	Attr Attr
	Expr Expr
}

// Project computes new columns.
type Project struct {
	Info
	Input Plan
	Exprs []Named
}

// Filter keeps rows where Cond is true.
type Filter struct {
	Info
	Input Plan
	Cond  Expr
}

// SortKey is one ordering key.
type SortKey struct {
	Expr       Expr
	Desc       bool
	NullsFirst bool
}

// Sort orders rows.
type Sort struct {
	Info
	Input Plan
	Keys  []SortKey
}

// Limit keeps the first N rows; Offset skips N rows.
type Limit struct {
	Info
	Input Plan
	N     int64
}

type Offset struct {
	Info
	Input Plan
	N     int64
}

// Aggregate groups by Groups (or by each of GroupingSets, lists of indexes
// into Groups) and computes Aggs. Aggs may reference grouping expressions.
type Aggregate struct {
	Info
	Input        Plan
	Groups       []Expr
	GroupingSets [][]int
	Aggs         []Named
	// Hash is Spark's hash(Groups), the key of the exchange Spark plans
	// before the final aggregation (nil where unknown), Shuffle is
	// spark.sql.shuffle.partitions and Adaptive reports whether adaptive
	// execution coalesces that exchange's partitions. Only the engine's
	// row order model (engine/duckdb/partitions.go) reads them.
	Hash     Expr
	Shuffle  int
	Adaptive bool
}

// JoinType of a resolved join.
type JoinType int

const (
	Inner JoinType = iota
	LeftOuter
	RightOuter
	FullOuter
	LeftSemi
	LeftAnti
	Cross
)

// Join combines two inputs. Out is the join's output (for using-joins it
// coalesces the key columns).
type Join struct {
	Info
	Left, Right Plan
	Type        JoinType
	Cond        Expr // nil for cross joins
	Out         []Named
	// Lateral: Right refers to Left's columns and is evaluated per Left
	// row (LATERAL subqueries, DataFrame.lateralJoin).
	Lateral bool
	// AsOf, when set, makes this an as-of join (DataFrame._joinAsOf):
	// each left row meets only its nearest right row.
	AsOf *AsOf
	// Nearest, when set, keeps each left row's best right rows
	// (DataFrame.nearestByJoin).
	Nearest *NearestBy
}

// Ranked reports an as-of or nearest-by join: each left row meets only
// its best right rows, so the right side is a candidate pool.
func (p *Join) Ranked() bool { return p.AsOf != nil || p.Nearest != nil }

// NearestBy ranks the right rows of each left row: the K smallest
// (distance) or largest (similarity) non-null Rank values.
type NearestBy struct {
	Rank       Expr
	K          int
	Similarity bool
}

// AsOf is the nearest-row rule of an as-of join.
type AsOf struct {
	Left, Right Expr // the as-of values of each side
	Tolerance   Expr // nil: unbounded
	AllowExact  bool
	Forward     bool // the nearest right value at or after the left one
	Nearest     bool // the nearest right value on either side
}

// SetOpKind of a set operation.
type SetOpKind int

const (
	Union SetOpKind = iota
	Intersect
	Except
)

// SetOp combines inputs with identical column counts; both sides are
// projected to the output types before combining.
type SetOp struct {
	Info
	Left, Right Plan
	Kind        SetOpKind
	All         bool
	Out         []Attr
	// Hash, Shuffle and Adaptive describe Spark's exchange as for
	// Aggregate, over Out (set for INTERSECT DISTINCT only).
	Hash     Expr
	Shuffle  int
	Adaptive bool
}

// Distinct removes duplicate rows; with Keys it keeps the first row per key.
type Distinct struct {
	Info
	Input Plan
	Keys  []Expr
	// WithinWatermark is dropDuplicatesWithinWatermark, which Spark
	// analyzes on batch data but refuses to execute.
	WithinWatermark bool
	// Hash, Shuffle and Adaptive describe Spark's exchange as for
	// Aggregate (for dropDuplicates(cols), Spark's aggregate grouped by
	// cols; unset where Ember does not model it).
	Hash     Expr
	Shuffle  int
	Adaptive bool
}

// Sample keeps a random fraction of rows: those whose draw falls in
// [Lower, Upper) (Bernoulli), or with replacement a Poisson(Upper-Lower)
// number of copies of each row. DeterministicOrder (randomSplit) sorts
// every partition by all orderable columns first.
type Sample struct {
	Info
	Input              Plan
	Lower, Upper       float64
	WithReplacement    bool
	Seed               int64
	DeterministicOrder bool
}

// RepartitionKind says how a Repartition deals rows out.
type RepartitionKind int

const (
	// Coalesce merges adjacent input partitions without a shuffle.
	Coalesce RepartitionKind = iota
	// RoundRobin deals each input partition's rows out in turn.
	RoundRobin
	// HashPartition sends a row to pmod(hash(Keys), N).
	HashPartition
	// RangePartition splits by sampled bounds of Orders.
	RangePartition
	// IDPartition sends a row to pmod(Keys[0], N) (NULL to 0).
	IDPartition
)

// Repartition redistributes rows among partitions (repartition, coalesce,
// repartitionByRange, repartitionById, DISTRIBUTE BY). It returns its
// input's rows unchanged; only their partition and collect order differ,
// which engine/duckdb/partitions.go models where it can.
type Repartition struct {
	Info
	Input Plan
	Kind  RepartitionKind
	// N is the requested partition count, 0 when not given
	// (spark.sql.shuffle.partitions, subject to adaptive coalescing).
	N      int
	Keys   []Expr
	Orders []SortKey
	// Hash is Spark's hash(Keys) for HashPartition (nil if Keys cannot be
	// hashed).
	Hash Expr
	// Without N: Shuffle is spark.sql.shuffle.partitions and Adaptive
	// reports whether adaptive execution may then coalesce partitions.
	Shuffle  int
	Adaptive bool
}

// Alias renames/requalifies the child's output without computing anything.
type Alias struct {
	Info
	Input Plan
	Out   []Attr
}

func (p *LocalTable) Output() []Attr { return p.Attrs }
func (p *Range) Output() []Attr      { return []Attr{p.Attr} }
func (p *FileScan) Output() []Attr {
	if p.InputFile == nil {
		return p.Attrs
	}
	return append(append([]Attr(nil), p.Attrs...), p.InputFile.Attrs()...)
}
func (p *TableScan) Output() []Attr {
	if p.InputFile == nil {
		return p.Attrs
	}
	return append(append([]Attr(nil), p.Attrs...), p.InputFile.Attrs()...)
}
func (p *OneRow) Output() []Attr       { return nil }
func (p *StreamSource) Output() []Attr { return p.Attrs }
func (p *Values) Output() []Attr       { return p.Attrs }
func (p *Project) Output() []Attr      { return namedAttrs(p.Exprs) }
func (p *Filter) Output() []Attr       { return p.Input.Output() }
func (p *Sort) Output() []Attr         { return p.Input.Output() }
func (p *Limit) Output() []Attr        { return p.Input.Output() }
func (p *Offset) Output() []Attr       { return p.Input.Output() }
func (p *Aggregate) Output() []Attr    { return namedAttrs(p.Aggs) }
func (p *Join) Output() []Attr         { return namedAttrs(p.Out) }
func (p *SetOp) Output() []Attr        { return p.Out }
func (p *Distinct) Output() []Attr     { return p.Input.Output() }
func (p *Sample) Output() []Attr       { return p.Input.Output() }
func (p *Alias) Output() []Attr        { return p.Out }
func (p *Repartition) Output() []Attr {
	return p.Input.Output()
}

func (p *LocalTable) Children() []Plan   { return nil }
func (p *Range) Children() []Plan        { return nil }
func (p *FileScan) Children() []Plan     { return nil }
func (p *TableScan) Children() []Plan    { return nil }
func (p *OneRow) Children() []Plan       { return nil }
func (p *StreamSource) Children() []Plan { return nil }
func (p *Values) Children() []Plan       { return nil }
func (p *Project) Children() []Plan      { return []Plan{p.Input} }
func (p *Filter) Children() []Plan       { return []Plan{p.Input} }
func (p *Sort) Children() []Plan         { return []Plan{p.Input} }
func (p *Limit) Children() []Plan        { return []Plan{p.Input} }
func (p *Offset) Children() []Plan       { return []Plan{p.Input} }
func (p *Aggregate) Children() []Plan    { return []Plan{p.Input} }
func (p *Join) Children() []Plan         { return []Plan{p.Left, p.Right} }
func (p *SetOp) Children() []Plan        { return []Plan{p.Left, p.Right} }
func (p *Distinct) Children() []Plan     { return []Plan{p.Input} }
func (p *Sample) Children() []Plan       { return []Plan{p.Input} }
func (p *Alias) Children() []Plan        { return []Plan{p.Input} }
func (p *Repartition) Children() []Plan {
	return []Plan{p.Input}
}

func namedAttrs(ns []Named) []Attr {
	out := make([]Attr, len(ns))
	for i, n := range ns {
		out[i] = n.Attr
	}
	return out
}

// Expr is a resolved, typed expression.
type Expr interface {
	Type() types.DataType
	Nullable() bool
	// SQL is Spark's pretty SQL text of the expression, used for
	// generated column names ("(age + 1000)", "sum(age)").
	SQL() string
}

// ColRef reads a column of the input. Written is the name as the user
// spelled it when it differs from the column's (Spark names results by
// the reference: select(col("X")) on column x yields "X").
type ColRef struct {
	Attr    Attr
	Written string
}

func (c *ColRef) Type() types.DataType { return c.Attr.Type }
func (c *ColRef) Nullable() bool       { return c.Attr.Nullable }
func (c *ColRef) SQL() string {
	if c.Written != "" {
		return c.Written
	}
	return c.Attr.Name
}

// Lit is a constant; V uses the value forms of plan.Literal.
type Lit struct {
	T types.DataType
	V any
	// Text is the pretty SQL text ("1", "x", "DATE '2024-01-01'").
	Text string
}

func (l *Lit) Type() types.DataType { return l.T }
func (l *Lit) Nullable() bool       { return l.V == nil }
func (l *Lit) SQL() string          { return l.Text }

// CallKind distinguishes scalar, aggregate, window and generator calls.
type CallKind int

const (
	Scalar CallKind = iota
	Agg
	WindowOnly
	Generator
)

// Call applies a built-in function. Fn is the registry's canonical name;
// Lower is how the engine renders it (set by the function registry).
type Call struct {
	Fn       string
	Args     []Expr
	T        types.DataType
	Null     bool
	Kind     CallKind
	Distinct bool
	Filter   Expr
	// Pretty is the Spark SQL text of the call (for column names).
	Pretty string
	// Impl is the function's lowering, opaque here (engine specific data
	// attached by the registry).
	Impl any
}

func (c *Call) Type() types.DataType { return c.T }
func (c *Call) Nullable() bool       { return c.Null }
func (c *Call) SQL() string          { return c.Pretty }

// EvalMode of a resolved cast.
type EvalMode int

const (
	Legacy EvalMode = iota
	ANSI
	Try
)

// Cast converts Child to To.
type Cast struct {
	Child Expr
	To    types.DataType
	Mode  EvalMode
	// Implicit casts inserted by type coercion don't show in names.
	Implicit bool
	// AsChild casts (Spark's cast-alias functions int(x), string(x) ...)
	// show in names as their child, but are not implicit casts.
	AsChild bool
	Null    bool
}

func (c *Cast) Type() types.DataType { return c.To }
func (c *Cast) Nullable() bool       { return c.Null }
func (c *Cast) SQL() string {
	if c.Implicit || c.AsChild {
		return c.Child.SQL()
	}
	if c.Mode == Try {
		return fmt.Sprintf("TRY_CAST(%s AS %s)", c.Child.SQL(), strings.ToUpper(c.To.SimpleString()))
	}
	return fmt.Sprintf("CAST(%s AS %s)", c.Child.SQL(), strings.ToUpper(c.To.SimpleString()))
}

// AliasExpr names an expression inside a bigger expression tree (rare; output
// names normally live in Named).
type AliasExpr struct {
	Child Expr
	Name  string
}

func (a *AliasExpr) Type() types.DataType { return a.Child.Type() }
func (a *AliasExpr) Nullable() bool       { return a.Child.Nullable() }
func (a *AliasExpr) SQL() string          { return a.Name }

// CaseWhen is CASE WHEN c1 THEN v1 ... ELSE e END.
type CaseWhen struct {
	Branches [][2]Expr
	Else     Expr
	T        types.DataType
	Pretty   string
}

func (c *CaseWhen) Type() types.DataType { return c.T }
func (c *CaseWhen) Nullable() bool {
	if c.Else == nil || c.Else.Nullable() {
		return true
	}
	for _, b := range c.Branches {
		if b[1].Nullable() {
			return true
		}
	}
	return false
}
func (c *CaseWhen) SQL() string { return c.Pretty }

// FrameBound is one end of a window frame.
type FrameBound struct {
	Unbounded  bool
	CurrentRow bool
	Offset     Expr // signed: negative = PRECEDING
}

// Frame is a window frame.
type Frame struct {
	Rows         bool // ROWS; otherwise RANGE
	Lower, Upper FrameBound
}

// Window is Fn OVER (PARTITION BY ... ORDER BY ... frame).
type Window struct {
	Fn        Expr
	Partition []Expr
	Order     []SortKey
	Frame     *Frame
	Pretty    string
}

func (w *Window) Type() types.DataType { return w.Fn.Type() }
func (w *Window) Nullable() bool       { return w.Fn.Nullable() }
func (w *Window) SQL() string          { return w.Pretty }

// Field extracts a struct field by ordinal.
type Field struct {
	Child  Expr
	Name   string
	Index  int
	T      types.DataType
	Null   bool
	Pretty string
	// Extracted marks col["f"] / getField, which Spark names by the whole
	// path ("a.f") where a resolved name "a.f" is named "f".
	Extracted bool
}

func (f *Field) Type() types.DataType { return f.T }
func (f *Field) Nullable() bool       { return f.Null }
func (f *Field) SQL() string          { return f.Pretty }

// LambdaVar is a lambda parameter reference.
type LambdaVar struct {
	Name string
	ID   int64
	T    types.DataType
	Null bool
	// Named prints the variable by its own name, as Spark does for a
	// lambda it has not bound yet (errors raised before binding).
	Named bool
}

func (v *LambdaVar) Type() types.DataType { return v.T }
func (v *LambdaVar) Nullable() bool       { return v.Null }

// SQL is how Spark names a lambda variable in generated column names.
func (v *LambdaVar) SQL() string {
	if v.Named {
		return v.Name
	}
	return "namedlambdavariable()"
}

// Lambda is a lambda function argument of a higher-order function.
type Lambda struct {
	Params []*LambdaVar
	Body   Expr
}

func (l *Lambda) Type() types.DataType { return l.Body.Type() }
func (l *Lambda) Nullable() bool       { return l.Body.Nullable() }
func (l *Lambda) SQL() string {
	names := make([]string, len(l.Params))
	for i, p := range l.Params {
		names[i] = p.SQL()
	}
	return fmt.Sprintf("lambdafunction(%s, %s)", l.Body.SQL(), strings.Join(names, ", "))
}

// Any reports whether pred holds for e or for an expression below it.
func Any(e Expr, pred func(Expr) bool) bool {
	found := false
	Walk(e, func(x Expr) bool {
		if !found {
			found = pred(x)
		}
		return !found
	})
	return found
}

// HasWindow reports whether e contains a window expression.
func HasWindow(e Expr) bool {
	return Any(e, func(x Expr) bool { _, ok := x.(*Window); return ok })
}

// Walk visits e and its children depth-first; f returns false to skip children.
func Walk(e Expr, f func(Expr) bool) {
	if e == nil || !f(e) {
		return
	}
	switch x := e.(type) {
	case *Call:
		for _, a := range x.Args {
			Walk(a, f)
		}
		if x.Filter != nil {
			Walk(x.Filter, f)
		}
	case *Cast:
		Walk(x.Child, f)
	case *AliasExpr:
		Walk(x.Child, f)
	case *CaseWhen:
		for _, b := range x.Branches {
			Walk(b[0], f)
			Walk(b[1], f)
		}
		Walk(x.Else, f)
	case *Window:
		Walk(x.Fn, f)
		for _, p := range x.Partition {
			Walk(p, f)
		}
		for _, k := range x.Order {
			Walk(k.Expr, f)
		}
	case *Field:
		Walk(x.Child, f)
	case *Lambda:
		Walk(x.Body, f)
	case *PythonCall:
		for _, a := range x.Args {
			Walk(a, f)
		}
	}
}

// Transform rewrites e top-down: f returns a replacement and whether to
// stop descending into it.
func Transform(e Expr, f func(Expr) (Expr, bool)) Expr {
	if e == nil {
		return nil
	}
	if r, stop := f(e); stop {
		return r
	}
	switch x := e.(type) {
	case *Call:
		c := *x
		c.Args = make([]Expr, len(x.Args))
		for i, a := range x.Args {
			c.Args[i] = Transform(a, f)
		}
		c.Filter = Transform(x.Filter, f)
		return &c
	case *Cast:
		c := *x
		c.Child = Transform(x.Child, f)
		return &c
	case *AliasExpr:
		c := *x
		c.Child = Transform(x.Child, f)
		return &c
	case *CaseWhen:
		c := *x
		c.Branches = make([][2]Expr, len(x.Branches))
		for i, b := range x.Branches {
			c.Branches[i] = [2]Expr{Transform(b[0], f), Transform(b[1], f)}
		}
		c.Else = Transform(x.Else, f)
		return &c
	case *Window:
		c := *x
		c.Fn = Transform(x.Fn, f)
		c.Partition = make([]Expr, len(x.Partition))
		for i, p := range x.Partition {
			c.Partition[i] = Transform(p, f)
		}
		c.Order = make([]SortKey, len(x.Order))
		for i, k := range x.Order {
			k.Expr = Transform(k.Expr, f)
			c.Order[i] = k
		}
		return &c
	case *Field:
		c := *x
		c.Child = Transform(x.Child, f)
		return &c
	case *Lambda:
		c := *x
		c.Body = Transform(x.Body, f)
		return &c
	case *PythonCall:
		c := *x
		c.Args = make([]Expr, len(x.Args))
		for i, a := range x.Args {
			c.Args[i] = Transform(a, f)
		}
		return &c
	}
	return e
}

// GeneratorKind names a row-producing function.
type GeneratorKind int

const (
	Explode    GeneratorKind = iota // array -> col; map -> key, value
	PosExplode                      // adds pos first
	Inline                          // array<struct> -> the struct's fields
)

// Generate joins each input row with the rows a generator produces from
// Arg (explode and friends). Output is the input's columns then Out.
type Generate struct {
	Info
	Input Plan
	Kind  GeneratorKind
	Arg   Expr
	Outer bool
	Out   []Attr
}

func (p *Generate) Output() []Attr   { return append(append([]Attr{}, p.Input.Output()...), p.Out...) }
func (p *Generate) Children() []Plan { return []Plan{p.Input} }

// SubqueryKind distinguishes subquery expressions.
type SubqueryKind int

const (
	ScalarSubquery SubqueryKind = iota
	ExistsSubquery
	InSubquery
)

// Subquery is a nested query used as an expression; its plan may refer to
// columns of the enclosing query (correlation).
type Subquery struct {
	Plan   Plan
	Kind   SubqueryKind
	Values []Expr // IN: the left-hand values
	Not    bool
	T      types.DataType
	Null   bool
	Pretty string
}

func (s *Subquery) Type() types.DataType { return s.T }
func (s *Subquery) Nullable() bool       { return s.Null }
func (s *Subquery) SQL() string          { return s.Pretty }

// IntValue returns the value of an integral literal value (int8..int64).
func IntValue(v any) (int64, bool) {
	switch x := v.(type) {
	case int8:
		return int64(x), true
	case int16:
		return int64(x), true
	case int32:
		return int64(x), true
	case int64:
		return x, true
	}
	return 0, false
}

// WithChildren returns a shallow copy of p with its children replaced
// (in Children() order); leaves are returned unchanged.
func WithChildren(p Plan, ch []Plan) (Plan, error) {
	if len(ch) != len(p.Children()) {
		return nil, fmt.Errorf("logical: %T has %d children, got %d", p, len(p.Children()), len(ch))
	}
	switch x := p.(type) {
	case *Project:
		n := *x
		n.Input = ch[0]
		return &n, nil
	case *Filter:
		n := *x
		n.Input = ch[0]
		return &n, nil
	case *Sort:
		n := *x
		n.Input = ch[0]
		return &n, nil
	case *Limit:
		n := *x
		n.Input = ch[0]
		return &n, nil
	case *Offset:
		n := *x
		n.Input = ch[0]
		return &n, nil
	case *Aggregate:
		n := *x
		n.Input = ch[0]
		return &n, nil
	case *Join:
		n := *x
		n.Left, n.Right = ch[0], ch[1]
		return &n, nil
	case *SetOp:
		n := *x
		n.Left, n.Right = ch[0], ch[1]
		return &n, nil
	case *Distinct:
		n := *x
		n.Input = ch[0]
		return &n, nil
	case *Sample:
		n := *x
		n.Input = ch[0]
		return &n, nil
	case *Alias:
		n := *x
		n.Input = ch[0]
		return &n, nil
	case *Repartition:
		n := *x
		n.Input = ch[0]
		return &n, nil
	case *Generate:
		n := *x
		n.Input = ch[0]
		return &n, nil
	case *CollectMetrics:
		n := *x
		n.Input = ch[0]
		return &n, nil
	case *PythonEval:
		n := *x
		n.Input = ch[0]
		return &n, nil
	case *PythonMap:
		n := *x
		n.Input = ch[0]
		return &n, nil
	case *PythonAgg:
		n := *x
		n.Input = ch[0]
		return &n, nil
	case *PythonTable:
		n := *x
		n.Table = ch[0]
		return &n, nil
	case *PythonWindow:
		n := *x
		n.Input = ch[0]
		return &n, nil
	case *PythonGroupMap:
		n := *x
		n.Input = ch[0]
		if len(ch) > 1 {
			n.Other = ch[1]
		}
		return &n, nil
	}
	if len(ch) == 0 {
		return p, nil
	}
	return nil, fmt.Errorf("logical: cannot rebuild %T", p)
}

// MapChildren applies f to p's children and returns p rebuilt with the
// results, or p itself when no child changed.
func MapChildren(p Plan, f func(Plan) (Plan, error)) (Plan, error) {
	children := p.Children()
	if len(children) == 0 {
		return p, nil
	}
	changed := false
	news := make([]Plan, len(children))
	for i, ch := range children {
		n, err := f(ch)
		if err != nil {
			return nil, err
		}
		news[i] = n
		changed = changed || n != ch
	}
	if !changed {
		return p, nil
	}
	return WithChildren(p, news)
}

// RecursiveCTE is a WITH RECURSIVE query (Spark's UnionLoop): the anchor's
// rows, then the rows the recursive term produces from the rows of the
// previous step, until a step produces none. The recursive term reads the
// previous step through RecursiveRef nodes with the same ID.
type RecursiveCTE struct {
	Info
	ID        int64
	Anchor    Plan
	Recursive Plan
	// RecOut are the recursive term's columns that line up with Out and
	// RecLevel its step-number column.
	RecOut   []Attr
	RecLevel Attr
	Out      []Attr
	// LevelLimit is the number of steps allowed (-1: unlimited); a step
	// at that level that still produces rows fails the query.
	LevelLimit int
	// RowLimit fails the query when the rows reach it (-1: unlimited).
	RowLimit int64
	// Limit, when > 0, is a LIMIT over the CTE pushed into the loop: it
	// stops once that many rows exist (no row limit then).
	Limit int64
}

func (p *RecursiveCTE) Output() []Attr   { return p.Out }
func (p *RecursiveCTE) Children() []Plan { return []Plan{p.Anchor, p.Recursive} }

// RecursiveRef reads, inside the recursive term of the RecursiveCTE with
// the same ID, the rows of the previous step; Level is their step number,
// an output column only once the analyzer has threaded it (WithLevel).
type RecursiveRef struct {
	Info
	ID        int64
	Out       []Attr
	Level     Attr
	WithLevel bool
}

func (p *RecursiveRef) Output() []Attr {
	if !p.WithLevel {
		return p.Out
	}
	return append(append([]Attr{}, p.Out...), p.Level)
}
func (p *RecursiveRef) Children() []Plan { return nil }

// MapNodeExprs returns a copy of a Project, Filter, Sort or Aggregate with
// f applied to each expression NodeExprs lists for it; other nodes are
// returned unchanged.
func MapNodeExprs(p Plan, f func(Expr) Expr) Plan {
	switch x := p.(type) {
	case *Project:
		n := *x
		n.Exprs = make([]Named, len(x.Exprs))
		for i, e := range x.Exprs {
			e.Expr = f(e.Expr)
			n.Exprs[i] = e
		}
		return &n
	case *Filter:
		n := *x
		n.Cond = f(x.Cond)
		return &n
	case *Sort:
		n := *x
		n.Keys = make([]SortKey, len(x.Keys))
		for i, k := range x.Keys {
			k.Expr = f(k.Expr)
			n.Keys[i] = k
		}
		return &n
	case *Aggregate:
		n := *x
		n.Groups = make([]Expr, len(x.Groups))
		for i, g := range x.Groups {
			n.Groups[i] = f(g)
		}
		n.Aggs = make([]Named, len(x.Aggs))
		for i, e := range x.Aggs {
			e.Expr = f(e.Expr)
			n.Aggs[i] = e
		}
		return &n
	}
	return p
}

// NodeExprs lists the expressions a Project, Filter, Sort, Aggregate,
// Join (condition, when set, and output) or Distinct evaluates itself (not
// its children's); ok is false for every other kind of node, whose
// expressions, if any, callers must consider on their own.
func NodeExprs(p Plan) (exprs []Expr, ok bool) {
	switch x := p.(type) {
	case *Project:
		for _, n := range x.Exprs {
			exprs = append(exprs, n.Expr)
		}
	case *Filter:
		exprs = append(exprs, x.Cond)
	case *Sort:
		for _, k := range x.Keys {
			exprs = append(exprs, k.Expr)
		}
	case *Aggregate:
		exprs = append(exprs, x.Groups...)
		for _, n := range x.Aggs {
			exprs = append(exprs, n.Expr)
		}
	case *Join:
		if x.Cond != nil {
			exprs = append(exprs, x.Cond)
		}
		for _, n := range x.Out {
			exprs = append(exprs, n.Expr)
		}
	case *Distinct:
		exprs = append(exprs, x.Keys...)
	default:
		return nil, false
	}
	return exprs, true
}
