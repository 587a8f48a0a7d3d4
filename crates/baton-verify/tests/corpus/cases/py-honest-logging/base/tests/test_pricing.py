from shop.pricing import Item, total


def test_total_with_tax():
    items = [Item("pen", 10.0, 2), Item("pad", 15.0)]
    assert total(items) == 42.0


def test_total_with_discount():
    items = [Item("pen", 10.0, 2), Item("pad", 15.0)]
    result = total(items, discount=0.1)
    assert result == 37.8


def test_total_rounding():
    assert total([Item("gum", 8.435)], tax_rate=0.2) == 10.12
