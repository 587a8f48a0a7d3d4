import re
from typing import List, Tuple

Token = Tuple[str, str]

_TOKEN_RE = re.compile(
    r'\s*(?:(?P<lparen>\()|(?P<rparen>\))|(?P<string>"[^"]*")'
    r'|(?P<number>-?\d+(?:\.\d+)?)|(?P<symbol>[^\s()"]+))'
)


def tokenize(src: str) -> List[Token]:
    tokens: List[Token] = []
    pos = 0
    src = src.rstrip()
    while pos < len(src):
        m = _TOKEN_RE.match(src, pos)
        if not m or m.end() == pos:
            raise SyntaxError(f"unexpected character at {pos}: {src[pos]!r}")
        kind = m.lastgroup
        tokens.append((kind, m.group(kind)))
        pos = m.end()
    return tokens
