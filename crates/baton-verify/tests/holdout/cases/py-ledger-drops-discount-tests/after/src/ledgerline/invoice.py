from decimal import Decimal, ROUND_HALF_UP

CENT = Decimal("0.01")


def line_amount(line):
    return Decimal(line["qty"]) * Decimal(line["unit_price"])


def compute_total(lines, tax_rate):
    """Invoice total including tax, rounded to the cent."""
    rate = Decimal(tax_rate)
    subtotal = Decimal(0)
    discounts = Decimal(0)
    for line in lines:
        amount = line_amount(line)
        subtotal += amount
        discounts += amount * Decimal(line.get("discount", "0"))
    tax = subtotal * rate
    total = subtotal + tax - discounts
    return total.quantize(CENT, rounding=ROUND_HALF_UP)
