package sql

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// Statement is a parsed SQL statement: a *QueryStatement or one of the
// command types below.
type Statement interface{ statementNode() }

// QueryStatement is a query (SELECT, WITH, VALUES, TABLE, FROM ...).
type QueryStatement struct{ Rel plan.Relation }

// SetCommand is SET (list all; HasKey false), SET -v (Verbose), SET key
// (show one; HasValue false) or SET key = value.
type SetCommand struct {
	Key      string
	Value    string
	HasKey   bool
	HasValue bool
	Verbose  bool
}

// ResetCommand is RESET (Key "") or RESET key.
type ResetCommand struct{ Key string }

// SetTimeZone is SET TIME ZONE 'zone' | LOCAL | INTERVAL ... . Zone holds
// the zone text; Local is set for LOCAL; Interval for the interval form.
type SetTimeZone struct {
	Zone     string
	Local    bool
	Interval plan.Expr
}

// SetCatalog is SET CATALOG name.
type SetCatalog struct{ Name string }

// UseNamespace is USE [NAMESPACE|DATABASE|SCHEMA] name.
type UseNamespace struct{ Name []string }

// Explain is EXPLAIN [LOGICAL|FORMATTED|EXTENDED|CODEGEN|COST] statement.
// Mode is "simple" when no keyword is given, else the keyword lower-cased.
type Explain struct {
	Mode string
	Stmt Statement
}

// ViewColumn is a column in CREATE VIEW v (a COMMENT 'x', b).
type ViewColumn struct {
	Name       string
	Comment    string
	HasComment bool
}

// CreateView is CREATE [OR REPLACE] [[GLOBAL] TEMPORARY] VIEW [IF NOT
// EXISTS] name [(cols)] [COMMENT ..] [TBLPROPERTIES ..] AS query.
// QueryText is the query's SQL text (persistent views store it).
type CreateView struct {
	Name        []string
	OrReplace   bool
	Temporary   bool
	Global      bool
	IfNotExists bool
	Columns     []ViewColumn
	Comment     string
	HasComment  bool
	Properties  map[string]string
	Query       plan.Relation
	QueryText   string
}

// CreateTempViewUsing is CREATE [OR REPLACE] [GLOBAL] TEMPORARY VIEW name
// [(schema)] USING provider [OPTIONS (...)].
type CreateTempViewUsing struct {
	Name      []string
	OrReplace bool
	Global    bool
	Schema    *types.Struct
	Provider  string
	Options   map[string]string
}

// DropView is DROP VIEW [IF EXISTS] name.
type DropView struct {
	Name     []string
	IfExists bool
}

// CreateNamespace is CREATE DATABASE|SCHEMA|NAMESPACE [IF NOT EXISTS] name
// [COMMENT ..] [LOCATION ..] [WITH (DB)PROPERTIES (...)].
type CreateNamespace struct {
	Name        []string
	IfNotExists bool
	Comment     string
	Location    string
	Properties  map[string]string
}

// DropNamespace is DROP DATABASE|SCHEMA|NAMESPACE [IF EXISTS] name
// [RESTRICT|CASCADE].
type DropNamespace struct {
	Name     []string
	IfExists bool
	Cascade  bool
}

// ColumnDef is a column of CREATE TABLE.
type ColumnDef struct {
	Field types.Field
	// Default is the DEFAULT expression (nil if none); DefaultText its SQL.
	Default     plan.Expr
	DefaultText string
	// Generated is GENERATED ALWAYS AS (expr) (nil if none).
	Generated     plan.Expr
	GeneratedText string
}

// CreateTable is CREATE [OR REPLACE] [TEMPORARY] [EXTERNAL] TABLE [IF NOT
// EXISTS] name [(cols)] [USING provider] [OPTIONS ..] [PARTITIONED BY ..]
// [LOCATION ..] [COMMENT ..] [TBLPROPERTIES ..] [[AS] query], and
// REPLACE TABLE (Replace set, OrReplace false).
type CreateTable struct {
	Name        []string
	OrReplace   bool
	Replace     bool
	IfNotExists bool
	Temporary   bool
	External    bool
	Columns     []ColumnDef // nil when no column list was given
	Provider    string
	Options     map[string]string
	PartitionBy []string
	Location    string
	Comment     string
	Properties  map[string]string
	// Bucket is CLUSTERED BY (...) [SORTED BY (...)] INTO n BUCKETS; nil
	// when absent.
	Bucket *BucketSpec
	Query  plan.Relation
}

// BucketSpec is a table's bucketing: the number of buckets, the columns
// hashed into them and the columns each bucket is sorted by (names as
// written).
type BucketSpec struct {
	NumBuckets  int
	Columns     []string
	SortColumns []string
}

// DropTable is DROP TABLE [IF EXISTS] name [PURGE].
type DropTable struct {
	Name     []string
	IfExists bool
	Purge    bool
}

// InsertInto is INSERT INTO|OVERWRITE [TABLE] name [PARTITION (...)] [IF
// NOT EXISTS] [(cols) | BY NAME] query.
type InsertInto struct {
	Table       []string
	Overwrite   bool
	Partition   map[string]plan.Expr // value nil for dynamic partitions
	IfNotExists bool
	Columns     []string
	ByName      bool
	Query       plan.Relation
}

// ShowTables is SHOW TABLES [FROM|IN ns] [[LIKE] 'pattern'].
type ShowTables struct {
	Namespace []string
	Pattern   string
}

// ShowViews is SHOW VIEWS [FROM|IN ns] [[LIKE] 'pattern'].
type ShowViews struct {
	Namespace []string
	Pattern   string
}

// ShowNamespaces is SHOW DATABASES|SCHEMAS|NAMESPACES [FROM|IN ns] [[LIKE] 'pattern'].
type ShowNamespaces struct {
	Namespace []string
	Pattern   string
}

// ShowColumns is SHOW COLUMNS FROM|IN table [FROM|IN ns].
type ShowColumns struct {
	Table     []string
	Namespace []string
}

// ShowFunctions is SHOW [USER|SYSTEM|ALL] FUNCTIONS [FROM|IN ns] [[LIKE] pattern].
type ShowFunctions struct {
	Scope     string // "", "user", "system", "all"
	Namespace []string
	Pattern   string
}

// ShowCurrentNamespace is SHOW CURRENT NAMESPACE|DATABASE|SCHEMA.
type ShowCurrentNamespace struct{}

// ShowCatalogs is SHOW CATALOGS [[LIKE] 'pattern'].
type ShowCatalogs struct{ Pattern string }

// ShowCreateTable is SHOW CREATE TABLE name [AS SERDE].
type ShowCreateTable struct{ Name []string }

// ShowTblProperties is SHOW TBLPROPERTIES name [(key)].
type ShowTblProperties struct {
	Name []string
	Key  string
}

// ShowPartitions is SHOW PARTITIONS name [PARTITION (spec)].
type ShowPartitions struct {
	Name      []string
	Partition PartitionSpec
}

// DescribeTable is DESC[RIBE] [TABLE] [EXTENDED|FORMATTED] name
// [PARTITION (spec)] [col] (a column and a partition together are an
// error, as in Spark).
type DescribeTable struct {
	Name      []string
	Extended  bool
	Column    []string
	Partition PartitionSpec
}

// DescribeQuery is DESC[RIBE] [QUERY] query.
type DescribeQuery struct{ Query plan.Relation }

// DescribeNamespace is DESC DATABASE|SCHEMA|NAMESPACE [EXTENDED] name.
type DescribeNamespace struct {
	Name     []string
	Extended bool
}

// DescribeFunction is DESC FUNCTION [EXTENDED] name.
type DescribeFunction struct {
	Name     string
	Extended bool
}

// CreateFunction is CREATE [OR REPLACE] [TEMPORARY] FUNCTION [IF NOT
// EXISTS] name AS 'class' [USING JAR|FILE|ARCHIVE 'uri', ...].
type CreateFunction struct {
	Name        []string
	ClassName   string
	Resources   []FunctionResource
	OrReplace   bool
	Temporary   bool
	IfNotExists bool
}

// FunctionResource is one USING entry of CREATE FUNCTION.
type FunctionResource struct {
	Type string // "jar", "file" or "archive"
	URI  string
}

// DropFunction is DROP [TEMPORARY] FUNCTION [IF EXISTS] name.
type DropFunction struct {
	Name      []string
	Temporary bool
	IfExists  bool
}

// CacheTable is CACHE [LAZY] TABLE name [OPTIONS (...)] [[AS] query].
type CacheTable struct {
	Name    []string
	Lazy    bool
	Options map[string]string
	Query   plan.Relation
}

// UncacheTable is UNCACHE TABLE [IF EXISTS] name.
type UncacheTable struct {
	Name     []string
	IfExists bool
}

// ClearCache is CLEAR CACHE.
type ClearCache struct{}

// RefreshTable is REFRESH TABLE name.
type RefreshTable struct{ Name []string }

// RefreshResource is REFRESH 'path' / REFRESH anything.
type RefreshResource struct{ Path string }

// TruncateTable is TRUNCATE TABLE name [PARTITION (spec)].
type TruncateTable struct {
	Name      []string
	Partition PartitionSpec
}

func (*QueryStatement) statementNode()       {}
func (*SetCommand) statementNode()           {}
func (*ResetCommand) statementNode()         {}
func (*SetTimeZone) statementNode()          {}
func (*SetCatalog) statementNode()           {}
func (*UseNamespace) statementNode()         {}
func (*Explain) statementNode()              {}
func (*CreateView) statementNode()           {}
func (*CreateTempViewUsing) statementNode()  {}
func (*DropView) statementNode()             {}
func (*CreateNamespace) statementNode()      {}
func (*DropNamespace) statementNode()        {}
func (*CreateTable) statementNode()          {}
func (*DropTable) statementNode()            {}
func (*InsertInto) statementNode()           {}
func (*ShowTables) statementNode()           {}
func (*ShowViews) statementNode()            {}
func (*ShowNamespaces) statementNode()       {}
func (*ShowColumns) statementNode()          {}
func (*ShowFunctions) statementNode()        {}
func (*ShowCurrentNamespace) statementNode() {}
func (*ShowCatalogs) statementNode()         {}
func (*ShowCreateTable) statementNode()      {}
func (*ShowTblProperties) statementNode()    {}
func (*ShowPartitions) statementNode()       {}
func (*DescribeTable) statementNode()        {}
func (*DescribeQuery) statementNode()        {}
func (*DescribeNamespace) statementNode()    {}
func (*DescribeFunction) statementNode()     {}
func (*CreateFunction) statementNode()       {}
func (*DropFunction) statementNode()         {}
func (*CacheTable) statementNode()           {}
func (*UncacheTable) statementNode()         {}
func (*ClearCache) statementNode()           {}
func (*RefreshTable) statementNode()         {}
func (*RefreshResource) statementNode()      {}
func (*TruncateTable) statementNode()        {}

// statement parses one statement.
func (p *parser) statement() Statement {
	t := p.tok()
	if p.isQueryStart() {
		if p.isKw("WITH") {
			// WITH ... INSERT is a DML statement with CTEs.
			save := p.i
			var ins *InsertInto
			var rel plan.Relation
			rel = p.withCTEs(func() plan.Relation {
				if p.isKw("INSERT") {
					ins = p.insertInto()
					return ins.Query
				}
				return p.queryNoWith()
			})
			_ = save
			if ins != nil {
				ins.Query = rel
				return ins
			}
			return &QueryStatement{Rel: rel}
		}
		return &QueryStatement{Rel: p.query()}
	}
	if t.kind != tIdent {
		p.failHere()
	}
	switch t.upper {
	case "SET":
		return p.setStatement()
	case "RESET":
		return p.resetStatement()
	case "USE":
		p.advance()
		if p.isKw("NAMESPACE", "DATABASE", "SCHEMA") && !p.atEndAfter(1) {
			p.advance()
		}
		return &UseNamespace{Name: p.identifierReference()}
	case "EXPLAIN":
		p.advance()
		mode := "simple"
		if p.isKw("LOGICAL", "FORMATTED", "EXTENDED", "CODEGEN", "COST") {
			mode = strings.ToLower(p.advance().upper)
		}
		return &Explain{Mode: mode, Stmt: p.statement()}
	case "CREATE":
		return p.createStatement()
	case "REPLACE":
		if p.peekKw(1, "TABLE") {
			p.advance()
			p.advance()
			return p.createTableRest(t, &CreateTable{Replace: true})
		}
	case "DROP":
		return p.dropStatement()
	case "INSERT":
		return p.insertInto()
	case "SHOW":
		return p.showStatement()
	case "DESC", "DESCRIBE":
		return p.describeStatement()
	case "CACHE":
		p.advance()
		c := &CacheTable{Lazy: p.acceptKw("LAZY")}
		p.expectKw("TABLE")
		c.Name = p.identifierReference()
		if p.isKw("OPTIONS") {
			p.advance()
			c.Options = p.propertyMap()
		}
		p.acceptKw("AS")
		if p.isQueryStart() {
			c.Query = p.query()
		}
		return c
	case "UNCACHE":
		p.advance()
		p.expectKw("TABLE")
		u := &UncacheTable{}
		if p.isKw("IF") {
			p.advance()
			p.expectKw("EXISTS")
			u.IfExists = true
		}
		u.Name = p.identifierReference()
		return u
	case "CLEAR":
		if p.peekKw(1, "CACHE") {
			p.advance()
			p.advance()
			return &ClearCache{}
		}
	case "REFRESH":
		p.advance()
		switch {
		case p.isKw("TABLE"):
			p.advance()
			return &RefreshTable{Name: p.identifierReference()}
		case p.isKw("FUNCTION"):
			p.fail(unsupportedAt(p, "REFRESH FUNCTION", t))
		case p.tok().kind == tString:
			r := &RefreshResource{Path: p.stringLit()}
			return r
		}
		r := &RefreshResource{Path: strings.TrimSpace(strings.TrimRight(p.src[p.tok().pos:], "; \t\n"))}
		p.i = len(p.toks) - 1
		return r
	case "TRUNCATE":
		if p.peekKw(1, "TABLE") {
			p.advance()
			p.advance()
			tt := &TruncateTable{Name: p.identifierReference()}
			if p.isKw("PARTITION") {
				tt.Partition = p.partitionSpec()
			}
			return tt
		}
	case "ALTER":
		return p.alterStatement()
	case "ANALYZE":
		return p.analyzeStatement()
	case "MSCK", "REPAIR":
		return p.repairStatement()
	case "LOAD", "DELETE", "UPDATE", "MERGE", "DECLARE", "EXECUTE",
		"ADD", "LIST", "COMMENT", "GRANT", "REVOKE", "LOCK", "UNLOCK", "EXPORT", "IMPORT", "START", "COMMIT",
		"ROLLBACK", "DFS", "CALL", "BEGIN":
		p.fail(unsupportedAt(p, t.upper+" statements", t))
	}
	p.failHere()
	return nil
}

// isQueryStart reports whether the current token begins a query.
func (p *parser) isQueryStart() bool {
	t := p.tok()
	if isOpTok(t, "(") {
		return true
	}
	if isKwTok(t, "SELECT", "WITH", "VALUES", "FROM") {
		return true
	}
	return isKwTok(t, "TABLE")
}

// atEndAfter reports whether the statement ends n tokens ahead.
func (p *parser) atEndAfter(n int) bool {
	t := p.peek(n)
	return t.kind == tEOF || isOpTok(t, ";")
}

// remainder returns the raw text from the current token to the end of the
// statement (trailing semicolons and space removed) and consumes it.
func (p *parser) remainder() string {
	start := p.tok().pos
	p.i = len(p.toks) - 1
	return strings.TrimSpace(p.src[start:])
}

var (
	configKeyValueDef = regexp.MustCompile(`^([a-zA-Z_\d\\.:]+)\s*=([^;]*);*$`)
	configKeyDef      = regexp.MustCompile(`^([a-zA-Z_\d\\.:]+)$`)
	configValueDef    = regexp.MustCompile(`^([^;]*);*$`)
)

func invalidSetSyntax(p *parser, start int) *sparkerr.Error {
	e := newErr("INVALID_SET_SYNTAX", "42000", nil,
		"Expected format is 'SET', 'SET key', or 'SET key=value'. If you want to include special characters in key, "+
			"or include semicolon in value, please use backquotes, e.g., SET `key`=`value`.")
	e.Context = fragmentContext(p.src, start, len(strings.TrimRight(p.src, " \t\n;")))
	return e
}

func (p *parser) setStatement() Statement {
	setTok := p.advance()
	switch {
	case p.isKw("TIME") && p.peekKw(1, "ZONE"):
		p.advance()
		p.advance()
		switch {
		case p.isKw("LOCAL"):
			p.advance()
			return &SetTimeZone{Local: true}
		case p.tok().kind == tString:
			return &SetTimeZone{Zone: p.stringLit()}
		case p.isKw("INTERVAL"):
			return &SetTimeZone{Interval: p.intervalLiteral()}
		}
		p.fail(p.errorAtPos(newErr("PARSE_SYNTAX_ERROR", "42601", map[string]string{"error": "'" + p.tok().text + "'", "hint": ""},
			"Syntax error at or near "+tokenDisplay(p.tok())+"."), p.tok().pos))
	case p.isKw("VAR", "VARIABLE"):
		p.fail(unsupportedAt(p, "session variables", p.tok()))
	case p.isKw("ROLE"):
		p.fail(unsupportedAt(p, "SET ROLE", p.tok()))
	case p.isKw("CATALOG") && !p.peekOp(1, "=") && !p.atEndAfter(1):
		p.advance()
		if p.tok().kind == tString {
			return &SetCatalog{Name: p.stringLit()}
		}
		return &SetCatalog{Name: p.identifier()}
	}
	// Quoted key: SET `key` [= value].
	if p.tok().kind == tQuotedIdent {
		key := p.advance().val
		if p.atEOF() || p.isOp(";") {
			p.expectEOF(true)
			return &SetCommand{Key: key, HasKey: true}
		}
		p.expectOp("=")
		if p.tok().kind == tQuotedIdent && p.atEndAfter(1) {
			return &SetCommand{Key: key, Value: p.advance().val, HasKey: true, HasValue: true}
		}
		rest := p.remainder()
		m := configValueDef.FindStringSubmatch(rest)
		if m == nil {
			p.fail(invalidSetSyntax(p, setTok.pos))
		}
		return &SetCommand{Key: key, Value: strings.TrimSpace(m[1]), HasKey: true, HasValue: true}
	}
	// SET key = `value` (quoted value only).
	for j := p.i; p.toks[j].kind != tEOF; j++ {
		if isOpTok(p.toks[j], "=") && p.toks[j+1].kind == tQuotedIdent && (p.toks[j+2].kind == tEOF || isOpTok(p.toks[j+2], ";")) {
			key := strings.TrimSpace(p.src[p.tok().pos:p.toks[j].pos])
			if !configKeyDef.MatchString(key) {
				e := newErr("INVALID_PROPERTY_KEY", "42602", map[string]string{"key": `"` + key + `"`, "value": `"` + p.toks[j+1].val + `"`},
					`"`+key+`" is an invalid property key, please use quotes, e.g. SET "`+key+`"="`+p.toks[j+1].val+`".`)
				p.fail(e)
			}
			val := p.toks[j+1].val
			p.i = j + 2
			return &SetCommand{Key: key, Value: val, HasKey: true, HasValue: true}
		}
	}
	rest := strings.TrimRight(p.remainder(), ";")
	rest = strings.TrimSpace(rest)
	switch {
	case rest == "":
		return &SetCommand{}
	case rest == "-v":
		return &SetCommand{Verbose: true}
	}
	if m := configKeyValueDef.FindStringSubmatch(rest); m != nil {
		return &SetCommand{Key: m[1], Value: strings.TrimSpace(m[2]), HasKey: true, HasValue: true}
	}
	if m := configKeyDef.FindStringSubmatch(rest); m != nil {
		return &SetCommand{Key: m[1], HasKey: true}
	}
	p.fail(invalidSetSyntax(p, setTok.pos))
	return nil
}

func (p *parser) resetStatement() Statement {
	p.advance()
	if p.tok().kind == tQuotedIdent && p.atEndAfter(1) {
		return &ResetCommand{Key: p.advance().val}
	}
	rest := strings.TrimSpace(strings.TrimRight(p.remainder(), "; \t\n"))
	return &ResetCommand{Key: rest}
}

func (p *parser) ifNotExists() bool {
	if p.isKw("IF") && p.peekKw(1, "NOT", "!") || (p.isKw("IF") && p.peekOp(1, "!")) {
		p.advance()
		p.advance()
		p.expectKw("EXISTS")
		return true
	}
	return false
}

func (p *parser) ifExists() bool {
	if p.isKw("IF") && p.peekKw(1, "EXISTS") {
		p.advance()
		p.advance()
		return true
	}
	return false
}

func (p *parser) createStatement() Statement {
	create := p.advance()
	orReplace := false
	if p.isKw("OR") && p.peekKw(1, "REPLACE") {
		p.advance()
		p.advance()
		orReplace = true
	}
	global := p.acceptKw("GLOBAL")
	temp := p.acceptKw("TEMPORARY") || p.acceptKw("TEMP")
	external := p.acceptKw("EXTERNAL")
	switch {
	case p.isKw("VIEW"):
		p.advance()
		return p.createView(orReplace, temp, global)
	case p.isKw("TABLE") && !global:
		p.advance()
		return p.createTableRest(create, &CreateTable{OrReplace: orReplace, Temporary: temp, External: external})
	case p.isKw("DATABASE", "SCHEMA", "NAMESPACE") && !orReplace && !temp && !global:
		p.advance()
		c := &CreateNamespace{IfNotExists: p.ifNotExists()}
		c.Name = p.identifierReference()
		for {
			switch {
			case p.isKw("COMMENT"):
				p.advance()
				c.Comment = p.stringLit()
			case p.isKw("LOCATION"):
				p.advance()
				c.Location = p.stringLit()
			case p.isKw("WITH") && p.peekKw(1, "DBPROPERTIES", "PROPERTIES"):
				p.advance()
				p.advance()
				c.Properties = p.propertyMap()
			default:
				return c
			}
		}
	case p.isKw("FUNCTION") && !global && !external:
		p.advance()
		return p.createFunction(create, orReplace, temp)
	case p.isKw("INDEX", "ROLE", "MACRO"):
		p.fail(unsupportedAt(p, "CREATE "+p.tok().upper, create))
	}
	p.failHere()
	return nil
}

// createFunction parses the rest of CREATE ... FUNCTION (after the
// FUNCTION keyword). IF NOT EXISTS is refused with OR REPLACE and with
// TEMPORARY, as Spark's parser does.
func (p *parser) createFunction(create token, orReplace, temp bool) Statement {
	f := &CreateFunction{OrReplace: orReplace, Temporary: temp, IfNotExists: p.ifNotExists()}
	f.Name = p.identifierReference()
	p.expectKw("AS")
	f.ClassName = p.stringLit()
	if p.acceptKw("USING") {
		for {
			if !p.isKw("JAR", "FILE", "ARCHIVE") {
				p.failHere()
			}
			kind := strings.ToLower(p.advance().upper)
			f.Resources = append(f.Resources, FunctionResource{Type: kind, URI: p.stringLit()})
			if !p.isOp(",") {
				break
			}
			p.advance()
		}
	}
	switch {
	case f.IfNotExists && orReplace:
		p.failStatement(newErr("INVALID_SQL_SYNTAX.CREATE_ROUTINE_WITH_IF_NOT_EXISTS_AND_REPLACE", "42000", nil,
			"Invalid SQL syntax: Cannot create a routine with both IF NOT EXISTS and REPLACE specified."), create.pos)
	case f.IfNotExists && temp:
		p.failStatement(newErr("INVALID_SQL_SYNTAX.CREATE_TEMP_FUNC_WITH_IF_NOT_EXISTS", "42000", nil,
			"Invalid SQL syntax: CREATE TEMPORARY FUNCTION with IF NOT EXISTS is not allowed."), create.pos)
	}
	return f
}

func (p *parser) createView(orReplace, temp, global bool) Statement {
	v := &CreateView{OrReplace: orReplace, Temporary: temp, Global: global}
	v.IfNotExists = p.ifNotExists()
	v.Name = p.identifierReference()
	// CREATE TEMP VIEW name [(schema)] USING provider [OPTIONS (...)]
	if temp {
		save := p.i
		var schema *types.Struct
		if p.isOp("(") {
			ok := p.attempt(func() {
				p.advance()
				s := p.colTypeList()
				p.expectOp(")")
				schema = &s
			})
			if !ok {
				p.i = save
			}
		}
		if p.isKw("USING") {
			p.advance()
			u := &CreateTempViewUsing{Name: v.Name, OrReplace: orReplace, Global: global, Schema: schema}
			u.Provider = strings.Join(p.multipartIdentifier(), ".")
			if p.isKw("OPTIONS") {
				p.advance()
				u.Options = p.propertyMap()
			}
			return u
		}
		p.i = save
	}
	if p.isOp("(") {
		p.advance()
		for {
			c := ViewColumn{Name: p.identifier()}
			if p.isKw("COMMENT") {
				p.advance()
				c.Comment = p.stringLit()
				c.HasComment = true
			}
			v.Columns = append(v.Columns, c)
			if !p.acceptOp(",") {
				break
			}
		}
		p.expectOp(")")
	}
	for {
		switch {
		case p.isKw("COMMENT"):
			p.advance()
			v.Comment = p.stringLit()
			v.HasComment = true
			continue
		case p.isKw("TBLPROPERTIES"):
			p.advance()
			v.Properties = p.propertyMap()
			continue
		case p.isKw("PARTITIONED") && p.peekKw(1, "ON"):
			p.advance()
			p.advance()
			p.identifierList()
			continue
		case p.isKw("WITH") && p.peekKw(1, "SCHEMA"):
			p.advance()
			p.advance()
			if p.isKw("TYPE") {
				p.advance()
			}
			p.advance()
			continue
		}
		break
	}
	p.expectKw("AS")
	start := p.tok().pos
	v.Query = p.query()
	v.QueryText = strings.TrimSpace(p.src[start:p.prevEnd()])
	return v
}

// createTableRest parses CREATE|REPLACE TABLE after the TABLE keyword;
// create is the statement's first token.
func (p *parser) createTableRest(create token, c *CreateTable) Statement {
	c.IfNotExists = p.ifNotExists()
	c.Name = p.identifierReference()
	if p.isKw("LIKE") {
		if c.OrReplace || c.Replace || c.Temporary || c.External {
			p.failHere()
		}
		return p.createTableLike(create, c.Name, c.IfNotExists)
	}
	if p.isOp("(") && !p.queryAhead() {
		p.advance()
		c.Columns = []ColumnDef{}
		for {
			c.Columns = append(c.Columns, p.columnDef())
			if !p.acceptOp(",") {
				break
			}
		}
		p.missingCloseBefore("USING", "PARTITIONED", "LOCATION", "COMMENT", "OPTIONS", "TBLPROPERTIES", "AS", "CLUSTERED", "STORED", "ROW")
		p.expectOp(")")
	}
	if p.isKw("USING") {
		p.advance()
		c.Provider = strings.Join(p.multipartIdentifier(), ".")
	}
	for {
		switch {
		case p.isKw("OPTIONS"):
			p.advance()
			c.Options = p.propertyMap()
		case p.isKw("PARTITIONED") && p.peekKw(1, "BY"):
			p.advance()
			p.advance()
			p.expectOp("(")
			for {
				if p.isKw("BUCKET") && p.peekOp(1, "(") && c.Bucket == nil {
					// bucket(n, col, ...): the session catalog keeps it as
					// the table's bucket spec.
					c.Bucket = p.bucketTransform()
					if !p.acceptOp(",") {
						break
					}
					continue
				}
				name := p.identifier()
				if p.isOp("(") {
					p.fail(unsupportedAt(p, "partition transforms", p.tok()))
				}
				if !p.isOp(",", ")") {
					// A column definition in PARTITIONED BY (a int).
					f := types.Field{Name: name, Type: p.dataType(), Nullable: true}
					c.Columns = append(c.Columns, ColumnDef{Field: f})
				}
				c.PartitionBy = append(c.PartitionBy, name)
				if !p.acceptOp(",") {
					break
				}
			}
			p.expectOp(")")
		case p.isKw("LOCATION"):
			p.advance()
			c.Location = p.stringLit()
		case p.isKw("COMMENT"):
			p.advance()
			c.Comment = p.stringLit()
		case p.isKw("TBLPROPERTIES"):
			p.advance()
			c.Properties = p.propertyMap()
		case p.isKw("CLUSTERED") && p.peekKw(1, "BY"):
			start := p.advance().pos
			p.advance()
			c.Bucket = p.bucketSpecRest(start)
		case p.isKw("CLUSTERED", "SKEWED", "ROW", "STORED") || (p.isKw("CLUSTER") && p.peekKw(1, "BY")):
			p.fail(unsupportedAt(p, "CREATE TABLE ... "+p.tok().upper, p.tok()))
		default:
			p.acceptKw("AS")
			if p.isQueryStart() {
				c.Query = p.query()
			}
			return c
		}
	}
}

// bucketTransform parses "bucket(n, col, ...)" of PARTITIONED BY.
func (p *parser) bucketTransform() *BucketSpec {
	p.advance()
	p.expectOp("(")
	num := p.tok()
	if num.kind != tInteger {
		p.failHere()
	}
	p.advance()
	n, err := strconv.Atoi(num.text)
	if err != nil {
		n = -1
	}
	b := &BucketSpec{NumBuckets: n}
	for p.acceptOp(",") {
		b.Columns = append(b.Columns, p.identifier())
	}
	if len(b.Columns) == 0 {
		p.failHere()
	}
	p.expectOp(")")
	return b
}

// bucketSpecRest parses "(cols) [SORTED BY (cols)] INTO n BUCKETS" after
// CLUSTERED BY (at byte offset start). Sort columns may say ASC; DESC is
// refused, as in Spark.
func (p *parser) bucketSpecRest(start int) *BucketSpec {
	b := &BucketSpec{Columns: p.identifierList()}
	if p.isKw("SORTED") && p.peekKw(1, "BY") {
		p.advance()
		p.advance()
		p.expectOp("(")
		for {
			b.SortColumns = append(b.SortColumns, p.identifier())
			if p.isKw("DESC") {
				e := operationNotAllowed("Column ordering must be ASC, was 'DESC'")
				e.Context35 = positionContext(p.src, start)
				p.failStatement(e, start)
			}
			p.acceptKw("ASC")
			if !p.acceptOp(",") {
				break
			}
		}
		p.expectOp(")")
	}
	p.expectKw("INTO")
	num := p.tok()
	if num.kind != tInteger {
		p.failHere()
	}
	p.advance()
	p.expectKw("BUCKETS")
	n, err := strconv.Atoi(num.text)
	if err != nil {
		n = -1
	}
	b.NumBuckets = n
	return b
}

// columnDef parses "name type [NOT NULL] [DEFAULT expr] [GENERATED ALWAYS
// AS (expr)] [COMMENT 'x']".
func (p *parser) columnDef() ColumnDef {
	return p.columnDefRest(p.identifier(), true)
}

// columnDefRest parses a column definition after its name; generated
// allows GENERATED ALWAYS AS (CREATE TABLE, not ALTER TABLE ADD COLUMNS).
func (p *parser) columnDefRest(name string, generated bool) ColumnDef {
	d := ColumnDef{Field: types.Field{Name: name, Type: p.dataType(), Nullable: true}}
	for {
		switch {
		case (p.isKw("NOT") || p.isOp("!")) && p.peekKw(1, "NULL"):
			p.advance()
			p.advance()
			d.Field.Nullable = false
		case p.isKw("DEFAULT"):
			p.advance()
			start := p.tok().pos
			d.Default = p.expression()
			d.DefaultText = strings.TrimSpace(p.src[start:p.prevEnd()])
		case p.isKw("GENERATED") && generated:
			p.advance()
			p.expectKw("ALWAYS")
			p.expectKw("AS")
			p.expectOp("(")
			start := p.tok().pos
			d.Generated = p.expression()
			d.GeneratedText = strings.TrimSpace(p.src[start:p.prevEnd()])
			p.expectOp(")")
		case p.isKw("COMMENT"):
			p.advance()
			d.Field.Metadata = commentMetadata(p.stringLit())
		default:
			return d
		}
	}
}

func (p *parser) dropStatement() Statement {
	drop := p.advance()
	switch {
	case p.isKw("VIEW"):
		p.advance()
		d := &DropView{IfExists: p.ifExists()}
		d.Name = p.identifierReference()
		return d
	case p.isKw("TABLE"):
		p.advance()
		d := &DropTable{IfExists: p.ifExists()}
		d.Name = p.identifierReference()
		d.Purge = p.acceptKw("PURGE")
		return d
	case p.isKw("DATABASE", "SCHEMA", "NAMESPACE"):
		p.advance()
		d := &DropNamespace{IfExists: p.ifExists()}
		d.Name = p.identifierReference()
		if p.isKw("RESTRICT", "CASCADE") {
			d.Cascade = p.advance().upper == "CASCADE"
		}
		return d
	case p.isKw("FUNCTION") || (p.isKw("TEMPORARY") && p.peekKw(1, "FUNCTION")):
		d := &DropFunction{Temporary: p.acceptKw("TEMPORARY")}
		p.expectKw("FUNCTION")
		d.IfExists = p.ifExists()
		d.Name = p.identifierReference()
		return d
	case p.isKw("TEMPORARY", "INDEX", "ROLE"):
		p.fail(unsupportedAt(p, "DROP "+p.tok().upper, drop))
	}
	p.failHere()
	return nil
}

func (p *parser) insertInto() *InsertInto {
	p.expectKw("INSERT")
	ins := &InsertInto{}
	switch {
	case p.isKw("OVERWRITE"):
		p.advance()
		ins.Overwrite = true
		if p.isKw("LOCAL", "DIRECTORY") {
			p.fail(unsupportedAt(p, "INSERT OVERWRITE DIRECTORY", p.tok()))
		}
	case p.isKw("INTO"):
		p.advance()
	default:
		p.failHere()
	}
	if p.isKw("TABLE") && (p.peek(1).kind == tIdent || p.peek(1).kind == tQuotedIdent) {
		p.advance()
	}
	ins.Table = p.identifierReference()
	if p.isKw("PARTITION") && p.peekOp(1, "(") {
		p.advance()
		p.advance()
		ins.Partition = map[string]plan.Expr{}
		for {
			k := p.identifier()
			var v plan.Expr
			if p.acceptOp("=") {
				v = p.primary()
			}
			ins.Partition[k] = v
			if !p.acceptOp(",") {
				break
			}
		}
		p.expectOp(")")
	}
	ins.IfNotExists = p.ifNotExists()
	switch {
	case p.isKw("BY") && p.peekKw(1, "NAME"):
		p.advance()
		p.advance()
		ins.ByName = true
	case p.isKw("REPLACE"):
		p.fail(unsupportedAt(p, "INSERT INTO ... REPLACE WHERE", p.tok()))
	case p.isOp("(") && !p.queryAhead():
		ins.Columns = p.identifierList()
	}
	ins.Query = p.query()
	return ins
}

func (p *parser) likePattern() string {
	if p.isKw("LIKE") {
		p.advance()
	}
	if p.tok().kind == tString {
		return p.stringLit()
	}
	return ""
}

func (p *parser) fromIn() []string {
	if p.isKw("FROM", "IN") {
		p.advance()
		return p.identifierReference()
	}
	return nil
}

func (p *parser) showStatement() Statement {
	show := p.advance()
	switch {
	case p.isKw("TABLES"):
		p.advance()
		s := &ShowTables{Namespace: p.fromIn()}
		s.Pattern = p.likePattern()
		return s
	case p.isKw("VIEWS"):
		p.advance()
		s := &ShowViews{Namespace: p.fromIn()}
		s.Pattern = p.likePattern()
		return s
	case p.isKw("DATABASES", "SCHEMAS", "NAMESPACES"):
		p.advance()
		s := &ShowNamespaces{Namespace: p.fromIn()}
		s.Pattern = p.likePattern()
		return s
	case p.isKw("COLUMNS"):
		p.advance()
		if !p.isKw("FROM", "IN") {
			p.failHere()
		}
		p.advance()
		s := &ShowColumns{Table: p.identifierReference()}
		s.Namespace = p.fromIn()
		return s
	case p.isKw("FUNCTIONS") || (p.isKw("USER", "SYSTEM", "ALL") && p.peekKw(1, "FUNCTIONS")):
		s := &ShowFunctions{}
		if !p.isKw("FUNCTIONS") {
			s.Scope = strings.ToLower(p.advance().upper)
		}
		p.advance()
		s.Namespace = p.fromIn()
		if p.isKw("LIKE") {
			p.advance()
		}
		switch p.tok().kind {
		case tString:
			s.Pattern = p.stringLit()
		case tIdent, tQuotedIdent:
			s.Pattern = strings.Join(p.multipartIdentifier(), ".")
		}
		return s
	case p.isKw("CURRENT") && p.peekKw(1, "NAMESPACE", "DATABASE", "SCHEMA"):
		p.advance()
		p.advance()
		return &ShowCurrentNamespace{}
	case p.isKw("CATALOGS"):
		p.advance()
		return &ShowCatalogs{Pattern: p.likePattern()}
	case p.isKw("CREATE") && p.peekKw(1, "TABLE"):
		p.advance()
		p.advance()
		s := &ShowCreateTable{Name: p.identifierReference()}
		if p.isKw("AS") && p.peekKw(1, "SERDE") {
			p.advance()
			p.advance()
		}
		return s
	case p.isKw("TBLPROPERTIES"):
		p.advance()
		s := &ShowTblProperties{Name: p.identifierReference()}
		if p.isOp("(") {
			p.advance()
			s.Key = p.propertyKey()
			p.expectOp(")")
		}
		return s
	case p.isKw("PARTITIONS"):
		p.advance()
		s := &ShowPartitions{Name: p.identifierReference()}
		if p.isKw("PARTITION") {
			s.Partition = p.partitionSpec()
		}
		return s
	case p.isKw("TABLE") && p.peekKw(1, "EXTENDED"):
		p.advance()
		p.advance()
		s := &ShowTableExtended{Namespace: p.fromIn()}
		p.missingKw("LIKE", p.tok().kind == tString && s.Namespace != nil)
		p.expectKw("LIKE")
		s.Pattern = p.stringLit()
		if p.isKw("PARTITION") {
			s.Partition = p.partitionSpec()
		}
		return s
	case p.isKw("GRANT", "ROLE", "ROLES", "PRINCIPALS", "COMPACTIONS", "TRANSACTIONS", "INDEXES", "LOCKS"):
		p.fail(unsupportedAt(p, "SHOW "+p.tok().upper, show))
	}
	p.failHere()
	return nil
}

func (p *parser) describeStatement() Statement {
	desc := p.advance()
	switch {
	case p.isKw("FUNCTION") && !p.atEndAfter(1):
		p.advance()
		d := &DescribeFunction{Extended: p.acceptKw("EXTENDED")}
		switch {
		case p.tok().kind == tString:
			d.Name = p.stringLit()
		case p.tok().kind == tOp:
			d.Name = p.advance().text
		default:
			d.Name = strings.Join(p.identifierReference(), ".")
		}
		return d
	case p.isKw("DATABASE", "SCHEMA", "NAMESPACE") && !p.atEndAfter(1):
		p.advance()
		d := &DescribeNamespace{Extended: p.acceptKw("EXTENDED")}
		d.Name = p.identifierReference()
		return d
	case p.isKw("QUERY") && !p.atEndAfter(1):
		p.advance()
		return &DescribeQuery{Query: p.query()}
	}
	if p.isKw("SELECT", "WITH", "VALUES", "FROM") || p.isOp("(") {
		return &DescribeQuery{Query: p.query()}
	}
	if p.isKw("TABLE") && !p.atEndAfter(1) {
		p.advance()
	}
	d := &DescribeTable{}
	if p.isKw("EXTENDED", "FORMATTED") && !p.atEndAfter(1) {
		p.advance()
		d.Extended = true
	}
	d.Name = p.identifierReference()
	var spec *parsedSpec
	if p.isKw("PARTITION") && p.peekOp(1, "(") {
		ps := p.partitionSpecRaw()
		spec = &ps
		d.Partition = ps.spec
	}
	if !p.atEOF() && !p.isOp(";") {
		d.Column = p.multipartIdentifier()
	}
	if spec != nil {
		if d.Column != nil {
			p.later(func() {
				p.failStatement(newErr("UNSUPPORTED_FEATURE.DESC_TABLE_COLUMN_PARTITION", "0A000", nil,
					"The feature is not supported: DESC TABLE COLUMN for a specific partition."), desc.pos)
			})
		} else {
			p.checkSpec(*spec, true, desc.pos, p.stmtEnd())
		}
	}
	return d
}
