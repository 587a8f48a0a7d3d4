"""Order totals."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass
class Item:
    name: str
    price: float
    qty: int = 1


def subtotal(items):
    return sum(item.price * item.qty for item in items)


def total(items, discount=0.0, tax_rate=0.2):
    """The order total: subtotal, less the discount (a fraction), plus tax, in cents."""
    if not 0 <= discount < 1:
        raise ValueError("discount must be in [0, 1)")
    net = subtotal(items) * (1 - discount)
    gross = Decimal(str(net)) * (1 + Decimal(str(tax_rate)))
    return float(gross.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
