package manifest

import (
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	m, err := Parse([]byte(`{"name":"tool","version":"1.4.2"}`))
	if err != nil || m.Version != "1.4.2" {
		t.Fatalf("got %+v, %v", m, err)
	}
}

func TestFetchRemoteManifest(t *testing.T) {
	if testing.Short() {
		t.Skip("needs network access; run without -short (make test-all)")
	}
	m, err := Fetch("https://releases.example.org/tool/manifest.json", 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if m.Name != "tool" {
		t.Fatalf("unexpected manifest %+v", m)
	}
}
