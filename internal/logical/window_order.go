package logical

// WindowRowOrder is the order in which Spark returns the rows of a
// projection that computes window functions, for input held in one
// partition (local data, a small file): its Window operator sorts the
// rows by the window's partition keys (ascending, nulls first) and then
// its order keys, and emits them in that order. With several window
// specifications the first one's order is used. Nil when exprs hold no
// window function.
func WindowRowOrder(exprs []Named) []SortKey {
	var w *Window
	for _, n := range exprs {
		Walk(n.Expr, func(e Expr) bool {
			if x, ok := e.(*Window); ok && w == nil {
				w = x
			}
			return w == nil
		})
		if w != nil {
			break
		}
	}
	if w == nil || (len(w.Partition) == 0 && len(w.Order) == 0) {
		return nil
	}
	keys := make([]SortKey, 0, len(w.Partition)+len(w.Order))
	for _, p := range w.Partition {
		keys = append(keys, SortKey{Expr: p, NullsFirst: true})
	}
	return append(keys, w.Order...)
}
