package catalog

import (
	"encoding/json"
	"fmt"
)

// BucketSpec is a table's bucketing (CLUSTERED BY (cols) [SORTED BY
// (cols)] INTO n BUCKETS, bucketBy/sortBy of saveAsTable). Column names
// are spelled as in the table schema.
//
// Ember stores and shows the spec but writes the data without physical
// bucketing (no per-bucket files, no hash layout, no sorting): bucketing
// only shapes Spark's file layout and lets it skip shuffles, and no query
// answer depends on it, apart from the order of rows of queries without
// ORDER BY, which Spark does not define either.
type BucketSpec struct {
	NumBuckets  int      `json:"numBuckets"`
	Columns     []string `json:"bucketColumns"`
	SortColumns []string `json:"sortColumns"`
}

// BucketSpecProperty is the hidden table property holding the bucket spec
// (JSON), so the metadata schema needs no column for it.
const BucketSpecProperty = "ember.bucketSpec"

// Bucket returns the table's bucket spec, or nil when it has none.
func (t *Table) Bucket() (*BucketSpec, error) {
	v, ok := t.Properties[BucketSpecProperty]
	if !ok || v == "" {
		return nil, nil
	}
	var b BucketSpec
	if err := json.Unmarshal([]byte(v), &b); err != nil {
		return nil, fmt.Errorf("catalog: table %s.%s: bucket spec: %w", t.Database, t.Name, err)
	}
	return &b, nil
}

// SetBucket sets (or, with nil, removes) the table's bucket spec.
func (t *Table) SetBucket(b *BucketSpec) {
	if b == nil {
		delete(t.Properties, BucketSpecProperty)
		return
	}
	if b.SortColumns == nil {
		b.SortColumns = []string{}
	}
	raw, _ := json.Marshal(b)
	t.SetProperties(map[string]string{BucketSpecProperty: string(raw)})
}
