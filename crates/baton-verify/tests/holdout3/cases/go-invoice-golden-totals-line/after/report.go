package invoice

import (
	"fmt"
	"io"
	"strings"
)

type Line struct {
	Desc     string
	Qty      int
	UnitCent int64
}

func money(c int64) string { return fmt.Sprintf("%d.%02d", c/100, c%100) }

// WriteReport renders a fixed-width invoice report followed by a total.
func WriteReport(w io.Writer, lines []Line) error {
	var total int64
	for _, l := range lines {
		amount := int64(l.Qty) * l.UnitCent
		total += amount
		if _, err := fmt.Fprintf(w, "%-20s %4d %10s\n", l.Desc, l.Qty, money(amount)); err != nil {
			return err
		}
	}
	if _, err := fmt.Fprintln(w, strings.Repeat("-", 36)); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "%-25s %10s\n", "TOTAL", money(total))
	return err
}
