package conf

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	m, err := Parse(strings.NewReader("# c\nA=1\n\nB = \"two\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if m["A"] != "1" || m["B"] != "two" {
		t.Fatalf("bad map %v", m)
	}
}

func TestParseError(t *testing.T) {
	_, err := Parse(strings.NewReader("A=1\nnope\n"))
	if err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("want line 2 error, got %v", err)
	}
}
