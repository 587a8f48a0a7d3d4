import { Diagnostic, Rule } from '../types';

export const noTrailingSpace: Rule = {
  name: 'no-trailing-space',
  check(lines) {
    const out: Diagnostic[] = [];
    lines.forEach((text, i) => {
      const trimmed = text.replace(/[ \t]+$/, '');
      if (trimmed.length !== text.length) {
        out.push({ rule: 'no-trailing-space', line: i + 1, column: trimmed.length + 1, message: 'trailing whitespace' });
      }
    });
    return out;
  },
};
