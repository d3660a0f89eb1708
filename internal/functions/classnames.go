package functions

import (
	_ "embed"
	"strings"
	"sync"
)

// classnames.tsv lists, for each built-in function name of Spark 4.2, the
// Catalyst expression class that implements it (name TAB class), as Spark's
// spark.catalog.listFunctions reports it. spark.catalog.getFunction and
// DESCRIBE FUNCTION show these class names; they are facts about Spark,
// recorded from a real Spark 4.2 server.
//
//go:embed classnames.tsv
var classNamesTSV string

var (
	classNamesOnce sync.Once
	classNames     map[string]string
)

// ClassName returns the Spark expression class of a built-in function
// name ("" when unknown).
func ClassName(name string) string {
	classNamesOnce.Do(func() {
		classNames = map[string]string{}
		for _, line := range strings.Split(classNamesTSV, "\n") {
			if n, c, ok := strings.Cut(line, "\t"); ok {
				classNames[n] = c
			}
		}
	})
	return classNames[strings.ToLower(name)]
}
