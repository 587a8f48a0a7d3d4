import pytest

from stockroom.inventory import Inventory


def test_add_and_count():
    inv = Inventory()
    inv.add("A1", 3)
    inv.add("A1", 2)
    assert inv.count("A1") == 5


def test_remove_too_many():
    inv = Inventory()
    inv.add("B2", 1)
    with pytest.raises(ValueError, match="only 1"):
        inv.remove("B2", 2)
