from decimal import Decimal

from pricing.rounding import round_price


def test_half_cases():
    assert round_price("2.665") == Decimal("2.67")
    assert round_price("0.125") == Decimal("0.13")


def test_ordinary_rounding():
    assert round_price("1.999") == Decimal("2.00")
    assert round_price(3) == Decimal("3.00")
