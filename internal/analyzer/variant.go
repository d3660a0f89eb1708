package analyzer

import (
	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
)

// Spark does not order, group, compare or deduplicate VARIANT values (nor
// structs, arrays or maps holding them); these checks raise its errors.

// checkSortable rejects sort keys of a type holding a VARIANT.
func checkSortable(keys []logical.SortKey) error {
	for _, k := range keys {
		if !functions.ContainsVariant(k.Expr.Type()) {
			continue
		}
		dir, nulls := " ASC", " NULLS FIRST"
		if k.Desc {
			dir = " DESC"
		}
		if !k.NullsFirst {
			nulls = " NULLS LAST"
		}
		return sparkerr.Newf("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE",
			"sqlExpr", "\""+k.Expr.SQL()+dir+nulls+"\"", "functionName", "`sortorder`",
			"dataType", "\""+functions.SparkTypeSQL(k.Expr.Type())+"\"")
	}
	return nil
}

// checkGroupable rejects grouping expressions of a type holding a VARIANT.
func checkGroupable(groups []logical.Expr) error {
	for _, g := range groups {
		if functions.ContainsVariant(g.Type()) {
			return sparkerr.Newf("GROUP_EXPRESSION_TYPE_IS_NOT_ORDERABLE",
				"sqlExpr", "\""+stripAlias(g).SQL()+"\"", "dataType", "\""+functions.SparkTypeSQL(g.Type())+"\"")
		}
	}
	return nil
}

// checkSetOpColumns rejects DISTINCT, INTERSECT and EXCEPT over VARIANT
// columns.
func checkSetOpColumns(attrs []logical.Attr) error {
	for _, a := range attrs {
		if functions.ContainsVariant(a.Type) {
			return sparkerr.Newf("UNSUPPORTED_FEATURE.SET_OPERATION_ON_VARIANT_TYPE",
				"colName", sparkerr.QuoteID(a.Name), "dataType", "\""+functions.SparkTypeSQL(a.Type)+"\"")
		}
	}
	return nil
}
