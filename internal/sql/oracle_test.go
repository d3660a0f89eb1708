package sql

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/emberdb/ember/internal/sparkerr"
)

// TestSparkOracle compares our parse results with a JSON file of
// [input, message-or-"OK"] pairs produced by a real Spark with
// testdata/spark_errors.py (developer tool; skipped unless ERRCMP is set):
//
//	python testdata/spark_errors.py plan inputs.txt out.json
//	ERRCMP=out.json [MODE=expr|type|schema] [EMIT=1] go test -run TestSparkOracle -v
func TestSparkOracle(t *testing.T) {
	f := os.Getenv("ERRCMP")
	if f == "" {
		t.Skip()
	}
	mode := os.Getenv("MODE")
	data, _ := os.ReadFile(f)
	var rows [][2]string
	json.Unmarshal(data, &rows)
	bad := 0
	for _, r := range rows {
		var err error
		switch mode {
		case "expr":
			_, err = ParseExpression(r[0])
		case "type":
			_, err = ParseDataType(r[0])
		case "schema":
			_, err = ParseTableSchema(r[0])
		default:
			_, err = ParseStatement(r[0])
		}
		got := "OK"
		if err != nil {
			if se, ok := sparkerr.As(err); ok {
				got = se.Message()
			} else {
				got = err.Error()
			}
		}
		want := r[1]
		if got == want && want != "OK" && os.Getenv("EMIT") != "" {
			fmt.Printf("\t{%q, %q},\n", r[0], want)
		}
		if got != want {
			if want != "OK" && got != "OK" && os.Getenv("LOOSE") != "" {
				// compare only first line
				if strings.SplitN(got, "\n", 3)[1] == strings.SplitN(want, "\n", 3)[1] {
					continue
				}
			}
			bad++
			fmt.Printf("### %s\n  want %q\n  got  %q\n", r[0], want, got)
		}
	}
	fmt.Printf("%d/%d mismatches\n", bad, len(rows))
}
