package executor

import (
	"context"
	"sort"
	"strings"

	"github.com/emberdb/ember/internal/analyzer"
	"github.com/emberdb/ember/internal/catalog"
	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sql"
	"github.com/emberdb/ember/internal/types"
)

// User functions: CREATE/DROP [TEMPORARY] FUNCTION, SHOW FUNCTIONS,
// DESCRIBE FUNCTION and the spark.catalog function calls. Persistent
// functions are catalog metadata (catalog.Function). Ember cannot load the
// JVM classes that implement user functions, so a temporary function can
// never be registered (Spark loads its class at CREATE TEMPORARY FUNCTION
// and fails with CANNOT_LOAD_FUNCTION_CLASS when it is not on the
// classpath) and calling a persistent one fails the same way.

// errTempQualifier is INVALID_TEMP_OBJ_QUALIFIER for a qualified temporary
// function name.
func errTempQualifier(name []string) error {
	return sparkerr.Newf("INVALID_TEMP_OBJ_QUALIFIER", "objectType", "FUNCTION",
		"objectName", sparkerr.QuoteID(name[len(name)-1]), "qualifier", sparkerr.QuoteID(name[:len(name)-1]...))
}

// tempFunctionName checks the name of CREATE/DROP TEMPORARY FUNCTION:
// one part, or qualified with SESSION / SYSTEM.SESSION.
func tempFunctionName(name []string) (string, error) {
	n := len(name)
	switch {
	case n == 1:
		return name[0], nil
	case n == 2 && strings.EqualFold(name[0], "session"),
		n == 3 && strings.EqualFold(name[0], "system") && strings.EqualFold(name[1], "session"):
		return name[n-1], nil
	}
	return "", errTempQualifier(name)
}

// createFunction is CREATE [OR REPLACE] [TEMPORARY] FUNCTION.
func (c *Core) createFunction(ctx context.Context, s *session.Session, x *sql.CreateFunction) error {
	if x.Temporary {
		n, err := tempFunctionName(x.Name)
		if err != nil {
			return err
		}
		return analyzer.ErrCannotLoadFunctionClass(x.ClassName, sparkerr.QuoteID(n))
	}
	db, name, err := ident(s, x.Name)
	if err != nil {
		return err
	}
	f := catalog.Function{Database: db, Name: name, ClassName: x.ClassName}
	for _, r := range x.Resources {
		f.Resources = append(f.Resources, catalog.FunctionResource{Type: r.Type, URI: r.URI})
	}
	return c.store.CreateFunction(ctx, f, x.IfNotExists, x.OrReplace)
}

// dropFunction is DROP [TEMPORARY] FUNCTION [IF EXISTS].
func (c *Core) dropFunction(ctx context.Context, s *session.Session, x *sql.DropFunction) error {
	if x.Temporary {
		n, err := tempFunctionName(x.Name)
		if err != nil {
			return err
		}
		if _, builtin := functions.Lookup(n); builtin {
			return sparkerr.Unsupported("DROP TEMPORARY FUNCTION of the built-in function " + sparkerr.QuoteID(n))
		}
		if x.IfExists {
			return nil
		}
		// No temporary function can exist (see above).
		return sparkerr.Newf("ROUTINE_NOT_FOUND", "routineName", sparkerr.QuoteID(n))
	}
	db, name, err := ident(s, x.Name)
	if err != nil {
		return err
	}
	return c.store.DropFunction(ctx, db, name, x.IfExists)
}

// qualifiedFunctionName is how SHOW FUNCTIONS names a persistent function.
func qualifiedFunctionName(f catalog.Function) string {
	return catalog.SessionCatalogName + "." + f.Database + "." + f.Name
}

// showFunctions is SHOW [USER|SYSTEM|ALL] FUNCTIONS [FROM|IN db] [LIKE p]:
// built-in names unqualified, persistent ones as spark_catalog.db.name,
// sorted. The pattern is matched against unqualified names.
func (c *Core) showFunctions(ctx context.Context, s *session.Session, x *sql.ShowFunctions) (result, error) {
	db := s.CurrentDatabase()
	if x.Namespace != nil {
		var err error
		if db, err = namespace(x.Namespace); err != nil {
			return result{}, err
		}
	}
	var names []string
	if x.Scope != "user" {
		names = append(names, matchPattern(functions.Names(), x.Pattern)...)
	}
	if x.Scope != "system" {
		fns, err := c.store.ListFunctions(ctx, db, x.Pattern)
		if err != nil {
			return result{}, err
		}
		for _, f := range fns {
			names = append(names, qualifiedFunctionName(f))
		}
	}
	sort.Strings(names)
	r := result{schema: types.Struct{Fields: []types.Field{field("function", types.String, false)}}}
	for _, n := range names {
		r.rows = append(r.rows, []any{n})
	}
	return r, nil
}

// describeFunction is DESCRIBE FUNCTION [EXTENDED] name.
func (c *Core) describeFunction(ctx context.Context, s *session.Session, x *sql.DescribeFunction) (result, error) {
	r := result{schema: types.Struct{Fields: []types.Field{field("function_desc", types.String, false)}}}
	if _, ok := functions.Lookup(x.Name); ok {
		// Function and Class as Spark prints them; Ember does not carry
		// Spark's usage documentation, so Usage says none is available.
		class := functions.ClassName(x.Name)
		if class == "" {
			return r, sparkerr.Unsupported("DESCRIBE FUNCTION of the built-in function " + x.Name)
		}
		r.rows = [][]any{{"Function: " + strings.ToLower(x.Name)}, {"Class: " + class}, {"Usage: N/A."}}
		return r, nil
	}
	f, err := c.lookupFunction(ctx, s, x.Name)
	if err != nil {
		if se, ok := sparkerr.As(err); ok && se.Class == "UNRESOLVED_ROUTINE" {
			se.Context = "" // withOrigin points it at the name
		}
		return r, err
	}
	r.rows = [][]any{
		{"Function: " + qualifiedFunctionName(*f)},
		{"Class: " + f.ClassName},
		{"Usage: N/A."},
	}
	if x.Extended {
		r.rows = append(r.rows, []any{"Extended Usage:\n    No example/argument for " + f.Name + ".\n"})
	}
	return r, nil
}

// lookupFunction finds the persistent function a (dot-separated) name
// denotes; UNRESOLVED_ROUTINE when there is none.
func (c *Core) lookupFunction(ctx context.Context, s *session.Session, name string) (*catalog.Function, error) {
	notFound := func() error {
		e := analyzer.ErrUnresolvedRoutine(name, s.CurrentDatabase())
		e.Context = ";"
		return e
	}
	db, fn, ok := analyzer.FunctionIdent(s.CurrentDatabase(), name)
	if !ok {
		return nil, notFound()
	}
	f, err := c.store.GetFunction(ctx, db, fn)
	if se, ok := sparkerr.As(err); ok && (se.Class == "ROUTINE_NOT_FOUND" || se.Class == "SCHEMA_NOT_FOUND") {
		return nil, notFound()
	}
	return f, err
}

// builtinFunctionRow is a spark.catalog Function row of a built-in
// function, named as the caller spelled it. Spark's description is its
// usage documentation, which Ember does not carry (NULL).
func builtinFunctionRow(name string) []any {
	var class any
	if c := functions.ClassName(name); c != "" {
		class = c
	}
	return []any{name, nil, nil, nil, class, true}
}

// functionRow is a spark.catalog Function row of a persistent function.
func functionRow(f *catalog.Function) []any {
	return []any{f.Name, catalog.SessionCatalogName, []string{f.Database}, "N/A.", f.ClassName, false}
}

// catalogFunctionName joins spark.catalog's (functionName, dbName).
func catalogFunctionName(fn string, db *string) (string, error) {
	parts, err := sql.ParseMultipartIdentifier(fn)
	if err != nil {
		return "", err
	}
	if db != nil && *db != "" {
		parts = append([]string{*db}, parts...)
	}
	return strings.Join(parts, "."), nil
}
