package sql

import (
	"testing"
	"time"

	"github.com/emberdb/ember/internal/sparkerr"
)

// FuzzParse checks the parser never panics and always returns
// *sparkerr.Error on failure.
func FuzzParse(f *testing.F) {
	for _, c := range exprCases {
		f.Add(c.in)
	}
	for _, c := range queryCases {
		f.Add(c.in)
	}
	for _, c := range statementErrorCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		start := time.Now()
		defer func() {
			if d := time.Since(start); d > time.Second {
				t.Fatalf("%q took %v", s, d)
			}
		}()
		check := func(err error) {
			if err != nil {
				if _, ok := sparkerr.As(err); !ok {
					t.Fatalf("%q: %T", s, err)
				}
			}
		}
		_, err := ParseStatement(s)
		check(err)
		_, err = ParseExpression(s)
		check(err)
		_, err = ParseDataType(s)
		check(err)
		_, err = ParseTableSchema(s)
		check(err)
		_, _, err = ParseStatementSpans(s)
		check(err)
	})
}
