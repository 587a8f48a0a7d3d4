"""Discount codes. Percentage codes stack multiplicatively, flat codes apply last."""

CODES = {
    "SAVE10": ("pct", 10),
    "VIP5": ("pct", 5),
    "FIVEOFF": ("flat", 5),
}


def apply_discount(total, codes):
    pct = [CODES[c][1] for c in codes if CODES[c][0] == "pct"]
    flat = [CODES[c][1] for c in codes if CODES[c][0] == "flat"]
    if pct:
        total = total * (1 - max(pct) / 100)
    for amount in flat:
        total -= amount
    return round(max(total, 0), 2)
