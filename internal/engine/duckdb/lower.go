package duckdb

import (
	"encoding/hex"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// lowerer renders a resolved logical plan as one DuckDB SELECT statement.
// Every plan node becomes a subquery whose columns are named after the
// attribute ids ("c17"), so names never collide and never depend on
// Spark's case rules; the final SELECT returns the root's columns in order
// and the executor renames them to Spark's names.
type lowerer struct {
	c     *functions.LowerCtx
	alias int
	// rowPos names the input-position column of the projection whose
	// window functions are being lowered ("" outside one), and winTies
	// maps each of its window sorts to the keys that break its ties.
	rowPos  string
	winTies map[string]string
	// need, while partitioned() descends, holds the attribute ids the
	// operators above read (nil: all); Spark prunes the other columns
	// before an exchange (see repartition.go).
	need map[int64]bool
	// recs holds the recursive CTEs being lowered, by id.
	recs map[int64]*recCTE
}

func col(id int64) string { return "c" + strconv.FormatInt(id, 10) }

func (l *lowerer) next() string {
	l.alias++
	return "t" + strconv.Itoa(l.alias)
}

// Query renders the whole plan with its output columns in order.
func Query(c *functions.LowerCtx, p logical.Plan) (string, error) {
	l := &lowerer{c: c}
	inner, err := l.plan(p)
	if err != nil {
		return "", err
	}
	out := p.Output()
	if len(out) == 0 {
		return "SELECT * FROM (" + inner + ") AS q", nil
	}
	cols := make([]string, len(out))
	for i, a := range out {
		cols[i] = col(a.ID)
	}
	return "SELECT " + strings.Join(cols, ", ") + " FROM (" + inner + ") AS q", nil
}

func (l *lowerer) plan(p logical.Plan) (string, error) {
	switch x := p.(type) {
	case *logical.LocalTable:
		parts := make([]string, len(x.Attrs))
		for i, a := range x.Attrs {
			dt, err := functions.DuckType(a.Type)
			if err != nil {
				return "", err
			}
			v := "CAST(" + functions.QuoteIdent(x.Columns[i]) + " AS " + dt + ")"
			if tt, ok := a.Type.(types.Time); ok {
				// Clients send TIME(p) values at full precision; Spark keeps p digits.
				if v, err = functions.CastSQL(&functions.LowerCtx{}, v, types.DefaultTime, tt, logical.Legacy); err != nil {
					return "", err
				}
			}
			parts[i] = v + " AS " + col(a.ID)
		}
		if len(parts) == 0 {
			return "SELECT 1 AS __empty FROM " + functions.QuoteIdent(x.Table), nil
		}
		return "SELECT " + strings.Join(parts, ", ") + " FROM " + functions.QuoteIdent(x.Table), nil
	case *logical.Range:
		return fmt.Sprintf("SELECT range AS %s FROM range(%d, %d, %d)", col(x.Attr.ID), x.Start, x.End, x.Step), nil
	case *logical.FileScan:
		return l.fileScan(x)
	case *logical.TableScan:
		return l.tableScan(x)
	case *logical.OneRow:
		return "SELECT 1 AS __one", nil
	case *logical.StreamSource:
		return "", errStreamingBatch(x.Format)
	case *logical.Values:
		return l.values(x)
	case *logical.Alias:
		return l.plan(x.Input)
	case *logical.CollectMetrics:
		// The metrics are computed by a separate aggregate (executor).
		return l.plan(x.Input)
	case *logical.Repartition:
		// The rows are the input's; where Spark's layout is known they
		// come in its collect order.
		if lay, ok := l.layoutOrNot(x); ok {
			return finish(x, lay, l.next()), nil
		}
		return l.plan(x.Input)
	case *logical.Generate:
		return l.generate(x)
	case *logical.RecursiveCTE:
		return l.recursiveCTE(x)
	case *logical.RecursiveRef:
		return l.recursiveRef(x)
	case *logical.Project:
		for _, n := range x.Exprs {
			if functions.PositionalRandom(n.Expr) {
				if lay, ok, err := l.partitioned(x); err != nil || ok {
					return finish(x, lay, l.next()), err
				}
				if fn := partitionFunction(x.Exprs); fn != "" && repartitioned(x.Input) {
					return "", sparkerr.Unsupported(fn + " after repartition or coalesce (Ember does not model how Spark redistributes the rows)")
				}
				break
			}
		}
		in, err := l.plan(x.Input)
		if err != nil {
			return "", err
		}
		order := ""
		if ws := logical.Windows(x.Exprs); len(ws) > 0 {
			// See logical/window_order.go: number the input rows, break
			// ties of each specification by the sorts of the ones before
			// it and then by input position, and return the rows in the
			// last specification's order.
			outerPos, outerTies := l.rowPos, l.winTies
			l.rowPos = "__pos" + strconv.Itoa(l.alias+1)
			defer func() { l.rowPos, l.winTies = outerPos, outerTies }()
			in = "SELECT *, row_number() OVER () AS " + l.rowPos + " FROM (" + in + ") AS " + l.next()
			var specs []string
			l.winTies = map[string]string{}
			for _, w := range ws {
				ks, err := l.sortKeys(w.SortKeys())
				if err != nil {
					return "", err
				}
				if _, seen := l.winTies[ks]; seen {
					continue
				}
				tie := ""
				for i := len(specs) - 1; i >= 0; i-- {
					if specs[i] != "" {
						tie += ", " + specs[i]
					}
				}
				l.winTies[ks] = tie + ", " + l.rowPos
				specs = append(specs, ks)
			}
			last := specs[len(specs)-1]
			order = " ORDER BY " + strings.TrimPrefix(last+l.winTies[last], ", ")
		}
		sel, err := l.namedList(x.Exprs)
		if err != nil {
			return "", err
		}
		if sel == "" {
			sel = "1 AS __empty"
		}
		return "SELECT " + sel + " FROM (" + in + ") AS " + l.next() + order, nil
	case *logical.Filter:
		if pushed, ok := pushSubqueryFilters(x); ok {
			return l.plan(pushed)
		}
		if functions.PositionalRandom(x.Cond) {
			if lay, ok, err := l.partitioned(x); err != nil || ok {
				return finish(x, lay, l.next()), err
			}
		}
		in, err := l.plan(x.Input)
		if err != nil {
			return "", err
		}
		cond, err := l.expr(x.Cond)
		if err != nil {
			return "", err
		}
		return "SELECT * FROM (" + in + ") AS " + l.next() + " WHERE " + cond, nil
	case *logical.Sort:
		in, err := l.plan(x.Input)
		if err != nil {
			return "", err
		}
		keys, err := l.sortKeys(x.Keys)
		if err != nil {
			return "", err
		}
		return "SELECT * FROM (" + in + ") AS " + l.next() + " ORDER BY " + keys, nil
	case *logical.Limit:
		if s, ok := x.Input.(*logical.Sort); ok {
			in, err := l.plan(s.Input)
			if err != nil {
				return "", err
			}
			keys, err := l.sortKeys(s.Keys)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("SELECT * FROM (%s) AS %s ORDER BY %s LIMIT %d", in, l.next(), keys, x.N), nil
		}
		in, err := l.plan(x.Input)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("SELECT * FROM (%s) AS %s LIMIT %d", in, l.next(), x.N), nil
	case *logical.Offset:
		in, err := l.plan(x.Input)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("SELECT * FROM (%s) AS %s OFFSET %d", in, l.next(), x.N), nil
	case *logical.Aggregate:
		if lay, ok := l.layoutOrNot(x); ok {
			return finish(x, lay, l.next()), nil
		}
		return l.aggregate(x)
	case *logical.Join:
		if lay, ok := l.layoutOrNot(x); ok {
			return finish(x, lay, l.next()), nil
		}
		return l.join(x)
	case *logical.SetOp:
		return l.setOp(x)
	case *logical.Distinct:
		if x.WithinWatermark {
			return "", errDedupWithinWatermarkBatch()
		}
		if lay, ok := l.layoutOrNot(x); ok {
			return finish(x, lay, l.next()), nil
		}
		in, err := l.plan(x.Input)
		if err != nil {
			return "", err
		}
		in = l.normalizeDistinctKeys(in, x)
		if len(x.Keys) == 0 {
			return "SELECT DISTINCT * FROM (" + in + ") AS " + l.next(), nil
		}
		keys := make([]string, len(x.Keys))
		for i, k := range x.Keys {
			s, err := l.expr(k)
			if err != nil {
				return "", err
			}
			keys[i] = s
		}
		// Spark keeps each group's first row (an aggregate of first()
		// per column); where its layout is not modelled that is the
		// first row in Ember's input order.
		pos := "__dpos" + strconv.Itoa(l.alias+1)
		t := l.next()
		return "SELECT * EXCLUDE (" + pos + ") FROM (SELECT *, row_number() OVER () AS " + pos + " FROM (" + in + ") AS " + t + ") AS " + l.next() +
			" QUALIFY row_number() OVER (PARTITION BY " + strings.Join(keys, ", ") + " ORDER BY " + pos + ") = 1 ORDER BY " + pos, nil
	case *logical.Sample:
		if lay, ok, err := l.partitioned(x); err != nil || ok {
			return finish(x, lay, l.next()), err
		}
		in, err := l.plan(x.Input)
		if err != nil {
			return "", err
		}
		if x.WithReplacement {
			return "", sparkerr.Unsupported("sample with replacement over a relation whose Spark partitioning Ember does not model")
		}
		// Where Spark's partition layout is unknown (see partitions.go),
		// each row draws a deterministic pseudo-random number in [0, 1) from
		// its values and the seed; a sample keeps rows in [Lower, Upper), so
		// the samples of randomSplit (same seed, adjacent bounds) partition
		// the input.
		out := x.Input.Output()
		parts := make([]string, len(out))
		for i, a := range out {
			parts[i] = functions.QuoteIdent(col(a.ID)) + " := " + col(a.ID)
		}
		draw := fmt.Sprintf("(CAST(hash(%d) AS DOUBLE) / 18446744073709551616.0)", x.Seed)
		if len(parts) > 0 {
			draw = fmt.Sprintf("(CAST(hash(struct_pack(%s), %d) AS DOUBLE) / 18446744073709551616.0)", strings.Join(parts, ", "), x.Seed)
		}
		return fmt.Sprintf("SELECT * FROM (%s) AS %s WHERE %s >= %v AND %s < %v", in, l.next(), draw, x.Lower, draw, x.Upper), nil
	}
	return "", sparkerr.Unsupported(fmt.Sprintf("executing %T", p))
}

func (l *lowerer) namedList(ns []logical.Named) (string, error) {
	parts := make([]string, len(ns))
	for i, n := range ns {
		s, err := l.expr(n.Expr)
		if err != nil {
			return "", err
		}
		parts[i] = s + " AS " + col(n.Attr.ID)
	}
	return strings.Join(parts, ", "), nil
}

// keyExpr renders an expression DuckDB sorts or partitions by. DuckDB
// rebuilds a sorted float column from its sort key, which has no negative
// zero; Spark keeps -0.0 in the rows it sorts. Adding zero makes the key a
// new value (the same for -0.0 and 0.0, which compare equal anyway) so the
// column itself passes through unchanged.
func (l *lowerer) keyExpr(e logical.Expr) (string, error) {
	s, err := l.expr(e)
	if err != nil {
		return "", err
	}
	return normalizeFloat(s, e.Type()), nil
}

// normalizeFloat turns -0.0 into 0.0 in a FLOAT or DOUBLE expression, as
// Spark does to grouping keys; other types pass through.
func normalizeFloat(s string, t types.DataType) string {
	switch t.Kind() {
	case types.KindFloat:
		return "(" + s + " + CAST(0 AS FLOAT))"
	case types.KindDouble:
		return "(" + s + " + CAST(0 AS DOUBLE))"
	}
	return s
}

// aggList renders an aggregation's output list. Spark normalizes float
// grouping keys, so a key in the output shows 0.0 for a group of -0.0 and
// 0.0 (DuckDB groups them together but keeps the first one seen).
func (l *lowerer) aggList(x *logical.Aggregate) (string, error) {
	keys := map[string]bool{}
	for _, g := range x.Groups {
		if k := g.Type().Kind(); k != types.KindFloat && k != types.KindDouble {
			continue
		}
		s, err := l.expr(g)
		if err != nil {
			return "", err
		}
		keys[s] = true
	}
	parts := make([]string, len(x.Aggs))
	for i, n := range x.Aggs {
		s, err := l.expr(n.Expr)
		if err != nil {
			return "", err
		}
		if keys[s] {
			s = normalizeFloat(s, n.Expr.Type())
		}
		parts[i] = s + " AS " + col(n.Attr.ID)
	}
	return strings.Join(parts, ", "), nil
}

// normalizeDistinctKeys normalizes the float columns a Distinct compares
// (all of them, or its key columns): Spark plans the de-duplication as an
// aggregation whose grouping keys it normalizes, so a kept -0.0 shows 0.0.
func (l *lowerer) normalizeDistinctKeys(in string, x *logical.Distinct) string {
	cols := x.Input.Output()
	if len(x.Keys) > 0 {
		cols = nil
		for _, k := range x.Keys {
			if c, ok := k.(*logical.ColRef); ok {
				cols = append(cols, c.Attr)
			}
		}
	}
	var repl []string
	for _, a := range cols {
		if n := normalizeFloat(col(a.ID), a.Type); n != col(a.ID) {
			repl = append(repl, n+" AS "+col(a.ID))
		}
	}
	if len(repl) == 0 {
		return in
	}
	return "SELECT * REPLACE (" + strings.Join(repl, ", ") + ") FROM (" + in + ") AS " + l.next()
}

func (l *lowerer) sortKeys(keys []logical.SortKey) (string, error) {
	parts := make([]string, len(keys))
	for i, k := range keys {
		s, err := l.keyExpr(k.Expr)
		if err != nil {
			return "", err
		}
		dir, nulls := " ASC", " NULLS LAST"
		if k.Desc {
			dir = " DESC"
		}
		if k.NullsFirst {
			nulls = " NULLS FIRST"
		}
		parts[i] = s + dir + nulls
	}
	return strings.Join(parts, ", "), nil
}

func (l *lowerer) aggregate(x *logical.Aggregate) (string, error) {
	in, err := l.plan(x.Input)
	if err != nil {
		return "", err
	}
	savedParts, savedPart := l.c.InputPartitions, l.c.PartitionOf
	l.c.InputPartitions = l.sparkPartitions(x.Input)
	if partitionSensitive(x.Aggs) {
		// Number the input rows so that each row's Spark partition is
		// known whatever group it falls in.
		in = "SELECT *, row_number() OVER () - 1 AS __epos, count(*) OVER () AS __ecount FROM (" + in + ") AS " + l.next()
		// Partition p holds rows [p*n/parts, (p+1)*n/parts).
		l.c.PartitionOf = "CAST(((__epos + 1) * " + strconv.Itoa(l.c.InputPartitions) + " - 1) // __ecount AS INTEGER)"
	}
	sel, err := l.aggList(x)
	l.c.InputPartitions, l.c.PartitionOf = savedParts, savedPart
	if err != nil {
		return "", err
	}
	if sel == "" {
		sel = "1 AS __empty"
	}
	q := "SELECT " + sel + " FROM (" + in + ") AS " + l.next()
	groups := make([]string, len(x.Groups))
	for i, g := range x.Groups {
		s, err := l.expr(g)
		if err != nil {
			return "", err
		}
		groups[i] = s
	}
	switch {
	case len(x.GroupingSets) > 0:
		sets := make([]string, len(x.GroupingSets))
		for i, gs := range x.GroupingSets {
			parts := make([]string, len(gs))
			for j, idx := range gs {
				parts[j] = groups[idx]
			}
			sets[i] = "(" + strings.Join(parts, ", ") + ")"
		}
		q += " GROUP BY GROUPING SETS (" + strings.Join(sets, ", ") + ")"
	case len(groups) > 0:
		q += " GROUP BY " + strings.Join(groups, ", ")
	}
	return q, nil
}

var joinKeyword = map[logical.JoinType]string{
	logical.Inner: "JOIN", logical.LeftOuter: "LEFT JOIN", logical.RightOuter: "RIGHT JOIN",
	logical.FullOuter: "FULL OUTER JOIN", logical.LeftSemi: "SEMI JOIN", logical.LeftAnti: "ANTI JOIN", logical.Cross: "CROSS JOIN",
}

// flatJoin reports whether an inner or cross join outputs exactly its
// inputs' columns, in order: such joins nest without a projection between
// them (see joinFrom).
func flatJoin(x *logical.Join) bool {
	if x.Lateral || x.Ranked() || x.Type != logical.Inner && x.Type != logical.Cross {
		return false
	}
	in := append(append([]logical.Attr(nil), x.Left.Output()...), x.Right.Output()...)
	if len(in) != len(x.Out) {
		return false
	}
	for i, n := range x.Out {
		c, ok := n.Expr.(*logical.ColRef)
		if !ok || c.Attr.ID != n.Attr.ID || in[i].ID != n.Attr.ID {
			return false
		}
	}
	return true
}

// joinFrom renders a tree of flat inner and cross joins as one FROM
// clause, "((a JOIN b ON ...) CROSS JOIN c)", so that DuckDB sees a single
// join graph it can reorder (comma joins in SQL arrive as cross joins under
// a filter); any other plan is a subquery.
func (l *lowerer) joinFrom(p logical.Plan) (string, error) {
	x, ok := p.(*logical.Join)
	if !ok || !flatJoin(x) {
		q, err := l.plan(p)
		if err != nil {
			return "", err
		}
		return "(" + q + ") AS " + l.next(), nil
	}
	left, err := l.joinFrom(x.Left)
	if err != nil {
		return "", err
	}
	right, err := l.joinFrom(x.Right)
	if err != nil {
		return "", err
	}
	s := left + " " + joinKeyword[x.Type] + " " + right
	if x.Type != logical.Cross {
		cond := "true"
		if x.Cond != nil {
			if cond, err = l.expr(x.Cond); err != nil {
				return "", err
			}
		}
		s += " ON " + cond
	}
	return "(" + s + ")", nil
}

func (l *lowerer) join(x *logical.Join) (string, error) {
	if x.AsOf != nil {
		return l.asOfJoin(x)
	}
	if x.Nearest != nil {
		return l.nearestJoin(x)
	}
	if flatJoin(x) && len(x.Out) > 0 {
		from, err := l.joinFrom(x)
		if err != nil {
			return "", err
		}
		return "SELECT * FROM " + from, nil
	}
	left, err := l.plan(x.Left)
	if err != nil {
		return "", err
	}
	right, err := l.plan(x.Right)
	if err != nil {
		return "", err
	}
	kw := joinKeyword[x.Type]
	if x.Lateral {
		kw += " LATERAL"
	}
	sel, err := l.namedList(x.Out)
	if err != nil {
		return "", err
	}
	if sel == "" {
		sel = "1 AS __empty"
	}
	q := "SELECT " + sel + " FROM (" + left + ") AS " + l.next() + " " + kw + " (" + right + ") AS " + l.next()
	if x.Type != logical.Cross {
		cond := "true"
		if x.Cond != nil {
			if cond, err = l.expr(x.Cond); err != nil {
				return "", err
			}
		}
		q += " ON " + cond
	}
	return q, nil
}

func (l *lowerer) setOp(x *logical.SetOp) (string, error) {
	if lay, ok := l.layoutOrNot(x); ok {
		return finish(x, lay, l.next()), nil
	}
	side := func(p logical.Plan) (string, error) {
		in, err := l.plan(p)
		if err != nil {
			return "", err
		}
		po := p.Output()
		parts := make([]string, len(po))
		for i, a := range po {
			parts[i] = col(a.ID) + " AS " + col(x.Out[i].ID)
		}
		return "SELECT " + strings.Join(parts, ", ") + " FROM (" + in + ") AS " + l.next(), nil
	}
	left, err := side(x.Left)
	if err != nil {
		return "", err
	}
	right, err := side(x.Right)
	if err != nil {
		return "", err
	}
	if x.Kind == logical.Except && x.All && len(x.Out) > 0 {
		return l.exceptAll(x, left, right), nil
	}
	op := map[logical.SetOpKind]string{logical.Union: "UNION", logical.Intersect: "INTERSECT", logical.Except: "EXCEPT"}[x.Kind]
	if x.All {
		op += " ALL"
	}
	return "SELECT * FROM ((" + left + ") " + op + " (" + right + ")) AS " + l.next(), nil
}

func (l *lowerer) values(x *logical.Values) (string, error) {
	if len(x.Rows) == 0 {
		parts := make([]string, len(x.Attrs))
		for i, a := range x.Attrs {
			dt, err := functions.DuckType(a.Type)
			if err != nil {
				return "", err
			}
			parts[i] = "CAST(NULL AS " + dt + ") AS " + col(a.ID)
		}
		if len(parts) == 0 {
			return "SELECT 1 AS __empty WHERE false", nil
		}
		return "SELECT " + strings.Join(parts, ", ") + " WHERE false", nil
	}
	rows := make([]string, len(x.Rows))
	for i, r := range x.Rows {
		vals := make([]string, len(r))
		for j, e := range r {
			s, err := l.expr(e)
			if err != nil {
				return "", err
			}
			vals[j] = s
		}
		rows[i] = "(" + strings.Join(vals, ", ") + ")"
	}
	names := make([]string, len(x.Attrs))
	for i, a := range x.Attrs {
		names[i] = col(a.ID)
	}
	return "SELECT * FROM (VALUES " + strings.Join(rows, ", ") + ") AS " + l.next() + "(" + strings.Join(names, ", ") + ")", nil
}

func (l *lowerer) exprs(es []logical.Expr) ([]string, error) {
	out := make([]string, len(es))
	for i, e := range es {
		s, err := l.expr(e)
		if err != nil {
			return nil, err
		}
		out[i] = s
	}
	return out, nil
}

// expr renders an expression; every function call is cast to its Spark
// type so DuckDB's result typing never leaks.
func (l *lowerer) expr(e logical.Expr) (string, error) {
	switch x := e.(type) {
	case *logical.ColRef:
		return col(x.Attr.ID), nil
	case *logical.Lit:
		return litSQL(x.T, x.V)
	case *logical.AliasExpr:
		return l.expr(x.Child)
	case *logical.Cast:
		arg, err := l.expr(x.Child)
		if err != nil {
			return "", err
		}
		mode := x.Mode
		if x.Implicit && l.c.ANSI {
			// Implicit casts follow ANSI mode like explicit ones.
			mode = logical.ANSI
		}
		return functions.CastSQL(l.c, arg, x.Child.Type(), x.To, mode)
	case *logical.Call:
		s, err := l.call(x)
		if err != nil {
			return "", err
		}
		if functions.ExactResult(x) {
			return s, nil
		}
		return castResult(s, x.T)
	case *logical.Window:
		return l.window(x)
	case *logical.Field:
		c, err := l.expr(x.Child)
		if err != nil {
			return "", err
		}
		return "struct_extract(" + c + ", " + functions.QuoteString(x.Name) + ")", nil
	case *logical.LambdaVar:
		return "v" + strconv.FormatInt(x.ID, 10), nil
	case *logical.Subquery:
		return l.subquery(x)
	case *logical.Lambda:
		names := make([]string, len(x.Params))
		for i, p := range x.Params {
			names[i] = "v" + strconv.FormatInt(p.ID, 10)
		}
		body, err := l.expr(x.Body)
		if err != nil {
			return "", err
		}
		return "lambda " + strings.Join(names, ", ") + ": " + body, nil
	}
	return "", sparkerr.Unsupported(fmt.Sprintf("expression %T", e))
}

func (l *lowerer) call(x *logical.Call) (string, error) {
	narrow := functions.TakesNarrowDecimal(x)
	args := make([]string, len(x.Args))
	for i, a := range x.Args {
		var err error
		if narrow && functions.ScaleKeepingDecimalArith(a) {
			// No cast to the Spark type: see functions.ScaleKeepingDecimalArith.
			args[i], err = l.call(a.(*logical.Call))
		} else {
			args[i], err = l.expr(a)
		}
		if err != nil {
			return "", err
		}
	}
	s, err := functions.Lower(l.c, x, args)
	if err != nil {
		return "", err
	}
	if x.Filter != nil {
		f, err := l.expr(x.Filter)
		if err != nil {
			return "", err
		}
		s += " FILTER (WHERE " + f + ")"
	}
	return s, nil
}

func castResult(s string, t types.DataType) (string, error) {
	dt, err := functions.DuckType(t)
	if err != nil {
		return "", err
	}
	return "CAST(" + s + " AS " + dt + ")", nil
}

func (l *lowerer) window(w *logical.Window) (string, error) {
	call, ok := w.Fn.(*logical.Call)
	if !ok {
		return "", sparkerr.Unsupported("window over " + w.Fn.SQL())
	}
	if call.Filter != nil {
		return "", sparkerr.Unsupported("an aggregate with a FILTER clause as a window function")
	}
	args, err := l.exprs(call.Args)
	if err != nil {
		return "", err
	}
	var parts []string
	if len(w.Partition) > 0 {
		ps := make([]string, len(w.Partition))
		for i, p := range w.Partition {
			if ps[i], err = l.keyExpr(p); err != nil {
				return "", err
			}
		}
		parts = append(parts, "PARTITION BY "+strings.Join(ps, ", "))
	}
	tie := ""
	if l.rowPos != "" && rowBased(w, call) {
		ks, err := l.sortKeys(w.SortKeys())
		if err != nil {
			return "", err
		}
		tie = l.winTies[ks]
		if tie == "" {
			tie = ", " + l.rowPos
		}
	}
	if len(w.Order) > 0 {
		ks, err := l.sortKeys(w.Order)
		if err != nil {
			return "", err
		}
		parts = append(parts, "ORDER BY "+ks+tie)
	} else if tie != "" && framed(call) {
		// Whole-partition aggregates that depend on row order
		// (first, collect_list) see the rows in the order they reach
		// Spark's Window operator.
		parts = append(parts, "ORDER BY "+strings.TrimPrefix(tie, ", "))
	}
	if w.Frame != nil && framed(call) {
		fr, err := l.frame(w.Frame)
		if err != nil {
			return "", err
		}
		parts = append(parts, fr)
	} else if w.Frame == nil && framed(call) && len(w.Order) > 0 {
		parts = append(parts, "RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW")
	} else if w.Frame == nil && framed(call) {
		parts = append(parts, "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING")
	}
	over := " OVER (" + strings.Join(parts, " ") + ")"
	savedOrder := l.c.ArgOrder
	l.c.ArgOrder = ""
	defer func() { l.c.ArgOrder = savedOrder }()
	if l.rowPos != "" && framed(call) && len(w.Order) > 0 && !rowBased(w, call) && functions.PeerOrderSensitive(call) {
		// A RANGE frame takes the rows that tie on the order keys as
		// a group, but first/last/nth_value still read them in Spark's
		// order: the window's sort with ties in input order.
		ks, err := l.sortKeys(w.SortKeys())
		if err != nil {
			return "", err
		}
		tie := l.winTies[ks]
		if tie == "" {
			tie = ", " + l.rowPos
		}
		l.c.ArgOrder = " ORDER BY " + ks + tie
	}
	var fn string
	if call.Kind == logical.Agg {
		fn, err = functions.LowerWindow(l.c, call, args, over)
	} else {
		fn, err = functions.Lower(l.c, call, args)
		fn += over
	}
	if err != nil {
		return "", err
	}
	return castResult(fn, call.T)
}

// partitionFunction names the first call in exprs that reports where a
// row sits among Spark's partitions ("" if none).
func partitionFunction(exprs []logical.Named) string {
	name := ""
	for _, n := range exprs {
		logical.Walk(n.Expr, func(e logical.Expr) bool {
			if c, ok := e.(*logical.Call); ok && name == "" && (c.Fn == "spark_partition_id" || c.Fn == "monotonically_increasing_id") {
				name = c.Fn + "()"
			}
			return name == ""
		})
	}
	return name
}

// layoutOrNot is p's Spark layout where known; a failure there (an
// operator the layout cannot reproduce) leaves p to the plain lowering,
// which reports its own errors.
func (l *lowerer) layoutOrNot(p logical.Plan) (layout, bool) {
	alias := l.alias
	lay, ok, err := l.partitioned(p)
	if err != nil || !ok {
		l.alias = alias
		return layout{}, false
	}
	return lay, true
}

// repartitioned reports a repartition or coalesce anywhere in p.
func repartitioned(p logical.Plan) bool {
	if _, ok := p.(*logical.Repartition); ok {
		return true
	}
	for _, c := range p.Children() {
		if repartitioned(c) {
			return true
		}
	}
	return false
}

// framed reports whether a window function reads the rows of the
// window's frame: aggregates and nth_value (Spark's other window
// functions have fixed frames of their own).
func framed(call *logical.Call) bool {
	return call.Kind == logical.Agg || call.Fn == "nth_value"
}

// rowBased reports whether a window function's answer depends on the
// order of rows that tie on the window's order keys: everything but the
// peer-based ranks and aggregates over RANGE frames (whose frames already
// take ties as a group).
func rowBased(w *logical.Window, call *logical.Call) bool {
	if framed(call) {
		if len(w.Order) == 0 {
			return w.Frame == nil || w.Frame.Rows
		}
		return w.Frame != nil && w.Frame.Rows
	}
	switch call.Fn {
	case "rank", "dense_rank", "percent_rank", "cume_dist":
		return false
	}
	return true
}

func (l *lowerer) frame(f *logical.Frame) (string, error) {
	bound := func(b logical.FrameBound, lower bool) (string, error) {
		switch {
		case b.Unbounded && lower:
			return "UNBOUNDED PRECEDING", nil
		case b.Unbounded:
			return "UNBOUNDED FOLLOWING", nil
		case b.CurrentRow:
			return "CURRENT ROW", nil
		}
		if lit, ok := b.Offset.(*logical.Lit); ok && types.IsIntegral(lit.T) {
			n := intValue(lit.V)
			if n < 0 {
				return fmt.Sprintf("%d PRECEDING", -n), nil
			}
			return fmt.Sprintf("%d FOLLOWING", n), nil
		}
		s, err := l.expr(b.Offset)
		if err != nil {
			return "", err
		}
		return s + " FOLLOWING", nil
	}
	lo, err := bound(f.Lower, true)
	if err != nil {
		return "", err
	}
	hi, err := bound(f.Upper, false)
	if err != nil {
		return "", err
	}
	kind := "RANGE"
	if f.Rows {
		kind = "ROWS"
	}
	return kind + " BETWEEN " + lo + " AND " + hi, nil
}

// litSQL renders a typed constant as a DuckDB expression of the right type.
func litSQL(t types.DataType, v any) (string, error) {
	dt, err := functions.DuckType(t)
	if err != nil {
		return "", err
	}
	if v == nil {
		return "CAST(NULL AS " + dt + ")", nil
	}
	switch x := v.(type) {
	case bool:
		if x {
			return "true", nil
		}
		return "false", nil
	case int8, int16, int32, int64:
		return "CAST(" + fmt.Sprint(x) + " AS " + dt + ")", nil
	case float32:
		return floatLit(float64(x), dt), nil
	case float64:
		return floatLit(x, dt), nil
	case string:
		return "CAST(" + functions.QuoteString(x) + " AS " + dt + ")", nil
	case []byte:
		return "from_hex('" + hex.EncodeToString(x) + "')", nil
	case plan.DecimalValue:
		d := x.Unscaled
		neg := strings.HasPrefix(d, "-")
		d = strings.TrimPrefix(d, "-")
		if x.Scale > 0 {
			for len(d) <= x.Scale {
				d = "0" + d
			}
			d = d[:len(d)-x.Scale] + "." + d[len(d)-x.Scale:]
		}
		if neg {
			d = "-" + d
		}
		return "CAST('" + d + "' AS " + dt + ")", nil
	case plan.Date:
		return "CAST('" + time.Unix(int64(x)*86400, 0).UTC().Format("2006-01-02") + "' AS DATE)", nil
	case plan.Timestamp:
		return "make_timestamptz(" + strconv.FormatInt(int64(x), 10) + ")", nil
	case plan.TimestampNTZ:
		return "make_timestamp(" + strconv.FormatInt(int64(x), 10) + ")", nil
	case plan.Time:
		// DuckDB's TIME holds microseconds; Spark's precision is at most 6.
		return "CAST(make_time(0, 0, 0) + to_microseconds(" + strconv.FormatInt(int64(x)/1000, 10) + ") AS TIME)", nil
	case plan.DayTime:
		return "to_microseconds(" + strconv.FormatInt(int64(x), 10) + ")", nil
	case plan.YearMonth:
		return "to_months(" + strconv.FormatInt(int64(x), 10) + ")", nil
	case plan.CalendarInterval:
		return fmt.Sprintf("(to_months(%d) + to_days(%d) + to_microseconds(%d))", x.Months, x.Days, x.Microseconds), nil
	case []any:
		switch tt := t.(type) {
		case types.Array:
			parts := make([]string, len(x))
			for i, e := range x {
				s, err := litSQL(tt.Elem, e)
				if err != nil {
					return "", err
				}
				parts[i] = s
			}
			return "CAST([" + strings.Join(parts, ", ") + "] AS " + dt + ")", nil
		case types.Struct:
			parts := make([]string, len(x))
			for i, e := range x {
				s, err := litSQL(tt.Fields[i].Type, e)
				if err != nil {
					return "", err
				}
				parts[i] = functions.QuoteIdent(tt.Fields[i].Name) + " := " + s
			}
			return "CAST(struct_pack(" + strings.Join(parts, ", ") + ") AS " + dt + ")", nil
		}
	case *plan.MapValue:
		mt, ok := t.(types.Map)
		if !ok {
			break
		}
		ks := make([]string, len(x.Keys))
		vs := make([]string, len(x.Values))
		for i := range x.Keys {
			k, err := litSQL(mt.Key, x.Keys[i])
			if err != nil {
				return "", err
			}
			v, err := litSQL(mt.Value, x.Values[i])
			if err != nil {
				return "", err
			}
			ks[i], vs[i] = k, v
		}
		return "CAST(map([" + strings.Join(ks, ", ") + "], [" + strings.Join(vs, ", ") + "]) AS " + dt + ")", nil
	}
	return "", sparkerr.Unsupported(fmt.Sprintf("literal %T of type %s", v, t.SimpleString()))
}

func floatLit(f float64, dt string) string {
	switch {
	case math.IsNaN(f):
		return "CAST('NaN' AS " + dt + ")"
	case math.IsInf(f, 1):
		return "CAST('inf' AS " + dt + ")"
	case math.IsInf(f, -1):
		return "CAST('-inf' AS " + dt + ")"
	case f == 0 && math.Signbit(f):
		// "-0" would be the integer 0: keep the sign through a string.
		return "CAST('-0.0' AS " + dt + ")"
	}
	return "CAST(" + strconv.FormatFloat(f, 'g', -1, 64) + " AS " + dt + ")"
}

func (l *lowerer) fileScan(x *logical.FileScan) (string, error) {
	fileCol := ""
	if x.InputFile != nil {
		fileCol = inputFileColumn
	}
	var src string
	var files []string
	var err error
	if x.Format == "xml" {
		src, files, err = xmlScanSource(x.Paths, x.Options, x.Columns, fileCol)
	} else {
		src, files, err = scanSource(x.Format, x.Paths, x.Options, x.Schema, true, fileCol)
	}
	if err != nil {
		return "", err
	}
	parts := make([]string, len(x.Attrs))
	for i, a := range x.Attrs {
		dt, err := functions.DuckType(a.Type)
		if err != nil {
			return "", err
		}
		parts[i] = "TRY_CAST(" + functions.QuoteIdent(x.Columns[i]) + " AS " + dt + ") AS " + col(a.ID)
	}
	if x.InputFile != nil {
		extra, err := inputFileColumns(x.InputFile, files)
		if err != nil {
			return "", err
		}
		parts = append(parts, extra...)
	}
	if len(parts) == 0 {
		return "SELECT 1 AS __empty FROM " + src, nil
	}
	return "SELECT " + strings.Join(parts, ", ") + " FROM " + src + " AS " + l.next(), nil
}

// tableScan reads a catalog table's files. Partition values come from the
// k=v directories as strings (Spark's null partition is
// __HIVE_DEFAULT_PARTITION__) and are cast to the declared types; data
// columns are cast to the table schema; files lacking a column added later
// (ALTER TABLE ADD COLUMNS) read it as null.
//
// Files of partitions in custom directories (x.Located) are read by one
// more scan each, without hive partitioning: their partition values are
// the catalog's, given as constants, and UNION ALL joins the scans.
func (l *lowerer) tableScan(x *logical.TableScan) (string, error) {
	if len(x.Located) == 0 {
		return l.tableScanFiles(x, x.Files, nil)
	}
	var branches []string
	if len(x.Files) > 0 {
		q, err := l.tableScanFiles(x, x.Files, nil)
		if err != nil {
			return "", err
		}
		branches = append(branches, q)
	}
	for _, lf := range x.Located {
		if len(lf.Files) == 0 {
			continue
		}
		values := lf.Values
		if values == nil {
			values = map[string]string{}
		}
		q, err := l.tableScanFiles(x, lf.Files, values)
		if err != nil {
			return "", err
		}
		branches = append(branches, q)
	}
	if len(branches) == 0 {
		return l.tableScanFiles(x, nil, nil)
	}
	if len(branches) == 1 {
		return branches[0], nil
	}
	return "SELECT * FROM ((" + strings.Join(branches, ") UNION ALL (") + ")) AS " + l.next(), nil
}

// tableScanFiles reads files of a catalog table. values, when not nil,
// are the partition values of every file (a partition in a custom
// directory); otherwise they come from the files' k=v directories.
func (l *lowerer) tableScanFiles(x *logical.TableScan, scanFiles []string, values map[string]string) (string, error) {
	isPart := map[string]bool{}
	for _, p := range x.PartCols {
		isPart[strings.ToLower(p)] = true
	}
	parts := make([]string, len(x.Attrs))
	var dataCols []types.Field
	for i, a := range x.Attrs {
		dt, err := functions.DuckType(a.Type)
		if err != nil {
			return "", err
		}
		if isPart[strings.ToLower(a.Name)] {
			src := functions.QuoteIdent(a.Name)
			if values != nil {
				src = "NULL"
				for k, v := range values {
					if strings.EqualFold(k, a.Name) {
						src = functions.QuoteString(v)
					}
				}
				src = "CAST(" + src + " AS VARCHAR)"
			}
			parts[i] = "TRY_CAST(NULLIF(" + src + ", '__HIVE_DEFAULT_PARTITION__') AS " + dt + ") AS " + col(a.ID)
		} else {
			parts[i] = "CAST(" + functions.QuoteIdent(a.Name) + " AS " + dt + ") AS " + col(a.ID)
			dataCols = append(dataCols, x.Schema.Fields[i])
		}
	}
	if len(scanFiles) == 0 {
		// No data yet: typed nulls, no rows.
		for i, a := range x.Attrs {
			dt, _ := functions.DuckType(a.Type)
			parts[i] = "CAST(NULL AS " + dt + ") AS " + col(a.ID)
		}
		if x.InputFile != nil {
			extra, _ := inputFileColumns(x.InputFile, nil)
			parts = append(parts, extra...)
		}
		if len(parts) == 0 {
			return "SELECT 1 AS __empty WHERE false", nil
		}
		return "SELECT " + strings.Join(parts, ", ") + " WHERE false", nil
	}
	files := append([]string(nil), scanFiles...)
	sparkFileOrder(files)
	list := make([]string, len(files))
	for i, f := range files {
		list[i] = functions.QuoteString(f)
	}
	fl := "[" + strings.Join(list, ", ") + "]"
	hive := "false"
	if len(x.PartCols) > 0 && values == nil {
		hive = "true"
	}
	if x.InputFile != nil && x.Format != "text" {
		hive += ", filename = " + functions.QuoteString(inputFileColumn)
	}
	var src string
	switch x.Format {
	case "parquet", "":
		src = "read_parquet(" + fl + ", union_by_name = true, hive_partitioning = " + hive + ", hive_types_autocast = false)"
		if x.Evolved {
			// Columns no file has yet come from a typed empty relation;
			// UNION ALL BY NAME fills them with nulls.
			typed := make([]string, len(x.Attrs))
			for i, a := range x.Attrs {
				dt, err := functions.DuckType(a.Type)
				if err != nil {
					return "", err
				}
				if isPart[strings.ToLower(a.Name)] {
					dt = "VARCHAR"
				}
				typed[i] = "CAST(NULL AS " + dt + ") AS " + functions.QuoteIdent(a.Name)
			}
			src = "(SELECT " + strings.Join(typed, ", ") + " WHERE false UNION ALL BY NAME SELECT * FROM " + src + ")"
		}
	case "csv", "json":
		cols := make([]string, len(dataCols))
		for i, f := range dataCols {
			dt := "VARCHAR"
			if x.Format == "json" {
				d, err := functions.DuckType(f.Type)
				if err != nil {
					return "", err
				}
				dt = d
			}
			cols[i] = functions.QuoteString(f.Name) + ": " + functions.QuoteString(dt)
		}
		colSpec := "columns = {" + strings.Join(cols, ", ") + "}"
		if x.Format == "json" {
			src = "read_json(" + fl + ", format = 'newline_delimited', " + colSpec + ", hive_partitioning = " + hive + ", hive_types_autocast = false)"
			break
		}
		sep := x.Options["sep"]
		if sep == "" {
			sep = x.Options["delimiter"]
		}
		if sep == "" {
			sep = ","
		}
		header := strings.EqualFold(x.Options["header"], "true")
		src = "read_csv(" + fl + ", header = " + boolStr(header) + ", delim = " + functions.QuoteString(sep) + `, escape = '\', ` + colSpec + ", hive_partitioning = " + hive + ", hive_types_autocast = false)"
	case "text":
		fileCol := ""
		if x.InputFile != nil {
			fileCol = inputFileColumn
		}
		src = textSourceFile(fl, types.Struct{Fields: dataCols}, fileCol)
	default:
		return "", sparkerr.Newf("DATA_SOURCE_NOT_FOUND", "provider", "`"+x.Format+"`")
	}
	if x.InputFile != nil {
		extra, err := inputFileColumns(x.InputFile, files)
		if err != nil {
			return "", err
		}
		parts = append(parts, extra...)
	}
	if len(parts) == 0 {
		return "SELECT 1 AS __empty FROM " + src, nil
	}
	return "SELECT " + strings.Join(parts, ", ") + " FROM " + src + " AS " + l.next(), nil
}

// generate lowers explode/posexplode/inline with DuckDB's unnest: several
// unnest calls in one select list advance together, row by row.
func (l *lowerer) generate(x *logical.Generate) (string, error) {
	in, err := l.plan(x.Input)
	if err != nil {
		return "", err
	}
	arg, err := l.expr(x.Arg)
	if err != nil {
		return "", err
	}
	var sel []string
	for _, a := range x.Input.Output() {
		sel = append(sel, col(a.ID))
	}
	i := 0
	list := func(of string, t types.DataType) (string, error) {
		// Outer generators keep rows whose input is NULL or empty as one NULL row.
		if !x.Outer {
			return of, nil
		}
		dt, err := functions.DuckType(types.Array{Elem: t, ContainsNull: true})
		if err != nil {
			return "", err
		}
		return "(CASE WHEN " + of + " IS NULL OR len(" + of + ") = 0 THEN CAST([NULL] AS " + dt + ") ELSE " + of + " END)", nil
	}
	add := func(expr string) {
		sel = append(sel, "unnest("+expr+") AS "+col(x.Out[i].ID))
		i++
	}
	switch t := x.Arg.Type().(type) {
	case types.Array:
		if x.Kind == logical.PosExplode {
			pos, err := list("range(0, len("+arg+"))", types.Long)
			if err != nil {
				return "", err
			}
			add("CAST(" + pos + " AS INTEGER[])")
		}
		if x.Kind == logical.Inline {
			st, ok := t.Elem.(types.Struct)
			if !ok {
				return "", sparkerr.Unsupported("inline over a non-struct array")
			}
			for _, f := range st.Fields {
				e, err := list("list_transform("+arg+", lambda v: struct_extract(v, "+functions.QuoteString(f.Name)+"))", f.Type)
				if err != nil {
					return "", err
				}
				add(e)
			}
			break
		}
		e, err := list(arg, t.Elem)
		if err != nil {
			return "", err
		}
		add(e)
	case types.Map:
		if x.Kind == logical.PosExplode {
			pos, err := list("range(0, CAST(cardinality("+arg+") AS BIGINT))", types.Long)
			if err != nil {
				return "", err
			}
			add("CAST(" + pos + " AS INTEGER[])")
		}
		k, err := list("map_keys("+arg+")", t.Key)
		if err != nil {
			return "", err
		}
		v, err := list("map_values("+arg+")", t.Value)
		if err != nil {
			return "", err
		}
		add(k)
		add(v)
	default:
		return "", sparkerr.Unsupported("a generator over " + x.Arg.Type().SimpleString())
	}
	return "SELECT " + strings.Join(sel, ", ") + " FROM (" + in + ") AS " + l.next(), nil
}

func (l *lowerer) subquery(x *logical.Subquery) (string, error) {
	inner, err := l.plan(x.Plan)
	if err != nil {
		return "", err
	}
	out := x.Plan.Output()
	cols := make([]string, len(out))
	for i, a := range out {
		cols[i] = col(a.ID)
	}
	q := "SELECT " + strings.Join(cols, ", ") + " FROM (" + inner + ") AS " + l.next()
	not := ""
	if x.Not {
		not = "NOT "
	}
	switch x.Kind {
	case logical.ScalarSubquery:
		return "(" + q + ")", nil
	case logical.ExistsSubquery:
		return "(" + not + "EXISTS (" + q + "))", nil
	}
	vals, err := l.exprs(x.Values)
	if err != nil {
		return "", err
	}
	left := vals[0]
	if len(vals) > 1 {
		left = "(" + strings.Join(vals, ", ") + ")"
		q = "SELECT (" + strings.Join(cols, ", ") + ") FROM (" + inner + ") AS " + l.next()
	}
	return "(" + left + " " + not + "IN (" + q + "))", nil
}

func intValue(v any) int64 { n, _ := logical.IntValue(v); return n }

// sparkPartitions is the number of partitions Spark reads p in: a range
// its numPartitions (default: the parallelism, see partitions.go), a
// single file scan 1, and the default parallelism (as for local data)
// otherwise. Projections and filters keep their input's partitioning.
func (l *lowerer) sparkPartitions(p logical.Plan) int {
	switch x := p.(type) {
	case *logical.Range:
		if x.NumPartitions > 0 {
			return int(x.NumPartitions)
		}
		return l.parallelism()
	case *logical.FileScan:
		if len(x.Paths) == 1 {
			if st, err := os.Stat(x.Paths[0]); err == nil && !st.IsDir() {
				return 1
			}
		}
		return l.parallelism()
	case *logical.Project, *logical.Filter:
		ch := p.Children()
		if len(ch) == 1 {
			return l.sparkPartitions(ch[0])
		}
	}
	return l.parallelism()
}

// partitionSensitive reports whether an aggregate's result depends on how
// Spark partitions its input (see functions.PartitionSensitive).
func partitionSensitive(aggs []logical.Named) bool {
	for _, n := range aggs {
		if logical.Any(n.Expr, func(e logical.Expr) bool {
			c, ok := e.(*logical.Call)
			return ok && c.Kind == logical.Agg && functions.PartitionSensitive(c.Fn)
		}) {
			return true
		}
	}
	return false
}

// exceptAll is EXCEPT ALL with a deterministic order: a left row is kept
// when it is past the n-th occurrence of its values, n being how often
// the right side has them, and the rows keep the left input's order
// (DuckDB's own EXCEPT ALL returns them in an arbitrary order).
func (l *lowerer) exceptAll(x *logical.SetOp, left, right string) string {
	cols := make([]string, len(x.Out))
	lcols := make([]string, len(x.Out))
	on := make([]string, len(x.Out))
	for i, a := range x.Out {
		c := col(a.ID)
		cols[i] = c
		lcols[i] = "l." + c + " AS " + c
		on[i] = "l." + c + " IS NOT DISTINCT FROM r." + c
	}
	all := strings.Join(cols, ", ")
	numbered := "SELECT *, row_number() OVER (PARTITION BY " + all + " ORDER BY __p) AS __k FROM " +
		"(SELECT *, row_number() OVER () AS __p FROM (" + left + ") AS " + l.next() + ") AS " + l.next()
	counts := "SELECT " + all + ", count(*) AS __n FROM (" + right + ") AS " + l.next() + " GROUP BY " + all
	return "SELECT " + strings.Join(lcols, ", ") + " FROM (" + numbered + ") AS l LEFT JOIN (" + counts + ") AS r ON " +
		strings.Join(on, " AND ") + " WHERE l.__k > coalesce(r.__n, 0) ORDER BY l.__p"
}
