package functions

import (
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/types"
)

// input_file_name, input_file_block_start and input_file_block_length
// report where the current row was read from. The analyzer binds each call
// to the hidden columns of the file scan that produced the row (the call
// then has that column as its only argument); a call it cannot bind (no
// file scan below, or one behind an aggregate, join or shuffle) answers
// Spark's defaults, "" and -1.

// InputFileFunctions names the functions bound to a file scan's hidden
// columns.
var InputFileFunctions = map[string]bool{
	"input_file_name": true, "input_file_block_start": true, "input_file_block_length": true,
}

func init() {
	Register(
		&Def{Name: "input_file_name", MinArgs: 0, MaxArgs: 0, Resolve: fixed(types.String, false), Lower: lowerInputFile("''"), Group: "misc", Since: "1.6.0"},
		&Def{Name: "input_file_block_start", MinArgs: 0, MaxArgs: 0, Resolve: fixed(types.Long, false), Lower: lowerInputFile("CAST(-1 AS BIGINT)"), Group: "misc", Since: "2.2.0"},
		&Def{Name: "input_file_block_length", MinArgs: 0, MaxArgs: 0, Resolve: fixed(types.Long, false), Lower: lowerInputFile("CAST(-1 AS BIGINT)"), Group: "misc", Since: "2.2.0"},
	)
}

// lowerInputFile reads the bound hidden column, or unbound answers def.
func lowerInputFile(def string) LowerFunc {
	return func(_ *LowerCtx, _ *logical.Call, args []string) (string, error) {
		if len(args) == 1 {
			return args[0], nil
		}
		return def, nil
	}
}
