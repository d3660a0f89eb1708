package sql

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/types"
)

// FormatExpr renders an unresolved expression compactly, for tests and
// debugging: functions as name(args), attributes as a.b (back-quoted when
// needed), literals in Spark's literal syntax.
func FormatExpr(e plan.Expr) string {
	var b strings.Builder
	writeExpr(&b, e)
	return b.String()
}

// FormatRelation renders a relation as nested Node[args](inputs).
func FormatRelation(r plan.Relation) string {
	var b strings.Builder
	writeRel(&b, r)
	return b.String()
}

// FormatStatement renders a statement for tests.
func FormatStatement(s Statement) string {
	switch x := s.(type) {
	case *QueryStatement:
		return FormatRelation(x.Rel)
	case *Explain:
		return "Explain[" + x.Mode + "](" + FormatStatement(x.Stmt) + ")"
	case *CreateView:
		c := *x
		q := FormatRelation(c.Query)
		c.Query = nil
		return fmt.Sprintf("%+v -> %s", c, q)
	case *CreateTable:
		c := *x
		q := ""
		if c.Query != nil {
			q = " -> " + FormatRelation(c.Query)
		}
		c.Query = nil
		return fmt.Sprintf("%+v%s", c, q)
	case *InsertInto:
		c := *x
		q := FormatRelation(c.Query)
		c.Query = nil
		return fmt.Sprintf("%+v -> %s", c, q)
	case *AlterViewAs:
		c := *x
		q := FormatRelation(c.Query)
		c.Query = nil
		return fmt.Sprintf("%+v -> %s", c, q)
	case *DescribeQuery:
		return "DescribeQuery(" + FormatRelation(x.Query) + ")"
	case *CacheTable:
		c := *x
		q := ""
		if c.Query != nil {
			q = " -> " + FormatRelation(c.Query)
		}
		c.Query = nil
		return fmt.Sprintf("%+v%s", c, q)
	}
	return fmt.Sprintf("%T%+v", s, s)
}

func quoteIdent(s string) string {
	ok := s != ""
	for i, r := range s {
		if !(r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (i > 0 && r >= '0' && r <= '9')) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	return "`" + strings.ReplaceAll(s, "`", "``") + "`"
}

func joinParts(parts []string) string {
	q := make([]string, len(parts))
	for i, p := range parts {
		q[i] = quoteIdent(p)
	}
	return strings.Join(q, ".")
}

func writeExprs(b *strings.Builder, es []plan.Expr) {
	for i, e := range es {
		if i > 0 {
			b.WriteString(", ")
		}
		writeExpr(b, e)
	}
}

func formatLiteral(l *plan.Literal) string {
	switch v := l.Value.(type) {
	case nil:
		return "NULL"
	case bool:
		return strconv.FormatBool(v)
	case int8:
		return strconv.Itoa(int(v)) + "Y"
	case int16:
		return strconv.Itoa(int(v)) + "S"
	case int32:
		return strconv.Itoa(int(v))
	case int64:
		return strconv.FormatInt(v, 10) + "L"
	case float32:
		return strconv.FormatFloat(float64(v), 'g', -1, 32) + "F"
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64) + "D"
	case string:
		return "'" + strings.ReplaceAll(v, "'", "\\'") + "'"
	case []byte:
		return fmt.Sprintf("X'%X'", v)
	case plan.DecimalValue:
		return formatDecimal(v) + "BD"
	case plan.Date:
		return fmt.Sprintf("DATE(%d)", int32(v))
	case plan.Timestamp:
		return fmt.Sprintf("TIMESTAMP(%d)", int64(v))
	case plan.TimestampNTZ:
		return fmt.Sprintf("TIMESTAMP_NTZ(%d)", int64(v))
	case plan.Time:
		return fmt.Sprintf("TIME(%d)", int64(v))
	case plan.DayTime:
		return fmt.Sprintf("INTERVAL(%d %s)", int64(v), l.Type.SimpleString())
	case plan.YearMonth:
		return fmt.Sprintf("INTERVAL(%d %s)", int32(v), l.Type.SimpleString())
	}
	return fmt.Sprintf("%v", l.Value)
}

func formatDecimal(d plan.DecimalValue) string {
	s := d.Unscaled
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	if d.Scale > 0 {
		for len(s) <= d.Scale {
			s = "0" + s
		}
		s = s[:len(s)-d.Scale] + "." + s[len(s)-d.Scale:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

func writeSort(b *strings.Builder, s *plan.SortOrder) {
	writeExpr(b, s.Child)
	if s.Desc {
		b.WriteString(" DESC")
	} else {
		b.WriteString(" ASC")
	}
	if s.NullsSet {
		if s.NullsFirst {
			b.WriteString(" NULLS FIRST")
		} else {
			b.WriteString(" NULLS LAST")
		}
	}
}

func writeSorts(b *strings.Builder, ss []*plan.SortOrder) {
	for i, s := range ss {
		if i > 0 {
			b.WriteString(", ")
		}
		writeSort(b, s)
	}
}

func writeBound(b *strings.Builder, f plan.FrameBoundary) {
	switch {
	case f.Unbounded:
		b.WriteString("UNBOUNDED")
	case f.CurrentRow:
		b.WriteString("CURRENT ROW")
	default:
		writeExpr(b, f.Value)
	}
}

func writeExpr(b *strings.Builder, e plan.Expr) {
	switch x := e.(type) {
	case nil:
		b.WriteString("<nil>")
	case *plan.Literal:
		b.WriteString(formatLiteral(x))
	case *plan.UnresolvedAttribute:
		b.WriteString(joinParts(x.Parts))
	case *plan.UnresolvedFunction:
		b.WriteString(x.Name)
		b.WriteByte('(')
		if x.Distinct {
			b.WriteString("DISTINCT ")
		}
		writeExprs(b, x.Args)
		b.WriteByte(')')
		if x.Filter != nil {
			b.WriteString(" FILTER (WHERE ")
			writeExpr(b, x.Filter)
			b.WriteByte(')')
		}
	case *plan.UnresolvedStar:
		if len(x.Target) > 0 {
			b.WriteString(joinParts(x.Target) + ".")
		}
		b.WriteByte('*')
	case *plan.UnresolvedStarExcept:
		writeExpr(b, x.Star)
		b.WriteString(" EXCEPT (")
		for i, c := range x.Except {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(joinParts(c))
		}
		b.WriteByte(')')
	case *plan.Alias:
		writeExpr(b, x.Child)
		b.WriteString(" AS ")
		if len(x.Names) == 1 {
			b.WriteString(quoteIdent(x.Names[0]))
		} else {
			q := make([]string, len(x.Names))
			for i, n := range x.Names {
				q[i] = quoteIdent(n)
			}
			b.WriteString("(" + strings.Join(q, ", ") + ")")
		}
	case *plan.Cast:
		if x.Mode == plan.EvalTry {
			b.WriteString("TRY_CAST(")
		} else {
			b.WriteString("CAST(")
		}
		writeExpr(b, x.Child)
		b.WriteString(" AS ")
		if x.Type != nil {
			b.WriteString(x.Type.SimpleString())
		} else {
			b.WriteString(x.TypeStr)
		}
		b.WriteByte(')')
	case *plan.SortOrder:
		writeSort(b, x)
	case *plan.LambdaFunction:
		b.WriteString("lambda(")
		b.WriteString(strings.Join(x.Args, ", "))
		b.WriteString(" -> ")
		writeExpr(b, x.Body)
		b.WriteByte(')')
	case *plan.LambdaVar:
		b.WriteString("#" + joinParts(x.Parts))
	case *plan.Window:
		writeExpr(b, x.Func)
		b.WriteString(" OVER ")
		if x.Name != "" {
			b.WriteString(quoteIdent(x.Name))
			return
		}
		b.WriteByte('(')
		var parts []string
		if len(x.PartitionBy) > 0 {
			var s strings.Builder
			s.WriteString("PARTITION BY ")
			writeExprs(&s, x.PartitionBy)
			parts = append(parts, s.String())
		}
		if len(x.OrderBy) > 0 {
			var s strings.Builder
			s.WriteString("ORDER BY ")
			writeSorts(&s, x.OrderBy)
			parts = append(parts, s.String())
		}
		if x.Frame != nil {
			var s strings.Builder
			if x.Frame.Type == plan.RowsFrame {
				s.WriteString("ROWS")
			} else {
				s.WriteString("RANGE")
			}
			s.WriteString(" BETWEEN ")
			writeBound(&s, x.Frame.Lower)
			s.WriteString(" AND ")
			writeBound(&s, x.Frame.Upper)
			parts = append(parts, s.String())
		}
		b.WriteString(strings.Join(parts, " "))
		b.WriteByte(')')
	case *plan.ExtractValue:
		writeExpr(b, x.Child)
		b.WriteByte('[')
		writeExpr(b, x.Extraction)
		b.WriteByte(']')
	case *plan.NamedArgument:
		b.WriteString(x.Key + " => ")
		writeExpr(b, x.Value)
	case *plan.CaseWhen:
		b.WriteString("CASE")
		if x.Operand != nil {
			b.WriteByte(' ')
			writeExpr(b, x.Operand)
		}
		for _, br := range x.Branches {
			b.WriteString(" WHEN ")
			writeExpr(b, br[0])
			b.WriteString(" THEN ")
			writeExpr(b, br[1])
		}
		if x.Else != nil {
			b.WriteString(" ELSE ")
			writeExpr(b, x.Else)
		}
		b.WriteString(" END")
	case *plan.Parameter:
		if x.Name != "" {
			b.WriteString(":" + x.Name)
		} else {
			fmt.Fprintf(b, "?%d", x.Index)
		}
	case *plan.ScalarSubquery:
		b.WriteString("scalar-subquery(")
		writeRel(b, x.Plan)
		b.WriteByte(')')
	case *plan.Exists:
		if x.Not {
			b.WriteString("NOT ")
		}
		b.WriteString("exists(")
		writeRel(b, x.Plan)
		b.WriteByte(')')
	case *plan.InSubquery:
		b.WriteByte('(')
		writeExprs(b, x.Values)
		b.WriteByte(')')
		if x.Not {
			b.WriteString(" NOT")
		}
		b.WriteString(" IN (")
		writeRel(b, x.Plan)
		b.WriteByte(')')
	case *plan.SessionTimestamp:
		fmt.Fprintf(b, "TIMESTAMP_SESSION(%d)", x.WallMicros)
	case *plan.WithinGroup:
		writeExpr(b, x.Func)
		b.WriteString(" WITHIN GROUP (ORDER BY ")
		writeSorts(b, x.Order)
		b.WriteByte(')')
	case *plan.NullTreatment:
		writeExpr(b, x.Func)
		if x.IgnoreNulls {
			b.WriteString(" IGNORE NULLS")
		} else {
			b.WriteString(" RESPECT NULLS")
		}
	case *plan.UnresolvedRegex:
		b.WriteString("regex(" + x.Pattern + ")")
	case *plan.UpdateFields:
		b.WriteString("update_fields(")
		writeExpr(b, x.Child)
		b.WriteString(", " + x.FieldName + ", ")
		writeExpr(b, x.Value)
		b.WriteByte(')')
	case *plan.UnsupportedExpr:
		b.WriteString("unsupported(" + x.Feature + ")")
	default:
		fmt.Fprintf(b, "%T", e)
	}
}

var joinNames = map[plan.JoinType]string{
	plan.InnerJoin: "inner", plan.LeftOuterJoin: "left", plan.RightOuterJoin: "right", plan.FullOuterJoin: "full",
	plan.LeftSemiJoin: "semi", plan.LeftAntiJoin: "anti", plan.CrossJoin: "cross",
}

var groupNames = map[plan.GroupType]string{
	plan.GroupBy: "groupby", plan.Rollup: "rollup", plan.Cube: "cube", plan.PivotGroup: "pivot", plan.GroupingSets: "groupingsets",
}

func writeInputs(b *strings.Builder, rs ...plan.Relation) {
	b.WriteByte('(')
	for i, r := range rs {
		if i > 0 {
			b.WriteString(", ")
		}
		writeRel(b, r)
	}
	b.WriteByte(')')
}

func writeRel(b *strings.Builder, r plan.Relation) {
	switch x := r.(type) {
	case nil:
		b.WriteString("<nil>")
	case *plan.ReadTable:
		b.WriteString("Table[" + joinParts(x.Name))
		if len(x.Options) > 0 {
			keys := make([]string, 0, len(x.Options))
			for k := range x.Options {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				b.WriteString("; " + k + "=" + x.Options[k])
			}
		}
		b.WriteByte(']')
	case *plan.Project:
		b.WriteString("Project[")
		writeExprs(b, x.Exprs)
		b.WriteByte(']')
		if x.Input != nil {
			writeInputs(b, x.Input)
		}
	case *plan.Filter:
		b.WriteString("Filter[")
		writeExpr(b, x.Cond)
		b.WriteByte(']')
		writeInputs(b, x.Input)
	case *plan.Qualify:
		b.WriteString("Qualify[")
		writeExpr(b, x.Cond)
		b.WriteByte(']')
		writeInputs(b, x.Input)
	case *plan.Aggregate:
		b.WriteString("Aggregate[" + groupNames[x.Type] + ": ")
		writeExprs(b, x.Grouping)
		if len(x.GroupingSets) > 0 {
			b.WriteString("; sets: ")
			for i, s := range x.GroupingSets {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteByte('(')
				writeExprs(b, s)
				b.WriteByte(')')
			}
		}
		b.WriteString("; aggs: ")
		writeExprs(b, x.Aggs)
		if x.Having != nil {
			b.WriteString("; having: ")
			writeExpr(b, x.Having)
		}
		b.WriteByte(']')
		writeInputs(b, x.Input)
	case *plan.Sort:
		if x.Global {
			b.WriteString("Sort[")
		} else {
			b.WriteString("SortLocal[")
		}
		writeSorts(b, x.Order)
		b.WriteByte(']')
		writeInputs(b, x.Input)
	case *plan.Limit:
		b.WriteString("Limit[")
		writeExpr(b, x.N)
		b.WriteByte(']')
		writeInputs(b, x.Input)
	case *plan.Offset:
		b.WriteString("Offset[")
		writeExpr(b, x.N)
		b.WriteByte(']')
		writeInputs(b, x.Input)
	case *plan.Join:
		b.WriteString("Join[" + joinNames[x.Type])
		if x.Natural {
			b.WriteString(", natural")
		}
		if x.Cond != nil {
			b.WriteString(", ")
			writeExpr(b, x.Cond)
		}
		if x.Using != nil {
			b.WriteString(", using " + strings.Join(x.Using, ", "))
		}
		b.WriteByte(']')
		writeInputs(b, x.Left, x.Right)
	case *plan.LateralJoin:
		b.WriteString("LateralJoin[" + joinNames[x.Type])
		if x.Cond != nil {
			b.WriteString(", ")
			writeExpr(b, x.Cond)
		}
		b.WriteByte(']')
		writeInputs(b, x.Left, x.Right)
	case *plan.SetOp:
		name := map[plan.SetOpKind]string{plan.Union: "Union", plan.Intersect: "Intersect", plan.Except: "Except"}[x.Kind]
		b.WriteString(name)
		if x.All {
			b.WriteString("All")
		}
		writeInputs(b, x.Left, x.Right)
	case *plan.Deduplicate:
		b.WriteString("Distinct")
		writeInputs(b, x.Input)
	case *plan.SubqueryAlias:
		b.WriteString("Alias[" + quoteIdent(x.Alias))
		if x.ColumnAliases != nil {
			b.WriteString("(" + strings.Join(x.ColumnAliases, ", ") + ")")
		}
		b.WriteByte(']')
		writeInputs(b, x.Input)
	case *plan.Values:
		b.WriteString("Values[")
		for i, row := range x.Rows {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			writeExprs(b, row)
			b.WriteByte(')')
		}
		if x.Names != nil {
			b.WriteString("; " + strings.Join(x.Names, ", "))
		}
		b.WriteByte(']')
	case *plan.WithCTE:
		b.WriteString("With")
		if x.Recursive {
			b.WriteString("Recursive")
		}
		b.WriteByte('[')
		for i, c := range x.CTEs {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(quoteIdent(c.Name))
			if c.Columns != nil {
				b.WriteString("(" + strings.Join(c.Columns, ", ") + ")")
			}
			b.WriteString(" = ")
			writeRel(b, c.Query)
		}
		b.WriteByte(']')
		writeInputs(b, x.Child)
	case *plan.LateralView:
		b.WriteString("LateralView[")
		if x.Outer {
			b.WriteString("outer ")
		}
		writeExpr(b, x.Generator)
		b.WriteString(" " + x.Table)
		if x.Columns != nil {
			b.WriteString(" AS " + strings.Join(x.Columns, ", "))
		}
		b.WriteByte(']')
		writeInputs(b, x.Input)
	case *plan.Pivot:
		b.WriteString("Pivot[")
		writeExprs(b, x.Aggregates)
		b.WriteString(" FOR ")
		writeExprs(b, x.Columns)
		b.WriteString(" IN (")
		writeExprs(b, x.Values)
		b.WriteString(")]")
		writeInputs(b, x.Input)
	case *plan.Unpivot:
		b.WriteString("Unpivot[")
		if x.IncludeNulls {
			b.WriteString("include nulls ")
		}
		b.WriteString(strings.Join(x.ValueColumns, ", ") + " FOR " + x.VariableColumn + " IN (")
		for i, v := range x.Values {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			writeExprs(b, v)
			b.WriteByte(')')
			if x.ValueAliases[i] != "" {
				b.WriteString(" AS " + x.ValueAliases[i])
			}
		}
		b.WriteString(")]")
		writeInputs(b, x.Input)
	case *plan.TableFunction:
		b.WriteString("TableFunction[" + joinParts(x.Name) + "(")
		writeExprs(b, x.Args)
		b.WriteString(")]")
	case *plan.Hint:
		b.WriteString("Hint[" + x.Name + "]")
		writeInputs(b, x.Input)
	case *plan.WithColumns:
		b.WriteString("WithColumns[")
		for i, a := range x.Aliases {
			if i > 0 {
				b.WriteString(", ")
			}
			writeExpr(b, a)
		}
		b.WriteByte(']')
		writeInputs(b, x.Input)
	case *plan.Drop:
		b.WriteString("Drop[")
		writeExprs(b, x.Cols)
		if len(x.Cols) > 0 && len(x.Names) > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strings.Join(x.Names, ", "))
		b.WriteByte(']')
		writeInputs(b, x.Input)
	case *plan.Repartition:
		b.WriteString("Repartition")
		writeInputs(b, x.Input)
	case *plan.Sample:
		fmt.Fprintf(b, "Sample[%g, %g", x.Lower, x.Upper)
		if x.HasSeed {
			fmt.Fprintf(b, ", seed %d", x.Seed)
		}
		b.WriteByte(']')
		writeInputs(b, x.Input)
	default:
		fmt.Fprintf(b, "%T", r)
	}
}

var _ = types.Null
