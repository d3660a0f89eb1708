package sparkerr

// Error classes of recursive CTEs, SQL PIVOT and generators.
func init() {
	templates["UNION_NOT_SUPPORTED_IN_RECURSIVE_CTE"] = template{"The UNION operator is not yet supported within recursive common table expressions (WITH clauses that refer to themselves, directly or indirectly). Please use UNION ALL instead.", "42836", AnalysisException}
	templates["INVALID_RECURSIVE_CTE"] = template{"Invalid recursive definition found. Recursive queries must contain an UNION or an UNION ALL statement with 2 children. The first child needs to be the anchor term without any recursive references. Any top level inner CTE must not contain self references.", "42836", AnalysisException}
	templates["INVALID_RECURSIVE_REFERENCE.PLACE"] = template{"Invalid recursive reference found inside WITH RECURSIVE clause. Recursive references cannot be used on the right side of left outer/semi/anti joins, on the left side of right outer joins, in full outer joins, in aggregates, window functions or sorts", "42836", AnalysisException}
	templates["RECURSION_LEVEL_LIMIT_EXCEEDED"] = template{"Recursion level limit <levelLimit> reached but query has not exhausted, try increasing it like 'WITH RECURSIVE t(col) MAX RECURSION LEVEL 200'.", "42836", SparkException}
	templates["RECURSION_ROW_LIMIT_EXCEEDED"] = template{"Recursion row limit <rowLimit> reached but query has not exhausted, try setting a larger LIMIT value when querying the CTE relation.", "42836", SparkException}
	templates["CANNOT_MERGE_INCOMPATIBLE_DATA_TYPE"] = template{"Failed to merge incompatible data types <left> and <right>. Please check the data types of the columns being merged and ensure that they are compatible. If necessary, consider casting the columns to compatible data types before attempting the merge.", "42825", SparkException}
	templates["NON_LITERAL_PIVOT_VALUES"] = template{"Literal expressions required for pivot values, found <expression>.", "42K08", AnalysisException}
}
