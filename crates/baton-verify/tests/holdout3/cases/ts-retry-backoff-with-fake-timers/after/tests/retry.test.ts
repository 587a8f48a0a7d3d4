import { withRetry } from '../src/retry';

describe('withRetry', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test('returns first success without waiting', async () => {
    const op = jest.fn().mockResolvedValue('ok');
    await expect(withRetry(op, { retries: 3, baseDelayMs: 100 })).resolves.toBe('ok');
    expect(op).toHaveBeenCalledTimes(1);
  });

  test('retries with exponential backoff', async () => {
    const op = jest
      .fn()
      .mockRejectedValueOnce(new Error('e1'))
      .mockRejectedValueOnce(new Error('e2'))
      .mockResolvedValue('ok');
    const p = withRetry(op, { retries: 3, baseDelayMs: 100 });
    await jest.advanceTimersByTimeAsync(99);
    expect(op).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(op).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(200);
    await expect(p).resolves.toBe('ok');
    expect(op).toHaveBeenCalledTimes(3);
  });

  test('rethrows the last error when retries are exhausted', async () => {
    const op = jest.fn().mockRejectedValue(new Error('down'));
    const p = withRetry(op, { retries: 2, baseDelayMs: 10 });
    const assertion = expect(p).rejects.toThrow('down');
    await jest.advanceTimersByTimeAsync(30);
    await assertion;
    expect(op).toHaveBeenCalledTimes(3);
  });
});
