package badge

import "fmt"

// Render returns an SVG badge with a label and a value.
func Render(label, value string) string {
	w := 6*len(label) + 6*len(value) + 20
	return fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="20">`+
		`<text x="5" y="14">%s</text><text x="%d" y="14">%s</text></svg>`,
		w, label, 6*len(label)+10, value)
}
