package ratelimit

import (
	"testing"
	"time"
)

func TestBurst(t *testing.T) {
	now := time.Unix(0, 0)
	l := New(2, func() time.Time { return now })
	if !l.Allow() || !l.Allow() || l.Allow() {
		t.Fatal("expected burst of 2")
	}
}

func TestRefill(t *testing.T) {
	now := time.Unix(0, 0)
	l := New(1, func() time.Time { return now })
	l.Allow()
	now = now.Add(time.Second)
	if !l.Allow() {
		t.Fatal("expected refill after one second")
	}
}
