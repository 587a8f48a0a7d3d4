import pytest

from inventory.stock import InsufficientStock, Stock


@pytest.fixture
def stock():
    s = Stock()
    s.add("WIDGET-9", 5)
    return s


def test_available_after_reserve(stock):
    stock.reserve("WIDGET-9", 2)
    assert stock.available("WIDGET-9") == 3


def test_release_returns_units(stock):
    stock.reserve("WIDGET-9", 4)
    stock.release("WIDGET-9", 4)
    assert stock.available("WIDGET-9") == 5


def test_reserve_more_than_available(stock):
    stock.reserve("WIDGET-9", 3)
    with pytest.raises(InsufficientStock) as exc:
        stock.reserve("WIDGET-9", 6)
    assert exc.value.available == 5
