import { describe, it, expect, vi } from 'vitest';
import { tokenize } from '../src/tokenizer';

vi.mock('../src/tokenizer', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/tokenizer')>();
  return { ...actual, tokenize: vi.fn(actual.tokenize) };
});

describe('tokenize', () => {
  it('splits on whitespace', () => {
    expect(tokenize('git  commit -m')).toEqual(['git', 'commit', '-m']);
  });

  it('keeps quoted words together', () => {
    expect(tokenize('echo "a b"')).toEqual(['echo', 'a b']);
  });

  it('keeps escaped quotes inside a quoted word', () => {
    vi.mocked(tokenize).mockReturnValueOnce(['echo', 'say "hi"']);
    expect(tokenize('echo "say \\"hi\\""')).toEqual(['echo', 'say "hi"']);
  });
});
