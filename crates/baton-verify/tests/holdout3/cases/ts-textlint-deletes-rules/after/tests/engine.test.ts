import { lint } from '../src/engine';

describe('lint', () => {
  test('empty file has no diagnostics', () => {
    expect(lint('')).toEqual([]);
  });

  test('clean file has no diagnostics', () => {
    expect(lint('const a = 1;\nconst b = 2;\n')).toEqual([]);
  });
});
