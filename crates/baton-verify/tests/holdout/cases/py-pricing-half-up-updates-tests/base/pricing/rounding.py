from decimal import Decimal, ROUND_HALF_EVEN

CENT = Decimal("0.01")


def round_price(value):
    """Round a price to cents (banker's rounding)."""
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_EVEN)
