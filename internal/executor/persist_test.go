package executor

import (
	"context"
	"strings"
	"testing"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkpb"
	"github.com/emberdb/ember/internal/types"
)

// newTestCore opens a core on a scratch warehouse with one session.
func newTestCore(t *testing.T) (*Core, *session.Session) {
	t.Helper()
	c, err := New(Options{Warehouse: t.TempDir(), Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	s := session.New("s1", "u", "srv", "_SPARK_CONNECT_PYTHON spark/4.2.0", t.TempDir())
	if err := c.OpenSession(s); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.CloseSession(s) })
	return c, s
}

func rangeRel(end int64) *sparkpb.Relation {
	return &sparkpb.Relation{RelType: &sparkpb.Relation_Range{Range: &sparkpb.Range{End: end, Step: 1}}}
}

func filterRel(in *sparkpb.Relation, cond string) *sparkpb.Relation {
	return &sparkpb.Relation{RelType: &sparkpb.Relation_Filter{Filter: &sparkpb.Filter{Input: in,
		Condition: &sparkpb.Expression{ExprType: &sparkpb.Expression_ExpressionString_{ExpressionString: &sparkpb.Expression_ExpressionString{Expression: cond}}}}}}
}

func rootPlan(r *sparkpb.Relation) *sparkpb.Plan {
	return &sparkpb.Plan{OpType: &sparkpb.Plan_Root{Root: r}}
}

func explainText(t *testing.T, c *Core, s *session.Session, r *sparkpb.Relation, mode sparkpb.AnalyzePlanRequest_Explain_ExplainMode) string {
	t.Helper()
	resp, err := c.Analyze(context.Background(), s, &sparkpb.AnalyzePlanRequest{Analyze: &sparkpb.AnalyzePlanRequest_Explain_{
		Explain: &sparkpb.AnalyzePlanRequest_Explain{Plan: rootPlan(r), ExplainMode: mode}}})
	if err != nil {
		t.Fatal(err)
	}
	return resp.GetExplain().GetExplainString()
}

// rowCount executes a relation and counts the rows streamed back.
func rowCount(t *testing.T, c *Core, s *session.Session, p *sparkpb.Plan) (int64, []*sparkpb.ExecutePlanResponse) {
	t.Helper()
	var n int64
	var all []*sparkpb.ExecutePlanResponse
	err := c.Execute(context.Background(), s, p, func(r *sparkpb.ExecutePlanResponse) error {
		n += r.GetArrowBatch().GetRowCount()
		all = append(all, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n, all
}

func TestStorageLevelString(t *testing.T) {
	for _, tc := range []struct {
		l    *sparkpb.StorageLevel
		want string
	}{
		{defaultStorageLevel(), "StorageLevel(disk, memory, deserialized, 1 replicas)"},
		{&sparkpb.StorageLevel{UseDisk: true, Replication: 1}, "StorageLevel(disk, 1 replicas)"},
		{&sparkpb.StorageLevel{UseMemory: true, UseOffHeap: true, Replication: 2}, "StorageLevel(memory, offheap, 2 replicas)"},
	} {
		if got := storageLevelString(tc.l); got != tc.want {
			t.Errorf("storageLevelString(%v) = %q, want %q", tc.l, got, tc.want)
		}
	}
}

func TestPlanKeyDistinguishesData(t *testing.T) {
	attr := func() []logical.Attr {
		return []logical.Attr{{ID: logical.NewID(), Name: "a", Type: types.Long, Nullable: true}}
	}
	for _, tc := range []struct {
		name string
		x, y logical.Plan
		same bool
	}{
		{"same table, fresh ids", &logical.LocalTable{Table: "t1", Columns: []string{"_c0"}, Attrs: attr()},
			&logical.LocalTable{Table: "t1", Columns: []string{"_c0"}, Attrs: attr()}, true},
		{"other data", &logical.LocalTable{Table: "t1", Columns: []string{"_c0"}, Attrs: attr()},
			&logical.LocalTable{Table: "t2", Columns: []string{"_c0"}, Attrs: attr()}, false},
		{"other files", &logical.FileScan{Format: "parquet", Paths: []string{"/a"}, Attrs: attr()},
			&logical.FileScan{Format: "parquet", Paths: []string{"/b"}, Attrs: attr()}, false},
	} {
		if got := planKey(tc.x) == planKey(tc.y); got != tc.same {
			t.Errorf("%s: same key = %v, want %v", tc.name, got, tc.same)
		}
	}
}

func TestPersistReadsCacheAndExplains(t *testing.T) {
	c, s := newTestCore(t)
	ctx := context.Background()
	base := rangeRel(10)
	_, err := c.Analyze(ctx, s, &sparkpb.AnalyzePlanRequest{Analyze: &sparkpb.AnalyzePlanRequest_Persist_{
		Persist: &sparkpb.AnalyzePlanRequest_Persist{Relation: base}}})
	if err != nil {
		t.Fatal(err)
	}
	if text := explainText(t, c, s, base, sparkpb.AnalyzePlanRequest_Explain_EXPLAIN_MODE_SIMPLE); !strings.HasPrefix(text, "== Physical Plan ==\nInMemoryTableScan [") {
		t.Errorf("explain of the persisted plan:\n%s", text)
	}
	derived := filterRel(rangeRel(10), "id > 6")
	if text := explainText(t, c, s, derived, sparkpb.AnalyzePlanRequest_Explain_EXPLAIN_MODE_SIMPLE); !strings.Contains(text, "InMemoryTableScan") {
		t.Errorf("explain of a plan over the persisted one:\n%s", text)
	}
	if n, _ := rowCount(t, c, s, rootPlan(derived)); n != 3 {
		t.Errorf("rows = %d, want 3", n)
	}
	// The cache holds the rows now.
	c.persist.mu.Lock()
	var built int
	for _, e := range c.persist.sess[s] {
		if e.columns != nil {
			built++
		}
	}
	c.persist.mu.Unlock()
	if built != 1 {
		t.Errorf("materialised entries = %d, want 1", built)
	}
	_, err = c.Analyze(ctx, s, &sparkpb.AnalyzePlanRequest{Analyze: &sparkpb.AnalyzePlanRequest_Unpersist_{
		Unpersist: &sparkpb.AnalyzePlanRequest_Unpersist{Relation: base}}})
	if err != nil {
		t.Fatal(err)
	}
	if text := explainText(t, c, s, derived, sparkpb.AnalyzePlanRequest_Explain_EXPLAIN_MODE_SIMPLE); strings.Contains(text, "InMemoryTableScan") {
		t.Errorf("explain after unpersist still reads the cache:\n%s", text)
	}
	if n, _ := rowCount(t, c, s, rootPlan(derived)); n != 3 {
		t.Errorf("rows after unpersist = %d, want 3", n)
	}
}

func TestExplainModeSections(t *testing.T) {
	c, s := newTestCore(t)
	sections := func(text string) []string {
		var out []string
		for _, l := range strings.Split(text, "\n") {
			if strings.HasPrefix(l, "== ") {
				out = append(out, l)
			}
		}
		return out
	}
	for _, tc := range []struct {
		mode sparkpb.AnalyzePlanRequest_Explain_ExplainMode
		want []string
	}{
		{sparkpb.AnalyzePlanRequest_Explain_EXPLAIN_MODE_SIMPLE, []string{"== Physical Plan =="}},
		{sparkpb.AnalyzePlanRequest_Explain_EXPLAIN_MODE_EXTENDED, []string{"== Parsed Logical Plan ==", "== Analyzed Logical Plan ==", "== Optimized Logical Plan ==", "== Physical Plan =="}},
		{sparkpb.AnalyzePlanRequest_Explain_EXPLAIN_MODE_COST, []string{"== Optimized Logical Plan ==", "== Physical Plan =="}},
		{sparkpb.AnalyzePlanRequest_Explain_EXPLAIN_MODE_FORMATTED, []string{"== Physical Plan =="}},
		{sparkpb.AnalyzePlanRequest_Explain_EXPLAIN_MODE_CODEGEN, nil},
	} {
		got := sections(explainText(t, c, s, filterRel(rangeRel(3), "id > 0"), tc.mode))
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%v: sections %q, want %q", tc.mode, got, tc.want)
		}
	}
}
