package analyzer

import (
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/types"
)

// castAliases are Spark's type-named functions, int(x), string(x) ...: a
// cast (following ANSI mode) named after its argument, wherever it appears
// (width_bucket(double('NaN'), ...) is named width_bucket(NaN, ...)).
var castAliases = map[string]types.DataType{
	"boolean": types.Boolean, "tinyint": types.Byte, "smallint": types.Short, "int": types.Int,
	"bigint": types.Long, "float": types.Float, "double": types.Double, "decimal": types.Decimal{Precision: 10, Scale: 0},
	"date": types.Date, "timestamp": types.Timestamp, "binary": types.Binary, "string": types.String,
}

func (a *Analyzer) castAlias(x *plan.UnresolvedFunction, to types.DataType, s *scope) (logical.Expr, error) {
	c, err := a.cast(&plan.Cast{Child: x.Args[0], Type: to}, s)
	if err != nil {
		return nil, err
	}
	if lc, ok := c.(*logical.Cast); ok {
		lc.AsChild = true
	}
	return c, nil
}
