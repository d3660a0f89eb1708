package analyzer

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// The df.stat relations. Spark computes most of them eagerly on the driver
// with its own one-pass algorithms; here each becomes a small aggregate
// whose heavy lifting is a Go function installed in DuckDB (internal/udf,
// ember_stat_*), fed the whole column as a list, so the answers follow
// Spark's algorithms rather than DuckDB's statistics.
//
//	StatCov(c1, c2)        Aggregate [ember_stat_cov(list([double(c1), double(c2)])) AS cov]
//	StatApproxQuantile     Aggregate [[ember_approx_quantile(list(double(c)), probs, err), ...]]
//	StatFreqItems          Project [list_select(l, ember_freq_items(hashes(l), 1/support))]
//	                       └─ Aggregate [list(c) AS l, ...]
//	StatCrosstab           Aggregate by string(c1) [count(*) FILTER (string(c2) = v) AS v, ...]
//	                       (the distinct values v of c2 are computed first, as Spark does)

// Evaluator is implemented by a Catalog that can run a resolved plan while
// another is being analyzed. Spark itself runs a query to learn the output
// columns of crosstab and of pivot without values. Every column of p must
// be a string; the answer is its rows (nil for NULL).
type Evaluator interface {
	EvaluateStrings(ctx context.Context, s *session.Session, p logical.Plan) ([][]*string, error)
}

func (a *Analyzer) evaluateStrings(p logical.Plan, feature string) ([][]*string, error) {
	ev, ok := a.Catalog.(Evaluator)
	if !ok {
		return nil, sparkerr.Unsupported(feature + " (needs a query at analysis time)")
	}
	return ev.EvaluateStrings(a.Ctx, a.Session, p)
}

// rawCall is an internal function call lowered by lower (its arguments
// already rendered as DuckDB SQL); it is not in the function registry.
func rawCall(name string, t types.DataType, nullable bool, kind logical.CallKind, lower func(args []string) string, args ...logical.Expr) *logical.Call {
	return &logical.Call{
		Fn: name, Args: args, T: t, Null: nullable, Kind: kind, Pretty: name,
		Impl: &functions.Def{Name: name, Lower: func(_ *functions.LowerCtx, _ *logical.Call, as []string) (string, error) {
			return lower(as), nil
		}},
	}
}

// requirementFailed is Scala's require(...) failing: an
// IllegalArgumentException without an error class.
func requirementFailed(msg string) error {
	return &sparkerr.Error{JavaClass: sparkerr.IllegalArgument, Text: "requirement failed: " + msg}
}

func toDouble(at logical.Attr) logical.Expr {
	return &logical.Cast{Child: &logical.ColRef{Attr: at}, To: types.Double, Mode: logical.Legacy, Null: at.Nullable}
}

// statColumn resolves a column named by a df.stat call.
func (a *Analyzer) statColumn(in logical.Plan, name string) (logical.Attr, error) {
	cols, err := a.columnsFor(in, []string{name})
	if err != nil {
		return logical.Attr{}, err
	}
	return cols[0], nil
}

func (a *Analyzer) statCovCorr(input plan.Relation, col1, col2, fn, what string) (logical.Plan, error) {
	in, err := a.Resolve(input)
	if err != nil {
		return nil, err
	}
	var cols []logical.Attr
	for _, n := range []string{col1, col2} {
		at, err := a.statColumn(in, n)
		if err != nil {
			return nil, err
		}
		if !types.IsNumeric(at.Type) {
			return nil, requirementFailed("Currently " + what + " calculation for columns with dataType " + at.Type.SimpleString() + " not supported.")
		}
		cols = append(cols, at)
	}
	pair := rawCall("ember_"+fn, types.Double, false, logical.Agg, func(as []string) string {
		return "ember_stat_" + fn + "(list([" + as[0] + ", " + as[1] + "]))"
	}, toDouble(cols[0]), toDouble(cols[1]))
	out := logical.Attr{ID: logical.NewID(), Name: fn, Type: types.Double}
	return &logical.Aggregate{Input: in, Aggs: []logical.Named{{Attr: out, Expr: pair}}}, nil
}

func (a *Analyzer) statCov(x *plan.StatCov) (logical.Plan, error) {
	return a.statCovCorr(x.Input, x.Col1, x.Col2, "cov", "covariance")
}

func (a *Analyzer) statCorr(x *plan.StatCorr) (logical.Plan, error) {
	if x.Method != "" && !strings.EqualFold(x.Method, "pearson") {
		return nil, requirementFailed("Currently only the calculation of the Pearson Correlation coefficient is supported.")
	}
	return a.statCovCorr(x.Input, x.Col1, x.Col2, "corr", "correlation")
}

func (a *Analyzer) statApproxQuantile(x *plan.StatApproxQuantile) (logical.Plan, error) {
	in, err := a.Resolve(x.Input)
	if err != nil {
		return nil, err
	}
	if x.RelativeError < 0 {
		return nil, requirementFailed("Relative Error must be non-negative but got " + javaDouble(x.RelativeError))
	}
	for _, p := range x.Probabilities {
		if p < 0 || p > 1 {
			return nil, requirementFailed("percentile should be in the range [0.0, 1.0]")
		}
	}
	probs := make([]string, len(x.Probabilities))
	for i, p := range x.Probabilities {
		probs[i] = "CAST(" + strconv.FormatFloat(p, 'g', -1, 64) + " AS DOUBLE)"
	}
	probList := "CAST([" + strings.Join(probs, ", ") + "] AS DOUBLE[])"
	eps := "CAST(" + strconv.FormatFloat(x.RelativeError, 'g', -1, 64) + " AS DOUBLE)"
	var args []logical.Expr
	for _, n := range x.Cols {
		at, err := a.statColumn(in, n)
		if err != nil {
			return nil, err
		}
		if !types.IsNumeric(at.Type) {
			return nil, requirementFailed("Quantile calculation for column " + n + " with data type " + typeObjectName(at.Type) + " is not supported.")
		}
		args = append(args, toDouble(at))
	}
	t := types.Array{Elem: types.Array{Elem: types.Double, ContainsNull: false}, ContainsNull: false}
	call := rawCall("approx_quantile", t, false, logical.Agg, func(as []string) string {
		parts := make([]string, len(as))
		for i, s := range as {
			parts[i] = "ember_approx_quantile(list(" + s + "), " + probList + ", " + eps + ")"
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}, args...)
	out := logical.Attr{ID: logical.NewID(), Name: "approx_quantile", Type: t}
	return &logical.Aggregate{Input: in, Aggs: []logical.Named{{Attr: out, Expr: call}}}, nil
}

// typeObjectName is how Scala prints a DataType object (StringType,
// ArrayType(IntegerType,true) ...), close enough for messages.
func typeObjectName(t types.DataType) string {
	s := t.SimpleString()
	names := map[string]string{
		"string": "StringType", "boolean": "BooleanType", "date": "DateType", "timestamp": "TimestampType",
		"timestamp_ntz": "TimestampNTZType", "binary": "BinaryType", "void": "NullType",
	}
	if n, ok := names[s]; ok {
		return n
	}
	return s
}

func javaDouble(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.ContainsAny(s, ".eEnN") {
		s += ".0"
	}
	return s
}

func (a *Analyzer) statFreqItems(x *plan.StatFreqItems) (logical.Plan, error) {
	in, err := a.Resolve(x.Input)
	if err != nil {
		return nil, err
	}
	if x.Support < 1e-4 || x.Support > 1 {
		return nil, requirementFailed("Support must be in [1e-4, 1], but got " + javaDouble(x.Support) + ".")
	}
	size := int64(1 / x.Support)
	var lists, outs []logical.Named
	for _, n := range x.Cols {
		at, err := a.statColumn(in, n)
		if err != nil {
			return nil, err
		}
		lt := types.Array{Elem: at.Type, ContainsNull: at.Nullable}
		l := logical.Attr{ID: logical.NewID(), Name: n, Type: lt, Nullable: false}
		lists = append(lists, logical.Named{Attr: l, Expr: rawCall("list", lt, false, logical.Agg, func(as []string) string {
			return "coalesce(list(" + as[0] + "), [])"
		}, &logical.ColRef{Attr: at})})
		keep := rawCall("collect_frequent_items", lt, false, logical.Scalar, func(as []string) string {
			return "list_select(" + as[0] + ", ember_freq_items(list_transform(" + as[0] + ", e -> hash(e)), " + strconv.FormatInt(size, 10) + "))"
		}, &logical.ColRef{Attr: l})
		outs = append(outs, logical.Named{Attr: logical.Attr{ID: logical.NewID(), Name: n + "_freqItems", Type: lt}, Expr: keep})
	}
	return &logical.Project{Input: &logical.Aggregate{Input: in, Aggs: lists}, Exprs: outs}, nil
}

// statCrosstab is Spark's contingency table: one row per distinct value of
// col1 (as a string, "null" for NULL), one bigint column per distinct value
// of col2 (named by its string form, sorted as strings). Spark declares the
// key column nullable although it never holds NULL.
func (a *Analyzer) statCrosstab(x *plan.StatCrosstab) (logical.Plan, error) {
	in, err := a.Resolve(x.Input)
	if err != nil {
		return nil, err
	}
	c1, err := a.statColumn(in, x.Col1)
	if err != nil {
		return nil, err
	}
	c2, err := a.statColumn(in, x.Col2)
	if err != nil {
		return nil, err
	}
	key := func(at logical.Attr) logical.Expr {
		return rawCall("crosstab_key", types.String, false, logical.Scalar, func(as []string) string {
			return "coalesce(" + as[0] + ", 'null')"
		}, &logical.Cast{Child: &logical.ColRef{Attr: at}, To: types.String, Mode: logical.Legacy, Null: true})
	}
	k2 := logical.Attr{ID: logical.NewID(), Name: "v", Type: types.String}
	distinct := &logical.Distinct{Input: &logical.Project{Input: in, Exprs: []logical.Named{{Attr: k2, Expr: key(c2)}}}}
	rows, err := a.evaluateStrings(distinct, "crosstab")
	if err != nil {
		return nil, err
	}
	var vals []string
	for _, r := range rows {
		if r[0] != nil {
			vals = append(vals, *r[0])
		}
	}
	if len(vals) >= 1e4 {
		return nil, requirementFailed("The number of distinct values for " + x.Col2 + ", can't exceed 1e4. Currently " + strconv.Itoa(len(vals)))
	}
	sort.Strings(vals) // Java orders strings by UTF-16 units: the same outside supplementary planes
	k1 := key(c1)
	aggs := []logical.Named{{Attr: logical.Attr{ID: logical.NewID(), Name: x.Col1 + "_" + x.Col2, Type: types.String, Nullable: true}, Expr: k1}}
	for _, v := range vals {
		lit := &logical.Lit{T: types.String, V: v, Text: functions.QuoteString(v)}
		cnt := rawCall("count", types.Long, false, logical.Agg, func(as []string) string {
			return "count(*) FILTER (WHERE " + as[0] + " = " + as[1] + ")"
		}, key(c2), lit)
		aggs = append(aggs, logical.Named{Attr: logical.Attr{ID: logical.NewID(), Name: strings.ReplaceAll(v, "`", ""), Type: types.Long}, Expr: cnt})
	}
	return &logical.Aggregate{Input: in, Groups: []logical.Expr{k1}, Aggs: aggs}, nil
}

// statSampleBy is Spark's stratified sample: a filter keeping a row when
// rand(seed) is below its stratum's fraction (0 for strata not listed).
// The draws follow Spark's per-partition generators where Ember knows
// the partition layout (see engine/duckdb/partitions.go).
//
//	StatSampleBy(col, {s1: f1, ...}, seed)
//	  → Filter [rand(seed) < CASE WHEN col = s1 THEN f1 ... ELSE 0.0 END]
//
// Spark looks the stratum up in a Scala Map, where numbers of different
// types are equal by value and a string never equals a number: a
// fraction whose stratum cannot equal the column's values is left out.
func (a *Analyzer) statSampleBy(x *plan.StatSampleBy) (logical.Plan, error) {
	var shown []string
	for _, f := range x.Fractions {
		shown = append(shown, fmt.Sprintf("%v -> %s", literalText(f.Stratum), scalaDouble(f.Fraction)))
	}
	for _, f := range x.Fractions {
		if !(f.Fraction >= 0 && f.Fraction <= 1) {
			return nil, requirementFailed("Fractions must be in [0, 1], but got Map(" + strings.Join(shown, ", ") + ").")
		}
	}
	probe, err := a.Resolve(&plan.Project{Input: x.Input, Exprs: []plan.Expr{x.Col}})
	if err != nil {
		return nil, err
	}
	ct := probe.Output()[0].Type
	var branches [][2]plan.Expr
	for _, f := range x.Fractions {
		if f.Stratum == nil || f.Stratum.Value == nil || !sameStratumKind(ct, f.Stratum.Type) {
			continue
		}
		branches = append(branches, [2]plan.Expr{
			&plan.UnresolvedFunction{Name: "==", Args: []plan.Expr{x.Col, f.Stratum}},
			&plan.Literal{Type: types.Double, Value: f.Fraction},
		})
	}
	var fraction plan.Expr = &plan.Literal{Type: types.Double, Value: 0.0}
	if len(branches) > 0 {
		fraction = &plan.CaseWhen{Branches: branches, Else: fraction}
	}
	rand := &plan.UnresolvedFunction{Name: "rand", Args: []plan.Expr{&plan.Literal{Type: types.Long, Value: x.Seed}}}
	return a.Resolve(&plan.Filter{Input: x.Input, Cond: &plan.UnresolvedFunction{Name: "<", Args: []plan.Expr{rand, fraction}}})
}

// sameStratumKind reports whether values of a column of type ct can equal
// a stratum of type st in Spark's Scala Map lookup.
func sameStratumKind(ct, st types.DataType) bool {
	switch {
	case types.IsNumeric(ct) && types.IsNumeric(st):
		return true
	case isStringKind(ct) && isStringKind(st):
		return true
	}
	return ct.Kind() == st.Kind() && !types.IsNumeric(ct) && !isStringKind(ct)
}

func isStringKind(t types.DataType) bool {
	k := t.Kind()
	return k == types.KindString || k == types.KindChar || k == types.KindVarchar
}

func literalText(l *plan.Literal) string {
	if l == nil || l.Value == nil {
		return "null"
	}
	if f, ok := l.Value.(float64); ok {
		return scalaDouble(f)
	}
	return fmt.Sprint(l.Value)
}

// scalaDouble prints a double as Scala's toString does for ordinary values.
func scalaDouble(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.ContainsAny(s, ".eEInN") {
		s += ".0"
	}
	return s
}
