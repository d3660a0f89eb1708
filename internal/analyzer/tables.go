package analyzer

import (
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/catalog"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// Tables and views of the persistent catalog (spark_catalog).
//
// A name resolves like Spark's: one part is a temporary view, else a table
// of the session's current database; two parts are global_temp.view or
// db.table; three parts must start with spark_catalog. A catalog table
// becomes a TableScan of the files of its current snapshot, so a query sees
// one committed version of the table however long it runs. A persistent
// view is its stored SQL, analyzed in the database that was current when
// the view was created, then cast to the view's stored schema.

// ViewDatabaseOption is the option key under which a view records the
// database that was current at CREATE VIEW (Spark keeps the same thing as
// view.catalogAndNamespace properties).
const ViewDatabaseOption = "ember.view.currentDatabase"

// TableIdent splits a table name into database and table as Spark's
// session catalog does, using the session's current database for one-part
// names. ok is false for names the session catalog cannot hold.
func TableIdent(currentDB string, name []string) (db, table string, ok bool) {
	switch len(name) {
	case 1:
		return currentDB, strings.ToLower(name[0]), true
	case 2:
		return strings.ToLower(name[0]), strings.ToLower(name[1]), true
	case 3:
		if strings.EqualFold(name[0], catalog.SessionCatalogName) {
			return strings.ToLower(name[1]), strings.ToLower(name[2]), true
		}
	}
	return "", "", false
}

// catalogTable resolves name in the persistent catalog; found is false
// when no such table or view exists (the caller raises the error).
func (a *Analyzer) catalogTable(name []string) (p logical.Plan, found bool, err error) {
	if a.Catalog == nil {
		return nil, false, nil
	}
	db, tname, ok := TableIdent(a.CurrentDatabase(), name)
	if !ok {
		return nil, false, nil
	}
	t, snap, err := a.Catalog.Table(a.Ctx, db, tname)
	if err != nil {
		if se, ok := sparkerr.As(err); ok && se.Class == "TABLE_OR_VIEW_NOT_FOUND" {
			return nil, false, nil
		}
		return nil, false, err
	}
	qual := []string{catalog.SessionCatalogName, t.Database, t.Name}
	if t.Kind == catalog.View {
		p, err := a.viewPlan(t)
		if err != nil {
			return nil, true, err
		}
		return qualify(p, qual), true, nil
	}
	attrs := make([]logical.Attr, len(t.Schema.Fields))
	for i, f := range t.Schema.Fields {
		attrs[i] = logical.Attr{ID: logical.NewID(), Name: f.Name, Type: f.Type, Nullable: true, Qualifier: qual, Metadata: f.Metadata}
	}
	var files []string
	var located []logical.LocatedFiles
	var version int64
	if snap != nil {
		byPart := map[string]int{}
		for _, f := range snap.Files {
			if !f.Located {
				files = append(files, snap.AbsPath(f))
				continue
			}
			key := catalog.PartitionPath(t.PartitionColumns, f.Partition)
			i, ok := byPart[key]
			if !ok {
				i = len(located)
				byPart[key] = i
				located = append(located, logical.LocatedFiles{Values: f.Partition})
			}
			located[i].Files = append(located[i].Files, snap.AbsPath(f))
		}
		version = snap.Version
	}
	return &logical.TableScan{
		Table: t.QualifiedName(), DB: t.Database, Name: t.Name, TableID: t.ID, Version: version, Format: strings.ToLower(t.Provider), Files: files,
		Options: lowerKeys(t.Options), Attrs: attrs, Schema: t.Schema, PartCols: t.PartitionColumns,
		Located: located, Evolved: t.Properties[catalog.ColumnsAddedProperty] != "",
	}, true, nil
}

// viewPlan analyzes a persistent view's text in the database current when
// it was created and casts its output to the stored schema.
func (a *Analyzer) viewPlan(t *catalog.Table) (logical.Plan, error) {
	if a.Parser == nil {
		return nil, sparkerr.Unsupported("persistent views")
	}
	rel, err := a.Parser.ParseQuery(t.ViewText)
	if err != nil {
		return nil, err
	}
	if a.viewDepth > 100 {
		return nil, sparkerr.Newf("VIEW_EXCEED_MAX_NESTED_DEPTH", "viewName", t.QualifiedName(), "maxNestedDepth", "100")
	}
	a.viewDepth++
	defer func() { a.viewDepth-- }()
	savedDB, savedRefs := a.currentDB, a.refs
	a.currentDB = t.Options[ViewDatabaseOption]
	a.refs = nil
	p, err := a.Resolve(rel)
	a.currentDB, a.refs = savedDB, savedRefs
	if err != nil {
		return nil, err
	}
	out := p.Output()
	if len(out) != len(t.Schema.Fields) {
		return nil, sparkerr.Newf("INCOMPATIBLE_VIEW_SCHEMA_CHANGE", "viewName", t.QualifiedName(), "colName", "", "expectedNum", strconv.Itoa(len(t.Schema.Fields)), "actualCols", strconv.Itoa(len(out)), "suggestion", "CREATE OR REPLACE VIEW "+t.QualifiedName()+" AS "+t.ViewText)
	}
	exprs := make([]logical.Named, len(out))
	for i, at := range out {
		f := t.Schema.Fields[i]
		var e logical.Expr = &logical.ColRef{Attr: at}
		if !types.Equal(at.Type, f.Type) {
			e = &logical.Cast{Child: e, To: f.Type, Mode: logical.ANSI, Null: true}
		}
		exprs[i] = logical.Named{Attr: logical.Attr{ID: logical.NewID(), Name: f.Name, Type: f.Type, Nullable: at.Nullable, Metadata: f.Metadata}, Expr: e}
	}
	return &logical.Project{Input: p, Exprs: exprs}, nil
}

// CurrentDatabase is the database one-part table names resolve in: the
// session's, or a view's own while its text is analyzed.
func (a *Analyzer) CurrentDatabase() string {
	if a.currentDB != "" {
		return a.currentDB
	}
	return a.Session.CurrentDatabase()
}
