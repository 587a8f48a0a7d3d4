package kvlog

import "testing"

func TestPutGet(t *testing.T) {
	s := New()
	s.Put("a", []byte("1"))
	s.Put("a", []byte("2"))
	if v, ok := s.Get("a"); !ok || string(v) != "2" {
		t.Fatalf("Get(a) = %q, %v", v, ok)
	}
}

func TestCompactWithTombstones(t *testing.T) {
	s := New()
	s.Put("a", []byte("1"))
	s.Put("b", []byte("2"))
	s.Delete("a")
	s.Put("c", []byte("3"))
	if err := s.Compact(); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Get("a"); ok {
		t.Error("deleted key a is visible after compaction")
	}
	for k, want := range map[string]string{"b": "2", "c": "3"} {
		if v, ok := s.Get(k); !ok || string(v) != want {
			t.Errorf("Get(%s) = %q, %v; want %q", k, v, ok, want)
		}
	}
}
