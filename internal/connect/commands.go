package connect

import (
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkpb"
	"github.com/emberdb/ember/internal/sql"
)

// Command is a converted Connect command. The concrete types are
// *SQLCommand, *CreateDataFrameView, *WriteOperation, *WriteOperationV2,
// *WriteStreamStart, *StreamingCommand, *Checkpoint, *RemoveCachedRemote
// and *UnsupportedCommand.
type Command interface{ commandNode() }

// SQLCommand is spark.sql(...) sent as a command (the form PySpark uses so
// that statements run eagerly). SQL is the query with its arguments and, for
// spark.sql(query, df=...), the referenced DataFrames in SQL.Refs.
type SQLCommand struct {
	SQL *plan.SQL
}

// CreateDataFrameView is df.createTempView / createOrReplaceTempView /
// createGlobalTempView / createOrReplaceGlobalTempView. Name is as the user
// wrote it (a possibly qualified identifier, not yet parsed).
type CreateDataFrameView struct {
	Input    plan.Relation
	Name     string
	IsGlobal bool
	Replace  bool
}

// SaveMode of a DataFrameWriter.
type SaveMode int

const (
	// SaveModeDefault is an unset mode: the writer's default (error if
	// exists).
	SaveModeDefault SaveMode = iota
	SaveModeAppend
	SaveModeOverwrite
	SaveModeErrorIfExists
	SaveModeIgnore
)

// TableSaveMethod says how df.write targets a table.
type TableSaveMethod int

const (
	// SaveAsTable is df.write.saveAsTable(name).
	SaveAsTable TableSaveMethod = iota + 1
	// InsertInto is df.write.insertInto(name).
	InsertInto
)

// WriteOperation is df.write...save()/saveAsTable()/insertInto().
// Exactly one of Path and Table is set, or neither for save() without a
// path (the path may then be an option).
type WriteOperation struct {
	Input plan.Relation
	// Source is the format ("parquet", "csv", ...); "" means the session's
	// default data source.
	Source string
	Path   string
	Table  string
	// Method is set when Table is.
	Method            TableSaveMethod
	Mode              SaveMode
	SortColumns       []string
	PartitionColumns  []string
	BucketColumns     []string
	NumBuckets        int32
	ClusteringColumns []string
	Options           map[string]string
}

// WriteMode of a DataFrameWriterV2 (df.writeTo).
type WriteMode int

const (
	WriteModeCreate WriteMode = iota + 1
	WriteModeOverwrite
	WriteModeOverwritePartitions
	WriteModeAppend
	WriteModeReplace
	WriteModeCreateOrReplace
)

// WriteOperationV2 is df.writeTo(table)....create()/append()/... .
type WriteOperationV2 struct {
	Input    plan.Relation
	Table    string
	Provider string // "" when not given (using(...) not called)
	Mode     WriteMode
	// PartitionBy are the partitionedBy expressions.
	PartitionBy        []plan.Expr
	Options            map[string]string
	TableProperties    map[string]string
	OverwriteCondition plan.Expr // MODE_OVERWRITE only
	ClusteringColumns  []string
}

// Checkpoint is df.checkpoint() / df.localCheckpoint(): the rows are
// stored and the client gets a cached remote relation reading them.
type Checkpoint struct {
	Input plan.Relation
	Local bool
	Eager bool
}

// RemoveCachedRemote releases a cached remote relation (the client's
// checkpointed DataFrame was garbage-collected).
type RemoveCachedRemote struct {
	ID string
}

// StreamingCommand is a command about running streaming queries
// (StreamingQueryCommand, StreamingQueryManagerCommand,
// StreamingQueryListenerBusCommand), passed through as the proto.
type StreamingCommand struct {
	Proto *sparkpb.Command
}

func (*StreamingCommand) commandNode() {}

// UnsupportedCommand is a command Ember recognises but does not run.
// Feature names it for the error message.
type UnsupportedCommand struct {
	Feature string
}

func (*SQLCommand) commandNode()          {}
func (*CreateDataFrameView) commandNode() {}

// RegisterFunction is spark.udf.register of a Python function: a
// temporary function of the session.
type RegisterFunction struct{ Func *plan.PythonUDF }

func (*RegisterFunction) commandNode() {}

// RegisterTableFunction is spark.udtf.register: a temporary table
// function of the session.
type RegisterTableFunction struct{ Func *plan.PythonUDTF }

func (*RegisterTableFunction) commandNode() {}
func (*WriteOperation) commandNode()        {}
func (*WriteOperationV2) commandNode()      {}
func (*UnsupportedCommand) commandNode()    {}
func (*Checkpoint) commandNode()            {}
func (*RemoveCachedRemote) commandNode()    {}

// ConvertCommand converts a Connect command. Commands Ember does not run
// become *UnsupportedCommand; malformed ones are errors.
func ConvertCommand(cmd *sparkpb.Command, opts ...sql.Option) (Command, error) {
	c := &converter{sqlOpts: opts}
	return c.command(cmd)
}

func unsupportedCommand(feature string) *UnsupportedCommand {
	return &UnsupportedCommand{Feature: "command " + feature}
}

func (c *converter) command(cmd *sparkpb.Command) (Command, error) {
	if cmd == nil {
		return nil, invalidPlan("The command is missing.")
	}
	switch k := cmd.GetCommandType().(type) {
	case nil:
		return nil, invalidPlan("The command type is not set.")
	case *sparkpb.Command_SqlCommand:
		return c.sqlCommand(k.SqlCommand)
	case *sparkpb.Command_CreateDataframeView:
		v := k.CreateDataframeView
		in, err := c.input(v.GetInput(), "CreateDataFrameViewCommand")
		if err != nil {
			return nil, err
		}
		return &CreateDataFrameView{Input: in, Name: v.GetName(), IsGlobal: v.GetIsGlobal(), Replace: v.GetReplace()}, nil
	case *sparkpb.Command_WriteOperation:
		return c.writeOperation(k.WriteOperation)
	case *sparkpb.Command_WriteOperationV2:
		return c.writeOperationV2(k.WriteOperationV2)
	case *sparkpb.Command_RegisterFunction:
		f, ok, err := c.pythonUDF(k.RegisterFunction)
		if err != nil {
			return nil, err
		}
		if !ok {
			return unsupportedCommand("register_function (" + udfFeature(k.RegisterFunction) + " registration)"), nil
		}
		if f.Name == "" {
			return nil, invalidPlan("A registered function needs a name.")
		}
		return &RegisterFunction{Func: f}, nil
	case *sparkpb.Command_RegisterTableFunction:
		f, err := c.pythonUDTF(k.RegisterTableFunction)
		if err != nil {
			return nil, err
		}
		if f.Name == "" {
			return nil, invalidPlan("A registered table function needs a name.")
		}
		return &RegisterTableFunction{Func: f}, nil
	case *sparkpb.Command_RegisterDataSource:
		return unsupportedCommand("register_data_source (Python data source registration)"), nil
	case *sparkpb.Command_WriteStreamOperationStart:
		return c.writeStreamStart(k.WriteStreamOperationStart)
	case *sparkpb.Command_StreamingQueryCommand, *sparkpb.Command_StreamingQueryManagerCommand,
		*sparkpb.Command_StreamingQueryListenerBusCommand:
		// Answered from the session's query manager (executor/stream.go).
		return &StreamingCommand{Proto: cmd}, nil
	case *sparkpb.Command_GetResourcesCommand:
		return unsupportedCommand("get_resources_command (SparkContext resources)"), nil
	case *sparkpb.Command_CreateResourceProfileCommand:
		return unsupportedCommand("create_resource_profile_command (resource profiles)"), nil
	case *sparkpb.Command_CheckpointCommand:
		cp := k.CheckpointCommand
		in, err := c.input(cp.GetRelation(), "CheckpointCommand")
		if err != nil {
			return nil, err
		}
		return &Checkpoint{Input: in, Local: cp.GetLocal(), Eager: cp.GetEager()}, nil
	case *sparkpb.Command_RemoveCachedRemoteRelationCommand:
		id := k.RemoveCachedRemoteRelationCommand.GetRelation().GetRelationId()
		if id == "" {
			return nil, invalidPlan("RemoveCachedRemoteRelationCommand needs a relation id.")
		}
		return &RemoveCachedRemote{ID: id}, nil
	case *sparkpb.Command_MergeIntoTableCommand:
		return unsupportedCommand("merge_into_table_command (DataFrame.mergeInto)"), nil
	case *sparkpb.Command_MlCommand:
		return unsupportedCommand("ml_command (pyspark.ml)"), nil
	case *sparkpb.Command_ExecuteExternalCommand:
		return unsupportedCommand("execute_external_command"), nil
	case *sparkpb.Command_PipelineCommand:
		return unsupportedCommand("pipeline_command (declarative pipelines)"), nil
	case *sparkpb.Command_Extension:
		return unsupportedCommand("extension " + k.Extension.GetTypeUrl()), nil
	default:
		return nil, invalidPlan("Unknown command type %T.", k)
	}
}

// sqlCommand accepts 4.x's input relation (a SQL, or a WithRelations of a
// SQL and aliased DataFrames) and 3.5's inline query and arguments.
func (c *converter) sqlCommand(s *sparkpb.SqlCommand) (Command, error) {
	if in := s.GetInput(); in != nil {
		if in.GetSql() == nil && in.GetWithRelations() == nil {
			return nil, invalidPlan("SQL command expects either a SQL or a WithRelations, but got %s.", relTypeName(in))
		}
		if w := in.GetWithRelations(); w != nil && !isSQLWithRefs(w) {
			return nil, invalidPlan("The WithRelations input of a SQL command is not a valid relation for SQL with references.")
		}
		rel, err := c.relation(in)
		if err != nil {
			return nil, err
		}
		return &SQLCommand{SQL: rel.(*plan.SQL)}, nil
	}
	q, err := c.sql(&sparkpb.SQL{
		Query:          s.GetSql(),
		Args:           s.GetArgs(),
		PosArgs:        s.GetPosArgs(),
		NamedArguments: s.GetNamedArguments(),
		PosArguments:   s.GetPosArguments(),
	})
	if err != nil {
		return nil, err
	}
	return &SQLCommand{SQL: q}, nil
}

func (c *converter) writeOperation(w *sparkpb.WriteOperation) (Command, error) {
	in, err := c.input(w.GetInput(), "WriteOperation")
	if err != nil {
		return nil, err
	}
	out := &WriteOperation{
		Input:             in,
		Source:            w.GetSource(),
		SortColumns:       append([]string(nil), w.GetSortColumnNames()...),
		PartitionColumns:  append([]string(nil), w.GetPartitioningColumns()...),
		ClusteringColumns: append([]string(nil), w.GetClusteringColumns()...),
		Options:           copyMap(w.GetOptions()),
	}
	switch w.GetMode() {
	case sparkpb.WriteOperation_SAVE_MODE_UNSPECIFIED:
		out.Mode = SaveModeDefault
	case sparkpb.WriteOperation_SAVE_MODE_APPEND:
		out.Mode = SaveModeAppend
	case sparkpb.WriteOperation_SAVE_MODE_OVERWRITE:
		out.Mode = SaveModeOverwrite
	case sparkpb.WriteOperation_SAVE_MODE_ERROR_IF_EXISTS:
		out.Mode = SaveModeErrorIfExists
	case sparkpb.WriteOperation_SAVE_MODE_IGNORE:
		out.Mode = SaveModeIgnore
	default:
		return nil, invalidPlan("Unknown save mode %d.", int32(w.GetMode()))
	}
	if b := w.GetBucketBy(); b != nil {
		if b.GetNumBuckets() <= 0 {
			return nil, invalidPlan("BucketBy must specify a bucket count > 0, received %d instead.", b.GetNumBuckets())
		}
		out.BucketColumns = append([]string(nil), b.GetBucketColumnNames()...)
		out.NumBuckets = b.GetNumBuckets()
	}
	switch st := w.GetSaveType().(type) {
	case *sparkpb.WriteOperation_Path:
		out.Path = st.Path
	case *sparkpb.WriteOperation_Table:
		out.Table = st.Table.GetTableName()
		switch st.Table.GetSaveMethod() {
		case sparkpb.WriteOperation_SaveTable_TABLE_SAVE_METHOD_SAVE_AS_TABLE:
			out.Method = SaveAsTable
		case sparkpb.WriteOperation_SaveTable_TABLE_SAVE_METHOD_INSERT_INTO:
			out.Method = InsertInto
		default:
			return nil, invalidPlan("WriteOperation:SaveTable:TableSaveMethod not supported %d", int32(st.Table.GetSaveMethod()))
		}
	}
	return out, nil
}

func (c *converter) writeOperationV2(w *sparkpb.WriteOperationV2) (Command, error) {
	in, err := c.input(w.GetInput(), "WriteOperationV2")
	if err != nil {
		return nil, err
	}
	out := &WriteOperationV2{
		Input:             in,
		Table:             w.GetTableName(),
		Provider:          w.GetProvider(),
		Options:           copyMap(w.GetOptions()),
		TableProperties:   copyMap(w.GetTableProperties()),
		ClusteringColumns: append([]string(nil), w.GetClusteringColumns()...),
	}
	switch w.GetMode() {
	case sparkpb.WriteOperationV2_MODE_CREATE:
		out.Mode = WriteModeCreate
	case sparkpb.WriteOperationV2_MODE_OVERWRITE:
		out.Mode = WriteModeOverwrite
	case sparkpb.WriteOperationV2_MODE_OVERWRITE_PARTITIONS:
		out.Mode = WriteModeOverwritePartitions
	case sparkpb.WriteOperationV2_MODE_APPEND:
		out.Mode = WriteModeAppend
	case sparkpb.WriteOperationV2_MODE_REPLACE:
		out.Mode = WriteModeReplace
	case sparkpb.WriteOperationV2_MODE_CREATE_OR_REPLACE:
		out.Mode = WriteModeCreateOrReplace
	default:
		return nil, invalidPlan("WriteOperationV2:ModeValue not supported %d", int32(w.GetMode()))
	}
	if out.PartitionBy, err = c.expressions(w.GetPartitioningColumns()); err != nil {
		return nil, err
	}
	if out.Mode == WriteModeOverwrite {
		if w.GetOverwriteCondition() == nil {
			return nil, invalidPlan("WriteOperationV2 in overwrite mode needs a condition.")
		}
		if out.OverwriteCondition, err = c.expression(w.GetOverwriteCondition()); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// relTypeName is the proto field name of a relation's type.
func relTypeName(r *sparkpb.Relation) string {
	m := r.ProtoReflect()
	fd := m.WhichOneof(m.Descriptor().Oneofs().ByName("rel_type"))
	if fd == nil {
		return "RELTYPE_NOT_SET"
	}
	return string(fd.Name())
}
