import { parseIsoDuration, toSeconds } from '../src/iso-duration';

describe('parseIsoDuration', () => {
  it('parses days and time', () => {
    expect(parseIsoDuration('P1DT2H30M')).toEqual({ days: 1, hours: 2, minutes: 30, seconds: 0 });
  });

  it('parses minutes without hours', () => {
    expect(parseIsoDuration('PT45M')).toEqual({ days: 0, hours: 0, minutes: 45, seconds: 0 });
  });

  it('parses fractional seconds', () => {
    expect(parseIsoDuration('PT1.5S').seconds).toBe(1.5);
  });

  it('rejects garbage', () => {
    expect(() => parseIsoDuration('1 hour')).toThrow(/invalid/);
    expect(() => parseIsoDuration('PT')).toThrow(/invalid/);
  });
});

describe('toSeconds', () => {
  it('sums all parts', () => {
    expect(toSeconds({ days: 1, hours: 1, minutes: 1, seconds: 1 })).toBe(90061);
  });
});
