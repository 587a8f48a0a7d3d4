package lint

import "strings"

// LongLines returns 1-based line numbers longer than max.
func LongLines(src string, max int) []int {
	var out []int
	for i, l := range strings.Split(src, "\n") {
		if len([]rune(l)) > max {
			out = append(out, i+1)
		}
	}
	return out
}
