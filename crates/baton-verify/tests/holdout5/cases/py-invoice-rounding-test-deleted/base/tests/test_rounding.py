from decimal import Decimal
from billing.invoice import invoice_total


def test_total_rounded_to_cents():
    assert invoice_total([(1, 9.75)], 0.1) == Decimal("10.73")


def test_half_up():
    assert invoice_total([(1, 0.05)], 0.5) == Decimal("0.08")
