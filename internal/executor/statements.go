package executor

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"

	"github.com/emberdb/ember/internal/engine/duckdb"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sparkpb"
	"github.com/emberdb/ember/internal/sql"
	"github.com/emberdb/ember/internal/types"
)

// Statements that spark.sql() runs eagerly: SET/RESET, USE, temporary
// views, SHOW and DESCRIBE, EXPLAIN, cache statements; DDL and DML on the
// catalog are in tables.go and alter.go, the spark.catalog API in
// catalogapi.go. Each answers a command result the client keeps.

// result is a small command output: a schema and rows of Go values
// (string, bool, int32, int64, []string, nil).
type result struct {
	schema types.Struct
	rows   [][]any
}

func field(name string, t types.DataType, nullable bool) types.Field {
	return types.Field{Name: name, Type: t, Nullable: nullable}
}

// record builds the Arrow record of a result.
func (c *Core) record(r result) (arrow.RecordBatch, error) {
	as, err := types.ArrowSchema(r.schema, "UTC")
	if err != nil {
		return nil, err
	}
	bld := array.NewRecordBuilder(c.mem, as)
	defer bld.Release()
	for _, row := range r.rows {
		for i, v := range row {
			fb := bld.Field(i)
			if v == nil {
				fb.AppendNull()
				continue
			}
			switch b := fb.(type) {
			case *array.StringBuilder:
				b.Append(v.(string))
			case *array.BooleanBuilder:
				b.Append(v.(bool))
			case *array.Int32Builder:
				b.Append(v.(int32))
			case *array.Int64Builder:
				b.Append(v.(int64))
			case *array.ListBuilder:
				b.Append(true)
				vb := b.ValueBuilder().(*array.StringBuilder)
				for _, s := range v.([]string) {
					vb.Append(s)
				}
			default:
				return nil, sparkerr.Internal("unsupported result column type %s", as.Field(i).Type)
			}
		}
	}
	return bld.NewRecordBatch(), nil
}

// sendResult answers a query-shaped call (spark.catalog.*) with rows.
func (c *Core) sendResult(r result, send func(*sparkpb.ExecutePlanResponse) error) error {
	rec, err := c.record(r)
	if err != nil {
		return err
	}
	defer rec.Release()
	return c.sendRecords(r.schema, "UTC", []arrow.RecordBatch{rec}, send)
}

// commandResult answers spark.sql() for a command: its output rows as a
// local relation the client keeps as the DataFrame.
func (c *Core) commandResult(r result, send func(*sparkpb.ExecutePlanResponse) error) error {
	rec, err := c.record(r)
	if err != nil {
		return err
	}
	defer rec.Release()
	var buf bytes.Buffer
	w := ipc.NewWriter(&buf, ipc.WithSchema(rec.Schema()))
	if err := w.Write(rec); err != nil {
		return sparkerr.Internal("encoding command result: %v", err)
	}
	if err := w.Close(); err != nil {
		return sparkerr.Internal("encoding command result: %v", err)
	}
	rel := &sparkpb.Relation{RelType: &sparkpb.Relation_LocalRelation{LocalRelation: &sparkpb.LocalRelation{Data: buf.Bytes()}}}
	return send(&sparkpb.ExecutePlanResponse{ResponseType: &sparkpb.ExecutePlanResponse_SqlCommandResult_{
		SqlCommandResult: &sparkpb.ExecutePlanResponse_SqlCommandResult{Relation: rel},
	}})
}

// statement runs a non-query SQL statement.
func (c *Core) statement(ctx context.Context, s *session.Session, es *duckdb.Session, stmt sql.Statement, send func(*sparkpb.ExecutePlanResponse) error) error {
	kv := types.Struct{Fields: []types.Field{field("key", types.String, false), field("value", types.String, true)}}
	empty := result{schema: types.Struct{}}
	switch x := stmt.(type) {
	case *sql.SetCommand:
		switch {
		case !x.HasKey:
			var rows [][]any
			for _, p := range s.Conf.All("") {
				if s.Conf.IsSet(p[0]) {
					rows = append(rows, []any{p[0], p[1]})
				}
			}
			return c.commandResult(result{schema: kv, rows: rows}, send)
		case !x.HasValue:
			v, ok := s.Conf.Get(x.Key)
			if !ok {
				v = "<undefined>"
			}
			return c.commandResult(result{schema: kv, rows: [][]any{{x.Key, v}}}, send)
		}
		if err := session.ValidateSet(x.Key, x.Value); err != nil {
			if se, ok := sparkerr.As(err); ok && se.Class == "CANNOT_MODIFY_STATIC_CONFIG" && spark35(s) {
				// Spark 3.5's SET raises a class-less AnalysisException.
				return &sparkerr.Error{JavaClass: sparkerr.AnalysisException, Params: map[string]string{},
					Text: "Cannot modify the value of a static config: " + x.Key + "."}
			}
			return err
		}
		s.Conf.Set(x.Key, x.Value)
		return c.commandResult(result{schema: kv, rows: [][]any{{x.Key, x.Value}}}, send)
	case *sql.ResetCommand:
		if x.Key == "" {
			for _, p := range s.Conf.All("") {
				if s.Conf.IsSet(p[0]) && !session.IsStatic(p[0]) {
					s.Conf.Unset(p[0])
				}
			}
		} else {
			s.Conf.Unset(x.Key)
		}
		return c.commandResult(empty, send)
	case *sql.SetTimeZone:
		tz := x.Zone
		if x.Local {
			tz = session.LocalTimeZone()
		}
		if x.Interval != nil {
			return sparkerr.Unsupported("SET TIME ZONE INTERVAL")
		}
		if err := session.ValidateSet("spark.sql.session.timeZone", tz); err != nil {
			return err
		}
		s.Conf.Set("spark.sql.session.timeZone", tz)
		return c.commandResult(empty, send)
	case *sql.UseNamespace:
		if err := c.useNamespace(ctx, s, x.Name); err != nil {
			return err
		}
		return c.commandResult(empty, send)
	case *sql.ShowCurrentNamespace:
		return c.commandResult(result{schema: types.Struct{Fields: []types.Field{field("catalog", types.String, false), field("namespace", types.String, false)}},
			rows: [][]any{{"spark_catalog", s.CurrentDatabase()}}}, send)
	case *sql.CreateView:
		if !x.Temporary {
			if err := c.createPersistentView(ctx, s, x); err != nil {
				return err
			}
			return c.commandResult(empty, send)
		}
		return c.createTempView(ctx, s, x, send)
	case *sql.DropView:
		if err := c.dropAnyView(ctx, s, x); err != nil {
			return err
		}
		return c.commandResult(empty, send)
	case *sql.CreateNamespace:
		if err := c.createNamespace(ctx, x); err != nil {
			return err
		}
		return c.commandResult(empty, send)
	case *sql.DropNamespace:
		if err := c.dropNamespace(ctx, s, x); err != nil {
			return err
		}
		return c.commandResult(empty, send)
	case *sql.CreateTable:
		if err := c.createTable(ctx, s, es, x); err != nil {
			return err
		}
		return c.commandResult(empty, send)
	case *sql.DropTable:
		if err := c.dropTable(ctx, s, x); err != nil {
			return err
		}
		return c.commandResult(empty, send)
	case *sql.InsertInto:
		if err := c.insertStatement(ctx, s, es, x); err != nil {
			return err
		}
		return c.commandResult(empty, send)
	case *sql.TruncateTable:
		if err := c.truncate(ctx, s, x.Name, specMap(x.Partition)); err != nil {
			return err
		}
		return c.commandResult(empty, send)
	case *sql.ShowTables:
		r, err := c.showTables(ctx, s, x.Namespace, x.Pattern, false)
		if err != nil {
			return err
		}
		return c.commandResult(r, send)
	case *sql.ShowViews:
		r, err := c.showTables(ctx, s, x.Namespace, x.Pattern, true)
		if err != nil {
			return err
		}
		return c.commandResult(r, send)
	case *sql.ShowNamespaces:
		r, err := c.showNamespaces(ctx, x.Pattern)
		if err != nil {
			return err
		}
		return c.commandResult(r, send)
	case *sql.ShowFunctions:
		r, err := c.showFunctions(ctx, s, x)
		if err != nil {
			return err
		}
		return c.commandResult(r, send)
	case *sql.DescribeFunction:
		r, err := c.describeFunction(ctx, s, x)
		if err != nil {
			return err
		}
		return c.commandResult(r, send)
	case *sql.CreateFunction:
		if err := c.createFunction(ctx, s, x); err != nil {
			return err
		}
		return c.commandResult(empty, send)
	case *sql.DropFunction:
		if err := c.dropFunction(ctx, s, x); err != nil {
			return err
		}
		return c.commandResult(empty, send)
	case *sql.DescribeTable:
		if len(x.Partition) > 0 {
			r, err := c.describePartition(ctx, s, x.Name, specMap(x.Partition), x.Extended)
			if err != nil {
				return err
			}
			return c.commandResult(r, send)
		}
		var r result
		var err error
		if len(x.Column) > 0 {
			r, err = c.describeColumn(ctx, s, x.Name, x.Column, x.Extended)
		} else {
			r, err = c.describeTable(ctx, s, x.Name, x.Extended)
		}
		if err != nil {
			return err
		}
		return c.commandResult(r, send)
	case *sql.DescribeNamespace:
		r, err := c.describeNamespace(ctx, x.Name, x.Extended)
		if err != nil {
			return err
		}
		return c.commandResult(r, send)
	case *sql.ShowColumns:
		r, err := c.showColumns(ctx, s, x.Table, x.Namespace)
		if err != nil {
			return err
		}
		return c.commandResult(r, send)
	case *sql.ShowTblProperties:
		r, err := c.showTblProperties(ctx, s, x.Name, x.Key)
		if err != nil {
			return err
		}
		return c.commandResult(r, send)
	case *sql.ShowPartitions:
		r, err := c.showPartitions(ctx, s, x.Name, false)
		if err != nil {
			return err
		}
		if len(x.Partition) > 0 {
			t, err := c.lookup(ctx, s, x.Name)
			if err != nil {
				return err
			}
			if err := checkPartitionColumns(s, t, []map[string]string{specMap(x.Partition)}); err != nil {
				return err
			}
			r.rows = filterPartitions(r.rows, t.PartitionColumns, specMap(x.Partition))
		}
		return c.commandResult(r, send)
	case *sql.ShowCreateTable:
		r, err := c.showCreateTable(ctx, s, x.Name)
		if err != nil {
			return err
		}
		return c.commandResult(r, send)
	case *sql.CacheTable:
		if x.Query != nil {
			if len(x.Name) > 1 {
				return sparkerr.Newf("TEMP_VIEW_NAME_TOO_MANY_NAME_PARTS", "actualName", sparkerr.QuoteID(x.Name...))
			}
			if _, err := c.resolve(ctx, s, x.Query); err != nil {
				return err
			}
			s.SetTempView(x.Name[0], x.Query, true)
		}
		if err := c.cacheTable(ctx, s, es, x.Name, x.Lazy); err != nil {
			return err
		}
		return c.commandResult(empty, send)
	case *sql.UncacheTable:
		if err := c.uncacheTable(ctx, s, es, x.Name, x.IfExists); err != nil {
			return err
		}
		return c.commandResult(empty, send)
	case *sql.ClearCache:
		c.clearCache(ctx, s, es)
		return c.commandResult(empty, send)
	case *sql.RefreshTable:
		if err := c.refreshTable(ctx, s, x.Name); err != nil {
			return err
		}
		return c.commandResult(empty, send)
	case *sql.RefreshResource:
		c.cache.invalidateAll()
		return c.commandResult(empty, send)
	case *sql.DescribeQuery:
		lp, err := c.resolve(ctx, s, x.Query)
		if err != nil {
			return err
		}
		var rows [][]any
		for _, a := range lp.Output() {
			var cm any
			if v, ok := comment(a.Field()); ok {
				cm = v
			}
			rows = append(rows, []any{a.Name, strings.ToLower(a.Type.SimpleString()), cm})
		}
		return c.commandResult(result{schema: describeSchema(s), rows: rows}, send)
	case *sql.Explain:
		q, ok := x.Stmt.(*sql.QueryStatement)
		if !ok {
			return sparkerr.Unsupported("EXPLAIN of a command")
		}
		lp, err := c.resolve(ctx, s, q.Rel)
		if err != nil {
			return err
		}
		mode := sparkpb.AnalyzePlanRequest_Explain_EXPLAIN_MODE_SIMPLE
		switch x.Mode {
		case "extended":
			mode = sparkpb.AnalyzePlanRequest_Explain_EXPLAIN_MODE_EXTENDED
		case "formatted":
			mode = sparkpb.AnalyzePlanRequest_Explain_EXPLAIN_MODE_FORMATTED
		case "codegen":
			mode = sparkpb.AnalyzePlanRequest_Explain_EXPLAIN_MODE_CODEGEN
		case "cost":
			mode = sparkpb.AnalyzePlanRequest_Explain_EXPLAIN_MODE_COST
		}
		opt, err := c.usePersisted(ctx, s, es, lp, false)
		if err != nil {
			return err
		}
		text, err := c.explain(s, lp, opt, mode)
		if err != nil {
			return err
		}
		return c.commandResult(result{schema: types.Struct{Fields: []types.Field{field("plan", types.String, true)}}, rows: [][]any{{text}}}, send)
	case *sql.ShowTableExtended:
		if len(x.Partition) > 0 {
			r, err := c.showTablePartition(ctx, s, x.Namespace, x.Pattern, specMap(x.Partition))
			if err != nil {
				return err
			}
			return c.commandResult(r, send)
		}
		r, err := c.showTableExtended(ctx, s, x.Namespace, x.Pattern)
		if err != nil {
			return err
		}
		return c.commandResult(r, send)
	}
	if ok, err := c.alter(ctx, s, es, stmt); ok {
		if err != nil {
			return err
		}
		return c.commandResult(empty, send)
	}
	return sparkerr.Unsupported(fmt.Sprintf("the SQL statement %s", strings.TrimPrefix(fmt.Sprintf("%T", stmt), "*sql.")))
}

func (c *Core) createTempView(ctx context.Context, s *session.Session, x *sql.CreateView, send func(*sparkpb.ExecutePlanResponse) error) error {
	var rel plan.Relation = x.Query
	if len(x.Columns) > 0 {
		names := make([]string, len(x.Columns))
		for i, col := range x.Columns {
			names[i] = col.Name
		}
		rel = &plan.ToDF{Input: rel, Names: names}
		var exprs []plan.Expr
		commented := false
		for _, col := range x.Columns {
			a := &plan.Alias{Child: &plan.UnresolvedAttribute{Parts: []string{col.Name}}, Names: []string{col.Name}}
			if col.HasComment {
				a.Metadata = `{"comment":` + jsonString(col.Comment) + `}`
				commented = true
			}
			exprs = append(exprs, a)
		}
		if commented {
			// Column comments travel as field metadata, as in Spark.
			rel = &plan.Project{Input: rel, Exprs: exprs}
		}
	}
	if _, err := c.resolve(ctx, s, rel); err != nil {
		return err
	}
	name := x.Name[len(x.Name)-1]
	if x.Global {
		if !session.Global.Set(name, rel, x.OrReplace) && !x.IfNotExists {
			return sparkerr.Newf("TEMP_TABLE_OR_VIEW_ALREADY_EXISTS", "relationName", sparkerr.QuoteID("global_temp", name))
		}
	} else if len(x.Name) > 1 {
		return sparkerr.Newf("TEMP_VIEW_NAME_TOO_MANY_NAME_PARTS", "actualName", sparkerr.QuoteID(x.Name...))
	} else if !s.SetTempView(name, rel, x.OrReplace) && !x.IfNotExists {
		return sparkerr.Newf("TEMP_TABLE_OR_VIEW_ALREADY_EXISTS", "relationName", sparkerr.QuoteID(name))
	}
	return c.commandResult(result{}, send)
}

// matchPattern filters names with Spark's SHOW pattern syntax ('*' and
// '|', case-insensitive) and sorts them.
func matchPattern(names []string, pattern string) []string {
	out := append([]string{}, names...)
	sort.Strings(out)
	if strings.TrimSpace(pattern) == "" {
		return out
	}
	var res []string
	seen := map[string]bool{}
	for _, sub := range strings.Split(strings.TrimSpace(pattern), "|") {
		re, err := regexp.Compile("(?i)^" + strings.ReplaceAll(regexp.QuoteMeta(strings.TrimSpace(sub)), `\*`, ".*") + "$")
		if err != nil {
			continue
		}
		for _, n := range out {
			if re.MatchString(n) && !seen[n] {
				seen[n] = true
				res = append(res, n)
			}
		}
	}
	sort.Strings(res)
	return res
}
