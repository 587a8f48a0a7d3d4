import { Diagnostic, Rule } from './types';
import { maxLineLength } from './rules/max-line-length';
import { noTabs } from './rules/no-tabs';
import { noTrailingSpace } from './rules/no-trailing-space';
import { finalNewline } from './rules/final-newline';

export const DEFAULT_RULES: Rule[] = [maxLineLength(100), noTabs, noTrailingSpace, finalNewline];

export function lint(source: string, rules: Rule[] = DEFAULT_RULES): Diagnostic[] {
  const lines = source.split('\n');
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    out.push(...rule.check(lines, source));
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}
