// Package plan is Ember's one unresolved intermediate representation.
//
// Both front ends produce it: package connect converts Spark Connect
// protobuf relations and expressions into it, and package sql parses Spark
// SQL text into it. Nothing here knows types of columns or where names point;
// the analyzer (package analyzer) resolves a plan tree into a typed logical
// plan (package logical).
//
//	Connect Relation ──► connect ─┐
//	                              ├──► plan.Relation ──► analyzer ──► logical.Plan
//	Spark SQL text ─────► sql ────┘
package plan

import "github.com/emberdb/ember/internal/types"

// Relation is an unresolved relational operator.
type Relation interface {
	// Base returns the fields every relation carries.
	Base() *RelBase
}

// RelBase carries the Connect plan id (used to resolve df.col references to
// the DataFrame they came from).
type RelBase struct {
	PlanID    int64
	HasPlanID bool
}

func (b *RelBase) Base() *RelBase { return b }

// LocalData is an inline table: an Arrow IPC stream and/or a schema string
// (DDL or JSON) as createDataFrame sends it.
type LocalData struct {
	RelBase
	ArrowIPC []byte
	Schema   string
}

// EngineTable reads rows the engine already holds in a table (the cached
// copy of a temporary view); Columns name its columns, parallel to Schema.
type EngineTable struct {
	RelBase
	Table   string
	Columns []string
	Schema  types.Struct
}

// CollectMetrics is DataFrame.observe(name, metrics...): the input's rows
// pass through unchanged and the aggregate metrics over them are reported
// with the query's results.
type CollectMetrics struct {
	RelBase
	Input   Relation
	Name    string
	Metrics []Expr
}

// CachedRemote reads a DataFrame the server keeps under an id
// (cached_remote_relation: the result of checkpoint/localCheckpoint).
type CachedRemote struct {
	RelBase
	ID string
}

// CachedLocalData refers to an uploaded artifact "cache/<hash>".
type CachedLocalData struct {
	RelBase
	Hash string
}

// ChunkedCachedLocalData refers to several uploaded data chunks and a schema artifact.
type ChunkedCachedLocalData struct {
	RelBase
	DataHashes []string
	SchemaHash string
}

// Range is spark.range(start, end, step).
type Range struct {
	RelBase
	Start, End, Step int64
	NumPartitions    int32
}

// ReadTable reads a named table or view.
type ReadTable struct {
	RelBase
	Name    []string
	Options map[string]string
	// Streaming is spark.readStream.table(name).
	Streaming bool
}

// ReadSource reads files through a data source.
type ReadSource struct {
	RelBase
	Format     string
	Schema     string // user-specified schema (DDL or JSON), "" if none
	Options    map[string]string
	Paths      []string
	Predicates []string
	// Streaming marks spark.readStream: the relation is a streaming source.
	Streaming bool
}

// Project is select(...).
type Project struct {
	RelBase
	Input Relation // may be nil: SELECT without FROM
	Exprs []Expr
}

// Filter is where(...).
type Filter struct {
	RelBase
	Input Relation
	Cond  Expr
}

// Sort is orderBy / sortWithinPartitions (Global=false).
type Sort struct {
	RelBase
	Input  Relation
	Order  []*SortOrder
	Global bool
}

// Limit, Offset and Tail keep N rows.
type Limit struct {
	RelBase
	Input Relation
	N     Expr // usually a literal; SQL allows constant expressions
}

type Offset struct {
	RelBase
	Input Relation
	N     Expr
}

type Tail struct {
	RelBase
	Input Relation
	N     int32
}

// GroupType of an aggregate.
type GroupType int

const (
	GroupBy GroupType = iota
	Rollup
	Cube
	PivotGroup
	GroupingSets
)

// Aggregate is groupBy/rollup/cube/pivot followed by agg.
type Aggregate struct {
	RelBase
	Input        Relation
	Type         GroupType
	Grouping     []Expr
	Aggs         []Expr
	PivotCol     Expr
	PivotValues  []Expr // literals; empty means "compute distinct values"
	GroupingSets [][]Expr
	// Having, when set, filters the groups (SQL HAVING).
	Having Expr
	// GroupingInOutput is the DataFrame form (groupBy(...).agg(...)): the
	// output is the grouping columns followed by Aggs. Without it (SQL) the
	// output is exactly Aggs, the select list.
	GroupingInOutput bool
}

// JoinType enumerates Spark join types.
type JoinType int

const (
	InnerJoin JoinType = iota
	LeftOuterJoin
	RightOuterJoin
	FullOuterJoin
	LeftSemiJoin
	LeftAntiJoin
	CrossJoin
)

// Join is df.join(other, on, how).
type Join struct {
	RelBase
	Left, Right Relation
	Type        JoinType
	Cond        Expr
	Using       []string
	Natural     bool
}

// AsOfJoin is DataFrame._joinAsOf: each left row joined with the right
// row nearest to it by the as-of columns (Join holds the sides, inner or
// left type, and the equality condition or using columns).
type AsOfJoin struct {
	Join
	LeftAsOf, RightAsOf Expr
	Tolerance           Expr // nil: none
	AllowExactMatches   bool
	Direction           string // backward, forward or nearest
}

// NearestByJoin is DataFrame.nearestByJoin: each left row with its
// NumResults best right rows by Ranking.
type NearestByJoin struct {
	RelBase
	Left, Right Relation
	Ranking     Expr
	NumResults  int32
	Mode        string
	Direction   string
	JoinType    string
}

// SetOpKind enumerates set operations.
type SetOpKind int

const (
	Union SetOpKind = iota
	Intersect
	Except
)

// SetOp is union/intersect/except, optionally by name.
type SetOp struct {
	RelBase
	Left, Right  Relation
	Kind         SetOpKind
	All          bool
	ByName       bool
	AllowMissing bool
}

// Deduplicate is distinct / dropDuplicates(cols).
type Deduplicate struct {
	RelBase
	Input      Relation
	Columns    []string
	AllColumns bool
	// WithinWatermark is dropDuplicatesWithinWatermark, which Spark
	// analyzes but refuses to execute on batch data.
	WithinWatermark bool
}

// WithColumns is withColumn(s): each alias adds or replaces a column.
type WithColumns struct {
	RelBase
	Input   Relation
	Aliases []*Alias
}

// WithColumnsRenamed renames columns (old -> new, in order).
type WithColumnsRenamed struct {
	RelBase
	Input   Relation
	Renames [][2]string
}

// Drop removes columns given as expressions or names.
type Drop struct {
	RelBase
	Input Relation
	Cols  []Expr
	Names []string
}

// ToDF renames all columns.
type ToDF struct {
	RelBase
	Input Relation
	Names []string
}

// SubqueryAlias is df.alias(name) / FROM t AS name.
type SubqueryAlias struct {
	RelBase
	Input     Relation
	Alias     string
	Qualifier []string
	// ColumnAliases renames the output columns (SQL "AS t(a, b)").
	ColumnAliases []string
}

// ShowString renders rows as Spark's show() text.
type ShowString struct {
	RelBase
	Input    Relation
	NumRows  int32
	Truncate int32
	Vertical bool
}

// HTMLString renders rows as _repr_html_ text.
type HTMLString struct {
	RelBase
	Input    Relation
	NumRows  int32
	Truncate int32
}

// Sample is df.sample.
type Sample struct {
	RelBase
	Input           Relation
	Lower, Upper    float64
	WithReplacement bool
	Seed            int64
	HasSeed         bool
	// DeterministicOrder sorts each partition first (randomSplit).
	DeterministicOrder bool
}

// Hint is accepted and carried through.
type Hint struct {
	RelBase
	Input Relation
	Name  string
}

// Repartition redistributes rows among partitions; it never changes which
// rows a query returns, only their partition (spark_partition_id) and the
// order a collect sees them in. NumPartitions is 0 when not given (Spark
// then uses spark.sql.shuffle.partitions). Without Exprs it is coalesce
// (Shuffle false) or round robin (Shuffle true); with Exprs it is by hash of
// them, by range when they are all *SortOrder (repartitionByRange), or by
// the value of a *PartitionID (repartitionById).
type Repartition struct {
	RelBase
	Input         Relation
	NumPartitions int32
	Shuffle       bool
	Exprs         []Expr
}

// SQL is spark.sql(query, args).
type SQL struct {
	RelBase
	Query string
	Named map[string]Expr
	Pos   []Expr
	// Refs are DataFrames passed as keyword arguments (WithRelations).
	Refs map[string]Relation
}

// FillNA is df.na.fill.
type FillNA struct {
	RelBase
	Input  Relation
	Cols   []string
	Values []*Literal
}

// DropNA is df.na.drop.
type DropNA struct {
	RelBase
	Input      Relation
	Cols       []string
	MinNonNull int32
	HasMin     bool
}

// ReplaceNA is df.na.replace.
type ReplaceNA struct {
	RelBase
	Input        Relation
	Cols         []string
	Replacements [][2]*Literal
}

// Describe / Summary compute statistics.
type Describe struct {
	RelBase
	Input Relation
	Cols  []string
}

type Summary struct {
	RelBase
	Input      Relation
	Statistics []string
}

// WithRelations binds named references used inside Root.
type WithRelations struct {
	RelBase
	Root       Relation
	References []Relation
}

// Values is SQL VALUES (...), (...).
type Values struct {
	RelBase
	Rows  [][]Expr
	Names []string
}

// Unsupported is a relation we recognise but cannot run; the analyzer
// turns it into a Spark-style error naming Feature.
type Unsupported struct {
	RelBase
	Feature string
}

// Expr is an unresolved expression.
type Expr interface{ exprNode() }

// Literal is a constant. Value holds a Go value of the type's natural form:
// nil, bool, int8, int16, int32, int64, float32, float64, string, []byte,
// Decimal, Date (days), Timestamp (µs since epoch, UTC), TimestampNTZ (µs),
// Time (ns since midnight),
// DayTime (µs), YearMonth (months), Interval, []any (array), *MapValue,
// []any (struct fields).
type Literal struct {
	Type  types.DataType
	Value any
	// ConnectTime marks a literal of a Connect plan (not of SQL text)
	// whose type holds TIME: Spark converts those through its external
	// type converters, which refuse TIME while spark.sql.timeType.enabled
	// is off.
	ConnectTime bool
}

// DecimalValue is an unscaled integer (decimal text) and a scale.
type DecimalValue struct {
	Unscaled  string
	Precision int
	Scale     int
}

// Date is days since 1970-01-01.
type Date int32

// Timestamp is microseconds since the epoch (an instant).
type Timestamp int64

// TimestampNTZ is microseconds since the epoch read as wall-clock time.
type TimestampNTZ int64

// Time is a time of day (TIME(p)) in nanoseconds since midnight.
type Time int64

// DayTime is a day-time interval in microseconds.
type DayTime int64

// YearMonth is a year-month interval in months.
type YearMonth int32

// CalendarInterval is Spark's CalendarInterval.
type CalendarInterval struct {
	Months       int32
	Days         int32
	Microseconds int64
}

// MapValue is a map literal.
type MapValue struct{ Keys, Values []any }

// UnresolvedAttribute is a column reference like `a`, `t.a`, `a.b.c`.
type UnresolvedAttribute struct {
	Parts      []string
	PlanID     int64
	HasPlanID  bool
	IsMetadata bool
}

// UnresolvedFunction is a call by Spark function name (operators included:
// "+", "==", "and", ...).
type UnresolvedFunction struct {
	Name       string
	Args       []Expr
	Distinct   bool
	IsUDF      bool
	IsInternal bool
	// Filter is an aggregate FILTER (WHERE ...) clause.
	Filter Expr
}

// UnresolvedStar is `*` or `t.*`.
type UnresolvedStar struct {
	Target    []string
	PlanID    int64
	HasPlanID bool
}

// Alias names an expression (several names for generators like inline).
type Alias struct {
	Child    Expr
	Names    []string
	Metadata string
}

// EvalMode of a cast.
type EvalMode int

const (
	EvalDefault EvalMode = iota // follow spark.sql.ansi.enabled
	EvalLegacy
	EvalANSI
	EvalTry
)

// Cast converts to a type (Type) or a type string (TypeStr).
type Cast struct {
	Child   Expr
	Type    types.DataType
	TypeStr string
	Mode    EvalMode
	// API marks a cast built by the DataFrame API (Column.cast) rather
	// than written in SQL: Spark 3.5's Connect server does not mark those
	// as user-specified, so they do not show in generated names there.
	API bool
}

// UnresolvedRegex is df.colRegex("`a.*`").
type UnresolvedRegex struct {
	Pattern   string
	PlanID    int64
	HasPlanID bool
}

// SortOrder is an ordering key.
type SortOrder struct {
	Child Expr
	Desc  bool
	// NullsFirst is meaningful when NullsSet; otherwise Spark's default
	// applies (nulls first for ascending, last for descending).
	NullsFirst bool
	NullsSet   bool
}

// LambdaFunction is `x -> body` / `(x, y) -> body`.
type LambdaFunction struct {
	Body Expr
	Args []string
}

// LambdaVar refers to a lambda argument.
type LambdaVar struct{ Parts []string }

// FrameType of a window frame.
type FrameType int

const (
	RowsFrame FrameType = iota
	RangeFrame
)

// FrameBoundary is UNBOUNDED, CURRENT ROW or a value offset.
type FrameBoundary struct {
	Unbounded  bool
	CurrentRow bool
	Value      Expr
}

// WindowFrame is ROWS/RANGE BETWEEN lower AND upper.
type WindowFrame struct {
	Type         FrameType
	Lower, Upper FrameBoundary
}

// Window is func OVER (PARTITION BY ... ORDER BY ... frame).
type Window struct {
	Func        Expr
	PartitionBy []Expr
	OrderBy     []*SortOrder
	Frame       *WindowFrame
	// Name refers to a named window in the SQL WINDOW clause.
	Name string
}

// ExtractValue is col[key], col[0], col.field on a computed value.
type ExtractValue struct {
	Child      Expr
	Extraction Expr
}

// UpdateFields is withField / dropFields.
type UpdateFields struct {
	Child     Expr
	FieldName string
	Value     Expr // nil: drop the field
}

// NamedArgument is key => value in a function call.
type NamedArgument struct {
	Key   string
	Value Expr
}

// CaseWhen is CASE [operand] WHEN ... THEN ... ELSE ... END.
type CaseWhen struct {
	Operand  Expr
	Branches [][2]Expr
	Else     Expr
}

// Parameter is a SQL ":name" or "?" marker; bound from SQL.Named/Pos.
type Parameter struct {
	Name  string
	Index int // for positional markers, 0-based
}

// ScalarSubquery, Exists and InSubquery are SQL subquery expressions.
type ScalarSubquery struct{ Plan Relation }

type Exists struct {
	Plan Relation
	Not  bool
}

type InSubquery struct {
	Values []Expr
	Plan   Relation
	Not    bool
}

// ExprString marks an expression parsed from a DataFrame expression string
// (selectExpr, expr(), filter("...")); Spark 3.5 names such columns
// differently from column-built ones.
type ExprString struct{ Child Expr }

func (*ExprString) exprNode() {}

// UnsupportedExpr is an expression form we recognise but cannot run.
type UnsupportedExpr struct{ Feature string }

// PartitionID is repartitionById's partitioning expression: Child's value
// (modulo the partition count, NULL to 0) is the row's partition.
type PartitionID struct{ Child Expr }

func (*PartitionID) exprNode() {}

func (*Literal) exprNode()             {}
func (*UnresolvedAttribute) exprNode() {}
func (*UnresolvedFunction) exprNode()  {}
func (*UnresolvedStar) exprNode()      {}
func (*Alias) exprNode()               {}
func (*Cast) exprNode()                {}
func (*UnresolvedRegex) exprNode()     {}
func (*SortOrder) exprNode()           {}
func (*LambdaFunction) exprNode()      {}
func (*LambdaVar) exprNode()           {}
func (*Window) exprNode()              {}
func (*ExtractValue) exprNode()        {}
func (*UpdateFields) exprNode()        {}
func (*NamedArgument) exprNode()       {}
func (*CaseWhen) exprNode()            {}
func (*Parameter) exprNode()           {}
func (*ScalarSubquery) exprNode()      {}
func (*Exists) exprNode()              {}
func (*InSubquery) exprNode()          {}
func (*UnsupportedExpr) exprNode()     {}

// WithWatermark is df.withWatermark(eventTime, delay). On batch data Spark
// drops it before analysis, so it changes nothing; the arguments are still
// checked. EventTime is the parsed event-time column name.
type WithWatermark struct {
	RelBase
	Input     Relation
	EventTime []string
	// EventTimeText is the name as the client sent it (for errors).
	EventTimeText string
	Delay         CalendarInterval
}

// ToSchema is df.to(schema): the input's columns matched by name to
// Schema's fields, reordered and cast. Schema should be a struct; the
// analyzer refuses anything else.
type ToSchema struct {
	RelBase
	Input  Relation
	Schema types.DataType
}

// Transpose is df.transpose(indexColumn): the values of the index column
// become the column names and the other columns become rows. Index is nil
// when the first column is the index.
type Transpose struct {
	RelBase
	Input Relation
	Index Expr
}

// Parse is spark.read.json/csv(df): each string row of Input is a JSON
// record or a CSV line. Format is "json", "csv" or "xml"; Schema is nil
// when the schema is to be inferred; Options are the reader options as
// the client sent them.
type Parse struct {
	RelBase
	Input   Relation
	Format  string
	Schema  types.DataType
	Options map[string]string
}
