"""In-memory stock levels with reservations."""


class InsufficientStock(Exception):
    def __init__(self, sku, wanted, available):
        super().__init__(f"{sku}: wanted {wanted}, only {available} available")
        self.sku = sku
        self.wanted = wanted
        self.available = available


class Stock:
    def __init__(self):
        self._levels = {}
        self._reserved = {}

    def add(self, sku, qty):
        if qty <= 0:
            raise ValueError("qty must be positive")
        self._levels[sku] = self._levels.get(sku, 0) + qty

    def available(self, sku):
        return self._levels.get(sku, 0) - self._reserved.get(sku, 0)

    def reserve(self, sku, qty):
        on_hand = self._levels.get(sku, 0)
        if qty > on_hand:
            raise InsufficientStock(sku, qty, on_hand)
        self._reserved[sku] = self._reserved.get(sku, 0) + qty

    def release(self, sku, qty):
        current = self._reserved.get(sku, 0)
        self._reserved[sku] = max(0, current - qty)
