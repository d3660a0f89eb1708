package streaming

import (
	"context"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// An aggregation over a watermarked event time in append mode emits each
// group once, when the watermark passes the group's event time (a
// window's end): Spark's semantics, reproduced over the rows so far. In
// update mode it emits the groups a batch touched that the previous
// batch's watermark had not closed.
//
//   - The watermark W of a batch is max(event time seen in earlier
//     batches) - delay (0 before any), never moving back.
//   - The batch emits the groups whose event time (a window's end) is in
//     (W of the previous batch, W]; each group is emitted once.
//   - Spark drops a row as late when its group's event time is at most
//     the previous batch's watermark, which is exactly the groups already
//     emitted (or closed without rows): the rows are kept here, and the
//     emission bound leaves such groups out, so nothing needs dropping.
//     (Judging lateness by the raw event time instead would be wrong for
//     windows: a row 2s behind the watermark may still fall in an open
//     window.)
//   - When a batch moves the watermark, a batch without new data follows
//     at once to emit the groups it closed (Spark's no-data batch).

var delayRE = regexp.MustCompile(`"spark\.watermarkDelayMs"\s*:\s*(-?\d+)`)

// watermarkDelayMs reads the delay an attribute's metadata carries.
func watermarkDelayMs(md string) (int64, bool) {
	m := delayRE.FindStringSubmatch(md)
	if m == nil {
		return 0, false
	}
	v, err := strconv.ParseInt(m[1], 10, 64)
	return v, err == nil
}

// eventTimeAgg is the plan shape watermark emission needs.
type eventTimeAgg struct {
	node     logical.Plan // the node whose output first carries the watermark
	event    int          // index of the event-time column in node's output
	delayUs  int64
	keyOut   logical.Attr // the aggregation's output column of the time key
	isWindow bool         // the key is window(event time, ...): use its end
	// span is how far past a row's event time its last group ends (the
	// window duration; 0 for the event time itself); -1 when unknown.
	span int64
}

// findEventTimeAgg checks that agg groups by the watermarked event time
// (or a time window of it) and finds the pieces emission needs.
func findEventTimeAgg(agg *logical.Aggregate) (*eventTimeAgg, error) {
	var node logical.Plan
	var walk func(p logical.Plan)
	walk = func(p logical.Plan) {
		if node != nil {
			return
		}
		if hasDelay(p.Output()) {
			below := false
			for _, c := range p.Children() {
				below = below || hasDelay(c.Output())
			}
			if !below {
				node = p
				return
			}
		}
		for _, c := range p.Children() {
			walk(c)
		}
	}
	walk(agg.Input)
	unsupported := sparkerr.Unsupported("this streaming aggregation in append mode (Ember emits watermarked groups only when grouping by the event-time column or a window() of it)")
	if node == nil || len(agg.GroupingSets) > 0 {
		return nil, unsupported
	}
	e := &eventTimeAgg{node: node, event: -1}
	out := node.Output()
	for i, at := range out {
		if d, ok := watermarkDelayMs(at.Metadata); ok {
			e.event, e.delayUs = i, d*1000
			break
		}
	}
	ev := out[e.event]
	isEvent := func(x logical.Expr) bool {
		c, ok := x.(*logical.ColRef)
		return ok && c.Attr.ID == ev.ID
	}
	// slidingOver reports whether a window column was generated from the
	// event time (sliding windows become a generator below the
	// aggregation).
	slidingOver := func(c *logical.ColRef) bool {
		found := false
		var walk func(p logical.Plan)
		walk = func(p logical.Plan) {
			if g, ok := p.(*logical.Generate); ok {
				for _, o := range g.Out {
					if o.ID == c.Attr.ID {
						logical.Walk(g.Arg, func(x logical.Expr) bool {
							if r, ok := x.(*logical.ColRef); ok && r.Attr.ID == ev.ID {
								found = true
							}
							return !found
						})
					}
				}
			}
			for _, ch := range p.Children() {
				walk(ch)
			}
		}
		walk(agg.Input)
		return found
	}
	var key logical.Expr
	for _, g := range agg.Groups {
		if c, ok := g.(*logical.ColRef); ok && strings.Contains(c.Attr.Metadata, "spark.timeWindow") && slidingOver(c) {
			key, e.isWindow, e.span = g, true, -1
		} else if isEvent(g) {
			key = g
		} else if c, ok := g.(*logical.Call); ok && c.Fn == functions.TimeWindowFn && len(c.Args) > 0 && isEvent(c.Args[0]) {
			key, e.isWindow, e.span = g, true, -1
			if lit, ok := c.Args[1].(*logical.Lit); ok {
				if text, ok := lit.V.(string); ok {
					if d, err := parseDuration(text); err == nil && d > 0 {
						e.span = d.Microseconds()
					}
				}
			}
		}
	}
	if key == nil {
		return nil, unsupported
	}
	for _, a := range agg.Aggs {
		if a.Expr == key || a.Expr.SQL() == key.SQL() {
			e.keyOut = a.Attr
			return e, nil
		}
	}
	return nil, unsupported
}

func hasDelay(as []logical.Attr) bool {
	for _, a := range as {
		if _, ok := watermarkDelayMs(a.Metadata); ok {
			return true
		}
	}
	return false
}

func tsLit(us int64) logical.Expr {
	return &logical.Lit{T: types.Timestamp, V: plan.Timestamp(us), Text: "TIMESTAMP_MICROS(" + strconv.FormatInt(us, 10) + ")"}
}

// watermarkPlan builds the batch plan of an append-mode watermarked
// aggregation: the rows so far at the watermark node, aggregated, and
// only the groups the current watermark closed since the last emission. batch maps the sources to this batch's rows; nil means a
// batch without new data.
func (q *Query) watermarkPlan(ctx context.Context, batch map[logical.Plan]logical.Plan) (logical.Plan, error) {
	w := q.wm
	fctx := &functions.Ctx{}
	out := w.node.Output()
	var batchRows logical.Plan // this batch's rows at the watermark node
	if batch != nil {
		bp, err := replaceSources(w.node, batch)
		if err != nil {
			return nil, err
		}
		cols, err := q.host.Stage(ctx, bp, q.prefix+"_wm_batch", false)
		if err != nil {
			return nil, err
		}
		batchRows = &logical.LocalTable{Table: q.prefix + "_wm_batch", Columns: cols, Attrs: out}
		minEv, maxEv, avgEv, ok, err := q.host.EventStats(ctx, q.prefix+"_wm_batch", cols[w.event])
		if err != nil {
			return nil, err
		}
		if ok {
			q.batchEvents = &[3]int64{minEv, maxEv, avgEv}
		}
		kept := &logical.LocalTable{Table: q.prefix + "_wm_batch", Columns: cols, Attrs: freshAttrs(out)}
		if _, err := q.host.Stage(ctx, kept, q.prefix+"_wm_all", true); err != nil {
			return nil, err
		}
		if ok && (!q.sawEvent || maxEv > q.maxEvent) {
			q.maxEvent, q.sawEvent = maxEv, true
		}
	}
	// Rows whose every group was emitted can go: their groups are never
	// output again.
	if w.span >= 0 && q.emitted > 0 {
		if err := q.host.Prune(ctx, q.prefix+"_wm_all", q.wmCols[w.event], q.emitted-w.span); err != nil {
			return nil, err
		}
	}
	allRows := &logical.LocalTable{Table: q.prefix + "_wm_all", Columns: q.wmCols, Attrs: out}
	var aggPlan logical.Plan
	if q.spec.Mode == Update {
		if batchRows == nil {
			// A batch without data updates no group.
			agg := *q.agg
			in, err := replaceSources(q.agg.Input, map[logical.Plan]logical.Plan{w.node: allRows})
			if err != nil {
				return nil, err
			}
			agg.Input = in
			return replaceSources(q.spec.Plan, map[logical.Plan]logical.Plan{q.agg: &logical.Limit{Input: &agg, N: 0}})
		}
		upd, err := q.updatedGroups(ctx, map[logical.Plan]logical.Plan{w.node: allRows}, map[logical.Plan]logical.Plan{w.node: batchRows})
		if err != nil {
			return nil, err
		}
		aggPlan = upd
	} else {
		agg := *q.agg
		in, err := replaceSources(q.agg.Input, map[logical.Plan]logical.Plan{w.node: allRows})
		if err != nil {
			return nil, err
		}
		agg.Input = in
		aggPlan = &agg
	}
	var key logical.Expr = &logical.ColRef{Attr: w.keyOut}
	if w.isWindow {
		st, ok := w.keyOut.Type.(types.Struct)
		if !ok || len(st.Fields) < 2 {
			return nil, sparkerr.Internal("window column of type %v", w.keyOut.Type)
		}
		key = &logical.Field{Child: key, Name: st.Fields[1].Name, Index: 1, T: st.Fields[1].Type, Null: true, Pretty: w.keyOut.Name + ".end"}
	}
	after, err := functions.Call(fctx, ">", []logical.Expr{key, tsLit(q.emitted)}, false)
	if err != nil {
		return nil, err
	}
	if q.spec.Mode == Update {
		// Update mode emits every touched group the previous batch's
		// watermark has not closed (rows of closed groups are late).
		return replaceSources(q.spec.Plan, map[logical.Plan]logical.Plan{q.agg: &logical.Filter{Input: aggPlan, Cond: after}})
	}
	upto, err := functions.Call(fctx, "<=", []logical.Expr{key, tsLit(q.watermark)}, false)
	if err != nil {
		return nil, err
	}
	cond, err := functions.Call(fctx, "and", []logical.Expr{after, upto}, false)
	if err != nil {
		return nil, err
	}
	return replaceSources(q.spec.Plan, map[logical.Plan]logical.Plan{q.agg: &logical.Filter{Input: aggPlan, Cond: cond}})
}

// advanceWatermark moves the watermark after a batch; it reports whether
// it moved (a no-data batch then emits what it closed).
func (q *Query) advanceWatermark() bool {
	q.emitted = q.watermark
	if !q.sawEvent {
		return false
	}
	if next := q.maxEvent - q.wm.delayUs; next > q.watermark {
		q.watermark = next
		return true
	}
	return false
}

// eventTimeJSON is the progress's eventTime object of a watermarked query.
func (q *Query) eventTimeJSON() json.RawMessage {
	if q.wm == nil {
		return json.RawMessage("{}")
	}
	m := map[string]string{"watermark": sparkTime(timeFromMicros(q.batchWatermark))}
	if ev := q.batchEvents; ev != nil {
		m["min"], m["max"], m["avg"] = sparkTime(timeFromMicros(ev[0])), sparkTime(timeFromMicros(ev[1])), sparkTime(timeFromMicros(ev[2]))
	}
	b, _ := json.Marshal(m)
	return b
}
