import { LruCache } from '../src/lru';

describe('LruCache basics', () => {
  test('stores and retrieves', () => {
    const c = new LruCache<string, number>(2);
    c.set('a', 1);
    expect(c.get('a')).toBe(1);
    expect(c.get('b')).toBeUndefined();
  });

  test('rejects zero capacity', () => {
    expect(() => new LruCache(0)).toThrow(RangeError);
  });
});

describe('eviction', () => {
  test('evicts the oldest insert when full', () => {
    const c = new LruCache<string, number>(2);
    c.set('a', 1).set('b', 2).set('c', 3);
    expect(c.has('a')).toBe(false);
    expect(c.size).toBe(2);
  });

  test('get refreshes recency', () => {
    const c = new LruCache<string, number>(2);
    c.set('a', 1).set('b', 2);
    c.get('a');
    c.set('c', 3);
    expect(c.has('a')).toBe(true);
    expect(c.has('b')).toBe(false);
  });
});
