import { Diagnostic, Rule } from './types';

export const DEFAULT_RULES: Rule[] = [];

export function lint(source: string, rules: Rule[] = DEFAULT_RULES): Diagnostic[] {
  const lines = source.split('\n');
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    out.push(...rule.check(lines, source));
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}
