package executor

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/emberdb/ember/internal/engine/duckdb"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/show"
	"github.com/emberdb/ember/internal/sparkpb"
)

// showString answers df.show(): the first n+1 rows are fetched so the
// footer can say whether more exist.
func (c *Core) showString(ctx context.Context, s *session.Session, es *duckdb.Session, x *plan.ShowString, send func(*sparkpb.ExecutePlanResponse) error) error {
	lp, err := c.resolve(ctx, s, x.Input)
	if err != nil {
		return err
	}
	n := int(x.NumRows)
	if n < 0 {
		n = 0
	}
	recs, err := c.collect(ctx, s, es, &logical.Limit{Input: lp, N: int64(n) + 1})
	if err != nil {
		return err
	}
	defer release(recs)
	text, err := show.ShowString(logical.Schema(lp.Output()), recs, showOptions(s, n, int(x.Truncate), x.Vertical))
	if err != nil {
		return err
	}
	return c.sendSingleString("show_string", text, send)
}

// htmlString answers _repr_html_.
func (c *Core) htmlString(ctx context.Context, s *session.Session, es *duckdb.Session, x *plan.HTMLString, send func(*sparkpb.ExecutePlanResponse) error) error {
	lp, err := c.resolve(ctx, s, x.Input)
	if err != nil {
		return err
	}
	n := int(x.NumRows)
	if n < 0 {
		n = 0
	}
	recs, err := c.collect(ctx, s, es, &logical.Limit{Input: lp, N: int64(n) + 1})
	if err != nil {
		return err
	}
	defer release(recs)
	text, err := show.HTMLString(logical.Schema(lp.Output()), recs, showOptions(s, n, int(x.Truncate), false))
	if err != nil {
		return err
	}
	return c.sendSingleString("html_string", text, send)
}

// tail answers df.tail(n): the last n rows in order.
func (c *Core) tail(ctx context.Context, s *session.Session, es *duckdb.Session, x *plan.Tail, send func(*sparkpb.ExecutePlanResponse) error) error {
	lp, err := c.resolve(ctx, s, x.Input)
	if err != nil {
		return err
	}
	recs, err := c.collect(ctx, s, es, lp)
	if err != nil {
		return err
	}
	defer release(recs)
	keep := int64(x.N)
	if keep < 0 {
		keep = 0
	}
	var total int64
	for _, r := range recs {
		total += r.NumRows()
	}
	skip := total - keep
	var out []arrow.RecordBatch
	for _, r := range recs {
		n := r.NumRows()
		switch {
		case skip >= n:
			skip -= n
		case skip > 0:
			sl := r.NewSlice(skip, n)
			defer sl.Release()
			out = append(out, sl)
			skip = 0
		default:
			out = append(out, r)
		}
	}
	return c.sendRecords(logical.Schema(lp.Output()), s.Conf.TimeZone(), out, send)
}

// showOptions reads the session settings that change show() output.
func showOptions(s *session.Session, n, truncate int, vertical bool) show.Options {
	return show.Options{
		NumRows: n, Truncate: truncate, Vertical: vertical, TimeZone: s.Conf.TimeZone(),
		BinaryOutputStyle: s.Conf.GetOr("spark.sql.binaryOutputStyle", ""),
		// Spark 3.5 ends the "only showing top N rows" footer with a newline; 4.x does not.
		FooterNewline: session.ClientMajorVersion(s.ClientType) == "3",
	}
}
