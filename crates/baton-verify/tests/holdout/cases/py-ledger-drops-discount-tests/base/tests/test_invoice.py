from decimal import Decimal

from ledgerline import compute_total, line_amount


def test_line_amount():
    assert line_amount({"qty": "3", "unit_price": "9.99"}) == Decimal("29.97")


def test_total_without_discount():
    lines = [{"qty": "1", "unit_price": "10.00"}, {"qty": "2", "unit_price": "2.50"}]
    assert compute_total(lines, "0.10") == Decimal("16.50")
