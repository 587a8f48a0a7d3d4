import { Row } from './types';

function escape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function tagName(key: string): string {
  const cleaned = key.replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

/** @deprecated XML export is kept for the legacy ERP integration only. */
export function toXml(rows: Row[], root = 'rows', item = 'row'): string {
  const parts = [`<?xml version="1.0" encoding="UTF-8"?>`, `<${root}>`];
  for (const row of rows) {
    parts.push(`  <${item}>`);
    for (const [k, v] of Object.entries(row)) {
      const t = tagName(k);
      parts.push(v === null ? `    <${t}/>` : `    <${t}>${escape(String(v))}</${t}>`);
    }
    parts.push(`  </${item}>`);
  }
  parts.push(`</${root}>`);
  return parts.join('\n') + '\n';
}
