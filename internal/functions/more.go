package functions

import (
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/types"
)

// More built-ins: integral division, and a few
// string and math functions.

func init() {
	Register(
		&Def{Name: "div", MinArgs: 2, MaxArgs: 2, Resolve: resolveIntDiv, Lower: lowerIntDiv, Pretty: infix("div"), Group: "operator"},
		&Def{Name: "cbrt", MinArgs: 1, MaxArgs: 1, Resolve: doubleFn, Lower: fn("ember_cbrt"), Pretty: upperName("CBRT"), Group: "math"},
		&Def{Name: "ascii", MinArgs: 1, MaxArgs: 1, Resolve: stringFn(types.Int), Lower: tmpl("(CASE WHEN $1 = '' THEN 0 ELSE ascii($1) END)"), Group: "string"},
		&Def{Name: "instr", MinArgs: 2, MaxArgs: 2, Resolve: stringFn(types.Int), Lower: tmpl("CAST(instr($1, $2) AS INTEGER)"), Group: "string"},
		&Def{Name: "locate", Aliases: []string{"position"}, MinArgs: 2, MaxArgs: 3, Resolve: resolveLocate, Lower: lowerLocate, Group: "string", ShowAlias: true},
		&Def{Name: "octet_length", MinArgs: 1, MaxArgs: 1, Resolve: resolveOctetLength, Lower: lowerOctetLength, Group: "string"},
	)
}

// resolveIntDiv: a div b on integral (or decimal) operands gives a bigint.
func resolveIntDiv(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out := make([]logical.Expr, 2)
	for i, a := range args {
		t := a.Type()
		switch {
		case types.IsIntegral(t) || t.Kind() == types.KindNull:
			out[i] = ImplicitCast(a, types.Long)
		case t.Kind() == types.KindDecimal:
			out[i] = a
		default:
			return nil, nil, false, typeMismatch(arithSQL("div", args), i+1, "(\"INTEGRAL\" or \"DECIMAL\" or \"INTERVAL\")", a)
		}
	}
	return out, types.Long, true, nil
}

func lowerIntDiv(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	// Truncating division, like Java's long division.
	return divGuard(c, args, "CAST(trunc("+args[0]+" / "+args[1]+") AS BIGINT)"), nil
}

func resolveLocate(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	out := []logical.Expr{ImplicitCast(args[0], types.String), ImplicitCast(args[1], types.String)}
	if len(args) == 3 {
		out = append(out, ImplicitCast(args[2], types.Int))
	} else {
		out = append(out, &logical.Lit{T: types.Int, V: int32(1), Text: "1"})
	}
	return out, types.Int, anyNullable(args[:2]), nil
}

// lowerLocate: 1-based position of substr in str at or after pos; 0 when
// absent or pos < 1.
func lowerLocate(_ *LowerCtx, _ *logical.Call, args []string) (string, error) {
	sub, str, pos := args[0], args[1], args[2]
	found := "instr(substring(" + str + ", " + pos + "), " + sub + ")"
	return "CAST(CASE WHEN " + pos + " IS NULL THEN 0 WHEN " + pos + " < 1 THEN 0 WHEN " + found + " = 0 THEN 0 ELSE " + found + " + " + pos + " - 1 END AS INTEGER)", nil
}

func resolveOctetLength(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if args[0].Type().Kind() == types.KindBinary {
		return args, types.Int, args[0].Nullable(), nil
	}
	return []logical.Expr{ImplicitCast(args[0], types.String)}, types.Int, args[0].Nullable(), nil
}

func lowerOctetLength(_ *LowerCtx, call *logical.Call, args []string) (string, error) {
	if call.Args[0].Type().Kind() == types.KindBinary {
		return "CAST(octet_length(" + args[0] + ") AS INTEGER)", nil
	}
	return "CAST(octet_length(encode(" + args[0] + ")) AS INTEGER)", nil
}
