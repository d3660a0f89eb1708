package show

import (
	"fmt"
	"github.com/emberdb/ember/internal/tz"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/emberdb/ember/internal/types"
)

// Options mirror the fields of the ShowString / HtmlString relations.
type Options struct {
	// NumRows is how many rows to show; negative counts as 0.
	NumRows int
	// Truncate > 0 cuts cells longer than Truncate characters and
	// right-aligns the grid; 0 (or negative) keeps cells whole, left-aligned.
	Truncate int
	// Vertical prints one "-RECORD i" block per row (ShowString only).
	Vertical bool
	// TimeZone is the session time zone (spark.sql.session.timeZone) used for
	// TIMESTAMP values: an IANA region, an offset such as "+05:30", or one of
	// Java's short ids such as "PST". Empty means UTC.
	TimeZone string
	// BinaryOutputStyle is spark.sql.binaryOutputStyle (Spark 4.x): "UTF-8",
	// "BASIC", "BASE64", "HEX" or "HEX_DISCRETE". Empty (the default, as
	// when the conf is unset) means HEX_DISCRETE: "[01 02 FF]".
	BinaryOutputStyle string
	// FooterNewline ends the "only showing top N rows" / "(0 rows)" footer of
	// ShowString with a newline, as Spark 3.5 does (recorded from 3.5.9).
	// Spark 4.2.0 does not; 4.0 and 4.1 were not checked. HTMLString always
	// ends its footer with a newline.
	FooterNewline bool
}

// ShowString formats the first NumRows rows of the records as Spark's show()
// text. The caller passes at most NumRows+1 rows (more are ignored) so that
// the footer can tell whether more rows exist. It fails when a record's
// column count differs from the schema's, when TimeZone is not a zone Spark
// accepts, or on a malformed VARIANT value (Spark's MALFORMED_VARIANT).
func ShowString(schema types.Struct, recs []arrow.RecordBatch, opt Options) (string, error) {
	g, err := buildGrid(schema, recs, opt)
	if err != nil {
		return "", err
	}
	var sb strings.Builder
	if opt.Vertical {
		g.writeVertical(&sb)
	} else {
		g.writeHorizontal(&sb, opt.Truncate > 0)
	}
	switch {
	case opt.Vertical && len(g.rows) == 0:
		sb.WriteString("(0 rows)")
		if opt.FooterNewline {
			sb.WriteByte('\n')
		}
	case g.more:
		sb.WriteString(footer(g.numRows))
		if opt.FooterNewline {
			sb.WriteByte('\n')
		}
	}
	return sb.String(), nil
}

// HTMLString formats the rows as the HTML table Spark returns for
// DataFrame._repr_html_ (HtmlString relation). Options.Vertical is ignored.
func HTMLString(schema types.Struct, recs []arrow.RecordBatch, opt Options) (string, error) {
	g, err := buildGrid(schema, recs, opt)
	if err != nil {
		return "", err
	}
	var sb strings.Builder
	sb.WriteString("<table border='1'>\n")
	writeHTMLRow(&sb, g.header, "th")
	for _, row := range g.rows {
		writeHTMLRow(&sb, row, "td")
	}
	sb.WriteString("</table>\n")
	if g.more {
		sb.WriteString(footer(g.numRows))
		sb.WriteByte('\n')
	}
	return sb.String(), nil
}

func footer(n int) string {
	if n == 1 {
		return "only showing top 1 row"
	}
	return "only showing top " + strconv.Itoa(n) + " rows"
}

func writeHTMLRow(sb *strings.Builder, cells []string, tag string) {
	sb.WriteString("<tr><" + tag + ">")
	for i, c := range cells {
		if i > 0 {
			sb.WriteString("</" + tag + "><" + tag + ">")
		}
		sb.WriteString(escapeHTML(c))
	}
	sb.WriteString("</" + tag + "></tr>\n")
}

// grid is the header and the cell strings of the rows to show, already
// escaped and truncated the way Spark's Dataset.getRows leaves them.
type grid struct {
	header  []string
	rows    [][]string
	numRows int
	more    bool
}

// maxShowRows is Spark's cap on numRows (ByteArrayMethods.MAX_ROUNDED_ARRAY_LENGTH - 1).
const maxShowRows = 2147483631

func buildGrid(schema types.Struct, recs []arrow.RecordBatch, opt Options) (*grid, error) {
	numRows := opt.NumRows
	if numRows < 0 {
		numRows = 0
	}
	if numRows > maxShowRows {
		numRows = maxShowRows
	}
	loc, err := tz.Load(opt.TimeZone)
	if err != nil {
		return nil, err
	}
	f := &formatter{loc: loc, binaryStyle: strings.ToUpper(opt.BinaryOutputStyle)}
	g := &grid{numRows: numRows, header: make([]string, len(schema.Fields))}
	for i, fld := range schema.Fields {
		g.header[i] = escapeMeta(fld.Name)
	}
	want := numRows + 1
	total := 0
	for _, rec := range recs {
		if rec == nil {
			continue
		}
		if int(rec.NumCols()) != len(schema.Fields) {
			return nil, fmt.Errorf("show: record has %d columns, schema has %d", rec.NumCols(), len(schema.Fields))
		}
		n := int(rec.NumRows())
		for r := 0; r < n && total < want; r++ {
			row := make([]string, len(schema.Fields))
			for c, fld := range schema.Fields {
				col := rec.Column(c)
				var s string
				if col.IsNull(r) {
					s = nullString
				} else {
					s = f.format(col, r, fld.Type)
				}
				row[c] = truncateCell(escapeMeta(s), opt.Truncate)
			}
			g.rows = append(g.rows, row)
			total++
		}
		if total >= want {
			break
		}
	}
	if f.err != nil {
		return nil, f.err
	}
	if len(g.rows) > numRows {
		g.more = true
		g.rows = g.rows[:numRows]
	}
	return g, nil
}

// truncateCell cuts a cell longer than truncate UTF-16 units: limits below 4
// keep the first truncate units, others keep truncate-3 units and add "...".
func truncateCell(s string, truncate int) string {
	if truncate <= 0 || utf16Len(s) <= truncate {
		return s
	}
	if truncate < 4 {
		return utf16Prefix(s, truncate)
	}
	return utf16Prefix(s, truncate-3) + "..."
}

const minColWidth = 3

func (g *grid) writeHorizontal(sb *strings.Builder, alignRight bool) {
	widths := make([]int, len(g.header))
	for i := range widths {
		widths[i] = max(minColWidth, halfWidth(g.header[i]))
	}
	for _, row := range g.rows {
		for i, c := range row {
			widths[i] = max(widths[i], halfWidth(c))
		}
	}
	// Like Scala's addString(sb, "+", "+", "+\n"): an empty grid still
	// gets both ends ("++").
	var sep strings.Builder
	sep.WriteByte('+')
	for i, w := range widths {
		if i > 0 {
			sep.WriteByte('+')
		}
		sep.WriteString(strings.Repeat("-", w))
	}
	sep.WriteString("+\n")
	writeLine := func(cells []string) {
		sb.WriteByte('|')
		for i, c := range cells {
			if i > 0 {
				sb.WriteByte('|')
			}
			pad := strings.Repeat(" ", max(0, widths[i]-halfWidth(c)))
			if alignRight {
				sb.WriteString(pad)
				sb.WriteString(c)
			} else {
				sb.WriteString(c)
				sb.WriteString(pad)
			}
		}
		sb.WriteString("|\n")
	}
	sb.WriteString(sep.String())
	writeLine(g.header)
	sb.WriteString(sep.String())
	for _, row := range g.rows {
		writeLine(row)
	}
	sb.WriteString(sep.String())
}

func (g *grid) writeVertical(sb *strings.Builder) {
	nameWidth := minColWidth
	for _, h := range g.header {
		nameWidth = max(nameWidth, halfWidth(h))
	}
	dataWidth := minColWidth
	for _, row := range g.rows {
		for _, c := range row {
			dataWidth = max(dataWidth, halfWidth(c))
		}
	}
	for i, row := range g.rows {
		title := "-RECORD " + strconv.Itoa(i)
		sb.WriteString(title)
		sb.WriteString(strings.Repeat("-", max(0, nameWidth+dataWidth+5-utf16Len(title))))
		sb.WriteByte('\n')
		for j, c := range row {
			h := g.header[j]
			sb.WriteByte(' ')
			sb.WriteString(h)
			sb.WriteString(strings.Repeat(" ", max(0, nameWidth-halfWidth(h))))
			sb.WriteString(" | ")
			sb.WriteString(c)
			sb.WriteString(strings.Repeat(" ", max(0, dataWidth-halfWidth(c))))
			sb.WriteString(" \n")
		}
	}
}
