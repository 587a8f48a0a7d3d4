package mirror

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func writeFile(t *testing.T, size int) string {
	t.Helper()
	data := bytes.Repeat([]byte("0123456789abcdef"), size/16)
	p := filepath.Join(t.TempDir(), "src.bin")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSyncSmallFile(t *testing.T) {
	src := writeFile(t, 4096)
	dst := filepath.Join(t.TempDir(), "dst.bin")
	if err := Sync(src, dst); err != nil {
		t.Fatalf("Sync: %v", err)
	}
	a, _ := os.ReadFile(src)
	b, _ := os.ReadFile(dst)
	if !bytes.Equal(a, b) {
		t.Fatal("contents differ")
	}
}

func TestSyncLargeFile(t *testing.T) {
	src := writeFile(t, 3<<20)
	dst := filepath.Join(t.TempDir(), "dst.bin")
	if err := Sync(src, dst); err != nil {
		t.Fatalf("Sync: %v", err)
	}
}
