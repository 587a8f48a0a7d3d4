"""Customer notifications."""


def order_summary(order) -> str:
    lines = [f"{item['name']} x{item['qty']}" for item in order["items"]]
    return "\n".join(lines)


def send_receipt(order, mailer) -> None:
    """Mail the order summary to the customer."""
    pass
