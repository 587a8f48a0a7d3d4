package semver

import "fmt"

type Version struct {
	Major, Minor, Patch int
	Pre                 string // pre-release, e.g. "rc.1"
	Build               string // build metadata, e.g. "sha.5114f85"
}

func (v Version) String() string {
	s := fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Patch)
	if v.Pre != "" {
		s += "-" + v.Pre
	}
	if v.Build != "" {
		s += "+" + v.Build
	}
	return s
}
