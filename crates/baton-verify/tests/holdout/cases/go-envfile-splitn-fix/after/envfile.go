package envfile

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
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, "=", 2)
		if len(parts) < 2 {
			return nil, fmt.Errorf("line %d: missing '='", n)
		}
		key := strings.TrimSpace(parts[0])
		out[key] = strings.Trim(strings.TrimSpace(parts[1]), `"`)
	}
	return out, sc.Err()
}
