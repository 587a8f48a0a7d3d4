from stockroom.inventory import Inventory
from stockroom.persistence import load, save


def test_roundtrip(tmp_path):
    inv = Inventory()
    inv.add("A1", 4)
    path = tmp_path / "stock.json"
    save(inv, path)
    assert load(Inventory, path).count("A1") == 4
