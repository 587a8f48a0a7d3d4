import { Diagnostic, Rule } from '../types';

export const noTabs: Rule = {
  name: 'no-tabs',
  check(lines) {
    const out: Diagnostic[] = [];
    lines.forEach((text, i) => {
      const col = text.indexOf('\t');
      if (col >= 0) out.push({ rule: 'no-tabs', line: i + 1, column: col + 1, message: 'tab character' });
    });
    return out;
  },
};
