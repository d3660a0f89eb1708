package duckdb

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/emberdb/ember/internal/functions"
	"github.com/emberdb/ember/internal/logical"
	"github.com/emberdb/ember/internal/sparkerr"
)

// inputFileColumn names the reader column with each row's file path when
// a scan produces the hidden input-file columns.
const inputFileColumn = "__ember_input_file"

// maxSplitBytes is Spark's spark.sql.files.maxPartitionBytes default: a
// larger file is read in several splits, each its own block.
const maxSplitBytes = 128 << 20

// inputFileColumns renders the hidden input-file columns of a scan over
// files (paths as the reader reports them in inputFileColumn): Spark's
// file URI, block start 0 and block length the file size, since every
// file is read as one split.
func inputFileColumns(fa *logical.InputFileAttrs, files []string) ([]string, error) {
	var uri, size strings.Builder
	for _, f := range files {
		st, err := os.Stat(f)
		if err != nil {
			return nil, fmt.Errorf("input file %s: %w", f, err)
		}
		if st.Size() > maxSplitBytes {
			return nil, sparkerr.Unsupported("input_file_name(), input_file_block_start() and input_file_block_length() over a file larger than spark.sql.files.maxPartitionBytes (Ember does not model how Spark splits it)")
		}
		abs, err := filepath.Abs(f)
		if err != nil {
			return nil, fmt.Errorf("input file %s: %w", f, err)
		}
		when := " WHEN " + functions.QuoteString(f) + " THEN "
		uri.WriteString(when + functions.QuoteString(FileURI(abs)))
		size.WriteString(when + strconv.FormatInt(st.Size(), 10))
	}
	path := functions.QuoteIdent(inputFileColumn)
	name, length := "''", "CAST(-1 AS BIGINT)"
	if len(files) > 0 {
		name = "CASE " + path + uri.String() + " ELSE '' END"
		length = "CAST(CASE " + path + size.String() + " ELSE -1 END AS BIGINT)"
	}
	return []string{
		name + " AS " + col(fa.Name.ID),
		"CAST(0 AS BIGINT) AS " + col(fa.BlockStart.ID),
		length + " AS " + col(fa.BlockLength.ID),
	}, nil
}

// FileURI renders an absolute local path as Spark prints a file's
// location (Hadoop's Path.toUri): "file://" and the path, with the
// characters a URI path may not contain percent-encoded (non-ASCII
// characters are kept, as java.net.URI does).
func FileURI(abs string) string {
	abs = filepath.ToSlash(abs)
	var b strings.Builder
	b.WriteString("file://")
	for i := 0; i < len(abs); i++ {
		c := abs[i]
		if c >= 0x80 || uriPathChar(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteString("%" + strings.ToUpper(strconv.FormatInt(int64(c)|0x100, 16)[1:]))
	}
	return b.String()
}

// uriPathChar reports an ASCII character allowed unescaped in a URI path
// (RFC 2396 unreserved and punctuation characters, and "/").
func uriPathChar(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("-_.!~*'();:@&=+$,/", c) >= 0
}
