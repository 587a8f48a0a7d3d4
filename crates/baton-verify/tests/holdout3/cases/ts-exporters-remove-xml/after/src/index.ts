export { toCsv } from './csv';
export { toJson } from './json';
