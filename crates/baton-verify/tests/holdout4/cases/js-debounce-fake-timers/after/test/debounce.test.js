const { debounce } = require('../src/debounce');

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test('fires once after the burst with the last arguments', () => {
  const fn = jest.fn();
  const d = debounce(fn, 100);
  d(1);
  d(2);
  jest.advanceTimersByTime(99);
  expect(fn).not.toHaveBeenCalled();
  d(3);
  jest.advanceTimersByTime(100);
  expect(fn).toHaveBeenCalledTimes(1);
  expect(fn).toHaveBeenCalledWith(3);
});

test('leading fires immediately and not again at the end', () => {
  const fn = jest.fn();
  const d = debounce(fn, 50, { leading: true });
  d('a');
  d('b');
  expect(fn).toHaveBeenCalledTimes(1);
  expect(fn).toHaveBeenLastCalledWith('a');
  jest.advanceTimersByTime(50);
  expect(fn).toHaveBeenCalledTimes(1);
  d('c');
  expect(fn).toHaveBeenCalledTimes(2);
});

test('cancel drops the pending call', () => {
  const fn = jest.fn();
  const d = debounce(fn, 20);
  d();
  d.cancel();
  jest.runAllTimers();
  expect(fn).not.toHaveBeenCalled();
});
