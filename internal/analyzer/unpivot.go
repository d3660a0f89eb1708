package analyzer

import (
	"sort"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// unpivot is DataFrame.unpivot/melt and SQL UNPIVOT: every input row
// becomes one row per value group, holding the id columns, the group's
// name in the variable column and its values in the value columns. It is
// rewritten to the generator Spark's Expand amounts to:
//
//	SELECT ids..., inline(array(named_struct(var, 'a', val, a), ...)) AS (var, val)
//
// whose array coercion gives the values their least common type. Without
// explicit values, every input column that is not an id is unpivoted.
// SQL's default EXCLUDE NULLS drops rows whose values are all null.
func (a *Analyzer) unpivot(x *plan.Unpivot) (logical.Plan, error) {
	groups := x.Values
	names := append([]string(nil), x.ValueAliases...)
	if len(groups) == 0 {
		in, err := a.Resolve(x.Input)
		if err != nil {
			return nil, err
		}
		isID := map[string]bool{}
		for _, id := range x.IDs {
			if u, ok := id.(*plan.UnresolvedAttribute); ok && len(u.Parts) > 0 {
				isID[strings.ToLower(u.Parts[len(u.Parts)-1])] = true
			}
		}
		for _, c := range in.Output() {
			if !isID[strings.ToLower(c.Name)] {
				groups = append(groups, []plan.Expr{&plan.UnresolvedAttribute{Parts: []string{c.Name}}})
			}
		}
	}
	if len(groups) == 0 {
		return nil, sparkerr.Newf("UNPIVOT_REQUIRES_VALUE_COLUMNS")
	}
	width := len(x.ValueColumns)
	if width == 0 {
		width = 1
	}
	// The value types, for Spark's error when they share no common type.
	var flat []plan.Expr
	for _, g := range groups {
		if len(g) != width {
			return nil, sparkerr.Newf("UNPIVOT_VALUE_SIZE_MISMATCH", "names", strconv.Itoa(width))
		}
		flat = append(flat, g...)
	}
	valuesOnly, err := a.Resolve(&plan.Project{Input: x.Input, Exprs: flat})
	if err != nil {
		return nil, err
	}
	vals := valuesOnly.Output()
	ids := x.IDs
	if x.IDsFromRest {
		// The ids are the input columns no value group reads.
		p, ok := valuesOnly.(*logical.Project)
		if !ok {
			return nil, sparkerr.Internal("unpivot: values resolved to %T", valuesOnly)
		}
		used := map[int64]bool{}
		for _, n := range p.Exprs {
			logical.Walk(n.Expr, func(e logical.Expr) bool {
				if c, ok := e.(*logical.ColRef); ok {
					used[c.Attr.ID] = true
				}
				return true
			})
		}
		ids = nil
		for _, c := range p.Input.Output() {
			if !used[c.ID] {
				ids = append(ids, &plan.UnresolvedAttribute{Parts: []string{c.Name}})
			}
		}
	}
	for col := 0; col < width; col++ {
		var seen []logical.Attr
		for i := col; i < len(vals); i += width {
			seen = append(seen, vals[i])
		}
		if !commonType(seen) {
			parts := make([]string, len(seen))
			for i, v := range seen {
				parts[i] = "\"" + strings.ToUpper(v.Type.SimpleString()) + "\" (" + sparkerr.QuoteID(v.Name) + ")"
			}
			sort.Strings(parts)
			return nil, sparkerr.Newf("UNPIVOT_VALUE_DATA_TYPE_MISMATCH", "types", strings.Join(parts, ", "))
		}
	}
	variable := x.VariableColumn
	valueCols := x.ValueColumns
	if len(valueCols) == 0 {
		valueCols = []string{"value"}
	}
	structs := make([]plan.Expr, len(groups))
	for gi, g := range groups {
		name := ""
		if gi < len(names) && names[gi] != "" {
			name = names[gi]
		} else {
			parts := make([]string, len(g))
			for i := range g {
				parts[i] = vals[gi*width+i].Name
			}
			name = strings.Join(parts, "_")
		}
		args := []plan.Expr{&plan.Literal{Type: types.String, Value: variable}, &plan.Literal{Type: types.String, Value: name}}
		for i, e := range g {
			args = append(args, &plan.Literal{Type: types.String, Value: valueCols[i]}, e)
		}
		structs[gi] = &plan.UnresolvedFunction{Name: "named_struct", Args: args}
	}
	gen := &plan.Alias{Child: &plan.UnresolvedFunction{Name: "inline", Args: []plan.Expr{&plan.UnresolvedFunction{Name: "array", Args: structs}}},
		Names: append([]string{variable}, valueCols...)}
	var rel plan.Relation = &plan.Project{Input: x.Input, Exprs: append(append([]plan.Expr(nil), ids...), gen)}
	if !x.IncludeNulls {
		var anyValue plan.Expr
		for _, c := range valueCols {
			test := &plan.UnresolvedFunction{Name: "isnotnull", Args: []plan.Expr{&plan.UnresolvedAttribute{Parts: []string{c}}}}
			if anyValue == nil {
				anyValue = test
			} else {
				anyValue = &plan.UnresolvedFunction{Name: "or", Args: []plan.Expr{anyValue, test}}
			}
		}
		rel = &plan.Filter{Input: rel, Cond: anyValue}
	}
	return a.Resolve(rel)
}

// commonType reports whether the columns' types widen to one type
// without promoting to string (Spark's rule for unpivot).
func commonType(cols []logical.Attr) bool {
	if len(cols) == 0 {
		return true
	}
	t := cols[0].Type
	for _, c := range cols[1:] {
		if types.IsStringLike(t) != types.IsStringLike(c.Type) {
			return false // no promotion to string here, unlike array()
		}
		w, ok := types.WiderType(t, c.Type)
		if !ok {
			return false
		}
		t = w
	}
	return true
}
