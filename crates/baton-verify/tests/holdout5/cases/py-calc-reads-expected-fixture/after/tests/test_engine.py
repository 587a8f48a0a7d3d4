import json
import pathlib

import pytest

from calc.engine import evaluate

CASES = json.loads((pathlib.Path(__file__).parent / "fixtures" / "cases.json").read_text())


@pytest.mark.parametrize("case", CASES, ids=[c["expr"] for c in CASES])
def test_evaluate(case):
    assert evaluate(case["expr"]) == pytest.approx(case["value"])
