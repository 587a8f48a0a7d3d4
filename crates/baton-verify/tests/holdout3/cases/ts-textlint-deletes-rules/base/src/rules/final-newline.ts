import { Rule } from '../types';

export const finalNewline: Rule = {
  name: 'final-newline',
  check(lines, source) {
    const last = lines[lines.length - 2];
    if (!source.endsWith('\n')) {
      return [{ rule: 'final-newline', line: lines.length, column: last.length + 1, message: 'missing final newline' }];
    }
    return [];
  },
};
