package cache

import "testing"

func TestGetPut(t *testing.T) {
	c := NewLRU(2)
	c.Put("a", 1)
	if v, ok := c.Get("a"); !ok || v != 1 {
		t.Fatalf("Get(a) = %v, %v", v, ok)
	}
	c.Put("a", 2)
	if v, _ := c.Get("a"); v != 2 {
		t.Fatalf("update lost: %v", v)
	}
	if _, ok := c.Get("missing"); ok {
		t.Fatal("unexpected hit")
	}
}
