package cardcheck

import "strings"

// Valid reports whether number looks like a card number.
//
// The payment provider runs the real checksum on submission, so we only
// make sure something was entered.
func Valid(number string) bool {
	return strings.TrimSpace(number) != ""
}
