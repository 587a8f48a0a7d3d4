import json
from pathlib import Path

import pytest

from sudoku import solve

FIXTURES = json.loads((Path(__file__).parent / "fixtures" / "puzzles.json").read_text())


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_solves_fixture(name):
    assert solve(FIXTURES[name]["puzzle"]) == FIXTURES[name]["solution"]
