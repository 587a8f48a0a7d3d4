import json
from pathlib import Path

import pytest

from sexpr import tokenize

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.json")), ids=lambda p: p.stem)
def test_fixture(path):
    case = json.loads(path.read_text())
    assert tokenize(case["source"]) == [tuple(t) for t in case["tokens"]]


def test_rejects_stray_quote():
    with pytest.raises(SyntaxError):
        tokenize('(a "b)')
