package analyzer

import (
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// Column.withField / Column.dropFields. A chain of them on one struct
// becomes one rebuilt struct, as Spark folds nested UpdateFields:
//
//	a.withField("b", 3).dropFields("c")
//	  ─► CASE WHEN a IS NULL THEN NULL ELSE named_struct('b', 3, 'd', a.d) END
//
// A dotted name ("d.e") updates a field of a nested struct; a NULL struct
// stays NULL at every level.

type fieldOp struct {
	path  []string
	value plan.Expr // nil: drop
}

type structEntry struct {
	name string
	e    logical.Expr
}

func (a *Analyzer) updateFields(x *plan.UpdateFields, s *scope) (logical.Expr, error) {
	var ops []fieldOp
	var base plan.Expr = x
	for {
		u, ok := base.(*plan.UpdateFields)
		if !ok {
			break
		}
		ops = append([]fieldOp{{path: splitFieldPath(u.FieldName), value: u.Value}}, ops...)
		base = u.Child
	}
	b, err := a.expr(base, s)
	if err != nil {
		return nil, err
	}
	return a.applyFieldOps(b, ops, s)
}

// splitFieldPath splits "a.b" into parts; backquotes protect dots.
func splitFieldPath(name string) []string {
	var parts []string
	var cur strings.Builder
	quoted := false
	for i := 0; i < len(name); i++ {
		ch := name[i]
		switch {
		case ch == '`' && quoted && i+1 < len(name) && name[i+1] == '`':
			cur.WriteByte('`')
			i++
		case ch == '`':
			quoted = !quoted
		case ch == '.' && !quoted:
			parts = append(parts, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(ch)
		}
	}
	return append(parts, cur.String())
}

func (a *Analyzer) applyFieldOps(b logical.Expr, ops []fieldOp, s *scope) (logical.Expr, error) {
	st, ok := b.Type().(types.Struct)
	if !ok {
		var shown []logical.Expr
		for _, op := range ops {
			var v logical.Expr
			if op.value != nil {
				v, _ = a.expr(op.value, s)
			}
			shown = append(shown, v)
		}
		return nil, sparkerr.Newf("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			"sqlExpr", "\""+updateFieldsPretty(b, ops, shown)+"\"", "paramIndex", "first",
			"requiredType", "\"STRUCT\"", "inputSql", "\""+b.SQL()+"\"", "inputType", "\""+strings.ToUpper(b.Type().SimpleString())+"\"")
	}
	entries := make([]structEntry, len(st.Fields))
	for i, f := range st.Fields {
		entries[i] = structEntry{f.Name, &logical.Field{Child: b, Name: f.Name, Index: i, T: f.Type, Null: b.Nullable() || f.Nullable, Pretty: b.SQL() + "." + f.Name}}
	}
	var shown []logical.Expr // resolved values, for the pretty name
	for _, op := range ops {
		name := op.path[0]
		if len(op.path) > 1 {
			idx := -1
			for i, en := range entries {
				if a.nameEq(en.name, name) {
					idx = i
					break
				}
			}
			if idx < 0 {
				return nil, sparkerr.Newf("FIELD_NOT_FOUND", "fieldName", sparkerr.QuoteID(name), "fields", strings.Join(quoteAll(entryNames(entries)), ", "))
			}
			inner, err := a.applyFieldOps(entries[idx].e, []fieldOp{{path: op.path[1:], value: op.value}}, s)
			if err != nil {
				return nil, err
			}
			entries[idx].e = inner
			if op.value != nil {
				shown = append(shown, inner)
			} else {
				shown = append(shown, nil)
			}
			continue
		}
		if op.value == nil {
			kept := entries[:0]
			for _, en := range entries {
				if !a.nameEq(en.name, name) {
					kept = append(kept, en)
				}
			}
			entries = kept
			shown = append(shown, nil)
			continue
		}
		v, err := a.expr(op.value, s)
		if err != nil {
			return nil, err
		}
		shown = append(shown, v)
		found := false
		for i, en := range entries {
			if a.nameEq(en.name, name) {
				entries[i] = structEntry{name, v}
				found = true
			}
		}
		if !found {
			entries = append(entries, structEntry{name, v})
		}
	}
	pretty := updateFieldsPretty(b, ops, shown)
	if len(entries) == 0 {
		return nil, &sparkerr.Error{
			Class: "DATATYPE_MISMATCH.CANNOT_DROP_ALL_FIELDS", Params: map[string]string{"sqlExpr": "\"" + pretty + "\""},
			SQLState: "42K09", JavaClass: sparkerr.AnalysisException,
			Text: "Cannot resolve \"" + pretty + "\" due to data type mismatch: Cannot drop all fields in struct.",
		}
	}
	var fields []types.Field
	args := []logical.Expr{b}
	for _, en := range entries {
		fields = append(fields, types.Field{Name: en.name, Type: en.e.Type(), Nullable: en.e.Nullable()})
		args = append(args, en.e)
	}
	out := types.Struct{Fields: fields}
	call := rawCall("update_fields", out, b.Nullable(), logical.Scalar, func(as []string) string {
		parts := make([]string, len(entries))
		for i, en := range entries {
			parts[i] = quoteDuckIdent(en.name) + " := " + as[i+1]
		}
		return "(CASE WHEN " + as[0] + " IS NULL THEN NULL ELSE struct_pack(" + strings.Join(parts, ", ") + ") END)"
	}, args...)
	call.Pretty = pretty
	return call, nil
}

func quoteDuckIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func entryNames(es []structEntry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.name
	}
	return out
}

// updateFieldsPretty is Spark's text of the expression:
// update_fields(a, WithField(3), dropfield()).
func updateFieldsPretty(b logical.Expr, ops []fieldOp, shown []logical.Expr) string {
	parts := []string{b.SQL()}
	for i, op := range ops {
		if op.value == nil {
			parts = append(parts, "dropfield()")
			continue
		}
		v := "?"
		if i < len(shown) && shown[i] != nil {
			v = shown[i].SQL()
		}
		parts = append(parts, "WithField("+v+")")
	}
	return "update_fields(" + strings.Join(parts, ", ") + ")"
}
