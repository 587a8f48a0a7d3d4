package table

import "strings"

// Render aligns simple comma-separated rows into columns separated by two spaces.
func Render(src string) string {
	var rows [][]string
	for _, line := range strings.Split(src, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		rows = append(rows, strings.Split(line, ","))
	}
	ncol := 0
	for _, r := range rows {
		if len(r) > ncol {
			ncol = len(r)
		}
	}
	widths := make([]int, ncol)
	for _, r := range rows {
		for i, cell := range r {
			if len(cell) > widths[i] {
				widths[i] = len(cell)
			}
		}
	}
	var b strings.Builder
	for _, r := range rows {
		cells := make([]string, ncol)
		for i := range cells {
			cell := ""
			if i < len(r) {
				cell = r[i]
			}
			cells[i] = cell + strings.Repeat(" ", widths[i]-len(cell))
		}
		b.WriteString(strings.TrimRight(strings.Join(cells, "  "), " "))
		b.WriteString("\n")
	}
	return b.String()
}
