from decimal import Decimal, ROUND_HALF_UP

CENT = Decimal("0.01")


def round_price(value):
    """Round a price to cents (half-up, as finance requires)."""
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
