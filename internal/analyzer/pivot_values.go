package analyzer

import (
	"strconv"

	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// pivotMaxValues is spark.sql.pivotMaxValues' default.
const pivotMaxValues = 10000

// pivotValues returns what each pivot output column compares the pivot
// column (lhs) with, and the column names. With explicit values they are
// the values themselves. Without, Spark first runs a query for the
// distinct values of the pivot column, sorted; here they come back as
// strings, so the pivot column is compared in its string form.
func (a *Analyzer) pivotValues(x *plan.Aggregate, in logical.Plan, pc logical.Expr, s *scope) (logical.Expr, []logical.Expr, []string, error) {
	if len(x.PivotValues) > 0 {
		var vals []logical.Expr
		var names []string
		for _, v := range x.PivotValues {
			val, err := a.expr(v, s)
			if err != nil {
				return nil, nil, nil, err
			}
			vals = append(vals, val)
			names = append(names, litDisplay(val))
		}
		return pc, vals, names, nil
	}
	v := logical.Attr{ID: logical.NewID(), Name: "v", Type: pc.Type(), Nullable: true}
	distinct := &logical.Distinct{Input: &logical.Project{Input: in, Exprs: []logical.Named{{Attr: v, Expr: pc}}}}
	sorted := &logical.Limit{Input: &logical.Sort{Input: distinct, Keys: []logical.SortKey{{Expr: &logical.ColRef{Attr: v}, NullsFirst: true}}}, N: pivotMaxValues + 1}
	str := logical.Attr{ID: logical.NewID(), Name: "s", Type: types.String, Nullable: true}
	q := &logical.Project{Input: sorted, Exprs: []logical.Named{{Attr: str, Expr: asString(&logical.ColRef{Attr: v})}}}
	rows, err := a.evaluateStrings(q, "pivot without explicit values")
	if err != nil {
		return nil, nil, nil, err
	}
	if len(rows) > pivotMaxValues {
		return nil, nil, nil, &sparkerr.Error{
			Class: "_LEGACY_ERROR_TEMP_1325", JavaClass: sparkerr.AnalysisException,
			Params: map[string]string{"pivotColumn": pc.SQL(), "maxValues": strconv.Itoa(pivotMaxValues), "config": "spark.sql.pivotMaxValues"},
			Text: "The pivot column " + pc.SQL() + " has more than " + strconv.Itoa(pivotMaxValues) +
				" distinct values, this could indicate an error. If this was intended, set spark.sql.pivotMaxValues to at least the number of distinct values of the pivot column.",
		}
	}
	vals := make([]logical.Expr, len(rows))
	names := make([]string, len(rows))
	for i, r := range rows {
		if r[0] == nil {
			vals[i] = &logical.Lit{T: types.String, V: nil, Text: "NULL"}
			names[i] = "null"
			continue
		}
		vals[i] = &logical.Lit{T: types.String, V: *r[0], Text: functions.QuoteString(*r[0])}
		names[i] = *r[0]
	}
	return asString(pc), vals, names, nil
}

func asString(e logical.Expr) logical.Expr {
	if types.Equal(e.Type(), types.String) {
		return e
	}
	return &logical.Cast{Child: e, To: types.String, Mode: logical.Legacy, Null: e.Nullable()}
}
