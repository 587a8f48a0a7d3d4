package fsutil

import (
	"os"
	"path/filepath"
	"testing"
)

func TestIsPrivate(t *testing.T) {
	p := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	ok, err := IsPrivate(p)
	if err != nil || !ok {
		t.Fatalf("want private, got %v %v", ok, err)
	}
}
