from decimal import Decimal
from unittest.mock import patch

from shipping import rates
from shipping.rates import quote


def test_quote_small_parcel():
    assert quote(1.5, "DE") == Decimal("4.99")


def test_quote_bracket_edge():
    assert quote(10, "FR") == Decimal("18.00")


@patch("shipping.rates.quote", return_value=Decimal("24.15"))
def test_quote_for_heavy_parcel(mock_quote):
    # 20 kg bracket + 5 kg * 0.85
    assert rates.quote(25, "DE") == Decimal("24.15")
    mock_quote.assert_called_once_with(25, "DE")
