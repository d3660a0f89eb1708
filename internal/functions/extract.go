package functions

import (
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// extract(field, source) is EXTRACT(field FROM source) and date_part: it
// answers like the function named by the field (year, month, ...).
func init() {
	Register(&Def{Name: "extract", Aliases: []string{"date_part", "datepart"}, MinArgs: 2, MaxArgs: 2, Resolve: resolveExtract, Lower: lowerExtract, Pretty: prettyExtract, Group: "datetime"})
}

var extractFields = map[string]string{
	"YEAR": "year", "Y": "year", "YEARS": "year", "YR": "year", "YRS": "year",
	"QUARTER": "quarter", "QTR": "quarter",
	"MONTH": "month", "MON": "month", "MONS": "month", "MONTHS": "month",
	"WEEK": "weekofyear", "W": "weekofyear", "WEEKS": "weekofyear",
	"DAY": "day", "D": "day", "DAYS": "day",
	"DAYOFWEEK": "dayofweek", "DOW": "dayofweek",
	"DOY":  "dayofyear",
	"HOUR": "hour", "H": "hour", "HOURS": "hour", "HR": "hour", "HRS": "hour",
	"MINUTE": "minute", "M": "minute", "MIN": "minute", "MINS": "minute", "MINUTES": "minute",
}

func extractTarget(args []logical.Expr) (*Def, error) {
	l, ok := args[0].(*logical.Lit)
	field, isStr := "", false
	if ok {
		field, isStr = l.V.(string)
	}
	if !isStr {
		return nil, sparkerr.Newf("NON_FOLDABLE_ARGUMENT", "funcName", "`extract`", "paramName", "`field`", "paramType", "\"STRING\"")
	}
	if d, ok := extractMore[strings.ToUpper(field)]; ok {
		return d, nil
	}
	name, ok := extractFields[strings.ToUpper(field)]
	if !ok {
		return nil, sparkerr.Unsupported("EXTRACT(" + field + " FROM ...)")
	}
	d, _ := Lookup(name)
	return d, nil
}

func resolveExtract(c *Ctx, name string, args []logical.Expr) ([]logical.Expr, types.DataType, bool, error) {
	if isANSIInterval(args[1].Type()) {
		if l, ok := args[0].(*logical.Lit); ok {
			if field, ok := l.V.(string); ok {
				t, _, err := extractInterval(field, args[1].Type())
				if err != nil {
					return nil, nil, false, err
				}
				return args, t, args[1].Nullable(), nil
			}
		}
	}
	d, err := extractTarget(args)
	if err != nil {
		return nil, nil, false, err
	}
	inner, t, n, err := d.Resolve(c, d.Name, args[1:])
	if err != nil {
		return nil, nil, false, err
	}
	return append([]logical.Expr{args[0]}, inner...), t, n, nil
}

func lowerExtract(c *LowerCtx, call *logical.Call, args []string) (string, error) {
	if isANSIInterval(call.Args[1].Type()) {
		if l, ok := call.Args[0].(*logical.Lit); ok {
			if field, ok := l.V.(string); ok {
				_, f, err := extractInterval(field, call.Args[1].Type())
				if err != nil {
					return "", err
				}
				return f(args[1]), nil
			}
		}
	}
	d, err := extractTarget(call.Args)
	if err != nil {
		return "", err
	}
	inner := *call
	inner.Fn, inner.Args, inner.Impl = d.Name, call.Args[1:], d
	return d.Lower(c, &inner, args[1:])
}

func prettyExtract(_ string, args []logical.Expr, _ bool) string {
	return "extract(" + strings.ToUpper(args[0].SQL()) + " FROM " + args[1].SQL() + ")"
}
