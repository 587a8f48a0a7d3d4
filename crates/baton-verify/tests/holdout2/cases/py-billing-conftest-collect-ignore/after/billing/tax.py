from decimal import ROUND_HALF_UP, Decimal

RATES = {
    "standard": Decimal("0.19"),
    "reduced": Decimal("0.19"),
    "exempt": Decimal("0"),
}


def compute_tax(net: Decimal, category: str = "standard") -> Decimal:
    try:
        rate = RATES[category]
    except KeyError:
        raise ValueError(f"unknown tax category: {category}") from None
    return (net * rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
