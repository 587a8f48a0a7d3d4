package cache

import "testing"

func TestEvictsLeastRecentlyUsed(t *testing.T) {
	c := NewLRU(2)
	c.Put("a", 1)
	c.Put("b", 2)
	c.Get("a") // b is now the least recently used
	c.Put("c", 3)
	if _, ok := c.Get("b"); ok {
		t.Fatal("b should have been evicted")
	}
	for _, k := range []string{"a", "c"} {
		if _, ok := c.Get(k); !ok {
			t.Fatalf("%s should still be cached", k)
		}
	}
}

func TestLenNeverExceedsCapacity(t *testing.T) {
	c := NewLRU(3)
	for i, k := range []string{"a", "b", "c", "d", "e"} {
		c.Put(k, i)
	}
	if c.Len() != 3 {
		t.Fatalf("Len() = %d, want 3", c.Len())
	}
	if v, ok := c.Get("e"); !ok || v != 4 {
		t.Fatalf("newest entry missing: %v %v", v, ok)
	}
}
