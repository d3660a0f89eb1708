package executor

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/emberdb/ember/internal/connect"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sparkpb"
	"github.com/emberdb/ember/internal/sql"
	"github.com/emberdb/ember/internal/types"
)

// Analyze answers AnalyzePlan requests from the analyzer alone; nothing
// is executed.
func (c *Core) Analyze(ctx context.Context, s *session.Session, req *sparkpb.AnalyzePlanRequest) (*sparkpb.AnalyzePlanResponse, error) {
	es, err := engineSession(s)
	if err != nil {
		return nil, err
	}
	es.Lock()
	defer es.Unlock()
	resolve := func(p *sparkpb.Plan) (logical.Plan, error) {
		root := p.GetRoot()
		if root == nil {
			return nil, sparkerr.Newf("CONNECT.INVALID_PLAN", "msg", "AnalyzePlan needs a plan with a root relation.")
		}
		if ct := root.GetCatalog().GetCreateTable(); ct != nil {
			// spark.catalog.createTable's DataFrame is the created table.
			name, err := sql.ParseMultipartIdentifier(ct.GetTableName())
			if err != nil {
				return nil, err
			}
			return c.resolve(ctx, s, tableRead(name))
		}
		rel, err := connect.Relation(root, sql.Spark35(spark35(s)))
		if err != nil {
			return nil, err
		}
		switch x := rel.(type) {
		case *plan.ShowString:
			return oneString("show_string"), nil
		case *plan.HTMLString:
			return oneString("html_string"), nil
		case *plan.Tail:
			rel = x.Input
		}
		return c.resolve(ctx, s, rel)
	}
	resp := &sparkpb.AnalyzePlanResponse{}
	switch a := req.GetAnalyze().(type) {
	case *sparkpb.AnalyzePlanRequest_Schema_:
		lp, err := resolve(a.Schema.GetPlan())
		if err != nil {
			return nil, err
		}
		resp.Result = &sparkpb.AnalyzePlanResponse_Schema_{Schema: &sparkpb.AnalyzePlanResponse_Schema{Schema: types.SchemaToProto(logical.Schema(lp.Output()))}}
	case *sparkpb.AnalyzePlanRequest_TreeString_:
		lp, err := resolve(a.TreeString.GetPlan())
		if err != nil {
			return nil, err
		}
		level := int(a.TreeString.GetLevel())
		resp.Result = &sparkpb.AnalyzePlanResponse_TreeString_{TreeString: &sparkpb.AnalyzePlanResponse_TreeString{TreeString: TreeString(logical.Schema(lp.Output()), level)}}
	case *sparkpb.AnalyzePlanRequest_Explain_:
		lp, err := resolve(a.Explain.GetPlan())
		if err != nil {
			return nil, err
		}
		opt, err := c.usePersisted(ctx, s, es, lp, false)
		if err != nil {
			return nil, err
		}
		text, err := c.explain(s, lp, opt, a.Explain.GetExplainMode())
		if err != nil {
			return nil, err
		}
		resp.Result = &sparkpb.AnalyzePlanResponse_Explain_{Explain: &sparkpb.AnalyzePlanResponse_Explain{ExplainString: text}}
	case *sparkpb.AnalyzePlanRequest_IsLocal_:
		lp, err := resolve(a.IsLocal.GetPlan())
		if err != nil {
			return nil, err
		}
		resp.Result = &sparkpb.AnalyzePlanResponse_IsLocal_{IsLocal: &sparkpb.AnalyzePlanResponse_IsLocal{IsLocal: isLocal(lp)}}
	case *sparkpb.AnalyzePlanRequest_IsStreaming_:
		lp, err := resolve(a.IsStreaming.GetPlan())
		if err != nil {
			return nil, err
		}
		resp.Result = &sparkpb.AnalyzePlanResponse_IsStreaming_{IsStreaming: &sparkpb.AnalyzePlanResponse_IsStreaming{IsStreaming: logical.IsStreaming(lp)}}
	case *sparkpb.AnalyzePlanRequest_InputFiles_:
		lp, err := resolve(a.InputFiles.GetPlan())
		if err != nil {
			return nil, err
		}
		resp.Result = &sparkpb.AnalyzePlanResponse_InputFiles_{InputFiles: &sparkpb.AnalyzePlanResponse_InputFiles{Files: inputFiles(lp)}}
	case *sparkpb.AnalyzePlanRequest_SparkVersion_:
		resp.Result = &sparkpb.AnalyzePlanResponse_SparkVersion_{SparkVersion: &sparkpb.AnalyzePlanResponse_SparkVersion{Version: SparkVersion(s.ClientType)}}
	case *sparkpb.AnalyzePlanRequest_DdlParse:
		t, err := parseDDL(a.DdlParse.GetDdlString())
		if err != nil {
			return nil, err
		}
		resp.Result = &sparkpb.AnalyzePlanResponse_DdlParse{DdlParse: &sparkpb.AnalyzePlanResponse_DDLParse{Parsed: types.ToProto(t)}}
	case *sparkpb.AnalyzePlanRequest_JsonToDdl:
		t, err := types.ParseJSON(a.JsonToDdl.GetJsonString())
		if err != nil {
			return nil, err
		}
		st, ok := t.(types.Struct)
		if !ok {
			return nil, sparkerr.Newf("INVALID_PARAMETER_VALUE", "parameter", "`json`", "functionName", "`json_to_ddl`", "message", "the schema is not a struct")
		}
		resp.Result = &sparkpb.AnalyzePlanResponse_JsonToDdl{JsonToDdl: &sparkpb.AnalyzePlanResponse_JsonToDDL{DdlString: ToDDL(st)}}
	case *sparkpb.AnalyzePlanRequest_SameSemantics_:
		l, err := resolve(a.SameSemantics.GetTargetPlan())
		if err != nil {
			return nil, err
		}
		r, err := resolve(a.SameSemantics.GetOtherPlan())
		if err != nil {
			return nil, err
		}
		resp.Result = &sparkpb.AnalyzePlanResponse_SameSemantics_{SameSemantics: &sparkpb.AnalyzePlanResponse_SameSemantics{Result: canonical(l) == canonical(r)}}
	case *sparkpb.AnalyzePlanRequest_SemanticHash_:
		lp, err := resolve(a.SemanticHash.GetPlan())
		if err != nil {
			return nil, err
		}
		h := sha256.Sum256([]byte(canonical(lp)))
		resp.Result = &sparkpb.AnalyzePlanResponse_SemanticHash_{SemanticHash: &sparkpb.AnalyzePlanResponse_SemanticHash{Result: int32(binary.BigEndian.Uint32(h[:4]))}}
	case *sparkpb.AnalyzePlanRequest_Persist_:
		lp, err := resolve(&sparkpb.Plan{OpType: &sparkpb.Plan_Root{Root: a.Persist.GetRelation()}})
		if err != nil {
			return nil, err
		}
		lvl := a.Persist.GetStorageLevel()
		if lvl == nil {
			lvl = defaultStorageLevel()
		}
		c.persist.persist(s, lp, lvl)
		resp.Result = &sparkpb.AnalyzePlanResponse_Persist_{Persist: &sparkpb.AnalyzePlanResponse_Persist{}}
	case *sparkpb.AnalyzePlanRequest_Unpersist_:
		lp, err := resolve(&sparkpb.Plan{OpType: &sparkpb.Plan_Root{Root: a.Unpersist.GetRelation()}})
		if err != nil {
			return nil, err
		}
		c.unpersist(ctx, s, es, lp)
		resp.Result = &sparkpb.AnalyzePlanResponse_Unpersist_{Unpersist: &sparkpb.AnalyzePlanResponse_Unpersist{}}
	case *sparkpb.AnalyzePlanRequest_GetStorageLevel_:
		lp, err := resolve(&sparkpb.Plan{OpType: &sparkpb.Plan_Root{Root: a.GetStorageLevel.GetRelation()}})
		if err != nil {
			return nil, err
		}
		lvl := c.persist.level(s, lp)
		if lvl == nil {
			lvl = &sparkpb.StorageLevel{Replication: 1}
		}
		resp.Result = &sparkpb.AnalyzePlanResponse_GetStorageLevel_{GetStorageLevel: &sparkpb.AnalyzePlanResponse_GetStorageLevel{StorageLevel: lvl}}
	default:
		return nil, sparkerr.Unsupported(fmt.Sprintf("AnalyzePlan %T", req.GetAnalyze()))
	}
	return resp, nil
}

func oneString(name string) logical.Plan {
	return &logical.Values{Attrs: []logical.Attr{{ID: logical.NewID(), Name: name, Type: types.String, Nullable: true}}}
}

// SparkVersion is the Spark version Ember reports to a client: the
// client's own version, so version-gated client code paths match.
func SparkVersion(clientType string) string {
	for _, f := range strings.Fields(clientType) {
		if v, ok := strings.CutPrefix(f, "spark/"); ok && v != "" {
			return v
		}
	}
	return "4.2.0"
}

// parseDDL is DDL_PARSE: Spark's parseDatatypeString (table schema, data
// type, then the fields of a struct).
func parseDDL(s string) (types.DataType, error) {
	return sql.ParseDatatypeString(s)
}

func isLocal(p logical.Plan) bool {
	switch x := p.(type) {
	case *logical.LocalTable, *logical.Values, *logical.OneRow:
		return true
	case *logical.Project, *logical.Filter, *logical.Limit, *logical.Alias:
		return isLocal(x.Children()[0])
	}
	return false
}

func inputFiles(p logical.Plan) []string {
	var out []string
	var walk func(logical.Plan)
	walk = func(p logical.Plan) {
		switch fs := p.(type) {
		case *logical.FileScan:
			out = append(out, fs.Paths...)
		case *logical.TableScan:
			for _, f := range fs.Files {
				out = append(out, "file://"+f)
			}
			for _, l := range fs.Located {
				for _, f := range l.Files {
					out = append(out, "file://"+f)
				}
			}
		}
		for _, c := range p.Children() {
			walk(c)
		}
	}
	walk(p)
	return out
}

// canonical prints a plan with attribute ids renumbered in order of first
// appearance and alias names erased, so equal computations print equally
// (Spark's sameSemantics ignores what a computed column is called).
func canonical(p logical.Plan) string {
	ids := map[int64]int{}
	norm := func(s string) string { return s }
	var b strings.Builder
	printPlanWith(&b, p, 0, func(id int64) string {
		n, ok := ids[id]
		if !ok {
			n = len(ids)
			ids[id] = n
		}
		return fmt.Sprint(n)
	}, func(string) string { return "" })
	return norm(b.String())
}

// printPlan renders a logical plan tree, Spark style.
func printPlan(b *strings.Builder, p logical.Plan, depth int, id func(int64) string) {
	printPlanWith(b, p, depth, id, func(name string) string { return name })
}

// printPlanWith is printPlan with alias names passed through aliasName
// (canonical erases them, as Spark's canonical plans do).
func printPlanWith(b *strings.Builder, p logical.Plan, depth int, id func(int64) string, aliasName func(string) string) {
	if depth > 0 {
		b.WriteString(strings.Repeat("   ", depth-1) + "+- ")
	}
	attrs := func(as []logical.Attr) string {
		parts := make([]string, len(as))
		for i, a := range as {
			parts[i] = a.Name + "#" + id(a.ID)
		}
		return "[" + strings.Join(parts, ",") + "]"
	}
	named := func(ns []logical.Named) string {
		parts := make([]string, len(ns))
		for i, n := range ns {
			if r, ok := n.Expr.(*logical.ColRef); ok && r.Attr.ID == n.Attr.ID {
				parts[i] = n.Attr.Name + "#" + id(n.Attr.ID)
			} else {
				parts[i] = n.Expr.SQL() + " AS " + aliasName(n.Attr.Name) + "#" + id(n.Attr.ID)
			}
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	switch x := p.(type) {
	case *logical.LocalTable:
		if x.Cached != "" {
			b.WriteString("InMemoryRelation " + attrs(x.Attrs) + ", " + x.Cached)
			break
		}
		b.WriteString("LocalRelation " + attrs(x.Attrs))
	case *logical.Range:
		fmt.Fprintf(b, "Range (%d, %d, step=%d)", x.Start, x.End, x.Step)
	case *logical.StreamSource:
		b.WriteString("StreamingRelation " + x.Format + ", " + attrs(x.Attrs))
	case *logical.FileScan:
		b.WriteString("Relation " + x.Format + " " + attrs(x.Attrs) + " " + strings.Join(x.Paths, ","))
	case *logical.TableScan:
		b.WriteString("Relation " + x.Table + "[" + strings.Trim(attrs(x.Attrs), "[]") + "] " + x.Format)
	case *logical.Project:
		b.WriteString("Project " + named(x.Exprs))
	case *logical.Filter:
		b.WriteString("Filter " + x.Cond.SQL())
	case *logical.Sort:
		ks := sortKeyTexts(x.Keys)
		b.WriteString("Sort [" + strings.Join(ks, ", ") + "], true")
	case *logical.Limit:
		fmt.Fprintf(b, "GlobalLimit %d", x.N)
	case *logical.Offset:
		fmt.Fprintf(b, "Offset %d", x.N)
	case *logical.Aggregate:
		gs := make([]string, len(x.Groups))
		for i, g := range x.Groups {
			gs[i] = g.SQL()
		}
		b.WriteString("Aggregate [" + strings.Join(gs, ", ") + "], " + named(x.Aggs))
	case *logical.Join:
		cond := ""
		if x.Cond != nil {
			cond = ", " + x.Cond.SQL()
		}
		fmt.Fprintf(b, "Join %s%s", []string{"Inner", "LeftOuter", "RightOuter", "FullOuter", "LeftSemi", "LeftAnti", "Cross"}[x.Type], cond)
	case *logical.SetOp:
		fmt.Fprintf(b, "%s all=%v", []string{"Union", "Intersect", "Except"}[x.Kind], x.All)
	case *logical.Distinct:
		b.WriteString("Deduplicate")
	case *logical.Alias:
		b.WriteString("SubqueryAlias " + attrs(x.Out))
	case *logical.Values:
		b.WriteString("LocalRelation " + attrs(x.Attrs))
	case *logical.OneRow:
		b.WriteString("OneRowRelation")
	case *logical.CollectMetrics:
		b.WriteString("CollectMetrics " + x.Name + ", " + named(x.Metrics))
	case *logical.Sample:
		fmt.Fprintf(b, "Sample %g, %g", x.Lower, x.Upper)
	case *logical.Repartition:
		b.WriteString(repartitionString(x))
	default:
		fmt.Fprintf(b, "%T", p)
	}
	b.WriteString("\n")
	for _, c := range p.Children() {
		printPlanWith(b, c, depth+1, id, aliasName)
	}
}

// TreeFields is the "name: type" summary line of explain output.
func TreeFields(as []logical.Attr) string {
	parts := make([]string, len(as))
	for i, a := range as {
		parts[i] = a.Name + ": " + a.Type.SimpleString()
	}
	return strings.Join(parts, ", ")
}

// TreeString renders a schema like Spark's StructType.treeString.
func TreeString(st types.Struct, level int) string {
	var b strings.Builder
	b.WriteString("root\n")
	treeFields(&b, st, " |", 1, level)
	return b.String()
}

func treeFields(b *strings.Builder, st types.Struct, prefix string, depth, level int) {
	if level > 0 && depth > level {
		return
	}
	for _, f := range st.Fields {
		fmt.Fprintf(b, "%s-- %s: %s (nullable = %v)\n", prefix, f.Name, types.JSONName(f.Type), f.Nullable)
		treeType(b, f.Type, prefix+"    |", depth+1, level)
	}
}

func treeType(b *strings.Builder, t types.DataType, prefix string, depth, level int) {
	if level > 0 && depth > level {
		return
	}
	switch x := t.(type) {
	case types.Struct:
		treeFields(b, x, prefix, depth, level)
	case types.Array:
		fmt.Fprintf(b, "%s-- element: %s (containsNull = %v)\n", prefix, types.JSONName(x.Elem), x.ContainsNull)
		treeType(b, x.Elem, prefix+"    |", depth+1, level)
	case types.Map:
		fmt.Fprintf(b, "%s-- key: %s\n", prefix, types.JSONName(x.Key))
		treeType(b, x.Key, prefix+"    |", depth+1, level)
		fmt.Fprintf(b, "%s-- value: %s (valueContainsNull = %v)\n", prefix, types.JSONName(x.Value), x.ValueContainsNull)
		treeType(b, x.Value, prefix+"    |", depth+1, level)
	}
}

// ToDDL renders a schema as a DDL string ("a INT, b STRING").
func ToDDL(st types.Struct) string {
	parts := make([]string, len(st.Fields))
	for i, f := range st.Fields {
		s := sparkerr.QuoteID(f.Name) + " " + strings.ToUpper(f.Type.SimpleString())
		if !f.Nullable {
			s += " NOT NULL"
		}
		parts[i] = s
	}
	return strings.Join(parts, ",")
}

// repartitionString is Spark's explain line of a repartition node.
func repartitionString(x *logical.Repartition) string {
	n := fmt.Sprint(x.N)
	if x.N == 0 {
		n = "None"
	}
	switch x.Kind {
	case logical.Coalesce:
		return "Repartition " + n + ", false"
	case logical.RoundRobin:
		return "Repartition " + n + ", true"
	case logical.RangePartition:
		ks := sortKeyTexts(x.Orders)
		return "RepartitionByExpression [" + strings.Join(ks, ", ") + "], " + n
	}
	ks := make([]string, len(x.Keys))
	for i, k := range x.Keys {
		ks[i] = k.SQL()
	}
	return "RepartitionByExpression [" + strings.Join(ks, ", ") + "], " + n
}

// sortKeyTexts renders sort keys as Spark's plans print them.
func sortKeyTexts(keys []logical.SortKey) []string {
	ks := make([]string, len(keys))
	for i, k := range keys {
		ks[i] = k.Expr.SQL()
		if k.Desc {
			ks[i] += " DESC"
		} else {
			ks[i] += " ASC"
		}
		if k.NullsFirst {
			ks[i] += " NULLS FIRST"
		} else {
			ks[i] += " NULLS LAST"
		}
	}
	return ks
}
