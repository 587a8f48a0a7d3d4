package svcconf

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "c.json")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadOK(t *testing.T) {
	c, err := Load(write(t, `{"name":"api","port":8080}`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Workers != 1 {
		t.Errorf("workers default = %d, want 1", c.Workers)
	}
}

func TestRejectsBadPort(t *testing.T) {
	for _, body := range []string{`{"name":"api","port":-1}`, `{"name":"api","port":70000}`} {
		_, err := Load(write(t, body))
		if err == nil || !strings.Contains(err.Error(), "port") {
			t.Errorf("Load(%s) err = %v, want port error", body, err)
		}
	}
}
