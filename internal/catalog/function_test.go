package catalog

import (
	"reflect"
	"testing"
)

func TestFunctionsPersistAndErrors(t *testing.T) {
	s, dir := openTest(t)
	must(t, s.CreateDatabase(bg, Database{Name: "fdb"}, false))
	f := Function{Database: "FDB", Name: "My_Fn", ClassName: "org.example.F",
		Resources: []FunctionResource{{Type: "jar", URI: "/x.jar"}}}
	must(t, s.CreateFunction(bg, f, false, false))
	wantErr(t, s.CreateFunction(bg, f, false, false), "ROUTINE_ALREADY_EXISTS", "routineName", "`fdb`.`my_fn`")
	must(t, s.CreateFunction(bg, Function{Database: "fdb", Name: "my_fn", ClassName: "other"}, true, false))
	wantErr(t, s.CreateFunction(bg, Function{Database: "nope", Name: "f", ClassName: "c"}, false, false), "SCHEMA_NOT_FOUND")
	wantErr(t, s.DropDatabase(bg, "fdb", false, false), "SCHEMA_NOT_EMPTY")
	must(t, s.Close())

	// A restart (a new Store on the same warehouse) sees the function.
	s2, err := OpenWithOptions(dir, Options{GracePeriod: -1})
	must(t, err)
	defer s2.Close()
	got, err := s2.GetFunction(bg, "fdb", "MY_FN")
	must(t, err)
	if got.ClassName != "org.example.F" || !reflect.DeepEqual(got.Resources, f.Resources) {
		t.Fatalf("got %+v", got)
	}
	must(t, s2.CreateFunction(bg, Function{Database: "fdb", Name: "my_fn", ClassName: "replaced"}, false, true))
	must(t, s2.CreateFunction(bg, Function{Database: "fdb", Name: "g", ClassName: "g"}, false, false))
	fns, err := s2.ListFunctions(bg, "fdb", "m*")
	must(t, err)
	if len(fns) != 1 || fns[0].ClassName != "replaced" {
		t.Fatalf("list: %+v", fns)
	}
	must(t, s2.DropFunction(bg, "fdb", "g", false))
	wantErr(t, s2.DropFunction(bg, "fdb", "g", false), "ROUTINE_NOT_FOUND", "routineName", "`fdb`.`g`")
	must(t, s2.DropFunction(bg, "fdb", "g", true))
	must(t, s2.DropDatabase(bg, "fdb", false, true))
	must(t, s2.CreateDatabase(bg, Database{Name: "fdb"}, false))
	fns, err = s2.ListFunctions(bg, "fdb", "")
	must(t, err)
	if len(fns) != 0 {
		t.Fatalf("functions survived DROP DATABASE CASCADE: %+v", fns)
	}
}
