package analyzer

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// toSchema is DataFrame.to(schema), Spark's Project.matchSchema: each
// field of the target schema takes the input column of the same name
// (spark.sql.caseSensitive decides the match), in the schema's order and
// under the schema's name; extra input columns are dropped. A missing
// column becomes NULL when its field is nullable. Types are reconciled
// recursively: structs by field name, arrays and maps by element, and any
// other type by an ANSI cast when Spark's store-assignment rules allow it.
// A nullable column cannot feed a non-nullable field.
//
//	to(struct<s string, i bigint>)      Project [s#2 AS s, CAST(i#1 AS BIGINT) AS i]
//	└─ LocalTable [i#1 int, s#2 string] └─ LocalTable [i#1, s#2]
func (a *Analyzer) toSchema(x *plan.ToSchema) (logical.Plan, error) {
	schema, ok := x.Schema.(types.Struct)
	if !ok {
		return nil, sparkerr.Newf("CONNECT.INVALID_PLAN", "msg", "DataFrame.to needs a struct schema, got "+functions.SparkTypeSQL(x.Schema)+".")
	}
	in, err := a.Resolve(x.Input)
	if err != nil {
		return nil, err
	}
	out := in.Output()
	fields := make([]types.Field, len(out))
	exprs := make([]logical.Expr, len(out))
	for i, at := range out {
		fields[i] = at.Field()
		exprs[i] = &logical.ColRef{Attr: at}
	}
	ns := make([]logical.Named, 0, len(schema.Fields))
	for _, f := range schema.Fields {
		e, orig, err := a.matchField(fields, exprs, f, nil)
		if err != nil {
			return nil, err
		}
		md, err := mergeMetadata(orig, f.Metadata)
		if err != nil {
			return nil, err
		}
		ns = append(ns, logical.Named{
			Attr: logical.Attr{ID: logical.NewID(), Name: f.Name, Type: f.Type, Nullable: e.Nullable(), Metadata: md},
			Expr: e,
		})
	}
	return &logical.Project{Input: in, Exprs: ns}, nil
}

// matchField finds the field named like want among fields (their values
// are exprs) and reconciles it with want's type; path is the enclosing
// struct columns. It returns the value and the matched field's metadata.
func (a *Analyzer) matchField(fields []types.Field, exprs []logical.Expr, want types.Field, path []string) (logical.Expr, string, error) {
	var hits []int
	for i, f := range fields {
		if a.nameEq(f.Name, want.Name) {
			hits = append(hits, i)
		}
	}
	full := append(append([]string(nil), path...), want.Name)
	switch len(hits) {
	case 0:
		if want.Nullable {
			return &logical.Lit{T: want.Type, V: nil, Text: "NULL"}, "", nil
		}
		proposal := make([]string, len(fields))
		for i, f := range fields {
			proposal[i] = sparkerr.QuoteID(f.Name)
		}
		if len(path) == 0 {
			return nil, "", sparkerr.Newf("UNRESOLVED_COLUMN.WITH_SUGGESTION", "objectName", sparkerr.QuoteID(want.Name), "proposal", strings.Join(proposal, ", "))
		}
		return nil, "", sparkerr.Newf("UNRESOLVED_FIELD.WITH_SUGGESTION", "fieldName", sparkerr.QuoteID(want.Name),
			"columnPath", sparkerr.QuoteID(path...), "proposal", strings.Join(proposal, ", "))
	case 1:
	default:
		return nil, "", toSchemaErr("AMBIGUOUS_COLUMN_OR_FIELD", "42702", "Column or field <name> is ambiguous and has <n> matches.",
			"name", sparkerr.QuoteID(full...), "n", strconv.Itoa(len(hits)))
	}
	f := fields[hits[0]]
	e, err := a.reconcile(exprs[hits[0]], f.Nullable, full, want.Type, want.Nullable)
	if err != nil {
		return nil, "", err
	}
	return e, f.Metadata, nil
}

// reconcile converts e (nullable per eNull) to type t for the column or
// field at path.
func (a *Analyzer) reconcile(e logical.Expr, eNull bool, path []string, t types.DataType, nullable bool) (logical.Expr, error) {
	if eNull && !nullable {
		return nil, toSchemaErr("NULLABLE_COLUMN_OR_FIELD", "42000", "Column or field <name> is nullable while it's required to be non-nullable.",
			"name", sparkerr.QuoteID(path...))
	}
	from := e.Type()
	switch want := t.(type) {
	case types.Struct:
		have, ok := from.(types.Struct)
		if !ok {
			break
		}
		return a.reconcileStruct(e, have, want, path)
	case types.Array:
		have, ok := from.(types.Array)
		if !ok {
			break
		}
		if have.ContainsNull && !want.ContainsNull {
			return nil, toSchemaErr("NOT_NULL_CONSTRAINT_VIOLATION.ARRAY_ELEMENT", "42000",
				"Assigning a NULL is not allowed here. The array <columnPath> is defined to contain only elements that are NOT NULL.",
				"columnPath", sparkerr.QuoteID(path...))
		}
		if err := a.checkNested(have.Elem, want.Elem, append(path, "element")); err != nil {
			return nil, err
		}
		return ansiCastTo(e, t), nil
	case types.Map:
		have, ok := from.(types.Map)
		if !ok {
			break
		}
		if have.ValueContainsNull && !want.ValueContainsNull {
			return nil, toSchemaErr("NOT_NULL_CONSTRAINT_VIOLATION.MAP_VALUE", "42000",
				"Assigning a NULL is not allowed here. The map <columnPath> is defined to contain only values that are NOT NULL.",
				"columnPath", sparkerr.QuoteID(path...))
		}
		if err := a.checkNested(have.Key, want.Key, append(path, "key")); err != nil {
			return nil, err
		}
		if err := a.checkNested(have.Value, want.Value, append(path, "value")); err != nil {
			return nil, err
		}
		return ansiCastTo(e, t), nil
	default:
		if types.Equal(from, t) {
			return e, nil
		}
		if ansiStoreAssignable(from, t) {
			return ansiCastTo(e, t), nil
		}
	}
	return nil, toSchemaErr("INVALID_COLUMN_OR_FIELD_DATA_TYPE", "42000",
		"Column or field <name> is of type <type> while it's required to be <expectedType>.",
		"name", sparkerr.QuoteID(path...), "type", "\""+functions.SparkTypeSQL(from)+"\"", "expectedType", "\""+functions.SparkTypeSQL(t)+"\"")
}

// checkNested checks an array element or map key/value type: it is cast
// as a whole, so a struct inside must already match field for field.
func (a *Analyzer) checkNested(from, to types.DataType, path []string) error {
	if types.Equal(from, to) {
		return nil
	}
	if hasStruct(from) || hasStruct(to) {
		return sparkerr.Unsupported("DataFrame.to reconciling a struct inside an array or map (" + sparkerr.QuoteID(path...) + ")")
	}
	switch want := to.(type) {
	case types.Array:
		have, ok := from.(types.Array)
		if ok && !(have.ContainsNull && !want.ContainsNull) {
			return a.checkNested(have.Elem, want.Elem, append(path, "element"))
		}
	case types.Map:
		have, ok := from.(types.Map)
		if ok && !(have.ValueContainsNull && !want.ValueContainsNull) {
			if err := a.checkNested(have.Key, want.Key, append(path, "key")); err != nil {
				return err
			}
			return a.checkNested(have.Value, want.Value, append(path, "value"))
		}
	default:
		if ansiStoreAssignable(from, to) {
			return nil
		}
	}
	return toSchemaErr("INVALID_COLUMN_OR_FIELD_DATA_TYPE", "42000",
		"Column or field <name> is of type <type> while it's required to be <expectedType>.",
		"name", sparkerr.QuoteID(path...), "type", "\""+functions.SparkTypeSQL(from)+"\"", "expectedType", "\""+functions.SparkTypeSQL(to)+"\"")
}

func hasStruct(t types.DataType) bool {
	switch x := t.(type) {
	case types.Struct:
		return true
	case types.Array:
		return hasStruct(x.Elem)
	case types.Map:
		return hasStruct(x.Key) || hasStruct(x.Value)
	}
	return false
}

// reconcileStruct rebuilds a struct value field by field in the target's
// order; a NULL struct stays NULL.
func (a *Analyzer) reconcileStruct(e logical.Expr, have, want types.Struct, path []string) (logical.Expr, error) {
	exprs := make([]logical.Expr, len(have.Fields))
	for i, f := range have.Fields {
		exprs[i] = &logical.Field{Child: e, Name: f.Name, Index: i, T: f.Type, Null: e.Nullable() || f.Nullable, Pretty: e.SQL() + "." + f.Name}
	}
	var vals []logical.Expr
	var fields []types.Field
	for _, wf := range want.Fields {
		// Inside a struct, a field's own nullability counts (the parent's
		// NULL is handled by the CASE below).
		v, _, err := a.matchFieldIn(have, exprs, wf, path)
		if err != nil {
			return nil, err
		}
		vals = append(vals, v)
		fields = append(fields, types.Field{Name: wf.Name, Type: wf.Type, Nullable: v.Nullable()})
	}
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.Name
	}
	args := append([]logical.Expr{e}, vals...)
	call := rawCall("named_struct", types.Struct{Fields: fields}, e.Nullable(), logical.Scalar, func(as []string) string {
		parts := make([]string, len(names))
		for i, n := range names {
			parts[i] = quoteDuckIdent(n) + " := " + as[i+1]
		}
		return "(CASE WHEN " + as[0] + " IS NULL THEN NULL ELSE struct_pack(" + strings.Join(parts, ", ") + ") END)"
	}, args...)
	call.Pretty = e.SQL()
	return call, nil
}

// matchFieldIn is matchField for the fields of a struct value, judging
// nullability by the fields' own flags.
func (a *Analyzer) matchFieldIn(have types.Struct, exprs []logical.Expr, want types.Field, path []string) (logical.Expr, string, error) {
	var hits []int
	for i, f := range have.Fields {
		if a.nameEq(f.Name, want.Name) {
			hits = append(hits, i)
		}
	}
	if len(hits) != 1 {
		return a.matchField(have.Fields, exprs, want, path)
	}
	f := have.Fields[hits[0]]
	full := append(append([]string(nil), path...), want.Name)
	e, err := a.reconcile(exprs[hits[0]], f.Nullable, full, want.Type, want.Nullable)
	if err != nil {
		return nil, "", err
	}
	return e, f.Metadata, nil
}

// ansiCastTo is the ANSI cast DataFrame.to applies.
func ansiCastTo(e logical.Expr, t types.DataType) logical.Expr {
	if types.Equal(e.Type(), t) {
		return e
	}
	return &logical.Cast{Child: e, To: t, Mode: logical.ANSI, Null: e.Nullable()}
}

// ansiStoreAssignable is Spark's Cast.canANSIStoreAssign for non-nested
// types: numbers to numbers, atomic values to strings, dates and
// timestamps among themselves, intervals within their family.
func ansiStoreAssignable(from, to types.DataType) bool {
	if types.Equal(from, to) || from.Kind() == types.KindNull {
		return true
	}
	switch {
	case types.IsNumeric(from) && types.IsNumeric(to):
		return true
	case to.Kind() == types.KindString:
		switch from.Kind() {
		case types.KindArray, types.KindMap, types.KindStruct, types.KindVariant:
			return false
		}
		return true
	case types.IsDatetime(from) && types.IsDatetime(to):
		return true
	case from.Kind() == types.KindDayTimeInterval && to.Kind() == types.KindDayTimeInterval,
		from.Kind() == types.KindYearMonthInterval && to.Kind() == types.KindYearMonthInterval:
		return true
	}
	return false
}

// mergeMetadata is the input column's metadata overlaid with the target
// field's (both JSON objects, "" for none).
func mergeMetadata(orig, add string) (string, error) {
	if orig == "" || orig == "{}" {
		return add, nil
	}
	if add == "" || add == "{}" {
		return orig, nil
	}
	m := map[string]json.RawMessage{}
	if err := json.Unmarshal([]byte(orig), &m); err != nil {
		return "", sparkerr.Internal("column metadata %q: %v", orig, err)
	}
	var over map[string]json.RawMessage
	if err := json.Unmarshal([]byte(add), &over); err != nil {
		return "", sparkerr.Internal("field metadata %q: %v", add, err)
	}
	for k, v := range over {
		m[k] = v
	}
	b, err := json.Marshal(m)
	if err != nil {
		return "", sparkerr.Internal("metadata: %v", err)
	}
	return string(b), nil
}

// toSchemaErr is an AnalysisException of DataFrame.to with its message
// template filled in.
func toSchemaErr(class, state, text string, kv ...string) *sparkerr.Error {
	params := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		params[kv[i]] = kv[i+1]
		text = strings.ReplaceAll(text, "<"+kv[i]+">", kv[i+1])
	}
	return &sparkerr.Error{Class: class, SQLState: state, JavaClass: sparkerr.AnalysisException, Params: params, Text: text}
}
