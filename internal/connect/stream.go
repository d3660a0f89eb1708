package connect

import (
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkpb"
)

// StreamTrigger is writeStream.trigger(...).
type StreamTrigger int

const (
	TriggerDefault StreamTrigger = iota
	TriggerProcessingTime
	TriggerAvailableNow
	TriggerOnce
	TriggerContinuous
	TriggerRealTime
)

// WriteStreamStart is df.writeStream....start() / toTable().
type WriteStreamStart struct {
	Input       plan.Relation
	Format      string
	Options     map[string]string
	PartitionBy []string
	Trigger     StreamTrigger
	// Interval is the processing-time or continuous interval text.
	Interval   string
	OutputMode string
	QueryName  string
	Path       string
	Table      string
	// Foreach / ForeachBatch are set when the sink is a Python function.
	Foreach, ForeachBatch bool
}

func (*WriteStreamStart) commandNode() {}

func (c *converter) writeStreamStart(w *sparkpb.WriteStreamOperationStart) (Command, error) {
	in, err := c.input(w.GetInput(), "WriteStreamOperationStart")
	if err != nil {
		return nil, err
	}
	out := &WriteStreamStart{
		Input:        in,
		Format:       w.GetFormat(),
		Options:      copyMap(w.GetOptions()),
		PartitionBy:  append([]string(nil), w.GetPartitioningColumnNames()...),
		OutputMode:   w.GetOutputMode(),
		QueryName:    w.GetQueryName(),
		Foreach:      w.GetForeachWriter() != nil,
		ForeachBatch: w.GetForeachBatch() != nil,
	}
	switch t := w.GetTrigger().(type) {
	case *sparkpb.WriteStreamOperationStart_ProcessingTimeInterval:
		out.Trigger, out.Interval = TriggerProcessingTime, t.ProcessingTimeInterval
	case *sparkpb.WriteStreamOperationStart_AvailableNow:
		out.Trigger = TriggerAvailableNow
	case *sparkpb.WriteStreamOperationStart_Once:
		out.Trigger = TriggerOnce
	case *sparkpb.WriteStreamOperationStart_ContinuousCheckpointInterval:
		out.Trigger, out.Interval = TriggerContinuous, t.ContinuousCheckpointInterval
	case *sparkpb.WriteStreamOperationStart_RealTimeBatchDuration:
		out.Trigger, out.Interval = TriggerRealTime, t.RealTimeBatchDuration
	}
	switch d := w.GetSinkDestination().(type) {
	case *sparkpb.WriteStreamOperationStart_Path:
		out.Path = d.Path
	case *sparkpb.WriteStreamOperationStart_TableName:
		out.Table = d.TableName
	}
	return out, nil
}
