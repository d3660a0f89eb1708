package analyzer

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// stackArg resolves stack(n, v1, ..., vk) into the array of n structs
// (col0, col1, ...) that inline then spreads into rows: the values fill the
// rows in order and the last row is padded with NULLs. A column takes the
// type of its first non-NULL value; every other value must have exactly
// that type (or be NULL), as Spark requires.
func (a *Analyzer) stackArg(f *plan.UnresolvedFunction, s *scope) (logical.Expr, error) {
	if len(f.Args) < 2 {
		return nil, sparkerr.Newf("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "functionName", "`stack`",
			"expectedNum", "> 1", "actualNum", fmt.Sprint(len(f.Args)), "docroot", "https://spark.apache.org/docs/latest")
	}
	args := make([]logical.Expr, len(f.Args))
	for i, x := range f.Args {
		e, err := a.expr(x, s)
		if err != nil {
			return nil, err
		}
		args[i] = stripAlias(e)
	}
	pretty := functions.DefaultPretty("stack", args, false)
	if args[0].Type().Kind() != types.KindInt {
		return nil, sparkerr.Newf("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "sqlExpr", "\""+pretty+"\"", "paramIndex", "first",
			"requiredType", "\"INT\"", "inputSql", "\""+args[0].SQL()+"\"", "inputType", "\""+strings.ToUpper(args[0].Type().SimpleString())+"\"")
	}
	l, ok := args[0].(*logical.Lit)
	if !ok {
		return nil, sparkerr.Newf("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "sqlExpr", "\""+pretty+"\"",
			"inputName", "`n`", "inputType", "\"INT\"", "inputExpr", "\""+args[0].SQL()+"\"")
	}
	n := int(litInt64(l.V))
	if l.V == nil || n <= 0 {
		return nil, sparkerr.Newf("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "sqlExpr", "\""+pretty+"\"",
			"exprName", "`n`", "valueRange", "(0, 2147483647]", "currentValue", l.SQL())
	}
	vals := args[1:]
	cols := (len(vals) + n - 1) / n
	colT := make([]types.DataType, cols)
	for j := range colT {
		colT[j] = types.Null
		for i := j; i < len(vals); i += cols {
			t := vals[i].Type()
			if t.Kind() == types.KindNull {
				continue
			}
			if colT[j].Kind() == types.KindNull {
				colT[j] = t
				continue
			}
			if !types.Equal(t, colT[j]) {
				first := j
				for vals[first].Type().Kind() == types.KindNull {
					first += cols
				}
				return nil, sparkerr.Newf("DATATYPE_MISMATCH.STACK_COLUMN_DIFF_TYPES", "sqlExpr", "\""+pretty+"\"",
					"columnIndex", strconv.Itoa(j), "leftParamIndex", strconv.Itoa(first+1), "leftType", "\""+strings.ToUpper(colT[j].SimpleString())+"\"",
					"rightParamIndex", strconv.Itoa(i+1), "rightType", "\""+strings.ToUpper(t.SimpleString())+"\"")
			}
		}
	}
	rows := make([]logical.Expr, n)
	for r := 0; r < n; r++ {
		var fields []logical.Expr
		for j := 0; j < cols; j++ {
			var v logical.Expr = &logical.Lit{T: colT[j], V: nil, Text: "NULL"}
			if k := r*cols + j; k < len(vals) {
				v = functions.ImplicitCast(vals[k], colT[j])
			}
			// Every stack column is nullable, as in Spark.
			if !v.Nullable() {
				v = &logical.Cast{Child: v, To: colT[j], Mode: logical.Legacy, Implicit: true, Null: true}
			}
			name := "col" + strconv.Itoa(j)
			fields = append(fields, &logical.Lit{T: types.String, V: name, Text: name}, v)
		}
		st, err := functions.Call(a.fctx, "named_struct", fields, false)
		if err != nil {
			return nil, err
		}
		rows[r] = st
	}
	return functions.Call(a.fctx, "array", rows, false)
}
