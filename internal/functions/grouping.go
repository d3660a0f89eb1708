package functions

import (
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/types"
)

// grouping() and grouping_id() report which columns a rollup/cube row
// aggregates over.
func init() {
	Register(
		&Def{Name: "grouping", Kind: logical.Agg, MinArgs: 1, MaxArgs: 1, Resolve: fixed(types.Byte, false), Lower: tmpl("grouping($1)"), Group: "agg"},
		&Def{Name: "grouping_id", Kind: logical.Agg, MinArgs: 0, MaxArgs: -1, Resolve: fixed(types.Long, false), Lower: fn("grouping"), Group: "agg"},
	)
}
