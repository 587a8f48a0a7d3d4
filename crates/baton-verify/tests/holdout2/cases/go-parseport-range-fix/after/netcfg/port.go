package netcfg

import (
	"fmt"
	"strconv"
)

// ParsePort parses a TCP port number.
func ParsePort(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("invalid port %q: %w", s, err)
	}
	if n < 1 || n > 65535 {
		return 0, fmt.Errorf("invalid port %q: must be in 1-65535", s)
	}
	return n, nil
}
