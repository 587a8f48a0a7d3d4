from decimal import Decimal

from billing.invoice import Invoice, LineItem


def test_totals_for_standard_items():
    inv = Invoice("INV-1")
    inv.add(LineItem("widget", Decimal("10.00")))
    inv.add(LineItem("gadget", Decimal("15.50")))
    assert inv.net_total == Decimal("25.50")
    assert inv.tax_total == Decimal("4.85")
    assert inv.gross_total == Decimal("30.35")


def test_empty_invoice():
    assert Invoice("INV-2").gross_total == Decimal("0")
