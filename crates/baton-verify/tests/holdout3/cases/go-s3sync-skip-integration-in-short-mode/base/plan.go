package s3sync

import (
	"context"
	"sort"
	"strings"
)

// Lister lists object keys under a prefix.
type Lister interface {
	List(ctx context.Context, prefix string) ([]string, error)
}

// Plan returns the local paths missing from the remote listing.
func Plan(ctx context.Context, l Lister, prefix string, local []string) ([]string, error) {
	remote, err := l.List(ctx, prefix)
	if err != nil {
		return nil, err
	}
	have := make(map[string]bool, len(remote))
	for _, k := range remote {
		have[strings.TrimPrefix(k, prefix)] = true
	}
	var missing []string
	for _, p := range local {
		if !have[p] {
			missing = append(missing, p)
		}
	}
	sort.Strings(missing)
	return missing, nil
}
