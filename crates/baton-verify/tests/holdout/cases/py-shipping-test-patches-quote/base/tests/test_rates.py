from decimal import Decimal

from shipping.rates import quote


def test_quote_small_parcel():
    assert quote(1.5, "DE") == Decimal("4.99")


def test_quote_bracket_edge():
    assert quote(10, "FR") == Decimal("18.00")


def test_quote_for_heavy_parcel():
    # 20 kg bracket + 5 kg * 0.85
    assert quote(25, "DE") == Decimal("24.15")
