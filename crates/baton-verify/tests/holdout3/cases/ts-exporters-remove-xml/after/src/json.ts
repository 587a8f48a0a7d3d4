import { Row } from './types';

export function toJson(rows: Row[], pretty = false): string {
  return JSON.stringify(rows, null, pretty ? 2 : undefined) + '\n';
}
