import json


def save(inventory, path):
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(inventory._stock, fh, sort_keys=True)


def load(inventory_cls, path):
    inv = inventory_cls()
    with open(path, encoding="utf-8") as fh:
        for sku, qty in json.load(fh).items():
            if qty:
                inv.add(sku, qty)
    return inv
