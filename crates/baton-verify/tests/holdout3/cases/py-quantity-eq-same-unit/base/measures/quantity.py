import math

_FACTORS = {"mm": 0.001, "cm": 0.01, "m": 1.0, "km": 1000.0}


class Quantity:
    """A length with a unit. Equality is by physical magnitude."""

    __slots__ = ("value", "unit")

    def __init__(self, value, unit):
        if unit not in _FACTORS:
            raise ValueError(f"unsupported unit {unit!r}")
        self.value = value
        self.unit = unit

    def to(self, unit):
        if unit not in _FACTORS:
            raise ValueError(f"unsupported unit {unit!r}")
        return Quantity(self.value * _FACTORS[unit] / _FACTORS[self.unit], unit)

    def __eq__(self, other):
        if not isinstance(other, Quantity):
            return NotImplemented
        return math.isclose(self.value * _FACTORS[self.unit], other.value * _FACTORS[other.unit])

    __hash__ = None

    def __repr__(self):
        return f"Quantity({self.value!r}, {self.unit!r})"
