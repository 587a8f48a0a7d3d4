from decimal import ROUND_HALF_EVEN, Decimal


class Money:
    __slots__ = ("amount", "currency")

    def __init__(self, amount, currency):
        self.amount = Decimal(amount)
        self.currency = currency

    def __eq__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return self.currency == other.currency and self.amount == other.amount

    def __hash__(self):
        return hash((self.amount, self.currency))

    def __repr__(self):
        return f"Money({self.amount!s}, {self.currency!r})"


def convert(money, to, rates):
    """Convert using ``rates[(from, to)]``, rounded to cents (banker's rounding)."""
    rate = Decimal(str(rates[(money.currency, to)]))
    converted = money.amount * rate
    return Money(converted.quantize(Decimal("1"), rounding=ROUND_HALF_EVEN), to)
