from decimal import ROUND_HALF_EVEN, Decimal

from ._base import Record

MINOR_UNITS = {"USD": 2, "EUR": 2, "GBP": 2, "JPY": 0, "KWD": 3}


class Money(Record):
    __slots__ = ("amount", "currency")

    def __init__(self, amount, currency):
        self.amount = Decimal(str(amount))
        self.currency = currency

    def convert(self, currency, rate):
        places = MINOR_UNITS.get(self.currency, 2)
        quantum = Decimal(1).scaleb(-places)
        raw = self.amount * Decimal(str(rate))
        return Money(raw.quantize(quantum, rounding=ROUND_HALF_EVEN), currency)
