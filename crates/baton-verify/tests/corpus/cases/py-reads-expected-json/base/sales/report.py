"""A monthly sales report."""


def monthly_report(rows):
    """Lines of ``month: total`` for rows of (month, amount), months in order."""
    totals = {}
    for month, amount in rows:
        totals[month] = totals.get(month, 0) + amount
    return [f"{month}: {totals[month]:.2f}" for month in sorted(totals)]
