package conf

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Parse reads KEY=VALUE lines, ignoring blanks and # comments.
func Parse(r io.Reader) (map[string]string, error) {
	out := map[string]string{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		k, v, skip, err := parseLine(sc.Text())
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if !skip {
			out[k] = v
		}
	}
	return out, sc.Err()
}

var errNoEquals = fmt.Errorf("missing '='")

func parseLine(raw string) (key, value string, skip bool, err error) {
	line := strings.TrimSpace(raw)
	if line == "" || strings.HasPrefix(line, "#") {
		return "", "", true, nil
	}
	k, v, ok := strings.Cut(line, "=")
	if !ok {
		return "", "", false, errNoEquals
	}
	return strings.TrimSpace(k), unquote(strings.TrimSpace(v)), false, nil
}

func unquote(v string) string {
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		return v[1 : len(v)-1]
	}
	return v
}
