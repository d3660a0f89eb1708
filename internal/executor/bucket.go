package executor

import (
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/catalog"
	"github.com/emberdb/ember/internal/session"
	"github.com/emberdb/ember/internal/sparkerr"
)

// Bucketed tables (CREATE TABLE ... CLUSTERED BY, bucketBy/sortBy of
// saveAsTable) keep their spec in the catalog and show it where Spark does;
// their data is written without physical bucketing, which changes no query
// answer (see catalog.BucketSpec).

// bucketCountError is INVALID_BUCKET_COUNT; Spark 3.5 raised it without an
// error class.
func bucketCountError(s *session.Session, n int) *sparkerr.Error {
	max := maxBuckets(s)
	e := sparkerr.Newf("INVALID_BUCKET_COUNT", "bucketingMaxBuckets", strconv.Itoa(max), "numBuckets", strconv.Itoa(n))
	e.Text35 = "Number of buckets should be greater than 0 but less than or equal to bucketing.maxBuckets (`" + strconv.Itoa(max) + "`). Got `" + strconv.Itoa(n) + "`."
	return e
}

func maxBuckets(s *session.Session) int {
	n, err := strconv.Atoi(s.Conf.GetOr("spark.sql.sources.bucketing.maxBuckets", "100000"))
	if err != nil {
		return 100000
	}
	return n
}

// checkBucket validates a new table's bucket spec against its schema, as
// Spark does when it creates the table, and spells the columns as the
// schema does. Errors: INVALID_BUCKET_COUNT, COLUMN_NOT_DEFINED_IN_TABLE,
// COLUMN_ALREADY_EXISTS, _LEGACY_ERROR_TEMP_1166/1167 (bucket or sort
// column among the partition columns).
func checkBucket(s *session.Session, t *catalog.Table) error {
	b, err := t.Bucket()
	if err != nil || b == nil {
		return err
	}
	if b.NumBuckets <= 0 || b.NumBuckets > maxBuckets(s) {
		return bucketCountError(s, b.NumBuckets)
	}
	names := t.Schema.Names()
	tableName := sparkerr.QuoteID(catalog.SessionCatalogName, t.Database, t.Name)
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = sparkerr.QuoteID(n)
	}
	resolve := func(kind string, cols []string) ([]string, error) {
		out := make([]string, len(cols))
		seen := map[string]bool{}
		for i, c := range cols {
			if seen[strings.ToLower(c)] {
				return nil, sparkerr.Newf("COLUMN_ALREADY_EXISTS", "columnName", sparkerr.QuoteID(strings.ToLower(c)))
			}
			seen[strings.ToLower(c)] = true
			found := ""
			for _, n := range names {
				if strings.EqualFold(n, c) {
					found = n
					break
				}
			}
			if found == "" {
				return nil, sparkerr.Newf("COLUMN_NOT_DEFINED_IN_TABLE", "colType", kind, "colName", sparkerr.QuoteID(c), "tableName", tableName, "tableCols", strings.Join(quoted, ", "))
			}
			out[i] = found
		}
		return out, nil
	}
	if b.Columns, err = resolve("bucket", b.Columns); err != nil {
		return err
	}
	if b.SortColumns, err = resolve("sort", b.SortColumns); err != nil {
		return err
	}
	parts := strings.Join(t.PartitionColumns, ", ")
	for _, c := range b.Columns {
		if containsFold(t.PartitionColumns, c) {
			return sparkerr.Newf("_LEGACY_ERROR_TEMP_1166", "bucketCol", c, "normalizedPartCols", parts)
		}
	}
	for _, c := range b.SortColumns {
		if containsFold(t.PartitionColumns, c) {
			return sparkerr.Newf("_LEGACY_ERROR_TEMP_1167", "sortCol", c, "normalizedPartCols", parts)
		}
	}
	t.SetBucket(b)
	return nil
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// bucketInfo are the DESCRIBE EXTENDED / SHOW TABLE EXTENDED rows of a
// bucket spec.
func bucketInfo(b *catalog.BucketSpec) [][2]string {
	q := func(cols []string) string {
		out := make([]string, len(cols))
		for i, c := range cols {
			out[i] = sparkerr.QuoteID(c)
		}
		return "[" + strings.Join(out, ", ") + "]"
	}
	return [][2]string{
		{"Num Buckets", strconv.Itoa(b.NumBuckets)},
		{"Bucket Columns", q(b.Columns)},
		{"Sort Columns", q(b.SortColumns)},
	}
}

// bucketClause is SHOW CREATE TABLE's CLUSTERED BY ... INTO n BUCKETS.
func bucketClause(b *catalog.BucketSpec) string {
	q := func(cols []string) string {
		out := make([]string, len(cols))
		for i, c := range cols {
			out[i] = quoteIfNeeded(c)
		}
		return strings.Join(out, ", ")
	}
	out := "CLUSTERED BY (" + q(b.Columns) + ")\n"
	if len(b.SortColumns) > 0 {
		out += "SORTED BY (" + q(b.SortColumns) + ")\n"
	}
	return out + "INTO " + strconv.Itoa(b.NumBuckets) + " BUCKETS\n"
}

// checkAppendBucketing is saveAsTable's check in append mode: the bucketing
// given (nil: none) must be the existing table's. Error:
// _LEGACY_ERROR_TEMP_1164.
func checkAppendBucketing(t *catalog.Table, given *catalog.BucketSpec) error {
	have, err := t.Bucket()
	if err != nil {
		return err
	}
	if given != nil {
		// Spell the columns as the table does before comparing.
		g := *given
		g.Columns = spellAs(t, g.Columns)
		g.SortColumns = spellAs(t, g.SortColumns)
		given = &g
	}
	if bucketString(given) == bucketString(have) {
		return nil
	}
	return sparkerr.Newf("_LEGACY_ERROR_TEMP_1164", "tableName", catalog.SessionCatalogName+"."+t.Database+"."+t.Name,
		"specifiedBucketString", bucketString(given), "existingBucketString", bucketString(have))
}

func spellAs(t *catalog.Table, cols []string) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c
		for _, n := range t.Schema.Names() {
			if strings.EqualFold(n, c) {
				out[i] = n
			}
		}
	}
	return out
}

// bucketString is how Spark prints a bucket spec in messages.
func bucketString(b *catalog.BucketSpec) string {
	if b == nil {
		return "not bucketed"
	}
	out := strconv.Itoa(b.NumBuckets) + " buckets, bucket columns: [" + strings.Join(b.Columns, ", ") + "]"
	if len(b.SortColumns) > 0 {
		out += ", sort columns: [" + strings.Join(b.SortColumns, ", ") + "]"
	}
	return out
}
