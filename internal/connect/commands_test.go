package connect

import (
	"testing"

	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkpb"
	"github.com/emberdb/ember/internal/types"
)

func TestCommands(t *testing.T) {
	in := rangeRel(3)
	tests := []struct {
		name string
		in   *sparkpb.Command
		want Command
	}{
		{
			name: "3.5 inline sql with args",
			in: &sparkpb.Command{CommandType: &sparkpb.Command_SqlCommand{SqlCommand: &sparkpb.SqlCommand{
				Sql: "select :a", Args: map[string]*sparkpb.Expression_Literal{"a": intLitPB(1)}}}},
			want: &SQLCommand{SQL: &plan.SQL{Query: "select :a", Named: map[string]plan.Expr{"a": ilit(1)}}},
		},
		{
			name: "3.5 inline sql with positional args",
			in: &sparkpb.Command{CommandType: &sparkpb.Command_SqlCommand{SqlCommand: &sparkpb.SqlCommand{
				Sql: "select ?", PosArgs: []*sparkpb.Expression_Literal{intLitPB(2)}}}},
			want: &SQLCommand{SQL: &plan.SQL{Query: "select ?", Pos: []plan.Expr{ilit(2)}}},
		},
		{
			name: "4.x input relation",
			in: &sparkpb.Command{CommandType: &sparkpb.Command_SqlCommand{SqlCommand: &sparkpb.SqlCommand{
				Input: withID(&sparkpb.Relation{RelType: &sparkpb.Relation_Sql{Sql: &sparkpb.SQL{Query: "show tables"}}}, 4)}}},
			want: &SQLCommand{SQL: &plan.SQL{RelBase: plan.RelBase{PlanID: 4, HasPlanID: true}, Query: "show tables"}},
		},
		{
			name: "4.x input with dataframe references",
			in: &sparkpb.Command{CommandType: &sparkpb.Command_SqlCommand{SqlCommand: &sparkpb.SqlCommand{
				Input: &sparkpb.Relation{RelType: &sparkpb.Relation_WithRelations{WithRelations: &sparkpb.WithRelations{
					Root: &sparkpb.Relation{RelType: &sparkpb.Relation_Sql{Sql: &sparkpb.SQL{Query: "select * from {t}"}}},
					References: []*sparkpb.Relation{{RelType: &sparkpb.Relation_SubqueryAlias{SubqueryAlias: &sparkpb.SubqueryAlias{
						Input: in, Alias: "t"}}}},
				}}}}}},
			want: &SQLCommand{SQL: &plan.SQL{Query: "select * from {t}", Refs: map[string]plan.Relation{"t": irRange(3)}}},
		},
		{
			name: "create view",
			in: &sparkpb.Command{CommandType: &sparkpb.Command_CreateDataframeView{CreateDataframeView: &sparkpb.CreateDataFrameViewCommand{
				Input: in, Name: "v", IsGlobal: true, Replace: true}}},
			want: &CreateDataFrameView{Input: irRange(3), Name: "v", IsGlobal: true, Replace: true},
		},
		{
			name: "write to path",
			in: &sparkpb.Command{CommandType: &sparkpb.Command_WriteOperation{WriteOperation: &sparkpb.WriteOperation{
				Input: in, Source: ptr("json"), SaveType: &sparkpb.WriteOperation_Path{Path: "/x"},
				Mode: sparkpb.WriteOperation_SAVE_MODE_IGNORE, SortColumnNames: []string{"a"}, PartitioningColumns: []string{"b"},
				BucketBy: &sparkpb.WriteOperation_BucketBy{BucketColumnNames: []string{"c"}, NumBuckets: 2},
				Options:  map[string]string{"k": "v"}, ClusteringColumns: []string{"d"}}}},
			want: &WriteOperation{Input: irRange(3), Source: "json", Path: "/x", Mode: SaveModeIgnore,
				SortColumns: []string{"a"}, PartitionColumns: []string{"b"}, BucketColumns: []string{"c"}, NumBuckets: 2,
				ClusteringColumns: []string{"d"}, Options: map[string]string{"k": "v"}},
		},
		{
			name: "save without path",
			in: &sparkpb.Command{CommandType: &sparkpb.Command_WriteOperation{WriteOperation: &sparkpb.WriteOperation{
				Input: in, Mode: sparkpb.WriteOperation_SAVE_MODE_APPEND}}},
			want: &WriteOperation{Input: irRange(3), Mode: SaveModeAppend},
		},
		{
			name: "insert into",
			in: &sparkpb.Command{CommandType: &sparkpb.Command_WriteOperation{WriteOperation: &sparkpb.WriteOperation{
				Input: in, SaveType: &sparkpb.WriteOperation_Table{Table: &sparkpb.WriteOperation_SaveTable{
					TableName: "t", SaveMethod: sparkpb.WriteOperation_SaveTable_TABLE_SAVE_METHOD_INSERT_INTO}}}}},
			want: &WriteOperation{Input: irRange(3), Table: "t", Method: InsertInto},
		},
		{
			name: "write v2 overwrite",
			in: &sparkpb.Command{CommandType: &sparkpb.Command_WriteOperationV2{WriteOperationV2: &sparkpb.WriteOperationV2{
				Input: in, TableName: "t", Mode: sparkpb.WriteOperationV2_MODE_OVERWRITE,
				OverwriteCondition: fn("==", col("a"), lit(intLitPB(1))),
				TableProperties:    map[string]string{"p": "q"}}}},
			want: &WriteOperationV2{Input: irRange(3), Table: "t", Mode: WriteModeOverwrite,
				OverwriteCondition: &plan.UnresolvedFunction{Name: "==", Args: []plan.Expr{attr("a"), ilit(1)}},
				TableProperties:    map[string]string{"p": "q"}},
		},
		{
			name: "register a Python udf",
			in: &sparkpb.Command{CommandType: &sparkpb.Command_RegisterFunction{RegisterFunction: &sparkpb.CommonInlineUserDefinedFunction{
				FunctionName: "f", Deterministic: true, Function: &sparkpb.CommonInlineUserDefinedFunction_PythonUdf{PythonUdf: &sparkpb.PythonUDF{
					OutputType: &sparkpb.DataType{Kind: &sparkpb.DataType_Long_{Long: &sparkpb.DataType_Long{}}},
					EvalType:   100, Command: []byte{1, 2}, PythonVer: "3.11"}}}}},
			want: &RegisterFunction{Func: &plan.PythonUDF{Name: "f", Deterministic: true, EvalType: 100,
				Command: []byte{1, 2}, PythonVer: "3.11", Output: types.Long}},
		},
		{
			name: "register a Scala udf is unsupported",
			in: &sparkpb.Command{CommandType: &sparkpb.Command_RegisterFunction{RegisterFunction: &sparkpb.CommonInlineUserDefinedFunction{
				FunctionName: "f", Function: &sparkpb.CommonInlineUserDefinedFunction_ScalarScalaUdf{ScalarScalaUdf: &sparkpb.ScalarScalaUDF{}}}}},
			want: &UnsupportedCommand{Feature: "command register_function (Scala UDF f registration)"},
		},
		{
			name: "writeStream start",
			in: &sparkpb.Command{CommandType: &sparkpb.Command_WriteStreamOperationStart{
				WriteStreamOperationStart: &sparkpb.WriteStreamOperationStart{Input: rangeRel(3), Format: "memory",
					QueryName: "q", OutputMode: "append",
					Trigger: &sparkpb.WriteStreamOperationStart_ProcessingTimeInterval{ProcessingTimeInterval: "1 second"}}}},
			want: &WriteStreamStart{Input: irRange(3), Format: "memory", QueryName: "q",
				OutputMode: "append", Trigger: TriggerProcessingTime, Interval: "1 second"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ConvertCommand(tc.in)
			if err != nil {
				t.Fatalf("ConvertCommand: %v", err)
			}
			assertEqual(t, got, tc.want)
		})
	}
}

func TestInvalidCommands(t *testing.T) {
	in := rangeRel(1)
	tests := []struct {
		name   string
		in     *sparkpb.Command
		substr string
	}{
		{"nil", nil, "command is missing"},
		{"unset", &sparkpb.Command{}, "command type is not set"},
		{"sql input of another kind", &sparkpb.Command{CommandType: &sparkpb.Command_SqlCommand{SqlCommand: &sparkpb.SqlCommand{Input: in}}},
			"expects either a SQL or a WithRelations, but got range"},
		{"sql with non-alias references", &sparkpb.Command{CommandType: &sparkpb.Command_SqlCommand{SqlCommand: &sparkpb.SqlCommand{
			Input: &sparkpb.Relation{RelType: &sparkpb.Relation_WithRelations{WithRelations: &sparkpb.WithRelations{
				Root:       &sparkpb.Relation{RelType: &sparkpb.Relation_Sql{Sql: &sparkpb.SQL{Query: "select 1"}}},
				References: []*sparkpb.Relation{withID(rangeRel(1), 1)}}}}}}}, "not a valid relation for SQL with references"},
		{"view without input", &sparkpb.Command{CommandType: &sparkpb.Command_CreateDataframeView{CreateDataframeView: &sparkpb.CreateDataFrameViewCommand{Name: "v"}}},
			"needs a plan input"},
		{"write without input", &sparkpb.Command{CommandType: &sparkpb.Command_WriteOperation{WriteOperation: &sparkpb.WriteOperation{}}},
			"needs a plan input"},
		{"bucket count", &sparkpb.Command{CommandType: &sparkpb.Command_WriteOperation{WriteOperation: &sparkpb.WriteOperation{Input: in,
			BucketBy: &sparkpb.WriteOperation_BucketBy{BucketColumnNames: []string{"a"}}}}}, "bucket count > 0, received 0"},
		{"table save method", &sparkpb.Command{CommandType: &sparkpb.Command_WriteOperation{WriteOperation: &sparkpb.WriteOperation{Input: in,
			SaveType: &sparkpb.WriteOperation_Table{Table: &sparkpb.WriteOperation_SaveTable{TableName: "t"}}}}}, "TableSaveMethod not supported 0"},
		{"v2 mode", &sparkpb.Command{CommandType: &sparkpb.Command_WriteOperationV2{WriteOperationV2: &sparkpb.WriteOperationV2{Input: in}}},
			"ModeValue not supported 0"},
		{"v2 overwrite without condition", &sparkpb.Command{CommandType: &sparkpb.Command_WriteOperationV2{WriteOperationV2: &sparkpb.WriteOperationV2{Input: in,
			Mode: sparkpb.WriteOperationV2_MODE_OVERWRITE}}}, "needs a condition"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ConvertCommand(tc.in)
			assertErrClass(t, err, "CONNECT.INVALID_PLAN", tc.substr)
		})
	}
}
