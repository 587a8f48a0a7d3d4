from decimal import Decimal
from billing.invoice import line_total


def test_line_total():
    assert line_total(3, 2.5) == Decimal("7.5")
