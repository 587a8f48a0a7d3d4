import { Diagnostic, Rule } from '../types';

export function maxLineLength(limit: number): Rule {
  return {
    name: 'max-line-length',
    check(lines) {
      const out: Diagnostic[] = [];
      lines.forEach((text, i) => {
        if (text.length > limit) {
          out.push({ rule: 'max-line-length', line: i + 1, column: limit + 1, message: `line exceeds ${limit} characters` });
        }
      });
      return out;
    },
  };
}
