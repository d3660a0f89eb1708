package logical

// Spark evaluates the window functions of a projection with one Window
// operator per distinct (partition, order) specification, nested in order
// of first appearance: the first specification's operator reads the input
// and each later one reads the previous one's output. Each operator sorts
// its input by its partition keys (ascending, nulls first) and then its
// order keys, and emits the rows in that order. The sort is stable, so rows
// that tie keep the order they arrived in. For input held in one partition
// (local data, a small file) this fixes both the order of the result rows
// and which of several tying rows a row-based function (row_number, lag,
// a ROWS frame) sees first.

// SortKeys is the sort Spark's Window operator applies for w.
func (w *Window) SortKeys() []SortKey {
	keys := make([]SortKey, 0, len(w.Partition)+len(w.Order))
	for _, p := range w.Partition {
		keys = append(keys, SortKey{Expr: p, NullsFirst: true})
	}
	return append(keys, w.Order...)
}

// Windows returns the window functions of exprs in order of appearance
// (specifications may repeat).
func Windows(exprs []Named) []*Window {
	var ws []*Window
	for _, n := range exprs {
		Walk(n.Expr, func(e Expr) bool {
			if x, ok := e.(*Window); ok {
				ws = append(ws, x)
				return false
			}
			return true
		})
	}
	return ws
}
