package sql

import (
	"strings"

	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// ParseExpression parses a single expression, optionally aliased ("a + 1",
// "count(*) AS n"), as F.expr, selectExpr and filter strings need.
func ParseExpression(text string, opts ...Option) (plan.Expr, error) {
	p := newParser(text, opts...)
	var e plan.Expr
	err := p.run(func() {
		e = p.namedExpression()
		p.expectEOF(false)
	})
	return e, err
}

// ParseQuery parses a query: SELECT, WITH, VALUES, TABLE, FROM ... or a
// parenthesized query, with optional trailing semicolons.
func ParseQuery(text string, opts ...Option) (plan.Relation, error) {
	p := newParser(text, opts...)
	var r plan.Relation
	err := p.run(func() {
		r = p.query()
		p.expectEOF(true)
	})
	return r, err
}

// ParseStatement parses one statement: a query (*QueryStatement) or a
// command (see the Statement types).
func ParseStatement(text string, opts ...Option) (Statement, error) {
	p := newParser(text, opts...)
	var s Statement
	err := p.run(func() {
		s = p.statement()
		p.expectEOF(true)
		p.runLater()
	})
	return s, err
}

// checkEmpty reports PARSE_EMPTY_STATEMENT for blank input, as Spark does
// (a comment alone is a syntax error at the end of input).
func (p *parser) checkEmpty() {
	if strings.TrimSpace(p.src) == "" {
		p.fail(p.errorAtPos(&sparkerr.Error{Class: "PARSE_EMPTY_STATEMENT", SQLState: "42617", JavaClass: sparkerr.ParseException,
			Params: map[string]string{}, Text: "Syntax error, unexpected empty statement."}, len(p.src)))
	}
}

// ParseDataType parses a data type: "int", "decimal(10,2)",
// "array<struct<a:int,b:string>>", "map<string,int>", "interval day to second".
func ParseDataType(text string) (types.DataType, error) {
	p := newParser(text)
	var dt types.DataType
	err := p.run(func() {
		dt = p.dataType()
		p.expectEOF(false)
	})
	return dt, err
}

// ParseTableSchema parses a DDL table schema: "a int, b string NOT NULL
// COMMENT 'x'". Column comments go to the field metadata as {"comment":..}.
func ParseTableSchema(text string) (types.Struct, error) {
	p := newParser(text)
	var st types.Struct
	err := p.run(func() {
		st = p.colTypeList()
		p.expectEOF(false)
	})
	return st, err
}

// ParseDatatypeString parses a schema string the way Spark Connect's
// DDL_PARSE (and PySpark's _parse_datatype_string) does: first as a table
// schema ("a int, b string"), then as a data type ("int",
// "array<int>"), then as the fields of a struct ("a: int, b: string").
// If all fail, the table-schema error is returned.
func ParseDatatypeString(text string) (types.DataType, error) {
	st, err := ParseTableSchema(text)
	if err == nil {
		return st, nil
	}
	if dt, err2 := ParseDataType(text); err2 == nil {
		return dt, nil
	}
	if dt, err3 := ParseDataType("struct<" + trimAll(text) + ">"); err3 == nil {
		return dt, nil
	}
	return nil, err
}

// ParseMultipartIdentifier parses "db.`t.x`" into ["db", "t.x"].
func ParseMultipartIdentifier(text string) ([]string, error) {
	p := newParser(text)
	var parts []string
	err := p.run(func() {
		parts = p.multipartIdentifier()
		p.expectEOF(false)
	})
	return parts, err
}
