from decimal import Decimal

import pytest

from billing.tax import compute_tax


def test_standard_rate():
    assert compute_tax(Decimal("100.00")) == Decimal("19.00")


def test_reduced_rate():
    assert compute_tax(Decimal("100.00"), "reduced") == Decimal("7.00")


def test_reduced_rate_rounds_half_up():
    assert compute_tax(Decimal("0.50"), "reduced") == Decimal("0.04")


def test_unknown_category():
    with pytest.raises(ValueError):
        compute_tax(Decimal("1"), "luxury")
