package executor

import (
	"context"
	"strings"

	"github.com/emberdb/ember/internal/catalog"
	"github.com/emberdb/ember/internal/connect"
	"github.com/emberdb/ember/internal/engine/duckdb"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sql"
)

// DataFrameWriter.saveAsTable / insertInto and DataFrameWriterV2
// (df.writeTo) on catalog tables. They share the CTAS and INSERT paths of
// the SQL statements, so a table written either way is the same table.

// writeTable is df.write.saveAsTable(name) / insertInto(name).
func (c *Core) writeTable(ctx context.Context, s *session.Session, es *duckdb.Session, x *connect.WriteOperation) error {
	name, err := sql.ParseMultipartIdentifier(x.Table)
	if err != nil {
		return err
	}
	if len(name) == 1 {
		if _, ok := s.TempView(name[0]); ok {
			return sparkerr.Newf("EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", "operation", "INSERT", "viewName", sparkerr.QuoteID(name[0]))
		}
	}
	db, tn, err := ident(s, name)
	if err != nil {
		return err
	}
	lp, err := c.resolve(ctx, s, x.Input)
	if err != nil {
		return err
	}
	if logical.IsStreaming(lp) {
		return errCallOnStreaming("write")
	}
	existing, err := c.store.GetTable(ctx, db, tn)
	if err != nil {
		if se, ok := sparkerr.As(err); !ok || se.Class != "TABLE_OR_VIEW_NOT_FOUND" {
			return err
		}
		existing = nil
	}
	if x.Method == connect.InsertInto {
		if existing == nil {
			return sparkerr.Newf("TABLE_OR_VIEW_NOT_FOUND", "relationName", sparkerr.QuoteID(name...), "searchPath", searchPath(s))
		}
		if len(x.PartitionColumns) > 0 {
			return sparkerr.Newf("_LEGACY_ERROR_TEMP_1309", "")
		}
		return c.insert(ctx, s, es, insertSpec{db: db, name: tn, query: lp, overwrite: x.Mode == connect.SaveModeOverwrite, static: map[string]logical.Expr{}})
	}
	// bucketBy/sortBy are stored with a new table, whose data is written
	// unbucketed, which changes no query answer (see catalog.BucketSpec).
	var bucket *catalog.BucketSpec
	if x.NumBuckets > 0 || len(x.BucketColumns) > 0 {
		bucket = &catalog.BucketSpec{NumBuckets: int(x.NumBuckets), Columns: x.BucketColumns, SortColumns: x.SortColumns}
	} else if len(x.SortColumns) > 0 {
		return sparkerr.Newf("SORT_BY_WITHOUT_BUCKETING")
	}
	if existing != nil {
		if existing.Kind == catalog.View {
			return sparkerr.Newf("EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", "operation", "saveAsTable", "viewName", existing.QualifiedName())
		}
		switch x.Mode {
		case connect.SaveModeIgnore:
			return nil
		case connect.SaveModeAppend:
			if err := checkAppendBucketing(existing, bucket); err != nil {
				return err
			}
			return c.insert(ctx, s, es, insertSpec{db: db, name: tn, query: lp, byName: true, static: map[string]logical.Expr{}})
		case connect.SaveModeDefault, connect.SaveModeErrorIfExists:
			return catalog.ErrTableAlreadyExists(db, tn)
		}
	}
	t, err := c.newTable(s, db, tn, x.Source, x.PartitionColumns, x.Options, nil)
	if err != nil {
		return err
	}
	if bucket != nil {
		if t.Properties == nil {
			t.Properties = map[string]string{}
		}
		t.SetBucket(bucket)
	}
	c.cache.dropTable(db, tn)
	return c.createTableAs(ctx, s, es, t, lp, existing != nil)
}

// newTable describes a table a writer creates: a "path" option makes it
// external.
func (c *Core) newTable(s *session.Session, db, name, source string, partitionBy []string, options, props map[string]string) (catalog.Table, error) {
	prov, err := provider(s, source)
	if err != nil {
		return catalog.Table{}, err
	}
	opts := map[string]string{}
	loc := ""
	for k, v := range options {
		if strings.EqualFold(k, "path") {
			loc = strings.TrimPrefix(strings.TrimPrefix(v, "file://"), "file:")
			continue
		}
		opts[k] = v
	}
	t := catalog.Table{Database: db, Name: name, Kind: catalog.Managed, Provider: prov, PartitionColumns: append([]string{}, partitionBy...), Options: opts, Properties: copyMap(props)}
	if loc != "" {
		t.Kind, t.Location = catalog.External, loc
	}
	return t, nil
}

// writeTableV2 is df.writeTo(name).create()/replace()/append()/... .
func (c *Core) writeTableV2(ctx context.Context, s *session.Session, es *duckdb.Session, x *connect.WriteOperationV2) error {
	name, err := sql.ParseMultipartIdentifier(x.Table)
	if err != nil {
		return err
	}
	db, tn, err := ident(s, name)
	if err != nil {
		return err
	}
	lp, err := c.resolve(ctx, s, x.Input)
	if err != nil {
		return err
	}
	if logical.IsStreaming(lp) {
		return errCallOnStreaming("writeTo")
	}
	exists, err := c.store.TableExists(ctx, db, tn)
	if err != nil {
		return err
	}
	var parts []string
	var bucket *catalog.BucketSpec
	for _, e := range x.PartitionBy {
		if b, ok := bucketTransform(e); ok && bucket == nil {
			// The session catalog keeps bucket(n, cols) as a bucket spec.
			bucket = b
			continue
		}
		a, ok := e.(*plan.UnresolvedAttribute)
		if !ok {
			return sparkerr.Unsupported("partitionedBy transforms other than columns and one bucket(n, col) in writeTo")
		}
		parts = append(parts, a.Parts[len(a.Parts)-1])
	}
	notFound := func() error {
		return sparkerr.Newf("TABLE_OR_VIEW_NOT_FOUND", "relationName", sparkerr.QuoteID(name...), "searchPath", searchPath(s))
	}
	switch x.Mode {
	case connect.WriteModeCreate, connect.WriteModeReplace, connect.WriteModeCreateOrReplace:
		if x.Mode == connect.WriteModeCreate && exists {
			return catalog.ErrTableAlreadyExists(db, tn)
		}
		if x.Mode == connect.WriteModeReplace && !exists {
			return sparkerr.Newf("TABLE_OR_VIEW_NOT_FOUND", "relationName", sparkerr.QuoteID(catalog.SessionCatalogName, db, tn), "searchPath", "["+sparkerr.QuoteID(catalog.SessionCatalogName, db)+"]")
		}
		t, err := c.newTable(s, db, tn, x.Provider, parts, x.Options, x.TableProperties)
		if err == nil && bucket != nil {
			if t.Properties == nil {
				t.Properties = map[string]string{}
			}
			t.SetBucket(bucket)
		}
		if err != nil {
			return err
		}
		c.cache.dropTable(db, tn)
		return c.createTableAs(ctx, s, es, t, lp, exists)
	case connect.WriteModeAppend:
		if !exists {
			return notFound()
		}
		return c.insert(ctx, s, es, insertSpec{db: db, name: tn, query: lp, byName: true, static: map[string]logical.Expr{}})
	case connect.WriteModeOverwritePartitions:
		if !exists {
			return notFound()
		}
		return c.insertDynamic(ctx, s, es, insertSpec{db: db, name: tn, query: lp, byName: true, overwrite: true, static: map[string]logical.Expr{}})
	case connect.WriteModeOverwrite:
		if !exists {
			return notFound()
		}
		if l, ok := x.OverwriteCondition.(*plan.Literal); !ok || l.Value != true {
			return sparkerr.Unsupported("writeTo(...).overwrite(condition) with a condition other than lit(True)")
		}
		return c.insert(ctx, s, es, insertSpec{db: db, name: tn, query: lp, byName: true, overwrite: true, static: map[string]logical.Expr{}, fullOverwrite: true})
	}
	return sparkerr.Unsupported("this writeTo mode")
}

// insertDynamic is an overwrite that replaces only the partitions written
// (DataFrameWriterV2.overwritePartitions), whatever the session's
// partitionOverwriteMode.
func (c *Core) insertDynamic(ctx context.Context, s *session.Session, es *duckdb.Session, spec insertSpec) error {
	spec.dynamicOverwrite = true
	return c.insert(ctx, s, es, spec)
}

// bucketTransform recognizes partitioning.bucket(n, col, ...) of
// DataFrameWriterV2.partitionedBy.
func bucketTransform(e plan.Expr) (*catalog.BucketSpec, bool) {
	f, ok := e.(*plan.UnresolvedFunction)
	if !ok || !strings.EqualFold(f.Name, "bucket") || len(f.Args) < 2 {
		return nil, false
	}
	lit, ok := f.Args[0].(*plan.Literal)
	if !ok {
		return nil, false
	}
	var n int
	switch v := lit.Value.(type) {
	case int32:
		n = int(v)
	case int64:
		n = int(v)
	case int:
		n = v
	default:
		return nil, false
	}
	b := &catalog.BucketSpec{NumBuckets: n}
	for _, a := range f.Args[1:] {
		col, ok := a.(*plan.UnresolvedAttribute)
		if !ok {
			return nil, false
		}
		b.Columns = append(b.Columns, col.Parts[len(col.Parts)-1])
	}
	return b, true
}
