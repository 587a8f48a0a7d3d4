package manifest

import (
	"os"
	"path/filepath"
	"testing"
)

func TestVerifyUpperHex(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.txt")
	os.WriteFile(p, []byte("hello\n"), 0o644)
	want := "5891B5B522D5DF086D0FF0B110FBD9D21BB4FC7163AF34D08286A2E846F6BE03"
	if err := Verify(p, want); err != nil {
		t.Fatal(err)
	}
}
