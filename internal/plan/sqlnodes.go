package plan

// Nodes the SQL front end (package sql) needs beyond the Connect ones.
// They stay unresolved: names and expressions only.

// WithCTE is WITH [RECURSIVE] name [(cols)] AS (query), ... Child. CTE
// names are visible in Child and in later CTEs (and, when Recursive, in
// their own definition).
type WithCTE struct {
	RelBase
	CTEs      []*CTE
	Recursive bool
	// RecursiveErr35 is the syntax error Spark 3.5, which has no
	// recursive CTEs, raises for this WITH RECURSIVE.
	RecursiveErr35 error
	Child          Relation
}

// CTE is one named query of a WITH clause.
type CTE struct {
	Name    string
	Columns []string // optional column aliases
	Query   Relation
	// MaxRecursionLevel is WITH RECURSIVE's "MAX RECURSION LEVEL n"
	// (0: not given).
	MaxRecursionLevel int
}

// LateralView is LATERAL VIEW [OUTER] generator(args) table AS col, ...:
// each input row is joined with the rows the generator produces.
type LateralView struct {
	RelBase
	Input     Relation
	Generator Expr // an *UnresolvedFunction (explode, posexplode, inline, json_tuple, stack, ...)
	Outer     bool
	Table     string   // the generator's table alias
	Columns   []string // output column aliases; empty means the generator's defaults
}

// Pivot is SQL "PIVOT (aggs FOR cols IN (values))". The grouping columns
// are implicit: every input column not used by the aggregates or the pivot
// columns. With several pivot columns each value is a row constructor
// (an UnresolvedFunction "struct"). Values and Aggregates may be *Alias.
type Pivot struct {
	RelBase
	Input      Relation
	Columns    []Expr
	Values     []Expr
	Aggregates []Expr
}

// Unpivot turns columns into rows (SQL UNPIVOT, DataFrame.unpivot).
// Values holds one entry per unpivoted column set (one expression each for
// single-value unpivot); ValueAliases names them in the variable column
// ("" = derived from the column names). IDs are the columns kept as they
// are; nil means "every column not unpivoted" (the SQL form).
type Unpivot struct {
	RelBase
	Input          Relation
	IDs            []Expr
	Values         [][]Expr
	ValueAliases   []string
	VariableColumn string
	ValueColumns   []string
	IncludeNulls   bool
	// IDsFromRest makes every input column that no value group uses an
	// id column (SQL UNPIVOT); otherwise IDs lists them (DataFrame API).
	IDsFromRest bool
}

// TableFunction is a table-valued function in FROM: range(10), explode(...).
type TableFunction struct {
	RelBase
	Name []string
	Args []Expr
}

// LateralJoin joins Left with a LATERAL subquery (or table function) that
// may refer to Left's columns.
type LateralJoin struct {
	RelBase
	Left, Right Relation
	Type        JoinType
	Cond        Expr
}

// Qualify filters rows after window functions are computed (SQL QUALIFY).
type Qualify struct {
	RelBase
	Input Relation
	Cond  Expr
}

// SessionTimestamp is a TIMESTAMP / TIMESTAMP_LTZ literal written without a
// time zone: the instant is the wall-clock time WallMicros (µs since
// 1970-01-01T00:00 read as local time) in the session time zone.
type SessionTimestamp struct {
	WallMicros int64
}

// WithinGroup is func(...) WITHIN GROUP (ORDER BY ...) (percentile_cont,
// percentile_disc, mode, listagg, ...).
type WithinGroup struct {
	Func  Expr
	Order []*SortOrder
}

// NullTreatment is func(...) IGNORE NULLS / RESPECT NULLS written after the
// call (lag, lead, nth_value, first_value, last_value, ...).
type NullTreatment struct {
	Func        Expr
	IgnoreNulls bool
}

// UnresolvedStarExcept is "* EXCEPT (a, b.c)" / "t.* EXCEPT (...)".
type UnresolvedStarExcept struct {
	Star   *UnresolvedStar
	Except [][]string
}

func (*SessionTimestamp) exprNode()     {}
func (*WithinGroup) exprNode()          {}
func (*NullTreatment) exprNode()        {}
func (*UnresolvedStarExcept) exprNode() {}
