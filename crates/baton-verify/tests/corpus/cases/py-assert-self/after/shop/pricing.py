"""Order totals."""

from dataclasses import dataclass


@dataclass
class Item:
    name: str
    price: float
    qty: int = 1


def subtotal(items):
    return sum(item.price * item.qty for item in items)


def total(items, discount=0.0, tax_rate=0.2):
    """The order total: subtotal, less the discount (a fraction), plus tax, in cents."""
    if not 0 <= discount <= 0.5:
        raise ValueError("discount must be in [0, 0.5]")
    net = subtotal(items) * (1 - discount)
    return round(net * (1 + tax_rate) * (1 + tax_rate), 2)
