package analyzer

import (
	"context"
	"strings"

	"github.com/emberdb/ember/internal/catalog"
	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/sparkerr"
)

// FunctionCatalog is implemented by a Catalog that also stores persistent
// user functions (CREATE FUNCTION). It is optional: an analyzer whose
// catalog lacks it knows built-in functions only.
type FunctionCatalog interface {
	// Function returns a persistent function (ROUTINE_NOT_FOUND or
	// SCHEMA_NOT_FOUND when there is none).
	Function(ctx context.Context, db, name string) (*catalog.Function, error)
}

// FunctionIdent resolves a (dot-separated) function name to the database
// and name of a persistent function: name, db.name or spark_catalog.db.name.
// ok is false for names that cannot denote one.
func FunctionIdent(currentDB string, name string) (db, fn string, ok bool) {
	parts := strings.Split(name, ".")
	switch {
	case len(parts) == 1:
		return currentDB, parts[0], true
	case len(parts) == 2:
		return parts[0], parts[1], true
	case len(parts) == 3 && strings.EqualFold(parts[0], catalog.SessionCatalogName):
		return parts[1], parts[2], true
	}
	return "", "", false
}

// userFunction is called for a function name the built-in registry does
// not know. A persistent user function of that name exists only as
// metadata: Ember cannot load the JVM class that implements it, so the
// call fails as Spark fails when the class is not on the classpath
// (CANNOT_LOAD_FUNCTION_CLASS). Otherwise it is UNRESOLVED_ROUTINE with
// the session's search path.
func (a *Analyzer) userFunction(name string) error {
	if fc, ok := a.Catalog.(FunctionCatalog); ok {
		if db, fn, ok := FunctionIdent(a.CurrentDatabase(), name); ok {
			f, err := fc.Function(a.Ctx, db, fn)
			if err == nil {
				return ErrCannotLoadFunctionClass(f.ClassName, sparkerr.QuoteID(catalog.SessionCatalogName, f.Database, f.Name))
			}
			if se, ok := sparkerr.As(err); !ok || (se.Class != "ROUTINE_NOT_FOUND" && se.Class != "SCHEMA_NOT_FOUND") {
				return err
			}
		}
	}
	return ErrUnresolvedRoutine(name, a.CurrentDatabase())
}

// ErrCannotLoadFunctionClass is CANNOT_LOAD_FUNCTION_CLASS for a function
// (quoted name) implemented by className.
func ErrCannotLoadFunctionClass(className, quotedName string) *sparkerr.Error {
	return sparkerr.Newf("CANNOT_LOAD_FUNCTION_CLASS", "className", className, "functionName", quotedName)
}

// ErrUnresolvedRoutine is UNRESOLVED_ROUTINE for a (dot-separated) name
// looked up from database currentDB.
func ErrUnresolvedRoutine(name, currentDB string) *sparkerr.Error {
	return sparkerr.Newf("UNRESOLVED_ROUTINE", "routineName", sparkerr.QuoteID(strings.Split(name, ".")...),
		"searchPath", "[`system`.`builtin`, `system`.`session`, "+sparkerr.QuoteID(catalog.SessionCatalogName, currentDB)+"]")
}

// isBuiltin reports whether name is a function of Ember's registry.
func isBuiltin(name string) bool {
	_, ok := functions.Lookup(name)
	return ok
}
