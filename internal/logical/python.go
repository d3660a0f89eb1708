package logical

import (
	"github.com/emberdb/ember/internal/types"
)

// Python eval types (pyspark's PythonEvalType) that Ember runs.
const (
	PyBatched              = 100 // udf(): one call per row
	PyArrowBatched         = 101 // udf(useArrow=True)
	PyScalarPandas         = 200 // pandas_udf, Series -> Series
	PyGroupedMapPandas     = 201 // groupBy().applyInPandas
	PyGroupedAggPandas     = 202 // pandas_udf, Series -> scalar, in agg()
	PyScalarPandasIter     = 204 // pandas_udf, Iterator[Series] -> Iterator[Series]
	PyMapPandasIter        = 205 // mapInPandas
	PyCogroupedPandas      = 206 // cogroup().applyInPandas
	PyMapArrowIter         = 207 // mapInArrow
	PyGroupedMapArrow      = 209 // groupBy().applyInArrow
	PyCogroupedArrow       = 210 // cogroup().applyInArrow
	PyGroupedMapArrowIter  = 215 // applyInArrow with an iterator function
	PyGroupedMapPandasIter = 216 // applyInPandas with an iterator function
	PyGroupedAggPandasIter = 217 // pandas_udf, Iterator[Series] -> scalar
	PyScalarArrow          = 250 // arrow_udf, Array -> Array
	PyScalarArrowIter      = 251 // arrow_udf, Iterator[Array] -> Iterator[Array]
	PyGroupedAggArrow      = 252 // arrow_udf, Array -> scalar
	PyGroupedAggArrowIter  = 254 // arrow_udf, Iterator[Array] -> scalar
	PyTableUDF             = 300 // udtf()
	PyArrowTableUDF        = 301 // udtf(useArrow=True)
)

// PythonFunc is a Python function the client sent: cloudpickled together
// with its return type (pyspark's command bytes), run by a Python worker.
type PythonFunc struct {
	Name          string
	EvalType      int32
	Command       []byte
	PythonVer     string
	Return        types.DataType
	Deterministic bool
}

// IsScalar reports whether f maps rows to one value each (a column
// expression), as opposed to an aggregate or a relation-level function.
func (f *PythonFunc) IsScalar() bool {
	switch f.EvalType {
	case PyBatched, PyArrowBatched, PyScalarPandas, PyScalarPandasIter, PyScalarArrow, PyScalarArrowIter:
		return true
	}
	return false
}

// IsAggregate reports whether f is a grouped-aggregate function.
func (f *PythonFunc) IsAggregate() bool {
	switch f.EvalType {
	case PyGroupedAggPandas, PyGroupedAggPandasIter, PyGroupedAggArrow, PyGroupedAggArrowIter:
		return true
	}
	return false
}

// IsGroupedMap reports whether f is an applyInPandas/applyInArrow function.
func (f *PythonFunc) IsGroupedMap() bool {
	switch f.EvalType {
	case PyGroupedMapPandas, PyGroupedMapArrow, PyGroupedMapArrowIter, PyGroupedMapPandasIter:
		return true
	}
	return false
}

// PythonCall is a call of a Python UDF inside an expression. The analyzer
// moves every scalar call into a PythonEval below the node that uses it
// (and grouped-aggregate calls into a PythonAgg), leaving a column
// reference behind, so DuckDB never sees one.
type PythonCall struct {
	Func *PythonFunc
	Args []Expr
	// ArgNames, parallel to Args, name the keyword arguments ("" for a
	// positional one).
	ArgNames []string
	Pretty   string
}

func (c *PythonCall) Type() types.DataType { return c.Func.Return }
func (c *PythonCall) Nullable() bool       { return true }
func (c *PythonCall) SQL() string          { return c.Pretty }

// PythonUDFResult pairs an extracted call with the column holding its
// value.
type PythonUDFResult struct {
	Call *PythonCall
	Out  Attr
}

// PythonEval appends, to each row of Input, the values of Python UDF
// calls whose arguments are Input's columns (Spark's BatchEvalPython /
// ArrowEvalPython). Calls sharing an eval type run in one worker task.
type PythonEval struct {
	Info
	Input Plan
	Calls []PythonUDFResult
}

func (p *PythonEval) Output() []Attr {
	out := append([]Attr{}, p.Input.Output()...)
	for _, c := range p.Calls {
		out = append(out, c.Out)
	}
	return out
}
func (p *PythonEval) Children() []Plan { return []Plan{p.Input} }

// PythonMap is mapInPandas / mapInArrow: Func turns Input's rows, batch by
// batch, into rows of Out.
type PythonMap struct {
	Info
	Input   Plan
	Func    *PythonFunc
	Out     []Attr
	Barrier bool
}

func (p *PythonMap) Output() []Attr   { return p.Out }
func (p *PythonMap) Children() []Plan { return []Plan{p.Input} }

// PythonGroupMap is groupBy().applyInPandas/applyInArrow (Other nil) or
// cogroup().applyInPandas/applyInArrow: Func is called once per group of
// equal Keys (per key present on either side for a cogroup) and its rows
// make up Out.
type PythonGroupMap struct {
	Info
	Input     Plan
	Keys      []Expr
	Other     Plan
	OtherKeys []Expr
	Func      *PythonFunc
	Out       []Attr
}

func (p *PythonGroupMap) Output() []Attr { return p.Out }
func (p *PythonGroupMap) Children() []Plan {
	if p.Other != nil {
		return []Plan{p.Input, p.Other}
	}
	return []Plan{p.Input}
}

// PythonAgg is groupBy(Keys).agg(grouped-aggregate pandas UDFs): one row
// per group, the keys (KeyOut) then each call's value.
type PythonAgg struct {
	Info
	Input  Plan
	Keys   []Expr
	KeyOut []Attr
	Calls  []PythonUDFResult
}

func (p *PythonAgg) Output() []Attr {
	out := append([]Attr{}, p.KeyOut...)
	for _, c := range p.Calls {
		out = append(out, c.Out)
	}
	return out
}
func (p *PythonAgg) Children() []Plan { return []Plan{p.Input} }

// PythonTable is a Python UDTF called with constant arguments: the rows
// its eval() (then terminate()) yields for one call.
type PythonTable struct {
	Info
	Func     *PythonFunc
	Args     []Expr
	ArgNames []string
	Out      []Attr
	// Analyzed is the pickled result of the function's analyze() method,
	// which its constructor may take.
	Analyzed []byte
	// Table, when set, is the relation of the TABLE argument at position
	// TableArg (whose Args entry is a placeholder): eval() is called once
	// per row of Table, then terminate() once.
	Table    Plan
	TableArg int
	// Partition and Order split and order the TABLE argument's rows
	// (PARTITION BY / ORDER BY); Single makes them one partition.
	Partition []Expr
	Order     []SortKey
	Single    bool
}

func (p *PythonTable) Output() []Attr { return p.Out }
func (p *PythonTable) Children() []Plan {
	if p.Table != nil {
		return []Plan{p.Table}
	}
	return nil
}

// PythonWindow appends to each row of Input the value of a
// grouped-aggregate Python UDF over the row's partition (rows of equal
// Partition values): Spark's window of whole partitions.
type PythonWindow struct {
	Info
	Input     Plan
	Partition []Expr
	Call      PythonUDFResult
}

func (p *PythonWindow) Output() []Attr {
	return append(append([]Attr{}, p.Input.Output()...), p.Call.Out)
}
func (p *PythonWindow) Children() []Plan { return []Plan{p.Input} }

// IsPython reports whether p is evaluated by a Python worker.
func IsPython(p Plan) bool {
	switch p.(type) {
	case *PythonEval, *PythonMap, *PythonGroupMap, *PythonAgg, *PythonTable, *PythonWindow:
		return true
	}
	return false
}
