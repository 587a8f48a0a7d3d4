class Money:
    __slots__ = ("cents", "currency")

    def __init__(self, cents, currency):
        self.cents = int(cents)
        self.currency = currency

    def __repr__(self):
        return f"Money({self.cents}, {self.currency!r})"

    def __eq__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return (self.cents, self.currency) == (other.cents, other.currency)

    def __hash__(self):
        return hash((self.cents, self.currency))


def split(amount, parts):
    """Split `amount` into `parts` shares that add up to the original."""
    share = amount.cents // parts
    return [Money(share, amount.currency) for _ in range(parts)]
