export interface Duration {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const RE = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Parse an ISO-8601 duration limited to days and time parts, e.g. "P1DT2H30M". */
export function parseIsoDuration(input: string): Duration {
  const m = RE.exec(input.trim());
  if (!m || input.trim() === 'P' || input.trim().endsWith('T')) {
    throw new Error(`invalid ISO-8601 duration: ${input}`);
  }
  const [, d, h, min, s] = m;
  return {
    days: Number(d ?? 0),
    hours: Number(h ?? 0),
    minutes: Number(h ?? 0) && Number(min ?? 0) ? Number(min) : 0,
    seconds: Number(s ?? 0),
  };
}

export function toSeconds(d: Duration): number {
  return d.days * 86400 + d.hours * 3600 + d.minutes * 60 + d.seconds;
}
