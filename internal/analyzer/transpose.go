package analyzer

import (
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// transposeMaxValuesConf bounds how many index values (output columns)
// DataFrame.transpose accepts; 500 is Spark's default.
const transposeMaxValuesConf = "spark.sql.transposeMaxValues"

// transpose is DataFrame.transpose(indexColumn). The index column (the
// first column by default) must be a column of an atomic type; the other
// columns must share a least common type (without promoting to STRING).
// Like Spark, the analyzer runs a query for the non-null index values,
// sorted: they become the output columns, named by their string form, and
// each other column becomes one output row whose "key" is its name.
//
//	transpose(k) of           Project [key, v1 AS x, v2 AS y]
//	 k | a | b                └─ Sort [ord]
//	 x | 1 | 2                   └─ Union ALL
//	 y | 3 | 4                      ├─ Aggregate ['a' AS key, 0 AS ord, first(a') FILTER (rn = 1) AS v1, first(a') FILTER (rn = 2) AS v2]
//	                                │  └─ Project [row_number() OVER (ORDER BY k) AS rn, CAST(a AS common) AS a', ...]
//	                                │     └─ Filter [k IS NOT NULL] (input)
//	                                └─ Aggregate ['b' AS key, 1 AS ord, ...]
func (a *Analyzer) transpose(x *plan.Transpose) (logical.Plan, error) {
	in, err := a.Resolve(x.Input)
	if err != nil {
		return nil, err
	}
	out := in.Output()
	var index logical.Attr
	if x.Index == nil {
		if len(out) == 0 {
			return nil, transposeIndexErr("Index column must be an atomic attribute")
		}
		index = out[0]
	} else {
		e, err := a.expr(x.Index, a.scopeOf(in))
		if err != nil {
			return nil, err
		}
		ref, ok := stripAlias(e).(*logical.ColRef)
		if !ok || !hasAttr(out, ref.Attr.ID) {
			return nil, transposeIndexErr("Index column must be an atomic attribute")
		}
		index = ref.Attr
	}
	if !isAtomicType(index.Type) {
		return nil, transposeIndexErr("Index column must be of atomic type, but found: " + scalaTypeString(index.Type))
	}
	var values []logical.Attr
	for _, at := range out {
		if at.ID != index.ID {
			values = append(values, at)
		}
	}
	var common types.DataType = types.String
	if len(values) > 0 {
		common = values[0].Type
		for _, v := range values[1:] {
			w, ok := transposeCommonType(common, v.Type)
			if !ok {
				return nil, &sparkerr.Error{Class: "TRANSPOSE_NO_LEAST_COMMON_TYPE", SQLState: "42K09", JavaClass: sparkerr.AnalysisException,
					Params: map[string]string{"dt1": "\"" + functions.SparkTypeSQL(common) + "\"", "dt2": "\"" + functions.SparkTypeSQL(v.Type) + "\""},
					Text: "Transpose requires non-index columns to share a least common type, but \"" + functions.SparkTypeSQL(common) +
						"\" and \"" + functions.SparkTypeSQL(v.Type) + "\" do not."}
			}
			common = w
		}
	}
	names, err := a.transposeIndexValues(in, index)
	if err != nil {
		return nil, err
	}
	key := logical.Attr{ID: logical.NewID(), Name: "key", Type: types.String}
	attrs := []logical.Attr{key}
	for _, n := range names {
		attrs = append(attrs, logical.Attr{ID: logical.NewID(), Name: n, Type: common, Nullable: true})
	}
	if len(values) == 0 || len(names) == 0 {
		// Without index values each other column is a row of just its
		// name; without other columns there are no rows.
		rows := [][]logical.Expr{}
		if len(names) == 0 {
			for _, v := range values {
				rows = append(rows, []logical.Expr{&logical.Lit{T: types.String, V: v.Name, Text: functions.QuoteString(v.Name)}})
			}
		}
		return &logical.Values{Rows: rows, Attrs: attrs}, nil
	}
	// Number the rows in index order and bring the values to the common type.
	notNull := rawCall("isnotnull", types.Boolean, false, logical.Scalar, func(as []string) string {
		return "(" + as[0] + " IS NOT NULL)"
	}, &logical.ColRef{Attr: index})
	rnFn := rawCall("row_number", types.Long, false, logical.WindowOnly, func([]string) string { return "row_number()" })
	rn := logical.Attr{ID: logical.NewID(), Name: "rn", Type: types.Long}
	proj := []logical.Named{{Attr: rn, Expr: &logical.Window{Fn: rnFn, Order: []logical.SortKey{{Expr: &logical.ColRef{Attr: index}, NullsFirst: true}}, Pretty: "rn"}}}
	cast := make([]logical.Attr, len(values))
	for j, v := range values {
		cast[j] = logical.Attr{ID: logical.NewID(), Name: v.Name, Type: common, Nullable: true}
		proj = append(proj, logical.Named{Attr: cast[j], Expr: functions.ImplicitCast(&logical.ColRef{Attr: v}, common)})
	}
	numbered := &logical.Project{Input: &logical.Filter{Input: in, Cond: notNull}, Exprs: proj}
	var union logical.Plan
	var ord logical.Attr
	for j, v := range values {
		ord = logical.Attr{ID: logical.NewID(), Name: "ord", Type: types.Int}
		aggs := []logical.Named{
			{Attr: logical.Attr{ID: logical.NewID(), Name: "key", Type: types.String}, Expr: &logical.Lit{T: types.String, V: v.Name, Text: functions.QuoteString(v.Name)}},
			{Attr: ord, Expr: &logical.Lit{T: types.Int, V: int32(j), Text: strconv.Itoa(j)}},
		}
		for i := range names {
			first := rawCall("first", common, true, logical.Agg, func(as []string) string { return "first(" + as[0] + ")" }, &logical.ColRef{Attr: cast[j]})
			pos := &logical.Lit{T: types.Long, V: int64(i + 1), Text: strconv.Itoa(i + 1)}
			first.Filter = rawCall("=", types.Boolean, false, logical.Scalar, func(as []string) string {
				return "(" + as[0] + " = " + as[1] + ")"
			}, &logical.ColRef{Attr: rn}, pos)
			aggs = append(aggs, logical.Named{Attr: logical.Attr{ID: logical.NewID(), Name: "v" + strconv.Itoa(i), Type: common, Nullable: true}, Expr: first})
		}
		agg := &logical.Aggregate{Input: numbered, Aggs: aggs}
		if union == nil {
			union = agg
			continue
		}
		uo := make([]logical.Attr, len(aggs))
		for i, n := range aggs {
			uo[i] = n.Attr
			uo[i].ID = logical.NewID()
		}
		union = &logical.SetOp{Left: union, Right: agg, Kind: logical.Union, All: true, Out: uo}
	}
	uo := union.Output()
	sorted := &logical.Sort{Input: union, Keys: []logical.SortKey{{Expr: &logical.ColRef{Attr: uo[1]}}}}
	final := make([]logical.Named, len(attrs))
	final[0] = logical.Named{Attr: key, Expr: &logical.ColRef{Attr: uo[0]}}
	for i := range names {
		final[i+1] = logical.Named{Attr: attrs[i+1], Expr: &logical.ColRef{Attr: uo[i+2]}}
	}
	return &logical.Project{Input: sorted, Exprs: final}, nil
}

// transposeIndexValues runs the query for the index column's non-null
// values in ascending order, as strings (the output column names).
func (a *Analyzer) transposeIndexValues(in logical.Plan, index logical.Attr) ([]string, error) {
	maxValues, err := strconv.Atoi(strings.TrimSpace(a.Session.Conf.GetOr(transposeMaxValuesConf, "500")))
	if err != nil || maxValues < 0 {
		maxValues = 500
	}
	notNull := rawCall("isnotnull", types.Boolean, false, logical.Scalar, func(as []string) string {
		return "(" + as[0] + " IS NOT NULL)"
	}, &logical.ColRef{Attr: index})
	sorted := &logical.Limit{Input: &logical.Sort{Input: &logical.Filter{Input: in, Cond: notNull},
		Keys: []logical.SortKey{{Expr: &logical.ColRef{Attr: index}, NullsFirst: true}}}, N: int64(maxValues) + 1}
	str := logical.Attr{ID: logical.NewID(), Name: "s", Type: types.String, Nullable: true}
	q := &logical.Project{Input: sorted, Exprs: []logical.Named{{Attr: str, Expr: asString(&logical.ColRef{Attr: index})}}}
	rows, err := a.evaluateStrings(q, "DataFrame.transpose")
	if err != nil {
		return nil, err
	}
	if len(rows) > maxValues {
		return nil, &sparkerr.Error{Class: "TRANSPOSE_EXCEED_ROW_LIMIT", SQLState: "54006", JavaClass: sparkerr.AnalysisException,
			Params: map[string]string{"maxValues": strconv.Itoa(maxValues), "config": transposeMaxValuesConf},
			Text: "Number of rows exceeds the allowed limit of " + strconv.Itoa(maxValues) + " for TRANSPOSE. If this was intended, set " +
				transposeMaxValuesConf + " to at least the current row count."}
	}
	names := make([]string, len(rows))
	for i, r := range rows {
		if r[0] != nil {
			names[i] = *r[0]
		}
	}
	return names, nil
}

func transposeIndexErr(reason string) *sparkerr.Error {
	return &sparkerr.Error{Class: "TRANSPOSE_INVALID_INDEX_COLUMN", SQLState: "42804", JavaClass: sparkerr.AnalysisException,
		Params: map[string]string{"reason": reason}, Text: "Invalid index column for TRANSPOSE because: " + reason}
}

func hasAttr(as []logical.Attr, id int64) bool {
	for _, at := range as {
		if at.ID == id {
			return true
		}
	}
	return false
}

func isAtomicType(t types.DataType) bool {
	switch t.Kind() {
	case types.KindArray, types.KindMap, types.KindStruct, types.KindNull, types.KindVariant, types.KindCalendarInterval:
		return false
	}
	return true
}

// transposeCommonType is the type two value columns of a transpose share:
// Spark's tightest common type, so numbers widen (int and double give
// double) but decimals of different precision or scale do not, and
// nothing is promoted to STRING.
func transposeCommonType(a, b types.DataType) (types.DataType, bool) {
	if d, ok := a.(types.Decimal); ok && types.IsIntegral(b) && decimalHolds(d, b) {
		return d, true
	}
	if d, ok := b.(types.Decimal); ok && types.IsIntegral(a) && decimalHolds(d, a) {
		return d, true
	}
	return types.TightestCommonType(a, b)
}

// decimalHolds is Spark's DecimalType.isWiderThan for an integral type.
func decimalHolds(d types.Decimal, integral types.DataType) bool {
	digits := map[types.Kind]int{types.KindByte: 3, types.KindShort: 5, types.KindInt: 10, types.KindLong: 20}[integral.Kind()]
	return d.Precision-d.Scale >= digits && d.Scale >= 0
}

// scalaTypeString renders a type as Scala's DataType.toString
// (ArrayType(IntegerType,true)), which Spark puts in some messages.
func scalaTypeString(t types.DataType) string {
	switch x := t.(type) {
	case types.Array:
		return "ArrayType(" + scalaTypeString(x.Elem) + "," + strconv.FormatBool(x.ContainsNull) + ")"
	case types.Map:
		return "MapType(" + scalaTypeString(x.Key) + "," + scalaTypeString(x.Value) + "," + strconv.FormatBool(x.ValueContainsNull) + ")"
	case types.Struct:
		parts := make([]string, len(x.Fields))
		for i, f := range x.Fields {
			parts[i] = "StructField(" + f.Name + "," + scalaTypeString(f.Type) + "," + strconv.FormatBool(f.Nullable) + ")"
		}
		return "StructType(" + strings.Join(parts, ",") + ")"
	}
	switch t.Kind() {
	case types.KindDecimal:
		d, _ := types.DecimalOf(t)
		return "DecimalType(" + strconv.Itoa(d.Precision) + "," + strconv.Itoa(d.Scale) + ")"
	case types.KindTimestampNTZ:
		return "TimestampNTZType"
	}
	if n, ok := scalaAtomicNames[t.Kind()]; ok {
		return n
	}
	return strings.ToUpper(t.SimpleString())
}

var scalaAtomicNames = map[types.Kind]string{
	types.KindNull: "NullType", types.KindBoolean: "BooleanType", types.KindByte: "ByteType", types.KindShort: "ShortType",
	types.KindInt: "IntegerType", types.KindLong: "LongType", types.KindFloat: "FloatType", types.KindDouble: "DoubleType",
	types.KindString: "StringType", types.KindBinary: "BinaryType", types.KindDate: "DateType", types.KindTimestamp: "TimestampType",
	types.KindCalendarInterval: "CalendarIntervalType", types.KindVariant: "VariantType",
}
