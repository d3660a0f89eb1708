package connect

import (
	"sort"
	"strings"

	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sparkpb"
	"github.com/emberdb/ember/internal/sql"
)

func (c *converter) relation(r *sparkpb.Relation) (plan.Relation, error) {
	if r == nil {
		return nil, invalidPlan("A relation is missing.")
	}
	c.relDepth++
	defer func() { c.relDepth-- }()
	if c.relDepth > MaxDepth {
		return nil, tooDeep("relation")
	}
	out, err := c.relationBody(r)
	if err != nil {
		return nil, err
	}
	if common := r.GetCommon(); common != nil && common.PlanId != nil {
		b := out.Base()
		b.PlanID, b.HasPlanID = common.GetPlanId(), true
	}
	return out, nil
}

// input converts a relation's required input.
func (c *converter) input(r *sparkpb.Relation, op string) (plan.Relation, error) {
	if r == nil {
		return nil, invalidPlan("%s needs a plan input.", op)
	}
	return c.relation(r)
}

// unsupported marks a relation type Ember recognises but does not run.
func unsupported(feature string) *plan.Unsupported {
	return &plan.Unsupported{Feature: "relation " + feature}
}

func (c *converter) relationBody(r *sparkpb.Relation) (plan.Relation, error) {
	switch k := r.GetRelType().(type) {
	case nil:
		return nil, invalidPlan("Expected Relation to be set, but is empty.")
	case *sparkpb.Relation_Read:
		return c.read(k.Read)
	case *sparkpb.Relation_Project:
		return c.project(k.Project)
	case *sparkpb.Relation_Filter:
		return c.filter(k.Filter)
	case *sparkpb.Relation_Join:
		return c.join(k.Join)
	case *sparkpb.Relation_SetOp:
		return c.setOp(k.SetOp)
	case *sparkpb.Relation_Sort:
		return c.sort(k.Sort)
	case *sparkpb.Relation_Limit:
		in, err := c.input(k.Limit.GetInput(), "Limit")
		if err != nil {
			return nil, err
		}
		return &plan.Limit{Input: in, N: intLit(k.Limit.GetLimit())}, nil
	case *sparkpb.Relation_Offset:
		in, err := c.input(k.Offset.GetInput(), "Offset")
		if err != nil {
			return nil, err
		}
		return &plan.Offset{Input: in, N: intLit(k.Offset.GetOffset())}, nil
	case *sparkpb.Relation_Tail:
		in, err := c.input(k.Tail.GetInput(), "Tail")
		if err != nil {
			return nil, err
		}
		return &plan.Tail{Input: in, N: k.Tail.GetLimit()}, nil
	case *sparkpb.Relation_Aggregate:
		return c.aggregate(k.Aggregate)
	case *sparkpb.Relation_Sql:
		out, err := c.sql(k.Sql)
		if err != nil {
			return nil, err
		}
		return out, nil
	case *sparkpb.Relation_WithRelations:
		return c.withRelations(k.WithRelations)
	case *sparkpb.Relation_LocalRelation:
		lr := k.LocalRelation
		if lr.Data == nil && lr.Schema == nil {
			return nil, invalidPlan("Schema for LocalRelation is required when the input data is not provided.")
		}
		return &plan.LocalData{ArrowIPC: lr.GetData(), Schema: lr.GetSchema()}, nil
	case *sparkpb.Relation_CachedLocalRelation:
		if k.CachedLocalRelation.GetHash() == "" {
			return nil, invalidPlan("CachedLocalRelation needs a hash.")
		}
		return &plan.CachedLocalData{Hash: k.CachedLocalRelation.GetHash()}, nil
	case *sparkpb.Relation_ChunkedCachedLocalRelation:
		ch := k.ChunkedCachedLocalRelation
		return &plan.ChunkedCachedLocalData{
			DataHashes: append([]string(nil), ch.GetDataHashes()...),
			SchemaHash: ch.GetSchemaHash(),
		}, nil
	case *sparkpb.Relation_Sample:
		return c.sample(k.Sample)
	case *sparkpb.Relation_Range:
		rg := k.Range
		return &plan.Range{Start: rg.GetStart(), End: rg.GetEnd(), Step: rg.GetStep(), NumPartitions: rg.GetNumPartitions()}, nil
	case *sparkpb.Relation_Deduplicate:
		return c.deduplicate(k.Deduplicate)
	case *sparkpb.Relation_SubqueryAlias:
		sa := k.SubqueryAlias
		in, err := c.input(sa.GetInput(), "SubqueryAlias")
		if err != nil {
			return nil, err
		}
		return &plan.SubqueryAlias{Input: in, Alias: sa.GetAlias(), Qualifier: append([]string(nil), sa.GetQualifier()...)}, nil
	case *sparkpb.Relation_Repartition:
		in, err := c.input(k.Repartition.GetInput(), "Repartition")
		if err != nil {
			return nil, err
		}
		return &plan.Repartition{Input: in, NumPartitions: k.Repartition.GetNumPartitions(), Shuffle: k.Repartition.GetShuffle()}, nil
	case *sparkpb.Relation_RepartitionByExpression:
		rp := k.RepartitionByExpression
		in, err := c.input(rp.GetInput(), "RepartitionByExpression")
		if err != nil {
			return nil, err
		}
		exprs, err := c.expressions(rp.GetPartitionExprs())
		if err != nil {
			return nil, err
		}
		return &plan.Repartition{Input: in, NumPartitions: rp.GetNumPartitions(), Shuffle: true, Exprs: exprs}, nil
	case *sparkpb.Relation_ToDf:
		in, err := c.input(k.ToDf.GetInput(), "ToDF")
		if err != nil {
			return nil, err
		}
		return &plan.ToDF{Input: in, Names: append([]string(nil), k.ToDf.GetColumnNames()...)}, nil
	case *sparkpb.Relation_WithColumnsRenamed:
		return c.withColumnsRenamed(k.WithColumnsRenamed)
	case *sparkpb.Relation_ShowString:
		ss := k.ShowString
		in, err := c.input(ss.GetInput(), "ShowString")
		if err != nil {
			return nil, err
		}
		return &plan.ShowString{Input: in, NumRows: ss.GetNumRows(), Truncate: ss.GetTruncate(), Vertical: ss.GetVertical()}, nil
	case *sparkpb.Relation_HtmlString:
		hs := k.HtmlString
		in, err := c.input(hs.GetInput(), "HtmlString")
		if err != nil {
			return nil, err
		}
		return &plan.HTMLString{Input: in, NumRows: hs.GetNumRows(), Truncate: hs.GetTruncate()}, nil
	case *sparkpb.Relation_Drop:
		return c.drop(k.Drop)
	case *sparkpb.Relation_WithColumns:
		return c.withColumns(k.WithColumns)
	case *sparkpb.Relation_Hint:
		h := k.Hint
		in, err := c.input(h.GetInput(), "Hint")
		if err != nil {
			return nil, err
		}
		if _, err := c.expressions(h.GetParameters()); err != nil {
			return nil, err
		}
		return &plan.Hint{Input: in, Name: h.GetName()}, nil
	case *sparkpb.Relation_FillNa:
		return c.fillNA(k.FillNa)
	case *sparkpb.Relation_DropNa:
		d := k.DropNa
		in, err := c.input(d.GetInput(), "NADrop")
		if err != nil {
			return nil, err
		}
		return &plan.DropNA{
			Input:      in,
			Cols:       append([]string(nil), d.GetCols()...),
			MinNonNull: d.GetMinNonNulls(),
			HasMin:     d.MinNonNulls != nil,
		}, nil
	case *sparkpb.Relation_Replace:
		return c.replace(k.Replace)
	case *sparkpb.Relation_Summary:
		in, err := c.input(k.Summary.GetInput(), "StatSummary")
		if err != nil {
			return nil, err
		}
		return &plan.Summary{Input: in, Statistics: append([]string(nil), k.Summary.GetStatistics()...)}, nil
	case *sparkpb.Relation_Describe:
		in, err := c.input(k.Describe.GetInput(), "StatDescribe")
		if err != nil {
			return nil, err
		}
		return &plan.Describe{Input: in, Cols: append([]string(nil), k.Describe.GetCols()...)}, nil

	// Recognised but not supported.
	case *sparkpb.Relation_Unpivot:
		return c.unpivot(k.Unpivot)
	case *sparkpb.Relation_ToSchema:
		return c.toSchema(k.ToSchema)
	case *sparkpb.Relation_MapPartitions:
		return c.mapPartitions(k.MapPartitions)
	case *sparkpb.Relation_CollectMetrics:
		cm := k.CollectMetrics
		in, err := c.input(cm.GetInput(), "CollectMetrics")
		if err != nil {
			return nil, err
		}
		ms, err := c.expressions(cm.GetMetrics())
		if err != nil {
			return nil, err
		}
		return &plan.CollectMetrics{Input: in, Name: cm.GetName(), Metrics: ms}, nil
	case *sparkpb.Relation_Parse:
		return c.parse(k.Parse)
	case *sparkpb.Relation_GroupMap:
		return c.groupMap(k.GroupMap)
	case *sparkpb.Relation_CoGroupMap:
		return c.coGroupMap(k.CoGroupMap)
	case *sparkpb.Relation_WithWatermark:
		return c.withWatermark(k.WithWatermark)
	case *sparkpb.Relation_ApplyInPandasWithState:
		return unsupported("apply_in_pandas_with_state (applyInPandasWithState)"), nil
	case *sparkpb.Relation_CachedRemoteRelation:
		if k.CachedRemoteRelation.GetRelationId() == "" {
			return nil, invalidPlan("CachedRemoteRelation needs a relation id.")
		}
		return &plan.CachedRemote{ID: k.CachedRemoteRelation.GetRelationId()}, nil
	case *sparkpb.Relation_CommonInlineUserDefinedTableFunction:
		return c.pythonUDTF(k.CommonInlineUserDefinedTableFunction)
	case *sparkpb.Relation_AsOfJoin:
		return c.asOfJoin(k.AsOfJoin)
	case *sparkpb.Relation_CommonInlineUserDefinedDataSource:
		return unsupported("common_inline_user_defined_data_source (Python data source " +
			k.CommonInlineUserDefinedDataSource.GetName() + ")"), nil
	case *sparkpb.Relation_Transpose:
		return c.transpose(k.Transpose)
	case *sparkpb.Relation_UnresolvedTableValuedFunction:
		return c.tableFunction(k.UnresolvedTableValuedFunction)
	case *sparkpb.Relation_LateralJoin:
		return c.lateralJoin(k.LateralJoin)
	case *sparkpb.Relation_RelationChanges:
		return unsupported("relation_changes (change data feed)"), nil
	case *sparkpb.Relation_NearestByJoin:
		return c.nearestByJoin(k.NearestByJoin)
	case *sparkpb.Relation_Crosstab, *sparkpb.Relation_Cov, *sparkpb.Relation_Corr,
		*sparkpb.Relation_ApproxQuantile, *sparkpb.Relation_FreqItems, *sparkpb.Relation_SampleBy:
		out, _, err := c.statRelation(r)
		return out, err
	case *sparkpb.Relation_Catalog:
		return unsupported("catalog (" + catalogOp(k.Catalog) + ")"), nil
	case *sparkpb.Relation_MlRelation:
		return unsupported("ml_relation (pyspark.ml)"), nil
	case *sparkpb.Relation_Extension:
		return unsupported("extension " + k.Extension.GetTypeUrl()), nil
	case *sparkpb.Relation_Unknown:
		return nil, invalidPlan("Relation type 'unknown' is not supported.")
	default:
		return nil, invalidPlan("Unknown relation type %T.", k)
	}
}

func (c *converter) read(r *sparkpb.Read) (plan.Relation, error) {
	switch k := r.GetReadType().(type) {
	case *sparkpb.Read_NamedTable_:
		nt := k.NamedTable
		name, err := sql.ParseMultipartIdentifier(nt.GetUnparsedIdentifier())
		if err != nil {
			return nil, wrap(err, "table name %q", nt.GetUnparsedIdentifier())
		}
		return &plan.ReadTable{Name: name, Options: copyMap(nt.GetOptions()), Streaming: r.GetIsStreaming()}, nil
	case *sparkpb.Read_DataSource_:
		ds := k.DataSource
		return &plan.ReadSource{
			Format:     ds.GetFormat(),
			Schema:     ds.GetSchema(),
			Options:    copyMap(ds.GetOptions()),
			Paths:      append([]string(nil), ds.GetPaths()...),
			Predicates: append([]string(nil), ds.GetPredicates()...),
			Streaming:  r.GetIsStreaming(),
		}, nil
	}
	return nil, invalidPlan("Read needs a named table or a data source.")
}

func (c *converter) project(p *sparkpb.Project) (plan.Relation, error) {
	out := &plan.Project{}
	if p.GetInput() != nil {
		in, err := c.relation(p.GetInput())
		if err != nil {
			return nil, err
		}
		out.Input = in
	}
	exprs, err := c.expressions(p.GetExpressions())
	if err != nil {
		return nil, err
	}
	out.Exprs = exprs
	return out, nil
}

// unpivot is DataFrame.unpivot/melt: nulls are kept, each value is its
// own group named after it.
func (c *converter) unpivot(u *sparkpb.Unpivot) (plan.Relation, error) {
	in, err := c.input(u.GetInput(), "Unpivot")
	if err != nil {
		return nil, err
	}
	x := &plan.Unpivot{Input: in, VariableColumn: u.GetVariableColumnName(),
		ValueColumns: []string{u.GetValueColumnName()}, IncludeNulls: true}
	for _, e := range u.GetIds() {
		pe, err := c.expression(e)
		if err != nil {
			return nil, err
		}
		x.IDs = append(x.IDs, pe)
	}
	if u.Values != nil {
		for _, e := range u.GetValues().GetValues() {
			pe, err := c.expression(e)
			if err != nil {
				return nil, err
			}
			x.Values = append(x.Values, []plan.Expr{pe})
		}
		if len(x.Values) == 0 {
			return nil, sparkerr.Newf("UNPIVOT_REQUIRES_VALUE_COLUMNS")
		}
	}
	return x, nil
}

// tableFunction is spark.tvf.<name>(...): the same table-valued function
// as in SQL's FROM clause.
func (c *converter) tableFunction(f *sparkpb.UnresolvedTableValuedFunction) (plan.Relation, error) {
	if f.GetFunctionName() == "" {
		return nil, invalidPlan("UnresolvedTableValuedFunction needs a function name.")
	}
	args := make([]plan.Expr, len(f.GetArguments()))
	for i, a := range f.GetArguments() {
		e, err := c.expression(a)
		if err != nil {
			return nil, err
		}
		args[i] = e
	}
	return &plan.TableFunction{Name: strings.Split(f.GetFunctionName(), "."), Args: args}, nil
}

func (c *converter) filter(f *sparkpb.Filter) (plan.Relation, error) {
	in, err := c.input(f.GetInput(), "Filter")
	if err != nil {
		return nil, err
	}
	if f.GetCondition() == nil {
		return nil, invalidPlan("Filter needs a condition.")
	}
	cond, err := c.expression(f.GetCondition())
	if err != nil {
		return nil, err
	}
	return &plan.Filter{Input: in, Cond: cond}, nil
}

// lateralJoin decodes DataFrame.lateralJoin: the right side's columns that
// name the left side's (Column.outer()) resolve against it.
func (c *converter) lateralJoin(j *sparkpb.LateralJoin) (plan.Relation, error) {
	in, err := c.join(&sparkpb.Join{Left: j.GetLeft(), Right: j.GetRight(), JoinCondition: j.GetJoinCondition(), JoinType: j.GetJoinType()})
	if err != nil {
		return nil, err
	}
	x := in.(*plan.Join)
	return &plan.LateralJoin{Left: x.Left, Right: x.Right, Type: x.Type, Cond: x.Cond}, nil
}

func (c *converter) join(j *sparkpb.Join) (plan.Relation, error) {
	if j.GetLeft() == nil || j.GetRight() == nil {
		return nil, invalidPlan("Both join sides must be present")
	}
	if j.GetJoinCondition() != nil && len(j.GetUsingColumns()) > 0 {
		return nil, invalidPlan("Using columns or join conditions cannot be set at the same time in Join")
	}
	out := &plan.Join{Using: append([]string(nil), j.GetUsingColumns()...)}
	switch j.GetJoinType() {
	case sparkpb.Join_JOIN_TYPE_UNSPECIFIED, sparkpb.Join_JOIN_TYPE_INNER:
		out.Type = plan.InnerJoin
	case sparkpb.Join_JOIN_TYPE_FULL_OUTER:
		out.Type = plan.FullOuterJoin
	case sparkpb.Join_JOIN_TYPE_LEFT_OUTER:
		out.Type = plan.LeftOuterJoin
	case sparkpb.Join_JOIN_TYPE_RIGHT_OUTER:
		out.Type = plan.RightOuterJoin
	case sparkpb.Join_JOIN_TYPE_LEFT_ANTI:
		out.Type = plan.LeftAntiJoin
	case sparkpb.Join_JOIN_TYPE_LEFT_SEMI:
		out.Type = plan.LeftSemiJoin
	case sparkpb.Join_JOIN_TYPE_CROSS:
		out.Type = plan.CrossJoin
	default:
		return nil, invalidPlan("Join type %s is not supported", j.GetJoinType())
	}
	var err error
	if out.Left, err = c.relation(j.GetLeft()); err != nil {
		return nil, err
	}
	if out.Right, err = c.relation(j.GetRight()); err != nil {
		return nil, err
	}
	if j.GetJoinCondition() != nil {
		if out.Cond, err = c.expression(j.GetJoinCondition()); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (c *converter) setOp(s *sparkpb.SetOperation) (plan.Relation, error) {
	if s.GetLeftInput() == nil || s.GetRightInput() == nil {
		return nil, invalidPlan("Set operation must have 2 inputs")
	}
	out := &plan.SetOp{All: s.GetIsAll(), ByName: s.GetByName(), AllowMissing: s.GetAllowMissingColumns()}
	switch s.GetSetOpType() {
	case sparkpb.SetOperation_SET_OP_TYPE_EXCEPT:
		if out.ByName {
			return nil, invalidPlan("Except does not support union_by_name")
		}
		out.Kind = plan.Except
	case sparkpb.SetOperation_SET_OP_TYPE_INTERSECT:
		if out.ByName {
			return nil, invalidPlan("Intersect does not support union_by_name")
		}
		out.Kind = plan.Intersect
	case sparkpb.SetOperation_SET_OP_TYPE_UNION:
		if !out.ByName && out.AllowMissing {
			return nil, invalidPlan("UnionByName `allowMissingCol` can be true only if `byName` is true.")
		}
		out.Kind = plan.Union
	default:
		return nil, invalidPlan("Unsupported set operation %d", int32(s.GetSetOpType()))
	}
	var err error
	if out.Left, err = c.relation(s.GetLeftInput()); err != nil {
		return nil, err
	}
	if out.Right, err = c.relation(s.GetRightInput()); err != nil {
		return nil, err
	}
	return out, nil
}

func (c *converter) sort(s *sparkpb.Sort) (plan.Relation, error) {
	if len(s.GetOrder()) == 0 {
		return nil, invalidPlan("'order' must be present and contain elements.")
	}
	in, err := c.input(s.GetInput(), "Sort")
	if err != nil {
		return nil, err
	}
	order, err := c.sortOrders(s.GetOrder())
	if err != nil {
		return nil, err
	}
	return &plan.Sort{Input: in, Order: order, Global: s.GetIsGlobal()}, nil
}

func (c *converter) aggregate(a *sparkpb.Aggregate) (plan.Relation, error) {
	in, err := c.input(a.GetInput(), "Aggregate")
	if err != nil {
		return nil, err
	}
	out := &plan.Aggregate{Input: in, GroupingInOutput: true}
	switch a.GetGroupType() {
	case sparkpb.Aggregate_GROUP_TYPE_GROUPBY:
		out.Type = plan.GroupBy
	case sparkpb.Aggregate_GROUP_TYPE_ROLLUP:
		out.Type = plan.Rollup
	case sparkpb.Aggregate_GROUP_TYPE_CUBE:
		out.Type = plan.Cube
	case sparkpb.Aggregate_GROUP_TYPE_PIVOT:
		out.Type = plan.PivotGroup
	case sparkpb.Aggregate_GROUP_TYPE_GROUPING_SETS:
		out.Type = plan.GroupingSets
	default:
		return nil, invalidPlan("Unknown Group Type %s", a.GetGroupType())
	}
	if out.Grouping, err = c.expressions(a.GetGroupingExpressions()); err != nil {
		return nil, err
	}
	if out.Aggs, err = c.expressions(a.GetAggregateExpressions()); err != nil {
		return nil, err
	}
	if out.Type == plan.PivotGroup {
		p := a.GetPivot()
		if p == nil {
			return nil, invalidPlan("Aggregate with GROUP_TYPE_PIVOT requires a Pivot")
		}
		if out.PivotCol, err = c.expression(p.GetCol()); err != nil {
			return nil, err
		}
		for _, v := range p.GetValues() {
			lit, err := literal(v)
			if err != nil {
				return nil, unsupportedLiteralErr(err)
			}
			out.PivotValues = append(out.PivotValues, lit)
		}
	}
	if out.Type == plan.GroupingSets {
		for _, gs := range a.GetGroupingSets() {
			set, err := c.expressions(gs.GetGroupingSet())
			if err != nil {
				return nil, err
			}
			if set == nil {
				set = []plan.Expr{}
			}
			out.GroupingSets = append(out.GroupingSets, set)
		}
	}
	return out, nil
}

// sql converts spark.sql(query, args). Arguments come either as 4.x
// expressions or as 3.5 literals, named or positional; like Spark, the
// first non-empty of named_arguments, pos_arguments, args, pos_args wins.
func (c *converter) sql(s *sparkpb.SQL) (*plan.SQL, error) {
	out := &plan.SQL{Query: s.GetQuery()}
	switch {
	case len(s.GetNamedArguments()) > 0:
		out.Named = map[string]plan.Expr{}
		for _, k := range sortedKeys(s.GetNamedArguments()) {
			x, err := c.expression(s.GetNamedArguments()[k])
			if err != nil {
				return nil, err
			}
			out.Named[k] = x
		}
	case len(s.GetPosArguments()) > 0:
		args, err := c.expressions(s.GetPosArguments())
		if err != nil {
			return nil, err
		}
		out.Pos = args
	case len(s.GetArgs()) > 0:
		out.Named = map[string]plan.Expr{}
		for _, k := range sortedKeys(s.GetArgs()) {
			x, err := c.literalExpr(s.GetArgs()[k])
			if err != nil {
				return nil, err
			}
			out.Named[k] = x
		}
	case len(s.GetPosArgs()) > 0:
		for _, l := range s.GetPosArgs() {
			x, err := c.literalExpr(l)
			if err != nil {
				return nil, err
			}
			out.Pos = append(out.Pos, x)
		}
	}
	return out, nil
}

// literalExpr converts a literal used as an expression, turning an
// unrepresentable literal into plan.UnsupportedExpr.
func (c *converter) literalExpr(l *sparkpb.Expression_Literal) (plan.Expr, error) {
	lit, err := literal(l)
	if err != nil {
		if u, ok := err.(*unsupportedError); ok {
			return &plan.UnsupportedExpr{Feature: u.feature}, nil
		}
		return nil, err
	}
	return lit, nil
}

// withRelations converts a plan that carries extra relations: either
// spark.sql with DataFrame arguments (a SQL root whose references are all
// aliases, which becomes plan.SQL with Refs), or a plan whose subquery
// expressions refer to the references by plan id.
func (c *converter) withRelations(w *sparkpb.WithRelations) (plan.Relation, error) {
	if w.GetRoot() == nil {
		return nil, invalidPlan("WithRelations needs a root relation.")
	}
	if isSQLWithRefs(w) {
		out, err := c.sql(w.GetRoot().GetSql())
		if err != nil {
			return nil, err
		}
		out.Refs = map[string]plan.Relation{}
		for _, ref := range w.GetReferences() {
			sa := ref.GetSubqueryAlias()
			in, err := c.input(sa.GetInput(), "SubqueryAlias")
			if err != nil {
				return nil, err
			}
			out.Refs[sa.GetAlias()] = in
		}
		return out, nil
	}
	scope := map[int64]plan.Relation{}
	refs := make([]plan.Relation, 0, len(w.GetReferences()))
	for _, ref := range w.GetReferences() {
		if ref.GetCommon() == nil || ref.GetCommon().PlanId == nil {
			return nil, invalidPlan("Invalid WithRelation reference")
		}
		rel, err := c.relation(ref)
		if err != nil {
			return nil, err
		}
		scope[ref.GetCommon().GetPlanId()] = rel
		refs = append(refs, rel)
	}
	c.scopes = append(c.scopes, scope)
	root, err := c.relation(w.GetRoot())
	c.scopes = c.scopes[:len(c.scopes)-1]
	if err != nil {
		return nil, err
	}
	return &plan.WithRelations{Root: root, References: refs}, nil
}

// isSQLWithRefs reports whether w is spark.sql(query, **dataframes): a SQL
// root and at least one reference, every one an alias.
func isSQLWithRefs(w *sparkpb.WithRelations) bool {
	if w.GetRoot().GetSql() == nil || len(w.GetReferences()) == 0 {
		return false
	}
	for _, r := range w.GetReferences() {
		if r.GetSubqueryAlias() == nil {
			return false
		}
	}
	return true
}

func (c *converter) sample(s *sparkpb.Sample) (plan.Relation, error) {
	in, err := c.input(s.GetInput(), "Sample")
	if err != nil {
		return nil, err
	}
	return &plan.Sample{
		Input:           in,
		Lower:           s.GetLowerBound(),
		Upper:           s.GetUpperBound(),
		WithReplacement: s.GetWithReplacement(),
		Seed:            s.GetSeed(),
		HasSeed:         s.Seed != nil,

		DeterministicOrder: s.GetDeterministicOrder(),
	}, nil
}

func (c *converter) deduplicate(d *sparkpb.Deduplicate) (plan.Relation, error) {
	if d.GetInput() == nil {
		return nil, invalidPlan("Deduplicate needs a plan input")
	}
	all := d.GetAllColumnsAsKeys()
	if all && len(d.GetColumnNames()) > 0 {
		return nil, invalidPlan("Cannot deduplicate on both all columns and a subset of columns")
	}
	if !all && len(d.GetColumnNames()) == 0 {
		return nil, invalidPlan("Deduplicate requires to either deduplicate on all columns or a subset of columns")
	}
	in, err := c.relation(d.GetInput())
	if err != nil {
		return nil, err
	}
	return &plan.Deduplicate{Input: in, Columns: append([]string(nil), d.GetColumnNames()...), AllColumns: all,
		WithinWatermark: d.GetWithinWatermark()}, nil
}

// withColumnsRenamed accepts 4.x's ordered renames and, when those are
// absent, 3.5's rename map (applied in key order, since a protobuf map has
// no order).
func (c *converter) withColumnsRenamed(w *sparkpb.WithColumnsRenamed) (plan.Relation, error) {
	in, err := c.input(w.GetInput(), "WithColumnsRenamed")
	if err != nil {
		return nil, err
	}
	out := &plan.WithColumnsRenamed{Input: in}
	if len(w.GetRenames()) > 0 {
		for _, r := range w.GetRenames() {
			out.Renames = append(out.Renames, [2]string{r.GetColName(), r.GetNewColName()})
		}
		return out, nil
	}
	for _, k := range sortedKeys(w.GetRenameColumnsMap()) {
		out.Renames = append(out.Renames, [2]string{k, w.GetRenameColumnsMap()[k]})
	}
	return out, nil
}

func (c *converter) drop(d *sparkpb.Drop) (plan.Relation, error) {
	in, err := c.input(d.GetInput(), "Drop")
	if err != nil {
		return nil, err
	}
	cols, err := c.expressions(d.GetColumns())
	if err != nil {
		return nil, err
	}
	return &plan.Drop{Input: in, Cols: cols, Names: append([]string(nil), d.GetColumnNames()...)}, nil
}

func (c *converter) withColumns(w *sparkpb.WithColumns) (plan.Relation, error) {
	in, err := c.input(w.GetInput(), "WithColumns")
	if err != nil {
		return nil, err
	}
	out := &plan.WithColumns{Input: in}
	for _, a := range w.GetAliases() {
		if len(a.GetName()) != 1 {
			return nil, invalidPlan("WithColumns require column name only contains one name part, but got %v", a.GetName())
		}
		x, err := c.alias(a)
		if err != nil {
			return nil, err
		}
		out.Aliases = append(out.Aliases, x.(*plan.Alias))
	}
	return out, nil
}

func (c *converter) fillNA(f *sparkpb.NAFill) (plan.Relation, error) {
	if len(f.GetValues()) == 0 {
		return nil, invalidPlan("values must contains at least 1 item!")
	}
	if len(f.GetValues()) > 1 && len(f.GetValues()) != len(f.GetCols()) {
		return nil, invalidPlan("When values contains more than 1 items, values and cols should have the same length!")
	}
	in, err := c.input(f.GetInput(), "NAFill")
	if err != nil {
		return nil, err
	}
	out := &plan.FillNA{Input: in, Cols: append([]string(nil), f.GetCols()...)}
	for _, v := range f.GetValues() {
		lit, err := literal(v)
		if err != nil {
			return nil, unsupportedLiteralErr(err)
		}
		out.Values = append(out.Values, lit)
	}
	return out, nil
}

func (c *converter) replace(r *sparkpb.NAReplace) (plan.Relation, error) {
	in, err := c.input(r.GetInput(), "NAReplace")
	if err != nil {
		return nil, err
	}
	out := &plan.ReplaceNA{Input: in, Cols: append([]string(nil), r.GetCols()...)}
	for _, rep := range r.GetReplacements() {
		oldV, err := literal(rep.GetOldValue())
		if err != nil {
			return nil, unsupportedLiteralErr(err)
		}
		newV, err := literal(rep.GetNewValue())
		if err != nil {
			return nil, unsupportedLiteralErr(err)
		}
		out.Replacements = append(out.Replacements, [2]*plan.Literal{oldV, newV})
	}
	return out, nil
}

// unsupportedLiteralErr turns the internal marker for an unrepresentable
// literal into the user-facing unsupported-feature error, for places that
// need a concrete literal value.
func unsupportedLiteralErr(err error) error {
	if u, ok := err.(*unsupportedError); ok {
		return sparkerr.Unsupported(u.feature)
	}
	return err
}

// catalogOp names the catalog operation of a Catalog relation.
func catalogOp(cat *sparkpb.Catalog) string {
	fd := cat.ProtoReflect().WhichOneof(cat.ProtoReflect().Descriptor().Oneofs().ByName("cat_type"))
	if fd == nil {
		return "unset"
	}
	return string(fd.Name())
}

func copyMap(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// asOfJoin is DataFrame._joinAsOf.
func (c *converter) asOfJoin(j *sparkpb.AsOfJoin) (plan.Relation, error) {
	if j.GetLeft() == nil || j.GetRight() == nil {
		return nil, invalidPlan("Both join sides must be present")
	}
	out := &plan.AsOfJoin{AllowExactMatches: j.GetAllowExactMatches(), Direction: strings.ToLower(j.GetDirection())}
	out.Using = append([]string(nil), j.GetUsingColumns()...)
	switch strings.ToLower(j.GetJoinType()) {
	case "", "inner":
		out.Type = plan.InnerJoin
	case "left", "leftouter", "left_outer":
		out.Type = plan.LeftOuterJoin
	default:
		return nil, invalidPlan("Unsupported as-of join type %s", j.GetJoinType())
	}
	var err error
	if out.Left, err = c.relation(j.GetLeft()); err != nil {
		return nil, err
	}
	if out.Right, err = c.relation(j.GetRight()); err != nil {
		return nil, err
	}
	for _, e := range []struct {
		in  *sparkpb.Expression
		out *plan.Expr
	}{{j.GetLeftAsOf(), &out.LeftAsOf}, {j.GetRightAsOf(), &out.RightAsOf}, {j.GetJoinExpr(), &out.Cond}, {j.GetTolerance(), &out.Tolerance}} {
		if e.in == nil {
			continue
		}
		if *e.out, err = c.expression(e.in); err != nil {
			return nil, err
		}
	}
	if out.LeftAsOf == nil || out.RightAsOf == nil {
		return nil, invalidPlan("An as-of join needs both as-of columns")
	}
	return out, nil
}

// nearestByJoin is DataFrame.nearestByJoin.
func (c *converter) nearestByJoin(j *sparkpb.NearestByJoin) (plan.Relation, error) {
	if j.GetLeft() == nil || j.GetRight() == nil || j.GetRankingExpression() == nil {
		return nil, invalidPlan("A nearest-by join needs both sides and a ranking expression")
	}
	out := &plan.NearestByJoin{NumResults: j.GetNumResults(), Mode: j.GetMode(), Direction: j.GetDirection(), JoinType: j.GetJoinType()}
	var err error
	if out.Left, err = c.relation(j.GetLeft()); err != nil {
		return nil, err
	}
	if out.Right, err = c.relation(j.GetRight()); err != nil {
		return nil, err
	}
	if out.Ranking, err = c.expression(j.GetRankingExpression()); err != nil {
		return nil, err
	}
	return out, nil
}
