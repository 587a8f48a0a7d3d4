package invoice

import (
	"fmt"
	"io"
)

type Line struct {
	Desc     string
	Qty      int
	UnitCent int64
}

func money(c int64) string { return fmt.Sprintf("%d.%02d", c/100, c%100) }

// WriteReport renders a fixed-width invoice report.
func WriteReport(w io.Writer, lines []Line) error {
	for _, l := range lines {
		if _, err := fmt.Fprintf(w, "%-20s %4d %10s\n", l.Desc, l.Qty, money(int64(l.Qty)*l.UnitCent)); err != nil {
			return err
		}
	}
	return nil
}
