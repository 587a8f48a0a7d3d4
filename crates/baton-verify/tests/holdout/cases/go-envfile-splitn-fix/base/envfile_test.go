package envfile

import (
	"strings"
	"testing"
)

func TestParseBasic(t *testing.T) {
	got, err := Parse(strings.NewReader("# db\nHOST=localhost\nPORT = 5432\nNAME=\"app\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"HOST": "localhost", "PORT": "5432", "NAME": "app"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
}

func TestParseMissingEquals(t *testing.T) {
	if _, err := Parse(strings.NewReader("JUSTAKEY\n")); err == nil {
		t.Fatal("expected error")
	}
}
