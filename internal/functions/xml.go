package functions

import (
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/types"
)

// XML functions. The xpath family evaluates XPath 1.0 in Go
// (internal/udf/xml.go: ember_xpath_<kind>).

func init() {
	x := func(name, kind string, t types.DataType) *Def {
		return &Def{Name: name, MinArgs: 2, MaxArgs: 2, Resolve: resolveXPath(t), Lower: fn("ember_xpath_" + kind), Group: "xml"}
	}
	Register(
		x("xpath", "list", types.Array{Elem: types.String, ContainsNull: true}),
		x("xpath_string", "string", types.String),
		x("xpath_boolean", "boolean", types.Boolean),
		x("xpath_double", "double", types.Double),
		x("xpath_number", "double", types.Double),
		x("xpath_float", "float", types.Float),
		x("xpath_int", "int", types.Int),
		x("xpath_long", "long", types.Long),
		x("xpath_short", "short", types.Short),
	)
}

func resolveXPath(t types.DataType) ResolveFunc {
	return func(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
		for i, a := range args {
			if !types.IsStringLike(a.Type()) && a.Type().Kind() != types.KindNull {
				return nil, nil, false, typeMismatch(DefaultPretty(name, args, false), i+1, "\"STRING\"", a)
			}
		}
		return []logical.Expr{ImplicitCast(args[0], types.String), ImplicitCast(args[1], types.String)}, t, true, nil
	}
}
