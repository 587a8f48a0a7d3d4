from decimal import Decimal, ROUND_HALF_UP


def line_total(qty, unit_price):
    return Decimal(qty) * Decimal(str(unit_price))


def invoice_total(lines, tax_rate):
    subtotal = sum((line_total(q, p) for q, p in lines), Decimal("0"))
    tax = subtotal * Decimal(str(tax_rate))
    return subtotal + tax
