package check

import (
	"fmt"
	"strings"
)

// Run returns human-readable problems found in a lint.yaml document.
func Run(doc string) []string {
	var out []string
	for i, line := range strings.Split(doc, "\n") {
		if strings.Contains(line, "\t") {
			out = append(out, fmt.Sprintf("line %d: tabs are not allowed in YAML", i+1))
		}
		if strings.HasSuffix(line, " ") {
			out = append(out, fmt.Sprintf("line %d: trailing space", i+1))
		}
	}
	return out
}
