package executor

import (
	"context"
	"fmt"
	"sync/atomic"

	"github.com/google/uuid"

	"github.com/emberdb/ember/internal/connect"
	"github.com/emberdb/ember/internal/engine/duckdb"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sparkpb"
)

var checkpointSeq atomic.Int64

// checkpoint is df.checkpoint() / df.localCheckpoint(): the plan's rows
// are stored in a temporary table of the session's connection and the
// client gets a cached remote relation id that later plans read the rows
// through. Ember always materialises at once (eager=False only defers the
// work in Spark; the rows are the same). A reliable checkpoint needs a
// checkpoint directory, as in Spark (spark.checkpoint.dir); its rows are
// kept like a local checkpoint's, as long as the session's connection.
func (c *Core) checkpoint(ctx context.Context, s *session.Session, es *duckdb.Session, x *connect.Checkpoint, send func(*sparkpb.ExecutePlanResponse) error) error {
	lp, err := c.resolve(ctx, s, x.Input)
	if err != nil {
		return err
	}
	if !x.Local && s.Conf.GetOr("spark.checkpoint.dir", "") == "" {
		// A reliable checkpoint needs SparkContext.setCheckpointDir, which
		// a Connect client cannot call.
		return sparkerr.Newf("_LEGACY_ERROR_TEMP_3016")
	}
	src, err := c.useCache(ctx, s, es, lp)
	if err != nil {
		return err
	}
	table := fmt.Sprintf("ember_checkpoint_%d", checkpointSeq.Add(1))
	cols, err := c.eng.MaterializeTemp(ctx, es, src, s, table)
	if err != nil {
		return err
	}
	id := uuid.NewString()
	s.SetCachedRemote(id, &plan.EngineTable{Table: table, Columns: cols, Schema: logical.Schema(lp.Output())})
	return send(&sparkpb.ExecutePlanResponse{ResponseType: &sparkpb.ExecutePlanResponse_CheckpointCommandResult{
		CheckpointCommandResult: &sparkpb.CheckpointCommandResult{Relation: &sparkpb.CachedRemoteRelation{RelationId: id}},
	}})
}

// removeCheckpoint forgets a cached remote relation and drops its rows.
// Unknown ids are ignored (clients release asynchronously).
func (c *Core) removeCheckpoint(ctx context.Context, s *session.Session, es *duckdb.Session, id string) {
	r, ok := s.DropCachedRemote(id)
	if !ok {
		return
	}
	if et, isTable := r.(*plan.EngineTable); isTable {
		_ = c.eng.DropTemp(ctx, es, et.Table)
	}
}
