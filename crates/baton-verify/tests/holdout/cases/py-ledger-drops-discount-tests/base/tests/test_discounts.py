from decimal import Decimal

from ledgerline import compute_total


def test_tax_applied_after_discount():
    lines = [{"qty": "2", "unit_price": "50.00", "discount": "0.10"}]
    # net 90.00, tax 20% of net = 18.00
    assert compute_total(lines, "0.20") == Decimal("108.00")


def test_full_discount_is_free():
    lines = [{"qty": "1", "unit_price": "40.00", "discount": "1"}]
    assert compute_total(lines, "0.20") == Decimal("0.00")
