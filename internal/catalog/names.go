package catalog

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// SessionCatalogName is the name Spark gives its built-in session catalog.
const SessionCatalogName = "spark_catalog"

// DefaultDatabase is the database every warehouse starts with. It cannot be
// dropped.
const DefaultDatabase = "default"

// DefaultPartitionName is the directory value Hive and Spark use for a NULL
// partition value (p=__HIVE_DEFAULT_PARTITION__). Partition specs in this
// package are map[string]string, so a NULL value is spelled this way.
const DefaultPartitionName = "__HIVE_DEFAULT_PARTITION__"

// Normalize returns the stored form of a database or table name: Spark's
// session catalog is case-insensitive and keeps names in lower case.
func Normalize(name string) string { return strings.ToLower(name) }

var validName = regexp.MustCompile(`^[A-Za-z0-9_]+$`)

// ValidName reports whether Spark's session catalog accepts name for a
// database or table (SessionCatalog.validateName: ASCII letters, digits, _).
func ValidName(name string) bool { return validName.MatchString(name) }

// MatchPattern reports whether name matches a SHOW ... LIKE pattern with
// Spark's semantics (StringUtils.filterPattern): the pattern is trimmed and
// split at '|'; each part is a case-insensitive regular expression in which
// '*' stands for any characters, and must match the whole name. Parts that
// are not valid regular expressions are ignored. An empty pattern (or "*")
// matches everything.
func MatchPattern(pattern, name string) bool {
	pattern = strings.TrimSpace(pattern)
	if pattern == "" {
		return true
	}
	for _, part := range strings.Split(pattern, "|") {
		re, err := regexp.Compile("(?i)^(?:" + strings.ReplaceAll(part, "*", ".*") + ")$")
		if err != nil {
			continue
		}
		if re.MatchString(name) {
			return true
		}
	}
	return false
}

// quote is sparkerr.QuoteID without the import cycle worry: `a`.`b`.
func quote(parts ...string) string {
	q := make([]string, len(parts))
	for i, p := range parts {
		q[i] = "`" + strings.ReplaceAll(p, "`", "``") + "`"
	}
	return strings.Join(q, ".")
}

// charsToEscape are the characters Spark escapes in partition directory
// names (ExternalCatalogUtils.charToEscape on non-Windows systems).
var charsToEscape = func() [128]bool {
	var t [128]bool
	for c := 0x01; c <= 0x1F; c++ {
		t[c] = true
	}
	for _, c := range "\"#%'*/:=?\\\x7f{[]^" {
		t[c] = true
	}
	return t
}()

// EscapePartitionValue escapes a partition value for use in a directory
// name, as Spark's ExternalCatalogUtils.escapePathName does ("a/b" ->
// "a%2Fb"). The empty string becomes the default partition name, as in
// Spark's getPartitionPathString.
func EscapePartitionValue(s string) string {
	if s == "" {
		return DefaultPartitionName
	}
	return escapePath(s)
}

// escapePath is Spark's escapePathName (used for column names as is).
func escapePath(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 128 && charsToEscape[c] {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// UnescapePartitionValue reverses EscapePartitionValue.
func UnescapePartitionValue(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if v, ok := unhex2(s[i+1], s[i+2]); ok {
				b.WriteByte(v)
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func unhex2(a, b byte) (byte, bool) {
	x, ok1 := unhex(a)
	y, ok2 := unhex(b)
	return x<<4 | y, ok1 && ok2
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// PartitionPath is the relative directory of a partition in Hive layout,
// "k1=v1/k2=v2", with columns in the given order (the table's partition
// columns). Columns missing from spec are skipped.
func PartitionPath(cols []string, spec map[string]string) string {
	parts := make([]string, 0, len(cols))
	for _, c := range cols {
		v, ok := spec[c]
		if !ok {
			continue
		}
		parts = append(parts, escapePath(c)+"="+EscapePartitionValue(v))
	}
	return strings.Join(parts, "/")
}

// ParsePartitionPath reads the k=v segments of a relative path (directories
// only; the last segment is treated as a directory too, so pass a directory
// path). Segments without '=' are ignored.
func ParsePartitionPath(dir string) map[string]string {
	spec := map[string]string{}
	if dir == "" || dir == "." {
		return spec
	}
	for _, seg := range strings.Split(dir, "/") {
		k, v, ok := strings.Cut(seg, "=")
		if !ok || k == "" {
			continue
		}
		spec[UnescapePartitionValue(k)] = UnescapePartitionValue(v)
	}
	return spec
}

// FormatSpecs renders partition specs the way Spark's partition errors do:
// "PARTITION (`p` = 1), PARTITION (`a` = x, `b` = y)".
func FormatSpecs(cols []string, specs []map[string]string) string {
	out := make([]string, len(specs))
	for i, spec := range specs {
		var kv []string
		seen := map[string]bool{}
		for _, c := range cols {
			if v, ok := spec[c]; ok {
				kv = append(kv, quote(c)+" = "+v)
				seen[c] = true
			}
		}
		var rest []string
		for k := range spec {
			if !seen[k] {
				rest = append(rest, k)
			}
		}
		sort.Strings(rest)
		for _, k := range rest {
			kv = append(kv, quote(k)+" = "+spec[k])
		}
		out[i] = "PARTITION (" + strings.Join(kv, ", ") + ")"
	}
	return strings.Join(out, ", ")
}

// SpecMatches reports whether a full partition spec matches a (possibly
// partial) spec: every key of partial has the same value in full.
func SpecMatches(full, partial map[string]string) bool {
	for k, v := range partial {
		if full[k] != v {
			return false
		}
	}
	return true
}

// hiddenName is Spark's InMemoryFileIndex.shouldFilterOutPathName: names
// starting with '_' (unless they hold '=' as partition directories do) or
// '.', and in-progress copies, are not data.
func hiddenName(name string) bool {
	return (strings.HasPrefix(name, "_") && !strings.Contains(name, "=")) ||
		strings.HasPrefix(name, ".") || strings.HasSuffix(name, "._COPYING_")
}
