package executor

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/emberdb/ember/internal/connect"
	"github.com/emberdb/ember/internal/engine/duckdb"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/show"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sparkpb"
	"github.com/emberdb/ember/internal/streaming"
	"github.com/emberdb/ember/internal/types"
)

// streamManagers maps each session (*session.Session) to its
// *streaming.Manager, made when the session starts its first query.
var streamManagers sync.Map

var consoleMu sync.Mutex

// streamHost lets the streaming engine use a session's connection.
type streamHost struct {
	c  *Core
	s  *session.Session
	es *duckdb.Session
}

func (h *streamHost) Lock()   { h.es.Lock() }
func (h *streamHost) Unlock() { h.es.Unlock() }

func (h *streamHost) Stage(ctx context.Context, p logical.Plan, table string, add bool) ([]string, error) {
	p, err := h.c.runPython(ctx, h.s, h.es, p)
	if err != nil {
		return nil, err
	}
	if add {
		return nil, h.c.eng.AppendTemp(ctx, h.es, p, h.s, table)
	}
	return h.c.eng.MaterializeTemp(ctx, h.es, p, h.s, table)
}

func (h *streamHost) CreateTable(ctx context.Context, table string, schema types.Struct) ([]string, error) {
	return h.c.eng.CreateTemp(ctx, h.es, table, schema)
}

func (h *streamHost) Count(ctx context.Context, table string) (int64, error) {
	return h.c.eng.CountTemp(ctx, h.es, table)
}

func (h *streamHost) Drop(ctx context.Context, table string) { _ = h.c.eng.DropTemp(ctx, h.es, table) }

func (h *streamHost) Write(ctx context.Context, sink streaming.Sink, rows plan.Relation) error {
	w := &connect.WriteOperation{Input: rows, Source: sink.Format, Mode: connect.SaveModeAppend,
		PartitionColumns: sink.PartitionBy, Options: sink.Options}
	if sink.Table != "" {
		w.Source, w.Table, w.Method = "", sink.Table, connect.SaveAsTable
		return h.c.writeTable(ctx, h.s, h.es, w)
	}
	w.Path = sink.Path
	return h.c.write(ctx, h.s, h.es, w)
}

func (h *streamHost) Show(ctx context.Context, rows plan.Relation, n, truncate int) (string, error) {
	lp, err := h.c.resolve(ctx, h.s, rows)
	if err != nil {
		return "", err
	}
	recs, err := h.c.collect(ctx, h.s, h.es, &logical.Limit{Input: lp, N: int64(n) + 1})
	if err != nil {
		return "", err
	}
	defer release(recs)
	return show.ShowString(logical.Schema(lp.Output()), recs, showOptions(h.s, n, truncate, false))
}

func (h *streamHost) ObservedMetrics(ctx context.Context, p logical.Plan) (json.RawMessage, error) {
	oms, err := h.c.observedMetrics(ctx, h.s, h.es, p)
	if err != nil {
		return nil, err
	}
	// Each observation is a row with its schema, as Spark's progress
	// JSON writes one: {"values": [...], "schema": {...}}.
	schemas := map[string]types.Struct{}
	var walk func(p logical.Plan)
	walk = func(p logical.Plan) {
		if cm, ok := p.(*logical.CollectMetrics); ok {
			if _, seen := schemas[cm.Name]; !seen {
				attrs := make([]logical.Attr, len(cm.Metrics))
				for i, m := range cm.Metrics {
					attrs[i] = m.Attr
				}
				schemas[cm.Name] = logical.Schema(attrs)
			}
		}
		for _, c := range p.Children() {
			walk(c)
		}
	}
	walk(p)
	var b strings.Builder
	b.WriteString("{")
	for i, om := range oms {
		if i > 0 {
			b.WriteString(",")
		}
		name, _ := json.Marshal(om.GetName())
		b.Write(name)
		vals := make([]any, len(om.GetValues()))
		for j, v := range om.GetValues() {
			vals[j] = literalValue(v)
		}
		vj, err := json.Marshal(vals)
		if err != nil {
			vj = []byte("[]")
		}
		b.WriteString(`:{"values":`)
		b.Write(vj)
		b.WriteString(`,"schema":` + types.ToJSON(schemas[om.GetName()]) + "}")
	}
	b.WriteString("}")
	return json.RawMessage(b.String()), nil
}

// literalValue is a metric value as progress JSON shows it.
func literalValue(l *sparkpb.Expression_Literal) any {
	switch v := l.GetLiteralType().(type) {
	case *sparkpb.Expression_Literal_Null:
		return nil
	case *sparkpb.Expression_Literal_Boolean:
		return v.Boolean
	case *sparkpb.Expression_Literal_Byte:
		return v.Byte
	case *sparkpb.Expression_Literal_Short:
		return v.Short
	case *sparkpb.Expression_Literal_Integer:
		return v.Integer
	case *sparkpb.Expression_Literal_Long:
		return v.Long
	case *sparkpb.Expression_Literal_Float:
		return v.Float
	case *sparkpb.Expression_Literal_Double:
		return v.Double
	case *sparkpb.Expression_Literal_String_:
		return v.String_
	case *sparkpb.Expression_Literal_Decimal_:
		return v.Decimal.GetValue()
	}
	return fmt.Sprint(l.GetLiteralType())
}

func (h *streamHost) EventStats(ctx context.Context, table, column string) (min, max, avg int64, ok bool, err error) {
	return h.c.eng.EventStatsTemp(ctx, h.es, table, column)
}

func (h *streamHost) Prune(ctx context.Context, table, column string, us int64) error {
	return h.c.eng.PruneTemp(ctx, h.es, table, column, us)
}

func (h *streamHost) TableScan(ctx context.Context, db, table string) (*logical.TableScan, error) {
	lp, err := h.c.resolve(ctx, h.s, &plan.ReadTable{Name: []string{"spark_catalog", db, table}})
	if err != nil {
		return nil, err
	}
	var found *logical.TableScan
	var walk func(p logical.Plan)
	walk = func(p logical.Plan) {
		if ts, ok := p.(*logical.TableScan); ok && found == nil {
			found = ts
		}
		for _, c := range p.Children() {
			walk(c)
		}
	}
	walk(lp)
	if found == nil {
		return nil, sparkerr.Unsupported("streaming from " + db + "." + table + " (not a file-based table)")
	}
	return found, nil
}

func (h *streamHost) SetView(name string, rel plan.Relation) { h.s.SetTempView(name, rel, true) }

func (h *streamHost) Print(text string) {
	consoleMu.Lock()
	defer consoleMu.Unlock()
	os.Stdout.WriteString(text)
}

// streams is the session's query manager (made on first use).
func (c *Core) streams(s *session.Session, es *duckdb.Session) *streaming.Manager {
	if m, ok := streamManagers.Load(s); ok {
		return m.(*streaming.Manager)
	}
	m, _ := streamManagers.LoadOrStore(s, streaming.NewManager(&streamHost{c: c, s: s, es: es}))
	return m.(*streaming.Manager)
}

// closeStreams stops the session's queries (session close / release).
func (c *Core) closeStreams(s *session.Session) {
	if m, ok := streamManagers.LoadAndDelete(s); ok {
		m.(*streaming.Manager).Close()
	}
}

// isStreamingCommand reports whether a command is answered by the query
// manager without the session lock (they wait on queries, whose batches
// take that lock).
func isStreamingCommand(cmd *sparkpb.Command) bool {
	switch cmd.GetCommandType().(type) {
	case *sparkpb.Command_StreamingQueryCommand, *sparkpb.Command_StreamingQueryManagerCommand,
		*sparkpb.Command_StreamingQueryListenerBusCommand:
		return true
	}
	return false
}

// writeStreamStart is df.writeStream...start(): the query is analyzed and
// checked now, then runs in the background.
func (c *Core) writeStreamStart(ctx context.Context, s *session.Session, es *duckdb.Session, x *connect.WriteStreamStart, send func(*sparkpb.ExecutePlanResponse) error) error {
	if x.Foreach || x.ForeachBatch {
		what := "foreach"
		if x.ForeachBatch {
			what = "foreachBatch"
		}
		return sparkerr.Unsupported("the " + what + " streaming sink (it runs Python functions on the server)")
	}
	lp, err := c.resolve(ctx, s, x.Input)
	if err != nil {
		return err
	}
	opts := lowerKeys(x.Options)
	spec := streaming.Spec{Plan: lp, Name: x.QueryName, Sink: streaming.Sink{Options: opts, PartitionBy: x.PartitionBy}, Spark35: spark35(s)}
	if spec.Mode, err = streaming.ParseOutputMode(x.OutputMode, spec.Spark35); err != nil {
		return err
	}
	switch x.Trigger {
	case connect.TriggerProcessingTime:
		d, err := streaming.ParseInterval(x.Interval)
		if err != nil {
			return err
		}
		spec.Trigger = streaming.Trigger{Kind: streaming.TriggerProcessingTime, Interval: d}
	case connect.TriggerOnce:
		spec.Trigger.Kind = streaming.TriggerOnce
	case connect.TriggerAvailableNow:
		spec.Trigger.Kind = streaming.TriggerAvailableNow
	case connect.TriggerContinuous, connect.TriggerRealTime:
		src := "unknown"
		if ss := firstStreamSource(lp); ss != nil {
			src = ss.Format
		}
		mode := "continuous"
		if x.Trigger == connect.TriggerRealTime {
			mode = "real-time"
		}
		return &sparkerr.Error{Class: "_LEGACY_ERROR_TEMP_2253", JavaClass: sparkerr.UnsupportedOperation,
			Params: map[string]string{"sourceName": src},
			Text:   "Data source " + src + " does not support " + mode + " processing."}
	}
	if err := c.streamSink(s, x, &spec.Sink); err != nil {
		return err
	}
	if spec.Sink.Format == "memory" && spec.Name == "" {
		return legacyAnalysis("_LEGACY_ERROR_TEMP_1194", "queryName must be specified for memory sink.")
	}
	q, started, err := c.streams(s, es).Start(ctx, spec)
	if err != nil {
		return err
	}
	res := &sparkpb.WriteStreamOperationStartResult{
		QueryId: &sparkpb.StreamingQueryInstanceId{Id: q.ID, RunId: q.RunID}, Name: q.Name}
	if !spark35(s) {
		res.QueryStartedEventJson = &started
	}
	return send(&sparkpb.ExecutePlanResponse{ResponseType: &sparkpb.ExecutePlanResponse_WriteStreamOperationStartResult{
		WriteStreamOperationStartResult: res}})
}

// streamSink checks the sink and fills in its format and destination.
func (c *Core) streamSink(s *session.Session, x *connect.WriteStreamStart, sk *streaming.Sink) error {
	format := strings.ToLower(x.Format)
	if x.Table != "" {
		sk.Format, sk.Table = "table", x.Table
		return nil
	}
	if format == "" {
		format = strings.ToLower(s.Conf.GetOr("spark.sql.sources.default", "parquet"))
	}
	sk.Format = format
	switch format {
	case "memory", "console", "noop":
		return nil
	case "parquet", "json", "csv", "text", "orc":
		if format == "orc" {
			return sparkerr.Unsupported("the orc data source")
		}
		path := x.Path
		if path == "" {
			path = sk.Options["path"]
		}
		if path == "" {
			return sparkerr.Unclassified(sparkerr.IllegalArgument, "'path' is not specified")
		}
		if sk.Options["checkpointlocation"] == "" && s.Conf.GetOr("spark.sql.streaming.checkpointLocation", "") == "" {
			e := legacyAnalysis("_LEGACY_ERROR_TEMP_1298", `checkpointLocation must be specified either through option("checkpointLocation", ...) or SparkSession.conf.set("spark.sql.streaming.checkpointLocation", ...).`)
			e.Params["config"] = "spark.sql.streaming.checkpointLocation"
			return e
		}
		sk.Path = strings.TrimPrefix(strings.TrimPrefix(path, "file://"), "file:")
		return nil
	case "kafka":
		e := legacyAnalysis("_LEGACY_ERROR_TEMP_1140", "Failed to find data source: kafka. Please deploy the application as per the deployment section of Structured Streaming + Kafka Integration Guide.")
		e.Params["provider"] = "kafka"
		return e
	case "socket":
		if sk.Options["host"] == "" {
			return legacyAnalysis("_LEGACY_ERROR_TEMP_1295", `Set a host to read from with option("host", ...).`)
		}
		if sk.Options["port"] == "" {
			return legacyAnalysis("_LEGACY_ERROR_TEMP_1296", `Set a port to read from with option("port", ...).`)
		}
		return sparkerr.Unsupported("the socket streaming sink")
	case "foreach", "foreachbatch":
		return sparkerr.Unsupported("the " + format + " streaming sink (it runs Python functions on the server)")
	}
	return sparkerr.Newf("DATA_SOURCE_NOT_FOUND", "provider", x.Format).WithJava("org.apache.spark.SparkClassNotFoundException")
}

func legacyAnalysis(class, msg string) *sparkerr.Error {
	return &sparkerr.Error{Class: class, JavaClass: sparkerr.AnalysisException, Params: map[string]string{}, Text: msg}
}

func firstStreamSource(p logical.Plan) *logical.StreamSource {
	if s, ok := p.(*logical.StreamSource); ok {
		return s
	}
	for _, ch := range p.Children() {
		if s := firstStreamSource(ch); s != nil {
			return s
		}
	}
	return nil
}

// streamingCommand answers StreamingQueryCommand,
// StreamingQueryManagerCommand and StreamingQueryListenerBusCommand.
// It runs without the session lock.
func (c *Core) streamingCommand(ctx context.Context, s *session.Session, cmd *sparkpb.Command, send func(*sparkpb.ExecutePlanResponse) error) error {
	es, err := engineSession(s)
	if err != nil {
		return err
	}
	m := c.streams(s, es)
	switch k := cmd.GetCommandType().(type) {
	case *sparkpb.Command_StreamingQueryCommand:
		res, err := c.queryCommand(ctx, s, m, k.StreamingQueryCommand)
		if err != nil {
			return err
		}
		return send(&sparkpb.ExecutePlanResponse{ResponseType: &sparkpb.ExecutePlanResponse_StreamingQueryCommandResult{StreamingQueryCommandResult: res}})
	case *sparkpb.Command_StreamingQueryManagerCommand:
		res, err := managerCommand(ctx, m, k.StreamingQueryManagerCommand)
		if err != nil {
			return err
		}
		return send(&sparkpb.ExecutePlanResponse{ResponseType: &sparkpb.ExecutePlanResponse_StreamingQueryManagerCommandResult{StreamingQueryManagerCommandResult: res}})
	case *sparkpb.Command_StreamingQueryListenerBusCommand:
		return listenerBus(ctx, m, k.StreamingQueryListenerBusCommand, send)
	}
	return sparkerr.Unsupported("streaming command")
}

func (c *Core) queryCommand(ctx context.Context, s *session.Session, m *streaming.Manager, x *sparkpb.StreamingQueryCommand) (*sparkpb.StreamingQueryCommandResult, error) {
	id := x.GetQueryId()
	q := m.Lookup(id.GetId(), id.GetRunId())
	if q == nil {
		return nil, sparkerr.Unclassified(sparkerr.IllegalArgument, "Streaming query "+id.GetId()+" (run "+id.GetRunId()+") is not found in this session.")
	}
	res := &sparkpb.StreamingQueryCommandResult{QueryId: id}
	switch k := x.GetCommand().(type) {
	case *sparkpb.StreamingQueryCommand_Status:
		msg, data, trig, active := q.Status()
		res.ResultType = &sparkpb.StreamingQueryCommandResult_Status{Status: &sparkpb.StreamingQueryCommandResult_StatusResult{
			StatusMessage: msg, IsDataAvailable: data, IsTriggerActive: trig, IsActive: active}}
	case *sparkpb.StreamingQueryCommand_LastProgress, *sparkpb.StreamingQueryCommand_RecentProgress:
		ps := q.Progress()
		if _, last := k.(*sparkpb.StreamingQueryCommand_LastProgress); last && len(ps) > 1 {
			ps = ps[len(ps)-1:]
		}
		res.ResultType = &sparkpb.StreamingQueryCommandResult_RecentProgress{RecentProgress: &sparkpb.StreamingQueryCommandResult_RecentProgressResult{RecentProgressJson: ps}}
	case *sparkpb.StreamingQueryCommand_Stop:
		q.Stop()
	case *sparkpb.StreamingQueryCommand_ProcessAllAvailable:
		if err := q.ProcessAllAvailable(ctx); err != nil {
			return nil, err
		}
	case *sparkpb.StreamingQueryCommand_Explain:
		text := c.streamExplain(s, q.Plan(), k.Explain.GetExtended())
		res.ResultType = &sparkpb.StreamingQueryCommandResult_Explain{Explain: &sparkpb.StreamingQueryCommandResult_ExplainResult{Result: text}}
	case *sparkpb.StreamingQueryCommand_Exception:
		er := &sparkpb.StreamingQueryCommandResult_ExceptionResult{}
		if text, class, ok := q.ExceptionText(); ok {
			er.ExceptionMessage, er.ErrorClass = &text, &class
		}
		res.ResultType = &sparkpb.StreamingQueryCommandResult_Exception{Exception: er}
	case *sparkpb.StreamingQueryCommand_AwaitTermination:
		var timeout time.Duration
		if k.AwaitTermination.TimeoutMs != nil {
			timeout = time.Duration(k.AwaitTermination.GetTimeoutMs()) * time.Millisecond
		}
		done, err := q.AwaitTermination(ctx, timeout)
		if err != nil {
			return nil, err
		}
		res.ResultType = &sparkpb.StreamingQueryCommandResult_AwaitTermination{AwaitTermination: &sparkpb.StreamingQueryCommandResult_AwaitTerminationResult{Terminated: done}}
	default:
		return nil, sparkerr.Unsupported("streaming query command " + strings.TrimPrefix(typeName(k), "*sparkpb.StreamingQueryCommand_"))
	}
	return res, nil
}

// streamExplain renders a running query's plan: the analyzed plan, its
// streaming relations read by each micro-batch, under the micro-batch
// write (the shape of Spark's explain of a streaming query).
func (c *Core) streamExplain(s *session.Session, lp logical.Plan, extended bool) string {
	var t strings.Builder
	printPlan(&t, lp, 0, func(id int64) string { return fmt.Sprint(id) })
	tree := strings.TrimSuffix(t.String(), "\n")
	lines := strings.Split(tree, "\n")
	for i, l := range lines {
		if i == 0 {
			lines[i] = "+- " + l
		} else {
			lines[i] = "   " + l
		}
	}
	phys := "WriteToDataSourceV2 MicroBatchWrite\n" + strings.Join(lines, "\n") + "\n"
	if !extended {
		return "== Physical Plan ==\n" + phys
	}
	var b strings.Builder
	b.WriteString("== Parsed Logical Plan ==\n" + tree + "\n\n")
	b.WriteString("== Analyzed Logical Plan ==\n")
	if len(lp.Output()) > 0 {
		b.WriteString(TreeFields(lp.Output()) + "\n")
	}
	b.WriteString(tree + "\n\n")
	b.WriteString("== Optimized Logical Plan ==\n" + tree + "\n\n")
	b.WriteString("== Physical Plan ==\n" + phys)
	return b.String()
}

func managerCommand(ctx context.Context, m *streaming.Manager, x *sparkpb.StreamingQueryManagerCommand) (*sparkpb.StreamingQueryManagerCommandResult, error) {
	instance := func(q *streaming.Query) *sparkpb.StreamingQueryManagerCommandResult_StreamingQueryInstance {
		in := &sparkpb.StreamingQueryManagerCommandResult_StreamingQueryInstance{Id: &sparkpb.StreamingQueryInstanceId{Id: q.ID, RunId: q.RunID}}
		if q.Name != "" {
			name := q.Name
			in.Name = &name
		}
		return in
	}
	res := &sparkpb.StreamingQueryManagerCommandResult{}
	switch k := x.GetCommand().(type) {
	case *sparkpb.StreamingQueryManagerCommand_Active:
		ar := &sparkpb.StreamingQueryManagerCommandResult_ActiveResult{}
		for _, q := range m.Active() {
			ar.ActiveQueries = append(ar.ActiveQueries, instance(q))
		}
		res.ResultType = &sparkpb.StreamingQueryManagerCommandResult_Active{Active: ar}
	case *sparkpb.StreamingQueryManagerCommand_GetQuery:
		if q := m.Get(k.GetQuery); q != nil {
			res.ResultType = &sparkpb.StreamingQueryManagerCommandResult_Query{Query: instance(q)}
		}
	case *sparkpb.StreamingQueryManagerCommand_AwaitAnyTermination:
		var timeout time.Duration
		if k.AwaitAnyTermination.TimeoutMs != nil {
			timeout = time.Duration(k.AwaitAnyTermination.GetTimeoutMs()) * time.Millisecond
		}
		done, err := m.AwaitAnyTermination(ctx, timeout)
		if err != nil {
			return nil, err
		}
		res.ResultType = &sparkpb.StreamingQueryManagerCommandResult_AwaitAnyTermination{AwaitAnyTermination: &sparkpb.StreamingQueryManagerCommandResult_AwaitAnyTerminationResult{Terminated: done}}
	case *sparkpb.StreamingQueryManagerCommand_ResetTerminated:
		m.ResetTerminated()
		res.ResultType = &sparkpb.StreamingQueryManagerCommandResult_ResetTerminated{ResetTerminated: true}
	case *sparkpb.StreamingQueryManagerCommand_ListListeners:
		res.ResultType = &sparkpb.StreamingQueryManagerCommandResult_ListListeners{ListListeners: &sparkpb.StreamingQueryManagerCommandResult_ListStreamingQueryListenerResult{}}
	case *sparkpb.StreamingQueryManagerCommand_AddListener, *sparkpb.StreamingQueryManagerCommand_RemoveListener:
		return nil, sparkerr.Unsupported("server-side streaming query listeners (they run Python on the server)")
	default:
		return nil, sparkerr.Unsupported("streaming query manager command " + typeName(k))
	}
	return res, nil
}

// listenerBus serves a 4.x client's listener bus: add_listener_bus_listener
// streams events until the client removes its bus or goes away.
func listenerBus(ctx context.Context, m *streaming.Manager, x *sparkpb.StreamingQueryListenerBusCommand, send func(*sparkpb.ExecutePlanResponse) error) error {
	if x.GetRemoveListenerBusListener() {
		m.Unsubscribe()
		return nil
	}
	if !x.GetAddListenerBusListener() {
		return sparkerr.Unsupported("streaming listener bus command")
	}
	bus := m.Subscribe()
	defer m.Remove(bus)
	added := true
	if err := send(&sparkpb.ExecutePlanResponse{ResponseType: &sparkpb.ExecutePlanResponse_StreamingQueryListenerEventsResult{
		StreamingQueryListenerEventsResult: &sparkpb.StreamingQueryListenerEventsResult{ListenerBusListenerAdded: &added}}}); err != nil {
		return err
	}
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case ev, ok := <-bus.C:
			if !ok {
				return nil
			}
			pe := &sparkpb.StreamingQueryListenerEvent{EventJson: ev.JSON, EventType: sparkpb.StreamingQueryEventType(ev.Type)}
			if err := send(&sparkpb.ExecutePlanResponse{ResponseType: &sparkpb.ExecutePlanResponse_StreamingQueryListenerEventsResult{
				StreamingQueryListenerEventsResult: &sparkpb.StreamingQueryListenerEventsResult{Events: []*sparkpb.StreamingQueryListenerEvent{pe}}}}); err != nil {
				return err
			}
			bus.Sent()
		}
	}
}

func typeName(v any) string { return fmt.Sprintf("%T", v) }
