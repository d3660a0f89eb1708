package plan

import "github.com/emberdb/ember/internal/types"

// PythonUDF is a Python user-defined function sent inline by the client
// (CommonInlineUserDefinedFunction with a PythonUDF body).
type PythonUDF struct {
	Name          string
	Deterministic bool
	Args          []Expr
	EvalType      int32
	Command       []byte
	PythonVer     string
	Output        types.DataType
}

func (*PythonUDF) exprNode() {}

// MapPartitions is mapInPandas / mapInArrow.
type MapPartitions struct {
	RelBase
	Input   Relation
	Func    *PythonUDF
	Barrier bool
}

// GroupMap is groupBy().applyInPandas/applyInArrow, or with Other set
// cogroup().applyInPandas/applyInArrow.
type GroupMap struct {
	RelBase
	Input         Relation
	Grouping      []Expr
	Other         Relation
	OtherGrouping []Expr
	Func          *PythonUDF
}

// PythonUDTF is a Python user-defined table function called as a relation
// (CommonInlineUserDefinedTableFunction), or, with no arguments, one
// registered with spark.udtf.register.
type PythonUDTF struct {
	RelBase
	Name          string
	Deterministic bool
	Args          []Expr
	EvalType      int32
	Command       []byte
	PythonVer     string
	// Return is the declared return type; nil when the function's
	// analyze() method decides it from the arguments.
	Return types.DataType
}

// TableArg is a TABLE argument of a table function (DataFrame.asTable()):
// the function sees the rows of Plan, one call per row.
type TableArg struct {
	Plan Relation
	// PartitionBy splits the rows into partitions, each seen by a fresh
	// instance of the function (eval per row, then terminate); OrderBy
	// orders the rows within a partition; SinglePartition makes all rows
	// one partition.
	PartitionBy     []Expr
	OrderBy         []*SortOrder
	SinglePartition bool
}

func (*TableArg) exprNode() {}
