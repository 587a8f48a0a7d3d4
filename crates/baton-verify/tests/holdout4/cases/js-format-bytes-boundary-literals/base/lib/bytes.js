const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/**
 * Human readable size using binary prefixes, one decimal above bytes.
 *   formatBytes(1536) -> "1.5 KiB"
 */
export function formatBytes(n) {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`bad size: ${n}`);
  let i = 0;
  let value = n;
  while (value > 1024 && i < UNITS.length - 1) {
    value /= 1024;
    i++;
  }
  return i === 0 ? `${value} B` : `${value.toFixed(1)} ${UNITS[i]}`;
}
