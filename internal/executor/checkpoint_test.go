package executor

import (
	"context"
	"strings"
	"testing"

	"github.com/emberdb/ember/internal/sparkpb"
)

func TestCheckpointCommand(t *testing.T) {
	c, s := newTestCore(t)
	_, resps := rowCount(t, c, s, &sparkpb.Plan{OpType: &sparkpb.Plan_Command{Command: &sparkpb.Command{CommandType: &sparkpb.Command_CheckpointCommand{
		CheckpointCommand: &sparkpb.CheckpointCommand{Relation: rangeRel(5), Local: true, Eager: true}}}}})
	var id string
	for _, r := range resps {
		if cr := r.GetCheckpointCommandResult(); cr != nil {
			id = cr.GetRelation().GetRelationId()
		}
	}
	if id == "" {
		t.Fatal("no checkpoint_command_result")
	}
	cached := &sparkpb.Relation{RelType: &sparkpb.Relation_CachedRemoteRelation{CachedRemoteRelation: &sparkpb.CachedRemoteRelation{RelationId: id}}}
	if n, _ := rowCount(t, c, s, rootPlan(filterRel(cached, "id >= 2"))); n != 3 {
		t.Errorf("rows = %d, want 3", n)
	}
	rowCount(t, c, s, &sparkpb.Plan{OpType: &sparkpb.Plan_Command{Command: &sparkpb.Command{CommandType: &sparkpb.Command_RemoveCachedRemoteRelationCommand{
		RemoveCachedRemoteRelationCommand: &sparkpb.RemoveCachedRemoteRelationCommand{Relation: &sparkpb.CachedRemoteRelation{RelationId: id}}}}}})
	err := c.Execute(context.Background(), s, rootPlan(cached), func(*sparkpb.ExecutePlanResponse) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "No DataFrame with id") {
		t.Errorf("reading a removed checkpoint: %v", err)
	}
}
