package analyzer

import (
	"sort"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// parse is spark.read.json/csv/xml over a DataFrame of strings. Without a
// schema, the records are collected at analysis time (as Spark runs its
// inference job) and their schema inferred with the rules of
// schema_of_json/schema_of_csv merged over all records. Each record is then
// parsed with from_json/from_csv and the struct's fields become the
// columns.
func (a *Analyzer) parse(x *plan.Parse) (logical.Plan, error) {
	in, err := a.Resolve(x.Input)
	if err != nil {
		return nil, err
	}
	out := in.Output()
	if len(out) != 1 {
		return nil, sparkerr.Unsupported("parse (spark.read." + x.Format + ") of a DataFrame with " + strconv.Itoa(len(out)) + " columns")
	}
	if !types.IsStringLike(out[0].Type) {
		return nil, sparkerr.Unsupported("parse (spark.read." + x.Format + ") of a " + out[0].Type.SimpleString() + " column")
	}
	var user *types.Struct
	if x.Schema != nil {
		st, ok := x.Schema.(types.Struct)
		if !ok {
			return nil, sparkerr.Unsupported("parse (spark.read." + x.Format + ") with a non-struct schema")
		}
		user = &st
	}
	opts := lowerKeys(x.Options)
	switch x.Format {
	case "json":
		return a.parseJSON(in, out[0], user, opts)
	case "csv":
		return a.parseCSV(in, out[0], user, opts)
	case "xml":
		return a.parseXMLDataFrame(in, out[0], user, opts)
	}
	return nil, sparkerr.Unsupported("parse (spark.read." + x.Format + " of a DataFrame)")
}

// parseMode reads the mode option (Spark matches it case-insensitively and
// falls back to PERMISSIVE for unknown values).
func parseMode(opts map[string]string) string {
	switch m := strings.ToUpper(opts["mode"]); m {
	case "DROPMALFORMED", "FAILFAST":
		return m
	}
	return "PERMISSIVE"
}

// parseJSON reads JSON records: objects become rows; anything else is
// malformed (kept as a row of NULLs plus the corrupt-record column in
// PERMISSIVE mode, dropped in DROPMALFORMED, an error in FAILFAST).
func (a *Analyzer) parseJSON(in logical.Plan, col logical.Attr, user *types.Struct, opts map[string]string) (logical.Plan, error) {
	for k := range opts {
		switch k {
		case "mode", "columnnameofcorruptrecord", "allowsinglequotes", "allowunquotedfieldnames", "multiline", "path":
		default:
			return nil, sparkerr.Unsupported("spark.read.json of a DataFrame with option " + k)
		}
	}
	mode := parseMode(opts)
	corrupt := a.corruptColumn(opts)
	jsonOpts := map[string]string{}
	for _, k := range []string{"allowsinglequotes", "allowunquotedfieldnames"} {
		if v, ok := opts[k]; ok {
			jsonOpts[k] = v
		}
	}
	ref := &logical.ColRef{Attr: col}
	// Blank records produce no row; a NULL record is malformed.
	nonBlank := rawCall("ember_parse_nonblank", types.Boolean, false, logical.Scalar, func(as []string) string {
		return "coalesce(trim(" + as[0] + ", ' \t\r\n') <> '', true)"
	}, ref)
	var schema types.Struct
	if user != nil {
		schema = *user
		if mode == "FAILFAST" {
			return nil, sparkerr.Unsupported("spark.read.json of a DataFrame with a schema in mode FAILFAST")
		}
	} else {
		recs, err := a.evaluateStrings(&logical.Project{Input: &logical.Filter{Input: in, Cond: nonBlank},
			Exprs: []logical.Named{{Attr: logical.Attr{ID: logical.NewID(), Name: "s", Type: types.String, Nullable: true}, Expr: ref}}},
			"spark.read.json of a DataFrame")
		if err != nil {
			return nil, err
		}
		var merged types.DataType = types.Struct{}
		sawCorrupt := false
		for _, r := range recs {
			if r[0] == nil {
				if mode == "FAILFAST" {
					return nil, malformedJSON(corrupt)
				}
				sawCorrupt = sawCorrupt || mode == "PERMISSIVE"
				continue
			}
			t, ok := functions.InferJSONRecord(*r[0], jsonOpts)
			if ok && t.Kind() == types.KindArray {
				return nil, sparkerr.Unsupported("spark.read.json of a DataFrame with a top-level JSON array record")
			}
			if !ok || t.Kind() != types.KindStruct {
				if mode == "FAILFAST" {
					return nil, malformedJSON(corrupt)
				}
				sawCorrupt = sawCorrupt || mode == "PERMISSIVE"
				continue
			}
			merged = functions.MergeJSONTypes(merged, t)
		}
		st := functions.CanonicalJSONType(merged).(types.Struct)
		schema = withCorruptField(st, sawCorrupt, corrupt)
	}
	// The corrupt-record column is filled by Ember, not parsed.
	parsed, corruptAt := splitCorrupt(schema, corrupt, true)
	bad := rawCall("ember_json_malformed", types.Boolean, false, logical.Scalar, func(as []string) string {
		sq, uq := "true", "false"
		if v, ok := jsonOpts["allowsinglequotes"]; ok {
			sq = strconv.FormatBool(strings.EqualFold(strings.TrimSpace(v), "true"))
		}
		if v, ok := jsonOpts["allowunquotedfieldnames"]; ok {
			uq = strconv.FormatBool(strings.EqualFold(strings.TrimSpace(v), "true"))
		}
		j := "(CASE WHEN json_valid(" + as[0] + ") THEN " + as[0] + " ELSE ember_json_strict(" + as[0] + ", " + sq + ", " + uq + ") END)"
		return "(NOT coalesce(json_valid(" + j + ") AND json_type(" + j + ") = 'OBJECT', false))"
	}, ref)
	var cond logical.Expr = nonBlank
	if mode == "DROPMALFORMED" {
		notBad, err := functions.Call(a.fctx, "not", []logical.Expr{bad}, false)
		if err != nil {
			return nil, err
		}
		if cond, err = functions.Call(a.fctx, "and", []logical.Expr{nonBlank, notBad}, false); err != nil {
			return nil, err
		}
	}
	filtered := &logical.Filter{Input: in, Cond: cond}
	return a.parseColumns(filtered, col, "from_json", schema, parsed, jsonOpts, corruptAt, bad)
}

// malformedJSON is the FAILFAST error of a record that is not a JSON
// object met during inference; Spark names the corrupt-record column as
// the bad record there.
func malformedJSON(rec string) error {
	return sparkerr.Newf("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", "badRecord", rec, "failFastMode", "FAILFAST")
}

// parseColumns projects the parsed struct's fields (and the corrupt-record
// column at corruptAt, if any) over the filtered input.
func (a *Analyzer) parseColumns(filtered logical.Plan, col logical.Attr, fn string, schema, parsed types.Struct, opts map[string]string, corruptAt int, bad logical.Expr) (logical.Plan, error) {
	return a.parseColumnsFrom(filtered, col, col, nil, fn, schema, parsed, opts, corruptAt, bad)
}

// parseColumnsFrom is parseColumns whose corrupt-record column holds
// corruptText (rather than the record itself) and that keeps the columns
// keep available to a projection above.
func (a *Analyzer) parseColumnsFrom(filtered logical.Plan, col, corruptText logical.Attr, keep []logical.Attr, fn string, schema, parsed types.Struct, opts map[string]string, corruptAt int, bad logical.Expr) (logical.Plan, error) {
	ref := &logical.ColRef{Attr: col}
	text := functions.SparkTypeSQL(parsed)
	args := []logical.Expr{ref, &logical.Lit{T: types.String, V: text, Text: functions.QuoteString(text)}}
	if len(opts) > 0 {
		keys := make([]string, 0, len(opts))
		for k := range opts {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var kv []logical.Expr
		for _, k := range keys {
			kv = append(kv, &logical.Lit{T: types.String, V: k, Text: functions.QuoteString(k)},
				&logical.Lit{T: types.String, V: opts[k], Text: functions.QuoteString(opts[k])})
		}
		m, err := functions.Call(a.fctx, "map", kv, false)
		if err != nil {
			return nil, err
		}
		args = append(args, m)
	}
	call, err := functions.Call(a.fctx, fn, args, false)
	if err != nil {
		return nil, err
	}
	st, ok := call.Type().(types.Struct)
	if !ok || len(st.Fields) != len(parsed.Fields) {
		return nil, sparkerr.Internal("%s over a DataFrame: unexpected type %s", fn, call.Type().SimpleString())
	}
	pa := logical.Attr{ID: logical.NewID(), Name: "__parsed", Type: st, Nullable: true}
	exprs := []logical.Named{{Attr: pa, Expr: call}, {Attr: col, Expr: ref}}
	if corruptText.ID != col.ID {
		exprs = append(exprs, logical.Named{Attr: corruptText, Expr: &logical.ColRef{Attr: corruptText}})
	}
	for _, k := range keep {
		exprs = append(exprs, logical.Named{Attr: k, Expr: &logical.ColRef{Attr: k}})
	}
	var badAttr logical.Attr
	if corruptAt >= 0 {
		badAttr = logical.Attr{ID: logical.NewID(), Name: "__bad", Type: types.Boolean}
		exprs = append(exprs, logical.Named{Attr: badAttr, Expr: bad})
	}
	inner := &logical.Project{Input: filtered, Exprs: exprs}
	var cols []logical.Named
	j := 0
	for i, f := range schema.Fields {
		at := logical.Attr{ID: logical.NewID(), Name: f.Name, Type: types.AsNullable(f.Type), Nullable: true}
		if i == corruptAt {
			at.Type = types.String
			e := rawCall("ember_corrupt_record", types.String, true, logical.Scalar, func(as []string) string {
				return "(CASE WHEN " + as[0] + " THEN CAST(" + as[1] + " AS VARCHAR) END)"
			}, &logical.ColRef{Attr: badAttr}, &logical.ColRef{Attr: corruptText})
			cols = append(cols, logical.Named{Attr: at, Expr: e})
			continue
		}
		pf := st.Fields[j]
		at.Type = pf.Type
		cols = append(cols, logical.Named{Attr: at, Expr: &logical.Field{Child: &logical.ColRef{Attr: pa}, Name: pf.Name, Index: j, T: pf.Type, Null: true, Pretty: f.Name}})
		j++
	}
	return &logical.Project{Input: inner, Exprs: cols}, nil
}

// parseCSV reads CSV lines: with the header option the first line names
// the columns (and every line equal to it is dropped); with inferSchema
// the field types are inferred, else every column is a string.
func (a *Analyzer) parseCSV(in logical.Plan, col logical.Attr, user *types.Struct, opts map[string]string) (logical.Plan, error) {
	csvOpts := map[string]string{}
	for k, v := range opts {
		switch k {
		case "sep", "delimiter", "quote", "escape":
			csvOpts[k] = v
		case "header", "inferschema", "path":
		case "mode":
			if parseMode(opts) != "PERMISSIVE" {
				return nil, sparkerr.Unsupported("spark.read.csv of a DataFrame in mode " + parseMode(opts))
			}
		default:
			return nil, sparkerr.Unsupported("spark.read.csv of a DataFrame with option " + k)
		}
	}
	header := strings.EqualFold(strings.TrimSpace(opts["header"]), "true")
	infer := strings.EqualFold(strings.TrimSpace(opts["inferschema"]), "true")
	ref := &logical.ColRef{Attr: col}
	// Null and empty lines are skipped.
	nonEmpty := rawCall("ember_parse_nonempty", types.Boolean, false, logical.Scalar, func(as []string) string {
		return "coalesce(trim(" + as[0] + ") <> '', false)"
	}, ref)
	var cond logical.Expr = nonEmpty
	var schema types.Struct
	if user == nil || header {
		recs, err := a.evaluateStrings(&logical.Project{Input: &logical.Filter{Input: in, Cond: nonEmpty},
			Exprs: []logical.Named{{Attr: logical.Attr{ID: logical.NewID(), Name: "s", Type: types.String, Nullable: true}, Expr: ref}}},
			"spark.read.csv of a DataFrame")
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 && user == nil {
			return nil, sparkerr.Unsupported("spark.read.csv of an empty DataFrame without a schema")
		}
		sep, quote, escape := csvRune(csvOpts, ",", "sep", "delimiter"), csvRune(csvOpts, "\"", "quote"), csvRune(csvOpts, "\\", "escape")
		split := func(s string) []*string { return functions.SplitCSVRecord(s, sep, quote, escape, false, false) }
		data := recs
		if header && len(recs) > 0 {
			first := *recs[0][0]
			data = nil
			for _, r := range recs {
				if *r[0] != first {
					data = append(data, r)
				}
			}
			firstLit := &logical.Lit{T: types.String, V: first, Text: functions.QuoteString(first)}
			cond = rawCall("ember_parse_not_header", types.Boolean, false, logical.Scalar, func(as []string) string {
				return "(coalesce(trim(" + as[0] + ") <> '', false) AND " + as[0] + " <> " + as[1] + ")"
			}, ref, firstLit)
		}
		if user != nil {
			schema = *user
		} else {
			var names []string
			if len(recs) > 0 {
				for i, f := range split(*recs[0][0]) {
					n := "_c" + strconv.Itoa(i)
					if header && f != nil && *f != "" {
						n = *f
					}
					names = append(names, n)
				}
			}
			names = dedupeCSVHeader(names)
			typesOf := make([]types.DataType, len(names))
			if infer {
				for _, r := range data {
					for i, f := range split(*r[0]) {
						if i >= len(typesOf) || f == nil || *f == "" {
							continue
						}
						typesOf[i] = functions.MergeCSVTypes(typesOf[i], functions.InferCSVField(*f))
					}
				}
			}
			for i, n := range names {
				t := typesOf[i]
				if t == nil {
					t = types.String
				}
				schema.Fields = append(schema.Fields, types.Field{Name: n, Type: t, Nullable: true})
			}
		}
	} else {
		schema = *user
	}
	filtered := &logical.Filter{Input: in, Cond: cond}
	return a.parseColumns(filtered, col, "from_csv", schema, schema, csvOpts, -1, nil)
}

// csvRune is the first character of the first option set among keys, or
// of def.
func csvRune(opts map[string]string, def string, keys ...string) rune {
	v := def
	for _, k := range keys {
		if s, ok := opts[k]; ok {
			v = s
			break
		}
	}
	if v == "\\t" {
		v = "\t"
	}
	if v == "" {
		return 0
	}
	return []rune(v)[0]
}

// dedupeCSVHeader renames header names that repeat (case-insensitively)
// by appending their column index, as Spark's CSV header check does.
func dedupeCSVHeader(names []string) []string {
	count := map[string]int{}
	for _, n := range names {
		count[strings.ToLower(n)]++
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n
		if count[strings.ToLower(n)] > 1 {
			out[i] = n + strconv.Itoa(i)
		}
	}
	return out
}

// corruptColumn is the name of the corrupt-record column: the reader's
// columnNameOfCorruptRecord option, else the session's setting.
func (a *Analyzer) corruptColumn(opts map[string]string) string {
	if c := opts["columnnameofcorruptrecord"]; c != "" {
		return c
	}
	return a.Session.Conf.GetOr("spark.sql.columnNameOfCorruptRecord", "_corrupt_record")
}

// withCorruptField adds the corrupt-record column to an inferred schema
// when inference met a malformed record, keeping Spark's by-name order.
func withCorruptField(st types.Struct, sawCorrupt bool, corrupt string) types.Struct {
	if !sawCorrupt {
		return st
	}
	st.Fields = append(st.Fields, types.Field{Name: corrupt, Type: types.String, Nullable: true})
	sort.SliceStable(st.Fields, func(i, j int) bool { return st.Fields[i].Name < st.Fields[j].Name })
	return st
}

// splitCorrupt separates the corrupt-record column (a string field of
// that name, when fill is set) from the fields the parser reads; -1 when
// there is none.
func splitCorrupt(schema types.Struct, corrupt string, fill bool) (types.Struct, int) {
	at := -1
	var parsed types.Struct
	for i, f := range schema.Fields {
		if fill && f.Name == corrupt && types.IsStringLike(f.Type) {
			at = i
			continue
		}
		parsed.Fields = append(parsed.Fields, f)
	}
	return parsed, at
}
