package connect

import (
	"google.golang.org/protobuf/proto"
	"testing"

	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkpb"
	"github.com/emberdb/ember/internal/types"
)

func TestRelations(t *testing.T) {
	in := rangeRel(10)
	tests := []struct {
		name string
		in   *sparkpb.Relation
		want plan.Relation
	}{
		{
			name: "range with plan id and defaults",
			in: withID(&sparkpb.Relation{RelType: &sparkpb.Relation_Range{Range: &sparkpb.Range{
				Start: ptr(int64(2)), End: 9, Step: 3, NumPartitions: ptr(int32(4))}}}, 7),
			want: &plan.Range{RelBase: plan.RelBase{PlanID: 7, HasPlanID: true}, Start: 2, End: 9, Step: 3, NumPartitions: 4},
		},
		{
			name: "project without input",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_Project{Project: &sparkpb.Project{
				Expressions: []*sparkpb.Expression{lit(intLitPB(1))}}}},
			want: &plan.Project{Exprs: []plan.Expr{ilit(1)}},
		},
		{
			name: "filter",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_Filter{Filter: &sparkpb.Filter{
				Input: in, Condition: fn(">", col("id"), lit(intLitPB(3)))}}},
			want: &plan.Filter{Input: irRange(10), Cond: &plan.UnresolvedFunction{Name: ">", Args: []plan.Expr{attr("id"), ilit(3)}}},
		},
		{
			name: "limit offset tail",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_Tail{Tail: &sparkpb.Tail{Limit: 2,
				Input: &sparkpb.Relation{RelType: &sparkpb.Relation_Limit{Limit: &sparkpb.Limit{Limit: 5,
					Input: &sparkpb.Relation{RelType: &sparkpb.Relation_Offset{Offset: &sparkpb.Offset{Offset: 1, Input: in}}}}}}}}},
			want: &plan.Tail{N: 2, Input: &plan.Limit{N: ilit(5), Input: &plan.Offset{N: ilit(1), Input: irRange(10)}}},
		},
		{
			name: "join left semi with using",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_Join{Join: &sparkpb.Join{Left: in, Right: rangeRel(3),
				JoinType: sparkpb.Join_JOIN_TYPE_LEFT_SEMI, UsingColumns: []string{"id"},
				JoinDataType: &sparkpb.Join_JoinDataType{IsLeftStruct: true}}}},
			want: &plan.Join{Left: irRange(10), Right: irRange(3), Type: plan.LeftSemiJoin, Using: []string{"id"}},
		},
		{
			name: "join unspecified type is inner",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_Join{Join: &sparkpb.Join{Left: in, Right: in,
				JoinCondition: fn("==", col("a"), col("b"))}}},
			want: &plan.Join{Left: irRange(10), Right: irRange(10), Type: plan.InnerJoin,
				Cond: &plan.UnresolvedFunction{Name: "==", Args: []plan.Expr{attr("a"), attr("b")}}},
		},
		{
			name: "join anti and cross",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_Join{Join: &sparkpb.Join{
				Left:  &sparkpb.Relation{RelType: &sparkpb.Relation_Join{Join: &sparkpb.Join{Left: in, Right: in, JoinType: sparkpb.Join_JOIN_TYPE_CROSS}}},
				Right: in, JoinType: sparkpb.Join_JOIN_TYPE_LEFT_ANTI}}},
			want: &plan.Join{Left: &plan.Join{Left: irRange(10), Right: irRange(10), Type: plan.CrossJoin},
				Right: irRange(10), Type: plan.LeftAntiJoin},
		},
		{
			name: "union by name allowing missing columns",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_SetOp{SetOp: &sparkpb.SetOperation{LeftInput: in, RightInput: in,
				SetOpType: sparkpb.SetOperation_SET_OP_TYPE_UNION, IsAll: ptr(true), ByName: ptr(true), AllowMissingColumns: ptr(true)}}},
			want: &plan.SetOp{Left: irRange(10), Right: irRange(10), Kind: plan.Union, All: true, ByName: true, AllowMissing: true},
		},
		{
			name: "except distinct",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_SetOp{SetOp: &sparkpb.SetOperation{LeftInput: in, RightInput: in,
				SetOpType: sparkpb.SetOperation_SET_OP_TYPE_EXCEPT}}},
			want: &plan.SetOp{Left: irRange(10), Right: irRange(10), Kind: plan.Except},
		},
		{
			name: "intersect all",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_SetOp{SetOp: &sparkpb.SetOperation{LeftInput: in, RightInput: in,
				SetOpType: sparkpb.SetOperation_SET_OP_TYPE_INTERSECT, IsAll: ptr(true)}}},
			want: &plan.SetOp{Left: irRange(10), Right: irRange(10), Kind: plan.Intersect, All: true},
		},
		{
			name: "sort global and local",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_Sort{Sort: &sparkpb.Sort{Input: in, IsGlobal: ptr(true),
				Order: []*sparkpb.Expression_SortOrder{
					sortOrderPB(col("a"), sparkpb.Expression_SortOrder_SORT_DIRECTION_DESCENDING, sparkpb.Expression_SortOrder_SORT_NULLS_FIRST),
					sortOrderPB(col("b"), sparkpb.Expression_SortOrder_SORT_DIRECTION_ASCENDING, sparkpb.Expression_SortOrder_SORT_NULLS_LAST),
				}}}},
			want: &plan.Sort{Input: irRange(10), Global: true, Order: []*plan.SortOrder{
				{Child: attr("a"), Desc: true, NullsFirst: true, NullsSet: true},
				{Child: attr("b"), NullsSet: true},
			}},
		},
		{
			name: "aggregate group by",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_Aggregate{Aggregate: &sparkpb.Aggregate{Input: in,
				GroupType:            sparkpb.Aggregate_GROUP_TYPE_GROUPBY,
				GroupingExpressions:  []*sparkpb.Expression{col("k")},
				AggregateExpressions: []*sparkpb.Expression{fn("sum", col("v"))}}}},
			want: &plan.Aggregate{GroupingInOutput: true, Input: irRange(10), Type: plan.GroupBy, Grouping: []plan.Expr{attr("k")},
				Aggs: []plan.Expr{&plan.UnresolvedFunction{Name: "sum", Args: []plan.Expr{attr("v")}}}},
		},
		{
			name: "aggregate rollup and cube",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_Aggregate{Aggregate: &sparkpb.Aggregate{
				GroupType: sparkpb.Aggregate_GROUP_TYPE_CUBE, GroupingExpressions: []*sparkpb.Expression{col("a")},
				Input: &sparkpb.Relation{RelType: &sparkpb.Relation_Aggregate{Aggregate: &sparkpb.Aggregate{Input: in,
					GroupType: sparkpb.Aggregate_GROUP_TYPE_ROLLUP, GroupingExpressions: []*sparkpb.Expression{col("a"), col("b")}}}}}}},
			want: &plan.Aggregate{GroupingInOutput: true, Type: plan.Cube, Grouping: []plan.Expr{attr("a")},
				Input: &plan.Aggregate{GroupingInOutput: true, Input: irRange(10), Type: plan.Rollup, Grouping: []plan.Expr{attr("a"), attr("b")}}},
		},
		{
			name: "aggregate pivot with values",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_Aggregate{Aggregate: &sparkpb.Aggregate{Input: in,
				GroupType:            sparkpb.Aggregate_GROUP_TYPE_PIVOT,
				GroupingExpressions:  []*sparkpb.Expression{col("k")},
				AggregateExpressions: []*sparkpb.Expression{fn("count", col("v"))},
				Pivot:                &sparkpb.Aggregate_Pivot{Col: col("p"), Values: []*sparkpb.Expression_Literal{strLitPB("x"), strLitPB("y")}}}}},
			want: &plan.Aggregate{GroupingInOutput: true, Input: irRange(10), Type: plan.PivotGroup, Grouping: []plan.Expr{attr("k")},
				Aggs:     []plan.Expr{&plan.UnresolvedFunction{Name: "count", Args: []plan.Expr{attr("v")}}},
				PivotCol: attr("p"),
				PivotValues: []plan.Expr{&plan.Literal{Type: types.String, Value: "x"},
					&plan.Literal{Type: types.String, Value: "y"}}},
		},
		{
			name: "aggregate grouping sets",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_Aggregate{Aggregate: &sparkpb.Aggregate{Input: in,
				GroupType:           sparkpb.Aggregate_GROUP_TYPE_GROUPING_SETS,
				GroupingExpressions: []*sparkpb.Expression{col("a"), col("b")},
				GroupingSets: []*sparkpb.Aggregate_GroupingSets{
					{GroupingSet: []*sparkpb.Expression{col("a")}}, {},
				}}}},
			want: &plan.Aggregate{GroupingInOutput: true, Input: irRange(10), Type: plan.GroupingSets, Grouping: []plan.Expr{attr("a"), attr("b")},
				GroupingSets: [][]plan.Expr{{attr("a")}, {}}},
		},
		{
			name: "sql 4.x named arguments win over 3.5 args",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_Sql{Sql: &sparkpb.SQL{Query: "select :a",
				NamedArguments: map[string]*sparkpb.Expression{"a": lit(intLitPB(1))},
				Args:           map[string]*sparkpb.Expression_Literal{"a": intLitPB(2)}}}},
			want: &plan.SQL{Query: "select :a", Named: map[string]plan.Expr{"a": ilit(1)}},
		},
		{
			name: "sql 4.x positional",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_Sql{Sql: &sparkpb.SQL{Query: "select ?",
				PosArguments: []*sparkpb.Expression{col("x")}}}},
			want: &plan.SQL{Query: "select ?", Pos: []plan.Expr{attr("x")}},
		},
		{
			name: "sql 3.5 named args",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_Sql{Sql: &sparkpb.SQL{Query: "select :a",
				Args: map[string]*sparkpb.Expression_Literal{"a": intLitPB(2)}}}},
			want: &plan.SQL{Query: "select :a", Named: map[string]plan.Expr{"a": ilit(2)}},
		},
		{
			name: "sql 3.5 positional args",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_Sql{Sql: &sparkpb.SQL{Query: "select ?",
				PosArgs: []*sparkpb.Expression_Literal{strLitPB("s")}}}},
			want: &plan.SQL{Query: "select ?", Pos: []plan.Expr{&plan.Literal{Type: types.String, Value: "s"}}},
		},
		{
			name: "sql with dataframe references",
			in: withID(&sparkpb.Relation{RelType: &sparkpb.Relation_WithRelations{WithRelations: &sparkpb.WithRelations{
				Root: withID(&sparkpb.Relation{RelType: &sparkpb.Relation_Sql{Sql: &sparkpb.SQL{Query: "select * from {df}"}}}, 2),
				References: []*sparkpb.Relation{{RelType: &sparkpb.Relation_SubqueryAlias{SubqueryAlias: &sparkpb.SubqueryAlias{
					Input: withID(rangeRel(10), 1), Alias: "df"}}}},
			}}}, 3),
			want: &plan.SQL{RelBase: plan.RelBase{PlanID: 3, HasPlanID: true}, Query: "select * from {df}",
				Refs: map[string]plan.Relation{"df": irRangeID(10, 1)}},
		},
		{
			name: "local relation",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_LocalRelation{LocalRelation: &sparkpb.LocalRelation{
				Data: []byte{1, 2}, Schema: ptr("a int")}}},
			want: &plan.LocalData{ArrowIPC: []byte{1, 2}, Schema: "a int"},
		},
		{
			name: "local relation schema only",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_LocalRelation{LocalRelation: &sparkpb.LocalRelation{
				Schema: ptr(`{"type":"struct","fields":[]}`)}}},
			want: &plan.LocalData{Schema: `{"type":"struct","fields":[]}`},
		},
		{
			name: "cached local relation",
			in:   &sparkpb.Relation{RelType: &sparkpb.Relation_CachedLocalRelation{CachedLocalRelation: &sparkpb.CachedLocalRelation{Hash: "abc"}}},
			want: &plan.CachedLocalData{Hash: "abc"},
		},
		{
			name: "chunked cached local relation",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_ChunkedCachedLocalRelation{ChunkedCachedLocalRelation: &sparkpb.ChunkedCachedLocalRelation{
				DataHashes: []string{"d1", "d2"}, SchemaHash: ptr("s")}}},
			want: &plan.ChunkedCachedLocalData{DataHashes: []string{"d1", "d2"}, SchemaHash: "s"},
		},
		{
			name: "sample with seed",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_Sample{Sample: &sparkpb.Sample{Input: in, LowerBound: 0, UpperBound: 0.5,
				WithReplacement: ptr(true), Seed: ptr(int64(42))}}},
			want: &plan.Sample{Input: irRange(10), Upper: 0.5, WithReplacement: true, Seed: 42, HasSeed: true},
		},
		{
			name: "sample without seed",
			in:   &sparkpb.Relation{RelType: &sparkpb.Relation_Sample{Sample: &sparkpb.Sample{Input: in, UpperBound: 0.1}}},
			want: &plan.Sample{Input: irRange(10), Upper: 0.1},
		},
		{
			name: "deduplicate all columns",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_Deduplicate{Deduplicate: &sparkpb.Deduplicate{Input: in,
				AllColumnsAsKeys: ptr(true)}}},
			want: &plan.Deduplicate{Input: irRange(10), AllColumns: true},
		},
		{
			name: "deduplicate subset",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_Deduplicate{Deduplicate: &sparkpb.Deduplicate{Input: in,
				ColumnNames: []string{"a", "b"}}}},
			want: &plan.Deduplicate{Input: irRange(10), Columns: []string{"a", "b"}},
		},
		{
			name: "subquery alias",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_SubqueryAlias{SubqueryAlias: &sparkpb.SubqueryAlias{Input: in,
				Alias: "t", Qualifier: []string{"cat", "db"}}}},
			want: &plan.SubqueryAlias{Input: irRange(10), Alias: "t", Qualifier: []string{"cat", "db"}},
		},
		{
			name: "repartition",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_Repartition{Repartition: &sparkpb.Repartition{Input: in,
				NumPartitions: 3, Shuffle: ptr(true)}}},
			want: &plan.Repartition{Input: irRange(10), NumPartitions: 3, Shuffle: true},
		},
		{
			name: "coalesce",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_Repartition{Repartition: &sparkpb.Repartition{Input: in,
				NumPartitions: 2, Shuffle: ptr(false)}}},
			want: &plan.Repartition{Input: irRange(10), NumPartitions: 2},
		},
		{
			name: "repartition by expression",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_RepartitionByExpression{RepartitionByExpression: &sparkpb.RepartitionByExpression{
				Input: in, PartitionExprs: []*sparkpb.Expression{col("a")}}}},
			want: &plan.Repartition{Input: irRange(10), Shuffle: true, Exprs: []plan.Expr{attr("a")}},
		},
		{
			name: "repartition by id",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_RepartitionByExpression{RepartitionByExpression: &sparkpb.RepartitionByExpression{
				Input: in, NumPartitions: ptr(int32(3)), PartitionExprs: []*sparkpb.Expression{{ExprType: &sparkpb.Expression_DirectShufflePartitionId{
					DirectShufflePartitionId: &sparkpb.Expression_DirectShufflePartitionID{Child: col("a")}}}}}}},
			want: &plan.Repartition{Input: irRange(10), NumPartitions: 3, Shuffle: true, Exprs: []plan.Expr{&plan.PartitionID{Child: attr("a")}}},
		},
		{
			name: "to df",
			in:   &sparkpb.Relation{RelType: &sparkpb.Relation_ToDf{ToDf: &sparkpb.ToDF{Input: in, ColumnNames: []string{"x"}}}},
			want: &plan.ToDF{Input: irRange(10), Names: []string{"x"}},
		},
		{
			name: "with columns renamed 4.x list keeps order",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_WithColumnsRenamed{WithColumnsRenamed: &sparkpb.WithColumnsRenamed{Input: in,
				Renames: []*sparkpb.WithColumnsRenamed_Rename{{ColName: "b", NewColName: "c"}, {ColName: "a", NewColName: "b"}},
				// Ignored when renames are present.
				RenameColumnsMap: map[string]string{"z": "y"}}}},
			want: &plan.WithColumnsRenamed{Input: irRange(10), Renames: [][2]string{{"b", "c"}, {"a", "b"}}},
		},
		{
			name: "with columns renamed 3.5 map",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_WithColumnsRenamed{WithColumnsRenamed: &sparkpb.WithColumnsRenamed{Input: in,
				RenameColumnsMap: map[string]string{"b": "c", "a": "z"}}}},
			want: &plan.WithColumnsRenamed{Input: irRange(10), Renames: [][2]string{{"a", "z"}, {"b", "c"}}},
		},
		{
			name: "show string",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_ShowString{ShowString: &sparkpb.ShowString{Input: in,
				NumRows: 20, Truncate: 20, Vertical: true}}},
			want: &plan.ShowString{Input: irRange(10), NumRows: 20, Truncate: 20, Vertical: true},
		},
		{
			name: "html string",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_HtmlString{HtmlString: &sparkpb.HtmlString{Input: in,
				NumRows: 5, Truncate: 10}}},
			want: &plan.HTMLString{Input: irRange(10), NumRows: 5, Truncate: 10},
		},
		{
			name: "drop columns and names",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_Drop{Drop: &sparkpb.Drop{Input: in,
				Columns: []*sparkpb.Expression{col("a")}, ColumnNames: []string{"b"}}}},
			want: &plan.Drop{Input: irRange(10), Cols: []plan.Expr{attr("a")}, Names: []string{"b"}},
		},
		{
			name: "with columns",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_WithColumns{WithColumns: &sparkpb.WithColumns{Input: in,
				Aliases: []*sparkpb.Expression_Alias{{Expr: lit(intLitPB(1)), Name: []string{"x"}, Metadata: ptr(`{"k":1}`)}}}}},
			want: &plan.WithColumns{Input: irRange(10), Aliases: []*plan.Alias{{Child: ilit(1), Names: []string{"x"}, Metadata: `{"k":1}`}}},
		},
		{
			name: "hint",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_Hint{Hint: &sparkpb.Hint{Input: in, Name: "broadcast",
				Parameters: []*sparkpb.Expression{lit(intLitPB(1))}}}},
			want: &plan.Hint{Input: irRange(10), Name: "broadcast"},
		},
		{
			name: "fill na",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_FillNa{FillNa: &sparkpb.NAFill{Input: in,
				Cols: []string{"a", "b"}, Values: []*sparkpb.Expression_Literal{intLitPB(0), strLitPB("x")}}}},
			want: &plan.FillNA{Input: irRange(10), Cols: []string{"a", "b"},
				Values: []*plan.Literal{ilit(0), {Type: types.String, Value: "x"}}},
		},
		{
			name: "drop na with min",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_DropNa{DropNa: &sparkpb.NADrop{Input: in,
				Cols: []string{"a"}, MinNonNulls: ptr(int32(0))}}},
			want: &plan.DropNA{Input: irRange(10), Cols: []string{"a"}, MinNonNull: 0, HasMin: true},
		},
		{
			name: "drop na without min",
			in:   &sparkpb.Relation{RelType: &sparkpb.Relation_DropNa{DropNa: &sparkpb.NADrop{Input: in}}},
			want: &plan.DropNA{Input: irRange(10)},
		},
		{
			name: "replace",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_Replace{Replace: &sparkpb.NAReplace{Input: in,
				Replacements: []*sparkpb.NAReplace_Replacement{{OldValue: intLitPB(1), NewValue: intLitPB(2)}}}}},
			want: &plan.ReplaceNA{Input: irRange(10), Replacements: [][2]*plan.Literal{{ilit(1), ilit(2)}}},
		},
		{
			name: "describe and summary",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_Summary{Summary: &sparkpb.StatSummary{Statistics: []string{"count"},
				Input: &sparkpb.Relation{RelType: &sparkpb.Relation_Describe{Describe: &sparkpb.StatDescribe{Input: in, Cols: []string{"a"}}}}}}},
			want: &plan.Summary{Statistics: []string{"count"}, Input: &plan.Describe{Input: irRange(10), Cols: []string{"a"}}},
		},
		{
			name: "data source read",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_Read{Read: &sparkpb.Read{ReadType: &sparkpb.Read_DataSource_{
				DataSource: &sparkpb.Read_DataSource{Format: ptr("csv"), Schema: ptr("a int"), Options: map[string]string{"header": "true"},
					Paths: []string{"/p"}, Predicates: []string{"a > 1"}}}}}},
			want: &plan.ReadSource{Format: "csv", Schema: "a int", Options: map[string]string{"header": "true"},
				Paths: []string{"/p"}, Predicates: []string{"a > 1"}},
		},
		{
			name: "unsupported relation keeps plan id",
			in:   withID(&sparkpb.Relation{RelType: &sparkpb.Relation_ApplyInPandasWithState{ApplyInPandasWithState: &sparkpb.ApplyInPandasWithState{Input: in}}}, 9),
			want: &plan.Unsupported{RelBase: plan.RelBase{PlanID: 9, HasPlanID: true},
				Feature: "relation apply_in_pandas_with_state (applyInPandasWithState)"},
		},
		{
			name: "streaming read is marked",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_Read{Read: &sparkpb.Read{IsStreaming: true,
				ReadType: &sparkpb.Read_DataSource_{DataSource: &sparkpb.Read_DataSource{Format: proto.String("rate")}}}}},
			want: &plan.ReadSource{Format: "rate", Streaming: true},
		},
		{
			name: "catalog names the operation",
			in: &sparkpb.Relation{RelType: &sparkpb.Relation_Catalog{Catalog: &sparkpb.Catalog{
				CatType: &sparkpb.Catalog_ListTables{ListTables: &sparkpb.ListTables{}}}}},
			want: &plan.Unsupported{Feature: "relation catalog (list_tables)"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Relation(tc.in)
			if err != nil {
				t.Fatalf("Relation: %v", err)
			}
			assertEqual(t, got, tc.want)
		})
	}
}

func TestNamedTableRead(t *testing.T) {
	needSQL(t)
	got, err := Relation(&sparkpb.Relation{RelType: &sparkpb.Relation_Read{Read: &sparkpb.Read{ReadType: &sparkpb.Read_NamedTable_{
		NamedTable: &sparkpb.Read_NamedTable{UnparsedIdentifier: "db.`my tbl`", Options: map[string]string{"k": "v"}}}}}})
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, got, &plan.ReadTable{Name: []string{"db", "my tbl"}, Options: map[string]string{"k": "v"}})
}

func TestWithRelationsSubqueries(t *testing.T) {
	ref := withID(rangeRel(5), 11)
	sub := func(typ sparkpb.SubqueryExpression_SubqueryType, vals ...*sparkpb.Expression) *sparkpb.Expression {
		return &sparkpb.Expression{ExprType: &sparkpb.Expression_SubqueryExpression{SubqueryExpression: &sparkpb.SubqueryExpression{
			PlanId: 11, SubqueryType: typ, InSubqueryValues: vals}}}
	}
	in := withID(&sparkpb.Relation{RelType: &sparkpb.Relation_WithRelations{WithRelations: &sparkpb.WithRelations{
		Root: withID(&sparkpb.Relation{RelType: &sparkpb.Relation_Project{Project: &sparkpb.Project{
			Input: rangeRel(10),
			Expressions: []*sparkpb.Expression{
				sub(sparkpb.SubqueryExpression_SUBQUERY_TYPE_SCALAR),
				sub(sparkpb.SubqueryExpression_SUBQUERY_TYPE_EXISTS),
				sub(sparkpb.SubqueryExpression_SUBQUERY_TYPE_IN, col("id")),
				sub(sparkpb.SubqueryExpression_SUBQUERY_TYPE_TABLE_ARG),
			}}}}, 12),
		References: []*sparkpb.Relation{ref},
	}}}, 13)
	got, err := Relation(in)
	if err != nil {
		t.Fatal(err)
	}
	refIR := irRangeID(5, 11)
	want := &plan.WithRelations{
		RelBase: plan.RelBase{PlanID: 13, HasPlanID: true},
		Root: &plan.Project{RelBase: plan.RelBase{PlanID: 12, HasPlanID: true}, Input: irRange(10), Exprs: []plan.Expr{
			&plan.ScalarSubquery{Plan: refIR},
			&plan.Exists{Plan: refIR},
			&plan.InSubquery{Values: []plan.Expr{attr("id")}, Plan: refIR},
			&plan.TableArg{Plan: refIR},
		}},
		References: []plan.Relation{refIR},
	}
	assertEqual(t, got, want)

	// A subquery outside the WithRelations that defines its plan is invalid.
	_, err = Relation(&sparkpb.Relation{RelType: &sparkpb.Relation_Project{Project: &sparkpb.Project{
		Expressions: []*sparkpb.Expression{sub(sparkpb.SubqueryExpression_SUBQUERY_TYPE_SCALAR)}}}})
	assertErrClass(t, err, "CONNECT.INVALID_PLAN", "Missing relation in WithRelations")
}

func TestInvalidRelations(t *testing.T) {
	in := rangeRel(1)
	tests := []struct {
		name   string
		in     *sparkpb.Relation
		substr string
	}{
		{"nil", nil, "relation is missing"},
		{"unset", &sparkpb.Relation{}, "Expected Relation to be set"},
		{"filter without input", &sparkpb.Relation{RelType: &sparkpb.Relation_Filter{Filter: &sparkpb.Filter{Condition: col("a")}}}, "Filter needs a plan input"},
		{"filter without condition", &sparkpb.Relation{RelType: &sparkpb.Relation_Filter{Filter: &sparkpb.Filter{Input: in}}}, "Filter needs a condition"},
		{"limit without input", &sparkpb.Relation{RelType: &sparkpb.Relation_Limit{Limit: &sparkpb.Limit{Limit: 1}}}, "Limit needs a plan input"},
		{"join one side", &sparkpb.Relation{RelType: &sparkpb.Relation_Join{Join: &sparkpb.Join{Left: in}}}, "Both join sides"},
		{"join using and condition", &sparkpb.Relation{RelType: &sparkpb.Relation_Join{Join: &sparkpb.Join{Left: in, Right: in,
			JoinCondition: col("a"), UsingColumns: []string{"a"}}}}, "cannot be set at the same time"},
		{"set op one input", &sparkpb.Relation{RelType: &sparkpb.Relation_SetOp{SetOp: &sparkpb.SetOperation{LeftInput: in,
			SetOpType: sparkpb.SetOperation_SET_OP_TYPE_UNION}}}, "must have 2 inputs"},
		{"set op unspecified", &sparkpb.Relation{RelType: &sparkpb.Relation_SetOp{SetOp: &sparkpb.SetOperation{LeftInput: in, RightInput: in}}}, "Unsupported set operation 0"},
		{"except by name", &sparkpb.Relation{RelType: &sparkpb.Relation_SetOp{SetOp: &sparkpb.SetOperation{LeftInput: in, RightInput: in,
			SetOpType: sparkpb.SetOperation_SET_OP_TYPE_EXCEPT, ByName: ptr(true)}}}, "Except does not support union_by_name"},
		{"allow missing without by name", &sparkpb.Relation{RelType: &sparkpb.Relation_SetOp{SetOp: &sparkpb.SetOperation{LeftInput: in, RightInput: in,
			SetOpType: sparkpb.SetOperation_SET_OP_TYPE_UNION, AllowMissingColumns: ptr(true)}}}, "allowMissingCol"},
		{"sort without order", &sparkpb.Relation{RelType: &sparkpb.Relation_Sort{Sort: &sparkpb.Sort{Input: in}}}, "'order' must be present"},
		{"aggregate unspecified", &sparkpb.Relation{RelType: &sparkpb.Relation_Aggregate{Aggregate: &sparkpb.Aggregate{Input: in}}}, "Unknown Group Type"},
		{"pivot without pivot", &sparkpb.Relation{RelType: &sparkpb.Relation_Aggregate{Aggregate: &sparkpb.Aggregate{Input: in,
			GroupType: sparkpb.Aggregate_GROUP_TYPE_PIVOT}}}, "requires a Pivot"},
		{"local relation empty", &sparkpb.Relation{RelType: &sparkpb.Relation_LocalRelation{LocalRelation: &sparkpb.LocalRelation{}}}, "Schema for LocalRelation is required"},
		{"dedup both", &sparkpb.Relation{RelType: &sparkpb.Relation_Deduplicate{Deduplicate: &sparkpb.Deduplicate{Input: in,
			AllColumnsAsKeys: ptr(true), ColumnNames: []string{"a"}}}}, "both all columns and a subset"},
		{"dedup neither", &sparkpb.Relation{RelType: &sparkpb.Relation_Deduplicate{Deduplicate: &sparkpb.Deduplicate{Input: in}}}, "either deduplicate on all columns"},
		{"with columns multi-part name", &sparkpb.Relation{RelType: &sparkpb.Relation_WithColumns{WithColumns: &sparkpb.WithColumns{Input: in,
			Aliases: []*sparkpb.Expression_Alias{{Expr: col("a"), Name: []string{"x", "y"}}}}}}, "only contains one name part"},
		{"fill na no values", &sparkpb.Relation{RelType: &sparkpb.Relation_FillNa{FillNa: &sparkpb.NAFill{Input: in}}}, "at least 1 item"},
		{"fill na mismatched", &sparkpb.Relation{RelType: &sparkpb.Relation_FillNa{FillNa: &sparkpb.NAFill{Input: in, Cols: []string{"a"},
			Values: []*sparkpb.Expression_Literal{intLitPB(1), intLitPB(2)}}}}, "same length"},
		{"with relations bad reference", &sparkpb.Relation{RelType: &sparkpb.Relation_WithRelations{WithRelations: &sparkpb.WithRelations{
			Root: in, References: []*sparkpb.Relation{rangeRel(1)}}}}, "Invalid WithRelation reference"},
		{"read without type", &sparkpb.Relation{RelType: &sparkpb.Relation_Read{Read: &sparkpb.Read{}}}, "named table or a data source"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Relation(tc.in)
			assertErrClass(t, err, "CONNECT.INVALID_PLAN", tc.substr)
		})
	}
}

func TestDeepPlansAreRejected(t *testing.T) {
	r := rangeRel(1)
	for i := 0; i < MaxDepth+5; i++ {
		r = &sparkpb.Relation{RelType: &sparkpb.Relation_Limit{Limit: &sparkpb.Limit{Input: r, Limit: 1}}}
	}
	_, err := Relation(r)
	assertErrClass(t, err, "CONNECT.INVALID_PLAN", "relation is nested too deeply")

	e := col("a")
	for i := 0; i < MaxDepth+5; i++ {
		e = fn("-", e)
	}
	_, err = Expression(e)
	assertErrClass(t, err, "CONNECT.INVALID_PLAN", "expression is nested too deeply")

	l := intLitPB(1)
	for i := 0; i < MaxDepth+5; i++ {
		l = &sparkpb.Expression_Literal{LiteralType: &sparkpb.Expression_Literal_Array_{Array: &sparkpb.Expression_Literal_Array{
			Elements: []*sparkpb.Expression_Literal{l}}}}
	}
	_, err = Literal(l)
	assertErrClass(t, err, "CONNECT.INVALID_PLAN", "literal is nested too deeply")

	// Just below the limit converts fine.
	r = rangeRel(1)
	for i := 0; i < MaxDepth-1; i++ {
		r = &sparkpb.Relation{RelType: &sparkpb.Relation_Limit{Limit: &sparkpb.Limit{Input: r, Limit: 1}}}
	}
	if _, err := Relation(r); err != nil {
		t.Fatalf("plan at the depth limit: %v", err)
	}
}
