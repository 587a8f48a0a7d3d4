package badge

import (
	"os"
	"testing"
)

func TestRenderGolden(t *testing.T) {
	want, err := os.ReadFile("testdata/C&C.golden")
	if err != nil {
		t.Fatal(err)
	}
	if got := Render("C&C", "passing"); got != string(want) {
		t.Fatalf("got %s\nwant %s", got, want)
	}
}
