package functions

import (
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/types"
)

// Functions about values themselves rather than their contents: typeof
// answers the Spark type the analyzer derived, so it lowers to a constant.

func init() {
	Register(
		&Def{Name: "typeof", MinArgs: 1, MaxArgs: 1, Resolve: fixed(types.String, false), Lower: lowerTypeof, Group: "misc"},
	)
}

func lowerTypeof(_ *LowerCtx, call *logical.Call, _ []string) (string, error) {
	return QuoteString(call.Args[0].Type().SimpleString()), nil
}
