export { toCsv } from './csv';
export { toJson } from './json';
export { toXml } from './xml';
