import json
from pathlib import Path

from sales.report import monthly_report

FIXTURES = Path(__file__).parent / "fixtures"


def test_report_matches_expected():
    rows = [("2024-02", 5.0), ("2024-01", 10.0), ("2024-01", 2.5)]
    expected = json.loads((FIXTURES / "expected.json").read_text())
    assert monthly_report(rows) == expected
