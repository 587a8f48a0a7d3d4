from decimal import Decimal

# (max_kg, price) brackets per destination
BRACKETS = {
    "DE": [(2, Decimal("4.99")), (5, Decimal("7.49")), (10, Decimal("11.90")), (20, Decimal("19.90"))],
    "FR": [(2, Decimal("8.90")), (5, Decimal("12.50")), (10, Decimal("18.00")), (20, Decimal("27.00"))],
}
SURCHARGE_PER_KG = {"DE": Decimal("0.85"), "FR": Decimal("1.40")}


def quote(weight_kg, dest):
    """Price for a parcel; beyond the last bracket, add a per-kg surcharge."""
    for max_kg, price in BRACKETS[dest]:
        if weight_kg <= max_kg:
            return price
    raise KeyError(f"no bracket for {weight_kg} kg to {dest}")
