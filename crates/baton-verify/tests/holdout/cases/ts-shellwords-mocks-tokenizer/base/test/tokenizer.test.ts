import { describe, it, expect } from 'vitest';
import { tokenize } from '../src/tokenizer';

describe('tokenize', () => {
  it('splits on whitespace', () => {
    expect(tokenize('git  commit -m')).toEqual(['git', 'commit', '-m']);
  });

  it('keeps quoted words together', () => {
    expect(tokenize('echo "a b"')).toEqual(['echo', 'a b']);
  });

  it('keeps escaped quotes inside a quoted word', () => {
    expect(tokenize('echo "say \\"hi\\""')).toEqual(['echo', 'say "hi"']);
  });
});
