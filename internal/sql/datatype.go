package sql

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// primitiveTypes maps Spark's type keywords (and aliases) to types.
var primitiveTypes = map[string]types.DataType{
	"BOOLEAN":       types.Boolean,
	"TINYINT":       types.Byte,
	"BYTE":          types.Byte,
	"SMALLINT":      types.Short,
	"SHORT":         types.Short,
	"INT":           types.Int,
	"INTEGER":       types.Int,
	"BIGINT":        types.Long,
	"LONG":          types.Long,
	"FLOAT":         types.Float,
	"REAL":          types.Float,
	"DOUBLE":        types.Double,
	"DATE":          types.Date,
	"TIMESTAMP":     types.Timestamp,
	"TIMESTAMP_LTZ": types.Timestamp,
	"TIMESTAMP_NTZ": types.TimestampNTZ,
	"STRING":        types.String,
	"BINARY":        types.Binary,
	"VOID":          types.Null,
	"INTERVAL":      types.CalendarInterval,
	"VARIANT":       types.Variant,
}

var intervalFieldDT = map[string]int{"DAY": types.DayField, "HOUR": types.HourField, "MINUTE": types.MinuteField, "SECOND": types.SecondField}
var intervalFieldYM = map[string]int{"YEAR": types.YearField, "MONTH": types.MonthField}

// identifierPart accepts an identifier (unquoted word, keywords included,
// or back-quoted) and returns its name.
func (p *parser) identifierPart() (string, token, bool) {
	t := p.tok()
	switch t.kind {
	case tIdent:
		p.advance()
		return t.text, t, true
	case tQuotedIdent:
		p.advance()
		return t.val, t, true
	}
	return "", t, false
}

// identifier parses one identifier or fails. Like Spark's
// errorCapturingIdentifier it rejects "a-b" with INVALID_IDENTIFIER.
func (p *parser) identifier() string {
	name, t, ok := p.identifierPart()
	if !ok {
		p.failHere()
	}
	if t.kind == tIdent {
		p.checkDashIdentifier(t)
	}
	return name
}

// checkDashIdentifier reports Spark's INVALID_IDENTIFIER for "a-b-c" where
// an identifier was required.
func (p *parser) checkDashIdentifier(first token) {
	if !p.isOp("-") || p.tok().pos != first.end || p.peek(1).kind != tIdent || p.peek(1).pos != p.tok().end {
		return
	}
	end := first.end
	j := p.i
	for isOpTok(p.toks[j], "-") && p.toks[j+1].kind == tIdent {
		end = p.toks[j+1].end
		j += 2
	}
	ident := p.src[first.pos:end]
	e := newErr("INVALID_IDENTIFIER", "42602", map[string]string{"ident": ident},
		"The unquoted identifier "+ident+" is invalid and must be back quoted as: `"+ident+"`.\n"+
			"Unquoted identifiers can only contain ASCII letters ('a' - 'z', 'A' - 'Z'), digits ('0' - '9'), and underbar ('_').\n"+
			"Unquoted identifiers must also not start with a digit.\n"+
			"Different data sources and meta stores may impose additional restrictions on valid identifiers.")
	p.fail(p.errorAtPos(e, first.end))
}

// multipartIdentifier parses a.b.`c`.
func (p *parser) multipartIdentifier() []string {
	parts := []string{p.identifier()}
	for p.isOp(".") {
		p.trailingKeyword()
		p.advance()
		parts = append(parts, p.identifier())
	}
	return parts
}

// dataType parses a Spark SQL type.
func (p *parser) dataType() types.DataType {
	t := p.tok()
	if t.kind != tIdent {
		p.failHere()
	}
	switch t.upper {
	case "ARRAY", "MAP", "STRUCT":
		if p.peekOp(1, "<") || (t.upper == "STRUCT" && p.peekOp(1, "<>")) {
			return p.complexType()
		}
	case "INTERVAL":
		if p.peekKw(1, "YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND") {
			return p.intervalType()
		}
	}
	p.advance()
	var params []int
	var paramToks []token
	if p.isOp("(") {
		p.advance()
		for {
			n := p.tok()
			if n.kind != tInteger {
				p.failHere()
			}
			p.advance()
			v, err := strconv.Atoi(n.text)
			if err != nil {
				v = int(^uint(0) >> 1)
			}
			params = append(params, v)
			paramToks = append(paramToks, n)
			if !p.acceptOp(",") {
				break
			}
		}
		p.expectOp(")")
	}
	typeText := strings.ToUpper(p.src[t.pos:p.prevEnd()])
	unsupported := func() {
		p.fail(p.errorAtPos(newErr("UNSUPPORTED_DATATYPE", "0A000", map[string]string{"typeName": `"` + typeText + `"`},
			`Unsupported data type "`+typeText+`".`), t.pos))
	}
	switch t.upper {
	case "DECIMAL", "DEC", "NUMERIC":
		switch len(params) {
		case 0:
			return types.Decimal{Precision: 10, Scale: 0}
		case 1, 2:
			prec, scale := params[0], 0
			if len(params) == 2 {
				scale = params[1]
			}
			if prec > types.MaxDecimalPrecision {
				p.fail(&sparkerr.Error{Class: "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", SQLState: "22003",
					JavaClass: sparkerr.ArithmeticException,
					Params:    map[string]string{"precision": strconv.Itoa(prec), "maxPrecision": "38"},
					Text:      "Decimal precision " + strconv.Itoa(prec) + " exceeds max precision 38."})
			}
			if scale > prec {
				p.fail(&sparkerr.Error{Class: "", SQLState: "", JavaClass: sparkerr.ParseException,
					Params:  map[string]string{"scale": strconv.Itoa(scale), "precision": strconv.Itoa(prec)},
					Text:    "Decimal scale (" + strconv.Itoa(scale) + ") cannot be greater than precision (" + strconv.Itoa(prec) + ").",
					Context: "\n== SQL ==\n" + p.src})
			}
			return types.Decimal{Precision: prec, Scale: scale}
		}
		unsupported()
	case "CHAR", "CHARACTER", "VARCHAR":
		name := "CHAR"
		if t.upper == "VARCHAR" {
			name = "VARCHAR"
		}
		if len(params) == 0 {
			p.fail(p.errorAtPos(newErr("DATATYPE_MISSING_SIZE", "42K01", map[string]string{"type": `"` + name + `"`},
				`DataType "`+name+`" requires a length parameter, for example "`+name+`"(10). Please specify the length.`), t.pos))
		}
		if len(params) != 1 {
			unsupported()
		}
		if name == "VARCHAR" {
			return types.Varchar{Length: params[0]}
		}
		return types.Char{Length: params[0]}
	case "ARRAY", "MAP", "STRUCT":
		if len(params) == 0 {
			p.fail(p.errorAtPos(incompleteType(t.upper), t.pos))
		}
		unsupported()
	case "STRING":
		if len(params) > 0 {
			unsupported()
		}
		if p.isKw("COLLATE") {
			p.advance()
			c, _, ok := p.identifierPart()
			if !ok {
				p.failHere()
			}
			if !strings.EqualFold(c, "UTF8_BINARY") {
				p.fail(sparkerr.Unsupported("collation " + strings.ToUpper(c)))
			}
		}
		return types.String
	case "TIME":
		switch len(params) {
		case 0:
			return types.DefaultTime
		case 1:
			if params[0] < 0 || params[0] > types.MaxTimePrecision {
				// Checked once the statement parses (a failure here would
				// only make an enclosing CAST's attempt backtrack).
				prec := params[0]
				p.deferred = append(p.deferred, func() {
					p.fail(sparkerr.Newf("UNSUPPORTED_TIME_PRECISION", "precision", strconv.Itoa(prec)))
				})
				return types.DefaultTime
			}
			return types.Time{Precision: params[0]}
		}
		unsupported()
	}
	if len(params) > 0 {
		unsupported()
	}
	if dt, ok := primitiveTypes[t.upper]; ok {
		return dt
	}
	unsupported()
	return nil
}

func incompleteType(kind string) *sparkerr.Error {
	switch kind {
	case "ARRAY":
		return newErr("INCOMPLETE_TYPE_DEFINITION.ARRAY", "42K01", map[string]string{"elementType": "<INT>"},
			`Incomplete complex type: The definition of "ARRAY" type is incomplete. You must provide an element type. For example: "ARRAY<INT>".`)
	case "MAP":
		return newErr("INCOMPLETE_TYPE_DEFINITION.MAP", "42K01", nil,
			`Incomplete complex type: The definition of "MAP" type is incomplete. You must provide a key type and a value type. For example: "MAP<TIMESTAMP, INT>".`)
	}
	return newErr("INCOMPLETE_TYPE_DEFINITION.STRUCT", "42K01", nil,
		`Incomplete complex type: The definition of "STRUCT" type is incomplete. You must provide at least one field type. For example: "STRUCT<name STRING, phone DECIMAL(10, 0)>".`)
}

// complexType parses ARRAY<..>, MAP<..,..> and STRUCT<...>. As in Spark,
// a syntax error inside the angle brackets is reported at the '<'.
func (p *parser) complexType() types.DataType {
	kw := p.advance()
	lt := p.tok()
	if kw.upper == "STRUCT" && p.isOp("<>") {
		p.advance()
		return types.Struct{Fields: []types.Field{}}
	}
	var result types.DataType
	inner := func() {
		p.expectOp("<")
		switch kw.upper {
		case "ARRAY":
			elem := p.dataType()
			p.closeAngle()
			result = types.Array{Elem: elem, ContainsNull: true}
		case "MAP":
			k := p.dataType()
			p.expectOp(",")
			v := p.dataType()
			p.closeAngle()
			result = types.Map{Key: k, Value: v, ValueContainsNull: true}
		default:
			fields := []types.Field{}
			if !p.isAngleClose() {
				for {
					fields = append(fields, p.structField(true))
					if !p.acceptOp(",") {
						break
					}
				}
			}
			p.closeAngle()
			result = types.Struct{Fields: fields}
		}
	}
	defer func() {
		if r := recover(); r != nil {
			if b, ok := r.(*bailout); ok && b.err.Class == "PARSE_SYNTAX_ERROR" {
				panic(&bailout{err: p.syntaxError(lt, ""), pos: lt.pos})
			}
			panic(r)
		}
	}()
	inner()
	return result
}

func (p *parser) isAngleClose() bool { return p.isOp(">", ">>", ">>>", ">=") }

// closeAngle consumes one '>' and splits '>>' / '>>>' tokens, since nested
// types end with several '>' the lexer joined into shift operators.
func (p *parser) closeAngle() {
	t := p.tok()
	if t.kind == tOp && len(t.val) > 1 && (t.val == ">>" || t.val == ">>>") {
		rest := t
		rest.pos++
		rest.text = t.text[1:]
		rest.val = t.val[1:]
		p.toks[p.i] = rest
		return
	}
	p.expectOp(">")
}

// structField parses "name[:] type [NOT NULL] [COMMENT 'text']"; the colon
// is allowed in STRUCT<...> (complexColType) but not in table schemas.
func (p *parser) structField(colonOK bool) types.Field {
	name := p.identifier()
	if colonOK {
		p.acceptOp(":")
	}
	dt := p.dataType()
	f := types.Field{Name: name, Type: dt, Nullable: true}
	if p.isKw("NOT") || p.isOp("!") {
		p.advance()
		p.expectKwMissing("NULL")
		f.Nullable = false
	}
	if p.isKw("COMMENT") {
		p.advance()
		c := p.stringLit()
		f.Metadata = commentMetadata(c)
	}
	return f
}

func commentMetadata(c string) string {
	b, _ := json.Marshal(map[string]string{"comment": c})
	return string(b)
}

// stringLit parses one string literal token (Spark's stringLit).
func (p *parser) stringLit() string {
	t := p.tok()
	if t.kind != tString {
		p.failHere()
	}
	p.advance()
	return t.val
}

// stringLits parses adjacent string literals, which a string constant
// concatenates ('a' 'b' is 'ab').
func (p *parser) stringLits() string {
	t := p.tok()
	if t.kind != tString {
		p.failHere()
	}
	var b strings.Builder
	for p.tok().kind == tString {
		b.WriteString(p.advance().val)
	}
	return b.String()
}

// intervalType parses INTERVAL YEAR [TO MONTH] / INTERVAL DAY [TO SECOND]...
func (p *parser) intervalType() types.DataType {
	kw := p.advance()
	from := p.advance()
	if s, ok := intervalFieldYM[from.upper]; ok {
		e := s
		if p.isKw("TO") {
			p.advance()
			to := p.tok()
			if !isKwTok(to, "MONTH") {
				p.failHere()
			}
			p.advance()
			e = types.MonthField
			if s == types.MonthField {
				p.failUnsupportedFromTo(kw, "month", "month")
			}
		}
		return types.YearMonthInterval{Start: s, End: e}
	}
	s := intervalFieldDT[from.upper]
	e := s
	if p.isKw("TO") {
		p.advance()
		to := p.tok()
		if !isKwTok(to, "HOUR", "MINUTE", "SECOND") {
			p.failHere()
		}
		p.advance()
		e = intervalFieldDT[to.upper]
		if e <= s {
			p.failUnsupportedFromTo(kw, strings.ToLower(from.upper), strings.ToLower(to.upper))
		}
	}
	return types.DayTimeInterval{Start: s, End: e}
}

func (p *parser) failUnsupportedFromTo(at token, from, to string) {
	p.fail(p.errorAtPos(newErr("INVALID_INTERVAL_FORMAT.UNSUPPORTED_FROM_TO_EXPRESSION", "22006",
		map[string]string{"input": "", "from": from, "to": to},
		"Error parsing '' to interval. Please ensure that the value provided is in a valid format for defining an interval. "+
			"You can reference the documentation for the correct format. Cannot support (interval '' "+from+" to "+to+") expression."), at.pos))
}

// colTypeList parses a table schema "a int, b string NOT NULL COMMENT 'x'".
func (p *parser) colTypeList() types.Struct {
	fields := []types.Field{}
	for {
		fields = append(fields, p.structField(false))
		if !p.acceptOp(",") {
			break
		}
	}
	return types.Struct{Fields: fields}
}
