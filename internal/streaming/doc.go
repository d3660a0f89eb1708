// Package streaming runs Structured Streaming queries as micro-batches.
//
// A query is started by df.writeStream...start() (or toTable) with a
// resolved logical plan whose leaves include logical.StreamSource nodes.
// Each query runs in its own goroutine:
//
//	trigger ─► offsets: each source says which rows are new
//	   │        (rate: rows per elapsed second; rate-micro-batch: a fixed
//	   │         count per batch; files: the directory's unseen files)
//	   ▼
//	stage:  the new rows of each source go to a temporary table
//	   │    (and, for stateful queries, are appended to the source's
//	   │     table of all rows so far)
//	   ▼
//	plan:   the query plan with every StreamSource replaced by a scan of
//	   │    its staged rows (stateless: this batch's rows; aggregations:
//	   │    all rows so far), executed by the ordinary engine
//	   ▼
//	sink:   memory (a temp view named by queryName), console (Spark's
//	        "Batch: N" block on the server's stdout), noop, files, table
//
// So a batch's answer is exactly what the batch engine gives for the same
// rows: append mode over a stateless plan emits the transformed new rows,
// complete mode re-evaluates the aggregation over everything seen, update
// mode the same restricted to the groups the batch's rows fall in, and an
// append-mode aggregation over a watermarked event time the groups the
// watermark closed (watermark.go). Stateful operators without such a
// model (deduplication, stream-stream joins, limits outside complete mode)
// are refused with a clear error rather than answered per batch.
//
// The engine never touches the session's DuckDB connection without the
// session lock; it does so through a Host, implemented by the executor,
// which keeps this package free of the server and of cgo.
//
// Progress is kept per query in the JSON shape of Spark's
// StreamingQueryProgress (the clients parse it with their own fromJson),
// and posted with start/terminate events to the session's listener buses
// (4.x clients' client-side listener bus streams them).
package streaming
