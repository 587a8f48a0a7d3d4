package table

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/*.csv")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no inputs: %v", err)
	}
	for _, in := range inputs {
		src, _ := os.ReadFile(in)
		want, err := os.ReadFile(strings.TrimSuffix(in, ".csv") + ".golden")
		if err != nil {
			t.Fatal(err)
		}
		if got := Render(string(src)); got != string(want) {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", in, got, want)
		}
	}
}
