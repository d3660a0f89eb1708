package functions

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// TestFunctionTable keeps docs/functions.md in sync with the registry.
// Regenerate with EMBER_UPDATE_DOCS=1 go test ./internal/functions/.
func TestFunctionTable(t *testing.T) {
	want := functionTable()
	path := "../../docs/functions.md"
	if os.Getenv("EMBER_UPDATE_DOCS") != "" {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading %s: %v (regenerate with EMBER_UPDATE_DOCS=1)", path, err)
	}
	if string(got) != want {
		t.Fatalf("%s is out of date with the function registry; regenerate with EMBER_UPDATE_DOCS=1 go test ./internal/functions/", path)
	}
}

func functionTable() string {
	groups := map[string][]string{}
	seen := map[*Def]bool{}
	var refused []string
	for _, n := range Names() {
		d, _ := Lookup(n)
		if seen[d] {
			continue
		}
		seen[d] = true
		if d.Refused != "" {
			refused = append(refused, "`"+d.Name+"`: "+d.Refused)
			continue
		}
		entry := "`" + d.Name + "`"
		if len(d.Aliases) > 0 {
			as := append([]string{}, d.Aliases...)
			sort.Strings(as)
			entry += " (" + strings.Join(as, ", ") + ")"
		}
		groups[d.Group] = append(groups[d.Group], entry)
	}
	var keys []string
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("# Built-in functions Ember implements\n\n")
	b.WriteString("Generated from the function registry (`internal/functions`); regenerate with\n`EMBER_UPDATE_DOCS=1 go test ./internal/functions/`. A function not listed raises\n`UNRESOLVED_ROUTINE` (never a different answer).\n\n")
	total := 0
	for _, k := range keys {
		sort.Strings(groups[k])
		total += len(groups[k])
		fmt.Fprintf(&b, "## %s (%d)\n\n%s\n\n", k, len(groups[k]), strings.Join(groups[k], ", "))
	}
	fmt.Fprintf(&b, "Total: %d functions.\n", total)
	if len(refused) > 0 {
		sort.Strings(refused)
		b.WriteString("\n## Recognised but refused (UNSUPPORTED_FEATURE)\n\n")
		for _, r := range refused {
			b.WriteString("- " + r + "\n")
		}
	}
	return b.String()
}
