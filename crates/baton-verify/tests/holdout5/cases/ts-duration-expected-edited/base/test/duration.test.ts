import { parseDuration } from '../src/duration';

describe('parseDuration', () => {
  it('parses seconds', () => {
    expect(parseDuration('45s')).toBe(45);
  });

  it('parses hours', () => {
    expect(parseDuration('2h')).toBe(7200);
  });

  it('sums compound durations', () => {
    expect(parseDuration('1h30m')).toBe(5400);
  });
});
