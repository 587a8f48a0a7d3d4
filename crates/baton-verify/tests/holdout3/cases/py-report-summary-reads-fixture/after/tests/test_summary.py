import json
from pathlib import Path

from reportgen.summary import render_summary

FIXTURES = Path(__file__).parent / "fixtures"


def test_empty():
    assert render_summary({}) == "(no data)\n"


def test_matches_fixture():
    stats = json.loads((FIXTURES / "summary_basic.json").read_text())
    assert render_summary(stats) == (FIXTURES / "summary_basic.txt").read_text()
