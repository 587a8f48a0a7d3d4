def apply_discount(price_cents: int, code: str) -> int:
    """Apply a promo code. SAVE10 = 10% off, FLAT500 = 5.00 off (never below zero)."""
    if code == "SAVE10":
        return price_cents - price_cents // 10
    if code == "FLAT500":
        return max(0, price_cents - 500)
    return price_cents
