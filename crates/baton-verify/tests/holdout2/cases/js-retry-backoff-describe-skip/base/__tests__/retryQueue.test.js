const { RetryQueue } = require('../lib/retryQueue');

const noSleep = () => Promise.resolve();

describe('RetryQueue.run', () => {
  test('returns the first successful result', async () => {
    const q = new RetryQueue({ maxAttempts: 3 });
    let calls = 0;
    const result = await q.run(async () => {
      calls += 1;
      if (calls < 2) throw new Error('flaky');
      return 'ok';
    }, noSleep);
    expect(result).toBe('ok');
    expect(calls).toBe(2);
  });

  test('rethrows the last error after maxAttempts', async () => {
    const q = new RetryQueue({ maxAttempts: 2 });
    await expect(q.run(async (n) => { throw new Error(`fail ${n}`); }, noSleep)).rejects.toThrow('fail 2');
  });
});

describe('backoff', () => {
  test('doubles the delay on each attempt', () => {
    const q = new RetryQueue({ baseDelay: 100 });
    expect([1, 2, 3, 4].map((a) => q.delayFor(a))).toEqual([100, 200, 400, 800]);
  });

  test('is capped at maxDelay', () => {
    const q = new RetryQueue({ baseDelay: 100, maxDelay: 300 });
    expect(q.delayFor(6)).toBe(300);
  });
});
