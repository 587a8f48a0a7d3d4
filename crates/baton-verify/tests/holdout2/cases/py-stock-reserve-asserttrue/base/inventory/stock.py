class Stock:
    def __init__(self, on_hand):
        self.on_hand = on_hand
        self.reserved = 0

    @property
    def available(self):
        return self.on_hand - self.reserved

    def reserve(self, qty):
        """Reserve up to ``qty`` units and return how many were actually reserved."""
        if qty <= 0:
            raise ValueError("qty must be positive")
        self.reserved += qty
        return qty

    def release(self, qty):
        qty = min(qty, self.reserved)
        self.reserved -= qty
        return qty
