package ratelimit

import (
	"math"
	"time"
)

// Bucket is a token bucket rate limiter.
type Bucket struct {
	capacity int
	tokens   float64
	rate     float64 // tokens per second
	last     time.Time
	now      func() time.Time
}

// New returns a full bucket.
func New(capacity int, perSecond float64, now func() time.Time) *Bucket {
	if now == nil {
		now = time.Now
	}
	return &Bucket{capacity: capacity, tokens: float64(capacity), rate: perSecond, last: now(), now: now}
}

// Allow reports whether one more event may happen now.
func (b *Bucket) Allow() bool {
	t := b.now()
	b.last = t
	elapsed := t.Sub(b.last).Seconds()
	b.tokens = math.Min(float64(b.capacity), b.tokens+elapsed*b.rate)
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
