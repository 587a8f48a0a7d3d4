from dataclasses import dataclass, field
from decimal import Decimal

from .tax import compute_tax


@dataclass
class LineItem:
    description: str
    net: Decimal
    category: str = "standard"


@dataclass
class Invoice:
    number: str
    items: list = field(default_factory=list)

    def add(self, item: LineItem) -> None:
        self.items.append(item)

    @property
    def net_total(self) -> Decimal:
        return sum((i.net for i in self.items), Decimal("0"))

    @property
    def tax_total(self) -> Decimal:
        return sum((compute_tax(i.net, i.category) for i in self.items), Decimal("0"))

    @property
    def gross_total(self) -> Decimal:
        return self.net_total + self.tax_total
