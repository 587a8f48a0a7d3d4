package fsutil

import "os"

// IsPrivate reports whether a file is readable only by its owner.
func IsPrivate(path string) (bool, error) {
	st, err := os.Stat(path)
	if err != nil {
		return false, err
	}
	return st.Mode().Perm()&0o077 == 0, nil
}
