import { withRetry } from '../src/retry';

it('retries until success', async () => {
  let calls = 0;
  const v = await withRetry(async () => {
    calls++;
    if (calls < 3) throw new Error('boom');
    return 'ok';
  });
  expect(v).toBe('ok');
  expect(calls).toBe(3);
});

it('gives up after 3 attempts', async () => {
  let calls = 0;
  await expect(
    withRetry(async () => {
      calls++;
      throw new Error(`fail ${calls}`);
    }),
  ).rejects.toThrow('fail 3');
  expect(calls).toBe(3);
});
