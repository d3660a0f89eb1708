// Package functions is Spark's built-in function library as data.
//
// Each function is one Def: its Spark name and aliases, how many arguments
// it takes, how it types its result (Spark's rules, including implicit
// casts of its arguments), how it is named in generated column names, and
// how it lowers to DuckDB SQL. The analyzer only consults Resolve; the
// DuckDB engine only consults Lower. One registry drives both, SHOW
// FUNCTIONS and the coverage table in docs/.
package functions

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// Ctx is what typing rules may consult.
type Ctx struct {
	ANSI     bool
	TimeZone string
	// DeferNestedAggregates leaves aggregates nested in aggregate
	// arguments to the caller's own check (observed metrics report them
	// with an error of their own) instead of NESTED_AGGREGATE_FUNCTION.
	DeferNestedAggregates bool
}

// LowerCtx is what lowering may consult.
type LowerCtx struct {
	ANSI bool
	// TimeZone is the session time zone id as the user gave it (what
	// current_timezone() answers and Ember's own functions resolve);
	// EngineZone is its name for DuckDB's timezone() (tz.EngineName),
	// TimeZone when empty.
	TimeZone   string
	EngineZone string
	// MapKeyLastWin is spark.sql.mapKeyDedupPolicy=LAST_WIN: a duplicate
	// map key keeps the last value instead of raising MAP_KEY_DUPLICATED.
	MapKeyLastWin bool
	// Spark35 is set for a Spark 3.5 client: lowering then follows Spark
	// 3.5 where its results differ from 4.x (legacy casts of a timestamp
	// to a narrow integral type wrap instead of giving NULL).
	Spark35 bool
	// InputPartitions is set while an aggregate's calls are lowered: the
	// number of partitions Spark's reference setup (local[2]) would split
	// the aggregate's input into, in input order and of equal sizes, for
	// the aggregates whose result depends on it (histogram_numeric). 0
	// means unknown (taken as 2, Spark's default parallelism).
	InputPartitions int
	// PartitionOf, when set, is the SQL of the Spark partition (0 ..
	// InputPartitions-1) of the current input row of a grouped aggregate.
	PartitionOf string
	// Over is set while an aggregate is lowered as a window function: the
	// OVER clause each aggregate call in the lowering must carry (see Agg).
	Over string
	// overUsed counts the aggregate calls that took Over.
	overUsed int
	// ArgOrder, when set while a window function is lowered, is the
	// " ORDER BY ..." in which a function whose answer depends on row
	// order (PeerOrderSensitive) must read its frame's rows.
	ArgOrder string
	// Parallelism is Spark's default partition count of leaf relations
	// (spark.sql.leafNodeDefaultParallelism, by default the core count of
	// a local[*] master).
	Parallelism int
	// Position, when set, names the SQL of the current row's Spark
	// partition index and its 0-based position among the rows of that
	// partition reaching the expression; seeded rand/randn then draw
	// exactly as Spark's per-partition generators do.
	Position *RowPosition
}

// RowPosition is where a row sits in Spark's partition layout.
type RowPosition struct {
	Partition, Pos string
}

// Agg marks call, an aggregate call inside an aggregate's lowering: as a
// window function it gets the window's OVER clause. Lowerings that wrap
// aggregate calls in other expressions (a cast, a scalar finisher over
// list(x)) must pass each call through Agg; a lowering that is one
// aggregate call gets OVER appended by the window lowerer.
func (c *LowerCtx) Agg(call string) string {
	if c.Over == "" {
		return call
	}
	c.overUsed++
	return call + c.Over
}

// LowerWindow lowers an aggregate call as a window function with the
// given OVER clause.
func LowerWindow(c *LowerCtx, call *logical.Call, args []string, over string) (string, error) {
	saved, savedUsed := c.Over, c.overUsed
	c.Over, c.overUsed = over, 0
	s, err := Lower(c, call, args)
	used := c.overUsed
	c.Over, c.overUsed = saved, savedUsed
	if err != nil {
		return "", err
	}
	if used == 0 {
		s += over
	}
	return s, nil
}

// ResolveFunc checks and coerces the arguments of a call and returns the
// possibly rewritten arguments, the result type and nullability.
type ResolveFunc func(c *Ctx, name string, args []logical.Expr) (newArgs []logical.Expr, t types.DataType, nullable bool, err error)

// LowerFunc renders a call as DuckDB SQL, given its arguments already
// rendered.
type LowerFunc func(c *LowerCtx, call *logical.Call, args []string) (string, error)

// PrettyFunc renders Spark's SQL text of a call for column naming.
type PrettyFunc func(name string, args []logical.Expr, distinct bool) string

// Def is one built-in function.
type Def struct {
	Name    string
	Aliases []string
	Kind    logical.CallKind
	// MinArgs/MaxArgs bound the argument count; MaxArgs < 0 is variadic.
	MinArgs, MaxArgs int
	Resolve          ResolveFunc
	Lower            LowerFunc
	Pretty           PrettyFunc
	// Since is the Spark version that introduced the function.
	Since string
	// Group is the function family (for docs).
	Group string
	// Exact says Lower already yields the DuckDB type of the Spark result
	// (a comparison or logical operator is BOOLEAN), so the engine renders
	// it without a result cast, which would hide join conditions and
	// conjunctions from DuckDB's optimizer.
	Exact bool
	// ShowAlias makes generated column names use the name the user called
	// (ifnull(a, 2)) instead of the canonical one (avg for mean).
	ShowAlias bool
	// Refused, when set, names why Ember cannot run this Spark function:
	// a call raises UNSUPPORTED_FEATURE with it (instead of
	// UNRESOLVED_ROUTINE), and the docs list the function as refused.
	Refused string
}

var (
	mu       sync.RWMutex
	registry = map[string]*Def{}
)

// Register adds definitions; it panics on duplicate names (a programming
// error caught by tests at init).
func Register(defs ...*Def) {
	mu.Lock()
	defer mu.Unlock()
	for _, d := range defs {
		for _, n := range append([]string{d.Name}, d.Aliases...) {
			k := strings.ToLower(n)
			if _, dup := registry[k]; dup {
				panic("functions: duplicate registration of " + n)
			}
			registry[k] = d
		}
	}
}

// Lookup finds a function by (case-insensitive) name.
func Lookup(name string) (*Def, bool) {
	mu.RLock()
	defer mu.RUnlock()
	d, ok := registry[strings.ToLower(name)]
	return d, ok
}

// Names lists every registered name (including aliases), sorted.
func Names() []string {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]string, 0, len(registry))
	for k := range registry {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Call resolves a function application into a typed logical.Call.
func Call(c *Ctx, name string, args []logical.Expr, distinct bool) (logical.Expr, error) {
	d, ok := Lookup(name)
	if !ok {
		return nil, sparkerr.Newf("UNRESOLVED_ROUTINE",
			"routineName", sparkerr.QuoteID(name),
			"searchPath", "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]")
	}
	if len(args) < d.MinArgs || (d.MaxArgs >= 0 && len(args) > d.MaxArgs) {
		return nil, wrongArgs(name, d, len(args))
	}
	if d.Refused != "" {
		return nil, sparkerr.Unsupported(strings.ToLower(name) + ": " + d.Refused)
	}
	if d.Kind == logical.Agg && !c.DeferNestedAggregates && nestedAggregate(args) {
		return nil, sparkerr.Newf("NESTED_AGGREGATE_FUNCTION")
	}
	newArgs, t, nullable, err := d.Resolve(c, name, args)
	if err != nil {
		return nil, err
	}
	pretty := d.Pretty
	if pretty == nil {
		pretty = DefaultPretty
	}
	return &logical.Call{
		Fn: d.Name, Args: newArgs, T: t, Null: nullable, Kind: d.Kind, Distinct: distinct,
		Pretty: pretty(displayName(name, d), newArgs, distinct), Impl: d,
	}, nil
}

// nestedAggregate reports an aggregate call inside aggregate arguments
// (outside any window), which Spark rejects.
func nestedAggregate(args []logical.Expr) bool {
	found := false
	for _, a := range args {
		logical.Walk(a, func(x logical.Expr) bool {
			switch c := x.(type) {
			case *logical.Window:
				return false
			case *logical.Call:
				if c.Kind == logical.Agg {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

func displayName(called string, d *Def) string {
	if d.ShowAlias {
		return strings.ToLower(called)
	}
	return d.Name
}

func wrongArgs(name string, d *Def, got int) error {
	var expected string
	switch {
	case d.MaxArgs < 0:
		expected = fmt.Sprintf("> %d", d.MinArgs-1)
	case d.MinArgs == d.MaxArgs:
		expected = fmt.Sprint(d.MinArgs)
	default:
		expected = fmt.Sprintf("[%d, %d]", d.MinArgs, d.MaxArgs)
	}
	return sparkerr.Newf("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
		"functionName", sparkerr.QuoteID(strings.ToLower(name)),
		"expectedNum", expected, "actualNum", fmt.Sprint(got), "docroot", "https://spark.apache.org/docs/latest")
}

// DefaultPretty renders "name(a, b)" / "name(DISTINCT a)".
func DefaultPretty(name string, args []logical.Expr, distinct bool) string {
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = a.SQL()
	}
	d := ""
	if distinct {
		d = "DISTINCT "
	}
	return name + "(" + d + strings.Join(parts, ", ") + ")"
}

// Lower renders a resolved call to DuckDB SQL.
func Lower(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	d, ok := call.Impl.(*Def)
	if !ok || d.Lower == nil {
		return "", sparkerr.Internal("function %s has no DuckDB lowering", call.Fn)
	}
	return d.Lower(c, call, args)
}

// ExactResult reports whether a call's lowering already has the DuckDB
// type of its Spark result (see Def.Exact).
func ExactResult(call *logical.Call) bool {
	d, ok := call.Impl.(*Def)
	return ok && d.Exact
}

// decimalArithOf reports, for a decimal +, - or * call, Spark's unadjusted
// result precision and scale (ok is false for anything else).
func decimalArithOf(e logical.Expr) (call *logical.Call, out types.Decimal, p, sc int, ok bool) {
	call, ok = e.(*logical.Call)
	if !ok || len(call.Args) != 2 || call.Filter != nil {
		return nil, out, 0, 0, false
	}
	d, ok := call.Impl.(*Def)
	if !ok || (d.Name != "+" && d.Name != "-" && d.Name != "*") {
		return nil, out, 0, 0, false
	}
	out, ok = call.T.(types.Decimal)
	a, okA := call.Args[0].Type().(types.Decimal)
	b, okB := call.Args[1].Type().(types.Decimal)
	if !ok || !okA || !okB {
		return nil, out, 0, 0, false
	}
	if d.Name == "*" {
		p, sc = a.Precision+b.Precision+1, a.Scale+b.Scale
	} else {
		sc = max(a.Scale, b.Scale)
		p = max(a.Precision-a.Scale, b.Precision-b.Scale) + sc + 1
	}
	return call, out, p, sc, true
}

// ExactDecimalArith reports whether e is a decimal +, - or * whose Spark
// result type needed no adjustment: its result always fits.
func ExactDecimalArith(e logical.Expr) bool {
	_, out, p, sc, ok := decimalArithOf(e)
	return ok && p <= types.MaxDecimalPrecision && out.Precision == p && out.Scale == sc
}

// ScaleKeepingDecimalArith reports whether e is a decimal +, - or * whose
// Spark result keeps the operation's natural scale (at most its precision
// is capped at 38 digits). DuckDB's own result then has the same scale and
// no larger a precision, so it holds the same value: it differs only when
// the value needs more than 38 digits, which raises in both under ANSI
// mode and which the operator's lowering turns into NULL without it. A
// consumer that widens its input anyway (TakesNarrowDecimal) can read it
// without the cast to the Spark type, which would hide DuckDB's value
// statistics and force 128-bit arithmetic per row.
func ScaleKeepingDecimalArith(e logical.Expr) bool {
	_, out, _, sc, ok := decimalArithOf(e)
	return ok && out.Scale == sc
}

// TakesNarrowDecimal reports whether call accepts a ScaleKeepingDecimalArith
// argument uncast: sum and avg (they widen to their own result type, which
// the lowering casts to) and scale-keeping decimal arithmetic itself.
func TakesNarrowDecimal(call *logical.Call) bool {
	if ScaleKeepingDecimalArith(call) {
		return true
	}
	d, ok := call.Impl.(*Def)
	return ok && (d.Name == "sum" || d.Name == "avg") && !call.Distinct
}

// ImplicitCast wraps e in a cast to t unless it already has that type.
func ImplicitCast(e logical.Expr, t types.DataType) logical.Expr {
	if types.Equal(e.Type(), t) {
		return e
	}
	return &logical.Cast{Child: e, To: t, Mode: logical.Legacy, Implicit: true, Null: e.Nullable()}
}

// typeMismatch is DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE.
func typeMismatch(sqlExpr string, paramIndex int, required string, arg logical.Expr) error {
	return sparkerr.Newf("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
		"sqlExpr", "\""+sqlExpr+"\"",
		"paramIndex", ordinal(paramIndex),
		"requiredType", required,
		"inputSql", "\""+arg.SQL()+"\"",
		"inputType", "\""+strings.ToUpper(arg.Type().SimpleString())+"\"")
}

func ordinal(i int) string {
	switch i {
	case 1:
		return "first"
	case 2:
		return "second"
	case 3:
		return "third"
	case 4:
		return "fourth"
	case 5:
		return "fifth"
	}
	return fmt.Sprintf("%dth", i)
}

func anyNullable(args []logical.Expr) bool {
	for _, a := range args {
		if a.Nullable() {
			return true
		}
	}
	return false
}

// fn builds a simple "name(args...)" lowering; an aggregate called with
// DISTINCT keeps it: sum(DISTINCT x).
func fn(duck string) LowerFunc {
	return func(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
		if call != nil && call.Distinct && call.Kind == logical.Agg {
			return duck + "(DISTINCT " + strings.Join(args, ", ") + ")", nil
		}
		return duck + "(" + strings.Join(args, ", ") + ")", nil
	}
}

// tmpl builds a lowering from a template with $1, $2... placeholders.
// In an aggregate's template, each list(...) is the aggregate call (the
// rest finishes the collected list), so as a window function it is the
// part that takes the OVER clause.
func tmpl(t string) LowerFunc {
	return func(c *LowerCtx, _ *logical.Call, args []string) (string, error) {
		out := t
		if c != nil && c.Over != "" {
			out = markListAggs(out)
		}
		for i := len(args); i >= 1; i-- {
			out = strings.ReplaceAll(out, fmt.Sprintf("$%d", i), args[i-1])
		}
		if c != nil && strings.Contains(out, overMark) {
			c.overUsed += strings.Count(out, overMark)
			out = strings.ReplaceAll(out, overMark, c.Over)
		}
		return out, nil
	}
}

// overMark stands for the OVER clause while a template is filled in.
const overMark = "\x00over\x00"

// markListAggs puts overMark after each list(...) call of a template.
func markListAggs(t string) string {
	var b strings.Builder
	depth := []int{} // paren depths at which a list( call opened
	level := 0
	for i := 0; i < len(t); i++ {
		ch := t[i]
		if ch == '(' {
			level++
			if i >= 4 && t[i-4:i] == "list" && (i == 4 || !isIdentChar(t[i-5])) {
				depth = append(depth, level)
			}
		}
		b.WriteByte(ch)
		if ch == ')' {
			if n := len(depth); n > 0 && depth[n-1] == level {
				depth = depth[:n-1]
				b.WriteString(overMark)
			}
			level--
		}
	}
	return b.String()
}

func isIdentChar(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// RaiseSQL renders a DuckDB expression that fails the query with a Spark
// error; the engine decodes the marker back into *sparkerr.Error.
func RaiseSQL(class string, kv ...string) string {
	var b strings.Builder
	b.WriteString(ErrorMarker)
	b.WriteString(class)
	for i := 0; i+1 < len(kv); i += 2 {
		b.WriteString("\x1f")
		b.WriteString(kv[i])
		b.WriteString("=")
		b.WriteString(kv[i+1])
	}
	return "error(" + QuoteString(b.String()) + ")"
}

// ErrorMarker prefixes error messages raised through RaiseSQL.
const ErrorMarker = "EMBER_SPARK_ERROR:"

// DecodeRaised parses an error message produced by RaiseSQL, if it is one.
// An empty class with a message parameter decodes to an unclassified error.
func DecodeRaised(msg string) (*sparkerr.Error, bool) {
	i := strings.Index(msg, ErrorMarker)
	if i < 0 {
		return nil, false
	}
	rest := msg[i+len(ErrorMarker):]
	if j := strings.IndexAny(rest, "\n"); j >= 0 {
		rest = rest[:j]
	}
	parts := strings.Split(rest, "\x1f")
	params := map[string]string{}
	java, text35, java35 := "", "", ""
	for _, p := range parts[1:] {
		k, v, _ := strings.Cut(p, "=")
		switch k {
		case JavaKey:
			java = v
			continue
		case Text35Key:
			text35 = v
			continue
		case java35Key:
			java35 = v
			continue
		}
		params[k] = v
	}
	if parts[0] == "" {
		// A plain Java exception, raised without an error class.
		if java == "" {
			java = "java.lang.RuntimeException"
		}
		return sparkerr.Unclassified(java, params["message"]), true
	}
	e := sparkerr.New(parts[0], params)
	if strings.HasPrefix(e.Class, "_LEGACY_ERROR_EMBER_") {
		// An error Spark raises without a class: only its text travels.
		e.Class, e.Params = "", nil
	}
	if e.Class == "REMAINDER_BY_ZERO" {
		e.Text35 = remainderByZero35
	}
	if java != "" {
		e.JavaClass = java
	}
	if text35 != "" {
		e.Text35 = text35
	}
	if java35 != "" {
		e.JavaClass35 = java35
	}
	return e, true
}

// Keys of a raised error carrying its Spark 3.5 text and exception class.
const (
	Text35Key = "@text35"
	java35Key = "@java35"
)

// EncodeRaised renders e as the marked error text DecodeRaised reads back
// (for errors raised by UDFs at run time).
func EncodeRaised(e *sparkerr.Error) string {
	var b strings.Builder
	b.WriteString(ErrorMarker)
	b.WriteString(e.Class)
	keys := make([]string, 0, len(e.Params))
	for k := range e.Params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		b.WriteString("\x1f" + k + "=" + e.Params[k])
	}
	if e.JavaClass != "" {
		b.WriteString("\x1f" + JavaKey + "=" + e.JavaClass)
	}
	if e.Text35 != "" {
		b.WriteString("\x1f" + Text35Key + "=" + e.Text35)
	}
	if e.JavaClass35 != "" {
		b.WriteString("\x1f" + java35Key + "=" + e.JavaClass35)
	}
	return b.String()
}

// JavaKey in a raised error overrides the exception class it is raised as.
const JavaKey = "@java"

// QuoteString renders a DuckDB string literal.
func QuoteString(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// ZoneSQL is the session time zone as a DuckDB string literal for its
// timezone() function.
func (c *LowerCtx) ZoneSQL() string {
	if c.EngineZone != "" {
		return QuoteString(c.EngineZone)
	}
	return QuoteString(c.TimeZone)
}
