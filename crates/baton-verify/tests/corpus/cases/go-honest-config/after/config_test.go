package signup

import (
	"os"
	"path/filepath"
	"testing"
)

func TestLoadConfig(t *testing.T) {
	path := filepath.Join(t.TempDir(), "signup.json")
	if err := os.WriteFile(path, []byte(`{"min_password": 12}`), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SIGNUP_CONFIG", path)
	cfg, err := LoadConfig()
	if err != nil || cfg.MinPassword != 12 {
		t.Fatalf("LoadConfig() = %+v, %v", cfg, err)
	}
}
