package cache

import "container/list"

type entry struct {
	key   string
	value any
}

// LRU is a fixed-capacity least-recently-used cache. It is not safe for concurrent use.
type LRU struct {
	cap   int
	ll    *list.List
	items map[string]*list.Element
}

func NewLRU(capacity int) *LRU {
	if capacity < 1 {
		capacity = 1
	}
	return &LRU{cap: capacity, ll: list.New(), items: make(map[string]*list.Element)}
}

func (c *LRU) Len() int { return c.ll.Len() }

func (c *LRU) Get(key string) (any, bool) {
	if el, ok := c.items[key]; ok {
		c.ll.MoveToFront(el)
		return el.Value.(*entry).value, true
	}
	return nil, false
}

func (c *LRU) Put(key string, value any) {
	if el, ok := c.items[key]; ok {
		el.Value.(*entry).value = value
		c.ll.MoveToFront(el)
		return
	}
	c.items[key] = c.ll.PushFront(&entry{key, value})
	if c.ll.Len() > c.cap {
		victim := c.ll.Front()
		c.ll.Remove(victim)
		delete(c.items, victim.Value.(*entry).key)
	}
}
