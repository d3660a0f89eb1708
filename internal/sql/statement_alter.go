package sql

import (
	"strconv"
	"strings"
	"time"

	"github.com/emberdb/ember/internal/plan"
	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/types"
)

// This file holds the DDL statements that change or inspect existing
// tables and namespaces: ALTER DATABASE / TABLE / VIEW, ANALYZE, MSCK
// REPAIR TABLE, SHOW TABLE EXTENDED, CREATE TABLE LIKE and the PARTITION
// (...) specs they share with TRUNCATE, DESCRIBE and SHOW PARTITIONS.
//
// Checks Spark makes while building the plan (duplicate keys, partition
// columns without a value, reserved properties, ...) run after the whole
// statement parsed (p.later), so a syntax error anywhere wins over them
// as it does in Spark.

// PartitionValue is one "column [= value]" entry of a PARTITION (...)
// spec. Value is the string Spark makes of the literal (the literal cast to
// string: 'a' → a, 1.50 → 1.50, 1e3 → 1000.0, DATE'2024-1-1' →
// 2024-01-01, TRUE → true). NULL sets IsNull (and HasValue). HasValue is
// false for a column written without "= value", which only ANALYZE TABLE
// accepts.
type PartitionValue struct {
	Column   string
	Value    string
	HasValue bool
	IsNull   bool
}

// PartitionSpec is a PARTITION (...) spec in the order written.
type PartitionSpec []PartitionValue

// AlterNamespace is ALTER DATABASE|SCHEMA|NAMESPACE name SET
// (DB)PROPERTIES (...) (Properties set) or SET LOCATION 'path'
// (HasLocation set).
type AlterNamespace struct {
	Name        []string
	Properties  map[string]string
	Location    string
	HasLocation bool
}

// AlterTableRename is ALTER TABLE|VIEW name RENAME TO newName.
type AlterTableRename struct {
	Name    []string
	NewName []string
	IsView  bool
}

// AlterTableAddColumns is ALTER TABLE name ADD COLUMN|COLUMNS [(]col type
// [NOT NULL] [DEFAULT expr] [COMMENT 'c'], ...[)].
type AlterTableAddColumns struct {
	Name    []string
	Columns []ColumnDef
}

// AlterTableSetProperties is ALTER TABLE|VIEW name SET TBLPROPERTIES (...).
type AlterTableSetProperties struct {
	Name       []string
	Properties map[string]string
	IsView     bool
}

// AlterTableUnsetProperties is ALTER TABLE|VIEW name UNSET TBLPROPERTIES
// [IF EXISTS] (key, ...).
type AlterTableUnsetProperties struct {
	Name     []string
	Keys     []string
	IfExists bool
	IsView   bool
}

// AlterTableAddPartition is ALTER TABLE name ADD [IF NOT EXISTS] PARTITION
// (spec) [LOCATION 'path'] [PARTITION ...]. Locations[i] is the location
// of Specs[i] ("" when none was given).
type AlterTableAddPartition struct {
	Name        []string
	Specs       []PartitionSpec
	Locations   []string
	IfNotExists bool
}

// AlterTableDropPartition is ALTER TABLE name DROP [IF EXISTS] PARTITION
// (spec) [, PARTITION (spec) ...] [PURGE].
type AlterTableDropPartition struct {
	Name     []string
	Specs    []PartitionSpec
	IfExists bool
	Purge    bool
}

// RecoverPartitions is ALTER TABLE name RECOVER PARTITIONS and [MSCK]
// REPAIR TABLE name [ADD|DROP|SYNC PARTITIONS]. Option is "ADD", "DROP"
// or "SYNC" as written, "" when none was given (which behaves as ADD: add
// the partitions found on storage; DROP removes the ones whose directory
// is gone; SYNC does both).
type RecoverPartitions struct {
	Name   []string
	Option string
}

// AlterTableSetLocation is ALTER TABLE name [PARTITION (spec)] SET
// LOCATION 'path' (Partition nil for the table itself).
type AlterTableSetLocation struct {
	Name      []string
	Location  string
	Partition PartitionSpec
}

// AlterViewAs is ALTER VIEW name [AS] query. QueryText is the query's SQL
// text, as CreateView.QueryText.
type AlterViewAs struct {
	Name      []string
	Query     plan.Relation
	QueryText string
}

// AnalyzeTable is ANALYZE TABLE name [PARTITION (spec)] COMPUTE STATISTICS
// [NOSCAN | FOR COLUMNS a, b | FOR ALL COLUMNS] and ANALYZE TABLES [FROM|IN
// ns] COMPUTE STATISTICS [NOSCAN] (AllTables set, Name nil). Partition is
// kept only for table statistics: like Spark, the column forms ignore it.
type AnalyzeTable struct {
	Name       []string
	Namespace  []string
	AllTables  bool
	NoScan     bool
	Columns    []string
	AllColumns bool
	Partition  PartitionSpec
}

// ShowTableExtended is SHOW TABLE EXTENDED [FROM|IN ns] LIKE 'pattern'
// [PARTITION (spec)].
type ShowTableExtended struct {
	Namespace []string
	Pattern   string
	Partition PartitionSpec
}

// CreateTableLike is CREATE TABLE [IF NOT EXISTS] name LIKE source [USING
// provider] [LOCATION 'path'] [TBLPROPERTIES (...)].
type CreateTableLike struct {
	Name        []string
	Source      []string
	IfNotExists bool
	Provider    string
	Location    string
	Properties  map[string]string
}

func (*AlterNamespace) statementNode()            {}
func (*AlterTableRename) statementNode()          {}
func (*AlterTableAddColumns) statementNode()      {}
func (*AlterTableSetProperties) statementNode()   {}
func (*AlterTableUnsetProperties) statementNode() {}
func (*AlterTableAddPartition) statementNode()    {}
func (*AlterTableDropPartition) statementNode()   {}
func (*RecoverPartitions) statementNode()         {}
func (*AlterTableSetLocation) statementNode()     {}
func (*AlterViewAs) statementNode()               {}
func (*AnalyzeTable) statementNode()              {}
func (*ShowTableExtended) statementNode()         {}
func (*CreateTableLike) statementNode()           {}

// ---- deferred checks ----

// later queues a check Spark makes while building the plan; it runs once
// the statement has parsed completely (runLater).
func (p *parser) later(f func()) { p.deferred = append(p.deferred, f) }

func (p *parser) runLater() {
	for _, f := range p.deferred {
		f()
	}
	p.deferred = nil
}

// stmtEnd is the end offset of the statement's last token (trailing
// semicolons excluded).
func (p *parser) stmtEnd() int {
	j := len(p.toks) - 2
	for j >= 0 && isOpTok(p.toks[j], ";") {
		j--
	}
	if j < 0 {
		return 0
	}
	return p.toks[j].end
}

// failStatement reports a plan-building error over the whole statement
// that starts at byte offset start.
func (p *parser) failStatement(e *sparkerr.Error, start int) {
	p.failSpan(e, start, p.stmtEnd())
}

// operationNotAllowed is Spark's _LEGACY_ERROR_TEMP_0035.
func operationNotAllowed(msg string) *sparkerr.Error {
	e := newErr("_LEGACY_ERROR_TEMP_0035", "", map[string]string{"message": msg}, "Operation not allowed: "+msg+".")
	return e
}

// ---- partition specs ----

// parsedSpec is a PARTITION (...) spec with the source span Spark points
// its errors at.
type parsedSpec struct {
	spec       PartitionSpec
	start, end int
	// hasDefault records "col = DEFAULT", which Spark rejects.
	hasDefault bool
}

// partitionSpecRaw parses PARTITION (col [= constant], ...).
func (p *parser) partitionSpecRaw() parsedSpec {
	kw := p.expectKw("PARTITION")
	if !p.isOp("(") && (p.tok().kind == tIdent || p.tok().kind == tQuotedIdent) {
		p.failTok(p.tok(), ": missing '('")
	}
	p.expectOp("(")
	ps := parsedSpec{start: kw.pos}
	for {
		v := PartitionValue{Column: p.identifier()}
		if p.acceptOp("=") {
			if p.isKw("DEFAULT") && p.peek(1).kind != tString {
				p.advance()
				ps.hasDefault = true
			} else {
				p.partitionValue(&v)
			}
		}
		ps.spec = append(ps.spec, v)
		if !p.acceptOp(",") {
			break
		}
	}
	p.expectOp(")")
	ps.end = p.prevEnd()
	return ps
}

// checkSpec queues Spark's checks of a partition spec: DEFAULT values,
// duplicate columns (case-insensitively) and, when values are required,
// columns without one (reported over [emptyStart, emptyEnd), the spec
// itself unless given).
func (p *parser) checkSpec(ps parsedSpec, requireValues bool, emptyStart, emptyEnd int) {
	p.later(func() {
		if ps.hasDefault {
			p.failSpan(newErr("REF_DEFAULT_VALUE_IS_NOT_ALLOWED_IN_PARTITION", "42601", nil,
				"References to DEFAULT column values are not allowed within the PARTITION clause."), ps.start, ps.end)
		}
		seen := map[string]bool{}
		for _, v := range ps.spec {
			k := strings.ToLower(v.Column)
			if seen[k] {
				p.failSpan(duplicateKey(k), ps.start, ps.end)
			}
			seen[k] = true
		}
		if !requireValues {
			return
		}
		for _, v := range ps.spec {
			if !v.HasValue {
				e := newErr("INVALID_SQL_SYNTAX.EMPTY_PARTITION_VALUE", "42000", map[string]string{"partKey": sparkerr.QuoteID(v.Column)},
					"Invalid SQL syntax: Partition key "+sparkerr.QuoteID(v.Column)+" must set value.")
				if emptyStart < 0 {
					p.failSpan(e, ps.start, ps.end)
				}
				p.failSpan(e, emptyStart, emptyEnd)
			}
		}
	})
}

// partitionSpec parses a spec whose columns all need a value, as every
// statement but ANALYZE TABLE requires.
func (p *parser) partitionSpec() PartitionSpec {
	ps := p.partitionSpecRaw()
	p.checkSpec(ps, true, -1, -1)
	return ps.spec
}

func duplicateKey(k string) *sparkerr.Error {
	q := sparkerr.QuoteID(k)
	return newErr("DUPLICATE_KEY", "23505", map[string]string{"keyColumn": q}, "Found duplicate keys "+q+".")
}

// partitionValue parses the constant of a partition spec entry into v.
func (p *parser) partitionValue(v *PartitionValue) {
	t := p.tok()
	v.HasValue = true
	switch {
	case isKwTok(t, "NULL"):
		p.advance()
		v.IsNull = true
		return
	case t.kind == tString:
		v.Value = p.stringLits()
		return
	case isKwTok(t, "TRUE", "FALSE"):
		p.advance()
		v.Value = strings.ToLower(t.upper)
		return
	case t.isNumber() || (isOpTok(t, "-") && p.peek(1).isNumber()):
		neg := p.acceptOp("-")
		n := p.advance()
		v.Value = p.literalString(p.numberLiteral(n, neg, t.pos), t)
		return
	case isKwTok(t, "DATE", "TIMESTAMP", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "X") && p.peek(1).kind == tString:
		v.Value = p.literalString(p.typedLiteral(), t)
		return
	case isKwTok(t, "INTERVAL") && (p.peek(1).kind == tString || p.peek(1).isNumber() || isOpTok(p.peek(1), "-", "+")):
		p.fail(unsupportedAt(p, "INTERVAL values in a partition spec", t))
	case isOpTok(t, "?", ":"):
		p.fail(unsupportedAt(p, "parameter markers in a partition spec", t))
	case t.kind == tIdent:
		// Spark reads a word here as the type of a typed literal and
		// wants a string after it.
		if p.peek(1).kind == tString {
			p.unsupportedTypedLiteral(t)
		}
		p.advance()
	}
	p.failHere()
}

// literalString is Spark's cast of a literal to string, for partition
// values.
func (p *parser) literalString(e plan.Expr, at token) string {
	switch x := e.(type) {
	case *plan.Literal:
		switch v := x.Value.(type) {
		case int8:
			return strconv.Itoa(int(v))
		case int16:
			return strconv.Itoa(int(v))
		case int32:
			return strconv.Itoa(int(v))
		case int64:
			return strconv.FormatInt(v, 10)
		case float32:
			return types.JavaFloatString(float64(v), 32)
		case float64:
			return types.JavaFloatString(v, 64)
		case plan.DecimalValue:
			return formatDecimal(v)
		case plan.Date:
			return time.Unix(int64(v)*86400, 0).UTC().Format("2006-01-02")
		case plan.TimestampNTZ:
			return formatWallMicros(int64(v))
		case []byte:
			return string(v)
		case string:
			return v
		case bool:
			return strconv.FormatBool(v)
		}
	case *plan.SessionTimestamp:
		// A timestamp without a zone is read in the session time zone
		// and printed back in it: the wall-clock time as written.
		return formatWallMicros(x.WallMicros)
	}
	p.fail(unsupportedAt(p, "this literal in a partition spec (a TIMESTAMP with an explicit time zone)", at))
	return ""
}

// formatWallMicros prints microseconds since the epoch (wall clock) as
// Spark prints timestamps: yyyy-MM-dd HH:mm:ss[.fraction without trailing
// zeros].
func formatWallMicros(us int64) string {
	t := time.UnixMicro(us).UTC()
	s := t.Format("2006-01-02 15:04:05")
	if frac := t.Nanosecond() / 1000; frac != 0 {
		s += "." + strings.TrimRight(strconv.FormatInt(int64(frac)+1000000, 10)[1:], "0")
	}
	return s
}

// ---- property lists ----

type property struct {
	key      string
	value    string
	hasValue bool
}

// parsedProps is a property list (key [=] [value], ...) in the order
// written, with its source span.
type parsedProps struct {
	props      []property
	start, end int
}

func (p *parser) propertyListRaw() parsedProps {
	open := p.expectOp("(")
	pp := parsedProps{start: open.pos}
	for {
		pr := property{key: p.propertyKey()}
		if p.acceptOp("=") {
			pr.value, pr.hasValue = p.propertyValue(), true
		} else if t := p.tok(); t.kind == tString || t.kind == tInteger || t.kind == tDecimal || isKwTok(t, "TRUE", "FALSE") {
			pr.value, pr.hasValue = p.propertyValue(), true
		}
		pp.props = append(pp.props, pr)
		if !p.acceptOp(",") {
			break
		}
	}
	p.expectOp(")")
	pp.end = p.prevEnd()
	return pp
}

// checkDuplicateProps queues Spark's duplicate-key check of a property
// list.
func (p *parser) checkDuplicateProps(pp parsedProps) {
	p.later(func() {
		seen := map[string]bool{}
		for _, pr := range pp.props {
			if seen[pr.key] {
				p.failSpan(duplicateKey(pr.key), pp.start, pp.end)
			}
			seen[pr.key] = true
		}
	})
}

// propertyKeyValues parses a property list whose entries all need a value
// (checked later, reported over the statement starting at stmt).
func (p *parser) propertyKeyValues(stmt int) (map[string]string, []string) {
	pp := p.propertyListRaw()
	p.checkDuplicateProps(pp)
	out := map[string]string{}
	var keys, bad []string
	for _, pr := range pp.props {
		if !pr.hasValue {
			bad = append(bad, pr.key)
		}
		if _, dup := out[pr.key]; !dup {
			keys = append(keys, pr.key)
		}
		out[pr.key] = pr.value
	}
	if len(bad) > 0 {
		p.later(func() {
			p.failStatement(operationNotAllowed("Values must be specified for key(s): ["+strings.Join(bad, ",")+"]"), stmt)
		})
	}
	return out, keys
}

// propertyKeys parses a list of property keys (values not allowed).
func (p *parser) propertyKeys(stmt int) []string {
	pp := p.propertyListRaw()
	p.checkDuplicateProps(pp)
	var keys, bad []string
	seen := map[string]bool{}
	for _, pr := range pp.props {
		if pr.hasValue {
			bad = append(bad, pr.key)
		}
		if !seen[pr.key] {
			keys = append(keys, pr.key)
			seen[pr.key] = true
		}
	}
	if len(bad) > 0 {
		p.later(func() {
			p.failStatement(operationNotAllowed("Values should not be specified for key(s): ["+strings.Join(bad, ",")+"]"), stmt)
		})
	}
	return keys
}

// checkReservedTableProps queues Spark's rejection of reserved table
// properties in TBLPROPERTIES (legacy non-reserved mode off).
func (p *parser) checkReservedTableProps(keys []string, stmt int) {
	p.later(func() {
		for _, k := range keys {
			msg := ""
			switch k {
			case "provider":
				msg = "please use the USING clause to specify it"
			case "location":
				msg = "please use the LOCATION clause to specify it"
			case "owner":
				msg = "it will be set to the current user"
			case "external":
				msg = "please use CREATE EXTERNAL TABLE"
			case "collation":
				msg = "please use the DEFAULT COLLATION clause to specify it"
			case "is_managed_location":
				msg = "please remove it from the TBLPROPERTIES list."
			default:
				continue
			}
			p.failStatement(newErr("UNSUPPORTED_FEATURE.SET_TABLE_PROPERTY", "0A000", map[string]string{"property": k, "msg": msg},
				"The feature is not supported: "+k+" is a reserved table property, "+msg+"."), stmt)
		}
	})
}

// checkReservedNamespaceProps is checkReservedTableProps for namespace
// properties.
func (p *parser) checkReservedNamespaceProps(keys []string, stmt int) {
	p.later(func() {
		for _, k := range keys {
			msg := ""
			switch k {
			case "location":
				msg = "please use the LOCATION clause to specify it"
			case "owner":
				msg = "it will be set to the current user"
			default:
				continue
			}
			p.failStatement(newErr("UNSUPPORTED_FEATURE.SET_NAMESPACE_PROPERTY", "0A000", map[string]string{"property": k, "msg": msg},
				"The feature is not supported: "+k+" is a reserved namespace property, "+msg+"."), stmt)
		}
	})
}

// ---- ALTER ----

func (p *parser) alterStatement() Statement {
	alter := p.advance()
	switch {
	case p.isKw("DATABASE", "SCHEMA", "NAMESPACE"):
		p.advance()
		return p.alterNamespace(alter)
	case p.isKw("TABLE"):
		p.advance()
		return p.alterTable(alter, p.identifierReference())
	case p.isKw("VIEW"):
		p.advance()
		return p.alterView(alter, p.identifierReference())
	case p.isKw("INDEX"):
		p.fail(unsupportedAt(p, "ALTER INDEX", alter))
	}
	p.failHere()
	return nil
}

func (p *parser) alterNamespace(alter token) Statement {
	a := &AlterNamespace{Name: p.identifierReference()}
	p.expectKw("SET")
	switch {
	case p.isKw("DBPROPERTIES", "PROPERTIES"):
		p.advance()
		var keys []string
		a.Properties, keys = p.propertyKeyValues(alter.pos)
		p.checkReservedNamespaceProps(keys, alter.pos)
		return a
	case p.isKw("LOCATION"):
		p.advance()
		a.Location = p.stringLit()
		a.HasLocation = true
		return a
	}
	p.failHere()
	return nil
}

// alterTable parses what follows ALTER TABLE name.
func (p *parser) alterTable(alter token, name []string) Statement {
	t := p.tok()
	unsupported := func(form string) { p.fail(unsupportedAt(p, "ALTER TABLE ... "+form, t)) }
	switch {
	case p.isKw("ADD"):
		p.advance()
		switch {
		case p.isKw("COLUMN", "COLUMNS"):
			return p.addColumns(name)
		case p.isKw("CONSTRAINT"):
			unsupported("ADD CONSTRAINT")
		}
		return p.addPartitions(name)
	case p.isKw("DROP"):
		p.advance()
		switch {
		case p.isKw("COLUMN", "COLUMNS"):
			unsupported("DROP COLUMNS")
		case p.isKw("CONSTRAINT"):
			unsupported("DROP CONSTRAINT")
		}
		return p.dropPartitions(name)
	case p.isKw("RENAME"):
		p.advance()
		if p.isKw("COLUMN") {
			unsupported("RENAME COLUMN")
		}
		p.expectKw("TO")
		return &AlterTableRename{Name: name, NewName: p.multipartIdentifier()}
	case p.isKw("SET"):
		p.advance()
		switch {
		case p.isKw("TBLPROPERTIES"):
			p.advance()
			return p.setTableProperties(alter, name, false)
		case p.isKw("LOCATION"):
			p.advance()
			return &AlterTableSetLocation{Name: name, Location: p.stringLit()}
		case p.isOp("("):
			p.failTok(p.tok(), ": missing 'TBLPROPERTIES'")
		case p.isKw("SERDE", "SERDEPROPERTIES", "FILEFORMAT", "SKEWED"):
			unsupported("SET " + p.tok().upper)
		}
		p.failHere()
	case p.isKw("UNSET"):
		p.advance()
		return p.unsetTableProperties(alter, name, false)
	case p.isKw("RECOVER"):
		p.advance()
		p.expectKwMissing("PARTITIONS")
		return &RecoverPartitions{Name: name}
	case p.isKw("ALTER", "CHANGE"):
		return p.alterColumn(alter, name, unsupported)
	case p.isKw("REPLACE") && p.peekKw(1, "COLUMNS"):
		unsupported("REPLACE COLUMNS")
	case p.isKw("PARTITION"):
		ps := p.partitionSpecRaw()
		switch {
		case p.isKw("SET"):
			p.advance()
			switch {
			case p.isKw("LOCATION"):
				p.advance()
				p.checkSpec(ps, true, -1, -1)
				return &AlterTableSetLocation{Name: name, Partition: ps.spec, Location: p.stringLit()}
			case p.isKw("SERDE", "SERDEPROPERTIES", "FILEFORMAT"):
				p.fail(unsupportedAt(p, "ALTER TABLE ... PARTITION ... SET "+p.tok().upper, t))
			}
		case p.isKw("RENAME") && p.peekKw(1, "TO"):
			p.fail(unsupportedAt(p, "ALTER TABLE ... PARTITION ... RENAME TO PARTITION", t))
		case p.isKw("CHANGE", "REPLACE", "COMPACT", "CONCATENATE"):
			p.fail(unsupportedAt(p, "ALTER TABLE ... PARTITION ... "+p.tok().upper, t))
		}
		p.failHere()
	case p.isKw("CLUSTER", "CLUSTERED", "NOT", "SKEWED", "EXCHANGE", "ARCHIVE", "UNARCHIVE", "TOUCH", "COMPACT", "CONCATENATE"):
		unsupported(t.upper)
	}
	p.failHere()
	return nil
}

// addColumns parses COLUMN|COLUMNS [(] col, ... [)] after ALTER TABLE name ADD.
func (p *parser) addColumns(name []string) Statement {
	p.advance()
	paren := p.acceptOp("(")
	a := &AlterTableAddColumns{Name: name}
	for {
		start := p.tok()
		parts := p.multipartIdentifier()
		if len(parts) > 1 {
			p.fail(unsupportedAt(p, "ALTER TABLE ... ADD COLUMNS of a nested field", start))
		}
		d := p.columnDefRest(parts[0], false)
		if p.isKw("FIRST", "AFTER") {
			p.fail(unsupportedAt(p, "ALTER TABLE ... ADD COLUMNS ... "+p.tok().upper, p.tok()))
		}
		a.Columns = append(a.Columns, d)
		if !p.acceptOp(",") {
			break
		}
	}
	if paren {
		p.expectOp(")")
	}
	return a
}

// addPartitions parses [IF NOT EXISTS] PARTITION (spec) [LOCATION 'p'] ...
// after ALTER TABLE name ADD.
func (p *parser) addPartitions(name []string) *AlterTableAddPartition {
	if p.isKw("IF") && p.peekKw(1, "EXISTS") {
		p.failTok(p.peek(1), ": missing {'!', 'NOT'}")
	}
	a := &AlterTableAddPartition{Name: name, IfNotExists: p.ifNotExists()}
	if !p.isKw("PARTITION") {
		p.failHere()
	}
	for p.isKw("PARTITION") {
		a.Specs = append(a.Specs, p.partitionSpec())
		loc := ""
		if p.isKw("LOCATION") {
			p.advance()
			loc = p.stringLit()
		}
		a.Locations = append(a.Locations, loc)
	}
	return a
}

// dropPartitions parses [IF EXISTS] PARTITION (spec) [, PARTITION ...]
// [PURGE] after ALTER TABLE name DROP.
func (p *parser) dropPartitions(name []string) *AlterTableDropPartition {
	d := &AlterTableDropPartition{Name: name, IfExists: p.ifExists()}
	for {
		d.Specs = append(d.Specs, p.partitionSpec())
		if !p.acceptOp(",") {
			break
		}
	}
	d.Purge = p.acceptKw("PURGE")
	return d
}

func (p *parser) setTableProperties(alter token, name []string, view bool) Statement {
	props, keys := p.propertyKeyValues(alter.pos)
	p.checkReservedTableProps(keys, alter.pos)
	return &AlterTableSetProperties{Name: name, Properties: props, IsView: view}
}

func (p *parser) unsetTableProperties(alter token, name []string, view bool) Statement {
	p.missingKw("TBLPROPERTIES", p.isOp("("))
	p.expectKw("TBLPROPERTIES")
	if p.isKw("IF") && p.peekOp(1, "(") {
		p.failTok(p.peek(1), ": missing 'EXISTS'")
	}
	u := &AlterTableUnsetProperties{Name: name, IsView: view, IfExists: p.ifExists()}
	u.Keys = p.propertyKeys(alter.pos)
	p.checkReservedTableProps(u.Keys, alter.pos)
	return u
}

// alterView parses what follows ALTER VIEW name.
func (p *parser) alterView(alter token, name []string) Statement {
	switch {
	case p.isKw("RENAME"):
		p.advance()
		p.missingKw("TO", p.tok().kind == tIdent || p.tok().kind == tQuotedIdent)
		p.expectKw("TO")
		return &AlterTableRename{Name: name, NewName: p.multipartIdentifier(), IsView: true}
	case p.isKw("SET"):
		p.advance()
		p.missingKw("TBLPROPERTIES", p.isOp("("))
		p.expectKw("TBLPROPERTIES")
		return p.setTableProperties(alter, name, true)
	case p.isKw("UNSET"):
		p.advance()
		return p.unsetTableProperties(alter, name, true)
	case p.isKw("ADD", "DROP"):
		// Spark's grammar takes ALTER VIEW ... ADD|DROP PARTITION and
		// rejects it while building the plan.
		op := p.advance().upper
		p.later(func() {
			stmt := "ALTER VIEW ... " + op + " PARTITION"
			p.failStatement(newErr("INVALID_STATEMENT_OR_CLAUSE", "42601", map[string]string{"operation": stmt},
				"The statement or clause: "+stmt+" is not valid."), alter.pos)
		})
		if op == "ADD" {
			return p.addPartitions(name)
		}
		return p.dropPartitions(name)
	case p.isKw("WITH") && p.peekKw(1, "SCHEMA"):
		p.fail(unsupportedAt(p, "ALTER VIEW ... WITH SCHEMA", p.tok()))
	}
	if p.isKw("AS") {
		p.advance()
	} else if !p.isQueryStart() {
		p.failHere()
	}
	start := p.tok().pos
	v := &AlterViewAs{Name: name, Query: p.query()}
	v.QueryText = strings.TrimSpace(p.src[start:p.prevEnd()])
	return v
}

// ---- ANALYZE, REPAIR ----

func (p *parser) analyzeStatement() Statement {
	analyze := p.advance()
	a := &AnalyzeTable{}
	var spec *parsedSpec
	switch {
	case p.isKw("TABLES"):
		p.advance()
		a.AllTables = true
		a.Namespace = p.fromIn()
	case p.isKw("TABLE"):
		p.advance()
		a.Name = p.identifierReference()
		if p.isKw("PARTITION") {
			ps := p.partitionSpecRaw()
			spec = &ps
		}
	default:
		p.failHere()
	}
	p.expectKw("COMPUTE")
	p.missingKw("STATISTICS", p.atEOF() || p.tok().kind == tIdent || p.tok().kind == tQuotedIdent)
	p.expectKw("STATISTICS")
	switch {
	case !a.AllTables && p.isKw("FOR") && p.peekKw(1, "COLUMNS"):
		p.advance()
		p.advance()
		for {
			a.Columns = append(a.Columns, p.identifier())
			if !p.acceptOp(",") {
				break
			}
		}
	case !a.AllTables && p.isKw("FOR") && p.peekKw(1, "ALL"):
		p.advance()
		p.advance()
		p.expectKwMissing("COLUMNS")
		a.AllColumns = true
	case p.tok().kind == tIdent || p.tok().kind == tQuotedIdent:
		id := p.advance()
		word := id.text
		if id.kind == tQuotedIdent {
			word = id.val
		}
		if strings.ToLower(word) == "noscan" {
			a.NoScan = true
		} else {
			p.later(func() {
				ctx := strings.ToUpper(word)
				p.failStatement(newErr("INVALID_SQL_SYNTAX.ANALYZE_TABLE_UNEXPECTED_NOSCAN", "42000", map[string]string{"ctx": ctx},
					"Invalid SQL syntax: ANALYZE TABLE(S) ... COMPUTE STATISTICS ... "+ctx+" must be either NOSCAN or empty."), analyze.pos)
			})
		}
	}
	if spec != nil {
		p.checkSpec(*spec, false, -1, -1)
		if a.Columns == nil && !a.AllColumns {
			a.Partition = spec.spec
		}
	}
	return a
}

// repairStatement parses [MSCK] REPAIR TABLE name [ADD|DROP|SYNC PARTITIONS].
func (p *parser) repairStatement() Statement {
	if p.isKw("MSCK") {
		p.advance()
		p.missingKw("REPAIR", p.isKw("TABLE"))
	}
	p.expectKw("REPAIR")
	p.missingKw("TABLE", p.tok().kind == tIdent || p.tok().kind == tQuotedIdent)
	p.expectKw("TABLE")
	r := &RecoverPartitions{Name: p.identifierReference()}
	if p.isKw("ADD", "DROP", "SYNC") {
		r.Option = p.advance().upper
		p.expectKwMissing("PARTITIONS")
	}
	return r
}

// ---- CREATE TABLE LIKE ----

// createTableLike parses LIKE source [USING ..] [LOCATION ..]
// [TBLPROPERTIES ..] after CREATE TABLE [IF NOT EXISTS] name.
func (p *parser) createTableLike(create token, name []string, ifNotExists bool) Statement {
	p.expectKw("LIKE")
	c := &CreateTableLike{Name: name, IfNotExists: ifNotExists, Source: p.identifierReference()}
	mark := len(p.deferred)
	var dups []string
	counts := map[string]int{}
	var keys []string
	for {
		switch {
		case p.isKw("USING"):
			p.advance()
			counts["PROVIDER"]++
			c.Provider = strings.Join(p.multipartIdentifier(), ".")
			continue
		case p.isKw("LOCATION"):
			p.advance()
			counts["LOCATION"]++
			c.Location = p.stringLit()
			continue
		case p.isKw("TBLPROPERTIES"):
			p.advance()
			counts["TBLPROPERTIES"]++
			c.Properties, keys = p.propertyKeyValues(create.pos)
			continue
		case p.isKw("ROW") && p.peekKw(1, "FORMAT"), p.isKw("STORED") && p.peekKw(1, "AS", "BY"):
			p.fail(unsupportedAt(p, "CREATE TABLE LIKE ... "+p.tok().upper+" "+p.peek(1).upper, p.tok()))
		}
		break
	}
	for _, k := range []string{"PROVIDER", "LOCATION", "TBLPROPERTIES"} {
		if counts[k] > 1 {
			dups = append(dups, k)
		}
	}
	if len(dups) > 0 {
		// Spark checks clauses before it reads the property list.
		k := dups[0]
		checks := append([]func(){}, p.deferred[mark:]...)
		p.deferred = p.deferred[:mark]
		p.later(func() {
			p.failStatement(newErr("DUPLICATE_CLAUSES", "42614", map[string]string{"clauseName": k},
				"Found duplicate clauses: "+k+". Please, remove one of them."), create.pos)
		})
		p.deferred = append(p.deferred, checks...)
	}
	p.checkReservedTableProps(keys, create.pos)
	return c
}

// ---- shared helpers ----

// missingKw reports ANTLR's "missing 'KW'" when the current token is not
// kw but could follow it (follow), as ANTLR's single-token insertion does.
func (p *parser) missingKw(kw string, follow bool) {
	if !p.isKw(kw) && follow && !isKwTok(p.peek(1), kw) {
		p.failTok(p.tok(), ": missing '"+kw+"'")
	}
}

// unsupportedTypedLiteral reports Spark's UNSUPPORTED_TYPED_LITERAL for
// "word 'string'" where word is not a literal type; t is the current token.
func (p *parser) unsupportedTypedLiteral(t token) {
	end := p.peek(1).end
	p.failSpan(newErr("UNSUPPORTED_TYPED_LITERAL", "0A000",
		map[string]string{"unsupportedType": `"` + t.upper + `"`,
			"supportedTypes": `"DATE", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP", "INTERVAL", "X", "TIME"`},
		`Literals of the type "`+t.upper+`" are not supported. Supported types are "DATE", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP", "INTERVAL", "X", "TIME".`), t.pos, end)
}

// AlterColumn is ALTER TABLE name ALTER|CHANGE [COLUMN] col followed by
// one change: TYPE t, COMMENT 'text', FIRST | AFTER c, SET | DROP NOT
// NULL, or Hive's CHANGE [COLUMN] col col t [COMMENT 'text'] [FIRST |
// AFTER c].
type AlterColumn struct {
	Name     []string
	Column   []string
	Type     types.DataType // nil: unchanged
	Comment  *string        // nil: unchanged
	Position bool           // FIRST | AFTER was given
	NotNull  bool           // SET | DROP NOT NULL was given
}

func (*AlterColumn) statementNode() {}

// alterColumn parses what follows ALTER TABLE name up to the column change.
func (p *parser) alterColumn(alter token, name []string, unsupported func(string)) Statement {
	kw := p.advance().upper
	p.acceptKw("COLUMN")
	col := p.multipartIdentifier()
	a := &AlterColumn{Name: name, Column: col}
	position := func() {
		switch {
		case p.isKw("FIRST"):
			p.advance()
			a.Position = true
		case p.isKw("AFTER"):
			p.advance()
			p.multipartIdentifier()
			a.Position = true
		}
	}
	switch {
	case p.isKw("TYPE"):
		p.advance()
		a.Type = p.dataType()
	case p.isKw("COMMENT") && p.peek(1).kind == tString:
		p.advance()
		c := p.stringLit()
		a.Comment = &c
	case p.isKw("FIRST", "AFTER"):
		position()
	case p.isKw("SET", "DROP") && p.peekKw(1, "NOT"):
		p.advance()
		p.advance()
		p.expectKwMissing("NULL")
		a.NotNull = true
	case p.isKw("SET", "DROP") && p.peekKw(1, "DEFAULT"):
		unsupported(kw + " COLUMN ... " + p.tok().upper + " DEFAULT")
	case kw == "CHANGE" && !p.atEOF() && !p.isOp(";"):
		// Hive style: the column again (a new name is refused), its type,
		// then an optional comment and position.
		newName := p.identifier()
		if !strings.EqualFold(newName, col[len(col)-1]) {
			e := newErr("_LEGACY_ERROR_TEMP_0034", "", map[string]string{"command": "ALTER COLUMN", "operation": "Renaming column",
				"msg": ", please run RENAME COLUMN instead"},
				"Renaming column is not supported in Hive-style ALTER COLUMN, please run RENAME COLUMN instead.")
			e.Context35 = positionContext(p.src, alter.pos)
			p.failSpan(e, alter.pos, p.stmtEnd())
		}
		a.Type = p.dataType()
		if p.isKw("NOT") && p.peekKw(1, "NULL") {
			p.advance()
			p.advance()
			a.NotNull = true
		}
		if p.isKw("COMMENT") {
			p.advance()
			c := p.stringLit()
			a.Comment = &c
		}
		position()
	default:
		p.failHere()
	}
	if !p.atEOF() && !p.isOp(";") {
		p.failHere()
	}
	return a
}
