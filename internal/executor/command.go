package executor

import (
	"context"
	"fmt"
	"github.com/emberdb/ember/internal/logical"
	"os"
	"path/filepath"
	"strings"

	"github.com/google/uuid"

	"github.com/emberdb/ember/internal/connect"
	"github.com/emberdb/ember/internal/engine/duckdb"
	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sparkpb"
	"github.com/emberdb/ember/internal/sql"
)

// command runs a Connect command.
func (c *Core) command(ctx context.Context, s *session.Session, es *duckdb.Session, pc *sparkpb.Command, send func(*sparkpb.ExecutePlanResponse) error) error {
	cmd, err := connect.ConvertCommand(pc, sql.Spark35(spark35(s)))
	if err != nil {
		return err
	}
	switch x := cmd.(type) {
	case *connect.SQLCommand:
		return c.sqlCommand(ctx, s, es, pc.GetSqlCommand(), x, send)
	case *connect.CreateDataFrameView:
		return c.createView(ctx, s, x)
	case *connect.RegisterFunction:
		s.RegisterUDF(x.Func.Name, x.Func)
		return nil
	case *connect.RegisterTableFunction:
		s.RegisterUDTF(x.Func.Name, x.Func)
		return nil
	case *connect.WriteOperation:
		if x.Table != "" {
			return c.writeTable(ctx, s, es, x)
		}
		return c.write(ctx, s, es, x)
	case *connect.WriteOperationV2:
		return c.writeTableV2(ctx, s, es, x)
	case *connect.Checkpoint:
		return c.checkpoint(ctx, s, es, x, send)
	case *connect.RemoveCachedRemote:
		c.removeCheckpoint(ctx, s, es, x.ID)
		return nil
	case *connect.WriteStreamStart:
		return c.writeStreamStart(ctx, s, es, x, send)
	case *connect.StreamingCommand:
		return c.streamingCommand(ctx, s, x.Proto, send)
	case *connect.UnsupportedCommand:
		return sparkerr.Unsupported(x.Feature)
	}
	return sparkerr.Unsupported(fmt.Sprintf("command %T", cmd))
}

// sqlCommand is spark.sql(). Queries are analyzed now (so errors surface
// at spark.sql() time, as in Spark) and returned unexecuted as the
// relation the client keeps.
func (c *Core) sqlCommand(ctx context.Context, s *session.Session, es *duckdb.Session, pc *sparkpb.SqlCommand, x *connect.SQLCommand, send func(*sparkpb.ExecutePlanResponse) error) error {
	stmt, spans, err := sql.ParseStatementSpans(x.SQL.Query, sql.Spark35(spark35(s)))
	if err != nil {
		return err
	}
	if _, isQuery := stmt.(*sql.QueryStatement); !isQuery {
		return withOrigin(c.statement(ctx, s, es, stmt, send), stmt, spans, x.SQL.Query, spark35(s))
	}
	if _, err := c.resolve(ctx, s, x.SQL); err != nil {
		return functionOrigin(err, spans, x.SQL.Query)
	}
	rel := pc.GetInput()
	if rel == nil {
		// 3.5 clients send the text and arguments on the command itself.
		rel = &sparkpb.Relation{RelType: &sparkpb.Relation_Sql{Sql: &sparkpb.SQL{
			Query: pc.GetSql(), Args: pc.GetArgs(), PosArgs: pc.GetPosArgs(),
			NamedArguments: pc.GetNamedArguments(), PosArguments: pc.GetPosArguments(),
		}}}
	}
	return send(&sparkpb.ExecutePlanResponse{ResponseType: &sparkpb.ExecutePlanResponse_SqlCommandResult_{
		SqlCommandResult: &sparkpb.ExecutePlanResponse_SqlCommandResult{Relation: rel},
	}})
}

// createView registers a temporary or global temporary view. The view
// keeps its unresolved plan; it is analyzed (so it must be valid) now.
func (c *Core) createView(ctx context.Context, s *session.Session, x *connect.CreateDataFrameView) error {
	name, err := sql.ParseMultipartIdentifier(x.Name)
	if err != nil {
		return err
	}
	if _, err := c.resolve(ctx, s, x.Input); err != nil {
		return err
	}
	if x.IsGlobal {
		n := name[len(name)-1]
		if len(name) > 2 || len(name) == 2 && !strings.EqualFold(name[0], "global_temp") {
			return sparkerr.Newf("TEMP_VIEW_NAME_TOO_MANY_NAME_PARTS", "actualName", sparkerr.QuoteID(name...))
		}
		if !session.Global.Set(n, x.Input, x.Replace) {
			return sparkerr.Newf("TEMP_TABLE_OR_VIEW_ALREADY_EXISTS", "relationName", sparkerr.QuoteID("global_temp", n))
		}
		return nil
	}
	if len(name) > 1 {
		return sparkerr.Newf("TEMP_VIEW_NAME_TOO_MANY_NAME_PARTS", "actualName", sparkerr.QuoteID(name...))
	}
	if !s.SetTempView(name[0], x.Input, x.Replace) {
		return sparkerr.Newf("TEMP_TABLE_OR_VIEW_ALREADY_EXISTS", "relationName", sparkerr.QuoteID(name[0]))
	}
	return nil
}

// write saves a DataFrame to a path. Files are written to a staging
// directory first and moved into place only when complete, so a failed
// write never leaves a half-written result.
func (c *Core) write(ctx context.Context, s *session.Session, es *duckdb.Session, x *connect.WriteOperation) error {
	if x.Table != "" {
		return sparkerr.Unsupported("writing to tables (saveAsTable/insertInto)")
	}
	path := x.Path
	if path == "" {
		path = x.Options["path"]
	}
	if path == "" {
		return sparkerr.Newf("INVALID_PARAMETER_VALUE", "parameter", "`path`", "functionName", "`save`", "message", "a path is required")
	}
	path = strings.TrimPrefix(path, "file://")
	path = strings.TrimPrefix(path, "file:")
	format := strings.ToLower(x.Source)
	if format == "" {
		format = strings.ToLower(s.Conf.GetOr("spark.sql.sources.default", "parquet"))
	}
	if len(x.BucketColumns) > 0 || x.NumBuckets > 0 {
		return sparkerr.Newf("_LEGACY_ERROR_TEMP_1312", "operation", "save")
	}
	lp, err := c.resolve(ctx, s, x.Input)
	if err != nil {
		return err
	}
	if logical.IsStreaming(lp) {
		return errCallOnStreaming("write")
	}
	_, statErr := os.Stat(path)
	exists := statErr == nil
	switch x.Mode {
	case connect.SaveModeDefault, connect.SaveModeErrorIfExists:
		if exists {
			abs, _ := filepath.Abs(path)
			return sparkerr.Newf("PATH_ALREADY_EXISTS", "outputPath", "file:"+abs)
		}
	case connect.SaveModeIgnore:
		if exists {
			return nil
		}
	}
	parent := filepath.Dir(filepath.Clean(path))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return sparkerr.Internal("creating %s: %v", parent, err)
	}
	stage := filepath.Join(parent, "."+filepath.Base(path)+".ember-staging-"+uuid.NewString())
	if err := c.writeFiles(ctx, es, s, lp, stage, format, x.PartitionColumns, lowerKeys(x.Options)); err != nil {
		os.RemoveAll(stage)
		return err
	}
	if err := os.WriteFile(filepath.Join(stage, "_SUCCESS"), nil, 0o644); err != nil {
		os.RemoveAll(stage)
		return sparkerr.Internal("writing _SUCCESS: %v", err)
	}
	if x.Mode == connect.SaveModeAppend && exists {
		err = mergeInto(stage, path)
		os.RemoveAll(stage)
		if err != nil {
			return sparkerr.Internal("appending to %s: %v", path, err)
		}
		return nil
	}
	if exists {
		trash := filepath.Join(parent, "."+filepath.Base(path)+".ember-old-"+uuid.NewString())
		if err := os.Rename(path, trash); err != nil {
			os.RemoveAll(stage)
			return sparkerr.Internal("replacing %s: %v", path, err)
		}
		if err := os.Rename(stage, path); err != nil {
			os.Rename(trash, path)
			os.RemoveAll(stage)
			return sparkerr.Internal("replacing %s: %v", path, err)
		}
		os.RemoveAll(trash)
		return nil
	}
	if err := os.Rename(stage, path); err != nil {
		os.RemoveAll(stage)
		return sparkerr.Internal("moving output into %s: %v", path, err)
	}
	return nil
}

// mergeInto moves every data file of src into dst (same relative paths).
func mergeInto(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if rel == "_SUCCESS" {
			return nil
		}
		target := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.Rename(p, target)
	})
}

func lowerKeys(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[strings.ToLower(k)] = v
	}
	return out
}

// withOrigin adds the "; line L pos P" suffix Spark puts on errors about a
// statement's target object (at the target name) or, for an INSERT column
// list, at the statement.
func withOrigin(err error, stmt sql.Statement, spans sql.Spans, text string, v35 bool) error {
	se, ok := sparkerr.As(err)
	if !ok || se.Context != "" {
		return err
	}
	var at sql.Span
	switch {
	case strings.HasPrefix(se.Class, "EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE"), strings.HasPrefix(se.Class, "EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE"):
		sp, found := spans[sql.StatementName]
		if !found {
			return err
		}
		at = sp
	case se.Class == "UNRESOLVED_ROUTINE":
		// DESCRIBE FUNCTION of an unknown name: at the name, and Spark ends
		// the context with the ';' that precedes its plan.
		sp, found := spans[sql.StatementName]
		if _, desc := stmt.(*sql.DescribeFunction); !desc || !found {
			return err
		}
		line, col := sp.LineCol(text)
		se.Context = fmt.Sprintf("; line %d pos %d;", line, col)
		return se
	case strings.HasPrefix(se.Class, "UNRESOLVED_COLUMN."), se.Class == "NOT_SUPPORTED_CHANGE_COLUMN":
		// INSERT column lists, and (Spark 4 only) ALTER COLUMN, point at
		// the statement.
		_, insert := stmt.(*sql.InsertInto)
		_, alter := stmt.(*sql.AlterColumn)
		if !insert && !(alter && !v35) || se.Class == "NOT_SUPPORTED_CHANGE_COLUMN" && !alter {
			return err
		}
		at = sql.Span{Start: len(text) - len(strings.TrimLeft(text, " \t\r\n"))}
	default:
		return err
	}
	line, col := at.LineCol(text)
	se.Context = fmt.Sprintf("; line %d pos %d", line, col)
	return se
}

// functionOrigin points an error about a function Ember does not know
// (UNRESOLVED_ROUTINE) or cannot load (CANNOT_LOAD_FUNCTION_CLASS) at the
// first call of a non-built-in function in the query text, as Spark does
// ("; line 1 pos 7").
func functionOrigin(err error, spans sql.Spans, text string) error {
	se, ok := sparkerr.As(err)
	if !ok || se.Context != ";" || (se.Class != "UNRESOLVED_ROUTINE" && se.Class != "CANNOT_LOAD_FUNCTION_CLASS") {
		return err
	}
	quoted := se.Params["routineName"]
	if se.Class == "CANNOT_LOAD_FUNCTION_CLASS" {
		quoted = se.Params["functionName"]
	}
	want := lastNamePart(quoted)
	best := -1
	for n, sp := range spans {
		f, ok := n.(*plan.UnresolvedFunction)
		if !ok || f.IsUDF || !strings.EqualFold(f.Name[strings.LastIndex(f.Name, ".")+1:], want) {
			continue
		}
		if _, builtin := functions.Lookup(f.Name); builtin {
			continue
		}
		if best < 0 || sp.Start < best {
			best = sp.Start
		}
	}
	if best < 0 {
		return err
	}
	line, col := sql.Span{Start: best}.LineCol(text)
	se.Context = fmt.Sprintf("; line %d pos %d", line, col)
	return se
}

// lastNamePart is the last part of a quoted multipart name (`a`.`b` -> b).
func lastNamePart(quoted string) string {
	i := strings.LastIndex(quoted, "`.`")
	if i >= 0 {
		quoted = quoted[i+2:]
	}
	return strings.ReplaceAll(strings.Trim(quoted, "`"), "``", "`")
}

// errCallOnStreaming is Spark's refusal of a batch-only method (write,
// writeTo) on a DataFrame that reads a streaming source.
func errCallOnStreaming(method string) error {
	return sparkerr.Newf("CALL_ON_STREAMING_DATASET_UNSUPPORTED", "methodName", "`"+method+"`")
}
