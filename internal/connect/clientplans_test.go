package connect

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"google.golang.org/protobuf/proto"

	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkpb"
	"github.com/emberdb/ember/internal/types"
)

// The files under testdata/py4 and testdata/py35 are plans serialized by
// the real pyspark-client 4.2 and pyspark 3.5 (see testdata/gen_plans.py).

func loadRelation(t *testing.T, path string) *sparkpb.Relation {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := &sparkpb.Relation{}
	if err := proto.Unmarshal(data, r); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return r
}

func loadCommand(t *testing.T, path string) *sparkpb.Command {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c := &sparkpb.Command{}
	if err := proto.Unmarshal(data, c); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return c
}

// convertRel loads and converts testdata/<dir>/<name>.rel.
func convertRel(t *testing.T, dir, name string) plan.Relation {
	t.Helper()
	r, err := Relation(loadRelation(t, filepath.Join("testdata", dir, name+".rel")))
	if err != nil {
		t.Fatalf("%s/%s: %v", dir, name, err)
	}
	return r
}

// TestClientPlansConvert converts every recorded plan: none may fail.
func TestClientPlansConvert(t *testing.T) {
	needSQL(t)
	for _, dir := range []string{"py4", "py35"} {
		files, err := filepath.Glob(filepath.Join("testdata", dir, "*"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no recorded plans in testdata/%s", dir)
		}
		for _, f := range files {
			t.Run(dir+"/"+filepath.Base(f), func(t *testing.T) {
				switch filepath.Ext(f) {
				case ".rel":
					if _, err := Relation(loadRelation(t, f)); err != nil {
						t.Fatal(err)
					}
				case ".cmd":
					if _, err := ConvertCommand(loadCommand(t, f)); err != nil {
						t.Fatal(err)
					}
				}
			})
		}
	}
}

func TestClientPlanDetails(t *testing.T) {
	needSQL(t)
	for _, dir := range []string{"py4", "py35"} {
		t.Run(dir, func(t *testing.T) {
			// range(0, 10, 2).filter(col("id") > 3).select("id", lit(1).alias("x"))
			p := convertRel(t, dir, "range_filter_select").(*plan.Project)
			if !p.HasPlanID {
				t.Error("project has no plan id")
			}
			f := p.Input.(*plan.Filter)
			r := f.Input.(*plan.Range)
			if r.Start != 0 || r.End != 10 || r.Step != 2 || !r.HasPlanID {
				t.Errorf("range = %+v", r)
			}
			assertEqual(t, f.Cond, &plan.UnresolvedFunction{Name: ">", Args: []plan.Expr{attr("id"), ilit(3)}})
			assertEqual(t, p.Exprs, []plan.Expr{attr("id"), &plan.Alias{Child: ilit(1), Names: []string{"x"}}})

			lits := convertRel(t, dir, "literals").(*plan.Project).Exprs
			wantTypes := []types.DataType{types.Null, types.Boolean, types.Int, types.Long, types.Double, types.String,
				types.Binary, types.Decimal{Precision: 10, Scale: 3}, types.Date, types.Timestamp,
				types.DayTimeInterval{Start: types.DayField, End: types.SecondField}}
			for i, wt := range wantTypes {
				l, ok := lits[i].(*plan.Literal)
				if !ok {
					t.Fatalf("literal %d is %T", i, lits[i])
				}
				if !types.Equal(l.Type, wt) {
					t.Errorf("literal %d: type %s, want %s", i, l.Type.SimpleString(), wt.SimpleString())
				}
			}
			assertEqual(t, lits[7].(*plan.Literal).Value, dec("12345", 10, 3))
			assertEqual(t, lits[10].(*plan.Literal).Value, plan.DayTime(86402000000))

			j := convertRel(t, dir, "join_semi").(*plan.Join)
			if j.Type != plan.LeftSemiJoin || len(j.Using) != 1 || j.Using[0] != "id" {
				t.Errorf("join_semi = %+v", j)
			}

			u := convertRel(t, dir, "union_by_name").(*plan.SetOp)
			if u.Kind != plan.Union || !u.ByName || !u.AllowMissing {
				t.Errorf("union_by_name = %+v", u)
			}
			if s := convertRel(t, dir, "subtract").(*plan.SetOp); s.Kind != plan.Except || s.All {
				t.Errorf("subtract = %+v", s)
			}
			if s := convertRel(t, dir, "except_all").(*plan.SetOp); s.Kind != plan.Except || !s.All {
				t.Errorf("exceptAll = %+v", s)
			}

			srt := convertRel(t, dir, "sort").(*plan.Sort)
			if !srt.Global || len(srt.Order) != 3 {
				t.Fatalf("sort = %+v", srt)
			}
			assertEqual(t, srt.Order[0], &plan.SortOrder{Child: attr("s"), Desc: true, NullsFirst: true, NullsSet: true})
			assertEqual(t, srt.Order[1], &plan.SortOrder{Child: attr("id"), NullsFirst: true, NullsSet: true})
			if s := convertRel(t, dir, "sort_within").(*plan.Sort); s.Global {
				t.Error("sortWithinPartitions is global")
			}

			pv := convertRel(t, dir, "pivot_values").(*plan.Aggregate)
			if pv.Type != plan.PivotGroup || len(pv.PivotValues) != 2 {
				t.Errorf("pivot = %+v", pv)
			}
			if pn := convertRel(t, dir, "pivot_no_values").(*plan.Aggregate); pn.PivotValues != nil {
				t.Errorf("pivot without values has values %v", pn.PivotValues)
			}

			sq := convertRel(t, dir, "sql_named").(*plan.SQL)
			assertEqual(t, sq.Named, map[string]plan.Expr{"a": ilit(1)})
			sp := convertRel(t, dir, "sql_pos").(*plan.SQL)
			assertEqual(t, sp.Pos, []plan.Expr{ilit(1), &plan.Literal{Type: types.String, Value: "x"}})

			ren := convertRel(t, dir, "with_column_renamed").(*plan.WithColumnsRenamed)
			assertEqual(t, ren.Renames, [][2]string{{"d", "e"}})
			assertEqual(t, ren.Input.(*plan.WithColumnsRenamed).Renames, [][2]string{{"s", "t"}})

			ld := convertRel(t, dir, "local_relation").(*plan.LocalData)
			if len(ld.ArrowIPC) == 0 || !strings.Contains(ld.Schema, `"id"`) {
				t.Errorf("local relation: %d bytes, schema %q", len(ld.ArrowIPC), ld.Schema)
			}

			if s := convertRel(t, dir, "sample_seed").(*plan.Sample); !s.HasSeed || s.Seed != 3 || s.Upper != 0.5 {
				t.Errorf("sample with seed = %+v", s)
			}
			if s := convertRel(t, dir, "na_drop").(*plan.DropNA); !s.HasMin || s.MinNonNull != 2 {
				t.Errorf("na.drop(thresh=2) = %+v", s)
			}
			// na.drop() with how="any" and no subset sends no min_non_nulls.
			if s := convertRel(t, dir, "na_drop_any").(*plan.DropNA); s.HasMin || len(s.Cols) != 0 {
				t.Errorf("na.drop() = %+v", s)
			}

			win := convertRel(t, dir, "window").(*plan.Project).Exprs
			w0 := win[0].(*plan.Window)
			if w0.Frame != nil || len(w0.PartitionBy) != 1 || len(w0.OrderBy) != 1 || !w0.OrderBy[0].Desc {
				t.Errorf("window 0 = %+v", w0)
			}
			w1 := win[1].(*plan.Window)
			assertEqual(t, w1.Frame, &plan.WindowFrame{Type: plan.RowsFrame, Lower: plan.FrameBoundary{Unbounded: true}, Upper: plan.FrameBoundary{CurrentRow: true}})
			w2 := win[2].(*plan.Window)
			if w2.Frame.Type != plan.RangeFrame || w2.Frame.Lower.Value == nil || w2.Frame.Upper.Value == nil {
				t.Errorf("window 2 frame = %+v", w2.Frame)
			}

			ex := convertRel(t, dir, "expressions").(*plan.Project).Exprs
			assertEqual(t, ex[0], attr("a", "b"))
			assertEqual(t, ex[1], attr("x.y"))
			if a := ex[2].(*plan.UnresolvedAttribute); !a.HasPlanID {
				t.Errorf("df[\"id\"] has no plan id: %+v", a)
			}
			if rg := ex[3].(*plan.UnresolvedRegex); rg.Pattern != "i.*" {
				t.Errorf("colRegex = %+v", rg)
			}
			if c := ex[4].(*plan.Cast); !types.Equal(c.Type, types.Long) {
				t.Errorf("cast(bigint) = %+v", c)
			}
			if c := ex[5].(*plan.Cast); !types.Equal(c.Type, types.String) {
				t.Errorf("cast(StringType()) = %+v", c)
			}
			if _, ok := ex[7].(*plan.UnresolvedFunction); !ok {
				// getField is unresolved_extract_value in 4.x, a function in 3.5.
				if _, ok := ex[7].(*plan.ExtractValue); !ok {
					t.Errorf("getField = %T", ex[7])
				}
			}
			var lambda *plan.LambdaFunction
			if f, ok := ex[12].(*plan.UnresolvedFunction); ok && f.Name == "transform" {
				lambda, _ = f.Args[1].(*plan.LambdaFunction)
			}
			if lambda == nil || len(lambda.Args) != 1 {
				t.Errorf("transform lambda = %+v", ex[12])
			}

			if u, ok := convertRel(t, dir, "python_udf").(*plan.Project).Exprs[0].(*plan.PythonUDF); !ok || len(u.Command) == 0 || u.Output == nil {
				t.Errorf("python udf = %+v", u)
			}
			if u, ok := convertRel(t, dir, "unpivot").(*plan.Unpivot); !ok || u.IDsFromRest || !u.IncludeNulls || len(u.ValueColumns) != 1 {
				t.Errorf("unpivot = %+v", u)
			}

			rt := convertRel(t, dir, "read_table").(*plan.ReadTable)
			assertEqual(t, rt.Name, []string{"db", "my tbl"})
			rs := convertRel(t, dir, "read_source").(*plan.ReadSource)
			if rs.Format != "csv" || rs.Schema == "" || len(rs.Paths) != 2 || rs.Options["header"] != "true" {
				t.Errorf("read source = %+v", rs)
			}
		})
	}
}

func TestClientPlanDetails4x(t *testing.T) {
	needSQL(t)
	gs := convertRel(t, "py4", "grouping_sets").(*plan.Aggregate)
	if gs.Type != plan.GroupingSets || len(gs.GroupingSets) != 3 || len(gs.GroupingSets[2]) != 0 {
		t.Errorf("grouping sets = %+v", gs)
	}

	refs := convertRel(t, "py4", "sql_refs").(*plan.SQL)
	if refs.Query != "select * from {df}" || !refs.HasPlanID {
		t.Errorf("sql with refs = %+v", refs)
	}
	if _, ok := refs.Refs["df"].(*plan.Range); !ok {
		t.Errorf("sql refs = %+v", refs.Refs)
	}

	sc := convertRel(t, "py4", "scalar_subquery").(*plan.WithRelations)
	al := sc.Root.(*plan.Project).Exprs[0].(*plan.Alias)
	sub, ok := al.Child.(*plan.ScalarSubquery)
	if !ok || len(sc.References) != 1 || sub.Plan != sc.References[0] {
		t.Errorf("scalar subquery = %+v", sc)
	}

	ex := convertRel(t, "py4", "exists_subquery").(*plan.WithRelations)
	if _, ok := ex.Root.(*plan.Filter).Cond.(*plan.Exists); !ok {
		t.Errorf("exists subquery = %+v", ex.Root)
	}

	tc := convertRel(t, "py4", "try_cast").(*plan.Project).Exprs[0].(*plan.Cast)
	if tc.Mode != plan.EvalTry || !types.Equal(tc.Type, types.Int) {
		t.Errorf("try_cast = %+v", tc)
	}
}

func TestClientCommands(t *testing.T) {
	needSQL(t)
	for _, dir := range []string{"py4", "py35"} {
		t.Run(dir, func(t *testing.T) {
			cmd := func(name string) Command {
				c, err := ConvertCommand(loadCommand(t, filepath.Join("testdata", dir, name+".cmd")))
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				return c
			}
			sc := cmd("sql_command").(*SQLCommand)
			if sc.SQL.Query != "select 1 where 2 > :v" || sc.SQL.Named["v"] == nil {
				t.Errorf("sql command = %+v", sc.SQL)
			}
			if sc := cmd("sql_command_plain").(*SQLCommand); sc.SQL.Query != "show tables" {
				t.Errorf("plain sql command = %+v", sc.SQL)
			}
			v := cmd("temp_view").(*CreateDataFrameView)
			if v.Name != "v1" || v.IsGlobal || !v.Replace || v.Input == nil {
				t.Errorf("temp view = %+v", v)
			}
			if g := cmd("global_view").(*CreateDataFrameView); g.Name != "gv" || !g.IsGlobal || g.Replace {
				t.Errorf("global view = %+v", g)
			}
			w := cmd("write_path").(*WriteOperation)
			if w.Path != "/tmp/out" || w.Source != "parquet" || w.Mode != SaveModeOverwrite ||
				len(w.PartitionColumns) != 1 || w.Options["compression"] != "zstd" {
				t.Errorf("write to path = %+v", w)
			}
			wt := cmd("write_table").(*WriteOperation)
			if wt.Table != "db.t" || wt.Method != SaveAsTable || wt.NumBuckets != 4 || len(wt.BucketColumns) != 1 || len(wt.SortColumns) != 1 {
				t.Errorf("saveAsTable = %+v", wt)
			}
			ii := cmd("insert_into").(*WriteOperation)
			if ii.Table != "db.t" || ii.Method != InsertInto || ii.Mode != SaveModeOverwrite {
				t.Errorf("insertInto = %+v", ii)
			}
			w2 := cmd("write_v2").(*WriteOperationV2)
			if w2.Table != "db.t2" || w2.Provider != "parquet" || w2.Mode != WriteModeCreateOrReplace || len(w2.PartitionBy) != 1 {
				t.Errorf("writeTo = %+v", w2)
			}
		})
	}
}
