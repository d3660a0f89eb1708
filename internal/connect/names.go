package connect

import (
	"strings"

	"github.com/emberdb/ember/internal/sparkerr"
	"github.com/emberdb/ember/internal/sql"
)

// ParseAttributeName splits a column name as the DataFrame API writes it
// (df["a.b"], col("`x.y`.z")) into its parts. This is not SQL identifier
// syntax: any character may appear unquoted except '.', which separates
// parts, and '`', which quotes a whole part. Inside a quoted part '.' is
// literal and a doubled backtick stands for one backtick. A backtick may only open a part
// and, when it closes one, must be followed by '.' or the end of the name;
// empty parts between dots are errors.
func ParseAttributeName(name string) ([]string, error) {
	bad := func() error {
		return sparkerr.Newf("INVALID_ATTRIBUTE_NAME_SYNTAX", "name", name)
	}
	var parts []string
	var cur strings.Builder
	inQuote := false
	for i := 0; i < len(name); i++ {
		ch := name[i]
		if inQuote {
			if ch != '`' {
				cur.WriteByte(ch)
				continue
			}
			if i+1 < len(name) && name[i+1] == '`' {
				cur.WriteByte('`')
				i++
				continue
			}
			inQuote = false
			if i+1 < len(name) && name[i+1] != '.' {
				return nil, bad()
			}
			continue
		}
		switch ch {
		case '`':
			if cur.Len() > 0 {
				return nil, bad()
			}
			inQuote = true
		case '.':
			if i == 0 || name[i-1] == '.' || i == len(name)-1 {
				return nil, bad()
			}
			parts = append(parts, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(ch)
		}
	}
	if inQuote {
		return nil, bad()
	}
	return append(parts, cur.String()), nil
}

// parseFunctionName splits a function name that Spark parses as a SQL
// multipart identifier (call_function, user-defined functions) and joins the
// parts back with '.', the form plan.UnresolvedFunction names take.
func parseFunctionName(name string) (string, error) {
	parts, err := sql.ParseMultipartIdentifier(name)
	if err != nil {
		return "", err
	}
	if len(parts) == 0 {
		return "", invalidPlan("The function name %q is empty.", name)
	}
	return strings.Join(parts, "."), nil
}
