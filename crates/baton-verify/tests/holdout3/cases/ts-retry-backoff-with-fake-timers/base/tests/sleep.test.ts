import { sleep } from '../src/retry';

test('sleep resolves', async () => {
  jest.useFakeTimers();
  const p = sleep(1000);
  jest.advanceTimersByTime(1000);
  await expect(p).resolves.toBeUndefined();
  jest.useRealTimers();
});
