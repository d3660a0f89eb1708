package analyzer_test

import (
	"context"
	"strings"
	"testing"

	"github.com/emberdb/ember/internal/analyzer"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// resolveIR analyzes an IR plan for a 4.2 client (no query execution:
// the fake catalog cannot evaluate plans).
func resolveIR(t *testing.T, r plan.Relation, conf ...string) (logical.Plan, error) {
	t.Helper()
	s := session.New("t", "user", "server", "_SPARK_CONNECT_PYTHON spark/4.2.0 os/linux python/3.11", "")
	s.Conf.Set("spark.sql.session.timeZone", "UTC")
	for i := 0; i+1 < len(conf); i += 2 {
		s.Conf.Set(conf[i], conf[i+1])
	}
	return analyzer.New(context.Background(), s, fakeCatalog{}, sqlParser{}).Resolve(r)
}

// schemaText renders output columns as "name type [not null]".
func schemaText(p logical.Plan) string {
	var parts []string
	for _, a := range p.Output() {
		s := a.Name + " " + a.Type.SimpleString()
		if !a.Nullable {
			s += " not null"
		}
		if a.Metadata != "" && a.Metadata != "{}" {
			s += " " + a.Metadata
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

func errClass(err error) string {
	if se, ok := sparkerr.As(err); ok {
		if se.Class == "" {
			return se.JavaClass
		}
		return se.Class
	}
	return "GO_ERROR: " + err.Error()
}

const toSchemaInput = "SELECT CAST(1 AS INT) AS i, 'x' AS s, CAST(2.5 AS DOUBLE) AS d, " +
	"named_struct('x', CAST(2 AS INT), 'y', 'y') AS st, array(1, CAST(NULL AS INT)) AS arr, CAST(1 AS BIGINT) AS nn, CAST(NULL AS INT) AS n"

func field(name string, t types.DataType, nullable bool) types.Field {
	return types.Field{Name: name, Type: t, Nullable: nullable}
}

func TestToSchema(t *testing.T) {
	tests := []struct {
		name   string
		fields []types.Field
		conf   []string
		want   string // schema text, or "error CLASS"
	}{
		{name: "reorder and drop", fields: []types.Field{field("s", types.String, true), field("i", types.Int, true)}, want: "s string not null, i int not null"},
		{name: "widen", fields: []types.Field{field("i", types.Long, true), field("d", types.Double, true)}, want: "i bigint not null, d double not null"},
		{name: "to string", fields: []types.Field{field("i", types.String, true)}, want: "i string not null"},
		{name: "narrow numbers", fields: []types.Field{field("d", types.Int, true)}, want: "d int not null"},
		{name: "missing nullable is null", fields: []types.Field{field("zz", types.String, true)}, want: "zz string"},
		{name: "missing non-nullable", fields: []types.Field{field("zz", types.String, false)}, want: "error UNRESOLVED_COLUMN.WITH_SUGGESTION"},
		{name: "case insensitive", fields: []types.Field{field("I", types.Int, true)}, want: "I int not null"},
		{name: "case sensitive", fields: []types.Field{field("I", types.Int, true)}, conf: []string{"spark.sql.caseSensitive", "true"}, want: "I int"},
		{name: "nullable into non-nullable", fields: []types.Field{field("n", types.Int, false)}, want: "error NULLABLE_COLUMN_OR_FIELD"},
		{name: "non-nullable stays", fields: []types.Field{field("nn", types.Long, false)}, want: "nn bigint not null"},
		{name: "string to int", fields: []types.Field{field("s", types.Int, true)}, want: "error INVALID_COLUMN_OR_FIELD_DATA_TYPE"},
		{name: "struct to int", fields: []types.Field{field("st", types.Int, true)}, want: "error INVALID_COLUMN_OR_FIELD_DATA_TYPE"},
		{name: "metadata", fields: []types.Field{{Name: "i", Type: types.Int, Nullable: true, Metadata: `{"k":"v"}`}}, want: `i int not null {"k":"v"}`},
		{name: "nested reorder and cast", fields: []types.Field{field("st", types.Struct{Fields: []types.Field{
			field("y", types.String, true), field("x", types.Long, true), field("w", types.String, true)}}, true)},
			want: "st struct<y:string,x:bigint,w:string> not null"},
		{name: "nested missing non-nullable", fields: []types.Field{field("st", types.Struct{Fields: []types.Field{field("q", types.String, false)}}, true)},
			want: "error UNRESOLVED_FIELD.WITH_SUGGESTION"},
		{name: "array widening", fields: []types.Field{field("arr", types.Array{Elem: types.Long, ContainsNull: true}, true)}, want: "arr array<bigint> not null"},
		{name: "array element nullability", fields: []types.Field{field("arr", types.Array{Elem: types.Int, ContainsNull: false}, true)},
			want: "error NOT_NULL_CONSTRAINT_VIOLATION.ARRAY_ELEMENT"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := resolveIR(t, &plan.ToSchema{Input: &plan.SQL{Query: toSchemaInput}, Schema: types.Struct{Fields: tc.fields}}, tc.conf...)
			got := ""
			if err != nil {
				got = "error " + errClass(err)
			} else {
				got = schemaText(p)
			}
			if got != tc.want {
				t.Fatalf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
	t.Run("ambiguous", func(t *testing.T) {
		_, err := resolveIR(t, &plan.ToSchema{Input: &plan.SQL{Query: "SELECT 1 AS a, 2 AS A"}, Schema: types.Struct{Fields: []types.Field{field("a", types.Int, true)}}})
		if got := errClass(err); got != "AMBIGUOUS_COLUMN_OR_FIELD" {
			t.Fatalf("got %s", got)
		}
	})
	t.Run("not a struct", func(t *testing.T) {
		_, err := resolveIR(t, &plan.ToSchema{Input: &plan.SQL{Query: "SELECT 1 AS a"}, Schema: types.Int})
		if got := errClass(err); got != "CONNECT.INVALID_PLAN" {
			t.Fatalf("got %s", got)
		}
	})
}

func TestWithWatermarkAndDedup(t *testing.T) {
	in := &plan.SQL{Query: "SELECT 1 AS id, TIMESTAMP'2024-01-01 10:00:00' AS ts"}
	tests := []struct {
		name string
		rel  plan.Relation
		want string
	}{
		{name: "no-op", rel: &plan.WithWatermark{Input: in, EventTime: []string{"ts"}}, want: "id int not null, ts timestamp not null"},
		{name: "column not checked", rel: &plan.WithWatermark{Input: in, EventTime: []string{"nope"}}, want: "id int not null, ts timestamp not null"},
		{name: "nested", rel: &plan.WithWatermark{Input: in, EventTime: []string{"st", "ts"}}, want: "error EVENT_TIME_MUST_BE_TOP_LEVEL_COLUMN"},
		{name: "dedup within watermark analyzes", rel: &plan.Deduplicate{Input: in, Columns: []string{"id"}, WithinWatermark: true}, want: "id int not null, ts timestamp not null"},
		{name: "dedup missing column", rel: &plan.Deduplicate{Input: in, Columns: []string{"nope"}, WithinWatermark: true},
			want: "error CONNECT_INVALID_PLAN.UNRESOLVED_COLUMN_AMONG_FIELD_NAMES"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := resolveIR(t, tc.rel)
			got := ""
			if err != nil {
				got = "error " + errClass(err)
			} else {
				got = schemaText(p)
			}
			if got != tc.want {
				t.Fatalf("got  %s\nwant %s", got, tc.want)
			}
			if d, ok := p.(*logical.Distinct); ok && !d.WithinWatermark {
				t.Fatal("Distinct lost WithinWatermark")
			}
		})
	}
}

func TestTransposeErrors(t *testing.T) {
	tests := []struct {
		name  string
		query string
		index plan.Expr
		want  string
	}{
		{name: "index not atomic", query: "SELECT array(1) AS k, 1 AS a", want: "TRANSPOSE_INVALID_INDEX_COLUMN"},
		{name: "index not an attribute", query: "SELECT 'x' AS k, 1 AS a",
			index: &plan.UnresolvedFunction{Name: "+", Args: []plan.Expr{&plan.UnresolvedAttribute{Parts: []string{"a"}}, &plan.Literal{Type: types.Int, Value: int32(1)}}},
			want:  "TRANSPOSE_INVALID_INDEX_COLUMN"},
		{name: "no common type", query: "SELECT 'x' AS k, 1 AS a, 'p' AS b", want: "TRANSPOSE_NO_LEAST_COMMON_TYPE"},
		{name: "no common type with arrays", query: "SELECT 'x' AS k, 1 AS a, array(1) AS b", want: "TRANSPOSE_NO_LEAST_COMMON_TYPE"},
		{name: "decimals are not widened", query: "SELECT 'x' AS k, CAST(1 AS DECIMAL(5,2)) AS a, CAST(1 AS DECIMAL(10,0)) AS b", want: "TRANSPOSE_NO_LEAST_COMMON_TYPE"},
		{name: "date and int", query: "SELECT 'x' AS k, DATE'2024-01-01' AS a, 1 AS b", want: "TRANSPOSE_NO_LEAST_COMMON_TYPE"},
		{name: "int into a wide decimal needs a query", query: "SELECT 'x' AS k, 1 AS a, CAST(1 AS DECIMAL(12,2)) AS b", want: "UNSUPPORTED_FEATURE.EMBER"},
		{name: "int into a narrow decimal", query: "SELECT 'x' AS k, 1 AS a, CAST(1 AS DECIMAL(5,2)) AS b", want: "TRANSPOSE_NO_LEAST_COMMON_TYPE"},
		{name: "missing index", query: "SELECT 'x' AS k, 1 AS a", index: &plan.UnresolvedAttribute{Parts: []string{"nope"}}, want: "UNRESOLVED_COLUMN.WITH_SUGGESTION"},
		// Valid plans need the index values, which only an engine can compute.
		{name: "needs a query", query: "SELECT 'x' AS k, 1 AS a, 2.5D AS b", want: "UNSUPPORTED_FEATURE.EMBER"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := resolveIR(t, &plan.Transpose{Input: &plan.SQL{Query: tc.query}, Index: tc.index})
			if err == nil {
				t.Fatal("want an error")
			}
			if got := errClass(err); got != tc.want {
				t.Fatalf("got %s (%v), want %s", got, err, tc.want)
			}
		})
	}
}

func TestDistributedSequenceID(t *testing.T) {
	in := &plan.SQL{Query: "SELECT 'a' AS v"}
	dsi := func(args ...plan.Expr) plan.Expr {
		return &plan.UnresolvedFunction{Name: "distributed_sequence_id", Args: args}
	}
	tests := []struct {
		name string
		rel  plan.Relation
		want string
	}{
		{name: "no argument", rel: &plan.Project{Input: in, Exprs: []plan.Expr{dsi()}}, want: `distributed_sequence_id(false) bigint not null {"__autoGeneratedAlias":"true"}`},
		{name: "true", rel: &plan.Project{Input: in, Exprs: []plan.Expr{dsi(&plan.Literal{Type: types.Boolean, Value: true})}},
			want: `distributed_sequence_id(true) bigint not null {"__autoGeneratedAlias":"true"}`},
		{name: "aliased", rel: &plan.Project{Input: in, Exprs: []plan.Expr{&plan.UnresolvedStar{}, &plan.Alias{Child: dsi(), Names: []string{"index"}}}},
			want: "v string not null, index bigint not null"},
		{name: "not a boolean", rel: &plan.Project{Input: in, Exprs: []plan.Expr{dsi(&plan.Literal{Type: types.Int, Value: int32(1)})}},
			want: "error DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE"},
		{name: "in a filter", rel: &plan.Filter{Input: in, Cond: &plan.UnresolvedFunction{Name: ">", Args: []plan.Expr{dsi(), &plan.Literal{Type: types.Int, Value: int32(0)}}}},
			want: "v string not null"},
		{name: "unknown to SQL", rel: &plan.SQL{Query: "SELECT distributed_sequence_id() FROM range(3)"}, want: "error UNRESOLVED_ROUTINE"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := resolveIR(t, tc.rel)
			got := ""
			if err != nil {
				got = "error " + errClass(err)
			} else {
				got = schemaText(p)
			}
			if got != tc.want {
				t.Fatalf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}
