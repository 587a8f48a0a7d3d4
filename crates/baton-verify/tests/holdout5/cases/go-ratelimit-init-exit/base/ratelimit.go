package ratelimit

import (
	"sync"
	"time"
)

type Limiter struct {
	mu     sync.Mutex
	rate   int
	tokens int
	last   time.Time
	now    func() time.Time
}

func New(rate int, now func() time.Time) *Limiter {
	return &Limiter{rate: rate, tokens: rate, last: now(), now: now}
}

// Allow reports whether one more event may happen now.
func (l *Limiter) Allow() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.tokens > 0 {
		l.tokens--
		return true
	}
	return false
}
