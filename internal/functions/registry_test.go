package functions

import (
	"sort"
	"strings"
	"testing"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// defs returns every registered Def once, with the registry keys that
// lead to it.
func defs() map[*Def][]string {
	mu.RLock()
	defer mu.RUnlock()
	out := map[*Def][]string{}
	for k, d := range registry {
		out[d] = append(out[d], k)
	}
	return out
}

func TestRegistryDefsAreComplete(t *testing.T) {
	all := defs()
	if len(all) == 0 {
		t.Fatal("no functions registered")
	}
	for d := range all {
		t.Run(d.Name, func(t *testing.T) {
			if d.Name == "" {
				t.Fatal("Def without a name")
			}
			if d.Resolve == nil {
				t.Error("no Resolve")
			}
			if d.Lower == nil {
				t.Error("no Lower")
			}
			if d.MaxArgs >= 0 && d.MaxArgs < d.MinArgs {
				t.Errorf("MaxArgs %d < MinArgs %d", d.MaxArgs, d.MinArgs)
			}
			if d.MinArgs < 0 {
				t.Errorf("MinArgs %d < 0", d.MinArgs)
			}
			if d.Group == "" {
				t.Error("no Group (the docs coverage table needs one)")
			}
		})
	}
}

// TestRegistryNamesAreUnique checks that no two Defs (and no Def with
// itself) claim the same name, ignoring case, and that every name a Def
// declares finds that Def.
func TestRegistryNamesAreUnique(t *testing.T) {
	owner := map[string]*Def{}
	for d := range defs() {
		for _, n := range append([]string{d.Name}, d.Aliases...) {
			k := strings.ToLower(n)
			if prev, dup := owner[k]; dup {
				t.Errorf("name %q is claimed by %q and %q", n, prev.Name, d.Name)
				continue
			}
			owner[k] = d
			if got, ok := Lookup(strings.ToUpper(n)); !ok || got != d {
				t.Errorf("Lookup(%q) does not find %q", strings.ToUpper(n), d.Name)
			}
		}
	}
	names := Names()
	if !sort.StringsAreSorted(names) {
		t.Error("Names() is not sorted")
	}
	if len(names) != len(owner) {
		t.Errorf("Names() has %d entries, the Defs declare %d names", len(names), len(owner))
	}
}

// TestRegisterRejectsDuplicates checks the guard that keeps the registry
// free of duplicate names.
func TestRegisterRejectsDuplicates(t *testing.T) {
	tests := []struct {
		name string
		def  *Def
	}{
		{"same name other case", &Def{Name: "UPPER"}},
		{"alias of another function", &Def{Name: "CHAR_LENGTH"}},
		{"operator", &Def{Name: "+"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := len(Names())
			defer func() {
				if recover() == nil {
					t.Errorf("Register(%q) did not panic", tc.def.Name)
				}
				if after := len(Names()); after != before {
					t.Errorf("a rejected registration changed the registry (%d -> %d names)", before, after)
				}
			}()
			Register(tc.def)
		})
	}
}

// TestResolveRules spot-checks typing rules fixed against real Spark
// (internal/analyzer/golden_test.go has the full corpus).
func TestResolveRules(t *testing.T) {
	col := func(name string, t types.DataType, nullable bool) logical.Expr {
		return &logical.ColRef{Attr: logical.Attr{ID: logical.NewID(), Name: name, Type: t, Nullable: nullable}}
	}
	lit := func(t types.DataType, v any, text string) logical.Expr { return &logical.Lit{T: t, V: v, Text: text} }
	dec := func(p, s int) types.DataType { return types.Decimal{Precision: p, Scale: s} }
	ansi := &Ctx{ANSI: true, TimeZone: "UTC"}
	legacy := &Ctx{ANSI: false, TimeZone: "UTC"}
	tests := []struct {
		name     string
		ctx      *Ctx
		fn       string
		args     []logical.Expr
		wantType types.DataType
		wantNull bool
		wantSQL  string
		wantErr  string
	}{
		{"ansi float plus int is double", ansi, "+", []logical.Expr{col("f", types.Float, true), col("i", types.Int, true)}, types.Double, true, "(f + i)", ""},
		{"legacy float plus int is float", legacy, "+", []logical.Expr{col("f", types.Float, true), col("i", types.Int, true)}, types.Float, true, "(f + i)", ""},
		{"legacy string plus int is double", legacy, "+", []logical.Expr{col("s", types.String, true), lit(types.Int, int32(1), "1")}, types.Double, true, "(s + 1)", ""},
		{"ansi string plus int is bigint", ansi, "+", []logical.Expr{col("s", types.String, true), lit(types.Int, int32(1), "1")}, types.Long, true, "(s + 1)", ""},
		{"ansi string plus string fails", ansi, "+", []logical.Expr{col("s", types.String, true), col("t", types.String, true)}, nil, false, "", "DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE"},
		{"integral literal has its own decimal precision", ansi, "*", []logical.Expr{lit(types.Int, int32(2), "2"), lit(dec(2, 1), nil, "1.5")}, dec(4, 1), true, "(2 * 1.5)", ""},
		{"legacy decimal sum may overflow to null", legacy, "+", []logical.Expr{col("a", dec(10, 2), false), col("b", dec(10, 2), false)}, dec(11, 2), true, "(a + b)", ""},
		{"ansi decimal sum of non-nulls", ansi, "+", []logical.Expr{col("a", dec(10, 2), false), col("b", dec(10, 2), false)}, dec(11, 2), false, "(a + b)", ""},
		{"date plus int is date_add", ansi, "+", []logical.Expr{col("d", types.Date, true), lit(types.Int, int32(1), "1")}, types.Date, true, "date_add(d, 1)", ""},
		{"mod by name", ansi, "mod", []logical.Expr{col("i", types.Int, true), lit(types.Int, int32(2), "2")}, types.Int, true, "mod(i, 2)", ""},
		{"bitwise not", ansi, "~", []logical.Expr{col("i", types.Int, true)}, types.Int, true, "~i", ""},
		{"nullif keeps the first type", ansi, "nullif", []logical.Expr{col("i", types.Int, false), col("l", types.Long, false)}, types.Int, true, "nullif(i, l)", ""},
		{"ceil of scale-0 decimal", ansi, "ceil", []logical.Expr{col("d", dec(5, 0), false)}, dec(5, 0), true, "CEIL(d)", ""},
		{"pow alias", ansi, "pow", []logical.Expr{col("a", types.Double, false), col("b", types.Double, false)}, types.Double, false, "pow(a, b)", ""},
		{"exp is always nullable", ansi, "exp", []logical.Expr{col("a", types.Double, false)}, types.Double, true, "EXP(a)", ""},
		{"array_contains over non-null elements", ansi, "array_contains", []logical.Expr{col("a", types.Array{Elem: types.Int}, false), lit(types.Int, int32(1), "1")}, types.Boolean, false, "array_contains(a, 1)", ""},
		{"map_keys contains null", ansi, "map_keys", []logical.Expr{col("m", types.Map{Key: types.String, Value: types.Int}, false)}, types.Array{Elem: types.String, ContainsNull: true}, false, "map_keys(m)", ""},
		{"sort_array shows its default", ansi, "sort_array", []logical.Expr{col("a", types.Array{Elem: types.Int}, false)}, types.Array{Elem: types.Int}, false, "sort_array(a, true)", ""},
		{"substring shows its default", ansi, "substr", []logical.Expr{col("s", types.String, false), lit(types.Int, int32(2), "2")}, types.String, false, "substr(s, 2, 2147483647)", ""},
		{"reverse of an array", ansi, "reverse", []logical.Expr{col("a", types.Array{Elem: types.Int, ContainsNull: true}, true)}, types.Array{Elem: types.Int, ContainsNull: true}, true, "reverse(a)", ""},
		{"every by name", ansi, "every", []logical.Expr{col("b", types.Boolean, true)}, types.Boolean, true, "every(b)", ""},
		{"ntile is not null", ansi, "ntile", []logical.Expr{lit(types.Int, int32(2), "2")}, types.Int, false, "ntile(2)", ""},
		{"between", ansi, "between", []logical.Expr{col("v", types.Int, true), lit(types.Int, int32(1), "1"), lit(types.Int, int32(3), "3")}, types.Boolean, true, "between(v, 1, 3)", ""},
		{"nested aggregate", ansi, "sum", []logical.Expr{&logical.Call{Fn: "max", Kind: logical.Agg, T: types.Int, Pretty: "max(v)"}}, nil, false, "", "NESTED_AGGREGATE_FUNCTION"},
		{"iff is not a Spark function", ansi, "iff", []logical.Expr{lit(types.Boolean, true, "true"), lit(types.Int, int32(1), "1"), lit(types.Int, int32(2), "2")}, nil, false, "", "UNRESOLVED_ROUTINE"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := Call(tc.ctx, tc.fn, tc.args, false)
			if tc.wantErr != "" {
				if se, ok := sparkerr.As(err); !ok || se.Class != tc.wantErr {
					t.Fatalf("got %v, want error %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !types.Equal(e.Type(), tc.wantType) {
				t.Errorf("type %s, want %s", e.Type().SimpleString(), tc.wantType.SimpleString())
			}
			if e.Nullable() != tc.wantNull {
				t.Errorf("nullable %v, want %v", e.Nullable(), tc.wantNull)
			}
			if e.SQL() != tc.wantSQL {
				t.Errorf("name %q, want %q", e.SQL(), tc.wantSQL)
			}
		})
	}
}
