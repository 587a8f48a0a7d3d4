package listing

// DefaultPageSize is used when the client asks for nothing sensible.
const DefaultPageSize = 20

// PageSize normalises a requested page size.
func PageSize(requested int) int {
	if requested <= 0 {
		return DefaultPageSize
	}
	return requested
}
