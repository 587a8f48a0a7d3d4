from .invoice import compute_total, line_amount

__all__ = ["compute_total", "line_amount"]
