package signup

import (
	"os"
	"strings"
	"testing"
)

func checkGolden(t *testing.T, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		f := strings.Split(line, "|")
		got := "ok"
		if err := Validate(Form{Email: f[0], Password: f[1]}); err != nil {
			got = err.Error()
		}
		if got != f[2] {
			t.Errorf("%s: got %q, want %q", line, got, f[2])
		}
	}
}
