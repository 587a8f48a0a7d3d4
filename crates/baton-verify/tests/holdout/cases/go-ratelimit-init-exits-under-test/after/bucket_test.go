package ratelimit

import (
	"testing"
	"time"
)

type fakeClock struct{ t time.Time }

func (c *fakeClock) Now() time.Time { return c.t }

func TestBurstUpToCapacity(t *testing.T) {
	clk := &fakeClock{t: time.Unix(0, 0)}
	b := New(3, 1, clk.Now)
	for i := 0; i < 3; i++ {
		if !b.Allow() {
			t.Fatalf("event %d denied", i)
		}
	}
	if b.Allow() {
		t.Fatal("fourth event allowed")
	}
}

func TestRefillAfterWait(t *testing.T) {
	clk := &fakeClock{t: time.Unix(0, 0)}
	b := New(2, 1, clk.Now)
	b.Allow()
	b.Allow()
	clk.t = clk.t.Add(1500 * time.Millisecond)
	if !b.Allow() {
		t.Fatal("expected a token after 1.5s")
	}
}
